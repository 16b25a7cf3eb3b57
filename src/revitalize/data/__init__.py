"""Data layer: dataset catalogue, curated files, loaders and the local DuckDB store.

The public entry points are imported lazily so that ``import revitalize.data`` stays
cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["catalogue", "load", "load_table", "store"]

if TYPE_CHECKING:
    from revitalize.data.catalogue import catalogue
    from revitalize.data.loaders import load, load_table


def __getattr__(name: str) -> Any:
    if name == "load" or name == "load_table":
        from revitalize.data import loaders

        return getattr(loaders, name)
    if name == "catalogue":
        from revitalize.data.catalogue import catalogue

        return catalogue
    if name == "store":
        import importlib

        return importlib.import_module("revitalize.data.store")
    raise AttributeError(name)
