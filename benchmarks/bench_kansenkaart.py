"""Benchmark: build and save the kansenkaart; size of the HTML; optional browser timing.

Run: ``.venv/bin/python benchmarks/bench_kansenkaart.py [--synthetisch] [--browser]``

By default the whole chain runs on the embedded demo region (load, score, cluster,
driedeling, glasvezel gaps; these steps are timed but not part of the map's own time).
When the demo or a step of the chain is not available (or with ``--synthetisch``), a
synthetic region of 30 000 parcels with about 1 000 candidates is used instead.

Prints the time to build the folium map, the time to write the HTML, its size, and with
``--browser`` the time until headless Chromium (/usr/bin/chromium) shows the rendered
map (layer control and polygons present; background tiles blocked, as offline).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte.config import default_config
from werkruimte.kaart import kansenkaart
from werkruimte.regio import Regio

X0, Y0 = 135_000.0, 465_000.0
CHROMIUM = Path("/usr/bin/chromium")


def demo_chain() -> tuple[Regio, gpd.GeoDataFrame, Any, Any, Any, Any]:
    """The demo region through the whole chain; prints the time of each step."""
    import werkruimte as wr
    from werkruimte.schuifruimte import options_from_config

    t = time.perf_counter()
    regio = wr.load_demo()
    print(f"laden:        {time.perf_counter() - t:6.2f} s  ({len(regio.percelen)} percelen)")
    t = time.perf_counter()
    percelen = wr.score(regio)
    print(f"scoren:       {time.perf_counter() - t:6.2f} s")
    t = time.perf_counter()
    percelen, clusters = wr.cluster_schuifruimte(percelen, **options_from_config(regio.config))
    balans = wr.vraag_en_aanbod(
        clusters, vraag_ha=regio.config.criteria["schuifruimte"]["vraag_ha"]
    )
    print(f"clusteren:    {time.perf_counter() - t:6.2f} s  ({len(clusters)} clusters)")
    t = time.perf_counter()
    tabel = wr.driedeling(regio, percelen)
    print(f"driedeling:   {time.perf_counter() - t:6.2f} s  ({len(tabel)} werklocaties)")
    t = time.perf_counter()
    gaten = wr.glasvezel_gaten(regio, percelen, clusters, tabel)
    print(f"glasvezelgat: {time.perf_counter() - t:6.2f} s  ({len(gaten)} gebieden)")
    return regio, percelen, clusters, tabel, balans, gaten


def synthetic(n: int = 30_000, *, seed: int = 7) -> tuple[Regio, gpd.GeoDataFrame]:
    """n parcels on a 20 x 10 km grid in two gemeenten; about 1 000 candidates."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n * 2)))
    gx, gy = np.meshgrid(np.arange(side), np.arange(side // 2 + 1))
    gx, gy = gx.ravel()[:n], gy.ravel()[:n]
    cell = 20_000.0 / side
    w = rng.uniform(0.4, 0.9, n) * cell
    x0 = X0 + gx * cell
    y0 = Y0 + gy * cell
    geoms = shapely.box(x0, y0, x0 + w, y0 + w * rng.uniform(0.6, 1.0, n))
    score = np.clip(rng.normal(45, 15, n), 0, 100)
    kandidaat = score > np.quantile(score, 1 - 1_000 / n)
    profiel = np.where(rng.random(n) < 0.5, "schuifruimte", "middensegment")
    gemeente = np.where(gx < side // 2, "Hilversum", "Gooise Meren")
    percelen = gpd.GeoDataFrame(
        {
            "perceel_id": pd.array([f"SYN00-A-{i}" for i in range(n)], dtype="string"),
            "gemeente": pd.array(gemeente, dtype="string"),
            "oppervlakte_m2": shapely.area(geoms),
            "bestemming": pd.array(np.full(n, "bedrijf"), dtype="string"),
            "ov_klasse": pd.array(np.full(n, "2"), dtype="string"),
            "glasvezel_dekking": rng.uniform(0, 1, n),
            "score": score,
            "kandidaat": kandidaat,
            "profiel": pd.array(np.where(kandidaat, profiel, None), dtype="string"),
            "rang_stabiliteit": np.where(kandidaat, rng.uniform(0, 1, n), np.nan),
            "uitleg": pd.array(
                np.full(n, "profiel schuifruimte: grootte → 150 pt; bestemming → 300 pt; score 60"),
                dtype="string",
            ),
            "cluster_id": np.full(n, -1, dtype="int64"),
        },
        geometry=geoms,
        crs=28992,
    )
    half = X0 + (side // 2) * cell
    gemeenten = gpd.GeoDataFrame(
        {"gemeente": pd.array(["Hilversum", "Gooise Meren"], dtype="string")},
        geometry=[
            shapely.box(X0, Y0, half, Y0 + 10_000),
            shapely.box(half, Y0, X0 + 20_000, Y0 + 10_000),
        ],
        crs=28992,
    )
    empty = gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=28992))
    regio = Regio(
        config=default_config().with_changes({"regio": {"fictief": True}}),
        percelen=percelen,
        gemeenten=gemeenten,
        bedrijventerreinen=empty,
        bestemmingsplannen=empty,
        hotspots=empty,
    )
    return regio, percelen


def browser_time(path: Path) -> float:
    """Seconds until Chromium shows the layer control and drawn polygons."""
    from playwright.sync_api import sync_playwright

    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route(re.compile(r"^https?://"), lambda route: route.abort())
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_selector(".leaflet-control-layers-overlays label", state="attached")
        page.wait_for_function(
            "() => { const m = window[document.querySelector('.folium-map').id]; let n = 0;"
            " m.eachLayer(l => { if (l instanceof L.Polygon) { n += 1; } }); return n > 0; }"
        )
        elapsed = time.perf_counter() - start
        browser.close()
    if errors:
        print(f"JavaScript-fouten: {errors}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetisch", action="store_true", help="sla de demoregio over")
    parser.add_argument("--browser", action="store_true", help="meet ook in Chromium")
    parser.add_argument("--uit", type=Path, default=None, help="bewaar de HTML hier")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")

    clusters = tabel = balans = gaten = None
    if not args.synthetisch:
        try:
            regio, percelen, clusters, tabel, balans, gaten = demo_chain()
            bron = "demoregio"
        except Exception as exc:  # the chain is still being written: fall back
            print(f"demoketen niet beschikbaar ({type(exc).__name__}: {exc}); synthetisch")
            args.synthetisch = True
    if args.synthetisch:
        regio, percelen = synthetic()
        bron = "synthetisch"
    n_kand = int(percelen["kandidaat"].astype("boolean").fillna(False).sum())
    print(f"{bron}: {len(percelen)} percelen, {n_kand} kandidaten")

    t = time.perf_counter()
    kaart = kansenkaart(regio, percelen, clusters, tabel, balans=balans, gaten=gaten)
    build = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        path = args.uit or Path(tmp) / "kansenkaart.html"
        t = time.perf_counter()
        kaart.save(str(path))
        save = time.perf_counter() - t
        size = path.stat().st_size
        print(f"kaart bouwen: {build:6.2f} s")
        print(f"opslaan:      {save:6.2f} s")
        print(f"grootte:      {size / 1e6:6.2f} MB ({size} bytes)")
        if args.browser:
            if CHROMIUM.exists():
                print(f"browser:      {browser_time(path):6.2f} s tot weergave")
            else:
                print(f"browser:      overgeslagen ({CHROMIUM} ontbreekt)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
