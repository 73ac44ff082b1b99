"""The bestemmingsplan in depth: aanduidingen, bouwvlak, maatvoering and plan status per parcel.

Which plan counts
-----------------
Every plan (a row of the ``Bestemmingsplangebied`` layer) is ranked: plans that are
vastgesteld, onherroepelijk or of unknown status come before ontwerp plans (status
``ontwerp``, ``voorontwerp`` or ``concept``); within each group the newest date comes
first (plans without a date last); plans with the same status group and date share a
rank. Per parcel the *candidate* plans are those that cover at least half of it (or,
when none does, the plan covering the largest part); the best-ranked candidate is the
parcel's plan: so the newest vastgestelde plan wins, and an ontwerp plan only counts
where no definitive plan covers the parcel. Only the features (dubbelbestemmingen,
aanduidingen, bouwvlakken, maatvoeringen) of the parcel's plan (or plans, on a tie) are
used; features of plans that are not in the ``Bestemmingsplangebied`` layer always
count. Ontwerp plans that overlap the parcel but are not its plan are reported beside
it in ``ontwerpplan``.

Overlaps use :func:`werkruimte.indicators.bestemming.overlap_areas` (slivers thinner
than 5 cm along a parcel's edge are ignored).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from werkruimte.indicators.afstand import match_crs
from werkruimte.indicators.bestemming import overlap_areas

if TYPE_CHECKING:
    from werkruimte.regio import Regio

__all__ = [
    "BOUWHOOGTE",
    "BOUWLAGEN",
    "KOLOMMEN",
    "ONTWERP",
    "PERCENTAGE",
    "plan_indicatoren",
    "plan_uit_regio",
]

#: ``waardeType`` of the Maatvoering values used (IMRO2012 codelist, lower case).
BOUWHOOGTE = "maximum bouwhoogte (m)"
PERCENTAGE = "maximum bebouwingspercentage (%)"
BOUWLAGEN = "maximum aantal bouwlagen"
#: Plan statuses that are not (yet) definitive.
ONTWERP = ("ontwerp", "voorontwerp", "concept")
#: Output columns, in order.
KOLOMMEN = (
    "dubbelbestemmingen",
    "functieaanduidingen",
    "bouwvlak_aandeel",
    "max_bouwhoogte_m",
    "max_bebouwingspercentage",
    "planstatus",
    "bruto_vloeroppervlak_m2",
    "plan_id",
    "ontwerpplan",
    "dubbel_beperking",
    "functie_passend",
)
#: Minimum share of a parcel a plan must cover to be a candidate plan for it.
_MIN_PLAN_AANDEEL = 0.5


def _layer(lagen: Mapping[str, gpd.GeoDataFrame], name: str, crs: object) -> gpd.GeoDataFrame:
    gdf = lagen.get(name)
    if gdf is None or not len(gdf):
        return gpd.GeoDataFrame({"plan_id": pd.Series([], dtype="string")}, geometry=[], crs=crs)
    return match_crs(
        gdf, gpd.GeoDataFrame(geometry=[], crs=crs), what=f"bestemmingsplannen ({name})"
    )


def _plan_ranks(gebied: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Rank per plan (0 = best) and whether it is an ontwerp plan."""
    status = gebied["planstatus"].astype("string").str.lower() if "planstatus" in gebied else None
    n = len(gebied)
    ontwerp = (
        np.zeros(n, dtype=bool)
        if status is None
        else status.isin(list(ONTWERP)).to_numpy(dtype=bool, na_value=False)
    )
    if "datum" in gebied:
        dates = pd.to_datetime(gebied["datum"], errors="coerce")
        days = (dates - pd.Timestamp("1900-01-01")).dt.days.to_numpy(
            dtype="float64", na_value=np.nan
        )
    else:
        days = np.full(n, np.nan)
    # Newest first, no date last: sort key -days with NaN as +inf.
    key_date = np.where(np.isnan(days), np.inf, -days)
    keys = np.rec.fromarrays([ontwerp.astype(np.int8), key_date])
    _, rank = np.unique(keys, return_inverse=True)
    return rank.astype(np.int64), ontwerp


def _join_per_parcel(p: np.ndarray, names: np.ndarray, n: int) -> np.ndarray:
    """Per parcel the distinct names (sorted) joined by "; "; None for parcels without."""
    out = np.full(n, None, dtype=object)
    if not len(p):
        return out
    frame = pd.DataFrame({"p": p, "naam": names}).dropna().drop_duplicates()
    if frame.empty:  # pairs, but none with a name
        return out
    frame = frame.sort_values(["p", "naam"], kind="stable")
    pos = frame["p"].to_numpy()
    # One list of names per parcel, cut at the parcel changes (no Arrow group_by: that
    # loads pyarrow's query engine, 0.2 s of import for a join).
    starts = np.flatnonzero(np.r_[True, pos[1:] != pos[:-1]])
    lists = pa.ListArray.from_arrays(
        pa.array(np.r_[starts, len(pos)], type=pa.int32()),
        pa.array(frame["naam"].astype(str).to_numpy(), type=pa.string()),
    )
    out[pos[starts]] = np.asarray(pc.binary_join(lists, "; ").to_pylist(), dtype=object)
    return out


class _Toewijzing:
    """The plan of every parcel and which feature pairs of a layer belong to it."""

    def __init__(self, geoms: np.ndarray, gebied: gpd.GeoDataFrame) -> None:
        n = len(geoms)
        self.n = n
        self.area = np.nan_to_num(np.asarray(shapely.area(geoms), dtype="float64"))
        self.plan_ids = gebied["plan_id"].astype("string").to_numpy(dtype=object, na_value=None)
        self.rank, self.ontwerp = _plan_ranks(gebied)
        status = (
            gebied["planstatus"].astype("string")
            if "planstatus" in gebied
            else pd.Series(pd.NA, index=gebied.index, dtype="string")
        )
        self.status = np.asarray(status.astype(object).where(status.notna(), None), dtype=object)
        p, g, a = overlap_areas(geoms, gebied.geometry.to_numpy())
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(self.area[p] > 0, a / self.area[p], 0.0)
        # Candidates: >= half the parcel, else the plan with the largest part.
        largest = np.zeros(n)
        np.maximum.at(largest, p, share)
        cand = (share >= _MIN_PLAN_AANDEEL) | (share >= largest[p])
        self.best = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(self.best, p[cand], self.rank[g[cand]])
        self.has_plan = np.zeros(n, dtype=bool)
        self.has_plan[p] = True
        win = cand & (self.rank[g] == self.best[p])
        # The first winning plan (by plan order) names the parcel's plan and status.
        none = np.iinfo(np.int64).max
        first = np.full(n, none, dtype=np.int64)
        np.minimum.at(first, p[win], g[win])
        self.plan = np.where(first == none, -1, first)
        beside = self.ontwerp[g] & ~win
        self.ontwerpplan = _join_per_parcel(p[beside], self.plan_ids[g[beside]], n)
        self._id_rank = {pid: int(r) for pid, r in zip(self.plan_ids, self.rank, strict=True)}

    def pairs(self, layer: gpd.GeoDataFrame, geoms: np.ndarray) -> tuple[np.ndarray, ...]:
        """(parcel, feature, area) pairs of ``layer`` that belong to the parcel's plan."""
        p, f, a = overlap_areas(geoms, layer.geometry.to_numpy())
        if not len(p):
            return p, f, a
        ids = layer["plan_id"].astype("string").to_numpy(dtype=object, na_value=None)
        feat_rank = np.array([self._id_rank.get(i, -1) for i in ids], dtype=np.int64)
        r = feat_rank[f]
        keep = (r < 0) | ~self.has_plan[p] | (r == self.best[p])
        return p[keep], f[keep], a[keep]

    def per_perceel(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per parcel its plan id, its status and the ontwerp plans beside it."""
        plan_of = np.full(self.n, None, dtype=object)
        status = np.full(self.n, None, dtype=object)
        known = self.plan >= 0
        plan_of[known] = self.plan_ids[self.plan[known]]
        status[known] = self.status[self.plan[known]]
        ontwerpplan = self.ontwerpplan.copy()
        ontwerpplan[(ontwerpplan == None) & self.has_plan] = ""  # noqa: E711 (element-wise)
        return plan_of, status, ontwerpplan

    def plan_has(self, layer: gpd.GeoDataFrame) -> np.ndarray:
        """Per parcel: its plan has features in ``layer`` (False without a plan)."""
        present = set(layer["plan_id"].dropna().astype(str)) if len(layer) else set()
        has = np.array([pid in present for pid in self.plan_ids], dtype=bool)
        out = np.zeros(self.n, dtype=bool)
        known = self.plan >= 0
        out[known] = has[self.plan[known]]
        return out


def _names(
    t: _Toewijzing, layer: gpd.GeoDataFrame, geoms: np.ndarray
) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Joined names per parcel ("" in a plan without any, NA outside every plan)."""
    p, f, _ = t.pairs(layer, geoms)
    naam = (
        layer["naam"].astype("string").to_numpy(dtype=object, na_value=None) if len(layer) else []
    )
    names = np.asarray(naam, dtype=object)[f] if len(p) else np.empty(0, dtype=object)
    joined = _join_per_parcel(p, names, t.n)
    joined[(joined == None) & t.has_plan] = ""  # noqa: E711 (element-wise)
    return pd.Series(joined, dtype="string"), p, names


def _maat(
    t: _Toewijzing, maat: gpd.GeoDataFrame, pairs: tuple[np.ndarray, ...], waardetype: str
) -> np.ndarray:
    """Value of the Maatvoering of this type covering most of each parcel (NaN: none).

    ``pairs`` are ``t.pairs(maat, geoms)``, made once for all types: a Maatvoering
    with several values has one row (and one geometry) per value.
    """
    out = np.full(t.n, np.nan)
    p, f, a = pairs
    if not len(p):
        return out
    of_type = (maat["waardetype"].astype("string").str.lower() == waardetype).to_numpy(
        dtype=bool, na_value=False
    )[f]
    p, f, a = p[of_type], f[of_type], a[of_type]
    if not len(p):
        return out
    value = maat["waarde"].to_numpy(dtype="float64")[f]
    order = np.lexsort((-value, -a, p))  # per parcel: largest area, then highest value
    first = order[np.r_[True, p[order][1:] != p[order][:-1]]]
    out[p[first]] = value[first]
    return out


def _matches(names: np.ndarray, items: Sequence[str], *, prefix: bool) -> np.ndarray:
    """Per name: it equals (or, with ``prefix``, starts with) one of ``items``."""
    low = pd.Series(names, dtype="string").str.strip().str.lower()
    hit = np.zeros(len(low), dtype=bool)
    for item in items:
        it = str(item).strip().lower()
        m = low.str.startswith(it) if prefix else low == it
        hit |= m.to_numpy(dtype=bool, na_value=False)
    return hit


def _klasse(
    has_plan: np.ndarray,
    p: np.ndarray,
    names: np.ndarray,
    labels: Mapping[str, Sequence[str]],
    default: str,
    *,
    prefix: bool,
) -> np.ndarray:
    """Per parcel the last label whose names match a feature on it, else ``default``.

    None for parcels without a plan.
    """
    out = np.full(len(has_plan), None, dtype=object)
    out[has_plan] = default
    for label, items in labels.items():
        hit = _matches(names, items, prefix=prefix) if len(p) else np.zeros(0, dtype=bool)
        out[np.unique(p[hit])] = label
    return out


def _bouwen(
    t: _Toewijzing,
    lagen: Mapping[str, gpd.GeoDataFrame],
    geoms: np.ndarray,
    crs: object,
    verdiepingshoogte_m: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Bouwvlak share, bouwhoogte, percentage and floor area (see plan_indicatoren)."""
    n = t.n
    bouwvlak = _layer(lagen, "Bouwvlak", crs)
    bp, _, ba = t.pairs(bouwvlak, geoms)
    with np.errstate(divide="ignore", invalid="ignore"):
        inside = np.bincount(bp, weights=ba, minlength=n)
        aandeel = np.clip(np.where(t.area > 0, inside / t.area, 0.0), 0.0, 1.0)
    known_bv = t.plan_has(bouwvlak) | (inside > 0)
    aandeel = np.where(known_bv, aandeel, np.nan)

    maat = _layer(lagen, "Maatvoering", crs)
    pairs = t.pairs(maat, geoms) if len(maat) else (np.empty(0, dtype=np.intp),) * 3
    hoogte = _maat(t, maat, pairs, BOUWHOOGTE)
    pct = _maat(t, maat, pairs, PERCENTAGE)
    lagen_n = _maat(t, maat, pairs, BOUWLAGEN)
    uit_hoogte = np.maximum(1.0, np.floor(hoogte / float(verdiepingshoogte_m) + 1e-9))
    bouwlagen = np.where(~np.isnan(lagen_n), lagen_n, np.where(np.isnan(hoogte), 1.0, uit_hoogte))
    bvo = aandeel * t.area * np.where(np.isnan(pct), 1.0, pct / 100.0) * bouwlagen
    return aandeel, hoogte, pct, bvo


def plan_indicatoren(
    percelen: gpd.GeoDataFrame,
    lagen: Mapping[str, gpd.GeoDataFrame],
    *,
    verdiepingshoogte_m: float = 4.0,
    dubbel_uitsluitend: Sequence[str] = (),
    dubbel_verzwakkend: Sequence[str] = (),
    functie_passend: Sequence[str] = (),
) -> pd.DataFrame:
    """What the bestemmingsplan says about each parcel beyond its enkelbestemming.

    Parameters
    ----------
    percelen
        Parcels in EPSG:28992.
    lagen
        The IMRO layers (``Regio.plan_lagen``): ``Bestemmingsplangebied``,
        ``Dubbelbestemming``, ``Functieaanduiding``, ``Bouwvlak``, ``Maatvoering``;
        missing or empty layers are allowed.
    verdiepingshoogte_m
        Storey height used to turn the bouwhoogte into storeys (default 4 m, business).
    dubbel_uitsluitend, dubbel_verzwakkend
        Dubbelbestemming names (case-insensitive prefixes, e.g. ``Leiding - Gas``) that
        exclude or weaken a parcel.
    functie_passend
        Functieaanduiding names (case-insensitive, whole name) that make a parcel fit.

    Returns
    -------
    pandas.DataFrame
        Aligned to ``percelen.index`` (see the module docstring for which plan counts):

        - ``dubbelbestemmingen``, ``functieaanduidingen`` (string): the distinct names
          of the features overlapping the parcel, sorted, joined by ``"; "``; ``""``
          when the parcel's plan has none there; NA when no plan covers the parcel;
        - ``bouwvlak_aandeel`` (0..1): share of the parcel inside a bouwvlak; NA when
          the parcel's plan has no bouwvlakken at all (or no plan covers it);
        - ``max_bouwhoogte_m``, ``max_bebouwingspercentage``: the value of the
          Maatvoering of that type covering most of the parcel (on a tie the higher);
          NaN when none;
        - ``planstatus``: status of the parcel's plan (NA: unknown or no plan);
          ``plan_id``: that plan; ``ontwerpplan``: ontwerp plans overlapping the parcel
          that are not its plan (``""`` none, NA without a plan);
        - ``bruto_vloeroppervlak_m2``: the floor area the plan allows, the rule:
          ``bouwvlak_aandeel × parcel area`` (the bouwvlak on the parcel)
          ``× max_bebouwingspercentage / 100`` (100% when there is no percentage: the
          bouwvlak is then the limit) ``× bouwlagen``, where ``bouwlagen`` is the
          Maatvoering ``maximum aantal bouwlagen`` when present, else
          ``max(1, floor(max_bouwhoogte_m / verdiepingshoogte_m))``, else 1 (no height:
          one storey, a lower bound). NA where ``bouwvlak_aandeel`` is NA; 0 outside
          the bouwvlakken of a plan that has them;
        - ``dubbel_beperking``: ``uitsluitend``, ``verzwakkend`` or ``geen`` (the
          strongest that applies; NA without a plan);
        - ``functie_passend``: ``ja`` when a functieaanduiding in ``functie_passend``
          overlaps the parcel, else ``nee`` (NA without a plan).
    """
    geoms = percelen.geometry.to_numpy()
    crs = percelen.crs
    gebied = _layer(lagen, "Bestemmingsplangebied", crs)
    if "planstatus" not in gebied:
        gebied = gebied.assign(planstatus=pd.Series(pd.NA, index=gebied.index, dtype="string"))
    t = _Toewijzing(geoms, gebied)
    dubbel_layer = _layer(lagen, "Dubbelbestemming", crs)
    dubbel, dp, dnames = _names(t, dubbel_layer, geoms)
    functie, fp, fnames = _names(t, _layer(lagen, "Functieaanduiding", crs), geoms)

    aandeel, hoogte, pct, bvo = _bouwen(t, lagen, geoms, crs, verdiepingshoogte_m)

    beperking = _klasse(
        t.has_plan,
        dp,
        dnames,
        {"verzwakkend": dubbel_verzwakkend, "uitsluitend": dubbel_uitsluitend},
        "geen",
        prefix=True,
    )
    passend = _klasse(t.has_plan, fp, fnames, {"ja": functie_passend}, "nee", prefix=False)

    plan_of, status, ontwerpplan = t.per_perceel()
    idx = percelen.index
    return pd.DataFrame(
        {
            "dubbelbestemmingen": dubbel.set_axis(idx),
            "functieaanduidingen": functie.set_axis(idx),
            "bouwvlak_aandeel": aandeel,
            "max_bouwhoogte_m": hoogte,
            "max_bebouwingspercentage": pct,
            "planstatus": pd.Series(status, index=idx, dtype="string"),
            "bruto_vloeroppervlak_m2": np.round(bvo, 1),
            "plan_id": pd.Series(plan_of, index=idx, dtype="string"),
            "ontwerpplan": pd.Series(ontwerpplan, index=idx, dtype="string"),
            "dubbel_beperking": pd.Series(beperking, index=idx, dtype="string"),
            "functie_passend": pd.Series(passend, index=idx, dtype="string"),
        },
        index=idx,
    )


def plan_uit_regio(regio: Regio) -> pd.DataFrame:
    """:func:`plan_indicatoren` for a region, with the settings of ``[criteria.plan]``.

    Parameters
    ----------
    regio
        The loaded region (its parcels and ``plan_lagen``).

    Returns
    -------
    pandas.DataFrame
        As :func:`plan_indicatoren`, aligned to ``regio.percelen.index``.
    """
    c = regio.config.criteria.get("plan", {})
    return plan_indicatoren(
        regio.percelen,
        getattr(regio, "plan_lagen", None) or {},
        verdiepingshoogte_m=float(c.get("verdiepingshoogte_m", 4.0)),
        dubbel_uitsluitend=list(c.get("dubbel_uitsluitend", [])),
        dubbel_verzwakkend=list(c.get("dubbel_verzwakkend", [])),
        functie_passend=list(c.get("functie_passend", [])),
    )
