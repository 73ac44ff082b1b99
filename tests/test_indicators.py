"""Tests of the indicators grootte, bestemming, bedrijventerrein and afstand.

Every fixture is a handful of axis-parallel rectangles in RD New whose areas and
distances can be worked out by hand.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from shapely.geometry import LineString, Point, box

from werkruimte.errors import ConfigError, HerstelWaarschuwing, InputError
from werkruimte.indicators import afstand, bedrijventerrein, bestemming, grootte
from werkruimte.indicators.bestemming import overlap_areas

# A spot in Hilversum, so that reprojection to WGS84 and back is realistic.
X0, Y0 = 140_000.0, 470_000.0


def gdf(geoms: list, index: list[str] | None = None, **columns: object) -> gpd.GeoDataFrame:
    """Rectangles (or points, lines) shifted to (X0, Y0), in EPSG:28992."""
    shifted = [None if g is None else shapely.affinity.translate(g, X0, Y0) for g in geoms]
    return gpd.GeoDataFrame(columns, geometry=shifted, crs=28992, index=index)


# --- grootte -------------------------------------------------------------------


def test_oppervlakte_registered_area_wins_over_geometry() -> None:
    percelen = gdf(
        [box(0, 0, 10, 10), box(0, 0, 10, 20), box(0, 0, 30, 10), box(0, 0, 5, 5)],
        index=["a", "b", "c", "d"],
        kadastrale_grootte_m2=[1600.0, np.nan, 0.0, -3.0],
    )
    result = grootte.oppervlakte(percelen)
    assert result.name == "oppervlakte_m2"
    assert list(result.index) == ["a", "b", "c", "d"]
    # registered 1600 wins; NaN, 0 and negative fall back to the geometry's area
    assert result.tolist() == [1600.0, 200.0, 300.0, 25.0]


def test_oppervlakte_without_column_and_with_dutch_text() -> None:
    percelen = gdf([box(0, 0, 10, 10), box(0, 0, 2, 2)])
    assert grootte.oppervlakte(percelen).tolist() == [100.0, 4.0]
    text = gdf([box(0, 0, 10, 10), box(0, 0, 2, 2)], kadastrale_grootte_m2=["1.234,5", None])
    assert grootte.oppervlakte(text).tolist() == [1234.5, 4.0]
    bad = gdf([box(0, 0, 10, 10)], kadastrale_grootte_m2=["veel"])
    with pytest.raises(InputError, match="kadastrale_grootte_m2"):
        grootte.oppervlakte(bad)


def test_grootteklasse_bounds_from_geometry_areas() -> None:
    areas = [399.0, 400.0, 1499.0, 1500.0, 2500.0, 2501.0]
    # rectangles 1 m deep: the geometry's area is the length
    percelen = gdf([box(0, 0, a, 1) for a in areas])
    m2 = grootte.oppervlakte(percelen)
    assert m2.tolist() == areas
    klasse = grootte.grootteklasse(m2)
    assert klasse.name == "grootteklasse"
    assert klasse.tolist() == ["overig", "midden", "midden", "groot", "groot", "overig"]


def test_grootteklasse_registered_area_decides_the_class() -> None:
    # 10 x 10 m on the map, but 1800 m² registered: a 'groot' parcel
    percelen = gdf([box(0, 0, 10, 10)], kadastrale_grootte_m2=[1800.0])
    assert grootte.grootteklasse(grootte.oppervlakte(percelen)).tolist() == ["groot"]


def test_grootteklasse_gap_and_missing_are_overig() -> None:
    m2 = pd.Series([500.0, 1200.0, 1600.0, np.nan], index=[3, 1, 2, 0])
    klasse = grootte.grootteklasse(m2, midden_min=400.0, midden_max=1000.0, groot_min=1500.0)
    assert klasse.tolist() == ["midden", "overig", "groot", "overig"]
    assert list(klasse.index) == [3, 1, 2, 0]


@pytest.mark.parametrize(
    "bounds",
    [
        {"midden_max": 1600.0},  # midden overlaps groot
        {"midden_min": 1500.0},  # midden_min >= midden_max
        {"groot_max": 1500.0},  # groot_min >= groot_max
        {"groot_min": float("nan")},
    ],
)
def test_grootteklasse_bad_bounds_name_the_config_key(bounds: dict[str, float]) -> None:
    with pytest.raises(ConfigError, match=r"criteria\.grootte"):
        grootte.grootteklasse(pd.Series([1000.0]), **bounds)


# --- bestemming ----------------------------------------------------------------


def plannen_fixture() -> gpd.GeoDataFrame:
    return gdf(
        [
            box(0, 0, 60, 10),  # bedrijf: left 60 % of parcel 'split'
            box(60, 0, 100, 10),  # wonen: right 40 %
            box(200, 0, 300, 100),  # agrarisch: covers parcel 'agrarisch'
            box(400, 0, 420, 10),  # Bedrijf (case differs) over parcel 'dubbel'
            box(400, 0, 420, 10),  # wonen over the same spot (overlapping plans)
            box(500, 0, 510, 10),  # kantoor, only touches parcel 'raakt'
        ],
        bestemmingshoofdgroep=["bedrijf", "wonen", "agrarisch", " Bedrijf", "wonen", "kantoor"],
        naam=["B1", "W1", "A1", "B2", "W2", "K1"],
        plan_id=["p1", "p1", "p2", "p3", "p4", "p5"],
    )


def percelen_fixture() -> gpd.GeoDataFrame:
    return gdf(
        [
            box(0, 0, 100, 10),  # split 60/40 bedrijf/wonen
            box(1000, 1000, 1010, 1010),  # no plan
            box(210, 10, 230, 30),  # inside agrarisch
            box(400, 0, 420, 10),  # two overlapping plans
            box(510, 0, 520, 10),  # touches kantoor only
        ],
        index=["split", "geen", "agrarisch", "dubbel", "raakt"],
        perceel_id=["1", "2", "3", "4", "5"],
    )


def test_bestemming_dominant_share_and_work_share() -> None:
    percelen, plannen = percelen_fixture(), plannen_fixture()
    result = bestemming.bestemming(percelen, plannen)
    assert list(result.columns) == [
        "bestemming",
        "bestemming_aandeel",
        "aandeel_werk",
        "potentieel",
    ]
    assert list(result.index) == list(percelen.index)
    split = result.loc["split"]
    assert split["bestemming"] == "bedrijf"
    assert split["bestemming_aandeel"] == pytest.approx(0.6)
    assert split["aandeel_werk"] == pytest.approx(0.6)
    assert not split["potentieel"]

    geen = result.loc["geen"]
    assert pd.isna(geen["bestemming"])
    assert geen["bestemming_aandeel"] == 0.0
    assert geen["aandeel_werk"] == 0.0
    assert not geen["potentieel"]

    agrarisch = result.loc["agrarisch"]
    assert agrarisch["bestemming"] == "agrarisch"
    assert agrarisch["bestemming_aandeel"] == pytest.approx(1.0)
    assert agrarisch["aandeel_werk"] == 0.0
    assert agrarisch["potentieel"]

    # touching is not covering
    assert pd.isna(result.loc["raakt", "bestemming"])
    assert result.loc["raakt", "aandeel_werk"] == 0.0


def test_bestemming_overlapping_plans_are_normalised() -> None:
    result = bestemming.bestemming(percelen_fixture(), plannen_fixture())
    dubbel = result.loc["dubbel"]
    # 200 m² bedrijf + 200 m² wonen on a 200 m² parcel: each half, tie -> alphabetical
    assert dubbel["bestemming"] == "bedrijf"
    assert dubbel["bestemming_aandeel"] == pytest.approx(0.5)
    assert dubbel["aandeel_werk"] == pytest.approx(0.5)
    assert (result["bestemming_aandeel"] <= 1.0).all()
    assert (result["aandeel_werk"] <= 1.0).all()


def test_bestemming_dtypes_and_inputs_unchanged() -> None:
    percelen, plannen = percelen_fixture(), plannen_fixture()
    before_p, before_b = percelen.copy(), plannen.copy()
    result = bestemming.bestemming(percelen, plannen)
    assert isinstance(result["bestemming"].dtype, pd.StringDtype)
    assert result["potentieel"].dtype == bool
    assert result["bestemming_aandeel"].dtype == "float64"
    assert_geodataframe_equal(percelen, before_p)
    assert_geodataframe_equal(plannen, before_b)
    assert not shapely.is_prepared(plannen.geometry.to_numpy()).any()


def test_bestemming_custom_werk_and_potentieel() -> None:
    result = bestemming.bestemming(
        percelen_fixture(), plannen_fixture(), werk=["wonen"], potentieel=["bedrijf"]
    )
    assert result.loc["split", "aandeel_werk"] == pytest.approx(0.4)
    assert result.loc["split", "potentieel"]
    assert not result.loc["agrarisch", "potentieel"]


def test_bestemming_ignores_slivers_along_the_edge() -> None:
    # plan borders 2 cm off the parcel border: a digitising difference, not wonen
    percelen = gdf([box(0, 0, 100, 10)])
    plannen = gdf(
        [box(-10, -10, 99.98, 20), box(99.98, -10, 120, 20)],
        bestemmingshoofdgroep=["bedrijf", "wonen"],
    )
    result = bestemming.bestemming(percelen, plannen)
    assert result.loc[0, "bestemming"] == "bedrijf"
    assert result.loc[0, "bestemming_aandeel"] == 1.0
    # the exact overlay still sees the sliver
    p, v, area = overlap_areas(
        percelen.geometry.to_numpy(), plannen.geometry.to_numpy(), tolerantie_m=0.0
    )
    assert p.tolist() == [0, 0]
    assert v.tolist() == [0, 1]
    assert area == pytest.approx([999.8, 0.2])


def test_bestemming_empty_plans_and_missing_column() -> None:
    percelen = percelen_fixture()
    empty = gpd.GeoDataFrame(
        {"bestemmingshoofdgroep": pd.Series([], dtype="string")},
        geometry=gpd.GeoSeries([], crs=28992),
    )
    result = bestemming.bestemming(percelen, empty)
    assert result["bestemming"].isna().all()
    assert (result["aandeel_werk"] == 0.0).all()
    no_column = plannen_fixture().drop(columns="bestemmingshoofdgroep")
    with pytest.raises(InputError, match="bestemmingshoofdgroep"):
        bestemming.bestemming(percelen, no_column)


def test_bestemming_plan_without_hoofdgroep_is_ignored_with_warning() -> None:
    percelen = gdf([box(0, 0, 10, 10)])
    plannen = gdf([box(0, 0, 10, 10)], bestemmingshoofdgroep=pd.array([None], dtype="string"))
    with pytest.warns(HerstelWaarschuwing, match="1 vlakken zonder bestemmingshoofdgroep"):
        result = bestemming.bestemming(percelen, plannen)
    assert pd.isna(result.loc[0, "bestemming"])


def test_overlap_areas_threaded_chunks_give_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 300 parcels of 1 x 1 m under a plan cut at x = 10.5
    xs, ys = np.meshgrid(np.arange(20.0), np.arange(15.0))
    parcels = shapely.box(xs.ravel(), ys.ravel(), xs.ravel() + 1, ys.ravel() + 1)
    plan = np.array([box(-1, -1, 10.5, 16)])
    single = overlap_areas(parcels, plan)
    monkeypatch.setattr(bestemming, "_CHUNK", 7)
    monkeypatch.setattr(bestemming.os, "cpu_count", lambda: 4)
    threaded = overlap_areas(parcels, plan)
    for one, other in zip(single, threaded, strict=True):
        np.testing.assert_array_equal(one, other)
    p, v, area = threaded
    assert len(p) == 11 * 15
    assert area.sum() == pytest.approx(10.5 * 15)
    assert (v == 0).all()


def test_overlap_areas_mends_invalid_parcels() -> None:
    bowtie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    with pytest.warns(HerstelWaarschuwing, match="1 ongeldige"):
        p, _, area = overlap_areas(np.array([bowtie]), np.array([box(-1, -1, 7, 11)]))
    # make_valid: two triangles; the left one (25 m²) plus 4 m² of the right one
    assert p.tolist() == [0]
    assert area == pytest.approx([29.0])


# --- bedrijventerrein ----------------------------------------------------------


def terreinen_fixture() -> gpd.GeoDataFrame:
    return gdf(
        [box(0, 0, 100, 100), box(100, 0, 200, 100)],
        terrein_id=["T1", "T2"],
        naam=["Noord", "Zuid"],
        milieucategorie_max=[3.1, 4.2],
    )


def test_op_bedrijventerrein_shares_ids_and_distance() -> None:
    percelen = gdf(
        [
            box(10, 10, 20, 20),  # inside T1
            box(90, 10, 130, 20),  # 25 % T1, 75 % T2
            box(-15, 10, 5, 20),  # 25 % T1 only
            box(300, 0, 310, 10),  # 100 m east of T2
            box(80, 90, 110, 110),  # 1/3 T1 + 1/6 T2 = exactly half
        ],
        index=[10, 11, 12, 13, 14],
    )
    result = bedrijventerrein.op_bedrijventerrein(percelen, terreinen_fixture())
    assert list(result.columns) == [
        "op_bedrijventerrein",
        "terrein_id",
        "terrein_naam",
        "milieucategorie_max",
        "afstand_bedrijventerrein_m",
    ]
    assert list(result.index) == [10, 11, 12, 13, 14]
    assert result["op_bedrijventerrein"].tolist() == [True, True, False, False, True]
    assert result["terrein_id"].tolist() == ["T1", "T2", pd.NA, pd.NA, "T1"]
    assert result["terrein_naam"].tolist() == ["Noord", "Zuid", pd.NA, pd.NA, "Noord"]
    np.testing.assert_allclose(result["milieucategorie_max"], [3.1, 4.2, np.nan, np.nan, 3.1])
    np.testing.assert_allclose(result["afstand_bedrijventerrein_m"], [0, 0, 0, 100, 0])
    assert result["op_bedrijventerrein"].dtype == bool
    assert isinstance(result["terrein_id"].dtype, pd.StringDtype)


def test_op_bedrijventerrein_min_aandeel() -> None:
    percelen = gdf([box(170, 50, 230, 60), box(-15, 10, 5, 20)])  # 50 % T2, 25 % T1
    default = bedrijventerrein.op_bedrijventerrein(percelen, terreinen_fixture())
    assert default["op_bedrijventerrein"].tolist() == [True, False]
    strict = bedrijventerrein.op_bedrijventerrein(percelen, terreinen_fixture(), min_aandeel=0.8)
    assert strict["op_bedrijventerrein"].tolist() == [False, False]
    assert strict["terrein_id"].isna().all()
    loose = bedrijventerrein.op_bedrijventerrein(percelen, terreinen_fixture(), min_aandeel=0.25)
    assert loose["op_bedrijventerrein"].tolist() == [True, True]
    assert loose["terrein_id"].tolist() == ["T2", "T1"]
    with pytest.raises(ConfigError, match=r"criteria\.bedrijventerrein\.min_aandeel"):
        bedrijventerrein.op_bedrijventerrein(percelen, terreinen_fixture(), min_aandeel=0.0)


def test_op_bedrijventerrein_without_terrains() -> None:
    percelen = gdf([box(0, 0, 10, 10), box(20, 0, 30, 10)])
    empty = gpd.GeoDataFrame(
        {"terrein_id": pd.Series([], dtype="string")}, geometry=gpd.GeoSeries([], crs=28992)
    )
    result = bedrijventerrein.op_bedrijventerrein(percelen, empty)
    assert not result["op_bedrijventerrein"].any()
    assert result["terrein_id"].isna().all()
    assert result["terrein_naam"].isna().all()
    assert result["milieucategorie_max"].isna().all()
    assert result["afstand_bedrijventerrein_m"].isna().all()


def test_op_bedrijventerrein_missing_id_column() -> None:
    percelen = gdf([box(0, 0, 10, 10)])
    with pytest.raises(InputError, match="terrein_id"):
        bedrijventerrein.op_bedrijventerrein(
            percelen, terreinen_fixture().drop(columns="terrein_id")
        )


# --- afstand -------------------------------------------------------------------


def test_afstand_tot_from_the_parcel_edge() -> None:
    percelen = gdf([box(0, 0, 10, 10), box(100, 0, 110, 10)], index=["a", "b"])
    punten = gdf([Point(5, 5), Point(113, 14)])
    result = afstand.afstand_tot(percelen, punten, name="afstand_test_m")
    assert result.name == "afstand_test_m"
    assert list(result.index) == ["a", "b"]
    # a: point inside -> 0; b: 3-4-5 triangle from the corner (110, 10)
    assert result.tolist() == pytest.approx([0.0, 5.0])


def test_afstand_wrappers_and_missing_layers() -> None:
    percelen = gdf([box(0, 0, 10, 10), None])
    hotspots = gdf([Point(20, 5), Point(40, 5)])
    stations = gdf([Point(5, 40)])
    wegen = gdf([LineString([(-100, -30), (100, -30)]), Point(500, 500)])
    h = afstand.afstand_hotspot(percelen, hotspots)
    s = afstand.afstand_station(percelen, stations)
    w = afstand.afstand_snelweg(percelen, wegen)
    assert (h.name, s.name, w.name) == (
        "afstand_hotspot_m",
        "afstand_station_m",
        "afstand_snelweg_m",
    )
    assert h[0] == 10.0 and s[0] == 30.0 and w[0] == 30.0
    assert np.isnan(h[1])  # a parcel without geometry has no distance
    assert afstand.afstand_station(percelen, None).isna().all()
    empty = gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=28992))
    assert afstand.afstand_hotspot(percelen, empty).isna().all()


def test_afstand_reprojects_other_crs_with_warning() -> None:
    percelen = gdf([box(0, 0, 10, 10)])
    punten = gdf([Point(10, 110)]).to_crs(4326)
    with pytest.warns(HerstelWaarschuwing, match="1 objecten omgezet"):
        result = afstand.afstand_hotspot(percelen, punten)
    assert result[0] == pytest.approx(100.0, abs=1e-3)


def test_afstand_does_not_warn_for_matching_crs() -> None:
    percelen = gdf([box(0, 0, 10, 10)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        afstand.afstand_hotspot(percelen, gdf([Point(20, 0)]))
