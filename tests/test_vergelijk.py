"""Two runs of the demo compared: defaults against ``gewichten = { ov = 3.0 }``.

The two runs are made once for this module with the command line (the whole chain);
every count and hectare of :func:`werkruimte.vergelijk.vergelijk` is checked against a
direct comparison of the two ``percelen_scores.gpkg`` files computed here. Reading run
folders (:func:`werkruimte.run.lees_run`) is tested on copies of a run.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import box
from test_browser import COUNT_JS, _script_errors, browser  # noqa: F401 (fixture)

from werkruimte import export
from werkruimte._nl import getal
from werkruimte.cli import main
from werkruimte.config import demo_config_path
from werkruimte.errors import InputError
from werkruimte.kaart.wijzigingen import wijzigingenkaart
from werkruimte.run import Run, lees_run
from werkruimte.vergelijk import (
    Vergelijking,
    schrijf_vergelijking,
    vergelijk,
    vergelijk_percelen,
)

GEMEENTEN = [
    "Blaricum",
    "Eemnes",
    "Gooise Meren",
    "Hilversum",
    "Huizen",
    "Laren (NH.)",
    "Wijdemeren",
]


def demo_toml(folder: Path, extra: str = "") -> Path:
    """The demo's werkruimte.toml with absolute source paths, plus ``extra`` TOML."""
    demo = demo_config_path()
    data = tomllib.loads(demo.read_text(encoding="utf-8"))
    lines = ["[regio]", f"naam = {json.dumps(data['regio']['naam'])}", "fictief = true", ""]
    lines.append("[bronnen]")
    for key, value in data["bronnen"].items():
        if key.endswith("_laag") or key == "crs":
            lines.append(f"{key} = {json.dumps(value)}")
        else:
            lines.append(f"{key} = {json.dumps(str((demo.parent / value).resolve()))}")
    lines += ["", "[criteria.glasvezel]", 'eenheid = "procent"', "", extra, ""]
    path = folder / "werkruimte.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def kansenkaart_run(out: Path, config: Path | None = None) -> Path:
    """Run ``werkruimte kansenkaart`` into ``out`` (map inside it); returns ``out``."""
    args = ["kansenkaart", "--out", str(out), "--kaart", str(out / "kansenkaart.html"), "-q"]
    if config is not None:
        args += ["--config", str(config)]
    assert main(args) == 0
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("vergelijk")
    a = kansenkaart_run(tmp / "standaard")
    ov3 = demo_toml(tmp, "[criteria.profielen.schuifruimte]\ngewichten = { ov = 3.0 }")
    b = kansenkaart_run(tmp / "ov3", ov3)
    return a, b


@pytest.fixture(scope="module")
def v(runs: tuple[Path, Path]) -> Vergelijking:
    return vergelijk(lees_run(runs[0]), lees_run(runs[1]))


def _kandidaten(path: Path) -> pd.DataFrame:
    df = pyogrio.read_dataframe(
        path / "percelen_scores.gpkg",
        read_geometry=False,
        columns=["perceel_id", "gemeente", "oppervlakte_m2", "kandidaat"],
    )
    return df.loc[df["kandidaat"].astype(bool)].set_index("perceel_id")


def test_erbij_eraf_equal_a_direct_comparison_of_the_geopackages(
    runs: tuple[Path, Path], v: Vergelijking
) -> None:
    ka, kb = _kandidaten(runs[0]), _kandidaten(runs[1])
    erbij = kb.loc[kb.index.difference(ka.index)]
    eraf = ka.loc[ka.index.difference(kb.index)]
    gebleven = ka.index.intersection(kb.index)
    # The scenario makes a real difference in both directions.
    assert len(erbij) > 0 and len(eraf) > 0

    p = v.percelen
    assert set(p.loc[p["wijziging"] == "erbij", "perceel_id"]) == set(erbij.index)
    assert set(p.loc[p["wijziging"] == "eraf", "perceel_id"]) == set(eraf.index)
    assert set(p.loc[p["wijziging"] == "gebleven", "perceel_id"]) == set(gebleven)
    assert len(p) == len(ka.index.union(kb.index))

    s = v.samenvatting.set_index("gemeente")
    assert list(s.index) == [*GEMEENTEN, "regio"]
    for gem in GEMEENTEN:
        e, f = erbij[erbij["gemeente"] == gem], eraf[eraf["gemeente"] == gem]
        assert s.loc[gem, "erbij"] == len(e)
        assert s.loc[gem, "eraf"] == len(f)
        assert s.loc[gem, "erbij_ha"] == pytest.approx(e["oppervlakte_m2"].sum() / 1e4)
        assert s.loc[gem, "eraf_ha"] == pytest.approx(f["oppervlakte_m2"].sum() / 1e4)
        assert s.loc[gem, "kandidaten_a"] == (ka["gemeente"] == gem).sum()
        assert s.loc[gem, "kandidaten_b"] == (kb["gemeente"] == gem).sum()
        assert s.loc[gem, "ha_b"] == pytest.approx(
            kb.loc[kb["gemeente"] == gem, "oppervlakte_m2"].sum() / 1e4
        )
    assert s.loc["regio", "erbij"] == len(erbij)
    assert s.loc["regio", "eraf"] == len(eraf)
    assert s.loc["regio", "erbij_ha"] == pytest.approx(erbij["oppervlakte_m2"].sum() / 1e4)
    assert s.loc["regio", "eraf_ha"] == pytest.approx(eraf["oppervlakte_m2"].sum() / 1e4)


def test_schuifruimte_and_clusters_of_both_runs(runs: tuple[Path, Path], v: Vergelijking) -> None:
    s = v.samenvatting.set_index("gemeente")
    for run, side in zip(runs, ("a", "b"), strict=True):
        man = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
        # The region's schuifruimte (parcels in a cluster) is the manifest's supply.
        assert s.loc["regio", f"schuifruimte_ha_{side}"] == pytest.approx(
            man["schuifruimte"]["aanbod_ha"], abs=1e-4
        )
        n = pyogrio.read_info(run / "schuifruimte.gpkg", layer="clusters")["features"]
        label = "A" if side == "a" else "B"
        assert (v.clusters["run"] == label).sum() == n


def test_the_settings_that_differ_are_named(v: Vergelijking) -> None:
    d = v.instellingen.set_index("sleutel")
    assert d.loc["criteria.profielen.schuifruimte.gewichten.ov", "waarde_a"] == "1.0"
    assert d.loc["criteria.profielen.schuifruimte.gewichten.ov", "waarde_b"] == "3.0"
    # Only the weight and the (absolute) source paths differ.
    assert set(d.index) - {
        f"bronnen.{k}"
        for k in (
            "percelen",
            "bedrijventerreinen",
            "bestemmingsplannen",
            "hotspots",
            "gtfs",
            "glasvezel",
            "gemeenten",
            "wegen",
        )
    } == {"criteria.profielen.schuifruimte.gewichten.ov"}


def test_driedeling_per_werklocatie(runs: tuple[Path, Path], v: Vergelijking) -> None:
    a = pd.read_csv(runs[0] / "driedeling.csv", sep=";", decimal=",", encoding="utf-8-sig")
    b = pd.read_csv(runs[1] / "driedeling.csv", sep=";", decimal=",", encoding="utf-8-sig")
    d = v.driedeling
    assert len(d) == len(a) == len(b)
    key = a["soort"] + "/" + a["id"].astype(str)
    changed = key[
        (
            a["klasse"].to_numpy()
            != b.set_index(b["soort"] + "/" + b["id"].astype(str)).loc[key, "klasse"].to_numpy()
        )
    ]
    assert set(d.loc[d["gewijzigd"], "soort"] + "/" + d.loc[d["gewijzigd"], "id"]) == set(changed)


def test_a_run_compared_with_itself_has_no_changes(runs: tuple[Path, Path]) -> None:
    run = lees_run(runs[0])
    same = vergelijk(run, run)
    assert set(same.percelen["wijziging"]) == {"gebleven"}
    regio = same.samenvatting.set_index("gemeente").loc["regio"]
    assert regio["erbij"] == 0 and regio["eraf"] == 0
    assert not same.driedeling["gewijzigd"].any()
    assert same.instellingen.empty


def test_schrijf_vergelijking(tmp_path: Path, v: Vergelijking) -> None:
    written = schrijf_vergelijking(v, tmp_path / "uit")
    names = sorted(p.name for p in written)
    assert names == [
        "vergelijking.gpkg",
        "vergelijking.html",
        "vergelijking.json",
        "vergelijking.xlsx",
    ]
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == names  # no temp files left

    gpkg = tmp_path / "uit" / "vergelijking.gpkg"
    assert list(pyogrio.list_layers(gpkg)[:, 0]) == ["percelen", "clusters"]
    layer = pyogrio.read_dataframe(gpkg, layer="percelen", read_geometry=False)
    assert (
        layer["wijziging"].value_counts().to_dict()
        == v.percelen["wijziging"].value_counts().to_dict()
    )
    assert {"score_a", "score_b", "profiel_a", "profiel_b"} <= set(layer.columns)

    wb = openpyxl.load_workbook(tmp_path / "uit" / "vergelijking.xlsx")
    assert wb.sheetnames == ["samenvatting", "driedeling", "instellingen"]
    ws = wb["samenvatting"]
    header = [c.value for c in ws[1]]
    assert header[:5] == [
        "gemeente",
        "kandidaten A",
        "ha kandidaten A",
        "kandidaten B",
        "ha kandidaten B",
    ]
    assert "erbij (ha)" in header and "eraf (aantal)" in header
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}9"
    assert ws.cell(9, 1).value == "regio"

    data = json.loads((tmp_path / "uit" / "vergelijking.json").read_text(encoding="utf-8"))
    regio = v.samenvatting.set_index("gemeente").loc["regio"]
    assert data["regio"]["erbij"] == regio["erbij"]
    assert data["regio"]["eraf_ha"] == pytest.approx(regio["eraf_ha"], abs=1e-4)
    assert data["wijzigingen"]["erbij"] == regio["erbij"]
    assert [g["gemeente"] for g in data["per_gemeente"]] == GEMEENTEN


# -- reading run folders ---------------------------------------------------------------


def test_lees_run_finds_the_outputs_of_a_moved_run(tmp_path: Path, runs: tuple[Path, Path]) -> None:
    moved = tmp_path / "verplaatst"
    shutil.copytree(runs[0], moved)
    run = lees_run(moved)
    assert isinstance(run, Run)
    assert run.bestand("percelen_scores.gpkg") == moved / "percelen_scores.gpkg"
    assert {"schuifruimte.gpkg", "driedeling.csv", "middensegment.csv"} <= set(run.bestanden)
    assert len(run.percelen()) == 31451
    assert run.tabel("middensegment") is not None


def test_lees_run_errors_name_the_file(tmp_path: Path, runs: tuple[Path, Path]) -> None:
    with pytest.raises(InputError, match="bestaat niet"):
        lees_run(tmp_path / "nergens")
    (tmp_path / "leeg").mkdir()
    with pytest.raises(InputError, match=r"manifest\.json.*geen run-map"):
        lees_run(tmp_path / "leeg")
    broken = tmp_path / "onvolledig"
    shutil.copytree(runs[0], broken)
    (broken / "middensegment.csv").unlink()
    with pytest.raises(InputError, match=r"middensegment\.csv ontbreekt") as info:
        lees_run(broken)
    assert info.value.path == str(broken / "middensegment.csv")
    assert "Oplossing" in str(info.value)


def test_lees_run_checks_sha256_when_the_manifest_has_them(
    tmp_path: Path, runs: tuple[Path, Path]
) -> None:
    run = tmp_path / "met_sha"
    shutil.copytree(runs[0], run)
    man = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    man["uitvoer_sha256"] = {
        p: export.sha256(run / Path(p).name)
        for p in man["uitvoer"]
        if Path(p).name != "manifest.json"
    }
    (run / "manifest.json").write_text(json.dumps(man), encoding="utf-8")
    assert lees_run(run).heeft("glasvezelgaten.csv")
    with (run / "glasvezelgaten.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    with pytest.raises(InputError, match="wijkt af van de manifest") as info:
        lees_run(run)
    assert info.value.path == str(run / "glasvezelgaten.csv")
    assert lees_run(run, controleer=False).heeft("glasvezelgaten.csv")


def test_a_score_run_has_parcels_but_no_clusters(tmp_path: Path, runs: tuple[Path, Path]) -> None:
    # What 'werkruimte score' writes: the parcels and a manifest that lists only them.
    run = tmp_path / "score"
    run.mkdir()
    shutil.copy(runs[0] / "percelen_scores.gpkg", run)
    man = json.loads((runs[0] / "manifest.json").read_text(encoding="utf-8"))
    man["uitvoer"] = [str(Path("/elders/score/percelen_scores.gpkg"))]
    (run / "manifest.json").write_text(json.dumps(man), encoding="utf-8")
    r = lees_run(run)
    assert r.clusters().empty
    assert r.driedeling() is None
    with pytest.raises(InputError, match=r"geen schuifruimte\.gpkg"):
        r.bestand("schuifruimte.gpkg")
    assert np.isfinite(r.percelen()["score"]).all()


# -- the map of the changes ------------------------------------------------------------

HOSTILE = '<script>alert("perceel")</script>'
HOSTILE_IMG = '"><img src=x onerror="window.__pwned=1">'


def _scored(ids: list[str], kandidaat: list[bool]) -> gpd.GeoDataFrame:
    n = len(ids)
    return gpd.GeoDataFrame(
        {
            "perceel_id": pd.array(ids, dtype="string"),
            "gemeente": pd.array(["Hilversum", HOSTILE_IMG, "Laren", "Laren"][:n], dtype="string"),
            "oppervlakte_m2": [2000.0, 1700.0, 1100.0, 800.0][:n],
            "score": [90.0, 80.0, 70.0, 60.0][:n],
            "kandidaat": kandidaat,
            "profiel": pd.array(["schuifruimte", HOSTILE, "middensegment", "x"][:n]),
            "cluster_id": [0, -1, -1, 1][:n],
        },
        geometry=[box(140_000 + 100 * i, 470_000, 140_050 + 100 * i, 470_040) for i in range(n)],
        crs=28992,
    )


def _clusters(n: int, naam: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "cluster_id": np.arange(n, dtype="int64"),
            "oppervlakte_ha": [0.2 * (i + 1) for i in range(n)],
            "gemeenten": pd.array([HOSTILE] * n, dtype="string"),
            "run": naam,
        },
        geometry=[box(139_990 + 300 * i, 469_990, 140_160 + 300 * i, 470_050) for i in range(n)],
        crs=28992,
    )


@pytest.fixture(scope="module")
def vijandig() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, tuple[str, str]]:
    """p1 and p4 stay (0,28 ha), p2 drops out (0,17 ha), the hostile id comes in (0,11 ha)."""
    ids = ["p1", "p2", HOSTILE, "p4"]
    a = _scored(ids, [True, True, False, True])
    b = _scored(ids, [True, False, True, True])
    namen = ("basis", "<b>ov3</b>")
    clusters = pd.concat([_clusters(1, namen[0]), _clusters(2, namen[1])], ignore_index=True)
    return vergelijk_percelen(a, b), gpd.GeoDataFrame(clusters, crs=28992), namen


def _html(kaart: Any) -> str:
    return str(kaart.get_root().render())


def test_the_map_escapes_every_text(vijandig: Any) -> None:
    percelen, clusters, namen = vijandig
    # In A's order; the parcel that came in keeps its score of A (no candidate there).
    assert list(percelen["wijziging"]) == ["gebleven", "eraf", "erbij", "gebleven"]
    assert list(percelen["score_a"]) == [90.0, 80.0, 70.0, 60.0]
    assert list(percelen["kandidaat_a"]) == [True, True, False, True]
    text = _html(wijzigingenkaart(percelen, clusters, namen=namen, fictief=True))
    # No data text reaches the page unescaped (the script tags of Leaflet are ours).
    assert HOSTILE not in text and "<img src=x" not in text and "<b>ov3</b>" not in text
    # Nor in the JSON of the layers (where Jinja writes '<' as \\u003c and '&' as \\u0026):
    # only the escaped text, which the tooltips show as text.
    assert "\\u003cscript" not in text and "\\u003cimg" not in text
    assert "\\u0026lt;script\\u0026gt;alert(" in text
    assert "&lt;b&gt;ov3&lt;/b&gt;" in text
    # Offline: Leaflet is written in, nothing is loaded from a CDN.
    assert "cdn.jsdelivr.net" not in text and "unpkg.com" not in text
    assert "FICTIEVE GEGEVENS" in text


def test_the_map_has_a_layer_per_change_and_per_run(vijandig: Any) -> None:
    from werkruimte.kaart.wijzigingen import WIJZIGING_KLEUREN

    percelen, clusters, namen = vijandig
    kaart = wijzigingenkaart(percelen, clusters, namen=namen)
    layers = {
        child.layer_name: child
        for child in kaart._children.values()
        if type(child).__name__ == "GeoJson"
    }
    features = {name: len(layer.data["features"]) for name, layer in layers.items()}
    assert features == {
        "Schuifruimte-clusters basis (0,2 ha)": 1,
        "Schuifruimte-clusters &lt;b&gt;ov3&lt;/b&gt; (0,6 ha)": 2,
        "Gebleven (kandidaat in beide): 2 (0,3 ha)": 2,
        "Eraf (kandidaat in basis, niet in &lt;b&gt;ov3&lt;/b&gt;): 1 (0,2 ha)": 1,
        "Erbij (kandidaat in &lt;b&gt;ov3&lt;/b&gt;, niet in basis): 1 (0,1 ha)": 1,
    }
    erbij = next(v for k, v in layers.items() if k.startswith("Erbij"))
    props = erbij.data["features"][0]["properties"]
    assert props["perceel_id"] == html.escape(HOSTILE)
    assert props["score_a"] == "70,0" and props["score_b"] == "70,0"
    assert props["oppervlakte"] == "1.100 m²"
    assert erbij.style_function(None)["fillColor"] == WIJZIGING_KLEUREN["erbij"] == "#009e73"
    text = _html(kaart)
    assert "1 erbij (0,1 ha), 1 eraf (0,2 ha), 2 gebleven (0,3 ha)" in text
    assert "FICTIEVE" not in text


def test_the_demo_comparison_map(tmp_path: Path, v: Vergelijking) -> None:
    schrijf_vergelijking(v, tmp_path)
    text = (tmp_path / "vergelijking.html").read_text(encoding="utf-8")
    p = v.percelen
    counts = p["wijziging"].value_counts()
    # Both scores of every parcel: a parcel that came in or dropped out was scored in
    # both runs, only not a candidate in one.
    assert p["score_a"].notna().all() and p["score_b"].notna().all()
    assert (p.loc[p["wijziging"] == "erbij", "score_a"] < 100).all()
    # Every parcel of the comparison is one feature of its layer.
    for w in ("erbij", "eraf", "gebleven"):
        assert text.count(f'"wijziging": "{w}"') == counts[w]
    regio = v.regio()
    assert f"{regio['erbij']} erbij ({getal(regio['erbij_ha'], 1)} ha)" in text
    assert "FICTIEVE GEGEVENS" in text
    assert text.count('"run"') == 0  # the run column is not copied into the features


@pytest.mark.browser
def test_the_map_opens_offline_without_script_errors(
    tmp_path: Path,
    browser: Any,  # noqa: F811 (the fixture of test_browser)
    vijandig: Any,
) -> None:
    percelen, clusters, namen = vijandig
    path = tmp_path / "vergelijking.html"
    wijzigingenkaart(percelen, clusters, namen=namen, fictief=True).save(str(path))
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    console: list[Any] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: console.append(msg))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route(re.compile(r"^https?://"), lambda route: route.abort())
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(f"() => ({COUNT_JS})().polygons > 0")
    # 4 parcels and 3 clusters.
    assert page.evaluate(COUNT_JS)["polygons"] == 7
    labels = [
        el.inner_text().strip()
        for el in page.query_selector_all(".leaflet-control-layers-overlays label")
    ]
    assert labels == [
        "Schuifruimte-clusters basis (0,2 ha)",
        "Schuifruimte-clusters <b>ov3</b> (0,6 ha)",
        "Gebleven (kandidaat in beide): 2 (0,3 ha)",
        "Eraf (kandidaat in basis, niet in <b>ov3</b>): 1 (0,2 ha)",
        "Erbij (kandidaat in <b>ov3</b>, niet in basis): 1 (0,1 ha)",
    ]
    assert "FICTIEVE GEGEVENS" in page.inner_text(".wr-titel")
    assert "Erbij" in page.inner_text(".wr-legenda")
    # Hover every parcel and cluster (a mouseover on the shape, as the mouse gives it):
    # the tooltip shows the hostile texts as text, and nothing in it runs.
    tips = page.evaluate(
        """() => {
        const map = window[document.querySelector('.folium-map').id];
        const out = [];
        map.eachLayer(l => {
            if (!l.feature) { return; }
            l.fire('mouseover', {latlng: l.getCenter()}, true);
            const tips = [...document.querySelectorAll('.leaflet-tooltip')];
            out.push({
                text: tips.map(t => t.innerText).join(' | '),
                tags: tips.reduce((n, t) => n + t.querySelectorAll('img, script, b').length, 0),
            });
            l.fire('mouseout', {latlng: l.getCenter()}, true);
        });
        return out;
    }"""
    )
    assert len(tips) == 7
    assert all(t["tags"] == 0 for t in tips), tips
    shown = " ".join(t["text"] for t in tips)
    assert HOSTILE in shown and HOSTILE_IMG in shown and "Score <b>ov3</b>" in shown
    assert page.query_selector("img[src='x']") is None
    assert page.evaluate("() => window.__pwned === undefined")
    assert dialogs == []
    assert errors == []
    assert _script_errors(console) == []
    page.close()
