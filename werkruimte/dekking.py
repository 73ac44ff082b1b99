"""Dekking: which source reaches which parcel, and how sure each criterion's value is.

A planner's own sources rarely cover the same ground: plans cover part of a gemeente,
a GTFS feed covers a province, a glasvezel raster stops at a border, parcels spill
over the regional boundary. This module says, per parcel and per source, whether the
source *reaches* the parcel, so that a criterion without data is *unknown*, never a
silent 0 or a silently dropped hard constraint.

What "reaches" means per source (all vectorised over the parcels):

- ``gemeenten``: the parcel lies in the region (``gemeente != "buiten regio"``, the
  rule of :func:`werkruimte.regio.assign_gemeente`).
- ``bestemmingsplannen``: the share (0..1) of the parcel's area under any plan. The
  plans are dissolved per tile of 2.5 km (overlapping plans count once) and overlaid
  with :func:`werkruimte.indicators.bestemming.overlap_areas`, the overlay of the
  bestemming indicator (slivers under 5 cm along a parcel's edge are ignored).
- ``glasvezel``: the share (0..1) of the parcel's area on raster cells with data. The
  cells with data are turned into polygons and overlaid like the plans. Area-weighted
  rather than the centroid cell, because the indicator itself is area-weighted over
  exact cell fractions: a parcel half on nodata gets a value from its other half, and
  that value is an estimate (``geschat``), which a centroid test cannot tell.
- ``bedrijventerreinen``, ``hotspots``, ``wegen``: the parcel lies within the search
  radius of the data's extent (the convex hull of the features). The radius is the
  distance at which the criterion's value function reaches 0 (``nul`` of a
  ``lineair`` function on ``afstand_bedrijventerrein_m``, ``afstand_hotspot_m``,
  ``afstand_snelweg_m``; the largest over the profiles): beyond it the nearest
  feature no longer adds to the score, within it a feature just outside the data's
  extent could.
- ``gtfs``: the parcel's centroid (PTAL walks from the centroid) lies within the
  feed's stop extent (convex hull of the stops) plus the walking distance (the
  larger of ``max_loopafstand_bus_m`` and ``max_loopafstand_rail_m``).

Status of a value (``gemeten`` / ``geschat`` / ``onbekend``), per source:

- shares (plans, glasvezel): ``gemeten`` when at least :data:`VOLLEDIG` (99 %) of the
  parcel is covered, ``geschat`` when only part of it is (the value comes from that
  part: an uncovered rest counts as "no work bestemming"), ``onbekend`` at 0.
- extents (terrains, hotspots, wegen, gtfs): ``gemeten`` inside the data's extent
  (there the data are taken as complete, so "no terrain within 3 km" is a
  measurement), ``geschat`` in the band of the radius around it (a nearer feature
  may lie just outside the data), ``onbekend`` beyond.
- OV (``ov_index``): as ``gtfs``, and also ``geschat`` where a boarding stop lies
  within walking distance in a straight line while no walking network was given:
  TfL PTAL walks along the network, and the straight line is a lower bound of that
  distance, so the index is an upper estimate. Where no stop lies within reach in a
  straight line, none does along the network either: PTAL 0 is then measured.
- size (``oppervlakte_m2``): ``gemeten`` when the parcel has an area above 0
  (registered or from its geometry), else ``onbekend``.

A source that is not configured, or is empty, reaches no parcel: its coverage is 0
and its criteria are ``onbekend`` everywhere, with the Dutch reason
``"niet opgegeven"`` or ``"leeg"`` instead of ``"bereikt dit perceel niet"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte._kernen import pool
from werkruimte._nl import als_tekst, geheel, getal
from werkruimte.config import Config
from werkruimte.errors import ConfigError
from werkruimte.indicators._aandeel import raster_shares, shares
from werkruimte.indicators.grootte import oppervlakte
from werkruimte.sources._common import RD_NEW, meld_herstel, mend, met_herstel

if TYPE_CHECKING:
    from werkruimte.regio import Regio

__all__ = [
    "BRONNEN",
    "GEMETEN",
    "GESCHAT",
    "KOLOM_BRON",
    "ONBEKEND",
    "ONBEKEND_KEUZES",
    "bron_toestand",
    "criterium_kolommen",
    "dekking_per_bron",
    "dekking_per_perceel",
    "drempels_uit_config",
    "maskeer_onbekend",
    "onbekend_uit_config",
    "options_from_config",
    "reden_onbekend",
    "status_per_criterium",
]

#: The sources whose coverage is measured, in the order tables list them.
BRONNEN = (
    *("gemeenten", "bestemmingsplannen", "bedrijventerreinen", "hotspots"),
    *("gtfs", "glasvezel", "wegen"),
)
#: Dutch labels of the sources (as ``werkruimte validate`` names the layers).
BRON_LABELS = {
    "percelen": "percelen (BRK)",
    "gemeenten": "gemeenten (CBS)",
    "bedrijventerreinen": "bedrijventerreinen (IBIS)",
    "bestemmingsplannen": "bestemmingsplannen (IMRO2012)",
    "hotspots": "informele werklocaties",
    "gtfs": "OV-dienstregeling (GTFS)",
    "glasvezel": "glasvezeldekking (raster)",
    "wegen": "hoofdwegen / afritten",
}

GEMETEN = "gemeten"
GESCHAT = "geschat"
ONBEKEND = "onbekend"
_STATUSSEN = (GEMETEN, GESCHAT, ONBEKEND)

#: What a source is, as a whole (:func:`bron_toestand`).
OPGEGEVEN = "opgegeven"
LEEG = "leeg"
NIET_OPGEGEVEN = "niet opgegeven"
#: Reason of an unknown value where the source has data, but not at this parcel.
BEREIKT_NIET = "bereikt dit perceel niet"

#: Choices of ``[criteria.onbekend]`` for hard constraints and for weights.
ONBEKEND_KEUZES = ("uitsluiten", "telt_als_0", "negeren")

#: Share of a parcel under plans (or raster data) from which its value is measured.
VOLLEDIG = 0.99

#: Which status column (``status_<key>`` of :func:`dekking_per_perceel`) holds the
#: status of each indicator column of :func:`werkruimte.scoring.indicatoren`.
KOLOM_BRON = {
    **dict.fromkeys(("oppervlakte_m2", "grootteklasse"), "percelen"),
    **dict.fromkeys(
        ("bestemming", "bestemming_aandeel", "aandeel_werk", "potentieel", "bestemming_soort"),
        "bestemmingsplannen",
    ),
    **dict.fromkeys(
        ("op_bedrijventerrein", "terrein_id", "terrein_naam", "milieucategorie_max"),
        "bedrijventerreinen",
    ),
    "afstand_bedrijventerrein_m": "bedrijventerreinen",
    **dict.fromkeys(("ov_index", "ov_klasse"), "ov"),
    "afstand_station_m": "gtfs",
    "glasvezel_dekking": "glasvezel",
    "afstand_hotspot_m": "hotspots",
    "afstand_snelweg_m": "wegen",
}
#: The source behind each status key (``ov`` is the GTFS feed with walking).
_STATUS_BRON = {k: k for k in ("percelen", *BRONNEN)} | {"ov": "gtfs"}

#: Radius (m) per distance indicator when no profile's value function uses it.
_STRAAL_STANDAARD = {
    "straal_bedrijventerrein_m": ("afstand_bedrijventerrein_m", 1500.0),
    "straal_hotspot_m": ("afstand_hotspot_m", 2000.0),
    "straal_snelweg_m": ("afstand_snelweg_m", 6000.0),
}


# --------------------------------------------------------------------------- config


def _reach_of(fn: Any) -> float | None:
    """Distance at which a value function on a distance column reaches 0, or None."""
    if not isinstance(fn, Mapping):
        return None
    try:
        kind = fn.get("type")
        if kind == "lineair":
            value = max(float(fn["nul"]), float(fn["een"]))
        elif kind == "drempel":
            value = float(fn["drempel"])
        elif kind == "ideaal":
            value = float(fn["ideaal"]) + float(fn["tolerantie"]) + float(fn["nul"])
        else:
            return None
    except (KeyError, TypeError, ValueError):
        return None
    return value if np.isfinite(value) and value > 0 else None


def options_from_config(config: Config) -> dict[str, float]:
    """Keyword arguments of :func:`dekking_per_perceel` from the configuration.

    Parameters
    ----------
    config
        The validated configuration.

    Returns
    -------
    dict
        ``straal_bedrijventerrein_m``, ``straal_hotspot_m``, ``straal_snelweg_m``: the
        largest distance at which a profile's value function on that distance column
        still gives more than 0 (the built-in default when no profile uses it), and
        ``loopafstand_m``: the larger of ``criteria.ov.max_loopafstand_bus_m`` and
        ``max_loopafstand_rail_m``.

    Raises
    ------
    ConfigError
        When a walking distance is not a number above 0.
    """
    criteria = config.criteria
    profielen = criteria.get("profielen", {})
    out: dict[str, float] = {}
    for option, (kolom, standaard) in _STRAAL_STANDAARD.items():
        found = [
            r
            for prof in profielen.values()
            if isinstance(prof, Mapping)
            for fn in dict(prof.get("waardefuncties", {})).values()
            if isinstance(fn, Mapping)
            and fn.get("kolom") == kolom
            and (r := _reach_of(fn)) is not None
        ]
        out[option] = max(found) if found else standaard
    walks = []
    for key in ("max_loopafstand_bus_m", "max_loopafstand_rail_m"):
        value = criteria.get("ov", {}).get(key, 960.0)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not np.isfinite(float(value)) or float(value) <= 0:
            raise ConfigError(
                f"waarde {value!r} moet een positief getal zijn.",
                path=config.path,
                key=f"criteria.ov.{key}",
                hint="geef een getal groter dan 0.",
            )
        walks.append(float(value))
    out["loopafstand_m"] = max(walks)
    return out


def drempels_uit_config(config: Config) -> dict[str, float]:
    """Keyword arguments ``min_dekking`` and ``min_dekking_fout`` of :func:`dekking_per_bron`.

    Parameters
    ----------
    config
        The validated configuration (``[criteria] min_dekking``, ``min_dekking_fout``).

    Returns
    -------
    dict
        Both thresholds as floats.

    Raises
    ------
    ConfigError
        When a threshold is not a number in 0..1, or ``min_dekking_fout`` exceeds
        ``min_dekking``.
    """
    criteria = config.criteria
    out = {}
    for key, standaard in (("min_dekking", 0.5), ("min_dekking_fout", 0.05)):
        value = criteria.get(key, standaard)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not 0.0 <= float(value) <= 1.0:
            raise ConfigError(
                f"verwacht een aandeel van 0 tot en met 1, gevonden: {value!r}.",
                path=config.path,
                key=f"criteria.{key}",
                hint="bijvoorbeeld min_dekking = 0.5 en min_dekking_fout = 0.05.",
            )
        out[key] = float(value)
    if out["min_dekking_fout"] > out["min_dekking"]:
        raise ConfigError(
            f"min_dekking_fout ({getal(out['min_dekking_fout'], 2)}) is groter dan "
            f"min_dekking ({getal(out['min_dekking'], 2)}).",
            path=config.path,
            key="criteria.min_dekking_fout",
            hint="de foutgrens ligt onder de waarschuwingsgrens, bv. 0.05 en 0.5.",
        )
    return out


def onbekend_uit_config(config: Config) -> dict[str, str]:
    """What an unknown value does, from ``[criteria.onbekend]``.

    Parameters
    ----------
    config
        The validated configuration.

    Returns
    -------
    dict
        ``{"harde_eisen": keuze, "gewichten": keuze}``, each one of
        :data:`ONBEKEND_KEUZES`: ``uitsluiten`` (a hard constraint on an unknown value
        is not met; for weights: the parcel is no candidate), ``telt_als_0`` (the
        partial score is 0, also against a hard constraint's minimum) or ``negeren``
        (the hard constraint does not apply to that parcel; for weights: the criterion
        is left out of that parcel's score and its other weights rescaled).

    Raises
    ------
    ConfigError
        For any other value.
    """
    raw = config.criteria.get("onbekend", {})
    if isinstance(raw, str):
        raw = {"harde_eisen": raw, "gewichten": raw}
    out = {}
    for key, standaard in (("harde_eisen", "uitsluiten"), ("gewichten", "telt_als_0")):
        value = raw.get(key, standaard)
        if value not in ONBEKEND_KEUZES:
            raise ConfigError(
                f"onbekende keuze {value!r}; kies uit {', '.join(ONBEKEND_KEUZES)}.",
                path=config.path,
                key=f"criteria.onbekend.{key}",
                hint=f'bijvoorbeeld {key} = "{standaard}".',
            )
        out[key] = str(value)
    return out


# --------------------------------------------------------------------------- geometry


def _both_shares(geoms: np.ndarray, regio: Regio) -> tuple[np.ndarray, np.ndarray]:
    """Shares under the plans and on raster data, the two overlays side by side.

    Both overlays spend their time in GEOS with the GIL released, so on two cores the
    raster overlay runs in a second thread while this one does the plans.
    """
    plan_geoms = _layer_geoms(regio.bestemmingsplannen)
    raster = regio.glasvezel

    def glas() -> np.ndarray:
        return raster_shares(geoms, raster) if raster is not None else np.zeros(len(geoms))

    def plan() -> np.ndarray:
        return shares(geoms, plan_geoms) if plan_geoms is not None else np.zeros(len(geoms))

    with pool() as threads:
        later = threads.submit(met_herstel, glas)
        (plannen, eigen), (data, daar) = met_herstel(plan), later.result()
    meld_herstel(eigen + daar)  # both done: warned here, in a fixed order
    return plannen, data


def _hull(geoms: np.ndarray) -> Any:
    """Convex hull of all coordinates of ``geoms`` (prepared), or None when there are none."""
    coords = shapely.get_coordinates(geoms)
    if not len(coords):
        return None
    hull = shapely.convex_hull(shapely.multipoints(coords))
    shapely.prepare(hull)
    return hull


def _extent_codes(geoms: np.ndarray, targets: np.ndarray | None, straal: float) -> np.ndarray:
    """0 (gemeten) inside the targets' hull, 1 (geschat) within ``straal`` of it, 2 beyond."""
    codes = np.full(len(geoms), 2, dtype=np.int8)
    hull = None if targets is None else _hull(targets)
    if hull is None or not len(geoms):
        return codes
    # A parcel with its first vertex in the hull meets it: a point test, far cheaper
    # than the polygon tests, which only the other parcels need.
    xy, owner = shapely.get_coordinates(geoms, return_index=True)
    owner, first = np.unique(owner, return_index=True)
    codes[owner[shapely.intersects_xy(hull, xy[first, 0], xy[first, 1])]] = 0
    rest = np.flatnonzero(codes == 2)
    near = rest[np.asarray(shapely.dwithin(geoms[rest], hull, straal), dtype=bool)]
    codes[near] = 1
    codes[near[np.asarray(shapely.intersects(geoms[near], hull), dtype=bool)]] = 0
    return codes


def _share_codes(share: np.ndarray) -> np.ndarray:
    return np.where(share >= VOLLEDIG, 0, np.where(share > 0, 1, 2)).astype(np.int8)


def _status(codes: np.ndarray, index: pd.Index) -> pd.Series:
    """``gemeten`` / ``geschat`` / ``onbekend`` per code 0 / 1 / 2 as a categorical Series.

    A category per parcel is one byte where text is some twenty: nine status columns
    over a million parcels stay under 10 MB. The ``bron_*`` columns of the scored
    parcels are text again (:func:`status_per_criterium`).
    """
    return pd.Series(
        pd.Categorical.from_codes(
            np.asarray(codes, dtype=np.int8), categories=pd.Index(_STATUSSEN)
        ),
        index=index,
    )


def _layer_geoms(layer: Any) -> np.ndarray | None:
    if layer is None or not len(layer):
        return None
    geoms = np.asarray(layer.geometry.to_numpy(), dtype=object)
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    return geoms if len(geoms) else None


# --------------------------------------------------------------------------- per parcel


def _in_rd(percelen: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if percelen.crs is None or percelen.crs.equals(RD_NEW):
        return percelen
    mend(f"dekking: {len(percelen)} percelen omgezet naar RD New (EPSG:28992).")
    return percelen.to_crs(RD_NEW)


def _ov_codes(regio: Regio, centroids: np.ndarray, loopafstand_m: float) -> np.ndarray:
    """Status codes of the GTFS feed (extent) and of PTAL (straight-line walking)."""
    feed = regio.ov
    stops = None if feed is None else _layer_geoms(feed.stops)
    gtfs = _extent_codes(centroids, stops, loopafstand_m)
    ov = gtfs.copy()
    if stops is not None and regio.loopnetwerk is None:
        s = feed.stops
        boarding = (s["location_type"].fillna(0).to_numpy() == 0) & s.geometry.notna().to_numpy()
        # The distinct stops first: isin would turn every departure into a Python str.
        boarding &= s["stop_id"].isin(feed.departures["stop_id"].unique()).to_numpy()
        pts = np.asarray(s.geometry.to_numpy(), dtype=object)[boarding]
        if len(pts):
            hit, _ = shapely.STRtree(pts).query(
                centroids, predicate="dwithin", distance=loopafstand_m
            )
            walk = np.zeros(len(centroids), dtype=bool)
            walk[hit] = True
            ov[walk & (ov == 0)] = 1
    return np.stack([gtfs, ov])


def dekking_per_perceel(
    regio: Regio,
    percelen: gpd.GeoDataFrame | None = None,
    *,
    straal_bedrijventerrein_m: float | None = None,
    straal_hotspot_m: float | None = None,
    straal_snelweg_m: float | None = None,
    loopafstand_m: float | None = None,
) -> pd.DataFrame:
    """Per parcel, whether each source reaches it, and the status of what it measures.

    See the module docstring for the rule per source.

    Parameters
    ----------
    regio
        The loaded region (its layers; its config for the radii left at None).
    percelen
        The parcels to assess (e.g. the scored frame); default ``regio.percelen``.
        Uses ``gemeente`` when present, else assigns it from ``regio.gemeenten``.
    straal_bedrijventerrein_m, straal_hotspot_m, straal_snelweg_m
        Search radius (m) around the extent of terrains, hotspots and roads; None
        takes :func:`options_from_config` of ``regio.config``.
    loopafstand_m
        Walking distance (m) around the feed's stops; None from the config.

    Returns
    -------
    pandas.DataFrame
        On the parcels' index. Coverage: ``gemeenten``, ``bedrijventerreinen``,
        ``hotspots``, ``gtfs``, ``wegen`` (bool) and ``bestemmingsplannen``,
        ``glasvezel`` (float share 0..1 of the parcel's area). Status (categorical:
        ``gemeten`` / ``geschat`` / ``onbekend``): ``status_percelen``,
        ``status_gemeenten``, ``status_bestemmingsplannen``,
        ``status_bedrijventerreinen``, ``status_hotspots``, ``status_gtfs``
        (extent, for the station distance), ``status_ov`` (PTAL, with the
        walking rule), ``status_glasvezel``, ``status_wegen``.
    """
    p = _in_rd(regio.percelen if percelen is None else percelen)
    opts = options_from_config(regio.config)
    given = dict(
        straal_bedrijventerrein_m=straal_bedrijventerrein_m,
        straal_hotspot_m=straal_hotspot_m,
        straal_snelweg_m=straal_snelweg_m,
        loopafstand_m=loopafstand_m,
    )
    opts |= {k: float(v) for k, v in given.items() if v is not None}
    geoms = np.asarray(p.geometry.to_numpy(), dtype=object)
    if "gemeente" in p.columns:
        gemeente = p["gemeente"].astype("string")
    else:
        from werkruimte.regio import assign_gemeente

        gemeente = assign_gemeente(p, regio.gemeenten)["gemeente"]
    in_regio = (gemeente.notna() & (gemeente != "buiten regio")).to_numpy(dtype=bool)
    plannen, glas = _both_shares(geoms, regio)
    codes = {
        "percelen": np.where(oppervlakte(p).to_numpy() > 0, 0, 2).astype(np.int8),
        "gemeenten": np.where(in_regio, 0, 2).astype(np.int8),
        "bestemmingsplannen": _share_codes(plannen),
        "bedrijventerreinen": _extent_codes(
            geoms, _layer_geoms(regio.bedrijventerreinen), opts["straal_bedrijventerrein_m"]
        ),
        "hotspots": _extent_codes(geoms, _layer_geoms(regio.hotspots), opts["straal_hotspot_m"]),
        "glasvezel": _share_codes(glas),
        "wegen": _extent_codes(geoms, _layer_geoms(regio.wegen), opts["straal_snelweg_m"]),
    }
    codes["gtfs"], codes["ov"] = _ov_codes(regio, shapely.centroid(geoms), opts["loopafstand_m"])
    out = pd.DataFrame(index=p.index)
    for bron in BRONNEN:
        if bron in ("bestemmingsplannen", "glasvezel"):
            out[bron] = plannen if bron == "bestemmingsplannen" else glas
        else:
            out[bron] = codes[bron] < 2
    for key in ("percelen", *BRONNEN[:5], "ov", *BRONNEN[5:]):
        out[f"status_{key}"] = _status(codes[key], p.index)
    return out


# --------------------------------------------------------------------------- per source


def _has_data(regio: Regio, bron: str) -> bool:
    if bron == "gtfs":
        return regio.ov is not None and _layer_geoms(regio.ov.stops) is not None
    if bron == "glasvezel":
        r = regio.glasvezel
        return r is not None and bool(np.isfinite(np.asarray(r.waarden, dtype="float64")).any())
    return _layer_geoms(getattr(regio, bron)) is not None


def bron_toestand(regio: Regio) -> dict[str, str]:
    """Per source whether it is ``opgegeven`` (with data), ``leeg`` or ``niet opgegeven``.

    Parameters
    ----------
    regio
        The loaded region.

    Returns
    -------
    dict
        ``{bron: toestand}`` for every source of :data:`BRONNEN`. ``leeg`` is a source
        named in ``[bronnen]`` that holds no usable feature; ``niet opgegeven`` one left
        empty in the config.
    """
    out = {}
    for bron in BRONNEN:
        if _has_data(regio, bron):
            out[bron] = OPGEGEVEN
        else:
            out[bron] = LEEG if regio.config.bron(bron) is not None else NIET_OPGEGEVEN
    return out


def criterium_kolommen(config: Config | Mapping[str, str]) -> dict[str, str]:
    """Criterion -> indicator column, from the profiles' value functions.

    Parameters
    ----------
    config
        The configuration, or a ready mapping (returned as a dict).

    Returns
    -------
    dict
        In the order criteria first appear over the profiles; when profiles use
        different columns for one criterion, the first counts.
    """
    if not isinstance(config, Config):
        return dict(config)
    out: dict[str, str] = {}
    for prof in config.criteria.get("profielen", {}).values():
        for crit, fn in dict(prof.get("waardefuncties", {})).items():
            if isinstance(fn, Mapping) and isinstance(fn.get("kolom"), str):
                out.setdefault(crit, fn["kolom"])
    return out


def _used_sources(config: Config) -> set[str]:
    return {
        _STATUS_BRON[KOLOM_BRON[k]] for k in criterium_kolommen(config).values() if k in KOLOM_BRON
    }


def dekking_per_bron(
    regio: Regio,
    dekking: pd.DataFrame | None = None,
    *,
    percelen: gpd.GeoDataFrame | None = None,
    min_dekking: float | None = None,
    min_dekking_fout: float | None = None,
) -> pd.DataFrame:
    """Per source the share of parcels (and of their area) it reaches, with a verdict.

    Parameters
    ----------
    regio
        The loaded region.
    dekking
        Output of :func:`dekking_per_perceel`; computed when None.
    percelen
        The parcels of ``dekking`` (for their areas); default ``regio.percelen``.
    min_dekking, min_dekking_fout
        Below ``min_dekking`` of the parcels a source is a ``waarschuwing``, below
        ``min_dekking_fout`` a ``fout``; None takes :func:`drempels_uit_config`.

    Returns
    -------
    pandas.DataFrame
        Index ``bron`` (:data:`BRONNEN`), columns ``laag`` (Dutch label),
        ``toestand`` (``opgegeven`` / ``leeg`` / ``niet opgegeven``), ``percelen``
        (parcels reached: any part under a plan or on raster data), ``aandeel_percelen``
        (that over all parcels), ``aandeel_oppervlakte`` (share of the parcels' total
        area reached; shares weigh by area), ``status`` (``ok`` / ``waarschuwing`` /
        ``fout``) and ``melding`` (Dutch). A source that is not configured is a
        ``waarschuwing`` when a criterion of a profile uses it (its criteria are
        unknown everywhere), else ``ok``; it is never a ``fout``.
    """
    p = regio.percelen if percelen is None else percelen
    d = dekking_per_perceel(regio, p) if dekking is None else dekking
    drempels = drempels_uit_config(regio.config)
    low = drempels["min_dekking"] if min_dekking is None else float(min_dekking)
    fout = drempels["min_dekking_fout"] if min_dekking_fout is None else float(min_dekking_fout)
    area = np.nan_to_num(np.asarray(shapely.area(p.geometry.to_numpy()), dtype="float64"))
    toestand = bron_toestand(regio)
    used = _used_sources(regio.config) | {"gemeenten"}
    rows = []
    n = len(d)
    for bron in BRONNEN:
        value = d[bron].to_numpy(dtype="float64")
        reached = int(np.count_nonzero(value > 0))
        share = reached / n if n else float("nan")
        share_area = float((value * area).sum() / area.sum()) if area.sum() > 0 else float("nan")
        label = BRON_LABELS[bron]
        text = f"{label}: bereikt {geheel(reached)} van {geheel(n)} percelen ({procent(share)})"
        if toestand[bron] == NIET_OPGEGEVEN:
            status = "waarschuwing" if bron in used else "ok"
            text = f"{label}: niet opgegeven" + (
                "; de criteria die erop steunen zijn bij elk perceel onbekend"
                if bron in used
                else " (geen criterium gebruikt deze bron)"
            )
        elif n and share < fout:
            status = "fout"
            text += (
                f", minder dan de foutgrens van {procent(fout)}: controleer of de bron "
                "hetzelfde gebied beslaat als de percelen, of verlaag [criteria] "
                "min_dekking_fout"
            )
        elif n and share < low:
            status = "waarschuwing"
            text += f", minder dan {procent(low)} ([criteria] min_dekking)"
        else:
            status = "ok"
        rows.append((bron, label, toestand[bron], reached, share, share_area, status, text + "."))
    cols = ["bron", "laag", "toestand", "percelen", "aandeel_percelen", "aandeel_oppervlakte"]
    return pd.DataFrame(rows, columns=[*cols, "status", "melding"]).set_index("bron")


def procent(share: float) -> str:
    """A share as a Dutch whole percentage (``0.375`` is ``"38%"``; NaN is ``"–"``)."""
    return "–" if not np.isfinite(share) else f"{getal(100 * share, 0)}%"


# --------------------------------------------------------------------------- per criterion


def status_per_criterium(dekking: pd.DataFrame, config: Config | Mapping[str, str]) -> pd.DataFrame:
    """Per criterion whether each parcel's value is ``gemeten``, ``geschat`` or ``onbekend``.

    Parameters
    ----------
    dekking
        Output of :func:`dekking_per_perceel`.
    config
        The configuration (criteria and their indicator columns are read from the
        profiles' value functions), or a mapping criterion -> indicator column.

    Returns
    -------
    pandas.DataFrame
        On ``dekking``'s index, one string column ``bron_<criterium>`` per criterion
        (``bron_grootte``, ``bron_bestemming``, ``bron_bedrijventerrein``,
        ``bron_ov``, ``bron_glasvezel``, ``bron_auto``, ``bron_hotspot``,
        ``bron_station`` for the default profiles). A criterion on a column whose
        source is not known here (:data:`KOLOM_BRON`) is NA.
    """
    out = pd.DataFrame(index=dekking.index)
    for crit, kolom in criterium_kolommen(config).items():
        key = KOLOM_BRON.get(kolom)
        if key is None:
            out[f"bron_{crit}"] = pd.Series(pd.NA, index=dekking.index, dtype="string")
        else:
            out[f"bron_{crit}"] = als_tekst(dekking[f"status_{key}"])
    return out


def reden_onbekend(
    dekking: pd.DataFrame, toestand: Mapping[str, str], config: Config | Mapping[str, str]
) -> pd.DataFrame:
    """Per criterion the Dutch reason where a parcel's value is unknown (for the uitleg).

    Parameters
    ----------
    dekking
        Output of :func:`dekking_per_perceel`.
    toestand
        Output of :func:`bron_toestand`.
    config
        As for :func:`status_per_criterium`.

    Returns
    -------
    pandas.DataFrame
        On ``dekking``'s index, one string column per criterion (named as the
        criterion): e.g. ``"bestemmingsplannen (IMRO2012): niet opgegeven"`` or
        ``"OV-dienstregeling (GTFS): bereikt dit perceel niet"`` where the status is
        ``onbekend``, NA elsewhere.
    """
    out = pd.DataFrame(index=dekking.index)
    for crit, kolom in criterium_kolommen(config).items():
        key = KOLOM_BRON.get(kolom)
        reason = pd.Series(pd.NA, index=dekking.index, dtype="string")
        if key is not None:
            bron = _STATUS_BRON[key]
            why = toestand.get(bron, OPGEGEVEN)
            if bron == "percelen":
                text = f"{BRON_LABELS[bron]}: geen oppervlakte"
            else:
                text = f"{BRON_LABELS[bron]}: {BEREIKT_NIET if why == OPGEGEVEN else why}"
            unknown = (dekking[f"status_{key}"] == ONBEKEND).to_numpy(dtype=bool)
            reason = reason.mask(unknown, text)
        out[crit] = reason
    return out


def maskeer_onbekend(indicatoren: pd.DataFrame, dekking: pd.DataFrame) -> pd.DataFrame:
    """The indicators with every value whose source does not reach the parcel set to NA.

    A GTFS feed of another region gives PTAL 0 (no stop within reach) to every parcel,
    and terrains far away give a long distance: values that look measured. Masked, the
    scoring sees them as unknown and applies ``[criteria.onbekend]``.

    Parameters
    ----------
    indicatoren
        Output of :func:`werkruimte.scoring.indicatoren` (any frame with indicator
        columns of :data:`KOLOM_BRON`).
    dekking
        Output of :func:`dekking_per_perceel` on the same index.

    Returns
    -------
    pandas.DataFrame
        A new frame of the same type; the input is not changed. Bool columns
        (``op_bedrijventerrein``, ``potentieel``) become nullable ``boolean``.
    """
    out = indicatoren.copy(deep=False)  # columns are replaced, never changed in place
    for kolom, key in KOLOM_BRON.items():
        if kolom not in out.columns:
            continue
        unknown = (dekking[f"status_{key}"] == ONBEKEND).to_numpy(dtype=bool)
        if not unknown.any():
            continue
        col = out[kolom]
        if pd.api.types.is_bool_dtype(col) and not isinstance(col.dtype, pd.BooleanDtype):
            col = col.astype("boolean")
        out[kolom] = col.mask(unknown)
    return out
