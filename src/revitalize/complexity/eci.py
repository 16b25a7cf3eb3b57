"""Economic and product complexity: eigenvector method, reflections, Fitness-Complexity.

The eigenvector method follows the conventions of the Growth Lab's ``ecomplexity``
package (and its Stata ancestor) exactly, so that results can be cross-checked:
the sign makes ECI correlate positively with diversity, and ECI, PCI and COG are
scaled with the mean and (population) standard deviation of the raw ECI.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.linalg
from numpy.typing import ArrayLike, NDArray

from revitalize.complexity.checks import ComplexityInputError, check_binary

__all__ = [
    "ComplexityWarning",
    "FitnessResult",
    "eci_pci",
    "eci_pci_raw",
    "fitness_complexity",
    "method_of_reflections",
    "standardise_eci_pci",
]

Array = NDArray[np.float64]


class ComplexityWarning(UserWarning):
    """A result that is computed but should be read with care (e.g. disconnected network)."""


def _binary(m: ArrayLike) -> Array:
    x = np.asarray(m, dtype=float)
    if x.ndim != 2:
        raise ComplexityInputError(
            f"M must be a 2-D presence matrix; got shape {x.shape}.",
            "Build it with binary_presence(rca(X)).",
        )
    if not np.isin(x, (0.0, 1.0)).all():
        raise ComplexityInputError(
            "M must contain only 0 and 1.", "Build it with binary_presence(rca(X))."
        )
    check_binary(x)
    return x


def eci_pci_raw(m: ArrayLike) -> tuple[Array, Array]:
    r"""Raw complexity eigenvectors :math:`(k_c, k_p)` before standardisation.

    With :math:`D = \mathrm{diag}(k_{c,0})` and :math:`U = \mathrm{diag}(k_{p,0})`,

    .. math::

        \tilde M^{P} = U^{-1} M^\top D^{-1} M, \qquad
        \tilde M^{P} k_p = \lambda_2 k_p, \qquad k_c = D^{-1} M k_p,

    where :math:`\lambda_2` is the second-largest eigenvalue (the largest, 1, has a
    constant eigenvector) and :math:`\lVert k_p \rVert_2 = 1`. The sign is chosen so that
    :math:`\mathrm{corr}(k_c, k_{c,0}) > 0`. The eigenproblem is solved on the smaller
    side through the symmetric matrix :math:`A A^\top` or :math:`A^\top A`,
    :math:`A = D^{-1/2} M U^{-1/2}`, which has the same non-zero eigenvalues; only the
    two leading eigenpairs are computed.

    Locations with zero diversity and activities with zero ubiquity get NaN. If the
    bipartite network is disconnected, :math:`\lambda_2 = 1`: a
    :class:`ComplexityWarning` says so (the standardised ECI then only separates the
    components; the raw vectors, and so COG, depend on the eigen-solver).

    References
    ----------
    Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic complexity.
    *PNAS* 106(26), 10570-10575. Hausmann, R., Hidalgo, C. A. et al. (2014). *The Atlas of
    Economic Complexity*, MIT Press, technical box 2.1.
    """
    x = _binary(m)
    d = x.sum(axis=1)
    u = x.sum(axis=0)
    rows, cols = d > 0, u > 0
    mv = x[rows][:, cols]
    dv, uv = d[rows], u[cols]
    if mv.shape[0] < 2 or mv.shape[1] < 2:
        raise ComplexityInputError(
            f"ECI needs at least 2 locations and 2 activities present; got {mv.shape}.",
            "Use a larger matrix or a lower RCA threshold.",
        )
    a = mv / np.sqrt(dv)[:, None] / np.sqrt(uv)[None, :]
    small = a @ a.T if mv.shape[0] <= mv.shape[1] else a.T @ a
    n = small.shape[0]
    # only the two largest eigenpairs are needed (LAPACK dsyevr with an index range)
    lam, vec = scipy.linalg.eigh(small, subset_by_index=[n - 2, n - 1], driver="evr")
    if mv.shape[0] <= mv.shape[1]:
        kc0 = vec[:, 0] / np.sqrt(dv)
        kp = (mv.T @ kc0) / uv
    else:
        kp = vec[:, 0] / np.sqrt(uv)
    if lam[-1] - lam[-2] < 1e-10:
        warnings.warn(
            "The location-activity network is disconnected (second eigenvalue = 1): the "
            "ECI only separates its components and the raw eigenvectors (hence COG) are "
            "not unique.",
            ComplexityWarning,
            stacklevel=2,
        )
    kp = kp / np.linalg.norm(kp)
    kc = (mv @ kp) / dv
    if np.std(kc) > 0 and np.corrcoef(dv, kc)[0, 1] < 0:
        kc, kp = -kc, -kp
    kc_full = np.full(x.shape[0], np.nan)
    kp_full = np.full(x.shape[1], np.nan)
    kc_full[rows] = kc
    kp_full[cols] = kp
    return kc_full, kp_full


def standardise_eci_pci(kc: Array, kp: Array) -> tuple[Array, Array]:
    r"""Standardise raw eigenvectors as ``ecomplexity`` (and the Stata package) do.

    .. math::

        ECI_c = \frac{k_c - \overline{k_c}}{\sigma(k_c)}, \qquad
        PCI_p = \frac{k_p - \overline{k_c}}{\sigma(k_c)}

    (population standard deviation; NaN entries ignored). Using the ECI's mean and
    standard deviation for PCI keeps :math:`ECI_c` equal to the mean PCI of the
    activities present in :math:`c`. Without spread (:math:`\sigma(k_c) = 0`, e.g. a
    single location) both are NaN.
    """
    mu, sd = float(np.nanmean(kc)), float(np.nanstd(kc))
    if not sd > 0:  # every location alike (or one location): the ECI is undefined
        return np.full_like(kc, np.nan), np.full_like(kp, np.nan)
    return (kc - mu) / sd, (kp - mu) / sd


def eci_pci(m: ArrayLike) -> tuple[Array, Array]:
    """Economic Complexity Index and Product Complexity Index (eigenvector method).

    See :func:`eci_pci_raw` (equations) and :func:`standardise_eci_pci` (scaling).

    Examples
    --------
    >>> import numpy as np
    >>> eci, pci = eci_pci(np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0]]))
    >>> (np.round(eci, 4) + 0.0).tolist()
    [1.2247, 0.0, -1.2247]
    """
    return standardise_eci_pci(*eci_pci_raw(m))


def method_of_reflections(m: ArrayLike, iterations: int = 18) -> tuple[Array, Array]:
    r"""Method of reflections (Hidalgo & Hausmann 2009).

    .. math::

        k_{c,N} = \frac{1}{k_{c,0}} \sum_p M_{cp} k_{p,N-1}, \qquad
        k_{p,N} = \frac{1}{k_{p,0}} \sum_c M_{cp} k_{c,N-1}

    starting from diversity :math:`k_{c,0}` and ubiquity :math:`k_{p,0}`.

    Parameters
    ----------
    m
        Binary presence matrix without all-zero rows or columns.
    iterations
        :math:`N` (even values rank locations like the ECI as :math:`N` grows).

    Returns
    -------
    (k_c, k_p)
        :math:`k_{c,N}` and :math:`k_{p,N}`.
    """
    x = _binary(m)
    if iterations < 0:
        raise ComplexityInputError(f"iterations must be >= 0; got {iterations}.")
    d, u = x.sum(axis=1), x.sum(axis=0)
    if (d == 0).any() or (u == 0).any():
        raise ComplexityInputError(
            "The method of reflections needs every location and activity present at "
            "least once.",
            "Drop locations with zero diversity and activities with zero ubiquity.",
        )
    kc, kp = d.copy(), u.copy()
    for _ in range(iterations):
        kc, kp = (x @ kp) / d, (x.T @ kc) / u
    return kc, kp


@dataclass(frozen=True)
class FitnessResult:
    """Outcome of :func:`fitness_complexity`.

    ``fitness`` and ``complexity`` are normalised to mean 1; ``iterations`` is the
    number of iterations run; ``converged`` says whether a stopping rule was met before
    ``max_iter``, and ``stopped_by`` which one: ``"values"`` (largest change of either
    vector below ``tol``), ``"ranking"`` (both rankings unchanged for ``patience``
    iterations) or ``"max_iter"``.
    """

    fitness: Array
    complexity: Array
    iterations: int
    converged: bool
    max_change: float
    stopped_by: str


def fitness_complexity(
    m: ArrayLike, *, tol: float = 1e-10, max_iter: int = 5000, patience: int = 200
) -> FitnessResult:
    r"""Fitness-Complexity algorithm (Tacchella et al. 2012).

    .. math::

        \tilde F_c^{(n)} = \sum_p M_{cp} Q_p^{(n-1)}, \qquad
        \tilde Q_p^{(n)} = \frac{1}{\sum_c M_{cp} / F_c^{(n-1)}},

        F_c^{(n)} = \tilde F_c^{(n)} / \langle \tilde F^{(n)} \rangle_c, \qquad
        Q_p^{(n)} = \tilde Q_p^{(n)} / \langle \tilde Q^{(n)} \rangle_p,

    from :math:`F^{(0)} = Q^{(0)} = 1`. Convergence control: the iteration stops when
    the largest absolute change of :math:`F` and :math:`Q` is below ``tol``, or when the
    rankings of both have not changed for ``patience`` iterations (on nested matrices
    the fitness of the less diversified locations decays to 0 only like a power of
    :math:`n`, so the values converge slowly while the ranking settles early; Pugliese
    et al. 2016), or after ``max_iter`` iterations (``converged=False``).

    References
    ----------
    Tacchella, A., Cristelli, M., Caldarelli, G., Gabrielli, A. & Pietronero, L. (2012).
    A new metrics for countries' fitness and products' complexity. *Scientific Reports*
    2, 723. Pugliese, E. et al. (2016). On the convergence of the Fitness-Complexity
    algorithm. *Eur. Phys. J. ST* 225, 1893-1911.
    """
    x = _binary(m)
    if (x.sum(axis=1) == 0).any() or (x.sum(axis=0) == 0).any():
        raise ComplexityInputError(
            "Fitness-Complexity needs every location and activity present at least once.",
            "Drop locations with zero diversity and activities with zero ubiquity.",
        )
    f = np.ones(x.shape[0])
    q = np.ones(x.shape[1])
    change = np.inf
    n, stable, stopped = 0, 0, "max_iter"
    ranks = (np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp))
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        for n in range(1, max_iter + 1):  # noqa: B007
            f_new = x @ q
            q_new = 1.0 / (x.T @ (1.0 / f))
            f_new /= f_new.mean()
            q_new /= q_new.mean()
            change = max(float(np.max(np.abs(f_new - f))), float(np.max(np.abs(q_new - q))))
            f, q = f_new, q_new
            if change < tol:
                stopped = "values"
                break
            new_ranks = (np.argsort(f, kind="stable"), np.argsort(q, kind="stable"))
            same = all(np.array_equal(a, b) for a, b in zip(ranks, new_ranks, strict=True))
            stable = stable + 1 if same else 0
            ranks = new_ranks
            if stable >= patience:
                stopped = "ranking"
                break
    return FitnessResult(f, q, n, stopped != "max_iter", change, stopped)
