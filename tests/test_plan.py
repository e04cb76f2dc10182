"""The works schedule (bimquant plan): the sample house planned by hand, the calendar, the logic,
the documents, bad input, and properties that hold on every shared model."""

from __future__ import annotations

import datetime as dt
import json
import math

import openpyxl
import pytest

import bimquant
from bimquant.schedule import Calendar, Closure, WorkingDays, easter, load_productivity, public_holidays
from conftest import HOUSE, ROOT, SHARED_MODELS, SHARED_NAMES, run
from measured import measured

RULES, PRICES = ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv"
CADENCES = ROOT / "rules" / "fr-cadences.toml"
START = "2027-04-26"  # a Monday; Easter 2027 is 28 March


@pytest.fixture(scope="module")
def house_plan() -> bimquant.Plan:
    return bimquant.plan(measured(HOUSE), RULES, CADENCES, START, prices=PRICES)


# --- the worked example (README, "Works schedule") ----------------------------------------------

# Each task: code, storey, quantity from the house's takeoff, hours per unit from
# rules/fr-cadences.toml, crew size (lot), working days = ceil(quantity x hours / (crew x 8 h)).
HAND = [
    # task, code, storey, quantity, h/unit, crew, days, start, finish
    ("T001", "02.01.01", "Ground floor", 1.84, 2.375, 5, 1, "2027-04-26", "2027-04-26"),  # 4.37 h
    ("T002", "02.02.01", "Ground floor", 7.56, 3.0, 5, 1, "2027-04-27", "2027-04-27"),  # 22.68 h, lag 2
    ("T003", "02.02.01", "Level 1", 7.16, 3.0, 5, 1, "2027-05-11", "2027-05-11"),  # 21.48 h, lag 2
    ("T004", "02.03.02", "Ground floor", 88.0, 0.7, 5, 2, "2027-05-03", "2027-05-04"),  # 61.6 h: 2 days
    ("T005", "02.03.02", "Level 1", 20.8, 0.7, 5, 1, "2027-05-14", "2027-05-14"),
    ("T006", "02.03.01", "Ground floor", 8.8, 4.25, 5, 1, "2027-05-05", "2027-05-05"),
    ("T007", "02.03.01", "Level 1", 2.08, 4.25, 5, 1, "2027-05-18", "2027-05-18"),  # 17 May: Whit Monday
    ("T008", "02.05.01", "Ground floor", 0.27, 8.25, 5, 1, "2027-05-07", "2027-05-07"),  # 6 May: Ascension
    ("T009", "02.06.01", "Level 1", 0.40, 7.75, 5, 1, "2027-05-19", "2027-05-19"),
    ("T010", "02.07.01", "Ground floor", 0.60, 12.0, 5, 1, "2027-05-10", "2027-05-10"),
    ("T011", "03.01.01", "Level 1", 0.58, 13.0, 3, 1, "2027-05-20", "2027-05-20"),
    ("T012", "03.02.01", "Level 1", 10.40, 8.0, 3, 4, "2027-05-21", "2027-05-26"),  # 83.2 h / 24 = 3.47
    ("T013", "04.01.01", "Level 1", 52.0, 1.125, 3, 3, "2027-05-27", "2027-05-31"),  # 58.5 h / 24 = 2.44
    ("T014", "05.01.01", "Ground floor", 1.0, 3.75, 2, 1, "2027-05-11", "2027-05-11"),
    ("T015", "07.02.01", "Ground floor", 36.0, 0.5, 3, 1, "2027-06-01", "2027-06-01"),
    ("T016", "07.03.01", "Ground floor", 11.76, 0.5, 3, 1, "2027-06-02", "2027-06-02"),  # lag 2
    ("T017", "06.01.01", "Ground floor", 1.0, 3.0, 2, 1, "2027-06-07", "2027-06-07"),
    ("T018", "08.01.01", "Ground floor", 16.20, 0.75, 2, 1, "2027-06-08", "2027-06-08"),
    ("T019", "09.01.02", "Ground floor", 36.0, 0.25, 2, 1, "2027-06-09", "2027-06-09"),
    ("T020", "09.01.01", "Ground floor", 20.0, 0.25, 2, 1, "2027-06-10", "2027-06-10"),
    ("T021", "09.01.01", "Level 1", 20.8, 0.25, 2, 1, "2027-06-11", "2027-06-11"),
]


def test_the_house_planned_by_hand(house_plan):
    """Every task of the README's worked example: quantity -> hours -> days -> dates.

    The dates by hand, outdoor lots (02, 03, 04) losing the last working day of April to
    weather (rules/fr-cadences.toml gives April 1 day): T002's slab waits 2 calendar days
    (27 April + 1 + 2 = 30 April, the weather day, then the weekend of 1 May) so the formwork
    starts on Monday 3 May; Ascension (6 May) moves the columns to Friday 7 May; T003's slab
    (11 May) lets the formwork start on 14 May; Whit Monday (17 May) moves the walls to the
    18th. The roof follows the timber (26 May), the finishes wait for the envelope (31 May);
    the ceiling's 2 drying days end on Saturday 5 June, so the doors start on Monday 7 June."""
    tasks = house_plan.tasks.set_index("task")
    assert list(tasks.index) == [row[0] for row in HAND]
    for task, code, storey, quantity, per_unit, crew, days, start, finish in HAND:
        row = tasks.loc[task]
        assert (row["code"], row["location"]) == (code, storey)
        assert row["quantity"] == pytest.approx(quantity, abs=1e-9)
        assert row["hours"] == pytest.approx(quantity * per_unit, rel=1e-12)
        assert row["workers"] == crew
        assert row["duration_days"] == days == max(1, math.ceil(quantity * per_unit / (crew * 8) - 1e-9))
        assert (row["start"], row["finish"]) == (start, finish), task
    assert house_plan.info["finish"] == "2027-06-11"
    # 26 April to 11 June: 5 days in April, 19 in May (31 days, 21 weekdays, minus Ascension and
    # Whit Monday), 9 in June
    assert house_plan.info["working_days"] == 5 + 19 + 9
    assert house_plan.info["calendar_days"] == 47


def test_the_house_critical_path_milestones_and_manpower(house_plan):
    tasks = house_plan.tasks.set_index("task")
    # the windows (T014) wait only for the ground floor's structure: 15 working days of float
    assert list(tasks.index[~tasks["critical"]]) == ["T014"]
    assert tasks.loc["T014", "total_float_days"] == 15
    assert tasks.loc["T021", "total_float_days"] == 0
    milestones = dict(zip(house_plan.milestones["milestone"], house_plan.milestones["date"]))
    assert milestones == {
        "start": "2027-04-26",
        "structure": "2027-05-26",
        "watertight": "2027-05-31",
        "weathertight": "2027-05-31",
        "handover": "2027-06-11",
    }
    week = house_plan.manpower.set_index("week").loc["2027-W19"]
    # 10 May: the stair (5); 11 May: the slab (5) and the window (2); 12 and 13 May: the slab
    # cures; 14 May: formwork (5): over the week's 5 working days
    assert week["02 Gros oeuvre"] == 3
    assert week["05 Menuiseries extérieures"] == pytest.approx(0.4)
    assert week["total"] == pytest.approx(17 / 5)
    assert week["peak"] == 7
    # week 18 has 4 working days (Ascension on Thursday 6 May): formwork 2 days, walls, columns
    assert house_plan.manpower.set_index("week").loc["2027-W18", "total"] == pytest.approx(5 * 4 / 4)
    assert house_plan.info["peak_workers"] == 7


def test_the_house_planned_value_is_the_estimate_spread_over_the_tasks(house_plan):
    budget = bimquant.estimate(measured(HOUSE), RULES, PRICES)
    curve = house_plan.curve.set_index("period")
    # April: the foundations (515.20) and the ground floor's share of the slabs
    # (7.56 / 14.72 of 4,857.60 = 2,494.80)
    assert curve.loc["2027-04", "planned_month"] == pytest.approx(515.20 + 2494.80)
    assert curve["planned"].iloc[-1] == pytest.approx(budget.lines["amount"].sum(), abs=0.01)
    assert list(curve.index) == ["2027-04", "2027-05", "2027-06"]


def test_every_work_item_quantity_is_in_exactly_one_task(house_plan):
    work = measured(HOUSE)
    by_storey = bimquant.takeoff(HOUSE, rules=RULES).work.by_storey
    by_storey = by_storey[by_storey["quantity"] > 0]
    keys = list(zip(house_plan.tasks["code"], house_plan.tasks["location"]))
    assert sorted(keys) == sorted(zip(by_storey["code"], by_storey["storey"]))
    assert len(set(keys)) == len(keys)
    assert work is not None


# --- the calendar ----------------------------------------------------------------------------


def test_easter_and_the_french_public_holidays():
    assert [easter(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        dt.date(2024, 3, 31),
        dt.date(2025, 4, 20),
        dt.date(2026, 4, 5),
        dt.date(2027, 3, 28),
        dt.date(2038, 4, 25),
    ]
    days = public_holidays(2027, "fr")
    assert len(days) == 11
    assert dt.date(2027, 5, 6) in days and dt.date(2027, 5, 17) in days and dt.date(2027, 3, 29) in days
    alsace = public_holidays(2027, "fr-alsace-moselle")
    assert set(alsace) - set(days) == {dt.date(2027, 3, 26), dt.date(2027, 12, 26)}
    assert public_holidays(2027, "none") == {}


def test_closures_weekdays_and_weather_days():
    calendar = Calendar(
        weekdays=(0, 1, 2, 3, 4),
        holidays="fr",
        closures=(Closure("12-24", "01-01", "fin d'année"), Closure("2027-02-15", "2027-02-16")),
        weather_days=((2, 3),),
    )
    assert calendar.why_off(dt.date(2027, 12, 31)) == "fin d'année"  # over New Year
    assert calendar.why_off(dt.date(2027, 1, 1)) == "new_year"  # a Friday
    assert calendar.why_off(dt.date(2027, 2, 16)) == "closure"
    assert calendar.why_off(dt.date(2027, 2, 13)) == "weekend"
    assert calendar.why_off(dt.date(2027, 2, 17)) is None
    indoor = WorkingDays(calendar, dt.date(2027, 2, 1), outdoor=False)
    outdoor = WorkingDays(calendar, dt.date(2027, 2, 1), outdoor=True)
    february = lambda days: [d for d in days.days.astype(object) if d.month == 2 and d.year == 2027]  # noqa: E731
    # 20 weekdays in February 2027, minus the closed 15th and 16th; outdoors also minus the last 3
    assert len(february(indoor)) == 18
    assert february(indoor)[-3:] == [dt.date(2027, 2, 24), dt.date(2027, 2, 25), dt.date(2027, 2, 26)]
    assert len(february(outdoor)) == 15 and february(outdoor)[-1] == dt.date(2027, 2, 23)


def test_more_crews_shorten_a_lot_and_the_plan_says_so():
    one = bimquant.plan(measured(HOUSE), RULES, CADENCES, START)
    two = bimquant.plan(measured(HOUSE), RULES, CADENCES, START, crews=["gros OEUVRE=2"])  # name, any case
    formwork = lambda plan: plan.tasks.set_index("task").loc["T004"]  # noqa: E731  61.6 h
    assert (formwork(one)["workers"], formwork(one)["duration_days"]) == (5, 2)
    assert (formwork(two)["workers"], formwork(two)["duration_days"]) == (10, 1)
    assert two.info["crews"]["02 Gros oeuvre"] == 2
    assert formwork(two)["crew"] == "1 chef d'équipe + 3 compagnon + 1 grutier (x2)"
    assert formwork(one)["crew"] == "1 chef d'équipe + 3 compagnon + 1 grutier"
    assert two.info["finish"] < one.info["finish"] or two.info["working_days"] <= one.info["working_days"]
    assert one.curve.empty  # no prices: no money


def test_a_link_of_the_file_and_a_loop(tmp_path):
    text = CADENCES.read_text(encoding="utf-8")
    linked = tmp_path / "linked.toml"
    linked.write_text(text + '\n[[link]]\nbefore = "05.01.01"\nafter = "07.02.01"\nlag_days = 10\n', encoding="utf-8")
    plan = bimquant.plan(measured(HOUSE), RULES, linked, START)
    tasks = plan.tasks.set_index("task")
    # the window (11 May) + 1 + 10 calendar days = 22 May, before the envelope closes: no change
    assert tasks.loc["T015", "start"] == "2027-06-01"
    assert "T014" in tasks.loc["T015", "predecessors"].split()
    loop = tmp_path / "loop.toml"
    loop.write_text(text + '\n[[link]]\nbefore = "09.01.01"\nafter = "02.01.01"\n', encoding="utf-8")
    code, _, err = run(
        "plan", HOUSE, "--rules", RULES, "--productivity", loop, "--start", START, "-o", tmp_path / "p.json"
    )
    assert code == 4
    assert "loop" in err and "02.01.01 (Ground floor)" in err
    assert not (tmp_path / "p.json").exists()


# --- the documents -----------------------------------------------------------------------------


def test_the_command_writes_the_workbook_json_and_png(tmp_path):
    book, chart = tmp_path / "planning.xlsx", tmp_path / "planning.png"
    code, _, err = run(
        "plan", HOUSE, "--rules", RULES, "--productivity", CADENCES, "--prices", PRICES,
        "--start", START, "-o", book, "--report", chart, "--locale", "fr",
    )  # fmt: skip
    assert code == 0, err
    assert "33 jours ouvrés" in err and "hors d'eau : 2027-05-31" in err
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == [
        "Tâches", "Gantt", "Effectifs", "Jalons", "Courbe prévisionnelle", "Liens", "Contrôle main-d'oeuvre",
        "Éléments par tâche",
    ]  # fmt: skip
    gantt = workbook["Gantt"]
    assert gantt["A5"].value == "T001"
    weeks = [gantt.cell(row=3, column=c).value for c in range(6, 6 + 7)]
    assert weeks == ["S17", "S18", "S19", "S20", "S21", "S22", "S23"]
    # T012 (21 to 26 May) fills weeks 20 and 21, in red: critical
    row = next(r for r in range(5, 30) if gantt.cell(row=r, column=1).value == "T012")
    filled = [gantt.cell(row=row, column=c).fill.fgColor.rgb[-6:] for c in range(6, 13)]
    assert filled[3] == filled[4] == "C0392B" and filled[2] == "000000"
    window = next(r for r in range(5, 30) if gantt.cell(row=r, column=1).value == "T014")
    assert gantt.cell(row=window, column=8).fill.fgColor.rgb[-6:] == "4F81BD"  # with float: blue
    tasks = workbook["Tâches"]
    assert [c.value for c in tasks[1]][:6] == ["Tâche", "Code WBS", "N°", "Lot", "Désignation", "Enchaînement"]
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    json_path = tmp_path / "planning.json"
    assert run("plan", HOUSE, "--rules", RULES, "--productivity", CADENCES, "--start", START, "-o", json_path)[0] == 0
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["info"]["finish"] == "2027-06-11" and len(data["tasks"]) == 21 and data["links"]


def test_the_shipped_cadences_match_the_labour_of_the_prices(house_plan):
    checks = house_plan.checks
    assert set(checks["labour_check"]) == {"ok", "no labour price"}
    priced = checks[checks["labour_check"] == "ok"]
    assert len(priced) == 36
    assert (priced["labour_from_hours"] - priced["labour_in_prices"]).abs().max() < 1e-9


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("hours = 2.375 ", "hours = -1 "), "hours must be a number from 0"),
        (('stage = "structure"\ncrew', 'stage = "walls"\ncrew'), "stage must be one of structure"),
        (('code = "02.01.01"', 'code = "99.99.99"'), "item '99.99.99' is not in the rule set"),
        (('lot = "04 Couverture"', 'lot = "04 Toiture"'), "lot '04 Toiture' is not a lot"),
        (('holidays = "fr"', 'holidays = "de"'), "holidays must be one of fr"),
        (('to = "08-21"', 'to = "08-32"'), "to must be a day"),
        (("hours_per_day = 8", "hours_per_day = 25"), "hours_per_day must be at most 24"),
        (('"1" = 3,', '"13" = 3,'), "weather_days must be"),
        (("hourly_rate = 40.0\nstorey_days = 15\nmax_crews = 4\n", "hourly_rat = 40.0\n"), "hourly_rat"),
        (("[calendar]\nhours", "[calendar]\nstart = 2027-01-01\nhours"), "start"),
    ],
)
def test_a_mistake_in_the_productivity_file_is_one_line_and_nothing_is_written(tmp_path, change, words):
    text = CADENCES.read_text(encoding="utf-8")
    assert change[0] in text
    bad = tmp_path / "cadences.toml"
    bad.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    out = tmp_path / "planning.xlsx"
    code, _, err = run("plan", HOUSE, "--rules", RULES, "--productivity", bad, "--start", START, "-o", out)
    assert code == 4, err
    assert words in err and str(bad) in err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize(
    ("options", "code", "words"),
    [
        (("--start", "2027-05-06"), 4, "--start 2027-05-06 is not a working day (Ascension Day)"),
        (("--start", "2027-05-08"), 4, "start on 2027-05-10, the next working day"),
        (("--start", "2027-08-10"), 4, "Congés d'été"),
        (("--start", "26/04/2027"), 4, "--start '26/04/2027' is not a date"),
        (("--start", START, "--crews", "02"), 4, "is not LOT=N"),
        (("--start", START, "--crews", "99=2"), 4, "no crew in the productivity file"),
        (("--start", START, "--crews", "02=0"), 4, "a lot has 1 to 50 crews"),
        (("--start", START, "--crews", "02=²"), 4, "is not LOT=N"),
    ],
)
def test_a_bad_start_or_crew_is_one_line(tmp_path, options, code, words):
    out = tmp_path / "planning.xlsx"
    got, _, err = run("plan", HOUSE, "--rules", RULES, "--productivity", CADENCES, *options, "-o", out)
    assert got == code, err
    assert words in err and "Traceback" not in err and not out.exists()


def test_a_missing_productivity_file(tmp_path):
    code, _, err = run("plan", HOUSE, "--rules", RULES, "--productivity", tmp_path / "none.toml", "--start", START)
    assert code == 4 and "productivity file" in err and "not found" in err


def test_the_productivity_file_must_be_the_rule_sets(tmp_path):
    with pytest.raises(bimquant.RuleError, match="is not a lot of the rule set"):
        load_productivity(CADENCES, bimquant.load_rules(ROOT / "rules" / "en-trades.toml"))


# --- every shared model --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHARED_NAMES)
@pytest.mark.real
@pytest.mark.skipif(not SHARED_MODELS.is_dir(), reason="real IFC models not found (CI has them)")
def test_a_plan_of_every_shared_model_keeps_its_logic(name):
    """On every export: each quantity of each item and storey in one task; no task before its
    predecessors' finish and lag; the critical path runs from a task starting on the first day
    to one ending on the last; manpower never below a task's crew."""
    takeoff = measured(SHARED_MODELS / name)
    try:
        plan = bimquant.plan(takeoff, RULES, CADENCES, "2027-03-01", prices=PRICES)
    except bimquant.RuleError as error:  # a model with nothing to price has nothing to plan
        assert "nothing to schedule" in str(error)
        return
    work = bimquant.estimate(takeoff, RULES, PRICES).work.by_storey
    work = work[work["quantity"].fillna(0) > 0]
    tasks = plan.tasks.set_index("task")
    assert len(tasks) == len(work)
    totals = plan.tasks.groupby("code")["quantity"].sum()
    for code, quantity in work.groupby("code")["quantity"].sum().items():
        assert totals[code] == pytest.approx(quantity, abs=1e-5)  # each task's quantity rounded to 1e-6
    for link in plan.links.itertuples(index=False):
        before, after = tasks.loc[link.before], tasks.loc[link.after]
        ready = dt.date.fromisoformat(before["finish"]) + dt.timedelta(days=1 + link.lag_days)
        assert dt.date.fromisoformat(after["start"]) >= ready, (link.before, link.after)
    assert (tasks["start"] <= tasks["finish"]).all()
    critical = tasks[tasks["critical"]]
    assert critical["start"].min() == plan.info["start"] and critical["finish"].max() == plan.info["finish"]
    assert plan.info["peak_workers"] >= tasks["workers"].max()
    assert (tasks["total_float_days"] >= 0).all()
    # a finishes task follows the nearest earlier finishes lot that works on its storey
    order = list(load_productivity(CADENCES, bimquant.load_rules(RULES)).lots)
    finishes = tasks[tasks["sequence"] == "finishes"]
    for task, row in finishes.iterrows():
        earlier = [
            lot for lot in order[: order.index(row["lot"])]
            if ((finishes["lot"] == lot) & (finishes["location"] == row["location"])).any()
        ]  # fmt: skip
        if earlier:
            before = set(finishes.index[(finishes["lot"] == earlier[-1]) & (finishes["location"] == row["location"])])
            assert before <= set(row["predecessors"].split()), (task, earlier[-1])


@pytest.mark.parametrize(
    ("rules", "cadences", "prices"),
    [("fr-lots.toml", "fr-cadences.toml", "fr-prix.csv"), ("en-trades.toml", "en-productivity.toml", "en-prices.csv")],
)
def test_each_shipped_productivity_file_covers_its_rule_set(rules, cadences, prices):
    ruleset = bimquant.load_rules(ROOT / "rules" / rules)
    productivity = load_productivity(ROOT / "rules" / cadences, ruleset)
    assert set(productivity.items) == {item.code for item in ruleset.items}
    assert {item.lot for item in ruleset.items} <= set(productivity.lots)
    plan = bimquant.plan(measured(HOUSE), ruleset, productivity, START, prices=ROOT / "rules" / prices)
    assert set(plan.checks["labour_check"]) <= {"ok", "no labour price"}
    assert plan.info["without_cadence"] == [] and len(plan.tasks) == 21


# --- 4D: the IFC schedule and MS Project ---------------------------------------------------------


def _read_back(path):
    import ifcopenshell
    import ifcopenshell.util.sequence

    ifc = ifcopenshell.open(str(path))
    schedules = ifc.by_type("IfcWorkSchedule")
    tasks = {t.Identification: t for t in ifc.by_type("IfcTask")}
    outputs = {key: {e.GlobalId for e in ifcopenshell.util.sequence.get_task_outputs(t)} for key, t in tasks.items()}
    return ifc, schedules, tasks, outputs


def _check_ifc_schedule(plan, path):
    """Every task with the plan's times, every link, every element of a task among its outputs,
    and every priced element of an item the output of exactly one of the item's tasks."""
    ifc, schedules, tasks, outputs = _read_back(path)
    assert len(schedules) == 1 and schedules[0].PredefinedType == "PLANNED"
    for row in plan.tasks.to_dict(orient="records"):
        time = tasks[row["task"]].TaskTime
        assert (time.ScheduleStart, time.ScheduleFinish) == (f"{row['start']}T09:00:00", f"{row['finish']}T17:00:00")
        assert time.ScheduleDuration == f"P{row['duration_days']}D" and time.IsCritical == bool(row["critical"])
    assert len(ifc.by_type("IfcRelSequence")) == len(plan.links)
    lags = sorted(rel.TimeLag.LagValue.wrappedValue for rel in ifc.by_type("IfcRelSequence") if rel.TimeLag)
    assert lags == sorted(f"P{n}D" for n in plan.links["lag_days"] if n)
    for task, group in plan.task_elements.groupby("task"):
        assert set(group["global_id"]) <= outputs[task]
    codes = dict(zip(plan.tasks["task"], plan.tasks["code"]))
    priced = plan.task_elements[plan.task_elements["contribution"].fillna(0) != 0]
    for (code, global_id), _ in priced.groupby(["code", "global_id"]):
        owners = [task for task, ids in outputs.items() if codes.get(task) == code and global_id in ids]
        assert len(owners) == 1, (code, global_id, owners)
    return ifc


def test_the_plan_in_the_ifc_model_reads_back_with_ifcopenshell(tmp_path, house_plan):
    out, copy = tmp_path / "p.json", tmp_path / "house-4d.ifc"
    code, _, err = run(
        "plan", HOUSE, "--rules", RULES, "--productivity", CADENCES, "--prices", PRICES,
        "--start", START, "-o", out, "--ifc", copy, "-q",
    )  # fmt: skip
    assert code == 0, err
    ifc = _check_ifc_schedule(house_plan, copy)
    assert len(house_plan.task_elements) == 31
    summary = [t for t in ifc.by_type("IfcTask") if t.Identification == "02"][0]
    assert summary.TaskTime.ScheduleStart == "2027-04-26T09:00:00"
    milestones = {t.Name: t.TaskTime.ScheduleStart[:10] for t in ifc.by_type("IfcTask") if t.IsMilestone}
    assert milestones["watertight"] == "2027-05-31" and milestones["handover"] == "2027-06-11"
    # planned again on its own 4D copy: the earlier schedule is replaced, not doubled
    again = tmp_path / "house-4d-2.ifc"
    assert (
        run("plan", copy, "--rules", RULES, "--productivity", CADENCES, "--start", START, "--ifc", again, "-q")[0] == 0
    )
    assert len(_read_back(again)[1]) == 1
    assert len(_read_back(again)[0].by_type("IfcTask")) == len(ifc.by_type("IfcTask"))


def test_an_ifc2x3_model_cannot_take_the_schedule_and_nothing_is_written(tmp_path):
    out, copy, chart = tmp_path / "p.json", tmp_path / "house-4d.ifc", tmp_path / "p.png"
    code, _, err = run(
        "plan", ROOT / "sample_models" / "house_ifc2x3.ifc", "--rules", RULES, "--productivity", CADENCES,
        "--start", START, "-o", out, "--ifc", copy, "--report", chart,
    )  # fmt: skip
    assert code == 6 and "IFC2X3" in err and "Traceback" not in err
    assert not out.exists() and not copy.exists() and not chart.exists()
    code, _, err = run(
        "plan", HOUSE, "--rules", RULES, "--productivity", CADENCES, "--start", START, "--mspdi", tmp_path / "p.mpp"
    )
    assert code == 6 and ".xml" in err


def test_the_ms_project_file_is_well_formed_with_the_tasks_and_links(tmp_path, house_plan):
    import xml.etree.ElementTree as ET

    path = tmp_path / "planning.xml"
    code, _, err = run(
        "plan", HOUSE, "--rules", RULES, "--productivity", CADENCES, "--start", START, "--mspdi", path, "-q"
    )
    assert code == 0, err
    ns = {"p": "http://schemas.microsoft.com/project"}
    root = ET.parse(path).getroot()
    tasks = root.findall("p:Tasks/p:Task", ns)
    lots = house_plan.tasks["lot"].nunique()
    assert len(tasks) == 1 + lots + len(house_plan.tasks)
    leaves = [t for t in tasks if t.findtext("p:Summary", namespaces=ns) == "0"]
    assert sorted(t.findtext("p:WBS", namespaces=ns) for t in leaves) == sorted(house_plan.tasks["wbs"])
    links = root.findall("p:Tasks/p:Task/p:PredecessorLink", ns)
    assert len(links) == len(house_plan.links)
    lags = sorted(int(link.findtext("p:LinkLag", namespaces=ns)) for link in links)
    assert lags[-1] == 2 * 24 * 60 * 10 and lags.count(0) == int((house_plan.links["lag_days"] == 0).sum())
    first = next(t for t in leaves if t.findtext("p:WBS", namespaces=ns) == "02.01.01.01")  # the foundations
    assert first.findtext("p:Start", namespaces=ns) == "2027-04-26T08:00:00"
    assert (
        first.findtext("p:Duration", namespaces=ns) == "PT8H0M0S"
        and first.findtext("p:CalendarUID", namespaces=ns) == "2"
    )
    # the site calendar's exceptions hold Ascension and Whit Monday; the outdoor one also the weather day
    exceptions = {
        calendar.findtext("p:UID", namespaces=ns): {
            day.findtext("p:TimePeriod/p:FromDate", namespaces=ns)[:10]
            for day in calendar.findall("p:WeekDays/p:WeekDay", ns)
            if day.findtext("p:DayType", namespaces=ns) == "0"
        }
        for calendar in root.findall("p:Calendars/p:Calendar", ns)
    }
    assert exceptions["1"] == {"2027-05-06", "2027-05-17"}
    assert exceptions["2"] == {"2027-04-30", "2027-05-06", "2027-05-17"}


@pytest.mark.real
@pytest.mark.skipif(not SHARED_MODELS.is_dir(), reason="real IFC models not found (CI has them)")
def test_a_real_ifc4_export_takes_the_schedule(tmp_path):
    path = SHARED_MODELS / "SteelOpenings_IFC4.ifc"
    copy = tmp_path / "steel-4d.ifc"
    plan = bimquant.plan(measured(path), RULES, CADENCES, "2027-03-01", prices=PRICES, ifc=copy)
    assert plan.info["ifc"]["not_in_file"] == []
    _check_ifc_schedule(plan, copy)


# --- the plan's curve in situation and costs -------------------------------------------------


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """The house's estimate (the contract), its plan's JSON from 26 April 2027, and a progress file."""
    folder = tmp_path_factory.mktemp("signed")
    contract, plan = folder / "marche.json", folder / "plan.json"
    assert run("estimate", HOUSE, "-r", RULES, "-p", PRICES, "-o", contract, "-q")[0] == 0
    assert run("plan", HOUSE, "-r", RULES, "--productivity", CADENCES, "--start", START, "-o", plan, "-q")[0] == 0
    progress = folder / "avancement.csv"
    progress.write_text("lot,percent\n02 Gros oeuvre,60\n", encoding="utf-8")
    return contract, plan, progress


def test_situation_draws_the_plans_curve_from_the_hand_example(signed, tmp_path):
    """April: the foundations and 7.56 of the 14.72 m3 of slabs; May: every task of lots 02 to 05
    (structure done 26 May, roof 31 May, window 11 May); June: the rest. In the contract's sale
    prices, line by line."""
    contract, plan, progress = signed
    out = tmp_path / "s.json"
    code, _, err = run("situation", contract, "--progress", progress, "--period", "2027-05", "--plan", plan, "-o", out)
    assert code == 0, err
    claim = json.loads(out.read_text(encoding="utf-8"))
    planned = {row["period"]: row["planned"] for row in claim["info"]["planned"]}
    lines = {line["code"]: line["contract_amount"] for line in claim["lines"]}
    april = lines["02.01.01"] + lines["02.02.01"] * 7.56 / 14.72
    may = sum(amount for code, amount in lines.items() if code[:2] in ("02", "03", "04", "05"))
    assert planned["2027-04"] == pytest.approx(april, abs=0.01)
    assert planned["2027-05"] == pytest.approx(may, abs=0.01)
    assert planned["2027-06"] == pytest.approx(sum(lines.values()), abs=0.01)


def test_costs_take_the_planned_value_and_spi_from_the_plan(signed, tmp_path):
    contract, plan, progress = signed
    actuals = tmp_path / "depenses.csv"
    actuals.write_text("date,code,kind,amount\n2027-05-10,02.02.01,material,3000\n", encoding="utf-8")
    out = tmp_path / "c.json"
    code, _, err = run(
        "costs",
        contract,
        "--actuals",
        actuals,
        "--progress",
        progress,
        "--period",
        "2027-05",
        "--plan",
        plan,
        "-o",
        out,
    )
    assert code == 0, err
    report = json.loads(out.read_text(encoding="utf-8"))
    # the direct cost of every line of lots 02 to 05, all planned done by the end of May
    budget = {line["code"]: line["budget"] for line in report["lines"]}
    may = sum(amount for code, amount in budget.items() if code[:2] in ("02", "03", "04", "05"))
    assert report["info"]["totals"]["planned"] == pytest.approx(may, abs=0.01)
    assert report["info"]["totals"]["spi"] == pytest.approx(report["info"]["totals"]["earned"] / may, abs=1e-4)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{}", "is not a plan written by bimquant plan"),
        (
            b'{"info": {"start": "2027-04-26"}, "planned": [{"code": "02.01.01", "period": "2027-13", "percent": 5}]}',
            "2027-13",
        ),
        (
            b'{"info": {"start": "2027-04-26"}, '
            b'"planned": [{"code": "02.01.01", "period": "2027-04", "percent": 500}]}',
            "percent from 0 to 100",
        ),
        (b"not json", "not valid JSON"),
    ],
)
def test_a_file_that_is_not_a_plan_is_refused(signed, tmp_path, content, words):
    contract, _, progress = signed
    bad = tmp_path / "plan.json"
    bad.write_bytes(content)
    out = tmp_path / "s.json"
    code, _, err = run("situation", contract, "--progress", progress, "--period", "2027-05", "--plan", bad, "-o", out)
    assert code == 4 and words in err and not out.exists(), err


# --- respecting the plan: progress at a date, delay, re-forecast ----------------------------------


def test_progress_behind_schedule_gives_the_delay_and_the_reforecast(tmp_path):
    """On Wednesday 19 May the ground floor's structure is done and level 1's at 20 %, the window
    not fitted. By hand: level 1's slab has 0.8 of its day left, done on Thursday 20; its 2 days
    of curing end on Sunday 23, so the level's formwork, walls and beams run 24, 25, 26 May, the
    timber 27 May and 28 May to 2 June, the roof 3, 4 and 7 June (the envelope closes); linings
    8 June, ceilings 9 June, their drying to Saturday 12, the door Monday 14, the floor 15,
    painting 16, 17 and 18 June: handover 18 June instead of 11 June, 5 working days late."""
    progress = tmp_path / "avancement.csv"
    progress.write_text(
        "storey,lot,percent\nGround floor,02 Gros oeuvre,100\nLevel 1,02 Gros oeuvre,20\n", encoding="utf-8"
    )
    plan = bimquant.plan(measured(HOUSE), RULES, CADENCES, START, progress_file=progress, status_date="2027-05-19")
    status = plan.status.set_index("task")
    assert plan.info["forecast_finish"] == "2027-06-18" and plan.info["delay_days"] == 5
    assert plan.info["delay_calendar_days"] == 7
    assert plan.info["late_critical_tasks"] == ["T003", "T005", "T007", "T009"]
    forecast = {task: (row["forecast_start"], row["forecast_finish"]) for task, row in status.iterrows()}
    assert forecast["T003"] == ("2027-05-11", "2027-05-20")
    assert forecast["T005"][1] == "2027-05-24" and forecast["T009"][1] == "2027-05-26"
    assert forecast["T012"] == ("2027-05-28", "2027-06-02")
    assert forecast["T013"] == ("2027-06-03", "2027-06-07")
    assert forecast["T014"] == ("2027-05-20", "2027-05-20")  # the window, late but off the critical path
    assert forecast["T017"] == ("2027-06-14", "2027-06-14")
    assert (status.loc["T003", "expected_percent"], status.loc["T003", "actual_percent"]) == (100.0, 20.0)
    assert (status.loc["T001", "expected_percent"], status.loc["T001", "late"]) == (100.0, False)
    assert status.loc["T021", "slip_days"] == 5
    # the same progress per line, and on time
    on_time = tmp_path / "a-jour.csv"
    on_time.write_text("lot,percent\n02 Gros oeuvre,100\n05 Menuiseries extérieures,100\n", encoding="utf-8")
    plan = bimquant.plan(measured(HOUSE), RULES, CADENCES, START, progress_file=on_time, status_date="2027-05-19")
    assert plan.info["delay_days"] == 0 and plan.info["forecast_finish"] == "2027-06-11"


def test_the_status_in_the_command_and_its_bad_input(tmp_path):
    progress = tmp_path / "avancement.csv"
    progress.write_text("lot,percent\n02 Gros oeuvre,50\n", encoding="utf-8")
    book = tmp_path / "planning.xlsx"
    base = ["plan", HOUSE, "--rules", RULES, "--productivity", CADENCES, "--start", START]
    code, _, err = run(*base, "--progress", progress, "--status-date", "2027-05-19", "-o", book, "--locale", "fr")
    assert code == 0, err
    assert "de retard sur le chemin critique" in err
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames[1] == "Avancement"
    assert [c.value for c in workbook["Avancement"][1]][7:9] == ["Avancement attendu %", "Avancement réel %"]
    for options, words in (
        (("--progress", progress), "--progress and --status-date go together"),
        (("--progress", progress, "--status-date", "2027-04-01"), "is before the start of works"),
        (("--progress", progress, "--status-date", "19/05/2027"), "--status-date '19/05/2027' is not a date"),
        (("--progress", tmp_path / "none.csv", "--status-date", "2027-05-19"), "not found"),
    ):
        out = tmp_path / "p.json"
        code, _, err = run(*base, *options, "-o", out)
        assert code == 4 and words in err and not out.exists(), err


def test_a_plan_from_the_estimates_json_is_the_models(signed, tmp_path, house_plan):
    """The estimate's JSON holds the lines, the storeys (lowest first) and the elements: its plan
    has the same tasks, dates and money as the model's, without measuring again."""
    contract, _, _ = signed
    priced = tmp_path / "marche.json"
    assert run("estimate", HOUSE, "-r", RULES, "-p", PRICES, "-o", priced, "-q")[0] == 0
    out = tmp_path / "plan.json"
    code, _, err = run("plan", priced, "--productivity", CADENCES, "--start", START, "-o", out, "-q")
    assert code == 0, err
    tasks = json.loads(out.read_text(encoding="utf-8"))["tasks"]
    keys = ["task", "code", "location", "start", "finish", "duration_days", "workers"]
    assert [{k: t[k] for k in keys} for t in tasks] == house_plan.tasks[keys].to_dict(orient="records")
    assert [t["quantity"] for t in tasks] == pytest.approx(list(house_plan.tasks["quantity"]), abs=1e-9)
    assert [t["amount"] for t in tasks] == pytest.approx(list(house_plan.tasks["amount"]), abs=0.005)
    # an estimate written before the storeys were: their order is the trace's, and the plan says so
    older = json.loads(priced.read_text(encoding="utf-8"))
    del older["info"]["storeys"]
    old = tmp_path / "ancien.json"
    old.write_text(json.dumps(older), encoding="utf-8")
    plan = bimquant.plan(old, None, CADENCES, START)
    assert plan.info["storey_order"] == "trace" and len(plan.tasks) == 21
    code, _, err = run("plan", priced, "--productivity", CADENCES, "--start", START, "--ifc", tmp_path / "x.ifc")
    assert code == 6 and "plan the IFC file" in err and not (tmp_path / "x.ifc").exists()


def test_zones_from_a_phase_file_and_an_equipments_pace(tmp_path):
    """A phase file gathers storeys into zones: one task per item and zone. An item's
    ``per_day`` caps what its equipment does a day: the duration is at least quantity / per_day."""
    zones = tmp_path / "zones.toml"
    zones.write_text('[[phase]]\nname = "Tout"\nstoreys = ["Ground floor", "Level 1"]\n', encoding="utf-8")
    plan = bimquant.plan(measured(HOUSE), RULES, CADENCES, START, phases=zones)
    assert set(plan.tasks["location"]) == {"Tout"}
    slabs = plan.tasks.set_index("code").loc["02.02.01"]
    assert slabs["quantity"] == pytest.approx(7.56 + 7.16)
    assert len(plan.tasks) == plan.tasks["code"].nunique()  # one task per item
    assert sorted(plan.task_elements.loc[plan.task_elements["code"] == "02.02.01", "name"]) == [
        "S1 ground slab",
        "S2 level 1 slab",
    ]
    # 14.72 m3 of slab at 5 m3 a day: 3 days, though the crew needs 44.16 h / 40 h = 2
    text = CADENCES.read_text(encoding="utf-8").replace("per_day = 60 ", "per_day = 5 ", 1)
    paced = tmp_path / "cadences.toml"
    paced.write_text(text, encoding="utf-8")
    plan = bimquant.plan(measured(HOUSE), RULES, paced, START, phases=zones)
    slabs = plan.tasks.set_index("code").loc["02.02.01"]
    assert (slabs["duration_days"], slabs["paced_by"]) == (3, "pompe à béton")
    assert plan.tasks.set_index("code").loc["02.01.01", "paced_by"] == "crew"


def test_a_plan_that_does_not_fit_the_contract_is_said(signed, tmp_path):
    contract, plan, progress = signed
    data = json.loads(plan.read_text(encoding="utf-8"))
    data["info"]["file"] = "autre-batiment.ifc"
    data["planned"] = [row for row in data["planned"] if row["code"] != "09.01.01"]
    other = tmp_path / "autre.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "s.json"
    code, _, err = run("situation", contract, "--progress", progress, "--period", "2027-05", "--plan", other, "-o", out)
    assert code == 0, err
    assert "a été fait sur autre-batiment.ifc" in err and "jamais prévu : 09.01.01" in err  # the contract is French
    assert len(json.loads(out.read_text(encoding="utf-8"))["info"]["warnings"]) == 2
    sheet = tmp_path / "planning.xlsx"
    sheet.write_bytes(b"PK")
    code, _, err = run("situation", contract, "--progress", progress, "--period", "2027-05", "--plan", sheet)
    assert code == 4 and "is not a plan written by bimquant plan" in err and "CSV" not in err


def test_progress_per_lot_and_lots_left_out_are_said(tmp_path):
    progress = tmp_path / "avancement.csv"
    progress.write_text("lot,percent\n02 Gros oeuvre,50\n", encoding="utf-8")
    plan = bimquant.plan(measured(HOUSE), RULES, CADENCES, START, progress_file=progress, status_date="2027-05-19")
    said = [str(w) for w in plan.info["warnings"]]
    assert any("per line or lot" in w for w in said)
    # by 19 May the window (lot 05) was due: nothing reported for it; the timber (20 May) was not yet
    assert any(w.startswith("no progress for 05 Menuiseries extérieures,") for w in said)
    assert not any("03 Charpente" in w or "02 Gros oeuvre" in w for w in said if w.startswith("no progress"))


def test_tasks_half_done_leave_half_their_days(tmp_path):
    """Lot 02 at 50 % on Wednesday 19 May, by hand: the crew goes on from Thursday 20 with the
    half days left, one task after the other on the same day: foundations and ground slab end
    on the 20th; the slab's 2 curing days push the formwork (2 days, half left) to Monday 24;
    walls and columns end on the 25th, the stair and level 1's slab on the 26th; its curing
    moves level 1's formwork and walls to Monday 31, the beams end on 1 June; the timber, not
    started, begins on 2 June, 9 working days after its planned 20 May."""
    progress = tmp_path / "avancement.csv"
    progress.write_text("lot,percent\n02 Gros oeuvre,50\n", encoding="utf-8")
    plan = bimquant.plan(measured(HOUSE), RULES, CADENCES, START, progress_file=progress, status_date="2027-05-19")
    finish = dict(zip(plan.status["task"], plan.status["forecast_finish"]))
    assert [finish[t] for t in ("T001", "T002", "T004", "T006", "T008", "T010", "T003")] == [
        "2027-05-20", "2027-05-20", "2027-05-24", "2027-05-25", "2027-05-25", "2027-05-26", "2027-05-26",
    ]  # fmt: skip
    assert [finish[t] for t in ("T005", "T007", "T009")] == ["2027-05-31", "2027-05-31", "2027-06-01"]
    timber = plan.status.set_index("task").loc["T011"]
    assert (timber["forecast_start"], timber["slip_days"]) == ("2027-06-02", 9)
    assert plan.info["delay_days"] == 9


def test_without_matplotlib_a_plan_with_a_picture_writes_nothing(tmp_path, monkeypatch):
    """--report needs the report extra: said before measuring, so the IFC copy and the MS
    Project file written by the library are not left behind by a run that fails."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    outputs = [tmp_path / "p.json", tmp_path / "house-4d.ifc", tmp_path / "p.xml", tmp_path / "p.png"]
    code, _, err = run(
        "plan", HOUSE, "--rules", RULES, "--productivity", CADENCES, "--start", START,
        "-o", outputs[0], "--ifc", outputs[1], "--mspdi", outputs[2], "--report", outputs[3],
    )  # fmt: skip
    assert code == 6 and "bimquant[report]" in err and "Traceback" not in err
    assert not any(path.exists() for path in outputs)


def test_an_ifc_copy_must_be_named_ifc(tmp_path):
    out = tmp_path / "house-4d.txt"
    code, _, err = run("plan", HOUSE, "--rules", RULES, "--productivity", CADENCES, "--start", START, "--ifc", out)
    assert code == 6 and "is an .ifc file: house-4d.txt" in err and not out.exists()
