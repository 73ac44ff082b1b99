"""Constants and the fictitious geography of the demo region, plus small helpers."""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

import werkruimte
from werkruimte.sources.gemeenten import PACKAGED_FILE

#: The default seed of the committed demo region.
DEFAULT_SEED = 20261123
#: Provenance text written into every fictitious record.
BRON = "fictief - werkruimte demoregio"

_RD = "EPSG:28992"
_GRID = 0.01  # coordinates are rounded to cm
_FIXED_DATE = "2026-01-01T00:00:00Z"
_GML_PLAN = "NL.IMRO.0402.BPstationsgebied-VA01"
_BRK_COLUMNS = [
    "identificatieNamespace",
    "identificatieLokaalID",
    "beginGeldigheid",
    "kadastraleGemeenteCode",
    "kadastraleGemeenteWaarde",
    "sectie",
    "perceelnummer",
    "kadastraleGrootteWaarde",
    "soortGrootteWaarde",
    "bron",
]


# --------------------------------------------------------------------------------------
# The fictitious region: kernen, terrains, stations, roads (RD New metres)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kern:
    naam: str
    gm: str  # CBS statcode of the gemeente
    kg: str  # kadastrale gemeente
    x: float
    y: float
    r_centrum: float
    r_wonen: float
    r_villa: float
    rek: float = 1.0  # elongation of the built-up blob
    hoek: float = 0.0  # orientation of the elongation, degrees


# Positions follow the real kernen, moved where the generalised CBS polygons need it
# (e.g. Bussum and Naarden lie inside the generalised Gooise Meren polygon).
_KERNEN: tuple[_Kern, ...] = (
    _Kern("Hilversum", "GM0402", "Hilversum", 140900, 470900, 300, 950, 1500, 1.25, 75),
    _Kern("Bussum", "GM1942", "Bussum", 140300, 476300, 160, 490, 790, 1.2, 20),
    _Kern("Naarden", "GM1942", "Naarden", 140850, 478500, 100, 295, 490, 1.2, 0),
    _Kern("Muiden", "GM1942", "Muiden", 136600, 481300, 80, 230, 390, 1.3, 20),
    _Kern("Muiderberg", "GM1942", "Muiden", 139250, 479650, 55, 180, 320, 1.2, 30),
    _Kern("Huizen", "GM0406", "Huizen", 144450, 478550, 160, 550, 860, 1.25, 30),
    _Kern("Laren", "GM0417", "Laren", 143550, 473650, 120, 300, 750, 1.2, 60),
    _Kern("Blaricum", "GM0376", "Blaricum", 147100, 477450, 85, 230, 525, 1.6, 30),
    _Kern("Eemnes", "GM0317", "Eemnes", 147600, 473650, 85, 280, 490, 1.7, 80),
    _Kern("Loosdrecht", "GM1696", "Loosdrecht", 135500, 467500, 85, 295, 525, 2.2, 35),
    _Kern("Kortenhoef", "GM1696", "Kortenhoef", 135700, 471400, 65, 230, 410, 1.5, 70),
    _Kern("'s-Graveland", "GM1696", "'s-Graveland", 137250, 472900, 55, 175, 340, 1.8, 90),
    _Kern("Ankeveen", "GM1696", "Ankeveen", 134600, 474600, 45, 155, 285, 1.8, 60),
    _Kern(
        "Nederhorst den Berg",
        "GM1696",
        "Nederhorst den Berg",
        132650,
        475650,
        65,
        245,
        420,
        1.3,
        10,
    ),
)

#: Fictitious kadastrale gemeente codes (3 digits).
_KG_CODES: dict[str, str] = {
    "Hilversum": "352",
    "Bussum": "107",
    "Naarden": "491",
    "Muiden": "478",
    "Huizen": "318",
    "Laren": "402",
    "Blaricum": "194",
    "Eemnes": "171",
    "Loosdrecht": "424",
    "'s-Graveland": "603",
    "Kortenhoef": "381",
    "Ankeveen": "128",
    "Nederhorst den Berg": "497",
}


@dataclass(frozen=True)
class _Terrein:
    rin: int
    naam: str
    gm: str
    x: float
    y: float
    w: float
    h: float
    hoek: float
    wloc_type: str
    milieucat: str
    hoofdgroep: str
    bestemming: str
    glasvezel: int  # percent coverage on the terrain
    uitgeefbaar_ha: float


# fmt: off
_TERREINEN: tuple[_Terrein, ...] = (
    _Terrein(2402001, "Arenapark", "GM0402", 141950, 469850, 520, 360, 25,
             "Hoogwaardig bedrijventerrein", "2", "bedrijventerrein", "Bedrijventerrein - 1",
             97, 1.2),
    _Terrein(2402002, "Kerkelanden", "GM0402", 139250, 471700, 560, 440, -10,
             "Gemengd terrein", "3.2", "bedrijventerrein", "Bedrijventerrein", 88, 0.0),
    _Terrein(2402003, "Zuidoost", "GM0402", 142050, 468850, 650, 420, 30,
             "Gemengd terrein", "3.1", "bedrijventerrein", "Bedrijventerrein", 42, 0.6),
    _Terrein(2402004, "Mediapark", "GM0402", 140150, 473900, 820, 430, 15,
             "Hoogwaardig bedrijventerrein", "2", "bedrijf", "Bedrijf - Media", 99, 2.1),
    _Terrein(2406001, "Huizerhoeve", "GM0406", 145650, 479100, 640, 430, 30,
             "Gemengd terrein", "3.2", "bedrijventerrein", "Bedrijventerrein", 90, 0.8),
    _Terrein(2406002, "Oude Haven", "GM0406", 144850, 479950, 380, 240, 5,
             "Zwaar bedrijventerrein", "4.1", "bedrijventerrein", "Bedrijventerrein - Haven",
             55, 0.0),
    _Terrein(2942001, "Gooimeer", "GM1942", 141450, 478900, 520, 330, 20,
             "Gemengd terrein", "3.1", "bedrijventerrein", "Bedrijventerrein", 80, 0.4),
    _Terrein(2942002, "Naarden Zuid", "GM1942", 141350, 476900, 380, 300, -20,
             "Gemengd terrein", "2", "bedrijf", "Bedrijf", 93, 0.0),
    _Terrein(2942003, "De Fabriek", "GM1942", 135750, 481050, 430, 300, 40,
             "Gemengd terrein", "3.2", "bedrijventerrein", "Bedrijventerrein", 60, 1.5),
    _Terrein(2317001, "Zuidersingel", "GM0317", 147950, 472650, 560, 360, 80,
             "Gemengd terrein", "3.2", "bedrijventerrein", "Bedrijventerrein", 48, 2.4),
    _Terrein(2417001, "Ambachtsweg", "GM0417", 143300, 471900, 420, 280, 60,
             "Gemengd terrein", "2", "bedrijf", "Bedrijf", 85, 0.0),
    _Terrein(2376001, "Bijvanck", "GM0376", 148550, 477750, 480, 300, 30,
             "Gemengd terrein", "2", "bedrijventerrein", "Bedrijventerrein", 95, 0.3),
    _Terrein(2696001, "Loosdrecht Bedrijven", "GM1696", 134250, 468850, 480, 320, 35,
             "Gemengd terrein", "3.1", "bedrijventerrein", "Bedrijventerrein", 30, 0.9),
    _Terrein(2696002, "Industrieweg", "GM1696", 133250, 475150, 340, 240, 10,
             "Zwaar bedrijventerrein", "4.1", "bedrijf", "Bedrijf", 38, 0.0),
    _Terrein(2696003, "'s-Graveland Noord", "GM1696", 137450, 473750, 300, 200, 80,
             "Gemengd terrein", "2", "bedrijventerrein", "Bedrijventerrein", 70, 0.2),
)
# fmt: on


@dataclass(frozen=True)
class _Station:
    code: str
    naam: str
    x: float
    y: float


_STATIONS: tuple[_Station, ...] = (
    _Station("HVS", "Hilversum", 140600, 471200),
    _Station("HVSM", "Hilversum Media Park", 140450, 473250),
    _Station("HVSP", "Hilversum Sportpark", 141500, 469350),
    _Station("BSMZ", "Bussum Zuid", 140800, 475550),
    _Station("NDB", "Naarden-Bussum", 140900, 477350),
    # outside the region
    _Station("WP", "Weesp", 129300, 480300),
    _Station("BRN", "Baarn", 150650, 469800),
    _Station("HOR", "Hollandsche Rading", 139750, 464500),
    _Station("ASD", "Amsterdam Centraal", 121400, 487400),
    _Station("AMF", "Amersfoort Centraal", 155200, 463300),
    _Station("UT", "Utrecht Centraal", 136100, 455900),
    _Station("ALMC", "Almere Centrum", 143500, 486800),
)
_STATION_IN_REGIO = ("HVS", "HVSM", "HVSP", "BSMZ", "NDB")

# Motorways (for verkeer bestemmingen, afritten and the glasvezel raster).
_A1 = (
    (126000, 481200),
    (133000, 480600),
    (136900, 480150),
    (139100, 478900),
    (141450, 477600),
    (142600, 476300),
    (144600, 475250),
    (146400, 475750),
    (148050, 475450),
    (152500, 475600),
)
_A27 = ((148050, 475450), (146300, 472850), (145150, 470450), (144200, 467400), (142900, 462500))
_SPOOR = (
    (
        (121400, 487400),
        (129300, 480300),
        (135000, 478600),
        (140900, 477350),
        (140800, 475550),
        (140450, 473250),
        (140600, 471200),
        (144500, 470300),
        (150650, 469800),
        (155200, 463300),
    ),
    ((140600, 471200), (141500, 469350), (139750, 464500), (136100, 455900)),
    ((140900, 477350), (142100, 481500), (143500, 486800)),
)

# Linten (ribbons of farms and houses in the buitengebied).
_LINTEN = (
    ((147650, 474100), (148200, 475200), (148750, 476350)),
    ((135600, 467400), (136500, 466600), (137300, 466000)),
    ((134900, 468300), (133900, 469700), (133300, 471100)),
    ((135700, 471500), (135100, 473000), (134600, 474600), (133300, 475350)),
    ((137300, 472700), (137550, 471500), (137700, 470900)),
    ((139000, 469300), (138300, 468600), (137600, 468200)),
    ((144200, 472300), (144800, 471300), (145300, 470500)),
    ((137000, 481100), (138100, 480450), (139000, 479800)),
    ((145700, 479700), (146700, 479300), (147600, 478900)),
    ((131200, 476300), (130900, 475300)),
)

# Buitengebied land use per gemeente: (hoofdgroep, probability).
_BUITEN: dict[str, tuple[tuple[str, float], ...]] = {
    "GM0402": (("bos", 0.4), ("natuur", 0.35), ("recreatie", 0.1), ("agrarisch", 0.15)),
    "GM0417": (("natuur", 0.5), ("bos", 0.2), ("agrarisch", 0.3)),
    "GM0376": (("natuur", 0.45), ("agrarisch", 0.45), ("recreatie", 0.1)),
    "GM1942": (("agrarisch", 0.35), ("natuur", 0.35), ("bos", 0.15), ("recreatie", 0.15)),
    "GM0406": (("natuur", 0.4), ("recreatie", 0.25), ("agrarisch", 0.35)),
    "GM0317": (("agrarisch", 0.5), ("agrarisch met waarden", 0.4), ("natuur", 0.1)),
    "GM1696": (
        ("agrarisch met waarden", 0.4),
        ("natuur", 0.35),
        ("agrarisch", 0.15),
        ("recreatie", 0.1),
    ),
}
# Direction of polder strips per gemeente (degrees).
_POLDER_HOEK = {
    "GM1696": 35.0,
    "GM0317": 110.0,
    "GM1942": 15.0,
    "GM0376": 120.0,
    "GM0406": 30.0,
    "GM0417": 70.0,
    "GM0402": 60.0,
}
# Lakes (Loosdrechtse Plassen, Spiegelplas) in Wijdemeren: x, y, radius, elongation, angle.
_MEREN = (
    (133000, 466900, 1300, 1.6, 30),
    (132700, 469700, 800, 1.4, 60),
    (134000, 476250, 330, 1.3, 0),
)

_BESTEMMING_NAAM = {
    "agrarisch": "Agrarisch",
    "agrarisch met waarden": "Agrarisch met waarden - Landschapswaarden",
    "bedrijf": "Bedrijf",
    "bedrijventerrein": "Bedrijventerrein",
    "bos": "Bos",
    "centrum": "Centrum",
    "cultuur en ontspanning": "Cultuur en ontspanning",
    "detailhandel": "Detailhandel",
    "dienstverlening": "Dienstverlening",
    "gemengd": "Gemengd - 1",
    "groen": "Groen",
    "horeca": "Horeca",
    "kantoor": "Kantoor",
    "maatschappelijk": "Maatschappelijk",
    "natuur": "Natuur",
    "recreatie": "Recreatie - Dagrecreatie",
    "sport": "Sport",
    "tuin": "Tuin",
    "verkeer": "Verkeer",
    "water": "Water",
    "wonen": "Wonen",
}


@dataclass(frozen=True)
class _Maat:
    """Parcel size model of a zone: lognormal median area, spread and lattice shape."""

    mediaan: float
    sigma: float
    blok: float
    rek: tuple[float, float]
    amin: float
    amax: float


_MATEN: dict[str, _Maat] = {
    "terrein": _Maat(2100, 0.75, 150, (1.0, 2.0), 450, 20000),
    "station": _Maat(1000, 0.7, 110, (1.0, 1.8), 250, 6000),
    "centrum": _Maat(340, 0.55, 80, (1.5, 2.8), 60, 1500),
    "maatschappelijk": _Maat(2100, 0.55, 160, (1.0, 1.6), 700, 15000),
    "sport": _Maat(7000, 0.5, 260, (1.0, 1.5), 2000, 30000),
    "wonen": _Maat(440, 0.5, 90, (1.6, 3.0), 100, 1200),
    "villa": _Maat(2000, 0.5, 150, (1.2, 2.0), 450, 6000),
    "lint": _Maat(2300, 0.5, 140, (1.4, 2.6), 500, 9000),
    "agrarisch": _Maat(40000, 0.55, 700, (3.0, 7.0), 6000, 150000),
    "agrarisch met waarden": _Maat(32000, 0.55, 700, (3.0, 6.0), 5000, 150000),
    "natuur": _Maat(90000, 0.7, 900, (1.0, 2.0), 10000, 600000),
    "bos": _Maat(80000, 0.7, 900, (1.0, 2.0), 10000, 600000),
    "recreatie": _Maat(30000, 0.6, 500, (1.0, 2.0), 4000, 150000),
    "water": _Maat(300000, 0.5, 1400, (1.0, 1.5), 50000, 2000000),
}


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def _rng(seed: int, part: str) -> np.random.Generator:
    """An independent random stream per part, stable whatever is generated first."""
    return np.random.default_rng([seed, zlib.crc32(part.encode())])


def _gemcode(statcode: str) -> str:
    return statcode.removeprefix("GM")


def _slug(text: str) -> str:
    return "".join(ch for ch in text.title() if ch.isalnum())


def _blob(
    x: float,
    y: float,
    r: float,
    rng: np.random.Generator,
    *,
    rek: float = 1.0,
    hoek: float = 0.0,
    ruis: float = 0.12,
    n: int = 72,
) -> BaseGeometry:
    """An irregular, roughly elliptic polygon around (x, y) with mean radius ``r``."""
    t = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    phase = rng.uniform(0.0, 2.0 * np.pi, 3)
    amp = ruis * np.array([1.0, 0.6, 0.35])
    radius = 1.0 + sum(a * np.cos(k * t + p) for a, k, p in zip(amp, (2, 3, 5), phase, strict=True))
    u = radius * np.cos(t) * math.sqrt(rek)
    v = radius * np.sin(t) / math.sqrt(rek)
    a = math.radians(hoek)
    px = x + r * (u * math.cos(a) - v * math.sin(a))
    py = y + r * (u * math.sin(a) + v * math.cos(a))
    return shapely.make_valid(shapely.Polygon(np.column_stack([px, py])))


def _rect(
    x: float, y: float, w: float, h: float, hoek: float, rng: np.random.Generator
) -> BaseGeometry:
    """A rotated rectangle with slightly moved corners and one notch (terrain outline)."""
    u = np.array([-0.5, 0.1, 0.5, 0.5, -0.5]) * w
    v = np.array([-0.5, -0.5, -0.5, 0.5, 0.5]) * h
    u = u + rng.uniform(-0.06, 0.06, 5) * w
    v = v + rng.uniform(-0.06, 0.06, 5) * h
    a = math.radians(hoek)
    px = x + u * math.cos(a) - v * math.sin(a)
    py = y + u * math.sin(a) + v * math.cos(a)
    return shapely.make_valid(shapely.Polygon(np.column_stack([px, py])))


def _polygons_only(geom: BaseGeometry) -> BaseGeometry:
    """Drop lines and points that overlay operations may leave behind."""
    if shapely.get_type_id(geom) in (3, 6):
        return geom if shapely.area(geom) > 0.0 else shapely.Polygon()
    parts = shapely.get_parts(geom)
    polys = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    polys = polys[shapely.area(polys) > 0.0]
    if len(polys) == 0:
        return shapely.Polygon()
    return shapely.union_all(polys, grid_size=_GRID)


def _groups(keys: np.ndarray, values: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """Yield (key, values of that key) for integer keys, in key order (stable)."""
    order = np.argsort(keys, kind="stable")
    k, v = keys[order], values[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]]) if len(k) else np.empty(0, int)
    for s0, s1 in zip(starts, np.r_[starts[1:], len(k)], strict=True):
        yield int(k[s0]), v[s0:s1]


def _load_gemeenten() -> gpd.GeoDataFrame:
    """The real CBS boundaries that the werkruimte package embeds (``werkruimte/data``)."""
    path = Path(werkruimte.__file__).resolve().parent / "data" / PACKAGED_FILE
    gem = gpd.read_file(path, engine="pyogrio")
    gem = gem.set_crs(_RD, allow_override=True)
    return gem.sort_values("statcode").reset_index(drop=True)
