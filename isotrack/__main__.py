"""Allow ``python -m isotrack``."""

from isotrack.cli import run

if __name__ == "__main__":
    run()
