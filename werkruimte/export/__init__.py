"""Writers: atomic, all-or-nothing, and the run manifest.

All outputs of one run are first written into hidden temporary folders
(``.werkruimte-tmp-*``, one on each target's file system) and published together only
when every writer succeeded, the manifest last (see :func:`atomic_outputs`): readers
go by the manifest, so they see the previous run or the new one, never a mix. A
failed or interrupted run leaves the previous outputs intact; inputs are never
opened for writing (:mod:`werkruimte.export.veilig` checks the paths first).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import platform
import shutil
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import geopandas as gpd

from werkruimte.export import formaten, veilig

__all__ = [
    "Uitvoer",
    "atomic_file",
    "atomic_outputs",
    "manifest",
    "ruim_op",
    "sha256",
    "write_gpkg",
]

log = logging.getLogger(__name__)


TMP_PREFIX = ".werkruimte-tmp-"
MANIFEST = "manifest.json"


class Uitvoer:
    """A set of output files written together; see :func:`atomic_outputs`."""

    def __init__(self, anchor: Path, tmpdir: Path) -> None:
        self._anchor = anchor
        self._tmp = tmpdir
        self._tmps: dict[int, Path] = {anchor.stat().st_dev: tmpdir}
        self._targets: dict[Path, Path] = {}

    def path(self, target: str | os.PathLike[str]) -> Path:
        """Temporary path to write ``target`` to; moved into place on success.

        The target's folder is resolved, its name is not: a symlink named like an
        output is replaced by the output, never followed. A target on another file
        system than the anchor (``--kaart`` elsewhere) gets a temporary folder on its
        own file system, so that publishing is a rename there too.
        """
        final = _echte_plek(Path(target))
        if final in self._targets:
            return self._targets[final]
        tmpdir = self._tmp_voor(final)
        tmp = tmpdir / f"{len(self._targets):03d}_{final.name}"
        self._targets[final] = tmp
        return tmp

    def _tmp_voor(self, final: Path) -> Path:
        bestaand = _nearest_existing(final.parent)
        dev = bestaand.stat().st_dev
        if dev not in self._tmps:
            ruim_op(bestaand)
            self._tmps[dev] = _maak_tmp(bestaand)
        return self._tmps[dev]

    @property
    def targets(self) -> list[Path]:
        """Final paths of the files in this set."""
        return list(self._targets)

    def checksums(self) -> dict[str, str]:
        """SHA-256 of every output written so far, by its final path (for the manifest)."""
        return {str(final): sha256(tmp) for final, tmp in self._targets.items() if tmp.exists()}

    def _opruimen(self) -> None:
        for tmpdir in self._tmps.values():
            _sluit_tmp(tmpdir)

    def _commit(self) -> None:
        for final, tmp in self._targets.items():
            if not tmp.exists():
                raise FileNotFoundError(f"uitvoer {final.name} is niet geschreven")
        manifest_final = self._anchor / MANIFEST
        umask = os.umask(0)
        os.umask(umask)
        for final, tmp in self._targets.items():
            final.parent.mkdir(parents=True, exist_ok=True)
            # Writers that use mkstemp leave 0600; outputs get the usual permissions.
            tmp.chmod(0o666 & ~umask)
        order = [f for f in self._targets if f != manifest_final]
        if manifest_final in self._targets:
            order.append(manifest_final)
        with _zonder_onderbreking():
            _publiceer(order, self._targets, manifest_final, self._tmp)


def _echte_plek(path: Path) -> Path:
    """The absolute path with its folder resolved (symlinks followed), its name kept."""
    p = path.absolute()
    return p.parent.resolve() / p.name


def _nearest_existing(path: Path) -> Path:
    p = path.absolute()
    while not p.exists() and p != p.parent:
        p = p.parent
    return p


def _maak_tmp(folder: Path) -> Path:
    """A fresh temporary folder in ``folder``, locked (flock) while this run lives."""
    tmpdir = folder / f"{TMP_PREFIX}{uuid.uuid4().hex[:12]}"
    # Known before it exists: an interrupt right after mkdir still finds it to remove.
    _TMP_FDS[tmpdir] = -1
    tmpdir.mkdir(mode=0o700)
    fd = os.open(tmpdir, os.O_RDONLY)
    _TMP_FDS[tmpdir] = fd
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return tmpdir


def _sluit_tmp(tmpdir: Path) -> None:
    shutil.rmtree(tmpdir, ignore_errors=True)
    fd = _TMP_FDS.pop(tmpdir, None)
    if fd is not None and fd >= 0:
        os.close(fd)


#: Temporary folders of this process and the descriptor that holds their lock.
_TMP_FDS: dict[Path, int] = {}


def ruim_op(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary folders that killed runs left in ``folder``.

    A run keeps a ``flock`` on each of its temporary folders; a folder whose lock can
    be taken belongs to no living run and is removed.

    Returns
    -------
    list of pathlib.Path
        The folders removed.
    """
    weg: list[Path] = []
    base = Path(folder)
    if not base.is_dir():
        return weg
    for child in base.glob(f"{TMP_PREFIX}*"):
        if child.is_symlink() or not child.is_dir() or child in _TMP_FDS:
            continue
        try:
            fd = os.open(child, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue  # a living run
        try:
            shutil.rmtree(child, ignore_errors=True)
            weg.append(child)
        finally:
            os.close(fd)
    if weg:
        log.info("%d achtergebleven tijdelijke map(pen) opgeruimd in %s", len(weg), base)
    return weg


@contextmanager
def _zonder_onderbreking() -> Iterator[None]:
    """Hold back SIGINT/SIGTERM while the block runs; act on them afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    ontvangen: list[int] = []
    oud = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in oud:
        signal.signal(s, lambda signum, frame: ontvangen.append(signum))
    try:
        yield
    finally:
        for s, handler in oud.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
    if ontvangen:
        raise KeyboardInterrupt


def _publiceer(
    order: list[Path], targets: dict[Path, Path], manifest_final: Path, tmpdir: Path
) -> None:
    """Move the outputs into place, the manifest last; on any failure put all back.

    The old manifest goes first, so that while files are swapped the folder has no
    manifest and is not read as a run (readers go by the manifest).
    """
    backup = tmpdir / "_vorige"
    backup.mkdir(exist_ok=True)
    gedaan: list[tuple[Path, Path | None]] = []
    try:
        oud_manifest = manifest_final in targets and (
            manifest_final.exists() or manifest_final.is_symlink()
        )
        if oud_manifest:
            gedaan.append(
                (manifest_final, _bewaar(manifest_final, targets[manifest_final], backup))
            )
        for i, final in enumerate(order):
            if final != manifest_final:
                vorige = None
                if final.exists() or final.is_symlink():
                    vorige = _bewaar(final, targets[final], backup, nummer=i)
                gedaan.append((final, vorige))
            elif not oud_manifest:
                gedaan.append((final, None))
            os.replace(targets[final], final)
    except BaseException:
        veilig.zet_toestand(_terugzetten(gedaan))
        raise
    veilig.zet_toestand(veilig.NIEUW)


def _bewaar(final: Path, tmp: Path, backup: Path, nummer: int = -1) -> Path:
    """Move the previous ``final`` aside (into ``backup`` when on one file system)."""
    if final.is_dir() and not final.is_symlink():
        raise IsADirectoryError(
            errno.EISDIR, "er staat een map waar uitvoer moet komen", str(final)
        )
    plek = (backup if tmp.parent == backup.parent else tmp.parent) / f"{nummer:03d}_{final.name}"
    os.replace(final, plek)
    return plek


def _terugzetten(gedaan: list[tuple[Path, Path | None]]) -> str:
    """Undo a partial publication; returns the state as a Dutch sentence."""
    try:
        for final, vorige in reversed(gedaan):
            if vorige is None:
                final.unlink(missing_ok=True)
            else:
                os.replace(vorige, final)
    except OSError:
        log.exception("terugzetten van de vorige uitvoer mislukt")
        return veilig.ONVOLLEDIG
    return veilig.TERUGGEZET if gedaan else veilig.ONGEWIJZIGD


@contextmanager
def atomic_outputs(anchor: str | os.PathLike[str]) -> Iterator[Uitvoer]:
    """Write several outputs all or nothing.

    Every output goes to a temporary folder on its own file system (the anchor's, or
    for a target elsewhere, e.g. ``--kaart``, one next to it). Only when every writer
    succeeded are they published: the old ``manifest.json`` is moved aside first, then
    each output replaces its predecessor (``os.replace``; a symlink named like an
    output is replaced, not followed), the new manifest, which names the outputs of
    its run, last. Readers go by the manifest
    (:func:`werkruimte.run.lees_run`), so they see the old run, no run, or the new
    run, never a mix. SIGINT and SIGTERM wait during the renames; a failure puts the
    previous files back. The anchor folder is locked (:func:`veilig.vergrendel`)
    against a second run, and temporary folders that killed runs left are removed.

    Parameters
    ----------
    anchor
        The output folder; created when missing.

    Yields
    ------
    Uitvoer
        Ask it ``.path(final_path)`` for where to write each output.

    Examples
    --------
    >>> with atomic_outputs("output") as out:  # doctest: +SKIP
    ...     frame.to_csv(out.path("output/tabel.csv"))
    """
    base = Path(anchor).absolute()
    base.mkdir(parents=True, exist_ok=True)
    base = base.resolve()
    veilig.zet_toestand(veilig.ONGEWIJZIGD)
    with veilig.slot(base):
        ruim_op(base)
        out: Uitvoer | None = None
        try:
            out = Uitvoer(base, _maak_tmp(base))
            yield out
            out._commit()
        finally:
            if out is not None:
                out._opruimen()
            # Also a folder whose creation an interrupt cut short (see _maak_tmp).
            for tmpdir in [t for t in _TMP_FDS if t.parent == base]:
                _sluit_tmp(tmpdir)


@contextmanager
def atomic_file(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Write one file (a cache entry, a fetched source, a config) all-or-nothing.

    Yields a temporary path next to ``target``; when the block ends without an
    exception the file is moved into place with one ``os.replace``, else it is removed.

    Parameters
    ----------
    target
        The final path; its folder is created when missing.

    Yields
    ------
    pathlib.Path
        Where to write.
    """
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        yield tmp
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


def write_gpkg(gdf: gpd.GeoDataFrame, path: str | os.PathLike[str], *, layer: str) -> None:
    """Write one layer to a (new) GeoPackage with pyogrio/Arrow.

    The columns go to GDAL as Arrow arrays (``use_arrow=True``): text columns (the
    uitleg is most of a scored table) are not turned into a Python string per row,
    which makes writing 100 000 scored parcels about 2.5 times as fast. Missing
    values (NA, None, NaN in text columns) become NULL, as before. A large frame goes
    in blocks (:func:`werkruimte.export.formaten.write_ogr_in_blokken`), which bounds
    the memory of the copy GDAL gets.
    """
    formaten.write_ogr_in_blokken(gdf, path, layer=layer)


def sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file, or of every file in a folder (sorted, names included)."""
    p = Path(path)
    h = hashlib.sha256()
    files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
    for f in files:
        if p.is_dir():
            h.update(str(f.relative_to(p)).encode())
        with f.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


_VERSIONS = (
    "werkruimte",
    "geopandas",
    "shapely",
    "pyogrio",
    "pyproj",
    "rasterio",
    "exactextract",
    "scikit-learn",
    "gtfs-kit",
    "folium",
    "numpy",
    "pandas",
)


def manifest(
    *,
    config: Any,
    inputs: dict[str, Path | None],
    outputs: list[Path],
    timings: dict[str, float],
    extra: dict[str, Any] | None = None,
    uitvoer_sha256: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The run manifest: inputs with checksums, config, versions, timings, results.

    Parameters
    ----------
    config
        The :class:`werkruimte.config.Config` used.
    inputs
        Source name -> path (None when not configured).
    outputs
        Output files of the run.
    timings
        Step name -> seconds.
    extra
        Further sections (e.g. ``schuifruimte`` with ``vraag_ha`` and ``aanbod_ha``).
    uitvoer_sha256
        Final path -> SHA-256 of each output (:meth:`Uitvoer.checksums`), so that
        :func:`werkruimte.run.lees_run` can prove a run is the one reported on.
    """
    versions: dict[str, str | None] = {}
    for name in _VERSIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    fictief = bool(getattr(config, "fictief", False))
    data: dict[str, Any] = {
        "werkruimte_versie": versions["werkruimte"],
        "gemaakt": datetime.now(UTC).isoformat(timespec="seconds"),
        "regio": config.regio["naam"],
        "gegevens": "fictief (demoregio)" if fictief else "echt",
        "configuratie": str(config.path) if config.path else None,
        "configuratie_sha256": sha256(config.path) if config.path else None,
        "instellingen": config.data,
        "invoer": {
            name: (None if p is None else {"pad": str(p), "sha256": sha256(p)})
            for name, p in inputs.items()
        },
        "uitvoer": [str(p) for p in outputs],
        "uitvoer_sha256": dict(uitvoer_sha256 or {}),
        "tijden_s": {k: round(v, 3) for k, v in timings.items()},
        "versies": versions,
        "platform": {"python": platform.python_version(), "systeem": platform.platform()},
    }
    if extra:
        data.update(extra)
    return data


def write_json(data: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Write JSON (UTF-8, indented, NaN as null)."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=_jsonable)
    Path(path).write_text(text + "\n", encoding="utf-8")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item"):
        return value.item()
    return str(value)


class Stopwatch:
    """Collects step timings for the manifest."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._start = time.perf_counter()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time one named step."""
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0

    def total(self) -> float:
        """Seconds since creation."""
        return time.perf_counter() - self._start
