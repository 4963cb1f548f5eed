"""Route × role rows by product area. Each module defines ROWS (same shape as
tests/test_routes.MATRIX) and optionally SAMPLE_ARGUMENTS (shared.py holds the ones several
areas use); collect() merges them all for the route test and the CSRF test."""

import importlib
import pkgutil


def collect() -> tuple[dict, dict]:
    rows: dict = {}
    samples: dict = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        overlap = rows.keys() & module.ROWS.keys()
        assert not overlap, f"{info.name} repeats rows: {sorted(overlap)}"
        rows.update(module.ROWS)
        samples.update(getattr(module, "SAMPLE_ARGUMENTS", {}))
    return rows, samples
