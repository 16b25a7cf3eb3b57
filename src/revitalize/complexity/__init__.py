"""Relatedness and economic complexity of regions (``revitalize.complexity``).

Pure functions on location x activity matrices (:mod:`.rca`, :mod:`.eci`,
:mod:`.proximity`, :mod:`.outlook`), the tidy panel wrapper with ``ecomplexity``'s
conventions (:mod:`.panel`), a robustness report (:mod:`.robustness`), the bundled
Chinese activity matrices (:mod:`.matrices`), the strategic emerging industries
(:mod:`.sei`), the opportunity ranking (:mod:`.opportunities`) and a validated reader
of tables a user brings (:mod:`.userdata`).
"""

from __future__ import annotations

from revitalize.complexity.checks import (
    ComplexityInputError,
    EmptyPresenceError,
    NegativeValueError,
    ZeroLineError,
)
from revitalize.complexity.eci import (
    FitnessResult,
    eci_pci,
    eci_pci_raw,
    fitness_complexity,
    method_of_reflections,
    standardise_eci_pci,
)
from revitalize.complexity.outlook import complexity_outlook_gain, complexity_outlook_index
from revitalize.complexity.panel import ComplexityResult, complexity_matrix, complexity_table
from revitalize.complexity.proximity import density, distance, proximity
from revitalize.complexity.rca import binary_presence, diversity, rca, rpop, ubiquity
from revitalize.complexity.robustness import bootstrap_eci, robustness_report, spearman

__all__ = [
    "ComplexityInputError",
    "ComplexityResult",
    "EmptyPresenceError",
    "FitnessResult",
    "NegativeValueError",
    "ZeroLineError",
    "binary_presence",
    "bootstrap_eci",
    "complexity_matrix",
    "complexity_outlook_gain",
    "complexity_outlook_index",
    "complexity_table",
    "density",
    "distance",
    "diversity",
    "eci_pci",
    "eci_pci_raw",
    "fitness_complexity",
    "method_of_reflections",
    "proximity",
    "rca",
    "robustness_report",
    "rpop",
    "spearman",
    "standardise_eci_pci",
    "ubiquity",
]
