"""Synthetic demo and benchmark data (`manage.py seed_demo`).

Everything here is made up: Faker (en_GB) names, invented organisations beside the 153 real local
authorities, and statements stitched from stock sentences. Deterministic for a seed: the only
time-dependent input is "today", read once, so the open intake is always open.
"""
