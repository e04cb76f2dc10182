"""Mistakes in a rule file: each one is refused by ``load_ruleset`` before any model is read.

An estimator edits the TOML by hand, so every mistake must come back as one
:class:`bimquant.errors.RuleError` whose message names the file and the work item (its code, or
``#index`` when it has none) and whose hint says the fix, each on one line. Formulas are parsed,
never run: a formula that is not arithmetic is refused without being executed.

The CLI part (``bimquant rules check``, ``takeoff --rules``) checks the same thing from the
outside: exit code 4, one ``Error:`` line and an optional ``Hint:`` line, no traceback, no file.
"""

from __future__ import annotations

import builtins
import json
import math
from pathlib import Path

import pytest

import bimquant.pipeline
from conftest import run, assert_one_error
from bimquant.errors import RuleError
from bimquant.rules import FormulaError, load_ruleset, parse_formula
from bimquant.rules.formula import describe_dimension
from bimquant.rules.select import get_mismatch

ROOT = Path(__file__).resolve().parents[1]
HOUSE = ROOT / "sample_models" / "house_ifc4.ifc"

HEAD = '[ruleset]\nname = "Exemple issue 3"\nlanguage = "fr"\n'

# Issue 3: reinforced concrete walls in m3, and both faces of the walls painted in m2 with
# the painting convention (openings over 2.5 m2 deducted, smaller ones measured through).
WALLS = {
    "code": '"02.03.01"',
    "lot": '"02 Gros oeuvre"',
    "label": '"Voiles béton armé"',
    "unit": '"m3"',
    "select": '{ class = "IfcWall", layer = "*béton*" }',
    "quantity": '"net_volume_m3"',
}
PAINT = {
    "code": '"09.01.02"',
    "lot": '"09 Peinture"',
    "label": '"Peinture murs deux faces"',
    "unit": '"m2"',
    "select": '{ class = "IfcWall" }',
    "exclude": '{ "Pset_WallCommon.IsExternal" = true }',
    "quantity": '"gross_side_area_m2 * 2"',
    "openings": "{ deduct_above_m2 = 2.5 }",
}
ISSUE_3 = (
    HEAD
    + "\n"
    + "[[item]]\n"
    + "".join(f"{k} = {v}\n" for k, v in WALLS.items())
    + "\n"
    + "[[item]]\n"
    + "".join(f"{k} = {v}\n" for k, v in PAINT.items())
)


def item(base: dict | None = None, **changes: str | None) -> str:
    """An [[item]] table: ``base`` (the walls item) with keys changed, added, or dropped (None).
    Values are TOML text: ``unit='"m2"'``."""
    fields = {**(base or WALLS), **changes}
    return "[[item]]\n" + "".join(f"{key} = {value}\n" for key, value in fields.items() if value is not None)


def toml(text: str) -> str:
    """A TOML basic string holding ``text`` (JSON escapes are TOML escapes)."""
    return json.dumps(text)


def write(tmp_path: Path, text: str | bytes, name: str = "regles.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rules(*items: str, head: str = HEAD) -> str:
    return head + "\n" + "\n".join(items)


def refused(path: Path, *words: str, hint: str | None = None) -> RuleError:
    """``load_ruleset(path)`` raises a RuleError naming the file and ``words``, with a hint on
    one line (containing ``hint`` if given)."""
    with pytest.raises(RuleError) as caught:
        load_ruleset(path)
    error = caught.value
    assert error.exit_code == 4
    assert str(path) in error.message, error.message
    for word in words:
        assert word in error.message, f"{word!r} not in {error.message!r}"
    assert error.hint, f"no hint for {error.message!r}"
    assert "\n" not in error.message and "\r" not in error.message, repr(error.message)
    assert "\n" not in error.hint and "\r" not in error.hint, repr(error.hint)
    if hint is not None:
        assert hint in error.hint, f"{hint!r} not in hint {error.hint!r}"
    return error


def refused_item(tmp_path: Path, broken: str, *words: str, hint: str | None = None) -> RuleError:
    """The broken item comes second, after a good one: the error must point at it (#2)."""
    return refused(write(tmp_path, rules(item(), broken)), *words, hint=hint)


# --- a good file ---------------------------------------------------------------------------------


def test_issue_3_example_loads(tmp_path):
    ruleset = load_ruleset(write(tmp_path, ISSUE_3))
    assert ruleset.name == "Exemple issue 3"
    assert ruleset.language == "fr"
    walls, paint = ruleset.items
    assert (walls.code, walls.unit, walls.quantity.text) == ("02.03.01", "m3", "net_volume_m3")
    assert walls.select.patterns == {"class": ("IfcWall",), "layer": ("*béton*",)}
    assert not walls.has_openings_convention
    assert (paint.code, paint.unit, paint.label) == ("09.01.02", "m2", "Peinture murs deux faces")
    assert paint.deduct_above_m2 == 2.5 and paint.deduct_above_m3 is None
    assert paint.exclude.properties == {"Pset_WallCommon.IsExternal": True}
    assert paint.quantity.evaluate({"gross_side_area_m2": 15.0}) == 30.0
    assert paint.quantity.names == {"gross_side_area_m2"}


def test_a_file_saved_with_a_bom_by_notepad_loads(tmp_path):
    assert len(load_ruleset(write(tmp_path, b"\xef\xbb\xbf" + ISSUE_3.encode("utf-8"))).items) == 2


# --- the file and its [ruleset] table ------------------------------------------------------------


def test_missing_file(tmp_path):
    refused(tmp_path / "absent.toml", "not found", hint="path")


def test_a_folder_is_not_a_rule_file(tmp_path):
    (tmp_path / "regles.toml").mkdir()
    refused(tmp_path / "regles.toml", "not found")


def test_not_utf8(tmp_path):
    refused(write(tmp_path, ISSUE_3.encode("latin-1")), "UTF-8", hint="UTF-8")


def test_bad_toml_syntax_names_the_line(tmp_path):
    text = HEAD + '\n[[item]]\ncode = "02.03.01\nlot = "02 Gros oeuvre"\n'  # unclosed quote on line 6
    refused(write(tmp_path, text), "TOML", "line 6", hint="TOML")


def test_arrays_nested_too_deeply_are_bad_toml_not_a_crash(tmp_path):
    refused(write(tmp_path, HEAD + "x = " + "[" * 5000 + "]" * 5000 + "\n"), "TOML")


def test_unknown_top_level_section(tmp_path):
    refused(write(tmp_path, ISSUE_3 + "\n[prix]\nbeton = 120\n"), "'prix'", hint="[ruleset]")


def test_missing_ruleset_table(tmp_path):
    refused(write(tmp_path, rules(item(), head="")), "[ruleset]", hint="[ruleset]")


def test_unknown_key_in_ruleset(tmp_path):
    head = '[ruleset]\nname = "x"\nlangage = "fr"\n'
    refused(write(tmp_path, rules(item(), head=head)), "[ruleset]", "'langage'", hint="language")


@pytest.mark.parametrize("language", ['"de"', '"FR"', '["fr"]', "1"])
def test_unsupported_language(tmp_path, language):
    head = f'[ruleset]\nname = "x"\nlanguage = {language}\n'
    refused(write(tmp_path, rules(item(), head=head)), "language", hint='"fr"')


@pytest.mark.parametrize("key", ["name", "description"])
def test_ruleset_texts_must_be_texts(tmp_path, key):
    head = f'[ruleset]\nlanguage = "fr"\n{key} = {{ a = 1 }}\n'
    refused(write(tmp_path, rules(item(), head=head)), key, hint=key)


def test_no_items(tmp_path):
    refused(write(tmp_path, HEAD), "[[item]]", hint="[[item]]")


def test_an_item_that_is_not_a_table(tmp_path):
    refused(write(tmp_path, "item = [1]\n" + HEAD), "item #1", hint="[[item]]")


# --- keys of an item -----------------------------------------------------------------------------


def test_unknown_key_in_an_item_suggests_the_right_one(tmp_path):
    broken = item(PAINT, code='"09.01.03"', quantitty='"net_side_area_m2"')
    refused_item(tmp_path, broken, "item 09.01.03 (#2)", "'quantitty'", hint="did you mean 'quantity'?")


@pytest.mark.parametrize("key", ["code", "lot", "label", "unit", "select", "quantity"])
def test_missing_required_key(tmp_path, key):
    where = "item #2" if key == "code" else "item 02.03.02 (#2)"
    broken = item(**{"code": '"02.03.02"', key: None})
    refused_item(tmp_path, broken, where, f"'{key}'", hint=key)


@pytest.mark.parametrize("key", ["code", "lot", "label", "unit", "quantity"])
@pytest.mark.parametrize("value", ['""', "3", '["a"]'])
def test_required_texts_must_be_non_empty_texts(tmp_path, key, value):
    refused_item(tmp_path, item(**{key: value}), "(#2)", f"'{key}'", hint=key)


@pytest.mark.parametrize("key", ["measures", "note"])
def test_optional_texts_must_be_texts(tmp_path, key):
    refused_item(tmp_path, item(code='"02.03.02"', **{key: "{ a = 1 }"}), "item 02.03.02 (#2)", key)


@pytest.mark.parametrize("unit", ["m4", "pcs", "M3", "m³", "ens"])
def test_unknown_unit(tmp_path, unit):
    refused_item(tmp_path, item(code='"02.03.02"', unit=toml(unit)), "item 02.03.02 (#2)", f"unit '{unit}'", hint="m3")


def test_duplicate_item_codes(tmp_path):
    error = refused(
        write(tmp_path, rules(item(), item(PAINT), item(PAINT, label='"Peinture bis"'))),
        "09.01.02",
        "#3",
        "#2",
        hint="code",
    )
    assert "#1" not in error.message


def test_duplicate_codes_are_compared_without_surrounding_spaces(tmp_path):
    refused(write(tmp_path, rules(item(), item(code='" 02.03.01 "'))), "#2", "#1")


# --- selectors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls, guess", [("IfcWal", "IfcWall"), ("IfcSlabb", "IfcSlab"), ("Wall", None), ("IfcLabel", None)]
)  # IfcLabel is a type, not an entity
def test_unknown_ifc_class(tmp_path, cls, guess):
    broken = item(code='"02.03.02"', select=f"{{ class = {toml(cls)} }}")
    error = refused_item(tmp_path, broken, "item 02.03.02 (#2)", f"'{cls}'", hint="IfcWall")
    if guess:
        assert f"did you mean {guess}?" in error.hint


def test_unknown_ifc_class_in_a_list_of_alternatives(tmp_path):
    broken = item(code='"02.03.02"', select='{ class = ["IfcWall", "IfcSlabb"] }')
    refused_item(tmp_path, broken, "item 02.03.02 (#2)", "'IfcSlabb'")


@pytest.mark.parametrize("cls", ["ifcwall", "IFCWALL", "IfcWALL", "ifcwallstandardcase"])
def test_ifc_class_names_are_accepted_in_any_case_and_reported_as_ifc_spells_them(tmp_path, cls):
    ruleset = load_ruleset(write(tmp_path, rules(item(select=f"{{ class = {toml(cls)} }}"))))
    canonical = "IfcWallStandardCase" if "standard" in cls else "IfcWall"
    assert ruleset.items[0].select.patterns["class"] == (canonical,)
    wall = {"ifc_class": "IfcWallStandardCase"}  # a subclass of IfcWall in IFC4
    assert get_mismatch(ruleset.items[0].select, wall, "IFC4") is None
    assert get_mismatch(ruleset.items[0].select, {"ifc_class": "IfcSlab"}, "IFC4") is not None


@pytest.mark.parametrize("key", ["select", "exclude"])
def test_unknown_selector_key(tmp_path, key):
    broken = item(code='"02.03.02"', **{key: '{ class = "IfcWall", materiel = "*béton*" }'})
    refused_item(tmp_path, broken, "item 02.03.02 (#2)", key, "'materiel'", hint="material")


@pytest.mark.parametrize("key", ["select", "exclude"])
@pytest.mark.parametrize(
    "condition",
    ["{ name = 12 }", "{ layer = [1, 2] }", "{ class = 5 }", "{ material = true }", "{ storey = [] }", '{ name = "" }'],
)
def test_selector_value_must_be_a_text_or_a_list_of_texts(tmp_path, key, condition):
    broken = item(code='"02.03.02"', **{key: condition})
    refused_item(tmp_path, broken, "item 02.03.02 (#2)", key, hint="pattern")


@pytest.mark.parametrize("key", ["select", "exclude"])
@pytest.mark.parametrize("value", ['"IfcWall"', "{}", "[]", "1"])
def test_selector_must_be_a_table_of_conditions(tmp_path, key, value):
    refused_item(tmp_path, item(code='"02.03.02"', **{key: value}), "item 02.03.02 (#2)", f"'{key}'", hint="class")


def test_property_condition_needs_a_single_value(tmp_path):
    broken = item(code='"02.03.02"', exclude='{ "Pset_WallCommon.IsExternal" = [true, false] }')
    refused_item(tmp_path, broken, "item 02.03.02 (#2)", "Pset_WallCommon.IsExternal", hint="true")


# --- formulas ------------------------------------------------------------------------------------


def test_unknown_quantity_name_suggests_the_right_one(tmp_path):
    broken = item(code='"02.03.02"', quantity='"net_volum_m3"')
    refused_item(tmp_path, broken, "item 02.03.02 (#2)", "'net_volum_m3'", hint="did you mean net_volume_m3?")


NOT_ARITHMETIC = [
    "__import__('os').system('touch PWNED')",
    "net_volume_m3.__class__",
    "[x for x in ()]",
    "'a' * 3",
    "lambda: 1",
    "open('x')",
    "net_volume_m3 if 1 else 2",
    "2 ** 1000000",
    "1 < 2",
    "net_volume_m3 ** 0.5",
    "net_volume_m3 ** width_m",
    "max(net_volume_m3, key=abs)",
    "max(*[net_volume_m3])",
    "net_volume_m3[0]",
    "f'{net_volume_m3}'",
    "True * net_volume_m3",
    "net_volume_m3; 1",
    "(net_volume_m3 := 1)",
    "exec('1')",
    "eval('1')",
]


@pytest.mark.parametrize("formula", NOT_ARITHMETIC)
def test_formulas_that_are_not_arithmetic_are_refused_without_being_run(tmp_path, monkeypatch, formula):
    def never(*args, **kwargs):
        raise AssertionError("a formula was executed")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(builtins, "eval", never)
    monkeypatch.setattr(builtins, "exec", never)
    monkeypatch.setattr(builtins, "open", never)
    monkeypatch.setattr(builtins, "__import__", never)  # bimquant.rules is already imported
    try:
        with pytest.raises(FormulaError) as caught:
            parse_formula(formula)
        assert caught.value.hint
    finally:
        monkeypatch.undo()  # load_ruleset opens the file; monkeypatch.chdir is undone too: redo it
    monkeypatch.chdir(tmp_path)
    broken = item(code='"02.03.02"', quantity=toml(formula))
    refused_item(tmp_path, broken, "item 02.03.02 (#2)", formula)
    assert not (tmp_path / "PWNED").exists()
    assert not (Path.cwd() / "PWNED").exists()


def test_a_huge_power_is_refused_at_once(tmp_path):
    refused_item(tmp_path, item(code='"02.03.02"', unit='"u"', quantity='"2 ** 1000000"'), "power", hint="** 2")


@pytest.mark.parametrize("formula", ["1e400 * net_volume_m3", "1" + "0" * 400 + " * net_volume_m3"])
def test_numbers_too_large_for_a_float_are_refused(formula):
    with pytest.raises(FormulaError, match="too large"):
        parse_formula(formula)


@pytest.mark.parametrize(
    "formula", ["1+" * 1000 + "net_volume_m3", "-" * 5000 + "net_volume_m3", "(" * 300 + "net_volume_m3" + ")" * 300]
)
def test_very_long_or_deep_formulas_are_refused_not_a_crash(tmp_path, formula):
    refused_item(tmp_path, item(code='"02.03.02"', quantity=toml(formula)), "item 02.03.02 (#2)")


@pytest.mark.parametrize("formula", ["", "   ", "net_volume_m3 +", "net_volume_m3 net_volume_m3"])
def test_empty_or_broken_formula(tmp_path, formula):
    refused_item(tmp_path, item(code='"02.03.02"', quantity=toml(formula)), "item 02.03.02 (#2)")


@pytest.mark.parametrize(
    "formula",
    [
        "max(net_volume_m3)",
        "min(net_volume_m3)",
        "abs(net_volume_m3, 1)",
        "round(net_volume_m3, 2, 3)",
        "round(net_volume_m3, width_m)",
        "max(net_volume_m3, gross_side_area_m2)",
        "max()",
    ],
)
def test_functions_with_the_wrong_arguments(formula):
    with pytest.raises(FormulaError) as caught:
        parse_formula(formula)
    assert caught.value.hint


@pytest.mark.parametrize(
    "unit, formula, gives",
    [
        ("m2", "net_volume_m3", "m3"),
        ("m3", "gross_side_area_m2 * 2", "m2"),
        ("u", "length_m", "m"),
        ("m", "count", "a count"),
        ("kg", "net_volume_m3", "m3"),
        ("t", "net_volume_m3 * 2400", "m3"),  # a density is a bare number: write weight_kg instead
        ("m2", "length_m * height_m * width_m", "m3"),
    ],
)
def test_unit_that_does_not_fit_the_quantity(tmp_path, unit, formula, gives):
    broken = item(code='"02.03.02"', unit=toml(unit), quantity=toml(formula))
    refused_item(tmp_path, broken, "item 02.03.02 (#2)", f"unit {unit}", f"gives {gives}", hint=unit)


@pytest.mark.parametrize(
    "unit, formula",
    [
        ("kg", "weight_kg"),
        ("t", "weight_kg"),
        ("m2", "net_volume_m3 / width_m"),
        ("m2", "length_m * height_m"),
        ("m", "length_m ** 2 / height_m"),
        ("u", "count"),
        ("u", "openings_count"),
        ("m3", "max(gross_volume_m3 - 0.1, 0)"),
    ],
)
def test_unit_that_fits_the_quantity(tmp_path, unit, formula):
    ruleset = load_ruleset(write(tmp_path, rules(item(unit=toml(unit), quantity=toml(formula)))))
    assert ruleset.items[0].unit == unit


@pytest.mark.parametrize(
    "formula",
    [
        "gross_area_m2 + net_volume_m3",
        "net_volume_m3 - length_m",
        "gross_area_m2 + count",
        "max(gross_area_m2, 0) + count",
        "gross_area_m2 + 2 * width_m",
    ],
)
def test_adding_quantities_of_different_units(tmp_path, formula):
    broken = item(code='"02.03.02"', unit='"m2"', quantity=toml(formula))
    refused_item(tmp_path, broken, "item 02.03.02 (#2)", "adds", hint="same unit")


# --- openings conventions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "openings, words",
    [
        ("{ deduct_above = 2.5 }", ["'deduct_above'"]),
        ("{ deduct_above_m2 = 2.5, deduct_below_m2 = 1 }", ["'deduct_below_m2'"]),
        ("{ deduct_above_m2 = -1 }", ["deduct_above_m2", "0 or more"]),
        ('{ deduct_above_m2 = "2.5" }', ["deduct_above_m2"]),
        ("{ deduct_above_m2 = true }", ["deduct_above_m2"]),
        ("{ deduct_above_m2 = nan }", ["deduct_above_m2"]),
        ("{ deduct_above_m3 = inf }", ["deduct_above_m3"]),
        ("{ deduct_above_m2 = [2.5] }", ["deduct_above_m2"]),
        ("2.5", ["openings"]),
        ("{}", ["openings"]),
    ],
)
def test_bad_openings_convention(tmp_path, openings, words):
    broken = item(PAINT, code='"09.01.03"', openings=openings)
    refused_item(tmp_path, broken, "item 09.01.03 (#2)", *words, hint="deduct_above")


@pytest.mark.parametrize("formula", ["net_side_area_m2 * 2", "gross_side_area_m2 + net_side_area_m2"])
def test_openings_convention_with_net_quantities_is_refused(tmp_path, formula):
    broken = item(PAINT, code='"09.01.03"', quantity=toml(formula))
    refused_item(tmp_path, broken, "item 09.01.03 (#2)", "net_side_area_m2", hint="gross_")


def test_openings_convention_with_no_gross_quantity_is_refused(tmp_path):
    broken = item(PAINT, code='"09.01.03"', quantity='"length_m * height_m"')
    refused_item(tmp_path, broken, "item 09.01.03 (#2)", "gross_", hint="gross_")


def test_openings_convention_on_a_volume(tmp_path):
    ruleset = load_ruleset(
        write(tmp_path, rules(item(quantity='"gross_volume_m3"', openings="{ deduct_above_m3 = 0.1 }")))
    )
    assert ruleset.items[0].deduct_above_m3 == 0.1


# --- one line, whatever the file holds -----------------------------------------------------------


@pytest.mark.parametrize(
    "broken",
    [
        item(code='"02.03\\n02"', quantity='"net_volum_m3"'),
        item(code='"02.03.02"', quantity='"""(net_volume_m3\n+ width_m)"""'),
        item(code='"02.03.02"', quantity='"""net_volume_m3\n+ 1"""'),
        item(code='"02.03.02"', **{'"quan\\ntity"': "1"}),
        item(code='"02.03.02"', select='{ class = "IfcWall\\r\\nIfcSlab" }'),
    ],
)
def test_line_breaks_from_the_file_are_escaped_in_the_error(tmp_path, broken):
    refused_item(tmp_path, broken, "(#2)")


# --- parse_formula -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "formula, values, expected",
    [
        ("max(gross_side_area_m2 - 1, 0) * 2", {"gross_side_area_m2": 10.0}, 18.0),
        ("max(gross_side_area_m2 - 1, 0) * 2", {"gross_side_area_m2": 0.5}, 0.0),
        ("round(net_volume_m3, 2)", {"net_volume_m3": 2.34567}, 2.35),
        ("-net_volume_m3 + 2 * net_volume_m3", {"net_volume_m3": 2.6}, 2.6),
        ("abs(-net_volume_m3)", {"net_volume_m3": 2.6}, 2.6),
        ("min(length_m, 2) * (height_m + 0.5)", {"length_m": 5.0, "height_m": 3.0}, 7.0),
        ("length_m ** 2", {"length_m": 3.0}, 9.0),
        ("count", {"count": 1.0}, 1.0),
    ],
)
def test_parse_formula_evaluates(formula, values, expected):
    assert parse_formula(formula).evaluate(values) == pytest.approx(expected)


@pytest.mark.parametrize(
    "formula, values",
    [
        ("net_volume_m3 / width_m", {"net_volume_m3": 2.6, "width_m": 0.0}),
        ("net_volume_m3 / (width_m - width_m)", {"net_volume_m3": 2.6, "width_m": 0.2}),
        ("length_m ** -1", {"length_m": 0.0}),
    ],
)
def test_division_by_zero_gives_nan(formula, values):
    assert math.isnan(parse_formula(formula).evaluate(values))


@pytest.mark.parametrize(
    "formula",
    [
        "net_volume_m3 * 2",
        "max(net_volume_m3, 0)",
        "min(0, net_volume_m3)",
        "round(net_volume_m3, 2)",
        "abs(net_volume_m3)",
        "-net_volume_m3",
    ],
)
def test_a_nan_input_gives_nan(formula):
    f = parse_formula(formula)
    assert math.isnan(f.evaluate({"net_volume_m3": math.nan}))
    assert math.isnan(f.evaluate({"net_volume_m3": None}))
    assert math.isnan(f.evaluate({}))  # quantity missing for this element


@pytest.mark.parametrize(
    "formula, values",
    [
        ("length_m ** 4", {"length_m": 1e100}),  # float ** raises OverflowError instead of giving inf
        ("round(net_volume_m3)", {"net_volume_m3": math.inf}),
        ("round(net_volume_m3, width_m / length_m)", {"net_volume_m3": 1.0, "width_m": 1.0, "length_m": 1e-320}),
    ],
)
def test_arithmetic_with_no_value_gives_nan_not_an_exception(formula, values):
    assert math.isnan(parse_formula(formula).evaluate(values))


def test_dimension_of_a_volume_over_a_thickness_is_an_area():
    f = parse_formula("net_volume_m3 / width_m")
    assert f.dimension == (2, 0)
    assert describe_dimension(f.dimension) == "m2"
    assert f.names == {"net_volume_m3", "width_m"}


@pytest.mark.parametrize(
    "formula, dimension",
    [
        ("weight_kg", (0, 1)),
        ("count * 2", (0, 0)),
        ("length_m ** -2", (-2, 0)),
        ("gross_side_area_m2 * 2", (2, 0)),
        ("round(net_volume_m3, 2)", (3, 0)),
    ],
)
def test_dimensions(formula, dimension):
    assert parse_formula(formula).dimension == dimension


# --- the CLI -------------------------------------------------------------------------------------


BAD_FILES = {  # name -> (file text, words the Error line names besides the file)
    "unknown_key": (rules(item(), item(PAINT, quantitty='"x"')), ["09.01.02", "quantitty"]),
    "no_code": (rules(item(), item(code=None)), ["item #2", "code"]),
    "injection": (rules(item(quantity=toml("__import__('os').system('touch PWNED')"))), ["02.03.01"]),
    "unit": (rules(item(unit='"m2"')), ["02.03.01", "m2"]),
    "markup": (rules(item(code='"[bold]A1[/bold]"', unit='"pcs"')), ["[bold]A1[/bold]", "pcs"]),
    "toml": (HEAD + "[[item]\n", ["line"]),
}


def test_rules_check_accepts_a_good_file(tmp_path):
    path = write(tmp_path, ISSUE_3)
    code, out, err = run("rules", "check", path)
    assert code == 0, err
    assert "2 ouvrages" in out and str(path) in out
    assert "09.01.02" in out and "2.5" in out
    assert err == ""


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_rules_check_refuses_a_bad_file_in_one_line(tmp_path, monkeypatch, name):
    text, words = BAD_FILES[name]
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, text)
    code, out, err = run("rules", "check", path)
    assert code == 4
    assert_one_error(err, path.name, *words)
    assert out == ""
    assert not (tmp_path / "PWNED").exists()


def test_rules_check_on_a_missing_file(tmp_path):
    code, _, err = run("rules", "check", tmp_path / "absent.toml")
    assert code == 4
    assert_one_error(err, "absent.toml")


def test_takeoff_checks_the_rules_before_measuring_and_writes_nothing(tmp_path, monkeypatch):
    def measure(*args, **kwargs):
        raise AssertionError("the model was measured before the rule file was checked")

    monkeypatch.setattr(bimquant.pipeline, "measure_model", measure)
    bad = write(tmp_path, rules(item(), item(PAINT, quantity='"net_side_area_m2 * 2"')), "BAD.toml")
    out = tmp_path / "out.xlsx"
    code, stdout, err = run("takeoff", HOUSE, "--rules", bad, "-o", out)
    assert code == 4
    assert_one_error(err, "BAD.toml", "09.01.02")
    assert stdout == ""
    assert list(tmp_path.iterdir()) == [bad]


def test_a_bad_rule_file_wins_over_a_missing_model(tmp_path):
    bad = write(tmp_path, rules(item(unit='"m4"')), "BAD.toml")
    code, _, err = run("takeoff", tmp_path / "absent.ifc", "--rules", bad, "-o", tmp_path / "out.xlsx")
    assert code == 4
    assert_one_error(err, "BAD.toml", "m4")
    assert not (tmp_path / "out.xlsx").exists()
