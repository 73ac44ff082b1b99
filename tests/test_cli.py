"""End to end through the command line on the embedded demo region."""

import json
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest

from werkruimte.cli import main
from werkruimte.config import demo_config_path

CONTRACT_COLUMNS = [
    "perceel_id", "gemeente", "oppervlakte_m2", "grootteklasse", "bestemming",
    "op_bedrijventerrein", "ov_index", "ov_klasse", "glasvezel_dekking", "score",
    "kandidaat", "profiel", "uitleg", "cluster_id", "rang_stabiliteit",
]  # fmt: skip


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One full `werkruimte kansenkaart` run on the demo region."""
    tmp = tmp_path_factory.mktemp("run")
    out, kaart = tmp / "output", tmp / "maps" / "kansenkaart.html"
    code = main(["kansenkaart", "--out", str(out), "--kaart", str(kaart), "--quiet"])
    return code, out, kaart


def test_validate_lists_every_layer(capsys):
    assert main(["validate"]) == 0
    text = capsys.readouterr().out
    for label, rows in [
        ("percelen (BRK)", "31.451"),
        ("gemeenten (CBS)", "7"),
        ("bedrijventerreinen (IBIS)", "15"),
        ("bestemmingsplannen (IMRO2012)", "925"),
        ("informele werklocaties", "48"),
        ("OV-dienstregeling (GTFS)", "131"),
    ]:
        line = next(x for x in text.splitlines() if x.startswith(label))
        assert rows in line.split()
    assert "fictieve gegevens" in text


def test_kansenkaart_writes_every_output(run):
    code, out, kaart = run
    assert code == 0
    names = {p.name for p in out.iterdir()}
    assert {
        "percelen_scores.gpkg", "schuifruimte.gpkg", "driedeling.csv", "driedeling.xlsx",
        "middensegment.csv", "glasvezelgaten.csv", "manifest.json", "potentie.gpkg",
        "kandidaten.csv", "kandidaten.xlsx", "werkruimte.qgz",
    } <= names  # fmt: skip
    assert not [n for n in names if n.startswith(".werkruimte-tmp")]
    assert kaart.stat().st_size > 100_000
    assert "fictieve gegevens" in kaart.read_text(encoding="utf-8")


def test_percelen_follow_the_contract(run):
    _, out, _ = run
    src = pyogrio.read_dataframe(Path(demo_config_path()).parent / "data/kadaster/percelen.gpkg")
    p = gpd.read_file(out / "percelen_scores.gpkg", layer="percelen")
    assert p.crs.to_epsg() == 28992
    assert [c for c in CONTRACT_COLUMNS if c not in p.columns] == []
    assert any(c.startswith("s_") for c in p.columns)
    # one row per input parcel, in input order
    assert p["perceel_id"].tolist() == src["identificatieLokaalID"].tolist()
    assert p["score"].between(0, 100).all()
    assert set(p["grootteklasse"]) <= {"groot", "midden", "overig"}
    kand = p[p["kandidaat"]]
    # candidates in every gemeente that has suitable land (all seven in the demo)
    assert kand["gemeente"].nunique() == 7
    assert kand["rang_stabiliteit"].between(0, 1).all()
    assert p.loc[~p["kandidaat"], "cluster_id"].eq(-1).all()
    assert kand["uitleg"].str.contains("telt het zwaarst").all()


def test_clusters_driedeling_and_manifest(run):
    _, out, _ = run
    clusters = gpd.read_file(out / "schuifruimte.gpkg", layer="clusters")
    assert len(clusters) > 3
    assert clusters["gemeenten"].str.split(", ").explode().nunique() >= 3
    assert (clusters["oppervlakte_ha"] * 10_000 - clusters["oppervlakte_m2"]).abs().max() < 1
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert man["schuifruimte"]["vraag_ha"] == 14.0
    assert man["schuifruimte"]["aanbod_ha"] == pytest.approx(clusters["oppervlakte_ha"].sum(), 0.01)
    assert man["gegevens"] == "fictief (demoregio)"
    assert len(man["invoer"]["percelen"]["sha256"]) == 64
    tabel = pd.read_csv(out / "driedeling.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert set(tabel["klasse"]) == {"behouden", "menging", "transformatie"}
    assert tabel["reden"].str.len().min() > 20
    assert set(tabel["soort"]) == {"formeel", "informeel"}
    wb = openpyxl.load_workbook(out / "driedeling.xlsx", read_only=True)
    assert "samenvatting" in wb.sheetnames and "middensegment" in wb.sheetnames


def test_score_only_and_bad_config(tmp_path, capsys):
    bad = tmp_path / "werkruimte.toml"
    bad.write_text("[criteria.grootte]\ngrot_min = 1\n", encoding="utf-8")
    assert main(["score", "--config", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and "grot_min" in err and "Traceback" not in err
    assert not (tmp_path / "o" / "percelen_scores.gpkg").exists()


def test_demo_answers_unchanged(run):
    """The demo run's tables match the recorded fingerprint (tests/demo_digest.py)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import demo_digest

    _, out, _ = run
    recorded = json.loads((Path(__file__).parent / "data/demo_digest.json").read_text())
    assert demo_digest.differences(recorded, demo_digest.digest(out)) == []


# ------------------------------------------------------------------ the command itself


def test_bare_command_prints_help_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: werkruimte ")
    assert "kansenkaart" in out and "opdrachten:" in out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("flag", ["--version", "-V", "--versie"])
def test_version_flags(flag, capsys):
    import werkruimte

    with pytest.raises(SystemExit) as exc:
        main([flag])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"werkruimte {werkruimte.__version__}"


@pytest.mark.parametrize("argv", [["--help"], ["kansenkaart", "--help"], ["fetch", "--help"]])
def test_help_is_dutch_throughout(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("gebruik: werkruimte")
    assert "opties:" in text and "toon deze hulp en stop" in text
    for english in ("usage:", "options:", "show this help", "positional arguments", "version"):
        assert english not in text.replace("--version", "")


def test_argparse_errors_are_dutch(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["score", "--formaat", "shp"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "werkruimte score: fout: argument --formaat: ongeldige keuze: 'shp'" in err
    assert "kies uit 'gpkg', 'parquet', 'fgb'" in err
    with pytest.raises(SystemExit):
        main(["fetch"])
    assert "deze argumenten ontbreken: --gemeente" in capsys.readouterr().err
    # other argparse users in the process still speak English
    import argparse

    assert "usage:" in argparse.ArgumentParser(prog="x").format_usage()


def test_help_imports_nothing_heavy():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from werkruimte.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('pandas', 'numpy', 'geopandas', 'sklearn', 'gtfs_kit', 'rasterio', 'folium')\n"
        "print('LOADED', sorted(m for m in heavy if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.strip().splitlines()[-1] == "LOADED []"


def test_score_imports_no_map_or_cluster_libraries(tmp_path):
    """Issue 16: scoring the demo loads no folium, scikit-learn, gtfs-kit or the like."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from werkruimte.cli import main\n"
        f"code = main(['score', '--quiet', '--out', {str(tmp_path / 'uit')!r}])\n"
        "heavy = ('folium', 'branca', 'jinja2', 'sklearn', 'scipy', 'matplotlib', 'osmnx',\n"
        "         'openpyxl', 'gtfs_kit', 'requests', 'pyarrow.acero')\n"
        "print('LOADED', code, sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "LOADED 0 []"


def test_public_api_is_lazy_but_complete():
    import werkruimte as wr
    from werkruimte import keten, score

    assert score is wr.score and wr.draai_keten is keten.draai
    assert all(hasattr(wr, name) for name in wr.__all__)
    assert set(wr.__all__) <= set(dir(wr))
    with pytest.raises(AttributeError, match="has no attribute 'bestaat_niet'"):
        wr.bestaat_niet  # noqa: B018
    # importing the submodule werkruimte.driedeling does not hide the function
    import sys

    import werkruimte.driedeling

    assert callable(wr.driedeling) and wr.driedeling.__name__ == "driedeling"
    assert sys.modules["werkruimte.driedeling"].driedeling is wr.driedeling


def test_cluster_and_driedeling_start_from_given_percelen(run, tmp_path, capsys):
    _, out, _ = run
    given = out / "percelen_scores.gpkg"
    assert main(["driedeling", "--percelen", str(given), "--out", str(tmp_path), "-q"]) == 0
    man = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert "scoren" in man["tijden_s"] and man["percelen"]["aantal"] == 31451
    # the same answer as the full run, without scoring again
    a = gpd.read_file(out / "schuifruimte.gpkg", layer="clusters")
    b = gpd.read_file(tmp_path / "schuifruimte.gpkg", layer="clusters")
    assert b["oppervlakte_m2"].tolist() == a["oppervlakte_m2"].tolist()
    d1 = pd.read_csv(out / "driedeling.csv", sep=";", decimal=",", encoding="utf-8-sig")
    d2 = pd.read_csv(tmp_path / "driedeling.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert d2["klasse"].tolist() == d1["klasse"].tolist()
    assert main(["cluster", "--percelen", str(tmp_path / "nee.gpkg"), "--out", str(tmp_path)]) == 2
    assert "nee.gpkg" in capsys.readouterr().err


def test_coverage_is_shown_on_the_map_and_in_the_workbook(run):
    """Issue 11: the map's title box and the XLSX show the coverage; potentie is a layer."""
    _, out, kaart = run
    html = kaart.read_text(encoding="utf-8")
    assert "Percelen met gegevens per criterium: " in html
    assert "Onbekende waarde: harde eis uitsluiten, gewicht telt_als_0." in html
    assert "Potentie voor werk (" in html
    wb = openpyxl.load_workbook(out / "driedeling.xlsx", read_only=True)
    rows = list(wb["dekking"].iter_rows(values_only=True))
    assert rows[0][:3] == ("laag", "toestand", "percelen")
    assert {r[0] for r in rows[1:]} >= {"gemeenten (CBS)", "bestemmingsplannen (IMRO2012)"}
