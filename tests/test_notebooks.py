"""The planners' notebooks: run each top to bottom on the demo region with nbclient.

Each notebook is copied to a temporary folder and executed there by a ``python3``
kernel that is pinned to this interpreter (a kernelspec in a temporary JUPYTER_PATH),
with TMPDIR, the Jupyter runtime folder and IPYTHONDIR in temporary folders too, so a
run never writes into the repository. Any cell error fails the test (nbclient raises
``CellExecutionError`` with the traceback).

After the notebook's own cells the test appends one cell that prints a JSON summary of
the notebook's variables. The assertions check the text the planner reads against that
state, and both against values worked out by hand from the demo data
(``data/README.md``) and the defaults (``werkruimte/standaard.toml``).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd
import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("jupytext")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
NAMES = (
    "01_verkennen",
    "02_criteria_afstemmen",
    "03_schuifruimte_en_driedeling",
    "04_eigen_gemeente",
    "05_monitoring",
)
MARKER = "@@TOETS@@"

# Demo data facts (data/README.md) and defaults (standaard.toml) the checks rely on.
DEMO_PERCELEN = 31451
DEMO_GEMEENTEN = 7
DEMO_TERREINEN = 15
DEMO_HOTSPOTS = 48
TOP_N = {"schuifruimte": 40, "middensegment": 60}


def _bouw() -> ModuleType:
    """notebooks/_bouw.py: builds each .ipynb from its jupytext source (.py)."""
    path = NOTEBOOKS / "_bouw.py"
    spec = importlib.util.spec_from_file_location("notebooks_bouw", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _nl_int(text: str) -> int:
    """'31.451' -> 31451."""
    return int(text.replace(".", ""))


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A ``python3`` kernelspec that runs this interpreter; all kernel files in tmp."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (werkruimte-tests)",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(root))
        mp.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path_factory.mktemp("runtime")))
        mp.setenv("IPYTHONDIR", str(tmp_path_factory.mktemp("ipython")))
        mp.setenv("TMPDIR", str(tmp_path_factory.mktemp("kerneltmp")))
        mp.delenv("MPLBACKEND", raising=False)  # the inline backend must draw the figures
        yield


class Uitvoer:
    """An executed notebook: its printed text, its rich outputs and the test state."""

    def __init__(self, nb: Any) -> None:
        own = nb.cells[:-1]
        self.tekst = "\n".join(
            o["text"]
            for cell in own
            if cell.cell_type == "code"
            for o in cell.outputs
            if o["output_type"] == "stream" and o["name"] == "stdout"
        )
        self.data = [
            o["data"]
            for cell in own
            if cell.cell_type == "code"
            for o in cell.outputs
            if o["output_type"] in ("display_data", "execute_result")
        ]
        last = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
        self.staat: dict[str, Any] = json.loads(last.split(MARKER, 1)[1])

    def zoek(self, pattern: str) -> re.Match[str]:
        match = re.search(pattern, self.tekst)
        assert match, f"niet gevonden in de uitvoer: {pattern!r}\n{self.tekst}"
        return match

    def aantal(self, mime: str) -> int:
        return sum(mime in d for d in self.data)


def _run(name: str, tmp_path: Path, staat: str) -> Uitvoer:
    """Execute a copy of notebook ``name`` in ``tmp_path`` with a state cell appended."""
    copy = tmp_path / f"{name}.ipynb"
    shutil.copyfile(NOTEBOOKS / f"{name}.ipynb", copy)
    nb = nbformat.read(copy, as_version=4)
    code = (
        "import json as _json, os as _os, sys as _sys\n"
        f"_staat = {staat}\n"
        "_staat.update(python=_sys.executable, cwd=_os.getcwd())\n"
        f"print({MARKER!r} + _json.dumps(_staat, default=str))"
    )
    nb.cells.append(nbformat.v4.new_code_cell(code))
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    out = Uitvoer(nb)
    # The kernel ran this interpreter (the venv), in the temporary copy's folder.
    assert out.staat["python"] == sys.executable
    assert Path(out.staat["cwd"]).resolve() == tmp_path.resolve()
    return out


def _outside_repo(path: str) -> bool:
    return not Path(path).resolve().is_relative_to(REPO)


# ---------------------------------------------------------------------------
# The files in git
# ---------------------------------------------------------------------------


@pytest.mark.notebooks
@pytest.mark.parametrize("name", NAMES)
def test_notebook_in_git_is_stripped_and_generated(name: str) -> None:
    path = NOTEBOOKS / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "een notebook zonder code"
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert [c.id for c in nb.cells] == [f"cel-{i:02d}" for i in range(1, len(nb.cells) + 1)]
    # The file is exactly what jupytext builds from notebooks/NAME.py (`make notebooks`).
    assert path.read_text("utf-8") == _bouw().bouw(name)


@pytest.mark.notebooks
@pytest.mark.parametrize("name", NAMES)
def test_building_is_stable_and_keeps_the_source(name: str) -> None:
    bouw = _bouw()
    # Building twice gives the same file (fixed cell ids, no outputs).
    text = bouw.bouw(name)
    assert text == bouw.bouw(name)
    nb = nbformat.reads(text, as_version=4)
    assert all(c.metadata == {} for c in nb.cells)
    # Every cell of the .py is in the notebook: `# %% [markdown]` cells as markdown.
    source = (NOTEBOOKS / f"{name}.py").read_text("utf-8")
    markers = re.findall(r"^# %%( \[markdown\])?$", source, flags=re.MULTILINE)
    assert [c.cell_type for c in nb.cells] == ["markdown" if m else "code" for m in markers]
    assert nb.cells[0].cell_type == "markdown"
    assert re.match(r"# \d\. ", nb.cells[0].source)
    assert all(c.source == c.source.strip() and c.source for c in nb.cells)


@pytest.mark.notebooks
def test_every_notebook_is_generated_and_documented() -> None:
    assert _bouw().NAMEN == NAMES
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == list(NAMES)
    assert sorted(p.stem for p in NOTEBOOKS.glob("[0-9]*.py")) == list(NAMES)
    assert _bouw().main(["--check"]) == 0
    readme = (NOTEBOOKS / "README.md").read_text("utf-8")
    assert all(name in readme for name in NAMES)


# ---------------------------------------------------------------------------
# Execution on the demo region
# ---------------------------------------------------------------------------


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.usefixtures("kernel")
def test_01_verkennen(tmp_path: Path) -> None:
    out = _run(
        "01_verkennen",
        tmp_path,
        """{
            "percelen": len(percelen),
            "gemeenten": len(regio.gemeenten),
            "terreinen": len(regio.bedrijventerreinen),
            "hotspots": len(regio.hotspots),
            "kandidaten": int(percelen["kandidaat"].sum()),
            "klassen_totaal": int(per_gemeente.loc["totaal", ["groot", "midden", "overig"]].sum()),
            "groot": len(groot),
            "groot_kandidaten": len(groot_kandidaten),
            "groot_buiten_klasse": int((groot["oppervlakte_m2"] < 1500).sum()
                                       + (groot["oppervlakte_m2"] > 2500).sum()),
            "centrum_station": len(centrum_station),
            "centrum_station_ver": int(((centrum_station["bestemming"] != "centrum")
                                        & (centrum_station["afstand_station_m"] > 800)).sum()),
            "perceel_score": float(perceel["score"]),
            "punten_som": float(punten["punten perceel"].sum()),
            "gewicht_som": float(punten["gewicht"].sum()),
        }""",
    )
    s = out.staat
    # The demo region as data/README.md describes it.
    assert (s["percelen"], s["gemeenten"], s["terreinen"], s["hotspots"]) == (
        DEMO_PERCELEN,
        DEMO_GEMEENTEN,
        DEMO_TERREINEN,
        DEMO_HOTSPOTS,
    )
    out.zoek(r"31\.451 percelen in 7 gemeenten, 15 bedrijventerreinen en 48 informele")
    # Every parcel is in exactly one size class.
    assert s["klassen_totaal"] == DEMO_PERCELEN

    m = out.zoek(
        r"31\.451 percelen gescoord: ([\d.]+) kandidaten \(([\d.]+) schuifruimte, "
        r"([\d.]+) middensegment\)"
    )
    totaal, schuif, midden = (_nl_int(g) for g in m.groups())
    assert totaal == schuif + midden == s["kandidaten"] > 0
    assert schuif <= DEMO_GEMEENTEN * TOP_N["schuifruimte"]
    assert midden <= DEMO_GEMEENTEN * TOP_N["middensegment"]

    # Question 1: parcels of 1500-2500 m² in Huizen, at most the top-40.
    m = out.zoek(r"Huizen: ([\d.]+) percelen van 1500–2500 m², waarvan ([\d.]+) kandidaat")
    assert (_nl_int(m[1]), _nl_int(m[2])) == (s["groot"], s["groot_kandidaten"])
    assert 0 < s["groot_kandidaten"] <= TOP_N["schuifruimte"]
    assert s["groot_buiten_klasse"] == 0

    # Question 2: every selected parcel is in a centre or within 800 m of a station.
    m = out.zoek(r"([\d.]+) van de ([\d.]+) middensegment-kandidaten liggen in een centrum")
    assert _nl_int(m[1]) == s["centrum_station"] > 0
    assert _nl_int(m[2]) == midden
    assert s["centrum_station_ver"] == 0

    # Question 3: the explanations say why; the points table adds up to the score.
    assert "Geen kandidaat: voldoet niet aan harde eis (bestemming" in out.tekst
    assert "Geen kandidaat: buiten de top-40 van de gemeente" in out.tekst
    assert s["gewicht_som"] == pytest.approx(1.0)
    assert s["punten_som"] == pytest.approx(s["perceel_score"], abs=0.01)

    # Three matplotlib figures and one folium map (inline, works offline).
    assert out.aantal("image/png") == 3
    maps = [d["text/html"] for d in out.data if "leaflet" in d.get("text/html", "").lower()]
    assert len(maps) == 1


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.usefixtures("kernel")
def test_02_criteria_afstemmen(tmp_path: Path) -> None:
    out = _run(
        "02_criteria_afstemmen",
        tmp_path,
        """{
            "basis": int(basis["kandidaat"].sum()),
            "ov_gewicht": float(ov_gewichten["ov"]),
            "bestemming_gewicht": float(ov_gewichten["bestemming"]),
            "ov_erbij": int((wissel_ov["verandering"] == "erbij").sum()),
            "ov_eraf": int((wissel_ov["verandering"] == "eraf").sum()),
            "streng_erbij": int((wissel_streng["verandering"] == "erbij").sum()),
            "streng_max_score_oud": float(wissel_streng["score oud"].max()),
            "grootte": {k: grootte_van_kandidaten(v).to_dict()
                        for k, v in [("basis", basis), ("breed", breed)]},
            "ov_reeks": ov_reeks.to_dict("records"),
            "basis_schuif": int(basis_schuif.sum()),
        }""",
    )
    s = out.staat
    # Default weights of schuifruimte sum to 10 (ov 1); with ov 3 they sum to 12.
    out.zoek(r"Gewicht ov in schuifruimte: 0,100 -> 0,250")
    assert s["ov_gewicht"] == pytest.approx(3 / 12)
    assert s["bestemming_gewicht"] == pytest.approx(3 / 12)

    m = out.zoek(
        r"OV-gewicht 3: ([\d.]+) kandidaten \(was ([\d.]+)\): ([\d.]+) erbij, "
        r"([\d.]+) eraf\."
    )
    nieuw, oud, erbij, eraf = (_nl_int(g) for g in m.groups())
    assert oud == s["basis"]
    assert (erbij, eraf) == (s["ov_erbij"], s["ov_eraf"])
    assert nieuw == oud + erbij - eraf
    assert eraf > 0

    # A higher minimum score can only remove candidates, and only those below it.
    m = out.zoek(r"minimumscore 65: ([\d.]+) kandidaten \(was ([\d.]+)\): 0 erbij, ([\d.]+) eraf")
    assert _nl_int(m[1]) == _nl_int(m[2]) - _nl_int(m[3]) < s["basis"]
    assert s["streng_erbij"] == 0
    assert s["streng_max_score_oud"] < 65

    # With the default class only 1500-2500 m² parcels are schuifruimte candidates.
    basis_grootte = s["grootte"]["basis"]
    assert sum(basis_grootte.values()) == basis_grootte["1500–2500"] == s["basis_schuif"]
    breed = s["grootte"]["breed"]
    assert breed["< 1200"] == breed["> 3000"] == 0
    assert breed["1200–1500"] > 0

    # The weight series: the default weight (1) reproduces the base run exactly.
    reeks = {r["gewicht ov"]: r for r in s["ov_reeks"]}
    assert reeks[1.0]["erbij"] == reeks[1.0]["eraf"] == 0
    assert reeks[1.0]["zelfde als basis (%)"] == 100.0
    assert reeks[1.0]["kandidaten"] == s["basis_schuif"]
    for r in s["ov_reeks"]:
        assert r["kandidaten"] == s["basis_schuif"] + r["erbij"] - r["eraf"]

    out.zoek(r"([\d.]+) van de ([\d.]+) kandidaten zijn robuust")
    assert out.aantal("image/png") == 1


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.usefixtures("kernel")
def test_03_schuifruimte_en_driedeling(tmp_path: Path) -> None:
    out = _run(
        "03_schuifruimte_en_driedeling",
        tmp_path,
        """{
            "balans": balans.as_dict(),
            "tekst": balans.tekst(),
            "vraag_ha": vraag_ha,
            "clusters_m2": float(clusters["oppervlakte_m2"].sum()),
            "cluster_profielen": sorted(set(clusters["profielen"])),
            "leden_m2": float(percelen.loc[percelen["cluster_id"] >= 0, "oppervlakte_m2"].sum()),
            "gevoeligheid": pd.DataFrame(rijen).to_dict("records"),
            "tabel": len(tabel),
            "soort": tabel["soort"].value_counts().to_dict(),
            "klasse": tabel["klasse"].value_counts().to_dict(),
            "zware_milieucategorie": tabel.loc[
                (tabel["soort"] == "formeel") & (tabel["milieucategorie_max"] >= 3.1), "klasse"
            ].tolist(),
            "anders": tabel_15.loc[anders, ["klasse", "leegstand_pct"]].to_dict("records"),
            "anders_was": tabel.loc[anders, "klasse"].tolist(),
            "middensegment": middensegment["gemeente"].tolist(),
            "gaten": len(gaten),
            "uitmap": str(uitmap),
            "kaart_pad": str(kaart_pad),
        }""",
    )
    s = out.staat
    # Schuifruimte against the Werkplan's 14 ha, as the sentence says it.
    assert s["vraag_ha"] == 14.0
    assert s["tekst"] in out.tekst
    b = s["balans"]
    assert b["aanbod_ha"] == pytest.approx(s["clusters_m2"] / 10_000, abs=1e-4)
    assert s["leden_m2"] == pytest.approx(s["clusters_m2"])
    assert s["cluster_profielen"] == ["schuifruimte"]  # [criteria.schuifruimte] profielen
    if b["tekort_ha"] == 0:
        assert b["gekozen_ha"] >= 14.0
    # The sensitivity table's default row equals the clustering above.
    standaard = [
        r for r in s["gevoeligheid"] if (r["afstand_m"], r["min_oppervlakte_m2"]) == (100, 5000)
    ]
    assert len(standaard) == 1
    assert standaard[0]["clusters"] == b["aantal_clusters"]
    assert standaard[0]["aanbod (ha)"] == pytest.approx(b["aanbod_ha"], abs=0.01)

    # The driedeling: every terrain and every hotspot once.
    assert s["tabel"] == DEMO_TERREINEN + DEMO_HOTSPOTS == 63
    assert s["soort"] == {"formeel": DEMO_TERREINEN, "informeel": DEMO_HOTSPOTS}
    m = out.zoek(r"63 werklocaties: behouden (\d+), menging (\d+), transformatie (\d+)\.")
    assert [int(g) for g in m.groups()] == [
        s["klasse"].get(k, 0) for k in ("behouden", "menging", "transformatie")
    ]
    # First rule: milieucategorie 3.1 or more is always 'behouden'.
    assert s["zware_milieucategorie"]
    assert set(s["zware_milieucategorie"]) == {"behouden"}
    # Lowering the vacancy threshold to 15% only moves 15-25% vacancy to transformatie.
    m = out.zoek(r"Met 15% leegstand krijgen (\d+) werklocaties een andere klasse")
    assert int(m[1]) == len(s["anders"])
    for row, was in zip(s["anders"], s["anders_was"], strict=True):
        assert row["klasse"] == "transformatie" != was
        assert 0.15 <= row["leegstand_pct"] < 0.25

    assert len(s["middensegment"]) == DEMO_GEMEENTEN
    m = out.zoek(r"(\d+) vraagbundelingsgebieden")
    assert int(m[1]) == s["gaten"]

    # Outputs in a temporary folder, never in the repository.
    assert _outside_repo(s["uitmap"])
    kaart = Path(s["kaart_pad"])
    assert kaart.is_file()
    assert "fictie" in kaart.read_text("utf-8").lower()
    csv = pd.read_csv(Path(s["uitmap"]) / "driedeling.csv", sep=";", encoding="utf-8-sig")
    assert len(csv) == 63
    assert out.aantal("image/png") == 2


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.usefixtures("kernel")
def test_04_eigen_gemeente(tmp_path: Path) -> None:
    out = _run(
        "04_eigen_gemeente",
        tmp_path,
        """{
            "toml": str(toml_pad),
            "lagen": {k: [v.rijen, v.hersteld] for k, v in eigen.lagen.items()},
            "kandidaten": len(eigen_kandidaten),
            "per_profiel": eigen_kandidaten["profiel"].value_counts().to_dict(),
        }""",
    )
    s = out.staat
    assert _outside_repo(s["toml"])
    lagen = s["lagen"]
    assert lagen["percelen"][0] == DEMO_PERCELEN
    assert lagen["gemeenten"][0] == DEMO_GEMEENTEN
    assert lagen["bestemmingsplannen"][0] == 925
    for name in ("bedrijventerreinen", "hotspots", "gtfs", "glasvezel", "wegen"):
        assert lagen[name][0] is None
        assert "niet opgegeven" in lagen[name][1][0]

    # Without the other sources their criteria are unknown and count as 0 (issue 11:
    # never dropped in silence): grootte + bestemming reach 1.5 + 3 of 10 (schuifruimte)
    # and 1 + 3 of 10.5 (middensegment) points, under the minimum of 55: no candidate.
    out.zoek(
        r"profiel schuifruimte: criteria met gegevens grootte, bestemming; "
        r"hoogst haalbaar 45 punten, minimumscore 55\."
    )
    out.zoek(
        r"profiel middensegment: criteria met gegevens grootte, bestemming; "
        r"hoogst haalbaar 38 punten, minimumscore 55\."
    )
    assert "OV-dienstregeling (GTFS): niet opgegeven; telt als 0" in out.tekst
    # Weights set to 0 by the planner: the others are rescaled, 100 points reachable.
    assert out.tekst.count("hoogst haalbaar 100 punten") == 2
    runs = re.findall(r"31\.451 percelen gescoord, ([\d.]+) kandidaten\.", out.tekst)
    assert len(runs) == 2
    assert _nl_int(runs[0]) == 0
    assert _nl_int(runs[1]) == s["kandidaten"] > 0
    for profiel, n in s["per_profiel"].items():
        assert n <= DEMO_GEMEENTEN * TOP_N[profiel]

    # Mistakes give one clear Dutch message.
    assert "ConfigError: " in out.tekst
    assert "bedoelde u 'percelen'?" in out.tekst
    out.zoek(r"InputError: bestand .*bestaat_niet\.gml: het bestand voor percelen bestaat niet")


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.usefixtures("kernel")
def test_05_monitoring(tmp_path: Path) -> None:
    out = _run(
        "05_monitoring",
        tmp_path,
        """{
            "uitmap": str(uitmap),
            "basis": sorted(basis.percelen.loc[basis.percelen["kandidaat"], "perceel_id"]),
            "ov3": sorted(ov3.percelen.loc[ov3.percelen["kandidaat"], "perceel_id"]),
            "m2": basis.percelen.set_index("perceel_id")["oppervlakte_m2"].to_dict(),
            "m2_ov3": ov3.percelen.set_index("perceel_id")["oppervlakte_m2"].to_dict(),
            "gemeente": basis.percelen.set_index("perceel_id")["gemeente"].to_dict(),
            "regio": v.regio(),
            "per_gemeente": per_gemeente.to_dict("records"),
            "instellingen": v.instellingen["sleutel"].tolist(),
            "gewijzigd": len(gewijzigd),
            "anders_15": anders_15[["klasse_a", "klasse_b"]].to_dict("records"),
            "rapport": str(rapport),
        }""",
    )
    s = out.staat
    basis, ov3 = set(s["basis"]), set(s["ov3"])
    erbij, eraf = ov3 - basis, basis - ov3
    # The scenario makes a difference both ways, and the text says exactly that.
    assert erbij and eraf
    erbij_ha = sum(s["m2_ov3"][i] for i in erbij) / 1e4
    eraf_ha = sum(s["m2"][i] for i in eraf) / 1e4
    m = out.zoek(
        r"Scenario ov3 tegen de basis: ([\d.]+) kandidaten erbij \((\d+,\d) ha\), "
        r"([\d.]+) eraf \((\d+,\d) ha\), ([\d.]+) gebleven\."
    )
    assert _nl_int(m[1]) == len(erbij) == s["regio"]["erbij"]
    assert _nl_int(m[3]) == len(eraf) == s["regio"]["eraf"]
    assert _nl_int(m[5]) == len(basis & ov3)
    assert m[2] == f"{erbij_ha:.1f}".replace(".", ",")
    assert m[4] == f"{eraf_ha:.1f}".replace(".", ",")

    # Per gemeente (hectares rounded to 0.01 in the table), adding up to the region.
    rows = {r["gemeente"]: r for r in s["per_gemeente"]}
    assert list(rows) == [*sorted(set(s["gemeente"].values()) - {"buiten regio"}), "regio"]
    assert len(rows) == DEMO_GEMEENTEN + 1
    for gem, row in rows.items():
        if gem == "regio":
            continue
        e = [i for i in erbij if s["gemeente"][i] == gem]
        f = [i for i in eraf if s["gemeente"][i] == gem]
        assert (row["erbij"], row["eraf"]) == (len(e), len(f))
        assert row["erbij_ha"] == pytest.approx(sum(s["m2_ov3"][i] for i in e) / 1e4, abs=0.006)
        assert row["eraf_ha"] == pytest.approx(sum(s["m2"][i] for i in f) / 1e4, abs=0.006)
    assert rows["regio"]["erbij"] == len(erbij)
    assert rows["regio"]["kandidaten_b"] == len(ov3)

    # Only the OV weight differs between the runs.
    assert s["instellingen"] == ["criteria.profielen.schuifruimte.gewichten.ov"]
    # The weights do not enter the driedeling; a vacancy threshold of 15% moves
    # werklocaties (only) to transformatie.
    m = out.zoek(r"(\d+) van de 63 werklocaties krijgen in ov3 een andere klasse")
    assert int(m[1]) == s["gewijzigd"] == 0
    m = out.zoek(r"Met 15% leegstand krijgen (\d+) werklocaties een andere klasse")
    assert int(m[1]) == len(s["anders_15"]) > 0
    assert all(r["klasse_b"] == "transformatie" != r["klasse_a"] for r in s["anders_15"])

    # Files: the comparison (with its map) and the report, in a temporary folder.
    uitmap = Path(s["uitmap"])
    assert _outside_repo(s["uitmap"])
    assert sorted(p.name for p in (uitmap / "vergelijking_ov3").iterdir()) == [
        "vergelijking.gpkg",
        "vergelijking.html",
        "vergelijking.json",
        "vergelijking.xlsx",
    ]
    rapport = Path(s["rapport"])
    assert rapport == uitmap / "rapport" / "voortgangsrapport.html"
    assert f"Voortgangsrapport: {rapport} (" in out.tekst
    text = rapport.read_text("utf-8")
    assert all(g in text for g in rows if g != "regio")
    assert "14,0 ha" in text  # the regional demand of the Werkplan
    # One chart, and the comparison map shown inline.
    assert out.aantal("image/png") == 1
    maps = [d["text/html"] for d in out.data if "leaflet" in d.get("text/html", "").lower()]
    assert len(maps) == 1
