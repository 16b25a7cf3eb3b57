"""Strategic emerging industries (NBS classification 2018) and their section mapping.

The NBS *Strategic Emerging Industries Classification (2018)* (战略性新兴产业分类(2018),
NBS Order No. 23) has nine first-level categories. Each is defined by classes of
GB/T 4754-2017 (4-digit) and products, so at the resolution of the bundled matrices
(20 sections) every category is a small part of one or more sections, shared with
other activities: none can be separated (``separable=False``). The mapping here lists
the sections where a category's classes mainly fall; it says where to look, not how
big a category is.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["sections", "sei_by_section", "sei_categories"]


def sei_categories() -> pd.DataFrame:
    """The nine categories: ``id, zh, en, sections`` (list), ``separable``, ``note``."""
    from revitalize.data import load_table

    t = load_table("sei_categories")
    t["sections"] = t["sections"].str.split(";")
    t["separable"] = t["separable"].astype(bool)
    t.attrs["resolution"] = "GB/T 4754-2017 section"
    return t


def sections() -> pd.DataFrame:
    """The 20 GB/T 4754-2017 sections, indexed by letter, with ``zh`` and ``en``."""
    from revitalize.data import load_table

    return load_table("gbt4754_sections").set_index("section")


def sei_by_section() -> dict[str, list[str]]:
    """Section letter -> ids of the SEI categories that mainly fall in it."""
    out: dict[str, list[str]] = {}
    t = sei_categories()
    for cid, secs in zip(t["id"].tolist(), t["sections"].tolist(), strict=True):
        for s in secs:
            out.setdefault(str(s), []).append(str(cid))
    return out
