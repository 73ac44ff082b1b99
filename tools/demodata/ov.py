"""A fictitious GTFS feed (rail and bus) for the demo region."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from tools.demodata.percelen import _kern_of
from tools.demodata.regio import _KERNEN, _RD, _STATIONS, _TERREINEN, _rng

# OV: a GTFS feed with rail and bus
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lijn:
    route_id: str
    agency: str
    kort: str
    lang: str
    soort: int  # GTFS route_type
    haltes: tuple[str, ...]  # S:<station>, K:<kern>, T:<terrein> are stops; P:x,y a bend
    spits: int  # departures per hour per direction, weekday peak
    dag: int
    avond: int
    weekend: int
    laatste: float  # hour of the last departure (may be past 24)


# fmt: off
_LIJNEN: tuple[_Lijn, ...] = (
    _Lijn("R-IC", "DEMOTREIN", "IC", "Amsterdam Centraal - Amersfoort Centraal", 2,
          ("S:ASD", "S:WP", "S:NDB", "S:HVS", "S:BRN", "S:AMF"), 4, 4, 2, 2, 24.75),
    _Lijn("R-SPR1", "DEMOTREIN", "Sprinter", "Utrecht Centraal - Hilversum", 2,
          ("S:UT", "S:HOR", "S:HVSP", "S:HVS"), 4, 2, 2, 2, 24.5),
    _Lijn("R-SPR2", "DEMOTREIN", "Sprinter", "Hilversum - Almere Centrum", 2,
          ("S:HVS", "S:HVSM", "S:BSMZ", "S:NDB", "S:ALMC"), 4, 2, 2, 2, 24.25),
    _Lijn("B100", "DEMOBUS", "100", "Hilversum - Laren - Blaricum - Huizen", 3,
          ("S:HVS", "P:142300,472300", "K:Laren", "P:145600,475700", "K:Blaricum",
           "P:146000,478100", "K:Huizen"), 6, 4, 2, 2, 24.5),
    _Lijn("B101", "DEMOBUS", "101", "Hilversum - Media Park - Bussum - Naarden - Huizen", 3,
          ("S:HVS", "S:HVSM", "T:Mediapark", "S:BSMZ", "K:Bussum", "S:NDB", "K:Naarden",
           "T:Gooimeer", "K:Huizen"), 12, 8, 4, 4, 24.5),
    _Lijn("B102", "DEMOBUS", "102", "Hilversum Station - Sportpark - Arenapark - Zuidoost", 3,
          ("S:HVS", "K:Hilversum", "S:HVSP", "T:Arenapark", "T:Zuidoost"), 8, 6, 3, 3, 24.0),
    _Lijn("B103", "DEMOBUS", "103", "Hilversum - 's-Graveland - Kortenhoef - Nederhorst den Berg",
          3, ("S:HVS", "T:Kerkelanden", "K:'s-Graveland", "K:Kortenhoef", "K:Ankeveen",
              "K:Nederhorst den Berg"), 4, 2, 1, 1, 23.5),
    _Lijn("B104", "DEMOBUS", "104", "Hilversum - Loosdrecht", 3,
          ("S:HVS", "P:138900,469600", "P:137300,468300", "K:Loosdrecht"), 3, 2, 1, 1, 23.5),
    _Lijn("B105", "DEMOBUS", "105", "Naarden-Bussum - Muiderberg - Muiden - Weesp", 3,
          ("S:NDB", "K:Naarden", "K:Muiderberg", "K:Muiden", "T:De Fabriek", "S:WP"),
          4, 2, 1, 1, 24.0),
    _Lijn("B106", "DEMOBUS", "106", "Laren - Eemnes - Baarn", 3,
          ("K:Laren", "P:145600,473900", "K:Eemnes", "P:147000,472000", "S:BRN"),
          2, 2, 1, 1, 23.0),
    _Lijn("B107", "DEMOBUS", "107", "Huizen - Naarden Zuid - Bussum", 3,
          ("T:Oude Haven", "K:Huizen", "P:142800,477700", "T:Naarden Zuid", "S:NDB",
           "K:Bussum"), 6, 4, 2, 2, 24.0),
    _Lijn("B108", "DEMOBUS", "108", "Huizen - Bijvanck - Blaricum - Laren", 3,
          ("K:Huizen", "T:Huizerhoeve", "T:Bijvanck", "K:Blaricum", "K:Laren"),
          3, 2, 1, 1, 23.0),
)
# fmt: on

_STRATEN = (
    "Kerkstraat",
    "Stationsweg",
    "Lindenlaan",
    "Eikenlaan",
    "Schoolstraat",
    "Dorpsstraat",
    "Molenweg",
    "Beukenlaan",
    "Torenlaan",
    "Brinkweg",
    "Vaartweg",
    "Heideweg",
    "Parklaan",
    "Julianalaan",
    "Oranjelaan",
    "Kastanjelaan",
    "Dijkweg",
    "Meentweg",
    "Zuiderweg",
    "Noorderweg",
    "Havenweg",
    "Bosweg",
    "Laanweg",
    "Weteringweg",
    "Kanaalweg",
    "Raadhuisstraat",
)
_FEESTDAGEN = ("20260101", "20260406", "20260427", "20260514", "20260525", "20261225")


@dataclass(frozen=True)
class _Punt:
    token: str
    x: float
    y: float
    halte: bool
    naam: str


def _lijn_punten(lijn: _Lijn) -> list[_Punt]:
    kernen = {k.naam: k for k in _KERNEN}
    stations = {s.code: s for s in _STATIONS}
    terreinen = {t.naam: t for t in _TERREINEN}
    out = []
    bus = lijn.soort == 3
    for token in lijn.haltes:
        kind, _, ref = token.partition(":")
        if kind == "S":
            s = stations[ref]
            dx, dy = (50.0, -40.0) if bus else (0.0, 0.0)
            naam = f"{s.naam}, Station" if bus else s.naam
            out.append(_Punt(token, s.x + dx, s.y + dy, True, naam))
        elif kind == "K":
            k = kernen[ref]
            out.append(_Punt(token, k.x, k.y, True, f"{k.naam}, Centrum"))
        elif kind == "T":
            t = terreinen[ref]
            out.append(_Punt(token, t.x, t.y, True, f"{_kern_of(t.x, t.y, t.gm).naam}, {t.naam}"))
        else:
            x, y = (float(v) for v in ref.split(","))
            out.append(_Punt(token, x, y, False, ""))
    return out


class _BusRoute:
    """Line geometry of a bus line (used for verkeer bestemmingen)."""

    def __init__(self, lijn: _Lijn) -> None:
        self.lijn = lijn
        self.punten = [(p.x, p.y) for p in _lijn_punten(lijn)]


def _bus_routes() -> list[_BusRoute]:
    return [_BusRoute(lijn) for lijn in _LIJNEN if lijn.soort == 3]


def _wgs84(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tr = Transformer.from_crs(_RD, "EPSG:4326", always_xy=True)
    lon, lat = tr.transform(x, y)
    return np.round(np.asarray(lon), 6), np.round(np.asarray(lat), 6)


def _hhmmss(seconds: np.ndarray) -> np.ndarray:
    s = seconds.astype(np.int64)
    h, m, sec = s // 3600, (s // 60) % 60, s % 60
    z = np.char.zfill
    return np.char.add(
        np.char.add(np.char.add(z(h.astype(str), 2), ":"), np.char.add(z(m.astype(str), 2), ":")),
        z(sec.astype(str), 2),
    )


def _frequentie(lijn: _Lijn, service: str, uur: float) -> int:
    if service == "WE":
        return min(lijn.weekend, lijn.avond) if uur >= 20 else lijn.weekend
    if uur < 7 or uur >= 20:
        return lijn.avond
    if 7 <= uur < 9 or 16 <= uur < 18.5:
        return lijn.spits
    return lijn.dag


def _gtfs_tables(bebouwd: BaseGeometry, seed: int) -> dict[str, pd.DataFrame]:
    """All GTFS tables of the demo feed as DataFrames (text columns)."""
    rng = _rng(seed, "gtfs")
    stops: dict[str, dict[str, Any]] = {}
    street_no: dict[str, int] = {}
    routes, trips, stop_times = [], [], []
    for lijn in _LIJNEN:
        bus = lijn.soort == 3
        punten = _lijn_punten(lijn)
        line = shapely.LineString([(p.x, p.y) for p in punten])
        halte_pos: list[tuple[float, str]] = []  # distance along line, stop_id
        hubs = [(float(line.project(shapely.Point(p.x, p.y))), p) for p in punten if p.halte]
        for i, (d, p) in enumerate(hubs):
            sid = ("bus:" if bus else "rail:") + p.token[2:].replace(" ", "_").replace("'", "")
            stops.setdefault(sid, {"stop_id": sid, "stop_name": p.naam, "x": p.x, "y": p.y})
            halte_pos.append((d, sid))
            if not bus or i + 1 == len(hubs):
                continue
            d_next = hubs[i + 1][0]
            pos = d
            while True:
                probe = line.interpolate(pos + 300.0)
                dicht = bool(shapely.contains_xy(bebouwd, probe.x, probe.y))
                pos += rng.uniform(300, 600) if dicht else rng.uniform(900, 1500)
                if pos > d_next - 250:
                    break
                pt = line.interpolate(pos)
                kern = min(_KERNEN, key=lambda k: (k.x - pt.x) ** 2 + (k.y - pt.y) ** 2)
                no = street_no.get(kern.naam, 0)
                street_no[kern.naam] = no + 1
                straat = _STRATEN[no % len(_STRATEN)]
                suffix = "" if no < len(_STRATEN) else f" {no // len(_STRATEN) + 1}"
                sid = f"bus:{lijn.route_id}-{len(halte_pos):02d}"
                stops[sid] = {
                    "stop_id": sid,
                    "stop_name": f"{kern.naam}, {straat}{suffix}",
                    "x": pt.x,
                    "y": pt.y,
                }
                halte_pos.append((pos, sid))
        dist = np.array([d for d, _ in halte_pos])
        ids = [s for _, s in halte_pos]
        # Running time per leg: slower in built-up areas; dwell at every stop.
        seg = np.diff(dist)
        mid = [line.interpolate(v) for v in (dist[:-1] + seg / 2)]
        binnen = shapely.contains_xy(
            bebouwd, np.array([m.x for m in mid]), np.array([m.y for m in mid])
        )
        speed = np.where(binnen, 18.0, 42.0) if bus else np.full(len(seg), 75.0)
        leg = seg / (speed / 3.6) + (20.0 if bus else 60.0)
        routes.append(
            {
                "route_id": lijn.route_id,
                "agency_id": lijn.agency,
                "route_short_name": lijn.kort,
                "route_long_name": lijn.lang,
                "route_type": lijn.soort,
                "route_color": "FFC917" if not bus else "0078BE",
                "route_text_color": "000000" if not bus else "FFFFFF",
            }
        )
        for service, start in (("WD", 5.5), ("WE", 6.5)):
            for direction in (0, 1):
                order = ids if direction == 0 else ids[::-1]
                legs = leg if direction == 0 else leg[::-1]
                offs = np.r_[0.0, np.cumsum(legs)]
                t = start * 60 + rng.uniform(0, 12)
                deps = []
                while t <= lijn.laatste * 60:
                    deps.append(t)
                    t += 60.0 / _frequentie(lijn, service, (t / 60) % 24 if t < 1440 else 23)
                dep = np.round(np.array(deps)) * 60.0
                headsign = stops[order[-1]]["stop_name"].split(",")[0]
                trip_ids = [
                    f"{lijn.route_id}-{service}-{direction}-{k:03d}" for k in range(len(dep))
                ]
                trips.append(
                    pd.DataFrame(
                        {
                            "route_id": lijn.route_id,
                            "service_id": service,
                            "trip_id": trip_ids,
                            "trip_headsign": headsign,
                            "direction_id": direction,
                        }
                    )
                )
                secs = (np.round((dep[:, None] + offs[None, :]) / 60.0) * 60.0).ravel()
                times = _hhmmss(secs)
                stop_times.append(
                    pd.DataFrame(
                        {
                            "trip_id": np.repeat(trip_ids, len(order)),
                            "arrival_time": times,
                            "departure_time": times,
                            "stop_id": np.tile(order, len(dep)),
                            "stop_sequence": np.tile(np.arange(1, len(order) + 1), len(dep)),
                        }
                    )
                )
    st = pd.DataFrame(list(stops.values())).sort_values("stop_id").reset_index(drop=True)
    lon, lat = _wgs84(st["x"].to_numpy(), st["y"].to_numpy())
    stops_df = pd.DataFrame(
        {
            "stop_id": st["stop_id"],
            "stop_name": st["stop_name"],
            "stop_lat": lat,
            "stop_lon": lon,
            "location_type": 0,
        }
    )
    agency = pd.DataFrame(
        {
            "agency_id": ["DEMOTREIN", "DEMOBUS"],
            "agency_name": ["Spoor Demoregio (fictief)", "Gooi Bus (fictief)"],
            "agency_url": [
                "https://example.org/werkruimte/spoor",
                "https://example.org/werkruimte/bus",
            ],
            "agency_timezone": "Europe/Amsterdam",
            "agency_lang": "nl",
        }
    )
    calendar = pd.DataFrame(
        {
            "service_id": ["WD", "WE"],
            "monday": [1, 0],
            "tuesday": [1, 0],
            "wednesday": [1, 0],
            "thursday": [1, 0],
            "friday": [1, 0],
            "saturday": [0, 1],
            "sunday": [0, 1],
            "start_date": "20260101",
            "end_date": "20261231",
        }
    )
    calendar_dates = pd.DataFrame(
        {
            "service_id": ["WD", "WE"] * len(_FEESTDAGEN),
            "date": [d for d in _FEESTDAGEN for _ in range(2)],
            "exception_type": [2, 1] * len(_FEESTDAGEN),
        }
    )
    feed_info = pd.DataFrame(
        {
            "feed_publisher_name": ["werkruimte demoregio (fictief)"],
            "feed_publisher_url": ["https://example.org/werkruimte"],
            "feed_lang": ["nl"],
            "feed_start_date": ["20260101"],
            "feed_end_date": ["20261231"],
            "feed_version": [f"demo-{seed}"],
        }
    )
    return {
        "agency.txt": agency,
        "stops.txt": stops_df,
        "routes.txt": pd.DataFrame(routes),
        "trips.txt": pd.concat(trips, ignore_index=True),
        "stop_times.txt": pd.concat(stop_times, ignore_index=True),
        "calendar.txt": calendar,
        "calendar_dates.txt": calendar_dates,
        "feed_info.txt": feed_info,
    }
