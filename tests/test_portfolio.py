"""`bimquant batch` (issue 15, local part): many models in processes of their own, one table.

Every model's figures equal a single-model `estimate`'s to the cent; a broken file, a model
whose process dies and a model past --timeout are failures with their reasons, and the others
are all reported."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT, run

import bimquant
from bimquant import portfolio

RULES, PRICES = ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv"
SHARED = ROOT.parent / "shared" / "models"
BROKEN = "ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n#1=IFCWALL("


@pytest.fixture
def folder(tmp_path) -> Path:
    for name in ("house_ifc4.ifc", "house_ifc2x3.ifc"):
        shutil.copy(ROOT / "sample_models" / name, tmp_path / name)
    (tmp_path / "casse.ifc").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_each_model_has_the_figures_of_its_own_estimate(folder):
    result = bimquant.batch([folder], rules=RULES, prices=PRICES, workers=2, cache=False)

    models = result.models.set_index("file")
    assert sorted(Path(f).name for f in models.index) == ["house_ifc2x3.ifc", "house_ifc4.ifc"]
    for file, row in models.iterrows():
        alone = bimquant.estimate(file, RULES, PRICES, cache=False)
        assert row["direct_cost"] == alone.totals["direct_cost"]
        assert row["total_excl_vat"] == alone.totals["total_excl_vat"]
        assert row["cost_per_m2"] == alone.ratios["cost_per_m2_excl_vat"]
        items = result.items[result.items["file"] == file].set_index("code")
        assert dict(items["amount"].dropna()) == dict(alone.lines.set_index("code")["amount"].dropna())
        lots = result.lots[result.lots["file"] == file].set_index("lot")["amount"]
        assert dict(lots) == dict(alone.lots.set_index("lot")["amount"])
    (failure,) = result.failures.itertuples()
    assert Path(failure.file).name == "casse.ifc" and "truncated IFC file" in failure.reason


def test_a_model_whose_process_dies_or_hangs_is_a_failure_and_the_others_are_reported(folder, monkeypatch):
    real = portfolio.measure_one

    def misbehave(job, cache=True):
        if job.path.endswith("house_ifc2x3.ifc"):
            os._exit(11)  # as a kernel crash that takes the whole process down
        if job.path.endswith("casse.ifc"):
            time.sleep(60)
        return real(job, cache)

    monkeypatch.setattr(portfolio, "measure_one", misbehave)  # the forked processes inherit it

    result = portfolio.batch([folder], rules=RULES, prices=PRICES, workers=3, timeout=5, cache=False)

    reasons = {Path(r.file).name: r.reason for r in result.failures.itertuples()}
    assert reasons == {
        "house_ifc2x3.ifc": "the model's process died (exit code 11)",
        "casse.ifc": "stopped after 5 s (--timeout)",
    }
    assert [Path(f).name for f in result.models["file"]] == ["house_ifc4.ifc"]


def test_a_model_list_gives_each_model_its_own_rules(folder, tmp_path):
    listing = tmp_path / "maquettes.csv"
    listing.write_text(
        f"file,rules,prices\nhouse_ifc4.ifc,,\nhouse_ifc2x3.ifc,{ROOT / 'rules' / 'en-trades.toml'},"
        f"{ROOT / 'rules' / 'en-prices.csv'}\n",
        encoding="utf-8",
    )
    jobs = portfolio.expand([listing], RULES, PRICES)

    assert [(Path(j.path).name, Path(j.rules).name) for j in jobs] == [
        ("house_ifc4.ifc", "fr-lots.toml"),
        ("house_ifc2x3.ifc", "en-trades.toml"),
    ]


def test_cli_writes_the_portfolio_and_strict_exits_5(folder, tmp_path):
    out = tmp_path / "portefeuille.xlsx"
    code, _, stderr = run("batch", folder, "--rules", RULES, "--prices", PRICES, "-o", out, "--no-cache")
    assert code == 0, stderr
    assert "casse.ifc" in stderr and "2 maquette(s) mesurée(s), 1 en échec" in stderr
    import openpyxl

    assert openpyxl.load_workbook(out).sheetnames == ["Maquettes", "Ouvrages", "Lots", "Échecs"]
    code, _, _ = run("batch", folder, "-o", tmp_path / "p.json", "--no-cache", "--strict")
    assert code == 5 and (tmp_path / "p.json").exists()


def test_prices_without_rules_and_a_missing_path_are_refused_before_any_model(folder, tmp_path):
    code, _, stderr = run("batch", folder, "--prices", PRICES)
    assert code == 4 and "prices without rules" in stderr
    code, _, stderr = run("batch", tmp_path / "nulle-part")
    assert code == 3 and "not found" in stderr


@pytest.mark.real
@pytest.mark.skipif(not SHARED.is_dir(), reason=f"real IFC models not found at {SHARED} (CI has them)")
def test_real_models_in_a_batch_equal_their_single_estimates(tmp_path):
    names = ["AC20-FZK-Haus.ifc", "AC11-FZK-Haus-IFC.ifc"]
    result = bimquant.batch([SHARED / n for n in names], rules=RULES, prices=PRICES, workers=2, cache=False)

    assert result.failures.empty
    for file, row in result.models.set_index("file").iterrows():
        alone = bimquant.estimate(file, RULES, PRICES, cache=False)
        assert (row["direct_cost"], row["total_excl_vat"]) == (
            alone.totals["direct_cost"],
            alone.totals["total_excl_vat"],
        ), file
