"""Builders that derive the curated tables in ``src/revitalize/data/files/`` from
the raw public files in ``../shared/data/``. Run through ``scripts/build_data.py``."""
