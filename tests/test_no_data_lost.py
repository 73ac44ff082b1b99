"""No data lost: atomic outputs, interrupted runs, untouched inputs, the manifest.

- An interrupted run (SIGTERM or SIGINT while the outputs are being written, in a
  real subprocess) exits with 130 and leaves the previous outputs byte-identical and
  no temporary folder behind.
- A run that fails while writing (an internal error, a KeyboardInterrupt) does the
  same, in-process and deterministic.
- Input files are byte-identical after every run (sha256), and no sidecar file
  appears next to them (GDAL likes to write a ``.gfs`` next to a GML).
- The manifest records the inputs' checksums, the configuration, versions and timings.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from werkruimte import export
from werkruimte.cli import main
from werkruimte.export import formaten

X0, Y0 = 140_000.0, 470_000.0
TESTDATA = Path(__file__).parent / "data"


def build_region(root: Path, *, n_side: int) -> Path:
    """``n_side`` x ``n_side`` parcels of 30-50 m, one gemeente, two plans; the config."""
    root.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(3)
    i, j = np.divmod(np.arange(n_side * n_side), n_side)
    size = rng.uniform(30.0, 50.0, i.size)
    x = X0 + j * 55.0
    y = Y0 + i * 55.0
    percelen = gpd.GeoDataFrame(
        {
            "identificatieLokaalID": [f"GVS00B{k:06d}G0000" for k in range(i.size)],
            "kadastraleGrootteWaarde": np.round(size * size),
        },
        geometry=shapely.box(x, y, x + size, y + size),
        crs=28992,
    )
    percelen.to_file(root / "percelen.gpkg", layer="perceel")
    extent = n_side * 55.0
    gpd.GeoDataFrame(
        {"statnaam": ["Hilversum"]},
        geometry=[shapely.box(X0 - 100, Y0 - 100, X0 + extent + 100, Y0 + extent + 100)],
        crs=28992,
    ).to_file(root / "gemeenten.geojson", driver="GeoJSON")
    gpd.GeoDataFrame(
        {"bestemmingshoofdgroep": ["bedrijf", "gemengd"], "naam": ["Bedrijf", "Gemengd"]},
        geometry=[
            shapely.box(X0, Y0, X0 + extent / 2, Y0 + extent),
            shapely.box(X0 + extent / 2, Y0, X0 + extent, Y0 + extent),
        ],
        crs=28992,
    ).to_file(root / "plannen.gpkg", layer="Enkelbestemming")
    config = root / "werkruimte.toml"
    config.write_text(
        '[regio]\nnaam = "test"\n\n[bronnen]\npercelen = "percelen.gpkg"\n'
        'gemeenten = "gemeenten.geojson"\nbestemmingsplannen = "plannen.gpkg"\n\n'
        "[criteria.gevoeligheid]\nruns = 0\n",
        encoding="utf-8",
    )
    return config


def checksums(folder: Path, *, skip: str = "out") -> dict[str, str]:
    return {
        str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.rglob("*"))
        if f.is_file() and skip not in f.relative_to(folder).parts
    }


def temp_folders(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(".werkruimte-tmp-")]


def score_cmd(config: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "werkruimte.cli",
        "score",
        "--config",
        str(config),
        "--out",
        str(out),
        "-q",
    ]


# ------------------------------------------------------------------ interrupted run


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_interrupt_while_writing_keeps_previous_outputs(
    tmp_path: Path, signum: signal.Signals
) -> None:
    # 8 100 parcels: writing percelen_scores.gpkg takes long enough (about half a
    # second) to be interrupted in the middle.
    config = build_region(tmp_path / "regio", n_side=90)
    out = tmp_path / "out"
    first = subprocess.run(score_cmd(config, out), capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    previous = checksums(out, skip="-")
    assert set(previous) == {"percelen_scores.gpkg", "manifest.json"}
    inputs = checksums(config.parent)

    proc = subprocess.Popen(
        score_cmd(config, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 120
        while not temp_folders(out):
            assert proc.poll() is None, "de run was klaar voordat er geschreven werd"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "afgebroken. De vorige uitvoer is ongewijzigd." in err
    assert "Traceback" not in err
    assert checksums(out, skip="-") == previous
    assert temp_folders(out) == []
    assert checksums(config.parent) == inputs


# ------------------------------------------------------------------ failing writers


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return build_region(tmp_path / "regio", n_side=4)


def test_internal_error_while_writing_keeps_previous_outputs(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert main(["score", "--config", str(small), "--out", str(out), "-q"]) == 0
    previous = checksums(out, skip="-")

    def broken(data: dict, path: Path) -> None:
        Path(path).write_text('{"half', encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "write_json", broken)
    capsys.readouterr()
    # a full disk is the user's system, not a bug: exit 2, a Dutch message, state named
    assert main(["score", "--config", str(small), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and "Traceback" not in err
    assert "De vorige uitvoer is" in err
    assert checksums(out, skip="-") == previous
    assert temp_folders(out) == []


def test_keyboard_interrupt_while_writing_keeps_previous_outputs(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert main(["score", "--config", str(small), "--out", str(out), "-q"]) == 0
    previous = checksums(out, skip="-")
    written: list[Path] = []
    real = formaten.write_percelen

    def interrupted(gdf: gpd.GeoDataFrame, path: Path, **options: str) -> None:
        real(gdf, path, **options)
        written.append(Path(path))
        raise KeyboardInterrupt

    monkeypatch.setattr(formaten, "write_percelen", interrupted)
    assert main(["score", "--config", str(small), "--out", str(out), "-q"]) == 130
    assert written and not written[0].exists()  # the new file was written, then discarded
    assert checksums(out, skip="-") == previous
    assert temp_folders(out) == []


def test_first_run_that_fails_leaves_no_output_folder_content(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(gdf: gpd.GeoDataFrame, path: Path, **options: str) -> None:
        Path(path).write_bytes(b"half")
        raise RuntimeError("schijf weg")

    monkeypatch.setattr(formaten, "write_percelen", broken)
    out = tmp_path / "out"
    assert main(["score", "--config", str(small), "--out", str(out), "-q"]) == 1
    assert not out.exists() or list(out.iterdir()) == []


# ------------------------------------------------------------------ inputs untouched


def test_inputs_are_byte_identical_after_every_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = build_region(tmp_path / "regio", n_side=4)
    root = config.parent
    # Also a BRK GML (GDAL would write a .gfs next to it) and a GTFS zip.
    shutil.copy(TESTDATA / "brk" / "kadastralekaart_perceel_v5_sample.gml", root / "brk.gml")
    gtfs = shutil.make_archive(
        str(root / "gtfs"), "zip", TESTDATA / "gtfs" / "transitfeed_sample_feed"
    )
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('percelen = "percelen.gpkg"', 'percelen = "brk.gml"').replace(
            "[bronnen]\n", f'[bronnen]\ngtfs = "{Path(gtfs).name}"\n'
        )
        # these sources do not overlap (that is the point here), so allow no coverage
        + "\n[criteria]\nmin_dekking_fout = 0.0\n",
        encoding="utf-8",
    )
    before = checksums(root)
    out = tmp_path / "out"
    runs = [
        ["validate", "--config", str(config)],
        ["score", "--config", str(config), "--out", str(out), "-q"],
        ["score", "--config", str(config), "--out", str(out), "-q"],
    ]
    for argv in runs:
        assert main(argv) == 0, capsys.readouterr().err
        assert checksums(root) == before
    assert sorted(os.listdir(root)) == sorted(before)
    assert len(gpd.read_file(out / "percelen_scores.gpkg")) == 11


# ------------------------------------------------------------------ manifest


def test_manifest_records_inputs_config_versions_and_timings(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["score", "--config", str(small), "--out", str(out), "-q"]) == 0
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    root = small.parent
    for name, file in (
        ("percelen", "percelen.gpkg"),
        ("gemeenten", "gemeenten.geojson"),
        ("bestemmingsplannen", "plannen.gpkg"),
    ):
        entry = man["invoer"][name]
        assert Path(entry["pad"]) == root / file
        assert entry["sha256"] == hashlib.sha256((root / file).read_bytes()).hexdigest()
    assert man["invoer"]["gtfs"] is None
    assert man["configuratie_sha256"] == hashlib.sha256(small.read_bytes()).hexdigest()
    assert man["instellingen"]["criteria"]["gevoeligheid"]["runs"] == 0
    assert man["instellingen"]["criteria"]["grootte"]["groot_min"] == 1500.0
    for package in ("werkruimte", "geopandas", "shapely", "pyogrio", "numpy", "pandas"):
        assert man["versies"][package]
    assert set(man["tijden_s"]) >= {"laden", "scoren"}
    assert all(v >= 0 for v in man["tijden_s"].values())
    assert str(out / "percelen_scores.gpkg") in [str(Path(p)) for p in man["uitvoer"]]
    assert man["percelen"]["aantal"] == 16
    frame = gpd.read_file(out / "percelen_scores.gpkg")
    assert man["percelen"]["kandidaten"] == int(pd.Series(frame["kandidaat"]).sum())
