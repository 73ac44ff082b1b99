"""Exceptions and warnings of werkruimte.

Every error a user can cause (a missing file, a missing column, a bad config key)
is a :class:`WerkruimteError`. Its message is Dutch, names the culprit (file, layer,
column, row or key), says what was expected and what was found, and how to fix it.
The command line turns these into exit code 2 with that one message.

Recoverable problems (an invalid geometry repaired, a layer reprojected) are
:class:`HerstelWaarschuwing` warnings that count what was done.
"""

from __future__ import annotations

from os import PathLike

__all__ = [
    "ConfigError",
    "HerstelWaarschuwing",
    "InputError",
    "WerkruimteError",
]


class WerkruimteError(Exception):
    """Base class of all errors werkruimte raises on purpose."""


class InputError(WerkruimteError, ValueError):
    """Bad input data: a file, layer, column or row that cannot be used.

    Parameters
    ----------
    message
        What is wrong, in Dutch.
    path
        The file concerned, if any.
    layer
        The layer inside the file, if any.
    column
        The column concerned, if any.
    row
        The row (0-based position in the layer) concerned, if any.
    hint
        How to fix it, in Dutch.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        layer: str | None = None,
        column: str | None = None,
        row: int | str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.layer = layer
        self.column = column
        self.row = row
        self.hint = hint
        self.detail = message
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.path is not None:
            where.append(f"bestand {self.path}")
        if self.layer is not None:
            where.append(f"laag '{self.layer}'")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        if self.row is not None:
            where.append(f"rij {self.row}")
        text = (", ".join(where) + ": " if where else "") + self.detail
        if self.hint:
            text += f" Oplossing: {self.hint}"
        return text


class ConfigError(WerkruimteError, ValueError):
    """A configuration problem: syntax error, unknown key, wrong type or value.

    Parameters
    ----------
    message
        What is wrong, in Dutch.
    path
        The config file, if any.
    key
        The dotted key concerned (e.g. ``criteria.grootte.groot_min``).
    hint
        How to fix it, in Dutch.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.key = key
        self.hint = hint
        self.detail = message
        where = []
        if self.path is not None:
            where.append(f"configuratie {self.path}")
        if key is not None:
            where.append(f"sleutel '{key}'")
        text = (", ".join(where) + ": " if where else "") + message
        if hint:
            text += f" Oplossing: {hint}"
        super().__init__(text)


class HerstelWaarschuwing(UserWarning):
    """Input was mended (repaired geometry, reprojection, dropped duplicate).

    The message says what was done and how often, so nothing happens silently.
    """
