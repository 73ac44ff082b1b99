"""Year on year: last year's run against this year's, read from both runs' outputs.

:func:`monitor` gives the comparison of :func:`werkruimte.vergelijk.vergelijk` plus
what changed in the inputs:

- ``toegevoegd`` / ``verwijderd``: parcels (by ``perceel_id``) only in the new or only
  in the old run, not counting parcels in a merge;
- ``samengevoegd``: a new parcel that covers two or more old parcels (each old parcel
  lies for at least ``min_overlap`` of its area inside it); found with an STRtree and
  vectorised intersections, never a loop over parcels;
- ``bestemming``: parcels whose ``bestemming`` changed;
- ``naar_wonen``: bedrijventerreinen (``terrein_id`` of the parcels) where parcels went
  from another bestemming to ``wonen`` — the transformation the transformatiefonds
  tries to prevent — with the share of wonen before and after;
- ``invoer``: the sources whose SHA-256 changed between the manifests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte.run import Run
from werkruimte.vergelijk import (
    Vergelijking,
    koppen,
    records,
    vergelijk,
    write_laag,
    write_werkboek,
)

__all__ = ["Monitor", "monitor", "perceel_mutaties", "schrijf_monitor", "terreinen_naar_wonen"]

WONEN = "wonen"
_BASIS = ["perceel_id", "gemeente", "oppervlakte_m2"]


@dataclass(frozen=True)
class Monitor:
    """The year-on-year comparison; see the module docstring for the tables."""

    vergelijking: Vergelijking
    toegevoegd: gpd.GeoDataFrame = field(repr=False)
    verwijderd: gpd.GeoDataFrame = field(repr=False)
    samengevoegd: gpd.GeoDataFrame = field(repr=False)
    bestemming: gpd.GeoDataFrame = field(repr=False)
    naar_wonen: pd.DataFrame = field(repr=False)
    invoer: pd.DataFrame = field(repr=False)

    def as_dict(self) -> dict[str, Any]:
        """The numbers as a JSON-able dict (no geometry)."""
        return {
            "vergelijking": self.vergelijking.as_dict(),
            "percelen": {
                "toegevoegd": sorted(self.toegevoegd["perceel_id"].astype(str)),
                "verwijderd": sorted(self.verwijderd["perceel_id"].astype(str)),
                "samengevoegd": records(self.samengevoegd),
                "bestemming_gewijzigd": records(self.bestemming),
            },
            "naar_wonen": records(self.naar_wonen),
            "invoer": records(self.invoer),
        }


def _ids(frame: pd.DataFrame) -> pd.Series:
    return frame["perceel_id"].astype("string")


def _samengevoegd(
    new: gpd.GeoDataFrame, old: gpd.GeoDataFrame, *, min_overlap: float
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (new position, old position) of the old parcels absorbed by a merge."""
    if not len(new) or not len(old):
        return np.empty(0, dtype=int), np.empty(0, dtype=int)
    g_new = new.geometry.to_numpy()
    g_old = old.geometry.to_numpy()
    tree = shapely.STRtree(g_old)
    i_new, j_old = tree.query(g_new, predicate="intersects")
    inter = shapely.area(shapely.intersection(g_new[i_new], g_old[j_old]))
    area = shapely.area(g_old[j_old])
    with np.errstate(invalid="ignore", divide="ignore"):
        keep = inter >= min_overlap * area
    i_new, j_old = i_new[keep], j_old[keep]
    counts = np.bincount(i_new, minlength=len(new))
    merged = counts[i_new] >= 2
    return i_new[merged], j_old[merged]


def perceel_mutaties(
    vorig: gpd.GeoDataFrame, nu: gpd.GeoDataFrame, *, min_overlap: float = 0.5
) -> dict[str, gpd.GeoDataFrame]:
    """Parcels added, removed and merged between two runs, and bestemming changes.

    Parameters
    ----------
    vorig, nu
        Scored parcels of the old and the new run (``perceel_id``, ``gemeente``,
        ``oppervlakte_m2``, ``bestemming``, geometry).
    min_overlap
        Share of an old parcel's area that must lie in a new parcel to count as
        merged into it.

    Returns
    -------
    dict of geopandas.GeoDataFrame
        ``toegevoegd``, ``verwijderd`` (``perceel_id``, ``gemeente``,
        ``oppervlakte_m2``), ``samengevoegd`` (the new parcel, ``oude_percelen``
        joined by "; ", ``aantal_oude``) and ``bestemming`` (``perceel_id``,
        ``gemeente``, ``terrein_naam``, ``bestemming_vorig``, ``bestemming_nu``), all
        with geometry.
    """
    id_old, id_new = _ids(vorig), _ids(nu)
    only_new = nu.loc[~id_new.isin(id_old).to_numpy()]
    only_old = vorig.loc[~id_old.isin(id_new).to_numpy()]
    i_new, j_old = _samengevoegd(only_new, only_old, min_overlap=min_overlap)
    pairs = pd.DataFrame(
        {
            "nieuw": _ids(only_new).to_numpy()[i_new],
            "oud": _ids(only_old).to_numpy()[j_old],
        }
    )
    groups = pairs.groupby("nieuw")["oud"].agg(oude_percelen="; ".join, aantal_oude="size")
    merged_new = _ids(only_new).isin(groups.index).to_numpy()
    merged_old = _ids(only_old).isin(pairs["oud"]).to_numpy()
    samen = only_new.loc[merged_new, [*_BASIS, only_new.geometry.name]].copy()
    samen = samen.join(groups, on="perceel_id")

    both = pd.DataFrame({"perceel_id": id_old, "bestemming_vorig": vorig["bestemming"]}).merge(
        pd.DataFrame({"perceel_id": id_new, "_pos": np.arange(len(nu))}), on="perceel_id"
    )
    was = both["bestemming_vorig"].astype("string").fillna("")
    pos = both["_pos"].to_numpy()
    now = nu["bestemming"].astype("string").fillna("").to_numpy()[pos]
    changed = (was.to_numpy() != now).astype(bool)
    cols = [c for c in [*_BASIS, "terrein_naam", "bestemming"] if c in nu.columns]
    best = nu.iloc[pos[changed]][[*cols, nu.geometry.name]].rename(
        columns={"bestemming": "bestemming_nu"}
    )
    best.insert(len(cols) - 1, "bestemming_vorig", was.to_numpy()[changed])
    return {
        "toegevoegd": only_new.loc[~merged_new, [*_BASIS, only_new.geometry.name]],
        "verwijderd": only_old.loc[~merged_old, [*_BASIS, only_old.geometry.name]],
        "samengevoegd": samen,
        "bestemming": best,
    }


def _hoofd(frame: pd.DataFrame) -> pd.DataFrame:
    """Per terrein: the bestemming with the most m², and the share of wonen."""
    m2 = frame.groupby(["terrein_id", "bestemming"])["m2"].sum()
    total = m2.groupby(level=0).sum()
    hoofd = m2.sort_values(ascending=False, kind="stable").groupby(level=0).head(1)
    hoofd = hoofd.reset_index(level=1)["bestemming"]
    wonen = frame.loc[frame["bestemming"] == WONEN].groupby("terrein_id")["m2"].sum()
    return pd.DataFrame(
        {"hoofdbestemming": hoofd, "aandeel_wonen": wonen.reindex(total.index).fillna(0) / total}
    )


def _terrein_frame(percelen: pd.DataFrame) -> pd.DataFrame:
    on = percelen["terrein_id"].notna().to_numpy()
    return pd.DataFrame(
        {
            "perceel_id": _ids(percelen)[on],
            "terrein_id": percelen["terrein_id"].astype("string")[on],
            "terrein_naam": percelen["terrein_naam"].astype("string")[on],
            "gemeente": percelen["gemeente"].astype("string")[on],
            "bestemming": percelen["bestemming"].astype("string").fillna("")[on],
            "m2": pd.to_numeric(percelen["oppervlakte_m2"], errors="coerce").fillna(0)[on],
        }
    )


def terreinen_naar_wonen(
    vorig: pd.DataFrame, nu: pd.DataFrame, driedeling: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Bedrijventerreinen where parcels went to bestemming ``wonen``.

    Parameters
    ----------
    vorig, nu
        Scored parcels of both runs (``perceel_id``, ``terrein_id``, ``terrein_naam``,
        ``gemeente``, ``bestemming``, ``oppervlakte_m2``).
    driedeling
        The new run's driedeling table, for the class of each terrain (optional).

    Returns
    -------
    pandas.DataFrame
        One row per terrain with parcels that became wonen: ``terrein_id``,
        ``terrein_naam``, ``gemeente``, ``naar_wonen_m2`` (m² of those parcels),
        ``aandeel_wonen_vorig``/``_nu`` (share of the terrain's m² with bestemming
        wonen), ``hoofdbestemming_vorig``/``_nu`` (most m²), ``werd_wonen`` (the main
        bestemming became wonen) and ``klasse`` (driedeling, when given).
    """
    cols = ["terrein_id", "terrein_naam", "gemeente", "naar_wonen_m2", "aandeel_wonen_vorig"]
    cols += ["aandeel_wonen_nu", "hoofdbestemming_vorig", "hoofdbestemming_nu", "werd_wonen"]
    if "terrein_id" not in vorig.columns or "terrein_id" not in nu.columns:
        return pd.DataFrame(columns=[*cols, "klasse"])
    tv, tn = _terrein_frame(vorig), _terrein_frame(nu)
    m = tn.merge(tv[["perceel_id", "bestemming"]], on="perceel_id", suffixes=("", "_vorig"))
    flip = (m["bestemming"] == WONEN) & (m["bestemming_vorig"] != WONEN)
    per = (
        m.loc[flip]
        .groupby("terrein_id")
        .agg(
            terrein_naam=("terrein_naam", "first"),
            gemeente=("gemeente", "first"),
            naar_wonen_m2=("m2", "sum"),
        )
    )
    out = per.join(_hoofd(tv).add_suffix("_vorig")).join(_hoofd(tn).add_suffix("_nu"))
    out["werd_wonen"] = (out["hoofdbestemming_nu"] == WONEN) & (
        out["hoofdbestemming_vorig"] != WONEN
    )
    out = out.reset_index()[cols]
    klasse = pd.Series(dtype="string")
    if driedeling is not None and {"id", "klasse"} <= set(driedeling.columns):
        klasse = driedeling.set_index(driedeling["id"].astype("string"))["klasse"]
    out["klasse"] = out["terrein_id"].map(klasse.astype("string"))
    return out.sort_values("naar_wonen_m2", ascending=False, ignore_index=True)


def _invoer(vorig: Run, nu: Run) -> pd.DataFrame:
    a, b = vorig.manifest.get("invoer") or {}, nu.manifest.get("invoer") or {}

    def sha(d: dict[str, Any], k: str) -> str | None:
        v = d.get(k)
        return v.get("sha256") if isinstance(v, dict) else None

    rows = [(k, sha(a, k), sha(b, k)) for k in dict.fromkeys([*a, *b])]
    out = pd.DataFrame(rows, columns=["bron", "sha256_vorig", "sha256_nu"], dtype="string")
    out["gewijzigd"] = (out["sha256_vorig"].fillna("") != out["sha256_nu"].fillna("")).astype(bool)
    return out


def monitor(vorig: Run, nu: Run, *, min_overlap: float = 0.5) -> Monitor:
    """Compare last year's run with this year's.

    Parameters
    ----------
    vorig, nu
        Runs read with :func:`werkruimte.run.lees_run`.
    min_overlap
        See :func:`perceel_mutaties`.

    Returns
    -------
    Monitor
        The comparison (labels ``vorig``/``nu``) and the changes in the inputs.
    """
    pv, pn = vorig.percelen(), nu.percelen()
    mut = perceel_mutaties(pv, pn, min_overlap=min_overlap)
    return Monitor(
        vergelijking=vergelijk(vorig, nu, namen=("vorig", "nu")),
        toegevoegd=mut["toegevoegd"],
        verwijderd=mut["verwijderd"],
        samengevoegd=mut["samengevoegd"],
        bestemming=mut["bestemming"],
        naar_wonen=terreinen_naar_wonen(pv, pn, nu.driedeling()),
        invoer=_invoer(vorig, nu),
    )


_KOPPEN_MONITOR = {
    "perceel_id": "perceel",
    "oppervlakte_m2": "oppervlakte (m²)",
    "oude_percelen": "oude percelen",
    "aantal_oude": "aantal oude percelen",
    "terrein_naam": "bedrijventerrein",
    "bestemming_vorig": "bestemming vorig",
    "bestemming_nu": "bestemming nu",
    "terrein_id": "terrein",
    "naar_wonen_m2": "naar wonen (m²)",
    "aandeel_wonen_vorig": "aandeel wonen vorig",
    "aandeel_wonen_nu": "aandeel wonen nu",
    "hoofdbestemming_vorig": "hoofdbestemming vorig",
    "hoofdbestemming_nu": "hoofdbestemming nu",
    "werd_wonen": "werd wonen",
    "klasse": "klasse (driedeling)",
    "sha256_vorig": "SHA-256 vorig",
    "sha256_nu": "SHA-256 nu",
}


def schrijf_monitor(m: Monitor, out: str | os.PathLike[str]) -> list[Path]:
    """Write ``monitor.gpkg``, ``monitor.xlsx`` and ``monitor.json`` into ``out``.

    All-or-nothing through :func:`werkruimte.export.atomic_outputs`. The GeoPackage
    has layers ``percelen`` and ``clusters`` (the comparison) and ``toegevoegd``,
    ``verwijderd``, ``samengevoegd``, ``bestemming`` (parcels).

    Parameters
    ----------
    m
        Output of :func:`monitor`.
    out
        The output folder (created when missing).

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    from werkruimte import export

    v = m.vergelijking
    folder = Path(out)
    lagen = {
        "percelen": v.percelen,
        "clusters": v.clusters,
        "toegevoegd": m.toegevoegd,
        "verwijderd": m.verwijderd,
        "samengevoegd": m.samengevoegd,
        "bestemming": m.bestemming,
    }
    bladen = {
        "samenvatting": koppen(v.samenvatting, v.namen),
        "driedeling": koppen(v.driedeling, v.namen),
        "naar wonen": m.naar_wonen.rename(columns=_KOPPEN_MONITOR),
        "samengevoegd": m.samengevoegd.rename(columns=_KOPPEN_MONITOR),
        "toegevoegd": m.toegevoegd.rename(columns=_KOPPEN_MONITOR),
        "verwijderd": m.verwijderd.rename(columns=_KOPPEN_MONITOR),
        "bestemming gewijzigd": m.bestemming.rename(columns=_KOPPEN_MONITOR),
        "invoer": m.invoer.rename(columns=_KOPPEN_MONITOR),
        "instellingen": koppen(v.instellingen, v.namen),
    }
    with export.atomic_outputs(folder) as tx:
        gpkg = tx.path(folder / "monitor.gpkg")
        for name, layer in lagen.items():
            write_laag(layer, gpkg, name)
        write_werkboek(bladen, tx.path(folder / "monitor.xlsx"))
        export.write_json(m.as_dict(), tx.path(folder / "monitor.json"))
        return tx.targets
