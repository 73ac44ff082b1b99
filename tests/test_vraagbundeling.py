"""Glasvezel gaps: selection below the threshold, grouping and counts per gebied."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from werkruimte.config import default_config
from werkruimte.errors import ConfigError, InputError
from werkruimte.regio import Regio
from werkruimte.vraagbundeling import glasvezel_gaten

X0, Y0 = 140_000.0, 470_000.0


def make_regio():
    empty = gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=28992), crs=28992)
    return Regio(
        config=default_config(),
        percelen=empty,
        gemeenten=empty,
        bedrijventerreinen=empty,
        bestemmingsplannen=empty,
        hotspots=empty,
    )


def make_werklocaties():
    return gpd.GeoDataFrame(
        {
            "id": pd.array(["A", "B", "C", "D"], dtype="string"),
            "naam": pd.array(["Terrein A", "Spot B", "Terrein C", "Terrein D"], dtype="string"),
            "soort": pd.array(["formeel", "informeel", "formeel", "formeel"], dtype="string"),
            "gemeente": pd.array(["Hilversum", "Hilversum", "Hilversum", "Huizen"], dtype="string"),
            "glasvezel_dekking": [0.5, 0.3, 0.95, np.nan],
        },
        geometry=[
            box(X0, Y0, X0 + 100, Y0 + 100),
            Point(X0 + 300, Y0 + 50),  # 200 m east of A
            box(X0, Y0 + 1000, X0 + 100, Y0 + 1100),
            box(X0 + 3000, Y0, X0 + 3100, Y0 + 100),
        ],
        crs=28992,
    )


def make_percelen():
    rows = [
        # id, geometry, m², dekking, terrein, cluster
        ("PA1", box(X0, Y0, X0 + 60, Y0 + 100), 6000.0, 0.4, "A", -1),
        ("PA2", box(X0 + 60, Y0, X0 + 100, Y0 + 100), 4000.0, 0.9, "A", -1),
        ("PB", box(X0 + 280, Y0 + 30, X0 + 320, Y0 + 55), 1000.0, 0.3, None, -1),
        ("PC1", box(X0 + 2000, Y0, X0 + 2040, Y0 + 50), 2000.0, 0.6, None, 0),
        ("PC2", box(X0 + 2040, Y0, X0 + 2060, Y0 + 50), 1000.0, 0.3, None, 0),
        ("PD1", box(X0 + 2500, Y0, X0 + 2540, Y0 + 50), 2000.0, 0.9, None, 1),
    ]
    df = pd.DataFrame(
        rows,
        columns=[
            "perceel_id",
            "geometry",
            "oppervlakte_m2",
            "glasvezel_dekking",
            "terrein_id",
            "cluster_id",
        ],
    )
    df["terrein_id"] = df["terrein_id"].astype("string")
    df["kandidaat"] = df["cluster_id"] >= 0
    return gpd.GeoDataFrame(df, geometry="geometry", crs=28992)


def make_clusters():
    return gpd.GeoDataFrame(
        {"cluster_id": [0, 1], "gemeenten": pd.array(["Huizen", "Huizen"], dtype="string")},
        geometry=[box(X0 + 2000, Y0, X0 + 2060, Y0 + 50), box(X0 + 2500, Y0, X0 + 2540, Y0 + 50)],
        crs=28992,
    )


def test_gebieden_by_hand():
    percelen, clusters, wl = make_percelen(), make_clusters(), make_werklocaties()
    before = (percelen.copy(), clusters.copy(), wl.copy())
    out = glasvezel_gaten(make_regio(), percelen, clusters, wl)
    pd.testing.assert_frame_equal(percelen, before[0])
    pd.testing.assert_frame_equal(clusters, before[1])
    pd.testing.assert_frame_equal(wl, before[2])
    assert list(out.columns) == [
        "gebied_id",
        "gemeenten",
        "aantal_werklocaties",
        "aantal_clusters",
        "aantal_percelen",
        "oppervlakte_ha",
        "gemiddelde_dekking",
        "namen",
        "geometry",
    ]
    assert out.crs.to_epsg() == 28992
    assert len(out) == 2
    g1, g2 = out.iloc[0], out.iloc[1]
    # A (0.5) and B (0.3) are 200 m apart: one gebied. C is covered, D unknown.
    assert g1["gebied_id"] == 1
    assert g1["namen"] == "Terrein A; Spot B"
    assert g1["gemeenten"] == "Hilversum"
    assert (g1["aantal_werklocaties"], g1["aantal_clusters"]) == (2, 0)
    # PA1 (below 0.8) and PB; PA2 is covered
    assert g1["aantal_percelen"] == 2
    assert g1["oppervlakte_ha"] == pytest.approx(0.7)
    assert g1["gemiddelde_dekking"] == pytest.approx((0.4 * 6000 + 0.3 * 1000) / 7000)
    assert g1.geometry.covers(Point(X0 + 300, Y0 + 50))
    assert g1.geometry.covers(box(X0, Y0, X0 + 100, Y0 + 100))
    # cluster 0: area-weighted coverage (0.6 * 2000 + 0.3 * 1000) / 3000 = 0.5
    assert g2["gebied_id"] == 2
    assert g2["namen"] == "cluster 0"
    assert g2["gemeenten"] == "Huizen"
    assert (g2["aantal_werklocaties"], g2["aantal_clusters"], g2["aantal_percelen"]) == (0, 1, 2)
    assert g2["oppervlakte_ha"] == pytest.approx(0.3)
    assert g2["gemiddelde_dekking"] == pytest.approx(0.5)


def test_shorter_distance_splits():
    out = glasvezel_gaten(
        make_regio(), make_percelen(), make_clusters(), make_werklocaties(), afstand_m=150.0
    )
    assert list(out["namen"]) == ["Terrein A", "cluster 0", "Spot B"]
    assert list(out["aantal_percelen"]) == [1, 2, 1]
    spot = out.iloc[2]
    assert spot.geometry.geom_type == "Polygon"  # a lone point as a 25 m circle
    assert spot.geometry.area == pytest.approx(np.pi * 25**2, rel=0.02)


def test_threshold():
    out = glasvezel_gaten(
        make_regio(), make_percelen(), make_clusters(), make_werklocaties(), drempel=0.35
    )
    assert list(out["namen"]) == ["Spot B"]
    assert out.iloc[0]["aantal_percelen"] == 1
    assert out.iloc[0]["gemiddelde_dekking"] == pytest.approx(0.3)


def test_cluster_coverage_column_wins():
    clusters = make_clusters()
    clusters["glasvezel_dekking"] = [0.9, 0.1]
    out = glasvezel_gaten(make_regio(), make_percelen(), clusters, make_werklocaties())
    assert "cluster 1" in list(out["namen"]) and "cluster 0" not in list(out["namen"])


def test_no_gaps_gives_empty_frame():
    wl = make_werklocaties()
    wl["glasvezel_dekking"] = 1.0
    out = glasvezel_gaten(make_regio(), make_percelen(), None, wl)
    assert len(out) == 0
    assert "gebied_id" in out.columns and out.crs.to_epsg() == 28992


@pytest.mark.parametrize("drempel", [0.0, 1.5])
def test_bad_threshold(drempel):
    with pytest.raises(ConfigError) as info:
        glasvezel_gaten(make_regio(), make_percelen(), None, make_werklocaties(), drempel=drempel)
    assert info.value.key == "criteria.glasvezel.drempel"


def test_requires_scored_parcels():
    with pytest.raises(InputError) as info:
        glasvezel_gaten(
            make_regio(),
            make_percelen().drop(columns=["glasvezel_dekking"]),
            None,
            make_werklocaties(),
        )
    assert info.value.column == "glasvezel_dekking"


def test_long_name_list_is_capped():
    n = 12
    wl = gpd.GeoDataFrame(
        {
            "id": pd.array([f"H{i}" for i in range(n)], dtype="string"),
            "naam": pd.array([f"spot {i}" for i in range(n)], dtype="string"),
            "soort": pd.array(["informeel"] * n, dtype="string"),
            "gemeente": pd.array(["Huizen"] * n, dtype="string"),
            "glasvezel_dekking": 0.1,
        },
        geometry=[Point(X0 + 100 * i, Y0 + 5000) for i in range(n)],
        crs=28992,
    )
    out = glasvezel_gaten(make_regio(), make_percelen(), None, wl)
    assert len(out) == 1 and out.iloc[0]["aantal_werklocaties"] == 12
    assert out.iloc[0]["namen"] == "; ".join(f"spot {i}" for i in range(10)) + " (+2 meer)"


def test_werklocaties_are_required():
    """glasvezel_gaten never builds the werklocaties itself (no call of driedeling)."""
    with pytest.raises(TypeError):
        glasvezel_gaten(make_regio(), make_percelen(), make_clusters())


def test_vraagbundeling_does_not_import_driedeling():
    import ast
    from pathlib import Path

    import werkruimte.vraagbundeling as vb

    tree = ast.parse(Path(vb.__file__).read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert "werkruimte.driedeling" not in modules


def test_distance_from_config():
    regio = make_regio()
    regio.config = regio.config.with_changes(
        {"criteria": {"glasvezel": {"bundel_afstand_m": 150.0}}}
    )
    out = glasvezel_gaten(regio, make_percelen(), make_clusters(), make_werklocaties())
    # as test_shorter_distance_splits: A and B (200 m apart) are no longer one gebied
    assert list(out["namen"]) == ["Terrein A", "cluster 0", "Spot B"]
    # the default, 250 m, joins them
    assert default_config().criteria["glasvezel"]["bundel_afstand_m"] == 250.0


def test_negative_distance_in_config():
    regio = make_regio()
    regio.config = regio.config.with_changes(
        {"criteria": {"glasvezel": {"bundel_afstand_m": -1.0}}}
    )
    with pytest.raises(ConfigError) as info:
        glasvezel_gaten(regio, make_percelen(), None, make_werklocaties())
    assert info.value.key == "criteria.glasvezel.bundel_afstand_m"
    with pytest.raises(ConfigError) as info:
        glasvezel_gaten(make_regio(), make_percelen(), None, make_werklocaties(), afstand_m=-5.0)
    assert info.value.key == "afstand_m"
