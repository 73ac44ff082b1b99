"""Several scenarios in one go: run each config and compare it with the base.

``werkruimte kansenkaart --scenario NAAM=CONFIG ...`` calls :func:`draai_scenarios`.
The output folder ``OUT`` then holds::

    OUT/basis/                   the run of the base config (--config, or the demo)
    OUT/<naam>/                  the run of each scenario, as 'kansenkaart --out' writes it
    OUT/vergelijking_<naam>/     the base against that scenario, as 'werkruimte vergelijk'
                                 writes it (vergelijking.gpkg/.xlsx/.json/.html)

Every run folder is written all-or-nothing (:func:`werkruimte.keten.schrijf`), and so
is every comparison folder. Names and configs are checked before anything runs: a bad
name, a missing file or a config error stops the command before the first chain (exit
2). A data problem found while a later scenario runs still stops it; the folders
already written are then complete, the others absent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkruimte.errors import ConfigError, InputError

__all__ = [
    "BASIS",
    "ScenarioUitkomst",
    "Scenarios",
    "controleer_naam",
    "draai_scenarios",
    "scenarios_uit_argumenten",
]

#: The folder of the base run inside the output folder.
BASIS = "basis"
#: Prefix of each comparison folder: ``vergelijking_<naam>``.
VERGELIJKING = "vergelijking_"

_NAAM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_HINT_NAAM = (
    "gebruik letters, cijfers, '-' en '_' (hoogstens 64 tekens, beginnend met een letter "
    "of cijfer), bijvoorbeeld --scenario ov3=ov3.toml."
)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ScenarioUitkomst:
    """One scenario run and its comparison with the base.

    Attributes
    ----------
    naam
        The scenario's name.
    config
        Its config file.
    run
        The folder of its run (``OUT/<naam>``).
    vergelijking
        The folder of the comparison (``OUT/vergelijking_<naam>``).
    regio
        The region's totals of the comparison (``Vergelijking.regio()``: ``erbij``,
        ``eraf``, ``erbij_ha``, ``eraf_ha``, ``schuifruimte_ha_a/_b``, ...).
    instellingen
        The dotted settings that differ from the base.
    """

    naam: str
    config: Path
    run: Path
    vergelijking: Path
    regio: dict[str, Any] = field(repr=False)
    instellingen: tuple[str, ...] = ()

    def tekst(self) -> str:
        """One Dutch line: erbij/eraf in number and ha, schuifruimte, differing settings."""
        from werkruimte._nl import geheel, ha

        r = self.regio
        criteria = [k for k in self.instellingen if not k.startswith("bronnen.")]
        bronnen = len(self.instellingen) - len(criteria)
        if criteria:
            shown = ", ".join(criteria[:3]) + (
                f" en {len(criteria) - 3} meer" if len(criteria) > 3 else ""
            )
            anders = f"anders: {shown}"
        else:
            anders = "geen andere criteria"
        if bronnen:
            anders += f" ({bronnen} bronpad(en) anders opgegeven)"
        return (
            f"{self.naam}: {geheel(r['erbij'])} kandidaten erbij ({ha(r['erbij_ha'])}), "
            f"{geheel(r['eraf'])} eraf ({ha(r['eraf_ha'])}); schuifruimte "
            f"{ha(r['schuifruimte_ha_a'])} -> {ha(r['schuifruimte_ha_b'])}; {anders}. "
            f"Kaart van de wijzigingen: {self.vergelijking / 'vergelijking.html'}"
        )


@dataclass(frozen=True)
class Scenarios:
    """What :func:`draai_scenarios` wrote: the base run and each scenario."""

    out: Path
    basis: Path
    uitkomsten: tuple[ScenarioUitkomst, ...]

    def tekst(self) -> str:
        """The summary the command prints (Dutch, one line per scenario)."""
        regels = [
            f"{len(self.uitkomsten)} scenario('s) vergeleken met de basis ({self.basis}/):",
            *(f"  {u.tekst()}" for u in self.uitkomsten),
            f"Uitvoer in {self.out}/",
        ]
        return "\n".join(regels)


def controleer_naam(naam: str) -> str:
    """Check that ``naam`` is a safe folder name for a scenario; returns it.

    Parameters
    ----------
    naam
        The name before ``=`` in ``--scenario NAAM=CONFIG``.

    Returns
    -------
    str
        The name, unchanged.

    Raises
    ------
    ConfigError
        When it is empty, holds other characters than letters, digits, ``-`` and
        ``_``, is longer than 64 characters, or is ``basis`` or starts with
        ``vergelijking`` (those folders are taken).
    """
    if not _NAAM.fullmatch(naam):
        raise ConfigError(f"scenarionaam {naam!r} is geen veilige mapnaam.", hint=_HINT_NAAM)
    if naam.lower() == BASIS or naam.lower().startswith(VERGELIJKING.rstrip("_")):
        raise ConfigError(
            f"scenarionaam {naam!r} is bezet: de map '{BASIS}' is voor de basisrun en "
            f"'{VERGELIJKING}<naam>' voor de vergelijkingen.",
            hint="kies een andere naam, bijvoorbeeld 'ov3' of 'huizen_wonen'.",
        )
    return naam


def scenarios_uit_argumenten(waarden: Iterable[str]) -> dict[str, Path]:
    """Parse ``NAAM=CONFIG`` arguments into an ordered name -> config mapping.

    Parameters
    ----------
    waarden
        The values of ``--scenario`` in the order given.

    Returns
    -------
    dict of str to pathlib.Path
        Name -> config path, in the order given.

    Raises
    ------
    ConfigError
        When a value has no ``=``, a name is not safe (:func:`controleer_naam`) or is
        given twice (also when only upper/lower case differs), or a config file does
        not exist (the message names it).
    """
    out: dict[str, Path] = {}
    for waarde in waarden:
        naam, is_, pad = waarde.partition("=")
        if not is_ or not pad.strip():
            raise ConfigError(
                f"--scenario {waarde!r} heeft niet de vorm NAAM=CONFIG.",
                hint="geef bijvoorbeeld --scenario ov3=scenario_ov3.toml.",
            )
        naam = controleer_naam(naam.strip())
        if naam.lower() in {n.lower() for n in out}:
            raise ConfigError(
                f"scenarionaam {naam!r} komt twee keer voor.",
                hint="geef elk scenario een eigen naam.",
            )
        config = Path(pad.strip())
        if not config.is_file():
            raise ConfigError(
                f"het configuratiebestand van scenario {naam!r} bestaat niet.",
                path=config,
                hint="controleer het pad (relatief aan de map waarin u het commando geeft).",
            )
        out[naam] = config
    return out


def _controleer_config(pad: Path | None) -> None:
    """Load a config and run its checks and a source-file check (no data is read)."""
    from werkruimte.config import SOURCE_KEYS, demo_config_path, load_config
    from werkruimte.validatie import controleer_config, verwerp_bij_fouten

    config = load_config(demo_config_path() if pad is None else pad)
    verwerp_bij_fouten(controleer_config(config), pad=config.path)
    for name in SOURCE_KEYS:
        bron = config.bron(name)
        if bron is not None and not bron.exists():
            raise InputError(
                f"het bestand voor {name} bestaat niet.",
                path=bron,
                hint=f"controleer [bronnen] {name} in {config.path}.",
            )


def _draai_een(
    config: Path | None, out: Path, *, png: bool, progress: Progress, label: str
) -> Path:
    """Run the whole chain for one config and write it into ``out``; frees it after."""
    from werkruimte import keten

    def say(message: str) -> None:
        progress(f"{label}: {message}")

    result = keten.draai(config, tot="kaart", progress=say)
    say(f"schrijven naar {out}")
    keten.schrijf(result, out, png=png)
    return out


def draai_scenarios(
    basis: str | Path | None,
    scenarios: Mapping[str, str | Path],
    out: str | Path,
    *,
    png: bool = False,
    progress: Progress | None = None,
) -> Scenarios:
    """Run the base config and each scenario config, and compare each with the base.

    Parameters
    ----------
    basis
        The base config (``werkruimte.toml``), or None for the embedded demo region.
    scenarios
        Scenario name -> config path, in order (e.g. from
        :func:`scenarios_uit_argumenten`); names must be safe folder names.
    out
        The output folder: ``basis/``, ``<naam>/`` and ``vergelijking_<naam>/`` inside
        it (see the module docstring).
    png
        Also static PNG maps per gemeente in every run.
    progress
        Called with a Dutch description before each step.

    Returns
    -------
    Scenarios
        The folders written and, per scenario, the region's erbij/eraf totals;
        ``.tekst()`` is the summary.

    Raises
    ------
    ConfigError
        Before anything runs: a bad name, a missing or invalid config.
    InputError
        A source file that is missing (before anything runs) or unreadable.
    """
    from werkruimte.run import lees_run
    from werkruimte.vergelijk import schrijf_vergelijking, vergelijk

    say: Progress = progress or (lambda message: None)
    namen = {controleer_naam(str(n)): Path(p) for n, p in scenarios.items()}
    if not namen:
        raise ConfigError("geen scenario opgegeven.", hint=_HINT_NAAM)
    folder = Path(out).absolute()
    say("configuraties controleren")
    for pad in [None if basis is None else Path(basis), *namen.values()]:
        _controleer_config(pad)
    basis_pad = _draai_een(
        None if basis is None else Path(basis),
        folder / BASIS,
        png=png,
        progress=say,
        label=BASIS,
    )
    for naam, pad in namen.items():
        _draai_een(pad, folder / naam, png=png, progress=say, label=naam)
    basis_run = lees_run(basis_pad)
    uitkomsten = []
    for naam, pad in namen.items():
        say(f"{naam}: vergelijken met de basis")
        v = vergelijk(basis_run, lees_run(folder / naam), namen=(BASIS, naam))
        doel = folder / f"{VERGELIJKING}{naam}"
        schrijf_vergelijking(v, doel)
        uitkomsten.append(
            ScenarioUitkomst(
                naam=naam,
                config=pad,
                run=folder / naam,
                vergelijking=doel,
                regio=v.regio(),
                instellingen=tuple(str(k) for k in v.instellingen["sleutel"]),
            )
        )
    return Scenarios(out=folder, basis=basis_pad, uitkomsten=tuple(uitkomsten))
