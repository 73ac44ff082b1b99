"""Offline Leaflet: the vendored libraries written into the map's HTML.

folium links Leaflet and its plugins from CDNs. The map is meant to be opened on an
intranet laptop, and tests run without internet, so with ``inline=True`` (default) the
JavaScript and CSS come from ``werkruimte/static/`` (Leaflet 1.9.4, markercluster,
fullscreen, measure, search; MIT/BSD, see ``static/README.md``) and are written into
the HTML itself (about 0.4 MB). Images that the CSS refers to become data URIs.
jQuery, Bootstrap and Font Awesome, which folium links by default, are not needed by
anything on this map and are left out. Only the background tiles (PDOK, OSM) need
the network; without it the overlays still work.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure

__all__ = ["Kansenkaart", "RawHtml", "inline_assets_html"]

log = logging.getLogger(__name__)


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


class RawHtml(Element):
    """An element that renders a fixed string (no template processing)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        """The fixed string."""
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
            RawHtml(inline_assets_html(sorted(self._ingebed))),
            name="werkruimte_bibliotheken",
            # After the Content-Security-Policy <meta>, which must come first.
            index=1 if "werkruimte_csp" in root.header._children else 0,
        )
