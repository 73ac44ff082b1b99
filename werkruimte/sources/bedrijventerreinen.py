"""IBIS bedrijventerreinen: formal business parks as polygons with their IBIS fields.

The IBIS (Integrale Bedrijventerreinen Informatie Systeem) export carries, per terrain
and year, the fields ``RIN_NUMMER``, ``JAAR``, ``PLAN_NAAM``, ``GEM_CODES``,
``HA_BRUTO``, ``HA_NETTO``, ``HA_TOTTUIT`` and ``WLOC_TYPE``; provincial or municipal
extracts often add the highest milieucategorie (VNG *Bedrijven en milieuzonering*).
Shapefiles truncate field names to 10 characters (``MILIEUCAT_``); those are matched
too.
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte.errors import InputError
from werkruimte.sources._common import (
    clean_polygons,
    empty_layer,
    ensure_rd,
    mend,
    read_vector,
    require_rows,
    resolve_columns,
    to_number,
)

__all__ = ["COLUMNS", "MILIEUCATEGORIEEN", "empty_frame", "load_bedrijventerreinen"]

log = logging.getLogger(__name__)

WHAT = "bedrijventerreinen"

#: Canonical columns of the returned frame, in order (geometry last).
COLUMNS = (
    "terrein_id",
    "naam",
    "gemeentecode",
    "ha_bruto",
    "ha_netto",
    "ha_uitgeefbaar",
    "wloc_type",
    "milieucategorie_max",
    "geometry",
)

#: Valid VNG milieucategorieën (Bedrijven en milieuzonering, 2009).
MILIEUCATEGORIEEN = (1.0, 2.0, 3.1, 3.2, 4.1, 4.2, 5.1, 5.2, 5.3, 6.0)

_ALIASES: dict[str, list[str]] = {
    "terrein_id": ["RIN_NUMMER", "rinnummer", "rin", "id", "terreinid", "identificatie"],
    "naam": ["PLAN_NAAM", "plannaam", "terreinnaam", "name"],
    "gemeentecode": ["GEM_CODES", "gemcode", "gemeentecodes", "statcode"],
    "ha_bruto": ["HA_BRUTO", "bruto_ha", "brutoha"],
    "ha_netto": ["HA_NETTO", "netto_ha", "nettoha"],
    "ha_uitgeefbaar": ["HA_TOTTUIT", "uitgeefbaar_ha", "ha_uitgeefbaar_totaal"],
    "wloc_type": ["WLOC_TYPE", "wloctype", "werklocatietype"],
    "milieucategorie_max": [
        "MILIEUCAT_MAX",
        "milieucategorie",
        "hoogste_milieucategorie",
        "max_milieucategorie",
        "milieucat",
        "max_milieucat",
        "MILIEUCAT_",
        "hoogste_mi",
        "max_milieu",
    ],
}

_AREA_COLUMNS = ("ha_bruto", "ha_netto", "ha_uitgeefbaar")
_TEXT_COLUMNS = ("gemeentecode", "wloc_type")


def empty_frame() -> gpd.GeoDataFrame:
    """An empty bedrijventerreinen layer with the canonical columns, in EPSG:28992.

    Returns
    -------
    geopandas.GeoDataFrame
        0 rows; columns as :func:`load_bedrijventerreinen` returns them.
    """
    return empty_layer(
        {
            "terrein_id": "string",
            "naam": "string",
            "gemeentecode": "string",
            "ha_bruto": "float64",
            "ha_netto": "float64",
            "ha_uitgeefbaar": "float64",
            "wloc_type": "string",
            "milieucategorie_max": "float64",
        }
    )


def load_bedrijventerreinen(
    path: str | Path,
    *,
    layer: str | None = None,
    assume_crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Read IBIS bedrijventerreinen from a GeoPackage, GeoJSON or shapefile.

    Parameters
    ----------
    path
        The file.
    layer
        Layer name (GeoPackage); default the first layer.
    assume_crs
        CRS to assume when the file has none (``[bronnen] crs``).

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:28992, in file order (rows without usable polygon are dropped with a
        warning), columns:

        - ``terrein_id`` (string): ``RIN_NUMMER`` or ``id``;
        - ``naam`` (string): ``PLAN_NAAM`` or ``naam`` (empty names become
          ``"bedrijventerrein <id>"``, with a warning);
        - ``gemeentecode`` (string or NA): ``GEM_CODES`` as given, possibly several
          codes such as ``"GM0402,GM0406"``;
        - ``ha_bruto``, ``ha_netto``, ``ha_uitgeefbaar`` (float64 hectare, NaN when
          absent): ``HA_BRUTO``, ``HA_NETTO``, ``HA_TOTTUIT``;
        - ``wloc_type`` (string or NA): ``WLOC_TYPE``;
        - ``milieucategorie_max`` (float64, NaN when absent): the highest VNG
          milieucategorie (1, 2, 3.1, 3.2, 4.1, 4.2, 5.1, 5.2, 5.3 or 6);
        - geometry (Polygon/MultiPolygon).

        When the file holds several IBIS years (``JAAR``) of the same terrain, only
        the most recent year is kept (with a warning).

    Raises
    ------
    InputError
        Missing file or layer, no id or name column, a missing or duplicate id, a
        negative area, an invalid milieucategorie, no CRS, or no usable rows.
    """
    p = Path(path)
    raw = read_vector(p, what=WHAT, layer=layer)
    df = resolve_columns(
        raw, _ALIASES, required=("terrein_id", "naam"), path=p, layer=layer, what=WHAT
    )
    ids = _id_text(df["terrein_id"])
    missing = ids.isna()
    if missing.any():
        pos = int(np.flatnonzero(missing.to_numpy())[0])
        raise InputError(
            f"{int(missing.sum())} bedrijventerreinen zonder id.",
            path=p,
            layer=layer,
            column="terrein_id",
            row=pos,
            hint="vul RIN_NUMMER (of id) voor elk terrein in.",
        )

    out = _columns(df, ids, path=p, layer=layer)

    # Row numbers in the messages above are file rows; filter only after parsing.
    keep = _latest_year(df, ids, path=p, layer=layer)
    out = out.iloc[keep]
    dup = out["terrein_id"].duplicated()
    if dup.any():
        pos = int(keep[np.flatnonzero(dup.to_numpy())[0]])
        raise InputError(
            f"id '{ids.iloc[pos]}' komt meer dan eens voor.",
            path=p,
            layer=layer,
            column="terrein_id",
            row=pos,
            hint="geef elk terrein een eigen RIN_NUMMER, of lever één IBIS-jaar aan.",
        )
    no_name = out["naam"].isna()
    if no_name.any():
        out["naam"] = out["naam"].where(~no_name, "bedrijventerrein " + out["terrein_id"])
        mend(f"{WHAT}: {int(no_name.sum())} terreinen zonder naam; id als naam gebruikt.")

    gdf = gpd.GeoDataFrame(out, geometry=df.geometry.to_numpy()[keep], crs=df.crs)
    gdf = clean_polygons(gdf, what=WHAT, path=p, layer=layer)
    require_rows(gdf, what=WHAT, path=p, layer=layer)
    gdf = ensure_rd(gdf, what=WHAT, path=p, layer=layer, assume_crs=assume_crs)
    return gdf[list(COLUMNS)].reset_index(drop=True)


def _columns(df: pd.DataFrame, ids: pd.Series, *, path: Path, layer: str | None) -> pd.DataFrame:
    """The output columns (without geometry) in file order, each parsed and checked."""
    out = pd.DataFrame(index=df.index)
    out["terrein_id"] = ids
    out["naam"] = df["naam"].astype("string").str.strip().replace({"": pd.NA})
    for col in _AREA_COLUMNS + _TEXT_COLUMNS + ("milieucategorie_max",):
        if col not in df:
            out[col] = (
                pd.Series(pd.NA, index=df.index, dtype="string")
                if col in _TEXT_COLUMNS
                else pd.Series(np.nan, index=df.index, dtype="float64")
            )
        elif col in _TEXT_COLUMNS:
            out[col] = _id_text(df[col])
        elif col in _AREA_COLUMNS:
            out[col] = _area(df[col], column=col, path=path, layer=layer)
        else:
            out[col] = parse_milieucategorie(df[col], path=path, layer=layer)
    return out


def parse_milieucategorie(
    values: pd.Series,
    *,
    path: str | Path | None = None,
    layer: str | None = None,
    column: str = "milieucategorie_max",
) -> pd.Series:
    """Parse VNG milieucategorieën given as text or number into float64.

    Parameters
    ----------
    values
        ``"3.1"``, ``"3,2"`` (Dutch comma), ``4.2``, ``"6"`` ...; empty means unknown.
    path, layer, column
        Used in the error message.

    Returns
    -------
    pandas.Series
        float64 aligned to ``values`` (3.1, 3.2, ...), NaN where empty.

    Raises
    ------
    InputError
        Naming the first row whose value is not a VNG milieucategorie.
    """
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        numbers = values.astype("float64")
    else:
        text = values.astype("string").str.strip().str.replace(",", ".", regex=False)
        text = text.replace({"": pd.NA})
        numbers = pd.to_numeric(text, errors="coerce").astype("float64")
        unparsed = numbers.isna() & text.notna()
        if unparsed.any():
            _bad_category(values, unparsed, path=path, layer=layer, column=column)
    rounded = numbers.round(1)
    valid = rounded.isin(MILIEUCATEGORIEEN) & ((numbers - rounded).abs() < 1e-4)
    bad = numbers.notna() & ~valid
    if bad.any():
        _bad_category(values, bad, path=path, layer=layer, column=column)
    return rounded.where(numbers.notna()).astype("float64")


def _bad_category(
    values: pd.Series,
    bad: pd.Series,
    *,
    path: str | Path | None,
    layer: str | None,
    column: str,
) -> None:
    pos = int(np.flatnonzero(bad.to_numpy())[0])
    raise InputError(
        f"waarde '{values.iloc[pos]}' is geen VNG-milieucategorie "
        f"({int(bad.sum())} ongeldige waarden); verwacht een van 1, 2, 3.1, 3.2, 4.1, "
        "4.2, 5.1, 5.2, 5.3 of 6.",
        path=path,
        layer=layer,
        column=column,
        row=pos,
        hint="gebruik de categorieën uit VNG Bedrijven en milieuzonering (2009), "
        "of laat de cel leeg als de categorie onbekend is.",
    )


def _latest_year(df: pd.DataFrame, ids: pd.Series, *, path: Path, layer: str | None) -> np.ndarray:
    """Positions of the rows to keep: per terrain its most recent IBIS year (``JAAR``).

    Without a ``JAAR`` column, or without repeated ids, every row is kept.
    """
    everything = np.arange(len(df))
    year_col = next((c for c in df.columns if str(c).lower() == "jaar"), None)
    if year_col is None or not ids.duplicated().any():
        return everything
    years = to_number(df[year_col], column=str(year_col), path=path, layer=layer)
    order = pd.DataFrame({"id": ids.to_numpy(), "jaar": years.to_numpy(), "pos": everything})
    keep = np.sort(
        order.sort_values(["jaar", "pos"], na_position="first")
        .drop_duplicates("id", keep="last")["pos"]
        .to_numpy()
    )
    mend(
        f"{WHAT}: meerdere IBIS-jaren in het bestand; van {len(df) - len(keep)} dubbele "
        "rijen is alleen het meest recente jaar van elk terrein bewaard."
    )
    return keep


def _id_text(values: pd.Series) -> pd.Series:
    """Ids as text: whole numbers without ``.0``, stripped, empty -> NA."""
    if pd.api.types.is_float_dtype(values):
        finite = values.dropna()
        if ((finite == np.floor(finite)) & (finite.abs() < 2**53)).all():
            values = values.astype("Int64")
    text = values.astype("string").str.strip()
    return text.replace({"": pd.NA})


def _area(values: pd.Series, *, column: str, path: Path, layer: str | None) -> pd.Series:
    numbers = to_number(values, column=column, path=path, layer=layer)
    negative = numbers < 0
    if negative.any():
        pos = int(np.flatnonzero(negative.to_numpy())[0])
        raise InputError(
            f"negatieve oppervlakte {numbers.iloc[pos]} ha.",
            path=path,
            layer=layer,
            column=column,
            row=pos,
            hint="oppervlakten in hectare zijn 0 of groter; laat de cel leeg als ze onbekend zijn.",
        )
    return numbers
