"""Runtime options: where the local store lives.

The store directory is, in order: the ``REVITALIZE_HOME`` environment variable, else the
platform's user data directory (``platformdirs.user_data_dir("revitalize")``).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_home"]


def data_home() -> Path:
    """Directory for the user's store (created on first write, not here)."""
    env = os.environ.get("REVITALIZE_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("revitalize", appauthor=False))
