"""Power-system planning for the Northeast on PyPSA (optional extra ``energy``).

Builds a data-driven network of Liaoning, Jilin, Heilongjiang, eastern Inner Mongolia
and an exchange with North China from the curated data, and uses PyPSA with the HiGHS
solver for dispatch (backcast), capacity expansion and pathways. PyPSA is imported only
when a network is built, so the package imports without the ``energy`` extra.

Modules: ``inputs`` (:class:`NetworkInputs`), ``sources`` (inputs from the curated data),
``profiles`` (hourly shaping), ``aggregation`` (n-hourly, typical days), ``costs``,
``components`` and ``network`` (:func:`build_network`), ``constraints`` (CHP minimum,
reserve margin), ``diagnostics`` (:class:`InfeasibleScenarioError`), ``results``,
``run`` (:func:`backcast`, :func:`plan`, :func:`pathway`).
"""

from __future__ import annotations

from revitalize.energy.diagnostics import InfeasibleScenarioError
from revitalize.energy.inputs import NetworkInputs
from revitalize.energy.network import EXTENDABLE, build_network
from revitalize.energy.results import Results, tidy
from revitalize.energy.run import Backcast, Pathway, backcast, pathway, plan, solve

__all__ = [
    "EXTENDABLE",
    "Backcast",
    "InfeasibleScenarioError",
    "NetworkInputs",
    "Pathway",
    "Results",
    "backcast",
    "build_network",
    "pathway",
    "plan",
    "solve",
    "tidy",
]
