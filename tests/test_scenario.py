"""``werkruimte kansenkaart --scenario NAAM=CONFIG``: several configs in one go.

The names and config paths are checked before anything runs (exit 2, one Dutch
message, no output folder). One run of the command on the demo (the base) with a
scenario ``ov3`` (``gewichten = { ov = 3.0 }`` for schuifruimte) is made once for this
module; its comparison is checked against a direct comparison of the two
``percelen_scores.gpkg`` files, and the printed summary against the comparison.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pyogrio
import pytest
from test_vergelijk import demo_toml

from werkruimte._nl import ha
from werkruimte.cli import main
from werkruimte.errors import ConfigError
from werkruimte.scenario import controleer_naam, scenarios_uit_argumenten

OV3 = "[criteria.profielen.schuifruimte]\ngewichten = { ov = 3.0 }"


# -- names and configs, before anything runs ----------------------------------------


@pytest.mark.parametrize("naam", ["ov3", "OV-3", "huizen_wonen", "2026", "a" * 64])
def test_safe_names_pass(naam: str) -> None:
    assert controleer_naam(naam) == naam


@pytest.mark.parametrize(
    "naam",
    [
        "",
        "../uit",
        "a/b",
        ".verborgen",
        "-optie",
        "met spatie",
        "ov3.toml",
        "<script>",
        "a" * 65,
        "é",
        "basis",
        "Basis",
        "vergelijking_ov3",
    ],
)
def test_unsafe_or_taken_names_are_refused(naam: str) -> None:
    with pytest.raises(ConfigError, match="scenarionaam"):
        controleer_naam(naam)


def test_arguments_are_parsed_in_order(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b=c.toml"
    a.write_text("", encoding="utf-8")
    b.write_text("", encoding="utf-8")
    # Only the first '=' separates name and path.
    assert scenarios_uit_argumenten([f"z={a}", f"y={b}"]) == {"z": a, "y": b}
    with pytest.raises(ConfigError, match="niet de vorm NAAM=CONFIG"):
        scenarios_uit_argumenten([str(a)])
    with pytest.raises(ConfigError, match="twee keer"):
        scenarios_uit_argumenten([f"ov={a}", f"OV={b}"])
    with pytest.raises(ConfigError, match="bestaat niet") as info:
        scenarios_uit_argumenten([f"x={tmp_path / 'nergens.toml'}"])
    assert info.value.path == str(tmp_path / "nergens.toml")


@pytest.mark.parametrize(
    ("scenario", "melding"),
    [
        ("../weg=CONFIG", "scenarionaam '../weg' is geen veilige mapnaam"),
        ("basis=CONFIG", "scenarionaam 'basis' is bezet"),
        ("ov3=ontbreekt.toml", "ontbreekt.toml: het configuratiebestand van scenario 'ov3'"),
        ("ov3", "niet de vorm NAAM=CONFIG"),
        ("fout=FOUT", "onbekende_sleutel"),
    ],
)
def test_bad_scenarios_exit_2_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scenario: str, melding: str
) -> None:
    goed = demo_toml(tmp_path, OV3)
    fout = tmp_path / "fout.toml"
    fout.write_text("[criteria]\nonbekende_sleutel = 1\n", encoding="utf-8")
    scenario = scenario.replace("=CONFIG", f"={goed}").replace("=FOUT", f"={fout}")
    out = tmp_path / "uit"
    code = main(["kansenkaart", "--out", str(out), "-q", "--scenario", scenario])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("fout: ") and melding in err
    assert "Traceback" not in err
    assert not out.exists()


def test_kaart_does_not_go_with_scenarios(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    goed = demo_toml(tmp_path, OV3)
    args = ["kansenkaart", "--out", str(tmp_path / "uit"), "--kaart", str(tmp_path / "k.html")]
    assert main([*args, "-q", "--scenario", f"ov3={goed}"]) == 2
    assert "--kaart gaat niet samen met --scenario" in capsys.readouterr().err
    assert not (tmp_path / "uit").exists()


# -- one real run: the demo and ov3 ----------------------------------------------------


@pytest.fixture(scope="module")
def scenario_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("scenario")
    config = demo_toml(tmp, OV3)
    out = tmp / "uit"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        assert main(["kansenkaart", "--out", str(out), "--scenario", f"ov3={config}"]) == 0
    return out, stdout.getvalue()


def _kandidaten(run: Path) -> dict[str, tuple[str, float]]:
    df = pyogrio.read_dataframe(
        run / "percelen_scores.gpkg",
        read_geometry=False,
        columns=["perceel_id", "gemeente", "oppervlakte_m2", "kandidaat"],
    )
    df = df[df["kandidaat"].astype(bool)]
    return {
        str(i): (str(g), float(m2))
        for i, g, m2 in zip(df["perceel_id"], df["gemeente"], df["oppervlakte_m2"], strict=True)
    }


@pytest.mark.slow
def test_the_folders_of_a_scenario_run(scenario_run: tuple[Path, str]) -> None:
    out, _ = scenario_run
    assert sorted(p.name for p in out.iterdir()) == ["basis", "ov3", "vergelijking_ov3"]
    for run in ("basis", "ov3"):
        names = {p.name for p in (out / run).iterdir()}
        assert {"manifest.json", "percelen_scores.gpkg", "kansenkaart.html"} <= names
    assert sorted(p.name for p in (out / "vergelijking_ov3").iterdir()) == [
        "vergelijking.gpkg",
        "vergelijking.html",
        "vergelijking.json",
        "vergelijking.xlsx",
    ]
    man = json.loads((out / "ov3" / "manifest.json").read_text(encoding="utf-8"))
    gewichten = man["instellingen"]["criteria"]["profielen"]["schuifruimte"]["gewichten"]
    assert gewichten["ov"] == 3.0
    base = json.loads((out / "basis" / "manifest.json").read_text(encoding="utf-8"))
    assert base["instellingen"]["criteria"]["profielen"]["schuifruimte"]["gewichten"]["ov"] == 1.0


@pytest.mark.slow
def test_the_comparison_equals_a_direct_comparison(scenario_run: tuple[Path, str]) -> None:
    out, _ = scenario_run
    a, b = _kandidaten(out / "basis"), _kandidaten(out / "ov3")
    erbij = [b[k] for k in b.keys() - a.keys()]
    eraf = [a[k] for k in a.keys() - b.keys()]
    assert erbij and eraf
    data = json.loads((out / "vergelijking_ov3" / "vergelijking.json").read_text("utf-8"))
    assert data["namen"] == {"a": "basis", "b": "ov3"}
    regio = data["regio"]
    assert regio["erbij"] == len(erbij)
    assert regio["eraf"] == len(eraf)
    assert regio["gebleven"] == len(a.keys() & b.keys())
    assert regio["erbij_ha"] == pytest.approx(sum(m2 for _, m2 in erbij) / 1e4, abs=1e-4)
    assert regio["eraf_ha"] == pytest.approx(sum(m2 for _, m2 in eraf) / 1e4, abs=1e-4)
    for g in data["per_gemeente"]:
        assert g["erbij"] == sum(1 for gem, _ in erbij if gem == g["gemeente"])
        assert g["eraf"] == sum(1 for gem, _ in eraf if gem == g["gemeente"])
    sleutels = {r["sleutel"] for r in data["instellingen"]}
    assert "criteria.profielen.schuifruimte.gewichten.ov" in sleutels


@pytest.mark.slow
def test_the_summary_names_the_numbers(scenario_run: tuple[Path, str]) -> None:
    out, text = scenario_run
    data = json.loads((out / "vergelijking_ov3" / "vergelijking.json").read_text("utf-8"))
    r = data["regio"]
    assert text.startswith(f"1 scenario('s) vergeleken met de basis ({out / 'basis'}/):")
    regel = re.search(r"^  ov3: .*$", text, flags=re.MULTILINE)
    assert regel, text
    assert (
        f"{r['erbij']} kandidaten erbij ({ha(r['erbij_ha'])}), {r['eraf']} eraf "
        f"({ha(r['eraf_ha'])}); schuifruimte {ha(r['schuifruimte_ha_a'])} -> "
        f"{ha(r['schuifruimte_ha_b'])}; anders: criteria.profielen.schuifruimte.gewichten.ov"
    ) in regel[0]
    assert str(out / "vergelijking_ov3" / "vergelijking.html") in regel[0]
    assert text.rstrip().endswith(f"Uitvoer in {out}/")
