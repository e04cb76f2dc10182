"""The cache of measured models (issue 11): a hit gives the same tables as measuring, anything
that changes a measure misses, a broken entry is rebuilt, two writers leave one whole entry,
and a warm run never touches the geometry."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import HOUSE, ROOT, run

import bimquant
from bimquant import cache
from bimquant.materials import NO_LIBRARY

SHARED = ROOT.parent / "shared" / "models"
FR_LOTS, FR_PRICES = ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv"
VARYING = {"total_s", "read_s", "geometry_s", "cache", "file"}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The cache on, in a folder of this test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv("BIMQUANT_CACHE", str(where))
    return where


def assert_same_takeoff(measured: bimquant.Takeoff, read: bimquant.Takeoff) -> None:
    for name in bimquant.Takeoff.TABLES:
        pd.testing.assert_frame_equal(getattr(measured, name), getattr(read, name), check_exact=True)
    assert {k: v for k, v in measured.info.items() if k not in VARYING} == {
        k: v for k, v in read.info.items() if k not in VARYING
    }


@pytest.mark.parametrize(
    "model",
    [HOUSE, SHARED / "AC20-FZK-Haus.ifc", SHARED / "SteelOpenings_IFC4.ifc"],
    ids=["house", "FZK-Haus", "SteelOpenings"],
)
def test_a_hit_gives_the_tables_measuring_gave(folder, model):
    if not model.exists():
        pytest.skip(f"{model} is not here (../shared/models absent)")

    measured = bimquant.takeoff(model)
    read = bimquant.takeoff(model)

    assert (measured.info["cache"], read.info["cache"]) == ("stored", "hit")
    assert_same_takeoff(measured, read)
    assert cache.get_info()["entries"] == 1


def test_the_same_content_under_another_name_hits_and_keeps_its_own_name(folder, tmp_path):
    copy = tmp_path / "copie.ifc"
    shutil.copy(HOUSE, copy)
    bimquant.takeoff(HOUSE)

    read = bimquant.takeoff(copy)

    assert read.info["cache"] == "hit" and read.info["file"] == str(copy)


def test_a_changed_file_option_or_engine_misses(folder, tmp_path, monkeypatch):
    changed = tmp_path / "changed.ifc"
    changed.write_text(HOUSE.read_text(encoding="utf-8").replace("W3 painting wall", "W3 painted wall"))
    assert bimquant.takeoff(HOUSE).info["cache"] == "stored"

    assert bimquant.takeoff(changed).info["cache"] == "stored"  # one name changed in the file
    assert bimquant.takeoff(HOUSE, kernel="opencascade").info["cache"] == "stored"
    assert bimquant.takeoff(HOUSE, materials=NO_LIBRARY).info["cache"] == "stored"
    monkeypatch.setattr(cache, "get_engine", lambda: "another version of bimquant")
    assert bimquant.takeoff(HOUSE).info["cache"] == "stored"
    assert cache.get_info()["entries"] == 5


def test_threads_and_progress_do_not_change_the_key(folder):
    bimquant.takeoff(HOUSE, threads=2)

    assert bimquant.takeoff(HOUSE, threads=1, progress=lambda done, total: None).info["cache"] == "hit"


@pytest.mark.parametrize("damage", ["truncated", "garbage manifest", "missing table", "other format"])
def test_a_broken_entry_is_measured_again_and_rebuilt(folder, damage):
    measured = bimquant.takeoff(HOUSE)
    entry = next(p for p in folder.glob("*/*") if p.is_dir())
    if damage == "truncated":
        table = entry / "elements.parquet"
        table.write_bytes(table.read_bytes()[: table.stat().st_size // 2])
    elif damage == "garbage manifest":
        (entry / cache.MANIFEST).write_bytes(b"\x00\xff not json")
    elif damage == "missing table":
        (entry / "openings.parquet").unlink()
    else:
        text = (entry / cache.MANIFEST).read_text(encoding="utf-8")
        (entry / cache.MANIFEST).write_text(text.replace('"format": 1', '"format": 99'), encoding="utf-8")

    again = bimquant.takeoff(HOUSE)

    assert again.info["cache"] == "stored"
    assert_same_takeoff(measured, again)
    assert bimquant.takeoff(HOUSE).info["cache"] == "hit"


def _store_many(key: str, folder: str, times: int) -> None:
    result = bimquant.takeoff(HOUSE, cache=False)
    for _ in range(times):
        cache.store(key, result, Path(folder))


def test_two_runs_storing_the_same_entry_at_once_leave_one_whole_entry(folder):
    key = "ab" + "0" * 38
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_store_many, args=(key, str(folder), 20)) for _ in range(3)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert all(writer.exitcode == 0 for writer in writers)
    assert [p.name for p in (folder / "ab").iterdir()] == [key]  # no temporary folder left
    assert_same_takeoff(bimquant.takeoff(HOUSE, cache=False), cache.load(key, folder))


def test_a_warm_estimate_never_opens_the_model(folder, monkeypatch, tmp_path):
    cold = bimquant.estimate(HOUSE, FR_LOTS, FR_PRICES)

    def refuse(*args, **kwargs):
        raise AssertionError("the geometry ran on a cache hit")

    monkeypatch.setattr(bimquant.pipeline, "open_model", refuse)
    monkeypatch.setattr(bimquant.pipeline, "measure_model", refuse)
    warm = bimquant.estimate(HOUSE, FR_LOTS, FR_PRICES)
    explained = bimquant.explain(HOUSE, "3M40opnSHSLeM$JG6iZTrB", FR_LOTS)
    code, _, stderr = run("order", HOUSE, "-r", FR_LOTS, "--recipes", ROOT / "rules" / "fr-recettes.toml", "-f", "json")

    assert warm.totals == cold.totals and warm.info["cache"] == "hit"
    assert len(explained.matched) and code == 0, stderr


def test_no_cache_and_cache_off_write_nothing(folder, monkeypatch, tmp_path):
    assert run("takeoff", HOUSE, "--no-cache", "-o", tmp_path / "t.json", "-q")[0] == 0
    assert bimquant.takeoff(HOUSE, cache=False).info.get("cache") is None
    assert not folder.exists()
    monkeypatch.setenv("BIMQUANT_CACHE", "off")
    assert bimquant.takeoff(HOUSE).info.get("cache") is None
    assert not folder.exists()


def test_a_cache_folder_that_cannot_be_written_never_stops_a_takeoff(tmp_path, monkeypatch):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x")
    monkeypatch.setenv("BIMQUANT_CACHE", str(blocked / "cache"))

    result = bimquant.takeoff(HOUSE)

    assert len(result.elements) == 19 and result.info["cache"] == "not stored"
    assert bimquant.takeoff(HOUSE).info["cache"] == "not stored"


def test_entries_are_parquet_and_json_never_pickle(folder):
    bimquant.takeoff(HOUSE)
    entry = next(p for p in folder.glob("*/*") if p.is_dir())

    names = sorted(p.name for p in entry.iterdir())
    assert names == sorted([cache.MANIFEST] + [f"{t}.parquet" for t in bimquant.Takeoff.TABLES])
    for table in entry.glob("*.parquet"):
        data = table.read_bytes()
        assert data[:4] == b"PAR1" and data[-4:] == b"PAR1"
    assert "pickle" not in (ROOT / "src" / "bimquant" / "cache.py").read_text(encoding="utf-8")


def test_cache_info_and_clear(folder):
    bimquant.takeoff(HOUSE)
    code, out, _ = run("cache", "info")
    assert code == 0 and f"cache: {folder}" in out and "entries: 1" in out

    code, _, stderr = run("cache", "clear")

    assert code == 0 and "Removed 1 cache entry" in stderr
    assert "entries: 0" in run("cache", "info")[1]
    assert bimquant.takeoff(HOUSE).info["cache"] == "stored"


def assert_same_work(computed: bimquant.WorkItems, read: bimquant.WorkItems) -> None:
    for name in bimquant.WorkItems.TABLES:
        pd.testing.assert_frame_equal(getattr(computed, name), getattr(read, name), check_exact=True)
    assert (computed.coverage, computed.storeys) == (read.coverage, read.storeys)


def derived(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("work-*") if p.is_dir())


def test_work_items_are_kept_beside_the_takeoff_and_read_back_equal(folder, tmp_path, monkeypatch):
    computed = bimquant.takeoff(HOUSE, rules=FR_LOTS)
    assert len(derived(folder)) == 1
    with monkeypatch.context() as patched:  # read, not computed again
        patched.setattr("bimquant.pipeline.apply_rules", lambda *a: pytest.fail("rules applied again"))
        read = bimquant.takeoff(HOUSE, rules=FR_LOTS)

    assert read.info["cache"] == "hit"
    assert_same_work(computed.work, read.work)
    # the same rule set under another name reads them too; one more comment line misses
    same = tmp_path / "same.toml"
    shutil.copy(FR_LOTS, same)
    assert_same_work(computed.work, bimquant.takeoff(HOUSE, rules=same).work)
    assert len(derived(folder)) == 1
    edited = tmp_path / "edited.toml"
    edited.write_text(FR_LOTS.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    assert_same_work(computed.work, bimquant.takeoff(HOUSE, rules=edited).work)
    assert len(derived(folder)) == 2


def test_broken_work_items_are_computed_again(folder):
    computed = bimquant.takeoff(HOUSE, rules=FR_LOTS)
    (stored,) = derived(folder)
    trace = stored / "trace.parquet"
    trace.write_bytes(trace.read_bytes()[:100])  # truncated

    read = bimquant.takeoff(HOUSE, rules=FR_LOTS)

    assert_same_work(computed.work, read.work)
    assert derived(folder) == [stored] and (stored / "trace.parquet").stat().st_size > 100  # rebuilt


def test_a_warm_estimate_gives_the_cold_figures(folder):
    cold = bimquant.estimate(HOUSE, FR_LOTS, FR_PRICES)
    warm = bimquant.estimate(HOUSE, FR_LOTS, FR_PRICES)

    assert warm.info["cache"] == "hit"
    assert warm.totals == cold.totals
    pd.testing.assert_frame_equal(cold.lines, warm.lines, check_exact=True)
