"""Schuifruimte clusters and the demand comparison (issue 4)."""

import copy
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from geopandas.testing import assert_geodataframe_equal
from shapely.geometry import Point, box

from werkruimte import schuifruimte as sr
from werkruimte.config import default_config
from werkruimte.errors import ConfigError, HerstelWaarschuwing, InputError

X0, Y0 = 140_000.0, 470_000.0


def cluster_all(percelen, **kwargs):
    """cluster_schuifruimte over every candidate (the fixtures mix both profiles)."""
    kwargs.setdefault("profielen", None)
    return sr.cluster_schuifruimte(percelen, **kwargs)


def test_default_clusters_only_the_schuifruimte_profile():
    _, default = sr.cluster_schuifruimte(make_percelen(), min_oppervlakte_m2=0.0)
    _, explicit = sr.cluster_schuifruimte(
        make_percelen(), min_oppervlakte_m2=0.0, profielen=["schuifruimte"]
    )
    assert default["percelen"].tolist() == explicit["percelen"].tolist()
    _, every = cluster_all(make_percelen(), min_oppervlakte_m2=0.0)
    assert len(every) > len(default)


def rd_box(x0, y0, x1, y1):
    return box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


# id, box (local metres), oppervlakte_m2, score, kandidaat, gemeente, profiel
ROWS = [
    # group A: three touching parcels of 40 x 50 m; a1's registered area differs
    ("a1", (0, 0, 40, 50), 2100.0, 80.0, True, "Huizen", "schuifruimte"),
    ("a2", (40, 0, 80, 50), 2000.0, 70.0, True, "Blaricum", "schuifruimte"),
    ("a3", (80, 0, 120, 50), 2000.0, 60.0, True, "Huizen", "schuifruimte"),
    # a non-candidate touching a3 (high score, still never joins)
    ("n1", (120, 0, 160, 50), 2000.0, 95.0, False, "Huizen", pd.NA),
    # group B, 880 m east: 4500 m² in total, best score
    ("b1", (1000, 0, 1050, 50), 2500.0, 90.0, True, "Laren", "schuifruimte"),
    ("b2", (1050, 0, 1100, 40), 2000.0, 90.0, True, "Laren", "schuifruimte"),
    # group C, 950 m north: four touching parcels of 1500 m², middensegment
    ("c1", (0, 1000, 50, 1030), 1500.0, 50.0, True, "Eemnes", "middensegment"),
    ("c2", (0, 1030, 50, 1060), 1500.0, 50.0, True, "Eemnes", "middensegment"),
    ("c3", (0, 1060, 50, 1090), 1500.0, 50.0, True, "Eemnes", "middensegment"),
    ("c4", (50, 1000, 80, 1050), 1500.0, 50.0, True, "Eemnes", "middensegment"),
    # a lone non-candidate far away
    ("n2", (3000, 3000, 3040, 3050), 2000.0, 10.0, False, "Hilversum", pd.NA),
]


def make_percelen(rows=ROWS, index=None):
    gdf = gpd.GeoDataFrame(
        {
            "perceel_id": pd.array([r[0] for r in rows], dtype="string"),
            "gemeente": pd.array([r[5] for r in rows], dtype="string"),
            "oppervlakte_m2": [r[2] for r in rows],
            "score": [r[3] for r in rows],
            "kandidaat": [r[4] for r in rows],
            "profiel": pd.array([r[6] for r in rows], dtype="string"),
            "cluster_id": np.full(len(rows), -1, dtype="int64"),
        },
        geometry=[rd_box(*r[1]) for r in rows],
        crs=28992,
        index=index,
    )
    return gdf


def ids_of(percelen, cluster_id):
    return sorted(percelen.loc[percelen["cluster_id"] == cluster_id, "perceel_id"])


def test_three_groups_give_three_clusters():
    percelen = make_percelen()
    out, clusters = cluster_all(percelen, afstand_m=100.0, min_oppervlakte_m2=0.0)
    assert list(clusters.columns) == [*sr.CLUSTER_COLUMNS, "geometry"]
    assert clusters.crs.to_epsg() == 28992
    # rank: B (90) > A (area-weighted 70.16) > C (50)
    assert clusters["cluster_id"].tolist() == [0, 1, 2]
    assert clusters["rang"].tolist() == [1, 2, 3]
    assert clusters["aantal_percelen"].tolist() == [2, 3, 4]
    assert clusters["oppervlakte_m2"].tolist() == [4500.0, 6100.0, 6000.0]
    assert clusters["oppervlakte_ha"].tolist() == pytest.approx([0.45, 0.61, 0.6])
    # (2100*80 + 2000*70 + 2000*60) / 6100 = 70.1639...
    assert clusters["gemiddelde_score"].tolist() == [90.0, 70.16, 50.0]
    assert clusters["gemeenten"].tolist() == ["Laren", "Blaricum, Huizen", "Eemnes"]
    assert clusters["profielen"].tolist() == ["schuifruimte", "schuifruimte", "middensegment"]
    assert clusters["percelen"].tolist() == ["b1, b2", "a1, a2, a3", "c1, c2, c3, c4"]
    assert ids_of(out, 0) == ["b1", "b2"]
    assert ids_of(out, 1) == ["a1", "a2", "a3"]
    assert ids_of(out, 2) == ["c1", "c2", "c3", "c4"]
    assert ids_of(out, -1) == ["n1", "n2"]
    assert out["cluster_id"].dtype == "int64"
    # convex hull of group A is its 120 x 50 m block; of C an L-shape's hull
    assert clusters.geometry.iloc[1].equals(rd_box(0, 0, 120, 50))
    assert clusters.geometry.iloc[2].area == pytest.approx(80 * 90 - 30 * 40 / 2)


def test_min_area_drops_small_cluster():
    out, clusters = cluster_all(make_percelen())  # defaults: 100 m, 5000 m²
    assert clusters["oppervlakte_m2"].tolist() == [6100.0, 6000.0]
    assert clusters["gemeenten"].tolist() == ["Blaricum, Huizen", "Eemnes"]
    assert ids_of(out, -1) == ["b1", "b2", "n1", "n2"]
    assert ids_of(out, 0) == ["a1", "a2", "a3"]


def test_non_candidates_never_join_or_bridge():
    rows = [
        ("p", (0, 0, 40, 50), 2000.0, 80.0, True, "Huizen", "schuifruimte"),
        ("q", (40, 0, 60, 50), 1000.0, 99.0, False, "Huizen", pd.NA),  # touches p and r
        ("r", (60, 0, 100, 50), 2000.0, 70.0, True, "Huizen", "schuifruimte"),
        ("s", (100, 0, 140, 50), 2000.0, 70.0, pd.NA, "Huizen", pd.NA),  # NA = no
    ]
    percelen = make_percelen(rows)
    percelen["kandidaat"] = percelen["kandidaat"].astype("boolean")
    out, clusters = cluster_all(percelen, afstand_m=10.0, min_oppervlakte_m2=0.0)
    assert clusters["percelen"].tolist() == ["p", "r"]
    assert out["cluster_id"].tolist() == [0, -1, 1, -1]
    # at 25 m p and r (20 m apart) are one cluster; q still is not in it
    out, clusters = cluster_all(percelen, afstand_m=25.0, min_oppervlakte_m2=0.0)
    assert clusters["percelen"].tolist() == ["p, r"]
    assert clusters["oppervlakte_m2"].tolist() == [4000.0]
    assert out["cluster_id"].tolist() == [0, -1, 0, -1]


def test_distance_is_edge_to_edge_not_centroids():
    # two long parcels 30 m apart edge to edge, centroids 530 m apart
    rows = [
        ("l1", (0, 0, 500, 10), 5000.0, 60.0, True, "Huizen", "schuifruimte"),
        ("l2", (530, 0, 1030, 10), 5000.0, 60.0, True, "Huizen", "schuifruimte"),
    ]
    _, clusters = cluster_all(make_percelen(rows), afstand_m=30.0)
    assert clusters["aantal_percelen"].tolist() == [2]
    _, clusters = cluster_all(make_percelen(rows), afstand_m=29.9)
    assert clusters["aantal_percelen"].tolist() == [1, 1]


def test_input_unchanged_and_index_kept():
    percelen = make_percelen(index=pd.Index([10, 3, 7, 1, 5, 2, 9, 8, 4, 6, 0]))
    before = copy.deepcopy(percelen)
    out, _ = cluster_all(percelen, min_oppervlakte_m2=0.0)
    assert_geodataframe_equal(percelen, before)
    assert out is not percelen
    assert out.index.equals(percelen.index)
    assert out.loc[10, "cluster_id"] == 1  # a1
    assert_geodataframe_equal(out.drop(columns="cluster_id"), before.drop(columns="cluster_id"))


def test_row_order_does_not_change_clusters():
    percelen = make_percelen()
    out1, c1 = cluster_all(percelen, min_oppervlakte_m2=0.0)
    out2, c2 = cluster_all(percelen.iloc[::-1], min_oppervlakte_m2=0.0)
    a = out1.set_index("perceel_id")["cluster_id"].sort_index()
    b = out2.set_index("perceel_id")["cluster_id"].sort_index()
    assert a.tolist() == b.tolist()
    assert c1["oppervlakte_m2"].tolist() == c2["oppervlakte_m2"].tolist()


def test_profielen_restricts_candidates():
    percelen = make_percelen()
    before = percelen.copy(deep=True)
    out, clusters = cluster_all(percelen, min_oppervlakte_m2=0.0, profielen=["schuifruimte"])
    # The profile filter must not write through into the input's kandidaat column.
    assert_geodataframe_equal(percelen, before)
    assert out["kandidaat"].tolist() == before["kandidaat"].tolist()
    assert clusters["percelen"].tolist() == ["b1, b2", "a1, a2, a3"]
    assert ids_of(out, -1) == ["c1", "c2", "c3", "c4", "n1", "n2"]


def test_no_candidates_gives_empty_clusters(tmp_path):
    percelen = make_percelen().assign(kandidaat=False)
    out, clusters = cluster_all(percelen)
    assert (out["cluster_id"] == -1).all()
    assert len(clusters) == 0
    assert list(clusters.columns) == [*sr.CLUSTER_COLUMNS, "geometry"]
    assert clusters.crs.to_epsg() == 28992
    balans = sr.vraag_en_aanbod(clusters)
    assert balans.as_dict()["gekozen_clusters"] == []
    assert balans.tekst() == "Aanbod 0 ha in 0 clusters tegen een vraag van 14 ha: tekort 14 ha."
    path = tmp_path / "leeg.gpkg"
    sr.write_clusters(clusters, None, path)
    assert len(pyogrio.read_dataframe(path, layer="clusters")) == 0


def test_missing_area_falls_back_to_geometry():
    percelen = make_percelen()
    percelen.loc[0, "oppervlakte_m2"] = np.nan
    with pytest.warns(HerstelWaarschuwing, match="1 kandidaten zonder geldige oppervlakte_m2"):
        _, clusters = cluster_all(percelen, min_oppervlakte_m2=0.0)
    assert clusters["oppervlakte_m2"].tolist() == [4500.0, 6000.0, 6000.0]


def test_percelen_list_holds_every_member():
    """Data is data (issue 11): every member id, best score first; only the map shortens."""
    from werkruimte.kaart._invoer import kort_lijst

    rows = [
        (f"p{i:02d}", (i * 10, 0, i * 10 + 10, 10), 100.0, float(i), True, "Huizen", "x")
        for i in range(13)
    ]
    _, clusters = cluster_all(make_percelen(rows), min_oppervlakte_m2=0.0)
    expected = ", ".join(f"p{i:02d}" for i in range(12, -1, -1))
    assert clusters["percelen"].tolist() == [expected]
    shown = ", ".join(f"p{i:02d}" for i in range(12, 2, -1)) + " (+3)"
    assert kort_lijst(clusters["percelen"]).tolist() == [shown]


def test_bad_input_and_options():
    percelen = make_percelen()
    with pytest.raises(InputError, match="kolom 'score'"):
        cluster_all(percelen.drop(columns="score"))
    with pytest.raises(InputError, match="kolom 'profiel'"):
        cluster_all(percelen.drop(columns="profiel"), profielen=["schuifruimte"])
    with pytest.raises(InputError, match=r"kolom 'kandidaat'.*rij 2.*'misschien'"):
        cluster_all(percelen.assign(kandidaat=[True, False, "misschien", *[""] * 8]))
    with pytest.raises(ConfigError, match="afstand_m"):
        cluster_all(percelen, afstand_m=0.0)
    with pytest.raises(ConfigError, match="min_oppervlakte_m2"):
        cluster_all(percelen, min_oppervlakte_m2=-1.0)
    with pytest.raises(InputError, match="CRS"):
        cluster_all(percelen.set_crs(None, allow_override=True))


def test_other_crs_is_reprojected():
    percelen = make_percelen().to_crs(3857)
    with pytest.warns(HerstelWaarschuwing, match="omgezet"):
        out, clusters = cluster_all(percelen, min_oppervlakte_m2=0.0)
    assert clusters.crs.to_epsg() == 28992
    assert clusters["aantal_percelen"].tolist() == [2, 3, 4]
    assert out.crs.to_epsg() == 3857  # the parcels frame keeps its own CRS


def test_options_from_config():
    cfg = default_config()
    assert sr.options_from_config(cfg) == {
        "afstand_m": 100.0,
        "min_oppervlakte_m2": 5000.0,
        "profielen": ("schuifruimte",),
    }
    bad = cfg.with_changes({"criteria": {"schuifruimte": {"afstand_m": -5.0}}})
    with pytest.raises(ConfigError, match=r"criteria\.schuifruimte\.afstand_m"):
        sr.options_from_config(bad)


def clusters_frame(areas_ha, order=None):
    n = len(areas_ha)
    frame = gpd.GeoDataFrame(
        {
            "cluster_id": np.arange(n),
            "rang": np.arange(1, n + 1),
            "oppervlakte_m2": [a * 10_000 for a in areas_ha],
        },
        geometry=[rd_box(i * 100, 0, i * 100 + 50, 50) for i in range(n)],
        crs=28992,
    )
    return frame if order is None else frame.iloc[order]


def test_vraag_en_aanbod_over():
    clusters = clusters_frame([6.0, 5.0, 4.0], order=[2, 0, 1])  # rows not in rank order
    b = sr.vraag_en_aanbod(clusters, vraag_ha=10.0)
    # greedy by rank: 6 + 5 = 11 ha (not the tighter 6 + 4 = 10)
    assert b.gekozen == (0, 1)
    assert b.gekozen_ha == pytest.approx(11.0)
    assert b.overschot_ha == pytest.approx(1.0)
    assert b.tekort_ha == 0.0
    assert b.aanbod_ha == pytest.approx(15.0)
    assert b.as_dict() == {
        "vraag_ha": 10.0,
        "aanbod_ha": 15.0,
        "gekozen_clusters": [0, 1],
        "gekozen_ha": 11.0,
        "tekort_ha": 0.0,
        "overschot_ha": 1.0,
        "aantal_clusters": 3,
    }
    assert b.tekst() == (
        "Aanbod 15 ha in 3 clusters tegen een vraag van 10 ha: de beste 2 clusters (11 ha) "
        "dekken de vraag met 1 ha over."
    )
    b = sr.vraag_en_aanbod(clusters, vraag_ha=11.0)
    assert (b.gekozen, b.overschot_ha, b.tekort_ha) == ((0, 1), 0.0, 0.0)
    assert b.tekst().endswith("de beste 2 clusters (11 ha) dekken de vraag precies.")
    b = sr.vraag_en_aanbod(clusters, vraag_ha=4.5)
    assert b.gekozen == (0,)
    assert b.tekst().endswith("het beste cluster (6 ha) dekt de vraag met 1,5 ha over.")


def test_vraag_en_aanbod_short():
    clusters = clusters_frame([0.45, 6.1, 4.65])
    b = sr.vraag_en_aanbod(clusters)  # default demand 14 ha
    assert b.vraag_ha == 14.0
    assert b.gekozen == (0, 1, 2)
    assert b.gekozen_ha == pytest.approx(11.2)
    assert b.tekort_ha == pytest.approx(2.8)
    assert b.overschot_ha == 0.0
    assert b.tekst() == "Aanbod 11,2 ha in 3 clusters tegen een vraag van 14 ha: tekort 2,8 ha."
    with pytest.raises(ConfigError, match="vraag_ha"):
        sr.vraag_en_aanbod(clusters, vraag_ha=-1.0)


def test_gpkg_round_trip(tmp_path):
    _, clusters = cluster_all(make_percelen(), min_oppervlakte_m2=0.0)
    clusters.loc[2, "profielen"] = pd.NA
    driedeling = gpd.GeoDataFrame(
        {
            "id": ["t1", "h1"],
            "soort": ["formeel", "informeel"],
            "klasse": pd.Categorical(["behouden", "menging"]),
            "reden": pd.array(["milieucategorie 3.1", pd.NA], dtype="string"),
        },
        geometry=[rd_box(0, 0, 500, 500), Point(X0 + 10, Y0 + 10)],
        crs=28992,
    )
    path = tmp_path / "schuifruimte.gpkg"
    path.write_bytes(b"oud")  # an existing file is replaced
    sr.write_clusters(clusters, driedeling, path)
    assert sorted(pyogrio.list_layers(path)[:, 0]) == [
        "clusters",
        "driedeling_hotspots",
        "driedeling_terreinen",
    ]
    # GeoPackage 1.3 (application_id GPKG, user_version 10300) for QGIS 3.22's GDAL
    header = path.read_bytes()[60:72]
    assert header[8:12] == b"GPKG" and int.from_bytes(header[0:4], "big") == 10300
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        back = gpd.read_file(path, layer="clusters")
    assert back["cluster_id"].tolist() == [0, 1, 2]
    assert back["oppervlakte_m2"].tolist() == [4500.0, 6100.0, 6000.0]
    assert back["gemeenten"].tolist() == ["Laren", "Blaricum, Huizen", "Eemnes"]
    assert back["profielen"].isna().tolist() == [False, False, True]
    assert back.crs.to_epsg() == 28992
    assert back.geometry.iloc[1].equals(rd_box(0, 0, 120, 50))
    # one geometry type per layer: terreinen polygons, hotspots points
    terreinen = gpd.read_file(path, layer="driedeling_terreinen")
    hotspots = gpd.read_file(path, layer="driedeling_hotspots")
    assert terreinen["id"].tolist() == ["t1"] and hotspots["id"].tolist() == ["h1"]
    assert pyogrio.read_info(path, layer="driedeling_terreinen")["geometry_type"] == "Polygon"
    assert pyogrio.read_info(path, layer="driedeling_hotspots")["geometry_type"] == "Point"
    assert hotspots["reden"].isna().tolist() == [True]
    # the reader puts them back together (and still reads the mixed layer of old runs)
    dd = sr.read_driedeling(path)
    assert dd["id"].tolist() == ["t1", "h1"]
    assert dd["klasse"].tolist() == ["behouden", "menging"]
    assert dd["reden"].isna().tolist() == [False, True]
    oud = tmp_path / "oud.gpkg"
    pyogrio.write_dataframe(sr._for_writing(driedeling), oud, layer="driedeling")
    assert sr.read_driedeling(oud)["id"].tolist() == ["t1", "h1"]
    # a plain table (no geometry) is written as a non-spatial layer
    path2 = tmp_path / "tabel.gpkg"
    sr.write_clusters(clusters, pd.DataFrame(driedeling.drop(columns="geometry")), path2)
    assert pyogrio.read_dataframe(path2, layer="driedeling", read_geometry=False)[
        "id"
    ].tolist() == ["t1", "h1"]
    zonder = tmp_path / "zonder.gpkg"
    sr.write_clusters(clusters, None, zonder)
    assert sr.read_driedeling(zonder) is None
