"""Scoring: indicators per parcel -> per-profile score, candidates and explanation.

The chain for one region:

1. :func:`indicatoren` computes every indicator column (one module per criterion in
   :mod:`werkruimte.indicators`) for all parcels, vectorised.
2. :func:`score_indicatoren` turns indicator columns into partial scores
   ``s_<criterium>`` (0..1) with each profile's value functions, combines them with
   the profile's weights into ``score`` (0..100), applies hard constraints, min score
   and top-N per gemeente (``kandidaat``), writes the Dutch ``uitleg`` and, by Monte
   Carlo perturbation of the weights, ``rang_stabiliteit``.

A parcel is scored by every profile whose ``grootteklassen`` contain its class; the
profile in which it scores best (candidates first) is the one reported in ``profiel``.

The profiles themselves live in :mod:`werkruimte.profiel`, the Dutch text in
:mod:`werkruimte.uitleg` and the Monte Carlo ranking check in
:mod:`werkruimte.gevoeligheid`; this module joins them.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte.errors import ConfigError, HerstelWaarschuwing
from werkruimte.gevoeligheid import check_gevoeligheid, rang_stabiliteit, top_n_mask
from werkruimte.profiel import Profiel, ahp_gewichten, profielen_uit_config
from werkruimte.uitleg import CRITERION_LABELS, Uitkomst, choose, uitleg_per_blok

if TYPE_CHECKING:
    from werkruimte.regio import Regio

__all__ = [
    "CRITERION_LABELS",
    "Profiel",
    "ahp_gewichten",
    "indicatoren",
    "profielen_uit_config",
    "score",
    "score_indicatoren",
]

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def indicatoren(regio: Regio, *, progress: Progress | None = None) -> gpd.GeoDataFrame:
    """Compute every indicator column for the region's parcels.

    Parameters
    ----------
    regio
        The loaded region.
    progress
        Called with a Dutch step description before each step.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame, one row per parcel in input order, with ``perceel_id``,
        ``gemeente``, ``oppervlakte_m2``, ``grootteklasse``, ``bestemming``,
        ``bestemming_aandeel``, ``aandeel_werk``, ``potentieel``, ``bestemming_soort``,
        ``op_bedrijventerrein``, ``terrein_id``, ``terrein_naam``,
        ``milieucategorie_max``, ``afstand_bedrijventerrein_m``, ``ov_index``,
        ``ov_klasse``, ``glasvezel_dekking``, ``afstand_hotspot_m``,
        ``afstand_station_m``, ``afstand_snelweg_m`` and the geometry.
    """
    from werkruimte.indicators import afstand, bedrijventerrein, bestemming, glasvezel, grootte, ov

    say = progress or (lambda _msg: None)
    crit = regio.config.criteria
    p = regio.percelen
    out = gpd.GeoDataFrame(
        # astype("str") keeps the Arrow strings (to_numpy would make a Python string
        # per parcel) and gives the same dtype as before.
        {
            "perceel_id": p["perceel_id"].astype("str").array,
            "gemeente": p["gemeente"].astype("str").array,
        },
        geometry=p.geometry.to_numpy(),
        crs=p.crs,
        index=p.index,
    )
    say("grootte")
    g = crit["grootte"]
    out["oppervlakte_m2"] = grootte.oppervlakte(p)
    out["grootteklasse"] = grootte.grootteklasse(
        out["oppervlakte_m2"],
        groot_min=g["groot_min"],
        groot_max=g["groot_max"],
        midden_min=g["midden_min"],
        midden_max=g["midden_max"],
    )
    say("bestemming (IMRO2012)")
    b = crit["bestemming"]
    best = bestemming.bestemming(
        p, regio.bestemmingsplannen, werk=b["werk"], potentieel=b["potentieel"]
    )
    for col in best.columns:
        out[col] = best[col]
    soort = np.where(
        out["aandeel_werk"].fillna(0).to_numpy() >= 0.5,
        "werk",
        np.where(out["potentieel"].fillna(False).to_numpy(dtype=bool), "potentieel", "anders"),
    )
    # No plan over the parcel: the kind is unknown (NA), not "anders".
    out["bestemming_soort"] = pd.Series(soort, index=p.index, dtype="string").mask(
        out["bestemming"].isna()
    )
    say("bedrijventerreinen (IBIS)")
    bt = bedrijventerrein.op_bedrijventerrein(
        p, regio.bedrijventerreinen, min_aandeel=crit["bedrijventerrein"]["min_aandeel"]
    )
    for col in bt.columns:
        out[col] = bt[col]
    say("OV-bereikbaarheid (PTAL)")
    o = crit["ov"]
    pt = ov.ptal(p, regio.ov, **o, loopnetwerk=regio.loopnetwerk)
    out["ov_index"] = pt["ov_index"]
    out["ov_klasse"] = pt["ov_klasse"]
    say("glasvezeldekking")
    out["glasvezel_dekking"] = glasvezel.glasvezel_dekking(p, regio.glasvezel)
    say("afstanden (werklocaties, stations, snelweg)")
    out["afstand_hotspot_m"] = afstand.afstand_hotspot(p, regio.hotspots)
    stations = ov.stations(regio.ov) if regio.ov is not None else None
    out["afstand_station_m"] = afstand.afstand_station(p, stations)
    out["afstand_snelweg_m"] = afstand.afstand_snelweg(p, regio.wegen)
    return out


def _value(
    fn: Mapping[str, Any], frame: pd.DataFrame, *, key: str
) -> tuple[np.ndarray, np.ndarray]:
    """Partial score 0..1 and a 'known' mask for one value function."""
    col = fn["kolom"]
    if col not in frame.columns:
        raise ConfigError(
            f"waardefunctie gebruikt kolom '{col}', die niet bestaat; beschikbare "
            f"indicatoren: {', '.join(c for c in frame.columns if c != 'geometry')}.",
            key=f"{key}.kolom",
        )
    kind = fn["type"]
    if kind == "klassen":
        values = frame[col].astype("string")
        known = values.notna().to_numpy()
        mapping = {str(k): float(v) for k, v in dict(fn["waarden"]).items()}
        s = values.map(mapping).astype("float64").fillna(float(fn.get("anders", 0.0)))
        return np.clip(s.to_numpy(dtype="float64"), 0.0, 1.0), known
    x = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype="float64")
    known = ~np.isnan(x)
    if kind == "lineair":
        nul, een = float(fn["nul"]), float(fn["een"])
        s = (x - nul) / (een - nul)
    elif kind == "drempel":
        if fn.get("richting", "min") == "min":
            s = (x >= float(fn["drempel"])).astype("float64")
        else:
            s = (x <= float(fn["drempel"])).astype("float64")
    else:  # ideaal
        d = np.abs(x - float(fn["ideaal"])) - float(fn["tolerantie"])
        s = 1.0 - np.maximum(d, 0.0) / max(float(fn["nul"]), 1e-9)
    s = np.clip(np.nan_to_num(s, nan=0.0), 0.0, 1.0)
    return s, known


def score_indicatoren(
    ind: gpd.GeoDataFrame,
    profielen: list[Profiel],
    *,
    gevoeligheid: Mapping[str, Any] | None = None,
) -> gpd.GeoDataFrame:
    """Score parcels that already carry their indicator columns.

    Parameters
    ----------
    ind
        Output of :func:`indicatoren`.
    profielen
        Validated profiles (see :func:`profielen_uit_config`).
    gevoeligheid
        ``{"runs", "spreiding", "seed", "top_n"}`` for the Monte Carlo weight
        perturbation; None or runs 0 switches it off (``rang_stabiliteit`` NaN).

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame: the indicators plus ``s_<criterium>``, ``score``, ``kandidaat``,
        ``profiel``, ``rang_stabiliteit``, ``uitleg`` and ``cluster_id`` (-1).
    """
    check_gevoeligheid(gevoeligheid)
    n = len(ind)
    all_criteria: list[str] = []
    for prof in profielen:
        for c in prof.waardefuncties:
            if c not in all_criteria:
                all_criteria.append(c)
    best = _Beste(n, all_criteria)
    # Per profile what its uitleg needs, and per parcel which profile reports it.
    outcomes: list[Uitkomst] = []
    reporter = np.full(n, -1, dtype=np.intp)
    klasse = ind["grootteklasse"].astype("string")
    # Integer codes per gemeente: top-N and stability only group by them.
    gemeente, _ = pd.factorize(ind["gemeente"].astype("string").fillna("onbekend"))

    for position, prof in enumerate(profielen):
        applies = klasse.isin(list(prof.grootteklassen)).to_numpy(dtype=bool, na_value=False)
        if not applies.any():
            continue
        o, stab = _score_profiel(ind, prof, applies, gemeente, gevoeligheid)
        # Keep only the rows this profile reports (a later profile may still take some).
        rows = best.take(o, stab, applies, position)
        reporter[rows] = len(outcomes)
        outcomes.append(o.take(rows))

    none = best.prof < 0
    best.score[none] = 0.0
    uitleg = uitleg_per_blok(ind, outcomes, reporter, klasse, profielen)
    out = ind.copy(deep=False)  # copy-on-write: new columns never reach ind
    for c in all_criteria:
        out[f"s_{c}"] = best.s_cols[c]
    out["score"] = np.round(best.score, 2)
    out["kandidaat"] = best.kand
    names = [*(p.naam for p in profielen), None]
    out["profiel"] = choose(names, np.where(none, len(profielen), best.prof), ind.index)
    out["rang_stabiliteit"] = best.stab
    out["uitleg"] = pd.Series(uitleg, index=ind.index, dtype="string")
    out["cluster_id"] = np.full(n, -1, dtype="int64")
    return out


class _Beste:
    """Per parcel the best outcome over the profiles so far (candidates first)."""

    def __init__(self, n: int, criteria: list[str]) -> None:
        self.score = np.full(n, -1.0)
        self.kand = np.zeros(n, dtype=bool)
        self.prof = np.full(n, -1, dtype=np.intp)  # position in profielen, -1 = none
        self.stab = np.full(n, np.nan)
        self.s_cols = {c: np.full(n, np.nan) for c in criteria}

    def take(self, o: Uitkomst, stab: np.ndarray, applies: np.ndarray, position: int) -> np.ndarray:
        """Take profile ``position`` where it beats an earlier one; return those rows."""
        total, kand = o.total, o.kand
        better = applies & ((kand & ~self.kand) | ((kand == self.kand) & (total > self.score)))
        self.score[better] = total[better]
        self.kand[better] = kand[better]
        self.prof[better] = position
        self.stab[better] = stab[better]
        for c, col in self.s_cols.items():
            col[better] = o.parts[c][better] if c in o.parts else np.nan
        return np.flatnonzero(better)


def _score_profiel(
    ind: pd.DataFrame,
    prof: Profiel,
    applies: np.ndarray,
    gemeente: np.ndarray,
    gevoeligheid: Mapping[str, Any] | None,
) -> tuple[Uitkomst, np.ndarray]:
    """Score every parcel with one profile; the outcome for all rows and the stability."""
    n = len(ind)
    parts: dict[str, np.ndarray] = {}
    known: dict[str, np.ndarray] = {}
    for c, fn in prof.waardefuncties.items():
        parts[c], known[c] = _value(
            fn, ind, key=f"criteria.profielen.{prof.naam}.waardefuncties.{c}"
        )
    prof = _zonder_lege_criteria(prof, known, applies)
    crits = prof.criteria
    weights = np.array([prof.gewichten[c] for c in crits])
    matrix = np.column_stack([parts[c] for c in crits]) if crits else np.zeros((n, 0))
    total = 100.0 * (matrix @ weights)
    hard_ok = np.ones(n, dtype=bool)
    fails: list[tuple[str, np.ndarray]] = []
    for c, minimum in prof.harde_eisen.items():
        ok = parts[c] >= minimum
        hard_ok &= ok
        fails.append((c, ~ok))
    eligible = applies & hard_ok & (total >= prof.min_score)
    kand = eligible & top_n_mask(total, eligible, gemeente, prof.top_n)
    stab = rang_stabiliteit(
        matrix,
        weights,
        eligible=eligible,
        kand=kand,
        gemeente=gemeente,
        profiel_top_n=prof.top_n,
        settings=gevoeligheid,
    )
    rows = np.arange(n)
    return Uitkomst(prof, rows, parts, known, total, kand, hard_ok, fails, eligible), stab


def _zonder_lege_criteria(
    prof: Profiel, known: Mapping[str, np.ndarray], applies: np.ndarray
) -> Profiel:
    """The profile without criteria that have no data for any parcel it applies to.

    A source that is not configured (no GTFS, no glasvezel raster, ...) leaves its
    indicator empty everywhere. Counting such a criterion as 0 for every parcel would
    only lower every score by the same amount and could push all parcels under
    ``min_score``; instead its weight is dropped, the other weights are rescaled and a
    counted warning says so. Criteria that are unknown for *some* parcels still count
    as 0 there (and the uitleg says "onbekend").
    """
    empty = [c for c in prof.criteria if c in known and not known[c][applies].any()]
    if not empty or len(empty) == len(prof.criteria):
        return prof
    rest = {c: w for c, w in prof.gewichten.items() if c not in empty and w > 0}
    total = sum(rest.values())
    labels = ", ".join(CRITERION_LABELS.get(c, c) for c in empty)
    warnings.warn(
        f"profiel {prof.naam}: {len(empty)} "
        f"{'criterium' if len(empty) == 1 else 'criteria'} zonder gegevens ({labels}) "
        f"{'telt' if len(empty) == 1 else 'tellen'} niet mee (bron niet opgegeven of leeg); "
        "de overige gewichten zijn herschaald.",
        HerstelWaarschuwing,
        stacklevel=3,
    )
    return replace(
        prof,
        gewichten={c: w / total for c, w in rest.items()},
        harde_eisen={c: v for c, v in prof.harde_eisen.items() if c not in empty},
    )


def score(
    regio: Regio,
    profiel: str | None = None,
    *,
    gevoeligheid: bool = True,
    progress: Progress | None = None,
) -> gpd.GeoDataFrame:
    """Score every parcel of the region against the Werkplan criteria.

    Parameters
    ----------
    regio
        The loaded region (:func:`werkruimte.load_regio` or :func:`werkruimte.load_demo`).
    profiel
        Only this profile; default all profiles in the config.
    gevoeligheid
        Run the Monte Carlo weight perturbation for ``rang_stabiliteit``.
    progress
        Called with a Dutch step description before each step.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per input parcel, in input order, with the columns of the output
        contract (``perceel_id``, ``gemeente``, ``oppervlakte_m2``, ``grootteklasse``,
        ``bestemming``, ``op_bedrijventerrein``, ``ov_index``, ``ov_klasse``,
        ``glasvezel_dekking``, ``s_<criterium>``, ``score``, ``kandidaat``,
        ``profiel``, ``uitleg``, ``cluster_id``) plus the supporting indicators and
        ``rang_stabiliteit``. Geometry in EPSG:28992.

    Examples
    --------
    >>> import werkruimte as wr
    >>> percelen = wr.score(wr.load_demo())  # doctest: +SKIP
    >>> percelen.loc[percelen.kandidaat, ["perceel_id", "score", "uitleg"]].head()  # doctest: +SKIP
    """
    profs = profielen_uit_config(regio.config, profiel)
    ind = indicatoren(regio, progress=progress)
    if progress:
        progress("scores, kandidaten en uitleg")
    settings = regio.config.criteria["gevoeligheid"] if gevoeligheid else None
    out = score_indicatoren(ind, profs, gevoeligheid=settings)
    return _met_kadastrale_aanduiding(out, regio.percelen)


def _met_kadastrale_aanduiding(out: gpd.GeoDataFrame, bron: pd.DataFrame) -> gpd.GeoDataFrame:
    """Add ``kadastrale_aanduiding`` ("SBG01 B 6931") after ``perceel_id`` when known."""
    delen = [
        bron[c].astype("string")
        for c in ("kadastrale_gemeente", "sectie", "perceelnummer")
        if c in bron
    ]
    if len(delen) < 3 or len(bron) != len(out):
        return out
    tekst = delen[0].str.strip() + " " + delen[1].str.strip() + " " + delen[2].str.strip()
    out.insert(
        1, "kadastrale_aanduiding", pd.Series(tekst.to_numpy(), index=out.index, dtype="string")
    )
    return out
