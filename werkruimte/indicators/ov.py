"""OV-bereikbaarheid: Transport for London PTAL on a GTFS feed.

The method (TfL, *Assessing transport connectivity in London*, 2015), as
``DESIGN.md`` fixes it:

1. Service access points (SAPs) are the boarding stops within walking reach of the
   parcel's centroid: 640 m for bus, 960 m for tram, metro and trein. Walking speed is
   80 m/min; distances are straight lines, or along the walking network when an
   osmnx graph is given.
2. Per route (GTFS ``route_id``) and stop, the frequency is the number of departures
   in the time window (default 08:15-09:15, start inclusive, end exclusive) per hour,
   per direction; the busier direction counts.
3. Scheduled waiting time ``SWT = 0.5 * 60 / frequency`` (minutes); reliability is
   added (2.0 min bus, 0.75 min rail, metro and tram); total access time
   ``TAT = walk + SWT + reliability``; equivalent doorstep frequency ``EDF = 30 / TAT``.
4. Per route only its SAP with the lowest TAT counts. Per mode the best route's EDF
   counts fully and every other route's EDF at 0.5. The accessibility index is the
   sum over the modes; the band follows TfL (0, 1a, 1b, 2, 3, 4, 5, 6a, 6b).

Everything is vectorised over parcels: a spatial index (or a multi-source Dijkstra
from the stops, :mod:`werkruimte.indicators._ov_paren`) gives the parcel-stop pairs,
numpy and pandas group-bys do the rest. The method settings are :class:`PtalOpties`
(the ``[criteria.ov]`` table); :func:`ptal_raster` gives PTAL on a grid over an area,
for the kansenkaart.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from werkruimte.errors import ConfigError
from werkruimte.indicators._ov_paren import pairs_network, pairs_straight
from werkruimte.sources._common import RD_NEW
from werkruimte.sources.gtfs import BUS, METRO, MODI, TREIN, OVFeed, normalise_date

if TYPE_CHECKING:
    import networkx

__all__ = [
    "PTAL_CEL_M",
    "PTAL_GRENZEN",
    "PTAL_KLASSEN",
    "PTAL_MAX_CELLEN",
    "PtalOpties",
    "ov_vertrekken",
    "ptal",
    "ptal_klasse",
    "ptal_raster",
    "stations",
]

log = logging.getLogger(__name__)

#: TfL PTAL bands and their upper bounds (a band holds ``lower < index <= upper``).
PTAL_KLASSEN = ("0", "1a", "1b", "2", "3", "4", "5", "6a", "6b")
PTAL_GRENZEN = (0.0, 2.5, 5.0, 10.0, 15.0, 20.0, 25.0, 40.0)

#: PTAL grid (:func:`ptal_raster`): cell side (m) and the most cells it may have.
PTAL_CEL_M = 250.0
PTAL_MAX_CELLEN = 40_000

_TIME = re.compile(r"^\s*(\d{1,3}):([0-5]\d):([0-5]\d)\s*$")
_DAY = 86_400.0


@dataclass(frozen=True)
class PtalOpties:
    """The method settings of PTAL, as ``[criteria.ov]`` names them.

    Parameters
    ----------
    loopsnelheid_m_per_min
        Walking speed.
    max_loopafstand_bus_m, max_loopafstand_rail_m
        Walking limits for bus, and for tram, metro and trein.
    betrouwbaarheid_bus_min, betrouwbaarheid_rail_min
        Reliability allowance added to the waiting time (minutes).

    Raises
    ------
    ConfigError
        When a speed or distance is not positive, or an allowance is negative.
    """

    loopsnelheid_m_per_min: float = 80.0
    max_loopafstand_bus_m: float = 640.0
    max_loopafstand_rail_m: float = 960.0
    betrouwbaarheid_bus_min: float = 2.0
    betrouwbaarheid_rail_min: float = 0.75

    def __post_init__(self) -> None:
        """Check every setting; the message names its ``criteria.ov`` key."""
        _positive(self.loopsnelheid_m_per_min, "loopsnelheid_m_per_min")
        _positive(self.max_loopafstand_bus_m, "max_loopafstand_bus_m")
        _positive(self.max_loopafstand_rail_m, "max_loopafstand_rail_m")
        _non_negative(self.betrouwbaarheid_bus_min, "betrouwbaarheid_bus_min")
        _non_negative(self.betrouwbaarheid_rail_min, "betrouwbaarheid_rail_min")

    def limit(self, modus: str) -> float:
        """Walking limit (m) for a mode."""
        return self.max_loopafstand_bus_m if modus == BUS else self.max_loopafstand_rail_m

    def reliability(self, modus: str) -> float:
        """Reliability allowance (min) for a mode."""
        return self.betrouwbaarheid_bus_min if modus == BUS else self.betrouwbaarheid_rail_min


def ptal(
    percelen: gpd.GeoDataFrame,
    feed: OVFeed | None,
    *,
    datum: str | None = None,
    begin: str = "08:15:00",
    eind: str = "09:15:00",
    opties: PtalOpties | None = None,
    loopnetwerk: networkx.MultiDiGraph | None = None,
    **instellingen: float,
) -> pd.DataFrame:
    """PTAL accessibility index and band of every parcel.

    Parameters
    ----------
    percelen
        Parcels (polygons); walking distance is measured from each centroid. A layer
        in another CRS than RD New is projected first; no CRS means RD New.
    feed
        The GTFS feed from :func:`werkruimte.sources.gtfs.load_gtfs`, or None.
    datum
        Service date ``YYYYMMDD`` (or ``YYYY-MM-DD``); None or ``""`` takes the
        busiest weekday of the feed.
    begin, eind
        Time window ``HH:MM:SS``; departures with ``begin <= t < eind`` count.
    opties
        The method settings (:class:`PtalOpties`); None for the TfL defaults.
    loopnetwerk
        An osmnx walking graph in EPSG:28992 (see
        :func:`werkruimte.sources.loopnetwerk.load_loopnetwerk`); None for straight
        lines. On the network the distance is centroid -> nearest node -> shortest
        path -> the stop's nearest node -> stop.
    **instellingen
        Single settings of :class:`PtalOpties` by name (``loopsnelheid_m_per_min``,
        ``max_loopafstand_bus_m``, ...); they override ``opties``. So
        ``ptal(p, feed, **config.criteria["ov"])`` takes the whole config table.

    Returns
    -------
    pandas.DataFrame
        Aligned to ``percelen.index``: ``ov_index`` (float64) and ``ov_klasse``
        (string: ``"0"``, ``"1a"``, ..., ``"6b"``). Without a feed, or for a parcel
        without geometry, ``ov_index`` is NaN and ``ov_klasse`` NA.

    Raises
    ------
    ConfigError
        When a setting (date, window, speed, distance) is invalid or unknown, or no
        trip runs on ``datum``.
    """
    out = pd.DataFrame(
        {
            "ov_index": np.full(len(percelen), np.nan),
            "ov_klasse": pd.array([pd.NA] * len(percelen), dtype="string"),
        },
        index=percelen.index,
    )
    if feed is None:
        return out
    settings = _opties(opties, instellingen)
    begin_s, eind_s = _window(begin, eind)
    day = _resolve_datum(feed, datum)
    per_route = _per_route(feed, day, begin_s, eind_s)
    centroids, present = _centroids(percelen)
    index = np.where(present, 0.0, np.nan)
    if len(per_route) and present.any():
        rows = np.flatnonzero(present)
        index[rows] = _index_at(centroids[rows], per_route, feed, settings, loopnetwerk)
    out["ov_index"] = index
    out["ov_klasse"] = ptal_klasse(out["ov_index"])
    log.info(
        "PTAL op %s %s-%s: %d percelen, gemiddelde index %.2f",
        day,
        begin,
        eind,
        int(present.sum()),
        float(np.nanmean(index)) if present.any() else float("nan"),
    )
    return out


def _opties(opties: PtalOpties | None, instellingen: dict[str, float]) -> PtalOpties:
    """``opties`` with the single settings ``instellingen`` applied."""
    known = {f.name for f in fields(PtalOpties)}
    unknown = sorted(set(instellingen) - known)
    if unknown:
        raise ConfigError(
            f"onbekende PTAL-instelling '{unknown[0]}'.",
            key=f"criteria.ov.{unknown[0]}",
            hint=f"kies uit: datum, begin, eind, {', '.join(sorted(known))}.",
        )
    return replace(opties or PtalOpties(), **instellingen)


def _per_route(feed: OVFeed, day: str, begin_s: float, eind_s: float) -> pd.DataFrame:
    """Per stop and route: mode and departures per hour in the busier direction."""
    counts = _departure_counts(feed, day, begin_s, eind_s)
    per_route = (
        counts.groupby(["stop_id", "route_id"], sort=False)["vertrekken"].max().reset_index()
    )
    per_route = per_route.merge(feed.routes[["route_id", "modus"]], on="route_id", how="left")
    per_route = per_route.loc[per_route["modus"].notna() & (per_route["vertrekken"] > 0)]
    hours = (eind_s - begin_s) / 3600.0
    return per_route.assign(frequentie=per_route["vertrekken"].to_numpy(dtype="float64") / hours)


def _index_at(
    centroids: np.ndarray,
    per_route: pd.DataFrame,
    feed: OVFeed,
    opties: PtalOpties,
    loopnetwerk: Any,
) -> np.ndarray:
    """PTAL index at the points ``centroids`` (RD New) from the routes per stop."""
    stop_ids = pd.Index(per_route["stop_id"].unique())
    stop_geom = feed.stops.set_index("stop_id").geometry
    stop_geom = stop_geom[~stop_geom.index.duplicated()].reindex(stop_ids)
    sx = shapely.get_x(stop_geom.to_numpy())
    sy = shapely.get_y(stop_geom.to_numpy())
    mode_order = list(MODI)
    mode_code = pd.Categorical(per_route["modus"], categories=mode_order).codes
    limits = np.array([opties.limit(m) for m in mode_order], dtype="float64")
    reliability = np.array([opties.reliability(m) for m in mode_order], dtype="float64")
    route_code, route_names = pd.factorize(per_route["route_id"])
    route_mode = np.zeros(len(route_names), dtype="int64")
    route_mode[route_code] = mode_code
    table = _RouteTable(
        stop=stop_ids.get_indexer(per_route["stop_id"]),
        route=route_code.astype("int64"),
        mode=mode_code.astype("int64"),
        swt=0.5 * 60.0 / per_route["frequentie"].to_numpy(dtype="float64"),
        n_stops=len(stop_ids),
        n_routes=len(route_names),
        route_mode=route_mode,
    )
    max_d = float(limits[np.unique(table.mode)].max())
    cx = shapely.get_x(centroids)
    cy = shapely.get_y(centroids)
    if loopnetwerk is None:
        pi, si, dist = pairs_straight(cx, cy, sx, sy, max_d)
    else:
        pi, si, dist = pairs_network(cx, cy, sx, sy, loopnetwerk, max_d)
    return _index_from_pairs(
        len(centroids),
        pi,
        si,
        dist,
        table,
        speed=float(opties.loopsnelheid_m_per_min),
        limits=limits,
        reliability=reliability,
    )


def ptal_klasse(ov_index: pd.Series) -> pd.Series:
    """TfL PTAL band of each index value (``0 < i <= 2.5`` is ``1a``, ...).

    Parameters
    ----------
    ov_index
        PTAL accessibility index values (NaN allowed).

    Returns
    -------
    pandas.Series
        ``string`` dtype, NA where the index is NaN, aligned to ``ov_index``.
    """
    values = ov_index.to_numpy(dtype="float64", na_value=np.nan)
    pos = np.searchsorted(np.asarray(PTAL_GRENZEN), np.nan_to_num(values), side="left")
    labels = np.asarray(PTAL_KLASSEN, dtype=object)[pos]
    out = pd.Series(pd.array(labels, dtype="string"), index=ov_index.index)
    return out.mask(np.isnan(values))


def ptal_raster(
    gebied: shapely.Geometry,
    feed: OVFeed | None,
    *,
    cel_m: float = PTAL_CEL_M,
    max_cellen: int = PTAL_MAX_CELLEN,
    loopnetwerk: networkx.MultiDiGraph | None = None,
    **instellingen: Any,
) -> gpd.GeoDataFrame:
    """PTAL of a square grid over an area, dissolved per band (for a map layer).

    The grid starts at the area's lower left corner; a cell counts when its centre
    lies in the area, and its PTAL is that of its centre (:func:`ptal` of the cell).
    When the area's bounding box would hold more than ``max_cellen`` cells of
    ``cel_m``, the side grows to the next multiple of 50 m that stays within it.

    Parameters
    ----------
    gebied
        The area in EPSG:28992, e.g. the union of the gemeenten.
    feed
        The GTFS feed, or None (then the result is empty).
    cel_m
        Side of a cell in metres.
    max_cellen
        Most cells the grid may have.
    loopnetwerk
        An osmnx walking graph, or None for straight lines (as :func:`ptal`).
    **instellingen
        Passed on to :func:`ptal`: ``datum``, ``begin``, ``eind``, ``opties`` and
        the single settings, e.g. ``**config.criteria["ov"]``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per band that occurs, in band order: ``ov_klasse`` (``"0"`` ..
        ``"6b"``) and the union of its cells (EPSG:28992). Empty when the area is
        empty or no cell centre lies in it.

    Raises
    ------
    ConfigError
        As :func:`ptal`, for invalid settings.
    """
    empty = gpd.GeoDataFrame({"ov_klasse": pd.array([], dtype="string")}, geometry=[], crs=RD_NEW)
    x0, y0, x1, y1 = (float(v) for v in shapely.bounds(gebied))
    if feed is None or not (np.isfinite([x0, y0, x1, y1]).all() and x1 > x0 and y1 > y0):
        return empty
    cel = float(cel_m)
    extent = (x1 - x0) * (y1 - y0)
    if extent / cel**2 > max_cellen:
        cel = math.ceil(math.sqrt(extent / max_cellen) / 50.0) * 50.0
    xe = x0 + np.arange(math.ceil((x1 - x0) / cel) + 1) * cel
    ye = y0 + np.arange(math.ceil((y1 - y0) / cel) + 1) * cel
    gx, gy = np.meshgrid(np.arange(len(xe) - 1), np.arange(len(ye) - 1))
    ix, iy = gx.ravel(), gy.ravel()
    cells = shapely.box(xe[ix], ye[iy], xe[ix + 1], ye[iy + 1])
    inside = shapely.intersects_xy(gebied, (xe[ix] + xe[ix + 1]) / 2.0, (ye[iy] + ye[iy + 1]) / 2.0)
    cells = cells[inside]
    if not len(cells):
        return empty
    grid = gpd.GeoDataFrame(geometry=cells, crs=RD_NEW)
    pt = ptal(grid, feed, loopnetwerk=loopnetwerk, **instellingen)
    klasse = pt["ov_klasse"].astype("string").fillna("0").to_numpy(dtype=object)
    names, geoms = [], []
    for k in PTAL_KLASSEN:  # nine bands, not rows
        sel = klasse == k
        if sel.any():
            names.append(k)
            geoms.append(shapely.coverage_union_all(cells[sel]))
    log.info("PTAL-raster van %d cellen van %g m", len(cells), cel)
    return gpd.GeoDataFrame(
        {"ov_klasse": pd.array(names, dtype="string")}, geometry=geoms, crs=RD_NEW
    )


def ov_vertrekken(
    feed: OVFeed,
    *,
    datum: str | None = None,
    begin: str = "08:15:00",
    eind: str = "09:15:00",
) -> gpd.GeoDataFrame:
    """Departures per boarding stop in the time window, for the map.

    Parameters
    ----------
    feed
        The GTFS feed.
    datum
        Service date ``YYYYMMDD``; None or ``""`` takes the busiest weekday.
    begin, eind
        Time window ``HH:MM:SS`` (start inclusive, end exclusive).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per boarding stop (not stations or entrances) with coordinates:
        ``stop_id``, ``stop_name``, ``parent_station``, ``vertrekken`` (int64, all
        routes and directions), ``per_uur`` (float64), ``lijnen`` (int64, routes with
        a departure), ``modi`` (string, e.g. ``"bus, trein"``; only modes PTAL
        counts, empty when none), geometry (EPSG:28992).
    """
    begin_s, eind_s = _window(begin, eind)
    day = _resolve_datum(feed, datum)
    counts = _departure_counts(feed, day, begin_s, eind_s)
    counts = counts.loc[counts["vertrekken"] > 0]
    counts = counts.merge(feed.routes[["route_id", "modus"]], on="route_id", how="left")
    per_stop = counts.groupby("stop_id")["vertrekken"].sum()
    lines = counts.groupby("stop_id")["route_id"].nunique()
    stops = feed.stops
    boarding = stops.loc[
        (stops["location_type"].fillna(0) == 0).to_numpy() & stops.geometry.notna().to_numpy()
    ]
    ids = boarding["stop_id"]
    served = counts.loc[counts["modus"].notna(), ["stop_id", "modus"]].drop_duplicates()
    modi = np.full(len(ids), "", dtype=object)
    for mode in sorted(MODI):
        has = pd.Index(ids).isin(served.loc[served["modus"] == mode, "stop_id"])
        joined = np.where(modi == "", mode, modi + ", " + mode)
        modi = np.where(has, joined, modi)
    n = per_stop.reindex(ids).fillna(0).to_numpy(dtype="int64")
    out = gpd.GeoDataFrame(
        {
            "stop_id": ids.array,
            "stop_name": boarding["stop_name"].array,
            "parent_station": boarding["parent_station"].array,
            "vertrekken": n,
            "per_uur": n / ((eind_s - begin_s) / 3600.0),
            "lijnen": lines.reindex(ids).fillna(0).to_numpy(dtype="int64"),
            "modi": pd.array(modi, dtype="string"),
        },
        geometry=boarding.geometry.to_numpy(),
        crs=RD_NEW,
    )
    return out


def stations(feed: OVFeed) -> gpd.GeoDataFrame:
    """Trein and metro stations, one point per station.

    A stop counts when any trip of a ``trein`` or ``metro`` route calls at it (on any
    day). Platforms that share a ``parent_station`` collapse to one station: the
    parent's point and name when the parent is in the feed, else the mean of the
    platforms and the first platform's name.

    Parameters
    ----------
    feed
        The GTFS feed.

    Returns
    -------
    geopandas.GeoDataFrame
        ``station_id`` (the parent_station, or the stop_id of a lone platform),
        ``naam``, ``modi`` (``"metro"``, ``"trein"`` or ``"metro, trein"``),
        ``perrons`` (int64, number of stops collapsed), geometry (EPSG:28992).
    """
    st = feed.tabellen["stop_times"][["trip_id", "stop_id"]].astype("string")
    rail = feed.routes.loc[feed.routes["modus"].isin([TREIN, METRO]), ["route_id", "modus"]]
    trips = feed.trips[["trip_id", "route_id"]].merge(rail, on="route_id")
    calls = st.merge(trips[["trip_id", "modus"]], on="trip_id")[["stop_id", "modus"]]
    calls = calls.drop_duplicates()
    stops = feed.stops
    platforms = stops.merge(calls, on="stop_id")
    platforms = platforms.loc[platforms.geometry.notna().to_numpy()]
    empty = gpd.GeoDataFrame(
        {
            "station_id": pd.array([], dtype="string"),
            "naam": pd.array([], dtype="string"),
            "modi": pd.array([], dtype="string"),
            "perrons": np.array([], dtype="int64"),
        },
        geometry=gpd.GeoSeries([], crs=RD_NEW),
        crs=RD_NEW,
    )
    if platforms.empty:
        return empty
    parent = platforms["parent_station"].fillna("").str.strip()
    key = parent.where(parent != "", platforms["stop_id"])
    platforms = platforms.assign(
        station_id=key.to_numpy(),
        _x=shapely.get_x(platforms.geometry.to_numpy()),
        _y=shapely.get_y(platforms.geometry.to_numpy()),
    )
    grouped = platforms.groupby("station_id", sort=True)
    agg = pd.DataFrame(
        {
            "x": grouped["_x"].mean(),
            "y": grouped["_y"].mean(),
            "naam": grouped["stop_name"].first(),
            "perrons": grouped["stop_id"].nunique(),
        }
    )
    modes = platforms[["station_id", "modus"]].drop_duplicates().sort_values(["modus"])
    agg["modi"] = modes.groupby("station_id")["modus"].agg(", ".join)
    by_id = stops.set_index("stop_id")
    by_id = by_id.loc[~by_id.index.duplicated()]
    parents = by_id.reindex(agg.index)
    has_parent = parents.geometry.notna().to_numpy()
    x = np.where(has_parent, shapely.get_x(parents.geometry.to_numpy()), agg["x"].to_numpy())
    y = np.where(has_parent, shapely.get_y(parents.geometry.to_numpy()), agg["y"].to_numpy())
    name = parents["stop_name"].where(
        has_parent & parents["stop_name"].notna().to_numpy(), agg["naam"]
    )
    return gpd.GeoDataFrame(
        {
            "station_id": pd.array(agg.index.to_numpy(), dtype="string"),
            "naam": pd.array(name.to_numpy(), dtype="string"),
            "modi": pd.array(agg["modi"].to_numpy(), dtype="string"),
            "perrons": agg["perrons"].to_numpy(dtype="int64"),
        },
        geometry=gpd.points_from_xy(x, y, crs=RD_NEW),
        crs=RD_NEW,
    )


# --------------------------------------------------------------------------- settings


def _positive(value: float, name: str) -> float:
    if not np.isfinite(value) or value <= 0:
        raise ConfigError(
            f"waarde {value} moet een positief getal zijn.",
            key=f"criteria.ov.{name}",
            hint="geef een getal groter dan 0.",
        )
    return float(value)


def _non_negative(value: float, name: str) -> float:
    if not np.isfinite(value) or value < 0:
        raise ConfigError(
            f"waarde {value} mag niet negatief zijn.",
            key=f"criteria.ov.{name}",
            hint="geef 0 of een positief getal (minuten).",
        )
    return float(value)


def _seconds(value: str, name: str) -> float:
    match = _TIME.match(str(value))
    if match is None:
        raise ConfigError(
            f"tijd '{value}' is onleesbaar; verwacht UU:MM:SS.",
            key=f"criteria.ov.{name}",
            hint='schrijf bijvoorbeeld "08:15:00".',
        )
    h, m, s = (int(g) for g in match.groups())
    return float(h * 3600 + m * 60 + s)


def _window(begin: str, eind: str) -> tuple[float, float]:
    b = _seconds(begin, "begin")
    e = _seconds(eind, "eind")
    if e <= b:
        raise ConfigError(
            f"het tijdvak {begin}-{eind} is leeg: eind moet na begin liggen.",
            key="criteria.ov.eind",
            hint='bijvoorbeeld begin = "08:15:00", eind = "09:15:00".',
        )
    return b, e


def _resolve_datum(feed: OVFeed, datum: str | None) -> str:
    if datum is None or not str(datum).strip():
        return feed.busiest_weekday()
    try:
        day = normalise_date(str(datum))
    except ValueError as exc:
        raise ConfigError(
            f"datum '{datum}' is onleesbaar; verwacht JJJJMMDD.",
            key="criteria.ov.datum",
            hint='bijvoorbeeld datum = "20250115", of leeg voor de drukste werkdag.',
        ) from exc
    counts = feed.trips_per_date
    if int(counts.get(day, 0)) == 0:
        period = f"{counts.index[0]}-{counts.index[-1]}" if len(counts) else "(leeg)"
        raise ConfigError(
            f"op {day} rijdt geen enkele rit in de dienstregeling {feed.pad} (periode {period}).",
            key="criteria.ov.datum",
            hint=f"kies een datum met dienst, bijvoorbeeld {feed.busiest_weekday()}, of "
            "laat datum leeg voor de drukste werkdag.",
        )
    return day


# --------------------------------------------------------------------------- departures


def _departure_counts(feed: OVFeed, day: str, begin_s: float, eind_s: float) -> pd.DataFrame:
    """Departures per (stop_id, route_id, direction_id) with ``begin <= t < eind`` on ``day``.

    Trips of the previous service day whose times run past 24:00:00 count too.
    Headway-based trips (frequencies.txt) are expanded arithmetically.
    """
    previous = (pd.Timestamp(day) - pd.Timedelta(days=1)).strftime("%Y%m%d")
    parts = [
        _counts_for_service_day(feed, day, begin_s, eind_s),
        _counts_for_service_day(feed, previous, begin_s + _DAY, eind_s + _DAY),
    ]
    counts = pd.concat(parts, ignore_index=True)
    counts = counts.merge(feed.trips[["trip_id", "route_id", "direction_id"]], on="trip_id")
    return (
        counts.groupby(["stop_id", "route_id", "direction_id"], sort=False, dropna=False)[
            "vertrekken"
        ]
        .sum()
        .reset_index()
    )


def _counts_for_service_day(feed: OVFeed, day: str, lo: float, hi: float) -> pd.DataFrame:
    active = feed.active_trip_ids(day)
    dep = feed.departures
    freq = feed.frequencies
    headway_trips = dep["trip_id"].isin(freq["trip_id"]).to_numpy()
    t = dep["departure_s"].to_numpy()
    run = dep["trip_id"].isin(active).to_numpy()
    hit = run & ~headway_trips & (t >= lo) & (t < hi)
    scheduled = dep.loc[hit, ["trip_id", "stop_id"]].assign(vertrekken=1)
    fr = freq.loc[freq["trip_id"].isin(active)]
    if fr.empty:
        return scheduled
    m = fr.merge(dep.loc[headway_trips & run, ["trip_id", "stop_id", "offset_s"]], on="trip_id")
    h = m["headway_s"].to_numpy()
    start = m["start_s"].to_numpy()
    t0 = start + m["offset_s"].to_numpy()
    # Trips leave the first stop at start + k*h for k = 0 .. K-1 (start + k*h < end).
    k_max = np.ceil((m["end_s"].to_numpy() - start) / h) - 1
    k_lo = np.maximum(0, np.ceil((lo - t0) / h))
    k_hi = np.minimum(k_max, np.ceil((hi - t0) / h) - 1)
    n = np.maximum(0, k_hi - k_lo + 1).astype("int64")
    expanded = pd.DataFrame(
        {"trip_id": m["trip_id"].array, "stop_id": m["stop_id"].array, "vertrekken": n}
    )
    return pd.concat([scheduled, expanded.loc[n > 0]], ignore_index=True)


# --------------------------------------------------------------------------- geometry


def _centroids(percelen: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Centroids in RD New and a mask of parcels that have one."""
    geoms = percelen.geometry
    if percelen.crs is not None and not CRS.from_user_input(percelen.crs).equals(
        RD_NEW, ignore_axis_order=True
    ):
        geoms = geoms.to_crs(RD_NEW)
    cent = shapely.centroid(geoms.to_numpy())
    present = ~(shapely.is_missing(cent) | shapely.is_empty(cent))
    return cent, present


# --------------------------------------------------------------------------- index


class _RouteTable:
    """Per (stop, route) what PTAL needs, sorted by stop."""

    def __init__(
        self,
        *,
        stop: np.ndarray,
        route: np.ndarray,
        mode: np.ndarray,
        swt: np.ndarray,
        n_stops: int,
        n_routes: int,
        route_mode: np.ndarray,
    ) -> None:
        order = np.argsort(stop, kind="stable")
        self.stop = stop[order]
        self.route = route[order]
        self.mode = mode[order]
        self.swt = swt[order]
        self.n_routes = n_routes
        self.route_mode = route_mode
        self.start = np.searchsorted(self.stop, np.arange(n_stops), side="left")
        self.count = np.searchsorted(self.stop, np.arange(n_stops), side="right") - self.start


def _index_from_pairs(
    n_parcels: int,
    pi: np.ndarray,
    si: np.ndarray,
    dist: np.ndarray,
    table: _RouteTable,
    *,
    speed: float,
    limits: np.ndarray,
    reliability: np.ndarray,
) -> np.ndarray:
    """PTAL index per parcel from parcel-stop pairs (vectorised)."""
    index = np.zeros(n_parcels, dtype="float64")
    if len(pi) == 0:
        return index
    # Expand each pair to the routes at its stop.
    reps = table.count[si]
    total = int(reps.sum())
    if total == 0:
        return index
    first = np.repeat(table.start[si], reps)
    within = np.arange(total) - np.repeat(np.cumsum(reps) - reps, reps)
    row = first + within
    p = np.repeat(pi, reps)
    d = np.repeat(dist, reps)
    mode = table.mode[row]
    ok = d <= limits[mode]
    p, d, row, mode = p[ok], d[ok], row[ok], mode[ok]
    tat = d / speed + table.swt[row] + reliability[mode]
    # Per parcel and route: only the access point with the lowest TAT.
    key = p.astype("int64") * table.n_routes + table.route[row]
    best = pd.Series(tat).groupby(key, sort=False).min()
    keys = best.index.to_numpy()
    parcel = keys // table.n_routes
    route_mode = table.route_mode[keys % table.n_routes]
    edf = 30.0 / best.to_numpy()
    # Per parcel and mode: best route fully, the others at half weight.
    per_mode = pd.DataFrame({"p": parcel, "m": route_mode, "edf": edf}).groupby(
        ["p", "m"], sort=False
    )["edf"]
    top = per_mode.max()
    ai = top + 0.5 * (per_mode.sum() - top)
    per_parcel = ai.groupby(level="p").sum()
    index[per_parcel.index.to_numpy()] = per_parcel.to_numpy()
    return index
