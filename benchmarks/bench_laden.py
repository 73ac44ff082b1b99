"""Benchmark: loading BRK percelen and a whole Regio, against reading with pyogrio+Arrow.

Run: ``.venv/bin/python benchmarks/bench_laden.py [--sizes demo,100k] [--json]``

For the demo region (``werkruimte/demo/data/kadaster/percelen.gpkg``, 31 451 parcels) and
for generated parcels (:func:`synthetic.synthetic_percelen` in ``benchmarks/synthetic.py``,
written to a GeoPackage in a temporary folder) it measures three steps, each in a fresh
Python process:

``lezen``
    ``pyogrio.read_dataframe(path, layer="perceel", use_arrow=True)``: the yardstick.
``load_percelen``
    ``werkruimte.sources.kadaster.load_percelen``: the same read plus column aliases,
    CRS check, geometry repair and duplicate check.
``load_regio``
    ``werkruimte.load_regio`` with a werkruimte.toml whose percelen are the file above
    and whose other sources are the demo region's layers (plans, terrains, hotspots,
    GTFS, raster, junctions, gemeenten).

Wall time is the best of ``--herhalingen`` runs in the process (after a warm-up that
initialises GDAL and the imports; steps shorter than 1/3 s run more often, until 1 s in
total, at most 25 times); CPU time is that run's process time (all threads).
Peak memory is the process's peak resident set size (``VmHWM`` from /proc/self/status,
which, unlike ``ru_maxrss``, does not inherit the parent's peak on Linux), including
Python and the imported libraries; ``basis`` is the resident size before the timed runs.

Generated parcels start at RD (139 000, 468 000) in Hilversum when the grid fits inside
the region's bounding box (up to about 200k parcels). A larger grid (1M parcels cover
about 24 x 37 km) is shrunk to the region's bounding box (its geometry only; the
registered ``kadastraleGrootteWaarde`` and so the size classes stay as generated); the
parts of the box outside the seven gemeenten still give parcels "buiten regio".

The other benchmarks import the helpers of this module (generation, config, workers,
tables); it has no side effects at import.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import warnings
from collections.abc import Callable, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any

#: The demo region's config (``werkruimte.config.demo_config_path()``), found without
#: importing werkruimte, so that the measured processes start clean.
DEMO_CONFIG = Path(str(find_spec("werkruimte").origin)).parent / "demo" / "werkruimte.toml"  # type: ignore[union-attr]
DEMO_PERCELEN = DEMO_CONFIG.parent / "data" / "kadaster" / "percelen.gpkg"
#: Parcels in the demo region (for the number of repeats only).
DEMO_ROWS = 31_451
LAYER = "perceel"
#: Lower-left corner of small generated grids: Hilversum.
ORIGIN = (139_000.0, 468_000.0)
#: Bounding box of the demo region's gemeenten (RD New), rounded outwards.
REGION_BOX = (129_700.0, 464_200.0, 151_200.0, 483_600.0)
#: Line prefix of a worker's result on stdout.
MARK = "RESULTAAT "
#: The issue's target for load_percelen: at most this many times the plain read.
TARGET_LOAD_RATIO = 3.0


# --------------------------------------------------------------------------- helpers


def parse_sizes(text: str) -> list[str]:
    """``"demo,10k,100k,1M"`` -> ``["demo", "10000", "100000", "1000000"]``."""
    out: list[str] = []
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            continue
        if item.lower() == "demo":
            out.append("demo")
            continue
        factor = 1
        if item[-1] in "kK":
            factor, item = 1_000, item[:-1]
        elif item[-1] in "mM":
            factor, item = 1_000_000, item[:-1]
        try:
            n = int(float(item.replace("_", "")) * factor)
        except ValueError:
            raise SystemExit(f"onbekende omvang '{raw}': gebruik bv. demo,10k,100k,1M") from None
        if n <= 0:
            raise SystemExit(f"omvang moet groter dan 0 zijn, gevonden: '{raw}'")
        out.append(str(n))
    return out


def label(size: str) -> str:
    """Short Dutch label of a size: ``"demo"``, ``"10k"``, ``"1M"``."""
    if size == "demo":
        return "demo"
    n = int(size)
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def dutch_int(n: float) -> str:
    """12345 -> ``"12.345"``."""
    return f"{round(n):,}".replace(",", ".")


def dutch(x: float, digits: int = 2) -> str:
    """1.25 -> ``"1,25"``."""
    return f"{x:.{digits}f}".replace(".", ",")


def rss_mib() -> tuple[float, float]:
    """Current and peak resident set size of this process in MiB (VmRSS, VmHWM)."""
    current = peak = float("nan")
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    current = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
    except OSError:  # not Linux: ru_maxrss (KiB on Linux, bytes on macOS)
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak = maxrss / 2**20 if sys.platform == "darwin" else maxrss / 1024
    return current, peak


def environment() -> dict[str, Any]:
    """Machine, Python and library versions, date and load (for the records)."""
    import geopandas
    import numpy
    import pandas
    import pyarrow
    import pyogrio
    import shapely

    versions = {
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "pyarrow": pyarrow.__version__,
        "shapely": shapely.__version__,
        "geos": shapely.geos_version_string,
        "geopandas": geopandas.__version__,
        "pyogrio": pyogrio.__version__,
        "gdal": pyogrio.__gdal_version_string__,
    }
    for name in ("exactextract", "gtfs_kit", "sklearn"):
        with contextlib.suppress(ImportError, AttributeError):
            versions[name] = __import__(name).__version__
    try:
        from importlib.metadata import version

        versions["werkruimte"] = version("werkruimte")
    except Exception:  # not installed as a package
        pass
    mem_gib = float("nan")
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem_gib = int(fh.readline().split()[1]) / 2**20
    except OSError:
        pass
    return {
        "datum": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "geheugen_gib": round(mem_gib, 1),
        "belasting": [round(x, 2) for x in os.getloadavg()],
        "versies": versions,
    }


def print_environment(env: dict[str, Any]) -> None:
    """One short Dutch paragraph about the machine."""
    v = env["versies"]
    print(
        f"{env['datum']}  {env['cpus']} CPU's, {dutch(env['geheugen_gib'], 1)} GiB, "
        f"belasting {' / '.join(dutch(x) for x in env['belasting'])} (1/5/15 min)"
    )
    print(
        f"Python {v['python']}, numpy {v['numpy']}, pandas {v['pandas']}, shapely "
        f"{v['shapely']} (GEOS {v['geos']}), geopandas {v['geopandas']}, pyogrio "
        f"{v['pyogrio']} (GDAL {v['gdal']}), pyarrow {v['pyarrow']}"
    )


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain text table; the first column left-aligned, the others right-aligned."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest])

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def timed(
    func: Callable[[], Any], repeats: int, *, min_seconds: float = 1.0, max_runs: int = 25
) -> dict[str, Any]:
    """Run ``func`` ``repeats`` times; best wall time, its CPU time, and the result.

    With ``repeats`` > 1, short steps run more often (until ``min_seconds`` in total, at
    most ``max_runs`` times): the best of three runs of 0.05 s is mostly noise.
    """
    walls: list[float] = []
    cpus: list[float] = []
    result: Any = None
    while len(walls) < max(1, repeats) or (
        repeats > 1 and sum(walls) < min_seconds and len(walls) < max_runs
    ):
        result = None  # free the previous result before the next run
        c0, t0 = time.process_time(), time.perf_counter()
        result = func()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    best = min(range(len(walls)), key=walls.__getitem__)
    return {"wand_s": walls[best], "cpu_s": cpus[best], "alle_wand_s": walls, "resultaat": result}


def default_repeats(n: int) -> int:
    """Three runs up to 100k parcels, one above (the 1M runs take minutes)."""
    return 3 if n <= 200_000 else 1


# ------------------------------------------------------------------- data and config


def write_config(path: Path, percelen: Path, *, naam: str) -> Path:
    """A werkruimte.toml: the demo region's sources with other percelen.

    The paths of the demo config are made absolute, so the file can live anywhere.
    """
    demo = tomllib.loads(DEMO_CONFIG.read_text("utf-8"))
    bronnen = dict(demo["bronnen"])
    for key, value in bronnen.items():
        if key.endswith("_laag") or key == "crs" or not str(value).strip():
            continue
        p = Path(value)
        bronnen[key] = str(p if p.is_absolute() else (DEMO_CONFIG.parent / p).resolve())
    bronnen["percelen"] = str(percelen)
    bronnen["percelen_laag"] = LAYER
    tables: dict[str, dict[str, Any]] = {
        "regio": {"naam": naam, "fictief": True},
        "bronnen": bronnen,
    }
    for key, table in demo.get("criteria", {}).items():
        tables[f"criteria.{key}"] = table
    lines = ["# Gemaakt door benchmarks/bench_laden.py (fictieve, synthetische percelen)."]
    for name, table in tables.items():
        lines.append(f"\n[{name}]")
        for key, value in table.items():
            lines.append(f"{key} = {_toml_value(value)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"kan {value!r} niet als TOML schrijven")


def make_percelen(n: int, folder: Path, *, seed: int = 0) -> dict[str, Any]:
    """Generate ``n`` parcels, write them as a GeoPackage and a config; the facts.

    The grid starts at :data:`ORIGIN` when it fits inside :data:`REGION_BOX`. A larger
    grid is shrunk to the box (x and y each by their own factor, about 0.88 and 0.52
    for 1M parcels) and placed in it, so that the parcels still lie in the region and
    meet its plans, terrains, stops and raster. ``kadastraleGrootteWaarde`` keeps the
    generated value, so the size classes (and the work of the profiles) stay those of
    the generator; only the geometric areas shrink.
    """
    import pyogrio
    import shapely
    from synthetic import synthetic_percelen

    t0 = time.perf_counter()
    gdf = synthetic_percelen(n, seed=seed, origin=(0.0, 0.0))
    _, _, width, height = (float(v) for v in gdf.total_bounds)
    x0, y0 = ORIGIN
    sx = sy = 1.0
    if x0 + width > REGION_BOX[2] or y0 + height > REGION_BOX[3]:
        box_w, box_h = REGION_BOX[2] - REGION_BOX[0], REGION_BOX[3] - REGION_BOX[1]
        sx, sy = min(1.0, box_w / width), min(1.0, box_h / height)
        x0 = REGION_BOX[0] + (box_w - width * sx) / 2
        y0 = REGION_BOX[1] + (box_h - height * sy) / 2
    geoms = shapely.transform(gdf.geometry.to_numpy(), lambda xy: xy * [sx, sy] + [x0, y0])
    gdf = gdf.set_geometry(geoms)
    generated = time.perf_counter() - t0
    gpkg = folder / f"percelen_{n}.gpkg"
    t1 = time.perf_counter()
    pyogrio.write_dataframe(gdf, gpkg, layer=LAYER, use_arrow=True)
    written = time.perf_counter() - t1
    config = write_config(
        folder / f"werkruimte_{n}.toml",
        gpkg,
        naam=f"Gooi en Vechtstreek, {dutch_int(n)} synthetische percelen (fictief)",
    )
    return {
        "n": n,
        "gpkg": str(gpkg),
        "config": str(config),
        "mb": gpkg.stat().st_size / 2**20,
        "oorsprong": [x0, y0],
        "schaal": [sx, sy],
        "breedte_m": width * sx,
        "hoogte_m": height * sy,
        "genereren_s": generated,
        "schrijven_s": written,
    }


# ------------------------------------------------------------------------- workers


def warm_up(path: str) -> None:
    """Initialise GDAL, the Arrow reader and the imports before timing."""
    import pyogrio

    pyogrio.read_dataframe(path, layer=LAYER, use_arrow=True, max_features=10)


def step_lezen(args: argparse.Namespace) -> dict[str, Any]:
    """Plain pyogrio+Arrow read of the parcels."""
    import pyogrio

    warm_up(args.gpkg)
    base, _ = rss_mib()
    r = timed(
        lambda: pyogrio.read_dataframe(args.gpkg, layer=LAYER, use_arrow=True),
        args.herhalingen,
    )
    r["rijen"] = len(r.pop("resultaat"))
    r["basis_mib"] = base
    return r


def step_load_percelen(args: argparse.Namespace) -> dict[str, Any]:
    """werkruimte.sources.kadaster.load_percelen."""
    from werkruimte.sources import kadaster

    warm_up(args.gpkg)
    base, _ = rss_mib()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = timed(lambda: kadaster.load_percelen(args.gpkg, layer=LAYER), args.herhalingen)
    r["rijen"] = len(r.pop("resultaat"))
    r["basis_mib"] = base
    r["waarschuwingen"] = sorted({str(w.message) for w in caught})
    return r


def import_sources() -> None:
    """Import every loader (load_regio imports them lazily) before timing."""
    import werkruimte.sources.bedrijventerreinen
    import werkruimte.sources.bestemmingsplannen
    import werkruimte.sources.gemeenten
    import werkruimte.sources.glasvezel
    import werkruimte.sources.gtfs
    import werkruimte.sources.hotspots
    import werkruimte.sources.kadaster
    import werkruimte.sources.wegen  # noqa: F401


def step_load_regio(args: argparse.Namespace) -> dict[str, Any]:
    """werkruimte.load_regio with the demo region's other layers."""
    from werkruimte.regio import load_regio

    import_sources()
    warm_up(args.gpkg)
    base, _ = rss_mib()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = timed(lambda: load_regio(args.config), args.herhalingen)
    regio = r.pop("resultaat")
    r["rijen"] = len(regio.percelen)
    r["buiten_regio"] = int((regio.percelen["gemeente"] == "buiten regio").sum())
    r["basis_mib"] = base
    r["waarschuwingen"] = sorted({str(w.message) for w in caught})
    return r


def step_maak(args: argparse.Namespace) -> dict[str, Any]:
    """Generate the parcels of one size into the folder."""
    return make_percelen(int(args.n), Path(args.map))


STEPS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "maak": step_maak,
    "lezen": step_lezen,
    "load_percelen": step_load_percelen,
    "load_regio": step_load_regio,
}


def worker_parser() -> argparse.ArgumentParser:
    """Arguments of a worker process (``--worker STEP``)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--worker", required=True)
    p.add_argument("--gpkg", default="")
    p.add_argument("--config", default="")
    p.add_argument("--n", default="0")
    p.add_argument("--map", default="")
    p.add_argument("--herhalingen", type=int, default=1)
    p.add_argument("--profiel", default="", help="niet leeg: ook een cProfile (scoren)")
    return p


def worker_main(argv: list[str], steps: dict[str, Callable[..., dict[str, Any]]]) -> int:
    """Run one step in this (fresh) process and print its result as one JSON line."""
    args = worker_parser().parse_args(argv)
    result = steps[args.worker](args)
    _, peak = rss_mib()
    result["piek_mib"] = peak
    print(MARK + json.dumps(result, default=str), flush=True)
    return 0


def run_worker(script: Path, step: str, **options: Any) -> dict[str, Any]:
    """Run ``script --worker step`` in a new Python process; its result."""
    cmd = [sys.executable, str(script), "--worker", step]
    for key, value in options.items():
        cmd += [f"--{key}", str(value)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return dict(json.loads(line[len(MARK) :]))
    sys.stderr.write(proc.stdout + proc.stderr)
    raise SystemExit(f"stap '{step}' mislukte (exitcode {proc.returncode}); zie hierboven")


# ---------------------------------------------------------------------------- main


def measure(
    sizes: list[str], folder: Path, *, repeats: int | None, say: Callable[[str], None]
) -> list[dict[str, Any]]:
    """All three steps for every size; one dict per size."""
    script = Path(__file__).resolve()
    results: list[dict[str, Any]] = []
    for size in sizes:
        if size == "demo":
            data: dict[str, Any] = {
                "gpkg": str(DEMO_PERCELEN),
                "config": str(DEMO_CONFIG),
                "mb": DEMO_PERCELEN.stat().st_size / 2**20,
            }
        else:
            say(f"{label(size)}: percelen maken")
            data = run_worker(script, "maak", n=size, map=folder)
        k = repeats or default_repeats(DEMO_ROWS if size == "demo" else int(size))
        row: dict[str, Any] = {"omvang": label(size), "bestand": data}
        for step in ("lezen", "load_percelen", "load_regio"):
            say(f"{label(size)}: {step}")
            row[step] = run_worker(
                script, step, gpkg=data["gpkg"], config=data["config"], herhalingen=k
            )
        row["n"] = row["lezen"]["rijen"]
        results.append(row)
    return results


def report(results: list[dict[str, Any]]) -> None:
    """The Dutch table of the load benchmark and the verdict on the target."""
    rows = []
    for r in results:
        read = r["lezen"]["wand_s"]
        for step in ("lezen", "load_percelen", "load_regio"):
            m = r[step]
            rows.append(
                [
                    r["omvang"] if step == "lezen" else "",
                    dutch_int(r["n"]) if step == "lezen" else "",
                    step,
                    dutch(m["wand_s"]),
                    dutch(m["cpu_s"]),
                    dutch(m["wand_s"] / read, 1) + "x",
                    dutch_int(m["piek_mib"]),
                    dutch_int(m["basis_mib"]),
                ]
            )
    print_table(
        [
            "omvang",
            "percelen",
            "stap",
            "wand (s)",
            "CPU (s)",
            "t.o.v. lezen",
            "piek RSS (MiB)",
            "basis (MiB)",
        ],
        rows,
    )
    for r in results:
        ratio = r["load_percelen"]["wand_s"] / r["lezen"]["wand_s"]
        verdict = "gehaald" if ratio <= TARGET_LOAD_RATIO else "NIET gehaald"
        print(
            f"{r['omvang']}: load_percelen = {dutch(ratio, 1)}x lezen "
            f"(doel <= {TARGET_LOAD_RATIO:g}x: {verdict})"
        )
        if r["load_regio"].get("buiten_regio"):
            print(
                f"{r['omvang']}: {dutch_int(r['load_regio']['buiten_regio'])} percelen "
                "buiten de gemeenten van de regio"
            )


def main(argv: list[str] | None = None) -> int:
    """Measure and print (or write JSON)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--worker" in argv:
        return worker_main(argv, STEPS)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="demo,100k", help="omvangen, bv. demo,10k,100k,1M (standaard demo,100k)"
    )
    parser.add_argument("--herhalingen", type=int, default=None, help="runs per stap")
    parser.add_argument("--json", action="store_true", help="resultaten als JSON")
    parser.add_argument("--bewaar", type=Path, default=None, help="map voor de GeoPackages")
    args = parser.parse_args(argv)
    sizes = parse_sizes(args.sizes)
    folder = args.bewaar or Path(tempfile.mkdtemp(prefix="werkruimte-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = environment()

    def say(msg: str) -> None:
        if not args.json:
            print(f"  ... {msg}", file=sys.stderr, flush=True)

    try:
        results = measure(sizes, folder, repeats=args.herhalingen, say=say)
    finally:
        if args.bewaar is None:
            shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps({"omgeving": env, "laden": results}, indent=2, default=str))
        return 0
    print("Laden van percelen en regio, vergeleken met alleen lezen (pyogrio + Arrow)")
    print_environment(env)
    print()
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
