"""Tests for werkruimte.sources.bestemmingsplannen (IMRO2012 enkelbestemmingen)."""

from __future__ import annotations

import math
import shutil
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon, box

from werkruimte.errors import HerstelWaarschuwing, InputError
from werkruimte.sources.bestemmingsplannen import empty_frame, load_bestemmingsplannen

IMRO = Path(__file__).parent / "data" / "imro"
DOORNBOOM = IMRO / "NL.IMRO.0798.BPDoornboom-ON01.gml"
BPBS03 = IMRO / "NL.IMRO.0664.BPBS03-ON99_excerpt.gml"
ZUIDOOST = IMRO / "NL.IMRO.0664.BPBS02-VG99_stationspleinzuidoost.gml"
BP1416 = IMRO / "NL.IMRO.0200.bp1416-ont1.gml"

COLUMNS = ["bestemmingshoofdgroep", "naam", "plan_id", "identificatie", "geometry"]

# Area (m²) of each plan's Bestemmingsplangebied, read with GDAL (arcs linearised).
PLANGEBIED_M2 = {DOORNBOOM: 5773.9, BPBS03: 121031.2, ZUIDOOST: 188419.5, BP1416: 12630.5}

X, Y = 140_000.0, 470_000.0


def _load_quiet(path: Path, **kwargs: object) -> gpd.GeoDataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error", HerstelWaarschuwing)
        return load_bestemmingsplannen(path, **kwargs)  # type: ignore[arg-type]


def _imro(members: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<imro:FeatureCollectionIMRO gml:id="Collectie" '
        'xmlns:imro="http://www.geonovum.nl/imro/2012/1.1" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:gml="http://www.opengis.net/gml/3.2">\n'
        f"{members}\n"
        "</imro:FeatureCollectionIMRO>\n"
    )


def _feature(kind: str, ident: str, segments: str, extra: str = "") -> str:
    return f"""<imro:featureMember>
  <imro:{kind} gml:id="NL.IMRO.{ident}">
    <imro:identificatie><imro:NEN3610ID><imro:namespace>NL.IMRO</imro:namespace>
      <imro:lokaalID>{ident}</imro:lokaalID></imro:NEN3610ID></imro:identificatie>
    {extra}
    <imro:geometrie><gml:Surface gml:id="s.{ident}" srsName="urn:ogc:def:crs:EPSG::28992">
      <gml:patches><gml:PolygonPatch><gml:exterior><gml:Ring><gml:curveMember>
        <gml:Curve gml:id="c.{ident}"><gml:segments>{segments}</gml:segments></gml:Curve>
      </gml:curveMember></gml:Ring></gml:exterior></gml:PolygonPatch></gml:patches>
    </gml:Surface></imro:geometrie>
  </imro:{kind}>
</imro:featureMember>"""


# A half disc of radius 10 m around (150000, 450000): an Arc and a closing line.
HALF_DISC = (
    "<gml:Arc><gml:posList>149990 450000 150000 450010 150010 450000</gml:posList></gml:Arc>"
    "<gml:LineStringSegment><gml:posList>150010 450000 149990 450000</gml:posList>"
    "</gml:LineStringSegment>"
)
SQUARE = (
    "<gml:LineStringSegment><gml:posList>150000 449990 150010 449990 150010 449980 "
    "150000 449980 150000 449990</gml:posList></gml:LineStringSegment>"
)


def _enkel(ident: str, hoofdgroep: str, naam: str, segments: str, plan: str) -> str:
    extra = (
        "<imro:typePlanobject>enkelbestemming</imro:typePlanobject>"
        f'<imro:plangebied xlink:href="#{plan}"/>'
        f"<imro:naam>{naam}</imro:naam>"
        f"<imro:bestemmingshoofdgroep>{hoofdgroep}</imro:bestemmingshoofdgroep>"
    )
    return _feature("Enkelbestemming", ident, segments, extra)


# -------------------------------------------------------------------- real IMRO plans


def _check_plan(gdf: gpd.GeoDataFrame, path: Path) -> None:
    assert list(gdf.columns) == COLUMNS
    assert gdf.crs.to_epsg() == 28992
    assert list(gdf.index) == list(range(len(gdf)))
    assert set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
    assert shapely.is_valid(gdf.geometry.to_numpy()).all()
    area = gdf.area
    # Not the plan outline (resolved xlinks): distinct areas, each smaller than the plan.
    assert area.nunique() == len(gdf)
    assert (area < PLANGEBIED_M2[path]).all()
    assert (area > 0).all()
    for col in COLUMNS[:-1]:
        assert isinstance(gdf[col].dtype, pd.StringDtype)


def test_doornboom() -> None:
    gdf = _load_quiet(DOORNBOOM)
    _check_plan(gdf, DOORNBOOM)
    assert sorted(gdf["bestemmingshoofdgroep"]) == ["verkeer", "verkeer", "wonen", "wonen"]
    assert set(gdf["naam"]) == {"Wonen", "Verkeer - Verblijfsgebied"}
    assert set(gdf["plan_id"]) == {"NL.IMRO.0798.BPDoornboom-ON01"}
    assert gdf["identificatie"].iloc[0] == "NL.IMRO.422a8d8a864642ac991d064fe3737cd0"
    # The four vlakken tile the plangebied (some with arcs).
    assert gdf.area.sum() == pytest.approx(PLANGEBIED_M2[DOORNBOOM], rel=1e-3)


def test_bpbs03_excerpt() -> None:
    gdf = _load_quiet(BPBS03)
    _check_plan(gdf, BPBS03)
    assert gdf["bestemmingshoofdgroep"].tolist() == [
        "kantoor",
        "maatschappelijk",
        "verkeer",
        "groen",
    ]
    assert set(gdf["plan_id"]) == {"NL.IMRO.0664.BPBS03-ON99"}
    assert gdf["identificatie"].iloc[0] == "NL.IMRO.0664.EP5302177522-00"
    assert gdf.area.sum() < PLANGEBIED_M2[BPBS03]  # an excerpt


def test_stationsplein_zuidoost_arcs_linearised() -> None:
    gdf = _load_quiet(ZUIDOOST)
    _check_plan(gdf, ZUIDOOST)
    assert len(gdf) == 11
    groups = gdf["bestemmingshoofdgroep"].value_counts().to_dict()
    assert groups == {
        "kantoor": 3,
        "verkeer": 2,
        "wonen": 2,
        "bedrijf": 1,
        "groen": 1,
        "maatschappelijk": 1,
        "horeca": 1,
    }
    assert set(gdf["plan_id"]) == {"NL.IMRO.0664.BPBS02-VG99"}
    assert gdf.area.sum() == pytest.approx(PLANGEBIED_M2[ZUIDOOST], rel=1e-3)
    bedrijf = gdf.loc[gdf["bestemmingshoofdgroep"] == "bedrijf"]
    assert bedrijf.area.iloc[0] == pytest.approx(40685, rel=1e-3)


def test_bp1416_gemengd() -> None:
    gdf = _load_quiet(BP1416)
    _check_plan(gdf, BP1416)
    assert gdf["bestemmingshoofdgroep"].tolist() == ["gemengd"] + ["verkeer"] * 4
    assert gdf["naam"].iloc[0] == "Gemengd - 1"
    assert set(gdf["plan_id"]) == {"NL.IMRO.0200.bp1416-ont1"}
    assert gdf.area.sum() == pytest.approx(PLANGEBIED_M2[BP1416], rel=1e-3)


def test_folder_concatenates_in_name_order(tmp_path: Path) -> None:
    for f in (DOORNBOOM, BP1416):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "leesmij.txt").write_text("niet lezen")
    gdf = _load_quiet(tmp_path)
    assert list(gdf.columns) == COLUMNS
    assert list(gdf.index) == list(range(9))
    assert (
        gdf["plan_id"].tolist()
        == ["NL.IMRO.0200.bp1416-ont1"] * 5 + ["NL.IMRO.0798.BPDoornboom-ON01"] * 4
    )
    assert gdf.crs.to_epsg() == 28992
    # Reading does not write .gfs files next to the plans.
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".gml", ".gml", ".txt"]


def test_all_four_plans_as_folder() -> None:
    gdf = _load_quiet(IMRO)
    assert len(gdf) == 4 + 4 + 11 + 5
    assert {"bedrijf", "kantoor", "gemengd", "wonen"} <= set(gdf["bestemmingshoofdgroep"])


# --------------------------------------------------------------- hand-made GML files


def test_gml_arc_linearised_to_half_disc(tmp_path: Path) -> None:
    plan = "NL.IMRO.9999.test-0001"
    members = (
        _enkel("9999.EP1", "Bedrijf", "Bedrijf", HALF_DISC, plan)
        + _enkel("9999.EP2", "  Kantoor ", "Kantoor", SQUARE, plan)
        + _feature("Bouwvlak", "9999.BV1", SQUARE)
    )
    path = tmp_path / "plan.gml"
    path.write_text(_imro(members))
    gdf = _load_quiet(path)
    assert gdf["bestemmingshoofdgroep"].tolist() == ["bedrijf", "kantoor"]
    assert gdf["plan_id"].tolist() == [plan, plan]
    assert gdf["identificatie"].tolist() == ["NL.IMRO.9999.EP1", "NL.IMRO.9999.EP2"]
    assert gdf.geom_type.tolist() == ["Polygon", "Polygon"]
    assert gdf.area.iloc[0] == pytest.approx(math.pi * 100 / 2, rel=0.01)  # 157.08 m²
    assert gdf.area.iloc[1] == pytest.approx(100.0)
    assert shapely.get_num_coordinates(gdf.geometry.iloc[0]) > 10


def test_plan_id_from_file_name_when_no_reference(tmp_path: Path) -> None:
    extra = (
        "<imro:naam>Groen</imro:naam><imro:bestemmingshoofdgroep>groen</imro:bestemmingshoofdgroep>"
    )
    path = tmp_path / "NL.IMRO.0402.BPtest-VA01_kopie.gml"
    path.write_text(_imro(_feature("Enkelbestemming", "0402.EP1", SQUARE, extra)))
    gdf = _load_quiet(path)
    assert gdf["plan_id"].tolist() == ["NL.IMRO.0402.BPtest-VA01"]


def test_gml_without_enkelbestemming(tmp_path: Path) -> None:
    path = tmp_path / "alleen_bouwvlak.gml"
    path.write_text(_imro(_feature("Bouwvlak", "9999.BV1", SQUARE)))
    with pytest.raises(InputError, match="Enkelbestemming") as info:
        load_bestemmingsplannen(path)
    assert "alleen_bouwvlak.gml" in str(info.value)
    # In a folder such a file is skipped with a warning.
    shutil.copy(DOORNBOOM, tmp_path / DOORNBOOM.name)
    with pytest.warns(HerstelWaarschuwing, match="1 bestanden zonder enkelbestemmingen"):
        gdf = load_bestemmingsplannen(tmp_path)
    assert len(gdf) == 4


def test_truncated_gml(tmp_path: Path) -> None:
    path = tmp_path / "afgekapt.gml"
    path.write_bytes(DOORNBOOM.read_bytes()[:30_000])
    with pytest.raises(InputError, match="afgekapt") as info:
        load_bestemmingsplannen(path)
    assert "afgekapt.gml" in str(info.value)


# ------------------------------------------------------------------- GeoPackage input


def _demo_like(**overrides: object) -> gpd.GeoDataFrame:
    data = {
        "identificatie": ["NL.IMRO.0402.EP1", "NL.IMRO.0402.EP2", "NL.IMRO.0402.DB1"],
        "naam": ["Bedrijf - 1", "Wonen", "Waarde - Archeologie"],
        "bestemmingshoofdgroep": [" Bedrijf ", "Nieuw  Soort", "waarde"],
        "planidentificatie": ["NL.IMRO.0402.BPdemo-VA01", None, "NL.IMRO.0402.BPdemo-VA01"],
        "typePlanobject": ["enkelbestemming", "enkelbestemming", "dubbelbestemming"],
        "bron": ["fictief"] * 3,
    }
    data.update(overrides)  # type: ignore[arg-type]
    geoms = [box(X, Y, X + 30, Y + 20), box(X + 30, Y, X + 40, Y + 20), box(X, Y, X + 40, Y + 20)]
    return gpd.GeoDataFrame(data, geometry=geoms, crs=28992)


def test_gpkg_demo_format(tmp_path: Path) -> None:
    path = tmp_path / "enkelbestemming.gpkg"
    gpd.GeoDataFrame({"x": [1]}, geometry=[box(X, Y, X + 1, Y + 1)], crs=28992).to_file(
        path, layer="Bouwvlak", engine="pyogrio"
    )
    _demo_like().to_file(path, layer="Enkelbestemming", engine="pyogrio")
    with pytest.warns(HerstelWaarschuwing, match="1 objecten van een ander type"):
        gdf = load_bestemmingsplannen(path)
    assert list(gdf.columns) == COLUMNS
    # Case and whitespace normalised; unknown groups kept.
    assert gdf["bestemmingshoofdgroep"].tolist() == ["bedrijf", "nieuw soort"]
    assert gdf["naam"].tolist() == ["Bedrijf - 1", "Wonen"]
    # A missing planidentificatie falls back to the file name.
    assert gdf["plan_id"].tolist() == ["NL.IMRO.0402.BPdemo-VA01", "enkelbestemming"]
    assert gdf["identificatie"].tolist() == ["NL.IMRO.0402.EP1", "NL.IMRO.0402.EP2"]
    assert gdf.area.tolist() == [600.0, 200.0]


def test_unknown_hoofdgroep_is_silent(tmp_path: Path) -> None:
    gdf = _demo_like(typePlanobject=["enkelbestemming"] * 3)
    gdf["geometry"] = [box(X + 50 * i, Y, X + 50 * i + 10, Y + 10) for i in range(3)]
    path = tmp_path / "p.geojson"
    gdf.to_file(path, engine="pyogrio")
    out = _load_quiet(path)
    assert out["bestemmingshoofdgroep"].tolist() == ["bedrijf", "nieuw soort", "waarde"]


def test_missing_hoofdgroep_column_lists_columns(tmp_path: Path) -> None:
    gdf = _demo_like().drop(columns=["bestemmingshoofdgroep"])
    path = tmp_path / "p.gpkg"
    gdf.to_file(path, engine="pyogrio")
    with pytest.raises(InputError) as info:
        load_bestemmingsplannen(path)
    text = str(info.value)
    assert info.value.column == "bestemmingshoofdgroep"
    assert "identificatie, naam" in text and "p.gpkg" in text


def test_invalid_geometry_repaired(tmp_path: Path) -> None:
    bowtie = Polygon([(X, Y), (X + 10, Y + 10), (X + 10, Y), (X, Y + 10), (X, Y)])
    gdf = gpd.GeoDataFrame(
        {"bestemmingshoofdgroep": ["bedrijf", "wonen"], "naam": ["B", "W"]},
        geometry=[bowtie, box(X + 20, Y, X + 30, Y + 10)],
        crs=28992,
    )
    path = tmp_path / "p.gpkg"
    gdf.to_file(path, engine="pyogrio")
    with pytest.warns(HerstelWaarschuwing, match="1 ongeldige"):
        out = load_bestemmingsplannen(path)
    assert shapely.is_valid(out.geometry.to_numpy()).all()
    assert out.area.iloc[0] == pytest.approx(50.0)
    assert out["plan_id"].tolist() == ["p", "p"]
    assert out["identificatie"].isna().all()


def test_all_vlakken_equal_to_outline_is_an_error(tmp_path: Path) -> None:
    outline = box(X, Y, X + 100, Y + 100)
    gdf = gpd.GeoDataFrame(
        {
            "bestemmingshoofdgroep": ["bedrijf", "wonen", "verkeer"],
            "planidentificatie": ["NL.IMRO.0402.BPx-VA01"] * 3,
        },
        geometry=[outline] * 3,
        crs=28992,
    )
    path = tmp_path / "p.gpkg"
    gdf.to_file(path, engine="pyogrio")
    with pytest.raises(InputError, match="dezelfde geometrie") as info:
        load_bestemmingsplannen(path)
    assert "NL.IMRO.0402.BPx-VA01" in str(info.value)


def test_wgs84_reprojected(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"bestemmingshoofdgroep": ["bedrijf"], "naam": ["B"]},
        geometry=[box(X, Y, X + 100, Y + 50)],
        crs=28992,
    ).to_crs(4326)
    path = tmp_path / "p.geojson"
    gdf.to_file(path, engine="pyogrio")
    with pytest.warns(HerstelWaarschuwing, match="omgezet"):
        out = load_bestemmingsplannen(path)
    assert out.crs.to_epsg() == 28992
    assert out.area.iloc[0] == pytest.approx(5000.0, rel=1e-3)


# ----------------------------------------------------------------------- bad input


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="bestaat niet"):
        load_bestemmingsplannen(tmp_path / "weg.gml")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "leeg.gpkg"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="leeg"):
        load_bestemmingsplannen(path)


def test_folder_without_plans(tmp_path: Path) -> None:
    (tmp_path / "notities.txt").write_text("x")
    with pytest.raises(InputError, match="geen bestemmingsplannen") as info:
        load_bestemmingsplannen(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_non_geospatial_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.gpkg"
    path.write_bytes(b"geen geopackage")
    with pytest.raises(InputError) as info:
        load_bestemmingsplannen(path)
    assert "plan.gpkg" in str(info.value)


# --------------------------------------------------------------------- empty_frame


def test_empty_frame() -> None:
    gdf = empty_frame()
    assert list(gdf.columns) == COLUMNS
    assert len(gdf) == 0
    assert gdf.crs.to_epsg() == 28992
    assert gdf.geometry.name == "geometry"
    for col in COLUMNS[:-1]:
        assert isinstance(gdf[col].dtype, pd.StringDtype)
    assert np.asarray(gdf.area).size == 0


# ----------------------------------------------------- issue 15: the other IMRO layers

_COUNTS = {
    "NL.IMRO.0664.BPBS02-VG99_stationspleinzuidoost.gml": {
        "Dubbelbestemming": 4,
        "Functieaanduiding": 11,
        "Bouwvlak": 25,
        "Maatvoering": 39,  # 26 Maatvoeringen with 39 WaardeEnType pairs
        "Bouwaanduiding": 3,
        "Gebiedsaanduiding": 0,
        "Figuur": 0,
    },
    "NL.IMRO.0200.bp1416-ont1.gml": {
        "Bouwvlak": 5,
        "Maatvoering": 9,  # 8 Maatvoeringen, 9 pairs
        "Gebiedsaanduiding": 2,
        "Functieaanduiding": 3,
        "Dubbelbestemming": 0,
    },
    "NL.IMRO.0798.BPDoornboom-ON01.gml": {
        "Figuur": 7,
        "Bouwaanduiding": 4,
        "Maatvoering": 19,  # 12 Maatvoeringen, 19 pairs
        "Bouwvlak": 0,
    },
    "NL.IMRO.0664.BPBS03-ON99_excerpt.gml": {
        "Dubbelbestemming": 1,
        "Functieaanduiding": 1,
        "Bouwvlak": 1,
        "Maatvoering": 1,
    },
}
_STATUS = {
    "NL.IMRO.0664.BPBS02-VG99_stationspleinzuidoost.gml": (
        "NL.IMRO.0664.BPBS02-VG99",
        "vastgesteld",
        "2014-02-13",
    ),
    "NL.IMRO.0200.bp1416-ont1.gml": ("NL.IMRO.0200.bp1416-ont1", "ontwerp", "2022-06-30"),
    "NL.IMRO.0798.BPDoornboom-ON01.gml": ("NL.IMRO.0798.BPDoornboom-ON01", "ontwerp", "2015-06-10"),
    "NL.IMRO.0664.BPBS03-ON99_excerpt.gml": ("NL.IMRO.0664.BPBS03-ON99", "ontwerp", "2015-02-25"),
}


@pytest.mark.parametrize("name", sorted(_COUNTS))
def test_plan_layers_counts(name: str) -> None:
    from werkruimte.sources.bestemmingsplannen import load_plannen

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plannen = load_plannen(IMRO / name)
    for layer, count in _COUNTS[name].items():
        frame = plannen.lagen[layer]
        assert len(frame) == count, layer
        assert (frame.crs is None) or frame.crs.to_epsg() == 28992
    if "Maatvoering" in _COUNTS[name]:
        # features: distinct identificatie
        n_features = plannen.lagen["Maatvoering"]["identificatie"].nunique()
        assert (
            n_features
            == {
                "NL.IMRO.0664.BPBS02-VG99_stationspleinzuidoost.gml": 26,
                "NL.IMRO.0200.bp1416-ont1.gml": 8,
                "NL.IMRO.0798.BPDoornboom-ON01.gml": 12,
                "NL.IMRO.0664.BPBS03-ON99_excerpt.gml": 1,
            }[name]
        )
    plan_id, status, datum = _STATUS[name]
    gebied = plannen.lagen["Bestemmingsplangebied"]
    assert list(gebied["plan_id"]) == [plan_id]
    assert list(gebied["planstatus"]) == [status]
    assert str(gebied["datum"].iloc[0].date()) == datum


def test_maatvoering_values_are_numbers() -> None:
    from werkruimte.sources.bestemmingsplannen import load_plannen

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        maat = load_plannen(IMRO / "NL.IMRO.0664.BPBS02-VG99_stationspleinzuidoost.gml").lagen[
            "Maatvoering"
        ]
    assert maat["waarde"].dtype == "float64"
    pct = maat[maat["waardetype"] == "maximum bebouwingspercentage (%)"]["waarde"]
    assert sorted(pct) == [15.0, 80.0, 80.0, 90.0, 100.0]
    hoogte = maat[maat["waardetype"] == "maximum bouwhoogte (m)"]["waarde"]
    assert len(hoogte) == 26 and hoogte.min() == 3.0 and hoogte.max() == 11.0
    excerpt = load_plannen(IMRO / "NL.IMRO.0664.BPBS03-ON99_excerpt.gml").lagen["Maatvoering"]
    assert list(excerpt["waardetype"]) == ["maximum aantal bouwlagen"]
    assert list(excerpt["waarde"]) == [8.0]


def test_plan_layers_folder_concatenates() -> None:
    from werkruimte.sources.bestemmingsplannen import load_plannen

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plannen = load_plannen(IMRO)
    assert len(plannen.lagen["Bouwvlak"]) == 25 + 5 + 1
    assert len(plannen.lagen["Bestemmingsplangebied"]) == 4
    assert sorted(plannen.lagen["Bestemmingsplangebied"]["planstatus"]) == [
        "ontwerp",
        "ontwerp",
        "ontwerp",
        "vastgesteld",
    ]
