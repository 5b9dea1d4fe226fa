"""Pure algorithms: plain data in, plain data out, no Django imported, directly or indirectly.

The Django side of each lives beside the models under the same name (`upon/support/<name>.py`).
This package imports nothing, so importing one algorithm loads only what it needs.
"""
