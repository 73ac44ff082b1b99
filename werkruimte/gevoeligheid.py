"""Sensitivity of the ranking: how often a candidate stays in the top N (Monte Carlo).

Weights are opinions. :func:`rang_stabiliteit` perturbs a profile's weights many times
(lognormal noise with a configurable spread and a fixed seed), re-ranks the eligible
parcels per gemeente and records for each candidate the share of draws in which it
stays in the top N: ``rang_stabiliteit`` (0..1) in the scored parcels.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from werkruimte.config import default_config
from werkruimte.errors import ConfigError

__all__ = ["check_gevoeligheid", "rang_stabiliteit", "top_n_mask"]


def check_gevoeligheid(settings: Mapping[str, Any] | None) -> None:
    """Raise ConfigError for Monte Carlo settings that cannot be used."""
    if not settings:
        return
    rules = {
        "runs": ("een geheel getal ≥ 0", lambda v: float(v) >= 0 and float(v) == int(v)),
        "spreiding": ("een getal ≥ 0", lambda v: np.isfinite(float(v)) and float(v) >= 0),
        "top_n": ("een geheel getal ≥ 0", lambda v: float(v) >= 0 and float(v) == int(v)),
        "seed": ("een geheel getal ≥ 0", lambda v: float(v) >= 0 and float(v) == int(v)),
    }
    for name, (expected, ok) in rules.items():
        if name not in settings:
            continue
        value = settings[name]
        valid = not isinstance(value, bool) and isinstance(value, int | float)
        if valid:
            try:
                valid = bool(ok(value))
            except (OverflowError, ValueError):
                valid = False
        if not valid:
            raise ConfigError(
                f"verwacht {expected}, gevonden: {value!r}.",
                key=f"criteria.gevoeligheid.{name}",
                hint="bijvoorbeeld runs = 200, spreiding = 0.25, top_n = 0 (uit: runs = 0).",
            )


def top_n_mask(
    total: np.ndarray, eligible: np.ndarray, gemeente: np.ndarray, top_n: int
) -> np.ndarray:
    """True for the best ``top_n`` eligible parcels per gemeente (ties by position)."""
    if top_n <= 0:
        return eligible.copy()
    idx = np.flatnonzero(eligible)
    if len(idx) == 0:
        return eligible.copy()
    frame = pd.DataFrame({"g": gemeente[idx], "s": total[idx], "i": idx})
    frame = frame.sort_values(["g", "s", "i"], ascending=[True, False, True], kind="stable")
    rank = frame.groupby("g", sort=False).cumcount().to_numpy()
    mask = np.zeros(len(total), dtype=bool)
    mask[frame["i"].to_numpy()[rank < top_n]] = True
    return mask


def rang_stabiliteit(
    matrix: np.ndarray,
    weights: np.ndarray,
    *,
    eligible: np.ndarray,
    kand: np.ndarray,
    gemeente: np.ndarray,
    profiel_top_n: int,
    settings: Mapping[str, Any] | None,
) -> np.ndarray:
    """Share of Monte Carlo weight draws in which each candidate stays in the top N.

    Weights are multiplied by lognormal noise (sigma = ``spreiding``), renormalised,
    and the eligible parcels re-ranked per gemeente.

    Parameters
    ----------
    matrix
        Partial scores, one row per parcel and one column per criterion.
    weights
        The profile's weights, one per column of ``matrix``.
    eligible
        Parcels that pass the hard constraints and the minimum score.
    kand
        The candidates (eligible and in the top N of their gemeente).
    gemeente
        Integer code of each parcel's gemeente.
    profiel_top_n
        The profile's top N, used when ``settings`` has ``top_n = 0``.
    settings
        ``[criteria.gevoeligheid]``: ``runs``, ``spreiding``, ``seed``, ``top_n``; a
        key that is missing takes its value from ``standaard.toml``. None or
        ``runs = 0`` switches the analysis off.

    Returns
    -------
    numpy.ndarray
        Per parcel the share of draws in which it stays in the top N; NaN for
        non-candidates (and for everyone when the analysis is off).
    """
    out = np.full(len(eligible), np.nan)
    if not settings:
        return out
    settings = {**default_config().criteria["gevoeligheid"], **settings}
    if int(settings["runs"]) <= 0 or not kand.any() or not len(weights):
        return out
    runs = int(settings["runs"])
    spread = float(settings["spreiding"])
    top_n = int(settings["top_n"]) or profiel_top_n
    rng = np.random.default_rng(int(settings["seed"]))
    w = weights[None, :] * np.exp(rng.normal(0.0, spread, size=(runs, len(weights))))
    w = w / w.sum(axis=1, keepdims=True)
    idx = np.flatnonzero(eligible)
    sub = matrix[idx]
    groups = pd.Series(gemeente[idx]).groupby(gemeente[idx]).indices
    hits = np.zeros(len(idx))
    chunk = max(1, int(2e7 // max(len(idx), 1)))
    for start in range(0, runs, chunk):
        scores = sub @ w[start : start + chunk].T  # (eligible, runs)
        for members in groups.values():
            block = scores[members]
            if top_n <= 0 or top_n >= len(members):
                hits[members] += block.shape[1]
                continue
            # k-th largest per run, then count who is at or above it.
            kth = np.partition(block, len(members) - top_n, axis=0)[len(members) - top_n]
            hits[members] += (block >= kth[None, :]).sum(axis=1)
    stab = hits / runs
    out[idx] = stab
    out[~kand] = np.nan
    return out
