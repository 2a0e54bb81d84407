"""Allow ``python -m isotrack``."""

from isotrack.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
