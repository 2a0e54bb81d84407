"""Where the data folder is.

Imports neither pathlib nor platformdirs at load: ``isotrack status`` (run before every shell
prompt) uses :func:`quick_data_dir`.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

ENV_VAR = "ISOTRACK_DATA"
APP_NAME = "isotrack"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data`` if given, else ``$ISOTRACK_DATA``, else the platform's user data folder."""
    from pathlib import Path

    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # only when no folder is given

    return Path(user_data_dir(APP_NAME, appauthor=False))


def quick_data_dir(explicit: str | None = None) -> str | None:
    """:func:`data_dir` as a string where it needs no library: ``--data``, the environment,
    or on Linux the XDG data folder (the rule platformdirs follows there); None elsewhere."""
    chosen = explicit or os.environ.get(ENV_VAR)
    if chosen:
        return os.path.expanduser(chosen)
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
    return os.path.join(base, APP_NAME)
