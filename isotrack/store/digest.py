"""The hash of summary bases and program keys (and of the seals older versions wrote):
BLAKE2b, from CPython's built-in ``_blake2`` module. A month's seal is a CRC-32 now (zlib).

``hashlib.blake2b`` is that same function, but importing :mod:`hashlib` first loads OpenSSL's
``_hashlib``, which cost every command about 4 ms and the app about 1 MiB of memory; nothing
in the store needs another algorithm on its everyday path.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it: hashlib provides it from OpenSSL
    from hashlib import blake2b

__all__ = ["blake2b"]
