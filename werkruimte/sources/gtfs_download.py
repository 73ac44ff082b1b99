"""Download a GTFS feed and cut it down to one area.

The feed is streamed to disk in chunks into ``<naam>.part``; an interrupted download
continues from the bytes already there (HTTP ``Range``) when the server allows it.
The filter keeps the stops within the area (plus a margin), every trip that calls at
one of them with all of its stop_times, and what those trips refer to: routes,
agency, calendar, calendar_dates, shapes, frequencies, the stops they call at (and
their parent stations) and transfers between kept stops. ``stop_times`` and
``shapes`` are read in chunks with only the needed columns first, so the national
feed (about 15 million stop_times rows) fits in memory.
"""

from __future__ import annotations

import io
import logging
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

import numpy as np
import pandas as pd
import requests
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from werkruimte.errors import InputError
from werkruimte.export import atomic_file
from werkruimte.sources.pdok import (
    FetchError,
    RetryPolicy,
    area_bbox,
    cache_info,
    default_session,
    is_cached,
    request_with_retry,
    write_json_atomic,
)

__all__ = ["GTFS_NL_URL", "download_file", "fetch_gtfs", "filter_gtfs"]

log = logging.getLogger(__name__)

#: The national Dutch GTFS feed of OVapi (all operators, CC0, about 250 MB).
GTFS_NL_URL = "https://gtfs.ovapi.nl/nl/gtfs-nl.zip"

#: GTFS tables needed for PTAL.
REQUIRED = ("stops.txt", "trips.txt", "stop_times.txt", "routes.txt")

_CHUNK_ROWS = 1_000_000
_READ = {"dtype": str, "keep_default_na": False, "na_filter": False, "encoding": "utf-8-sig"}

_TO_RD = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


def download_file(
    url: str,
    dest: str | Path,
    *,
    session: requests.Session | None = None,
    chunk_size: int = 1 << 20,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Stream ``url`` to ``dest``, resuming a partial ``dest.part`` when possible.

    Parameters
    ----------
    url
        What to download.
    dest
        Final file; it only appears when the download is complete.
    session
        HTTP session; default :func:`werkruimte.sources.pdok.default_session`.
    chunk_size
        Bytes per chunk written to disk.
    policy, sleep
        Retry behaviour (tries count per interruption), injectable sleep.
    progress
        Called with a Dutch message after the download.

    Returns
    -------
    pathlib.Path
        ``dest``.

    Raises
    ------
    FetchError
        When the server keeps failing or the connection keeps breaking.
    InputError
        On a client error (4xx).
    """
    target = Path(dest)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    sess = session or default_session()
    pol = policy or RetryPolicy()
    failures = 0
    while True:
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        response = request_with_retry(
            sess, url, headers=headers, stream=True, policy=pol, sleep=sleep, accept_status=(416,)
        )
        try:
            if response.status_code == 416:
                # Our partial file does not fit the server's file: start over.
                part.unlink(missing_ok=True)
                failures += 1
                if failures >= pol.attempts:
                    raise FetchError(
                        f"hervatten van de download {url} lukt niet (HTTP 416). "
                        "Oplossing: verwijder het .part-bestand en probeer opnieuw."
                    )
                continue
            mode = "ab" if response.status_code == 206 and have else "wb"
            if mode == "wb" and have:
                log.info("server hervat niet (HTTP %s); download opnieuw", response.status_code)
            try:
                with part.open(mode) as fh:
                    for chunk in response.iter_content(chunk_size=chunk_size):
                        if chunk:
                            fh.write(chunk)
            except (requests.ConnectionError, requests.Timeout, OSError) as exc:
                failures += 1
                if failures >= pol.attempts:
                    raise FetchError(
                        f"download van {url} steeds onderbroken ({type(exc).__name__}). "
                        "Oplossing: probeer het later opnieuw; de download gaat dan verder "
                        "waar hij stopte."
                    ) from exc
                sleep(min(pol.backoff_s * 2 ** (failures - 1), pol.max_wait_s))
                continue
            expected = _expected_size(response, have if mode == "ab" else 0)
        finally:
            response.close()
        size = part.stat().st_size
        if expected is not None and size < expected:
            failures += 1
            if failures >= pol.attempts:
                raise FetchError(
                    f"download van {url} onvolledig ({size} van {expected} bytes). "
                    "Oplossing: probeer het later opnieuw."
                )
            continue
        # The finished download is handed to atomic_file, which publishes it.
        with atomic_file(target) as tmp:
            part.rename(tmp)
        if progress:
            progress(f"download klaar: {target.name} ({size / 1e6:.1f} MB)")
        return target


def _expected_size(response: requests.Response, offset: int) -> int | None:
    value = response.headers.get("Content-Length")
    if value is None or not value.strip().isdigit():
        return None
    return offset + int(value)


def _member(zf: zipfile.ZipFile, name: str) -> str | None:
    """The zip member whose base name is ``name`` (feeds sometimes use a subfolder)."""
    for info in zf.infolist():
        if PurePosixPath(info.filename).name == name and not info.is_dir():
            return info.filename
    return None


@contextmanager
def _open_csv(zf: zipfile.ZipFile, member: str) -> Iterator[IO[bytes]]:
    with zf.open(member) as fh:
        yield fh


def _read_table(zf: zipfile.ZipFile, name: str) -> pd.DataFrame | None:
    member = _member(zf, name)
    if member is None:
        return None
    with _open_csv(zf, member) as fh:
        return pd.read_csv(fh, **_READ)  # type: ignore[call-overload]


def _read_chunks(
    zf: zipfile.ZipFile, member: str, usecols: list[str] | None = None
) -> Iterator[pd.DataFrame]:
    with _open_csv(zf, member) as fh:
        reader = pd.read_csv(fh, usecols=usecols, chunksize=_CHUNK_ROWS, **_READ)  # type: ignore[call-overload]
        yield from reader


def _header(zf: zipfile.ZipFile, member: str) -> list[str]:
    with _open_csv(zf, member) as fh:
        return list(pd.read_csv(fh, nrows=0, **_READ).columns)  # type: ignore[call-overload]


def _write_df(out: zipfile.ZipFile, name: str, df: pd.DataFrame) -> None:
    with out.open(name, "w") as raw, io.TextIOWrapper(raw, "utf-8", newline="") as text:
        df.to_csv(text, index=False, lineterminator="\n")


def _stream_filtered(
    zf: zipfile.ZipFile,
    out: zipfile.ZipFile,
    member: str,
    name: str,
    column: str,
    keep: set[str],
    collect: str | None = None,
) -> tuple[int, set[str]]:
    """Copy rows of ``member`` whose ``column`` is in ``keep``, chunk by chunk."""
    collected: set[str] = set()
    n = 0
    cols = _header(zf, member)
    with out.open(name, "w") as raw, io.TextIOWrapper(raw, "utf-8", newline="") as text:
        text.write(",".join(_quote(c) for c in cols) + "\n")
        for chunk in _read_chunks(zf, member):
            sel = chunk.loc[chunk[column].isin(keep)]
            if len(sel):
                sel.to_csv(text, index=False, header=False, lineterminator="\n")
                n += len(sel)
                if collect is not None:
                    collected.update(sel[collect].unique().tolist())
    return n, collected


def _quote(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ',"\n') else value


def filter_gtfs(
    src: str | Path,
    dst: str | Path,
    *,
    area: BaseGeometry,
    margin_m: float = 1000.0,
    source: str | None = None,
) -> dict[str, int]:
    """Write a GTFS zip with only the service that calls within ``area``.

    Parameters
    ----------
    src
        The full feed (zip).
    dst
        The filtered zip to write (atomically: temporary file, then rename).
    area
        Area in RD New; stops within ``area`` buffered by ``margin_m`` are kept.
    margin_m
        Extra distance around the area (PTAL looks up to 960 m for rail).
    source
        URL or name of the feed, for messages.

    Returns
    -------
    dict
        Rows written per table (``{"stops.txt": 12, ...}``).

    Raises
    ------
    InputError
        When ``src`` is not a zip, misses a required table or column, or no stop of
        the feed lies in the area.
    """
    src_p = Path(src)
    where = source or str(src_p)
    if not zipfile.is_zipfile(src_p):
        raise InputError(
            f"de GTFS-feed van {where} is geen zip-bestand.",
            path=src_p,
            hint="controleer de GTFS-URL (kreeg u een HTML-pagina?) en download opnieuw.",
        )
    with zipfile.ZipFile(src_p) as zf:
        members = {name: _member(zf, name) for name in REQUIRED}
        missing = [name for name, m in members.items() if m is None]
        if missing:
            raise InputError(
                f"de GTFS-feed van {where} mist {', '.join(missing)}.",
                path=src_p,
                hint="lever een volledige GTFS-feed (stops, routes, trips, stop_times).",
            )
        stops = _read_table(zf, "stops.txt")
        assert stops is not None
        zone = area.buffer(margin_m) if margin_m > 0 else area
        area_stops = _stops_in(stops, zone, where=where, path=src_p)
        if not area_stops:
            raise InputError(
                f"geen enkele halte van de GTFS-feed {where} ligt in het gebied (+{margin_m:g} m).",
                path=src_p,
                layer="stops.txt",
                hint="kies een feed die dit gebied dekt (bijvoorbeeld de landelijke feed "
                f"{GTFS_NL_URL}).",
            )
        st_member = members["stop_times.txt"]
        assert st_member is not None
        trip_ids: set[str] = set()
        for chunk in _read_chunks(zf, st_member, usecols=["trip_id", "stop_id"]):
            hit = chunk["stop_id"].isin(area_stops)
            if hit.any():
                trip_ids.update(chunk.loc[hit, "trip_id"].unique().tolist())
        with (
            atomic_file(dst) as tmp,
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as out,
        ):
            counts = _write_filtered(zf, out, stops, area_stops=area_stops, trip_ids=trip_ids)
    log.info("GTFS gefilterd: %s", counts)
    return counts


def _stops_in(stops: pd.DataFrame, zone: BaseGeometry, *, where: str, path: Path) -> set[str]:
    """The ``stop_id`` of every stop within ``zone`` (RD New)."""
    for col in ("stop_id", "stop_lat", "stop_lon"):
        if col not in stops.columns:
            raise InputError(
                f"stops.txt van {where} mist kolom {col}.",
                path=path,
                layer="stops.txt",
                column=col,
                hint="lever een geldige GTFS-feed.",
            )
    lon = pd.to_numeric(stops["stop_lon"], errors="coerce").to_numpy(dtype="float64")
    lat = pd.to_numeric(stops["stop_lat"], errors="coerce").to_numpy(dtype="float64")
    x, y = _TO_RD.transform(lon, lat)
    shapely.prepare(zone)
    inside = np.zeros(len(stops), dtype=bool)
    ok = np.isfinite(x) & np.isfinite(y)
    inside[ok] = shapely.intersects_xy(zone, x[ok], y[ok])
    return set(stops.loc[inside, "stop_id"].tolist())


def _write_filtered(
    zf: zipfile.ZipFile,
    out: zipfile.ZipFile,
    stops: pd.DataFrame,
    *,
    area_stops: set[str],
    trip_ids: set[str],
) -> dict[str, int]:
    """Write the trips through the area with everything they refer to; rows per table."""
    counts: dict[str, int] = {}
    st_member = _member(zf, "stop_times.txt")
    assert st_member is not None
    n, called = _stream_filtered(
        zf, out, st_member, "stop_times.txt", "trip_id", trip_ids, collect="stop_id"
    )
    counts["stop_times.txt"] = n

    keep_stops = area_stops | called
    if "parent_station" in stops.columns:
        parents = stops.loc[stops["stop_id"].isin(keep_stops), "parent_station"]
        keep_stops |= set(parents[parents != ""].tolist())
    kept = stops.loc[stops["stop_id"].isin(keep_stops)]
    _write_df(out, "stops.txt", kept)
    counts["stops.txt"] = len(kept)

    trips = _read_table(zf, "trips.txt")
    assert trips is not None
    trips = trips.loc[trips["trip_id"].isin(trip_ids)]
    _write_df(out, "trips.txt", trips)
    counts["trips.txt"] = len(trips)

    routes = _read_table(zf, "routes.txt")
    assert routes is not None
    routes = routes.loc[routes["route_id"].isin(set(trips["route_id"]))]
    _write_df(out, "routes.txt", routes)
    counts["routes.txt"] = len(routes)
    counts.update(_write_optional(zf, out, trips, routes, keep_stops=keep_stops, trip_ids=trip_ids))
    return counts


def _write_optional(
    zf: zipfile.ZipFile,
    out: zipfile.ZipFile,
    trips: pd.DataFrame,
    routes: pd.DataFrame,
    *,
    keep_stops: set[str],
    trip_ids: set[str],
) -> dict[str, int]:
    """The optional tables, cut to the kept trips, routes and stops; rows per table."""
    counts: dict[str, int] = {}
    services = set(trips["service_id"]) if "service_id" in trips else set()

    def keep(name: str, column: str, values: set[str]) -> None:
        table = _read_table(zf, name)
        if table is not None and column in table.columns:
            table = table.loc[table[column].isin(values)]
            _write_df(out, name, table)
            counts[name] = len(table)

    agency = _read_table(zf, "agency.txt")
    if agency is not None:
        if "agency_id" in agency.columns and "agency_id" in routes.columns:
            agency = agency.loc[agency["agency_id"].isin(set(routes["agency_id"]))]
        _write_df(out, "agency.txt", agency)
        counts["agency.txt"] = len(agency)
    keep("calendar.txt", "service_id", services)
    keep("calendar_dates.txt", "service_id", services)
    keep("frequencies.txt", "trip_id", trip_ids)
    shapes_member = _member(zf, "shapes.txt")
    if shapes_member is not None and "shape_id" in trips.columns:
        shape_ids = set(trips["shape_id"]) - {""}
        n, _ = _stream_filtered(zf, out, shapes_member, "shapes.txt", "shape_id", shape_ids)
        counts["shapes.txt"] = n
    transfers = _read_table(zf, "transfers.txt")
    if transfers is not None and {"from_stop_id", "to_stop_id"} <= set(transfers.columns):
        both = transfers["from_stop_id"].isin(keep_stops) & transfers["to_stop_id"].isin(keep_stops)
        transfers = transfers.loc[both]
        _write_df(out, "transfers.txt", transfers)
        counts["transfers.txt"] = len(transfers)
    info = _read_table(zf, "feed_info.txt")
    if info is not None:
        _write_df(out, "feed_info.txt", info)
        counts["feed_info.txt"] = len(info)
    return counts


def fetch_gtfs(
    url: str,
    *,
    area: BaseGeometry,
    cache_path: str | Path,
    download_dir: str | Path,
    margin_m: float = 1000.0,
    session: requests.Session | None = None,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Download the feed at ``url`` (once) and write the area's part to ``cache_path``.

    Parameters
    ----------
    url
        Feed URL, e.g. :data:`GTFS_NL_URL`.
    area
        Area in RD New.
    cache_path
        The filtered zip (e.g. ``<cache>/hilversum/gtfs.zip``) with a sidecar
        ``gtfs.json`` (URL, date, rows per table).
    download_dir
        Where the full feed is kept (shared by all gemeenten; delete it to refresh).
    margin_m
        Stops within this distance of the area are kept.
    session, sleep, progress
        As for :func:`download_file` (with its default retry policy).

    Returns
    -------
    pathlib.Path
        ``cache_path``.
    """
    target = Path(cache_path)
    say = progress or (lambda _msg: None)
    if is_cached(target, url=url, area=area):
        info = cache_info(target) or {}
        say(f"gtfs: uit cache ({info.get('datum')})")
        return target
    name = PurePosixPath(url.split("?")[0]).name or "gtfs.zip"
    if not name.endswith(".zip"):
        name += ".zip"
    full = Path(download_dir) / name
    full_info = cache_info(full)
    if not (full.exists() and full_info is not None and full_info.get("bron") == url):
        say(f"gtfs: download {url}")
        download_file(url, full, session=session, sleep=sleep, progress=say)
        write_json_atomic(
            full.with_suffix(".json"),
            {"bron": url, "datum": _now(), "bytes": full.stat().st_size, "status": "compleet"},
        )
    else:
        say(f"gtfs: volledige feed uit cache ({full_info.get('datum')})")
    say("gtfs: filteren op het gebied")
    counts = filter_gtfs(full, target, area=area, margin_m=margin_m, source=url)
    sidecar: dict[str, Any] = {
        "laag": "gtfs",
        "bron": url,
        "gebied_bbox": area_bbox(area),
        "marge_m": margin_m,
        "datum": _now(),
        "aantal": counts,
        "status": "compleet",
        "bestand": target.name,
    }
    write_json_atomic(target.with_suffix(".json"), sidecar)
    say(
        f"gtfs: {counts.get('stops.txt', 0)} haltes, {counts.get('trips.txt', 0)} ritten "
        f"opgeslagen in {target}"
    )
    return target


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
