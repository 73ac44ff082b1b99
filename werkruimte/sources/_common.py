"""Shared reading and validation helpers for the source loaders.

Every loader goes through these so that all sources answer bad input the same way:
an :class:`~werkruimte.errors.InputError` naming the file, layer, column or row, and
:class:`~werkruimte.errors.HerstelWaarschuwing` warnings that count what was mended.
"""

from __future__ import annotations

import logging
import re
import stat
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.errors import GEOSException

from werkruimte.errors import HerstelWaarschuwing, InputError

log = logging.getLogger(__name__)

RD_NEW = CRS.from_epsg(28992)
#: Generous bounding box of the European Netherlands in RD New (x0, y0, x1, y1).
NL_BOUNDS_RD = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)
#: The same in WGS84 lon/lat.
NL_BOUNDS_WGS84 = (3.2, 50.7, 7.3, 53.7)

POLYGONAL = ("Polygon", "MultiPolygon")


#: Where :func:`mend` puts its messages instead of warning, in this thread or task
#: (see :func:`verzamel_herstel`).
_HERSTELD: ContextVar[list[str] | None] = ContextVar("werkruimte_hersteld", default=None)


def mend(message: str) -> None:
    """Emit a :class:`HerstelWaarschuwing` (a counted, recoverable repair).

    Inside :func:`verzamel_herstel` the message is collected instead, and warned
    later with :func:`meld_herstel`.
    """
    log.warning(message)
    _meld(message)


def _meld(message: str) -> None:
    hersteld = _HERSTELD.get()
    if hersteld is not None:
        hersteld.append(message)
    else:
        warnings.warn(message, HerstelWaarschuwing, stacklevel=4)


@contextmanager
def verzamel_herstel() -> Iterator[list[str]]:
    """Collect the messages of every :func:`mend` inside the block, in order, unwarned.

    For work in threads: ``warnings.catch_warnings`` (which libraries use inside,
    to silence a warning) swaps the filters of the whole process, so a warning that
    one thread emits while another is in such a block can get lost. Work that runs
    beside other threads collects its repairs; the main thread warns them afterwards
    with :func:`meld_herstel`, in a fixed order.
    """
    hersteld: list[str] = []
    token = _HERSTELD.set(hersteld)
    try:
        yield hersteld
    finally:
        _HERSTELD.reset(token)


def met_herstel(func: Callable[[], Any]) -> tuple[Any, list[str]]:
    """``func()`` and the repairs it counted (:func:`verzamel_herstel`)."""
    with verzamel_herstel() as hersteld:
        result = func()
    return result, hersteld


def meld_herstel(messages: Iterable[str]) -> None:
    """Warn collected repairs (or hand them to an enclosing :func:`verzamel_herstel`)."""
    for message in messages:
        _meld(message)


def check_file(path: str | Path, *, what: str) -> Path:
    """Return ``path`` as a Path, or raise when it does not exist or is empty.

    Parameters
    ----------
    path
        File or folder to check.
    what
        Dutch name of the source, used in the message (e.g. ``"percelen"``).
    """
    p = Path(path)
    if not p.exists():
        raise InputError(
            f"het bestand voor {what} bestaat niet.",
            path=p,
            hint="controleer het pad in [bronnen] van werkruimte.toml "
            "(relatief aan de map van dat bestand).",
        )
    info = p.stat()
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        raise InputError(
            f"het pad voor {what} is geen gewoon bestand (maar een apparaat, pipe of socket).",
            path=p,
            hint="geef een gewoon bestand op in [bronnen] van werkruimte.toml.",
        )
    if stat.S_ISREG(info.st_mode):
        check_size(p, what=what, max_mb=float(limieten()["bestand_mb"]), key="bestand_mb")
    if p.is_file() and info.st_size == 0:
        raise InputError(
            f"het bestand voor {what} is leeg (0 bytes).",
            path=p,
            hint="download of exporteer het bestand opnieuw.",
        )
    return p


# --------------------------------------------------------------------------- limits

_LIMIETEN: ContextVar[Mapping[str, Any] | None] = ContextVar("werkruimte_limieten", default=None)


@cache
def _standaard_limieten() -> dict[str, Any]:
    from werkruimte.config import default_config

    return dict(default_config().data["limieten"])


def limieten() -> dict[str, Any]:
    """The input limits in force: ``[limieten]`` of the run's config, else the defaults."""
    eigen = _LIMIETEN.get()
    return dict(eigen) if eigen is not None else _standaard_limieten()


@contextmanager
def met_limieten(waarden: Mapping[str, Any]) -> Iterator[None]:
    """Use ``waarden`` (a config's ``[limieten]``) as the limits inside the block."""
    token = _LIMIETEN.set(dict(waarden))
    try:
        yield
    finally:
        _LIMIETEN.reset(token)


def _te_groot(p: Path, *, what: str, gevonden: str, grens: str, key: str) -> InputError:
    return InputError(
        f"{what}: {gevonden}, meer dan de grens van {grens}; het bestand is niet gelezen.",
        path=p,
        hint=f"controleer of dit het juiste bestand is; is het echt zo groot, verhoog dan "
        f"[limieten] {key} in werkruimte.toml.",
    )


def grootte(size: float) -> str:
    """A file size for messages: bytes below 100 kB, else MB."""
    return f"{size / 1e6:.0f} MB" if size >= 1e5 else f"{int(size)} bytes"


def check_size(p: Path, *, what: str, max_mb: float, key: str) -> None:
    """InputError when file ``p`` is larger than ``max_mb`` megabytes (from ``stat``)."""
    size = p.stat().st_size
    if size > max_mb * 1e6:
        raise _te_groot(p, what=what, gevonden=grootte(size), grens=grootte(max_mb * 1e6), key=key)


def count_lines(fh: Any, *, limit: int) -> int:
    """Newlines in a binary stream, stopping as soon as there are more than ``limit``."""
    n = 0
    for block in iter(lambda: fh.read(1 << 20), b""):
        n += block.count(b"\n")
        if n > limit:
            break
    return n


def check_lines(p: Path, *, what: str, max_lines: int, key: str) -> None:
    """InputError when text file ``p`` has more than ``max_lines`` lines (streamed)."""
    if p.stat().st_size <= max_lines:  # fewer bytes than the limit: cannot exceed it
        return
    with p.open("rb") as fh:
        n = count_lines(fh, limit=max_lines)
    if n > max_lines:
        raise _te_groot(
            p,
            what=what,
            gevonden=f"meer dan {max_lines:,} regels".replace(",", "."),
            grens=f"{max_lines:,} regels".replace(",", "."),
            key=key,
        )


def check_zip_members(
    p: Path, *, what: str, max_mb: float, key: str, suffix: str = ""
) -> list[zipfile.ZipInfo]:
    """The members of zip ``p``; InputError when one unpacks to more than ``max_mb``.

    Sizes come from the zip's central directory, before anything is unpacked (a
    zip bomb is refused without inflating it; Python's zipfile never inflates a
    member beyond the size recorded there).
    """
    try:
        with zipfile.ZipFile(p) as zf:
            members = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError):
        return []  # the loader reports a damaged zip with its own message
    for info in members:
        if info.filename.endswith(suffix) and info.file_size > max_mb * 1e6:
            raise _te_groot(
                p,
                what=f"{what} ({info.filename})",
                gevonden=f"uitgepakt {grootte(info.file_size)}",
                grens=grootte(max_mb * 1e6),
                key=key,
            )
    return members


def list_layers(path: Path) -> list[str]:
    """Names of the vector layers in ``path`` (empty list for single-layer formats)."""
    try:
        if path.suffix.lower() in (".gml", ".xml"):
            # pyogrio.list_layers would make GDAL write a .gfs next to the user's
            # file; read_info with WRITE_GFS=NO leaves the input folder untouched.
            names: list[str] = []
            while True:
                try:
                    info = pyogrio.read_info(
                        path, layer=len(names), WRITE_GFS="NO", DOWNLOAD_SCHEMA="NO"
                    )
                except Exception:
                    break
                names.append(str(info.get("layer_name", "")))
            return names
        return [str(name) for name in pyogrio.list_layers(path)[:, 0]]
    except Exception:
        return []


def read_vector(
    path: str | Path,
    *,
    what: str,
    layer: str | None = None,
    columns: Sequence[str] | None = None,
    check_layer: bool = True,
    **kwargs: Any,
) -> gpd.GeoDataFrame:
    """Read a vector file with pyogrio (Arrow), translating failures into InputError.

    Curved geometries (GML arcs), which the Arrow path cannot decode, are read with
    pyogrio's classic reader, which linearises them. GML is read without writing a
    ``.gfs`` file next to the input.

    Parameters
    ----------
    path
        The file to read (GeoPackage, GML, GeoJSON, shapefile, ...).
    what
        Dutch name of the source for messages.
    layer
        Layer name; default the first layer.
    columns
        Restrict to these columns when given.
    check_layer
        List the file's layers first and name them when ``layer`` is not among them.
        Pass False where listing is costly (a GML is parsed once per layer) and the
        caller handles a missing layer (the error's cause is then pyogrio's
        ``DataLayerError``).
    **kwargs
        Passed on to :func:`pyogrio.read_dataframe`.
    """
    p = check_file(path, what=what)
    if layer is not None and check_layer:
        layers = list_layers(p)
        if layers and layer not in layers:
            raise InputError(
                f"de laag bestaat niet; gevonden lagen: {', '.join(layers)}.",
                path=p,
                layer=layer,
                hint="kies een van deze lagen in [bronnen] van werkruimte.toml.",
            )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            if p.suffix.lower() in (".gml", ".xml"):
                # Never write a .gfs next to the user's input (inputs stay untouched).
                kwargs.setdefault("WRITE_GFS", "NO")
                kwargs.setdefault("DOWNLOAD_SCHEMA", "NO")
            try:
                gdf = pyogrio.read_dataframe(
                    p, layer=layer, columns=columns, use_arrow=True, **kwargs
                )
            except NotImplementedError:
                # Curved geometries (GML arcs) cannot pass through Arrow/WKB in shapely;
                # the classic reader linearises them.
                gdf = pyogrio.read_dataframe(
                    p, layer=layer, columns=columns, use_arrow=False, **kwargs
                )
    except pyogrio.errors.DataSourceError as exc:
        raise InputError(
            f"kan {what} niet lezen als geografisch bestand ({_short(exc)}).",
            path=p,
            layer=layer,
            hint="lever een GeoPackage, GML, GeoJSON of shapefile aan; "
            "controleer of het bestand niet afgekapt of beschadigd is.",
        ) from exc
    except (pyogrio.errors.DataLayerError, pyogrio.errors.FieldError) as exc:
        raise InputError(
            f"kan {what} niet lezen ({_short(exc)}).",
            path=p,
            layer=layer,
            hint="controleer laagnaam en kolommen.",
        ) from exc
    except Exception as exc:  # GDAL raises many kinds on truncated files
        raise InputError(
            f"kan {what} niet lezen ({type(exc).__name__}: {_short(exc)}).",
            path=p,
            layer=layer,
            hint="controleer of het bestand volledig en onbeschadigd is.",
        ) from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf:
        raise InputError(
            f"het bestand voor {what} heeft geen geometrie.",
            path=p,
            layer=layer,
            hint="lever een geografisch bestand aan (met geometriekolom).",
        )
    return gdf


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def resolve_columns(
    df: pd.DataFrame,
    aliases: Mapping[str, Iterable[str]],
    *,
    required: Iterable[str] = (),
    path: str | Path | None = None,
    layer: str | None = None,
    what: str,
) -> pd.DataFrame:
    """Rename columns to their canonical names, matching aliases case-insensitively.

    Matching ignores case, spaces, underscores and dashes. The canonical name itself
    always counts as an alias. Columns that match nothing are kept unchanged.

    Parameters
    ----------
    df
        The frame read from the source.
    aliases
        ``{canonical: [alias, ...]}`` in order of preference.
    required
        Canonical names that must be found.
    path, layer, what
        Used in the error message.

    Returns
    -------
    pandas.DataFrame
        A new frame with renamed columns; missing optional columns are not added.

    Raises
    ------
    InputError
        When a required column is missing; the message lists the columns found.
    """
    by_norm: dict[str, str] = {}
    for col in df.columns:
        if col == getattr(df, "_geometry_column_name", None):
            continue
        by_norm.setdefault(_norm(str(col)), str(col))
    rename: dict[str, str] = {}
    taken: set[str] = set()
    for canonical, names in aliases.items():
        for name in [canonical, *names]:
            src = by_norm.get(_norm(name))
            if src is not None and src not in taken:
                rename[src] = canonical
                taken.add(src)
                break
    for canonical in required:
        if canonical not in rename.values():
            options = [canonical, *aliases.get(canonical, [])]
            found = [str(c) for c in df.columns if c != "geometry"]
            raise InputError(
                f"verplichte kolom voor {what} ontbreekt: verwacht een van "
                f"{', '.join(options)}; gevonden kolommen: "
                f"{', '.join(found) if found else '(geen)'}.",
                path=path,
                layer=layer,
                column=canonical,
                hint="hernoem de kolom in het bronbestand of lever de juiste laag aan.",
            )
    # Drop columns that would collide with a canonical name after renaming.
    clash = [c for c in df.columns if c in rename.values() and c not in rename]
    out = df.drop(columns=clash).rename(columns=rename)
    return out


def to_number(
    values: pd.Series,
    *,
    column: str,
    path: str | Path | None = None,
    layer: str | None = None,
    allow_missing: bool = True,
) -> pd.Series:
    """Convert a column to float, accepting Dutch notation (``1.234,5``) in text.

    Raises
    ------
    InputError
        Naming the first row whose value is not a number.
    """
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype("float64")
    text = values.astype("string").str.strip()
    dutch = text.str.contains(",", regex=False, na=False)
    cleaned = text.where(
        ~dutch, text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    )
    cleaned = cleaned.mask(cleaned == "")
    numbers = pd.to_numeric(cleaned, errors="coerce")
    bad = numbers.isna() & cleaned.notna()
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"waarde '{values.iloc[pos]}' is geen getal.",
            path=path,
            layer=layer,
            column=column,
            row=pos,
            hint="gebruik alleen getallen in deze kolom (decimaal met punt of komma).",
        )
    if not allow_missing and numbers.isna().any():
        pos = int(np.flatnonzero(numbers.isna().to_numpy())[0])
        raise InputError(
            "waarde ontbreekt.",
            path=path,
            layer=layer,
            column=column,
            row=pos,
            hint="vul de ontbrekende waarde in.",
        )
    return numbers.astype("float64")


def parse_crs(value: Any, *, key: str = "crs") -> CRS:
    """Parse a user-given CRS (``"EPSG:28992"``, ``28992``, WKT) or raise InputError."""
    try:
        return CRS.from_user_input(value)
    except CRSError as exc:
        raise InputError(
            f"'{value}' is geen bekend coördinatenstelsel.",
            column=key,
            hint="geef bijvoorbeeld 'EPSG:28992' (RD New) of 'EPSG:4326' (WGS84).",
        ) from exc


def ensure_rd(
    gdf: gpd.GeoDataFrame,
    *,
    what: str,
    path: str | Path | None = None,
    layer: str | None = None,
    assume_crs: Any = None,
) -> gpd.GeoDataFrame:
    """Return the layer in RD New (EPSG:28992).

    A layer in another CRS is reprojected with a warning. A layer without CRS is an
    error unless ``assume_crs`` says which CRS it is in. Coordinates that fall outside
    the Netherlands after this are an error that says whether they look like lon/lat
    or RD.
    """
    if gdf.crs is None:
        if assume_crs is None:
            raise InputError(
                f"{what} hebben geen coördinatenstelsel (CRS).",
                path=path,
                layer=layer,
                hint="zet het CRS in het bestand, of geef het in werkruimte.toml, "
                'bijvoorbeeld crs = "EPSG:28992" in [bronnen].',
            )
        gdf = gdf.set_crs(parse_crs(assume_crs), allow_override=True)
        mend(f"{what}: geen CRS in het bestand; {assume_crs} aangenomen zoals geconfigureerd.")
    if not CRS.from_user_input(gdf.crs).equals(RD_NEW, ignore_axis_order=True):
        src = CRS.from_user_input(gdf.crs)
        if src.is_geographic and len(gdf):
            x0, y0, x1, y1 = gdf.total_bounds
            rx0, ry0, rx1, ry1 = NL_BOUNDS_RD
            if rx0 <= x0 and x1 <= rx1 and ry0 <= y0 and y1 <= ry1 and max(x1, y1) > 360:
                raise InputError(
                    f"{what}: de coördinaten zijn RD-meters (x={x0:.0f}, y={y0:.0f}), maar het "
                    f"bestand zegt {src.to_string()} (lengte/breedte in graden). Dat gebeurt bij "
                    "GeoJSON zonder 'crs'-veld.",
                    path=path,
                    layer=layer,
                    hint="zet in het bestand het CRS op EPSG:28992, of exporteer opnieuw met "
                    "RD New als coördinatenstelsel.",
                )
        name = src.to_string()
        gdf = gdf.to_crs(RD_NEW)
        mend(f"{what}: {len(gdf)} objecten omgezet van {name} naar RD New (EPSG:28992).")
    else:
        gdf = gdf.set_crs(RD_NEW, allow_override=True)
    check_in_netherlands(gdf, what=what, path=path, layer=layer)
    return gdf


def check_in_netherlands(
    gdf: gpd.GeoDataFrame,
    *,
    what: str,
    path: str | Path | None = None,
    layer: str | None = None,
) -> None:
    """Raise InputError when the layer's extent lies outside the Netherlands (RD)."""
    geoms = gdf.geometry.to_numpy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not present.any():
        return
    b = shapely.bounds(geoms[present])
    x0, y0, x1, y1 = NL_BOUNDS_RD
    inside = (b[:, 0] >= x0) & (b[:, 2] <= x1) & (b[:, 1] >= y0) & (b[:, 3] <= y1)
    if inside.all():
        return
    first = int(np.flatnonzero(present)[np.flatnonzero(~inside)[0]])
    bx = b[np.flatnonzero(~inside)[0]]
    lon0, lat0, lon1, lat1 = NL_BOUNDS_WGS84
    looks_lonlat = lon0 <= bx[0] <= lon1 and lat0 <= bx[1] <= lat1
    if looks_lonlat:
        reason = (
            "de coördinaten lijken lengte-/breedtegraden (WGS84), maar het bestand zegt RD New."
        )
        hint = "zet het CRS van dit bestand op EPSG:4326, of lever RD-coördinaten aan."
    else:
        reason = "de coördinaten liggen buiten Nederland."
        hint = "controleer het coördinatenstelsel (RD New = EPSG:28992, WGS84 = EPSG:4326)."
    raise InputError(
        f"{reason} ({(~inside).sum()} van {len(inside)} objecten; eerste: "
        f"x={bx[0]:.6g}, y={bx[1]:.6g}).",
        path=path,
        layer=layer,
        row=first,
        hint=hint,
    )


def clean_polygons(
    gdf: gpd.GeoDataFrame,
    *,
    what: str,
    path: str | Path | None = None,
    layer: str | None = None,
) -> gpd.GeoDataFrame:
    """Make a polygon layer usable: 2D, linear, valid, polygonal, non-empty.

    - curves (GML arcs) are linearised by GDAL on reading already; Z is dropped;
    - invalid polygons are repaired with ``make_valid`` (counted warning);
    - non-polygon parts of repaired or mixed geometries are dropped (counted);
    - rows with missing or empty geometry are dropped (counted).

    Returns a new frame; the row order of the remaining rows is kept.
    """
    geoms = gdf.geometry.to_numpy()
    if shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
    invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    n_invalid = int(invalid.sum())
    if n_invalid:
        geoms = geoms.copy()
        geoms[invalid] = _make_valid(geoms[invalid])
        mend(f"{what}: {n_invalid} ongeldige geometrieën hersteld (make_valid).")
    types = shapely.get_type_id(geoms)
    # 3 = Polygon, 6 = MultiPolygon, 7 = GeometryCollection
    collection = types == 7
    if collection.any():
        geoms = geoms.copy()
        geoms[collection] = _polygon_parts(geoms[collection])
        types = shapely.get_type_id(geoms)
    non_poly = ~np.isin(types, (3, 6)) & ~shapely.is_missing(geoms)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    drop = non_poly | empty
    if non_poly.any():
        kinds = sorted(set(shapely.get_type_id(geoms[non_poly]).tolist()))
        names = ", ".join(_TYPE_NAMES.get(k, str(k)) for k in kinds)
        mend(f"{what}: {int(non_poly.sum())} objecten zonder vlakgeometrie ({names}) weggelaten.")
    n_empty = int((empty & ~non_poly).sum())
    if n_empty:
        mend(f"{what}: {n_empty} objecten met lege of ontbrekende geometrie weggelaten.")
    out = gdf.set_geometry(gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs))
    if drop.any():
        out = out.loc[~drop]
    return out


def _make_valid(geoms: np.ndarray) -> np.ndarray:
    """``shapely.make_valid`` of the invalid geometries, also where GEOS gives up.

    A geometry that GEOS cannot repair as a whole (a multipolygon whose parts have
    collapsed to points and lines: "Overlay input is mixed-dimension") makes the whole
    vectorised call fail. Only then is each geometry repaired on its own; one that
    still fails keeps only its parts that did not collapse, or becomes None (dropped
    and counted as a missing geometry).
    """
    try:
        return np.asarray(shapely.make_valid(geoms), dtype=object)
    except GEOSException:
        # Rare, only for broken input: one call per invalid geometry.
        return np.array([_make_valid_one(g) for g in geoms], dtype=object)


def _make_valid_one(geom: Any) -> Any:
    try:
        return shapely.make_valid(geom)
    except GEOSException:
        try:
            return shapely.make_valid(geom, method="structure", keep_collapsed=False)
        except GEOSException:
            return None


_TYPE_NAMES = {
    0: "punt",
    1: "lijn",
    2: "ring",
    3: "vlak",
    4: "multipunt",
    5: "multilijn",
    6: "multivlak",
    7: "verzameling",
}


def _polygon_parts(geoms: np.ndarray) -> np.ndarray:
    """Keep only the polygonal parts of each geometry collection (vectorised)."""
    parts, index = shapely.get_parts(geoms, return_index=True)
    keep = np.isin(shapely.get_type_id(parts), (3, 6))
    polys, sub = shapely.get_parts(parts[keep], return_index=True)
    result = np.full(len(geoms), None, dtype=object)
    if len(polys):
        shapely.multipolygons(polys, indices=index[keep][sub], out=result)
    single = shapely.get_num_geometries(result) == 1
    if single.any():
        result[single] = shapely.get_geometry(result[single], 0)
    return result


def empty_layer(columns: Mapping[str, str]) -> gpd.GeoDataFrame:
    """A layer with no rows: ``columns`` (name -> dtype) and a geometry, in EPSG:28992.

    Used by the loaders' ``empty_frame()`` when a source is not configured.
    """
    data = {name: pd.Series([], dtype=dtype) for name, dtype in columns.items()}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries([], crs=RD_NEW), crs=RD_NEW)


def require_rows(
    gdf: pd.DataFrame, *, what: str, path: str | Path | None = None, layer: str | None = None
) -> None:
    """Raise InputError when a layer has no rows left."""
    if len(gdf) == 0:
        raise InputError(
            f"de laag met {what} bevat geen (bruikbare) objecten.",
            path=path,
            layer=layer,
            hint="controleer of het juiste bestand en de juiste laag zijn opgegeven.",
        )
