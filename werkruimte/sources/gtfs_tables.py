"""The compact GTFS tables that the OV indicators need, derived from a read feed.

:func:`werkruimte.sources.gtfs.load_gtfs` reads and validates the feed; the functions
here turn its raw tables into the derived ones of ``OVFeed``, fully vectorised,
mending what can be mended with a counted warning:

- :func:`derive_stops`: every stop as a point in RD New;
- :func:`derive_routes`: each route with its PTAL mode (:func:`modus_from_route_type`);
- :func:`derive_trips`: trip, route, service and direction;
- :func:`derive_departures`: every boarding possibility with its departure time in
  seconds after midnight of the service day (:func:`parse_gtfs_times`);
- :func:`derive_frequencies`: headway-based service periods in seconds;
- :func:`derive_trips_per_date`: number of active trips per service date.
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from werkruimte.errors import InputError
from werkruimte.sources._common import NL_BOUNDS_WGS84, RD_NEW, mend

__all__ = [
    "BUS",
    "METRO",
    "MODI",
    "TRAM",
    "TREIN",
    "derive_departures",
    "derive_frequencies",
    "derive_routes",
    "derive_stops",
    "derive_trips",
    "derive_trips_per_date",
    "modus_from_route_type",
    "parse_gtfs_times",
]

# The messages belong to the GTFS loader, whose logger they use.
log = logging.getLogger("werkruimte.sources.gtfs")

WHAT = "OV-dienstregeling (GTFS)"

#: PTAL modes (user-facing labels).
BUS = "bus"
TRAM = "tram"
METRO = "metro"
TREIN = "trein"
MODI = (BUS, TRAM, METRO, TREIN)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME_PATTERN = r"^(?P<h>\d{1,3}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)$"

#: Route types that are valid GTFS but that PTAL does not count (ferry, aerial
#: lift, funicular, coach, water, air, taxi, ...).
_NOT_COUNTED = "veerboot, kabelbaan, kabelspoor, touringcar, vliegtuig, taxi"


# --------------------------------------------------------------------------- times


def parse_gtfs_times(
    values: pd.Series, *, path: str | Path | None = None, table: str, column: str
) -> np.ndarray:
    """Parse GTFS times (``H:MM:SS``, hours may exceed 23) to seconds, vectorised.

    Parameters
    ----------
    values
        The time strings; empty or missing values give NaN.
    path, table, column
        Used in the error message.

    Returns
    -------
    numpy.ndarray
        float64 seconds after midnight of the service day.

    Raises
    ------
    InputError
        Naming the first row whose time cannot be read (e.g. ``8h15`` or ``08:61:00``).
    """
    arr = pa.array(values.astype("string").array)
    text = pc.utf8_trim_whitespace(arr)
    parts = pc.extract_regex(text, _TIME_PATTERN)
    seconds = np.zeros(len(values), dtype="float64")
    for name, factor in (("h", 3600.0), ("m", 60.0), ("s", 1.0)):
        field = pc.cast(pc.struct_field(parts, name), pa.float64())
        seconds += factor * field.to_numpy(zero_copy_only=False)
    given = pc.fill_null(pc.not_equal(text, ""), False).to_numpy(zero_copy_only=False)
    bad = given & np.isnan(seconds)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"tijd '{values.iloc[pos]}' is onleesbaar (regel {pos + 2}); verwacht UU:MM:SS, "
            "bijvoorbeeld 08:15:00 (uren boven 24 mogen, zoals 25:10:00).",
            path=path,
            layer=f"{table}.txt",
            column=column,
            row=pos,
            hint="verbeter de tijd in dit bestand.",
        )
    return seconds


# --------------------------------------------------------------------------- derivations


def _first_duplicates(ids: pd.Series, *, table: str, column: str) -> np.ndarray:
    """Boolean mask of rows to keep (first of each id), with a counted warning."""
    dup = ids.duplicated(keep="first").to_numpy()
    if dup.any():
        mend(
            f"{WHAT}: {int(dup.sum())} dubbele {column}-waarden in {table}.txt; "
            "alleen de eerste rij van elke id is gebruikt."
        )
    return ~dup


def derive_stops(raw: pd.DataFrame, p: Path) -> gpd.GeoDataFrame:
    """Stops as points in RD New (see :attr:`OVFeed.stops`); checks the coordinates."""
    keep = _first_duplicates(raw["stop_id"], table="stops", column="stop_id")
    df = raw.loc[keep]
    lat = df["stop_lat"].astype("float64").to_numpy()
    lon = df["stop_lon"].astype("float64").to_numpy()
    loc = (
        df["location_type"].astype("Int32").fillna(0)
        if "location_type" in df
        else pd.Series(0, index=df.index, dtype="Int32")
    )
    for name, values, limit in (("stop_lat", lat, 90.0), ("stop_lon", lon, 180.0)):
        out = np.abs(values) > limit
        if out.any():
            pos = int(np.flatnonzero(out)[0])
            raise InputError(
                f"coördinaat {values[pos]} ligt buiten het bereik van WGS84-graden "
                f"(-{limit:g}..{limit:g}) (stop_id {df['stop_id'].iloc[pos]}).",
                path=p,
                layer="stops.txt",
                column=name,
                row=int(np.flatnonzero(keep)[pos]),
                hint="GTFS gebruikt lengte- en breedtegraden (WGS84), geen RD-coördinaten.",
            )
    nocoord = np.isnan(lat) | np.isnan(lon) | ((lat == 0.0) & (lon == 0.0))
    needs = loc.isin([0, 1, 2]).to_numpy()
    n_bad = int((nocoord & needs).sum())
    if n_bad:
        mend(
            f"{WHAT}: {n_bad} haltes zonder (geldige) coördinaten in stops.txt; ze tellen niet mee."
        )
    located = ~nocoord
    lon0, lat0, lon1, lat1 = NL_BOUNDS_WGS84
    if located.any():
        lt, ln = lat[located], lon[located]
        swapped = (ln >= lat0) & (ln <= lat1) & (lt >= lon0) & (lt <= lon1)
        if swapped.all():
            raise InputError(
                "stop_lat en stop_lon lijken verwisseld: de breedtegraden liggen rond "
                f"{np.median(lt):.1f} en de lengtegraden rond {np.median(ln):.1f}.",
                path=p,
                layer="stops.txt",
                column="stop_lat",
                hint="zet de breedtegraad in stop_lat en de lengtegraad in stop_lon.",
            )
        inside = (ln >= lon0) & (ln <= lon1) & (lt >= lat0) & (lt <= lat1)
        if not inside.all():
            # International stops (trains to Germany, Belgium) are normal; a feed with
            # no stop in the Netherlands at all is almost surely the wrong feed. Both
            # are said out loud (counted), not only logged.
            first = int(np.flatnonzero(~inside)[0])
            first_id = df["stop_id"].to_numpy()[located][first]
            where = f"eerste: stop_id {first_id}, lat {lt[first]:.5g}, lon {ln[first]:.5g}"
            if not inside.any():
                mend(
                    f"{WHAT}: geen enkele van de {len(inside)} haltes ligt in Nederland "
                    f"({where}); is dit de juiste feed? De OV-bereikbaarheid wordt dan "
                    "overal 0."
                )
            else:
                mend(
                    f"{WHAT}: {int((~inside).sum())} van {len(inside)} haltes liggen "
                    f"buiten Nederland ({where})."
                )
    xs = np.where(located, lon, np.nan)
    ys = np.where(located, lat, np.nan)
    points = gpd.points_from_xy(xs, ys, crs="EPSG:4326").to_crs(RD_NEW)
    geometry = np.asarray(points, dtype=object).copy()
    geometry[~located] = None
    stop_name = df["stop_name"] if "stop_name" in df else pd.Series(pd.NA, index=df.index)
    parent = df["parent_station"] if "parent_station" in df else pd.Series(pd.NA, index=df.index)
    out = gpd.GeoDataFrame(
        {
            "stop_id": df["stop_id"].astype("string").array,
            "stop_name": stop_name.astype("string").array,
            "location_type": loc.astype("Int32").array,
            "parent_station": parent.astype("string").array,
        },
        geometry=gpd.GeoSeries(geometry, crs=RD_NEW),
        crs=RD_NEW,
    )
    return out


def modus_from_route_type(route_type: pd.Series) -> pd.Series:
    """Map GTFS route types (basic and extended) to the PTAL modes.

    bus: 3, 11 (trolleybus), 700-899; tram: 0, 5 (cable tram), 900-999;
    metro: 1, 12 (monorail), 400-699; trein: 2, 100-199, 300-399. Other types give NA.

    Parameters
    ----------
    route_type
        Integer route types (NA allowed).

    Returns
    -------
    pandas.Series
        ``string`` dtype, aligned to ``route_type``.
    """
    t = pd.to_numeric(route_type, errors="coerce").astype("float64").to_numpy()
    conditions = [
        np.isin(t, (3, 11)) | ((t >= 700) & (t <= 899)),
        np.isin(t, (0, 5)) | ((t >= 900) & (t <= 999)),
        np.isin(t, (1, 12)) | ((t >= 400) & (t <= 699)),
        (t == 2) | ((t >= 100) & (t <= 199)) | ((t >= 300) & (t <= 399)),
    ]
    labels = np.select(conditions, list(MODI), default="")
    out = pd.Series(labels, index=route_type.index, dtype="string")
    return out.mask(out == "")


def _known_other_type(t: np.ndarray) -> np.ndarray:
    """Valid GTFS route types that PTAL does not count."""
    return np.isin(t, (4, 6, 7)) | ((t >= 200) & (t <= 299)) | ((t >= 1000) & (t <= 1799))


def derive_routes(raw: pd.DataFrame, p: Path) -> pd.DataFrame:
    """Routes with their PTAL mode (see :attr:`OVFeed.routes`)."""
    keep = _first_duplicates(raw["route_id"], table="routes", column="route_id")
    df = raw.loc[keep]
    rtype = df["route_type"].astype("Int64")
    modus = modus_from_route_type(rtype)
    t = rtype.astype("float64").to_numpy()
    other = _known_other_type(t)
    unknown = modus.isna().to_numpy() & ~other
    if unknown.any():
        values = sorted({str(v) for v in rtype[unknown].astype("string").fillna("leeg")})
        mend(
            f"{WHAT}: {int(unknown.sum())} lijnen met onbekend route_type "
            f"({', '.join(values[:5])}) in routes.txt; ze tellen niet mee in de PTAL."
        )
    if other.any():
        log.info(
            "%s: %d lijnen van een soort die PTAL niet telt (%s) genegeerd.",
            WHAT,
            int(other.sum()),
            _NOT_COUNTED,
        )
    short = df["route_short_name"] if "route_short_name" in df else pd.Series(pd.NA, df.index)
    return pd.DataFrame(
        {
            "route_id": df["route_id"].astype("string").array,
            "route_short_name": short.astype("string").array,
            "route_type": rtype.array,
            "modus": modus.array,
        }
    )


def derive_trips(raw: pd.DataFrame, routes: pd.DataFrame, p: Path) -> pd.DataFrame:
    """Trips of known routes (see :attr:`OVFeed.trips`)."""
    keep = _first_duplicates(raw["trip_id"], table="trips", column="trip_id")
    df = raw.loc[keep]
    known = df["route_id"].isin(routes["route_id"]).to_numpy()
    if not known.all():
        mend(
            f"{WHAT}: {int((~known).sum())} ritten in trips.txt verwijzen naar een "
            "onbekende route_id; ze tellen niet mee."
        )
        df = df.loc[known]
    direction = (
        df["direction_id"].astype("Int64")
        if "direction_id" in df
        else pd.Series(pd.NA, index=df.index, dtype="Int64")
    )
    return pd.DataFrame(
        {
            "trip_id": df["trip_id"].astype("string").array,
            "route_id": df["route_id"].astype("string").array,
            "service_id": df["service_id"].astype("string").array,
            "direction_id": direction.array,
        }
    )


def derive_departures(
    raw: pd.DataFrame, trips: pd.DataFrame, stops: gpd.GeoDataFrame, p: Path
) -> pd.DataFrame:
    """Every boarding possibility with its time (see :attr:`OVFeed.departures`).

    Times between timepoints are interpolated linearly within each trip; the last
    stop of a trip, ``pickup_type = 1`` and unknown trips or stops do not count.
    """
    n = len(raw)
    dep = (
        parse_gtfs_times(raw["departure_time"], path=p, table="stop_times", column="departure_time")
        if "departure_time" in raw
        else np.full(n, np.nan)
    )
    arr = (
        parse_gtfs_times(raw["arrival_time"], path=p, table="stop_times", column="arrival_time")
        if "arrival_time" in raw
        else np.full(n, np.nan)
    )
    seconds = np.where(np.isnan(dep), arr, dep)
    seq = raw["stop_sequence"]
    if seq.isna().any():
        pos = int(np.flatnonzero(seq.isna().to_numpy())[0])
        raise InputError(
            f"stop_sequence ontbreekt (regel {pos + 2}).",
            path=p,
            layer="stop_times.txt",
            column="stop_sequence",
            row=pos,
            hint="geef elke rij een volgnummer binnen zijn rit.",
        )
    trip_ids = raw["trip_id"].astype("string")
    stop_ids = raw["stop_id"].astype("string")
    trip_codes, _ = pd.factorize(trip_ids)
    order = np.lexsort((seq.to_numpy(dtype="int64"), trip_codes))
    codes = trip_codes[order]
    t = seconds[order]
    t = _interpolate(t, codes)
    untimed = np.isnan(t)
    if untimed.any():
        mend(
            f"{WHAT}: {int(untimed.sum())} rijen in stop_times.txt zonder tijd aan het begin "
            "of eind van een rit; ze tellen niet mee."
        )
    is_first = np.r_[True, codes[1:] != codes[:-1]]
    is_last = np.r_[codes[1:] != codes[:-1], True]
    first_t = np.maximum.accumulate(np.where(is_first, np.arange(n), 0))
    offset = t - t[first_t]

    pickup = (
        raw["pickup_type"].astype("Int32").fillna(0).to_numpy(dtype="int64")[order] != 1
        if "pickup_type" in raw
        else np.ones(n, dtype=bool)
    )
    st_trip = trip_ids.to_numpy()[order]
    st_stop = stop_ids.to_numpy()[order]
    trip_known = pd.Index(trips["trip_id"]).get_indexer(st_trip) >= 0
    n_trip = int((~trip_known).sum())
    if n_trip:
        mend(
            f"{WHAT}: {n_trip} rijen in stop_times.txt verwijzen naar een onbekende trip_id; "
            "ze tellen niet mee."
        )
    stop_pos = pd.Index(stops["stop_id"]).get_indexer(st_stop)
    stop_known = stop_pos >= 0
    n_stop = int((~stop_known).sum())
    if n_stop:
        mend(
            f"{WHAT}: {n_stop} rijen in stop_times.txt verwijzen naar een onbekende stop_id; "
            "ze tellen niet mee."
        )
    loc = stops["location_type"].to_numpy(dtype="int64", na_value=0)
    located = stops.geometry.notna().to_numpy()
    boarding_stop = np.zeros(n, dtype=bool)
    boarding_stop[stop_known] = (loc[stop_pos[stop_known]] == 0) & located[stop_pos[stop_known]]
    n_parent = int((stop_known & (loc[np.where(stop_known, stop_pos, 0)] != 0)).sum())
    if n_parent:
        mend(
            f"{WHAT}: {n_parent} rijen in stop_times.txt verwijzen naar een station of "
            "ingang in plaats van een halte/perron; ze tellen niet mee."
        )
    keep = ~is_last & pickup & ~untimed & trip_known & boarding_stop
    return pd.DataFrame(
        {
            "trip_id": pd.array(st_trip[keep], dtype="string"),
            "stop_id": pd.array(st_stop[keep], dtype="string"),
            "departure_s": t[keep],
            "offset_s": offset[keep],
        }
    )


def _interpolate(t: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Linear interpolation between timepoints inside each trip (by position).

    ``t`` holds the times in trip order, NaN where the feed gives none; ``codes`` the
    trip of each row. Times before the first or after the last timepoint stay NaN.
    """
    n = len(t)
    position = np.arange(n, dtype="float64")
    known = ~np.isnan(t)
    frame = pd.DataFrame({"pt": np.where(known, position, np.nan), "tt": t}, copy=False)
    grouped = frame.groupby(codes, sort=False)
    prev = grouped.ffill()
    nxt = grouped.bfill()
    span = nxt["pt"].to_numpy() - prev["pt"].to_numpy()
    share = np.divide(position - prev["pt"].to_numpy(), span, out=np.zeros(n), where=span > 0)
    interp = prev["tt"].to_numpy() + (nxt["tt"].to_numpy() - prev["tt"].to_numpy()) * share
    out = np.where(known, t, interp)
    n_interp = int((~known & ~np.isnan(out)).sum())
    if n_interp:
        log.info("%s: %d tijden tussen meetpunten lineair geïnterpoleerd.", WHAT, n_interp)
    return out


def derive_frequencies(raw: pd.DataFrame | None, trips: pd.DataFrame, p: Path) -> pd.DataFrame:
    """Usable headway periods of known trips (see :attr:`OVFeed.frequencies`)."""
    empty = pd.DataFrame(
        {
            "trip_id": pd.array([], dtype="string"),
            "start_s": np.array([], dtype="float64"),
            "end_s": np.array([], dtype="float64"),
            "headway_s": np.array([], dtype="float64"),
        }
    )
    if raw is None or raw.empty:
        return empty
    start = parse_gtfs_times(raw["start_time"], path=p, table="frequencies", column="start_time")
    end = parse_gtfs_times(raw["end_time"], path=p, table="frequencies", column="end_time")
    headway = raw["headway_secs"].astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    trip_ids = raw["trip_id"].astype("string")
    usable = ~np.isnan(start) & ~np.isnan(end) & (end > start) & (headway > 0)
    if not usable.all():
        mend(
            f"{WHAT}: {int((~usable).sum())} rijen in frequencies.txt zonder geldige "
            "start_time < end_time en headway_secs > 0; ze tellen niet mee."
        )
    known = trip_ids.isin(trips["trip_id"]).to_numpy()
    if not (known | ~usable).all():
        mend(
            f"{WHAT}: {int((~known & usable).sum())} rijen in frequencies.txt verwijzen naar "
            "een onbekende trip_id; ze tellen niet mee."
        )
    keep = usable & known
    return pd.DataFrame(
        {
            "trip_id": pd.array(trip_ids.to_numpy()[keep], dtype="string"),
            "start_s": start[keep],
            "end_s": end[keep],
            "headway_s": headway[keep],
        }
    )


def _parse_dates(values: pd.Series, *, p: Path, table: str, column: str) -> np.ndarray:
    """``YYYYMMDD`` strings to datetime64[D]; InputError naming the first bad row."""
    text = values.astype("string").str.strip()
    parsed = pd.to_datetime(text, format="%Y%m%d", errors="coerce")
    bad = parsed.isna().to_numpy()
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"datum '{values.iloc[pos]}' is onleesbaar (regel {pos + 2}); verwacht JJJJMMDD.",
            path=p,
            layer=f"{table}.txt",
            column=column,
            row=pos,
            hint="schrijf datums als JJJJMMDD, bijvoorbeeld 20250115.",
        )
    return parsed.to_numpy().astype("datetime64[D]")


def derive_trips_per_date(
    trips: pd.DataFrame,
    calendar: pd.DataFrame | None,
    calendar_dates: pd.DataFrame | None,
    p: Path,
) -> pd.Series:
    """Number of active trips per date over the feed's period (vectorised)."""
    n_by_service = trips.groupby("service_id", sort=False).size()
    bounds: list[np.datetime64] = []
    cal = None
    if calendar is not None and len(calendar):
        start = _parse_dates(calendar["start_date"], p=p, table="calendar", column="start_date")
        end = _parse_dates(calendar["end_date"], p=p, table="calendar", column="end_date")
        flags = np.column_stack(
            [calendar[d].astype("Int32").fillna(0).to_numpy(dtype="int64") for d in _WEEKDAYS]
        )
        badflag = ~np.isin(flags, (0, 1))
        if badflag.any():
            r, c = (int(v[0]) for v in np.nonzero(badflag))
            raise InputError(
                f"waarde {flags[r, c]} is geen 0 of 1 (regel {r + 2}).",
                path=p,
                layer="calendar.txt",
                column=_WEEKDAYS[c],
                row=r,
                hint="gebruik 1 (rijdt) of 0 (rijdt niet).",
            )
        n = n_by_service.reindex(calendar["service_id"].astype("string")).fillna(0)
        cal = (start, end, flags, n.to_numpy(dtype="int64"), calendar["service_id"])
        bounds += [start.min(), end.max()]
    cd = None
    if calendar_dates is not None and len(calendar_dates):
        dates = _parse_dates(calendar_dates["date"], p=p, table="calendar_dates", column="date")
        etype = calendar_dates["exception_type"].astype("Int32")
        badtype = ~etype.isin([1, 2]).to_numpy()
        if badtype.any():
            pos = int(np.flatnonzero(badtype)[0])
            raise InputError(
                f"exception_type '{etype.iloc[pos]}' is geen 1 of 2 (regel {pos + 2}).",
                path=p,
                layer="calendar_dates.txt",
                column="exception_type",
                row=pos,
                hint="gebruik 1 (dienst toegevoegd) of 2 (dienst vervallen).",
            )
        cd = (dates, etype.to_numpy(dtype="int64"), calendar_dates["service_id"].astype("string"))
        bounds += [dates.min(), dates.max()]
    if not bounds:
        return pd.Series(dtype="int64")
    first, last = min(bounds), max(bounds)
    all_dates = np.arange(first, last + np.timedelta64(1, "D"), dtype="datetime64[D]")
    n_days = len(all_dates)
    # weekday of a datetime64[D]: 1970-01-01 was a Thursday (3).
    weekday = (all_dates.astype("int64") + 3) % 7
    counts = np.zeros(n_days, dtype="int64")
    if cal is not None:
        c_start, c_end, flags, n_cal, _ = cal
        i0 = (c_start - first).astype("int64")
        i1 = (c_end - first).astype("int64") + 1
        valid = i1 > i0
        for w in range(7):
            weight = n_cal * flags[:, w] * valid
            diff = np.zeros(n_days + 1, dtype="int64")
            np.add.at(diff, i0[valid], weight[valid])
            np.add.at(diff, i1[valid], -weight[valid])
            running = np.cumsum(diff[:-1])
            counts[weekday == w] += running[weekday == w]
    if cd is not None:
        cd_dates, cd_type, cd_service = cd
        frame = pd.DataFrame(
            {"service_id": cd_service.to_numpy(), "date": cd_dates, "etype": cd_type}
        )
        frame = frame.drop_duplicates(["service_id", "date"], keep="last")
        base = np.zeros(len(frame), dtype=bool)
        if cal is not None:
            c_start, c_end, flags, _, cal_service = cal
            lookup = pd.Index(cal_service.astype("string")).get_indexer(
                pd.Index(frame["service_id"])
            )
            has = lookup >= 0
            li = lookup[has]
            fd = frame["date"].to_numpy().astype("datetime64[D]")[has]
            wd = (fd.astype("int64") + 3) % 7
            base[has] = (c_start[li] <= fd) & (fd <= c_end[li]) & (flags[li, wd] == 1)
        n_trips = n_by_service.reindex(frame["service_id"]).fillna(0).to_numpy(dtype="int64")
        et = frame["etype"].to_numpy()
        delta = np.where((et == 1) & ~base, n_trips, 0) - np.where((et == 2) & base, n_trips, 0)
        idx = (frame["date"].to_numpy().astype("datetime64[D]") - first).astype("int64")
        np.add.at(counts, idx, delta)
    labels = pd.Index(pd.to_datetime(all_dates).strftime("%Y%m%d"), dtype="string")
    return pd.Series(counts, index=labels, name="ritten")
