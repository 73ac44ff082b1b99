"""Bedrijventerrein: is a parcel (mostly) on a formal business park, and how far is one.

Uses the same vectorised overlay as :mod:`werkruimte.indicators.bestemming` (one
STRtree query, containment shortcut, vectorised intersection) with every terrain as
its own group, and one nearest-neighbour query for the distance.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte.config import default_config
from werkruimte.errors import ConfigError, InputError
from werkruimte.indicators.afstand import afstand_tot, match_crs
from werkruimte.indicators.bestemming import group_shares
from werkruimte.sources._common import to_number

__all__ = ["op_bedrijventerrein"]

#: Shares within this tolerance below ``min_aandeel`` still count (float noise of the
#: overlay, e.g. a parcel cut exactly in half).
_TOLERANTIE = 1e-9


def op_bedrijventerrein(
    percelen: gpd.GeoDataFrame,
    terreinen: gpd.GeoDataFrame,
    *,
    min_aandeel: float | None = None,
) -> pd.DataFrame:
    """Whether each parcel lies mostly on a bedrijventerrein, which one, and the distance.

    Parameters
    ----------
    percelen
        Parcels in EPSG:28992.
    terreinen
        IBIS terrains (polygons) with ``terrein_id`` and optionally ``naam`` and
        ``milieucategorie_max``. May be empty.
    min_aandeel
        Share (0..1] of the parcel's geometric area that must lie within terrains for
        the parcel to count as on a bedrijventerrein
        (``criteria.bedrijventerrein.min_aandeel``). The share is summed over all
        terrains (a parcel cut by the border of two adjacent terrains still counts) and
        normalised for overlapping terrains, so it never exceeds 1. Default the
        value in ``standaard.toml`` (0.5).

    Returns
    -------
    pandas.DataFrame
        Aligned to ``percelen.index``:

        - ``op_bedrijventerrein`` (bool): share within terrains >= ``min_aandeel``;
        - ``terrein_id`` (string): the terrain holding the largest share of the parcel
          (ties: the first terrain), NA when not on a terrain;
        - ``terrein_naam`` (string): its ``naam``, NA otherwise;
        - ``milieucategorie_max`` (float): its highest milieucategorie, NaN otherwise;
        - ``afstand_bedrijventerrein_m`` (float): distance from the parcel to the
          nearest terrain, 0 when on or touching one, NaN when there are no terrains.

    Raises
    ------
    ConfigError
        When ``min_aandeel`` is not in (0, 1].
    InputError
        When ``terreinen`` has rows but no ``terrein_id`` column, or a
        ``milieucategorie_max`` that is not a number.
    """
    if min_aandeel is None:
        min_aandeel = float(default_config().criteria["bedrijventerrein"]["min_aandeel"])
    if not (0.0 < float(min_aandeel) <= 1.0):
        raise ConfigError(
            f"verwacht een aandeel groter dan 0 en hoogstens 1, gevonden: {min_aandeel!r}.",
            key="criteria.bedrijventerrein.min_aandeel",
            hint="bijvoorbeeld min_aandeel = 0.5 (het grootste deel van het perceel).",
        )
    n = len(percelen)
    op = np.zeros(n, dtype=bool)
    dominant = np.full(n, -1, dtype=np.intp)
    afstand = pd.Series(np.nan, index=percelen.index, dtype="float64")
    if len(terreinen) and n:
        if "terrein_id" not in terreinen.columns:
            raise InputError(
                "kolom terrein_id ontbreekt; gevonden kolommen: "
                f"{', '.join(str(c) for c in terreinen.columns)}.",
                layer="bedrijventerreinen",
                column="terrein_id",
                hint="lever IBIS-bedrijventerreinen met RIN_NUMMER of id aan.",
            )
        terreinen = match_crs(terreinen, percelen, what="bedrijventerreinen")
        op, dominant = _dominant(percelen, terreinen, float(min_aandeel))
        afstand = afstand_tot(percelen, terreinen, name="afstand_bedrijventerrein_m")
    ids, namen, milieu = _terrein_gegevens(terreinen, dominant, percelen.index)
    return pd.DataFrame(
        {
            "op_bedrijventerrein": op,
            "terrein_id": ids,
            "terrein_naam": namen,
            "milieucategorie_max": milieu,
            "afstand_bedrijventerrein_m": afstand.rename(None),
        },
        index=percelen.index,
    )


def _dominant(
    percelen: gpd.GeoDataFrame, terreinen: gpd.GeoDataFrame, min_aandeel: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per parcel whether it is on a terrain, and which terrain holds most of it.

    Returns the mask (share within terrains >= ``min_aandeel``) and per parcel the
    position of the terrain with the largest share (-1 when not on a terrain).
    """
    n = len(percelen)
    op = np.zeros(n, dtype=bool)
    dominant = np.full(n, -1, dtype=np.intp)
    p, c, share = group_shares(
        percelen.geometry.to_numpy(),
        terreinen.geometry.to_numpy(),
        np.arange(len(terreinen), dtype=np.int64),
    )
    if len(p):
        total = np.bincount(p, weights=share, minlength=n)
        op = total >= min_aandeel - _TOLERANTIE
        order = np.lexsort((c, -share, p))
        first = order[np.r_[True, p[order][1:] != p[order][:-1]]]
        dominant[p[first]] = c[first]
        dominant[~op] = -1
    return op, dominant


def _terrein_gegevens(
    terreinen: gpd.GeoDataFrame, dominant: np.ndarray, index: pd.Index
) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """Id, name and highest milieucategorie of each parcel's terrain (NA/NaN when none)."""
    ids = pd.Series(pd.NA, index=index, dtype="string")
    namen = pd.Series(pd.NA, index=index, dtype="string")
    milieu = np.full(len(index), np.nan, dtype="float64")
    on = dominant >= 0
    if not on.any():
        return ids, namen, milieu
    pos = dominant[on]
    ids[on] = terreinen["terrein_id"].astype("string").to_numpy()[pos]
    if "naam" in terreinen.columns:
        namen[on] = terreinen["naam"].astype("string").to_numpy()[pos]
    if "milieucategorie_max" in terreinen.columns:
        cat = to_number(
            terreinen["milieucategorie_max"],
            column="milieucategorie_max",
            layer="bedrijventerreinen",
        ).to_numpy(dtype="float64", na_value=np.nan)
        milieu[on] = cat[pos]
    return ids, namen, milieu
