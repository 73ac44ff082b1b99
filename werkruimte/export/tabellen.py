r"""Tables for people: CSV for a Dutch Excel, and the driedeling workbook (XLSX).

These writers write straight to the path they are given. A run gets its paths from
:func:`werkruimte.export.atomic_outputs` (``out.path(...)``), which publishes all
outputs at once when every writer succeeded; one file on its own goes through
:func:`werkruimte.export.atomic_file`.

CSV: UTF-8 **with BOM**, ``;`` as separator and a **decimal comma**, so that
double-clicking it in a Dutch Excel opens the right columns, numbers and accents;
pandas reads it back with ``sep=";", decimal=",", encoding="utf-8-sig"``.

XLSX (openpyxl): sheet names made valid for Excel (at most 31 characters, no
``[]:*?/\``, unique), bold headers, the header row frozen, column widths fitting the
content, fractions shown as percentages.

Neither format ever holds a formula: text that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return gets a ``'`` in front in CSV and is a text cell (with
quotePrefix) in XLSX (:mod:`werkruimte.export.veilig`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd

from werkruimte.export.veilig import excel_writer, neutraliseer
from werkruimte.kaart.stijl import klasse_kleuren
from werkruimte.regels import FRACTIES

__all__ = ["write_csv", "write_tabellen"]


#: Columns shown as percentages in the XLSX: the fractions among the driedeling
#: indicators and the mean coverage of the glasvezelgaten.
_PROCENTEN = FRACTIES | {"gemiddelde_dekking"}

_ONGELDIG_BLAD = re.compile(r"[\[\]:*?/\\]")


def _geometrie_kolommen(frame: pd.DataFrame) -> list[Any]:
    return [c for c in frame.columns if isinstance(frame[c].dtype, gpd.array.GeometryDtype)]


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write a table as CSV for a Dutch Excel: ``;``, decimal comma, UTF-8 with BOM.

    Geometry columns are left out; values are written as they are (no rounding) and
    without the index.

    Parameters
    ----------
    frame
        The table (a GeoDataFrame loses its geometry).
    path
        Where to write; the file is written directly (see the module docstring).
        Text cells a spreadsheet would take for a formula get a ``'`` in front
        (:func:`werkruimte.export.veilig.neutraliseer`).
    """
    plain = neutraliseer(pd.DataFrame(frame.drop(columns=_geometrie_kolommen(frame))))
    plain.to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8-sig")


def _bladnaam(name: str, taken: set[str]) -> str:
    r"""A valid, unique Excel sheet name (<= 31 chars, no []:*?/\, not 'History')."""
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
    out = pd.DataFrame(frame.drop(columns=_geometrie_kolommen(frame)))
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
            fmt = "0%" if col in _PROCENTEN else "0.0#"
            for cell in ws[letter][1:]:
                cell.number_format = fmt
        if col == "klasse":
            _kleur_klassen(ws[letter][1:])


def _kleur_klassen(cells: Sequence[Any]) -> None:
    """Fill each klasse cell with the class colour of the map (white bold text)."""
    from openpyxl.styles import Font, PatternFill

    kleuren = klasse_kleuren(sorted({str(c.value) for c in cells if c.value is not None}))
    for cell in cells:
        kleur = kleuren.get(str(cell.value)) if cell.value is not None else None
        if kleur:
            cell.fill = PatternFill("solid", fgColor=kleur.lstrip("#").upper())
            cell.font = Font(bold=True, color="FFFFFF")


def _blad(writer: Any, frame: pd.DataFrame, name: str, taken: set[str]) -> None:
    blad = _bladnaam(name, taken)
    frame.to_excel(writer, sheet_name=blad, index=False)
    _opmaak(writer.sheets[blad], frame)


def _samenvattingsblad(
    writer: Any, plain: pd.DataFrame, klassen: list[str], taken: set[str]
) -> None:
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


def write_tabellen(
    tabel: gpd.GeoDataFrame,
    extra: Mapping[str, pd.DataFrame],
    *,
    csv: str | os.PathLike[str],
    xlsx: str | os.PathLike[str],
) -> None:
    r"""Write the driedeling as CSV (Dutch Excel) and as XLSX with a sheet per gemeente.

    CSV (:func:`write_csv`): the contract column names, no geometry, numbers rounded
    to 4 decimals.

    XLSX (openpyxl): sheet ``samenvatting`` (counts per gemeente x klasse, and per
    soort x klasse, with totals), one sheet per gemeente with its werklocaties, then one
    sheet per entry of ``extra`` (e.g. ``middensegment``, ``glasvezelgaten``; a
    geometry column is dropped). Sheet names are made valid for Excel (at most 31
    characters, no ``[]:*?/\``, unique). Headers are bold, the header row frozen,
    column widths fit the content, fractions show as percentages.

    Both files are written straight to ``csv`` and ``xlsx``; get them from
    :func:`werkruimte.export.atomic_outputs` so that a failure never publishes a
    half-written table.

    Parameters
    ----------
    tabel
        Output of :func:`werkruimte.driedeling.driedeling`.
    extra
        Further tables by sheet name.
    csv, xlsx
        Target paths.
    """
    plain = _plain(tabel)
    write_csv(plain, csv)
    klassen = _klasse_volgorde(tabel)
    taken: set[str] = set()
    with excel_writer(xlsx) as writer:
        _samenvattingsblad(writer, plain, klassen, taken)
        gemeenten = plain["gemeente"].astype("string").fillna("onbekend")
        for gem in pd.unique(gemeenten.to_numpy(dtype=object)):
            _blad(writer, plain.loc[(gemeenten == gem).to_numpy()], str(gem), taken)
        for name, frame in extra.items():
            _blad(writer, _plain(frame), name, taken)
