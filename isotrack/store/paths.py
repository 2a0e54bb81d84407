"""Where the data folder is."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ISOTRACK_DATA"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data`` if given, else ``$ISOTRACK_DATA``, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # only when no folder is given

    return Path(user_data_dir("isotrack", appauthor=False))
