"""Issue 11: honest answers on a planner's own, partial data.

A missing value never decides in silence; parcels outside the region are never
candidates; `validate`, `score` and `kansenkaart` give one verdict with the same
messages, all problems of a config at once.
"""

from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from test_scoring import indicator_frame

from werkruimte.cli import main
from werkruimte.config import default_config
from werkruimte.scoring import profielen_uit_config, score_indicatoren

DATA = Path(__file__).parent / "data"


def _score(ind: pd.DataFrame, onbekend: dict[str, str] | None = None) -> pd.DataFrame:
    cfg = default_config()
    if onbekend is not None:
        cfg = cfg.with_changes({"criteria": {"onbekend": onbekend}})
    return score_indicatoren(ind, profielen_uit_config(cfg), gevoeligheid=None)


# --------------------------------------------------------------- one rule for unknowns


@pytest.mark.parametrize(
    ("keuze", "score", "kandidaat", "tekst", "einde"),
    [
        # bestemming (weight 3 of 10) counts 0; the rest as in test_scores_by_hand:
        # 1.5*1 + 2*1 + 1*0.5 + 1*0.5 + 1.5*0.5 = 5.25 -> 52.5
        ("uitsluiten", 52.5, False, "harde eis niet gehaald", "voldoet niet aan harde eis"),
        ("telt_als_0", 52.5, False, "telt als 0", "voldoet niet aan harde eis"),
        # negeren: the constraint does not apply, bestemming left out: 5.25 of 7 -> 75
        ("negeren", 75.0, True, "harde eis geldt hier niet", "Kandidaat"),
    ],
)
def test_hard_constraint_on_an_unknown_value(keuze, score, kandidaat, tekst, einde):
    ind = indicator_frame()
    ind.loc[0, "bestemming_soort"] = pd.NA  # A: no plan over the parcel
    out = _score(ind, {"harde_eisen": keuze, "gewichten": keuze})
    a = out.loc[0]
    assert a["score"] == pytest.approx(score)
    assert bool(a["kandidaat"]) is kandidaat
    assert f"bestemming onbekend (geen gegevens; {tekst}" in a["uitleg"]
    assert einde in a["uitleg"]


def test_weights_negeren_rescales_per_parcel_and_uitsluiten_excludes():
    ind = indicator_frame()
    ind.loc[0, "ov_index"] = float("nan")  # A: OV unknown, weight 1 of 10
    # telt_als_0: parts 1, 1, 1, 0, 0.5, 0.5 -> 1.5 + 3 + 2 + 0 + 0.5 + 0.75 = 7.75
    assert _score(ind).loc[0, "score"] == pytest.approx(77.5)
    # negeren: OV left out of A's score: 7.75 of the remaining weight 9
    neg = _score(ind, {"harde_eisen": "uitsluiten", "gewichten": "negeren"})
    assert neg.loc[0, "score"] == pytest.approx(100 * 7.75 / 9, abs=0.01)
    # F has the same values as A but a known OV: unchanged by the choice (82.5)
    assert neg.loc[5, "score"] == pytest.approx(82.5)
    # uitsluiten: A is scored, but no candidate, and says why
    uit = _score(ind, {"harde_eisen": "uitsluiten", "gewichten": "uitsluiten"})
    assert uit.loc[0, "score"] == pytest.approx(77.5)
    assert not uit.loc[0, "kandidaat"]
    assert uit.loc[0, "uitleg"].endswith("Geen kandidaat: een gewogen criterium is onbekend.")


def test_parcels_outside_the_region_are_never_candidates():
    ind = indicator_frame()
    ind.loc[0, "gemeente"] = "buiten regio"
    out = _score(ind)
    assert out.loc[0, "score"] == pytest.approx(82.5)  # keeps its score
    assert not out.loc[0, "kandidaat"]
    assert "ligt buiten de gemeenten van de regio" in out.loc[0, "uitleg"]
    assert out.loc[5, "kandidaat"]  # F, the same parcel inside the region, is one


# --------------------------------------------------------------- one validation path


def _write(tmp_path: Path, body: str) -> Path:
    toml = tmp_path / "werkruimte.toml"
    toml.write_text(body, encoding="utf-8")
    return toml


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def _numbered(text: str) -> list[str]:
    """The numbered problem lines ("1. ...") of a message, without the number."""
    return sorted(
        line.split(". ", 1)[1].removeprefix("fout: ")
        for line in text.splitlines()
        if line[:1].isdigit() and ". " in line
    )


def test_invalid_config_all_problems_in_one_run_and_the_same_verdict(tmp_path, capsys):
    toml = _write(
        tmp_path,
        "[criteria.grootte]\ngroot_min = 2500.0\ngroot_max = 1500.0\n\n"
        "[criteria.profielen.schuifruimte]\nmin_score = 150.0\n\n"
        "[criteria.profielen.schuifruimte.gewichten]\nov = -1.0\n",
    )
    # relative sources of this toml would not exist: point at the demo's
    from werkruimte.config import demo_config_path

    demo = demo_config_path().read_text(encoding="utf-8")
    bronnen = demo[demo.index("[bronnen]") : demo.index("[criteria")]
    base = demo_config_path().parent
    for line in bronnen.splitlines():
        if "=" in line and '"' in line and not line.strip().startswith("#"):
            key, value = line.split("=", 1)
            rel = value.split('"')[1]
            if key.strip().endswith("_laag"):
                continue
            bronnen = bronnen.replace(f'"{rel}"', f'"{(base / rel).resolve().as_posix()}"')
    toml.write_text(bronnen + "\n" + toml.read_text(encoding="utf-8"), encoding="utf-8")

    code, out, err = _run(["validate", "--config", str(toml), "-q"], capsys)
    assert code == 2
    problems = _numbered(out)
    assert len(problems) == 3, out
    assert any("groot_min" in p for p in problems)
    assert any("min_score" in p for p in problems)
    assert any("gewichten" in p and "-1" in p for p in problems)
    assert "3 fouten" in err

    code, _, err2 = _run(
        ["kansenkaart", "--config", str(toml), "--out", str(tmp_path / "uit"), "-q"], capsys
    )
    assert code == 2
    assert _numbered(err2) == problems  # the same messages
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").iterdir())


def test_the_issues_case_real_sources_that_do_not_overlap(tmp_path, capsys):
    """BRK v4 (Amsterdam), IMRO plans (elsewhere) and the CBS gemeenten of the region."""
    toml = _write(
        tmp_path,
        "[bronnen]\n"
        f'percelen = "{(DATA / "brk" / "brk_dkk_v4_perceel_amsterdam.gml").as_posix()}"\n'
        f'bestemmingsplannen = "{(DATA / "imro").as_posix()}"\n'
        f'gemeenten = "{(DATA / "cbs" / "gemeenten_gooi_vechtstreek_2025.geojson").as_posix()}"\n',
    )
    code, out, _ = _run(["validate", "--config", str(toml), "-q"], capsys)
    assert code == 2
    # the coverage table: hand count, 0 of 8 parcels for both
    table = out[out.index("Dekking van de bronnen") :].splitlines()
    line = next(x for x in table if x.startswith("gemeenten (CBS)"))
    assert line.split()[3:5] == ["0", "0%"]
    line = next(x for x in table if x.startswith("bestemmingsplannen (IMRO2012)"))
    assert line.split()[3:5] == ["0", "0%"]
    problems = _numbered(out)
    assert sum("bereikt 0 van 8 percelen" in p for p in problems) == 2

    code, _, err2 = _run(
        ["kansenkaart", "--config", str(toml), "--out", str(tmp_path / "uit"), "-q"], capsys
    )
    assert code == 2
    assert _numbered(err2) == [p for p in problems if "bereikt 0 van 8" in p]

    # The planner lowers the threshold on purpose: the run goes, and answers honestly.
    with toml.open("a", encoding="utf-8") as fh:
        fh.write("\n[criteria]\nmin_dekking_fout = 0.0\n")
    code, _, err3 = _run(["score", "--config", str(toml), "--out", str(tmp_path / "uit")], capsys)
    assert code == 0, err3
    p = pyogrio.read_dataframe(tmp_path / "uit" / "percelen_scores.gpkg")
    assert len(p) == 8
    assert (p["gemeente"] == "buiten regio").all()
    assert not p["kandidaat"].any()  # was 6 before issue 11
    assert (p["bron_bestemming"] == "onbekend").all()
    assert (p["bron_grootte"] == "gemeten").all()
    scored = p[p["profiel"].notna()]  # a parcel of no profile's size says just that
    assert len(scored) >= 6
    assert (
        scored["uitleg"]
        .str.contains(
            "bestemming onbekend (bestemmingsplannen (IMRO2012): bereikt dit perceel niet",
            regex=False,
        )
        .all()
    )
    import json

    man = json.loads((tmp_path / "uit" / "manifest.json").read_text(encoding="utf-8"))
    assert man["dekking"]["gemeenten"] == 0.0
    assert man["dekking"]["bestemmingsplannen"] == 0.0
    assert man["onbekend"] == {"harde_eisen": "uitsluiten", "gewichten": "telt_als_0"}


def test_als_tekst_equals_astype_string_for_categories_and_text() -> None:
    from werkruimte._nl import als_tekst

    cat = pd.Series(
        pd.Categorical(["bekend", None, "geen data", "bekend"], categories=["geen data", "bekend"]),
        index=[5, 6, 7, 8],
        name="status",
    )
    pd.testing.assert_series_equal(als_tekst(cat), cat.astype("string"))
    assert als_tekst(cat).isna().tolist() == [False, True, False, False]
    text = pd.Series(["a", None], dtype=object)
    pd.testing.assert_series_equal(als_tekst(text), text.astype("string"))
    empty = pd.Series(pd.Categorical([], categories=["x"]))
    pd.testing.assert_series_equal(als_tekst(empty), empty.astype("string"))
