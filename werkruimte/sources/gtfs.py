"""GTFS feed: reading, validation and the derived tables the OV indicators need.

The feed is read with :func:`gtfs_kit.read_feed` (kept unchanged in
:attr:`OVFeed.feed`). On top of it the loader validates what the PTAL method relies
on and derives compact tables, once, fully vectorised (the derivations live in
:mod:`werkruimte.sources.gtfs_tables`):

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

from werkruimte.errors import InputError
from werkruimte.sources._common import (
    check_file,
    check_zip_members,
    count_lines,
    grootte,
    limieten,
)
from werkruimte.sources.gtfs_tables import (
    BUS,
    METRO,
    MODI,
    TRAM,
    TREIN,
    WHAT,
    derive_departures,
    derive_frequencies,
    derive_routes,
    derive_stops,
    derive_trips,
    derive_trips_per_date,
    modus_from_route_type,
    parse_gtfs_times,
)

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
    p = check_limieten(Path(path))
    _check_listing(p)
    feed = _read_feed(p)
    _check_tables(feed, p)

    stops = derive_stops(feed.stops, p)
    routes = derive_routes(feed.routes, p)
    trips = derive_trips(feed.trips, routes, p)
    departures = derive_departures(feed.stop_times, trips, stops, p)
    frequencies = derive_frequencies(feed.frequencies, trips, p)
    trips_per_date = derive_trips_per_date(trips, feed.calendar, feed.calendar_dates, p)
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


def check_limieten(p: Path) -> Path:
    """Check a GTFS zip or folder against ``[limieten]`` before reading it.

    Every ``.txt`` member's unpacked size comes from the zip's central directory (or
    from ``stat`` in a folder), before anything is unpacked (``gtfs_bestand_mb``); its
    rows are then counted streaming (``gtfs_regels``) when it is large enough to
    have that many.
    """
    p = check_file(p, what=WHAT)
    grens = limieten()
    max_mb, max_rows = float(grens["gtfs_bestand_mb"]), int(grens["gtfs_regels"])
    if p.is_dir():
        files = [f for f in p.iterdir() if f.suffix == ".txt"]
        for f in files:
            check_file(f, what=f"{WHAT} ({f.name})")
            _check_member_size(p, f.name, f.stat().st_size, max_mb)
        for f in files:
            if f.stat().st_size > max_rows:
                with f.open("rb") as fh:
                    _check_rows(p, f.name, count_lines(fh, limit=max_rows), max_rows)
        return p
    members = check_zip_members(p, what=WHAT, max_mb=max_mb, key="gtfs_bestand_mb", suffix=".txt")
    big = [m for m in members if m.filename.endswith(".txt") and m.file_size > max_rows]
    if big:
        with zipfile.ZipFile(p) as zf:
            for info in big:
                with zf.open(info) as fh:
                    _check_rows(p, info.filename, count_lines(fh, limit=max_rows), max_rows)
    return p


def _check_member_size(p: Path, name: str, size: int, max_mb: float) -> None:
    if size > max_mb * 1e6:
        raise InputError(
            f"{name} is {grootte(size)}, meer dan de grens van {grootte(max_mb * 1e6)}; de feed "
            "is niet gelezen.",
            path=p,
            hint="controleer de feed; is hij echt zo groot, verhoog dan [limieten] "
            "gtfs_bestand_mb in werkruimte.toml.",
        )


def _check_rows(p: Path, name: str, rows: int, max_rows: int) -> None:
    if rows > max_rows:
        raise InputError(
            f"{name} heeft meer dan {max_rows} regels, meer dan de grens; de feed is niet gelezen.",
            path=p,
            hint="knip de feed bij tot het gebied (werkruimte fetch doet dat), of verhoog "
            "[limieten] gtfs_regels in werkruimte.toml.",
        )


def _check_listing(p: Path) -> None:
    """InputError when a required GTFS file (or both calendar files) is absent."""
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


def _read_feed(p: Path) -> Any:
    """The feed as :func:`gtfs_kit.read_feed` reads it; InputError naming what failed."""
    import gtfs_kit

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
    return feed


def _check_tables(feed: Any, p: Path) -> None:
    """InputError when a required table is empty or misses a required column."""
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


def normalise_date(value: str) -> str:
    """``YYYYMMDD`` or ``YYYY-MM-DD`` to ``YYYYMMDD``; ValueError when not a date."""
    text = value.strip().replace("-", "")
    dt.datetime.strptime(text, "%Y%m%d")
    if len(text) != 8:
        raise ValueError(value)
    return text
