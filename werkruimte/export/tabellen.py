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

from werkruimte._nl import getal
from werkruimte.export.veilig import excel_writer, neutraliseer
from werkruimte.kaart.stijl import klasse_kleuren
from werkruimte.regels import FRACTIES

__all__ = [
    "KANDIDAAT_KOPPEN",
    "KOPPEN",
    "afgerond",
    "kandidaten_tabel",
    "write_csv",
    "write_driedeling_csv",
    "write_driedeling_werkboek",
    "write_kandidaten",
    "write_tabellen",
]


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


# ---------------------------------------------------------------- tables for people
# Dutch headers, units, rounding to what a measure supports, autofilter and a frozen
# header: the candidate list (kandidaten.csv/.xlsx) and the driedeling workbook as
# ``werkruimte kansenkaart`` writes it. The CSV of the driedeling keeps its contract
# column names (other tools read it); only the XLSX shows the Dutch headers.

#: Headers of the driedeling, middensegment and glasvezelgaten sheets; ``{m}`` is the
#: zone width around a werklocatie (``criteria.driedeling.woningen_afstand_m``).
KOPPEN: Mapping[str, str] = {
    "id": "Id",
    "naam": "Naam",
    "soort": "Soort",
    "type": "Type",
    "gemeente": "Gemeente",
    "oppervlakte_ha": "Oppervlakte (ha)",
    "milieucategorie_max": "Hoogste milieucategorie",
    "ov_index": "OV-index (PTAL)",
    "ov_klasse": "OV-klasse",
    "glasvezel_dekking": "Glasvezel (%)",
    "leegstand_pct": "Leegstand (%)",
    "aandeel_werk": "Aandeel werkbestemming (%)",
    # the column holds a share of the zone, not metres (contract name kept in CSV/GPKG)
    "woningen_binnen_m": "Aandeel woonbestemming binnen {m} m (%)",
    "kandidaat_ha": "Kandidaat-percelen (ha)",
    "klasse": "Klasse",
    "reden": "Reden",
    "regel": "Regel",
    "hotspots_middensegment": "Hotspots middensegment",
    "hotspots_oppervlakte_m2": "Oppervlakte hotspots (m²)",
    "hotspots_leegstand_m2": "Leegstand hotspots (m²)",
    "doelgroepen": "Doelgroepen",
    "kandidaten_middensegment": "Kandidaat-percelen middensegment",
    "kandidaten_m2": "Oppervlakte kandidaat-percelen (m²)",
    "aanbod_plekken": "Aanbod (plekken)",
    "aanbod_m2": "Aanbod (m²)",
    "oordeel": "Oordeel",
    "toelichting": "Toelichting",
    "gebied_id": "Gebied",
    "gemeenten": "Gemeenten",
    "aantal_werklocaties": "Werklocaties",
    "aantal_clusters": "Clusters",
    "aantal_percelen": "Percelen",
    "gemiddelde_dekking": "Gemiddelde glasvezeldekking (%)",
    "namen": "Namen",
}

#: Headers of the candidate list, in order (``kandidaten.csv`` and ``.xlsx``).
KANDIDAAT_KOPPEN = (
    "Perceel",
    "Kadastrale aanduiding",
    "Gemeente",
    "Oppervlakte (m²)",
    "Profiel",
    "Score",
    "OV-klasse",
    "Glasvezel (%)",
    "Rangstabiliteit (%)",
    "Cluster",
    "Uitleg",
)


def afgerond(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with floats rounded to what the measure supports.

    Shares (0..1; :data:`werkruimte.regels.FRACTIES`, ``gemiddelde_dekking``) to 3
    decimals (0,1 percent point), hectares to 2 (100 m²), square metres to 1, other
    floats to 4 decimals; geometry is dropped.

    Parameters
    ----------
    frame
        A table (not changed).

    Returns
    -------
    pandas.DataFrame
        The rounded copy without geometry.
    """
    out = pd.DataFrame(frame.drop(columns=_geometrie_kolommen(frame)))
    for col in out.columns:
        if not pd.api.types.is_float_dtype(out[col]):
            continue
        name = str(col)
        decimals = 3 if name in _PROCENTEN else 2 if name.endswith("_ha") else 4
        out[col] = out[col].round(1 if name.endswith("_m2") else decimals)
    return out


def _getalnotatie(col: str) -> str | None:
    """Excel number format of a contract column (None: leave as written)."""
    if col in _PROCENTEN:
        return "0%"
    if col.endswith("_m2"):
        return "#,##0"
    if col.endswith("_ha"):
        return "0.00"
    if col in {"ov_index", "milieucategorie_max"}:
        return "0.0"
    return None


def _werkblad(
    writer: Any,
    frame: pd.DataFrame,
    name: str,
    taken: set[str],
    *,
    formats: Mapping[str, str] | None = None,
) -> None:
    """One sheet: bold frozen header, autofilter, widths, number formats, class colours.

    ``frame`` has the headers people read; ``formats`` maps a header to an Excel
    number format.
    """
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    blad = _bladnaam(name, taken)
    frame.to_excel(writer, sheet_name=blad, index=False)
    ws = writer.sheets[blad]
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    for i, col in enumerate(frame.columns, start=1):
        letter = get_column_letter(i)
        sample = frame[col].head(500).astype("string").fillna("").tolist()
        width = max([len(str(col)) + 3, *(len(s) for s in sample)])  # +3: filter button
        ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        fmt = (formats or {}).get(str(col))
        if fmt:
            for cell in ws[letter][1:]:
                cell.number_format = fmt
        if col in ("klasse", "Klasse"):
            _kleur_klassen(ws[letter][1:])


def _nederlands(frame: pd.DataFrame, woningen_afstand_m: float) -> tuple[pd.DataFrame, dict]:
    """Rounded, with Dutch headers; and the number format per Dutch header."""
    plain = afgerond(frame)
    koppen = {
        c: KOPPEN.get(str(c), str(c)).format(m=getal(woningen_afstand_m, 0)) for c in plain.columns
    }
    formats = {koppen[c]: f for c in plain.columns if (f := _getalnotatie(str(c)))}
    return plain.rename(columns=koppen), formats


def write_driedeling_csv(tabel: pd.DataFrame, csv: str | os.PathLike[str]) -> None:
    """Write the driedeling as CSV: contract column names, floats to 4 decimals.

    Parameters
    ----------
    tabel
        Output of :func:`werkruimte.driedeling.driedeling` (geometry is dropped).
    csv
        Target path, written directly (see the module docstring).
    """
    write_csv(_plain(tabel), csv)


def write_driedeling_werkboek(
    tabel: gpd.GeoDataFrame,
    extra: Mapping[str, pd.DataFrame],
    *,
    xlsx: str | os.PathLike[str],
    woningen_afstand_m: float = 100.0,
) -> None:
    """Write the driedeling workbook for people: Dutch headers, units, autofilter.

    Sheet ``samenvatting`` (counts per gemeente x klasse and per soort x klasse), one
    sheet per gemeente with its werklocaties, then one per entry of ``extra``
    (``middensegment``, ``glasvezelgaten``). Headers in Dutch with their unit
    (:data:`KOPPEN`; ``woningen_binnen_m``, a share, reads "Aandeel woonbestemming
    binnen 100 m (%)"), shares as percentages, hectares with 2 decimals, m² as whole
    numbers; every sheet has an autofilter and a frozen header; the class cells
    carry the colour of the map. The CSV of the same table is
    :func:`write_csv` of :func:`afgerond` (contract column names).

    Parameters
    ----------
    tabel
        Output of :func:`werkruimte.driedeling.driedeling`.
    extra
        Further tables by sheet name.
    xlsx
        Target path, written directly (see the module docstring).
    woningen_afstand_m
        The zone width the ``woningen_binnen_m`` share was measured in.
    """
    klassen = _klasse_volgorde(tabel)
    taken: set[str] = set()
    with excel_writer(xlsx) as writer:
        _samenvattingsblad(writer, _plain(tabel), klassen, taken)
        gemeenten = tabel["gemeente"].astype("string").fillna("onbekend").to_numpy(dtype=object)
        for gem in pd.unique(gemeenten):
            deel, formats = _nederlands(tabel.loc[gemeenten == gem], woningen_afstand_m)
            _werkblad(writer, deel, str(gem), taken, formats=formats)
        for name, frame in extra.items():
            deel, formats = _nederlands(frame, woningen_afstand_m)
            _werkblad(writer, deel, name, taken, formats=formats)


def _procent(share: pd.Series) -> pd.Series:
    """A share 0..1 as whole percents (nullable integers)."""
    return (share * 100).round(0).astype("Int64")


def kandidaten_tabel(percelen: pd.DataFrame) -> pd.DataFrame:
    """One row per candidate parcel, Dutch headers, sorted by gemeente and score.

    Parameters
    ----------
    percelen
        Scored (and clustered) parcels.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`KANDIDAAT_KOPPEN`: area in whole m², score with 1 decimal,
        glasvezel coverage and rank stability in whole percents, the cluster number
        (empty outside a cluster) and the uitleg; gemeenten A-Z, within a gemeente
        the highest score first (ties by perceel).
    """
    k = percelen.loc[percelen["kandidaat"].astype(bool).to_numpy()]

    def kolom(name: str, dtype: Any = "string") -> pd.Series:
        if name in k:
            return pd.Series(k[name], index=k.index).astype(dtype)
        return pd.Series(pd.NA, index=k.index, dtype=dtype)

    cluster = kolom("cluster_id", "Int64")
    out = pd.DataFrame(
        {
            "Perceel": kolom("perceel_id"),
            "Kadastrale aanduiding": kolom("kadastrale_aanduiding"),
            "Gemeente": kolom("gemeente"),
            "Oppervlakte (m²)": kolom("oppervlakte_m2", "Float64").round(0).astype("Int64"),
            "Profiel": kolom("profiel"),
            "Score": kolom("score", "Float64").round(1),
            "OV-klasse": kolom("ov_klasse"),
            "Glasvezel (%)": _procent(kolom("glasvezel_dekking", "Float64")),
            "Rangstabiliteit (%)": _procent(kolom("rang_stabiliteit", "Float64")),
            "Cluster": cluster.where(cluster >= 0),
            "Uitleg": kolom("uitleg"),
        },
        index=k.index,
    )
    out = out.sort_values(
        ["Gemeente", "Score", "Perceel"], ascending=[True, False, True], na_position="last"
    )
    return out.reset_index(drop=True)


def write_kandidaten(
    percelen: pd.DataFrame,
    *,
    csv: str | os.PathLike[str],
    xlsx: str | os.PathLike[str],
) -> None:
    """Write the candidate list as CSV (Dutch Excel) and XLSX (a sheet per gemeente).

    Both hold :func:`kandidaten_tabel`; the XLSX has a sheet ``kandidaten`` with all
    of them and then one sheet per gemeente, each with autofilter and frozen header.

    Parameters
    ----------
    percelen
        Scored (and clustered) parcels.
    csv, xlsx
        Target paths, written directly (see the module docstring).
    """
    tabel = kandidaten_tabel(percelen)
    write_csv(tabel, csv)
    formats = {"Oppervlakte (m²)": "#,##0", "Score": "0.0"}
    formats |= {"Glasvezel (%)": "0", "Rangstabiliteit (%)": "0"}
    taken: set[str] = set()
    with excel_writer(xlsx) as writer:
        _werkblad(writer, tabel, "kandidaten", taken, formats=formats)
        gemeenten = tabel["Gemeente"].fillna("onbekend").to_numpy(dtype=object)
        for gem in pd.unique(gemeenten):
            _werkblad(writer, tabel.loc[gemeenten == gem], str(gem), taken, formats=formats)
