"""Benchmark: how fast the ``werkruimte`` command answers ``--help`` and ``--version``.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--herhalingen N] [--json]``

Each measurement starts a fresh Python process (so nothing is cached in memory, only
the operating system's file cache is warm after the first run) and reports the best
wall time of ``--herhalingen`` runs:

``import werkruimte``
    The package itself: the public API is imported lazily (PEP 562), so this loads no
    pandas, geopandas, scikit-learn, gtfs-kit, rasterio or folium.
``import werkruimte.cli``
    The command's module (standard library only at the top).
``werkruimte --help`` / ``werkruimte --version``
    ``main([...])`` in the process, as the console script runs it.
``import werkruimte; werkruimte.score``
    For comparison: what the first use of the API costs (the heavy imports).

It also prints the ten slowest modules of ``python -X importtime -c "import
werkruimte.cli"`` (cumulative microseconds) and which heavy libraries ``--help``
loaded (none is the goal).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "geopandas", "sklearn", "gtfs_kit", "rasterio", "folium", "shapely")

STAPPEN = {
    "import werkruimte": "import werkruimte",
    "import werkruimte.cli": "import werkruimte.cli",
    "werkruimte --help": (
        "from werkruimte.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    ),
    "werkruimte --version": (
        "from werkruimte.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n"
        "    pass"
    ),
    "import werkruimte; werkruimte.score": "import werkruimte\nwerkruimte.score",
}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _tijd(code: str, herhalingen: int) -> float:
    best = float("inf")
    for _ in range(herhalingen):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code], env=_env(), check=True, stdout=subprocess.DEVNULL
        )
        best = min(best, time.perf_counter() - t0)
    return best


def _importtime() -> list[tuple[int, str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import werkruimte.cli"],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[1].isdigit():
            rows.append((int(parts[1]), parts[2]))
    return sorted(rows, reverse=True)[:10]


def _geladen() -> list[str]:
    code = STAPPEN["werkruimte --help"] + (
        f"\nimport sys\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=_env(), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"'))


def main() -> None:
    """Measure and print (or print JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    leeg = _tijd("pass", args.herhalingen)
    tijden = {naam: _tijd(code, args.herhalingen) for naam, code in STAPPEN.items()}
    result = {
        "python_zonder_iets_s": round(leeg, 3),
        "tijden_s": {k: round(v, 3) for k, v in tijden.items()},
        "help_laadt": _geladen(),
        "traagste_imports_us": _importtime(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"lege python: {leeg:.3f} s (best van {args.herhalingen})")
    for naam, t in tijden.items():
        print(f"{naam:40s} {t:6.3f} s   ({t - leeg:+.3f} s boven lege python)")
    print(f"zware bibliotheken geladen door --help: {result['help_laadt'] or 'geen'}")
    print("traagste imports van werkruimte.cli (cumulatief, µs):")
    for us, naam in result["traagste_imports_us"]:
        print(f"  {us:9d}  {naam}")


if __name__ == "__main__":
    main()
