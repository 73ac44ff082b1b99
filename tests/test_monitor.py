"""Year on year: the demo run against a copy of it with known changes.

The copy drops three parcels, merges two touching parcels into a new one and gives
every parcel of one bedrijventerrein (Oude Haven, Huizen) the bestemming wonen; the
monitor must report exactly those changes. Small hand-built cases check the merge
detection and the terrain rule on their own.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import box
from test_vergelijk import kansenkaart_run

from werkruimte.monitor import (
    Monitor,
    monitor,
    perceel_mutaties,
    schrijf_monitor,
    terreinen_naar_wonen,
)
from werkruimte.run import lees_run

TERREIN = "2406002"  # Oude Haven, Huizen in the demo


def gewijzigde_kopie(src: Path, dst: Path) -> dict[str, Any]:
    """Copy run ``src`` to ``dst`` with known changes in its parcels; returns them."""
    shutil.copytree(src, dst)
    path = dst / "percelen_scores.gpkg"
    df = pyogrio.read_dataframe(path, layer="percelen")
    terrein = (df["terrein_id"] == TERREIN).to_numpy()
    naar_wonen = df.loc[terrein & (df["bestemming"] != "wonen").to_numpy()]
    df.loc[terrein, "bestemming"] = "wonen"
    geoms = df.geometry.to_numpy()
    i, j = shapely.STRtree(geoms).query(geoms, predicate="touches")
    free = ~terrein & ~df["kandidaat"].to_numpy(bool)
    k = next(n for n in range(len(i)) if i[n] > 100 and j[n] > 100 and free[i[n]] and free[j[n]])
    a, b = int(i[k]), int(j[k])
    drop = [10, 20, 30]
    new = df.iloc[[a]].copy()
    new["perceel_id"] = "NIEUW1"
    new["oppervlakte_m2"] = df["oppervlakte_m2"].iloc[[a, b]].sum()
    new = new.set_geometry([shapely.union(geoms[a], geoms[b])], crs=df.crs)
    changes = {
        "verwijderd": set(df["perceel_id"].iloc[drop]),
        "samengevoegd": {df["perceel_id"].iloc[a], df["perceel_id"].iloc[b]},
        "naar_wonen": naar_wonen,
        "eraf": set(df.loc[df.index[drop]].query("kandidaat")["perceel_id"]),
    }
    df = df.drop(index=df.index[[*drop, a, b]])
    out = gpd.GeoDataFrame(pd.concat([df, new]), crs=df.crs)
    path.unlink()
    pyogrio.write_dataframe(out, path, layer="percelen")
    # The copy stands for this year's run: its manifest names its own file's checksum.
    man_path = dst / "manifest.json"
    man = json.loads(man_path.read_text(encoding="utf-8"))
    for key in man.get("uitvoer_sha256", {}):
        if Path(key).name == path.name:
            man["uitvoer_sha256"][key] = hashlib.sha256(path.read_bytes()).hexdigest()
    man_path.write_text(json.dumps(man), encoding="utf-8")
    return changes


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("monitor")
    vorig = kansenkaart_run(tmp / "vorig")
    changes = gewijzigde_kopie(vorig, tmp / "nu")
    return vorig, tmp / "nu", changes


@pytest.fixture(scope="module")
def m(demo: tuple[Path, Path, dict[str, Any]]) -> Monitor:
    return monitor(lees_run(demo[0]), lees_run(demo[1]))


def test_monitor_reports_exactly_the_changes_made(
    demo: tuple[Path, Path, dict[str, Any]], m: Monitor
) -> None:
    changes = demo[2]
    assert set(m.verwijderd["perceel_id"]) == changes["verwijderd"]
    assert m.toegevoegd.empty
    assert m.samengevoegd["perceel_id"].tolist() == ["NIEUW1"]
    assert set(m.samengevoegd["oude_percelen"].iloc[0].split("; ")) == changes["samengevoegd"]
    assert m.samengevoegd["aantal_oude"].tolist() == [2]
    # bestemming: exactly the terrain's parcels that were not wonen yet
    nw = changes["naar_wonen"]
    assert set(m.bestemming["perceel_id"]) == set(nw["perceel_id"])
    assert set(m.bestemming["bestemming_nu"]) == {"wonen"}
    assert len(nw) > 10
    # the terrain that became wonen, with its m²
    assert m.naar_wonen["terrein_id"].tolist() == [TERREIN]
    row = m.naar_wonen.iloc[0]
    assert row["terrein_naam"] == "Oude Haven" and row["gemeente"] == "Huizen"
    assert row["naar_wonen_m2"] == pytest.approx(nw["oppervlakte_m2"].sum())
    assert row["aandeel_wonen_nu"] == pytest.approx(1.0)
    assert row["werd_wonen"]
    assert row["hoofdbestemming_nu"] == "wonen" and row["hoofdbestemming_vorig"] != "wonen"
    # the candidates among the dropped parcels dropped out; nothing else changed
    p = m.vergelijking.percelen
    assert set(p.loc[p["wijziging"] == "eraf", "perceel_id"]) == changes["eraf"]
    assert (p["wijziging"] == "erbij").sum() == 0
    assert not m.invoer["gewijzigd"].any()


def test_schrijf_monitor(tmp_path: Path, m: Monitor) -> None:
    written = schrijf_monitor(m, tmp_path)
    assert sorted(p.name for p in written) == ["monitor.gpkg", "monitor.json", "monitor.xlsx"]
    gpkg = tmp_path / "monitor.gpkg"
    layers = list(pyogrio.list_layers(gpkg)[:, 0])
    assert layers == [
        "percelen",
        "clusters",
        "toegevoegd",
        "verwijderd",
        "samengevoegd",
        "bestemming",
    ]
    assert pyogrio.read_info(gpkg, layer="verwijderd")["features"] == 3
    assert pyogrio.read_info(gpkg, layer="toegevoegd")["features"] == 0
    wb = openpyxl.load_workbook(tmp_path / "monitor.xlsx")
    ws = wb["naar wonen"]
    assert [c.value for c in ws[1]][:4] == [
        "terrein",
        "bedrijventerrein",
        "gemeente",
        "naar wonen (m²)",
    ]
    assert ws.cell(2, 2).value == "Oude Haven"
    data = json.loads((tmp_path / "monitor.json").read_text(encoding="utf-8"))
    assert sorted(data["percelen"]["verwijderd"]) == sorted(m.verwijderd["perceel_id"])
    assert data["naar_wonen"][0]["terrein_naam"] == "Oude Haven"
    assert data["percelen"]["samengevoegd"][0]["perceel_id"] == "NIEUW1"


# -- small cases worked out by hand ------------------------------------------------------


def _frame(rows: list[tuple[str, Any, str]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "perceel_id": [r[0] for r in rows],
            "gemeente": "Huizen",
            "oppervlakte_m2": [r[1].area for r in rows],
            "bestemming": [r[2] for r in rows],
        },
        geometry=[r[1] for r in rows],
        crs="EPSG:28992",
    )


def test_perceel_mutaties_by_hand() -> None:
    vorig = _frame(
        [
            ("a", box(0, 0, 10, 10), "bedrijf"),
            ("b", box(10, 0, 20, 10), "bedrijf"),
            ("c", box(30, 0, 40, 10), "bedrijf"),
            ("d", box(50, 0, 60, 10), "wonen"),
            ("e", box(70, 0, 80, 10), "kantoor"),
        ]
    )
    nu = _frame(
        [
            ("ab", box(0, 0, 20, 10), "bedrijf"),  # a + b merged
            ("c", box(30, 0, 40, 10), "wonen"),  # bestemming changed
            ("e2", box(71, 0, 80, 10), "kantoor"),  # replaces e, but covers only one
            ("f", box(90, 0, 95, 5), "bedrijf"),  # new
        ]
    )
    mut = perceel_mutaties(vorig, nu)
    assert sorted(mut["toegevoegd"]["perceel_id"]) == ["e2", "f"]
    assert sorted(mut["verwijderd"]["perceel_id"]) == ["d", "e"]
    assert mut["samengevoegd"]["perceel_id"].tolist() == ["ab"]
    assert sorted(mut["samengevoegd"]["oude_percelen"].iloc[0].split("; ")) == ["a", "b"]
    best = mut["bestemming"]
    assert best["perceel_id"].tolist() == ["c"]
    assert best[["bestemming_vorig", "bestemming_nu"]].iloc[0].tolist() == ["bedrijf", "wonen"]
    # an old parcel that lies only for 40% inside the new one does not count as merged
    half = _frame([("x", box(0, 0, 10, 10), "bedrijf"), ("y", box(10, 0, 20, 10), "bedrijf")])
    mostly_x = _frame([("xy", box(0, 0, 14, 10), "bedrijf")])
    mut = perceel_mutaties(half, mostly_x)
    assert mut["samengevoegd"].empty
    assert mut["toegevoegd"]["perceel_id"].tolist() == ["xy"]


def test_terreinen_naar_wonen_by_hand() -> None:
    def frame(bestemmingen: list[str]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "perceel_id": ["p1", "p2", "p3", "q1"],
                "terrein_id": ["T1", "T1", "T1", "T2"],
                "terrein_naam": ["Eén", "Eén", "Eén", "Twee"],
                "gemeente": "Huizen",
                "bestemming": bestemmingen,
                "oppervlakte_m2": [100.0, 300.0, 600.0, 50.0],
            }
        )

    vorig = frame(["bedrijf", "bedrijf", "bedrijf", "bedrijf"])
    nu = frame(["wonen", "wonen", "bedrijf", "bedrijf"])
    out = terreinen_naar_wonen(vorig, nu, pd.DataFrame({"id": ["T1"], "klasse": ["behouden"]}))
    assert out["terrein_id"].tolist() == ["T1"]
    row = out.iloc[0]
    assert row["naar_wonen_m2"] == 400.0
    assert row["aandeel_wonen_vorig"] == 0.0
    assert row["aandeel_wonen_nu"] == pytest.approx(0.4)
    assert row["hoofdbestemming_nu"] == "bedrijf"
    assert not row["werd_wonen"]
    assert row["klasse"] == "behouden"
    nu2 = frame(["wonen", "wonen", "wonen", "bedrijf"])
    assert terreinen_naar_wonen(vorig, nu2)["werd_wonen"].tolist() == [True]
