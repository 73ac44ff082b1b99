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
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from werkruimte.config import Config
from werkruimte.errors import ConfigError, HerstelWaarschuwing

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

#: Dutch labels of the default criteria (for uitleg, legends, tables).
CRITERION_LABELS = {
    "grootte": "grootte",
    "bestemming": "bestemming",
    "bedrijventerrein": "nabijheid bedrijventerrein",
    "ov": "OV-bereikbaarheid",
    "glasvezel": "glasvezel",
    "auto": "bereikbaarheid auto",
    "hotspot": "nabijheid informele werklocatie",
    "station": "nabijheid station",
}

#: Dutch names of the distance indicators, for uitleg.
_DISTANCE_LABELS = {
    "afstand_hotspot_m": "informele werklocatie",
    "afstand_station_m": "station",
    "afstand_bedrijventerrein_m": "bedrijventerrein",
    "afstand_snelweg_m": "snelwegafrit",
}

#: Saaty's random consistency index by matrix size.
_RANDOM_INDEX = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
    11: 1.51,
    12: 1.48,
    13: 1.56,
    14: 1.57,
    15: 1.59,
}

_VALUE_TYPES = ("lineair", "drempel", "ideaal", "klassen")


@dataclass(frozen=True)
class Profiel:
    """One scoring profile, validated.

    Attributes
    ----------
    naam
        Profile name (``schuifruimte``, ``middensegment`` ...).
    omschrijving
        Dutch description.
    grootteklassen
        Size classes the profile applies to.
    gewichten
        Normalised weights per criterion (sum 1).
    waardefuncties
        Value function settings per criterion.
    harde_eisen
        Minimum partial score per criterion for a candidate.
    top_n
        Best N per gemeente that become candidates (0 = no limit).
    min_score
        Minimum score (0..100) of a candidate.
    consistentie
        AHP consistency ratio when weights came from a pairwise matrix, else None.
    """

    naam: str
    omschrijving: str
    grootteklassen: tuple[str, ...]
    gewichten: dict[str, float]
    waardefuncties: dict[str, dict[str, Any]]
    harde_eisen: dict[str, float]
    top_n: int
    min_score: float
    consistentie: float | None = None

    @property
    def criteria(self) -> list[str]:
        """Criteria with a non-zero weight, in config order."""
        return [c for c, w in self.gewichten.items() if w > 0]


def ahp_gewichten(
    matrix: Any, *, criteria: list[str] | None = None, key: str = "ahp"
) -> tuple[np.ndarray, float]:
    """Weights from an AHP pairwise comparison matrix (Saaty).

    Parameters
    ----------
    matrix
        Square matrix; ``matrix[i][j]`` says how much more important criterion i is
        than j (1..9); reciprocal: ``matrix[j][i] == 1 / matrix[i][j]``.
    criteria
        Names, used only in messages.
    key
        Config key, used only in messages.

    Returns
    -------
    weights : numpy.ndarray
        Principal eigenvector, normalised to sum 1.
    cr : float
        Consistency ratio CI / RI (0 for n <= 2).

    Raises
    ------
    ConfigError
        When the matrix is not square, not positive or not reciprocal, or when its
        consistency ratio exceeds 0.1.
    """
    try:
        a = np.asarray(matrix, dtype="float64")
    except (TypeError, ValueError) as exc:
        raise ConfigError("de AHP-matrix bevat iets anders dan getallen.", key=key) from exc
    n = a.shape[0] if a.ndim == 2 else 0
    if a.ndim != 2 or a.shape[0] != a.shape[1] or n == 0:
        raise ConfigError(f"de AHP-matrix moet vierkant zijn, gevonden vorm {a.shape}.", key=key)
    if criteria is not None and len(criteria) != n:
        raise ConfigError(
            f"de AHP-matrix is {n}x{n} maar er zijn {len(criteria)} criteria.", key=key
        )
    if (a <= 0).any():
        raise ConfigError("alle waarden in de AHP-matrix moeten positief zijn.", key=key)
    if not np.allclose(a * a.T, 1.0, rtol=0.02):
        i, j = np.argwhere(~np.isclose(a * a.T, 1.0, rtol=0.02))[0]
        raise ConfigError(
            f"de AHP-matrix is niet reciprook: [{i}][{j}] = {a[i, j]:g} maar "
            f"[{j}][{i}] = {a[j, i]:g} (verwacht {1 / a[i, j]:.3g}).",
            key=key,
        )
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    lam = float(values[k].real)
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    ri = _RANDOM_INDEX.get(n, 1.59)
    cr = 0.0 if ri == 0 else ((lam - n) / (n - 1)) / ri
    if cr > 0.1:
        raise ConfigError(
            f"de AHP-matrix is te inconsistent: consistentieratio {cr:.3f} > 0,10.",
            key=key,
            hint="herzie de paarsgewijze vergelijkingen (Saaty: CR hoort ≤ 0,10 te zijn).",
        )
    return w, float(cr)


def _profiel(naam: str, raw: Mapping[str, Any], path: Any) -> Profiel:
    base = f"criteria.profielen.{naam}"
    consistentie = None
    if "ahp" in raw:
        ahp = raw["ahp"]
        crit = ahp.get("criteria")
        if not isinstance(crit, list) or not all(isinstance(c, str) for c in crit):
            raise ConfigError(
                "ahp.criteria moet een lijst van criteriumnamen zijn.",
                path=path,
                key=f"{base}.ahp.criteria",
            )
        w, consistentie = ahp_gewichten(ahp.get("matrix"), criteria=crit, key=f"{base}.ahp.matrix")
        gewichten = dict(zip(crit, (float(x) for x in w), strict=True))
    else:
        gewichten = {}
        for crit_name, value in dict(raw.get("gewichten", {})).items():
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ConfigError(
                    f"een gewicht moet een getal ≥ 0 zijn, gevonden: {value!r}.",
                    path=path,
                    key=f"{base}.gewichten.{crit_name}",
                )
            gewichten[crit_name] = float(value)
    total = sum(gewichten.values())
    if total <= 0:
        raise ConfigError(
            "de gewichten tellen op tot 0; er valt niets te scoren.",
            path=path,
            key=f"{base}.gewichten",
            hint="geef minstens één criterium een gewicht groter dan 0.",
        )
    gewichten = {k: v / total for k, v in gewichten.items()}
    functies = dict(raw.get("waardefuncties", {}))
    for crit_name, w in gewichten.items():
        if w > 0 and crit_name not in functies:
            raise ConfigError(
                f"criterium '{crit_name}' heeft een gewicht maar geen waardefunctie.",
                path=path,
                key=f"{base}.waardefuncties.{crit_name}",
                hint="voeg een waardefunctie toe of zet het gewicht op 0.",
            )
    for crit_name, fn in functies.items():
        _check_value_function(fn, key=f"{base}.waardefuncties.{crit_name}", path=path)
    harde = {}
    for crit_name, value in dict(raw.get("harde_eisen", {})).items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ConfigError(
                f"een harde eis is een minimale deelscore tussen 0 en 1, gevonden: {value!r}.",
                path=path,
                key=f"{base}.harde_eisen.{crit_name}",
            )
        if crit_name not in functies:
            raise ConfigError(
                f"harde eis op criterium '{crit_name}' zonder waardefunctie.",
                path=path,
                key=f"{base}.harde_eisen.{crit_name}",
            )
        harde[crit_name] = float(value)
    klassen = tuple(str(k) for k in raw.get("grootteklassen", []))
    unknown = set(klassen) - {"groot", "midden", "overig"}
    if unknown:
        raise ConfigError(
            f"onbekende grootteklasse(n) {', '.join(sorted(unknown))}; kies uit groot, midden, "
            "overig.",
            path=path,
            key=f"{base}.grootteklassen",
        )
    top_n = int(raw.get("top_n", 0))
    if top_n < 0:
        raise ConfigError("top_n moet ≥ 0 zijn.", path=path, key=f"{base}.top_n")
    min_score = float(raw.get("min_score", 0.0))
    if not 0 <= min_score <= 100:
        raise ConfigError("min_score ligt tussen 0 en 100.", path=path, key=f"{base}.min_score")
    return Profiel(
        naam=naam,
        omschrijving=str(raw.get("omschrijving", "")),
        grootteklassen=klassen,
        gewichten=gewichten,
        waardefuncties={k: dict(v) for k, v in functies.items()},
        harde_eisen=harde,
        top_n=top_n,
        min_score=min_score,
        consistentie=consistentie,
    )


def _check_value_function(fn: Any, *, key: str, path: Any) -> None:
    if not isinstance(fn, dict):
        raise ConfigError(
            'een waardefunctie is een tabel, bv. {type = "lineair", ...}.', path=path, key=key
        )
    kind = fn.get("type")
    if kind not in _VALUE_TYPES:
        raise ConfigError(
            f"onbekend type waardefunctie {kind!r}; kies uit {', '.join(_VALUE_TYPES)}.",
            path=path,
            key=f"{key}.type",
        )
    needed = {
        "lineair": ("kolom", "nul", "een"),
        "drempel": ("kolom", "drempel"),
        "ideaal": ("kolom", "ideaal", "tolerantie", "nul"),
        "klassen": ("kolom", "waarden"),
    }[kind]
    for field in needed:
        if field not in fn:
            raise ConfigError(
                f"waardefunctie '{kind}' mist '{field}'.", path=path, key=f"{key}.{field}"
            )
    if kind == "lineair" and fn["nul"] == fn["een"]:
        raise ConfigError("'nul' en 'een' mogen niet gelijk zijn.", path=path, key=key)
    if kind == "drempel" and fn.get("richting", "min") not in ("min", "max"):
        raise ConfigError('richting is "min" of "max".', path=path, key=f"{key}.richting")


def profielen_uit_config(config: Config, profiel: str | None = None) -> list[Profiel]:
    """Validated profiles from the config (all, or only ``profiel``)."""
    raw = config.data["criteria"]["profielen"]
    names = list(raw) if profiel is None else [profiel]
    if profiel is not None:
        config.profile(profiel)  # raises a clear ConfigError when unknown
    return [_profiel(n, raw[n], config.path) for n in names]


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
    _check_gevoeligheid(gevoeligheid)
    n = len(ind)
    out = ind.copy(deep=False)  # copy-on-write: new columns never reach ind
    all_criteria: list[str] = []
    for prof in profielen:
        for c in prof.waardefuncties:
            if c not in all_criteria:
                all_criteria.append(c)
    best_score = np.full(n, -1.0)
    best_kand = np.zeros(n, dtype=bool)
    best_prof = np.full(n, -1, dtype=np.intp)  # position in profielen, -1 = none
    best_stab = np.full(n, np.nan)
    s_cols = {c: np.full(n, np.nan) for c in all_criteria}
    # Per profile what its uitleg needs, and per parcel which profile reports it.
    outcomes: list[_Uitkomst] = []
    reporter = np.full(n, -1, dtype=np.intp)
    klasse = ind["grootteklasse"].astype("string")
    # Integer codes per gemeente: top-N and stability only group by them.
    gemeente, _ = pd.factorize(ind["gemeente"].astype("string").fillna("onbekend"))

    for position, prof in enumerate(profielen):
        applies = klasse.isin(list(prof.grootteklassen)).to_numpy(dtype=bool, na_value=False)
        if not applies.any():
            continue
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
        kand = eligible & _top_n_mask(total, eligible, gemeente, prof.top_n)
        stab = _stabiliteit(matrix, weights, eligible, kand, gemeente, prof, gevoeligheid)
        # Choose this profile where it beats what an earlier profile gave.
        better = applies & ((kand & ~best_kand) | ((kand == best_kand) & (total > best_score)))
        best_score[better] = total[better]
        best_kand[better] = kand[better]
        best_prof[better] = position
        best_stab[better] = stab[better]
        for c in all_criteria:
            s_cols[c][better] = parts[c][better] if c in parts else np.nan
        # Keep only the rows this profile reports (a later profile may still take some).
        rows = np.flatnonzero(better)
        reporter[rows] = len(outcomes)
        outcomes.append(
            _Uitkomst(
                prof,
                rows,
                {c: v[rows] for c, v in parts.items()},
                {c: v[rows] for c, v in known.items()},
                total[rows],
                kand[rows],
                hard_ok[rows],
                [(c, failed[rows]) for c, failed in fails],
                eligible[rows],
            )
        )

    none = best_prof < 0
    best_score[none] = 0.0
    uitleg = _uitleg_per_blok(ind, outcomes, reporter, klasse, profielen)
    for c in all_criteria:
        out[f"s_{c}"] = s_cols[c]
    out["score"] = np.round(best_score, 2)
    out["kandidaat"] = best_kand
    names = [*(p.naam for p in profielen), None]
    out["profiel"] = _choose(names, np.where(none, len(profielen), best_prof), ind.index)
    out["rang_stabiliteit"] = best_stab
    out["uitleg"] = pd.Series(uitleg, index=ind.index, dtype="string")
    out["cluster_id"] = np.full(n, -1, dtype="int64")
    return out


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


def _check_gevoeligheid(settings: Mapping[str, Any] | None) -> None:
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


def _top_n_mask(
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


def _stabiliteit(
    matrix: np.ndarray,
    weights: np.ndarray,
    eligible: np.ndarray,
    kand: np.ndarray,
    gemeente: np.ndarray,
    prof: Profiel,
    settings: Mapping[str, Any] | None,
) -> np.ndarray:
    """Share of Monte Carlo weight draws in which each candidate stays in the top N.

    Weights are multiplied by lognormal noise (sigma = ``spreiding``), renormalised,
    and the eligible parcels re-ranked per gemeente. Non-candidates get NaN.
    """
    out = np.full(len(eligible), np.nan)
    if not settings or int(settings.get("runs", 0)) <= 0 or not kand.any() or not len(weights):
        return out
    runs = int(settings["runs"])
    spread = float(settings.get("spreiding", 0.25))
    top_n = int(settings.get("top_n", 0)) or prof.top_n
    rng = np.random.default_rng(int(settings.get("seed", 0)))
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


def _fmt_each_value(values: pd.Series, fmt: Callable[[float], str]) -> pd.Series:
    """``fmt`` applied once per distinct value (they repeat a lot), "?" for NaN/NA.

    Rounded areas, distances and points take a few thousand distinct values over
    100 000 parcels, so formatting the distinct values and taking them per row is far
    cheaper than formatting every row. -0.0 is written as 0.
    """
    v = values.to_numpy(dtype="float64", na_value=np.nan) + 0.0
    codes, uniques = pd.factorize(v, use_na_sentinel=True)
    texts = pa.array([fmt(float(x)) for x in uniques] + ["?"], type=pa.large_string())
    taken = texts.take(np.where(codes < 0, len(uniques), codes))
    return pd.Series(taken, index=values.index, dtype="string")


def _fmt_int(values: pd.Series) -> pd.Series:
    """Dutch thousands separator: 12345.6 -> '12.346'."""
    v = pd.to_numeric(values, errors="coerce").round(0)
    return _fmt_each_value(v, lambda x: f"{int(x):,}".replace(",", "."))


def _fmt_dec(values: pd.Series | np.ndarray, digits: int = 1) -> pd.Series:
    s = pd.Series(values)
    return _fmt_each_value(s.round(digits), lambda x: f"{x:.{digits}f}".replace(".", ","))


def _value_text(ind: pd.DataFrame, crit: str, fn: Mapping[str, Any]) -> pd.Series:
    """Dutch text of the indicator value behind one criterion, per parcel."""
    col = fn["kolom"]
    idx = ind.index
    if col == "oppervlakte_m2":
        return _fmt_int(ind[col]) + " m² (" + ind["grootteklasse"].astype("string") + ")"
    if col == "bestemming_soort" and "bestemming" in ind:
        pct = _fmt_int(ind["bestemming_aandeel"] * 100)
        return (
            "bestemming "
            + ind["bestemming"].astype("string").fillna("onbekend")
            + " ("
            + pct
            + "%)"
        )
    if col == "ov_index":
        klasse = ind["ov_klasse"].astype("string").fillna("onbekend")
        return "PTAL " + klasse + " (index " + _fmt_dec(ind[col]).set_axis(idx) + ")"
    if col == "glasvezel_dekking":
        return "glasvezel " + _fmt_int(ind[col] * 100).str.replace("?", "onbekend") + "%"
    if col.startswith("afstand_"):
        what = _DISTANCE_LABELS.get(col, col.removeprefix("afstand_").removesuffix("_m"))
        return "afstand tot " + what + " " + _fmt_int(ind[col]) + " m"
    label = CRITERION_LABELS.get(crit, crit)
    return label + " " + ind[col].astype("string").fillna("onbekend")


def _uitleg(
    ind: pd.DataFrame,
    prof: Profiel,
    parts: Mapping[str, np.ndarray],
    known: Mapping[str, np.ndarray],
    total: np.ndarray,
    kand: np.ndarray,
    hard_ok: np.ndarray,
    fails: list[tuple[str, np.ndarray]],
    eligible: np.ndarray,
) -> pd.Series:
    """The Dutch explanation per parcel for one profile (vectorised string building)."""
    idx = ind.index
    # All parts are joined in one pass at the end (see _concat): adding them one by
    # one would copy the growing text a dozen times.
    items: list[pd.Series | str] = ["profiel " + prof.naam + ": "]
    contrib = {}
    for i, c in enumerate(prof.criteria):
        pts = 100.0 * prof.gewichten[c] * parts[c]
        contrib[c] = pts
        val = _value_text(ind, c, prof.waardefuncties[c]).set_axis(idx)
        val = val.where(known[c], CRITERION_LABELS.get(c, c) + " onbekend (telt als 0)")
        items += ([] if i == 0 else ["; "]) + [val, " → ", _fmt_dec(pts, 0).set_axis(idx), " pt"]
    items += ["; score ", _fmt_dec(total, 0).set_axis(idx)]
    if contrib:
        names = np.array([CRITERION_LABELS.get(c, c) for c in contrib])
        stacked = np.column_stack(list(contrib.values()))
        top = _choose(list(names), np.argmax(stacked, axis=1), idx)
        items += [" — telt het zwaarst: ", top]
    status = np.where(kand, 0, np.where(~hard_ok, 1, np.where(eligible, 2, 3)))
    texts = [
        "Kandidaat",
        "Geen kandidaat: voldoet niet aan harde eis",
        "Geen kandidaat: buiten de top-" + str(prof.top_n) + " van de gemeente",
        "Geen kandidaat: score onder " + f"{prof.min_score:g}".replace(".", ","),
    ]
    items += [". ", _choose(texts, status, idx)]
    for c, failed in fails:
        label = CRITERION_LABELS.get(c, c)
        items.append(
            _choose(["", f" ({label} < {prof.harde_eisen[c]:g})".replace(".", ",")], failed, idx)
        )
    items.append(".")
    return _concat(items, idx)


class _Uitkomst(NamedTuple):
    """What one profile gave the parcels it reports (``rows``); input of their uitleg."""

    prof: Profiel
    rows: np.ndarray
    parts: dict[str, np.ndarray]
    known: dict[str, np.ndarray]
    total: np.ndarray
    kand: np.ndarray
    hard_ok: np.ndarray
    fails: list[tuple[str, np.ndarray]]
    eligible: np.ndarray


#: Parcels per block of uitleg: bounds the memory of the string building.
_UITLEG_BLOK = 100_000


def _uitleg_per_blok(
    ind: pd.DataFrame,
    outcomes: list[_Uitkomst],
    reporter: np.ndarray,
    klasse: pd.Series,
    profielen: list[Profiel],
) -> pa.ChunkedArray:
    """The uitleg of every parcel, built per block of parcels as Arrow strings.

    A parcel is explained by the profile that reports it (``reporter``, a position in
    ``outcomes``) or, when none applies (-1), by its size class. The texts of one block
    are made per profile, then put in the parcels' order; the blocks stay separate
    chunks, so at no point are all texts held twice, nor one Python string per parcel.
    """
    n = len(ind)
    extra = f"valt buiten de profielen ({', '.join(p.naam for p in profielen)}); score 0"
    blocks: list[pa.Array] = []
    for start in range(0, n, _UITLEG_BLOK):
        who = reporter[start : start + _UITLEG_BLOK]
        texts: list[pa.Array] = []
        rows: list[np.ndarray] = []
        for k, o in enumerate(outcomes):
            local = np.flatnonzero(who == k)
            if not len(local):
                continue
            sel = start + local
            at = np.searchsorted(o.rows, sel)  # positions in the profile's own rows
            text = _uitleg(
                ind.iloc[sel],
                o.prof,
                {c: v[at] for c, v in o.parts.items()},
                {c: v[at] for c, v in o.known.items()},
                o.total[at],
                o.kand[at],
                o.hard_ok[at],
                [(c, failed[at]) for c, failed in o.fails],
                o.eligible[at],
            )
            texts.append(pa.array(text, pa.large_string()))
            rows.append(local)
        local = np.flatnonzero(who < 0)
        if len(local):
            sel = start + local
            kl = klasse.iloc[sel].reset_index(drop=True).fillna("onbekend")
            opp = _fmt_int(ind["oppervlakte_m2"].iloc[sel]).set_axis(kl.index)
            texts.append(pa.array(opp + " m² (" + kl + ") " + extra, pa.large_string()))
            rows.append(local)
        order = np.empty(len(who), dtype=np.int64)
        order[np.concatenate(rows)] = np.arange(len(who))
        blocks.append(pa.concat_arrays(texts).take(order))
    return pa.chunked_array(blocks, pa.large_string())


def _choose(texts: Sequence[str | None], codes: np.ndarray, index: pd.Index) -> pd.Series:
    """``texts[code]`` per row as a string Series (without a string per row in Python)."""
    choices = pa.array(list(texts), pa.large_string())
    return pd.Series(choices.take(np.asarray(codes, dtype=np.int64)), index=index, dtype="string")


def _concat(items: list[pd.Series | str], index: pd.Index) -> pd.Series:
    """Element-wise concatenation of string Series and constants, in one Arrow pass.

    Like ``a + b + ...`` on string Series: a row is NA when one of its parts is NA.
    """
    args = [
        pa.scalar(x, pa.large_string()) if isinstance(x, str) else pa.array(x, pa.large_string())
        for x in items
    ]
    joined = pc.binary_join_element_wise(*args, pa.scalar("", pa.large_string()))
    return pd.Series(joined, index=index, dtype="string")


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
    return score_indicatoren(ind, profs, gevoeligheid=settings)
