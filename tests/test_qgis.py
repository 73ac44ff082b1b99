"""QGIS and ArcGIS: styles in the GeoPackages, a QGIS project, one geometry type per layer.

The last tests open the outputs in a real QGIS (Debian's ``python3-qgis``, QGIS 3.22,
``make qgis`` installs it) with the system Python, headless, in a subprocess; they are
skipped only when QGIS cannot be imported there.
"""

import json
import os
import subprocess
import textwrap
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from werkruimte import keten
from werkruimte.export import formaten, qgis
from werkruimte.kaart.stijl import CLUSTER_KLEUR, KLASSE_KLEUREN, SCORE_KLEUREN

SYSTEM_PYTHON = "/usr/bin/python3"


def _qgis_available() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True, check=False
    )
    return probe.returncode == 0


needs_qgis = pytest.mark.skipif(not _qgis_available(), reason="QGIS (python3-qgis) ontbreekt")


@pytest.fixture(scope="module")
def uitkomst():
    return keten.draai(None, tot="kaart")


@pytest.fixture(scope="module")
def run(uitkomst, tmp_path_factory):
    out = tmp_path_factory.mktemp("qgis") / "uit"
    keten.schrijf(uitkomst, out)
    return out


def _rgba(hex_colour):
    h = hex_colour.lstrip("#")
    return ",".join(str(int(h[i : i + 2], 16)) for i in (0, 2, 4))


def test_score_style_has_the_map_bands_and_colours():
    root = ElementTree.fromstring(qgis.qml_score().split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "graduatedSymbol" and renderer.get("attr") == "score"
    ranges = [(r.get("lower"), r.get("upper"), r.get("label")) for r in renderer.iter("range")]
    assert ranges == [
        ("0", "50", "< 50"),
        ("50", "60", "50–60"),
        ("60", "70", "60–70"),
        ("70", "80", "70–80"),
        ("80", "90", "80–90"),
        ("90", "100", "≥ 90"),
    ]
    colours = [o.get("value") for o in renderer.iter("Option") if o.get("name") == "color"]
    assert [c.rsplit(",", 1)[0] for c in colours] == [_rgba(c) for c in SCORE_KLEUREN]


def test_klasse_style_is_categorised_with_the_map_colours():
    root = ElementTree.fromstring(
        qgis.qml_klassen(["behouden", "menging", "transformatie"], geometrie="point").split(
            "\n", 1
        )[1]
    )
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "klasse"
    assert [c.get("value") for c in renderer.iter("category")] == [
        "behouden",
        "menging",
        "transformatie",
    ]
    symbols = renderer.find("symbols")
    assert {s.get("type") for s in symbols} == {"marker"}
    colours = [o.get("value") for o in symbols.iter("Option") if o.get("name") == "color"]
    assert colours == [f"{_rgba(KLASSE_KLEUREN[k])},255" for k in KLASSE_KLEUREN]


def test_cluster_style_labels_the_area_in_ha():
    text = qgis.qml_clusters()
    root = ElementTree.fromstring(text.split("\n", 1)[1])
    assert root.get("labelsEnabled") == "1"
    style = root.find("labeling/settings/text-style")
    assert style.get("isExpression") == "1"
    assert "oppervlakte_ha" in style.get("fieldName") and "' ha'" in style.get("fieldName")
    assert style.get("textColor") == f"{_rgba(CLUSTER_KLEUR)},255"


def test_geopackages_carry_default_styles_and_are_version_1_3(run):
    for name, layers in (
        ("percelen_scores.gpkg", ["percelen"]),
        ("schuifruimte.gpkg", ["clusters", "driedeling_terreinen", "driedeling_hotspots"]),
    ):
        path = run / name
        header = path.read_bytes()[60:72]
        assert int.from_bytes(header[:4], "big") == 10300 and header[8:] == b"GPKG"
        styles = pyogrio.read_dataframe(path, layer="layer_styles", read_geometry=False)
        assert styles["f_table_name"].tolist() == layers
        assert styles["useAsDefault"].all()
        assert styles["f_geometry_column"].eq("geom").all()
    info = pyogrio.read_info(run / "schuifruimte.gpkg", layer="driedeling_terreinen")
    assert info["geometry_type"] == "Polygon"
    info = pyogrio.read_info(run / "schuifruimte.gpkg", layer="driedeling_hotspots")
    assert info["geometry_type"] == "Point"


def test_the_driedeling_is_split_by_geometry_type_and_reads_back_whole(uitkomst, run):
    from werkruimte.run import lees_run

    terreinen = pyogrio.read_info(run / "schuifruimte.gpkg", layer="driedeling_terreinen")
    hotspots = pyogrio.read_info(run / "schuifruimte.gpkg", layer="driedeling_hotspots")
    soort = uitkomst.driedeling["soort"].value_counts()
    assert terreinen["features"] == soort["formeel"] == 15
    assert hotspots["features"] == soort["informeel"] == 48
    back = lees_run(run).driedeling()
    assert sorted(back["id"].astype(str)) == sorted(uitkomst.driedeling["id"].astype(str))


def test_kadastrale_aanduiding_in_the_parcel_output(uitkomst, run):
    frame = pyogrio.read_dataframe(
        run / "percelen_scores.gpkg",
        layer="percelen",
        columns=["perceel_id", "kadastrale_aanduiding"],
        read_geometry=False,
    )
    bron = uitkomst.regio.percelen
    first = bron.iloc[0]
    expected = f"{first['kadastrale_gemeente']} {first['sectie']} {first['perceelnummer']}"
    assert frame["kadastrale_aanduiding"].iloc[0] == expected == "Bussum A 18"
    assert frame["kadastrale_aanduiding"].notna().all()


def test_project_lists_every_layer_by_relative_path(run):
    with zipfile.ZipFile(run / "werkruimte.qgz") as zf:
        assert zf.namelist() == ["werkruimte.qgs"]
        root = ElementTree.fromstring(zf.read("werkruimte.qgs").decode().split("\n", 1)[1])
    sources = [m.findtext("datasource") for m in root.iter("maplayer")]
    assert sources[:4] == [
        "./schuifruimte.gpkg|layername=driedeling_hotspots",
        "./schuifruimte.gpkg|layername=driedeling_terreinen",
        "./schuifruimte.gpkg|layername=clusters",
        "./percelen_scores.gpkg|layername=percelen",
    ]
    assert sources[4].startswith("type=xyz&url=https://service.pdok.nl/brt/achtergrondkaart")
    assert root.find("projectCrs/spatialrefsys/authid").text == "EPSG:28992"


@pytest.mark.parametrize("formaat", ["parquet", "fgb"])
def test_parcels_as_geoparquet_or_flatgeobuf(uitkomst, tmp_path, formaat):
    path = tmp_path / f"p.{formaat}"
    deel = uitkomst.percelen.head(50)
    formaten.write_percelen(deel, path, formaat=formaat)
    back = gpd.read_parquet(path) if formaat == "parquet" else gpd.read_file(path)
    assert back.crs.to_epsg() == 28992
    if formaat == "fgb":  # FlatGeobuf stores the rows in the order of its spatial index
        order = pd.Index(back["perceel_id"]).get_indexer(deel["perceel_id"])
        assert (order >= 0).all()
        back = back.iloc[order].reset_index(drop=True)
    assert back["perceel_id"].tolist() == deel["perceel_id"].tolist()
    assert back["kadastrale_aanduiding"].tolist() == deel["kadastrale_aanduiding"].tolist()
    pd.testing.assert_series_equal(
        back["score"], deel["score"].reset_index(drop=True), check_names=False
    )
    with pytest.raises(ValueError, match="formaat moet een van gpkg, parquet, fgb"):
        formaten.write_percelen(deel, tmp_path / "x.shp", formaat="shp")


def test_formaat_option_of_the_command(tmp_path):
    from werkruimte.cli import main

    assert main(["score", "--out", str(tmp_path), "--formaat", "fgb", "--quiet"]) == 0
    assert (tmp_path / "percelen_scores.fgb").exists()
    assert not (tmp_path / "percelen_scores.gpkg").exists()
    assert pyogrio.read_info(tmp_path / "percelen_scores.fgb")["features"] == 31451


_QGIS_CHECK = textwrap.dedent(
    """
    import json, sys
    from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    out = {"gelezen": project.read(sys.argv[1]), "crs": project.crs().authid(), "lagen": []}
    for layer in project.mapLayers().values():
        entry = {"naam": layer.name(), "geldig": layer.isValid(), "crs": layer.crs().authid()}
        if isinstance(layer, QgsVectorLayer):
            entry["renderer"] = layer.renderer().type()
            entry["objecten"] = layer.featureCount()
            entry["labels"] = layer.labelsEnabled()
        out["lagen"].append(entry)
    # Opened on its own, a GeoPackage layer takes its default style from layer_styles.
    for path in sys.argv[2:]:
        layer = QgsVectorLayer(path, "los", "ogr")
        out["lagen"].append(
            {"naam": path, "geldig": layer.isValid(), "crs": layer.crs().authid(),
             "renderer": layer.renderer().type(), "objecten": layer.featureCount()}
        )
    from osgeo import gdal
    out["gdal"] = gdal.__version__
    print(json.dumps(out), flush=True)
    # QGIS 3.22 may crash in exitQgis() over the loose layers; the answer is out.
    import os
    os._exit(0)
    """
)


@needs_qgis
def test_the_project_opens_in_qgis_with_the_styles(run, tmp_path):
    script = tmp_path / "check.py"
    script.write_text(_QGIS_CHECK, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    los = [
        f"{run / 'percelen_scores.gpkg'}|layername=percelen",
        f"{run / 'schuifruimte.gpkg'}|layername=clusters",
        f"{run / 'schuifruimte.gpkg'}|layername=driedeling_hotspots",
    ]
    done = subprocess.run(
        [SYSTEM_PYTHON, str(script), str(run / "werkruimte.qgz"), *los],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["gelezen"] and result["crs"] == "EPSG:28992"
    lagen = {la["naam"]: la for la in result["lagen"]}
    assert lagen["BRT-achtergrondkaart (PDOK)"]["geldig"]
    vector = [la for la in result["lagen"] if "renderer" in la]
    assert len(vector) == 4 + len(los)
    for la in vector:
        assert la["geldig"] and la["crs"] == "EPSG:28992", la
        assert la["renderer"] in {"graduatedSymbol", "categorizedSymbol"}, la
    assert lagen["Percelen (score)"]["objecten"] == 31451
    assert lagen["Percelen (score)"]["renderer"] == "graduatedSymbol"
    assert lagen["Driedeling: bedrijventerreinen"]["renderer"] == "categorizedSymbol"
    assert lagen["Driedeling: informele werklocaties"]["objecten"] == 48
    assert lagen["Schuifruimte (clusters)"]["labels"] is True
