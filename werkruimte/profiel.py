"""Scoring profiles: weights (or an AHP matrix), value functions and hard constraints.

A profile says how parcels of some size classes are scored: the weight of each
criterion, the value function that turns an indicator column into a partial score
0..1, the minimum partial scores (harde eisen), the minimum score and the top N per
gemeente. :func:`profielen_uit_config` reads and validates them from the config;
:mod:`werkruimte.scoring` applies them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from werkruimte.config import Config
from werkruimte.errors import ConfigError

__all__ = ["Profiel", "ahp_gewichten", "profielen_uit_config"]

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
    onbekend
        What an unknown value does (``[criteria.onbekend]``): ``{"harde_eisen": keuze,
        "gewichten": keuze}`` with keuze ``uitsluiten``, ``telt_als_0`` or ``negeren``.
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
    onbekend: Mapping[str, str] = field(
        default_factory=lambda: {"harde_eisen": "uitsluiten", "gewichten": "telt_als_0"}
    )

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
    for name in needed:
        if name not in fn:
            raise ConfigError(
                f"waardefunctie '{kind}' mist '{name}'.", path=path, key=f"{key}.{name}"
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
    from werkruimte.dekking import onbekend_uit_config

    onbekend = onbekend_uit_config(config)
    return [replace(_profiel(n, raw[n], config.path), onbekend=onbekend) for n in names]
