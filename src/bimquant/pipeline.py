"""The pipeline, one function per command: model -> takeoff -> work items -> estimate -> orders.

Each function takes either a path to an IFC file or the result of the stage before it (so
``estimate(takeoff_result, rules, prices)`` never measures twice), checks every input file
before it measures anything (a typo in a rule file fails in a second, not after the geometry),
and returns a result with ``.tables`` (name -> DataFrame, columns in :mod:`bimquant.columns`)
and ``.info`` (dict), which :func:`bimquant.write` turns into CSV, XLSX or JSON.

Example::

    >>> import bimquant
    >>> measured = bimquant.takeoff("sample_models/house_ifc4.ifc")
    >>> budget = bimquant.estimate(measured, "rules/fr-lots.toml", "rules/fr-prix.csv")
    >>> budget.totals["total_excl_vat"]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import os
import re
import time
from pathlib import Path

import pandas as pd

from bimquant import contract as signing
from bimquant import diff as revisions
from bimquant import periods
from bimquant import progress as advancement
from bimquant import situation as billing
from bimquant import costs as costing
from bimquant import stock as stocking
from bimquant import cache as stored
from bimquant import estimate as pricing
from bimquant import orders as ordering
from bimquant import schedule as scheduling
from bimquant.authored import Validation, summarize
from bimquant.errors import ElementFailuresError, IncompleteError, InputError, OutputError, RuleError, SettingsError
from bimquant.geometry.iterator import FAST_KERNEL, SAFE_KERNEL, ProgressCallback
from bimquant.geometry.policy import get_shapes, has_boolean_body
from bimquant.materials import MaterialLibrary, load_materials
from bimquant.model import Model, check_model_file, open_model
from bimquant.view import View
from bimquant.report.atomic import check_output, write_atomically
from bimquant.report.scene import pack_scene
from bimquant.rules import Explanation, RuleSet, WorkItems, apply_rules, explain_element, load_ruleset
from bimquant.rules.apply import BUILDING_STATUSES, warn_negative
from bimquant.readiness import Readiness, check_readiness
from bimquant.takeoff import Takeoff, measure_model
from bimquant.messages import Joined, Message, Number, localize, or_list

log = logging.getLogger(__name__)
PathLike = str | os.PathLike
GLOBAL_ID_LENGTH = 22
GLOBAL_ID_CHARACTERS = re.compile(r"^[0-9A-Za-z_$]*$")


load_prices = pricing.load_prices
load_recipes = ordering.load_recipes
load_rules = load_ruleset


def takeoff(
    model: PathLike | Takeoff,
    *,
    rules: RuleSet | PathLike | None = None,
    kernel: str = "auto",
    threads: int | None = None,
    progress: ProgressCallback | None = None,
    strict: bool = False,
    materials: MaterialLibrary | PathLike | None = None,
    cache: bool = True,
) -> Takeoff:
    """Measure every physical element with a body of an IFC file from its geometry; with
    ``rules``, also group the elements into the rule set's work items (``result.work``).

    ``kernel``: ``"auto"`` (fast kernel with an OpenCASCADE guard), ``"opencascade"`` or
    ``"manifold"``. ``progress(done, total)`` is called while geometry runs. ``strict``: raise
    :class:`ElementFailuresError` when any element could not be measured. ``materials``: the
    material library for densities the model does not state (the shipped one by default,
    ``bimquant.materials.NO_LIBRARY`` for none). ``cache``: read the element quantities from
    the cache when this file's content was measured with these options before, and store them
    otherwise (:mod:`bimquant.cache`; ``info["cache"]`` says ``hit`` or ``stored``). Every
    function that takes a model path takes ``cache=False`` too.

    Example::

        >>> result = takeoff("sample_models/house_ifc4.ifc")
        >>> len(result.failures)
        0
    """
    ruleset = _ruleset(rules) if rules is not None else None  # a rule mistake fails before measuring
    result = _measured(model, kernel=kernel, threads=threads, progress=progress, materials=materials, cache=cache)
    if strict and len(result.failures):
        raise ElementFailuresError(
            Message("error.pipeline.failures", n=len(result.failures)),
            Message("hint.pipeline.failures"),
            failures=result.failures,
        )
    if strict and result.info.get("elements_damaged"):
        damaged = result.elements[result.elements["measure_note"].str.contains("damaged file", regex=False)]
        raise ElementFailuresError(
            Message("error.pipeline.damaged", n=len(damaged)),
            Message("hint.pipeline.damaged"),
            failures=damaged.assign(reason=damaged["measure_note"])[
                ["global_id", "ifc_class", "name", "storey", "reason"]
            ],
        )
    if ruleset is None:
        return result
    work = _apply(result, ruleset)
    _refuse_double_counts(work, strict)
    if strict and not work.coverage["complete"]:
        _refuse_incomplete({s: work.coverage[s] for s in BUILDING_STATUSES if s != "priced_once"}, work.coverage)
    return dataclasses.replace(result, work=work, info=result.info | work.info)


def validate(model: PathLike | Takeoff, **takeoff_options) -> Validation:
    """Compare authored quantities with the geometry: per class and quantity, and each suspect.

    ``model`` is a path (measured first, with ``takeoff_options``) or a :class:`Takeoff`.

    Example::

        >>> report = validate("sample_models/house_ifc4.ifc")
        >>> report.suspects[["name", "quantity", "verdict"]]
    """
    measured = _measured(model, **takeoff_options)
    return dataclasses.replace(summarize(measured.authored), info=dict(measured.info))


def explain(model: PathLike | Takeoff, global_id: str, rules: RuleSet | PathLike, **takeoff_options) -> Explanation:
    """For one element: the items it feeds and how each contribution is computed, and why every
    other item does not match. :class:`InputError` when no measured element has this GlobalId
    (naming why it was not measured, when it is known).

    Example::

        >>> explain("sample_models/house_ifc4.ifc", "3M40opnSHSLeM$JG6iZTrB", "rules/fr-lots.toml").matched
    """
    ruleset = _ruleset(rules)
    if not isinstance(model, Takeoff):
        model = _read_cache(model, dict(takeoff_options)) or open_model(model)
    if isinstance(model, Model):  # an unknown GlobalId fails before the geometry runs
        if not _in_file(model, global_id):
            raise _unknown_element(global_id, str(model.path), [e.GlobalId for e in model.file.by_type("IfcRoot")])
    measured = _measured(model, **takeoff_options)
    try:
        return explain_element(measured, ruleset, global_id)
    except KeyError:
        for table in (measured.failures, measured.excluded):
            known = table[table["global_id"] == global_id]
            if len(known):
                reason = known["reason"].iloc[0]
                raise InputError(Message("error.not_measured", id=global_id, reason=reason)) from None
        ids = list(measured.elements["global_id"])
        raise _unknown_element(global_id, measured.info.get("file", Message("input.model")), ids) from None


def estimate(
    model: PathLike | Takeoff,
    rules: RuleSet | PathLike | None,
    prices: dict[str, pricing.Price] | PathLike,
    *,
    settings: PathLike | None = None,
    site_overheads_pct: float | None = None,
    general_overheads_pct: float | None = None,
    contingency_pct: float | None = None,
    margin_pct: float | None = None,
    vat_pct: float | None = None,
    strict: bool = False,
    view: str = "client",
    **takeoff_options,
) -> pricing.Budget:
    """Price the work items of a model: a DQE/DPGF with lots, overheads, margin and VAT.

    ``model``: a path, or a :class:`Takeoff` (with ``rules=None``, its own work items are
    priced). ``prices``: a price library path or :func:`load_prices`'s result. Rates come from
    the defaults, then ``settings`` (a TOML file with an ``[estimate]`` table), then the
    ``*_pct`` arguments. ``strict``: :class:`RuleError` when an item has no price.

    Example::

        >>> budget = estimate("sample_models/house_ifc4.ifc", "rules/fr-lots.toml", "rules/fr-prix.csv")
        >>> budget.lots[["lot", "amount"]]
    """
    if view not in pricing.VIEWS:
        raise RuleError(
            Message("error.pipeline.unknown_view", view=view),
            Message("hint.pipeline.views", views=or_list(pricing.VIEWS)),
        )
    ruleset = _ruleset(rules) if rules is not None else None
    library = prices if isinstance(prices, dict) else pricing.load_prices(prices)
    rates = pricing.load_rates(
        settings,
        site_overheads_pct=site_overheads_pct,
        general_overheads_pct=general_overheads_pct,
        contingency_pct=contingency_pct,
        margin_pct=margin_pct,
        vat_pct=vat_pct,
    )
    if ruleset is not None:
        pricing.check_price_units(ruleset, library)
    measured = _measured(model, **takeoff_options)
    work = _work(measured, ruleset)
    _refuse_double_counts(work, strict)
    budget = pricing.estimate_budget(work, library, rates, measured.elements, measured.info.get("spaces"))
    if strict and budget.totals["unpriced_items"]:
        codes = ", ".join(budget.unpriced["code"].head(5))
        raise RuleError(
            Message("error.pipeline.unpriced", n=len(budget.unpriced), prices=_name(prices), codes=codes),
            Message("hint.pipeline.unpriced"),
        )
    if strict and not budget.totals["complete"]:
        _refuse_incomplete(budget.totals["incomplete"], work.coverage)
    budget.info = {
        **measured.info,
        "ruleset": work.ruleset.name,
        "prices": _name(prices),
        "language": work.ruleset.language,
        "title": f"{Path(measured.info.get('file', '')).name} / {work.ruleset.name}",
        "currency": budget.currency,
        "rates": dataclasses.asdict(rates),
        "ratios": budget.ratios,
        "totals": budget.totals,
        "client_totals": budget.client_totals,
        "view": view,
        "coverage": work.coverage,
        "storeys": list(work.storeys),  # lowest first: a plan made from this JSON orders its storeys so
    }
    return budget


def order(
    model: PathLike | Takeoff,
    rules: RuleSet | PathLike | None,
    recipes: ordering.Recipes | PathLike,
    *,
    by: str = "storey",
    phases: list[ordering.Phase] | PathLike | None = None,
    **takeoff_options,
) -> ordering.Orders:
    """Material orders: quantities with waste, rounded up to whole packs, per supplier and
    delivery batch (``by="storey"``, or ``by="phase"`` with a phase file).

    Example::

        >>> plan = order("sample_models/house_ifc4.ifc", "rules/fr-lots.toml", "rules/fr-recettes.toml")
        >>> plan.orders[["supplier", "label", "ordered", "purchase_unit"]]
    """
    if by not in ("storey", "phase"):
        raise RuleError(Message("error.pipeline.unknown_batches", by=by), Message("hint.pipeline.batches"))
    if by == "phase" and phases is None:
        raise RuleError(Message("error.pipeline.phases_needed"), Message("hint.pipeline.add_phases"))
    ruleset = _ruleset(rules) if rules is not None else None
    book = recipes if isinstance(recipes, ordering.Recipes) else ordering.load_recipes(recipes, ruleset)
    phase_list = None
    if by == "phase":
        phase_list = phases if isinstance(phases, list) else ordering.load_phases(phases)
    measured = _measured(model, **takeoff_options)
    work = _work(measured, ruleset)
    plan = ordering.plan_orders(work, book, phase_list)
    plan.info = {
        **measured.info,
        "ruleset": work.ruleset.name,
        "language": work.ruleset.language,
        "coverage": work.coverage,
        **plan.info,
    }
    return plan


def plan(
    model: PathLike | Takeoff,
    rules: RuleSet | PathLike | None,
    productivity: scheduling.Productivity | PathLike,
    start: str | dt.date,
    *,
    prices: dict[str, pricing.Price] | PathLike | None = None,
    crews: dict[str, int] | list[str] | None = None,
    ifc: PathLike | None = None,
    mspdi: PathLike | None = None,
    progress_file: PathLike | None = None,
    status_date: str | dt.date | None = None,
    phases: PathLike | None = None,
    **takeoff_options,
) -> scheduling.Plan:
    """The works schedule: one task per work item and storey, its duration from the quantity,
    the item's hours per unit and the lot's crew, dated from ``start`` on the productivity
    file's calendar, with the critical path, the manpower per week and, with ``prices``, the
    planned value per month (see :mod:`bimquant.schedule`). ``crews``: ``{"02 Gros oeuvre": 2}``
    or ``["02=2"]``, crews side by side per lot. ``ifc``: also write a copy of the model with the
    plan as an ``IfcWorkSchedule`` whose tasks own the elements they build (IFC4 and later,
    :mod:`bimquant.report.ifc_schedule`); ``mspdi``: also write it as MS Project XML
    (:mod:`bimquant.report.mspdi`). ``progress_file`` (any form ``situation`` reads) at
    ``status_date``: each task's expected against actual percent, the delay on the critical
    path and the re-forecast finish (the ``status`` table). ``phases`` (the phase file ``order``
    reads): a task per item and phase (its storeys together) instead of per storey. Every input
    and output is checked before measuring.

    Example::

        >>> works = plan("sample_models/house_ifc4.ifc", "rules/fr-lots.toml", "rules/fr-cadences.toml",
        ...              "2027-04-26", prices="rules/fr-prix.csv")
        >>> works.info["finish"], works.info["peak_workers"]
    """
    first_day = start if isinstance(start, dt.date) else _date("--start", start)
    status = _status_date(first_day, progress_file, status_date)
    signed = None
    if isinstance(model, (str, os.PathLike)) and Path(model).suffix.lower() == ".json":
        signed = signing.load_contract(model)  # an estimate's JSON: its lines, storeys, elements
        if ifc is not None:
            raise OutputError(Message("error.plan.ifc_from_json"), Message("hint.plan.ifc_from_json"))
    elif rules is None and not isinstance(model, Takeoff):
        raise RuleError(Message("error.pipeline.no_rules"), Message("hint.pipeline.no_rules"))
    if rules is not None:
        ruleset = _ruleset(rules)
    elif signed is not None:
        ruleset = scheduling.work_from_contract(signed).ruleset
    else:
        ruleset = _work(model, None).ruleset
    cadences = (
        productivity
        if isinstance(productivity, scheduling.Productivity)
        else scheduling.load_productivity(productivity, ruleset)
    )
    teams = crews if isinstance(crews, dict) else scheduling.parse_crews(crews or [], cadences)
    scheduling.check_start(first_day, cadences.calendar)
    zones = ordering.load_phases(phases) if phases is not None else None
    copy = _schedule_outputs(model, rules, productivity, prices, ifc, mspdi)
    if signed is not None:
        work, lines = scheduling.work_from_contract(signed), _contract_lines(signed)
        info = {"file": signed.model, "contract": str(model), "currency": signed.currency}
        info["storey_order"] = "estimate" if signed.storeys else "trace"
    elif prices is not None:
        budget = estimate(model, ruleset, prices, **takeoff_options)
        work, lines, info = budget.work, budget.lines, budget.info
    else:
        measured = _measured(model, **takeoff_options)
        work, lines, info = _work(measured, ruleset), None, measured.info
    if zones is not None:
        work = scheduling.work_by_phases(work, zones)
    reader = None
    if progress_file is not None:
        reader = lambda works: scheduling.read_task_progress(progress_file, works, status)  # noqa: E731
    works = scheduling.schedule_work(
        work, cadences, first_day, crews=teams, lines=lines, status=status, progress=reader
    )
    works.info = {
        **{key: info[key] for key in ("file", "contract", "schema", "authoring_tool", "storey_order") if key in info},
        "title": f"{Path(info.get('file') or '').name} / {work.ruleset.name}",
        "ruleset": work.ruleset.name,
        "prices": _name(prices) if prices is not None else None,
        "currency": info.get("currency"),
        "progress": str(progress_file) if progress_file is not None else None,
        "phases": str(phases) if phases is not None else None,
        **works.info,
    }
    jobs = []
    if copy is not None:
        from bimquant.report.ifc_schedule import write_work_schedule

        works.info["ifc"] = {"output": str(ifc), **write_work_schedule(works, copy)}
        jobs.append((Path(ifc), lambda path: path.write_text(copy.file.to_string(), encoding="utf-8")))
    if mspdi is not None:
        from bimquant.report.mspdi import write_mspdi

        outdoor = {name for name, lot in cadences.lots.items() if lot.outdoor}
        jobs.append((Path(mspdi), lambda path: write_mspdi(works, path, cadences.calendar, outdoor)))
        works.info["mspdi"] = str(mspdi)
    if jobs:
        write_atomically(jobs)
    return works


def _status_date(first_day: dt.date, progress_file, status_date) -> dt.date | None:
    """The day of the progress, checked: given with a progress file, on or after the start."""
    if (progress_file is None) != (status_date is None):
        raise SettingsError(Message("error.plan.progress_and_date"), Message("hint.plan.progress_and_date"))
    if status_date is None:
        return None
    status = status_date if isinstance(status_date, dt.date) else _date("--status-date", status_date)
    if status < first_day:
        raise SettingsError(
            Message("error.plan.status_before_start", status=status.isoformat(), start=first_day.isoformat()),
            Message("hint.plan.status_after_start"),
        )
    return status


def _contract_lines(signed: signing.Contract) -> pd.DataFrame:
    """An estimate's lines as the plan reads them: code, quantity, direct cost, labour."""
    lines = pd.DataFrame(signed.lines)
    for column in ("code", "quantity", "amount", "labour"):
        if column not in lines:
            lines[column] = None
    return lines.assign(
        amount=pd.to_numeric(lines["amount"], errors="coerce"), labour=pd.to_numeric(lines["labour"], errors="coerce")
    )


def _plan_fits(schedule: tuple, lines: pd.DataFrame, model: str | None, path) -> list[Message]:
    """What a plan leaves out of a contract's planned curve, said: made from another model, or
    lines with an amount the plan has no task for (their money is never planned)."""
    planned, _, info = schedule
    said = []
    made_from = Path(str(info.get("file") or "")).name
    if model and made_from and made_from != Path(model).name:
        said.append(Message("plan.other_model", plan=Path(path).name, made_from=made_from, model=Path(model).name))
    amounts = dict(zip(lines["code"], lines["contract_amount"]))
    missing = [code for code, amount in amounts.items() if amount and code not in planned]
    if missing:
        shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
        said.append(Message("plan.lines_not_planned", n=len(missing), codes=shown))
    return said


def _plan_curve(lines: pd.DataFrame, schedule: tuple, seen: list[str], period: str, through: bool) -> list[dict]:
    """The planned curve of a plan's JSON in a contract's money: from the first month claimed or
    planned to ``period`` (or to the plan's last month, ``through``)."""
    planned, months, _ = schedule
    if not months:
        return []
    first = min([*seen, period, months[0]])
    last = max(period, months[-1]) if through else period
    amounts = dict(zip(lines["code"], lines["contract_amount"]))
    return scheduling.planned_money(amounts, planned, periods.months_between(first, last))


def _schedule_outputs(model, rules, productivity, prices, ifc, mspdi) -> Model | None:
    """The plan's IFC and MSPDI outputs checked (an .ifc of an IFC4 model, an .xml; none of the
    inputs) before anything is measured; the model to write the IFC schedule into, opened."""
    inputs = {
        Message("input.model"): None if isinstance(model, Takeoff) else model,
        Message("input.rules"): rules if isinstance(rules, (str, os.PathLike)) else None,
        Message("input.productivity"): productivity if isinstance(productivity, (str, os.PathLike)) else None,
        Message("input.prices"): prices if isinstance(prices, (str, os.PathLike)) else None,
    }
    if mspdi is not None:
        if Path(mspdi).suffix.lower() != ".xml":
            raise OutputError(
                Message("error.plan.mspdi_not_xml", name=Path(mspdi).name), Message("hint.plan.mspdi_xml")
            )
        check_output(mspdi, "xml", inputs)
    if ifc is None:
        return None
    if Path(ifc).suffix.lower() != ".ifc":
        raise OutputError(Message("error.plan.ifc_not_ifc", name=Path(ifc).name), Message("hint.writeback.name_ifc"))
    source = Path(model.info["file"]) if isinstance(model, Takeoff) else Path(model)
    check_output(ifc, "ifc", {**inputs, Message("input.model"): source})
    copy = open_model(source)
    if copy.schema == "IFC2X3":
        raise OutputError(Message("error.plan.ifc2x3", path=source), Message("hint.plan.ifc2x3"))
    return copy


def _date(option: str, text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(str(text))
    except ValueError:
        day = None
    if day is None or not periods.FIRST_YEAR <= day.year <= periods.LAST_YEAR:
        said = Message("error.plan.bad_date", option=option, text=repr(text))
        raise SettingsError(said, Message("hint.plan.date_form", option=option))
    return day


def diff(
    old: PathLike | Takeoff,
    new: PathLike | Takeoff,
    rules: RuleSet | PathLike,
    *,
    prices: dict[str, pricing.Price] | PathLike | None = None,
    contract: PathLike | None = None,
    map: PathLike | None = None,  # noqa: A002  (named as the CLI's --map)
    vat_pct: float | None = None,
    bill_omissions: bool = False,
    **takeoff_options,
) -> revisions.Revision:
    """What changed between two revisions of a model, per element and per work item, priced as
    a change order at the unit prices of the contract (``contract``: the JSON ``bimquant
    estimate`` wrote for the old revision: the prices actually signed) or of a price library.

    ``map``: a map file an earlier diff wrote, whose ``manual`` lines are imposed. ``vat_pct``:
    the VAT rate (default: the contract's, else 20). Omissions and re-readings (an element the
    contract's model held unpriced or to be specified, or read under another class) are listed
    and left out of the change order's amounts unless ``bill_omissions``. Each model is measured once (from the cache
    when it was measured before). Every input file is checked before anything is measured.

    Example::

        >>> revision = diff("house_v1.ifc", "house_v2.ifc", "rules/fr-lots.toml", contract="marche.json")
        >>> revision.items[["code", "old_quantity", "new_quantity", "delta_amount"]]
    """
    if prices is not None and contract is not None:
        raise RuleError(Message("error.pipeline.prices_and_contract"), Message("hint.pipeline.one_of_them"))
    ruleset = _ruleset(rules)
    signed = signing.load_contract(contract) if contract is not None else None
    if signed is not None:
        library = signed.prices
    else:
        library = prices if prices is None or isinstance(prices, dict) else pricing.load_prices(prices)
    if library:
        pricing.check_price_units(ruleset, library)
    manual = revisions.load_map(map) if map is not None else []
    if vat_pct is None:
        vat_pct = signed.vat_pct if signed is not None and signed.vat_pct is not None else pricing.Rates().vat_pct
    if isinstance(vat_pct, bool) or not isinstance(vat_pct, (int, float)) or not 0 <= vat_pct <= 100:
        raise RuleError(Message("error.pipeline.vat", rate=repr(vat_pct)), Message("hint.pipeline.vat"))
    before = _measured(old, **takeoff_options)
    after = _measured(new, **takeoff_options)
    revision = revisions.compare(
        before,
        after,
        _apply(before, ruleset),
        _apply(after, ruleset),
        prices=library,
        manual=manual,
        contract=signed,
        vat_pct=vat_pct,
        bill_omissions=bill_omissions,
    )
    said = revisions.check_manual(revision.map.to_dict(orient="records"), before.elements, after.elements)
    if signed is not None:
        said += revisions.check_contract(signed, revision.items, ruleset.name, before.info.get("file"))
    said += revisions.say_omissions(revision.totals, revision.currency)
    if signed is not None:
        basis, price_file = ("contract_sale" if signed.view == "client" else "contract_cost"), str(signed.path)
        contract_sha256 = hashlib.sha256(signed.path.read_bytes()).hexdigest()
    else:
        basis, price_file = ("prices", _name(prices)) if library is not None else ("none", None)
        contract_sha256 = None
    revision.info = {
        "old_file": before.info.get("file"),
        "new_file": after.info.get("file"),
        "ruleset": ruleset.name,
        "language": ruleset.language,
        "price_basis": basis,  # contract_sale, contract_cost, prices or none
        "price_file": price_file,
        "contract_sha256": contract_sha256,
        "currency": revision.currency,
        "totals": revision.totals,
        "warnings": said,  # Messages: English in the JSON, rendered by the writers
        "warnings_fr": [localize(message, "fr") for message in said],
        "cache": {"old": before.info.get("cache"), "new": after.info.get("cache")},
        **revision.info,
    }
    return revision


def check(model: PathLike | Takeoff, rules: RuleSet | PathLike, **takeoff_options) -> Readiness:
    """Is ``model`` ready to be priced with ``rules``? Each problem an estimator should settle
    first, with its quantities (:mod:`bimquant.readiness`); ``info["ready"]``.

    Example::

        >>> check("sample_models/reserves_ifc4.ifc", "rules/fr-lots.toml").problems[["kind", "elements"]]
    """
    ruleset = _ruleset(rules)
    measured = _measured(model, **takeoff_options)
    work = _apply(measured, ruleset)
    path = measured.info.get("file")
    try:
        ifc = open_model(path, say_damage=False).file if path else None  # the takeoff said its damage
    except InputError:  # the takeoff came from elsewhere: the types are not compared
        ifc = None
    result = check_readiness(measured, work, ifc)
    result.info |= {"schema": measured.info.get("schema"), "ruleset_file": str(ruleset.path)}
    return result


def situation(
    contract: PathLike,
    progress: PathLike,
    *,
    period: str,
    previous: PathLike | None = None,
    settings: PathLike | None = None,
    changes: tuple[PathLike, ...] | list[PathLike] = (),
    phases: PathLike | None = None,
    plan: PathLike | None = None,
    allow_decrease: bool = False,
) -> billing.Situation:
    """The monthly progress claim ("situation de travaux") of ``period`` (``YYYY-MM``): the
    contract's lines (``contract``: the JSON ``bimquant estimate`` wrote for the signed revision)
    claimed at the cumulative progress of ``progress`` (a CSV per line, per element or per
    storey), minus the ``previous`` situation (its JSON), with the price revision, advance
    recovery, retention, VAT and due date of ``settings`` (a TOML file, ``[situation]``).
    ``changes``: accepted change orders (the JSONs ``bimquant diff`` wrote), billed as lines of
    their own (``TS1.<code>``...). ``phases``: the phase file ``order`` uses: the stages are its
    phases, a progress row may name a phase, and their dates make the planned curve. ``plan``:
    the JSON ``bimquant plan`` wrote: the planned curve is then each line's amount times the
    share of its item planned done by each month's end.

    Example::

        >>> claim = situation("marche.json", "avancement-03.csv", period="2026-03", previous="situation-02.json")
        >>> claim.totals["net_to_pay"]
    """
    month = periods.parse_month(period)
    signed = signing.load_contract(contract)
    lines = signing.get_contract_lines(signed)
    if lines.empty:
        raise RuleError(
            Message("error.pipeline.no_priced_line", path=contract), Message("hint.pipeline.priced_estimate")
        )
    digest = hashlib.sha256(Path(contract).read_bytes()).hexdigest()
    accepted, unpriced, said = signing.load_changes(list(changes), digest)
    if len(accepted):
        lines = pd.concat([lines.assign(base_code=None), accepted], ignore_index=True)
    chosen = billing.load_settings(settings)
    before = billing.load_previous(previous) if previous is not None else None
    if before is not None and before.get("contract_sha256") not in (None, digest):
        raise RuleError(
            Message("error.pipeline.other_contract", path=previous, contract=Path(str(before.get("contract"))).name),
            Message("hint.pipeline.previous_of_this_contract"),
        )
    phase_list = ordering.load_phases(phases) if phases is not None else None
    schedule = scheduling.load_planned(plan) if plan is not None else None
    done = advancement.load_progress(progress, signing.get_scope(signed, lines), month, phase_list)
    claim = billing.compute_situation(signed, done, lines, chosen, month, before, allow_decrease, phase_list)
    if schedule is not None:
        seen = [h["period"] for h in claim.info["history"]]
        claim.info["planned"] = _plan_curve(lines, schedule, seen, month, through=True)
        claim.info["plan"] = str(plan)
        said = said + _plan_fits(schedule, lines, signed.model, plan)
    claim.info |= {
        "contract": str(contract),
        "model": signed.model,
        "progress": str(progress),
        "previous": str(previous) if previous is not None else None,
        "settings": str(settings) if settings is not None else None,
        "language": signed.language,
        "currency": signed.currency,
        "price_basis": "sale prices" if signed.view == "client" else "direct costs",
        "contract_sha256": digest,
        "changes": [str(path) for path in changes],
        "change_lines_without_price": unpriced,
        "warnings": said,  # Messages: English in the JSON, rendered by the writers
        "warnings_fr": [localize(message, "fr") for message in said],
        "totals": claim.totals,
    }
    return claim


def costs(
    contract: PathLike,
    actuals: PathLike,
    progress: PathLike,
    *,
    period: str,
    start: str | None = None,
    phases: PathLike | None = None,
    plan: PathLike | None = None,
) -> costing.Costs:
    """Costs against budget to the end of ``period``: each line's direct cost (the budget, from
    the estimate's JSON ``contract``), its earned value at the ``progress`` (as for a
    situation), the ``actuals`` booked to it (a CSV), the variance, CPI and forecasts; per lot
    and per stage (storey, or phase with ``phases``; dated phases give the planned value and
    SPI; ``plan``, the JSON ``bimquant plan`` wrote, gives them from each line's share planned
    done instead). ``start`` (``YYYY-MM``): the job's first month; a cost dated before it is
    refused.

    Example::

        >>> report = costs("marche.json", "depenses.csv", "avancement-04.csv", period="2026-04")
        >>> report.lots[["lot", "budget", "earned", "actual", "cpi"]]
    """
    month = periods.parse_month(period)
    first = periods.parse_month(start) if start is not None else None
    if first is not None and first > month:
        raise RuleError(
            Message("error.pipeline.start_after", start=first, period=month), Message("hint.pipeline.start")
        )
    signed = signing.load_contract(contract)
    lines = costing.get_budget_lines(signed)
    if lines.empty:
        raise RuleError(
            Message("error.pipeline.no_direct_cost", path=contract), Message("hint.pipeline.priced_estimate")
        )
    phase_list = ordering.load_phases(phases) if phases is not None else None
    schedule = scheduling.load_planned(plan) if plan is not None else None
    later: list[int] = []
    booked = costing.load_actuals(actuals, lines, first, month, later)
    done = advancement.load_progress(progress, signing.get_scope(signed, lines), month, phase_list)
    report = costing.compute_costs(signed, lines, done, booked, month, phase_list)
    if schedule is not None:
        report.info["warnings"] = _plan_fits(schedule, lines, signed.model, plan)
        seen = [m["period"] for m in report.info["actual_by_month"]]
        curve = _plan_curve(lines, schedule, seen, month, through=False)
        planned = curve[-1]["planned"] if curve else 0.0
        earned = report.totals["earned"]
        report.info["planned_by_month"] = curve
        report.totals |= {"planned": planned, "spi": round(earned / planned, 4) if planned else None}
    report.info |= {
        "contract": str(contract),
        "model": signed.model,
        "actuals_file": str(actuals),
        "progress": str(progress),
        "phases": str(phases) if phases is not None else None,
        "plan": str(plan) if plan is not None else None,
        "start": first,
        "rows_after_the_period": later,
        "language": signed.language,
        "currency": signed.currency,
        "totals": report.totals,
    }
    return report


def stock(
    orders: PathLike,
    deliveries: PathLike,
    progress: PathLike,
    *,
    period: str | None = None,
    start: str | None = None,
    phases: PathLike | None = None,
) -> stocking.Stock:
    """Stock on site at the end of ``period`` (default: the month of the latest delivery note):
    per material and batch of ``orders`` (the JSON ``bimquant order`` wrote), what was ordered,
    delivered (``deliveries``, a CSV of delivery notes), consumed (each element's need x its
    ``progress``, read as for a situation), what is on site, still to deliver and still needed,
    and the alerts.

    Example::

        >>> on_site = stock("commandes.json", "livraisons.csv", "avancement-04.csv", period="2026-04")
        >>> on_site.materials[["material", "batch", "on_site", "alert"]]
    """
    month = (
        periods.parse_month(period) if period is not None else periods.parse_month(stocking.default_period(deliveries))
    )
    ordered = stocking.load_orders(orders)
    phase_list = ordering.load_phases(phases) if phases is not None else None
    end = periods.month_end(month)
    first = periods.month_end(periods.parse_month(start)).replace(day=1) if start is not None else None
    later: list[int] = []
    notes = stocking.load_deliveries(deliveries, ordered, end, first, later)
    done = advancement.load_progress(progress, stocking.get_scope(ordered), month, phase_list)
    result = stocking.compute_stock(ordered, done, notes, end)
    result.info = {
        "orders": str(orders),
        "deliveries_file": str(deliveries),
        "progress": str(progress),
        "period": month,
        "start": start,
        "rows_after_the_period": later,
        "language": ordered["info"].get("language", "en"),
        "alerts": int((result.materials["alert"] != "").sum()),
    }
    return result


def report_view(
    model: PathLike | Takeoff,
    rules: RuleSet | PathLike,
    prices: dict[str, pricing.Price] | PathLike | None = None,
    *,
    previous: PathLike | Takeoff | None = None,
    settings: PathLike | None = None,
    productivity: PathLike | None = None,
    start: str | dt.date | None = None,
    **takeoff_options,
) -> View:
    """What ``bimquant report`` shows: the estimate of ``model``, its elements coloured by
    status, and their meshes; with ``previous`` (the older revision of the model), the
    :func:`diff` against it and the removed elements' meshes. Without ``prices``, the items
    have their quantities and no amount. With ``productivity`` and ``start``, the works
    schedule too (:func:`plan`): its Gantt and manpower histogram, a task's bar selecting the
    elements it builds.

    Write it with :func:`bimquant.write_html`. The meshes are made again for the view (the
    takeoff keeps quantities, not meshes), with the fast kernel, and OpenCASCADE for the
    elements it cannot mesh; they are drawn, never measured.

    Example::

        >>> shown = report_view("sample_models/house_ifc4.ifc", "rules/fr-lots.toml", "rules/fr-prix.csv")
        >>> bimquant.write_html(shown, "rapport.html")
    """
    ruleset = _ruleset(rules)
    library = prices if isinstance(prices, dict) else {} if prices is None else pricing.load_prices(prices)
    if (productivity is None) != (start is None):
        raise SettingsError(Message("error.plan.productivity_and_start"), Message("hint.plan.productivity_and_start"))
    cadences = scheduling.load_productivity(productivity, ruleset) if productivity is not None else None
    first_day = None
    if cadences is not None:
        first_day = start if isinstance(start, dt.date) else _date("--start", start)
        scheduling.check_start(first_day, cadences.calendar)
    measured = _measured(model, **takeoff_options)
    budget = estimate(measured, ruleset, library, settings=settings)
    budget.info["prices"] = None if prices is None else _name(prices)
    revision = diff(previous, measured, ruleset, prices=library, **takeoff_options) if previous is not None else None
    elements = _shown_elements(measured, budget.work, revision)
    path = Path(measured.info["file"])
    meshes = _view_meshes(path, list(elements["global_id"][elements["status"] != "removed"]))
    if revision is not None:
        old = Path(revision.info["old_file"])
        meshes += _view_meshes(old, list(elements["global_id"][elements["status"] == "removed"]))
    info = {
        "file": path.name,
        "schema": measured.info.get("schema"),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "created": time.strftime("%Y-%m-%d %H:%M"),
        "title": budget.info.get("title", path.name),
    }
    works = None
    if cadences is not None:
        works = plan(measured, ruleset, cadences, first_day, prices=library)
    return View(
        budget=budget,
        takeoff=measured,
        elements=elements,
        scene=pack_scene(meshes),
        revision=revision,
        info=info,
        plan=works,
    )


def _shown_elements(measured: Takeoff, work: WorkItems, revision: revisions.Revision | None) -> pd.DataFrame:
    """The view's elements: measured (status: the reconciliation's verdict), failed, removed."""
    verdicts = dict(zip(work.reconciliation["global_id"], work.reconciliation["verdict"]))
    reasons = dict(zip(work.unmapped["global_id"], work.unmapped["reason"]))
    reasons |= {g: r for g, r in zip(work.reconciliation["global_id"], work.reconciliation["reason"]) if r}
    changes: dict[str, str] = {}
    removed: list[dict] = []
    if revision is not None:
        for row in revision.elements.to_dict(orient="records"):
            if row["new_global_id"]:
                changes[row["new_global_id"]] = row["status"]
            elif row["status"] == "removed":
                removed.append(row)
    rows = [
        {
            "global_id": row["global_id"],
            "ifc_class": row["ifc_class"],
            "name": row["name"],
            "storey": row["storey"],
            "status": verdicts.get(row["global_id"], "not_building_work"),
            "diff_status": changes.get(row["global_id"], "") if revision is not None else "",
            "suspect": row.get("authored_flags") or "",
            "reason": reasons.get(row["global_id"], ""),
        }
        for row in measured.elements.to_dict(orient="records")
    ]
    rows += [
        {
            **{k: row[k] for k in ("global_id", "ifc_class", "name", "storey")},
            "status": verdicts.get(row["global_id"], "geometry_failed"),  # a door priced by count is priced
            "diff_status": changes.get(row["global_id"], "") if revision is not None else "",
            "suspect": "",
            "reason": row["reason"],
        }
        for row in measured.failures.to_dict(orient="records")
    ]
    rows += [
        {
            "global_id": row["old_global_id"],
            "ifc_class": row["ifc_class"],
            "name": row["name"],
            "storey": row["storey"],
            "status": "removed",
            "diff_status": "removed",
            "suspect": "",
            "reason": "",
        }
        for row in removed
    ]
    return pd.DataFrame(
        rows, columns=["global_id", "ifc_class", "name", "storey", "status", "diff_status", "suspect", "reason"]
    )


def _view_meshes(path: Path, global_ids: list[str]) -> list[tuple | None]:
    """The meshes to draw for these elements of the model at ``path`` (None: none made)."""
    if not global_ids:
        return []
    model = open_model(path)
    ids = []
    for global_id in global_ids:
        try:
            ids.append(model.file.by_guid(global_id).id())
        except RuntimeError:  # not in this file (a duplicate GlobalId kept one of its elements)
            ids.append(None)
    # the fast kernel draws a boolean clipping wrong (a wall cut under a pitched roof drawn to
    # its full height): those go to OpenCASCADE, as does whatever the fast one cannot mesh
    clipped = {i for i in ids if i is not None and has_boolean_body(model.file.by_id(i))}
    drawn = [i for i in ids if i is not None and i not in clipped]
    shapes, failures = get_shapes(model.file, drawn, kernel=FAST_KERNEL, orient=False)
    again = sorted(clipped | set(failures))
    if again:
        shapes |= get_shapes(model.file, again, kernel=SAFE_KERNEL, orient=False)[0]
    return [(shapes[i].vertices, shapes[i].faces) if i in shapes else None for i in ids]


def _refuse_double_counts(work: WorkItems, strict: bool) -> None:
    """Under ``strict``, an element counted twice (two items measuring the same thing on it)
    is a :class:`RuleError` naming the first ones."""
    double = work.reconciliation[work.reconciliation["verdict"] == "double_counted"]
    if strict and len(double):
        first = double.iloc[0]
        raise RuleError(
            Message(
                "error.pipeline.counted_twice",
                n=len(double),
                path=work.ruleset.path,
                global_id=first["global_id"],
                name=first["name"],
                reason=first["reason"],
            ),
            Message("hint.pipeline.counted_twice"),
        )


def _refuse_incomplete(incomplete: dict, coverage: dict) -> None:
    """Under ``strict``, an estimate that does not cover the model is an :class:`IncompleteError`
    with the count of each reason (``unpriced_items``, ``placeholder_lines``, ``double_counted``,
    ``value_unknown``, ``not_priced``, ``geometry_failed``) and the share of the building volume priced."""
    said = Joined([Message(f"error.pipeline.incomplete.{reason}", n=n) for reason, n in incomplete.items() if n], ", ")
    raise IncompleteError(
        Message("error.pipeline.incomplete", said=said, share=Number(coverage["volume_share"], ".1%")),
        Message("hint.pipeline.incomplete"),
        incomplete=incomplete,
    )


def _apply(measured: Takeoff, ruleset: RuleSet) -> WorkItems:
    """The work items of a takeoff under a rule set: read from beside the takeoff's cache entry
    when this rule set's file (its content) was applied to it before, else computed and kept
    there."""
    key = measured.info.get("cache_key")
    name = _derived_name(ruleset) if key else None
    if name is not None:
        found = stored.load_derived(key, name, WorkItems.TABLES)
        if found is not None:
            tables, info = found
            warn_negative(tables["trace"])
            return WorkItems(ruleset=ruleset, **tables, coverage=info["coverage"], storeys=info["storeys"])
    work = apply_rules(measured, ruleset)
    if name is not None:
        stored.store_derived(key, name, work.tables, {"coverage": work.coverage, "storeys": work.storeys})
    return work


def _derived_name(ruleset: RuleSet) -> str | None:
    """``work-<hash of the rule set file's bytes>``, or None when it has no file to read."""
    try:
        content = Path(ruleset.path).read_bytes()
    except (OSError, TypeError):
        return None
    return "work-" + hashlib.sha256(content).hexdigest()[:24]


def _ruleset(rules: RuleSet | PathLike) -> RuleSet:
    return rules if isinstance(rules, RuleSet) else load_ruleset(rules)


def _measured(model: PathLike | Model | Takeoff, *, cache: bool = True, **takeoff_options) -> Takeoff:
    """The takeoff of ``model``: itself when it is one; else read from the cache
    (:mod:`bimquant.cache`) when this file was measured with these options before; else
    measured (and stored)."""
    if isinstance(model, Takeoff):
        return model
    started = time.perf_counter()
    materials = takeoff_options.pop("materials", None)
    library = materials if isinstance(materials, MaterialLibrary) else load_materials(materials)
    key = _cache_key(model, library, takeoff_options) if cache and stored.get_folder() else None
    hit = stored.load(key) if key else None
    if hit is not None:
        return _with_key(_as_hit(hit, model, started), key)
    if isinstance(model, Model):
        result = measure_model(model, materials=library, **takeoff_options)
    elif isinstance(model, (str, os.PathLike)):
        result = measure_model(open_model(model), started=started, materials=library, **takeoff_options)
    else:
        raise TypeError(Message("error.pipeline.not_a_model", kind=type(model).__name__))
    if key:
        saved = stored.store(key, result)
        result.info["cache"] = "stored" if saved else "not stored"
        return _with_key(result, key) if saved else result
    return result


def _with_key(result: Takeoff, key: str) -> Takeoff:
    """The takeoff with the cache key it is stored under (its work items are kept beside it)."""
    result.info["cache_key"] = key
    return result


def _read_cache(model: PathLike | Model, options: dict) -> Takeoff | None:
    """The cached takeoff of ``model`` with ``options``, or None (a miss, or the cache off)."""
    if not options.pop("cache", True) or stored.get_folder() is None:
        return None
    started = time.perf_counter()
    materials = options.pop("materials", None)
    library = materials if isinstance(materials, MaterialLibrary) else load_materials(materials)
    key = _cache_key(model, library, options)
    hit = stored.load(key) if key else None
    return _with_key(_as_hit(hit, model, started), key) if hit is not None else None


def _as_hit(hit: Takeoff, model: PathLike | Model, started: float) -> Takeoff:
    for problem in hit.info.get("file_problems", [])[:1]:  # said again: the file is still damaged
        log.warning(Message("log.damaged_before", file=Path(hit.info["file"]).name, problem=problem))
    return stored.as_read_from(hit, model.path if isinstance(model, Model) else model, time.perf_counter() - started)


def _cache_key(model: PathLike | Model, library: MaterialLibrary, options: dict) -> str | None:
    """The cache key of this file with these options, or None when the file cannot be read
    (opening it says why)."""
    path = model.path if isinstance(model, Model) else model
    if not isinstance(path, (str, os.PathLike)):
        return None
    check_model_file(path)  # a named pipe would block the hashing, a loop of links fail it
    measures = {"kernel": options.get("kernel", "auto"), "materials": repr(library.entries)}
    try:
        return stored.get_key(path, measures)
    except OSError:
        return None


def _work(measured: Takeoff, ruleset: RuleSet | None) -> WorkItems:
    if ruleset is not None:
        return _apply(measured, ruleset)
    if measured.work is None:
        raise RuleError(Message("error.pipeline.no_rules"), Message("hint.pipeline.no_rules"))
    return measured.work


def _name(source) -> str:
    return Message("pipeline.price_table") if isinstance(source, dict) else str(source)


def _in_file(model: Model, global_id: str) -> bool:
    try:
        model.file.by_guid(global_id)
    except RuntimeError:  # ifcopenshell: "Instance #... not found"
        return False
    return True


def _unknown_element(global_id: str, model: str, ids: list[str]) -> InputError:
    """No element has ``global_id`` in ``model``: say so, with what to do about it."""
    if len(global_id) < GLOBAL_ID_LENGTH and GLOBAL_ID_CHARACTERS.match(global_id):
        cut = [i for i in ids if i.startswith(global_id + "$")]
        example = cut[0] if len(cut) == 1 else "3M40opnSHSLeM$JG6iZTrB"
        which = "error.pipeline.short_global_id_guess" if len(cut) == 1 else "error.pipeline.short_global_id"
        return InputError(
            Message(
                which,
                global_id=global_id,
                model=model,
                length=GLOBAL_ID_LENGTH,
                n=len(global_id),
                example=example,
            ),
            Message("hint.pipeline.quote_global_id", example=example),
        )
    return InputError(
        Message("error.pipeline.no_element", global_id=global_id, model=model), Message("hint.pipeline.copy_global_id")
    )
