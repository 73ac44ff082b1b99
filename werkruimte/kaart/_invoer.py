"""What the map and the PNG maps take from their inputs (no folium, no matplotlib)."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd
import shapely

from werkruimte._gescoord import check_gescoord
from werkruimte._nl import getal
from werkruimte.sources._common import ensure_rd

if TYPE_CHECKING:
    from werkruimte.regio import Regio

__all__ = [
    "gebied",
    "gescoorde_percelen",
    "ha_kort",
    "kandidaten",
    "klassen_van",
    "profielnaam",
    "slug",
]


def gescoorde_percelen(percelen: object) -> gpd.GeoDataFrame:
    """The scored parcels in RD New; an InputError when they are not scored."""
    check_gescoord(percelen, ("perceel_id", "kandidaat", "score"), doel="de kansenkaart te tekenen")
    assert isinstance(percelen, gpd.GeoDataFrame)
    return ensure_rd(percelen, what="percelen")


def kandidaten(percelen: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The candidate parcels that have a geometry."""
    kand = percelen["kandidaat"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    geoms = percelen.geometry.to_numpy()
    ok = kand & ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    return percelen.loc[ok]


def profielnaam(kand: gpd.GeoDataFrame) -> pd.Series:
    """The profile that made each candidate (``kandidaat`` without a profile column)."""
    if "profiel" not in kand.columns:
        return pd.Series("kandidaat", index=kand.index, dtype="string")
    return kand["profiel"].astype("string").fillna("onbekend")


def klassen_van(regio: Regio, tabel: pd.DataFrame | None) -> list[str]:
    """The driedeling classes in order: the table's, else the config's, then any found."""
    klassen: list[str] = []
    if tabel is not None:
        klassen = [str(k) for k in tabel.attrs.get("klassen", [])]
    if not klassen:
        cfg = regio.config.criteria.get("driedeling", {})
        klassen = [str(k) for k in cfg.get("klassen", [])]
    if tabel is not None and "klasse" in tabel.columns:
        for k in tabel["klasse"].dropna().astype(str).unique():
            if k not in klassen:
                klassen.append(k)
    return klassen


def gebied(regio: Regio, percelen: gpd.GeoDataFrame) -> tuple[Any, tuple[float, ...]]:
    """The region's area (union of the gemeenten, else the parcels' extent) and bounds."""
    gem = regio.gemeenten
    if gem is not None and len(gem):
        geoms = gem.geometry.to_numpy()
        geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
        if len(geoms):
            area = shapely.union_all(geoms)
            return area, tuple(shapely.bounds(area).tolist())
    x0, y0, x1, y1 = (float(v) for v in percelen.total_bounds)
    return shapely.box(x0, y0, x1, y1), (x0, y0, x1, y1)


def ha_kort(value: float) -> str:
    """Hectares as the map labels them: one decimal, without ',0' (14.0 -> '14')."""
    if not math.isfinite(float(value)):
        return "–"
    return getal(value, 1).removesuffix(",0")


def slug(name: str) -> str:
    """A file-name-safe form of a gemeente's name (``Gooise Meren`` -> ``gooise-meren``)."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "gemeente"


def kort_lijst(values: pd.Series, *, max_n: int = 10) -> pd.Series:
    """A comma-separated list shortened for a popup: the first ``max_n``, then "(+N)".

    The data keeps every item (e.g. ``clusters.percelen``); only the map shortens.
    """
    parts = values.astype("string").fillna("").str.split(", ")
    n = parts.map(len).astype(int)
    head = parts.map(lambda items: ", ".join(items[:max_n]))
    more = n - max_n
    text = head.where(more <= 0, head + " (+" + more.astype(str) + ")")
    return text.astype("string").mask(values.isna(), "–")
