"""The demand side: supply against demand per gemeente and for the region.

The Werkplan asks ~14 ha of schuifruimte for the region (``criteria.schuifruimte.vraag_ha``);
a gemeente may name its own share (``criteria.schuifruimte.vraag_ha_per_gemeente``).
For the middensegment the demand per gemeente is given in m² and in number of companies
(``criteria.middensegment.vraag_m2_per_gemeente``, ``vraag_bedrijven_per_gemeente``).
Without a demand the verdict is ``geen vraag opgegeven``: the tool does not pretend to
know that supply is "voldoende".

Supply of schuifruimte per gemeente is the summed ``oppervlakte_m2`` of the parcels in
a cluster (``cluster_id >= 0``), so a cluster across a border counts in both gemeenten
for its own parcels; the region's total equals the clusters' total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte._gescoord import check_gescoord
from werkruimte.config import Config
from werkruimte.errors import ConfigError

__all__ = [
    "GEEN_VRAAG",
    "REGIO",
    "Balansen",
    "balans_per_gemeente",
    "middensegment_balans",
    "schuifruimte_balans",
]

#: The verdict when no demand was configured.
GEEN_VRAAG = "geen vraag opgegeven"
#: Label of the region's row.
REGIO = "regio"
BUITEN = "buiten regio"


def _vraag(config: Config, section: str, key: str, gemeenten: list[str]) -> dict[str, float]:
    """A per-gemeente demand table from the config, checked: numbers >= 0, known names."""
    table = config.criteria.get(section, {}).get(key, {}) or {}
    dotted = f"criteria.{section}.{key}"
    if not isinstance(table, dict):
        raise ConfigError("verwacht een tabel gemeente = getal.", path=config.path, key=dotted)
    out: dict[str, float] = {}
    for name, value in table.items():
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not math.isfinite(float(value)) or float(value) < 0:
            raise ConfigError(
                f"verwacht een getal van 0 of meer, gevonden: {value!r}.",
                path=config.path,
                key=f"{dotted}.{name}",
            )
        if gemeenten and name not in gemeenten:
            raise ConfigError(
                f"onbekende gemeente '{name}'; gemeenten in de gegevens: {', '.join(gemeenten)}.",
                path=config.path,
                key=f"{dotted}.{name}",
                hint='schrijf de naam zoals in de gemeentegrenzen (bv. "Laren (NH.)").',
            )
        out[str(name)] = float(value)
    return out


def _gemeenten(values: pd.Series) -> list[str]:
    names = values.astype("string").dropna().unique().tolist()
    return sorted(str(n) for n in names if str(n) != BUITEN)


def _oordeel(tekort: np.ndarray, has_vraag: np.ndarray) -> np.ndarray:
    return np.where(~has_vraag, GEEN_VRAAG, np.where(tekort, "tekort", "voldoende"))


def schuifruimte_balans(percelen: gpd.GeoDataFrame, config: Config) -> pd.DataFrame:
    """Schuifruimte found against demand, per gemeente and for the region.

    Parameters
    ----------
    percelen
        Scored, clustered parcels (``gemeente``, ``oppervlakte_m2``, ``cluster_id``).
    config
        Reads ``criteria.schuifruimte.vraag_ha`` and ``vraag_ha_per_gemeente``.

    Returns
    -------
    pandas.DataFrame
        One row per gemeente (sorted) and a last row ``regio``: ``gemeente``,
        ``aanbod_ha`` (parcels in a cluster), ``clusters`` (distinct clusters with a
        parcel there), ``vraag_ha`` (NaN when not given), ``saldo_ha`` (aanbod − vraag)
        and ``oordeel`` (``voldoende``, ``tekort`` or ``geen vraag opgegeven``).
    """
    check_gescoord(
        percelen, ("gemeente", "oppervlakte_m2", "cluster_id"), doel="de schuifruimte te tellen"
    )
    gemeenten = _gemeenten(percelen["gemeente"])
    vraag = _vraag(config, "schuifruimte", "vraag_ha_per_gemeente", gemeenten)
    cid = pd.to_numeric(percelen["cluster_id"], errors="coerce").fillna(-1).to_numpy()
    frame = pd.DataFrame(
        {
            "gemeente": percelen["gemeente"].astype("string").to_numpy(),
            "ha": pd.to_numeric(percelen["oppervlakte_m2"], errors="coerce").to_numpy() / 1e4,
            "cluster": cid,
        }
    ).loc[cid >= 0]
    per = frame.groupby("gemeente").agg(aanbod_ha=("ha", "sum"), clusters=("cluster", "nunique"))
    out = per.reindex(gemeenten).fillna(0.0)
    out["clusters"] = out["clusters"].astype("int64")
    out["vraag_ha"] = pd.Series(vraag, dtype="float64").reindex(out.index)
    regio = {
        "aanbod_ha": float(frame["ha"].sum()),
        "clusters": int(frame["cluster"].nunique()),
        "vraag_ha": float(config.criteria["schuifruimte"]["vraag_ha"]),
    }
    out.loc[REGIO] = pd.Series(regio)
    out["clusters"] = out["clusters"].astype("int64")
    out["saldo_ha"] = out["aanbod_ha"] - out["vraag_ha"]
    has = out["vraag_ha"].notna().to_numpy()
    out["oordeel"] = _oordeel((out["saldo_ha"] < -1e-9).to_numpy(), has)
    out.index.name = "gemeente"
    return out.reset_index()


def middensegment_balans(middensegment: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Middensegment supply (the ``middensegment`` table) against demand.

    Parameters
    ----------
    middensegment
        Output of :func:`werkruimte.middensegment.middensegment_match` (or the run's
        ``middensegment.csv``): ``gemeente``, ``aanbod_plekken``, ``aanbod_m2``.
    config
        Reads ``criteria.middensegment.vraag_m2_per_gemeente`` and
        ``vraag_bedrijven_per_gemeente``.

    Returns
    -------
    pandas.DataFrame
        Per gemeente (table order) and a last row ``regio``: ``gemeente``,
        ``aanbod_plekken``, ``aanbod_m2``, ``vraag_bedrijven``, ``vraag_m2`` (NaN when
        not given), ``saldo_plekken``, ``saldo_m2`` and ``oordeel``: ``tekort`` when
        either demand is not met, ``voldoende`` when every given demand is met,
        ``geen vraag opgegeven`` when neither is given. The region's demand is the sum
        of the gemeenten that gave one (NaN when none did).
    """
    gemeenten = [str(g) for g in middensegment["gemeente"].astype("string").dropna()]
    m2 = _vraag(config, "middensegment", "vraag_m2_per_gemeente", gemeenten)
    n = _vraag(config, "middensegment", "vraag_bedrijven_per_gemeente", gemeenten)
    out = pd.DataFrame(
        {
            "gemeente": gemeenten,
            "aanbod_plekken": pd.to_numeric(middensegment["aanbod_plekken"]).to_numpy(),
            "aanbod_m2": pd.to_numeric(middensegment["aanbod_m2"]).to_numpy(dtype="float64"),
        }
    )
    out["vraag_bedrijven"] = out["gemeente"].map(n).astype("float64")
    out["vraag_m2"] = out["gemeente"].map(m2).astype("float64")
    totaal = {
        "gemeente": REGIO,
        "aanbod_plekken": out["aanbod_plekken"].sum(),
        "aanbod_m2": out["aanbod_m2"].sum(),
        "vraag_bedrijven": out["vraag_bedrijven"].sum(min_count=1),
        "vraag_m2": out["vraag_m2"].sum(min_count=1),
    }
    out = pd.concat([out, pd.DataFrame([totaal])], ignore_index=True)
    out["saldo_plekken"] = out["aanbod_plekken"] - out["vraag_bedrijven"]
    out["saldo_m2"] = out["aanbod_m2"] - out["vraag_m2"]
    has = (out["vraag_bedrijven"].notna() | out["vraag_m2"].notna()).to_numpy()
    tekort = ((out["saldo_plekken"] < 0) | (out["saldo_m2"] < -1e-9)).to_numpy()
    out["oordeel"] = _oordeel(tekort, has)
    return out


@dataclass(frozen=True)
class Balansen:
    """Supply against demand: ``schuifruimte`` and (when known) ``middensegment``."""

    schuifruimte: pd.DataFrame
    middensegment: pd.DataFrame | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-able: each table as a list of records (NaN as None)."""

        def records(frame: pd.DataFrame | None) -> list[dict[str, Any]] | None:
            if frame is None:
                return None
            clean = frame.astype(object).where(frame.notna(), None)
            return [{str(k): v for k, v in r.items()} for r in clean.to_dict(orient="records")]

        return {
            "schuifruimte": records(self.schuifruimte),
            "middensegment": records(self.middensegment),
        }


def balans_per_gemeente(
    percelen: gpd.GeoDataFrame, config: Config, *, middensegment: pd.DataFrame | None = None
) -> Balansen:
    """Schuifruimte and middensegment supply against demand, per gemeente and region.

    Parameters
    ----------
    percelen
        Scored, clustered parcels (``gemeente``, ``oppervlakte_m2``, ``cluster_id``).
    config
        The configuration with the demand (see the module docstring).
    middensegment
        The middensegment table, when there is one.

    Returns
    -------
    Balansen
        See :func:`schuifruimte_balans` and :func:`middensegment_balans`.

    Raises
    ------
    ConfigError
        A demand that is not a number of 0 or more, or names an unknown gemeente.
    """
    return Balansen(
        schuifruimte=schuifruimte_balans(percelen, config),
        middensegment=None
        if middensegment is None
        else middensegment_balans(middensegment, config),
    )
