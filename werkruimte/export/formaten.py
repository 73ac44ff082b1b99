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
from typing import Literal

import geopandas as gpd
import pandas as pd

__all__ = ["FORMATEN", "PERCELEN_BESTANDEN", "voor_ogr", "write_percelen"]

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
        frame, arrow = voor_ogr(gdf)
        pyogrio.write_dataframe(
            frame,
            path,
            layer=layer,
            driver="GPKG",
            dataset_options={"VERSION": "1.3"},
            use_arrow=arrow,
        )
    elif formaat == "fgb":
        frame, arrow = voor_ogr(gdf)
        pyogrio.write_dataframe(frame, path, layer=layer, driver="FlatGeobuf", use_arrow=arrow)
    else:
        raise ValueError(f"formaat moet een van {', '.join(FORMATEN)} zijn, niet {formaat!r}")
