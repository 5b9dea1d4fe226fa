"""Pure algorithms the service shell shares with every app: plain data in, plain data out, no
Django imported, directly or indirectly. This package imports nothing."""
