"""The HTML report: one self-contained file with the estimate's tables, charts and a 3D view.

Everything the page needs is inside it: the styles, the data (one JSON block), the meshes
(:mod:`bimquant.report.scene`), the viewer script and three.js, vendored from its npm package
(``report/viewer/three.min.js``, rebuilt by ``tools/vendor_three.sh``, MIT licence beside it).
A Content-Security-Policy forbids the page any network access, so it opens the same from an
e-mail, a USB stick or a machine without internet.

Text from the model (names, storeys, materials) only ever reaches the page inside the data
block (JSON compressed with the meshes, then base64: no ``<`` can end the script element) and
``textContent`` in the viewer, never as HTML.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
import os
import re
from importlib import metadata, resources
from pathlib import Path

import numpy as np
import pandas as pd

from bimquant.columns import LINE_COLUMNS, QUANTITY_COLUMNS
from bimquant.errors import OutputError
from bimquant.labels import header
from bimquant.report.atomic import check_output, write_atomically
from bimquant.report.tables import json_default, records
from bimquant.diff import Revision
from bimquant.view import View
from bimquant.messages import Message, say, section

# element statuses, in the order of the status colour legend
STATUSES = (
    "priced_once",
    "double_counted",
    "value_unknown",
    "not_priced",
    "geometry_failed",
    "not_building_work",
    "represented_by_parts",
    "represented_by_parent",
    "removed",
)
DIFF_STATUSES = ("unchanged", "changed", "moved", "reclassified", "added", "removed", "ambiguous")
# the estimate's line columns the page shows (the cost split and the source stay in the DPGF)
ITEM_COLUMNS = [c for c in LINE_COLUMNS if c not in ("currency", "labour", "material", "equipment", "source")]


def check_report_output(path: str | os.PathLike, inputs: dict | None = None) -> None:
    """Refuse now an output that cannot be written, is one of ``inputs`` or is not ``.html``."""
    check_output(path, "html", inputs)
    if Path(path).suffix.lower() not in (".html", ".htm"):
        raise OutputError(Message("error.html.not_html", name=Path(path).name), Message("hint.html.name_report"))


def write_html(view: View, path: str | os.PathLike, *, inputs: dict | None = None) -> list[Path]:
    """Write ``view`` as one self-contained HTML file, atomically; return ``[path]``."""
    path = Path(path)
    check_report_output(path, inputs)
    page = render(view)

    def writer(temporary: Path) -> None:
        temporary.write_text(page, encoding="utf-8")

    return write_atomically([(path, writer)])


def render(view: View) -> str:
    """The report's HTML text."""
    viewer = resources.files("bimquant.report") / "viewer"
    template = (viewer / "template.html").read_text(encoding="utf-8")
    locale = "fr" if view.budget.info.get("language") == "fr" else "en"
    parts = {
        "LANG": locale,
        "TITLE": _escape_html(view.info.get("title", "bimquant")),
        "TOOOLD": _escape_html(say("viewer.too_old", locale)),
        "STYLE": (viewer / "viewer.css").read_text(encoding="utf-8"),
        "DATA": pack(payload(view), view.scene.payload()[1]),
        "THREE": (viewer / "three.min.js").read_text(encoding="utf-8"),
        "VIEWER": (viewer / "viewer.js").read_text(encoding="utf-8"),
    }
    # one pass: a marker written inside the data (a model's names) is never expanded
    return re.sub(r"/\*@([A-Z]+)@\*/", lambda match: parts[match.group(1)], template)


def pack(data: dict, arrays: dict[str, np.ndarray]) -> str:
    """The page's data as one base64 text: gzip of ``[JSON length, 4 bytes][JSON, padded to 4
    bytes][each array, padded to 4 bytes]``, the arrays' places in ``data["arrays"]`` (name ->
    ``[offset, length, type]`` from the first array). Base64 has no ``<``: nothing from the model
    can end the script element, and the JSON inside is compressed with the meshes (a 100,000
    element model's tables shrink about fivefold)."""
    binary, places = bytearray(), {}
    for name, array in arrays.items():
        raw = np.ascontiguousarray(array).tobytes()
        places[name] = [len(binary), len(raw), array.dtype.str.lstrip("<|")]
        binary += raw + b"\0" * (-len(raw) % 4)
    text = json.dumps(
        _clean({**data, "arrays": places}),
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
        default=json_default,
    )
    encoded = text.encode("utf-8")
    encoded += b" " * (-len(encoded) % 4)
    whole = len(encoded).to_bytes(4, "little") + encoded + bytes(binary)
    return base64.b64encode(gzip.compress(whole, compresslevel=6, mtime=0)).decode("ascii")


def unpack(text: str) -> tuple[dict, dict[str, np.ndarray]]:
    """:func:`pack`'s inverse: ``(data, arrays)`` (the tests read a page with it)."""
    whole = gzip.decompress(base64.b64decode(text))
    size = int.from_bytes(whole[:4], "little")
    data = json.loads(whole[4 : 4 + size].decode("utf-8"))
    start = 4 + size
    arrays = {
        name: np.frombuffer(whole, dtype="<" + kind, count=length // np.dtype(kind).itemsize, offset=start + offset)
        for name, (offset, length, kind) in data["arrays"].items()
    }
    return data, arrays


def payload(view: View) -> dict:
    """The JSON the page reads: header, summary, tables, elements and meshes."""
    budget, work = view.budget, view.budget.work
    language = budget.info.get("language") or "en"
    locale = "fr" if language == "fr" else "en"
    elements = view.elements
    index = {gid: i for i, gid in enumerate(elements["global_id"])}
    lines = budget.lines
    item_index = {code: i for i, code in enumerate(lines["code"])}
    trace = budget.trace if len(budget.trace) else (work.trace if work is not None else pd.DataFrame())
    feeds, formulas = [], {}
    for row in trace.itertuples(index=False):
        if row.global_id in index and row.code in item_index:
            formula = formulas.setdefault(row.formula, len(formulas))
            feeds.append([index[row.global_id], item_index[row.code], _shown(row.contribution), formula, row.values])
    # one row per shown element (a duplicated GlobalId keeps its first row, as the view does)
    measured = view.takeoff.elements.drop_duplicates("global_id").set_index("global_id")
    quantity_columns = [c for c in QUANTITY_COLUMNS if c in measured.columns and measured[c].notna().any()]
    shown = measured.reindex(elements["global_id"])[quantity_columns].astype(float).round(6)
    quantities = {column: [_number(v) for v in shown[column].tolist()] for column in quantity_columns}
    # the revision's statuses in legend order, then any other it gives (moved, reclassified...)
    diff_statuses = list(dict.fromkeys([*DIFF_STATUSES, *(s for s in elements["diff_status"] if s)]))
    classes, class_codes = _codes(elements["ifc_class"])
    names, name_codes = _codes(elements["name"])
    storeys, storey_codes = _codes(elements["storey"])
    info = budget.info
    return {
        "header": {
            **view.info,
            "version": _version(),
            "ruleset": info.get("ruleset"),
            # the price library's name only: the page is sent outside, its folders stay here
            "prices": Path(info["prices"]).name if info.get("prices") else None,
        },
        "language": locale,
        "words": section("viewer")[locale],
        "currency": budget.currency,
        "summary": {
            "coverage": info.get("coverage") or {},
            "totals": budget.totals,
            "client_totals": budget.client_totals,
            "ratios": budget.ratios,
            "measured": int(view.takeoff.info.get("elements_measured", len(view.takeoff.elements))),
            "failed": len(view.takeoff.failures),
            "excluded": len(view.takeoff.excluded),
            "unmapped": len(work.unmapped) if work is not None else 0,
        },
        "warnings": _warnings(view),
        "items": _records(lines, ITEM_COLUMNS),
        "item_elements": _item_elements(lines, work),
        "lots": _records(budget.lots, ["lot", "amount", "share", "items", "unpriced_items"]),
        "by_storey": [
            {**row, "storey": row.get("storey") or ""}
            for row in _records(
                work.by_storey if work is not None else pd.DataFrame(), ["code", "storey", "quantity", "elements"]
            )
        ],
        "storey_order": [storey or "" for storey in work.storeys] if work is not None else [],
        "elements": {
            "global_id": list(elements["global_id"]),
            "classes": classes,
            "ifc_class": class_codes,
            "names": names,
            "name": name_codes,
            "storeys": storeys,
            "storey": storey_codes,
            "statuses": list(STATUSES),
            "status": [STATUSES.index(s) for s in elements["status"]],
            "diff_statuses": diff_statuses,
            "diff_status": [diff_statuses.index(s) if s else -1 for s in elements["diff_status"]],
            "suspect": {str(i): flags for i, flags in enumerate(elements["suspect"]) if flags},
            "reason": {str(i): reason for i, reason in enumerate(elements["reason"]) if reason},
        },
        "quantity_headers": {column: header(column, locale) for column in quantity_columns},
        "quantities": quantities,
        "feeds": feeds,
        "formulas": list(formulas),
        "diff": _diff(view.revision),
        "plan": _plan(view),
        "scene": view.scene.payload()[0],
    }


def _plan(view: View) -> dict | None:
    """The works schedule for the page: its tasks (with the rows of the elements each builds),
    milestones and manpower; None without a plan."""
    plan = view.plan
    if plan is None:
        return None
    index = {gid: i for i, gid in enumerate(view.elements["global_id"])}
    members: dict[str, list[int]] = {}
    for row in plan.task_elements.to_dict(orient="records"):
        if row["global_id"] in index:
            members.setdefault(row["task"], []).append(index[row["global_id"]])
    columns = ["task", "code", "label", "lot", "location", "workers", "duration_days", "start", "finish", "critical"]
    tasks = [
        {**{c: row[c] for c in columns}, "critical": bool(row["critical"]), "members": members.get(row["task"], [])}
        for row in plan.tasks.to_dict(orient="records")
    ]
    lots = [c for c in plan.manpower.columns if c not in ("week", "monday", "total", "peak")]
    manpower = [
        {
            "monday": row["monday"],
            "week": row["week"],
            "lots": [float(row[lot]) for lot in lots],
            "peak": int(row["peak"]),
        }
        for row in plan.manpower.to_dict(orient="records")
    ]
    milestones = [m for m in plan.milestones.to_dict(orient="records") if isinstance(m["date"], str)]
    locale = "fr" if view.budget.info.get("language") == "fr" else "en"
    return {
        "info": {k: plan.info[k] for k in ("start", "finish", "working_days", "peak_workers")},
        "tasks": tasks,
        "lots": lots,
        "manpower": manpower,
        "milestones": [
            {"name": say(f"value.milestone.{m['milestone']}", locale), "date": m["date"]} for m in milestones
        ],
    }


def _version() -> str:
    try:
        return metadata.version("bimquant")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _item_elements(lines: pd.DataFrame, work) -> list[int]:
    """How many elements each item has, as the estimate counts them (the click test's answer)."""
    if work is None:
        return [0] * len(lines)
    counts = dict(zip(work.items["code"], work.items["elements"]))
    return [int(counts.get(code, 0) or 0) for code in lines["code"]]


def _warnings(view: View) -> list[dict]:
    """``{"kind", "text"}``: the viewer names the kind in the report's language."""
    said = []
    work = view.budget.work
    if work is not None:
        said += [
            {"kind": "rules", "text": f"{row.global_id} {row.name}: {row.message}"}
            for row in work.warnings.itertuples(index=False)
        ]
    said += [{"kind": "file", "text": str(problem)} for problem in view.takeoff.info.get("file_problems") or []]
    said += [{"kind": "assumption", "text": str(a)} for a in view.takeoff.info.get("assumptions") or []]
    if len(view.budget.unpriced):
        said.append({"kind": "unpriced", "text": ", ".join(view.budget.unpriced["code"].astype(str))})
    if len(view.takeoff.failures):
        said.append({"kind": "failed", "text": str(len(view.takeoff.failures))})
    if view.scene.decimated:
        said.append({"kind": "decimated", "text": str(len(view.scene.decimated))})
    revision = view.revision
    if revision is not None and len(revision.elements):
        status = revision.elements["status"]
        added, removed = int((status == "added").sum()), int((status == "removed").sum())
        if added + removed > len(status) / 2:
            old = Path(revision.info.get("old_file") or "").name
            language = view.budget.info.get("language") or "en"
            said.append(
                {
                    "kind": "revision",
                    "text": say(
                        "html.not_a_revision", language, added=added, removed=removed, total=len(status), old=old
                    ),
                }
            )
    return said


def _diff(revision: Revision | None) -> dict | None:
    if revision is None:
        return None
    totals = revision.totals
    return {
        "old_file": Path(revision.info.get("old_file") or "").name,
        "totals": totals,
        "items": _records(
            revision.items[revision.items["delta_quantity"] != 0],
            ["code", "label", "unit", "old_quantity", "new_quantity", "delta_quantity", "delta_amount"],
        ),
    }


def _codes(values: pd.Series) -> tuple[list[str], list[int]]:
    """Dictionary encoding: the distinct texts and each row's index among them."""
    texts = ["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in values]
    distinct = list(dict.fromkeys(texts))
    lookup = {t: i for i, t in enumerate(distinct)}
    return distinct, [lookup[t] for t in texts]


def _records(table: pd.DataFrame, columns: list[str]) -> list[dict]:
    return records(table[[c for c in columns if c in table.columns]])


def _number(value) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _shown(value) -> float | None:
    """A measured value as the page shows it: to the micro-unit (mm3, mm2, mg), which keeps
    the page small without changing a figure it prints."""
    number = _number(value)
    return None if number is None else round(number, 6)


def _clean(value):
    """NaN and infinities as null, at any depth: JSON has neither (numpy scalars are left to
    :func:`~bimquant.report.tables.json_default`)."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, float):
        return _number(value)
    return value


def _escape_html(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
