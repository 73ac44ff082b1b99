"""Partitioned scoring on dask: Hilbert partitions, halo, equality with the single path.

The equality test runs the demo region on an in-process ``distributed`` cluster (two
workers, threads instead of processes, so it starts in a second); one small test
uses the default local cluster with a worker process.
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import werkruimte as wr
from werkruimte import scoring
from werkruimte.config import default_config
from werkruimte.errors import ConfigError, InputError
from werkruimte.partitioned import (
    PartitieOpties,
    hilbert_partities,
    schrijf_partities,
    score_partitioned,
)
from werkruimte.regio import Regio

distributed = pytest.importorskip("distributed")
dask_geopandas = pytest.importorskip("dask_geopandas")

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    """An in-process cluster: two workers, one thread each."""
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def grid(n: int, *, size: float = 10.0) -> gpd.GeoDataFrame:
    """An n x n grid of touching squares, row by row from the south-west corner."""
    i, j = np.divmod(np.arange(n * n), n)
    x = 140_000.0 + j * size
    y = 470_000.0 + i * size
    return gpd.GeoDataFrame(
        {"perceel_id": pd.array([f"P{k:03d}" for k in range(n * n)], dtype="string")},
        geometry=shapely.box(x, y, x + size, y + size),
        crs=28992,
    )


def tiny_regio(percelen: gpd.GeoDataFrame) -> Regio:
    """A region in memory: parcels, one gemeente, two plans, one terrein, one hotspot."""
    x0, y0, x1, y1 = percelen.total_bounds
    mid = (x0 + x1) / 2
    p = percelen.copy()
    p["kadastrale_grootte_m2"] = np.nan
    p["gemeente"] = pd.array(["Hilversum"] * len(p), dtype="string")
    gemeenten = gpd.GeoDataFrame(
        {"gemeente": pd.array(["Hilversum"], dtype="string")},
        geometry=[shapely.box(x0 - 100, y0 - 100, x1 + 100, y1 + 100)],
        crs=28992,
    )
    plannen = gpd.GeoDataFrame(
        {
            "bestemmingshoofdgroep": pd.array(["bedrijf", "wonen"], dtype="string"),
            "naam": pd.array(["Bedrijf", "Wonen"], dtype="string"),
        },
        geometry=[shapely.box(x0, y0, mid, y1), shapely.box(mid, y0, x1, y1)],
        crs=28992,
    )
    terreinen = gpd.GeoDataFrame(
        {
            "terrein_id": pd.array(["T1"], dtype="string"),
            "naam": pd.array(["Testterrein"], dtype="string"),
            "milieucategorie_max": [3.1],
        },
        geometry=[shapely.box(x0, y0, mid, (y0 + y1) / 2)],
        crs=28992,
    )
    hotspots = gpd.GeoDataFrame(
        {"naam": pd.array(["Loods"], dtype="string"), "type": pd.array(["broedplaats"])},
        geometry=[shapely.Point(x1, y1)],
        crs=28992,
    )
    cfg = default_config().with_changes(
        {"criteria": {"gevoeligheid": {"runs": 20}, "grootte": {"midden_min": 50.0}}}
    )
    return Regio(
        config=cfg,
        percelen=p,
        gemeenten=gemeenten,
        bedrijventerreinen=terreinen,
        bestemmingsplannen=plannen,
        hotspots=hotspots,
    )


def assert_same(single: gpd.GeoDataFrame, part: gpd.GeoDataFrame) -> None:
    """Same columns, dtypes, order and values; floats within 1e-9."""
    assert list(part.columns) == list(single.columns)
    assert part.index.equals(single.index)
    assert (part.dtypes == single.dtypes).all()
    assert part["kandidaat"].tolist() == single["kandidaat"].tolist()
    assert np.allclose(part["score"], single["score"], rtol=0, atol=1e-9)
    for col in single.columns:
        a, b = single[col], part[col]
        if col == single.geometry.name:
            assert shapely.equals_exact(a.to_numpy(), b.to_numpy(), tolerance=0).all()
        elif pd.api.types.is_float_dtype(a):
            assert np.allclose(a, b, rtol=0, atol=1e-9, equal_nan=True), col
        else:
            assert a.equals(b), col


def digest(folder: Path) -> dict[str, str]:
    return {
        str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.rglob("*"))
        if f.is_file()
    }


# ------------------------------------------------------------------ partitions


def test_hilbert_partitions_are_the_four_quadrants() -> None:
    # 8 x 8 squares of 10 m: a level-16 Hilbert curve over the grid's extent visits
    # one quadrant completely before the next, so 4 partitions are 4 blocks of 4 x 4.
    percelen = grid(8)
    groups = hilbert_partities(percelen, 4)
    assert [len(g) for g in groups] == [16, 16, 16, 16]
    assert np.array_equal(np.sort(np.concatenate(groups)), np.arange(64))
    boxes = sorted(
        tuple(shapely.total_bounds(percelen.geometry.to_numpy()[g]) - [140_000, 470_000] * 2)
        for g in groups
    )
    assert boxes == [(0, 0, 40, 40), (0, 40, 40, 80), (40, 0, 80, 40), (40, 40, 80, 80)]


def test_partitions_balance_and_missing_geometry_goes_last() -> None:
    percelen = grid(3)
    geoms = percelen.geometry.to_numpy().copy()
    geoms[4] = None
    percelen = percelen.set_geometry(gpd.GeoSeries(geoms, crs=28992))
    groups = hilbert_partities(percelen, 4)
    assert [len(g) for g in groups] == [3, 2, 2, 2]
    assert groups[-1][-1] == 4
    assert hilbert_partities(percelen, 50)[0].tolist() != []  # capped at n partitions
    assert len(hilbert_partities(percelen, 50)) == 9


def test_partition_files_with_halo(tmp_path: Path) -> None:
    percelen = grid(8)
    groups = hilbert_partities(percelen, 4)
    files = schrijf_partities(percelen, groups, tmp_path)
    dataset = dask_geopandas.read_parquet(tmp_path)
    assert dataset.npartitions == 4
    assert len(dataset.compute()) == 64
    first = gpd.read_parquet(files[0])
    assert not first["_halo"].any()
    assert sorted(first["_pos"]) == sorted(groups[0])

    # A halo of 5 m around a 4 x 4 quadrant: its 4 + 4 neighbours along the two inner
    # edges and the 1 diagonal neighbour (bounding boxes touch within 5 m).
    halo_dir = tmp_path / "halo"
    halo_dir.mkdir()
    files = schrijf_partities(percelen, groups, halo_dir, halo_m=5.0)
    for f, own in zip(files, groups, strict=True):
        part = gpd.read_parquet(f)
        assert sorted(part.loc[~part["_halo"], "_pos"]) == sorted(own)
        assert int(part["_halo"].sum()) == 9
        assert not set(part.loc[part["_halo"], "_pos"]) & set(own)


# ------------------------------------------------------------------ equality


def test_demo_region_equals_single_machine(address: str) -> None:
    before = digest(DATA)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        regio = wr.load_demo()
        single = scoring.score(regio)
        steps: list[str] = []
        part = score_partitioned(
            regio, address=address, opties=PartitieOpties(partitions=6), progress=steps.append
        )
    assert_same(single, part)
    assert int(part["kandidaat"].sum()) > 100
    assert sum(s.startswith("partitie ") for s in steps) == 6
    assert steps[-1] == "scores, kandidaten en uitleg"
    assert digest(DATA) == before  # the inputs are never changed


def test_halo_changes_nothing_for_per_parcel_indicators(address: str) -> None:
    regio = tiny_regio(grid(12, size=20.0))
    single = scoring.score(regio)
    part = score_partitioned(
        regio, address=address, opties=PartitieOpties(partitions=5, halo_m=25.0)
    )
    assert_same(single, part)
    # by hand: 20 x 20 m = 400 m² is the lower bound of the middensegment
    assert (part["grootteklasse"] == "midden").all()
    assert part["op_bedrijventerrein"].sum() == 36  # the south-west 6 x 6 block


def test_default_local_cluster_with_worker_process(tmp_path: Path) -> None:
    regio = tiny_regio(grid(4, size=30.0))
    single = scoring.score(regio)
    part = score_partitioned(
        regio, opties=PartitieOpties(n_workers=1, partitions=2, werkmap=tmp_path / "w")
    )
    assert_same(single, part)
    assert len(list((tmp_path / "w").glob("part.*.parquet"))) == 2  # a given werkmap stays


def test_config_path_is_loaded(address: str, tmp_path: Path) -> None:
    regio = tiny_regio(grid(3, size=30.0))
    regio.percelen.drop(columns="gemeente").to_file(tmp_path / "p.gpkg", layer="perceel")
    regio.gemeenten.to_file(tmp_path / "g.geojson")
    (tmp_path / "werkruimte.toml").write_text(
        '[bronnen]\npercelen = "p.gpkg"\ngemeenten = "g.geojson"\n', encoding="utf-8"
    )
    part = score_partitioned(tmp_path / "werkruimte.toml", address=address)
    assert part["perceel_id"].tolist() == [f"P{k:03d}" for k in range(9)]
    assert (part["oppervlakte_m2"] == 900.0).all()


# ------------------------------------------------------------------ errors


def test_worker_errors_arrive_as_project_errors(address: str) -> None:
    regio = tiny_regio(grid(4, size=30.0))
    regio.bedrijventerreinen = regio.bedrijventerreinen.drop(columns="terrein_id")
    with pytest.raises(InputError, match="terrein_id ontbreekt"):
        score_partitioned(regio, address=address, opties=PartitieOpties(partitions=2))


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"opties": PartitieOpties(n_workers=0)}, "n_workers"),
        ({"opties": PartitieOpties(partitions=0)}, "partitions"),
        ({"opties": PartitieOpties(halo_m=-1.0)}, "halo_m"),
        ({"opties": PartitieOpties(halo_m=float("nan"))}, "halo_m"),
        ({"profiel": "bestaat_niet"}, "criteria.profielen.bestaat_niet"),
    ],
)
def test_bad_options_fail_before_any_cluster(options: dict, key: str) -> None:
    regio = tiny_regio(grid(2))
    with pytest.raises(ConfigError) as err:
        score_partitioned(regio, address="tcp://127.0.0.1:9", **options)
    assert err.value.key == key


def test_unreachable_scheduler_is_a_config_error() -> None:
    regio = tiny_regio(grid(2))
    with pytest.raises(ConfigError, match=r"kan de dask-scheduler op tcp://127\.0\.0\.1:9"):
        score_partitioned(regio, address="tcp://127.0.0.1:9")
