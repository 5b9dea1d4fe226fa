"""Delivery's forms, one module per concept."""
