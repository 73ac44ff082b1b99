"""GTFS feed: reading, validation and the derived tables the OV indicators need.

The loader reads only the tables and columns the OV indicators use (:data:`KOLOMMEN`,
kept as read in :attr:`OVFeed.tabellen`), with pandas and the column types gtfs-kit
gives them; other files (``shapes.txt``, ``transfers.txt``, often the largest) are not
read. The whole feed as :func:`gtfs_kit.read_feed` reads it is :attr:`OVFeed.feed`,
read on first use: importing gtfs-kit costs about a second (it loads folium for its
maps), which the scoring path does not pay. On top of the tables the loader validates
what the PTAL method relies on and derives compact tables, once, fully vectorised (the
derivations live in :mod:`werkruimte.sources.gtfs_tables`):

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
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO, Any

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
_WEEKDAGEN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: The tables and columns werkruimte reads, with their types (those gtfs-kit gives them;
#: ``Int32`` and ``float`` columns must hold numbers). Other columns and files are not
#: read.
KOLOMMEN: dict[str, dict[str, str]] = {
    "stops": {
        "stop_id": "string",
        "stop_name": "string",
        "stop_lat": "float",
        "stop_lon": "float",
        "location_type": "Int32",
        "parent_station": "string",
    },
    "routes": {"route_id": "string", "route_short_name": "string", "route_type": "Int32"},
    "trips": {
        "route_id": "string",
        "service_id": "string",
        "trip_id": "string",
        "direction_id": "Int32",
    },
    "stop_times": {
        "trip_id": "string",
        "arrival_time": "string",
        "departure_time": "string",
        "stop_id": "string",
        "stop_sequence": "Int32",
        "pickup_type": "Int32",
    },
    "calendar": {
        "service_id": "string",
        **dict.fromkeys(_WEEKDAGEN, "Int32"),
        "start_date": "string",
        "end_date": "string",
    },
    "calendar_dates": {"service_id": "string", "date": "string", "exception_type": "Int32"},
    "frequencies": {
        "trip_id": "string",
        "start_time": "string",
        "end_time": "string",
        "headway_secs": "Int32",
    },
}
#: How the tables are read: as gtfs-kit reads them (empty and "nan"/"null" are missing).
_CSV: dict[str, Any] = {
    "na_values": ["", " ", "nan", "NaN", "null"],
    "keep_default_na": True,
    "dtype_backend": "numpy_nullable",
    "encoding": "utf-8-sig",  # drops a byte order mark
}


@dataclass(frozen=True)
class OVFeed:
    """A validated GTFS feed with the derived tables of the OV indicators.

    Attributes
    ----------
    tabellen
        The tables of :data:`KOLOMMEN` as read (only those columns), unchanged; a file
        that is absent or has no rows is not in it.
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

    tabellen: Mapping[str, pd.DataFrame]
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

    @cached_property
    def feed(self) -> Any:
        """The whole feed as :func:`gtfs_kit.read_feed` reads it, read on first use.

        A :class:`gtfs_kit.Feed` (every table and column, distances in km) for further
        analysis in a notebook; werkruimte itself uses :attr:`tabellen`.
        """
        import gtfs_kit

        return gtfs_kit.read_feed(self.pad, dist_units="km")

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
        services = _active_services(self.tabellen, datum)
        trips = self.trips
        return pd.Index(trips.loc[trips["service_id"].isin(services), "trip_id"])


def _active_services(tabellen: Mapping[str, pd.DataFrame], datum: str) -> set[str]:
    """The service ids that run on ``datum`` (``YYYYMMDD``), by the GTFS rules.

    In calendar.txt when ``datum`` lies from start_date to end_date and its weekday
    column is 1, or added in calendar_dates.txt (exception_type 1); not when removed
    there (exception_type 2). Dates compare as ``YYYYMMDD`` text, as gtfs-kit does.
    """
    active: set[str] = set()
    calendar, dates = tabellen.get("calendar"), tabellen.get("calendar_dates")
    if calendar is not None:
        day = _WEEKDAGEN[dt.datetime.strptime(datum, "%Y%m%d").weekday()]
        runs = (
            (calendar["start_date"] <= datum)
            & (calendar["end_date"] >= datum)
            & (calendar[day] == 1)
        )
        active |= _service_ids(calendar, runs)
    if dates is not None:
        on_day = dates["date"] == datum
        active |= _service_ids(dates, on_day & (dates["exception_type"] == 1))
        active -= _service_ids(dates, on_day & (dates["exception_type"] == 2))
    return active


def _service_ids(table: pd.DataFrame, rows: pd.Series) -> set[str]:
    return set(table.loc[rows.fillna(False).to_numpy(dtype=bool), "service_id"])


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
    tabellen = _read_tables(p)
    _check_tables(tabellen, p)

    stops = derive_stops(tabellen["stops"], p)
    routes = derive_routes(tabellen["routes"], p)
    trips = derive_trips(tabellen["trips"], routes, p)
    departures = derive_departures(tabellen["stop_times"], trips, stops, p)
    frequencies = derive_frequencies(tabellen.get("frequencies"), trips, p)
    trips_per_date = derive_trips_per_date(
        trips, tabellen.get("calendar"), tabellen.get("calendar_dates"), p
    )
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
        tabellen=tabellen,
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


def _read_tables(p: Path) -> dict[str, pd.DataFrame]:
    """The tables of :data:`KOLOMMEN` that are present and have rows.

    InputError naming what failed.
    """
    listing = _list_tables(p)
    tabellen: dict[str, pd.DataFrame] = {}
    try:
        with nullcontext() if p.is_dir() else zipfile.ZipFile(p) as zf:
            for table, kolommen in KOLOMMEN.items():
                member = listing.get(table)
                if member is None:
                    continue
                with open(p / member, "rb") if zf is None else zf.open(member) as f:
                    df = _read_table(f, kolommen)
                if df is not None:
                    tabellen[table] = df
    except UnicodeDecodeError as exc:
        raise InputError(
            f"een GTFS-bestand is geen UTF-8-tekst ({exc.reason}).",
            path=p,
            hint="sla de bestanden op als UTF-8.",
        ) from exc
    except (ValueError, TypeError, OverflowError, pd.errors.ParserError) as exc:
        raise _diagnose_read_error(p, exc) from exc
    return tabellen


def _read_table(f: IO[bytes], kolommen: Mapping[str, str]) -> pd.DataFrame | None:
    """One table's columns of :data:`KOLOMMEN` (names stripped); None without rows."""
    try:
        df = pd.read_csv(f, dtype=dict(kolommen), usecols=lambda c: c.strip() in kolommen, **_CSV)
    except pd.errors.EmptyDataError:  # a file of zero bytes
        return None
    if df.empty:
        return None
    df.columns = [str(c).strip() for c in df.columns]
    return df


def _check_tables(tabellen: Mapping[str, pd.DataFrame], p: Path) -> None:
    """InputError when a required table is empty or misses a required column."""
    for table in REQUIRED_FILES:
        if table not in tabellen:
            raise InputError(
                "het bestand bevat geen rijen.",
                path=p,
                layer=f"{table}.txt",
                hint="lever een feed aan waarin dit bestand gevuld is.",
            )
    if not any(t in tabellen for t in CALENDAR_FILES):
        raise InputError(
            "calendar.txt en calendar_dates.txt bevatten geen rijen: geen enkele rit heeft "
            "een dienstdag.",
            path=p,
            hint="lever een feed aan met een gevulde dienstregelingskalender.",
        )
    for table, columns in REQUIRED_COLUMNS.items():
        df = tabellen.get(table)
        if df is None:
            continue
        absent = [c for c in columns if c not in df.columns]
        if absent:
            header = _read_raw(p, _list_tables(p)[table], nrows=0).columns
            raise InputError(
                f"verplichte kolom ontbreekt (verwacht {', '.join(columns)}; gevonden: "
                f"{', '.join(str(c).strip() for c in header)}).",
                path=p,
                layer=f"{table}.txt",
                column=absent[0],
                hint="vul de kolomkop aan volgens de GTFS-standaard.",
            )
    times = tabellen["stop_times"]
    if "departure_time" not in times and "arrival_time" not in times:
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


def _read_raw(p: Path, member: str, *, nrows: int | None = None) -> pd.DataFrame:
    """Read one table as text (only on the error path)."""
    opts: dict[str, Any] = {
        "dtype": str,
        "keep_default_na": False,
        "encoding": "utf-8-sig",
        "nrows": nrows,
    }
    if p.is_dir():
        return pd.read_csv(p / member, **opts)
    with zipfile.ZipFile(p) as zf, zf.open(member) as f:
        return pd.read_csv(f, **opts)


def _diagnose_read_error(p: Path, exc: BaseException) -> InputError:
    """Find the table, column and row whose value could not be converted."""
    listing = _list_tables(p)
    for table, dtypes in KOLOMMEN.items():
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
