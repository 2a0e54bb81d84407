"""isotrack: a terminal companion for a daily isometric lower-back routine."""

__version__ = "0.1.0"
