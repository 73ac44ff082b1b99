"""Bestemmingsplannen (IMRO2012): the enkelbestemmingen of one or more plans.

Formats
-------
- GeoPackage / GeoJSON with the IMRO field names (``identificatie``, ``naam``,
  ``bestemmingshoofdgroep``, ``planidentificatie``, ``typePlanobject``, ...).
- IMRO2012 GML as downloaded from ruimtelijkeplannen.nl: :func:`load_bestemmingsplannen`
  reads the ``Enkelbestemming`` features; :func:`load_plannen` reads those and, through
  :mod:`werkruimte.sources.imro`, the other feature types (Dubbelbestemming,
  Functieaanduiding, Bouwvlak, Maatvoering, ..., Bestemmingsplangebied with the plan's
  status and date). Surfaces with ``gml:Arc`` segments are
  linearised. xlinks are not resolved, so every enkelbestemming keeps its own surface.
- A folder: every ``.gml``, ``.gpkg`` and ``.geojson`` in it is read and the
  enkelbestemmingen are concatenated (files in name order).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from werkruimte.errors import InputError
from werkruimte.sources import _common, imro
from werkruimte.sources._common import (
    RD_NEW,
    check_file,
    clean_polygons,
    empty_layer,
    ensure_rd,
    mend,
    read_vector,
    require_rows,
    resolve_columns,
)
from werkruimte.sources.kadaster import (
    as_text,
    blank_to_na,
    check_xml_complete,
    is_xml,
    xml_head_tail,
)

__all__ = ["COLUMNS", "Plannen", "empty_frame", "load_bestemmingsplannen", "load_plannen"]

log = logging.getLogger(__name__)

WHAT = "bestemmingsplannen"

#: Canonical attribute columns, in output order.
COLUMNS = ("bestemmingshoofdgroep", "naam", "plan_id", "identificatie")

#: Accepted source names per canonical column, in order of preference.
ALIASES: dict[str, list[str]] = {
    "bestemmingshoofdgroep": ["hoofdgroep", "bestemming_hoofdgroep"],
    "naam": ["bestemmingsnaam", "name"],
    "plan_id": ["planidentificatie", "planid", "idn", "plangebied", "plangebied_href"],
    "identificatie": ["gml_id", "lokaalID"],
    "type_planobject": ["typePlanobject"],
}

#: Files read from a folder.
FOLDER_SUFFIXES = (".gml", ".gpkg", ".geojson")

#: The IMRO feature type that carries the bestemmingshoofdgroep of a vlak.
GML_LAYER = "Enkelbestemming"

_PLAN_ID = re.compile(r"NL\.IMRO\.[0-9A-Za-z]+\.[0-9A-Za-z]+-[0-9A-Za-z]+")


def empty_frame() -> gpd.GeoDataFrame:
    """A frame with no rows and the canonical columns, in EPSG:28992.

    Used when no bestemmingsplannen are configured.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``bestemmingshoofdgroep``, ``naam``, ``plan_id``, ``identificatie``
        (string) and an empty geometry column.
    """
    return empty_layer(dict.fromkeys(COLUMNS, "string"))


def load_bestemmingsplannen(
    path: str | Path,
    *,
    layer: str | None = None,
    assume_crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Load the enkelbestemmingen of IMRO2012 bestemmingsplannen.

    Parameters
    ----------
    path
        A GeoPackage or GeoJSON with IMRO fields, an IMRO2012 GML file, or a folder
        with several of those.
    layer
        Layer to read. Default: for GML ``Enkelbestemming``; for a GeoPackage the
        layer called ``Enkelbestemming`` (any case) when there is one, else the first.
    assume_crs
        CRS to assume for files without one.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``bestemmingshoofdgroep`` (lower case, stripped; unknown values are
        kept), ``naam``, ``plan_id`` (e.g. ``NL.IMRO.0664.BPBS02-VG99``: from
        ``planidentificatie``, the plangebied reference or the file name),
        ``identificatie`` (string, may be NA) and polygon geometry in EPSG:28992.
        Index 0..n-1, in file and feature order.

    Raises
    ------
    InputError
        When a file is missing, empty, truncated or unreadable; when the
        ``bestemmingshoofdgroep`` column is missing (the message lists the columns
        found); when a GML has no enkelbestemmingen; when all vlakken of a plan have
        the same geometry (xlinks resolved to the plan outline).

    Warns
    -----
    HerstelWaarschuwing
        Counted repairs: reprojection, repaired or dropped geometries, rows of other
        plan object types dropped, folder files without enkelbestemmingen skipped.
    """
    p = check_file(path, what=WHAT)
    if not p.is_dir():
        return _load_file(p, layer=layer, assume_crs=assume_crs, in_folder=False)
    files = sorted(
        (f for f in p.iterdir() if f.is_file() and f.suffix.lower() in FOLDER_SUFFIXES),
        key=lambda f: f.name,
    )
    if not files:
        raise InputError(
            "de map bevat geen bestemmingsplannen (geen .gml-, .gpkg- of .geojson-bestanden).",
            path=p,
            hint="zet de IMRO-GML-bestanden van ruimtelijkeplannen.nl in deze map, of "
            "wijs één bestand aan.",
        )
    frames: list[gpd.GeoDataFrame] = []
    skipped: list[str] = []
    for f in files:
        frame = _load_file(f, layer=layer, assume_crs=assume_crs, in_folder=True)
        if len(frame) == 0:
            skipped.append(f.name)
        else:
            frames.append(frame)
    if skipped:
        mend(
            f"{WHAT}: {len(skipped)} bestanden zonder enkelbestemmingen overgeslagen "
            f"({', '.join(skipped[:5])}{' ...' if len(skipped) > 5 else ''})."
        )
    if not frames:
        raise InputError(
            "geen van de bestanden in de map bevat enkelbestemmingen.",
            path=p,
            hint="controleer of de map de juiste IMRO-bestanden bevat.",
        )
    out = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=RD_NEW)


def _load_file(
    p: Path, *, layer: str | None, assume_crs: str | None, in_folder: bool
) -> gpd.GeoDataFrame:
    check_file(p, what=WHAT)
    used_layer: str | None
    raw: gpd.GeoDataFrame | None
    if is_xml(p):
        raw, used_layer = _read_gml(p, layer=layer, in_folder=in_folder)
        if raw is None:
            return empty_frame()
    else:
        used_layer = layer if layer is not None else _default_layer(p)
        raw = _read_other(p, layer=used_layer)
    if len(raw) == 0 and in_folder:
        return empty_frame()
    require_rows(raw, what=WHAT, path=p, layer=used_layer)
    raw = resolve_columns(
        raw, ALIASES, required=["bestemmingshoofdgroep"], path=p, layer=used_layer, what=WHAT
    )
    raw = _only_enkelbestemming(raw)
    gdf = _canonical(raw, path=p)
    gdf = ensure_rd(gdf, what=WHAT, path=p, layer=used_layer, assume_crs=assume_crs)
    gdf = clean_polygons(gdf, what=WHAT, path=p, layer=used_layer)
    if len(gdf) == 0 and in_folder:
        return empty_frame()
    require_rows(gdf, what=WHAT, path=p, layer=used_layer)
    _check_not_plan_outline(gdf, path=p, layer=used_layer)
    return gdf.reset_index(drop=True)


# --------------------------------------------------------------------------- reading


def _default_layer(p: Path) -> str | None:
    layers = _common.list_layers(p)
    for name in layers:
        if name.lower() == GML_LAYER.lower():
            return name
    return None


def _read_other(p: Path, *, layer: str | None) -> gpd.GeoDataFrame:
    """GeoPackage, GeoJSON, ...: through read_vector (which also linearises curves)."""
    return read_vector(p, what=WHAT, layer=layer)


def _read_gml(
    p: Path, *, layer: str | None, in_folder: bool
) -> tuple[gpd.GeoDataFrame | None, str]:
    """Read the Enkelbestemming features of an IMRO GML (None: folder file without any)."""
    head, tail = xml_head_tail(p)
    check_xml_complete(p, what=WHAT, head=head, tail=tail)
    used_layer = layer or GML_LAYER
    try:
        gdf = read_vector(
            p,
            what=WHAT,
            layer=used_layer,
            check_layer=False,
            WRITE_GFS="NO",
            DOWNLOAD_SCHEMA="NO",
            GML_ATTRIBUTES_TO_OGR_FIELDS="YES",
        )
    except InputError as exc:
        from pyogrio.errors import DataLayerError

        if not isinstance(exc.__cause__, DataLayerError):
            raise
        if in_folder:
            return None, used_layer
        raise InputError(
            f"het bestand bevat geen objecten van het type {used_layer}.",
            path=p,
            layer=used_layer,
            hint="lever een IMRO2012-bestemmingsplan (GML van ruimtelijkeplannen.nl) "
            "met enkelbestemmingen aan.",
        ) from exc
    gdf = _gml_columns(gdf, p)
    return gdf, used_layer


def _gml_columns(gdf: gpd.GeoDataFrame, p: Path) -> gpd.GeoDataFrame:
    """Derive ``identificatie`` and ``plan_id`` from the GML attributes."""
    out = gdf.copy()
    ident: pd.Series | None = None
    if "namespace" in gdf and "lokaalID" in gdf:
        ident = as_text(gdf["namespace"]) + "." + as_text(gdf["lokaalID"])
    if "gml_id" in gdf:
        gml_id = as_text(gdf["gml_id"])
        ident = gml_id if ident is None else ident.fillna(gml_id)
    if ident is not None:
        out = out.drop(columns=[c for c in ("identificatie", "gml_id") if c in out])
        out["identificatie"] = ident
    if "plangebied_href" in gdf:
        href = blank_to_na(as_text(gdf["plangebied_href"]).str.lstrip("#").str.strip())
        out = out.drop(columns=["plangebied_href"])
        out["plan_id"] = href
    return out


def _plan_id_from_name(p: Path) -> str:
    match = _PLAN_ID.search(p.name)
    return match.group(0) if match else p.stem


# ------------------------------------------------------------------------- canonical


def _only_enkelbestemming(raw: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Drop rows whose ``typePlanobject`` says they are not an enkelbestemming."""
    if "type_planobject" not in raw:
        return raw
    kind = as_text(raw["type_planobject"]).str.strip().str.lower()
    other = (kind.notna() & (kind != "enkelbestemming")).to_numpy()
    if other.any():
        kinds = sorted(set(kind[other].tolist()))
        mend(
            f"{WHAT}: {int(other.sum())} objecten van een ander type dan enkelbestemming "
            f"({', '.join(kinds[:5])}) weggelaten."
        )
        return raw.loc[~other]
    return raw


def _canonical(raw: gpd.GeoDataFrame, *, path: Path) -> gpd.GeoDataFrame:
    hoofdgroep = as_text(raw["bestemmingshoofdgroep"]).str.strip().str.lower()
    hoofdgroep = blank_to_na(hoofdgroep.str.replace(r"\s+", " ", regex=True))
    data: dict[str, pd.Series] = {"bestemmingshoofdgroep": hoofdgroep}
    data["naam"] = (
        as_text(raw["naam"]).str.strip()
        if "naam" in raw
        else pd.Series(pd.NA, index=raw.index, dtype="string")
    )
    fallback = _plan_id_from_name(path)
    plan = as_text(raw["plan_id"]).str.strip() if "plan_id" in raw else None
    data["plan_id"] = (
        pd.Series(fallback, index=raw.index, dtype="string")
        if plan is None
        else blank_to_na(plan).fillna(fallback)
    )
    data["identificatie"] = (
        as_text(raw["identificatie"]).str.strip()
        if "identificatie" in raw
        else pd.Series(pd.NA, index=raw.index, dtype="string")
    )
    return gpd.GeoDataFrame(data, geometry=raw.geometry.to_numpy(), crs=raw.crs, index=raw.index)


def _check_not_plan_outline(gdf: gpd.GeoDataFrame, *, path: Path, layer: str | None) -> None:
    """Raise when every vlak of a plan has the same geometry (resolved xlinks).

    A plan whose enkelbestemmingen all carry one and the same surface is the symptom
    of GML read with xlinks resolved to the plangebied: each feature then gets the
    plan outline and the bestemming overlay would be meaningless.
    """
    if len(gdf) < 2:
        return
    wkb = shapely.to_wkb(shapely.normalize(gdf.geometry.to_numpy()))
    frame = pd.DataFrame({"plan": gdf["plan_id"].to_numpy(), "wkb": wkb})
    counts = frame.groupby("plan", sort=False)["wkb"].agg(["size", "nunique"])
    bad = counts[(counts["size"] > 1) & (counts["nunique"] == 1)]
    if len(bad):
        plan = str(bad.index[0])
        raise InputError(
            f"alle {int(bad['size'].iloc[0])} bestemmingsvlakken van plan {plan} hebben "
            "dezelfde geometrie; waarschijnlijk zijn xlinks opgelost naar de plancontour.",
            path=path,
            layer=layer,
            hint="lever het originele IMRO-GML-bestand aan, zonder xlinks op te lossen "
            "(bijv. niet via ogr2ogr met GML_SKIP_RESOLVE_ELEMS=NONE).",
        )


# ------------------------------------------------------------------ all plan layers


@dataclass(frozen=True)
class Plannen:
    """The enkelbestemmingen and the other IMRO layers of one source.

    Attributes
    ----------
    enkelbestemming
        As :func:`load_bestemmingsplannen` returns it.
    lagen
        Per IMRO feature type (:data:`werkruimte.sources.imro.PLAN_LAGEN`) a frame, see
        :mod:`werkruimte.sources.imro`. ``Bestemmingsplangebied`` has one row for every
        plan of the enkelbestemmingen: plans without a plangebied feature get the union
        of their enkelbestemmingen as outline and no status (NA).
    """

    enkelbestemming: gpd.GeoDataFrame
    lagen: dict[str, gpd.GeoDataFrame]


def load_plannen(
    path: str | Path,
    *,
    layer: str | None = None,
    assume_crs: str | None = None,
) -> Plannen:
    """Load the enkelbestemmingen and every other IMRO layer of bestemmingsplannen.

    Parameters
    ----------
    path
        As for :func:`load_bestemmingsplannen` (GML, GeoPackage with layers named like
        the IMRO feature types, or a folder).
    layer
        The enkelbestemming layer (see :func:`load_bestemmingsplannen`).
    assume_crs
        CRS to assume for files without one.

    Returns
    -------
    Plannen

    Raises
    ------
    InputError
        As :func:`load_bestemmingsplannen` and
        :func:`werkruimte.sources.imro.load_plan_lagen`.
    """
    enkel = load_bestemmingsplannen(path, layer=layer, assume_crs=assume_crs)
    lagen = imro.load_plan_lagen(path, assume_crs=assume_crs)
    lagen["Bestemmingsplangebied"] = _with_missing_plans(lagen["Bestemmingsplangebied"], enkel)
    return Plannen(enkelbestemming=enkel, lagen=lagen)


def _with_missing_plans(gebied: gpd.GeoDataFrame, enkel: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add an outline (union of the enkelbestemmingen) for plans without a plangebied."""
    known = set(gebied["plan_id"].dropna().astype(str))
    rest = enkel[~enkel["plan_id"].astype(str).isin(known) & enkel["plan_id"].notna()]
    if not len(rest):
        return gebied
    codes, plans = pd.factorize(rest["plan_id"].astype(str), sort=True)
    outlines = [shapely.union_all(rest.geometry.to_numpy()[codes == i]) for i in range(len(plans))]
    extra = gpd.GeoDataFrame(
        {
            "naam": pd.Series(pd.NA, index=range(len(plans)), dtype="string"),
            "plan_id": pd.Series(list(plans), dtype="string"),
            "identificatie": pd.Series(list(plans), dtype="string"),
            "planstatus": pd.Series(pd.NA, index=range(len(plans)), dtype="string"),
            "datum": pd.Series(pd.NaT, index=range(len(plans)), dtype="datetime64[ns]"),
        },
        geometry=outlines,
        crs=RD_NEW,
    )
    if not len(gebied):
        return extra
    out = pd.concat([gebied, extra], ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=RD_NEW)
