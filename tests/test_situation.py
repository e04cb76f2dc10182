"""`bimquant situation` (issue 13): three monthly claims on the sample house, every euro by hand.

The worked example ships in sample_models/situation/ (progress for March, April and May 2026,
the settings, the index values) and is shown in README.md, "bimquant situation".

The contract is the sample house priced with the shipped French rules and prices (client view:
sale prices, K = 1.2915), as `bimquant estimate -o marche.json` writes it. The settings: retention
5 % on the amount incl. VAT, an advance of 20 % recovered from 65 % to 80 % of completion, VAT
20 %, 30 days, revision a = 0.15, b = 0.85 on an index BT01 of 130.0 in January 2026. The
progress (cumulative): March, per storey: gros oeuvre 100 % on the ground floor and 50 % on
level 1; April, per line: gros oeuvre and charpente 100 %, couverture 50 %; May, per line:
everything 100 %.

The test's own arithmetic below (Decimal, ROUND_HALF_UP) follows README.md, "bimquant
situation", from the contract's numbers (its lines and the elements behind them), not from
bimquant's code.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import HOUSE, ROOT, assert_one_error, run, soffice_to_xlsx

D = Decimal
CENT = D("0.01")
SETTINGS = """\
[situation]
retention_pct = 5.0
advance_pct = 20.0
vat_pct = 20.0
payment_days = 30

[situation.revision]
a = 0.15
b = 0.85
index = "BT01"
base_month = "2026-01"
indices = "indices-bt01.csv"
"""
INDICES = {"2026-01": D("130.0"), "2026-03": D("131.3"), "2026-04": D("131.95"), "2026-05": D("132.6")}
GROS_OEUVRE = "02 Gros oeuvre"
SAMPLE = ROOT / "sample_models" / "situation"


def r2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("situation")
    code, _, stderr = run(
        "estimate", HOUSE, "--rules", ROOT / "rules" / "fr-lots.toml", "--prices", ROOT / "rules" / "fr-prix.csv",
        "-o", path / "marche.json", "-q", "--no-cache",
    )  # fmt: skip
    assert code == 0, stderr
    shutil.copy(SAMPLE / "reglages.toml", path / "reglages.toml")
    shutil.copy(SAMPLE / "indices-bt01.csv", path / "indices-bt01.csv")
    return path


def test_the_shipped_settings_and_indices_are_the_ones_computed_here():
    assert (SAMPLE / "reglages.toml").read_text(encoding="utf-8") == SETTINGS
    rows = (SAMPLE / "indices-bt01.csv").read_text(encoding="utf-8").split()
    assert rows == ["month,value"] + [f"{m},{v}" for m, v in INDICES.items()]


@pytest.fixture(scope="module")
def contract(folder) -> dict:
    return json.loads((folder / "marche.json").read_text(encoding="utf-8"))


def billable(contract: dict) -> dict[str, dict]:
    """code -> the line: priced, with a quantity; its amount ROUND(quantity x sale price, 2)."""
    return {
        line["code"]: line | {"contract_amount": r2(D(repr(line["quantity"])) * D(repr(line["sale_unit_price"])))}
        for line in contract["lines"]
        if line["priced"] and line["quantity"]
    }


def storey_percent(contract: dict, code: str, percents: dict[str, Decimal]) -> Decimal:
    """A line's percent when each storey is at ``percents``: its elements' contributions weighted."""
    parts: dict[str, list] = {}
    for row in contract["trace"]:
        if row["code"] == code and row["contribution"] is not None:
            entry = parts.setdefault(row["global_id"], [row["storey"], D(0)])
            entry[1] += D(repr(row["contribution"]))
    total = sum(c for _, c in parts.values())
    done = sum(c * percents.get(s, D(0)) for s, c in parts.values())
    return (done / total).quantize(D("0.0001"), rounding=ROUND_HALF_UP)


def months(contract: dict) -> dict[str, dict[str, Decimal]]:
    """The cumulative percent of every line at the end of each month."""
    lines = billable(contract)
    march = {
        code: storey_percent(contract, code, {"Ground floor": D(100), "Level 1": D(50)})
        if line["lot"] == GROS_OEUVRE
        else D(0)
        for code, line in lines.items()
    }
    april_lots = {GROS_OEUVRE: D(100), "03 Charpente": D(100), "04 Couverture": D(50)}
    april = {code: april_lots.get(line["lot"], D(0)) for code, line in lines.items()}
    may = dict.fromkeys(lines, D(100))
    return {"2026-03": march, "2026-04": april, "2026-05": may}


def by_hand(contract: dict) -> dict[str, dict]:
    """The three claims' totals and line amounts, computed here from the README's conventions."""
    lines = billable(contract)
    total = sum(line["contract_amount"] for line in lines.values())
    advance = r2(total * D(20) / 100)
    previous_lines, recovered_before, claims = dict.fromkeys(lines, D(0)), D(0), {}
    for month, percents in months(contract).items():
        cumulative_lines = {c: r2(lines[c]["contract_amount"] * percents[c] / 100) for c in lines}
        cumulative = sum(cumulative_lines.values())
        previous = sum(previous_lines.values())
        period = cumulative - previous
        coefficient = (D("0.15") + D("0.85") * INDICES[month] / INDICES["2026-01"]).quantize(
            D("0.0001"), rounding=ROUND_HALF_UP
        )
        revision = r2(period * (coefficient - 1))
        completion = cumulative / total * 100
        share = min(max((completion - 65) / 15, D(0)), D(1))
        recovered_to_date = r2(advance * share)
        recovered = recovered_to_date - recovered_before
        excl = period + revision - recovered
        vat = r2(excl * 20 / 100)
        works = period + revision
        retention = r2((works + r2(works * 20 / 100)) * 5 / 100)
        year, number = (int(p) for p in month.split("-"))
        end = dt.date(year, number, calendar.monthrange(year, number)[1])
        claims[month] = {
            "lines": cumulative_lines,
            "cumulative": cumulative,
            "previous": previous,
            "period": period,
            "revision_coefficient": coefficient,
            "revision": revision,
            "advance_recovered": recovered,
            "amount_excl_vat": excl,
            "vat": vat,
            "retention": retention,
            "net_to_pay": excl + vat - retention,
            "due_date": (end + dt.timedelta(days=30)).isoformat(),
        }
        previous_lines, recovered_before = cumulative_lines, recovered_to_date
    return claims


def write_progress(folder: Path) -> dict[str, Path]:
    """The shipped progress files of March and April."""
    return {month: SAMPLE / f"avancement-{month}.csv" for month in ("2026-03", "2026-04")}


def claim(folder: Path, month: str, progress: Path, previous: Path | None, *extra) -> dict:
    out = folder / f"situation-{month}.json"
    args = ["situation", folder / "marche.json", "--progress", progress, "--period", month]
    args += ["--settings", folder / "reglages.toml", "-o", out, "-q", *extra]
    args += ["--previous", previous] if previous else []
    code, _, stderr = run(*args)
    assert code == 0, stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_hand_example_itself(contract):
    # the figures the README shows, and the two facts the example is built on
    hand = by_hand(contract)
    assert sum(line["contract_amount"] for line in billable(contract).values()) == D("48431.03")
    assert hand["2026-03"]["revision_coefficient"] == D("1.0085")  # 0.15 + 0.85 x 131.3 / 130
    assert hand["2026-04"]["cumulative"] / D("48431.03") > D("0.65")  # April crosses 65 %: recovery starts
    assert hand["2026-05"]["cumulative"] == D("48431.03")


def test_three_months_chained_give_the_hand_figures_to_the_cent(folder, contract):
    hand = by_hand(contract)
    files = {month: SAMPLE / f"avancement-{month}.csv" for month in ("2026-03", "2026-04", "2026-05")}
    previous = None
    for number, month in enumerate(("2026-03", "2026-04", "2026-05"), start=1):
        data = claim(folder, month, files[month], previous)
        expected = hand[month]
        assert data["info"]["number"] == number and data["info"]["period"] == month
        lines = {line["code"]: line for line in data["lines"]}
        assert {c: r2(D(repr(line["cumulative_amount"]))) for c, line in lines.items()} == expected["lines"], month
        for key in ("cumulative", "previous", "period", "revision", "advance_recovered", "amount_excl_vat", "vat"):
            assert r2(D(repr(data["totals"][key]))) == expected[key], (month, key)
        assert r2(D(repr(data["totals"]["retention"]))) == expected["retention"], month
        assert r2(D(repr(data["totals"]["net_to_pay"]))) == expected["net_to_pay"], month
        assert data["totals"]["due_date"] == expected["due_date"]
        lots = {lot["lot"]: r2(D(repr(lot["cumulative_amount"]))) for lot in data["lots"]}
        by_lot: dict[str, Decimal] = {}
        for code, line in billable(contract).items():
            by_lot[line["lot"]] = by_lot.get(line["lot"], D(0)) + expected["lines"][code]
        assert lots == by_lot, month
        previous = folder / f"situation-{month}.json"


def line_amounts(data: dict) -> dict[str, float]:
    return {line["code"]: line["cumulative_amount"] for line in data["lines"]}


def test_the_same_state_per_element_per_storey_and_per_line_gives_the_same_amounts(folder, contract):
    # the state of March: gros oeuvre done on the ground floor, half on level 1
    per_storey = write_progress(folder)["2026-03"]
    per_element = folder / "par-element.csv"
    rows = ["global_id,lot,percent"]
    seen = set()
    for row in contract["trace"]:
        line = billable(contract).get(row["code"])
        if line and line["lot"] == GROS_OEUVRE and row["global_id"] not in seen:
            seen.add(row["global_id"])
            percent = {"Ground floor": 100, "Level 1": 50}.get(row["storey"], 0)
            rows.append(f"{row['global_id']},{GROS_OEUVRE},{percent}")
    per_element.write_text("\n".join(rows) + "\n", encoding="utf-8")
    per_line = folder / "par-ligne.csv"
    percents = months(contract)["2026-03"]
    per_line.write_text("code,percent\n" + "".join(f"{c},{p}\n" for c, p in percents.items()), encoding="utf-8")

    amounts = [line_amounts(claim(folder, "2026-03", path, None)) for path in (per_storey, per_element, per_line)]

    assert amounts[0] == amounts[1] == amounts[2]
    assert sum(amounts[0].values()) > 0


def test_a_quantity_per_line_is_its_share_of_the_contract_quantity(folder, contract):
    code, line = next((c, line) for c, line in billable(contract).items() if line["unit"] == "m3")
    path = folder / "quantite.csv"
    half = D(repr(line["quantity"])) / 2
    path.write_text(f"code,quantity\n{code},{half}\n", encoding="utf-8")

    data = claim(folder, "2026-03", path, None)

    (row,) = [r for r in data["lines"] if r["code"] == code]
    assert row["cumulative_percent"] == 50.0
    assert D(repr(row["cumulative_amount"])) == r2(billable(contract)[code]["contract_amount"] / 2)


def test_a_decrease_is_refused_unless_allowed_and_then_a_credit(folder, contract):
    march = claim(folder, "2026-03", write_progress(folder)["2026-03"], None)
    lower = folder / "moins.csv"
    rows = ["storey,lot,percent", f"Ground floor,{GROS_OEUVRE},100", f"Level 1,{GROS_OEUVRE},25"]
    lower.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = folder / "refused.json"
    code, _, stderr = run(
        "situation", folder / "marche.json", "--progress", lower, "--period", "2026-04",
        "--previous", folder / "situation-2026-03.json", "-o", out,
    )  # fmt: skip
    assert code == 4 and not out.exists()
    assert_one_error(stderr, "below the previous situation")

    credit = claim(folder, "2026-04", lower, folder / "situation-2026-03.json", "--allow-decrease")
    assert credit["totals"]["period"] < 0
    assert credit["totals"]["previous"] == march["totals"]["cumulative"]


def test_autoliquidation_bills_without_vat(folder, tmp_path):
    settings = tmp_path / "sous-traitant.toml"
    settings.write_text("[situation]\nautoliquidation = true\nretention_pct = 0\n", encoding="utf-8")
    out = tmp_path / "s.json"
    code, _, stderr = run(
        "situation", folder / "marche.json", "--progress", write_progress(folder)["2026-03"], "--period", "2026-03",
        "--settings", settings, "-o", out, "-q",
    )  # fmt: skip
    assert code == 0, stderr
    totals = json.loads(out.read_text())["totals"]
    assert totals["vat"] == 0 and totals["retention"] == 0 and totals["autoliquidation"] is True
    assert totals["net_to_pay"] == totals["amount_excl_vat"] == totals["period"]


@pytest.mark.parametrize(
    "progress, settings, words",
    [
        ("code,percent\n02.03.01,101\n", None, ["row 2", "101", "0 to 100"]),
        ("code,percent\n99.99.99,50\n", None, ["row 2", "99.99.99", "not a line of the contract"]),
        ("global_id,percent\n0000000000000000000000,50\n", None, ["row 2", "0000000000000000000000"]),
        ("code,percent\n02.03.01,50\n", "[situation]\nretension_pct = 5\n", ["retension_pct"]),
        ("code,percent\n02.03.01,50\n", "[situation]\nretention_pct = 10\n", ["above 5 %"]),
        ("code,percent\n02.03.01,50\n", SETTINGS.replace("2026-01", "2025-12"), ["2025-12"]),
        ("storey,lot,percent\nRoof,02 Gros oeuvre,50\n", None, ["row 2", "Roof"]),
    ],
    ids=["above 100", "unknown code", "unknown GlobalId", "settings typo", "retention above 5", "no base index",
         "unknown storey"],
)  # fmt: skip
def test_bad_progress_or_settings_are_refused_in_one_line_with_exit_4(folder, tmp_path, progress, settings, words):
    path = tmp_path / "avancement.csv"
    path.write_text(progress, encoding="utf-8")
    extra = []
    if settings is not None:
        shutil.copy(SAMPLE / "indices-bt01.csv", tmp_path / "indices-bt01.csv")
        (tmp_path / "s.toml").write_text(settings, encoding="utf-8")
        extra = ["--settings", tmp_path / "s.toml"]
    out = tmp_path / "s.xlsx"
    code, _, stderr = run(
        "situation", folder / "marche.json", "--progress", path, "--period", "2026-03", *extra, "-o", out
    )
    assert code == 4
    assert_one_error(stderr, *words)
    assert not out.exists()


def test_an_index_missing_for_the_period_is_refused(folder, tmp_path):
    path = tmp_path / "avancement.csv"
    path.write_text("code,percent\n02.03.01,50\n", encoding="utf-8")
    out = tmp_path / "s.json"
    code, _, stderr = run(
        "situation", folder / "marche.json", "--progress", path, "--period", "2026-06",
        "--settings", folder / "reglages.toml", "-o", out,
    )  # fmt: skip
    assert code == 4 and not out.exists()
    assert_one_error(stderr, "BT01", "2026-06")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_recalculates_the_workbook_to_the_json_totals(folder, contract, tmp_path, tmp_path_factory):
    files = write_progress(folder)
    claim(folder, "2026-03", files["2026-03"], None)
    data = claim(folder, "2026-04", files["2026-04"], folder / "situation-2026-03.json")
    found = april_recalculated(folder, files, tmp_path, tmp_path_factory)
    totals = data["totals"]
    for label, key in AMOUNTS:
        assert found[label] == pytest.approx(totals[key], abs=0.001), label


def drawn_again(folder: Path, tmp_path: Path, length: float) -> Path:
    """The change order of W1 drawn ``length`` m long (6 m signed), priced with the contract."""
    import ifcopenshell

    model = ifcopenshell.open(str(HOUSE))
    w1 = next(e for e in model.by_type("IfcWall") if e.Name.startswith("W1 "))
    points = w1.Representation.Representations[0].Items[0].SweptArea.OuterCurve.Points
    points.CoordList = tuple((length if x == 6.0 else x, y) for x, y in points.CoordList)
    model.write(str(tmp_path / "v2.ifc"))
    code, _, stderr = run(
        "diff", HOUSE, tmp_path / "v2.ifc", "--rules", ROOT / "rules" / "fr-lots.toml",
        "--contract", folder / "marche.json", "-o", tmp_path / "ts1.json", "-q", "--no-cache",
    )  # fmt: skip
    assert code == 0, stderr
    return tmp_path / "ts1.json"


AMOUNTS = (  # the workbook's label of each amount of the JSON's totals
    ("Cumul des travaux HT", "cumulative"),
    ("Situations précédentes HT", "previous"),
    ("Travaux du mois HT", "period"),
    ("Révision de prix (coefficient)", "revision"),
    ("Remboursement de l'avance", "advance_recovered"),
    ("Montant HT", "amount_excl_vat"),
    ("TVA (taux %)", "vat"),
    ("Retenue de garantie (taux %, sur le TTC)", "retention"),
    ("Net à payer", "net_to_pay"),
)


def april_recalculated(folder: Path, files: dict, tmp_path: Path, tmp_path_factory, *extra) -> dict:
    """April's situation workbook as LibreOffice recalculates it: label -> amount (column K)."""
    out = tmp_path / "situation-04.xlsx"
    code, _, stderr = run(
        "situation", folder / "marche.json", "--progress", files["2026-04"], "--period", "2026-04",
        "--settings", folder / "reglages.toml", "--previous", folder / "situation-2026-03.json", "-o", out, "-q",
        *extra,
    )  # fmt: skip
    assert code == 0, stderr
    return recalculated(out, tmp_path, tmp_path_factory)


def recalculated(out: Path, tmp_path: Path, tmp_path_factory) -> dict:
    """A situation workbook as LibreOffice recalculates it: label -> amount (column K)."""
    sheet = openpyxl.load_workbook(
        soffice_to_xlsx(out, tmp_path / "lo", tmp_path_factory.mktemp("lo")), data_only=True
    )["Situation"]
    return {row[1]: row[10] for row in sheet.iter_rows(min_row=5, values_only=True) if isinstance(row[1], str)}


def schedule_model(folder: Path, contract: dict) -> tuple[Path, dict[str, int]]:
    """The sample house with an IFC4 work schedule: the ground floor's gros oeuvre finished on
    20 March, level 1's half done, the charpente finished on 10 April but 25 % done (so 25 % at the
    end of March); each task assigned to its elements (IfcRelAssignsToProduct). Returns the file
    and the percent each element is at on 31 March."""
    import ifcopenshell
    import ifcopenshell.api

    model = ifcopenshell.open(str(HOUSE))
    plan = ifcopenshell.api.run("sequence.add_work_plan", model, name="Planning")
    schedule = ifcopenshell.api.run("sequence.add_work_schedule", model, name="Travaux", work_plan=plan)
    lots = {line["code"]: line["lot"] for line in contract["lines"]}
    groups: dict[str, set[str]] = {"ground": set(), "level": set(), "frame": set()}
    for row in contract["trace"]:
        lot = lots.get(row["code"])
        if lot == GROS_OEUVRE:
            groups["ground" if row["storey"] == "Ground floor" else "level"].add(row["global_id"])
        elif lot == "03 Charpente":
            groups["frame"].add(row["global_id"])
    times = {
        "ground": {"ActualFinish": "2026-03-20T17:00:00"},
        "level": {"Completion": 0.5},
        "frame": {"ActualFinish": "2026-04-10T17:00:00", "Completion": 0.25},
    }
    expected = {}
    for name, elements in groups.items():
        task = ifcopenshell.api.run("sequence.add_task", model, work_schedule=schedule, name=name)
        time = ifcopenshell.api.run("sequence.add_task_time", model, task=task)
        ifcopenshell.api.run("sequence.edit_task_time", model, task_time=time, attributes=times[name])
        for gid in sorted(elements):
            element = model.by_guid(gid)
            ifcopenshell.api.run("sequence.assign_product", model, relating_product=element, related_object=task)
            expected[gid] = max(expected.get(gid, 0), {"ground": 100, "level": 50, "frame": 25}[name])
    path = folder / "planning.ifc"
    model.write(str(path))
    return path, expected


def test_an_ifc4_work_schedule_gives_the_situation_of_the_same_per_element_csv(folder, contract):
    schedule, expected = schedule_model(folder, contract)
    per_element = folder / "planning-equivalent.csv"
    per_element.write_text(
        "global_id,percent\n" + "".join(f"{gid},{p}\n" for gid, p in sorted(expected.items())), encoding="utf-8"
    )

    from_schedule = claim(folder, "2026-03", schedule, None)
    from_csv = claim(folder, "2026-03", per_element, None)

    assert line_amounts(from_schedule) == line_amounts(from_csv)
    assert from_schedule["totals"] == from_csv["totals"]
    assert set(expected.values()) == {100, 50, 25} and from_schedule["totals"]["cumulative"] > 0


def test_an_accepted_change_order_is_billed_as_lines_of_its_own(folder, contract, change_order):
    change = change_order
    items = [i for i in json.loads(change.read_text())["items"] if i["delta_quantity"] and i["unit_price"] is not None]
    assert any(i["lot"] == GROS_OEUVRE for i in items)

    data = claim(folder, "2026-03", SAMPLE / "avancement-2026-03.csv", None, "--changes", change)

    lines = {line["code"]: line for line in data["lines"]}
    for item in items:
        line = lines[f"TS1.{item['code']}"]
        assert line["label"].startswith("TS1: ") and line["lot"] == item["lot"]
        assert (line["contract_quantity"], line["unit_price"]) == (item["delta_quantity"], item["unit_price"])
        assert line["contract_amount"] == item["delta_amount"]
        # not named by the progress: as far as the contract line of the same work
        assert line["cumulative_percent"] == lines[item["code"]]["cumulative_percent"]
    without = claim(folder, "2026-03", SAMPLE / "avancement-2026-03.csv", None)
    extra = sum(D(repr(line["cumulative_amount"])) for code, line in lines.items() if code.startswith("TS1."))
    assert D(repr(data["totals"]["cumulative"])) == D(repr(without["totals"]["cumulative"])) + extra


def test_the_months_chain_into_a_history_a_chart_and_a_picture(folder, tmp_path):
    files = {month: SAMPLE / f"avancement-{month}.csv" for month in ("2026-03", "2026-04", "2026-05")}
    march = claim(folder, "2026-03", files["2026-03"], None)
    april = claim(folder, "2026-04", files["2026-04"], folder / "situation-2026-03.json")
    out, picture = tmp_path / "situation-05.xlsx", tmp_path / "situation-05.png"
    code, _, stderr = run(
        "situation", folder / "marche.json", "--progress", files["2026-05"], "--period", "2026-05",
        "--settings", folder / "reglages.toml", "--previous", folder / "situation-2026-04.json",
        "-o", out, "--report", picture,
    )  # fmt: skip

    assert code == 0, stderr
    assert [h["period"] for h in april["info"]["history"]] == ["2026-03", "2026-04"]
    assert april["info"]["history"][0]["cumulative"] == march["totals"]["cumulative"]
    sheet = openpyxl.load_workbook(out)["Cumul facturé par mois"]
    rows = list(sheet.iter_rows(min_row=2, max_col=3, values_only=True))
    assert [r[0] for r in rows] == ["2026-03", "2026-04", "2026-05"] and rows[-1][1] == rows[-1][2] == 48431.03
    assert len(sheet._charts) == 1
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"Écrit : {picture}" in stderr.replace("\n", "")


def test_a_report_that_is_no_png_is_an_output_error_and_nothing_is_written(folder, tmp_path):
    out = tmp_path / "s.json"
    code, _, stderr = run(
        "situation", folder / "marche.json", "--progress", SAMPLE / "avancement-2026-03.csv", "--period", "2026-03",
        "-o", out, "--report", tmp_path / "chart.pdf",
    )  # fmt: skip
    assert code == 6 and "the chart is a .png" in stderr and not out.exists()  # an output, as -o (issue 23)


def test_without_matplotlib_the_chart_names_the_extra(folder, tmp_path, monkeypatch):
    import builtins

    import bimquant
    from bimquant.errors import OutputError

    real = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    situation = bimquant.situation(folder / "marche.json", SAMPLE / "avancement-2026-03.csv", period="2026-03")
    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(OutputError) as raised:
        bimquant.write_situation_chart(situation, tmp_path / "c.png")
    assert 'pip install "bimquant[report]"' in raised.value.hint


@pytest.fixture(scope="module")
def change_order(folder, tmp_path_factory) -> Path:
    """The change order of W1 drawn 7 m long, priced with the contract (as in the test above)."""
    return drawn_again(folder, tmp_path_factory.mktemp("change"), 7.0)


def refused(*args) -> str:
    code, _, stderr = run(*args)
    assert code == 4, stderr
    return stderr


def test_a_change_order_billed_before_cannot_be_dropped(folder, change_order, tmp_path):
    march = SAMPLE / "avancement-2026-03.csv"
    claim(folder, "2026-03", march, None, "--changes", change_order)
    out = tmp_path / "s.json"
    stderr = refused(
        "situation", folder / "marche.json", "--progress", SAMPLE / "avancement-2026-04.csv", "--period", "2026-04",
        "--previous", folder / "situation-2026-03.json", "-o", out,
    )  # fmt: skip
    assert_one_error(stderr, "the previous situation billed TS1.")
    assert "--changes" in stderr and not out.exists()


def test_a_previous_situation_or_change_order_of_another_contract_is_refused(folder, change_order, tmp_path):
    other = tmp_path / "autre-marche.json"
    code, _, stderr = run(
        "estimate", HOUSE, "--rules", ROOT / "rules" / "en-trades.toml", "--prices", ROOT / "rules" / "en-prices.csv",
        "-o", other, "-q", "--no-cache",
    )  # fmt: skip
    assert code == 0, stderr
    claim(folder, "2026-03", SAMPLE / "avancement-2026-03.csv", None)
    progress = tmp_path / "p.csv"
    progress.write_text("code,percent\n02.1,10\n", encoding="utf-8")
    stderr = refused(
        "situation", other, "--progress", progress, "--period", "2026-04",
        "--previous", folder / "situation-2026-03.json", "-o", tmp_path / "s.json",
    )  # fmt: skip
    assert_one_error(stderr, "a situation of another contract", "marche.json")
    stderr = refused(
        "situation", other, "--progress", progress, "--period", "2026-04", "--changes", change_order,
        "-o", tmp_path / "s.json",
    )  # fmt: skip
    assert_one_error(stderr, "a change order priced on another contract")
    stderr = refused(
        "situation", folder / "marche.json", "--progress", SAMPLE / "avancement-2026-03.csv", "--period", "2026-03",
        "--changes", change_order, "--changes", change_order, "-o", tmp_path / "s.json",
    )  # fmt: skip
    assert_one_error(stderr, "the same change order")
    assert not (tmp_path / "s.json").exists()


def test_the_advance_is_on_the_contract_as_signed_not_its_change_orders(folder, contract, change_order):
    data = claim(folder, "2026-04", SAMPLE / "avancement-2026-04.csv", None, "--changes", change_order)

    total = sum(line["contract_amount"] for line in billable(contract).values())
    assert D(repr(data["totals"]["advance"])) == r2(total * D(20) / 100) == D("9686.21")
    assert D(repr(data["totals"]["contract"])) > total  # the change order is in the contract total


@pytest.mark.parametrize(
    "text, words",
    [
        ("code,percent\n02.03.01,50%\n", ["'50%' is not a number", "write the number alone: 50"]),
        ('code,percent\n02.03.01,"50,5"\n', ["'50,5' is not a number", "decimal comma"]),
        ("global_id,lot,percent\nabc,100\n", ["row 2", "fewer values"]),
        ("lot,percent\n", ["no progress rows"]),
    ],
    ids=["percent sign", "decimal comma", "short row", "header only"],
)
def test_a_misread_progress_row_says_how_to_write_it(folder, tmp_path, text, words):
    path = tmp_path / "avancement.csv"
    path.write_text(text, encoding="utf-8")
    stderr = refused("situation", folder / "marche.json", "--progress", path, "--period", "2026-03")
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr, stderr


def test_phases_name_progress_rows_group_the_stages_and_plan_the_curve(folder, tmp_path):
    phases = tmp_path / "phases.toml"
    phases.write_text(
        '[[phase]]\nname = "RDC"\ndate = 2026-03-31\nstoreys = ["Ground floor"]\n\n'
        '[[phase]]\nname = "Étage"\ndate = 2026-05-15\nstoreys = ["Level 1"]\n',
        encoding="utf-8",
    )
    by_phase = tmp_path / "par-phase.csv"
    by_phase.write_text(f"phase,lot,percent\nRDC,{GROS_OEUVRE},100\nÉtage,{GROS_OEUVRE},50\n", encoding="utf-8")

    with_phases = claim(folder, "2026-03", by_phase, None, "--phases", phases)
    per_storey = claim(folder, "2026-03", SAMPLE / "avancement-2026-03.csv", None)

    assert line_amounts(with_phases) == line_amounts(per_storey)
    stages = {s["stage"]: s for s in with_phases["stages"]}
    assert set(stages) == {"RDC", "Étage"}
    rdc, etage = stages["RDC"]["contract_amount"], stages["Étage"]["contract_amount"]
    planned = {p["period"]: p["planned"] for p in with_phases["info"]["planned"]}
    # March: the ground floor's phase is due; April: nothing more; May: both
    assert planned == {"2026-03": rdc, "2026-04": rdc, "2026-05": pytest.approx(rdc + etage)}
    # one storey per phase here: the phases are the storeys under other names
    storeys = {s["stage"]: s for s in per_storey["stages"]}
    assert stages["RDC"] == storeys["Ground floor"] | {"stage": "RDC"}
    assert stages["Étage"] == storeys["Level 1"] | {"stage": "Étage"}
    refused_phase = tmp_path / "inconnue.csv"
    refused_phase.write_text(f"phase,lot,percent\nToit,{GROS_OEUVRE},100\n", encoding="utf-8")
    stderr = refused(
        "situation", folder / "marche.json", "--progress", refused_phase, "--period", "2026-03", "--phases", phases
    )
    assert_one_error(stderr, "phase 'Toit' is not in the phase file")


@pytest.mark.parametrize(
    "option, content, words",
    [
        ("--previous", "{not json", ["not valid JSON", "so not a previous situation"]),
        ("--previous", '{"info": {}}', ["not a situation"]),
        ("--changes", "{not json", ["not valid JSON", "so not a change order"]),
        ("--changes", '{"items": [{"code": "x"}]}', ["not a change order"]),
    ],
    ids=["previous not json", "previous not a situation", "changes not json", "changes not a diff"],
)
def test_a_wrong_previous_or_change_order_is_refused_in_one_line(folder, tmp_path, option, content, words):
    given = tmp_path / "autre.json"
    given.write_text(content, encoding="utf-8")
    out = tmp_path / "s.xlsx"
    stderr = refused(
        "situation", folder / "marche.json", "--progress", SAMPLE / "avancement-2026-03.csv", "--period", "2026-03",
        option, given, "-o", out,
    )  # fmt: skip
    assert_one_error(stderr, "autre.json", *words)
    assert not out.exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
@pytest.mark.parametrize("length", [7.0, 5.0], ids=["more work", "a credit"])
def test_with_a_change_order_the_workbook_recalculates_to_the_json(folder, length, tmp_path, tmp_path_factory):
    # issue 23: the workbook took the advance on the contract with its TS, the JSON on the contract as signed;
    # a three-month chain (March, April, May), revision, advance recovery and retention, every amount compared
    change_order = drawn_again(folder, tmp_path, length)
    months = {month: SAMPLE / f"avancement-{month}.csv" for month in ("2026-03", "2026-04", "2026-05")}
    previous = None
    for month, progress in months.items():
        data = claim(folder, month, progress, previous, "--changes", change_order)
        previous = folder / f"situation-{month}.json"
    assert data["totals"]["advance_recovered"] and data["totals"]["revision"] and data["totals"]["retention"]
    assert any(line["code"].startswith("TS1.") for line in data["lines"])
    out = tmp_path / "situation-05.xlsx"
    code, _, stderr = run(
        "situation", folder / "marche.json", "--progress", months["2026-05"], "--period", "2026-05",
        "--settings", folder / "reglages.toml", "--previous", folder / "situation-2026-04.json",
        "--changes", change_order, "-o", out, "-q",
    )  # fmt: skip
    assert code == 0, stderr
    found = recalculated(out, tmp_path, tmp_path_factory)
    totals = data["totals"]
    signed = sum(line["contract_amount"] for line in data["lines"] if not line["code"].startswith("TS1."))
    assert found["Marché initial, hors TS (base de l'avance)"] == pytest.approx(signed, abs=0.001)
    for label, key in AMOUNTS:
        assert found[label] == pytest.approx(totals[key], abs=0.001), label
