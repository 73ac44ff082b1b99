"""Live fetching from OGC API Features services (PDOK) into an on-disk cache.

The fetch area is cut into square tiles on a fixed RD grid; each tile is requested
with ``bbox`` and ``bbox-crs``/``crs`` set to RD New, and its pages are followed
through the ``next`` links. Every finished tile is stored at once (GeoParquet) and
recorded in a sidecar JSON, so an interrupted download resumes where it stopped.
At the end the tiles are merged, duplicates across tiles dropped by feature id, and
the layer written as one GeoPackage with its sidecar ``<laag>.json`` (URL, parameters,
date, count, tiles). A second call with the same URL and area does no network at all.

Transient failures (HTTP 429 and 5xx, time-outs, broken connections) are retried
with exponential backoff, honouring ``Retry-After``. A page that is not GeoJSON is an
:class:`~werkruimte.errors.InputError` naming the URL; a server that keeps failing is a
:class:`FetchError`.

Verified endpoints (PDOK, 2025): the BRK Kadastrale Kaart is served at
``https://api.pdok.nl/kadaster/brk-kadastrale-kaart/ogc/v1`` (collection
``perceel``) with snake_case properties (``identificatie_lokaal_id``,
``kadastrale_grootte_waarde``, ...). They are renamed to the flat BRK names that the
PDOK WFS and downloads use (``identificatieLokaalID``, ``kadastraleGrootteWaarde``,
...), see :data:`BRK_PERCEEL_RENAME`. PDOK serves no OGC API Features for
bestemmingsplannen (only WMS and a national Atom download) nor for IBIS
bedrijventerreinen; for those the URL of an OGC API Features ``items`` endpoint must
be configured.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import requests
import shapely
from shapely.geometry.base import BaseGeometry

from werkruimte.errors import InputError, WerkruimteError
from werkruimte.export import atomic_file
from werkruimte.sources._common import RD_NEW, check_in_netherlands

__all__ = [
    "BRK_PERCEEL_RENAME",
    "CRS_RD_URI",
    "PERCEEL_URL",
    "FetchError",
    "PdokVerzoek",
    "RetryPolicy",
    "area_bbox",
    "cache_info",
    "default_session",
    "fetch_ogc_features",
    "full_url",
    "is_cached",
    "request_with_retry",
    "tiles_for_area",
]

log = logging.getLogger(__name__)

#: OGC URI of RD New, for the ``crs`` and ``bbox-crs`` parameters.
CRS_RD_URI = "http://www.opengis.net/def/crs/EPSG/0/28992"

#: Items endpoint of the BRK Kadastrale Kaart percelen (PDOK OGC API Features v1).
PERCEEL_URL = "https://api.pdok.nl/kadaster/brk-kadastrale-kaart/ogc/v1/collections/perceel/items"

#: OGC API property names of ``perceel`` -> flat BRK names (PDOK WFS / downloads).
BRK_PERCEEL_RENAME: dict[str, str] = {
    "identificatie_namespace": "identificatieNamespace",
    "identificatie_lokaal_id": "identificatieLokaalID",
    "begin_geldigheid": "beginGeldigheid",
    "tijdstip_registratie": "tijdstipRegistratie",
    "volgnummer": "volgnummer",
    "status_historie_code": "statusHistorieCode",
    "status_historie_waarde": "statusHistorieWaarde",
    "kadastrale_gemeente_code": "kadastraleGemeenteCode",
    "kadastrale_gemeente_waarde": "kadastraleGemeenteWaarde",
    "sectie": "sectie",
    "akr_kadastrale_gemeente_code_code": "AKRKadastraleGemeenteCodeCode",
    "akr_kadastrale_gemeente_code_waarde": "AKRKadastraleGemeenteCodeWaarde",
    "kadastrale_grootte_waarde": "kadastraleGrootteWaarde",
    "soort_grootte_code": "soortGrootteCode",
    "soort_grootte_waarde": "soortGrootteWaarde",
    "perceelnummer": "perceelnummer",
    "perceelnummer_rotatie": "perceelnummerRotatie",
    "perceelnummer_verschuiving_delta_x": "perceelnummerVerschuivingDeltaX",
    "perceelnummer_verschuiving_delta_y": "perceelnummerVerschuivingDeltaY",
}

#: HTTP statuses that are retried.
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

#: Column that holds the OGC feature id in the cached layer.
ID_COLUMN = "ogc_id"

USER_AGENT = "werkruimte/0.1 (regio Gooi en Vechtstreek; python-requests)"


class FetchError(WerkruimteError):
    """A download failed after all retries (server error, time-out, no connection).

    What was already downloaded stays in the cache; running the fetch again resumes.
    """


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry a request.

    Attributes
    ----------
    attempts
        Total number of tries (the first one included).
    backoff_s
        Wait before the second try; doubled for each further try.
    max_wait_s
        Upper bound of any single wait, also of a server's ``Retry-After``.
    timeout_s
        Connect/read time-out of one request.
    """

    attempts: int = 3
    backoff_s: float = 2.0
    max_wait_s: float = 300.0
    timeout_s: float = 60.0


@dataclass(frozen=True)
class PdokVerzoek:
    """What to ask an OGC API Features service, per tile (see :func:`fetch_ogc_features`).

    Attributes
    ----------
    layer
        Layer name in the GeoPackage; default the last path part before ``/items``
        (``perceel`` for the BRK).
    tile_size_m
        Edge of the square request tiles (m).
    limit
        Features per page (PDOK allows up to 1000).
    rename
        Property renames applied to every page (e.g. :data:`BRK_PERCEEL_RENAME`).
    extra_params
        Further query parameters of the first request of each tile.
    max_pages_per_tile
        Safety limit against a server whose ``next`` links never end.
    """

    layer: str | None = None
    tile_size_m: float = 2000.0
    limit: int = 1000
    rename: Mapping[str, str] | None = None
    extra_params: Mapping[str, Any] | None = None
    max_pages_per_tile: int = 1000


def default_session() -> requests.Session:
    """A :class:`requests.Session` with werkruimte's User-Agent."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def full_url(url: str, params: Mapping[str, Any] | None = None) -> str:
    """The URL with its query parameters encoded, as it is sent (for messages)."""
    prepared = requests.Request("GET", url, params=dict(params or {})).prepare()
    return str(prepared.url)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def request_with_retry(
    session: requests.Session,
    url: str,
    *,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    stream: bool = False,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    accept_status: Sequence[int] = (),
) -> requests.Response:
    """GET ``url``, retrying on HTTP 429/5xx, time-outs and connection errors.

    Parameters
    ----------
    session
        The HTTP session (tests inject one that replays recorded responses).
    url, params, headers, stream
        As for :meth:`requests.Session.get`.
    policy
        Number of tries, backoff and time-out; default :class:`RetryPolicy()`.
    sleep
        Called with the number of seconds to wait between tries (injectable).
    accept_status
        Extra 4xx statuses that are returned instead of raised (e.g. 416).

    Returns
    -------
    requests.Response
        A response with a status below 400 (or in ``accept_status``).

    Raises
    ------
    InputError
        On a client error (4xx other than 429): the URL or its parameters are wrong.
    FetchError
        When every try failed; the message names the URL and the last failure.
    """
    pol = policy or RetryPolicy()
    shown = full_url(url, params)
    last = ""
    for attempt in range(1, pol.attempts + 1):
        wait = pol.backoff_s * 2 ** (attempt - 1)
        try:
            response = session.get(
                url,
                params=dict(params) if params is not None else None,
                headers=dict(headers) if headers is not None else None,
                stream=stream,
                timeout=pol.timeout_s,
            )
        except requests.Timeout:
            last = f"geen antwoord binnen {pol.timeout_s:g} s (time-out)"
        except requests.ConnectionError as exc:
            last = f"geen verbinding ({type(exc).__name__})"
        else:
            status = response.status_code
            if status in RETRY_STATUS:
                last = f"HTTP {status} {response.reason or ''}".strip()
                after = _retry_after(response)
                if after is not None:
                    wait = after
                    last += f" (Retry-After {after:g} s)"
                response.close()
            elif status >= 400 and status not in accept_status:
                snippet = _snippet(response)
                response.close()
                raise InputError(
                    f"de server weigert het verzoek {shown}: HTTP {status} "
                    f"{response.reason or ''} ({snippet}).",
                    hint="controleer de URL en de parameters (bestaat de collectie? "
                    "klopt de versie van de API?).",
                )
            else:
                return response
        if attempt < pol.attempts:
            wait = min(wait, pol.max_wait_s)
            log.warning(
                "poging %d van %d mislukt (%s) voor %s; opnieuw over %.1f s",
                attempt,
                pol.attempts,
                last,
                shown,
                wait,
            )
            sleep(wait)
    raise FetchError(
        f"ophalen van {shown} mislukt na {pol.attempts} pogingen; laatste fout: {last}. "
        "Oplossing: probeer het later opnieuw; wat al binnen is blijft in de cache en "
        "wordt bij de volgende poging overgeslagen."
    )


def _snippet(response: requests.Response, n: int = 120) -> str:
    try:
        text = response.text
    except Exception:  # only used in messages
        return "onleesbaar antwoord"
    text = " ".join(text.split())
    return repr(text[:n]) if text else "leeg antwoord"


def tiles_for_area(
    area: BaseGeometry, *, tile_size_m: float
) -> list[tuple[float, float, float, float]]:
    """Tiles of a fixed RD grid that intersect ``area``.

    The grid is anchored at (0, 0), so the same tile always has the same bounds
    whatever the area: a larger or shifted area reuses the tiles already fetched.

    Parameters
    ----------
    area
        Fetch area in RD New (EPSG:28992).
    tile_size_m
        Edge of a square tile in metres.

    Returns
    -------
    list of (x0, y0, x1, y1)
        Ordered south to north, then west to east.
    """
    if not tile_size_m > 0:
        raise InputError(
            f"tegelgrootte moet groter dan 0 m zijn, gevonden: {tile_size_m!r}.",
            hint="geef bijvoorbeeld tile_size_m=2000.",
        )
    if area.is_empty:
        return []
    x0, y0, x1, y1 = area.bounds
    ix = np.arange(math.floor(x0 / tile_size_m), math.ceil(x1 / tile_size_m))
    iy = np.arange(math.floor(y0 / tile_size_m), math.ceil(y1 / tile_size_m))
    if len(ix) == 0:
        ix = np.array([math.floor(x0 / tile_size_m)])
    if len(iy) == 0:
        iy = np.array([math.floor(y0 / tile_size_m)])
    gx, gy = np.meshgrid(ix, iy)
    bx0 = gx.ravel() * tile_size_m
    by0 = gy.ravel() * tile_size_m
    boxes = shapely.box(bx0, by0, bx0 + tile_size_m, by0 + tile_size_m)
    shapely.prepare(area)
    keep = shapely.intersects(area, boxes)
    return [
        (float(a), float(b), float(a + tile_size_m), float(b + tile_size_m))
        for a, b in zip(bx0[keep], by0[keep], strict=True)
    ]


def _tile_key(tile: Sequence[float]) -> str:
    return ",".join(f"{v:.10g}" for v in tile)


def _sidecar_path(cache_path: Path) -> Path:
    return cache_path.with_suffix(".json")


def _parts_dir(cache_path: Path) -> Path:
    return cache_path.with_name(f"{cache_path.stem}.delen")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_json_atomic(path: Path, data: Mapping[str, Any]) -> None:
    """Write ``data`` as indented UTF-8 JSON via a temporary file and a rename."""
    with atomic_file(path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")


def cache_info(cache_path: str | Path) -> dict[str, Any] | None:
    """The sidecar JSON of a cached layer, or None when there is none (or unreadable)."""
    side = _sidecar_path(Path(cache_path))
    if not side.is_file():
        return None
    try:
        data = json.loads(side.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def area_bbox(area: BaseGeometry) -> list[float] | None:
    """The fetch area's bounds as stored in a sidecar (``gebied_bbox``), mm-rounded."""
    return None if area.is_empty else [round(v, 3) for v in area.bounds]


def is_cached(
    cache_path: str | Path,
    *,
    url: str | None = None,
    area: BaseGeometry | None = None,
    tegels: Iterable[str] | None = None,
) -> bool:
    """True when ``cache_path`` holds a complete download.

    Parameters
    ----------
    cache_path
        The cached file; its sidecar JSON says what it holds.
    url
        When given, the download must come from this source.
    area
        When given, the download must be for this area (same ``gebied_bbox``).
    tegels
        When given, every one of these tile keys must have been fetched.
    """
    p = Path(cache_path)
    info = cache_info(p)
    if info is None or info.get("status") != "compleet" or not p.exists():
        return False
    if url is not None and info.get("bron") != url:
        return False
    if area is not None and info.get("gebied_bbox") != area_bbox(area):
        return False
    return tegels is None or set(tegels) <= set(info.get("tegels", []))


def _parse_page(response: requests.Response, url: str) -> tuple[list[dict[str, Any]], str | None]:
    ctype = response.headers.get("Content-Type", "")
    try:
        data = json.loads(response.content)
    except ValueError as exc:
        raise InputError(
            f"het antwoord van {url} is geen geldige JSON (Content-Type "
            f"'{ctype or 'onbekend'}', begint met {_snippet(response, 80)}).",
            hint="controleer of de URL naar een OGC API Features 'items'-eindpunt wijst; "
            "een HTML-pagina betekent vaak onderhoud of een verkeerde URL. Probeer het "
            "later opnieuw.",
        ) from exc
    features = data.get("features") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(features, list)
    ):
        found = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise InputError(
            f"het antwoord van {url} is geen GeoJSON FeatureCollection (type: {found!r}).",
            hint="controleer of de URL naar een OGC API Features 'items'-eindpunt wijst.",
        )
    if not all(isinstance(f, dict) for f in features):
        raise InputError(
            f"het antwoord van {url} bevat objecten die geen GeoJSON Feature zijn.",
            hint="controleer de URL; probeer het later opnieuw.",
        )
    next_url = None
    links = data.get("links") or []
    if isinstance(links, list):
        for link in links:
            if isinstance(link, dict) and link.get("rel") == "next" and link.get("href"):
                next_url = str(link["href"])
                break
    return features, next_url


def _features_to_frame(
    features: list[dict[str, Any]], *, url: str, rename: Mapping[str, str]
) -> gpd.GeoDataFrame:
    try:
        gdf = gpd.GeoDataFrame.from_features(features, crs=RD_NEW)
    except Exception as exc:  # shapely/geopandas raise several kinds on bad geometry
        raise InputError(
            f"het antwoord van {url} bevat een ongeldige geometrie "
            f"({type(exc).__name__}: {str(exc)[:120]}).",
            hint="probeer het later opnieuw; meld het bij de beheerder van de dienst "
            "als het blijft gebeuren.",
        ) from exc
    ids = pd.Series([f.get("id") for f in features], index=gdf.index, dtype="object")
    gdf.insert(0, ID_COLUMN, ids.astype("string"))
    if rename:
        gdf = gdf.rename(columns={k: v for k, v in rename.items() if k in gdf.columns})
    return gdf


def _check_content_crs(response: requests.Response, url: str) -> None:
    value = response.headers.get("Content-Crs")
    if value and "EPSG/0/28992" not in value:
        raise InputError(
            f"de server antwoordt op {url} in coördinatenstelsel {value}, niet in RD New.",
            hint=f"de dienst moet crs={CRS_RD_URI} ondersteunen; kies een andere URL.",
        )


def _query(verzoek: PdokVerzoek) -> dict[str, Any]:
    """The query parameters of the first request of every tile (without ``bbox``)."""
    return {
        "bbox-crs": CRS_RD_URI,
        "crs": CRS_RD_URI,
        "limit": verzoek.limit,
        "f": "json",
        **dict(verzoek.extra_params or {}),
    }


def _fetch_tile(
    session: requests.Session,
    url: str,
    tile: tuple[float, float, float, float],
    verzoek: PdokVerzoek,
    *,
    area: BaseGeometry,
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    layer: str,
) -> gpd.GeoDataFrame:
    params: dict[str, Any] | None = {"bbox": _tile_key(tile), **_query(verzoek)}
    rename = verzoek.rename or {}
    max_pages = verzoek.max_pages_per_tile
    next_url: str | None = url
    frames: list[gpd.GeoDataFrame] = []
    pages = 0
    seen: set[str] = set()
    while next_url is not None:
        shown = full_url(next_url, params)
        if shown in seen:
            raise InputError(
                f"de 'next'-link van {shown} wijst naar een pagina die al is opgehaald.",
                hint="de dienst pagineert niet goed; meld het bij de beheerder.",
            )
        seen.add(shown)
        pages += 1
        if pages > max_pages:
            raise InputError(
                f"meer dan {max_pages} pagina's voor één tegel van {url}.",
                hint="verklein de tegelgrootte of vergroot 'limit'.",
            )
        response = request_with_retry(session, next_url, params=params, policy=policy, sleep=sleep)
        try:
            _check_content_crs(response, shown)
            features, following = _parse_page(response, shown)
        finally:
            response.close()
        if features:
            frames.append(_features_to_frame(features, url=shown, rename=rename))
        next_url, params = following, None  # a next link carries its own parameters
    if not frames:
        return gpd.GeoDataFrame({ID_COLUMN: pd.Series(dtype="string")}, geometry=[], crs=RD_NEW)
    gdf = pd.concat(frames, ignore_index=True)
    gdf = gpd.GeoDataFrame(gdf, geometry="geometry", crs=RD_NEW)
    check_in_netherlands(gdf, what=layer, path=url, layer=layer)
    geoms = gdf.geometry.to_numpy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    shapely.prepare(area)
    keep = np.zeros(len(gdf), dtype=bool)
    keep[present] = shapely.intersects(area, geoms[present])
    return gdf.loc[keep].reset_index(drop=True)


def fetch_ogc_features(
    url: str,
    *,
    area: BaseGeometry,
    cache_path: str | Path,
    verzoek: PdokVerzoek | None = None,
    session: requests.Session | None = None,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Download every feature of an OGC API Features collection in ``area`` to a GeoPackage.

    Parameters
    ----------
    url
        The collection's ``items`` endpoint, e.g. :data:`PERCEEL_URL`.
    area
        Fetch area in RD New; features that do not intersect it are left out.
    cache_path
        The GeoPackage to write (e.g. ``<cache>/hilversum/percelen.gpkg``). Its sidecar
        ``<stem>.json`` records URL, parameters, date, count and tiles; finished tiles
        of an interrupted run wait in ``<stem>.delen/``.
    verzoek
        Layer name, tile size, page size, renames, extra parameters and the page
        limit per tile (see :class:`PdokVerzoek`); default its defaults.
    session
        HTTP session; default :func:`default_session`.
    policy, sleep
        Retry behaviour; ``sleep`` is injectable so tests do not wait.
    progress
        Called with a short Dutch message per tile.

    Returns
    -------
    pathlib.Path
        ``cache_path``. Columns: ``ogc_id`` (the feature id), the properties (renamed),
        geometry in EPSG:28992. Duplicates across tiles are dropped by ``ogc_id``.

    Raises
    ------
    InputError
        A page that is not GeoJSON, a client error (4xx), coordinates outside the
        Netherlands; the message names the URL.
    FetchError
        When the server keeps failing; finished tiles stay cached for the next run.
    """
    verzoek = verzoek or PdokVerzoek()
    target = Path(cache_path)
    say = progress or (lambda _msg: None)
    name = verzoek.layer or _layer_name(url)
    tiles = tiles_for_area(area, tile_size_m=verzoek.tile_size_m)
    keys = [_tile_key(t) for t in tiles]
    info = cache_info(target)
    if info is not None and is_cached(target, url=url, tegels=keys):
        say(f"{name}: uit cache ({info.get('aantal')} objecten, {info.get('datum')})")
        return target

    parts = _parts_dir(target)
    done = _resume(info, parts, url=url, tile_size_m=verzoek.tile_size_m, keys=keys)
    if done:
        say(f"{name}: hervat, {len(done)} van {len(keys)} tegels al binnen")

    sidecar: dict[str, Any] = {
        "laag": name,
        "bron": url,
        "parameters": _query(verzoek),
        "gebied_bbox": area_bbox(area),
        "tegelgrootte_m": verzoek.tile_size_m,
        "tegels": keys,
        "tegels_klaar": sorted(done, key=keys.index),
        "status": "bezig",
        "gestart": _now(),
        "bestand": target.name,
    }
    write_json_atomic(_sidecar_path(target), sidecar)
    sess = session or default_session()
    for i, (tile, key) in enumerate(zip(tiles, keys, strict=True), start=1):
        if key in done:
            continue
        gdf = _fetch_tile(
            sess,
            url,
            tile,
            verzoek,
            area=area,
            policy=policy or RetryPolicy(),
            sleep=sleep,
            layer=name,
        )
        if len(gdf):
            with atomic_file(parts / f"{key.replace(',', '_')}.parquet") as tmp:
                gdf.to_parquet(tmp, index=False)
        done.add(key)
        sidecar["tegels_klaar"] = [k for k in keys if k in done]
        write_json_atomic(_sidecar_path(target), sidecar)
        say(f"{name}: tegel {i} van {len(keys)} ({len(gdf)} objecten)")
    return _finish(target, parts, keys, sidecar, say)


def _resume(
    info: Mapping[str, Any] | None,
    parts: Path,
    *,
    url: str,
    tile_size_m: float,
    keys: Sequence[str],
) -> set[str]:
    """The tiles an interrupted run of the same request already fetched.

    Their parts stay in ``parts``; without such a run the folder starts empty.
    """
    done: set[str] = set()
    if (
        info is not None
        and info.get("status") == "bezig"
        and info.get("bron") == url
        and info.get("tegelgrootte_m") == tile_size_m
    ):
        done = {k for k in info.get("tegels_klaar", []) if k in keys}
    if not done:
        shutil.rmtree(parts, ignore_errors=True)
    parts.mkdir(parents=True, exist_ok=True)
    return done


def _finish(
    target: Path,
    parts: Path,
    keys: Sequence[str],
    sidecar: dict[str, Any],
    say: Callable[[str], None],
) -> Path:
    """Merge the tiles into the GeoPackage, mark the sidecar complete, clean up."""
    name = sidecar["laag"]
    merged, n_dup = _merge_parts(parts, keys)
    _write_gpkg_atomic(merged, target, layer=name)
    sidecar.update(
        {
            "status": "compleet",
            "datum": _now(),
            "aantal": len(merged),
            "dubbel_verwijderd": n_dup,
            "tegels_klaar": list(keys),
        }
    )
    write_json_atomic(_sidecar_path(target), sidecar)
    shutil.rmtree(parts, ignore_errors=True)
    if n_dup:
        log.info("%s: %d dubbele objecten (over tegelgrenzen) weggelaten", name, n_dup)
    say(f"{name}: {len(merged)} objecten opgeslagen in {target}")
    return target


def _layer_name(url: str) -> str:
    path = [p for p in url.split("?")[0].rstrip("/").split("/") if p]
    if len(path) >= 2 and path[-1] == "items":
        return path[-2]
    return path[-1] if path else "features"


def _merge_parts(parts: Path, keys: Sequence[str]) -> tuple[gpd.GeoDataFrame, int]:
    frames = []
    for key in keys:
        part = parts / f"{key.replace(',', '_')}.parquet"
        if part.exists():
            frames.append(gpd.read_parquet(part))
    if not frames:
        empty = gpd.GeoDataFrame({ID_COLUMN: pd.Series(dtype="string")}, geometry=[], crs=RD_NEW)
        return empty, 0
    gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=RD_NEW)
    ids = gdf[ID_COLUMN]
    # Features without an id are deduplicated by their geometry.
    fallback = pd.Series(
        shapely.to_wkb(gdf.geometry.to_numpy(), hex=True), index=gdf.index, dtype="string"
    )
    key = ids.where(ids.notna(), "wkb:" + fallback)
    dup = key.duplicated(keep="first").to_numpy()
    return gdf.loc[~dup].reset_index(drop=True), int(dup.sum())


def _write_gpkg_atomic(gdf: gpd.GeoDataFrame, target: Path, *, layer: str) -> None:
    out = gdf
    # Columns that are entirely empty have no type; store them as text.
    for col in out.columns:
        if col != out.geometry.name and out[col].dtype == object and out[col].isna().all():
            out = out.assign(**{col: out[col].astype("string")})
    kwargs: dict[str, Any] = {}
    if len(out) == 0:
        kwargs["geometry_type"] = "Unknown"
    with atomic_file(target) as tmp:
        pyogrio.write_dataframe(out, tmp, layer=layer, driver="GPKG", **kwargs)
