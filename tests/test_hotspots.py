"""Informal werklocaties: CSV (RD, lon/lat, ; and decimal comma), GeoJSON, XLSX, bad input."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from werkruimte.errors import HerstelWaarschuwing, InputError
from werkruimte.sources.hotspots import COLUMNS, canonical_type, empty_frame, load_hotspots

# The Onze Lieve Vrouwetoren in Amersfoort: origin of RD, (155000, 463000) in RD New,
# 52.15517440 N 5.38720621 E in WGS84 (within 0.3 m, the datum transformation).
OLV_RD = (155_000.0, 463_000.0)
OLV_LONLAT = (5.38720621, 52.15517440)

DEMO_CSV = """naam,type,x,y,gemeente,oppervlakte_m2,leegstand_m2,grootteklasse,doelgroep,bron
Broedplaats De Vorstin,Broedplaats,140800,470900,Hilversum,2500,300,groot,creatieve sector,fictief
Stationsgebied Bussum,OV-knooppunt,145600.5,476300.25,Gooise Meren,,,,,fictief
Makerslab,Makerspace,141000,471000,Hilversum,120,0,klein,starters,fictief
"""


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_rd_demo_columns(tmp_path):
    gdf = load_hotspots(write(tmp_path / "hotspots.csv", DEMO_CSV))
    assert list(gdf.columns) == list(COLUMNS)
    assert gdf.crs.to_epsg() == 28992
    assert gdf["hotspot_id"].tolist() == ["H001", "H002", "H003"]
    assert gdf["naam"].tolist() == ["Broedplaats De Vorstin", "Stationsgebied Bussum", "Makerslab"]
    assert gdf["type"].tolist() == ["broedplaats", "ov-knooppunt", "Makerspace"]
    np.testing.assert_array_equal(gdf["oppervlakte_m2"], [2500.0, np.nan, 120.0])
    np.testing.assert_array_equal(gdf["leegstand_m2"], [300.0, np.nan, 0.0])
    assert gdf["grootteklasse"].iloc[0] == "groot" and pd.isna(gdf["grootteklasse"].iloc[1])
    assert gdf["doelgroep"].iloc[2] == "starters"
    assert gdf.geometry.x.tolist() == [140800.0, 145600.5, 141000.0]
    assert gdf.geometry.y.tolist() == [470900.0, 476300.25, 471000.0]


def test_csv_semicolon_decimal_comma_lonlat(tmp_path):
    text = (
        "id;Naam;Type;Lat;Lon;oppervlakte_m2\n"
        "olv;Onze Lieve Vrouwetoren;Centrumlocaties;52,15517440;5,38720621;1.250,5\n"
    )
    path = write(tmp_path / "spots.csv", text, encoding="cp1252")
    with pytest.warns(HerstelWaarschuwing, match="omgezet van EPSG:4326"):
        gdf = load_hotspots(path)
    assert gdf["hotspot_id"].tolist() == ["olv"]
    assert gdf["type"].tolist() == ["centrumlocatie"]
    assert gdf["oppervlakte_m2"].iloc[0] == 1250.5
    assert gdf.geometry.x.iloc[0] == pytest.approx(OLV_RD[0], abs=1.0)
    assert gdf.geometry.y.iloc[0] == pytest.approx(OLV_RD[1], abs=1.0)


def test_csv_semicolon_rd_x_y_aliases(tmp_path):
    text = "naam;type;RD_X;RD_Y\nA;Flexplekken;155000,5;463000,25\n"
    gdf = load_hotspots(write(tmp_path / "spots.csv", text))
    assert (gdf.geometry.x.iloc[0], gdf.geometry.y.iloc[0]) == (155000.5, 463000.25)
    assert gdf["type"].iloc[0] == "flexplek"


def test_geojson_points_and_polygon(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"naam": ["P", "V"], "type": ["concentratie aan uitvalsweg", "Bedrijfsverzamelgebouw"]},
        geometry=[Point(OLV_RD), box(150_000, 460_000, 150_010, 460_020)],
        crs="EPSG:28992",
    )
    path = tmp_path / "spots.geojson"
    gdf.to_file(path, driver="GeoJSON")
    with pytest.warns(HerstelWaarschuwing, match="1 vlakken"):
        out = load_hotspots(path)
    assert out.geom_type.tolist() == ["Point", "Point"]
    assert out.geometry.iloc[1].within(box(150_000, 460_000, 150_010, 460_020))
    assert out["type"].tolist() == ["concentratie aan uitvalsweg", "bedrijfsverzamelgebouw"]
    assert out["oppervlakte_m2"].isna().all()


def test_xlsx_named_sheet(tmp_path):
    path = tmp_path / "inventarisatie.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame({"toelichting": ["lees mij"]}).to_excel(writer, sheet_name="uitleg")
        pd.DataFrame(
            {
                "id": [1, 2],
                "naam": ["A", "B"],
                "type": ["broedplaats", "flexplek"],
                "x": [140800.0, 141000.0],
                "y": [470900.0, 471000.0],
                "oppervlakte_m2": [100, "1.200,5"],
            }
        ).to_excel(writer, sheet_name="locaties", index=False)
    gdf = load_hotspots(path, layer="locaties")
    assert gdf["hotspot_id"].tolist() == ["1", "2"]
    assert gdf["oppervlakte_m2"].tolist() == [100.0, 1200.5]
    assert gdf.geometry.x.tolist() == [140800.0, 141000.0]
    with pytest.raises(InputError, match="gevonden werkbladen: uitleg, locaties"):
        load_hotspots(path, layer="Blad1")


def test_missing_type_column_lists_columns(tmp_path):
    path = write(tmp_path / "h.csv", "naam,x,y\nA,140000,470000\n")
    with pytest.raises(InputError) as err:
        load_hotspots(path)
    msg = str(err.value)
    assert "kolom 'type'" in msg and "gevonden kolommen: naam, x, y" in msg


def test_missing_type_value_names_row(tmp_path):
    path = write(
        tmp_path / "h.csv", "naam,type,x,y\nA,broedplaats,140000,470000\nB,,140000,470000\n"
    )
    with pytest.raises(InputError, match=r"kolom 'type', rij 1: waarde ontbreekt"):
        load_hotspots(path)


def test_unparsable_coordinate_names_row_and_value(tmp_path):
    path = write(
        tmp_path / "h.csv", "naam,type,x,y\nA,flexplek,140000,470000\nB,flexplek,14O000,470000\n"
    )
    with pytest.raises(InputError) as err:
        load_hotspots(path)
    msg = str(err.value)
    assert "kolom 'x'" in msg and "rij 1" in msg and "'14O000'" in msg


def test_lonlat_in_x_y_is_detected(tmp_path):
    path = write(tmp_path / "h.csv", "naam,type,x,y\nA,flexplek,5.1766,52.2236\n")
    with pytest.raises(InputError) as err:
        load_hotspots(path)
    msg = str(err.value)
    assert "rij 0" in msg and "lengte-/breedtegraden" in msg and "lon en lat" in msg


def test_rd_in_lon_lat_is_detected(tmp_path):
    path = write(tmp_path / "h.csv", "naam,type,lon,lat\nA,flexplek,140800,470900\n")
    with pytest.raises(InputError, match="RD-coördinaten") as err:
        load_hotspots(path)
    assert "x en y" in str(err.value)


def test_swapped_lon_lat_is_detected(tmp_path):
    path = write(tmp_path / "h.csv", "naam,type,lon,lat\nA,flexplek,52.2236,5.1766\n")
    with pytest.raises(InputError, match="verwisseld"):
        load_hotspots(path)


def test_no_coordinate_columns(tmp_path):
    path = write(tmp_path / "h.csv", "naam,type,adres\nA,flexplek,Kerkstraat 1\n")
    with pytest.raises(InputError, match="verwacht x en y"):
        load_hotspots(path)


@pytest.mark.parametrize(("text", "match"), [("", "leeg"), ("naam;type;x;y\n", "geen rijen")])
def test_empty_file(tmp_path, text, match):
    with pytest.raises(InputError, match=match):
        load_hotspots(write(tmp_path / "h.csv", text))


def test_duplicate_id(tmp_path):
    text = "id,naam,type,x,y\n7,A,flexplek,140000,470000\n7,B,flexplek,140100,470000\n"
    with pytest.raises(InputError, match=r"rij 1: id '7' komt meer dan eens voor"):
        load_hotspots(write(tmp_path / "h.csv", text))


def test_canonical_type_keeps_unknown():
    out = canonical_type(pd.Series(["OV knooppunten", " Flexplek ", "Woonwerkpand"]))
    assert out.tolist() == ["ov-knooppunt", "flexplek", "Woonwerkpand"]


def test_empty_frame():
    gdf = empty_frame()
    assert len(gdf) == 0 and list(gdf.columns) == list(COLUMNS)
    assert gdf.crs.to_epsg() == 28992
