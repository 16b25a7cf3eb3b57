"""revitalize: monitor, diagnose and plan the revitalization of a regional economy.

The default region is Northeast China (Liaoning, Jilin, Heilongjiang; optionally the five
eastern prefectures of Inner Mongolia). Submodules are imported lazily so that the
command line starts fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
