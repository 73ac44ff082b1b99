"""Optional walking network (OpenStreetMap) for the PTAL walking distances.

Reads an osmnx GraphML file or an OSM XML extract (``.osm``, ``.xml``, also
``.bz2``/``.gz`` compressed) and returns the graph projected to RD New
(EPSG:28992). Edge ``length`` is in metres.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax import SAXException

import numpy as np
import shapely

from werkruimte.errors import InputError
from werkruimte.sources._common import NL_BOUNDS_RD, RD_NEW, check_file, mend

if TYPE_CHECKING:
    import networkx

__all__ = ["load_loopnetwerk"]

log = logging.getLogger(__name__)

WHAT = "loopnetwerk (OSM)"

#: OSM highway values one cannot (or may not) walk on.
_NOT_WALKABLE = {
    "motorway",
    "motorway_link",
    "trunk",
    "trunk_link",
    "construction",
    "proposed",
    "abandoned",
    "raceway",
    "bus_guideway",
}


def load_loopnetwerk(path: str | Path) -> networkx.MultiDiGraph:
    """Read a walking network and project it to RD New.

    Parameters
    ----------
    path
        An osmnx GraphML file (``.graphml``), or an OSM XML extract (``.osm``,
        ``.xml``, optionally ``.bz2``/``.gz``). From OSM XML only ways with a walkable
        ``highway`` tag are kept (no motorways, trunk roads, or ``foot=no``); one-way
        streets are walkable both ways.

    Returns
    -------
    networkx.MultiDiGraph
        The graph with node ``x``/``y`` in EPSG:28992 and edge ``length`` in metres,
        measured in RD New (``graph["crs"]`` is EPSG:28992).

    Raises
    ------
    InputError
        When the file cannot be read as GraphML or OSM XML, or holds no walkable
        network.
    """
    import osmnx as ox

    p = check_file(path, what=WHAT)
    if p.is_dir():
        raise InputError(
            "dit is een map; verwacht een GraphML- of OSM-XML-bestand.",
            path=p,
            hint="geef het pad van bijvoorbeeld loopnetwerk.graphml of gebied.osm.",
        )
    suffixes = [s.lower() for s in p.suffixes]
    is_graphml = ".graphml" in suffixes
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            if is_graphml:
                graph = ox.load_graphml(p)
            else:
                graph = ox.graph_from_xml(p, bidirectional=True, simplify=True, retain_all=True)
    except (SAXException, ValueError, KeyError, TypeError, OSError, UnicodeDecodeError) as exc:
        kind = "GraphML" if is_graphml else "OSM XML"
        raise InputError(
            f"kan het loopnetwerk niet lezen als {kind} ({type(exc).__name__}: "
            f"{str(exc).strip()[:160]}).",
            path=p,
            hint="lever een osmnx-GraphML (.graphml) of een OSM-XML-uittreksel (.osm) aan.",
        ) from exc
    except Exception as exc:  # osmnx raises its own error types on empty data
        raise InputError(
            f"kan het loopnetwerk niet lezen ({type(exc).__name__}: {str(exc).strip()[:160]}).",
            path=p,
            hint="lever een osmnx-GraphML (.graphml) of een OSM-XML-uittreksel (.osm) aan "
            "met wegen en paden (highway=*).",
        ) from exc
    if not is_graphml:
        graph = _walkable(graph, p)
    if graph.number_of_edges() == 0:
        raise InputError(
            "het loopnetwerk bevat geen wegen of paden.",
            path=p,
            hint="lever een uittreksel met highway=*-wegen dat het gebied van de percelen dekt.",
        )
    try:
        graph = ox.project_graph(graph, to_crs=RD_NEW)
    except Exception as exc:
        raise InputError(
            f"kan het loopnetwerk niet naar RD New omzetten ({type(exc).__name__}: "
            f"{str(exc).strip()[:160]}).",
            path=p,
            hint="controleer of het netwerk een geldig coördinatenstelsel (crs) heeft.",
        ) from exc
    _rd_lengths(graph)
    _warn_outside(graph, p)
    log.info(
        "%s: %d knopen en %d verbindingen gelezen uit %s",
        WHAT,
        graph.number_of_nodes(),
        graph.number_of_edges(),
        p,
    )
    return graph


def _walkable(graph: Any, p: Path) -> Any:
    """Drop edges without a walkable highway tag, and nodes left without edges."""
    drop = []
    for u, v, k, data in graph.edges(keys=True, data=True):
        highway = data.get("highway")
        values = highway if isinstance(highway, list) else [highway]
        foot = data.get("foot")
        if (
            highway is None
            or all(h in _NOT_WALKABLE for h in values)
            or foot == "no"
            or (isinstance(foot, list) and "no" in foot)
        ):
            drop.append((u, v, k))
    if drop:
        graph = graph.copy()
        graph.remove_edges_from(drop)
        lonely = [n for n, degree in graph.degree() if degree == 0]
        graph.remove_nodes_from(lonely)
        pairs = {frozenset((u, v)) for u, v, _ in drop}
        mend(
            f"{WHAT}: {len(pairs)} verbindingen zonder begaanbare highway-tag "
            f"(of foot=no) weggelaten uit {p.name}."
        )
    return graph


def _rd_lengths(graph: Any) -> None:
    """Set each edge's ``length`` to its length in RD New (metres), in place.

    osmnx measures great-circle lengths on a sphere, which at Dutch latitudes are up
    to 0.3 % shorter east-west than on the ellipsoid; measuring in RD keeps network
    and straight-line distances consistent. Edges with a geometry (simplified paths)
    use it; the others are straight between their nodes.
    """
    edges = list(graph.edges(keys=True, data=True))
    if not edges:
        return
    geoms = np.array([d.get("geometry") for _, _, _, d in edges], dtype=object)
    xy = {n: (d["x"], d["y"]) for n, d in graph.nodes(data=True)}
    a = np.array([xy[u] for u, _, _, _ in edges], dtype="float64")
    b = np.array([xy[v] for _, v, _, _ in edges], dtype="float64")
    straight = np.hypot(a[:, 0] - b[:, 0], a[:, 1] - b[:, 1])
    has_geom = np.array([g is not None for g in geoms])
    lengths = straight.copy()
    if has_geom.any():
        lengths[has_geom] = shapely.length(geoms[has_geom])
    for (_, _, _, data), length in zip(edges, lengths.tolist(), strict=True):
        data["length"] = length


def _warn_outside(graph: Any, p: Path) -> None:
    if graph.number_of_nodes() == 0:
        return
    xy = np.array([(d["x"], d["y"]) for _, d in graph.nodes(data=True)], dtype="float64")
    x0, y0, x1, y1 = NL_BOUNDS_RD
    inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
    if not inside.any():
        log.warning("%s: het netwerk in %s ligt helemaal buiten Nederland.", WHAT, p)
