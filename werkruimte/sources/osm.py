"""OpenStreetMap via osmnx: the walking network and motorway junctions, cached.

Online, osmnx asks the Overpass API for the area (in WGS84): the walking network
with ``graph_from_polygon(..., network_type="walk")`` and the motorway junctions
(``highway=motorway_junction`` nodes) with the motorways and trunk roads around them,
so each junction gets the ``ref`` of its road (``weg``, e.g. ``A27``). Offline, an
``.osm`` XML export (e.g. from a Geofabrik extract cut with osmium) is read with
``graph_from_xml`` / ``features_from_xml`` instead.

The network is saved as GraphML (WGS84, as osmnx writes it; the loader projects it),
the junctions as a GeoPackage (layer ``afritten``) of points in RD New with ``naam``,
``weg``, ``nummer``, ``bron``, ``osm_id`` (what :func:`werkruimte.sources.wegen.load_wegen`
reads). Each file gets a sidecar JSON (source, date, counts).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from werkruimte.errors import InputError
from werkruimte.export import atomic_file
from werkruimte.sources._common import RD_NEW, check_file
from werkruimte.sources.loopnetwerk import walkable_graph
from werkruimte.sources.pdok import (
    FetchError,
    area_bbox,
    cache_info,
    is_cached,
    write_json_atomic,
)

__all__ = [
    "OVERPASS_URL",
    "fetch_loopnetwerk",
    "fetch_wegen",
    "wegen_from_features",
]

log = logging.getLogger(__name__)

#: Where osmnx asks by default (shown in messages; osmnx.settings decides).
OVERPASS_URL = "https://overpass-api.de/api/interpreter"

#: OSM tags fetched for the junctions and the roads they lie on.
ROAD_TAGS: dict[str, bool | str | list[str]] = {
    "highway": ["motorway_junction", "motorway", "motorway_link", "trunk"]
}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _to_wgs84(area_rd: BaseGeometry) -> Polygon | MultiPolygon:
    geom = gpd.GeoSeries([area_rd], crs=RD_NEW).to_crs(4326).iloc[0]
    if not isinstance(geom, Polygon | MultiPolygon):
        raise InputError(
            f"het gebied moet een vlak zijn, gevonden: {geom.geom_type}.",
            hint="geef een (multi)polygoon in RD New.",
        )
    return geom


def _overpass_failed(what: str, exc: Exception) -> FetchError:
    return FetchError(
        f"ophalen van {what} uit OpenStreetMap (Overpass API, {OVERPASS_URL}) mislukt: "
        f"{type(exc).__name__}: {str(exc)[:200]}. Oplossing: probeer het later opnieuw, "
        "of lever een .osm-bestand van het gebied aan (osm_xml)."
    )


def fetch_loopnetwerk(
    area_rd: BaseGeometry,
    *,
    cache_path: str | Path,
    osm_xml: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Fetch the OSM walking network of an area and save it as GraphML.

    Parameters
    ----------
    area_rd
        Area in RD New (EPSG:28992).
    cache_path
        GraphML file to write (e.g. ``<cache>/hilversum/loopnetwerk.graphml``); its
        sidecar ``loopnetwerk.json`` records source, date and counts.
    osm_xml
        Offline: an ``.osm`` XML export to read instead of asking Overpass.
    progress
        Called with short Dutch messages.

    Returns
    -------
    pathlib.Path
        ``cache_path``; the graph is in WGS84 (osmnx' own format).

    Raises
    ------
    FetchError
        When Overpass fails.
    InputError
        When ``osm_xml`` is missing or unreadable, or the network is empty.
    """
    import osmnx as ox

    target = Path(cache_path)
    say = progress or (lambda _msg: None)
    polygon = _to_wgs84(area_rd)
    source = str(osm_xml) if osm_xml is not None else OVERPASS_URL
    if is_cached(target, url=source, area=area_rd):
        info = cache_info(target) or {}
        say(f"loopnetwerk: uit cache ({info.get('datum')})")
        return target
    if osm_xml is not None:
        xml = check_file(osm_xml, what="OSM-bestand")
        say(f"loopnetwerk: lezen uit {xml}")
        try:
            graph = ox.graph_from_xml(xml, retain_all=False)
        except Exception as exc:  # osmnx/xml raise many kinds
            raise InputError(
                f"kan het OSM-bestand niet lezen als netwerk ({type(exc).__name__}: "
                f"{str(exc)[:160]}).",
                path=xml,
                hint="lever een .osm XML-export (geen .pbf) met wegen (ways) en knopen.",
            ) from exc
    else:
        say("loopnetwerk: ophalen uit OpenStreetMap (Overpass)")
        try:
            graph = ox.graph_from_polygon(polygon, network_type="walk")
        except Exception as exc:  # network, Overpass and empty-response errors
            raise _overpass_failed("het loopnetwerk", exc) from exc
    # One rule for both: osmnx's "walk" filter online does not know the XML, nor the
    # Dutch ban on walking along trunk roads (see loopnetwerk.walkable_edge).
    graph, dropped = walkable_graph(graph)
    if dropped:
        log.info("loopnetwerk: %d niet-begaanbare verbindingen weggelaten", dropped)
    if graph.number_of_edges() == 0:
        raise InputError(
            "het loopnetwerk is leeg: geen begaanbare wegen in het gebied.",
            path=osm_xml,
            hint="controleer of het OSM-bestand of het gebied de gemeente dekt.",
        )
    with atomic_file(target) as tmp:
        ox.save_graphml(graph, tmp)
    write_json_atomic(
        target.with_suffix(".json"),
        {
            "laag": "loopnetwerk",
            "bron": source,
            "netwerktype": "walk",
            "gebied_bbox": area_bbox(area_rd),
            "datum": _now(),
            "knopen": graph.number_of_nodes(),
            "takken": graph.number_of_edges(),
            "crs": "EPSG:4326",
            "status": "compleet",
            "bestand": target.name,
        },
    )
    say(f"loopnetwerk: {graph.number_of_edges()} takken opgeslagen in {target}")
    return target


def wegen_from_features(
    features: gpd.GeoDataFrame, *, max_distance_m: float = 75.0
) -> gpd.GeoDataFrame:
    """Motorway junction points with their road, from osmnx features.

    Parameters
    ----------
    features
        What ``osmnx.features_from_polygon``/``features_from_xml`` return for
        :data:`ROAD_TAGS` (any CRS; nodes and ways).
    max_distance_m
        A junction takes the ``ref`` of the nearest motorway/trunk way within this
        distance.

    Returns
    -------
    geopandas.GeoDataFrame
        Points in EPSG:28992 with ``naam`` (OSM ``name``, else ``afrit <ref>``),
        ``weg`` (road ref, e.g. ``A27``; empty when unknown), ``nummer`` (exit
        number), ``bron`` (``"OpenStreetMap"``), ``osm_id``.
    """
    empty = gpd.GeoDataFrame(
        {
            "naam": pd.Series(dtype="string"),
            "weg": pd.Series(dtype="string"),
            "nummer": pd.Series(dtype="string"),
            "bron": pd.Series(dtype="string"),
            "osm_id": pd.Series(dtype="string"),
        },
        geometry=gpd.GeoSeries([], crs=RD_NEW),
    )
    if features is None or len(features) == 0:
        return empty
    gdf = features if features.crs is not None else features.set_crs(4326)
    gdf = gdf.to_crs(RD_NEW)
    frame = gdf.reset_index()
    id_col = "id" if "id" in frame.columns else ("osmid" if "osmid" in frame.columns else None)
    highway = frame.get("highway", pd.Series("", index=frame.index)).astype("string").fillna("")
    geoms = frame.geometry.to_numpy()
    is_point = shapely.get_type_id(geoms) == 0
    junction = frame.loc[is_point & (highway == "motorway_junction").to_numpy()]
    if len(junction) == 0:
        return empty
    roads = frame.loc[~is_point & highway.isin(["motorway", "trunk", "motorway_link"]).to_numpy()]

    def text(df: pd.DataFrame, col: str) -> pd.Series:
        if col not in df.columns:
            return pd.Series("", index=df.index, dtype="string")
        return df[col].astype("string").fillna("").str.strip()

    ref = text(junction, "ref")
    name = text(junction, "name")
    naam = name.where(name != "", ("afrit " + ref).where(ref != "", "afrit"))
    weg = pd.Series("", index=junction.index, dtype="string")
    if len(roads):
        # Prefer main carriageways over slip roads, which often carry no ref.
        road_ref = text(roads, "ref")
        main = roads.loc[(road_ref != "").to_numpy()]
        if len(main):
            joined = gpd.sjoin_nearest(
                gpd.GeoDataFrame(geometry=junction.geometry, crs=RD_NEW),
                gpd.GeoDataFrame({"weg": text(main, "ref")}, geometry=main.geometry, crs=RD_NEW),
                how="left",
                max_distance=max_distance_m,
            )
            first = joined.loc[~joined.index.duplicated(keep="first"), "weg"]
            weg = first.reindex(junction.index).astype("string").fillna("")
    osm_id = (
        junction[id_col].astype("string")
        if id_col is not None
        else pd.Series(pd.NA, index=junction.index, dtype="string")
    )
    out = gpd.GeoDataFrame(
        {
            "naam": naam.to_numpy(),
            "weg": weg.to_numpy(),
            "nummer": ref.to_numpy(),
            "bron": "OpenStreetMap",
            "osm_id": osm_id.to_numpy(),
        },
        geometry=gpd.GeoSeries(junction.geometry.to_numpy(), crs=RD_NEW),
    )
    for col in ("naam", "weg", "nummer", "bron", "osm_id"):
        out[col] = out[col].astype("string")
    return out


def fetch_wegen(
    area_rd: BaseGeometry,
    *,
    cache_path: str | Path,
    osm_xml: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Fetch motorway junctions (op- en afritten) of an area into a GeoPackage.

    Parameters
    ----------
    area_rd
        Area in RD New. Take it generously (the distance to the nearest junction is
        a criterion; a junction just outside the gemeente counts).
    cache_path
        GeoPackage to write (layer ``afritten``), with a sidecar JSON.
    osm_xml
        Offline: read this ``.osm`` XML instead of asking Overpass.
    progress
        Called with short Dutch messages.

    Returns
    -------
    pathlib.Path
        ``cache_path``; points with ``naam``, ``weg``, ``nummer``, ``bron``, ``osm_id`` in
        EPSG:28992 (see :func:`wegen_from_features`).
    """
    import osmnx as ox

    target = Path(cache_path)
    say = progress or (lambda _msg: None)
    polygon = _to_wgs84(area_rd)
    source = str(osm_xml) if osm_xml is not None else OVERPASS_URL
    if is_cached(target, url=source, area=area_rd):
        info = cache_info(target) or {}
        say(f"wegen: uit cache ({info.get('datum')})")
        return target
    if osm_xml is not None:
        xml = check_file(osm_xml, what="OSM-bestand")
        try:
            features = ox.features_from_xml(xml, polygon=polygon, tags=ROAD_TAGS)
        except Exception as exc:  # osmnx raises InsufficientResponseError when empty
            if type(exc).__name__ == "InsufficientResponseError":
                features = gpd.GeoDataFrame(geometry=[], crs=4326)
            else:
                raise InputError(
                    f"kan het OSM-bestand niet lezen ({type(exc).__name__}: {str(exc)[:160]}).",
                    path=xml,
                    hint="lever een .osm XML-export (geen .pbf).",
                ) from exc
    else:
        say("wegen: afritten ophalen uit OpenStreetMap (Overpass)")
        try:
            features = ox.features_from_polygon(polygon, tags=ROAD_TAGS)
        except Exception as exc:
            if type(exc).__name__ == "InsufficientResponseError":
                features = gpd.GeoDataFrame(geometry=[], crs=4326)
            else:
                raise _overpass_failed("de afritten", exc) from exc
    wegen = wegen_from_features(features)
    if len(wegen) == 0:
        log.warning("geen op- of afritten (motorway_junction) gevonden in het gebied")
    kwargs: dict[str, Any] = {"geometry_type": "Point"} if len(wegen) == 0 else {}
    with atomic_file(target) as tmp:
        pyogrio.write_dataframe(wegen, tmp, layer="afritten", driver="GPKG", **kwargs)
    write_json_atomic(
        target.with_suffix(".json"),
        {
            "laag": "wegen",
            "bron": source,
            "tags": ROAD_TAGS,
            "gebied_bbox": area_bbox(area_rd),
            "datum": _now(),
            "aantal": len(wegen),
            "zonder_weg": int((wegen["weg"] == "").sum()),
            "status": "compleet",
            "bestand": target.name,
        },
    )
    say(f"wegen: {len(wegen)} op-/afritten opgeslagen in {target}")
    return target
