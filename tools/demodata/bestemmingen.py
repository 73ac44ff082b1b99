"""IMRO2012 Enkelbestemmingen of the demo region and the GML extract of one plan."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from tools.demodata.ov import _bus_routes
from tools.demodata.regio import (
    _A1,
    _A27,
    _BESTEMMING_NAAM,
    _GML_PLAN,
    _GRID,
    _RD,
    _SPOOR,
    BRON,
    _blob,
    _groups,
    _polygons_only,
    _rng,
)

# --------------------------------------------------------------------------------------
# Bestemmingsplannen (IMRO2012 Enkelbestemming)
# --------------------------------------------------------------------------------------

_WERK_BLOB_KEUZE = (
    ("bedrijf", 0.2),
    ("kantoor", 0.15),
    ("dienstverlening", 0.15),
    ("gemengd", 0.15),
    ("maatschappelijk", 0.1),
    ("groen", 0.1),
    ("tuin", 0.05),
    ("detailhandel", 0.05),
    ("horeca", 0.05),
)
_CENTRUM_KEUZE = (
    "detailhandel",
    "horeca",
    "dienstverlening",
    "cultuur en ontspanning",
    "gemengd",
    "maatschappelijk",
)
_STATION_KEUZE = ("kantoor", "gemengd", "centrum", "dienstverlening", "kantoor", "wonen", "gemengd")


def _random_points_in(geom: BaseGeometry, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` uniform random points inside ``geom`` (rejection sampling, vectorised)."""
    x0, y0, x1, y1 = geom.bounds
    out = np.empty((0, 2))
    while len(out) < n:
        cand = rng.uniform((x0, y0), (x1, y1), (max(64, 4 * n), 2))
        cand = cand[shapely.contains_xy(geom, cand[:, 0], cand[:, 1])]
        out = np.vstack([out, cand])
    return out[:n]


def _bestemming_extras(zones: gpd.GeoDataFrame, seed: int) -> list[tuple[BaseGeometry, str, str]]:
    """Bestemming areas that do not follow the parcel zones, in order of priority."""
    rng = _rng(seed, "bestemming")
    extras: list[tuple[BaseGeometry, str, str]] = []
    for line in (_A1, _A27):
        extras.append(
            (shapely.buffer(shapely.LineString(line), 30.0), "verkeer", "Verkeer - Hoofdweg")
        )
    for spoor in _SPOOR:
        extras.append(
            (shapely.buffer(shapely.LineString(spoor), 12.0), "verkeer", "Verkeer - Railverkeer")
        )
    for route in _bus_routes():
        extras.append((shapely.buffer(shapely.LineString(route.punten), 8.0), "verkeer", "Verkeer"))
    for z in zones[zones["zone"] == "station"].itertuples():
        c = z.geometry.centroid
        seeds = _random_points_in(z.geometry, 7, rng)
        cells = shapely.get_parts(
            shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=shapely.buffer(c, 2000))
        )
        labels = rng.permutation(_STATION_KEUZE)
        for cell, label in zip(cells, labels, strict=False):
            extras.append(
                (shapely.intersection(cell, z.geometry), str(label), _BESTEMMING_NAAM[str(label)])
            )
    for z in zones[zones["zone"] == "centrum"].itertuples():
        n = 2 + int(z.geometry.area > 60000) * 3
        for (x, y), label in zip(
            _random_points_in(z.geometry, n, rng), rng.choice(_CENTRUM_KEUZE, n), strict=True
        ):
            extras.append(
                (_blob(x, y, rng.uniform(25, 60), rng), str(label), _BESTEMMING_NAAM[str(label)])
            )
    keys = [k for k, _ in _WERK_BLOB_KEUZE]
    probs = np.array([p for _, p in _WERK_BLOB_KEUZE])
    wonen = zones[zones["zone"].isin(["wonen", "villa"])].dissolve("kern")
    for geom in wonen.geometry:
        n = max(2, round(geom.area / 1e6 * 7))
        for (x, y), label in zip(
            _random_points_in(geom, n, rng), rng.choice(keys, n, p=probs / probs.sum()), strict=True
        ):
            extras.append(
                (_blob(x, y, rng.uniform(35, 85), rng), str(label), _BESTEMMING_NAAM[str(label)])
            )
    for z in zones[zones["zone"] == "lint"].itertuples():
        for x, y in _random_points_in(z.geometry, 3, rng):
            extras.append((_blob(x, y, rng.uniform(40, 80), rng), "wonen", "Wonen - Lint"))
    return extras


def _bestemmingen(zones: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    """IMRO2012 enkelbestemmingen covering the whole region without gaps or overlaps."""
    terrein = shapely.union_all(zones.geometry[zones["zone"] == "terrein"].to_numpy())
    raw = _bestemming_extras(zones, seed)
    first = shapely.difference(
        np.array([g for g, _, _ in raw], dtype=object), terrein, grid_size=_GRID
    )
    # An extra loses the parts that an earlier (higher-priority) extra already covers.
    a, b = shapely.STRtree(first).query(first, predicate="intersects")
    resolved = first.copy()
    for i, js in _groups(a[b < a], b[b < a]):
        resolved[i] = shapely.difference(
            first[i], shapely.union_all(first[js], grid_size=_GRID), grid_size=_GRID
        )
    resolved = np.array([_polygons_only(g) for g in resolved], dtype=object)
    keep = ~shapely.is_empty(resolved)
    extra = resolved[keep]
    attrs = [(h, n) for (_, h, n), k in zip(raw, keep, strict=True) if k]
    base = zones.geometry.to_numpy()
    bi, ei = shapely.STRtree(extra).query(base, predicate="intersects")
    rest = base.copy()
    for i, js in _groups(bi, ei):
        rest[i] = shapely.difference(
            base[i], shapely.union_all(extra[js], grid_size=_GRID), grid_size=_GRID
        )
    inter = shapely.intersection(base[bi], extra[ei], grid_size=_GRID)
    frame = pd.DataFrame(
        {
            "gm": np.r_[zones["gm"].to_numpy(), zones["gm"].to_numpy()[bi]],
            "planidentificatie": np.r_[zones["plan"].to_numpy(), zones["plan"].to_numpy()[bi]],
            "bestemmingshoofdgroep": np.r_[
                zones["hoofdgroep"].to_numpy(), np.array([attrs[i][0] for i in ei], dtype=object)
            ],
            "naam": np.r_[
                zones["naam"].to_numpy(), np.array([attrs[i][1] for i in ei], dtype=object)
            ],
            "geometry": np.r_[rest, inter],
        }
    )
    keys = ["gm", "planidentificatie", "bestemmingshoofdgroep", "naam"]
    labels: list[tuple[str, ...]] = []
    parts_list: list[np.ndarray] = []
    for key, grp in frame.groupby(keys, sort=True):
        merged = _polygons_only(shapely.union_all(grp["geometry"].to_numpy(), grid_size=_GRID))
        parts = shapely.get_parts(merged)
        parts = parts[shapely.area(parts) > 0.0]
        labels += [tuple(str(v) for v in key)] * len(parts)
        parts_list.append(parts)
    out = pd.DataFrame(labels, columns=keys)
    out["geometry"] = np.concatenate(parts_list)
    rp = shapely.point_on_surface(out["geometry"].to_numpy())
    out["_x"], out["_y"] = shapely.get_x(rp), -shapely.get_y(rp)
    out = out.sort_values(["planidentificatie", "_y", "_x"]).reset_index(drop=True)
    nr = out.groupby("planidentificatie").cumcount() + 1
    out["identificatie"] = out["planidentificatie"] + ".EB" + nr.map("{:04d}".format)
    out["typePlanobject"] = "enkelbestemming"
    out["bron"] = BRON
    cols = [
        "identificatie",
        "naam",
        "bestemmingshoofdgroep",
        "planidentificatie",
        "typePlanobject",
        "bron",
    ]
    gdf = gpd.GeoDataFrame(out[cols], geometry=out["geometry"].to_numpy(), crs=_RD)
    gdf.geometry = shapely.orient_polygons(gdf.geometry.to_numpy())
    return gdf


def _imro_gml(bestemmingen: gpd.GeoDataFrame, seed: int) -> str:
    """A small IMRO2012 GML (GML 3.2) file for the Hilversum stationsgebied plan."""
    plan = bestemmingen[bestemmingen["planidentificatie"] == _GML_PLAN]
    gebied = shapely.orient_polygons(shapely.union_all(plan.geometry.to_numpy(), grid_size=_GRID))
    plan_lokaal = _GML_PLAN.removeprefix("NL.IMRO.").removesuffix("-VA01")

    def poslist(ring: BaseGeometry) -> str:
        xy = shapely.get_coordinates(ring)
        return " ".join(f"{x:.2f} {y:.2f}" for x, y in xy)

    def surface(geom: BaseGeometry, gid: str, indent: str) -> str:
        lines = [
            f'{indent}<gml:Surface gml:id="{gid}" srsName="urn:ogc:def:crs:EPSG::28992">',
            f"{indent}   <gml:patches>",
        ]
        for poly in shapely.get_parts(geom):
            lines.append(f"{indent}      <gml:PolygonPatch>")
            rings = [("exterior", poly.exterior)] + [("interior", r) for r in poly.interiors]
            for tag, ring in rings:
                lines += [
                    f"{indent}         <gml:{tag}>",
                    f"{indent}            <gml:LinearRing>",
                    f"{indent}               <gml:posList>{poslist(ring)}</gml:posList>",
                    f"{indent}            </gml:LinearRing>",
                    f"{indent}         </gml:{tag}>",
                ]
            lines.append(f"{indent}      </gml:PolygonPatch>")
        lines += [f"{indent}   </gml:patches>", f"{indent}</gml:Surface>"]
        return "\n".join(lines)

    ind = "         "
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- FICTIEF: gegenereerd door werkruimte (demoregio Gooi en Vechtstreek, seed "
        f"{seed}). Dit is geen echt bestemmingsplan; alleen het formaat (IMRO2012) is echt. -->",
        '<imro:FeatureCollectionIMRO gml:id="NL.IMRO.FEATURECOLLECTION" '
        'xmlns:imro="http://www.geonovum.nl/imro/2012/1.1" '
        'xmlns:gml="http://www.opengis.net/gml/3.2" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xsi:schemaLocation="http://www.geonovum.nl/imro/2012/1.1 '
        'http://schemas.geonovum.nl/imro/2012/1.1/IMRO2012.xsd">',
        "   <imro:featureMember>",
        '      <imro:MetadataIMRObestand gml:id="NL.IMRO.METADATA">',
        "         <imro:datasetTitel>Stationsgebied (fictief)</imro:datasetTitel>",
        "         <imro:creatiedatum>2026-01-01</imro:creatiedatum>",
        "         <imro:bronbeheerder>werkruimte demoregio (fictief)</imro:bronbeheerder>",
        "         <imro:codeerVerantwoordelijke>werkruimte</imro:codeerVerantwoordelijke>",
        "         <imro:naamApplicatieschema>IMRO2012</imro:naamApplicatieschema>",
        "         <imro:codeReferentiesysteem>28992</imro:codeReferentiesysteem>",
        "         <imro:toepassingsschaal>1000</imro:toepassingsschaal>",
        "         <imro:applicatieIdentificatie>werkruimte.demodata</imro:applicatieIdentificatie>",
        "         <imro:versieXMLschema>1.1</imro:versieXMLschema>",
        "      </imro:MetadataIMRObestand>",
        "   </imro:featureMember>",
        "   <imro:featureMember>",
        f'      <imro:Bestemmingsplangebied gml:id="{_GML_PLAN}">',
        "         <imro:identificatie>",
        "            <imro:NEN3610ID>",
        "               <imro:namespace>NL.IMRO</imro:namespace>",
        f"               <imro:lokaalID>{plan_lokaal}</imro:lokaalID>",
        "               <imro:versie>VA01</imro:versie>",
        "            </imro:NEN3610ID>",
        "         </imro:identificatie>",
        "         <imro:typePlan>bestemmingsplan</imro:typePlan>",
        "         <imro:beleidsmatigVerantwoordelijkeOverheid>gemeentelijke overheid"
        "</imro:beleidsmatigVerantwoordelijkeOverheid>",
        "         <imro:naamOverheid>Gemeente Hilversum (fictief plan)</imro:naamOverheid>",
        "         <imro:overheidsCode>0402</imro:overheidsCode>",
        "         <imro:naam>Stationsgebied (fictief)</imro:naam>",
        "         <imro:locatieNaam>Stationsgebied</imro:locatieNaam>",
        "         <imro:planstatusInfo>",
        "            <imro:PlanstatusEnDatum>",
        "               <imro:planstatus>vastgesteld</imro:planstatus>",
        "               <imro:datum>2025-06-30</imro:datum>",
        "            </imro:PlanstatusEnDatum>",
        "         </imro:planstatusInfo>",
        "         <imro:verwijzingNorm>IMRO2012</imro:verwijzingNorm>",
        "         <imro:verwijzingNorm>PRBP2012</imro:verwijzingNorm>",
        "         <imro:geometrie>",
        surface(gebied, "id.plangebied.geometrie", ind + "   "),
        "         </imro:geometrie>",
        "      </imro:Bestemmingsplangebied>",
        "   </imro:featureMember>",
    ]
    artikel: dict[str, int] = {}
    for row in plan.sort_values("identificatie").itertuples():
        lokaal = str(row.identificatie).removeprefix("NL.IMRO.")
        art = artikel.setdefault(str(row.naam), len(artikel) + 1)
        label = shapely.point_on_surface(row.geometry)
        afk = "".join(w[0] for w in str(row.naam).replace("-", " ").split()).upper()
        out += [
            "   <imro:featureMember>",
            f'      <imro:Enkelbestemming gml:id="{row.identificatie}">',
            "         <imro:identificatie>",
            "            <imro:NEN3610ID>",
            "               <imro:namespace>NL.IMRO</imro:namespace>",
            f"               <imro:lokaalID>{lokaal}</imro:lokaalID>",
            "            </imro:NEN3610ID>",
            "         </imro:identificatie>",
            "         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>",
            f"         <imro:naam>{row.naam}</imro:naam>",
            f"         <imro:bestemmingshoofdgroep>{row.bestemmingshoofdgroep}"
            "</imro:bestemmingshoofdgroep>",
            f"         <imro:artikelnummer>{art}</imro:artikelnummer>",
            "         <imro:labelInfo>",
            "            <imro:Label>",
            f"               <imro:tekst>{afk}</imro:tekst>",
            "               <imro:positie>",
            "                  <imro:Labelpositie>",
            "                     <imro:plaatsingspunt>",
            '                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" '
            f'gml:id="id.{lokaal}.label">',
            f"                           <gml:pos>{label.x:.2f} {label.y:.2f}</gml:pos>",
            "                        </gml:Point>",
            "                     </imro:plaatsingspunt>",
            "                  </imro:Labelpositie>",
            "               </imro:positie>",
            "            </imro:Label>",
            "         </imro:labelInfo>",
            "         <imro:geometrie>",
            surface(row.geometry, f"id.{lokaal}.geometrie", ind + "   "),
            "         </imro:geometrie>",
            f'         <imro:plangebied xlink:href="#{_GML_PLAN}" />',
            "      </imro:Enkelbestemming>",
            "   </imro:featureMember>",
        ]
    out.append("</imro:FeatureCollectionIMRO>")
    return "\n".join(out) + "\n"
