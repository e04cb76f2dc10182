"""`bimquant batch` (issue 15, local part): many models in processes of their own, one table.

Every model's figures equal a single-model `estimate`'s to the cent; a broken file, a model
whose process dies and a model past --timeout are failures with their reasons, and the others
are all reported."""

from __future__ import annotations

import importlib
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, run

import bimquant

portfolio = importlib.import_module("bimquant.batch")  # the module: bimquant.batch is the function

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


# --- on a Dask distributed cluster -----------------------------------------------------------------

DUPLEX = SHARED / "Ifc2x3_Duplex_Architecture.ifc"  # the manifold kernel crashes on one of its elements


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, not daemonic, so the geometry may fork its crash-contained children."""
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    with dask.config.set({"distributed.worker.daemon": False}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
            yield c


def test_a_local_cluster_gives_the_local_figures_and_the_same_failures(folder, cluster):
    paths = [folder] + ([DUPLEX] if DUPLEX.exists() else [])
    local = bimquant.batch(paths, rules=RULES, prices=PRICES, workers=2, cache=False)
    remote = bimquant.batch(paths, rules=RULES, prices=PRICES, scheduler=cluster.scheduler_address, cache=False)

    columns = ["file", "elements_measured", "elements_failed", "direct_cost", "total_excl_vat", "cost_per_m2"]
    pd.testing.assert_frame_equal(
        remote.models[columns].sort_values("file").reset_index(drop=True),
        local.models[columns].sort_values("file").reset_index(drop=True),
        check_exact=True,
    )
    assert [Path(f).name for f in remote.failures["file"]] == ["casse.ifc"]
    if DUPLEX.exists():  # the crash is contained inside the worker: the model is measured whole
        duplex = remote.models.set_index("file").loc[str(DUPLEX)]
        assert duplex["elements_measured"] == len(bimquant.takeoff(DUPLEX, cache=False).elements)


def test_a_daemonic_worker_is_said_with_the_fix(folder):
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    with dask.config.set({"distributed.worker.daemon": True}):  # dask's default
        with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as c:
            house = ROOT / "sample_models" / "house_ifc4.ifc"
            result = bimquant.batch([house], scheduler=c.scheduler_address, cache=False)
    (reason,) = result.failures["reason"]
    assert "DASK_DISTRIBUTED__WORKER__DAEMON=False" in reason


def test_a_scheduler_and_a_worker_started_apart_run_a_batch_through_the_command(folder, tmp_path):
    pytest.importorskip("distributed")
    import json
    import subprocess
    import sys

    dask = str(Path(sys.executable).with_name("dask"))
    address_file = tmp_path / "scheduler.json"
    environment = os.environ | {"DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--scheduler-file", str(address_file), "--port", "0", "--dashboard-address", ":0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        for _ in range(100):
            if address_file.exists() and address_file.stat().st_size:
                break
            time.sleep(0.2)
        address = json.loads(address_file.read_text())["address"]
        worker = subprocess.Popen(
            [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=environment,
        )
        out = tmp_path / "p.json"
        code, _, stderr = run("batch", folder, "--rules", RULES, "--prices", PRICES, "--scheduler", address, "-o", out)

        assert code == 0, stderr
        data = json.loads(out.read_text())
        assert len(data["models"]) == 2 and [Path(f["file"]).name for f in data["failures"]] == ["casse.ifc"]
        assert data["info"]["scheduler"] == address
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(10)


def test_an_unreachable_scheduler_is_one_line_and_exit_2(folder):
    pytest.importorskip("distributed")
    code, _, stderr = run("batch", folder, "--scheduler", "tcp://127.0.0.1:1", "--no-cache")
    assert code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in stderr


def test_progress_names_the_slowest_model_still_running(folder):
    calls = []
    jobs = portfolio.expand([folder])
    portfolio.run_batch(jobs, workers=2, cache=False, progress=lambda *args: calls.append(args))

    assert [c[:2] for c in calls] == [(1, 3), (2, 3), (3, 3)]
    assert calls[-1][2] is None  # nothing left running
    assert all(slowest is None or Path(slowest).name in {Path(j.path).name for j in jobs} for *_, slowest in calls)
    assert any(slowest is not None for *_, slowest in calls[:-1])


@pytest.mark.real
@pytest.mark.skipif(not SHARED.is_dir(), reason=f"real IFC models not found at {SHARED} (CI has them)")
def test_the_shared_models_locally_on_a_cluster_and_one_by_one_give_the_same_figures(cluster, tmp_path, monkeypatch):
    # issue 15: every shared model; the local batch fills a cache the single estimates then read
    monkeypatch.setenv("BIMQUANT_CACHE", str(tmp_path / "cache"))
    local = bimquant.batch([SHARED], rules=RULES, prices=PRICES, workers=2)
    remote = bimquant.batch([SHARED], rules=RULES, prices=PRICES, scheduler=cluster.scheduler_address, cache=False)

    assert local.failures.empty and remote.failures.empty and len(local.models) == len(list(SHARED.glob("*.ifc")))
    figures = ["file", "elements_measured", "direct_cost", "total_excl_vat", "cost_per_m2", "complete"]
    ordered = [local.models[figures].sort_values("file").reset_index(drop=True)]
    ordered.append(remote.models[figures].sort_values("file").reset_index(drop=True))
    pd.testing.assert_frame_equal(*ordered, check_exact=True)  # NaN equal to NaN (no floor area)
    for row in ordered[0].to_dict("records"):
        alone = bimquant.estimate(row["file"], RULES, PRICES)
        assert (row["direct_cost"], row["total_excl_vat"], row["complete"]) == (
            alone.totals["direct_cost"],
            alone.totals["total_excl_vat"],
            alone.totals["complete"],
        ), row["file"]
    # issue 22: incomplete models first, and a model priced at nothing is never complete
    complete = list(local.models["complete"])
    assert complete == sorted(complete)
    assert not local.models.loc[local.models["direct_cost"] == 0, "complete"].any()


def test_a_model_list_without_its_file_column_is_refused_in_one_line(tmp_path):
    listing = tmp_path / "maquettes.csv"
    listing.write_text("path\nhouse.ifc\n", encoding="utf-8")
    code, _, stderr = run("batch", listing, "-o", tmp_path / "p.json")
    assert code == 4 and "maquettes.csv: row 2: no file" in stderr and not (tmp_path / "p.json").exists()
