"""Dutch numbers and dates, written once for every text a person reads.

``1234567.5`` reads as ``1.234.567,5`` in Dutch: a point groups thousands and a comma
separates decimals. Every module that shows a number or a date to a person (uitleg,
map labels, tables, CLI messages) goes through these functions. :func:`als_tekst` turns
a column of categories (statuses, reasons) into such text without a string per row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

__all__ = ["MAANDEN", "als_tekst", "datum", "geheel", "getal", "getallen", "ha"]

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def als_tekst(values: pd.Series) -> pd.Series:
    """``values.astype("string")``, fast for a categorical column.

    A category's label is made into text once and picked per row with an Arrow
    ``take`` (missing stays NA), instead of one Python string per row: for 1 000 000
    rows 0,03 s instead of 0,36 s. Any other column goes through ``astype``.
    """
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values.astype("string")
    labels = pd.array(values.cat.categories.astype(str).tolist(), dtype="string")
    codes = values.cat.codes.to_numpy()
    return pd.Series(labels.take(codes, allow_fill=True), index=values.index, name=values.name)


def getal(value: float, decimals: int = 1, *, groepeer: bool = True) -> str:
    """A number in Dutch notation: ``getal(1234.56)`` is ``"1.234,6"``.

    Parameters
    ----------
    value
        The number; NaN gives ``"–"``.
    decimals
        Digits after the decimal comma.
    groepeer
        Group thousands with a point (``False`` gives ``"1234,6"``).
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    sep = "," if groepeer else ""
    text = f"{float(value):{sep}.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def geheel(value: float) -> str:
    """A whole number with a thousands point: ``geheel(31451)`` is ``"31.451"``."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    return f"{round(float(value)):,}".replace(",", ".")


def ha(value: float) -> str:
    """Hectares with one decimal: ``ha(14)`` is ``"14,0 ha"``."""
    return f"{getal(value, 1)} ha"


def getallen(
    values: pd.Series | np.ndarray,
    decimals: int = 1,
    suffix: str = "",
    *,
    fmt: Callable[[float], str] | None = None,
) -> pd.Series:
    """:func:`getal` for a whole column; each distinct value is formatted once.

    Missing values become ``<NA>`` so callers can choose their own placeholder.
    """
    s = pd.Series(values) if not isinstance(values, pd.Series) else values
    one = fmt if fmt is not None else (lambda v: getal(v, decimals) + suffix)
    num = pd.to_numeric(s, errors="coerce")
    uniq = pd.unique(num.dropna().to_numpy())
    table = {v: one(float(v)) for v in uniq}
    return num.map(table).astype("string")


def datum(day: date) -> str:
    """A date as Dutch text: ``datum(date(2026, 11, 29))`` is ``"29 november 2026"``."""
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"
