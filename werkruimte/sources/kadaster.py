"""BRK percelen (Kadaster, Kadastrale Kaart) in the formats they come in.

Formats
-------
- GeoPackage / GeoJSON / shapefile with flat field names, as the PDOK kadastralekaart
  v5 services deliver them (``identificatieLokaalID``, ``kadastraleGrootteWaarde``,
  ``kadastraleGemeenteWaarde``, ``sectie``, ``perceelnummer``), or older flattened
  exports (``lokaalID``, ``waarde``, ``gemeente``); names match case-insensitively.
- The PDOK GML download of the Kadastrale Kaart (v3, v4 and v5): nested elements
  (``ko:identificatie``, ``kadastraleGrootte/TypeOppervlak/waarde``, ...). Each perceel
  carries two geometries, its boundary (``begrenzingPerceel``) and the label point
  (``plaatscoordinaten``). GDAL's schema guess takes the label point, so these files
  are read with a GFS template that names the boundary as the only geometry.

Whatever the format, :func:`load_percelen` returns the canonical columns
``perceel_id``, ``kadastrale_grootte_m2``, ``kadastrale_gemeente``, ``sectie``,
``perceelnummer`` and a polygon geometry in RD New, in the input's order.
"""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from werkruimte.errors import InputError
from werkruimte.sources import _common
from werkruimte.sources._common import (
    check_file,
    clean_polygons,
    ensure_rd,
    mend,
    read_vector,
    require_rows,
    resolve_columns,
    to_number,
)

__all__ = ["COLUMNS", "load_percelen"]

log = logging.getLogger(__name__)

WHAT = "percelen"

#: Canonical attribute columns of the percelen layer, in output order.
COLUMNS = (
    "perceel_id",
    "kadastrale_grootte_m2",
    "kadastrale_gemeente",
    "sectie",
    "perceelnummer",
)

#: Accepted source names per canonical column, in order of preference.
ALIASES: dict[str, list[str]] = {
    "perceel_id": ["identificatieLokaalID", "lokaalID", "identificatie"],
    "kadastrale_grootte_m2": [
        "kadastraleGrootteWaarde",
        "kadastraleGrootte",
        "kadastrale_grootte",
        "grootteWaarde",
        "waarde",
        "grootte",
    ],
    "kadastrale_gemeente": [
        "kadastraleGemeenteWaarde",
        "kadastraleGemeente",
        "AKRKadastraleGemeenteCodeWaarde",
        "AKRKadastraleGemeenteCode",
        "kadastraleGemeenteCode",
        "gemeente",
    ],
    "sectie": ["sectie"],
    "perceelnummer": ["perceelnummer"],
}

#: Suffixes read as XML (GML); other files go through ``_common.read_vector``.
XML_SUFFIXES = (".gml", ".xml")

#: The nested BRK GML elements that hold each canonical value, per schema version,
#: in order of preference: {canonical: [(template field, element path), ...]}.
#: Flat names (WFS output) are listed too. Namespace prefixes do not matter to GDAL.
_AANDUIDING = "kadastraleAanduiding|TypeKadastraleAanduiding"
_GML_FIELDS: dict[str, list[tuple[str, str]]] = {
    "perceel_id": [
        ("id_v5", "identificatie"),
        ("id_v4", "identificatie|lokaalID"),
        ("id_v3", "identificatie|NEN3610ID|lokaalID"),
        ("id_plat", "identificatieLokaalID"),
    ],
    "kadastrale_grootte_m2": [
        ("grootte", "kadastraleGrootte|TypeOppervlak|waarde"),
        ("grootte_plat", "kadastraleGrootteWaarde"),
    ],
    "kadastrale_gemeente": [
        ("kg_naam", f"{_AANDUIDING}|kadastraleGemeente|KadastraleGemeente|waarde"),
        ("kg_plat", "kadastraleGemeenteWaarde"),
        (
            "kg_akr",
            f"{_AANDUIDING}|aKRKadastraleGemeenteCode|AKRKadastraleGemeenteCode|waarde",
        ),
        (
            "kg_akr_v3",
            f"{_AANDUIDING}|kadastraleGemeente|KadastraleGemeenteKeuze|AKRKadastraleGemeenteCode",
        ),
        ("kg_akr_plat", "AKRKadastraleGemeenteCodeWaarde"),
    ],
    "sectie": [("sectie_v", f"{_AANDUIDING}|sectie"), ("sectie_plat", "sectie")],
    "perceelnummer": [
        ("nummer_v", f"{_AANDUIDING}|perceelnummer"),
        ("nummer_plat", "perceelnummer"),
    ],
}


def _gfs_template() -> str:
    props = "\n".join(
        f"    <PropertyDefn><Name>{name}</Name><ElementPath>{path}</ElementPath>"
        "<Type>String</Type></PropertyDefn>"
        for fields in _GML_FIELDS.values()
        for name, path in fields
    )
    return (
        "<GMLFeatureClassList>\n"
        "  <GMLFeatureClass>\n"
        "    <Name>Perceel</Name>\n"
        "    <ElementPath>Perceel</ElementPath>\n"
        "    <GeomPropertyDefn>\n"
        "      <Name>begrenzingPerceel</Name>\n"
        "      <ElementPath>begrenzingPerceel</ElementPath>\n"
        "      <Type>Unknown</Type>\n"
        "    </GeomPropertyDefn>\n"
        f"{props}\n"
        "  </GMLFeatureClass>\n"
        "</GMLFeatureClassList>\n"
    )


def load_percelen(
    path: str | Path,
    *,
    layer: str | None = None,
    assume_crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Load BRK percelen from a GeoPackage, GeoJSON or the PDOK GML download.

    Parameters
    ----------
    path
        The file: GeoPackage/GeoJSON/shapefile with flat BRK field names, or a BRK
        Kadastrale Kaart GML (v3, v4 or v5).
    layer
        Layer in a multi-layer file. Default: the layer named ``perceel`` when there
        is one, else the first layer.
    assume_crs
        CRS to assume when the file has none (e.g. ``"EPSG:28992"``).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``perceel_id`` (string), ``kadastrale_grootte_m2`` (float64, NaN when
        not registered), ``kadastrale_gemeente``, ``sectie``, ``perceelnummer``
        (string, may be NA) and a Polygon/MultiPolygon geometry in EPSG:28992. One
        row per perceel in the input's order (index 0..n-1); exact duplicates and
        rows without a polygon are left out with a warning.

    Raises
    ------
    InputError
        When the file is missing, empty, truncated or not geographic, the layer is
        empty, the id column is missing, an id is missing, or one ``perceel_id`` has
        two different geometries. The message names the file, column and rows.

    Warns
    -----
    HerstelWaarschuwing
        For each kind of repair, with a count: reprojection, assumed CRS, repaired
        geometries, dropped points or empty geometries, dropped exact duplicates.
    """
    p = check_file(path, what=WHAT)
    if p.is_dir():
        raise InputError(
            "verwacht een bestand met percelen, maar dit is een map.",
            path=p,
            hint="geef het pad naar het GeoPackage-, GeoJSON- of GML-bestand zelf.",
        )
    if is_xml(p):
        raw, used_layer = _read_brk_gml(p, layer=layer)
    else:
        used_layer = layer if layer is not None else _default_layer(p, prefer="perceel")
        raw = read_vector(p, what=WHAT, layer=used_layer)
        raw = resolve_columns(
            raw, ALIASES, required=["perceel_id"], path=p, layer=used_layer, what=WHAT
        )
    require_rows(raw, what=WHAT, path=p, layer=used_layer)
    gdf = _canonical(raw, path=p, layer=used_layer)
    gdf = ensure_rd(gdf, what=WHAT, path=p, layer=used_layer, assume_crs=assume_crs)
    gdf = clean_polygons(gdf, what=WHAT, path=p, layer=used_layer)
    gdf = _drop_duplicates(gdf, path=p, layer=used_layer)
    require_rows(gdf, what=WHAT, path=p, layer=used_layer)
    return gdf.reset_index(drop=True)


# --------------------------------------------------------------------------- reading


def _default_layer(path: Path, *, prefer: str) -> str | None:
    """The layer called ``prefer`` (any case) when a file has several layers, else None."""
    layers = _common.list_layers(path)
    if len(layers) <= 1:
        return None
    for name in layers:
        if name.lower() == prefer.lower():
            return name
    return None


def is_xml(path: Path) -> bool:
    """True for a .gml/.xml file or a file whose content starts with ``<``."""
    if path.suffix.lower() in XML_SUFFIXES:
        return True
    with open(path, "rb") as fh:
        head = fh.read(64)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def xml_head_tail(path: Path, size: int = 65536) -> tuple[str, str]:
    """The first ``size`` and the last 4096 bytes of a file, decoded leniently."""
    with open(path, "rb") as fh:
        head = fh.read(size)
        fh.seek(0, 2)
        end = fh.tell()
        fh.seek(max(0, end - 4096))
        tail = fh.read()
    return head.decode("utf-8", "replace"), tail.decode("utf-8", "replace")


_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)[\s/>]")


def check_xml_complete(path: Path, *, what: str, head: str, tail: str) -> None:
    """Raise InputError when an XML file does not end with its root's closing tag.

    GDAL reads a truncated GML without complaint and returns no or too few features,
    so this is checked up front. A file whose start is not XML is left to GDAL.
    """
    body = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", head, flags=re.S)
    match = _ROOT.search(body)
    if match is None:
        return
    root = match.group(1)
    closing = re.search(rf"</{re.escape(root)}\s*>\s*(?:<!--.*?-->\s*)*\Z", tail, flags=re.S)
    if closing is None:
        raise InputError(
            f"het bestand is afgekapt of onvolledig: het eindigt niet met </{root}>.",
            path=path,
            hint=f"download of exporteer de {what} opnieuw en controleer of het "
            "bestand volledig is (bijvoorbeeld na uitpakken van de zip).",
        )


def _srs_from_head(head: str) -> CRS | None:
    """The CRS named by the first ``srsName`` in the file, accepting bare EPSG codes.

    The BRK v4 download writes ``srsName="28992"``, which GDAL does not recognise.
    """
    match = re.search(r'srsName\s*=\s*"([^"]+)"', head)
    if match is None:
        return None
    value = match.group(1).strip()
    if value.isdigit():
        value = f"EPSG:{value}"
    try:
        return CRS.from_user_input(value)
    except CRSError:
        return None


def _read_brk_gml(path: Path, *, layer: str | None) -> tuple[gpd.GeoDataFrame, str | None]:
    """Read a BRK GML download; returns canonical columns and the layer name used."""
    head, tail = xml_head_tail(path)
    check_xml_complete(path, what=WHAT, head=head, tail=tail)
    common = {"WRITE_GFS": "NO", "DOWNLOAD_SCHEMA": "NO", "FORCE_SRS_DETECTION": "YES"}
    if "begrenzingPerceel" not in head:
        # Not the Kadaster download (e.g. an ogr2ogr export): GDAL's own guess.
        gdf = read_vector(path, what=WHAT, layer=layer, check_layer=False, **common)
        gdf = resolve_columns(
            gdf, ALIASES, required=["perceel_id"], path=path, layer=layer, what=WHAT
        )
        return _with_srs(gdf, head), layer
    if layer is not None and layer.lower() != "perceel":
        raise InputError(
            "een BRK-GML bevat alleen de laag 'Perceel'.",
            path=path,
            layer=layer,
            hint="laat de laagnaam weg of gebruik 'Perceel'.",
        )
    with tempfile.TemporaryDirectory(prefix="werkruimte-brk-") as tmp:
        template = Path(tmp) / "perceel.gfs"
        template.write_text(_gfs_template(), encoding="utf-8")
        gdf = read_vector(
            path,
            what=WHAT,
            layer="Perceel",
            check_layer=False,
            GFS_TEMPLATE=str(template),
            **common,
        )
    out: dict[str, Any] = {}
    for canonical, fields in _GML_FIELDS.items():
        value: pd.Series | None = None
        for name, _ in fields:
            if name in gdf:
                column = as_text(gdf[name])
                value = column if value is None else value.fillna(column)
        if value is not None:
            out[canonical] = value
    if len(gdf) and ("perceel_id" not in out or out["perceel_id"].isna().all()):
        raise InputError(
            "geen perceelidentificatie gevonden in de GML (verwacht ko:identificatie of "
            "identificatie/lokaalID).",
            path=path,
            layer="Perceel",
            column="perceel_id",
            hint="lever de Kadastrale Kaart-download van PDOK aan (versie 3, 4 of 5).",
        )
    frame = gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=gdf.crs, index=gdf.index)
    return _with_srs(frame, head), "Perceel"


def _with_srs(gdf: gpd.GeoDataFrame, head: str) -> gpd.GeoDataFrame:
    """Set the CRS from the file's srsName when GDAL did not recognise it."""
    if gdf.crs is not None:
        return gdf
    crs = _srs_from_head(head)
    if crs is None:
        return gdf
    log.info("CRS %s uit srsName van de GML overgenomen.", crs.to_string())
    return gdf.set_crs(crs)


# ------------------------------------------------------------------------- canonical


def as_text(values: pd.Series) -> pd.Series:
    """A column as nullable strings: integral numbers without ``.0``, blanks as NA."""
    if pd.api.types.is_bool_dtype(values):
        text = values.astype("string")
    elif pd.api.types.is_numeric_dtype(values):
        numbers = values.astype("float64")
        finite = numbers.dropna()
        if bool((finite == np.round(finite)).all()) and bool((finite.abs() < 2**53).all()):
            text = numbers.astype("Int64").astype("string")
        else:
            text = values.astype("string")
    else:
        text = values.astype("string").str.strip()
    return blank_to_na(text)


def blank_to_na(text: pd.Series) -> pd.Series:
    """Empty strings of a string column as NA."""
    return text.mask(text.str.len() == 0)


def _canonical(raw: gpd.GeoDataFrame, *, path: Path, layer: str | None) -> gpd.GeoDataFrame:
    """Build the canonical columns (input index kept) from resolved source columns."""
    n = len(raw)
    ids = as_text(raw["perceel_id"])
    missing = ids.isna().to_numpy()
    if missing.any():
        pos = int(np.flatnonzero(missing)[0])
        raise InputError(
            f"{int(missing.sum())} percelen hebben geen identificatie.",
            path=path,
            layer=layer,
            column="perceel_id",
            row=pos,
            hint="vul de perceelidentificatie (identificatieLokaalID) in of verwijder deze rijen.",
        )
    data: dict[str, pd.Series] = {"perceel_id": ids}
    if "kadastrale_grootte_m2" in raw:
        data["kadastrale_grootte_m2"] = to_number(
            _ungroup_thousands(raw["kadastrale_grootte_m2"]),
            column="kadastrale_grootte_m2",
            path=path,
            layer=layer,
        )
    else:
        data["kadastrale_grootte_m2"] = pd.Series(np.full(n, np.nan), index=raw.index)
    for name in ("kadastrale_gemeente", "sectie", "perceelnummer"):
        if name in raw:
            data[name] = as_text(raw[name])
        else:
            data[name] = pd.Series(pd.NA, index=raw.index, dtype="string")
    return gpd.GeoDataFrame(data, geometry=raw.geometry.to_numpy(), crs=raw.crs, index=raw.index)


def _ungroup_thousands(values: pd.Series) -> pd.Series:
    """Text like ``"1.234"`` or ``"12.345.678"`` (Dutch thousands) without the dots.

    The kadastrale grootte is registered in whole m², so a dot followed by groups of
    exactly three digits is a thousands separator, not a decimal point. Other text is
    left to :func:`~werkruimte.sources._common.to_number` (``"1.234,5"``, ``"12.5"``).
    """
    if pd.api.types.is_numeric_dtype(values):
        return values
    text = values.astype("string").str.strip()
    grouped = text.str.fullmatch(r"\d{1,3}(?:\.\d{3})+").fillna(False).astype(bool)
    return text.mask(grouped, text.str.replace(".", "", regex=False))


def _drop_duplicates(gdf: gpd.GeoDataFrame, *, path: Path, layer: str | None) -> gpd.GeoDataFrame:
    """Drop exact duplicates (same id and geometry); raise on an id with two geometries.

    Only rows whose id occurs more than once are compared, by their normalised WKB.
    """
    ids = gdf["perceel_id"]
    dup = ids.duplicated(keep=False).to_numpy()
    if not dup.any():
        return gdf
    geoms = gdf.geometry.to_numpy()[dup]
    wkb = shapely.to_wkb(shapely.normalize(geoms))
    sub = pd.DataFrame({"id": ids.to_numpy()[dup], "wkb": wkb, "row": gdf.index.to_numpy()[dup]})
    n_shapes = sub.groupby("id", sort=False)["wkb"].nunique()
    conflict = n_shapes[n_shapes > 1]
    if len(conflict):
        culprit = conflict.index[0]
        rows = sub.loc[sub["id"] == culprit, "row"].tolist()
        shown = ", ".join(str(r) for r in rows[:10]) + (" ..." if len(rows) > 10 else "")
        more = f" ({len(conflict)} identificaties in totaal)" if len(conflict) > 1 else ""
        raise InputError(
            f"perceel_id '{culprit}' komt {len(rows)} keer voor met verschillende "
            f"geometrie (rijen {shown}){more}.",
            path=path,
            layer=layer,
            column="perceel_id",
            row=int(rows[0]),
            hint="elk perceel mag één keer voorkomen: verwijder de verouderde versie "
            "of lever één actuele download aan.",
        )
    exact = ids.duplicated(keep="first").to_numpy()
    mend(
        f"{WHAT}: {int(exact.sum())} exacte dubbele percelen (zelfde perceel_id en "
        "geometrie) weggelaten."
    )
    return gdf.loc[~exact]
