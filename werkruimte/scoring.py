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
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte._geheugen import geef_vrij
from werkruimte.errors import ConfigError
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

#: The gemeente of a parcel outside every gemeente of the region.
BUITEN_REGIO = "buiten regio"

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
    from werkruimte._kernen import kernen, pool
    from werkruimte.indicators import (
        afstand,
        bedrijventerrein,
        glasvezel,
        grootte,
        ov,
        plan,  # issue 15
    )
    from werkruimte.sources._common import meld_herstel, met_herstel

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
    stations = ov.stations(regio.ov) if regio.ov is not None else None
    # The indicators do not depend on each other. They spend their time in GEOS and
    # NumPy with the GIL released, so with a second core they run side by side (the
    # two largest first). Each gives its columns; they are added in this order.
    taken: dict[str, Callable[[], Any]] = {
        "bestemming (IMRO2012)": lambda: _bestemming_kolommen(regio, p),
        "bestemmingsplan (aanduidingen, bouwvlak, maatvoering)": lambda: plan.plan_uit_regio(regio),
        "bedrijventerreinen (IBIS)": lambda: bedrijventerrein.op_bedrijventerrein(
            p, regio.bedrijventerreinen, min_aandeel=crit["bedrijventerrein"]["min_aandeel"]
        ),
        "OV-bereikbaarheid (PTAL)": lambda: ov.ptal(
            p, regio.ov, **crit["ov"], loopnetwerk=regio.loopnetwerk
        )[["ov_index", "ov_klasse"]],
        "glasvezeldekking": lambda: {
            "glasvezel_dekking": glasvezel.glasvezel_dekking(p, regio.glasvezel)
        },
        "afstanden (werklocaties, stations, snelweg)": lambda: {
            "afstand_hotspot_m": afstand.afstand_hotspot(p, regio.hotspots),
            "afstand_station_m": afstand.afstand_station(p, stations),
            "afstand_snelweg_m": afstand.afstand_snelweg(p, regio.wegen),
        },
    }
    # Each task collects its repairs; they are warned when all are done, in this order
    # (see werkruimte.sources._common.verzamel_herstel).
    hersteld: list[str] = []
    with pool(werkers=kernen()) as threads:
        later = {stap: threads.submit(met_herstel, taak) for stap, taak in taken.items()}
        for stap, uitkomst in later.items():
            say(stap)
            kolommen, meldingen = uitkomst.result()
            hersteld += meldingen
            for col, values in kolommen.items():
                out[col] = values
    meld_herstel(hersteld)
    return out


def _bestemming_kolommen(regio: Regio, p: gpd.GeoDataFrame) -> dict[str, Any]:
    """The bestemming columns and ``bestemming_soort`` (werk, potentieel or anders)."""
    from werkruimte.indicators import bestemming

    b = regio.config.criteria["bestemming"]
    best = bestemming.bestemming(
        p, regio.bestemmingsplannen, werk=b["werk"], potentieel=b["potentieel"]
    )
    cols: dict[str, Any] = {col: best[col] for col in best.columns}
    soort = np.where(
        best["aandeel_werk"].fillna(0).to_numpy() >= 0.5,
        "werk",
        np.where(best["potentieel"].fillna(False).to_numpy(dtype=bool), "potentieel", "anders"),
    )
    # No plan over the parcel: the kind is unknown (NA), not "anders".
    cols["bestemming_soort"] = pd.Series(soort, index=p.index, dtype="string").mask(
        best["bestemming"].isna()
    )
    return cols


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
    redenen: pd.DataFrame | None = None,
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
    redenen
        Per criterion why a value is unknown, for the uitleg
        (:func:`werkruimte.dekking.reden_onbekend`); None says "geen gegevens".

    Notes
    -----
    A missing value (NaN/NA indicator) never decides in silence: it is unknown, the
    profile's ``onbekend`` setting says what it does (a hard constraint on an unknown
    value is not met by default; a weighted criterion counts as 0), and the uitleg says
    which source is missing. A parcel with ``gemeente == "buiten regio"`` keeps its
    score but is never a candidate.

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
    uitleg = uitleg_per_blok(ind, outcomes, reporter, klasse, profielen, redenen)
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


def _totaal(
    matrix: np.ndarray, weights: np.ndarray, known: list[np.ndarray], onbekend: Mapping[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """Score 0..100 per parcel and whether its weighted criteria allow a candidate.

    An unknown value (``known`` False) has partial score 0 in ``matrix``. What it does
    to the score follows ``onbekend["gewichten"]``: ``telt_als_0`` counts it as 0;
    ``negeren`` leaves the criterion out of that parcel's score and rescales its other
    weights; ``uitsluiten`` counts it as 0 and makes the parcel no candidate.
    """
    n = matrix.shape[0]
    k = np.column_stack(known) if known else np.ones((n, 0), dtype=bool)
    total = 100.0 * (matrix @ weights)
    keuze = onbekend.get("gewichten", "telt_als_0")
    if keuze == "negeren" and len(weights):
        share = k.astype("float64") @ weights
        total = np.divide(total, share, out=np.zeros(n), where=share > 0)
    allowed = k.all(axis=1) if keuze == "uitsluiten" else np.ones(n, dtype=bool)
    return np.asarray(total, dtype="float64"), np.asarray(allowed, dtype=bool)


def _harde_eisen(
    prof: Profiel, parts: Mapping[str, np.ndarray], known: Mapping[str, np.ndarray]
) -> tuple[np.ndarray, list[tuple[str, np.ndarray]]]:
    """Whether each parcel meets every hard constraint, and per constraint who fails.

    An unknown value meets no hard constraint (``uitsluiten``, the default), counts as
    0 against the minimum (``telt_als_0``) or lets the constraint pass (``negeren``).
    """
    keuze = prof.onbekend.get("harde_eisen", "uitsluiten")
    n = len(next(iter(parts.values()))) if parts else 0
    hard_ok = np.ones(n, dtype=bool)
    fails: list[tuple[str, np.ndarray]] = []
    for c, minimum in prof.harde_eisen.items():
        ok = parts[c] >= minimum
        if keuze == "uitsluiten":
            ok &= known[c]
        elif keuze == "negeren":
            ok |= ~known[c]
        hard_ok &= ok
        fails.append((c, ~ok))
    return hard_ok, fails


def _score_profiel(
    ind: pd.DataFrame,
    prof: Profiel,
    applies: np.ndarray,
    gemeente: np.ndarray,
    gevoeligheid: Mapping[str, Any] | None,
) -> tuple[Uitkomst, np.ndarray]:
    """Score every parcel with one profile; the outcome for all rows and the stability."""
    n = len(ind)
    # A parcel outside the gemeenten keeps its score but is never a candidate.
    in_regio = (ind["gemeente"].astype("string") != BUITEN_REGIO).to_numpy(
        dtype=bool, na_value=False
    )
    parts: dict[str, np.ndarray] = {}
    known: dict[str, np.ndarray] = {}
    for c, fn in prof.waardefuncties.items():
        parts[c], known[c] = _value(
            fn, ind, key=f"criteria.profielen.{prof.naam}.waardefuncties.{c}"
        )
    crits = prof.criteria
    weights = np.array([prof.gewichten[c] for c in crits])
    matrix = np.column_stack([parts[c] for c in crits]) if crits else np.zeros((n, 0))
    total, all_known = _totaal(matrix, weights, [known[c] for c in crits], prof.onbekend)
    hard_ok, fails = _harde_eisen(prof, parts, known)
    eligible = applies & hard_ok & all_known & (total >= prof.min_score) & in_regio
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
    return Uitkomst(prof, rows, parts, known, total, kand, hard_ok, fails, eligible, in_regio), stab


def score(
    regio: Regio,
    profiel: str | None = None,
    *,
    gevoeligheid: bool = True,
    progress: Progress | None = None,
    dekking: pd.DataFrame | None = None,
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
    dekking
        Which source reaches which parcel (:func:`werkruimte.dekking.dekking_per_perceel`
        of ``regio``); computed when None. A value whose source does not reach the
        parcel is unknown (NA), whatever the indicator computed.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per input parcel, in input order, with a ``bron_<criterium>`` column per
        criterion (``gemeten``, ``geschat`` or ``onbekend``) and the columns of the output
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
    geef_vrij(len(ind))
    settings = regio.config.criteria["gevoeligheid"] if gevoeligheid else None
    return score_met_dekking(
        regio, ind, profs, gevoeligheid=settings, dekking=dekking, progress=progress
    )


def score_met_dekking(
    regio: Regio,
    ind: gpd.GeoDataFrame,
    profielen: list[Profiel],
    *,
    gevoeligheid: Mapping[str, Any] | None = None,
    dekking: pd.DataFrame | None = None,
    progress: Progress | None = None,
) -> gpd.GeoDataFrame:
    """Score indicators of ``regio``'s parcels with every value its source reaches.

    A value whose source does not reach the parcel (:mod:`werkruimte.dekking`) is set
    to unknown first; the uitleg names the missing source; the output gets a
    ``bron_<criterium>`` column per criterion. :func:`score` and the partitioned
    scoring both end here, so they give the same answer.

    Parameters
    ----------
    regio
        The region the indicators were computed for.
    ind
        Output of :func:`indicatoren` (all of ``regio``'s parcels, in order).
    profielen
        Validated profiles.
    gevoeligheid
        As for :func:`score_indicatoren`.
    dekking
        :func:`werkruimte.dekking.dekking_per_perceel` of ``regio``; computed when None.
    progress
        Called with a Dutch step description before each step.

    Returns
    -------
    geopandas.GeoDataFrame
        As :func:`score_indicatoren`, plus the ``bron_<criterium>`` columns.
    """
    from werkruimte import dekking as dk

    if dekking is None:
        if progress:
            progress("dekking van de bronnen")
        dekking = dk.dekking_per_perceel(regio)
    masked = _maskeer(ind, dekking)
    # A few distinct reasons per criterion: as categories they take a byte per parcel.
    redenen = dk.reden_onbekend(dekking, dk.bron_toestand(regio), regio.config).astype("category")
    geef_vrij(len(ind))
    if progress:
        progress("scores, kandidaten en uitleg")
    out = score_indicatoren(masked, profielen, gevoeligheid=gevoeligheid, redenen=redenen)
    del masked, redenen
    geef_vrij(len(ind))
    bron = dk.status_per_criterium(dekking, regio.config)
    for col in bron.columns:
        out[col] = bron[col].to_numpy()
    return _met_kadastrale_aanduiding(out, regio.percelen)


def _maskeer(ind: gpd.GeoDataFrame, dekking: pd.DataFrame) -> gpd.GeoDataFrame:
    """``ind`` with the values its sources do not reach set to NA, sharing the rest.

    :func:`werkruimte.dekking.maskeer_onbekend` replaces only the columns it masks, so a
    column without unknown values stays the very column of ``ind`` (for 1 000 000
    parcels a full copy would hold every indicator twice). ``op_bedrijventerrein`` and
    ``potentieel`` are contract columns that stay yes/no; ``bron_bedrijventerrein``
    says where they are unknown.
    """
    from werkruimte import dekking as dk

    out = dk.maskeer_onbekend(ind, dekking)
    for col in ("op_bedrijventerrein", "potentieel"):
        if col in ind.columns:
            out[col] = ind[col]
    return out


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
