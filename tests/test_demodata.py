"""Tests of the demo region generator (tools/demodata), of the demo data that ships with the
package (werkruimte/demo/) and of benchmarks/synthetic.py."""

from __future__ import annotations

import io
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import rasterio
import shapely

from werkruimte.config import demo_config_path, load_config
from werkruimte.sources.gemeenten import PACKAGED_FILE

ROOT = Path(__file__).resolve().parents[1]
# The generator and the benchmark parcels are not part of the package.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_percelen  # noqa: E402

from tools import demodata  # noqa: E402
from tools.demodata import regio  # noqa: E402

DATA = demo_config_path().parent / "data"
CBS = ROOT / "werkruimte" / "data" / PACKAGED_FILE
BRK_FIELDS = [
    "identificatieNamespace",
    "identificatieLokaalID",
    "beginGeldigheid",
    "kadastraleGemeenteCode",
    "kadastraleGemeenteWaarde",
    "sectie",
    "perceelnummer",
    "kadastraleGrootteWaarde",
    "soortGrootteWaarde",
    "bron",
]
IMRO_HOOFDGROEPEN = {
    "agrarisch",
    "agrarisch met waarden",
    "bedrijf",
    "bedrijventerrein",
    "bos",
    "centrum",
    "cultuur en ontspanning",
    "detailhandel",
    "dienstverlening",
    "gemengd",
    "groen",
    "horeca",
    "kantoor",
    "maatschappelijk",
    "natuur",
    "recreatie",
    "sport",
    "tuin",
    "verkeer",
    "water",
    "wonen",
}


@pytest.fixture(scope="module")
def gemeenten() -> gpd.GeoDataFrame:
    return gpd.read_file(CBS)


@pytest.fixture(scope="module")
def percelen() -> gpd.GeoDataFrame:
    return gpd.read_file(DATA / "kadaster" / "percelen.gpkg", layer="perceel")


@pytest.fixture(scope="module")
def terreinen() -> gpd.GeoDataFrame:
    return gpd.read_file(
        DATA / "bedrijventerreinen" / "bedrijventerreinen.gpkg", layer="bedrijventerreinen"
    )


@pytest.fixture(scope="module")
def bestemmingen() -> gpd.GeoDataFrame:
    return gpd.read_file(
        DATA / "bestemmingsplannen" / "enkelbestemming.gpkg", layer="Enkelbestemming"
    )


@pytest.fixture(scope="module")
def gtfs_tables() -> dict[str, pd.DataFrame]:
    with zipfile.ZipFile(DATA / "ov" / "gtfs.zip") as zf:
        return {n: pd.read_csv(io.BytesIO(zf.read(n)), dtype=str) for n in zf.namelist()}


# ---------------------------------------------------------------------------------------
# The fictitious geography itself
# ---------------------------------------------------------------------------------------


def test_kernen_terreinen_liggen_in_hun_gemeente(gemeenten: gpd.GeoDataFrame) -> None:
    geoms = dict(zip(gemeenten["statcode"], gemeenten.geometry, strict=True))
    for k in regio._KERNEN:
        assert geoms[k.gm].contains(shapely.Point(k.x, k.y)), k.naam
    for t in regio._TERREINEN:
        assert geoms[t.gm].contains(shapely.Point(t.x, t.y)), t.naam
    assert len({k.gm for k in regio._KERNEN}) == 7


# ---------------------------------------------------------------------------------------
# Committed data: structure
# ---------------------------------------------------------------------------------------


def test_percelen_structuur(percelen: gpd.GeoDataFrame, gemeenten: gpd.GeoDataFrame) -> None:
    assert pyogrio.list_layers(DATA / "kadaster" / "percelen.gpkg")[0, 0] == "perceel"
    assert list(percelen.columns) == [*BRK_FIELDS, "geometry"]
    assert percelen.crs.to_epsg() == 28992
    assert 25_000 <= len(percelen) <= 35_000
    assert (percelen.geom_type == "Polygon").all()
    assert percelen.is_valid.all()
    ids = percelen["identificatieLokaalID"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"[1-9]\d{13}").all()
    assert (percelen["identificatieNamespace"] == "NL.IMKAD.KadastraalObject").all()
    assert (percelen["soortGrootteWaarde"] == "Vastgesteld").all()
    assert (percelen["bron"] == "fictief - werkruimte demoregio").all()
    assert percelen["sectie"].str.fullmatch(r"[A-Z]{1,2}").all()
    assert pd.to_datetime(percelen["beginGeldigheid"], format="%Y-%m-%dT%H:%M:%S").notna().all()
    assert set(percelen["kadastraleGemeenteWaarde"]) == set(regio._KG_CODES)
    # every gemeente gets parcels, and they tile the region without gaps or overlaps
    assert percelen.area.sum() == pytest.approx(gemeenten.area.sum(), abs=500.0)
    region = shapely.union_all(gemeenten.geometry.to_numpy()).buffer(0.05)
    assert shapely.contains(region, percelen.geometry.to_numpy()).all()
    # coordinates are rounded to cm
    xy = shapely.get_coordinates(percelen.geometry.to_numpy()[:2000])
    assert np.allclose(xy, np.round(xy, 2), atol=1e-6)


def test_percelen_grootte(percelen: gpd.GeoDataFrame) -> None:
    area = percelen.area.to_numpy()
    reg = percelen["kadastraleGrootteWaarde"].to_numpy()
    big = area > 100
    dev = np.abs(reg[big] / area[big] - 1)
    assert dev.max() < 0.025  # registered size deviates at most ~2 %
    assert 0.05 < (dev > 0.001).mean() < 0.5  # ... on some parcels, not all
    assert (reg[big] == np.round(area[big])).mean() > 0.5
    share = pd.cut(pd.Series(reg), [0, 400, 1500, 2501, np.inf], right=False).value_counts(
        normalize=True, sort=False
    )
    assert share.iloc[0] > 0.2  # house plots < 400 m²
    assert share.iloc[1] > 0.25  # middensegment 400-1500 m²
    assert share.iloc[2] > 0.05  # 1500-2500 m²
    assert share.iloc[3] > 0.1  # large (agrarian, nature, business)


def test_bedrijventerreinen(
    terreinen: gpd.GeoDataFrame, percelen: gpd.GeoDataFrame, bestemmingen: gpd.GeoDataFrame
) -> None:
    assert list(terreinen.columns) == [
        "RIN_NUMMER",
        "JAAR",
        "PLAN_NAAM",
        "GEM_CODES",
        "HA_BRUTO",
        "HA_NETTO",
        "HA_TOTTUIT",
        "WLOC_TYPE",
        "MILIEUCAT_MAX",
        "BRON",
        "geometry",
    ]
    assert terreinen.crs.to_epsg() == 28992
    assert len(terreinen) >= 12
    assert terreinen["RIN_NUMMER"].is_unique
    assert (terreinen["JAAR"] == 2025).all()
    assert terreinen["GEM_CODES"].nunique() == 7
    assert {"Arenapark", "Kerkelanden", "Zuidoost", "Mediapark"} <= set(terreinen["PLAN_NAAM"])
    cat = terreinen["MILIEUCAT_MAX"].astype(float)
    assert (cat >= 3.1).sum() >= 3
    assert (cat < 3.1).sum() >= 3
    assert (terreinen["HA_NETTO"] <= terreinen["HA_BRUTO"]).all()
    assert (terreinen["HA_TOTTUIT"] <= terreinen["HA_NETTO"]).all()
    assert np.allclose(terreinen["HA_BRUTO"], terreinen.area / 1e4, atol=0.01)
    assert terreinen["BRON"].str.contains("fictief").all()
    # parcels inside terrains are business plots, exactly tiling the terrain
    inside = gpd.sjoin(
        percelen.set_geometry(percelen.representative_point()), terreinen, predicate="within"
    )
    plots = percelen.loc[inside.index]
    assert plots.area.sum() == pytest.approx(terreinen.area.sum(), rel=1e-6)
    assert plots["kadastraleGrootteWaarde"].median() > 1000
    assert plots["kadastraleGrootteWaarde"].between(1500, 2500).sum() > 200
    # and the terrains only carry bedrijf / bedrijventerrein bestemmingen
    other = bestemmingen[
        ~bestemmingen["bestemmingshoofdgroep"].isin(["bedrijf", "bedrijventerrein"])
    ]
    terrein = shapely.union_all(terreinen.geometry.to_numpy())
    overlap = shapely.area(shapely.intersection(other.geometry.to_numpy(), terrein)).sum()
    assert overlap < 1e-5 * terrein.area  # only cm-wide slivers along the edges


def test_bestemmingen(bestemmingen: gpd.GeoDataFrame, gemeenten: gpd.GeoDataFrame) -> None:
    assert list(bestemmingen.columns) == [
        "identificatie",
        "naam",
        "bestemmingshoofdgroep",
        "planidentificatie",
        "typePlanobject",
        "bron",
        "geometry",
    ]
    assert bestemmingen.crs.to_epsg() == 28992
    assert bestemmingen.is_valid.all()
    assert set(bestemmingen["bestemmingshoofdgroep"]) <= IMRO_HOOFDGROEPEN
    assert {
        "wonen",
        "bedrijventerrein",
        "bedrijf",
        "kantoor",
        "gemengd",
        "centrum",
        "maatschappelijk",
        "agrarisch",
        "natuur",
        "water",
    } <= set(bestemmingen["bestemmingshoofdgroep"])
    assert bestemmingen["identificatie"].is_unique
    pattern = r"NL\.IMRO\.\d{4}\.BP\w+-VA01"
    assert bestemmingen["planidentificatie"].str.fullmatch(pattern).all()
    assert bestemmingen["identificatie"].str.match(pattern).all()
    assert (bestemmingen["typePlanobject"] == "enkelbestemming").all()
    # the whole region, no gaps, no overlaps
    assert bestemmingen.area.sum() == pytest.approx(gemeenten.area.sum(), abs=500.0)
    union = shapely.union_all(bestemmingen.geometry.to_numpy(), grid_size=0.01)
    assert union.area == pytest.approx(bestemmingen.area.sum(), abs=500.0)


def test_imro_gml(bestemmingen: gpd.GeoDataFrame) -> None:
    path = DATA / "bestemmingsplannen" / "NL.IMRO.0402.BPstationsgebied-VA01.gml"
    text = path.read_text("utf-8")
    assert path.stat().st_size < 200_000
    assert re.search(r"<!--[^>]*FICTIEF", text)
    root = ET.fromstring(text)
    imro = "{http://www.geonovum.nl/imro/2012/1.1}"
    gml = "{http://www.opengis.net/gml/3.2}"
    assert root.tag == f"{imro}FeatureCollectionIMRO"
    members = [m[0] for m in root.findall(f"{imro}featureMember")]
    kinds = [m.tag.removeprefix(imro) for m in members]
    assert kinds.count("Bestemmingsplangebied") == 1
    eb = [m for m in members if m.tag == f"{imro}Enkelbestemming"]
    in_gpkg = bestemmingen[bestemmingen["planidentificatie"] == regio._GML_PLAN]
    assert len(eb) == len(in_gpkg) > 5
    first = eb[0]
    assert first.find(f"{imro}identificatie/{imro}NEN3610ID/{imro}lokaalID") is not None
    assert first.findtext(f"{imro}typePlanobject") == "enkelbestemming"
    assert first.findtext(f"{imro}bestemmingshoofdgroep") in IMRO_HOOFDGROEPEN
    surf = first.find(f"{imro}geometrie/{gml}Surface")
    assert surf is not None
    assert surf.get("srsName") == "urn:ogc:def:crs:EPSG::28992"
    assert surf.find(f"{gml}patches/{gml}PolygonPatch/{gml}exterior") is not None
    # WRITE_GFS=NO: GDAL must not leave a .gfs schema file next to the committed GML.
    read = pyogrio.read_dataframe(path, layer="Enkelbestemming", WRITE_GFS="NO")
    assert read.crs.to_epsg() == 28992
    assert read.area.sum() == pytest.approx(in_gpkg.area.sum(), rel=1e-6)


def test_hotspots(gemeenten: gpd.GeoDataFrame) -> None:
    df = pd.read_csv(DATA / "hotspots" / "hotspots.csv", encoding="utf-8")
    assert list(df.columns) == [
        "naam",
        "type",
        "x",
        "y",
        "gemeente",
        "oppervlakte_m2",
        "leegstand_m2",
        "grootteklasse",
        "doelgroep",
        "bron",
    ]
    assert len(df) >= 40
    assert set(df["type"]) == {
        "broedplaats",
        "flexplek",
        "bedrijfsverzamelgebouw",
        "centrumlocatie",
        "OV-knooppunt",
        "concentratie aan uitvalsweg",
    }
    assert set(df["gemeente"]) == set(gemeenten["statnaam"])
    pts = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["x"], df["y"]), crs=28992)
    joined = gpd.sjoin(pts, gemeenten[["statnaam", "geometry"]], predicate="within")
    assert len(joined) == len(df)
    assert (joined["gemeente"] == joined["statnaam"]).all()
    expected = pd.cut(
        df["oppervlakte_m2"],
        [0, 400, 1500, 2501, np.inf],
        right=False,
        labels=["<400", "400-1500", "1500-2500", ">2500"],
    ).astype(str)
    assert (df["grootteklasse"] == expected).all()
    assert (df["leegstand_m2"] <= df["oppervlakte_m2"]).all()
    assert df["bron"].str.contains("fictief").all()
    midden = df["grootteklasse"].eq("400-1500").groupby(df["gemeente"]).sum()
    assert midden["Hilversum"] >= 5
    assert midden["Eemnes"] == 0  # a gemeente thin on middensegment


def test_gtfs(gtfs_tables: dict[str, pd.DataFrame]) -> None:
    t = gtfs_tables
    assert set(t) == {
        "agency.txt",
        "stops.txt",
        "routes.txt",
        "trips.txt",
        "stop_times.txt",
        "calendar.txt",
        "calendar_dates.txt",
        "feed_info.txt",
    }
    assert t["feed_info.txt"]["feed_publisher_name"].iloc[0] == "werkruimte demoregio (fictief)"
    assert {"2", "3"} == set(t["routes.txt"]["route_type"])
    stops = t["stops.txt"]
    lat, lon = stops["stop_lat"].astype(float), stops["stop_lon"].astype(float)
    assert lat.between(51.9, 52.5).all()
    assert lon.between(4.8, 5.5).all()
    st = t["stop_times.txt"]
    assert set(st["stop_id"]) <= set(stops["stop_id"])
    assert set(st["trip_id"]) == set(t["trips.txt"]["trip_id"])
    secs = st["arrival_time"].str.split(":", expand=True).astype(int) @ np.array([3600, 60, 1])
    assert secs.min() == pytest.approx(5.5 * 3600, abs=15 * 60)
    assert secs.max() > 24 * 3600  # after-midnight times are written as 24:xx:xx
    assert secs.max() < 26 * 3600
    seq = st.assign(s=secs, q=st["stop_sequence"].astype(int)).sort_values(["trip_id", "q"])
    assert (seq.groupby("trip_id")["s"].diff().dropna() >= 0).all()
    assert set(t["trips.txt"]["direction_id"]) == {"0", "1"}
    cal = t["calendar.txt"].set_index("service_id")
    assert cal.loc["WD", "monday"] == "1"
    assert cal.loc["WD", "saturday"] == "0"
    assert cal.loc["WE", "sunday"] == "1"
    assert cal["start_date"].iloc[0].startswith("2026")
    cd = t["calendar_dates.txt"]
    assert {"1", "2"} == set(cd["exception_type"])
    assert "20260427" in set(cd["date"])  # Koningsdag


def test_gtfs_frequenties(gtfs_tables: dict[str, pd.DataFrame]) -> None:
    """Weekday departures per hour and direction: 2-12 for buses in the day, 2-6 for rail."""
    t = gtfs_tables
    trips = t["trips.txt"].merge(t["routes.txt"], on="route_id")
    first = t["stop_times.txt"][t["stop_times.txt"]["stop_sequence"] == "1"]
    dep = first.merge(trips, on="trip_id")
    dep = dep[dep["service_id"] == "WD"]
    hour = dep["departure_time"].str[:2].astype(int)
    peak = dep[hour == 8].groupby(["route_id", "direction_id"]).size()
    day = dep[hour == 11].groupby(["route_id", "direction_id"]).size()
    rail = {r for r in t["routes.txt"]["route_id"] if r.startswith("R-")}
    for (route, _), n in peak.items():
        assert (2 <= n <= 6) if route in rail else (2 <= n <= 12), route
    assert day.min() >= 2
    assert peak.max() == 12


def test_glasvezel_raster() -> None:
    with rasterio.open(DATA / "glasvezel" / "dekking.tif") as src:
        assert src.crs.to_epsg() == 28992
        assert src.res == (50.0, 50.0)
        assert src.count == 1
        assert src.dtypes[0] == "uint8"
        assert src.nodata == 255
        assert src.compression is not None and src.compression.value.lower() == "deflate"
        assert "fictief" in src.tags()["BRON"]
        data = src.read(1)
        assert data[0, 0] == 255  # outside the region (north-west corner)
        valid = data[data != 255]
        assert valid.max() <= 100
        assert (valid < 30).mean() > 0.2  # buitengebied gaps
        assert (valid > 90).mean() > 0.05  # well-covered kernen


def test_afritten() -> None:
    gdf = gpd.read_file(DATA / "wegen" / "afritten.gpkg", layer="afritten")
    assert gdf.crs.to_epsg() == 28992
    assert {"naam", "weg", "nummer", "bron"} <= set(gdf.columns)
    assert (gdf.geom_type == "Point").all()
    assert set(gdf["weg"]) == {"A1", "A27"}
    assert len(gdf) >= 8


def test_readme_en_config() -> None:
    text = (DATA / "README.md").read_text("utf-8")
    assert "FICTIEF" in text
    assert str(demodata.DEFAULT_SEED) in text
    assert demo_config_path() == ROOT / "werkruimte" / "demo" / "werkruimte.toml"
    cfg = load_config(demo_config_path())
    assert cfg.fictief
    raw = tomllib.loads(demo_config_path().read_text("utf-8"))
    for key in raw["bronnen"]:
        if not key.endswith("_laag"):
            assert cfg.bron(key) is not None and cfg.bron(key).is_file(), key
    for name, rel in demodata.DEMO_FILES.items():
        assert (DATA / rel).is_file(), name
    # The real CBS boundaries ship once: the demo config points at the package's own file.
    gemeenten = cfg.bron("gemeenten")
    assert gemeenten is not None and gemeenten.resolve() == CBS.resolve()
    assert not list(DATA.rglob("*.geojson"))


# ---------------------------------------------------------------------------------------
# Committed data == generator output
# ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_write_demo_data_gelijk_aan_data(tmp_path: Path, percelen: gpd.GeoDataFrame) -> None:
    """Regenerating with the default seed gives the committed files (~10 s)."""
    paths = demodata.write_demo_data(tmp_path, seed=demodata.DEFAULT_SEED)
    assert set(paths) == set(demodata.DEMO_FILES)
    new = pyogrio.read_dataframe(paths["percelen"], layer="perceel", use_arrow=True)
    assert len(new) == len(percelen)
    assert (
        new["identificatieLokaalID"].to_numpy() == percelen["identificatieLokaalID"].to_numpy()
    ).all()
    assert (
        new["kadastraleGrootteWaarde"].to_numpy() == percelen["kadastraleGrootteWaarde"].to_numpy()
    ).all()
    # Text formats must match to the byte; GeoPackages by content, because their bytes
    # also depend on the GDAL version inside the pyogrio wheel.
    for name in ("hotspots", "gtfs", "bestemmingsplan_gml", "readme"):
        assert paths[name].read_bytes() == (DATA / demodata.DEMO_FILES[name]).read_bytes(), name
    for name in ("percelen", "bedrijventerreinen", "bestemmingsplannen", "wegen"):
        a = pyogrio.read_dataframe(paths[name], use_arrow=True)
        b = pyogrio.read_dataframe(DATA / demodata.DEMO_FILES[name], use_arrow=True)
        assert list(a.columns) == list(b.columns), name
        assert len(a) == len(b), name
        assert shapely.equals_exact(a.geometry.to_numpy(), b.geometry.to_numpy(), 1e-6).all()
        pd.testing.assert_frame_equal(a.drop(columns="geometry"), b.drop(columns="geometry"))
    # issue 15: the other IMRO layers of the bestemmingsplannen GeoPackage, by content.
    for layer in ("Bestemmingsplangebied", "Dubbelbestemming", "Functieaanduiding", "Bouwvlak"):
        a = pyogrio.read_dataframe(paths["bestemmingsplannen"], layer=layer, use_arrow=True)
        b = pyogrio.read_dataframe(DATA / demodata.DEMO_FILES["bestemmingsplannen"], layer=layer)
        assert shapely.equals_exact(a.geometry.to_numpy(), b.geometry.to_numpy(), 1e-6).all()
        pd.testing.assert_frame_equal(
            a.drop(columns="geometry"), b.drop(columns="geometry"), check_dtype=False
        )
    with (
        rasterio.open(paths["glasvezel"]) as a,
        rasterio.open(DATA / "glasvezel" / "dekking.tif") as b,
    ):
        assert (a.read(1) == b.read(1)).all()
    assert not list(tmp_path.rglob(".werkruimte-tmp-*"))
    assert not list(DATA.rglob("*.gfs"))


# ---------------------------------------------------------------------------------------
# synthetic_percelen
# ---------------------------------------------------------------------------------------


def test_synthetic_percelen_kolommen_en_betegeling(percelen: gpd.GeoDataFrame) -> None:
    gdf = synthetic_percelen(2_000, seed=7, origin=(150_000.0, 400_000.0))
    assert len(gdf) == 2_000
    assert list(gdf.columns) == list(percelen.columns)
    assert gdf.crs.to_epsg() == 28992
    assert list(gdf.index) == list(range(2_000))
    assert gdf.is_valid.all()
    assert gdf["identificatieLokaalID"].is_unique
    assert gdf["identificatieLokaalID"].str.fullmatch(r"[1-9]\d{13}").all()
    union = shapely.union_all(gdf.geometry.to_numpy())
    assert union.area == pytest.approx(gdf.area.sum(), rel=1e-9)  # no overlaps
    x0, y0, _, _ = gdf.total_bounds
    assert x0 == pytest.approx(150_000.0, abs=10.0)
    assert y0 == pytest.approx(400_000.0, abs=10.0)
    dev = np.abs(gdf["kadastraleGrootteWaarde"] / gdf.area - 1)
    assert dev.max() < 0.02
    share = pd.cut(gdf.area, [0, 400, 1500, 2500, np.inf]).value_counts(normalize=True, sort=False)
    assert share.iloc[0] > 0.1
    assert share.iloc[1] > 0.4
    assert share.iloc[2] > 0.03


def test_synthetic_percelen_deterministisch() -> None:
    a = synthetic_percelen(300, seed=1)
    b = synthetic_percelen(300, seed=1)
    c = synthetic_percelen(300, seed=2)
    assert a.geometry.geom_equals_exact(b.geometry, tolerance=0).all()
    assert (a["kadastraleGrootteWaarde"] == b["kadastraleGrootteWaarde"]).all()
    assert not a.geometry.geom_equals_exact(c.geometry, tolerance=0).all()


@pytest.mark.parametrize("n", [0, 1, 5])
def test_synthetic_percelen_klein(n: int) -> None:
    gdf = synthetic_percelen(n)
    assert len(gdf) == n
    assert gdf.is_valid.all()


def test_synthetic_percelen_negatief() -> None:
    with pytest.raises(ValueError, match="0 of groter"):
        synthetic_percelen(-1)


def test_planlagen() -> None:
    """The demo plans carry the other IMRO layers (issue 15), read by the loader."""
    import warnings

    from werkruimte.sources.bestemmingsplannen import load_plannen

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plannen = load_plannen(
            DATA / demodata.DEMO_FILES["bestemmingsplannen"], layer="Enkelbestemming"
        )
    lagen = plannen.lagen
    gebied = lagen["Bestemmingsplangebied"]
    plans = set(plannen.enkelbestemming["plan_id"])
    assert plans <= set(gebied["plan_id"])
    assert sorted(set(gebied["planstatus"])) == ["ontwerp", "vastgesteld"]
    assert (gebied["planstatus"] == "ontwerp").sum() == 1
    assert gebied["datum"].notna().all()
    assert set(lagen["Dubbelbestemming"]["naam"]) == {"Waarde - Archeologie - 2", "Leiding - Gas"}
    assert set(lagen["Functieaanduiding"]["naam"]) <= {
        "kantoor",
        "bedrijf tot en met categorie 3.1",
        "bedrijf tot en met categorie 2",
    }
    maat = lagen["Maatvoering"]
    assert len(maat) == 2 * len(lagen["Bouwvlak"]) > 100
    assert set(maat["waardetype"]) == {"maximum bouwhoogte (m)", "maximum bebouwingspercentage (%)"}
    assert maat["waarde"].between(6, 100).all()
    # Every bouwvlak lies inside its plan.
    bv = lagen["Bouwvlak"].merge(
        gebied[["plan_id", "geometry"]].rename(columns={"geometry": "plan"}), on="plan_id"
    )
    assert len(bv) == len(lagen["Bouwvlak"])
    assert shapely.covers(
        shapely.buffer(np.asarray(bv["plan"].to_numpy()), 0.05), bv.geometry.to_numpy()
    ).all()
