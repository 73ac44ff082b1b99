"""Which raster cells a parcel's bounding box spans: shortcuts around the exact overlay.

Most parcels are small next to a raster cell of a coverage raster (50 m) and lie wholly
in cells that all hold data, or in one single cell. For those the exact overlay (cell
fractions, an overlay with the cells that hold data) has a known answer; only the
others need it. The cell ranges are widened by a hair (:data:`_MARGE` cells) so that
rounding never leaves out a cell the parcel touches.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

__all__ = ["CelBereik", "cel_bereik"]

#: Widening (in cells) of each bounding box, against rounding at cell borders.
_MARGE = 1e-9


class CelBereik:
    """Per parcel the rows and columns of the cells its bounding box spans.

    Attributes
    ----------
    r0, r1, c0, c1
        First and last row and column (inclusive), clipped to the raster.
    binnen
        The whole bounding box lies on the raster.
    buiten
        The bounding box lies wholly off the raster (or the geometry is empty).
    """

    def __init__(self, raster: Any, geoms: np.ndarray) -> None:
        waarden = np.asarray(raster.waarden)
        self.hoogte, self.breedte = waarden.shape
        t = raster.transform
        b = np.asarray(shapely.bounds(geoms), dtype="float64")
        leeg = np.isnan(b).any(axis=1)
        b = np.nan_to_num(b)
        x0, cw, y1, ch = t.c, t.a, t.f, -t.e
        c0 = np.floor((b[:, 0] - x0) / cw - _MARGE)
        c1 = np.floor((b[:, 2] - x0) / cw + _MARGE)
        r0 = np.floor((y1 - b[:, 3]) / ch - _MARGE)
        r1 = np.floor((y1 - b[:, 1]) / ch + _MARGE)
        h, w = self.hoogte, self.breedte
        self.binnen = ~leeg & (c0 >= 0) & (r0 >= 0) & (c1 < w) & (r1 < h)
        self.buiten = leeg | (c1 < 0) | (r1 < 0) | (c0 >= w) | (r0 >= h)
        self.c0 = np.clip(c0, 0, w - 1).astype(np.intp)
        self.c1 = np.clip(c1, 0, w - 1).astype(np.intp)
        self.r0 = np.clip(r0, 0, h - 1).astype(np.intp)
        self.r1 = np.clip(r1, 0, h - 1).astype(np.intp)

    def aantal(self, masker: np.ndarray) -> np.ndarray:
        """Per parcel how many cells of its (clipped) box are True in ``masker``."""
        som = np.zeros((self.hoogte + 1, self.breedte + 1), dtype=np.int64)
        som[1:, 1:] = np.cumsum(np.cumsum(masker, axis=0, dtype=np.int64), axis=1)
        r0, r1, c0, c1 = self.r0, self.r1 + 1, self.c0, self.c1 + 1
        return som[r1, c1] - som[r0, c1] - som[r1, c0] + som[r0, c0]

    def cellen(self) -> np.ndarray:
        """Per parcel the number of cells of its (clipped) box."""
        return (self.r1 - self.r0 + 1) * (self.c1 - self.c0 + 1)


def cel_bereik(raster: Any, geoms: np.ndarray) -> CelBereik:
    """The cell ranges of ``geoms`` on a north-up ``raster`` (``waarden``, ``transform``).

    Parameters
    ----------
    raster
        A :class:`werkruimte.sources.glasvezel.Dekkingsraster` (or anything with a 2-D
        ``waarden`` and a north-up affine ``transform``).
    geoms
        Shapely geometries in the raster's CRS.

    Returns
    -------
    CelBereik
        The ranges and whether each box lies on or off the raster.
    """
    return CelBereik(raster, np.asarray(geoms, dtype=object))
