"""The wheel works on its own: built, installed into a fresh venv, run from another folder.

``pip install .`` must give a werkruimte that finds its demo region, defaults and map
assets as package data, not in the checkout. This test builds the wheel with the running
venv's setuptools (no build isolation, nothing downloaded), installs it with ``--no-deps``
into a new venv outside the checkout, and lends that venv the dependencies of the
running one through a ``.pth`` file that only names its site-packages folders (a plain
path line: the ``.pth`` files inside those folders, such as the editable-install finder
of the checkout, are not run). Then, from a temporary folder and without PYTHONPATH, it
runs ``wr.load_demo()`` and ``werkruimte kansenkaart``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO_PERCELEN = 31_451
#: setuptools that understands ``license = "EUPL-1.2"`` (PEP 639) in pyproject.toml.
SETUPTOOLS_MIN = (77, 0)
#: Package data that must be in the wheel (the kansenkaart run below uses all of it).
IN_WHEEL = (
    "werkruimte/py.typed",
    "werkruimte/standaard.toml",
    "werkruimte/data/gemeenten_gooi_vechtstreek_2025.geojson",
    "werkruimte/demo/werkruimte.toml",
    "werkruimte/demo/data/README.md",
    "werkruimte/demo/data/kadaster/percelen.gpkg",
    "werkruimte/demo/data/bedrijventerreinen/bedrijventerreinen.gpkg",
    "werkruimte/demo/data/bestemmingsplannen/enkelbestemming.gpkg",
    "werkruimte/demo/data/bestemmingsplannen/NL.IMRO.0402.BPstationsgebied-VA01.gml",
    "werkruimte/demo/data/hotspots/hotspots.csv",
    "werkruimte/demo/data/ov/gtfs.zip",
    "werkruimte/demo/data/glasvezel/dekking.tif",
    "werkruimte/demo/data/wegen/afritten.gpkg",
    "werkruimte/static/README.md",
    "werkruimte/static/leaflet/leaflet.js",
    "werkruimte/static/leaflet/leaflet.css",
)

pytestmark = pytest.mark.slow


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, (
        f"{' '.join(cmd)} gaf exitcode {proc.returncode}\n"
        f"--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-3000:]}"
    )
    return proc.stdout


def _build_wheel(tmp: Path) -> Path:
    """Build the wheel from a copy of the sources (no build/ or egg-info in the checkout)."""
    version = tuple(int(p) for p in metadata.version("setuptools").split(".")[:2])
    assert version >= SETUPTOOLS_MIN, (
        f"setuptools {metadata.version('setuptools')} in {sys.prefix} kan het wiel niet bouwen "
        f"(license = 'EUPL-1.2' vraagt setuptools >= 77): installeer de dev-extra opnieuw"
    )
    src = tmp / "bron"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "werkruimte",
        src / "werkruimte",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".werkruimte-tmp-*"),
    )
    dist = tmp / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run(
        [
            *pip,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(dist),
            ".",
        ],
        cwd=src,
    )
    wheels = list(dist.glob("werkruimte-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new venv with only the wheel installed, plus a path to our dependencies."""
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", str(python)]
    # Installed before the .pth exists: pip sees an empty venv and touches nothing else.
    _run([*pip, "install", "--no-deps", "--no-index", "-q", str(wheel)], cwd=tmp)
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp)
        .strip()
        .splitlines()[-1]
    )
    ours = [p for p in sys.path if Path(p).name == "site-packages" and Path(p).is_dir()]
    assert ours, sys.path
    (site / "_werkruimte_test_afhankelijkheden.pth").write_text(
        "".join(f"{p}\n" for p in ours), encoding="utf-8"
    )
    return env_dir


def test_wheel_installs_and_runs_the_demo_elsewhere(tmp_path: Path) -> None:
    """Build, install into a fresh venv, run load_demo() and kansenkaart from /tmp."""
    t0 = time.perf_counter()
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [n for n in IN_WHEEL if n not in names] == []
    assert not [n for n in names if n.startswith(("tools/", "benchmarks/", "tests/"))]
    t_build = time.perf_counter() - t0

    env_dir = _fresh_venv(tmp_path, wheel)
    t_venv = time.perf_counter() - t0 - t_build
    assert ROOT not in env_dir.resolve().parents
    elders = tmp_path / "elders"
    elders.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["MPLBACKEND"] = "Agg"
    python = str(env_dir / "bin" / "python")

    code = (
        "import werkruimte as wr; from werkruimte.config import demo_config_path; "
        "r = wr.load_demo(); print(len(r.percelen)); print(wr.__file__); "
        "print(demo_config_path())"
    )
    out = _run([python, "-c", code], cwd=elders, env=env).strip().splitlines()
    assert int(out[-3]) == DEMO_PERCELEN
    for line in out[-2:]:
        path = Path(line).resolve()
        assert env_dir.resolve() in path.parents, line
        assert ROOT not in path.parents, line
    t_load = time.perf_counter() - t0 - t_build - t_venv

    uit = elders / "uit"
    cmd = [str(env_dir / "bin" / "werkruimte"), "kansenkaart", "--out", "uit"]
    _run([*cmd, "--kaart", "uit/kaart.html", "--quiet"], cwd=elders, env=env)
    for name in (
        "kaart.html",
        "percelen_scores.gpkg",
        "schuifruimte.gpkg",
        "driedeling.csv",
        "manifest.json",
    ):
        assert (uit / name).is_file(), name
    assert (uit / "kaart.html").stat().st_size > 100_000  # Leaflet is written into the page
    manifest = json.loads((uit / "manifest.json").read_text("utf-8"))
    assert env_dir.resolve() in Path(manifest["configuratie"]).resolve().parents
    for name, bron in manifest["invoer"].items():
        if bron is not None:
            assert env_dir.resolve() in Path(bron["pad"]).resolve().parents, name
    took = time.perf_counter() - t0
    print(
        f"\nwiel: bouwen {t_build:.1f} s, venv en installeren {t_venv:.1f} s, "
        f"load_demo {t_load:.1f} s, kansenkaart {took - t_build - t_venv - t_load:.1f} s, "
        f"samen {took:.1f} s"
    )
