"""Opportunity ranking of a region: feasibility (density) vs attractiveness (PCI, COG).

For a location :math:`c` and every activity :math:`p` it does not yet have
(:math:`M_{cp} = 0`), the Atlas of Economic Complexity weighs how *feasible* the
activity is (relatedness density :math:`\\omega_{cp}`, or distance :math:`1 -
\\omega_{cp}`) against how *attractive* it is (its complexity :math:`PCI_p` and the
outlook gain :math:`COG_{cp}`). Here

.. math::

    S_{cp} = w_\\omega z(\\omega_{cp}) + w_{PCI} z(PCI_p) + w_{COG} z(COG_{cp})
             + \\sum_k w_k z(a_{pk})

with z-scores over the candidate activities of :math:`c` and optional caller-supplied
attributes :math:`a_{pk}` (e.g. output multipliers, CO2 intensity: give a negative
weight to what should count against an activity). The package imports no other
domain: attributes arrive as a plain frame indexed by activity.

References
----------
Hausmann, R., Hidalgo, C. A. et al. (2014). *The Atlas of Economic Complexity*, MIT
Press, ch. 5 (feasibility chart, distance, COG). Hidalgo, C. A. et al. (2018). The
principle of relatedness. *Springer Proceedings in Complexity*, 451-457.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from revitalize.complexity.checks import ComplexityInputError
from revitalize.complexity.panel import ComplexityResult, complexity_matrix

__all__ = [
    "DEFAULT_WEIGHTS",
    "activity_table",
    "feasibility_chart_data",
    "location_table",
    "narrative",
    "opportunity_table",
]

#: default weights of the score (a balanced choice of this package, not the Atlas's)
DEFAULT_WEIGHTS: dict[str, float] = {"density": 0.5, "pci": 0.25, "cog": 0.25}


def _result(matrix: pd.DataFrame, threshold: float) -> ComplexityResult:
    return complexity_matrix(matrix.to_numpy(float), threshold=threshold)


def _attrs(matrix: pd.DataFrame) -> dict[str, object]:
    return {k: matrix.attrs.get(k) for k in ("resolution", "source", "year", "notes")}


def location_table(matrix: pd.DataFrame, *, threshold: float = 1.0) -> pd.DataFrame:
    """ECI, COI and diversity of every location of a location x activity matrix."""
    r = _result(matrix, threshold)
    out = pd.DataFrame({"region": matrix.index.astype(str), "eci": r.eci, "coi": r.coi,
                        "diversity": r.diversity})
    out["eci_rank"] = out["eci"].rank(ascending=False, method="min").astype(int)
    out["resolution"] = matrix.attrs.get("resolution", "")
    out.attrs.update(_attrs(matrix))
    return out


def activity_table(matrix: pd.DataFrame, *, threshold: float = 1.0) -> pd.DataFrame:
    """PCI and ubiquity of every activity."""
    r = _result(matrix, threshold)
    out = pd.DataFrame({"activity": matrix.columns.astype(str), "pci": r.pci,
                        "ubiquity": r.ubiquity})
    out["resolution"] = matrix.attrs.get("resolution", "")
    out.attrs.update(_attrs(matrix))
    return out


def _row(matrix: pd.DataFrame, region: str) -> int:
    idx = [str(i) for i in matrix.index]
    if region not in idx:
        raise ComplexityInputError(
            f"Region {region!r} is not a location of this matrix.",
            "Pass a code of the matrix index (a province at --level province, a "
            "prefecture at --level prefecture).",
        )
    return idx.index(region)


def _z(v: np.ndarray) -> np.ndarray:
    sd = np.nanstd(v)
    return np.zeros_like(v) if not sd > 0 else (v - np.nanmean(v)) / sd


def opportunity_table(
    matrix: pd.DataFrame,
    region: str,
    *,
    threshold: float = 1.0,
    weights: Mapping[str, float] | None = None,
    attributes: pd.DataFrame | None = None,
    include_present: bool = False,
) -> pd.DataFrame:
    """Rank the activities a region does not yet have (:math:`M_{cp}=0`).

    Parameters
    ----------
    matrix
        Location x activity values (e.g. :func:`~revitalize.complexity.matrices.activity_matrix`).
    region
        A location (index label) of ``matrix``.
    weights
        Weights of ``density``, ``pci``, ``cog`` and of any attribute column
        (default :data:`DEFAULT_WEIGHTS`; attributes default to weight 0).
    attributes
        Optional frame indexed by activity with numeric columns joined to the table.
    include_present
        Also list activities already present (not scored).

    Returns
    -------
    DataFrame
        ``region, activity, present, rca, density, distance, pci, cog, <attributes>,
        score, rank, resolution``, best first.
    """
    i = _row(matrix, region)
    r = _result(matrix, threshold)
    w = dict(DEFAULT_WEIGHTS if weights is None else weights)
    acts = matrix.columns.astype(str)
    t = pd.DataFrame({
        "region": region, "activity": acts, "present": r.mcp[i] > 0, "rca": r.rca[i],
        "density": r.density[i], "distance": 1.0 - r.density[i], "pci": r.pci,
        "cog": r.cog[i],
    })
    if attributes is not None:
        bad = [c for c in attributes.columns if not pd.api.types.is_numeric_dtype(attributes[c])]
        if bad:
            raise ComplexityInputError(
                f"Attribute column(s) {bad} are not numeric.",
                "Pass a frame indexed by activity with numeric columns only.",
            )
        att = attributes.copy()
        att.index = att.index.astype(str)
        t = t.join(att, on="activity")
    unknown = [k for k in w if k not in t.columns]
    if unknown:
        raise ComplexityInputError(
            f"Weights name unknown column(s) {unknown}.",
            "Use density, pci, cog or a column of the attributes frame.",
        )
    cand = ~t["present"].to_numpy()
    score = np.full(len(t), np.nan)
    if cand.any():
        s = np.zeros(int(cand.sum()))
        for k, wk in w.items():
            s += wk * np.nan_to_num(_z(t.loc[cand, k].to_numpy(float)))
        score[cand] = s
    t["score"] = score
    t = t.sort_values(["present", "score"], ascending=[True, False], kind="stable")
    t["rank"] = np.where(t["present"], 0, np.arange(1, len(t) + 1))
    if not include_present:
        t = t[~t["present"]]
    t["resolution"] = matrix.attrs.get("resolution", "")
    t = t.reset_index(drop=True)
    t.attrs.update(_attrs(matrix), weights=w)
    return t


def feasibility_chart_data(
    matrix: pd.DataFrame, region: str, *, threshold: float = 1.0
) -> pd.DataFrame:
    """Atlas-style feasibility chart of one region: one point per activity.

    ``x`` = distance (lower = more feasible), ``y`` = PCI, ``size`` = the activity's
    share of the region's total, ``cog`` for colour, ``present`` marks activities the
    region already has (RCA >= threshold).
    """
    i = _row(matrix, region)
    r = _result(matrix, threshold)
    row = matrix.to_numpy(float)[i]
    out = pd.DataFrame({
        "activity": matrix.columns.astype(str), "x_distance": 1.0 - r.density[i],
        "y_pci": r.pci, "size_share": row / row.sum(), "cog": r.cog[i],
        "present": r.mcp[i] > 0,
    })
    out.attrs.update(_attrs(matrix), region=region)
    return out


def narrative(
    table: pd.DataFrame,
    name_zh: str,
    name_en: str,
    labels: Mapping[str, tuple[str, str]] | None = None,
    sei: Mapping[str, list[tuple[str, str]]] | None = None,
    top: int = 3,
) -> tuple[str, str]:
    """A short zh/en paragraph on a region's top opportunities.

    ``labels`` maps activity -> (zh, en) display names; ``sei`` maps activity -> the
    (zh, en) names of strategic emerging industries that fall in it.
    """
    res = str(table.attrs.get("resolution") or "")
    cand = table[~table["present"]].head(top) if "present" in table else table.head(top)
    if cand.empty:
        return (f"{name_zh}在所有活动上均已具备比较优势，无新增机会可排（{res}）。",
                f"{name_en} already has a comparative advantage in every activity "
                f"({res}); nothing to rank.")
    lab = labels or {}
    zh_items, en_items = [], []
    for row in cand.itertuples():
        zh, en = lab.get(str(row.activity), (str(row.activity), str(row.activity)))
        zh_items.append(f"{zh}（密度{row.density:.2f}，PCI {row.pci:+.2f}）")
        en_items.append(f"{en} (density {row.density:.2f}, PCI {row.pci:+.2f})")
    zh_txt = f"{name_zh}最可行且较有价值的新增方向：" + "；".join(zh_items) + "。"
    en_txt = f"{name_en}'s most feasible and rewarding new activities: " + "; ".join(
        en_items) + "."
    if sei:
        hits = [n for a in cand["activity"].astype(str) for n in sei.get(a, [])]
        uniq = list(dict.fromkeys(hits))
        if uniq:
            zh_txt += ("其中涉及的战略性新兴产业：" + "、".join(z for z, _ in uniq)
                       + "（门类分辨率下无法单独识别）。")
            en_txt += (" Strategic emerging industries within them: "
                       + ", ".join(e for _, e in uniq)
                       + " (not separable at section resolution).")
    zh_txt += f"分辨率：{res}。"
    en_txt += f" Resolution: {res}."
    return zh_txt, en_txt
