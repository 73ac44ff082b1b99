"""Benchmark: single-machine scoring against the partitioned dask path.

Run: ``.venv/bin/python benchmarks/bench_partitioned.py [aantal ...] [--workers 2]``
(default 1 000 000 and 5 000 000 parcels).

The small layers are those of the demo region (bestemmingsplannen, bedrijventerreinen,
hotspots, GTFS, glasvezel raster, afritten). The parcels are synthetic: a jittered grid
of 8-vertex polygons over the demo region's extent, so every parcel meets the same
plans, stops and raster cells real parcels would. The grid is denser than real land
(5 million parcels in 240 km²), so the registered area (``kadastraleGrootteWaarde``)
is drawn from a lognormal distribution (median 450 m²) to give a realistic mix of
size classes and hence a realistic amount of scoring and uitleg work.

Each measurement runs in a fresh child process (generation of the parcels is not
timed), so the reported peak memory (VmHWM) is that of one path alone:

- ``enkel``: :func:`werkruimte.scoring.score` in one process;
- ``partities``: :func:`werkruimte.partitioned.score_partitioned` on a local
  ``distributed`` cluster of ``--workers`` processes with one thread each (started
  before the clock runs; its start-up time is printed separately). Peak memory is
  given per worker and for the calling process, which holds all parcels and runs the
  global scoring step.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import warnings
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely


def synthetic_percelen(n: int, bounds: tuple[float, float, float, float], *, seed: int = 7):
    """About ``n`` parcels (8-vertex polygons) on a jittered grid inside ``bounds``."""
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = bounds
    cell = float(np.sqrt((x1 - x0) * (y1 - y0) / n))
    nx = int(np.ceil((x1 - x0) / cell))
    i = np.arange(n)
    cx = x0 + (i % nx + 0.5) * cell
    cy = y0 + (i // nx + 0.5) * cell
    half = 0.42 * cell
    # Corners and edge midpoints of a square, each jittered by up to 6% of the cell.
    ux = np.array([-1, 0, 1, 1, 1, 0, -1, -1, -1], dtype="float64")
    uy = np.array([-1, -1, -1, 0, 1, 1, 1, 0, -1], dtype="float64")
    jitter = rng.uniform(-0.06, 0.06, size=(n, 8, 2)) * cell
    jitter = np.concatenate([jitter, jitter[:, :1]], axis=1)  # close the ring
    xs = cx[:, None] + ux[None, :] * half + jitter[:, :, 0]
    ys = cy[:, None] + uy[None, :] * half + jitter[:, :, 1]
    coords = np.stack([xs, ys], axis=2).reshape(-1, 2)
    rings = shapely.linearrings(coords, indices=np.repeat(np.arange(n), 9))
    geoms = shapely.polygons(rings)
    registered = np.round(rng.lognormal(np.log(450.0), 1.1, n))
    return gpd.GeoDataFrame(
        {
            "perceel_id": pd.array([f"B{k:08d}" for k in range(n)], dtype="string"),
            "kadastrale_grootte_m2": registered,
            "kadastrale_gemeente": pd.array(["Bench"] * n, dtype="string"),
            "sectie": pd.array(["A"] * n, dtype="string"),
            "perceelnummer": pd.array([str(k) for k in range(n)], dtype="string"),
        },
        geometry=geoms,
        crs=28992,
    )


def _regio(n: int) -> Any:
    import dataclasses

    import werkruimte as wr
    from werkruimte.regio import assign_gemeente

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        demo = wr.load_demo()
    bounds = tuple(shapely.total_bounds(demo.gemeenten.geometry.to_numpy()))
    percelen = assign_gemeente(synthetic_percelen(n, bounds), demo.gemeenten)  # type: ignore[arg-type]
    return dataclasses.replace(demo, percelen=percelen)


def _peak_mb() -> float:
    """Peak resident memory of this process in MB (VmHWM).

    Not ``ru_maxrss``: that survives fork and exec, so a worker process spawned by a
    process holding 2 GB would report at least 2 GB.
    """
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def child(mode: str, n: int, workers: int, partitions: int | None) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    t = time.perf_counter()
    regio = _regio(n)
    result: dict[str, Any] = {
        "modus": mode,
        "aantal": n,
        "genereren_s": time.perf_counter() - t,
        "geheugen_na_laden_mb": _peak_mb(),
    }
    warnings.simplefilter("ignore")
    if mode == "enkel":
        from werkruimte import scoring

        marks: dict[str, float] = {}

        def progress(msg: str) -> None:
            marks.setdefault(msg, time.perf_counter())

        t = time.perf_counter()
        out = scoring.score(regio, progress=progress)
        end = time.perf_counter()
        result["wandtijd_s"] = end - t
        result["scoren_s"] = end - marks.get("scores, kandidaten en uitleg", end)
        result["piek_mb"] = _peak_mb()
    else:
        import logging

        from distributed import Client, LocalCluster

        from werkruimte.partitioned import PartitieOpties, score_partitioned

        t = time.perf_counter()
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
            memory_limit=0,
        )
        client = Client(cluster)
        client.run(lambda: __import__("werkruimte.scoring"))
        result["cluster_start_s"] = time.perf_counter() - t
        marks = {}

        def progress(msg: str) -> None:
            marks.setdefault(msg.split(" (")[0].split(" op ")[0], time.perf_counter())

        t = time.perf_counter()
        out = score_partitioned(
            regio,
            address=cluster.scheduler_address,
            opties=PartitieOpties(partitions=partitions),
            progress=progress,
        )
        end = time.perf_counter()
        result["wandtijd_s"] = end - t
        result["partities_schrijven_s"] = marks.get("indicatoren per partitie", t) - t
        result["scoren_s"] = end - marks.get("scores, kandidaten en uitleg", end)
        result["partities"] = sum(1 for k in marks if k.startswith("partitie "))
        peaks = client.run(_peak_mb)
        result["piek_worker_mb"] = sorted(peaks.values())
        result["piek_mb"] = _peak_mb()
        client.close()
        cluster.close()
    result["kandidaten"] = int(out["kandidaat"].sum())
    result["score_som"] = float(out["score"].sum())
    return result


def run_child(mode: str, n: int, workers: int, partitions: int | None) -> dict[str, Any]:
    """Run :func:`child` in a fresh interpreter and return its figures."""
    cmd = [sys.executable, __file__, "--kind", mode, str(n), "--workers", str(workers)]
    if partitions:
        cmd += ["--partities", str(partitions)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"meting {mode} {n} mislukt (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Measure both paths for each size and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aantal", nargs="*", type=int, default=[1_000_000, 5_000_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partities", type=int, default=None)
    parser.add_argument("--geen-enkel", action="store_true", help="alleen het dask-pad")
    parser.add_argument("--kind", choices=["enkel", "partities"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.kind:
        figures = child(args.kind, args.aantal[0], args.workers, args.partities)
        print(json.dumps(figures))
        return 0

    print(f"cpu's: {os.cpu_count()}, workers: {args.workers}")
    rows = []
    for n in args.aantal:
        single = None if args.geen_enkel else run_child("enkel", n, args.workers, None)
        part = run_child("partities", n, args.workers, args.partities)
        for r in (single, part):
            if r is not None:
                print(json.dumps(r), flush=True)
        rows.append((n, single, part))
    print()
    print(
        f"{'percelen':>10}  {'enkel s':>8}  {'enkel MB':>8}  {'dask s':>8}  "
        f"{'verhouding':>10}  {'worker MB (piek)':>18}  {'aanroeper MB':>12}"
    )
    for n, single, part in rows:
        ratio = f"{part['wandtijd_s'] / single['wandtijd_s']:.2f}" if single else "-"
        workers_mb = "/".join(f"{m:.0f}" for m in part["piek_worker_mb"])
        print(
            f"{n:>10,}  {single['wandtijd_s'] if single else float('nan'):>8.1f}  "
            f"{single['piek_mb'] if single else float('nan'):>8.0f}  "
            f"{part['wandtijd_s']:>8.1f}  {ratio:>10}  {workers_mb:>18}  "
            f"{part['piek_mb']:>12.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
