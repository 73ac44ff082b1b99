"""The whole chain once: load, score, cluster, driedeling, map, write.

Every command of the CLI and every notebook that wants "the answer" calls this module;
nothing else strings the steps together. The steps follow the one-way data flow of
``docs/architecture.md``::

    Regio -> score -> cluster_schuifruimte -> driedeling, middensegment, glasvezelgaten
          -> kansenkaart -> export (all files of a run at once, with the manifest)

:func:`draai` computes (no files); :func:`schrijf` writes what was computed, all or
nothing, through :mod:`werkruimte.export`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkruimte._geheugen import geef_vrij

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import pandas as pd

    from werkruimte.config import Config
    from werkruimte.regio import Regio
    from werkruimte.schuifruimte import Balans
    from werkruimte.validatie import Probleem

__all__ = ["STAPPEN", "Keten", "Validatie", "draai", "lees_percelen", "schrijf", "valideer"]

log = logging.getLogger(__name__)

#: The steps in order; ``draai(regio, tot=...)`` stops after the named one.
STAPPEN = ("score", "cluster", "driedeling", "kaart")

Progress = Callable[[str], None]


@dataclass
class Validatie:
    """The one validation of a run: config checks, data checks and coverage.

    ``werkruimte validate`` prints it; :func:`draai` starts with it and stops with one
    error listing every ``fout``, so ``validate``, ``score`` and ``kansenkaart`` give
    the same verdict with the same messages.

    Attributes
    ----------
    config
        The configuration.
    regio
        The loaded region, or None when a source could not be read.
    dekking
        Per parcel and source whether the source reaches it
        (:func:`werkruimte.dekking.dekking_per_perceel`), or None.
    bronnen
        Per source the share of parcels covered and a verdict
        (:func:`werkruimte.dekking.dekking_per_bron`), or None.
    problemen
        Every problem found, config and data.
    """

    config: Config
    regio: Regio | None
    dekking: pd.DataFrame | None
    bronnen: pd.DataFrame | None
    problemen: list[Probleem]

    @property
    def fouten(self) -> list[Probleem]:
        """The problems that stop a run."""
        return [p for p in self.problemen if p.ernst == "fout"]

    def dekking_per_bron(self) -> dict[str, float]:
        """Source -> fraction of parcels it covers (for the manifest)."""
        if self.bronnen is None:
            return {}
        return {str(k): round(float(v), 4) for k, v in self.bronnen["aandeel_percelen"].items()}

    def verwerp_bij_fouten(self) -> None:
        """Raise one error that lists every ``fout``; nothing when there is none."""
        from werkruimte.validatie import verwerp_bij_fouten

        verwerp_bij_fouten(self.problemen, pad=self.config.path)


def valideer(
    bron: Regio | str | Path | None = None, *, progress: Progress | None = None
) -> Validatie:
    """Run every config and data check of a run and collect all problems.

    Parameters
    ----------
    bron
        A loaded region, the path of a ``werkruimte.toml``, or None for the demo.
    progress
        Called with a Dutch description before each step.

    Returns
    -------
    Validatie
        Config, region, coverage and every problem; a source that cannot be read is
        one ``fout`` among the others (the data checks then stop).
    """
    from werkruimte import dekking, validatie
    from werkruimte import regio as regio_module
    from werkruimte.config import demo_config_path, load_config
    from werkruimte.errors import InputError

    say: Progress = progress or (lambda message: None)
    if isinstance(bron, regio_module.Regio):
        config, regio = bron.config, bron
    else:
        config = load_config(demo_config_path() if bron is None else bron)
        regio = None
    problemen = validatie.controleer_config(config)
    if regio is None:
        say(f"bronnen laden ({config.path})")
        try:
            regio = regio_module.load_regio(config)
        except InputError as exc:
            problemen.append(
                validatie.Probleem(
                    "fout", exc.column or exc.layer, exc.detail, exc.hint, "gegevens", fout=exc
                )
            )
            return Validatie(config, None, None, None, problemen)
    say("dekking van de bronnen bepalen")
    dek = dekking.dekking_per_perceel(regio)
    problemen += validatie.controleer_data(regio, dek)
    return Validatie(config, regio, dek, dekking.dekking_per_bron(regio, dek), problemen)


@dataclass
class Keten:
    """What one run of the chain computed.

    Attributes
    ----------
    regio
        The loaded region.
    percelen
        Scored parcels (with ``cluster_id`` once clustered).
    clusters
        Schuifruimte clusters, or None before the ``cluster`` step.
    balans
        Supply against demand of schuifruimte, or None before the ``cluster`` step.
    driedeling
        One row per werklocatie with ``klasse`` and ``reden``, or None.
    middensegment
        Middensegment supply per gemeente, or None.
    glasvezelgaten
        Areas for demand bundling of glasvezel, or None.
    potentie
        Parcels without a werkbestemming that could get one (Werkplan action 1a), with
        the reason, or None (:func:`werkruimte.potentie.potentie`).
    kaart
        The kansenkaart, or None before the ``kaart`` step.
    tijden
        Seconds per step, for the manifest.
    """

    regio: Regio
    percelen: gpd.GeoDataFrame
    clusters: gpd.GeoDataFrame | None = None
    balans: Balans | None = None
    driedeling: gpd.GeoDataFrame | None = None
    middensegment: pd.DataFrame | None = None
    glasvezelgaten: gpd.GeoDataFrame | None = None
    potentie: gpd.GeoDataFrame | None = None
    kaart: folium.Map | None = None
    tijden: dict[str, float] = field(default_factory=dict)
    validatie: Validatie | None = None

    def samenvatting(self) -> dict[str, Any]:
        """The results for the manifest: counts per profile and gemeente, balance, classes."""
        p = self.percelen
        # Only the two columns counted: selecting rows of the whole frame would copy
        # the uitleg (Arrow joins its chunks to take rows), 300 MB for 1M parcels.
        kand = p["kandidaat"].astype(bool).to_numpy()
        out: dict[str, Any] = {
            "percelen": {
                "aantal": len(p),
                "kandidaten": int(kand.sum()),
                "kandidaten_per_profiel": {
                    str(k): int(v) for k, v in p["profiel"][kand].value_counts().items()
                },
                "kandidaten_per_gemeente": {
                    str(k): int(v)
                    for k, v in p["gemeente"][kand].value_counts().sort_index().items()
                },
            }
        }
        if self.balans is not None:
            from werkruimte.balans import balans_per_gemeente

            per_gemeente = balans_per_gemeente(self.percelen, self.regio.config).as_dict()
            out["schuifruimte"] = {
                **self.balans.as_dict(),
                "per_gemeente": per_gemeente["schuifruimte"],
            }
        if self.validatie is not None:
            from werkruimte.dekking import onbekend_uit_config

            out["dekking"] = self.validatie.dekking_per_bron()
            out["onbekend"] = onbekend_uit_config(self.regio.config)
            out["waarschuwingen"] = [str(p) for p in self.validatie.problemen]
        if self.potentie is not None:
            from werkruimte.potentie import potentie_per_gemeente

            tabel = potentie_per_gemeente(self.potentie)
            out["potentie"] = tabel.astype(object).where(tabel.notna(), None).to_dict("records")
        if self.driedeling is not None:
            out["driedeling"] = {
                str(k): int(v) for k, v in self.driedeling["klasse"].value_counts().items()
            }
        return out


@contextmanager
def _stap(tijden: dict[str, float], name: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        tijden[name] = tijden.get(name, 0.0) + time.perf_counter() - t0


def _score(
    check: Validatie,
    profiel: str | None,
    dask_adres: str | None,
    partitioned: bool,
    progress: Progress,
) -> gpd.GeoDataFrame:
    regio = check.regio
    assert regio is not None
    if partitioned or dask_adres:
        from werkruimte.partitioned import score_partitioned

        return score_partitioned(regio, address=dask_adres, profiel=profiel, progress=progress)
    from werkruimte.scoring import score

    return score(regio, profiel, progress=progress, dekking=check.dekking)


def _cluster(keten: Keten, progress: Progress) -> None:
    from werkruimte import schuifruimte

    progress("schuifruimte clusteren")
    keten.percelen, keten.clusters = schuifruimte.cluster_schuifruimte(
        keten.percelen, **schuifruimte.options_from_config(keten.regio.config)
    )
    keten.balans = schuifruimte.vraag_en_aanbod(
        keten.clusters, vraag_ha=keten.regio.config.criteria["schuifruimte"]["vraag_ha"]
    )


def _driedeling(keten: Keten, progress: Progress) -> None:
    from werkruimte.driedeling import driedeling
    from werkruimte.middensegment import middensegment_match
    from werkruimte.vraagbundeling import glasvezel_gaten

    progress("driedeling van werklocaties")
    keten.driedeling = driedeling(keten.regio, keten.percelen)
    keten.middensegment = middensegment_match(keten.regio, keten.percelen)
    keten.glasvezelgaten = glasvezel_gaten(
        keten.regio, keten.percelen, keten.clusters, keten.driedeling
    )
    keten.potentie = _potentie(keten)


def _potentie(keten: Keten) -> gpd.GeoDataFrame:
    """Ground that could become work, inside the region only."""
    from werkruimte.potentie import potentie
    from werkruimte.scoring import BUITEN_REGIO

    regio = keten.regio
    c = regio.config.criteria["plan"]
    binnen = keten.percelen[keten.percelen["gemeente"].astype("string") != BUITEN_REGIO]
    return potentie(
        binnen,
        plannen=regio.bestemmingsplannen,
        plan_lagen=regio.plan_lagen,
        hotspots=regio.hotspots,
        kern=c["kern"],
        rand_kern_m=c["rand_kern_m"],
        leegstand_afstand_m=c["leegstand_afstand_m"],
    )


def _kaart(keten: Keten, progress: Progress) -> None:
    from werkruimte.kaart import kansenkaart

    progress("kansenkaart tekenen")
    keten.kaart = kansenkaart(
        keten.regio,
        keten.percelen,
        keten.clusters,
        keten.driedeling,
        balans=keten.balans,
        gaten=keten.glasvezelgaten,
        potentie=keten.potentie,
    )


def lees_percelen(pad: str | Path) -> gpd.GeoDataFrame:
    """Scored parcels of an earlier run, to start the chain from (``--percelen``).

    Parameters
    ----------
    pad
        A ``percelen_scores.gpkg`` (layer ``percelen``), ``.parquet`` or ``.fgb``
        written by ``werkruimte score`` or ``kansenkaart``.

    Returns
    -------
    geopandas.GeoDataFrame
        The parcels, checked to carry the scored columns.

    Raises
    ------
    InputError
        When the file cannot be read or lacks the scored columns.
    """
    import geopandas as gpd
    import pyogrio

    from werkruimte._gescoord import check_gescoord
    from werkruimte.errors import InputError

    path = Path(pad)
    hint = "geef percelen_scores.gpkg van 'werkruimte score --out MAP' of 'kansenkaart'."
    try:
        if path.suffix.lower() == ".parquet":
            frame = gpd.read_parquet(path)
        else:
            layers = [str(n) for n in pyogrio.list_layers(path)[:, 0]]
            layer = "percelen" if "percelen" in layers else layers[0]
            frame = pyogrio.read_dataframe(path, layer=layer)
    except (OSError, ValueError, pyogrio.errors.DataSourceError) as exc:
        raise InputError(f"niet te lezen ({exc}).", path=path, hint=hint) from exc
    kolommen = ("perceel_id", "gemeente", "oppervlakte_m2", "score", "kandidaat", "profiel")
    return check_gescoord(frame, kolommen, doel=f"verder te gaan vanaf {path}")


def draai(
    bron: Regio | str | Path | None = None,
    *,
    tot: str = "kaart",
    profiel: str | None = None,
    partitioned: bool = False,
    dask_adres: str | None = None,
    percelen: str | Path | gpd.GeoDataFrame | None = None,
    progress: Progress | None = None,
) -> Keten:
    """Run the chain on a loaded region up to and including one step.

    Parameters
    ----------
    bron
        A loaded region (:func:`werkruimte.load_regio`), the path of a
        ``werkruimte.toml``, or None for the embedded demo region.
    tot
        The last step: ``"score"``, ``"cluster"``, ``"driedeling"`` or ``"kaart"``.
    profiel
        Score only this profile (default: every profile in the config).
    partitioned
        Score in spatial partitions on a local dask cluster (large regions).
    dask_adres
        Address of an existing dask cluster; implies ``partitioned``.
    percelen
        Start from these scored parcels (a frame, or a file for :func:`lees_percelen`)
        instead of scoring again; the region is still loaded and validated.
    progress
        Called with a Dutch description before each step.

    Returns
    -------
    Keten
        Everything computed; write it with :func:`schrijf`.

    Examples
    --------
    >>> import werkruimte as wr
    >>> uitkomst = wr.keten.draai("werkruimte.toml", tot="driedeling")  # doctest: +SKIP
    >>> uitkomst.balans.tekst()  # doctest: +SKIP
    """
    if tot not in STAPPEN:
        raise ValueError(f"tot moet een van {', '.join(STAPPEN)} zijn, niet {tot!r}")
    say: Progress = progress or (lambda message: None)
    tijden: dict[str, float] = {}
    with _stap(tijden, "laden"):
        check = valideer(bron, progress=say)
        check.verwerp_bij_fouten()
        assert check.regio is not None
        regio = check.regio
    # Reading 1 000 000 parcels frees more than it keeps: give it back before scoring.
    geef_vrij(len(regio.percelen))
    with _stap(tijden, "scoren"):
        if percelen is None:
            gescoord = _score(check, profiel, dask_adres, partitioned, say)
        else:
            say("gescoorde percelen lezen")
            gescoord = percelen if not isinstance(percelen, str | Path) else lees_percelen(percelen)
    keten = Keten(regio=regio, percelen=gescoord, tijden=tijden, validatie=check)
    last = STAPPEN.index(tot)
    for stap, label, step in (
        ("cluster", "clusteren", _cluster),
        ("driedeling", "driedeling", _driedeling),
        ("kaart", "kaart", _kaart),
    ):
        if STAPPEN.index(stap) > last:
            break
        with _stap(tijden, label):
            step(keten, say)
    return keten


def _inputs(regio: Regio) -> dict[str, Path | None]:
    from werkruimte.config import SOURCE_KEYS

    return {name: regio.config.bron(name) for name in SOURCE_KEYS}


def _write_tables(keten: Keten, out: Path, tx: Any) -> None:
    from werkruimte.export import tabellen

    assert keten.driedeling is not None
    extra = {
        name: frame
        for name, frame in (
            ("middensegment", keten.middensegment),
            ("glasvezelgaten", keten.glasvezelgaten),
        )
        if frame is not None
    }
    # CSV: contract column names; XLSX: Dutch headers with units, autofilter.
    tabellen.write_driedeling_csv(keten.driedeling, tx.path(out / "driedeling.csv"))
    boek = dict(extra)
    if keten.validatie is not None and keten.validatie.bronnen is not None:
        # Coverage of every source beside the tables it qualifies (issue 11).
        boek["dekking"] = keten.validatie.bronnen.reset_index()[
            ["laag", "toestand", "percelen", "aandeel_percelen", "aandeel_oppervlakte", "status"]
        ]
    tabellen.write_driedeling_werkboek(
        keten.driedeling,
        boek,
        xlsx=tx.path(out / "driedeling.xlsx"),
        woningen_afstand_m=float(
            keten.regio.config.criteria["driedeling"].get("woningen_afstand_m", 100.0)
        ),
    )
    for name, frame in extra.items():
        tabellen.write_csv(tabellen.afgerond(frame), tx.path(out / f"{name}.csv"))
    tabellen.write_kandidaten(
        keten.percelen, csv=tx.path(out / "kandidaten.csv"), xlsx=tx.path(out / "kandidaten.xlsx")
    )


def _write_map(keten: Keten, out: Path, kaart: Path, png: bool, tx: Any) -> None:
    from werkruimte.export.figuren import write_png
    from werkruimte.kaart.png import figuren_per_gemeente

    assert keten.kaart is not None
    keten.kaart.save(str(tx.path(kaart)))
    if png:
        for png_kaart in figuren_per_gemeente(
            keten.regio, keten.percelen, keten.clusters, keten.driedeling
        ):
            write_png(png_kaart.figuur, tx.path(out / "png" / png_kaart.bestand))


#: Layers of schuifruimte.gpkg in the QGIS project: title and geometry, top first.
_SCHUIFRUIMTE_LAGEN = {
    "driedeling_hotspots": ("Driedeling: informele werklocaties", "point"),
    "driedeling_terreinen": ("Driedeling: bedrijventerreinen", "polygon"),
    "clusters": ("Schuifruimte (clusters)", "polygon"),
}


def _write_gis(keten: Keten, out: Path, formaat: str, tx: Any) -> list[Any]:
    """Parcels and schuifruimte layers with their QGIS styles; the project's layers."""
    from werkruimte.export import formaten, qgis
    from werkruimte.schuifruimte import DRIEDELING_LAGEN, write_clusters

    naam = formaten.PERCELEN_BESTANDEN[formaat]
    percelen = tx.path(out / naam)
    formaten.write_percelen(keten.percelen, percelen, formaat=formaat)
    stijl = qgis.qml_score()
    if formaat == "gpkg":
        qgis.write_styles(percelen, {"percelen": stijl})
    laag = "percelen" if formaat == "gpkg" else None
    lagen = [qgis.Laag(naam, laag, "Percelen (score)", "polygon", stijl)]
    if keten.clusters is None:
        return lagen
    gpkg = tx.path(out / "schuifruimte.gpkg")
    write_clusters(keten.clusters, keten.driedeling, gpkg)
    stijlen = {"clusters": qgis.qml_clusters()}
    if keten.driedeling is not None:
        klassen = _klassen(keten.driedeling)
        stijlen[DRIEDELING_LAGEN["Polygon"]] = qgis.qml_klassen(klassen)
        stijlen[DRIEDELING_LAGEN["Point"]] = qgis.qml_klassen(klassen, geometrie="point")
    qgis.write_styles(gpkg, stijlen)
    boven = [
        qgis.Laag("schuifruimte.gpkg", name, titel, geom, stijlen[name])  # type: ignore[arg-type]
        for name, (titel, geom) in _SCHUIFRUIMTE_LAGEN.items()
        if name in stijlen
    ]
    return [*boven, *lagen]


def _write_project(keten: Keten, out: Path, lagen: list[Any], tx: Any) -> None:
    from werkruimte.export import qgis

    x0, y0, x1, y1 = (float(v) for v in keten.percelen.total_bounds)
    qgis.write_project(
        tx.path(out / "werkruimte.qgz"),
        lagen,
        titel=f"werkruimte: {keten.regio.config.regio['naam']}",
        extent=(x0, y0, x1, y1),
    )


def _klassen(driedeling: pd.DataFrame) -> list[str]:
    order = [str(k) for k in driedeling.attrs.get("klassen", [])]
    seen = [str(k) for k in driedeling["klasse"].dropna().unique()]
    return order + [k for k in seen if k not in order]


def schrijf(
    keten: Keten,
    out: str | Path,
    *,
    kaart: str | Path | None = None,
    png: bool = False,
    formaat: str = "gpkg",
) -> list[Path]:
    """Write what :func:`draai` computed, all or nothing, with the run manifest.

    Parameters
    ----------
    keten
        The result of :func:`draai`.
    out
        The output folder: ``percelen_scores.gpkg`` always; ``schuifruimte.gpkg`` once
        clustered; ``driedeling.csv``/``.xlsx``, ``middensegment.csv``,
        ``glasvezelgaten.csv``, ``potentie.gpkg`` and ``kandidaten.csv``/``.xlsx`` once
        classified; the map and ``werkruimte.qgz`` once drawn; ``manifest.json``.
    kaart
        Where the map goes (default ``out/kansenkaart.html``).
    png
        Also a static PNG map per gemeente in ``out/png/``.
    formaat
        Format of the parcel output: ``"gpkg"`` (``percelen_scores.gpkg``, with QGIS
        style), ``"parquet"`` (GeoParquet) or ``"fgb"`` (FlatGeobuf); see
        :mod:`werkruimte.export.formaten`. The GeoPackages are version 1.3 and carry
        QGIS styles; with the map comes ``werkruimte.qgz``, a QGIS project of all
        layers (:mod:`werkruimte.export.qgis`).

    Returns
    -------
    list of pathlib.Path
        Every file written, the manifest last.
    """
    from werkruimte import export

    out = Path(out)
    kaart_pad = Path(kaart) if kaart is not None else out / "kansenkaart.html"
    with export.atomic_outputs(out) as tx:
        lagen = _write_gis(keten, out, formaat, tx)
        if keten.driedeling is not None:
            _write_tables(keten, out, tx)
        if keten.potentie is not None:
            export.write_gpkg(keten.potentie, tx.path(out / "potentie.gpkg"), layer="potentie")
        if keten.kaart is not None:
            _write_map(keten, out, kaart_pad, png, tx)
            _write_project(keten, out, lagen, tx)
        manifest_pad = out / "manifest.json"
        man = export.manifest(
            config=keten.regio.config,
            inputs=_inputs(keten.regio),
            outputs=[*tx.targets, manifest_pad],
            timings=keten.tijden,
            extra=keten.samenvatting(),
            uitvoer_sha256=tx.checksums(),
        )
        export.write_json(man, tx.path(manifest_pad))
        written = [*tx.targets]
    return written
