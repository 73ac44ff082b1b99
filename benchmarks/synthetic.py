"""Synthetic BRK-style parcels for the benchmarks: :func:`synthetic_percelen`.

Any number of parcels, fast and deterministic, with the columns of the demo region's
``percelen.gpkg``. Used by ``bench_laden.py`` and ``bench_scoring.py`` (run as scripts,
so this module is imported as ``synthetic``) and tested in ``tests/test_demodata.py``.
The demo region itself is made by ``tools/demodata``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

__all__ = ["synthetic_percelen"]

_RD = "EPSG:28992"

#: Fictitious kadastrale gemeente codes (3 digits).
_KG_CODES: dict[str, str] = {
    "Hilversum": "352",
    "Bussum": "107",
    "Naarden": "491",
    "Muiden": "478",
    "Huizen": "318",
    "Laren": "402",
    "Blaricum": "194",
    "Eemnes": "171",
    "Loosdrecht": "424",
    "'s-Graveland": "603",
    "Kortenhoef": "381",
    "Ankeveen": "128",
    "Nederhorst den Berg": "497",
}


def _categorical(codes: np.ndarray, categories: Sequence[str] | np.ndarray) -> pd.Categorical[str]:
    """A categorical from integer codes (low-memory text column)."""
    return pd.Categorical.from_codes(codes, categories=pd.Index([str(c) for c in categories]))


def synthetic_percelen(
    n: int,
    *,
    seed: int = 0,
    origin: tuple[float, float] = (120000.0, 440000.0),
) -> gpd.GeoDataFrame:
    """Make ``n`` BRK-style parcels fast: a jittered grid of quadrilaterals.

    Columns and rows vary in width (lognormal, and per district of 40 rows/columns),
    so parcel areas spread like a mixed town: about a fifth under 400 m², most of the
    rest 400-1500 m², some 1500-2500 m² and a few larger. Corners are shared between
    neighbours, so the parcels tile the grid without gaps or overlaps. Everything is
    vectorised (1M parcels take a few seconds).

    Parameters
    ----------
    n
        Number of parcels (>= 0).
    seed
        Seed of the random generator.
    origin
        RD New coordinates (x, y) of the grid's lower-left corner.

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of the demo ``percelen.gpkg`` (``identificatieNamespace``,
        ``identificatieLokaalID`` (unique 14 digits), ``beginGeldigheid``,
        ``kadastraleGemeenteCode``, ``kadastraleGemeenteWaarde``, ``sectie``,
        ``perceelnummer``, ``kadastraleGrootteWaarde``, ``soortGrootteWaarde``,
        ``bron``) and polygon geometry in EPSG:28992, index 0..n-1. Low-cardinality
        text columns are categoricals to keep memory low.
    """
    if n < 0:
        raise ValueError(f"n moet 0 of groter zijn, gevonden: {n}")
    rng = np.random.default_rng([seed, 28992])
    cols = max(1, math.ceil(math.sqrt(n * 0.75)))
    rows = max(1, math.ceil(n / cols))
    w = 22.0 * np.exp(0.4 * rng.standard_normal(cols))
    w *= np.repeat(np.exp(0.35 * rng.standard_normal(cols // 40 + 1)), 40)[:cols]
    h = 30.0 * np.exp(0.4 * rng.standard_normal(rows))
    h *= np.repeat(np.exp(0.35 * rng.standard_normal(rows // 40 + 1)), 40)[:rows]
    xs = origin[0] + np.r_[0.0, np.cumsum(w)]
    ys = origin[1] + np.r_[0.0, np.cumsum(h)]
    # Shared corner jitter, at most 20 % of the smaller neighbouring cell.
    wmin = np.minimum(np.r_[w[0], w], np.r_[w, w[-1]])
    hmin = np.minimum(np.r_[h[0], h], np.r_[h, h[-1]])
    polys = np.empty(n, dtype=object)
    chunk_rows = max(1, 1_000_000 // cols)
    done = 0
    for r0 in range(0, rows, chunk_rows):
        r1 = min(rows, r0 + chunk_rows)
        jx = rng.uniform(-0.2, 0.2, (r1 - r0 + 1, cols + 1)) * wmin
        jy = rng.uniform(-0.2, 0.2, (r1 - r0 + 1, cols + 1)) * hmin[r0 : r1 + 1, None]
        # The outline stays a clean rectangle starting at the origin.
        jx[:, [0, -1]] = 0.0
        jy[:, [0, -1]] = 0.0
        if r0 == 0:
            jx[0], jy[0] = 0.0, 0.0
        if r1 == rows:
            jx[-1], jy[-1] = 0.0, 0.0
        nx = xs[None, :] + jx
        ny = ys[r0 : r1 + 1, None] + jy
        nx = np.round(nx, 2)
        ny = np.round(ny, 2)
        corners = [(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]
        cx = np.stack([nx[dr : dr + r1 - r0, dc : dc + cols] for dr, dc in corners], axis=-1)
        cy = np.stack([ny[dr : dr + r1 - r0, dc : dc + cols] for dr, dc in corners], axis=-1)
        coords = np.stack([cx, cy], axis=-1).reshape(-1, 5, 2)
        take = min(len(coords), n - done)
        polys[done : done + take] = shapely.polygons(coords[:take])
        done += take
        if done >= n:
            break
    geom = gpd.GeoSeries(polys, crs=_RD)
    area = shapely.area(polys) if n else np.empty(0)
    afwijking = np.where(rng.random(n) < 0.2, rng.uniform(-0.015, 0.015, n), 0.0)
    grootte = np.maximum(1, np.round(area * (1 + afwijking))).astype(np.int64)
    kg_names = np.array(sorted(_KG_CODES))
    district = (np.arange(n) // cols // 40) * 1000 + (np.arange(n) % cols) // 40
    kg_idx = (district * 7 + 3) % len(kg_names)
    sect_idx = (district // 13) % 26
    nummer = (np.arange(n) % 99_999) + 1
    ids = 10_000_000_000_000 + seed % 1000 * 10_000_000_000 + np.arange(n, dtype=np.int64)
    begin = np.datetime_as_string(
        np.datetime64("1995-01-01T00:00:00")
        + rng.integers(0, 31 * 365 * 86400, n).astype("timedelta64[s]"),
        unit="s",
    )
    alphabet = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    frame = gpd.GeoDataFrame(
        {
            "identificatieNamespace": _categorical(
                np.zeros(n, dtype=np.int8), ["NL.IMKAD.KadastraalObject"]
            ),
            "identificatieLokaalID": pd.array(ids.astype(str), dtype="str"),
            "beginGeldigheid": pd.array(begin, dtype="str"),
            "kadastraleGemeenteCode": _categorical(kg_idx, [_KG_CODES[k] for k in kg_names]),
            "kadastraleGemeenteWaarde": _categorical(kg_idx, kg_names),
            "sectie": _categorical(sect_idx, alphabet),
            "perceelnummer": nummer,
            "kadastraleGrootteWaarde": grootte,
            "soortGrootteWaarde": _categorical(np.zeros(n, dtype=np.int8), ["Vastgesteld"]),
            "bron": _categorical(np.zeros(n, dtype=np.int8), ["fictief - werkruimte synthetisch"]),
        },
        geometry=geom,
        crs=_RD,
    )
    return frame
