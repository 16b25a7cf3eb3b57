
"""A multi-regional IO model of a few provinces built from the national table.

Construction (:func:`build_mrio`), for regions :math:`r, s` (default LN, JL, HL):

1. Intra-regional blocks by location quotients (:mod:`.regionalize`):
   :math:`A^{ss} = \\min(LQ^s, 1) \\circ A^n`.
2. What :math:`s` buys outside itself, :math:`M^s = A^n - A^{ss} \\ge 0`, is split among
   origins by trade shares :math:`t^{rs}_i` (same share for every purchasing sector, the
   column-coefficient assumption of Chenery-Moses):
   :math:`A^{rs} = \\hat{t}^{rs} M^s` for modelled :math:`r \\ne s`, and the share from
   origins outside the model (``"rest"``: the rest of China) is a *leak*.
3. Trade shares from a destination-constrained gravity model
   (:func:`gravity_trade_shares`).

So :math:`\\sum_r A^{rs} + \\text{leak}^s = A^n` for every :math:`s`. With the NBS
domestic-use :math:`A^n` (non-competitive imports) the leak is purchases from the rest of
China; a total-use :math:`A^n` would put foreign imports in the leak too. :func:`charm`
(Kronenberg 2009) estimates regional trade independently, to check the LQ shares against.

References
----------
Kronenberg, T. (2009) Construction of regional input-output tables using nonsurvey
methods: the role of cross-hauling. *International Regional Science Review* 32(1), 40-64.
Leontief, W. & Strout, A. (1963) Multiregional input-output analysis. In T. Barna (ed.)
*Structural Interdependence and Economic Development*, Macmillan, 119-150.
Miller, R.E. (1966) Interregional feedback effects in input-output models: some
preliminary results. *Papers of the Regional Science Association* 17, 105-125.
Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis*, 2nd ed., ch. 3 (§3.3-3.4).
Round, J.I. (1985) Decomposing multipliers for economic systems involving regional and
world trade. *The Economic Journal* 95(378), 383-399.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput.core import leontief_inverse
from revitalize.inputoutput.regionalize import (
    aflq,
    cross_industry_lq,
    flq,
    regional_coefficients,
    simple_lq,
)

__all__ = [
    "CAPITALS",
    "MRIO",
    "REST",
    "MultiplierDecomposition",
    "RoundDecomposition",
    "build_mrio",
    "capital_distances",
    "charm",
    "charm_heterogeneity",
    "decompose_multipliers",
    "gravity_trade_shares",
    "leakage",
    "multiplier_table",
    "round_decomposition",
]

FloatArray = npt.NDArray[np.float64]

#: Label of the origin outside the modelled regions (rest of China).
REST = "rest"

#: Provincial capitals (GB/T 2260 code -> city, latitude, longitude in degrees).
#: Beijing stands for the rest of China: it is the nearest large economy and the gateway
#: of the road and rail corridors into the Northeast.
CAPITALS: dict[str, tuple[str, float, float]] = {
    "210000": ("Shenyang", 41.8057, 123.4315),
    "220000": ("Changchun", 43.8171, 125.3235),
    "230000": ("Harbin", 45.8038, 126.5350),
    "110000": ("Beijing", 39.9042, 116.4074),
}

_LQ: dict[str, Callable[..., FloatArray]] = {
    "slq": simple_lq, "cilq": cross_industry_lq, "flq": flq, "aflq": aflq
}  # fmt: skip


def _great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance on a sphere of radius 6371.0088 km (the IUGG mean radius)."""
    la1, lo1, la2, lo2 = map(np.radians, (*a, *b))
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return float(2 * 6371.0088 * np.arcsin(np.sqrt(h)))


def capital_distances(regions: Sequence[str], rest_reference: str = "110000") -> pd.DataFrame:
    """Great-circle distances (km) between provincial capitals.

    Rows are origins (``regions`` and :data:`REST`, placed at the capital of
    ``rest_reference``), columns destinations (``regions``). Only capitals in
    :data:`CAPITALS` are known; pass your own distance table for other regions.
    """
    from revitalize.regions import resolve

    def point(name: str) -> tuple[float, float]:
        code = resolve(name).code
        if code not in CAPITALS:
            raise InvalidTableError(
                f"No capital coordinates for {name!r} ({code}).",
                "Pass a distance table (origins x destinations, km) to build_mrio().",
            )
        return CAPITALS[code][1], CAPITALS[code][2]

    origins = [*regions, REST]
    pts = {r: point(r) for r in regions} | {REST: point(rest_reference)}
    return pd.DataFrame(
        [[_great_circle_km(pts[o], pts[d]) for d in regions] for o in origins],
        index=pd.Index(origins, name="origin"),
        columns=pd.Index(list(regions), name="destination"),
    )


def gravity_trade_shares(
    supply: pd.DataFrame, distance: pd.DataFrame, beta: float = 1.0
) -> FloatArray:
    """Shares of each destination's outside purchases by origin, from a gravity model.

    Flows :math:`T^{rs}_i = G_i\\, S^r_i D^s_i / d_{rs}^{\\beta}`, constrained at the
    destination so that the shares of :math:`s`'s purchases from outside itself sum to 1;
    the demand :math:`D^s_i` then cancels (Leontief & Strout 1963, destination-constrained):

    .. math:: t^{rs}_i = \\frac{S^r_i\\, d_{rs}^{-\\beta}}
                              {\\sum_{k \\ne s} S^k_i\\, d_{ks}^{-\\beta}}, \\qquad r \\ne s.

    ``supply``: output, sectors x origins (including outside origins such as
    :data:`REST`); ``distance``: km, origins (rows) x destinations (columns, each also an
    origin); ``beta`` > 0: distance decay. Returns ``t[o, d, i]`` (origin, destination,
    sector), zero where ``o == d``; where no other origin supplies ``i`` the whole share
    goes to the last origin (outside, by convention).
    """
    if beta <= 0:
        raise InvalidTableError(f"beta must be positive, got {beta}.", "Use 1 if unsure.")
    origins, dests = list(supply.columns), list(distance.columns)
    if list(distance.index) != origins or not set(dests) <= set(origins):
        raise InvalidTableError(
            "The distance table's rows must be the supply's origins "
            f"({origins}) and its columns a subset of them ({dests}).",
            "Reindex the distance table: distance.reindex(index=supply.columns).",
        )
    S = supply.to_numpy(dtype=np.float64)
    d = distance.to_numpy(dtype=np.float64)
    if (S < 0).any() or not np.all(np.isfinite(S)):
        raise InvalidTableError("Supply must be finite and non-negative.", "Check outputs.")
    own = np.array([[o == s for s in dests] for o in origins])
    if (d[~own] <= 0).any() or not np.all(np.isfinite(d)):
        raise InvalidTableError(
            "Distances between different places must be finite and positive.",
            "Check the distance table (km).",
        )
    w = np.where(own, 0.0, np.power(np.where(own, 1.0, d), -beta))  # (O, D)
    T = S.T[:, None, :] * w[:, :, None]  # (O, D, n)
    tot = T.sum(axis=0, keepdims=True)
    shares: FloatArray = np.divide(T, tot, out=np.zeros_like(T), where=tot > 0)
    shares[-1][tot[0] == 0] = 1.0
    return shares


@dataclass(frozen=True)
class MRIO:
    """A multi-regional coefficient matrix with its leak to the outside.

    ``A`` is (R n) x (R n), block ``(r, s)`` = :math:`A^{rs}` (inputs from region
    :math:`r` per unit output of region :math:`s`), ordered region-major; ``leak`` is
    n x (R n): inputs bought from outside the modelled regions; ``output`` (R n) the
    regional outputs the model was built from.
    """

    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    A: FloatArray
    leak: FloatArray
    output: FloatArray

    def block(self, r: str, s: str) -> FloatArray:
        """The block :math:`A^{rs}`."""
        n = len(self.sectors)
        i, j = self.regions.index(r), self.regions.index(s)
        return self.A[i * n : (i + 1) * n, j * n : (j + 1) * n]

    def index(self) -> pd.MultiIndex:
        """(region, sector) labels of the rows and columns of ``A``."""
        return pd.MultiIndex.from_product([self.regions, self.sectors], names=["region", "sector"])

    def frame(self) -> pd.DataFrame:
        """``A`` as a labelled DataFrame."""
        return pd.DataFrame(self.A, index=self.index(), columns=self.index())


def build_mrio(
    A_national: pd.DataFrame,
    regional_output: pd.DataFrame,
    national_output: pd.Series,
    *,
    method: str = "flq",
    delta: float = 0.3,
    distance: pd.DataFrame | None = None,
    beta: float = 1.0,
) -> MRIO:
    """Build an MRIO from national coefficients and regional outputs (see module notes).

    Parameters
    ----------
    A_national
        National technical coefficients, sectors x sectors (same labels both ways).
    regional_output
        Gross output, sectors (A's labels) x regions (e.g. LN, JL, HL), in the unit of
        ``national_output`` (national gross output by sector).
    method, delta
        LQ of the intra-regional blocks: ``"slq"``, ``"cilq"``, ``"flq"`` (default,
        :math:`\\delta` = 0.3) or ``"aflq"`` (capped at the national coefficient).
    distance, beta
        Gravity model: km, origins (regions + :data:`REST`) x destinations (regions),
        default :func:`capital_distances` (rest of China at Beijing); distance decay.

    Raises
    ------
    InvalidTableError
        Mismatched labels, an unknown method, regions whose output exceeds the nation's.
    """
    if method not in _LQ:
        raise InvalidTableError(f"Unknown LQ method {method!r}.", f"Use one of {list(_LQ)}.")
    sectors = A_national.index
    for what, idx in (
        ("A_national columns", A_national.columns),
        ("regional_output rows", regional_output.index),
        ("national_output", national_output.index),
    ):
        if not idx.equals(sectors):
            raise InvalidTableError(
                f"Sector labels of {what} differ from the rows of A_national"
                + (" (same labels, other order)." if set(idx) == set(sectors) else "."),
                "Give every input the same sector labels in the same order.",
            )
    regions = [str(r) for r in regional_output.columns]
    A = A_national.to_numpy(dtype=np.float64)
    xn = national_output.to_numpy(dtype=np.float64)
    X = regional_output.to_numpy(dtype=np.float64)
    rest = xn - X.sum(axis=1)
    if (rest < -1e-9 * np.maximum(xn, 1.0)).any():
        k = int(np.argmin(rest))
        raise InvalidTableError(
            f"The regions together produce more of sector {sectors[k]!r} than the nation.",
            "Pass regional and national output in the same unit (e.g. both CNY 100m).",
        )
    kw = {"delta": delta} if method in ("flq", "aflq") else {}
    intra = [regional_coefficients(A, _LQ[method](X[:, k], xn, **kw)) for k in range(len(regions))]
    supply = pd.DataFrame(
        np.column_stack([X, np.maximum(rest, 0.0)]), index=sectors, columns=[*regions, REST]
    )
    dist = (
        capital_distances(regions)
        if distance is None
        else distance.reindex(index=supply.columns, columns=regions)
    )
    if dist.isna().to_numpy().any():
        raise InvalidTableError(
            "The distance table lacks some origin or destination.",
            f"Give rows {list(supply.columns)} and columns {regions}.",
        )
    t = gravity_trade_shares(supply, dist, beta)
    R, n = len(regions), len(sectors)
    big = np.zeros((R * n, R * n))
    leak = np.zeros((n, R * n))
    for s in range(R):
        Ms = A - intra[s]
        cols = slice(s * n, (s + 1) * n)
        for r in range(R):
            rows = slice(r * n, (r + 1) * n)
            big[rows, cols] = intra[s] if r == s else t[r, s][:, None] * Ms
        leak[:, cols] = t[R:, s].sum(axis=0)[:, None] * Ms
    return MRIO(tuple(regions), tuple(map(str, sectors)), big, leak, X.T.reshape(-1))


# ---------------------------------------------------------------------------- effects
@dataclass(frozen=True)
class MultiplierDecomposition:
    """Miller's (1966) split of the MRIO inverse; see :func:`decompose_multipliers`.

    All (R n) x (R n): ``intra`` and ``feedback`` block-diagonal, ``spillover``
    block-off-diagonal; ``intra + feedback + spillover == total``.
    """

    total: FloatArray
    intra: FloatArray
    feedback: FloatArray
    spillover: FloatArray


def decompose_multipliers(mrio: MRIO) -> MultiplierDecomposition:
    """Intra-regional, feedback and spillover parts of the MRIO Leontief inverse.

    .. math::

        L^{ss} = \\underbrace{(I - A^{ss})^{-1}}_{\\text{intra}}
                 + \\underbrace{L^{ss} - (I - A^{ss})^{-1}}_{\\text{feedback}}, \\qquad
        L^{rs}\\ (r \\ne s) = \\text{spillover}

    For final demand in :math:`s`: the region alone, the output in :math:`s` that comes
    back through its purchases from other regions, and the output in other regions
    (Miller 1966; Miller & Blair 2009, §3.3-3.4). Column sums are output multipliers.
    """
    n, R = len(mrio.sectors), len(mrio.regions)
    L = leontief_inverse(mrio.A)
    intra = np.zeros_like(L)
    for s in range(R):
        b = slice(s * n, (s + 1) * n)
        intra[b, b] = leontief_inverse(mrio.A[b, b])
    diag = np.kron(np.eye(R), np.ones((n, n))).astype(bool)
    feedback = np.where(diag, L - intra, 0.0)
    spill = np.where(diag, 0.0, L)
    return MultiplierDecomposition(total=L, intra=intra, feedback=feedback, spillover=spill)


@dataclass(frozen=True)
class RoundDecomposition:
    """Round's (1985) multiplicative decomposition :math:`L = M_3 M_2 M_1`.

    ``M1`` intra-regional (block-diagonal :math:`(I - \\hat{A})^{-1}`), ``M2`` open-loop
    spillover :math:`\\sum_{k=0}^{R-1} \\bar{A}^k`, ``M3`` closed-loop feedback
    :math:`(I - \\bar{A}^R)^{-1}`, with :math:`\\bar{A} = M_1 A^*`, :math:`A^*` the
    off-diagonal blocks. Additive form: ``M1 + spillover + feedback == M3 @ M2 @ M1``.
    """

    M1: FloatArray
    M2: FloatArray
    M3: FloatArray

    @property
    def spillover(self) -> FloatArray:
        """:math:`(M_2 - I) M_1`."""
        out: FloatArray = (self.M2 - np.eye(len(self.M2))) @ self.M1
        return out

    @property
    def feedback(self) -> FloatArray:
        """:math:`(M_3 - I) M_2 M_1`."""
        out: FloatArray = (self.M3 - np.eye(len(self.M3))) @ self.M2 @ self.M1
        return out


def round_decomposition(mrio: MRIO) -> RoundDecomposition:
    """Round's multiplicative decomposition of the MRIO inverse.

    .. math:: (I - A)^{-1} = (I - \\bar{A}^R)^{-1}
              \\Big(\\sum_{k=0}^{R-1} \\bar{A}^k\\Big) (I - \\hat{A})^{-1},
              \\qquad \\bar{A} = (I - \\hat{A})^{-1} A^*

    (Round 1985; for two regions as in Miller & Blair 2009, §3.3). Holds because
    :math:`(I - \\bar{A})(I + \\bar{A} + \\dots + \\bar{A}^{R-1}) = I - \\bar{A}^R`.
    """
    n, R = len(mrio.sectors), len(mrio.regions)
    diag = np.kron(np.eye(R), np.ones((n, n))).astype(bool)
    M1 = leontief_inverse(np.where(diag, mrio.A, 0.0))
    Abar = M1 @ np.where(diag, 0.0, mrio.A)
    eye = np.eye(R * n)
    M2, P = eye.copy(), eye.copy()
    for _ in range(R - 1):
        P = P @ Abar
        M2 += P
    M3: FloatArray = np.linalg.solve(eye - P @ Abar, eye).astype(np.float64)
    return RoundDecomposition(M1=M1, M2=M2, M3=M3)


def multiplier_table(mrio: MRIO) -> pd.DataFrame:
    """Output multipliers by (region, sector) of final demand, split by where output arises.

    Columns ``intra``, ``feedback``, ``spillover`` (column sums of the parts of
    :func:`decompose_multipliers`), ``total`` (their sum) and ``leak`` (purchases from
    outside the modelled regions per unit of final demand, :math:`i' \\Lambda L`,
    :math:`\\Lambda` = ``mrio.leak``).
    """
    d = decompose_multipliers(mrio)
    return pd.DataFrame(
        {
            "intra": d.intra.sum(axis=0),
            "feedback": d.feedback.sum(axis=0),
            "spillover": d.spillover.sum(axis=0),
            "total": d.total.sum(axis=0),
            "leak": (mrio.leak @ d.total).sum(axis=0),
        },
        index=mrio.index(),
    )


def leakage(mrio: MRIO) -> pd.DataFrame:
    """Where each region buys its intermediate inputs, and what leaks out per unit demand.

    With :math:`x^s` the region's output, shares of its purchases
    :math:`i' A^{n} x^s = i' (\\sum_r A^{rs} + \\text{leak}^s) x^s` made in the region
    (``intra``, :math:`i' A^{ss} x^s`), in the other modelled regions (``other_regions``)
    and outside (``rest``); and ``leak_per_unit``, outside purchases (direct and indirect,
    :math:`i' \\Lambda L f`) per unit of final demand :math:`f` in :math:`s` spread over
    sectors like the region's output.
    """
    n, R = len(mrio.sectors), len(mrio.regions)
    L = leontief_inverse(mrio.A)
    rows = []
    for s in range(R):
        c = slice(s * n, (s + 1) * n)
        xs, f = mrio.output[c], np.zeros(R * n)
        f[c] = xs / xs.sum() if xs.sum() > 0 else 1.0 / n
        bought = np.array([(mrio.A[c, c] @ xs).sum(), (mrio.A[:, c] @ xs).sum(),
                           (mrio.leak[:, c] @ xs).sum()])  # fmt: skip
        bought[1] -= bought[0]
        shares = bought / bought.sum() if bought.sum() > 0 else np.full(3, np.nan)
        rows.append([*shares, float((mrio.leak @ (L @ f)).sum())])
    return pd.DataFrame(
        rows,
        index=pd.Index(mrio.regions, name="region"),
        columns=["intra", "other_regions", "rest", "leak_per_unit"],
    )


def charm_heterogeneity(
    output: npt.ArrayLike,
    intermediate_use: npt.ArrayLike,
    final_use: npt.ArrayLike,
    exports: npt.ArrayLike,
    imports: npt.ArrayLike,
) -> FloatArray:
    """National product heterogeneity for :func:`charm` (Kronenberg 2009).

    .. math:: h_i = \\frac{(e_i + m_i) - |e_i - m_i|}{x_i + z_i + f_i}

    National cross-hauling (trade volume less net trade) over output plus domestic use
    (:math:`f`: final use less exports); 0 where the denominator is 0.
    """
    arrays = (output, intermediate_use, final_use, exports, imports)
    x, z, f, e, m = (np.asarray(a, dtype=np.float64) for a in arrays)
    if (e < 0).any() or (m < 0).any():
        raise InvalidTableError(
            "Exports and imports must be non-negative for CHARM.",
            "Use gross trade flows (not net trade).",
        )
    den = x + z + f
    out = np.zeros_like(den)
    np.divide(e + m - np.abs(e - m), den, out=out, where=den > 0)
    return out


def charm(
    output: npt.ArrayLike,
    intermediate_use: npt.ArrayLike,
    final_use: npt.ArrayLike,
    heterogeneity: npt.ArrayLike,
) -> pd.DataFrame:
    """Regional exports and imports by CHARM (cross-hauling adjusted regionalization).

    .. math::

        b_i = x_i - z_i - f_i, \\quad q_i = h_i (x_i + z_i + f_i), \\quad
        v_i = |b_i| + q_i, \\quad e_i = \\tfrac{v_i + b_i}{2}, \\quad
        m_i = \\tfrac{v_i - b_i}{2}

    (Kronenberg 2009): :math:`z, f` regional intermediate and final use (less exports),
    :math:`h` from :func:`charm_heterogeneity`. Satisfies :math:`x + m = z + f + e`.
    """
    arrays = (output, intermediate_use, final_use, heterogeneity)
    x, z, f, h = (np.asarray(a, dtype=np.float64) for a in arrays)
    if not (x.shape == z.shape == f.shape == h.shape) or x.ndim != 1:
        raise InvalidTableError("CHARM inputs must be vectors of one length.", "Align them.")
    if (h < 0).any() or (x < 0).any():
        raise InvalidTableError("Output and heterogeneity must be non-negative.", "Check them.")
    b = x - z - f
    q = h * (x + z + f)
    v = np.abs(b) + q
    cols = {"balance": b, "cross_hauling": q, "volume": v}
    return pd.DataFrame({**cols, "exports": (v + b) / 2, "imports": (v - b) / 2})
