"""The signed estimate read back: the contract a situation bills, a change order is priced on,
costs are weighed against.

The contract is the JSON ``bimquant estimate`` wrote for the signed revision: its priced lines
(the client view's sale prices, or the direct costs of an internal estimate) and the elements
behind each line (its ``trace``). Accepted change orders (the JSON ``bimquant diff`` wrote) add
lines of their own, ``TS1.<code>``... Every mistake in these files is a
:class:`~bimquant.errors.ContractError` naming the file and the line.

Example::

    >>> signed = load_contract("estimate.json")
    >>> lines = get_contract_lines(signed)  # code, lot, label, unit, quantity, price, amount
    >>> scope = get_scope(signed, lines)  # what a progress file is read against
"""

from __future__ import annotations

import hashlib
import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from bimquant.errors import ContractError
from bimquant.estimate import Price
from bimquant.loaders import read_json, text_of
from bimquant.money import cents, to_decimal
from bimquant.progress import Scope
from bimquant.messages import Message


@dataclass
class Contract:
    """The unit prices and quantities of a signed estimate (the JSON of ``bimquant estimate``)."""

    path: Path
    prices: dict[str, Price]
    quantities: dict[str, float]
    vat_pct: float | None
    currency: str
    view: str
    ruleset: str | None
    model: str | None = None  # the model file the estimate measured
    language: str = "en"
    lines: list[dict] = field(default_factory=list)  # the estimate's lines, as written
    trace: list[dict] = field(default_factory=list)  # the elements behind each line
    storeys: list[str] = field(default_factory=list)  # the model's storeys, lowest first (when written)


def load_contract(path: str | os.PathLike) -> Contract:
    """The unit prices signed: the ``lines`` of an estimate's JSON (``bimquant estimate -o
    estimate.json``). The client view's sale prices (``sale_unit_price``) are what the client
    signed; an internal estimate gives its direct-cost prices (``unit_price``)."""
    path = Path(path)
    hint = Message("hint.contract.pass_estimate")
    data = read_json(path, "contract", hint)
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list) or not isinstance(data.get("info"), dict):
        raise ContractError(Message("error.contract.not_an_estimate", path=path), hint)
    info = data["info"]
    view = info.get("view") if info.get("view") in ("client", "internal") else "internal"
    column = "sale_unit_price" if view == "client" else "unit_price"
    prices, quantities = {}, {}
    currency = text_of(info.get("currency")) or "EUR"
    for number, line in enumerate(data["lines"], start=1):
        where = Message("error.contract.line", path=path, number=number)
        if not isinstance(line, dict) or not text_of(line.get("code")):
            raise ContractError(Message("error.contract.no_code", where=where), hint)
        code = text_of(line["code"])
        quantity = line.get("quantity")
        if not _is_number(quantity):
            said = Message("error.progress.quantity_not_a_number", where=where, code=code, text=repr(quantity))
            raise ContractError(said, hint)
        quantities[code] = float(quantity)
        if not line.get("priced"):
            continue
        price = line.get(column)
        if not _is_number(price) or not 0 <= price <= 1e9:
            said = Message("error.contract.not_a_price", where=where, code=code, column=column, price=repr(price))
            raise ContractError(said, hint)
        prices[code] = Price(code=code, unit=text_of(line.get("unit")), unit_price=float(price), currency=currency)
    rates = info.get("rates") if isinstance(info.get("rates"), dict) else {}
    vat = rates.get("vat_pct")
    return Contract(
        path=path,
        prices=prices,
        quantities=quantities,
        vat_pct=float(vat) if _is_number(vat) else None,
        currency=currency,
        view=view,
        ruleset=text_of(info.get("ruleset")) or None,
        model=text_of(info.get("file")) or None,
        language=text_of(info.get("language")) or "en",
        lines=[line for line in data["lines"] if isinstance(line, dict)],
        trace=[row for row in data.get("trace") or [] if isinstance(row, dict)],
        storeys=[s for s in info.get("storeys") or [] if isinstance(s, str)]
        if isinstance(info.get("storeys"), list)
        else [],
    )


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def get_contract_lines(contract: Contract) -> pd.DataFrame:
    """The billable lines of a contract: priced, with a quantity."""
    rows = []
    for line in contract.lines:
        code = line["code"]
        if code not in contract.prices or not line.get("quantity"):
            continue
        quantity = to_decimal(line["quantity"])
        price = to_decimal(contract.prices[code].unit_price)
        rows.append(
            {
                "code": code,
                "lot": text_of(line.get("lot")),
                "label": text_of(line.get("label")),
                "unit": text_of(line.get("unit")),
                "contract_quantity": quantity,
                "unit_price": price,
                "contract_amount": cents(quantity * price),
            }
        )
    return pd.DataFrame(rows)


def load_changes(
    paths: list[str | os.PathLike], contract_sha256: str | None = None
) -> tuple[pd.DataFrame, list[str], list]:
    """The priced lines of accepted change orders (the JSON ``bimquant diff`` wrote), as lines
    of their own: ``TS1.<code>`` for the first file's items, ``TS2.<code>`` for the second's...
    (``base_code``: the contract line of the same work). An item without a price (a prix
    nouveau not yet agreed) is not billable: it is left out and listed in the second value. A
    change order priced on another contract, or given twice, is refused; one priced with a
    price library rather than the contract is said in the third value (a :class:`~bimquant.messages.Message`)."""
    rows, unpriced, said, seen = [], [], [], {}
    for number, path in enumerate(paths, start=1):
        path = Path(path)
        hint = Message("hint.contract.pass_change_order")
        data = read_json(path, "change order", hint)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen:
            raise ContractError(
                Message("error.contract.same_change_order", path=path, other=seen[digest]),
                Message("hint.contract.once"),
            )
        seen[digest] = path.name
        info = data.get("info") if isinstance(data, dict) and isinstance(data.get("info"), dict) else {}
        basis = str(info.get("price_basis", ""))
        if (
            basis.startswith("contract")
            and contract_sha256
            and info.get("contract_sha256") not in (None, contract_sha256)
        ):
            raise ContractError(
                Message("error.contract.other_contract", path=path, file=Path(str(info.get("price_file"))).name),
                Message("hint.contract.price_on_this_contract"),
            )
        if basis == "prices":
            said.append(Message("changes.price_library", file=path.name))
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list) or not all(isinstance(i, dict) and "delta_quantity" in i for i in items):
            raise ContractError(Message("error.contract.not_a_change_order", path=path), hint)
        for item in items:
            delta = item.get("delta_quantity")
            if not isinstance(delta, (int, float)) or not delta:
                continue
            code = f"TS{number}.{text_of(item.get('code'))}"
            price = item.get("unit_price")
            if not isinstance(price, (int, float)) or not math.isfinite(price):
                unpriced.append(code)
                continue
            quantity, unit_price = to_decimal(delta), to_decimal(price)
            rows.append(
                {
                    "code": code,
                    "lot": text_of(item.get("lot")),
                    "label": f"TS{number}: {text_of(item.get('label'))}",
                    "unit": text_of(item.get("unit")),
                    "contract_quantity": quantity,
                    "unit_price": unit_price,
                    "contract_amount": cents(quantity * unit_price),
                    "base_code": text_of(item.get("code")),
                }
            )
    return pd.DataFrame(rows), unpriced, said


def get_contributions(contract: Contract, codes: set[str]) -> dict[str, list[tuple[str, str, Decimal]]]:
    """code -> [(GlobalId, storey, contribution)], an element's layers summed."""
    summed: dict[str, dict[str, list]] = defaultdict(dict)
    for row in contract.trace:
        code, gid = row.get("code"), row.get("global_id")
        value = row.get("contribution")
        if code not in codes or not gid or not isinstance(value, (int, float)) or not math.isfinite(value):
            continue
        entry = summed[code].setdefault(gid, [text_of(row.get("storey")), Decimal(0)])
        entry[1] += to_decimal(value)
    return {code: [(gid, s, c) for gid, (s, c) in parts.items()] for code, parts in summed.items()}


def get_scope(contract: Contract, lines: pd.DataFrame) -> Scope:
    """What a progress file is read against: the billable ``lines`` (contract lines, and
    change-order lines with their ``base_code``) and the elements behind each."""
    codes = list(lines["code"]) if len(lines) else []
    base = lines["base_code"] if "base_code" in lines else [None] * len(codes)
    return Scope(
        lots=dict(zip(codes, lines["lot"])) if codes else {},
        quantities=dict(zip(codes, lines["contract_quantity"])) if codes else {},
        contributions=get_contributions(contract, set(codes)),
        base_codes={code: b for code, b in zip(codes, base) if isinstance(b, str) and b},
    )
