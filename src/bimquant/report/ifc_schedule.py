"""The works schedule written into a copy of the model, for 4D (Bonsai, Synchro, Navisworks).

One ``IfcWorkSchedule`` (PLANNED, its Description starting with ``bimquant``) holding one
summary ``IfcTask`` per lot and, under each, the plan's tasks (``Identification`` = the task's
id, ``Name`` = item code, label and storey, ``Description`` = its WBS code) and milestones.
Each task's ``IfcTaskTime`` carries the plan's dates (09:00 on its first day to 17:00 on its
last, as Bonsai writes them), its working days (``ScheduleDuration``, WORKTIME), ``IsCritical``
and ``TotalFloat``. Links are ``IfcRelSequence`` FINISH_START with the lag in elapsed days
(``IfcLagTime``). The elements a task builds are its outputs: ``IfcRelAssignsToProduct``
(``ifcopenshell.api.sequence.assign_product``), which ``ifcopenshell.util.sequence.
get_task_outputs`` reads back. A schedule bimquant wrote before is removed first.

IFC4 and later only: IFC2X3 has no ``IfcTaskTime`` (its tasks are timed by
``IfcScheduleTimeControl`` objects Bonsai does not read).
"""

from __future__ import annotations

import contextlib
import io
import logging
from pathlib import Path

import pandas as pd

from bimquant.model import Model
from bimquant.report.ifc import SCHEDULE_MARK, get_version
from bimquant.schedule import Plan

log = logging.getLogger(__name__)


def import_sequence_api() -> None:
    """``ifcopenshell.api.sequence`` prints a note on stdout when networkx is missing: to the log."""
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        import ifcopenshell.api.sequence  # noqa: F401
        import ifcopenshell.util.sequence  # noqa: F401
    for line in said.getvalue().splitlines():
        log.debug("ifcopenshell: %s", line)


def write_work_schedule(plan: Plan, model: Model) -> dict:
    """Add the plan to ``model`` (read from its file; the caller writes it). Returns counts:
    tasks, links, outputs (element-task assignments) and the GlobalIds not found in the file."""
    import_sequence_api()
    import ifcopenshell.api.sequence as sequence

    ifc = model.file
    _remove_own(ifc)
    schedule = sequence.add_work_schedule(
        ifc, name=plan.info.get("title") or "bimquant plan", predefined_type="PLANNED"
    )
    productivity = Path(plan.info.get("productivity") or "").name
    schedule.Description = f"{SCHEDULE_MARK} {get_version()}: {productivity}".strip()
    schedule.StartTime = f"{plan.info['start']}T09:00:00"
    schedule.FinishTime = f"{plan.info['finish']}T17:00:00"
    summaries: dict[str, object] = {}
    tasks: dict[str, object] = {}
    for row in plan.tasks.to_dict(orient="records"):
        lot = summaries.get(row["lot"])
        if lot is None:
            lot = summaries[row["lot"]] = sequence.add_task(ifc, work_schedule=schedule, name=row["lot"])
            lot.Identification = row["lot"].split(" ")[0]
            lot.PredefinedType = "CONSTRUCTION"
        task = sequence.add_task(ifc, parent_task=lot, name=_name(row))
        task.Identification, task.Description = row["task"], row["wbs"]
        task.PredefinedType, task.IsMilestone = "CONSTRUCTION", False
        tasks[row["task"]] = task
    # the links first: the API reschedules the tasks it links with its own calendar, so the
    # times are written last, as the plan has them
    for link in plan.links.to_dict(orient="records"):
        rel = sequence.assign_sequence(
            ifc, relating_process=tasks[link["before"]], related_process=tasks[link["after"]]
        )
        if link["lag_days"]:
            sequence.assign_lag_time(
                ifc, rel_sequence=rel, lag_value=f"P{int(link['lag_days'])}D", duration_type="ELAPSEDTIME"
            )
    for row in plan.tasks.to_dict(orient="records"):
        timing = (row["start"], row["finish"], row["duration_days"], row["critical"], row["total_float_days"])
        _time(sequence, ifc, tasks[row["task"]], *timing)
    for lot_name, lot in summaries.items():
        mine = plan.tasks[plan.tasks["lot"] == lot_name]
        days = int(mine["duration_days"].sum())
        _time(sequence, ifc, lot, mine["start"].min(), mine["finish"].max(), days, bool(mine["critical"].any()), None)
    for row in plan.milestones.to_dict(orient="records"):
        if isinstance(row["date"], str):
            milestone = sequence.add_task(ifc, work_schedule=schedule, name=row["milestone"])
            milestone.PredefinedType, milestone.IsMilestone = "CONSTRUCTION", True
            _time(sequence, ifc, milestone, row["date"], row["date"], 0, False, None)
    products = {}
    for element in ifc.by_type("IfcElement"):
        products[element.GlobalId] = None if element.GlobalId in products else element
    missing, outputs = [], 0
    for task_id, group in plan.task_elements.groupby("task", sort=False):
        for global_id in pd.unique(group["global_id"]):
            element = products.get(global_id)
            if element is None:
                missing.append(global_id)
                continue
            sequence.assign_product(ifc, relating_product=element, related_object=tasks[task_id])
            outputs += 1
    return {"tasks": len(tasks), "links": len(plan.links), "outputs": outputs, "not_in_file": sorted(set(missing))}


def _name(row: dict) -> str:
    return f"{row['code']} {row['label']}" + (f" ({row['location']})" if row["location"] else "")


def _time(sequence, ifc, task, start: str, finish: str, days: int, critical: bool, total_float: int | None) -> None:
    time = task.TaskTime or sequence.add_task_time(ifc, task=task)
    time.ScheduleStart = f"{start}T09:00:00"
    time.ScheduleFinish = f"{finish}T17:00:00"
    time.ScheduleDuration = f"P{int(days)}D"
    time.DurationType = "WORKTIME"
    time.IsCritical = bool(critical)
    if total_float is not None:
        time.TotalFloat = f"P{int(total_float)}D"


def _remove_own(ifc) -> None:
    """The work schedules an earlier run wrote, with their tasks, times and relationships."""
    import ifcopenshell.api.sequence as sequence

    for schedule in ifc.by_type("IfcWorkSchedule"):
        if (schedule.Description or "").startswith(SCHEDULE_MARK + " "):
            sequence.remove_work_schedule(ifc, work_schedule=schedule)
