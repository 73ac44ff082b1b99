"""Benchmark: cluster_schuifruimte on 100 000 synthetic candidate parcels.

Run: ``.venv/bin/python benchmarks/bench_schuifruimte.py [aantal] [--afstand M]``

The parcels are a grid of rectangles (30-60 m a side) in blocks of 5 x 5 that touch
inside a block; between blocks lie streets and open land of 12 to 300 m, so some
blocks chain into large clusters at 100 m and others stay apart. 3% of the parcels
are left out and a quarter are shrunk by up to 3 m, so not every neighbour touches.
Prints the wall time of the clustering, the growth of the process's peak resident
memory (ru_maxrss, includes GEOS) during it, and in a second, traced run the peak
of Python and numpy allocations (tracemalloc).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte.schuifruimte import cluster_schuifruimte, vraag_en_aanbod

X0, Y0 = 130_000.0, 460_000.0
GAPS = np.array([12.0, 25.0, 60.0, 150.0, 300.0])


def _axis(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Start coordinates and sizes of n cells along one axis, with a gap every 5."""
    size = rng.uniform(30.0, 60.0, n)
    gap = np.where(np.arange(n) % 5 == 4, rng.choice(GAPS, n), 0.0)
    start = np.concatenate([[0.0], np.cumsum(size + gap)[:-1]])
    return start, size


def synthetic_percelen(n: int, *, seed: int = 4) -> gpd.GeoDataFrame:
    """About ``n`` candidate parcels as a scored-parcels frame (EPSG:28992)."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n / 0.97)))
    xs, ws = _axis(side, rng)
    ys, hs = _axis(side, rng)
    gx, gy = np.meshgrid(np.arange(side), np.arange(side))
    gx, gy = gx.ravel(), gy.ravel()
    keep = rng.random(gx.size) >= 0.03
    gx, gy = gx[keep][:n], gy[keep][:n]
    shrink = np.where(rng.random(gx.size) < 0.25, rng.uniform(0.0, 3.0, gx.size), 0.0)
    x0 = X0 + xs[gx] + shrink
    y0 = Y0 + ys[gy] + shrink
    geoms = shapely.box(x0, y0, X0 + xs[gx] + ws[gx] - shrink, Y0 + ys[gy] + hs[gy] - shrink)
    m = len(geoms)
    gemeenten = np.array(["Blaricum", "Eemnes", "Gooise Meren", "Hilversum", "Huizen"])
    return gpd.GeoDataFrame(
        {
            "perceel_id": pd.array([f"P{i:07d}" for i in range(m)], dtype="string"),
            "gemeente": pd.array(gemeenten[(gx * 5 // side)], dtype="string"),
            "oppervlakte_m2": shapely.area(geoms),
            "score": np.round(rng.uniform(55.0, 95.0, m), 2),
            "kandidaat": np.ones(m, dtype=bool),
            "profiel": pd.array(["schuifruimte"] * m, dtype="string"),
            "cluster_id": np.full(m, -1, dtype="int64"),
        },
        geometry=geoms,
        crs=28992,
    )


def main(argv: list[str] | None = None) -> int:
    """Generate the parcels, cluster them and print time and memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aantal", nargs="?", type=int, default=100_000)
    parser.add_argument("--afstand", type=float, default=100.0)
    parser.add_argument("--min-oppervlakte", type=float, default=5000.0)
    args = parser.parse_args(argv)

    percelen = synthetic_percelen(args.aantal)
    cluster_schuifruimte(percelen.iloc[:200])  # warm up imports and GEOS
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    out, clusters = cluster_schuifruimte(
        percelen, afstand_m=args.afstand, min_oppervlakte_m2=args.min_oppervlakte
    )
    wall = time.perf_counter() - t0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Second run under tracemalloc (which slows Python allocations down) for the peak.
    tracemalloc.start()
    cluster_schuifruimte(percelen, afstand_m=args.afstand, min_oppervlakte_m2=args.min_oppervlakte)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    balans = vraag_en_aanbod(clusters)
    print(f"percelen (kandidaat): {len(percelen):,}".replace(",", "."))
    print(f"afstand {args.afstand:.0f} m, min. {args.min_oppervlakte:.0f} m²")
    print(
        f"clusters: {len(clusters):,}; in een cluster: {(out['cluster_id'] >= 0).sum():,} "
        f"percelen; grootste: {clusters['aantal_percelen'].max():,} percelen".replace(",", ".")
    )
    print(balans.tekst())
    print(f"wandtijd cluster_schuifruimte: {wall:.2f} s")
    print(f"piekgeheugen (tracemalloc): {peak / 2**20:.0f} MiB")
    print(f"ru_maxrss proces: {rss_before:.0f} -> {rss_after:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
