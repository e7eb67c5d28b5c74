"""Timing shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time


def median_ms(fn, repeat: int) -> float:
    """The median wall time of `repeat` calls of `fn()`, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000
