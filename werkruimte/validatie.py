"""One validation path: every config check and every data check, all problems at once.

``werkruimte validate``, ``score`` and ``kansenkaart`` run the same functions:
:func:`controleer_config` (semantic checks of the settings) and :func:`controleer_data`
(coverage of the sources, implausible areas, a GTFS feed without stop times), then
:func:`verwerp_bij_fouten`, which raises one error that lists every ``fout``.

Where a module can check its own settings standalone, this module calls *that* check
(catching its :class:`~werkruimte.errors.ConfigError`), so the messages are the same
wherever a problem is found: the size classes
(:func:`werkruimte.indicators.grootte.grootteklasse` on an empty column), the
terrain share (:func:`werkruimte.indicators.bedrijventerrein.op_bedrijventerrein` on
no parcels), the PTAL settings (the checks of :mod:`werkruimte.indicators.ov`), the
Monte Carlo settings, schuifruimte (:func:`werkruimte.schuifruimte.options_from_config`
and :func:`werkruimte.schuifruimte.vraag_en_aanbod`), the driedeling rules
(``regels_uit_config``), each value function and AHP matrix, and finally the whole
profile as :func:`werkruimte.scoring.profielen_uit_config` builds it. The per-item
profile checks (weights, hard constraints, top_n, min_score, size classes) are written
here because scoring stops at the first one; their messages are scoring's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte import dekking as _dekking
from werkruimte._nl import geheel, getal
from werkruimte.config import Config
from werkruimte.errors import ConfigError, InputError, WerkruimteError

if TYPE_CHECKING:
    from werkruimte.regio import Regio

__all__ = [
    "FOUT",
    "WAARSCHUWING",
    "Probleem",
    "controleer_config",
    "controleer_data",
    "dekking_als_tekst",
    "problemen_als_tekst",
    "verwerp_bij_fouten",
]

Ernst = Literal["fout", "waarschuwing"]
FOUT: Final = "fout"
WAARSCHUWING: Final = "waarschuwing"
#: Parcel ids a data problem names before it says how many more.
_EERSTE = 5
#: A registered area this many times larger or smaller than the geometry's is implausible.
_FACTOR = 2.0


@dataclass(frozen=True)
class Probleem:
    """One problem found by a check.

    Attributes
    ----------
    ernst
        ``"fout"`` (the run stops, exit 2) or ``"waarschuwing"``.
    sleutel
        The config key (``criteria.grootte``) or source (``bronnen.gtfs``) concerned.
    melding
        What is wrong, in Dutch.
    hint
        How to fix it, in Dutch, or None.
    soort
        ``"configuratie"`` or ``"gegevens"`` (decides ConfigError or InputError).
    fout
        The original error when a check raised one (e.g. a source that cannot be
        read); a run that stops on this problem alone raises it unchanged.
    """

    ernst: Ernst
    sleutel: str | None
    melding: str
    hint: str | None = None
    soort: Literal["configuratie", "gegevens"] = "configuratie"
    fout: WerkruimteError | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        """``sleutel 'x': melding Oplossing: hint``, as the errors write it."""
        text = (f"sleutel '{self.sleutel}': " if self.sleutel else "") + self.melding
        return text + (f" Oplossing: {self.hint}" if self.hint else "")


def _uit(exc: ConfigError | InputError, sleutel: str | None = None) -> Probleem:
    key = getattr(exc, "key", None) or getattr(exc, "column", None) or sleutel
    return Probleem(FOUT, key, exc.detail, exc.hint, fout=exc)


def _verzamel(check: Callable[..., Any], *args: Any, **kwargs: Any) -> list[Probleem]:
    """Run one check; its ConfigError (or InputError about a setting) as a Probleem."""
    try:
        check(*args, **kwargs)
    except ConfigError as exc:
        return [_uit(exc)]
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --------------------------------------------------------------------------- config


def _grootte(config: Config) -> list[Probleem]:
    from werkruimte.indicators.grootte import grootteklasse

    g = config.criteria["grootte"]
    keys = ("groot_min", "groot_max", "midden_min", "midden_max")
    return _verzamel(grootteklasse, pd.Series([], dtype="float64"), **{k: g[k] for k in keys})


def _bedrijventerrein(config: Config) -> list[Probleem]:
    from werkruimte.indicators.bedrijventerrein import op_bedrijventerrein

    leeg = gpd.GeoDataFrame(geometry=[], crs="EPSG:28992")
    share = config.criteria["bedrijventerrein"]["min_aandeel"]
    return _verzamel(op_bedrijventerrein, leeg, leeg, min_aandeel=share)


def _ov(config: Config) -> list[Probleem]:
    from werkruimte.indicators import ov

    o = config.criteria["ov"]
    found: list[Probleem] = []
    for key in ("loopsnelheid_m_per_min", "max_loopafstand_bus_m", "max_loopafstand_rail_m"):
        found += _verzamel(ov._positive, float(o[key]), key)
    for key in ("betrouwbaarheid_bus_min", "betrouwbaarheid_rail_min"):
        found += _verzamel(ov._non_negative, float(o[key]), key)
    times = [_verzamel(ov._seconds, o[key], key) for key in ("begin", "eind")]
    found += times[0] + times[1]
    if not times[0] and not times[1]:
        found += _verzamel(ov._window, o["begin"], o["eind"])
    datum = str(o.get("datum", "")).strip()
    if datum:
        from werkruimte.sources.gtfs import normalise_date

        try:
            normalise_date(datum)
        except ValueError:
            found.append(
                Probleem(
                    FOUT,
                    "criteria.ov.datum",
                    f"datum '{datum}' is onleesbaar; verwacht JJJJMMDD.",
                    'bijvoorbeeld datum = "20250115", of leeg voor de drukste werkdag.',
                )
            )
    return found


def _glasvezel(config: Config) -> list[Probleem]:
    from werkruimte.sources import glasvezel

    gv = config.criteria["glasvezel"]
    found = []
    try:
        glasvezel._check_eenheid(gv["eenheid"])
    except InputError as exc:
        found.append(_uit(exc, "criteria.glasvezel.eenheid"))
    drempel = gv["drempel"]
    if not (_is_number(drempel) and 0.0 < float(drempel) <= 1.0):
        found.append(
            Probleem(
                FOUT,
                "criteria.glasvezel.drempel",
                f"verwacht een dekking groter dan 0 en hoogstens 1, gevonden: {drempel!r}.",
                "bijvoorbeeld drempel = 0.8 (80% van de adressen).",
            )
        )
    return found


def _gevoeligheid(config: Config) -> list[Probleem]:
    from werkruimte.gevoeligheid import check_gevoeligheid as check

    settings = config.criteria["gevoeligheid"]
    # One key per call: the check stops at its first problem.
    return [p for key, value in settings.items() for p in _verzamel(check, {key: value})]


def _schuifruimte(config: Config) -> list[Probleem]:
    from werkruimte import schuifruimte

    settings = config.criteria["schuifruimte"]
    found = []
    for key in ("afstand_m", "min_oppervlakte_m2", "profielen"):
        if key in settings:
            data = {"criteria": {"schuifruimte": {key: settings[key]}}}
            data["criteria"]["profielen"] = config.criteria.get("profielen", {})
            one = Config(path=config.path, root=config.root, data=data)
            found += _verzamel(schuifruimte.options_from_config, one)
    leeg = gpd.GeoDataFrame({"cluster_id": [], "oppervlakte_m2": []}, geometry=[])
    found += _verzamel(schuifruimte.vraag_en_aanbod, leeg, vraag_ha=settings["vraag_ha"])
    return found


def _middensegment(config: Config) -> list[Probleem]:
    m = config.criteria.get("middensegment", {})
    found = []
    plekken = m.get("min_plekken", 0)
    if not (_is_number(plekken) and plekken >= 0 and float(plekken) == int(plekken)):
        found.append(
            Probleem(
                FOUT,
                "criteria.middensegment.min_plekken",
                f"verwacht een geheel getal ≥ 0, gevonden: {plekken!r}.",
                "bijvoorbeeld min_plekken = 3.",
            )
        )
    m2 = m.get("min_m2", 0.0)
    if not (_is_number(m2) and math.isfinite(m2) and m2 >= 0):
        found.append(
            Probleem(
                FOUT,
                "criteria.middensegment.min_m2",
                f"verwacht een getal ≥ 0, gevonden: {m2!r}.",
                "bijvoorbeeld min_m2 = 2000.0.",
            )
        )
    return found


def _driedeling(config: Config) -> list[Probleem]:
    from werkruimte.regels import regels_uit_config as regels

    return _verzamel(regels, config)


def _dekking_en_onbekend(config: Config) -> list[Probleem]:
    return _verzamel(_dekking.drempels_uit_config, config) + _verzamel(
        _dekking.onbekend_uit_config, config
    )


# --------------------------------------------------------------------------- profiles


def _gewichten(base: str, raw: Mapping[str, Any]) -> tuple[list[Probleem], dict[str, float]]:
    found = []
    weights: dict[str, float] = {}
    if "ahp" in raw:
        ahp = raw["ahp"] if isinstance(raw["ahp"], Mapping) else {}
        crit = ahp.get("criteria")
        if not isinstance(crit, list) or not all(isinstance(c, str) for c in crit):
            found.append(
                Probleem(
                    FOUT,
                    f"{base}.ahp.criteria",
                    "ahp.criteria moet een lijst van criteriumnamen zijn.",
                )
            )
            return found, weights
        from werkruimte.profiel import ahp_gewichten

        found += _verzamel(
            ahp_gewichten, ahp.get("matrix"), criteria=crit, key=f"{base}.ahp.matrix"
        )
        return found, dict.fromkeys(crit, 1.0) if not found else weights
    for name, value in dict(raw.get("gewichten", {})).items():
        if not _is_number(value) or value < 0:
            found.append(
                Probleem(
                    FOUT,
                    f"{base}.gewichten.{name}",
                    f"een gewicht moet een getal ≥ 0 zijn, gevonden: {value!r}.",
                )
            )
        else:
            weights[name] = float(value)
    if not found and sum(weights.values()) <= 0:
        found.append(
            Probleem(
                FOUT,
                f"{base}.gewichten",
                "de gewichten tellen op tot 0; er valt niets te scoren.",
                "geef minstens één criterium een gewicht groter dan 0.",
            )
        )
    return found, weights


def _harde_eisen(base: str, raw: Mapping[str, Any], functies: Mapping[str, Any]) -> list[Probleem]:
    found = []
    for name, value in dict(raw.get("harde_eisen", {})).items():
        key = f"{base}.harde_eisen.{name}"
        if not _is_number(value) or not 0 <= value <= 1:
            found.append(
                Probleem(
                    FOUT,
                    key,
                    f"een harde eis is een minimale deelscore tussen 0 en 1, gevonden: {value!r}.",
                )
            )
        if name not in functies:
            found.append(
                Probleem(FOUT, key, f"harde eis op criterium '{name}' zonder waardefunctie.")
            )
    return found


def _grenzen(base: str, raw: Mapping[str, Any]) -> list[Probleem]:
    found = []
    klassen = [str(k) for k in raw.get("grootteklassen", [])]
    unknown = sorted(set(klassen) - {"groot", "midden", "overig"})
    if unknown:
        found.append(
            Probleem(
                FOUT,
                f"{base}.grootteklassen",
                f"onbekende grootteklasse(n) {', '.join(unknown)}; kies uit groot, midden, overig.",
            )
        )
    top_n = raw.get("top_n", 0)
    if not _is_number(top_n) or top_n < 0:
        found.append(Probleem(FOUT, f"{base}.top_n", "top_n moet ≥ 0 zijn."))
    elif float(top_n) != int(top_n):
        found.append(
            Probleem(
                WAARSCHUWING,
                f"{base}.top_n",
                f"top_n = {str(top_n).replace('.', ',')} is geen geheel getal; er wordt "
                f"{int(top_n)} gebruikt.",
                f"schrijf top_n = {int(top_n)}.",
            )
        )
    min_score = raw.get("min_score", 0.0)
    if not _is_number(min_score) or not 0 <= min_score <= 100:
        found.append(Probleem(FOUT, f"{base}.min_score", "min_score ligt tussen 0 en 100."))
    return found


def _profiel(config: Config, naam: str, raw: Any) -> list[Probleem]:
    base = f"criteria.profielen.{naam}"
    if not isinstance(raw, Mapping):
        return [Probleem(FOUT, base, "een profiel moet een tabel zijn.")]
    found, weights = _gewichten(base, raw)
    functies = dict(raw.get("waardefuncties", {}))
    for name, w in weights.items():
        if w > 0 and name not in functies:
            found.append(
                Probleem(
                    FOUT,
                    f"{base}.waardefuncties.{name}",
                    f"criterium '{name}' heeft een gewicht maar geen waardefunctie.",
                    "voeg een waardefunctie toe of zet het gewicht op 0.",
                )
            )
    from werkruimte.profiel import _check_value_function as check_fn

    for name, fn in functies.items():
        found += _verzamel(check_fn, fn, key=f"{base}.waardefuncties.{name}", path=None)
    found += _harde_eisen(base, raw, functies)
    found += _grenzen(base, raw)
    if not any(p.ernst == FOUT for p in found):
        # Whatever scoring rejects that the checks above missed: the same function.
        from werkruimte.profiel import profielen_uit_config as bouw

        found += _verzamel(bouw, config, naam)
    return found


def controleer_config(config: Config) -> list[Probleem]:
    """Every semantic check of a configuration; all problems, not only the first.

    Parameters
    ----------
    config
        A configuration as :func:`werkruimte.config.load_config` gives it (keys and
        types are checked there).

    Returns
    -------
    list of Probleem
        In the order of the config's tables; empty when all is well. Errors
        (``fout``) stop ``score`` and ``kansenkaart`` (see :func:`verwerp_bij_fouten`);
        warnings (``waarschuwing``, e.g. a ``top_n`` that is not a whole number) are
        shown.
    """
    checks: list[Callable[[Config], list[Probleem]]] = [
        _grootte,
        _bedrijventerrein,
        _ov,
        _glasvezel,
        _middensegment,
        _gevoeligheid,
        _schuifruimte,
        _dekking_en_onbekend,
        _driedeling,
    ]
    found = [p for check in checks for p in check(config)]
    for naam, raw in config.criteria.get("profielen", {}).items():
        found += _profiel(config, naam, raw)
    return uniek(found)


# --------------------------------------------------------------------------- data


def _ids(percelen: pd.DataFrame, mask: np.ndarray) -> str:
    col = percelen["perceel_id"] if "perceel_id" in percelen.columns else percelen.index
    ids = [str(x) for x in pd.Series(col)[mask].iloc[:_EERSTE]]
    more = int(mask.sum()) - len(ids)
    return ", ".join(ids) + (f" (en {geheel(more)} meer)" if more > 0 else "")


def _oppervlakten(percelen: gpd.GeoDataFrame) -> list[Probleem]:
    geom = np.nan_to_num(percelen.geometry.area.to_numpy(dtype="float64", na_value=np.nan))
    found = []
    reg = None
    if "kadastrale_grootte_m2" in percelen.columns:
        reg = pd.to_numeric(percelen["kadastrale_grootte_m2"], errors="coerce").to_numpy(
            dtype="float64", na_value=np.nan
        )
        both = np.isfinite(reg) & (reg > 0) & (geom > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(both, reg / np.where(geom > 0, geom, 1.0), 1.0)
        odd = both & ((ratio > _FACTOR) | (ratio < 1.0 / _FACTOR))
        if odd.any():
            found.append(
                Probleem(
                    WAARSCHUWING,
                    "bronnen.percelen",
                    f"{geheel(odd.sum())} percelen hebben een geregistreerde oppervlakte "
                    f"(kadastraleGrootteWaarde) die meer dan een factor {getal(_FACTOR, 0)} "
                    f"afwijkt van de oppervlakte van de geometrie: {_ids(percelen, odd)}.",
                    "controleer of geometrie en registratie bij elkaar horen (CRS, "
                    "eenheid); de geregistreerde oppervlakte telt voor de grootteklasse.",
                    "gegevens",
                )
            )
    zero = geom <= 0
    if reg is not None:
        zero |= np.isfinite(reg) & (reg <= 0)
    if zero.any():
        found.append(
            Probleem(
                WAARSCHUWING,
                "bronnen.percelen",
                f"{geheel(zero.sum())} percelen hebben een oppervlakte van 0 of minder "
                f"(geometrie of registratie): {_ids(percelen, zero)}.",
                "zulke percelen vallen in grootteklasse 'overig'; herstel de bron.",
                "gegevens",
            )
        )
    return found


def _gtfs(regio: Regio) -> list[Probleem]:
    feed = regio.ov
    if feed is None:
        return []
    found = []
    stops = feed.stops
    boarding = stops.loc[(stops["location_type"].fillna(0) == 0).to_numpy()]
    times = feed.tabellen.get("stop_times")
    used = set() if times is None else set(times["stop_id"].astype(str))
    if len(boarding) and not boarding["stop_id"].astype(str).isin(used).any():
        found.append(
            Probleem(
                WAARSCHUWING,
                "bronnen.gtfs",
                f"geen van de {geheel(len(boarding))} haltes van de dienstregeling komt voor "
                "in stop_times: er vertrekt niets, de OV-bereikbaarheid is overal 0.",
                "controleer of stops.txt en stop_times.txt bij dezelfde feed horen.",
                "gegevens",
            )
        )
    from werkruimte.indicators import ov

    datum = str(regio.config.criteria["ov"].get("datum", "")).strip()
    if datum:
        found += _verzamel(ov._resolve_datum, feed, datum)
    return found


def _bronnen(regio: Regio, tabel: pd.DataFrame) -> list[Probleem]:
    found = []
    for bron, row in tabel.iterrows():
        if row["status"] == "ok":
            continue
        found.append(
            Probleem(
                FOUT if row["status"] == "fout" else WAARSCHUWING,
                f"bronnen.{bron}",
                str(row["melding"]),
                soort="gegevens",
            )
        )
    toestand = dict(tabel["toestand"])
    keuze = _dekking.onbekend_uit_config(regio.config)["harde_eisen"]
    if keuze == "negeren":
        return found
    kolommen = _dekking.criterium_kolommen(regio.config)
    for naam, prof in regio.config.criteria.get("profielen", {}).items():
        for crit in dict(prof.get("harde_eisen", {})):
            key = _dekking.KOLOM_BRON.get(kolommen.get(crit, ""))
            bron = None if key is None else {"ov": "gtfs"}.get(key, key)
            if bron in toestand and toestand[bron] != _dekking.OPGEGEVEN:
                found.append(
                    Probleem(
                        WAARSCHUWING,
                        f"criteria.profielen.{naam}.harde_eisen.{crit}",
                        f"de harde eis op {crit} heeft geen gegevens ({bron} "
                        f"{toestand[bron]}): geen perceel kan kandidaat worden in profiel "
                        f"{naam}.",
                        f"geef de bron {bron} op, of zet [criteria.onbekend] harde_eisen = "
                        '"negeren".',
                        "gegevens",
                    )
                )
    return found


def controleer_data(regio: Regio, dekking: pd.DataFrame | None = None) -> list[Probleem]:
    """The data checks: coverage of each source and implausible values.

    Parameters
    ----------
    regio
        The loaded region.
    dekking
        Output of :func:`werkruimte.dekking.dekking_per_perceel` for
        ``regio.percelen``; computed when None.

    Returns
    -------
    list of Probleem
        A ``fout`` for a source that reaches fewer parcels than
        ``[criteria] min_dekking_fout``, a ``waarschuwing`` below ``min_dekking`` or
        for a source that is not configured but used by a criterion, for a hard
        constraint without any data, for registered areas that differ from the
        geometry's by more than a factor 2, for areas of 0 or less, and for a GTFS
        feed whose stops never appear in ``stop_times``; a ``fout`` for an OV date
        without service.
    """
    d = _dekking.dekking_per_perceel(regio) if dekking is None else dekking
    tabel = _dekking.dekking_per_bron(regio, d)
    return _bronnen(regio, tabel) + _oppervlakten(regio.percelen) + _gtfs(regio)


# --------------------------------------------------------------------------- verdict


def dekking_als_tekst(tabel: pd.DataFrame) -> str:
    """The coverage table of :func:`werkruimte.dekking.dekking_per_bron` as text.

    Parameters
    ----------
    tabel
        Output of :func:`werkruimte.dekking.dekking_per_bron`.

    Returns
    -------
    str
        Aligned Dutch text for ``validate``, one line per source: label, toestand,
        parcels reached, shares and status.
    """
    head = ("bron", "toestand", "percelen", "aandeel", "oppervlakte", "status")
    columns = zip(
        tabel["laag"].astype(str),
        tabel["toestand"].astype(str),
        tabel["percelen"].to_numpy(dtype="float64"),
        tabel["aandeel_percelen"].to_numpy(dtype="float64"),
        tabel["aandeel_oppervlakte"].to_numpy(dtype="float64"),
        tabel["status"].astype(str),
        strict=True,
    )
    rows = [
        (laag, toestand, geheel(n), _dekking.procent(a), _dekking.procent(o), status)
        for laag, toestand, n, a, o, status in columns
    ]
    widths = [max(len(x[i]) for x in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(x, widths, strict=True)) for x in [head, *rows]]
    return "\n".join(line.rstrip() for line in lines)


def uniek(problemen: Iterable[Probleem]) -> list[Probleem]:
    """The problems without repeats: a problem two checks both find is named once.

    Two problems are the same when their ``ernst`` and ``melding`` are (the key may
    be spelled differently by two checks of one setting).

    Parameters
    ----------
    problemen
        Problems in the order found.

    Returns
    -------
    list of Probleem
        The first of each ``(ernst, melding)``.
    """
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problemen:
        if (p.ernst, p.melding) not in seen:
            seen.add((p.ernst, p.melding))
            out.append(p)
    return out


def problemen_als_tekst(problemen: Iterable[Probleem]) -> str:
    """All problems as numbered Dutch lines, errors first (for ``validate``).

    Parameters
    ----------
    problemen
        Output of :func:`controleer_config` and/or :func:`controleer_data`.

    Returns
    -------
    str
        ``"1. fout: sleutel '...': ..."`` per line; empty when there are none.
    """
    ordered = sorted(uniek(problemen), key=lambda p: p.ernst != FOUT)
    return "\n".join(f"{i}. {p.ernst}: {p}" for i, p in enumerate(ordered, start=1))


def verwerp_bij_fouten(problemen: Iterable[Probleem], *, pad: Any = None) -> None:
    """Raise one error that lists every ``fout``; do nothing when there is none.

    Parameters
    ----------
    problemen
        Output of :func:`controleer_config` and/or :func:`controleer_data`.
    pad
        The config file, named in the message.

    Raises
    ------
    ConfigError
        When every error is about the configuration.
    InputError
        When at least one error is about the data. Either way the message numbers
        every error (Dutch), so one run names them all.
    """
    fouten = uniek([p for p in problemen if p.ernst == FOUT])
    if not fouten:
        return
    if len(fouten) == 1:
        # One problem: the one-line message of the check that found it.
        only = fouten[0]
        if only.fout is not None:
            raise only.fout
        if only.soort == "gegevens":
            raise InputError(only.melding, path=pad, column=only.sleutel, hint=only.hint)
        raise ConfigError(only.melding, path=pad, key=only.sleutel, hint=only.hint)
    n = len(fouten)
    head = f"{n} {'fout' if n == 1 else 'fouten'} gevonden:\n"
    text = head + "\n".join(f"{i}. {p}" for i, p in enumerate(fouten, start=1))
    if any(p.soort == "gegevens" for p in fouten):
        raise InputError(text, path=pad)
    raise ConfigError(text, path=pad)
