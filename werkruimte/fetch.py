"""``werkruimte fetch``: fetch the live sources of one gemeente into a cache.

For a gemeente (name or CBS code, or ``"regio"`` for all seven of Gooi en
Vechtstreek) the fetch area is its CBS boundary buffered by a margin. Each layer is
downloaded into ``<cache>/<gemeente-slug>/`` with a sidecar JSON that records where
it came from and when; a layer that is complete in the cache is not downloaded again,
and an interrupted download resumes. Finally a ``werkruimte.toml`` is written whose
``[bronnen]`` point at the cached files, ready for ``werkruimte kansenkaart``.

Layers and their sources:

=====================  ===========================================================
``percelen``           PDOK BRK Kadastrale Kaart, OGC API Features (``perceel``)
``bestemmingsplannen`` an OGC API Features ``items`` URL you give (PDOK has none)
``bedrijventerreinen`` an OGC API Features ``items`` URL you give (PDOK has none)
``gtfs``               a GTFS zip (default the national OVapi feed), cut to the area
``loopnetwerk``        OpenStreetMap walking network via osmnx (GraphML)
``wegen``              OpenStreetMap motorway junctions via osmnx (GeoPackage)
=====================  ===========================================================
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pyogrio
import requests
import shapely
from shapely.geometry.base import BaseGeometry

from werkruimte.config import load_config
from werkruimte.errors import InputError, WerkruimteError
from werkruimte.export import atomic_file
from werkruimte.sources import gtfs_download, osm, pdok

__all__ = ["LAGEN", "REGIO_NAAM", "FetchOpties", "Gebied", "resolve_gebied", "run_fetch"]

log = logging.getLogger(__name__)

#: Every layer run_fetch knows, in the order it fetches them.
LAGEN = ("percelen", "bestemmingsplannen", "bedrijventerreinen", "gtfs", "loopnetwerk", "wegen")

#: Name used for the whole region (``--gemeente regio``).
REGIO_NAAM = "Gooi en Vechtstreek"
_REGIO_ALIASES = {"regio", "gooienvechtstreek", "alle", "all"}

#: Extra distance around the area for motorway junctions: the nearest one may lie
#: well outside the gemeente and still decide the car-accessibility score.
WEGEN_MARGE_M = 10_000.0
#: Extra distance around the area for GTFS stops (PTAL walks up to 960 m to rail).
GTFS_MARGE_M = 1_000.0

_FILES = {
    "percelen": "percelen.gpkg",
    "bestemmingsplannen": "bestemmingsplannen.gpkg",
    "bedrijventerreinen": "bedrijventerreinen.gpkg",
    "gtfs": "gtfs.zip",
    "loopnetwerk": "loopnetwerk.graphml",
    "wegen": "wegen.gpkg",
}
_LABELS = {
    "percelen": "percelen (PDOK BRK Kadastrale Kaart)",
    "bestemmingsplannen": "bestemmingsplannen (OGC API Features)",
    "bedrijventerreinen": "bedrijventerreinen (OGC API Features)",
    "gtfs": "OV-dienstregeling (GTFS)",
    "loopnetwerk": "loopnetwerk (OpenStreetMap)",
    "wegen": "op- en afritten (OpenStreetMap)",
}
_MARKER = "# Geschreven door `werkruimte fetch`"


@dataclass(frozen=True)
class Gebied:
    """The gemeente(n) to fetch for.

    Attributes
    ----------
    naam
        Display name (``"Hilversum"``, or ``"Gooi en Vechtstreek"`` for the region).
    slug
        Folder name in the cache (``"hilversum"``, ``"gooi-en-vechtstreek"``).
    gemeenten
        The boundaries (``gemeente``, ``gemeentecode``, geometry) in EPSG:28992.
    """

    naam: str
    slug: str
    gemeenten: gpd.GeoDataFrame

    @property
    def polygon(self) -> BaseGeometry:
        """Union of the boundaries."""
        return shapely.union_all(self.gemeenten.geometry.to_numpy())


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "gebied"


def resolve_gebied(gemeente: str) -> Gebied:
    """Find a gemeente (name or CBS code) or the whole region (``"regio"``).

    Parameters
    ----------
    gemeente
        ``"Hilversum"``, ``"GM0402"``, ``"402"``, ``"Laren"``, or ``"regio"``.

    Returns
    -------
    Gebied

    Raises
    ------
    InputError
        When no gemeente of Gooi en Vechtstreek matches; the message lists them.
    """
    from werkruimte.sources.gemeenten import find_gemeente, load_gemeenten

    alle = load_gemeenten()
    if re.sub(r"[^a-z]", "", gemeente.lower()) in _REGIO_ALIASES:
        return Gebied(naam=REGIO_NAAM, slug=_slug(REGIO_NAAM), gemeenten=alle)
    try:
        gem = find_gemeente(gemeente, alle)
    except InputError as exc:
        raise InputError(
            f"{exc.detail} Kies een gemeente van Gooi en Vechtstreek of 'regio'.",
            column="gemeente",
            hint=exc.hint,
        ) from exc
    if len(gem) == 0:  # defensive: find_gemeente raises when nothing matches
        names = ", ".join(alle["gemeente"].astype(str))
        raise InputError(
            f"onbekende gemeente '{gemeente}'; kies uit: {names}, of 'regio'.",
            column="gemeente",
            hint="geef de naam of CBS-code, bijvoorbeeld --gemeente Hilversum of GM0402.",
        )
    naam = str(gem["gemeente"].iloc[0])
    return Gebied(naam=naam, slug=_slug(naam), gemeenten=gem.reset_index(drop=True))


@dataclass(frozen=True)
class FetchOpties:
    """What to fetch and from where: the options of :func:`run_fetch`.

    Attributes
    ----------
    offline
        Use only the cache; when a layer is missing, raise an InputError that lists
        every layer that would be downloaded, with its URL.
    gtfs_url
        GTFS feed URL; default the national feed :data:`gtfs_download.GTFS_NL_URL`.
    urls
        OGC API Features ``items`` URLs per layer, overriding the defaults; needed for
        ``bestemmingsplannen`` and ``bedrijventerreinen`` (PDOK serves none).
    lagen
        Fetch only these layers (default all of :data:`LAGEN` that have a source).
    margin_m
        The fetch area is the gemeente boundary buffered by this distance (m).
    tile_size_m
        Tile size of the OGC API requests (m).
    osm_xml
        Read OpenStreetMap from this ``.osm`` XML instead of the Overpass API.
    """

    offline: bool = False
    gtfs_url: str | None = None
    urls: Mapping[str, str] | None = None
    lagen: Sequence[str] | None = None
    margin_m: float = 500.0
    tile_size_m: float = 2000.0
    osm_xml: Path | None = None


@dataclass(frozen=True)
class _Omgeving:
    """What every download of one run shares."""

    area: BaseGeometry
    cache_dir: Path
    opties: FetchOpties
    session: requests.Session | None
    sleep: Callable[[float], None]
    progress: Callable[[str], None]


@dataclass
class _Taak:
    naam: str
    bron: str
    pad: Path
    haal: Callable[[], Path]
    in_cache: Callable[[], bool]


def run_fetch(
    *,
    gemeente: str,
    cache_dir: Path,
    config_out: Path,
    opties: FetchOpties | None = None,
    session: requests.Session | None = None,
    progress: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Path:
    """Fetch the sources of a gemeente into the cache and write a werkruimte.toml.

    Parameters
    ----------
    gemeente
        Name or CBS code of a gemeente of Gooi en Vechtstreek, or ``"regio"``.
    cache_dir
        Cache folder; layers go to ``<cache_dir>/<gemeente-slug>/``, the full GTFS
        download to ``<cache_dir>/downloads/``.
    config_out
        The werkruimte.toml to write. Paths in it are relative to its folder. An
        existing file is first copied to ``<naam>.bak``.
    opties
        Offline or not, source URLs, layers, margin, tile size, OSM file (see
        :class:`FetchOpties`); default everything online from the standard sources.
    session
        HTTP session for PDOK and GTFS (tests inject a replaying one). osmnx uses its
        own connection (see ``osmnx.settings``).
    progress
        Called with short Dutch messages (the CLI prints them).
    sleep
        Wait function between retries (injectable for tests).

    Returns
    -------
    pathlib.Path
        ``config_out``.

    Raises
    ------
    InputError
        Unknown gemeente or layer, a missing layer in offline mode, a malformed
        response (the message names the URL).
    FetchError
        When a server keeps failing; what was fetched stays cached.
    """
    opties = opties or FetchOpties()
    say = progress or (lambda _msg: None)
    gebied = resolve_gebied(gemeente)
    folder = Path(cache_dir) / gebied.slug
    source_urls = _source_urls(opties)
    omgeving = _Omgeving(
        area=gebied.polygon.buffer(opties.margin_m),
        cache_dir=Path(cache_dir),
        opties=opties,
        session=session,
        sleep=sleep,
        progress=say,
    )
    taken: list[_Taak] = []
    for name in list(opties.lagen) if opties.lagen is not None else list(LAGEN):
        url = source_urls[name]
        if url is None:
            say(
                f"{name}: geen bron-URL (PDOK heeft hiervoor geen OGC API Features); "
                "overgeslagen; vul het bestand zelf in onder [bronnen]"
            )
            continue
        taken.append(_task(name, url, folder / _FILES[name], omgeving))

    if opties.offline:
        _check_offline(taken, gemeente=gemeente, cache_dir=Path(cache_dir))
        say(f"offline: alle {len(taken)} lagen staan in de cache")
    else:
        _fetch_all(taken, say)

    gem_path = folder / "gemeenten.gpkg"
    _write_gemeenten(gebied.gemeenten, gem_path)
    cached = {t.naam: t.pad for t in taken}
    # Layers fetched in an earlier run (e.g. with a URL) still count.
    for name in LAGEN:
        p = folder / _FILES[name]
        if name not in cached and pdok.is_cached(p):
            cached[name] = p
    out = _write_config(Path(config_out), gebied=gebied, cached=cached, gemeenten=gem_path)
    say(f"configuratie geschreven: {out}")
    return out


def _source_urls(opties: FetchOpties) -> dict[str, str | None]:
    """The source URL of every layer (None: no known source); checks the layer names."""
    overrides = dict(opties.urls or {})
    lagen = opties.lagen
    unknown = sorted(set(overrides) - set(LAGEN)) + sorted(set(lagen or ()) - set(LAGEN))
    if unknown:
        raise InputError(
            f"onbekende laag: {', '.join(unknown)}; bekende lagen: {', '.join(LAGEN)}.",
            hint="kies uit de bekende lagen.",
        )
    osm_source = str(opties.osm_xml) if opties.osm_xml is not None else osm.OVERPASS_URL
    source_urls: dict[str, str | None] = {
        "percelen": pdok.PERCEEL_URL,
        "bestemmingsplannen": None,
        "bedrijventerreinen": None,
        "gtfs": opties.gtfs_url or gtfs_download.GTFS_NL_URL,
        "loopnetwerk": osm_source,
        "wegen": osm_source,
    }
    source_urls.update(overrides)
    for name in lagen or ():
        if source_urls[name] is None:
            raise InputError(
                f"voor de laag {name} is geen bron-URL bekend.",
                hint=f"geef de URL van een OGC API Features 'items'-eindpunt voor {name}, "
                "of vul het bestand zelf in onder [bronnen] in werkruimte.toml.",
            )
    return source_urls


def _check_offline(taken: list[_Taak], *, gemeente: str, cache_dir: Path) -> None:
    """InputError listing every layer that is not in the cache, with its URL."""
    missing = [t for t in taken if not t.in_cache()]
    if missing:
        lines = "; ".join(f"{_LABELS[t.naam]} van {t.bron} naar {t.pad}" for t in missing)
        count = "1 laag ontbreekt" if len(missing) == 1 else f"{len(missing)} lagen ontbreken"
        raise InputError(
            f"offline, maar {count} in de cache {cache_dir}; zonder --offline "
            f"zou worden gedownload: {lines}.",
            hint=f"voer 'werkruimte fetch --gemeente {gemeente}' uit zonder --offline "
            "(met internet), of kopieer een eerder gevulde cachemap.",
        )


def _fetch_all(taken: list[_Taak], say: Callable[[str], None]) -> None:
    """Fetch every layer; one failure does not stop the others, all are reported."""
    failures: list[tuple[str, WerkruimteError]] = []
    for taak in taken:
        try:
            taak.haal()
        except WerkruimteError as exc:
            log.error("%s: %s", taak.naam, exc)
            say(f"{taak.naam}: mislukt")
            failures.append((taak.naam, exc))
    if len(failures) == 1:
        raise failures[0][1]
    if failures:
        text = " | ".join(f"{name}: {exc}" for name, exc in failures)
        raise pdok.FetchError(
            f"{len(failures)} lagen konden niet worden opgehaald: {text}"
        ) from failures[0][1]


def _task(name: str, url: str, path: Path, omgeving: _Omgeving) -> _Taak:
    o = omgeving
    osm_xml = o.opties.osm_xml

    def in_cache() -> bool:
        return pdok.is_cached(path)

    if name in ("percelen", "bestemmingsplannen", "bedrijventerreinen"):
        rename = pdok.BRK_PERCEEL_RENAME if name == "percelen" else None

        def haal() -> Path:
            return pdok.fetch_ogc_features(
                url,
                area=o.area,
                cache_path=path,
                verzoek=pdok.PdokVerzoek(tile_size_m=o.opties.tile_size_m, rename=rename),
                session=o.session,
                sleep=o.sleep,
                progress=o.progress,
            )

    elif name == "gtfs":

        def haal() -> Path:
            return gtfs_download.fetch_gtfs(
                url,
                area=o.area,
                cache_path=path,
                download_dir=o.cache_dir / "downloads",
                margin_m=GTFS_MARGE_M,
                session=o.session,
                sleep=o.sleep,
                progress=o.progress,
            )

    elif name == "loopnetwerk":

        def haal() -> Path:
            return osm.fetch_loopnetwerk(
                o.area, cache_path=path, osm_xml=osm_xml, progress=o.progress
            )

    else:

        def haal() -> Path:
            return osm.fetch_wegen(
                o.area.buffer(WEGEN_MARGE_M),
                cache_path=path,
                osm_xml=osm_xml,
                progress=o.progress,
            )

    return _Taak(naam=name, bron=url, pad=path, haal=haal, in_cache=in_cache)


def _write_gemeenten(gemeenten: gpd.GeoDataFrame, path: Path) -> None:
    frame = gemeenten[["gemeente", "gemeentecode", "geometry"]]
    with atomic_file(path) as tmp:
        pyogrio.write_dataframe(frame, tmp, layer="gemeenten", driver="GPKG")


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _rel(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()


def _write_config(
    config_out: Path, *, gebied: Gebied, cached: Mapping[str, Path], gemeenten: Path
) -> Path:
    base = config_out.resolve().parent
    base.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")

    def entry(key: str, path: Path | None, comment: str) -> str:
        value = _rel(path, base) if path is not None else ""
        return f"{key} = {_toml_str(value)}  # {comment}"

    lines = [
        f"{_MARKER} voor {gebied.naam} ({stamp}).",
        "# De bronnen staan in de cache; bij elk bestand hoort een .json met herkomst en datum.",
        "# Lege bronnen tellen niet mee; vul ze zelf in (paden relatief aan dit bestand).",
        "",
        "[regio]",
        f"naam = {_toml_str(gebied.naam)}",
        "fictief = false",
        "",
        "[bronnen]",
        entry("percelen", cached.get("percelen"), "BRK perceel (PDOK)"),
        entry(
            "bedrijventerreinen",
            cached.get("bedrijventerreinen"),
            "IBIS bedrijventerreinen: GeoPackage, GeoJSON of shapefile",
        ),
        entry(
            "bestemmingsplannen",
            cached.get("bestemmingsplannen"),
            "IMRO2012 enkelbestemmingen: GML of GeoPackage",
        ),
        entry("hotspots", None, "informele werklocaties: eigen inventarisatie (CSV/GeoJSON)"),
        entry("gtfs", cached.get("gtfs"), "GTFS, gefilterd op het gebied"),
        entry("glasvezel", None, "dekkingsraster (GeoTIFF), niet openbaar op te halen"),
        entry("gemeenten", gemeenten, "CBS-gemeentegrens"),
        entry("wegen", cached.get("wegen"), "op- en afritten (OpenStreetMap)"),
        entry("loopnetwerk", cached.get("loopnetwerk"), "wandelnetwerk (OpenStreetMap)"),
        "",
    ]
    text = "\n".join(lines)
    with atomic_file(config_out) as tmp:
        tmp.write_text(text, "utf-8")
        load_config(tmp)  # a ConfigError leaves the old config as it was
        if config_out.exists() and config_out.read_text("utf-8", errors="replace") != text:
            backup = config_out.with_name(config_out.name + ".bak")
            shutil.copy2(config_out, backup)
            log.info("bestaande %s bewaard als %s", config_out, backup)
    return config_out
