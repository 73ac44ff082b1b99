"""Dekking: which source reaches which parcel, per parcel and per source.

The hand-made region (RD coordinates relative to X0, Y0; every parcel is 100 x 100 m):

    parcel  x range      plans           terrain hull  GTFS hull + 960 m   raster data
    A       0..100       1 (two plans)   inside        inside, stop 0 m    1.0 (all)
    B       200..300     0.5 (half)      inside        inside, stop 200 m  0.5 (half)
    C       1000..1100   0               700 m away    inside, stop 1000 m 0 (outside)
    D       5000..5100   0               4700 m away   4000 m away         0 (outside)

Region: x -100..1500, so D lies outside it. Hotspots and wegen are not configured.
"""

from pathlib import Path
from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
from affine import Affine
from shapely.geometry import Point, box

from werkruimte import dekking as dk
from werkruimte.config import default_config
from werkruimte.errors import ConfigError
from werkruimte.indicators.glasvezel import glasvezel_dekking
from werkruimte.regio import Regio, load_regio
from werkruimte.sources.glasvezel import load_glasvezel
from werkruimte.validatie import dekking_als_tekst

X0, Y0 = 150_000.0, 450_000.0
RD = "EPSG:28992"
DATA = Path(__file__).parent / "data"


def _gdf(geoms, **cols):
    return gpd.GeoDataFrame(cols, geometry=list(geoms), crs=RD)


def _sq(x0, y0, x1, y1):
    return box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def _percelen():
    geoms = [_sq(x, 0, x + 100, 100) for x in (0, 200, 1000, 5000)]
    return _gdf(geoms, perceel_id=list("ABCD")).set_index(pd.Index([10, 11, 12, 13]))


def _raster(tmp_path):
    # 50 x 100 m cells over x 0..300: A on two data cells, B half on data, half nodata.
    values = np.array([[1.0, 1.0, -1.0, -1.0, 0.5, -1.0]], dtype="float32")
    path = tmp_path / "dekking.tif"
    profile = {
        "driver": "GTiff",
        "width": 6,
        "height": 1,
        "count": 1,
        "dtype": "float32",
        "crs": RD,
        "transform": Affine(50.0, 0.0, X0, 0.0, -100.0, Y0 + 100),
        "nodata": -1.0,
    }
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(values[np.newaxis])
    return load_glasvezel(path, eenheid="fractie")


def _feed():
    stops = _gdf(
        [Point(X0 + 50, Y0 + 50), Point(X0 + 1050, Y0 + 50)],
        stop_id=["s1", "s2"],
        location_type=pd.array([0, pd.NA], dtype="Int32"),
    )
    # s2 has no departures: it draws the feed's extent but nobody boards there.
    return SimpleNamespace(stops=stops, departures=pd.DataFrame({"stop_id": ["s1", "s1"]}))


def _regio(tmp_path, *, loopnetwerk=None, config=None):
    plannen = _gdf(
        [_sq(-10, -10, 110, 110), _sq(0, 0, 100, 100), _sq(200, 0, 250, 100)],
        bestemmingshoofdgroep=["bedrijf", "wonen", "bedrijf"],
    )
    return Regio(
        config=config or default_config(),
        percelen=_percelen(),
        gemeenten=_gdf([_sq(-100, -100, 1500, 200)], gemeente=["Testgem"]),
        bedrijventerreinen=_gdf([_sq(0, 0, 300, 100)], terrein_id=["T1"]),
        bestemmingsplannen=plannen,
        hotspots=_gdf([]),
        ov=_feed(),
        glasvezel=_raster(tmp_path),
        wegen=None,
        loopnetwerk=loopnetwerk,
    )


def test_coverage_per_parcel_by_hand(tmp_path):
    d = dk.dekking_per_perceel(_regio(tmp_path), straal_bedrijventerrein_m=1500.0)
    assert list(d.index) == [10, 11, 12, 13]
    assert d["gemeenten"].tolist() == [True, True, True, False]
    assert d["bestemmingsplannen"].round(6).tolist() == [1.0, 0.5, 0.0, 0.0]
    assert d["bedrijventerreinen"].tolist() == [True, True, True, False]
    assert d["hotspots"].tolist() == [False] * 4
    assert d["gtfs"].tolist() == [True, True, True, False]
    assert d["glasvezel"].round(6).tolist() == [1.0, 0.5, 0.0, 0.0]
    assert d["wegen"].tolist() == [False] * 4
    g, s, o = dk.GEMETEN, dk.GESCHAT, dk.ONBEKEND
    assert d["status_bestemmingsplannen"].tolist() == [g, s, o, o]
    assert d["status_bedrijventerreinen"].tolist() == [g, g, s, o]
    assert d["status_gtfs"].tolist() == [g, g, g, o]
    # Straight-line walking to s1 (0 m, 200 m) is an estimate; C has no boarding stop
    # within 960 m in a straight line, so none along a network either: measured.
    assert d["status_ov"].tolist() == [s, s, g, o]
    assert d["status_glasvezel"].tolist() == [g, s, o, o]
    assert d["status_gemeenten"].tolist() == [g, g, g, o]
    assert d["status_hotspots"].tolist() == [o] * 4
    assert d["status_percelen"].tolist() == [g] * 4


def test_glasvezel_coverage_matches_the_indicator(tmp_path):
    regio = _regio(tmp_path)
    values = glasvezel_dekking(regio.percelen, regio.glasvezel)
    d = dk.dekking_per_perceel(regio)
    # A: mean of two 1.0 cells; B: only its data half counts (0.5); C, D: no data.
    assert values.round(6).tolist()[:2] == [1.0, 0.5]
    assert values.isna().tolist() == [False, False, True, True]
    assert ((d["glasvezel"] > 0) == values.notna()).all()


def test_walking_network_makes_ov_measured(tmp_path):
    d = dk.dekking_per_perceel(_regio(tmp_path, loopnetwerk=object()))
    assert d["status_ov"].tolist() == ["gemeten", "gemeten", "gemeten", "onbekend"]


def test_radius_decides_the_band(tmp_path):
    d = dk.dekking_per_perceel(_regio(tmp_path), straal_bedrijventerrein_m=500.0)
    # C lies 700 m from the terrain: beyond 500 m it is unknown.
    assert d["status_bedrijventerreinen"].tolist() == [
        "gemeten",
        "gemeten",
        "onbekend",
        "onbekend",
    ]


def test_coverage_per_source_by_hand(tmp_path):
    regio = _regio(tmp_path)
    t = dk.dekking_per_bron(regio, min_dekking=0.6, min_dekking_fout=0.05)
    assert list(t.index) == list(dk.BRONNEN)
    assert t["percelen"].tolist() == [3, 2, 3, 0, 3, 2, 0]
    assert t["aandeel_percelen"].tolist() == [0.75, 0.5, 0.75, 0.0, 0.75, 0.5, 0.0]
    # Areas: 4 x 10 000 m²; plans cover 10 000 + 5 000 of it.
    assert t.loc["bestemmingsplannen", "aandeel_oppervlakte"] == pytest.approx(0.375)
    assert t.loc["glasvezel", "aandeel_oppervlakte"] == pytest.approx(0.375)
    assert t.loc["gemeenten", "aandeel_oppervlakte"] == pytest.approx(0.75)
    assert t["toestand"].tolist() == [
        "opgegeven",
        "opgegeven",
        "opgegeven",
        "niet opgegeven",
        "opgegeven",
        "opgegeven",
        "niet opgegeven",
    ]
    assert t["status"].tolist() == [
        "ok",
        "waarschuwing",
        "ok",
        "waarschuwing",  # not configured, and the middensegment profile uses it
        "ok",
        "waarschuwing",
        "waarschuwing",  # not configured, and the auto criterion uses it
    ]
    assert t.loc["bestemmingsplannen", "melding"] == (
        "bestemmingsplannen (IMRO2012): bereikt 2 van 4 percelen (50%), minder dan 60% "
        "([criteria] min_dekking)."
    )
    assert t.loc["hotspots", "melding"].endswith(
        "niet opgegeven; de criteria die erop steunen zijn bij elk perceel onbekend."
    )
    fout = dk.dekking_per_bron(regio, min_dekking=0.6, min_dekking_fout=0.55)
    assert fout.loc["bestemmingsplannen", "status"] == "fout"
    assert fout.loc["hotspots", "status"] == "waarschuwing"  # never an error when not given
    text = dekking_als_tekst(t)
    assert "bestemmingsplannen (IMRO2012)  opgegeven       2         50%      38%" in text


def test_empty_configured_source_is_leeg(tmp_path):
    cfg = default_config(tmp_path).with_changes({"bronnen": {"wegen": "afritten.gpkg"}})
    regio = _regio(tmp_path, config=cfg)
    assert dk.bron_toestand(regio)["wegen"] == "leeg"
    assert dk.bron_toestand(regio)["hotspots"] == "niet opgegeven"
    assert dk.dekking_per_bron(regio).loc["wegen", "status"] == "fout"


def test_status_and_reason_per_criterion(tmp_path):
    regio = _regio(tmp_path)
    d = dk.dekking_per_perceel(regio)
    s = dk.status_per_criterium(d, regio.config)
    assert list(s.columns) == [
        "bron_grootte",
        "bron_bestemming",
        "bron_bedrijventerrein",
        "bron_ov",
        "bron_glasvezel",
        "bron_auto",
        "bron_hotspot",
        "bron_station",
    ]
    assert s["bron_bestemming"].tolist() == ["gemeten", "geschat", "onbekend", "onbekend"]
    assert s["bron_ov"].tolist() == ["geschat", "geschat", "gemeten", "onbekend"]
    assert s["bron_station"].tolist() == ["gemeten", "gemeten", "gemeten", "onbekend"]
    r = dk.reden_onbekend(d, dk.bron_toestand(regio), regio.config)
    assert r["hotspot"].tolist() == ["informele werklocaties: niet opgegeven"] * 4
    assert r["bestemming"].isna().tolist() == [True, True, False, False]
    assert r.loc[12, "bestemming"] == "bestemmingsplannen (IMRO2012): bereikt dit perceel niet"
    assert r.loc[13, "ov"] == "OV-dienstregeling (GTFS): bereikt dit perceel niet"
    # A mapping criterion -> column works without a config.
    only = dk.status_per_criterium(d, {"x": "afstand_hotspot_m", "y": "eigen_kolom"})
    assert only["bron_x"].tolist() == ["onbekend"] * 4
    assert only["bron_y"].isna().all()


def test_maskeer_onbekend_leaves_the_input_alone(tmp_path):
    regio = _regio(tmp_path)
    d = dk.dekking_per_perceel(regio)
    ind = pd.DataFrame(
        {
            "ov_index": [0.0, 0.0, 0.0, 0.0],
            "op_bedrijventerrein": [True, False, False, False],
            "oppervlakte_m2": [1e4] * 4,
            "iets_anders": [1, 2, 3, 4],
        },
        index=d.index,
    )
    before = ind.copy()
    out = dk.maskeer_onbekend(ind, d)
    pd.testing.assert_frame_equal(ind, before)
    assert out["ov_index"].isna().tolist() == [False, False, False, True]
    assert out["op_bedrijventerrein"].isna().tolist() == [False, False, False, True]
    assert out["oppervlakte_m2"].notna().all()
    assert out["iets_anders"].tolist() == [1, 2, 3, 4]


def test_options_from_config_follow_the_value_functions():
    cfg = default_config()
    assert dk.options_from_config(cfg) == {
        "straal_bedrijventerrein_m": 1500.0,
        "straal_hotspot_m": 2000.0,
        "straal_snelweg_m": 6000.0,
        "loopafstand_m": 960.0,
    }
    changed = cfg.with_changes(
        {
            "criteria": {
                "ov": {"max_loopafstand_bus_m": 1200.0},
                "profielen": {
                    "middensegment": {
                        "waardefuncties": {
                            "hotspot": {
                                "type": "lineair",
                                "kolom": "afstand_hotspot_m",
                                "nul": 3500.0,
                                "een": 100.0,
                            }
                        }
                    }
                },
            }
        }
    )
    opts = dk.options_from_config(changed)
    assert opts["straal_hotspot_m"] == 3500.0
    assert opts["loopafstand_m"] == 1200.0


def test_thresholds_and_onbekend_from_config():
    cfg = default_config()
    assert dk.drempels_uit_config(cfg) == {"min_dekking": 0.5, "min_dekking_fout": 0.05}
    assert dk.onbekend_uit_config(cfg) == {"harde_eisen": "uitsluiten", "gewichten": "telt_als_0"}
    kort = cfg.with_changes({"criteria": {"onbekend": "negeren"}})
    assert dk.onbekend_uit_config(kort) == {"harde_eisen": "negeren", "gewichten": "negeren"}
    with pytest.raises(ConfigError, match=r"criteria\.onbekend\.gewichten"):
        dk.onbekend_uit_config(cfg.with_changes({"criteria": {"onbekend": {"gewichten": "nul"}}}))
    with pytest.raises(ConfigError, match=r"criteria\.min_dekking_fout"):
        dk.drempels_uit_config(cfg.with_changes({"criteria": {"min_dekking_fout": 0.7}}))
    with pytest.raises(ConfigError, match=r"criteria\.min_dekking'"):
        dk.drempels_uit_config(cfg.with_changes({"criteria": {"min_dekking": 1.5}}))


def test_real_brk_v4_with_real_imro_and_cbs_do_not_overlap(tmp_path):
    """The issue's case: Amsterdam parcels, plans in Brabant and Zeeland, Gooi gemeenten."""
    toml = tmp_path / "werkruimte.toml"
    toml.write_text(
        "[bronnen]\n"
        f'percelen = "{(DATA / "brk" / "brk_dkk_v4_perceel_amsterdam.gml").as_posix()}"\n'
        f'bestemmingsplannen = "{(DATA / "imro").as_posix()}"\n'
        f'gemeenten = "{(DATA / "cbs" / "gemeenten_gooi_vechtstreek_2025.geojson").as_posix()}"\n',
        encoding="utf-8",
    )
    regio = load_regio(toml)
    d = dk.dekking_per_perceel(regio)
    assert len(d) == 8
    assert not d["gemeenten"].any()
    assert (d["bestemmingsplannen"] == 0).all()
    t = dk.dekking_per_bron(regio, d)
    assert t.loc["gemeenten", "aandeel_percelen"] == 0.0
    assert t.loc["bestemmingsplannen", "aandeel_percelen"] == 0.0
    assert t.loc["gemeenten", "status"] == "fout"
    assert t.loc["bestemmingsplannen", "status"] == "fout"
    s = dk.status_per_criterium(d, regio.config)
    assert (s["bron_bestemming"] == "onbekend").all()
    assert (s["bron_grootte"] == "gemeten").all()
