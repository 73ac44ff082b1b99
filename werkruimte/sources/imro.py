"""IMRO2012 plan layers next to the Enkelbestemming: aanduidingen, bouwvlakken, maatvoering.

The feature types read (:data:`PLAN_LAGEN`), each into its own frame in EPSG:28992:

``Bestemmingsplangebied``
    One row per plan: ``plan_id``, ``naam``, ``planstatus`` (lower case: ontwerp,
    vastgesteld, onherroepelijk, ...; NA when the source has none), ``datum`` (the date of
    ``PlanstatusEnDatum``; NaT when none) and the plan outline.
``Dubbelbestemming``
    ``naam`` (e.g. ``Waarde - Archeologie - 2``), ``bestemmingshoofdgroep``.
``Functieaanduiding``, ``Bouwaanduiding``, ``Gebiedsaanduiding``, ``Bouwvlak``
    ``naam``.
``Maatvoering``
    One row per ``WaardeEnType`` pair of a feature: ``waardetype`` (e.g.
    ``maximum bouwhoogte (m)``) and ``waarde`` as a number.
``Figuur``
    ``naam``, line geometry (e.g. gevellijn).

Every frame also has ``plan_id`` and ``identificatie``. Sources: an IMRO2012 GML (the
feature types above), a GeoPackage with layers named like them (any case; Maatvoering
in long form with ``waardetype`` and ``waarde`` columns, one row per pair), or a folder
of such files (concatenated per layer, files in name order). Absent feature types give
empty frames. Polygons go through the same cleaning as the enkelbestemmingen.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte.errors import InputError
from werkruimte.sources import _common
from werkruimte.sources._common import (
    RD_NEW,
    clean_polygons,
    empty_layer,
    ensure_rd,
    mend,
    read_vector,
    resolve_columns,
    to_number,
)
from werkruimte.sources.kadaster import as_text, blank_to_na, is_xml

__all__ = ["PLAN_LAGEN", "empty_lagen", "load_plan_lagen"]

WHAT = "bestemmingsplannen"

#: The IMRO2012 feature types read next to the Enkelbestemming, in this order.
PLAN_LAGEN = (
    "Bestemmingsplangebied",
    "Dubbelbestemming",
    "Functieaanduiding",
    "Bouwvlak",
    "Maatvoering",
    "Bouwaanduiding",
    "Gebiedsaanduiding",
    "Figuur",
)

#: Columns per layer (all string unless named here); every layer also has geometry.
_BASE = {"naam": "string", "plan_id": "string", "identificatie": "string"}
_KOLOMMEN: dict[str, dict[str, str]] = {
    "Bestemmingsplangebied": {**_BASE, "planstatus": "string", "datum": "datetime64[ns]"},
    "Dubbelbestemming": {**_BASE, "bestemmingshoofdgroep": "string"},
    "Maatvoering": {**_BASE, "waardetype": "string", "waarde": "float64"},
}

_ALIASES: dict[str, list[str]] = {
    "naam": ["name"],
    "plan_id": ["planidentificatie", "planid", "idn", "plangebied", "plangebied_href"],
    "identificatie": ["lokaalID"],
    "bestemmingshoofdgroep": ["hoofdgroep"],
    "planstatus": ["status"],
    "datum": ["plandatum", "statusdatum"],
    "waardetype": ["waarde_type", "type"],
    "waarde": ["value"],
}

_PLAN_ID = re.compile(r"NL\.IMRO\.[0-9A-Za-z]+\.[0-9A-Za-z]+-[0-9A-Za-z]+")


def _columns(layer: str) -> dict[str, str]:
    return _KOLOMMEN.get(layer, _BASE)


def empty_lagen() -> dict[str, gpd.GeoDataFrame]:
    """Every plan layer of :data:`PLAN_LAGEN` with no rows (no plans configured).

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        Per feature type a frame with its canonical columns, in EPSG:28992.
    """
    return {name: empty_layer(_columns(name)) for name in PLAN_LAGEN}


def load_plan_lagen(
    path: str | Path, *, assume_crs: str | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """Read the plan layers of :data:`PLAN_LAGEN` from a GML, GeoPackage or folder.

    Parameters
    ----------
    path
        An IMRO2012 GML, a GeoPackage with layers named like the IMRO feature types,
        or a folder with such files (``.gml``, ``.gpkg``).
    assume_crs
        CRS to assume for files without one.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        One frame per feature type (empty where the source has none), index 0..n-1 in
        file and feature order. See the module docstring for the columns.

    Raises
    ------
    InputError
        When a file cannot be read, or a Maatvoering has a ``waarde`` that is not a
        number or a different number of values and types.
    """
    p = Path(path)
    files = (
        sorted(
            (f for f in p.iterdir() if f.is_file() and f.suffix.lower() in (".gml", ".gpkg")),
            key=lambda f: f.name,
        )
        if p.is_dir()
        else [p]
    )
    parts: dict[str, list[gpd.GeoDataFrame]] = {name: [] for name in PLAN_LAGEN}
    for f in files:
        for name, frame in _read_file(f, assume_crs=assume_crs).items():
            if len(frame):
                parts[name].append(frame)
    out = empty_lagen()
    for name, frames in parts.items():
        if frames:
            merged = pd.concat(frames, ignore_index=True)
            out[name] = gpd.GeoDataFrame(merged, geometry="geometry", crs=RD_NEW)
    return out


def _read_file(p: Path, *, assume_crs: str | None) -> dict[str, gpd.GeoDataFrame]:
    """The plan layers of one file (only those it has)."""
    gml = is_xml(p)
    present = {name.lower(): name for name in _common.list_layers(p)}
    raw: dict[str, gpd.GeoDataFrame] = {}
    for name in PLAN_LAGEN:
        src = present.get(name.lower())
        if src is None:
            continue
        kwargs = {"GML_ATTRIBUTES_TO_OGR_FIELDS": "YES"} if gml else {}
        raw[name] = read_vector(p, what=WHAT, layer=src, check_layer=False, **kwargs)
    fallback = _file_plan_id(p, raw.get("Bestemmingsplangebied"), gml=gml)
    out: dict[str, gpd.GeoDataFrame] = {}
    for name, frame in raw.items():
        if len(frame) == 0:
            continue
        layer = present[name.lower()]
        frame = _canonical(frame, name, path=p, layer=layer, fallback=fallback, gml=gml)
        frame = ensure_rd(frame, what=WHAT, path=p, layer=layer, assume_crs=assume_crs)
        if name == "Figuur":
            geoms = shapely.force_2d(frame.geometry.to_numpy())
            frame = frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs))
            frame = frame.loc[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
        else:
            frame = clean_polygons(frame, what=f"{WHAT} ({name})", path=p, layer=layer)
        out[name] = frame.reset_index(drop=True)
    return out


def _file_plan_id(p: Path, gebied: gpd.GeoDataFrame | None, *, gml: bool) -> str:
    """The plan of a file's features: its one plangebied's id, else from the file name."""
    if gml and gebied is not None and len(gebied) == 1 and "gml_id" in gebied:
        value = gebied["gml_id"].iloc[0]
        if isinstance(value, str) and value.strip():
            return value.strip()
    match = _PLAN_ID.search(p.name)
    return match.group(0) if match else p.stem


def _text(raw: pd.DataFrame, col: str) -> pd.Series:
    if col not in raw:
        return pd.Series(pd.NA, index=raw.index, dtype="string")
    return blank_to_na(as_text(raw[col]).str.strip())


def _canonical(
    raw: gpd.GeoDataFrame, name: str, *, path: Path, layer: str, fallback: str, gml: bool
) -> gpd.GeoDataFrame:
    """The canonical columns of one layer of one file."""
    raw = raw.copy()
    if gml:
        ident = None
        gml_id = as_text(raw["gml_id"]) if "gml_id" in raw else None
        if "namespace" in raw and "lokaalID" in raw:
            ident = as_text(raw["namespace"]) + "." + as_text(raw["lokaalID"])
        if gml_id is not None:
            ident = gml_id if ident is None else ident.fillna(gml_id)
        raw = raw.drop(columns=[c for c in ("lokaalID", "gml_id") if c in raw])
        if ident is not None:
            raw["identificatie"] = ident
        if name == "Bestemmingsplangebied":
            raw["plan_id"] = fallback if gml_id is None else gml_id.fillna(fallback)
        elif "plan_id" not in raw and "plangebied_href" not in raw:
            raw["plan_id"] = fallback
    raw = resolve_columns(raw, _ALIASES, path=path, layer=layer, what=WHAT)
    cols = _columns(name)
    data: dict[str, pd.Series] = {}
    for col, dtype in cols.items():
        if dtype == "string":
            data[col] = _text(raw, col)
    data["plan_id"] = data["plan_id"].str.lstrip("#").fillna(fallback)
    if name == "Bestemmingsplangebied":
        data["planstatus"] = data["planstatus"].str.lower()
        data["datum"] = _dates(raw)
    if name == "Dubbelbestemming":
        data["bestemmingshoofdgroep"] = data["bestemmingshoofdgroep"].str.lower()
    frame = gpd.GeoDataFrame(data, geometry=raw.geometry.to_numpy(), crs=raw.crs, index=raw.index)
    if name == "Maatvoering":
        frame = _maatvoering(frame, raw, path=path, layer=layer)
    return frame


def _dates(raw: pd.DataFrame) -> pd.Series:
    if "datum" not in raw:
        return pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    values = raw["datum"]
    if not pd.api.types.is_datetime64_any_dtype(values):
        values = pd.to_datetime(
            as_text(values).str.slice(0, 10), errors="coerce", format="%Y-%m-%d"
        )
    values = pd.Series(values, index=raw.index)
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    return values.astype("datetime64[ns]")


def _as_list(value: object) -> list[object]:
    if isinstance(value, list | tuple | np.ndarray):
        return list(value)
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return []
    return [value]


def _maatvoering(
    frame: gpd.GeoDataFrame, raw: pd.DataFrame, *, path: Path, layer: str
) -> gpd.GeoDataFrame:
    """One row per ``WaardeEnType`` pair, ``waarde`` as float (per feature, not per parcel)."""
    for col in ("waarde", "waardetype"):
        if col not in raw:
            raise InputError(
                f"kolom {col} ontbreekt in de maatvoering; gevonden kolommen: "
                f"{', '.join(str(c) for c in raw.columns if c != 'geometry')}.",
                path=path,
                layer=layer,
                column=col,
                hint="lever per maatvoering de paren waardeType en waarde (IMRO2012 "
                "WaardeEnType), in een GeoPackage één rij per paar.",
            )
    waarden = raw["waarde"].map(_as_list)
    typen = raw["waardetype"].map(_as_list)
    n_w, n_t = waarden.map(len).to_numpy(), typen.map(len).to_numpy()
    if (n_w != n_t).any():
        row = int(np.flatnonzero(n_w != n_t)[0])
        raise InputError(
            f"maatvoering heeft {n_w[row]} waarden maar {n_t[row]} waardetypen.",
            path=path,
            layer=layer,
            row=row,
            hint="elke waarde hoort bij precies één waardeType (IMRO2012 WaardeEnType).",
        )
    empty = n_w == 0
    if empty.any():
        mend(f"{WHAT}: {int(empty.sum())} maatvoeringen zonder waarde weggelaten.")
    long = frame.drop(columns=["waardetype"]).loc[~empty]
    pos = np.repeat(np.arange(len(long)), n_w[~empty])
    out = long.iloc[pos].reset_index(drop=True)
    flat_t = pd.Series([t for ts in typen[~empty] for t in ts], dtype="object")
    flat_w = pd.Series([w for ws in waarden[~empty] for w in ws], dtype="object")
    out["waardetype"] = blank_to_na(flat_t.astype("string").str.strip().str.lower())
    out["waarde"] = to_number(flat_w.astype("string"), column="waarde", path=path, layer=layer)
    cols = list(_columns("Maatvoering"))
    return gpd.GeoDataFrame(out[cols], geometry=out.geometry.to_numpy(), crs=frame.crs)
