"""Model revisions: what changed between two exports of a model, priced as a change order.

Two takeoffs (the old revision, the new one) and one rule set give:

- a **map** pairing the elements of both revisions: by GlobalId first; then, for the elements
  left, by a signature (class family, geometry: centre and size of the body's box, volume;
  storey, type and material break ties), only when one candidate is clearly the best on both
  sides; a manual line of a map file a person corrected wins over both;
- a **status** per element: ``unchanged``, ``changed`` (quantities or attributes moved, old and
  new values in ``changes``), ``moved`` (placement or storey changed, quantities equal),
  ``reclassified`` (another class of the same family: IfcBeam -> IfcMember), ``added``,
  ``removed``, ``ambiguous`` (several candidates, none clearly best: never guessed);
- per **work item**: old and new quantities (rounded to 2 decimals, as on a DPGF line), the
  delta, the part of it from added, removed, changed and ambiguous elements, priced at the
  contract's unit prices: plus-value and moins-value per line, per lot and in total. An item
  with no price and a delta is a "prix nouveau" to negotiate, listed apart without an amount.

Tolerances are in :mod:`bimquant.tolerances` (``REVISION_*``) and README.md, "Revisions".

Example::

    >>> old = bimquant.takeoff("house_v1.ifc"); new = bimquant.takeoff("house_v2.ifc")
    >>> revision = compare_takeoffs(old, new, ruleset, prices)
    >>> revision.totals["total_excl_vat"]
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from bimquant.columns import (
    LOCATION_COLUMNS,
    MAP_COLUMNS,
    QUANTITY_COLUMNS,
    REVISION_ELEMENT_COLUMNS,
    NEW_PRICE_COLUMNS,
    REVISION_ITEM_COLUMNS,
    REVISION_TRACE_COLUMNS,
)
from bimquant.contract import Contract
from bimquant.estimate import Price
from bimquant.errors import ContractError
from bimquant.money import cents, to_decimal
from bimquant.loaders import one_line, read_rows, text_of
from bimquant.result import Result
from bimquant.rules.apply import WorkItems
from bimquant.takeoff import Takeoff
from bimquant.messages import Amount, Column, Joined, Message, Number, say
from bimquant.tolerances import (
    REVISION_CHANGE_ABS,
    REVISION_CHANGE_REL,
    REVISION_CLEAR_MARGIN_M,
    REVISION_GROUP_MIN,
    REVISION_GROUP_MOVE_M,
    REVISION_GROUP_TOLERANCE_M,
    REVISION_SINGLE_MOVE_M,
    REVISION_MOVE_M,
    REVISION_POSITION_M,
    REVISION_SIZE_M,
    REVISION_TIE_PENALTY_M,
    REVISION_VOLUME_REL,
)

PRICE_BASES = ("contract_sale", "contract_cost", "prices", "none")  # info["price_basis"]; said by price_basis.*
NONE = Message("change.none")  # a value one revision does not have
STATUSES = ("unchanged", "changed", "moved", "reclassified", "added", "removed", "ambiguous")
HOWS = ("global_id", "signature", "translation", "placement", "manual")
# attributes whose change makes an element "changed" (what a rule can select on, or a price depend on)
ATTRIBUTES = ("name", "type_name", "predefined_type", "material", "is_external", "load_bearing", "fire_rating")
# the geometry kernels' classes that only differ by a schema's "standard case": one element
SCHEMA_SUFFIXES = ("StandardCase", "ElementedCase")
SIGNATURE_FAMILIES = ("wall", "plate", "slab", "linear", "filling")  # a class change inside one is a reclassification


@dataclass
class Revision(Result):
    """What changed between two revisions of a model, priced.

    - ``items``: per work item (``REVISION_ITEM_COLUMNS``): old and new quantities, delta, its
      split by element status, unit price, amount of the delta, ``new_price`` for a "prix
      nouveau" (a delta without a contract price).
    - ``elements``: per element (``REVISION_ELEMENT_COLUMNS``): status, how it was matched,
      what changed.
    - ``map``: the pairing, ``old_global_id,new_global_id,how``, to correct and pass back.
    - ``trace``: per item and element, the contribution before and after.
    - ``new_prices``: the items to price by negotiation, with their quantity.
    - ``totals``: plus-value, moins-value, total excl. VAT, VAT, total incl. VAT.
    """

    TABLES = ("items", "elements", "map", "trace", "new_prices")

    items: pd.DataFrame
    elements: pd.DataFrame
    map: pd.DataFrame
    trace: pd.DataFrame
    new_prices: pd.DataFrame
    totals: dict = field(default_factory=dict)
    currency: str = "EUR"
    info: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ManualLine:
    """One ``how = manual`` line of a map file: a pair, or an element kept unpaired (the other
    side empty)."""

    line: int
    old_global_id: str
    new_global_id: str
    source: str = "map"  # the map file, for messages


# --- reading what a person hands over --------------------------------------------------------


def load_map(path: str | os.PathLike) -> list[ManualLine]:
    """The manual lines of a map file (CSV ``old_global_id,new_global_id,how``, as ``bimquant
    diff`` writes it). Lines whose ``how`` is ``global_id`` or ``signature`` are the previous
    run's own pairing and are worked out again; ``manual`` lines are imposed. Raises
    :class:`ContractError` naming the line for an unknown ``how``, a line with no GlobalId, or a
    GlobalId paired twice."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ContractError(Message("error.diff.not_csv", path=path), Message("hint.diff.pass_map"))
    rows, _ = read_rows(path, "map file")
    if rows:
        missing = [c for c in MAP_COLUMNS if c not in rows[0][1]]
        if missing:
            raise ContractError(
                Message("error.loaders.missing_columns", path=path, columns=", ".join(missing)),
                Message("hint.diff.header", columns=",".join(MAP_COLUMNS)),
            )
    manual, seen_old, seen_new = [], {}, {}
    for line, row in rows:
        old, new, how = (text_of(row.get(c)) for c in MAP_COLUMNS)
        where = Message("error.diff.line", path=path, line=line)
        if how not in HOWS and how != "":
            raise ContractError(
                Message("error.diff.unknown_how", where=where, how=one_line(how)), Message("hint.diff.write_manual")
            )
        if how != "manual":
            continue
        if not old and not new:
            raise ContractError(Message("error.diff.no_global_id", where=where), Message("hint.diff.give_global_id"))
        for gid, seen, side in ((old, seen_old, "old"), (new, seen_new, "new")):
            if gid and gid in seen:
                raise ContractError(
                    Message(f"error.diff.{side}_paired_twice", where=where, gid=gid, first=seen[gid]),
                    Message("hint.diff.pair_once"),
                )
            if gid:
                seen[gid] = line
        manual.append(ManualLine(line, old, new, str(path)))
    return manual


# --- matching ------------------------------------------------------------------------------------


def get_class_key(ifc_class: str) -> str:
    """The class an estimator sees: ``IfcWallStandardCase`` is an ``IfcWall``."""
    for suffix in SCHEMA_SUFFIXES:
        if ifc_class.endswith(suffix):
            return ifc_class[: -len(suffix)]
    return ifc_class


def _group(row) -> str:
    """Elements that may be one element in two revisions share this: their family (a beam may
    become a member), or their class outside the measured families."""
    return row["family"] if row["family"] in SIGNATURE_FAMILIES else get_class_key(row["ifc_class"])


def match_elements(
    old: pd.DataFrame, new: pd.DataFrame, manual: list[ManualLine] = ()
) -> tuple[list[dict], dict[str, list[str]]]:
    """Pair the elements of two takeoffs: ``([{old_global_id, new_global_id, how}],
    ambiguous)`` where an unpaired element has an empty other side and ``how`` ``""``, and
    ``ambiguous`` maps each element left with several candidates to them.

    Manual lines first (checked against both revisions), then equal GlobalIds, then signatures."""
    old_ids, new_ids = set(old["global_id"]), set(new["global_id"])
    pairs: list[dict] = []
    done_old, done_new = set(), set()
    for line in manual:
        for gid, known, side in ((line.old_global_id, old_ids, "old"), (line.new_global_id, new_ids, "new")):
            if gid and gid not in known:
                where = Message("error.diff.line", path=line.source, line=line.line)
                raise ContractError(
                    Message(f"error.diff.{side}_not_measured", where=where, gid=gid),
                    Message("hint.diff.correct_global_id"),
                )
        pairs.append({"old_global_id": line.old_global_id, "new_global_id": line.new_global_id, "how": "manual"})
        done_old.add(line.old_global_id)
        done_new.add(line.new_global_id)
    for gid in old["global_id"]:
        if gid in new_ids and gid not in done_old and gid not in done_new:
            pairs.append({"old_global_id": gid, "new_global_id": gid, "how": "global_id"})
            done_old.add(gid)
            done_new.add(gid)
    left_old = old[~old["global_id"].isin(done_old)]
    left_new = new[~new["global_id"].isin(done_new)]
    signed, ambiguous = _match_signatures(left_old, left_new)
    pairs += [{"old_global_id": o, "new_global_id": n, "how": "signature"} for o, n in signed]
    paired_old = done_old | {o for o, _ in signed}
    paired_new = done_new | {n for _, n in signed}
    moved, still = _match_moves(old[~old["global_id"].isin(paired_old)], new[~new["global_id"].isin(paired_new)])
    pairs += [{"old_global_id": o, "new_global_id": n, "how": how} for o, n, how in moved]
    paired_old |= {o for o, _, _ in moved}
    paired_new |= {n for _, n, _ in moved}
    ambiguous = {g: c for g, c in ambiguous.items() if g not in paired_old and g not in paired_new} | still
    pairs += [{"old_global_id": g, "new_global_id": "", "how": ""} for g in old["global_id"] if g not in paired_old]
    pairs += [{"old_global_id": "", "new_global_id": g, "how": ""} for g in new["global_id"] if g not in paired_new]
    return [p for p in pairs if p["old_global_id"] or p["new_global_id"]], ambiguous


def _signature(frame: pd.DataFrame) -> dict:
    return {
        "ids": list(frame["global_id"]),
        "groups": [_group(row) for row in frame[["family", "ifc_class"]].to_dict(orient="records")],
        "centre": frame[["centre_x_m", "centre_y_m", "centre_z_m"]].to_numpy(dtype=float),
        "size": frame[["size_x_m", "size_y_m", "size_z_m"]].to_numpy(dtype=float),
        "volume": frame["net_volume_m3"].to_numpy(dtype=float),
        "ties": frame[["storey", "type_name", "material"]].astype(str).to_numpy(),
    }


def _match_signatures(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Pairs ``(old, new)`` of elements whose geometry agrees within the revision tolerances and
    where each is the other's clearly best candidate; and the elements left with candidates."""
    if old.empty or new.empty:
        return [], {}
    a, b = _signature(old), _signature(new)
    cell = REVISION_POSITION_M
    grid: dict[tuple, list[int]] = defaultdict(list)
    for j, (group, centre) in enumerate(zip(b["groups"], b["centre"])):
        if np.isfinite(centre).all():
            grid[(group, *np.floor(centre / cell).astype(int))].append(j)
    candidates: dict[int, list[tuple[float, int]]] = defaultdict(list)  # old -> [(cost, new)]
    reverse: dict[int, list[tuple[float, int]]] = defaultdict(list)
    offsets = [(x, y, z) for x in (-1, 0, 1) for y in (-1, 0, 1) for z in (-1, 0, 1)]
    for i, (group, centre) in enumerate(zip(a["groups"], a["centre"])):
        if not np.isfinite(centre).all():
            continue
        key = np.floor(centre / cell).astype(int)
        for dx, dy, dz in offsets:
            for j in grid.get((group, key[0] + dx, key[1] + dy, key[2] + dz), ()):
                cost = _cost(a, i, b, j)
                if cost is not None:
                    candidates[i].append((cost, j))
                    reverse[j].append((cost, i))
    pairs: list[tuple[int, int]] = []
    while True:
        for lists in (candidates, reverse):
            for options in lists.values():
                options.sort()
        accepted = [
            (i, options[0][1])
            for i, options in candidates.items()
            if options and _clear(options) and _clear(reverse[options[0][1]]) and reverse[options[0][1]][0][1] == i
        ]
        if not accepted:
            break
        pairs += accepted
        taken_old, taken_new = {i for i, _ in accepted}, {j for _, j in accepted}
        for i in taken_old:
            candidates.pop(i, None)
        for j in taken_new:
            reverse.pop(j, None)
        for i in list(candidates):
            candidates[i] = [(c, j) for c, j in candidates[i] if j not in taken_new]
        for j in list(reverse):
            reverse[j] = [(c, i) for c, i in reverse[j] if i not in taken_old]
    ambiguous = {a["ids"][i]: [b["ids"][j] for _, j in options] for i, options in candidates.items() if options}
    ambiguous |= {b["ids"][j]: [a["ids"][i] for _, i in options] for j, options in reverse.items() if options}
    return [(a["ids"][i], b["ids"][j]) for i, j in pairs], ambiguous


def _match_moves(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[tuple[str, str, str]], dict[str, list[str]]]:
    """Pair, among the elements the signatures left, those a person pairs at a glance: the same
    class, name, type and body, moved (``tolerances.REVISION_GROUP_*``, ``REVISION_SINGLE_MOVE_M``).

    Returns ``([(old, new, how)], ambiguous)``: ``how`` is ``translation`` for a group moved by
    one common translation, ``placement`` for an element with one candidate only; ``ambiguous``
    names the elements left with several candidates."""
    if old.empty or new.empty or not {"name", "type_name"} <= set(old.columns) & set(new.columns):
        return [], {}  # a table made by hand without names: nothing to pair by name
    a, b = _signature(old), _signature(new)
    names_a = list(zip(old["name"].astype(str), old["type_name"].astype(str)))
    names_b = list(zip(new["name"].astype(str), new["type_name"].astype(str)))
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for j, (group, name) in enumerate(zip(b["groups"], names_b)):
        by_key[(group, name)].append(j)
    candidates = []  # (i, j, translation)
    for i, (group, name) in enumerate(zip(a["groups"], names_a)):
        if name[0] in ("", "None", "nan"):
            continue  # a nameless element is never paired by its name
        for j in by_key.get((group, name), ()):
            shift = b["centre"][j] - a["centre"][i]
            distance = float(np.linalg.norm(shift))
            if not np.isfinite(shift).all() or distance > REVISION_GROUP_MOVE_M:
                continue
            sizes = np.abs(a["size"][i] - b["size"][j])
            va, vb = a["volume"][i], b["volume"][j]
            if not np.isfinite(sizes).all() or sizes.max() > REVISION_SIZE_M:
                continue
            if not abs(va - vb) <= max(REVISION_VOLUME_REL * max(va, vb), 1e-9):
                continue
            candidates.append((i, j, shift))
    groups: list[list[tuple[int, int, np.ndarray]]] = []
    for candidate in sorted(candidates, key=lambda c: tuple(np.round(c[2], 4))):
        for group in groups:
            if np.abs(group[0][2] - candidate[2]).max() <= REVISION_GROUP_TOLERANCE_M:
                group.append(candidate)
                break
        else:
            groups.append([candidate])
    taken_old, taken_new, found = set(), set(), []
    for group in sorted(groups, key=len, reverse=True):
        if len(group) < REVISION_GROUP_MIN:
            break
        olds = [i for i, _, _ in group if i not in taken_old]
        news = [j for _, j, _ in group if j not in taken_new]
        if len(olds) < REVISION_GROUP_MIN or len(set(olds)) != len(olds) or len(set(news)) != len(news):
            continue  # one element twice in a translation: not a rigid group
        for i, j, _ in group:
            if i not in taken_old and j not in taken_new:
                found.append((a["ids"][i], b["ids"][j], "translation"))
                taken_old.add(i)
                taken_new.add(j)
    left = [(i, j, s) for i, j, s in candidates if i not in taken_old and j not in taken_new]
    of_old, of_new = defaultdict(list), defaultdict(list)
    for i, j, shift in left:
        if float(np.linalg.norm(shift)) <= REVISION_SINGLE_MOVE_M:
            of_old[i].append(j)
            of_new[j].append(i)
    for i, options in of_old.items():
        if len(options) == 1 and of_new[options[0]] == [i]:
            found.append((a["ids"][i], b["ids"][options[0]], "placement"))
    paired = {o for o, _, _ in found} | {n for _, n, _ in found}
    ambiguous = {
        a["ids"][i]: [b["ids"][j] for j in options]
        for i, options in of_old.items()
        if len(options) > 1 and a["ids"][i] not in paired
    }
    return found, ambiguous


def _cost(a: dict, i: int, b: dict, j: int) -> float | None:
    """How far new element ``j`` is from old element ``i`` (metres, plus a tie penalty per
    differing storey, type or material), or None when it is no candidate."""
    distance = float(np.linalg.norm(a["centre"][i] - b["centre"][j]))
    if distance > REVISION_POSITION_M:
        return None
    sizes = np.abs(a["size"][i] - b["size"][j])
    if not np.isfinite(sizes).all() or sizes.max() > REVISION_SIZE_M:
        return None
    va, vb = a["volume"][i], b["volume"][j]
    if not (math.isnan(va) and math.isnan(vb)) and not abs(va - vb) <= max(REVISION_VOLUME_REL * max(va, vb), 1e-9):
        return None
    ties = int((a["ties"][i] != b["ties"][j]).sum())
    return distance + float(sizes.max()) + REVISION_TIE_PENALTY_M * ties


def _clear(options: list[tuple[float, int]]) -> bool:
    """The first candidate is clearly better than the second (or alone)."""
    return len(options) == 1 or options[1][0] - options[0][0] >= REVISION_CLEAR_MARGIN_M


# --- what changed ---------------------------------------------------------------------------------


def get_changes(old: dict, new: dict) -> tuple[str, list[str]]:
    """``(status, changes)`` of a pair of element rows: ``changed`` (a quantity moved; a class
    change is listed too), ``reclassified`` (only the class changed), ``moved`` or
    ``unchanged``, and the list of what differs (``"length_m: 5 -> 6"``, attributes included: a
    renamed type alone leaves the element unchanged, said in ``changes``; :func:`compare` makes
    it ``changed`` when it moves the element between work items)."""
    changes = []
    for column in QUANTITY_COLUMNS:
        a, b = old.get(column), new.get(column)
        if _quantity_differs(a, b):
            changes.append(Message("change.value", column=Column(column), old=_show(a), new=_show(b)))
    quantities = bool(changes)
    for column in ATTRIBUTES:
        a, b = _attribute(old.get(column)), _attribute(new.get(column))
        if a != b:
            changes.append(Message("change.value", column=Column(column), old=a or NONE, new=b or NONE))
    reclassified = get_class_key(old["ifc_class"]) != get_class_key(new["ifc_class"])
    if reclassified:
        changes.insert(
            0, Message("change.value", column=Column("ifc_class"), old=old["ifc_class"], new=new["ifc_class"])
        )
    moved = []
    if _attribute(old.get("storey")) != _attribute(new.get("storey")):
        moved.append(Message("change.value", column=Column("storey"), old=old.get("storey"), new=new.get("storey")))
    shift = _shift(old, new)
    if shift > REVISION_MOVE_M:
        moved.append(Message("change.moved", distance=Number(shift, ".3f")))
    changes += moved
    if quantities:
        return "changed", changes
    if reclassified:
        return "reclassified", changes
    return ("moved" if moved else "unchanged"), changes


def _quantity_differs(a, b) -> bool:
    a = math.nan if a is None else float(a)
    b = math.nan if b is None else float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) != math.isnan(b)
    return abs(a - b) > max(REVISION_CHANGE_REL * max(abs(a), abs(b)), REVISION_CHANGE_ABS)


def _attribute(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _show(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NONE
    return f"{float(value):.6g}"


def _shift(old: dict, new: dict) -> float:
    a = np.array([old.get(c) for c in LOCATION_COLUMNS[:3]], dtype=float)
    b = np.array([new.get(c) for c in LOCATION_COLUMNS[:3]], dtype=float)
    distance = float(np.linalg.norm(a - b))
    return distance if math.isfinite(distance) else 0.0


def _rows(frame: pd.DataFrame, columns: list[str]) -> dict[str, dict]:
    """GlobalId -> the element's ``columns``, a missing value as None (so that two rows of the
    same values compare equal)."""
    values = [[None if v is None or v != v else v for v in frame[c].tolist()] for c in columns]
    return {gid: dict(zip(columns, row)) for gid, row in zip(frame["global_id"], zip(*values))}


def compare_elements(old: pd.DataFrame, new: pd.DataFrame, pairs: list[dict], ambiguous: dict) -> pd.DataFrame:
    """One row per element of either revision: its status, how it was matched, what changed."""
    compared = ["ifc_class", "name", "storey", *QUANTITY_COLUMNS, *ATTRIBUTES[1:], *LOCATION_COLUMNS]
    old_rows, new_rows = _rows(old, compared), _rows(new, compared)
    rows = []
    for pair in pairs:
        o, n = old_rows.get(pair["old_global_id"]), new_rows.get(pair["new_global_id"])
        if o is not None and n is not None:
            # the same values exactly (most elements of a revision): unchanged, nothing to list
            status, changes = ("unchanged", []) if o == n else get_changes(o, n)
        elif (pair["old_global_id"] or pair["new_global_id"]) in ambiguous:
            status = "ambiguous"
            others = ambiguous[pair["old_global_id"] or pair["new_global_id"]]
            changes = [Message("change.candidates", ids=", ".join(others))]
        else:
            status, changes = ("removed" if o is not None else "added"), []
        shown = n if n is not None else o
        rows.append(
            {
                "old_global_id": pair["old_global_id"],
                "new_global_id": pair["new_global_id"],
                "ifc_class": shown["ifc_class"],
                "name": shown["name"],
                "storey": shown["storey"],
                "status": status,
                "how": pair["how"],
                "changes": Joined(changes),
            }
        )
    elements = pd.DataFrame(rows, columns=REVISION_ELEMENT_COLUMNS)
    # what changed stays Messages (pandas would make them plain text): the writers say it in French
    elements["changes"] = pd.Series([row["changes"] for row in rows], index=elements.index, dtype=object)
    return elements


# --- per work item, priced -------------------------------------------------------------------------


def compare_work(
    old: WorkItems,
    new: WorkItems,
    elements: pd.DataFrame,
    prices: dict[str, Price] | None,
    contract_quantities: dict[str, float] | None = None,
    bill_omissions: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(items, trace)``: per work item, old and new quantities rounded to 2 decimals (the
    contract's quantity for the old one when given), the delta and its split by element status,
    the unit price and the delta's amount ROUND(delta x price, 2); per item and element, the
    contributions before and after.

    Omissions and re-readings (:func:`get_omissions`) are in the delta and in
    ``omitted_quantity``, and out of the amount unless ``bill_omissions``: the amount is
    ROUND((delta - omitted) x price, 2)."""
    status_old = {r["old_global_id"]: r for r in elements.to_dict(orient="records") if r["old_global_id"]}
    status_new = {r["new_global_id"]: r for r in elements.to_dict(orient="records") if r["new_global_id"]}
    before = _contributions(old.trace)
    after = _contributions(new.trace)
    omitted_pairs = get_omissions(old, new, elements)
    trace_rows, splits = [], defaultdict(lambda: defaultdict(float))
    counts = defaultdict(lambda: defaultdict(int))
    keys: dict[str, set[tuple[str, str]]] = defaultdict(set)  # code -> {(old, new) GlobalIds}
    for code, gid in before:
        row = status_old.get(gid)
        keys[code].add((gid, row["new_global_id"] if row else ""))
    for code, gid in after:
        row = status_new.get(gid)
        keys[code].add((row["old_global_id"] if row else "", gid))
    for code, pairs in keys.items():
        for old_gid, new_gid in sorted(pairs):
            a = before.get((code, old_gid), 0.0) if old_gid else 0.0
            b = after.get((code, new_gid), 0.0) if new_gid else 0.0
            row = status_new.get(new_gid) or status_old.get(old_gid)
            status = row["status"] if row else "added"
            part = {"added": "added", "removed": "removed", "ambiguous": "ambiguous"}.get(status, "changed")
            splits[code][part] += b - a  # every part, so that the parts add up to the delta
            if not _quantity_differs(a, b):
                continue
            counts[code][part] += 1
            kind = omitted_pairs.get((old_gid, new_gid))
            if kind:
                splits[code]["omitted"] += b - a
                counts[code]["omitted"] += 1
                status = kind
            trace_rows.append(
                {
                    "code": code,
                    "old_global_id": old_gid,
                    "new_global_id": new_gid,
                    "ifc_class": row["ifc_class"] if row else "",
                    "name": row["name"] if row else "",
                    "status": status,
                    "old_contribution": round(a, 6),
                    "new_contribution": round(b, 6),
                    "delta": round(b - a, 6),
                }
            )
    new_items = new.items.set_index("code")
    rows = []
    for item in old.items.to_dict(orient="records"):
        code = item["code"]
        measured_old = _rounded(item["quantity"])
        old_quantity = (
            cents(contract_quantities[code]) if contract_quantities and code in contract_quantities else measured_old
        )
        new_quantity = _rounded(new_items.loc[code, "quantity"]) if code in new_items.index else Decimal(0)
        delta = new_quantity - old_quantity
        omitted = Decimal(0) if bill_omissions else _rounded(splits[code]["omitted"])
        price = (prices or {}).get(code)
        amount = cents((delta - omitted) * to_decimal(price.unit_price)) if price is not None else None
        rows.append(
            {
                "code": code,
                "lot": item["lot"],
                "label": item["label"],
                "unit": item["unit"],
                "old_quantity": float(old_quantity),
                "new_quantity": float(new_quantity),
                "delta_quantity": float(delta),
                "unit_price": price.unit_price if price is not None else math.nan,
                "delta_amount": float(amount) if amount is not None else math.nan,
                "new_price": price is None and prices is not None and delta != 0,
                "added_quantity": round(splits[code]["added"], 6),
                "removed_quantity": round(splits[code]["removed"], 6),
                "changed_quantity": round(splits[code]["changed"], 6),
                "ambiguous_quantity": round(splits[code]["ambiguous"], 6),
                "added_elements": counts[code]["added"],
                "removed_elements": counts[code]["removed"],
                "changed_elements": counts[code]["changed"],
                "ambiguous_elements": counts[code]["ambiguous"],
                "measured_old_quantity": float(measured_old),
                "omitted_quantity": round(splits[code]["omitted"], 6),
                "omitted_elements": counts[code]["omitted"],
            }
        )
    return pd.DataFrame(rows, columns=REVISION_ITEM_COLUMNS), pd.DataFrame(trace_rows, columns=REVISION_TRACE_COLUMNS)


OMISSION, REREAD = "omission", "re-read"


def get_omissions(old: WorkItems, new: WorkItems, elements: pd.DataFrame) -> dict[tuple[str, str], str]:
    """``{(old GlobalId, new GlobalId): "omission" or "re-read"}``: pairs whose work items
    changed without the works changing, which a lump-sum contract does not bill as a change:

    - ``omission``: the element was in the contract's model but fed no item, or only lines
      still to be specified (a stair of material "Solid"); the new model says what it is;
    - ``re-read``: only its class changed, with the same body (a rafter exported as IfcBeam,
      then as IfcMember), and with it the items it feeds.
    """
    fed_old = old.trace.groupby("global_id")["code"].agg(set).to_dict()
    fed_new = new.trace.groupby("global_id")["code"].agg(set).to_dict()
    labels = dict(zip(old.items["code"], old.items["label"]))
    found = {}
    for row in elements.to_dict(orient="records"):
        old_gid, new_gid = row["old_global_id"], row["new_global_id"]
        if not old_gid or not new_gid:
            continue
        before, after = fed_old.get(old_gid, set()), fed_new.get(new_gid, set())
        if before == after or not after:
            continue
        if all(old.ruleset.is_placeholder(labels.get(code, "")) for code in before):
            found[(old_gid, new_gid)] = OMISSION
        elif row["status"] == "reclassified":
            found[(old_gid, new_gid)] = REREAD
    return found


def _contributions(trace: pd.DataFrame) -> dict[tuple[str, str], float]:
    """(code, GlobalId) -> the element's contribution to the item (its layers summed)."""
    found: dict[tuple[str, str], float] = defaultdict(float)
    for code, gid, value in zip(trace["code"], trace["global_id"], trace["contribution"]):
        if value == value and value is not None:  # NaN: a missing value, counted in missing_values
            found[(code, gid)] += float(value)
    return found


def _rounded(value) -> Decimal:
    return cents(value) if value == value and value is not None else Decimal(0)


def get_totals(items: pd.DataFrame, vat_pct: float) -> dict:
    """Plus-value (sum of the positive amounts), moins-value (of the negative ones, as a
    positive number), total excl. VAT = plus - moins, VAT = ROUND(total x rate, 2), total incl."""
    amounts = [to_decimal(a) for a in items["delta_amount"] if a == a]
    plus = sum((a for a in amounts if a > 0), Decimal(0))
    minus = -sum((a for a in amounts if a < 0), Decimal(0))
    total = plus - minus
    vat = cents(total * to_decimal(vat_pct) / 100)
    return {
        "plus_value": float(plus),
        "minus_value": float(minus),
        "total_excl_vat": float(total),
        "vat_pct": vat_pct,
        "vat": float(vat),
        "total_incl_vat": float(total + vat),
        "new_prices": int(items["new_price"].sum()),
        "complete": not bool(items["new_price"].any()),
    }


def compare(
    before: Takeoff,
    after: Takeoff,
    old_work: WorkItems,
    new_work: WorkItems,
    *,
    prices: dict[str, Price] | None,
    manual: list[ManualLine] = (),
    contract: Contract | None = None,
    vat_pct: float = 20.0,
    bill_omissions: bool = False,
) -> Revision:
    """The revision from two takeoffs and their work items under one rule set, priced with
    ``prices`` (None: quantities only); with a ``contract``, its quantities are the old ones.
    Omissions and re-readings are listed and not billed unless ``bill_omissions``."""
    pairs, ambiguous = match_elements(before.elements, after.elements, manual)
    elements = compare_elements(before.elements, after.elements, pairs, ambiguous)
    quantities = contract.quantities if contract else None
    items, trace = compare_work(old_work, new_work, elements, prices, quantities, bill_omissions)
    _changed_in_the_bill(elements, trace)
    mapping = pd.DataFrame(pairs, columns=MAP_COLUMNS)
    currencies = {p.currency for p in (prices or {}).values()}
    return Revision(
        items=items,
        elements=elements,
        map=mapping,
        trace=trace,
        new_prices=items[items["new_price"]][NEW_PRICE_COLUMNS].reset_index(drop=True),
        totals=get_totals(items, vat_pct) | _omitted(items, trace, bill_omissions),
        currency=next(iter(currencies)) if len(currencies) == 1 else "EUR",
        info={"statuses": {s: int((elements["status"] == s).sum()) for s in STATUSES}},
    )


def _omitted(items: pd.DataFrame, trace: pd.DataFrame, billed: bool) -> dict:
    """What the omissions and re-readings would bill at the contract's prices (ROUND(quantity x
    price, 2) per line), how many elements, and whether they are in the totals."""
    amount = sum(
        (
            cents(to_decimal(q) * to_decimal(p))
            for q, p in zip(items["omitted_quantity"], items["unit_price"])
            if q and p == p
        ),
        Decimal(0),
    )
    said = trace[trace["status"].isin((OMISSION, REREAD))]
    elements = len(set(zip(said["old_global_id"], said["new_global_id"])))
    return {"omitted_amount": float(amount), "omitted_elements": elements, "omissions_billed": billed}


def say_omissions(totals: dict, currency: str) -> list[Message]:
    """The warning a client should read on the change order."""
    count = totals.get("omitted_elements") or 0
    if not count:
        return []
    amount = Amount(totals["omitted_amount"], currency)
    which = "omissions.billed" if totals.get("omissions_billed") else "omissions.apart"
    return [Message(which, count=count, amount=amount)]


def _changed_in_the_bill(elements: pd.DataFrame, trace: pd.DataFrame) -> None:
    """Say, on each matched element whose contribution moved, which work items it fed before
    and after (``work items: (none) -> 06.02.01``) when they differ; a pair left ``unchanged``
    or ``moved`` whose contribution moved (another material, a storey a rule selects on) is
    ``changed``: it changes the bill."""
    both = trace[(trace["old_global_id"] != "") & (trace["new_global_id"] != "")]
    if both.empty:
        return
    fed: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for row in both.to_dict(orient="records"):
        before, after = fed.setdefault((row["old_global_id"], row["new_global_id"]), ([], []))
        if row["old_contribution"]:
            before.append(row["code"])
        if row["new_contribution"]:
            after.append(row["code"])
    for index, row in elements.iterrows():
        key = (row["old_global_id"], row["new_global_id"])
        if key not in fed:
            continue
        before, after = fed[key]
        if row["status"] in ("unchanged", "moved"):  # a reclassified one stays so: its class moved it
            elements.loc[index, "status"] = "changed"
            trace.loc[(trace["old_global_id"] == key[0]) & (trace["new_global_id"] == key[1]), "status"] = "changed"
        if set(before) != set(after):
            note = Message("change.items", before=", ".join(before) or NONE, after=", ".join(after) or NONE)
            elements.at[index, "changes"] = Joined(
                [*getattr(row["changes"], "parts", [row["changes"]] if row["changes"] else []), note]
            )


def check_manual(pairs: list[dict], old: pd.DataFrame, new: pd.DataFrame) -> list[Message]:
    """Manual pairs a signature would not make (another family, or out of the tolerances),
    kept as the person paired them and said."""
    old_rows, new_rows = old.set_index("global_id"), new.set_index("global_id")
    said = []
    for pair in pairs:
        if pair["how"] != "manual" or not pair["old_global_id"] or not pair["new_global_id"]:
            continue
        a, b = old_rows.loc[pair["old_global_id"]], new_rows.loc[pair["new_global_id"]]
        why = []
        if _group(a) != _group(b):
            why.append(Message("manual.paired_with", old=a["ifc_class"], new=b["ifc_class"]))
        shift = _shift(a.to_dict(), b.to_dict())
        if shift > REVISION_POSITION_M:
            why.append(Message("manual.apart", distance=Number(shift, ".2f")))
        if why:
            names = f"{a['name']} -> {b['name']}"
            said.append(Message("manual.kept", names=names, why=Joined(why, ", ")))
    return said


def check_contract(contract: Contract, items: pd.DataFrame, ruleset_name: str, old_file: str | None) -> list[Message]:
    """What makes a contract doubtful as the basis of this revision: another rule set, another
    model file, quantities that are not the old model's."""
    said = []
    if contract.ruleset and contract.ruleset != ruleset_name:
        said.append(Message("contract.other_rules", contract=contract.ruleset, rules=ruleset_name))
    old_name = Path(old_file or "").name
    if contract.model and old_name and Path(contract.model).name != old_name:
        said.append(Message("contract.other_model", contract=Path(contract.model).name, model=old_name))
    off = [
        Message(
            "contract.quantity_pair",
            code=row["code"],
            contract=Number(row["old_quantity"]),
            model=Number(row["measured_old_quantity"]),
        )
        for row in items.to_dict(orient="records")
        if row["code"] in contract.quantities and abs(row["old_quantity"] - row["measured_old_quantity"]) > 0.005
    ]
    if off:
        shown = Joined(off[:5], ", ") if len(off) <= 5 else Joined([Joined(off[:5], ", "), "..."], " ")
        said.append(Message("contract.quantities_differ", n=len(off), shown=shown))
    return said


def say_price_source(info: dict, locale: str = "en") -> str:
    """Where a revision's unit prices come from, in ``locale``."""
    basis = info.get("price_basis") if info.get("price_basis") in PRICE_BASES else "none"
    return say(f"price_basis.{basis}", locale, file=Path(info.get("price_file") or "").name)
