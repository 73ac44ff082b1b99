"""`werkruimte fetch`: GTFS download and filter, OSM via osmnx, and run_fetch end to end.

No network: PDOK and the GTFS server are replayed by a requests adapter mounted on
the session; the osmnx download functions are monkeypatched; the offline OSM path
reads a tiny .osm XML written here. (The adapter is the same as in
test_fetch_pdok.py; it is repeated so each test module stands alone.)
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import geopandas as gpd
import networkx as nx
import osmnx as ox
import pandas as pd
import pytest
import requests
import shapely
from replay import Handler, Replay, Reply, session_for

import werkruimte
from werkruimte.errors import InputError
from werkruimte.fetch import FetchOpties, resolve_gebied, run_fetch
from werkruimte.sources import gtfs as gtfs_source
from werkruimte.sources import gtfs_download, kadaster, osm, pdok
from werkruimte.sources import wegen as wegen_source

DATA = Path(__file__).parent / "data" / "recorded"
RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
GTFS_URL = "https://gtfs.example.org/nl/gtfs-test.zip"
PLANNEN_URL = "https://plannen.example.org/ogc/v1/collections/enkelbestemming/items"


def refuse(request: requests.PreparedRequest) -> Reply:
    raise AssertionError(f"unexpected request {request.url}")


# --------------------------------------------------------------------------- GTFS

STOPS = """stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
H1,"Hilversum, Station",52.2258,5.1815,0,
H2,"Hilversum, Media Park",52.2377,5.1720,0,
H3,Hilversum Sportpark,52.2147,5.1893,0,
H4,"Hilversum, Loosdrechtseweg",52.2300,5.1600,0,
AMS,Amsterdam Centraal,52.3789,4.9003,1,
A1,Amsterdam Centraal spoor 4,52.3789,4.9003,0,AMS
U1,Utrecht Centraal,52.0894,5.1100,0,
"""
ROUTES = """route_id,agency_id,route_short_name,route_type
R1,NS,Sprinter,2
R2,GVB,22,3
R3,CXX,107,3
"""
TRIPS = """route_id,service_id,trip_id,shape_id
R1,WD,T1,S1
R2,WE,T2,S2
R3,WD,T3,
"""
STOP_TIMES = """trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,H1,1
T1,08:25:00,08:25:00,A1,2
T2,09:00:00,09:00:00,A1,1
T2,09:40:00,09:40:00,U1,2
T3,08:10:00,08:10:00,H2,1
T3,25:20:00,25:20:00,H3,2
"""
AGENCY = """agency_id,agency_name,agency_url,agency_timezone
NS,NS,https://www.ns.nl,Europe/Amsterdam
GVB,GVB,https://www.gvb.nl,Europe/Amsterdam
CXX,Connexxion,https://www.connexxion.nl,Europe/Amsterdam
"""
CALENDAR = """\
service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
WD,1,1,1,1,1,0,0,20251201,20261231
WE,0,0,0,0,0,1,1,20251201,20261231
"""
CALENDAR_DATES = """service_id,date,exception_type
WD,20251225,2
WE,20251225,1
"""
SHAPES = """shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence
S1,52.2258,5.1815,1
S1,52.3000,5.0500,2
S1,52.3789,4.9003,3
S2,52.3789,4.9003,1
S2,52.0894,5.1100,2
"""
TRANSFERS = """from_stop_id,to_stop_id,transfer_type
H1,A1,2
A1,U1,2
"""
FEED_INFO = """feed_publisher_name,feed_publisher_url,feed_lang
Test,https://example.org,nl
"""


def gtfs_zip(folder: str = "") -> bytes:
    buffer = io.BytesIO()
    tables = {
        "agency.txt": AGENCY,
        "stops.txt": "\ufeff" + STOPS,  # with a byte-order mark, as some feeds have
        "routes.txt": ROUTES,
        "trips.txt": TRIPS,
        "stop_times.txt": STOP_TIMES,
        "calendar.txt": CALENDAR,
        "calendar_dates.txt": CALENDAR_DATES,
        "shapes.txt": SHAPES,
        "transfers.txt": TRANSFERS,
        "feed_info.txt": FEED_INFO,
    }
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in tables.items():
            zf.writestr(folder + name, text)
    return buffer.getvalue()


def read_member(path: Path, name: str) -> pd.DataFrame:
    with zipfile.ZipFile(path) as zf:
        return pd.read_csv(zf.open(name), dtype=str, keep_default_na=False)


@pytest.fixture
def hilversum() -> shapely.Polygon:
    return resolve_gebied("Hilversum").polygon.buffer(500)


@pytest.mark.parametrize("folder", ["", "feed/"])
def test_filter_gtfs_keeps_whole_trips_through_the_area(
    tmp_path: Path, hilversum: shapely.Polygon, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gtfs_download, "_CHUNK_ROWS", 2)  # read stop_times in chunks
    src = tmp_path / "full.zip"
    src.write_bytes(gtfs_zip(folder))
    dst = tmp_path / "out" / "gtfs.zip"
    counts = gtfs_download.filter_gtfs(src, dst, area=hilversum)
    assert counts == {
        "stop_times.txt": 4,
        "stops.txt": 6,
        "trips.txt": 2,
        "routes.txt": 2,
        "agency.txt": 2,
        "calendar.txt": 1,
        "calendar_dates.txt": 1,
        "shapes.txt": 3,
        "transfers.txt": 1,
        "feed_info.txt": 1,
    }
    stops = read_member(dst, "stops.txt")
    # Area stops (H4 has no service but lies in the area), A1 called by T1, its parent.
    assert sorted(stops["stop_id"]) == ["A1", "AMS", "H1", "H2", "H3", "H4"]
    assert stops.loc[stops["stop_id"] == "H1", "stop_name"].item() == "Hilversum, Station"
    st = read_member(dst, "stop_times.txt")
    assert st["trip_id"].tolist() == ["T1", "T1", "T3", "T3"]
    assert st["arrival_time"].tolist()[-1] == "25:20:00"  # times after midnight kept as text
    assert sorted(read_member(dst, "routes.txt")["route_id"]) == ["R1", "R3"]
    assert sorted(read_member(dst, "agency.txt")["agency_id"]) == ["CXX", "NS"]
    assert read_member(dst, "calendar.txt")["service_id"].tolist() == ["WD"]
    assert read_member(dst, "shapes.txt")["shape_id"].tolist() == ["S1", "S1", "S1"]
    assert read_member(dst, "trips.txt")["shape_id"].tolist() == ["S1", ""]
    assert not list(dst.parent.glob(".*tmp"))


def test_filter_gtfs_without_stops_in_the_area_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "full.zip"
    src.write_bytes(gtfs_zip())
    far = shapely.box(10_000, 300_000, 11_000, 301_000)  # Zeeland
    with pytest.raises(InputError, match="geen enkele halte"):
        gtfs_download.filter_gtfs(src, tmp_path / "gtfs.zip", area=far, source=GTFS_URL)
    html = tmp_path / "page.zip"
    html.write_bytes(b"<html>niet gevonden</html>")
    with pytest.raises(InputError, match="geen zip-bestand"):
        gtfs_download.filter_gtfs(html, tmp_path / "gtfs.zip", area=far, source=GTFS_URL)


def serve_bytes(body: bytes, *, ranges: bool = True) -> Handler:
    def handler(request: requests.PreparedRequest) -> Reply:
        wanted = request.headers.get("Range")
        if wanted and ranges:
            start = int(wanted.removeprefix("bytes=").rstrip("-"))
            rest = body[start:]
            headers = {
                "Content-Length": str(len(rest)),
                "Content-Range": f"bytes {start}-{len(body) - 1}/{len(body)}",
            }
            return 206, headers, rest
        return 200, {"Content-Length": str(len(body)), "Content-Type": "application/zip"}, body

    return handler


@pytest.mark.parametrize("ranges", [True, False])
def test_download_resumes_a_partial_file(tmp_path: Path, ranges: bool) -> None:
    body = gtfs_zip()
    dest = tmp_path / "gtfs-test.zip"
    (tmp_path / "gtfs-test.zip.part").write_bytes(body[:100])
    session, replay = session_for(serve_bytes(body, ranges=ranges))
    gtfs_download.download_file(GTFS_URL, dest, session=session, chunk_size=64)
    assert replay.requests[0].headers["Range"] == "bytes=100-"
    assert dest.read_bytes() == body
    assert not (tmp_path / "gtfs-test.zip.part").exists()


def test_fetch_gtfs_downloads_once_and_caches(tmp_path: Path, hilversum: shapely.Polygon) -> None:
    session, replay = session_for(serve_bytes(gtfs_zip()))
    target = tmp_path / "hilversum" / "gtfs.zip"
    downloads = tmp_path / "downloads"
    gtfs_download.fetch_gtfs(
        GTFS_URL, area=hilversum, cache_path=target, download_dir=downloads, session=session
    )
    assert len(replay.requests) == 1
    assert (downloads / "gtfs-test.zip").exists()
    side = json.loads((tmp_path / "hilversum" / "gtfs.json").read_text("utf-8"))
    assert side["bron"] == GTFS_URL
    assert side["aantal"]["trips.txt"] == 2
    # Second call: the filtered feed is cached, nothing is requested.
    quiet, replay2 = session_for(refuse)
    gtfs_download.fetch_gtfs(
        GTFS_URL, area=hilversum, cache_path=target, download_dir=downloads, session=quiet
    )
    assert replay2.requests == []
    feed = gtfs_source.load_gtfs(target)
    assert sorted(feed.stops["stop_id"]) == ["A1", "AMS", "H1", "H2", "H3", "H4"]


# --------------------------------------------------------------------------- OSM

TINY_OSM = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="werkruimte-test">
  <node id="1" lat="52.2200" lon="5.1700"/>
  <node id="2" lat="52.2210" lon="5.1710"/>
  <node id="3" lat="52.2220" lon="5.1720"/>
  <node id="4" lat="52.2230" lon="5.1700"/>
  <node id="5" lat="52.2215" lon="5.1690"/>
  <node id="10" lat="52.2300" lon="5.1800"/>
  <node id="11" lat="52.2320" lon="5.1820">
    <tag k="highway" v="motorway_junction"/>
    <tag k="name" v="Hilversum"/>
    <tag k="ref" v="33"/>
  </node>
  <node id="12" lat="52.2340" lon="5.1840"/>
  <node id="13" lat="52.2350" lon="5.1850">
    <tag k="highway" v="motorway_junction"/>
    <tag k="ref" v="34"/>
  </node>
  <way id="100">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="residential"/><tag k="name" v="Stationsstraat"/>
  </way>
  <way id="101">
    <nd ref="3"/><nd ref="4"/><nd ref="5"/><nd ref="2"/>
    <tag k="highway" v="footway"/>
  </way>
  <way id="102">
    <nd ref="4"/><nd ref="10"/>
    <tag k="highway" v="trunk"/>
  </way>
  <way id="103">
    <nd ref="10"/><nd ref="11"/><nd ref="12"/><nd ref="13"/>
    <tag k="highway" v="motorway"/><tag k="ref" v="A27"/><tag k="oneway" v="yes"/>
  </way>
</osm>
"""


@pytest.fixture
def osm_xml(tmp_path: Path) -> Path:
    path = tmp_path / "gebied.osm"
    path.write_text(TINY_OSM, "utf-8")
    return path


def test_offline_osm_xml_gives_network_and_junctions(
    tmp_path: Path, osm_xml: Path, hilversum: shapely.Polygon
) -> None:
    net = osm.fetch_loopnetwerk(
        hilversum, cache_path=tmp_path / "loopnetwerk.graphml", osm_xml=osm_xml
    )
    graph = ox.load_graphml(net)
    kinds = {str(d.get("highway")) for _, _, d in graph.edges(data=True)}
    assert "motorway" not in kinds and "trunk" not in kinds
    assert graph.number_of_edges() > 0
    assert json.loads((tmp_path / "loopnetwerk.json").read_text("utf-8"))["bron"] == str(osm_xml)

    path = osm.fetch_wegen(hilversum, cache_path=tmp_path / "wegen.gpkg", osm_xml=osm_xml)
    wegen = gpd.read_file(path, layer="afritten").sort_values("nummer")
    assert wegen["naam"].tolist() == ["Hilversum", "afrit 34"]
    assert wegen["weg"].tolist() == ["A27", "A27"]
    assert wegen["nummer"].tolist() == ["33", "34"]
    assert wegen.crs.to_epsg() == 28992
    loaded = wegen_source.load_wegen(path)
    assert sorted(loaded["naam"]) == ["Hilversum", "afrit 34"]


@pytest.fixture
def fake_osmnx(monkeypatch: pytest.MonkeyPatch, osm_xml: Path) -> list[tuple[str, Any]]:
    """Replace the osmnx download functions; record what they were asked."""
    calls: list[tuple[str, Any]] = []

    def graph_from_polygon(
        polygon: Any, *, network_type: str = "all", **kw: Any
    ) -> nx.MultiDiGraph:
        calls.append(("graph", (polygon, network_type)))
        return ox.graph_from_xml(osm_xml)

    def features_from_polygon(polygon: Any, tags: dict[str, Any]) -> gpd.GeoDataFrame:
        calls.append(("features", (polygon, tags)))
        return ox.features_from_xml(osm_xml, tags=tags)

    monkeypatch.setattr(ox, "graph_from_polygon", graph_from_polygon)
    monkeypatch.setattr(ox, "features_from_polygon", features_from_polygon)
    return calls


def test_online_osm_asks_osmnx_in_wgs84(
    tmp_path: Path, hilversum: shapely.Polygon, fake_osmnx: list[tuple[str, Any]]
) -> None:
    osm.fetch_loopnetwerk(hilversum, cache_path=tmp_path / "net.graphml")
    osm.fetch_wegen(hilversum, cache_path=tmp_path / "wegen.gpkg")
    (kind, (polygon, network_type)), (kind2, (_, tags)) = fake_osmnx
    assert (kind, network_type, kind2) == ("graph", "walk", "features")
    lon0, lat0, lon1, lat1 = polygon.bounds
    assert 5.0 < lon0 < lon1 < 5.3 and 52.1 < lat0 < lat1 < 52.3  # Hilversum in WGS84
    assert "motorway_junction" in tags["highway"]
    # Cached: a second call does not ask osmnx again.
    osm.fetch_loopnetwerk(hilversum, cache_path=tmp_path / "net.graphml")
    osm.fetch_wegen(hilversum, cache_path=tmp_path / "wegen.gpkg")
    assert len(fake_osmnx) == 2


def test_overpass_failure_is_a_fetch_error(
    tmp_path: Path, hilversum: shapely.Polygon, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("overpass onbereikbaar")

    monkeypatch.setattr(ox, "graph_from_polygon", broken)
    with pytest.raises(pdok.FetchError, match="Overpass"):
        osm.fetch_loopnetwerk(hilversum, cache_path=tmp_path / "net.graphml")
    assert not (tmp_path / "net.graphml").exists()


# ---------------------------------------------------------------------- run_fetch

# The recorded Otterlo parcels, moved into Hilversum (fictitious location) so that
# they lie in the fetch area: around (140000, 470000), across a 2 km tile border.
DX, DY = 140_000 - 181_180, 470_000 - 456_600


def shift(coords: Any) -> Any:
    if isinstance(coords[0], int | float):
        return [coords[0] + DX, coords[1] + DY]
    return [shift(c) for c in coords]


def hilversum_parcels() -> list[dict[str, Any]]:
    features = []
    for page in (1, 2, 3):
        doc = json.loads((DATA / f"pdok_perceel_p{page}.json").read_text("utf-8"))
        for feature in doc["features"]:
            moved = copy.deepcopy(feature)
            moved["geometry"]["coordinates"] = shift(feature["geometry"]["coordinates"])
            features.append(moved)
    return features


def plannen() -> list[dict[str, Any]]:
    def square(x: float, y: float, props: dict[str, str], fid: str) -> dict[str, Any]:
        ring = [[x, y], [x + 100, y], [x + 100, y + 100], [x, y + 100], [x, y]]
        geometry = {"type": "Polygon", "coordinates": [ring]}
        return {"type": "Feature", "id": fid, "properties": props, "geometry": geometry}

    return [
        square(139900, 469900, {"bestemmingshoofdgroep": "bedrijf", "naam": "Bedrijf"}, "p1"),
        square(140000, 470000, {"bestemmingshoofdgroep": "wonen", "naam": "Wonen"}, "p2"),
    ]


def ogc_server(features: list[dict[str, Any]]) -> Handler:
    """Answers a bbox query with the features whose extent meets the bbox."""

    def handler(request: requests.PreparedRequest) -> Reply:
        query = parse_qs(urlsplit(request.url).query)
        assert query["crs"] == [RD] and query["bbox-crs"] == [RD]
        x0, y0, x1, y1 = map(float, query["bbox"][0].split(","))
        box = shapely.box(x0, y0, x1, y1)
        hits = [
            f for f in features if shapely.from_geojson(json.dumps(f["geometry"])).intersects(box)
        ]
        doc = {
            "type": "FeatureCollection",
            "links": [],
            "features": hits,
            "numberReturned": len(hits),
        }
        return 200, {"Content-Type": "application/geo+json"}, json.dumps(doc).encode()

    return handler


def internet() -> Handler:
    pdok_server = ogc_server(hilversum_parcels())
    plan_server = ogc_server(plannen())
    gtfs_server = serve_bytes(gtfs_zip())

    def handler(request: requests.PreparedRequest) -> Reply:
        host = urlsplit(request.url).hostname
        if host == "api.pdok.nl":
            return pdok_server(request)
        if host == "plannen.example.org":
            return plan_server(request)
        if host == "gtfs.example.org":
            return gtfs_server(request)
        raise AssertionError(f"unexpected host {host}")

    return handler


def test_resolve_gebied_by_name_code_or_regio() -> None:
    assert resolve_gebied("GM0402").naam == "Hilversum"
    assert resolve_gebied("402").slug == "hilversum"
    laren = resolve_gebied("laren")
    assert (laren.naam, laren.slug) == ("Laren (NH.)", "laren-nh")
    regio = resolve_gebied("regio")
    assert (regio.naam, regio.slug, len(regio.gemeenten)) == (
        "Gooi en Vechtstreek",
        "gooi-en-vechtstreek",
        7,
    )
    with pytest.raises(InputError, match="Gooi en Vechtstreek"):
        resolve_gebied("Amsterdam")


def test_offline_with_empty_cache_lists_what_would_be_downloaded(tmp_path: Path) -> None:
    session, replay = session_for(refuse)
    with pytest.raises(InputError) as info:
        run_fetch(
            gemeente="Hilversum",
            cache_dir=tmp_path / "cache",
            config_out=tmp_path / "werkruimte.toml",
            opties=FetchOpties(offline=True),
            session=session,
        )
    text = str(info.value)
    assert "4 lagen ontbreken" in text
    for expected in (
        pdok.PERCEEL_URL,
        gtfs_download.GTFS_NL_URL,
        osm.OVERPASS_URL,
        "percelen (PDOK BRK Kadastrale Kaart)",
        "OV-dienstregeling (GTFS)",
        "loopnetwerk (OpenStreetMap)",
        "op- en afritten (OpenStreetMap)",
        "zonder --offline",
    ):
        assert expected in text
    assert replay.requests == []
    assert not (tmp_path / "werkruimte.toml").exists()


def test_unknown_layer_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="onbekende laag: kadaster"):
        run_fetch(
            gemeente="Hilversum",
            cache_dir=tmp_path,
            config_out=tmp_path / "w.toml",
            opties=FetchOpties(lagen=["kadaster"]),
        )
    with pytest.raises(InputError, match="geen bron-URL"):
        run_fetch(
            gemeente="Hilversum",
            cache_dir=tmp_path,
            config_out=tmp_path / "w.toml",
            opties=FetchOpties(lagen=["bedrijventerreinen"]),
        )


@pytest.fixture
def fetched(tmp_path: Path, fake_osmnx: list[tuple[str, Any]]) -> tuple[Path, Path, Replay]:
    """A run_fetch for Hilversum against the replayed internet."""
    session, replay = session_for(internet())
    messages: list[str] = []
    cache = tmp_path / "cache"
    out = run_fetch(
        gemeente="Hilversum",
        cache_dir=cache,
        config_out=tmp_path / "werkruimte.toml",
        opties=FetchOpties(gtfs_url=GTFS_URL, urls={"bestemmingsplannen": PLANNEN_URL}),
        session=session,
        progress=messages.append,
    )
    assert messages[-1].startswith("configuratie geschreven")
    assert any("bedrijventerreinen: geen bron-URL" in m for m in messages)
    return out, cache, replay


def test_run_fetch_fills_the_cache_and_writes_a_config(
    fetched: tuple[Path, Path, Replay], tmp_path: Path
) -> None:
    out, cache, _ = fetched
    assert out == tmp_path / "werkruimte.toml"
    folder = cache / "hilversum"
    for name in (
        "percelen.gpkg",
        "percelen.json",
        "bestemmingsplannen.gpkg",
        "gtfs.zip",
        "gtfs.json",
        "loopnetwerk.graphml",
        "wegen.gpkg",
        "gemeenten.gpkg",
    ):
        assert (folder / name).is_file(), name
    percelen = gpd.read_file(folder / "percelen.gpkg")
    assert len(percelen) == 11  # parcels on the tile border came twice, kept once
    assert json.loads((folder / "percelen.json").read_text("utf-8"))["dubbel_verwijderd"] > 0

    cfg = werkruimte.load_config(out)
    assert cfg.regio["naam"] == "Hilversum"
    assert cfg.fictief is False
    for key in ("percelen", "bestemmingsplannen", "gtfs", "gemeenten", "wegen", "loopnetwerk"):
        path = cfg.bron(key)
        assert path is not None and path.is_file(), key
    assert cfg.bron("bedrijventerreinen") is None
    assert cfg.bron("hotspots") is None
    assert cfg.bron("glasvezel") is None
    assert 'percelen = "cache/hilversum/percelen.gpkg"' in out.read_text("utf-8")

    loaded = kadaster.load_percelen(cfg.bron("percelen"))
    assert len(loaded) == 11
    assert loaded["kadastrale_grootte_m2"].sum() == 9616.0
    assert "84920229870000" in set(loaded["perceel_id"])


def test_second_run_and_offline_run_make_no_requests(
    fetched: tuple[Path, Path, Replay], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, cache, _ = fetched
    first = out.read_text("utf-8")

    def no_osm(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("osmnx called although cached")

    monkeypatch.setattr(ox, "graph_from_polygon", no_osm)
    monkeypatch.setattr(ox, "features_from_polygon", no_osm)
    for offline in (False, True):
        session, replay = session_for(refuse)
        again = run_fetch(
            gemeente="GM0402",
            cache_dir=cache,
            config_out=out,
            opties=FetchOpties(
                gtfs_url=GTFS_URL, offline=offline, urls={"bestemmingsplannen": PLANNEN_URL}
            ),
            session=session,
        )
        assert replay.requests == []
        assert again == out
    # The offline run without the plan URL still points at the cached plans.
    session, _ = session_for(refuse)
    run_fetch(
        gemeente="Hilversum",
        cache_dir=cache,
        config_out=out,
        opties=FetchOpties(gtfs_url=GTFS_URL, offline=True),
        session=session,
    )
    cfg = werkruimte.load_config(out)
    assert (
        cfg.bron("bestemmingsplannen")
        == (cache / "hilversum" / "bestemmingsplannen.gpkg").resolve()
    )
    assert first.splitlines()[5:] == out.read_text("utf-8").splitlines()[5:]
    assert (tmp_path / "werkruimte.toml.bak").exists() or first == out.read_text("utf-8")


def test_fetched_config_loads_as_a_regio(fetched: tuple[Path, Path, Replay]) -> None:
    out, _, _ = fetched
    regio = werkruimte.load_regio(out)
    assert len(regio.percelen) == 11
    assert set(regio.percelen["gemeente"]) == {"Hilversum"}
    assert sorted(regio.bestemmingsplannen["bestemmingshoofdgroep"]) == ["bedrijf", "wonen"]
    assert regio.ov is not None
    assert regio.wegen is not None and sorted(regio.wegen["weg"]) == ["A27", "A27"]
    assert regio.loopnetwerk is not None and regio.loopnetwerk.number_of_edges() > 0


def test_one_walkable_rule_for_fetched_and_loaded_networks() -> None:
    from werkruimte.sources.loopnetwerk import walkable_edge

    assert walkable_edge({"highway": "footway"})
    assert walkable_edge({"highway": "cycleway"})  # fietspad zonder voetpad: mag
    assert walkable_edge({"highway": "platform"})  # zo bereik je de trein
    assert walkable_edge({"highway": "service", "access": "private", "foot": "yes"})
    assert not walkable_edge({"building": "yes"})  # geen highway-tag
    assert not walkable_edge({"highway": "trunk"})  # autoweg
    assert not walkable_edge({"highway": ["residential", "motorway_link"]})  # één stuk verboden
    assert not walkable_edge({"highway": "path", "foot": "no"})
    assert not walkable_edge({"highway": "service", "access": "private"})
    assert not walkable_edge({"highway": "planned"})
