"""A time budget for one article's analysis (``COMMUNIQUE_TIME_BUDGET``, issue 14).

One pathological page must not hold a batch for hours. Inside ``time_budget(seconds, source)``
the work is stopped with ``TimeBudgetError`` once the budget is spent: in the main thread a
timer signal interrupts it wherever Python code runs; in any thread ``check()``, called between
pipeline components, stops it at the next component.

Example::

    with time_budget(60.0, "page.html") as check:
        for name, component in nlp.pipeline:
            doc = component(doc)
            check()
"""

from __future__ import annotations

import gc
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import TimeBudgetError

Check = Callable[[], None]


def _no_check() -> None:
    return None


@contextmanager
def time_budget(seconds: float, source: str) -> Iterator[Check]:
    """Raise ``TimeBudgetError`` for ``source`` when the block runs longer than ``seconds`` (0: no limit)."""
    if seconds <= 0:
        yield _no_check
        return
    deadline = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() > deadline:
            raise TimeBudgetError(source, seconds)

    use_signal = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not use_signal:
        yield check
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        if _in_gc_callback(frame):
            # an exception raised inside a garbage-collector callback (hypothesis and others install
            # them) is printed as "Exception ignored" and lost: ring again once the callback is done
            signal.setitimer(signal.ITIMER_REAL, 0.005)
            return
        raise TimeBudgetError(source, seconds)

    previous_handler = signal.signal(signal.SIGALRM, expire)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            # someone else's timer was running: give it back what it had left
            remaining = max(previous_delay - (time.monotonic() - (deadline - seconds)), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, remaining, previous_interval)


def _in_gc_callback(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs inside one of ``gc.callbacks`` (the collector calls them mid-allocation)."""
    codes = {getattr(callback, "__code__", None) for callback in gc.callbacks}
    codes.discard(None)
    while codes and frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False
