"""Plan indicators per parcel (issue 15): hand-made parcels inside features of the real Goes plan.

Plan NL.IMRO.0664.BPBS02-VG99 ("Stationsomgeving Zuid-Oost", vastgesteld 13-02-2014). The
expected values were read off the GML by hand (feature by feature):

- A: 20 x 20 m square around (51449.0, 390877.4), inside the bouwvlak of 14 131 m² with
  the Maatvoering "maximum bouwhoogte (m) 10, maximum bebouwingspercentage (%) 100", the
  functieaanduiding "specifieke vorm van bedrijf - bakkerijgrondstoffen" and the
  dubbelbestemming "Waarde - Archeologie - 2" (Enkelbestemming Bedrijf).
  Floor area: 400 m² × 100% × floor(10 / 4) = 2 storeys = 800 m².
- F: 20 x 20 m around (51527.6, 390836.6), bouwvlak with bouwhoogte 6 and 80%, functie
  "specifieke vorm van bedrijf - machinefabriek": 400 × 0.8 × floor(6 / 4) = 1 → 320 m².
- H: x 51445..51465, y 390920..390940, cut by the straight top edge of A's bouwvlak from
  (51438.25, 390929.01) to (51472.59, 390931.04): at x = 51455 the edge is at
  y = 390929.01 + 16.75 × 2.03 / 34.34 = 390930.00, so half of the parcel (200 m²) is in
  the bouwvlak: 200 × 100% × 2 = 400 m².
- R: 1 x 1 m inside the dubbelbestemming "Leiding - Riool" (around 49914.56, 391023.13),
  which there lies inside "Waarde - Archeologie - 2" too; Enkelbestemming Verkeer, outside
  every bouwvlak and maatvoering.
- X: far outside the plan: everything unknown.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from werkruimte.indicators.plan import plan_indicatoren
from werkruimte.sources.bestemmingsplannen import load_plannen

DATA = Path(__file__).parent / "data" / "imro"
GOES = DATA / "NL.IMRO.0664.BPBS02-VG99_stationspleinzuidoost.gml"
RD = "EPSG:28992"


def _sq(x: float, y: float, half: float) -> shapely.Polygon:
    return shapely.box(x - half, y - half, x + half, y + half)


@pytest.fixture(scope="module")
def goes() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plannen = load_plannen(GOES)
    percelen = gpd.GeoDataFrame(
        {"perceel_id": ["A", "F", "H", "R", "X"]},
        geometry=[
            _sq(51449.0, 390877.4, 10),
            _sq(51527.6, 390836.6, 10),
            shapely.box(51445.0, 390920.0, 51465.0, 390940.0),
            _sq(49914.56, 391023.13, 0.5),
            _sq(60000.0, 400000.0, 10),
        ],
        crs=RD,
        index=pd.Index([10, 11, 12, 13, 14]),
    )
    return plan_indicatoren(
        percelen,
        plannen.lagen,
        dubbel_verzwakkend=["Leiding - Gas", "Waarde - Archeologie"],
        functie_passend=["specifieke vorm van bedrijf - machinefabriek"],
    ).set_axis(percelen["perceel_id"])


def test_index_aligned(goes: pd.DataFrame) -> None:
    assert list(goes.index) == ["A", "F", "H", "R", "X"]


def test_dubbelbestemmingen(goes: pd.DataFrame) -> None:
    assert goes.loc["A", "dubbelbestemmingen"] == "Waarde - Archeologie - 2"
    assert goes.loc["F", "dubbelbestemmingen"] == "Waarde - Archeologie - 2"
    # R lies in both dubbelbestemmingen (the riool strip runs through the archeologie area).
    assert goes.loc["R", "dubbelbestemmingen"] == "Leiding - Riool; Waarde - Archeologie - 2"
    assert pd.isna(goes.loc["X", "dubbelbestemmingen"])


def test_functieaanduidingen(goes: pd.DataFrame) -> None:
    assert goes.loc["A", "functieaanduidingen"] == (
        "specifieke vorm van bedrijf - bakkerijgrondstoffen"
    )
    assert goes.loc["F", "functieaanduidingen"] == "specifieke vorm van bedrijf - machinefabriek"
    assert goes.loc["R", "functieaanduidingen"] == ""
    assert pd.isna(goes.loc["X", "functieaanduidingen"])


def test_bouwvlak_aandeel(goes: pd.DataFrame) -> None:
    assert goes.loc["A", "bouwvlak_aandeel"] == pytest.approx(1.0)
    assert goes.loc["F", "bouwvlak_aandeel"] == pytest.approx(1.0)
    assert goes.loc["H", "bouwvlak_aandeel"] == pytest.approx(0.5, abs=0.002)
    assert goes.loc["R", "bouwvlak_aandeel"] == 0.0
    assert np.isnan(goes.loc["X", "bouwvlak_aandeel"])


def test_max_bouwhoogte(goes: pd.DataFrame) -> None:
    assert goes.loc["A", "max_bouwhoogte_m"] == 10.0
    assert goes.loc["F", "max_bouwhoogte_m"] == 6.0
    assert goes.loc["H", "max_bouwhoogte_m"] == 10.0
    assert np.isnan(goes.loc["R", "max_bouwhoogte_m"])
    assert np.isnan(goes.loc["X", "max_bouwhoogte_m"])


def test_max_bebouwingspercentage(goes: pd.DataFrame) -> None:
    assert goes.loc["A", "max_bebouwingspercentage"] == 100.0
    assert goes.loc["F", "max_bebouwingspercentage"] == 80.0
    assert np.isnan(goes.loc["R", "max_bebouwingspercentage"])


def test_planstatus(goes: pd.DataFrame) -> None:
    assert list(goes["planstatus"].iloc[:4]) == ["vastgesteld"] * 4
    assert pd.isna(goes.loc["X", "planstatus"])
    assert goes.loc["A", "plan_id"] == "NL.IMRO.0664.BPBS02-VG99"
    assert goes.loc["A", "ontwerpplan"] == ""


def test_bruto_vloeroppervlak(goes: pd.DataFrame) -> None:
    assert goes.loc["A", "bruto_vloeroppervlak_m2"] == pytest.approx(800.0)
    assert goes.loc["F", "bruto_vloeroppervlak_m2"] == pytest.approx(320.0)
    assert goes.loc["H", "bruto_vloeroppervlak_m2"] == pytest.approx(400.0, abs=1.0)
    assert goes.loc["R", "bruto_vloeroppervlak_m2"] == 0.0
    assert np.isnan(goes.loc["X", "bruto_vloeroppervlak_m2"])


def test_criteria_columns(goes: pd.DataFrame) -> None:
    assert list(goes["dubbel_beperking"].iloc[:4]) == ["verzwakkend"] * 4
    assert list(goes["functie_passend"].iloc[:4]) == ["nee", "ja", "nee", "nee"]
    assert pd.isna(goes.loc["X", "dubbel_beperking"])


# ------------------------------------------------------------- overlapping plans


def _lagen(plans: list[tuple[str, str | None, str | None, shapely.Geometry]]) -> dict:
    gebied = gpd.GeoDataFrame(
        {
            "plan_id": [p[0] for p in plans],
            "planstatus": pd.Series([p[1] for p in plans], dtype="string"),
            "datum": pd.to_datetime([p[2] for p in plans]),
        },
        geometry=[p[3] for p in plans],
        crs=RD,
    )
    dubbel = gpd.GeoDataFrame(
        {"plan_id": [p[0] for p in plans], "naam": [f"Waarde - {p[0]}" for p in plans]},
        geometry=[p[3] for p in plans],
        crs=RD,
    )
    maat = gpd.GeoDataFrame(
        {
            "plan_id": [p[0] for p in plans],
            "waardetype": ["maximum bouwhoogte (m)"] * len(plans),
            "waarde": [float(10 + i) for i in range(len(plans))],
        },
        geometry=[p[3] for p in plans],
        crs=RD,
    )
    return {"Bestemmingsplangebied": gebied, "Dubbelbestemming": dubbel, "Maatvoering": maat}


def test_newest_vastgesteld_wins_and_ontwerp_beside() -> None:
    area = shapely.box(0, 0, 100, 100)
    lagen = _lagen(
        [
            ("oud", "vastgesteld", "2010-01-01", area),
            ("nieuw", "onherroepelijk", "2020-05-01", area),
            ("ontwerp", "ontwerp", "2025-01-01", area),
        ]
    )
    percelen = gpd.GeoDataFrame(geometry=[shapely.box(10, 10, 20, 20)], crs=RD)
    out = plan_indicatoren(percelen, lagen)
    assert out.loc[0, "plan_id"] == "nieuw"
    assert out.loc[0, "planstatus"] == "onherroepelijk"
    assert out.loc[0, "ontwerpplan"] == "ontwerp"
    assert out.loc[0, "dubbelbestemmingen"] == "Waarde - nieuw"
    assert out.loc[0, "max_bouwhoogte_m"] == 11.0


def test_ontwerp_only_where_no_definitive_plan() -> None:
    lagen = _lagen(
        [
            ("vast", "vastgesteld", "2010-01-01", shapely.box(0, 0, 50, 100)),
            ("ontwerp", "ontwerp", "2025-01-01", shapely.box(0, 0, 100, 100)),
        ]
    )
    percelen = gpd.GeoDataFrame(
        geometry=[shapely.box(10, 10, 20, 20), shapely.box(60, 10, 70, 20)], crs=RD
    )
    out = plan_indicatoren(percelen, lagen)
    assert list(out["plan_id"]) == ["vast", "ontwerp"]
    assert list(out["planstatus"]) == ["vastgesteld", "ontwerp"]
    assert list(out["ontwerpplan"]) == ["ontwerp", ""]
    # Without bouwvlakken in the plan the floor area is unknown.
    assert out["bouwvlak_aandeel"].isna().all()
    assert out["bruto_vloeroppervlak_m2"].isna().all()


def test_floors_from_bouwlagen_and_no_percentage() -> None:
    area = shapely.box(0, 0, 100, 100)
    lagen = {
        "Bestemmingsplangebied": gpd.GeoDataFrame(
            {
                "plan_id": ["p"],
                "planstatus": ["vastgesteld"],
                "datum": pd.to_datetime(["2020-01-01"]),
            },
            geometry=[area],
            crs=RD,
        ),
        "Bouwvlak": gpd.GeoDataFrame(
            {"plan_id": ["p"], "naam": ["bouwvlak"]}, geometry=[shapely.box(0, 0, 50, 100)], crs=RD
        ),
        "Maatvoering": gpd.GeoDataFrame(
            {
                "plan_id": ["p", "p"],
                "waardetype": ["maximum aantal bouwlagen", "maximum bouwhoogte (m)"],
                "waarde": [3.0, 20.0],
            },
            geometry=[shapely.box(0, 0, 50, 50), shapely.box(0, 50, 50, 100)],
            crs=RD,
        ),
    }
    percelen = gpd.GeoDataFrame(
        geometry=[
            shapely.box(0, 0, 10, 10),  # 3 bouwlagen: 100 × 3
            shapely.box(0, 60, 10, 70),  # 20 m / 5 m = 4 storeys
            shapely.box(45, 80, 55, 90),  # half in the bouwvlak, 20 m: 50 × 4
            shapely.box(70, 70, 80, 80),  # no bouwvlak: 0
        ],
        crs=RD,
    )
    out = plan_indicatoren(percelen, lagen, verdiepingshoogte_m=5.0)
    assert list(out["bruto_vloeroppervlak_m2"]) == [300.0, 400.0, 200.0, 0.0]
    assert list(out["bouwvlak_aandeel"]) == [1.0, 1.0, 0.5, 0.0]


def test_no_layers_gives_unknown() -> None:
    percelen = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 10, 10)], crs=RD)
    out = plan_indicatoren(percelen, {})
    assert out.isna().all(axis=None)


def test_join_per_parcel_sorted_distinct_and_empty_names() -> None:
    from werkruimte.indicators.plan import _join_per_parcel

    p = np.array([2, 0, 2, 2, 0, 3])
    names = np.array(["Wonen", "Bedrijf", "Bedrijf", "Wonen", None, None], dtype=object)
    out = _join_per_parcel(p, names, 5)
    assert list(out) == ["Bedrijf", None, "Bedrijf; Wonen", None, None]
    # Pairs whose names are all missing give no names (used to fail in pyarrow).
    assert list(_join_per_parcel(np.array([1]), np.array([None], dtype=object), 2)) == [None, None]
