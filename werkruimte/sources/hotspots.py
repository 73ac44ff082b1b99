"""Informal werklocaties (hotspots): broedplaatsen, flexplekken, centrumlocaties ...

Municipal inventories come as spreadsheets more often than as GIS files, so besides
GeoJSON and GeoPackage this reads CSV (``;`` or ``,`` separated, decimal point or
Dutch decimal comma) and XLSX with coordinates in RD (``x``, ``y``) or WGS84
(``lon``, ``lat``). Coordinates in the wrong columns (lon/lat under ``x``/``y`` or the
other way round) are detected and reported, not silently misplaced.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from werkruimte.errors import InputError
from werkruimte.sources._common import (
    NL_BOUNDS_RD,
    NL_BOUNDS_WGS84,
    RD_NEW,
    check_file,
    check_lines,
    check_size,
    check_zip_members,
    empty_layer,
    ensure_rd,
    limieten,
    mend,
    read_vector,
    require_rows,
    resolve_columns,
    to_number,
)

__all__ = ["COLUMNS", "HOTSPOT_TYPES", "empty_frame", "load_hotspots"]

log = logging.getLogger(__name__)

WHAT = "hotspots"

#: Canonical columns of the returned frame, in order (geometry last).
COLUMNS = (
    "hotspot_id",
    "naam",
    "type",
    "oppervlakte_m2",
    "leegstand_m2",
    "grootteklasse",
    "doelgroep",
    "geometry",
)

#: The informal werklocatie types of the Werkplan Werklandschappen.
HOTSPOT_TYPES = (
    "broedplaats",
    "flexplek",
    "bedrijfsverzamelgebouw",
    "centrumlocatie",
    "ov-knooppunt",
    "concentratie aan uitvalsweg",
)

_TABLE_SUFFIXES = {".csv", ".txt", ".tsv"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}

_ALIASES: dict[str, list[str]] = {
    "hotspot_id": ["id", "hotspotid", "locatie_id"],
    "naam": ["name", "locatienaam"],
    "type": ["soort", "type_locatie", "locatietype"],
    "oppervlakte_m2": ["oppervlakte", "opp_m2", "bvo_m2", "bvo"],
    "leegstand_m2": ["leegstand", "leegstand_opp"],
    "grootteklasse": ["grootte_klasse"],
    "doelgroep": ["doelgroepen"],
}
_COORD_ALIASES: dict[str, list[str]] = {
    "x": ["rd_x", "x_rd", "xcoord", "x_coord", "xcoordinaat"],
    "y": ["rd_y", "y_rd", "ycoord", "y_coord", "ycoordinaat"],
    "lon": ["lng", "longitude", "lengtegraad"],
    "lat": ["latitude", "breedtegraad"],
}


def _type_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


_TYPE_LOOKUP: dict[str, str] = {_type_key(t): t for t in HOTSPOT_TYPES}
_TYPE_LOOKUP.update(
    {
        "broedplaatsen": "broedplaats",
        "flexplekken": "flexplek",
        "bedrijfsverzamelgebouwen": "bedrijfsverzamelgebouw",
        "centrumlocaties": "centrumlocatie",
        "ovknooppunten": "ov-knooppunt",
        "concentratiesaanuitvalswegen": "concentratie aan uitvalsweg",
        "concentratieaanuitvalswegen": "concentratie aan uitvalsweg",
    }
)


def empty_frame() -> gpd.GeoDataFrame:
    """An empty hotspots layer with the canonical columns, in EPSG:28992.

    Returns
    -------
    geopandas.GeoDataFrame
        0 rows; columns as :func:`load_hotspots` returns them.
    """
    return empty_layer(
        {
            "hotspot_id": "string",
            "naam": "string",
            "type": "string",
            "oppervlakte_m2": "float64",
            "leegstand_m2": "float64",
            "grootteklasse": "string",
            "doelgroep": "string",
        }
    )


def load_hotspots(
    path: str | Path,
    *,
    layer: str | None = None,
    assume_crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Read informal werklocaties from CSV, XLSX, GeoJSON or GeoPackage.

    Parameters
    ----------
    path
        The file. By suffix: ``.csv``/``.txt``/``.tsv`` (separator ``;``, ``,`` or tab
        detected; decimal point or Dutch decimal comma), ``.xlsx``/``.xlsm`` (first
        sheet), anything else is read as a vector file (GeoJSON, GeoPackage, ...).
        Tables need coordinates: ``x``, ``y`` in RD New (aliases ``X``/``Y``,
        ``rd_x``/``rd_y``) or ``lon``, ``lat`` in WGS84 (aliases ``lng``,
        ``longitude``, ``latitude``).
    layer
        Sheet name (XLSX) or layer name (GeoPackage); default the first.
    assume_crs
        CRS of a vector file without CRS (``[bronnen] crs``). Not used for tables:
        there ``x``/``y`` are always RD New and ``lon``/``lat`` always WGS84.

    Returns
    -------
    geopandas.GeoDataFrame
        Points in EPSG:28992, in file order, columns:

        - ``hotspot_id`` (string): the ``id`` column, else ``"H001"``, ``"H002"``, ...;
        - ``naam`` (string);
        - ``type`` (string): lower-cased canonical type (``broedplaats``,
          ``flexplek``, ``bedrijfsverzamelgebouw``, ``centrumlocatie``,
          ``ov-knooppunt``, ``concentratie aan uitvalsweg``; plurals and other
          spellings are mapped), other values kept as given;
        - ``oppervlakte_m2``, ``leegstand_m2`` (float64, NaN when absent);
        - ``grootteklasse``, ``doelgroep`` (string or NA);
        - geometry (Point). Polygons and lines in a vector file are replaced by a
          point on their surface (with a warning).

    Raises
    ------
    InputError
        An empty or unreadable file, a missing ``naam`` or ``type`` column or value,
        missing or unparsable coordinates (naming row and value), lon/lat given as
        ``x``/``y`` or RD given as ``lon``/``lat``, locations outside the Netherlands,
        duplicate ids or negative areas.
    """
    p = check_limieten(Path(path))
    suffix = p.suffix.lower()
    if suffix in _TABLE_SUFFIXES or suffix in _EXCEL_SUFFIXES:
        table = _read_csv(p) if suffix in _TABLE_SUFFIXES else _read_excel(p, sheet=layer)
        if len(table) == 0:
            raise InputError(
                "het bestand met hotspots bevat geen rijen (alleen een kopregel of niets).",
                path=p,
                layer=layer,
                hint="vul per informele werklocatie een rij in met naam, type en coördinaten.",
            )
        df = resolve_columns(
            table, _ALIASES, required=("naam", "type"), path=p, layer=layer, what=WHAT
        )
        geometry = _points_from_table(df, path=p, layer=layer)
        crs_given: Any = None
    else:
        raw = read_vector(p, what=WHAT, layer=layer)
        if len(raw) == 0:
            require_rows(raw, what=WHAT, path=p, layer=layer)
        df = resolve_columns(
            raw, _ALIASES, required=("naam", "type"), path=p, layer=layer, what=WHAT
        )
        geometry = gpd.GeoSeries(_as_points(df.geometry.to_numpy()), crs=raw.crs)
        crs_given = assume_crs

    out = _attributes(df, path=p, layer=layer)
    gdf = gpd.GeoDataFrame(out, geometry=geometry.to_numpy(), crs=geometry.crs)
    present = ~(shapely.is_missing(gdf.geometry.to_numpy()) | gdf.geometry.is_empty.to_numpy())
    if not present.all():
        mend(f"{WHAT}: {int((~present).sum())} objecten zonder geometrie weggelaten.")
        gdf = gdf.loc[present]
    require_rows(gdf, what=WHAT, path=p, layer=layer)
    gdf = ensure_rd(gdf, what=WHAT, path=p, layer=layer, assume_crs=crs_given)
    return gdf[list(COLUMNS)].reset_index(drop=True)


# --------------------------------------------------------------------------- reading


def check_limieten(p: Path) -> Path:
    """Check the hotspots file before reading: a regular file within ``[limieten]``.

    Devices and pipes (``/dev/zero``) are refused from ``stat``; a CSV by its size
    (``tabel_mb``) and line count (``tabel_regels``, streamed), an XLSX by its size
    and the unpacked size of its parts (a zip too).
    """
    p = check_file(p, what=WHAT)
    suffix = p.suffix.lower()
    if p.is_dir() or suffix not in (*_TABLE_SUFFIXES, *_EXCEL_SUFFIXES):
        return p
    grens = limieten()
    check_size(p, what=WHAT, max_mb=float(grens["tabel_mb"]), key="tabel_mb")
    if suffix in _TABLE_SUFFIXES:
        check_lines(p, what=WHAT, max_lines=int(grens["tabel_regels"]), key="tabel_regels")
    else:
        check_zip_members(p, what=WHAT, max_mb=float(grens["tabel_mb"]), key="tabel_mb")
    return p


def _read_csv(path: Path) -> pd.DataFrame:
    """Read a CSV as text columns, detecting encoding and separator."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        text = raw.decode("latin-1")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError(
            "het bestand met hotspots is leeg.",
            path=path,
            hint="vul een kopregel (naam;type;x;y) en per locatie een rij in.",
        )
    header = lines[0]
    sep = max((";", ",", "\t"), key=header.count)
    if header.count(sep) == 0:
        sep = ","
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skipinitialspace=True,
            skip_blank_lines=True,
        )
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InputError(
            f"kan het CSV-bestand niet lezen ({str(exc).strip().splitlines()[0]}).",
            path=path,
            hint=f"controleer of elke regel evenveel velden heeft, gescheiden door "
            f"'{sep}'; zet tekst met het scheidingsteken tussen aanhalingstekens.",
        ) from exc


def _read_excel(path: Path, *, sheet: str | None) -> pd.DataFrame:
    """Read one sheet of an XLSX workbook (the first one by default)."""
    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except Exception as exc:  # openpyxl raises several kinds on bad files
        raise InputError(
            f"kan het Excel-bestand niet lezen ({type(exc).__name__}: {exc}).",
            path=path,
            hint="lever een .xlsx-bestand aan (geen .xls), of sla het op als CSV.",
        ) from exc
    with book:
        names = [str(n) for n in book.sheet_names]
        if sheet is not None and sheet not in names:
            raise InputError(
                f"het werkblad bestaat niet; gevonden werkbladen: {', '.join(names)}.",
                path=path,
                layer=sheet,
                hint="kies een van deze werkbladen.",
            )
        table = pd.read_excel(book, sheet_name=sheet if sheet is not None else 0, dtype=object)
    table.columns = [str(c).strip() for c in table.columns]
    table = table.dropna(how="all")
    return table.reset_index(drop=True)


# ----------------------------------------------------------------------- coordinates


def _points_from_table(df: pd.DataFrame, *, path: Path, layer: str | None) -> gpd.GeoSeries:
    """Points from ``x``/``y`` or ``lon``/``lat`` columns, with plausibility checks."""
    coords = resolve_columns(df, _COORD_ALIASES, path=path, layer=layer, what=WHAT)
    if {"x", "y"} <= set(coords.columns):
        names = ("x", "y")
        crs = RD_NEW
    elif {"lon", "lat"} <= set(coords.columns):
        names = ("lon", "lat")
        crs = CRS.from_epsg(4326)
    else:
        found = [str(c) for c in df.columns]
        raise InputError(
            "geen coördinaatkolommen gevonden: verwacht x en y (RD New) of lon en lat "
            f"(WGS84); gevonden kolommen: {', '.join(found)}.",
            path=path,
            layer=layer,
            hint="voeg kolommen x en y (RD, meters) of lon en lat (graden) toe.",
        )
    first = to_number(
        coords[names[0]], column=names[0], path=path, layer=layer, allow_missing=False
    ).to_numpy()
    second = to_number(
        coords[names[1]], column=names[1], path=path, layer=layer, allow_missing=False
    ).to_numpy()
    if names == ("x", "y"):
        _check_rd(first, second, path=path, layer=layer)
    else:
        _check_lonlat(first, second, path=path, layer=layer)
    return gpd.GeoSeries(gpd.points_from_xy(first, second), crs=crs)


def _inside(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    return (a >= box[0]) & (a <= box[2]) & (b >= box[1]) & (b <= box[3])


def _check_rd(x: np.ndarray, y: np.ndarray, *, path: Path, layer: str | None) -> None:
    bad = ~_inside(x, y, NL_BOUNDS_RD)
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    lonlat = _inside(x, y, NL_BOUNDS_WGS84) | _inside(y, x, NL_BOUNDS_WGS84)
    if lonlat[pos]:
        raise InputError(
            f"de kolommen x en y bevatten lengte-/breedtegraden (WGS84), geen RD-"
            f"coördinaten: x={x[pos]:g}, y={y[pos]:g} ({int((bad & lonlat).sum())} rijen).",
            path=path,
            layer=layer,
            row=pos,
            hint="hernoem de kolommen naar lon en lat, of lever RD-coördinaten in meters "
            "(x tussen 0 en 300000, y tussen 289000 en 629000).",
        )
    raise InputError(
        f"coördinaat x={x[pos]:g}, y={y[pos]:g} ligt buiten Nederland (RD New) "
        f"({int(bad.sum())} rijen).",
        path=path,
        layer=layer,
        row=pos,
        hint="controleer de coördinaten: RD-x ligt tussen 0 en 300000, RD-y tussen "
        "289000 en 629000 meter; verwisselde x en y?",
    )


def _check_lonlat(lon: np.ndarray, lat: np.ndarray, *, path: Path, layer: str | None) -> None:
    bad = ~_inside(lon, lat, NL_BOUNDS_WGS84)
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    rd = _inside(lon, lat, NL_BOUNDS_RD) & ~_inside(lon, lat, NL_BOUNDS_WGS84)
    if rd[pos]:
        raise InputError(
            f"de kolommen lon en lat bevatten RD-coördinaten (meters), geen graden: "
            f"lon={lon[pos]:g}, lat={lat[pos]:g} ({int((bad & rd).sum())} rijen).",
            path=path,
            layer=layer,
            row=pos,
            hint="hernoem de kolommen naar x en y (RD New), of lever lengte- en "
            "breedtegraden (WGS84).",
        )
    if _inside(lat, lon, NL_BOUNDS_WGS84)[pos]:
        raise InputError(
            f"lon en lat lijken verwisseld: lon={lon[pos]:g}, lat={lat[pos]:g}.",
            path=path,
            layer=layer,
            row=pos,
            hint="in Nederland ligt lon (lengtegraad) tussen 3 en 7,5 en lat "
            "(breedtegraad) tussen 50,5 en 54; wissel de kolommen om.",
        )
    raise InputError(
        f"coördinaat lon={lon[pos]:g}, lat={lat[pos]:g} ligt buiten Nederland "
        f"({int(bad.sum())} rijen).",
        path=path,
        layer=layer,
        row=pos,
        hint="controleer de coördinaten (WGS84, graden met decimale punt of komma).",
    )


def _as_points(geoms: np.ndarray) -> np.ndarray:
    """Points stay; other geometries become a point on their surface (counted)."""
    types = shapely.get_type_id(geoms)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    other = present & (types != 0)
    if not other.any():
        return geoms
    out = geoms.copy()
    out[other] = shapely.point_on_surface(geoms[other])
    mend(
        f"{WHAT}: {int(other.sum())} vlakken, lijnen of multipunten vervangen door een punt "
        "op hun oppervlak."
    )
    return out


# ------------------------------------------------------------------------ attributes


def _attributes(df: pd.DataFrame, *, path: Path, layer: str | None) -> pd.DataFrame:
    """The canonical non-geometry columns, validated."""
    n = len(df)
    out = pd.DataFrame(index=pd.RangeIndex(n))
    if "hotspot_id" in df:
        ids = _text(df["hotspot_id"])
        missing = ids.isna().to_numpy()
        if missing.any():
            generated = pd.Series([f"H{i + 1:03d}" for i in range(n)], dtype="string")
            ids = ids.where(~missing, generated)
            mend(f"{WHAT}: {int(missing.sum())} locaties zonder id; volgnummer als id gebruikt.")
        dup = ids.duplicated().to_numpy()
        if dup.any():
            pos = int(np.flatnonzero(dup)[0])
            raise InputError(
                f"id '{ids.iloc[pos]}' komt meer dan eens voor.",
                path=path,
                layer=layer,
                column="hotspot_id",
                row=pos,
                hint="geef elke locatie een eigen id, of laat de kolom id weg.",
            )
        out["hotspot_id"] = ids.to_numpy()
    else:
        out["hotspot_id"] = pd.array([f"H{i + 1:03d}" for i in range(n)], dtype="string")
    for col in ("naam", "type"):
        values = _text(df[col])
        missing = values.isna().to_numpy()
        if missing.any():
            pos = int(np.flatnonzero(missing)[0])
            raise InputError(
                f"waarde ontbreekt ({int(missing.sum())} rijen zonder {col}).",
                path=path,
                layer=layer,
                column=col,
                row=pos,
                hint=f"vul {col} voor elke locatie in"
                + (f" (bijvoorbeeld {', '.join(HOTSPOT_TYPES)})." if col == "type" else "."),
            )
        out[col] = values.to_numpy()
    out["type"] = canonical_type(out["type"])
    for col in ("oppervlakte_m2", "leegstand_m2"):
        if col in df:
            numbers = to_number(df[col], column=col, path=path, layer=layer)
            negative = (numbers < 0).to_numpy()
            if negative.any():
                pos = int(np.flatnonzero(negative)[0])
                raise InputError(
                    f"negatieve oppervlakte {numbers.iloc[pos]:g} m².",
                    path=path,
                    layer=layer,
                    column=col,
                    row=pos,
                    hint="vul 0 of meer in, of laat de cel leeg als het onbekend is.",
                )
            out[col] = numbers.to_numpy()
        else:
            out[col] = np.full(n, np.nan)
    for col in ("grootteklasse", "doelgroep"):
        if col in df:
            out[col] = _text(df[col]).to_numpy()
        else:
            out[col] = pd.array([pd.NA] * n, dtype="string")
    return out.astype(
        {
            "hotspot_id": "string",
            "naam": "string",
            "type": "string",
            "grootteklasse": "string",
            "doelgroep": "string",
            "oppervlakte_m2": "float64",
            "leegstand_m2": "float64",
        }
    )


def canonical_type(values: pd.Series) -> pd.Series:
    """Map hotspot types to their canonical lower-case names; keep unknown ones as given.

    Parameters
    ----------
    values
        Types as written in the source (``"OV-knooppunt"``, ``"Broedplaatsen"`` ...).

    Returns
    -------
    pandas.Series
        string dtype, aligned to ``values``.
    """
    text = values.astype("string").str.strip()
    keys = text.str.lower().str.replace(r"[^a-z]", "", regex=True)
    mapped = keys.map(_TYPE_LOOKUP)
    return mapped.astype("string").fillna(text)


def _text(values: pd.Series) -> pd.Series:
    """Text with whole numbers without ``.0`` (Excel), stripped, empty -> NA."""
    if values.dtype == object:
        as_float = pd.to_numeric(values, errors="coerce")
        whole = (as_float.abs() < 2**53) & (as_float == np.floor(as_float))
        # Excel stores 12 as 12.0; show it as "12".
        if whole.any():
            values = values.where(~whole, as_float.where(whole).astype("Int64").astype(str))
    elif pd.api.types.is_float_dtype(values):
        finite = values.dropna()
        if ((finite == np.floor(finite)) & (finite.abs() < 2**53)).all():
            values = values.astype("Int64")
    text = values.astype("string").str.strip()
    return text.replace({"": pd.NA})
