"""Bestemming: which IMRO2012 hoofdgroep covers a parcel, and how much of it is work.

The overlay is vectorised (:func:`overlap_areas`): one :class:`shapely.STRtree` query
gives every (parcel, plan polygon) pair that overlaps; pairs where the plan polygon
contains the parcel get the parcel's area directly, the others one vectorised
:func:`shapely.intersection`. Areas are summed per (parcel, hoofdgroep) with numpy.
Slivers thinner than :data:`TOLERANTIE_M` (5 cm) along a parcel's edge are ignored:
they are digitising differences between plan and parcel borders, not bestemmingen.

Overlapping plan polygons (an old and a new plan over the same spot) would count the
same ground twice. Per parcel the summed overlap areas are therefore *normalised*:
when they add up to more than the parcel's area, every share is scaled by
``parcel area / summed area``, so the shares of one parcel never add up to more than
1. Where plans overlap over only part of a partly covered parcel the shares can still
be somewhat too high (their sum stays <= 1); an exact union per parcel would cost a
per-parcel loop and IMRO enkelbestemmingen of one plan do not overlap.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.errors import GEOSException

from werkruimte.errors import InputError
from werkruimte.indicators.afstand import match_crs
from werkruimte.sources._common import mend

__all__ = [
    "POTENTIEEL",
    "TOLERANTIE_M",
    "WERK",
    "bestemming",
    "group_shares",
    "overlap_areas",
]

#: IMRO2012 hoofdgroepen that count as a werkbestemming (``criteria.bestemming.werk``).
WERK = ("bedrijf", "bedrijventerrein", "kantoor", "gemengd", "centrum", "dienstverlening")
#: Non-work hoofdgroepen that the Werkplan says may become work space
#: (``criteria.bestemming.potentieel``).
POTENTIEEL = ("maatschappelijk", "agrarisch", "agrarisch met waarden", "sport", "detailhandel")
#: Inward offset (m) of parcels in the overlay: slivers thinner than this along a
#: parcel's edge (digitising differences between plan and parcel borders) are ignored.
TOLERANTIE_M = 0.05
#: Elements per thread below which element-wise work stays on one thread.
_CHUNK = 2_000
_MAX_THREADS = 8


def overlap_areas(
    percelen: np.ndarray,
    vlakken: np.ndarray,
    *,
    tolerantie_m: float = TOLERANTIE_M,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Area of overlap of every intersecting (parcel, polygon) pair, vectorised.

    Each parcel is shrunk inwards by ``tolerantie_m`` (a *probe*; parcels too thin for
    that keep their own geometry). The pairs are those of a probe and a (prepared)
    polygon that intersect. A pair whose polygon properly contains the probe gets the
    parcel's full area (a cheap prepared test); the other pairs (the parcel is cut by
    the polygon's border) get the exact
    ``area(intersection(parcel, polygon))``, computed in chunks on a few threads
    (shapely releases the GIL). The tolerance makes the common case fast, where plan
    borders run along parcel borders (identical or a few centimetres off), and it
    ignores slivers thinner than the tolerance along a parcel's edge. Probes are only
    made for parcels that are not already properly inside a polygon (one STRtree query
    over the parcels finds those), as buffering is the costly step.

    Parameters
    ----------
    percelen
        Parcel geometries (shapely array, EPSG:28992).
    vlakken
        Polygons of the other layer (plans, terrains) in the same CRS.
    tolerantie_m
        Inward offset in m; 0 makes the overlay exact (slower where borders coincide).

    Returns
    -------
    perceel_pos, vlak_pos, area : numpy.ndarray
        Positions into ``percelen`` and ``vlakken`` and the overlap area in m² of each
        pair with a positive overlap, sorted by parcel then polygon position.
    """
    percelen = np.asarray(percelen, dtype=object)
    vlakken = np.asarray(vlakken, dtype=object)
    if not len(percelen) or not len(vlakken):
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp), np.empty(0)
    # Identical polygons (a Maatvoering with a value per row, one geometry) are
    # overlaid once; their pairs are copied to every row that shares the geometry.
    _, first, inverse = np.unique(
        pd.factorize(shapely.to_wkb(vlakken))[0], return_index=True, return_inverse=True
    )
    if len(first) < len(vlakken):
        p, u, area = _overlap(percelen, vlakken[first], tolerantie_m)
        return _per_row(p, u, area, inverse.ravel())
    return _overlap(percelen, vlakken, tolerantie_m)


def _per_row(
    p: np.ndarray, u: np.ndarray, area: np.ndarray, inverse: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of distinct polygons ``u`` expanded to every row with that polygon."""
    rows = np.argsort(inverse, kind="stable")  # the rows grouped per distinct polygon
    counts = np.bincount(inverse)
    starts = np.cumsum(counts) - counts
    rep = counts[u]
    offset = np.arange(int(rep.sum())) - np.repeat(np.cumsum(rep) - rep, rep)
    v = rows[np.repeat(starts[u], rep) + offset]
    p, area = np.repeat(p, rep), np.repeat(area, rep)
    order = np.lexsort((v, p))
    return p[order], v[order], area[order]


def _overlap(
    percelen: np.ndarray, vlakken: np.ndarray, tolerantie_m: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`overlap_areas` of distinct polygons."""
    # Prepare the polygons once for the tree query and the containment tests. Prepare
    # private copies, never the caller's objects: preparing (and releasing) geometries
    # that another thread is using at the same time can crash GEOS.
    todo = ~shapely.is_missing(vlakken) & ~shapely.is_prepared(vlakken)
    if todo.any():
        vlakken = vlakken.copy()
        vlakken[todo] = shapely.from_wkb(shapely.to_wkb(vlakken[todo]))
        shapely.prepare(vlakken[todo])
    try:
        # The probes lie inside their parcels, so the pairs of the probes are among
        # the pairs of the parcels, and a polygon that properly contains a parcel
        # contains its probe. Only the parcels of the other pairs (cut by or touching
        # a polygon's border) need a probe: buffering is the costly step.
        tree = shapely.STRtree(percelen)
        vlak_pos, perceel_pos = tree.query(vlakken, predicate="intersects")
        inside = shapely.contains_properly(vlakken[vlak_pos], percelen[perceel_pos])
        rest = np.flatnonzero(~inside)
        if tolerantie_m > 0 and len(rest):
            need = np.unique(perceel_pos[rest])
            shrunk = _threaded(
                lambda g: shapely.buffer(g, -tolerantie_m, quad_segs=1, join_style="mitre"),
                percelen[need],
            )
            thin = shapely.is_empty(shrunk) | shapely.is_missing(shrunk)
            shrunk[thin] = percelen[need][thin]
            probe = percelen.copy()
            probe[need] = shrunk
            v_rest, p_rest = vlakken[vlak_pos[rest]], probe[perceel_pos[rest]]
            hit = shapely.intersects(v_rest, p_rest)
            inside[rest] = hit & shapely.contains_properly(v_rest, p_rest)
            paired = np.ones(len(vlak_pos), dtype=bool)
            paired[rest] = hit
            vlak_pos, perceel_pos = vlak_pos[paired], perceel_pos[paired]
            inside = inside[paired]
    finally:
        shapely.destroy_prepared(vlakken[todo])
    area = np.zeros(len(vlak_pos), dtype="float64")
    area[inside] = shapely.area(percelen[perceel_pos[inside]])
    cut = np.flatnonzero(~inside)
    if len(cut):
        area[cut] = _intersection_area(percelen[perceel_pos[cut]], vlakken[vlak_pos[cut]])
    keep = area > 0
    perceel_pos, vlak_pos, area = perceel_pos[keep], vlak_pos[keep], area[keep]
    order = np.lexsort((vlak_pos, perceel_pos))
    return perceel_pos[order], vlak_pos[order], area[order]


def _threaded(func: Callable[..., Any], *arrays: np.ndarray) -> np.ndarray:
    """Apply an element-wise shapely function in chunks on a few threads."""
    n = len(arrays[0])
    threads = min(os.cpu_count() or 1, _MAX_THREADS, max(1, n // _CHUNK))
    if threads <= 1:
        return np.asarray(func(*arrays))
    chunks = np.array_split(np.arange(n), threads)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        parts = list(pool.map(lambda i: np.asarray(func(*(a[i] for a in arrays))), chunks))
    return np.concatenate(parts)


def _area_or_nan(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    try:
        return np.asarray(shapely.area(shapely.intersection(a, b)), dtype="float64")
    except GEOSException:
        return np.full(len(a), np.nan)


def _intersection_area(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Areas of ``intersection(a, b)`` pairwise; invalid pairs are mended first."""
    out = _threaded(_area_or_nan, a, b)
    failed = np.isnan(out)
    if failed.any():
        # Only reached for invalid input that the loaders did not clean; the chunk
        # that raised is redone with repaired geometries.
        aa, bb = a[failed], b[failed]
        bad = ~shapely.is_valid(aa) | ~shapely.is_valid(bb)
        mend(
            f"overlay: {int(bad.sum())} ongeldige geometrieën tijdelijk hersteld "
            "(make_valid) om de overlap te berekenen."
        )
        out[failed] = shapely.area(
            shapely.intersection(shapely.make_valid(aa), shapely.make_valid(bb))
        )
    return out


def group_shares(
    percelen: np.ndarray, vlakken: np.ndarray, codes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Share of each parcel covered per group of polygons, normalised for overlaps.

    Parameters
    ----------
    percelen
        Parcel geometries.
    vlakken
        Polygon geometries.
    codes
        Integer group code per polygon (``-1`` = ignore the polygon).

    Returns
    -------
    perceel_pos, code, share : numpy.ndarray
        One row per (parcel, group) with positive overlap, sorted by parcel then code.
        ``share`` is the overlap area divided by the parcel's geometric area; when the
        summed overlap of a parcel exceeds its area (overlapping polygons) all its
        shares are scaled down so that they add up to 1.
    """
    codes = np.asarray(codes, dtype=np.int64)
    p, v, area = overlap_areas(percelen, vlakken)
    c = codes[v]
    keep = c >= 0
    p, c, area = p[keep], c[keep], area[keep]
    n_groups = max(int(codes.max()) + 1, 1) if len(codes) else 1
    key = p.astype(np.int64) * n_groups + c
    uniq, inverse = np.unique(key, return_inverse=True)
    sums = np.bincount(inverse, weights=area, minlength=len(uniq))
    pp = (uniq // n_groups).astype(np.intp)
    cc = uniq % n_groups
    parcel_area = np.asarray(shapely.area(percelen), dtype="float64")
    parcel_area = np.nan_to_num(parcel_area, nan=0.0)
    total = np.bincount(pp, weights=sums, minlength=len(percelen))
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = np.maximum(parcel_area, total)[pp]
        share = np.where(denom > 0, sums / denom, 0.0)
    return pp, cc, np.clip(share, 0.0, 1.0)


def _norm_groups(values: Sequence[str]) -> set[str]:
    if isinstance(values, str):
        values = [values]
    return {str(v).strip().lower() for v in values}


def bestemming(
    percelen: gpd.GeoDataFrame,
    plannen: gpd.GeoDataFrame,
    *,
    werk: Sequence[str] = WERK,
    potentieel: Sequence[str] = POTENTIEEL,
) -> pd.DataFrame:
    """Dominant IMRO2012 hoofdgroep per parcel and the share of work in it.

    Parameters
    ----------
    percelen
        Parcels in EPSG:28992.
    plannen
        Bestemmingsplan polygons (enkelbestemmingen) with ``bestemmingshoofdgroep``.
        Values are compared case-insensitively, ignoring surrounding spaces; polygons
        without a hoofdgroep are ignored (with a warning).
    werk
        Hoofdgroepen that count as a werkbestemming (``criteria.bestemming.werk``).
    potentieel
        Non-work hoofdgroepen that may become work space
        (``criteria.bestemming.potentieel``).

    Returns
    -------
    pandas.DataFrame
        Aligned to ``percelen.index``:

        - ``bestemming`` (string): the hoofdgroep (lower case) covering the largest
          share of the parcel; ties go to the alphabetically first; NA where no plan
          covers the parcel;
        - ``bestemming_aandeel`` (float 0..1): share of the parcel area covered by that
          hoofdgroep (0 where no plan);
        - ``aandeel_werk`` (float 0..1): share of the parcel area with a
          werkbestemming;
        - ``potentieel`` (bool): the dominant bestemming is in ``potentieel``.

        Shares are relative to the geometric area and normalised for overlapping
        plans (see the module docstring), so they never exceed 1.

    Raises
    ------
    InputError
        When ``plannen`` has rows but no ``bestemmingshoofdgroep`` column.
    """
    n = len(percelen)
    werk_set = _norm_groups(werk)
    pot_set = _norm_groups(potentieel)
    dominant = np.full(n, None, dtype=object)
    aandeel = np.zeros(n, dtype="float64")
    aandeel_werk = np.zeros(n, dtype="float64")
    if len(plannen) and n:
        if "bestemmingshoofdgroep" not in plannen.columns:
            raise InputError(
                "kolom bestemmingshoofdgroep ontbreekt; gevonden kolommen: "
                f"{', '.join(str(c) for c in plannen.columns)}.",
                layer="bestemmingsplannen",
                column="bestemmingshoofdgroep",
                hint="lever enkelbestemmingen (IMRO2012) met een bestemmingshoofdgroep aan.",
            )
        plannen = match_crs(plannen, percelen, what="bestemmingsplannen")
        groep = plannen["bestemmingshoofdgroep"].astype("string").str.strip().str.lower()
        groep = groep.mask(groep == "")
        n_missing = int(groep.isna().sum())
        if n_missing:
            mend(f"bestemmingsplannen: {n_missing} vlakken zonder bestemmingshoofdgroep genegeerd.")
        codes, names = pd.factorize(groep, sort=True, use_na_sentinel=True)
        names_arr = np.asarray(names, dtype=object)
        geoms = percelen.geometry.to_numpy()
        p, c, share = group_shares(geoms, plannen.geometry.to_numpy(), codes)
        if len(p):
            is_werk = np.isin(names_arr, list(werk_set))
            aandeel_werk = np.bincount(p, weights=share * is_werk[c], minlength=n)
            # Dominant group per parcel: sort by parcel, share descending, name.
            order = np.lexsort((c, -share, p))
            first = order[np.r_[True, p[order][1:] != p[order][:-1]]]
            dominant[p[first]] = names_arr[c[first]]
            aandeel[p[first]] = share[first]
    best = pd.Series(dominant, index=percelen.index, dtype="string")
    is_pot = best.isin(list(pot_set)).to_numpy(dtype=bool, na_value=False)
    return pd.DataFrame(
        {
            "bestemming": best,
            "bestemming_aandeel": np.clip(aandeel, 0.0, 1.0),
            "aandeel_werk": np.clip(aandeel_werk, 0.0, 1.0),
            "potentieel": is_pot,
        },
        index=percelen.index,
    )
