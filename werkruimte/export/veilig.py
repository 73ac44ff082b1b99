"""Safe outputs: no formula in a table, never an input overwritten, one run at a time.

- :func:`neutraliseer` and :func:`excel_writer`: a text cell that starts with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return is what Excel and LibreOffice take for
  a formula (CSV injection, OWASP). In CSV such a cell gets a ``'`` in front (OWASP's
  advice); in XLSX it is written as a text cell with Excel's *quotePrefix*, never as a
  formula. Numbers, negative ones too, stay numbers.
- :func:`controleer_uitvoer`: before any work, no output path may be (or, following
  symlinks, point at) an input file, the configuration or the demo data; ``--out``
  must be a folder or not exist, ``--kaart`` a file in a writable folder.
- :func:`vergrendel`: an advisory lock (``fcntl.flock`` on the output folder itself, so
  no lock file is left behind); a second run on the same folder stops with a message.
- :func:`systeemfout`: a user-caused system error (disk full, no permission, a folder
  where a file was expected, a read-only file system) as one Dutch message naming the
  path.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pandas as pd

from werkruimte.errors import InputError

__all__ = [
    "GEVAARLIJK",
    "controleer_uitvoer",
    "excel_writer",
    "is_gevaarlijk",
    "neutraliseer",
    "neutraliseer_werkblad",
    "ontgrendel_alles",
    "systeemfout",
    "vergrendel",
]

#: First characters that make a spreadsheet read a text cell as a formula.
GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def is_gevaarlijk(value: object) -> bool:
    """Whether ``value`` is text that a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(GEVAARLIJK)


def neutraliseer(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose dangerous text cells start with ``'`` (for CSV).

    Only text cells change (object, string and category columns holding ``str``
    values); numbers, also negative ones, booleans and missing values stay as they
    are, and so do the column names unless they are dangerous text themselves.

    Parameters
    ----------
    frame
        The table; it is not changed.

    Returns
    -------
    pandas.DataFrame
        The neutralised copy.

    Examples
    --------
    >>> neutraliseer(pd.DataFrame({"naam": ["=1+1", "a"], "x": [-1.5, 2.0]}))
        naam    x
    0  '=1+1 -1.5
    1      a  2.0
    """
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        elif not (series.dtype == object or isinstance(series.dtype, pd.StringDtype)):
            continue
        mask = series.map(is_gevaarlijk).astype(bool)
        if mask.any():
            series = series.astype(object).copy()
            series[mask] = "'" + series[mask].astype(str)
        out[col] = series
    out.columns = pd.Index(["'" + c if is_gevaarlijk(c) else c for c in out.columns])
    return out


def neutraliseer_werkblad(ws: Any) -> int:
    """Make every formula-like text cell of an openpyxl worksheet plain text.

    openpyxl turns a string that starts with ``=`` into a formula cell; such cells,
    and text cells with another dangerous first character, become text cells
    (``data_type = "s"``) with Excel's quotePrefix, so that editing them does not
    turn them into a formula either.

    Parameters
    ----------
    ws
        An openpyxl worksheet (changed in place: this is the writer's own sheet).

    Returns
    -------
    int
        How many cells were neutralised.
    """
    n = 0
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type in ("s", "f") and is_gevaarlijk(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
                n += 1
    return n


@contextmanager
def excel_writer(path: str | os.PathLike[str]) -> Iterator[pd.ExcelWriter]:
    """A :class:`pandas.ExcelWriter` (openpyxl) that never writes a formula.

    Use it instead of ``pd.ExcelWriter(path, engine="openpyxl")``: before the workbook
    is saved, :func:`neutraliseer_werkblad` runs on every sheet.

    Parameters
    ----------
    path
        Where to write.

    Yields
    ------
    pandas.ExcelWriter
    """
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        yield writer
        for ws in writer.book.worksheets:
            neutraliseer_werkblad(ws)


# --------------------------------------------------------------------------- paths


def _demo_map() -> Path:
    return (Path(__file__).resolve().parent.parent / "demo").resolve()


def _binnen(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _echte_plek(path: Path) -> Path:
    """The path with its folder resolved (symlinks followed) but its name kept."""
    return path.absolute().parent.resolve() / path.name


def controleer_uitvoer(
    *,
    out: Path,
    kaart: Path | None,
    invoer: Iterable[Path | None],
    namen: Iterable[str] = (),
) -> None:
    """Check the output paths before any work; InputError (exit 2) on the first problem.

    Parameters
    ----------
    out
        The output folder: must be a folder or not exist (its nearest existing parent
        then a writable folder).
    kaart
        The map's path (``--kaart``), or None: must not be a folder, its folder (or
        nearest existing parent) must be writable.
    invoer
        Every input (``[bronnen]`` paths, the configuration file); a folder counts with
        everything in it. The demo data (``werkruimte/demo``) always counts.
    namen
        File names the run writes into ``out`` (``manifest.json``, ...).

    Raises
    ------
    InputError
        Naming the path, what is wrong and the fix.
    """
    _check_folder(out)
    targets = [out / naam for naam in namen]
    if kaart is not None:
        _check_kaart(kaart)
        targets.append(kaart)
    inputs = [Path(p) for p in invoer if p is not None]
    bewaakt = [(p.absolute(), p.resolve()) for p in inputs] + [(_demo_map(), _demo_map())]
    for target in targets:
        plekken = {target.absolute(), _echte_plek(target)}
        if kaart is not None and target == kaart and target.is_symlink():
            plekken.add(target.resolve())  # --kaart pointing at an input: refused
        for lexical, real in bewaakt:
            if any(_binnen(p, lexical) or _binnen(p, real) or _binnen(real, p) for p in plekken):
                raise InputError(
                    f"dit uitvoerpad is (of wijst naar) invoer ({real}); werkruimte "
                    "overschrijft nooit invoer.",
                    path=target,
                    hint="kies met --out of --kaart een pad buiten de bronbestanden, de "
                    "configuratie en de demogegevens.",
                )


def _nearest_existing(path: Path) -> Path:
    p = path.absolute()
    while not p.exists() and not p.is_symlink() and p != p.parent:
        p = p.parent
    return p


def _check_writable(folder: Path, *, voor: Path) -> None:
    bestaand = _nearest_existing(folder)
    if not bestaand.is_dir():
        raise InputError(
            f"{bestaand} is een bestand, geen map; hier kan geen uitvoer komen.",
            path=voor,
            hint="kies een pad in een bestaande map (of een map die nog niet bestaat).",
        )
    if not os.access(bestaand, os.W_OK | os.X_OK):
        raise InputError(
            f"geen schrijfrechten in de map {bestaand} (of alleen-lezen bestandssysteem).",
            path=voor,
            hint="kies een map waarin u mag schrijven, of pas de rechten aan.",
        )


def _check_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(
            "--out moet een map zijn (of nog niet bestaan), maar dit is een bestand.",
            path=out,
            hint="geef met --out een map op; de kaart zelf kiest u met --kaart.",
        )
    _check_writable(out, voor=out)


def _check_kaart(kaart: Path) -> None:
    if kaart.is_dir() or str(kaart).endswith(os.sep):
        raise InputError(
            "--kaart moet een bestandsnaam zijn (bv. kaarten/kansenkaart.html), geen map.",
            path=kaart,
            hint="voeg de bestandsnaam toe, bijvoorbeeld --kaart MAP/kansenkaart.html.",
        )
    _check_writable(kaart.parent, voor=kaart)


# --------------------------------------------------------------------------- lock

#: Output folders this process holds the lock of: real path -> (fd, depth).
_SLOTEN: dict[Path, list[int]] = {}
#: Output folders this process created; removed again when left empty.
_NIEUW: set[Path] = set()


def _los(key: Path, fd: int) -> None:
    if key in _NIEUW:
        _NIEUW.discard(key)
        with suppress(OSError):
            key.rmdir()  # only when empty: a run that failed leaves no folder behind
    os.close(fd)  # closing the descriptor releases the flock


def vergrendel(folder: Path) -> None:
    """Take the advisory lock of ``folder`` (created when missing) for this process.

    The lock is ``fcntl.flock`` on the folder itself, held until
    :func:`ontgrendel` (or the process ends). Taking it again in the same process
    is allowed (counted).

    Raises
    ------
    InputError
        When another process holds it: another run writes to the same folder.
    """
    nieuw = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    key = folder.resolve()
    if nieuw:
        _NIEUW.add(key)
    if key in _SLOTEN:
        _SLOTEN[key][1] += 1
        return
    fd = os.open(key, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise InputError(
            "een andere werkruimte-run schrijft nu naar deze uitvoermap; deze run is "
            "niet begonnen en heeft niets veranderd.",
            path=folder,
            hint="wacht tot die run klaar is, of kies een andere map met --out.",
        ) from None
    _SLOTEN[key] = [fd, 1]


def ontgrendel(folder: Path) -> None:
    """Release one hold of the lock of ``folder`` (the last one unlocks)."""
    key = folder.resolve()
    entry = _SLOTEN.get(key)
    if entry is None:
        return
    entry[1] -= 1
    if entry[1] <= 0:
        del _SLOTEN[key]
        _los(key, entry[0])


def ontgrendel_alles() -> None:
    """Release every lock this process holds (end of a command)."""
    for key in list(_SLOTEN):
        _los(key, _SLOTEN.pop(key)[0])


@contextmanager
def slot(folder: Path) -> Iterator[None]:
    """:func:`vergrendel` for the duration of a ``with`` block."""
    vergrendel(folder)
    try:
        yield
    finally:
        ontgrendel(folder)


# --------------------------------------------------------------------------- errors

_OORZAKEN = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "het schijfquotum is op",
    errno.EACCES: "geen toegang (rechten)",
    errno.EPERM: "niet toegestaan (rechten)",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EFBIG: "het bestand wordt te groot",
}
_TEKSTEN = {
    "no space left": errno.ENOSPC,
    "disk quota": errno.EDQUOT,
    "read-only file system": errno.EROFS,
    "permission denied": errno.EACCES,
}


def _errno_van(exc: BaseException) -> int | None:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        code = getattr(cur, "errno", None)
        if isinstance(code, int) and code in _OORZAKEN:
            return code
        text = str(cur).lower()
        for needle, code in _TEKSTEN.items():
            if needle in text:
                return code
        cur = cur.__cause__ or cur.__context__
    return None


def systeemfout(exc: BaseException, *, toestand: str = "") -> str | None:
    """One Dutch line for a user-caused system error, or None when it is not one.

    Parameters
    ----------
    exc
        The exception (an ``OSError``, or a library error that wraps one or says
        "No space left on device").
    toestand
        A sentence about the state of the previous output, appended.

    Returns
    -------
    str or None
        E.g. ``"bestand /x/out/a.gpkg: de schijf is vol (ENOSPC). ..."``.
    """
    code = _errno_van(exc)
    if code is None:
        return None
    pad = getattr(exc, "filename", None)
    waar = f"bestand {pad}: " if pad else ""
    tekst = f"{waar}{_OORZAKEN[code]} ({errno.errorcode.get(code, code)})."
    if toestand:
        tekst += f" {toestand}"
    return tekst + " Oplossing: maak ruimte of kies met --out/--kaart een andere plek."


# --------------------------------------------------------------------------- state

#: What the previous output of the current run's folder is like (for messages).
ONGEWIJZIGD = "De vorige uitvoer is ongewijzigd."
TERUGGEZET = "De vorige uitvoer is teruggezet en ongewijzigd."
NIEUW = "De nieuwe uitvoer is volledig geschreven."
ONVOLLEDIG = (
    "LET OP: de uitvoermap is onvolledig (manifest.json ontbreekt, de map telt niet als "
    "run); draai de opdracht opnieuw."
)
_TOESTAND = [ONGEWIJZIGD]


def zet_toestand(tekst: str) -> None:
    """Record the state of the output (one of the constants of this module)."""
    _TOESTAND[0] = tekst


def toestand() -> str:
    """The state of the output as one Dutch sentence, for the message after a failure."""
    return _TOESTAND[0]


# --------------------------------------------------------------------------- before a run

#: What a run of the chain may write into ``--out``.
UITVOERNAMEN = (
    "percelen_scores.gpkg",
    "schuifruimte.gpkg",
    "driedeling.csv",
    "driedeling.xlsx",
    "middensegment.csv",
    "glasvezelgaten.csv",
    "kandidaten.xlsx",
    "werkruimte.qgz",
    "kansenkaart.html",
    "manifest.json",
    "png",
)


def voorcontrole(config: str | os.PathLike[str] | None, *, out: Path, kaart: Path | None) -> None:
    """Everything checked before a run computes anything (``werkruimte kansenkaart`` ...).

    Reads the configuration (with its size and depth limits), checks the output paths
    against every input (:func:`controleer_uitvoer`), checks the inputs against the
    ``[limieten]`` (:func:`werkruimte.sources.limieten.controleer_limieten`: sizes, rows,
    raster cells, no devices or pipes) and takes the lock of ``out``
    (:func:`vergrendel`, held until :func:`ontgrendel_alles`).

    Parameters
    ----------
    config
        The ``werkruimte.toml``, or None for the demo region.
    out
        The output folder.
    kaart
        ``--kaart``, or None (then the map goes into ``out``).

    Raises
    ------
    InputError, ConfigError
        One message naming the path and the fix (exit 2).
    """
    from werkruimte.config import SOURCE_KEYS, demo_config_path, load_config

    pad = Path(config) if config is not None else demo_config_path()
    cfg = load_config(pad)
    invoer: list[Path | None] = [cfg.bron(k) for k in SOURCE_KEYS]
    invoer.append(pad)
    controleer_uitvoer(out=out, kaart=kaart, invoer=invoer, namen=UITVOERNAMEN)
    from werkruimte.sources.limieten import controleer_limieten

    controleer_limieten(cfg)
    vergrendel(out)
