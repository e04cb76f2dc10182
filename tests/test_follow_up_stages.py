"""The follow-up's shared inputs, each stage on its own with small hand-made tables (STYLE.md):
money, periods, the progress parsers and resolver, the contract read back, one JSON reader.
The commands' end-to-end tests are in test_situation.py, test_costs.py and test_stock.py."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from bimquant.contract import get_contract_lines, get_contributions, get_scope, load_contract
from bimquant.errors import ContractError, InputFileError, ProgressError, RuleError, SettingsError
from bimquant.loaders import error_for, read_json
from bimquant.money import as_floats, cents, money, round_percent, to_decimal
from bimquant.periods import month_end, months_between, parse_month, planned_by_month, planned_curve
from bimquant.progress import Scope, load_progress, read_percent, resolve

D = Decimal

# --- money --------------------------------------------------------------------------------------


def test_cents_round_the_decimal_a_person_reads_half_up():
    assert 0.45 * 3.3 < 1.485  # binary floating point is below the half
    assert cents(to_decimal(0.45) * to_decimal(3.3)) == D("1.49")
    assert cents(D("2.675")) == D("2.68")  # round() in Python gives 2.67
    assert cents(D("-2.675")) == D("-2.68")  # half away from zero, as ROUND in a spreadsheet
    assert money(D("10.005")) == 10.01


def test_a_percent_keeps_four_decimals_half_up():
    assert round_percent(D("12.34565")) == D("12.3457")
    assert round_percent(D(100) / D(3)) == D("33.3333")


def test_decimal_columns_become_floats_and_minus_zero_zero():
    frame = as_floats(pd.DataFrame({"a": [D("1.25"), D("-0")], "b": ["x", "y"]}))
    assert frame["a"].tolist() == [1.25, 0.0]
    assert str(frame["a"].iloc[1]) == "0.0"
    assert frame["b"].tolist() == ["x", "y"]


# --- periods ------------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    date: dt.date | None
    storeys: tuple = ()


def test_months_and_month_ends():
    assert months_between("2026-11", "2027-02") == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert month_end("2028-02") == dt.date(2028, 2, 29)  # a leap year
    assert parse_month("2026-03") == "2026-03"


@pytest.mark.parametrize("text", ["2026-13", "March", "1999-12", "2026/03"])
def test_a_bad_month_is_a_settings_error(text):
    with pytest.raises(SettingsError, match="--period"):
        parse_month(text)


def test_the_planned_curve_adds_each_phase_once_its_date_has_come():
    phases = [Phase("RDC", dt.date(2026, 3, 15)), Phase("R+1", dt.date(2026, 5, 31)), Phase("undated", None)]
    budgets = {"RDC": D(1000), "R+1": D(500), "undated": D(99)}
    assert planned_by_month(budgets, phases, "2026-02", "2026-05") == [
        {"period": "2026-02", "planned": 0.0},
        {"period": "2026-03", "planned": 1000.0},
        {"period": "2026-04", "planned": 1000.0},
        {"period": "2026-05", "planned": 1500.0},
    ]
    # a situation draws to the last phase; a cost report stops at its period
    situation = planned_curve(budgets, phases, ["2026-01"], "2026-04", through_phases=True)
    assert [m["period"] for m in situation] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]
    costs = planned_curve(budgets, phases, [], "2026-04", through_phases=False)
    assert [m["period"] for m in costs] == ["2026-03", "2026-04"]
    assert planned_curve(budgets, [Phase("x", None)], [], "2026-04", through_phases=True) == []


# --- progress: one parser per form, one resolver -------------------------------------------------

# two lines of lot 02: A (10 m3: g1 4 m3 on RDC, g2 6 m3 on R+1) and B (g2 again, 2 m2);
# lot 03's C has no element (a line priced by hand)
SCOPE = Scope(
    lots={"A": "02", "B": "02", "C": "03"},
    quantities={"A": D(10), "B": D(2), "C": D(5)},
    contributions={"A": [("g1", "RDC", D(4)), ("g2", "R+1", D(6))], "B": [("g2", "R+1", D(2))]},
)


def progress_of(tmp_path: Path, text: str, phases=None, scope: Scope = SCOPE) -> dict:
    path = tmp_path / "progress.csv"
    path.write_text(text, encoding="utf-8")
    return {code: row["percent"] for code, row in load_progress(path, scope, "2026-04", phases).items()}


def test_per_line_a_percent_a_quantity_or_a_whole_lot(tmp_path):
    assert progress_of(tmp_path, "code,percent,quantity\nA,25,\nC,,2.5\n") == {"A": D(25), "B": D(0), "C": D(50)}
    assert progress_of(tmp_path, "lot,percent\n02,40\n") == {"A": D(40), "B": D(40), "C": D(0)}


def test_per_element_weighs_each_element_by_its_contribution(tmp_path):
    # g2 done: 6 of A's 10 m3 and all of B
    assert progress_of(tmp_path, "global_id,percent\ng2,100\n") == {"A": D(60), "B": D(100), "C": D(0)}
    # limited to line B, g2 leaves A alone
    assert progress_of(tmp_path, "global_id,code,percent\ng2,B,100\n") == {"A": D(0), "B": D(100), "C": D(0)}


def test_per_storey_and_per_phase(tmp_path):
    assert progress_of(tmp_path, "storey,lot,percent\nRDC,02,50\n") == {"A": D(20), "B": D(0), "C": D(0)}
    phases = [Phase("gros oeuvre haut", dt.date(2026, 5, 1), ("R+1",))]
    assert progress_of(tmp_path, "phase,code,percent\ngros oeuvre haut,A,100\n", phases) == {
        "A": D(60),
        "B": D(0),
        "C": D(0),
    }


def test_the_resolver_alone_and_a_change_order_following_its_line():
    scope = Scope(
        lots={"A": "02", "TS1.A": "02"},
        quantities={"A": D(3), "TS1.A": D(1)},
        contributions={"A": [("g1", "RDC", D(1)), ("g2", "RDC", D(2))]},
        base_codes={"TS1.A": "A"},
    )
    done = resolve(scope, by_element={("A", "g1"): D(100)}, source="p.csv")
    assert done["A"]["percent"] == D("33.3333")  # 1 of 3, four decimals half up
    assert done["A"]["elements"] == {"g1": D(100), "g2": D(0)}
    assert done["TS1.A"]["percent"] == D("33.3333")
    # given its own percent, the change order keeps it
    assert resolve(scope, by_line={"TS1.A": D(80)})["TS1.A"]["percent"] == D(80)


@pytest.mark.parametrize(
    "text, words",
    [
        ("code,percent\nZ,10\n", ["row 2", "'Z' is not a line"]),
        ("code,percent\nA,10\nA,20\n", ["row 3", "already on row 2"]),
        ("code,percent,quantity\nA,10,2\n", ["both a percent and a quantity"]),
        ("code,quantity\nA,11\n", ["more than the contract's 10"]),
        ("global_id,percent\nnope,10\n", ["'nope' feeds no line"]),
        ("storey,lot,percent\nR+9,02,10\n", ["storey 'R+9'"]),
        ("storey,percent\nRDC,10\n", ["no code or lot"]),
        ("name,percent\nA,10\n", ["no code, global_id or storey column"]),
        ("code,done\nA,10\n", ["no percent column"]),
        ("phase,lot,percent\nx,02,10\n", ["needs the phase file"]),
    ],
)
def test_a_bad_progress_row_is_a_progress_error_naming_it(tmp_path, text, words):
    with pytest.raises(ProgressError) as raised:
        progress_of(tmp_path, text)
    for word in words:
        assert word in raised.value.message
    assert raised.value.exit_code == InputFileError.exit_code == 4


@pytest.mark.parametrize(
    "text, hint", [("50%", "write the number alone: 50"), ("50,5", "decimal comma"), ("x", "0 to 100")]
)
def test_a_percent_that_is_not_a_number_says_the_likely_fix(text, hint):
    with pytest.raises(ProgressError) as raised:
        read_percent("p.csv: row 2", text, "point")
    assert hint in raised.value.hint


def test_an_unknown_progress_file_type_is_refused(tmp_path):
    path = tmp_path / "progress.txt"
    path.write_text("code,percent\nA,1\n", encoding="utf-8")
    with pytest.raises(ProgressError, match="unknown progress file type"):
        load_progress(path, SCOPE)


# --- the contract read back ----------------------------------------------------------------------


def write_contract(tmp_path: Path) -> Path:
    data = {
        "info": {"view": "client", "currency": "EUR", "rates": {"vat_pct": 20}, "ruleset": "r", "language": "fr"},
        "lines": [
            {"code": "A", "lot": "02", "label": "Béton", "unit": "m3", "quantity": 3, "priced": True,
             "sale_unit_price": 0.45, "unit_price": 0.3},
            {"code": "B", "lot": "02", "label": "Sans prix", "unit": "u", "quantity": 1, "priced": False},
            {"code": "C", "lot": "03", "label": "Nul", "unit": "m2", "quantity": 0, "priced": True,
             "sale_unit_price": 10, "unit_price": 8},
        ],
        "trace": [
            {"code": "A", "global_id": "g1", "storey": "RDC", "contribution": 1.0},
            {"code": "A", "global_id": "g1", "storey": "RDC", "contribution": 0.5},  # a second layer
            {"code": "A", "global_id": "g2", "storey": "R+1", "contribution": 1.5},
            {"code": "B", "global_id": "g3", "storey": "RDC", "contribution": 1.0},
        ],
    }  # fmt: skip
    path = tmp_path / "marche.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_contract_read_back_gives_its_billable_lines_and_elements(tmp_path):
    signed = load_contract(write_contract(tmp_path))
    assert signed.view == "client" and signed.vat_pct == 20.0 and signed.language == "fr"
    assert set(signed.prices) == {"A", "C"}  # B is not priced
    lines = get_contract_lines(signed)
    assert lines["code"].tolist() == ["A"]  # C has no quantity
    assert lines["contract_amount"].tolist() == [D("1.35")]  # the sale price: 3 x 0.45
    assert get_contributions(signed, {"A"}) == {"A": [("g1", "RDC", D("1.5")), ("g2", "R+1", D("1.5"))]}
    scope = get_scope(signed, lines)
    assert scope.lots == {"A": "02"} and scope.quantities == {"A": D(3)} and scope.elements == {"g1", "g2"}


@pytest.mark.parametrize(
    "content, words",
    [
        ("{not json", ["not valid JSON", "so not a contract"]),
        ("[1, 2]", ["not an estimate"]),
        ('{"info": {}, "lines": [{"quantity": 1}]}', ["line 1 of 'lines'", "no code"]),
        ('{"info": {}, "lines": [{"code": "A", "quantity": "x"}]}', ["(A)", "is not a number"]),
    ],
)
def test_a_bad_contract_is_a_contract_error(tmp_path, content, words):
    path = tmp_path / "marche.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ContractError) as raised:
        load_contract(path)
    for word in words:
        assert word in raised.value.message


# --- one JSON reader, one error family -----------------------------------------------------------


def test_each_kind_of_file_has_its_error_in_one_family():
    assert error_for("progress file") is ProgressError
    assert error_for("cost file") is ProgressError
    assert error_for("contract") is ContractError
    assert error_for("orders") is ContractError
    assert error_for("settings file") is SettingsError
    assert error_for("rule file") is RuleError
    assert error_for("price file") is RuleError
    for error in (ProgressError, ContractError, SettingsError, RuleError):
        assert issubclass(error, InputFileError) and error.exit_code == 4


def test_read_json_names_the_file_and_what_was_expected(tmp_path):
    with pytest.raises(ContractError, match="change order not found"):
        read_json(tmp_path / "absent.json", "change order", "pass the .json bimquant diff wrote")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ContractError, match="nested too deeply to be orders"):
        read_json(deep, "orders", "pass the .json bimquant order wrote")
    fine = tmp_path / "fine.json"
    fine.write_text('\ufeff{"a": 1}', encoding="utf-8")  # a BOM is fine
    assert read_json(fine, "contract", "") == {"a": 1}


# --- the errors in French -------------------------------------------------------------------------


def test_a_progress_or_contract_error_is_english_and_renders_in_french(tmp_path):
    from bimquant.messages import localize

    path = tmp_path / "avancement.csv"
    path.write_text("code,percent\nA,cinquante\n", encoding="utf-8")
    with pytest.raises(ProgressError) as raised:
        load_progress(path, SCOPE)
    error = raised.value
    assert error.message == f"{path}: row 2: percent 'cinquante' is not a number"
    assert localize(error.message, "fr") == f"{path} : ligne 2 : le pourcentage 'cinquante' n'est pas un nombre"
    assert localize(error.hint, "fr") == "écrivez le pourcentage d'avancement cumulé, un nombre de 0 à 100"
    assert localize(error.message, "en") == error.message

    path = tmp_path / "marche.json"
    path.write_text("{pas du json", encoding="utf-8")
    with pytest.raises(ContractError) as raised:
        load_contract(path)
    error = raised.value
    reason = "Expecting property name enclosed in double quotes"  # Python's own words, as they come
    assert error.message == f"{path}: not valid JSON ({reason} at line 1), so not a contract"
    assert localize(error.message, "fr") == (
        f"{path} : JSON invalide ({reason} à la ligne 1), ce n'est donc pas un marché"
    )
    assert localize(error.hint, "fr") == (
        "donnez le .json que bimquant estimate a écrit pour l'indice de la maquette sur lequel le marché a été chiffré"
    )
    assert error.hint == "pass the .json that bimquant estimate wrote for the revision the contract was priced on"
