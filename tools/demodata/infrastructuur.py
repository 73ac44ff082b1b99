"""The glasvezel coverage raster and the motorway junctions."""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from tools.demodata.regio import _A1, _A27, _RD, _TERREINEN, BRON, _rng

# Glasvezel coverage raster
# --------------------------------------------------------------------------------------

_DEKKING = {
    "centrum": 98,
    "station": 97,
    "wonen": 95,
    "villa": 88,
    "maatschappelijk": 93,
    "sport": 75,
    "lint": 55,
    "agrarisch": 30,
    "agrarisch met waarden": 22,
    "natuur": 5,
    "bos": 5,
    "recreatie": 40,
    "water": 0,
}
_CEL = 50.0


def _glasvezel(zones: gpd.GeoDataFrame, gem: gpd.GeoDataFrame, seed: int) -> tuple[np.ndarray, Any]:
    """Coverage in percent (uint8, 255 = nodata) on a 50 m grid, and its transform."""
    from affine import Affine
    from rasterio import features

    rng = _rng(seed, "glasvezel")
    x0, y0, x1, y1 = gem.total_bounds
    x0, y0 = math.floor(x0 / _CEL) * _CEL, math.floor(y0 / _CEL) * _CEL
    x1, y1 = math.ceil(x1 / _CEL) * _CEL, math.ceil(y1 / _CEL) * _CEL
    width, height = int((x1 - x0) / _CEL), int((y1 - y0) / _CEL)
    tf = Affine(_CEL, 0.0, x0, 0.0, -_CEL, y1)
    terrein = {t.rin: t.glasvezel for t in _TERREINEN}
    base = np.array(
        [
            terrein[r]
            if z == "terrein"
            else _DEKKING[z] - (10 if g == "GM1696" and z in ("villa", "lint") else 0)
            for z, g, r in zip(zones["zone"], zones["gm"], zones["rin"], strict=True)
        ],
        dtype=np.float64,
    )
    shapes = list(zip(zones.geometry, np.arange(len(zones)), strict=True))
    idx = features.rasterize(
        shapes, out_shape=(height, width), transform=tf, fill=-1, dtype="int32"
    )
    inside = idx >= 0
    value = np.where(inside, base[np.clip(idx, 0, None)], 0.0)
    # Smooth noise (bilinear from a 1 km grid) plus a little per-cell noise.
    step = 20
    coarse = rng.normal(0.0, 7.0, (height // step + 2, width // step + 2))
    fy = np.arange(height) / step
    fx = np.arange(width) / step
    iy, ix = np.floor(fy).astype(int), np.floor(fx).astype(int)
    wy, wx = (fy - iy)[:, None], (fx - ix)[None, :]
    smooth = (
        coarse[iy][:, ix] * (1 - wy) * (1 - wx)
        + coarse[iy + 1][:, ix] * wy * (1 - wx)
        + coarse[iy][:, ix + 1] * (1 - wy) * wx
        + coarse[iy + 1][:, ix + 1] * wy * wx
    )
    value = value + smooth * np.where(value > 90, 0.3, 1.0) + rng.normal(0.0, 2.0, value.shape)
    out = np.clip(np.round(value), 0, 100).astype(np.uint8)
    out[~inside] = 255
    return out, tf


# --------------------------------------------------------------------------------------
# Motorway junctions
# --------------------------------------------------------------------------------------

_AFRITTEN = (
    ("Muiden", "A1", "4", "afrit", 136000, 480300),
    ("Knooppunt Muiderberg", "A1", None, "knooppunt", 137800, 479700),
    ("Muiderberg", "A1", "5", "afrit", 139300, 478850),
    ("Naarden", "A1", "6", "afrit", 140400, 478200),
    ("Bussum", "A1", "7", "afrit", 142300, 476600),
    ("Laren", "A1", "8", "afrit", 144000, 475500),
    ("Blaricum", "A1", "9", "afrit", 146000, 475650),
    ("Knooppunt Eemnes", "A1", None, "knooppunt", 148050, 475450),
    ("Eemnes/Baarn", "A1", "10", "afrit", 150500, 475550),
    ("Eemnes", "A27", "34", "afrit", 146900, 473700),
    ("Hilversum", "A27", "33", "afrit", 145150, 470450),
    ("Hilversum-Zuid", "A27", "32", "afrit", 144200, 467400),
    ("Utrecht-Noord", "A27", "30", "afrit", 142900, 462500),
)


def _afritten() -> gpd.GeoDataFrame:
    lines = {"A1": shapely.LineString(_A1), "A27": shapely.LineString(_A27)}
    rows = []
    for naam, weg, nummer, soort, x, y in _AFRITTEN:
        line = lines[weg]
        p = line.interpolate(line.project(shapely.Point(x, y)))
        rows.append(
            {
                "naam": naam,
                "weg": weg,
                "nummer": nummer,
                "soort": soort,
                "bron": BRON,
                "geometry": shapely.Point(round(p.x, 2), round(p.y, 2)),
            }
        )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=_RD)
    gdf["nummer"] = gdf["nummer"].astype("str")
    return gdf
