"""Benchmarks (``make bench``): not part of the test suite; speed targets live here."""
