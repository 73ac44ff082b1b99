"""The driedeling rules language: rules as data, parsed, checked and applied.

The STEC-driedeling puts every werklocatie in one of the classes of
``[criteria.driedeling]`` (default ``behouden``, ``menging``, ``transformatie``). The
werkgroep decides the rules; this module reads them from the configuration, checks
them, writes them back as TOML and applies them the same way every run, writing down
which rule decided. It knows nothing of geometry: it works on a table of indicators
per werklocatie (see :mod:`werkruimte.werklocaties`).

How it works
------------
:func:`pas_regels_toe` walks the ordered rules; the **first** rule whose conditions
all hold decides ``klasse``, ``reden`` and ``regel``. A werklocatie that no rule
matches gets ``standaardklasse`` with ``standaardreden``.

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
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

from werkruimte.config import default_config
from werkruimte.errors import ConfigError
from werkruimte.indicators.ov import PTAL_KLASSEN

if TYPE_CHECKING:
    from werkruimte.config import Config

__all__ = [
    "DEFAULT_REGELS",
    "FRACTIES",
    "INDICATOR_KOLOMMEN",
    "OPS",
    "Regel",
    "Voorwaarde",
    "klassen_uit_config",
    "pas_regels_toe",
    "regels_als_toml",
    "regels_uit_config",
    "valideer_regels",
]

#: Comparison operators of the rule mini-language.
OPS = ("<", "<=", ">", ">=", "==", "in")

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
#: Indicator columns that are fractions 0..1: shown as percentages in ``reden`` (and
#: in the XLSX).
FRACTIES = frozenset({"glasvezel_dekking", "leegstand_pct", "aandeel_werk", "woningen_binnen_m"})
#: Extra fields a ``reden`` template may name besides the indicator columns.
_REDEN_VELDEN = frozenset({"id", "naam"})

_SOORTEN = ("formeel", "informeel")
_REGEL_SLEUTELS = ("id", "klasse", "reden", "soort", "voorwaarden")
_VOORWAARDE_SLEUTELS = ("kolom", "op", "waarde")

Waarde = float | str | tuple[float | str, ...]
F = TypeVar("F", bound=pd.DataFrame)


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


def valideer_regels(
    regels: Iterable[Any], *, klassen: Sequence[str], path: Any = None
) -> list[Regel]:
    """Check ordered rules (:class:`Regel` or their TOML tables) and return them as Regel.

    Parameters
    ----------
    regels
        :class:`Regel` objects or mappings as in ``[[criteria.driedeling.regels]]``.
    klassen
        The allowed class names.
    path
        The configuration file, for the message.

    Returns
    -------
    list of Regel

    Raises
    ------
    ConfigError
        Naming ``criteria.driedeling.regels[i]`` (0-based) for an unknown column,
        operator, class, key, a value of the wrong kind or a repeated id.
    """
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


def _instelling(config: Config, key: str) -> Any:
    """``criteria.driedeling.<key>``; from standaard.toml when a hand-made config lacks it."""
    d = config.criteria.get("driedeling", {})
    return d[key] if key in d else default_config().criteria["driedeling"][key]


def klassen_uit_config(config: Config) -> tuple[list[str], str, str]:
    """The classes, the default class and the default reason of a configuration.

    Parameters
    ----------
    config
        The configuration (``criteria.driedeling.klassen``, ``standaardklasse``,
        ``standaardreden``).

    Returns
    -------
    tuple
        ``(klassen, standaardklasse, standaardreden)``.

    Raises
    ------
    ConfigError
        When ``klassen`` is not a list of names, the default class is not one of them
        or the default reason is not a valid template.
    """
    klassen = _instelling(config, "klassen")
    if not isinstance(klassen, list) or not klassen or not all(isinstance(k, str) for k in klassen):
        raise ConfigError(
            f"klassen moet een niet-lege lijst met namen zijn, gevonden: {klassen!r}.",
            path=config.path,
            key="criteria.driedeling.klassen",
        )
    standaard = _instelling(config, "standaardklasse")
    if standaard not in klassen:
        raise ConfigError(
            f"standaardklasse {standaard!r} staat niet in klassen ({', '.join(klassen)}).",
            path=config.path,
            key="criteria.driedeling.standaardklasse",
        )
    reden = str(_instelling(config, "standaardreden"))
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
    klassen, _, _ = klassen_uit_config(config)
    raw = _instelling(config, "regels")
    if not isinstance(raw, list):
        raise ConfigError(
            f"regels moet een lijst van tabellen zijn, gevonden: {raw!r}.",
            path=config.path,
            key="criteria.driedeling.regels",
            hint="schrijf elke regel als [[criteria.driedeling.regels]].",
        )
    return valideer_regels(raw, klassen=klassen, path=config.path)


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
        if field_name in FRACTIES:
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
    indicatoren: F,
    regels: Sequence[Regel],
    *,
    klassen: Sequence[str] | None = None,
    standaardklasse: str | None = None,
    standaardreden: str | None = None,
) -> F:
    """Classify werklocaties: the first rule whose conditions all hold decides.

    Parameters
    ----------
    indicatoren
        One row per werklocatie with ``soort`` and the indicator columns the rules
        name (:func:`werkruimte.werklocaties.werklocatie_indicatoren`); a
        GeoDataFrame stays one.
    regels
        Ordered rules; validated against ``klassen``.
    klassen
        The allowed class names; default ``criteria.driedeling.klassen`` of
        ``werkruimte/standaard.toml``.
    standaardklasse, standaardreden
        Class and reason when no rule matches; default those of standaard.toml.

    Returns
    -------
    pandas.DataFrame or geopandas.GeoDataFrame
        A new frame of the same type with ``klasse``, ``reden`` and ``regel`` (rule id,
        ``"standaard"`` when none matched) added; ``attrs["klassen"]`` holds the class
        order.

    Raises
    ------
    ConfigError
        When a rule names an unknown column, operator or class.
    """
    if klassen is None or standaardklasse is None or standaardreden is None:
        std_klassen, std_klasse, std_reden = klassen_uit_config(default_config())
        klassen = std_klassen if klassen is None else klassen
        standaardklasse = std_klasse if standaardklasse is None else standaardklasse
        standaardreden = std_reden if standaardreden is None else standaardreden
    regels = valideer_regels(regels, klassen=klassen)
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
    soort = indicatoren["soort"].astype("string").fillna("").to_numpy(dtype=object)
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
