"""One builder per layer of the kansenkaart, and the GeoJSON helper they share.

Size
----
Only candidate parcels are drawn as polygons (not the tens of thousands of other
parcels). Geometry is simplified in RD New (1 m for parcels, 2-5 m for the other
layers) before it is projected to WGS84, coordinates are rounded to 6 decimals
(about 0.1 m) for parcels and 5 (about 1 m) for the rest, and every GeoJSON feature
carries only the properties its popup or tooltip shows.

Each builder adds its layer to the map and returns it, or None when there is nothing
to draw. The OV and glasvezel layers are in :mod:`werkruimte.kaart.lagen_bereik`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

import folium
import folium.plugins
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.utilities import JsCode
from pyproj import Transformer

from werkruimte._nl import getallen
from werkruimte.kaart import _html
from werkruimte.kaart._invoer import ha_kort, kort_lijst, profielnaam
from werkruimte.kaart.stijl import (
    BESTEMMING_ANDERS,
    BESTEMMING_KLEUREN,
    CLUSTER_KLEUR,
    GAT_KLEUR,
    HOTSPOT_ANDERS,
    HOTSPOT_STIJL,
    ONBEKEND_KLEUR,
    POTENTIE_KLEUR,
    score_kleur,
)
from werkruimte.sources._common import RD_NEW, ensure_rd

if TYPE_CHECKING:
    from werkruimte.regio import Regio

__all__ = [
    "DEC_VLAK",
    "TO_WGS",
    "WGS84",
    "Lagen",
    "bestemming_laag",
    "bounds_latlon",
    "cluster_laag",
    "gaten_laag",
    "gemeente_laag",
    "geojson",
    "hotspot_laag",
    "kandidaat_lagen",
    "kolom_getallen",
    "kolom_tekst",
    "terrein_laag",
]

WGS84 = "EPSG:4326"
TO_WGS = Transformer.from_crs(RD_NEW, WGS84, always_xy=True)

#: Simplification tolerance (m, in RD New) and WGS84 decimals per kind of layer.
_TOL_PERCEEL, _DEC_PERCEEL = 1.0, 6
_TOL_VLAK, DEC_VLAK = 2.0, 5
_TOL_GRENS, _DEC_GRENS = 5.0, 5


@dataclass
class Lagen:
    """The overlays drawn on one map (None: not drawn); the legends follow them."""

    kandidaat: list[Any] = field(default_factory=list)
    cluster: Any | None = None
    terrein: Any | None = None
    hotspot: Any | None = None
    ptal: Any | None = None
    glasvezel: Any | None = None
    halte: Any | None = None
    bestemming: Any | None = None
    gat: Any | None = None
    gemeente: Any | None = None
    potentie: Any | None = None


# --------------------------------------------------------------------------- helpers


def kolom_tekst(frame: pd.DataFrame, column: str, default: str = "–") -> pd.Series:
    """A column as plain text; ``default`` where missing (or no such column).

    Plain: :func:`geojson` escapes every text property when it builds the features.
    """
    if column not in frame.columns:
        return pd.Series(default, index=frame.index, dtype="string")
    return frame[column].astype("string").fillna(default)


def kolom_getallen(values: pd.Series, decimals: int = 1, suffix: str = "") -> pd.Series:
    """Dutch numbers with ``suffix``; ``"–"`` (without suffix) where not a finite number."""
    nums = pd.to_numeric(values, errors="coerce").astype("float64")
    return getallen(nums.where(np.isfinite(nums)), decimals, suffix).fillna("–")


def geojson(
    geoms: np.ndarray | gpd.GeoSeries,
    props: pd.DataFrame,
    *,
    tolerance: float,
    decimals: int,
    html: Sequence[str] = (),
) -> dict[str, Any]:
    """A FeatureCollection dict: simplified in RD, WGS84, rounded, only ``props``.

    Parameters
    ----------
    geoms
        Geometries in RD New, aligned (by position) with ``props``.
    props
        The properties of each feature.
    tolerance
        Simplification tolerance in metres (0: none).
    decimals
        Decimals of the WGS84 coordinates.
    html
        Columns that already are HTML, built from text escaped with
        :mod:`werkruimte.kaart._html` (e.g. ``uitleg`` with ``<br>``); all other text
        columns are escaped here.

    Returns
    -------
    dict
        GeoJSON; features whose geometry is missing or becomes empty are left out.
        Feature ids are 0..n-1. Every text property is HTML-escaped here
        (:func:`werkruimte.kaart._html.tekst`): Leaflet shows tooltips and popups
        through ``innerHTML``, so the builders pass plain text and never escape
        themselves.
    """
    g = np.asarray(geoms, dtype=object)
    if tolerance > 0 and len(g):
        g = shapely.simplify(g, tolerance, preserve_topology=True)
    wgs = gpd.GeoSeries(g, crs=RD_NEW).to_crs(WGS84).to_numpy()
    wgs = shapely.transform(wgs, lambda c: np.round(c, decimals))
    keep = ~(shapely.is_missing(wgs) | shapely.is_empty(wgs))
    wgs = wgs[keep]
    p = _veilig(props.reset_index(drop=True).loc[keep], html=html)
    if not len(wgs):
        return {"type": "FeatureCollection", "features": []}
    geometries = json.loads("[" + ",".join(shapely.to_geojson(wgs).tolist()) + "]")
    properties = json.loads(p.to_json(orient="records", force_ascii=False))
    features = [
        {"type": "Feature", "id": i, "properties": pr, "geometry": ge}
        for i, (pr, ge) in enumerate(zip(properties, geometries, strict=True))
    ]
    return {"type": "FeatureCollection", "features": features}


def _laag(
    m: Any,
    geoms: np.ndarray,
    props: pd.DataFrame,
    *,
    naam: str | Callable[[int], str],
    tolerance: float = _TOL_VLAK,
    decimals: int = DEC_VLAK,
    html: Sequence[str] = (),
    **opties: Any,
) -> Any | None:
    """A :func:`geojson` layer added to ``m``, or None when no feature is left.

    ``naam`` is the layer's name in the layer panel (plain text), or a function of
    the number of features that gives it; ``opties`` go to :class:`folium.GeoJson`.
    """
    data = geojson(geoms, props, tolerance=tolerance, decimals=decimals, html=html)
    if not data["features"]:
        return None
    n = len(data["features"])
    layer = folium.GeoJson(data, name=_html.tekst(naam(n) if callable(naam) else naam), **opties)
    layer.add_to(m)
    return layer


def _veilig(props: pd.DataFrame, *, html: Sequence[str]) -> pd.DataFrame:
    """``props`` with every text column but ``html`` escaped (numbers stay numbers)."""
    out = props.copy()
    for col in out.columns:
        if col in html:
            continue
        dtype = out[col].dtype
        if pd.api.types.is_object_dtype(dtype) or isinstance(
            dtype, pd.StringDtype | pd.CategoricalDtype
        ):
            out[col] = _html.kolom(out[col])
    return out


def tooltip(fields: Sequence[str], aliases: Sequence[str], **kwargs: Any) -> Any:
    """A :class:`folium.GeoJsonTooltip` whose aliases (shown as HTML) are escaped."""
    return folium.GeoJsonTooltip(
        fields=list(fields), aliases=_html.teksten(aliases), localize=False, **kwargs
    )


def bounds_latlon(bounds: Sequence[float]) -> list[list[float]]:
    """RD New bounds ``(x0, y0, x1, y1)`` as Leaflet's ``[[south, west], [north, east]]``."""
    x0, y0, x1, y1 = bounds
    xs = np.array([x0, x1, x0, x1])
    ys = np.array([y0, y0, y1, y1])
    lon, lat = TO_WGS.transform(xs, ys)
    return [[float(np.min(lat)), float(np.min(lon))], [float(np.max(lat)), float(np.max(lon))]]


def _popup(velden: Sequence[tuple[str, str]]) -> Any:
    return folium.GeoJsonPopup(
        fields=[f for f, _ in velden],
        aliases=_html.teksten([a for _, a in velden]),
        localize=False,
        labels=True,
        class_name="wr-popup",
        style="max-width:420px;",
        max_width=440,
    )


# --------------------------------------------------------------------------- layers


def _uitleg_html(kand: gpd.GeoDataFrame) -> pd.Series:
    text = _html.kolom(kolom_tekst(kand, "uitleg"))  # HTML: geojson(html=("uitleg",))
    return text.str.replace("; ", ";<br>", regex=False).str.replace(" — ", "<br>— ", regex=False)


def _kandidaat_props(kand: gpd.GeoDataFrame) -> pd.DataFrame:
    idx = kand.index
    if "rang_stabiliteit" in kand.columns:
        stab = pd.to_numeric(kand["rang_stabiliteit"], errors="coerce") * 100.0
        stab_text = kolom_getallen(stab, 0, "%")
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
        kolom_getallen(pd.to_numeric(kand["glasvezel_dekking"], errors="coerce") * 100.0, 0, "%")
        if "glasvezel_dekking" in kand.columns
        else pd.Series("–", index=idx, dtype="string")
    )
    opp = (
        kolom_getallen(kand["oppervlakte_m2"], 0, " m²")
        if "oppervlakte_m2" in kand.columns
        else pd.Series("–", index=idx, dtype="string")
    )
    return pd.DataFrame(
        {
            "perceel_id": kand["perceel_id"].astype("string"),
            "gemeente": kolom_tekst(kand, "gemeente"),
            "profiel": profielnaam(kand),
            "score": kolom_getallen(kand["score"], 1),
            "rang_stabiliteit": stab_text,
            "oppervlakte": opp,
            "bestemming": kolom_tekst(kand, "bestemming"),
            "ov_klasse": kolom_tekst(kand, "ov_klasse"),
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


def kandidaat_lagen(m: Any, kand: gpd.GeoDataFrame) -> list[Any]:
    """One layer per profile of the candidate parcels, coloured by score."""
    props = _kandidaat_props(kand)
    layers = []
    for naam in sorted(props["profiel"].unique()):
        sel = (props["profiel"] == naam).to_numpy()
        layer = _laag(
            m,
            kand.geometry.to_numpy()[sel],
            props.loc[sel],
            naam=partial(_kandidaten_naam, naam),
            tolerance=_TOL_PERCEEL,
            decimals=_DEC_PERCEEL,
            html=("uitleg",),
            style_function=_kandidaat_stijl,
            highlight_function=lambda f: {"weight": 3, "color": "#000000"},
            tooltip=tooltip(["perceel_id", "score"], ["Perceel", "Score"]),
            popup=_popup(_KANDIDAAT_VELDEN),
            zoom_on_click=False,
        )
        if layer is not None:
            layers.append(layer)
    return layers


def _kandidaten_naam(profiel: str, n: int) -> str:
    return f"Kandidaten {profiel} ({n})"


def _kandidaat_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "fillColor": feature["properties"]["kleur"],
        "color": "#252525",
        "weight": 1,
        "fillOpacity": 0.85,
    }


def cluster_laag(m: Any, clusters: gpd.GeoDataFrame | None, balans: Any) -> Any | None:
    """The schuifruimte clusters with their hectares; dashed when not chosen for the demand."""
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
            "rang": kolom_tekst(c, "rang"),
            "aantal_percelen": kolom_tekst(c, "aantal_percelen"),
            "oppervlakte": kolom_getallen(ha, 2, " ha"),
            "gemiddelde_score": kolom_getallen(c["gemiddelde_score"], 1)
            if "gemiddelde_score" in c.columns
            else pd.Series("–", index=c.index, dtype="string"),
            "gemeenten": kolom_tekst(c, "gemeenten"),
            "percelen": kort_lijst(c["percelen"])
            if "percelen" in c.columns
            else pd.Series("–", index=c.index, dtype="string"),
            "in_vraag": np.where(gekozen, "ja", "nee"),
            "label": ha.map(lambda v: ha_kort(v) + " ha").astype("string"),
        },
        index=c.index,
    )
    totaal = float(ha.fillna(0).sum())
    return _laag(
        m,
        c.geometry.to_numpy(),
        props,
        naam=f"Schuifruimte-clusters ({ha_kort(totaal)} ha)",
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


_CLUSTER_LABEL = """function(feature, layer) {
    layer.bindTooltip(feature.properties.label, {
        permanent: true, direction: 'center', className: 'wr-cluster-label', interactive: false
    });
}"""


def _cluster_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    chosen = feature["properties"]["in_vraag"] == "ja"
    return {
        "color": CLUSTER_KLEUR,
        "weight": 3 if chosen else 2,
        "dashArray": None if chosen else "6 4",
        "fillColor": "#fc8d59",
        "fillOpacity": 0.12,
    }


def terrein_laag(
    m: Any, regio: Regio, tabel: gpd.GeoDataFrame | None, kleuren: dict[str, str]
) -> Any | None:
    """The bedrijventerreinen coloured by driedeling class (grey without a table)."""
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
            "naam": kolom_tekst(t, "naam"),
            "id": kolom_tekst(t, "id" if "id" in t.columns else "terrein_id"),
            "gemeente": kolom_tekst(t, "gemeente"),
            "klasse": klasse.astype("string"),
            "reden": kolom_tekst(t, "reden"),
            "oppervlakte": kolom_getallen(t[opp_col], 1, " ha")
            if opp_col in t.columns
            else pd.Series("–", index=idx, dtype="string"),
            "milieucategorie": kolom_getallen(t["milieucategorie_max"], 1)
            if "milieucategorie_max" in t.columns
            else pd.Series("–", index=idx, dtype="string"),
            "ov_klasse": kolom_tekst(t, "ov_klasse"),
            "kleur": klasse.map(lambda k: kleuren.get(str(k), ONBEKEND_KLEUR)).astype("string"),
        },
        index=idx,
    )
    return _laag(
        m,
        t.geometry.to_numpy(),
        props,
        naam="Bedrijventerreinen (driedeling)",
        style_function=_terrein_stijl,
        tooltip=tooltip(["naam", "klasse"], ["Terrein", "Driedeling"]),
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


def _terrein_stijl(feature: dict[str, Any]) -> dict[str, Any]:
    kleur = feature["properties"]["kleur"]
    return {"color": kleur, "weight": 2, "fillColor": kleur, "fillOpacity": 0.3}


def bestemming_laag(m: Any, regio: Regio) -> Any | None:
    """The werkbestemmingen of the bestemmingsplannen (hidden at first)."""
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
            "hoofdgroep": g.fillna("–").astype("string"),
            "naam": kolom_tekst(p, "naam"),
            "kleur": g.map(lambda k: BESTEMMING_KLEUREN.get(str(k), BESTEMMING_ANDERS)).astype(
                "string"
            ),
        },
        index=p.index,
    )
    return _laag(
        m,
        p.geometry.to_numpy(),
        props,
        naam="Werkbestemmingen (IMRO2012)",
        show=False,
        style_function=_bestemming_stijl,
        tooltip=tooltip(["hoofdgroep", "naam"], ["Bestemming", "Naam"]),
    )


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


def hotspot_laag(m: Any, regio: Regio, tabel: gpd.GeoDataFrame | None) -> Any | None:
    """The informal werklocaties as lettered markers, clustered, with their driedeling."""
    spots = regio.hotspots
    if spots is None or not len(spots):
        return None
    geoms = spots.geometry.to_numpy()
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    spots = spots.loc[ok]
    if not len(spots):
        return None
    pts = shapely.point_on_surface(spots.geometry.to_numpy())
    lon, lat = TO_WGS.transform(shapely.get_x(pts), shapely.get_y(pts))
    types = list(HOTSPOT_STIJL)
    soort = spots["type"].astype("string").str.lower().str.strip() if "type" in spots else None
    code = (
        soort.map(lambda t: types.index(t) if t in HOTSPOT_STIJL else len(types))
        .fillna(len(types))
        .astype("int64")
        if soort is not None
        else pd.Series(len(types), index=spots.index)
    )
    naam = kolom_tekst(spots, "naam", "(naamloos)")
    type_label = (
        code.map(lambda i: (HOTSPOT_STIJL[types[i]] if i < len(types) else HOTSPOT_ANDERS)[2])
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
    opp = spots.get("oppervlakte_m2", pd.Series(np.nan, index=spots.index))
    leeg = spots.get("leegstand_m2", pd.Series(np.nan, index=spots.index))
    popup = _html.opmaak(
        "<b>{naam}</b><br>{soort} · {gemeente}<br>oppervlakte {opp}, leegstand {leeg}"
        "<br>doelgroep: {doelgroep}<br>driedeling: <b>{klasse}</b><br><small>{reden}</small>",
        naam=naam,
        soort=type_label,
        gemeente=kolom_tekst(spots, "gemeente"),
        opp=kolom_getallen(opp, 0, " m²"),
        leeg=kolom_getallen(leeg, 0, " m²"),
        doelgroep=kolom_tekst(spots, "doelgroep"),
        klasse=klasse,
        reden=reden,
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
    stijlen = [[s[0], s[1]] for s in HOTSPOT_STIJL.values()] + [list(HOTSPOT_ANDERS[:2])]
    layer = folium.plugins.FastMarkerCluster(
        rows,
        callback=_HOTSPOT_CALLBACK % json.dumps(stijlen),
        name=_html.tekst(f"Informele werklocaties ({len(rows)})"),
        options={"showCoverageOnHover": False, "maxClusterRadius": 40},
    )
    layer.add_to(m)
    return layer


def gaten_laag(m: Any, gaten: gpd.GeoDataFrame | None) -> Any | None:
    """The glasvezel gaps (areas without enough coverage)."""
    if gaten is None or not len(gaten):
        return None
    g = ensure_rd(gaten, what="glasvezelgaten")
    props = pd.DataFrame(
        {
            "gebied": kolom_tekst(g, "gebied_id"),
            "oppervlakte": kolom_getallen(g["oppervlakte_ha"], 1, " ha")
            if "oppervlakte_ha" in g.columns
            else pd.Series("–", index=g.index, dtype="string"),
            "dekking": kolom_getallen(
                pd.to_numeric(g["gemiddelde_dekking"], errors="coerce") * 100, 0, "%"
            )
            if "gemiddelde_dekking" in g.columns
            else pd.Series("–", index=g.index, dtype="string"),
        },
        index=g.index,
    )
    return _laag(
        m,
        g.geometry.to_numpy(),
        props,
        naam="Glasvezelgaten",
        style_function=lambda f: {
            "color": GAT_KLEUR,
            "weight": 2,
            "dashArray": "4 4",
            "fillColor": GAT_KLEUR,
            "fillOpacity": 0.15,
        },
        tooltip=tooltip(
            ["gebied", "oppervlakte", "dekking"],
            ["Glasvezelgat", "Oppervlakte", "Gemiddelde dekking"],
        ),
    )


def potentie_laag(m: Any, potentie: gpd.GeoDataFrame | None) -> Any | None:
    """Ground that could become work (Werkplan action 1a), off at the start.

    Kept apart from the candidates: "could become" next to "ready".
    """
    if potentie is None or not len(potentie):
        return None
    p = ensure_rd(potentie, what="potentie")
    props = pd.DataFrame(
        {
            "perceel": kolom_tekst(p, "perceel_id"),
            "gemeente": kolom_tekst(p, "gemeente"),
            "reden": kolom_tekst(p, "reden"),
        },
        index=p.index,
    )
    return _laag(
        m,
        p.geometry.to_numpy(),
        props,
        naam=lambda n: f"Potentie voor werk ({n} percelen, kan werk worden)",
        show=False,
        style_function=lambda f: {
            "color": POTENTIE_KLEUR,
            "weight": 1,
            "fillColor": POTENTIE_KLEUR,
            "fillOpacity": 0.35,
        },
        tooltip=tooltip(["perceel", "gemeente", "reden"], ["Perceel", "Gemeente", "Waarom"]),
    )


def gemeente_laag(m: Any, regio: Regio) -> Any | None:
    """The gemeente boundaries."""
    gem = regio.gemeenten
    if gem is None or not len(gem):
        return None
    props = pd.DataFrame({"gemeente": kolom_tekst(gem, "gemeente")}, index=gem.index)
    return _laag(
        m,
        gem.geometry.to_numpy(),
        props,
        naam="Gemeentegrenzen",
        tolerance=_TOL_GRENS,
        decimals=_DEC_GRENS,
        style_function=lambda f: {"color": "#252525", "weight": 2, "fill": False},
        tooltip=tooltip(["gemeente"], ["Gemeente"], labels=False),
    )
