"""Storage: TinyDB files inside one data folder, written atomically under a lock.

Nothing is imported here, so a light module such as :mod:`isotrack.store.glance` (the
prompt's status cache) loads without TinyDB: import ``isotrack.store.store`` for the store.
"""
