"""Glasvezel: the coverage raster loader and the exact area-weighted coverage per parcel.

The 2x2 test raster (10 m cells, top-left corner at RD 140000, 470020):

    A = 0.0   | B = 1.0          x 140000..140010 | 140010..140020, y 470010..470020
    C = 0.5   | D = nodata       x 140000..140010 | 140010..140020, y 470000..470010
"""

import dataclasses

import geopandas as gpd
import numpy as np
import pytest
import rasterio
from affine import Affine
from pyproj import Transformer
from shapely.geometry import Point, box

from werkruimte.errors import HerstelWaarschuwing, InputError
from werkruimte.indicators.glasvezel import glasvezel_dekking
from werkruimte.sources.glasvezel import Dekkingsraster, load_glasvezel

X0, Y0 = 140_000.0, 470_000.0
NODATA = -1.0
FRACTIONS = np.array([[0.0, 1.0], [0.5, NODATA]])


def from_origin(west, north, xsize, ysize):
    return Affine(xsize, 0.0, west, 0.0, -ysize, north)


def write_tif(path, data, *, crs="EPSG:28992", transform=None, nodata=None, dtype="float32"):
    data = np.asarray(data, dtype=dtype)
    if data.ndim == 2:
        data = data[np.newaxis]
    profile = {
        "driver": "GTiff",
        "width": data.shape[2],
        "height": data.shape[1],
        "count": data.shape[0],
        "dtype": dtype,
        "transform": transform or from_origin(X0, Y0 + 20, 10, 10),
        "nodata": nodata,
    }
    if crs is not None:
        profile["crs"] = crs
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(data)
    return path


def parcels(crs="EPSG:28992"):
    """Parcels with hand-computed coverage (see the module docstring)."""
    geoms = [
        box(X0 + 7.5, Y0 + 10, X0 + 17.5, Y0 + 20),  # 1/4 of A, 3/4 of B -> 0.75
        box(X0 + 5, Y0 + 5, X0 + 15, Y0 + 15),  # 1/4 of A, B, C, D -> (0+1+0.5)/3 = 0.5
        box(X0 + 2, Y0 + 2, X0 + 8, Y0 + 8),  # inside C -> 0.5
        box(X0 + 12, Y0 + 1, X0 + 18, Y0 + 9),  # only on nodata D -> NaN
        box(X0 + 500, Y0 + 500, X0 + 510, Y0 + 510),  # outside the raster -> NaN
        box(X0 - 10, Y0, X0 + 5, Y0 + 10),  # 2/3 outside, 1/3 on C -> 0.5
        box(X0 + 15, Y0 + 5, X0 + 20, Y0 + 15),  # half B, half nodata -> 1.0
    ]
    return gpd.GeoDataFrame(
        {"perceel_id": list("abcdefg")},
        geometry=geoms,
        crs="EPSG:28992",
        index=[10, 11, 12, 13, 14, 15, 16],
    ).to_crs(crs)


EXPECTED = [0.75, 0.5, 0.5, np.nan, np.nan, 0.5, 1.0]


@pytest.fixture
def fraction_tif(tmp_path):
    return write_tif(tmp_path / "dekking.tif", FRACTIONS, nodata=NODATA)


def test_fraction_raster_exact_mean(fraction_tif):
    raster = load_glasvezel(fraction_tif)
    assert (raster.eenheid, raster.schaal) == ("fractie", 1.0)
    assert (raster.width, raster.height, raster.nodata) == (2, 2, -1.0)
    assert raster.crs_bron == "EPSG:28992" and not raster.herprojecteerd
    assert raster.bounds == (X0, Y0, X0 + 20, Y0 + 20)
    p = parcels()
    out = glasvezel_dekking(p, raster)
    assert out.name == "glasvezel_dekking" and out.dtype == "float64"
    assert out.index.tolist() == p.index.tolist()
    np.testing.assert_allclose(out.to_numpy(), EXPECTED, rtol=0, atol=1e-12)


def test_percent_raster_gives_same_fractions(tmp_path):
    percent = np.array([[0, 100], [50, 255]])
    path = write_tif(tmp_path / "pct.tif", percent, nodata=255, dtype="uint8")
    raster = load_glasvezel(path)
    assert (raster.eenheid, raster.schaal) == ("procent", 0.01)
    out = glasvezel_dekking(parcels(), raster)
    np.testing.assert_allclose(out.to_numpy(), EXPECTED, rtol=0, atol=1e-12)


def test_nan_cells_without_nodata_value_are_nodata(tmp_path):
    data = np.where(FRACTIONS == NODATA, np.nan, FRACTIONS)
    raster = load_glasvezel(write_tif(tmp_path / "nan.tif", data))
    out = glasvezel_dekking(parcels(), raster)
    np.testing.assert_allclose(out.to_numpy(), EXPECTED, rtol=0, atol=1e-12)


def test_configured_unit_procent_on_small_values(fraction_tif):
    raster = load_glasvezel(fraction_tif, eenheid="procent")
    out = glasvezel_dekking(parcels().iloc[:1], raster)
    assert out.iloc[0] == pytest.approx(0.0075)


def test_no_raster_gives_nan_and_empty_parcels(fraction_tif):
    p = parcels()
    out = glasvezel_dekking(p, None)
    assert out.isna().all() and out.index.equals(p.index) and out.dtype == "float64"
    empty = glasvezel_dekking(p.iloc[:0], load_glasvezel(fraction_tif))
    assert len(empty) == 0 and empty.name == "glasvezel_dekking"


def test_points_and_empty_geometries_are_nan(fraction_tif):
    p = gpd.GeoDataFrame(
        geometry=[Point(X0 + 5, Y0 + 15), None, box(X0, Y0, X0 + 10, Y0 + 10)], crs=28992
    )
    out = glasvezel_dekking(p, load_glasvezel(fraction_tif))
    np.testing.assert_allclose(out.to_numpy(), [np.nan, np.nan, 0.5])


def test_parcels_in_other_crs_are_reprojected(fraction_tif):
    p = parcels("EPSG:4326")
    with pytest.warns(HerstelWaarschuwing, match="omgezet van EPSG:4326"):
        out = glasvezel_dekking(p, load_glasvezel(fraction_tif))
    np.testing.assert_allclose(out.to_numpy(), EXPECTED, atol=1e-4)


def test_inputs_not_changed(fraction_tif):
    p = parcels()
    before = p.copy()
    raster = load_glasvezel(fraction_tif)
    glasvezel_dekking(p, raster)
    assert p.equals(before)
    with pytest.raises(dataclasses.FrozenInstanceError):
        raster.schaal = 2.0  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        raster.waarden[0, 0] = 5


@pytest.mark.parametrize(("epsg", "cell"), [(3857, 160.0), (4326, 0.0015)])
def test_raster_in_other_crs_is_warped(tmp_path, epsg, cell):
    """A 2x2 raster in another CRS, with a parcel drawn on 1/4 of A and 3/4 of B there."""
    to_src = Transformer.from_crs(28992, epsg, always_xy=True)
    cx, cy = to_src.transform(X0, Y0)  # centre of the raster in the source CRS
    transform = from_origin(cx - cell, cy + cell, cell, cell)
    path = write_tif(
        tmp_path / f"dekking_{epsg}.tif",
        FRACTIONS,
        crs=f"EPSG:{epsg}",
        transform=transform,
        nodata=NODATA,
    )
    with pytest.warns(HerstelWaarschuwing, match=f"omgezet van EPSG:{epsg}"):
        raster = load_glasvezel(path)
    assert raster.herprojecteerd and raster.crs_bron == f"EPSG:{epsg}"
    assert (raster.width, raster.height) == (2, 2)
    straddling = box(cx - 0.25 * cell, cy + 0.2 * cell, cx + 0.75 * cell, cy + 0.8 * cell)
    inside_c = box(cx - 0.8 * cell, cy - 0.8 * cell, cx - 0.2 * cell, cy - 0.2 * cell)
    on_nodata = box(cx + 0.2 * cell, cy - 0.8 * cell, cx + 0.8 * cell, cy - 0.2 * cell)
    p = gpd.GeoDataFrame(
        geometry=[straddling.segmentize(cell / 20), inside_c, on_nodata], crs=f"EPSG:{epsg}"
    ).to_crs(28992)
    out = glasvezel_dekking(p, raster)
    assert out.iloc[0] == pytest.approx(0.75, abs=0.02)  # 0.757 for both CRSs
    assert out.iloc[1] == pytest.approx(0.5, abs=1e-9)
    assert np.isnan(out.iloc[2])


def test_missing_crs_needs_assume_crs(tmp_path):
    path = write_tif(tmp_path / "nocrs.tif", FRACTIONS, crs=None, nodata=NODATA)
    with pytest.raises(InputError, match="geen coördinatenstelsel"):
        load_glasvezel(path)
    with pytest.warns(HerstelWaarschuwing, match="EPSG:28992 aangenomen"):
        raster = load_glasvezel(path, assume_crs="EPSG:28992")
    assert raster.crs_bron == "EPSG:28992"
    assert glasvezel_dekking(parcels().iloc[:1], raster).iloc[0] == 0.75


def test_multiband_raster(tmp_path):
    path = write_tif(tmp_path / "rgb.tif", np.stack([FRACTIONS] * 3), nodata=NODATA)
    with pytest.raises(InputError, match="3 banden; verwacht precies 1"):
        load_glasvezel(path)


def test_all_nodata(tmp_path):
    path = write_tif(tmp_path / "leeg.tif", np.full((2, 2), NODATA), nodata=NODATA)
    with pytest.raises(InputError, match=r"alleen nodata-cellen \(nodata = -1\)"):
        load_glasvezel(path)


@pytest.mark.parametrize(
    ("data", "culprit"),
    [
        ([[0.2, -5.0], [0.5, 0.5]], "-5 in cel (rij 0, kolom 1)"),
        ([[0.2, 50.0], [101.0, 0.5]], "101 in cel (rij 1, kolom 0)"),
    ],
)
def test_values_outside_0_100(tmp_path, data, culprit):
    with pytest.raises(InputError, match=r"buiten 0\.\.100") as err:
        load_glasvezel(write_tif(tmp_path / "bad.tif", data))
    assert culprit in str(err.value)


def test_unknown_eenheid_names_setting(fraction_tif):
    with pytest.raises(InputError, match=r"criteria\.glasvezel\.eenheid = 'percentage'"):
        load_glasvezel(fraction_tif, eenheid="percentage")


def test_fractie_with_percent_values(tmp_path):
    path = write_tif(tmp_path / "pct.tif", [[0, 80], [50, 100]])
    with pytest.raises(InputError, match="waarden tot 100; een fractie"):
        load_glasvezel(path, eenheid="fractie")


def test_lonlat_raster_labelled_rd(tmp_path):
    path = write_tif(
        tmp_path / "ll.tif",
        FRACTIONS,
        nodata=NODATA,
        transform=from_origin(5.1, 52.3, 0.001, 0.001),
    )
    with pytest.raises(InputError, match="lengte-/breedtegraden"):
        load_glasvezel(path)


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("geen.tif", b"dit is geen raster", "niet lezen als raster"),
        ("vector.geojson", b'{"type": "FeatureCollection", "features": []}', "niet lezen"),
        ("leeg.tif", b"", "leeg"),
    ],
)
def test_not_a_raster(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=match):
        load_glasvezel(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="bestaat niet"):
        load_glasvezel(tmp_path / "nergens.tif")
    with pytest.raises(InputError, match="map, geen rasterbestand"):
        load_glasvezel(tmp_path)


def test_dekking_helper(fraction_tif):
    raster = load_glasvezel(fraction_tif)
    assert isinstance(raster, Dekkingsraster)
    np.testing.assert_array_equal(raster.dekking(), [[0.0, 1.0], [0.5, np.nan]])
