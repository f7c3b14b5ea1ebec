"""PolicyKG's benchmarks: a synthetic corpus generator and the measures (``python -m benchmarks``).

Not part of the installed package: run from a checkout (``python3 dev.py bench``).
"""
