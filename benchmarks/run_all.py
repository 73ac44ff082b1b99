"""Run every ``benchmarks/bench_*.py`` in its own Python process and print its output.

Run: ``.venv/bin/python benchmarks/run_all.py [naam ...]`` (``make benchmark``). With
names, only the benchmarks whose file name contains one of them run, e.g.
``run_all.py laden scoring``. Each benchmark runs with its own defaults; the exit code
is 1 when one of them failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks(names: list[str]) -> list[Path]:
    """The benchmark scripts, sorted, optionally only those matching ``names``."""
    found = sorted(HERE.glob("bench_*.py"))
    if names:
        found = [p for p in found if any(n in p.stem for n in names)]
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks one after the other; 1 when one failed."""
    names = list(sys.argv[1:] if argv is None else argv)
    scripts = benchmarks(names)
    if not scripts:
        print(f"geen benchmarks gevonden voor {' '.join(names)!r} in {HERE}", file=sys.stderr)
        return 1
    failed: list[str] = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        took = time.perf_counter() - t0
        status = "klaar" if proc.returncode == 0 else f"MISLUKT (exitcode {proc.returncode})"
        print(f"=== {script.name}: {status} na {took:.0f} s ===", flush=True)
        if proc.returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nmislukt: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
