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
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

if TYPE_CHECKING:
    import pyarrow as pa

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

    GDAL gets one Arrow stream (``pyogrio.raw.write_arrow``) whose batches are made
    one block at a time: only one block's Arrow copy (WKB and columns) exists at once
    instead of the whole frame's, which for 1 000 000 scored parcels is several
    hundred MB less at the peak, while GDAL still writes in one go and builds the
    spatial index once at the end (appending block by block updates the R-tree row
    by row: 40 instead of 16 s for 1 000 000 parcels). The file content is that of
    one write of the whole frame: the geometry type is decided for all rows at once
    (:func:`_geometrie_soort`) and every block gets the same column types. Frames
    with a column of mixed Python objects go the slower way, in one write.

    Parameters
    ----------
    gdf
        The frame (not changed).
    path
        The new file.
    layer
        Layer name.
    driver
        An OGR driver that writes Arrow streams (``"GPKG"``).
    dataset_options
        Creation options of the file.
    blok
        Rows per block.
    """
    import pyogrio

    eerste, arrow = voor_ogr(gdf.iloc[:blok])
    if len(gdf) <= blok or not arrow:
        frame, arrow = (eerste, arrow) if len(gdf) <= blok else voor_ogr(gdf)
        pyogrio.write_dataframe(
            frame,
            path,
            layer=layer,
            driver=driver,
            dataset_options=dict(dataset_options or {}),
            use_arrow=arrow,
        )
        return
    from pyogrio.raw import write_arrow

    soort, promote = _geometrie_soort(np.asarray(gdf.geometry.to_numpy(), dtype=object))
    schema = _arrow_schema(eerste)
    del eerste
    write_arrow(
        _arrow_stroom(gdf, schema, blok=blok, promote=promote),
        path,
        layer=layer,
        driver=driver,
        geometry_name=gdf.geometry.name,
        geometry_type=soort,
        crs=None if gdf.crs is None else gdf.crs.to_wkt("WKT1_GDAL"),  # as pyogrio does
        dataset_options=dict(dataset_options or {}),
    )


def _arrow_tabel(frame: gpd.GeoDataFrame, promote: bool) -> pd.DataFrame:
    """The columns of an OGR-ready block with its geometry as WKB (multi when asked)."""
    geom = np.asarray(frame.geometry.to_numpy(), dtype=object)
    if promote:
        geom = geom.copy()
        kind = shapely.get_type_id(geom)
        for single, make in (
            (0, shapely.multipoints),
            (1, shapely.multilinestrings),
            (3, shapely.multipolygons),
        ):
            if (kind == single).any():
                geom[kind == single] = make(np.atleast_2d(geom[kind == single]), axis=0)  # type: ignore[call-overload]
    data = pd.DataFrame(frame, copy=False)
    data[frame.geometry.name] = shapely.to_wkb(geom)
    return data


def _arrow_schema(eerste: gpd.GeoDataFrame) -> pa.Schema:
    """One schema for every block: text as string (a block of only NULLs stays text)."""
    import pyarrow as pa

    schema = pa.Schema.from_pandas(_arrow_tabel(eerste, False), preserve_index=False)
    for pos, veld in enumerate(schema):
        if veld.name == eerste.geometry.name:
            schema = schema.set(pos, pa.field(veld.name, pa.binary()))
        elif pa.types.is_null(veld.type):
            schema = schema.set(pos, pa.field(veld.name, pa.string()))
    return schema


def _arrow_stroom(
    gdf: gpd.GeoDataFrame, schema: pa.Schema, *, blok: int, promote: bool
) -> pa.RecordBatchReader:
    """The frame as an Arrow stream whose batches are made when GDAL asks for them."""
    import pyarrow as pa

    from werkruimte._geheugen import geef_vrij

    def batches() -> Iterator[pa.RecordBatch]:
        for start in range(0, len(gdf), blok):
            frame, _ = voor_ogr(gdf.iloc[start : start + blok])
            tabel = pa.Table.from_pandas(
                _arrow_tabel(frame, promote), schema=schema, preserve_index=False
            )
            del frame
            yield from tabel.to_batches()
            del tabel
            geef_vrij(len(gdf))

    return pa.RecordBatchReader.from_batches(schema, batches())
