"""Gemeenten: the real CBS 2025 file, the packaged default, aliases and find_gemeente."""

import geopandas as gpd
import pytest
from shapely.geometry import box

from werkruimte.errors import HerstelWaarschuwing, InputError
from werkruimte.sources.gemeenten import find_gemeente, load_gemeenten

CBS = "tests/data/cbs/gemeenten_gooi_vechtstreek_2025.geojson"

NAMES = ["Eemnes", "Blaricum", "Hilversum", "Huizen", "Laren (NH.)", "Wijdemeren", "Gooise Meren"]
CODES = ["GM0317", "GM0376", "GM0402", "GM0406", "GM0417", "GM1696", "GM1942"]


def test_real_cbs_file():
    gdf = load_gemeenten(CBS)
    assert list(gdf.columns) == ["gemeente", "gemeentecode", "geometry"]
    assert gdf.crs.to_epsg() == 28992
    assert gdf["gemeente"].tolist() == NAMES
    assert gdf["gemeentecode"].tolist() == CODES
    # Shoelace area of Eemnes' 9 vertices as written in the file.
    assert gdf.geometry.area.iloc[0] == pytest.approx(31_417_824.0, abs=1.0)
    assert gdf.geometry.area.sum() / 1e6 == pytest.approx(238.1, abs=0.05)


def test_packaged_default_equals_cbs_file():
    default = load_gemeenten()
    assert default["gemeente"].tolist() == NAMES
    assert default.geometry.equals(load_gemeenten(CBS).geometry)


def test_aliases_and_numeric_codes(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"naam": ["Noord", "Zuid"], "code": [402, 17]},
        geometry=[box(140_000, 470_000, 141_000, 471_000), box(140_000, 469_000, 141_000, 470_000)],
        crs="EPSG:28992",
    )
    path = tmp_path / "gem.gpkg"
    gdf.to_file(path)
    out = load_gemeenten(path)
    assert out["gemeente"].tolist() == ["Noord", "Zuid"]
    assert out["gemeentecode"].tolist() == ["GM0402", "GM0017"]


def test_parts_of_one_gemeente_are_merged(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"gemeentenaam": ["A", "B", "A"], "gemeentecode": ["GM0001", "GM0002", "GM0001"]},
        geometry=[
            box(140_000, 470_000, 141_000, 471_000),
            box(142_000, 470_000, 143_000, 471_000),
            box(144_000, 470_000, 145_000, 471_000),
        ],
        crs="EPSG:28992",
    )
    path = tmp_path / "gem.geojson"
    gdf.to_file(path, driver="GeoJSON")
    with pytest.warns(HerstelWaarschuwing, match="3 objecten samengevoegd tot 2 gemeenten"):
        out = load_gemeenten(path)
    assert out["gemeente"].tolist() == ["A", "B"]
    assert out.geometry.area.tolist() == [2_000_000.0, 1_000_000.0]


def test_missing_name_column(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"statcode": ["GM0402"]}, geometry=[box(140_000, 470_000, 141_000, 471_000)], crs=28992
    )
    path = tmp_path / "gem.gpkg"
    gdf.to_file(path)
    with pytest.raises(InputError, match="statnaam") as err:
        load_gemeenten(path)
    assert "gevonden kolommen: statcode" in str(err.value)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hilversum", "Hilversum"),
        ("hilversum", "Hilversum"),
        ("GM0402", "Hilversum"),
        ("gm0402", "Hilversum"),
        ("0402", "Hilversum"),
        ("402", "Hilversum"),
        ("Laren", "Laren (NH.)"),
        ("laren (nh.)", "Laren (NH.)"),
        (" Gooise Meren ", "Gooise Meren"),
        ("1942", "Gooise Meren"),
    ],
)
def test_find_gemeente(query, expected):
    found = find_gemeente(query)
    assert len(found) == 1
    assert found["gemeente"].iloc[0] == expected


def test_find_gemeente_unknown_lists_names():
    with pytest.raises(InputError) as err:
        find_gemeente("Amsterdam")
    msg = str(err.value)
    assert "'Amsterdam' niet gevonden" in msg
    assert "Blaricum, Eemnes, Gooise Meren, Hilversum, Huizen, Laren (NH.), Wijdemeren" in msg


def test_find_gemeente_ambiguous():
    gem = gpd.GeoDataFrame(
        {"gemeente": ["Bergen (NH.)", "Bergen (L.)"], "gemeentecode": ["GM0373", "GM0893"]},
        geometry=[box(0, 0, 1, 1), box(2, 0, 3, 1)],
        crs=28992,
    )
    with pytest.raises(InputError, match=r"meer dan één gemeente: Bergen \(NH.\), Bergen \(L.\)"):
        find_gemeente("Bergen", gem)
    assert find_gemeente("GM0893", gem)["gemeente"].iloc[0] == "Bergen (L.)"
