"""Numbers in price libraries: read only when their form cannot be misread (issue 9, case 3).

A price written "1,450" in a comma-separated file was read as 1.45: item 03.01.01 was priced
0.84 EUR instead of 841. A value is now read only in a form that is unambiguous for the file's
dialect; anything else is refused with the file, the row, the column and the accepted forms.
"""

from __future__ import annotations

import pytest

from bimquant.errors import RuleError
from bimquant.estimate import load_prices
from bimquant.loaders import parse_number


@pytest.mark.parametrize(
    "text, style, expected",
    [
        ("1450", "point", 1450.0),
        ("1450.00", "point", 1450.0),
        ("1 450.00", "point", 1450.0),
        ("1.45", "point", 1.45),
        ("1450", "comma", 1450.0),
        ("1450,00", "comma", 1450.0),
        ("1450.00", "comma", 1450.0),
        ("1 450,00", "comma", 1450.0),
        ("1\u00a0450,00", "comma", 1450.0),  # Excel's no-break space
        ("1\u202f450,00", "comma", 1450.0),  # narrow no-break space
        ("1.450,00", "comma", 1450.0),
        ("12.345.678,90", "comma", 12345678.9),
        ("1,45", "comma", 1.45),
        ("0.450", "comma", 0.45),  # a leading 0 groups no thousands
        ("1234.567", "comma", 1234.567),  # nor do four digits
        ("185,50", "either", 185.5),
        ("185.50", "either", 185.5),
    ],
)
def test_unambiguous_forms_are_read(text, style, expected):
    assert parse_number(text, style) == expected


@pytest.mark.parametrize(
    "text, style",
    [
        ("1,450", "point"),  # one thousand four hundred and fifty, or 1.45?
        ("185,50", "point"),  # a decimal comma in a comma-separated file
        ("1,450.00", "point"),
        ("1.450", "comma"),  # 1450 or 1.45?
        ("1.450", "either"),
        ("1,450", "either"),
        ("1.450,00", "point"),
        ("1 45", "comma"),
        ("1..5", "point"),
        ("1e3", "point"),
        ("inf", "point"),
        ("nan", "comma"),
        ("1_000", "point"),
        ("", "point"),
        ("12 EUR", "point"),
    ],
)
def test_ambiguous_or_odd_forms_are_refused(text, style):
    assert parse_number(text, style) is None


def test_numbers_from_a_spreadsheet_cell_are_taken_as_they_are():
    assert parse_number(1450, "point") == 1450.0
    assert parse_number(1.45, "comma") == 1.45
    assert parse_number(float("inf"), "either") is None
    assert parse_number(True, "either") is None


def test_a_thousands_separator_in_a_comma_csv_is_refused_with_the_row_and_the_forms(tmp_path):
    prices = tmp_path / "prix.csv"
    prices.write_text('code,unit,unit_price\n02.03.01,m3,420.00\n03.01.01,m3,"1,450"\n', encoding="utf-8")

    with pytest.raises(RuleError) as caught:
        load_prices(prices)

    message = caught.value.message
    assert str(prices) in message and "row 3" in message and "03.01.01" in message and "unit_price" in message
    assert "'1,450'" in message
    assert "1450.00" in caught.value.hint
    assert caught.value.exit_code == 4


def test_a_semicolon_csv_with_french_thousands_is_read(tmp_path):
    prices = tmp_path / "prix.csv"
    prices.write_text(
        "code;unit;unit_price;labour\n03.01.01;m3;1 450,00;1.200,50\n02.03.01;m3;420;170,5\n", encoding="utf-8"
    )

    library = load_prices(prices)

    assert library["03.01.01"].unit_price == 1450.0 and library["03.01.01"].labour == 1200.5
    assert library["02.03.01"].unit_price == 420.0 and library["02.03.01"].labour == 170.5


@pytest.mark.parametrize("value", ["1e30", "1e308", "1000000000000", "-5"])
def test_prices_out_of_range_are_refused(tmp_path, value):
    prices = tmp_path / "prix.csv"
    prices.write_text(f"code,unit,unit_price\n02.03.01,m3,{value}\n", encoding="utf-8")

    with pytest.raises(RuleError) as caught:
        load_prices(prices)

    assert "row 2" in caught.value.message and "02.03.01" in caught.value.message


def test_a_huge_price_in_a_spreadsheet_is_refused(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["code", "unit", "unit_price"])
    book.active.append(["02.03.01", "m3", 1e308])
    path = tmp_path / "prix.xlsx"
    book.save(path)

    with pytest.raises(RuleError) as caught:
        load_prices(path)

    assert "out of range" in caught.value.message and "1,000,000,000" in caught.value.hint
