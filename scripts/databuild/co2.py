"""CEADs scope-1 CO2 emission inventories: provinces (by sector and fuel) and NE cities.

Sources (``shared/data/ceads_emissions``, flattened from the CEADs spreadsheets stored
in ``Open-Earth-Foundation/OpenClimate``)
-------------------------------------------------------------------------------------
``ceads_province_sector_scope1_1997_2019.csv``
    30 provinces x 1997-2019: ``Total`` and 45 economic sectors + urban and rural
    households (47 rows that sum to ``Total``), Mt CO2.
``ceads_province_fuel_1997_2019.csv``
    the ``Total`` row by 17 fuels + ``Process`` (cement); scope-2 columns are all zero
    in the source and are left out.
``ceads_china_national_by_sector_1997_2019.csv``, ``ceads_china_national_by_fuel_1997_2019.csv``
    national inventory (region ``100000``).
``ceads_city_emissions_1997_2019.csv``
    290 cities; only the prefecture-level units of the region registry are kept.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from revitalize import regions

from .common import Dataset, region_code, slug

DIR = "ceads_emissions"
PROV_SECTOR = f"{DIR}/ceads_province_sector_scope1_1997_2019.csv"
PROV_FUEL = f"{DIR}/ceads_province_fuel_1997_2019.csv"
NAT_SECTOR = f"{DIR}/ceads_china_national_by_sector_1997_2019.csv"
NAT_FUEL = f"{DIR}/ceads_china_national_by_fuel_1997_2019.csv"
CITY = f"{DIR}/ceads_city_emissions_1997_2019.csv"
VINTAGE = "ceads_2023"
SOURCE_PROV = "CEADs provinces (OpenClimate@822037b)"
SOURCE_NAT = "CEADs China (OpenClimate@822037b)"
SOURCE_CITY = "CEADs cities (OpenClimate@822037b)"
UNIT = "Mt CO2"
#: short indicator slugs of the 47 CEADs sectors (full names stay in the catalogue)
SECTOR_SLUGS = {
    "Farming, Forestry, Animal Husbandry, Fishery and Water Conservancy": "agriculture",
    "Coal Mining and Dressing": "coal_mining",
    "Petroleum and Natural Gas Extraction": "oil_gas_extraction",
    "Ferrous Metals Mining and Dressing": "ferrous_mining",
    "Nonferrous Metals Mining and Dressing": "nonferrous_mining",
    "Nonmetal Minerals Mining and Dressing": "nonmetal_mining",
    "Other Minerals Mining and Dressing": "other_mining",
    "Logging and Transport of Wood and Bamboo": "logging",
    "Food Processing": "food_processing", "Food Production": "food_production",
    "Beverage Production": "beverages", "Tobacco Processing": "tobacco",
    "Textile Industry": "textiles", "Garments and Other Fiber Products": "garments",
    "Leather, Furs, Down and Related Products": "leather",
    "Timber Processing, Bamboo, Cane, Palm Fiber & Straw Products": "timber",
    "Furniture Manufacturing": "furniture", "Papermaking and Paper Products": "paper",
    "Printing and Record Medium Reproduction": "printing",
    "Cultural, Educational and Sports Articles": "cultural_articles",
    "Petroleum Processing and Coking": "petroleum_coking",
    "Raw Chemical Materials and Chemical Products": "chemicals",
    "Medical and Pharmaceutical Products": "pharmaceuticals",
    "Chemical Fiber": "chemical_fibre", "Rubber Products": "rubber",
    "Plastic Products": "plastics", "Nonmetal Mineral Products": "nonmetal_minerals",
    "Smelting and Pressing of Ferrous Metals": "ferrous_metals",
    "Smelting and Pressing of Nonferrous Metals": "nonferrous_metals",
    "Metal Products": "metal_products", "Ordinary Machinery": "general_machinery",
    "Equipment for Special Purposes": "special_equipment",
    "Transportation Equipment": "transport_equipment",
    "Electric Equipment and Machinery": "electrical_equipment",
    "Electronic and Telecommunications Equipment": "electronics",
    "Instruments, Meters, Cultural and Office Machinery": "instruments",
    "Other Manufacturing Industry": "other_manufacturing",
    "Scrap and waste": "scrap_waste",
    "Production and Supply of Electric Power, Steam and Hot Water": "power_heat",
    "Production and Supply of Gas": "gas_supply",
    "Production and Supply of Tap Water": "water_supply",
    "Construction": "construction",
    "Transportation, Storage, Post and Telecommunication Services": "transport",
    "Wholesale, Retail Trade and Catering Services": "trade_catering",
    "Others": "other_services",
    "Urban": "households_urban", "Rural": "households_rural",
}
SCOPE2 = {"Scope_2_Heat", "Scope_2_Electricity", "Other_Energy", "Scope_1_Total"}
LICENCE = (
    "CEADs terms: \"These data are made freely available to the public and the scientific "
    "community ... If the data are obtained for potential use in a publication or "
    "presentation, we kindly ask you to cite them properly\" (not an OSI licence; free use "
    "with citation). Cite: Shan Y. et al. (2018) China CO2 emission accounts 1997-2015, Sci. "
    "Data 5:170201; Shan Y. et al. (2020) China CO2 emission accounts 2016-2017, Sci. Data "
    "7:54; Guan Y. et al. (2021) Earth's Future 9:e2021EF002241; cities: Shan Y. et al. "
    "(2022) Science Bulletin, doi:10.1016/j.scib.2022.08.024. Mention CEADs in the text."
)
ORIGIN = "CEADs (Carbon Emission Accounts & Datasets, ceads.net)"
INTERMEDIARY = "GitHub Open-Earth-Foundation/OpenClimate (harmonize/data/raw/CEADS_*)"
COMMIT = "822037b737999c397f58b442a5a31e4098dd42e1"


def _sector_indicator(sector: str) -> str:
    """Indicator id of a CEADs sector (households as ``households_urban/rural``)."""
    return "co2_sector_" + SECTOR_SLUGS[sector]


def _provinces(shared: Path) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """Provincial rows by sector and by fuel; returns (frame, sector names, fuel names)."""
    sec = pd.read_csv(shared / PROV_SECTOR)
    tot = sec[sec["sector"] == "Total"].set_index(["province", "year"])["mt_co2"]
    parts = sec[sec["sector"] != "Total"].groupby(["province", "year"])["mt_co2"].sum()
    gap = (parts - tot).abs().max()
    if gap > 1e-6 or sec["sector"].nunique() != 48:
        raise ValueError(f"co2: sectors do not sum to Total (max gap {gap})")
    sec["indicator"] = ["co2_total" if s == "Total" else _sector_indicator(s)
                        for s in sec["sector"]]
    fuel = pd.read_csv(shared / PROV_FUEL)
    if fuel.loc[fuel["fuel"].isin(SCOPE2 - {"Scope_1_Total"}), "mt_co2"].abs().max() > 0:
        raise ValueError("co2: non-zero scope-2 values; revise the builder")
    fuel = fuel[~fuel["fuel"].isin(SCOPE2)].copy()
    fuel["indicator"] = ["co2_process" if f == "Process" else "co2_fuel_" + slug(f)
                         for f in fuel["fuel"]]
    frame = pd.concat([sec, fuel], ignore_index=True)
    frame["region"] = frame["province"].map(region_code)
    sectors = dict(zip(sec["indicator"], sec["sector"], strict=True))
    fuels = dict(zip(fuel["indicator"], fuel["fuel"].str.replace("_", " "), strict=True))
    return frame.rename(columns={"mt_co2": "value"}), sectors, fuels


def _national(shared: Path) -> pd.DataFrame:
    """National rows by sector and by fuel (sector and fuel names as in the provinces)."""
    sec = pd.read_csv(shared / NAT_SECTOR).replace({"sector": {"Total Consumption": "Total"}})
    sec = sec.melt(id_vars="sector", var_name="year", value_name="value")
    sec["indicator"] = ["co2_total" if s == "Total" else _sector_indicator(s)
                        for s in sec["sector"]]
    fuel = pd.read_csv(shared / NAT_FUEL).drop(
        columns=["Scope 2 Heat", "Scope 2 Electricity", "Other Energy", "Scope 1 Total"])
    fuel = fuel.melt(id_vars="year", var_name="fuel", value_name="value")
    fuel["indicator"] = ["co2_process" if f == "Process" else "co2_fuel_" + slug(f)
                         for f in fuel["fuel"]]
    out = pd.concat([sec, fuel], ignore_index=True)
    return out.assign(region=regions.NATIONAL, year=out["year"].astype(int))


def _city_code(city: str) -> str | None:
    """Registry code of a CEADs city label such as ``辽宁沈阳`` (None if not registered)."""
    prefs = [r for r in regions.all_regions() if r.level == "prefecture"]
    for r in prefs:
        parent = regions.resolve(r.parent or "").short_zh
        if not city.startswith(parent):
            continue
        rest = city[len(parent):]
        if rest in (r.short_zh, r.name_zh, r.short_zh.removesuffix("市"),
                    r.name_zh.removesuffix("盟")):
            return r.code
    return None


def _cities(shared: Path) -> tuple[pd.DataFrame, list[str], list[str]]:
    """NE prefecture rows; returns (frame, registry units absent, NE cities not mapped)."""
    raw = pd.read_csv(shared / CITY)
    names = pd.Series(raw["city"].unique())
    codes = {c: _city_code(c) for c in names}
    ne = names[names.str.match("^(辽宁|吉林|黑龙江|内蒙古)")]
    unmapped = sorted(c for c in ne if codes[c] is None)
    raw["region"] = raw["city"].map(codes)
    raw = raw.dropna(subset=["region"])
    mapped = set(raw["region"])
    absent = [f"{r.short_zh} {r.code}" for r in regions.all_regions()
              if r.level == "prefecture" and r.code not in mapped]
    frame = pd.DataFrame({
        "region": raw["region"], "indicator": "co2_total", "period": raw["year"].astype(str),
        "value": raw["emission"].round(6), "unit": UNIT, "source": SOURCE_CITY,
        "vintage": VINTAGE,
    })
    return frame, absent, unmapped


def _meta(title_zh: str, title_en: str, description: str, raw: list[str], coverage: str,
          indicators: dict[str, dict[str, object]]) -> dict[str, object]:
    """Catalogue entry shared by the two datasets."""
    return {
        "title_zh": title_zh, "title_en": title_en, "description": description,
        "origin": ORIGIN, "intermediary": INTERMEDIARY, "intermediary_commit": COMMIT,
        "raw_files": raw, "licence": LICENCE, "vintages": [VINTAGE], "coverage": coverage,
        "indicators": indicators, "rounding_step": 1e-6,
    }


def build(shared: Path) -> list[Dataset]:
    """Build the ``co2`` (provinces + China) and ``co2_cities`` (NE prefectures) datasets.

    Parameters
    ----------
    shared
        The ``shared/data`` folder with the raw files.

    Returns
    -------
    list of Dataset
        Two tidy datasets, ``co2`` and ``co2_cities``.
    """
    prov, sectors, fuels = _provinces(shared)
    nat = _national(shared)
    unknown = set(nat["indicator"]) - set(prov["indicator"])
    if unknown:
        raise ValueError(f"co2: national sectors/fuels not in the provincial files: {unknown}")
    frame = pd.concat([prov.assign(source=SOURCE_PROV), nat.assign(source=SOURCE_NAT)])
    frame = frame.assign(period=frame["year"].astype(str), unit=UNIT, vintage=VINTAGE,
                         value=frame["value"].round(6))
    total = {"unit": UNIT, "zh": "二氧化碳排放总量(范围一)",
             "en": "CO2 emissions, scope 1 (energy + cement process)", "additive": True}
    ind: dict[str, dict[str, object]] = {"co2_total": total}
    for i, name in sorted(sectors.items()):
        if i != "co2_total":
            name = {"Urban": "urban households", "Rural": "rural households"}.get(name, name)
            ind[i] = {"unit": UNIT, "zh": f"二氧化碳排放(部门):{name}",
                      "en": f"CO2 emissions by sector: {name}", "additive": True,
                      "parts_of": "co2_total"}
    for i, name in sorted(fuels.items()):
        zh, en = ("水泥生产过程排放", "CO2 from cement production (process)") \
            if i == "co2_process" else (f"二氧化碳排放:{name}", f"CO2 emissions from {name}")
        ind[i] = {"unit": UNIT, "zh": zh, "en": en, "additive": True, "split_of": "co2_total"}
    nat_tot = nat[nat["indicator"] == "co2_total"].set_index("year")["value"]
    sum_tot = prov[prov["indicator"] == "co2_total"].groupby("year")["value"].sum()
    ratio = (sum_tot / nat_tot).dropna()
    desc = (
        "CEADs apparent-emission (IPCC sectoral approach) scope-1 CO2 inventories, "
        "1997-2019, for 30 provinces (no Tibet, Hong Kong, Macao, Taiwan) and China "
        "(region 100000): co2_total, 47 sector rows (45 economic sectors + urban and rural "
        "households, co2_sector_*) that sum to co2_total (max gap 1e-13 Mt), and the same "
        "total split by 17 fossil fuels (co2_fuel_*) plus cement process emissions "
        "(co2_process). Values rounded to 1e-6 Mt (one tonne). The sector and the fuel "
        "splits are two alternative breakdowns of "
        "co2_total: the sectors are declared parts_of co2_total, the fuels and process "
        "split_of co2_total. Scope-2 (heat, electricity) columns of the source are all "
        "zero and are not included. CAVEAT: the national inventory is compiled "
        "separately from national energy balances; the sum of the 30 provinces differs from it by "
        f"{(ratio.min() - 1) * 100:+.1f} % to {(ratio.max() - 1) * 100:+.1f} % "
        f"({ratio.idxmax()}), so do not compare provincial shares with the national "
        "row. Values unchanged from the CEADs spreadsheets (flattened to CSV); sector "
        "labels whitespace-normalised."
    )
    co2 = Dataset("co2", "tidy", _meta(
        "分省分部门分燃料二氧化碳排放(CEADs)", "CO2 emissions by province, sector and fuel "
        "(CEADs)", desc, [PROV_SECTOR, PROV_FUEL, NAT_SECTOR, NAT_FUEL],
        "30 provinces + China, 1997-2019", ind), frame=frame)
    cities, absent, unmapped = _cities(shared)
    desc_c = (
        "CEADs CO2 emission inventories of 290 Chinese cities 1997-2019 (Shan et al. "
        "2022), restricted to the 41 Northeast prefecture-level units of the region "
        f"registry: {cities['region'].nunique()} of them are in the inventory; not "
        f"covered by CEADs: {', '.join(absent) or 'none'}. Cities of the four provinces "
        f"outside the registry (western Inner Mongolia): {', '.join(unmapped) or 'none'}. "
        "City labels such as 辽宁沈阳 were mapped to GB/T 2260 codes by name within the "
        "province. CAVEAT: years covered differ by city (mostly 2000-2019 with gaps, some "
        "cities only 2-10 years); city inventories follow the CEADs city method and need "
        "not add up to the provincial totals."
    )
    city_ind = {"co2_total": total | {"en": "CO2 emissions (CEADs city inventory)"}}
    co2_cities = Dataset("co2_cities", "tidy", _meta(
        "东北地市二氧化碳排放(CEADs)", "CO2 emissions of Northeast prefectures (CEADs)",
        desc_c, [CITY], "NE prefecture-level units in the registry, 1997-2019 (years vary)",
        city_ind), frame=cities)
    return [co2, co2_cities]
