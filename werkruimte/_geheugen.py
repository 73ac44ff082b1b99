"""Give memory that a step freed back to the system, so the next step can use it.

A large run (1 000 000 parcels) builds big intermediate frames in two allocators:
Arrow's memory pool (mimalloc or jemalloc: strings, the uitleg, reading) and the C
heap (numpy, GEOS). Each keeps the pages it freed for itself, so a step that frees
300 MB of Arrow strings does not make room for the numpy arrays of the next step:
the process peak grows by what the allocators hold back. :func:`geef_vrij` returns
those pages between the steps of the chain. It changes no result.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache
from typing import Any

__all__ = ["VANAF_RIJEN", "geef_vrij"]


@cache
def _libc() -> Any:
    """Glibc (for ``malloc_trim``) on Linux, else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


#: From this many rows on the chain gives memory back between its steps. Below it the
#: peak is no constraint and the heap walk of ``malloc_trim`` costs more than it saves
#: (100 000 parcels: 0.75 s of the scoring step).
VANAF_RIJEN = 250_000


def geef_vrij(rijen: int | None = None) -> None:
    """Return the memory freed so far to the operating system (Arrow pool, C heap).

    Harmless: the allocators only give back pages that hold no live data. Does
    nothing where the platform offers no way to do so.

    Parameters
    ----------
    rijen
        Size of the data the caller works on: below :data:`VANAF_RIJEN` nothing is
        done. None always gives back.
    """
    if rijen is not None and rijen < VANAF_RIJEN:
        return
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
