"""What each command prints for a person: summaries on stderr, text reports on stdout.

No computation here beyond grouping for display: every number comes from the library's result.
Each function speaks the ``locale`` it is given (``"en"`` or ``"fr"``): :func:`words` keeps the
two forms of a line side by side, and :mod:`bimquant.labels` names the columns.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

import bimquant
from bimquant.authored import VERDICTS
from bimquant.cli.console import err, format_number, format_share, make_table, show
from bimquant.columns import QUANTITY_COLUMNS
from bimquant.estimate import TOTAL_KEYS
from bimquant.labels import header
from bimquant.diff import say_price_source
from bimquant.rules import RuleSet, WorkItems


def words(locale: str):
    """``say(english, french)``: the line in ``locale``."""
    return (lambda en, fr: fr) if locale == "fr" else (lambda en, fr: en)


def print_takeoff(result: bimquant.Takeoff, locale: str = "en") -> None:
    """Counts, volumes by class and storey, failures, suspect authored values; work items."""
    say = words(locale)
    elements, info = result.elements, result.info
    seconds = format_number(info["total_s"], locale, 1)
    err.print(
        f"[bold]{show(Path(info['file']).name)}[/] ({show(info['schema'])}): "
        + say(
            f"{len(elements)} elements measured, {len(result.failures)} failed, "
            f"{len(result.excluded)} not measured, in {seconds} s",
            f"{len(elements)} éléments mesurés, {len(result.failures)} en échec, "
            f"{len(result.excluded)} non mesurés, en {seconds} s",
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
        err.print(make_table(say("By class", "Par classe IFC"), by_class, locale))
        no_storey = say("(no storey)", "(sans niveau)")
        storeys = elements.fillna({"storey": no_storey}).sort_values("storey_elevation_m", kind="stable")
        by_storey = storeys.groupby("storey", sort=False).agg(
            count=("global_id", "size"), net_volume_m3=("net_volume_m3", total)
        )
        err.print(make_table(say("By storey", "Par niveau"), by_storey, locale))
    print_failures(result.failures, locale)
    if info.get("elements_damaged"):
        err.print(
            say(
                f"[bold yellow]{info['elements_damaged']} element(s) use instances the file breaks:[/] their "
                "quantities are uncertain (measure_note)",
                f"[bold yellow]{info['elements_damaged']} élément(s) utilisent des instances que le fichier "
                "endommage :[/] leurs quantités sont incertaines (colonne « Remarque de mesure »)",
            )
        )
    for assumption in info.get("assumptions", []):
        err.print(f"[bold yellow]{say('Assumed:', 'Hypothèse :')}[/] {show(assumption)}")
    suspects = result.authored[result.authored["verdict"] != "ok"] if len(result.authored) else result.authored
    if len(suspects):
        err.print(
            say(
                f"{len(suspects)} authored quantities disagree with the geometry: run [bold]bimquant validate[/]",
                f"{len(suspects)} quantité(s) déclarée(s) dans la maquette ne concordent pas avec la géométrie : "
                "lancer [bold]bimquant validate[/]",
            )
        )
    if result.work is not None:
        print_work_items(result.work, locale)


def print_failures(failures: pd.DataFrame, locale: str = "en") -> None:
    if len(failures):
        err.print(
            words(locale)(
                f"[bold red]{len(failures)} element(s) could not be measured:[/]",
                f"[bold red]{len(failures)} élément(s) n'ont pas pu être mesurés :[/]",
            )
        )
        for row in failures.itertuples():
            err.print(f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)}: {show(row.reason)}")


def print_work_items(work: WorkItems, locale: str = "en") -> None:
    say = words(locale)
    items = work.items.set_index("code")[["label", "unit", "quantity", "elements"]]
    err.print(make_table(say(f"Work items ({work.ruleset.name})", f"Ouvrages ({work.ruleset.name})"), items, locale))
    print_coverage(work.coverage, locale)
    if len(work.unmapped):
        err.print(
            say(
                f"{len(work.unmapped)} element(s) feed no item (sheet 'unmapped'), e.g.:",
                f"{len(work.unmapped)} élément(s) n'alimentent aucun ouvrage (feuille « Sans ouvrage »), par exemple :",
            )
        )
        for row in work.unmapped.head(5).itertuples():
            err.print(f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)}: {show(row.reason)}")
    print_double_counts(work, locale)
    double = set(work.reconciliation.loc[work.reconciliation["verdict"] == "double_counted", "global_id"])
    others = work.warnings[(work.warnings["kind"] == "conflict") & ~work.warnings["global_id"].isin(double)]
    if len(others):
        err.print(
            say(
                f"[bold yellow]{len(others)} conflict(s): elements counted in two items that measure the "
                f"same thing[/] (sheet 'warnings')",
                f"[bold yellow]{len(others)} conflit(s) : éléments comptés dans deux ouvrages qui mesurent "
                f"la même chose[/] (feuille « Avertissements »)",
            )
        )
    missing = work.warnings[work.warnings["kind"] == "missing_value"]
    if len(missing):
        err.print(
            say(
                f"{len(missing)} contribution(s) without a value (sheet 'warnings')",
                f"{len(missing)} contribution(s) sans valeur (feuille « Avertissements »)",
            )
        )


COVERAGE_WORDS = {  # a reconciliation status in a sentence
    "double_counted": ("counted twice", "compté(s) deux fois"),
    "value_unknown": ("quantity of no value", "quantité sans valeur"),
    "not_priced": ("not priced", "non chiffré(s)"),
    "geometry_failed": ("geometry failed", "géométrie illisible"),
}
GAPS_SHOWN = 3


def print_coverage(coverage: dict, locale: str = "en", out: Console | None = None) -> None:
    """The coverage line, always: elements priced once, the share of the building volume, of
    the walls' face area and of the doors and windows; then, when the estimate does not cover
    the model, a ``Warning:`` line naming the largest groups not priced (below the threshold)
    or how many elements are not priced once."""
    if not coverage or "building_elements" not in coverage:
        return
    out = out or err
    say = words(locale)
    c = coverage
    volume = format_number(c["net_volume_m3"], locale, 1)
    share = format_share(c["volume_share"], locale)
    line = say(
        f"Coverage: priced once {c['elements_priced']} of {c['building_elements']} elements, {share} of "
        f"{volume} m3 of building volume",
        f"Couverture : {c['elements_priced']} élément(s) chiffré(s) une fois sur {c['building_elements']}, "
        f"{share} de {volume} m3 de volume bâti",
    )
    if c["wall_face_area_m2"]:
        face = format_number(c["wall_face_area_m2"], locale, 1)
        line += say(
            f", {format_share(c['wall_face_share'], locale)} of {face} m2 of wall face",
            f", {format_share(c['wall_face_share'], locale)} de {face} m2 de parement de murs",
        )
    if c["doors_windows"]:
        line += say(
            f", {c['doors_windows_priced']} of {c['doors_windows']} doors and windows",
            f", {c['doors_windows_priced']} porte(s) et fenêtre(s) sur {c['doors_windows']}",
        )
    left_out = [
        say(f"{c['not_building_work']} not building work", f"{c['not_building_work']} hors ouvrages")
        if c.get("not_building_work")
        else "",
        say(
            f"{c['represented_by_parts']} counted through their parts",
            f"{c['represented_by_parts']} compté(s) par leurs parties",
        )
        if c.get("represented_by_parts")
        else "",
    ]
    left_out = [text for text in left_out if text]
    out.print(line + (f" ({say('; ', ' ; ').join(left_out)})" if left_out else ""))
    if c["complete"]:
        return
    label = say("[yellow]Warning:[/]", "[yellow]Attention :[/]")
    counts = "; ".join(f"{c[status]} {say(*COVERAGE_WORDS[status])}" for status in COVERAGE_WORDS if c.get(status))
    if c["volume_unknown_elements"]:
        counts += say(
            f" ({c['volume_unknown_elements']} of unknown volume)",
            f" (dont {c['volume_unknown_elements']} de volume inconnu)",
        )
    if c["below_threshold"]:
        threshold = format_share(c["threshold"], locale)
        out.print(
            label
            + say(
                f" only {share} of the building volume is priced once (threshold {threshold}): {counts}. Largest:",
                f" seulement {share} du volume bâti est chiffré une fois (seuil {threshold}) : {counts}. Les plus "
                "gros :",
            )
        )
    else:
        out.print(
            label
            + say(
                f" not every element is priced once: {counts}. Largest:",
                f" tous les éléments ne sont pas chiffrés une fois : {counts}. Les plus gros :",
            )
        )
    for gap in c.get("gaps", [])[:GAPS_SHOWN]:
        what = " / ".join(show(v) for v in (gap["ifc_class"], gap.get("material"), gap.get("type_name")) if v)
        amount = (
            format_number(gap["net_volume_m3"], locale, 1) + " m3"
            if gap["net_volume_m3"] is not None
            else say("volume unknown", "volume inconnu")
        )
        status = say(*COVERAGE_WORDS[gap["status"]])
        out.print(f"  {gap['elements']} {what}, {amount}, {status}{say(':', ' :')} {show(say_reason(gap, locale))}")


def say_reason(gap: dict, locale: str) -> str:
    """Why a group is not priced, in the reader's language: the library's reason in English;
    in French, the usual reasons in French and the others by their status."""
    if locale != "fr":
        return gap["reason"]
    reason = str(gap["reason"])
    if reason.startswith("no item selects "):
        return f"aucun ouvrage ne prend la classe {reason.removeprefix('no item selects ')}"
    if reason.startswith("feeds "):
        fed = reason.removeprefix("feeds ").split(", but")[0]
        return f"seuls des ouvrages de couverture ou de finition les prennent ({fed}), pas leur corps"
    if reason.startswith("no body representation"):
        return "pas de corps à mesurer, et aucun ouvrage ne les compte"
    return {
        "not_priced": "aucun ouvrage de structure ne les prend avec ce matériau ou ces dimensions",
        "geometry_failed": "géométrie illisible, et ni comptage ni quantité déclarée fiable",
        "value_unknown": "une quantité d'ouvrage sans valeur pour eux",
        "double_counted": "deux ouvrages qui mesurent la même chose les prennent",
    }.get(gap["status"], reason)


PROBLEM_WORDS = {  # bimquant.readiness.KINDS in a sentence
    "not_selected": ("no item selects them", "aucun ouvrage ne les prend"),
    "material_not_recognised": (
        "their class is priced, not with this material (or none)",
        "classe chiffrée, mais pas avec ce matériau (ou aucun)",
    ),
    "body_not_priced": (
        "only roofing or finish items take them, not their body",
        "seuls des ouvrages de couverture ou de finition les prennent, pas leur corps",
    ),
    "no_body": (
        "no body to measure, and no item counts them",
        "pas de corps à mesurer, et aucun ouvrage ne les compte",
    ),
    "value_unknown": ("an item's quantity has no value for them", "quantité d'ouvrage sans valeur"),
    "double_counted": ("counted twice", "comptés deux fois"),
    "aggregate_parts": (
        "aggregates whose parts carry the geometry, parts not priced",
        "assemblages dont les parties portent la géométrie, parties non chiffrées",
    ),
    "geometry_failed": ("geometry failed, not priced", "géométrie illisible, non chiffrés"),
    "placeholder": ("line whose label waits for a decision", "ligne au libellé à préciser"),
    "priced_without_geometry": (
        "priced without their geometry (by count, or the file's checked quantities)",
        "chiffrés sans leur géométrie (au comptage, ou aux quantités déclarées vérifiées)",
    ),
    "type_disagrees": ("the occurrence and its type disagree", "l'occurrence et son type se contredisent"),
    "external_disagrees": (
        "IsExternal contradicted by the storey outline",
        "IsExternal contredit par le contour du niveau",
    ),
    "class_contradicts_shape": (
        "class contradicted by the shape, category or name",
        "classe contredite par la forme, la catégorie ou le nom (voir bimquant explain)",
    ),
    "no_storey": ("in no storey", "rattachés à aucun niveau"),
    "no_spaces": (
        "no rooms (IfcSpace): the cost per m2 is on the floor slabs",
        "aucun local (IfcSpace) : le coût au m2 porte sur les dalles",
    ),
}


def print_readiness(readiness: bimquant.Readiness, out: Console, locale: str = "en") -> None:
    """Ready or not, then each problem: blocking ones first, with count and quantities."""
    say = words(locale)
    info = readiness.info
    name = show(info["ruleset"])
    if info["ready"]:
        out.print(say(f"Ready to be priced with {name}.", f"Prête à chiffrer avec {name}."))
    else:
        blocking = int(readiness.problems["blocking"].astype(bool).sum())
        out.print(
            say(
                f"[bold red]Not ready[/] to be priced with {name}: {blocking} problem(s) to settle first",
                f"[bold red]Pas prête[/] à chiffrer avec {name} : {blocking} problème(s) à régler d'abord",
            )
        )
    print_coverage(info.get("coverage") or {}, locale, out)
    shown_header = None
    for row in readiness.problems.to_dict(orient="records"):
        header = say("To settle:", "À régler :") if row["blocking"] else say("To check:", "À vérifier :")
        if header != shown_header:
            out.print(header)
            shown_header = header
        what = " / ".join(show(v) for v in (row["ifc_class"], row["material"], row["type_name"]) if v and v == v)
        measures = []
        if row["net_volume_m3"] == row["net_volume_m3"] and row["net_volume_m3"] is not None:
            measures.append(f"{format_number(row['net_volume_m3'], locale, 1)} m3")
        if row["wall_face_area_m2"] == row["wall_face_area_m2"] and row["wall_face_area_m2"] is not None:
            measures.append(
                say(
                    f"{format_number(row['wall_face_area_m2'], locale, 1)} m2 of wall face",
                    f"{format_number(row['wall_face_area_m2'], locale, 1)} m2 de parement",
                )
            )
        count = f"{int(row['elements'])} " if row["elements"] else ""
        quantity = f" ({', '.join(measures)})" if measures else ""
        phrase = say(*PROBLEM_WORDS[row["kind"]])
        detail = row["detail"] if row["kind"] in (DETAILED if locale != "fr" else DETAILED_FR) else ""
        said = TYPES_SAID.fullmatch(str(row["detail"])) if row["kind"] == "type_disagrees" else None
        if locale == "fr" and said:  # "the occurrence says ROOF, its type says FLOOR: read as ROOF"
            detail = f"l'occurrence dit {said[1]}, son type {said[2]} : lu comme {said[3]}"
        subject = f"{count}{what}{quantity}{say(':', ' :')} " if what or count else ""
        out.print(f"  {subject}{phrase}" + (f". {show(detail)}" if detail else ""))


TYPES_SAID = re.compile(r"the occurrence says (\S+), its type says (\S+): read as (\S+)")
# problems whose detail adds to the phrase, in English (the library's words) and in French
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
DETAILED_FR = {"placeholder", "type_disagrees"}


def print_double_counts(work: WorkItems, locale: str = "en") -> None:
    """Elements counted twice: printed as errors, with the first few and why."""
    double = work.reconciliation[work.reconciliation["verdict"] == "double_counted"]
    if not len(double):
        return
    err.print(
        words(locale)(
            f"[bold red]{len(double)} element(s) counted twice[/] by items measuring the same thing "
            "(sheet 'reconciliation'), e.g.:",
            f"[bold red]{len(double)} élément(s) comptés deux fois[/] par des ouvrages qui mesurent la même "
            "chose (feuille « Rapprochement »), par exemple :",
        )
    )
    for row in double.head(5).itertuples():
        err.print(f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)}: {show(row.reason)}")


def print_validation(report: bimquant.Validation, out: Console, suspects: bool = True, locale: str = "en") -> None:
    """The agreement table and, with ``suspects``, one line per suspect authored value."""
    say = words(locale)
    if report.summary.empty:
        err.print(
            say(
                "No authored quantity that bimquant compares was found in this model.",
                "Aucune quantité déclarée que bimquant sait comparer n'a été trouvée dans cette maquette.",
            )
        )
        return
    table = Table(
        title=say("Authored quantities against geometry (within 1%)", "Quantités déclarées et géométrie (à 1 % près)"),
        title_justify="left",
    )
    columns = (
        ("class", "classe"),
        ("quantity", "quantité"),
        ("count", "nombre"),
        ("agree", "concordent"),
        ("share", "part"),
        ("suspect", "suspectes"),
    )
    for index, (en, fr) in enumerate(columns):
        table.add_column(say(en, fr), justify="left" if index < 2 else "right")
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
        out.print(
            say(
                f"{len(report.suspects)} suspect authored value(s)",
                f"{len(report.suspects)} valeur(s) déclarée(s) suspecte(s)",
            )
        )
    elif len(report.suspects):
        out.print(
            say(
                f"\n{len(report.suspects)} suspect authored values:",
                f"\n{len(report.suspects)} valeurs déclarées suspectes :",
            )
        )
        geometry = say("geometry", "géométrie")
        for row in report.suspects.itertuples():
            out.print(
                f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)} "
                f"{show(row.set_name)}.{show(row.quantity)} = {row.authored_value:.6g} "
                f"({geometry} {row.computed_value:.6g}): {row.verdict} {show(row.detail or '')}"
            )


def print_explanation(explanation: bimquant.Explanation, out: Console, locale: str = "en") -> None:
    say = words(locale)
    e = explanation.element
    out.print(
        f"[bold]{show(e['global_id'])}[/] {show(e['ifc_class'])} {show(e['name'])} "
        + say(
            f"(storey {_or_none(e['storey'], locale)}, material {_or_none(e['material'], locale)})",
            f"(niveau {_or_none(e['storey'], locale)}, matériau {_or_none(e['material'], locale)})",
        )
    )
    measured = {k: v for k, v in e.items() if k in QUANTITY_COLUMNS and v == v and v is not None}
    out.print(say("  quantities: ", "  quantités : ") + ", ".join(f"{k} = {v:.6g}" for k, v in measured.items()))
    if e.get("signals"):
        out.print(say("  signals: ", "  signaux : ") + show(e["signals"]))
        precast = say(", precast", ", préfabriqué") if e.get("precast") else ""
        note = f" ({show(e['reading_note'])})" if e.get("reading_note") else ""
        out.print(say("  read as: ", "  lu comme : ") + show(e.get("read_class")) + precast + note)
    for o in explanation.openings.itertuples():
        out.print(
            say(
                f"  opening {show(o.opening_global_id)}: {o.area_m2:.4g} m2 in the face, "
                f"{o.volume_m3:.4g} m3 in the host",
                f"  ouverture {show(o.opening_global_id)} : {o.area_m2:.4g} m2 dans la face, "
                f"{o.volume_m3:.4g} m3 dans l'hôte",
            )
        )
    if len(explanation.matched):
        out.print(say("[bold]Items fed:[/]", "[bold]Ouvrages alimentés :[/]"))
    else:
        out.print(say("[bold]No item matches this element.[/]", "[bold]Aucun ouvrage ne prend cet élément.[/]"))
    for row in explanation.matched.itertuples():
        layer = say(f" [layer {show(row.layer)}]", f" [couche {show(row.layer)}]") if row.layer else ""
        out.print(
            f"  {show(row.code)} {show(row.label)}{layer}: {show(row.formula)} = "
            f"{show(row.computed)} = {row.contribution:.6g} {row.unit}"
        )
        if row.values:
            out.print(say("      values: ", "      valeurs : ") + show(row.values))
        if row.openings_deducted:
            out.print(say("      deducted: ", "      déduites : ") + show(row.openings_deducted))
        if row.openings_measured_through:
            out.print(
                say("      measured through: ", "      comptées pleines : ") + show(row.openings_measured_through)
            )
    if len(explanation.not_matched):
        out.print(say("[bold]Items not matched:[/]", "[bold]Ouvrages non alimentés :[/]"))
    for row in explanation.not_matched.itertuples():
        out.print(f"  {show(row.code)} {show(row.label)}: {show(row.reason)}")


def _or_none(value, locale: str = "en") -> str:
    if value is None or (isinstance(value, float) and value != value):
        return words(locale)("(none)", "(aucun)")
    return show(value)


TOTAL_WORDS = {
    "direct_cost": ("direct cost", "déboursé sec"),
    "site_overheads": ("site overheads", "frais de chantier"),
    "general_overheads": ("general overheads", "frais généraux"),
    "contingency": ("contingency", "aléas"),
    "margin": ("margin", "marge"),
    "total_excl_vat": ("total excl. VAT", "total HT"),
    "vat": ("VAT", "TVA"),
    "total_incl_vat": ("total incl. VAT", "total TTC"),
}


def print_budget(budget: bimquant.Budget, locale: str = "en") -> None:
    say = words(locale)
    if budget.work is not None:
        print_double_counts(budget.work, locale)
    lots = budget.lots.set_index("lot")[["amount", "share", "items", "unpriced_items"]]
    currency = show(budget.currency)
    title = say(f"Budget by lot ({currency}, excl. VAT)", f"Budget par lot ({currency} HT, déboursé sec)")
    err.print(make_table(title, lots, locale, shares=("share",)))
    for key in TOTAL_KEYS:
        label = say(*TOTAL_WORDS.get(key, (key.replace("_", " "),) * 2))
        err.print(f"  {label:<20} {format_number(budget.totals[key], locale):>16} {currency}")
    if budget.info.get("view") == "client" and budget.client_totals:
        sent = format_number(budget.client_totals["total_excl_vat"], locale)
        err.print(
            say(
                f"  client DPGF: total excl. VAT {sent} {currency} (each sale price rounded to the cent)",
                f"  DPGF client : total HT {sent} {currency} (chaque prix de vente arrondi au centime)",
            )
        )
    ratios = budget.ratios
    if ratios.get("cost_per_m2_excl_vat") is not None:
        cost, area = (
            format_number(ratios["cost_per_m2_excl_vat"], locale),
            format_number(ratios["floor_area_m2"], locale),
        )
        source = show(ratios["floor_area_source"])
        if locale == "fr":
            source = (
                "surface nette des locaux (IfcSpace)"
                if ratios.get("floor_area_basis") == "spaces"
                else "pas de locaux (IfcSpace) dans la maquette : surface des dalles de plancher, ce n'est pas la SDP"
            )
        err.print(
            say(
                f"  cost per m2 excl. VAT {cost} {currency} ({area} m2: {source})",
                f"  coût HT par m2 {cost} {currency} ({area} m2 : {source})",
            )
        )
    if budget.work is not None:
        print_coverage(budget.work.coverage, locale)
    if budget.totals["unpriced_items"]:
        codes = show(", ".join(budget.unpriced["code"]))
        err.print(
            say(
                f"[bold yellow]Incomplete: {budget.totals['unpriced_items']} item(s) without a price:[/] {codes}",
                f"[bold yellow]Incomplet : {budget.totals['unpriced_items']} ouvrage(s) sans prix :[/] {codes}",
            )
        )
    placeholders = budget.lines[budget.lines["placeholder"]]
    if len(placeholders):
        codes = show(", ".join(placeholders["code"]))
        err.print(
            say(
                f"[yellow]Warning:[/] {len(placeholders)} line(s) whose label still waits for a decision: {codes}",
                f"[yellow]Attention :[/] {len(placeholders)} ligne(s) dont le libellé reste à préciser : {codes}",
            )
        )
    if not budget.totals["complete"]:
        err.print(
            say(
                "[bold yellow]Incomplete estimate:[/] see the reserves (sheet 'reserves')",
                "[bold yellow]Estimation incomplète :[/] voir les réserves (feuille « Réserves »)",
            )
        )


def print_orders(plan: bimquant.Orders, locale: str = "en") -> None:
    say = words(locale)
    shown = plan.orders[["supplier", "label", "batch", "need", "ordered", "unit", "packs", "purchase_unit", "surplus"]]
    err.print(make_table(say("Orders", "Commandes"), shown.set_index("supplier"), locale))
    coverage = plan.info.get("coverage") or {}
    print_coverage(coverage, locale)
    if coverage and not coverage.get("complete", True):
        missing = sum(coverage.get(status, 0) for status in COVERAGE_WORDS)
        err.print(
            say(
                f"[yellow]Warning:[/] no material is ordered for the {missing} element(s) not priced once "
                "(no item takes them, so no recipe does): order them by hand or complete the rule set",
                f"[yellow]Attention :[/] aucun matériau n'est commandé pour les {missing} élément(s) non chiffré(s) "
                "une fois (aucun ouvrage ne les prend, donc aucune recette) : les commander à la main ou compléter "
                "les règles",
            )
        )
    for row in plan.orders.dropna(subset=["trucks"]).itertuples():
        last = format_number(row.last_truck, locale, 2).rstrip("0").rstrip(",.")
        err.print(
            say(
                f"  {show(row.label)} / {show(row.batch)}: {int(row.trucks)} truck(s), "
                f"last one {last} {show(row.unit)}",
                f"  {show(row.label)} / {show(row.batch)} : {int(row.trucks)} camion(s), le dernier de {last} "
                f"{show(row.unit)}",
            )
        )
    if len(plan.without_recipe):
        codes = show(", ".join(plan.without_recipe["code"]))
        err.print(
            say(
                f"{len(plan.without_recipe)} item(s) with a quantity but no recipe: {codes}",
                f"{len(plan.without_recipe)} ouvrage(s) avec une quantité mais sans recette : {codes}",
            )
        )


def print_ruleset(ruleset: RuleSet, path: Path, out: Console, locale: str | None = None) -> None:
    say = words(locale or ruleset.language)
    lots = sorted({item.lot for item in ruleset.items})
    out.print(
        say(
            f"OK: {show(path)}: rule set '{show(ruleset.name)}' ({ruleset.language}), "
            f"{len(ruleset.items)} items in {len(lots)} lots",
            f"OK : {show(path)} : jeu de règles « {show(ruleset.name)} » ({ruleset.language}), "
            f"{len(ruleset.items)} ouvrages dans {len(lots)} lots",
        )
    )
    table = Table(title_justify="left")
    for en, fr in (
        ("code", "N°"),
        ("unit", "U"),
        ("label", "désignation"),
        ("quantity", "quantité"),
        ("openings", "ouvertures"),
    ):
        table.add_column(say(en, fr))
    for item in ruleset.items:
        conventions = ", ".join(
            say(f"deduct > {v:g} {unit}", f"déduire > {v:g} {unit}")
            for unit, v in (("m2", item.deduct_above_m2), ("m3", item.deduct_above_m3))
            if v is not None
        )
        table.add_row(show(item.code), item.unit, show(item.label), show(item.quantity.text), conventions)
    out.print(table)


STATUS_WORDS = {
    "unchanged": ("unchanged", "inchangés"),
    "changed": ("changed", "modifiés"),
    "moved": ("moved", "déplacés"),
    "reclassified": ("reclassified", "reclassés"),
    "added": ("added", "ajoutés"),
    "removed": ("removed", "supprimés"),
    "ambiguous": ("ambiguous", "ambigus"),
}


def print_revision(revision: bimquant.Revision, locale: str = "en") -> None:
    """Elements per status, the items whose quantity moved, plus- and moins-value, new prices."""
    say = words(locale)
    info, totals = revision.info, revision.totals
    old, new = show(Path(info.get("old_file") or "").name), show(Path(info.get("new_file") or "").name)
    counts = ", ".join(f"{n} {say(*STATUS_WORDS[s])}" for s, n in info["statuses"].items() if n)
    err.print(f"[bold]{old} -> {new}[/]: " + (counts or say("no element", "aucun élément")))
    how = revision.map["how"].value_counts()
    if how.get("signature", 0) or how.get("manual", 0):
        err.print(
            say(
                f"  paired by GlobalId {how.get('global_id', 0)}, by signature {how.get('signature', 0)}, "
                f"by hand {how.get('manual', 0)}",
                f"  appariés par GlobalId {how.get('global_id', 0)}, par signature {how.get('signature', 0)}, "
                f"à la main {how.get('manual', 0)}",
            )
        )
    moved = revision.items[revision.items["delta_quantity"] != 0].set_index("code")
    if len(moved):
        shown = moved[["unit", "old_quantity", "new_quantity", "delta_quantity", "delta_amount"]]
        err.print(make_table(say("Items whose quantity moved", "Ouvrages dont la quantité change"), shown, locale))
    currency = show(revision.currency)
    if info.get("price_basis") == "none":
        err.print(say("  not priced: give --contract or --prices", "  non chiffré : donner --contract ou --prices"))
    else:
        for key, en, fr in (
            ("plus_value", "additions", "plus-values HT"),
            ("minus_value", "omissions", "moins-values HT"),
            ("total_excl_vat", "total excl. VAT", "total HT"),
            ("total_incl_vat", "total incl. VAT", "total TTC"),
        ):
            err.print(f"  {say(en, fr):<20} {format_number(totals[key], locale):>16} {currency}")
        source = show(say_price_source(info, locale))
        err.print(say(f"  unit prices: {source}", f"  prix unitaires : {source}"))
    if totals.get("new_prices"):
        codes = show(", ".join(revision.new_prices["code"]))
        err.print(
            say(
                f"[yellow]{totals['new_prices']} item(s) without a price (new rates to agree): {codes}[/]",
                f"[yellow]{totals['new_prices']} ouvrage(s) sans prix (prix nouveaux à négocier) : {codes}[/]",
            )
        )
    moved = revision.elements[revision.elements["changes"].str.contains("work items: ", regex=False)]
    if len(moved):
        shown = "; ".join(
            f"{name} ({changes.split('work items: ')[1].split(';')[0]})"
            for name, changes in zip(moved["name"].fillna(""), moved["changes"])
        )
        err.print(
            say(
                f"[yellow]{len(moved)} element(s) in both revisions moved between work items:[/] {show(shown[:300])}",
                f"[yellow]{len(moved)} élément(s) présents dans les deux maquettes changent d'ouvrage :[/] "
                f"{show(shown[:300])}",
            )
        )
    for warning in info.get("warnings_fr" if locale == "fr" else "warnings", []):
        err.print(f"[yellow]{say('Warning:', 'Attention :')}[/] {show(warning)}")


SITUATION_WORDS = {
    "cumulative": ("work to date", "cumul des travaux HT"),
    "previous": ("previous claims", "situations précédentes HT"),
    "period": ("this month", "travaux du mois HT"),
    "revision": ("price adjustment", "révision de prix"),
    "advance_recovered": ("advance recovered", "remboursement d'avance"),
    "amount_excl_vat": ("amount excl. VAT", "montant HT"),
    "vat": ("VAT", "TVA"),
    "retention": ("retention", "retenue de garantie"),
    "net_to_pay": ("net to pay", "net à payer"),
}


def print_situation(claim: bimquant.Situation, locale: str = "en") -> None:
    """The claim's number and period, amounts per lot, the totals down to the net to pay."""
    say = words(locale)
    info, totals = claim.info, claim.totals
    currency = show(claim.currency)
    err.print(
        say(
            f"[bold]Progress claim no. {info['number']}[/], {info['period']}: "
            f"{format_share(totals['cumulative'] / totals['contract'] if totals['contract'] else 0, locale)} "
            "of the contract to date",
            f"[bold]Situation n° {info['number']}[/], {info['period']} : "
            f"{format_share(totals['cumulative'] / totals['contract'] if totals['contract'] else 0, locale)} "
            "du marché au cumul",
        )
    )
    lots = claim.lots.set_index("lot")[["contract_amount", "cumulative_amount", "period_amount"]]
    err.print(make_table(say(f"By lot ({currency}, excl. VAT)", f"Par lot ({currency} HT)"), lots, locale))
    for key, (en, fr) in SITUATION_WORDS.items():
        err.print(f"  {say(en, fr):<28} {format_number(totals[key], locale):>14} {currency}")
    if totals.get("autoliquidation"):
        err.print(say("  reverse charge: VAT due by the client", "  autoliquidation : TVA due par le preneur"))
    err.print(say(f"  due {totals['due_date']}", f"  échéance {totals['due_date']}"))
    for warning in info.get("warnings_fr" if locale == "fr" else "warnings", []):
        err.print(f"[yellow]{say('Warning:', 'Attention :')}[/] {show(warning)}")
    unpriced = info.get("change_lines_without_price") or []
    if unpriced:
        codes = show(", ".join(unpriced))
        err.print(
            say(
                f"[yellow]{len(unpriced)} change-order line(s) without a price, not billed: {codes}[/]",
                f"[yellow]{len(unpriced)} ligne(s) de TS sans prix (prix nouveaux), non facturées : {codes}[/]",
            )
        )


def print_costs(report: bimquant.Costs, locale: str = "en") -> None:
    """Budget, earned, actual, variance and CPI per lot and in total; what does not match."""
    say = words(locale)
    totals, currency = report.totals, show(report.currency)
    lots = report.lots.set_index("lot")[["budget", "earned", "actual", "cost_variance", "cpi"]]
    title = say(
        f"Costs to {report.info['period']} ({currency}, direct cost)",
        f"Réalisé au {report.info['period']} ({currency}, déboursés HT)",
    )
    err.print(make_table(title, lots, locale))
    cpi = "-" if totals.get("cpi") is None else format_number(totals["cpi"], locale, 3)
    budget, earned = format_number(totals["budget"], locale), format_number(totals["earned"], locale)
    actual, variance = format_number(totals["actual"], locale), format_number(totals["cost_variance"], locale)
    err.print(
        say(
            f"  budget {budget}, earned {earned}, actual {actual}, variance {variance} {currency}, CPI {cpi}",
            f"  budget {budget}, valeur acquise {earned}, coût réel {actual}, écart {variance} {currency}, IPC {cpi}",
        )
    )
    if totals.get("spi") is not None:
        err.print(
            say(
                f"  planned value {format_number(totals['planned'], locale)}, SPI {totals['spi']}",
                f"  valeur planifiée {format_number(totals['planned'], locale)}, IPD {totals['spi']}",
            )
        )
    said = []  # (English, French): what the CPI is over, and what it leaves out
    if totals.get("cpi_lines") is not None:
        n = totals["cpi_lines"]
        said.append(
            (
                f"  CPI and EAC over the {n} line(s) with both progress and costs",
                f"  IPC et coût final prévu sur les {n} ligne(s) qui ont un avancement et des dépenses",
            )
        )
    without = report.unmatched[report.unmatched["issue"] == "progress, no costs"]
    if len(without):
        codes, n = show(", ".join(without["code"])), len(without)
        value = f"{format_number(totals.get('earned_without_costs') or 0, locale)} {currency}"
        said.append(
            (
                f"[yellow]Warning:[/] {n} line(s) with progress and no cost booked yet, {value} earned, "
                f"left out of the CPI: {codes}",
                f"[yellow]Attention :[/] {n} ligne(s) avancée(s) sans dépense enregistrée, valeur acquise "
                f"{value}, hors IPC : {codes}",
            )
        )
    if totals.get("actual_booked_to_lots"):
        value = f"{format_number(totals['actual_booked_to_lots'], locale)} {currency}"
        said.append(
            (
                f"  {value} booked to lots, not to lines: in the actual cost, not in the CPI",
                f"  {value} imputés à des lots, pas à des lignes : dans le coût réel, hors IPC",
            )
        )
    costs_only = report.unmatched[report.unmatched["issue"] == "costs, no progress"]
    if len(costs_only):
        codes, n = show(", ".join(costs_only["code"])), len(costs_only)
        said.append(
            (
                f"[yellow]{n} line(s) with costs and no progress:[/] {codes}",
                f"[yellow]{n} ligne(s) avec des dépenses et sans avancement :[/] {codes}",
            )
        )
    for english, french in said:
        err.print(say(english, french))
    _say_later(report.info, locale)


def print_stock(result: bimquant.Stock, locale: str = "en") -> None:
    """Per material and batch: delivered, consumed, on site; then the alerts, one per line."""
    say = words(locale)
    materials = result.materials.assign(material=result.materials["material"] + " / " + result.materials["batch"])
    table = materials.set_index("material")[["unit", "ordered", "delivered", "consumed", "on_site"]]
    err.print(make_table(say(f"Stock at {result.info['period']}", f"Stock au {result.info['period']}"), table, locale))
    alerts = result.materials[result.materials["alert"] != ""]
    for row in alerts.itertuples():
        err.print(f"[yellow]{show(row.material)} / {show(row.batch)}:[/] {show(row.alert)}")
    if alerts.empty:
        err.print(say("  no alert", "  aucune alerte"))
    _say_later(result.info, locale)


def _say_later(info: dict, locale: str) -> None:
    """Rows of a running file dated after the period: not counted, and said."""
    later = info.get("rows_after_the_period") or []
    if later:
        rows = ", ".join(str(r) for r in later[:8]) + (" ..." if len(later) > 8 else "")
        err.print(
            words(locale)(
                f"  {len(later)} row(s) dated after {info['period']} not counted (rows {rows})",
                f"  {len(later)} ligne(s) datée(s) après {info['period']} non comptée(s) (lignes {rows})",
            )
        )


def print_batch(result: bimquant.Batch, locale: str = "en") -> None:
    """Per model: elements, direct cost, cost per m2; then the models that failed, and why."""
    say = words(locale)
    models = result.models
    if len(models):
        shown = models.assign(file=[Path(f).name for f in models["file"]]).set_index("file")
        wanted = ("elements_measured", "elements_failed", "total_excl_vat", "cost_per_m2", "volume_share", "complete")
        columns = [c for c in wanted if c in shown and shown[c].notna().any()]
        shown = shown.assign(complete=shown["complete"].map({True: say("yes", "oui"), False: say("NO", "NON")}))
        err.print(make_table(say("Portfolio", "Portefeuille"), shown[columns], locale, shares=("volume_share",)))
        incomplete = models[models["complete"] == False]  # noqa: E712  (NaN: not estimated)
        if len(incomplete):
            err.print(
                say(
                    f"[yellow]Warning:[/] {len(incomplete)} model(s) not priced completely (listed first): "
                    "see each one's reserves",
                    f"[yellow]Attention :[/] {len(incomplete)} maquette(s) chiffrée(s) incomplètement (en tête) : "
                    "voir les réserves de chacune",
                )
            )
    for row in result.failures.itertuples():
        err.print(f"[red]{say('Failed', 'En échec')}:[/] {show(Path(row.file).name)}: {show(row.reason)}")
    err.print(
        say(
            f"{result.info['measured']} model(s) measured, {result.info['failed']} failed",
            f"{result.info['measured']} maquette(s) mesurée(s), {result.info['failed']} en échec",
        )
    )


SKIPPED_SHOWN = 5


SKIPPED_WHAT_FR = {  # writeback's skipped.what, in French
    "base quantities": "quantités de base",
    "work items": "quantités d'ouvrages",
    "cost schedule": "devis",
    "unit price": "prix unitaire",
}


def print_writeback(result: bimquant.Writeback, locale: str = "en") -> None:
    """The sets written and how, the cost schedule, then what was skipped and why."""
    say = words(locale)
    info = result.info
    err.print(f"[bold]{show(Path(info['file']).name)}[/] ({show(info['schema'])}) -> {show(Path(info['output']).name)}")
    counts = (info["sets_added"], info["sets_beside"], info["sets_replaced"], info["sets_rewritten"])
    err.print(
        say(
            f"  {info['elements_with_quantities']} element(s) given base quantities: {counts[0]} set(s) added, "
            f"{counts[1]} beside a set already there (in Bimquant_BaseQuantities), {counts[2]} replaced, "
            f"{counts[3]} written again",
            f"  {info['elements_with_quantities']} élément(s) avec leurs quantités de base : {counts[0]} jeu(x) "
            f"ajouté(s), {counts[1]} à côté d'un jeu existant (dans Bimquant_BaseQuantities), {counts[2]} "
            f"remplacé(s), {counts[3]} réécrit(s)",
        )
    )
    if info.get("legacy_sets_kept"):
        kept = info["legacy_sets_kept"]
        err.print(
            say(
                f"  {kept} element(s) also keep the exporter's BaseQuantities set, not replaced: two sets of base "
                "quantities side by side (--replace-quantities replaces it)",
                f"  {kept} élément(s) gardent aussi le jeu BaseQuantities de l'exportateur, non remplacé : deux jeux "
                "de quantités de base côte à côte (--replace-quantities le remplace)",
            )
        )
    err.print(
        say(
            f"  {info['elements_with_work_items']} element(s) given their work item quantities (Bimquant_WorkItems)",
            f"  {info['elements_with_work_items']} élément(s) avec leurs quantités d'ouvrages (Bimquant_WorkItems)",
        )
    )
    if info["cost_schedule"] is not None:
        cost = format_number(info["direct_cost"], locale)
        name, currency = show(info["cost_schedule"]), show(info["currency"])
        err.print(
            say(
                f"  cost schedule '{name}': {info['lots']} lots, {info['cost_items']} items "
                f"({info['unpriced_items']} without a price), direct cost {cost} {currency}",
                f"  devis (IfcCostSchedule) '{name}' : {info['lots']} lots, {info['cost_items']} ouvrages "
                f"({info['unpriced_items']} sans prix), déboursé sec {cost} {currency}",
            )
        )
    skipped = result.skipped
    reasons_fr = info.get("skipped_fr") or list(skipped["reason"])
    for index, row in enumerate(skipped.head(SKIPPED_SHOWN).itertuples()):
        what = say(row.what, SKIPPED_WHAT_FR.get(row.what, row.what))
        about = " ".join(show(v) for v in (what, row.global_id, row.code) if isinstance(v, str) and v)
        reason = say(row.reason, reasons_fr[index])
        err.print(f"[yellow]{say('Skipped:', 'Non écrit :')}[/] {about}{say(':', ' :')} {show(reason)}")
    if len(skipped) > SKIPPED_SHOWN:
        more = len(skipped) - SKIPPED_SHOWN
        err.print(say(f"  ... and {more} more skipped", f"  ... et {more} de plus"))
    for warning in info["warnings"]:
        err.print(f"[yellow]Warning:[/] {show(warning)}")


def print_report(shown, locale: str = "en") -> None:
    """What the HTML report holds: the total, elements drawn, and what could not be drawn."""
    say = words(locale)
    scene, budget = shown.scene, shown.budget
    currency = show(budget.currency)
    total = format_number(budget.totals["total_excl_vat"], locale)
    drawn = len(set(scene.instance_element))
    elements = len(shown.elements)
    err.print(
        say(
            f"{len(budget.lines)} work items, total excl. VAT {total} {currency}; {drawn} of {elements} elements "
            f"drawn ({len(scene.positions)} distinct bodies, {format_number(scene.triangles, locale, 0)} triangles)",
            f"{len(budget.lines)} ouvrages, total HT {total} {currency} ; {drawn} éléments dessinés sur {elements} "
            f"({len(scene.positions)} corps distincts, {format_number(scene.triangles, locale, 0)} triangles)",
        )
    )
    if budget.totals.get("unpriced_items"):
        n = budget.totals.get("unpriced_items", 0)
        err.print(say(f"  {n} item(s) without a price", f"  {n} ouvrage(s) sans prix"))
    if budget.work is not None:
        print_coverage(budget.work.coverage, locale)
    if scene.decimated:
        n = len(scene.decimated)
        err.print(
            say(
                f"  {n} element(s) drawn simplified (their quantities are exact)",
                f"  {n} élément(s) dessiné(s) simplifié(s) (leurs quantités restent exactes)",
            )
        )
