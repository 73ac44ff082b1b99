"""Main roads: motorway junctions (op- en afritten) for the car-accessibility criterion.

The expected input is a point layer of junctions (e.g. from NWB or OSM
``motorway_junction`` nodes) with a name and the road number. A line layer (the main
road network itself) is accepted too and kept as lines: the distance indicator
(:func:`werkruimte.indicators.afstand.afstand_snelweg`) measures to any geometry, so
it then gives the distance to the nearest road instead of the nearest junction.
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte.sources._common import (
    ensure_rd,
    mend,
    read_vector,
    require_rows,
    resolve_columns,
)

__all__ = ["load_wegen"]

log = logging.getLogger(__name__)

WHAT = "wegen"

_ALIASES: dict[str, list[str]] = {
    "naam": ["name", "afrit", "knooppunt", "omschrijving", "stt_naam"],
    "weg": ["wegnummer", "wegnr", "road", "ref"],
    "nummer": ["afritnummer", "junction_ref", "exit"],
}


def load_wegen(
    path: str | Path,
    *,
    layer: str | None = None,
    assume_crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Read motorway junctions (points), or main roads (lines), from a vector file.

    Parameters
    ----------
    path
        GeoPackage, GeoJSON or shapefile, e.g. ``data/wegen/afritten.gpkg`` (layer
        ``afritten``: ``naam``, ``weg``, ``nummer``, ``bron``).
    layer
        Layer name; default the first layer.
    assume_crs
        CRS to assume when the file has none.

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:28992, in file order, columns:

        - ``naam`` (string): the ``naam`` column; where it is missing or empty
          ``"afrit <nummer>"`` (or ``"wegobject <n>"``) with a warning;
        - ``weg`` (string or NA): the road (``A1``, ``A27``), column ``weg`` or
          ``wegnummer``;
        - geometry: points as given. Lines (a road network given instead of the
          junctions) and other geometries are kept as they are, because the distance
          indicator works on any geometry; then distances are measured to the nearest
          road rather than the nearest junction. Z is dropped; rows without geometry
          are dropped with a warning.

    Raises
    ------
    InputError
        Missing or unreadable file or layer, no CRS, coordinates outside the
        Netherlands, or no usable rows.
    """
    p = Path(path)
    raw = read_vector(p, what=WHAT, layer=layer)
    df = resolve_columns(raw, _ALIASES, path=p, layer=layer, what=WHAT)
    n = len(df)
    names = _text(df["naam"]) if "naam" in df else pd.Series(pd.NA, index=df.index, dtype="string")
    missing = names.isna().to_numpy()
    if missing.any():
        if "nummer" in df:
            numbers = _text(df["nummer"])
            fallback = ("afrit " + numbers).fillna(
                pd.Series([f"wegobject {i + 1}" for i in range(n)], index=df.index)
            )
        else:
            fallback = pd.Series([f"wegobject {i + 1}" for i in range(n)], index=df.index)
        names = names.where(~missing, fallback)
        if "naam" in df:
            mend(f"{WHAT}: {int(missing.sum())} objecten zonder naam; nummer als naam gebruikt.")
        else:
            log.info("wegen: geen kolom naam; namen afgeleid van nummer of volgorde.")
    roads = _text(df["weg"]) if "weg" in df else pd.Series(pd.NA, index=df.index, dtype="string")

    geoms = df.geometry.to_numpy()
    if shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
    gdf = gpd.GeoDataFrame(
        {"naam": names.astype("string").to_numpy(), "weg": roads.to_numpy()},
        geometry=geoms,
        crs=df.crs,
    )
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if empty.any():
        mend(f"{WHAT}: {int(empty.sum())} objecten zonder geometrie weggelaten.")
        gdf = gdf.loc[~empty]
    require_rows(gdf, what=WHAT, path=p, layer=layer)
    gdf = ensure_rd(gdf, what=WHAT, path=p, layer=layer, assume_crs=assume_crs)
    gdf = gdf.astype({"naam": "string", "weg": "string"})
    return gdf.reset_index(drop=True)


def _text(values: pd.Series) -> pd.Series:
    if pd.api.types.is_float_dtype(values):
        finite = values.dropna()
        if ((finite == np.floor(finite)) & (finite.abs() < 2**53)).all():
            values = values.astype("Int64")
    return values.astype("string").str.strip().replace({"": pd.NA})
