"""The input limits of a run, checked for every source before anything is read.

The checks themselves live with their readers (:func:`werkruimte.sources._common.check_file`,
``hotspots.check_limieten``, ``gtfs.check_limieten``, ``glasvezel.check_limieten``),
which call them too; this module runs them all at once for the CLI's check before a
run (:func:`werkruimte.export.veilig.voorcontrole`).
"""

from __future__ import annotations

from typing import Any

from werkruimte.sources import glasvezel, gtfs, hotspots
from werkruimte.sources._common import _LIMIETEN, check_file

__all__ = ["controleer_limieten"]


def controleer_limieten(config: Any) -> None:
    """Check every configured source against ``[limieten]`` before anything is read.

    File sizes from ``stat`` (devices and pipes refused), GTFS members from the zip's
    central directory and their rows streamed, the hotspots table's size and lines,
    the raster's cells from its header. Also applies the limits for the rest of the
    run (:func:`met_limieten` is not needed after this in the CLI).

    Raises
    ------
    InputError
        Naming the file (and member) and the limit to raise if the file is right.
    """
    _LIMIETEN.set(dict(config.data["limieten"]))

    for key in (
        "percelen",
        "bedrijventerreinen",
        "bestemmingsplannen",
        "gemeenten",
        "wegen",
        "loopnetwerk",
    ):
        pad = config.bron(key)
        if pad is not None and pad.exists():
            check_file(pad, what=key)
    checks = {
        "hotspots": hotspots.check_limieten,
        "gtfs": gtfs.check_limieten,
        "glasvezel": glasvezel.check_limieten,
    }
    for key, check in checks.items():
        pad = config.bron(key)
        if pad is not None and pad.exists():
            check(pad)
