"""The bereikbaarheid layers of the kansenkaart: OV (stops and PTAL) and glasvezel.

OV-bereikbaarheid and glasvezel are the two weak spots the Werkplan names for several
werklocaties; both are context layers, hidden until switched on. The PTAL grid is
computed by :func:`werkruimte.indicators.ov.ptal_raster`; the glasvezel raster is
reprojected to Web Mercator and embedded as a PNG image (encoded here, without an
imaging library).
"""

from __future__ import annotations

import base64
import math
import struct
import warnings
import zlib
from typing import TYPE_CHECKING, Any

import folium
import numpy as np
import pandas as pd
from affine import Affine
from pyproj import Transformer

from werkruimte.kaart import _html
from werkruimte.kaart._invoer import gebied
from werkruimte.kaart.lagen import DEC_VLAK, WGS84, geojson, kolom_tekst, tooltip
from werkruimte.kaart.stijl import PTAL_KLEUREN, PTAL_LABELS, dekking_rgba
from werkruimte.sources._common import RD_NEW

if TYPE_CHECKING:
    import geopandas as gpd

    from werkruimte.regio import Regio

__all__ = ["glasvezel_laag", "ov_lagen"]

#: Longest side (pixels) of the glasvezel image overlay.
_GLASVEZEL_MAX_PX = 2000


def ov_lagen(m: Any, regio: Regio) -> tuple[Any | None, Any | None]:
    """OV stops sized by departures, and the PTAL grid; (None, None) without GTFS.

    Parameters
    ----------
    m
        The map; the PTAL grid is added below the stops.
    regio
        The region: ``ov`` (GTFS), ``loopnetwerk``, the gemeenten (the grid's area)
        and ``criteria.ov`` (time window and PTAL settings).

    Returns
    -------
    tuple
        The stop layer and the PTAL layer, each None when there is nothing to draw.
    """
    if regio.ov is None:
        return None, None
    from werkruimte.indicators import ov

    o = regio.config.criteria["ov"]
    stops = ov.ov_vertrekken(regio.ov, datum=o["datum"] or None, begin=o["begin"], eind=o["eind"])
    halte_layer = _halte_laag(stops.loc[stops["vertrekken"].to_numpy() > 0], o)
    area, _ = gebied(regio, regio.percelen)
    raster = ov.ptal_raster(area, regio.ov, loopnetwerk=regio.loopnetwerk, **o)
    ptal_layer = _ptal_laag(raster) if len(raster) else None
    if ptal_layer is not None:
        ptal_layer.add_to(m)
    if halte_layer is not None:
        halte_layer.add_to(m)
    return halte_layer, ptal_layer


def _halte_laag(stops: gpd.GeoDataFrame, o: dict[str, Any]) -> Any | None:
    if not len(stops):
        return None
    n = stops["vertrekken"].to_numpy(dtype="float64")
    props = pd.DataFrame(
        {
            "halte": kolom_tekst(stops, "stop_name"),
            "vertrekken": stops["vertrekken"].astype("int64").astype(str),
            "lijnen": kolom_tekst(stops, "lijnen"),
            "modi": kolom_tekst(stops, "modi"),
            "straal": np.round(np.minimum(2.0 + np.sqrt(n), 14.0), 1),
        },
        index=stops.index,
    )
    data = geojson(stops.geometry.to_numpy(), props, tolerance=0.0, decimals=DEC_VLAK)
    venster = f"{o['begin'][:5]}–{o['eind'][:5]}"
    return folium.GeoJson(
        data,
        name=_html.tekst(f"OV-haltes (vertrekken {venster})"),
        show=False,
        marker=folium.CircleMarker(radius=4, fill=True),
        style_function=_halte_stijl,
        tooltip=tooltip(
            ["halte", "vertrekken", "lijnen", "modi"],
            ["Halte", f"Vertrekken {venster}", "Lijnen", "Modi"],
        ),
    )


def _ptal_laag(raster: gpd.GeoDataFrame) -> Any:
    props = pd.DataFrame(
        {
            "klasse": raster["ov_klasse"].astype("string"),
            "ptal": raster["ov_klasse"].map(lambda k: PTAL_LABELS.get(k, k)).astype("string"),
            "kleur": raster["ov_klasse"].map(PTAL_KLEUREN).astype("string"),
        },
        index=raster.index,
    )
    data = geojson(raster.geometry.to_numpy(), props, tolerance=0.0, decimals=DEC_VLAK)
    return folium.GeoJson(
        data,
        name="OV-bereikbaarheid (PTAL)",
        show=False,
        style_function=_ptal_stijl,
        tooltip=tooltip(["ptal"], ["PTAL"]),
    )


def _halte_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "radius": feature["properties"]["straal"],
        "color": "#08306b",
        "weight": 1,
        "fillColor": "#4292c6",
        "fillOpacity": 0.8,
    }


def _ptal_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature["properties"]
    # Band 0 (no access) covers most of the countryside: keep it light.
    opacity = 0.15 if props["klasse"] == "0" else 0.45
    return {"stroke": False, "fillColor": props["kleur"], "fillOpacity": opacity}


def _png_bytes(rgba: np.ndarray) -> bytes:
    """Encode an (h, w, 4) uint8 array as PNG (no filter, zlib), without dependencies."""
    h, w = rgba.shape[:2]
    raw = np.concatenate([np.zeros((h, 1), "uint8"), rgba.reshape(h, w * 4)], axis=1)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)  # 8 bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw.tobytes(), 6))
        + chunk(b"IEND", b"")
    )


def glasvezel_laag(m: Any, regio: Regio) -> Any | None:
    """Glasvezel coverage as an image overlay on the YlGnBu ramp (hidden at first)."""
    raster = regio.glasvezel
    if raster is None:
        return None
    from rasterio.warp import Resampling, calculate_default_transform, reproject

    values = np.asarray(raster.dekking(), dtype="float32")
    if values.ndim != 2 or not np.isfinite(values).any():
        return None
    rows, cols = values.shape
    left, bottom, right, top = raster.bounds
    with warnings.catch_warnings():  # rasterio's own use of Affine '*'
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        dst_transform, width, height = calculate_default_transform(
            RD_NEW, "EPSG:3857", cols, rows, left=left, bottom=bottom, right=right, top=top
        )
    factor = max(width, height) / _GLASVEZEL_MAX_PX
    if factor > 1:
        width, height = math.ceil(width / factor), math.ceil(height / factor)
        dst_transform = dst_transform @ Affine.scale(factor)
    out = np.full((height, width), np.nan, dtype="float32")
    reproject(
        source=values,
        destination=out,
        src_transform=raster.transform,
        src_crs=RD_NEW,
        dst_transform=dst_transform,
        dst_crs="EPSG:3857",
        resampling=Resampling.nearest,
        src_nodata=np.nan,
        dst_nodata=np.nan,
    )
    rgba = dekking_rgba(out)
    url = "data:image/png;base64," + base64.b64encode(_png_bytes(rgba)).decode("ascii")
    merc = Transformer.from_crs("EPSG:3857", WGS84, always_xy=True)
    x_min, y_max = dst_transform.c, dst_transform.f
    x_max = x_min + dst_transform.a * width
    y_min = y_max + dst_transform.e * height
    lon0, lat0 = merc.transform(x_min, y_min)
    lon1, lat1 = merc.transform(x_max, y_max)
    folium.map.CustomPane("wr-raster", z_index=350).add_to(m)
    layer = folium.raster_layers.ImageOverlay(
        image=url,
        bounds=[[lat0, lon0], [lat1, lon1]],
        name="Glasvezeldekking",
        opacity=0.65,
        show=False,
        interactive=False,
        pane="wr-raster",
        pixelated=True,
    )
    layer.add_to(m)
    return layer
