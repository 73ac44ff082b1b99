"""The ``werkruimte`` command.

Exit codes: 0 success; 2 bad input or configuration (one Dutch message, no
traceback, no output written); 1 internal error; 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import signal
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from werkruimte.errors import HerstelWaarschuwing, WerkruimteError

log = logging.getLogger("werkruimte")

DEFAULT_OUT = Path("output")
DEFAULT_MAP = Path("maps") / "kansenkaart.html"


class _Progress:
    """Prints numbered steps with elapsed time to stderr (silent with --quiet)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.t0 = time.perf_counter()
        self.n = 0

    def __call__(self, message: str) -> None:
        self.n += 1
        if not self.quiet:
            dt = time.perf_counter() - self.t0
            print(f"[{dt:6.1f} s] {message} …", file=sys.stderr, flush=True)


def _config(args: argparse.Namespace) -> Any:
    from werkruimte.config import demo_config_path, load_config

    return load_config(args.config if args.config else demo_config_path())


def _load(args: argparse.Namespace, progress: _Progress) -> Any:
    from werkruimte.regio import load_regio

    cfg = _config(args)
    progress(f"bronnen laden ({cfg.path})")
    return load_regio(cfg)


def _inputs(regio: Any) -> dict[str, Path | None]:
    from werkruimte.config import SOURCE_KEYS

    return {name: regio.config.bron(name) for name in SOURCE_KEYS}


def cmd_validate(args: argparse.Namespace) -> int:
    """Check all sources and print a summary table."""
    progress = _Progress(args.quiet)
    regio = _load(args, progress)
    rows = []
    for info in regio.lagen.values():
        rows.append(
            (
                info.naam,
                "-" if info.rijen is None else f"{info.rijen:,}".replace(",", "."),
                info.crs or "-",
                str(info.pad) if info.pad else "(niet opgegeven)",
                "; ".join(info.hersteld) or "-",
            )
        )
    head = ("laag", "rijen", "CRS", "bestand", "hersteld / opmerking")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    print("  ".join(h.ljust(w) for h, w in zip(head[:4], widths, strict=True)) + "  " + head[4])
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])
    fict = " (fictieve gegevens)" if regio.fictief else ""
    print(f"\nConfiguratie in orde: {regio.config.path}{fict}")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    """Score all parcels and write percelen_scores.gpkg."""
    from werkruimte import export, scoring

    progress = _Progress(args.quiet)
    watch = export.Stopwatch()
    with watch.step("laden"):
        regio = _load(args, progress)
    with watch.step("scoren"):
        if args.partitioned or args.dask_adres:
            from werkruimte.partitioned import score_partitioned

            percelen = score_partitioned(
                regio, address=args.dask_adres, profiel=args.profiel, progress=progress
            )
        else:
            percelen = scoring.score(regio, args.profiel, progress=progress)
    out = Path(args.out)
    progress(f"schrijven naar {out}")
    with export.atomic_outputs(out) as tx:
        target = out / "percelen_scores.gpkg"
        export.write_gpkg(percelen, tx.path(target), layer="percelen")
        man = export.manifest(
            config=regio.config,
            inputs=_inputs(regio),
            outputs=tx.targets,
            timings=watch.timings,
            extra={"percelen": _summary(percelen)},
        )
        export.write_json(man, tx.path(out / "manifest.json"))
    _report(percelen, out, args.quiet)
    return 0


def _summary(percelen: Any) -> dict[str, Any]:
    kand = percelen[percelen["kandidaat"]]
    return {
        "aantal": len(percelen),
        "kandidaten": len(kand),
        "kandidaten_per_profiel": {
            str(k): int(v) for k, v in kand["profiel"].value_counts().items()
        },
        "kandidaten_per_gemeente": {
            str(k): int(v) for k, v in kand["gemeente"].value_counts().sort_index().items()
        },
    }


def _report(percelen: Any, out: Path, quiet: bool) -> None:
    if quiet:
        return
    n = int(percelen["kandidaat"].sum())

    def nl(x: int) -> str:
        return f"{x:,}".replace(",", ".")

    print(f"{nl(len(percelen))} percelen gescoord, {nl(n)} kandidaten; uitvoer in {out}/")


def cmd_kansenkaart(args: argparse.Namespace) -> int:
    """The main job: the whole chain, then the map and all tables."""
    from werkruimte import export, schuifruimte, scoring
    from werkruimte import kaart as kansenkaart  # the package; `kaart` below is the map
    from werkruimte.export.figuren import write_png
    from werkruimte.export.tabellen import write_csv, write_tabellen
    from werkruimte.kaart import png as kaart_png

    # werkruimte.driedeling is also the name of the public function; import_module
    # gives the module.
    dd = importlib.import_module("werkruimte.driedeling")

    progress = _Progress(args.quiet)
    watch = export.Stopwatch()
    with watch.step("laden"):
        regio = _load(args, progress)
    with watch.step("scoren"):
        percelen = scoring.score(regio, progress=progress)
    progress("schuifruimte clusteren")
    with watch.step("clusteren"):
        percelen, clusters = schuifruimte.cluster_schuifruimte(
            percelen, **schuifruimte.options_from_config(regio.config)
        )
        balans = schuifruimte.vraag_en_aanbod(
            clusters, vraag_ha=regio.config.criteria["schuifruimte"]["vraag_ha"]
        )
    progress("driedeling van werklocaties")
    with watch.step("driedeling"):
        tabel = dd.driedeling(regio, percelen)
        extra_tabellen = dd.aanvullende_tabellen(regio, percelen, clusters, werklocaties=tabel)
    progress("kansenkaart tekenen")
    with watch.step("kaart"):
        kaart = kansenkaart.kansenkaart(
            regio,
            percelen,
            clusters,
            tabel,
            balans=balans,
            gaten=extra_tabellen.get("glasvezelgaten"),
        )
    out = Path(args.out)
    kaart_pad = Path(args.kaart)
    progress(f"schrijven naar {out}/ en {kaart_pad}")
    with export.atomic_outputs(out) as tx:
        export.write_gpkg(percelen, tx.path(out / "percelen_scores.gpkg"), layer="percelen")
        schuifruimte.write_clusters(clusters, tabel, tx.path(out / "schuifruimte.gpkg"))
        write_tabellen(
            tabel,
            extra_tabellen,
            csv=tx.path(out / "driedeling.csv"),
            xlsx=tx.path(out / "driedeling.xlsx"),
        )
        for name, frame in extra_tabellen.items():
            write_csv(frame, tx.path(out / f"{name}.csv"))
        kaart.save(str(tx.path(kaart_pad)))
        if args.png:
            for gemeente, bestand, figuur in kaart_png.figuren_per_gemeente(
                regio, percelen, clusters, tabel
            ):
                write_png(figuur, tx.path(out / "png" / bestand))
                log.debug("png %s -> %s", gemeente, out / "png" / bestand)
        man = export.manifest(
            config=regio.config,
            inputs=_inputs(regio),
            outputs=[*tx.targets, out / "manifest.json"],
            timings=watch.timings,
            extra={
                "percelen": _summary(percelen),
                "schuifruimte": balans.as_dict(),
                "driedeling": {str(k): int(v) for k, v in tabel["klasse"].value_counts().items()},
            },
        )
        export.write_json(man, tx.path(out / "manifest.json"))
    if not args.quiet:
        _report(percelen, out, False)
        print(f"{balans.tekst()} Kaart: {kaart_pad}")
    return 0


def cmd_cluster(args: argparse.Namespace) -> int:
    """Score and cluster schuifruimte; writes schuifruimte.gpkg."""
    from werkruimte import export, schuifruimte, scoring

    progress = _Progress(args.quiet)
    regio = _load(args, progress)
    percelen = scoring.score(regio, progress=progress)
    progress("schuifruimte clusteren")
    percelen, clusters = schuifruimte.cluster_schuifruimte(
        percelen, **schuifruimte.options_from_config(regio.config)
    )
    balans = schuifruimte.vraag_en_aanbod(
        clusters, vraag_ha=regio.config.criteria["schuifruimte"]["vraag_ha"]
    )
    out = Path(args.out)
    with export.atomic_outputs(out) as tx:
        schuifruimte.write_clusters(clusters, None, tx.path(out / "schuifruimte.gpkg"))
    if not args.quiet:
        print(balans.tekst())
    return 0


def cmd_driedeling(args: argparse.Namespace) -> int:
    """Score and classify werklocaties; writes driedeling.csv and .xlsx."""
    from werkruimte import export, schuifruimte, scoring
    from werkruimte.export.tabellen import write_tabellen

    dd = importlib.import_module("werkruimte.driedeling")

    progress = _Progress(args.quiet)
    regio = _load(args, progress)
    percelen = scoring.score(regio, progress=progress)
    percelen, clusters = schuifruimte.cluster_schuifruimte(
        percelen, **schuifruimte.options_from_config(regio.config)
    )
    progress("driedeling van werklocaties")
    tabel = dd.driedeling(regio, percelen)
    extra = dd.aanvullende_tabellen(regio, percelen, clusters, werklocaties=tabel)
    out = Path(args.out)
    with export.atomic_outputs(out) as tx:
        write_tabellen(
            tabel, extra, csv=tx.path(out / "driedeling.csv"), xlsx=tx.path(out / "driedeling.xlsx")
        )
    if not args.quiet:
        print(tabel["klasse"].value_counts().to_string())
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    """Fetch real sources for a gemeente into the cache and write a config."""
    from werkruimte import fetch

    progress = _Progress(args.quiet)
    path = fetch.run_fetch(
        gemeente=args.gemeente,
        cache_dir=Path(args.cache),
        config_out=Path(args.out),
        offline=args.offline,
        gtfs_url=args.gtfs_url,
        margin_m=args.marge,
        urls={
            k: v
            for k, v in {
                "bestemmingsplannen": args.url_bestemmingsplannen,
                "bedrijventerreinen": args.url_bedrijventerreinen,
            }.items()
            if v
        }
        or None,
        osm_xml=Path(args.osm_xml) if args.osm_xml else None,
        progress=progress,
    )
    if not args.quiet:
        print(f"configuratie geschreven: {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (Dutch help)."""
    parser = argparse.ArgumentParser(
        prog="werkruimte",
        description="Ruimte voor werk vinden en onderbouwen: percelen scoren, schuifruimte "
        "clusteren, werklocaties indelen (driedeling) en een kansenkaart maken. Zonder "
        "--config draait alles op de ingebouwde demoregio (fictieve gegevens).",
    )
    parser.add_argument("--versie", action="version", version=_version())
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT")

    def common(p: argparse.ArgumentParser, *, out: bool = True) -> None:
        p.add_argument(
            "--config", metavar="BESTAND", help="werkruimte.toml (standaard: de demoregio)"
        )
        if out:
            p.add_argument(
                "--out",
                metavar="MAP",
                default=str(DEFAULT_OUT),
                help="uitvoermap (standaard: output/)",
            )
        p.add_argument("--quiet", "-q", action="store_true", help="geen voortgang tonen")
        p.add_argument("--debug", action="store_true", help="volledige foutmeldingen tonen")

    p = sub.add_parser("kansenkaart", help="de hele keten: scoren, clusteren, driedeling, kaart")
    common(p)
    p.add_argument(
        "--kaart",
        metavar="HTML",
        default=str(DEFAULT_MAP),
        help="pad van de kaart (standaard: maps/kansenkaart.html)",
    )
    p.add_argument("--png", action="store_true", help="ook statische PNG-kaarten per gemeente")
    p.set_defaults(func=cmd_kansenkaart)

    p = sub.add_parser("score", help="alle percelen scoren -> percelen_scores.gpkg")
    common(p)
    p.add_argument("--profiel", help="alleen dit profiel (standaard: alle)")
    p.add_argument(
        "--partitioned",
        action="store_true",
        help="scoren in ruimtelijke partities op een lokaal dask-cluster (voor grote regio's)",
    )
    p.add_argument(
        "--dask-adres",
        metavar="ADRES",
        help="adres van een bestaand dask-cluster (bv. tcp://10.0.0.5:8786); impliceert "
        "--partitioned",
    )
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("cluster", help="schuifruimte clusteren -> schuifruimte.gpkg")
    common(p)
    p.set_defaults(func=cmd_cluster)

    p = sub.add_parser("driedeling", help="werklocaties indelen -> driedeling.csv/.xlsx")
    common(p)
    p.set_defaults(func=cmd_driedeling)

    p = sub.add_parser("validate", help="alle bronnen controleren en samenvatten")
    common(p, out=False)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("fetch", help="echte bronnen (PDOK, OSM, GTFS) ophalen voor een gemeente")
    p.add_argument(
        "--gemeente", required=True, help="naam of CBS-code (bv. Hilversum of GM0402), of 'regio'"
    )
    p.add_argument(
        "--cache",
        default="cache",
        metavar="MAP",
        help="cachemap (standaard: cache/)",
    )
    p.add_argument(
        "--out",
        default="werkruimte.toml",
        metavar="BESTAND",
        help="te schrijven configuratie (standaard: werkruimte.toml)",
    )
    p.add_argument("--offline", action="store_true", help="alleen de cache gebruiken")
    p.add_argument("--gtfs-url", metavar="URL", help="adres van een GTFS-feed om te downloaden")
    p.add_argument(
        "--url-bestemmingsplannen",
        metavar="URL",
        help="OGC API Features-adres van enkelbestemmingen (niet bij PDOK)",
    )
    p.add_argument(
        "--url-bedrijventerreinen",
        metavar="URL",
        help="OGC API Features-adres van IBIS-bedrijventerreinen (niet bij PDOK)",
    )
    p.add_argument(
        "--osm-xml",
        metavar="BESTAND",
        help="offline OSM-uittreksel (.osm) voor loopnetwerk en afritten",
    )
    p.add_argument(
        "--marge",
        type=float,
        default=500.0,
        metavar="M",
        help="marge rond de gemeentegrens in meters (standaard 500)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="geen voortgang tonen")
    p.add_argument("--debug", action="store_true", help="volledige foutmeldingen tonen")
    p.set_defaults(func=cmd_fetch)
    return parser


def _version() -> str:
    from werkruimte import __version__

    return f"werkruimte {__version__}"


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``werkruimte`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not getattr(args, "func", None):
        # No subcommand: the main job on the demo region.
        args = parser.parse_args(["kansenkaart", *(argv or [])])
    debug = bool(getattr(args, "debug", False))
    quiet = bool(getattr(args, "quiet", False))
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )
    level = logging.DEBUG if debug else logging.ERROR
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)
    if not debug:
        # dask/distributed log their own shutdown chatter (even tracebacks of closed
        # connections); the user sees our one-line messages instead.
        for name in ("distributed", "tornado", "asyncio"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    mended: list[str] = []

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        if issubclass(category, HerstelWaarschuwing):
            mended.append(str(message))
            if not quiet:
                print(f"let op: {message}", file=sys.stderr)
        elif debug:
            print(f"{category.__name__}: {message}", file=sys.stderr)

    func: Callable[[argparse.Namespace], int] = args.func
    with warnings.catch_warnings():
        warnings.simplefilter("always", HerstelWaarschuwing)
        warnings.showwarning = show
        try:
            return func(args)
        except WerkruimteError as exc:
            if debug:
                raise
            print(f"fout: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("afgebroken; eerdere uitvoer is ongewijzigd gebleven.", file=sys.stderr)
            return 130
        except Exception as exc:
            if debug:
                raise
            print(
                f"interne fout ({type(exc).__name__}: {exc}). Dit is een fout in werkruimte; "
                "draai opnieuw met --debug en meld de uitvoer.",
                file=sys.stderr,
            )
            return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
