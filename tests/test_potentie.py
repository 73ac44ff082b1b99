"""Potential for work (issue 15, Werkplan actie 1a): werkruimte.potentie on a hand-made region."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from werkruimte.potentie import potentie, potentie_per_gemeente

RD = "EPSG:28992"


@pytest.fixture
def regio() -> dict:
    # Parcels of 100 x 100 m (1 ha) in a row along x; parcel i spans x = 100 i .. 100 (i + 1).
    best = [
        "maatschappelijk",
        "agrarisch",
        "agrarisch",
        "wonen",
        "bedrijf",
        "wonen",
        "maatschappelijk",
    ]
    soort = ["potentieel", "potentieel", "potentieel", "anders", "werk", "anders", "potentieel"]
    percelen = gpd.GeoDataFrame(
        {
            "perceel_id": [f"p{i}" for i in range(7)],
            "gemeente": ["Huizen"] * 4 + ["Laren"] * 3,
            "oppervlakte_m2": [10_000.0] * 7,
            "bestemming": best,
            "bestemming_soort": soort,
            "kandidaat": [False] * 6 + [True],
            "planstatus": ["vastgesteld"] * 7,
        },
        geometry=[shapely.box(100 * i, 0, 100 * i + 100, 100) for i in range(7)],
        crs=RD,
        index=pd.Index(range(10, 17)),
    )
    # The kern: a wonen vlak x 350..400 (inside parcel 3); agrarisch parcel 2 (x 200..300)
    # is 50 m from it, parcel 1 (x 100..200) 150 m.
    plannen = gpd.GeoDataFrame(
        {"bestemmingshoofdgroep": ["wonen", "agrarisch"]},
        geometry=[shapely.box(350, 0, 400, 100), shapely.box(100, 0, 300, 100)],
        crs=RD,
    )
    # An ontwerp plan over parcel 5 (x 500..600) entirely and 30% of parcel 4.
    gebied = gpd.GeoDataFrame(
        {
            "plan_id": ["NL.IMRO.1.ONT-ON01", "NL.IMRO.1.VAST-VA01"],
            "planstatus": ["ontwerp", "vastgesteld"],
        },
        geometry=[shapely.box(470, 0, 600, 100), shapely.box(0, 0, 700, 100)],
        crs=RD,
    )
    # A hotspot with 350 m² vacancy 10 m beside parcel 3, one without vacancy at parcel 1.
    hotspots = gpd.GeoDataFrame(
        {"naam": ["a", "b"], "leegstand_m2": [350.0, 0.0]},
        geometry=[shapely.Point(350, 110), shapely.Point(150, 50)],
        crs=RD,
    )
    return {
        "percelen": percelen,
        "plannen": plannen,
        "plan_lagen": {"Bestemmingsplangebied": gebied},
        "hotspots": hotspots,
    }


def test_potentie_reasons(regio: dict) -> None:
    pot = potentie(
        regio["percelen"],
        plannen=regio["plannen"],
        plan_lagen=regio["plan_lagen"],
        hotspots=regio["hotspots"],
    )
    # p0 maatschappelijk; p1 agrarisch 150 m from the kern: no; p2 agrarisch 50 m: yes;
    # p3 wonen with vacancy 10 m away; p4 bedrijf (werk): never; p5 in the ontwerp plan;
    # p6 maatschappelijk but a candidate: kept apart.
    assert list(pot["perceel_id"]) == ["p0", "p2", "p3", "p5"]
    assert list(pot.index) == [10, 12, 13, 15]
    assert list(pot["soort"]) == ["maatschappelijk", "agrarisch_rand", "leegstand", "ontwerpplan"]
    assert pot.loc[10, "reden"] == "maatschappelijke bestemming (maatschappelijk vastgoed)"
    assert pot.loc[12, "reden"] == (
        "agrarisch aan de rand van de kern (binnen 100 m van wonen of centrum)"
    )
    assert pot.loc[13, "reden"] == "werklocatie met 350 m² leegstand binnen 25 m"
    assert pot.loc[15, "reden"] == "ligt in ontwerpplan NL.IMRO.1.ONT-ON01"
    assert pot.crs.to_epsg() == 28992


def test_potentie_two_reasons_and_totals(regio: dict) -> None:
    pot = potentie(
        regio["percelen"],
        plannen=regio["plannen"],
        plan_lagen=regio["plan_lagen"],
        hotspots=regio["hotspots"],
        rand_kern_m=200.0,
        leegstand_afstand_m=400.0,
    )
    # With 200 m p1 is an edge too; with 400 m the vacancy reaches p0..p5 (not p4: werk).
    assert list(pot["perceel_id"]) == ["p0", "p1", "p2", "p3", "p5"]
    assert pot.loc[10, "soort"] == "maatschappelijk, leegstand"
    assert pot.loc[10, "reden"] == (
        "maatschappelijke bestemming (maatschappelijk vastgoed); "
        "werklocatie met 350 m² leegstand binnen 400 m"
    )
    tot = potentie_per_gemeente(pot)
    assert list(tot["gemeente"]) == ["Huizen", "Laren"]
    assert list(tot["aantal_percelen"]) == [4, 1]
    assert list(tot["oppervlakte_ha"]) == [4.0, 1.0]
    assert list(tot["ha_leegstand"]) == [4.0, 1.0]
    assert list(tot["ha_agrarisch_rand"]) == [2.0, 0.0]
    assert list(tot["ha_ontwerpplan"]) == [0.0, 1.0]


def test_potentie_without_sources(regio: dict) -> None:
    pot = potentie(regio["percelen"], plannen=regio["plannen"].iloc[:0])
    assert list(pot["perceel_id"]) == ["p0"]
    assert len(potentie_per_gemeente(pot.iloc[:0])) == 0
