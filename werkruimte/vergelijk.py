"""Two runs side by side: which parcels became candidates, which dropped out, and why.

:func:`vergelijk` is pure: it takes two :class:`~werkruimte.run.Run` objects (two
scenarios, or last year's and this year's run) and returns a :class:`Vergelijking`
with

- ``percelen``: every parcel that is a candidate in either run, ``wijziging`` ∈
  {``erbij``, ``eraf``, ``gebleven``}, both scores, profiles and cluster ids;
- ``clusters``: the schuifruimte clusters of both runs (column ``run``);
- ``samenvatting``: per gemeente (and ``regio``) the candidates and ha in A and B, the
  erbij/eraf counts and ha (from ``oppervlakte_m2``), the schuifruimte ha in A and B;
- ``driedeling``: every werklocatie with its class in A and B (``gewijzigd``);
- ``instellingen``: the settings (dotted keys) that differ between the two manifests.

:func:`schrijf_vergelijking` writes ``vergelijking.gpkg`` (layers ``percelen`` and
``clusters``), ``vergelijking.xlsx``, ``vergelijking.json`` and the map
``vergelijking.html`` (:func:`werkruimte.kaart.wijzigingen.wijzigingenkaart`: erbij
green, eraf red, gebleven grey, the clusters of both runs) all-or-nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte.run import Run

__all__ = [
    "WIJZIGINGEN",
    "Vergelijking",
    "instellingen_verschil",
    "schrijf_vergelijking",
    "vergelijk",
    "vergelijk_percelen",
]

WIJZIGINGEN = ("erbij", "eraf", "gebleven")
REGIO = "regio"
_PERCEEL_KOLOMMEN = ("score", "kandidaat", "profiel", "cluster_id")

#: Dutch column headers of the workbook; ``{a}``/``{b}`` become the run labels.
KOPPEN = {
    "gemeente": "gemeente",
    "kandidaten_a": "kandidaten {a}",
    "ha_a": "ha kandidaten {a}",
    "kandidaten_b": "kandidaten {b}",
    "ha_b": "ha kandidaten {b}",
    "erbij": "erbij (aantal)",
    "erbij_ha": "erbij (ha)",
    "eraf": "eraf (aantal)",
    "eraf_ha": "eraf (ha)",
    "gebleven": "gebleven (aantal)",
    "schuifruimte_ha_a": "schuifruimte ha {a}",
    "schuifruimte_ha_b": "schuifruimte ha {b}",
    "id": "id",
    "naam": "naam",
    "soort": "soort",
    "klasse_a": "klasse {a}",
    "klasse_b": "klasse {b}",
    "gewijzigd": "gewijzigd",
    "regel_a": "regel {a}",
    "regel_b": "regel {b}",
    "reden_b": "reden {b}",
    "sleutel": "instelling",
    "waarde_a": "waarde {a}",
    "waarde_b": "waarde {b}",
}


@dataclass(frozen=True)
class Vergelijking:
    """The comparison of two runs; see the module docstring for the tables."""

    namen: tuple[str, str]
    runs: tuple[str, str]
    percelen: gpd.GeoDataFrame = field(repr=False)
    clusters: gpd.GeoDataFrame = field(repr=False)
    samenvatting: pd.DataFrame = field(repr=False)
    driedeling: pd.DataFrame = field(repr=False)
    instellingen: pd.DataFrame = field(repr=False)
    fictief: bool = False

    def regio(self) -> dict[str, Any]:
        """The region's totals (the ``regio`` row of ``samenvatting``)."""
        return records(self.samenvatting[self.samenvatting["gemeente"] == REGIO])[0]

    def as_dict(self) -> dict[str, Any]:
        """The numbers as JSON-able dict (no geometry)."""
        is_regio = self.samenvatting["gemeente"] == REGIO
        changed = self.driedeling[self.driedeling["gewijzigd"]] if len(self.driedeling) else None
        return {
            "runs": {"a": self.runs[0], "b": self.runs[1]},
            "namen": {"a": self.namen[0], "b": self.namen[1]},
            "regio": self.regio(),
            "per_gemeente": records(self.samenvatting[~is_regio]),
            "wijzigingen": {w: int((self.percelen["wijziging"] == w).sum()) for w in WIJZIGINGEN},
            "driedeling_gewijzigd": [] if changed is None else records(changed),
            "instellingen": records(self.instellingen),
        }


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    plain = pd.DataFrame(frame)
    if isinstance(frame, gpd.GeoDataFrame):
        plain = plain.drop(columns=[frame.geometry.name])
    for col in plain.columns:
        if pd.api.types.is_float_dtype(plain[col]):
            plain[col] = plain[col].round(4)
    clean = plain.astype(object).where(plain.notna(), None)
    return [{str(k): _scalar(v) for k, v in r.items()} for r in clean.to_dict(orient="records")]


def _scalar(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def _kandidaat(frame: pd.DataFrame) -> np.ndarray:
    return frame["kandidaat"].astype("boolean").fillna(False).to_numpy(dtype=bool)


def vergelijk_percelen(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The parcels that are a candidate in ``a`` or ``b``, with what changed.

    Parcels are matched on ``perceel_id``; a parcel only in one run counts as not a
    candidate in the other. Scores and profiles come from both runs, also where the
    parcel was no candidate (an ``erbij`` parcel shows its score in A).

    Parameters
    ----------
    a, b
        Scored parcels (``perceel_id``, ``gemeente``, ``oppervlakte_m2``, ``score``,
        ``kandidaat``, ``profiel``, ``cluster_id``, geometry).

    Returns
    -------
    geopandas.GeoDataFrame
        ``perceel_id``, ``gemeente``, ``oppervlakte_m2`` (of B, else A),
        ``wijziging`` (``erbij``: candidate in B only; ``eraf``: in A only;
        ``gebleven``: in both), ``kandidaat_a/_b``, ``score_a/_b``, ``profiel_a/_b``,
        ``cluster_id_a/_b``, geometry (of B, else A); in A's order, then B's.
    """
    cols = ["perceel_id", "gemeente", "oppervlakte_m2", *_PERCEEL_KOLOMMEN]
    left = pd.DataFrame(a[[c for c in cols if c in a.columns]]).assign(_geom_a=a.geometry.values)
    right = pd.DataFrame(b[[c for c in cols if c in b.columns]]).assign(_geom_b=b.geometry.values)
    # Every parcel that is a candidate in A or B, with its score in both runs (also
    # where it was no candidate).
    ids = pd.concat(
        [left.loc[_kandidaat(left), "perceel_id"], right.loc[_kandidaat(right), "perceel_id"]]
    )
    left = left.loc[left["perceel_id"].isin(ids).to_numpy()]
    right = right.loc[right["perceel_id"].isin(ids).to_numpy()]
    left = left.assign(_pos_a=np.arange(len(left)))
    right = right.assign(_pos_b=np.arange(len(right)))
    m = left.merge(right, on="perceel_id", how="outer", suffixes=("_a", "_b"), sort=False)
    # An outer merge sorts the keys; keep A's order, then B's.
    m = m.sort_values(["_pos_a", "_pos_b"], na_position="last", kind="stable")
    m = m.reset_index(drop=True)
    in_a = m["kandidaat_a"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    in_b = m["kandidaat_b"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    for side in ("a", "b"):
        m[f"kandidaat_{side}"] = in_a if side == "a" else in_b
    wijziging = np.where(in_a & in_b, "gebleven", np.where(in_b, "erbij", "eraf"))
    out = pd.DataFrame(
        {
            "perceel_id": m["perceel_id"].astype("string"),
            "gemeente": m["gemeente_b"].fillna(m["gemeente_a"]).astype("string"),
            "oppervlakte_m2": m["oppervlakte_m2_b"].fillna(m["oppervlakte_m2_a"]).astype(float),
            "wijziging": pd.Series(wijziging, index=m.index, dtype="string"),
        }
    )
    for col in _PERCEEL_KOLOMMEN:
        for side in ("a", "b"):
            name = f"{col}_{side}"
            out[name] = m[name] if name in m.columns else pd.NA
    for side in ("a", "b"):
        out[f"cluster_id_{side}"] = (
            pd.to_numeric(out[f"cluster_id_{side}"], errors="coerce").fillna(-1).astype("int64")
        )
        out[f"profiel_{side}"] = out[f"profiel_{side}"].astype("string")
        out[f"score_{side}"] = pd.to_numeric(out[f"score_{side}"], errors="coerce")
    geom = m["_geom_b"].where(m["_geom_b"].notna(), m["_geom_a"])
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(geom.values, crs=b.crs).values, crs=b.crs)


def _per_gemeente(vp: gpd.GeoDataFrame, a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    ha = vp["oppervlakte_m2"] / 1e4
    g = vp["gemeente"]
    w = vp["wijziging"]

    def som(mask: pd.Series, what: pd.Series | None = None) -> pd.Series:
        values = (what if what is not None else pd.Series(1.0, index=vp.index))[mask]
        return values.groupby(g[mask]).sum()

    cols = {
        "kandidaten_a": som(vp["kandidaat_a"]),
        "ha_a": som(vp["kandidaat_a"], ha),
        "kandidaten_b": som(vp["kandidaat_b"]),
        "ha_b": som(vp["kandidaat_b"], ha),
        "erbij": som(w == "erbij"),
        "erbij_ha": som(w == "erbij", ha),
        "eraf": som(w == "eraf"),
        "eraf_ha": som(w == "eraf", ha),
        "gebleven": som(w == "gebleven"),
        "schuifruimte_ha_a": _schuifruimte_ha(a),
        "schuifruimte_ha_b": _schuifruimte_ha(b),
    }
    names = sorted(
        {str(x) for s in (a["gemeente"], b["gemeente"]) for x in s.dropna().unique()}
        - {"buiten regio"}
    )
    out = pd.DataFrame(cols).reindex(names).fillna(0.0)
    out.loc[REGIO] = out.sum(axis=0)
    for col in ("kandidaten_a", "kandidaten_b", "erbij", "eraf", "gebleven"):
        out[col] = out[col].astype("int64")
    out.index.name = "gemeente"
    return out.reset_index()


def _schuifruimte_ha(percelen: pd.DataFrame) -> pd.Series:
    if "cluster_id" not in percelen.columns:
        return pd.Series(dtype="float64")
    cid = pd.to_numeric(percelen["cluster_id"], errors="coerce").fillna(-1)
    inside = (cid >= 0).to_numpy()
    ha = pd.to_numeric(percelen["oppervlakte_m2"], errors="coerce")[inside] / 1e4
    return ha.groupby(percelen["gemeente"].astype("string")[inside]).sum()


def vergelijk_driedeling(a: pd.DataFrame | None, b: pd.DataFrame | None) -> pd.DataFrame:
    """Every werklocatie of either run with its class in A and B.

    Parameters
    ----------
    a, b
        Driedeling tables (``id``, ``naam``, ``soort``, ``gemeente``, ``klasse``,
        ``regel``, ``reden``), or None when a run has none.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``naam``, ``soort``, ``gemeente``, ``klasse_a``, ``klasse_b``,
        ``gewijzigd`` (bool), ``regel_a``, ``regel_b``, ``reden_b``; changed ones first.
    """
    cols = ["id", "naam", "soort", "gemeente", "klasse", "regel", "reden"]
    empty = pd.DataFrame({c: pd.Series(dtype="string") for c in cols})

    def prep(t: pd.DataFrame | None) -> pd.DataFrame:
        if t is None:
            return empty
        t = pd.DataFrame(t).reindex(columns=cols)
        return t.astype({c: "string" for c in cols})

    m = prep(a).merge(prep(b), on=["soort", "id"], how="outer", suffixes=("_a", "_b"))
    out = pd.DataFrame(
        {
            "id": m["id"],
            "naam": m["naam_b"].fillna(m["naam_a"]),
            "soort": m["soort"],
            "gemeente": m["gemeente_b"].fillna(m["gemeente_a"]),
            "klasse_a": m["klasse_a"],
            "klasse_b": m["klasse_b"],
            "gewijzigd": (m["klasse_a"].fillna("") != m["klasse_b"]).fillna(True).astype(bool),
            "regel_a": m["regel_a"],
            "regel_b": m["regel_b"],
            "reden_b": m["reden_b"],
        }
    )
    out = out.sort_values(["gewijzigd", "gemeente", "naam"], ascending=[False, True, True])
    return out.reset_index(drop=True)


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for k, v in data.items():
            out.update(_flatten(v, f"{prefix}{k}."))
        if not data and prefix:
            out[prefix[:-1]] = {}
        return out
    return {prefix[:-1]: data}


def instellingen_verschil(a: dict[str, Any], b: dict[str, Any]) -> pd.DataFrame:
    """The settings that differ between two nested settings dicts.

    Parameters
    ----------
    a, b
        Nested settings (``manifest["instellingen"]`` or ``Config.data``).

    Returns
    -------
    pandas.DataFrame
        ``sleutel`` (dotted, e.g. ``criteria.profielen.schuifruimte.gewichten.ov``),
        ``waarde_a``, ``waarde_b`` (JSON text; empty when the key is absent), sorted
        by key.
    """
    fa, fb = _flatten(a), _flatten(b)
    keys = sorted(k for k in fa.keys() | fb.keys() if fa.get(k, _MISSING) != fb.get(k, _MISSING))

    def text(d: dict[str, Any], k: str) -> str:
        return json.dumps(d[k], ensure_ascii=False) if k in d else ""

    return pd.DataFrame(
        {
            "sleutel": pd.Series(keys, dtype="string"),
            "waarde_a": pd.Series([text(fa, k) for k in keys], dtype="string"),
            "waarde_b": pd.Series([text(fb, k) for k in keys], dtype="string"),
        }
    )


_MISSING = object()


def vergelijk(a: Run, b: Run, *, namen: tuple[str, str] = ("A", "B")) -> Vergelijking:
    """Compare two runs (two scenarios, or two years).

    Parameters
    ----------
    a, b
        Runs read with :func:`werkruimte.run.lees_run`; B is compared against A.
    namen
        Labels of the two runs in tables and headers.

    Returns
    -------
    Vergelijking
        See the module docstring.
    """
    pa, pb = a.percelen(), b.percelen()
    vp = vergelijk_percelen(pa, pb)
    ca, cb = a.clusters(), b.clusters()
    clusters = pd.concat(
        [ca.assign(run=namen[0]), cb.assign(run=namen[1])], ignore_index=True, sort=False
    )
    clusters = gpd.GeoDataFrame(clusters, geometry=ca.geometry.name, crs=ca.crs or cb.crs)
    return Vergelijking(
        namen=namen,
        runs=(str(a.pad), str(b.pad)),
        percelen=vp,
        clusters=clusters,
        samenvatting=_per_gemeente(vp, pa, pb),
        driedeling=vergelijk_driedeling(a.driedeling(), b.driedeling()),
        instellingen=instellingen_verschil(
            a.manifest.get("instellingen", {}), b.manifest.get("instellingen", {})
        ),
        fictief=any("fictief" in str(r.manifest.get("gegevens") or "") for r in (a, b)),
    )


def koppen(frame: pd.DataFrame, namen: tuple[str, str]) -> pd.DataFrame:
    """``frame`` with Dutch headers from :data:`KOPPEN` (run labels filled in)."""
    mapping = {c: KOPPEN[c].format(a=namen[0], b=namen[1]) for c in frame.columns if c in KOPPEN}
    return frame.rename(columns=mapping)


def write_werkboek(bladen: dict[str, pd.DataFrame], path: str | os.PathLike[str]) -> None:
    """Write sheets (already with Dutch headers) to XLSX: bold header, frozen, autofilter."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from werkruimte.export.veilig import excel_writer

    with excel_writer(path) as writer:
        for name, frame in bladen.items():
            plain = pd.DataFrame(frame)
            if isinstance(frame, gpd.GeoDataFrame):
                plain = plain.drop(columns=[frame.geometry.name])
            for col in plain.columns:
                if pd.api.types.is_float_dtype(plain[col]):
                    plain[col] = plain[col].round(4)
            plain.to_excel(writer, sheet_name=name[:31], index=False)
            ws = writer.sheets[name[:31]]
            for cell in ws[1]:
                cell.font = Font(bold=True)
            ws.freeze_panes = "A2"
            if len(plain.columns):
                last = get_column_letter(len(plain.columns))
                ws.auto_filter.ref = f"A1:{last}{len(plain) + 1}"
            for i, col in enumerate(plain.columns, start=1):
                width = max([len(str(col)), *plain[col].astype("string").fillna("").str.len()])
                ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)


def write_laag(frame: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    import pyogrio

    out = frame.copy()
    for col in out.columns:
        if col != out.geometry.name and (
            isinstance(out[col].dtype, pd.StringDtype) or out[col].dtype == object
        ):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    pyogrio.write_dataframe(out, path, layer=layer, driver="GPKG", promote_to_multi=True)


def schrijf_vergelijking(v: Vergelijking, out: str | os.PathLike[str]) -> list[Path]:
    """Write ``vergelijking.gpkg``, ``.xlsx``, ``.json`` and ``.html`` into ``out``.

    All files or none: they are written through :func:`werkruimte.export.atomic_outputs`.

    Parameters
    ----------
    v
        Output of :func:`vergelijk`.
    out
        The output folder (created when missing).

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    from werkruimte import export
    from werkruimte.kaart.wijzigingen import wijzigingenkaart

    folder = Path(out)
    kaart = wijzigingenkaart(v.percelen, v.clusters, namen=v.namen, fictief=v.fictief)
    with export.atomic_outputs(folder) as tx:
        gpkg = tx.path(folder / "vergelijking.gpkg")
        write_laag(v.percelen, gpkg, "percelen")
        write_laag(v.clusters, gpkg, "clusters")
        write_werkboek(
            {
                "samenvatting": koppen(v.samenvatting, v.namen),
                "driedeling": koppen(v.driedeling, v.namen),
                "instellingen": koppen(v.instellingen, v.namen),
            },
            tx.path(folder / "vergelijking.xlsx"),
        )
        export.write_json(v.as_dict(), tx.path(folder / "vergelijking.json"))
        kaart.save(str(tx.path(folder / "vergelijking.html")))
        return tx.targets
