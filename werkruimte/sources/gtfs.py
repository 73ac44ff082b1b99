"""GTFS feed: reading, validation and the derived tables the OV indicators need.

The feed is read with :func:`gtfs_kit.read_feed` (kept unchanged in
:attr:`OVFeed.feed`). On top of it the loader validates what the PTAL method relies
on and derives compact tables, once, fully vectorised:

- :attr:`OVFeed.stops`: every stop as a point in RD New;
- :attr:`OVFeed.routes`: each route with its PTAL mode (``bus``, ``tram``,
  ``metro``, ``trein``) or NA when PTAL does not count it;
- :attr:`OVFeed.trips`: trip, route, service and direction;
- :attr:`OVFeed.departures`: every boarding possibility (a stop time where one can
  board: not the last stop of the trip, ``pickup_type`` not 1) with its departure
  time in seconds after midnight of the service day (GTFS times over 24:00:00 are
  valid) and its offset from the trip's first departure (for frequencies.txt);
- :attr:`OVFeed.frequencies`: headway-based service periods in seconds;
- :attr:`OVFeed.trips_per_date`: number of active trips per service date.
"""

from __future__ import annotations

import datetime as dt
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from werkruimte.errors import InputError
from werkruimte.sources._common import NL_BOUNDS_WGS84, RD_NEW, check_file, mend

__all__ = [
    "BUS",
    "METRO",
    "MODI",
    "TRAM",
    "TREIN",
    "OVFeed",
    "load_gtfs",
    "modus_from_route_type",
    "parse_gtfs_times",
]

log = logging.getLogger(__name__)

WHAT = "OV-dienstregeling (GTFS)"

#: PTAL modes (user-facing labels).
BUS = "bus"
TRAM = "tram"
METRO = "metro"
TREIN = "trein"
MODI = (BUS, TRAM, METRO, TREIN)

#: Files that must be present (``agency.txt`` is not needed for PTAL).
REQUIRED_FILES = ("stops", "routes", "trips", "stop_times")
#: At least one of these must be present and have rows.
CALENDAR_FILES = ("calendar", "calendar_dates")
#: Required columns per table (GTFS reference, as far as werkruimte uses them).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "stops": ("stop_id", "stop_lat", "stop_lon"),
    "routes": ("route_id", "route_type"),
    "trips": ("route_id", "service_id", "trip_id"),
    "stop_times": ("trip_id", "stop_id", "stop_sequence"),
    "calendar": (
        "service_id",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "start_date",
        "end_date",
    ),
    "calendar_dates": ("service_id", "date", "exception_type"),
    "frequencies": ("trip_id", "start_time", "end_time", "headway_secs"),
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME_PATTERN = r"^(?P<h>\d{1,3}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)$"

#: Route types that are valid GTFS but that PTAL does not count (ferry, aerial
#: lift, funicular, coach, water, air, taxi, ...).
_NOT_COUNTED = "veerboot, kabelbaan, kabelspoor, touringcar, vliegtuig, taxi"


@dataclass(frozen=True)
class OVFeed:
    """A validated GTFS feed with the derived tables of the OV indicators.

    Attributes
    ----------
    feed
        The :class:`gtfs_kit.Feed` as read, unchanged.
    pad
        The zip file or folder the feed was read from.
    stops
        ``stop_id``, ``stop_name``, ``location_type`` (Int32, empty = 0),
        ``parent_station``, geometry (Point, EPSG:28992; None when the stop has no
        usable coordinates). Feed order.
    routes
        ``route_id``, ``route_short_name``, ``route_type`` (Int64), ``modus``
        (``bus``/``tram``/``metro``/``trein``, NA when PTAL ignores the route).
    trips
        ``trip_id``, ``route_id``, ``service_id``, ``direction_id`` (Int64, NA when
        the feed gives none: then all trips of the route count as one direction).
    departures
        ``trip_id``, ``stop_id``, ``departure_s`` (float64, seconds after midnight of
        the service day, may exceed 86400), ``offset_s`` (seconds after the trip's
        first departure). Only boarding possibilities at boarding stops.
    frequencies
        ``trip_id``, ``start_s``, ``end_s``, ``headway_s`` (float64 seconds).
    trips_per_date
        Number of active trips per date (index ``YYYYMMDD`` strings, ascending).
    """

    feed: Any
    pad: Path
    stops: gpd.GeoDataFrame
    routes: pd.DataFrame
    trips: pd.DataFrame
    departures: pd.DataFrame
    frequencies: pd.DataFrame
    trips_per_date: pd.Series

    def __repr__(self) -> str:
        return (
            f"OVFeed({str(self.pad)!r}, haltes={len(self.stops)}, lijnen={len(self.routes)}, "
            f"ritten={len(self.trips)}, vertrekken={len(self.departures)})"
        )

    def busiest_weekday(self) -> str:
        """The weekday (Monday-Friday) with the most active trips, as ``YYYYMMDD``.

        Ties go to the earliest date. A feed without weekday service falls back to its
        busiest day (with a logged warning).
        """
        counts = self.trips_per_date
        dates = pd.to_datetime(pd.Series(counts.index), format="%Y%m%d")
        weekday = counts[(dates.dt.day_of_week < 5).to_numpy()]
        if weekday.empty or int(weekday.max()) == 0:
            log.warning("%s: geen werkdag met ritten; de drukste dag wordt gebruikt.", WHAT)
            return str(counts.idxmax())
        return str(weekday.idxmax())

    def active_trip_ids(self, datum: str) -> pd.Index:
        """Trip ids that run on service date ``datum`` (``YYYYMMDD``)."""
        services = self.feed.get_active_services(datum)
        trips = self.trips
        return pd.Index(trips.loc[trips["service_id"].isin(services), "trip_id"])


def load_gtfs(path: str | Path) -> OVFeed:
    """Read and validate a GTFS feed (zip file or folder).

    Parameters
    ----------
    path
        A GTFS zip file, or a folder with the ``.txt`` tables.

    Returns
    -------
    OVFeed
        The feed with derived tables; stops in EPSG:28992.

    Raises
    ------
    InputError
        When the path is not a zip file or folder, a required file or column is
        missing, a table is empty, a time in ``stop_times.txt`` cannot be read, a
        coordinate is not a number or out of range, or no day has service. The
        message names the file, column and row.

    Notes
    -----
    Mended with a counted :class:`~werkruimte.errors.HerstelWaarschuwing`: routes with
    an unknown ``route_type`` (ignored for PTAL), duplicate ids, references to
    unknown trips/stops/routes, stops without coordinates, stop times without a
    time at the start or end of a trip, unusable frequencies rows. Times between
    timepoints are interpolated linearly (GTFS allows empty times there).
    """
    import gtfs_kit

    p = check_file(path, what=WHAT)
    listing = _list_tables(p)
    missing = [f"{t}.txt" for t in REQUIRED_FILES if t not in listing]
    if not any(t in listing for t in CALENDAR_FILES):
        missing.append("calendar.txt of calendar_dates.txt")
    if missing:
        found = ", ".join(sorted(f"{t}.txt" for t in listing)) or "(geen .txt-bestanden)"
        raise InputError(
            f"verplichte GTFS-bestanden ontbreken: {', '.join(missing)}; gevonden: {found}.",
            path=p,
            hint="lever een volledige GTFS-feed aan (zip of map met stops.txt, routes.txt, "
            "trips.txt, stop_times.txt en calendar.txt en/of calendar_dates.txt).",
        )
    try:
        feed = gtfs_kit.read_feed(p, dist_units="km")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"een GTFS-bestand is geen UTF-8-tekst ({exc.reason}).",
            path=p,
            hint="sla de bestanden op als UTF-8.",
        ) from exc
    except (ValueError, TypeError, OverflowError, pd.errors.ParserError) as exc:
        raise _diagnose_read_error(p, exc) from exc

    for table in REQUIRED_FILES:
        if getattr(feed, table) is None:
            raise InputError(
                "het bestand bevat geen rijen.",
                path=p,
                layer=f"{table}.txt",
                hint="lever een feed aan waarin dit bestand gevuld is.",
            )
    if all(getattr(feed, t) is None for t in CALENDAR_FILES):
        raise InputError(
            "calendar.txt en calendar_dates.txt bevatten geen rijen: geen enkele rit heeft "
            "een dienstdag.",
            path=p,
            hint="lever een feed aan met een gevulde dienstregelingskalender.",
        )
    for table, columns in REQUIRED_COLUMNS.items():
        df = getattr(feed, table)
        if df is None:
            continue
        absent = [c for c in columns if c not in df.columns]
        if absent:
            raise InputError(
                f"verplichte kolom ontbreekt (verwacht {', '.join(columns)}; gevonden: "
                f"{', '.join(map(str, df.columns))}).",
                path=p,
                layer=f"{table}.txt",
                column=absent[0],
                hint="vul de kolomkop aan volgens de GTFS-standaard.",
            )
    if "departure_time" not in feed.stop_times and "arrival_time" not in feed.stop_times:
        raise InputError(
            "kolom departure_time (of arrival_time) ontbreekt.",
            path=p,
            layer="stop_times.txt",
            column="departure_time",
            hint="vul de kolomkop aan volgens de GTFS-standaard.",
        )

    stops = _derive_stops(feed.stops, p)
    routes = _derive_routes(feed.routes, p)
    trips = _derive_trips(feed.trips, routes, p)
    departures = _derive_departures(feed.stop_times, trips, stops, p)
    frequencies = _derive_frequencies(feed.frequencies, trips, p)
    trips_per_date = _trips_per_date(trips, feed.calendar, feed.calendar_dates, p)
    if trips_per_date.empty or int(trips_per_date.max()) == 0:
        raise InputError(
            "geen enkele dag heeft ritten volgens calendar.txt/calendar_dates.txt.",
            path=p,
            hint="controleer service_id's in trips.txt en de kalenderbestanden.",
        )
    log.info(
        "%s: %d haltes, %d lijnen, %d ritten, %d vertrekmomenten gelezen uit %s",
        WHAT,
        len(stops),
        len(routes),
        len(trips),
        len(departures),
        p,
    )
    return OVFeed(
        feed=feed,
        pad=p,
        stops=stops,
        routes=routes,
        trips=trips,
        departures=departures,
        frequencies=frequencies,
        trips_per_date=trips_per_date,
    )


# --------------------------------------------------------------------------- reading


def _list_tables(p: Path) -> dict[str, str]:
    """``{table: member name}`` of the .txt files in a zip or folder."""
    if p.is_dir():
        return {f.stem: f.name for f in p.iterdir() if f.is_file() and f.suffix == ".txt"}
    if not zipfile.is_zipfile(p):
        with open(p, "rb") as fh:
            signature = fh.read(4)
        if signature == b"PK\x03\x04":
            # A zip whose end (the central directory) is missing: cut off in transfer.
            raise InputError(
                "het zipbestand is afgekapt of beschadigd (de inhoudsopgave aan het eind "
                "ontbreekt).",
                path=p,
                hint="download de GTFS-feed opnieuw en controleer de bestandsgrootte.",
            )
        raise InputError(
            "dit is geen GTFS-zipbestand en geen map.",
            path=p,
            hint="geef het pad van de GTFS-zip (bijvoorbeeld gtfs-nl.zip) of van een map "
            "met de uitgepakte .txt-bestanden.",
        )
    try:
        with zipfile.ZipFile(p) as zf:
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            f"het zipbestand is beschadigd ({exc}).",
            path=p,
            hint="download de GTFS-feed opnieuw.",
        ) from exc
    return {Path(n).stem: n for n in names if n.endswith(".txt")}


def _read_raw(p: Path, member: str) -> pd.DataFrame:
    """Read one table as text (only on the error path)."""
    opts: dict[str, Any] = {"dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}
    if p.is_dir():
        return pd.read_csv(p / member, **opts)
    with zipfile.ZipFile(p) as zf, zf.open(member) as f:
        return pd.read_csv(f, **opts)


def _diagnose_read_error(p: Path, exc: BaseException) -> InputError:
    """Find the table, column and row that gtfs_kit could not convert."""
    from gtfs_kit import constants

    listing = _list_tables(p)
    for table, dtypes in constants.DTYPES.items():
        member = listing.get(table)
        if member is None:
            continue
        try:
            raw = _read_raw(p, member)
        except pd.errors.ParserError as perr:
            return InputError(
                f"het bestand is geen geldige CSV ({str(perr).strip()[:160]}).",
                path=p,
                layer=f"{table}.txt",
                hint="controleer scheidingstekens en aanhalingstekens.",
            )
        except Exception:  # keep looking in the other tables
            continue
        raw.columns = [str(c).strip() for c in raw.columns]
        for column, dtype in dtypes.items():
            if column not in raw or dtype == "string":
                continue
            text = raw[column].astype("string").str.strip()
            present = text.notna() & (text != "") & ~text.isin(["nan", "NaN", "null"])
            numbers = pd.to_numeric(text.where(present), errors="coerce")
            bad = present & numbers.isna()
            if dtype.startswith("Int"):
                bad |= present & numbers.notna() & (numbers != np.floor(numbers))
                bits = int(dtype[3:])
                bad |= present & (numbers.abs() >= 2 ** (bits - 1))
            if bad.any():
                pos = int(np.flatnonzero(bad.to_numpy())[0])
                kind = (
                    f"een geheel getal (hoogstens {2 ** (int(dtype[3:]) - 1) - 1})"
                    if dtype.startswith("Int")
                    else "een getal"
                )
                return InputError(
                    f"waarde '{raw[column].iloc[pos]}' is geen geldig getal (regel {pos + 2}); "
                    f"verwacht {kind}.",
                    path=p,
                    layer=f"{table}.txt",
                    column=column,
                    row=pos,
                    hint="verbeter de waarde volgens de GTFS-standaard.",
                )
    return InputError(
        f"kan de GTFS-feed niet lezen ({type(exc).__name__}: {str(exc).strip()[:200]}).",
        path=p,
        hint="controleer of de bestanden geldige GTFS-CSV zijn.",
    )


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


def _derive_stops(raw: pd.DataFrame, p: Path) -> gpd.GeoDataFrame:
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


def _derive_routes(raw: pd.DataFrame, p: Path) -> pd.DataFrame:
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


def _derive_trips(raw: pd.DataFrame, routes: pd.DataFrame, p: Path) -> pd.DataFrame:
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


def _derive_departures(
    raw: pd.DataFrame, trips: pd.DataFrame, stops: gpd.GeoDataFrame, p: Path
) -> pd.DataFrame:
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
    # Linear interpolation between timepoints inside each trip (by position).
    position = np.arange(n, dtype="float64")
    known = ~np.isnan(t)
    frame = pd.DataFrame({"pt": np.where(known, position, np.nan), "tt": t}, copy=False)
    grouped = frame.groupby(codes, sort=False)
    prev = grouped.ffill()
    nxt = grouped.bfill()
    span = nxt["pt"].to_numpy() - prev["pt"].to_numpy()
    share = np.divide(position - prev["pt"].to_numpy(), span, out=np.zeros(n), where=span > 0)
    interp = prev["tt"].to_numpy() + (nxt["tt"].to_numpy() - prev["tt"].to_numpy()) * share
    t = np.where(known, t, interp)
    n_interp = int((~known & ~np.isnan(t)).sum())
    if n_interp:
        log.info("%s: %d tijden tussen meetpunten lineair geïnterpoleerd.", WHAT, n_interp)
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


def _derive_frequencies(raw: pd.DataFrame | None, trips: pd.DataFrame, p: Path) -> pd.DataFrame:
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


def _trips_per_date(
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


def normalise_date(value: str) -> str:
    """``YYYYMMDD`` or ``YYYY-MM-DD`` to ``YYYYMMDD``; ValueError when not a date."""
    text = value.strip().replace("-", "")
    dt.datetime.strptime(text, "%Y%m%d")
    if len(text) != 8:
        raise ValueError(value)
    return text
