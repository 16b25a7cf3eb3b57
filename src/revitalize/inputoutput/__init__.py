"""Input-output analysis: tables, Leontief/Ghosh models, multipliers, linkages,
extraction, decomposition, regionalization and shock impacts.

Pure functions (``core``, ``multipliers``, ``linkages`` ...) take numpy arrays and carry
the equation and a reference in their docstrings; :class:`~revitalize.inputoutput.table.IOTable`
holds a labelled table and calls them.
"""

from __future__ import annotations
