"""Benchmark: the whole scoring step on 10k / 100k / 1M parcels, against reading them.

Run: ``.venv/bin/python benchmarks/bench_scoring.py [--sizes 10k,100k,1M] [--json]``
(``--profiel`` adds a cProfile of one scoring run per size).

For each size the parcels are generated (:func:`synthetic.synthetic_percelen` in
``benchmarks/synthetic.py``, see ``bench_laden.py`` for where they lie) and written to a
GeoPackage in a temporary folder. Then, each in a fresh Python process:

``lezen``
    ``pyogrio.read_dataframe(path, layer="perceel", use_arrow=True)``: the yardstick.
``scoren``
    ``werkruimte.load_regio`` (a werkruimte.toml with these percelen and the demo
    region's other layers), then ``werkruimte.scoring.score(regio)`` with the default
    profiles and the Monte Carlo sensitivity (``gevoeligheid=True``, 200 draws): every
    indicator (bestemming overlay, bedrijventerreinen, PTAL, glasvezel, distances), the
    scores, candidates and the Dutch ``uitleg``.

``verhouding`` is the wall time of ``score`` divided by that of the plain read. Wall times
are the best of ``--herhalingen`` runs (3 up to 200k parcels, more for steps under 1/3 s,
1 above); CPU time is the process time of that run (all threads). ``piek RSS`` is the
peak resident set size of the scoring process (VmHWM: Python, libraries, the loaded
Regio and the scoring together); ``na laden`` is its resident size after ``load_regio``.
The targets of issue 3: ratio <= 5 at 100k parcels, peak memory < 2 GB at 1M.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import pstats
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_laden import (
    DEMO_CONFIG,
    DEMO_PERCELEN,
    DEMO_ROWS,
    STEPS,
    default_repeats,
    dutch,
    dutch_int,
    environment,
    import_sources,
    label,
    parse_sizes,
    print_environment,
    print_table,
    rss_mib,
    run_worker,
    timed,
    warm_up,
    worker_main,
)

#: Issue 3: score at most this many times the plain read at 100k parcels ...
TARGET_RATIO = 5.0
TARGET_RATIO_N = 100_000
#: ... and a peak below 2 GB (2 * 10**9 bytes, about 1907 MiB) at 1M parcels.
TARGET_PEAK_MIB = 2e9 / 2**20
TARGET_PEAK_N = 1_000_000


def step_scoren(args: argparse.Namespace) -> dict[str, Any]:
    """load_regio, then score(regio) timed, with the time per step of the best run."""
    from werkruimte.indicators import (  # noqa: F401 - imported before timing
        afstand,
        bedrijventerrein,
        bestemming,
        glasvezel,
        grootte,
        ov,
    )
    from werkruimte.regio import load_regio
    from werkruimte.scoring import score

    import_sources()
    warm_up(args.gpkg)
    base, _ = rss_mib()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        regio = load_regio(args.config)
        load_s = time.perf_counter() - t0
    after_load, peak_load = rss_mib()

    runs: list[dict[str, float]] = []

    def run() -> Any:
        marks: list[tuple[str, float]] = []
        result = score(regio, progress=lambda msg: marks.append((msg, time.perf_counter())))
        marks.append(("einde", time.perf_counter()))
        runs.append({a: tb - ta for (a, ta), (_, tb) in itertools.pairwise(marks)})
        return result

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = timed(run, args.herhalingen)
    out = r.pop("resultaat")
    best = min(range(len(r["alle_wand_s"])), key=r["alle_wand_s"].__getitem__)
    r["stappen_s"] = runs[best]
    r.update(
        rijen=len(out),
        kandidaten=int(out["kandidaat"].sum()),
        buiten_regio=int((out["gemeente"] == "buiten regio").sum()),
        zonder_glasvezel=int(out["glasvezel_dekking"].isna().sum()),
        laden_s=load_s,
        basis_mib=base,
        na_laden_mib=after_load,
        piek_na_laden_mib=peak_load,
        waarschuwingen=sorted({str(w.message) for w in caught}),
    )
    if args.profiel:
        del out
        profile = cProfile.Profile()
        profile.runcall(score, regio)
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(30)
        r["profiel"] = text.getvalue()
    return r


STEPS_SCORING: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "maak": STEPS["maak"],
    "lezen": STEPS["lezen"],
    "scoren": step_scoren,
}


def measure(
    sizes: list[str],
    folder: Path,
    *,
    repeats: int | None,
    profile: bool,
    say: Callable[[str], None],
) -> list[dict[str, Any]]:
    """Read and score every size ("demo" = the demo region itself); one dict per size."""
    script = Path(__file__).resolve()
    results: list[dict[str, Any]] = []
    for size in sizes:
        name = label(size)
        if size == "demo":
            data: dict[str, Any] = {"gpkg": str(DEMO_PERCELEN), "config": str(DEMO_CONFIG)}
        else:
            say(f"{name}: percelen maken")
            data = run_worker(script, "maak", n=size, map=folder)
        k = repeats or default_repeats(DEMO_ROWS if size == "demo" else int(size))
        say(f"{name}: lezen")
        read = run_worker(script, "lezen", gpkg=data["gpkg"], herhalingen=k)
        say(f"{name}: laden en scoren")
        scored = run_worker(
            script,
            "scoren",
            gpkg=data["gpkg"],
            config=data["config"],
            herhalingen=k,
            profiel=1 if profile else "",
        )
        results.append(
            {
                "n": read["rijen"],
                "omvang": name,
                "bestand": data,
                "lezen": read,
                "scoren": scored,
                "verhouding": scored["wand_s"] / read["wand_s"],
            }
        )
        if size != "demo":
            Path(data["gpkg"]).unlink(missing_ok=True)  # 1M parcels take ~250 MB
    return results


def report(results: list[dict[str, Any]]) -> None:
    """Dutch tables: totals per size, time per step, and the verdict on the targets."""
    rows = []
    for r in results:
        s = r["scoren"]
        rows.append(
            [
                r["omvang"],
                dutch_int(r["n"]),
                dutch(r["lezen"]["wand_s"]),
                dutch(s["wand_s"]),
                dutch(s["cpu_s"]),
                dutch(r["verhouding"], 1) + "x",
                dutch_int(s["piek_mib"]),
                dutch_int(s["na_laden_mib"]),
                dutch(s["laden_s"]),
                dutch_int(s["kandidaten"]),
            ]
        )
    print_table(
        [
            "omvang",
            "percelen",
            "lezen (s)",
            "scoren (s)",
            "CPU scoren (s)",
            "verhouding",
            "piek RSS (MiB)",
            "na laden (MiB)",
            "load_regio (s)",
            "kandidaten",
        ],
        rows,
    )
    print()
    steps: list[str] = []
    for r in results:
        for name in r["scoren"]["stappen_s"]:
            if name not in steps:
                steps.append(name)
    print("Wandtijd per stap van score() (s)")
    print_table(
        ["stap", *(r["omvang"] for r in results)],
        [
            [name, *(dutch(r["scoren"]["stappen_s"].get(name, float("nan"))) for r in results)]
            for name in steps
        ],
    )
    print()
    for r in results:
        s = r["scoren"]
        if s["buiten_regio"] or s["zonder_glasvezel"]:
            print(
                f"{r['omvang']}: {dutch_int(s['buiten_regio'])} percelen buiten de gemeenten "
                f"van de regio, {dutch_int(s['zonder_glasvezel'])} zonder glasvezelgegevens"
            )
        if r["n"] == TARGET_RATIO_N:
            ok = r["verhouding"] <= TARGET_RATIO
            print(
                f"doel verhouding <= {TARGET_RATIO:g} bij {r['omvang']}: "
                f"{dutch(r['verhouding'], 1)} -> {'gehaald' if ok else 'NIET gehaald'}"
            )
        if r["n"] == TARGET_PEAK_N:
            ok = s["piek_mib"] < TARGET_PEAK_MIB
            print(
                f"doel geheugen < 2 GB ({dutch_int(TARGET_PEAK_MIB)} MiB) bij {r['omvang']}: "
                f"{dutch_int(s['piek_mib'])} MiB "
                f"-> {'gehaald' if ok else 'NIET gehaald'}"
            )
        if "profiel" in s:
            print(f"\ncProfile van één score() bij {r['omvang']} (cumulatief):")
            print(s["profiel"])


def main(argv: list[str] | None = None) -> int:
    """Measure and print (or write JSON)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--worker" in argv:
        return worker_main(argv, STEPS_SCORING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10k,100k,1M", help="aantallen percelen (standaard 10k,100k,1M)"
    )
    parser.add_argument("--herhalingen", type=int, default=None, help="runs per stap")
    parser.add_argument("--profiel", action="store_true", help="cProfile van score()")
    parser.add_argument("--json", action="store_true", help="resultaten als JSON")
    args = parser.parse_args(argv)
    sizes = parse_sizes(args.sizes)
    folder = Path(tempfile.mkdtemp(prefix="werkruimte-bench-"))
    env = environment()

    def say(msg: str) -> None:
        if not args.json:
            print(f"  ... {msg}", file=sys.stderr, flush=True)

    try:
        results = measure(sizes, folder, repeats=args.herhalingen, profile=args.profiel, say=say)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps({"omgeving": env, "scoren": results}, indent=2, default=str))
        return 0
    print("Scoren (score(regio), alle indicatoren) vergeleken met alleen lezen (pyogrio + Arrow)")
    print_environment(env)
    print()
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
