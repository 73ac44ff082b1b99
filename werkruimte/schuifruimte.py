"""Schuifruimte: cluster candidate parcels and set the regional supply against demand.

The Werkplan Werklandschappen asks for about 14 ha of *schuifruimte*: room where
companies can move or grow. A single parcel rarely is such room; a group of candidate
parcels close together is. This module

1. groups the candidate parcels (``kandidaat == True``) into clusters with
   scikit-learn's DBSCAN on the polygons' edge-to-edge distances
   (:func:`cluster_schuifruimte`),
2. sums each cluster's parcel area, ranks the clusters and
3. compares the regional total with the demand (:func:`vraag_en_aanbod`).

Clustering rule
---------------
Two candidate parcels are neighbours when the shortest distance between their
outlines is at most ``afstand_m`` (default 100 m: across a street, or with one
ordinary parcel in between; a one- to two-minute walk). Touching parcels have
distance 0 and so always share a cluster. DBSCAN with ``min_samples=1`` on this
neighbour graph makes every parcel a core point, so a cluster is exactly a group
that is linked by a chain of neighbours (single linkage); no parcel is labelled
noise and the result does not depend on the order of the rows. HDBSCAN is not
used because it may split a group of touching parcels, which the contract forbids.

The distance matrix DBSCAN gets is sparse (``metric="precomputed"``): an STRtree
proposes the pairs whose bounding boxes, widened by ``afstand_m``, meet;
:func:`shapely.distance` measures each pair once and only pairs within
``afstand_m`` are stored. Memory and time therefore grow with the number of
neighbour pairs, not with the square of the number of parcels (100 000 parcels:
a few seconds, see ``benchmarks/bench_schuifruimte.py``).

The cluster geometry is the convex hull of the members: cheap (no union), simple
to read on a map and never hides a member. It also covers the land between the
parcels, so it is a "where", not a "how much": the schuifruimte of a cluster is
the sum of its parcels' ``oppervlakte_m2``, never the hull's area.

A cluster whose summed ``oppervlakte_m2`` is below ``min_oppervlakte_m2`` (default
5000 m² = 0,5 ha, two or three parcels of the 'groot' class) is not schuifruimte:
it is dropped and its parcels keep ``cluster_id`` -1. Parcels that are not
candidates never join a cluster and never link two clusters, even when they touch.

Ranking rule
------------
``gemiddelde_score`` is the mean ``score`` of the members weighted by their
``oppervlakte_m2`` (a large good parcel counts more than a small one), rounded to
2 decimals. Rank 1 (``rang``) is the highest ``gemiddelde_score``; equal scores go
to the larger cluster, then to the cluster whose first member comes first in the
input. ``cluster_id`` is ``rang - 1``, so ids 0..k-1 follow the ranking.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from werkruimte._gescoord import check_gescoord
from werkruimte._nl import getal
from werkruimte.config import Config, default_config
from werkruimte.errors import ConfigError, InputError
from werkruimte.sources._common import RD_NEW, ensure_rd, mend

__all__ = [
    "CLUSTER_COLUMNS",
    "DRIEDELING_LAGEN",
    "Balans",
    "cluster_schuifruimte",
    "options_from_config",
    "read_driedeling",
    "vraag_en_aanbod",
    "write_clusters",
]

log = logging.getLogger(__name__)

#: Columns of the clusters frame, in order (geometry last).
CLUSTER_COLUMNS = (
    "cluster_id",
    "rang",
    "aantal_percelen",
    "oppervlakte_m2",
    "oppervlakte_ha",
    "gemiddelde_score",
    "gemeenten",
    "profielen",
    "percelen",
)


_REQUIRED = ("kandidaat", "oppervlakte_m2", "score", "gemeente")
_HINT_CLUSTERS = "geef de clusters uit werkruimte.cluster_schuifruimte(percelen)."
#: Tolerance (ha) for comparing summed areas with the demand.
_TOL_HA = 1e-9
_HINT_SCORE = "cluster de uitvoer van werkruimte.score(regio) (percelen_scores.gpkg)."


def cluster_schuifruimte(
    percelen: gpd.GeoDataFrame,
    *,
    afstand_m: float | None = None,
    min_oppervlakte_m2: float | None = None,
    profielen: Sequence[str] | None = ("schuifruimte",),
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Group candidate parcels into schuifruimte clusters.

    See the module docstring for the clustering and ranking rules.

    Parameters
    ----------
    percelen
        Scored parcels (output of :func:`werkruimte.scoring.score`), with at least
        ``kandidaat``, ``oppervlakte_m2``, ``score`` and ``gemeente``; ``perceel_id``
        and ``profiel`` are used when present (``profiel`` is required when
        ``profielen`` is given). Any projected CRS; another CRS than RD New is
        reprojected with a warning.
    afstand_m
        Maximum edge-to-edge distance (m) between two parcels of one cluster; > 0.
        Default ``criteria.schuifruimte.afstand_m`` of ``standaard.toml`` (100 m).
    min_oppervlakte_m2
        Clusters with a smaller summed ``oppervlakte_m2`` are dropped; >= 0. Default
        ``criteria.schuifruimte.min_oppervlakte_m2`` of ``standaard.toml`` (5000 m²).
    profielen
        Only candidates whose ``profiel`` is one of these count. The default,
        ``("schuifruimte",)``, is the default of ``criteria.schuifruimte.profielen``
        (the Werkplan's ~14 ha is for growing companies, not the middensegment), so
        ``cluster_schuifruimte(percelen)`` gives what ``werkruimte kansenkaart`` gives
        on the default config. None or empty = every candidate.

    Returns
    -------
    percelen : geopandas.GeoDataFrame
        A new frame, same rows, index and order as the input, with ``cluster_id``
        (int64, -1 = in no cluster) set. The input is not changed.
    clusters : geopandas.GeoDataFrame
        One row per cluster, in rank order, EPSG:28992: ``cluster_id`` (0..k-1),
        ``rang`` (1 = best), ``aantal_percelen``, ``oppervlakte_m2`` (sum of the
        members' ``oppervlakte_m2``), ``oppervlakte_ha``, ``gemiddelde_score``
        (area-weighted), ``gemeenten`` and ``profielen`` (sorted, comma-separated),
        ``percelen`` (up to 10 member ids, best score first, then "+N") and
        ``geometry``: the convex hull of the members. The hull shows where the
        cluster lies; its area is larger than the schuifruimte, which is
        ``oppervlakte_m2``.

    Raises
    ------
    InputError
        When a required column is missing or ``kandidaat`` is not yes/no.
    ConfigError
        When ``afstand_m`` <= 0 or ``min_oppervlakte_m2`` < 0.

    Examples
    --------
    >>> percelen, clusters = cluster_schuifruimte(percelen)  # doctest: +SKIP
    >>> clusters[["rang", "oppervlakte_ha", "gemeenten"]].head()  # doctest: +SKIP
    """
    afstand = _check_option(_of_standaard(afstand_m, "afstand_m"), "afstand_m", positive=True)
    min_m2 = _of_standaard(min_oppervlakte_m2, "min_oppervlakte_m2")
    min_m2 = _check_option(min_m2, "min_oppervlakte_m2", positive=False)
    frame = _checked_rd(percelen, profielen)
    pos, geoms = _usable_candidates(frame, profielen)
    area = _areas(frame, pos, geoms)
    member_label, k = _kept_clusters(geoms, area, afstand, min_m2)
    in_cluster = member_label >= 0
    m_pos = pos[in_cluster]
    m_lab = member_label[in_cluster]
    m_area = area[in_cluster]

    score = pd.to_numeric(frame["score"], errors="coerce").to_numpy(dtype="float64")[m_pos]
    final, stats = _ranked(m_lab, m_pos, m_area, score, k)

    cluster_id = np.full(len(frame), -1, dtype=np.int64)
    cluster_id[m_pos] = final
    out = percelen.copy()
    out["cluster_id"] = cluster_id

    by_rank = np.arange(k)
    members = _members(frame, m_pos, final, score)
    clusters = gpd.GeoDataFrame(
        {
            "cluster_id": by_rank,
            "rang": by_rank + 1,
            **stats,
            "gemeenten": _joined(members, "gemeente", k),
            "profielen": _joined(members, "profiel", k),
            "percelen": _id_list(members, k),
        },
        geometry=gpd.GeoSeries(_hulls(geoms[in_cluster], final, k), crs=RD_NEW),
    )
    return out, clusters


def _checked_rd(percelen: gpd.GeoDataFrame, profielen: Sequence[str] | None) -> gpd.GeoDataFrame:
    """The scored parcels, checked for the columns clustering needs, in RD New."""
    check_gescoord(
        percelen,
        [*_REQUIRED, "profiel"] if profielen else list(_REQUIRED),
        doel="schuifruimte te clusteren",
    )
    if percelen.crs is None or not CRS.from_user_input(percelen.crs).equals(
        RD_NEW, ignore_axis_order=True
    ):
        return ensure_rd(percelen, what="percelen")
    return percelen


def _members(
    frame: gpd.GeoDataFrame, pos: np.ndarray, cluster: np.ndarray, score: np.ndarray
) -> pd.DataFrame:
    """One row per cluster member: its cluster, position, score, gemeente, profiel, id."""
    return pd.DataFrame(
        {
            "c": cluster,
            "pos": pos,
            "score": score,
            "gemeente": frame["gemeente"].astype("string").to_numpy()[pos],
            "profiel": _text_column(frame, "profiel", pos),
            "id": _ids(frame, pos),
        }
    )


def _usable_candidates(
    frame: gpd.GeoDataFrame, profielen: Sequence[str] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Positions and geometries of the candidates that have a geometry (others warned)."""
    mask = _candidates(frame, profielen)
    geoms_all = frame.geometry.to_numpy()
    unusable = mask & (shapely.is_missing(geoms_all) | shapely.is_empty(geoms_all))
    if unusable.any():
        mend(
            f"schuifruimte: {int(unusable.sum())} kandidaten zonder geometrie niet geclusterd "
            "(cluster_id -1)."
        )
        mask &= ~unusable
    pos = np.flatnonzero(mask)
    return pos, geoms_all[pos]


def _kept_clusters(
    geoms: np.ndarray, area: np.ndarray, afstand_m: float, min_oppervlakte_m2: float
) -> tuple[np.ndarray, int]:
    """Per candidate its cluster (0..k-1, provisional order; -1 when too small), and k."""
    labels = _dbscan_labels(geoms, afstand_m)
    n_raw = int(labels.max()) + 1 if len(labels) else 0
    opp = np.bincount(labels, weights=area, minlength=n_raw)
    keep = opp >= min_oppervlakte_m2
    log.info(
        "schuifruimte: %d kandidaten, %d groepen binnen %.0f m, %d groot genoeg (>= %.0f m²)",
        len(geoms),
        n_raw,
        afstand_m,
        int(keep.sum()),
        min_oppervlakte_m2,
    )
    # Restrict to kept clusters and renumber them 0..k-1 (provisional order).
    new_of_old = np.full(n_raw, -1, dtype=np.int64)
    new_of_old[keep] = np.arange(int(keep.sum()))
    member_label = new_of_old[labels] if len(labels) else labels.astype(np.int64)
    return member_label, int(keep.sum())


def _ranked(
    label: np.ndarray, pos: np.ndarray, area: np.ndarray, score: np.ndarray, k: int
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Rank the clusters; each member's final cluster id and the columns per cluster.

    Rank: best area-weighted score, then larger area, then first in the input. The
    columns (``aantal_percelen``, ``oppervlakte_m2``, ``oppervlakte_ha``,
    ``gemiddelde_score``) are in rank order.
    """
    gem = _weighted_scores(score, area, label, k)
    c_opp = np.bincount(label, weights=area, minlength=k)
    c_n = np.bincount(label, minlength=k).astype(np.int64)
    first = np.full(k, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, label, pos)
    order = np.lexsort((first, -c_opp, -np.nan_to_num(gem, nan=-np.inf)))
    rank_of = np.empty(k, dtype=np.int64)
    rank_of[order] = np.arange(k)
    return rank_of[label], {
        "aantal_percelen": c_n[order],
        "oppervlakte_m2": c_opp[order],
        "oppervlakte_ha": c_opp[order] / 10_000.0,
        "gemiddelde_score": gem[order],
    }


def _weighted_scores(score: np.ndarray, area: np.ndarray, label: np.ndarray, k: int) -> np.ndarray:
    """Area-weighted mean score per cluster, rounded to 2 decimals.

    Members with an unknown score do not count; a cluster whose members all have zero
    area (possible with ``min_oppervlakte_m2 = 0``) gets the plain mean.
    """
    known = ~np.isnan(score)
    w_known = np.where(known, area, 0.0)
    wsum = np.bincount(label, weights=w_known * np.nan_to_num(score), minlength=k)
    wtot = np.bincount(label, weights=w_known, minlength=k)
    nsum = np.bincount(label, weights=np.nan_to_num(score), minlength=k)
    ntot = np.bincount(label, weights=known.astype(float), minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        gem = np.where(wtot > 0, wsum / np.where(wtot > 0, wtot, 1.0), nsum / ntot)
    return np.round(gem, 2)


def _check_option(value: float, name: str, *, positive: bool) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    bad = not math.isfinite(number) or (number <= 0 if positive else number < 0)
    if bad:
        expected = "een getal groter dan 0" if positive else "een getal van 0 of meer"
        raise ConfigError(
            f"verwacht {expected}, gevonden: {value!r}.",
            key=f"criteria.schuifruimte.{name}",
            hint="bijvoorbeeld afstand_m = 100.0 en min_oppervlakte_m2 = 5000.0.",
        )
    return number


def _of_standaard(value: float | None, key: str) -> Any:
    """``value``, or the value of ``criteria.schuifruimte.<key>`` in standaard.toml."""
    return default_config().criteria["schuifruimte"][key] if value is None else value


def _candidates(frame: gpd.GeoDataFrame, profielen: Sequence[str] | None) -> np.ndarray:
    col = frame["kandidaat"]
    try:
        # np.array(..., copy=True): to_numpy may hand back a view of the caller's column,
        # and the profile filter below must never write through into the input frame.
        mask = np.array(col.astype("boolean").fillna(False).to_numpy(dtype=bool), copy=True)
    except (TypeError, ValueError) as exc:
        bad = col[~col.isna() & ~col.isin([True, False, 0, 1])]
        first = bad.iloc[0] if len(bad) else col.iloc[0]
        row = int(np.flatnonzero(col.index == bad.index[0])[0]) if len(bad) else 0
        raise InputError(
            f"verwacht waar/onwaar, gevonden: {first!r}.",
            layer="percelen",
            column="kandidaat",
            row=row,
            hint=_HINT_SCORE,
        ) from exc
    if profielen:
        wanted = [profielen] if isinstance(profielen, str) else list(profielen)
        prof = frame["profiel"].astype("string")
        mask &= prof.isin(wanted).fillna(False).to_numpy(dtype=bool)
    return np.asarray(mask, dtype=bool)


def _areas(frame: gpd.GeoDataFrame, pos: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    """oppervlakte_m2 of the candidates; missing or negative -> geometry area (warned)."""
    area = pd.to_numeric(frame["oppervlakte_m2"], errors="coerce").to_numpy(dtype="float64")[pos]
    bad = ~np.isfinite(area) | (area < 0)
    if bad.any():
        area = area.copy()
        area[bad] = shapely.area(geoms[bad])
        mend(
            f"schuifruimte: {int(bad.sum())} kandidaten zonder geldige oppervlakte_m2; "
            "de oppervlakte van de geometrie gebruikt."
        )
    return area


def _dbscan_labels(geoms: np.ndarray, afstand_m: float) -> np.ndarray:
    """DBSCAN labels (0..) on the sparse edge-to-edge distance graph of ``geoms``."""
    # Imported here: scikit-learn costs seconds to import, and scoring alone
    # (``werkruimte score``, which writes with this module) never clusters.
    from scipy import sparse
    from sklearn.cluster import DBSCAN

    n = len(geoms)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    left, right, dist = _neighbour_pairs(geoms, afstand_m)
    # Symmetric graph with an explicit zero diagonal (a parcel is its own neighbour).
    # Explicit zeros (touching parcels) are kept by scipy and count as neighbours.
    # Rows are sorted by distance, as scikit-learn wants a precomputed graph: it then
    # skips its own row-by-row sort.
    self_ = np.arange(n, dtype=left.dtype)
    rows = np.concatenate([left, right, self_])
    cols = np.concatenate([right, left, self_])
    data = np.concatenate([dist, dist, np.zeros(n)])
    order = np.lexsort((data, rows))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    graph = sparse.csr_matrix((data[order], cols[order], indptr), shape=(n, n))
    model = DBSCAN(eps=afstand_m, min_samples=1, metric="precomputed")
    labels = model.fit(graph).labels_
    return np.asarray(labels, dtype=np.int64)


def _neighbour_pairs(
    geoms: np.ndarray, afstand_m: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``i < j`` whose outlines are at most ``afstand_m`` apart, with the distance.

    The STRtree finds the pairs whose bounding boxes, widened by ``afstand_m``, meet;
    :func:`shapely.distance` then measures each such pair once. This is several times
    faster than the tree's ``dwithin`` predicate, which tests every pair twice.
    """
    tree = shapely.STRtree(geoms)
    b = shapely.bounds(geoms)
    d = afstand_m
    around = shapely.box(b[:, 0] - d, b[:, 1] - d, b[:, 2] + d, b[:, 3] + d)
    left, right = tree.query(around)
    upper = left < right
    left, right = left[upper], right[upper]
    dist = shapely.distance(geoms[left], geoms[right])
    near = dist <= d
    return left[near], right[near], dist[near]


def _text_column(frame: gpd.GeoDataFrame, name: str, pos: np.ndarray) -> np.ndarray:
    if name not in frame.columns:
        return np.full(len(pos), pd.NA, dtype=object)
    return np.asarray(frame[name].astype("string").to_numpy()[pos], dtype=object)


def _ids(frame: gpd.GeoDataFrame, pos: np.ndarray) -> np.ndarray:
    if "perceel_id" in frame.columns:
        ids = frame["perceel_id"].astype("string")
    else:
        ids = pd.Series(frame.index.astype(str), dtype="string")
    return np.asarray(ids.to_numpy()[pos], dtype=object)


def _joined(members: pd.DataFrame, column: str, k: int) -> pd.Series:
    """Per cluster the sorted distinct values of ``column``, comma-separated."""
    vals = members[["c", column]].dropna().drop_duplicates().sort_values(["c", column])
    text = vals.groupby("c")[column].agg(", ".join)
    return text.reindex(range(k)).astype("string").reset_index(drop=True)


def _id_list(members: pd.DataFrame, k: int) -> pd.Series:
    """Every member id per cluster (best score first), comma-separated.

    Data is data: the list is never shortened here (the map shortens its popup).
    """
    srt = members.sort_values(["c", "score", "pos"], ascending=[True, False, True])
    text = srt.dropna(subset=["id"]).groupby("c")["id"].agg(", ".join)
    return text.reindex(range(k)).astype("string").reset_index(drop=True)


def _hulls(geoms: np.ndarray, cluster: np.ndarray, k: int) -> np.ndarray:
    """Convex hull of each cluster's members (no union needed for a convex hull)."""
    if k == 0:
        return np.zeros(0, dtype=object)
    parts, src = shapely.get_parts(geoms, return_index=True)
    owner = cluster[src]
    polygonal = np.isin(shapely.get_type_id(parts), (3,))
    parts, owner = parts[polygonal], owner[polygonal]
    order = np.argsort(owner, kind="stable")
    collected = np.full(k, None, dtype=object)
    shapely.multipolygons(parts[order], indices=owner[order], out=collected)
    return np.asarray(shapely.convex_hull(collected), dtype=object)


def options_from_config(config: Config) -> dict[str, Any]:
    """Keyword arguments for :func:`cluster_schuifruimte` from ``[criteria.schuifruimte]``.

    Parameters
    ----------
    config
        The validated configuration.

    Returns
    -------
    dict
        ``afstand_m`` and ``min_oppervlakte_m2`` (floats), and ``profielen`` (tuple
        of profile names, or None for every candidate) when the key exists; an
        empty list means every candidate.

    Raises
    ------
    ConfigError
        When a value is out of range (distance <= 0, negative area, unknown profile).
    """
    settings = dict(config.criteria.get("schuifruimte", {}))
    options: dict[str, Any] = {}
    for key in ("afstand_m", "min_oppervlakte_m2"):
        if key in settings:
            try:
                options[key] = _check_option(settings[key], key, positive=key == "afstand_m")
            except ConfigError as exc:
                raise ConfigError(
                    exc.detail, path=config.path, key=exc.key, hint=exc.hint
                ) from None
    if "profielen" in settings:
        names = settings["profielen"]
        names = [names] if isinstance(names, str) else list(names or [])
        known = list(config.criteria.get("profielen", {}))
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ConfigError(
                f"onbekend profiel {', '.join(map(repr, unknown))}; "
                f"beschikbaar: {', '.join(known)}.",
                path=config.path,
                key="criteria.schuifruimte.profielen",
                hint="noem bestaande profielen, of laat de lijst leeg voor alle kandidaten.",
            )
        options["profielen"] = tuple(names) or None
    return options


@dataclass(frozen=True)
class Balans:
    """Supply of schuifruimte set against the regional demand.

    Attributes
    ----------
    vraag_ha
        The demand (ha).
    aanbod_ha
        Total area of all clusters (ha).
    gekozen
        ``cluster_id`` of the chosen clusters, in rank order.
    gekozen_ha
        Area of the chosen clusters (ha).
    tekort_ha
        How much the chosen clusters fall short of the demand (ha, >= 0).
    overschot_ha
        How much the chosen clusters exceed the demand (ha, >= 0).
    aantal_clusters
        Number of clusters offered.
    """

    vraag_ha: float
    aanbod_ha: float
    gekozen: tuple[int, ...]
    gekozen_ha: float
    tekort_ha: float
    overschot_ha: float
    aantal_clusters: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-able summary for the manifest (areas rounded to 1 m²)."""
        return {
            "vraag_ha": round(self.vraag_ha, 4),
            "aanbod_ha": round(self.aanbod_ha, 4),
            "gekozen_clusters": list(self.gekozen),
            "gekozen_ha": round(self.gekozen_ha, 4),
            "tekort_ha": round(self.tekort_ha, 4),
            "overschot_ha": round(self.overschot_ha, 4),
            "aantal_clusters": self.aantal_clusters,
        }

    def tekst(self) -> str:
        """One Dutch sentence about supply and demand.

        For example ``Aanbod 11,2 ha in 9 clusters tegen een vraag van 14 ha: tekort
        2,8 ha.``
        """
        n = self.aantal_clusters
        head = (
            f"Aanbod {_ha(self.aanbod_ha)} ha in {n} {'cluster' if n == 1 else 'clusters'} "
            f"tegen een vraag van {_ha(self.vraag_ha)} ha: "
        )
        if self.tekort_ha > 0:
            return head + f"tekort {_ha(self.tekort_ha)} ha."
        if not self.gekozen:
            return head + "geen vraag te dekken."
        g = len(self.gekozen)
        if g == 1:
            chosen = f"het beste cluster ({_ha(self.gekozen_ha)} ha) dekt de vraag"
        else:
            chosen = f"de beste {g} clusters ({_ha(self.gekozen_ha)} ha) dekken de vraag"
        over = _ha(self.overschot_ha)
        rest = "precies" if over == "0" else f"met {over} ha over"
        return head + f"{chosen} {rest}."


def _ha(value: float) -> str:
    """Dutch number with one decimal, without ',0' (14 -> '14', 2.75 -> '2,8')."""
    text = getal(value, 1)
    return text[:-2] if text.endswith(",0") else text


def vraag_en_aanbod(clusters: gpd.GeoDataFrame, *, vraag_ha: float | None = None) -> Balans:
    """Set the clusters' total area against the regional demand.

    Selection rule: take clusters in rank order (``rang``, else ``cluster_id``),
    best first, until their summed area meets ``vraag_ha``. This greedy choice is
    deliberate: planners want the *best* locations, not the combination that fits
    the number most tightly. A knapsack would prefer a lower-ranked cluster just
    because its size fits; greedy overshoots by less than the area of the last
    cluster chosen, and the overshoot is reported (``overschot_ha``). When even
    all clusters together fall short, all are chosen and the gap is ``tekort_ha``.

    Parameters
    ----------
    clusters
        Output of :func:`cluster_schuifruimte` (``cluster_id``, ``oppervlakte_m2``
        or ``oppervlakte_ha``, optionally ``rang``).
    vraag_ha
        The demand in hectares; >= 0. Default ``criteria.schuifruimte.vraag_ha`` of
        ``standaard.toml`` (the Werkplan's 14 ha).

    Returns
    -------
    Balans
        ``aanbod_ha`` is the total of all clusters; ``gekozen`` the chosen
        ``cluster_id`` values in rank order.

    Raises
    ------
    ConfigError
        When ``vraag_ha`` is negative or not a number.
    InputError
        When the clusters lack ``cluster_id`` or an area column.
    """
    try:
        vraag = float(_of_standaard(vraag_ha, "vraag_ha"))
    except (TypeError, ValueError):
        vraag = math.nan
    if not math.isfinite(vraag) or vraag < 0:
        raise ConfigError(
            f"verwacht een getal van 0 of meer (hectare), gevonden: {vraag_ha!r}.",
            key="criteria.schuifruimte.vraag_ha",
            hint="bijvoorbeeld vraag_ha = 14.0.",
        )
    if "cluster_id" not in clusters.columns:
        raise InputError(
            "kolom ontbreekt.", layer="clusters", column="cluster_id", hint=_HINT_CLUSTERS
        )
    if "oppervlakte_m2" in clusters.columns:
        ha = pd.to_numeric(clusters["oppervlakte_m2"], errors="coerce") / 10_000.0
    elif "oppervlakte_ha" in clusters.columns:
        ha = pd.to_numeric(clusters["oppervlakte_ha"], errors="coerce")
    else:
        raise InputError(
            "kolom ontbreekt (of oppervlakte_ha).",
            layer="clusters",
            column="oppervlakte_m2",
            hint=_HINT_CLUSTERS,
        )
    key = "rang" if "rang" in clusters.columns else "cluster_id"
    order = np.argsort(clusters[key].to_numpy(), kind="stable")
    areas = ha.fillna(0.0).to_numpy(dtype="float64")[order]
    ids = clusters["cluster_id"].to_numpy()[order]
    aanbod = float(areas.sum())
    cum = np.cumsum(areas)
    # A tolerance of 1e-9 ha (0,1 mm²) keeps float sums that equal the demand from
    # counting as short.
    target = vraag - _TOL_HA
    if vraag <= 0:
        n_take = 0
    elif len(cum) and cum[-1] >= target:
        n_take = int(np.searchsorted(cum, target, side="left")) + 1
    else:
        n_take = len(cum)
    gekozen_ha = float(cum[n_take - 1]) if n_take else 0.0
    tekort = vraag - gekozen_ha
    overschot = gekozen_ha - vraag if n_take else 0.0
    return Balans(
        vraag_ha=vraag,
        aanbod_ha=aanbod,
        gekozen=tuple(int(i) for i in ids[:n_take]),
        gekozen_ha=gekozen_ha,
        tekort_ha=tekort if tekort > _TOL_HA else 0.0,
        overschot_ha=overschot if overschot > _TOL_HA else 0.0,
        aantal_clusters=len(clusters),
    )


#: Layers of the driedeling in ``schuifruimte.gpkg``: one geometry type per layer.
DRIEDELING_LAGEN = {"Polygon": "driedeling_terreinen", "Point": "driedeling_hotspots"}


def write_clusters(clusters: gpd.GeoDataFrame, driedeling: pd.DataFrame | None, path: Path) -> None:
    """Write the clusters (and the driedeling) to a new GeoPackage (version 1.3).

    Parameters
    ----------
    clusters
        Output of :func:`cluster_schuifruimte`; written as layer ``clusters``.
    driedeling
        The driedeling table, when given: with polygon and point geometry it becomes
        two layers of one geometry type each, ``driedeling_terreinen`` (the
        bedrijventerreinen, polygons) and ``driedeling_hotspots`` (the informal
        werklocaties, points), so that QGIS and ArcGIS read each as one layer; a
        plain table (no geometry) becomes the non-spatial layer ``driedeling``.
    path
        The GeoPackage to create. An existing file there is replaced (the caller
        writes to a temporary path and moves it into place; see
        :func:`werkruimte.export.atomic_outputs`).

    Notes
    -----
    Missing text values are written as NULL. An empty clusters frame still gives
    a ``clusters`` layer (with its columns and no rows). GeoPackage 1.3 rather than
    GDAL's default 1.4, which older GDALs (QGIS 3.22) read only partly.
    """
    target = Path(path)
    if target.exists():
        target.unlink()
    layer = _for_writing(clusters)
    types = set(layer.geom_type.dropna())
    # A fixed type keeps the schema stable, also for an empty layer.
    geometry_type = "Polygon" if types <= {"Polygon"} else None
    pyogrio.write_dataframe(
        layer,
        target,
        layer="clusters",
        driver="GPKG",
        geometry_type=geometry_type,
        dataset_options={"VERSION": "1.3"},
    )
    if driedeling is None:
        return
    table = _for_writing(driedeling)
    if not isinstance(table, gpd.GeoDataFrame) or table.geometry.name not in table:
        pyogrio.write_dataframe(table, target, layer="driedeling", driver="GPKG")
        return
    kind = table.geom_type.replace({"MultiPolygon": "Polygon", "MultiPoint": "Point"})
    for geom_type, name in DRIEDELING_LAGEN.items():
        part = table.loc[(kind == geom_type).to_numpy()]
        multi = bool((part.geom_type == f"Multi{geom_type}").any())
        pyogrio.write_dataframe(
            part,
            target,
            layer=name,
            driver="GPKG",
            geometry_type=f"Multi{geom_type}" if multi else geom_type,
        )


def read_driedeling(path: str | Path) -> pd.DataFrame | None:
    """The driedeling table of a ``schuifruimte.gpkg`` (new or old layout), or None.

    Reads ``driedeling_terreinen`` and ``driedeling_hotspots`` (one geometry type per
    layer) or the one mixed layer ``driedeling`` of older runs, without geometry, in
    the order terreinen, hotspots.

    Parameters
    ----------
    path
        A ``schuifruimte.gpkg``.

    Returns
    -------
    pandas.DataFrame or None
        The attribute table, or None when the file has no driedeling.
    """
    names = [str(n) for n in pyogrio.list_layers(path)[:, 0]]
    wanted = [n for n in DRIEDELING_LAGEN.values() if n in names] or [
        n for n in ("driedeling",) if n in names
    ]
    if not wanted:
        return None
    parts = [
        pd.DataFrame(pyogrio.read_dataframe(path, layer=n, read_geometry=False)) for n in wanted
    ]
    return pd.concat(parts, ignore_index=True)


def _for_writing(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with text NA -> None and categories -> text, ready for pyogrio."""
    out = frame.copy()
    geom = out.geometry.name if isinstance(out, gpd.GeoDataFrame) else None
    for col in out.columns:
        if col == geom:
            continue
        dtype = out[col].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("string")
            dtype = out[col].dtype
        if isinstance(dtype, pd.StringDtype) or pd.api.types.is_object_dtype(dtype):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out
