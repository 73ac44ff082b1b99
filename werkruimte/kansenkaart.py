"""Kansenkaart: the interactive folium map and static PNG maps per gemeente.

:func:`kansenkaart` draws everything the Werkgroep Werklandschappen reviews in one
``folium.Map``: the candidate parcels per profile coloured by score, the schuifruimte
clusters with their hectares, the bedrijventerreinen coloured by driedeling class, the
werkbestemmingen, the informal werklocaties, OV stops and a PTAL grid, glasvezel
coverage and gaps, and the gemeente boundaries, each toggleable in the layer control,
with legends, popups (``uitleg`` and ``rang_stabiliteit``), a title block with the
demand comparison, and fullscreen, measure and search-by-perceel-id controls.

Offline by default
------------------
folium links Leaflet and its plugins from CDNs. The map is meant to be opened on an
intranet laptop, and tests run without internet, so with ``inline=True`` (default) the
JavaScript and CSS come from ``werkruimte/static/`` (Leaflet 1.9.4, markercluster,
fullscreen, measure, search; MIT/BSD, see ``static/README.md``) and are written into
the HTML itself (about 0.4 MB). Images that the CSS refers to become data URIs.
jQuery, Bootstrap and Font Awesome, which folium links by default, are not needed by
anything on this map and are left out. Only the background tiles (PDOK, OSM) need
the network; without it the overlays still work.

Size
----
Only candidate parcels are drawn as polygons (not the tens of thousands of other
parcels). Geometry is simplified in RD New (1 m for parcels, 2-5 m for the other
layers) before it is projected to WGS84, coordinates are rounded to 6 decimals
(about 0.1 m) for parcels and 5 (about 1 m) for the rest, and every GeoJSON feature
carries only the properties its popup or tooltip shows.

:func:`png_per_gemeente` writes one static PNG per gemeente (matplotlib, Agg) for reports.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import math
import re
import struct
import warnings
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import branca.colormap
import folium
import folium.plugins
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from affine import Affine
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from folium.utilities import JsCode
from pyproj import Transformer

from werkruimte.errors import InputError
from werkruimte.sources._common import RD_NEW, ensure_rd

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from werkruimte.regio import Regio
    from werkruimte.schuifruimte import Balans

__all__ = [
    "Kansenkaart",
    "PerceelZoeker",
    "balans_tekst",
    "dekking_rgba",
    "inline_assets_html",
    "kansenkaart",
    "klasse_kleuren",
    "png_per_gemeente",
    "score_kleur",
]

log = logging.getLogger(__name__)

WGS84 = "EPSG:4326"

# --------------------------------------------------------------------------- styling

#: Score bands (lower bounds; the last band is open) and their colours (YlGnBu).
SCORE_GRENZEN = (0.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0)
SCORE_KLEUREN = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
#: The score legend as a branca colormap (the same bands the map and the PNGs use).
SCORE_SCHAAL = branca.colormap.StepColormap(
    list(SCORE_KLEUREN),
    index=list(SCORE_GRENZEN),
    vmin=0.0,
    vmax=100.0,
    caption="Score kandidaten (0-100)",
)

#: Colours of the default driedeling classes; other class names take _EXTRA_KLEUREN.
DRIEDELING_KLEUREN = {
    "behouden": "#2166ac",
    "menging": "#9970ab",
    "transformatie": "#d6604d",
}
_EXTRA_KLEUREN = ("#1b9e77", "#d95f02", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")
_ONBEKEND_KLEUR = "#969696"

#: TfL PTAL bands, from no access (dark blue) to excellent (dark red).
PTAL_KLEUREN = {
    "0": "#1d2b6e",
    "1a": "#2166ac",
    "1b": "#4393c3",
    "2": "#92c5de",
    "3": "#a6d96a",
    "4": "#fee08b",
    "5": "#fdae61",
    "6a": "#f46d43",
    "6b": "#a50026",
}
_PTAL_LABELS = {
    "0": "0 (geen)",
    "1a": "1a (zeer slecht)",
    "1b": "1b (zeer slecht)",
    "2": "2 (slecht)",
    "3": "3 (matig)",
    "4": "4 (goed)",
    "5": "5 (zeer goed)",
    "6a": "6a (uitstekend)",
    "6b": "6b (uitstekend)",
}

#: Informal werklocatie types: letter on the marker, colour, label.
HOTSPOT_STIJL = {
    "broedplaats": ("B", "#e7298a", "broedplaats"),
    "flexplek": ("F", "#1b9e77", "flexplek"),
    "bedrijfsverzamelgebouw": ("V", "#7570b3", "bedrijfsverzamelgebouw"),
    "centrumlocatie": ("C", "#d95f02", "centrumlocatie"),
    "ov-knooppunt": ("O", "#1f78b4", "OV-knooppunt"),
    "concentratie aan uitvalsweg": ("U", "#525252", "concentratie aan uitvalsweg"),
}
_HOTSPOT_ANDERS = ("?", "#969696", "overig")

#: Werkbestemmingen per IMRO2012 hoofdgroep, in the style of the SVBP2012 colours.
BESTEMMING_KLEUREN = {
    "bedrijf": "#b45fd2",
    "bedrijventerrein": "#9440b4",
    "kantoor": "#ebc3d7",
    "gemengd": "#ffbe87",
    "centrum": "#ffc8be",
    "dienstverlening": "#f091be",
}

_CLUSTER_KLEUR = "#d7301f"
_GAT_KLEUR = "#b2182b"

#: Simplification tolerance (m, in RD New) and WGS84 decimals per kind of layer.
_TOL_PERCEEL, _DEC_PERCEEL = 1.0, 6
_TOL_VLAK, _DEC_VLAK = 2.0, 5
_TOL_GRENS, _DEC_GRENS = 5.0, 5

#: PTAL grid: cell side (m) and the most cells it may have (the side grows beyond).
PTAL_CEL_M = 250.0
_PTAL_MAX_CELLEN = 40_000
#: Longest side (pixels) of the glasvezel image overlay.
_GLASVEZEL_MAX_PX = 2000

_MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

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


# =========================================================================== offline assets


@dataclass(frozen=True)
class _Bundel:
    """A vendored library: its files in werkruimte/static and what folium calls it."""

    key: str
    js: tuple[str, ...]
    css: tuple[str, ...]
    names: tuple[str, ...]
    url_pattern: str


#: In load order (Leaflet first).
_BUNDELS = (
    _Bundel(
        "leaflet",
        js=("leaflet/leaflet.js",),
        css=("leaflet/leaflet.css",),
        names=("leaflet", "leaflet_css"),
        url_pattern=r"/leaflet(@[\d.]+)?/dist/leaflet\.(js|css)$",
    ),
    _Bundel(
        "markercluster",
        js=("leaflet.markercluster/leaflet.markercluster.js",),
        css=(
            "leaflet.markercluster/MarkerCluster.css",
            "leaflet.markercluster/MarkerCluster.Default.css",
        ),
        names=("markerclusterjs", "markerclustercss", "markerclusterdefaultcss"),
        url_pattern=r"leaflet\.markercluster",
    ),
    _Bundel(
        "fullscreen",
        js=("leaflet.fullscreen/Control.FullScreen.js",),
        css=("leaflet.fullscreen/Control.FullScreen.css",),
        names=("Control.Fullscreen.js", "Control.FullScreen.js", "Control.FullScreen.css"),
        url_pattern=r"leaflet\.fullscreen",
    ),
    _Bundel(
        "measure",
        js=("leaflet-measure/leaflet-measure.min.js",),
        css=("leaflet-measure/leaflet-measure.css",),
        names=("leaflet_measure_js", "leaflet_measure_css"),
        url_pattern=r"leaflet-measure",
    ),
    _Bundel(
        "search",
        js=("leaflet-search/dist/leaflet-search.min.js",),
        css=("leaflet-search/dist/leaflet-search.min.css",),
        names=("Leaflet.Search.js", "Leaflet.Search.css"),
        url_pattern=r"leaflet-search",
    ),
)

#: folium's default libraries that nothing on the kansenkaart uses.
_OVERBODIG = frozenset(
    {
        "jquery",
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)

_MIME = {".png": "image/png", ".gif": "image/gif", ".svg": "image/svg+xml"}
_CSS_URL = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")
_SOURCEMAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


def _static(rel: str) -> Any:
    return resources.files("werkruimte").joinpath("static", *rel.split("/"))


def _data_uri(rel: str) -> str:
    suffix = Path(rel).suffix.lower()
    data = base64.b64encode(_static(rel).read_bytes()).decode("ascii")
    return f"data:{_MIME.get(suffix, 'application/octet-stream')};base64,{data}"


@cache
def _css_text(rel: str) -> str:
    """A vendored CSS file with its relative url(...) references as data URIs."""
    folder = rel.rsplit("/", 1)[0]
    text = _static(rel).read_text("utf-8")

    def swap(m: re.Match[str]) -> str:
        ref = m.group(2).strip()
        if ref.startswith(("data:", "#", "http:", "https:", "//")):
            return m.group(0)
        parts = [*folder.split("/"), *ref.split("/")]
        norm: list[str] = []
        for part in parts:
            if part == "..":
                norm.pop()
            elif part not in ("", "."):
                norm.append(part)
        target = "/".join(norm)
        if not _static(target).is_file():
            return m.group(0)
        return f'url("{_data_uri(target)}")'

    return _CSS_URL.sub(swap, text)


@cache
def _js_text(rel: str) -> str:
    text = _SOURCEMAP.sub("", _static(rel).read_text("utf-8"))
    # Defensive: a literal "</script" would end the inline <script> element.
    return text.replace("</script", "<\\/script")


@cache
def _leaflet_icon_fix() -> str:
    """Point L.Icon.Default at data URIs, so default markers work without files."""
    return (
        "L.Icon.Default.imagePath = '';\n"
        "L.Icon.Default.mergeOptions({"
        f"iconUrl: '{_data_uri('leaflet/images/marker-icon.png')}', "
        f"iconRetinaUrl: '{_data_uri('leaflet/images/marker-icon-2x.png')}', "
        f"shadowUrl: '{_data_uri('leaflet/images/marker-shadow.png')}'"
        "});"
    )


@cache
def _licentie(bundel: _Bundel) -> str:
    """The library's licence text as a comment (MIT/BSD: the notice goes with copies)."""
    folder = bundel.js[0].split("/", 1)[0]
    text = _static(f"{folder}/LICENSE").read_text("utf-8").replace("*/", "* /")
    return f"/* {folder} (werkruimte/static/{folder}/LICENSE):\n{text.strip()}\n*/"


def _bundel_for(name: str, url: str) -> _Bundel | None:
    for bundel in _BUNDELS:
        if name in bundel.names or re.search(bundel.url_pattern, url):
            return bundel
    return None


def _walk(root: Any) -> Iterator[Any]:
    stack = [root]
    while stack:
        element = stack.pop()
        yield element
        stack.extend(reversed(list(getattr(element, "_children", {}).values())))


def inline_assets_html(keys: Sequence[str]) -> str:
    """The ``<style>``/``<script>`` block with the vendored libraries ``keys``.

    Parameters
    ----------
    keys
        Bundle keys (``leaflet``, ``markercluster``, ``fullscreen``, ``measure``,
        ``search``); they are written in load order, Leaflet first.

    Returns
    -------
    str
        HTML for the page header.
    """
    wanted = set(keys) | {"leaflet"}
    parts = ["<!-- werkruimte: bibliotheken ingebed (offline); licenties in werkruimte/static -->"]
    for bundel in _BUNDELS:
        if bundel.key not in wanted:
            continue
        parts.append(f"<script>{_licentie(bundel)}</script>")
        for rel in bundel.css:
            parts.append(f"<style>/* {rel} */\n{_css_text(rel)}\n</style>")
        for rel in bundel.js:
            parts.append(f"<script>/* {rel} */\n{_js_text(rel)}\n</script>")
        if bundel.key == "leaflet":
            parts.append(f"<script>{_leaflet_icon_fix()}</script>")
    return "\n".join(parts)


class _RawHtml(Element):
    """An element that renders a fixed string (no template processing)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class Kansenkaart(folium.Map):
    """A ``folium.Map`` that can embed its JavaScript and CSS (works offline).

    Parameters
    ----------
    inline
        True: replace folium's CDN links by the vendored files in
        ``werkruimte/static`` written into the page; False: keep the CDN links.
    *args, **kwargs
        Passed on to :class:`folium.Map`.
    """

    def __init__(self, *args: Any, inline: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inline = inline
        self._ingebed: set[str] = set()

    def render(self, **kwargs: Any) -> Any:
        """Render into the figure; with ``inline`` the libraries are embedded first."""
        if self.inline:
            self._embed_assets()
        return super().render(**kwargs)

    def _embed_assets(self) -> None:
        for element in _walk(self):
            for attr in ("default_js", "default_css"):
                links = getattr(element, attr, None)
                if not links:
                    continue
                keep = []
                for name, url in links:
                    bundel = _bundel_for(str(name), str(url))
                    if bundel is not None:
                        self._ingebed.add(bundel.key)
                    elif name not in _OVERBODIG:
                        log.warning("kansenkaart: %s (%s) niet ingebed, blijft een link", name, url)
                        keep.append((name, url))
                setattr(element, attr, keep)
        root = self.get_root()
        assert isinstance(root, Figure), "de kaart hoort in een branca Figure"
        root.header.add_child(
            _RawHtml(inline_assets_html(sorted(self._ingebed))),
            name="werkruimte_bibliotheken",
            index=0,
        )


# =========================================================================== small helpers


def _getal(value: float, decimals: int = 1) -> str:
    """Dutch number: thousands with '.', decimals with ',' (1234.5 -> '1.234,5')."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _ha(value: float) -> str:
    """Hectares with one decimal, without ',0' (14.0 -> '14', 11.24 -> '11,2')."""
    text = _getal(value, 1)
    return text[:-2] if text.endswith(",0") else text


def _getallen(values: pd.Series, decimals: int = 1, suffix: str = "") -> pd.Series:
    nums = pd.to_numeric(values, errors="coerce").astype("float64")
    text = nums.map(lambda v: _getal(v, decimals) + suffix if np.isfinite(v) else "–")
    return text.astype("string")


def _tekst(frame: pd.DataFrame, column: str, default: str = "–") -> pd.Series:
    if column not in frame.columns:
        return pd.Series(default, index=frame.index, dtype="string")
    out = frame[column].astype("string").fillna(default)
    return out.map(html.escape).astype("string")


def _datum_nl(day: date) -> str:
    return f"{day.day} {_MAANDEN[day.month - 1]} {day.year}"


def _slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "gemeente"


def score_kleur(scores: pd.Series | np.ndarray) -> np.ndarray:
    """Colour (hex) of each score by the bands :data:`SCORE_GRENZEN`; grey for NaN."""
    values = np.asarray(pd.to_numeric(pd.Series(scores), errors="coerce"), dtype="float64")
    band = np.clip(np.digitize(values, SCORE_GRENZEN[1:-1]), 0, len(SCORE_KLEUREN) - 1)
    out = np.asarray(SCORE_KLEUREN, dtype=object)[band]
    out[~np.isfinite(values)] = _ONBEKEND_KLEUR
    return out


def _score_labels() -> list[str]:
    labels = []
    for i in range(len(SCORE_KLEUREN)):
        lo, hi = SCORE_GRENZEN[i], SCORE_GRENZEN[i + 1]
        if i == 0:
            labels.append(f"< {hi:g}")
        elif i == len(SCORE_KLEUREN) - 1:
            labels.append(f"≥ {lo:g}")
        else:
            labels.append(f"{lo:g}–{hi:g}")
    return labels


def klasse_kleuren(klassen: Sequence[str]) -> dict[str, str]:
    """Colour per driedeling class: the defaults by name, others from a fixed palette."""
    out: dict[str, str] = {}
    extra = iter(_EXTRA_KLEUREN)
    for k in klassen:
        key = str(k)
        if key in out:
            continue
        out[key] = DRIEDELING_KLEUREN.get(key.lower()) or next(extra, _ONBEKEND_KLEUR)
    return out


def _klassen_van(regio: Regio, tabel: pd.DataFrame | None) -> list[str]:
    klassen: list[str] = []
    if tabel is not None:
        klassen = [str(k) for k in tabel.attrs.get("klassen", [])]
    if not klassen:
        cfg = regio.config.criteria.get("driedeling", {})
        klassen = [str(k) for k in cfg.get("klassen", [])]
    if tabel is not None and "klasse" in tabel.columns:
        for k in tabel["klasse"].dropna().astype(str).unique():
            if k not in klassen:
                klassen.append(k)
    return klassen


# =========================================================================== GeoJSON


def _geojson(
    geoms: np.ndarray | gpd.GeoSeries,
    props: pd.DataFrame,
    *,
    tolerance: float,
    decimals: int,
) -> dict[str, Any]:
    """A FeatureCollection dict: simplified in RD, WGS84, rounded, only ``props``.

    ``geoms`` are in RD New and aligned (by position) with ``props``. Features whose
    geometry is missing or becomes empty are left out. Feature ids are 0..n-1.
    """
    g = np.asarray(geoms, dtype=object)
    if tolerance > 0 and len(g):
        g = shapely.simplify(g, tolerance, preserve_topology=True)
    wgs = gpd.GeoSeries(g, crs=RD_NEW).to_crs(WGS84).to_numpy()
    wgs = shapely.transform(wgs, lambda c: np.round(c, decimals))
    keep = ~(shapely.is_missing(wgs) | shapely.is_empty(wgs))
    wgs = wgs[keep]
    p = props.reset_index(drop=True).loc[keep]
    if not len(wgs):
        return {"type": "FeatureCollection", "features": []}
    geometries = json.loads("[" + ",".join(shapely.to_geojson(wgs).tolist()) + "]")
    properties = json.loads(p.to_json(orient="records", force_ascii=False))
    features = [
        {"type": "Feature", "id": i, "properties": pr, "geometry": ge}
        for i, (pr, ge) in enumerate(zip(properties, geometries, strict=True))
    ]
    return {"type": "FeatureCollection", "features": features}


_TO_WGS = Transformer.from_crs(RD_NEW, WGS84, always_xy=True)


def _bounds_latlon(bounds: Sequence[float]) -> list[list[float]]:
    x0, y0, x1, y1 = bounds
    xs = np.array([x0, x1, x0, x1])
    ys = np.array([y0, y0, y1, y1])
    lon, lat = _TO_WGS.transform(xs, ys)
    return [[float(np.min(lat)), float(np.min(lon))], [float(np.max(lat)), float(np.max(lon))]]


# =========================================================================== map elements


class _Legenda(MacroElement):
    """A legend (Leaflet control) shown while one of its layers is on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var ctl = L.control({position: {{ this.position|tojson }}});
            ctl.onAdd = function() {
                var div = L.DomUtil.create('div', 'wr-legenda');
                div.innerHTML = {{ this.inhoud|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            ctl.addTo(map);
            var lagen = [{% for l in this.lagen %}{{ l }}{{ "," if not loop.last }}{% endfor %}];
            function bijwerken() {
                var aan = lagen.length === 0 || lagen.some(function(l) { return map.hasLayer(l); });
                ctl.getContainer().style.display = aan ? '' : 'none';
            }
            map.on('overlayadd overlayremove', bijwerken);
            bijwerken();
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        titel: str,
        rijen: Sequence[tuple[str, str]],
        lagen: Sequence[Any],
        *,
        vorm: str,
        position: str = "bottomright",
    ) -> None:
        super().__init__()
        self._name = "Legenda"
        self.position = position
        self.lagen = [layer.get_name() for layer in lagen]
        items = []
        for kleur, label in rijen:
            if vorm == "lijn":
                swatch = f'<span class="wr-lijn" style="border-color:{kleur}"></span>'
            elif vorm == "punt":
                letter, color = kleur.split("|", 1)
                swatch = f'<span class="wr-punt" style="background:{color}">{letter}</span>'
            else:
                swatch = f'<span class="wr-vlak" style="background:{kleur}"></span>'
            items.append(f'<div class="wr-rij">{swatch}{html.escape(label)}</div>')
        self.inhoud = f'<div class="wr-legenda-titel">{html.escape(titel)}</div>' + "".join(items)


class _Titel(MacroElement):
    """The title block (top centre), a metric scale bar and the extra attribution."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var blok = L.DomUtil.create('div', 'wr-titel', map.getContainer());
            blok.innerHTML = {{ this.inhoud|tojson }};
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
    """Search candidate parcels by ``perceel_id`` over all profile layers.

    folium's :class:`~folium.plugins.Search` indexes one layer and adds it to the map;
    this one indexes every candidate layer (shown or not) through leaflet-search's
    ``sourceData`` option, switches the parcel's layer on when it is hidden, zooms to
    the parcel and opens its popup.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var lagen = [{% for l in this.lagen %}{{ l }}{{ "," if not loop.last }}{% endfor %}];
            function records() {
                var recs = {};
                lagen.forEach(function(laag) {
                    laag.eachLayer(function(f) {
                        var id = f.feature && f.feature.properties.{{ this.search_label }};
                        if (id === undefined || id === null) { return; }
                        var loc = f.getBounds().getCenter();
                        loc.layer = f;
                        loc.laag = laag;
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
                textErr: 'Perceel niet gevonden',
                textCancel: 'Wissen',
                moveToLocation: function(latlng, titel, kaart) {
                    if (latlng.laag && !kaart.hasLayer(latlng.laag)) {
                        kaart.addLayer(latlng.laag);
                    }
                    kaart.fitBounds(latlng.layer.getBounds(), {maxZoom: 18, animate: false});
                }
            });
            zoeker.on('search:locationfound', function(e) {
                // The popup is bound to the GeoJSON layer, not to the feature: a click
                // on the feature, propagated to its layer, opens it for this parcel.
                if (e.layer) { e.layer.fire('click', {latlng: e.latlng}, true); }
            });
            map.addControl(zoeker);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, lagen: Sequence[Any], *, search_label: str = "perceel_id") -> None:
        super().__init__(
            layer=lagen[0],
            search_label=search_label,
            geom_type="Polygon",
            position="topleft",
            placeholder="Zoek perceel-id…",
            collapsed=True,
        )
        self.lagen = [layer.get_name() for layer in lagen]


_CSS = """
<style>
.wr-titel {position:absolute; top:10px; left:50%; transform:translateX(-50%); z-index:1000;
  background:rgba(255,255,255,0.94); padding:6px 12px; border-radius:6px;
  box-shadow:0 1px 5px rgba(0,0,0,0.4); font:13px/1.35 system-ui,Arial,sans-serif;
  max-width:min(640px, 60vw); text-align:center;}
.wr-titel h1 {font-size:16px; margin:0 0 2px 0;}
.wr-titel .wr-fictief {display:inline-block; background:#b2182b; color:#fff; font-weight:bold;
  padding:1px 8px; border-radius:4px; margin:2px 0; letter-spacing:0.03em;}
.wr-titel .wr-balans {font-weight:bold;}
.wr-titel .wr-klein {font-size:11px; color:#444;}
.wr-legenda {background:rgba(255,255,255,0.94); padding:6px 9px; border-radius:5px;
  box-shadow:0 1px 5px rgba(0,0,0,0.35); font:12px/1.4 system-ui,Arial,sans-serif;}
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


# =========================================================================== layers


def _check_percelen(percelen: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if not isinstance(percelen, gpd.GeoDataFrame):
        raise InputError(
            f"verwacht een GeoDataFrame met gescoorde percelen, gevonden: "
            f"{type(percelen).__name__}.",
            layer="percelen",
            hint="geef de uitvoer van werkruimte.score(regio) mee.",
        )
    for col in ("perceel_id", "kandidaat", "score"):
        if col not in percelen.columns:
            raise InputError(
                "kolom ontbreekt; de kansenkaart tekent gescoorde percelen "
                f"(gevonden kolommen: {', '.join(map(str, percelen.columns))}).",
                layer="percelen",
                column=col,
                hint="geef de uitvoer van werkruimte.score(regio) mee.",
            )
    return ensure_rd(percelen, what="percelen")


def _kandidaten(percelen: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    kand = percelen["kandidaat"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    geoms = percelen.geometry.to_numpy()
    ok = kand & ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    return percelen.loc[ok]


def _profielnaam(kand: gpd.GeoDataFrame) -> pd.Series:
    if "profiel" not in kand.columns:
        return pd.Series("kandidaat", index=kand.index, dtype="string")
    return kand["profiel"].astype("string").fillna("onbekend")


def _uitleg_html(kand: gpd.GeoDataFrame) -> pd.Series:
    text = _tekst(kand, "uitleg")
    return text.str.replace("; ", ";<br>", regex=False).str.replace(" — ", "<br>— ", regex=False)


def _kandidaat_props(kand: gpd.GeoDataFrame) -> pd.DataFrame:
    idx = kand.index
    if "rang_stabiliteit" in kand.columns:
        stab = pd.to_numeric(kand["rang_stabiliteit"], errors="coerce") * 100.0
        stab_text = _getallen(stab, 0, "%")
    else:
        stab_text = pd.Series("–", index=idx, dtype="string")
    if "cluster_id" in kand.columns:
        cid = pd.to_numeric(kand["cluster_id"], errors="coerce").fillna(-1).astype("int64")
        cluster = pd.Series(
            np.where(cid.to_numpy() >= 0, "cluster " + cid.astype(str), "–"),
            index=idx,
            dtype="string",
        )
    else:
        cluster = pd.Series("–", index=idx, dtype="string")
    glas = (
        _getallen(pd.to_numeric(kand["glasvezel_dekking"], errors="coerce") * 100.0, 0, "%")
        if "glasvezel_dekking" in kand.columns
        else pd.Series("–", index=idx, dtype="string")
    )
    opp = (
        _getallen(kand["oppervlakte_m2"], 0, " m²")
        if "oppervlakte_m2" in kand.columns
        else pd.Series("–", index=idx, dtype="string")
    )
    return pd.DataFrame(
        {
            "perceel_id": kand["perceel_id"].astype("string"),
            "gemeente": _tekst(kand, "gemeente"),
            "profiel": _profielnaam(kand),
            "score": _getallen(kand["score"], 1),
            "rang_stabiliteit": stab_text,
            "oppervlakte": opp,
            "bestemming": _tekst(kand, "bestemming"),
            "ov_klasse": _tekst(kand, "ov_klasse"),
            "glasvezel": glas,
            "cluster": cluster,
            "uitleg": _uitleg_html(kand),
            "kleur": score_kleur(kand["score"]),
        },
        index=idx,
    )


_KANDIDAAT_VELDEN = (
    ("perceel_id", "Perceel"),
    ("gemeente", "Gemeente"),
    ("profiel", "Profiel"),
    ("score", "Score"),
    ("rang_stabiliteit", "Rangstabiliteit (kans in top-N)"),
    ("oppervlakte", "Oppervlakte"),
    ("bestemming", "Bestemming"),
    ("ov_klasse", "OV (PTAL)"),
    ("glasvezel", "Glasvezel"),
    ("cluster", "Schuifruimte"),
    ("uitleg", "Uitleg"),
)


def _popup(velden: Sequence[tuple[str, str]]) -> Any:
    return folium.GeoJsonPopup(
        fields=[f for f, _ in velden],
        aliases=[a for _, a in velden],
        localize=False,
        labels=True,
        class_name="wr-popup",
        style="max-width:420px;",
        max_width=440,
    )


def _candidate_layers(m: Any, kand: gpd.GeoDataFrame) -> list[Any]:
    props = _kandidaat_props(kand)
    layers = []
    for naam in sorted(props["profiel"].unique()):
        sel = (props["profiel"] == naam).to_numpy()
        data = _geojson(
            kand.geometry.to_numpy()[sel],
            props.loc[sel],
            tolerance=_TOL_PERCEEL,
            decimals=_DEC_PERCEEL,
        )
        if not data["features"]:
            continue
        n = len(data["features"])
        layer = folium.GeoJson(
            data,
            name=f"Kandidaten {naam} ({n})",
            style_function=_kandidaat_stijl,
            highlight_function=lambda f: {"weight": 3, "color": "#000000"},
            tooltip=folium.GeoJsonTooltip(
                fields=["perceel_id", "score"], aliases=["Perceel", "Score"], localize=False
            ),
            popup=_popup(_KANDIDAAT_VELDEN),
            zoom_on_click=False,
        )
        layer.add_to(m)
        layers.append(layer)
    return layers


def _kandidaat_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "fillColor": feature["properties"]["kleur"],
        "color": "#252525",
        "weight": 1,
        "fillOpacity": 0.85,
    }


def _cluster_layer(m: Any, clusters: gpd.GeoDataFrame | None, balans: Any) -> Any | None:
    if clusters is None or not len(clusters):
        return None
    c = ensure_rd(clusters, what="schuifruimte-clusters")
    if "oppervlakte_ha" in c.columns:
        ha = pd.to_numeric(c["oppervlakte_ha"], errors="coerce")
    elif "oppervlakte_m2" in c.columns:
        ha = pd.to_numeric(c["oppervlakte_m2"], errors="coerce") / 10_000.0
    else:
        ha = pd.Series(shapely.area(c.geometry.to_numpy()) / 10_000.0, index=c.index)
    ids = (
        pd.to_numeric(c["cluster_id"], errors="coerce")
        if "cluster_id" in c.columns
        else pd.Series(np.arange(len(c)), index=c.index)
    )
    gekozen_ids = set(getattr(balans, "gekozen", ()) or ())
    gekozen = ids.isin(list(gekozen_ids)).to_numpy() if gekozen_ids else np.ones(len(c), bool)
    props = pd.DataFrame(
        {
            "cluster": "cluster " + ids.fillna(-1).astype("int64").astype(str),
            "rang": _tekst(c, "rang"),
            "aantal_percelen": _tekst(c, "aantal_percelen"),
            "oppervlakte": _getallen(ha, 2, " ha"),
            "gemiddelde_score": _getallen(c["gemiddelde_score"], 1)
            if "gemiddelde_score" in c.columns
            else pd.Series("–", index=c.index, dtype="string"),
            "gemeenten": _tekst(c, "gemeenten"),
            "percelen": _tekst(c, "percelen"),
            "in_vraag": np.where(gekozen, "ja", "nee"),
            "label": ha.map(lambda v: _ha(v) + " ha").astype("string"),
        },
        index=c.index,
    )
    data = _geojson(c.geometry.to_numpy(), props, tolerance=_TOL_VLAK, decimals=_DEC_VLAK)
    if not data["features"]:
        return None
    totaal = float(ha.fillna(0).sum())
    layer = folium.GeoJson(
        data,
        name=f"Schuifruimte-clusters ({_ha(totaal)} ha)",
        style_function=_cluster_stijl,
        # A permanent tooltip bound to the GeoJSON layer would open only once (for the
        # first feature); each cluster gets its own label instead.
        on_each_feature=JsCode(_CLUSTER_LABEL),
        popup=_popup(
            (
                ("cluster", "Cluster"),
                ("rang", "Rang"),
                ("aantal_percelen", "Aantal percelen"),
                ("oppervlakte", "Oppervlakte (som percelen)"),
                ("gemiddelde_score", "Gemiddelde score"),
                ("gemeenten", "Gemeenten"),
                ("in_vraag", "Gekozen voor de vraag"),
                ("percelen", "Percelen"),
            )
        ),
    )
    layer.add_to(m)
    return layer


_CLUSTER_LABEL = """function(feature, layer) {
    layer.bindTooltip(feature.properties.label, {
        permanent: true, direction: 'center', className: 'wr-cluster-label', interactive: false
    });
}"""


def _cluster_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    chosen = feature["properties"]["in_vraag"] == "ja"
    return {
        "color": _CLUSTER_KLEUR,
        "weight": 3 if chosen else 2,
        "dashArray": None if chosen else "6 4",
        "fillColor": "#fc8d59",
        "fillOpacity": 0.12,
    }


def _terrein_layer(
    m: Any, regio: Regio, tabel: gpd.GeoDataFrame | None, kleuren: dict[str, str]
) -> Any | None:
    if tabel is not None and "soort" in tabel.columns and "geometry" in tabel.columns:
        t = ensure_rd(gpd.GeoDataFrame(tabel, geometry="geometry"), what="driedeling")
        t = t.loc[(t["soort"].astype("string") == "formeel").fillna(False).to_numpy()]
        geom_types = shapely.get_type_id(t.geometry.to_numpy())
        t = t.loc[np.isin(geom_types, (3, 6))]
        klasse = t["klasse"].astype("string").fillna("onbekend") if "klasse" in t else None
    else:
        t = regio.bedrijventerreinen
        klasse = None
    if t is None or not len(t):
        return None
    idx = t.index
    if klasse is None:
        klasse = pd.Series("geen driedeling", index=idx, dtype="string")
    opp_col = "oppervlakte_ha" if "oppervlakte_ha" in t.columns else "ha_bruto"
    props = pd.DataFrame(
        {
            "naam": _tekst(t, "naam"),
            "id": _tekst(t, "id" if "id" in t.columns else "terrein_id"),
            "gemeente": _tekst(t, "gemeente"),
            "klasse": klasse.map(html.escape).astype("string"),
            "reden": _tekst(t, "reden"),
            "oppervlakte": _getallen(t[opp_col], 1, " ha")
            if opp_col in t.columns
            else pd.Series("–", index=idx, dtype="string"),
            "milieucategorie": _getallen(t["milieucategorie_max"], 1)
            if "milieucategorie_max" in t.columns
            else pd.Series("–", index=idx, dtype="string"),
            "ov_klasse": _tekst(t, "ov_klasse"),
            "kleur": klasse.map(lambda k: kleuren.get(str(k), _ONBEKEND_KLEUR)).astype("string"),
        },
        index=idx,
    )
    data = _geojson(t.geometry.to_numpy(), props, tolerance=_TOL_VLAK, decimals=_DEC_VLAK)
    if not data["features"]:
        return None
    layer = folium.GeoJson(
        data,
        name="Bedrijventerreinen (driedeling)",
        style_function=_terrein_stijl,
        tooltip=folium.GeoJsonTooltip(
            fields=["naam", "klasse"], aliases=["Terrein", "Driedeling"], localize=False
        ),
        popup=_popup(
            (
                ("naam", "Terrein"),
                ("id", "Id"),
                ("gemeente", "Gemeente"),
                ("klasse", "Driedeling"),
                ("reden", "Reden"),
                ("oppervlakte", "Oppervlakte"),
                ("milieucategorie", "Hoogste milieucategorie"),
                ("ov_klasse", "OV (PTAL)"),
            )
        ),
    )
    layer.add_to(m)
    return layer


def _terrein_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    kleur = feature["properties"]["kleur"]
    return {"color": kleur, "weight": 2, "fillColor": kleur, "fillOpacity": 0.3}


def _bestemming_layer(m: Any, regio: Regio) -> Any | None:
    plannen = regio.bestemmingsplannen
    if plannen is None or not len(plannen) or "bestemmingshoofdgroep" not in plannen.columns:
        return None
    werk = [str(w).lower() for w in regio.config.criteria["bestemming"]["werk"]]
    groep = plannen["bestemmingshoofdgroep"].astype("string").str.lower().str.strip()
    sel = groep.isin(werk).fillna(False).to_numpy()
    if not sel.any():
        return None
    p = plannen.loc[sel]
    g = groep.loc[sel]
    props = pd.DataFrame(
        {
            "hoofdgroep": g.fillna("–").map(html.escape).astype("string"),
            "naam": _tekst(p, "naam"),
            "kleur": g.map(lambda k: BESTEMMING_KLEUREN.get(str(k), "#c8a0d2")).astype("string"),
        },
        index=p.index,
    )
    data = _geojson(p.geometry.to_numpy(), props, tolerance=_TOL_VLAK, decimals=_DEC_VLAK)
    if not data["features"]:
        return None
    layer = folium.GeoJson(
        data,
        name="Werkbestemmingen (IMRO2012)",
        show=False,
        style_function=_bestemming_stijl,
        tooltip=folium.GeoJsonTooltip(
            fields=["hoofdgroep", "naam"], aliases=["Bestemming", "Naam"], localize=False
        ),
    )
    layer.add_to(m)
    return layer


def _bestemming_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    kleur = feature["properties"]["kleur"]
    return {"color": kleur, "weight": 0.5, "fillColor": kleur, "fillOpacity": 0.45}


_HOTSPOT_CALLBACK = """function (row) {
    var stijl = %s[row[2]];
    var icon = L.divIcon({
        className: 'wr-hotspot',
        html: '<div style="background:' + stijl[1] + '">' + stijl[0] + '</div>',
        iconSize: [22, 22],
        iconAnchor: [11, 11]
    });
    var marker = L.marker(new L.LatLng(row[0], row[1]), {icon: icon, title: row[3]});
    marker.bindPopup(row[4], {maxWidth: 360});
    return marker;
}"""


def _hotspot_layer(m: Any, regio: Regio, tabel: gpd.GeoDataFrame | None) -> Any | None:
    spots = regio.hotspots
    if spots is None or not len(spots):
        return None
    geoms = spots.geometry.to_numpy()
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    spots = spots.loc[ok]
    if not len(spots):
        return None
    pts = shapely.point_on_surface(spots.geometry.to_numpy())
    lon, lat = _TO_WGS.transform(shapely.get_x(pts), shapely.get_y(pts))
    types = list(HOTSPOT_STIJL)
    soort = spots["type"].astype("string").str.lower().str.strip() if "type" in spots else None
    code = (
        soort.map(lambda t: types.index(t) if t in HOTSPOT_STIJL else len(types))
        .fillna(len(types))
        .astype("int64")
        if soort is not None
        else pd.Series(len(types), index=spots.index)
    )
    naam = _tekst(spots, "naam", "(naamloos)")
    type_label = (
        code.map(lambda i: (HOTSPOT_STIJL[types[i]] if i < len(types) else _HOTSPOT_ANDERS)[2])
    ).astype("string")
    klasse = pd.Series("–", index=spots.index, dtype="string")
    reden = pd.Series("–", index=spots.index, dtype="string")
    if tabel is not None and {"id", "soort", "klasse"} <= set(tabel.columns):
        informeel = (tabel["soort"].astype("string") == "informeel").fillna(False).to_numpy()
        inf = pd.DataFrame(tabel.loc[informeel]).drop_duplicates("id")
        inf.index = pd.Index(inf["id"].astype(str))
        if "hotspot_id" in spots.columns:
            key = spots["hotspot_id"].astype(str)
            klasse = key.map(inf["klasse"].astype(str)).astype("string").fillna("–")
            if "reden" in inf.columns:
                reden = key.map(inf["reden"].astype(str)).astype("string").fillna("–")
    popup = (
        "<b>"
        + naam
        + "</b><br>"
        + type_label.map(html.escape)
        + " · "
        + _tekst(spots, "gemeente")
        + "<br>oppervlakte "
        + _getallen(spots.get("oppervlakte_m2", pd.Series(np.nan, index=spots.index)), 0, " m²")
        + ", leegstand "
        + _getallen(spots.get("leegstand_m2", pd.Series(np.nan, index=spots.index)), 0, " m²")
        + "<br>doelgroep: "
        + _tekst(spots, "doelgroep")
        + "<br>driedeling: <b>"
        + klasse.map(html.escape)
        + "</b><br><small>"
        + reden.map(html.escape)
        + "</small>"
    )
    titels = (
        spots["naam"].astype("string").fillna("").tolist()
        if "naam" in spots.columns
        else [""] * len(spots)
    )
    rows = [
        list(r)
        for r in zip(
            np.round(lat, 6).tolist(),
            np.round(lon, 6).tolist(),
            code.astype("int64").tolist(),
            titels,
            popup.astype(str).tolist(),
            strict=True,
        )
    ]
    stijlen = [[s[0], s[1]] for s in HOTSPOT_STIJL.values()] + [list(_HOTSPOT_ANDERS[:2])]
    layer = folium.plugins.FastMarkerCluster(
        rows,
        callback=_HOTSPOT_CALLBACK % json.dumps(stijlen),
        name=f"Informele werklocaties ({len(rows)})",
        options={"showCoverageOnHover": False, "maxClusterRadius": 40},
    )
    layer.add_to(m)
    return layer


def _ov_layers(m: Any, regio: Regio) -> tuple[Any | None, Any | None]:
    """OV stops sized by departures, and the PTAL grid; (None, None) without GTFS."""
    if regio.ov is None:
        return None, None
    from werkruimte.indicators import ov

    o = regio.config.criteria["ov"]
    stops = ov.ov_vertrekken(regio.ov, datum=o["datum"] or None, begin=o["begin"], eind=o["eind"])
    stops = stops.loc[stops["vertrekken"].to_numpy() > 0]
    halte_layer = None
    if len(stops):
        n = stops["vertrekken"].to_numpy(dtype="float64")
        props = pd.DataFrame(
            {
                "halte": _tekst(stops, "stop_name"),
                "vertrekken": stops["vertrekken"].astype("int64").astype(str),
                "lijnen": _tekst(stops, "lijnen"),
                "modi": _tekst(stops, "modi"),
                "straal": np.round(np.minimum(2.0 + np.sqrt(n), 14.0), 1),
            },
            index=stops.index,
        )
        data = _geojson(stops.geometry.to_numpy(), props, tolerance=0.0, decimals=_DEC_VLAK)
        venster = f"{o['begin'][:5]}–{o['eind'][:5]}"
        halte_layer = folium.GeoJson(
            data,
            name=f"OV-haltes (vertrekken {venster})",
            show=False,
            marker=folium.CircleMarker(radius=4, fill=True),
            style_function=_halte_stijl,
            tooltip=folium.GeoJsonTooltip(
                fields=["halte", "vertrekken", "lijnen", "modi"],
                aliases=["Halte", f"Vertrekken {venster}", "Lijnen", "Modi"],
                localize=False,
            ),
        )
    raster = _ptal_raster(regio, o)
    ptal_layer = None
    if raster is not None and len(raster):
        props = pd.DataFrame(
            {
                "klasse": raster["ov_klasse"].astype("string"),
                "ptal": raster["ov_klasse"].map(lambda k: _PTAL_LABELS.get(k, k)).astype("string"),
                "kleur": raster["ov_klasse"].map(PTAL_KLEUREN).astype("string"),
            },
            index=raster.index,
        )
        data = _geojson(raster.geometry.to_numpy(), props, tolerance=0.0, decimals=_DEC_VLAK)
        ptal_layer = folium.GeoJson(
            data,
            name="OV-bereikbaarheid (PTAL)",
            show=False,
            style_function=_ptal_stijl,
            tooltip=folium.GeoJsonTooltip(fields=["ptal"], aliases=["PTAL"], localize=False),
        )
        ptal_layer.add_to(m)
    if halte_layer is not None:
        halte_layer.add_to(m)
    return halte_layer, ptal_layer


def _halte_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "radius": feature["properties"]["straal"],
        "color": "#08306b",
        "weight": 1,
        "fillColor": "#4292c6",
        "fillOpacity": 0.8,
    }


def _ptal_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature["properties"]
    # Band 0 (no access) covers most of the countryside: keep it light.
    opacity = 0.15 if props["klasse"] == "0" else 0.45
    return {"stroke": False, "fillColor": props["kleur"], "fillOpacity": opacity}


def _gebied(regio: Regio, percelen: gpd.GeoDataFrame) -> tuple[Any, tuple[float, ...]]:
    """The region's area (union of the gemeenten, else the parcels' extent) and bounds."""
    gem = regio.gemeenten
    if gem is not None and len(gem):
        geoms = gem.geometry.to_numpy()
        geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
        if len(geoms):
            area = shapely.union_all(geoms)
            return area, tuple(shapely.bounds(area).tolist())
    x0, y0, x1, y1 = (float(v) for v in percelen.total_bounds)
    return shapely.box(x0, y0, x1, y1), (x0, y0, x1, y1)


def _ptal_raster(regio: Regio, o: dict[str, Any]) -> gpd.GeoDataFrame | None:
    """PTAL of a square grid over the region, dissolved per band (EPSG:28992)."""
    from werkruimte.indicators import ov

    area, (x0, y0, x1, y1) = _gebied(regio, regio.percelen)
    if not (np.isfinite([x0, y0, x1, y1]).all() and x1 > x0 and y1 > y0):
        return None
    cel = PTAL_CEL_M
    extent = (x1 - x0) * (y1 - y0)
    if extent / cel**2 > _PTAL_MAX_CELLEN:
        cel = math.ceil(math.sqrt(extent / _PTAL_MAX_CELLEN) / 50.0) * 50.0
    xe = x0 + np.arange(math.ceil((x1 - x0) / cel) + 1) * cel
    ye = y0 + np.arange(math.ceil((y1 - y0) / cel) + 1) * cel
    gx, gy = np.meshgrid(np.arange(len(xe) - 1), np.arange(len(ye) - 1))
    ix, iy = gx.ravel(), gy.ravel()
    cells = shapely.box(xe[ix], ye[iy], xe[ix + 1], ye[iy + 1])
    inside = shapely.intersects_xy(area, (xe[ix] + xe[ix + 1]) / 2.0, (ye[iy] + ye[iy + 1]) / 2.0)
    cells = cells[inside]
    if not len(cells):
        return None
    grid = gpd.GeoDataFrame(geometry=cells, crs=RD_NEW)
    pt = ov.ptal(grid, regio.ov, **o, loopnetwerk=regio.loopnetwerk)
    klasse = pt["ov_klasse"].astype("string").fillna("0").to_numpy(dtype=object)
    names, geoms = [], []
    for k in PTAL_KLEUREN:  # nine bands, not rows
        sel = klasse == k
        if sel.any():
            names.append(k)
            geoms.append(shapely.coverage_union_all(cells[sel]))
    log.info("kansenkaart: PTAL-raster van %d cellen van %g m", len(cells), cel)
    return gpd.GeoDataFrame({"ov_klasse": names}, geometry=geoms, crs=RD_NEW)


#: ColorBrewer RdYlGn (11 classes): red = no coverage, green = full coverage.
_RDYLGN = (
    "#a50026",
    "#d73027",
    "#f46d43",
    "#fdae61",
    "#fee08b",
    "#ffffbf",
    "#d9ef8b",
    "#a6d96a",
    "#66bd63",
    "#1a9850",
    "#006837",
)


def dekking_rgba(values: np.ndarray, *, alpha: int = 200) -> np.ndarray:
    """RGBA (uint8) of coverage fractions on the RdYlGn ramp; transparent where NaN.

    Parameters
    ----------
    values
        Coverage 0..1 (any shape); values outside are clipped.
    alpha
        Opacity (0..255) of cells with data.

    Returns
    -------
    numpy.ndarray
        ``values.shape + (4,)``, dtype uint8.
    """
    v = np.asarray(values, dtype="float64")
    ok = np.isfinite(v)
    x = np.clip(np.where(ok, v, 0.0), 0.0, 1.0)
    stops = np.linspace(0.0, 1.0, len(_RDYLGN))
    rgb = np.array([[int(h[i : i + 2], 16) for i in (1, 3, 5)] for h in _RDYLGN], dtype="float64")
    out = np.empty((*v.shape, 4), dtype="uint8")
    for c in range(3):
        out[..., c] = np.rint(np.interp(x, stops, rgb[:, c])).astype("uint8")
    out[..., 3] = np.where(ok, alpha, 0).astype("uint8")
    return out


def _png_bytes(rgba: np.ndarray) -> bytes:
    """Encode an (h, w, 4) uint8 array as PNG (no filter, zlib), without dependencies."""
    h, w = rgba.shape[:2]
    raw = np.concatenate([np.zeros((h, 1), "uint8"), rgba.reshape(h, w * 4)], axis=1)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)  # 8 bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw.tobytes(), 6))
        + chunk(b"IEND", b"")
    )


def _glasvezel_layer(m: Any, regio: Regio) -> Any | None:
    raster = regio.glasvezel
    if raster is None:
        return None
    from rasterio.warp import Resampling, calculate_default_transform, reproject

    values = np.asarray(raster.dekking(), dtype="float32")
    if values.ndim != 2 or not np.isfinite(values).any():
        return None
    rows, cols = values.shape
    left, bottom, right, top = raster.bounds
    with warnings.catch_warnings():  # rasterio's own use of Affine '*'
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        dst_transform, width, height = calculate_default_transform(
            RD_NEW, "EPSG:3857", cols, rows, left=left, bottom=bottom, right=right, top=top
        )
    factor = max(width, height) / _GLASVEZEL_MAX_PX
    if factor > 1:
        width, height = math.ceil(width / factor), math.ceil(height / factor)
        dst_transform = dst_transform @ Affine.scale(factor)
    out = np.full((height, width), np.nan, dtype="float32")
    reproject(
        source=values,
        destination=out,
        src_transform=raster.transform,
        src_crs=RD_NEW,
        dst_transform=dst_transform,
        dst_crs="EPSG:3857",
        resampling=Resampling.nearest,
        src_nodata=np.nan,
        dst_nodata=np.nan,
    )
    rgba = dekking_rgba(out)
    url = "data:image/png;base64," + base64.b64encode(_png_bytes(rgba)).decode("ascii")
    merc = Transformer.from_crs("EPSG:3857", WGS84, always_xy=True)
    x_min, y_max = dst_transform.c, dst_transform.f
    x_max = x_min + dst_transform.a * width
    y_min = y_max + dst_transform.e * height
    lon0, lat0 = merc.transform(x_min, y_min)
    lon1, lat1 = merc.transform(x_max, y_max)
    folium.map.CustomPane("wr-raster", z_index=350).add_to(m)
    layer = folium.raster_layers.ImageOverlay(
        image=url,
        bounds=[[lat0, lon0], [lat1, lon1]],
        name="Glasvezeldekking",
        opacity=0.65,
        show=False,
        interactive=False,
        pane="wr-raster",
        pixelated=True,
    )
    layer.add_to(m)
    return layer


def _gaten_layer(m: Any, gaten: gpd.GeoDataFrame | None) -> Any | None:
    if gaten is None or not len(gaten):
        return None
    g = ensure_rd(gaten, what="glasvezelgaten")
    props = pd.DataFrame(
        {
            "gebied": _tekst(g, "gebied_id"),
            "oppervlakte": _getallen(g["oppervlakte_ha"], 1, " ha")
            if "oppervlakte_ha" in g.columns
            else pd.Series("–", index=g.index, dtype="string"),
            "dekking": _getallen(
                pd.to_numeric(g["gemiddelde_dekking"], errors="coerce") * 100, 0, "%"
            )
            if "gemiddelde_dekking" in g.columns
            else pd.Series("–", index=g.index, dtype="string"),
        },
        index=g.index,
    )
    data = _geojson(g.geometry.to_numpy(), props, tolerance=_TOL_VLAK, decimals=_DEC_VLAK)
    if not data["features"]:
        return None
    layer = folium.GeoJson(
        data,
        name="Glasvezelgaten",
        style_function=lambda f: {
            "color": _GAT_KLEUR,
            "weight": 2,
            "dashArray": "4 4",
            "fillColor": _GAT_KLEUR,
            "fillOpacity": 0.15,
        },
        tooltip=folium.GeoJsonTooltip(
            fields=["gebied", "oppervlakte", "dekking"],
            aliases=["Glasvezelgat", "Oppervlakte", "Gemiddelde dekking"],
            localize=False,
        ),
    )
    layer.add_to(m)
    return layer


def _gemeente_layer(m: Any, regio: Regio) -> Any | None:
    gem = regio.gemeenten
    if gem is None or not len(gem):
        return None
    props = pd.DataFrame({"gemeente": _tekst(gem, "gemeente")}, index=gem.index)
    data = _geojson(gem.geometry.to_numpy(), props, tolerance=_TOL_GRENS, decimals=_DEC_GRENS)
    if not data["features"]:
        return None
    layer = folium.GeoJson(
        data,
        name="Gemeentegrenzen",
        style_function=lambda f: {"color": "#252525", "weight": 2, "fill": False},
        tooltip=folium.GeoJsonTooltip(fields=["gemeente"], labels=False, localize=False),
    )
    layer.add_to(m)
    return layer


# =========================================================================== title


def _bronnen(regio: Regio) -> list[str]:
    from werkruimte.regio import LAYER_LABELS

    lagen = getattr(regio, "lagen", None) or {}
    if lagen:
        return [info.naam for info in lagen.values() if info.pad is not None]
    out = [LAYER_LABELS["percelen"]]
    for name in ("gemeenten", "bedrijventerreinen", "bestemmingsplannen", "hotspots"):
        frame = getattr(regio, name, None)
        if frame is not None and len(frame):
            out.append(LAYER_LABELS[name])
    if regio.ov is not None:
        out.append(LAYER_LABELS["gtfs"])
    if regio.glasvezel is not None:
        out.append(LAYER_LABELS["glasvezel"])
    return out


def balans_tekst(
    regio: Regio, clusters: gpd.GeoDataFrame | None, balans: Balans | Any | None
) -> str:
    """The demand comparison for the title block, e.g. ``aanbod 11,2 ha van 14 ha``.

    ``balans`` is duck-typed (``aanbod_ha``, ``vraag_ha``); without it the supply is
    the clusters' total area and the demand ``criteria.schuifruimte.vraag_ha``.
    """
    vraag = getattr(balans, "vraag_ha", None)
    if vraag is None:
        vraag = float(regio.config.criteria["schuifruimte"]["vraag_ha"])
    aanbod = getattr(balans, "aanbod_ha", None)
    if aanbod is None and clusters is not None:
        if "oppervlakte_ha" in clusters.columns:
            aanbod = float(pd.to_numeric(clusters["oppervlakte_ha"], errors="coerce").sum())
        elif "oppervlakte_m2" in clusters.columns:
            aanbod = float(pd.to_numeric(clusters["oppervlakte_m2"], errors="coerce").sum()) / 1e4
    if aanbod is None:
        return f"schuifruimte: geen clusters berekend (vraag {_ha(float(vraag))} ha)"
    return f"aanbod {_ha(float(aanbod))} ha van {_ha(float(vraag))} ha"


def _titel_html(
    regio: Regio,
    kand: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None,
    balans: Any,
    dag: date,
) -> str:
    naam = html.escape(str(regio.config.regio.get("naam", "")))
    parts = [f"<h1>Kansenkaart werkruimte – {naam}</h1>"]
    if regio.config.fictief:
        parts.append(
            '<div class="wr-fictief">FICTIEVE GEGEVENS – demoregio, geen echte percelen</div>'
        )
    parts.append(
        f'<div class="wr-balans">Schuifruimte: {html.escape(balans_tekst(regio, clusters, balans))}'
        "</div>"
    )
    tekst = getattr(balans, "tekst", None)
    if callable(tekst):
        parts.append(f'<div class="wr-klein">{html.escape(str(tekst()))}</div>')
    counts = _profielnaam(kand).value_counts().sort_index()
    if len(counts):
        kand_text = ", ".join(f"{int(v)} {html.escape(str(k))}" for k, v in counts.items())
    else:
        kand_text = "geen"
    parts.append(f"<div>Kandidaat-percelen: {kand_text}</div>")
    bronnen = ", ".join(html.escape(b) for b in _bronnen(regio))
    parts.append(
        f'<div class="wr-klein">Gemaakt op {_datum_nl(dag)} · bronnen: {bronnen}; '
        "achtergrond PDOK (Kadaster, Beeldmateriaal) of OpenStreetMap</div>"
    )
    return "".join(parts)


# =========================================================================== the map


def kansenkaart(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None = None,
    tabel: gpd.GeoDataFrame | None = None,
    *,
    balans: Balans | None = None,
    gaten: gpd.GeoDataFrame | None = None,
    inline: bool = True,
) -> Kansenkaart:
    """Draw the kansenkaart: candidates, schuifruimte, driedeling and context layers.

    Parameters
    ----------
    regio
        The region (:func:`werkruimte.load_regio`): gemeenten, bedrijventerreinen,
        bestemmingsplannen, hotspots, optionally ``ov`` (GTFS) and ``glasvezel``; its
        config gives the region name, ``fictief``, the werk-bestemmingen, the OV time
        window and the demand.
    percelen
        Scored parcels (:func:`werkruimte.score`): ``perceel_id``, ``kandidaat``,
        ``score`` and, when present, ``profiel``, ``uitleg``, ``rang_stabiliteit``,
        ``gemeente``, ``oppervlakte_m2``, ``bestemming``, ``ov_klasse``,
        ``glasvezel_dekking``, ``cluster_id``. Only candidates are drawn.
    clusters
        Schuifruimte clusters (:func:`werkruimte.cluster_schuifruimte`), or None.
    tabel
        The driedeling table (:func:`werkruimte.driedeling`), or None: terrains are
        then drawn without class.
    balans
        Supply against demand (:func:`werkruimte.schuifruimte.vraag_en_aanbod`; any
        object with ``aanbod_ha``, ``vraag_ha`` and optionally ``gekozen``, ``tekst()``).
        Without it the supply is the clusters' total area.
    gaten
        Glasvezel gaps (``gebied_id``, ``oppervlakte_ha``, ``gemiddelde_dekking``,
        polygons), or None.
    inline
        True (default): embed Leaflet and the plugins in the HTML (works offline);
        False: link them from CDNs as folium does.

    Returns
    -------
    Kansenkaart
        A :class:`folium.Map`; ``kaart.save("maps/kansenkaart.html")`` writes it.

    Raises
    ------
    InputError
        When ``percelen`` lacks ``perceel_id``, ``kandidaat`` or ``score``, or a layer
        has no CRS.

    Examples
    --------
    >>> import werkruimte as wr  # doctest: +SKIP
    >>> regio = wr.load_demo()  # doctest: +SKIP
    >>> percelen, clusters = wr.cluster_schuifruimte(wr.score(regio))  # doctest: +SKIP
    >>> wr.kansenkaart(regio, percelen, clusters).save("kansenkaart.html")  # doctest: +SKIP
    """
    percelen = _check_percelen(percelen)
    kand = _kandidaten(percelen)
    _, bounds = _gebied(regio, percelen)
    box = _bounds_latlon(bounds) if np.isfinite(bounds).all() else [[52.1, 5.0], [52.4, 5.4]]
    centre = [(box[0][0] + box[1][0]) / 2.0, (box[0][1] + box[1][1]) / 2.0]

    m = Kansenkaart(
        location=centre,
        zoom_start=11,
        tiles=None,
        control_scale=False,
        prefer_canvas=True,
        inline=inline,
    )
    root = m.get_root()
    assert isinstance(root, Figure)
    fictief = bool(regio.config.fictief)
    root.title = "Kansenkaart werkruimte" + (" (fictieve gegevens)" if fictief else "")
    root.header.add_child(_RawHtml(_CSS), name="werkruimte_css")

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

    klassen = _klassen_van(regio, tabel)
    kleuren = klasse_kleuren([*klassen, "geen driedeling"])
    kleuren["geen driedeling"] = _ONBEKEND_KLEUR

    # Bottom to top: context, then work locations, then candidates and points.
    gemeente = _gemeente_layer(m, regio)
    glasvezel = _glasvezel_layer(m, regio)
    bestemming = _bestemming_layer(m, regio)
    halte, ptal_layer = _ov_layers(m, regio)
    terrein = _terrein_layer(m, regio, tabel, kleuren)
    gat = _gaten_layer(m, gaten)
    cluster = _cluster_layer(m, clusters, balans)
    kandidaat = _candidate_layers(m, kand)
    hotspot = _hotspot_layer(m, regio, tabel)
    log.debug(
        "kansenkaart lagen: %s",
        [x is not None for x in (gemeente, glasvezel, bestemming, halte, gat, cluster, hotspot)],
    )

    sortering: dict[str, Any] = {
        "sortLayers": True,
        "sortFunction": JsCode(_SORTEER_LAGEN % json.dumps(list(_LAAGVOLGORDE))),
    }
    folium.LayerControl(position="topright", collapsed=False, **sortering).add_to(m)
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
    if kandidaat:
        PerceelZoeker(kandidaat).add_to(m)

    if kandidaat:
        _Legenda(
            SCORE_SCHAAL.caption,
            list(zip(reversed(SCORE_KLEUREN), reversed(_score_labels()), strict=True)),
            kandidaat,
            vorm="vlak",
        ).add_to(m)
    if cluster is not None:
        _Legenda(
            "Schuifruimte",
            [(_CLUSTER_KLEUR, "cluster (getal = ha)")],
            [cluster],
            vorm="lijn",
        ).add_to(m)
    if terrein is not None:
        shown = klassen if tabel is not None else ["geen driedeling"]
        _Legenda(
            "Driedeling werklocaties",
            [(kleuren[k], k) for k in shown],
            [terrein],
            vorm="vlak",
        ).add_to(m)
    if hotspot is not None:
        _Legenda(
            "Informele werklocaties",
            [(f"{s[0]}|{s[1]}", s[2]) for s in HOTSPOT_STIJL.values()],
            [hotspot],
            vorm="punt",
            position="bottomleft",
        ).add_to(m)
    if ptal_layer is not None:
        _Legenda(
            "OV-bereikbaarheid (PTAL)",
            [(PTAL_KLEUREN[k], _PTAL_LABELS[k]) for k in reversed(PTAL_KLEUREN)],
            [ptal_layer],
            vorm="vlak",
            position="bottomleft",
        ).add_to(m)
    if glasvezel is not None:
        stops = np.array([1.0, 0.8, 0.6, 0.4, 0.2, 0.0])
        swatches = dekking_rgba(stops[None, :])[0]
        _Legenda(
            "Glasvezeldekking",
            [
                ("#{:02x}{:02x}{:02x}".format(*rgb[:3]), f"{round(v * 100)}%")
                for rgb, v in zip(swatches.tolist(), stops, strict=True)
            ],
            [glasvezel],
            vorm="vlak",
            position="bottomleft",
        ).add_to(m)

    attributie = (
        '<b style="color:#b2182b">fictieve gegevens (demoregio)</b>' if fictief else "werkruimte"
    )
    _Titel(_titel_html(regio, kand, clusters, balans, date.today()), attributie).add_to(m)
    _Reserve(grijs, osm).add_to(m)
    m.fit_bounds(box)
    return m


# =========================================================================== PNG maps


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


def png_per_gemeente(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None = None,
    tabel: gpd.GeoDataFrame | None = None,
    *,
    out_dir: Path,
    path_for: Callable[[Path], Path] = lambda p: p,
) -> list[tuple[str, Path]]:
    """Write a static PNG map per gemeente for reports (matplotlib, Agg).

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
    out_dir
        Folder of the final files, named ``kansenkaart_<gemeente>.png``.
    path_for
        Maps a final path to the path to actually write (the atomic writer's
        temporary path); default: write to the final path.

    Returns
    -------
    list of (str, Path)
        ``(gemeente, final path)`` per map, in the order of ``regio.gemeenten``.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    percelen = _check_percelen(percelen)
    kand = _kandidaten(percelen)
    kand = kand.assign(_kleur=score_kleur(kand["score"]))
    fictief = bool(regio.config.fictief)
    klassen = _klassen_van(regio, tabel)
    kleuren = klasse_kleuren(klassen)
    terreinen: gpd.GeoDataFrame | None
    if tabel is not None and {"soort", "klasse"} <= set(tabel.columns):
        t = ensure_rd(gpd.GeoDataFrame(tabel, geometry="geometry"), what="driedeling")
        t = t.loc[np.isin(shapely.get_type_id(t.geometry.to_numpy()), (3, 6))]
        terreinen = t.assign(
            _kleur=t["klasse"].astype("string").map(lambda k: kleuren.get(str(k), _ONBEKEND_KLEUR))
        )
    else:
        b = regio.bedrijventerreinen
        terreinen = b.assign(_kleur=_ONBEKEND_KLEUR) if b is not None and len(b) else None
    cl = ensure_rd(clusters, what="schuifruimte-clusters") if clusters is not None else None

    gem = regio.gemeenten
    if gem is not None and len(gem):
        gebieden = [(str(n), g) for n, g in zip(gem["gemeente"], gem.geometry, strict=True)]
    else:
        gebieden = []
        if "gemeente" in percelen.columns:
            for n, grp in percelen.groupby(percelen["gemeente"].astype(str)):  # per gemeente
                x0, y0, x1, y1 = (float(v) for v in grp.total_bounds)
                gebieden.append((str(n), shapely.box(x0, y0, x1, y1)))

    out_dir = Path(out_dir)
    written: list[tuple[str, Path]] = []
    today = _datum_nl(date.today())
    used: set[str] = set()
    for naam, geom in gebieden:  # one figure per gemeente, not per parcel
        if geom is None or shapely.is_empty(geom):
            continue
        gx0, gy0, gx1, gy1 = shapely.bounds(geom).tolist()
        pad = max(gx1 - gx0, gy1 - gy0) * 0.04
        bbox = (gx0 - pad, gy0 - pad, gx1 + pad, gy1 + pad)
        fig = Figure(figsize=(8.0, 8.6), dpi=150)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.02, 0.12, 0.96, 0.8))
        if gem is not None and len(gem):
            gem.boundary.plot(ax=ax, color="#bdbdbd", linewidth=0.6)
        t_box = _in_box(terreinen, bbox)
        if t_box is not None:
            t_box.plot(ax=ax, color=t_box["_kleur"].tolist(), alpha=0.45, linewidth=0)
            t_box.boundary.plot(ax=ax, color=t_box["_kleur"].tolist(), linewidth=0.8)
        k_box = _in_box(kand, bbox)
        if k_box is not None:
            k_box.plot(ax=ax, color=k_box["_kleur"].tolist(), edgecolor="#252525", linewidth=0.3)
        c_box = _in_box(cl, bbox)
        if c_box is not None:
            c_box.boundary.plot(ax=ax, color=_CLUSTER_KLEUR, linewidth=1.4)
            if "oppervlakte_ha" in c_box.columns:
                ha = pd.to_numeric(c_box["oppervlakte_ha"], errors="coerce").to_numpy()
            else:
                ha = shapely.area(c_box.geometry.to_numpy()) / 1e4
            # Label above each cluster, so it does not hide the parcels.
            cb = shapely.bounds(c_box.geometry.to_numpy())
            for cx, cy, v in zip(
                (cb[:, 0] + cb[:, 2]) / 2.0, cb[:, 3], ha, strict=True
            ):  # a few clusters per gemeente
                ax.annotate(
                    f"{_ha(float(v))} ha",
                    (cx, cy),
                    xytext=(0, 2),
                    textcoords="offset points",
                    fontsize=7,
                    color="#b30000",
                    ha="center",
                    va="bottom",
                    fontweight="bold",
                )
        gpd.GeoSeries([geom], crs=RD_NEW).boundary.plot(ax=ax, color="#252525", linewidth=1.5)
        ax.set_xlim(bbox[0], bbox[2])
        ax.set_ylim(bbox[1], bbox[3])
        ax.set_aspect("equal")
        ax.set_axis_off()
        _scale_bar(ax, *bbox[0::2], *bbox[1::2])
        fig.suptitle(f"{naam} – kansen voor werk", fontsize=14, fontweight="bold", y=0.975)
        if fictief:
            fig.text(0.5, 0.935, "fictieve gegevens (demoregio)", color="#b2182b", ha="center")
        handles: list[Any] = [
            Patch(facecolor=c, edgecolor="#252525", label=f"score {lab}")
            for c, lab in zip(reversed(SCORE_KLEUREN), reversed(_score_labels()), strict=True)
        ]
        if terreinen is not None:
            names = klassen if tabel is not None else ["bedrijventerrein"]
            handles += [
                Patch(facecolor=kleuren.get(k, _ONBEKEND_KLEUR), alpha=0.6, label=k) for k in names
            ]
        handles += [
            Line2D([], [], color=_CLUSTER_KLEUR, linewidth=1.5, label="schuifruimte-cluster"),
            Line2D([], [], color="#252525", linewidth=1.5, label="gemeentegrens"),
        ]
        fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=7, frameon=False)
        fig.text(
            0.99,
            0.005,
            f"werkruimte · {today}" + (" · fictieve gegevens" if fictief else ""),
            fontsize=6,
            ha="right",
            color="#555555",
        )
        slug = _slug(naam)
        while slug in used:
            slug += "-2"
        used.add(slug)
        final = out_dir / f"kansenkaart_{slug}.png"
        target = Path(path_for(final))
        target.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(target, format="png")
        written.append((naam, final))
    return written
