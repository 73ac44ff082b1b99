"""Benchmark: werkruimte against the pipeline a planner would write in a notebook (issue 16).

Run: ``.venv/bin/python benchmarks/bench_notebook_peer.py [--n 20000] [--herhalingen 3]``

The peer (:func:`notebook_pipeline`) does what werkruimte's ``score`` does, the way a
GIS analyst writes it with the usual tools, cell by cell: ``geopandas.read_file`` for
every layer; ``geopandas.overlay`` of parcels and bestemmingsplannen (and of parcels and
bedrijventerreinen, plus the Bestemmingsplangebied and Bouwvlak layers) with a
``groupby`` of the areas; ``sjoin`` of stops within walking distance for an OV measure;
``sjoin_nearest`` for the distances to hotspots, stations and afritten; the glasvezel
mean per parcel with a ``rasterio.features.geometry_mask`` of each parcel over its window
of the raster (what ``rasterstats.zonal_stats`` does); a weighted score; ``to_file``. It
gives no uitleg, coverage or Monte Carlo, so it does *less* than werkruimte.

Both run as whole fresh processes (Python start and imports included), paired: per
round first the peer, then ``werkruimte score`` (``bench_proces.py``'s worker), on the
same synthetic parcels (``bench_laden.py``'s ``maak``) and the demo region's other layers.
The target of issue 16: werkruimte at least 20x faster at 20k parcels (medians of 3).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from bench_laden import DEMO_CONFIG, dutch, environment, print_environment, run_worker, worker_main
from bench_proces import _child

SCRIPT = Path(__file__).resolve()
TARGET_SPEEDUP = 20.0


def _bron(config: dict[str, Any], key: str, base: Path) -> Path:
    p = Path(config["bronnen"][key])
    return p if p.is_absolute() else base / p


def notebook_pipeline(config_path: Path, out: Path) -> int:
    """The planner's notebook, top to bottom; the number of scored parcels."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import rasterio
    from rasterio import features, windows

    cfg = tomllib.loads(config_path.read_text("utf-8"))
    base = DEMO_CONFIG.parent
    percelen = gpd.read_file(cfg["bronnen"]["percelen"], layer="perceel")
    percelen["pid"] = np.arange(len(percelen))
    percelen["opp"] = percelen.area
    plannen = gpd.read_file(_bron(cfg, "bestemmingsplannen", base), layer="Enkelbestemming").to_crs(
        percelen.crs
    )
    terreinen = gpd.read_file(_bron(cfg, "bedrijventerreinen", base)).to_crs(percelen.crs)

    # Bestemming: overlay, area per hoofdgroep, the largest wins.
    ov = gpd.overlay(percelen[["pid", "geometry"]], plannen, how="intersection")
    ov["a"] = ov.area
    per = ov.groupby(["pid", "bestemmingshoofdgroep"])["a"].sum().reset_index()
    per = per.sort_values(["pid", "a"], ascending=[True, False]).drop_duplicates("pid")
    percelen = percelen.merge(
        per.rename(columns={"bestemmingshoofdgroep": "bestemming"})[["pid", "bestemming"]],
        on="pid",
        how="left",
    )
    werk = {"bedrijf", "bedrijventerrein", "kantoor", "gemengd", "centrum", "dienstverlening"}
    ov["werk"] = ov["bestemmingshoofdgroep"].str.lower().isin(werk) * ov["a"]
    aw = ov.groupby("pid")["werk"].sum()
    percelen["aandeel_werk"] = percelen["pid"].map(aw).fillna(0) / percelen["opp"]

    # Plan layers: plan area and bouwvlak share.
    for laag in ("Bestemmingsplangebied", "Bouwvlak"):
        lg = gpd.read_file(_bron(cfg, "bestemmingsplannen", base), layer=laag)
        o = gpd.overlay(percelen[["pid", "geometry"]], lg[["geometry"]], how="intersection")
        percelen[f"aandeel_{laag.lower()}"] = (
            percelen["pid"].map(o.assign(a=o.area).groupby("pid")["a"].sum()).fillna(0)
            / percelen["opp"]
        )

    # Bedrijventerrein: overlay, share >= 0.5.
    ot = gpd.overlay(percelen[["pid", "geometry"]], terreinen[["geometry"]], how="intersection")
    at = ot.assign(a=ot.area).groupby("pid")["a"].sum()
    percelen["op_terrein"] = percelen["pid"].map(at).fillna(0) / percelen["opp"] >= 0.5

    # OV: stops within 800 m of the centroid (sjoin), stations nearest (sjoin_nearest).
    import zipfile

    with zipfile.ZipFile(_bron(cfg, "gtfs", base)) as z, z.open("stops.txt") as f:
        stops = pd.read_csv(f)
    stops = gpd.GeoDataFrame(
        stops, geometry=gpd.points_from_xy(stops.stop_lon, stops.stop_lat), crs=4326
    ).to_crs(percelen.crs)
    cent = percelen[["pid"]].set_geometry(percelen.centroid)
    near = gpd.sjoin(cent.set_geometry(cent.buffer(800)), stops[["geometry"]], predicate="contains")
    percelen["haltes"] = percelen["pid"].map(near.groupby("pid").size()).fillna(0)
    stations = stops[stops.get("location_type", pd.Series(0, index=stops.index)).fillna(0) == 1]
    if not len(stations):
        stations = stops
    for naam, doel in (
        ("station", stations[["geometry"]]),
        ("afrit", gpd.read_file(_bron(cfg, "wegen", base))[["geometry"]]),
    ):
        d = gpd.sjoin_nearest(percelen[["pid", "geometry"]], doel, distance_col="d")
        percelen[f"afstand_{naam}"] = percelen["pid"].map(d.groupby("pid")["d"].min())
    hs = pd.read_csv(_bron(cfg, "hotspots", base))
    hs = gpd.GeoDataFrame(hs, geometry=gpd.points_from_xy(hs.x, hs.y), crs=percelen.crs)
    d = gpd.sjoin_nearest(percelen[["pid", "geometry"]], hs[["geometry"]], distance_col="d")
    percelen["afstand_hotspot"] = percelen["pid"].map(d.groupby("pid")["d"].min())

    # Glasvezel: zonal mean per parcel (mask of the parcel over its raster window).
    means = np.full(len(percelen), np.nan)
    with rasterio.open(_bron(cfg, "glasvezel", base)) as src:
        data = src.read(1, masked=True)
        for i, geom in enumerate(percelen.geometry):
            win = windows.from_bounds(*geom.bounds, transform=src.transform).round_offsets()
            win = win.round_lengths()
            r0, c0 = max(int(win.row_off), 0), max(int(win.col_off), 0)
            h, w = max(int(win.height), 1), max(int(win.width), 1)
            block = data[r0 : r0 + h + 1, c0 : c0 + w + 1]
            if block.size == 0:
                continue
            tf = windows.transform(
                windows.Window(c0, r0, block.shape[1], block.shape[0]), src.transform
            )
            inside = ~features.geometry_mask([geom], block.shape, tf, all_touched=True)
            vals = block[inside & ~np.ma.getmaskarray(block)]
            if vals.size:
                means[i] = float(vals.mean()) / 100
    percelen["glasvezel"] = means

    # Score: weighted sum of simple value functions.
    s = (
        0.3 * (percelen["aandeel_werk"].clip(0, 1))
        + 0.2 * percelen["op_terrein"]
        + 0.15 * (percelen["haltes"] / 10).clip(0, 1)
        + 0.15 * percelen["glasvezel"].fillna(0)
        + 0.1 * (1 - percelen["afstand_afrit"] / 6000).clip(0, 1)
        + 0.1 * (1 - percelen["afstand_hotspot"] / 2000).clip(0, 1)
    )
    percelen["score"] = (100 * s).round(2)
    percelen.to_file(out / "notebook.gpkg", layer="percelen", driver="GPKG")
    return len(percelen)


def step_peer(args: argparse.Namespace) -> dict[str, Any]:
    """The notebook pipeline in this process."""
    t0 = time.perf_counter()
    n = notebook_pipeline(Path(args.config), Path(args.map))
    return {"rijen": n, "binnen_s": time.perf_counter() - t0}


def main(argv: list[str] | None = None) -> int:
    """Paired runs of the notebook peer and ``werkruimte score``; medians and speed-up."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--worker" in argv:
        return worker_main(argv, {"peer": step_peer})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="werkruimte-peer-"))
    try:
        data = run_worker(SCRIPT.with_name("bench_laden.py"), "maak", n=args.n, map=folder)
        peer, ons = [], []
        for i in range(args.herhalingen):
            print(f"  ... run {i + 1} van {args.herhalingen}", file=sys.stderr, flush=True)
            r = _child("peer", script=SCRIPT, config=data["config"], map=folder)
            peer.append(r)
            out = folder / "uit"
            ons.append(_child("cli", config=data["config"], map=out))
            shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    p = statistics.median(r["wand_s"] for r in peer)
    w = statistics.median(r["wand_s"] for r in ons)
    result = {
        "n": args.n,
        "notebook_s": [r["wand_s"] for r in peer],
        "werkruimte_s": [r["wand_s"] for r in ons],
        "notebook_piek_mib": max(r["piek_mib"] for r in peer),
        "werkruimte_piek_mib": max(r["piek_mib"] for r in ons),
        "versnelling": p / w,
    }
    if args.json:
        print(json.dumps({"omgeving": environment(), "peer": result}, indent=2))
        return 0
    print(f"Notebookpijplijn tegenover werkruimte score, {args.n} percelen")
    print_environment(environment())
    print(
        f"notebook:   {' / '.join(dutch(x) for x in result['notebook_s'])} s, mediaan {dutch(p)} s"
    )
    print(
        f"werkruimte: {' / '.join(dutch(x) for x in result['werkruimte_s'])} s, "
        f"mediaan {dutch(w)} s"
    )
    ok = result["versnelling"] >= TARGET_SPEEDUP
    print(
        f"versnelling {dutch(result['versnelling'], 1)}x (doel >= {TARGET_SPEEDUP:g}x): "
        f"{'gehaald' if ok else 'NIET gehaald'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
