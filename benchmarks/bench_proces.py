"""Benchmark: the whole ``werkruimte score`` process against a bare read process (issue 16).

Run: ``.venv/bin/python benchmarks/bench_proces.py [--sizes 10k,100k,1M] [--herhalingen 3]
[--kernen 1,2] [--json]``

For each size the parcels are generated (:func:`synthetic.synthetic_percelen`, placed as
in ``bench_laden.py``) with a werkruimte.toml whose other sources are the demo region's.
Then, ``--herhalingen`` times and *paired* (one after the other, so both meet the same
load of a shared machine), two fresh Python processes:

``lezen``
    ``import pyogrio; pyogrio.read_dataframe(path, layer="perceel", use_arrow=True)``:
    the yardstick, a whole process (Python start, imports, the read).
``score``
    ``werkruimte score --config ... --out ...`` (``werkruimte.cli.main``, as the console
    script runs it): imports, loading and validating every source (with the coverage
    per parcel), all indicators, scores, uitleg and writing ``percelen_scores.gpkg``
    with the manifest.

Wall time is measured by this process around each child; ``verhouding`` is the median
score time over the median read time. Peak memory is the child's peak resident set size
(``VmHWM``). The split per step of the score process comes from its progress messages
(each timed as it reaches stderr), its import time and the manifest's timings;
``schrijven`` is what remains after scoring (the GeoPackage and the manifest).

``--kernen 1,2`` also runs the score process pinned to one core (``taskset``-like
``os.sched_setaffinity``) to show what the second core adds.

The target of issue 16: at 100k parcels the score process in at most 5x the read process
(medians of 3 paired runs); 1M parcels under 1.5 GB peak.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_laden import (
    LAYER,
    MARK,
    dutch,
    dutch_int,
    environment,
    label,
    parse_sizes,
    print_environment,
    print_table,
    run_worker,
    worker_main,
)

TARGET_RATIO = 5.0
TARGET_RATIO_N = 100_000
TARGET_PEAK_MIB = 1.5e9 / 2**20
TARGET_PEAK_N = 1_000_000
SCRIPT = Path(__file__).resolve()


class _Stamped:
    """A stderr stand-in that notes when each progress line arrives."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.lines: list[tuple[float, str]] = []

    def write(self, text: str) -> int:
        if text.strip():
            self.lines.append((time.perf_counter(), text.strip()))
        return len(text)

    def flush(self) -> None:
        pass


def _stapnaam(line: str) -> str:
    """``"[  1.2 s] bronnen laden (/tmp/x.toml) …"`` -> ``"bronnen laden"``."""
    text = line.split("] ", 1)[-1].rstrip(" …")
    for cut in (" (/", " naar /"):
        text = text.split(cut, 1)[0]
    return text


def step_cli(args: argparse.Namespace) -> dict[str, Any]:
    """``werkruimte score`` in this process, with the time of each progress step."""
    t0 = time.perf_counter()
    from werkruimte.cli import main

    imported = time.perf_counter()
    stamped = _Stamped(sys.stderr)
    real, sys.stderr = sys.stderr, stamped
    try:
        code = main(["score", "--config", args.config, "--out", args.map])
    finally:
        sys.stderr = real
    end = time.perf_counter()
    manifest = json.loads((Path(args.map) / "manifest.json").read_text("utf-8"))
    tijden = manifest.get("tijden_s", {})
    stappen: dict[str, float] = {"import": imported - t0}
    lines = [(t, _stapnaam(text)) for t, text in stamped.lines]
    # Everything after the last message and the scoring: writing (GPKG + manifest).
    eind_score = (lines[0][0] if lines else imported) + sum(tijden.values())
    for (ta, name), (tb, _) in zip(lines, [*lines[1:], (eind_score, "")], strict=True):
        stappen[name] = stappen.get(name, 0.0) + max(0.0, tb - ta)
    stappen["schrijven"] = stappen.get("schrijven", 0.0) + max(0.0, end - eind_score)
    return {"exitcode": code, "binnen_s": end - t0, "stappen_s": stappen, "tijden_s": tijden}


def step_lees(args: argparse.Namespace) -> dict[str, Any]:
    """The bare read: import pyogrio, read the parcels with Arrow, once."""
    import pyogrio

    frame = pyogrio.read_dataframe(args.gpkg, layer=LAYER, use_arrow=True)
    return {"rijen": len(frame)}


STEPS = {"lees": step_lees, "cli": step_cli}


def _child(
    step: str, *, cores: int | None = None, script: Path = SCRIPT, **options: Any
) -> dict[str, Any]:
    """One fresh process of ``script``; its result with the wall time measured from here."""
    cmd = [sys.executable, str(script), "--worker", step]
    for key, value in options.items():
        cmd += [f"--{key}", str(value)]
    pin = None
    if cores:
        chosen = sorted(os.sched_getaffinity(0))[:cores]
        pin = lambda: os.sched_setaffinity(0, chosen)  # noqa: E731
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, preexec_fn=pin)
    wall = time.perf_counter() - t0
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return {**json.loads(line[len(MARK) :]), "wand_s": wall}
    sys.stderr.write(proc.stdout + proc.stderr)
    raise SystemExit(f"stap '{step}' mislukte (exitcode {proc.returncode}); zie hierboven")


def measure_size(size: str, folder: Path, *, repeats: int, cores: list[int], say: Any) -> dict:
    """Paired runs of read and score for one size."""
    name = label(size)
    say(f"{name}: percelen maken")
    data = run_worker(SCRIPT.with_name("bench_laden.py"), "maak", n=size, map=folder)
    reads: list[dict[str, Any]] = []
    scores: dict[int, list[dict[str, Any]]] = {c: [] for c in cores}
    for i in range(repeats):
        say(f"{name}: run {i + 1} van {repeats}")
        reads.append(_child("lees", gpkg=data["gpkg"]))
        for c in cores:
            out = folder / f"uit_{size}_{c}"
            scores[c].append(_child("cli", cores=c, config=data["config"], map=out))
            shutil.rmtree(out, ignore_errors=True)
    Path(data["gpkg"]).unlink(missing_ok=True)
    read_s = statistics.median(r["wand_s"] for r in reads)
    per_core = {}
    for c, runs in scores.items():
        wall = statistics.median(r["wand_s"] for r in runs)
        mid = sorted(runs, key=lambda r: r["wand_s"])[len(runs) // 2]
        per_core[c] = {
            "wand_s": wall,
            "alle_wand_s": [r["wand_s"] for r in runs],
            "piek_mib": max(r["piek_mib"] for r in runs),
            "stappen_s": mid["stappen_s"],
            "verhouding": wall / read_s,
        }
    return {
        "n": int(size),
        "omvang": name,
        "lezen_s": read_s,
        "alle_lezen_s": [r["wand_s"] for r in reads],
        "lezen_piek_mib": max(r["piek_mib"] for r in reads),
        "score": per_core,
    }


def report(results: list[dict[str, Any]]) -> None:
    """Dutch tables: totals per size and core count, the split per step, the verdict."""
    rows = []
    for r in results:
        for c, s in r["score"].items():
            rows.append(
                [
                    r["omvang"],
                    str(c),
                    dutch(r["lezen_s"]),
                    dutch(s["wand_s"]),
                    dutch(s["verhouding"], 1) + "x",
                    dutch_int(r["lezen_piek_mib"]),
                    dutch_int(s["piek_mib"]),
                ]
            )
    print_table(
        ["omvang", "kernen", "lezen (s)", "score (s)", "verhouding", "piek lezen", "piek score"],
        rows,
    )
    print("\nWandtijd per stap van het scoreproces (s; de middelste run)")
    cols = [(r["omvang"], c, s) for r in results for c, s in r["score"].items()]
    names: list[str] = []
    for *_, s in cols:
        names += [k for k in s["stappen_s"] if k not in names]
    print_table(
        ["stap", *(f"{o} ({c} k.)" for o, c, _ in cols)],
        [[k, *(dutch(s["stappen_s"].get(k, float("nan"))) for *_, s in cols)] for k in names],
    )
    print()
    for r in results:
        s = r["score"][max(r["score"])]
        if r["n"] == TARGET_RATIO_N:
            ok = s["verhouding"] <= TARGET_RATIO
            print(
                f"doel verhouding <= {TARGET_RATIO:g} bij {r['omvang']}: "
                f"{dutch(s['verhouding'], 1)} -> {'gehaald' if ok else 'NIET gehaald'}"
            )
        if r["n"] == TARGET_PEAK_N:
            ok = s["piek_mib"] < TARGET_PEAK_MIB
            print(
                f"doel piek < 1,5 GB ({dutch_int(TARGET_PEAK_MIB)} MiB) bij {r['omvang']}: "
                f"{dutch_int(s['piek_mib'])} MiB -> {'gehaald' if ok else 'NIET gehaald'}"
            )


def main(argv: list[str] | None = None) -> int:
    """Measure and print (or write JSON)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--worker" in argv:
        return worker_main(argv, STEPS)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--herhalingen", type=int, default=3, help="gepaarde runs per omvang")
    parser.add_argument("--kernen", default="", help="bv. 1,2: ook vastgepind op 1 kern")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    max_cores = len(os.sched_getaffinity(0))
    cores = [int(c) for c in args.kernen.split(",") if c.strip()] or [max_cores]
    folder = Path(tempfile.mkdtemp(prefix="werkruimte-proces-"))

    def say(msg: str) -> None:
        print(f"  ... {msg}", file=sys.stderr, flush=True)

    results = []
    try:
        for size in parse_sizes(args.sizes):
            k = args.herhalingen if int(size) < 1_000_000 else min(args.herhalingen, 1)
            results.append(measure_size(size, folder, repeats=k, cores=cores, say=say))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps({"omgeving": environment(), "proces": results}, indent=2))
        return 0
    print("Het hele proces 'werkruimte score' tegenover alleen lezen (pyogrio + Arrow)")
    print_environment(environment())
    print()
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
