"""Glasvezel coverage raster: a single-band GeoTIFF with coverage per cell.

Coverage is a fraction (0..1) or a percentage (0..100); ``eenheid = "auto"`` decides
from the data (any valid value above 1 means percent). The raster is read once, checked,
and held in memory in RD New (EPSG:28992): a raster in another CRS (or with a rotated
grid) is warped to RD New with nearest-neighbour resampling onto cells a quarter of
the source cell's side, so cell values are never blended with nodata or with each
other and the cell edges move by at most an eighth of a source cell.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import rasterio
import rasterio.crs
import rasterio.errors
import rasterio.warp
from affine import Affine
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from werkruimte.config import default_config
from werkruimte.errors import InputError
from werkruimte.sources._common import (
    NL_BOUNDS_RD,
    NL_BOUNDS_WGS84,
    RD_NEW,
    check_file,
    limieten,
    mend,
    parse_crs,
)

__all__ = ["EENHEDEN", "Dekkingsraster", "load_glasvezel"]

log = logging.getLogger(__name__)

WHAT = "glasvezeldekking"

#: Allowed values of ``criteria.glasvezel.eenheid``.
EENHEDEN = ("auto", "fractie", "procent")

#: Upper bound on the number of cells of a warped copy at the finer resolution.
_MAX_WARP_CELLS = 16_000_000


@dataclass(frozen=True, eq=False)
class Dekkingsraster:
    """A validated coverage raster, held in memory in RD New.

    Attributes
    ----------
    path
        The file it was read from.
    crs_bron
        The file's CRS (or the assumed one) as text, e.g. ``"EPSG:28992"``.
    width, height
        Size of the raster in the file, in cells.
    nodata
        The file's nodata value, or None.
    schaal
        Factor from file values to a fraction: 1.0 (fractie) or 0.01 (procent).
    eenheid
        ``"fractie"`` or ``"procent"``.
    waarden
        Read-only 2-D array (rows, columns) of the file's values on the RD grid
        :attr:`transform`, NaN where there is no data. Multiply by :attr:`schaal`
        for fractions, or use :meth:`dekking`.
    transform
        North-up affine transform of :attr:`waarden` in EPSG:28992.
    herprojecteerd
        True when :attr:`waarden` is a warped copy (file not in RD New or rotated).
    """

    path: Path
    crs_bron: str
    width: int
    height: int
    nodata: float | None
    schaal: float
    eenheid: str
    waarden: np.ndarray = field(repr=False)
    transform: Affine = field(repr=False)
    herprojecteerd: bool = False

    @property
    def crs(self) -> CRS:
        """CRS of :attr:`waarden`: always RD New (EPSG:28992)."""
        return RD_NEW

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """Extent of :attr:`waarden` in RD New: ``(xmin, ymin, xmax, ymax)``."""
        rows, cols = self.waarden.shape
        t = self.transform
        return (t.c, t.f + t.e * rows, t.c + t.a * cols, t.f)

    def dekking(self) -> np.ndarray:
        """Coverage as fractions 0..1 (a new float64 array, NaN where no data)."""
        return self.waarden.astype("float64") * self.schaal


def load_glasvezel(
    path: str | Path,
    *,
    eenheid: str | None = None,
    assume_crs: str | None = None,
) -> Dekkingsraster:
    """Read and check a glasvezel coverage raster.

    Parameters
    ----------
    path
        A single-band raster GDAL can read (GeoTIFF), in any CRS; nodata is respected
        (the nodata value, an internal mask, and NaN cells).
    eenheid
        ``"auto"`` (values above 1 mean percent), ``"fractie"`` (0..1) or
        ``"procent"`` (0..100): ``criteria.glasvezel.eenheid``; default the value in
        ``standaard.toml`` (``"auto"``).
    assume_crs
        CRS to assume when the file has none (``[bronnen] crs``).

    Returns
    -------
    Dekkingsraster
        The raster in memory, in RD New. A file in another CRS is warped to RD New
        (nearest neighbour) with a :class:`~werkruimte.errors.HerstelWaarschuwing`.

    Raises
    ------
    InputError
        An unknown ``eenheid``; a missing, unreadable or non-raster file; more than
        one band; no CRS (unless ``assume_crs``); only nodata; values below 0 or above
        100 (or above 1 with ``eenheid = "fractie"``); a raster outside the Netherlands.
    """
    if eenheid is None:
        eenheid = str(default_config().criteria["glasvezel"]["eenheid"])
    mode = _check_eenheid(eenheid)
    p = check_limieten(Path(path))
    band, crs, transform, nodata = _read_band(p, assume_crs=assume_crs)
    height, width = band.shape

    dtype = np.float64 if band.dtype == np.float64 else np.float32
    values = np.ma.filled(band.astype(dtype), np.nan)
    values[~np.isfinite(values)] = np.nan
    schaal, unit = _check_values(values, mode=mode, eenheid=eenheid, path=p, nodata=nodata)

    north_up = transform.b == 0 and transform.d == 0 and transform.a > 0 and transform.e < 0
    if crs.equals(RD_NEW, ignore_axis_order=True) and north_up:
        grid, grid_transform, warped = values, transform, False
    else:
        grid, grid_transform = _warp_to_rd(values, transform, crs)
        warped = True
        mend(
            f"{WHAT}: raster ({width}×{height} cellen) omgezet van {crs.to_string()} "
            f"naar RD New (EPSG:28992), {grid.shape[1]}×{grid.shape[0]} cellen "
            "(dichtstbijzijnde cel)."
        )
    grid.flags.writeable = False
    raster = Dekkingsraster(
        path=p,
        crs_bron=crs.to_string(),
        width=width,
        height=height,
        nodata=nodata,
        schaal=schaal,
        eenheid=unit,
        waarden=grid,
        transform=grid_transform,
        herprojecteerd=warped,
    )
    _check_extent(raster, transform=transform, width=width, height=height, path=p)
    return raster


def check_limieten(p: Path) -> Path:
    """Check the raster before reading its cells: a file, at most ``raster_cellen`` cells.

    The size comes from the header (rasterio opens the file without reading cells).
    """
    p = check_file(p, what=WHAT)
    if p.is_dir():
        raise InputError(
            "dit is een map, geen rasterbestand.",
            path=p,
            hint="geef het pad van de GeoTIFF met de glasvezeldekking.",
        )
    max_cells = int(limieten()["raster_cellen"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
            with rasterio.open(p) as src:
                width, height = int(src.width), int(src.height)
    except rasterio.errors.RasterioIOError:
        return p  # not a raster: _read_band says so with its own message
    if width * height > max_cells:
        raise InputError(
            f"het raster is {width} × {height} = {width * height:,} cellen, meer dan de grens "
            f"van {max_cells:,} cellen; het is niet gelezen.".replace(",", "."),
            path=p,
            hint="lever een grover raster of alleen het gebied aan (gdal_translate -projwin / "
            "-tr), of verhoog [limieten] raster_cellen in werkruimte.toml.",
        )
    return p


def _read_band(
    p: Path, *, assume_crs: str | None
) -> tuple[np.ma.MaskedArray, CRS, Affine, float | None]:
    """The single band (masked), its CRS, transform and nodata value."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
            src = rasterio.open(p)
    except rasterio.errors.RasterioIOError as exc:
        raise InputError(
            f"kan het bestand niet lezen als raster ({_first_line(exc)}).",
            path=p,
            hint="lever een GeoTIFF met één band aan (dekking 0..1 of 0..100 per cel).",
        ) from exc
    with src:
        if src.count != 1:
            raise InputError(
                f"het raster heeft {src.count} banden; verwacht precies 1 band met de dekking.",
                path=p,
                hint="exporteer alleen de dekkingsband, bijvoorbeeld met gdal_translate -b 1.",
            )
        # Read the cells before looking at the CRS: a truncated GeoTIFF loses its
        # georeferencing tags too, and "afgekapt" is the true cause to report.
        try:
            band = src.read(1, masked=True)
        except rasterio.errors.RasterioError as exc:
            raise InputError(
                f"kan de rastercellen niet lezen ({_first_line(exc)}).",
                path=p,
                hint="controleer of het bestand volledig en onbeschadigd (niet afgekapt) is.",
            ) from exc
        crs = _source_crs(src, path=p, assume_crs=assume_crs)
        transform = src.transform
        nodata = None if src.nodata is None else float(src.nodata)
    return band, crs, transform, nodata


def _check_eenheid(eenheid: str) -> str:
    mode = str(eenheid).strip().lower()
    if mode not in EENHEDEN:
        raise InputError(
            f"instelling criteria.glasvezel.eenheid = '{eenheid}' is ongeldig; verwacht "
            f"een van {', '.join(EENHEDEN)}.",
            column="criteria.glasvezel.eenheid",
            hint='zet in werkruimte.toml onder [criteria.glasvezel] eenheid = "auto", '
            '"fractie" (0..1) of "procent" (0..100).',
        )
    return mode


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _source_crs(src: rasterio.io.DatasetReader, *, path: Path, assume_crs: str | None) -> CRS:
    if src.crs is None:
        if assume_crs is None:
            raise InputError(
                "het raster heeft geen coördinatenstelsel (CRS).",
                path=path,
                hint="zet het CRS in het bestand (gdal_edit.py -a_srs EPSG:28992), of "
                'geef het in werkruimte.toml, bijvoorbeeld crs = "EPSG:28992" in [bronnen].',
            )
        crs = parse_crs(assume_crs)
        mend(f"{WHAT}: geen CRS in het raster; {assume_crs} aangenomen zoals geconfigureerd.")
        return crs
    try:
        return CRS.from_user_input(src.crs.to_wkt())
    except CRSError as exc:
        raise InputError(
            f"het coördinatenstelsel van het raster is onbekend ({_first_line(exc)}).",
            path=path,
            hint="zet een bekend CRS in het bestand, bijvoorbeeld EPSG:28992.",
        ) from exc


def _check_values(
    values: np.ndarray, *, mode: str, eenheid: str, path: Path, nodata: float | None
) -> tuple[float, str]:
    """Validate the range and decide the unit; return ``(schaal, eenheid)``."""
    valid = ~np.isnan(values)
    if not valid.any():
        raise InputError(
            "het raster bevat alleen nodata-cellen"
            + (f" (nodata = {nodata:g})." if nodata is not None else "."),
            path=path,
            hint="controleer of het juiste bestand is opgegeven en of de nodata-waarde klopt.",
        )
    vmin = float(np.nanmin(values))
    vmax = float(np.nanmax(values))
    if vmin < 0 or vmax > 100:
        bad_value = vmin if vmin < 0 else vmax
        row, col = np.argwhere(values == bad_value)[0]
        n_bad = int(np.count_nonzero(valid & ((values < 0) | (values > 100))))
        raise InputError(
            f"dekking {bad_value:g} in cel (rij {row}, kolom {col}) valt buiten 0..100 "
            f"({n_bad} cellen; bereik {vmin:g} .. {vmax:g}).",
            path=path,
            hint="lever dekking als fractie (0..1) of percentage (0..100); is dit een "
            f"nodata-waarde, leg die dan vast in het bestand (gdal_edit.py -a_nodata "
            f"{bad_value:g}).",
        )
    if mode == "auto":
        mode = "procent" if vmax > 1.0 else "fractie"
        log.info("glasvezeldekking: eenheid %s afgeleid (hoogste waarde %g).", mode, vmax)
    elif mode == "fractie" and vmax > 1.0:
        raise InputError(
            f"instelling criteria.glasvezel.eenheid = '{eenheid}', maar het raster bevat "
            f"waarden tot {vmax:g}; een fractie ligt tussen 0 en 1.",
            path=path,
            column="criteria.glasvezel.eenheid",
            hint='zet eenheid = "procent" of "auto" onder [criteria.glasvezel].',
        )
    return (0.01 if mode == "procent" else 1.0), mode


def _warp_to_rd(values: np.ndarray, transform: Affine, crs: CRS) -> tuple[np.ndarray, Affine]:
    """Warp a grid to a north-up RD New grid (nearest neighbour, NaN as nodata).

    The RD cells are a quarter of the source cell's shortest side (measured in RD at
    the raster's centre), so the source cells' edges move by at most an eighth of a
    cell; the grid is coarsened when it would exceed ``_MAX_WARP_CELLS`` cells.
    """
    rows, cols = values.shape
    to_rd = Transformer.from_crs(crs, RD_NEW, always_xy=True)
    mid_c, mid_r = cols / 2.0, rows / 2.0
    sx, sy = _apply(
        transform,
        np.array([mid_c, mid_c + 1.0, mid_c]),
        np.array([mid_r, mid_r, mid_r + 1.0]),
    )
    rx, ry = to_rd.transform(sx, sy)
    side = min(np.hypot(rx[1] - rx[0], ry[1] - ry[0]), np.hypot(rx[2] - rx[0], ry[2] - ry[0]))
    corners_x, corners_y = _apply(
        transform,
        np.array([0.0, cols, 0.0, cols]),
        np.array([0.0, 0.0, rows, rows]),
    )
    left, bottom, right, top = to_rd.transform_bounds(
        float(corners_x.min()),
        float(corners_y.min()),
        float(corners_x.max()),
        float(corners_y.max()),
        densify_pts=21,
    )
    if not (np.isfinite(side) and side > 0 and np.isfinite([left, bottom, right, top]).all()):
        raise InputError(
            f"het raster kan niet van {crs.to_string()} naar RD New worden omgezet.",
            hint="lever het raster aan in EPSG:28992 (RD New).",
        )
    res = side / 4.0
    cells = (right - left) * (top - bottom) / res**2
    if cells > _MAX_WARP_CELLS:
        res *= float(np.sqrt(cells / _MAX_WARP_CELLS))
    dst_width = max(1, int(np.ceil((right - left) / res)))
    dst_height = max(1, int(np.ceil((top - bottom) / res)))
    dst_transform = Affine.translation(left, top) @ Affine.scale(res, -res)
    grid = np.full((dst_height, dst_width), np.nan, dtype=values.dtype)
    rasterio.warp.reproject(
        source=values,
        destination=grid,
        src_transform=transform,
        src_crs=rasterio.crs.CRS.from_wkt(crs.to_wkt()),
        src_nodata=np.nan,
        dst_transform=dst_transform,
        dst_crs=rasterio.crs.CRS.from_epsg(28992),
        dst_nodata=np.nan,
        resampling=rasterio.warp.Resampling.nearest,
    )
    return grid, dst_transform


def _apply(t: Affine, cols: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map (column, row) positions to coordinates with an affine transform."""
    return t.a * cols + t.b * rows + t.c, t.d * cols + t.e * rows + t.f


def _check_extent(
    raster: Dekkingsraster, *, transform: Affine, width: int, height: int, path: Path
) -> None:
    """Raise when the raster does not overlap the Netherlands at all."""
    x0, y0, x1, y1 = raster.bounds
    bx0, by0, bx1, by1 = NL_BOUNDS_RD
    if x1 > bx0 and x0 < bx1 and y1 > by0 and y0 < by1:
        return
    fx0, fy0 = transform @ (0, height)
    fx1, fy1 = transform @ (width, 0)
    lon0, lat0, lon1, lat1 = NL_BOUNDS_WGS84
    degrees = lon0 <= min(fx0, fx1) and max(fx0, fx1) <= lon1 and lat0 <= min(fy0, fy1) <= lat1
    if degrees and not raster.herprojecteerd:
        reason = "de coördinaten lijken lengte-/breedtegraden (WGS84), maar het raster zegt RD New."
        hint = "zet het CRS van het raster op EPSG:4326 (gdal_edit.py -a_srs EPSG:4326)."
    else:
        reason = "het raster ligt buiten Nederland."
        hint = "controleer het coördinatenstelsel van het raster (RD New = EPSG:28992)."
    raise InputError(
        f"{reason} (omvang in RD: x {x0:.6g} .. {x1:.6g}, y {y0:.6g} .. {y1:.6g}).",
        path=path,
        hint=hint,
    )
