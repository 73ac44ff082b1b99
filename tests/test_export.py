"""Atomic writers: all-or-nothing, previous outputs survive a failure."""

import json

import geopandas as gpd
import pytest
from shapely.geometry import box

from werkruimte import export
from werkruimte.config import default_config


def test_outputs_appear_only_when_all_succeeded(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "a.txt").write_text("oud")
    with pytest.raises(RuntimeError), export.atomic_outputs(out) as tx:
        tx.path(out / "a.txt").write_text("nieuw")
        tx.path(out / "b.txt").write_text("nieuw")
        raise RuntimeError("halverwege")
    assert (out / "a.txt").read_text() == "oud"
    assert not (out / "b.txt").exists()
    assert [p.name for p in out.iterdir()] == ["a.txt"]  # no temp folder left

    with export.atomic_outputs(out) as tx:
        tx.path(out / "a.txt").write_text("nieuw")
    assert (out / "a.txt").read_text() == "nieuw"


def test_gpkg_and_manifest(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"perceel_id": ["1", None], "kandidaat": [True, False]},
        geometry=[box(0, 0, 1, 1), box(1, 1, 2, 2)],
        crs=28992,
    )
    gdf["perceel_id"] = gdf["perceel_id"].astype("string")
    path = tmp_path / "x.gpkg"
    export.write_gpkg(gdf, path, layer="percelen")
    back = gpd.read_file(path, layer="percelen")
    assert back["perceel_id"].iloc[0] == "1"
    assert back["kandidaat"].tolist() == [True, False]
    src = tmp_path / "in.txt"
    src.write_text("abc")
    man = export.manifest(
        config=default_config(),
        inputs={"percelen": src, "gtfs": None},
        outputs=[path],
        timings={"laden": 0.1234},
    )
    assert man["invoer"]["percelen"]["sha256"] == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert man["invoer"]["gtfs"] is None
    export.write_json(man, tmp_path / "m.json")
    assert json.loads((tmp_path / "m.json").read_text())["tijden_s"]["laden"] == 0.123
