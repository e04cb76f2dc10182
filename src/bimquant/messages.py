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
    "situation_sheet.planned": ("Planned (phases)", "Prévu (phases)"),
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
    "console.check.types_said": (
        "occurrence {occurrence}, type {type}: read as {read}",
        "l'occurrence dit {occurrence}, son type {type} : lu comme {read}",
    ),
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
    "viewer.kinds.decimated": ("Elements drawn simplified (quantities exact)", "Éléments dessinés simplifiés (quantités exactes)"),
    "viewer.kinds.revision": ("Revision", "Révision"),
    "viewer.statuses.priced_once": ("Priced once", "Chiffré une fois"),
    "viewer.statuses.double_counted": ("Counted twice", "Compté deux fois"),
    "viewer.statuses.value_unknown": ("Quantity of no value", "Quantité sans valeur"),
    "viewer.statuses.not_priced": ("Body not priced (no structure item)", "Corps non chiffré (aucun ouvrage de structure)"),
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
    'viewer.qty_by_storey': ('Quantity by storey of the item', "Quantité par niveau de l'ouvrage"),
    "viewer.quantities": ("Measured quantities", "Quantités mesurées"),
    "viewer.feeds": ("Work items fed", "Ouvrages alimentés"),
    "viewer.contribution": ("Contribution", "Apport"),
    "viewer.formula": ("Formula", "Formule"),
    "viewer.values": ("Values", "Valeurs"),
    'viewer.feeds_none': ('Feeds no work item.', "N'alimente aucun ouvrage."),
    "viewer.suspect": ("Authored quantity suspect", "Quantité déclarée suspecte"),
    "viewer.drawn_with": ("Drawn", "Tracé"),
    "viewer.no_mesh": ("no geometry to draw", "sans géométrie affichable"),
    'viewer.no_webgl': ('This browser cannot show 3D (no WebGL): the tables are complete.', "Ce navigateur n'affiche pas la 3D (WebGL indisponible) : les tableaux restent complets."),
    "viewer.other": ("others", "autres"),
    "viewer.none": ("no work item", "aucun ouvrage"),
    "viewer.first_item": ("an element feeding several items takes the colour of the first", "un élément qui alimente plusieurs ouvrages prend la couleur du premier"),
    "viewer.diff": ("Revision", "Révision"),
    "viewer.diff_against": ("Compared with", "Comparée à"),
    "viewer.plus": ("Added value", "Plus-value"),
    "viewer.minus": ("Removed value", "Moins-value"),
    "viewer.old_q": ("Old qty", "Qté avant"),
    "viewer.new_q": ("New qty", "Qté après"),
    'viewer.delta_amount': ('Amount of the change', "Montant de l'écart HT"),
    "viewer.no_storey": ("(no storey)", "(sans niveau)"),
    "viewer.total": ("Total", "Total"),
    'viewer.rounding': ('Rounding (quantities per storey rounded)', "Écart d'arrondi (quantités par niveau arrondies)"),
    "viewer.no_prices": ("no price library", "sans bordereau de prix"),
    "viewer.show_zero": ("Show the items of quantity zero", "Afficher les ouvrages de quantité nulle"),
    "viewer.dpgf_client": ("Client DPGF (sale prices rounded to the cent)", "DPGF client (prix de vente arrondis au centime)"),
    "viewer.floor_spaces": ("Net floor area of the spaces (IfcSpace)", "Surface utile des locaux (IfcSpace)"),
    'viewer.floor_slabs': ('Area of the floor slabs (no spaces in the model)', "Surface des dalles (pas de locaux dans la maquette ; ce n'est pas la SDP)"),
    "viewer.not_building": ("not building work", "hors ouvrages"),
    'viewer.diff_total': ("Change excl. VAT at the price library's costs", 'Écart HT au prix du bordereau (déboursé)'),
    "viewer.delta_q": ("Change", "Écart"),
    "viewer.share_col": ("Share", "Part"),
    'viewer.click_hint': ("Drag: rotate · wheel: zoom · right drag: pan · click: an element's detail", "Glisser : tourner · molette : zoom · clic droit : déplacer · clic : détail d'un élément"),
    "viewer.footer": ("Self-contained report made by bimquant: no external resource, no network access. Quantities come from geometry; the 3D is a view, its meshes may be simplified.", "Rapport autonome produit par bimquant : aucune ressource externe, aucun accès réseau. Les quantités viennent de la géométrie ; la 3D est une vue, les maillages affichés peuvent être simplifiés."),
    "viewer.highlighted_one": ("{n} element highlighted", "{n} élément en surbrillance"),
    "viewer.highlighted_many": ("{n} elements highlighted", "{n} éléments en surbrillance"),
    "viewer.colon": (": ", " : "),
    "viewer.too_old": ("This browser is too old to open the report (no DecompressionStream).", "Ce navigateur est trop ancien pour ouvrir ce rapport (pas de DecompressionStream)."),
    # --- the command line's usage errors: click's own sentences, said in French (cli/console.usage_error) ---
    "usage.usage": ("Usage: {usage}", "Utilisation : {usage}"),
    'usage.try_help': ("Try '{command}' for help.", "Essayez « {command} » pour l'aide."),
    "usage.no_such_option": ("No such option: {name}", "Option inconnue : {name}"),
    "usage.no_such_option_quoted": ("No such option {name}.", "Option inconnue : {name}."),
    "usage.possible_options": ("(Possible options: {names})", "(options proches : {names})"),
    "usage.did_you_mean": ("Did you mean {name}?", "Vouliez-vous dire {name} ?"),
    "usage.no_such_command": ("No such command {name}.", "Commande inconnue : {name}."),
    "usage.missing_option": ("Missing option {name}.", "Option manquante : {name}."),
    "usage.missing_argument": ("Missing argument {name}.", "Argument manquant : {name}."),
    "usage.missing_command": ("Missing command.", "Commande manquante."),
    'usage.requires_argument': ('Option {name} requires an argument.', "L'option {name} attend une valeur."),
    'usage.takes_no_value': ('Option {name} does not take a value.', "L'option {name} ne prend pas de valeur."),
    "usage.extra_arguments": ("Got unexpected extra argument(s) ({args})", "Argument(s) en trop ({args})"),
    "usage.extra_argument": ("Got unexpected extra argument ({args})", "Argument en trop ({args})"),
    "usage.extra_arguments_plural": ("Got unexpected extra arguments ({args})", "Arguments en trop ({args})"),
    "usage.invalid_value": ("Invalid value for {param}: {message}", "Valeur invalide pour {param} : {message}"),
    "usage.invalid": ("Invalid value: {message}", "Valeur invalide : {message}"),
    "usage.value_error": ("Value error, {message}", "{message}"),
    'usage.not_one_of': ('{value} is not one of {choices}.', "{value} n'est pas l'une des valeurs {choices}."),
    'usage.not_choice': ('{value} is not {choice}.', "{value} n'est pas {choice}."),
    "usage.at_least": ("Input should be greater than or equal to {n}", "La valeur doit être supérieure ou égale à {n}"),
    "usage.at_most": ("Input should be less than or equal to {n}", "La valeur doit être inférieure ou égale à {n}"),
    "usage.not_integer": ("Input should be a valid integer, unable to parse string as an integer", "La valeur doit être un nombre entier"),
    "usage.not_integer_fraction": ("Input should be a valid integer, got a number with a fractional part", "La valeur doit être un nombre entier (sans décimales)"),
    'usage.not_a_number': ('{value} is not a number (write 5.5 or 5,5)', "{value} n'est pas un nombre (écrivez 5.5 ou 5,5)"),
    "usage.prices_or_contract": ("give --prices or --contract, not both (--contract: the prices signed)", "donnez --prices ou --contract, pas les deux (--contract : les prix signés)"),
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
        text = f"{self.value:,.2f}"
        if locale == "fr":
            text = text.replace(",", "\u202f").replace(".", ",")
        return f"{text} {self.currency}"

    def __reduce__(self):
        return (Amount, (self.value, self.currency))


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


SAID = (Message, Column, Joined, Amount)  # the texts that know how to say themselves in a language


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
        pattern, seen = [], set()
        for text, name, _, _ in string.Formatter().parse(en):
            pattern.append(re.escape(text))
            if name:
                value = NUMBER if name in COUNTS else ".+?" if name in LISTS else "(?:(?!; ).)+?"
                pattern.append(f"(?P=g_{name})" if name in seen else f"(?P<g_{name}>{value})")
                seen.add(name)
        needle = max((text for text, _, _, _ in string.Formatter().parse(en)), key=len)
        patterns.append((id, needle, re.compile("".join(pattern), re.DOTALL)))
    return patterns


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
    "reserves.",
    "change_order.",
    "situation_sheet.",
    "costs_sheet.",
)


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
