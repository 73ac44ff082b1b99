"""Scoring at scale: indicators per spatial partition on a dask cluster.

:func:`score_partitioned` gives the same frame as :func:`werkruimte.scoring.score`
(same candidates, scores within 1e-9, same row order), but computes the indicators
on a :mod:`distributed` cluster, partition by partition:

1. The parcels are sorted along a Hilbert curve (``dask_geopandas`` Hilbert distance
   of each parcel's bounding-box midpoint, level 16) and cut into equal partitions, so
   each partition is a compact patch of the map. Each partition is written as one
   GeoParquet file (``part.00000.parquet`` ...) in a work folder; together they form a
   dataset that :func:`dask_geopandas.read_parquet` reads as one partitioned frame.
2. The small layers (bestemmingsplannen, bedrijventerreinen, hotspots, GTFS feed,
   glasvezel raster, wegen, loopnetwerk) are sent to every worker once
   (``Client.scatter(..., broadcast=True)``) as a :class:`~werkruimte.regio.Regio`
   without parcels.
3. Every worker reads its partition file and runs
   :func:`werkruimte.scoring.indicatoren` on it; only the indicator columns travel
   back (the geometry stays with the caller).
4. The indicator frames are put back in input order and
   :func:`werkruimte.scoring.score_indicatoren` runs once, on the caller, over all
   parcels.

Why the scoring step is global
------------------------------
``kandidaat`` depends on the top-N *per gemeente* and ``rang_stabiliteit`` on ranks
within the gemeente under Monte Carlo weight draws. A gemeente spans many Hilbert
partitions, so ranking per partition would give other candidates. Scoring is cheap
next to the indicators (a few matrix products and string joins per parcel), so it
runs on the full indicator frame.

Why no halo is needed for the indicators
----------------------------------------
Every indicator of a parcel depends only on that parcel's own geometry and on the
small layers, which every worker holds in full: the overlay with bestemmingsplannen
and bedrijventerreinen, PTAL from the parcel's centroid to all stops, the glasvezel
cells under the parcel, and the distances to the nearest hotspot, station or junction.
No indicator looks at neighbouring parcels, so a partition's result does not depend
on where the partition boundary lies. A halo would be needed for criteria that do:
the schuifruimte clusters (:mod:`werkruimte.schuifruimte`: parcels within
``criteria.schuifruimte.afstand_m`` of each other form one cluster) or any future
"neighbouring parcels" criterion. For those, ``halo_m`` adds to each partition
file the parcels of other partitions within that distance (flagged ``_halo``); they
are computed along but never returned, so each parcel is reported exactly once.

Remote clusters
---------------
With ``address`` the partition files must be readable by every worker: give a
``werkmap`` on storage they share. The default work folder is a temporary folder on
the caller's machine, which suits the default local cluster and clusters on the
same machine.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import math
import shutil
import socket
import tempfile
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from werkruimte.config import Config, load_config
from werkruimte.errors import ConfigError, HerstelWaarschuwing

if TYPE_CHECKING:
    from distributed import Client

    from werkruimte.regio import Regio

__all__ = ["PartitieOpties", "hilbert_partities", "schrijf_partities", "score_partitioned"]

log = logging.getLogger(__name__)

Progress = Callable[[str], None]

#: Default target number of parcels per partition.
PARCELS_PER_PARTITION = 200_000
#: Position of each parcel in the input (restores the input order).
POS = "_pos"
#: True for halo parcels: computed along, never returned.
HALO = "_halo"


@dataclasses.dataclass(frozen=True)
class PartitieOpties:
    """How to cut the parcels into partitions and how large a local cluster to start.

    Attributes
    ----------
    n_workers
        Number of workers of the local cluster (ignored with an ``address``).
    partitions
        Number of Hilbert partitions. Default: enough for about 200 000 parcels each,
        and at least two per worker.
    halo_m
        Also put the parcels within this distance (m) of a partition into its file, as
        halo. The indicators do not need one (see the module notes); None or 0 = none.
    werkmap
        Folder for the partition files; must be readable by every worker. Default a
        temporary folder, removed afterwards. A given folder is kept; earlier
        ``part.*.parquet`` files in it are replaced.
    """

    n_workers: int = 2
    partitions: int | None = None
    halo_m: float | None = None
    werkmap: str | Path | None = None


def score_partitioned(
    regio_or_config: Regio | Config | str | Path,
    *,
    address: str | None = None,
    opties: PartitieOpties | None = None,
    progress: Progress | None = None,
    profiel: str | None = None,
    gevoeligheid: bool = True,
) -> gpd.GeoDataFrame:
    """Score every parcel like :func:`werkruimte.scoring.score`, on a dask cluster.

    Parameters
    ----------
    regio_or_config
        A loaded :class:`~werkruimte.regio.Regio`, a :class:`~werkruimte.config.Config`
        or the path of a werkruimte.toml (then the region is loaded first).
    address
        Address of a running dask scheduler (``tcp://host:8786``). None starts a local
        ``distributed`` cluster (``opties.n_workers`` worker processes, one thread
        each) and stops it afterwards.
    opties
        Workers, number of partitions, halo and working folder (see
        :class:`PartitieOpties`); default its defaults.
    progress
        Called with a Dutch step description (also once per finished partition).
    profiel
        Only this profile; default all profiles in the config.
    gevoeligheid
        Run the Monte Carlo weight perturbation for ``rang_stabiliteit``.

    Returns
    -------
    geopandas.GeoDataFrame
        The same columns, dtypes and row order as :func:`werkruimte.scoring.score`.

    Raises
    ------
    ConfigError
        When an option is out of range, a profile is invalid, or the scheduler at
        ``address`` cannot be reached.
    InputError
        As when loading the region.
    """
    from werkruimte import scoring

    opties = opties or PartitieOpties()
    say = progress or (lambda _msg: None)
    halo = _check_opties(opties)
    regio = _regio(regio_or_config, say)
    # Validate the profiles before any cluster is started.
    profs = scoring.profielen_uit_config(regio.config, profiel)
    percelen = regio.percelen
    n = len(percelen)
    k = opties.partitions or max(2 * opties.n_workers, math.ceil(n / PARCELS_PER_PARTITION))
    k = max(1, min(k, n))

    with _workdir(opties.werkmap) as folder:
        say(f"percelen in {k} Hilbert-partities schrijven ({folder})")
        groups = hilbert_partities(percelen, k)
        files = schrijf_partities(percelen, groups, folder, halo_m=halo)
        klein = dataclasses.replace(regio, percelen=percelen.iloc[:0])
        with _client(address, opties.n_workers) as client:
            say(f"indicatoren per partitie op {_describe(client)}")
            shared = client.scatter(klein, broadcast=True, hash=False)
            run = uuid.uuid4().hex[:8]
            futures = [
                client.submit(
                    _indicatoren_partitie,
                    str(f),
                    shared,
                    key=f"werkruimte-indicatoren-{run}-{i:05d}",
                    pure=False,
                )
                for i, f in enumerate(files)
            ]
            parts = _collect(futures, say)
    ind = _assemble(parts, percelen)
    del parts  # the partition frames are copied into ``ind``; free them before scoring
    say("scores, kandidaten en uitleg")
    settings = regio.config.criteria["gevoeligheid"] if gevoeligheid else None
    return scoring.score_met_dekking(regio, ind, profs, gevoeligheid=settings, progress=say)


def _check_opties(opties: PartitieOpties) -> float:
    """ConfigError for options out of range; the halo in metres."""
    if opties.n_workers < 1:
        raise ConfigError(
            f"het aantal workers moet minstens 1 zijn, gevonden: {opties.n_workers}.",
            key="n_workers",
        )
    if opties.partitions is not None and opties.partitions < 1:
        raise ConfigError(
            f"het aantal partities moet minstens 1 zijn, gevonden: {opties.partitions}.",
            key="partitions",
        )
    halo = 0.0 if opties.halo_m is None else float(opties.halo_m)
    if not math.isfinite(halo) or halo < 0:
        raise ConfigError(
            f"de halo moet een afstand ≥ 0 m zijn, gevonden: {opties.halo_m!r}.", key="halo_m"
        )
    return halo


def _regio(regio_or_config: Regio | Config | str | Path, say: Progress) -> Regio:
    """The region itself, or loaded from a Config or a werkruimte.toml."""
    from werkruimte.regio import Regio, load_regio

    if isinstance(regio_or_config, Regio):
        return regio_or_config
    cfg = regio_or_config if isinstance(regio_or_config, Config) else load_config(regio_or_config)
    say(f"bronnen laden ({cfg.path})")
    return load_regio(cfg)


def hilbert_partities(percelen: gpd.GeoDataFrame, partitions: int) -> list[np.ndarray]:
    """Positions of the parcels per partition, in Hilbert-curve order.

    Parameters
    ----------
    percelen
        Parcels (any CRS; planar coordinates expected).
    partitions
        Number of partitions (at most the number of parcels; at least 1).

    Returns
    -------
    list of numpy.ndarray
        ``partitions`` arrays of positions (0..n-1) of about equal length that
        together hold every position once. Parcels with missing or empty geometry go
        last.
    """
    import dask_geopandas

    n = len(percelen)
    if n == 0:
        return [np.arange(0, dtype=np.int64)]
    geoms = percelen.geometry.to_numpy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    keys = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    if present.any():
        sub = gpd.GeoDataFrame(geometry=geoms[present], crs=percelen.crs)
        bounds = shapely.total_bounds(geoms[present])
        hd = (
            dask_geopandas.from_geopandas(sub, npartitions=1)
            .hilbert_distance(total_bounds=bounds, level=16)
            .compute(scheduler="synchronous")
        )
        keys[present] = hd.to_numpy(dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    k = max(1, min(int(partitions), n))
    return [np.asarray(g, dtype=np.int64) for g in np.array_split(order, k)]


def schrijf_partities(
    percelen: gpd.GeoDataFrame,
    groups: list[np.ndarray],
    folder: str | Path,
    *,
    halo_m: float = 0.0,
) -> list[Path]:
    """Write each partition of parcels as a GeoParquet file.

    Parameters
    ----------
    percelen
        All parcels.
    groups
        Positions per partition (see :func:`hilbert_partities`).
    folder
        Existing folder to write ``part.00000.parquet`` ... into.
    halo_m
        Add the parcels of other partitions within this distance as halo rows
        (measured between bounding boxes, so a few more parcels may come along).

    Returns
    -------
    list of pathlib.Path
        The files, in partition order. Each holds the parcel columns plus ``_pos``
        (position in ``percelen``) and ``_halo`` (bool).
    """
    base = percelen.reset_index(drop=True)
    geoms = base.geometry.to_numpy()
    tree = shapely.STRtree(geoms) if halo_m > 0 else None
    paths: list[Path] = []
    for i, own in enumerate(groups):
        rows = own
        halo = np.zeros(len(own), dtype=bool)
        if tree is not None and len(own):
            # Bounding boxes grown by the halo: a superset of the parcels within
            # halo_m (exact distances are not needed: halo rows are never returned).
            b = shapely.bounds(geoms[own])
            boxes = shapely.box(
                b[:, 0] - halo_m, b[:, 1] - halo_m, b[:, 2] + halo_m, b[:, 3] + halo_m
            )
            _, near = tree.query(boxes)
            extra = np.setdiff1d(np.unique(near), own, assume_unique=False)
            rows = np.concatenate([own, extra])
            halo = np.concatenate([halo, np.ones(len(extra), dtype=bool)])
        part = base.iloc[rows].copy()
        part[POS] = rows.astype(np.int64)
        part[HALO] = halo
        path = Path(folder) / f"part.{i:05d}.parquet"
        part.to_parquet(path, index=False)
        paths.append(path)
    return paths


def _indicatoren_partitie(path: str, regio: Regio) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Worker task: the indicators of one partition file.

    Returns the indicator columns of the partition's own parcels (no geometry, with
    ``_pos``), the column order of :func:`~werkruimte.scoring.indicatoren`, and the
    messages of the repair warnings raised on the way.
    """
    from werkruimte import scoring

    part = gpd.read_parquet(path)
    template = regio.percelen
    dtypes = {c: template[c].dtype for c in template.columns if c != template.geometry.name}
    pos = part[POS].to_numpy(dtype=np.int64)
    own = ~part[HALO].to_numpy(dtype=bool)
    part = part.drop(columns=[POS, HALO]).astype(dtypes)
    part = part.set_geometry(part.geometry.name, crs=template.crs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", HerstelWaarschuwing)
        ind = scoring.indicatoren(_own_layers(regio, part))
    columns = [str(c) for c in ind.columns]
    frame = pd.DataFrame(ind.drop(columns=ind.geometry.name)).loc[own]
    frame[POS] = pos[own]
    mended = [str(w.message) for w in caught if issubclass(w.category, HerstelWaarschuwing)]
    return frame, columns, mended


def _own_layers(regio: Regio, percelen: gpd.GeoDataFrame) -> Regio:
    """The region with ``percelen`` and private copies of the polygon layers.

    The overlays prepare the plan and terrain polygons (GEOS prepared geometry) and
    release them afterwards. On a cluster whose workers are threads of one process
    (``processes=False``) every task would share the same geometry objects, and one
    task could release what another is using. Geometry objects made afresh from WKB
    are private to this task.
    """
    changes: dict[str, Any] = {"percelen": percelen}
    for name in ("bestemmingsplannen", "bedrijventerreinen"):
        layer = getattr(regio, name)
        if layer is not None and len(layer):
            geoms = shapely.from_wkb(shapely.to_wkb(layer.geometry.to_numpy()))
            changes[name] = layer.set_geometry(
                gpd.GeoSeries(geoms, index=layer.index, crs=layer.crs), crs=layer.crs
            )
    return dataclasses.replace(regio, **changes)


def _collect(futures: list[Any], say: Progress) -> list[tuple[pd.DataFrame, list[str], list[str]]]:
    from distributed import as_completed

    results: dict[str, tuple[pd.DataFrame, list[str], list[str]]] = {}
    try:
        for done, fut in enumerate(as_completed(futures), start=1):
            results[fut.key] = fut.result()
            say(f"partitie {done}/{len(futures)} klaar")
    finally:
        for fut in futures:
            fut.cancel()
    return [results[f.key] for f in futures]


def _assemble(
    parts: list[tuple[pd.DataFrame, list[str], list[str]]], percelen: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """The indicator frames of all partitions as one frame in input order."""
    n = len(percelen)
    for _, _, mended in parts:
        for message in mended:
            warnings.warn(message, HerstelWaarschuwing, stacklevel=3)
    frame = pd.concat([p[0] for p in parts], ignore_index=True)
    pos = frame[POS].to_numpy(dtype=np.int64)
    if len(pos) != n or not np.array_equal(np.sort(pos), np.arange(n)):
        raise RuntimeError(
            f"partities gaven {len(pos)} rijen voor {n} percelen terug (dubbel of ontbrekend)"
        )
    frame = frame.iloc[np.argsort(pos, kind="stable")].drop(columns=POS)
    frame.index = percelen.index
    geom_name = percelen.geometry.name
    columns = parts[0][1]
    out = gpd.GeoDataFrame(frame, geometry=percelen.geometry.to_numpy(), crs=percelen.crs)
    out = out.rename_geometry(geom_name) if geom_name != "geometry" else out
    return out[columns]


@contextlib.contextmanager
def _workdir(werkmap: str | Path | None) -> Iterator[Path]:
    if werkmap is not None:
        folder = Path(werkmap)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("part.*.parquet"):
            old.unlink()
        yield folder
        return
    folder = Path(tempfile.mkdtemp(prefix="werkruimte-partities-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _client(address: str | None, n_workers: int) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if address is not None:
        try:
            _probe(address)
            client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(
                f"kan de dask-scheduler op {address} niet bereiken ({exc}).",
                key="dask-adres",
                hint="start de scheduler (dask scheduler) of laat het adres weg voor een "
                "lokaal cluster.",
            ) from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def _probe(address: str) -> None:
    """Fail fast (OSError) when nothing listens at a ``tcp://host:port`` address.

    The dask client retries until its timeout; a refused connection is known at once.
    """
    if not address.startswith("tcp://"):
        return
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    if not port.isdigit():
        return
    with socket.create_connection((host.strip("[]"), int(port)), timeout=5.0):
        pass


def _describe(client: Client) -> str:
    try:
        info = client.scheduler_info()
        workers = len(info.get("workers", {}))
        address = str(info.get("address", "?"))
    except Exception:  # informational only
        workers, address = 0, "?"
    return f"{workers} workers ({address})"
