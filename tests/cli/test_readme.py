"""Every command shown in README.md runs and exits 0 (the API examples are doctests)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from revitalize.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"
COMMANDS = [
    line[2:].strip()
    for block in re.findall(r"```console\n(.*?)```", README.read_text("utf-8"), re.S)
    for line in block.splitlines()
    if line.startswith("$ revitalize ")
]


def test_readme_has_examples() -> None:
    assert len(COMMANDS) >= 8


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("readme")
    shutil.copytree(README.parent / "examples", d / "examples")
    # the yearbook-style file the README imports: regions in rows, years in columns
    pd.DataFrame(
        {"地区": ["辽宁", "吉林", "黑龙江"], "2022": [3.6, -47.6, 1.2], "2023": [3.9, 0.3, -14.8]}
    ).to_excel(d / "fai.xlsx", index=False)
    return d


def test_readme_commands_run(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    runner = CliRunner()
    for cmd in COMMANDS:
        args = shlex.split(cmd)[1:]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    assert (workdir / "fai.parquet").exists()


def test_readme_names_every_bundled_dataset() -> None:
    from revitalize.data.catalogue import catalogue

    text = README.read_text("utf-8")
    missing = [ds for ds in catalogue() if f"`{ds}`" not in text]
    assert not missing, f"README's dataset table lacks {missing}"
