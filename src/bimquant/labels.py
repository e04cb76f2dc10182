"""What people read: table and column names in the user's language.

The tables keep their English ``snake_case`` names everywhere in the library and in JSON (the
data contract that scripts read). Only what a person opens is translated: a French workbook has
French sheet names and headers, a French CSV French headers, a French console French titles.
An English output keeps the names of the data, so a script reads an English CSV or XLSX back
with the same columns as the DataFrame.

Example::

    >>> header("net_volume_m3", "fr")
    'Volume net (m3)'
    >>> sheet_name("reconciliation", "fr")
    'Rapprochement'
"""

from __future__ import annotations

LOCALES = ("en", "fr")

SHEETS_FR = {
    "tasks": "Tâches",
    "status": "Avancement",
    "task_elements": "Éléments par tâche",
    "planned": "Prévu par article",
    "gantt": "Gantt",
    "manpower": "Effectifs",
    "milestones": "Jalons",
    "curve": "Courbe prévisionnelle",
    "links": "Liens",
    "checks": "Contrôle main-d'oeuvre",
    "elements": "Éléments",
    "failures": "Échecs",
    "excluded": "Non mesurés",
    "authored": "Quantités déclarées",
    "openings": "Ouvertures",
    "items": "Ouvrages",
    "by_storey": "Par niveau",
    "trace": "Détail par élément",
    "unmapped": "Sans ouvrage",
    "warnings": "Avertissements",
    "reconciliation": "Rapprochement",
    "summary": "Synthèse",
    "suspects": "Valeurs suspectes",
    "matched": "Ouvrages alimentés",
    "not_matched": "Ouvrages non alimentés",
    "lines": "Lignes",
    "lots": "Lots",
    "unpriced": "Sans prix",
    "orders": "Commandes",
    "needs": "Besoins",
    "without_recipe": "Sans recette",
    "map": "Correspondance",
    "new_prices": "Prix nouveaux",
    "stages": "Niveaux",
    "unmatched": "Sans correspondance",
    "actuals": "Dépenses",
    "deliveries": "Livraisons",
    "models": "Maquettes",
    "materials": "Matériaux",
    "reserves": "Réserves",
    "problems": "À régler et à vérifier",
}

HEADERS_FR = {
    "tasks": "Tâches",
    "hours": "Heures",
    "start": "Début",
    "finish": "Fin",
    # identity
    "global_id": "GlobalId",
    "ifc_class": "Classe IFC",
    "family": "Famille",
    "predefined_type": "Type prédéfini",
    "name": "Nom",
    "type_name": "Type",
    "storey": "Niveau",
    "storey_elevation_m": "Altitude du niveau (m)",
    "building": "Bâtiment",
    "parent_global_id": "GlobalId parent",
    "material": "Matériau",
    "material_layers": "Couches de matériau",
    "density_source": "Source de la masse volumique",
    "classification": "Classification",
    "is_external": "Extérieur",
    "is_external_source": "Source extérieur",
    "load_bearing": "Porteur",
    "fire_rating": "Résistance au feu",
    # quantities
    "net_volume_m3": "Volume net (m3)",
    "gross_volume_m3": "Volume brut (m3)",
    "length_m": "Longueur (m)",
    "width_m": "Épaisseur ou largeur (m)",
    "height_m": "Hauteur (m)",
    "net_side_area_m2": "Surface nette d'une face (m2)",
    "gross_side_area_m2": "Surface brute d'une face (m2)",
    "net_area_m2": "Surface nette (m2)",
    "gross_area_m2": "Surface brute (m2)",
    "footprint_area_m2": "Emprise (m2)",
    "outer_surface_area_m2": "Surface extérieure (m2)",
    "perimeter_m": "Périmètre (m)",
    "openings_count": "Nombre d'ouvertures",
    "openings_area_m2": "Surface des ouvertures (m2)",
    "weight_kg": "Masse (kg)",
    "surface_area_m2": "Surface totale (m2)",
    # location
    "centre_x_m": "Centre X (m)",
    "centre_y_m": "Centre Y (m)",
    "centre_z_m": "Centre Z (m)",
    "size_x_m": "Dimension X (m)",
    "size_y_m": "Dimension Y (m)",
    "size_z_m": "Dimension Z (m)",
    # provenance
    "geometry_kernel": "Noyau géométrique",
    "mesh_closed": "Maillage fermé",
    "measure_note": "Remarque de mesure",
    "authored_flags": "Écarts des valeurs déclarées",
    "properties": "Propriétés",
    "reason": "Raison",
    # openings
    "host_global_id": "GlobalId de l'hôte",
    "opening_global_id": "GlobalId de l'ouverture",
    "opening_name": "Nom de l'ouverture",
    "filled_by": "Remplie par",
    "filled_by_class": "Classe du remplissage",
    "area_m2": "Surface (m2)",
    "volume_m3": "Volume (m3)",
    # authored quantities
    "set_name": "Jeu de quantités",
    "ifc_type": "Type IFC",
    "raw_value": "Valeur brute",
    "authored_value": "Valeur déclarée",
    "computed_column": "Colonne calculée",
    "computed_value": "Valeur calculée",
    "rel_diff": "Écart relatif",
    "verdict": "Verdict",
    "detail": "Détail",
    "count": "Nombre",
    "ok": "Concordantes",
    "ok_share": "Part concordante",
    "duplicate_conflict": "Doublons contradictoires",
    "wrong_type": "Mauvais type",
    "openings_not_deducted": "Ouvertures non déduites",
    "unit_suspect": "Unité suspecte",
    "unit_unknown": "Unité inconnue",
    "exporter_polygon": "Polygone de l'exportateur",
    "net_above_gross": "Net supérieur au brut",
    "constant_value": "Valeur constante",
    "differs": "Différente",
    # work items
    "code": "N°",
    "lot": "Lot",
    "label": "Désignation",
    "unit": "U",
    "quantity": "Quantité",
    "elements": "Éléments",
    "missing_values": "Valeurs manquantes",
    "measures": "Objet mesuré",
    "layer": "Couche",
    "layer_index": "Rang de la couche",
    "formula": "Formule",
    "computed": "Calcul",
    "values": "Valeurs utilisées",
    "contribution": "Contribution",
    "openings_deducted": "Ouvertures déduites",
    "openings_measured_through": "Ouvertures comptées pleines",
    "kind": "Type d'avertissement",
    "message": "Message",
    "structure_items": "Ouvrages de structure",
    # estimate
    "unit_price": "PU déboursé HT",
    "amount": "Montant déboursé HT",
    "currency": "Devise",
    "priced": "Chiffré",
    "labour": "Main-d'œuvre",
    "equipment": "Matériel",
    "source": "Source du prix",
    "sale_unit_price": "PU de vente HT",
    "sale_amount": "Montant de vente HT",
    "share": "Part",
    "items": "Ouvrages",
    "unpriced_items": "Ouvrages sans prix",
    # orders
    "supplier": "Fournisseur",
    "batch": "Livraison",
    "delivery_date": "Date de livraison",
    "order_by": "Commander avant le",
    "need_without_waste": "Besoin sans pertes",
    "need": "Besoin",
    "ordered": "Commandé",
    "packs": "Conditionnements",
    "purchase_unit": "Unité d'achat",
    "pack_size": "Contenance",
    "surplus": "Surplus",
    "trucks": "Camions",
    "last_truck": "Dernier camion",
    "order_value": "Montant de la commande HT",
    "lines": "Lignes",
    "materials": "Matériaux",
    "item_quantity": "Quantité de l'ouvrage",
    "per_unit": "Consommation par unité",
    "waste_pct": "Pertes %",
    # revisions
    "old_global_id": "GlobalId ancienne maquette",
    "new_global_id": "GlobalId nouvelle maquette",
    "status": "État",
    "how": "Appariement",
    "changes": "Modifications",
    "old_quantity": "Qté marché",
    "new_quantity": "Qté nouvelle",
    "delta_quantity": "Écart",
    "delta_amount": "Montant de l'écart HT",
    "new_price": "Prix nouveau",
    "added_quantity": "Écart des éléments ajoutés",
    "removed_quantity": "Écart des éléments supprimés",
    "changed_quantity": "Écart des éléments modifiés",
    "ambiguous_quantity": "Écart des éléments ambigus",
    "omitted_quantity": "Dont omissions ou relectures (hors devis)",
    "omitted_elements": "Éléments omis ou relus",
    "added_elements": "Éléments ajoutés",
    "removed_elements": "Éléments supprimés",
    "changed_elements": "Éléments modifiés",
    "ambiguous_elements": "Éléments ambigus",
    "measured_old_quantity": "Qté de l'ancienne maquette",
    "old_contribution": "Contribution ancienne",
    "new_contribution": "Contribution nouvelle",
    "delta": "Écart",
    # progress billing
    "contract_quantity": "Qté marché",
    "contract_amount": "Montant marché HT",
    "cumulative_percent": "% cumulé",
    "cumulative_quantity": "Qté cumulée",
    "cumulative_amount": "Cumul HT",
    "previous_percent": "% précédent",
    "previous_amount": "Précédent HT",
    "period_amount": "Mois HT",
    "percent_complete": "% réalisé",
    "stage": "Niveau",
    "total": "Total",
    "value": "Valeur",
    # costs against budget
    "budget": "Budget (déboursé HT)",
    "percent": "% réalisé",
    "earned": "Valeur acquise",
    "actual": "Coût réel",
    "cost_variance": "Écart (acquis - réel)",
    "cpi": "IPC (acquis / réel)",
    "eac": "Prévision à terminaison (IPC)",
    "eac_budget": "Prévision à terminaison (budget)",
    "issue": "Anomalie",
    # stock on site
    "delivered": "Livré",
    "consumed": "Consommé",
    "on_site": "Sur chantier",
    "to_deliver": "Reste à livrer",
    "still_needed": "Reste à consommer",
    "alert": "Alerte",
    # portfolio
    "file": "Fichier",
    "sha256": "Empreinte SHA-256",
    "schema": "Schéma IFC",
    "elements_measured": "Éléments mesurés",
    "elements_failed": "Éléments en échec",
    "wall_net_volume_m3": "Murs : volume net (m3)",
    "wall_net_side_area_m2": "Murs : surface nette d'une face (m2)",
    "slab_net_volume_m3": "Dalles : volume net (m3)",
    "slab_net_area_m2": "Dalles : surface nette (m2)",
    "plate_net_volume_m3": "Plaques : volume net (m3)",
    "plate_net_side_area_m2": "Plaques : surface nette d'une face (m2)",
    "linear_net_volume_m3": "Poutres, poteaux : volume net (m3)",
    "filling_net_volume_m3": "Portes, fenêtres : volume net (m3)",
    "filling_gross_area_m2": "Portes, fenêtres : surface (m2)",
    "other_net_volume_m3": "Autres : volume net (m3)",
    "direct_cost": "Déboursé sec HT",
    "total_excl_vat": "Total HT",
    "floor_area_m2": "Surface de référence (m2)",
    "cost_per_m2": "Coût HT par m2",
    "cost_per_m2_basis": "Base de la surface",
    "complete": "Complet",
    "incomplete": "Motifs d'incomplétude",
    "volume_share": "Part du volume bâti chiffrée",
    "elements_not_priced_once": "Éléments non chiffrés une fois",
    "provenance": "Origine de la quantité",
    "placeholder": "Libellé à préciser",
    "quantity_source": "Quantités déclarées reprises",
    "wall_face_area_m2": "Parement de murs (m2)",
    "volume_unknown": "Éléments de volume inconnu",
    "global_ids": "GlobalIds",
    "blocking": "Bloquant",
    "date": "Date",
    "reference": "Référence",
}

# Where one column name means another thing in one table.
TABLE_HEADERS_FR = {
    "tasks": {
        "task": "Tâche",
        "wbs": "Code WBS",
        "sequence": "Enchaînement",
        "location": "Niveau",
        "hours_per_unit": "Heures par unité",
        "hours": "Heures",
        "workers": "Effectif",
        "crew": "Équipe",
        "duration_days": "Durée (j ouvrés)",
        "paced_by": "Durée fixée par",
        "start": "Début",
        "finish": "Fin",
        "lag_days": "Délai après (j calendaires)",
        "total_float_days": "Marge totale (j ouvrés)",
        "critical": "Chemin critique",
        "cadence": "Cadence",
        "predecessors": "Prédécesseurs",
    },
    "manpower": {"week": "Semaine", "monday": "Lundi", "total": "Effectif moyen total", "peak": "Effectif maximal"},
    "status": {
        "task": "Tâche",
        "location": "Niveau",
        "critical": "Chemin critique",
        "start": "Début prévu",
        "finish": "Fin prévue",
        "expected_percent": "Avancement attendu %",
        "actual_percent": "Avancement réel %",
        "late": "En retard",
        "forecast_start": "Début recalé",
        "forecast_finish": "Fin recalée",
        "slip_days": "Glissement (j ouvrés)",
    },
    "task_elements": {"task": "Tâche", "location": "Niveau", "contribution": "Quantité"},
    "planned": {"period": "Mois", "percent": "Prévu cumulé %"},
    "milestones": {"milestone": "Jalon", "note": "Remarque"},
    "curve": {"period": "Mois", "planned_month": "Prévu du mois HT", "planned": "Prévu cumulé HT"},
    "links": {
        "before": "Avant",
        "after": "Après",
        "type": "Type",
        "lag_days": "Délai (j calendaires)",
        "logic": "Logique",
    },
    "checks": {
        "hours_per_unit": "Heures par unité",
        "hourly_rate": "Taux horaire HT",
        "labour_from_hours": "MO heures x taux HT",
        "labour_in_prices": "MO du bordereau HT",
        "gap_pct": "Écart %",
        "labour_check": "Contrôle",
    },
    "authored": {"quantity": "Quantité déclarée"},
    "suspects": {"quantity": "Quantité déclarée"},
    "summary": {"quantity": "Quantité déclarée"},
    "orders": {"items": "Ouvrages", "label": "Désignation du matériau"},
    "items": {"unit_price": "PU HT"},  # a revision's items: the contract's prices
    "new_prices": {"old_quantity": "Qté marché"},
    "actuals": {"kind": "Nature", "amount": "Montant HT"},
    "reserves": {"kind": "Objet", "status": "Nature de la réserve"},
    "problems": {"kind": "Problème"},
}


def check_locale(locale: str) -> str:
    """``locale`` itself when it is one bimquant speaks; ``ValueError`` otherwise."""
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}: use {' or '.join(LOCALES)}")
    return locale


def header(column: str, locale: str = "en", table: str | None = None) -> str:
    """The header a person reads for ``column`` (of ``table``, when a name means something else
    there); English keeps the column's own name, an unknown column keeps its name."""
    if locale != "fr":
        return column
    return TABLE_HEADERS_FR.get(table or "", {}).get(column) or HEADERS_FR.get(column, column)


def headers(columns, locale: str = "en", table: str | None = None) -> list[str]:
    """:func:`header` for each column, made unique (a translated name never hides another)."""
    named, seen = [], set()
    for column in columns:
        text = header(str(column), locale, table)
        if text in seen:
            text = f"{text} ({column})"
        seen.add(text)
        named.append(text)
    return named


def sheet_name(table: str, locale: str = "en") -> str:
    """The sheet name of a table: French in a French workbook, the table's name otherwise."""
    return SHEETS_FR.get(table, table) if locale == "fr" else table
