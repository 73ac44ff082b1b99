"""Werklocaties with their indicators: the table the driedeling rules work on.

A werklocatie is either formal, a bedrijventerrein from IBIS (``soort`` ``formeel``,
the terrain polygon), or informal, a hotspot (``soort`` ``informeel``, a point).
:func:`werklocatie_indicatoren` gives each one the indicators the rules of
:mod:`werkruimte.regels` can use, vectorised over all werklocaties:

- a terrain takes them from its polygon (IBIS attributes, the share of werkbestemming,
  the glasvezel raster) and from its member parcels (the scored parcels whose
  ``terrein_id`` is the terrain);
- a hotspot takes them from the parcel it stands on (:func:`perceel_bij_punt`, the
  nearest parcel within :data:`HOTSPOT_PERCEEL_MAX_M`) and from its own attributes
  (``leegstand_m2``, ``oppervlakte_m2``, ``type``).

Both measure the share of homes (bestemming :data:`WONEN`) in a zone of
``criteria.driedeling.woningen_afstand_m`` around them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte._gescoord import check_gescoord
from werkruimte.indicators.ov import ptal_klasse
from werkruimte.sources._common import RD_NEW, mend, to_number

if TYPE_CHECKING:
    from werkruimte.regio import Regio

__all__ = [
    "HOTSPOT_PERCEEL_MAX_M",
    "VEREIST_PERCELEN",
    "WONEN",
    "perceel_bij_punt",
    "werklocatie_indicatoren",
]

#: IMRO2012 hoofdgroepen that count as homes for ``woningen_binnen_m``.
WONEN = ("wonen", "woongebied")
#: A hotspot takes parcel indicators from the nearest parcel within this distance (m).
HOTSPOT_PERCEEL_MAX_M = 50.0
#: A hotspot without a parcel underneath takes glasvezel from the raster in a circle
#: of this radius (m).
_HOTSPOT_STRAAL_M = 25.0

#: Columns of the scored parcels that :func:`werklocatie_indicatoren` reads.
VEREIST_PERCELEN = (
    "oppervlakte_m2",
    "ov_index",
    "glasvezel_dekking",
    "aandeel_werk",
    "kandidaat",
    "terrein_id",
)


def perceel_bij_punt(
    punten: np.ndarray, percelen: gpd.GeoDataFrame, *, max_m: float = HOTSPOT_PERCEEL_MAX_M
) -> np.ndarray:
    """The parcel each point stands on: the nearest parcel within ``max_m``.

    Parameters
    ----------
    punten
        Point geometries (shapely array, same CRS as ``percelen``); missing or empty
        points find no parcel.
    percelen
        The parcels.
    max_m
        Largest distance to the parcel (0 inside it).

    Returns
    -------
    numpy.ndarray
        Per point the position (``iloc``) of its parcel in ``percelen``, -1 where no
        parcel lies within ``max_m``; on a tie the first parcel.
    """
    n = len(punten)
    out = np.full(n, -1, dtype=np.int64)
    present = ~(shapely.is_missing(punten) | shapely.is_empty(punten))
    if n and len(percelen) and present.any():
        tree = shapely.STRtree(percelen.geometry.to_numpy())
        src, dst = tree.query_nearest(punten[present], max_distance=max_m, all_matches=False)
        out[np.flatnonzero(present)[src]] = dst
    return out


# ---------------------------------------------------------------------------
# Indicators per werklocatie
# ---------------------------------------------------------------------------


def _weighted_mean(pos: np.ndarray, values: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """Mean of ``values`` per group ``pos`` (0..n-1) weighted by ``weights``, NaN-aware."""
    ok = (pos >= 0) & ~np.isnan(values) & ~np.isnan(weights) & (weights > 0)
    num = np.bincount(pos[ok], weights=values[ok] * weights[ok], minlength=n)
    den = np.bincount(pos[ok], weights=weights[ok], minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def _aandeel_bestemming(
    zones: np.ndarray, plannen: gpd.GeoDataFrame, doel: Iterable[str]
) -> np.ndarray:
    """Share of each zone with a hoofdgroep in ``doel``; NaN where no plan covers it."""
    from werkruimte.indicators.bestemming import group_shares

    n = len(zones)
    out = np.full(n, np.nan)
    if not n or not len(plannen) or "bestemmingshoofdgroep" not in plannen.columns:
        return out
    groep = plannen["bestemmingshoofdgroep"].astype("string").str.strip().str.lower()
    doel_set = [str(d).strip().lower() for d in doel]
    codes = np.where(
        groep.isna().to_numpy(), -1, groep.isin(doel_set).to_numpy(dtype=bool, na_value=False)
    ).astype(np.int64)
    p, c, share = group_shares(zones, plannen.geometry.to_numpy(), codes)
    covered = np.bincount(p, weights=share, minlength=n)
    hit = np.bincount(p, weights=share * (c == 1), minlength=n)
    return np.where(covered > 0, np.clip(hit, 0.0, 1.0), np.nan)


def _match(layer: gpd.GeoDataFrame, crs: Any, what: str) -> gpd.GeoDataFrame:
    from werkruimte.indicators.afstand import match_crs

    ref = gpd.GeoDataFrame(geometry=[], crs=crs)
    out = match_crs(layer, ref, what=what)
    assert isinstance(out, gpd.GeoDataFrame)
    return out


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column in frame.columns:
        return frame[column].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _number(frame: pd.DataFrame, column: str, layer: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return to_number(frame[column], column=column, layer=layer).to_numpy(
        dtype="float64", na_value=np.nan
    )


def _ptal_op(regio: Regio, geoms: gpd.GeoDataFrame) -> np.ndarray:
    """PTAL index at the locations (centroid), computed from the GTFS feed."""
    from werkruimte.indicators import ov

    o = regio.config.criteria["ov"]
    pt = ov.ptal(geoms, regio.ov, **o, loopnetwerk=regio.loopnetwerk)
    return np.asarray(pt["ov_index"], dtype="float64")


def _dekking_raster(regio: Regio, geoms: gpd.GeoDataFrame) -> np.ndarray:
    from werkruimte.indicators import glasvezel

    return np.asarray(glasvezel.glasvezel_dekking(geoms, regio.glasvezel), dtype="float64")


def _with_gemeente(layer: gpd.GeoDataFrame, regio: Regio) -> gpd.GeoDataFrame:
    if "gemeente" in layer.columns and len(layer):
        return layer
    from werkruimte.regio import assign_gemeente

    return assign_gemeente(layer, regio.gemeenten)


def _terrein_indicatoren(
    regio: Regio, percelen: gpd.GeoDataFrame, *, woningen_afstand_m: float
) -> gpd.GeoDataFrame:
    t = _with_gemeente(_match(regio.bedrijventerreinen, percelen.crs, "bedrijventerreinen"), regio)
    n = len(t)
    geoms = t.geometry.to_numpy()
    werk = regio.config.criteria["bestemming"]["werk"]
    plannen = _match(regio.bestemmingsplannen, percelen.crs, "bestemmingsplannen")

    # Member parcels: the terrain each parcel is on (scoring's terrein_id).
    ids = _text(t, "terrein_id")
    pos = pd.Index(ids.to_numpy(dtype=object)).get_indexer(
        percelen["terrein_id"].astype("string").to_numpy(dtype=object)
    )
    pos = np.asarray(pos, dtype=np.int64)
    m2 = percelen["oppervlakte_m2"].to_numpy(dtype="float64", na_value=np.nan)
    ov_index = _weighted_mean(
        pos, percelen["ov_index"].to_numpy(dtype="float64", na_value=np.nan), m2, n
    )
    if regio.ov is not None and n and np.isnan(ov_index).any():
        todo = np.isnan(ov_index)
        ov_index[todo] = _ptal_op(regio, t.loc[todo])
    if regio.glasvezel is not None and n:
        dekking = _dekking_raster(regio, t)
    else:
        dekking = _weighted_mean(
            pos, percelen["glasvezel_dekking"].to_numpy(dtype="float64", na_value=np.nan), m2, n
        )
    kandidaat = percelen["kandidaat"].to_numpy(dtype=bool, na_value=False)
    sel = (pos >= 0) & kandidaat
    kandidaat_ha = np.bincount(pos[sel], weights=np.nan_to_num(m2[sel]), minlength=n) / 1e4

    ring = shapely.difference(shapely.buffer(geoms, woningen_afstand_m), geoms)
    opp = _number(t, "ha_bruto", "bedrijventerreinen")
    opp = np.where(np.isnan(opp), shapely.area(geoms) / 1e4, opp)
    typ = _text(t, "wloc_type")
    return gpd.GeoDataFrame(
        {
            "id": ids.to_numpy(dtype=object),
            "naam": _text(t, "naam").to_numpy(dtype=object),
            "soort": "formeel",
            "type": typ.to_numpy(dtype=object),
            "gemeente": _text(t, "gemeente").to_numpy(dtype=object),
            "oppervlakte_ha": opp,
            "milieucategorie_max": _number(t, "milieucategorie_max", "bedrijventerreinen"),
            "ov_index": ov_index,
            "glasvezel_dekking": dekking,
            "leegstand_pct": np.full(n, np.nan),
            "aandeel_werk": _aandeel_bestemming(geoms, plannen, werk),
            "woningen_binnen_m": _aandeel_bestemming(ring, plannen, WONEN),
            "kandidaat_ha": kandidaat_ha,
        },
        geometry=geoms,
        crs=RD_NEW,
    )


def _hotspot_indicatoren(
    regio: Regio, percelen: gpd.GeoDataFrame, *, woningen_afstand_m: float
) -> gpd.GeoDataFrame:
    h = _with_gemeente(_match(regio.hotspots, percelen.crs, "hotspots"), regio)
    n = len(h)
    geoms = h.geometry.to_numpy()
    plannen = _match(regio.bestemmingsplannen, percelen.crs, "bestemmingsplannen")

    perceel = perceel_bij_punt(geoms, percelen)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    has = perceel >= 0
    take = np.where(has, perceel, 0)

    def from_parcel(column: str) -> np.ndarray:
        out = np.full(n, np.nan)
        if column in percelen.columns and len(percelen):
            vals = percelen[column].to_numpy(dtype="float64", na_value=np.nan)
            out[has] = vals[take[has]]
        return out

    ov_index = from_parcel("ov_index")
    if regio.ov is not None and n and (np.isnan(ov_index) & present).any():
        todo = np.isnan(ov_index) & present
        ov_index[todo] = _ptal_op(regio, h.loc[todo])
    dekking = from_parcel("glasvezel_dekking")
    if regio.glasvezel is not None and n and (~has & present).any():
        todo = ~has & present
        dekking[todo] = _dekking_raster(
            regio,
            gpd.GeoDataFrame(geometry=shapely.buffer(geoms[todo], _HOTSPOT_STRAAL_M), crs=RD_NEW),
        )
    m2 = from_parcel("oppervlakte_m2")
    kand = np.zeros(n, dtype=bool)
    if len(percelen):
        kand[has] = percelen["kandidaat"].to_numpy(dtype=bool, na_value=False)[take[has]]
    kandidaat_ha = np.where(kand, np.nan_to_num(m2) / 1e4, 0.0)

    opp = _number(h, "oppervlakte_m2", "hotspots")
    leeg = _number(h, "leegstand_m2", "hotspots")
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(opp > 0, leeg / opp, np.nan)
    over = pct > 1.0
    if over.any():
        mend(
            f"hotspots: bij {int(over.sum())} werklocaties is leegstand_m2 groter dan "
            "oppervlakte_m2; leegstand_pct op 100% gezet."
        )
        pct = np.where(over, 1.0, pct)
    zones = shapely.buffer(geoms, woningen_afstand_m)
    return gpd.GeoDataFrame(
        {
            "id": _text(h, "hotspot_id").to_numpy(dtype=object),
            "naam": _text(h, "naam").to_numpy(dtype=object),
            "soort": "informeel",
            "type": _text(h, "type").to_numpy(dtype=object),
            "gemeente": _text(h, "gemeente").to_numpy(dtype=object),
            "oppervlakte_ha": np.full(n, np.nan),
            "milieucategorie_max": from_parcel("milieucategorie_max"),
            "ov_index": ov_index,
            "glasvezel_dekking": dekking,
            "leegstand_pct": pct,
            "aandeel_werk": from_parcel("aandeel_werk"),
            "woningen_binnen_m": _aandeel_bestemming(zones, plannen, WONEN),
            "kandidaat_ha": kandidaat_ha,
        },
        geometry=geoms,
        crs=RD_NEW,
    )


def werklocatie_indicatoren(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    *,
    woningen_afstand_m: float | None = None,
) -> gpd.GeoDataFrame:
    """The indicators of every werklocatie that the driedeling rules can use.

    Parameters
    ----------
    regio
        The region (terrains, hotspots, bestemmingsplannen, optionally GTFS and raster).
    percelen
        The scored parcels (output of :func:`werkruimte.scoring.score`).
    woningen_afstand_m
        Width of the zone around a werklocatie for ``woningen_binnen_m``; default
        ``criteria.driedeling.woningen_afstand_m``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per werklocatie, terrains first (input order), then hotspots, with a
        fresh RangeIndex and EPSG:28992:

        - ``id``, ``naam``, ``soort`` (formeel/informeel), ``type`` (``wloc_type`` or
          the hotspot type), ``gemeente``;
        - ``oppervlakte_ha``: terrain ``ha_bruto`` (else polygon area); NaN for hotspots;
        - ``milieucategorie_max``: the terrain's; for a hotspot that of the parcel it
          stands on (NaN off terrains);
        - ``ov_index``: terrains the area-weighted mean of member parcels' ``ov_index``
          (members: parcels whose ``terrein_id`` is the terrain), PTAL at the centroid
          from GTFS when there are none; hotspots the parcel it stands on (nearest
          within :data:`HOTSPOT_PERCEEL_MAX_M`), else PTAL at the point; ``ov_klasse``
          its PTAL band;
        - ``glasvezel_dekking``: terrains from the raster over the polygon (without a
          raster: area-weighted mean of member parcels); hotspots the parcel it stands on;
        - ``leegstand_pct``: hotspots ``leegstand_m2 / oppervlakte_m2`` (0..1); NaN for
          terrains;
        - ``aandeel_werk``: terrains the share of the polygon with a werkbestemming
          (``criteria.bestemming.werk``); hotspots that of the parcel; NaN when no plan
          covers the terrain;
        - ``woningen_binnen_m``: share (0..1) of the zone within ``woningen_afstand_m``
          around the terrain (outside it) or around the hotspot point with bestemming
          wonen; NaN where no plan covers that zone;
        - ``kandidaat_ha``: hectares of candidate parcels (``kandidaat``) on the terrain,
          or the parcel a hotspot stands on when it is a candidate;
        - geometry: terrain polygon / hotspot point.

    Raises
    ------
    InputError
        When ``percelen`` lacks a scored column (``ov_index``, ``kandidaat`` ...).
    """
    check_gescoord(percelen, VEREIST_PERCELEN, doel="de werklocaties in te delen")
    if woningen_afstand_m is None:
        woningen_afstand_m = float(regio.config.criteria["driedeling"]["woningen_afstand_m"])
    parts = [
        _terrein_indicatoren(regio, percelen, woningen_afstand_m=woningen_afstand_m),
        _hotspot_indicatoren(regio, percelen, woningen_afstand_m=woningen_afstand_m),
    ]
    out = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=RD_NEW)
    for col in ("id", "naam", "soort", "type", "gemeente"):
        out[col] = out[col].astype("string")
    out["ov_klasse"] = ptal_klasse(out["ov_index"]).to_numpy()
    out["ov_klasse"] = out["ov_klasse"].astype("string")
    return out
