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
from the stops) gives the parcel-stop pairs, numpy and pandas group-bys do the rest.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from werkruimte.errors import ConfigError, InputError
from werkruimte.sources._common import RD_NEW, mend
from werkruimte.sources.gtfs import BUS, METRO, MODI, TREIN, OVFeed, normalise_date

if TYPE_CHECKING:
    import networkx

__all__ = ["PTAL_GRENZEN", "PTAL_KLASSEN", "ov_vertrekken", "ptal", "ptal_klasse", "stations"]

log = logging.getLogger(__name__)

#: TfL PTAL bands and their upper bounds (a band holds ``lower < index <= upper``).
PTAL_KLASSEN = ("0", "1a", "1b", "2", "3", "4", "5", "6a", "6b")
PTAL_GRENZEN = (0.0, 2.5, 5.0, 10.0, 15.0, 20.0, 25.0, 40.0)

_TIME = re.compile(r"^\s*(\d{1,3}):([0-5]\d):([0-5]\d)\s*$")
_DAY = 86_400.0


def ptal(
    percelen: gpd.GeoDataFrame,
    feed: OVFeed | None,
    *,
    datum: str | None = None,
    begin: str = "08:15:00",
    eind: str = "09:15:00",
    loopsnelheid_m_per_min: float = 80.0,
    max_loopafstand_bus_m: float = 640.0,
    max_loopafstand_rail_m: float = 960.0,
    betrouwbaarheid_bus_min: float = 2.0,
    betrouwbaarheid_rail_min: float = 0.75,
    loopnetwerk: networkx.MultiDiGraph | None = None,
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
    loopsnelheid_m_per_min
        Walking speed.
    max_loopafstand_bus_m, max_loopafstand_rail_m
        Walking limits for bus, and for tram, metro and trein.
    betrouwbaarheid_bus_min, betrouwbaarheid_rail_min
        Reliability allowance added to the waiting time (minutes).
    loopnetwerk
        An osmnx walking graph in EPSG:28992 (see
        :func:`werkruimte.sources.loopnetwerk.load_loopnetwerk`); None for straight
        lines. On the network the distance is centroid -> nearest node -> shortest
        path -> the stop's nearest node -> stop.

    Returns
    -------
    pandas.DataFrame
        Aligned to ``percelen.index``: ``ov_index`` (float64) and ``ov_klasse``
        (string: ``"0"``, ``"1a"``, ..., ``"6b"``). Without a feed, or for a parcel
        without geometry, ``ov_index`` is NaN and ``ov_klasse`` NA.

    Raises
    ------
    ConfigError
        When a setting (date, window, speed, distance) is invalid, or no trip runs on
        ``datum``.
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
    speed = _positive(loopsnelheid_m_per_min, "loopsnelheid_m_per_min")
    limit_bus = _positive(max_loopafstand_bus_m, "max_loopafstand_bus_m")
    limit_rail = _positive(max_loopafstand_rail_m, "max_loopafstand_rail_m")
    rel_bus = _non_negative(betrouwbaarheid_bus_min, "betrouwbaarheid_bus_min")
    rel_rail = _non_negative(betrouwbaarheid_rail_min, "betrouwbaarheid_rail_min")
    begin_s, eind_s = _window(begin, eind)
    day = _resolve_datum(feed, datum)

    # Per stop and route: departures per hour in the busier direction.
    counts = _departure_counts(feed, day, begin_s, eind_s)
    per_route = (
        counts.groupby(["stop_id", "route_id"], sort=False)["vertrekken"].max().reset_index()
    )
    per_route = per_route.merge(feed.routes[["route_id", "modus"]], on="route_id", how="left")
    per_route = per_route.loc[per_route["modus"].notna() & (per_route["vertrekken"] > 0)]
    hours = (eind_s - begin_s) / 3600.0
    frequency = per_route["vertrekken"].to_numpy(dtype="float64") / hours

    centroids, present = _centroids(percelen)
    index = np.where(present, 0.0, np.nan)
    if len(per_route) and present.any():
        stop_ids = pd.Index(per_route["stop_id"].unique())
        stop_geom = feed.stops.set_index("stop_id").geometry
        stop_geom = stop_geom[~stop_geom.index.duplicated()].reindex(stop_ids)
        sx = shapely.get_x(stop_geom.to_numpy())
        sy = shapely.get_y(stop_geom.to_numpy())
        mode_order = list(MODI)
        mode_code = pd.Categorical(per_route["modus"], categories=mode_order).codes
        limits = np.array([limit_bus if m == BUS else limit_rail for m in mode_order])
        reliability = np.array([rel_bus if m == BUS else rel_rail for m in mode_order])
        route_code, route_names = pd.factorize(per_route["route_id"])
        route_mode = np.zeros(len(route_names), dtype="int64")
        route_mode[route_code] = mode_code
        table = _RouteTable(
            stop=stop_ids.get_indexer(per_route["stop_id"]),
            route=route_code.astype("int64"),
            mode=mode_code.astype("int64"),
            swt=0.5 * 60.0 / frequency,
            n_stops=len(stop_ids),
            n_routes=len(route_names),
            route_mode=route_mode,
        )
        max_d = float(limits[np.unique(table.mode)].max())
        rows = np.flatnonzero(present)
        cx = shapely.get_x(centroids[rows])
        cy = shapely.get_y(centroids[rows])
        if loopnetwerk is None:
            pi, si, dist = _pairs_straight(cx, cy, sx, sy, max_d)
        else:
            pi, si, dist = _pairs_network(cx, cy, sx, sy, loopnetwerk, max_d)
        index[rows] = _index_from_pairs(
            len(rows),
            pi,
            si,
            dist,
            table,
            speed=speed,
            limits=limits,
            reliability=reliability,
        )
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
    st = feed.feed.stop_times[["trip_id", "stop_id"]].astype("string")
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


def _pairs_straight(
    cx: np.ndarray, cy: np.ndarray, sx: np.ndarray, sy: np.ndarray, max_d: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parcel-stop pairs within ``max_d`` (straight line) and their distances."""
    tree = shapely.STRtree(np.asarray(shapely.points(sx, sy)))
    pi, si = tree.query(shapely.points(cx, cy), predicate="dwithin", distance=max_d)
    dist = np.hypot(cx[pi] - sx[si], cy[pi] - sy[si])
    return pi, si, dist


def _pairs_network(
    cx: np.ndarray,
    cy: np.ndarray,
    sx: np.ndarray,
    sy: np.ndarray,
    graph: Any,
    max_d: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parcel-stop pairs within ``max_d`` along the walking network.

    Distance = centroid to its nearest node + shortest path + stop's nearest node to
    the stop. One Dijkstra (scipy, limited to ``max_d``) per distinct stop node.
    """
    from scipy.sparse.csgraph import dijkstra
    from scipy.spatial import cKDTree

    node_x, node_y, matrix = _graph_arrays(graph)
    if len(node_x) == 0:
        empty = np.array([], dtype="int64")
        return empty, empty, np.array([], dtype="float64")
    tree = cKDTree(np.column_stack([node_x, node_y]))
    p_snap, p_node = tree.query(np.column_stack([cx, cy]))
    s_snap, s_node = tree.query(np.column_stack([sx, sy]))
    source_nodes, stop_source = np.unique(s_node, return_inverse=True)
    chunk = max(1, 5_000_000 // max(1, len(node_x)))
    src_parts, node_parts, dist_parts = [], [], []
    for start in range(0, len(source_nodes), chunk):
        block = dijkstra(
            matrix, directed=True, indices=source_nodes[start : start + chunk], limit=max_d
        )
        r, c = np.nonzero(np.isfinite(block))
        src_parts.append(r + start)
        node_parts.append(c)
        dist_parts.append(block[r, c])
    reach = pd.DataFrame(
        {
            "src": np.concatenate(src_parts),
            "node": np.concatenate(node_parts),
            "net": np.concatenate(dist_parts),
        }
    )
    parcels = pd.DataFrame({"p": np.arange(len(cx)), "node": p_node, "snap": p_snap})
    parcels = parcels.loc[parcels["snap"] <= max_d]
    joined = parcels.merge(reach, on="node")
    joined["d"] = joined["snap"].to_numpy() + joined["net"].to_numpy()
    joined = joined.loc[joined["d"] <= max_d, ["p", "src", "d"]]
    stops = pd.DataFrame({"s": np.arange(len(sx)), "src": stop_source, "stop_snap": s_snap})
    joined = joined.merge(stops, on="src")
    d = joined["d"].to_numpy() + joined["stop_snap"].to_numpy()
    keep = d <= max_d
    return (
        joined["p"].to_numpy()[keep],
        joined["s"].to_numpy()[keep],
        d[keep],
    )


def _graph_arrays(graph: Any) -> tuple[np.ndarray, np.ndarray, Any]:
    """Node coordinates and a symmetric sparse matrix of edge lengths (metres)."""
    from scipy.sparse import csr_matrix

    crs = graph.graph.get("crs")
    if crs is None or not CRS.from_user_input(crs).equals(RD_NEW, ignore_axis_order=True):
        import osmnx as ox

        graph = ox.project_graph(graph, to_crs=RD_NEW)
        mend(f"loopnetwerk: {len(graph)} knopen omgezet van {crs} naar RD New (EPSG:28992).")
    node_data = [(n, d.get("x", np.nan), d.get("y", np.nan)) for n, d in graph.nodes(data=True)]
    if not node_data:
        raise InputError(
            "het loopnetwerk heeft geen knopen.",
            hint="lever een loopnetwerk (OSM) aan dat het gebied van de percelen dekt.",
        )
    ids, xs, ys = zip(*node_data, strict=True)
    x = np.asarray(xs, dtype="float64")
    y = np.asarray(ys, dtype="float64")
    # A comprehension iterates the edge view once (list() would also count it first).
    edge_data = [e for e in graph.edges(data="length")]
    if not edge_data:
        raise InputError(
            "het loopnetwerk heeft geen verbindingen.",
            hint="lever een loopnetwerk (OSM) aan met wegen en paden.",
        )
    eu, ev, ew = zip(*edge_data, strict=True)
    position = pd.Index(ids)
    u = position.get_indexer(pd.Index(eu))
    v = position.get_indexer(pd.Index(ev))
    w = pd.to_numeric(pd.Series(ew, dtype=object), errors="coerce").to_numpy(dtype="float64")
    straight = np.hypot(x[u] - x[v], y[u] - y[v])
    w = np.where(np.isfinite(w), w, straight)
    # Walking ignores one-way streets: both directions, the shortest parallel edge.
    both = pd.DataFrame({"a": np.r_[u, v], "b": np.r_[v, u], "w": np.r_[w, w]})
    shortest = both.loc[both["a"] != both["b"]].groupby(["a", "b"], sort=False)["w"].min()
    a = shortest.index.get_level_values(0).to_numpy()
    b = shortest.index.get_level_values(1).to_numpy()
    # Zero-length edges would vanish from a sparse matrix: give them a tiny length.
    weights = np.maximum(shortest.to_numpy(), 1e-9)
    matrix = csr_matrix((weights, (a, b)), shape=(len(x), len(x)))
    return x, y, matrix


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
