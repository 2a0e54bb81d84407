"""``python -m isotrack`` and the ``isotrack`` program.

Python's cyclic garbage collector pauses while the modules load (it would only walk objects
that live as long as the process); :func:`isotrack.cli.main` starts it again.
"""

import gc

gc.disable()

from isotrack.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
