"""The curated NBS input-output tables, their satellites and the user-table reader.

Published check figures: ``shared/data/ionet_china_io/SOURCE.md`` (sum of GO over the 42
domestic rows of the 2020 table = 2.699e10 x 10,000 CNY) and
``shared/data/ceads_emissions/SOURCE.md`` (Liaoning CO2 2019 = 533.4 Mt).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from revitalize.data import io_tables as iot
from revitalize.data.catalogue import catalogue, files_dir
from revitalize.data.loaders import load
from revitalize.exceptions import InputError, InvalidTableError, MalformedFileError

TABLES = iot.NBS_TABLES
DATASETS = [f"io_china_{y}_{n}" for y, n in TABLES] + [
    "io_sectors_42", "io_sectors_149", "io_sectors_153", "io_employment",
    "io_employment_concordance_42", "io_ceads_concordance_42", "io_co2_by_sector_42"]


def long(year: int, n: int) -> pd.DataFrame:
    return iot._curated(f"io_china_{year}_{n}")


# --- catalogue and files ------------------------------------------------------------------


@pytest.mark.parametrize("ds", DATASETS)
def test_dataset_is_catalogued_cited_and_small(ds: str) -> None:
    info = catalogue()[ds]
    assert "National Bureau of Statistics" in info.origin or "CEADs" in info.origin
    assert "51145dcab476e75783af41a688488db1a4abeb56" in info.intermediary_commit
    assert info.licence and info.raw["raw_files"]
    size = files_dir().joinpath(info.file).stat().st_size
    assert size < 2_000_000, f"{ds}: {size} bytes"


@pytest.mark.parametrize(("year", "n"), TABLES)
def test_long_layout_has_only_nonzero_cells_and_known_kinds(year: int, n: int) -> None:
    df = long(year, n)
    assert list(df.columns) == ["row", "row_kind", "col", "col_kind", "value"]
    assert (df["value"] != 0).all() and df["value"].notna().all()
    rows = {"domestic", "imports"} if n == 42 else {"product"}
    assert set(df["row_kind"]) == rows | {"value_added", "total"}
    cols = {"sector", "final_demand", "total"} | (set() if n == 42 else {"imports"})
    assert set(df["col_kind"]) == cols
    assert not df.duplicated(["row", "row_kind", "col"]).any()


def test_published_gross_output_2020() -> None:
    """SOURCE.md: sum of GO over the 42 domestic rows of the 2020 table = 2.699e10."""
    df = long(2020, 42)
    go = df[(df.row_kind == "domestic") & (df.col == "GO")]["value"]
    assert len(go) == 42
    assert go.sum() == pytest.approx(2.699e10, rel=2e-4)
    assert iot.load_nbs_table(2020, 42)["x"].sum() == pytest.approx(2.699e10, rel=2e-4)


@pytest.mark.parametrize(("year", "n"), TABLES)
def test_column_identity_tii_plus_tva_equals_ti_equals_go(year: int, n: int) -> None:
    w = long(year, n).pivot_table(index=["row", "row_kind"], columns="col", values="value",
                                  aggfunc="sum", fill_value=0.0)
    sectors = list(iot.io_labels(n).index)
    tot = w.xs("total", level=1)[sectors]
    va = w.xs("value_added", level=1)[sectors]
    own = "domestic" if n == 42 else "product"
    go = w.xs(own, level=1).reindex(sectors)["GO"].to_numpy()
    rel = dict(rtol=1e-8, atol=0)
    np.testing.assert_allclose(tot.loc["TII"] + tot.loc["TVA"], tot.loc["TI"], **rel)
    np.testing.assert_allclose(tot.loc["TI"], go, **rel)
    np.testing.assert_allclose(va.sum(axis=0), tot.loc["TVA"], **rel)
    products = w[w.index.get_level_values(1).isin(["domestic", "imports", "product"])]
    np.testing.assert_allclose(products[sectors].sum(axis=0), tot.loc["TII"], **rel)


@pytest.mark.parametrize(("year", "n"), TABLES)
def test_loaded_tables_satisfy_both_identities(year: int, n: int) -> None:
    p = iot.load_nbs_table(year, n)
    x = p["x"].to_numpy()
    assert (x > 0).all() and len(x) == n
    assert list(p["V"].index) == ["VA001", "VA002", "VA003", "VA004"]
    assert list(p["Y"].columns) == ["FU101", "FU102", "FU103", "FU201", "FU202", "EX"]
    np.testing.assert_allclose(p["Z"].sum(axis=1) + p["Y"].sum(axis=1), x, rtol=1e-8)
    assert p["Zm"] is not None and p["imports"] is not None and p["Ym"] is not None
    cols = p["Z"].sum(axis=0) + p["Zm"].sum(axis=0) + p["V"].sum(axis=0)
    np.testing.assert_allclose(cols, x, rtol=1e-8)
    np.testing.assert_allclose(p["Zm"].sum(axis=1) + p["Ym"].sum(axis=1), p["imports"],
                               rtol=1e-8, atol=1e-3)
    assert (p["Z"].to_numpy() >= 0).all() and (p["Zm"].to_numpy() >= 0).all()
    assert p["layout"] == ("non_competitive" if n == 42 else "competitive_split")


def test_consumption_split_of_the_42_sector_table_keeps_total_consumption() -> None:
    split = iot.load_nbs_table(2018, 42)
    kept = iot.load_nbs_table(2018, 42, split_consumption=False)
    assert list(kept["Y"].columns) == ["TC", "FU201", "FU202", "EX"]
    hh_gov = split["Y"][["FU101", "FU102", "FU103"]].sum(axis=1)
    np.testing.assert_allclose(hh_gov, kept["Y"]["TC"], rtol=1e-12, atol=1e-6)
    assert any("estimate" in n for n in split["notes"])


def test_detailed_tables_nest_exactly_in_the_42_sector_tables() -> None:
    """The derived 153 -> 42 concordance reproduces the 42-sector table (competitive sums)."""
    for year, n in ((2017, 149), (2018, 153), (2020, 153)):
        d, a = iot.load_nbs_table(year, n), iot.load_nbs_table(year, 42)
        conc = iot.sector_concordance(n)
        assert sorted(set(conc)) == [f"{i:02d}" for i in range(1, 43)]
        total_d = (d["Z"] + d["Zm"]).groupby(conc).sum().T.groupby(conc).sum().T
        total_a = a["Z"] + a["Zm"]
        np.testing.assert_allclose(total_d, total_a, rtol=1e-7, atol=1.0)
        np.testing.assert_allclose(d["x"].groupby(conc).sum(), a["x"], rtol=1e-9)
        np.testing.assert_allclose(d["V"].T.groupby(conc).sum().T, a["V"], rtol=1e-8, atol=1.0)
        np.testing.assert_allclose(d["imports"].groupby(conc).sum(), a["imports"], rtol=1e-7)


def test_unknown_table_names_the_available_ones() -> None:
    with pytest.raises(InputError, match="2017/42"):
        iot.load_nbs_table(2019, 42)


# --- satellites ---------------------------------------------------------------------------


def test_employment_concordance_covers_every_sector_and_the_total() -> None:
    conc = iot._curated("io_employment_concordance_42")
    assert sorted(set(conc["io_sector"])) == [f"{i:02d}" for i in range(1, 43)]
    assert not conc["employment_code"].duplicated().any()
    emp, used = iot.employment_by_io_sector(2020)
    assert used == 2018
    total = load("io_employment", periods="2018", indicators="employment")["value"].item()
    assert emp.sum() == pytest.approx(total, rel=1e-3)  # sections add up within rounding
    assert (emp > 0).all()


def test_co2_by_io_sector_adds_up_to_the_ceads_totals() -> None:
    df = iot._curated("io_co2_by_sector_42")
    sums = df.groupby(["region", "year"])["value"].sum()
    ref = load("co2", regions="100000,210000,220000,230000,150000", indicators="co2_total")
    ref = ref.assign(year=ref["period"].astype(int)).set_index(["region", "year"])["value"]
    np.testing.assert_allclose(sums, ref.reindex(sums.index), rtol=1e-7)
    assert sums.loc[("210000", 2019)] == pytest.approx(533.4, abs=0.05)  # SOURCE.md
    conc = iot._curated("io_ceads_concordance_42")
    assert len(set(conc["ceads_sector"])) == 47
    split = conc[conc["split"] != "none"]
    assert set(split["ceads_sector"]) == {
        "Other Manufacturing Industry", "Wholesale, Retail Trade and Catering Services",
        "Others"}


@pytest.mark.parametrize(("year", "n"), [(2020, 42), (2018, 153)])
def test_satellites_align_with_the_table(year: int, n: int) -> None:
    p = iot.load_nbs_table(year, n)
    sat = iot.nbs_satellites(year, n, p["x"], list(p["Y"].columns))
    assert list(sat["F"].columns) == list(p["x"].index)
    assert sat["units"] == {"employment": "10k persons", "co2": "Mt CO2"}
    co2, hh, used = iot.co2_by_io_sector(year)
    assert used == min(year, 2019)
    assert sat["F"].loc["co2"].sum() == pytest.approx(co2.sum(), rel=1e-12)
    assert sat["F_Y"] is not None
    assert sat["F_Y"].loc["co2", ["FU101", "FU102"]].sum() == pytest.approx(hh.sum())
    assert any("estimate" in n for n in sat["notes"])


# --- user tables --------------------------------------------------------------------------

HEADER = "Code,Description,01,02,TIU,FU101,EX,TFU,GO"
GOOD = [
    "01,Farming,150,500,650,300,50,350,1000",
    "02,Industry,200,100,300,1200,500,1700,2000",
    "TII,Total intermediate input,350,600,950,,,,",
    "VA001,Compensation,400,900,1300,,,,",
    "VA004,Operating surplus,250,500,750,,,,",
    "TVA,Total value added,650,1400,2050,,,,",
    "TI,Total input,1000,2000,3000,,,,",
]


def write(tmp: Path, rows: list[str], header: str = HEADER, name: str = "t.csv") -> Path:
    path = tmp / name
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    return path


def test_reads_a_valid_user_table(tmp_path: Path) -> None:
    p = iot.read_user_io_table(write(tmp_path, GOOD), year=2022)
    np.testing.assert_allclose(p["Z"], [[150, 500], [200, 100]])
    assert list(p["Y"].columns) == ["FU101", "EX"]
    assert list(p["V"].index) == ["VA001", "VA004"]
    assert p["Zm"] is None and p["year"] == 2022
    assert p["sectors"].loc["02", "name_en"] == "Industry"


def test_reads_an_excel_table(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    frame = pd.read_csv(write(tmp_path, GOOD), dtype=str)
    path = tmp_path / "t.xlsx"
    frame.to_excel(path, index=False)
    p = iot.read_user_io_table(path)
    np.testing.assert_allclose(p["x"], [1000, 2000])


def test_competitive_user_table_is_split_by_import_proportionality(tmp_path: Path) -> None:
    header = "Code,01,02,TIU,FU101,EX,TFU,IM,GO"
    rows = ["01,150,500,650,400,50,450,100,1000", "02,200,100,300,1200,500,1700,0,2000",
            "VA001,650,1400,2050,,,,,", "TI,1000,2000,3000,,,,,"]
    p = iot.read_user_io_table(write(tmp_path, rows, header))
    share = 100 / (650 + 450 - 50)
    assert p["Zm"] is not None and p["Zm"].loc["01", "02"] == pytest.approx(500 * share)
    np.testing.assert_allclose(p["Z"].sum(axis=1) + p["Y"].sum(axis=1), p["x"])


def test_misaligned_codes_name_file_row_and_column(tmp_path: Path) -> None:
    rows = [GOOD[0], GOOD[1].replace("02,Industry", "03,Industry"), *GOOD[2:]]
    path = write(tmp_path, rows)
    with pytest.raises(MalformedFileError, match=r"t\.csv, row 3, column '02'") as err:
        iot.read_user_io_table(path)
    assert "'03'" in str(err.value) and "same codes" in str(err.value)


def test_negative_flow_names_file_row_and_column(tmp_path: Path) -> None:
    rows = [GOOD[0].replace("150,500,650", "150,-5,145"), *GOOD[1:]]
    with pytest.raises(InvalidTableError, match=r"t\.csv, row 2, column '02': negative"):
        iot.read_user_io_table(write(tmp_path, rows))


def test_row_total_off_names_file_row_and_go(tmp_path: Path) -> None:
    rows = [GOOD[0], GOOD[1].replace(",2000", ",2100"), *GOOD[2:]]
    with pytest.raises(InvalidTableError, match=r"row 3, column 'GO'") as err:
        iot.read_user_io_table(write(tmp_path, rows))
    assert "gross output" in str(err.value) and "rtol" in str(err.value)


def test_column_inputs_off_name_file_row_and_sector(tmp_path: Path) -> None:
    rows = [*GOOD[:3], GOOD[3].replace("400,900,1300", "400,950,1350"), *GOOD[4:]]
    rows[5] = "TVA,Total value added,650,1450,2100,,,,"
    with pytest.raises(InvalidTableError, match=r"t\.csv, row 8, column '02'") as err:
        iot.read_user_io_table(write(tmp_path, rows))
    assert "value added" in str(err.value)


def test_non_numeric_cell_names_file_row_and_column(tmp_path: Path) -> None:
    rows = [GOOD[0], GOOD[1].replace("1200", "1200a"), *GOOD[2:]]
    with pytest.raises(MalformedFileError, match=r"t\.csv, row 3, column 'FU101'") as err:
        iot.read_user_io_table(write(tmp_path, rows))
    assert "non-numeric value '1200a'" in str(err.value)


def test_missing_gross_output_column(tmp_path: Path) -> None:
    rows = [r.rsplit(",", 1)[0] for r in GOOD]
    with pytest.raises(MalformedFileError, match="no gross output column 'GO'"):
        iot.read_user_io_table(write(tmp_path, rows, HEADER.rsplit(",", 1)[0]))


def test_rounded_table_passes_with_a_looser_tolerance(tmp_path: Path) -> None:
    rows = [GOOD[0], GOOD[1].replace(",2000", ",2000.5"), *GOOD[2:]]
    path = write(tmp_path, rows)
    with pytest.raises(InvalidTableError):
        iot.read_user_io_table(path)
    assert iot.read_user_io_table(path, rtol=1e-3)["x"]["02"] == 2000.5
