"""Exact parcel area per raster cell, vectorised (indicators/_celaandeel.py).

The grid: 10 m cells, top-left corner at RD (140000, 470030), 3 columns × 3 rows::

    row 0: y 470020..470030    columns: x 140000..140010 | 140010..140020 | 140020..140030
    row 1: y 470010..470020
    row 2: y 470000..470010
"""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from affine import Affine
from rasters import fractie_raster

from werkruimte.indicators._celaandeel import cel_oppervlakken, gewogen_gemiddelde
from werkruimte.indicators._raster import cel_bereik
from werkruimte.indicators.glasvezel import _exact_means, glasvezel_dekking

X0, Y0 = 140_000.0, 470_000.0
TRANSFORM = Affine(10.0, 0.0, X0, 0.0, -10.0, Y0 + 30)


class _Raster:
    def __init__(self, waarden):
        self.waarden = np.asarray(waarden, dtype="float64")
        self.transform = TRANSFORM


RASTER = _Raster(np.arange(9.0).reshape(3, 3))


def _per_cel(geom):
    geoms = np.array([geom], dtype=object)
    pos, row, col, area = cel_oppervlakken(geoms, cel_bereik(RASTER, geoms), TRANSFORM)
    assert (pos == 0).all()
    return {(int(r), int(c)): float(a) for r, c, a in zip(row, col, area, strict=True) if a}


def test_square_over_four_cells_by_hand():
    # 6 x 4 m box from (8, 12) to (14, 16): 2 m in column 0, 4 m in column 1; rows: all in row 1.
    got = _per_cel(shapely.box(X0 + 8, Y0 + 12, X0 + 14, Y0 + 16))
    assert got == pytest.approx({(1, 0): 8.0, (1, 1): 16.0}, abs=1e-9)
    # 10 x 10 box centred on the node (10, 20): 25 m² in each of the four cells around it.
    got = _per_cel(shapely.box(X0 + 5, Y0 + 15, X0 + 15, Y0 + 25))
    assert got == pytest.approx({(0, 0): 25.0, (0, 1): 25.0, (1, 0): 25.0, (1, 1): 25.0})


def test_triangle_clockwise_by_hand():
    # Right triangle (5,15)-(15,15)-(5,25) given clockwise: area 50; the node (10, 20)
    # splits it into 25 (lower left square 5x5), 12.5 (lower right) and 12.5 (upper left).
    tri = shapely.Polygon([(X0 + 5, Y0 + 15), (X0 + 5, Y0 + 25), (X0 + 15, Y0 + 15)])
    assert not shapely.is_ccw(tri.exterior)
    got = _per_cel(tri)
    assert got == pytest.approx({(1, 0): 25.0, (1, 1): 12.5, (0, 0): 12.5}, abs=1e-9)


def test_hole_and_multipolygon_by_hand():
    # A 20 x 20 square over (5..25, 5..25) with a 10 x 10 hole over (10..20, 10..20):
    # the hole is exactly the middle cell (row 1, column 1).
    ring = shapely.Polygon(
        shapely.box(X0 + 5, Y0 + 5, X0 + 25, Y0 + 25).exterior,
        [shapely.box(X0 + 10, Y0 + 10, X0 + 20, Y0 + 20).exterior],
    )
    got = _per_cel(ring)
    assert (1, 1) not in got
    assert got[(0, 0)] == pytest.approx(25.0) and got[(0, 1)] == pytest.approx(50.0)
    assert sum(got.values()) == pytest.approx(300.0)
    multi = shapely.MultiPolygon(
        [
            shapely.box(X0 + 1, Y0 + 1, X0 + 3, Y0 + 3),
            shapely.box(X0 + 21, Y0 + 21, X0 + 29, Y0 + 22),
        ]
    )
    assert _per_cel(multi) == pytest.approx({(2, 0): 4.0, (0, 2): 8.0})


def test_random_polygons_equal_shapely_overlay():
    rng = np.random.default_rng(7)
    geoms = []
    for _ in range(300):
        cx, cy = X0 + rng.uniform(4, 26), Y0 + rng.uniform(4, 26)
        angles = np.sort(rng.uniform(0, 2 * np.pi, rng.integers(3, 12)))
        radii = rng.uniform(0.5, 4.0, len(angles))
        pts = np.c_[cx + radii * np.cos(angles), cy + radii * np.sin(angles)]
        geoms.append(shapely.make_valid(shapely.Polygon(pts)))
    geoms = np.array(geoms, dtype=object)
    pos, row, col, area = cel_oppervlakken(geoms, cel_bereik(RASTER, geoms), TRANSFORM)
    cells = shapely.box(
        X0 + col * 10.0, Y0 + 30 - (row + 1) * 10.0, X0 + (col + 1) * 10.0, Y0 + 30 - row * 10.0
    )
    expected = shapely.area(shapely.intersection(geoms[pos], cells))
    # Both are exact up to rounding with coordinates near 140 000: 1e-8 m² apart at most.
    np.testing.assert_allclose(area, expected, rtol=0, atol=1e-8)
    np.testing.assert_allclose(
        np.bincount(pos, weights=area, minlength=len(geoms)), shapely.area(geoms), rtol=1e-9
    )


def test_weighted_mean_leaves_nodata_out():
    pos = np.array([0, 0, 0, 1, 2])
    area = np.array([1.0, 3.0, 2.0, 5.0, 0.0])
    value = np.array([0.0, 1.0, np.nan, np.nan, 1.0])
    got = gewogen_gemiddelde(pos, area, value, 3)
    assert got[0] == 0.75 and np.isnan(got[1]) and np.isnan(got[2])


def test_glasvezel_over_a_few_cells_equals_exactextract():
    waarden = np.array([[0.0, 1.0, 0.25], [0.5, np.nan, 1.0], [0.75, 0.0, 0.5]])
    raster = fractie_raster(waarden, TRANSFORM)
    rng = np.random.default_rng(11)
    x = X0 + rng.uniform(1, 22, 200)
    y = Y0 + rng.uniform(1, 22, 200)
    geoms = shapely.box(x, y, x + rng.uniform(1, 7, 200), y + rng.uniform(1, 7, 200))
    frame = gpd.GeoDataFrame(geometry=geoms, crs="EPSG:28992")
    got = glasvezel_dekking(frame, raster).to_numpy()
    reference = _exact_means(raster, np.asarray(geoms, dtype=object))
    assert (np.isnan(got) == np.isnan(reference)).all()
    np.testing.assert_allclose(got, reference, rtol=0, atol=1e-9)


def test_z_coordinates_are_ignored():
    # The same 10 x 10 box around the node (10, 20), with a height: 25 m² per cell.
    square = [(X0 + 5, Y0 + 15), (X0 + 15, Y0 + 15), (X0 + 15, Y0 + 25), (X0 + 5, Y0 + 25)]
    got = _per_cel(shapely.Polygon([(x, y, 7.5) for x, y in square]))
    assert got == pytest.approx({(0, 0): 25.0, (0, 1): 25.0, (1, 0): 25.0, (1, 1): 25.0})
