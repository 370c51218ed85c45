"""Benchmarks of the warehouse: `python -m bench.run` or `python -m monev bench` (see docs/benchmarks.md)."""
