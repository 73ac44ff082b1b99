"""Potential for work (Werkplan actie 1a): parcels without a werkbestemming that could get one.

Kept apart from the candidates: a parcel is in the potential when it is *not* a candidate
(``kandidaat`` False), has no werkbestemming today (``bestemming_soort`` is not
``werk``) and at least one of these reasons holds (each gives a Dutch reason):

``maatschappelijk``
    Its bestemming is ``maatschappelijk`` (maatschappelijk vastgoed).
``agrarisch_rand``
    Its bestemming starts with ``agrarisch`` and the parcel lies within ``rand_kern_m``
    (default 100 m, edge to edge) of an enkelbestemming of the kern (``kern``: wonen,
    centrum): agricultural land at the edge of a kern.
``ontwerpplan``
    At least half of the parcel lies in a plan with status ontwerp, voorontwerp or
    concept (the ``Bestemmingsplangebied`` layer): a plan that is being changed.
``leegstand``
    An informal werklocatie with ``leegstand_m2`` > 0 lies within
    ``leegstand_afstand_m`` (default 25 m) of the parcel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte._nl import geheel
from werkruimte.indicators.bestemming import overlap_areas
from werkruimte.indicators.plan import ONTWERP

__all__ = ["REDENEN", "potentie", "potentie_per_gemeente"]

#: Reason codes, in the order the reasons are written.
REDENEN = ("maatschappelijk", "agrarisch_rand", "ontwerpplan", "leegstand")


def _agrarisch_rand(
    geoms: np.ndarray,
    bestemming: pd.Series,
    plannen: gpd.GeoDataFrame,
    kern: Sequence[str],
    m: float,
) -> np.ndarray:
    agr = bestemming.str.startswith("agrarisch").to_numpy(dtype=bool, na_value=False)
    out = np.zeros(len(geoms), dtype=bool)
    if not agr.any() or not len(plannen):
        return out
    groep = plannen["bestemmingshoofdgroep"].astype("string").str.strip().str.lower()
    kernen = plannen.geometry.to_numpy()[
        groep.isin([k.lower() for k in kern]).to_numpy(dtype=bool, na_value=False)
    ]
    if not len(kernen):
        return out
    at = np.flatnonzero(agr)
    hit, _ = shapely.STRtree(kernen).query(geoms[at], predicate="dwithin", distance=m)
    out[at[np.unique(hit)]] = True
    return out


def _ontwerp(geoms: np.ndarray, gebied: gpd.GeoDataFrame | None) -> np.ndarray:
    """Per parcel the ontwerp plan covering at least half of it (None: none)."""
    out = np.full(len(geoms), None, dtype=object)
    if gebied is None or not len(gebied) or "planstatus" not in gebied:
        return out
    status = gebied["planstatus"].astype("string").str.lower()
    sel = gebied[status.isin(list(ONTWERP)).to_numpy(dtype=bool, na_value=False)]
    if not len(sel):
        return out
    p, g, a = overlap_areas(geoms, sel.geometry.to_numpy())
    area = np.asarray(shapely.area(geoms), dtype="float64")
    ok = a >= 0.5 * area[p]
    ids = sel["plan_id"].astype("string").to_numpy(dtype=object, na_value=None)
    out[p[ok][::-1]] = ids[g[ok][::-1]]
    return out


def _leegstand(geoms: np.ndarray, hotspots: gpd.GeoDataFrame | None, m: float) -> np.ndarray:
    """Per parcel the largest vacancy (m²) of a werklocatie within ``m`` (0: none)."""
    out = np.zeros(len(geoms))
    if hotspots is None or not len(hotspots) or "leegstand_m2" not in hotspots:
        return out
    leeg = pd.to_numeric(hotspots["leegstand_m2"], errors="coerce").fillna(0).to_numpy()
    pts = hotspots.geometry.to_numpy()[leeg > 0]
    if not len(pts):
        return out
    hp, pp = shapely.STRtree(geoms).query(pts, predicate="dwithin", distance=m)
    np.maximum.at(out, pp, leeg[leeg > 0][hp])
    return out


def _getallen(values: np.ndarray, idx: pd.Index) -> pd.Series:
    """Whole numbers in Dutch notation, formatted once per distinct value."""
    uniq, inv = np.unique(np.round(values), return_inverse=True)
    texts = np.array([geheel(float(u)) for u in uniq], dtype=object)
    return pd.Series(texts[inv], index=idx, dtype="string")


def _redenen(
    percelen: gpd.GeoDataFrame,
    best: pd.Series,
    rand: np.ndarray,
    ontwerp: np.ndarray,
    leeg: np.ndarray,
    *,
    kern: Sequence[str],
    rand_kern_m: float,
    leegstand_afstand_m: float,
) -> dict[str, tuple[np.ndarray, pd.Series]]:
    """Per reason code the parcels it holds for and its Dutch text per parcel."""
    idx = percelen.index
    return {
        "maatschappelijk": (
            (best == "maatschappelijk").to_numpy(dtype=bool, na_value=False),
            pd.Series("maatschappelijke bestemming (maatschappelijk vastgoed)", index=idx),
        ),
        "agrarisch_rand": (
            rand,
            pd.Series(
                f"agrarisch aan de rand van de kern (binnen {geheel(rand_kern_m)} m van "
                f"{' of '.join(kern)})",
                index=idx,
            ),
        ),
        "ontwerpplan": (
            ontwerp != None,  # noqa: E711 (element-wise)
            "ligt in ontwerpplan " + pd.Series(ontwerp, index=idx, dtype="string"),
        ),
        "leegstand": (
            leeg > 0,
            "werklocatie met "
            + _getallen(leeg, idx)
            + " m² leegstand binnen "
            + geheel(leegstand_afstand_m)
            + " m",
        ),
    }


def potentie(
    percelen: gpd.GeoDataFrame,
    *,
    plannen: gpd.GeoDataFrame,
    plan_lagen: Mapping[str, gpd.GeoDataFrame] | None = None,
    hotspots: gpd.GeoDataFrame | None = None,
    kern: Sequence[str] = ("wonen", "centrum"),
    rand_kern_m: float = 100.0,
    leegstand_afstand_m: float = 25.0,
) -> gpd.GeoDataFrame:
    """Parcels without a werkbestemming that could get one, with the reason.

    Parameters
    ----------
    percelen
        Scored parcels (:func:`werkruimte.score`): ``perceel_id``, ``gemeente``,
        ``oppervlakte_m2``, ``bestemming``, ``bestemming_soort``; ``kandidaat`` and
        ``planstatus`` when present.
    plannen
        The enkelbestemmingen (``Regio.bestemmingsplannen``), for the kern.
    plan_lagen
        ``Regio.plan_lagen`` (its ``Bestemmingsplangebied`` gives the ontwerp plans).
    hotspots
        Informal werklocaties with ``leegstand_m2`` (``Regio.hotspots``).
    kern
        Hoofdgroepen that make up a kern.
    rand_kern_m
        Distance (m) from the kern within which agrarisch counts as its edge.
    leegstand_afstand_m
        Distance (m) from a werklocatie with vacancy.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per parcel with potential, in the parcels' order (index kept):
        ``perceel_id``, ``gemeente``, ``oppervlakte_m2``, ``bestemming``,
        ``planstatus``, ``soort`` (reason codes of :data:`REDENEN` joined by ``", "``),
        ``reden`` (Dutch, the reasons joined by ``"; "``) and the geometry.
    """
    geoms = percelen.geometry.to_numpy()
    best = percelen["bestemming"].astype("string").str.strip().str.lower()
    soort = percelen["bestemming_soort"].astype("string")
    vrij = ~(soort == "werk").to_numpy(dtype=bool, na_value=False)
    if "kandidaat" in percelen:
        vrij &= ~percelen["kandidaat"].fillna(False).to_numpy(dtype=bool)
    ontwerp = _ontwerp(geoms, (plan_lagen or {}).get("Bestemmingsplangebied"))
    leeg = _leegstand(geoms, hotspots, leegstand_afstand_m)
    parts = _redenen(
        percelen,
        best,
        _agrarisch_rand(geoms, best, plannen, kern, rand_kern_m),
        ontwerp,
        leeg,
        kern=kern,
        rand_kern_m=rand_kern_m,
        leegstand_afstand_m=leegstand_afstand_m,
    )
    idx = percelen.index
    any_reason = np.zeros(len(percelen), dtype=bool)
    codes = pd.Series("", index=idx, dtype="string")
    redenen = pd.Series("", index=idx, dtype="string")
    for code, (mask, text) in parts.items():
        m = mask & vrij
        any_reason |= m
        sep = np.where(redenen.str.len().to_numpy() > 0, "; ", "")
        csep = np.where(codes.str.len().to_numpy() > 0, ", ", "")
        redenen = redenen.where(~m, redenen + sep + text.astype("string"))
        codes = codes.where(~m, codes + csep + code)
    keep = np.flatnonzero(any_reason)
    sub = percelen.iloc[keep]
    status = (
        sub["planstatus"].astype("string")
        if "planstatus" in sub
        else pd.Series(pd.NA, index=sub.index, dtype="string")
    )
    return gpd.GeoDataFrame(
        {
            "perceel_id": sub["perceel_id"].astype("string"),
            "gemeente": sub["gemeente"].astype("string"),
            "oppervlakte_m2": sub["oppervlakte_m2"].astype("float64"),
            "bestemming": sub["bestemming"].astype("string"),
            "planstatus": status,
            "soort": codes.iloc[keep],
            "reden": redenen.iloc[keep],
        },
        geometry=sub.geometry.to_numpy(),
        crs=percelen.crs,
        index=sub.index,
    )


def potentie_per_gemeente(pot: gpd.GeoDataFrame) -> pd.DataFrame:
    """Total potential per gemeente: number of parcels and hectares, per reason too.

    Parameters
    ----------
    pot
        Output of :func:`potentie`.

    Returns
    -------
    pandas.DataFrame
        One row per gemeente (sorted): ``gemeente``, ``aantal_percelen``,
        ``oppervlakte_ha`` and ``ha_<reden>`` per reason code (a parcel with two
        reasons counts in both reason columns, once in the total).
    """
    ha = pot["oppervlakte_m2"].to_numpy(dtype="float64") / 10_000.0
    frame = pd.DataFrame({"gemeente": pot["gemeente"].astype(str).to_numpy(), "ha": ha})
    for code in REDENEN:
        has = pot["soort"].astype("string").str.contains(code, regex=False)
        frame[f"ha_{code}"] = np.where(has.to_numpy(dtype=bool, na_value=False), ha, 0.0)
    grouped = frame.groupby("gemeente", sort=True)
    out = grouped.agg(aantal_percelen=("ha", "size"), oppervlakte_ha=("ha", "sum"))
    for code in REDENEN:
        out[f"ha_{code}"] = grouped[f"ha_{code}"].sum()
    return out.round(4).reset_index()
