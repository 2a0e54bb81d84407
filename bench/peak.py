"""Run ``isotrack ARGS`` in this process and write its peak RSS (VmHWM, bytes) to a file.

    python bench/peak.py OUT ARGS...

A child's ``ru_maxrss`` counts the memory of the process that started it (Linux carries the
high-water mark across exec), so the sweep reads the child's own VmHWM at exit instead.
"""

import atexit
import sys


def _report(path: str) -> None:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                with open(path, "w") as out:
                    out.write(str(int(line.split()[1]) * 1024))
                return


if __name__ == "__main__":
    out = sys.argv[1]
    sys.argv = ["isotrack", *sys.argv[2:]]
    atexit.register(_report, out)
    from isotrack.__main__ import run  # as the installed program starts it

    run()
