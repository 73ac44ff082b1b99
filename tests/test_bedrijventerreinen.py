"""IBIS bedrijventerreinen: formats, IBIS field names, milieucategorie, bad input."""

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from werkruimte.errors import HerstelWaarschuwing, InputError
from werkruimte.sources.bedrijventerreinen import (
    COLUMNS,
    empty_frame,
    load_bedrijventerreinen,
    parse_milieucategorie,
)

X0, Y0 = 140_000.0, 470_000.0


def ibis_frame() -> gpd.GeoDataFrame:
    """Three terrains with exactly the IBIS fields (as the demo file has them)."""
    return gpd.GeoDataFrame(
        {
            "RIN_NUMMER": [402001, 402002, 406001],
            "JAAR": [2024, 2024, 2024],
            "PLAN_NAAM": ["Kerkelanden", "Arena", "Huizen-Zuid"],
            "GEM_CODES": ["GM0402", "GM0402,GM0406", None],
            "HA_BRUTO": [12.5, 3.0, None],
            "HA_NETTO": [10.0, 2.5, 4.0],
            "HA_TOTTUIT": [0.0, 0.4, None],
            "WLOC_TYPE": ["gemengd", "hoogwaardig", None],
            "MILIEUCAT_MAX": ["3.2", "4,1", None],
            "BRON": ["fictief"] * 3,
        },
        geometry=[
            box(X0, Y0, X0 + 300, Y0 + 200),
            box(X0 + 1000, Y0, X0 + 1100, Y0 + 100),
            box(X0 + 2000, Y0, X0 + 2200, Y0 + 200),
        ],
        crs="EPSG:28992",
    )


def test_gpkg_ibis_fields(tmp_path):
    path = tmp_path / "bedrijventerreinen.gpkg"
    ibis_frame().to_file(path, layer="bedrijventerreinen")
    gdf = load_bedrijventerreinen(path, layer="bedrijventerreinen")
    assert list(gdf.columns) == list(COLUMNS)
    assert gdf.crs.to_epsg() == 28992
    assert gdf["terrein_id"].tolist() == ["402001", "402002", "406001"]
    assert gdf["naam"].tolist() == ["Kerkelanden", "Arena", "Huizen-Zuid"]
    assert gdf["gemeentecode"].iloc[1] == "GM0402,GM0406"
    assert pd.isna(gdf["gemeentecode"].iloc[2])
    assert gdf["ha_bruto"].dtype == "float64"
    np.testing.assert_array_equal(gdf["ha_bruto"], [12.5, 3.0, np.nan])
    np.testing.assert_array_equal(gdf["ha_netto"], [10.0, 2.5, 4.0])
    np.testing.assert_array_equal(gdf["ha_uitgeefbaar"], [0.0, 0.4, np.nan])
    assert gdf["wloc_type"].iloc[0] == "gemengd"
    np.testing.assert_array_equal(gdf["milieucategorie_max"], [3.2, 4.1, np.nan])
    assert gdf.geometry.area.tolist() == [60_000.0, 10_000.0, 40_000.0]


def test_geojson_aliases_and_absent_fields(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"id": ["T1", "T2"], "naam": ["A", "B"], "milieucategorie": [3.1, 6]},
        geometry=[box(X0, Y0, X0 + 10, Y0 + 10), box(X0 + 20, Y0, X0 + 30, Y0 + 10)],
        crs="EPSG:28992",
    )
    path = tmp_path / "bt.geojson"
    gdf.to_file(path, driver="GeoJSON")
    out = load_bedrijventerreinen(path)
    assert out["terrein_id"].tolist() == ["T1", "T2"]
    np.testing.assert_array_equal(out["milieucategorie_max"], [3.1, 6.0])
    assert out["ha_bruto"].isna().all() and out["ha_bruto"].dtype == "float64"
    assert out["gemeentecode"].isna().all()


def test_shapefile_truncated_field_names(tmp_path):
    path = tmp_path / "bt.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL warns that MILIEUCAT_MAX is truncated
        ibis_frame().to_file(path)
    out = load_bedrijventerreinen(path)
    np.testing.assert_array_equal(out["milieucategorie_max"], [3.2, 4.1, np.nan])
    assert out["terrein_id"].tolist() == ["402001", "402002", "406001"]


def test_wgs84_is_reprojected_with_warning(tmp_path):
    path = tmp_path / "bt.geojson"
    ibis_frame().to_crs(4326).to_file(path, driver="GeoJSON")
    with pytest.warns(HerstelWaarschuwing, match="3 objecten omgezet"):
        out = load_bedrijventerreinen(path)
    assert out.geometry.area.iloc[0] == pytest.approx(60_000.0, rel=1e-6)


def test_latest_ibis_year_is_kept(tmp_path):
    old = ibis_frame().iloc[[0]].assign(JAAR=2020, HA_NETTO=9.0)
    both = pd.concat([old, ibis_frame()], ignore_index=True)
    path = tmp_path / "bt.gpkg"
    both.to_file(path)
    with pytest.warns(HerstelWaarschuwing, match="meest recente jaar"):
        out = load_bedrijventerreinen(path)
    assert out["terrein_id"].tolist() == ["402001", "402002", "406001"]
    assert out["ha_netto"].iloc[0] == 10.0


def test_missing_name_gets_id(tmp_path):
    gdf = ibis_frame()
    gdf["PLAN_NAAM"] = ["Kerkelanden", None, "  "]
    path = tmp_path / "bt.gpkg"
    gdf.to_file(path)
    with pytest.warns(HerstelWaarschuwing, match="2 terreinen zonder naam"):
        out = load_bedrijventerreinen(path)
    assert out["naam"].tolist() == [
        "Kerkelanden",
        "bedrijventerrein 402002",
        "bedrijventerrein 406001",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1.0), ("2", 2.0), ("3.1", 3.1), ("3,2", 3.2), (" 5.3 ", 5.3), ("6", 6.0), ("", np.nan)],
)
def test_parse_milieucategorie_text(value, expected):
    out = parse_milieucategorie(pd.Series([value], dtype="string"))
    np.testing.assert_array_equal(out, [expected])


def test_parse_milieucategorie_float32_numbers():
    values = pd.Series(np.array([3.2, 4.2, np.nan], dtype="float32"))
    np.testing.assert_array_equal(parse_milieucategorie(values), [3.2, 4.2, np.nan])


@pytest.mark.parametrize("bad", ["3.3", "hoog", "7", "3"])
def test_invalid_milieucategorie_names_row(tmp_path, bad):
    gdf = ibis_frame()
    gdf["MILIEUCAT_MAX"] = ["3.2", bad, None]
    path = tmp_path / "bt.gpkg"
    gdf.to_file(path)
    with pytest.raises(InputError) as err:
        load_bedrijventerreinen(path)
    msg = str(err.value)
    assert "rij 1" in msg and f"'{bad}'" in msg and "milieucategorie_max" in msg
    assert "3.1, 3.2" in msg


def test_missing_name_column_lists_columns(tmp_path):
    path = tmp_path / "bt.gpkg"
    ibis_frame().drop(columns="PLAN_NAAM").to_file(path)
    with pytest.raises(InputError, match="PLAN_NAAM") as err:
        load_bedrijventerreinen(path)
    assert "RIN_NUMMER" in str(err.value)  # the columns found are listed


def test_duplicate_id_without_year(tmp_path):
    gdf = ibis_frame().drop(columns="JAAR")
    gdf["RIN_NUMMER"] = [1, 2, 1]
    path = tmp_path / "bt.gpkg"
    gdf.to_file(path)
    with pytest.raises(InputError, match=r"rij 2: id '1' komt meer dan eens voor"):
        load_bedrijventerreinen(path)


def test_negative_area(tmp_path):
    gdf = ibis_frame()
    gdf["HA_NETTO"] = [1.0, -2.0, 3.0]
    path = tmp_path / "bt.gpkg"
    gdf.to_file(path)
    with pytest.raises(InputError, match=r"kolom 'ha_netto', rij 1: negatieve oppervlakte"):
        load_bedrijventerreinen(path)


def test_unknown_layer_lists_layers(tmp_path):
    path = tmp_path / "bt.gpkg"
    ibis_frame().to_file(path, layer="bedrijventerreinen")
    with pytest.raises(InputError, match="gevonden lagen: bedrijventerreinen"):
        load_bedrijventerreinen(path, layer="terreinen")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="bestaat niet"):
        load_bedrijventerreinen(tmp_path / "nope.gpkg")


def test_points_only_is_no_usable_layer(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"RIN_NUMMER": [1], "PLAN_NAAM": ["A"]}, geometry=[Point(X0, Y0)], crs=28992
    )
    path = tmp_path / "bt.gpkg"
    gdf.to_file(path)
    with pytest.warns(HerstelWaarschuwing), pytest.raises(InputError, match="geen"):
        load_bedrijventerreinen(path)


def test_empty_frame():
    gdf = empty_frame()
    assert len(gdf) == 0
    assert list(gdf.columns) == list(COLUMNS)
    assert gdf.crs.to_epsg() == 28992
    assert gdf["milieucategorie_max"].dtype == "float64"
