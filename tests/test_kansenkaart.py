"""The kansenkaart (folium) and the static PNG maps: structure of the map and its HTML.

All regions are built by hand in code: a few parcels, two gemeenten, a terrain, plans,
hotspots, a driedeling table, and for the OV and glasvezel layers a tiny GTFS feed and
GeoTIFF written to a temporary folder.
"""

from __future__ import annotations

import base64
import io
import json
import re
import types
from pathlib import Path

import folium
import folium.plugins
import geopandas as gpd
import matplotlib.image as mpimg
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from affine import Affine
from geopandas.testing import assert_geodataframe_equal
from pyproj import Transformer
from shapely.geometry import Point, box

from werkruimte.config import default_config
from werkruimte.errors import InputError
from werkruimte.export.figuren import write_png
from werkruimte.kaart import balans_tekst, kansenkaart
from werkruimte.kaart._assets import Kansenkaart, inline_assets_html
from werkruimte.kaart.png import figuren_per_gemeente
from werkruimte.kaart.stijl import SCORE_KLEUREN, dekking_rgba, score_kleur
from werkruimte.regio import Regio
from werkruimte.schuifruimte import Balans
from werkruimte.sources.glasvezel import load_glasvezel
from werkruimte.sources.gtfs import load_gtfs

X0, Y0 = 140_000.0, 470_000.0
TO_WGS = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)

UITLEG = (
    "profiel schuifruimte: 2.000 m² (groot) → 150 pt; bestemming bedrijf (100%) → 300 pt; "
    "score 92 — telt het zwaarst: bestemming. Kandidaat."
)


def rd_box(x0: float, y0: float, x1: float, y1: float) -> shapely.Polygon:
    return box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def rd_point(x: float, y: float) -> Point:
    return Point(X0 + x, Y0 + y)


def make_percelen() -> gpd.GeoDataFrame:
    """Five parcels: three candidates (two profiles), two others (one high score)."""
    # A candidate with a wiggly outline: 400 vertices within 0.2 m of a 30 x 30 m square.
    t = np.linspace(0, 4, 401)[:-1]
    side = np.floor(t).astype(int)
    f = t - side
    xs = np.select([side == 0, side == 1, side == 2, side == 3], [f, 1.0, 1 - f, 0.0]) * 30
    ys = np.select([side == 0, side == 1, side == 2, side == 3], [0.0, f, 1.0, 1 - f]) * 30
    wiggle = 0.2 * np.sin(np.arange(400) * 2.0)
    wiggly = shapely.Polygon(np.column_stack([X0 + 500 + xs + wiggle, Y0 + 500 + ys]))
    return gpd.GeoDataFrame(
        {
            "perceel_id": pd.array(
                ["HVS00-A-1", "HVS00-A-2", "LRN00-B-3", "LRN00-B-4", "LRN00-B-5"],
                dtype="string",
            ),
            "gemeente": pd.array(
                ["Hilversum", "Hilversum", "Laren", "Laren", "Laren"], dtype="string"
            ),
            "oppervlakte_m2": [2000.0, 1800.0, 900.0, 5000.0, 2100.0],
            "grootteklasse": pd.array(["groot", "groot", "midden", "overig", "groot"]),
            "bestemming": pd.array(["bedrijf", "bedrijf", "gemengd", "wonen", pd.NA]),
            "ov_klasse": pd.array(["3", "2", "4", "0", "1a"], dtype="string"),
            "glasvezel_dekking": [0.9, 0.5, np.nan, 0.1, 0.2],
            "score": [92.0, 65.5, 58.0, 20.0, 99.0],
            "kandidaat": [True, True, True, False, False],
            "profiel": pd.array(
                ["schuifruimte", "schuifruimte", "middensegment", pd.NA, pd.NA], dtype="string"
            ),
            "rang_stabiliteit": [0.85, 0.4, 0.5, np.nan, np.nan],
            "uitleg": pd.array([UITLEG, "uitleg 2", "uitleg 3", "uitleg 4", "NIET-KANDIDAAT"]),
            "cluster_id": np.array([0, 0, -1, -1, -1], dtype="int64"),
        },
        geometry=[
            rd_box(0, 0, 40, 50),
            rd_box(40, 0, 80, 45),
            wiggly,
            rd_box(900, 900, 1000, 950),
            rd_box(1200, 200, 1250, 250),
        ],
        crs=28992,
    )


def make_clusters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "cluster_id": np.array([0], dtype="int64"),
            "rang": np.array([1], dtype="int64"),
            "aantal_percelen": np.array([2], dtype="int64"),
            "oppervlakte_m2": [3800.0],
            "oppervlakte_ha": [0.38],
            "gemiddelde_score": [79.3],
            "gemeenten": pd.array(["Hilversum"], dtype="string"),
            "percelen": pd.array(["HVS00-A-1, HVS00-A-2"], dtype="string"),
        },
        geometry=[rd_box(0, 0, 80, 50)],
        crs=28992,
    )


def make_tabel() -> gpd.GeoDataFrame:
    tabel = gpd.GeoDataFrame(
        {
            "id": ["T1", "T2", "H1", "H2"],
            "naam": ["Kerkelanden", "Zuid", "De Broedplaats", "Station <Laren>"],
            "soort": ["formeel", "formeel", "informeel", "informeel"],
            "type": ["", "", "broedplaats", "ov-knooppunt"],
            "gemeente": ["Hilversum", "Laren", "Hilversum", "Laren"],
            "oppervlakte_ha": [9.0, 4.0, np.nan, np.nan],
            "milieucategorie_max": [3.1, 2.0, np.nan, np.nan],
            "ov_klasse": ["2", "4", "3", "5"],
            "klasse": ["behouden", "transformatie", "menging", "transformatie"],
            "reden": ["milieucategorie 3,1", "weinig werk", "standaard", "leegstand en goed OV"],
            "regel": ["milieucategorie", "weinig_werk", "standaard", "leegstand_ov"],
        },
        geometry=[
            rd_box(-100, -100, 200, 200),
            rd_box(1100, 100, 1400, 300),
            rd_point(300, 100),
            rd_point(600, 700),
        ],
        crs=28992,
    )
    tabel.attrs["klassen"] = ["behouden", "menging", "transformatie"]
    return tabel


def make_regio(
    *, fictief: bool = True, ov: object = None, glasvezel: object = None, percelen=None
) -> Regio:
    cfg = default_config().with_changes({"regio": {"fictief": fictief}})
    gemeenten = gpd.GeoDataFrame(
        {
            "gemeente": pd.array(["Hilversum", "Laren"], dtype="string"),
            "gemeentecode": ["GM0402", "GM0417"],
        },
        geometry=[rd_box(-1000, -1000, 450, 2000), rd_box(450, -1000, 2000, 2000)],
        crs=28992,
    )
    terreinen = gpd.GeoDataFrame(
        {
            "terrein_id": ["T1", "T2"],
            "naam": ["Kerkelanden", "Zuid"],
            "ha_bruto": [9.0, 4.0],
            "milieucategorie_max": [3.1, 2.0],
            "gemeente": ["Hilversum", "Laren"],
        },
        geometry=[rd_box(-100, -100, 200, 200), rd_box(1100, 100, 1400, 300)],
        crs=28992,
    )
    plannen = gpd.GeoDataFrame(
        {
            "bestemmingshoofdgroep": ["Bedrijf", "wonen", "kantoor"],
            "naam": ["Bedrijf - 1", "Wonen", "Kantoor"],
            "plan_id": ["NL.IMRO.0402.x", "NL.IMRO.0402.x", "NL.IMRO.0417.y"],
        },
        geometry=[
            rd_box(-50, -50, 150, 150),
            rd_box(300, 300, 600, 600),
            rd_box(1000, 0, 1100, 90),
        ],
        crs=28992,
    )
    hotspots = gpd.GeoDataFrame(
        {
            "hotspot_id": ["H1", "H2"],
            "naam": ["De Broedplaats", "Station <Laren>"],
            "type": ["broedplaats", "ov-knooppunt"],
            "oppervlakte_m2": [800.0, np.nan],
            "leegstand_m2": [100.0, np.nan],
            "grootteklasse": ["400-1500", ""],
            "doelgroep": ["creatief", ""],
            "gemeente": ["Hilversum", "Laren"],
        },
        geometry=[rd_point(300, 100), rd_point(600, 700)],
        crs=28992,
    )
    return Regio(
        config=cfg,
        percelen=make_percelen() if percelen is None else percelen,
        gemeenten=gemeenten,
        bedrijventerreinen=terreinen,
        bestemmingsplannen=plannen,
        hotspots=hotspots,
        ov=ov,
        glasvezel=glasvezel,
    )


def write_gtfs(folder: Path) -> Path:
    """Two bus stops: S1 with 4 departures 08:15-09:15, S2 with 1; S3 unused."""
    to_wgs = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
    stops = ["stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station"]
    for sid, x, y in (("S1", 100, 100), ("S2", 700, 600), ("S3", 1500, 1500)):
        lon, lat = to_wgs.transform(X0 + x, Y0 + y)
        stops.append(f"{sid},Halte {sid},{lat!r},{lon!r},0,")
    trips = ["route_id,service_id,trip_id,direction_id"]
    times = ["trip_id,arrival_time,departure_time,stop_id,stop_sequence"]
    for m in (8 * 60 + 20, 8 * 60 + 35, 8 * 60 + 50, 9 * 60 + 5):
        trips.append(f"L1,WD,t{m},0")
        hhmm = f"{m // 60:02d}:{m % 60:02d}:00"
        later = f"{(m + 10) // 60:02d}:{(m + 10) % 60:02d}:00"
        times.append(f"t{m},{hhmm},{hhmm},S1,1")
        times.append(f"t{m},{later},{later},S3,2")
    trips.append("L1,WD,t2,0")
    times += ["t2,08:30:00,08:30:00,S2,1", "t2,08:45:00,08:45:00,S3,2"]
    tables = {
        "agency": "agency_id,agency_name,agency_url,agency_timezone\n"
        "A,Fictief OV,https://example.org,Europe/Amsterdam",
        "stops": "\n".join(stops),
        "routes": "route_id,route_short_name,route_type\nL1,1,3",
        "trips": "\n".join(trips),
        "stop_times": "\n".join(times),
        "calendar": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
        "start_date,end_date\nWD,1,1,1,1,1,0,0,20250106,20250110",
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def write_raster(path: Path) -> Path:
    """A 4 x 3 coverage raster of 100 m cells in RD; one nodata cell."""
    values = np.array(
        [[1.0, 0.9, 0.5, 0.2], [0.8, -1.0, 0.4, 0.1], [0.7, 0.6, 0.3, 0.0]], dtype="float32"
    )
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=4,
        height=3,
        count=1,
        dtype="float32",
        crs="EPSG:28992",
        transform=Affine(100.0, 0, X0, 0, -100.0, Y0 + 300),
        nodata=-1.0,
    ) as dst:
        dst.write(values, 1)
    return path


def make_gaten() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"gebied_id": ["G1"], "oppervlakte_ha": [4.5], "gemiddelde_dekking": [0.31]},
        geometry=[rd_box(200, 0, 400, 225)],
        crs=28992,
    )


# --------------------------------------------------------------------------- helpers


def layers(kaart: folium.Map) -> dict[str, object]:
    return {
        child.layer_name: child
        for child in kaart._children.values()
        if isinstance(child, folium.map.Layer)
    }


def overlays(kaart: folium.Map) -> list[str]:
    return [name for name, layer in layers(kaart).items() if layer.overlay and layer.control]


def features(kaart: folium.Map, prefix: str) -> list[dict]:
    out = []
    for name, layer in layers(kaart).items():
        if name.startswith(prefix) and isinstance(layer, folium.GeoJson):
            out += layer.data["features"]
    return out


def coords(geometry: dict) -> np.ndarray:
    return np.array(re.findall(r"-?\d+\.\d+|-?\d+", json.dumps(geometry["coordinates"])))


@pytest.fixture(scope="module")
def kaart() -> Kansenkaart:
    return kansenkaart(make_regio(), make_percelen(), make_clusters(), make_tabel())


@pytest.fixture(scope="module")
def html_text(kaart: Kansenkaart) -> str:
    return kaart.get_root().render()


# --------------------------------------------------------------------------- structure


def test_returns_a_folium_map_with_the_overlays(kaart: Kansenkaart) -> None:
    assert isinstance(kaart, folium.Map)
    assert overlays(kaart) == [
        "Gemeentegrenzen",
        "Werkbestemmingen (IMRO2012)",
        "Bedrijventerreinen (driedeling)",
        "Schuifruimte-clusters (0,4 ha)",
        "Kandidaten middensegment (1)",
        "Kandidaten schuifruimte (2)",
        "Informele werklocaties (2)",
    ]
    assert sum(isinstance(c, folium.LayerControl) for c in kaart._children.values()) == 1


def test_base_layers_pdok_and_osm(kaart: Kansenkaart) -> None:
    tiles = [c for c in kaart._children.values() if isinstance(c, folium.TileLayer)]
    assert [t.layer_name for t in tiles] == [
        "BRT Achtergrondkaart (grijs)",
        "BRT Achtergrondkaart (standaard)",
        "Luchtfoto (PDOK)",
        "OpenStreetMap (reserve)",
    ]
    assert [t.show for t in tiles] == [True, False, False, False]
    assert tiles[0].tiles == (
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
    )
    assert "/standaard/EPSG:3857/" in tiles[1].tiles
    assert tiles[2].tiles.startswith("https://service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0/")
    assert "/EPSG:3857/{z}/{x}/{y}.jpeg" in tiles[2].tiles
    assert "Kaartgegevens &copy;" in tiles[0].options["attribution"]
    assert "Kadaster" in tiles[0].options["attribution"]
    assert "PDOK" in tiles[2].options["attribution"]
    assert "OpenStreetMap" in tiles[3].options["attribution"]


def test_only_candidates_are_drawn_with_few_properties(kaart: Kansenkaart, html_text: str) -> None:
    schuif = features(kaart, "Kandidaten schuifruimte")
    midden = features(kaart, "Kandidaten middensegment")
    assert [f["properties"]["perceel_id"] for f in schuif] == ["HVS00-A-1", "HVS00-A-2"]
    assert [f["properties"]["perceel_id"] for f in midden] == ["LRN00-B-3"]
    assert set(schuif[0]["properties"]) == {
        "perceel_id",
        "gemeente",
        "profiel",
        "score",
        "rang_stabiliteit",
        "oppervlakte",
        "bestemming",
        "ov_klasse",
        "glasvezel",
        "cluster",
        "uitleg",
        "kleur",
    }
    # Non-candidates are not on the map, not even the one with the highest score.
    assert "LRN00-B-4" not in html_text
    assert "LRN00-B-5" not in html_text
    assert "NIET-KANDIDAAT" not in html_text


def test_candidate_popup_values(kaart: Kansenkaart) -> None:
    props = features(kaart, "Kandidaten schuifruimte")[0]["properties"]
    assert props["score"] == "92,0"
    assert props["rang_stabiliteit"] == "85%"
    assert props["oppervlakte"] == "2.000 m²"
    assert props["glasvezel"] == "90%"
    assert props["cluster"] == "cluster 0"
    # uitleg: HTML-escaped, one criterion per line.
    assert props["uitleg"].startswith("profiel schuifruimte: 2.000 m² (groot) → 150 pt;<br>")
    assert "<br>— telt het zwaarst: bestemming" in props["uitleg"]
    midden = features(kaart, "Kandidaten middensegment")[0]["properties"]
    assert midden["glasvezel"] == "–"
    assert midden["cluster"] == "–"
    popups = [
        c
        for layer in layers(kaart).values()
        if layer.layer_name.startswith("Kandidaten")
        for c in layer._children.values()
        if isinstance(c, folium.GeoJsonPopup)
    ]
    assert len(popups) == 2
    assert "uitleg" in popups[0].fields and "rang_stabiliteit" in popups[0].fields
    assert "Rangstabiliteit (kans in top-N)" in popups[0].aliases


def test_score_colours_by_band() -> None:
    got = score_kleur(pd.Series([0.0, 49.99, 50.0, 65.5, 79.9, 80.0, 92.0, 100.0, np.nan]))
    k = SCORE_KLEUREN
    assert got.tolist() == [k[0], k[0], k[1], k[2], k[3], k[4], k[5], k[5], "#969696"]


def test_candidates_coloured_by_score(kaart: Kansenkaart) -> None:
    kleuren = {
        f["properties"]["perceel_id"]: f["properties"]["kleur"]
        for f in features(kaart, "Kandidaten")
    }
    assert kleuren == {"HVS00-A-1": "#253494", "HVS00-A-2": "#7fcdbb", "LRN00-B-3": "#c7e9b4"}
    layer = layers(kaart)["Kandidaten schuifruimte (2)"]
    style = layer.style_function(features(kaart, "Kandidaten schuifruimte")[0])
    assert style["fillColor"] == "#253494"


def test_coordinates_rounded_and_simplified(kaart: Kansenkaart) -> None:
    for f in features(kaart, "Kandidaten"):
        decimals = [len(c.split(".")[1]) if "." in c else 0 for c in coords(f["geometry"])]
        assert max(decimals) <= 6
    for prefix in ("Gemeentegrenzen", "Bedrijventerreinen", "Schuifruimte", "Werkbestemmingen"):
        for f in features(kaart, prefix):
            decimals = [len(c.split(".")[1]) if "." in c else 0 for c in coords(f["geometry"])]
            assert max(decimals) <= 5
    # The wiggly parcel (400 vertices within 0.2 m of a square) becomes the square.
    wiggly = features(kaart, "Kandidaten middensegment")[0]["geometry"]
    assert len(wiggly["coordinates"][0]) == 5
    # ... and lands where it should: its south-west corner in WGS84 (6 decimals).
    lon, lat = TO_WGS.transform(X0 + 500, Y0 + 500)
    ring = np.array(wiggly["coordinates"][0])
    assert np.abs(ring[:, 0] - lon).min() < 5e-6
    assert np.abs(ring[:, 1] - lat).min() < 5e-6


def test_clusters_with_hectares(kaart: Kansenkaart) -> None:
    (feat,) = features(kaart, "Schuifruimte")
    assert feat["properties"]["label"] == "0,4 ha"
    assert feat["properties"]["oppervlakte"] == "0,38 ha"
    assert feat["properties"]["in_vraag"] == "ja"
    layer = layers(kaart)["Schuifruimte-clusters (0,4 ha)"]
    # Each cluster gets its own permanent label with its hectares.
    assert "layer.bindTooltip(feature.properties.label" in str(layer.on_each_feature)
    assert "permanent: true" in str(layer.on_each_feature)


def test_terrains_coloured_by_driedeling(kaart: Kansenkaart, html_text: str) -> None:
    feats = features(kaart, "Bedrijventerreinen")
    got = {
        f["properties"]["naam"]: (f["properties"]["klasse"], f["properties"]["kleur"])
        for f in feats
    }
    assert got == {"Kerkelanden": ("behouden", "#0072b2"), "Zuid": ("transformatie", "#e69f00")}
    assert feats[0]["properties"]["reden"] == "milieucategorie 3,1"
    # Legends for the score bands and the three classes (even one without terrain).
    assert "Driedeling werklocaties" in html_text
    assert "Score kandidaten (0-100)" in html_text
    for klasse in ("behouden", "menging", "transformatie"):
        assert f"{klasse}\\u003c/div\\u003e" in html_text


def test_werkbestemmingen_only_work(kaart: Kansenkaart) -> None:
    feats = features(kaart, "Werkbestemmingen")
    assert [f["properties"]["hoofdgroep"] for f in feats] == ["bedrijf", "kantoor"]
    assert layers(kaart)["Werkbestemmingen (IMRO2012)"].show is False


def test_hotspots_clustered_with_type_and_class(kaart: Kansenkaart) -> None:
    layer = layers(kaart)["Informele werklocaties (2)"]
    assert isinstance(layer, folium.plugins.MarkerCluster)
    first, second = layer.data
    assert first[2] == 0  # broedplaats
    assert second[2] == 4  # ov-knooppunt
    assert "driedeling: <b>menging</b>" in first[4]
    # Names are escaped in the popup (no HTML injection from the inventory).
    assert "Station &lt;Laren&gt;" in second[4]
    assert "transformatie" in second[4] and "leegstand en goed OV" in second[4]
    lon, lat = TO_WGS.transform(X0 + 300, Y0 + 100)
    assert first[0] == pytest.approx(lat, abs=1e-6) and first[1] == pytest.approx(lon, abs=1e-6)


def test_controls_fullscreen_measure_search(kaart: Kansenkaart, html_text: str) -> None:
    kinds = [type(c) for c in kaart._children.values()]
    assert folium.plugins.Fullscreen in kinds
    assert folium.plugins.MeasureControl in kinds
    search = [c for c in kaart._children.values() if isinstance(c, folium.plugins.Search)]
    assert len(search) == 1
    assert search[0].search_label == "perceel_id"
    assert isinstance(search[0].layer, folium.GeoJson)
    assert len(search[0].lagen) == 2  # both profile layers are searchable
    assert "new L.Control.Search(" in html_text
    assert "Zoek perceel, cluster of werklocatie" in html_text
    assert "L.control.fullscreen(" in html_text
    assert "new L.Control.Measure(" in html_text
    assert '"localization": "nl"' in html_text


def test_title_block_demand_date_and_sources(html_text: str) -> None:
    titel = json.loads(re.search(r"blok\.innerHTML = (\".*?\");\n", html_text).group(1))
    assert "Kansenkaart werkruimte – Gooi en Vechtstreek" in titel
    assert "Schuifruimte: aanbod 0,4 ha van 14 ha" in titel
    assert "Kandidaat-percelen: 1 middensegment, 2 schuifruimte" in titel
    assert re.search(
        r"Gemaakt op \d{1,2} (januari|februari|maart|april|mei|juni|juli|"
        r"augustus|september|oktober|november|december) \d{4}",
        titel,
    )
    assert "percelen (BRK)" in titel and "bedrijventerreinen (IBIS)" in titel


def test_fictief_in_title_and_attribution(html_text: str) -> None:
    assert "FICTIEVE GEGEVENS" in html_text
    assert "addAttribution(" in html_text
    assert "fictieve gegevens (demoregio)" in html_text
    assert "<title>Kansenkaart werkruimte (fictieve gegevens)</title>" in html_text


def test_real_region_says_nothing_fictitious() -> None:
    regio = make_regio(fictief=False)
    text = kansenkaart(regio, make_percelen()).get_root().render()
    assert "fictieve gegevens" not in text.lower()
    assert "geen clusters berekend (vraag 14 ha)" in text


def test_balans_text_from_balans_object_and_duck_typing() -> None:
    regio = make_regio()
    balans = Balans(
        vraag_ha=14.0,
        aanbod_ha=11.24,
        gekozen=(0, 1),
        gekozen_ha=11.24,
        tekort_ha=2.76,
        overschot_ha=0.0,
        aantal_clusters=2,
    )
    assert balans_tekst(regio, None, balans) == "aanbod 11,2 ha van 14 ha"
    duck = types.SimpleNamespace(vraag_ha=20.0, aanbod_ha=1234.56)
    assert balans_tekst(regio, None, duck) == "aanbod 1.234,6 ha van 20 ha"
    assert balans_tekst(regio, make_clusters(), None) == "aanbod 0,4 ha van 14 ha"
    text = kansenkaart(regio, make_percelen(), make_clusters(), balans=balans).get_root().render()
    assert "Schuifruimte: aanbod 11,2 ha van 14 ha" in json.loads(f'"{_title_raw(text)}"')
    assert "tekort 2,8 ha" in json.loads(f'"{_title_raw(text)}"')


def _title_raw(text: str) -> str:
    return re.search(r"blok\.innerHTML = \"(.*?)\";\n", text).group(1)


def test_clusters_not_chosen_for_demand_are_dashed() -> None:
    clusters = pd.concat(
        [make_clusters(), make_clusters().assign(cluster_id=1, rang=2)], ignore_index=True
    )
    balans = types.SimpleNamespace(vraag_ha=0.3, aanbod_ha=0.76, gekozen=(0,))
    kaart = kansenkaart(make_regio(), make_percelen(), clusters, balans=balans)
    feats = features(kaart, "Schuifruimte")
    assert [f["properties"]["in_vraag"] for f in feats] == ["ja", "nee"]
    layer = layers(kaart)["Schuifruimte-clusters (0,8 ha)"]
    assert layer.style_function(feats[1])["dashArray"] == "6 4"
    assert layer.style_function(feats[0])["dashArray"] is None


# --------------------------------------------------------------------------- offline


def test_inline_html_has_no_cdn_links(html_text: str) -> None:
    assert "<script src=" not in html_text
    assert 'rel="stylesheet"' not in html_text
    assert "cdn.jsdelivr" not in html_text and "cdnjs" not in html_text
    assert "code.jquery.com" not in html_text
    assert "Leaflet 1.9.4" in html_text  # the banner of the vendored leaflet.js
    assert "L.Control.Search" in html_text and "L.MarkerClusterGroup" in html_text
    # Images referenced from the CSS are embedded as data URIs.
    assert "url(images/layers.png)" not in html_text
    assert 'url("data:image/png;base64,' in html_text
    assert "sourceMappingURL" not in html_text
    # The licence notices travel with the embedded copies.
    assert "leaflet.markercluster (werkruimte/static/leaflet.markercluster/LICENSE)" in html_text
    assert html_text.count("Permission is hereby granted") >= 3  # the MIT-licensed plugins
    assert "Vladimir Agafonkin" in html_text


def test_inline_false_keeps_folium_cdn_links() -> None:
    kaart = kansenkaart(make_regio(), make_percelen(), inline=False)
    text = kaart.get_root().render()
    assert re.search(
        r'<script src="https://cdn\.jsdelivr\.net/npm/leaflet@[\d.]+/dist/leaflet\.js"', text
    )
    assert "werkruimte: bibliotheken ingebed" not in text


def test_inline_renders_twice_the_same() -> None:
    kaart = kansenkaart(make_regio(), make_percelen())
    first = kaart.get_root().render()
    second = kaart.get_root().render()
    assert first.count("Leaflet 1.9.4") == second.count("Leaflet 1.9.4") == 1
    assert "<script src=" not in second


def test_vendored_assets_and_licences_present() -> None:
    block = inline_assets_html(["leaflet", "markercluster", "fullscreen", "measure", "search"])
    assert block.index("leaflet/leaflet.js") < block.index("leaflet-search.min.js")
    static = Path(__file__).parent.parent / "werkruimte" / "static"
    total = sum(p.stat().st_size for p in static.rglob("*") if p.is_file())
    assert total < 1_000_000
    for lib in (
        "leaflet",
        "leaflet.markercluster",
        "leaflet.fullscreen",
        "leaflet-measure",
        "leaflet-search",
    ):
        assert (static / lib / "LICENSE").is_file()


# --------------------------------------------------------------------------- OV, glasvezel


def test_ov_stops_sized_by_departures_and_ptal(tmp_path: Path) -> None:
    feed = load_gtfs(write_gtfs(tmp_path / "gtfs"))
    kaart = kansenkaart(make_regio(ov=feed), make_percelen())
    assert "OV-haltes (vertrekken 08:15–09:15)" in overlays(kaart)
    assert "OV-bereikbaarheid (PTAL)" in overlays(kaart)
    stops = {f["properties"]["halte"]: f["properties"] for f in features(kaart, "OV-haltes")}
    # S3 has departures only after the window ends or none: not drawn.
    assert set(stops) == {"Halte S1", "Halte S2"}
    assert stops["Halte S1"]["vertrekken"] == "4"
    assert stops["Halte S1"]["straal"] == pytest.approx(4.0)  # 2 + sqrt(4)
    assert stops["Halte S2"]["straal"] == pytest.approx(3.0)  # 2 + sqrt(1)
    ptal = features(kaart, "OV-bereikbaarheid")
    labels = [f["properties"]["ptal"] for f in ptal]
    # One dissolved polygon per band; far from the stops there is no access (0).
    assert len(labels) == len(set(labels))
    assert "0 (geen)" in labels
    assert len(labels) >= 2
    text = kaart.get_root().render()
    assert "OV-bereikbaarheid (PTAL)" in text and "6b (uitstekend)" in text  # legend


def test_dekking_colours() -> None:
    rgba = dekking_rgba(np.array([0.0, 0.5, 1.0, np.nan, 1.7]))
    # YlGnBu: 0 -> #ffffd9, 0.5 -> the middle stop #41b6c4, 1 (and above) -> #081d58
    assert rgba.tolist() == [
        [255, 255, 217, 200],
        [65, 182, 196, 200],
        [8, 29, 88, 200],
        [255, 255, 217, 0],
        [8, 29, 88, 200],
    ]


def test_glasvezel_overlay_and_gaps(tmp_path: Path) -> None:
    raster = load_glasvezel(write_raster(tmp_path / "dekking.tif"))
    kaart = kansenkaart(make_regio(glasvezel=raster), make_percelen(), gaten=make_gaten())
    overlay = layers(kaart)["Glasvezeldekking"]
    assert isinstance(overlay, folium.raster_layers.ImageOverlay)
    assert overlay.url.startswith("data:image/png;base64,")
    (lat0, lon0), (lat1, lon1) = overlay.bounds
    lon_sw, lat_sw = TO_WGS.transform(X0, Y0)
    lon_ne, lat_ne = TO_WGS.transform(X0 + 400, Y0 + 300)
    # The 3857 grid covers the RD raster (RD north is ~1.9° off grid north here).
    assert lat0 == pytest.approx(lat_sw, abs=2e-4) and lat1 == pytest.approx(lat_ne, abs=2e-4)
    assert lon0 == pytest.approx(lon_sw, abs=2e-4) and lon1 == pytest.approx(lon_ne, abs=2e-4)
    # The image: YlGnBu colours of the cells, transparent where there is no data.
    png = base64.b64decode(overlay.url.split(",", 1)[1])
    image = (mpimg.imread(io.BytesIO(png), format="png") * 255).round().astype(int)
    colours = {tuple(px) for px in image.reshape(-1, 4).tolist()}
    assert (8, 29, 88, 200) in colours  # coverage 1.0 -> #081d58 (dark blue: good)
    assert (255, 255, 217, 200) in colours  # coverage 0.0 -> #ffffd9 (light yellow)
    assert any(px[3] == 0 for px in colours)  # the nodata cell and the corners
    (gat,) = features(kaart, "Glasvezelgaten")
    assert gat["properties"] == {"gebied": "G1", "oppervlakte": "4,5 ha", "dekking": "31%"}


# --------------------------------------------------------------------------- edge cases


def test_no_candidates_no_search() -> None:
    percelen = make_percelen().assign(kandidaat=False)
    kaart = kansenkaart(make_regio(percelen=percelen), percelen)
    assert not any(name.startswith("Kandidaten") for name in overlays(kaart))
    # The search still finds the werklocaties (by name), but no candidate layer.
    (zoeker,) = [c for c in kaart._children.values() if isinstance(c, folium.plugins.Search)]
    assert zoeker.lagen == [] and [veld for _, veld in zoeker.bronnen] == ["naam", None]
    assert "Kandidaat-percelen: geen" in kaart.get_root().render()


def test_without_driedeling_table_terrains_are_grey() -> None:
    kaart = kansenkaart(make_regio(), make_percelen())
    feats = features(kaart, "Bedrijventerreinen")
    assert {f["properties"]["klasse"] for f in feats} == {"geen driedeling"}
    assert {f["properties"]["kleur"] for f in feats} == {"#969696"}


def test_missing_score_column_is_an_input_error() -> None:
    percelen = make_percelen().drop(columns="score")
    with pytest.raises(InputError, match=r"laag 'percelen', kolom 'score'.*werkruimte\.score"):
        kansenkaart(make_regio(), percelen)


def test_inputs_are_not_changed() -> None:
    percelen, clusters, tabel = make_percelen(), make_clusters(), make_tabel()
    regio = make_regio()
    kansenkaart(regio, percelen, clusters, tabel)
    assert_geodataframe_equal(percelen, make_percelen())
    assert_geodataframe_equal(clusters, make_clusters())
    assert_geodataframe_equal(tabel, make_tabel())
    assert_geodataframe_equal(regio.hotspots, make_regio().hotspots)


# --------------------------------------------------------------------------- PNG


def test_png_per_gemeente(tmp_path: Path) -> None:
    kaarten = list(
        figuren_per_gemeente(make_regio(), make_percelen(), make_clusters(), make_tabel())
    )
    assert [(k.gemeente, k.bestand) for k in kaarten] == [
        ("Hilversum", "kansenkaart_hilversum.png"),
        ("Laren", "kansenkaart_laren.png"),
    ]
    # Figures, not files: nothing is written until the caller writes them.
    assert not list(tmp_path.iterdir())
    for kaart in kaarten:
        path = write_png(kaart.figuur, tmp_path / "png" / kaart.bestand)
        assert path == tmp_path / "png" / kaart.bestand
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (1200, 1290)  # 8 x 8.6 inch at 150 dpi
        assert kaart.figuur.axes == []  # closed and cleared after writing


def test_png_shows_the_title_legend_and_cluster_hectares() -> None:
    (hilversum, _) = figuren_per_gemeente(make_regio(), make_percelen(), make_clusters())
    fig = hilversum.figuur
    texts = [t.get_text() for t in fig.texts]
    assert "Hilversum – kansen voor werk" in [fig._suptitle.get_text()]
    assert "fictieve gegevens (demoregio)" in texts
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.texts if t.get_text().endswith(" ha")] == ["0,4 ha"]
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels[:6] == [
        "score ≥ 90",
        "score 80–90",
        "score 70–80",
        "score 60–70",
        "score 50–60",
        "score < 50",
    ]
    assert labels[-2:] == ["schuifruimte-cluster", "gemeentegrens"]


def test_png_cluster_labels_never_overlap() -> None:
    # Three clusters side by side, closer than a label is wide: each label finds a
    # free place (above, below, right or left), the largest cluster first.
    clusters = pd.concat([make_clusters()] * 3, ignore_index=True)
    clusters["cluster_id"] = [0, 1, 2]
    clusters["oppervlakte_ha"] = [0.5, 1.3, 0.75]
    clusters = clusters.set_geometry(
        [rd_box(0, 0, 20, 20), rd_box(22, 0, 42, 20), rd_box(44, 0, 64, 20)], crs=28992
    )
    (hilversum, _) = figuren_per_gemeente(make_regio(), make_percelen(), clusters)
    (ax,) = hilversum.figuur.axes
    labels = [t for t in ax.texts if t.get_text().endswith(" ha")]
    assert labels[0].get_text() == "1,3 ha"  # the largest is placed first
    renderer = hilversum.figuur.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not [1 for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]
    assert 1 <= len(labels) <= 3


def test_png_dpi_and_bad_input(tmp_path: Path) -> None:
    (kaart, _) = figuren_per_gemeente(make_regio(fictief=False), make_percelen())
    path = write_png(kaart.figuur, tmp_path / "klein.png", dpi=50)
    data = path.read_bytes()
    assert int.from_bytes(data[16:20], "big") == 400  # 8 inch at 50 dpi
    with pytest.raises(InputError, match="kolom 'score'"):
        figuren_per_gemeente(make_regio(), make_percelen().drop(columns="score"))


# --------------------------------------------------------------------------- stijl


def test_stijl_is_one_cheap_table() -> None:
    import subprocess
    import sys

    from werkruimte.kaart.stijl import KLASSE_KLEUREN, klasse_kleuren

    # The map's driedeling colours are the table's; other classes take the palette.
    assert dict(KLASSE_KLEUREN) == {
        "behouden": "#0072b2",
        "menging": "#cc79a7",
        "transformatie": "#e69f00",
    }
    assert klasse_kleuren(["Behouden", "eigen klasse", "behouden"]) == {
        "Behouden": "#0072b2",
        "eigen klasse": "#009e73",
        "behouden": "#0072b2",
    }
    with pytest.raises(TypeError):
        KLASSE_KLEUREN["behouden"] = "#000000"  # type: ignore[index]
    # Importing the table (and the package's public function) loads no drawing library.
    code = (
        "import sys, werkruimte.kaart.stijl, werkruimte.kaart; "
        "print(sorted(m for m in ('folium', 'branca', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
