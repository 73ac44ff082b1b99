"""Walking pairs for PTAL: which stops each parcel reaches on foot, and how far.

Straight lines through a spatial index, or distances along an osmnx walking network
with one Dijkstra (scipy) per distinct stop node. Used by :mod:`werkruimte.indicators.ov`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from werkruimte.errors import InputError
from werkruimte.sources._common import RD_NEW, mend

__all__ = ["pairs_network", "pairs_straight"]


def pairs_straight(
    cx: np.ndarray, cy: np.ndarray, sx: np.ndarray, sy: np.ndarray, max_d: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parcel-stop pairs within ``max_d`` (straight line) and their distances."""
    tree = shapely.STRtree(np.asarray(shapely.points(sx, sy)))
    pi, si = tree.query(shapely.points(cx, cy), predicate="dwithin", distance=max_d)
    dist = np.hypot(cx[pi] - sx[si], cy[pi] - sy[si])
    return pi, si, dist


def pairs_network(
    cx: np.ndarray,
    cy: np.ndarray,
    sx: np.ndarray,
    sy: np.ndarray,
    graph: Any,
    max_d: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parcel-stop pairs within ``max_d`` along the walking network.

    Distance = centroid to its nearest node + shortest path + stop's nearest node to
    the stop. One Dijkstra (scipy, limited to ``max_d``) per distinct stop node.
    """
    from scipy.sparse.csgraph import dijkstra
    from scipy.spatial import cKDTree

    node_x, node_y, matrix = _graph_arrays(graph)
    if len(node_x) == 0:
        empty = np.array([], dtype="int64")
        return empty, empty, np.array([], dtype="float64")
    tree = cKDTree(np.column_stack([node_x, node_y]))
    p_snap, p_node = tree.query(np.column_stack([cx, cy]))
    s_snap, s_node = tree.query(np.column_stack([sx, sy]))
    source_nodes, stop_source = np.unique(s_node, return_inverse=True)
    chunk = max(1, 5_000_000 // max(1, len(node_x)))
    src_parts, node_parts, dist_parts = [], [], []
    for start in range(0, len(source_nodes), chunk):
        block = dijkstra(
            matrix, directed=True, indices=source_nodes[start : start + chunk], limit=max_d
        )
        r, c = np.nonzero(np.isfinite(block))
        src_parts.append(r + start)
        node_parts.append(c)
        dist_parts.append(block[r, c])
    reach = pd.DataFrame(
        {
            "src": np.concatenate(src_parts),
            "node": np.concatenate(node_parts),
            "net": np.concatenate(dist_parts),
        }
    )
    parcels = pd.DataFrame({"p": np.arange(len(cx)), "node": p_node, "snap": p_snap})
    parcels = parcels.loc[parcels["snap"] <= max_d]
    joined = parcels.merge(reach, on="node")
    joined["d"] = joined["snap"].to_numpy() + joined["net"].to_numpy()
    joined = joined.loc[joined["d"] <= max_d, ["p", "src", "d"]]
    stops = pd.DataFrame({"s": np.arange(len(sx)), "src": stop_source, "stop_snap": s_snap})
    joined = joined.merge(stops, on="src")
    d = joined["d"].to_numpy() + joined["stop_snap"].to_numpy()
    keep = d <= max_d
    return (
        joined["p"].to_numpy()[keep],
        joined["s"].to_numpy()[keep],
        d[keep],
    )


def _graph_arrays(graph: Any) -> tuple[np.ndarray, np.ndarray, Any]:
    """Node coordinates and a symmetric sparse matrix of edge lengths (metres)."""
    from scipy.sparse import csr_matrix

    crs = graph.graph.get("crs")
    if crs is None or not CRS.from_user_input(crs).equals(RD_NEW, ignore_axis_order=True):
        import osmnx as ox

        graph = ox.project_graph(graph, to_crs=RD_NEW)
        mend(f"loopnetwerk: {len(graph)} knopen omgezet van {crs} naar RD New (EPSG:28992).")
    node_data = [(n, d.get("x", np.nan), d.get("y", np.nan)) for n, d in graph.nodes(data=True)]
    if not node_data:
        raise InputError(
            "het loopnetwerk heeft geen knopen.",
            hint="lever een loopnetwerk (OSM) aan dat het gebied van de percelen dekt.",
        )
    ids, xs, ys = zip(*node_data, strict=True)
    x = np.asarray(xs, dtype="float64")
    y = np.asarray(ys, dtype="float64")
    # A comprehension iterates the edge view once (list() would also count it first).
    edge_data = [e for e in graph.edges(data="length")]
    if not edge_data:
        raise InputError(
            "het loopnetwerk heeft geen verbindingen.",
            hint="lever een loopnetwerk (OSM) aan met wegen en paden.",
        )
    eu, ev, ew = zip(*edge_data, strict=True)
    position = pd.Index(ids)
    u = position.get_indexer(pd.Index(eu))
    v = position.get_indexer(pd.Index(ev))
    w = pd.to_numeric(pd.Series(ew, dtype=object), errors="coerce").to_numpy(dtype="float64")
    straight = np.hypot(x[u] - x[v], y[u] - y[v])
    w = np.where(np.isfinite(w), w, straight)
    # Walking ignores one-way streets: both directions, the shortest parallel edge.
    both = pd.DataFrame({"a": np.r_[u, v], "b": np.r_[v, u], "w": np.r_[w, w]})
    shortest = both.loc[both["a"] != both["b"]].groupby(["a", "b"], sort=False)["w"].min()
    a = shortest.index.get_level_values(0).to_numpy()
    b = shortest.index.get_level_values(1).to_numpy()
    # Zero-length edges would vanish from a sparse matrix: give them a tiny length.
    weights = np.maximum(shortest.to_numpy(), 1e-9)
    matrix = csr_matrix((weights, (a, b)), shape=(len(x), len(x)))
    return x, y, matrix
