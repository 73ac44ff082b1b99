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

__all__ = ["FORMATEN", "PERCELEN_BESTANDEN", "write_percelen"]

Formaat = Literal["gpkg", "parquet", "fgb"]

#: The formats of the parcel output.
FORMATEN: tuple[Formaat, ...] = ("gpkg", "parquet", "fgb")

#: File name of the parcel output per format.
PERCELEN_BESTANDEN: dict[str, str] = {f: f"percelen_scores.{f}" for f in FORMATEN}


def _voor_ogr(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy with text NA as None (OGR writes NULL), categories as text."""
    frame = gdf.copy()
    for col in frame.columns:
        if col == frame.geometry.name:
            continue
        if isinstance(frame[col].dtype, pd.CategoricalDtype):
            frame[col] = frame[col].astype("string")
        if isinstance(frame[col].dtype, pd.StringDtype) or frame[col].dtype == object:
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame


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
        pyogrio.write_dataframe(
            _voor_ogr(gdf),
            path,
            layer=layer,
            driver="GPKG",
            dataset_options={"VERSION": "1.3"},
        )
    elif formaat == "fgb":
        pyogrio.write_dataframe(_voor_ogr(gdf), path, layer=layer, driver="FlatGeobuf")
    else:
        raise ValueError(f"formaat moet een van {', '.join(FORMATEN)} zijn, niet {formaat!r}")
