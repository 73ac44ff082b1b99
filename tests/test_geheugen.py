"""Memory savers of issue 16 give the same answers as the plain way.

The GeoPackage written in blocks holds what one write of the whole frame holds; the
masking of unknown indicators shares the columns it does not change; giving memory
back changes nothing.
"""

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import MultiPolygon, box

from werkruimte._geheugen import geef_vrij
from werkruimte.export import formaten, write_gpkg
from werkruimte.scoring import _maskeer


def _frame() -> gpd.GeoDataFrame:
    geoms = [
        box(0, 0, 1, 1),
        box(2, 0, 3, 1),
        MultiPolygon([box(4, 0, 5, 1), box(6, 0, 7, 1)]),
        box(8, 0, 9, 1),
        box(10, 0, 11, 1),
    ]
    return gpd.GeoDataFrame(
        {
            "perceel_id": pd.array(["a", "b", "c", "d", "e"], dtype="string"),
            "bestemming": pd.array([None, None, "Bedrijf", None, "Wonen"], dtype="string"),
            "score": [1.5, 2.25, np.nan, 4.0, 5.0],
            "kandidaat": [True, False, False, True, False],
        },
        geometry=geoms,
        crs="EPSG:28992",
    )


@pytest.mark.parametrize("blok", [1, 2, 3])
def test_blokken_gelijk_aan_een_keer(tmp_path, blok):
    gdf = _frame()
    heel = tmp_path / "heel.gpkg"
    delen = tmp_path / "delen.gpkg"
    formaten.write_ogr_in_blokken(gdf, heel, layer="percelen", blok=100)
    formaten.write_ogr_in_blokken(gdf, delen, layer="percelen", blok=blok)
    assert pyogrio.read_info(delen, layer="percelen")["geometry_type"] == "MultiPolygon"
    assert pyogrio.read_info(heel, layer="percelen")["geometry_type"] == "MultiPolygon"
    a = pyogrio.read_dataframe(heel, layer="percelen")
    b = pyogrio.read_dataframe(delen, layer="percelen")
    pd.testing.assert_frame_equal(a.drop(columns="geometry"), b.drop(columns="geometry"))
    assert list(b["perceel_id"]) == ["a", "b", "c", "d", "e"]
    assert b["bestemming"].isna().tolist() == [True, True, False, True, False]
    assert b["score"].iloc[1] == 2.25 and np.isnan(b["score"].iloc[2])
    # Every polygon became a MultiPolygon, in both files, with the same area.
    assert set(b.geometry.geom_type) == {"MultiPolygon"}
    assert b.geometry.area.tolist() == [1.0, 1.0, 2.0, 1.0, 1.0]
    assert a.geometry.equals(b.geometry)


def test_blokken_van_een_soort_blijven_die_soort(tmp_path):
    gdf = _frame().iloc[[0, 1, 3, 4]]
    pad = tmp_path / "p.gpkg"
    formaten.write_ogr_in_blokken(gdf, pad, layer="p", blok=2)
    assert pyogrio.read_info(pad, layer="p")["geometry_type"] == "Polygon"
    assert pyogrio.read_info(pad, layer="p")["features"] == 4


def test_write_gpkg_in_blokken(tmp_path, monkeypatch):
    standaard = formaten.write_ogr_in_blokken.__kwdefaults__
    monkeypatch.setattr(formaten.write_ogr_in_blokken, "__kwdefaults__", {**standaard, "blok": 2})
    pad = tmp_path / "p.gpkg"
    write_gpkg(_frame(), pad, layer="potentie")
    terug = pyogrio.read_dataframe(pad, layer="potentie")
    assert terug["perceel_id"].tolist() == ["a", "b", "c", "d", "e"]
    assert terug["kandidaat"].tolist() == [True, False, False, True, False]


def test_maskeer_deelt_onveranderde_kolommen():
    ind = gpd.GeoDataFrame(
        {
            "afstand_hotspot_m": [10.0, 20.0, 30.0],
            "ov_index": [1.0, 2.0, 3.0],
            "op_bedrijventerrein": [True, False, True],
        },
        geometry=[box(0, 0, 1, 1)] * 3,
        crs="EPSG:28992",
    )
    dekking = pd.DataFrame(
        {
            f"status_{k}": ["gemeten", "gemeten", "gemeten"]
            for k in ("percelen", "bestemmingsplannen", "bedrijventerreinen", "gtfs")
        }
        | {
            "status_hotspots": ["gemeten", "onbekend", "geschat"],
            "status_ov": ["gemeten", "gemeten", "geschat"],
            "status_glasvezel": ["onbekend"] * 3,
            "status_wegen": ["gemeten"] * 3,
        }
    )
    voor = ind.copy()
    out = _maskeer(ind, dekking)
    assert out["afstand_hotspot_m"].tolist()[0] == 10.0
    assert np.isnan(out["afstand_hotspot_m"].iloc[1])
    assert out["afstand_hotspot_m"].iloc[2] == 30.0
    # Unchanged: the very same data, not a copy.
    assert np.shares_memory(out["ov_index"].to_numpy(), ind["ov_index"].to_numpy())
    assert out["op_bedrijventerrein"].tolist() == [True, False, True]
    pd.testing.assert_frame_equal(ind, voor)


def test_geef_vrij_verandert_niets():
    a = np.arange(10.0)
    geef_vrij()
    geef_vrij()
    assert a.sum() == 45.0


def test_blokken_maken_ook_lijnen_multi(tmp_path):
    from shapely.geometry import LineString, MultiLineString

    lijnen = gpd.GeoDataFrame(
        {"weg": ["A1", "A27", "N201"]},
        geometry=[
            LineString([(0, 0), (3, 4)]),
            MultiLineString([[(0, 0), (1, 0)], [(2, 2), (2, 5)]]),
            LineString([(5, 5), (5, 9)]),
        ],
        crs="EPSG:28992",
    )
    formaten.write_ogr_in_blokken(lijnen, tmp_path / "delen.gpkg", layer="wegen", blok=1)
    terug = pyogrio.read_dataframe(tmp_path / "delen.gpkg", layer="wegen")
    assert pyogrio.read_info(tmp_path / "delen.gpkg", layer="wegen")["geometry_type"] == (
        "MultiLineString"
    )
    assert set(terug.geom_type) == {"MultiLineString"}
    assert terug.geometry.length.tolist() == [5.0, 4.0, 4.0]
    assert terug["weg"].tolist() == ["A1", "A27", "N201"]
