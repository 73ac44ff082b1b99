"""Zones (land use that steers parcel sizes) and the demo parcels (BRK fields)."""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from tools.demodata.regio import (
    _BESTEMMING_NAAM,
    _BUITEN,
    _GML_PLAN,
    _GRID,
    _KERNEN,
    _KG_CODES,
    _LINTEN,
    _MATEN,
    _MEREN,
    _POLDER_HOEK,
    _RD,
    _STATION_IN_REGIO,
    _STATIONS,
    _TERREINEN,
    BRON,
    _blob,
    _gemcode,
    _Kern,
    _Maat,
    _polygons_only,
    _rect,
    _rng,
    _slug,
)

# Zones: a partition of the region into land-use areas that steer parcel sizes
# --------------------------------------------------------------------------------------


def _kern_of(x: float, y: float, gm: str) -> _Kern:
    kernen = [k for k in _KERNEN if k.gm == gm]
    return min(kernen, key=lambda k: (k.x - x) ** 2 + (k.y - y) ** 2)


def _kern_plan(kern: _Kern) -> str:
    return f"NL.IMRO.{_gemcode(kern.gm)}.BPkom{_slug(kern.naam)}-VA01"


class _Zones:
    """The zones made so far; each new zone only takes what is still free."""

    def __init__(self, geoms: dict[str, BaseGeometry]) -> None:
        self.geoms = geoms
        self.rows: list[dict[str, Any]] = []
        self.taken: dict[str, BaseGeometry] = {gm: shapely.Polygon() for gm in geoms}

    def add(self, geom: BaseGeometry, zone: str, *, gm: str | None = None, **attrs: Any) -> None:
        """Add the free part of ``geom`` in each gemeente (or only ``gm``) as a zone."""
        for code, g in self.geoms.items():
            if gm is not None and code != gm:
                continue
            if not shapely.intersects(g, geom):
                continue
            piece = shapely.difference(
                shapely.intersection(g, geom, grid_size=_GRID), self.taken[code], grid_size=_GRID
            )
            piece = _polygons_only(piece)
            if piece.is_empty or piece.area < 1.0:
                continue
            self.taken[code] = shapely.union(self.taken[code], piece, grid_size=_GRID)
            row = {"zone": zone, "gm": code, "rin": -1, **attrs, "geometry": piece}
            if "kern" not in row:
                c = shapely.point_on_surface(piece)
                row["kern"] = _kern_of(c.x, c.y, code).naam
            if "plan" not in row:
                row["plan"] = _kern_plan(next(k for k in _KERNEN if k.naam == row["kern"]))
            self.rows.append(row)


def _build_zones(gem: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    """Partition every gemeente into zones (no gaps, no overlaps).

    Returns a frame with ``zone`` (size model key), ``gm``, ``kern``, ``plan``,
    ``hoofdgroep``, ``naam``, ``rin`` (terrain or -1) and polygon geometry. The order
    of the steps (and so of the random draws) is fixed: terrains, lakes, the zones of
    the kernen, linten, buitengebied.
    """
    rng = _rng(seed, "zones")
    zones = _Zones(dict(zip(gem["statcode"], gem.geometry, strict=True)))
    add = zones.add
    for t in _TERREINEN:
        add(
            _rect(t.x, t.y, t.w, t.h, t.hoek, rng),
            "terrein",
            gm=t.gm,
            rin=t.rin,
            hoofdgroep=t.hoofdgroep,
            naam=t.bestemming,
            plan=f"NL.IMRO.{_gemcode(t.gm)}.BPbedrijventerreinen-VA01",
        )
    for x, y, r, rek, hoek in _MEREN:
        add(
            _blob(x, y, r, rng, rek=rek, hoek=hoek, ruis=0.18),
            "water",
            gm="GM1696",
            hoofdgroep="water",
            naam="Water",
            plan="NL.IMRO.1696.BPbuitengebied-VA01",
        )
    _kern_zones(zones, rng)
    for lint in _LINTEN:
        line = shapely.LineString(lint)
        add(
            shapely.buffer(line, 65.0, quad_segs=4),
            "lint",
            hoofdgroep="agrarisch",
            naam="Agrarisch - Agrarisch bedrijf",
        )
    _buitengebied(zones, gem, rng)
    return gpd.GeoDataFrame(zones.rows, geometry="geometry", crs=_RD)


def _kern_zones(zones: _Zones, rng: np.random.Generator) -> None:
    """Station areas, then per kern its centrum, facilities, wonen and villa zones."""
    add = zones.add
    for s in _STATIONS:
        if s.code not in _STATION_IN_REGIO:
            continue
        plan = None
        if s.code == "HVS":
            plan = _GML_PLAN
        elif s.code == "NDB":
            plan = "NL.IMRO.1942.BPstationsgebied-VA01"
        extra = {} if plan is None else {"plan": plan}
        add(
            _blob(s.x, s.y, 260, rng, ruis=0.08),
            "station",
            hoofdgroep="gemengd",
            naam="Gemengd - 1",
            **extra,
        )
    for k in _KERNEN:
        add(
            _blob(k.x, k.y, k.r_centrum, rng, rek=k.rek, hoek=k.hoek),
            "centrum",
            gm=k.gm,
            kern=k.naam,
            hoofdgroep="centrum",
            naam="Centrum",
        )
    for k in _KERNEN:
        n = max(1, round(k.r_wonen / 190))
        for i in range(n):
            sport = i % 3 == 2
            ang = rng.uniform(0, 2 * np.pi)
            dist = k.r_wonen * (rng.uniform(0.9, 1.15) if sport else rng.uniform(0.45, 0.95))
            straal = rng.uniform(150, 230) if sport else rng.uniform(80, 160)
            add(
                _blob(k.x + dist * math.cos(ang), k.y + dist * math.sin(ang), straal, rng),
                "sport" if sport else "maatschappelijk",
                gm=k.gm,
                kern=k.naam,
                hoofdgroep="sport" if sport else "maatschappelijk",
                naam="Sport" if sport else "Maatschappelijk",
            )
    for k in _KERNEN:
        add(
            _blob(k.x, k.y, k.r_wonen, rng, rek=k.rek, hoek=k.hoek, ruis=0.15),
            "wonen",
            gm=k.gm,
            kern=k.naam,
            hoofdgroep="wonen",
            naam="Wonen",
        )
    for k in _KERNEN:
        add(
            _blob(k.x, k.y, k.r_villa, rng, rek=k.rek, hoek=k.hoek, ruis=0.2),
            "villa",
            gm=k.gm,
            kern=k.naam,
            hoofdgroep="wonen",
            naam="Wonen - 2",
        )


def _buitengebied(zones: _Zones, gem: gpd.GeoDataFrame, rng: np.random.Generator) -> None:
    """The remainder of each gemeente, split into land-use cells."""
    add = zones.add
    geoms = zones.geoms
    x0, y0, x1, y1 = gem.total_bounds
    step = 1300.0
    gx, gy = np.meshgrid(np.arange(x0, x1 + step, step), np.arange(y0, y1 + step, step))
    pts = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-0.4, 0.4, (gx.size, 2)) * step
    box = shapely.box(x0 - 5000, y0 - 5000, x1 + 5000, y1 + 5000)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=box, ordered=True)
    )
    draw = rng.random(len(cells))
    for code in sorted(geoms):
        keys = [k for k, _ in _BUITEN[code]]
        cum = np.cumsum([p for _, p in _BUITEN[code]])
        labels = [keys[int(np.searchsorted(cum, d * cum[-1]))] for d in draw]
        for cell, label in zip(cells, labels, strict=True):
            add(
                cell,
                label,
                gm=code,
                hoofdgroep=label,
                naam=_BESTEMMING_NAAM[label],
                plan=f"NL.IMRO.{_gemcode(code)}.BPbuitengebied-VA01",
            )


# --------------------------------------------------------------------------------------
# Parcels: a Voronoi tiling of each zone from a jittered, rotated lattice
# --------------------------------------------------------------------------------------


def _seed_points(
    zone: BaseGeometry, maat: _Maat, hoek: float | None, rng: np.random.Generator
) -> np.ndarray:
    """Seed points in ``zone``: per block a jittered lattice with its own plot size."""
    x0, y0, x1, y1 = zone.bounds
    b = maat.blok
    ox, oy = rng.uniform(0.0, b, 2)
    gx, gy = np.meshgrid(np.arange(x0 - ox, x1, b), np.arange(y0 - oy, y1, b))
    bx, by = gx.ravel(), gy.ravel()
    hit = shapely.intersects(shapely.box(bx, by, bx + b, by + b), zone)
    bx, by = bx[hit], by[hit]
    nb = len(bx)
    if nb == 0:
        return np.empty((0, 2))
    area = np.clip(
        maat.mediaan * np.exp(maat.sigma * rng.standard_normal(nb)), maat.amin, maat.amax
    )
    rek = rng.uniform(*maat.rek, nb)
    if hoek is None:
        theta = rng.uniform(0.0, np.pi, nb)
    else:
        theta = np.radians(hoek + rng.normal(0.0, 4.0, nb))
    s = np.sqrt(area)
    sx, sy = s * np.sqrt(rek), s / np.sqrt(rek)
    half = 0.7072 * b
    nx = np.ceil(2 * half / sx).astype(np.int64) + 1
    ny = np.ceil(2 * half / sy).astype(np.int64) + 1
    counts = nx * ny
    block = np.repeat(np.arange(nb), counts)
    k = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    i = k % nx[block]
    j = k // nx[block]
    phase = rng.uniform(0.0, 1.0, (nb, 2))
    jit = rng.normal(0.0, 0.1, (len(k), 2))
    u = -half + (i + phase[block, 0] + jit[:, 0]) * sx[block]
    v = -half + (j + phase[block, 1] + jit[:, 1]) * sy[block]
    cos, sin = np.cos(theta)[block], np.sin(theta)[block]
    px = u * cos - v * sin
    py = u * sin + v * cos
    inside = (np.abs(px) <= b / 2) & (np.abs(py) <= b / 2)
    px = px[inside] + bx[block[inside]] + b / 2
    py = py[inside] + by[block[inside]] + b / 2
    keep = shapely.contains_xy(zone, px, py)
    return np.column_stack([px[keep], py[keep]])


def _tile(zone: BaseGeometry, pts: np.ndarray) -> np.ndarray:
    """Voronoi cells of ``pts`` clipped to ``zone``: an array of polygons."""
    if len(pts) < 2:
        parts = shapely.get_parts(zone)
    else:
        cells = shapely.get_parts(
            shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=zone, ordered=True)
        )
        shapely.prepare(zone)
        inside = shapely.contains_properly(zone, cells)
        clipped = np.empty(len(cells), dtype=object)
        clipped[inside] = shapely.set_precision(cells[inside], _GRID)
        clipped[~inside] = shapely.intersection(cells[~inside], zone, grid_size=_GRID)
        parts = shapely.get_parts(clipped)
    parts = parts[shapely.get_type_id(parts) == 3]
    return parts[shapely.area(parts) > 0.0]


def _parcel_geometries(zones: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    rng = _rng(seed, "percelen")
    frames = []
    for idx, z in enumerate(zones.itertuples(index=False)):
        maat = _MATEN[z.zone]
        hoek = _POLDER_HOEK[z.gm] if z.zone.startswith("agrarisch") else None
        pts = _seed_points(z.geometry, maat, hoek, rng)
        polys = _tile(z.geometry, pts)
        frames.append(pd.DataFrame({"zone_idx": idx, "geometry": polys}))
    df = pd.concat(frames, ignore_index=True)
    out = gpd.GeoDataFrame(df, geometry="geometry", crs=_RD)
    for col in ("zone", "gm", "kern", "rin"):
        out[col] = zones[col].to_numpy()[out["zone_idx"].to_numpy()]
    return out


def _letters(i: np.ndarray) -> np.ndarray:
    """0 -> A, 25 -> Z, 26 -> AA, ... (section letters)."""
    alphabet = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    first = np.where(i >= 26, alphabet[np.clip(i // 26 - 1, 0, 25)], "")
    return np.char.add(first.astype("U1"), alphabet[i % 26])


def _brk_attributes(parcels: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    """Add the BRK kadastralekaart v5 flat fields, sorted by identificatie."""
    rng = _rng(seed, "brk")
    n = len(parcels)
    geom = parcels.geometry.to_numpy()
    rp = shapely.point_on_surface(geom)
    x, y = shapely.get_x(rp), shapely.get_y(rp)
    # Kadastrale gemeente: the nearest kern of the same gemeente.
    kg = np.empty(n, dtype=object)
    gm = parcels["gm"].to_numpy()
    for code in np.unique(gm):
        kernen = [k for k in _KERNEN if k.gm == code]
        sel = gm == code
        d = np.stack([(x[sel] - k.x) ** 2 + (y[sel] - k.y) ** 2 for k in kernen])
        kg[sel] = np.array([k.kg for k in kernen], dtype=object)[np.argmin(d, axis=0)]
    # Sections: a 1.4 km grid per kadastrale gemeente, lettered north-west first.
    cell = 1400.0
    cx = np.floor(x / cell).astype(np.int64)
    cy = np.floor(y / cell).astype(np.int64)
    frame = pd.DataFrame({"kg": kg, "cx": cx, "cy": -cy})
    key = frame["cy"] * 1000 + frame["cx"]
    sect_idx = (key.groupby(frame["kg"]).rank(method="dense").to_numpy() - 1).astype(np.int64)
    sectie = _letters(sect_idx)
    # Perceelnummers: north-west to south-east within a section, with gaps.
    order = np.lexsort((x, -y, sect_idx, kg.astype(str)))
    step = rng.geometric(0.55, n)
    grp = pd.Series(kg.astype(str) + "|" + sectie)[order].to_numpy()
    first = np.r_[True, grp[1:] != grp[:-1]]
    start = rng.integers(1, 40, n)
    inc = np.where(first, start, step[order])
    csum = np.cumsum(inc)
    base = np.maximum.accumulate(np.where(first, csum - inc, 0))
    nummer = np.empty(n, dtype=np.int64)
    nummer[order] = csum - base
    code = pd.Series(kg).map(_KG_CODES).to_numpy().astype(str)
    lokaal = np.char.add(
        np.char.add(code, np.char.zfill(sect_idx.astype(str), 2)),
        np.char.add(np.char.zfill(nummer.astype(str), 5), "0000"),
    )
    area = shapely.area(geom)
    afwijking = np.where(rng.random(n) < 0.2, np.clip(rng.normal(0, 0.007, n), -0.02, 0.02), 0)
    grootte = np.maximum(1, np.round(area * (1 + afwijking))).astype(np.int64)
    start_ts = np.datetime64("1995-01-01T00:00:00")
    secs = rng.integers(0, 31 * 365 * 86400, n)
    begin = np.datetime_as_string(start_ts + secs.astype("timedelta64[s]"), unit="s")
    out = gpd.GeoDataFrame(
        {
            "identificatieNamespace": "NL.IMKAD.KadastraalObject",
            "identificatieLokaalID": lokaal,
            "beginGeldigheid": begin,
            "kadastraleGemeenteCode": code,
            "kadastraleGemeenteWaarde": kg.astype(str),
            "sectie": sectie,
            "perceelnummer": nummer,
            "kadastraleGrootteWaarde": grootte,
            "soortGrootteWaarde": "Vastgesteld",
            "bron": BRON,
            "zone": parcels["zone"].to_numpy(),
            "gm": gm,
            "rin": parcels["rin"].to_numpy(),
        },
        geometry=geom,
        crs=_RD,
    )
    if out["identificatieLokaalID"].duplicated().any():  # pragma: no cover - guard
        raise RuntimeError("dubbele identificatieLokaalID in de demopercelen")
    return out.sort_values("identificatieLokaalID").reset_index(drop=True)


def _demo_percelen(zones: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    """All demo parcels with BRK fields plus helper columns ``zone``, ``gm``, ``rin``."""
    return _brk_attributes(_parcel_geometries(zones, seed), seed)
