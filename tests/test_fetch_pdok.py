"""The OGC API Features client (werkruimte.sources.pdok) against recorded responses.

No network: a requests adapter mounted on the session serves the recorded pages in
tests/data/recorded/ (see the README there) or responses built in the test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import geopandas as gpd
import pytest
import requests
import shapely
from replay import Reply, session_for
from requests.structures import CaseInsensitiveDict

from werkruimte.errors import InputError
from werkruimte.sources import pdok

DATA = Path(__file__).parent / "data" / "recorded"
URL = pdok.PERCEEL_URL
RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
# The recorded parcels (Otterlo) lie in 181159..181210 x 456453..456728.
AREA = shapely.box(181000, 456400, 181300, 456800)
TILE = "180000,456000,182000,458000"


def recorded(name: str) -> bytes:
    return (DATA / name).read_bytes()


GEOJSON = {"Content-Type": "application/geo+json", "Content-Crs": f"<{RD}>"}


def paged(request: requests.PreparedRequest) -> Reply:
    """The three recorded pages, chained by their cursors."""
    cursor = parse_qs(urlsplit(request.url).query).get("cursor", [None])[0]
    page = {None: 1, "Mzg0OTIwMjMwMXxhZmQ": 2, "Mzg0OTIwMjMwOXwxYzc": 3}[cursor]
    return 200, GEOJSON, recorded(f"pdok_perceel_p{page}.json")


def features_of(*pages: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for page in pages:
        out += json.loads(recorded(f"pdok_perceel_p{page}.json"))["features"]
    return out


def collection(features: list[dict[str, Any]]) -> bytes:
    doc = {"type": "FeatureCollection", "links": [], "features": features}
    return json.dumps(doc).encode()


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def test_tiles_for_area_follow_a_fixed_grid() -> None:
    # An L shape over 3 x 2 tiles of 2 km; the tile (4000, 2000)-(6000, 4000) is missed.
    area = shapely.Polygon(
        [(1000, 1000), (5000, 1000), (5000, 1900), (3000, 1900), (3000, 3000), (1000, 3000)]
    )
    tiles = pdok.tiles_for_area(area, tile_size_m=2000)
    assert tiles == [
        (0.0, 0.0, 2000.0, 2000.0),
        (2000.0, 0.0, 4000.0, 2000.0),
        (4000.0, 0.0, 6000.0, 2000.0),
        (0.0, 2000.0, 2000.0, 4000.0),
        (2000.0, 2000.0, 4000.0, 4000.0),
    ]
    with pytest.raises(InputError, match="tegelgrootte"):
        pdok.tiles_for_area(area, tile_size_m=0)


def test_paging_follows_next_links_and_writes_the_cache(tmp_path: Path) -> None:
    session, replay = session_for(paged)
    messages: list[str] = []
    target = tmp_path / "hilversum" / "percelen.gpkg"
    out = pdok.fetch_ogc_features(
        URL,
        area=AREA,
        cache_path=target,
        verzoek=pdok.PdokVerzoek(limit=4, rename=pdok.BRK_PERCEEL_RENAME),
        session=session,
        progress=messages.append,
    )
    assert out == target
    assert len(replay.requests) == 3
    first = replay.query(0)
    assert first["bbox"] == TILE
    assert first["bbox-crs"] == RD
    assert first["crs"] == RD
    assert first["limit"] == "4"
    assert replay.query(1)["cursor"] == "Mzg0OTIwMjMwMXxhZmQ"
    assert replay.query(2)["cursor"] == "Mzg0OTIwMjMwOXwxYzc"

    gdf = gpd.read_file(target, layer="perceel")
    assert len(gdf) == 11
    assert gdf.crs.to_epsg() == 28992
    for col in (
        "ogc_id",
        "identificatieLokaalID",
        "kadastraleGrootteWaarde",
        "kadastraleGemeenteWaarde",
        "sectie",
        "perceelnummer",
        "AKRKadastraleGemeenteCodeWaarde",
    ):
        assert col in gdf.columns
    assert gdf["kadastraleGrootteWaarde"].sum() == 9616.0  # 222+222+585+6345+6+264+...+967
    assert gdf["identificatieLokaalID"].iloc[0] == "84920229870000"
    assert set(gdf["kadastraleGemeenteWaarde"]) == {"Otterlo"}
    assert gdf.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).all()

    side = json.loads((tmp_path / "hilversum" / "percelen.json").read_text("utf-8"))
    assert side["status"] == "compleet"
    assert side["bron"] == URL
    assert side["aantal"] == 11
    assert side["tegels"] == [TILE]
    assert side["parameters"]["crs"] == RD
    assert side["datum"][:2] == "20"
    assert not (tmp_path / "hilversum" / "percelen.delen").exists()
    assert messages[-1].startswith("perceel: 11 objecten")


def test_second_call_is_a_cache_hit_without_requests(tmp_path: Path) -> None:
    target = tmp_path / "percelen.gpkg"
    session, _ = session_for(paged)
    pdok.fetch_ogc_features(
        URL, area=AREA, cache_path=target, verzoek=pdok.PdokVerzoek(limit=4), session=session
    )

    def refuse(request: requests.PreparedRequest) -> Reply:
        raise AssertionError(f"unexpected request {request.url}")

    offline, replay = session_for(refuse)
    pdok.fetch_ogc_features(
        URL, area=AREA, cache_path=target, verzoek=pdok.PdokVerzoek(limit=4), session=offline
    )
    assert replay.requests == []
    assert pdok.is_cached(target, url=URL)
    assert not pdok.is_cached(target, url="https://example.org/other/items")


def test_retry_on_429_respects_retry_after(tmp_path: Path) -> None:
    calls = {"n": 0}

    def handler(request: requests.PreparedRequest) -> Reply:
        calls["n"] += 1
        if calls["n"] == 1:
            return 429, {"Retry-After": "7"}, b"Too Many Requests"
        return paged(request)

    session, replay = session_for(handler)
    sleeps = Sleeps()
    pdok.fetch_ogc_features(
        URL, area=AREA, cache_path=tmp_path / "p.gpkg", session=session, sleep=sleeps
    )
    assert sleeps == [7.0]
    assert len(replay.requests) == 4  # the 429, then three pages
    assert len(gpd.read_file(tmp_path / "p.gpkg")) == 11


def test_timeout_is_retried_with_exponential_backoff(tmp_path: Path) -> None:
    calls = {"n": 0}

    def handler(request: requests.PreparedRequest) -> Reply:
        calls["n"] += 1
        if calls["n"] <= 2:
            return requests.ConnectTimeout("te traag")
        return paged(request)

    session, _ = session_for(handler)
    sleeps = Sleeps()
    pdok.fetch_ogc_features(
        URL,
        area=AREA,
        cache_path=tmp_path / "p.gpkg",
        session=session,
        sleep=sleeps,
        policy=pdok.RetryPolicy(attempts=3, backoff_s=1.5),
    )
    assert sleeps == [1.5, 3.0]


def test_500_three_times_is_a_clear_error(tmp_path: Path) -> None:
    session, replay = session_for(lambda r: (500, {}, b"Internal Server Error"))
    sleeps = Sleeps()
    with pytest.raises(pdok.FetchError) as info:
        pdok.fetch_ogc_features(
            URL, area=AREA, cache_path=tmp_path / "p.gpkg", session=session, sleep=sleeps
        )
    text = str(info.value)
    assert "3 pogingen" in text
    assert "HTTP 500" in text
    assert "api.pdok.nl/kadaster/brk-kadastrale-kaart" in text
    assert "probeer het later opnieuw" in text
    assert len(replay.requests) == 3
    assert sleeps == [2.0, 4.0]
    side = json.loads((tmp_path / "p.json").read_text("utf-8"))
    assert side["status"] == "bezig"
    assert side["tegels_klaar"] == []


def test_retry_after_as_http_date() -> None:
    response = requests.Response()
    response.headers = CaseInsensitiveDict({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    assert pdok._retry_after(response) == 0.0  # in the past: retry at once
    response.headers = CaseInsensitiveDict({"Retry-After": "12"})
    assert pdok._retry_after(response) == 12.0


def test_client_error_is_not_retried(tmp_path: Path) -> None:
    session, replay = session_for(lambda r: (404, {}, b'{"detail": "collection not found"}'))
    with pytest.raises(InputError, match="HTTP 404") as info:
        pdok.fetch_ogc_features(
            URL, area=AREA, cache_path=tmp_path / "p.gpkg", session=session, sleep=Sleeps()
        )
    assert len(replay.requests) == 1
    assert "collection not found" in str(info.value)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (recorded("pdok_onderhoud.html"), "text/html", "geen geldige JSON"),
        (recorded("pdok_perceel_p1.json")[:2000], "application/geo+json", "geen geldige JSON"),
        (b'{"code": "Bad Request", "description": "x"}', "application/json", "geen GeoJSON"),
        (
            b'{"type": "FeatureCollection", "features": [1, 2]}',
            "application/json",
            "geen GeoJSON Feature",
        ),
    ],
)
def test_malformed_page_names_the_url(
    tmp_path: Path, body: bytes, content_type: str, expected: str
) -> None:
    session, _ = session_for(lambda r: (200, {"Content-Type": content_type}, body))
    with pytest.raises(InputError, match=expected) as info:
        pdok.fetch_ogc_features(URL, area=AREA, cache_path=tmp_path / "p.gpkg", session=session)
    text = str(info.value)
    assert (
        "https://api.pdok.nl/kadaster/brk-kadastrale-kaart/ogc/v1/collections/perceel/items?"
        in text
    )
    assert "bbox=180000%2C456000%2C182000%2C458000" in text
    assert not (tmp_path / "p.gpkg").exists()


def test_response_in_another_crs_is_refused(tmp_path: Path) -> None:
    crs84 = {"Content-Crs": "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"}
    session, _ = session_for(lambda r: (200, crs84, recorded("pdok_perceel_p3.json")))
    with pytest.raises(InputError, match="niet in RD New"):
        pdok.fetch_ogc_features(URL, area=AREA, cache_path=tmp_path / "p.gpkg", session=session)


def three_tiles() -> tuple[shapely.Polygon, list[str]]:
    # With 1 km tiles this area covers three tiles side by side; every recorded
    # parcel intersects it (they lie within x 181159..181210).
    area = shapely.box(180100, 456100, 182900, 456900)
    keys = [f"{x},456000,{x + 1000},457000" for x in (180000, 181000, 182000)]
    assert [pdok._tile_key(t) for t in pdok.tiles_for_area(area, tile_size_m=1000)] == keys
    return area, keys


def test_resume_skips_tiles_already_done(tmp_path: Path) -> None:
    area, keys = three_tiles()
    by_tile = {keys[0]: features_of(1), keys[1]: features_of(2), keys[2]: features_of(3)}
    target = tmp_path / "percelen.gpkg"

    def failing(request: requests.PreparedRequest) -> Reply:
        bbox = parse_qs(urlsplit(request.url).query)["bbox"][0]
        if bbox == keys[2]:
            return 503, {}, b"Service Unavailable"
        return 200, GEOJSON, collection(by_tile[bbox])

    session, _ = session_for(failing)
    with pytest.raises(pdok.FetchError):
        pdok.fetch_ogc_features(
            URL,
            area=area,
            cache_path=target,
            verzoek=pdok.PdokVerzoek(tile_size_m=1000),
            session=session,
            sleep=Sleeps(),
        )
    side = json.loads((tmp_path / "percelen.json").read_text("utf-8"))
    assert side["status"] == "bezig"
    assert side["tegels_klaar"] == keys[:2]
    assert not target.exists()

    def good(request: requests.PreparedRequest) -> Reply:
        bbox = parse_qs(urlsplit(request.url).query)["bbox"][0]
        return 200, GEOJSON, collection(by_tile[bbox])

    session, replay = session_for(good)
    messages: list[str] = []
    pdok.fetch_ogc_features(
        URL,
        area=area,
        cache_path=target,
        verzoek=pdok.PdokVerzoek(tile_size_m=1000),
        session=session,
        progress=messages.append,
    )
    assert [replay.query(i)["bbox"] for i in range(len(replay.requests))] == [keys[2]]
    assert "hervat, 2 van 3 tegels al binnen" in messages[0]
    gdf = gpd.read_file(target)
    assert len(gdf) == 11
    assert json.loads((tmp_path / "percelen.json").read_text("utf-8"))["status"] == "compleet"


def test_duplicates_across_tiles_are_dropped_by_id(tmp_path: Path) -> None:
    area, keys = three_tiles()
    # Parcels on a tile border come back for both tiles.
    by_tile = {keys[0]: features_of(1), keys[1]: features_of(1, 2), keys[2]: []}

    def handler(request: requests.PreparedRequest) -> Reply:
        bbox = parse_qs(urlsplit(request.url).query)["bbox"][0]
        return 200, GEOJSON, collection(by_tile[bbox])

    session, _ = session_for(handler)
    target = tmp_path / "percelen.gpkg"
    pdok.fetch_ogc_features(
        URL,
        area=area,
        cache_path=target,
        verzoek=pdok.PdokVerzoek(tile_size_m=1000),
        session=session,
    )
    gdf = gpd.read_file(target)
    assert len(gdf) == 8
    assert gdf["ogc_id"].is_unique
    side = json.loads((tmp_path / "percelen.json").read_text("utf-8"))
    assert side["aantal"] == 8
    assert side["dubbel_verwijderd"] == 4


def test_features_outside_the_area_are_left_out(tmp_path: Path) -> None:
    # Only the south-western corner of the parcels' tile: the parcels lie elsewhere.
    area = shapely.box(180100, 456100, 180300, 456300)
    session, _ = session_for(paged)
    target = tmp_path / "p.gpkg"
    pdok.fetch_ogc_features(URL, area=area, cache_path=target, session=session)
    assert len(gpd.read_file(target)) == 0
    assert json.loads((tmp_path / "p.json").read_text("utf-8"))["aantal"] == 0
