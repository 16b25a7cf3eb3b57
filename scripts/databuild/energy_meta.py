"""Catalogue entries of the supply-side ``energy_*`` datasets (see energy_supply)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import energy_supply as sup

GEM_LICENCE = (
    "GEM Global Coal Plant Tracker: CC BY 4.0 ('Copyright © Global Energy Monitor. "
    "Distributed under a Creative Commons Attribution 4.0 International License')"
)


def _pik(raw: list[str]) -> dict[str, Any]:
    return {
        "origin": "PyPSA-China (PIK) model inputs (primary sources named per row where PIK "
        "names them)",
        "intermediary": "GitHub pik-piam/PyPSA-China-PIK (resources/data)",
        "intermediary_commit": sup.PIK_COMMIT,
        "raw_files": raw, "licence": sup.PIK_LICENCE, "vintages": ["pik_2025-12"],
    }


def supply_meta(frames: dict[str, pd.DataFrame], shares: pd.Series, cf_years: str,
                md_point: tuple[float, float], nuclear: str) -> dict[str, dict[str, Any]]:
    """Catalogue entries keyed by dataset id; numbers are taken from the built frames."""
    cor = frames["energy_corridors"]
    out_edges = "; ".join(cor.loc[~cor["in_model"], "pik_edge"])
    hs = float(shares["coal_wind_capacity"])
    costs = frames["energy_costs"]
    chp = frames["energy_chp"].set_index("bus")
    chp_txt = ", ".join(f"{b} {r.chp_by_name_mw:,.0f} of {r.coal_operating_mw:,.0f} MW "
                        f"({r.chp_share:.0%})" for b, r in chp.iterrows())
    pik_txt = ", ".join(f"{b} {v:,.0f} MW" for b, v in chp["pik_chp_coal_mw"].dropna().items())
    pot = frames["energy_potentials"]
    wind = pot[pot["technology"] == "onwind"].set_index("bus")["potential_mw"]
    return {
        "energy_corridors": {
            "title_zh": "现有跨省输电通道(东北、蒙东、河北)",
            "title_en": "Existing inter-provincial transmission corridors (Northeast, "
            "mengdong, Hebei)",
            "description": "PIK's grids/edges_current.csv (existing corridors, MW; no "
            "length, no AC/DC type) restricted to LN, JL, HL, Inner Mongolia and Hebei. "
            "ASSUMPTIONS: (1) Inner Mongolia corridors to LN/JL/HL belong to mengdong, the "
            "only part of Inner Mongolia bordering them; (2) the Inner Mongolia-Hebei "
            f"corridor is split by mengdong's share of Inner Mongolia's GEM coal+wind "
            f"capacity ({hs:.3f}); the rest belongs to western Inner Mongolia, which is not "
            "modelled; (3) Inner Mongolia's corridors to other provinces are outside the "
            f"model and kept with in_model = false, unsplit: {out_edges} (some of them may "
            "start in mengdong, e.g. UHV lines from Tongliao or Xilingol - the data do not "
            "say; a model may treat them as fixed exports); (4) length_km = great-circle "
            f"distance x {sup.ROUTE_FACTOR} between provincial capitals (Shenyang, "
            "Changchun, Harbin, Shijiazhuang; coordinates are public facts) and, for "
            "mengdong, the 2020-population-weighted mean of the five prefectures' polygon "
            f"centroids ({md_point[0]:.3f} N, {md_point[1]:.3f} E). Corridors are listed "
            "once (bus0 before bus1 in the order LN, JL, HL, mengdong, Hebei); flows may go "
            "both ways.",
            **_pik([sup.EDGES, sup.PREFECTURES]),
            "coverage": "corridors among 210000, 220000, 230000, mengdong, 130000 (+ Inner "
            "Mongolia links outside the model, flagged)",
        },
        "energy_costs": {
            "title_zh": "发电、储能与输电技术成本参数(PyPSA-China, 折算人民币)",
            "title_en": "Technology cost and performance parameters (PyPSA-China), in CNY",
            "description": "PIK costs_YYYY.csv (2020-2060 every 5 years; PyPSA "
            "technology-data lineage: Danish Energy Agency catalogues, Lazard, DIW, Chinese "
            "sources for onwind/solar/coal - named per row in source) for "
            f"{costs['technology'].nunique()} technologies. Money is converted to CNY at "
            f"{sup.FX_YEAR} annual average rates, EUR 1 = CNY {sup.EUR_CNY}, USD 1 = CNY "
            f"{sup.USD_CNY} (ASSUMPTION: one conversion of the published numbers, no price-"
            "year adjustment; PIK's price bases are mostly EUR 2020, nuclear and the CCS "
            "retrofit are in USD); per kW -> per MW, per kWh -> per MWh (energy stores: "
            "battery storage, H2 storage), lines per MW and km. original_value/original_unit "
            "keep PIK's numbers. fuel and co2_intensity of coal, coal CCS retrofit and CHP "
            "coal are PIK's 'coal' rows, of OCGT/CCGT the 'gas' rows; nuclear has its own "
            "fuel row. 'coal CCS retrofit' is PIK's 'retrofit' (investment is the add-on to "
            f"a coal plant); its capture_rate {sup.CCS_CAPTURE_RATE} is an ASSUMPTION and its "
            "vom (per MWh_e) is DERIVED from PIK's USD/tCO2 with coal's CO2 intensity and "
            "efficiency. PIK prices HVAC overhead lines like HVDC (same per MW km value, "
            "source a China Daily UHVDC article); PHS efficiency is round trip; the battery "
            "inverter's 0.96 is labelled 'round trip efficiency DC' by the DEA (PyPSA models "
            "apply it to charging and to discharging). Lineages differ: 'coal' investment is "
            "a Chinese figure (505 EUR/kW in 2020), 'CHP coal' the Danish Energy Agency's "
            "(1,900 EUR/kW), so CHP looks far dearer than condensing coal. No discount rate "
            "is given for these technologies (only for decentral heating): the loader "
            "takes it as a parameter.",
            **_pik([f"{sup.PIK}/costs/costs_{y}.csv" for y in range(2020, 2061, 5)]),
            "coverage": ", ".join(sorted(costs["technology"].unique())) + "; 2020-2060",
            "fx": {"EUR_CNY": sup.EUR_CNY, "USD_CNY": sup.USD_CNY, "year": sup.FX_YEAR},
        },
        "energy_potentials": {
            "title_zh": "风电可开发潜力与光伏容量系数(GCAM-China)",
            "title_en": "Wind expansion potential and PV capacity factors (GCAM-China)",
            "description": "Onshore wind: gcamdata's maxResource (EJ/yr of potential "
            "generation, supply curves by Y. Zhou, PNNL) converted to MW at the mean realised "
            "annual wind capacity factor of the province (December YTD utilisation hours / "
            f"hours of the year, CREA-derived, years {cf_years}); MW = EJ x 277.78e6 MWh/EJ "
            "/ (8760 h x CF). The realised CF (after curtailment, existing sites) is an "
            "ASSUMPTION standing in for the resource's own CF. mengdong = Inner Mongolia x "
            f"the land-area share {float(shares['land_area']):.3f} (ASSUMPTION) at Inner "
            f"Mongolia's CF. Results (MW): {wind.round(0).to_dict()}. Solar: the bundled "
            "gcamdata has no PV potential, only static PV capacity factors (Energy "
            "Foundation 2011), kept here; potential_mw is empty and the loader returns no "
            "limit (inf).",
            "origin": "PNNL/JGCRI GCAM-China (Zhou et al. wind supply curves; Energy "
            "Foundation 2011 PV capacity factors); NBS/CEC utilisation hours via CREA",
            "intermediary": "GitHub JGCRI/gcamdata (inst/extdata/gcam-china); "
            "energyandcleanair/china_co2",
            "intermediary_commit": "318b7ae44c09efe713b95f6ad7632459470311d6; "
            "4ee9afb7bacd64fb8ab06893b7683d3311e890d7; "
            "4043449a84be761a10e05b95a1b81d38a6be0a4a",
            "raw_files": [sup.WIND_POT, sup.PV_CF, sup.CF_FILE, sup.PREFECTURES,
                          sup.PROVINCES],
            "licence": "gcamdata: MIT (package DESCRIPTION 'MIT + file LICENSE'), cite Zhou "
            "et al. (PNNL) and the Energy Foundation; capacity factors derived from Wind "
            "exports of NBS/CEC statistics (cite NBS/CEC and CREA)",
            "vintages": ["gcamdata", "crea_2025-03"],
            "coverage": "buses 210000, 220000, 230000, mengdong; onwind, solar",
        },
        "energy_storage_capacity": {
            "title_zh": "抽水蓄能装机(分节点)",
            "title_en": "Pumped-hydro storage capacity by bus",
            "description": "PIK hydro/PHS_p_nom.csv (MW) for LN, JL, HL. Inner Mongolia's "
            "1,200 MW is the Huhhot station in western Inner Mongolia (WRI GPPD lists "
            "'Huhhot', 1,200 MW, 2014, outside the five eastern prefectures), so mengdong = "
            "0. PHS is also counted in the hydro capacity of the power statistics "
            "(existing_capacity 'hydro'). No energy capacity (MWh) is in the data. Nuclear "
            f"cross-check: {nuclear}.",
            **_pik([sup.PHS, sup.NUCLEAR, "wri_gppd_china/wri_china_power_plants_raw.csv"]),
            "coverage": "buses 210000, 220000, 230000, mengdong",
        },
        "energy_chp": {
            "title_zh": "燃煤热电联产装机(按电厂名称识别)",
            "title_en": "Coal CHP capacity by bus (identified by plant name)",
            "description": "Operating GEM coal units (July 2023, curated power_plants) whose "
            f"Chinese plant name contains a heat-supply word ({sup.CHP_PATTERN}) or whose "
            "English name says CHP/Cogen; bus by point-in-polygon. This is a LOWER BOUND: "
            "many plants named 发电厂 also supply district heat, and GEM has no CHP flag. "
            f"CHP by name / operating coal: {chp_txt}. Cross-check, PIK CHP_coal_capacity.csv "
            f"(GEM-derived, summed over build periods): {pik_txt}. The heating-season months "
            "and the must-run share used by the loader are conventions (parameters), not "
            "data.",
            "origin": "Global Energy Monitor (Global Coal Plant Tracker July 2023)",
            "intermediary": "GitHub pik-piam/PyPSA-China-PIK (GEM spreadsheet; "
            "CHP_coal_capacity.csv)",
            "intermediary_commit": "84798fa94e2b51a19d423153f94bf09ebeb2630a",
            "raw_files": ["gem_trackers_china/gem_coal_units_china_2023-07.csv", sup.CHP_PIK],
            "licence": GEM_LICENCE + "; PIK file: " + sup.PIK_LICENCE,
            "vintages": ["gem_2023"],
            "coverage": "buses 210000, 220000, 230000, mengdong",
        },
    }
