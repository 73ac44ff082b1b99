"""Exact area of each parcel in each raster cell, vectorised with NumPy (Green's theorem).

For a polygon P whose exterior runs counter-clockwise (holes clockwise), the area of P
in the quadrant ``{x <= a, y <= b}`` is::

    F(a, b) = sum over the edges of P of  integral of min(x - a, 0) * [y <= b] dy

On the boundary of P ∩ quadrant, the parts along the line x = a add (x - a) dy = 0
and the parts along y = b have dy = 0, so only P's own edges count, each clipped to
the quadrant. The area of P in the cell [a0, a1] × [b0, b1] is then
``F(a1, b1) - F(a0, b1) - F(a1, b0) + F(a0, b0)``. Along one edge the integrand is
linear in the edge's parameter on either side of x = a, so the midpoint rule
integrates each side exactly.

This gives the same exact cell fractions as exactextract, up to floating-point
rounding, for parcels that span a few cells: the work is a handful of NumPy
operations over all (edge, grid node) pairs at once, which release the GIL, where
exactextract handles one parcel at a time while holding it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

__all__ = ["MAX_CELLEN", "cel_oppervlakken", "gewogen_gemiddelde"]

#: Parcels whose bounding box spans at most this many cells take this route (the work
#: grows with edges × cells); larger parcels are left to exactextract.
MAX_CELLEN = 16
#: Parcels per block: bounds the memory of the (edge, node) pairs.
_BLOK = 20_000


def cel_oppervlakken(
    geoms: np.ndarray, bereik: Any, transform: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Area (m²) of every polygon in every cell of its bounding box.

    Parameters
    ----------
    geoms
        Valid polygons or multipolygons, in the raster's CRS, each with its bounding
        box wholly on the raster.
    bereik
        Their :class:`werkruimte.indicators._raster.CelBereik` (rows ``r0..r1`` and
        columns ``c0..c1`` of the cells their bounding boxes span).
    transform
        The raster's north-up affine transform.

    Returns
    -------
    pos, row, col, area : numpy.ndarray
        One entry per (polygon, cell of its box): position into ``geoms``, the cell's
        row and column, and the area of the polygon in that cell (0 where the box
        spans a cell the polygon misses).
    """
    parts = [
        _block(geoms[s : s + _BLOK], _slice(bereik, s), transform, s)
        for s in range(0, len(geoms), _BLOK)
    ]
    if not parts:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty, empty, np.empty(0)
    return tuple(np.concatenate(x) for x in zip(*parts, strict=True))  # type: ignore[return-value]


def gewogen_gemiddelde(pos: np.ndarray, area: np.ndarray, waarde: np.ndarray, n: int) -> np.ndarray:
    """Area-weighted mean of ``waarde`` per polygon, NaN values left out of both sums.

    Parameters
    ----------
    pos, area, waarde
        Per (polygon, cell): the polygon's position, its area in the cell and the
        cell's value (NaN for nodata).
    n
        Number of polygons.

    Returns
    -------
    numpy.ndarray
        Per polygon ``sum(area * waarde) / sum(area)`` over its cells with a value;
        NaN when it covers no such cell.
    """
    known = np.isfinite(waarde) & (area > 0)
    num = np.bincount(pos[known], weights=area[known] * waarde[known], minlength=n)
    den = np.bincount(pos[known], weights=area[known], minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def _slice(bereik: Any, s: int) -> tuple[np.ndarray, ...]:
    e = s + _BLOK
    return bereik.r0[s:e], bereik.r1[s:e], bereik.c0[s:e], bereik.c1[s:e]


def _edges(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edges (x1, y1, x2, y2, sign) of all rings, sorted by polygon.

    The coordinates come as one ragged array (no Python object per ring). The sign
    (+1 or -1) turns every exterior counter-clockwise and every hole clockwise: an
    edge's integral changes sign with its direction, so the edges need not be turned.
    Also returns the first edge per polygon (length ``len(geoms) + 1``).
    """
    kind, xy, offsets = shapely.to_ragged_array(geoms, include_z=False)
    ring_start = offsets[0]
    part_start = offsets[1]
    if kind == shapely.GeometryType.MULTIPOLYGON:
        geom_of_part = np.repeat(np.arange(len(geoms)), np.diff(offsets[2]))
    else:
        geom_of_part = np.arange(len(geoms))
    n_rings = len(ring_start) - 1
    ring_of_part = np.repeat(np.arange(len(part_start) - 1), np.diff(part_start))
    exterior = np.zeros(n_rings, dtype=bool)
    exterior[part_start[:-1][np.diff(part_start) > 0]] = True
    # Every coordinate but the last of its ring starts an edge.
    ring_of_coord = np.repeat(np.arange(n_rings), np.diff(ring_start))
    first = np.ones(len(xy), dtype=bool)
    first[ring_start[1:] - 1] = False
    k = np.flatnonzero(first)
    edge = np.hstack([xy[k], xy[k + 1]])
    ring = ring_of_coord[k]
    # Shoelace per ring, relative to the ring's first point (RD coordinates are large).
    ref = xy[ring_start[:-1]][ring]
    x1, y1 = edge[:, 0] - ref[:, 0], edge[:, 1] - ref[:, 1]
    x2, y2 = edge[:, 2] - ref[:, 0], edge[:, 3] - ref[:, 1]
    twice_area = np.bincount(ring, weights=x1 * y2 - x2 * y1, minlength=n_rings)
    ccw = twice_area > 0
    sign = np.where(ccw == exterior, 1.0, -1.0)[ring]
    owner = geom_of_part[ring_of_part[ring]]
    start = np.searchsorted(owner, np.arange(len(geoms) + 1))
    return np.hstack([edge, sign[:, None]]), start


def _block(
    geoms: np.ndarray, ranges: tuple[np.ndarray, ...], transform: Any, offset: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r0, r1, c0, c1 = ranges
    n = len(geoms)
    edge, start = _edges(geoms)
    n_edges = np.diff(start)
    k = c1 - c0 + 1  # columns
    m = r1 - r0 + 1  # rows
    cells = k * m
    # Grid nodes (upper-right corners of the cells): node q of polygon i is column
    # q % k, row-from-the-bottom q // k.
    node_of = np.repeat(np.arange(n), cells)
    node0 = np.cumsum(cells) - cells
    q = np.arange(int(cells.sum())) - node0[node_of]
    ci = q % k[node_of]
    rj = q // k[node_of]
    x0, cw, ytop, ch = transform.c, transform.a, transform.f, -transform.e
    a = x0 + (c0[node_of] + ci + 1) * cw
    b = ytop - (r1[node_of] - rj) * ch
    # Every (edge, node) pair of a polygon.
    pairs = n_edges * cells
    pair_of = np.repeat(np.arange(n), pairs)
    o = np.arange(int(pairs.sum())) - (np.cumsum(pairs) - pairs)[pair_of]
    e = start[pair_of] + o // cells[pair_of]
    nd = node0[pair_of] + o % cells[pair_of]
    f = np.bincount(nd, weights=_integral(edge[e], a[nd], b[nd]) * edge[e, 4], minlength=len(a))
    # Area per cell from the four corners (F is 0 on the box's left and lower side).
    left = np.where(ci > 0, f[np.maximum(np.arange(len(f)) - 1, 0)], 0.0)
    below = np.where(rj > 0, f[np.maximum(np.arange(len(f)) - k[node_of], 0)], 0.0)
    diag = np.where((ci > 0) & (rj > 0), f[np.maximum(np.arange(len(f)) - k[node_of] - 1, 0)], 0.0)
    area = np.maximum(f - left - below + diag, 0.0)
    return node_of + offset, r1[node_of] - rj, c0[node_of] + ci, area


def _integral(edge: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per (edge, node): the integral of min(x - a, 0) * [y <= b] dy along the edge."""
    x1, y1, x2, y2 = edge[:, 0], edge[:, 1], edge[:, 2], edge[:, 3]
    dx, dy = x2 - x1, y2 - y1
    with np.errstate(divide="ignore", invalid="ignore"):
        tb = np.clip((b - y1) / dy, 0.0, 1.0)
        # Part of the edge (parameter t in [lo, hi]) below y = b.
        lo = np.where(dy > 0, 0.0, tb)
        hi = np.where(dy > 0, tb, 1.0)
        hi = np.maximum(hi, lo)
        # Where x crosses a (no crossing on a vertical edge).
        tk = np.where(dx != 0, (a - x1) / dx, lo)
    mid = np.clip(tk, lo, hi)
    part1 = np.minimum(x1 + 0.5 * (lo + mid) * dx - a, 0.0) * (mid - lo)
    part2 = np.minimum(x1 + 0.5 * (mid + hi) * dx - a, 0.0) * (hi - mid)
    return np.where(dy != 0, dy * (part1 + part2), 0.0)
