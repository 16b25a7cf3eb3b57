"""Why a scenario cannot be solved: simple sufficient conditions, checked before solving.

Load shedding (at the value of lost load) keeps the energy balance always feasible, so
an infeasible scenario comes from a *hard* constraint that no amount of shedding can
meet. Each check below is a sufficient condition for infeasibility that is cheap to
evaluate:

1. CHP minimum above coal availability: :math:`s_{b,m} > \\bar p^{coal}`.
2. CO2 cap below the must-run emissions of existing CHP coal:
   :math:`\\sum_t w_t \\sum_b s_{b,m(t)} \\bar P^{coal}_b\\, e / \\eta > \\mathrm{CAP}`.
3. Must-run surplus: in some snapshot the CHP minimum exceeds everything that can absorb
   it - load, exports to North China and storage charging (system), or additionally
   the corridors out of a bus (per bus). Extendable storage or corridors make the sink
   unbounded and switch the check off.
4. Reserve margin above all firm capacity that could exist: installed plus the
   potentials (``p_nom_max``) of extendable firm plant.
5. Without load shedding: load in some snapshot above everything that could supply it,
   :math:`\\sum_g \\bar p_{g,t} \\max(P_g, P^{max}_g)` plus storage and imports.

If the solver still reports infeasibility, :func:`infeasible_error` names the active
hard constraints so the user knows what to relax.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from revitalize.exceptions import InputError

__all__ = ["InfeasibleScenarioError", "check_feasibility", "diagnose", "infeasible_error"]


class InfeasibleScenarioError(InputError):
    """A scenario whose constraints cannot all hold (exit code 2 on the command line).

    Attributes
    ----------
    causes
        One line per cause found, most specific first.
    """

    def __init__(self, causes: list[str], hint: str) -> None:
        self.causes = list(causes)
        text = "The scenario is infeasible: " + " Also: ".join(self.causes)
        super().__init__(text, hint)


def _chp_share(n: Any) -> pd.DataFrame:
    """Snapshots x buses CHP share from ``n.meta``."""
    months = pd.DatetimeIndex(n.snapshots).month.to_numpy()
    chp = n.meta.get("chp_min") or {}
    cols = {b: np.asarray(v, dtype=float)[months - 1] for b, v in chp.items()}
    return pd.DataFrame(cols, index=n.snapshots)


def _fixed(static: pd.DataFrame, mask: pd.Series) -> pd.Series:
    sel = static[mask.to_numpy() & ~static.p_nom_extendable.astype(bool).to_numpy()]
    return sel.groupby("bus").p_nom.sum() if "bus" in sel else pd.Series(dtype=float)


def diagnose(n: Any) -> list[tuple[str, str]]:
    """Run the sufficient checks on a built network; return (cause, hint) pairs."""
    out: list[tuple[str, str]] = []
    meta = n.meta
    gens = n.generators
    w = n.snapshot_weightings.generators
    share = _chp_share(n)
    coal = gens[gens.carrier == "coal"]
    coal_fixed = _fixed(coal, pd.Series(True, index=coal.index))
    if not share.empty and not coal.empty:
        avail = float(coal.p_max_pu.min()) if "p_max_pu" in coal else 1.0
        over = share.max()[share.max() > avail + 1e-9]
        if len(over):
            b = over.index[0]
            out.append(
                (
                    f"the heating-season CHP minimum at bus {b} ({over.iloc[0]:.0%} of coal "
                    f"capacity) exceeds coal availability ({avail:.0%}).",
                    "Lower chp_min for that bus or raise availability['coal'].",
                )
            )
    must = share.reindex(columns=coal_fixed.index).fillna(0.0) * coal_fixed
    cap = meta.get("co2_cap")
    if cap is not None and not coal.empty and must.to_numpy().sum() > 0:
        eff = float(coal.efficiency.mean())
        intensity = float(n.carriers.at["coal", "co2_emissions"])
        floor = float((must.sum(axis=1) * w).sum()) * intensity / eff
        limit = float(cap) * float(meta.get("share_of_year", 1.0))
        if floor > limit + 1e-6:
            out.append(
                (
                    f"the CO2 cap ({limit:,.0f} t over the modelled hours) is below the "
                    f"{floor:,.0f} t that existing coal CHP must emit to meet the heating-season "
                    "minimum alone.",
                    "Raise co2_cap, lower chp_min (heat from boilers or heat pumps), or retire "
                    "coal capacity in the inputs.",
                )
            )
    out.extend(_surplus(n, must))
    out.extend(_reserve(n))
    out.extend(_adequacy(n))
    return out


def _adequacy(n: Any) -> list[tuple[str, str]]:
    gens = n.generators
    if (gens.carrier == "load shedding").any():
        return []
    parts = [(gens, n.get_switchable_as_dense("Generator", "p_max_pu"))]
    if not n.storage_units.empty:
        parts.append((n.storage_units, None))
    fc = n.links[n.links.carrier == "fuel cell"]
    if not fc.empty:
        parts.append((fc.assign(p_nom=fc.p_nom * fc.efficiency), None))
    supply = pd.Series(0.0, index=n.snapshots)
    for static, pu in parts:
        ext = static.p_nom_extendable.astype(bool)
        size = static.p_nom.where(~ext, static.p_nom_max)
        if not np.isfinite(size.to_numpy(dtype=float)).all():
            return []
        supply += float(size.sum()) if pu is None else (pu[static.index] * size).sum(axis=1)
    load = n.loads_t.p_set.sum(axis=1)
    gap = load - supply
    if (gap > 1e-6).any():
        t = gap.idxmax()
        return [
            (
                f"at {t} load ({load[t]:,.0f} MW) exceeds all the capacity that could exist - "
                f"installed plant at its availability, extendable potentials, storage and "
                f"imports ({supply[t]:,.0f} MW) - and load shedding is off.",
                "Allow load shedding (load_shedding=True reports the gap as unserved energy), "
                "make more technologies extendable or raise their potentials.",
            )
        ]
    return []


def _surplus(n: Any, must: pd.DataFrame) -> list[tuple[str, str]]:
    if must.empty or must.to_numpy().sum() <= 0:
        return []
    su, links = n.storage_units, n.links
    unbounded = bool(su.p_nom_extendable.any()) or bool(
        links[links.carrier == "electrolysis"].p_nom_extendable.any()
    )
    if unbounded:
        return []
    load = n.loads_t.p_set.T.groupby(n.loads.bus).sum().T.reindex(columns=must.columns)
    gens = n.generators
    export = float(-(gens[gens.carrier == "export"].p_nom * gens.p_min_pu).sum())
    charge = su.groupby("bus").p_nom.sum().reindex(must.columns).fillna(0.0)
    excess = must.sum(axis=1) - load.sum(axis=1) - export - float(charge.sum())
    if (excess > 1e-6).any():
        t = excess.idxmax()
        return [
            (
                f"at {t} the heating-season CHP minimum ({must.loc[t].sum():,.0f} MW) exceeds "
                f"load ({load.loc[t].sum():,.0f} MW) plus exports ({export:,.0f} MW) plus "
                f"storage charging ({charge.sum():,.0f} MW) by {excess[t]:,.0f} MW.",
                "Lower chp_min, allow storage or more export capacity, or reduce coal capacity.",
            )
        ]
    ac = links[links.carrier == "AC"]
    if bool(ac.p_nom_extendable.any()):
        return []
    out_cap = ac.groupby("bus0").p_nom.sum().reindex(must.columns).fillna(0.0)
    local = must - load - out_cap - charge
    if (local.to_numpy() > 1e-6).any():
        b = str(local.max().idxmax())
        i = int(np.argmax(local[b].to_numpy()))
        t, mv, lv = local.index[i], float(must[b].to_numpy()[i]), float(load[b].to_numpy()[i])
        return [
            (
                f"at {t} the CHP minimum at bus {b} ({mv:,.0f} MW) exceeds "
                f"its load ({lv:,.0f} MW) plus corridor "
                f"({float(out_cap[b]):,.0f} MW) and storage ({float(charge[b]):,.0f} MW) "
                "capacity.",
                "Lower chp_min there or make transmission extendable.",
            )
        ]
    return []


def _reserve(n: Any) -> list[tuple[str, str]]:
    meta = n.meta
    margin = meta.get("reserve_margin")
    if margin is None:
        return []
    credit = meta.get("firm_credit", {})
    buses = meta["buses"]
    best = pd.Series(0.0, index=buses)
    for static in (n.generators, n.storage_units):
        k = static.carrier.map(credit).fillna(0.0)
        size = static.p_nom.where(~static.p_nom_extendable.astype(bool), static.p_nom_max)
        best = best.add((k * size).groupby(static.bus).sum(), fill_value=0.0)
    fc = n.links[n.links.carrier == "fuel cell"]
    if bool(fc.p_nom_extendable.any()):
        return []
    best = best.reindex(buses).fillna(0.0)
    peaks = pd.Series(meta["peak_load"]).reindex(buses)
    if meta.get("reserve_scope") == "bus":
        need = (1 + margin) * peaks
        short = (best - need)[best < need - 1e-6]
    else:
        need_sys = (1 + margin) * meta.get("coincident_peak", float(peaks.sum()))
        short = pd.Series({"the system": best.sum() - need_sys})
        short = short[short < -1e-6]
    if short.empty or not np.isfinite(best.sum()):
        return []
    where = short.index[0]
    return [
        (
            f"the reserve margin of {margin:.0%} at {where} needs {-short.iloc[0]:,.0f} MW more "
            "firm capacity than installed plant plus every extendable potential can give.",
            "Lower reserve_margin, allow more firm technologies (coal, gas, nuclear, storage, "
            "H2) to be extendable, or raise their potentials.",
        )
    ]


def infeasible_error(
    n: Any, causes: list[tuple[str, str]] | None = None
) -> InfeasibleScenarioError:
    """The error to raise for an infeasible network, naming causes or suspects."""
    found = diagnose(n) if causes is None else causes
    if found:
        hint = " ".join(dict.fromkeys(h for _, h in found))
        return InfeasibleScenarioError([c for c, _ in found], hint)
    meta = n.meta
    active = []
    if meta.get("co2_cap") is not None:
        active.append(f"the CO2 cap ({meta['co2_cap']:,.0f} t/yr)")
    if meta.get("chp_min"):
        active.append("the heating-season CHP minimum")
    if meta.get("reserve_margin") is not None:
        active.append(f"the reserve margin ({meta['reserve_margin']:.0%})")
    names = ", ".join(active) or "the network's own limits"
    return InfeasibleScenarioError(
        [f"the solver found no solution; no single simple cause was found among {names}."],
        "Relax these one at a time (raise co2_cap, lower reserve_margin, chp=False) to "
        "find the binding one, or allow more technologies to be extendable.",
    )


def check_feasibility(n: Any) -> None:
    """Raise :class:`InfeasibleScenarioError` if a sufficient check fails."""
    found = diagnose(n)
    if found:
        raise infeasible_error(n, found)
