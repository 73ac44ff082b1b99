"""Optional walking network (OpenStreetMap) for the PTAL walking distances.

Reads an osmnx GraphML file or an OSM XML extract (``.osm``, ``.xml``, also
``.bz2``/``.gz`` compressed) and returns the graph projected to RD New
(EPSG:28992). Edge ``length`` is in metres.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax import SAXException

import numpy as np
import shapely

from werkruimte.errors import InputError
from werkruimte.sources._common import NL_BOUNDS_RD, RD_NEW, check_file, mend

if TYPE_CHECKING:
    import networkx

__all__ = ["NOT_WALKABLE", "load_loopnetwerk", "walkable_edge", "walkable_graph"]

log = logging.getLogger(__name__)

WHAT = "loopnetwerk (OSM)"

#: OSM ``highway`` values that are no walking route, for every walking network
#: werkruimte builds (see :func:`walkable_edge`).
NOT_WALKABLE = frozenset(
    {
        # Pedestrians are not allowed: motorways and, in the Netherlands, trunk roads
        # (autowegen, the blue sign G3) and their slip roads.
        "motorway",
        "motorway_link",
        "trunk",
        "trunk_link",
        # Not a road for people: guided busways and race tracks.
        "bus_guideway",
        "raceway",
        # Not (or no longer) there: under construction, proposed, planned, disused.
        "construction",
        "proposed",
        "planned",
        "abandoned",
        "razed",
    }
)
#: ``foot`` values that allow walking where ``access`` forbids traffic in general.
_FOOT_ALLOWED = frozenset({"yes", "designated", "permissive"})


def _values(tag: Any) -> list[Any]:
    return tag if isinstance(tag, list) else [tag]


def walkable_edge(data: Mapping[str, Any]) -> bool:
    """True when a pedestrian may walk the whole of an OSM network edge.

    Every ``highway`` type counts as walkable (streets, paths, footways, cycleways,
    tracks, steps, platforms ...) except those in :data:`NOT_WALKABLE`: roads where
    pedestrians are forbidden (motorways, and trunk roads, which in the Netherlands
    are autowegen), guided busways and race tracks, and roads that do not exist
    (yet or any more). This is the OpenStreetMap walking network that osmnx fetches
    online (``network_type="walk"``), plus the Dutch ban on walking along trunk
    roads; cycleways and platforms stay, because in the Netherlands pedestrians may
    use a cycleway without a footway next to it and a platform is how one reaches
    the train.

    An edge is not walkable when it has no ``highway`` tag, when *any* of its
    ``highway`` values is not walkable (osmnx merges the ways of a chain into one
    edge; one forbidden stretch blocks the chain), when ``foot=no``, or when
    ``access`` is ``no`` or ``private`` without a ``foot`` value that allows
    walking.

    Parameters
    ----------
    data
        The edge's attributes (OSM tags; a merged edge may hold lists).

    Returns
    -------
    bool
    """
    highway = data.get("highway")
    if highway is None or any(h in NOT_WALKABLE for h in _values(highway)):
        return False
    foot = {str(f) for f in _values(data.get("foot"))}
    if "no" in foot:
        return False
    access = {str(a) for a in _values(data.get("access"))}
    return not (access & {"no", "private"} and not foot & _FOOT_ALLOWED)


def walkable_graph(graph: Any) -> tuple[Any, int]:
    """The graph without the edges :func:`walkable_edge` rejects and nodes left alone.

    Parameters
    ----------
    graph
        An osmnx graph; it is not changed.

    Returns
    -------
    graph
        A copy without those edges (``graph`` itself when nothing was dropped).
    int
        Number of node pairs whose connections were dropped.
    """
    drop = [
        (u, v, k) for u, v, k, data in graph.edges(keys=True, data=True) if not walkable_edge(data)
    ]
    if not drop:
        return graph, 0
    graph = graph.copy()
    graph.remove_edges_from(drop)
    graph.remove_nodes_from([n for n, degree in graph.degree() if degree == 0])
    return graph, len({frozenset((u, v)) for u, v, _ in drop})


def load_loopnetwerk(path: str | Path) -> networkx.MultiDiGraph:
    """Read a walking network and project it to RD New.

    Parameters
    ----------
    path
        An osmnx GraphML file (``.graphml``), or an OSM XML extract (``.osm``,
        ``.xml``, optionally ``.bz2``/``.gz``). From OSM XML only ways with a walkable
        ``highway`` tag are kept (see :func:`walkable_edge`: no motorways, trunk roads,
        or ``foot=no``); one-way streets are walkable both ways.

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
    """Drop edges that are no walking route, and nodes left without edges; say so."""
    graph, dropped = walkable_graph(graph)
    if dropped:
        mend(
            f"{WHAT}: {dropped} verbindingen zonder begaanbare highway-tag "
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
