"""Benchmarks, synthetic networks and load generators of socialmap — never imported by the core."""
