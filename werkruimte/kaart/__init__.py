"""Kansenkaart: the interactive folium map of werkruimte, and its static PNG maps.

:func:`kansenkaart` draws everything the Werkgroep Werklandschappen reviews in one
``folium.Map``: the candidate parcels per profile coloured by score, the schuifruimte
clusters with their hectares, the bedrijventerreinen coloured by driedeling class, the
werkbestemmingen, the informal werklocaties, OV stops and a PTAL grid, glasvezel
coverage and gaps, and the gemeente boundaries, each toggleable in the layer control,
with legends, popups (``uitleg`` and ``rang_stabiliteit``), a title block with the
demand comparison, and fullscreen, measure and search-by-perceel-id controls.

The package, from the bottom up:

- :mod:`~werkruimte.kaart.stijl`: the one colour and style table (also for the PNGs
  and the XLSX tables); plain data, cheap to import.
- :mod:`~werkruimte.kaart._assets`: Leaflet and its plugins written into the HTML, so
  the map works offline (:class:`~werkruimte.kaart._assets.Kansenkaart`).
- :mod:`~werkruimte.kaart.lagen` and :mod:`~werkruimte.kaart.lagen_bereik`: one
  builder per layer.
- :mod:`~werkruimte.kaart.bediening`: base layers, legends, title, search, CSS.
- :mod:`~werkruimte.kaart.png`: static maps per gemeente (figures; export writes them).

This module composes them; folium is imported only when a map is drawn.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from werkruimte._nl import datum, getal
from werkruimte.kaart import _html
from werkruimte.kaart._invoer import (
    gebied,
    gescoorde_percelen,
    ha_kort,
    kandidaten,
    klassen_van,
    profielnaam,
)
from werkruimte.kaart.stijl import ONBEKEND_KLEUR, klasse_kleuren

if TYPE_CHECKING:
    import geopandas as gpd

    from werkruimte.kaart._assets import Kansenkaart
    from werkruimte.kaart.lagen import Lagen
    from werkruimte.regio import Regio
    from werkruimte.schuifruimte import Balans

__all__ = ["balans_tekst", "kansenkaart"]

log = logging.getLogger(__name__)

#: Where the map opens when the region has no usable extent (Gooi en Vechtstreek).
_STANDAARD_BEELD = [[52.1, 5.0], [52.4, 5.4]]


def kansenkaart(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None = None,
    tabel: gpd.GeoDataFrame | None = None,
    *,
    balans: Balans | None = None,
    gaten: gpd.GeoDataFrame | None = None,
    potentie: gpd.GeoDataFrame | None = None,
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
    potentie
        Ground that could become work (:func:`werkruimte.potentie.potentie`), drawn as
        its own layer (off at the start), or None.
    inline
        True: embed Leaflet and plugins (works offline); False: link them from CDNs.

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
    from werkruimte.kaart import bediening, lagen

    percelen = gescoorde_percelen(percelen)
    kand = kandidaten(percelen)
    _, bounds = gebied(regio, percelen)
    box = lagen.bounds_latlon(bounds) if np.isfinite(bounds).all() else _STANDAARD_BEELD
    centre = [(box[0][0] + box[1][0]) / 2.0, (box[0][1] + box[1][1]) / 2.0]
    m = _nieuwe_kaart(regio, centre, inline=inline)
    fictief = bool(regio.config.fictief)
    basis = bediening.basislagen(m)

    klassen = klassen_van(regio, tabel)
    kleuren = klasse_kleuren([*klassen, "geen driedeling"])
    kleuren["geen driedeling"] = ONBEKEND_KLEUR
    getekend = _teken_lagen(
        m, regio, kand, clusters, tabel, balans=balans, gaten=gaten, kleuren=kleuren
    )
    getekend.potentie = lagen.potentie_laag(m, potentie)

    zoekbaar = ((getekend.cluster, "cluster"), (getekend.terrein, "naam"))
    bediening.bedieningselementen(
        m, getekend.kandidaat, zoekbaar=[*zoekbaar, (getekend.hotspot, None)]
    )
    shown = klassen if tabel is not None else ["geen driedeling"]
    bediening.legendas(m, getekend, klassen=shown, kleuren=kleuren)
    titel = _titel_html(regio, kand, clusters, balans, date.today(), percelen)
    bediening.titel_en_reserve(m, titel, fictief=fictief, basis=basis)
    # Room for the title bar and the controls, so every gemeente is in view.
    m.fit_bounds(box, padding_top_left=(56, 56), padding_bottom_right=(56, 36))
    return m


def _nieuwe_kaart(regio: Regio, centre: list[float], *, inline: bool) -> Kansenkaart:
    """The empty map with its page title, CSP and CSS."""
    from branca.element import Figure

    from werkruimte.kaart import bediening
    from werkruimte.kaart._assets import Kansenkaart, RawHtml

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
    root.header.add_child(RawHtml(_html.csp_meta()), name="werkruimte_csp", index=0)
    root.header.add_child(RawHtml(bediening.CSS), name="werkruimte_css")
    return m


def _teken_lagen(
    m: Any,
    regio: Regio,
    kand: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None,
    tabel: gpd.GeoDataFrame | None,
    *,
    balans: Any,
    gaten: gpd.GeoDataFrame | None,
    kleuren: dict[str, str],
) -> Lagen:
    """All overlays, bottom to top: context, then work locations, then candidates and points."""
    from werkruimte.kaart import lagen, lagen_bereik

    getekend = lagen.Lagen()
    getekend.gemeente = lagen.gemeente_laag(m, regio)
    getekend.glasvezel = lagen_bereik.glasvezel_laag(m, regio)
    getekend.bestemming = lagen.bestemming_laag(m, regio)
    getekend.halte, getekend.ptal = lagen_bereik.ov_lagen(m, regio)
    getekend.terrein = lagen.terrein_laag(m, regio, tabel, kleuren)
    getekend.gat = lagen.gaten_laag(m, gaten)
    getekend.cluster = lagen.cluster_laag(m, clusters, balans)
    getekend.kandidaat = lagen.kandidaat_lagen(m, kand)
    getekend.hotspot = lagen.hotspot_laag(m, regio, tabel)
    log.debug(
        "kansenkaart lagen: %s",
        {k: v is not None for k, v in vars(getekend).items() if k != "kandidaat"},
    )
    return getekend


# --------------------------------------------------------------------------- title


def _dekking_tekst(regio: Regio, percelen: pd.DataFrame) -> str:
    """Per criterion the share of parcels with a known value (``bron_<criterium>``).

    A source that reaches few parcels is marked, so an empty-looking map explains
    itself; the choice of ``[criteria.onbekend]`` is named.
    """
    from werkruimte.dekking import drempels_uit_config, onbekend_uit_config

    drempel = drempels_uit_config(regio.config)["min_dekking"]
    delen = []
    for col in sorted(c for c in percelen.columns if str(c).startswith("bron_")):
        bekend = float((percelen[col].astype("string") != "onbekend").mean())
        tekst = f"{str(col).removeprefix('bron_')} {getal(100 * bekend, 0)}%"
        delen.append(_html.tekst(tekst + (" (weinig)" if bekend < drempel else "")))
    keuze = onbekend_uit_config(regio.config)
    return (
        "Percelen met gegevens per criterium: "
        + ", ".join(delen)
        + _html.tekst(
            f". Onbekende waarde: harde eis {keuze['harde_eisen']}, gewicht {keuze['gewichten']}."
        )
    )


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

    Parameters
    ----------
    regio
        The region; its ``criteria.schuifruimte.vraag_ha`` is the demand without
        ``balans``.
    clusters
        Schuifruimte clusters; their total area is the supply without ``balans``.
    balans
        Duck-typed (``aanbod_ha``, ``vraag_ha``), e.g.
        :func:`werkruimte.schuifruimte.vraag_en_aanbod`, or None.

    Returns
    -------
    str
        Dutch text; hectares with one decimal, without ``,0``.
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
        return f"schuifruimte: geen clusters berekend (vraag {ha_kort(float(vraag))} ha)"
    return f"aanbod {ha_kort(float(aanbod))} ha van {ha_kort(float(vraag))} ha"


def _titel_html(
    regio: Regio,
    kand: gpd.GeoDataFrame,
    clusters: gpd.GeoDataFrame | None,
    balans: Any,
    dag: date,
    percelen: pd.DataFrame | None = None,
) -> str:
    naam = _html.tekst(regio.config.regio.get("naam", ""))
    kop = [f"<h1>Kansenkaart werkruimte – {naam}</h1>"]
    if regio.config.fictief:
        kop.append('<span class="wr-fictief">FICTIEVE GEGEVENS</span>')
    kop.append('<span class="wr-pijl" title="meer of minder tonen">▾</span>')
    parts = []
    if regio.config.fictief:
        parts.append('<div class="wr-klein">demoregio, geen echte percelen</div>')
    parts.append(
        f'<div class="wr-balans">Schuifruimte: {_html.tekst(balans_tekst(regio, clusters, balans))}'
        "</div>"
    )
    tekst = getattr(balans, "tekst", None)
    if callable(tekst):
        parts.append(f'<div class="wr-klein">{_html.tekst(tekst())}</div>')
    counts = profielnaam(kand).value_counts().sort_index()
    if len(counts):
        kand_text = ", ".join(f"{int(v)} {_html.tekst(k)}" for k, v in counts.items())
    else:
        kand_text = "geen"
    parts.append(f"<div>Kandidaat-percelen: {kand_text}</div>")
    if percelen is not None and any(str(c).startswith("bron_") for c in percelen.columns):
        parts.append(f'<div class="wr-klein">{_dekking_tekst(regio, percelen)}</div>')
    bronnen = ", ".join(_html.teksten(_bronnen(regio)))
    parts.append(
        f'<div class="wr-klein">Gemaakt op {datum(dag)} · bronnen: {bronnen}; '
        "achtergrond PDOK (Kadaster, Beeldmateriaal) of OpenStreetMap</div>"
    )
    return f'<div class="wr-kop">{"".join(kop)}</div><div class="wr-details">{"".join(parts)}</div>'
