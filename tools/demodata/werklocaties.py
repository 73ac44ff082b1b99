"""Bedrijventerreinen (IBIS fields) and informal werklocaties (hotspots)."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from tools.demodata.regio import _A1, _A27, _GRID, _KERNEN, _RD, _STATIONS, _TERREINEN, BRON, _rng

# Bedrijventerreinen (IBIS)
# --------------------------------------------------------------------------------------


def _bedrijventerreinen(zones: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    rng = _rng(seed, "ibis")
    terr = zones[zones["zone"] == "terrein"]
    rows = []
    for t in _TERREINEN:
        geom = shapely.union_all(terr.geometry[terr["rin"] == t.rin].to_numpy(), grid_size=_GRID)
        bruto = geom.area / 1e4
        netto = bruto * rng.uniform(0.72, 0.86)
        rows.append(
            {
                "RIN_NUMMER": t.rin,
                "JAAR": 2025,
                "PLAN_NAAM": t.naam,
                "GEM_CODES": t.gm,
                "HA_BRUTO": round(bruto, 2),
                "HA_NETTO": round(netto, 2),
                "HA_TOTTUIT": round(min(t.uitgeefbaar_ha, netto), 2),
                "WLOC_TYPE": t.wloc_type,
                "MILIEUCAT_MAX": t.milieucat,
                "BRON": BRON,
                "geometry": geom,
            }
        )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=_RD)
    gdf.geometry = shapely.orient_polygons(gdf.geometry.to_numpy())
    return gdf


# --------------------------------------------------------------------------------------
# Informal werklocaties (hotspots)
# --------------------------------------------------------------------------------------

# (kern, type, naam, anker): anker is "centrum", "wonen", "uitvalsweg" or "station:<code>".
_HOTSPOTS: tuple[tuple[str, str, str, str], ...] = (
    ("Hilversum", "broedplaats", "Broedplaats De Vlasfabriek", "centrum"),
    ("Hilversum", "flexplek", "Flexplek Stationsplein", "station:HVS"),
    ("Hilversum", "OV-knooppunt", "Stationskwartier Hilversum", "station:HVS"),
    ("Hilversum", "centrumlocatie", "Kantorenpand Kerkbrink", "centrum"),
    ("Hilversum", "centrumlocatie", "Werkhuis Gooiland", "centrum"),
    ("Hilversum", "bedrijfsverzamelgebouw", "Bedrijvenhuis De Schakel", "wonen"),
    ("Hilversum", "OV-knooppunt", "Media Park Poort", "station:HVSM"),
    ("Hilversum", "flexplek", "Werkcafé Sportpark", "station:HVSP"),
    ("Hilversum", "concentratie aan uitvalsweg", "Bedrijvenstrip Larenseweg", "uitvalsweg"),
    ("Hilversum", "broedplaats", "Creatieve Hub Oude Post", "centrum"),
    ("Hilversum", "bedrijfsverzamelgebouw", "Ateliers Lage Naarderweg", "wonen"),
    ("Bussum", "centrumlocatie", "Werkplaats Nieuwe Brink", "centrum"),
    ("Bussum", "OV-knooppunt", "Stationsgebied Naarden-Bussum", "station:NDB"),
    ("Bussum", "flexplek", "Flexplek Bussum Zuid", "station:BSMZ"),
    ("Bussum", "broedplaats", "Broedplaats De Gebouwen", "wonen"),
    ("Bussum", "bedrijfsverzamelgebouw", "Bedrijvenhof Ceintuurbaan", "wonen"),
    ("Bussum", "concentratie aan uitvalsweg", "Bedrijvenstrip Amersfoortsestraatweg", "uitvalsweg"),
    ("Naarden", "centrumlocatie", "Vestingkantoren Marktstraat", "centrum"),
    ("Naarden", "bedrijfsverzamelgebouw", "Bedrijvenhuis Gooimeer-Zuid", "wonen"),
    ("Naarden", "flexplek", "Werkplek De Vesting", "centrum"),
    ("Muiden", "broedplaats", "Broedplaats Kruitmagazijn", "wonen"),
    ("Muiden", "centrumlocatie", "Werkhuis Herengracht", "centrum"),
    ("Muiderberg", "flexplek", "Flexplek Dorpsstraat", "centrum"),
    ("Huizen", "centrumlocatie", "Oude Raadhuis Werkplaats", "centrum"),
    ("Huizen", "bedrijfsverzamelgebouw", "Bedrijvenhuis Havenstraat", "wonen"),
    ("Huizen", "broedplaats", "Broedplaats De Botterwerf", "wonen"),
    ("Huizen", "flexplek", "Flexplek Oostermeent", "centrum"),
    ("Huizen", "concentratie aan uitvalsweg", "Bedrijvenstrip Huizermaatweg", "uitvalsweg"),
    ("Laren", "centrumlocatie", "Brinkhuis Laren", "centrum"),
    ("Laren", "broedplaats", "Ateliers De Brink", "wonen"),
    ("Laren", "flexplek", "Werkcafé Naarderstraat", "centrum"),
    ("Laren", "concentratie aan uitvalsweg", "Bedrijvenstrip Eemnesserweg", "uitvalsweg"),
    ("Blaricum", "centrumlocatie", "Werkplek Dorpshuis", "centrum"),
    ("Blaricum", "flexplek", "Flexplek Bijvanck", "wonen"),
    ("Blaricum", "concentratie aan uitvalsweg", "Bedrijvenstrip Huizerweg", "uitvalsweg"),
    ("Eemnes", "centrumlocatie", "Werkhuis Wakiedijk", "centrum"),
    ("Eemnes", "bedrijfsverzamelgebouw", "Bedrijvenhof Eemnes", "wonen"),
    ("Eemnes", "concentratie aan uitvalsweg", "Bedrijvenstrip Rijksweg", "uitvalsweg"),
    ("Loosdrecht", "centrumlocatie", "Werkhuis Oud-Loosdrecht", "centrum"),
    ("Loosdrecht", "broedplaats", "Botenloods Loosdrecht", "wonen"),
    ("Loosdrecht", "concentratie aan uitvalsweg", "Bedrijvenstrip Loosdrechtseweg", "uitvalsweg"),
    ("Kortenhoef", "bedrijfsverzamelgebouw", "Bedrijvenhuis Kortenhoef", "wonen"),
    ("'s-Graveland", "broedplaats", "Buitenplaats Ateliers", "wonen"),
    ("Nederhorst den Berg", "centrumlocatie", "Werkplek Dammerweg", "centrum"),
    ("Ankeveen", "flexplek", "Flexplek Stichtse Kade", "centrum"),
    ("Hilversum", "flexplek", "Werkcafé Kerkelanden", "wonen"),
    ("Bussum", "centrumlocatie", "Kantorenvilla Brinklaan", "centrum"),
    ("Huizen", "OV-knooppunt", "Busstation Huizen", "centrum"),
)
# Probabilities of the size classes <400, 400-1500, 1500-2500, >2500 per gemeente.
_HOTSPOT_MIX: dict[str, tuple[float, float, float, float]] = {
    "GM0402": (0.15, 0.55, 0.2, 0.1),
    "GM1942": (0.2, 0.55, 0.15, 0.1),
    "GM0406": (0.2, 0.5, 0.2, 0.1),
    "GM0417": (0.35, 0.35, 0.15, 0.15),
    "GM0376": (0.55, 0.0, 0.15, 0.3),
    "GM0317": (0.4, 0.0, 0.2, 0.4),
    "GM1696": (0.45, 0.1, 0.15, 0.3),
}
_DOELGROEP: dict[str, tuple[str, ...]] = {
    "broedplaats": ("creatief", "starters"),
    "flexplek": ("zzp", "starters"),
    "bedrijfsverzamelgebouw": ("maakbedrijven", "starters", "zakelijke dienstverlening"),
    "centrumlocatie": ("zakelijke dienstverlening", "zzp"),
    "OV-knooppunt": ("zakelijke dienstverlening", "zzp"),
    "concentratie aan uitvalsweg": ("maakbedrijven",),
}


def _grootteklasse(m2: np.ndarray) -> np.ndarray:
    labels = np.array(["<400", "400-1500", "1500-2500", ">2500"])
    return labels[np.digitize(m2, [400, 1500, 2501])]


def _hotspots(gem: gpd.GeoDataFrame, seed: int) -> pd.DataFrame:
    rng = _rng(seed, "hotspots")
    kernen = {k.naam: k for k in _KERNEN}
    stations = {s.code: s for s in _STATIONS}
    geoms = dict(zip(gem["statcode"], gem.geometry, strict=True))
    names = dict(zip(gem["statcode"], gem["statnaam"], strict=True))
    snelweg = shapely.MultiLineString([_A1, _A27])
    rows = []
    for kern_naam, soort, naam, anker in _HOTSPOTS:
        k = kernen[kern_naam]
        ang = rng.uniform(0, 2 * np.pi)
        if anker.startswith("station:"):
            s = stations[anker.split(":")[1]]
            d = rng.uniform(40, 220)
            x, y = s.x + d * math.cos(ang), s.y + d * math.sin(ang)
        elif anker == "centrum":
            d = rng.uniform(0, k.r_centrum)
            x, y = k.x + d * math.cos(ang), k.y + d * math.sin(ang)
        elif anker == "wonen":
            d = rng.uniform(0.35, 0.9) * k.r_wonen
            x, y = k.x + d * math.cos(ang), k.y + d * math.sin(ang)
        else:
            near = shapely.shortest_line(shapely.Point(k.x, k.y), snelweg)
            tx, ty = shapely.get_coordinates(near)[1]
            dist = math.hypot(tx - k.x, ty - k.y)
            d = min(dist * 0.8, rng.uniform(1.0, 1.2) * k.r_wonen)
            x, y = k.x + d * (tx - k.x) / dist, k.y + d * (ty - k.y) / dist
        for _ in range(20):  # pull towards the kern until inside its gemeente
            if shapely.contains_xy(geoms[k.gm].buffer(-30), x, y):
                break
            x, y = (x + k.x) / 2, (y + k.y) / 2
        klasse = rng.choice(4, p=np.array(_HOTSPOT_MIX[k.gm]))
        lo, hi = [(80, 390), (400, 1490), (1500, 2500), (2600, 9000)][klasse]
        opp = round(rng.uniform(lo, hi) / 10) * 10
        leeg = 0 if rng.random() < 0.3 else round(opp * rng.uniform(0.02, 0.35) / 10) * 10
        rows.append(
            {
                "naam": naam,
                "type": soort,
                "x": round(x),
                "y": round(y),
                "gemeente": names[k.gm],
                "oppervlakte_m2": opp,
                "leegstand_m2": leeg,
                "doelgroep": str(rng.choice(_DOELGROEP[soort])),
                "bron": BRON,
            }
        )
    df = pd.DataFrame(rows)
    df.insert(7, "grootteklasse", _grootteklasse(df["oppervlakte_m2"].to_numpy()))
    return df
