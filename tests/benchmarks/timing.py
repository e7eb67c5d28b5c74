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


def alternating_medians_ms(fns: dict, repeat: int) -> dict:
    """{name: median wall time in milliseconds} of `repeat` rounds, each calling every function of `fns` once in
    turn, so that a change in the machine's load falls on all of them alike (their ratios are what we quote)."""
    times: dict = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(found) * 1000 for name, found in times.items()}
