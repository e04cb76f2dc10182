"""What each command prints for a person: summaries on stderr, text reports on stdout.

No computation here beyond grouping for display: every number comes from the library's result.
Each function speaks the ``locale`` it is given (``"en"`` or ``"fr"``): its lines are the
catalogue's ``console.*`` sentences (:mod:`bimquant.messages`), the sentences the library gives
(a reason, an alert, a warning) go through :func:`~bimquant.messages.localize`, and
:mod:`bimquant.labels` names the columns.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

import bimquant
from bimquant.authored import VERDICTS
from bimquant.cli.console import err, format_number, format_share, make_table, show
from bimquant.columns import QUANTITY_COLUMNS
from bimquant.estimate import TOTAL_KEYS
from bimquant.situation import TOTAL_KEYS as SITUATION_TOTAL_KEYS
from bimquant.labels import header
from bimquant.diff import say_price_source
from bimquant.messages import CATALOGUE, localize, say
from bimquant.rules import RuleSet, WorkItems


def say_or(id: str, locale: str, default: str) -> str:
    """The catalogue's sentence ``id`` in ``locale``, or ``default`` where the catalogue has none
    (a key of a table the console does not know yet)."""
    return say(id, locale) if id in CATALOGUE else default


def warning_label(locale: str) -> str:
    """``[yellow]Warning:[/]``, in ``locale``."""
    return f"[yellow]{say('console.warning_label', locale)}[/]"


def print_takeoff(result: bimquant.Takeoff, locale: str = "en") -> None:
    """Counts, volumes by class and storey, failures, suspect authored values; work items."""
    elements, info = result.elements, result.info
    seconds = format_number(info["total_s"], locale, 1)
    err.print(
        f"[bold]{show(Path(info['file']).name)}[/] ({show(info['schema'])}): "
        + say(
            "console.takeoff.measured",
            locale,
            elements=len(elements),
            failed=len(result.failures),
            excluded=len(result.excluded),
            seconds=seconds,
        )
    )
    if len(elements):
        total = lambda values: values.sum(min_count=1)  # noqa: E731  (NaN where nothing applies)
        by_class = elements.groupby("ifc_class").agg(
            count=("global_id", "size"),
            net_volume_m3=("net_volume_m3", total),
            net_side_area_m2=("net_side_area_m2", total),
            net_area_m2=("net_area_m2", total),
        )
        err.print(make_table(say("console.takeoff.by_class", locale), by_class, locale))
        no_storey = say("console.takeoff.no_storey", locale)
        storeys = elements.fillna({"storey": no_storey}).sort_values("storey_elevation_m", kind="stable")
        by_storey = storeys.groupby("storey", sort=False).agg(
            count=("global_id", "size"), net_volume_m3=("net_volume_m3", total)
        )
        err.print(make_table(say("console.takeoff.by_storey", locale), by_storey, locale))
    paths = info.get("geometry_paths")
    if paths:
        needed_kernel = paths.get("kernel", 0) + paths.get("opencascade", 0)
        hint = say("console.takeoff.paths_hint", locale) if needed_kernel else ""
        err.print(
            say(
                "console.takeoff.paths",
                locale,
                parametric=paths.get("parametric", 0),
                faces=paths.get("faces", 0),
                boolean=paths.get("manifold_boolean", 0),
                kernel=paths.get("kernel", 0),
                opencascade=paths.get("opencascade", 0),
                hint=hint,
            )
        )
    print_failures(result.failures, locale)
    if info.get("elements_damaged"):
        err.print(say("console.takeoff.damaged", locale, n=info["elements_damaged"]))
    for assumption in info.get("assumptions", []):
        err.print(f"[bold yellow]{say('console.takeoff.assumed', locale)}[/] {show(localize(assumption, locale))}")
    suspects = result.authored[result.authored["verdict"] != "ok"] if len(result.authored) else result.authored
    if len(suspects):
        err.print(say("console.takeoff.suspects", locale, n=len(suspects)))
    if result.work is not None:
        print_work_items(result.work, locale)


def print_elements(rows: pd.DataFrame, locale: str = "en") -> None:
    """One line per element: its GlobalId, class and name, and why (the library's reason)."""
    for row in rows.itertuples():
        reason = show(localize(row.reason, locale))
        err.print(f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)}: {reason}")


def print_failures(failures: pd.DataFrame, locale: str = "en") -> None:
    if len(failures):
        err.print(f"[bold red]{say('console.failures.title', locale, n=len(failures))}[/]")
        print_elements(failures, locale)


def print_work_items(work: WorkItems, locale: str = "en") -> None:
    items = work.items.set_index("code")[["label", "unit", "quantity", "elements"]]
    err.print(make_table(say("console.work.title", locale, ruleset=work.ruleset.name), items, locale))
    print_coverage(work.coverage, locale)
    if len(work.unmapped):
        err.print(say("console.work.unmapped", locale, n=len(work.unmapped)))
        print_elements(work.unmapped.head(5), locale)
    print_double_counts(work, locale)
    double = set(work.reconciliation.loc[work.reconciliation["verdict"] == "double_counted", "global_id"])
    others = work.warnings[(work.warnings["kind"] == "conflict") & ~work.warnings["global_id"].isin(double)]
    if len(others):
        err.print(say("console.work.conflicts", locale, n=len(others)))
    missing = work.warnings[work.warnings["kind"] == "missing_value"]
    if len(missing):
        err.print(say("console.work.missing_values", locale, n=len(missing)))


# reconciliation statuses in a sentence, in this order: console.coverage.words.<status>
COVERAGE_STATUSES = ("double_counted", "value_unknown", "not_priced", "geometry_failed")
GAPS_SHOWN = 3


def print_coverage(coverage: dict, locale: str = "en", out: Console | None = None) -> None:
    """The coverage line, always: elements priced once, the share of the building volume, of
    the walls' face area and of the doors and windows; then, when the estimate does not cover
    the model, a ``Warning:`` line naming the largest groups not priced (below the threshold)
    or how many elements are not priced once."""
    if not coverage or "building_elements" not in coverage:
        return
    out = out or err
    c = coverage
    volume = format_number(c["net_volume_m3"], locale, 1)
    share = format_share(c["volume_share"], locale)
    line = say(
        "console.coverage.line",
        locale,
        priced=c["elements_priced"],
        elements=c["building_elements"],
        share=share,
        volume=volume,
    )
    if c["wall_face_area_m2"]:
        face = format_number(c["wall_face_area_m2"], locale, 1)
        line += say("console.coverage.wall_face", locale, share=format_share(c["wall_face_share"], locale), area=face)
    if c["doors_windows"]:
        line += say(
            "console.coverage.doors_windows", locale, priced=c["doors_windows_priced"], total=c["doors_windows"]
        )
    not_building, parts = c.get("not_building_work"), c.get("represented_by_parts")
    if not_building and parts:
        line += " " + say("console.coverage.left_out.both", locale, not_building=not_building, parts=parts)
    elif not_building or parts:
        name, n = ("not_building_work", not_building) if not_building else ("by_parts", parts)
        line += " " + say(f"console.coverage.left_out.{name}", locale, n=n)
    out.print(line)
    if c["complete"]:
        return
    counts = "; ".join(
        f"{c[status]} {say(f'console.coverage.words.{status}', locale)}"
        for status in COVERAGE_STATUSES
        if c.get(status)
    )
    if c["volume_unknown_elements"]:
        counts += " " + say("console.coverage.volume_unknown_elements", locale, n=c["volume_unknown_elements"])
    if c["below_threshold"]:
        threshold = format_share(c["threshold"], locale)
        said = say("console.coverage.below_threshold", locale, share=share, threshold=threshold, counts=counts)
    else:
        said = say("console.coverage.not_complete", locale, counts=counts)
    out.print(f"{warning_label(locale)} {said}")
    for gap in c.get("gaps", [])[:GAPS_SHOWN]:
        what = " / ".join(show(v) for v in (gap["ifc_class"], gap.get("material"), gap.get("type_name")) if v)
        amount = (
            format_number(gap["net_volume_m3"], locale, 1) + " m3"
            if gap["net_volume_m3"] is not None
            else say("console.coverage.volume_unknown", locale)
        )
        status = say(f"console.coverage.words.{gap['status']}", locale)
        colon = say("console.colon", locale)
        out.print(f"  {gap['elements']} {what}, {amount}, {status}{colon} {show(say_reason(gap, locale))}")


def say_reason(gap: dict, locale: str) -> str:
    """Why a group is not priced, in the reader's language: the library's reason in English;
    in French, the usual reasons in the console's words, a reason the catalogue knows in its
    French, the others by their status."""
    if locale != "fr":
        return gap["reason"]
    reason = str(gap["reason"])
    if reason.startswith("no item selects "):
        return say("console.coverage.reason.no_item_selects", locale, what=reason.removeprefix("no item selects "))
    if reason.startswith("feeds "):
        fed = reason.removeprefix("feeds ").split(", but")[0]
        return say("console.coverage.reason.body_not_priced", locale, fed=fed)
    if reason.startswith("no body representation"):
        return say("console.coverage.reason.no_body", locale)
    said = localize(gap["reason"], locale)
    if said != reason:
        return said
    return say_or(f"console.coverage.reason.{gap['status']}", locale, reason)


def print_readiness(readiness: bimquant.Readiness, out: Console, locale: str = "en") -> None:
    """Ready or not, then each problem: blocking ones first, with count and quantities."""
    info = readiness.info
    name = show(info["ruleset"])
    if info["ready"]:
        out.print(say("console.check.ready", locale, name=name))
    else:
        blocking = int(readiness.problems["blocking"].astype(bool).sum())
        out.print(say("console.check.not_ready", locale, name=name, n=blocking))
    print_coverage(info.get("coverage") or {}, locale, out)
    shown_header = None
    for row in readiness.problems.to_dict(orient="records"):
        header = say("console.check.to_settle" if row["blocking"] else "console.check.to_check", locale)
        if header != shown_header:
            out.print(header)
            shown_header = header
        what = " / ".join(show(v) for v in (row["ifc_class"], row["material"], row["type_name"]) if v and v == v)
        measures = []
        if row["net_volume_m3"] == row["net_volume_m3"] and row["net_volume_m3"] is not None:
            measures.append(f"{format_number(row['net_volume_m3'], locale, 1)} m3")
        if row["wall_face_area_m2"] == row["wall_face_area_m2"] and row["wall_face_area_m2"] is not None:
            area = format_number(row["wall_face_area_m2"], locale, 1)
            measures.append(say("console.check.wall_face", locale, area=area))
        count = f"{int(row['elements'])} " if row["elements"] else ""
        quantity = f" ({', '.join(measures)})" if measures else ""
        phrase = say(f"console.check.problem.{row['kind']}", locale)
        detail = say_detail(row, locale)
        subject = f"{count}{what}{quantity}{say('console.colon', locale)} " if what or count else ""
        out.print(f"  {subject}{phrase}" + (f". {show(detail)}" if detail else ""))


def say_detail(row: dict, locale: str):
    """What a problem's detail adds to its phrase, in ``locale``: the library's detail for the
    kinds of ``DETAILED``; in French, an occurrence and its type in the console's words, a
    detail the catalogue knows in its French, a detail of ``DETAILED_FR`` as it is (a label of
    the rule set), no other (an English sentence: the phrase says it)."""
    kind, detail = row["kind"], row["detail"]
    if kind not in DETAILED:
        return ""
    if locale != "fr":
        return detail
    if kind in DETAILED_FR:
        return detail
    localized = localize(detail, locale)
    return localized if isinstance(detail, str) and localized != detail else ""


# problems whose detail adds to the phrase (the library's words)
DETAILED = {
    "material_not_recognised",
    "body_not_priced",
    "value_unknown",
    "double_counted",
    "aggregate_parts",
    "geometry_failed",
    "placeholder",
    "type_disagrees",
    "class_contradicts_shape",
}
DETAILED_FR = {"placeholder"}  # shown as it is in French too: a rule set's label


def print_double_counts(work: WorkItems, locale: str = "en") -> None:
    """Elements counted twice: printed as errors, with the first few and why."""
    double = work.reconciliation[work.reconciliation["verdict"] == "double_counted"]
    if not len(double):
        return
    err.print(say("console.double_counts.title", locale, n=len(double)))
    print_elements(double.head(5), locale)


def print_validation(report: bimquant.Validation, out: Console, suspects: bool = True, locale: str = "en") -> None:
    """The agreement table and, with ``suspects``, one line per suspect authored value."""
    if report.summary.empty:
        err.print(say("console.validate.none", locale))
        return
    table = Table(title=say("console.validate.title", locale), title_justify="left")
    columns = ("class", "quantity", "count", "agree", "share", "suspect")
    for index, column in enumerate(columns):
        table.add_column(say(f"console.validate.columns.{column}", locale), justify="left" if index < 2 else "right")
    for row in report.summary.itertuples():
        others = {v: getattr(row, v) for v in VERDICTS[1:] if getattr(row, v)}
        table.add_row(
            show(row.ifc_class),
            show(row.quantity),
            str(row.count),
            str(row.ok),
            format_share(row.ok_share, locale),
            ", ".join(f"{show(header(k, locale))} {v}" for k, v in others.items()),
        )
    out.print(table)
    if not suspects:
        out.print(say("console.validate.suspect_count", locale, n=len(report.suspects)))
    elif len(report.suspects):
        out.print("\n" + say("console.validate.suspects", locale, n=len(report.suspects)))
        geometry = say("console.validate.geometry", locale)
        for row in report.suspects.itertuples():
            out.print(
                f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)} "
                f"{show(row.set_name)}.{show(row.quantity)} = {row.authored_value:.6g} "
                f"({geometry} {row.computed_value:.6g}): {row.verdict} {show(localize(row.detail or '', locale))}"
            )


def print_explanation(explanation: bimquant.Explanation, out: Console, locale: str = "en") -> None:
    e = explanation.element
    out.print(
        f"[bold]{show(e['global_id'])}[/] {show(e['ifc_class'])} {show(e['name'])} "
        + say(
            "console.explain.where",
            locale,
            storey=_or_none(e["storey"], locale),
            material=_or_none(e["material"], locale),
        )
    )
    measured = {k: v for k, v in e.items() if k in QUANTITY_COLUMNS and v == v and v is not None}
    said = lambda name: f"  {say(f'console.explain.{name}', locale)} "  # noqa: E731  ("  quantities: ")
    out.print(said("quantities") + ", ".join(f"{k} = {v:.6g}" for k, v in measured.items()))
    if e.get("signals"):
        out.print(said("signals") + show(localize(e["signals"], locale)))
        precast = ", " + say("console.explain.precast", locale) if e.get("precast") else ""
        note = f" ({show(localize(e['reading_note'], locale))})" if e.get("reading_note") else ""
        out.print(said("read_as") + show(e.get("read_class")) + precast + note)
    for o in explanation.openings.itertuples():
        area, volume = f"{o.area_m2:.4g}", f"{o.volume_m3:.4g}"
        opening = say("console.explain.opening", locale, opening=show(o.opening_global_id), area=area, volume=volume)
        out.print(f"  {opening}")
    if len(explanation.matched):
        out.print(f"[bold]{say('console.explain.items_fed', locale)}[/]")
    else:
        out.print(f"[bold]{say('console.explain.no_item', locale)}[/]")
    for row in explanation.matched.itertuples():
        layer = " " + say("console.explain.layer", locale, layer=show(row.layer)) if row.layer else ""
        out.print(
            f"  {show(row.code)} {show(row.label)}{layer}: {show(row.formula)} = "
            f"{show(localize(row.computed, locale))} = {row.contribution:.6g} {row.unit}"
        )
        for name in ("values", "openings_deducted", "openings_measured_through"):
            if getattr(row, name):
                out.print(f"    {said(name)}{show(localize(getattr(row, name), locale))}")
    if len(explanation.not_matched):
        out.print(f"[bold]{say('console.explain.items_not_matched', locale)}[/]")
    for row in explanation.not_matched.itertuples():
        out.print(f"  {show(row.code)} {show(row.label)}: {show(localize(row.reason, locale))}")


def _or_none(value, locale: str = "en") -> str:
    if value is None or (isinstance(value, float) and value != value):
        return say("console.explain.none", locale)
    return show(value)


def print_budget(budget: bimquant.Budget, locale: str = "en") -> None:
    if budget.work is not None:
        print_double_counts(budget.work, locale)
    lots = budget.lots.set_index("lot")[["amount", "share", "items", "unpriced_items"]]
    currency = show(budget.currency)
    err.print(make_table(say("console.budget.title", locale, currency=currency), lots, locale, shares=("share",)))
    for key in TOTAL_KEYS:
        label = say_or(f"console.budget.totals.{key}", locale, key.replace("_", " "))
        err.print(f"  {label:<20} {format_number(budget.totals[key], locale):>16} {currency}")
    if budget.info.get("view") == "client" and budget.client_totals:
        sent = format_number(budget.client_totals["total_excl_vat"], locale)
        err.print("  " + say("console.budget.client", locale, total=sent, currency=currency))
    ratios = budget.ratios
    if ratios.get("cost_per_m2_excl_vat") is not None:
        cost, area = (
            format_number(ratios["cost_per_m2_excl_vat"], locale),
            format_number(ratios["floor_area_m2"], locale),
        )
        source = show(localize(ratios["floor_area_source"], locale))
        if locale == "fr":
            basis = "spaces" if ratios.get("floor_area_basis") == "spaces" else "slabs"
            source = say(f"console.budget.floor_area.{basis}", locale)
        err.print(
            "  " + say("console.budget.cost_per_m2", locale, cost=cost, currency=currency, area=area, source=source)
        )
    if budget.work is not None:
        print_coverage(budget.work.coverage, locale)
    if budget.totals["unpriced_items"]:
        codes = show(", ".join(budget.unpriced["code"]))
        err.print(
            f"[bold yellow]{say('console.budget.unpriced', locale, n=budget.totals['unpriced_items'])}[/] {codes}"
        )
    placeholders = budget.lines[budget.lines["placeholder"]]
    if len(placeholders):
        codes = show(", ".join(placeholders["code"]))
        err.print(
            f"{warning_label(locale)} {say('console.budget.placeholders', locale, n=len(placeholders), codes=codes)}"
        )
    if not budget.totals["complete"]:
        err.print(say("console.budget.incomplete", locale))


def print_orders(plan: bimquant.Orders, locale: str = "en") -> None:
    shown = plan.orders[["supplier", "label", "batch", "need", "ordered", "unit", "packs", "purchase_unit", "surplus"]]
    err.print(make_table(say("console.orders.title", locale), shown.set_index("supplier"), locale))
    coverage = plan.info.get("coverage") or {}
    print_coverage(coverage, locale)
    if coverage and not coverage.get("complete", True):
        missing = sum(coverage.get(status, 0) for status in COVERAGE_STATUSES)
        err.print(f"{warning_label(locale)} {say('console.orders.not_ordered', locale, n=missing)}")
    for row in plan.orders.dropna(subset=["trucks"]).itertuples():
        last = format_number(row.last_truck, locale, 2).rstrip("0").rstrip(",.")
        what = f"{show(row.label)} / {show(row.batch)}"
        err.print(
            "  " + say("console.orders.trucks", locale, what=what, n=int(row.trucks), last=last, unit=show(row.unit))
        )
    if len(plan.without_recipe):
        codes = show(", ".join(plan.without_recipe["code"]))
        err.print(say("console.orders.without_recipe", locale, n=len(plan.without_recipe), codes=codes))


def print_ruleset(ruleset: RuleSet, path: Path, out: Console, locale: str | None = None) -> None:
    locale = locale or ruleset.language
    lots = sorted({item.lot for item in ruleset.items})
    out.print(
        say(
            "console.rules.ok",
            locale,
            path=show(path),
            name=show(ruleset.name),
            language=ruleset.language,
            items=len(ruleset.items),
            lots=len(lots),
        )
    )
    table = Table(title_justify="left")
    for column in ("code", "unit", "label", "quantity", "openings"):
        table.add_column(say(f"console.rules.columns.{column}", locale))
    for item in ruleset.items:
        conventions = ", ".join(
            say("console.rules.deduct", locale, value=f"{v:g}", unit=unit)
            for unit, v in (("m2", item.deduct_above_m2), ("m3", item.deduct_above_m3))
            if v is not None
        )
        table.add_row(show(item.code), item.unit, show(item.label), show(item.quantity.text), conventions)
    out.print(table)


def print_revision(revision: bimquant.Revision, locale: str = "en") -> None:
    """Elements per status, the items whose quantity moved, plus- and moins-value, new prices."""
    info, totals = revision.info, revision.totals
    old, new = show(Path(info.get("old_file") or "").name), show(Path(info.get("new_file") or "").name)
    counts = ", ".join(f"{n} {say(f'console.diff.statuses.{s}', locale)}" for s, n in info["statuses"].items() if n)
    err.print(f"[bold]{old} -> {new}[/]: " + (counts or say("console.diff.no_element", locale)))
    how = revision.map["how"].value_counts()
    if how.get("signature", 0) or how.get("manual", 0):
        paired = say(
            "console.diff.paired",
            locale,
            global_id=how.get("global_id", 0),
            signature=how.get("signature", 0),
            manual=how.get("manual", 0),
        )
        err.print(f"  {paired}")
    moved = revision.items[revision.items["delta_quantity"] != 0].set_index("code")
    if len(moved):
        shown = moved[["unit", "old_quantity", "new_quantity", "delta_quantity", "delta_amount"]]
        err.print(make_table(say("console.diff.moved_items", locale), shown, locale))
    currency = show(revision.currency)
    if info.get("price_basis") == "none":
        err.print("  " + say("console.diff.not_priced", locale))
    else:
        for key in ("plus_value", "minus_value", "total_excl_vat", "total_incl_vat"):
            label = say(f"console.diff.totals.{key}", locale)
            err.print(f"  {label:<20} {format_number(totals[key], locale):>16} {currency}")
        source = show(say_price_source(info, locale))
        err.print("  " + say("console.diff.unit_prices", locale, source=source))
    if totals.get("new_prices"):
        codes = show(", ".join(revision.new_prices["code"]))
        err.print(f"[yellow]{say('console.diff.new_prices', locale, n=totals['new_prices'], codes=codes)}[/]")
    moved = revision.elements[revision.elements["changes"].str.contains("work items: ", regex=False)]
    if len(moved):
        shown = "; ".join(
            f"{name} ({changes.split('work items: ')[1].split(';')[0]})"
            for name, changes in zip(moved["name"].fillna(""), moved["changes"])
        )
        err.print(f"[yellow]{say('console.diff.moved_elements', locale, n=len(moved))}[/] {show(shown[:300])}")
    for warning in said_warnings(info, locale):
        err.print(f"{warning_label(locale)} {show(warning)}")


def said_warnings(info: dict, locale: str) -> list[str]:
    """A result's warnings in ``locale``: its French ones (``warnings_fr``) where it gives them,
    else each of ``warnings`` localized."""
    if locale == "fr" and info.get("warnings_fr") is not None:
        return list(info["warnings_fr"])
    return [localize(warning, locale) for warning in info.get("warnings", [])]


# a progress claim's totals, in the situation's order but the contract: console.situation.totals.<key>
SITUATION_TOTALS = tuple(key for key in SITUATION_TOTAL_KEYS if key != "contract")


def print_situation(claim: bimquant.Situation, locale: str = "en") -> None:
    """The claim's number and period, amounts per lot, the totals down to the net to pay."""
    info, totals = claim.info, claim.totals
    currency = show(claim.currency)
    share = format_share(totals["cumulative"] / totals["contract"] if totals["contract"] else 0, locale)
    err.print(say("console.situation.title", locale, number=info["number"], period=info["period"], share=share))
    lots = claim.lots.set_index("lot")[["contract_amount", "cumulative_amount", "period_amount"]]
    err.print(make_table(say("console.situation.by_lot", locale, currency=currency), lots, locale))
    for key in SITUATION_TOTALS:
        label = say(f"console.situation.totals.{key}", locale)
        err.print(f"  {label:<28} {format_number(totals[key], locale):>14} {currency}")
    if totals.get("autoliquidation"):
        err.print("  " + say("console.situation.autoliquidation", locale))
    err.print("  " + say("console.situation.due", locale, date=totals["due_date"]))
    planned = {row["period"]: row["planned"] for row in info.get("planned") or []}
    if info["period"] in planned:  # where the claim stands against the planned curve
        figures = dict(
            planned=format_number(planned[info["period"]], locale),
            claimed=format_number(totals["cumulative"], locale),
            currency=currency,
        )
        err.print("  " + say("console.situation.against_plan", locale, **figures))
    for warning in said_warnings(info, locale):
        err.print(f"{warning_label(locale)} {show(warning)}")
    unpriced = info.get("change_lines_without_price") or []
    if unpriced:
        codes = show(", ".join(unpriced))
        err.print(f"[yellow]{say('console.situation.unpriced', locale, n=len(unpriced), codes=codes)}[/]")


def print_costs(report: bimquant.Costs, locale: str = "en") -> None:
    """Budget, earned, actual, variance and CPI per lot and in total; what does not match."""
    totals, currency = report.totals, show(report.currency)
    lots = report.lots.set_index("lot")[["budget", "earned", "actual", "cost_variance", "cpi"]]
    title = say("console.costs.title", locale, period=report.info["period"], currency=currency)
    err.print(make_table(title, lots, locale))
    cpi = "-" if totals.get("cpi") is None else format_number(totals["cpi"], locale, 3)
    budget, earned = format_number(totals["budget"], locale), format_number(totals["earned"], locale)
    actual, variance = format_number(totals["actual"], locale), format_number(totals["cost_variance"], locale)
    figures = dict(budget=budget, earned=earned, actual=actual, variance=variance, currency=currency, cpi=cpi)
    err.print("  " + say("console.costs.totals", locale, **figures))
    if totals.get("spi") is not None:
        planned = format_number(totals["planned"], locale)
        err.print("  " + say("console.costs.planned", locale, planned=planned, spi=totals["spi"]))
    said = []  # what the CPI is over, and what it leaves out
    if totals.get("cpi_lines") is not None:
        said.append("  " + say("console.costs.cpi_lines", locale, n=totals["cpi_lines"]))
    without = report.unmatched[report.unmatched["issue"] == "progress, no costs"]
    if len(without):
        codes, n = show(", ".join(without["code"])), len(without)
        value = f"{format_number(totals.get('earned_without_costs') or 0, locale)} {currency}"
        said.append(
            f"{warning_label(locale)} {say('console.costs.without_costs', locale, n=n, value=value, codes=codes)}"
        )
    if totals.get("actual_booked_to_lots"):
        value = f"{format_number(totals['actual_booked_to_lots'], locale)} {currency}"
        said.append("  " + say("console.costs.booked_to_lots", locale, value=value))
    costs_only = report.unmatched[report.unmatched["issue"] == "costs, no progress"]
    if len(costs_only):
        codes, n = show(", ".join(costs_only["code"])), len(costs_only)
        said.append(f"[yellow]{say('console.costs.costs_only', locale, n=n)}[/] {codes}")
    said += [f"{warning_label(locale)} {show(warning)}" for warning in said_warnings(report.info, locale)]
    for line in said:
        err.print(line)
    _say_later(report.info, locale)


def print_plan(plan: bimquant.Plan, locale: str = "en") -> None:
    """Per lot: tasks, hours, first start and last finish; then the duration, the milestones,
    the critical path's length and the peak crew."""
    tasks = plan.tasks
    lots = tasks.groupby("lot", sort=False).agg(
        tasks=("task", "size"), hours=("hours", "sum"), start=("start", "min"), finish=("finish", "max")
    )
    info = plan.info
    title = say("console.plan.title", locale, start=info["start"], finish=info["finish"])
    err.print(make_table(title, lots, locale))
    figures = dict(
        days=info["working_days"],
        calendar=info["calendar_days"],
        weeks=format_number(info["calendar_days"] / 7, locale, 1),
        tasks=info["tasks"],
        critical=info["critical_tasks"],
        peak=info["peak_workers"],
        hours=format_number(info["hours"], locale, 0),
    )
    err.print("  " + say("console.plan.totals", locale, **figures))
    for row in plan.milestones.to_dict(orient="records"):
        name = say("value.milestone." + row["milestone"], locale)
        date = row["date"] if isinstance(row["date"], str) else localize(row["note"], locale)
        err.print("  " + say("console.plan.milestone", locale, name=name, date=show(str(date))))
    if info.get("status_date"):
        late = info["late_critical_tasks"]
        figures = dict(date=info["status_date"], delay=info["delay_days"], forecast=info["forecast_finish"])
        key = "console.plan.late" if info["delay_days"] > 0 else "console.plan.on_time"
        line = say(key, locale, finish=info["finish"], **figures)
        err.print(
            ("[yellow]" if info["delay_days"] > 0 else "") + f"  {line}" + ("[/]" if info["delay_days"] > 0 else "")
        )
        if late:
            err.print("  " + say("console.plan.late_tasks", locale, n=len(late), tasks=show(", ".join(late[:10]))))
    for warning in info.get("warnings") or []:
        err.print(f"{warning_label(locale)} {show(localize(warning, locale))}")
    if info.get("lots_without_tasks"):
        lots = show(", ".join(info["lots_without_tasks"]))
        err.print("  " + say("console.plan.lots_without_tasks", locale, lots=lots))
    if info.get("without_cadence"):
        codes = show(", ".join(info["without_cadence"]))
        err.print(f"{warning_label(locale)} {say('console.plan.without_cadence', locale, codes=codes)}")
    gaps = plan.checks[plan.checks["labour_check"] == "gap"]
    if len(gaps):
        codes = show(", ".join(gaps["code"]))
        err.print(f"{warning_label(locale)} {say('console.plan.labour_gaps', locale, n=len(gaps), codes=codes)}")
    _say_later(info, locale)


def print_stock(result: bimquant.Stock, locale: str = "en") -> None:
    """Per material and batch: delivered, consumed, on site; then the alerts, one per line."""
    materials = result.materials.assign(material=result.materials["material"] + " / " + result.materials["batch"])
    table = materials.set_index("material")[["unit", "ordered", "delivered", "consumed", "on_site"]]
    err.print(make_table(say("console.stock.title", locale, period=result.info["period"]), table, locale))
    alerts = result.materials[result.materials["alert"] != ""]
    for row in alerts.itertuples():
        err.print(f"[yellow]{show(row.material)} / {show(row.batch)}:[/] {show(localize(row.alert, locale))}")
    if alerts.empty:
        err.print("  " + say("console.stock.no_alert", locale))
    _say_later(result.info, locale)


def _say_later(info: dict, locale: str) -> None:
    """Rows of a running file dated after the period: not counted, and said."""
    later = info.get("rows_after_the_period") or []
    if later:
        rows = ", ".join(str(r) for r in later[:8]) + (" ..." if len(later) > 8 else "")
        err.print("  " + say("console.later", locale, n=len(later), period=info["period"], rows=rows))


def print_batch(result: bimquant.Batch, locale: str = "en") -> None:
    """Per model: elements, direct cost, cost per m2; then the models that failed, and why."""
    models = result.models
    if len(models):
        shown = models.assign(file=[Path(f).name for f in models["file"]]).set_index("file")
        wanted = ("elements_measured", "elements_failed", "total_excl_vat", "cost_per_m2", "volume_share", "complete")
        columns = [c for c in wanted if c in shown and shown[c].notna().any()]
        answers = {True: say("console.batch.yes", locale), False: say("console.batch.no", locale)}
        shown = shown.assign(complete=shown["complete"].map(answers))
        title = say("console.batch.title", locale)
        err.print(make_table(title, shown[columns], locale, shares=("volume_share",)))
        incomplete = models[models["complete"] == False]  # noqa: E712  (NaN: not estimated)
        if len(incomplete):
            err.print(f"{warning_label(locale)} {say('console.batch.incomplete', locale, n=len(incomplete))}")
    for row in result.failures.itertuples():
        failed = say("console.batch.failed", locale) + say("console.colon", locale)
        err.print(f"[red]{failed}[/] {show(Path(row.file).name)}: {show(localize(row.reason, locale))}")
    err.print(say("console.batch.counts", locale, measured=result.info["measured"], failed=result.info["failed"]))


SKIPPED_SHOWN = 5


def print_writeback(result: bimquant.Writeback, locale: str = "en") -> None:
    """The sets written and how, the cost schedule, then what was skipped and why."""
    info = result.info
    err.print(f"[bold]{show(Path(info['file']).name)}[/] ({show(info['schema'])}) -> {show(Path(info['output']).name)}")
    sets = dict(
        elements=info["elements_with_quantities"],
        added=info["sets_added"],
        beside=info["sets_beside"],
        replaced=info["sets_replaced"],
        rewritten=info["sets_rewritten"],
    )
    err.print("  " + say("console.writeback.base_quantities", locale, **sets))
    if info.get("legacy_sets_kept"):
        err.print("  " + say("console.writeback.legacy_sets_kept", locale, n=info["legacy_sets_kept"]))
    err.print("  " + say("console.writeback.work_items", locale, n=info["elements_with_work_items"]))
    if info["cost_schedule"] is not None:
        schedule = dict(
            name=show(info["cost_schedule"]),
            lots=info["lots"],
            items=info["cost_items"],
            unpriced=info["unpriced_items"],
            cost=format_number(info["direct_cost"], locale),
            currency=show(info["currency"]),
        )
        err.print("  " + say("console.writeback.cost_schedule", locale, **schedule))
    skipped = result.skipped
    reasons_fr = info.get("skipped_fr") if locale == "fr" else None
    for index, row in enumerate(skipped.head(SKIPPED_SHOWN).itertuples()):
        what = say_or(f"console.writeback.skipped_what.{row.what}", locale, row.what)
        about = " ".join(show(v) for v in (what, row.global_id, row.code) if isinstance(v, str) and v)
        reason = reasons_fr[index] if reasons_fr else localize(row.reason, locale)
        label, colon = say("console.writeback.skipped", locale), say("console.colon", locale)
        err.print(f"[yellow]{label}[/] {about}{colon} {show(reason)}")
    if len(skipped) > SKIPPED_SHOWN:
        err.print("  " + say("console.writeback.more", locale, n=len(skipped) - SKIPPED_SHOWN))
    for warning in info["warnings"]:
        err.print(f"{warning_label(locale)} {show(localize(warning, locale))}")


def print_report(shown, locale: str = "en") -> None:
    """What the HTML report holds: the total, elements drawn, and what could not be drawn."""
    scene, budget = shown.scene, shown.budget
    figures = dict(
        items=len(budget.lines),
        total=format_number(budget.totals["total_excl_vat"], locale),
        currency=show(budget.currency),
        drawn=len(set(scene.instance_element)),
        elements=len(shown.elements),
        bodies=len(scene.positions),
        triangles=format_number(scene.triangles, locale, 0),
    )
    err.print(say("console.report.summary", locale, **figures))
    if budget.totals.get("unpriced_items"):
        err.print("  " + say("console.report.unpriced", locale, n=budget.totals.get("unpriced_items", 0)))
    if budget.work is not None:
        print_coverage(budget.work.coverage, locale)
    if scene.decimated:
        err.print("  " + say("console.report.decimated", locale, n=len(scene.decimated)))
