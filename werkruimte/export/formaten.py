"""The parcel output in the format a planner's GIS reads best: GeoPackage, GeoParquet, FlatGeobuf.

``werkruimte kansenkaart --formaat gpkg|parquet|fgb`` chooses:

- ``gpkg`` (default): ``percelen_scores.gpkg``, layer ``percelen``, GeoPackage 1.3
  (QGIS 3.22's GDAL reads 1.3 fully, GDAL's newer default 1.4 only partly; ArcGIS
  Pro reads both), with the QGIS style in ``layer_styles``;
- ``parquet``: ``percelen_scores.parquet``, GeoParquet (geopandas/pyarrow), the
  fastest to read back in Python, R or DuckDB;
- ``fgb``: ``percelen_scores.fgb``, FlatGeobuf (pyogrio), streamable and fast in
  QGIS, one layer without a style; the rows are in the order of its spatial index
  (sort by ``perceel_id`` to compare).

The writers write straight to the path they get (see :mod:`werkruimte.export`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

__all__ = ["FORMATEN", "PERCELEN_BESTANDEN", "voor_ogr", "write_ogr_in_blokken", "write_percelen"]

Formaat = Literal["gpkg", "parquet", "fgb"]

#: The formats of the parcel output.
FORMATEN: tuple[Formaat, ...] = ("gpkg", "parquet", "fgb")

#: File name of the parcel output per format.
PERCELEN_BESTANDEN: dict[str, str] = {f: f"percelen_scores.{f}" for f in FORMATEN}


def voor_ogr(gdf: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, bool]:
    """A shallow copy ready for OGR, and whether it can go as Arrow arrays.

    Categories become text and every kind of missing text (NA, None, NaN) becomes
    None, which OGR writes as NULL. Arrow writing (``use_arrow=True``) hands the
    columns to GDAL without a Python string per row, which makes writing 100 000
    scored parcels several times as fast; only an object column that holds anything
    but text (mixed types) goes the slower way, where GDAL picks the field type.
    """
    frame = gdf.copy(deep=False)
    arrow = True
    for col in frame.columns:
        if col == frame.geometry.name:
            continue
        if frame[col].dtype == object or isinstance(frame[col].dtype, pd.CategoricalDtype):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
            arrow &= pd.api.types.infer_dtype(frame[col], skipna=True) in ("string", "empty")
    return frame, arrow


def write_percelen(
    gdf: gpd.GeoDataFrame,
    path: str | os.PathLike[str],
    *,
    formaat: str = "gpkg",
    layer: str = "percelen",
) -> None:
    """Write the scored parcels as GeoPackage 1.3, GeoParquet or FlatGeobuf.

    Parameters
    ----------
    gdf
        The scored parcels (not changed).
    path
        Target file; its suffix does not choose the format, ``formaat`` does.
    formaat
        ``"gpkg"``, ``"parquet"`` or ``"fgb"``.
    layer
        Layer name (GeoPackage and FlatGeobuf).

    Raises
    ------
    ValueError
        For another ``formaat``.
    """
    import pyogrio

    if formaat == "parquet":
        gdf.to_parquet(path, index=False)
    elif formaat == "gpkg":
        write_ogr_in_blokken(gdf, path, layer=layer, dataset_options={"VERSION": "1.3"})
    elif formaat == "fgb":
        frame, arrow = voor_ogr(gdf)
        pyogrio.write_dataframe(frame, path, layer=layer, driver="FlatGeobuf", use_arrow=arrow)
    else:
        raise ValueError(f"formaat moet een van {', '.join(FORMATEN)} zijn, niet {formaat!r}")


#: Rows per block of a GeoPackage write: bounds the memory of the Arrow copy (WKB and
#: columns) that GDAL gets, about 250 bytes per row and column set of a scored parcel.
BLOK = 200_000

#: shapely type id -> OGR geometry type name.
_SOORTEN = {
    0: "Point",
    1: "LineString",
    2: "LineString",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
}


def _geometrie_soort(geoms: np.ndarray) -> tuple[str, bool]:
    """The layer's geometry type for all rows, and whether singles become multi.

    The rule of ``pyogrio.write_dataframe`` for the whole frame: one type is kept; a
    mix of a single type and its multi type (Polygon and MultiPolygon) makes the layer
    multi and promotes the singles; any other mix is ``Unknown``. Decided once, so
    every block of a write lands in the same layer type.
    """
    ids = shapely.get_type_id(geoms)
    kinds = {_SOORTEN[int(k)] for k in np.unique(ids[ids >= 0])}
    soort, promote = "Unknown", False
    if len(kinds) == 1:
        soort = kinds.pop()
    elif len(kinds) == 2:
        multi = next((k for k in kinds if k.startswith("Multi")), None)
        if multi is not None and multi.removeprefix("Multi") in kinds:
            soort, promote = multi, True
    echt = (ids >= 0) & ~shapely.is_empty(geoms)
    if soort != "Unknown" and bool(shapely.has_z(geoms[echt]).any()):
        soort += " Z"
    return soort, promote


def write_ogr_in_blokken(
    gdf: gpd.GeoDataFrame,
    path: str | os.PathLike[str],
    *,
    layer: str,
    driver: str = "GPKG",
    dataset_options: Mapping[str, str] | None = None,
    blok: int = BLOK,
) -> None:
    """Write a frame to a new layer of a GeoPackage, ``blok`` rows at a time.

    The first block creates the file and the layer, the others are appended: GDAL
    gets one block's Arrow copy (WKB and columns) at a time instead of the whole
    frame's, which for 1 000 000 scored parcels is several hundred MB less at the
    peak. The result is the same file content as one write of the whole frame: the
    geometry type is decided for all rows at once (:func:`_geometrie_soort`).

    Parameters
    ----------
    gdf
        The frame (not changed).
    path
        The new file.
    layer
        Layer name.
    driver
        An OGR driver that can append (``"GPKG"``).
    dataset_options
        Creation options of the file (first block).
    blok
        Rows per block.
    """
    import pyogrio

    from werkruimte._geheugen import geef_vrij

    n = len(gdf)
    if n <= blok:
        frame, arrow = voor_ogr(gdf)
        pyogrio.write_dataframe(
            frame,
            path,
            layer=layer,
            driver=driver,
            dataset_options=dict(dataset_options or {}),
            use_arrow=arrow,
        )
        return
    soort, promote = _geometrie_soort(np.asarray(gdf.geometry.to_numpy(), dtype=object))
    for start in range(0, n, blok):
        frame, arrow = voor_ogr(gdf.iloc[start : start + blok])
        pyogrio.write_dataframe(
            frame,
            path,
            layer=layer,
            driver=driver,
            dataset_options=dict(dataset_options or {}) if start == 0 else None,
            use_arrow=arrow,
            append=start > 0,
            geometry_type=soort,
            promote_to_multi=promote,
        )
        del frame
        geef_vrij(len(gdf))
