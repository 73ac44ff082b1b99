"""The Dutch ``uitleg`` of every parcel: each criterion's value and contribution.

For the profile that reports a parcel the text names, per criterion, the indicator
value behind it and the points it adds, then the score, the criterion that weighs
most, and whether the parcel is a candidate (and if not, why). The texts are built
column-wise with Arrow (no Python string per parcel): distinct values are formatted
once with :mod:`werkruimte._nl` and joined in one pass per block of parcels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from werkruimte._nl import als_tekst, geheel, getal
from werkruimte.profiel import Profiel

__all__ = ["CRITERION_LABELS", "Uitkomst", "choose", "uitleg_per_blok"]

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
    "dubbelbestemming": "dubbelbestemming",
    "functieaanduiding": "functieaanduiding",
    "vloeroppervlak": "bruto vloeroppervlak (schatting)",
}

#: Dutch names of the distance indicators, for uitleg.
_DISTANCE_LABELS = {
    "afstand_hotspot_m": "informele werklocatie",
    "afstand_station_m": "station",
    "afstand_bedrijventerrein_m": "bedrijventerrein",
    "afstand_snelweg_m": "snelwegafrit",
}


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
    return _fmt_each_value(v, geheel)


def _fmt_dec(values: pd.Series | np.ndarray, digits: int = 1) -> pd.Series:
    """Dutch decimal comma without thousands point: 12.345 -> '12,3'."""
    s = pd.Series(values)
    return _fmt_each_value(s.round(digits), lambda x: getal(x, digits, groepeer=False))


def _kort(value: float) -> str:
    """A setting as it was written, with a decimal comma: 55.0 -> '55', 0.5 -> '0,5'.

    Up to six decimals, trailing zeros dropped (like ``f"{value:g}"`` for the minimum
    scores and hard constraints of a profile, without the exponent notation).
    """
    return getal(value, 6, groepeer=False).rstrip("0").rstrip(",")


#: The columns :func:`_value_text` reads beside a value function's own column.
_MEEGELEZEN: dict[str, tuple[str, ...]] = {
    "oppervlakte_m2": ("grootteklasse",),
    "bestemming_soort": ("bestemming", "bestemming_aandeel"),
    "ov_index": ("ov_klasse",),
}


def _value_text(ind: pd.DataFrame, crit: str, fn: Mapping[str, Any]) -> pd.Series:
    """Dutch text of the indicator value behind one criterion, per parcel.

    Reads the criterion's column and its :data:`_MEEGELEZEN` columns.
    """
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


class Uitkomst(NamedTuple):
    """What one profile gave a set of parcels (``rows``): the input of their uitleg.

    Every array has one value per row in ``rows`` (positions in the scored frame).
    """

    prof: Profiel
    rows: np.ndarray
    parts: dict[str, np.ndarray]
    known: dict[str, np.ndarray]
    total: np.ndarray
    kand: np.ndarray
    hard_ok: np.ndarray
    fails: list[tuple[str, np.ndarray]]
    eligible: np.ndarray
    in_regio: np.ndarray

    def take(self, at: np.ndarray) -> Uitkomst:
        """The outcome of the rows at positions ``at`` (of this outcome's own rows)."""
        return Uitkomst(
            self.prof,
            self.rows[at],
            {c: v[at] for c, v in self.parts.items()},
            {c: v[at] for c, v in self.known.items()},
            self.total[at],
            self.kand[at],
            self.hard_ok[at],
            [(c, failed[at]) for c, failed in self.fails],
            self.eligible[at],
            self.in_regio[at],
        )


#: What an unknown value does, as the uitleg says it (see ``[criteria.onbekend]``).
_ONBEKEND_EIS = {
    "uitsluiten": "harde eis niet gehaald",
    "telt_als_0": "telt als 0",
    "negeren": "harde eis geldt hier niet",
}
_ONBEKEND_GEWICHT = {
    "uitsluiten": "telt als 0; daarom geen kandidaat",
    "telt_als_0": "telt als 0",
    "negeren": "telt niet mee; de andere gewichten herschaald",
}


def _onbekend_tekst(
    prof: Profiel, c: str, redenen: pd.DataFrame | None, idx: pd.Index
) -> pd.Series | str:
    """``"<criterium> onbekend (<bron>: <waarom>; <gevolg>)"`` for the unknown values of c."""
    gevolg = _ONBEKEND_GEWICHT[prof.onbekend.get("gewichten", "telt_als_0")]
    if c in prof.harde_eisen:
        eis = _ONBEKEND_EIS[prof.onbekend.get("harde_eisen", "uitsluiten")]
        gevolg = eis if eis == gevolg else f"{eis}; {gevolg}"
    head = CRITERION_LABELS.get(c, c) + " onbekend ("
    if redenen is None or c not in redenen.columns:
        return head + "geen gegevens; " + gevolg + ")"
    reden = als_tekst(redenen[c]).fillna("geen gegevens").set_axis(idx)
    return head + reden + "; " + gevolg + ")"


def _uitleg(ind: pd.DataFrame, o: Uitkomst, redenen: pd.DataFrame | None = None) -> pd.Series:
    """The Dutch explanation per parcel for one profile (vectorised string building)."""
    idx = ind.index
    prof, parts, known = o.prof, o.parts, o.known
    # All parts are joined in one pass at the end (see _concat): adding them one by
    # one would copy the growing text a dozen times.
    items: list[pd.Series | str] = ["profiel " + prof.naam + ": "]
    contrib = {}
    for i, c in enumerate(prof.criteria):
        pts = 100.0 * prof.gewichten[c] * parts[c]
        contrib[c] = pts
        val = _value_text(ind, c, prof.waardefuncties[c]).set_axis(idx)
        val = val.where(known[c], _onbekend_tekst(prof, c, redenen, idx))
        items += ([] if i == 0 else ["; "]) + [val, " → ", _fmt_dec(pts, 0).set_axis(idx), " pt"]
    items += ["; score ", _fmt_dec(o.total, 0).set_axis(idx)]
    if contrib:
        names = np.array([CRITERION_LABELS.get(c, c) for c in contrib])
        stacked = np.column_stack(list(contrib.values()))
        top = choose(list(names), np.argmax(stacked, axis=1), idx)
        items += [" — telt het zwaarst: ", top]
    unknown_weight = np.zeros(len(idx), dtype=bool)
    if prof.onbekend.get("gewichten") == "uitsluiten":
        for c in prof.criteria:
            unknown_weight |= ~known[c]
    status = np.select(
        [o.kand, ~o.in_regio, ~o.hard_ok, unknown_weight, o.eligible],
        [0, 4, 1, 5, 2],
        default=3,
    )
    texts = [
        "Kandidaat",
        "Geen kandidaat: voldoet niet aan harde eis",
        "Geen kandidaat: buiten de top-" + str(prof.top_n) + " van de gemeente",
        "Geen kandidaat: score onder " + _kort(prof.min_score),
        "Geen kandidaat: ligt buiten de gemeenten van de regio",
        "Geen kandidaat: een gewogen criterium is onbekend",
    ]
    items += [". ", choose(texts, status, idx)]
    for c, failed in o.fails:
        label = CRITERION_LABELS.get(c, c)
        items.append(choose(["", f" ({label} < {_kort(prof.harde_eisen[c])})"], failed, idx))
    items.append(".")
    return _concat(items, idx)


#: Parcels per block of uitleg: bounds the memory of the string building (a block's
#: parts and joins take about 1 kB per parcel before they become its one text).
_UITLEG_BLOK = 50_000


def uitleg_per_blok(
    ind: pd.DataFrame,
    outcomes: list[Uitkomst],
    reporter: np.ndarray,
    klasse: pd.Series,
    profielen: list[Profiel],
    redenen: pd.DataFrame | None = None,
) -> pa.ChunkedArray:
    """The uitleg of every parcel, built per block of parcels as Arrow strings.

    A parcel is explained by the profile that reports it (``reporter``, a position in
    ``outcomes``) or, when none applies (-1), by its size class. The texts of one block
    are made per profile, then put in the parcels' order; the blocks stay separate
    chunks, so at no point are all texts held twice, nor one Python string per parcel.

    Parameters
    ----------
    ind
        The indicator columns of all parcels.
    outcomes
        What each profile gave the parcels it reports.
    reporter
        Per parcel the position in ``outcomes`` of the profile that reports it, or -1.
    klasse
        Per parcel its size class.
    profielen
        All profiles (named in the text of parcels that none applies to).
    redenen
        Per criterion (column) why a value is unknown, e.g. "OV-dienstregeling (GTFS):
        bereikt dit perceel niet" (:func:`werkruimte.dekking.reden_onbekend`); None
        says "geen gegevens".

    Returns
    -------
    pyarrow.ChunkedArray
        One text per parcel, in the parcels' order.
    """
    n = len(ind)
    extra = f"valt buiten de profielen ({', '.join(p.naam for p in profielen)}); score 0"
    # Only the columns the texts read: a row selection of the whole frame would copy
    # every indicator (and the geometry) of a block once per profile.
    ind = ind[_gelezen_kolommen(ind, outcomes)]
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
            why = None if redenen is None else redenen.iloc[sel]
            text = _uitleg(ind.iloc[sel], o.take(at), why)
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


def _gelezen_kolommen(ind: pd.DataFrame, outcomes: list[Uitkomst]) -> list[str]:
    """The columns of ``ind`` that :func:`_value_text` reads for these profiles.

    Always the size and its class: the uitleg of a parcel no profile reports.
    """
    wanted = {"oppervlakte_m2", *_MEEGELEZEN["oppervlakte_m2"]}
    for o in outcomes:
        for fn in o.prof.waardefuncties.values():
            wanted |= {str(fn["kolom"]), *_MEEGELEZEN.get(str(fn["kolom"]), ())}
    return [c for c in ind.columns if c in wanted]


def choose(texts: Sequence[str | None], codes: np.ndarray, index: pd.Index) -> pd.Series:
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
