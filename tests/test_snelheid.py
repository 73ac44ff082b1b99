"""Issue 16: the faster paths give the same answers as the plain ones."""

from __future__ import annotations

import dataclasses
import threading
import time
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from affine import Affine
from rasters import fractie_raster

import werkruimte._kernen as kernen_mod
from werkruimte import dekking
from werkruimte._kernen import Inline, pool
from werkruimte.errors import HerstelWaarschuwing
from werkruimte.export import write_gpkg
from werkruimte.indicators._aandeel import _data_vlakken, raster_shares, shares
from werkruimte.indicators.glasvezel import _exact_means, glasvezel_dekking
from werkruimte.regio import load_demo
from werkruimte.scoring import indicatoren
from werkruimte.sources.glasvezel import Dekkingsraster


@pytest.fixture(scope="module")
def klein() -> object:
    """The demo region with its first 1500 parcels (the other layers whole)."""
    regio = load_demo()
    return dataclasses.replace(regio, percelen=regio.percelen.iloc[:1500].copy())


def test_write_gpkg_arrow_keeps_text_nulls_and_categories(tmp_path):
    frame = gpd.GeoDataFrame(
        {
            "tekst": pd.array(["a", None, "één"], dtype="string"),
            "object": np.array(["x", None, np.nan], dtype=object),
            "klasse": pd.Categorical(["groot", "klein", None]),
            "getal": [1.5, np.nan, 3.0],
            "ja": [True, False, True],
        },
        geometry=shapely.points([0, 1, 2], [0, 1, 2]),
        crs="EPSG:28992",
    )
    pad = tmp_path / "t.gpkg"
    write_gpkg(frame, pad, layer="t")
    terug = pyogrio.read_dataframe(pad, layer="t")

    def waarden(col: str) -> list[object]:
        return [None if pd.isna(v) else v for v in terug[col]]

    assert waarden("tekst") == ["a", None, "één"]
    assert waarden("object") == ["x", None, None]
    assert waarden("klasse") == ["groot", "klein", None]
    assert terug["getal"].iloc[[0, 2]].tolist() == [1.5, 3.0]
    assert np.isnan(terug["getal"].iloc[1])
    assert terug["ja"].tolist() == [True, False, True]
    assert frame["object"].iloc[2] is np.nan  # the input is left alone


def test_write_gpkg_mixed_objects_still_written(tmp_path):
    frame = gpd.GeoDataFrame(
        {"gemengd": np.array([1, "twee", None], dtype=object)},
        geometry=shapely.points([0, 1, 2], [0, 1, 2]),
        crs="EPSG:28992",
    )
    pad = tmp_path / "m.gpkg"
    write_gpkg(frame, pad, layer="m")
    terug = pyogrio.read_dataframe(pad, layer="m")
    assert [str(v) for v in terug["gemengd"].iloc[:2]] == ["1", "twee"]
    assert terug["gemengd"].isna().iloc[2]


def test_inline_pool_runs_now_and_reraises():
    with Inline() as threads:
        assert threads.submit(lambda a, b: a + b, 2, 3).result() == 5
        failed = threads.submit(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        failed.result()


def test_indicators_and_coverage_same_on_one_core_and_two(klein, monkeypatch):
    twee_ind = indicatoren(klein)
    twee_dek = dekking.dekking_per_perceel(klein)
    monkeypatch.setattr(kernen_mod, "kernen", lambda: 1)
    with pool() as threads:
        assert isinstance(threads, Inline)
    een_ind = indicatoren(klein)
    een_dek = dekking.dekking_per_perceel(klein)
    pd.testing.assert_frame_equal(pd.DataFrame(een_ind), pd.DataFrame(twee_ind), check_exact=True)
    pd.testing.assert_frame_equal(een_dek, twee_dek, check_exact=True)
    # The overlay with the plans really ran: some of these parcels lie under a plan.
    assert twee_ind["bestemming"].notna().sum() > 0
    assert (twee_dek["bestemmingsplannen"] > 0).sum() > 0


def test_pool_puts_the_warning_filters_back(monkeypatch):
    """Two threads leaving catch_warnings blocks out of order leave a temporary filter in
    force (here "ignore UserWarning", which would hide every HerstelWaarschuwing); the
    pool restores the filters of its start once its threads are done."""
    monkeypatch.setattr(kernen_mod, "kernen", lambda: 2)
    original = warnings.filters
    binnen, verder = threading.Event(), threading.Event()

    def library_call() -> None:
        with warnings.catch_warnings():
            binnen.set()
            assert verder.wait(10)

    with pool() as threads:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            later = threads.submit(library_call)
            assert binnen.wait(10)  # the thread saved our temporary filters
        verder.set()
        later.result()
        # Inside the pool the temporary filter has leaked back in...
        assert warnings.filters[0][0] == "ignore" and warnings.filters[0][2] is UserWarning
    # ...and the pool put the filters of its start back.
    assert warnings.filters is original
    with pytest.warns(HerstelWaarschuwing):
        warnings.warn("zichtbaar", HerstelWaarschuwing, stacklevel=1)


def test_loading_same_on_one_core_and_two(monkeypatch):
    twee = load_demo()
    monkeypatch.setattr(kernen_mod, "kernen", lambda: 1)
    een = load_demo()
    assert een.lagen == twee.lagen
    assert list(een.lagen) == list(twee.lagen)
    pd.testing.assert_frame_equal(een.percelen, twee.percelen, check_exact=True)
    pd.testing.assert_frame_equal(een.bestemmingsplannen, twee.bestemmingsplannen)
    assert een.ov is not None and twee.ov is not None
    pd.testing.assert_frame_equal(een.ov.departures, twee.ov.departures)


def test_repairs_of_the_sources_loading_side_by_side_are_warned_in_order(monkeypatch):
    """The parcels load on this thread while GTFS loads on the second one. A library
    that silences warnings with ``catch_warnings`` in one thread would swallow the
    other thread's warnings; the repairs are therefore collected per source and
    warned afterwards, parcels first."""
    from werkruimte.sources import gtfs, kadaster
    from werkruimte.sources._common import mend

    echte_gtfs, echte_percelen = gtfs.load_gtfs, kadaster.load_percelen

    def gtfs_met_herstel(path):
        for i in range(40):
            mend(f"gtfs {i}")
            with warnings.catch_warnings():  # as libraries do inside
                warnings.simplefilter("ignore")
                time.sleep(0.0005)
        return echte_gtfs(path)

    def percelen_met_herstel(*args, **kwargs):
        for i in range(40):
            mend(f"percelen {i}")
            time.sleep(0.0005)
        return echte_percelen(*args, **kwargs)

    monkeypatch.setattr(gtfs, "load_gtfs", gtfs_met_herstel)
    monkeypatch.setattr(kadaster, "load_percelen", percelen_met_herstel)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", HerstelWaarschuwing)
        regio = load_demo()
    said = [str(w.message) for w in caught if issubclass(w.category, HerstelWaarschuwing)]
    assert said == [f"percelen {i}" for i in range(40)] + [f"gtfs {i}" for i in range(40)]
    assert regio.lagen["percelen"].hersteld == said[:40]
    assert regio.lagen["gtfs"].hersteld == said[40:]


def _raster_2x2() -> Dekkingsraster:
    """10 m cells from RD (140000, 470020): A = 0.0 | B = 1.0 on top, C = 0.5 | D = nodata."""
    return fractie_raster(
        [[0.0, 1.0], [0.5, np.nan]], Affine(10.0, 0.0, 140_000.0, 0.0, -10.0, 470_020.0)
    )


def test_raster_shares_by_hand_and_as_the_overlay():
    x0, y0 = 140_000.0, 470_000.0
    geoms = np.array(
        [
            shapely.box(x0 + 2, y0 + 12, x0 + 8, y0 + 18),  # inside A: 1 (shortcut)
            shapely.box(x0 + 5, y0 + 12, x0 + 15, y0 + 18),  # on A and B: 1 (shortcut)
            shapely.box(x0 + 5, y0 + 2, x0 + 15, y0 + 8),  # half C, half D: 0.5 (overlay)
            shapely.box(x0 + 12, y0 + 2, x0 + 18, y0 + 8),  # only on nodata D: 0
            shapely.box(x0 + 500, y0, x0 + 510, y0 + 10),  # off the raster: 0
            shapely.box(x0 - 10, y0 + 10, x0 + 10, y0 + 20),  # half off, half on A: 0.5
            None,  # no geometry: 0
        ],
        dtype=object,
    )
    raster = _raster_2x2()
    got = raster_shares(geoms, raster)
    np.testing.assert_allclose(got, [1.0, 1.0, 0.5, 0.0, 0.0, 0.5, 0.0], atol=1e-12)
    # The shortcut gives what the overlay with the data cells gives.
    echt = np.array([g is not None for g in geoms])
    overlay = shares(geoms[echt], _data_vlakken(raster))
    np.testing.assert_allclose(got[echt], overlay, atol=1e-12)


def test_glasvezel_single_cell_shortcut_equals_exactextract():
    x0, y0 = 140_000.0, 470_000.0
    raster = _raster_2x2()
    geoms = np.array(
        [
            shapely.box(x0 + 1, y0 + 11, x0 + 9.5, y0 + 13),  # inside A
            shapely.Polygon([(x0 + 11, y0 + 11), (x0 + 19, y0 + 12), (x0 + 15, y0 + 19)]),  # B
            shapely.box(x0 + 3, y0 + 3, x0 + 7, y0 + 7),  # inside C
        ],
        dtype=object,
    )
    frame = gpd.GeoDataFrame(geometry=geoms, crs="EPSG:28992")
    snel = glasvezel_dekking(frame, raster).to_numpy()
    assert snel.tolist() == [0.0, 1.0, 0.5]
    np.testing.assert_array_equal(snel, _exact_means(raster, geoms))
