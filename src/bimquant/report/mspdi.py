"""The works schedule as Microsoft Project XML (MSPDI), which MS Project, ProjectLibre, GanttProject
and Primavera P6 import.

One summary task per lot over its tasks (outline ``lot.n``), each task with its dates (08:00 on
its first day to the end of its last working day), its duration in working hours, ``Critical``,
``TotalSlack`` and a "start no earlier than" constraint on its own start, so that a tool that
reschedules keeps bimquant's dates until a planner moves them. Links are finish-to-start with
their lag in elapsed days (``LagFormat`` 8). Two calendars: the site's (weekdays, public holidays
and closures as exceptions over the plan's span) and the outdoor one (the same, less the weather
days), the one of outdoor lots' tasks. Text from the model goes through the XML escaping and
loses the control characters XML 1.0 cannot hold.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from bimquant.messages import say
from bimquant.report.tables import clean_text
from bimquant.schedule import Plan, WorkingDays

NAMESPACE = "http://schemas.microsoft.com/project"
DAY_TYPES = {6: 1, 0: 2, 1: 3, 2: 4, 3: 5, 4: 6, 5: 7}  # Python weekday -> MSPDI DayType (Sunday = 1)
TENTHS_PER_ELAPSED_DAY = 24 * 60 * 10  # LinkLag is in tenths of minutes


def write_mspdi(plan: Plan, path: Path, calendar, outdoor_lots: set[str]) -> None:
    """Write ``plan`` to ``path`` as MSPDI; ``calendar`` is the productivity file's."""
    hours = calendar.hours_per_day
    start = dt.date.fromisoformat(plan.info["start"])
    finish = dt.date.fromisoformat(plan.info["finish"])
    project = ET.Element("Project", xmlns=NAMESPACE)
    _add(project, "SaveVersion", 14)
    _add(project, "Name", plan.info.get("title") or "bimquant")
    _add(project, "Title", plan.info.get("title") or "bimquant")
    _add(project, "ScheduleFromStart", 1)
    _add(project, "StartDate", _at(start, 8))
    _add(project, "FinishDate", _end(finish, hours))
    _add(project, "CalendarUID", 1)
    _add(project, "MinutesPerDay", int(round(hours * 60)))
    _add(project, "MinutesPerWeek", int(round(hours * 60 * len(calendar.weekdays))))
    _add(project, "DaysPerMonth", 20)
    calendars = ET.SubElement(project, "Calendars")
    language = plan.info.get("language") if plan.info.get("language") in ("en", "fr") else "en"
    _calendar(calendars, 1, say("plan_sheet.site_calendar", language), calendar, start, finish, outdoor=False)
    _calendar(calendars, 2, say("plan_sheet.outdoor_calendar", language), calendar, start, finish, outdoor=True)
    tasks = ET.SubElement(project, "Tasks")
    uid = {"": 0}
    _task(tasks, 0, "", plan.info.get("title") or "bimquant", 0, start, finish, hours, summary=True)
    lot_numbers: dict[str, int] = {}
    rows = plan.tasks.to_dict(orient="records")
    for row in rows:
        lot_numbers.setdefault(row["lot"], len(lot_numbers) + 1)
    next_uid = 1
    for lot, number in lot_numbers.items():
        mine = [r for r in rows if r["lot"] == lot]
        first = dt.date.fromisoformat(min(r["start"] for r in mine))
        last = dt.date.fromisoformat(max(r["finish"] for r in mine))
        _task(tasks, next_uid, str(number), lot, 1, first, last, hours, summary=True)
        next_uid += 1
        for index, row in enumerate(mine, start=1):
            uid[row["task"]] = next_uid
            element = _task(
                tasks,
                next_uid,
                f"{number}.{index}",
                f"{row['code']} {row['label']}" + (f" ({row['location']})" if row["location"] else ""),
                2,
                dt.date.fromisoformat(row["start"]),
                dt.date.fromisoformat(row["finish"]),
                hours,
                days=row["duration_days"],
                critical=bool(row["critical"]),
                slack_days=row["total_float_days"],
                wbs=row["wbs"],
                calendar=2 if lot in outdoor_lots else 1,
            )
            element.set("bimquant_task", row["task"])  # removed below: a marker to attach links
            next_uid += 1
    by_task = {e.get("bimquant_task"): e for e in tasks if e.get("bimquant_task")}
    for link in plan.links.to_dict(orient="records"):
        predecessor = ET.SubElement(by_task[link["after"]], "PredecessorLink")
        _add(predecessor, "PredecessorUID", uid[link["before"]])
        _add(predecessor, "Type", 1)  # finish-to-start
        _add(predecessor, "CrossProject", 0)
        _add(predecessor, "LinkLag", int(link["lag_days"]) * TENTHS_PER_ELAPSED_DAY)
        _add(predecessor, "LagFormat", 8)  # elapsed days
    for element in by_task.values():
        del element.attrib["bimquant_task"]
    ET.ElementTree(project).write(path, encoding="UTF-8", xml_declaration=True)


def _add(parent, tag: str, value) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = clean_text(str(value)).translate({c: None for c in range(0x7F, 0xA0)})
    return element


def _at(day: dt.date, hour: float) -> str:
    whole = int(hour)
    return f"{day.isoformat()}T{whole:02d}:{int(round((hour - whole) * 60)):02d}:00"


def _end(day: dt.date, hours: float) -> str:
    """The end of a working day of ``hours`` from 08:00, with an hour's lunch break past 4 h."""
    return _at(day, 8 + hours + (1 if hours > 4 else 0))


def _task(parent, uid, outline, name, level, first, last, hours, *, summary=False, days=None, critical=False,
          slack_days=0, wbs=None, calendar=None) -> ET.Element:  # fmt: skip
    task = ET.SubElement(parent, "Task")
    _add(task, "UID", uid)
    _add(task, "ID", uid)
    _add(task, "Name", name)
    _add(task, "Type", 1 if summary else 0)
    _add(task, "IsNull", 0)
    if wbs:
        _add(task, "WBS", wbs)
    if outline:
        _add(task, "OutlineNumber", outline)
    _add(task, "OutlineLevel", level)
    _add(task, "Start", _at(first, 8))
    _add(task, "Finish", _end(last, hours))
    if days is not None:
        _add(task, "Duration", f"PT{int(round(days * hours))}H0M0S")
        _add(task, "DurationFormat", 7)  # days
        _add(task, "Critical", int(critical))
        _add(task, "TotalSlack", int(slack_days * hours * 60 * 10))
        _add(task, "ConstraintType", 4)  # start no earlier than
        _add(task, "ConstraintDate", _at(first, 8))
    _add(task, "Summary", int(summary))
    _add(task, "Milestone", 0)
    if calendar is not None:
        _add(task, "CalendarUID", calendar)
    return task


def _calendar(parent, uid: int, name: str, calendar, start: dt.date, finish: dt.date, outdoor: bool) -> None:
    element = ET.SubElement(parent, "Calendar")
    _add(element, "UID", uid)
    _add(element, "Name", name)
    _add(element, "IsBaseCalendar", 1)
    week = ET.SubElement(element, "WeekDays")
    morning = min(calendar.hours_per_day, 4)
    for weekday, day_type in sorted(DAY_TYPES.items(), key=lambda pair: pair[1]):
        day = ET.SubElement(week, "WeekDay")
        _add(day, "DayType", day_type)
        working = weekday in calendar.weekdays
        _add(day, "DayWorking", int(working))
        if working:
            times = ET.SubElement(day, "WorkingTimes")
            spans = [(8, 8 + morning)]
            if calendar.hours_per_day > 4:
                spans.append((13, 13 + calendar.hours_per_day - 4))
            for first, last in spans:
                span = ET.SubElement(times, "WorkingTime")
                _add(span, "FromTime", _at(start, first)[11:])
                _add(span, "ToTime", _at(start, last)[11:])
    worked = {d for d in WorkingDays(calendar, start, outdoor).days.astype(object) if d <= finish}
    day = start
    while day <= finish:  # every weekday off inside the plan: a holiday, a closure, weather
        if day.weekday() in calendar.weekdays and day not in worked:
            off = ET.SubElement(week, "WeekDay")
            _add(off, "DayType", 0)
            _add(off, "DayWorking", 0)
            period = ET.SubElement(off, "TimePeriod")
            _add(period, "FromDate", _at(day, 0))
            _add(period, "ToDate", f"{day.isoformat()}T23:59:00")
        day += dt.timedelta(days=1)
