"""Wegen: motorway junction points (and road lines kept as lines)."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from werkruimte.errors import HerstelWaarschuwing, InputError
from werkruimte.sources.wegen import load_wegen


def afritten() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "naam": ["Hilversum", None],
            "weg": ["A27", "A1"],
            "nummer": [33, 9],
            "bron": ["fictief", "fictief"],
        },
        geometry=[Point(139_500.0, 467_000.0, 2.0), Point(143_000.0, 477_500.0, 1.0)],
        crs="EPSG:28992",
    )


def test_demo_layout(tmp_path):
    path = tmp_path / "afritten.gpkg"
    afritten().to_file(path, layer="afritten")
    with pytest.warns(HerstelWaarschuwing, match="1 objecten zonder naam"):
        gdf = load_wegen(path, layer="afritten")
    assert list(gdf.columns) == ["naam", "weg", "geometry"]
    assert gdf["naam"].tolist() == ["Hilversum", "afrit 9"]
    assert gdf["weg"].tolist() == ["A27", "A1"]
    assert gdf.crs.to_epsg() == 28992
    assert not gdf.geometry.has_z.any()
    assert (gdf.geometry.x.iloc[0], gdf.geometry.y.iloc[0]) == (139_500.0, 467_000.0)


def test_lines_are_kept(tmp_path):
    roads = gpd.GeoDataFrame(
        {"wegnummer": ["A1"]},
        geometry=[LineString([(140_000, 477_000), (150_000, 476_000)])],
        crs="EPSG:28992",
    )
    path = tmp_path / "wegen.geojson"
    roads.to_file(path, driver="GeoJSON")
    gdf = load_wegen(path)
    assert gdf.geom_type.tolist() == ["LineString"]
    assert gdf["weg"].tolist() == ["A1"]
    assert gdf["naam"].tolist() == ["wegobject 1"]
    assert pd.api.types.is_string_dtype(gdf["naam"])


def test_no_crs_needs_assume_crs(tmp_path):
    path = tmp_path / "afritten.gpkg"
    frame = afritten().assign(naam=["a", "b"]).set_crs(None, allow_override=True)
    with pytest.warns(UserWarning, match="crs"):
        frame.to_file(path)
    with pytest.raises(InputError, match="geen coördinatenstelsel"):
        load_wegen(path)
    with pytest.warns(HerstelWaarschuwing, match="EPSG:28992 aangenomen"):
        assert len(load_wegen(path, assume_crs="EPSG:28992")) == 2


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="bestaat niet"):
        load_wegen(tmp_path / "afritten.gpkg")
