"""How many CPU cores the indicators may use, and a thread pool that fits them."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
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


@contextmanager
def pool(*, werkers: int = 1) -> Iterator[ThreadPoolExecutor | Inline]:
    """A thread pool when this process may use more than one core, else :class:`Inline`.

    Use it as a context manager: at the end it waits for its threads. The warning
    filters are then put back as they were at the start: ``warnings.catch_warnings``
    (which libraries use inside to silence a warning) saves and restores the filters
    of the whole process, so two threads that enter and leave such blocks interleaved
    can leave a thread's temporary filter (say "ignore UserWarning") in force after
    both are done, and later warnings would be lost.

    Parameters
    ----------
    werkers
        Threads in the pool: 1 for one task beside the calling thread (which works
        meanwhile); the number of cores when the caller only waits for its tasks.
    """
    if kernen() <= 1:
        yield Inline()
        return
    with warnings.catch_warnings(), ThreadPoolExecutor(max_workers=werkers) as threads:
        yield threads
