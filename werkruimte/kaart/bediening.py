"""The map's controls: base layers, layer control, legends, title, search, CSS.

Each control that needs its own JavaScript is a small branca ``MacroElement`` with a
template; the functions at the bottom put them on a :class:`~werkruimte.kaart._assets.Kansenkaart`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import folium
import folium.plugins
import numpy as np
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode

from werkruimte.kaart import _html
from werkruimte.kaart.stijl import (
    CLUSTER_KLEUR,
    HOTSPOT_STIJL,
    PTAL_KLEUREN,
    PTAL_LABELS,
    SCORE_KLEUREN,
    SCORE_TITEL,
    dekking_rgba,
    score_labels,
)

if TYPE_CHECKING:
    from werkruimte.kaart.lagen import Lagen

__all__ = [
    "CSS",
    "PerceelZoeker",
    "basislagen",
    "bedieningselementen",
    "legendas",
    "titel_en_reserve",
]

#: Order of the overlays in the layer control (by name prefix; base layers keep theirs).
_LAAGVOLGORDE = (
    "Kandidaten",
    "Schuifruimte",
    "Bedrijventerreinen",
    "Informele",
    "Werkbestemmingen",
    "OV-haltes",
    "OV-bereikbaarheid",
    "Glasvezeldekking",
    "Glasvezelgaten",
    "Gemeentegrenzen",
)
_SORTEER_LAGEN = """function(a, b, naamA, naamB) {
    var volgorde = %s;
    function rang(naam) {
        for (var i = 0; i < volgorde.length; i++) {
            if (naam.indexOf(volgorde[i]) === 0) { return i; }
        }
        return volgorde.length;
    }
    return rang(naamA) - rang(naamB);
}"""

# --------------------------------------------------------------------------- base layers

PDOK_BRT_URL = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/{stijl}/EPSG:3857/{{z}}/{{x}}/{{y}}.png"
)
PDOK_LUCHTFOTO_URL = (
    "https://service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0/Actueel_ortho25/EPSG:3857/{z}/{x}/{y}.jpeg"
)
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
ATTR_BRT = (
    'Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a> / '
    '<a href="https://www.pdok.nl">PDOK</a>'
)
ATTR_LUCHTFOTO = (
    'Luchtfoto &copy; <a href="https://www.beeldmateriaal.nl">Beeldmateriaal Nederland</a> / '
    '<a href="https://www.pdok.nl">PDOK</a>'
)
ATTR_OSM = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers'


#: Below this window width (px) the layer panel starts folded, so that the opening view
#: of the region is not covered (a 1400 x 1000 laptop screen). The title always starts
#: folded to one bar.
SMAL_PX = 1600


def _legenda_deel(titel: str, rijen: Sequence[tuple[str, str]], *, vorm: str) -> str:
    """The HTML of one layer's legend: a title and a swatch per row."""
    items = []
    for kleur_tekst, label in rijen:
        kleur = _html.tekst(kleur_tekst)
        if vorm == "lijn":
            swatch = f'<span class="wr-lijn" style="border-color:{kleur}"></span>'
        elif vorm == "punt":
            letter, color = kleur.split("|", 1)
            swatch = f'<span class="wr-punt" style="background:{color}">{letter}</span>'
        else:
            swatch = f'<span class="wr-vlak" style="background:{kleur}"></span>'
        items.append(f'<div class="wr-rij">{swatch}{_html.tekst(label)}</div>')
    return f'<div class="wr-legenda-titel">{_html.tekst(titel)}</div>' + "".join(items)


class _Legenda(MacroElement):
    """One legend panel: a section per layer, shown while one of its layers is on."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var delen = [
            {%- for deel in this.delen %}
                {inhoud: {{ deel[0]|tojson }},
                 lagen: [{% for l in deel[1] %}{{ l }}{{ "," if not loop.last }}{% endfor %}]}
                {{- "," if not loop.last }}
            {%- endfor %}
            ];
            var ctl = L.control({position: {{ this.position|tojson }}});
            ctl.onAdd = function() {
                var div = L.DomUtil.create('div', 'wr-legenda');
                delen.forEach(function(deel) {
                    deel.el = L.DomUtil.create('div', 'wr-legenda-deel', div);
                    deel.el.innerHTML = deel.inhoud;
                });
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            ctl.addTo(map);
            function bijwerken() {
                var iets = false;
                delen.forEach(function(deel) {
                    var aan = deel.lagen.some(function(l) { return map.hasLayer(l); });
                    deel.el.style.display = aan ? '' : 'none';
                    iets = iets || aan;
                });
                ctl.getContainer().style.display = iets ? '' : 'none';
            }
            map.on('overlayadd overlayremove', bijwerken);
            bijwerken();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, delen: Sequence[tuple[str, Sequence[Any]]], *, position: str) -> None:
        super().__init__()
        self._name = "Legenda"
        self.position = position
        self.delen = [(inhoud, [layer.get_name() for layer in lagen]) for inhoud, lagen in delen]


class _Plaatsing(MacroElement):
    """Popups pan clear of the controls; labels never overlap each other or counts.

    Cluster labels ("x ha") are placed largest cluster first; a label whose box meets
    an already placed label, a marker-cluster count or a control is hidden until a
    zoom gives it room (checked after every zoom, move and layer switch).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var smal = window.innerWidth < {{ this.smal }};
            L.Popup.mergeOptions({
                autoPanPaddingTopLeft: L.point(70, smal ? 70 : 130),
                autoPanPaddingBottomRight: L.point(smal ? 70 : 300, 60)
            });
            function ha(el) {
                return parseFloat(el.textContent.split('.').join('').replace(',', '.')) || 0;
            }
            function raakt(a, b) {
                return !(a.right <= b.left || a.left >= b.right ||
                         a.bottom <= b.top || a.top >= b.bottom);
            }
            function schik() {
                var box = map.getContainer();
                var bezet = [];
                box.querySelectorAll('.marker-cluster, .wr-hotspot, .leaflet-control, .wr-titel')
                    .forEach(
                    function(el) { if (el.offsetParent !== null) {
                        bezet.push(el.getBoundingClientRect()); } });
                var labels = Array.prototype.slice.call(box.querySelectorAll('.wr-cluster-label'));
                labels.sort(function(a, b) { return ha(b) - ha(a); });
                labels.forEach(function(el) {
                    el.classList.remove('wr-verborgen');
                    var r = el.getBoundingClientRect();
                    if (bezet.some(function(b) { return raakt(r, b); })) {
                        el.classList.add('wr-verborgen');
                    } else {
                        bezet.push(r);
                    }
                });
            }
            var wacht = null;
            function later() { clearTimeout(wacht); wacht = setTimeout(schik, 350); }
            map.on('zoomend moveend overlayadd overlayremove resize', later);
            map.whenReady(later);
            window.wrSchikLabels = schik;
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Plaatsing"
        self.smal = SMAL_PX


class _Titel(MacroElement):
    """The title block (top centre), a metric scale bar and the extra attribution."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var blok = L.DomUtil.create('div', 'wr-titel', map.getContainer());
            blok.innerHTML = {{ this.inhoud|tojson }};
            // Starts folded to one bar (name, FICTIEF); a click on it folds or unfolds.
            blok.classList.add('wr-dicht');
            var kop = blok.querySelector('.wr-kop');
            if (kop) {
                kop.addEventListener('click', function() { blok.classList.toggle('wr-dicht'); });
            }
            L.DomEvent.disableClickPropagation(blok);
            L.DomEvent.disableScrollPropagation(blok);
            L.control.scale({imperial: false, position: 'bottomleft'}).addTo(map);
            {%- if this.attributie %}
            map.attributionControl.addAttribution({{ this.attributie|tojson }});
            {%- endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, inhoud: str, attributie: str | None) -> None:
        super().__init__()
        self._name = "Titel"
        self.inhoud = inhoud
        self.attributie = attributie


class _Reserve(MacroElement):
    """Switch to the OSM base layer when the PDOK base layer loads no tile at all."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var hoofd = {{ this.hoofd }}, reserve = {{ this.reserve }};
            var geladen = 0, fouten = 0, gewisseld = false;
            hoofd.on('tileload', function() { geladen += 1; });
            hoofd.on('tileerror', function() {
                fouten += 1;
                if (!gewisseld && geladen === 0 && fouten >= 8 && map.hasLayer(hoofd)) {
                    gewisseld = true;
                    map.removeLayer(hoofd);
                    map.addLayer(reserve);
                }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, hoofd: Any, reserve: Any) -> None:
        super().__init__()
        self._name = "Reserve"
        self.hoofd = hoofd.get_name()
        self.reserve = reserve.get_name()


class PerceelZoeker(folium.plugins.Search):
    """Search parcels, clusters and werklocaties by name over all their layers.

    folium's :class:`~folium.plugins.Search` indexes one layer and adds it to the map;
    this one indexes every candidate layer by ``perceel_id`` and, when given, the
    clusters ("cluster 3"), the bedrijventerreinen and the informal werklocaties by
    name (shown or not) through leaflet-search's ``sourceData`` option. It switches
    the found layer on when it is hidden, zooms to the feature and opens its popup.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var bronnen = [
            {%- for b in this.bronnen %}
                {laag: {{ b[0] }}, veld: {{ b[1]|tojson }}}{{ "," if not loop.last }}
            {%- endfor %}
            ];
            function records() {
                var recs = {};
                bronnen.forEach(function(bron) {
                    bron.laag.eachLayer(function(f) {
                        var id = bron.veld
                            ? f.feature && f.feature.properties[bron.veld]
                            : f.options && f.options.title;
                        if (id === undefined || id === null || id === '') { return; }
                        var loc = f.getBounds ? f.getBounds().getCenter() : f.getLatLng();
                        loc.layer = f;
                        loc.laag = bron.laag;
                        recs[String(id)] = loc;
                    });
                });
                return recs;
            }
            var zoeker = new L.Control.Search({
                sourceData: function(tekst, klaar) {
                    klaar(records());
                    return {abort: function() {}};
                },
                formatData: function(recs) { return recs; },
                initial: false,
                marker: false,
                tooltipLimit: 25,
                collapsed: {{ this.collapsed|tojson }},
                position: {{ this.position|tojson }},
                textPlaceholder: {{ this.placeholder|tojson }},
                textErr: 'Niet gevonden',
                textCancel: 'Wissen',
                moveToLocation: function(latlng, titel, kaart) {
                    if (latlng.laag && !kaart.hasLayer(latlng.laag)) {
                        kaart.addLayer(latlng.laag);
                    }
                    if (latlng.layer.getBounds) {
                        kaart.fitBounds(latlng.layer.getBounds(), {maxZoom: 18, animate: false});
                    } else if (latlng.laag.zoomToShowLayer) {
                        latlng.laag.zoomToShowLayer(latlng.layer, function() {
                            latlng.layer.openPopup();
                        });
                    } else {
                        kaart.setView(latlng, 17, {animate: false});
                    }
                }
            });
            zoeker.on('search:locationfound', function(e) {
                // The popup of a GeoJSON feature is bound to its layer, not to the
                // feature: a click on the feature, propagated to its layer, opens it.
                if (e.layer && e.layer.feature) { e.layer.fire('click', {latlng: e.latlng}, true); }
            });
            map.addControl(zoeker);
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        lagen: Sequence[Any],
        *,
        search_label: str = "perceel_id",
        extra: Sequence[tuple[Any, str | None]] = (),
    ) -> None:
        super().__init__(
            layer=lagen[0] if lagen else extra[0][0],
            search_label=search_label if lagen else (extra[0][1] or "naam"),
            geom_type="Polygon",
            position="topleft",
            placeholder="Zoek perceel, cluster of werklocatie…",
            collapsed=True,
        )
        self.lagen = [layer.get_name() for layer in lagen]
        self.bronnen = [(name, search_label) for name in self.lagen] + [
            (layer.get_name(), veld) for layer, veld in extra if layer is not None
        ]


CSS = """
<style>
.wr-titel {position:absolute; top:10px; left:50%; transform:translateX(-50%); z-index:1000;
  background:rgba(255,255,255,0.94); padding:6px 12px; border-radius:6px;
  box-shadow:0 1px 5px rgba(0,0,0,0.4); font:13px/1.35 system-ui,Arial,sans-serif;
  max-width:min(640px, 60vw); text-align:center;}
.wr-titel h1 {font-size:16px; margin:0 0 2px 0; display:inline;}
.wr-titel .wr-kop {cursor:pointer; user-select:none;}
.wr-titel .wr-pijl {display:inline-block; margin-left:6px; color:#555; font-size:12px;
  transition:transform 0.15s;}
.wr-titel.wr-dicht {padding:3px 10px;}
.wr-titel.wr-dicht .wr-details {display:none;}
.wr-titel.wr-dicht .wr-pijl {transform:rotate(-90deg);}
.wr-titel.wr-dicht h1 {font-size:14px;}
.wr-verborgen {visibility:hidden;}
.wr-titel .wr-fictief {display:inline-block; margin-left:8px; background:#b2182b; color:#fff;
  font-weight:bold; padding:1px 8px; border-radius:4px; margin:2px 0; letter-spacing:0.03em;}
.wr-titel .wr-balans {font-weight:bold;}
.wr-titel .wr-klein {font-size:11px; color:#444;}
.wr-legenda {background:rgba(255,255,255,0.94); padding:6px 9px; border-radius:5px;
  box-shadow:0 1px 5px rgba(0,0,0,0.35); font:12px/1.4 system-ui,Arial,sans-serif;
  max-height:45vh; overflow-y:auto;}
.wr-legenda-deel + .wr-legenda-deel {margin-top:6px;}
.wr-legenda-titel {font-weight:bold; margin-bottom:3px;}
.wr-rij {white-space:nowrap;}
.wr-vlak {display:inline-block; width:14px; height:11px; margin-right:6px;
  border:1px solid #555; vertical-align:middle;}
.wr-lijn {display:inline-block; width:16px; height:0; margin-right:6px; border-top:3px solid;
  vertical-align:middle;}
.wr-punt, .wr-hotspot div {display:inline-block; width:16px; height:16px; border-radius:50%;
  color:#fff; font:bold 10px/16px Arial,sans-serif; text-align:center; margin-right:6px;
  border:1px solid #fff; box-shadow:0 0 2px #000;}
.wr-hotspot div {width:20px; height:20px; line-height:20px; font-size:11px; margin:0;}
.wr-cluster-label {background:rgba(255,255,255,0.8); border:1px solid #d7301f; font-size:11px;
  color:#b30000; font-weight:bold; padding:0 4px; box-shadow:none;}
.wr-popup table {border-collapse:collapse;}
.wr-popup th {text-align:left; vertical-align:top; padding:1px 8px 1px 0; white-space:nowrap;}
.wr-popup td {vertical-align:top; padding:1px 0;}
</style>
"""


# --------------------------------------------------------------------------- on the map


def basislagen(m: Any) -> tuple[Any, Any]:
    """Add the four background maps; returns the PDOK grey one and the OSM reserve."""
    grijs = folium.TileLayer(
        PDOK_BRT_URL.format(stijl="grijs"),
        attr=ATTR_BRT,
        name="BRT Achtergrondkaart (grijs)",
        max_native_zoom=19,
        max_zoom=21,
    ).add_to(m)
    folium.TileLayer(
        PDOK_BRT_URL.format(stijl="standaard"),
        attr=ATTR_BRT,
        name="BRT Achtergrondkaart (standaard)",
        max_native_zoom=19,
        max_zoom=21,
        show=False,
    ).add_to(m)
    folium.TileLayer(
        PDOK_LUCHTFOTO_URL,
        attr=ATTR_LUCHTFOTO,
        name="Luchtfoto (PDOK)",
        max_native_zoom=19,
        max_zoom=21,
        show=False,
    ).add_to(m)
    osm = folium.TileLayer(
        OSM_URL,
        attr=ATTR_OSM,
        name="OpenStreetMap (reserve)",
        max_native_zoom=19,
        max_zoom=21,
        show=False,
    ).add_to(m)
    return grijs, osm


def bedieningselementen(
    m: Any, kandidaat_lagen: Sequence[Any], *, zoekbaar: Sequence[tuple[Any, str | None]] = ()
) -> None:
    """Add the layer control, fullscreen, measure, label placement and the search.

    Parameters
    ----------
    m
        The map.
    kandidaat_lagen
        The candidate layers (searched by ``perceel_id``).
    zoekbaar
        Further layers to search, with the property that names a feature (None: the
        marker's title), e.g. the clusters by ``cluster`` and terrains by ``naam``.
    """
    sortering: dict[str, Any] = {
        "sortLayers": True,
        "sortFunction": JsCode(_SORTEER_LAGEN % json.dumps(list(_LAAGVOLGORDE))),
    }
    # Open on wide screens; folded to its button on narrow ones (hover or tap opens it).
    folium.LayerControl(
        position="topright",
        collapsed=JsCode(f"window.innerWidth < {SMAL_PX}"),  # type: ignore[arg-type]
        **sortering,
    ).add_to(m)
    _Plaatsing().add_to(m)
    folium.plugins.Fullscreen(
        position="topleft",
        title="Volledig scherm",
        title_cancel="Volledig scherm sluiten",
        force_separate_button=True,
    ).add_to(m)
    folium.plugins.MeasureControl(
        position="topleft",
        primary_length_unit="meters",
        secondary_length_unit="kilometers",
        primary_area_unit="sqmeters",
        secondary_area_unit="hectares",
        localization="nl",
    ).add_to(m)
    extra = [(layer, veld) for layer, veld in zoekbaar if layer is not None]
    if kandidaat_lagen or extra:
        PerceelZoeker(kandidaat_lagen, extra=extra).add_to(m)


def legendas(m: Any, lagen: Lagen, *, klassen: Sequence[str], kleuren: dict[str, str]) -> None:
    """Add the one legend panel: a section per layer, shown while the layer is on.

    Parameters
    ----------
    m
        The map.
    lagen
        The layers drawn (:class:`werkruimte.kaart.lagen.Lagen`).
    klassen
        The driedeling classes the terrain legend lists, in order.
    kleuren
        Colour per class.
    """
    delen: list[tuple[str, Sequence[Any]]] = []
    if lagen.kandidaat:
        rijen = list(zip(reversed(SCORE_KLEUREN), reversed(score_labels()), strict=True))
        delen.append((_legenda_deel(SCORE_TITEL, rijen, vorm="vlak"), lagen.kandidaat))
    if lagen.cluster is not None:
        rijen = [(CLUSTER_KLEUR, "cluster (getal = ha)")]
        delen.append((_legenda_deel("Schuifruimte", rijen, vorm="lijn"), [lagen.cluster]))
    if lagen.terrein is not None:
        rijen = [(kleuren[k], k) for k in klassen]
        deel = _legenda_deel("Driedeling werklocaties", rijen, vorm="vlak")
        delen.append((deel, [lagen.terrein]))
    if lagen.hotspot is not None:
        rijen = [(f"{s[0]}|{s[1]}", s[2]) for s in HOTSPOT_STIJL.values()]
        deel = _legenda_deel("Informele werklocaties", rijen, vorm="punt")
        delen.append((deel, [lagen.hotspot]))
    if lagen.ptal is not None:
        rijen = [(PTAL_KLEUREN[k], PTAL_LABELS[k]) for k in reversed(list(PTAL_KLEUREN))]
        deel = _legenda_deel("OV-bereikbaarheid (PTAL)", rijen, vorm="vlak")
        delen.append((deel, [lagen.ptal]))
    if lagen.glasvezel is not None:
        stops = np.array([1.0, 0.8, 0.6, 0.4, 0.2, 0.0])
        swatches = dekking_rgba(stops[None, :])[0]
        rijen = [
            ("#{:02x}{:02x}{:02x}".format(*rgb[:3]), f"{round(v * 100)}%")
            for rgb, v in zip(swatches.tolist(), stops, strict=True)
        ]
        delen.append((_legenda_deel("Glasvezeldekking", rijen, vorm="vlak"), [lagen.glasvezel]))
    if delen:
        _Legenda(delen, position="bottomright").add_to(m)


def titel_en_reserve(m: Any, inhoud: str, *, fictief: bool, basis: tuple[Any, Any]) -> None:
    """Add the title block (with scale bar and attribution) and the OSM fallback.

    Parameters
    ----------
    m
        The map.
    inhoud
        The title block's HTML.
    fictief
        Fictitious data: the attribution says so in red.
    basis
        The PDOK base layer and the OSM reserve (:func:`basislagen`).
    """
    attributie = (
        '<b style="color:#b2182b">fictieve gegevens (demoregio)</b>' if fictief else "werkruimte"
    )
    _Titel(inhoud, attributie).add_to(m)
    _Reserve(*basis).add_to(m)
