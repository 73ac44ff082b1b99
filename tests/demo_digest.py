"""A fingerprint of the demo run's tables, to prove a refactoring changed no answer.

``digest(out_dir)`` reads the CSV outputs and every GeoPackage layer's attribute table
of a ``werkruimte kansenkaart`` run and returns, per table, the number of rows and one
SHA-256 per column (floats rounded to 6 decimals, geometry as WKB at millimetre
precision). Timestamps live only in ``manifest.json`` and the map, which are left out.

Regenerate the recorded fingerprint after an *intended* change of the demo answers::

    werkruimte kansenkaart --out /tmp/demo --kaart /tmp/demo/kaart.html --quiet
    python tests/demo_digest.py /tmp/demo > tests/data/demo_digest.json

and say in the commit message which columns changed and why.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyogrio
import shapely

CSV_FILES = ("driedeling.csv", "middensegment.csv", "glasvezelgaten.csv")
GPKG_FILES = ("percelen_scores.gpkg", "schuifruimte.gpkg", "potentie.gpkg")


def _column_hash(values: pd.Series) -> str:
    if pd.api.types.is_float_dtype(values.dtype):
        arr = np.round(values.to_numpy(dtype="float64", na_value=np.nan), 6)
        text = "\n".join("" if np.isnan(v) else repr(float(v)) for v in arr)
    else:
        text = "\n".join("" if pd.isna(v) else str(v) for v in values.tolist())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _geometry_hash(geoms: Any) -> str:
    arr = shapely.set_precision(np.asarray(geoms), 0.001)
    wkb = shapely.to_wkb(arr, hex=True)
    return hashlib.sha256("\n".join(map(str, wkb)).encode()).hexdigest()[:16]


def _table(frame: pd.DataFrame) -> dict[str, Any]:
    cols = {str(c): _column_hash(frame[c]) for c in frame.columns if c != "geometry"}
    if "geometry" in frame.columns:
        cols["geometry"] = _geometry_hash(frame["geometry"])
    return {"rijen": len(frame), "kolommen": cols}


def digest(out_dir: str | Path) -> dict[str, Any]:
    """Fingerprint of the CSV and GeoPackage tables in ``out_dir``."""
    out = Path(out_dir)
    result: dict[str, Any] = {}
    for name in CSV_FILES:
        frame = pd.read_csv(out / name, sep=";", decimal=",", encoding="utf-8-sig")
        result[name] = _table(frame)
    for name in GPKG_FILES:
        for layer, *_ in pyogrio.list_layers(out / name):
            if layer == "layer_styles":  # QGIS styles carry a timestamp
                continue
            frame = pyogrio.read_dataframe(out / name, layer=layer, use_arrow=True)
            result[f"{name}:{layer}"] = _table(pd.DataFrame(frame))
    return result


def differences(recorded: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """Every table or column of ``recorded`` that is missing or different in ``now``.

    Columns that are new in ``now`` are not differences: later work may add columns.
    """
    found = []
    for table, rec in recorded.items():
        cur = now.get(table)
        if cur is None:
            found.append(f"{table}: ontbreekt")
            continue
        if cur["rijen"] != rec["rijen"]:
            found.append(f"{table}: {cur['rijen']} rijen, was {rec['rijen']}")
        for col, h in rec["kolommen"].items():
            if col not in cur["kolommen"]:
                found.append(f"{table}.{col}: ontbreekt")
            elif cur["kolommen"][col] != h:
                found.append(f"{table}.{col}: andere waarden")
    return found


if __name__ == "__main__":
    print(json.dumps(digest(sys.argv[1]), indent=1, sort_keys=True))
