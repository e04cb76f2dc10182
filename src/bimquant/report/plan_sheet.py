"""The works schedule as a workbook and a picture.

The workbook: the tasks, a Gantt drawn with cell fills by ISO week (critical tasks in red,
milestones as diamonds, weeks the site is shut in grey), the manpower per week and lot with its
stacked bar chart, the milestones, the planned value per month, the links and the labour check.
The picture (PNG, matplotlib: the ``report`` extra) draws the Gantt above the manpower
histogram; both draw :func:`get_gantt_rows`, which a test checks against the tasks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from bimquant.errors import OutputError
from bimquant.labels import sheet_name
from bimquant.messages import Message, section, say
from bimquant.report.dpgf import MONEY, SYMBOLS
from bimquant.report.tables import append_table, get_number_formats, put_text
from bimquant.schedule import Plan

LABELS = section("plan_sheet")
TASK_WIDTHS = {
    "wbs": 26,
    "lot": 24,
    "label": 42,
    "sequence": 16,
    "location": 14,
    "unit": 5,
    "cadence": 18,
    "predecessors": 22,
    "amount": 13,
}
CRITICAL, NORMAL, SHUT, MILESTONE = "C0392B", "4F81BD", "D9D9D9", "000000"


def get_weeks(plan: Plan) -> list[dt.date]:
    """The Mondays from the plan's start to its finish."""
    first = dt.date.fromisoformat(plan.info["start"])
    last = dt.date.fromisoformat(max(plan.info["finish"], plan.info.get("forecast_finish") or ""))
    monday = first - dt.timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


def _short(text: str, most: int = 62) -> str:
    """A bar's label cut in its middle, so that the storey at its end stays readable."""
    if len(text) <= most:
        return text
    head, _, storey = text.rpartition(" (")
    if storey and len(storey) < most // 2:
        return head[: most - len(storey) - 4] + "… (" + storey
    return text[: most - 1] + "…"


def get_milestones(plan: Plan) -> list[dict]:
    """The milestones that have a date (a model without a roof has no watertight date)."""
    return [m for m in plan.milestones.to_dict(orient="records") if isinstance(m["date"], str) and m["date"]]


def get_gantt_rows(plan: Plan) -> list[dict]:
    """One bar per task, in the order they start: its label, its first and last day, whether it
    is critical, and with a progress status its re-forecast first and last day."""
    rows = []
    forecast = {}
    if len(plan.status):
        forecast = {
            r["task"]: (r["forecast_start"], r["forecast_finish"]) for r in plan.status.to_dict(orient="records")
        }
    for task in plan.tasks.to_dict(orient="records"):
        again = forecast.get(task["task"])
        rows.append(
            {
                "forecast_start": dt.date.fromisoformat(again[0]) if again else None,
                "forecast_finish": dt.date.fromisoformat(again[1]) if again else None,
                "task": task["task"],
                "text": f"{task['code']} {task['label']}" + (f" ({task['location']})" if task["location"] else ""),
                "lot": task["lot"],
                "start": dt.date.fromisoformat(task["start"]),
                "finish": dt.date.fromisoformat(task["finish"]),
                "critical": bool(task["critical"]),
            }
        )
    return sorted(rows, key=lambda bar: (bar["start"], bar["finish"]))


def write_plan(plan: Plan, path: Path, locale: str | None = None) -> None:
    """Write the schedule workbook in ``locale`` (default: the productivity file's language)."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    language = locale or plan.info.get("language") or "en"
    words = LABELS.get(language, LABELS["en"])
    book = Workbook()
    tasks = book.active
    tasks.title = sheet_name("tasks", language)
    formats = get_number_formats(plan.tasks)
    money = MONEY.format(symbol=SYMBOLS.get(plan.info.get("currency") or "EUR", "EUR"))
    formats.update({"hours": "#,##0.0", "hours_per_unit": "#,##0.000", "quantity": "#,##0.00", "amount": money})
    shown = plan.tasks.assign(critical=plan.tasks["critical"].map({True: words["yes"], False: words["no"]}))
    append_table(tasks, _as_dates(shown), number_format=formats, locale=language, name="tasks")
    _date_format(tasks, shown, language)
    tasks.freeze_panes = "C2"
    for index, column in enumerate(plan.tasks.columns, start=1):
        tasks.column_dimensions[get_column_letter(index)].width = TASK_WIDTHS.get(column, 11)

    if len(plan.status):
        status = book.create_sheet(sheet_name("status", language))
        flags = {True: words["yes"], False: words["no"]}
        shown = plan.status.assign(critical=plan.status["critical"].map(flags), late=plan.status["late"].map(flags))
        append_table(status, _as_dates(shown), locale=language, name="status")
        _date_format(status, shown, language)
        status.freeze_panes = "B2"
        for index, column in enumerate(plan.status.columns, start=1):
            status.column_dimensions[get_column_letter(index)].width = TASK_WIDTHS.get(column, 13)
    gantt = book.create_sheet(sheet_name("gantt", language))
    title = words["title"].format(start=plan.info["start"], finish=plan.info["finish"], days=plan.info["working_days"])
    put_text(gantt, 1, 1, title).font = Font(bold=True, size=13)
    fixed = words["columns"]
    for column, text in enumerate(fixed, start=1):
        put_text(gantt, 3, column, text).font = Font(bold=True)
    weeks = get_weeks(plan)
    shut = _shut_weeks(plan, weeks)
    first_week_column = len(fixed) + 1
    for offset, monday in enumerate(weeks):
        column = first_week_column + offset
        put_text(gantt, 3, column, f"S{monday.isocalendar()[1]:02d}").font = Font(bold=True, size=8)
        cell = put_text(gantt, 4, column, monday.strftime("%d/%m"))
        cell.font = Font(size=7)
        cell.alignment = Alignment(text_rotation=90)
        gantt.column_dimensions[get_column_letter(column)].width = 3.2
        if monday in shut:
            cell.fill = PatternFill("solid", fgColor=SHUT)
    row = 5
    for bar in get_gantt_rows(plan):
        values = (bar["task"], bar["lot"], bar["text"], bar["start"].isoformat(), bar["finish"].isoformat())
        for column, value in enumerate(values, start=1):
            put_text(gantt, row, column, value)
        colour = CRITICAL if bar["critical"] else NORMAL
        fill = PatternFill("solid", fgColor=colour)
        moved = PatternFill("lightUp", fgColor=colour)  # the re-forecast, where it leaves the plan
        for offset, monday in enumerate(weeks):
            if monday in shut:  # a task that spans a shutdown does not work through it
                continue
            sunday = monday + dt.timedelta(days=6)
            if bar["start"] <= sunday and bar["finish"] >= monday:
                gantt.cell(row=row, column=first_week_column + offset).fill = fill
            elif bar["forecast_start"] and bar["forecast_start"] <= sunday and bar["forecast_finish"] >= monday:
                gantt.cell(row=row, column=first_week_column + offset).fill = moved
        row += 1
    row += 1
    for milestone in get_milestones(plan):
        day = dt.date.fromisoformat(milestone["date"])
        put_text(gantt, row, 3, say(f"value.milestone.{milestone['milestone']}", language)).font = Font(bold=True)
        put_text(gantt, row, 4, milestone["date"])
        offset = (day - weeks[0]).days // 7
        put_text(gantt, row, first_week_column + offset, "◆").font = Font(color=MILESTONE, bold=True)
        row += 1
    if plan.info.get("status_date"):
        day = dt.date.fromisoformat(plan.info["status_date"])
        put_text(gantt, row, 3, words["status_date"]).font = Font(bold=True)
        put_text(gantt, row, 4, plan.info["status_date"])
        put_text(gantt, row, first_week_column + (day - weeks[0]).days // 7, "▼").font = Font(color="1E8449", bold=True)
        row += 1
    row += 1
    put_text(gantt, row, 3, words["legend"])
    gantt.cell(row=row, column=first_week_column).fill = PatternFill("solid", fgColor=CRITICAL)
    put_text(gantt, row + 1, 3, words["legend_normal"])
    gantt.cell(row=row + 1, column=first_week_column).fill = PatternFill("solid", fgColor=NORMAL)
    put_text(gantt, row + 2, 3, words["legend_shut"])
    gantt.cell(row=row + 2, column=first_week_column).fill = PatternFill("solid", fgColor=SHUT)
    for column, width in zip("ABCDE", (7, 18, 46, 11, 11)):
        gantt.column_dimensions[column].width = width
    gantt.freeze_panes = gantt.cell(row=5, column=first_week_column)

    manpower = book.create_sheet(sheet_name("manpower", language))
    append_table(manpower, _as_dates(plan.manpower), locale=language, name="manpower")
    _date_format(manpower, plan.manpower, language)
    manpower.freeze_panes = "C2"
    for index in range(1, len(plan.manpower.columns) + 1):
        manpower.column_dimensions[get_column_letter(index)].width = 11 if index <= 2 else 16
    if len(plan.manpower):
        chart = BarChart()
        chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
        chart.title = words["manpower_chart"]
        chart.y_axis.title = words["workers"]
        lots = len(plan.manpower.columns) - 4  # week, monday, the lots, total, peak
        chart.add_data(
            Reference(manpower, min_col=3, max_col=2 + lots, min_row=1, max_row=len(plan.manpower) + 1),
            titles_from_data=True,
        )
        chart.set_categories(Reference(manpower, min_col=1, min_row=2, max_row=len(plan.manpower) + 1))
        chart.width, chart.height = 24, 10
        manpower.add_chart(chart, f"B{len(plan.manpower) + 4}")
    for name in ("milestones", "curve", "links", "checks", "task_elements"):
        table = getattr(plan, name)
        sheet = book.create_sheet(sheet_name(name, language)[:31])
        numbers = get_number_formats(table)
        if name == "curve":
            numbers.update({"planned_month": money, "planned": money})
        append_table(sheet, _as_dates(table), number_format=numbers, locale=language, name=name)
        _date_format(sheet, table, language)
        sheet.freeze_panes = "A2"
        for index in range(1, len(table.columns) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 18
    for sheet in book.worksheets:  # printed in landscape; the Gantt and the short sheets one page wide
        sheet.page_setup.orientation = "landscape"
        if sheet is not tasks:
            sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(path)


DATE_COLUMNS = ("start", "finish", "forecast_start", "forecast_finish", "monday", "date")
DATE_FORMATS = {"fr": "dd/mm/yyyy", "en": "yyyy-mm-dd"}


def _as_dates(table: pd.DataFrame) -> pd.DataFrame:
    """The date columns as dates, so that a spreadsheet sorts and counts them."""
    out = table.copy()
    for column in DATE_COLUMNS:
        if column in out:
            out[column] = [dt.date.fromisoformat(v) if isinstance(v, str) and v else None for v in out[column]]
            out[column] = out[column].astype(object)
    return out


def _date_format(sheet, table: pd.DataFrame, language: str) -> None:
    for index, column in enumerate(table.columns, start=1):
        if column in DATE_COLUMNS:
            for row in range(2, len(table) + 2):
                sheet.cell(row=row, column=index).number_format = DATE_FORMATS.get(language, "yyyy-mm-dd")


def _shut_weeks(plan: Plan, weeks: list[dt.date]) -> set[dt.date]:
    """The weeks the site calendar leaves without a working day (a shutdown); without the
    calendar, the weeks no task covers."""
    if plan.calendar is not None:
        return {m for m in weeks if all(plan.calendar.why_off(m + dt.timedelta(days=n)) for n in range(7))}
    busy = set()
    for task in plan.tasks.to_dict(orient="records"):
        first, last = dt.date.fromisoformat(task["start"]), dt.date.fromisoformat(task["finish"])
        for monday in weeks:
            if first <= monday + dt.timedelta(days=6) and last >= monday:
                busy.add(monday)
    return set(weeks) - busy


def write_plan_chart(plan: Plan, path: Path, locale: str | None = None) -> list[dict]:
    """Draw the Gantt above the manpower histogram into ``path`` (PNG); return the bars drawn.
    :class:`OutputError` naming the extra when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.dates
        import matplotlib.pyplot as plt
    except ImportError:
        raise OutputError(Message("error.report.no_matplotlib"), Message("hint.report.install_report")) from None
    language = locale or plan.info.get("language") or "en"
    words = LABELS.get(language, LABELS["en"])
    bars = get_gantt_rows(plan)
    height = min(2 + 0.22 * len(bars), 60)
    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(12, height + 3), gridspec_kw={"height_ratios": [height, 3]}, constrained_layout=True
    )
    for index, bar in enumerate(bars):
        width = (bar["finish"] - bar["start"]).days + 1
        colour = "#" + (CRITICAL if bar["critical"] else NORMAL)
        top.barh(index, width, left=matplotlib.dates.date2num(bar["start"]), color=colour, height=0.7)
        if bar["forecast_start"] and (bar["forecast_start"], bar["forecast_finish"]) != (bar["start"], bar["finish"]):
            again = (bar["forecast_finish"] - bar["forecast_start"]).days + 1
            first = matplotlib.dates.date2num(bar["forecast_start"])
            top.barh(
                index + 0.3, again, left=first, height=0.3, fill=False, hatch="////", edgecolor=colour, linewidth=0.5
            )
    if plan.info.get("status_date"):
        day = matplotlib.dates.date2num(dt.date.fromisoformat(plan.info["status_date"]))
        top.axvline(day, color="#1E8449", linewidth=1.2)
        top.text(day + 0.6, -0.6, words["status_date"] + " " + plan.info["status_date"], fontsize=7, color="#1E8449")
    top.set_yticks(range(len(bars)))
    top.set_yticklabels([_short(b["text"]) for b in bars], fontsize=7 if len(bars) < 80 else 5)
    top.invert_yaxis()
    top.xaxis_date()
    top.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y-%m-%d"))
    dated = get_milestones(plan)
    for k, milestone in enumerate(dated):
        day = matplotlib.dates.date2num(dt.date.fromisoformat(milestone["date"]))
        top.axvline(day, color="#555555", linestyle=":", linewidth=0.8)
        same_day = sum(1 for m in dated[:k] if m["date"] == milestone["date"])  # side by side, not on top
        top.text(
            day + 0.6 + 2.2 * same_day,
            len(bars) - 0.5,
            say("value.milestone." + milestone["milestone"], language) + " " + milestone["date"],
            fontsize=7,
            rotation=90,
            va="bottom",
            ha="left",
            color="#333333",
        )
    weeks = get_weeks(plan)
    for monday in _shut_weeks(plan, weeks):  # shutdowns shaded: a bar across one does not work it
        first = matplotlib.dates.date2num(monday)
        top.axvspan(first, first + 7, color="#" + SHUT, alpha=0.6, linewidth=0)
    top.set_title(
        words["title"].format(start=plan.info["start"], finish=plan.info["finish"], days=plan.info["working_days"])
    )
    manpower = plan.manpower
    if len(manpower):
        mondays = [matplotlib.dates.date2num(dt.date.fromisoformat(m)) for m in manpower["monday"]]
        base = pd.Series(0.0, index=range(len(manpower)))
        for lot in manpower.columns[2:-2]:
            values = manpower[lot].astype(float).to_numpy()
            bottom.bar(mondays, values, width=6, bottom=base.to_numpy(), align="edge", label=lot[:40])
            base += values
        bottom.xaxis_date()
        bottom.set_xlim(top.get_xlim())
        bottom.set_ylim(0, max(1.0, float(base.max())) * 1.15)  # the tallest week clear of the frame
        bottom.legend(fontsize=6, ncol=3, loc="upper right")
    bottom.set_ylabel(words["workers"])
    bottom.set_title(words["manpower_chart"])
    figure.savefig(path, format="png", dpi=100)
    plt.close(figure)
    return bars
