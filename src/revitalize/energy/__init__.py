"""Power-system planning for the Northeast on PyPSA (optional extra ``energy``).

Builds a data-driven network of Liaoning, Jilin, Heilongjiang, eastern Inner Mongolia
and an exchange with North China from the curated data, and uses PyPSA with the HiGHS
solver for dispatch (backcast), capacity expansion and pathways.
"""

from __future__ import annotations
