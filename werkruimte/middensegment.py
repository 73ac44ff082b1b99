"""Middensegment match: supply of 400-1500 m² work space per gemeente.

The Werkplan names the middensegment (units of 400-1500 m²) as a gap. This table
sets, per gemeente, what the informal werklocaties offer in that size class against
the candidate parcels the ``middensegment`` profile found, so a planner sees where
the middensegment is thin.

Which hotspots count
--------------------
A hotspot counts when its ``grootteklasse`` text overlaps the middensegment bounds
``[criteria.grootte.midden_min, midden_max)`` (default 400 up to but not including
1500 m²). The text is read leniently: ``"400-1500"``, ``"400 – 1.500 m²"``,
``"400 tot 1500"`` (a range), ``"< 400"``, ``"tot 400"`` (up to), ``"> 1500"``,
``"vanaf 1500"``, ``"1500+"`` (from), a single number (that size), or any text with
``"midden"`` in it. Unreadable or missing classes do not count.

The verdict (``oordeel``)
-------------------------
``aanbod_plekken`` = hotspots in the class with ``leegstand_m2 > 0`` (space that can
be let now) + middensegment candidate parcels; ``aanbod_m2`` = their vacant m² + the
candidates' m². Then:

- ``geen``: no place at all;
- ``dun``: fewer than ``min_plekken`` places (standaard.toml: 3, a business looking
  for space should have a choice in its own gemeente) or less than ``min_m2`` m²
  (standaard.toml: 2000, room for only two or three middensegment businesses);
- ``voldoende``: otherwise.

Both thresholds are a starting point for the werkgroep; they can be set in
``[criteria.middensegment]`` (``min_plekken``, ``min_m2``) or passed as arguments.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte._gescoord import check_gescoord
from werkruimte._nl import geheel, getallen
from werkruimte.balans import GEEN_VRAAG, middensegment_balans
from werkruimte.config import default_config
from werkruimte.sources._common import to_number

if TYPE_CHECKING:
    from werkruimte.config import Config
    from werkruimte.regio import Regio

__all__ = ["in_middensegment", "middensegment_match"]

log = logging.getLogger(__name__)

#: Columns of the scored parcels that :func:`middensegment_match` reads.
_VEREIST_PERCELEN = ("gemeente", "oppervlakte_m2", "kandidaat", "profiel")
_KOLOMMEN = (
    "gemeente",
    "hotspots_middensegment",
    "hotspots_oppervlakte_m2",
    "hotspots_leegstand_m2",
    "doelgroepen",
    "kandidaten_middensegment",
    "kandidaten_m2",
    "aanbod_plekken",
    "aanbod_m2",
    "vraag_bedrijven",
    "vraag_m2",
    "oordeel",
    "toelichting",
)


def in_middensegment(
    grootteklasse: pd.Series, *, midden_min: float | None = None, midden_max: float | None = None
) -> pd.Series:
    """Whether each size-class text overlaps the middensegment ``[midden_min, midden_max)``.

    Parameters
    ----------
    grootteklasse
        Free text per hotspot (``"400-1500"``, ``"< 400"``, ``"vanaf 1.500 m²"`` ...).
    midden_min, midden_max
        The middensegment bounds in m²; default ``criteria.grootte`` of
        ``werkruimte/standaard.toml``.

    Returns
    -------
    pandas.Series
        bool, aligned to ``grootteklasse``; False for missing or unreadable text.
    """
    if midden_min is None or midden_max is None:
        grootte = default_config().criteria["grootte"]
        midden_min = float(grootte["midden_min"]) if midden_min is None else midden_min
        midden_max = float(grootte["midden_max"]) if midden_max is None else midden_max
    text = grootteklasse.astype("string").str.lower()
    text = text.str.replace(r"m\s*[2²]", " ", regex=True)
    text = text.str.replace(r"(?<=\d)\.(?=\d{3}(?!\d))", "", regex=True)  # 1.500 -> 1500
    text = text.str.replace(",", ".", regex=False)
    rng = text.str.extract(r"(\d+(?:\.\d+)?)\s*(?:-|–|—|tot|t/m)\s*(\d+(?:\.\d+)?)")
    one = text.str.extract(r"(\d+(?:\.\d+)?)")[0]
    lo = pd.to_numeric(rng[0], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    hi = pd.to_numeric(rng[1], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    single = pd.to_numeric(one, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    upto = text.str.contains(r"<|\btot\b|kleiner|minder|\bmax", regex=True).to_numpy(
        dtype=bool, na_value=False
    )
    from_ = text.str.contains(r">|vanaf|\+|groter|meer dan|\bmin\b|minimaal", regex=True).to_numpy(
        dtype=bool, na_value=False
    )
    no_range = np.isnan(lo)
    lo = np.where(no_range, np.where(upto, 0.0, single), lo)
    hi = np.where(no_range, np.where(from_ & ~upto, np.inf, single), hi)
    lo = np.where(no_range & from_ & ~upto, single, lo)
    with np.errstate(invalid="ignore"):
        point = lo == hi
        overlap = (lo < midden_max) & ((hi > midden_min) | (point & (lo >= midden_min)))
    named = text.str.contains("midden", regex=False).to_numpy(dtype=bool, na_value=False)
    return pd.Series(overlap | named, index=grootteklasse.index, dtype=bool)


def _doelgroepen(values: pd.Series) -> str:
    parts = values.dropna().astype("string").str.split(r"[,;/]", regex=True).explode()
    parts = parts.astype("string").str.strip()
    parts = parts[parts.notna() & (parts != "")]
    seen: dict[str, str] = {}
    for p in sorted(parts.tolist(), key=str.lower):
        seen.setdefault(p.lower(), p)
    return ", ".join(seen.values())


def _fmt_m2(values: pd.Series) -> pd.Series:
    """Whole square metres in Dutch notation (``1.234``); missing counts as 0."""
    return getallen(values.fillna(0), fmt=geheel)


def _hotspots_per_gemeente(regio: Regio) -> pd.DataFrame:
    """Per gemeente the hotspots in the middensegment: count, m², vacancy, doelgroepen."""
    g = regio.config.criteria["grootte"]
    h = regio.hotspots
    if len(h) and "gemeente" not in h.columns:
        from werkruimte.regio import assign_gemeente

        h = assign_gemeente(h, regio.gemeenten)
    if len(h) and "grootteklasse" in h.columns:
        mask = in_middensegment(
            h["grootteklasse"], midden_min=g["midden_min"], midden_max=g["midden_max"]
        ).to_numpy()
    else:
        mask = np.zeros(len(h), dtype=bool)

    def num(column: str) -> pd.Series:
        if column not in h.columns:
            return pd.Series(np.nan, index=h.index, dtype="float64")
        return to_number(h[column], column=column, layer="hotspots")

    spots = pd.DataFrame(
        {
            "gemeente": h["gemeente"].astype("string") if len(h) else pd.Series(dtype="string"),
            "opp": num("oppervlakte_m2"),
            "leeg": num("leegstand_m2"),
            "doelgroep": h["doelgroep"].astype("string")
            if "doelgroep" in h.columns
            else pd.Series(pd.NA, index=h.index, dtype="string"),
        }
    ).loc[mask]
    spots["vrij"] = (spots["leeg"].fillna(0) > 0).astype("int64")
    return spots.groupby("gemeente", dropna=False).agg(
        hotspots_middensegment=("opp", "size"),
        hotspots_oppervlakte_m2=("opp", "sum"),
        hotspots_leegstand_m2=("leeg", "sum"),
        vrij=("vrij", "sum"),
        doelgroepen=("doelgroep", _doelgroepen),
    )


def _kandidaten_per_gemeente(percelen: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per gemeente the candidate parcels of the middensegment profile: count and m²."""
    kand = percelen["kandidaat"].to_numpy(dtype=bool, na_value=False) & (
        percelen["profiel"].astype("string").to_numpy(dtype=object, na_value="") == "middensegment"
    )
    cands = pd.DataFrame(
        {
            "gemeente": percelen["gemeente"].astype("string").to_numpy(),
            "m2": percelen["oppervlakte_m2"].to_numpy(dtype="float64", na_value=np.nan),
        }
    ).loc[kand]
    return cands.groupby("gemeente", dropna=False).agg(
        kandidaten_middensegment=("m2", "size"), kandidaten_m2=("m2", "sum")
    )


def _oordeel(out: pd.DataFrame, *, n_min: int, m2_min: float) -> pd.DataFrame:
    """Add ``oordeel`` and ``toelichting`` to the supply per gemeente (a new frame)."""
    out = out.copy()
    geen = out["aanbod_plekken"] == 0
    weinig = out["aanbod_plekken"] < n_min
    klein = out["aanbod_m2"] < m2_min
    out["oordeel"] = pd.Series(
        np.where(geen, "geen", np.where(weinig | klein, "dun", "voldoende")),
        index=out.index,
        dtype="string",
    )
    basis = (
        out["aanbod_plekken"].astype("string")
        + " plek(ken) met samen "
        + _fmt_m2(out["aanbod_m2"])
        + " m² ("
        + out["vrij"].astype("string")
        + " hotspot(s) met leegstand, "
        + out["kandidaten_middensegment"].astype("string")
        + " kandidaat-perceel/-percelen)"
    )
    reden = pd.Series("", index=out.index, dtype="string")
    reden = reden.mask(weinig, f": minder dan {n_min} plekken")
    reden = reden.mask(~weinig & klein, f": minder dan {geheel(m2_min)} m²")
    reden = reden.mask(~weinig & ~klein, ": genoeg keus en ruimte")
    out["toelichting"] = (basis + reden).mask(
        geen, "geen hotspot met leegstand en geen kandidaat-perceel in het middensegment"
    )
    return out


def middensegment_match(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    *,
    min_plekken: int | None = None,
    min_m2: float | None = None,
) -> pd.DataFrame:
    """Per gemeente: middensegment supply in hotspots against candidate parcels.

    Parameters
    ----------
    regio
        The region; ``hotspots`` (``grootteklasse``, ``oppervlakte_m2``,
        ``leegstand_m2``, ``doelgroep``, ``gemeente``), ``gemeenten`` and the config
        (``criteria.grootte`` bounds, ``criteria.middensegment``).
    percelen
        The scored parcels (``gemeente``, ``oppervlakte_m2``, ``kandidaat``, ``profiel``).
    min_plekken, min_m2
        Thresholds of the verdict (see the module docstring); default
        ``criteria.middensegment.min_plekken`` and ``min_m2``.

    Returns
    -------
    pandas.DataFrame
        One row per gemeente (the region's gemeenten in order, then any other gemeente
        a hotspot or parcel carries), columns ``gemeente``, ``hotspots_middensegment``
        (count), ``hotspots_oppervlakte_m2``, ``hotspots_leegstand_m2`` (sums over those
        hotspots), ``doelgroepen`` (comma-separated), ``kandidaten_middensegment``
        (candidate parcels with ``profiel == "middensegment"``), ``kandidaten_m2``,
        ``aanbod_plekken``, ``aanbod_m2``, ``oordeel`` (``geen``/``dun``/``voldoende``)
        and ``toelichting`` (Dutch).

    Raises
    ------
    InputError
        When ``percelen`` lacks ``gemeente``, ``oppervlakte_m2``, ``kandidaat`` or
        ``profiel``.
    """
    check_gescoord(percelen, _VEREIST_PERCELEN, doel="het middensegment te vergelijken")
    cfg = regio.config.criteria["middensegment"]
    n_min = int(cfg["min_plekken"] if min_plekken is None else min_plekken)
    m2_min = float(cfg["min_m2"] if min_m2 is None else min_m2)
    per_spot = _hotspots_per_gemeente(regio)
    per_cand = _kandidaten_per_gemeente(percelen)

    order = [str(x) for x in regio.gemeenten["gemeente"].astype("string").dropna()]
    extra = sorted({str(x) for x in [*per_spot.index, *per_cand.index] if pd.notna(x)} - set(order))
    index = pd.Index([*order, *extra], name="gemeente", dtype="string")
    out = pd.DataFrame(index=index)
    out = out.join(per_spot, how="left").join(per_cand, how="left")
    for col in ("hotspots_middensegment", "vrij", "kandidaten_middensegment"):
        out[col] = out[col].fillna(0).astype("int64")
    for col in ("hotspots_oppervlakte_m2", "hotspots_leegstand_m2", "kandidaten_m2"):
        out[col] = out[col].fillna(0.0).astype("float64")
    out["doelgroepen"] = out["doelgroepen"].astype("string").fillna("")
    out["aanbod_plekken"] = out["vrij"] + out["kandidaten_middensegment"]
    out["aanbod_m2"] = out["hotspots_leegstand_m2"] + out["kandidaten_m2"]
    out = _oordeel(out, n_min=n_min, m2_min=m2_min).reset_index()
    out["gemeente"] = out["gemeente"].astype("string")
    return _met_vraag(out, regio.config)[list(_KOLOMMEN)]


def _met_vraag(out: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Add the demand per gemeente; "voldoende" only where a demand is met.

    Without a demand for a gemeente, ``voldoende`` becomes ``geen vraag opgegeven``
    (``geen`` and ``dun`` stay: they judge the supply itself); with one that is not met
    the verdict is ``tekort``.
    """
    balans = middensegment_balans(out, config).iloc[: len(out)]
    out = out.copy()
    out["vraag_bedrijven"] = balans["vraag_bedrijven"].to_numpy()
    out["vraag_m2"] = balans["vraag_m2"].to_numpy()
    vraag = balans["oordeel"].to_numpy()
    geen_vraag = (vraag == GEEN_VRAAG) & (out["oordeel"] == "voldoende").to_numpy()
    tekort = vraag == "tekort"
    out["oordeel"] = out["oordeel"].mask(geen_vraag, GEEN_VRAAG).mask(tekort, "tekort")
    out["toelichting"] = (
        out["toelichting"]
        .mask(
            geen_vraag,
            out["toelichting"]
            + "; geen vraag opgegeven ([criteria.middensegment] vraag_m2_per_gemeente)",
        )
        .mask(tekort, out["toelichting"] + "; minder dan de opgegeven vraag")
    )
    return out
