"""The ``werkruimte`` command.

Exit codes: 0 success; 2 bad input or configuration (one Dutch message, no
traceback, no output written); 1 internal error; 130 interrupted. A bare
``werkruimte`` prints the help and exits with 0 (it used to run the whole demo).

Only the standard library is imported at the top: ``werkruimte --help`` and
``--version`` start without loading pandas, geopandas and the rest
(``benchmarks/bench_cli.py`` measures it).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from werkruimte._argparse_nl import NlArgumentParser
from werkruimte.errors import HerstelWaarschuwing, WerkruimteError

log = logging.getLogger("werkruimte")

DEFAULT_OUT = Path("output")


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


def _bron(args: argparse.Namespace) -> Path | None:
    return Path(args.config) if args.config else None


def cmd_validate(args: argparse.Namespace) -> int:
    """Run every config and data check, print the layers, coverage and all problems."""
    from werkruimte import keten
    from werkruimte.validatie import dekking_als_tekst, problemen_als_tekst

    check = keten.valideer(_bron(args), progress=_Progress(args.quiet))
    if check.regio is not None:
        _print_lagen(check.regio)
    if check.bronnen is not None:
        print("\nDekking van de bronnen (aandeel van de percelen dat een bron bereikt):")
        print(dekking_als_tekst(check.bronnen))
    if check.problemen:
        print("\n" + problemen_als_tekst(check.problemen))
    fict = " (fictieve gegevens)" if check.regio is not None and check.regio.fictief else ""
    if check.fouten:
        n = len(check.fouten)
        print(
            f"\nConfiguratie of gegevens niet in orde: {n} {'fout' if n == 1 else 'fouten'} "
            f"({check.config.path}).",
            file=sys.stderr,
        )
        return 2
    print(f"\nConfiguratie in orde: {check.config.path}{fict}")
    return 0


def _print_lagen(regio: Any) -> None:
    from werkruimte._nl import geheel

    rows = []
    for info in regio.lagen.values():
        rows.append(
            (
                info.naam,
                "-" if info.rijen is None else geheel(info.rijen),
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


def _run(args: argparse.Namespace, tot: str, **options: Any) -> Any:
    """Run the chain up to ``tot`` and write its outputs; returns the result."""
    from werkruimte.export.veilig import voorcontrole

    kaart_arg = getattr(args, "kaart", None)
    voorcontrole(_bron(args), out=Path(args.out), kaart=Path(kaart_arg) if kaart_arg else None)
    from werkruimte import keten

    progress = _Progress(args.quiet)
    result = keten.draai(_bron(args), tot=tot, progress=progress, **options)
    out = Path(args.out).absolute()
    progress(f"schrijven naar {out}")
    kaart = getattr(args, "kaart", None)
    keten.schrijf(
        result,
        out,
        kaart=Path(kaart).absolute() if kaart else None,
        png=bool(getattr(args, "png", False)),
        formaat=getattr(args, "formaat", "gpkg"),
    )
    return result


def _report(result: Any, out: Path) -> None:
    from werkruimte._nl import geheel

    p = result.percelen
    n = int(p["kandidaat"].sum())
    print(f"{geheel(len(p))} percelen gescoord, {geheel(n)} kandidaten; uitvoer in {out}/")


def cmd_score(args: argparse.Namespace) -> int:
    """Score all parcels and write percelen_scores.gpkg."""
    result = _run(
        args,
        "score",
        profiel=args.profiel,
        partitioned=args.partitioned,
        dask_adres=args.dask_adres,
    )
    if not args.quiet:
        _report(result, Path(args.out).absolute())
    return 0


def cmd_kansenkaart(args: argparse.Namespace) -> int:
    """The main job: the whole chain, then the map and all tables."""
    if args.scenario:
        # Several configs: OUT/basis, OUT/<naam>, OUT/vergelijking_<naam> (werkruimte.scenario).
        from werkruimte.errors import ConfigError
        from werkruimte.scenario import draai_scenarios, scenarios_uit_argumenten

        if args.kaart:
            raise ConfigError(
                "--kaart gaat niet samen met --scenario: elke run schrijft zijn kaart in "
                "zijn eigen map (OUT/basis/, OUT/<naam>/).",
                key="--kaart",
                hint="laat --kaart weg.",
            )
        uitkomst = draai_scenarios(
            _bron(args),
            scenarios_uit_argumenten(args.scenario),
            Path(args.out),
            png=args.png,
            progress=_Progress(args.quiet),
        )
        if not args.quiet:
            print(uitkomst.tekst())
        return 0
    result = _run(args, "kaart")
    if not args.quiet:
        out = Path(args.out).absolute()
        kaart = Path(args.kaart).absolute() if args.kaart else out / "kansenkaart.html"
        _report(result, out)
        print(f"{result.balans.tekst()} Kaart: {kaart}")
    return 0


def _gegeven(args: argparse.Namespace) -> dict[str, Any]:
    return {"percelen": Path(args.percelen).absolute()} if args.percelen else {}


def cmd_cluster(args: argparse.Namespace) -> int:
    """Score (or read --percelen) and cluster schuifruimte; writes schuifruimte.gpkg."""
    result = _run(args, "cluster", **_gegeven(args))
    if not args.quiet:
        print(result.balans.tekst())
    return 0


def cmd_driedeling(args: argparse.Namespace) -> int:
    """Score (or read --percelen) and classify werklocaties; writes driedeling.csv/.xlsx."""
    result = _run(args, "driedeling", **_gegeven(args))
    if not args.quiet:
        print(result.driedeling["klasse"].value_counts().to_string())
    return 0


def cmd_vergelijk(args: argparse.Namespace) -> int:
    """Compare two runs (scenarios); writes vergelijking.gpkg/.xlsx/.json."""
    from werkruimte.run import lees_run
    from werkruimte.vergelijk import schrijf_vergelijking, vergelijk

    progress = _Progress(args.quiet)
    progress(f"runs lezen ({args.run_a}, {args.run_b})")
    a, b = lees_run(args.run_a), lees_run(args.run_b)
    progress("vergelijken")
    v = vergelijk(a, b)
    out = Path(args.out).absolute()
    progress(f"schrijven naar {out}/")
    schrijf_vergelijking(v, out)
    if not args.quiet:
        from werkruimte._nl import ha

        regio = v.regio()
        print(
            f"{int(regio['erbij'])} kandidaten erbij ({ha(regio['erbij_ha'])}), "
            f"{int(regio['eraf'])} eraf ({ha(regio['eraf_ha'])}); "
            f"{len(v.instellingen)} instelling(en) verschillen; uitvoer in {out}/"
        )
    return 0


def cmd_monitor(args: argparse.Namespace) -> int:
    """Last year's run against this year's; writes monitor.gpkg/.xlsx/.json."""
    from werkruimte.monitor import monitor, schrijf_monitor
    from werkruimte.run import lees_run

    progress = _Progress(args.quiet)
    progress(f"runs lezen ({args.run_vorig}, {args.run_nu})")
    vorig, nu = lees_run(args.run_vorig), lees_run(args.run_nu)
    progress("vergelijken en wijzigingen in de invoer zoeken")
    m = monitor(vorig, nu)
    out = Path(args.out).absolute()
    progress(f"schrijven naar {out}/")
    schrijf_monitor(m, out)
    if not args.quiet:
        print(
            f"{len(m.toegevoegd)} percelen toegevoegd, {len(m.verwijderd)} verwijderd, "
            f"{len(m.samengevoegd)} uit samenvoeging, {len(m.bestemming)} met andere "
            f"bestemming; {len(m.naar_wonen)} bedrijventerrein(en) met percelen naar wonen; "
            f"uitvoer in {out}/"
        )
    return 0


def cmd_rapport(args: argparse.Namespace) -> int:
    """The voortgangsrapportage; writes voortgangsrapport.html."""
    from werkruimte.rapport import schrijf_rapport, voortgangsrapport
    from werkruimte.run import lees_run

    progress = _Progress(args.quiet)
    progress(f"run lezen ({args.run})")
    run = lees_run(args.run)
    vorig = lees_run(args.vorig) if args.vorig else None
    progress("rapport opbouwen (grafieken en kaarten)")
    html = voortgangsrapport(run, vorig=vorig)
    path = schrijf_rapport(html, Path(args.out).absolute())
    if not args.quiet:
        print(f"voortgangsrapport: {path}")
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    """Fetch real sources for a gemeente into the cache and write a config."""
    from werkruimte import fetch

    progress = _Progress(args.quiet)
    urls = {
        k: v
        for k, v in {
            "bestemmingsplannen": args.url_bestemmingsplannen,
            "bedrijventerreinen": args.url_bedrijventerreinen,
        }.items()
        if v
    }
    path = fetch.run_fetch(
        gemeente=args.gemeente,
        cache_dir=Path(args.cache),
        config_out=Path(args.out),
        opties=fetch.FetchOpties(
            offline=args.offline,
            gtfs_url=args.gtfs_url,
            margin_m=args.marge,
            urls=urls or None,
            osm_xml=Path(args.osm_xml) if args.osm_xml else None,
        ),
        progress=progress,
    )
    if not args.quiet:
        print(f"configuratie geschreven: {path}")
    return 0


def _formaat(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--formaat",
        choices=("gpkg", "parquet", "fgb"),
        default="gpkg",
        help="formaat van de percelen: gpkg (GeoPackage, standaard), parquet (GeoParquet) "
        "of fgb (FlatGeobuf)",
    )


def _percelen(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--percelen",
        metavar="BESTAND",
        help="ga verder met de gescoorde percelen van een eerdere run "
        "(percelen_scores.gpkg) in plaats van opnieuw te scoren",
    )


def _common(p: argparse.ArgumentParser, *, out: bool = True, config: bool = True) -> None:
    """The options every subcommand shares."""
    if config:
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


def _add_chain_commands(sub: Any) -> None:
    p = sub.add_parser("kansenkaart", help="de hele keten: scoren, clusteren, driedeling, kaart")
    _common(p)
    p.add_argument(
        "--kaart",
        metavar="HTML",
        help="pad van de kaart (standaard: kansenkaart.html in de uitvoermap)",
    )
    p.add_argument("--png", action="store_true", help="ook statische PNG-kaarten per gemeente")
    _formaat(p)
    p.add_argument(
        "--scenario",
        action="append",
        metavar="NAAM=CONFIG",
        help="ook dit scenario draaien en met de basis (--config of de demo) vergelijken; "
        "herhaalbaar. Uitvoer: OUT/basis/, OUT/NAAM/ en OUT/vergelijking_NAAM/",
    )
    p.set_defaults(func=cmd_kansenkaart)

    p = sub.add_parser("score", help="alle percelen scoren -> percelen_scores.gpkg")
    _common(p)
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
    _formaat(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("cluster", help="schuifruimte clusteren -> schuifruimte.gpkg")
    _common(p)
    _percelen(p)
    p.set_defaults(func=cmd_cluster)

    p = sub.add_parser("driedeling", help="werklocaties indelen -> driedeling.csv/.xlsx")
    _common(p)
    _percelen(p)
    p.set_defaults(func=cmd_driedeling)

    p = sub.add_parser("validate", help="alle bronnen controleren en samenvatten")
    _common(p, out=False)
    p.set_defaults(func=cmd_validate)


def _add_jaarcyclus(sub: Any) -> None:
    p = sub.add_parser(
        "vergelijk",
        help="twee runs (scenario's) vergelijken -> vergelijking.gpkg/.xlsx/.json",
        description="Vergelijk twee runs van 'werkruimte kansenkaart' (bv. twee scenario's): "
        "welke percelen erbij komen of afvallen als kandidaat, per gemeente in aantal en "
        "hectare, de klassen van de driedeling en de instellingen die verschillen.",
    )
    p.add_argument("run_a", metavar="RUN_A", help="map van de eerste run (de basis)")
    p.add_argument("run_b", metavar="RUN_B", help="map van de tweede run (het scenario)")
    p.add_argument("--out", metavar="MAP", required=True, help="uitvoermap")
    _common(p, out=False, config=False)
    p.set_defaults(func=cmd_vergelijk)

    p = sub.add_parser(
        "monitor",
        help="jaar op jaar: vorige run tegen de huidige -> monitor.gpkg/.xlsx/.json",
        description="Vergelijk de run van vorig jaar met die van nu: dezelfde vergelijking "
        "als 'vergelijk', plus wat er in de invoer veranderde (percelen toegevoegd, "
        "verwijderd of samengevoegd, bestemming gewijzigd, bedrijventerreinen die wonen "
        "werden).",
    )
    p.add_argument("run_vorig", metavar="RUN_VORIG", help="map van de vorige run")
    p.add_argument("run_nu", metavar="RUN_NU", help="map van de huidige run")
    p.add_argument("--out", metavar="MAP", required=True, help="uitvoermap")
    _common(p, out=False, config=False)
    p.set_defaults(func=cmd_monitor)

    p = sub.add_parser(
        "rapport",
        help="voortgangsrapportage als één HTML-bestand -> voortgangsrapport.html",
        description="Schrijf de voortgangsrapportage voor het portefeuillehoudersoverleg: "
        "één zelfstandig HTML-bestand (geen internet nodig, af te drukken op A4) met "
        "schuifruimte en middensegment tegen de vraag, de driedeling, glasvezelgaten, "
        "kaarten per gemeente, afwijkende instellingen en de herkomst van de gegevens.",
    )
    p.add_argument("run", metavar="RUN", help="map van de run (uitvoer van kansenkaart)")
    p.add_argument("--vorig", metavar="RUN", help="map van de vorige run: toont wat veranderde")
    p.add_argument("--out", metavar="MAP", required=True, help="uitvoermap")
    _common(p, out=False, config=False)
    p.set_defaults(func=cmd_rapport)


def _add_fetch(sub: Any) -> None:
    p = sub.add_parser("fetch", help="echte bronnen (PDOK, OSM, GTFS) ophalen voor een gemeente")
    p.add_argument(
        "--gemeente", required=True, help="naam of CBS-code (bv. Hilversum of GM0402), of 'regio'"
    )
    p.add_argument("--cache", default="cache", metavar="MAP", help="cachemap (standaard: cache/)")
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
    _common(p, out=False, config=False)
    p.set_defaults(func=cmd_fetch)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, Dutch throughout (argparse's own phrases too)."""
    parser = NlArgumentParser(
        prog="werkruimte",
        description="Ruimte voor werk vinden en onderbouwen: percelen scoren, schuifruimte "
        "clusteren, werklocaties indelen (driedeling) en een kansenkaart maken. Zonder "
        "--config draait alles op de ingebouwde demoregio (fictieve gegevens).",
        epilog="Begin met 'werkruimte kansenkaart' (de hele keten op de demoregio); "
        "'werkruimte OPDRACHT --help' toont de opties van een opdracht.",
    )
    parser.add_argument(
        "--version",
        "-V",
        "--versie",
        action="version",
        version=_version(),
        help="toon het versienummer en stop",
    )
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", title="opdrachten")
    _add_chain_commands(sub)
    _add_jaarcyclus(sub)
    _add_fetch(sub)
    return parser


def _version() -> str:
    from werkruimte import __version__

    return f"werkruimte {__version__}"


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``werkruimte`` command; returns the exit code."""
    # First of all: Ctrl-C and SIGTERM end the command with a message, not a traceback.
    signal.signal(signal.SIGINT, _raise_interrupt)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(f"afgebroken. {_toestand()}", file=sys.stderr)
        return 130
    finally:
        # Only a run that got as far as writing holds locks; --help never loads export.
        veilig = sys.modules.get("werkruimte.export.veilig")
        if veilig is not None:
            veilig.ontgrendel_alles()


def _toestand() -> str:
    veilig = sys.modules.get("werkruimte.export.veilig")
    if veilig is None:  # nothing was written yet
        return "De vorige uitvoer is ongewijzigd."
    return str(veilig.toestand())


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not getattr(args, "func", None):
        # No subcommand: the help (exit 0), never a run that writes into the current folder.
        parser.print_help()
        return 0
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
    from werkruimte.export.veilig import ONGEWIJZIGD, zet_toestand

    zet_toestand(ONGEWIJZIGD)
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
            print(f"afgebroken. {_toestand()}", file=sys.stderr)
            return 130
        except Exception as exc:
            from werkruimte.export.veilig import systeemfout

            melding = systeemfout(exc, toestand=_toestand())
            if melding is not None and not debug:
                print(f"fout: {melding}", file=sys.stderr)
                return 2
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
