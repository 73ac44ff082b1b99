"""Tables for people: the candidate list and the driedeling workbook (Dutch headers, units)."""

import math

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from shapely.geometry import Point, box

from werkruimte.export import tabellen
from werkruimte.kaart.stijl import KLASSE_KLEUREN


@pytest.fixture
def percelen():
    return gpd.GeoDataFrame(
        {
            "perceel_id": ["P1", "P2", "P3", "P4", "P5"],
            "kadastrale_aanduiding": ["Bussum A 18", "Huizen C 7", pd.NA, "Bussum A 20", "X"],
            "gemeente": ["Gooise Meren", "Huizen", "Huizen", "Gooise Meren", "Laren"],
            "oppervlakte_m2": [1834.6, 950.2, 2100.0, 1500.49, 800.0],
            "profiel": ["schuifruimte", "middensegment", "schuifruimte", "schuifruimte", None],
            "score": [71.26, 88.04, 64.5, 90.0, 12.0],
            "kandidaat": [True, True, True, True, False],
            "ov_klasse": ["3", "1b", "6a", "2", "0"],
            "glasvezel_dekking": [0.9585, 0.4, 1.0, 0.0049, 0.5],
            "rang_stabiliteit": [0.325, 1.0, float("nan"), 0.9951, float("nan")],
            "cluster_id": [3, -1, 0, 3, -1],
            "uitleg": ["u1", "u2", "u3", "u4", "u5"],
        },
        geometry=[box(0, 0, 1, 1)] * 5,
        crs=28992,
    )


def test_kandidaten_tabel_dutch_headers_units_and_order(percelen):
    t = tabellen.kandidaten_tabel(percelen)
    assert list(t.columns) == list(tabellen.KANDIDAAT_KOPPEN)
    # Gooise Meren before Huizen; within a gemeente the highest score first; P5 no candidate
    assert t["Perceel"].tolist() == ["P4", "P1", "P2", "P3"]
    assert t["Oppervlakte (m²)"].tolist() == [1500, 1835, 950, 2100]
    assert t["Score"].tolist() == [90.0, 71.3, 88.0, 64.5]
    assert t["Glasvezel (%)"].tolist() == [0, 96, 40, 100]
    assert t["Rangstabiliteit (%)"].tolist()[:3] == [100, 32, 100]
    assert t["Rangstabiliteit (%)"].isna().tolist() == [False, False, False, True]
    assert t["Cluster"].tolist()[:2] == [3, 3] and t["Cluster"].isna().tolist()[2:] == [
        True,
        False,
    ]
    assert t["Kadastrale aanduiding"].tolist()[:3] == ["Bussum A 20", "Bussum A 18", "Huizen C 7"]
    assert t["Kadastrale aanduiding"].isna().tolist()[3]
    assert percelen["cluster_id"].tolist() == [3, -1, 0, 3, -1]  # input unchanged


def test_write_kandidaten_csv_and_workbook(percelen, tmp_path):
    csv, xlsx = tmp_path / "kandidaten.csv", tmp_path / "kandidaten.xlsx"
    tabellen.write_kandidaten(percelen, csv=csv, xlsx=xlsx)
    text = csv.read_text(encoding="utf-8-sig").splitlines()
    assert text[0] == (
        "Perceel;Kadastrale aanduiding;Gemeente;Oppervlakte (m²);Profiel;Score;OV-klasse;"
        "Glasvezel (%);Rangstabiliteit (%);Cluster;Uitleg"
    )
    assert text[1] == "P4;Bussum A 20;Gooise Meren;1500;schuifruimte;90,0;2;0;100;3;u4"
    assert text[3] == "P2;Huizen C 7;Huizen;950;middensegment;88,0;1b;40;100;;u2"
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["kandidaten", "Gooise Meren", "Huizen"]
    ws = wb["kandidaten"]
    assert ws.auto_filter.ref == "A1:K5" and ws.freeze_panes == "A2"
    assert ws["A1"].font.bold
    assert [c.value for c in ws[2]][:6] == [
        "P4",
        "Bussum A 20",
        "Gooise Meren",
        1500,
        "schuifruimte",
        90,
    ]
    assert ws["D2"].number_format == "#,##0" and ws["F2"].number_format == "0.0"
    huizen = wb["Huizen"]
    assert huizen.auto_filter.ref == "A1:K3"
    assert [huizen.cell(row=r, column=1).value for r in (2, 3)] == ["P2", "P3"]


def test_driedeling_workbook_dutch_headers_and_units(tmp_path):
    tabel = gpd.GeoDataFrame(
        {
            "id": ["T1", "H1"],
            "naam": ["Zuidoost", "Loods"],
            "soort": ["formeel", "informeel"],
            "gemeente": ["Hilversum", "Hilversum"],
            "oppervlakte_ha": [29.21894, math.nan],
            "glasvezel_dekking": [0.42360126, 0.9],
            "woningen_binnen_m": [0.5048, 0.1],
            "kandidaat_ha": [2.87461, 0.0],
            "klasse": ["menging", "behouden"],
        },
        geometry=[box(0, 0, 10, 10), Point(5, 5)],
        crs=28992,
    )
    tabel.attrs["klassen"] = ["behouden", "menging", "transformatie"]
    gaten = pd.DataFrame(
        {"gebied_id": [1], "oppervlakte_ha": [29.2189], "gemiddelde_dekking": [0.4236012618623234]}
    )
    xlsx = tmp_path / "d.xlsx"
    tabellen.write_driedeling_werkboek(
        tabel, {"glasvezelgaten": gaten}, xlsx=xlsx, woningen_afstand_m=150.0
    )
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["samenvatting", "Hilversum", "glasvezelgaten"]
    ws = wb["Hilversum"]
    assert [c.value for c in ws[1]] == [
        "Id",
        "Naam",
        "Soort",
        "Gemeente",
        "Oppervlakte (ha)",
        "Glasvezel (%)",
        "Aandeel woonbestemming binnen 150 m (%)",
        "Kandidaat-percelen (ha)",
        "Klasse",
    ]
    assert ws.auto_filter.ref == "A1:I3" and ws.freeze_panes == "A2"
    assert ws["E2"].value == 29.22 and ws["E2"].number_format == "0.00"
    assert ws["F2"].value == 0.424 and ws["F2"].number_format == "0%"
    assert ws["G2"].value == 0.505 and ws["H2"].value == 2.87
    menging = KLASSE_KLEUREN["menging"].lstrip("#").upper()
    assert ws["I2"].fill.fgColor.rgb.endswith(menging)  # the map's colour
    gw = wb["glasvezelgaten"]
    assert [c.value for c in gw[1]] == [
        "Gebied",
        "Oppervlakte (ha)",
        "Gemiddelde glasvezeldekking (%)",
    ]
    assert [c.value for c in gw[2]] == [1, 29.22, 0.424]


def test_afgerond_rounds_to_what_the_measure_supports():
    frame = pd.DataFrame(
        {
            "oppervlakte_ha": [29.21894],
            "gemiddelde_dekking": [0.4236012618623234],
            "aanbod_m2": [25315.04],
            "ov_index": [5.65821],
            "naam": ["x"],
        }
    )
    out = tabellen.afgerond(frame)
    assert out.iloc[0].tolist() == [29.22, 0.424, 25315.0, 5.6582, "x"]
    assert frame["oppervlakte_ha"].iloc[0] == 29.21894
