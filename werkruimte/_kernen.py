"""How many CPU cores the indicators may use, and a thread pool that fits them."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

__all__ = ["Inline", "kernen", "pool"]


def kernen() -> int:
    """CPU cores this process may use (its affinity, e.g. under ``taskset``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Inline:
    """A stand-in for a thread pool on one core: runs each task at once."""

    def __enter__(self) -> Inline:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, func: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run ``func(*args)`` now; its result (or exception) as a finished future."""
        done: Future[Any] = Future()
        try:
            done.set_result(func(*args))
        except Exception as exc:  # re-raised by .result(), as from a thread
            done.set_exception(exc)
        return done


def pool(*, werkers: int = 1) -> ThreadPoolExecutor | Inline:
    """A thread pool when this process may use more than one core, else :class:`Inline`.

    Parameters
    ----------
    werkers
        Threads in the pool: 1 for one task beside the calling thread (which works
        meanwhile); the number of cores when the caller only waits for its tasks.
    """
    return ThreadPoolExecutor(max_workers=werkers) if kernen() > 1 else Inline()
