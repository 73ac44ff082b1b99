"""Tests for werkruimte.sources.kadaster (BRK percelen)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box

from werkruimte.errors import HerstelWaarschuwing, InputError
from werkruimte.sources.kadaster import load_percelen

BRK = Path(__file__).parent / "data" / "brk"
V5 = BRK / "kadastralekaart_perceel_v5_sample.gml"
V4 = BRK / "brk_dkk_v4_perceel_amsterdam.gml"
V3 = BRK / "brk_dkkv3_perceel.gml"
V3_FLAT = BRK / "brk_dkkv3_perceel-flat.geojson"

COLUMNS = [
    "perceel_id",
    "kadastrale_grootte_m2",
    "kadastrale_gemeente",
    "sectie",
    "perceelnummer",
    "geometry",
]

# kadastraleGrootte/waarde of the 11 percelen in the v5 sample, in file order.
V5_GROOTTE = [222, 222, 585, 6345, 6, 264, 264, 265, 266, 210, 967]
V5_NUMMERS = ["2298", "2299", "2300", "2318", "2320", "2351", "2352", "2353", "2354", "2625"]

X, Y = 140_000.0, 470_000.0  # somewhere in Hilversum, RD New


def _load_quiet(path: Path, **kwargs: object) -> gpd.GeoDataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error", HerstelWaarschuwing)
        return load_percelen(path, **kwargs)  # type: ignore[arg-type]


def _write(tmp_path: Path, gdf: gpd.GeoDataFrame, name: str = "p.gpkg", **kw: object) -> Path:
    path = tmp_path / name
    gdf.to_file(path, engine="pyogrio", **kw)
    return path


def _parcels(n: int = 3, **columns: object) -> gpd.GeoDataFrame:
    data = {"identificatieLokaalID": [f"1000{i}" for i in range(n)], **columns}
    geoms = [box(X + 50 * i, Y, X + 50 * i + 40, Y + 25) for i in range(n)]
    return gpd.GeoDataFrame(data, geometry=geoms, crs=28992)


# ----------------------------------------------------------------- real BRK downloads


def test_v5_gml_takes_boundary_not_label_point() -> None:
    gdf = _load_quiet(V5)
    assert list(gdf.columns) == COLUMNS
    assert gdf.crs.to_epsg() == 28992
    assert list(gdf.index) == list(range(11))
    assert gdf["perceel_id"].iloc[0] == "84920229870000"
    assert gdf["perceel_id"].iloc[-1] == "84920262670000"
    assert gdf["kadastrale_grootte_m2"].tolist() == [float(v) for v in V5_GROOTTE]
    assert gdf["kadastrale_grootte_m2"].dtype == np.float64
    assert set(gdf["kadastrale_gemeente"]) == {"Otterlo"}
    assert set(gdf["sectie"]) == {"B"}
    assert gdf["perceelnummer"].tolist()[:10] == V5_NUMMERS
    assert set(gdf.geom_type) == {"Polygon"}
    # The first perceel's label point (plaatscoordinaten) lies inside its boundary.
    assert gdf.geometry.iloc[0].contains(Point(181202.040, 456706.351))
    # Geometry areas match the registered sizes within a few percent.
    area = gdf.area.to_numpy()
    grootte = gdf["kadastrale_grootte_m2"].to_numpy()
    big = grootte >= 100
    assert np.all(np.abs(area[big] / grootte[big] - 1) < 0.03)
    assert area[4] == pytest.approx(6.3, abs=0.1)  # the 6 m² strip
    for col in ("perceel_id", "kadastrale_gemeente", "sectie", "perceelnummer"):
        assert isinstance(gdf[col].dtype, pd.StringDtype)


def test_v4_gml_bare_srsname_and_nested_id() -> None:
    gdf = _load_quiet(V4)
    assert len(gdf) == 8
    assert gdf.crs.to_epsg() == 28992  # srsName="28992" understood
    first = gdf.iloc[0]
    assert first["perceel_id"] == "11720427170000"
    assert first["kadastrale_grootte_m2"] == 2420.0
    assert first["kadastrale_gemeente"] == "Amsterdam"
    assert first["sectie"] == "AK"
    assert first["perceelnummer"] == "4271"
    assert set(gdf.geom_type) == {"Polygon"}
    assert gdf.area.iloc[0] == pytest.approx(2420, rel=0.01)
    assert gdf["kadastrale_grootte_m2"].max() == 29250.0


def test_v3_gml_and_its_flat_geojson_agree() -> None:
    gml = _load_quiet(V3)
    flat = _load_quiet(V3_FLAT)
    assert len(gml) == len(flat) == 15
    assert gml["perceel_id"].iloc[0] == "470485338"
    assert gml["kadastrale_gemeente"].iloc[0] == "SBG01"  # AKR code: v3 has no name
    assert gml["kadastrale_grootte_m2"].iloc[0] == 75.0
    assert gml["perceelnummer"].iloc[0] == "6931"
    for col in COLUMNS[:-1]:
        assert gml[col].tolist() == flat[col].tolist(), col
    assert set(gml.geom_type) == {"Polygon"}
    assert np.allclose(gml.area, flat.area, rtol=1e-9)
    assert gml.area.iloc[0] == pytest.approx(72.8, abs=0.1)


def test_gml_ignores_stale_gfs_and_writes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / V5.name
    shutil.copy(V5, copy)
    # A .gfs as GDAL's own schema guess writes it: it picks the label point.
    pyogrio.read_info(copy)
    stale = copy.with_suffix(".gfs")
    assert "plaatscoordinaten" in stale.read_text()
    before = sorted(p.name for p in tmp_path.iterdir())
    gdf = _load_quiet(copy)
    assert set(gdf.geom_type) == {"Polygon"} and len(gdf) == 11
    assert sorted(p.name for p in tmp_path.iterdir()) == before

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy(V4, fresh / V4.name)
    _load_quiet(fresh / V4.name)
    assert [p.name for p in fresh.iterdir()] == [V4.name]  # no .gfs written


def test_gml_wrong_layer_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Perceel") as info:
        load_percelen(V5, layer="Pand")
    assert info.value.layer == "Pand"


# ------------------------------------------------------------------- flat GPKG / JSON


def test_gpkg_with_pdok_v5_flat_names(tmp_path: Path) -> None:
    gdf = _parcels(
        3,
        identificatieNamespace="NL.IMKAD.KadastraalObject",
        kadastraleGemeenteCode=[405, 405, 405],
        kadastraleGemeenteWaarde=["Hilversum", "Hilversum", None],
        AKRKadastraleGemeenteCodeWaarde=["HVS00", "HVS00", "HVS00"],
        sectie=["A", "B", None],
        perceelnummer=[12, 345, 6789],
        kadastraleGrootteWaarde=[1000, 1001, None],
        statusHistorieWaarde=["Geldig"] * 3,
    )
    other = gpd.GeoDataFrame({"naam": ["x"]}, geometry=[Point(X, Y)], crs=28992)
    path = _write(tmp_path, other, layer="aaa_eerst")
    gdf.to_file(path, layer="perceel", engine="pyogrio")
    out = _load_quiet(path)  # picks layer 'perceel', not the first one
    assert list(out.columns) == COLUMNS
    assert out["perceel_id"].tolist() == ["10000", "10001", "10002"]
    assert out["kadastrale_grootte_m2"].tolist()[:2] == [1000.0, 1001.0]
    assert np.isnan(out["kadastrale_grootte_m2"].iloc[2])
    assert out["kadastrale_gemeente"].tolist()[:2] == ["Hilversum", "Hilversum"]
    assert pd.isna(out["kadastrale_gemeente"].iloc[2])
    assert out["sectie"].iloc[1] == "B" and pd.isna(out["sectie"].iloc[2])
    assert out["perceelnummer"].tolist() == ["12", "345", "6789"]
    assert out.area.tolist() == [1000.0, 1000.0, 1000.0]


def test_aliases_case_insensitive_and_perceel_id(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"PERCEEL_ID": [7, 8], "Waarde": [10, 20], "GEMEENTE": ["HVS00", "HVS00"]},
        geometry=[box(X, Y, X + 2, Y + 5), box(X + 3, Y, X + 5, Y + 10)],
        crs=28992,
    )
    out = _load_quiet(_write(tmp_path, gdf, "p.geojson"))
    assert out["perceel_id"].tolist() == ["7", "8"]
    assert out["kadastrale_grootte_m2"].tolist() == [10.0, 20.0]
    assert out["kadastrale_gemeente"].tolist() == ["HVS00", "HVS00"]
    assert out["sectie"].isna().all()


def test_missing_size_column_gives_nan(tmp_path: Path) -> None:
    out = _load_quiet(_write(tmp_path, _parcels(2)))
    assert out["kadastrale_grootte_m2"].isna().all()
    assert out["kadastrale_grootte_m2"].dtype == np.float64


def test_size_as_dutch_text(tmp_path: Path) -> None:
    gdf = _parcels(4, kadastraleGrootteWaarde=["1.234", "1.234,5", " 987 ", ""])
    out = _load_quiet(_write(tmp_path, gdf))
    assert out["kadastrale_grootte_m2"].tolist()[:3] == [1234.0, 1234.5, 987.0]
    assert np.isnan(out["kadastrale_grootte_m2"].iloc[3])


def test_size_not_a_number_names_row(tmp_path: Path) -> None:
    gdf = _parcels(3, kadastraleGrootteWaarde=["10", "20", "groot"])
    with pytest.raises(InputError, match="groot") as info:
        load_percelen(_write(tmp_path, gdf))
    assert info.value.column == "kadastrale_grootte_m2"
    assert info.value.row == 2


# ----------------------------------------------------------------------- bad input


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="bestaat niet") as info:
        load_percelen(tmp_path / "weg.gpkg")
    assert "weg.gpkg" in str(info.value)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "leeg.gml"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="leeg") as info:
        load_percelen(path)
    assert "leeg.gml" in str(info.value)


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="map"):
        load_percelen(tmp_path)


@pytest.mark.parametrize(
    ("name", "content"),
    [("tekst.gpkg", b"dit is geen geopackage\n"), ("tabel.csv", b"a,b\n1,2\n")],
)
def test_non_geospatial_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_percelen(path)
    assert name in str(info.value)


def test_truncated_gml(tmp_path: Path) -> None:
    path = tmp_path / "afgekapt.gml"
    path.write_bytes(V5.read_bytes()[:20_000])
    with pytest.raises(InputError, match="afgekapt") as info:
        load_percelen(path)
    assert "afgekapt.gml" in str(info.value)
    assert "</kk:DKK>" in str(info.value)


def test_missing_id_column_lists_columns(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"naam": ["a"], "oppervlak": [1.0]}, geometry=[box(X, Y, X + 1, Y + 1)], crs=28992
    )
    with pytest.raises(InputError) as info:
        load_percelen(_write(tmp_path, gdf))
    text = str(info.value)
    assert info.value.column == "perceel_id"
    assert "identificatieLokaalID" in text and "naam, oppervlak" in text


def test_empty_layer(tmp_path: Path) -> None:
    path = tmp_path / "leeg.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(InputError, match="geen"):
        load_percelen(path)


def test_missing_id_value_names_row(tmp_path: Path) -> None:
    gdf = _parcels(3)
    gdf["identificatieLokaalID"] = ["1", None, "3"]
    with pytest.raises(InputError, match="identificatie") as info:
        load_percelen(_write(tmp_path, gdf))
    assert info.value.row == 1


def test_duplicate_id_with_other_geometry_is_an_error(tmp_path: Path) -> None:
    gdf = _parcels(4)
    gdf["identificatieLokaalID"] = ["A", "B", "A", "C"]
    with pytest.raises(InputError, match="'A'") as info:
        load_percelen(_write(tmp_path, gdf))
    assert "rijen 0, 2" in str(info.value)
    assert info.value.row == 0


def test_exact_duplicates_dropped_with_count(tmp_path: Path) -> None:
    gdf = _parcels(3)
    # Row 3 repeats row 1 with the ring starting at another vertex: still equal.
    ring = list(gdf.geometry.iloc[1].exterior.coords)[:-1]
    rotated = Polygon(ring[2:] + ring[:2])
    extra = gpd.GeoDataFrame(
        {"identificatieLokaalID": ["10001", "10001"]},
        geometry=[rotated, gdf.geometry.iloc[1]],
        crs=28992,
    )
    both = pd.concat([gdf, extra], ignore_index=True)
    with pytest.warns(HerstelWaarschuwing, match="2 exacte dubbele"):
        out = load_percelen(_write(tmp_path, both))
    assert out["perceel_id"].tolist() == ["10000", "10001", "10002"]
    assert list(out.index) == [0, 1, 2]


def test_invalid_geometry_repaired(tmp_path: Path) -> None:
    bowtie = Polygon([(X, Y), (X + 10, Y + 10), (X + 10, Y), (X, Y + 10), (X, Y)])
    gdf = gpd.GeoDataFrame(
        {"perceel_id": ["1", "2"]}, geometry=[bowtie, box(X + 20, Y, X + 30, Y + 10)], crs=28992
    )
    with pytest.warns(HerstelWaarschuwing, match="1 ongeldige"):
        out = load_percelen(_write(tmp_path, gdf))
    assert shapely.is_valid(out.geometry.to_numpy()).all()
    assert out.geom_type.tolist() == ["MultiPolygon", "Polygon"]
    assert out.area.iloc[0] == pytest.approx(50.0)


def test_points_among_parcels_dropped(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"perceel_id": ["1", "2", "3"]},
        geometry=[box(X, Y, X + 10, Y + 10), Point(X + 5, Y + 5), box(X + 20, Y, X + 30, Y + 10)],
        crs=28992,
    )
    with pytest.warns(HerstelWaarschuwing, match="1 objecten zonder vlakgeometrie"):
        out = load_percelen(_write(tmp_path, gdf, "p.geojson"))
    assert out["perceel_id"].tolist() == ["1", "3"]
    assert list(out.index) == [0, 1]


def test_only_points_is_an_error(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame({"perceel_id": ["1"]}, geometry=[Point(X, Y)], crs=28992)
    with pytest.raises(InputError, match="geen"), warnings.catch_warnings():
        warnings.simplefilter("ignore", HerstelWaarschuwing)
        load_percelen(_write(tmp_path, gdf, "p.geojson"))


def test_wgs84_reprojected(tmp_path: Path) -> None:
    rd = _parcels(2, kadastraleGrootteWaarde=[1000, 1000])
    with pytest.warns(HerstelWaarschuwing, match="2 objecten omgezet"):
        out = load_percelen(_write(tmp_path, rd.to_crs(4326), "p.geojson"))
    assert out.crs.to_epsg() == 28992
    assert out.area.iloc[0] == pytest.approx(1000.0, rel=1e-3)
    assert out.total_bounds[0] == pytest.approx(X, abs=0.5)


def test_missing_crs_needs_assume_crs(tmp_path: Path) -> None:
    gdf = _parcels(2)
    gdf = gpd.GeoDataFrame(gdf.drop(columns="geometry"), geometry=gdf.geometry.to_numpy())
    assert gdf.crs is None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pyogrio: "'crs' was not provided"
        path = _write(tmp_path, gdf)
    with pytest.raises(InputError, match="CRS"):
        load_percelen(path)
    with pytest.warns(HerstelWaarschuwing, match="EPSG:28992 aangenomen"):
        out = load_percelen(path, assume_crs="EPSG:28992")
    assert out.crs.to_epsg() == 28992 and len(out) == 2


def test_3d_flattened(tmp_path: Path) -> None:
    poly = Polygon([(X, Y, 1.0), (X + 10, Y, 2.0), (X + 10, Y + 10, 3.0), (X, Y + 10, 1.0)])
    multi = MultiPolygon([poly])
    gdf = gpd.GeoDataFrame({"perceel_id": ["1", "2"]}, geometry=[poly, multi], crs=28992)
    out = _load_quiet(_write(tmp_path, gdf))
    assert not shapely.has_z(out.geometry.to_numpy()).any()
    assert out.area.tolist() == [100.0, 100.0]


def test_input_file_unchanged(tmp_path: Path) -> None:
    path = _write(tmp_path, _parcels(2))
    before = path.read_bytes()
    _load_quiet(path)
    assert path.read_bytes() == before


WFS_GML = """<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0"
    xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:kk="http://kadastralekaartv5.geonovum.nl">
{members}
</wfs:FeatureCollection>
"""
WFS_MEMBER = """  <wfs:member><kk:Perceel gml:id="Perceel.{i}">
    <kk:identificatieLokaalID>{ident}</kk:identificatieLokaalID>
    <kk:kadastraleGemeenteWaarde>Hilversum</kk:kadastraleGemeenteWaarde>
    <kk:sectie>K</kk:sectie><kk:perceelnummer>{nummer}</kk:perceelnummer>
    <kk:kadastraleGrootteWaarde>{grootte}</kk:kadastraleGrootteWaarde>
    <kk:begrenzingPerceel><gml:Polygon srsName="urn:ogc:def:crs:EPSG::28992" gml:id="g{i}">
      <gml:exterior><gml:LinearRing><gml:posList>{ring}</gml:posList></gml:LinearRing>
      </gml:exterior></gml:Polygon></kk:begrenzingPerceel>
    <kk:perceelnummerPlaatscoordinaat><gml:Point srsName="urn:ogc:def:crs:EPSG::28992"
      gml:id="p{i}"><gml:pos>{label}</gml:pos></gml:Point></kk:perceelnummerPlaatscoordinaat>
  </kk:Perceel></wfs:member>"""


def test_wfs_gml_with_flat_names(tmp_path: Path) -> None:
    members = [
        WFS_MEMBER.format(
            i=1,
            ident="04020012340000",
            nummer=1234,
            grootte="1.500",
            ring="140000 470000 140050 470000 140050 470030 140000 470030 140000 470000",
            label="140025 470015",
        ),
        WFS_MEMBER.format(
            i=2,
            ident="04020012350000",
            nummer=1235,
            grootte="400",
            ring="140050 470000 140070 470000 140070 470020 140050 470020 140050 470000",
            label="140060 470010",
        ),
    ]
    path = tmp_path / "wfs.gml"
    path.write_text(WFS_GML.format(members="\n".join(members)))
    out = _load_quiet(path)
    assert out["perceel_id"].tolist() == ["04020012340000", "04020012350000"]  # leading 0 kept
    assert out["kadastrale_grootte_m2"].tolist() == [1500.0, 400.0]
    assert out["kadastrale_gemeente"].tolist() == ["Hilversum", "Hilversum"]
    assert out["perceelnummer"].tolist() == ["1234", "1235"]
    assert out.area.tolist() == [1500.0, 400.0]
    assert out.crs.to_epsg() == 28992


def test_clean_polygons_mends_what_geos_cannot_repair_whole():
    # A multipolygon with one part collapsed to a point: make_valid of it fails in GEOS
    # ("Overlay input is mixed-dimension"). Found by the property test of the loader.
    from werkruimte.sources._common import clean_polygons

    broken = shapely.from_wkt(
        "MULTIPOLYGON (((140000 470000, 140000 470000, 140000 470000, 140000 470000)), "
        "((140005 470005, 140006 470005, 140006 470006, 140005 470005)))"
    )
    good = shapely.box(140010, 470010, 140020, 470020)
    bowtie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])
    gdf = gpd.GeoDataFrame(
        {"perceel_id": ["a", "b", "c"]}, geometry=[broken, good, bowtie], crs="EPSG:28992"
    )
    with pytest.warns(HerstelWaarschuwing, match="2 ongeldige geometrieën hersteld"):
        out = clean_polygons(gdf, what="percelen")
    assert out["perceel_id"].tolist() == ["a", "b", "c"]
    # The collapsed part is gone, the real triangle (0.5 m²) stays; the others as before.
    assert out.geometry.area.tolist() == pytest.approx([0.5, 100.0, 2.0])
