"""werkruimte.toml: reading, merging with the defaults, and validation.

The defaults live in ``werkruimte/standaard.toml`` (the Werkplan's criteria). A user
file only names what differs. A key that is missing takes the default; a key that is
unknown is a :class:`~werkruimte.errors.ConfigError` that names it and suggests the
closest valid key. Values must have the default's type (numbers may be int or float).
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from werkruimte.errors import ConfigError

__all__ = ["Config", "default_config", "demo_config_path", "load_config"]

#: Source names in [bronnen] that point at files.
SOURCE_KEYS = (
    "percelen",
    "bedrijventerreinen",
    "bestemmingsplannen",
    "hotspots",
    "gtfs",
    "glasvezel",
    "gemeenten",
    "wegen",
    "loopnetwerk",
)

#: A profile that is not in the defaults starts from this.
_EMPTY_PROFILE: dict[str, Any] = {
    "omschrijving": "",
    "grootteklassen": [],
    "top_n": 100,
    "min_score": 50.0,
    "gewichten": {},
    "harde_eisen": {},
    "waardefuncties": {},
}
#: Optional profile keys that have no default value.
_OPTIONAL_PROFILE_KEYS = {"ahp"}
#: Tables that may also be given as one text, meaning that text for every key
#: (``[criteria] onbekend = "uitsluiten"``); the values are checked by werkruimte.validatie.
_SHORTHAND_TABLES = {"criteria.onbekend"}
#: Tables whose keys are free (criterion names); their values are checked by scoring.
_FREE_TABLES = {"gewichten", "harde_eisen", "waardefuncties", "ahp"}
#: Tables keyed by gemeente name (demand per gemeente); werkruimte.balans checks them.
_GEMEENTE_TABLES = {
    "criteria.schuifruimte.vraag_ha_per_gemeente",
    "criteria.middensegment.vraag_m2_per_gemeente",
    "criteria.middensegment.vraag_bedrijven_per_gemeente",
}


def _read_defaults() -> dict[str, Any]:
    try:
        text = resources.files("werkruimte").joinpath("standaard.toml").read_text("utf-8")
    except (NotADirectoryError, FileNotFoundError):  # unusual installs: next to this file
        text = Path(__file__).with_name("standaard.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class Config:
    """A validated configuration: the defaults with the user's file merged in.

    Attributes
    ----------
    path
        The werkruimte.toml that was read, or None for the plain defaults.
    root
        Folder that relative source paths are resolved against.
    data
        The merged settings as nested dicts (``data["criteria"]["grootte"]`` ...).
    """

    path: Path | None
    root: Path
    data: dict[str, Any] = field(repr=False)

    @property
    def criteria(self) -> dict[str, Any]:
        """The ``[criteria]`` table (sizes, profiles, PTAL, sensitivity, demand...)."""
        return dict(self.data["criteria"])

    @property
    def regio(self) -> dict[str, Any]:
        """The ``[regio]`` table (name, fictitious flag)."""
        return dict(self.data["regio"])

    @property
    def fictief(self) -> bool:
        """True when the data are fictitious (the demo region)."""
        return bool(self.data["regio"]["fictief"])

    def bron(self, name: str) -> Path | None:
        """Absolute path of source ``name`` from [bronnen], or None when not set."""
        if name not in SOURCE_KEYS:
            raise KeyError(name)
        value = str(self.data["bronnen"].get(name, "")).strip()
        if not value:
            return None
        p = Path(value).expanduser()
        return p if p.is_absolute() else Path(os.path.normpath(self.root / p))

    def bron_laag(self, name: str) -> str | None:
        """Layer name configured for source ``name``, or None for the default layer."""
        value = str(self.data["bronnen"].get(f"{name}_laag", "")).strip()
        return value or None

    @property
    def crs(self) -> str | None:
        """CRS to assume for files without one, or None."""
        value = str(self.data["bronnen"].get("crs", "")).strip()
        return value or None

    def with_changes(self, changes: dict[str, Any]) -> Config:
        """Return a new Config with ``changes`` (nested dict) merged in and validated."""
        merged = _merge(copy.deepcopy(self.data), changes, prefix="", path=self.path)
        return Config(path=self.path, root=self.root, data=merged)

    def profile(self, name: str) -> dict[str, Any]:
        """The settings of profile ``name``; ConfigError when it does not exist."""
        profiles = self.data["criteria"]["profielen"]
        if name not in profiles:
            raise ConfigError(
                f"profiel '{name}' bestaat niet; beschikbaar: {', '.join(profiles)}.",
                path=self.path,
                key=f"criteria.profielen.{name}",
                hint="kies een bestaand profiel of voeg het toe in werkruimte.toml.",
            )
        return copy.deepcopy(profiles[name])


def default_config(root: str | Path | None = None) -> Config:
    """The built-in defaults (no sources set)."""
    return Config(path=None, root=Path(root or Path.cwd()), data=_read_defaults())


def demo_config_path() -> Path:
    """Path of the embedded demo region's werkruimte.toml.

    The demo region ships as package data: ``werkruimte/demo/werkruimte.toml`` with its
    fictitious sources below ``werkruimte/demo/data/``, so it is found from any folder
    after ``pip install``.
    """
    return Path(__file__).resolve().parent / "demo" / "werkruimte.toml"


def load_config(path: str | Path) -> Config:
    """Read and validate a werkruimte.toml.

    Parameters
    ----------
    path
        The config file. Relative source paths in it are resolved against its folder.

    Returns
    -------
    Config

    Raises
    ------
    ConfigError
        When the file is missing, not valid TOML, or has an unknown key or a value of
        the wrong type. The message names the key and says what was expected.
    """
    p = Path(path)
    if not p.is_file():
        raise ConfigError(
            "het configuratiebestand bestaat niet.",
            path=p,
            hint="geef een bestaand werkruimte.toml met --config, of laat --config weg "
            "voor de demoregio.",
        )
    try:
        user = tomllib.loads(_read_limited(p))
    except RecursionError as exc:
        raise ConfigError(
            "de TOML is te diep genest om te lezen.",
            path=p,
            hint="gebruik gewone [tabellen] en korte lijsten.",
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"geen geldige TOML: {exc}.",
            path=p,
            hint="controleer aanhalingstekens, = tekens en [tabellen] rond die regel.",
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            "het bestand is geen UTF-8-tekst.", path=p, hint="sla het op als UTF-8."
        ) from exc
    data = _merge(_read_defaults(), user, prefix="", path=p)
    return Config(path=p.resolve(), root=p.resolve().parent, data=data)


_STRINGS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*'
)


def _depth(text: str) -> int:
    """Deepest nesting in TOML text: brackets/braces and dotted keys, outside strings."""
    bare = _STRINGS.sub('""', text)
    depth = deepest = 0
    for ch in bare:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    dots = max((line.split("=", 1)[0].count(".") for line in bare.splitlines()), default=0)
    return max(deepest, dots + 1)


def _read_limited(p: Path) -> str:
    """The file's text, refused before parsing when too large or too deeply nested."""
    grens = _read_defaults()["limieten"]
    info = p.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError("dit is geen gewoon bestand.", path=p, hint="geef een .toml-bestand.")
    max_kb = float(grens["toml_kb"])
    if info.st_size > max_kb * 1000:
        raise ConfigError(
            f"het bestand is {info.st_size / 1000:.0f} kB, meer dan de grens van {max_kb:g} kB "
            "voor een configuratie; het is niet gelezen.",
            path=p,
            hint="een werkruimte.toml noemt alleen wat afwijkt van de standaard en is klein.",
        )
    with p.open("rb") as fh:
        text = fh.read(int(max_kb * 1000) + 1).decode("utf-8")
    max_depth = int(grens["toml_diepte"])
    if _depth(text) > max_depth:
        raise ConfigError(
            f"de TOML is dieper genest dan {max_depth} niveaus; het bestand is niet gelezen.",
            path=p,
            hint="gebruik gewone [tabellen] en korte lijsten.",
        )
    return text


def _typename(value: Any) -> str:
    if isinstance(value, bool):
        return "waar/onwaar (true/false)"
    if isinstance(value, int | float):
        return "getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "lijst"
    if isinstance(value, dict):
        return "tabel"
    return type(value).__name__


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def _merge(
    base: dict[str, Any], user: dict[str, Any], *, prefix: str, path: Path | None
) -> dict[str, Any]:
    for key, value in user.items():
        dotted = f"{prefix}{key}"
        parent = prefix.rstrip(".").rsplit(".", 1)[-1]
        if dotted.startswith("criteria.profielen.") and prefix == "criteria.profielen.":
            if not isinstance(value, dict):
                raise ConfigError(
                    f"een profiel moet een tabel zijn, gevonden: {_typename(value)}.",
                    path=path,
                    key=dotted,
                )
            start = base.get(key, copy.deepcopy(_EMPTY_PROFILE))
            base[key] = _merge(start, value, prefix=f"{dotted}.", path=path)
            continue
        if parent in _FREE_TABLES and prefix.startswith("criteria.profielen."):
            base[key] = copy.deepcopy(value)
            continue
        if dotted in _GEMEENTE_TABLES:
            if not isinstance(value, dict):
                raise ConfigError(
                    f"verwacht een tabel gemeente = getal, gevonden: {_typename(value)}.",
                    path=path,
                    key=dotted,
                    hint=f'bijvoorbeeld {key} = {{ Hilversum = 4.0, "Laren (NH.)" = 1.5 }}.',
                )
            base[key] = copy.deepcopy(value)
            continue
        if key not in base:
            if prefix.startswith("criteria.profielen.") and key in _OPTIONAL_PROFILE_KEYS:
                if not isinstance(value, dict):
                    raise ConfigError(
                        f"verwacht een tabel, gevonden: {_typename(value)}.",
                        path=path,
                        key=dotted,
                    )
                base[key] = copy.deepcopy(value)
                continue
            options = sorted(base)
            close = difflib.get_close_matches(key, options, n=1)
            hint = f"bedoelde u '{close[0]}'?" if close else None
            raise ConfigError(
                f"onbekende sleutel; geldige sleutels hier: {', '.join(options)}.",
                path=path,
                key=dotted,
                hint=hint,
            )
        default = base[key]
        if dotted in _SHORTHAND_TABLES and isinstance(value, str):
            # [criteria] onbekend = "uitsluiten" sets every key of the table.
            value = dict.fromkeys(default, value)
        if isinstance(default, dict):
            if not isinstance(value, dict):
                raise ConfigError(
                    f"verwacht een tabel, gevonden: {_typename(value)} ({value!r}).",
                    path=path,
                    key=dotted,
                )
            base[key] = _merge(default, value, prefix=f"{dotted}.", path=path)
            continue
        if not _same_type(default, value):
            raise ConfigError(
                f"verwacht {_typename(default)}, gevonden: {_typename(value)} ({value!r}).",
                path=path,
                key=dotted,
                hint=f"bijvoorbeeld {key} = {_example(default)}.",
            )
        base[key] = float(value) if isinstance(default, float) else copy.deepcopy(value)
    return base


def _example(default: Any) -> str:
    if isinstance(default, str):
        return f'"{default}"'
    if isinstance(default, bool):
        return "true" if default else "false"
    return repr(default)
