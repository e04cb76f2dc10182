"""The message catalogue: every sentence bimquant says to a person, in English and in French.

The library returns message ids and their values (:class:`Message`, or an id and keyword
values); the writers and the command line render them in the reader's language with
:func:`say`. Column headers and sheet names are in :mod:`bimquant.labels`; everything else a
person reads (titles, notes, warnings, errors, hints, console lines) is here, under an id
``area.name``, as ``(English, French)`` with ``{named}`` values (``str.format``).

Why one module rather than gettext ``.po`` catalogues: bimquant speaks two languages, both
written by its developers, and the JSON it writes keeps the ids (a script reads
``"omission"``, a person ``omission`` or ``relecture``). One dict keeps both sentences of an
id side by side, so a test checks that every id has both, with the same values
(``tests/test_messages.py``); gettext would add a compile step (``.mo``), English sentences as
keys that change with their wording, and plural rules two languages do not need.

Example::

    >>> say("situation_chart.contract", "fr")
    'marché'
    >>> Message("change_order.incomplete", n=2).render("fr")
    "INCOMPLET : 2 prix nouveau(x) à négocier, hors des totaux tant qu'il(s) n'a (ont) pas de prix"
"""

from __future__ import annotations

import functools
import re
import string

from bimquant.labels import header

LOCALES = ("en", "fr")

CATALOGUE: dict[str, tuple] = {
    # --- plan (the works schedule, bimquant.schedule) ---
    "console.plan.title": ("Works schedule from {start} to {finish}", "Planning des travaux du {start} au {finish}"),
    "console.plan.totals": (
        "{days} working days ({calendar} calendar days, {weeks} weeks), {tasks} tasks of which {critical} on the"
        " critical path, {hours} labour hours, peak {peak} workers on site",
        "{days} jours ouvrés ({calendar} jours calendaires, {weeks} semaines), {tasks} tâches dont {critical} sur le"
        " chemin critique, {hours} heures de main-d'oeuvre, au plus {peak} ouvriers sur le chantier",
    ),
    "console.plan.milestone": ("{name}: {date}", "{name} : {date}"),
    "console.plan.lots_without_tasks": (
        "no task for {lots}: the model prices nothing there, the plan leaves them out",
        "aucune tâche pour {lots} : la maquette n'y chiffre rien, le planning ne les compte pas",
    ),
    "console.situation.against_plan": (
        "planned by the end of the month: {planned} {currency}; claimed to date: {claimed} {currency}",
        "prévu au planning à la fin du mois : {planned} {currency} ; facturé au cumul : {claimed} {currency}",
    ),
    "console.plan.late": (
        "at {date}: {delay} working day(s) late on the critical path, handover forecast {forecast} (planned {finish})",
        "au {date} : {delay} jour(s) ouvré(s) de retard sur le chemin critique, réception prévue le {forecast} (planning : {finish})",
    ),
    "console.plan.on_time": (
        "at {date}: on time ({delay} working day(s)), handover forecast {forecast} (planned {finish})",
        "au {date} : dans les temps ({delay} jour(s) ouvré(s)), réception prévue le {forecast} (planning : {finish})",
    ),
    "console.plan.late_tasks": (
        "{n} critical task(s) behind their expected progress: {tasks}",
        "{n} tâche(s) critique(s) en retard sur l'avancement attendu : {tasks}",
    ),
    "console.plan.without_cadence": (
        "items without a cadence, planned 1 day each (add them to the productivity file): {codes}",
        "articles sans cadence, planifiés 1 jour chacun (ajoutez-les au fichier de cadences) : {codes}",
    ),
    "console.plan.labour_gaps": (
        "{n} item(s) whose hours x hourly rate differ from the labour of the prices by more than 1 %: {codes}",
        "{n} article(s) dont heures x taux horaire s'écarte de plus de 1 % de la main-d'oeuvre du bordereau : {codes}",
    ),
    "input.productivity": ("the productivity file (--productivity)", "le fichier de cadences (--productivity)"),
    "input.plan": ("the plan (--plan)", "le planning (--plan)"),
    "plan_sheet.title": (
        "Works schedule from {start} to {finish} ({days} working days)",
        "Planning des travaux du {start} au {finish} ({days} jours ouvrés)",
    ),
    "plan_sheet.columns": (
        ("Task", "Trade", "Work item", "Start", "Finish"),
        ("Tâche", "Lot", "Ouvrage", "Début", "Fin"),
    ),
    "plan_sheet.legend": ("critical path", "chemin critique"),
    "plan_sheet.legend_normal": ("task with float", "tâche avec marge"),
    "plan_sheet.legend_shut": ("week without works (closure)", "semaine sans travaux (fermeture)"),
    "plan_sheet.manpower_chart": (
        "Workers on site on an average working day, per week and trade",
        "Effectif moyen par jour ouvré sur chantier, par semaine et par lot",
    ),
    "plan_sheet.workers": ("workers", "ouvriers"),
    "plan_sheet.yes": ("yes", "oui"),
    "plan_sheet.status_date": ("status date (hatched: re-forecast)", "point d'avancement (hachuré : recalage)"),
    "plan_sheet.site_calendar": ("Site", "Chantier"),
    "plan_sheet.outdoor_calendar": ("Site, outdoor work", "Chantier, travaux extérieurs"),
    "plan_sheet.no": ("no", "non"),
    "value.sequence.structure": ("structure", "gros oeuvre, structure"),
    "value.sequence.envelope": ("envelope", "clos et couvert"),
    "value.sequence.finishes": ("finishes", "second oeuvre"),
    "value.milestone.start": ("start of works", "démarrage des travaux"),
    "value.milestone.structure": ("structure complete", "fin du gros oeuvre"),
    "value.milestone.watertight": ("watertight (roof on)", "hors d'eau"),
    "value.milestone.weathertight": ("weathertight (envelope closed)", "hors d'air"),
    "value.milestone.handover": ("handover", "réception"),
    "value.cadence.file": ("productivity file", "fichier de cadences"),
    "value.paced_by.crew": ("crew", "équipe"),
    "value.paced_by.min_days": ("minimum duration", "durée minimale"),
    "value.paced_by.per_day": ("equipment pace", "cadence du matériel"),
    "value.cadence.missing": ("no cadence: 1 day, to check", "sans cadence : 1 jour, à vérifier"),
    "value.labour_check.ok": ("ok", "conforme"),
    "value.labour_check.gap": ("gap over 1 %", "écart de plus de 1 %"),
    "value.labour_check.no labour price": ("no labour in the prices", "pas de main-d'oeuvre au bordereau"),
    "value.labour_check.no hourly rate": ("no hourly rate for the lot", "pas de taux horaire pour le lot"),
    "value.logic.structure": ("structure, storey after storey", "gros oeuvre, niveau après niveau"),
    "value.logic.structure of its storey": ("after the structure of its storey", "après la structure de son niveau"),
    "value.logic.crew": ("same crew, one task after the other", "même équipe, une tâche après l'autre"),
    "value.logic.envelope closed": ("after the envelope is closed", "après la mise hors d'air"),
    "value.logic.finishes before": (
        "after the trade before it on the storey",
        "après le corps d'état précédent du niveau",
    ),
    "value.logic.link": ("a link of the productivity file", "un lien du fichier de cadences"),
    "plan.expect.number_from": ("a number from 0", "un nombre positif ou nul"),
    "plan.expect.number_above": ("a number above 0", "un nombre supérieur à 0"),
    "plan.expect.whole_from": ("a whole number from 0", "un nombre entier positif ou nul"),
    "plan.expect.whole_above": ("a whole number above 0", "un nombre entier supérieur à 0"),
    "plan.expect.hours_day": ("at most 24", "au plus 24"),
    "plan.expect.weekdays": ("a list of days among {days}", "une liste de jours parmi {days}"),
    "plan.expect.one_of": ("one of {values}", "l'une des valeurs {values}"),
    "plan.expect.dates": ("a list of dates (2027-05-14)", "une liste de dates (2027-05-14)"),
    "plan.expect.closure": (
        '{{ from = "08-01", to = "08-21", label = "..." }}',
        '{{ from = "08-01", to = "08-21", label = "..." }}',
    ),
    "plan.expect.same_form": ("written as from is", "écrit comme from"),
    "plan.expect.after": ("on or after {first}", "le {first} ou après"),
    "plan.expect.weather": (
        'a table of months "1" to "12", each 0 to 15 days',
        'une table de mois "1" à "12", de 0 à 15 jours chacun',
    ),
    "plan.expect.crew": (
        '{{ "chef d\'équipe" = 1, compagnon = 3 }} (1 to 500 of each)',
        '{{ "chef d\'équipe" = 1, compagnon = 3 }} (de 1 à 500 de chaque)',
    ),
    "plan.expect.boolean": ("true or false", "true ou false"),
    "plan.expect.hours_unit": ("at most {most} hours per unit", "au plus {most} heures par unité"),
    "plan.holiday.new_year": ("New Year's Day", "Jour de l'an"),
    "plan.holiday.easter_monday": ("Easter Monday", "Lundi de Pâques"),
    "plan.holiday.labour_day": ("Labour Day", "Fête du travail"),
    "plan.holiday.victory_1945": ("Victory in Europe Day", "Victoire 1945"),
    "plan.holiday.ascension": ("Ascension Day", "Ascension"),
    "plan.holiday.whit_monday": ("Whit Monday", "Lundi de Pentecôte"),
    "plan.holiday.bastille_day": ("Bastille Day", "Fête nationale"),
    "plan.holiday.assumption": ("Assumption Day", "Assomption"),
    "plan.holiday.all_saints": ("All Saints' Day", "Toussaint"),
    "plan.holiday.armistice_1918": ("Armistice Day", "Armistice 1918"),
    "plan.holiday.christmas": ("Christmas Day", "Noël"),
    "plan.holiday.good_friday": ("Good Friday", "Vendredi saint"),
    "plan.holiday.st_stephen": ("St Stephen's Day", "Saint-Étienne"),
    "plan.no_task.structure": (
        "no structure task: the model has no structure work item with a quantity",
        "aucune tâche de structure : la maquette n'a pas d'ouvrage de structure quantifié",
    ),
    "plan.no_task.watertight": (
        'no roofing task (a lot with closes = "water"): the model has no roof priced as roofing',
        'aucune tâche de couverture (lot closes = "water") : la maquette n\'a pas de toiture chiffrée en couverture',
    ),
    "plan.no_task.weathertight": (
        "no envelope task: the end of the structure stands for it",
        "aucune tâche de clos et couvert : la fin de la structure en tient lieu",
    ),
    "plan.progress_per_line": (
        "{path} gives progress per line or lot: each item's percent is spread evenly over its tasks on every storey; give it per storey or per element to follow the plan storey by storey",
        "{path} donne l'avancement par ligne ou par lot : le pourcentage d'un article vaut pour ses tâches de tous les niveaux ; donnez-le par niveau ou par élément pour suivre le planning niveau par niveau",
    ),
    "plan.lots_at_zero": (
        "no progress for {lots}, due to have started: counted 0 %",
        "aucun avancement pour {lots}, qui devai(en)t avoir commencé : compté(s) à 0 %",
    ),
    "plan.other_model": (
        "the plan {plan} was made from {made_from}, the contract from {model}: check that it is this job's plan",
        "le planning {plan} a été fait sur {made_from}, le marché sur {model} : vérifiez que c'est bien le planning de ce chantier",
    ),
    "plan.lines_not_planned": (
        "{n} line(s) with an amount have no task in the plan, their money is never planned: {codes}",
        "{n} ligne(s) chiffrée(s) sans tâche dans le planning, leur montant n'est jamais prévu : {codes}",
    ),
    "plan.off.weekend": ("not a working day of the week", "jour non ouvré de la semaine"),
    "plan.off.holiday": ("a holiday of the productivity file", "jour chômé du fichier de cadences"),
    "plan.off.closure": ("a closure of the site", "fermeture du chantier"),
    "plan.expect.max_crews": ("at most 50", "au plus 50"),
    "plan.expect.closes": ('"water" (its end is the watertight milestone)', '"water" (sa fin est la mise hors d\'eau)'),
    "plan.expect.names": ("a list of names", "une liste de noms"),
    "plan.expect.table": ("a table", "une table"),
    "plan.expect.day": (
        'a day "MM-DD" (every year) or a date 2027-08-02',
        'un jour "MM-JJ" (chaque année) ou une date 2027-08-02',
    ),
    "error.plan.bad_value": (
        "{path}: {where}: {key} must be {expected}, not {value}",
        "{path} : {where} : {key} doit être {expected}, et non {value}",
    ),
    "hint.plan.bad_value": (
        "correct {key}: the comments at the top of rules/fr-cadences.toml describe every key",
        "corrigez {key} : les commentaires en tête de rules/fr-cadences.toml décrivent chaque clé",
    ),
    "error.plan.unknown_lot": (
        "{path}: {where}: lot {lot} is not a lot of the rule set '{rules}'",
        "{path} : {where} : le lot {lot} n'est pas un lot du jeu de règles « {rules} »",
    ),
    "hint.plan.lot_names": ("the lots are: {lots}", "les lots sont : {lots}"),
    "error.plan.unknown_code": (
        "{path}: {where}: item {code} is not in the rule set '{rules}'",
        "{path} : {where} : l'article {code} n'est pas dans le jeu de règles « {rules} »",
    ),
    "hint.plan.codes": (
        "use an item code of the rule set given with --rules (bimquant check lists them)",
        "utilisez un code d'article du jeu de règles donné par --rules",
    ),
    "error.plan.twice": ("{path}: {where}: '{name}' is given twice", "{path} : {where} : « {name} » figure deux fois"),
    "hint.plan.once": ("keep one table for it", "n'en gardez qu'une table"),
    "error.plan.lot_without_crew": (
        "{path}: lot '{lot}' has items with hours but no [[lot]] table (its crew)",
        "{path} : le lot « {lot} » a des articles avec des heures mais pas de table [[lot]] (son équipe)",
    ),
    "hint.plan.add_lot": (
        'add [[lot]] with lot = "{lot}", stage and crew',
        'ajoutez [[lot]] avec lot = "{lot}", stage et crew',
    ),
    "error.plan.no_item": ("{path}: no [[item]] in the file", "{path} : aucune table [[item]] dans le fichier"),
    "hint.plan.no_item": (
        "add [[item]] tables with code and hours, as in rules/fr-cadences.toml",
        "ajoutez des tables [[item]] avec code et hours, comme dans rules/fr-cadences.toml",
    ),
    "error.plan.no_working_day": (
        "{path}: [calendar] leaves no working day in a year",
        "{path} : [calendar] ne laisse aucun jour ouvré dans l'année",
    ),
    "hint.plan.no_working_day": (
        "check working_days and closures",
        "vérifiez working_days et closures",
    ),
    "error.plan.mspdi_not_xml": (
        "the MS Project file of plan is an .xml file: {name}",
        "le fichier MS Project de plan est un fichier .xml : {name}",
    ),
    "hint.plan.mspdi_xml": ("name it planning.xml", "nommez-le planning.xml"),
    "error.plan.ifc_not_ifc": (
        "the IFC copy of plan is an .ifc file: {name}",
        "la copie IFC de plan est un fichier .ifc : {name}",
    ),
    "error.plan.ifc_from_json": (
        "--ifc writes into the model: plan the IFC file, not the estimate's JSON",
        "--ifc écrit dans la maquette : planifiez le fichier IFC, pas le JSON de l'estimation",
    ),
    "hint.plan.ifc_from_json": (
        "bimquant plan MODEL.ifc --rules ... --ifc OUT.ifc",
        "bimquant plan MAQUETTE.ifc --rules ... --ifc SORTIE.ifc",
    ),
    "error.plan.ifc2x3": (
        "{path} is IFC2X3, whose tasks have no IfcTaskTime: the schedule can only be written into an IFC4 or later model",
        "{path} est en IFC2X3, dont les tâches n'ont pas d'IfcTaskTime : le planning ne s'écrit que dans une maquette IFC4 ou plus récente",
    ),
    "hint.plan.ifc2x3": (
        "export the model as IFC4, or leave out --ifc (the other outputs do not need it)",
        "exportez la maquette en IFC4, ou retirez --ifc (les autres sorties n'en ont pas besoin)",
    ),
    "error.plan.not_a_plan": (
        "{path} is not a plan written by bimquant plan (no info and planned table)",
        "{path} n'est pas un planning écrit par bimquant plan (pas de tables info et planned)",
    ),
    "error.plan.bad_planned_row": (
        "{path}: {where} needs a code and a percent from 0 to 100",
        "{path} : {where} doit avoir un code et un pourcentage de 0 à 100",
    ),
    "hint.plan.plan_json": (
        "give the JSON of bimquant plan: bimquant plan MODEL ... -o plan.json",
        "donnez le JSON de bimquant plan : bimquant plan MAQUETTE ... -o planning.json",
    ),
    "error.plan.productivity_and_start": (
        "--productivity and --start go together",
        "--productivity et --start vont ensemble",
    ),
    "hint.plan.productivity_and_start": (
        "give both to add the works schedule: --productivity rules/fr-cadences.toml --start 2027-03-01",
        "donnez les deux pour ajouter le planning : --productivity rules/fr-cadences.toml --start 2027-03-01",
    ),
    "error.plan.bad_crews": ("--crews {text} is not LOT=N", "--crews {text} n'est pas de la forme LOT=N"),
    "hint.plan.crews_form": (
        'write --crews "02 Gros oeuvre=2" (or the lot\'s number, --crews 02=2), N from 1 to 50',
        'écrivez --crews "02 Gros oeuvre=2" (ou le numéro du lot, --crews 02=2), N de 1 à 50',
    ),
    "error.plan.crews_count": (
        "--crews {text}: a lot has 1 to 50 crews side by side",
        "--crews {text} : un lot a de 1 à 50 équipes côte à côte",
    ),
    "error.plan.unknown_crew_lot": (
        "--crews names the lot {lot}, which has no crew in the productivity file",
        "--crews nomme le lot {lot}, qui n'a pas d'équipe dans le fichier de cadences",
    ),
    "error.plan.start_off": (
        "--start {start} is not a working day ({why})",
        "--start {start} n'est pas un jour ouvré ({why})",
    ),
    "hint.plan.start_on": ("start on {day}, the next working day", "commencez le {day}, jour ouvré suivant"),
    "error.plan.bad_date": ("{option} {text} is not a date", "{option} {text} n'est pas une date"),
    "hint.plan.date_form": ("write {option} 2027-03-01 (YYYY-MM-DD)", "écrivez {option} 2027-03-01 (AAAA-MM-JJ)"),
    "error.plan.progress_and_date": (
        "--progress and --status-date go together",
        "--progress et --status-date vont ensemble",
    ),
    "hint.plan.progress_and_date": (
        "give the progress file and the date it was taken: --progress avancement.csv --status-date 2027-05-14",
        "donnez le fichier d'avancement et sa date : --progress avancement.csv --status-date 2027-05-14",
    ),
    "error.plan.status_before_start": (
        "--status-date {status} is before the start of works ({start})",
        "--status-date {status} précède le démarrage des travaux ({start})",
    ),
    "hint.plan.status_after_start": (
        "give the date the progress was taken, on or after --start",
        "donnez la date du relevé d'avancement, le jour de --start ou après",
    ),
    "error.plan.cycle": (
        "the links of the plan make a loop: {loop}",
        "les liens du planning forment une boucle : {loop}",
    ),
    "hint.plan.cycle": (
        "remove or turn one [[link]] of the productivity file that closes this loop",
        "supprimez ou inversez un [[link]] du fichier de cadences qui ferme cette boucle",
    ),
    "error.plan.nothing": (
        "no work item has a quantity: there is nothing to schedule",
        "aucun article n'a de quantité : il n'y a rien à planifier",
    ),
    "hint.plan.nothing": (
        "check the model and the rule set with bimquant check",
        "vérifiez la maquette et le jeu de règles avec bimquant check",
    ),
    "error.plan.too_long": (
        "the plan runs more than {years} years past its start",
        "le planning dépasse {years} ans après son début",
    ),
    "hint.plan.too_long": (
        "check the hours per unit and the crews of the productivity file",
        "vérifiez les heures par unité et les équipes du fichier de cadences",
    ),
    "error.loaders.kind.productivity_file": ("productivity file", "fichier de cadences"),
    "error.loaders.kind.schedule": ("plan", "planning"),
    # --- dpgf ---
    "dpgf.sheet": ("Estimate", "DPGF"),
    "dpgf.trace": ("Element trace", "Détail par élément"),
    "dpgf.unpriced": ("Unpriced", "Sans prix"),
    "dpgf.lots": ("Lots", "Lots"),
    "dpgf.headers": (
        ("No.", "Description", "Unit", "Quantity", "Unit price", "Amount", "Share"),
        ("N°", "Désignation", "U", "Quantité", "PU HT", "Montant HT", "Part"),
    ),
    "dpgf.subtotal": ("Subtotal", "Sous-total"),
    "dpgf.direct": ("Direct cost", "Total déboursé sec"),
    "dpgf.site": ("Site overheads", "Frais de chantier"),
    "dpgf.general": ("General overheads", "Frais généraux"),
    "dpgf.contingency": ("Contingency", "Aléas"),
    "dpgf.subtotal_all": ("Subtotal before margin", "Sous-total HT hors marge"),
    "dpgf.margin": ("Margin", "Marge"),
    "dpgf.total_excl": ("Total excl. VAT", "Total HT"),
    "dpgf.vat": ("VAT", "TVA"),
    "dpgf.total_incl": ("Total incl. VAT", "Total TTC"),
    "dpgf.rate": ("rate %", "taux %"),
    "dpgf.area": ("Net floor area of the rooms (IfcSpace) m2", "Surface nette des locaux (IfcSpace) m2"),
    "dpgf.area_slabs": (
        "Floor slab area (no rooms in the model) m2",
        "Surface des dalles de plancher (maquette sans locaux ; ce n'est pas la SDP) m2",
    ),
    "dpgf.per_m2": ("Cost per m2 excl. VAT", "Coût HT par m2"),
    "dpgf.incomplete": (
        "INCOMPLETE: {n} item(s) without a price (sheet 'Unpriced')",
        "INCOMPLET : {n} article(s) sans prix (feuille « Sans prix »)",
    ),
    "dpgf.title": ("Estimate", "Estimation"),
    # --- reserves ---
    "reserves.sheet": ("Reserves", "Réserves"),
    "reserves.title": (
        "Reserves: what this estimate does not cover, or covers with a reservation",
        "Réserves : ce que ce chiffrage ne couvre pas, ou couvre sous réserve",
    ),
    "reserves.none": (
        "No reservation: every element of the model is priced once.",
        "Aucune réserve : chaque élément de la maquette est chiffré une fois.",
    ),
    "reserves.headers": (
        ("Subject", "Nature", "Material", "Storey", "Count", "Volume m3", "Wall face m2", "Reason"),
        ("Objet", "Nature", "Matériau", "Niveau", "Nombre", "Volume m3", "Parement m2", "Motif"),
    ),
    "reserves.see": ("With reservations: see the sheet 'Reserves'", "Sous réserves : voir la feuille « Réserves »"),
    "reserves.status.not_priced": ("Elements not priced", "Éléments non chiffrés"),
    "reserves.status.geometry_failed": ("Geometry unreadable", "Géométrie illisible"),
    "reserves.status.value_unknown": ("Quantity not measurable", "Quantité non mesurable"),
    "reserves.status.double_counted": ("Counted twice", "Comptés deux fois"),
    "reserves.status.unpriced": ("Item without a price", "Article sans prix"),
    "reserves.status.placeholder": ("Label to be specified", "Libellé à préciser"),
    "reserves.status.provenance": ("Quantity not from geometry", "Quantité hors géométrie"),
    "reserves.why.not_priced": ("no item of the bill takes them", "aucun article du bordereau ne les prend en compte"),
    "reserves.why.geometry_failed": (
        "their geometry could not be measured in the model",
        "leur géométrie n'a pas pu être mesurée dans la maquette",
    ),
    "reserves.why.value_unknown": (
        "an item's quantity has no value for them",
        "une quantité d'article n'a pas de valeur pour eux",
    ),
    "reserves.why.double_counted": ("two items count them", "deux articles les comptent"),
    "reserves.why.line_double_counted": (
        "an element of this line is counted by another line too",
        "un élément de cette ligne est aussi compté par une autre ligne",
    ),
    "reserves.why.body": (
        "only roofing or finish items take them, not their body",
        "seuls des articles de couverture ou de finition les prennent, pas leur corps",
    ),
    "reserves.why.unpriced": ("no unit price", "pas de prix unitaire"),
    "reserves.why.placeholder": (
        "the label waits for a decision before pricing",
        "le libellé attend une décision avant remise de prix",
    ),
    "reserves.why.provenance": ("quantity partly not from the geometry", "quantité en partie hors géométrie"),
    "reserves.sources.authored": ("checked stated quantities", "quantités déclarées vérifiées"),
    "reserves.sources.count": ("count", "comptage"),
    "reserves.sources.estimated": ("estimate", "estimation"),
    "reserves.legend": (
        (
            "Checked stated quantities: the body could not be measured, the model's own quantity is taken",
            "(the exporter agrees with the geometry on the other elements of the class).",
            "Count: an element counted per unit without readable geometry.",
            "Estimate: an opening of unknown area measured through, or a body that is not closed.",
        ),
        (
            "Quantités déclarées vérifiées : corps non mesurable, quantité écrite dans la maquette reprise",
            "(l'exportateur s'accorde avec la géométrie sur les autres éléments de la même classe).",
            "Comptage : élément compté à l'unité sans géométrie lisible.",
            "Estimation : vide de surface inconnue compté plein, ou corps non fermé.",
        ),
    ),
    "reserves.unknown": ("{n} of unknown volume", "{n} de volume inconnu"),
    "reserves.colon": (": ", " : "),
    "reserves.mark": ("with reservation", "sous réserve"),
    # --- dpgf_client ---
    "dpgf_client.recap": ("Summary", "Récapitulatif"),
    "dpgf_client.recap_title": ("Summary by trade", "Récapitulatif par lot"),
    "dpgf_client.lot": ("Trade", "Lot"),
    "dpgf_client.amount": ("Amount", "Montant HT"),
    "dpgf_client.total_excl": ("Total excl. VAT", "Total HT"),
    "dpgf_client.vat": ("VAT", "TVA"),
    "dpgf_client.total_incl": ("Total incl. VAT", "Total TTC"),
    "dpgf_client.rate": ("rate %", "taux %"),
    "dpgf_client.subtotal": ("Trade total", "Total du lot"),
    "dpgf_client.model": ("Model", "Maquette"),
    "dpgf_client.date": ("Date", "Date"),
    "dpgf_client.page": ("Page &P of &N", "Page &P / &N"),
    # --- change_order ---
    "change_order.sheet": ("Change order", "Devis TS"),
    "change_order.title": ("Change order", "Devis de travaux supplémentaires"),
    "change_order.from_to": (
        "Contract model: {old}; new model: {new}",
        "Maquette du marché : {old} ; nouvelle maquette : {new}",
    ),
    "change_order.prices": ("Unit prices: {source}", "Prix unitaires : {source}"),
    "change_order.headers": (
        ("No.", "Description", "Unit", "Contract qty", "New qty", "Delta", "Unit price", "Addition", "Omission"),
        ("N°", "Désignation", "U", "Qté marché", "Qté nouvelle", "Écart", "PU HT", "Plus-value", "Moins-value"),
    ),
    "change_order.subtotal": ("Subtotal", "Sous-total"),
    "change_order.plus": ("Total additions", "Total des plus-values HT"),
    "change_order.minus": ("Total omissions", "Total des moins-values HT"),
    "change_order.total_excl": ("Total excl. VAT (additions - omissions)", "Total HT (plus-values - moins-values)"),
    "change_order.vat": ("VAT", "TVA"),
    "change_order.total_incl": ("Total incl. VAT", "Total TTC"),
    "change_order.rate": ("rate %", "taux %"),
    "change_order.new_prices": (
        "New rates to agree (no contract price)",
        "Prix nouveaux à négocier (sans prix au marché)",
    ),
    "change_order.nothing": (
        "No quantity moved on the priced items.",
        "Aucun écart de quantité sur les ouvrages chiffrés.",
    ),
    "change_order.incomplete": (
        "INCOMPLETE: {n} new rate(s) to agree, left out of the totals until priced",
        "INCOMPLET : {n} prix nouveau(x) à négocier, hors des totaux tant qu'il(s) n'a (ont) pas de prix",
    ),
    "change_order.warning": ("Warning:", "Attention :"),
    "change_order.omitted": (
        "   of which {q} {unit} are omissions or re-readings, out of this change order (billed delta above)",
        "   dont {q} {unit} d'omissions ou de relectures, hors devis (écart facturé ci-dessus)",
    ),
    "change_order.page": ("Page &P of &N", "Page &P / &N"),
    "change_order.sheets.items": ("items", "Ouvrages"),
    "change_order.sheets.elements": ("elements", "Éléments"),
    "change_order.sheets.trace": ("trace", "Détail par élément"),
    "change_order.sheets.map": ("map", "Correspondance"),
    # --- costs_sheet ---
    "costs_sheet.summary": ("Summary", "Synthèse"),
    "costs_sheet.title": (
        "Budget and actual cost to {period} (direct cost)",
        "Budget et réalisé au {period} (déboursés HT)",
    ),
    "costs_sheet.lots": ("By trade", "Par lot"),
    "costs_sheet.totals": ("Total", "Total"),
    "costs_sheet.worst": ("Lines most over budget", "Lignes les plus au-dessus du budget"),
    "costs_sheet.detail": ("lines", "Détail par ligne"),
    "costs_sheet.stages": ("stages", "Par niveau ou phase"),
    "costs_sheet.unmatched": ("unmatched", "Sans avancement ou sans dépense"),
    "costs_sheet.actuals": ("actuals", "Dépenses"),
    "costs_sheet.curves": ("curves", "Courbes"),
    "costs_sheet.month": ("Month", "Mois"),
    "costs_sheet.series.planned": ("Planned value", "Valeur planifiée"),
    "costs_sheet.series.earned": ("Earned value", "Valeur acquise"),
    "costs_sheet.series.actual": ("Actual cost", "Coût réel"),
    "costs_sheet.figures": (
        ("Budget", "Earned", "Actual", "Variance", "CPI", "EAC (CPI)", "EAC (budget)"),
        ("Budget", "Valeur acquise", "Coût réel", "Écart", "IPC", "Prévision (IPC)", "Prévision (budget)"),
    ),
    "costs_sheet.chart": (
        "Planned value, earned value and actual cost",
        "Valeur planifiée, valeur acquise et coût réel",
    ),
    # --- ids ---
    "ids.title": ("bimquant: what {name} needs from a model", "bimquant : ce que {name} attend d'une maquette"),
    "ids.description": ("Generated by bimquant from {file}", "Écrit par bimquant d'après {file}"),
    "ids.priced": ("{cls}: what {name} prices it on", "{cls} : ce sur quoi {name} le chiffre"),
    "ids.material": ("a material {name} recognises: {patterns}", "un matériau que {name} reconnaît : {patterns}"),
    "ids.unpriced": ("{cls}: no item of {name} prices it", "{cls} : aucun article de {name} ne le chiffre"),
    "ids.fix": (
        "model these elements as a class the rule set prices, or add an item for them",
        "modéliser ces éléments dans une classe que les règles chiffrent, ou ajouter un article pour eux",
    ),
    # --- orderbook ---
    "orderbook.sheet.summary": ("Summary", "Synthèse"),
    "orderbook.sheet.without_recipe": ("Without recipe", "Sans recette"),
    "orderbook.not_ordered.title": ("Not ordered", "Non commandé"),
    "orderbook.not_ordered.text": (
        "Elements not priced once: no item, so no recipe, orders their materials",
        "Éléments non chiffrés une fois : aucun ouvrage, donc aucune recette, ne commande leurs matériaux",
    ),
    # --- situation_chart ---
    "situation_chart.history": ("Billed to date by month", "Cumul facturé HT par mois"),
    "situation_chart.total": ("Contract total", "Total du marché"),
    "situation_chart.lots": ("Billed to date by trade", "Facturé au cumul HT par lot"),
    "situation_chart.contract": ("contract", "marché"),
    "situation_chart.billed": ("billed", "facturé"),
    "situation_chart.planned": ("planned", "prévu"),
    # --- situation_sheet ---
    "situation_sheet.sheet": ("Progress claim", "Situation"),
    "situation_sheet.title": (
        "Progress claim no. {number}, period {period}",
        "Situation de travaux n° {number}, période {period}",
    ),
    "situation_sheet.contract": ("Contract: {contract} ({basis})", "Marché : {contract} ({basis})"),
    "situation_sheet.headers": (
        (
            "No.",
            "Description",
            "Unit",
            "Contract qty",
            "Unit price",
            "Contract amount",
            "% to date",
            "Qty to date",
            "To date",
            "Previous",
            "This month",
        ),
        (
            "N°",
            "Désignation",
            "U",
            "Qté marché",
            "PU HT",
            "Montant marché HT",
            "% cumulé",
            "Qté cumulée",
            "Cumul HT",
            "Précédent HT",
            "Mois HT",
        ),
    ),
    "situation_sheet.subtotal": ("Subtotal", "Sous-total"),
    "situation_sheet.contract_total": ("Contract total", "Total du marché HT"),
    "situation_sheet.cumulative": ("Work to date", "Cumul des travaux HT"),
    "situation_sheet.previous": ("Previous claims", "Situations précédentes HT"),
    "situation_sheet.period": ("Work this month", "Travaux du mois HT"),
    "situation_sheet.revision": ("Price adjustment (coefficient)", "Révision de prix (coefficient)"),
    "situation_sheet.advance": (
        "Advance (amount, recovery thresholds %)",
        "Avance (montant, seuils de remboursement %)",
    ),
    "situation_sheet.advance_to_date": ("Advance recovered to date", "Avance remboursée au cumul"),
    "situation_sheet.advance_before": (
        "Advance recovered in previous claims",
        "Avance remboursée aux situations précédentes",
    ),
    "situation_sheet.advance_recovered": ("Advance recovery", "Remboursement de l'avance"),
    "situation_sheet.advance_base": (
        "Contract as signed, change orders aside (the advance's base)",
        "Marché initial, hors TS (base de l'avance)",
    ),
    "situation_sheet.excl_vat": ("Amount excl. VAT", "Montant HT"),
    "situation_sheet.vat": ("VAT (rate %)", "TVA (taux %)"),
    "situation_sheet.autoliquidation": (
        "Reverse charge: VAT due by the client",
        "Autoliquidation : TVA due par le preneur (CGI art. 283-2 nonies)",
    ),
    "situation_sheet.retention": (
        "Retention (rate %, on the amount incl. VAT)",
        "Retenue de garantie (taux %, sur le TTC)",
    ),
    "situation_sheet.retention_excl": (
        "Retention (rate %, on the amount excl. VAT)",
        "Retenue de garantie (taux %, sur le HT)",
    ),
    "situation_sheet.net": ("Net to pay", "Net à payer"),
    "situation_sheet.due": ("Due date", "Échéance"),
    "situation_sheet.lots": ("lots", "Lots"),
    "situation_sheet.stages": ("stages", "Niveaux"),
    "situation_sheet.history": ("Billed to date, month by month", "Cumul facturé par mois"),
    "situation_sheet.month": ("Month", "Mois"),
    "situation_sheet.planned": ("Planned", "Prévu"),
    "situation_sheet.page": ("Page &P of &N", "Page &P / &N"),
    # --- situation_sheet ---
    "situation_sheet.basis.sale prices": ("sale prices", "prix de vente"),
    "situation_sheet.basis.direct costs": ("direct costs", "déboursés"),
    # --- value: ids in a table's cells, by column (report.tables.localize_cells) ---
    "value.status.unchanged": ("unchanged", "inchangé"),
    "value.status.changed": ("changed", "modifié"),
    "value.status.moved": ("moved", "déplacé"),
    "value.status.reclassified": ("reclassified", "reclassé"),
    "value.status.added": ("added", "ajouté"),
    "value.status.removed": ("removed", "supprimé"),
    "value.status.ambiguous": ("ambiguous", "ambigu"),
    "value.status.omission": ("omission", "omission"),
    "value.status.re-read": ("re-read", "relecture"),
    "value.status.priced_once": ("priced_once", "chiffré une fois"),
    "value.status.double_counted": ("double_counted", "compté deux fois"),
    "value.status.value_unknown": ("value_unknown", "quantité sans valeur"),
    "value.status.not_priced": ("not_priced", "non chiffré"),
    "value.status.geometry_failed": ("geometry_failed", "géométrie illisible"),
    "value.status.not_building_work": ("not_building_work", "hors ouvrages"),
    "value.status.represented_by_parts": ("represented_by_parts", "chiffré par ses parties"),
    "value.status.represented_by_parent": ("represented_by_parent", "chiffré avec son ensemble"),
    "value.status.placeholder": ("placeholder", "libellé à compléter"),
    "value.how.global_id": ("global_id", "GlobalId"),
    "value.how.signature": ("signature", "signature"),
    "value.how.translation": ("translation", "translation"),
    "value.how.placement": ("placement", "position"),
    "value.how.manual": ("manual", "manuel"),
    "value.issue.progress, no costs": ("progress, no costs", "avancement sans dépense"),
    "value.issue.costs, no progress": ("costs, no progress", "dépenses sans avancement"),
    "value.family.wall": ("wall", "mur"),
    "value.family.plate": ("plate", "plaque"),
    "value.family.slab": ("slab", "dalle"),
    "value.family.linear": ("linear", "linéaire"),
    "value.family.filling": ("filling", "menuiserie"),
    "value.family.other": ("other", "autre"),
    "value.density_source.model": ("model", "maquette"),
    "value.is_external_source.model": ("model", "maquette"),
    "value.is_external_source.geometry": ("geometry", "géométrie"),
    "value.provenance.mesh": ("mesh", "maillage"),
    "value.provenance.authored": ("authored", "déclarée"),
    "value.provenance.count": ("count", "comptage"),
    "value.provenance.estimated": ("estimated", "estimée"),
    "value.quantity_source.mesh": ("mesh", "maillage"),
    "value.quantity_source.authored": ("authored", "déclarée"),
    "value.quantity_source.count": ("count", "comptage"),
    "value.quantity_source.estimated": ("estimated", "estimée"),
    "value.verdict.ok": ("ok", "cohérente"),
    "value.verdict.duplicate_conflict": ("duplicate_conflict", "déclarée deux fois, valeurs différentes"),
    "value.verdict.wrong_type": ("wrong_type", "type de quantité erroné"),
    "value.verdict.openings_not_deducted": ("openings_not_deducted", "ouvertures non déduites"),
    "value.verdict.unit_suspect": ("unit_suspect", "unité douteuse"),
    "value.verdict.unit_unknown": ("unit_unknown", "unité inconnue"),
    "value.verdict.exporter_polygon": ("exporter_polygon", "polygone de l'exportateur"),
    "value.verdict.net_above_gross": ("net_above_gross", "nette au-dessus de la brute"),
    "value.verdict.constant_value": ("constant_value", "valeur constante"),
    "value.verdict.differs": ("differs", "diffère"),
    "value.verdict.priced_once": ("priced_once", "chiffré une fois"),
    "value.verdict.double_counted": ("double_counted", "compté deux fois"),
    "value.verdict.value_unknown": ("value_unknown", "quantité sans valeur"),
    "value.verdict.not_priced": ("not_priced", "non chiffré"),
    "value.verdict.geometry_failed": ("geometry_failed", "géométrie illisible"),
    "value.verdict.not_building_work": ("not_building_work", "hors ouvrages"),
    "value.verdict.represented_by_parts": ("represented_by_parts", "chiffré par ses parties"),
    "value.verdict.represented_by_parent": ("represented_by_parent", "chiffré avec son ensemble"),
    "value.kind.external_disagrees": ("external_disagrees", "extérieur contredit"),
    "value.kind.no_spaces": ("no_spaces", "sans locaux"),
    "value.kind.placeholder": ("placeholder", "libellé à compléter"),
    "value.kind.priced_without_geometry": ("priced_without_geometry", "chiffré sans géométrie"),
    "value.kind.line": ("line", "ligne"),
    "value.kind.element": ("element", "élément"),
    "value.cost_per_m2_basis.slabs": ("slabs", "dalles"),
    "value.cost_per_m2_basis.spaces": ("spaces", "locaux"),
    "value.total.contract": ("contract", "marché"),
    "value.total.cumulative": ("cumulative", "cumul"),
    "value.total.previous": ("previous", "précédent"),
    "value.total.period": ("period", "période"),
    "value.total.revision": ("revision", "révision"),
    "value.total.advance_recovered": ("advance_recovered", "remboursement de l'avance"),
    "value.total.amount_excl_vat": ("amount_excl_vat", "montant HT"),
    "value.total.vat": ("vat", "TVA"),
    "value.total.retention": ("retention", "retenue de garantie"),
    "value.total.net_to_pay": ("net_to_pay", "net à payer"),
    # --- reasons an element is not measured, geometry failures, authored quantities (model, geometry, authored) ---
    "reason.feature_element": (
        "feature element (opening or projection): its effect is measured on its host",
        "élément d'ouverture ou de saillie : son effet est mesuré sur son hôte",
    ),
    "reason.virtual_element": ("virtual element: no physical extent", "élément virtuel : aucune étendue physique"),
    "reason.aggregate": ("aggregate: measured through its {n} parts", "ensemble : mesuré par ses {n} parties"),
    "reason.aggregate_body_ignored": (
        "aggregate: measured through its {n} parts (its own body is ignored)",
        "ensemble : mesuré par ses {n} parties (son propre corps est ignoré)",
    ),
    "reason.no_body": ("no body representation", "pas de représentation du corps"),
    "density.library": ("library: {family}", "bibliothèque : {family}"),
    "error.truncated": (
        "truncated IFC file: {path} has no 'END-ISO-10303-21;' line at its end",
        "fichier IFC tronqué : {path} n'a pas de ligne 'END-ISO-10303-21;' à la fin",
    ),
    "hint.truncated": (
        "the file was cut short (interrupted copy or export): export or copy it again",
        "le fichier est incomplet (copie ou export interrompu) : exportez-le ou copiez-le à nouveau",
    ),
    "geometry.unreadable": (
        "geometry kernel produced no shape: its body cannot be read (a damaged file?)",
        "le noyau géométrique n'a produit aucune forme : son corps est illisible (fichier endommagé ?)",
    ),
    "geometry.no_usable_body": (
        "no body representation the geometry kernel could use",
        "aucune représentation du corps utilisable par le noyau géométrique",
    ),
    "geometry.no_items": (
        "body representation #{id} has no items",
        "la représentation du corps #{id} n'a aucun élément",
    ),
    "geometry.no_shape": (
        "geometry kernel produced no shape: {problem}",
        "le noyau géométrique n'a produit aucune forme : {problem}",
    ),
    "geometry.no_shape_from": (
        "geometry kernel produced no shape from its body ({types})",
        "le noyau géométrique n'a produit aucune forme de son corps ({types})",
    ),
    "geometry.depth": ("{cls} #{id} has depth {depth}", "{cls} #{id} a une profondeur de {depth}"),
    "geometry.no_profile": ("{cls} #{id} has no profile", "{cls} #{id} n'a pas de profil"),
    "geometry.profile_dimension": (
        "profile #{profile} of {cls} #{id} has {attr} {value}",
        "le profil #{profile} de {cls} #{id} a {attr} = {value}",
    ),
    "geometry.no_faces": ("IfcFacetedBrep #{id} has no faces", "IfcFacetedBrep #{id} n'a aucune face"),
    "authored.mm_vs_m": ("x1000 (mm vs m, or mm3/mm2 scale)", "x1000 (mm au lieu de m, ou échelle mm3/mm2)"),
    "authored.mm2_as_m2": ("x1e6 (mm2 as m2?)", "x1e6 (mm2 pris pour des m2 ?)"),
    "authored.mm3_as_m3": ("x1e9 (mm3 as m3?)", "x1e9 (mm3 pris pour des m3 ?)"),
    "authored.none": ("no authored quantity", "aucune quantité déclarée"),
    "authored.taken": ("authored {said}", "déclarée : {said}"),
    "authored.taken_not_all": ("authored {said}; not taken: {refused}", "déclarée : {said} ; non retenue : {refused}"),
    "authored.not_taken": ("authored values not taken: {refused}", "valeurs déclarées non retenues : {refused}"),
    "authored.agrees": (
        "{quantity} (agrees with the geometry on {agree} of {of} other {cls})",
        "{quantity} (en accord avec la géométrie sur {agree} des {of} autres {cls})",
    ),
    "authored.exporter_disagrees": (
        "{quantity} (the exporter's {name} agrees with the geometry on {agree} of {of} other {cls})",
        "{quantity} (le {name} de l'exportateur est en accord avec la géométrie sur {agree} des {of} autres {cls} seulement)",
    ),
    "authored.above_gross": (
        "{quantity} (above the stated gross value)",
        "{quantity} (au-dessus de la valeur brute déclarée)",
    ),
    "authored.unusable": (
        "{quantity} (stated twice, of the wrong kind, or of no known unit)",
        "{quantity} (déclarée deux fois, du mauvais type, ou sans unité connue)",
    ),
    "authored.equals_gross": ("equals the computed gross value {gross}", "égale la valeur brute calculée {gross}"),
    "authored.gross_is": ("authored gross is {gross}", "la valeur brute déclarée est {gross}"),
    "authored.wrong_kind": ("a {kind} stored as {type}", "un(e) {kind} enregistré(e) comme {type}"),
    "authored.no_unit": (
        "{raw} in no known unit: the model declares no {kind} unit",
        "{raw} sans unité connue : la maquette ne déclare aucune unité de {kind}",
    ),
    "authored.nothing_computed": (
        "no computed value to compare (no density or measure)",
        "aucune valeur calculée à comparer (pas de masse volumique ou de mesure)",
    ),
    # --- reconciliation and trace (rules/apply.py) ---
    "trace.layer_share": (
        "{name} of layer {layer} = {value} ({share} of {raw})",
        "{name} de la couche {layer} = {value} ({share} de {raw})",
    ),
    "trace.layer_listed": (
        "{name} of layer {layer} = {value} (share of {raw} unknown: the materials are a list without thicknesses)",
        "{name} de la couche {layer} = {value} (part de {raw} inconnue : les matériaux sont une liste sans épaisseurs)",
    ),
    "trace.deducted": (
        "{name} after deducting openings above {thresholds}: {value} (gross {gross}, {deducted} opening(s) deducted, {through} measured through)",
        "{name} après déduction des ouvertures de plus de {thresholds} : {value} (brut {gross}, {deducted} ouverture(s) déduite(s), {through} comptée(s) pleine(s))",
    ),
    "trace.opening_unknown": (
        "{opening} (area unknown: measured through)",
        "{opening} (surface inconnue : compté plein)",
    ),
    "origin.mesh": ("mesh {n}", "maillage {n}"),
    "origin.authored": ("authored {n}", "déclarée {n}"),
    "origin.count": ("count {n}", "comptage {n}"),
    "origin.estimated": ("estimated {n}", "estimée {n}"),
    "reason.counted_twice": (
        "feeds {codes}{where}, which all measure '{label}': counted twice",
        "alimente {codes}{where}, qui mesurent tous « {label} » : compté deux fois",
    ),
    "reason.layer": ("layer {n}: {name}", "couche {n} : {name}"),
    "reason.no_value_for": ("no value for {codes}", "pas de valeur pour {codes}"),
    "reason.see_warnings": ("{what} (see warnings)", "{what} (voir les avertissements)"),
    "reason.read_as": ("{cls} read as {read}", "{cls} lu comme {read}"),
    "reason.read_as_paren": ("{cls} (read as {read})", "{cls} (lu comme {read})"),
    "reason.not_building_work": (
        "{said} is not building work in {ruleset}",
        "{said} n'est pas un ouvrage dans {ruleset}",
    ),
    "reason.not_building_work_here": (
        "{said} is not building work in this rule set (not_building_work)",
        "{said} n'est pas un ouvrage dans ces règles (not_building_work)",
    ),
    "reason.no_item_prices_body": ("no item prices its body", "aucun ouvrage ne chiffre son corps"),
    "reason.feeds_not_body": (
        'feeds {fed}, but no item prices its body (measures = "structure")',
        'alimente {fed}, mais aucun ouvrage ne chiffre son corps (measures = "structure")',
    ),
    "reason.part_of_filling": (
        "part of the {parent} assembly, priced as one door or window",
        "partie de l'ensemble {parent}, chiffré comme une seule porte ou fenêtre",
    ),
    "reason.part_of_whole": (
        "part of {parent}, priced whole from its parts",
        "partie de {parent}, chiffré en entier depuis ses parties",
    ),
    "reason.geometry_failed": ("geometry failed: {reason}", "géométrie en échec : {reason}"),
    "reason.filling_from_parts": ("a door or window assembled from parts", "une porte ou fenêtre assemblée de parties"),
    "reason.part_without_body": (
        "part without a body of its own: {parent} carries it",
        "partie sans corps propre : {parent} la porte",
    ),
    "reason.nothing_to_measure": (
        "no body representation: nothing to measure, and no item counts it",
        "pas de représentation du corps : rien à mesurer, et aucun ouvrage ne le compte",
    ),
    "reason.parts_carry": ("its {n} parts carry the price ({said})", "ses {n} parties portent le prix ({said})"),
    "count.priced_once": ("{n} priced once", "{n} chiffré(s) une fois"),
    "count.double_counted": ("{n} double counted", "{n} compté(s) deux fois"),
    "count.value_unknown": ("{n} value unknown", "{n} sans valeur"),
    "count.not_priced": ("{n} not priced", "{n} non chiffré(s)"),
    "count.geometry_failed": ("{n} geometry failed", "{n} en échec de géométrie"),
    "count.not_building_work": ("{n} not building work", "{n} hors ouvrages"),
    "count.represented_by_parts": ("{n} represented by parts", "{n} chiffré(s) par leurs parties"),
    "count.represented_by_parent": ("{n} represented by parent", "{n} chiffré(s) avec leur ensemble"),
    "reason.layer_mismatch": ("layer {material}: {why}", "couche {material} : {why}"),
    "reason.excluded": ("matches its exclude conditions", "répond à ses conditions d'exclusion"),
    "reason.excluded_by": ("excluded by its exclude conditions", "exclu par ses conditions d'exclusion"),
    "reason.item_mismatch": ("{code} {label}: {mismatch}", "{code} {label} : {mismatch}"),
    "reason.no_item_selects": ("no item selects {said}", "aucun ouvrage ne prend {said}"),
    "reason.more_items": ("and {n} more items", "et {n} autres ouvrages"),
    # --- words that join values ---
    "join.and": ("{first} and {last}", "{first} et {last}"),
    # --- selection, conditions, readings, check, IDS, reserves, costs, stock, IFC, explain ---
    "select.class": ("class {said} is not {wanted}", "la classe {said} n'est pas {wanted}"),
    "select.no_layer": (
        "no layer matches {patterns} (layers: {found})",
        "aucune couche ne répond à {patterns} (couches : {found})",
    ),
    "select.no_match": (
        "{key} {patterns} does not match '{shown}'",
        "{key} {patterns} ne correspond pas à « {shown} »",
    ),
    "select.property": ("{name} is {actual}, not {wanted}", "{name} vaut {actual}, pas {wanted}"),
    "select.none": ("none", "aucune"),
    "word.or": ("{first} or {last}", "{first} ou {last}"),
    "where.missing": (
        "where '{text}' has no {name} for this element",
        "la condition « {text} » : pas de {name} pour cet élément",
    ),
    "where.not_computed": (
        "where '{text}' cannot be computed for this element",
        "la condition « {text} » ne se calcule pas pour cet élément",
    ),
    "where.false": ("where '{text}' is false ({shown})", "la condition « {text} » est fausse ({shown})"),
    "reading.class": ("class {cls}", "classe {cls}"),
    "reading.class_type": ("class {cls} ({type})", "classe {cls} ({type})"),
    "check.priced_from": ("priced from {source} (body not measured)", "chiffré d'après {source} (corps non mesuré)"),
    "check.external": (
        "IsExternal is {value} in the model; the storey outline says otherwise",
        "IsExternal vaut {value} dans la maquette ; le contour du niveau dit le contraire",
    ),
    "check.no_storey": (
        "contained in no storey (cost by storey, deliveries by storey)",
        "contenu dans aucun niveau (coût par niveau, livraisons par niveau)",
    ),
    "check.no_spaces": (
        "no IfcSpace: the cost per m2 is on the floor slabs' area, which is not the SDP",
        "aucun IfcSpace : le coût au m2 porte sur la surface des dalles de plancher, qui n'est pas la SDP",
    ),
    "ids.items": ("items {codes}", "ouvrages {codes}"),
    "reserve.double_counted": (
        "an element of this line is counted by another line too",
        "un élément de cette ligne est aussi compté par une autre ligne",
    ),
    "reserve.unpriced": ("no unit price in the price library", "pas de prix unitaire dans la bibliothèque de prix"),
    "reserve.placeholder": ("the label still waits for a decision", "le libellé attend encore une décision"),
    "costs.unallocated": ("(booked to a lot, not to a stage)", "(imputé à un lot, pas à un niveau)"),
    "stock.over_delivery": (
        "over-delivery: {quantity} {unit} above the order",
        "surlivraison : {quantity} {unit} au-delà de la commande",
    ),
    "stock.over_consumption": (
        "consumption above delivery: {quantity} {unit} consumed but not delivered",
        "consommation au-delà des livraisons : {quantity} {unit} consommés mais non livrés",
    ),
    "stock.late": (
        "late: {quantity} {unit} still to deliver, due {due}",
        "en retard : {quantity} {unit} restent à livrer, dus le {due}",
    ),
    "stock.short": (
        "short: {on_site} {unit} on site for {still} {unit} still needed by the batch due {due}",
        "manque : {on_site} {unit} sur site pour {still} {unit} encore nécessaires au lot prévu le {due}",
    ),
    "ifc.schedule": ("{mark} {version}: {model}, rules {rules}", "{mark} {version} : {model}, règles {rules}"),
    "error.not_measured": ("element {id} was not measured: {reason}", "l'élément {id} n'a pas été mesuré : {reason}"),
    # --- what changed between two revisions (diff.py) ---
    "change.value": ("{column}: {old} -> {new}", "{column} : {old} -> {new}"),
    "change.none": ("(none)", "(aucun)"),
    "change.moved": ("moved by {distance} m", "déplacé de {distance} m"),
    "change.candidates": ("candidates: {ids}", "candidats : {ids}"),
    "change.items": ("work items: {before} -> {after}", "ouvrages : {before} -> {after}"),
    # --- errors and hints of the files a person hands over (loaders, progress, contract, situation, costs, stock) ---
    "error.loaders.kind.progress_file": ("progress file", "fichier d'avancement"),
    "error.loaders.kind.actuals_file": ("actuals file", "fichier des dépenses"),
    "error.loaders.kind.delivery_file": ("delivery file", "fichier des bons de livraison"),
    "error.loaders.kind.contract": ("contract", "marché"),
    "error.loaders.kind.change_order": ("change order", "devis de travaux supplémentaires"),
    "error.loaders.kind.previous_situation": ("previous situation", "situation précédente"),
    "error.loaders.kind.orders": ("orders", "fichier des commandes"),
    "error.loaders.kind.settings_file": ("settings file", "fichier de réglages"),
    "error.loaders.kind.index_file": ("index file", "fichier d'indices"),
    "error.loaders.kind.price_library": ("price library", "bibliothèque de prix"),
    "error.loaders.kind.rule_file": ("rule file", "fichier de règles"),
    "error.loaders.kind.material_library": ("material library", "bibliothèque de matériaux"),
    "error.loaders.kind.recipe_file": ("recipe file", "fichier de recettes"),
    "error.loaders.kind.phase_file": ("phase file", "fichier de phases"),
    "error.loaders.kind.map_file": ("map file", "fichier de correspondance"),
    "error.loaders.kind.model_list": ("model list", "liste des maquettes"),
    "error.loaders.a_kind.contract": ("a contract", "un marché"),
    "error.loaders.a_kind.change_order": ("a change order", "un devis de travaux supplémentaires"),
    "error.loaders.a_kind.previous_situation": ("a previous situation", "une situation précédente"),
    "error.loaders.a_kind.orders": ("orders", "un fichier des commandes"),
    "error.loaders.not_json": (
        "{path}: not valid JSON ({error} at line {line}), so not {what}",
        "{path} : JSON invalide ({error} à la ligne {line}), ce n'est donc pas {what}",
    ),
    "error.loaders.json_too_deep": (
        "{path}: JSON nested too deeply to be {what}",
        "{path} : JSON imbriqué trop profondément pour être {what}",
    ),
    "error.loaders.not_found": ("{what} not found: {path}", "{what} introuvable : {path}"),
    "hint.loaders.check_path": ("check the path", "vérifiez le chemin du fichier"),
    "error.loaders.not_utf8": ("{path}: not a UTF-8 text file", "{path} : ce n'est pas un fichier texte UTF-8"),
    "hint.loaders.save_utf8": (
        "save the {what} as UTF-8 text (in Excel: « CSV UTF-8 »)",
        "{what} : à enregistrer en texte UTF-8 (dans Excel : « CSV UTF-8 »)",
    ),
    "error.loaders.unreadable": ("{path}: cannot be read ({reason})", "{path} : illisible ({reason})"),
    "hint.loaders.permissions": ("check the file's permissions", "vérifiez les droits d'accès au fichier"),
    "error.loaders.not_toml": ("{path}: not valid TOML: {error}", "{path} : TOML invalide : {error}"),
    "hint.loaders.fix_toml": ("fix the TOML syntax at that line", "corrigez la syntaxe TOML à cette ligne"),
    "error.loaders.toml_too_deep": (
        "{path}: not valid TOML: arrays or tables nested too deeply",
        "{path} : TOML invalide : tableaux ou tables imbriqués trop profondément",
    ),
    "hint.loaders.item_tables": ("write the items as [[item]] tables", "écrivez chaque ouvrage en table [[item]]"),
    "error.loaders.unknown_keys": (
        "{path}: {where}: unknown key(s) {keys}",
        "{path} : {where} : clé(s) inconnue(s) {keys}",
    ),
    "hint.loaders.allowed_keys": ("allowed keys: {keys}", "clés admises : {keys}"),
    "hint.loaders.did_you_mean": (
        "did you mean '{guess}'? allowed keys: {keys}",
        "vouliez-vous dire « {guess} » ? clés admises : {keys}",
    ),
    "error.loaders.not_a_table": ("{path}: {where} is not a table", "{path} : {where} n'est pas une table"),
    "hint.loaders.write_as_table": (
        "write each {kind} as a [[{kind}]] table",
        "écrivez chaque entrée en table [[{kind}]]",
    ),
    "error.loaders.no_key": ("{path}: {where} has no '{key}'", "{path} : {where} n'a pas de « {key} »"),
    "hint.loaders.add_key": ("add {key} = ... to the {kind}", "ajoutez {key} = ... à l'entrée [[{kind}]]"),
    "error.loaders.empty_text": (
        "{path}: {where}: '{key}' must be a non-empty text",
        "{path} : {where} : « {key} » doit être un texte non vide",
    ),
    "hint.loaders.write_text": ('write {key} = "..."', 'écrivez {key} = "..."'),
    "error.loaders.number_above": (
        "{path}: {where}: {key} must be a number above {minimum}, not {value}",
        "{path} : {where} : {key} doit être un nombre supérieur à {minimum}, pas {value}",
    ),
    "error.loaders.number_at_least": (
        "{path}: {where}: {key} must be a number {minimum} or more, not {value}",
        "{path} : {where} : {key} doit être un nombre supérieur ou égal à {minimum}, pas {value}",
    ),
    "error.loaders.number_above_at_most": (
        "{path}: {where}: {key} must be a number above {minimum} and at most {maximum}, not {value}",
        "{path} : {where} : {key} doit être un nombre supérieur à {minimum} et d'au plus {maximum}, pas {value}",
    ),
    "error.loaders.number_at_least_at_most": (
        "{path}: {where}: {key} must be a number {minimum} or more and at most {maximum}, not {value}",
        "{path} : {where} : {key} doit être un nombre de {minimum} à {maximum}, pas {value}",
    ),
    "hint.loaders.write_key": ("write {key} = ...", "écrivez {key} = ..."),
    "error.loaders.unknown_type": ("{path}: unknown {what} type", "{path} : type de fichier inconnu ({what})"),
    "hint.loaders.csv_or_xlsx": ("give a .csv or .xlsx {what}", "{what} : donnez un fichier .csv ou .xlsx"),
    "error.loaders.too_many_values": (
        "{path}: row {line}: {values} values for {columns} columns",
        "{path} : ligne {line} : {values} valeurs pour {columns} colonnes",
    ),
    "error.loaders.too_many_values_code": (
        "{path}: row {line} ({code}): {values} values for {columns} columns",
        "{path} : ligne {line} ({code}) : {values} valeurs pour {columns} colonnes",
    ),
    "hint.loaders.decimal_comma": (
        "a decimal comma in a file separated by '{delimiter}'? write 185.50, or separate the columns with ; and write 185,50",
        "une virgule décimale dans un fichier séparé par « {delimiter} » ? écrivez 185.50, ou séparez les colonnes par des ; et écrivez 185,50",
    ),
    "error.loaders.bad_row": ("{path}: row {line}: {error}", "{path} : ligne {line} : {error}"),
    "hint.loaders.short_texts": (
        "a {what} holds short texts and numbers",
        "{what} : des textes courts et des nombres seulement",
    ),
    "error.loaders.not_xlsx": (
        "{path}: not a readable XLSX file ({error})",
        "{path} : fichier XLSX illisible ({error})",
    ),
    "hint.loaders.save_again": ("save the {what} again from Excel", "{what} : à enregistrer à nouveau depuis Excel"),
    "error.loaders.not_a_date": ("{where}: date {text} is not a date", "{where} : la date {text} n'est pas une date"),
    "hint.loaders.date_forms": ("write 2026-03-15 or 15/03/2026", "écrivez 2026-03-15 ou 15/03/2026"),
    "error.loaders.row": ("{path}: row {line}", "{path} : ligne {line}"),
    "error.loaders.fewer_values": (
        "{where}: fewer values than the header's {columns} columns",
        "{where} : moins de valeurs que les {columns} colonnes de l'en-tête",
    ),
    "hint.loaders.fill_every_column": ("fill every column", "remplissez toutes les colonnes"),
    "error.loaders.missing_columns": (
        "{path}: missing column(s) {columns}",
        "{path} : colonne(s) manquante(s) : {columns}",
    ),
    "error.progress.unknown_type": (
        "{path}: unknown progress file type",
        "{path} : type de fichier d'avancement inconnu",
    ),
    "hint.progress.file_types": (
        "give a .csv, .xlsx or .ifc (see README, bimquant situation)",
        "donnez un fichier .csv, .xlsx ou .ifc (voir le README, bimquant situation)",
    ),
    "error.progress.no_rows": ("{path}: no progress rows", "{path} : aucune ligne d'avancement"),
    "hint.progress.one_row_each": (
        "one row per line, lot, element or storey, with its percent",
        "une ligne par ligne du marché, par lot, par élément ou par niveau, avec son pourcentage d'avancement",
    ),
    "error.progress.phases_needed": (
        "{path}: a phase column needs the phase file",
        "{path} : une colonne phase demande le fichier de phases",
    ),
    "hint.progress.add_phases": (
        "add --phases phases.toml (as for order)",
        "ajoutez --phases phases.toml (comme pour order)",
    ),
    "error.progress.no_column": (
        "{path}: no code, global_id or storey column",
        "{path} : aucune colonne code, global_id ou storey",
    ),
    "hint.progress.forms": (
        "write one progress row per line (code,percent), per lot (lot,percent), per element (global_id,percent) or per storey (storey,lot,percent)",
        "écrivez une ligne d'avancement par ligne du marché (code,percent), par lot (lot,percent), par élément (global_id,percent) ou par niveau (storey,lot,percent)",
    ),
    "error.progress.no_percent_column": ("{path}: no percent column", "{path} : aucune colonne percent"),
    "hint.progress.give_percent": (
        "give the cumulative percent done, 0 to 100",
        "donnez le pourcentage d'avancement cumulé, de 0 à 100",
    ),
    "error.progress.percent_and_quantity": (
        "{where} ({code}): both a percent and a quantity: bimquant will not choose one",
        "{where} ({code}) : à la fois un pourcentage et une quantité : bimquant ne choisira pas entre les deux",
    ),
    "hint.progress.not_both": (
        "give the percent done or the quantity done, not both",
        "donnez le pourcentage réalisé ou la quantité réalisée, pas les deux",
    ),
    "error.progress.quantity_not_a_number": (
        "{where} ({code}): quantity {text} is not a number",
        "{where} ({code}) : la quantité {text} n'est pas un nombre",
    ),
    "hint.progress.quantity_done": (
        "write the quantity done to date, in the line's unit",
        "écrivez la quantité réalisée à ce jour, dans l'unité de la ligne",
    ),
    "error.progress.quantity_above": (
        "{where} ({code}): quantity {quantity} is more than the contract's {contract}",
        "{where} ({code}) : la quantité {quantity} dépasse celle du marché ({contract})",
    ),
    "hint.progress.beyond_contract": (
        "work beyond the contract is a change order (bimquant diff), not progress",
        "des travaux au-delà du marché relèvent d'un devis de travaux supplémentaires (bimquant diff), pas de l'avancement",
    ),
    "error.progress.unknown_global_id": (
        "{where}: GlobalId {gid} feeds no line of the contract",
        "{where} : le GlobalId {gid} n'alimente aucune ligne du marché",
    ),
    "hint.progress.check_global_id": ("check the GlobalId", "vérifiez le GlobalId"),
    "error.progress.unknown_phase": (
        "{where}: phase {phase} is not in the phase file",
        "{where} : la phase {phase} n'est pas dans le fichier de phases",
    ),
    "hint.progress.phases": ("use one of {phases}", "prenez l'une de ces phases : {phases}"),
    "error.progress.unknown_storey": (
        "{where}: storey {storey} is not in the contract",
        "{where} : le niveau {storey} n'est pas dans le marché",
    ),
    "hint.progress.storeys": ("use one of {storeys}", "prenez l'un de ces niveaux : {storeys}"),
    "error.progress.no_code_or_lot": ("{where}: no code or lot", "{where} : ni code ni lot"),
    "hint.progress.which_line": (
        "say which line (code) or lot this storey's percent is",
        "indiquez à quelle ligne (code) ou à quel lot se rapporte le pourcentage de ce niveau",
    ),
    "error.progress.schedule_period": (
        "{path}: a work schedule needs the period",
        "{path} : un planning de travaux demande la période",
    ),
    "hint.progress.give_period": ("give --period YYYY-MM", "donnez --period AAAA-MM"),
    "error.progress.not_ifc": ("{path}: not a readable IFC file ({error})", "{path} : fichier IFC illisible ({error})"),
    "hint.progress.export_again": ("export the model again", "exportez à nouveau la maquette"),
    "error.progress.ifc2x3": (
        "{path}: an IFC2X3 file has no task times bimquant reads",
        "{path} : un fichier IFC2X3 n'a pas de dates de tâches que bimquant sache lire",
    ),
    "hint.progress.export_ifc4": ("export it as IFC4", "exportez-le en IFC4"),
    "error.progress.no_task_output": (
        "{path}: no task's output is an element of the contract",
        "{path} : aucune tâche n'a pour produit un élément du marché",
    ),
    "hint.progress.assign_tasks": (
        "assign the tasks to the model's elements (IfcRelAssignsToProduct), the same GlobalIds as the contract's",
        "affectez les tâches aux éléments de la maquette (IfcRelAssignsToProduct), avec les mêmes GlobalId que ceux du marché",
    ),
    "error.progress.finish_not_a_date": (
        "{path}: task {task}: ActualFinish {finish} is not a date",
        "{path} : tâche {task} : ActualFinish {finish} n'est pas une date",
    ),
    "hint.progress.fix_task": ("fix the task", "corrigez la tâche"),
    "error.progress.completion": (
        "{path}: task {task}: Completion {completion} is not a ratio from 0 to 1",
        "{path} : tâche {task} : Completion {completion} n'est pas un ratio de 0 à 1",
    ),
    "hint.progress.completion": ("IFC writes 50 % as 0.5", "l'IFC écrit 50 % sous la forme 0.5"),
    "error.progress.not_a_number": (
        "{where}: percent {text} is not a number",
        "{where} : le pourcentage {text} n'est pas un nombre",
    ),
    "hint.progress.number_alone": ("write the number alone: {number}", "écrivez le nombre seul : {number}"),
    "hint.progress.decimal_comma": (
        "a decimal comma in a file separated by ',': write 50.5, or separate the columns with ;",
        "une virgule décimale dans un fichier séparé par « , » : écrivez 50.5, ou séparez les colonnes par des ;",
    ),
    "hint.progress.percent_from_0_to_100": (
        "write the cumulative percent done, a number from 0 to 100",
        "écrivez le pourcentage d'avancement cumulé, un nombre de 0 à 100",
    ),
    "error.progress.not_from_0_to_100": (
        "{where}: percent {text} is not from 0 to 100",
        "{where} : le pourcentage {text} n'est pas compris entre 0 et 100",
    ),
    "hint.progress.cumulative": ("write the cumulative percent done", "écrivez le pourcentage d'avancement cumulé"),
    "error.progress.unknown_code": (
        "{where}: code {code} is not a line of the contract",
        "{where} : le code {code} n'est pas une ligne du marché",
    ),
    "hint.progress.check_code": ("check the code (N°)", "vérifiez le code (N°)"),
    "error.progress.unknown_lot": (
        "{where}: lot {lot} is not a lot of the contract",
        "{where} : le lot {lot} n'est pas un lot du marché",
    ),
    "hint.progress.check_lot": ("check the lot's name", "vérifiez le nom du lot"),
    "error.progress.twice": (
        "{where}: {key} is already on row {first}",
        "{where} : {key} figure déjà à la ligne {first}",
    ),
    "hint.progress.keep_one_row": ("keep one row", "gardez une seule ligne"),
    "hint.contract.pass_estimate": (
        "pass the .json that bimquant estimate wrote for the revision the contract was priced on",
        "donnez le .json que bimquant estimate a écrit pour l'indice de la maquette sur lequel le marché a été chiffré",
    ),
    "error.contract.not_an_estimate": (
        "{path}: not an estimate (no 'info' and 'lines')",
        "{path} : ce n'est pas une estimation (ni « info » ni « lines »)",
    ),
    "error.contract.line": ("{path}: line {number} of 'lines'", "{path} : ligne {number} de « lines »"),
    "error.contract.no_code": ("{where}: no code", "{where} : pas de code"),
    "error.contract.not_a_price": (
        "{where} ({code}): {column} {price} is not a price",
        "{where} ({code}) : {column} {price} n'est pas un prix",
    ),
    "hint.contract.pass_change_order": (
        "pass the .json bimquant diff wrote for the accepted change order",
        "donnez le .json que bimquant diff a écrit pour le devis de travaux supplémentaires accepté",
    ),
    "error.contract.same_change_order": (
        "{path}: the same change order as {other}",
        "{path} : le même devis de travaux supplémentaires que {other}",
    ),
    "hint.contract.once": (
        "give each accepted change order once",
        "donnez chaque devis de travaux supplémentaires accepté une seule fois",
    ),
    "error.contract.other_contract": (
        "{path}: a change order priced on another contract ({file})",
        "{path} : un devis de travaux supplémentaires chiffré sur un autre marché ({file})",
    ),
    "hint.contract.price_on_this_contract": (
        "price the change order with --contract on this contract's JSON",
        "chiffrez le devis de travaux supplémentaires avec --contract sur le JSON de ce marché",
    ),
    "error.contract.not_a_change_order": (
        "{path}: not a change order (no items with delta_quantity)",
        "{path} : ce n'est pas un devis de travaux supplémentaires (aucun item avec delta_quantity)",
    ),
    "error.periods.not_a_month": ("{path}: {text} is not a month", "{path} : {text} n'est pas un mois"),
    "error.periods.not_a_month_at": (
        "{path}: {where} {text} is not a month",
        "{path} : {where} : {text} n'est pas un mois",
    ),
    "hint.periods.month_form": (
        "write it as YYYY-MM, e.g. 2026-03",
        "écrivez-le sous la forme AAAA-MM, par exemple 2026-03",
    ),
    "error.periods.outside": (
        "{path}: {text} is outside {first}-{last}",
        "{path} : {text} est hors de la période {first}-{last}",
    ),
    "error.periods.outside_at": (
        "{path}: {where} {text} is outside {first}-{last}",
        "{path} : {where} : {text} est hors de la période {first}-{last}",
    ),
    "hint.periods.works_month": (
        "write the month of the works, e.g. 2026-03",
        "écrivez le mois des travaux, par exemple 2026-03",
    ),
    "hint.situation.settings_path": ("check the path of --settings", "vérifiez le chemin donné à --settings"),
    "error.situation.no_table": ("{path}: no [situation] table", "{path} : pas de table [situation]"),
    "hint.situation.add_table": (
        "add a [situation] table (see README, bimquant situation)",
        "ajoutez une table [situation] (voir le README, bimquant situation)",
    ),
    "error.situation.retention_above_5": (
        "{path}: [situation] retention_pct {value} is above 5 %",
        "{path} : [situation] retention_pct {value} dépasse 5 %",
    ),
    "hint.situation.retention_at_most_5": (
        "a retenue de garantie is at most 5 % (loi 71-584); 0 with a bank guarantee",
        "la retenue de garantie est d'au plus 5 % (loi 71-584) ; 0 avec une caution bancaire",
    ),
    "error.situation.advance_thresholds": (
        "{path}: [situation] advance_start_pct must be below advance_end_pct",
        "{path} : [situation] advance_start_pct doit être inférieur à advance_end_pct",
    ),
    "hint.situation.advance_thresholds": ("e.g. 65 and 80 (R2191-11)", "par exemple 65 et 80 (R2191-11)"),
    "error.situation.retention_base": (
        "{path}: [situation] retention_base {value} is unknown",
        "{path} : [situation] retention_base {value} est inconnu",
    ),
    "hint.situation.retention_bases": ("use {bases}", "utilisez {bases}"),
    "error.situation.autoliquidation": (
        "{path}: [situation] autoliquidation must be true or false",
        "{path} : [situation] autoliquidation doit valoir true ou false",
    ),
    "hint.situation.autoliquidation": ("write autoliquidation = true", "écrivez autoliquidation = true"),
    "error.situation.payment_days": (
        "{path}: [situation] payment_days must be a whole number of days",
        "{path} : [situation] payment_days doit être un nombre entier de jours",
    ),
    "hint.situation.payment_days": ("e.g. payment_days = 30", "par exemple payment_days = 30"),
    "error.situation.percentage": (
        "{path}: {where} must be a percentage from 0 to 100, not {value}",
        "{path} : {where} doit être un pourcentage de 0 à 100, pas {value}",
    ),
    "hint.situation.percentage": ("e.g. 5.0", "par exemple 5.0"),
    "error.situation.revision_table": ("{path}: {where} must be a table", "{path} : {where} doit être une table"),
    "hint.situation.revision_table": (
        "write [situation.revision] with a, b, index, ...",
        "écrivez [situation.revision] avec a, b, index, ...",
    ),
    "error.situation.revision_missing": ("{path}: {where}: missing {keys}", "{path} : {where} : il manque {keys}"),
    "hint.situation.see_readme": ("see README, bimquant situation", "voir le README, bimquant situation"),
    "error.situation.coefficient": (
        "{path}: {where} {name} must be a number from 0 to 1, not {value}",
        "{path} : {where} {name} doit être un nombre de 0 à 1, pas {value}",
    ),
    "hint.situation.coefficient": ("e.g. a = 0.15", "par exemple a = 0.15"),
    "error.situation.a_plus_b": (
        "{path}: {where} a + b must be 1, not {total}",
        "{path} : {where} a + b doit valoir 1, pas {total}",
    ),
    "hint.situation.a_plus_b": ("e.g. a = 0.15 and b = 0.85", "par exemple a = 0.15 et b = 0.85"),
    "error.situation.decimals": (
        "{path}: {where} decimals must be a whole number from 0 to 8",
        "{path} : {where} decimals doit être un nombre entier de 0 à 8",
    ),
    "hint.situation.decimals": ("e.g. decimals = 4", "par exemple decimals = 4"),
    "error.situation.no_base_value": (
        "{path}: index {index} has no value for the base month {month}",
        "{path} : l'indice {index} n'a pas de valeur pour le mois de base {month}",
    ),
    "hint.situation.no_base_value": (
        "add a row for it (the index of the contract's base month, I0)",
        "ajoutez une ligne pour ce mois (la valeur de l'indice au mois zéro du marché, I0)",
    ),
    "error.situation.row_month": ("row {line} month", "ligne {line}, colonne month"),
    "error.situation.index_value": (
        "{path}: row {line}: value {text} is not an index value",
        "{path} : ligne {line} : la valeur {text} n'est pas une valeur d'indice",
    ),
    "hint.situation.index_value": ("e.g. 130.2", "par exemple 130.2"),
    "error.situation.the_index_file": ("the index file", "le fichier d'indices"),
    "hint.situation.pass_previous": (
        "pass the .json bimquant situation wrote for the previous month",
        "donnez le .json que bimquant situation a écrit pour le mois précédent",
    ),
    "error.situation.not_a_situation": (
        "{path}: not a situation (no info, lines and totals)",
        "{path} : ce n'est pas une situation (ni info, ni lines, ni totals)",
    ),
    "error.situation.not_a_situation_because": (
        "{path}: not a situation ({error})",
        "{path} : ce n'est pas une situation ({error})",
    ),
    "error.situation.period_not_after": (
        "period {period} is not after the previous situation's ({previous})",
        "la période {period} ne suit pas celle de la situation précédente ({previous})",
    ),
    "hint.situation.next_month": (
        "give the month that follows it with --period",
        "donnez le mois suivant avec --period",
    ),
    "error.situation.billed_before": (
        "the previous situation billed {codes}, which this one has no line for",
        "la situation précédente a facturé {codes}, qui n'a (n'ont) pas de ligne dans celle-ci",
    ),
    "hint.situation.same_changes": (
        "pass the same --changes as the previous month (every change order billed so far), and more if accepted",
        "donnez les mêmes --changes que le mois précédent (tous les devis de travaux supplémentaires facturés jusqu'ici), et les nouveaux s'ils sont acceptés",
    ),
    "error.situation.the_progress_file": ("the progress file", "le fichier d'avancement"),
    "error.situation.decrease": (
        "{code}: progress {percent} % from {source} is below the previous situation's {before} %",
        "{code} : l'avancement de {percent} % lu dans {source} est inférieur aux {before} % de la situation précédente",
    ),
    "hint.situation.allow_decrease": (
        "progress is cumulative; to credit work billed too early, add --allow-decrease",
        "l'avancement est cumulé ; pour reprendre des travaux facturés trop tôt, ajoutez --allow-decrease",
    ),
    "error.situation.no_index_value": (
        "index {index} has no value for {period} in {source}",
        "l'indice {index} n'a pas de valeur pour {period} dans {source}",
    ),
    "hint.situation.no_index_value": (
        "add the month's value to the index file (the index of the period's month)",
        "ajoutez la valeur du mois au fichier d'indices (l'indice du mois de la période)",
    ),
    "error.costs.no_rows": ("{path}: no cost rows", "{path} : aucune ligne de dépense"),
    "hint.costs.one_row_each": (
        "one row per invoice, delivery note or time sheet",
        "une ligne par facture, bon de livraison ou feuille d'heures",
    ),
    "error.costs.missing_code_or_lot": (
        "{path}: missing column(s) code or lot",
        "{path} : colonne(s) manquante(s) : code ou lot",
    ),
    "hint.costs.header": (
        "the header is date,code (or lot),kind,amount[,supplier,reference]",
        "l'en-tête est date,code (ou lot),kind,amount[,supplier,reference]",
    ),
    "error.costs.before_start": (
        "{where}: date {date} is outside the job (it starts {start})",
        "{where} : la date {date} est hors du chantier (il commence le {start})",
    ),
    "hint.costs.check_date": ("check the date, or --start", "vérifiez la date, ou --start"),
    "hint.costs.book_it": ("book it to a line (N°) or a lot", "imputez la dépense à une ligne (N°) ou à un lot"),
    "error.costs.unknown_kind": (
        "{where}: kind {kind} is unknown",
        "{where} : la nature de dépense {kind} est inconnue",
    ),
    "hint.costs.kinds": ("use one of {kinds}", "prenez l'une de ces natures : {kinds}"),
    "error.costs.amount_not_a_number": (
        "{where}: amount {text} is not a number",
        "{where} : le montant {text} n'est pas un nombre",
    ),
    "hint.costs.amount_forms": (
        "write 1250.50, or 1250,50 in a file separated by ;",
        "écrivez 1250.50, ou 1250,50 dans un fichier séparé par des ;",
    ),
    "error.costs.negative": (
        "{where}: a negative amount ({amount}) that is not a credit",
        "{where} : un montant négatif ({amount}) qui n'est pas un avoir",
    ),
    "hint.costs.credit_note": ("a credit note is kind = credit", "un avoir s'écrit kind = credit"),
    "error.costs.positive_credit": (
        "{where}: a credit of {amount}, positive: it would add to the cost",
        "{where} : un avoir de {amount}, positif : il s'ajouterait au coût",
    ),
    "hint.costs.negative": ("write it negative: -{amount}", "écrivez-le en négatif : -{amount}"),
    "error.costs.other_lot": (
        "{where}: code {code} belongs to lot {lot}, not {given}",
        "{where} : le code {code} appartient au lot {lot}, pas {given}",
    ),
    "hint.costs.code_alone": ("give the code alone, or its lot", "donnez le code seul, ou avec son lot"),
    "hint.stock.pass_orders": ("pass the .json bimquant order wrote", "donnez le .json que bimquant order a écrit"),
    "error.stock.not_orders": (
        "{path}: not orders (no orders and needs)",
        "{path} : ce ne sont pas des commandes (ni orders ni needs)",
    ),
    "error.stock.older_orders": (
        "{path}: orders written by an older bimquant (needs without GlobalIds)",
        "{path} : commandes écrites par une version plus ancienne de bimquant (besoins sans GlobalId)",
    ),
    "hint.stock.order_again": ("run bimquant order again", "relancez bimquant order"),
    "error.stock.no_rows": ("{path}: no delivery rows", "{path} : aucune ligne de livraison"),
    "hint.stock.one_row_each": ("one row per delivery note", "une ligne par bon de livraison"),
    "hint.stock.header": (
        "the header is date,material,quantity,unit[,batch,supplier,reference]",
        "l'en-tête est date,material,quantity,unit[,batch,supplier,reference]",
    ),
    "error.stock.unknown_material": (
        "{where}: material {name} is not in the orders",
        "{where} : le matériau {name} n'est pas dans les commandes",
    ),
    "hint.stock.material": (
        "use the recipe's material id or label",
        "utilisez l'identifiant ou le libellé du matériau dans la recette",
    ),
    "error.stock.before_start": (
        "{where}: date {date} is before the job's start ({start})",
        "{where} : la date {date} précède le début du chantier ({start})",
    ),
    "error.stock.quantity": (
        "{where}: quantity {text} is not a positive number",
        "{where} : la quantité {text} n'est pas un nombre positif",
    ),
    "hint.stock.quantity": (
        "e.g. 9.5, or 9,5 in a file separated by ;",
        "par exemple 9.5, ou 9,5 dans un fichier séparé par des ;",
    ),
    "error.stock.unit": (
        "{where}: unit {unit} is not the unit of {material}",
        "{where} : l'unité {unit} n'est pas celle de {material}",
    ),
    "hint.stock.units": (
        "use {unit}, or its purchase unit {purchase_unit}",
        "utilisez {unit}, ou son unité d'achat {purchase_unit}",
    ),
    "error.stock.unknown_batch": (
        "{where}: batch {batch} has no order of {material}",
        "{where} : la livraison prévue {batch} n'a pas de commande de {material}",
    ),
    "hint.stock.batches": ("use one of: {batches}", "utilisez l'une de celles-ci : {batches}"),
    # (end of the input-file errors)
    # --- warnings of a change order (diff.py) ---
    "omissions.billed": (
        "{count} element(s) were in the contract's model unpriced, to be specified or read under another class: billed here at the user's request (--bill-omissions), {amount}",
        "{count} élément(s) figuraient dans la maquette du marché sans prix, à préciser ou lus sous une autre classe : facturés ici à la demande (--bill-omissions), {amount}",
    ),
    "omissions.apart": (
        "{count} element(s) were in the contract's model unpriced, to be specified or read under another class: omissions and re-readings, not a change of the works, left out of this change order ({amount} at the contract's prices; trace status 'omission' or 're-read')",
        "{count} élément(s) figuraient dans la maquette du marché sans prix, à préciser ou lus sous une autre classe : omissions et relectures, pas une modification des travaux, hors de ce devis ({amount} aux prix du marché ; statut « omission » ou « relecture » du détail)",
    ),
    "manual.paired_with": ("{old} paired with {new}", "{old} apparié à {new}"),
    "manual.apart": ("{distance} m apart", "à {distance} m l'un de l'autre"),
    "manual.kept": (
        "manual pair {names}: {why}; kept as paired",
        "appariement manuel {names} : {why} ; conservé tel quel",
    ),
    "contract.other_rules": (
        "the contract was priced with rule set '{contract}', this diff uses '{rules}'",
        "le marché a été chiffré avec les règles « {contract} », cette comparaison avec « {rules} »",
    ),
    "contract.other_model": (
        "the contract was priced on {contract}, not on {model}",
        "le marché a été chiffré sur {contract}, pas sur {model}",
    ),
    "contract.quantities_differ": (
        "{n} contract quantities differ from the old model's (contract / model): {shown}; the deltas are taken from the contract's quantities",
        "{n} quantités du marché diffèrent de celles de l'ancienne maquette (marché / maquette) : {shown} ; les écarts partent des quantités du marché",
    ),
    "price_basis.contract_sale": ("the contract's sale prices, {file}", "prix de vente du marché, {file}"),
    "price_basis.contract_cost": (
        "the contract's direct costs (an internal estimate), {file}",
        "déboursés du marché (estimation interne), {file}",
    ),
    "price_basis.prices": (
        "price library {file} (as written, no sales coefficient)",
        "bibliothèque de prix {file} (telle quelle, sans coefficient de vente)",
    ),
    "price_basis.none": ("none: quantities only", "aucun : quantités seules"),
    # --- accepted change orders (contract.py) ---
    "changes.price_library": (
        "{file} was priced with a price library, not the contract's prices",
        "{file} a été chiffré avec une bibliothèque de prix, pas aux prix du marché",
    ),
    # --- values said in sentences ---
    "word.True": ("True", "vrai"),
    "word.False": ("False", "faux"),
    "value.total.revision_coefficient": ("revision_coefficient", "coefficient de révision"),
    "value.total.advance": ("advance", "avance"),
    "value.total.advance_recovered_to_date": ("advance_recovered_to_date", "avance remboursée au cumul"),
    "value.total.vat_pct": ("vat_pct", "taux de TVA (%)"),
    "value.total.retention_pct": ("retention_pct", "taux de retenue (%)"),
    "value.total.autoliquidation": ("autoliquidation", "autoliquidation"),
    "value.total.due_date": ("due_date", "échéance"),
    "where.value_true": ("{name} = True", "{name} = vrai"),
    "where.value_false": ("{name} = False", "{name} = faux"),
    # --- what writeback did not write (report/ifc.py, writeback.py), the HTML report ---
    "skip.duplicate_id": ("two elements of the file have this GlobalId", "deux éléments du fichier ont ce GlobalId"),
    "skip.absent": ("not in the file", "absent du fichier"),
    "skip.no_quantity": ("no quantity measured that its set defines", "aucune quantité mesurée que son jeu définit"),
    "skip.ifc2x3_schedule": (
        "IFC2X3's IfcCostItem has no quantities nor cost values (IFC4 added them): the work items' quantities are on the elements, in {set}; export the model in IFC4 for a cost schedule",
        "l'IfcCostItem d'IFC2X3 n'a ni quantités ni valeurs de coût (IFC4 les a ajoutées) : les quantités des ouvrages sont sur les éléments, dans {set} ; exportez la maquette en IFC4 pour avoir un devis",
    ),
    "skip.no_price": (
        "no price in the price library: written without a value",
        "pas de prix dans la bibliothèque de prix : écrit sans valeur",
    ),
    "skip.not_measured": ("not measured: {reason}", "non mesuré : {reason}"),
    "html.not_a_revision": (
        "{added} elements added and {removed} removed of {total}: is {old} an earlier revision of this model?",
        "{added} éléments ajoutés et {removed} supprimés sur {total} : {old} est-elle bien une version antérieure de cette maquette ?",
    ),
    # --- selection keys and check sentences said whole ---
    "select.no_match.predefined_type": (
        "predefined_type {patterns} does not match '{shown}'",
        "le type prédéfini ne répond pas à {patterns} : « {shown} »",
    ),
    "select.no_match.type_name": (
        "type_name {patterns} does not match '{shown}'",
        "le type ne répond pas à {patterns} : « {shown} »",
    ),
    "select.no_match.name": (
        "name {patterns} does not match '{shown}'",
        "le nom ne répond pas à {patterns} : « {shown} »",
    ),
    "select.no_match.material": (
        "material {patterns} does not match '{shown}'",
        "le matériau ne répond pas à {patterns} : « {shown} »",
    ),
    "select.no_match.material_family": (
        "material_family {patterns} does not match '{shown}'",
        "la famille de matériau ne répond pas à {patterns} : « {shown} »",
    ),
    "select.no_match.storey": (
        "storey {patterns} does not match '{shown}'",
        "le niveau ne répond pas à {patterns} : « {shown} »",
    ),
    "select.no_match.classification": (
        "classification {patterns} does not match '{shown}'",
        "la classification ne répond pas à {patterns} : « {shown} »",
    ),
    "check.external_true": (
        "IsExternal is True in the model; the storey outline says otherwise",
        "IsExternal vaut vrai dans la maquette ; le contour du niveau dit le contraire",
    ),
    "check.external_false": (
        "IsExternal is False in the model; the storey outline says otherwise",
        "IsExternal vaut faux dans la maquette ; le contour du niveau dit le contraire",
    ),
    "check.priced_from.count": ("priced from count (body not measured)", "chiffré par comptage (corps non mesuré)"),
    "check.priced_from.authored": (
        "priced from authored (body not measured)",
        "chiffré d'après les quantités déclarées (corps non mesuré)",
    ),
    "check.priced_from.estimated": (
        "priced from estimated (body not measured)",
        "chiffré d'après une estimation (corps non mesuré)",
    ),
    "check.priced_from.mesh": (
        "priced from mesh (body not measured)",
        "chiffré d'après le maillage (corps non mesuré)",
    ),
    # --- console (cli/): the command line's own lines ---
    # (kept last: added by the cli conversion)
    "console.error_label": ("Error:", "Erreur :"),
    "console.hint_label": ("Hint:", "Conseil :"),
    "console.warning_label": ("Warning:", "Attention :"),
    "console.info_label": ("Info:", "Info :"),
    "console.written_label": ("Written:", "Écrit :"),
    "console.colon": (":", " :"),
    "console.log.more": ("... and {n} more like this", "... et {n} autre(s) du même genre"),
    "console.progress.measuring": ("measuring", "mesure"),
    "console.progress.slowest": ("slowest: {name}", "le plus lent : {name}"),
    "console.internal_error": ("internal error: {error}", "erreur interne : {error}"),
    "console.internal_hint": (
        "this is a bimquant bug; please report it with the model if you can",
        "c'est une erreur de bimquant : merci de la signaler, avec la maquette si possible",
    ),
    "console.interrupted": ("Interrupted: nothing written", "Interrompu : rien n'a été écrit"),
    "console.interrupted_after": ("Interrupted after writing {file}", "Interrompu après avoir écrit {file}"),
    "console.output.format_needs_file": (
        "--format {format} needs an output file",
        "--format {format} demande un fichier de sortie",
    ),
    "console.output.format_needs_file_hint": (
        "add -o FILE, or use --format json to write to stdout",
        "ajouter -o FICHIER, ou --format json pour écrire sur la sortie standard",
    ),
    "console.output.chart_not_png": (
        "--report {file}: the chart is a .png",
        "--report {file} : le graphique est un .png",
    ),
    "console.output.chart_not_png_hint": (
        "name it e.g. --report courbe.png",
        "le nommer par exemple --report courbe.png",
    ),
    "console.takeoff.measured": (
        "{elements} elements measured, {failed} failed, {excluded} not measured, in {seconds} s",
        "{elements} éléments mesurés, {failed} en échec, {excluded} non mesurés, en {seconds} s",
    ),
    "console.takeoff.by_class": ("By class", "Par classe IFC"),
    "console.takeoff.no_storey": ("(no storey)", "(sans niveau)"),
    "console.takeoff.by_storey": ("By storey", "Par niveau"),
    "console.takeoff.damaged": (
        "[bold yellow]{n} element(s) use instances the file breaks:[/] their quantities are uncertain (measure_note)",
        "[bold yellow]{n} élément(s) utilisent des instances que le fichier endommage :[/] leurs quantités sont "
        "incertaines (colonne « Remarque de mesure »)",
    ),
    "console.takeoff.assumed": ("Assumed:", "Hypothèse :"),
    "console.takeoff.suspects": (
        "{n} authored quantities disagree with the geometry: run [bold]bimquant validate[/]",
        "{n} quantité(s) déclarée(s) dans la maquette ne concordent pas avec la géométrie : "
        "lancer [bold]bimquant validate[/]",
    ),
    "console.failures.title": ("{n} element(s) could not be measured:", "{n} élément(s) n'ont pas pu être mesurés :"),
    "console.work.title": ("Work items ({ruleset})", "Ouvrages ({ruleset})"),
    "console.work.unmapped": (
        "{n} element(s) feed no item (sheet 'unmapped'), e.g.:",
        "{n} élément(s) n'alimentent aucun ouvrage (feuille « Sans ouvrage »), par exemple :",
    ),
    "console.work.conflicts": (
        "[bold yellow]{n} conflict(s): elements counted in two items that measure the same thing[/] (sheet 'warnings')",
        "[bold yellow]{n} conflit(s) : éléments comptés dans deux ouvrages qui mesurent la même chose[/] "
        "(feuille « Avertissements »)",
    ),
    "console.work.missing_values": (
        "{n} contribution(s) without a value (sheet 'warnings')",
        "{n} contribution(s) sans valeur (feuille « Avertissements »)",
    ),
    "console.double_counts.title": (
        "[bold red]{n} element(s) counted twice[/] by items measuring the same thing (sheet 'reconciliation'), e.g.:",
        "[bold red]{n} élément(s) comptés deux fois[/] par des ouvrages qui mesurent la même chose "
        "(feuille « Rapprochement »), par exemple :",
    ),
    "console.coverage.line": (
        "Coverage: priced once {priced} of {elements} elements, {share} of {volume} m3 of building volume",
        "Couverture : {priced} élément(s) chiffré(s) une fois sur {elements}, {share} de {volume} m3 de volume bâti",
    ),
    "console.coverage.wall_face": (", {share} of {area} m2 of wall face", ", {share} de {area} m2 de parement de murs"),
    "console.coverage.doors_windows": (
        ", {priced} of {total} doors and windows",
        ", {priced} porte(s) et fenêtre(s) sur {total}",
    ),
    "console.coverage.left_out.not_building_work": ("({n} not building work)", "({n} hors ouvrages)"),
    "console.coverage.left_out.by_parts": ("({n} counted through their parts)", "({n} compté(s) par leurs parties)"),
    "console.coverage.left_out.both": (
        "({not_building} not building work; {parts} counted through their parts)",
        "({not_building} hors ouvrages ; {parts} compté(s) par leurs parties)",
    ),
    "console.coverage.words.double_counted": ("counted twice", "compté(s) deux fois"),
    "console.coverage.words.value_unknown": ("quantity of no value", "quantité sans valeur"),
    "console.coverage.words.not_priced": ("not priced", "non chiffré(s)"),
    "console.coverage.words.geometry_failed": ("geometry failed", "géométrie illisible"),
    "console.coverage.volume_unknown_elements": ("({n} of unknown volume)", "(dont {n} de volume inconnu)"),
    "console.coverage.below_threshold": (
        "only {share} of the building volume is priced once (threshold {threshold}): {counts}. Largest:",
        "seulement {share} du volume bâti est chiffré une fois (seuil {threshold}) : {counts}. Les plus gros :",
    ),
    "console.coverage.not_complete": (
        "not every element is priced once: {counts}. Largest:",
        "tous les éléments ne sont pas chiffrés une fois : {counts}. Les plus gros :",
    ),
    "console.coverage.volume_unknown": ("volume unknown", "volume inconnu"),
    # why a group is not priced, in French (English: the library's reason as it is)
    "console.coverage.reason.no_item_selects": (
        "no item takes the class {what}",
        "aucun ouvrage ne prend la classe {what}",
    ),
    "console.coverage.reason.body_not_priced": (
        "only roofing or finish items take them ({fed}), not their body",
        "seuls des ouvrages de couverture ou de finition les prennent ({fed}), pas leur corps",
    ),
    "console.coverage.reason.no_body": (
        "no body to measure, and no item counts them",
        "pas de corps à mesurer, et aucun ouvrage ne les compte",
    ),
    "console.coverage.reason.not_priced": (
        "no structural item takes them with this material or these dimensions",
        "aucun ouvrage de structure ne les prend avec ce matériau ou ces dimensions",
    ),
    "console.coverage.reason.geometry_failed": (
        "geometry unreadable, and neither a count nor a reliable stated quantity",
        "géométrie illisible, et ni comptage ni quantité déclarée fiable",
    ),
    "console.coverage.reason.value_unknown": (
        "an item's quantity of no value for them",
        "une quantité d'ouvrage sans valeur pour eux",
    ),
    "console.coverage.reason.double_counted": (
        "two items measuring the same thing take them",
        "deux ouvrages qui mesurent la même chose les prennent",
    ),
    "console.check.ready": ("Ready to be priced with {name}.", "Prête à chiffrer avec {name}."),
    "console.check.not_ready": (
        "[bold red]Not ready[/] to be priced with {name}: {n} problem(s) to settle first",
        "[bold red]Pas prête[/] à chiffrer avec {name} : {n} problème(s) à régler d'abord",
    ),
    "console.check.to_settle": ("To settle:", "À régler :"),
    "console.check.to_check": ("To check:", "À vérifier :"),
    "console.check.wall_face": ("{area} m2 of wall face", "{area} m2 de parement"),
    # bimquant.readiness.KINDS in a sentence
    "console.check.problem.not_selected": ("no item selects them", "aucun ouvrage ne les prend"),
    "console.check.problem.material_not_recognised": (
        "their class is priced, not with this material (or none)",
        "classe chiffrée, mais pas avec ce matériau (ou aucun)",
    ),
    "console.check.problem.body_not_priced": (
        "only roofing or finish items take them, not their body",
        "seuls des ouvrages de couverture ou de finition les prennent, pas leur corps",
    ),
    "console.check.problem.no_body": (
        "no body to measure, and no item counts them",
        "pas de corps à mesurer, et aucun ouvrage ne les compte",
    ),
    "console.check.problem.value_unknown": (
        "an item's quantity has no value for them",
        "quantité d'ouvrage sans valeur",
    ),
    "console.check.problem.double_counted": ("counted twice", "comptés deux fois"),
    "console.check.problem.aggregate_parts": (
        "aggregates whose parts carry the geometry, parts not priced",
        "assemblages dont les parties portent la géométrie, parties non chiffrées",
    ),
    "console.check.problem.geometry_failed": ("geometry failed, not priced", "géométrie illisible, non chiffrés"),
    "console.check.problem.placeholder": ("line whose label waits for a decision", "ligne au libellé à préciser"),
    "console.check.problem.priced_without_geometry": (
        "priced without their geometry (by count, or the file's checked quantities)",
        "chiffrés sans leur géométrie (au comptage, ou aux quantités déclarées vérifiées)",
    ),
    "console.check.problem.type_disagrees": (
        "the occurrence and its type disagree",
        "l'occurrence et son type se contredisent",
    ),
    "console.check.problem.external_disagrees": (
        "IsExternal contradicted by the storey outline",
        "IsExternal contredit par le contour du niveau",
    ),
    "console.check.problem.class_contradicts_shape": (
        "class contradicted by the shape, category or name",
        "classe contredite par la forme, la catégorie ou le nom (voir bimquant explain)",
    ),
    "console.check.problem.no_storey": ("in no storey", "rattachés à aucun niveau"),
    "console.check.problem.no_spaces": (
        "no rooms (IfcSpace): the cost per m2 is on the floor slabs",
        "aucun local (IfcSpace) : le coût au m2 porte sur les dalles",
    ),
    "console.validate.none": (
        "No authored quantity that bimquant compares was found in this model.",
        "Aucune quantité déclarée que bimquant sait comparer n'a été trouvée dans cette maquette.",
    ),
    "console.validate.title": (
        "Authored quantities against geometry (within 1%)",
        "Quantités déclarées et géométrie (à 1 % près)",
    ),
    "console.validate.columns.class": ("class", "classe"),
    "console.validate.columns.quantity": ("quantity", "quantité"),
    "console.validate.columns.count": ("count", "nombre"),
    "console.validate.columns.agree": ("agree", "concordent"),
    "console.validate.columns.share": ("share", "part"),
    "console.validate.columns.suspect": ("suspect", "suspectes"),
    "console.validate.suspect_count": ("{n} suspect authored value(s)", "{n} valeur(s) déclarée(s) suspecte(s)"),
    "console.validate.suspects": ("{n} suspect authored values:", "{n} valeurs déclarées suspectes :"),
    "console.validate.geometry": ("geometry", "géométrie"),
    "console.explain.where": (
        "(storey {storey}, material {material})",
        "(niveau {storey}, matériau {material})",
    ),
    "console.explain.none": ("(none)", "(aucun)"),
    "console.explain.quantities": ("quantities:", "quantités :"),
    "console.explain.signals": ("signals:", "signaux :"),
    "console.explain.read_as": ("read as:", "lu comme :"),
    "console.explain.precast": ("precast", "préfabriqué"),
    "console.explain.opening": (
        "opening {opening}: {area} m2 in the face, {volume} m3 in the host",
        "ouverture {opening} : {area} m2 dans la face, {volume} m3 dans l'hôte",
    ),
    "console.explain.items_fed": ("Items fed:", "Ouvrages alimentés :"),
    "console.explain.no_item": ("No item matches this element.", "Aucun ouvrage ne prend cet élément."),
    "console.explain.layer": ("[layer {layer}]", "[couche {layer}]"),
    "console.explain.values": ("values:", "valeurs :"),
    "console.explain.openings_deducted": ("deducted:", "déduites :"),
    "console.explain.openings_measured_through": ("measured through:", "comptées pleines :"),
    "console.explain.items_not_matched": ("Items not matched:", "Ouvrages non alimentés :"),
    "console.budget.title": ("Budget by lot ({currency}, excl. VAT)", "Budget par lot ({currency} HT, déboursé sec)"),
    "console.budget.totals.direct_cost": ("direct cost", "déboursé sec"),
    "console.budget.totals.site_overheads": ("site overheads", "frais de chantier"),
    "console.budget.totals.general_overheads": ("general overheads", "frais généraux"),
    "console.budget.totals.contingency": ("contingency", "aléas"),
    "console.budget.totals.margin": ("margin", "marge"),
    "console.budget.totals.total_excl_vat": ("total excl. VAT", "total HT"),
    "console.budget.totals.vat": ("VAT", "TVA"),
    "console.budget.totals.total_incl_vat": ("total incl. VAT", "total TTC"),
    "console.budget.client": (
        "client DPGF: total excl. VAT {total} {currency} (each sale price rounded to the cent)",
        "DPGF client : total HT {total} {currency} (chaque prix de vente arrondi au centime)",
    ),
    "console.budget.cost_per_m2": (
        "cost per m2 excl. VAT {cost} {currency} ({area} m2: {source})",
        "coût HT par m2 {cost} {currency} ({area} m2 : {source})",
    ),
    "console.budget.floor_area.spaces": (
        "net floor area of the rooms (IfcSpace)",
        "surface nette des locaux (IfcSpace)",
    ),
    "console.budget.floor_area.slabs": (
        "no rooms (IfcSpace) in the model: floor slab area, which is not the SDP",
        "pas de locaux (IfcSpace) dans la maquette : surface des dalles de plancher, ce n'est pas la SDP",
    ),
    "console.budget.unpriced": ("Incomplete: {n} item(s) without a price:", "Incomplet : {n} ouvrage(s) sans prix :"),
    "console.budget.placeholders": (
        "{n} line(s) whose label still waits for a decision: {codes}",
        "{n} ligne(s) dont le libellé reste à préciser : {codes}",
    ),
    "console.budget.incomplete": (
        "[bold yellow]Incomplete estimate:[/] see the reserves (sheet 'reserves')",
        "[bold yellow]Estimation incomplète :[/] voir les réserves (feuille « Réserves »)",
    ),
    "console.orders.title": ("Orders", "Commandes"),
    "console.orders.not_ordered": (
        "no material is ordered for the {n} element(s) not priced once (no item takes them, so no recipe does): "
        "order them by hand or complete the rule set",
        "aucun matériau n'est commandé pour les {n} élément(s) non chiffré(s) une fois (aucun ouvrage ne les prend, "
        "donc aucune recette) : les commander à la main ou compléter les règles",
    ),
    "console.orders.trucks": (
        "{what}: {n} truck(s), last one {last} {unit}",
        "{what} : {n} camion(s), le dernier de {last} {unit}",
    ),
    "console.orders.without_recipe": (
        "{n} item(s) with a quantity but no recipe: {codes}",
        "{n} ouvrage(s) avec une quantité mais sans recette : {codes}",
    ),
    "console.rules.ok": (
        "OK: {path}: rule set '{name}' ({language}), {items} items in {lots} lots",
        "OK : {path} : jeu de règles « {name} » ({language}), {items} ouvrages dans {lots} lots",
    ),
    "console.rules.columns.code": ("code", "N°"),
    "console.rules.columns.unit": ("unit", "U"),
    "console.rules.columns.label": ("label", "désignation"),
    "console.rules.columns.quantity": ("quantity", "quantité"),
    "console.rules.columns.openings": ("openings", "ouvertures"),
    "console.rules.deduct": ("deduct > {value} {unit}", "déduire > {value} {unit}"),
    "console.diff.statuses.unchanged": ("unchanged", "inchangés"),
    "console.diff.statuses.changed": ("changed", "modifiés"),
    "console.diff.statuses.moved": ("moved", "déplacés"),
    "console.diff.statuses.reclassified": ("reclassified", "reclassés"),
    "console.diff.statuses.added": ("added", "ajoutés"),
    "console.diff.statuses.removed": ("removed", "supprimés"),
    "console.diff.statuses.ambiguous": ("ambiguous", "ambigus"),
    "console.diff.no_element": ("no element", "aucun élément"),
    "console.diff.paired": (
        "paired by GlobalId {global_id}, by signature {signature}, by hand {manual}",
        "appariés par GlobalId {global_id}, par signature {signature}, à la main {manual}",
    ),
    "console.diff.moved_items": ("Items whose quantity moved", "Ouvrages dont la quantité change"),
    "console.diff.not_priced": (
        "not priced: give --contract or --prices",
        "non chiffré : donner --contract ou --prices",
    ),
    "console.diff.totals.plus_value": ("additions", "plus-values HT"),
    "console.diff.totals.minus_value": ("omissions", "moins-values HT"),
    "console.diff.totals.total_excl_vat": ("total excl. VAT", "total HT"),
    "console.diff.totals.total_incl_vat": ("total incl. VAT", "total TTC"),
    "console.diff.unit_prices": ("unit prices: {source}", "prix unitaires : {source}"),
    "console.diff.new_prices": (
        "{n} item(s) without a price (new rates to agree): {codes}",
        "{n} ouvrage(s) sans prix (prix nouveaux à négocier) : {codes}",
    ),
    "console.diff.moved_elements": (
        "{n} element(s) in both revisions moved between work items:",
        "{n} élément(s) présents dans les deux maquettes changent d'ouvrage :",
    ),
    "console.situation.title": (
        "[bold]Progress claim no. {number}[/], {period}: {share} of the contract to date",
        "[bold]Situation n° {number}[/], {period} : {share} du marché au cumul",
    ),
    "console.situation.by_lot": ("By lot ({currency}, excl. VAT)", "Par lot ({currency} HT)"),
    "console.situation.totals.cumulative": ("work to date", "cumul des travaux HT"),
    "console.situation.totals.previous": ("previous claims", "situations précédentes HT"),
    "console.situation.totals.period": ("this month", "travaux du mois HT"),
    "console.situation.totals.revision": ("price adjustment", "révision de prix"),
    "console.situation.totals.advance_recovered": ("advance recovered", "remboursement d'avance"),
    "console.situation.totals.amount_excl_vat": ("amount excl. VAT", "montant HT"),
    "console.situation.totals.vat": ("VAT", "TVA"),
    "console.situation.totals.retention": ("retention", "retenue de garantie"),
    "console.situation.totals.net_to_pay": ("net to pay", "net à payer"),
    "console.situation.autoliquidation": (
        "reverse charge: VAT due by the client",
        "autoliquidation : TVA due par le preneur",
    ),
    "console.situation.due": ("due {date}", "échéance {date}"),
    "console.situation.unpriced": (
        "{n} change-order line(s) without a price, not billed: {codes}",
        "{n} ligne(s) de TS sans prix (prix nouveaux), non facturées : {codes}",
    ),
    "console.costs.title": (
        "Costs to {period} ({currency}, direct cost)",
        "Réalisé au {period} ({currency}, déboursés HT)",
    ),
    "console.costs.totals": (
        "budget {budget}, earned {earned}, actual {actual}, variance {variance} {currency}, CPI {cpi}",
        "budget {budget}, valeur acquise {earned}, coût réel {actual}, écart {variance} {currency}, IPC {cpi}",
    ),
    "console.costs.planned": ("planned value {planned}, SPI {spi}", "valeur planifiée {planned}, IPD {spi}"),
    "console.costs.cpi_lines": (
        "CPI and EAC over the {n} line(s) with both progress and costs",
        "IPC et coût final prévu sur les {n} ligne(s) qui ont un avancement et des dépenses",
    ),
    "console.costs.without_costs": (
        "{n} line(s) with progress and no cost booked yet, {value} earned, left out of the CPI: {codes}",
        "{n} ligne(s) avancée(s) sans dépense enregistrée, valeur acquise {value}, hors IPC : {codes}",
    ),
    "console.costs.booked_to_lots": (
        "{value} booked to lots, not to lines: in the actual cost, not in the CPI",
        "{value} imputés à des lots, pas à des lignes : dans le coût réel, hors IPC",
    ),
    "console.costs.costs_only": (
        "{n} line(s) with costs and no progress:",
        "{n} ligne(s) avec des dépenses et sans avancement :",
    ),
    "console.stock.title": ("Stock at {period}", "Stock au {period}"),
    "console.stock.no_alert": ("no alert", "aucune alerte"),
    "console.later": (
        "{n} row(s) dated after {period} not counted (rows {rows})",
        "{n} ligne(s) datée(s) après {period} non comptée(s) (lignes {rows})",
    ),
    "console.batch.yes": ("yes", "oui"),
    "console.batch.no": ("NO", "NON"),
    "console.batch.title": ("Portfolio", "Portefeuille"),
    "console.batch.incomplete": (
        "{n} model(s) not priced completely (listed first): see each one's reserves",
        "{n} maquette(s) chiffrée(s) incomplètement (en tête) : voir les réserves de chacune",
    ),
    "console.batch.failed": ("Failed", "En échec"),
    "console.batch.counts": (
        "{measured} model(s) measured, {failed} failed",
        "{measured} maquette(s) mesurée(s), {failed} en échec",
    ),
    "console.writeback.base_quantities": (
        "{elements} element(s) given base quantities: {added} set(s) added, {beside} beside a set already there "
        "(in Bimquant_BaseQuantities), {replaced} replaced, {rewritten} written again",
        "{elements} élément(s) avec leurs quantités de base : {added} jeu(x) ajouté(s), {beside} à côté d'un jeu "
        "existant (dans Bimquant_BaseQuantities), {replaced} remplacé(s), {rewritten} réécrit(s)",
    ),
    "console.writeback.legacy_sets_kept": (
        "{n} element(s) also keep the exporter's BaseQuantities set, not replaced: two sets of base quantities "
        "side by side (--replace-quantities replaces it)",
        "{n} élément(s) gardent aussi le jeu BaseQuantities de l'exportateur, non remplacé : deux jeux de quantités "
        "de base côte à côte (--replace-quantities le remplace)",
    ),
    "console.writeback.work_items": (
        "{n} element(s) given their work item quantities (Bimquant_WorkItems)",
        "{n} élément(s) avec leurs quantités d'ouvrages (Bimquant_WorkItems)",
    ),
    "console.writeback.cost_schedule": (
        "cost schedule '{name}': {lots} lots, {items} items ({unpriced} without a price), "
        "direct cost {cost} {currency}",
        "devis (IfcCostSchedule) '{name}' : {lots} lots, {items} ouvrages ({unpriced} sans prix), "
        "déboursé sec {cost} {currency}",
    ),
    "console.writeback.skipped": ("Skipped:", "Non écrit :"),
    # writeback's skipped.what
    "console.writeback.skipped_what.base quantities": ("base quantities", "quantités de base"),
    "console.writeback.skipped_what.work items": ("work items", "quantités d'ouvrages"),
    "console.writeback.skipped_what.cost schedule": ("cost schedule", "devis"),
    "console.writeback.skipped_what.unit price": ("unit price", "prix unitaire"),
    "console.writeback.more": ("... and {n} more skipped", "... et {n} de plus"),
    "console.report.summary": (
        "{items} work items, total excl. VAT {total} {currency}; {drawn} of {elements} elements drawn "
        "({bodies} distinct bodies, {triangles} triangles)",
        "{items} ouvrages, total HT {total} {currency} ; {drawn} éléments dessinés sur {elements} "
        "({bodies} corps distincts, {triangles} triangles)",
    ),
    "console.report.unpriced": ("{n} item(s) without a price", "{n} ouvrage(s) sans prix"),
    "console.report.decimated": (
        "{n} element(s) drawn simplified (their quantities are exact)",
        "{n} élément(s) dessiné(s) simplifié(s) (leurs quantités restent exactes)",
    ),
    # --- the HTML report's page (report/viewer/viewer.js reads them from the page's data) ---
    "viewer.kinds.rules": ("Rules", "Règles"),
    "viewer.kinds.file": ("File", "Fichier"),
    "viewer.kinds.assumption": ("Assumption", "Hypothèse"),
    "viewer.kinds.unpriced": ("Items without a price", "Ouvrages sans prix"),
    "viewer.kinds.failed": ("Elements whose geometry failed", "Éléments dont la géométrie a échoué"),
    "viewer.kinds.decimated": (
        "Elements drawn simplified (quantities exact)",
        "Éléments dessinés simplifiés (quantités exactes)",
    ),
    "viewer.kinds.revision": ("Revision", "Révision"),
    "viewer.statuses.priced_once": ("Priced once", "Chiffré une fois"),
    "viewer.statuses.double_counted": ("Counted twice", "Compté deux fois"),
    "viewer.statuses.value_unknown": ("Quantity of no value", "Quantité sans valeur"),
    "viewer.statuses.not_priced": (
        "Body not priced (no structure item)",
        "Corps non chiffré (aucun ouvrage de structure)",
    ),
    "viewer.statuses.not_building_work": ("Not building work (not counted)", "Hors ouvrages (non compté)"),
    "viewer.statuses.geometry_failed": ("Geometry failed, not priced", "Géométrie en échec, non chiffré"),
    "viewer.statuses.represented_by_parts": ("Priced through its parts", "Chiffré par ses parties"),
    "viewer.statuses.represented_by_parent": ("Priced through its parent", "Chiffré par son parent"),
    "viewer.statuses.removed": ("Removed", "Supprimé"),
    "viewer.statuses.suspect": ("Authored value suspect", "Valeur déclarée suspecte"),
    "viewer.diff_statuses.unchanged": ("Unchanged", "Inchangé"),
    "viewer.diff_statuses.changed": ("Changed", "Modifié"),
    "viewer.diff_statuses.moved": ("Moved", "Déplacé"),
    "viewer.diff_statuses.reclassified": ("Reclassified", "Reclassé"),
    "viewer.diff_statuses.added": ("Added", "Ajouté"),
    "viewer.diff_statuses.removed": ("Removed", "Supprimé"),
    "viewer.diff_statuses.ambiguous": ("Ambiguous", "Ambigu"),
    "viewer.model": ("Model", "Maquette"),
    "viewer.schema": ("Schema", "Schéma"),
    "viewer.created": ("Created", "Édité le"),
    "viewer.sha": ("SHA-256", "SHA-256"),
    "viewer.version": ("bimquant", "bimquant"),
    "viewer.rules": ("Rules", "Règles"),
    "viewer.prices": ("Prices", "Prix"),
    "viewer.direct": ("Direct cost", "Déboursé sec"),
    "viewer.excl": ("Total excl. VAT", "Total HT"),
    "viewer.incl": ("Total incl. VAT", "Total TTC"),
    "viewer.per_m2": ("Cost per m² excl. VAT", "Coût HT au m²"),
    "viewer.floor": ("Floor area", "Surface de plancher"),
    "viewer.incomplete": ("incomplete: see the elements to check", "incomplet : voir les éléments à vérifier"),
    "viewer.measured": ("Elements measured", "Éléments mesurés"),
    "viewer.counted": ("Elements priced once", "Éléments chiffrés une fois"),
    "viewer.share": ("of the building volume", "du volume bâti"),
    "viewer.failed_el": ("Geometry failures", "Échecs de géométrie"),
    "viewer.excluded": ("Excluded (openings, no body...)", "Exclus (ouvertures, sans corps...)"),
    "viewer.warnings": ("Warnings", "Avertissements"),
    "viewer.view": ("3D view", "Vue 3D"),
    "viewer.colour_by": ("Colour by", "Couleur par"),
    "viewer.by_item": ("work item", "ouvrage"),
    "viewer.by_lot": ("lot", "lot"),
    "viewer.by_status": ("status", "statut"),
    "viewer.by_diff": ("revision", "révision"),
    "viewer.clear": ("Show all", "Tout afficher"),
    "viewer.fit": ("Fit view", "Recentrer"),
    "viewer.none_selected": ("Click a work item, a lot or an element.", "Cliquez un ouvrage, un lot ou un élément."),
    "viewer.items": ("Work items", "Ouvrages"),
    "viewer.lots": ("Lots", "Lots"),
    "viewer.storeys": ("By storey", "Par niveau"),
    "viewer.not_counted": ("Elements to check", "Éléments à vérifier"),
    "viewer.charts": ("Charts", "Graphiques"),
    "viewer.plan": ("Works schedule", "Planning des travaux"),
    "viewer.plan_period": (
        "from {start} to {finish}: {days} working days, at most {peak} workers on site",
        "du {start} au {finish} : {days} jours ouvrés, au plus {peak} ouvriers sur le chantier",
    ),
    "viewer.gantt_hint": (
        "A bar selects the elements its task builds; red: critical path.",
        "Une barre sélectionne les éléments que sa tâche construit ; rouge : chemin critique.",
    ),
    "viewer.manpower": (
        "Workers on an average working day, per week and lot",
        "Effectif moyen par jour ouvré, par semaine et par lot",
    ),
    "viewer.code": ("Code", "Code"),
    "viewer.lot": ("Lot", "Lot"),
    "viewer.label": ("Label", "Désignation"),
    "viewer.unit": ("Unit", "Unité"),
    "viewer.quantity": ("Quantity", "Quantité"),
    "viewer.unit_price": ("Unit cost", "PU déboursé HT"),
    "viewer.amount": ("Cost", "Déboursé HT"),
    "viewer.sale_unit_price": ("Sale unit price", "PU vente HT"),
    "viewer.sale_amount": ("Sale amount", "Montant vente HT"),
    "viewer.elements": ("Elements", "Éléments"),
    "viewer.items_n": ("Items", "Ouvrages"),
    "viewer.unpriced_n": ("Unpriced", "Sans prix"),
    "viewer.storey": ("Storey", "Niveau"),
    "viewer.status": ("Status", "Statut"),
    "viewer.reason": ("Reason", "Raison"),
    "viewer.cls": ("IFC class", "Classe IFC"),
    "viewer.name": ("Name", "Nom"),
    "viewer.gid": ("GlobalId", "GlobalId"),
    "viewer.filter": ("Filter...", "Filtrer..."),
    "viewer.unpriced": ("unpriced", "sans prix"),
    "viewer.cost_by_lot": ("Cost by lot", "Déboursé HT par lot"),
    "viewer.cost_by_storey": ("Cost by storey", "Déboursé HT par niveau"),
    "viewer.qty_by_storey": ("Quantity by storey of the item", "Quantité par niveau de l'ouvrage"),
    "viewer.quantities": ("Measured quantities", "Quantités mesurées"),
    "viewer.feeds": ("Work items fed", "Ouvrages alimentés"),
    "viewer.contribution": ("Contribution", "Apport"),
    "viewer.formula": ("Formula", "Formule"),
    "viewer.values": ("Values", "Valeurs"),
    "viewer.feeds_none": ("Feeds no work item.", "N'alimente aucun ouvrage."),
    "viewer.suspect": ("Authored quantity suspect", "Quantité déclarée suspecte"),
    "viewer.drawn_with": ("Drawn", "Tracé"),
    "viewer.no_mesh": ("no geometry to draw", "sans géométrie affichable"),
    "viewer.no_webgl": (
        "This browser cannot show 3D (no WebGL): the tables are complete.",
        "Ce navigateur n'affiche pas la 3D (WebGL indisponible) : les tableaux restent complets.",
    ),
    "viewer.other": ("others", "autres"),
    "viewer.none": ("no work item", "aucun ouvrage"),
    "viewer.first_item": (
        "an element feeding several items takes the colour of the first",
        "un élément qui alimente plusieurs ouvrages prend la couleur du premier",
    ),
    "viewer.diff": ("Revision", "Révision"),
    "viewer.diff_against": ("Compared with", "Comparée à"),
    "viewer.plus": ("Added value", "Plus-value"),
    "viewer.minus": ("Removed value", "Moins-value"),
    "viewer.old_q": ("Old qty", "Qté avant"),
    "viewer.new_q": ("New qty", "Qté après"),
    "viewer.delta_amount": ("Amount of the change", "Montant de l'écart HT"),
    "viewer.no_storey": ("(no storey)", "(sans niveau)"),
    "viewer.total": ("Total", "Total"),
    "viewer.rounding": ("Rounding (quantities per storey rounded)", "Écart d'arrondi (quantités par niveau arrondies)"),
    "viewer.no_prices": ("no price library", "sans bordereau de prix"),
    "viewer.show_zero": ("Show the items of quantity zero", "Afficher les ouvrages de quantité nulle"),
    "viewer.dpgf_client": (
        "Client DPGF (sale prices rounded to the cent)",
        "DPGF client (prix de vente arrondis au centime)",
    ),
    "viewer.floor_spaces": ("Net floor area of the spaces (IfcSpace)", "Surface utile des locaux (IfcSpace)"),
    "viewer.floor_slabs": (
        "Area of the floor slabs (no spaces in the model)",
        "Surface des dalles (pas de locaux dans la maquette ; ce n'est pas la SDP)",
    ),
    "viewer.not_building": ("not building work", "hors ouvrages"),
    "viewer.diff_total": ("Change excl. VAT at the price library's costs", "Écart HT au prix du bordereau (déboursé)"),
    "viewer.delta_q": ("Change", "Écart"),
    "viewer.share_col": ("Share", "Part"),
    "viewer.click_hint": (
        "Drag: rotate · wheel: zoom · right drag: pan · click: an element's detail",
        "Glisser : tourner · molette : zoom · clic droit : déplacer · clic : détail d'un élément",
    ),
    "viewer.footer": (
        "Self-contained report made by bimquant: no external resource, no network access. Quantities come from geometry; the 3D is a view, its meshes may be simplified.",
        "Rapport autonome produit par bimquant : aucune ressource externe, aucun accès réseau. Les quantités viennent de la géométrie ; la 3D est une vue, les maillages affichés peuvent être simplifiés.",
    ),
    "viewer.highlighted_one": ("{n} element highlighted", "{n} élément en surbrillance"),
    "viewer.highlighted_many": ("{n} elements highlighted", "{n} éléments en surbrillance"),
    "viewer.colon": (": ", " : "),
    "viewer.too_old": (
        "This browser is too old to open the report (no DecompressionStream).",
        "Ce navigateur est trop ancien pour ouvrir ce rapport (pas de DecompressionStream).",
    ),
    # --- the command line's usage errors: click's own sentences, said in French (cli/console.usage_error) ---
    "usage.usage": ("Usage: {usage}", "Utilisation : {usage}"),
    "usage.try_help": ("Try '{command}' for help.", "Essayez « {command} » pour l'aide."),
    "usage.no_such_option": ("No such option: {name}", "Option inconnue : {name}"),
    "usage.no_such_option_quoted": ("No such option {name}.", "Option inconnue : {name}."),
    "usage.possible_options": ("(Possible options: {names})", "(options proches : {names})"),
    "usage.did_you_mean": ("Did you mean {name}?", "Vouliez-vous dire {name} ?"),
    "usage.no_such_command": ("No such command {name}.", "Commande inconnue : {name}."),
    "usage.missing_option": ("Missing option {name}.", "Option manquante : {name}."),
    "usage.missing_argument": ("Missing argument {name}.", "Argument manquant : {name}."),
    "usage.missing_command": ("Missing command.", "Commande manquante."),
    "usage.requires_argument": ("Option {name} requires an argument.", "L'option {name} attend une valeur."),
    "usage.takes_no_value": ("Option {name} does not take a value.", "L'option {name} ne prend pas de valeur."),
    "usage.extra_arguments": ("Got unexpected extra argument(s) ({args})", "Argument(s) en trop ({args})"),
    "usage.extra_argument": ("Got unexpected extra argument ({args})", "Argument en trop ({args})"),
    "usage.extra_arguments_plural": ("Got unexpected extra arguments ({args})", "Arguments en trop ({args})"),
    "usage.invalid_value": ("Invalid value for {param}: {message}", "Valeur invalide pour {param} : {message}"),
    "usage.invalid": ("Invalid value: {message}", "Valeur invalide : {message}"),
    "usage.value_error": ("Value error, {message}", "{message}"),
    "usage.not_one_of": ("{value} is not one of {choices}.", "{value} n'est pas l'une des valeurs {choices}."),
    "usage.not_choice": ("{value} is not {choice}.", "{value} n'est pas {choice}."),
    "usage.at_least": ("Input should be greater than or equal to {n}", "la valeur doit être supérieure ou égale à {n}"),
    "usage.at_most": ("Input should be less than or equal to {n}", "la valeur doit être inférieure ou égale à {n}"),
    "usage.not_integer": (
        "Input should be a valid integer, unable to parse string as an integer",
        "la valeur doit être un nombre entier",
    ),
    "usage.not_integer_fraction": (
        "Input should be a valid integer, got a number with a fractional part",
        "la valeur doit être un nombre entier (sans décimales)",
    ),
    "usage.not_a_number": (
        "{value} is not a number (write 5.5 or 5,5)",
        "{value} n'est pas un nombre (écrivez 5.5 ou 5,5)",
    ),
    "usage.prices_or_contract": (
        "give --prices or --contract, not both (--contract: the prices signed)",
        "donnez --prices ou --contract, pas les deux (--contract : les prix signés)",
    ),
    # --- errors and hints of estimates, orders and the material library (estimate.py, orders.py, materials.py) ---
    "error.estimate.unknown_keys": ("{path}: unknown key(s) {keys}", "{path} : clé(s) inconnue(s) {keys}"),
    "hint.estimate.rates_table": ("use an [estimate] table with {keys}", "utilisez une table [estimate] avec {keys}"),
    "error.estimate.percentage": (
        "{key} must be a percentage from 0 to 100, not {value}",
        "{key} doit être un pourcentage de 0 à 100, pas {value}",
    ),
    "hint.estimate.percentage": (
        "write {key} = 8.0 in the settings file, or a flag such as --vat 5,5",
        "écrivez {key} = 8.0 dans le fichier de réglages, ou une option comme --vat 5,5",
    ),
    "error.estimate.no_price_file": ("price file not found: {path}", "fichier de prix introuvable : {path}"),
    "hint.estimate.prices_path": ("check the path of --prices", "vérifiez le chemin donné à --prices"),
    "error.estimate.no_rows": ("{path}: no price rows", "{path} : aucune ligne de prix"),
    "hint.estimate.header_and_rows": (
        "add a header line code,unit,unit_price and one row per item",
        "ajoutez une ligne d'en-tête code,unit,unit_price puis une ligne par ouvrage",
    ),
    "error.estimate.missing_columns": (
        "{path}: row 1 (header): missing column(s) {columns}",
        "{path} : ligne 1 (en-tête) : colonne(s) manquante(s) : {columns}",
    ),
    "hint.estimate.header": (
        "the header needs code, unit, unit_price",
        "l'en-tête doit contenir code, unit, unit_price",
    ),
    "error.estimate.unknown_columns": (
        "{path}: unknown column(s) {columns}",
        "{path} : colonne(s) inconnue(s) : {columns}",
    ),
    "hint.estimate.columns": ("use {columns}", "colonnes admises : {columns}"),
    "hint.estimate.give_code": (
        "give the work item code this price is for",
        "donnez le code de l'ouvrage auquel ce prix se rapporte",
    ),
    "error.estimate.unknown_unit": (
        "{where} ({code}): unknown unit '{unit}'",
        "{where} ({code}) : unité « {unit} » inconnue",
    ),
    "hint.estimate.units": ("use one of {units}", "prenez l'une de ces unités : {units}"),
    "error.estimate.priced_twice": (
        "{where}: code {code} is already priced at row {row} ({price} per {unit}, here {new_price} per {new_unit})",
        "{where} : le code {code} a déjà un prix à la ligne {row} ({price} par {unit}, ici {new_price} par {new_unit})",
    ),
    "hint.estimate.one_price": ("keep one price per code", "gardez un seul prix par code"),
    "error.estimate.not_a_number": (
        "{where} ({code}), column {column}: '{text}' is not a number bimquant can read without guessing (a thousands separator or a decimal mark?)",
        "{where} ({code}), colonne {column} : « {text} » n'est pas un nombre que bimquant sache lire sans deviner (un séparateur de milliers ou une virgule décimale ?)",
    ),
    "error.estimate.out_of_range": (
        "{where} ({code}), column {column}: {number} is out of range",
        "{where} ({code}), colonne {column} : {number} est hors des limites admises",
    ),
    "hint.estimate.price_range": ("a price is a number from 0 to {maximum}", "un prix est un nombre de 0 à {maximum}"),
    "error.estimate.unit_mismatch": (
        "price for {code} ({label}) is per {price_unit}, but the item is measured in {unit}",
        "le prix de {code} ({label}) est donné par {price_unit}, mais l'ouvrage est métré en {unit}",
    ),
    "hint.estimate.unit_mismatch_in": (
        "price {code} per {unit} in the price library, or change the item's unit in {path}",
        "donnez le prix de {code} par {unit} dans la bibliothèque de prix, ou changez l'unité de l'ouvrage dans {path}",
    ),
    "hint.estimate.unit_mismatch": (
        "price {code} per {unit} in the price library, or change the item's unit",
        "donnez le prix de {code} par {unit} dans la bibliothèque de prix, ou changez l'unité de l'ouvrage",
    ),
    "error.estimate.currencies": (
        "the price library mixes currencies: {currencies}",
        "la bibliothèque de prix mélange plusieurs devises : {currencies}",
    ),
    "hint.estimate.one_currency": (
        "use one currency in a price library",
        "n'utilisez qu'une devise par bibliothèque de prix",
    ),
    "error.orders.unknown_sections": (
        "{path}: unknown section(s) {sections}",
        "{path} : section(s) inconnue(s) : {sections}",
    ),
    "hint.orders.recipe_sections": (
        "a recipe file has [recipes], [[material]] and [[recipe]] tables",
        "un fichier de recettes contient une table [recipes] et des tables [[material]] et [[recipe]]",
    ),
    "hint.orders.recipes_table": ('write [recipes] name = "..."', 'écrivez [recipes] name = "..."'),
    "error.orders.material_twice": (
        "{path}: material {id} (#{index}) is defined twice",
        "{path} : le matériau {id} (n° {index}) est défini deux fois",
    ),
    "hint.orders.material_id": ("give each material its own id", "donnez à chaque matériau son propre identifiant"),
    "error.orders.no_such_item": (
        "{path}: recipe for item {code} (#{index}): no such item code in {rules}",
        "{path} : recette de l'ouvrage {code} (n° {index}) : aucun ouvrage de ce code dans {rules}",
    ),
    "hint.orders.item_code": (
        "use a code of the rule set's items, or remove this recipe",
        "utilisez le code d'un ouvrage du jeu de règles, ou supprimez cette recette",
    ),
    "error.orders.recipe_twice": (
        "{path}: recipe for item {code} (#{index}) is given twice",
        "{path} : la recette de l'ouvrage {code} (n° {index}) est donnée deux fois",
    ),
    "hint.orders.merge": ("merge the two recipes", "fusionnez les deux recettes"),
    "error.orders.no_recipe": ("{path}: no [[recipe]] in the file", "{path} : aucune table [[recipe]] dans le fichier"),
    "hint.orders.add_recipe": (
        'add [[recipe]] item = "..." materials = [...]',
        'ajoutez [[recipe]] item = "..." materials = [...]',
    ),
    "error.orders.unknown_kind": (
        "{path}: {where}: kind '{kind}' is unknown",
        "{path} : {where} : la valeur « {kind} » de kind est inconnue",
    ),
    "hint.orders.kind": ('use kind = "concrete" or leave it out', 'écrivez kind = "concrete" ou retirez la clé'),
    "error.orders.increment_not_concrete": (
        "{path}: {where}: increment applies to concrete only",
        "{path} : {where} : increment ne s'applique qu'au béton",
    ),
    "hint.orders.increment_not_concrete": (
        'add kind = "concrete" or remove it',
        'ajoutez kind = "concrete" ou retirez increment',
    ),
    "error.orders.increment_above_truck": (
        "{path}: {where}: increment {increment} is larger than the truck ({pack_size})",
        "{path} : {where} : increment {increment} dépasse la capacité du camion ({pack_size})",
    ),
    "hint.orders.increment_in_truck": (
        "the ordering step must fit in one truck",
        "le pas de commande doit tenir dans un seul camion",
    ),
    "error.orders.lead_time": (
        "{path}: {where}: lead_time_days must be a whole number of days from 0 to {maximum}, not {value}",
        "{path} : {where} : lead_time_days doit être un nombre entier de jours de 0 à {maximum}, pas {value}",
    ),
    "hint.orders.lead_time": ("write lead_time_days = 2", "écrivez lead_time_days = 2"),
    "error.orders.two_prices": (
        "{path}: {where}: give pack_price or unit_price, not both",
        "{path} : {where} : donnez pack_price ou unit_price, pas les deux",
    ),
    "hint.orders.supplier_price": (
        "keep the one your supplier quotes",
        "gardez celui qu'indique le devis de votre fournisseur",
    ),
    "error.orders.no_item": ("{path}: {where} has no item code", "{path} : {where} n'a pas de code d'ouvrage"),
    "hint.orders.write_item": ('write item = "02.03.01"', 'écrivez item = "02.03.01"'),
    "error.orders.no_materials": ("{path}: {where} has no materials", "{path} : {where} n'a pas de matériaux"),
    "hint.orders.write_materials": ("write materials = {example}", "écrivez materials = {example}"),
    "error.orders.line_not_table": (
        "{path}: {where}: each material line must be a table",
        "{path} : {where} : chaque ligne de matériau doit être une table",
    ),
    "hint.orders.line_table": ("write {example}", "écrivez {example}"),
    "error.orders.material_line": ("{where} material line", "{where}, ligne de matériau"),
    "error.orders.unknown_material": (
        "{path}: {where}: unknown material '{material}'",
        "{path} : {where} : matériau « {material} » inconnu",
    ),
    "hint.orders.define_material": (
        "define it in a [[material]] table with this id",
        "définissez-le dans une table [[material]] avec cet identifiant",
    ),
    "hint.orders.phase_sections": (
        "a phase file has [[phase]] tables only",
        "un fichier de phases ne contient que des tables [[phase]]",
    ),
    "error.orders.phase": ("phase #{index}", "phase n° {index}"),
    "error.orders.phase_keys": (
        "{path}: {where}: use the keys name, date, storeys",
        "{path} : {where} : utilisez les clés name, date, storeys",
    ),
    "hint.orders.phase_keys": ('write name = "...", storeys = [...]', 'écrivez name = "...", storeys = [...]'),
    "error.orders.phase_no_name": ("{path}: {where} has no name", "{path} : {where} n'a pas de nom"),
    "hint.orders.phase_name": ('write name = "Gros oeuvre RDC"', 'écrivez name = "Gros oeuvre RDC"'),
    "error.orders.phase_twice": (
        "{path}: {where}: phase name '{name}' is used twice",
        "{path} : {where} : le nom de phase « {name} » est utilisé deux fois",
    ),
    "hint.orders.phase_own_name": ("give each phase its own name", "donnez à chaque phase son propre nom"),
    "error.orders.phase_date": (
        "{path}: {where}: date must be a TOML date from {first} to {last}, not {value}",
        "{path} : {where} : date doit être une date TOML du {first} au {last}, pas {value}",
    ),
    "hint.orders.phase_date": (
        "write date = 2027-03-01 (no quotes, no time)",
        "écrivez date = 2027-03-01 (sans guillemets ni heure)",
    ),
    "error.orders.phase_storeys": (
        "{path}: {where}: storeys must be a list of storey names",
        "{path} : {where} : storeys doit être une liste de noms de niveaux",
    ),
    "hint.orders.phase_storeys": ('write storeys = ["Level 1"]', 'écrivez storeys = ["Level 1"]'),
    "error.orders.storey_twice": (
        "{path}: {where}: storey '{storey}' is already in phase '{phase}'",
        "{path} : {where} : le niveau « {storey} » est déjà dans la phase « {phase} »",
    ),
    "hint.orders.storey_once": ("put each storey in one phase", "mettez chaque niveau dans une seule phase"),
    "error.orders.no_phase": ("{path}: no [[phase]] in the file", "{path} : aucune table [[phase]] dans le fichier"),
    "hint.orders.add_phase": (
        "add [[phase]] tables with name, date and storeys",
        "ajoutez des tables [[phase]] avec name, date et storeys",
    ),
    "error.orders.the_phase_file": ("the phase file", "le fichier de phases"),
    "error.orders.storey_in_no_phase": (
        "{source}: storey {storeys} is in no phase",
        "{source} : le niveau {storeys} n'est dans aucune phase",
    ),
    "hint.orders.storey_to_phase": (
        "add the storey to a phase's storeys list",
        "ajoutez le niveau à la liste storeys d'une phase",
    ),
    "hint.materials.sections": (
        "a material library has a [library] table and [[material]] tables",
        "une bibliothèque de matériaux contient une table [library] et des tables [[material]]",
    ),
    "error.materials.patterns": (
        "{path}: {where}: patterns must be a list of texts",
        "{path} : {where} : patterns doit être une liste de textes",
    ),
    "hint.materials.patterns": ('write patterns = ["*acier*"]', 'écrivez patterns = ["*acier*"]'),
    # --- an entry of a file, as errors name it (loaders.check_entry) ---
    "error.loaders.entry.item": ("item #{index}", "ouvrage n° {index}"),
    "error.loaders.entry.item_named": ("item {name} (#{index})", "ouvrage {name} (n° {index})"),
    "error.loaders.entry.material": ("material #{index}", "matériau n° {index}"),
    "error.loaders.entry.material_named": ("material {name} (#{index})", "matériau {name} (n° {index})"),
    "error.loaders.entry.recipe": ("recipe #{index}", "recette n° {index}"),
    "error.loaders.entry.recipe_named": (
        "recipe for item {name} (#{index})",
        "recette de l'ouvrage {name} (n° {index})",
    ),
    # --- how a file writes its numbers (loaders.NUMBER_FORMS) ---
    "hint.loaders.write_number": ("write it as {forms}", "écrivez-le {forms}"),
    # --- errors and hints of the rules (rules/formula.py, condition.py, ruleset.py, apply.py), readings (rules/reading.py) ---
    "hint.formula.allowed": (
        "numbers, quantity names, + - * / **, parentheses, min(), max(), round(), abs()",
        "des nombres, des noms de quantités, + - * / **, des parenthèses, min(), max(), round(), abs()",
    ),
    "hint.formula.arithmetic_with": ("arithmetic with {allowed}", "un calcul avec {allowed}"),
    "hint.formula.quantity_example": (
        'quantity = "net_volume_m3" (or another quantity)',
        'quantity = "net_volume_m3" (ou une autre quantité)',
    ),
    "error.formula.quantity_formula": ("quantity formula", "formule de quantité"),
    "error.formula.empty": ("the {what} is empty", "la {what} est vide"),
    "error.formula.too_long": (
        "the {what} is {length} characters long (at most {maximum})",
        "la {what} fait {length} caractères (au plus {maximum})",
    ),
    "hint.formula.shorter": ("write a shorter {what}", "écrivez une {what} plus courte"),
    "error.formula.syntax": (
        "'{text}' is not a valid {what} ({error})",
        "« {text} » n'est pas une {what} valide ({error})",
    ),
    "error.formula.too_deep": ("'{text}' is nested too deeply", "« {text} » : imbrication trop profonde"),
    "hint.formula.simpler": ("write a simpler {what}", "écrivez une {what} plus simple"),
    "hint.formula.simpler_formula": ("write a simpler formula", "écrivez une formule plus simple"),
    "error.formula.divides_by_zero": ("'{text}' divides by zero", "« {text} » divise par zéro"),
    "hint.formula.no_zero_division": (
        "remove the division by 0 from the formula",
        "retirez la division par 0 de la formule",
    ),
    "error.formula.not_finite": (
        "'{text}' has no finite value for any quantity",
        "« {text} » n'a de valeur finie pour aucune quantité",
    ),
    "hint.formula.number_sizes": (
        "check the size of the numbers in the formula",
        "vérifiez l'ordre de grandeur des nombres de la formule",
    ),
    "error.formula.a_count": ("a count", "un comptage"),
    "error.formula.number_too_large": (
        "'{text}': a number in it is too large",
        "« {text} » : l'un de ses nombres est trop grand",
    ),
    "hint.formula.below_1e300": ("write numbers below 1e300", "écrivez des nombres inférieurs à 1e300"),
    "hint.formula.did_you_mean": ("did you mean {name}? ", "vouliez-vous dire {name} ? "),
    "error.formula.unknown_quantity": (
        "unknown quantity '{name}' in '{text}'",
        "quantité « {name} » inconnue dans « {text} »",
    ),
    "hint.formula.known_quantities": ("{guess}known quantities: {known}", "{guess}quantités connues : {known}"),
    "error.formula.adds_units": ("'{text}' adds {left} and {right}", "« {text} » additionne {left} et {right}"),
    "hint.formula.same_unit": (
        "add or subtract only quantities of the same unit",
        "n'additionnez ou ne soustrayez que des quantités de même unité",
    ),
    "error.formula.power": (
        "'{text}': a power must be a whole number from -4 to 4",
        "« {text} » : une puissance doit être un nombre entier de -4 à 4",
    ),
    "hint.formula.power": ("write for example length_m ** 2", "écrivez par exemple length_m ** 2"),
    "error.formula.plain_arguments": (
        "'{text}': {function}() takes plain arguments",
        "« {text} » : {function}() prend des arguments simples",
    ),
    "hint.formula.plain_arguments": ("write {function}(a, b)", "écrivez {function}(a, b)"),
    "error.formula.round": (
        "'{text}': round() takes a value and an optional number of digits",
        "« {text} » : round() prend une valeur et, si besoin, un nombre de décimales",
    ),
    "hint.formula.round": ("write round(value) or round(value, 2)", "écrivez round(valeur) ou round(valeur, 2)"),
    "error.formula.abs": ("'{text}': abs() takes one value", "« {text} » : abs() prend une seule valeur"),
    "hint.formula.abs": ("write abs(value)", "écrivez abs(valeur)"),
    "error.formula.compares_one": (
        "'{text}': {function}() compares two values or more",
        "« {text} » : {function}() compare au moins deux valeurs",
    ),
    "hint.formula.compare_with_zero": ("write {function}(value, 0)", "écrivez {function}(valeur, 0)"),
    "error.formula.different_units": (
        "'{text}': {function}() compares values of different units",
        "« {text} » : {function}() compare des valeurs d'unités différentes",
    ),
    "hint.formula.compare_same_unit": (
        "compare only quantities of the same unit",
        "ne comparez que des quantités de même unité",
    ),
    "error.formula.not_arithmetic": ("'{text}' is not plain arithmetic", "« {text} » n'est pas un simple calcul"),
    "hint.formula.only": ("only {allowed} are allowed", "seuls sont admis : {allowed}"),
    "hint.condition.allowed": (
        "comparisons (< <= > >= == !=), and, or, not, numbers, true/false, texts, + - * /, quantity names",
        "des comparaisons (< <= > >= == !=), and, or, not, des nombres, true/false, des textes, + - * /, des noms de quantités",
    ),
    "error.condition.where_condition": ("where condition", "condition where"),
    "hint.condition.where_example": ('where = "width_m >= 0.25"', 'where = "width_m >= 0.25"'),
    "error.condition.too_deep": (
        "where '{text}' is nested too deeply",
        "la condition « {text} » est imbriquée trop profondément",
    ),
    "hint.condition.simpler": ("write a simpler condition", "écrivez une condition plus simple"),
    "error.condition.not_a_condition": (
        "where '{text}' is not a condition but a {kind}",
        "la condition « {text} » n'est pas une condition mais une valeur de type {kind}",
    ),
    "hint.condition.compare_it": (
        "compare it: width_m >= 0.25, is_external == false",
        "comparez-la : width_m >= 0.25, is_external == false",
    ),
    "error.condition.kind.number": ("number", "nombre"),
    "error.condition.kind.boolean": ("boolean", "booléen"),
    "error.condition.kind.text": ("text", "texte"),
    "error.condition.kind.any": ("value of any kind", "quelconque"),
    "error.condition.kind_with": ("{first} with a {other}", "{first} avec un {other}"),
    "error.condition.compares_kinds": (
        "where '{text}' compares a {kinds}",
        "la condition « {text} » compare un {kinds}",
    ),
    "hint.condition.compare_kinds": (
        "compare quantities with numbers, is_external and load_bearing with true or false",
        "comparez les quantités à des nombres, is_external et load_bearing à true ou false",
    ),
    "error.condition.operators": (
        "where '{text}': only < <= > >= == != compare",
        "la condition « {text} » : seuls < <= > >= == != comparent",
    ),
    "error.condition.orders": (
        "where '{text}' orders a {kind} (<, >)",
        "la condition « {text} » classe un {kind} par ordre (<, >)",
    ),
    "hint.condition.equality": (
        "use == or != for true/false and texts",
        "utilisez == ou != pour true/false et pour les textes",
    ),
    "error.condition.unknown_value": (
        "where '{text}' names an unknown value '{name}'",
        "la condition « {text} » nomme une valeur inconnue « {name} »",
    ),
    "hint.condition.names": (
        "{guess}use a quantity column, is_external, load_bearing, precast, lining, fire_rating or Pset_Name.Property",
        "{guess}utilisez une colonne de quantité, is_external, load_bearing, precast, lining, fire_rating ou Pset_Name.Property",
    ),
    "error.condition.not_allowed": (
        "where '{text}' uses something that is not allowed",
        "la condition « {text} » utilise une construction non admise",
    ),
    "error.condition.wrong_kind": (
        "where '{text}': '{part}' is a {kind}, where a {wanted} is needed",
        "la condition « {text} » : « {part} » est un {kind}, là où il faut un {wanted}",
    ),
    "hint.condition.numbers": (
        "compare quantities with numbers: width_m >= 0.25",
        "comparez les quantités à des nombres : width_m >= 0.25",
    ),
    "hint.ruleset.check_path": (
        "check the path; shipped rule sets are in rules/",
        "vérifiez le chemin du fichier ; les jeux de règles fournis sont dans rules/",
    ),
    "hint.ruleset.sections": (
        "a rule file has one [ruleset] table and [[item]] tables",
        "un fichier de règles contient une table [ruleset] et des tables [[item]]",
    ),
    "error.ruleset.no_ruleset": ("{path}: missing [ruleset] table", "{path} : table [ruleset] manquante"),
    "hint.ruleset.start_with_ruleset": (
        'start the file with [ruleset] name = "..." language = "fr"',
        'commencez le fichier par [ruleset] name = "..." language = "fr"',
    ),
    "error.ruleset.head_not_text": (
        "{path}: [ruleset] {key} must be a text",
        "{path} : [ruleset] {key} doit être un texte",
    ),
    "error.ruleset.language": (
        "{path}: [ruleset] language '{language}' is not supported",
        "{path} : [ruleset] la langue « {language} » n'est pas prise en charge",
    ),
    "hint.ruleset.language": ('use language = "fr" or "en"', 'écrivez language = "fr" ou "en"'),
    "error.ruleset.no_items": (
        "{path}: no [[item]] in the rule set",
        "{path} : aucune table [[item]] dans le jeu de règles",
    ),
    "hint.ruleset.add_item": ("add at least one [[item]] table", "ajoutez au moins une table [[item]]"),
    "error.ruleset.code_twice": (
        "{path}: item {code} (#{index}) repeats the code of item #{first}",
        "{path} : l'ouvrage {code} (n° {index}) reprend le code de l'ouvrage n° {first}",
    ),
    "hint.ruleset.own_code": ("give each item its own code", "donnez à chaque ouvrage son propre code"),
    "error.ruleset.external_flags": (
        "{path}: [ruleset] external_flags must be 'checked' or 'trusted', not {value}",
        "{path} : [ruleset] external_flags doit valoir 'checked' ou 'trusted', pas {value}",
    ),
    "hint.ruleset.external_flags": (
        'write external_flags = "trusted" to keep every IsExternal the model states, even against its plan',
        'écrivez external_flags = "trusted" pour garder chaque IsExternal que déclare la maquette, même contre son plan',
    ),
    "error.ruleset.levels": (
        "{path}: [ruleset] levels must be a table of classes, not {value}",
        "{path} : [ruleset] levels doit être une table de classes, pas {value}",
    ),
    "hint.ruleset.levels": ('write levels = {example} (or "parts")', 'écrivez levels = {example} (ou "parts")'),
    "error.ruleset.level": (
        "{path}: [ruleset] levels: {name} = {level} is neither 'whole' nor 'parts'",
        "{path} : [ruleset] levels : {name} = {level} ne vaut ni 'whole' ni 'parts'",
    ),
    "error.ruleset.coverage_threshold": (
        "{path}: [ruleset] coverage_threshold must be a share from 0 to 1, not {value}",
        "{path} : [ruleset] coverage_threshold doit être une part de 0 à 1, pas {value}",
    ),
    "hint.ruleset.coverage_threshold": (
        "write coverage_threshold = 0.98 (98 % of the building volume priced once)",
        "écrivez coverage_threshold = 0.98 (98 % du volume du bâtiment chiffré une fois)",
    ),
    "error.ruleset.label_patterns": (
        "{path}: {where} must be a list of label patterns",
        "{path} : {where} doit être une liste de motifs de libellés",
    ),
    "hint.ruleset.placeholders": ('write placeholders = ["*à préciser*"]', 'écrivez placeholders = ["*à préciser*"]'),
    "error.ruleset.ifc_classes": (
        "{path}: {where} must be a list of IFC classes",
        "{path} : {where} doit être une liste de classes IFC",
    ),
    "hint.ruleset.not_building_work": (
        'write not_building_work = ["IfcFurniture"]',
        'écrivez not_building_work = ["IfcFurniture"]',
    ),
    "error.ruleset.unknown_class": (
        "{path}: {where}: unknown IFC class '{cls}'",
        "{path} : {where} : classe IFC « {cls} » inconnue",
    ),
    "hint.ruleset.ifc_class": (
        "{guess}use an IFC entity name such as IfcWall, IfcSlab, IfcDoor (IFC2X3, IFC4, IFC4X3)",
        "{guess}utilisez un nom d'entité IFC comme IfcWall, IfcSlab, IfcDoor (IFC2X3, IFC4, IFC4X3)",
    ),
    "error.ruleset.unknown_unit": (
        "{path}: {where}: unknown unit '{unit}'",
        "{path} : {where} : unité « {unit} » inconnue",
    ),
    "hint.ruleset.units": (
        "use one of {units} (u counts pieces)",
        "utilisez l'une des unités {units} (u compte des pièces)",
    ),
    "error.ruleset.not_a_text": (
        "{path}: {where}: '{key}' must be a text",
        "{path} : {where} : « {key} » doit être un texte",
    ),
    "error.ruleset.in_item": ("{path}: {where}: {error}", "{path} : {where} : {error}"),
    "hint.ruleset.quantity": (
        "write the quantity as arithmetic over quantity columns",
        "écrivez la quantité comme un calcul sur des colonnes de quantités",
    ),
    "error.ruleset.unit_mismatch": (
        "{path}: {where}: unit {unit} does not fit the quantity '{formula}', which gives {dimension}",
        "{path} : {where} : l'unité {unit} ne correspond pas à la quantité « {formula} », qui donne {dimension}",
    ),
    "hint.ruleset.unit_mismatch": (
        "change the unit or the quantity formula so that it gives {unit}",
        "changez l'unité, ou la formule de quantité pour qu'elle donne des {unit}",
    ),
    "error.ruleset.openings_not_table": (
        "{path}: {where}: openings must be a table",
        "{path} : {where} : openings doit être une table",
    ),
    "error.ruleset.openings_of": ("{where} openings", "{where}, openings"),
    "error.ruleset.opening_threshold": (
        "{path}: {where}: openings {key} must be a number of 0 or more (at most {maximum}), not {value}",
        "{path} : {where} : openings {key} doit être un nombre positif ou nul (au plus {maximum}), pas {value}",
    ),
    "hint.ruleset.threshold": ("write {key} = 2.5", "écrivez {key} = 2.5"),
    "error.ruleset.openings_net": (
        "{path}: {where}: an openings convention needs gross quantities, but the formula uses {nets}",
        "{path} : {where} : une convention de déduction des ouvertures demande des quantités brutes, mais la formule utilise {nets}",
    ),
    "hint.ruleset.openings_gross": (
        "use the gross_* quantity: the convention deducts the openings above its threshold from it",
        "utilisez la quantité gross_* : la convention en déduit les ouvertures au-delà de son seuil",
    ),
    "error.ruleset.openings_no_gross": (
        "{path}: {where}: openings convention with no gross_* quantity in the formula",
        "{path} : {where} : convention de déduction des ouvertures sans quantité gross_* dans la formule",
    ),
    "hint.ruleset.gross_or_remove": (
        "use a gross_* quantity, or remove the openings convention",
        "utilisez une quantité gross_*, ou retirez la convention de déduction des ouvertures",
    ),
    "error.ruleset.selector_not_table": (
        "{path}: {where}: '{key}' must be a table of conditions",
        "{path} : {where} : « {key} » doit être une table de conditions",
    ),
    "error.ruleset.property_value": (
        "{path}: {where}: {key} property '{name}' needs a single value",
        "{path} : {where} : la propriété « {name} » de {key} demande une seule valeur",
    ),
    "hint.ruleset.property_value": (
        'write "{name}" = true (or a number or a text)',
        'écrivez "{name}" = true (ou un nombre, ou un texte)',
    ),
    "error.ruleset.unknown_selector_key": (
        "{path}: {where}: unknown {key} key '{name}'",
        "{path} : {where} : clé « {name} » inconnue dans {key}",
    ),
    "hint.ruleset.selector_keys": (
        'use {keys}, or "Pset_Name.Property" for a property',
        'utilisez {keys}, ou "Pset_Name.Property" pour une propriété',
    ),
    "error.ruleset.patterns": (
        "{path}: {where}: {key} {name} must be a text or a list of texts",
        "{path} : {where} : {key} {name} doit être un texte ou une liste de textes",
    ),
    "hint.ruleset.patterns": (
        'write {name} = "pattern" or {name} = ["a", "b"]',
        'écrivez {name} = "motif" ou {name} = ["a", "b"]',
    ),
    "error.ruleset.unknown_family": (
        "{path}: {where}: material_family '{value}' is no family of the material library",
        "{path} : {where} : material_family « {value} » n'est pas une famille de la bibliothèque de matériaux",
    ),
    "hint.ruleset.families": ("{guess}families: {families}", "{guess}familles : {families}"),
    "error.apply.not_finite": (
        "{code} ({label}): '{formula}' has no finite value for element {global_id} ({name}): {computed}",
        "{code} ({label}) : « {formula} » n'a pas de valeur finie pour l'élément {global_id} ({name}) : {computed}",
    ),
    "hint.apply.fix_formula": (
        "fix the item's quantity formula in the rule set: a number too large, or a power",
        "corrigez la formule de quantité de l'ouvrage dans le jeu de règles : un nombre trop grand, ou une puissance",
    ),
    "apply.negative": (
        "{code}: '{formula}' = {computed} = {value} {unit}: a negative quantity lowers the item total",
        "{code} : « {formula} » = {computed} = {value} {unit} : une quantité négative diminue le total de l'ouvrage",
    ),
    "apply.no_value": (
        "{code}: '{formula}' has no value for this element ({computed}); {why}",
        "{code} : « {formula} » n'a pas de valeur pour cet élément ({computed}) ; {why}",
    ),
    "apply.left_out": ("it is left out of the item total", "l'élément est laissé hors du total de l'ouvrage"),
    "apply.body_not_measured": (
        "its body was not measured and no trusted authored value gives it: it is left out of the item total",
        "son corps n'a pas été mesuré et aucune valeur déclarée fiable ne la donne : l'élément est laissé hors du total de l'ouvrage",
    ),
    "reading.category": ("category '{category}'", "catégorie « {category} »"),
    "reading.classification": ("classification {classification}", "classification {classification}"),
    "reading.landscape": (
        "{cls} of category '{category}': read as landscape (IfcGeographicElement)",
        "{cls} de catégorie « {category} » : lu comme un élément paysager (IfcGeographicElement)",
    ),
    "reading.proxy_category": (
        "proxy of category '{category}': read as {read}",
        "proxy de catégorie « {category} » : lu comme {read}",
    ),
    "reading.name_word": ("name word '{word}'", "mot du nom « {word} »"),
    "reading.proxy_named": ("proxy named '{word}': read as {read}", "proxy nommé « {word} » : lu comme {read}"),
    "reading.shape": ("shape: {why}", "forme : {why}"),
    "reading.shaped_as": ("{cls} shaped as {why}: read as {read}", "{cls} en forme de {why} : lu comme {read}"),
    "reading.face": ("{name} = {value} (volume / thickness)", "{name} = {value} (volume / épaisseur)"),
    "reading.precast": ("precast: {why}", "préfabriqué : {why}"),
    "reading.against_wall": ("its face against wall {host}", "sa face contre le mur {host}"),
    "reading.lining": ("lining: {said}", "doublage : {said}"),
    "reading.boards_one_face": ("boards on one face only ({layers})", "plaques sur une seule face ({layers})"),
    "reading.panel": (
        "a panel {rise} m high, {width} m thick, {run} m long",
        "panneau de {rise} m de haut, {width} m d'épaisseur et {run} m de long",
    ),
    "reading.floor_unit": (
        "a floor unit {width} m wide, {height} m deep, {length} m long",
        "élément de plancher de {width} m de large, {height} m d'épaisseur et {length} m de long",
    ),
    "reading.pile": (
        "a vertical member {rise} m long below its storey's floor",
        "élément vertical de {rise} m de long sous le plancher de son niveau",
    ),
    "reading.property_set": ("property set {pset}", "jeu de propriétés {pset}"),
    "reading.property_true": ("property {name} = true", "propriété {name} = true"),
    "reading.precast_type_name": ("type name '{value}'", "nom de type « {value} »"),
    "reading.precast_name": ("name '{value}'", "nom « {value} »"),
    "reading.material": ("material '{material}'", "matériau « {material} »"),
    # --- errors and hints of the report writers and the revision map (report/*.py, diff.py) ---
    "error.atomic.unknown_format": ("unknown output format '{fmt}'", "format de sortie inconnu « {fmt} »"),
    "hint.atomic.name_format": (
        "name the output file .csv, .xlsx or .json, or pass --format csv|xlsx|json",
        "nommez le fichier de sortie en .csv, .xlsx ou .json, ou passez --format csv|xlsx|json",
    ),
    "error.atomic.format_contradicts": (
        "--format {fmt} contradicts the output file's extension: {name}",
        "--format {fmt} contredit l'extension du fichier de sortie : {name}",
    ),
    "hint.atomic.name_or_drop": (
        "name the file .{fmt}, or drop --format",
        "nommez le fichier en .{fmt}, ou retirez --format",
    ),
    "error.atomic.name_too_long": (
        "cannot write {name}...: a file name of {size} bytes (at most {maximum})",
        "impossible d'écrire {name}... : un nom de fichier de {size} octets (au plus {maximum})",
    ),
    "hint.atomic.shorter_name": ("give the output a shorter name", "donnez un nom plus court au fichier de sortie"),
    "error.atomic.is_folder": ("cannot write {path}: it is a folder", "impossible d'écrire {path} : c'est un dossier"),
    "hint.atomic.file_name": (
        "give a file name, e.g. takeoff.xlsx",
        "donnez un nom de fichier, par exemple takeoff.xlsx",
    ),
    "error.atomic.not_regular": (
        "cannot write {path}: it is not a regular file (a device or a pipe)",
        "impossible d'écrire {path} : ce n'est pas un fichier ordinaire (un périphérique ou un tube)",
    ),
    "error.atomic.link_not_regular": (
        "cannot write {path}: it links to {target}, which is not a regular file (a device or a pipe)",
        "impossible d'écrire {path} : c'est un lien vers {target}, qui n'est pas un fichier ordinaire (un périphérique ou un tube)",
    ),
    "hint.atomic.own_name": (
        "give the output a file name of its own; JSON goes to stdout with --format json and no -o",
        "donnez au fichier de sortie un nom qui lui soit propre ; le JSON va sur la sortie standard avec --format json et sans -o",
    ),
    "error.atomic.over_input": (
        "refusing to write over {what}: {source}",
        "écriture refusée par-dessus {what} : {source}",
    ),
    "hint.atomic.another_name": ("give the output another name", "donnez un autre nom au fichier de sortie"),
    "error.atomic.permission_denied": (
        "cannot write {path}: Permission denied",
        "impossible d'écrire {path} : permission refusée",
    ),
    "hint.atomic.permissions": ("check the path and its permissions", "vérifiez le chemin et ses droits d'accès"),
    "error.atomic.cannot_write": ("cannot write {path}: {reason}", "impossible d'écrire {path} : {reason}"),
    "error.atomic.no_folder": (
        "output folder does not exist: {folder}",
        "le dossier de sortie n'existe pas : {folder}",
    ),
    "hint.atomic.create_folder": (
        "create the folder or choose another path",
        "créez le dossier ou choisissez un autre chemin",
    ),
    "error.report.not_finite": (
        "{name}: {column} of row {row} is not a finite number: nothing written",
        "{name} : {column} de la ligne {row} n'est pas un nombre fini : rien n'a été écrit",
    ),
    "hint.report.bug": (
        "this is a bimquant bug (every input is checked); please report it with the model",
        "c'est une erreur de bimquant (chaque entrée est vérifiée) : merci de la signaler, avec la maquette",
    ),
    "error.report.the_stream": ("the stream", "le flux"),
    "error.report.cannot_write_to": ("cannot write to {name}: {reason}", "impossible d'écrire dans {name} : {reason}"),
    "hint.report.disk_or_pipe": ("check the disk or the pipe", "vérifiez le disque ou le tube"),
    "error.report.unknown_locale": ("unknown locale '{locale}'", "langue inconnue « {locale} »"),
    "hint.report.locales": ("use {locales}", "utilisez {locales}"),
    "error.report.no_matplotlib": (
        "the chart needs matplotlib, which is not installed",
        "le graphique demande matplotlib, qui n'est pas installé",
    ),
    "hint.report.install_report": (
        'install the report extra: pip install "bimquant[report]"',
        'installez l\'extra report : pip install "bimquant[report]"',
    ),
    "error.html.not_html": ("the report is an HTML file, not {name}", "le rapport est un fichier HTML, pas {name}"),
    "hint.html.name_report": ("name the output report.html", "nommez le fichier de sortie report.html"),
    "error.ids.not_ids": ("an IDS file is named .ids, not {name}", "un fichier IDS porte l'extension .ids, pas {name}"),
    "hint.ids.name_ids": ("name it e.g. --ids exigences.ids", "nommez-le par exemple --ids exigences.ids"),
    "error.ids.no_ifctester": ("writing an IDS file needs ifctester", "écrire un fichier IDS demande ifctester"),
    "hint.ids.install_ids": (
        'install the ids extra: pip install "bimquant[ids]"',
        'installez l\'extra ids : pip install "bimquant[ids]"',
    ),
    "ifc.other_currency": (
        "the project's currency is {project}: the unit prices written are the estimate's, in {currency}",
        "la devise du projet est {project} : les prix unitaires écrits sont ceux du chiffrage, en {currency}",
    ),
    "error.diff.not_csv": ("{path}: a map file is a .csv", "{path} : un fichier de correspondance est un .csv"),
    "hint.diff.pass_map": (
        "pass the .map.csv file bimquant diff wrote",
        "passez le fichier .map.csv écrit par bimquant diff",
    ),
    "hint.diff.header": ("the header is {columns}", "l'en-tête est {columns}"),
    "error.diff.line": ("{path}: line {line}", "{path} : ligne {line}"),
    "error.diff.unknown_how": ("{where}: unknown how '{how}'", "{where} : valeur de how inconnue « {how} »"),
    "hint.diff.write_manual": (
        "write manual on a line you corrected (global_id and signature are bimquant's own)",
        "écrivez manual sur une ligne que vous avez corrigée (global_id et signature sont réservés à bimquant)",
    ),
    "error.diff.no_global_id": (
        "{where}: a manual line without any GlobalId",
        "{where} : une ligne manuelle sans aucun GlobalId",
    ),
    "hint.diff.give_global_id": ("give the old and/or the new GlobalId", "donnez l'ancien et/ou le nouveau GlobalId"),
    "error.diff.old_paired_twice": (
        "{where}: old GlobalId {gid} is already on manual line {first}",
        "{where} : l'ancien GlobalId {gid} figure déjà sur la ligne manuelle {first}",
    ),
    "error.diff.new_paired_twice": (
        "{where}: new GlobalId {gid} is already on manual line {first}",
        "{where} : le nouveau GlobalId {gid} figure déjà sur la ligne manuelle {first}",
    ),
    "hint.diff.pair_once": (
        "pair an element once: delete one of the two lines",
        "n'appariez un élément qu'une fois : supprimez l'une des deux lignes",
    ),
    "error.diff.old_not_measured": (
        "{where}: old GlobalId {gid} is not a measured element of the old revision",
        "{where} : l'ancien GlobalId {gid} n'est pas un élément mesuré de l'ancienne révision",
    ),
    "error.diff.new_not_measured": (
        "{where}: new GlobalId {gid} is not a measured element of the new revision",
        "{where} : le nouveau GlobalId {gid} n'est pas un élément mesuré de la nouvelle révision",
    ),
    "hint.diff.correct_global_id": (
        "correct the GlobalId, or delete the line",
        "corrigez le GlobalId, ou supprimez la ligne",
    ),
    # --- the inputs a command will not write over (cli/commands.py) ---
    "input.model": ("the model", "la maquette"),
    "input.rules": ("the rule set (--rules)", "le jeu de règles (--rules)"),
    "input.materials": ("the material library (--materials)", "la bibliothèque de matériaux (--materials)"),
    "input.output": ("the output (-o)", "la sortie (-o)"),
    "input.prices": ("the price library (--prices)", "le bordereau de prix (--prices)"),
    "input.settings": ("the settings file (--settings)", "le fichier de réglages (--settings)"),
    "input.recipes": ("the recipe file (--recipes)", "le fichier de recettes (--recipes)"),
    "input.phases": ("the phase file (--phases)", "le fichier des phases (--phases)"),
    "input.old_model": ("the old model", "l'ancienne maquette"),
    "input.new_model": ("the new model", "la nouvelle maquette"),
    "input.contract_option": ("the contract (--contract)", "le marché (--contract)"),
    "input.map": ("the map file (--map)", "le fichier de correspondance (--map)"),
    "input.contract": ("the contract", "le marché"),
    "input.progress": ("the progress file (--progress)", "le fichier d'avancement (--progress)"),
    "input.previous": ("the previous situation (--previous)", "la situation précédente (--previous)"),
    "input.actuals": ("the actuals (--actuals)", "les dépenses (--actuals)"),
    "input.orders": ("the orders", "les commandes"),
    "input.deliveries": ("the delivery notes (--deliveries)", "les bons de livraison (--deliveries)"),
    "input.older_model": ("the older model (--previous)", "l'ancienne maquette (--previous)"),
    "input.change_order": (
        "the change order {name} (--changes)",
        "le devis de travaux supplémentaires {name} (--changes)",
    ),
    "input.model_named": ("the model {name}", "la maquette {name}"),
    # --- a contract quantity beside the old model's (diff.py) ---
    "contract.quantity_pair": ("{code} ({contract} / {model})", "{code} ({contract} / {model})"),
    # --- a value an exporter repeats (authored.py) ---
    "authored.constant_value": (
        "{raw} on {n} elements whose geometry differs",
        "{raw} sur {n} éléments dont la géométrie diffère",
    ),
    # --- errors, hints and notes of the model reader (model.py) ---
    "error.model.zip": (
        "not an IFC file: {path} is a zip archive (an .ifczip?)",
        "ce n'est pas un fichier IFC : {path} est une archive zip (un .ifczip ?)",
    ),
    "hint.model.unzip": (
        "unzip it and give bimquant the .ifc file inside",
        "décompressez-la et donnez à bimquant le fichier .ifc qu'elle contient",
    ),
    "error.model.gzip": (
        "not an IFC file: {path} is gzip-compressed",
        "ce n'est pas un fichier IFC : {path} est compressé avec gzip",
    ),
    "hint.model.gunzip": (
        "decompress it first (gunzip) and give bimquant the .ifc file",
        "décompressez-le d'abord (gunzip) et donnez à bimquant le fichier .ifc",
    ),
    "error.model.not_step": (
        "not an IFC file: {path} does not start with the STEP header 'ISO-10303-21;'",
        "ce n'est pas un fichier IFC : {path} ne commence pas par l'en-tête STEP 'ISO-10303-21;'",
    ),
    "hint.model.export_ifc": (
        "export the model from your authoring tool as IFC (.ifc, STEP physical file)",
        "exportez la maquette au format IFC depuis votre logiciel de conception (.ifc, fichier physique STEP)",
    ),
    "error.model.unsupported_schema": (
        "unsupported IFC schema {schema} in {path}",
        "schéma IFC {schema} non pris en charge dans {path}",
    ),
    "hint.model.supported_schemas": (
        "bimquant reads IFC2X3, IFC4 and IFC4X3: re-export the model in one of them",
        "bimquant lit IFC2X3, IFC4 et IFC4X3 : exportez à nouveau la maquette dans l'un d'eux",
    ),
    "error.model.cannot_parse": (
        "cannot parse IFC file {path}: {error}",
        "impossible d'analyser le fichier IFC {path} : {error}",
    ),
    "error.model.cannot_parse_said": (
        "cannot parse IFC file {path}: {error} ({said})",
        "impossible d'analyser le fichier IFC {path} : {error} ({said})",
    ),
    "hint.model.check_in_viewer": (
        "open the file in an IFC viewer to check it, or export it again",
        "ouvrez le fichier dans une visionneuse IFC pour le vérifier, ou exportez-le à nouveau",
    ),
    "error.model.link_loop": (
        "model file not found: {path} is a loop of symbolic links",
        "fichier de maquette introuvable : {path} est une boucle de liens symboliques",
    ),
    "hint.model.the_file_itself": ("give the file itself", "donnez le fichier lui-même"),
    "error.model.not_found": ("model file not found: {path}", "fichier de maquette introuvable : {path}"),
    "error.model.dangling_link": (
        "model file not found: {path} (a symbolic link to nothing)",
        "fichier de maquette introuvable : {path} (un lien symbolique qui ne mène à rien)",
    ),
    "hint.model.check_path": ("check the path and the file name", "vérifiez le chemin et le nom du fichier"),
    "error.model.unreadable": ("cannot read {path}: {reason}", "impossible de lire {path} : {reason}"),
    "error.model.permission_denied": (
        "cannot read {path}: permission denied",
        "impossible de lire {path} : permission refusée",
    ),
    "error.model.folder": ("not a file: {path} is a folder", "ce n'est pas un fichier : {path} est un dossier"),
    "hint.model.not_a_folder": (
        "give the path of an .ifc file, not a folder",
        "donnez le chemin d'un fichier .ifc, pas d'un dossier",
    ),
    "error.model.named_pipe": (
        "not a file: {path} is a named pipe",
        "ce n'est pas un fichier : {path} est un tube nommé",
    ),
    "error.model.device": ("not a file: {path} is a device", "ce n'est pas un fichier : {path} est un périphérique"),
    "error.model.not_regular": (
        "not a file: {path} is not a regular file",
        "ce n'est pas un fichier : {path} n'est pas un fichier ordinaire",
    ),
    "hint.model.saved_on_disk": (
        "give the path of an .ifc file saved on disk",
        "donnez le chemin d'un fichier .ifc enregistré sur le disque",
    ),
    "error.model.projects": ("{n} IfcProject", "{n} IfcProject"),
    "error.model.projects_units": (
        "{n} IfcProject, length units {units}",
        "{n} IfcProject, unités de longueur {units}",
    ),
    "error.model.no_length_unit": (
        "the length unit of {path} cannot be established ({found}): its lengths could be metres or millimetres",
        "l'unité de longueur de {path} ne peut pas être établie ({found}) : ses longueurs pourraient être en mètres ou en millimètres",
    ),
    "hint.model.project_units": (
        "export the model again with its project and project units (IfcProject.UnitsInContext)",
        "exportez à nouveau la maquette avec son projet et ses unités de projet (IfcProject.UnitsInContext)",
    ),
    "model.no_project_units": (
        "IfcProject #{project} has no units: the unit assignment #{assignment} ({unit}) is used",
        "l'IfcProject #{project} n'a pas d'unités : l'affectation d'unités #{assignment} ({unit}) est retenue",
    ),
    "model.no_project": (
        "the file has no IfcProject: its unit assignment #{assignment} ({unit}) is used",
        "le fichier n'a pas d'IfcProject : son affectation d'unités #{assignment} ({unit}) est retenue",
    ),
    "error.model.unit_kind.length": ("length", "longueur"),
    "error.model.unit_kind.area": ("area", "surface"),
    "error.model.unit_kind.volume": ("volume", "volume"),
    "error.model.unit_kind.mass": ("mass", "masse"),
    "error.model.unit_kind.planeangle": ("planeangle", "angle plan"),
    "error.model.two_units": (
        "{path} gives two different {kind} units in its project units ({units}): its quantities could be read in either",
        "{path} donne deux unités de {kind} différentes dans ses unités de projet ({units}) : ses quantités pourraient être lues dans l'une ou l'autre",
    ),
    "hint.model.one_unit_each": (
        "export the model again with one unit of each kind in the project units",
        "exportez à nouveau la maquette avec une seule unité de chaque sorte dans les unités de projet",
    ),
    "error.model.shared_global_id": (
        "{file}: two elements share the GlobalId {global_id} (#{first} {first_class} and #{second} {second_class}): every number bimquant gives is traced to a GlobalId",
        "{file} : deux éléments ont le même GlobalId {global_id} (#{first} {first_class} et #{second} {second_class}) : chaque nombre que donne bimquant est rattaché à un GlobalId",
    ),
    "hint.model.new_global_ids": (
        "export the model again (the authoring tool gives new GlobalIds), or correct them in an IFC editor",
        "exportez à nouveau la maquette (le logiciel de conception donne de nouveaux GlobalId), ou corrigez-les dans un éditeur IFC",
    ),
    "model.damaged": (
        "damaged file: its geometry uses #{id}, which the file breaks; quantities uncertain",
        "fichier endommagé : sa géométrie utilise #{id}, que le fichier endommage ; quantités incertaines",
    ),
    "model.density_beyond": (
        "material {name} states a MassDensity of {value} kg/m3, beyond {maximum} (no material is that dense): not used, the weight comes from the material library or stays unknown",
        "le matériau {name} indique une MassDensity de {value} kg/m3, au-delà de {maximum} (aucun matériau n'est aussi dense) : elle n'est pas retenue, le poids vient de la bibliothèque de matériaux ou reste inconnu",
    ),
    # --- errors and hints of the library's commands (pipeline.py) ---
    "error.pipeline.failures": (
        "{n} element(s) could not be measured (--strict): nothing written",
        "{n} élément(s) n'ont pas pu être mesurés (--strict) : rien n'a été écrit",
    ),
    "hint.pipeline.failures": (
        "see the failures listed above; fix them in the model or drop --strict",
        "voyez les échecs listés ci-dessus ; corrigez-les dans la maquette ou retirez --strict",
    ),
    "error.pipeline.damaged": (
        "{n} element(s) use instances the file breaks (--strict): nothing written",
        "{n} élément(s) utilisent des instances que le fichier endommage (--strict) : rien n'a été écrit",
    ),
    "hint.pipeline.damaged": (
        "see the elements listed above; export the model again, or drop --strict",
        "voyez les éléments listés ci-dessus ; exportez à nouveau la maquette, ou retirez --strict",
    ),
    "error.pipeline.unknown_view": ("unknown DPGF view '{view}'", "vue de DPGF inconnue « {view} »"),
    "hint.pipeline.views": ("use {views}", "prenez {views}"),
    "error.pipeline.unpriced": (
        "{n} item(s) have no price in {prices} (--strict): {codes}; nothing written",
        "{n} ouvrage(s) sans prix dans {prices} (--strict) : {codes} ; rien n'a été écrit",
    ),
    "hint.pipeline.unpriced": (
        "add these codes to the price library, or drop --strict",
        "ajoutez ces codes au bordereau de prix, ou retirez --strict",
    ),
    "pipeline.price_table": ("(price table)", "(table de prix)"),
    "error.pipeline.unknown_batches": (
        "unknown delivery batches '{by}'",
        "regroupement des livraisons inconnu « {by} »",
    ),
    "hint.pipeline.batches": (
        "batch by storey or by phase",
        "regroupez les livraisons par niveau (storey) ou par phase (phase)",
    ),
    "error.pipeline.phases_needed": (
        "batches by phase need a phase file",
        "des livraisons par phase demandent un fichier de phases",
    ),
    "hint.pipeline.add_phases": (
        "add --phases phases.toml (see README)",
        "ajoutez --phases phases.toml (voir le README)",
    ),
    "error.pipeline.prices_and_contract": (
        "both a price library and a contract were given",
        "un bordereau de prix et un marché ont été donnés tous les deux",
    ),
    "hint.pipeline.one_of_them": (
        "price the change with one of them",
        "chiffrez la modification avec l'un des deux seulement",
    ),
    "error.pipeline.vat": (
        "VAT rate {rate} is not a percentage from 0 to 100",
        "le taux de TVA {rate} n'est pas un pourcentage de 0 à 100",
    ),
    "hint.pipeline.vat": ("write --vat 20 or --vat 5,5", "écrivez --vat 20 ou --vat 5,5"),
    "error.pipeline.no_priced_line": (
        "{path}: no priced line with a quantity",
        "{path} : aucune ligne chiffrée avec une quantité",
    ),
    "hint.pipeline.priced_estimate": ("pass the JSON of a priced estimate", "donnez le JSON d'une estimation chiffrée"),
    "error.pipeline.other_contract": (
        "{path}: a situation of another contract ({contract})",
        "{path} : une situation d'un autre marché ({contract})",
    ),
    "hint.pipeline.previous_of_this_contract": (
        "pass the previous situation of this contract",
        "donnez la situation précédente de ce marché",
    ),
    "error.pipeline.start_after": (
        "--start {start} is after --period {period}",
        "--start {start} est postérieur à --period {period}",
    ),
    "hint.pipeline.start": (
        "the job starts before the period it reports",
        "le chantier commence avant la période dont il rend compte",
    ),
    "error.pipeline.no_direct_cost": (
        "{path}: no line with a direct cost",
        "{path} : aucune ligne avec un déboursé sec",
    ),
    "error.pipeline.counted_twice": (
        "{n} element(s) counted twice in {path} (--strict), e.g. {global_id} {name}: {reason}; nothing written",
        "{n} élément(s) comptés deux fois dans {path} (--strict), par exemple {global_id} {name} : {reason} ; rien n'a été écrit",
    ),
    "hint.pipeline.counted_twice": (
        "give the items different measures labels only if they price different things; otherwise narrow their select or where, or drop --strict",
        "ne donnez aux ouvrages des libellés measures différents que s'ils chiffrent des choses différentes ; sinon, restreignez leur select ou leur where, ou retirez --strict",
    ),
    "error.pipeline.incomplete.unpriced_items": ("{n} item(s) without a price", "{n} ouvrage(s) sans prix"),
    "error.pipeline.incomplete.placeholder_lines": (
        "{n} line(s) whose label is a placeholder",
        "{n} ligne(s) dont le libellé est à préciser",
    ),
    "error.pipeline.incomplete.double_counted": ("{n} element(s) counted twice", "{n} élément(s) comptés deux fois"),
    "error.pipeline.incomplete.value_unknown": (
        "{n} element(s) with a quantity of no value",
        "{n} élément(s) dont une quantité n'a pas de valeur",
    ),
    "error.pipeline.incomplete.not_priced": ("{n} element(s) not priced", "{n} élément(s) non chiffrés"),
    "error.pipeline.incomplete.geometry_failed": (
        "{n} element(s) whose geometry failed",
        "{n} élément(s) dont la géométrie a échoué",
    ),
    "error.pipeline.incomplete": (
        "the estimate is incomplete (--strict): {said}; {share} of the building volume priced once; nothing written",
        "l'estimation est incomplète (--strict) : {said} ; {share} du volume du bâtiment chiffré une fois ; rien n'a été écrit",
    ),
    "hint.pipeline.incomplete": (
        "see the estimate's reserves (its sheet 'Réserves', or 'reserves' in English), or run bimquant check; or drop --strict",
        "voyez les réserves de l'estimation (sa feuille « Réserves », ou « reserves » en anglais), ou lancez bimquant check ; ou retirez --strict",
    ),
    "error.pipeline.not_a_model": (
        "model must be the path of an IFC file or a Takeoff, not {kind}",
        "model doit être le chemin d'un fichier IFC ou un Takeoff, pas {kind}",
    ),
    "error.pipeline.no_rules": ("no rule set given", "aucun jeu de règles donné"),
    "hint.pipeline.no_rules": (
        "pass a rule set (--rules), or a takeoff made with one",
        "donnez un jeu de règles (--rules), ou un métré fait avec un jeu de règles",
    ),
    "error.pipeline.short_global_id": (
        "no element with GlobalId {global_id} in {model}: a GlobalId has {length} characters, this one {n}",
        "aucun élément de GlobalId {global_id} dans {model} : un GlobalId a {length} caractères, celui-ci {n}",
    ),
    "error.pipeline.short_global_id_guess": (
        "no element with GlobalId {global_id} in {model}: a GlobalId has {length} characters, this one {n} (did you mean '{example}'?)",
        "aucun élément de GlobalId {global_id} dans {model} : un GlobalId a {length} caractères, celui-ci {n} (vouliez-vous dire '{example}' ?)",
    ),
    "hint.pipeline.quote_global_id": (
        "the shell cuts a GlobalId at a $: put it in single quotes, e.g. '{example}'",
        "le shell coupe un GlobalId au $ : mettez-le entre apostrophes, par exemple '{example}'",
    ),
    "error.pipeline.no_element": (
        "no element with GlobalId {global_id} in {model}",
        "aucun élément de GlobalId {global_id} dans {model}",
    ),
    "hint.pipeline.copy_global_id": (
        "copy the GlobalId from the takeoff's global_id column",
        "copiez le GlobalId depuis la colonne global_id du métré",
    ),
    # --- errors, hints and failure reasons of the batch (batch.py) ---
    "batch.daemonic": (
        "the worker is a daemonic process, which may not start the geometry's crash-contained children: start the Dask workers with DASK_DISTRIBUTED__WORKER__DAEMON=False",
        "le worker est un processus démon, qui ne peut pas lancer les processus enfants isolés de la géométrie : démarrez les workers Dask avec DASK_DISTRIBUTED__WORKER__DAEMON=False",
    ),
    "error.batch.no_file": ("{path}: row {line}: no file", "{path} : ligne {line} : pas de fichier"),
    "hint.batch.file_column": (
        "give the model's path in the column file",
        "donnez le chemin de la maquette dans la colonne file",
    ),
    "error.batch.not_found": ("not found: {path}", "introuvable : {path}"),
    "hint.batch.paths": (
        "give IFC files, folders of them, or a .csv listing them",
        "donnez des fichiers IFC, des dossiers qui en contiennent, ou un .csv qui les liste",
    ),
    "error.batch.no_ifc": ("no IFC file found in the paths given", "aucun fichier IFC trouvé dans les chemins donnés"),
    "hint.batch.ifc_files": (
        "give .ifc files or folders holding some",
        "donnez des fichiers .ifc ou des dossiers qui en contiennent",
    ),
    "batch.internal_error": ("internal error: {kind}: {error}", "erreur interne : {kind} : {error}"),
    "error.batch.no_distributed": (
        "running on a Dask cluster needs dask distributed, which is not installed",
        "le calcul sur une grappe Dask demande dask distributed, qui n'est pas installé",
    ),
    "hint.batch.install_dask": (
        'install the dask extra: pip install "bimquant[dask]"',
        'installez l\'extra dask : pip install "bimquant[dask]"',
    ),
    "error.batch.no_scheduler": (
        "cannot reach the Dask scheduler at {address} ({error})",
        "impossible de joindre l'ordonnanceur Dask à {address} ({error})",
    ),
    "hint.batch.start_scheduler": (
        "start it with 'dask scheduler', or check the address (--scheduler or BIMQUANT_SCHEDULER)",
        "démarrez-le avec 'dask scheduler', ou vérifiez l'adresse (--scheduler ou BIMQUANT_SCHEDULER)",
    ),
    "batch.task_failed": (
        "the task failed on the cluster: {kind}: {error}",
        "la tâche a échoué sur la grappe : {kind} : {error}",
    ),
    "batch.process_died": (
        "the model's process died (exit code {code})",
        "le processus de la maquette s'est arrêté net (code de sortie {code})",
    ),
    "batch.timeout": ("stopped after {seconds} s (--timeout)", "arrêté au bout de {seconds} s (--timeout)"),
    "batch.not_run": ("not run", "non traité"),
    "error.batch.timeout_local": ("--timeout is for local runs", "--timeout ne vaut que pour un calcul local"),
    "hint.batch.cluster_limits": (
        "on a cluster, use the cluster's own limits",
        "sur une grappe, utilisez les limites propres à la grappe",
    ),
    "error.batch.prices_without_rules": ("prices without rules", "des prix sans règles"),
    "hint.batch.add_rules": (
        "give --rules too: the prices are per work item",
        "donnez aussi --rules : les prix sont donnés par ouvrage",
    ),
    # --- errors, hints, failure reasons and notes of the takeoff, geometry, cache and write-back (takeoff.py, geometry/policy.py, cache.py, writeback.py) ---
    "error.cache.cannot_remove": ("cannot remove {entry}: {reason}", "impossible de supprimer {entry} : {reason}"),
    "hint.cache.permissions": ("check the folder's permissions", "vérifiez les droits d'accès au dossier"),
    "error.writeback.not_ifc": (
        "the output of writeback is an IFC file: {name}",
        "la sortie de writeback est un fichier IFC : {name}",
    ),
    "hint.writeback.name_ifc": (
        "name it .ifc, e.g. -o model-5d.ifc",
        "nommez-la en .ifc, par exemple -o maquette-5d.ifc",
    ),
    "error.geometry.unknown_kernel": (
        "unknown geometry kernel {kernel}; choose one of {kernels}",
        "noyau géométrique inconnu {kernel} ; choisissez parmi {kernels}",
    ),
    "geometry.crashed": (
        "the geometry kernel crashed on this element's body",
        "le noyau géométrique a planté sur le corps de cet élément",
    ),
    "takeoff.no_shape": ("no shape produced", "aucune forme produite"),
    "takeoff.measure_failed": ("measurement failed: {kind}: {error}", "échec de la mesure : {kind} : {error}"),
    "takeoff.not_finite": (
        "measurement failed: {names} is not a finite number (a coordinate or a density out of range)",
        "échec de la mesure : {names} n'est pas un nombre fini (une coordonnée ou une densité hors limites)",
    ),
    "takeoff.no_gross": (
        "gross geometry unavailable: gross values equal net",
        "géométrie brute indisponible : les valeurs brutes sont égales aux nettes",
    ),
    "takeoff.open_mesh": ("open mesh: volume uncertain", "maillage ouvert : volume incertain"),
    "takeoff.off_exact": (
        "the geometry kernels give {mesh} m3, the exact volume of its body is {exact} m3: quantities uncertain",
        "les noyaux géométriques donnent {mesh} m3, le volume exact de son corps est de {exact} m3 : quantités incertaines",
    ),
    "takeoff.reoriented": (
        "faces of the body turned to face outwards (the file gives them mixed directions)",
        "faces du corps retournées vers l'extérieur (le fichier les oriente dans des sens mélangés)",
    ),
    "takeoff.types": (
        "the occurrence says {own}, its type says {typed}: read as {chosen} ({why})",
        "l'occurrence dit {own}, son type {typed} : lu comme {chosen} ({why})",
    ),
    "takeoff.types.sloped": ("its upper face slopes", "sa face supérieure est en pente"),
    "takeoff.types.flat": ("it is flat", "elle est plane"),
    "takeoff.types.ifc_rule": ("IFC's rule: the type's", "règle de l'IFC : celui du type"),
    "takeoff.spaces.authored": ("authored NetFloorArea", "NetFloorArea de la maquette"),
    "takeoff.spaces.plan": ("plan area of the space body", "surface en plan du volume du local"),
    "takeoff.spaces.authored_and_plan": (
        "authored NetFloorArea and plan area of the space body",
        "NetFloorArea de la maquette et surface en plan du volume du local",
    ),
    # --- the TOML parser's own reasons (tomllib), said in French (loaders.read_toml) ---
    "toml.at": ("{reason} (at line {line}, column {column})", "{reason} (ligne {line}, colonne {column})"),
    "toml.at_end": ("{reason} (at end of document)", "{reason} (en fin de document)"),
    "toml.invalid_statement": ("Invalid statement", "instruction invalide"),
    "toml.table_end": (
        "Expected ']' at the end of a table declaration",
        "« ] » attendu à la fin de la déclaration de table",
    ),
    "toml.array_end": (
        "Expected ']]' at the end of an array declaration",
        "« ]] » attendu à la fin de la déclaration de tableau",
    ),
    "toml.equals": ("Expected '=' after a key in a key/value pair", "« = » attendu après une clé"),
    "toml.expected": ("Expected {what}", "{what} attendu"),
    "toml.invalid_character": ("Found invalid character {char}", "caractère invalide {char}"),
    "toml.declared_twice": ("Cannot declare {key} twice", "{key} est déclaré deux fois"),
    "toml.overwrite": ("Cannot overwrite a value", "une valeur déjà donnée ne peut pas être remplacée"),
    "toml.immutable": ("Cannot mutate immutable namespace {key}", "la table {key} ne peut plus être modifiée"),
    "toml.redefine": ("Cannot redefine namespace {key}", "la table {key} ne peut pas être redéfinie"),
    "toml.key_start": ("Invalid initial character for a key part", "caractère initial invalide pour une clé"),
    "toml.unclosed_array": ("Unclosed array", "tableau non fermé"),
    "toml.duplicate_key": ("Duplicate inline table key {key}", "clé {key} en double dans une table en ligne"),
    "toml.unclosed_table": ("Unclosed inline table", "table en ligne non fermée"),
    "toml.backslash": ("Unescaped '\\' in a string", "« \\ » non échappé dans une chaîne"),
    "toml.hex": ("Invalid hex value", "valeur hexadécimale invalide"),
    "toml.unicode": (
        "Escaped character is not a Unicode scalar value",
        "le caractère échappé n'est pas une valeur Unicode",
    ),
    "toml.unterminated": ("Unterminated string", "chaîne non terminée"),
    "toml.illegal": ("Illegal character {char}", "caractère interdit {char}"),
    "toml.date": ("Invalid date or datetime", "date ou date-heure invalide"),
    "toml.value": ("Invalid value", "valeur invalide"),
    # --- notes of a measure, an assembly, a type that disagrees (quantities/measure.py, rules/assemblies.py, readiness.py) ---
    "measure.inward": ("inward-facing mesh: volume sign corrected", "maillage retourné : signe du volume corrigé"),
    "measure.curved": (
        "curved or irregular: face area = volume / material layer thickness",
        "courbe ou irrégulier : surface de parement = volume / épaisseur des couches de matériau",
    ),
    "assembly.through_parts": (
        "measured through its {n} parts: volume their sum; face one side, each leaf's volume / thickness ({shown})",
        "mesuré par ses {n} parties : volume = leur somme ; parement d'un côté, volume / épaisseur de chaque paroi ({shown})",
    ),
    "assembly.leaf": (
        "{material}: {volume} m3, {thickness} m thick",
        "{material} : {volume} m3, {thickness} m d'épaisseur",
    ),
    "assembly.no_material": ("no material", "sans matériau"),
    "readiness.types_disagree": (
        "the occurrence says {occurrence}, its type says {type}: read as {read}",
        "l'occurrence dit {occurrence}, son type {type} : lu comme {read}",
    ),
    # --- a page header naming a thing (report/dpgf.py) ---
    "page.named": ("{what}: {name}", "{what} : {name}"),
    # --- warnings the library logs, said on the console (model, pipeline, takeoff, iterator, apply) ---
    "log.damaged": (
        "{file} is damaged: {n} problem(s) reading it, e.g. {example}",
        "{file} est endommagé : {n} problème(s) de lecture, par exemple {example}",
    ),
    "log.damaged_before": (
        "{file} is damaged (measured before): {problem}",
        "{file} est endommagé (mesuré auparavant) : {problem}",
    ),
    "log.file_said": ("{file}: {said}", "{file} : {said}"),
    "log.flags_distrusted": (
        "IsExternal contradicts the storey outline on {contradicted} of {flagged} walls: the outline is used for every wall (and the doors and windows in them)",
        "IsExternal contredit le contour du niveau sur {contradicted} murs sur {flagged} : le contour est retenu pour chaque mur (et ses portes et fenêtres)",
    ),
    "log.kernel_crashed": (
        "the {library} kernel crashed on {ifc_class} {global_id}",
        "le noyau {library} a planté sur {ifc_class} {global_id}",
    ),
    "log.negative": (
        "item {code}: {n} element(s) give a negative quantity ({total} in all), which lowers its total",
        "ouvrage {code} : {n} élément(s) donnent une quantité négative ({total} en tout), ce qui diminue son total",
    ),
    "formula.python.invalid syntax": ("invalid syntax", "syntaxe invalide"),
    # --- Python's reasons for a formula it cannot read (rules/formula.py) ---
    "formula.python.'(' was never closed": ("'(' was never closed", "« ( » n'est jamais fermée"),
    "formula.python.unmatched ')'": ("unmatched ')'", "« ) » sans « ( »"),
    "formula.python.invalid syntax. Perhaps you forgot a comma?": (
        "invalid syntax. Perhaps you forgot a comma?",
        "syntaxe invalide : manque-t-il une virgule ?",
    ),
    "formula.python.invalid decimal literal": ("invalid decimal literal", "nombre décimal invalide"),
    "formula.python.unexpected EOF while parsing": ("unexpected EOF while parsing", "la formule s'arrête trop tôt"),
    "formula.python.unterminated string literal (detected at line 1)": (
        "unterminated string literal (detected at line 1)",
        "texte entre guillemets non fermé",
    ),
    # --- geometry paths (issue 26) ---
    "console.takeoff.paths": (
        "Geometry: {parametric} built from their parameters, {faces} read from their own faces, {boolean} cut by manifold3d, {kernel} meshed by the manifold kernel, {opencascade} by OpenCASCADE{hint}",
        "Géométrie : {parametric} construits depuis leurs paramètres, {faces} lus depuis leurs propres faces, {boolean} découpés par manifold3d, {kernel} maillés par le noyau manifold, {opencascade} par OpenCASCADE{hint}",
    ),
    "console.takeoff.paths_hint": (" (--verbose lists them)", " (--verbose les liste)"),
    "log.kernel_body": (
        "{ifc_class} {global_id} ({name}) needed the {kernel} kernel: its body is {items}",
        "{ifc_class} {global_id} ({name}) a demandé le noyau {kernel} : son corps est {items}",
    ),
}


class Message(str):
    """A sentence of the catalogue with its values: the English text itself (it compares, prints
    and goes to JSON as the English sentence), keeping its ``id`` and ``values`` so that a
    writer renders it in the reader's language (:meth:`render`, :func:`localize`).

    Example::

        >>> note = Message("stock.alert.late", quantity="12", unit="m3", due="2026-04-10")
        >>> note == "late: 12 m3 still to deliver, due 2026-04-10"
        True
        >>> note.render("fr")
        'en retard : 12 m3 restent à livrer, dus le 2026-04-10'
    """

    id: str
    values: dict

    def __new__(cls, id: str, /, **values):
        text = super().__new__(cls, say(id, "en", **values))
        text.id, text.values = id, values
        return text

    def render(self, locale: str = "en") -> str:
        return say(self.id, locale, **{k: localize(v, locale) for k, v in self.values.items()})

    def __reduce__(self):  # pickled whole (a batch's worker sends its result to the parent)
        return (_message, (self.id, self.values))


class Column(str):
    """A column's name in a sentence (``storey: A -> B``): its header in the reader's language
    (:func:`bimquant.labels.header`)."""

    def render(self, locale: str = "en") -> str:
        return header(str(self), locale)


class Amount(str):
    """An amount of money in a sentence: ``1,291.50 EUR``, ``1 291,50 EUR`` in French."""

    def __new__(cls, value: float, currency: str):
        text = super().__new__(cls, f"{value:,.2f} {currency}")
        text.value, text.currency = value, currency
        return text

    def render(self, locale: str = "en") -> str:
        return f"{Number(self.value, ',.2f').render(locale)} {self.currency}"

    def __reduce__(self):
        return (Amount, (self.value, self.currency))


class Number(str):
    """A number in a sentence, formatted with ``spec``: ``4.11``, ``1,450.5``; in French
    ``4,11``, ``1\u202f450,5`` (a narrow no-break space between thousands).

    Example::

        >>> Number(0.09, ".3f"), Number(0.09, ".3f").render("fr")
        ('0.090', '0,090')
    """

    def __new__(cls, value: float, spec: str = "g"):
        text = super().__new__(cls, format(value, spec))
        text.value, text.spec = value, spec
        return text

    def render(self, locale: str = "en") -> str:
        if locale != "fr":
            return str(self)
        text = str(self).replace(",", "\u202f").replace(".", ",")
        return text[:-1] + "\u202f%" if text.endswith("%") else text  # 97,5 %

    def __reduce__(self):
        return (Number, (self.value, self.spec))


class Joined(str):
    """Sentences listed with ``"; "``, each kept to be rendered on its own."""

    parts: tuple

    def __new__(cls, parts, joint: str = "; "):
        text = super().__new__(cls, joint.join(str(p) for p in parts))
        text.parts, text.joint = tuple(parts), joint
        return text

    def render(self, locale: str = "en") -> str:
        return self.joint.join(str(localize(p, locale)) for p in self.parts)

    def __reduce__(self):
        return (Joined, (self.parts, self.joint))


SAID = (Message, Column, Joined, Amount, Number)  # the texts that know how to say themselves in a language


def _message(id: str, values: dict) -> Message:
    return Message(id, **values)


def say(id: str, locale: str = "en", /, **values) -> str:
    """The sentence ``id`` in ``locale`` (English for any other), with its ``values``.

    Example::

        >>> say("situation_chart.contract", "fr")
        'marché'
    """
    en, fr = CATALOGUE[id]
    text = fr if locale == "fr" else en
    return text.format(**values) if values else text


def localize(text, locale: str = "en"):
    """``text`` for a reader of ``locale``: a :class:`Message` rendered; an English sentence of
    the catalogue read back from a file (a cached takeoff, a contract's JSON) recognised by its
    template and rendered; sentences joined by ``"; "`` each; anything else as it is (a name
    from the model, a code). Not a string: as it is."""
    if locale == "en" or not isinstance(text, str):
        return text
    if isinstance(text, SAID):
        return text.render(locale)
    return _localize_text(text, locale)


@functools.lru_cache(maxsize=65536)
def _localize_text(text: str, locale: str) -> str:
    parts = text.split(", ")
    if len(parts) > 1:  # counts listed ("mesh 2, authored 1"): each part one of the catalogue's
        found = [recognise(part) for part in parts]
        if all(found):
            return ", ".join(message.render(locale) for message in found)
    found = recognise(text)
    if found is not None:
        return found.render(locale)
    for joint in ("; ", ", "):  # sentences listed: each on its own
        if joint in text:
            parts = text.split(joint)
            localized = [_localize_text(part, locale) for part in parts]
            if localized != parts:
                return joint.join(localized)
    return text


def recognise(text: str) -> Message | None:
    """The :class:`Message` whose English sentence ``text`` is, when exactly one sentence of the
    catalogue reads so (its values taken back as text), else None."""
    if text in _plain():
        return Message(_plain()[text])
    found = [
        (id, match)
        for id, needle, pattern in _patterns()
        if needle in text and (match := pattern.fullmatch(text)) is not None
    ]
    if not found:
        return None
    if len(found) > 1:  # the sentence with the most words of its own, when one has more than the others
        found.sort(key=lambda pair: -_literal_length(pair[0]))
        if _literal_length(found[0][0]) == _literal_length(found[1][0]):
            return None
    id, match = found[0]
    return Message(id, **{name[2:]: value for name, value in match.groupdict().items()})  # g_<name>


# values that are whole numbers (counts, entity ids): read back as numbers only
LISTS = {"said", "refused", "why", "shown"}  # values that list sentences with "; "; other values hold none
COUNTS = {"n", "agree", "of", "deducted", "through", "id", "profile", "number"}
NUMBER = r"-?\d+"


def _literal_length(id: str) -> int:
    """How specific a sentence is: its own characters, and one for each value read as a number."""
    parsed = list(string.Formatter().parse(CATALOGUE[id][0]))
    return sum(len(text) for text, _, _, _ in parsed) + sum(name in COUNTS for _, name, _, _ in parsed)


@functools.cache
def _plain() -> dict[str, str]:
    """English sentence -> id, for the sentences without values (one id each: the first)."""
    plain: dict[str, str] = {}
    for id, (en, _) in CATALOGUE.items():
        if isinstance(en, str) and not fields(en) and not id.startswith(UNRECOGNISED) and len(en) > 3:
            plain.setdefault(en, id)
    return plain


@functools.cache
def _patterns() -> list[tuple[str, str, re.Pattern]]:
    """Each sentence with values (``"{n} elements"``), as a pattern matching its English text,
    with its longest run of words (a text without it is not that sentence: most cells are
    passed over without a pattern tried); sentences without a word of their own (``"{a}:
    {b}"``) are left out: they would read any text."""
    patterns = []
    for id, (en, _) in CATALOGUE.items():
        if not isinstance(en, str) or not fields(en) or id.startswith(UNRECOGNISED):
            continue
        literal = "".join(text for text, _, _, _ in string.Formatter().parse(en))
        if len(re.findall(r"[A-Za-z]{3,}", literal)) < 1:
            continue
        needle = max((text for text, _, _, _ in string.Formatter().parse(en)), key=len)
        patterns.append((id, needle, _regex(en, _value_pattern)))
    return patterns


def _value_pattern(name: str) -> str:
    return NUMBER if name in COUNTS else ".+?" if name in LISTS else "(?:(?!; ).)+?"


def _regex(sentence: str, value_pattern) -> re.Pattern:
    """``sentence``'s English template as a pattern: its words as they are, each ``{value}``
    as the group ``g_value`` (``value_pattern(name)``), a value said twice the same text."""
    pattern, seen = [], set()
    for text, name, _, _ in string.Formatter().parse(sentence):
        pattern.append(re.escape(text))
        if name:
            pattern.append(f"(?P=g_{name})" if name in seen else f"(?P<g_{name}>{value_pattern(name)})")
            seen.add(name)
    return re.compile("".join(pattern), re.DOTALL)


# ids whose sentences are only ever rendered, never read back (titles with a value, page headers)
UNRECOGNISED = (
    "console.",
    "value.",
    "error.loaders.kind.",
    "word.",
    "join.",
    "page",
    "dpgf.",
    "dpgf_client.",
    "viewer.",
    "usage.",
    "input.",
    "toml.",
    "formula.python.",
    "log.",
    "reserves.",
    "change_order.",
    "situation_sheet.",
    "costs_sheet.",
)


def recognise_in(prefix: str, text: str) -> Message | None:
    """The :class:`Message` under ``prefix.`` whose English sentence ``text`` is: another
    program's words the catalogue knows (click's usage errors ``usage.``, the TOML parser's
    reasons ``toml.``), read back only where that program speaks. A value is read again the
    same way (``Invalid value for '--threads': <click's reason>``); of the readings, the one
    whose sentences have the most words of their own wins (``Expected ']]' at the end of an
    array declaration`` rather than ``Expected {what}``)."""
    found = _reading(prefix, text)
    return found[1] if found else None


def _reading(prefix: str, text: str) -> tuple[int, Message] | None:
    best = None
    for id, literal, pattern in _patterns_in(prefix):
        if (match := pattern.fullmatch(text)) is None:
            continue
        score, values = literal, {}
        for name, value in match.groupdict().items():
            inner = _reading(prefix, value)
            score += inner[0] if inner else 0
            values[name[2:]] = inner[1] if inner else value  # g_<name>
        if best is None or score > best[0]:
            best = (score, Message(id, **values))
    return best


@functools.cache
def _patterns_in(prefix: str) -> list[tuple[str, int, re.Pattern]]:
    patterns = []
    for id, (en, _) in CATALOGUE.items():
        if id.startswith(prefix + ".") and isinstance(en, str):
            literal = sum(len(text) for text, _, _, _ in string.Formatter().parse(en))
            patterns.append((id, literal, _regex(en, lambda name: ".+?")))
    return patterns


def and_list(words: list[str]) -> str:
    """``"A"``, ``"A and B"``, ``"A, B and C"``: the words listed, in any language."""
    words = [str(w) for w in words]
    if len(words) < 2:
        return "".join(words)
    return Message("join.and", first=", ".join(words[:-1]), last=words[-1])


def or_list(words) -> str:
    """``"A"``, ``"A or B"``, ``"A, B or C"``."""
    words = [str(w) for w in words]
    if len(words) < 2:
        return "".join(words)
    return Message("word.or", first=", ".join(words[:-1]), last=words[-1])


def section(prefix: str) -> dict[str, dict]:
    """Every id under ``prefix.`` without it, per language: ``{"en": {...}, "fr": {...}}``, as
        the writers read their words (``section("change_order")["fr"]["title"]``); a dotted rest
    nests (``["sheets"]["items"]``)."""
    start = prefix + "."
    words: dict[str, dict] = {locale: {} for locale in LOCALES}
    for id, pair in CATALOGUE.items():
        if id.startswith(start):
            *path, name = id[len(start) :].split(".")
            for locale, text in zip(LOCALES, pair):
                table = words[locale]
                for part in path:  # "series.planned" -> words["series"]["planned"]
                    table = table.setdefault(part, {})
                table[name] = list(text) if isinstance(text, tuple) else text
    return words


def fields(text) -> set[str]:
    """The ``{named}`` values a sentence (or each of a tuple's) takes."""
    texts = text if isinstance(text, tuple) else (text,)
    return {name for t in texts for _, name, _, _ in string.Formatter().parse(t) if name}
