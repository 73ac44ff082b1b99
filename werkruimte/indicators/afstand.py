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
    "nearest_distance",
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
            out = nearest_distance(np.asarray(percelen.geometry.to_numpy()), targets)
    return pd.Series(out, index=percelen.index, name=name, dtype="float64")


def nearest_distance(geoms: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Distance from each geometry to the nearest target (NaN for missing or empty).

    The exact GEOS distance of :meth:`shapely.STRtree.query_nearest`, but computed
    only for the few targets that can be nearest: each geometry and each target lies
    within a circle around the centre of its bounding box (radius: half the box's
    diagonal), which bounds every distance from below and above. With a small layer
    of targets (hotspots, stations, junctions, terrains) that leaves about one target
    per parcel and is several times faster than the tree. Large target layers, or
    bounds that prune too little (long lines), go through ``query_nearest``.

    Parameters
    ----------
    geoms
        Shapely geometries (the parcels).
    targets
        Non-missing, non-empty shapely geometries.

    Returns
    -------
    numpy.ndarray
        float64 distances aligned to ``geoms``.
    """
    n = len(geoms)
    out = np.full(n, np.nan, dtype="float64")
    if not n or not len(targets):
        return out
    if len(targets) <= _MAX_PRUNED_TARGETS:
        pairs = _candidate_pairs(geoms, targets)
        if pairs is not None:
            i, j = pairs
            dist = np.asarray(shapely.distance(geoms[i], targets[j]), dtype="float64")
            best = np.full(n, np.inf)
            np.minimum.at(best, i, dist)
            found = np.isfinite(best)
            out[found] = best[found]
            return out
    tree = shapely.STRtree(targets)
    idx, dist = tree.query_nearest(geoms, return_distance=True, all_matches=False)
    out[idx[0]] = dist
    return out


#: Target layers up to this size use the pruned search of :func:`nearest_distance`.
_MAX_PRUNED_TARGETS = 2_000
#: Give up pruning when it leaves more than this many candidate targets per geometry.
_MAX_CANDIDATES_PER_GEOM = 8


def _circles(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centre (x, y) and radius of a circle around each geometry's bounding box."""
    b = shapely.bounds(geoms)
    x = (b[:, 0] + b[:, 2]) / 2.0
    y = (b[:, 1] + b[:, 3]) / 2.0
    r = np.hypot(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) / 2.0
    return x, y, r


def _candidate_pairs(
    geoms: np.ndarray, targets: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """(geometry, target) position pairs that may hold each geometry's nearest target.

    With centre distance ``d`` and radii ``r`` and ``q``, the distance lies between
    ``d - r - q`` and ``d + r + q``; a target is kept when its lower bound is not above
    the smallest upper bound of that geometry (with a little slack for rounding).
    Returns None when too many pairs remain.
    """
    gx, gy, gr = _circles(geoms)
    tx, ty, tr = _circles(targets)
    limit = _MAX_CANDIDATES_PER_GEOM * len(geoms)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    kept = 0
    step = max(1, 1_000_000 // len(targets))
    for start in range(0, len(geoms), step):
        sl = slice(start, start + step)
        d = np.hypot(gx[sl, None] - tx[None, :], gy[sl, None] - ty[None, :])
        reach = gr[sl, None] + tr[None, :]
        upper = np.min(d + reach, axis=1)
        slack = 1e-9 * (1.0 + np.abs(upper))
        i, j = np.nonzero(d - reach <= (upper + slack)[:, None])
        kept += len(i)
        if kept > limit:
            return None
        rows.append(i + start)
        cols.append(j)
    return np.concatenate(rows), np.concatenate(cols)


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
