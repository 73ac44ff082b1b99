"""QGIS styles and project: the outputs open in QGIS (and ArcGIS) as they look on the map.

Two things, both generated in code from the one colour table
(:mod:`werkruimte.kaart.stijl`), without QGIS installed:

- **Styles in the GeoPackage** (:func:`write_styles`): a ``layer_styles`` table, the
  one QGIS itself writes with *Save as default style in the datasource*. QGIS applies
  the style when the layer is opened (drag the GeoPackage into QGIS); ArcGIS ignores
  the table. Parcels get graduated score classes, the driedeling categorised classes,
  the clusters a graduated fill by area with an "x ha" label.
- **A QGIS project** (:func:`write_project`): ``werkruimte.qgz``, a zipped ``.qgs``
  with every output layer by relative path (move the folder and it still opens),
  the same styles, the PDOK BRT-achtergrondkaart as XYZ layer and RD New
  (EPSG:28992) as project CRS.

Checked in a real QGIS 3.22 (``tests/test_qgis.py``): every layer valid, in
EPSG:28992, drawn with a categorised or graduated renderer.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from werkruimte.kaart.stijl import (
    CLUSTER_KLEUR,
    SCORE_GRENZEN,
    SCORE_KLEUREN,
    klasse_kleuren,
    score_labels,
)

__all__ = [
    "BRT_XYZ",
    "Laag",
    "qml_clusters",
    "qml_klassen",
    "qml_score",
    "write_project",
    "write_styles",
]

#: The PDOK BRT-achtergrondkaart (standaard) as XYZ tiles in Web Mercator.
BRT_XYZ = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)

#: The QGIS version the styles are written for (read by 3.22 and later).
QGIS_VERSIE = "3.22.0"

#: Cluster area classes (ha, lower bounds; the last is open) for the graduated fill.
CLUSTER_HA_GRENZEN = (0.0, 1.0, 2.0, 5.0, 1000000.0)

Geometrie = Literal["polygon", "point"]

_RD_NEW = (
    "<spatialrefsys>"
    "<proj4>+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 "
    "+k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +units=m +no_defs</proj4>"
    "<srid>28992</srid><authid>EPSG:28992</authid>"
    "<description>Amersfoort / RD New</description>"
    "<projectionacronym>sterea</projectionacronym>"
    "<ellipsoidacronym>EPSG:7004</ellipsoidacronym>"
    "<geographicflag>false</geographicflag>"
    "</spatialrefsys>"
)
_WEB_MERCATOR = (
    "<spatialrefsys>"
    "<proj4>+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 "
    "+units=m +nadgrids=@null +wktext +no_defs</proj4>"
    "<srid>3857</srid><authid>EPSG:3857</authid>"
    "<description>WGS 84 / Pseudo-Mercator</description>"
    "<projectionacronym>merc</projectionacronym>"
    "<ellipsoidacronym>EPSG:7030</ellipsoidacronym>"
    "<geographicflag>false</geographicflag>"
    "</spatialrefsys>"
)


def _rgba(hex_colour: str, alpha: int = 255) -> str:
    h = hex_colour.lstrip("#")
    return ",".join(str(int(h[i : i + 2], 16)) for i in (0, 2, 4)) + f",{alpha}"


def _options(values: Mapping[str, str]) -> str:
    inner = "".join(
        f'<Option name={quoteattr(k)} type="QString" value={quoteattr(v)}/>'
        for k, v in values.items()
    )
    return f'<Option type="Map">{inner}</Option>'


def _symbol(
    name: str,
    geometrie: Geometrie,
    colour: str,
    *,
    alpha: int = 255,
    outline: str = "#ffffff",
    outline_width: float = 0.1,
) -> str:
    """One QGIS symbol: a simple fill (polygon) or a circle marker (point)."""
    if geometrie == "point":
        kind, cls = "marker", "SimpleMarker"
        props = {
            "name": "circle",
            "color": _rgba(colour, alpha),
            "outline_color": _rgba(outline),
            "outline_width": f"{outline_width:g}",
            "outline_width_unit": "MM",
            "size": "3",
            "size_unit": "MM",
        }
    else:
        kind, cls = "fill", "SimpleFill"
        props = {
            "color": _rgba(colour, alpha),
            "style": "solid",
            "outline_color": _rgba(outline),
            "outline_style": "solid",
            "outline_width": f"{outline_width:g}",
            "outline_width_unit": "MM",
        }
    return (
        f'<symbol type="{kind}" name={quoteattr(name)} alpha="1" clip_to_extent="1" '
        f'force_rhr="0"><layer class="{cls}" pass="0" locked="0" enabled="1">'
        f"{_options(props)}</layer></symbol>"
    )


def _qml(body: str, *, labels: bool = False) -> str:
    """A complete ``.qml`` document around renderer (and labeling) elements."""
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        f'<qgis version="{QGIS_VERSIE}" labelsEnabled="{int(labels)}" '
        'styleCategories="Symbology|Labeling">\n'
        f"{body}\n</qgis>\n"
    )


def _graduated(
    attr: str,
    bounds: Sequence[float],
    labels: Sequence[str],
    symbols: Sequence[str],
) -> str:
    ranges = "".join(
        f'<range lower="{bounds[i]:g}" upper="{bounds[i + 1]:g}" symbol="{i}" '
        f'label={quoteattr(labels[i])} render="true"/>'
        for i in range(len(symbols))
    )
    return (
        f'<renderer-v2 type="graduatedSymbol" attr={quoteattr(attr)} '
        'graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" '
        f'forceraster="0"><ranges>{ranges}</ranges>'
        f"<symbols>{''.join(symbols)}</symbols></renderer-v2>"
    )


def qml_score(*, attr: str = "score") -> str:
    """QML of the parcels: graduated score classes in the colours of the map.

    Parameters
    ----------
    attr
        The score column.

    Returns
    -------
    str
        A QGIS style document (``.qml``).
    """
    bounds = list(SCORE_GRENZEN)
    bounds[-1] = max(bounds[-1], 100.0)
    symbols = [
        _symbol(str(i), "polygon", c, alpha=230, outline="#808080", outline_width=0.05)
        for i, c in enumerate(SCORE_KLEUREN)
    ]
    return _qml(_graduated(attr, bounds, score_labels(), symbols))


def qml_klassen(klassen: Sequence[str], *, geometrie: Geometrie = "polygon") -> str:
    """QML of a driedeling layer: one colour per ``klasse``, as on the map.

    Parameters
    ----------
    klassen
        The class names in legend order (``driedeling.attrs["klassen"]``).
    geometrie
        ``"polygon"`` (bedrijventerreinen) or ``"point"`` (hotspots).

    Returns
    -------
    str
        A QGIS style document (``.qml``).
    """
    kleuren = klasse_kleuren([str(k) for k in klassen])
    categories = "".join(
        f'<category value={quoteattr(k)} symbol="{i}" label={quoteattr(k)} render="true"/>'
        for i, k in enumerate(kleuren)
    )
    symbols = "".join(
        _symbol(str(i), geometrie, c, alpha=180 if geometrie == "polygon" else 255, outline=c)
        for i, c in enumerate(kleuren.values())
    )
    return _qml(
        '<renderer-v2 type="categorizedSymbol" attr="klasse" symbollevels="0" '
        f'enableorderby="0" forceraster="0"><categories>{categories}</categories>'
        f"<symbols>{symbols}</symbols></renderer-v2>"
    )


def qml_clusters() -> str:
    """QML of the schuifruimte clusters: fill graded by area, outline and "x ha" label.

    Returns
    -------
    str
        A QGIS style document (``.qml``); the label reads e.g. ``2,4 ha`` (decimal
        comma), placed inside the cluster, never overlapping another label.
    """
    bounds = CLUSTER_HA_GRENZEN
    labels = ["< 1 ha", "1–2 ha", "2–5 ha", "≥ 5 ha"]
    alphas = (40, 80, 120, 160)
    symbols = [
        _symbol(str(i), "polygon", CLUSTER_KLEUR, alpha=a, outline=CLUSTER_KLEUR, outline_width=0.6)
        for i, a in enumerate(alphas)
    ]
    expression = "replace(to_string(round(\"oppervlakte_ha\", 1)), '.', ',') || ' ha'"
    labeling = (
        '<labeling type="simple"><settings calloutType="simple">'
        f'<text-style fieldName={quoteattr(expression)} isExpression="1" fontSize="9" '
        'fontWeight="75" textColor="' + _rgba(CLUSTER_KLEUR) + '" textOpacity="1" '
        'fontSizeUnit="Point" multilineAlign="3"/>'
        '<text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" '
        'bufferColor="255,255,255,255" bufferOpacity="0.9"/>'
        '<placement placement="1" fitInPolygonOnly="0" centroidInside="1" dist="0"/>'
        '<rendering obstacle="1" displayAll="0" upsidedownLabels="0" '
        'scaleVisibility="0" labelPerPart="0" mergeLines="0"/>'
        "</settings></labeling>"
    )
    renderer = _graduated("oppervlakte_ha", bounds, labels, symbols)
    return _qml(renderer + labeling, labels=True)


def _inner(qml: str) -> str:
    """The elements inside ``<qgis>`` of a QML document (for the project file)."""
    start = qml.index(">", qml.index("<qgis ")) + 1
    return qml[start : qml.rindex("</qgis>")].strip()


def write_styles(
    path: str | os.PathLike[str], styles: Mapping[str, str], *, naam: str = "werkruimte"
) -> None:
    """Store QGIS styles as the layers' default in a GeoPackage (``layer_styles``).

    The table has the columns QGIS writes itself; one row per layer, with
    ``useAsDefault`` true, so QGIS draws the layer in this style when it is opened.
    Written with pyogrio as a non-spatial table (registered in ``gpkg_contents``),
    into a GeoPackage that already holds the layers.

    Parameters
    ----------
    path
        The GeoPackage.
    styles
        Layer name -> QML (see :func:`qml_score`, :func:`qml_klassen`,
        :func:`qml_clusters`).
    naam
        The style name shown in QGIS's style manager.
    """
    import pyogrio

    if not styles:
        return
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    table = pd.DataFrame(
        {
            "f_table_catalog": "",
            "f_table_schema": "",
            "f_table_name": list(styles),
            "f_geometry_column": "geom",
            "styleName": naam,
            "styleQML": list(styles.values()),
            "styleSLD": "",
            "useAsDefault": True,
            "description": "Stijl van de kansenkaart (werkruimte)",
            "owner": "",
            "ui": None,
            "update_time": pd.Timestamp(now),
        }
    )
    pyogrio.write_dataframe(
        table, path, layer="layer_styles", driver="GPKG", layer_options={"FID": "id"}
    )


@dataclass(frozen=True)
class Laag:
    """One vector layer of the QGIS project.

    Attributes
    ----------
    bron
        The data file, relative to the project (e.g. ``percelen_scores.gpkg``).
    laag
        The layer inside the file (None for single-layer formats).
    titel
        The name shown in QGIS's layer panel (Dutch).
    geometrie
        ``"polygon"`` or ``"point"``.
    qml
        The style.
    zichtbaar
        Whether the layer is switched on when the project opens.
    """

    bron: str
    laag: str | None
    titel: str
    geometrie: Geometrie
    qml: str
    zichtbaar: bool = True

    @property
    def id(self) -> str:
        """A stable layer id for the project file."""
        stem = (self.laag or Path(self.bron).stem).replace(" ", "_")
        return f"werkruimte_{stem}"

    @property
    def datasource(self) -> str:
        """The OGR data source relative to the project."""
        src = f"./{self.bron}"
        return f"{src}|layername={self.laag}" if self.laag else src


def _maplayer(laag: Laag) -> str:
    geometry = "Polygon" if laag.geometrie == "polygon" else "Point"
    return (
        f'<maplayer type="vector" geometry="{geometry}" hasScaleBasedVisibilityFlag="0" '
        f'labelsEnabled="{int("<labeling" in laag.qml)}" styleCategories="AllStyleCategories">'
        f"<id>{escape(laag.id)}</id><datasource>{escape(laag.datasource)}</datasource>"
        f"<layername>{escape(laag.titel)}</layername><srs>{_RD_NEW}</srs>"
        '<provider encoding="UTF-8">ogr</provider>'
        f"{_inner(laag.qml)}</maplayer>"
    )


def _basemap(layer_id: str) -> tuple[str, str]:
    url = BRT_XYZ.replace("{", "%7B").replace("}", "%7D")
    source = f"type=xyz&url={url}&zmax=19&zmin=0"
    titel = "BRT-achtergrondkaart (PDOK)"
    tree = (
        f'<layer-tree-layer id="{layer_id}" name={quoteattr(titel)} '
        f'source={quoteattr(source)} providerKey="wms" checked="Qt::Checked" expanded="0"/>'
    )
    layer = (
        '<maplayer type="raster" hasScaleBasedVisibilityFlag="0" '
        'styleCategories="AllStyleCategories">'
        f"<id>{layer_id}</id><datasource>{escape(source)}</datasource>"
        f"<layername>{escape(titel)}</layername><srs>{_WEB_MERCATOR}</srs>"
        "<provider>wms</provider></maplayer>"
    )
    return tree, layer


def _project_xml(
    lagen: Sequence[Laag], *, titel: str, extent: tuple[float, float, float, float] | None
) -> str:
    tree = "".join(
        f"<layer-tree-layer id={quoteattr(la.id)} name={quoteattr(la.titel)} "
        f'source={quoteattr(la.datasource)} providerKey="ogr" '
        f'checked="Qt::{"Checked" if la.zichtbaar else "Unchecked"}" expanded="1"/>'
        for la in lagen
    )
    basis_tree, basis_layer = _basemap("werkruimte_brt_achtergrondkaart")
    canvas = ""
    if extent is not None:
        x0, y0, x1, y1 = extent
        canvas = (
            '<mapcanvas name="theMapCanvas" annotationsVisible="1"><units>meters</units>'
            f"<extent><xmin>{x0:.1f}</xmin><ymin>{y0:.1f}</ymin><xmax>{x1:.1f}</xmax>"
            f"<ymax>{y1:.1f}</ymax></extent><rotation>0</rotation>"
            f"<destinationsrs>{_RD_NEW}</destinationsrs></mapcanvas>"
        )
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        f'<qgis projectname={quoteattr(titel)} version="{QGIS_VERSIE}">\n'
        '<homePath path=""/>\n'
        f"<title>{escape(titel)}</title>\n"
        f"<projectCrs>{_RD_NEW}</projectCrs>\n"
        f"<layer-tree-group><customproperties/>{tree}{basis_tree}</layer-tree-group>\n"
        f"{canvas}\n"
        f"<projectlayers>{''.join(_maplayer(la) for la in lagen)}{basis_layer}"
        "</projectlayers>\n"
        '<properties><Paths><Absolute type="bool">false</Absolute></Paths>'
        # QGIS reads <projectCrs> only with ProjectionsEnabled set.
        '<SpatialRefSys><ProjectionsEnabled type="int">1</ProjectionsEnabled>'
        '<ProjectCrs type="QString">EPSG:28992</ProjectCrs></SpatialRefSys>'
        '<Measurement><DistanceUnits type="QString">meters</DistanceUnits>'
        '<AreaUnits type="QString">m2</AreaUnits></Measurement></properties>\n'
        "</qgis>\n"
    )


def write_project(
    path: str | os.PathLike[str],
    lagen: Sequence[Laag],
    *,
    titel: str = "werkruimte",
    extent: tuple[float, float, float, float] | None = None,
) -> None:
    """Write a QGIS project (``.qgz``): the layers, their styles, BRT basemap, RD New.

    Parameters
    ----------
    path
        The ``.qgz`` to write (a zip holding ``werkruimte.qgs``; QGIS opens the one
        ``.qgs`` inside whatever the zip is called); the layers' ``bron`` paths are
        relative to its folder.
    lagen
        The vector layers, top of the layer panel first; the BRT-achtergrondkaart
        (PDOK, XYZ) comes last, below them.
    titel
        Project title.
    extent
        Opening view in RD New (xmin, ymin, xmax, ymax), e.g. the parcels' bounds.
    """
    target = Path(path)
    xml = _project_xml(lagen, titel=titel, extent=extent)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("werkruimte.qgs", xml)
