"""The map of a comparison: which candidate parcels came, went or stayed.

:func:`wijzigingenkaart` draws the parcels of :func:`werkruimte.vergelijk.vergelijk`
(every parcel that is a candidate in run A or B) coloured by ``wijziging``: ``erbij``
(green, a candidate in B only), ``eraf`` (red, in A only) and ``gebleven`` (grey, in
both), each its own layer, and the schuifruimte clusters of both runs (A dashed, B
solid), with a legend and a title block that gives the counts and hectares.

Like the kansenkaart it is a :class:`~werkruimte.kaart._assets.Kansenkaart`: Leaflet is
written into the HTML, so the map opens offline; only the background tiles need the
network. Every text that comes from the data (perceel ids, gemeenten, profiles, run
names) is escaped with :func:`html.escape` before it reaches the page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from werkruimte._nl import geheel, getal, getallen
from werkruimte.kaart.stijl import ERAF_KLEUR, ERBIJ_KLEUR, ONBEKEND_KLEUR, SCORE_KLEUREN

if TYPE_CHECKING:
    import geopandas as gpd

    from werkruimte.kaart._assets import Kansenkaart

__all__ = ["CLUSTER_LIJN", "WIJZIGING_KLEUREN", "WIJZIGING_LABELS", "wijzigingenkaart"]

#: Colour per ``wijziging`` (colour-blind safe, from the style table).
WIJZIGING_KLEUREN = {
    "erbij": ERBIJ_KLEUR,
    "eraf": ERAF_KLEUR,
    "gebleven": ONBEKEND_KLEUR,
}
#: Outline of the clusters: dark blue (the darkest score colour), not the kansenkaart's
#: red, so it cannot be mistaken for ``eraf``.
CLUSTER_LIJN = SCORE_KLEUREN[-1]
#: Layer and legend label per ``wijziging``; ``{a}``/``{b}`` become the run names.
WIJZIGING_LABELS = {
    "erbij": "Erbij (kandidaat in {b}, niet in {a})",
    "eraf": "Eraf (kandidaat in {a}, niet in {b})",
    "gebleven": "Gebleven (kandidaat in beide)",
}
#: Drawn bottom to top: the unchanged parcels under the changes.
_VOLGORDE = ("gebleven", "eraf", "erbij")
_STANDAARD_BEELD = [[52.1, 5.0], [52.4, 5.4]]


def _tekst(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as plain text, ``–`` where missing; :func:`lagen.geojson` escapes it."""
    if column not in frame.columns:
        return pd.Series("–", index=frame.index, dtype="string")
    return frame[column].astype("string").fillna("–")


def _getallen(values: Any, index: pd.Index, decimals: int, suffix: str = "") -> pd.Series:
    nums = pd.to_numeric(pd.Series(values, index=index), errors="coerce").astype("float64")
    return getallen(nums.where(np.isfinite(nums)), decimals, suffix).fillna("–")


def _ha(m2: pd.Series) -> float:
    return float(pd.to_numeric(m2, errors="coerce").fillna(0.0).sum()) / 1e4


def _perceel_props(p: gpd.GeoDataFrame) -> pd.DataFrame:
    idx = p.index
    out = pd.DataFrame(
        {
            "perceel_id": _tekst(p, "perceel_id"),
            "gemeente": _tekst(p, "gemeente"),
            "wijziging": _tekst(p, "wijziging"),
            "oppervlakte": _getallen(p.get("oppervlakte_m2"), idx, 0, " m²"),
        },
        index=idx,
    )
    for side in ("a", "b"):
        out[f"score_{side}"] = _getallen(p.get(f"score_{side}"), idx, 1)
        out[f"profiel_{side}"] = _tekst(p, f"profiel_{side}")
    return out


def _perceel_lagen(m: Any, p: gpd.GeoDataFrame, namen: Sequence[str]) -> dict[str, Any]:
    import folium

    from werkruimte.kaart.lagen import geojson

    a, b = (html.escape(n) for n in namen)
    velden = [
        ("perceel_id", "Perceel"),
        ("gemeente", "Gemeente"),
        ("wijziging", "Wijziging"),
        ("oppervlakte", "Oppervlakte"),
        ("score_a", f"Score {a}"),
        ("score_b", f"Score {b}"),
        ("profiel_a", f"Profiel {a}"),
        ("profiel_b", f"Profiel {b}"),
    ]
    props = _perceel_props(p)
    lagen: dict[str, Any] = {}
    for w in _VOLGORDE:
        keep = (p["wijziging"].astype("string") == w).fillna(False).to_numpy(dtype=bool)
        data = geojson(p.geometry.to_numpy()[keep], props[keep], tolerance=1.0, decimals=6)
        if not data["features"]:
            continue
        kleur = WIJZIGING_KLEUREN[w]
        naam = f"{WIJZIGING_LABELS[w].format(a=a, b=b)}: {geheel(int(keep.sum()))}"
        lagen[w] = folium.GeoJson(
            data,
            name=f"{naam} ({getal(_ha(p.loc[keep, 'oppervlakte_m2']), 1)} ha)",
            style_function=lambda _f, k=kleur, g=(w == "gebleven"): {
                "color": k,
                "weight": 1 if g else 1.5,
                "fillColor": k,
                "fillOpacity": 0.35 if g else 0.7,
            },
            tooltip=folium.GeoJsonTooltip(
                fields=[f for f, _ in velden], aliases=[al for _, al in velden], localize=False
            ),
        ).add_to(m)
    return lagen


def _cluster_lagen(m: Any, clusters: gpd.GeoDataFrame | None, namen: Sequence[str]) -> list[Any]:
    import folium

    from werkruimte.kaart.lagen import geojson

    if clusters is None or not len(clusters) or "run" not in clusters.columns:
        return []
    out = []
    for i, naam in enumerate(namen):
        c = clusters[clusters["run"].astype("string") == naam]
        if not len(c):
            continue
        ha = (
            pd.to_numeric(c["oppervlakte_ha"], errors="coerce")
            if "oppervlakte_ha" in c.columns
            else pd.Series(np.nan, index=c.index)
        )
        props = pd.DataFrame(
            {
                "cluster": _tekst(c, "cluster_id"),
                "oppervlakte": _getallen(ha, c.index, 2, " ha"),
                "gemeenten": _tekst(c, "gemeenten"),
            },
            index=c.index,
        )
        data = geojson(c.geometry.to_numpy(), props, tolerance=2.0, decimals=5)
        if not data["features"]:
            continue
        stijl = {"color": CLUSTER_LIJN, "weight": 2.5, "fill": False}
        if i == 0:
            stijl["dashArray"] = "6 4"
        label = f"Schuifruimte-clusters {html.escape(naam)}"
        out.append(
            folium.GeoJson(
                data,
                name=f"{label} ({getal(float(ha.fillna(0).sum()), 1)} ha)",
                style_function=lambda _f, s=stijl: s,
                tooltip=folium.GeoJsonTooltip(
                    fields=["cluster", "oppervlakte", "gemeenten"],
                    aliases=[f"Cluster ({html.escape(naam)})", "Oppervlakte", "Gemeenten"],
                    localize=False,
                ),
            ).add_to(m)
        )
    return out


class _Blok(MacroElement):
    """The title block (top centre) and the legend (bottom right) of the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var blok = L.DomUtil.create('div', 'wr-titel', map.getContainer());
            blok.innerHTML = {{ this.titel|tojson }};
            L.DomEvent.disableClickPropagation(blok);
            var ctl = L.control({position: 'bottomright'});
            ctl.onAdd = function() {
                var div = L.DomUtil.create('div', 'wr-legenda');
                div.innerHTML = {{ this.legenda|tojson }};
                return div;
            };
            ctl.addTo(map);
            L.control.scale({imperial: false, position: 'bottomleft'}).addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, titel: str, legenda: str) -> None:
        super().__init__()
        self._name = "WijzigingenBlok"
        self.titel = titel
        self.legenda = legenda


def _titel(p: gpd.GeoDataFrame, namen: Sequence[str], fictief: bool) -> str:
    a, b = (html.escape(n) for n in namen)
    parts = [f"<h1>Vergelijking van kandidaten: {a} → {b}</h1>"]
    if fictief:
        parts.append(
            '<div class="wr-fictief">FICTIEVE GEGEVENS – demoregio, geen echte percelen</div>'
        )
    regels = []
    for w in ("erbij", "eraf", "gebleven"):
        keep = (p["wijziging"].astype("string") == w).fillna(False).to_numpy(dtype=bool)
        ha = getal(_ha(p.loc[keep, "oppervlakte_m2"]), 1)
        regels.append(f"{geheel(int(keep.sum()))} {w} ({ha} ha)")
    parts.append(f'<div class="wr-balans">{", ".join(regels)}</div>')
    parts.append(
        '<div class="wr-klein">Alle percelen die in minstens één van beide runs kandidaat '
        "zijn; oppervlakte is de som van de percelen.</div>"
    )
    return "".join(parts)


def _legenda(namen: Sequence[str]) -> str:
    a, b = (html.escape(n) for n in namen)
    rijen = [
        f'<div class="wr-rij"><span class="wr-vlak" style="background:{WIJZIGING_KLEUREN[w]}">'
        f"</span>{WIJZIGING_LABELS[w].format(a=a, b=b)}</div>"
        for w in ("erbij", "eraf", "gebleven")
    ]
    rijen += [
        f'<div class="wr-rij"><span class="wr-lijn" style="border-color:{CLUSTER_LIJN};'
        f'border-top-style:{stijl}"></span>schuifruimte-cluster {naam}</div>'
        for naam, stijl in ((a, "dashed"), (b, "solid"))
    ]
    return '<div class="wr-legenda-titel">Wijziging</div>' + "".join(rijen)


def wijzigingenkaart(
    percelen: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None = None,
    *,
    namen: tuple[str, str] = ("A", "B"),
    fictief: bool = False,
    inline: bool = True,
) -> Kansenkaart:
    """Draw what changed between two runs: parcels erbij, eraf and gebleven, and clusters.

    Parameters
    ----------
    percelen
        ``Vergelijking.percelen`` (:func:`werkruimte.vergelijk.vergelijk_percelen`):
        ``perceel_id``, ``gemeente``, ``oppervlakte_m2``, ``wijziging``, ``score_a/_b``,
        ``profiel_a/_b``, polygons with a CRS (drawn in WGS84).
    clusters
        ``Vergelijking.clusters``: the clusters of both runs, column ``run`` holding
        the run's name (one of ``namen``); or None.
    namen
        The names of run A and run B, for layers, legend and tooltips.
    fictief
        The runs used fictitious data: the title says so.
    inline
        True (default): Leaflet written into the HTML (works offline); False: CDN links.

    Returns
    -------
    Kansenkaart
        A :class:`folium.Map`; ``kaart.save("vergelijking.html")`` writes it.

    Examples
    --------
    >>> from werkruimte.run import lees_run  # doctest: +SKIP
    >>> from werkruimte.vergelijk import vergelijk  # doctest: +SKIP
    >>> v = vergelijk(lees_run("output/basis"), lees_run("output/ov3"))  # doctest: +SKIP
    >>> wijzigingenkaart(v.percelen, v.clusters, namen=v.namen).save("w.html")  # doctest: +SKIP
    """
    import folium
    from branca.element import Figure

    from werkruimte.kaart import bediening
    from werkruimte.kaart._assets import Kansenkaart, RawHtml
    from werkruimte.kaart.lagen import bounds_latlon
    from werkruimte.sources._common import ensure_rd

    p = ensure_rd(percelen, what="vergelijking (percelen)") if len(percelen) else percelen
    c = ensure_rd(clusters, what="vergelijking (clusters)") if clusters is not None else None
    c = c if c is not None and len(c) else None
    if len(p):
        box = bounds_latlon(p.total_bounds)
    elif c is not None:
        box = bounds_latlon(c.total_bounds)
    else:
        box = _STANDAARD_BEELD
    centre = [(box[0][0] + box[1][0]) / 2.0, (box[0][1] + box[1][1]) / 2.0]
    m = Kansenkaart(location=centre, zoom_start=11, tiles=None, prefer_canvas=True, inline=inline)
    root = m.get_root()
    assert isinstance(root, Figure)
    titel = f"Vergelijking {namen[0]} → {namen[1]}" + (" (fictieve gegevens)" if fictief else "")
    root.title = html.escape(titel)
    root.header.add_child(RawHtml(bediening.CSS), name="werkruimte_css")
    bediening.basislagen(m)
    _cluster_lagen(m, c, namen)
    if len(p):
        _perceel_lagen(m, p, namen)
    folium.LayerControl(position="topright", collapsed=False).add_to(m)
    _Blok(_titel(p, namen, fictief), _legenda(namen)).add_to(m)
    m.fit_bounds(box)
    return m
