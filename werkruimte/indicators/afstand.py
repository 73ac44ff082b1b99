"""Distance indicators: from each parcel to the nearest hotspot, station or main road.

Distances are measured from the parcel's own geometry (not its centroid) in metres
(EPSG:28992), so a point inside or on the edge of a parcel is at 0 m. All nearest
neighbour searches go through one :class:`shapely.STRtree` query for all parcels.
"""

from __future__ import annotations

from typing import TypeAlias

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from werkruimte.sources._common import mend

__all__ = [
    "afstand_hotspot",
    "afstand_snelweg",
    "afstand_station",
    "afstand_tot",
    "match_crs",
]

#: A layer of features to measure to or overlay with.
Laag: TypeAlias = gpd.GeoDataFrame | gpd.GeoSeries


def match_crs(laag: Laag, percelen: gpd.GeoDataFrame, *, what: str) -> Laag:
    """Return ``laag`` in the parcels' CRS, reprojecting (with a warning) when needed.

    Layers from :class:`~werkruimte.regio.Regio` are all in EPSG:28992 already; this
    guards callers that pass their own frames. When either side has no CRS the layer
    is returned as it is.

    Parameters
    ----------
    laag
        The other layer (points, lines or polygons).
    percelen
        The parcels whose CRS counts.
    what
        Dutch name of the layer for the warning.

    Returns
    -------
    geopandas.GeoDataFrame or geopandas.GeoSeries
        ``laag`` itself when the CRS already matches, else a reprojected copy.
    """
    if laag.crs is None or percelen.crs is None:
        return laag
    if CRS.from_user_input(laag.crs).equals(CRS.from_user_input(percelen.crs)):
        return laag
    name = CRS.from_user_input(laag.crs).to_string()
    mend(
        f"{what}: {len(laag)} objecten omgezet van {name} naar het coördinatenstelsel "
        f"van de percelen ({CRS.from_user_input(percelen.crs).to_string()})."
    )
    return laag.to_crs(percelen.crs)


def present_geometries(laag: Laag) -> np.ndarray:
    """The non-missing, non-empty geometries of a layer as a shapely array."""
    geoms = np.asarray(laag.geometry.to_numpy())
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    return geoms[keep]


def afstand_tot(
    percelen: gpd.GeoDataFrame,
    punten: Laag | None,
    *,
    name: str,
) -> pd.Series:
    """Distance in m from each parcel to the nearest feature of another layer.

    Parameters
    ----------
    percelen
        Parcels (polygons) in EPSG:28992.
    punten
        The features to measure to: points, lines or polygons. ``None`` or an empty
        layer gives NaN everywhere (the criterion is then unknown, not far away).
    name
        Name of the returned Series (e.g. ``"afstand_hotspot_m"``); also used in the
        warning when ``punten`` has to be reprojected.

    Returns
    -------
    pandas.Series
        float64 distances aligned to ``percelen.index``; 0 when a feature touches or
        lies inside the parcel; NaN for parcels without geometry.
    """
    out = np.full(len(percelen), np.nan, dtype="float64")
    if punten is not None and len(punten) and len(percelen):
        punten = match_crs(punten, percelen, what=name)
        targets = present_geometries(punten)
        if len(targets):
            tree = shapely.STRtree(targets)
            pairs, dist = tree.query_nearest(
                percelen.geometry.to_numpy(), return_distance=True, all_matches=False
            )
            out[pairs[0]] = dist
    return pd.Series(out, index=percelen.index, name=name, dtype="float64")


def afstand_hotspot(percelen: gpd.GeoDataFrame, hotspots: Laag | None) -> pd.Series:
    """Distance to the nearest informal werklocatie (hotspot).

    Parameters
    ----------
    percelen
        Parcels in EPSG:28992.
    hotspots
        Hotspot points (``Regio.hotspots``) or None.

    Returns
    -------
    pandas.Series
        ``afstand_hotspot_m`` (float64, NaN when there are no hotspots).
    """
    return afstand_tot(percelen, hotspots, name="afstand_hotspot_m")


def afstand_station(percelen: gpd.GeoDataFrame, stations: Laag | None) -> pd.Series:
    """Distance to the nearest rail or metro station.

    Parameters
    ----------
    percelen
        Parcels in EPSG:28992.
    stations
        Station points, e.g. from ``werkruimte.indicators.ov.stations(feed)``, or None.

    Returns
    -------
    pandas.Series
        ``afstand_station_m`` (float64, NaN when there are no stations).
    """
    return afstand_tot(percelen, stations, name="afstand_station_m")


def afstand_snelweg(percelen: gpd.GeoDataFrame, wegen: Laag | None) -> pd.Series:
    """Distance to the nearest motorway junction (point) or main road (line).

    Parameters
    ----------
    percelen
        Parcels in EPSG:28992.
    wegen
        Junction points and/or main-road lines (``Regio.wegen``), or None.

    Returns
    -------
    pandas.Series
        ``afstand_snelweg_m`` (float64, NaN when no roads are given).
    """
    return afstand_tot(percelen, wegen, name="afstand_snelweg_m")
