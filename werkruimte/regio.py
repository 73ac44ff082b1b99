"""The Regio bundle: every source layer of a region, validated, in RD New."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import copy_context
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte.config import Config, demo_config_path, load_config
from werkruimte.errors import InputError

__all__ = ["Laaginfo", "Regio", "load_demo", "load_regio"]

log = logging.getLogger(__name__)

#: Dutch labels of the layers, in the order `validate` lists them.
LAYER_LABELS = {
    "percelen": "percelen (BRK)",
    "gemeenten": "gemeenten (CBS)",
    "bedrijventerreinen": "bedrijventerreinen (IBIS)",
    "bestemmingsplannen": "bestemmingsplannen (IMRO2012)",
    "hotspots": "informele werklocaties",
    "gtfs": "OV-dienstregeling (GTFS)",
    "glasvezel": "glasvezeldekking (raster)",
    "wegen": "hoofdwegen / afritten",
    "loopnetwerk": "loopnetwerk (OSM)",
}


@dataclass
class Laaginfo:
    """What was loaded for one layer: for `werkruimte validate` and the manifest."""

    naam: str
    pad: Path | None
    rijen: int | None
    crs: str | None
    hersteld: list[str] = field(default_factory=list)


@dataclass
class Regio:
    """All layers of a region, validated and in EPSG:28992.

    Attributes
    ----------
    config
        The validated configuration.
    percelen
        BRK parcels: ``perceel_id``, ``kadastrale_grootte_m2``, ``kadastrale_gemeente``,
        ``sectie``, ``perceelnummer``, ``gemeente``, geometry. Input order.
    gemeenten
        ``gemeente``, ``gemeentecode``, geometry.
    bedrijventerreinen
        IBIS terrains: ``terrein_id``, ``naam``, ``ha_bruto``, ``ha_netto``,
        ``ha_uitgeefbaar``, ``milieucategorie_max``, ``gemeente``, geometry.
    bestemmingsplannen
        IMRO2012 enkelbestemmingen: ``bestemmingshoofdgroep``, ``naam``, ``plan_id``,
        geometry.
    plan_lagen
        The other IMRO2012 layers of the same source, per feature type
        (``Bestemmingsplangebied`` with ``planstatus`` and ``datum``,
        ``Dubbelbestemming``, ``Functieaanduiding``, ``Bouwvlak``, ``Maatvoering``,
        ``Bouwaanduiding``, ``Gebiedsaanduiding``, ``Figuur``; see
        :mod:`werkruimte.sources.imro`); empty when no plans are configured.
    hotspots
        Informal werklocaties: ``hotspot_id``, ``naam``, ``type``, ``oppervlakte_m2``,
        ``leegstand_m2``, ``grootteklasse``, ``doelgroep``, ``gemeente``, point geometry.
    ov
        The GTFS feed (:class:`werkruimte.sources.gtfs.OVFeed`) or None.
    glasvezel
        The coverage raster (:class:`werkruimte.sources.glasvezel.Dekkingsraster`) or None.
    wegen
        Motorway junctions (points, ``naam``) or None.
    loopnetwerk
        A projected osmnx walking graph or None.
    lagen
        Per layer what was loaded and mended.
    """

    config: Config
    percelen: gpd.GeoDataFrame
    gemeenten: gpd.GeoDataFrame
    bedrijventerreinen: gpd.GeoDataFrame
    bestemmingsplannen: gpd.GeoDataFrame
    hotspots: gpd.GeoDataFrame
    ov: Any = None
    glasvezel: Any = None
    wegen: gpd.GeoDataFrame | None = None
    loopnetwerk: Any = None
    lagen: dict[str, Laaginfo] = field(default_factory=dict)
    plan_lagen: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)

    @property
    def fictief(self) -> bool:
        """True for the demo region (fictitious content)."""
        return self.config.fictief

    def __repr__(self) -> str:
        parts = [f"{k}={v.rijen}" for k, v in self.lagen.items() if v.rijen is not None]
        return f"Regio({self.config.regio['naam']!r}, {', '.join(parts)})"


def _info(
    name: str,
    path: Path | None,
    geladen: tuple[Any, list[str]],
    count: Callable[[Any], int | None],
    crs: Callable[[Any], str | None],
) -> Laaginfo:
    result, mended = geladen
    return Laaginfo(
        naam=LAYER_LABELS[name],
        pad=path,
        rijen=None if result is None else count(result),
        crs=None if result is None else crs(result),
        hersteld=mended,
    )


def _record(
    lagen: dict[str, Laaginfo],
    name: str,
    path: Path | None,
    loader: Callable[[], Any],
    count: Callable[[Any], int | None],
    crs: Callable[[Any], str | None],
) -> Any:
    from werkruimte.sources._common import met_herstel

    geladen = met_herstel(loader)
    lagen[name] = _info(name, path, geladen, count, crs)
    return geladen[0]


def _gdf_crs(gdf: gpd.GeoDataFrame) -> str | None:
    return None if gdf.crs is None else str(gdf.crs.to_string())


def load_regio(config: str | Path | Config) -> Regio:
    """Load every source named in a werkruimte.toml into a :class:`Regio`.

    Parameters
    ----------
    config
        Path of a werkruimte.toml, or an already loaded :class:`Config`.

    Returns
    -------
    Regio
        All layers in EPSG:28992; parcels carry their ``gemeente``.

    Raises
    ------
    ConfigError, InputError
        With a Dutch message naming the file, layer, column or row.
    """
    from werkruimte._kernen import pool
    from werkruimte.sources import bedrijventerreinen, bestemmingsplannen, hotspots
    from werkruimte.sources._common import meld_herstel, met_limieten

    cfg = config if isinstance(config, Config) else load_config(config)
    meldingen: list[str] = []
    try:
        with met_limieten(cfg.data.get("limieten", {})):
            with pool(werkers=1) as threads:
                lagen, loaded = _load_all(cfg, threads, meldingen)
            meld_herstel(meldingen)  # every loader is done: warn in order, on this thread
            meldingen.clear()
            percelen, gem = loaded.pop("percelen"), loaded.pop("gemeenten")
            terreinen = loaded.get("bedrijventerreinen")
            plannen = loaded.get("bestemmingsplannen")
            spots = loaded.get("hotspots")
            return Regio(
                config=cfg,
                percelen=assign_gemeente(percelen, gem),
                gemeenten=gem,
                bedrijventerreinen=(
                    bedrijventerreinen.empty_frame()
                    if terreinen is None
                    else assign_gemeente(terreinen, gem)
                ),
                bestemmingsplannen=(
                    bestemmingsplannen.empty_frame() if plannen is None else plannen.enkelbestemming
                ),
                plan_lagen={} if plannen is None else plannen.lagen,
                hotspots=hotspots.empty_frame() if spots is None else assign_gemeente(spots, gem),
                ov=loaded.get("gtfs"),
                glasvezel=loaded.get("glasvezel"),
                wegen=loaded.get("wegen"),
                loopnetwerk=loaded.get("loopnetwerk"),
                lagen=lagen,
            )
    finally:
        # After an error: what the sources before it repaired, once no loader runs.
        meld_herstel(meldingen)


def _load_all(
    cfg: Config, threads: Any, meldingen: list[str]
) -> tuple[dict[str, Laaginfo], dict[str, Any]]:
    """Every source: the layer information and what each loader gave.

    The optional sources load one after the other on a second core (``threads``)
    while this thread reads the parcels (GDAL, GEOS and the CSV parser release the
    GIL). Results and errors are taken in the order of :data:`LAYER_LABELS`, the
    parcels first; the repairs are collected per source into ``meldingen`` in that
    order.
    """
    from werkruimte.sources._common import met_herstel

    optional = _optional_loaders(cfg)
    given = {name: path for name in optional if (path := cfg.bron(name)) is not None}
    later = {
        name: threads.submit(copy_context().run, met_herstel, partial(optional[name][0], path))
        for name, path in given.items()
    }
    lagen: dict[str, Laaginfo] = {}
    try:
        return lagen, _collect(cfg, lagen, optional, given, later, meldingen)
    except BaseException:
        for future in later.values():
            future.cancel()
        raise


def _collect(
    cfg: Config,
    lagen: dict[str, Laaginfo],
    optional: dict[str, _Lader],
    given: dict[str, Path],
    later: dict[str, Any],
    meldingen: list[str],
) -> dict[str, Any]:
    """The parcels loaded here, then the optional sources' results in order."""
    percelen, gem = _load_required(cfg, lagen)
    meldingen += [m for info in lagen.values() for m in info.hersteld]
    loaded: dict[str, Any] = {"percelen": percelen, "gemeenten": gem}
    for name, (_, count, crsf) in optional.items():
        path = given.get(name)
        if path is None:
            if name == "loopnetwerk":  # not a criterion of its own: not listed
                continue
            lagen[name] = Laaginfo(
                naam=LAYER_LABELS[name],
                pad=None,
                rijen=None,
                crs=None,
                hersteld=["niet opgegeven: de criteria die erop steunen zijn onbekend"],
            )
            continue
        geladen = later[name].result()
        lagen[name] = _info(name, path, geladen, count, crsf)
        meldingen += geladen[1]
        loaded[name] = geladen[0]
    return loaded


def _load_required(
    cfg: Config, lagen: dict[str, Laaginfo]
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The parcels and the gemeenten, recorded in ``lagen``; the parcels are required."""
    from werkruimte.sources import gemeenten, kadaster

    crs = cfg.crs
    p = cfg.bron("percelen")
    if p is None:
        raise InputError(
            "geen percelen opgegeven.",
            path=cfg.path,
            hint='zet percelen = "pad/naar/percelen.gpkg" onder [bronnen].',
        )
    percelen = _record(
        lagen,
        "percelen",
        p,
        lambda: kadaster.load_percelen(p, layer=cfg.bron_laag("percelen"), assume_crs=crs),
        len,
        _gdf_crs,
    )
    pg = cfg.bron("gemeenten")
    gem = _record(
        lagen,
        "gemeenten",
        pg,
        lambda: gemeenten.load_gemeenten(pg, assume_crs=crs),
        len,
        _gdf_crs,
    )
    return percelen, gem


#: How to load one optional source: the loader (given the path), the number of rows
#: (or cells, edges) for the manifest, and the CRS of the source.
_Lader = tuple[Callable[[Path], Any], Callable[[Any], int | None], Callable[[Any], str | None]]


def _optional_loaders(cfg: Config) -> dict[str, _Lader]:
    """The optional sources in loading order, each with its loader."""
    from werkruimte.sources import (
        bedrijventerreinen,
        bestemmingsplannen,
        glasvezel,
        gtfs,
        hotspots,
        loopnetwerk,
        wegen,
    )

    crs = cfg.crs
    return {
        "bedrijventerreinen": (
            lambda q: bedrijventerreinen.load_bedrijventerreinen(
                q, layer=cfg.bron_laag("bedrijventerreinen"), assume_crs=crs
            ),
            len,
            _gdf_crs,
        ),
        "bestemmingsplannen": (
            lambda q: bestemmingsplannen.load_plannen(
                q, layer=cfg.bron_laag("bestemmingsplannen"), assume_crs=crs
            ),
            lambda b: len(b.enkelbestemming),
            lambda b: _gdf_crs(b.enkelbestemming),
        ),
        "hotspots": (lambda q: hotspots.load_hotspots(q, assume_crs=crs), len, _gdf_crs),
        "gtfs": (gtfs.load_gtfs, lambda f: len(f.stops), lambda f: "EPSG:28992"),
        "glasvezel": (
            lambda q: glasvezel.load_glasvezel(
                q, eenheid=cfg.criteria["glasvezel"]["eenheid"], assume_crs=crs
            ),
            lambda r: r.width * r.height,
            lambda r: str(r.crs_bron),
        ),
        "wegen": (lambda q: wegen.load_wegen(q, assume_crs=crs), len, _gdf_crs),
        "loopnetwerk": (
            loopnetwerk.load_loopnetwerk,
            lambda g: g.number_of_edges(),
            lambda g: "EPSG:28992",
        ),
    }


def load_demo() -> Regio:
    """Load the embedded demo region (real CBS boundaries, fictitious content).

    Returns
    -------
    Regio
    """
    return load_regio(demo_config_path())


def assign_gemeente(gdf: gpd.GeoDataFrame, gemeenten: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return a copy of ``gdf`` with a ``gemeente`` column from the boundaries.

    Each feature gets the gemeente that contains its representative point; features
    outside every gemeente get the nearest one within 250 m, else ``"buiten regio"``.
    One vectorised point-in-polygon test per gemeente (a prepared private copy of its
    boundary): a handful of gemeenten against many parcels.
    """
    pts = shapely.point_on_surface(gdf.geometry.to_numpy())
    names = np.full(len(gdf), "buiten regio", dtype=object)
    if len(gemeenten):
        x, y = shapely.get_x(pts), shapely.get_y(pts)
        todo = np.ones(len(gdf), dtype=bool)
        grenzen = gemeenten.geometry.to_numpy()
        for naam, grens in zip(gemeenten["gemeente"].to_numpy(), grenzen, strict=True):
            if grens is None or grens.is_empty:
                continue
            grens = shapely.from_wkb(shapely.to_wkb(grens))  # never prepare the caller's
            shapely.prepare(grens)
            pos = np.flatnonzero(todo)
            # Interior only, as "within": on a shared border the first gemeente wins.
            hit = pos[shapely.contains_xy(grens, x[pos], y[pos])]
            names[hit] = naam
            todo[hit] = False
        missing = np.flatnonzero(todo)
        if len(missing):
            tree = shapely.STRtree(grenzen)
            src2, dst2 = tree.query_nearest(pts[missing], max_distance=250.0, all_matches=False)
            names[missing[src2]] = gemeenten["gemeente"].to_numpy()[dst2]
    out = gdf.copy()
    out["gemeente"] = pd.Series(names, index=gdf.index, dtype="string")
    return out
