"""A run folder read back: what ``werkruimte kansenkaart --out RUN`` (or ``score``) wrote.

A run is read through its ``manifest.json``: the manifest lists the outputs (as the
absolute paths they were written to), and every output that was written into the run
folder must still be there. The folder may have been moved or copied since: outputs
are found by their path relative to the folder the manifest was written in. Outputs
outside the run folder (a ``--kaart`` elsewhere) are recorded but not required.

When the manifest carries ``uitvoer_sha256`` (path -> SHA-256 of each output), every
output is checked against it, so a run can prove it is the one reported on.

The layers are read lazily and cached; the accessors return copies, so callers may
change what they get without touching the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePath
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio

from werkruimte.errors import InputError

__all__ = ["Run", "lees_run"]

MANIFEST = "manifest.json"
PERCELEN = "percelen_scores.gpkg"
SCHUIFRUIMTE = "schuifruimte.gpkg"

_HINT_RUN = (
    "geef een map die 'werkruimte kansenkaart --out MAP' (of 'werkruimte score') heeft "
    "geschreven, of draai die opdracht opnieuw."
)


@dataclass(frozen=True)
class Run:
    """One run folder, read through its manifest.

    Attributes
    ----------
    pad
        The run folder.
    manifest
        The parsed ``manifest.json``.
    bestanden
        Output name (path relative to the run folder, e.g. ``"driedeling.csv"``) ->
        its path now.
    """

    pad: Path
    manifest: dict[str, Any] = field(repr=False)
    bestanden: dict[str, Path] = field(repr=False)

    @property
    def naam(self) -> str:
        """The folder name, for labels."""
        return self.pad.name

    def heeft(self, naam: str) -> bool:
        """Whether the run has output ``naam`` (e.g. ``"schuifruimte.gpkg"``)."""
        return naam in self.bestanden

    def bestand(self, naam: str) -> Path:
        """Path of output ``naam``; InputError naming the file when the run lacks it."""
        if naam not in self.bestanden:
            raise InputError(
                f"deze run heeft geen {naam} (de manifest noemt het niet).",
                path=self.pad / MANIFEST,
                hint="draai 'werkruimte kansenkaart --out MAP'; die schrijft alle uitvoer.",
            )
        return self.bestanden[naam]

    @cached_property
    def _percelen(self) -> gpd.GeoDataFrame:
        return _read_layer(self.bestand(PERCELEN), "percelen")

    @cached_property
    def _clusters(self) -> gpd.GeoDataFrame:
        return _read_layer(self.bestand(SCHUIFRUIMTE), "clusters")

    def percelen(self) -> gpd.GeoDataFrame:
        """The scored parcels (layer ``percelen`` of ``percelen_scores.gpkg``), a copy."""
        return self._percelen.copy()

    def clusters(self) -> gpd.GeoDataFrame:
        """The schuifruimte clusters (layer ``clusters``), a copy; empty without them."""
        if not self.heeft(SCHUIFRUIMTE):
            return gpd.GeoDataFrame(
                {"cluster_id": pd.Series(dtype="int64")}, geometry=[], crs="EPSG:28992"
            )
        return self._clusters.copy()

    def driedeling(self) -> pd.DataFrame | None:
        """The driedeling table (layer of ``schuifruimte.gpkg``, else the CSV), or None."""
        if self.heeft(SCHUIFRUIMTE):
            from werkruimte.schuifruimte import read_driedeling

            frame = read_driedeling(self.bestanden[SCHUIFRUIMTE])
            if frame is not None:
                return frame
        return self.tabel("driedeling")

    def tabel(self, naam: str) -> pd.DataFrame | None:
        """A CSV output (``middensegment``, ``glasvezelgaten``, ``driedeling``), or None."""
        key = f"{naam}.csv"
        if key not in self.bestanden:
            return None
        return pd.read_csv(self.bestanden[key], sep=";", decimal=",", encoding="utf-8-sig")


def _read_layer(path: Path, layer: str) -> gpd.GeoDataFrame:
    try:
        layers = pyogrio.list_layers(path)[:, 0]
    except Exception as exc:  # pyogrio raises DataSourceError for non-GeoPackages
        raise InputError(f"geen leesbare GeoPackage ({exc}).", path=path, hint=_HINT_RUN) from exc
    if layer not in layers:
        raise InputError(
            f"laag ontbreekt; gevonden: {', '.join(map(str, layers)) or '(geen)'}.",
            path=path,
            layer=layer,
            hint=_HINT_RUN,
        )
    return pyogrio.read_dataframe(path, layer=layer, use_arrow=True)


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise InputError("de run-map bestaat niet.", path=folder, hint=_HINT_RUN)
    if not path.is_file():
        raise InputError(
            "geen manifest.json in deze map: dit is geen run-map.", path=path, hint=_HINT_RUN
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"manifest.json is geen geldige JSON ({exc}).", path=path, hint=_HINT_RUN
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("uitvoer"), list):
        raise InputError(
            "manifest.json heeft geen lijst 'uitvoer'; dit is geen manifest van werkruimte.",
            path=path,
            hint=_HINT_RUN,
        )
    return data


def _origin(listed: list[PurePath]) -> PurePath | None:
    """The folder the run was written to: where its manifest (or parcels) went."""
    for name in (MANIFEST, PERCELEN):
        for p in listed:
            if p.name == name:
                return p.parent
    return listed[0].parent if listed else None


def _relative(p: PurePath, origin: PurePath | None) -> str | None:
    if not p.is_absolute():
        return p.as_posix()
    if origin is None:
        return None
    try:
        return p.relative_to(origin).as_posix()
    except ValueError:
        return None


def _outputs(folder: Path, data: dict[str, Any]) -> dict[str, Path]:
    """Output name -> path now; InputError for an output of the folder that is gone."""
    listed = [PurePath(str(p)) for p in data["uitvoer"]]
    origin = _origin(listed)
    found: dict[str, Path] = {}
    missing: list[str] = []
    for p in listed:
        rel = _relative(p, origin)
        if rel is None:  # written outside the run folder (e.g. --kaart elsewhere)
            continue
        now = folder / rel
        if now.exists():
            found[rel] = now
        else:
            missing.append(rel)
    if missing:
        raise InputError(
            f"de run is onvolledig: {', '.join(missing)} ontbreekt (de manifest noemt "
            "het als uitvoer).",
            path=folder / missing[0],
            hint="kopieer de hele run-map, of draai 'werkruimte kansenkaart --out MAP' opnieuw.",
        )
    if PERCELEN not in found:
        raise InputError(
            f"de manifest noemt geen {PERCELEN}; zonder gescoorde percelen is er niets te "
            "vergelijken.",
            path=folder / MANIFEST,
            hint=_HINT_RUN,
        )
    return found


def _check_sha256(folder: Path, data: dict[str, Any], found: dict[str, Path]) -> None:
    """Compare every output with ``uitvoer_sha256`` of the manifest, when it has one."""
    from werkruimte.export import sha256

    sums = data.get("uitvoer_sha256") or {}
    if not isinstance(sums, dict):
        return
    origin = _origin([PurePath(str(p)) for p in data["uitvoer"]])
    for listed, expected in sums.items():
        rel = _relative(PurePath(str(listed)), origin)
        if rel is None or rel not in found:
            continue
        actual = sha256(found[rel])
        if actual != expected:
            raise InputError(
                f"de inhoud wijkt af van de manifest (SHA-256 {actual[:12]}…, verwacht "
                f"{str(expected)[:12]}…): het bestand is na de run veranderd.",
                path=found[rel],
                hint="gebruik de oorspronkelijke uitvoer of draai de run opnieuw.",
            )


def lees_run(pad: str | Path, *, controleer: bool = True) -> Run:
    """Read a run folder through its ``manifest.json``.

    Parameters
    ----------
    pad
        The folder ``werkruimte kansenkaart --out`` (or ``score --out``) wrote.
    controleer
        Check each output against ``uitvoer_sha256`` in the manifest (when present).

    Returns
    -------
    Run
        The manifest and the paths of its outputs; layers are read on first use.

    Raises
    ------
    InputError
        When the folder or its manifest is missing or unreadable, when an output the
        manifest lists is gone, when there are no scored parcels, or when an output's
        SHA-256 differs from the manifest. The message names the file and the fix.
    """
    folder = Path(pad)
    data = _read_manifest(folder)
    found = _outputs(folder, data)
    if controleer:
        _check_sha256(folder, data, found)
    return Run(pad=folder.resolve(), manifest=data, bestanden=found)
