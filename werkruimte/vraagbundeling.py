"""Glasvezel gaps: where demand bundling (vraagbundeling) for fibre makes sense.

The Werkplan names glasvezel as a weak spot of several werklocaties. A provider lays
fibre where enough demand is bundled, so the useful view is not single locations but
*areas*: werklocaties and candidate schuifruimte clusters whose coverage is below a
threshold, grouped with their neighbours.

Method
------
1. Features below the threshold (``glasvezel_dekking < drempel``; unknown coverage is
   no gap, because without a raster nothing can be said):

   - werklocaties: rows of :func:`werkruimte.driedeling.driedeling` (terrains and
     hotspots, given by the caller) with their ``glasvezel_dekking``;
   - candidate clusters (:func:`werkruimte.schuifruimte`): their
     ``glasvezel_dekking`` column when present, else the area-weighted mean of the
     member parcels (``percelen.cluster_id``), else the raster over the hull.

2. Grouping: two features belong to the same vraagbundelingsgebied when they lie
   within ``afstand_m`` (``criteria.glasvezel.bundel_afstand_m``) of each other
   (single linkage: a chain of near neighbours is one gebied). Implemented as an
   STRtree ``dwithin`` query and connected components.

3. Per gebied the parcels involved are counted once: the member parcels of the
   clusters, the parcels on the gap terrains (``terrein_id``) whose own coverage is
   below the threshold, and the parcel a gap hotspot stands on
   (:func:`werkruimte.werklocaties.perceel_bij_punt`).
   ``oppervlakte_ha`` is their summed ``oppervlakte_m2``; ``gemiddelde_dekking`` their
   area-weighted mean coverage (the features' mean where no parcel is known).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from werkruimte._gescoord import check_gescoord
from werkruimte.errors import ConfigError
from werkruimte.sources._common import RD_NEW
from werkruimte.werklocaties import HOTSPOT_PERCEEL_MAX_M, perceel_bij_punt

if TYPE_CHECKING:
    from werkruimte.regio import Regio

__all__ = ["MAX_NAMEN", "glasvezel_gaten"]

log = logging.getLogger(__name__)

_KOLOMMEN = (
    "gebied_id",
    "gemeenten",
    "aantal_werklocaties",
    "aantal_clusters",
    "aantal_percelen",
    "oppervlakte_ha",
    "gemiddelde_dekking",
    "namen",
)
#: How many names the ``namen`` column lists before it says "(+N meer)".
MAX_NAMEN = 10
#: A gebied of a single point (one hotspot) is drawn as a circle of this radius (m).
_PUNT_STRAAL_M = 25.0
#: Columns of the scored parcels that :func:`glasvezel_gaten` reads.
_VEREIST_PERCELEN = ("glasvezel_dekking", "oppervlakte_m2", "terrein_id")


@dataclass(frozen=True)
class _Deel:
    """Features of one kind below the threshold, and the parcels they involve.

    ``feat`` and ``perceel`` are pairs: feature position (within this part) and
    parcel position (in the scored parcels).
    """

    geoms: np.ndarray
    frame: pd.DataFrame
    feat: np.ndarray
    perceel: np.ndarray


def _leeg() -> gpd.GeoDataFrame:
    frame = pd.DataFrame(
        {
            "gebied_id": pd.Series(dtype="int64"),
            "gemeenten": pd.Series(dtype="string"),
            "aantal_werklocaties": pd.Series(dtype="int64"),
            "aantal_clusters": pd.Series(dtype="int64"),
            "aantal_percelen": pd.Series(dtype="int64"),
            "oppervlakte_ha": pd.Series(dtype="float64"),
            "gemiddelde_dekking": pd.Series(dtype="float64"),
            "namen": pd.Series(dtype="string"),
        }
    )
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=RD_NEW), crs=RD_NEW)


def _floats(frame: pd.DataFrame, column: str) -> np.ndarray:
    return frame[column].to_numpy(dtype="float64", na_value=np.nan)


def _cluster_dekking(
    regio: Regio, percelen: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame
) -> np.ndarray:
    if "glasvezel_dekking" in clusters.columns:
        return _floats(clusters, "glasvezel_dekking")
    n = len(clusters)
    out = np.full(n, np.nan)
    if "cluster_id" in percelen.columns and "cluster_id" in clusters.columns:
        pos = pd.Index(clusters["cluster_id"].to_numpy()).get_indexer(
            percelen["cluster_id"].to_numpy()
        )
        v = _floats(percelen, "glasvezel_dekking")
        w = _floats(percelen, "oppervlakte_m2")
        ok = (pos >= 0) & ~np.isnan(v) & ~np.isnan(w) & (w > 0)
        num = np.bincount(pos[ok], weights=v[ok] * w[ok], minlength=n)
        den = np.bincount(pos[ok], weights=w[ok], minlength=n)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(den > 0, num / den, np.nan)
    if regio.glasvezel is not None and np.isnan(out).any():
        from werkruimte.indicators import glasvezel

        todo = np.isnan(out)
        out[todo] = np.asarray(
            glasvezel.glasvezel_dekking(clusters.loc[todo], regio.glasvezel), dtype="float64"
        )
    return out


def _opties(regio: Regio, drempel: float | None, afstand_m: float | None) -> tuple[float, float]:
    """Threshold and grouping distance: the arguments, else ``criteria.glasvezel``."""
    glas = regio.config.criteria["glasvezel"]
    if drempel is None:
        drempel = float(glas["drempel"])
    if not 0.0 < float(drempel) <= 1.0:
        raise ConfigError(
            f"verwacht een dekking groter dan 0 en hoogstens 1, gevonden: {drempel!r}.",
            key="criteria.glasvezel.drempel",
            hint="bijvoorbeeld drempel = 0.8 (80% van de adressen).",
        )
    key = "afstand_m"
    if afstand_m is None:
        afstand_m, key = float(glas["bundel_afstand_m"]), "criteria.glasvezel.bundel_afstand_m"
    if afstand_m < 0:
        raise ConfigError(f"afstand_m moet 0 of groter zijn, gevonden: {afstand_m!r}.", key=key)
    return float(drempel), float(afstand_m)


def _werklocatie_deel(
    werklocaties: gpd.GeoDataFrame, percelen: gpd.GeoDataFrame, p_gat: np.ndarray, drempel: float
) -> _Deel | None:
    """Werklocaties below the threshold, with the gap parcels they involve.

    A terrain involves its parcels below the threshold, a hotspot the parcel it stands
    on when that is below the threshold.
    """
    w = werklocaties
    with np.errstate(invalid="ignore"):
        w_gat = _floats(w, "glasvezel_dekking") < drempel
    w = w.loc[w_gat]
    if not len(w):
        return None
    if w.crs is not None and percelen.crs is not None and w.crs != percelen.crs:
        w = w.to_crs(percelen.crs)
    frame = pd.DataFrame(
        {
            "naam": w["naam"].astype("string").fillna(w["id"].astype("string")).to_numpy(),
            "gemeente": w["gemeente"].astype("string").to_numpy(),
            "dekking": _floats(w, "glasvezel_dekking"),
            "werklocatie": 1,
            "cluster": 0,
        }
    )
    formeel = (w["soort"].astype("string") == "formeel").to_numpy(dtype=bool, na_value=False)
    # Terrains: their parcels (terrein_id) below the threshold.
    t_ids = w["id"].astype("string").to_numpy(dtype=object)
    t_pos = pd.Index(t_ids[formeel]).get_indexer(
        percelen["terrein_id"].astype("string").to_numpy(dtype=object)
    )
    sel = (t_pos >= 0) & p_gat
    # Hotspots: the parcel they stand on, when it is below the threshold.
    inf = np.flatnonzero(~formeel)
    perceel = perceel_bij_punt(w.geometry.to_numpy()[inf], percelen, max_m=HOTSPOT_PERCEEL_MAX_M)
    keep = perceel >= 0
    keep[keep] = p_gat[perceel[keep]]
    return _Deel(
        geoms=w.geometry.to_numpy(),
        frame=frame,
        feat=np.concatenate([np.flatnonzero(formeel)[t_pos[sel]], inf[keep]]),
        perceel=np.concatenate([np.flatnonzero(sel), perceel[keep]]),
    )


def _cluster_deel(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None,
    drempel: float,
) -> _Deel | None:
    """Candidate clusters below the threshold, with their member parcels."""
    if clusters is None or not len(clusters):
        return None
    c = clusters
    if c.crs is not None and percelen.crs is not None and c.crs != percelen.crs:
        c = c.to_crs(percelen.crs)
    dek = _cluster_dekking(regio, percelen, c)
    with np.errstate(invalid="ignore"):
        c_gat = dek < drempel
    c = c.loc[c_gat]
    dek = dek[c_gat]
    if not len(c):
        return None
    cid = c["cluster_id"] if "cluster_id" in c else pd.Series(np.arange(len(c)))
    gem = (
        c["gemeenten"].astype("string")
        if "gemeenten" in c
        else pd.Series(pd.NA, index=c.index, dtype="string")
    )
    frame = pd.DataFrame(
        {
            "naam": ("cluster " + cid.astype("string")).to_numpy(),
            "gemeente": gem.to_numpy(),
            "dekking": dek,
            "werklocatie": 0,
            "cluster": 1,
        }
    )
    feat = perceel = np.empty(0, dtype=np.intp)
    if "cluster_id" in percelen.columns:
        c_pos = pd.Index(cid.to_numpy()).get_indexer(percelen["cluster_id"].to_numpy())
        sel = c_pos >= 0
        feat, perceel = c_pos[sel], np.flatnonzero(sel)
    return _Deel(geoms=c.geometry.to_numpy(), frame=frame, feat=feat, perceel=perceel)


def _gemeenten(values: pd.Series) -> str:
    parts = values.dropna().astype("string").str.split(",").explode().str.strip()
    parts = parts[parts.notna() & (parts != "")]
    return ", ".join(sorted(set(parts.tolist())))


def _namen(values: pd.Series) -> str:
    names = [str(v) for v in values.dropna()]
    more = len(names) - MAX_NAMEN
    return "; ".join(names[:MAX_NAMEN]) + (f" (+{more} meer)" if more > 0 else "")


def _per_gebied(
    feats: pd.DataFrame,
    label: np.ndarray,
    paren: tuple[np.ndarray, np.ndarray],
    p_dek: np.ndarray,
    p_m2: np.ndarray,
) -> pd.DataFrame:
    """Counts, hectares and mean coverage per gebied; each parcel counted once."""
    fp, pp = paren
    involved = pd.DataFrame({"gebied": label[fp], "perceel": pp}).drop_duplicates()
    involved["m2"] = np.nan_to_num(p_m2[involved["perceel"].to_numpy()])
    involved["dek"] = p_dek[involved["perceel"].to_numpy()]
    involved["wdek"] = involved["dek"] * involved["m2"]
    involved["wm2"] = involved["m2"].where(involved["dek"].notna(), 0.0)
    per_p = involved.groupby("gebied").agg(
        aantal_percelen=("perceel", "size"),
        m2=("m2", "sum"),
        wdek=("wdek", "sum"),
        wm2=("wm2", "sum"),
    )
    per_f = (
        feats.assign(gebied=label)
        .groupby("gebied")
        .agg(
            aantal_werklocaties=("werklocatie", "sum"),
            aantal_clusters=("cluster", "sum"),
            gemeenten=("gemeente", _gemeenten),
            namen=("naam", _namen),
            dekking=("dekking", "mean"),
            eerste=("werklocatie", lambda s: int(s.index.min())),
        )
    )
    out = per_f.join(per_p, how="left")
    out["aantal_percelen"] = out["aantal_percelen"].fillna(0).astype("int64")
    out["oppervlakte_ha"] = out["m2"].fillna(0.0) / 1e4
    with np.errstate(divide="ignore", invalid="ignore"):
        parcel_mean = np.where(out["wm2"].fillna(0) > 0, out["wdek"] / out["wm2"], np.nan)
    out["gemiddelde_dekking"] = np.where(np.isnan(parcel_mean), out["dekking"], parcel_mean)
    return out


def _omhullende(label: np.ndarray, geom: np.ndarray) -> pd.Series:
    """Per gebied the convex hull of its members; a lone point or line gets a buffer."""
    dissolved = gpd.GeoDataFrame({"gebied": label}, geometry=geom, crs=RD_NEW).dissolve("gebied")
    hull = shapely.convex_hull(dissolved.geometry.to_numpy())
    flat = ~np.isin(shapely.get_type_id(hull), (3, 6))
    hull[flat] = shapely.buffer(hull[flat], _PUNT_STRAAL_M)
    return pd.Series(hull, index=dissolved.index, name="geometry")


def glasvezel_gaten(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None,
    werklocaties: gpd.GeoDataFrame,
    *,
    drempel: float | None = None,
    afstand_m: float | None = None,
) -> gpd.GeoDataFrame:
    """Vraagbundelingsgebieden: groups of werklocaties and clusters short of glasvezel.

    Parameters
    ----------
    regio
        The region (config for the threshold; raster when clusters need it).
    percelen
        The scored parcels: ``glasvezel_dekking``, ``oppervlakte_m2``, ``terrein_id``,
        optionally ``cluster_id``.
    clusters
        Candidate clusters (``cluster_id``, geometry; optionally
        ``glasvezel_dekking``), or None.
    werklocaties
        The werklocaties (``id``, ``naam``, ``soort``, ``gemeente``,
        ``glasvezel_dekking``, geometry), e.g. the output of
        :func:`werkruimte.driedeling.driedeling`.
    drempel
        Coverage (0..1) below which a location is a gap; default
        ``criteria.glasvezel.drempel``.
    afstand_m
        Features within this distance of each other form one gebied; default
        ``criteria.glasvezel.bundel_afstand_m``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per gebied, largest first (EPSG:28992): ``gebied_id`` (1, 2, ...),
        ``gemeenten`` (comma-separated), ``aantal_werklocaties``, ``aantal_clusters``,
        ``aantal_percelen``, ``oppervlakte_ha``, ``gemiddelde_dekking`` (0..1),
        ``namen`` (werklocaties and ``cluster <id>``, ``; ``-separated, at most 10 then
        ``(+N meer)``) and the geometry (convex hull of the members; a single point as
        a 25 m circle).

    Raises
    ------
    ConfigError
        When ``drempel`` is not in (0, 1] or ``afstand_m`` is negative.
    InputError
        When ``percelen`` lacks ``glasvezel_dekking``, ``oppervlakte_m2`` or
        ``terrein_id``.
    """
    drempel, afstand_m = _opties(regio, drempel, afstand_m)
    check_gescoord(percelen, _VEREIST_PERCELEN, doel="glasvezelgaten te bepalen")
    p_dek = _floats(percelen, "glasvezel_dekking")
    p_m2 = _floats(percelen, "oppervlakte_m2")
    with np.errstate(invalid="ignore"):
        p_gat = p_dek < drempel
    delen = [
        d
        for d in (
            _werklocatie_deel(werklocaties, percelen, p_gat, drempel),
            _cluster_deel(regio, percelen, clusters, drempel),
        )
        if d is not None
    ]
    if not delen:
        return _leeg()
    feats = pd.concat([d.frame for d in delen], ignore_index=True)
    geom = np.concatenate([d.geoms for d in delen])
    offsets = np.cumsum([0, *(len(d.frame) for d in delen)])[:-1]
    paren = (
        np.concatenate([o + d.feat for o, d in zip(offsets, delen, strict=True)]),
        np.concatenate([d.perceel for d in delen]),
    )

    # Group: features within afstand_m of each other, single linkage.
    n = len(feats)
    a, b = shapely.STRtree(geom).query(geom, predicate="dwithin", distance=afstand_m)
    graph = coo_array((np.ones(len(a)), (a, b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)

    out = _per_gebied(feats, label, paren, p_dek, p_m2).join(_omhullende(label, geom))
    out = out.sort_values(["oppervlakte_ha", "eerste"], ascending=[False, True])
    out["gebied_id"] = np.arange(1, len(out) + 1, dtype="int64")
    out["gemeenten"] = out["gemeenten"].astype("string")
    out["namen"] = out["namen"].astype("string")
    for col in ("aantal_werklocaties", "aantal_clusters"):
        out[col] = out[col].astype("int64")
    result = gpd.GeoDataFrame(
        out[list(_KOLOMMEN)].reset_index(drop=True),
        geometry=out["geometry"].to_numpy(),
        crs=RD_NEW,
    )
    log.info(
        "glasvezelgaten: %d gebieden, %d percelen, %.1f ha",
        len(result),
        int(result["aantal_percelen"].sum()),
        float(result["oppervlakte_ha"].sum()),
    )
    return result
