"""The kansenkaart in headless Chromium: it renders offline, without JavaScript errors.

Opens a generated map (all layers: candidates, clusters, driedeling, werkbestemmingen,
hotspots, OV stops and PTAL, glasvezel overlay and gaps, gemeenten) from a file:// URL
with every http(s) request blocked, as on a laptop without internet: Leaflet and its
plugins are embedded, only the background tiles fail (tile errors are network errors,
not script errors). Checks that the layer control lists the overlays, that polygons are
drawn, that the search finds a parcel and opens its popup, and that no script raised
an error. The screenshot goes to ``test-artifacts/kansenkaart.png`` and the time until
the map was rendered is printed.

Needs Debian's ``chromium`` at /usr/bin/chromium (``apt-get install -y chromium``).
Without it the test is skipped, except in CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_kansenkaart import (
    make_clusters,
    make_gaten,
    make_percelen,
    make_regio,
    make_tabel,
    write_gtfs,
    write_raster,
)

from werkruimte.kaart import kansenkaart
from werkruimte.sources.glasvezel import load_glasvezel
from werkruimte.sources.gtfs import load_gtfs

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

OVERLAYS = [
    "Kandidaten middensegment (1)",
    "Kandidaten schuifruimte (2)",
    "Schuifruimte-clusters (0,4 ha)",
    "Bedrijventerreinen (driedeling)",
    "Informele werklocaties (2)",
    "Werkbestemmingen (IMRO2012)",
    "OV-haltes (vertrekken 08:15–09:15)",
    "OV-bereikbaarheid (PTAL)",
    "Glasvezeldekking",
    "Glasvezelgaten",
    "Gemeentegrenzen",
]

# Counts the vector layers Leaflet drew (canvas or SVG), by kind.
COUNT_JS = """() => {
    const map = window[document.querySelector('.folium-map').id];
    const n = {polygons: 0, circles: 0, markers: 0, images: 0};
    map.eachLayer(l => {
        if (l instanceof L.Polygon) { n.polygons += 1; }
        else if (l instanceof L.CircleMarker) { n.circles += 1; }
        else if (l instanceof L.Marker) { n.markers += 1; }
        else if (l instanceof L.ImageOverlay) { n.images += 1; }
    });
    return n;
}"""


def _is_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = (
            f"Chromium ontbreekt ({CHROMIUM}); installeer het met "
            "'apt-get install -y chromium' om de kaart in een browser te testen."
        )
        if _is_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def kaart_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("kaart")
    feed = load_gtfs(write_gtfs(tmp / "gtfs"))
    raster = load_glasvezel(write_raster(tmp / "dekking.tif"))
    regio = make_regio(ov=feed, glasvezel=raster)
    kaart = kansenkaart(regio, make_percelen(), make_clusters(), make_tabel(), gaten=make_gaten())
    path = tmp / "kansenkaart.html"
    kaart.save(str(path))
    return path


def _script_errors(messages: list[Any]) -> list[str]:
    """Console errors, except failed resource loads (blocked tiles)."""
    out = []
    for msg in messages:
        if msg.type != "error":
            continue
        text = msg.text
        if "Failed to load resource" in text or "net::ERR_" in text:
            continue
        out.append(text)
    return out


def test_kansenkaart_renders_offline(browser: Any, kaart_html: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page_errors: list[str] = []
    console: list[Any] = []
    blocked: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    page.on("console", lambda msg: console.append(msg))

    def block(route: Any) -> None:
        blocked.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^https?://"), block)

    start = time.perf_counter()
    page.goto(kaart_html.as_uri(), wait_until="load")
    page.wait_for_selector(".leaflet-control-layers-overlays label", state="attached")
    page.wait_for_function(f"() => ({COUNT_JS})().polygons > 0")
    rendered = time.perf_counter() - start
    print(f"\nkansenkaart: weergegeven na {rendered:.2f} s ({kaart_html.stat().st_size} bytes)")

    labels = [
        el.inner_text().strip()
        for el in page.query_selector_all(".leaflet-control-layers-overlays label")
    ]
    assert labels == OVERLAYS
    bases = [
        el.inner_text().strip()
        for el in page.query_selector_all(".leaflet-control-layers-base label")
    ]
    assert bases[:3] == [
        "BRT Achtergrondkaart (grijs)",
        "BRT Achtergrondkaart (standaard)",
        "Luchtfoto (PDOK)",
    ]
    assert bases[3] == "OpenStreetMap (reserve)"

    counts = page.evaluate(COUNT_JS)
    # 3 candidates + 1 cluster + 2 terrains + 1 gap + 2 gemeenten (werkbestemmingen,
    # OV stops, PTAL and glasvezel start switched off).
    assert counts["polygons"] == 9
    assert counts["circles"] == 0
    assert page.inner_text(".wr-cluster-label") == "0,4 ha"
    assert page.query_selector(".leaflet-overlay-pane canvas, .leaflet-overlay-pane svg path")

    # At 1400 px the title is folded to one bar; a click on it shows the rest.
    assert page.evaluate("document.querySelector('.wr-titel').classList.contains('wr-dicht')")
    assert "FICTIEVE GEGEVENS" in page.inner_text(".wr-titel")
    assert "Schuifruimte: aanbod" not in page.inner_text(".wr-titel")
    page.click(".wr-titel .wr-kop")
    titel = page.inner_text(".wr-titel")
    assert "FICTIEVE GEGEVENS" in titel
    assert "Schuifruimte: aanbod 0,4 ha van 14 ha" in titel
    page.click(".wr-titel .wr-kop")
    assert "fictieve gegevens" in page.inner_text(".leaflet-control-attribution")
    assert page.query_selector(".leaflet-control-search")
    assert page.query_selector(".leaflet-control-measure")
    assert page.query_selector(".fullscreen-icon")

    # Switch on the OV stops (the two with departures are drawn) and PTAL: a PTAL
    # section appears in the one legend panel, and its polygons are drawn. (At 1400 px
    # the layer panel starts folded: hovering opens it.)
    page.hover(".leaflet-control-layers")
    overlay = page.locator(".leaflet-control-layers-overlays label")
    overlay.filter(has_text="OV-haltes").locator("input").click()
    assert page.evaluate(COUNT_JS)["circles"] == 2
    assert page.locator(".wr-legenda").count() == 1
    sections_before = page.locator(".wr-legenda-deel:visible").count()
    overlay.filter(has_text="OV-bereikbaarheid (PTAL)").locator("input").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.wr-legenda-deel')].some("
        "d => d.offsetParent !== null && d.innerText.includes('PTAL'))"
    )
    assert page.locator(".wr-legenda-deel:visible").count() == sections_before + 1
    assert page.locator(".wr-legenda").count() == 1
    assert page.evaluate(COUNT_JS)["polygons"] > counts["polygons"]

    # Search a parcel by (part of) its id: the map zooms there and opens its popup.
    page.click(".leaflet-control-search .search-button")
    page.locator(".leaflet-control-search input.search-input").press_sequentially("B-3", delay=30)
    page.wait_for_selector(".leaflet-control-search .search-tip", timeout=5000)
    page.click(".leaflet-control-search .search-tip")
    popup = page.wait_for_selector(".leaflet-popup-content", timeout=5000)
    text = popup.inner_text()
    assert "LRN00-B-3" in text
    assert "Uitleg" in text and "Rangstabiliteit" in text

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "kansenkaart.png"))

    assert page_errors == []
    assert _script_errors(console) == []
    # Nothing but tiles was requested from the network: the libraries are embedded.
    assert blocked, "verwacht (geblokkeerde) tegelverzoeken"
    assert all(re.search(r"pdok\.nl|openstreetmap\.org", url) for url in blocked), blocked
    page.close()


@pytest.fixture(scope="module")
def demo_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The map `werkruimte kansenkaart` (= `make demo`) writes."""
    from werkruimte.cli import main

    tmp = tmp_path_factory.mktemp("demo")
    html = tmp / "kansenkaart.html"
    assert main(["kansenkaart", "--out", str(tmp / "output"), "--kaart", str(html), "-q"]) == 0
    return html


def test_demo_kansenkaart_from_the_cli_renders(browser: Any, demo_html: Path) -> None:
    """The map `werkruimte kansenkaart` (= `make demo`) writes renders without errors."""
    html = demo_html
    assert html.stat().st_size < 10_000_000

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page_errors: list[str] = []
    console: list[Any] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    page.on("console", lambda msg: console.append(msg))
    page.route(re.compile(r"^https?://"), lambda route: route.abort())
    start = time.perf_counter()
    page.goto(html.as_uri(), wait_until="load")
    page.wait_for_selector(".leaflet-control-layers-overlays label", state="attached")
    page.wait_for_function(f"() => ({COUNT_JS})().polygons > 0")
    print(f"\ndemokaart: weergegeven na {time.perf_counter() - start:.2f} s")
    labels = [
        el.inner_text().strip()
        for el in page.query_selector_all(".leaflet-control-layers-overlays label")
    ]
    for expected in (
        "Kandidaten schuifruimte",
        "Kandidaten middensegment",
        "Schuifruimte-clusters",
        "Bedrijventerreinen (driedeling)",
        "Informele werklocaties",
        "OV-haltes",
        "OV-bereikbaarheid (PTAL)",
        "Glasvezeldekking",
        "Glasvezelgaten",
        "Gemeentegrenzen",
    ):
        assert any(label.startswith(expected) for label in labels), (expected, labels)
    # Hundreds of candidate parcels, clusters, terrains and gemeenten are drawn.
    assert page.evaluate(COUNT_JS)["polygons"] > 300
    assert "FICTIEVE GEGEVENS" in page.inner_text(".wr-titel")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "kansenkaart_demo.png"))
    assert page_errors == []
    assert _script_errors(console) == []
    page.close()


XSS = '"><img src=x onerror="window.__xss=1;alert(1)"><svg onload="window.__xss=2">'

# Opens every popup and tooltip (also of clustered markers) into the page, as Leaflet
# would, and lists every element that carries an inline event handler.
OPEN_ALL_JS = """() => {
    const map = window[document.querySelector('.folium-map').id];
    const sink = document.createElement('div');
    sink.id = 'sink';
    document.body.appendChild(sink);
    function show(content, layer) {
        if (typeof content === 'function') {
            if (!layer.feature) { return; }
            content = content(layer);
        }
        if (content instanceof HTMLElement) { sink.appendChild(content); }
        else if (typeof content === 'string') {
            const d = document.createElement('div'); d.innerHTML = content; sink.appendChild(d);
        }
    }
    function visit(l, parent) {
        if (l.getLayers) { l.getLayers().forEach(c => visit(c, l)); }
        [l, parent].forEach(h => {
            if (!h) { return; }
            const p = h.getPopup && h.getPopup(); if (p) { show(p._content, l); }
            const t = h.getTooltip && h.getTooltip(); if (t) { show(t._content, l); }
        });
    }
    map.eachLayer(l => visit(l, null));
    document.querySelectorAll('.leaflet-control-layers-overlays input').forEach(i => {
        if (!i.checked) { i.click(); }
    });
    const handlers = [];
    document.querySelectorAll('*').forEach(el => {
        for (const a of el.attributes) {
            if (a.name.toLowerCase().startsWith('on')) { handlers.push(el.outerHTML.slice(0, 80)); }
        }
    });
    return {handlers: handlers, imgs: document.querySelectorAll('img[src="x"]').length,
            text: sink.textContent, xss: window.__xss || null};
}"""


def test_hostile_values_stay_text(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every text field that reaches the map carries a script; none runs, all show as text."""
    tmp = tmp_path_factory.mktemp("xss")
    gtfs = write_gtfs(tmp / "gtfs")
    stops = gtfs / "stops.txt"
    stops.write_text(stops.read_text().replace("Halte S1", XSS.replace(",", " ")))
    regio = make_regio(ov=load_gtfs(gtfs), glasvezel=load_glasvezel(write_raster(tmp / "d.tif")))
    regio.config = regio.config.with_changes({"regio": {"naam": XSS}})
    for frame, cols in (
        (regio.gemeenten, ["gemeente"]),
        (regio.bedrijventerreinen, ["naam", "gemeente"]),
        (regio.bestemmingsplannen, ["naam"]),
        (regio.hotspots, ["naam", "gemeente", "doelgroep"]),
    ):
        for col in cols:
            frame[col] = XSS
    percelen = make_percelen()
    for col in ("perceel_id", "gemeente", "ov_klasse", "uitleg"):
        percelen[col] = [f"{XSS}{i}" for i in range(len(percelen))]
    percelen["profiel"] = percelen["profiel"].where(percelen["profiel"].isna(), XSS)
    clusters = make_clusters()
    clusters["gemeenten"] = XSS
    clusters["percelen"] = XSS
    tabel = make_tabel()
    for col in ("naam", "gemeente", "reden", "klasse"):
        tabel[col] = XSS
    kaart = kansenkaart(regio, percelen, clusters, tabel, gaten=make_gaten())
    path = tmp / "kansenkaart.html"
    kaart.save(str(path))
    html = path.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "script-src-attr 'none'" in html

    page = browser.new_page(viewport={"width": 1200, "height": 800})
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route(re.compile(r"^https?://"), lambda route: route.abort())
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector(".leaflet-control-layers-overlays label", state="attached")
    result = page.evaluate(OPEN_ALL_JS)
    page.wait_for_timeout(300)
    assert result["handlers"] == []
    assert result["imgs"] == 0
    assert result["xss"] is None and page.evaluate("window.__xss || null") is None
    assert dialogs == [] and errors == []
    assert XSS in result["text"]  # shown as text, in the popups and tooltips
    labels = page.inner_text(".leaflet-control-layers-overlays")
    assert f"Kandidaten {XSS}" in labels
    assert XSS in page.inner_text(".wr-titel")
    # The CSP itself: an injected inline handler is refused by the browser.
    page.evaluate(
        "() => { const d = document.createElement('div');"
        " d.innerHTML = '<img src=x onerror=\"window.__csp=1\">'; document.body.appendChild(d); }"
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__csp || null") is None


# Per gemeente: its outermost points (north, east, south, west) in screen pixels, the
# boxes of everything drawn over the map (title, controls, legend) and of the labels.
LAYOUT_JS = """() => {
    const map = window[document.querySelector('.folium-map').id];
    const box = map.getContainer().getBoundingClientRect();
    const shown = el => el.offsetParent !== null && !el.classList.contains('wr-verborgen')
        && getComputedStyle(el).visibility !== 'hidden';
    const rect = el => { const r = el.getBoundingClientRect();
        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
    const gemeenten = {};
    map.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (!(l instanceof L.Polygon) || !p || Object.keys(p).join() !== 'gemeente') { return; }
        const pts = l.getLatLngs().flat(3).map(ll => {
            const q = map.latLngToContainerPoint(ll); return {x: q.x, y: q.y}; });
        const pick = f => pts.reduce((a, b) => f(a, b) ? a : b);
        gemeenten[p.gemeente] = {
            noord: pick((a, b) => a.y < b.y), oost: pick((a, b) => a.x > b.x),
            zuid: pick((a, b) => a.y > b.y), west: pick((a, b) => a.x < b.x),
        };
    });
    const over = [...document.querySelectorAll('.wr-titel, .leaflet-control')]
        .filter(shown).map(el => ({naam: el.getAttribute('class'), ...rect(el)}))
        .filter(r => r.right > r.left);
    const labels = [...document.querySelectorAll('.wr-cluster-label, .marker-cluster')]
        .filter(shown).map(el => ({tekst: el.innerText, ...rect(el)}));
    return JSON.stringify({breedte: box.width, hoogte: box.height, links: box.left,
                           boven: box.top, gemeenten, over, labels});
}"""


def _raakt(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return not (
        a["right"] <= b["left"]
        or a["left"] >= b["right"]
        or a["bottom"] <= b["top"]
        or a["top"] >= b["bottom"]
    )


@pytest.mark.parametrize("size", [(1400, 1000), (1920, 1080)])
def test_opening_view_shows_every_gemeente_and_no_label_overlaps(
    browser: Any, demo_html: Path, size: tuple[int, int]
) -> None:
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height})
    page_errors: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    page.route(re.compile(r"^https?://"), lambda route: route.abort())
    page.goto(demo_html.as_uri(), wait_until="load")
    page.wait_for_function(f"() => ({COUNT_JS})().polygons > 0")
    page.wait_for_timeout(900)  # the labels are placed 350 ms after the last move
    layout = json.loads(page.evaluate(LAYOUT_JS))
    gemeenten = layout["gemeenten"]
    assert sorted(gemeenten) == [
        "Blaricum",
        "Eemnes",
        "Gooise Meren",
        "Hilversum",
        "Huizen",
        "Laren (NH.)",
        "Wijdemeren",
    ]
    covered = []
    for naam, punten in gemeenten.items():
        for kant, pt in punten.items():
            x, y = pt["x"], pt["y"]
            assert 0 <= x <= layout["breedte"] and 0 <= y <= layout["hoogte"], (naam, kant)
            page_x, page_y = x + layout["links"], y + layout["boven"]
            for r in layout["over"]:
                if r["left"] <= page_x <= r["right"] and r["top"] <= page_y <= r["bottom"]:
                    covered.append((naam, kant, r["naam"]))
    assert covered == []
    labels = layout["labels"]
    assert labels, "verwacht clusterlabels of tellers van markergroepen"
    overlaps = [
        (a["tekst"], b["tekst"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if _raakt(a, b)
    ]
    assert overlaps == []
    # After zooming in, more labels get room; still none overlaps.
    page.evaluate("() => { window[document.querySelector('.folium-map').id].zoomIn(); }")
    page.wait_for_timeout(1200)
    labels = json.loads(page.evaluate(LAYOUT_JS))["labels"]
    assert not [1 for i, a in enumerate(labels) for b in labels[i + 1 :] if _raakt(a, b)]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => { window[document.querySelector('.folium-map').id].zoomOut(); }")
    page.wait_for_timeout(1200)
    page.screenshot(path=str(ARTIFACTS / f"kansenkaart_{width}x{height}.png"))
    assert page_errors == []
    page.close()


def _zoek(page: Any, tekst: str) -> str:
    """Type into the search, take the first suggestion, return the popup's text."""
    page.click(".leaflet-control-search .search-button")
    field = page.locator(".leaflet-control-search input.search-input")
    field.fill("")
    field.press_sequentially(tekst, delay=30)
    page.wait_for_selector(".leaflet-control-search .search-tip", timeout=5000)
    page.click(".leaflet-control-search .search-tip")
    page.wait_for_timeout(400)
    popup = page.wait_for_selector(".leaflet-popup-content", timeout=5000)
    return popup.inner_text()


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Kerkel", "Kerkelanden"),  # a bedrijventerrein, by name
        ("cluster 0", "HVS00-A-1"),  # a schuifruimte cluster
        ("Broedpl", "De Broedplaats"),  # an informal werklocatie, inside a marker group
        ("A-2", "HVS00-A-2"),  # a candidate parcel, by (part of) its id
    ],
)
def test_search_finds_parcels_clusters_and_werklocaties(
    browser: Any, kaart_html: Path, tekst: str, verwacht: str
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page_errors: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    page.route(re.compile(r"^https?://"), lambda route: route.abort())
    page.goto(kaart_html.as_uri(), wait_until="load")
    page.wait_for_function(f"() => ({COUNT_JS})().polygons > 0")
    assert verwacht in _zoek(page, tekst)
    assert page_errors == []
    page.close()
