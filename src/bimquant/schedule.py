"""The works schedule from the model: quantities -> labour hours -> durations -> dates.

A productivity file (``rules/fr-cadences.toml``) gives, per work item, the labour hours per
unit (the sous-détail's labour: hours x the lot's hourly rate is the labour money of the price
file, checked in ``checks``); per lot its crew, its stage (structure, envelope, finishes) and
whether it works outdoors; and the working calendar (hours a day, working weekdays, French
public holidays, site closures, weather days a month for outdoor lots).

One task per work item and storey (its quantity there). The logic, all finish-to-start:

- **structure**: storey by storey from the lowest, the structure lots in the file's order and,
  within a lot, its items in the file's order: one chain, as one site crew builds it;
- **envelope**: each envelope task after the structure of its storey; an envelope lot's own
  tasks one after another (its crew), lowest storey first;
- **finishes**: after the envelope is closed (every envelope task done: *hors d'air*); each
  finishes lot storey after storey (its crew), and on a storey after the finishes lot before it;
- ``lag_days`` of an item: calendar days after it before anything that follows starts (curing,
  drying); ``[[link]]`` tables add links between two items on each storey both are on.

Durations are whole working days: ``ceil(hours / (workers x hours a day))``, at least the
item's ``min_days``. Dates follow the forward pass; the backward pass gives each task's total
float in working days, and the critical path is the tasks without float.

Example::

    >>> plan = schedule_work(budget.work, load_productivity("rules/fr-cadences.toml", ruleset),
    ...                      dt.date(2027, 3, 1), amounts=budget.lines)
    >>> plan.info["finish"]
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from bimquant.errors import RuleError, SettingsError
from bimquant.loaders import check_keys, read_toml
from bimquant.messages import Message
from bimquant.result import Result

STAGES = ("structure", "envelope", "finishes")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOLIDAY_SETS = ("fr", "fr-alsace-moselle", "none")
HORIZON_YEARS = 12  # the calendar is laid out this far from the start; a longer plan is refused
MAX_HOURS = 10_000  # labour hours per unit of an item: more is a typo (a stair takes 30)
LABOUR_GAP = 0.01  # hours x rate against the price file's labour money: a gap beyond 1 % is shown
NO_STOREY = ""  # the location of quantities outside any storey (placed after the highest)

PLANNED_COLUMNS = ["code", "period", "percent"]
STATUS_COLUMNS = [
    "task", "code", "lot", "location", "critical", "start", "finish", "expected_percent", "actual_percent",
    "late", "forecast_start", "forecast_finish", "slip_days",
]  # fmt: skip
ELEMENT_COLUMNS = ["task", "code", "location", "global_id", "ifc_class", "name", "contribution"]
TASK_COLUMNS = [
    "task", "wbs", "code", "lot", "label", "sequence", "location", "unit", "quantity", "hours_per_unit",
    "hours", "workers", "crew", "duration_days", "paced_by", "start", "finish", "lag_days", "total_float_days",
    "critical", "amount", "cadence", "predecessors",
]  # fmt: skip


# --- the calendar ------------------------------------------------------------------------------


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


@functools.lru_cache(maxsize=64)
def public_holidays(year: int, kind: str) -> dict[dt.date, str]:
    """The public holidays of ``year`` (date -> the id of its name, ``plan.holiday.<id>`` in the
    catalogue): ``"fr"`` the eleven of the French labour code (art. L3133-1),
    ``"fr-alsace-moselle"`` with Good Friday and St Stephen's day, ``"none"``."""
    if kind == "none":
        return {}
    sunday = easter(year)
    days = {
        dt.date(year, 1, 1): "new_year",
        sunday + dt.timedelta(days=1): "easter_monday",
        dt.date(year, 5, 1): "labour_day",
        dt.date(year, 5, 8): "victory_1945",
        sunday + dt.timedelta(days=39): "ascension",
        sunday + dt.timedelta(days=50): "whit_monday",
        dt.date(year, 7, 14): "bastille_day",
        dt.date(year, 8, 15): "assumption",
        dt.date(year, 11, 1): "all_saints",
        dt.date(year, 11, 11): "armistice_1918",
        dt.date(year, 12, 25): "christmas",
    }
    if kind == "fr-alsace-moselle":
        days[sunday - dt.timedelta(days=2)] = "good_friday"
        days[dt.date(year, 12, 26)] = "st_stephen"
    return days


@dataclass(frozen=True)
class Closure:
    """Days the site is shut, both included: ``MM-DD`` every year (may run over New Year), or
    dated ``YYYY-MM-DD``."""

    first: str
    last: str
    label: str = ""

    def covers(self, day: dt.date) -> bool:
        if len(self.first) == 10:
            return self.first <= day.isoformat() <= self.last
        text = day.strftime("%m-%d")
        if self.first <= self.last:
            return self.first <= text <= self.last
        return text >= self.first or text <= self.last


@dataclass(frozen=True)
class Calendar:
    hours_per_day: float = 8.0
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    holidays: str = "fr"
    extra_holidays: tuple[dt.date, ...] = ()
    closures: tuple[Closure, ...] = ()
    weather_days: tuple[tuple[int, int], ...] = ()  # (month, days lost by outdoor lots)

    def why_off(self, day: dt.date) -> str | None:
        """Why ``day`` is not worked by any lot (a weekday off, a holiday, a closure), or None."""
        if day.weekday() not in self.weekdays:
            return "weekend"
        holiday = public_holidays(day.year, self.holidays).get(day)
        if holiday:
            return holiday
        if day in self.extra_holidays:
            return "holiday"
        for closure in self.closures:
            if closure.covers(day):
                return closure.label or "closure"
        return None


class WorkingDays:
    """The working days of one calendar from ``start`` on, as an index: day ``i`` of the plan is
    ``days[i]``. Outdoor lots also lose the last ``weather_days`` working days of each month."""

    def __init__(self, calendar: Calendar, start: dt.date, outdoor: bool):
        end = dt.date(start.year + HORIZON_YEARS, 12, 31)
        every = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
        worked = [d for d in every.astype(object) if calendar.why_off(d) is None]
        lost = dict(calendar.weather_days) if outdoor else {}
        if any(lost.values()):
            by_month: dict[tuple[int, int], list[dt.date]] = {}
            for day in worked:
                by_month.setdefault((day.year, day.month), []).append(day)
            dropped = set()
            for (_, month), days in by_month.items():
                n = lost.get(month, 0)
                dropped.update(days[len(days) - n :] if n else [])
            worked = [d for d in worked if d not in dropped]
        self.days = np.array([np.datetime64(d, "D") for d in worked])

    def on_or_after(self, day: dt.date) -> int:
        index = int(np.searchsorted(self.days, np.datetime64(day, "D"), side="left"))
        if index >= len(self.days):
            raise SettingsError(Message("error.plan.too_long", years=HORIZON_YEARS), Message("hint.plan.too_long"))
        return index

    def on_or_before(self, day: dt.date) -> int:
        return int(np.searchsorted(self.days, np.datetime64(day, "D"), side="right")) - 1

    def date(self, index: int) -> dt.date:
        if index >= len(self.days):
            raise SettingsError(Message("error.plan.too_long", years=HORIZON_YEARS), Message("hint.plan.too_long"))
        return self.days[index].astype(object) if index >= 0 else dt.date.min


# --- the productivity file ----------------------------------------------------------------------


@dataclass(frozen=True)
class LotCadence:
    lot: str
    stage: str
    crew: tuple[tuple[str, int], ...]
    hourly_rate: float | None = None
    outdoor: bool = False
    closes: str | None = None  # "water": its end is the hors d'eau milestone
    equipment: tuple[str, ...] = ()
    storey_days: int | None = None  # with max_crews: as many crews as bring a storey under this
    max_crews: int = 1

    @property
    def workers(self) -> int:
        return sum(n for _, n in self.crew)


@dataclass(frozen=True)
class ItemCadence:
    code: str
    hours: float  # labour hours per unit of the item
    min_days: int = 1
    lag_days: int = 0
    stage: str | None = None  # overrides the lot's (a steel frame in the metalwork lot)
    per_day: float | None = None  # the most units a day, whatever the crew: the equipment's pace
    paced_by: str | None = None  # that equipment (a concrete pump, a crane's lifts)


@dataclass(frozen=True)
class Link:
    before: str
    after: str
    lag_days: int = 0


@dataclass
class Productivity:
    path: Path | None
    name: str
    language: str
    calendar: Calendar
    lots: dict[str, LotCadence]
    items: dict[str, ItemCadence]  # in the file's order
    links: list[Link] = field(default_factory=list)


def _need(path, where, key, value, expected: Message, ok: bool):
    if not ok:
        said = Message("error.plan.bad_value", path=path, where=where, key=key, expected=expected, value=repr(value))
        raise RuleError(said, Message("hint.plan.bad_value", key=key, expected=expected))
    return value


def _number(path, where, table, key, default=None, *, positive=False, integer=False):
    value = table.get(key, default)
    if value is None:
        return None
    kind = (int,) if integer else (int, float)
    ok = isinstance(value, kind) and not isinstance(value, bool) and math.isfinite(value)
    ok = ok and (value > 0 if positive else value >= 0)
    expected = Message("plan.expect." + ("whole" if integer else "number") + ("_above" if positive else "_from"))
    return _need(path, where, key, value, expected, ok)


def _read_calendar(path: Path, table: dict) -> Calendar:
    where = "[calendar]"
    check_keys(
        path,
        where,
        table,
        {"hours_per_day", "working_days", "holidays", "extra_holidays", "closures", "weather_days"},
    )
    hours = _number(path, where, table, "hours_per_day", 8.0, positive=True)
    _need(path, where, "hours_per_day", hours, Message("plan.expect.hours_day"), hours <= 24)
    days = table.get("working_days", list(WEEKDAYS[:5]))
    ok = isinstance(days, list) and days and all(d in WEEKDAYS for d in days) and len(set(days)) == len(days)
    _need(path, where, "working_days", days, Message("plan.expect.weekdays", days=", ".join(WEEKDAYS)), ok)
    holidays = table.get("holidays", "fr")
    _need(
        path,
        where,
        "holidays",
        holidays,
        Message("plan.expect.one_of", values=", ".join(HOLIDAY_SETS)),
        holidays in HOLIDAY_SETS,
    )
    extra = table.get("extra_holidays", [])
    ok = isinstance(extra, list) and all(type(d) is dt.date for d in extra)
    _need(path, where, "extra_holidays", extra, Message("plan.expect.dates"), ok)
    closures = []
    for index, raw in enumerate(table.get("closures", []), start=1):
        at = f"{where} closures #{index}"
        ok = isinstance(raw, dict) and not set(raw) - {"from", "to", "label"}
        _need(path, at, "closures", raw, Message("plan.expect.closure"), ok)
        first, last = (_closure_day(path, at, key, raw.get(key)) for key in ("from", "to"))
        _need(path, at, "to", last, Message("plan.expect.same_form"), len(first) == len(last))
        _need(path, at, "to", last, Message("plan.expect.after", first=first), len(first) == 5 or first <= last)
        closures.append(Closure(first, last, str(raw.get("label", ""))))
    year = dt.date(2027, 1, 1)  # any year: a calendar without a working day in one is a mistake
    closed = Calendar(weekdays=tuple(WEEKDAYS.index(d) for d in days), holidays=holidays, closures=tuple(closures))
    if all(closed.why_off(year + dt.timedelta(days=n)) for n in range(366)):
        raise RuleError(Message("error.plan.no_working_day", path=path), Message("hint.plan.no_working_day"))
    weather = table.get("weather_days", {})
    ok = isinstance(weather, dict) and all(k.isdigit() and 1 <= int(k) <= 12 for k in weather)
    ok = ok and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 15 for v in weather.values())
    _need(path, where, "weather_days", weather, Message("plan.expect.weather"), ok)
    return Calendar(
        hours_per_day=float(hours),
        weekdays=tuple(sorted(WEEKDAYS.index(d) for d in days)),
        holidays=holidays,
        extra_holidays=tuple(extra),
        closures=tuple(closures),
        weather_days=tuple(sorted((int(k), v) for k, v in weather.items())),
    )


def _closure_day(path, where, key, value) -> str:
    if type(value) is dt.date:
        return value.isoformat()
    ok = isinstance(value, str) and len(value) == 5
    if ok:
        try:
            dt.date(2024, int(value[:2]), int(value[3:]))  # a leap year: 02-29 is a day
        except ValueError:
            ok = False
    _need(path, where, key, value, Message("plan.expect.day"), ok and value[2] == "-")
    return value


def load_productivity(path: str | Path, ruleset) -> Productivity:
    """Read and check a productivity file against ``ruleset``: every lot and item it names is
    the rule set's; a :class:`RuleError` naming the file, the table and the fix otherwise."""
    path = Path(path)
    data = read_toml(path, "productivity file")
    check_keys(path, "the file", data, {"productivity", "calendar", "lot", "item", "link"})
    head = data.get("productivity", {})
    check_keys(path, "[productivity]", head, {"name", "language", "version", "description"})
    calendar = _read_calendar(path, data.get("calendar", {}))
    known_lots = {item.lot for item in ruleset.items}
    codes = {item.code: item for item in ruleset.items}
    lots: dict[str, LotCadence] = {}
    for index, raw in enumerate(data.get("lot", []), start=1):
        where = f"[[lot]] #{index}"
        _need(path, where, "lot", raw, Message("plan.expect.table"), isinstance(raw, dict))
        keys = {"lot", "stage", "crew", "hourly_rate", "outdoor", "closes", "equipment", "storey_days", "max_crews"}
        check_keys(path, where, raw, keys)
        name = raw.get("lot")
        if name not in known_lots:
            said = Message("error.plan.unknown_lot", path=path, where=where, lot=repr(name), rules=ruleset.name)
            raise RuleError(said, Message("hint.plan.lot_names", lots=", ".join(sorted(known_lots))))
        if name in lots:
            raise RuleError(Message("error.plan.twice", path=path, where=where, name=name), Message("hint.plan.once"))
        stage = _need(
            path,
            where,
            "stage",
            raw.get("stage"),
            Message("plan.expect.one_of", values=", ".join(STAGES)),
            raw.get("stage") in STAGES,
        )
        crew = raw.get("crew")
        ok = isinstance(crew, dict) and crew and all(isinstance(k, str) and k for k in crew)
        ok = ok and all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 500 for n in crew.values())
        _need(path, where, "crew", crew, Message("plan.expect.crew"), ok)
        outdoor = _need(
            path,
            where,
            "outdoor",
            raw.get("outdoor", False),
            Message("plan.expect.boolean"),
            raw.get("outdoor", False) in (True, False),
        )
        closes = raw.get("closes")
        _need(path, where, "closes", closes, Message("plan.expect.closes"), closes in (None, "water"))
        equipment = raw.get("equipment", [])
        ok = isinstance(equipment, list) and all(isinstance(e, str) for e in equipment)
        _need(path, where, "equipment", equipment, Message("plan.expect.names"), ok)
        rate = _number(path, where, raw, "hourly_rate", positive=True)
        storey_days = _number(path, where, raw, "storey_days", positive=True, integer=True)
        max_crews = _number(path, where, raw, "max_crews", 1, positive=True, integer=True)
        _need(path, where, "max_crews", max_crews, Message("plan.expect.max_crews"), max_crews <= 50)
        lots[name] = LotCadence(
            name,
            stage,
            tuple(crew.items()),
            None if rate is None else float(rate),
            outdoor,
            closes,
            tuple(equipment),
            storey_days,
            max_crews,
        )
    items: dict[str, ItemCadence] = {}
    for index, raw in enumerate(data.get("item", []), start=1):
        where = f"[[item]] #{index}"
        _need(path, where, "item", raw, Message("plan.expect.table"), isinstance(raw, dict))
        check_keys(path, where, raw, {"code", "hours", "min_days", "lag_days", "stage", "per_day", "paced_by", "note"})
        code = raw.get("code")
        if code not in codes:
            said = Message("error.plan.unknown_code", path=path, where=where, code=repr(code), rules=ruleset.name)
            raise RuleError(said, Message("hint.plan.codes"))
        if code in items:
            raise RuleError(Message("error.plan.twice", path=path, where=where, name=code), Message("hint.plan.once"))
        hours = _number(path, where, raw, "hours", positive=False)
        _need(path, where, "hours", hours, Message("plan.expect.number_from"), hours is not None)
        _need(path, where, "hours", hours, Message("plan.expect.hours_unit", most=MAX_HOURS), hours <= MAX_HOURS)
        min_days = _number(path, where, raw, "min_days", 1, integer=True)
        lag = _number(path, where, raw, "lag_days", 0, integer=True)
        stage = raw.get("stage")
        _need(
            path,
            where,
            "stage",
            stage,
            Message("plan.expect.one_of", values=", ".join(STAGES)),
            stage is None or stage in STAGES,
        )
        per_day = _number(path, where, raw, "per_day", positive=True)
        paced_by = raw.get("paced_by")
        _need(
            path,
            where,
            "paced_by",
            paced_by,
            Message("plan.expect.names"),
            paced_by is None or isinstance(paced_by, str),
        )
        per_day = None if per_day is None else float(per_day)
        items[code] = ItemCadence(code, float(hours), int(min_days), int(lag), stage, per_day, paced_by)
    links = []
    for index, raw in enumerate(data.get("link", []), start=1):
        where = f"[[link]] #{index}"
        _need(path, where, "link", raw, Message("plan.expect.table"), isinstance(raw, dict))
        check_keys(path, where, raw, {"before", "after", "lag_days"})
        for key in ("before", "after"):
            if raw.get(key) not in codes:
                said = Message(
                    "error.plan.unknown_code", path=path, where=where, code=repr(raw.get(key)), rules=ruleset.name
                )
                raise RuleError(said, Message("hint.plan.codes"))
        links.append(Link(raw["before"], raw["after"], int(_number(path, where, raw, "lag_days", 0, integer=True))))
    if not items:
        raise RuleError(Message("error.plan.no_item", path=path), Message("hint.plan.no_item"))
    missing = sorted({codes[c].lot for c in items} - set(lots))
    if missing:
        said = Message("error.plan.lot_without_crew", path=path, lot=missing[0])
        raise RuleError(said, Message("hint.plan.add_lot", lot=missing[0]))
    return Productivity(
        path, str(head.get("name", path.stem)), str(head.get("language", "")), calendar, lots, items, links
    )


def parse_crews(texts: list[str], productivity: Productivity) -> dict[str, int]:
    """``--crews "02 Gros oeuvre=2"``: how many crews of a lot work side by side (the crew's
    size times n; the lot's tasks still follow one another)."""
    crews = {}
    for text in texts:
        lot, _, number = text.rpartition("=")
        lot = lot.strip()
        if not lot or not number.strip().isascii() or not number.strip().isdigit():
            raise SettingsError(Message("error.plan.bad_crews", text=repr(text)), Message("hint.plan.crews_form"))
        if not 1 <= int(number) <= 50:
            raise SettingsError(Message("error.plan.crews_count", text=repr(text)), Message("hint.plan.crews_form"))
        wanted = lot.casefold()
        matches = [
            name
            for name in productivity.lots
            if name.casefold() == wanted or name.split(" ")[0] == lot or name.split(" ", 1)[-1].casefold() == wanted
        ]
        if len(matches) != 1:
            raise SettingsError(
                Message("error.plan.unknown_crew_lot", lot=repr(lot)),
                Message("hint.plan.lot_names", lots=", ".join(productivity.lots)),
            )
        crews[matches[0]] = int(number)
    return crews


def check_start(start: dt.date, calendar: Calendar) -> None:
    """A plan starts on a working day: :class:`SettingsError` naming why ``start`` is not one,
    with the next working day."""
    why = calendar.why_off(start)
    if why is not None:
        following = start + dt.timedelta(days=1)
        while calendar.why_off(following) is not None and following < start + dt.timedelta(days=732):
            following += dt.timedelta(days=1)
        reason = why  # a closure's own label
        if why in ("weekend", "holiday", "closure"):
            reason = Message(f"plan.off.{why}")
        elif why in public_holidays(start.year, calendar.holidays).values():
            reason = Message(f"plan.holiday.{why}")
        said = Message("error.plan.start_off", start=start.isoformat(), why=reason)
        raise SettingsError(said, Message("hint.plan.start_on", day=following.isoformat()))


# --- the plan -----------------------------------------------------------------------------------


@dataclass
class Plan(Result):
    """A works schedule.

    - ``tasks``: one row per work item and storey (columns ``TASK_COLUMNS``): quantity, hours,
      workers, working days, dates, total float, critical, the money it carries (``amount``,
      with prices) and how its duration was found (``cadence``: ``file`` or ``missing``);
    - ``links``: every finish-to-start link with its lag (calendar days) and why it is there;
    - ``manpower``: per ISO week, each lot's workers on an average working day of the site's
      calendar, their total, and the peak (most workers on site on one day);
    - ``milestones``: start, hors d'eau, hors d'air, réception;
    - ``curve``: per month, the money planned done (each task's amount spread evenly over its
      working days), cumulative;
    - ``checks``: per item, hours x the lot's hourly rate against the price file's labour;
    - ``task_elements``: the elements each task builds (its item's trace on its storey), with their
      contribution to the task's quantity;
    - ``planned``: per work item and month, the share of its quantity planned done by the month's
      end (cumulative %): what ``situation --plan`` and ``costs --plan`` apply to their own money;
    - ``status`` (with progress at a date): per task, the percent expected by then against the
      percent done, and the re-forecast dates (``slip_days``: working days its finish moved).
    """

    TABLES = ("tasks", "status", "manpower", "milestones", "curve", "links", "checks", "task_elements", "planned")

    tasks: pd.DataFrame
    links: pd.DataFrame
    manpower: pd.DataFrame
    milestones: pd.DataFrame
    curve: pd.DataFrame
    checks: pd.DataFrame
    task_elements: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ELEMENT_COLUMNS))
    planned: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PLANNED_COLUMNS))
    status: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STATUS_COLUMNS))
    info: dict = field(default_factory=dict)
    calendar: Calendar | None = None  # the productivity file's, for the MS Project calendars
    outdoor_lots: tuple[str, ...] = ()


@dataclass
class _Task:
    id: str
    code: str
    lot: str
    label: str
    stage: str
    location: str
    unit: str
    quantity: float
    hours_per_unit: float | None
    workers: int
    days: int
    lag: int
    outdoor: bool
    amount: float | None
    paced: str = "crew"  # what sets its duration: the crew, min_days, or an equipment's pace
    preds: list[tuple[int, int, str]] = field(default_factory=list)  # (task index, lag, why)
    driver: int | None = None  # the predecessor that sets its early start
    critical: bool = False  # on the longest path (the chain of drivers back from the end)
    start: int = 0  # working-day index in the task's own calendar
    finish: int = 0
    late_start: int = 0

    @property
    def hours(self) -> float | None:
        return None if self.hours_per_unit is None else self.quantity * self.hours_per_unit


def schedule_work(
    work,
    productivity: Productivity,
    start: dt.date,
    *,
    crews: dict[str, int] | None = None,
    lines: pd.DataFrame | None = None,
    status: dt.date | None = None,
    progress=None,
) -> Plan:
    """Schedule the work items of ``work`` (:class:`~bimquant.rules.WorkItems`) from ``start``.
    ``lines``: the estimate's lines (code, quantity, amount, labour) for the money and the
    labour check. With ``status`` (a date) and ``progress`` (plan -> task id -> percent done
    then, e.g. :func:`read_task_progress`), the ``status`` table and the re-forecast."""
    check_start(start, productivity.calendar)
    crews = crews or {}
    calendar = productivity.calendar
    ruleset_items = {item.code: item for item in work.ruleset.items}
    amounts = _amounts(lines)
    locations = _locations(work)
    order = {
        code: i
        for i, code in enumerate([*productivity.items, *(c for c in ruleset_items if c not in productivity.items)])
    }
    rows = work.by_storey[work.by_storey["quantity"].fillna(0) > 0]
    crews = {**choose_crews(rows, productivity), **crews}
    tasks: list[_Task] = []
    for row in sorted(rows.itertuples(index=False), key=lambda r: (order[r.code], locations.index(_where(r.storey)))):
        item = productivity.items.get(row.code)
        lot = productivity.lots.get(row.lot) or LotCadence(row.lot, "finishes", (("", 1),))
        stage = (item.stage if item and item.stage else None) or lot.stage
        workers = lot.workers * crews.get(row.lot, 1)
        quantity = float(row.quantity)
        paced = "crew"
        if item is None:
            days, hours_per_unit, lag = 1, None, 0
        else:
            hours = quantity * item.hours
            days = max(item.min_days, math.ceil(hours / (workers * calendar.hours_per_day) - 1e-9), 1)
            hours_per_unit, lag = item.hours, item.lag_days
            if item.per_day is not None and math.ceil(quantity / item.per_day - 1e-9) > days:
                days, paced = math.ceil(quantity / item.per_day - 1e-9), item.paced_by or "per_day"
            elif days == item.min_days and days > 1:
                paced = "min_days"
        total, amount = amounts.get(row.code, (None, None))
        share = None if amount is None or not total else amount * quantity / total
        tasks.append(
            _Task(
                f"T{len(tasks) + 1:03d}", row.code, row.lot, ruleset_items[row.code].label, stage,
                _where(row.storey), row.unit, quantity, hours_per_unit, workers, days, lag, lot.outdoor, share,
                paced=paced,
            )
        )  # fmt: skip
    if not tasks:
        raise RuleError(Message("error.plan.nothing"), Message("hint.plan.nothing"))
    _link(tasks, productivity, locations)
    calendars = {flag: WorkingDays(calendar, start, flag) for flag in (False, True)}
    finish_dates = _forward(tasks, calendars, start)
    end = max(finish_dates)
    _backward(tasks, calendars, end)
    for i, day in enumerate(finish_dates):
        if day == end:
            _mark_longest_path(tasks, i)
    table = _task_table(tasks, calendars, productivity, locations, crews)
    milestones = _milestones(tasks, table, productivity, start, end)
    info = {
        "productivity": str(productivity.path) if productivity.path else None,
        "start": start.isoformat(),
        "finish": end.isoformat(),
        "working_days": int(calendars[False].on_or_before(end) + 1),
        "calendar_days": (end - start).days + 1,
        "tasks": len(tasks),
        "critical_tasks": int(table["critical"].sum()),
        "peak_workers": 0,
        "hours": float(table["hours"].sum()),
        "without_cadence": sorted(set(table.loc[table["cadence"] == "missing", "code"])),
        # the plan's scope: lots of the productivity file the model gives no quantity to
        "lots_without_tasks": [name for name in productivity.lots if name not in set(table["lot"])],
        "language": productivity.language or work.ruleset.language,
        "crews": crews,
    }
    manpower = _manpower(tasks, calendars)
    info["peak_workers"] = int(manpower["peak"].max()) if len(manpower) else 0
    plan = Plan(
        tasks=table,
        links=_link_table(tasks),
        manpower=manpower,
        milestones=milestones,
        curve=_curve(tasks, calendars),
        checks=_checks(productivity, lines, ruleset_items),
        task_elements=_elements(tasks, work.trace),
        planned=_planned(tasks, calendars),
        info=info,
        calendar=calendar,
        outdoor_lots=tuple(name for name, lot in productivity.lots.items() if lot.outdoor),
    )
    if status is not None and progress is not None:
        done, said = progress(plan)
        plan.info["warnings"] = said
        plan.status = _status(tasks, calendars, start, status, [done.get(t.id, 0.0) for t in tasks])
        by_lot = plan.status.groupby("lot", sort=False)
        silent = [
            lot for lot, rows in by_lot if rows["expected_percent"].max() > 0 and rows["actual_percent"].max() == 0
        ]
        if silent:  # due to have started, and nothing reported: counted 0 %, and said
            said.append(Message("plan.lots_at_zero", lots=", ".join(silent)))
        forecast = dt.date.fromisoformat(plan.status["forecast_finish"].max())
        indoor = calendars[False]
        plan.info |= {
            "status_date": status.isoformat(),
            "forecast_finish": forecast.isoformat(),
            "delay_days": indoor.on_or_before(forecast) - indoor.on_or_before(end),
            "delay_calendar_days": (forecast - end).days,
            "late_critical_tasks": [
                row["task"] for row in plan.status.to_dict(orient="records") if row["critical"] and row["late"]
            ],
        }
    return plan


def _status(tasks: list[_Task], calendars: dict, start: dt.date, status: dt.date, done: list[float]) -> pd.DataFrame:
    """Expected against actual at ``status``, and the re-forecast: a task done keeps its dates
    (ending at ``status`` at the latest); what is left of the others starts on the next working
    day at the earliest, after the forecast finish and lag of its predecessors not done, and not
    before its planned start. A task under way has the part of its days not done left (0.8 of a
    day for a one-day task at 20 %), and it follows on the same day a predecessor of its crew
    left unfinished, so that ten tasks half done make five days, not ten; a task not started
    starts on a whole day and keeps its whole days."""
    forecast: dict[int, tuple[int, int]] = {}
    ends: dict[int, float] = {}  # where each task's work ends, in working days of its calendar
    rows = []
    for i in _topological(tasks):
        task = tasks[i]
        days = calendars[task.outdoor]
        worked = days.on_or_before(status) - task.start + 1
        expected = 100.0 * min(max(worked, 0), task.days) / task.days
        actual = float(min(max(done[i], 0.0), 100.0))
        earliest = float(days.on_or_after(max(status + dt.timedelta(days=1), start, days.date(task.start))))
        for p, lag, _ in task.preds:  # what is left waits for the predecessors' forecast
            if done[p] >= 100:
                continue
            before = tasks[p]
            if lag == 0 and before.outdoor == task.outdoor:  # the same crew's day goes on
                earliest = max(earliest, ends[p])
            else:
                last = calendars[before.outdoor].date(math.ceil(ends[p] - 1e-9) - 1)
                earliest = max(earliest, float(days.on_or_after(last + dt.timedelta(days=1 + lag))))
        if actual >= 100:
            finish = min(task.finish, max(days.on_or_before(status), task.start))
            first, ends[i] = task.start, float(finish + 1)
        elif actual > 0:  # under way: started as planned, the part of its days not done still to do
            ends[i] = earliest + task.days * (1 - actual / 100)
            first, finish = task.start, math.ceil(ends[i] - 1e-9) - 1
        else:  # not started: whole days, from the next whole day
            first = math.ceil(earliest - 1e-9)
            finish = first + task.days - 1
            ends[i] = float(finish + 1)
        forecast[i] = (first, finish)
        rows.append(
            {
                "task": task.id, "code": task.code, "lot": task.lot, "location": task.location,
                "critical": task.critical, "start": days.date(task.start).isoformat(),
                "finish": days.date(task.finish).isoformat(), "expected_percent": round(expected, 2),
                "actual_percent": round(actual, 2), "late": actual + 1e-9 < expected,
                "forecast_start": days.date(first).isoformat(), "forecast_finish": days.date(finish).isoformat(),
                "slip_days": finish - task.finish,
            }
        )  # fmt: skip
    order = {t.id: n for n, t in enumerate(tasks)}
    rows.sort(key=lambda row: order[row["task"]])
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


def work_from_contract(contract) -> SimpleNamespace:
    """The work items of an estimate's JSON (:class:`bimquant.contract.Contract`) as
    :func:`schedule_work` reads them: its lines (code, lot, label, unit), the quantity of each
    item per storey from the elements' contributions in its trace (a line without a trace, a
    count, on no storey), the storeys lowest first as the estimate listed them (``storeys`` of
    its info; an older estimate: in the order its trace meets them)."""
    lines = [line for line in contract.lines if isinstance(line.get("quantity"), (int, float))]
    items = [
        SimpleNamespace(code=str(line["code"]), lot=str(line.get("lot") or ""), label=str(line.get("label") or ""),
                        unit=str(line.get("unit") or ""))
        for line in lines
    ]  # fmt: skip
    trace = pd.DataFrame(contract.trace)
    for column in ("global_id", "ifc_class", "name", "storey", "code", "contribution"):
        if column not in trace:
            trace[column] = None
    trace["contribution"] = pd.to_numeric(trace["contribution"], errors="coerce")
    rows = []
    for item, line in zip(items, lines):
        mine = trace[trace["code"] == item.code]
        per_storey = mine.groupby(mine["storey"].map(_where), sort=False)["contribution"].sum()
        total = float(per_storey.sum())
        quantity = float(line["quantity"])
        if quantity and total > 0:  # the line's quantity (as priced) shared as its elements are
            for storey, part in per_storey.items():
                rows.append((item.code, item.lot, item.label, item.unit, storey, quantity * float(part) / total))
        elif quantity:
            rows.append((item.code, item.lot, item.label, item.unit, NO_STOREY, quantity))
    by_storey = pd.DataFrame(rows, columns=["code", "lot", "label", "unit", "storey", "quantity"])
    listed = contract.storeys or list(dict.fromkeys(s for s in trace["storey"] if isinstance(s, str) and s))
    ruleset = SimpleNamespace(name=contract.ruleset or "", language=contract.language, items=items)
    return SimpleNamespace(ruleset=ruleset, by_storey=by_storey, storeys=listed, trace=trace)


def work_by_phases(work, phases: list) -> SimpleNamespace:
    """``work`` with its storeys gathered into the phase file's phases (``orders.Phase``: a
    name and its storeys): a task per item and phase, the phases in the file's order; a storey
    no phase names stays a location of its own, after them."""
    zone = {storey: phase.name for phase in phases for storey in phase.storeys}
    by_storey = work.by_storey.assign(storey=work.by_storey["storey"].map(lambda s: zone.get(_where(s), _where(s))))
    keys = [c for c in ("code", "lot", "label", "unit", "storey") if c in by_storey]
    grouped = by_storey.groupby(keys, sort=False, dropna=False)["quantity"].sum().reset_index()
    trace = work.trace.assign(storey=work.trace["storey"].map(lambda s: zone.get(_where(s), _where(s))))
    others = [s for s in work.storeys if s not in zone]
    return SimpleNamespace(
        ruleset=work.ruleset, by_storey=grouped, storeys=[p.name for p in phases] + others, trace=trace
    )


def read_task_progress(path, plan: Plan, status: dt.date) -> tuple[dict[str, float], list]:
    """Each task's percent done from a progress file in any form ``situation`` reads (per line,
    per element, per storey; or an IFC4 work schedule), at ``status``: its elements'
    contributions weighted by their percents; a task whose elements have no contribution takes
    its item's percent. With the warnings: a progress per line or lot is spread evenly over the
    item's tasks on every storey."""
    from decimal import Decimal

    from bimquant.progress import Scope, load_progress

    contributions: dict[str, list] = {}
    for row in plan.task_elements.to_dict(orient="records"):
        value = row["contribution"]
        if isinstance(value, (int, float)) and math.isfinite(value):
            contributions.setdefault(row["code"], []).append((row["global_id"], row["location"], Decimal(str(value))))
    tasks = plan.tasks
    scope = Scope(
        lots=dict(zip(tasks["code"], tasks["lot"])),
        quantities={code: Decimal(str(q)) for code, q in tasks.groupby("code", sort=False)["quantity"].sum().items()},
        contributions=contributions,
    )
    read = load_progress(path, scope, status.strftime("%Y-%m"))
    said = []
    if all(not any(p != read[c]["percent"] for p in read[c]["elements"].values()) for c in read):
        said.append(Message("plan.progress_per_line", path=Path(path).name))
    done = {}
    parts = {task: rows for task, rows in plan.task_elements.groupby("task", sort=False)}
    for task in tasks.to_dict(orient="records"):
        mine = parts.get(task["task"], plan.task_elements.iloc[:0])
        elements = read.get(task["code"], {}).get("elements", {})
        weights = [(float(c), float(elements.get(g, 0))) for g, c in zip(mine["global_id"], mine["contribution"])]
        weights = [(c, p) for c, p in weights if math.isfinite(c) and c > 0]
        total = sum(c for c, _ in weights)
        if total:
            done[task["task"]] = sum(c * p for c, p in weights) / total
        else:
            done[task["task"]] = float(read.get(task["code"], {}).get("percent", 0))
    return done, said


def choose_crews(rows: pd.DataFrame, productivity: Productivity) -> dict[str, int]:
    """The crews each lot puts side by side ("des équipes adaptées à chaque chantier"): as many
    as bring its busiest storey under the lot's ``storey_days``, at most ``max_crews``; one for a
    lot without ``storey_days``."""
    hours: dict[tuple[str, str], float] = {}
    for row in rows.itertuples(index=False):
        item = productivity.items.get(row.code)
        if item is not None:
            key = (row.lot, _where(row.storey))
            hours[key] = hours.get(key, 0.0) + float(row.quantity) * item.hours
    crews = {}
    for name, lot in productivity.lots.items():
        busiest = max((h for (lot_name, _), h in hours.items() if lot_name == name), default=0.0)
        if lot.storey_days is None or busiest == 0:
            crews[name] = 1
            continue
        per_crew = lot.workers * productivity.calendar.hours_per_day * lot.storey_days
        crews[name] = min(lot.max_crews, max(1, math.ceil(busiest / per_crew - 1e-9)))
    return crews


def _where(storey) -> str:
    return storey if isinstance(storey, str) and storey else NO_STOREY


def _locations(work) -> list[str]:
    seen = [s for s in work.storeys]
    others = sorted({_where(s) for s in work.by_storey["storey"]} - set(seen))
    return seen + others


def _amounts(lines: pd.DataFrame | None) -> dict[str, tuple[float, float]]:
    if lines is None:
        return {}
    out = {}
    for row in lines.itertuples(index=False):
        if isinstance(row.amount, (int, float)) and not math.isnan(row.amount):
            out[row.code] = (float(row.quantity), float(row.amount))
    return out


def _link(tasks: list[_Task], productivity: Productivity, locations: list[str]) -> None:
    """The links of the module's logic, and the file's ``[[link]]`` tables."""

    def add(before: int, after: int, why: str, lag: int | None = None) -> None:
        if before != after and all(p != before for p, _, _ in tasks[after].preds):
            tasks[after].preds.append((before, tasks[before].lag if lag is None else lag, why))

    lot_order = {name: i for i, name in enumerate(productivity.lots)}
    level = {name: i for i, name in enumerate(locations)}
    by_stage = {stage: [i for i, t in enumerate(tasks) if t.stage == stage] for stage in STAGES}
    structure = sorted(
        by_stage["structure"], key=lambda i: (level[tasks[i].location], lot_order.get(tasks[i].lot, 99), i)
    )
    for before, after in zip(structure, structure[1:]):
        add(before, after, "structure")
    for i in by_stage["envelope"]:
        below = [j for j in structure if level[tasks[j].location] <= level[tasks[i].location]]
        if below:
            add(below[-1], i, "structure of its storey")
    _chain_by_lot(by_stage["envelope"], tasks, level, add, "crew")
    closed = _last_finishers(by_stage["envelope"] or structure, tasks)
    finishes = by_stage["finishes"]
    _chain_by_lot(finishes, tasks, level, add, "crew")
    for i in finishes:
        if not tasks[i].preds:  # the first of its lot: the rest follow it
            for j in closed:
                add(j, i, "envelope closed")
    finish_lots = sorted({tasks[i].lot for i in finishes}, key=lambda lot: lot_order.get(lot, 99))
    working: dict[tuple[str, str], list[int]] = {}  # (lot, storey) -> its finishes tasks
    for i in finishes:
        working.setdefault((tasks[i].lot, tasks[i].location), []).append(i)
    for i in finishes:  # after the nearest lot before it that works on the same storey
        earlier = finish_lots[: finish_lots.index(tasks[i].lot)]
        for previous in reversed(earlier):
            same = working.get((previous, tasks[i].location), [])
            for j in same:
                add(j, i, "finishes before")
            if same:
                break
    task_at = {(t.code, t.location): i for i, t in enumerate(tasks)}  # one task per item and storey
    for link in productivity.links:
        for location in locations:
            before, after = task_at.get((link.before, location)), task_at.get((link.after, location))
            if before is not None and after is not None:
                add(before, after, "link", link.lag_days)


def _last_finishers(indices: list[int], tasks: list[_Task]) -> list[int]:
    """The tasks no other task of ``indices`` follows: the ends of their chains."""
    followed = {p for i in indices for p, _, _ in tasks[i].preds}
    return [i for i in indices if i not in followed]


def _chain_by_lot(indices: list[int], tasks: list[_Task], level: dict, add, why: str) -> None:
    lots: dict[str, list[int]] = {}
    for i in indices:
        lots.setdefault(tasks[i].lot, []).append(i)
    for members in lots.values():
        members.sort(key=lambda i: (level[tasks[i].location], i))
        for before, after in zip(members, members[1:]):
            add(before, after, why)


def _topological(tasks: list[_Task]) -> list[int]:
    successors: dict[int, list[int]] = {i: [] for i in range(len(tasks))}
    waiting = [len(t.preds) for t in tasks]
    for i, task in enumerate(tasks):
        for p, _, _ in task.preds:
            successors[p].append(i)
    ready = [i for i, n in enumerate(waiting) if n == 0]
    order = []
    while ready:
        i = ready.pop(0)
        order.append(i)
        for s in successors[i]:
            waiting[s] -= 1
            if waiting[s] == 0:
                ready.append(s)
    if len(order) < len(tasks):
        left = [i for i in range(len(tasks)) if i not in set(order)]
        loop = " -> ".join(f"{tasks[i].code} ({tasks[i].location or '-'})" for i in _cycle(tasks, left))
        raise RuleError(Message("error.plan.cycle", loop=loop), Message("hint.plan.cycle"))
    return order


def _cycle(tasks: list[_Task], left: list[int]) -> list[int]:
    """One loop among the tasks ``left`` (each has a predecessor among them): walk back."""
    inside = set(left)
    seen: list[int] = []
    i = left[0]
    while i not in seen:
        seen.append(i)
        i = next(p for p, _, _ in tasks[i].preds if p in inside)
    loop = seen[seen.index(i) :]
    return [*reversed(loop), loop[-1]]


def _forward(tasks: list[_Task], calendars: dict, start: dt.date) -> list[dt.date]:
    finishes = []
    for i in _topological(tasks):
        task = tasks[i]
        days = calendars[task.outdoor]
        earliest, task.driver = start, None
        for p, lag, _ in task.preds:
            before = tasks[p]
            ready = calendars[before.outdoor].date(before.finish) + dt.timedelta(days=1 + lag)
            if ready > earliest:
                earliest, task.driver = ready, p
        task.start = days.on_or_after(earliest)
        task.finish = task.start + task.days - 1
    for task in tasks:
        finishes.append(calendars[task.outdoor].date(task.finish))
    return finishes


def _mark_longest_path(tasks: list[_Task], last: int) -> None:
    """The critical path as a planner reads it: the task ending the plan, the predecessor that
    set its start, and so on back to the start. A lag in calendar days over a weekend gives its
    tasks a float of a day or two without taking them off this path."""
    i: int | None = last
    while i is not None and not tasks[i].critical:
        tasks[i].critical = True
        i = tasks[i].driver


def _backward(tasks: list[_Task], calendars: dict, end: dt.date) -> None:
    successors: dict[int, list[tuple[int, int]]] = {i: [] for i in range(len(tasks))}
    for i, task in enumerate(tasks):
        for p, lag, _ in task.preds:
            successors[p].append((i, lag))
    late_finish: dict[int, int] = {}
    for i in reversed(_topological(tasks)):
        task = tasks[i]
        days = calendars[task.outdoor]
        latest = end
        for s, lag in successors[i]:
            after = tasks[s]
            latest = min(latest, calendars[after.outdoor].date(after.late_start) - dt.timedelta(days=1 + lag))
        late_finish[i] = days.on_or_before(latest)
        task.late_start = late_finish[i] - task.days + 1


def _task_table(
    tasks: list[_Task], calendars: dict, productivity: Productivity, locations: list[str], crews: dict
) -> pd.DataFrame:
    """The tasks as a table; a task's WBS code is its item's code and its location's rank
    (01: the lowest storey, or the first phase); its crew as the productivity file makes it up."""
    levels = {name: rank for rank, name in enumerate(locations)}

    def crew(lot_name: str) -> str:
        lot = productivity.lots.get(lot_name)
        if lot is None:
            return ""
        made = " + ".join(f"{n} {role}" for role, n in lot.crew)
        return made + (f" (x{crews[lot_name]})" if crews.get(lot_name, 1) > 1 else "")

    rows = []
    lot_numbers: dict[str, int] = {}
    for task in tasks:
        days = calendars[task.outdoor]
        lot_numbers.setdefault(task.lot, len(lot_numbers) + 1)
        rows.append(
            {
                "task": task.id,
                "wbs": f"{task.code}.{levels.get(task.location, 0) + 1:02d}",
                "code": task.code,
                "lot": task.lot,
                "label": task.label,
                "sequence": task.stage,
                "location": task.location,
                "unit": task.unit,
                "quantity": round(task.quantity, 6),
                "hours_per_unit": task.hours_per_unit,
                "hours": None if task.hours is None else round(task.hours, 4),
                "workers": task.workers,
                "crew": crew(task.lot),
                "duration_days": task.days,
                "paced_by": task.paced,
                "start": days.date(task.start).isoformat(),
                "finish": days.date(task.finish).isoformat(),
                "lag_days": task.lag,
                "total_float_days": task.late_start - task.start,
                "critical": task.critical,
                "amount": None if task.amount is None else round(task.amount, 2),
                "cadence": "file" if task.hours_per_unit is not None else "missing",
                "predecessors": " ".join(tasks[p].id for p, _, _ in task.preds),
            }
        )
    table = pd.DataFrame(rows, columns=TASK_COLUMNS)
    return table.astype({"hours": float, "hours_per_unit": float, "amount": float})


def _elements(tasks: list[_Task], trace: pd.DataFrame) -> pd.DataFrame:
    """Each task's elements: the trace rows of its item on its storey, an element's layers added."""
    ids = {(t.code, t.location): t.id for t in tasks}
    if trace is None or trace.empty:
        return pd.DataFrame(columns=ELEMENT_COLUMNS)
    rows = trace.assign(location=trace["storey"].map(_where))
    rows = rows.assign(task=[ids.get(key) for key in zip(rows["code"], rows["location"])])
    rows = rows[rows["task"].notna()]
    grouped = rows.groupby(["task", "code", "location", "global_id"], sort=False, dropna=False).agg(
        ifc_class=("ifc_class", "first"), name=("name", "first"), contribution=("contribution", "sum")
    )
    return (
        grouped.reset_index()[ELEMENT_COLUMNS].sort_values(["task", "global_id"], kind="stable").reset_index(drop=True)
    )


def _link_table(tasks: list[_Task]) -> pd.DataFrame:
    rows = [
        {"before": tasks[p].id, "after": task.id, "type": "FS", "lag_days": lag, "logic": why}
        for task in tasks
        for p, lag, why in task.preds
    ]
    return pd.DataFrame(rows, columns=["before", "after", "type", "lag_days", "logic"])


def _milestones(tasks, table, productivity, start, end) -> pd.DataFrame:
    def last(mask) -> str | None:
        chosen = table.loc[mask, "finish"]
        return chosen.max() if len(chosen) else None

    water_lots = {name for name, lot in productivity.lots.items() if lot.closes == "water"}
    rows = [
        {"milestone": "start", "date": start.isoformat()},
        {"milestone": "structure", "date": last(table["sequence"] == "structure")},
        {"milestone": "watertight", "date": last(table["lot"].isin(water_lots))},
        {"milestone": "weathertight", "date": last(table["sequence"] == "envelope")},
        {"milestone": "handover", "date": end.isoformat()},
    ]
    for row in rows:  # a milestone the model gives no task for says so, rather than a blank
        row["note"] = Message(f"plan.no_task.{row['milestone']}") if row["date"] is None else ""
    return pd.DataFrame(rows, columns=["milestone", "date", "note"])


def _days_of(task: _Task, calendars: dict) -> list[dt.date]:
    days = calendars[task.outdoor]
    return [days.date(i) for i in range(task.start, task.finish + 1)]


def _manpower(tasks: list[_Task], calendars: dict) -> pd.DataFrame:
    """Per ISO week (its Monday): each lot's workers on an average working day of the site's
    calendar that week (worker-days / working days: these add up, lot by lot, to ``total``; a
    day waiting for concrete to cure counts, with nobody on it), and ``peak``, the most workers
    on site on one day of the week."""
    per_day: dict[dt.date, dict[str, int]] = {}
    for task in tasks:
        for day in _days_of(task, calendars):
            lots = per_day.setdefault(day, {})
            lots[task.lot] = lots.get(task.lot, 0) + task.workers
    lots = sorted({t.lot for t in tasks})
    columns = ["week", "monday", *lots, "total", "peak"]
    if not per_day:
        return pd.DataFrame(columns=columns)
    first, last = min(per_day), max(per_day)
    site = [d for d in calendars[False].days.astype(object) if first - dt.timedelta(days=6) <= d <= last]
    working: dict[dt.date, int] = {}
    for day in site:
        monday = day - dt.timedelta(days=day.weekday())
        working[monday] = working.get(monday, 0) + 1
    weeks: dict[dt.date, list[dict[str, int]]] = {}
    for day in sorted(per_day):
        weeks.setdefault(day - dt.timedelta(days=day.weekday()), []).append(per_day[day])
    rows, monday = [], min(weeks)
    while monday <= max(weeks):  # a week nobody works (a closure) is shown empty
        days = weeks.get(monday, [])
        count = max(working.get(monday, 0), len(days)) or 1  # outdoor days may differ from the site's
        row = {"week": f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}", "monday": monday.isoformat()}
        for lot in lots:
            row[lot] = round(sum(d.get(lot, 0) for d in days) / count, 2)
        row["total"] = round(sum(sum(d.values()) for d in days) / count, 2)
        row["peak"] = max((sum(d.values()) for d in days), default=0)
        rows.append(row)
        monday += dt.timedelta(days=7)
    return pd.DataFrame(rows, columns=columns)


def _curve(tasks: list[_Task], calendars: dict) -> pd.DataFrame:
    """The money planned done by the end of each month, each task's amount spread evenly over
    its working days."""
    per_month: dict[str, float] = {}
    for task in tasks:
        if task.amount is None:
            continue
        days = _days_of(task, calendars)
        for day in days:
            month = day.strftime("%Y-%m")
            per_month[month] = per_month.get(month, 0.0) + task.amount / len(days)
    if not per_month:
        return pd.DataFrame(columns=["period", "planned_month", "planned"])
    from bimquant.periods import months_between

    months = months_between(min(per_month), max(per_month))
    monthly = [round(per_month.get(m, 0.0), 2) for m in months]
    return pd.DataFrame(
        {
            "period": months,
            "planned_month": monthly,
            "planned": np.round(np.cumsum([per_month.get(m, 0.0) for m in months]), 2),
        }
    )


def _planned(tasks: list[_Task], calendars: dict) -> pd.DataFrame:
    """Per item, the cumulative share of its quantity planned done at each month's end, each
    task's quantity spread evenly over its working days."""
    from bimquant.periods import months_between

    done: dict[tuple[str, str], float] = {}
    totals: dict[str, float] = {}
    for task in tasks:
        days = _days_of(task, calendars)
        totals[task.code] = totals.get(task.code, 0.0) + task.quantity
        for day in days:
            key = (task.code, day.strftime("%Y-%m"))
            done[key] = done.get(key, 0.0) + task.quantity / len(days)
    if not done:
        return pd.DataFrame(columns=PLANNED_COLUMNS)
    months = months_between(min(m for _, m in done), max(m for _, m in done))
    rows = []
    for code, total in totals.items():
        cumulative = 0.0
        for month in months:
            cumulative += done.get((code, month), 0.0)
            rows.append({"code": code, "period": month, "percent": min(100.0, round(100 * cumulative / total, 6))})
    return pd.DataFrame(rows, columns=PLANNED_COLUMNS)


def load_planned(path) -> tuple[dict[str, dict[str, float]], list[str], dict]:
    """The ``planned`` table of a plan's JSON (``bimquant plan -o plan.json``): per item code,
    month -> cumulative % planned done; the plan's months; its info. :class:`ProgressError` (a
    schedule) naming the file when it is not one."""
    from bimquant.errors import ProgressError
    from bimquant.loaders import read_json
    from bimquant.periods import read_month

    path = Path(path)
    hint = Message("hint.plan.plan_json")
    if path.suffix.lower() != ".json":
        raise ProgressError(Message("error.plan.not_a_plan", path=path), hint)
    data = read_json(path, "schedule", hint)
    rows = data.get("planned") if isinstance(data, dict) else None
    info = data.get("info") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not isinstance(info, dict) or "start" not in info:
        raise ProgressError(Message("error.plan.not_a_plan", path=path), hint)
    planned: dict[str, dict[str, float]] = {}
    for number, row in enumerate(rows, start=1):
        where = f"planned #{number}"
        ok = isinstance(row, dict) and isinstance(row.get("code"), str)
        percent = row.get("percent") if ok else None
        ok = ok and isinstance(percent, (int, float)) and not isinstance(percent, bool) and math.isfinite(percent)
        if not ok or not 0 <= percent <= 100:
            raise ProgressError(Message("error.plan.bad_planned_row", path=path, where=where), hint)
        month = read_month(path, where, row.get("period"))
        planned.setdefault(row["code"], {})[month] = float(percent)
    months = sorted({m for by_month in planned.values() for m in by_month})
    return planned, months, info


def planned_money(amounts: dict, planned: dict[str, dict[str, float]], months: list[str]) -> list[dict]:
    """The planned curve of a document in its own money: each line's amount (code -> amount)
    times its cumulative share planned by each month's end (the last share known holds after
    the plan's last month; a month before the plan holds nothing)."""
    from decimal import Decimal

    rows = []
    for month in months:
        total = Decimal(0)
        for code, amount in amounts.items():
            shares = planned.get(code)
            if not shares:
                continue
            known = [m for m in shares if m <= month]
            if known:
                total += Decimal(str(amount)) * Decimal(str(shares[max(known)])) / 100
        rows.append({"period": month, "planned": float(round(total, 2))})
    return rows


def _checks(productivity: Productivity, lines: pd.DataFrame | None, items: dict) -> pd.DataFrame:
    """Hours per unit x the lot's hourly rate against the labour money per unit of the prices."""
    columns = [
        "code",
        "lot",
        "unit",
        "hours_per_unit",
        "hourly_rate",
        "labour_from_hours",
        "labour_in_prices",
        "gap_pct",
        "labour_check",
    ]
    rows = []
    labour = {}
    if lines is not None and "labour" in lines:
        labour = {
            r.code: r.labour
            for r in lines.itertuples(index=False)
            if isinstance(r.labour, (int, float)) and not math.isnan(r.labour)
        }
    for code, cadence in productivity.items.items():
        lot = productivity.lots[items[code].lot]
        from_hours = None if lot.hourly_rate is None else cadence.hours * lot.hourly_rate
        priced = labour.get(code)
        if from_hours is None or priced is None:
            gap, status = None, "no labour price" if priced is None else "no hourly rate"
        else:
            gap = 0.0 if priced == from_hours == 0 else (from_hours - priced) / priced * 100 if priced else math.inf
            status = "ok" if abs(gap) <= LABOUR_GAP * 100 else "gap"
        rows.append(
            {
                "code": code, "lot": lot.lot, "unit": items[code].unit, "hours_per_unit": cadence.hours,
                "hourly_rate": lot.hourly_rate, "labour_from_hours": from_hours, "labour_in_prices": priced,
                "gap_pct": None if gap is None or math.isinf(gap) else round(gap, 2), "labour_check": status,
            }
        )  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
