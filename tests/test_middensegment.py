"""Middensegment match: size-class parsing, supply per gemeente and the verdict."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from werkruimte.config import default_config
from werkruimte.errors import InputError
from werkruimte.middensegment import in_middensegment, middensegment_match
from werkruimte.regio import Regio


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("400-1500", True),
        ("400 – 1.500 m²", True),
        ("400 tot 1500 m2", True),
        ("250-600", True),
        ("1500-2500", False),  # 1500 is the exclusive upper bound
        ("0-400", False),
        ("< 400", False),
        ("tot 400", False),
        ("< 1000", True),
        ("> 1500", False),
        ("vanaf 1.500 m²", False),
        ("1500+", False),
        ("vanaf 1000", True),
        ("900", True),
        ("1000 m2", True),
        ("1500", False),
        ("Middensegment", True),
        ("onbekend", False),
        (None, False),
    ],
)
def test_in_middensegment(text, expected):
    got = in_middensegment(pd.Series([text], dtype="string"))
    assert got.tolist() == [expected]


def make_regio():
    gemeenten = gpd.GeoDataFrame(
        {"gemeente": ["Hilversum", "Huizen", "Laren (NH.)"]},
        geometry=[box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(2000, 0, 3000, 1000)],
        crs=28992,
    )
    hotspots = gpd.GeoDataFrame(
        {
            "hotspot_id": ["H1", "H2", "H3", "H4"],
            "naam": ["a", "b", "c", "d"],
            "type": "broedplaats",
            "oppervlakte_m2": [1000.0, 5000.0, 500.0, 600.0],
            "leegstand_m2": [400.0, 1000.0, 50.0, 0.0],
            "grootteklasse": ["400-1500", "1.500 - 2.500 m²", "400 – 1500", "400-1500"],
            "doelgroep": ["creatief; startups", "mkb", "zzp", "Startups"],
            "gemeente": ["Hilversum", "Hilversum", "Huizen", "Hilversum"],
        },
        geometry=[Point(100, 100), Point(200, 100), Point(1100, 100), Point(300, 100)],
        crs=28992,
    )
    empty = gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=28992), crs=28992)
    return Regio(
        config=default_config(),
        percelen=empty,
        gemeenten=gemeenten,
        bedrijventerreinen=empty,
        bestemmingsplannen=empty,
        hotspots=hotspots,
    )


def make_percelen():
    return gpd.GeoDataFrame(
        {
            "perceel_id": ["a", "b", "c", "d", "e"],
            "gemeente": ["Hilversum", "Hilversum", "Hilversum", "Hilversum", "Huizen"],
            "oppervlakte_m2": [800.0, 1200.0, 2000.0, 900.0, 700.0],
            "kandidaat": [True, True, True, False, False],
            "profiel": pd.array(
                ["middensegment", "middensegment", "schuifruimte", "middensegment", None],
                dtype="string",
            ),
        },
        geometry=[box(i * 10, 0, i * 10 + 5, 5) for i in range(5)],
        crs=28992,
    )


def test_match_per_gemeente():
    percelen = make_percelen()
    before = percelen.copy()
    out = middensegment_match(make_regio(), percelen)
    pd.testing.assert_frame_equal(percelen, before)
    assert list(out.columns) == [
        "gemeente",
        "hotspots_middensegment",
        "hotspots_oppervlakte_m2",
        "hotspots_leegstand_m2",
        "doelgroepen",
        "kandidaten_middensegment",
        "kandidaten_m2",
        "aanbod_plekken",
        "aanbod_m2",
        "vraag_bedrijven",
        "vraag_m2",
        "oordeel",
        "toelichting",
    ]
    rows = out.set_index("gemeente")
    assert list(rows.index) == ["Hilversum", "Huizen", "Laren (NH.)"]
    h = rows.loc["Hilversum"]
    # H1 and H4 are in the 400-1500 class, H2 is not
    assert h["hotspots_middensegment"] == 2
    assert h["hotspots_oppervlakte_m2"] == 1600.0
    assert h["hotspots_leegstand_m2"] == 400.0
    assert h["doelgroepen"] == "creatief, startups"
    # candidates a and b (middensegment); c is schuifruimte, d is no candidate
    assert h["kandidaten_middensegment"] == 2
    assert h["kandidaten_m2"] == 2000.0
    # H1 has vacancy (H4 has none) + 2 candidates = 3 places, 400 + 2000 m²
    assert h["aanbod_plekken"] == 3
    assert h["aanbod_m2"] == 2400.0
    # enough supply by the thresholds, but no demand given: no verdict "voldoende"
    assert h["oordeel"] == "geen vraag opgegeven"
    assert h["toelichting"] == (
        "3 plek(ken) met samen 2.400 m² (1 hotspot(s) met leegstand, "
        "2 kandidaat-perceel/-percelen): genoeg keus en ruimte; geen vraag opgegeven "
        "([criteria.middensegment] vraag_m2_per_gemeente)"
    )
    z = rows.loc["Huizen"]
    assert (z["hotspots_middensegment"], z["aanbod_plekken"], z["aanbod_m2"]) == (1, 1, 50.0)
    assert z["oordeel"] == "dun"
    assert z["toelichting"].endswith(": minder dan 3 plekken")
    assert z["doelgroepen"] == "zzp"
    laren = rows.loc["Laren (NH.)"]
    assert laren["oordeel"] == "geen"
    assert laren["aanbod_plekken"] == 0 and laren["doelgroepen"] == ""
    assert out["hotspots_middensegment"].dtype == np.int64


def test_thresholds_as_arguments():
    out = middensegment_match(make_regio(), make_percelen(), min_plekken=1, min_m2=3000.0)
    rows = out.set_index("gemeente")
    assert rows.loc["Hilversum", "oordeel"] == "dun"
    assert rows.loc["Hilversum", "toelichting"].endswith(": minder dan 3.000 m²")
    assert rows.loc["Huizen", "oordeel"] == "dun"


def test_requires_scored_parcels():
    with pytest.raises(InputError) as info:
        middensegment_match(make_regio(), make_percelen().drop(columns=["profiel"]))
    assert info.value.column == "profiel"


def test_no_hotspots():
    regio = make_regio()
    regio.hotspots = regio.hotspots.iloc[:0]
    out = middensegment_match(regio, make_percelen())
    assert out.set_index("gemeente").loc["Hilversum", "hotspots_middensegment"] == 0
    assert out.set_index("gemeente").loc["Hilversum", "kandidaten_middensegment"] == 2


def test_thresholds_from_config():
    regio = make_regio()
    regio.config = regio.config.with_changes(
        {"criteria": {"middensegment": {"min_plekken": 1, "min_m2": 50.0}}}
    )
    rows = middensegment_match(regio, make_percelen()).set_index("gemeente")
    # Huizen: 1 place (H3) with 50 m² vacancy, now enough by the thresholds
    assert rows.loc["Huizen", "oordeel"] == "geen vraag opgegeven"
    assert rows.loc["Huizen", "toelichting"].startswith(
        "1 plek(ken) met samen 50 m² (1 hotspot(s) met leegstand, "
        "0 kandidaat-perceel/-percelen): genoeg keus en ruimte"
    )
    # the defaults in standaard.toml: 3 places and 2000 m²
    std = default_config().criteria["middensegment"]
    assert (std["min_plekken"], std["min_m2"]) == (3, 2000.0)
    assert (
        middensegment_match(make_regio(), make_percelen())
        .set_index("gemeente")
        .loc["Huizen", "oordeel"]
        == "dun"
    )


def test_in_middensegment_bounds_default_to_standaard_toml():
    text = pd.Series(["300-399", "1400-1600", "1500", "vanaf 1500"], dtype="string")
    assert in_middensegment(text).tolist() == [False, True, False, False]
    wider = in_middensegment(text, midden_min=300.0, midden_max=1600.0)
    assert wider.tolist() == [True, True, True, True]  # "vanaf 1500" overlaps [300, 1600)


def test_demand_per_gemeente_decides_the_verdict():
    """With a demand: voldoende when met, tekort when not (issue 13, the demand side)."""
    regio = make_regio()
    regio.config = regio.config.with_changes(
        {
            "criteria": {
                "middensegment": {
                    "vraag_m2_per_gemeente": {"Hilversum": 2000.0, "Huizen": 500.0},
                    "vraag_bedrijven_per_gemeente": {"Hilversum": 3},
                }
            }
        }
    )
    rows = middensegment_match(regio, make_percelen()).set_index("gemeente")
    # Hilversum: 3 places and 2400 m² against 3 companies and 2000 m² -> met
    assert rows.loc["Hilversum", "oordeel"] == "voldoende"
    assert (rows.loc["Hilversum", "vraag_m2"], rows.loc["Hilversum", "vraag_bedrijven"]) == (
        2000.0,
        3.0,
    )
    # Huizen: 50 m² against 500 m² -> tekort (was "dun" by the thresholds alone)
    assert rows.loc["Huizen", "oordeel"] == "tekort"
    assert rows.loc["Huizen", "toelichting"].endswith("; minder dan de opgegeven vraag")
    # Laren gave no demand and has no supply: "geen" stays
    assert rows.loc["Laren (NH.)", "oordeel"] == "geen"
    assert np.isnan(rows.loc["Laren (NH.)", "vraag_m2"])
