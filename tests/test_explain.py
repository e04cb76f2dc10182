"""`bimquant explain`: why one element feeds the items it feeds, and not the others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import global_id, run

from bimquant.messages import localize

ROOT = Path(__file__).resolve().parents[1]
HOUSE = ROOT / "sample_models" / "house_ifc4.ifc"
FR_LOTS = ROOT / "rules" / "fr-lots.toml"


def test_painting_wall_shows_the_formula_and_each_opening_decision():
    w3, door_opening, window_opening = global_id("W3"), global_id("O1"), global_id("O2")

    code, out, err = run("explain", HOUSE, w3, "--rules", FR_LOTS)

    assert code == 0, err
    painting = next(line for line in out.splitlines() if line.strip().startswith("09.01.01"))
    assert painting.endswith("= (10 * 2) = 20 m2")  # (5 x 3 - the 2 x 2.5 window) x 2 faces
    tail = out[out.index(painting) :]
    assert f"déduites : {window_opening}" in tail  # a French rule set: French lines
    assert f"comptées pleines : {door_opening}" in tail
    # the library's reason, in the reader's language
    _, data, _ = run("explain", HOUSE, w3, "--rules", FR_LOTS, "--format", "json")
    (reason,) = [row["reason"] for row in json.loads(data)["not_matched"] if row["code"] == "02.01.01"]
    assert reason.startswith("class IfcWall is not IfcFooting")
    assert "Ouvrages non alimentés :" in out and f": {localize(reason, 'fr')}\n" in out
    code, out, err = run("explain", HOUSE, w3, "--rules", FR_LOTS, "--locale", "en")
    assert f"deducted: {window_opening}" in out and f"measured through: {door_opening}" in out
    assert "Items not matched:" in out


def test_json_lists_matched_and_unmatched_items():
    code, out, err = run("explain", HOUSE, global_id("W3"), "--rules", FR_LOTS, "--format", "json")

    assert code == 0, err
    data = json.loads(out)
    contributions = {row["code"]: row["contribution"] for row in data["matched"]}
    assert contributions["09.01.01"] == pytest.approx(20.0, rel=1e-9)
    # concrete: 5 x 3 x 0.2 - (1 x 2 + 2 x 2.5) x 0.2, every opening deducted
    assert contributions["02.03.01"] == pytest.approx(1.6, rel=1e-9)
    assert {row["code"] for row in data["not_matched"]}.isdisjoint(contributions)
    assert all(row["reason"] for row in data["not_matched"])
    assert data["info"]["element"]["name"].startswith("W3")


def test_an_unknown_global_id_is_one_error_line_with_exit_3():
    code, out, err = run("explain", HOUSE, "0000000000000000000000", "--rules", FR_LOTS)

    assert code == 3
    assert out == ""
    assert [line for line in err.splitlines() if line.startswith("Error:")] == [
        f"Error: no element with GlobalId 0000000000000000000000 in {HOUSE}"
    ]
    assert "Traceback" not in err


def test_an_element_left_out_of_the_takeoff_says_why():
    code, _, err = run("explain", HOUSE, global_id("ST1"), "--rules", FR_LOTS)

    assert code == 3
    assert "was not measured: aggregate: measured through its 1 parts" in err


def test_a_bad_rule_file_fails_before_measuring(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[ruleset]\nname = "x"\n[[item]]\ncode = "A"\n', encoding="utf-8")

    code, _, err = run("explain", HOUSE, global_id("W3"), "--rules", bad)

    assert code == 4
    assert err.startswith(f"Error: {bad}: item A (#1) has no")


def test_the_trace_names_each_value_as_what_it_is():
    """A value changed by an opening convention is never shown under the bare column name
    (issue 10): 10 m2 is W3's side area after deducting the 5 m2 window, not its gross area."""
    code, out, err = run("explain", HOUSE, global_id("W3"), "--rules", FR_LOTS, "--format", "json")

    assert code == 0, err
    rows = {row["code"]: row for row in json.loads(out)["matched"]}
    assert rows["09.01.01"]["values"] == (
        "gross_side_area_m2 after deducting openings above 2.5 m2: 10 "
        "(gross 15, 1 opening(s) deducted, 1 measured through)"
    )
    assert rows["02.03.01"]["values"].startswith("gross_volume_m3 after deducting openings above 1 m2: 1.6 (gross 3,")

    code, text, _ = run("explain", HOUSE, global_id("W3"), "--rules", FR_LOTS)
    assert f"valeurs : {localize(rows['09.01.01']['values'], 'fr')}\n" in text  # in the reader's language


def test_a_layer_value_says_it_is_the_layer_s_share():
    import bimquant

    result = bimquant.takeoff(HOUSE, rules=FR_LOTS)
    trace = result.work.trace
    w1 = trace[trace["name"].str.startswith("W1") & trace["layer"].notna()]
    assert len(w1) > 0
    described = " ".join(w1["values"])
    assert "of layer" in described and "% of " in described
