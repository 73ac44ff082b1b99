"""Municipal boundaries (CBS gebiedsindelingen) and looking a gemeente up by name or code.

Without a file the packaged CBS 2025 boundaries of the seven Gooi en Vechtstreek
gemeenten are used (``werkruimte/data/gemeenten_gooi_vechtstreek_2025.geojson``,
generalised, see ``tests/data/HERKOMST.md``). Names are kept exactly as CBS writes
them, e.g. ``"Laren (NH.)"``; :func:`find_gemeente` also accepts ``"Laren"``.
"""

from __future__ import annotations

import difflib
import logging
import re
from importlib import resources
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte.errors import InputError
from werkruimte.sources._common import (
    clean_polygons,
    ensure_rd,
    mend,
    read_vector,
    require_rows,
    resolve_columns,
)

__all__ = ["PACKAGED_FILE", "find_gemeente", "load_gemeenten"]

log = logging.getLogger(__name__)

WHAT = "gemeenten"

#: File name of the packaged CBS boundaries inside ``werkruimte/data``.
PACKAGED_FILE = "gemeenten_gooi_vechtstreek_2025.geojson"

_ALIASES: dict[str, list[str]] = {
    "gemeente": ["statnaam", "gemeentenaam", "naam", "name"],
    "gemeentecode": ["statcode", "code", "gm_code", "cbs_code"],
}


def load_gemeenten(
    path: str | Path | None = None,
    *,
    assume_crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Read municipal boundaries.

    Parameters
    ----------
    path
        A vector file (GeoJSON, GeoPackage, shapefile) with one polygon per gemeente,
        a name column (``statnaam``, ``gemeentenaam``, ``naam`` or ``gemeente``) and
        optionally a code column (``statcode``, ``gemeentecode`` or ``code``). None
        reads the packaged CBS 2025 boundaries of Gooi en Vechtstreek.
    assume_crs
        CRS to assume when the file has none.

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:28992, one row per gemeente in file order, columns ``gemeente``
        (string, as given, e.g. CBS ``"Laren (NH.)"``), ``gemeentecode`` (string,
        ``"GM0402"``; bare numbers such as ``402`` become ``"GM0402"``; NA without a
        code column) and geometry. Several features of the same gemeente are merged
        into one (with a warning).

    Raises
    ------
    InputError
        Missing file, no name column, a missing name, no CRS or no usable polygons.
    """
    if path is None:
        try:
            ref = resources.files("werkruimte").joinpath("data", PACKAGED_FILE)
        except NotADirectoryError:
            # Python 3.11 cannot read resources of a package that an outdated editable
            # install registered as a namespace package; the file sits next to us.
            return _load(
                Path(__file__).resolve().parent.parent / "data" / PACKAGED_FILE,
                assume_crs=assume_crs,
            )
        with resources.as_file(ref) as packaged:
            return _load(Path(packaged), assume_crs=assume_crs)
    return _load(Path(path), assume_crs=assume_crs)


def _load(p: Path, *, assume_crs: str | None) -> gpd.GeoDataFrame:
    raw = read_vector(p, what=WHAT)
    df = resolve_columns(raw, _ALIASES, required=("gemeente",), path=p, what=WHAT)
    names = df["gemeente"].astype("string").str.strip().replace({"": pd.NA})
    missing = names.isna().to_numpy()
    if missing.any():
        pos = int(np.flatnonzero(missing)[0])
        raise InputError(
            f"gemeente zonder naam ({int(missing.sum())} objecten).",
            path=p,
            column="gemeente",
            row=pos,
            hint="vul de naam van elke gemeente in (CBS statnaam).",
        )
    if "gemeentecode" in df:
        codes = normalise_code(df["gemeentecode"])
    else:
        codes = pd.Series(pd.NA, index=df.index, dtype="string")
    gdf = gpd.GeoDataFrame(
        {"gemeente": names.to_numpy(), "gemeentecode": codes.to_numpy()},
        geometry=df.geometry.to_numpy(),
        crs=df.crs,
    )
    gdf = clean_polygons(gdf, what=WHAT, path=p)
    require_rows(gdf, what=WHAT, path=p)
    gdf = ensure_rd(gdf, what=WHAT, path=p, assume_crs=assume_crs)
    if gdf["gemeente"].duplicated().any():
        n_before = len(gdf)
        gdf = gdf.dissolve(by="gemeente", sort=False, aggfunc="first", as_index=False)
        mend(f"{WHAT}: {n_before} objecten samengevoegd tot {len(gdf)} gemeenten.")
        gdf = gdf[["gemeente", "gemeentecode", "geometry"]]
    gdf = gdf.astype({"gemeente": "string", "gemeentecode": "string"})
    return gdf.reset_index(drop=True)


def normalise_code(values: pd.Series) -> pd.Series:
    """Gemeente codes as CBS writes them: ``"GM"`` and four digits.

    ``402``, ``"402"``, ``"0402"`` and ``"gm0402"`` all become ``"GM0402"``; other text
    is kept (stripped, upper-case), empty becomes NA.
    """
    if pd.api.types.is_float_dtype(values):
        values = values.astype("Int64")
    text = values.astype("string").str.strip().str.upper().replace({"": pd.NA})
    digits = text.str.fullmatch(r"(GM)?\d{1,4}", na=False)
    padded = "GM" + text.str.replace("GM", "", regex=False).str.zfill(4)
    return text.where(~digits, padded)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def find_gemeente(
    name_or_code: str,
    gemeenten: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Look one gemeente up by name or CBS code, case-insensitively.

    Parameters
    ----------
    name_or_code
        ``"Hilversum"``, ``"hilversum"``, ``"GM0402"``, ``"0402"``, ``"402"``, or a
        CBS name without its province suffix (``"Laren"`` for ``"Laren (NH.)"``).
    gemeenten
        Boundaries as :func:`load_gemeenten` returns them; default the packaged CBS
        boundaries of Gooi en Vechtstreek.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame with exactly one row (``gemeente``, ``gemeentecode``, geometry).

    Raises
    ------
    InputError
        When nothing matches (the message lists the valid names) or a name without
        suffix matches several gemeenten.
    """
    gem = load_gemeenten() if gemeenten is None else gemeenten
    query = str(name_or_code).strip()
    names = gem["gemeente"].astype("string").fillna("")
    if "gemeentecode" in gem:
        codes = normalise_code(gem["gemeentecode"]).fillna("")
    else:
        codes = pd.Series("", index=gem.index, dtype="string")

    hits = np.zeros(len(gem), dtype=bool)
    if re.fullmatch(r"(?i)(gm)?\d{1,4}", query):
        wanted = normalise_code(pd.Series([query], dtype="string")).iloc[0]
        hits = (codes == wanted).to_numpy()
    if not hits.any():
        key = _key(query)
        hits = (names.map(_key) == key).to_numpy()
        if not hits.any() and key:
            # "Laren" for the CBS name "Laren (NH.)".
            base = names.str.replace(r"\s*\(.*\)\s*$", "", regex=True).map(_key)
            hits = (base == key).to_numpy()
    if hits.sum() == 1:
        return gem.iloc[np.flatnonzero(hits)].copy()
    if hits.sum() > 1:
        options = ", ".join(names[hits].tolist())
        raise InputError(
            f"'{query}' past bij meer dan één gemeente: {options}.",
            column="gemeente",
            hint="geef de volledige naam of de CBS-code (bijvoorbeeld GM0402).",
        )
    valid = sorted(names[names != ""].tolist())
    if len(valid) <= 40:
        listed = f"geldige namen: {', '.join(valid)}"
    else:
        close = difflib.get_close_matches(query, valid, n=5, cutoff=0.5)
        listed = f"{len(valid)} gemeenten bekend" + (
            f"; bedoelde u {', '.join(close)}?" if close else ""
        )
    raise InputError(
        f"gemeente '{query}' niet gevonden; {listed}.",
        column="gemeente",
        hint="geef een gemeentenaam of CBS-code (GM + vier cijfers) uit deze lijst.",
    )
