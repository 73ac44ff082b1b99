"""The voortgangsrapportage: one self-contained HTML file for the portefeuillehoudersoverleg.

:func:`voortgangsrapport` reads a run (and optionally last year's run) and builds one
HTML page in Dutch that needs no network: the charts (matplotlib, Agg) and the maps
are PNG ``data:`` URIs, the CSS is inline and has print rules for A4. Every text that
comes from data or configuration is escaped with :func:`html.escape`.

Sections: summary; schuifruimte per gemeente and region against demand; middensegment
supply against demand; driedeling counts (and, with ``vorig``, the werklocaties that
changed class); glasvezelgaten; data coverage per source (when the manifest has
``dekking``); with ``vorig`` the changes since last year; a map per gemeente; the
settings that differ from the Werkplan defaults; the provenance (inputs with SHA-256).

The static map per gemeente is drawn here by :func:`kaarten_per_gemeente`, small on
purpose: it yields ``(gemeente, Figure)`` pairs like the map package's PNG maker and can
be replaced by it.
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from werkruimte._nl import datum, geheel, getal, ha
from werkruimte.balans import REGIO, Balansen, balans_per_gemeente
from werkruimte.config import Config, default_config
from werkruimte.run import Run
from werkruimte.vergelijk import instellingen_verschil

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.figure import Figure

    from werkruimte.monitor import Monitor

__all__ = ["kaarten_per_gemeente", "schrijf_rapport", "voortgangsrapport"]

_KLEUREN = {"behouden": "#1b7837", "menging": "#f4a582", "transformatie": "#762a83"}
_PROFIEL_KLEUREN = {"schuifruimte": "#d7301f", "middensegment": "#2171b5"}

CSS = """
body { font-family: "Segoe UI", Arial, sans-serif; color: #222; max-width: 60em;
  margin: 1.5em auto; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #1b7837;
  padding-bottom: 0.15em; margin-top: 1.6em; } h3 { margin-bottom: 0.3em; }
.fictief { background: #fde0dd; border: 1px solid #c51b8a; padding: 0.4em 0.8em; }
.meta { color: #555; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }
th { background: #eef3ee; } td.getal { text-align: right; white-space: nowrap; }
tr.totaal td { font-weight: bold; background: #f6f6f6; }
.tekort { color: #b2182b; font-weight: bold; } .sha { font-family: monospace; font-size: 0.8em; }
figure { margin: 0.5em 0 1em; } figure img { max-width: 100%; height: auto; }
.kaarten { display: flex; flex-wrap: wrap; gap: 1em; }
.kaarten figure { width: 18em; }
figcaption { font-size: 0.85em; color: #444; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2 { break-before: page; } h2.eerste { break-before: avoid; }
  table, figure, .kaarten figure { break-inside: avoid; }
  .kaarten figure { width: 45%; }
}
"""


# -- small helpers ---------------------------------------------------------------------


def _png(fig: Figure) -> str:
    """The figure as a PNG ``data:`` URI."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _figuur(fig: Figure, onderschrift: str) -> str:
    return (
        f'<figure><img src="{_png(fig)}" alt="{escape(onderschrift)}">'
        f"<figcaption>{escape(onderschrift)}</figcaption></figure>"
    )


def _cel(value: Any, fmt: Callable[[Any], str] | None) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "<td>–</td>"
    if fmt is not None:
        return f'<td class="getal">{escape(fmt(value))}</td>'
    return f"<td>{escape(str(value))}</td>"


def _tabel(
    frame: pd.DataFrame,
    kolommen: Mapping[str, str],
    *,
    fmt: Mapping[str, Callable[[Any], str]] | None = None,
    totaal: str | None = None,
) -> str:
    """An HTML table of ``kolommen`` (column -> Dutch header); a row named ``totaal`` bold."""
    fmt = fmt or {}
    cols = [c for c in kolommen if c in frame.columns]
    head = "".join(f"<th>{escape(kolommen[c])}</th>" for c in cols)
    rows = []
    for rec in frame[cols].to_dict(orient="records"):
        first = str(rec[cols[0]]) if cols else ""
        cls = ' class="totaal"' if totaal is not None and first == totaal else ""
        cells = "".join(_cel(rec[c], fmt.get(c)) for c in cols)
        rows.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _staven(
    labels: Sequence[str],
    reeksen: Mapping[str, Sequence[float]],
    *,
    eenheid: str,
    kleuren: Sequence[str] = ("#1b7837", "#999999", "#d7301f", "#2171b5"),
    gestapeld: bool = False,
) -> Figure:
    """A bar chart (grouped or stacked) with Dutch labels."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 3.4))
    ax = fig.add_subplot()
    x = np.arange(len(labels))
    n = max(len(reeksen), 1)
    width = 0.8 if gestapeld else 0.8 / n
    bottom = np.zeros(len(labels))
    for k, (name, values) in enumerate(reeksen.items()):
        v = np.nan_to_num(np.asarray(values, dtype=float))
        pos = x if gestapeld else x - 0.4 + width * (k + 0.5)
        ax.bar(
            pos,
            v,
            width,
            bottom=bottom if gestapeld else None,
            label=name,
            color=kleuren[k % len(kleuren)],
        )
        if gestapeld:
            bottom = bottom + v
    ax.set_xticks(x, [str(s) for s in labels], rotation=20, ha="right")
    ax.set_ylabel(eenheid)
    ax.yaxis.set_major_formatter(lambda v, _pos: getal(v, 0))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def _config(run: Run) -> Config:
    data = run.manifest.get("instellingen")
    base = default_config(run.pad)
    if not isinstance(data, dict) or "criteria" not in data:
        return base
    return Config(path=None, root=run.pad, data=data)


def _run_datum(run: Run) -> str:
    return _iso_datum(run.manifest.get("gemaakt")) or "onbekende datum"


# -- the map per gemeente --------------------------------------------------------------


def _gemeenten(run: Run) -> gpd.GeoDataFrame:
    from werkruimte.sources.gemeenten import load_gemeenten

    invoer = (run.manifest.get("invoer") or {}).get("gemeenten") or {}
    pad = Path(invoer["pad"]) if isinstance(invoer, dict) and invoer.get("pad") else None
    return load_gemeenten(pad if pad is not None and pad.is_file() else None)


def kaarten_per_gemeente(run: Run) -> Iterator[tuple[str, Figure]]:
    """A small static map per gemeente: outline, candidate parcels, clusters.

    Parameters
    ----------
    run
        The run; the outlines come from its ``gemeenten`` source when that file still
        exists, else from the packaged CBS boundaries.

    Yields
    ------
    (str, matplotlib.figure.Figure)
        The gemeente and its map, in the order of the boundaries file.
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    gemeenten = _gemeenten(run)
    percelen = run.percelen()
    kand = percelen.loc[percelen["kandidaat"].astype("boolean").fillna(False).to_numpy(bool)]
    clusters = run.clusters()
    for _, row in gemeenten.iterrows():  # seven gemeenten, not parcels
        naam = str(row["gemeente"])
        fig = Figure(figsize=(4.2, 4.2))
        ax = fig.add_subplot()
        outline = gemeenten.loc[gemeenten["gemeente"] == naam]
        outline.plot(ax=ax, facecolor="#f4f4f0", edgecolor="#333333", linewidth=1.0)
        eigen = kand.loc[(kand["gemeente"].astype("string") == naam).to_numpy(bool)]
        for profiel, kleur in _PROFIEL_KLEUREN.items():
            deel = eigen.loc[(eigen["profiel"].astype("string") == profiel).to_numpy(bool)]
            if len(deel):
                deel.plot(ax=ax, color=kleur, linewidth=0)
        if len(clusters):
            binnen = clusters.loc[clusters.intersects(row.geometry)]
            if len(binnen):
                binnen.plot(ax=ax, facecolor="none", edgecolor="#d7301f", linewidth=1.2)
        ax.set_axis_off()
        ax.set_title(naam, fontsize=11)
        handles = [Patch(color=k, label=f"kandidaat {p}") for p, k in _PROFIEL_KLEUREN.items()]
        handles.append(Patch(facecolor="none", edgecolor="#d7301f", label="schuifruimtecluster"))
        ax.legend(handles=handles, loc="lower left", fontsize=6, frameon=True)
        yield naam, fig


# -- sections --------------------------------------------------------------------------


def _een(value: Any) -> str:
    """One decimal, Dutch (hectares)."""
    return getal(float(value), 1)


def _pct(value: Any) -> str:
    """A fraction as a whole percentage."""
    return f"{getal(100 * float(value), 0)}%"


def _sectie_schuifruimte(b: Balansen) -> str:
    t = b.schuifruimte
    regio = t.loc[t["gemeente"] == REGIO].iloc[0]
    per = t.loc[t["gemeente"] != REGIO]
    tekst = (
        f"<p>In de regio is {escape(ha(regio['aanbod_ha']))} schuifruimte gevonden in "
        f"{escape(geheel(regio['clusters']))} clusters, tegen een regionale vraag van "
        f"{escape(ha(regio['vraag_ha']))} (Werkplan): "
        f"<strong>{escape(str(regio['oordeel']))}</strong>"
        f" (saldo {escape(ha(regio['saldo_ha']))}).</p>"
    )
    fig = _staven(
        [*per["gemeente"], "regio"],
        {"aanbod (ha)": t["aanbod_ha"].tolist(), "vraag (ha)": t["vraag_ha"].tolist()},
        eenheid="hectare",
    )
    kol = {
        "gemeente": "gemeente",
        "aanbod_ha": "aanbod (ha)",
        "clusters": "clusters",
        "vraag_ha": "vraag (ha)",
        "saldo_ha": "saldo (ha)",
        "oordeel": "oordeel",
    }
    fmt = {"aanbod_ha": _een, "vraag_ha": _een, "saldo_ha": _een, "clusters": geheel}
    return (
        '<h2 class="eerste">Schuifruimte: aanbod tegen vraag</h2>'
        + tekst
        + _figuur(fig, "Schuifruimte per gemeente en in de regio (hectare)")
        + _tabel(t, kol, fmt=fmt, totaal=REGIO)
        + "<p class=meta>Aanbod: percelen in een schuifruimtecluster (som van hun "
        "oppervlakte). Een gemeente zonder opgegeven vraag heeft oordeel "
        "'geen vraag opgegeven'.</p>"
    )


def _sectie_middensegment(b: Balansen) -> str:
    if b.middensegment is None:
        return "<h2>Middensegment</h2><p>Deze run heeft geen middensegment-tabel.</p>"
    t = b.middensegment
    per = t.loc[t["gemeente"] != REGIO]
    fig = _staven(
        per["gemeente"].tolist(),
        {"aanbod (m²)": per["aanbod_m2"].tolist(), "vraag (m²)": per["vraag_m2"].tolist()},
        eenheid="m²",
    )
    kol = {
        "gemeente": "gemeente",
        "aanbod_plekken": "aanbod (plekken)",
        "aanbod_m2": "aanbod (m²)",
        "vraag_bedrijven": "vraag (bedrijven)",
        "vraag_m2": "vraag (m²)",
        "saldo_m2": "saldo (m²)",
        "oordeel": "oordeel",
    }
    fmt = {k: geheel for k in kol if k not in ("gemeente", "oordeel")}
    return (
        "<h2>Middensegment (400–1500 m²): aanbod tegen vraag</h2>"
        + _figuur(fig, "Middensegment-aanbod per gemeente (m²)")
        + _tabel(t, kol, fmt=fmt, totaal=REGIO)
    )


def _sectie_driedeling(run: Run, monitor: Monitor | None) -> str:
    tabel = run.driedeling()
    if tabel is None or not len(tabel):
        return "<h2>Driedeling</h2><p>Deze run heeft geen driedeling.</p>"
    ct = pd.crosstab(tabel["gemeente"].astype("string"), tabel["klasse"].astype("string"))
    gevonden = [str(c) for c in ct.columns]
    klassen = [k for k in _KLEUREN if k in gevonden] + [c for c in gevonden if c not in _KLEUREN]
    ct = ct.reindex(columns=klassen, fill_value=0)
    fig = _staven(
        ct.index.tolist(),
        {k: ct[k].tolist() for k in klassen},
        eenheid="werklocaties",
        kleuren=[_KLEUREN.get(k, "#999999") for k in klassen],
        gestapeld=True,
    )
    ct["totaal"] = ct.sum(axis=1)
    ct.loc[REGIO] = ct.sum(axis=0)
    ct.index.name = "gemeente"
    frame = ct.reset_index()
    kol = {"gemeente": "gemeente", **{k: k for k in klassen}, "totaal": "totaal"}
    html = (
        "<h2>Driedeling van werklocaties</h2>"
        + _figuur(fig, "Werklocaties per gemeente en klasse")
        + _tabel(frame, kol, fmt={k: geheel for k in [*klassen, "totaal"]}, totaal=REGIO)
    )
    if monitor is None:
        return html + "<p class=meta>Klassewijzigingen staan in het rapport met een vorige run.</p>"
    d = monitor.vergelijking.driedeling
    changed = d.loc[d["gewijzigd"]]
    if not len(changed):
        return html + "<p>Geen werklocatie is van klasse veranderd sinds de vorige run.</p>"
    kol2 = {
        "naam": "werklocatie",
        "gemeente": "gemeente",
        "soort": "soort",
        "klasse_a": "klasse vorig",
        "klasse_b": "klasse nu",
        "reden_b": "reden nu",
    }
    return html + "<h3>Werklocaties die van klasse veranderden</h3>" + _tabel(changed, kol2)


def _sectie_glasvezel(run: Run) -> str:
    gaten = run.tabel("glasvezelgaten")
    if gaten is None:
        return "<h2>Glasvezelgaten</h2><p>Deze run heeft geen tabel met glasvezelgaten.</p>"
    kol = {
        "gebied_id": "gebied",
        "gemeenten": "gemeente(n)",
        "namen": "werklocaties en clusters",
        "aantal_percelen": "percelen",
        "oppervlakte_ha": "oppervlakte (ha)",
        "gemiddelde_dekking": "gemiddelde dekking",
    }
    fmt = {
        "aantal_percelen": geheel,
        "oppervlakte_ha": _een,
        "gemiddelde_dekking": _pct,
    }
    return (
        f"<h2>Glasvezelgaten</h2><p>{escape(geheel(len(gaten)))} vraagbundelingsgebieden met "
        "onvoldoende glasvezeldekking.</p>" + _tabel(gaten, kol, fmt=fmt)
    )


def _sectie_dekking(run: Run) -> str:
    dekking = run.manifest.get("dekking")
    if not isinstance(dekking, dict) or not dekking:
        return (
            "<h2>Dekking van de gegevens</h2><p>De manifest van deze run bevat geen dekking "
            "per bron.</p>"
        )
    rows = [
        {"bron": k, "dekking": v if isinstance(v, int | float) else np.nan}
        for k, v in dekking.items()
    ]
    frame = pd.DataFrame(rows)
    return "<h2>Dekking van de gegevens</h2>" + _tabel(
        frame,
        {"bron": "bron", "dekking": "deel van de percelen gedekt"},
        fmt={"dekking": _pct},
    )


def _sectie_vorig(m: Monitor) -> str:
    v = m.vergelijking
    s = v.samenvatting
    per = s.loc[s["gemeente"] != REGIO]
    kol = {
        "gemeente": "gemeente",
        "kandidaten_a": "kandidaten vorig",
        "kandidaten_b": "kandidaten nu",
        "erbij": "erbij",
        "erbij_ha": "erbij (ha)",
        "eraf": "eraf",
        "eraf_ha": "eraf (ha)",
        "schuifruimte_ha_a": "schuifruimte vorig (ha)",
        "schuifruimte_ha_b": "schuifruimte nu (ha)",
    }
    fmt = {k: (_een if "_ha" in k else geheel) for k in kol if k != "gemeente"}
    invoer = ", ".join(m.invoer.loc[m.invoer["gewijzigd"], "bron"].astype(str)) or "geen"
    tekst = (
        f"<p>Percelen in de invoer: {escape(geheel(len(m.toegevoegd)))} toegevoegd, "
        f"{escape(geheel(len(m.verwijderd)))} verwijderd, "
        f"{escape(geheel(len(m.samengevoegd)))} nieuw perceel/percelen uit samenvoeging, "
        f"{escape(geheel(len(m.bestemming)))} met een andere bestemming. Gewijzigde bronnen: "
        f"{escape(invoer)}.</p>"
    )
    grafiek = (
        _figuur(
            _staven(
                per["gemeente"].tolist(),
                {"erbij": per["erbij"].tolist(), "eraf": per["eraf"].tolist()},
                eenheid="kandidaat-percelen",
                kleuren=("#1b7837", "#b2182b"),
            ),
            "Kandidaat-percelen erbij en eraf per gemeente",
        )
        if int(per["erbij"].sum() + per["eraf"].sum())
        else "<p>Geen kandidaat-perceel kwam erbij of viel af.</p>"
    )
    html = (
        "<h2>Verandering sinds de vorige run</h2>"
        + tekst
        + grafiek
        + _tabel(s, kol, fmt=fmt, totaal=REGIO)
    )
    if len(m.naar_wonen):
        kol2 = {
            "terrein_naam": "bedrijventerrein",
            "gemeente": "gemeente",
            "naar_wonen_m2": "naar wonen (m²)",
            "aandeel_wonen_vorig": "aandeel wonen vorig",
            "aandeel_wonen_nu": "aandeel wonen nu",
            "klasse": "klasse (driedeling)",
        }
        fmt2 = {"naar_wonen_m2": geheel, "aandeel_wonen_vorig": _pct, "aandeel_wonen_nu": _pct}
        html += "<h3 class=tekort>Werklocaties waar werk wonen werd</h3>" + _tabel(
            m.naar_wonen, kol2, fmt=fmt2
        )
    else:
        html += "<p>Geen bedrijventerrein kreeg sinds de vorige run woonbestemming.</p>"
    return html


def _sectie_kaarten(run: Run, kaarten: Callable[[Run], Iterator[tuple[str, Figure]]]) -> str:
    items = [_figuur(fig, f"Kaart {naam}") for naam, fig in kaarten(run)]
    return (
        "<h2>Kaarten per gemeente</h2><p class=meta>Kandidaat-percelen (rood: schuifruimte, "
        "blauw: middensegment) en schuifruimteclusters (rode rand).</p>"
        f"<div class=kaarten>{''.join(items)}</div>"
    )


def _sectie_instellingen(run: Run) -> str:
    eigen = run.manifest.get("instellingen") or {}
    diff = instellingen_verschil(default_config().data, eigen)
    diff = diff.loc[~diff["sleutel"].str.startswith("bronnen.").to_numpy(bool)]
    if not len(diff):
        return "<h2>Instellingen</h2><p>Alle instellingen volgen het Werkplan (standaard).</p>"
    kol = {"sleutel": "instelling", "waarde_a": "standaard", "waarde_b": "deze run"}
    return (
        "<h2>Instellingen die afwijken van de standaard</h2>"
        "<p class=meta>Standaard: werkruimte/standaard.toml (Werkplan Werklandschappen). "
        "Bronpaden staan bij de herkomst.</p>" + _tabel(diff, kol)
    )


def _iso_datum(value: Any) -> str:
    """An ISO date (or date-time) from the manifest as Dutch text; other text as is."""
    if not value:
        return ""
    try:
        return datum(datetime.fromisoformat(str(value)).date())
    except ValueError:
        return str(value)


def _sectie_herkomst(run: Run) -> str:
    man = run.manifest
    rows = []
    for bron, info in (man.get("invoer") or {}).items():
        info = info if isinstance(info, dict) else {}
        rows.append(
            {
                "bron": bron,
                "pad": info.get("pad") or "(niet opgegeven)",
                "datum": _iso_datum(info.get("datum")),
                "sha256": info.get("sha256") or "",
            }
        )
    kol = {"bron": "bron", "pad": "bestand", "datum": "datum", "sha256": "SHA-256"}
    if not any(r["datum"] for r in rows):  # older manifests have no date per source
        del kol["datum"]
    tabel = _tabel(pd.DataFrame(rows, columns=["bron", "pad", "datum", "sha256"]), kol)
    uitvoer = man.get("uitvoer_sha256") or {}
    extra = ""
    if isinstance(uitvoer, dict) and uitvoer:
        frame = pd.DataFrame({"bestand": list(uitvoer), "sha256": list(uitvoer.values())})
        extra = "<h3>Uitvoer van de run</h3>" + _tabel(
            frame, {"bestand": "bestand", "sha256": "SHA-256"}
        )
    return (
        "<h2>Herkomst</h2>"
        f"<p>Run {escape(run.naam)}, gemaakt op {escape(_run_datum(run))} met werkruimte "
        f"{escape(str(man.get('werkruimte_versie') or 'onbekend'))}; configuratie "
        f"{escape(str(man.get('configuratie') or '(standaard)'))} (SHA-256 "
        f"<span class=sha>{escape(str(man.get('configuratie_sha256') or '–'))}</span>).</p>"
        + tabel.replace("<td>", '<td class="sha">')
        + extra
    )


def voortgangsrapport(
    run: Run,
    *,
    vorig: Run | None = None,
    kaarten: Callable[[Run], Iterator[tuple[str, Figure]]] = kaarten_per_gemeente,
) -> str:
    """The voortgangsrapportage of a run as one self-contained HTML page (Dutch).

    Parameters
    ----------
    run
        This year's run (:func:`werkruimte.run.lees_run`).
    vorig
        Last year's run: adds the changes since then and the driedeling class changes.
    kaarten
        Maker of the static map per gemeente (``run -> (gemeente, Figure)`` pairs).

    Returns
    -------
    str
        The HTML; images are ``data:`` URIs, no external resources.

    Raises
    ------
    ConfigError
        When the demand in the run's settings is invalid (see
        :mod:`werkruimte.balans`).
    """
    from werkruimte.monitor import monitor

    config = _config(run)
    balansen = balans_per_gemeente(run.percelen(), config, middensegment=run.tabel("middensegment"))
    m = monitor(vorig, run) if vorig is not None else None
    regio = str(run.manifest.get("regio") or config.regio.get("naam") or "")
    fictief = "fictief" in str(run.manifest.get("gegevens") or "")
    titel = f"Voortgangsrapportage Werklandschappen {regio}".strip()
    delen = [
        f"<h1>{escape(titel)}</h1>",
        f"<p class=meta>Run van {escape(_run_datum(run))}; rapport gemaakt op "
        f"{escape(datum(date.today()))}"
        + (f"; vergeleken met de run van {escape(_run_datum(vorig))}" if vorig else "")
        + ".</p>",
        "<p class=fictief><strong>Let op: fictieve gegevens (demoregio).</strong> Alleen de "
        "gemeentegrenzen zijn echt.</p>"
        if fictief
        else "",
        _sectie_schuifruimte(balansen),
        _sectie_middensegment(balansen),
        _sectie_driedeling(run, m),
        _sectie_glasvezel(run),
        _sectie_dekking(run),
        _sectie_vorig(m) if m is not None else "",
        _sectie_kaarten(run, kaarten),
        _sectie_instellingen(run),
        _sectie_herkomst(run),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(titel)}</title><style>{CSS}</style></head><body>"
        + "\n".join(d for d in delen if d)
        + "</body></html>\n"
    )


def schrijf_rapport(html: str, out: str | os.PathLike[str]) -> Path:
    """Write ``voortgangsrapport.html`` into the folder ``out`` (all-or-nothing).

    Parameters
    ----------
    html
        Output of :func:`voortgangsrapport`.
    out
        The output folder (created when missing).

    Returns
    -------
    pathlib.Path
        The file written.
    """
    from werkruimte import export

    target = Path(out) / "voortgangsrapport.html"
    with export.atomic_file(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return target
