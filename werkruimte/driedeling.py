"""STEC-driedeling: every werklocatie in one of three classes, by explicit rules.

Every werklocatie is classified: each formal bedrijventerrein (IBIS, ``soort``
``formeel``) and each informal hotspot (``soort`` ``informeel``). The classes and the
rules are configuration (``[criteria.driedeling]``): the werkgroep decides them, the
tool applies them the same way every run and writes down which rule decided.

How it works
------------
1. :func:`werklocatie_indicatoren` computes per werklocatie the indicators the rules
   can use (see :data:`INDICATOR_KOLOMMEN`), vectorised over all werklocaties.
2. :func:`pas_regels_toe` walks the ordered rules; the **first** rule whose
   conditions all hold decides ``klasse``, ``reden`` and ``regel``. A werklocatie that
   no rule matches gets ``standaardklasse`` with ``standaardreden``.

A rule (:class:`Regel`) is data, never code: a ``soort`` filter and a list of
conditions ``{kolom, op, waarde}`` that must **all** hold. Operators are ``<``,
``<=``, ``>``, ``>=``, ``==`` and ``in``. A missing value (NaN, e.g. no glasvezel
raster or no bestemmingsplan around a terrain) satisfies no condition, so a rule never
fires on data that is not there. ``ov_klasse`` compares in PTAL order
(0 < 1a < 1b < 2 < 3 < 4 < 5 < 6a < 6b), so ``ov_klasse >= "3"`` means PTAL 3 or better.
Text columns compare case-insensitively.

The default rules (:data:`DEFAULT_REGELS`, in this order)
---------------------------------------------------------
1. ``milieucategorie`` (formeel): highest milieucategorie >= 3.1 -> behouden. Homes
   cannot come within the hinder distance (VNG *Bedrijven en milieuzonering*).
2. ``werkterrein`` (formeel): >= 80 % werkbestemming and < 20 % woonbestemming in the
   zone around it -> behouden (a pure work terrain).
3. ``leegstand_ov`` (informeel): >= 25 % leegstand and PTAL 3 or better ->
   transformatie (structural vacancy on a well-served spot; with a contribution to the
   transformatiefonds).
4. ``weinig_werk`` (formeel): < 50 % werkbestemming and milieucategorie <= 2 ->
   transformatie.
5. ``goed_ov`` (formeel): PTAL 4 or better and milieucategorie <= 2 -> menging.
6. ``woonomgeving`` (formeel): >= 40 % woonbestemming around it and milieucategorie
   <= 2 -> menging.
7. ``broedplaats_bezet`` (informeel): a broedplaats or bedrijfsverzamelgebouw with
   < 10 % leegstand -> behouden (affordable work space in use).

Everything else: ``standaardklasse`` (default ``menging``).
"""

from __future__ import annotations

import functools
import logging
import os
import re
import string
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte.config import default_config
from werkruimte.errors import ConfigError, InputError
from werkruimte.sources._common import RD_NEW, mend, to_number

if TYPE_CHECKING:
    from werkruimte.config import Config
    from werkruimte.regio import Regio

__all__ = [
    "DEFAULT_REGELS",
    "INDICATOR_KOLOMMEN",
    "KLASSE_KLEUREN",
    "OPS",
    "PTAL_KLASSEN",
    "Regel",
    "Voorwaarde",
    "aanvullende_tabellen",
    "driedeling",
    "pas_regels_toe",
    "ptal_klasse",
    "regels_als_toml",
    "regels_uit_config",
    "werklocatie_indicatoren",
    "write_tabellen",
]

log = logging.getLogger(__name__)

#: Comparison operators of the rule mini-language.
OPS = ("<", "<=", ">", ">=", "==", "in")
#: PTAL bands in order (Transport for London).
PTAL_KLASSEN = ("0", "1a", "1b", "2", "3", "4", "5", "6a", "6b")
#: Upper bounds (inclusive) of the PTAL bands 0 .. 6a; above the last is 6b.
_PTAL_GRENZEN = np.array([0.0, 2.5, 5.0, 10.0, 15.0, 20.0, 25.0, 40.0])

#: Columns a rule condition may use, with their kind: ``getal`` (number, all
#: operators), ``ptal`` (PTAL band, ordered) or ``tekst`` (``==`` and ``in``).
INDICATOR_KOLOMMEN: dict[str, str] = {
    "milieucategorie_max": "getal",
    "ov_index": "getal",
    "ov_klasse": "ptal",
    "glasvezel_dekking": "getal",
    "leegstand_pct": "getal",
    "aandeel_werk": "getal",
    "woningen_binnen_m": "getal",
    "kandidaat_ha": "getal",
    "oppervlakte_ha": "getal",
    "type": "tekst",
    "gemeente": "tekst",
    "soort": "tekst",
}
#: Fractions 0..1: shown as percentages in ``reden`` and in the XLSX.
_FRACTIES = frozenset(
    {
        "glasvezel_dekking",
        "leegstand_pct",
        "aandeel_werk",
        "woningen_binnen_m",
        "gemiddelde_dekking",
    }
)
#: Extra fields a ``reden`` template may name besides the indicator columns.
_REDEN_VELDEN = frozenset({"id", "naam"})

#: Map colours of the default classes (for the kansenkaart layer).
KLASSE_KLEUREN = {"behouden": "#1b7837", "menging": "#f4a582", "transformatie": "#762a83"}

#: IMRO2012 hoofdgroepen that count as homes for ``woningen_binnen_m``.
WONEN = ("wonen", "woongebied")
#: Default width of the zone around a werklocatie in which homes are measured (m).
WONINGEN_AFSTAND_M = 100.0
#: A hotspot takes parcel indicators from the nearest parcel within this distance (m).
HOTSPOT_PERCEEL_MAX_M = 50.0

#: Columns of the result, in order (geometry last).
KOLOMMEN = (
    "id",
    "naam",
    "soort",
    "type",
    "gemeente",
    "oppervlakte_ha",
    "milieucategorie_max",
    "ov_index",
    "ov_klasse",
    "glasvezel_dekking",
    "leegstand_pct",
    "aandeel_werk",
    "woningen_binnen_m",
    "kandidaat_ha",
    "klasse",
    "reden",
    "regel",
)

_SOORTEN = ("formeel", "informeel")
_REGEL_SLEUTELS = ("id", "klasse", "reden", "soort", "voorwaarden")
_VOORWAARDE_SLEUTELS = ("kolom", "op", "waarde")
_VEREIST_PERCELEN = (
    "oppervlakte_m2",
    "ov_index",
    "glasvezel_dekking",
    "aandeel_werk",
    "kandidaat",
    "terrein_id",
)

Waarde = float | str | tuple[float | str, ...]


@dataclass(frozen=True)
class Voorwaarde:
    """One condition of a rule: ``kolom op waarde``.

    Attributes
    ----------
    kolom
        An indicator column (a key of :data:`INDICATOR_KOLOMMEN`).
    op
        One of :data:`OPS`.
    waarde
        A number, a text (for text columns and ``ov_klasse``) or, for ``in``, a tuple
        of them.
    """

    kolom: str
    op: str
    waarde: Waarde


@dataclass(frozen=True)
class Regel:
    """One driedeling rule: when all conditions hold, the werklocatie gets ``klasse``.

    Attributes
    ----------
    id
        Short rule name, written to the ``regel`` column.
    klasse
        The class it assigns; must be one of ``criteria.driedeling.klassen``.
    reden
        Dutch sentence for the ``reden`` column. It may name indicator columns and
        ``id``/``naam`` in braces (``"milieucategorie {milieucategorie_max}"``); they
        are filled in per werklocatie (fractions as percentages, missing values as
        "onbekend").
    soort
        ``"formeel"``, ``"informeel"`` or None for both.
    voorwaarden
        Conditions that must all hold.
    """

    id: str
    klasse: str
    reden: str
    soort: str | None = None
    voorwaarden: tuple[Voorwaarde, ...] = ()


#: The default ordered rules, as written in ``werkruimte/standaard.toml`` (read lazily
#: through the module ``__getattr__`` below).
DEFAULT_REGELS: tuple[Regel, ...]


@functools.cache
def _standaard_regels() -> tuple[Regel, ...]:
    return tuple(regels_uit_config(default_config()))


def __getattr__(name: str) -> Any:
    """``DEFAULT_REGELS``: the rules in ``werkruimte/standaard.toml``, read on first use.

    The TOML is the one place the default rules are written down (see the module
    docstring for their rationale); this keeps the import free of I/O.
    """
    if name == "DEFAULT_REGELS":
        return _standaard_regels()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------------------
# Rules from configuration
# ---------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _voorwaarde_uit(raw: Any, *, key: str, path: Any) -> Voorwaarde:
    if isinstance(raw, Voorwaarde):
        raw = {"kolom": raw.kolom, "op": raw.op, "waarde": raw.waarde}
    if not isinstance(raw, Mapping):
        raise ConfigError(
            f"een voorwaarde moet een tabel {{kolom, op, waarde}} zijn, gevonden: {raw!r}.",
            path=path,
            key=key,
            hint='bijvoorbeeld { kolom = "milieucategorie_max", op = ">=", waarde = 3.1 }.',
        )
    unknown = [k for k in raw if k not in _VOORWAARDE_SLEUTELS]
    missing = [k for k in _VOORWAARDE_SLEUTELS if k not in raw]
    if unknown or missing:
        raise ConfigError(
            "een voorwaarde heeft precies de sleutels kolom, op en waarde; "
            + (f"onbekend: {', '.join(map(str, unknown))}" if unknown else "")
            + ("; " if unknown and missing else "")
            + (f"ontbreekt: {', '.join(missing)}" if missing else "")
            + ".",
            path=path,
            key=key,
        )
    kolom, op, waarde = raw["kolom"], raw["op"], raw["waarde"]
    if kolom not in INDICATOR_KOLOMMEN:
        raise ConfigError(
            f"onbekende kolom {kolom!r}; bruikbaar: {', '.join(INDICATOR_KOLOMMEN)}.",
            path=path,
            key=f"{key}.kolom",
        )
    if op not in OPS:
        raise ConfigError(
            f"onbekende operator {op!r}; gebruik een van {' '.join(OPS)}.",
            path=path,
            key=f"{key}.op",
            hint="voor 'of' binnen één kolom: op = \"in\" met een lijst als waarde.",
        )
    soort = INDICATOR_KOLOMMEN[kolom]
    values = waarde if op == "in" else [waarde]
    if op == "in":
        if not isinstance(waarde, list | tuple) or not waarde:
            raise ConfigError(
                f'bij op = "in" hoort een niet-lege lijst als waarde, gevonden: {waarde!r}.',
                path=path,
                key=f"{key}.waarde",
                hint='bijvoorbeeld waarde = ["broedplaats", "bedrijfsverzamelgebouw"].',
            )
    elif soort == "tekst" and op != "==":
        raise ConfigError(
            f"kolom {kolom} is tekst: alleen == en in zijn mogelijk, gevonden {op!r}.",
            path=path,
            key=f"{key}.op",
        )
    for item in values:
        ok = (
            _is_number(item)
            if soort == "getal"
            else (item in PTAL_KLASSEN if soort == "ptal" else isinstance(item, str))
        )
        if not ok:
            expected = {
                "getal": "een getal",
                "ptal": f"een PTAL-klasse ({', '.join(PTAL_KLASSEN)}) als tekst",
                "tekst": "tekst",
            }[soort]
            raise ConfigError(
                f"kolom {kolom} verwacht {expected}, gevonden: {item!r}.",
                path=path,
                key=f"{key}.waarde",
            )
    if op == "in":
        tup = tuple(float(x) if soort == "getal" else str(x) for x in values)
        return Voorwaarde(kolom=str(kolom), op=op, waarde=tup)
    val: float | str = float(waarde) if soort == "getal" else str(waarde)
    return Voorwaarde(kolom=str(kolom), op=op, waarde=val)


def _check_reden(reden: Any, *, key: str, path: Any) -> str:
    if not isinstance(reden, str) or not reden.strip():
        raise ConfigError(
            f"reden moet een niet-lege tekst zijn, gevonden: {reden!r}.", path=path, key=key
        )
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(reden) if f is not None]
    except ValueError as exc:
        raise ConfigError(
            f"reden is geen geldige sjabloontekst ({exc}).",
            path=path,
            key=key,
            hint="gebruik {kolomnaam} voor een waarde en {{ }} voor een letterlijke accolade.",
        ) from exc
    allowed = set(INDICATOR_KOLOMMEN) | _REDEN_VELDEN
    for field_name in fields:
        if field_name not in allowed:
            raise ConfigError(
                f"reden noemt onbekend veld {{{field_name}}}; bruikbaar: "
                f"{', '.join(sorted(allowed))}.",
                path=path,
                key=key,
            )
    return reden


def _regel_uit(raw: Any, *, key: str, klassen: Sequence[str], path: Any) -> Regel:
    if isinstance(raw, Regel):
        raw = {
            "id": raw.id,
            "klasse": raw.klasse,
            "reden": raw.reden,
            "soort": raw.soort if raw.soort is not None else "beide",
            "voorwaarden": list(raw.voorwaarden),
        }
    if not isinstance(raw, Mapping):
        raise ConfigError(
            f"een regel moet een tabel zijn ([[criteria.driedeling.regels]]), gevonden: {raw!r}.",
            path=path,
            key=key,
        )
    unknown = [str(k) for k in raw if k not in _REGEL_SLEUTELS]
    if unknown:
        raise ConfigError(
            f"onbekende sleutel(s) {', '.join(unknown)}; geldig: {', '.join(_REGEL_SLEUTELS)}.",
            path=path,
            key=key,
        )
    for needed in ("id", "klasse", "reden"):
        if needed not in raw:
            raise ConfigError(f"sleutel {needed} ontbreekt.", path=path, key=key)
    rid = raw["id"]
    if not isinstance(rid, str) or not rid.strip():
        raise ConfigError(
            f"id moet een niet-lege tekst zijn, gevonden: {rid!r}.", path=path, key=key
        )
    klasse = raw["klasse"]
    if klasse not in klassen:
        raise ConfigError(
            f"onbekende klasse {klasse!r} in regel {rid!r}; klassen: {', '.join(klassen)}.",
            path=path,
            key=key,
            hint="voeg de klasse toe aan criteria.driedeling.klassen of kies een bestaande.",
        )
    soort = raw.get("soort", "beide")
    if soort not in (*_SOORTEN, "beide"):
        raise ConfigError(
            f"soort moet formeel, informeel of beide zijn, gevonden: {soort!r}.",
            path=path,
            key=key,
        )
    reden = _check_reden(raw["reden"], key=key, path=path)
    conds = raw.get("voorwaarden", [])
    if not isinstance(conds, list | tuple):
        raise ConfigError(
            f"voorwaarden moet een lijst zijn, gevonden: {conds!r}.", path=path, key=key
        )
    voorwaarden = tuple(
        _voorwaarde_uit(c, key=f"{key}.voorwaarden[{j}]", path=path) for j, c in enumerate(conds)
    )
    return Regel(
        id=rid,
        klasse=str(klasse),
        reden=reden,
        soort=None if soort == "beide" else str(soort),
        voorwaarden=voorwaarden,
    )


def _valideer(regels: Iterable[Any], *, klassen: Sequence[str], path: Any = None) -> list[Regel]:
    out: list[Regel] = []
    seen: set[str] = set()
    for i, raw in enumerate(regels):
        key = f"criteria.driedeling.regels[{i}]"
        regel = _regel_uit(raw, key=key, klassen=klassen, path=path)
        if regel.id in seen:
            raise ConfigError(
                f"regel-id {regel.id!r} komt twee keer voor.",
                path=path,
                key=key,
                hint="geef elke regel een eigen id.",
            )
        seen.add(regel.id)
        out.append(regel)
    return out


def _klassen(config: Config) -> tuple[list[str], str, str]:
    d = config.criteria.get("driedeling", {})
    klassen = d.get("klassen", ["behouden", "menging", "transformatie"])
    if not isinstance(klassen, list) or not klassen or not all(isinstance(k, str) for k in klassen):
        raise ConfigError(
            f"klassen moet een niet-lege lijst met namen zijn, gevonden: {klassen!r}.",
            path=config.path,
            key="criteria.driedeling.klassen",
        )
    standaard = d.get("standaardklasse", "menging")
    if standaard not in klassen:
        raise ConfigError(
            f"standaardklasse {standaard!r} staat niet in klassen ({', '.join(klassen)}).",
            path=config.path,
            key="criteria.driedeling.standaardklasse",
        )
    reden = str(d.get("standaardreden", "geen regel van toepassing"))
    _check_reden(reden, key="criteria.driedeling.standaardreden", path=config.path)
    return list(klassen), str(standaard), reden


def regels_uit_config(config: Config) -> list[Regel]:
    """The ordered driedeling rules of a configuration, validated.

    Parameters
    ----------
    config
        The configuration; ``criteria.driedeling.regels`` (an array of tables) when
        present, else :data:`DEFAULT_REGELS`.

    Returns
    -------
    list of Regel

    Raises
    ------
    ConfigError
        Naming ``criteria.driedeling.regels[i]`` (0-based) for an unknown column,
        operator, class, key or a value of the wrong kind.
    """
    klassen, _, _ = _klassen(config)
    raw = config.criteria.get("driedeling", {}).get("regels")
    if raw is None:  # a Config always carries the defaults; this is for hand-made ones
        raw = default_config().criteria["driedeling"]["regels"]
    if not isinstance(raw, list):
        raise ConfigError(
            f"regels moet een lijst van tabellen zijn, gevonden: {raw!r}.",
            path=config.path,
            key="criteria.driedeling.regels",
            hint="schrijf elke regel als [[criteria.driedeling.regels]].",
        )
    return _valideer(raw, klassen=klassen, path=config.path)


def _toml_waarde(value: Any) -> str:
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_waarde(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(float(value))


def regels_als_toml(regels: Iterable[Regel]) -> str:
    """Render rules as ``[[criteria.driedeling.regels]]`` TOML (to paste into a config).

    Parameters
    ----------
    regels
        The rules, e.g. :data:`DEFAULT_REGELS`.

    Returns
    -------
    str
        TOML text; reading it back with :func:`regels_uit_config` gives the same rules.
    """
    parts = []
    for r in regels:
        conds = ",\n".join(
            f"  {{ kolom = {_toml_waarde(c.kolom)}, op = {_toml_waarde(c.op)}, "
            f"waarde = {_toml_waarde(c.waarde)} }}"
            for c in r.voorwaarden
        )
        parts.append(
            "[[criteria.driedeling.regels]]\n"
            f"id = {_toml_waarde(r.id)}\n"
            f"klasse = {_toml_waarde(r.klasse)}\n"
            f"soort = {_toml_waarde(r.soort or 'beide')}\n"
            f"reden = {_toml_waarde(r.reden)}\n"
            f"voorwaarden = [\n{conds}\n]\n"
        )
    return "\n".join(parts)


# ---------------------------------------------------------------------------
# Indicators per werklocatie
# ---------------------------------------------------------------------------


def ptal_klasse(ov_index: pd.Series | np.ndarray) -> pd.Series:
    """PTAL band (``"0"``, ``"1a"`` ... ``"6b"``) of an accessibility index.

    Bands as Transport for London publishes them, upper bounds inclusive: 0; 1a up to
    2.5; 1b up to 5; 2 up to 10; 3 up to 15; 4 up to 20; 5 up to 25; 6a up to 40; 6b
    above. NaN gives NA.
    """
    values = np.asarray(ov_index, dtype="float64")
    pos = np.searchsorted(_PTAL_GRENZEN, values, side="left")
    labels = np.asarray(PTAL_KLASSEN, dtype=object)[np.minimum(pos, len(PTAL_KLASSEN) - 1)]
    labels[np.isnan(values)] = None
    index = ov_index.index if isinstance(ov_index, pd.Series) else None
    return pd.Series(labels, index=index, dtype="string", name="ov_klasse")


def _check_percelen(percelen: gpd.GeoDataFrame) -> None:
    missing = [c for c in _VEREIST_PERCELEN if c not in percelen.columns]
    if missing:
        raise InputError(
            f"de gescoorde percelen missen kolom(men) {', '.join(missing)}.",
            layer="percelen",
            column=missing[0],
            hint="geef de uitvoer van werkruimte.score(regio) door, niet regio.percelen.",
        )


def _weighted_mean(pos: np.ndarray, values: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """Mean of ``values`` per group ``pos`` (0..n-1) weighted by ``weights``, NaN-aware."""
    ok = (pos >= 0) & ~np.isnan(values) & ~np.isnan(weights) & (weights > 0)
    num = np.bincount(pos[ok], weights=values[ok] * weights[ok], minlength=n)
    den = np.bincount(pos[ok], weights=weights[ok], minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def _aandeel_bestemming(
    zones: np.ndarray, plannen: gpd.GeoDataFrame, doel: Iterable[str]
) -> np.ndarray:
    """Share of each zone with a hoofdgroep in ``doel``; NaN where no plan covers it."""
    from werkruimte.indicators.bestemming import group_shares

    n = len(zones)
    out = np.full(n, np.nan)
    if not n or not len(plannen) or "bestemmingshoofdgroep" not in plannen.columns:
        return out
    groep = plannen["bestemmingshoofdgroep"].astype("string").str.strip().str.lower()
    doel_set = [str(d).strip().lower() for d in doel]
    codes = np.where(
        groep.isna().to_numpy(), -1, groep.isin(doel_set).to_numpy(dtype=bool, na_value=False)
    ).astype(np.int64)
    p, c, share = group_shares(zones, plannen.geometry.to_numpy(), codes)
    covered = np.bincount(p, weights=share, minlength=n)
    hit = np.bincount(p, weights=share * (c == 1), minlength=n)
    return np.where(covered > 0, np.clip(hit, 0.0, 1.0), np.nan)


def _match(layer: gpd.GeoDataFrame, crs: Any, what: str) -> gpd.GeoDataFrame:
    from werkruimte.indicators.afstand import match_crs

    ref = gpd.GeoDataFrame(geometry=[], crs=crs)
    out = match_crs(layer, ref, what=what)
    assert isinstance(out, gpd.GeoDataFrame)
    return out


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column in frame.columns:
        return frame[column].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _number(frame: pd.DataFrame, column: str, layer: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return to_number(frame[column], column=column, layer=layer).to_numpy(
        dtype="float64", na_value=np.nan
    )


def _ptal_op(regio: Regio, geoms: gpd.GeoDataFrame) -> np.ndarray:
    """PTAL index at the locations (centroid), computed from the GTFS feed."""
    from werkruimte.indicators import ov

    o = regio.config.criteria["ov"]
    pt = ov.ptal(geoms, regio.ov, **o, loopnetwerk=regio.loopnetwerk)
    return np.asarray(pt["ov_index"], dtype="float64")


def _dekking_raster(regio: Regio, geoms: gpd.GeoDataFrame) -> np.ndarray:
    from werkruimte.indicators import glasvezel

    return np.asarray(glasvezel.glasvezel_dekking(geoms, regio.glasvezel), dtype="float64")


def _with_gemeente(layer: gpd.GeoDataFrame, regio: Regio) -> gpd.GeoDataFrame:
    if "gemeente" in layer.columns and len(layer):
        return layer
    from werkruimte.regio import assign_gemeente

    return assign_gemeente(layer, regio.gemeenten)


def _terrein_indicatoren(
    regio: Regio, percelen: gpd.GeoDataFrame, *, woningen_afstand_m: float
) -> gpd.GeoDataFrame:
    t = _with_gemeente(_match(regio.bedrijventerreinen, percelen.crs, "bedrijventerreinen"), regio)
    n = len(t)
    geoms = t.geometry.to_numpy()
    werk = regio.config.criteria["bestemming"]["werk"]
    plannen = _match(regio.bestemmingsplannen, percelen.crs, "bestemmingsplannen")

    # Member parcels: the terrain each parcel is on (scoring's terrein_id).
    ids = _text(t, "terrein_id")
    pos = pd.Index(ids.to_numpy(dtype=object)).get_indexer(
        percelen["terrein_id"].astype("string").to_numpy(dtype=object)
    )
    pos = np.asarray(pos, dtype=np.int64)
    m2 = percelen["oppervlakte_m2"].to_numpy(dtype="float64", na_value=np.nan)
    ov_index = _weighted_mean(
        pos, percelen["ov_index"].to_numpy(dtype="float64", na_value=np.nan), m2, n
    )
    if regio.ov is not None and n and np.isnan(ov_index).any():
        todo = np.isnan(ov_index)
        ov_index[todo] = _ptal_op(regio, t.loc[todo])
    if regio.glasvezel is not None and n:
        dekking = _dekking_raster(regio, t)
    else:
        dekking = _weighted_mean(
            pos, percelen["glasvezel_dekking"].to_numpy(dtype="float64", na_value=np.nan), m2, n
        )
    kandidaat = percelen["kandidaat"].to_numpy(dtype=bool, na_value=False)
    sel = (pos >= 0) & kandidaat
    kandidaat_ha = np.bincount(pos[sel], weights=np.nan_to_num(m2[sel]), minlength=n) / 1e4

    ring = shapely.difference(shapely.buffer(geoms, woningen_afstand_m), geoms)
    opp = _number(t, "ha_bruto", "bedrijventerreinen")
    opp = np.where(np.isnan(opp), shapely.area(geoms) / 1e4, opp)
    typ = _text(t, "wloc_type")
    return gpd.GeoDataFrame(
        {
            "id": ids.to_numpy(dtype=object),
            "naam": _text(t, "naam").to_numpy(dtype=object),
            "soort": "formeel",
            "type": typ.to_numpy(dtype=object),
            "gemeente": _text(t, "gemeente").to_numpy(dtype=object),
            "oppervlakte_ha": opp,
            "milieucategorie_max": _number(t, "milieucategorie_max", "bedrijventerreinen"),
            "ov_index": ov_index,
            "glasvezel_dekking": dekking,
            "leegstand_pct": np.full(n, np.nan),
            "aandeel_werk": _aandeel_bestemming(geoms, plannen, werk),
            "woningen_binnen_m": _aandeel_bestemming(ring, plannen, WONEN),
            "kandidaat_ha": kandidaat_ha,
        },
        geometry=geoms,
        crs=RD_NEW,
    )


def _hotspot_indicatoren(
    regio: Regio, percelen: gpd.GeoDataFrame, *, woningen_afstand_m: float
) -> gpd.GeoDataFrame:
    h = _with_gemeente(_match(regio.hotspots, percelen.crs, "hotspots"), regio)
    n = len(h)
    geoms = h.geometry.to_numpy()
    plannen = _match(regio.bestemmingsplannen, percelen.crs, "bestemmingsplannen")

    # The parcel each hotspot stands on: the nearest within HOTSPOT_PERCEEL_MAX_M.
    perceel = np.full(n, -1, dtype=np.int64)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if n and len(percelen) and present.any():
        tree = shapely.STRtree(percelen.geometry.to_numpy())
        src, dst = tree.query_nearest(
            geoms[present], max_distance=HOTSPOT_PERCEEL_MAX_M, all_matches=False
        )
        perceel[np.flatnonzero(present)[src]] = dst
    has = perceel >= 0
    take = np.where(has, perceel, 0)

    def from_parcel(column: str) -> np.ndarray:
        out = np.full(n, np.nan)
        if column in percelen.columns and len(percelen):
            vals = percelen[column].to_numpy(dtype="float64", na_value=np.nan)
            out[has] = vals[take[has]]
        return out

    ov_index = from_parcel("ov_index")
    if regio.ov is not None and n and (np.isnan(ov_index) & present).any():
        todo = np.isnan(ov_index) & present
        ov_index[todo] = _ptal_op(regio, h.loc[todo])
    dekking = from_parcel("glasvezel_dekking")
    if regio.glasvezel is not None and n and (~has & present).any():
        todo = ~has & present
        dekking[todo] = _dekking_raster(
            regio, gpd.GeoDataFrame(geometry=shapely.buffer(geoms[todo], 25.0), crs=RD_NEW)
        )
    m2 = from_parcel("oppervlakte_m2")
    kand = np.zeros(n, dtype=bool)
    if len(percelen):
        kand[has] = percelen["kandidaat"].to_numpy(dtype=bool, na_value=False)[take[has]]
    kandidaat_ha = np.where(kand, np.nan_to_num(m2) / 1e4, 0.0)

    opp = _number(h, "oppervlakte_m2", "hotspots")
    leeg = _number(h, "leegstand_m2", "hotspots")
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(opp > 0, leeg / opp, np.nan)
    over = pct > 1.0
    if over.any():
        mend(
            f"hotspots: bij {int(over.sum())} werklocaties is leegstand_m2 groter dan "
            "oppervlakte_m2; leegstand_pct op 100% gezet."
        )
        pct = np.where(over, 1.0, pct)
    zones = shapely.buffer(geoms, woningen_afstand_m)
    return gpd.GeoDataFrame(
        {
            "id": _text(h, "hotspot_id").to_numpy(dtype=object),
            "naam": _text(h, "naam").to_numpy(dtype=object),
            "soort": "informeel",
            "type": _text(h, "type").to_numpy(dtype=object),
            "gemeente": _text(h, "gemeente").to_numpy(dtype=object),
            "oppervlakte_ha": np.full(n, np.nan),
            "milieucategorie_max": from_parcel("milieucategorie_max"),
            "ov_index": ov_index,
            "glasvezel_dekking": dekking,
            "leegstand_pct": pct,
            "aandeel_werk": from_parcel("aandeel_werk"),
            "woningen_binnen_m": _aandeel_bestemming(zones, plannen, WONEN),
            "kandidaat_ha": kandidaat_ha,
        },
        geometry=geoms,
        crs=RD_NEW,
    )


def werklocatie_indicatoren(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    *,
    woningen_afstand_m: float | None = None,
) -> gpd.GeoDataFrame:
    """The indicators of every werklocatie that the driedeling rules can use.

    Parameters
    ----------
    regio
        The region (terrains, hotspots, bestemmingsplannen, optionally GTFS and raster).
    percelen
        The scored parcels (output of :func:`werkruimte.scoring.score`).
    woningen_afstand_m
        Width of the zone around a werklocatie for ``woningen_binnen_m``; default
        ``criteria.driedeling.woningen_afstand_m`` when configured, else 100 m.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per werklocatie, terrains first (input order), then hotspots, with a
        fresh RangeIndex and EPSG:28992:

        - ``id``, ``naam``, ``soort`` (formeel/informeel), ``type`` (``wloc_type`` or
          the hotspot type), ``gemeente``;
        - ``oppervlakte_ha``: terrain ``ha_bruto`` (else polygon area); NaN for hotspots;
        - ``milieucategorie_max``: the terrain's; for a hotspot that of the parcel it
          stands on (NaN off terrains);
        - ``ov_index``: terrains the area-weighted mean of member parcels' ``ov_index``
          (members: parcels whose ``terrein_id`` is the terrain), PTAL at the centroid
          from GTFS when there are none; hotspots the parcel it stands on (nearest
          within 50 m), else PTAL at the point; ``ov_klasse`` its PTAL band;
        - ``glasvezel_dekking``: terrains from the raster over the polygon (without a
          raster: area-weighted mean of member parcels); hotspots the parcel it stands on;
        - ``leegstand_pct``: hotspots ``leegstand_m2 / oppervlakte_m2`` (0..1); NaN for
          terrains;
        - ``aandeel_werk``: terrains the share of the polygon with a werkbestemming
          (``criteria.bestemming.werk``); hotspots that of the parcel; NaN when no plan
          covers the terrain;
        - ``woningen_binnen_m``: share (0..1) of the zone within ``woningen_afstand_m``
          around the terrain (outside it) or around the hotspot point with bestemming
          wonen; NaN where no plan covers that zone;
        - ``kandidaat_ha``: hectares of candidate parcels (``kandidaat``) on the terrain,
          or the parcel a hotspot stands on when it is a candidate;
        - geometry: terrain polygon / hotspot point.

    Raises
    ------
    InputError
        When ``percelen`` lacks a scored column (``ov_index``, ``kandidaat`` ...).
    """
    _check_percelen(percelen)
    if woningen_afstand_m is None:
        woningen_afstand_m = float(
            regio.config.criteria.get("driedeling", {}).get(
                "woningen_afstand_m", WONINGEN_AFSTAND_M
            )
        )
    parts = [
        _terrein_indicatoren(regio, percelen, woningen_afstand_m=woningen_afstand_m),
        _hotspot_indicatoren(regio, percelen, woningen_afstand_m=woningen_afstand_m),
    ]
    out = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=RD_NEW)
    for col in ("id", "naam", "soort", "type", "gemeente"):
        out[col] = out[col].astype("string")
    out["ov_klasse"] = ptal_klasse(out["ov_index"]).to_numpy()
    out["ov_klasse"] = out["ov_klasse"].astype("string")
    return out


# ---------------------------------------------------------------------------
# Applying the rules
# ---------------------------------------------------------------------------


def _conditie(frame: pd.DataFrame, v: Voorwaarde) -> np.ndarray:
    kind = INDICATOR_KOLOMMEN[v.kolom]
    if v.kolom not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    col = frame[v.kolom]
    if kind == "tekst":
        text = col.astype("string").str.strip().str.lower()
        items = v.waarde if isinstance(v.waarde, tuple) else (v.waarde,)
        wanted = [str(w).strip().lower() for w in items]
        return text.isin(wanted).to_numpy(dtype=bool, na_value=False)
    if kind == "ptal":
        rank = {k: float(i) for i, k in enumerate(PTAL_KLASSEN)}
        values = (
            col.astype("string")
            .map(rank)
            .astype("float64")
            .to_numpy(dtype="float64", na_value=np.nan)
        )
        target: Any = (
            [rank[str(w)] for w in v.waarde] if isinstance(v.waarde, tuple) else rank[str(v.waarde)]
        )
    else:
        values = col.to_numpy(dtype="float64", na_value=np.nan)
        target = [float(w) for w in v.waarde] if isinstance(v.waarde, tuple) else float(v.waarde)
    with np.errstate(invalid="ignore"):
        if v.op == "in":
            return np.isin(values, np.asarray(target, dtype="float64"))
        ops = {
            "<": np.less,
            "<=": np.less_equal,
            ">": np.greater,
            ">=": np.greater_equal,
            "==": np.equal,
        }
        return np.asarray(ops[v.op](values, target), dtype=bool)


def _fmt(frame: pd.DataFrame, field_name: str) -> pd.Series:
    col = frame[field_name]
    if INDICATOR_KOLOMMEN.get(field_name) != "getal":
        text = col.astype("string")
    else:
        x = col.astype("float64")
        if field_name in _FRACTIES:
            text = (x * 100).round(0).astype("Int64").astype("string") + "%"
        elif field_name == "milieucategorie_max":  # VNG notation: 3.1, 4.2
            text = x.round(1).astype("string").str.replace(r"\.0$", "", regex=True)
        else:
            text = (
                x.round(2)
                .astype("string")
                .str.replace(r"\.0+$", "", regex=True)
                .str.replace(".", ",", regex=False)
            )
    return text.fillna("onbekend")


def _render(frame: pd.DataFrame, template: str, rows: np.ndarray) -> pd.Series:
    """Fill ``template`` per row (only ``rows``); vectorised over the fields."""
    sub = frame.loc[rows]
    out = pd.Series("", index=sub.index, dtype="string")
    for literal, field_name, _, _ in string.Formatter().parse(template):
        out = out + literal
        if field_name is not None:
            out = out + _fmt(sub, field_name)
    return out


def pas_regels_toe(
    indicatoren: gpd.GeoDataFrame,
    regels: Sequence[Regel],
    *,
    klassen: Sequence[str] = ("behouden", "menging", "transformatie"),
    standaardklasse: str = "menging",
    standaardreden: str = "geen regel van toepassing",
) -> gpd.GeoDataFrame:
    """Classify werklocaties: the first rule whose conditions all hold decides.

    Parameters
    ----------
    indicatoren
        Output of :func:`werklocatie_indicatoren` (or any frame with those columns).
    regels
        Ordered rules; validated against ``klassen``.
    klassen
        The allowed class names.
    standaardklasse, standaardreden
        Class and reason when no rule matches.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame with ``klasse``, ``reden`` and ``regel`` (rule id, ``"standaard"``
        when none matched) added; ``attrs["klassen"]`` holds the class order.

    Raises
    ------
    ConfigError
        When a rule names an unknown column, operator or class.
    """
    regels = _valideer(regels, klassen=klassen)
    if standaardklasse not in klassen:
        raise ConfigError(
            f"standaardklasse {standaardklasse!r} staat niet in klassen ({', '.join(klassen)}).",
            key="criteria.driedeling.standaardklasse",
        )
    n = len(indicatoren)
    open_ = np.ones(n, dtype=bool)
    klasse = np.full(n, standaardklasse, dtype=object)
    regel = np.full(n, "standaard", dtype=object)
    reden = pd.Series(pd.NA, index=indicatoren.index, dtype="string")
    soort = indicatoren["soort"].astype("string").to_numpy(dtype=object, na_value=None)
    for r in regels:
        hit = open_.copy()
        if r.soort is not None:
            hit &= soort == r.soort
        for v in r.voorwaarden:
            if not hit.any():
                break
            hit &= _conditie(indicatoren, v)
        if not hit.any():
            continue
        klasse[hit] = r.klasse
        regel[hit] = r.id
        reden.loc[indicatoren.index[hit]] = _render(indicatoren, r.reden, hit)
        open_ &= ~hit
    if open_.any():
        reden.loc[indicatoren.index[open_]] = _render(indicatoren, standaardreden, open_)
    out = indicatoren.copy()
    out["klasse"] = pd.Series(klasse, index=out.index, dtype="string")
    out["reden"] = reden
    out["regel"] = pd.Series(regel, index=out.index, dtype="string")
    out.attrs["klassen"] = list(klassen)
    return out


def driedeling(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    *,
    regels: Sequence[Regel] | None = None,
) -> gpd.GeoDataFrame:
    """STEC-driedeling: classify every werklocatie (terrain and hotspot) by ordered rules.

    Parameters
    ----------
    regio
        The region: ``bedrijventerreinen``, ``hotspots``, ``bestemmingsplannen``,
        optionally ``ov`` (GTFS) and ``glasvezel`` (raster); its config gives the
        classes, default class and (unless ``regels`` is given) the rules.
    percelen
        The scored parcels (output of :func:`werkruimte.scoring.score`).
    regels
        Ordered rules overriding ``criteria.driedeling.regels`` / :data:`DEFAULT_REGELS`.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per werklocatie (terrains first, then hotspots), EPSG:28992, columns
        ``id``, ``naam``, ``soort``, ``type``, ``gemeente``, ``oppervlakte_ha``,
        ``milieucategorie_max``, ``ov_index``, ``ov_klasse``, ``glasvezel_dekking``,
        ``leegstand_pct``, ``aandeel_werk``, ``woningen_binnen_m``, ``kandidaat_ha``
        (see :func:`werklocatie_indicatoren`), ``klasse``, ``reden`` (Dutch, the
        deciding rule with its values), ``regel`` (rule id or ``"standaard"``) and the
        geometry (terrain polygon / hotspot point).

    Raises
    ------
    ConfigError
        For an invalid rule (``criteria.driedeling.regels[i]``) or class setting.
    InputError
        When ``percelen`` is not a scored parcel frame.

    Examples
    --------
    >>> import werkruimte as wr  # doctest: +SKIP
    >>> regio = wr.load_demo()  # doctest: +SKIP
    >>> tabel = wr.driedeling(regio, wr.score(regio))  # doctest: +SKIP
    >>> tabel.groupby("klasse").size()  # doctest: +SKIP
    """
    klassen, standaard, standaardreden = _klassen(regio.config)
    if regels is None:
        gekozen = regels_uit_config(regio.config)
    else:
        gekozen = _valideer(regels, klassen=klassen, path=regio.config.path)
    ind = werklocatie_indicatoren(regio, percelen)
    out = pas_regels_toe(
        ind, gekozen, klassen=klassen, standaardklasse=standaard, standaardreden=standaardreden
    )
    out = out[[*KOLOMMEN, "geometry"]]
    out.attrs["klassen"] = klassen
    counts = out["klasse"].value_counts()
    log.info("driedeling: %s", ", ".join(f"{k} {int(counts.get(k, 0))}" for k in klassen))
    return out


def aanvullende_tabellen(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None,
    *,
    werklocaties: gpd.GeoDataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """The extra tables next to the driedeling: middensegment and glasvezel gaps.

    Parameters
    ----------
    regio
        The region.
    percelen
        The scored (and clustered) parcels.
    clusters
        Candidate clusters, or None.
    werklocaties
        Output of :func:`driedeling`; pass it to avoid computing it again.

    Returns
    -------
    dict
        ``{"middensegment": DataFrame, "glasvezelgaten": GeoDataFrame}`` (see
        :func:`werkruimte.middensegment.middensegment_match` and
        :func:`werkruimte.vraagbundeling.glasvezel_gaten`), ready for
        :func:`write_tabellen`.
    """
    from werkruimte.middensegment import middensegment_match
    from werkruimte.vraagbundeling import glasvezel_gaten

    if werklocaties is None:
        werklocaties = driedeling(regio, percelen)
    return {
        "middensegment": middensegment_match(regio, percelen),
        "glasvezelgaten": glasvezel_gaten(regio, percelen, clusters, werklocaties),
    }


# ---------------------------------------------------------------------------
# Tables: CSV and XLSX
# ---------------------------------------------------------------------------

_ONGELDIG_BLAD = re.compile(r"[\[\]:*?/\\]")


def _bladnaam(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (<= 31 chars, no []:*?/\\, not 'History')."""
    base = _ONGELDIG_BLAD.sub("-", str(name)).strip().strip("'") or "blad"
    if base.lower() == "history":
        base = "History-"
    base = base[:31]
    candidate, k = base, 2
    while candidate.lower() in taken:
        suffix = f" ({k})"
        candidate = base[: 31 - len(suffix)] + suffix
        k += 1
    taken.add(candidate.lower())
    return candidate


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Without geometry, floats rounded, for tables."""
    geo = [c for c in frame.columns if isinstance(frame[c].dtype, gpd.array.GeometryDtype)]
    out = pd.DataFrame(frame.drop(columns=geo))
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(4)
    return out


def _klasse_volgorde(tabel: pd.DataFrame) -> list[str]:
    order = [str(k) for k in tabel.attrs.get("klassen", [])]
    seen = [str(k) for k in tabel["klasse"].dropna().unique()] if "klasse" in tabel else []
    return order + [k for k in seen if k not in order]


def _samenvatting(tabel: pd.DataFrame, by: str, klassen: list[str]) -> pd.DataFrame:
    if not len(tabel):
        return pd.DataFrame(columns=[by, *klassen, "totaal"])
    ct = pd.crosstab(tabel[by].astype("string").fillna("onbekend"), tabel["klasse"])
    ct = ct.reindex(columns=klassen, fill_value=0)
    ct["totaal"] = ct.sum(axis=1)
    ct.loc["totaal"] = ct.sum(axis=0)
    ct.index.name = by
    ct.columns.name = None
    return ct.reset_index()


def _opmaak(ws: Any, frame: pd.DataFrame, header_rows: Sequence[int] = (1,)) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for r in header_rows:
        for cell in ws[r]:
            cell.font = bold
    ws.freeze_panes = "A2"
    for i, col in enumerate(frame.columns, start=1):
        sample = frame[col].head(500).astype("string").fillna("")
        width = (
            max([len(str(col)), *(len(s) for s in sample.tolist())])
            if len(sample)
            else len(str(col))
        )
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        if pd.api.types.is_float_dtype(frame[col]):
            fmt = "0%" if col in _FRACTIES else "0.0#"
            for cell in ws[letter][1:]:
                cell.number_format = fmt


def _atomic_target(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    return Path(tmp)


def write_tabellen(
    tabel: gpd.GeoDataFrame,
    extra: Mapping[str, pd.DataFrame],
    *,
    csv: str | os.PathLike[str],
    xlsx: str | os.PathLike[str],
) -> None:
    """Write the driedeling as CSV (Dutch Excel) and as XLSX with a sheet per gemeente.

    CSV: UTF-8 **with BOM**, ``;`` as separator and a **decimal comma**, so that
    double-clicking it in a Dutch Excel opens the right columns, numbers and accents;
    pandas reads it back with ``sep=";", decimal=",", encoding="utf-8-sig"``. Column
    names are the contract names; no geometry; numbers rounded to 4 decimals.

    XLSX (openpyxl): sheet ``samenvatting`` (counts per gemeente x klasse, and per
    soort x klasse, with totals), one sheet per gemeente with its werklocaties, then one
    sheet per entry of ``extra`` (e.g. ``middensegment``, ``glasvezelgaten``; a
    geometry column is dropped). Sheet names are made valid for Excel (at most 31
    characters, no ``[]:*?/\\``, unique). Headers are bold, the header row frozen,
    column widths fit the content, fractions show as percentages.

    Both files are written to a temporary file next to the target and then renamed,
    so a failure never leaves a half-written table.

    Parameters
    ----------
    tabel
        Output of :func:`driedeling`.
    extra
        Further tables by sheet name.
    csv, xlsx
        Target paths.
    """
    plain = _plain(tabel)
    csv_path, xlsx_path = Path(csv), Path(xlsx)

    tmp_csv = _atomic_target(csv_path)
    try:
        plain.to_csv(tmp_csv, sep=";", decimal=",", index=False, encoding="utf-8-sig")
        os.replace(tmp_csv, csv_path)
    finally:
        tmp_csv.unlink(missing_ok=True)

    klassen = _klasse_volgorde(tabel)
    tmp_xlsx = _atomic_target(xlsx_path)
    try:
        taken: set[str] = set()
        with pd.ExcelWriter(tmp_xlsx, engine="openpyxl") as writer:
            per_gemeente = _samenvatting(plain, "gemeente", klassen)
            per_soort = _samenvatting(plain, "soort", klassen)
            blad = _bladnaam("samenvatting", taken)
            per_gemeente.to_excel(writer, sheet_name=blad, index=False)
            start = len(per_gemeente) + 2
            per_soort.to_excel(writer, sheet_name=blad, index=False, startrow=start)
            ws = writer.sheets[blad]
            _opmaak(ws, per_gemeente, header_rows=(1, start + 1))
            for col_idx, col in enumerate(per_soort.columns, start=1):
                letter = ws.cell(row=1, column=col_idx).column_letter
                current = ws.column_dimensions[letter].width or 8
                ws.column_dimensions[letter].width = max(current, len(str(col)) + 2)
            gemeenten = plain["gemeente"].astype("string").fillna("onbekend")
            for gem in pd.unique(gemeenten.to_numpy(dtype=object)):
                part = plain.loc[(gemeenten == gem).to_numpy()]
                blad = _bladnaam(str(gem), taken)
                part.to_excel(writer, sheet_name=blad, index=False)
                _opmaak(writer.sheets[blad], part)
            for name, frame in extra.items():
                part = _plain(frame)
                blad = _bladnaam(name, taken)
                part.to_excel(writer, sheet_name=blad, index=False)
                _opmaak(writer.sheets[blad], part)
        os.replace(tmp_xlsx, xlsx_path)
    finally:
        tmp_xlsx.unlink(missing_ok=True)
