"""The voortgangsrapportage: one self-contained Dutch HTML file.

Built on the demo run (last year) and a changed copy of it (this year: parcels dropped
and merged, Oude Haven turned into wonen, a demand of 10 ha for Hilversum and a regio
name with markup in its settings). Checks the contents, that every text is escaped,
that nothing refers to the network, and (with Chromium) that it opens without errors
or network requests.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_monitor import gewijzigde_kopie
from test_vergelijk import GEMEENTEN, kansenkaart_run

from werkruimte.rapport import schrijf_rapport, voortgangsrapport
from werkruimte.run import lees_run

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("rapport")
    vorig = kansenkaart_run(tmp / "vorig")
    nu = tmp / "nu"
    gewijzigde_kopie(vorig, nu)
    man = json.loads((nu / "manifest.json").read_text(encoding="utf-8"))
    man["regio"] = "Gooi <b>& Vecht</b>"
    man["instellingen"]["criteria"]["schuifruimte"]["vraag_ha_per_gemeente"] = {"Hilversum": 10.0}
    (nu / "manifest.json").write_text(json.dumps(man), encoding="utf-8")
    return vorig, nu


@pytest.fixture(scope="module")
def html(runs: tuple[Path, Path]) -> str:
    return voortgangsrapport(lees_run(runs[1]), vorig=lees_run(runs[0]))


class _Bronnen(HTMLParser):
    """Collects every src/href and every <img alt>."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.alts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]
        if tag == "img":
            self.alts.append(a.get("alt") or "")


def _parse(html: str) -> _Bronnen:
    p = _Bronnen()
    p.feed(html)
    return p


def test_the_report_names_every_gemeente_and_the_demand(html: str) -> None:
    for gem in GEMEENTEN:
        assert gem in html
    assert "14,0 ha" in html  # the regional demand of the Werkplan
    assert "Voortgangsrapportage Werklandschappen" in html
    assert "fictieve gegevens" in html
    # the demand given for Hilversum (10 ha) against 7,4 ha found: a shortage of 2,6 ha
    assert re.search(
        r"<td>Hilversum</td><td class=\"getal\">7,4</td>.*?<td class=\"getal\">"
        r"10,0</td><td class=\"getal\">-2,6</td><td>tekort</td>",
        html,
    )
    assert "geen vraag opgegeven" in html


def test_charts_and_one_map_per_gemeente_inline(html: str) -> None:
    p = _parse(html)
    assert all(r.startswith("data:image/png;base64,") for r in p.refs)
    kaarten = [a for a in p.alts if a.startswith("Kaart ")]
    assert kaarten == [
        f"Kaart {g}"
        for g in [
            "Eemnes",
            "Blaricum",
            "Hilversum",
            "Huizen",
            "Laren (NH.)",
            "Wijdemeren",
            "Gooise Meren",
        ]
    ]
    grafieken = [a for a in p.alts if not a.startswith("Kaart ")]
    assert len(grafieken) >= 3
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "@page" in html and "A4" in html


def test_changes_since_last_year(html: str) -> None:
    assert "Verandering sinds de vorige run" in html
    assert "3 verwijderd" in html and "1 nieuw perceel/percelen uit samenvoeging" in html
    section = html.split("Werklocaties waar werk wonen werd", 1)[1]
    assert "<td>Oude Haven</td><td>Huizen</td>" in section.split("</table>", 1)[0]


def test_every_text_is_escaped(html: str) -> None:
    assert "Gooi <b>& Vecht</b>" not in html
    assert "Gooi &lt;b&gt;&amp; Vecht&lt;/b&gt;" in html
    assert "b" not in _parse(html).tags


def test_provenance_lists_the_inputs_with_sha256(runs: tuple[Path, Path], html: str) -> None:
    man = json.loads((runs[1] / "manifest.json").read_text(encoding="utf-8"))
    for info in man["invoer"].values():
        if info:
            assert info["sha256"] in html
    # settings that differ from the defaults: the demand and the demo's own settings
    instellingen = html.split("Instellingen die afwijken van de standaard", 1)[1]
    assert "criteria.schuifruimte.vraag_ha_per_gemeente.Hilversum" in instellingen
    assert "criteria.glasvezel.eenheid" in instellingen
    assert "bronnen.percelen" not in instellingen


def test_schrijf_rapport(tmp_path: Path, html: str) -> None:
    path = schrijf_rapport(html, tmp_path / "uit")
    assert path == tmp_path / "uit" / "voortgangsrapport.html"
    assert path.read_text(encoding="utf-8") == html
    assert [p.name for p in (tmp_path / "uit").iterdir()] == ["voortgangsrapport.html"]


def test_without_vorig_there_is_no_change_section(runs: tuple[Path, Path]) -> None:
    html = voortgangsrapport(lees_run(runs[0]))
    assert "Verandering sinds de vorige run" not in html
    assert "Klassewijzigingen staan in het rapport met een vorige run" in html
    assert "14,0 ha" in html


@pytest.mark.browser
def test_the_report_opens_offline_in_chromium(tmp_path: Path, html: str) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium ontbreekt ({CHROMIUM}); installeer het met apt-get.")
    from playwright.sync_api import sync_playwright

    path = schrijf_rapport(html, tmp_path)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            errors: list[str] = []
            network: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on(
                "request",
                lambda r: None if r.url.startswith(("file:", "data:")) else network.append(r.url),
            )
            page.goto(path.as_uri(), wait_until="load")
            broken = page.evaluate(
                "() => [...document.images].filter(i => !i.complete || !i.naturalWidth).length"
            )
            n_images = page.evaluate("() => document.images.length")
            pdf = page.pdf(format="A4")
        finally:
            browser.close()
    assert errors == []
    assert network == []
    assert n_images >= 10 and broken == 0
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 3


def test_source_dates_are_shown_when_the_manifest_has_them(
    tmp_path: Path, runs: tuple[Path, Path]
) -> None:
    import shutil

    run = tmp_path / "met_datum"
    shutil.copytree(runs[0], run)
    man = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    man["invoer"]["percelen"]["datum"] = "2026-03-01"
    (run / "manifest.json").write_text(json.dumps(man), encoding="utf-8")
    herkomst = voortgangsrapport(lees_run(run)).split("<h2>Herkomst</h2>", 1)[1]
    assert "<th>datum</th>" in herkomst and "1 maart 2026" in herkomst
    assert "<th>datum</th>" not in html_of(runs[0]).split("<h2>Herkomst</h2>", 1)[1]


def html_of(run: Path) -> str:
    return voortgangsrapport(lees_run(run))
