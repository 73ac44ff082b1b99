"""Static maps per gemeente for reports (matplotlib figures, not written here).

:func:`figuren_per_gemeente` makes one figure per gemeente and yields it with its
file name; the caller writes it (:func:`werkruimte.export.figuren.write_png`), so
every file write stays in :mod:`werkruimte.export`. The figures use the Agg canvas
directly (no pyplot, no GUI backend) and the colours of :mod:`werkruimte.kaart.stijl`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte._nl import datum
from werkruimte.kaart._invoer import (
    gescoorde_percelen,
    ha_kort,
    kandidaten,
    klassen_van,
    slug,
)
from werkruimte.kaart.stijl import (
    CLUSTER_KLEUR,
    ONBEKEND_KLEUR,
    SCORE_KLEUREN,
    klasse_kleuren,
    score_kleur,
    score_labels,
)
from werkruimte.sources._common import RD_NEW, ensure_rd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from werkruimte.regio import Regio

__all__ = ["PngKaart", "figuren_per_gemeente"]

#: Size of a map (inches) and its resolution: 1200 x 1290 pixels.
FIGUUR_INCH = (8.0, 8.6)
FIGUUR_DPI = 150


class PngKaart(NamedTuple):
    """One static map: the gemeente, the file name to write it under, the figure."""

    gemeente: str
    bestand: str
    figuur: Figure


@dataclass(frozen=True)
class _Inhoud:
    """What every map of one region draws (in RD New), prepared once."""

    kand: gpd.GeoDataFrame
    terreinen: gpd.GeoDataFrame | None
    clusters: gpd.GeoDataFrame | None
    gemeenten: gpd.GeoDataFrame | None
    klassen: list[str]
    kleuren: dict[str, str]
    met_tabel: bool
    fictief: bool
    vandaag: str


def figuren_per_gemeente(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None = None,
    tabel: gpd.GeoDataFrame | None = None,
) -> Iterator[PngKaart]:
    """A static map per gemeente for reports (matplotlib, Agg).

    Each map shows the gemeente's boundary (neighbours in grey), the bedrijventerreinen
    by driedeling class, the candidate parcels coloured by score (the same bands as the
    kansenkaart), the schuifruimte clusters outlined with their hectares, a title with
    the gemeente's name (and "fictieve gegevens" for the demo region), a legend and a
    scale bar.

    Parameters
    ----------
    regio
        The region; ``regio.gemeenten`` gives the maps (one per row). Without
        gemeenten, one map per ``percelen["gemeente"]`` value over its parcels.
    percelen
        Scored parcels (``perceel_id``, ``kandidaat``, ``score``, geometry).
    clusters
        Schuifruimte clusters, or None.
    tabel
        The driedeling table, or None (terrains in grey).

    Returns
    -------
    Iterator of PngKaart
        ``(gemeente, bestand, figuur)`` per map, in the order of ``regio.gemeenten``,
        each made when the iterator reaches it; ``bestand`` is
        ``kansenkaart_<gemeente>.png``, unique within the run. Write the figure with
        :func:`werkruimte.export.figuren.write_png`.

    Raises
    ------
    InputError
        When ``percelen`` lacks ``perceel_id``, ``kandidaat`` or ``score`` (at the
        call, before any figure is made).
    """
    percelen = gescoorde_percelen(percelen)
    inhoud = _inhoud(regio, percelen, clusters, tabel)
    return _figuren(_gebieden(regio, percelen), inhoud)


def _figuren(gebieden: list[tuple[str, Any]], inhoud: _Inhoud) -> Iterator[PngKaart]:
    """One figure at a time, so a region with many gemeenten keeps one in memory."""
    used: set[str] = set()
    for naam, geom in gebieden:  # one figure per gemeente, not per parcel
        if geom is None or shapely.is_empty(geom):
            continue
        naam_slug = slug(naam)
        while naam_slug in used:
            naam_slug += "-2"
        used.add(naam_slug)
        yield PngKaart(naam, f"kansenkaart_{naam_slug}.png", _figuur(naam, geom, inhoud))


def _inhoud(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None,
    tabel: gpd.GeoDataFrame | None,
) -> _Inhoud:
    kand = kandidaten(percelen)
    kand = kand.assign(_kleur=score_kleur(kand["score"]))
    klassen = klassen_van(regio, tabel)
    kleuren = klasse_kleuren(klassen)
    terreinen: gpd.GeoDataFrame | None
    if tabel is not None and {"soort", "klasse"} <= set(tabel.columns):
        t = ensure_rd(gpd.GeoDataFrame(tabel, geometry="geometry"), what="driedeling")
        t = t.loc[np.isin(shapely.get_type_id(t.geometry.to_numpy()), (3, 6))]
        terreinen = t.assign(
            _kleur=t["klasse"].astype("string").map(lambda k: kleuren.get(str(k), ONBEKEND_KLEUR))
        )
    else:
        b = regio.bedrijventerreinen
        terreinen = b.assign(_kleur=ONBEKEND_KLEUR) if b is not None and len(b) else None
    gem = regio.gemeenten
    return _Inhoud(
        kand=kand,
        terreinen=terreinen,
        clusters=ensure_rd(clusters, what="schuifruimte-clusters")
        if clusters is not None
        else None,
        gemeenten=gem if gem is not None and len(gem) else None,
        klassen=klassen,
        kleuren=kleuren,
        met_tabel=tabel is not None,
        fictief=bool(regio.config.fictief),
        vandaag=datum(date.today()),
    )


def _gebieden(regio: Regio, percelen: gpd.GeoDataFrame) -> list[tuple[str, Any]]:
    """(name, area) per map: the gemeenten, else the extent of each gemeente's parcels."""
    gem = regio.gemeenten
    if gem is not None and len(gem):
        return [(str(n), g) for n, g in zip(gem["gemeente"], gem.geometry, strict=True)]
    gebieden = []
    if "gemeente" in percelen.columns:
        for n, grp in percelen.groupby(percelen["gemeente"].astype(str)):  # per gemeente
            x0, y0, x1, y1 = (float(v) for v in grp.total_bounds)
            gebieden.append((str(n), shapely.box(x0, y0, x1, y1)))
    return gebieden


def _figuur(naam: str, geom: Any, inhoud: _Inhoud) -> Figure:
    """The map of one gemeente."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    gx0, gy0, gx1, gy1 = shapely.bounds(geom).tolist()
    pad = max(gx1 - gx0, gy1 - gy0) * 0.04
    bbox = (gx0 - pad, gy0 - pad, gx1 + pad, gy1 + pad)
    fig = Figure(figsize=FIGUUR_INCH, dpi=FIGUUR_DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.02, 0.12, 0.96, 0.8))
    if inhoud.gemeenten is not None:
        inhoud.gemeenten.boundary.plot(ax=ax, color="#bdbdbd", linewidth=0.6)
    t_box = _in_box(inhoud.terreinen, bbox)
    if t_box is not None:
        t_box.plot(ax=ax, color=t_box["_kleur"].tolist(), alpha=0.45, linewidth=0)
        t_box.boundary.plot(ax=ax, color=t_box["_kleur"].tolist(), linewidth=0.8)
    k_box = _in_box(inhoud.kand, bbox)
    if k_box is not None:
        k_box.plot(ax=ax, color=k_box["_kleur"].tolist(), edgecolor="#252525", linewidth=0.3)
    gpd.GeoSeries([geom], crs=RD_NEW).boundary.plot(ax=ax, color="#252525", linewidth=1.5)
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])
    ax.set_aspect("equal")
    ax.set_axis_off()
    c_box = _in_box(inhoud.clusters, bbox)
    if c_box is not None:
        _clusters(ax, c_box)
        ax.set_xlim(bbox[0], bbox[2])
        ax.set_ylim(bbox[1], bbox[3])
    _scale_bar(ax, *bbox[0::2], *bbox[1::2])
    fig.suptitle(f"{naam} – kansen voor werk", fontsize=14, fontweight="bold", y=0.975)
    if inhoud.fictief:
        fig.text(0.5, 0.935, "fictieve gegevens (demoregio)", color="#b2182b", ha="center")
    fig.legend(handles=_legenda(inhoud), loc="lower center", ncol=4, fontsize=7, frameon=False)
    fig.text(
        0.99,
        0.005,
        f"werkruimte · {inhoud.vandaag}" + (" · fictieve gegevens" if inhoud.fictief else ""),
        fontsize=6,
        ha="right",
        color="#555555",
    )
    return fig


def _clusters(ax: Axes, c_box: gpd.GeoDataFrame) -> None:
    """Cluster outlines, each labelled with its hectares, labels never overlapping.

    As on the interactive map: the largest cluster is labelled first; each label tries
    above its cluster, then below, right and left, and takes the first place where it
    meets no label placed before; when none is free it is left out (the outline and
    the legend still show the cluster). Call after the axes' extent is set.
    """
    c_box.boundary.plot(ax=ax, color=CLUSTER_KLEUR, linewidth=1.4)
    if "oppervlakte_ha" in c_box.columns:
        ha = pd.to_numeric(c_box["oppervlakte_ha"], errors="coerce").to_numpy()
    else:
        ha = shapely.area(c_box.geometry.to_numpy()) / 1e4
    cb = shapely.bounds(c_box.geometry.to_numpy())
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    placed: list[Any] = []
    for i in np.argsort(-np.nan_to_num(ha, nan=-1.0), kind="stable"):  # a few per gemeente
        x0, y0, x1, y1 = cb[i]
        cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
        plekken = (
            ((cx, y1), (0, 2), "center", "bottom"),
            ((cx, y0), (0, -2), "center", "top"),
            ((x1, cy), (3, 0), "left", "center"),
            ((x0, cy), (-3, 0), "right", "center"),
        )
        for xy, offset, h_al, v_al in plekken:
            tekst = ax.annotate(
                f"{ha_kort(float(ha[i]))} ha",
                xy,
                xytext=offset,
                textcoords="offset points",
                fontsize=7,
                color="#b30000",
                ha=h_al,
                va=v_al,
                fontweight="bold",
            )
            box = tekst.get_window_extent(renderer).expanded(1.05, 1.1)
            if not any(box.overlaps(b) for b in placed):
                placed.append(box)
                break
            tekst.remove()


def _legenda(inhoud: _Inhoud) -> list[Any]:
    """Legend entries: score bands, driedeling classes, cluster and boundary lines."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = [
        Patch(facecolor=c, edgecolor="#252525", label=f"score {lab}")
        for c, lab in zip(reversed(SCORE_KLEUREN), reversed(score_labels()), strict=True)
    ]
    if inhoud.terreinen is not None:
        names = inhoud.klassen if inhoud.met_tabel else ["bedrijventerrein"]
        handles += [
            Patch(facecolor=inhoud.kleuren.get(k, ONBEKEND_KLEUR), alpha=0.6, label=k)
            for k in names
        ]
    handles += [
        Line2D([], [], color=CLUSTER_KLEUR, linewidth=1.5, label="schuifruimte-cluster"),
        Line2D([], [], color="#252525", linewidth=1.5, label="gemeentegrens"),
    ]
    return handles


def _scale_bar(ax: Axes, x0: float, x1: float, y0: float, y1: float) -> None:
    """A scale bar in the lower left corner (RD New is in metres)."""
    target = (x1 - x0) / 5.0
    exp = 10.0 ** math.floor(math.log10(target))
    length = max(s * exp for s in (1.0, 2.0, 5.0) if s * exp <= target)
    bx = x0 + (x1 - x0) * 0.04
    by = y0 + (y1 - y0) * 0.04
    h = (y1 - y0) * 0.008
    half = length / 2.0
    ax.add_patch(_rect(bx, by, half, h, "black"))
    ax.add_patch(_rect(bx + half, by, half, h, "white"))
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    ax.text(bx, by + h * 2.2, "0", fontsize=7, ha="center")
    ax.text(bx + length, by + h * 2.2, label, fontsize=7, ha="center")


def _rect(x: float, y: float, w: float, h: float, face: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=face, edgecolor="black", linewidth=0.6)


def _in_box(gdf: gpd.GeoDataFrame | None, bbox: Sequence[float]) -> gpd.GeoDataFrame | None:
    if gdf is None or not len(gdf):
        return None
    hits = gdf.sindex.query(shapely.box(bbox[0], bbox[1], bbox[2], bbox[3]), predicate="intersects")
    return gdf.iloc[np.sort(hits)] if len(hits) else None
