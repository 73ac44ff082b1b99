"""Writers for figures (matplotlib): the static maps and any chart of a report."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["write_png"]


def write_png(fig: Figure, path: str | os.PathLike[str], *, dpi: float | None = None) -> Path:
    """Write a figure as PNG to ``path`` and close it.

    Write to a temporary path of :func:`werkruimte.export.atomic_outputs` (``tx.path``)
    or :func:`werkruimte.export.atomic_file`: this function writes exactly where it is
    told, its folder created when missing.

    Parameters
    ----------
    fig
        The figure; afterwards it is closed (pyplot lets go of it) and cleared.
    path
        Where to write.
    dpi
        Resolution; None keeps the figure's own (``fig.dpi``).

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fig.savefig(target, format="png", dpi=fig.dpi if dpi is None else dpi)
    finally:
        if getattr(fig.canvas, "manager", None) is not None:
            import matplotlib.pyplot as plt

            plt.close(fig)
        fig.clear()
    return target
