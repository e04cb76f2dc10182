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
    # --- value ---
    "value.unchanged": ("unchanged", "inchangé"),
    "value.changed": ("changed", "modifié"),
    "value.moved": ("moved", "déplacé"),
    "value.reclassified": ("reclassified", "reclassé"),
    "value.added": ("added", "ajouté"),
    "value.removed": ("removed", "supprimé"),
    "value.ambiguous": ("ambiguous", "ambigu"),
    "value.omission": ("omission", "omission"),
    "value.re-read": ("re-read", "relecture"),
    "value.global_id": ("global_id", "GlobalId"),
    "value.signature": ("signature", "signature"),
    "value.translation": ("translation", "translation"),
    "value.placement": ("placement", "position"),
    "value.manual": ("manual", "manuel"),
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
    # --- costs_issue ---
    "costs_issue.progress, no costs": ("progress, no costs", "avancement sans dépense"),
    "costs_issue.costs, no progress": ("costs, no progress", "dépenses sans avancement"),
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
    "orderbook.status.not_priced": ("not_priced", "non chiffré"),
    "orderbook.status.geometry_failed": ("geometry_failed", "géométrie illisible"),
    "orderbook.status.value_unknown": ("value_unknown", "quantité sans valeur"),
    "orderbook.status.double_counted": ("double_counted", "compté deux fois"),
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
    # --- price_basis ---
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
    # --- situation_sheet ---
    "situation_sheet.basis.sale prices": ("sale prices", "prix de vente"),
    "situation_sheet.basis.direct costs": ("direct costs", "déboursés"),
    # --- console (cli/): the command line's own lines ---
    # (kept last: added by the cli conversion)
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
    if isinstance(text, Message):
        return text.render(locale)
    return _localize_text(text, locale)


@functools.lru_cache(maxsize=65536)
def _localize_text(text: str, locale: str) -> str:
    found = recognise(text)
    if found is not None:
        return found.render(locale)
    if "; " in text:
        parts = text.split("; ")
        localized = [_localize_text(part, locale) for part in parts]
        if localized != parts:
            return "; ".join(localized)
    return text


def recognise(text: str) -> Message | None:
    """The :class:`Message` whose English sentence ``text`` is, when exactly one sentence of the
    catalogue reads so (its values taken back as text), else None."""
    found = [(id, match.groupdict()) for id, pattern in _patterns() if (match := pattern.fullmatch(text)) is not None]
    if len(found) != 1:
        return None
    id, values = found[0]
    return Message(id, **values)


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each sentence with values (``"{n} elements"``), as a pattern matching its English text;
    sentences without a word of their own (``"{a}: {b}"``) are left out: they would read any
    text."""
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
                pattern.append(f"(?P=g_{name})" if name in seen else f"(?P<g_{name}>.+?)")
                seen.add(name)
        compiled = re.compile("".join(pattern), re.DOTALL)
        patterns.append((id, compiled))
    return patterns


# ids whose sentences are only ever rendered, never read back (titles with a value, page headers)
UNRECOGNISED = ("page", "dpgf.", "dpgf_client.", "reserves.", "change_order.", "situation_sheet.", "costs_sheet.")


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
