"""Pausing Python's cyclic garbage collector around work that builds many small, acyclic objects
which stay alive until the end (the xlsx export's rows and cells, the disagreement list's passages
and segments): every full collection would walk them all again for nothing (about 0.5 s on the
500k-segment bench project each). Reference counting still frees everything meanwhile."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside, restored afterwards as it was (a nested pause leaves it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
