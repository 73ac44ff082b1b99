"""The other IMRO2012 layers of the demo plans (issue 15): fictitious, from their own RNG stream.

Written as extra layers of ``bestemmingsplannen/enkelbestemming.gpkg``, named like the IMRO
feature types: ``Bestemmingsplangebied`` (status and date per plan, plus one ontwerp plan),
``Dubbelbestemming`` (Waarde - Archeologie around the kernen, Leiding - Gas along a line),
``Functieaanduiding`` (bedrijf tot en met categorie 3.1 / 2, kantoor), ``Bouwvlak`` and
``Maatvoering`` (maximum bouwhoogte and bebouwingspercentage, one row per pair). The draws
use ``_rng(seed, "planlagen")``, so the existing layers and their draws do not change.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from tools.demodata.regio import _GRID, _RD, BRON, _polygons_only, _rng

#: Hoofdgroepen whose vlakken get a bouwvlak and maatvoering.
_BOUW = (
    "bedrijf",
    "bedrijventerrein",
    "kantoor",
    "gemengd",
    "centrum",
    "dienstverlening",
    "maatschappelijk",
    "detailhandel",
)
#: The fictitious ontwerp plan.
ONTWERP_PLAN = "NL.IMRO.0402.BPwerklandschapZuid-ON01"


def _frame(data: dict[str, object], geoms: np.ndarray) -> gpd.GeoDataFrame:
    gdf = gpd.GeoDataFrame(data, geometry=list(geoms), crs=_RD)
    gdf.geometry = shapely.orient_polygons(gdf.geometry.to_numpy())
    gdf["bron"] = BRON
    return gdf


def _gebied(best: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    plans = sorted(best["planidentificatie"].unique())
    outlines = [
        _polygons_only(
            shapely.union_all(
                best.geometry.to_numpy()[best["planidentificatie"].to_numpy() == p], grid_size=_GRID
            )
        )
        for p in plans
    ]
    jaar = rng.integers(2012, 2025, len(plans))
    maand = rng.integers(1, 13, len(plans))
    datum = [f"{j}-{m:02d}-15" for j, m in zip(jaar, maand, strict=True)]
    # One ontwerp plan: 400 m around an agrarisch or maatschappelijk vlak of Hilversum.
    cand = best[
        best["bestemmingshoofdgroep"].isin(["agrarisch", "maatschappelijk"])
        & best["planidentificatie"].str.startswith("NL.IMRO.0402.")
    ].sort_values("identificatie")
    pick = cand.geometry.iloc[int(rng.integers(len(cand)))]
    ontwerp = shapely.buffer(shapely.point_on_surface(pick), 400.0, quad_segs=8)
    geoms = np.array([*outlines, ontwerp], dtype=object)
    return _frame(
        {
            "planidentificatie": [*plans, ONTWERP_PLAN],
            "naam": [p.split(".")[-1].split("-")[0].removeprefix("BP") for p in plans]
            + ["werklandschapZuid"],
            "planstatus": ["vastgesteld"] * len(plans) + ["ontwerp"],
            "datum": [*datum, "2026-03-01"],
        },
        shapely.set_precision(geoms, _GRID),
    )


def _dubbel(
    best: gpd.GeoDataFrame, gebied: gpd.GeoDataFrame, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    kern = best[best["bestemmingshoofdgroep"].isin(["centrum"])].sort_values("identificatie")
    pts = shapely.point_on_surface(kern.geometry.to_numpy())
    take = rng.choice(len(pts), size=min(8, len(pts)), replace=False)
    arch = shapely.buffer(pts[np.sort(take)], rng.uniform(150, 350, len(take)), quad_segs=8)
    x0, y0, x1, y1 = gebied.total_bounds
    line = shapely.LineString([(x0, rng.uniform(y0, y1)), (x1, rng.uniform(y0, y1))])
    gas = shapely.buffer(line, 5.0, cap_style="flat")
    geoms = np.array([*arch, gas], dtype=object)
    names = ["Waarde - Archeologie - 2"] * len(arch) + ["Leiding - Gas"]
    groep = ["waarde"] * len(arch) + ["leiding"]
    # Clip to the vastgestelde plans: one feature per (dubbelbestemming, plan).
    vast = gebied[gebied["planstatus"] == "vastgesteld"]
    g, d = shapely.STRtree(geoms).query(vast.geometry.to_numpy(), predicate="intersects")
    parts = shapely.intersection(geoms[d], vast.geometry.to_numpy()[g], grid_size=_GRID)
    parts = np.array([_polygons_only(p) for p in parts], dtype=object)
    ok = ~shapely.is_empty(parts) & (shapely.area(parts) > 1.0)
    return _frame(
        {
            "naam": np.asarray(names)[d[ok]],
            "bestemmingshoofdgroep": np.asarray(groep)[d[ok]],
            "planidentificatie": vast["planidentificatie"].to_numpy()[g[ok]],
        },
        parts[ok],
    )


def _bouw(best: gpd.GeoDataFrame, rng: np.random.Generator) -> dict[str, gpd.GeoDataFrame]:
    sel = best[best["bestemmingshoofdgroep"].isin(_BOUW)].sort_values("identificatie")
    inset = rng.uniform(3.0, 8.0, len(sel))
    vlak = shapely.buffer(sel.geometry.to_numpy(), -inset, join_style="mitre")
    vlak = shapely.set_precision(vlak, _GRID)
    ok = ~shapely.is_empty(vlak) & (shapely.area(vlak) > 50.0)
    sel, vlak = sel[ok], vlak[ok]
    plan = sel["planidentificatie"].to_numpy()
    bouwvlak = _frame({"naam": ["bouwvlak"] * len(sel), "planidentificatie": plan}, vlak)
    hoogte = rng.choice([6.0, 8.0, 10.0, 12.0, 15.0], len(sel))
    pct = rng.choice([50.0, 60.0, 70.0, 80.0, 100.0], len(sel))
    n = len(sel)
    maat = _frame(
        {
            "naam": ["maximum bouwhoogte (m), maximum bebouwingspercentage (%)"] * (2 * n),
            "waardetype": ["maximum bouwhoogte (m)"] * n + ["maximum bebouwingspercentage (%)"] * n,
            "waarde": np.r_[hoogte, pct],
            "planidentificatie": np.r_[plan, plan],
        },
        np.r_[vlak, vlak],
    )
    groep = sel["bestemmingshoofdgroep"].to_numpy()
    draw = rng.uniform(0, 1, n)
    cat = rng.choice(["bedrijf tot en met categorie 3.1", "bedrijf tot en met categorie 2"], n)
    naam = np.where(
        np.isin(groep, ["bedrijf", "bedrijventerrein"]) & (draw < 0.5),
        cat,
        np.where((groep == "kantoor") & (draw < 0.3), "kantoor", ""),
    )
    has = naam != ""
    functie = _frame(
        {"naam": naam[has], "planidentificatie": plan[has]}, sel.geometry.to_numpy()[has]
    )
    return {"Bouwvlak": bouwvlak, "Maatvoering": maat, "Functieaanduiding": functie}


def plan_lagen(bestemmingen: gpd.GeoDataFrame, seed: int) -> dict[str, gpd.GeoDataFrame]:
    """The demo's plan layers next to the enkelbestemmingen, in writing order."""
    rng = _rng(seed, "planlagen")
    gebied = _gebied(bestemmingen, rng)
    dubbel = _dubbel(bestemmingen, gebied, rng)
    bouw = _bouw(bestemmingen, rng)
    return {
        "Bestemmingsplangebied": gebied,
        "Dubbelbestemming": dubbel,
        "Functieaanduiding": bouw["Functieaanduiding"],
        "Bouwvlak": bouw["Bouwvlak"],
        "Maatvoering": bouw["Maatvoering"],
    }
