"""bimquant report: the self-contained HTML report, its packed meshes, and the page in a browser.

The browser tests drive Debian's ``chromium`` with Playwright (the ``test`` extra), offline; they
skip when no Chromium is installed, except under CI (``CI`` set), where they fail instead: CI
installs it (``.ci/run``). Screenshots go to ``artifacts/`` at the repository root.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import ifcopenshell
import ifcopenshell.api
import ifcopenshell.guid
import ifcopenshell.util.placement
import numpy as np
import pytest
from conftest import HOUSE, ROOT, assert_one_error, run
from measured import SHARED_MODELS

import bimquant
from bimquant.report.html import render, unpack
from bimquant.report.scene import MAX_TRIANGLES, pack_scene

RULES = ROOT / "rules" / "fr-lots.toml"
PRICES = ROOT / "rules" / "fr-prix.csv"
ARTIFACTS = ROOT / "artifacts"
INSTITUTE = SHARED_MODELS / "AC11-Institute-Var-2-IFC.ifc"
DATA = re.compile(r'<script type="application/octet-stream" id="bq-data"[^>]*>(.*?)</script>', re.S)


def box(x0, y0, z0, x1, y1, z1) -> tuple[np.ndarray, np.ndarray]:
    vertices = np.array([[x, y, z] for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)], dtype=float)
    faces = np.array(
        [
            [0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
            [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3],
        ]
    )  # fmt: skip
    return vertices, faces


def sphere(radius: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """A latitude-longitude sphere: ``n`` rings of ``n`` quads, two triangles each (the poles' rings one)."""
    theta, phi = np.meshgrid(np.linspace(0, np.pi, n + 1), np.linspace(0, 2 * np.pi, n, endpoint=False), indexing="ij")
    vertices = radius * np.column_stack(
        [(np.sin(theta) * np.cos(phi)).ravel(), (np.sin(theta) * np.sin(phi)).ravel(), np.cos(theta).ravel()]
    )
    faces = []
    for i in range(n):
        for j in range(n):
            a, b, c, d = i * n + j, i * n + (j + 1) % n, (i + 1) * n + j, (i + 1) * n + (j + 1) % n
            if i > 0:
                faces.append([a, b, d])
            if i < n - 1:
                faces.append([a, d, c])
    return vertices, np.array(faces)


def decoded(scene: tuple[dict, dict]) -> dict[int, np.ndarray]:
    """World vertices of each drawn element from a scene's ``(facts, arrays)``, decoded as the
    viewer decodes them."""
    facts, arrays = scene
    counts = arrays["body_counts"].reshape(-1, 2)
    scales = arrays["body_scales"].reshape(-1, 3).astype(float)
    positions = arrays["positions"].reshape(-1, 3)
    offsets = arrays["instance_offset"].reshape(-1, 3).astype(float)
    starts = np.concatenate([[0], np.cumsum(counts[:, 0])]).astype(int)
    centre = np.array(facts["centre"])
    world = {}
    for k, (element, body) in enumerate(zip(arrays["instance_element"], arrays["instance_body"])):
        world[int(element)] = positions[starts[body] : starts[body + 1]] * scales[body] + offsets[k] + centre
    return world


def page_data(html: str) -> dict:
    return unpack(DATA.search(html).group(1))[0]


def page_scene(html: str) -> tuple[dict, dict]:
    data, arrays = unpack(DATA.search(html).group(1))
    return data["scene"], arrays


# --- the packed scene --------------------------------------------------------------------------


def test_a_body_repeated_by_translation_is_stored_once():
    one, moved, other = box(0, 0, 0, 1, 2, 3), box(10, 20, 30, 11, 22, 33), box(0, 0, 0, 2, 2, 2)
    scene = pack_scene([one, None, moved, other])
    assert len(scene.positions) == 2  # the 1 x 2 x 3 box once, the 2 m cube once
    assert scene.instance_element == [0, 2, 3]
    assert scene.instance_body == [0, 0, 1]
    assert scene.triangles == 36
    # the scene's centre is the middle of its box: x 0..11, y 0..22, z 0..33
    assert scene.centre.tolist() == [5.5, 11.0, 16.5]
    world = decoded(scene.payload())
    for element, (vertices, _) in {0: one, 2: moved, 3: other}.items():
        assert np.abs(world[element] - vertices).max() < 1e-5


def test_georeferenced_coordinates_keep_millimetres():
    far = box(600_000.0, 5_400_000.0, 100.0, 600_001.25, 5_400_000.2, 103.0)
    near = box(600_030.0, 5_400_010.0, 100.0, 600_030.3, 5_400_010.3, 103.0)
    world = decoded(pack_scene([far, near]).payload())
    assert np.abs(world[0] - far[0]).max() < 1e-3
    assert np.abs(world[1] - near[0]).max() < 1e-3


def test_a_body_too_fine_to_draw_is_simplified_within_its_box():
    scene = pack_scene([sphere(2.0, 200)])  # 79,600 triangles
    assert scene.decimated == [0]
    assert 1000 < scene.triangles <= MAX_TRIANGLES
    drawn = decoded(scene.payload())[0]
    assert np.abs(np.abs(drawn).max(axis=0) - 2.0).max() < 0.1  # still a sphere of radius 2


# --- the page ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def house_view():
    return bimquant.report_view(HOUSE, RULES, PRICES, cache=False)


def test_the_page_carries_the_estimate_and_needs_nothing_outside(house_view, tmp_path):
    html = render(house_view)
    data = page_data(html)
    budget = bimquant.estimate(HOUSE, RULES, PRICES, cache=False)
    bimquant.write(budget, tmp_path / "estimate.json")
    estimate = json.loads((tmp_path / "estimate.json").read_text(encoding="utf-8"))
    keys = ("code", "lot", "label", "unit", "quantity", "unit_price", "amount", "sale_unit_price", "sale_amount")
    shown = [{k: row[k] for k in keys} for row in data["items"]]
    assert shown == [{k: row[k] for k in keys} for row in estimate["lines"]]
    assert data["lots"] == [{k: row[k] for k in data["lots"][0]} for row in estimate["lots"]]
    assert data["summary"]["totals"]["total_excl_vat"] == estimate["info"]["totals"]["total_excl_vat"]
    # the 19 measured elements of the sample house, each drawn
    assert len(data["elements"]["global_id"]) == 19
    assert data["scene"]["instances"] == 19
    assert "default-src 'none'" in html  # the Content-Security-Policy: no network at all
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=""", html)
    assert data["header"]["sha256"] == __import__("hashlib").sha256(HOUSE.read_bytes()).hexdigest()


def test_text_from_the_model_never_becomes_markup(tmp_path):
    model = ifcopenshell.open(str(HOUSE))
    wall = next(e for e in model.by_type("IfcWall") if e.Name.startswith("W1 "))
    hostile = '</script><script>alert("W1")</script><!--'
    wall.Name = hostile
    model.by_type("IfcBuildingStorey")[0].Name = "<img src=x onerror=alert(1)> /*@DATA@*/"
    path = tmp_path / "hostile.ifc"
    model.write(str(path))
    html = render(bimquant.report_view(path, RULES, PRICES, cache=False))
    assert html.count("</script>") == 3  # the template's own three: data, three.js, viewer
    assert "<img src=x" not in html and 'alert("W1")</script>' not in html
    data = page_data(html)
    assert hostile in data["elements"]["names"]
    assert any(s.startswith("<img src=x") for s in data["elements"]["storeys"])


def test_the_command_writes_the_report_and_says_what_it_drew(tmp_path):
    out = tmp_path / "rapport.html"
    code, _, err = run("report", HOUSE, "--rules", RULES, "--prices", PRICES, "-o", out, "--no-cache")
    assert code == 0, err
    assert "19 éléments dessinés sur 19" in err and "Écrit" in err
    assert page_data(out.read_text(encoding="utf-8"))["language"] == "fr"


def test_without_prices_the_items_keep_their_quantities(tmp_path):
    out = tmp_path / "quantities.html"
    code, _, err = run("report", HOUSE, "--rules", RULES, "-o", out, "--no-cache")
    assert code == 0, err
    data = page_data(out.read_text(encoding="utf-8"))
    slab = next(item for item in data["items"] if item["code"] == "02.02.01")
    assert slab["quantity"] == 14.72 and slab["priced"] is False and slab["amount"] is None


@pytest.mark.parametrize(
    "output, words",
    [
        (HOUSE, ("refusing to write over the model",)),
        ("report.xlsx", ("HTML file",)),
        ("missing/report.html", ("output folder does not exist",)),
    ],
)
def test_the_command_refuses_an_output_it_cannot_write(tmp_path, output, words):
    before = HOUSE.read_bytes()
    output = output if isinstance(output, Path) else tmp_path / output
    code, _, err = run("report", HOUSE, "--rules", RULES, "-o", output)
    assert code == 6
    assert_one_error(err, *words)
    assert HOUSE.read_bytes() == before
    assert list(tmp_path.iterdir()) == []


def test_a_model_that_cannot_be_read_leaves_the_old_report_alone(tmp_path):
    bad = tmp_path / "broken.ifc"
    bad.write_bytes(HOUSE.read_bytes()[:5000])  # truncated in the middle of its data
    out = tmp_path / "rapport.html"
    out.write_text("the report of last week", encoding="utf-8")
    code, _, err = run("report", bad, "--rules", RULES, "-o", out, "--no-cache")
    assert code == 3
    assert_one_error(err, "broken.ifc")
    assert out.read_text(encoding="utf-8") == "the report of last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.ifc", "rapport.html"]


def test_with_an_older_revision_the_changes_are_coloured(tmp_path):
    old = tmp_path / "v1.ifc"
    shutil.copy(HOUSE, old)
    model = ifcopenshell.open(str(HOUSE))
    slab = next(e for e in model.by_type("IfcSlab") if e.Name.startswith("S1 "))
    removed_id = slab.GlobalId
    ifcopenshell.api.run("root.remove_product", model, product=slab)
    new = tmp_path / "v2.ifc"
    model.write(str(new))
    shown = bimquant.report_view(new, RULES, PRICES, previous=old, cache=False)
    html = render(shown)
    data = page_data(html)
    elements = data["elements"]
    status = {gid: elements["diff_statuses"][k] for gid, k in zip(elements["global_id"], elements["diff_status"])}
    assert status[removed_id] == "removed"  # drawn from the old model, in red
    assert removed_id in elements["global_id"][18:]  # after the 18 elements of the new model
    assert elements["global_id"].index(removed_id) in decoded(page_scene(html))
    assert sum(s == "removed" for s in status.values()) == 1
    assert data["diff"]["totals"]["total_excl_vat"] < 0  # a slab less: a moins-value


def test_a_moved_element_is_coloured_as_moved(tmp_path):
    model = ifcopenshell.open(str(HOUSE))
    wall = next(e for e in model.by_type("IfcWall") if e.Name.startswith("W1 "))
    matrix = ifcopenshell.util.placement.get_local_placement(wall.ObjectPlacement)
    matrix[1, 3] -= 0.5  # 0.5 m outwards, same length, same height
    ifcopenshell.api.run("geometry.edit_object_placement", model, product=wall, matrix=matrix)
    new = tmp_path / "moved.ifc"
    model.write(str(new))
    data = page_data(render(bimquant.report_view(new, RULES, PRICES, previous=HOUSE, cache=False)))
    elements = data["elements"]
    status = dict(zip(elements["global_id"], (elements["diff_statuses"][k] for k in elements["diff_status"])))
    assert status[wall.GlobalId] == "moved"
    assert sum(s != "unchanged" for s in status.values()) == 1


def test_an_unrelated_older_model_is_questioned(tmp_path):
    other = ifcopenshell.open(str(HOUSE))
    for entity in other.by_type("IfcRoot"):
        entity.GlobalId = ifcopenshell.guid.new()
    for element in other.by_type("IfcElement"):
        matrix = ifcopenshell.util.placement.get_local_placement(element.ObjectPlacement)
        matrix[0, 3] += 500.0  # another building, 500 m away
        ifcopenshell.api.run("geometry.edit_object_placement", other, product=element, matrix=matrix)
    previous = tmp_path / "other.ifc"
    other.write(str(previous))
    data = page_data(render(bimquant.report_view(HOUSE, RULES, PRICES, previous=previous, cache=False)))
    said = [w["text"] for w in data["warnings"] if w["kind"] == "revision"]
    assert len(said) == 1 and "other.ifc" in said[0] and "19 éléments ajoutés" in said[0]


def house_without_storeys(folder: Path) -> Path:
    """The sample house with its elements in no storey (as some structural exports are)."""
    model = ifcopenshell.open(str(HOUSE))
    for relation in model.by_type("IfcRelContainedInSpatialStructure"):
        model.remove(relation)
    path = folder / "no-storeys.ifc"
    model.write(str(path))
    return path


# --- in a browser --------------------------------------------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if executable is None:
        reason = "no Chromium or no Playwright: install Debian's chromium and the test extra"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI installs both: see .ci/run)")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
        )
        yield launched
        launched.close()


class Page:
    """A report opened offline (no network), with its console errors and every request it
    tried recorded."""

    def __init__(self, browser, path: Path):
        # bypass_csp: the page's own policy would block a request without showing it; without
        # it, a request the page tries is seen here (the policy is checked in the file itself)
        self.context = browser.new_context(offline=True, bypass_csp=True, viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.bimquant && window.bimquant.ready", timeout=120_000)
        self.url = path.resolve().as_uri()

    def row(self, table_id: str, code: str):
        """The row of ``table_id`` whose code cell holds ``code``."""
        cell = self.page.locator(f'td[data-key="code"][data-value="{code}"]')
        return self.page.locator(f"#{table_id} tbody tr", has=cell)

    def blanks(self) -> list[str]:
        """Words a page shows when a value went missing in its script."""
        return re.findall(r"\b(?:undefined|NaN|null)\b", self.page.locator("body").inner_text())

    def outside(self) -> list[str]:
        return [url for url in self.requests if url != self.url and not url.startswith(("data:", "blob:"))]

    def table(self, table_id: str, keys: list[str]) -> list[dict]:
        return self.page.evaluate(
            """([id, keys]) => [...document.querySelectorAll(`#${id} tbody tr`)].map((tr) => Object.fromEntries(
                 keys.map((k) => [k, tr.querySelector(`td[data-key="${k}"]`)?.dataset.value ?? null])))""",
            [table_id, keys],
        )


def _canvas_colours(page, path: Path) -> tuple[int, float]:
    """(distinct colours, share of pixels not the background) of the 3D view's screenshot."""
    import matplotlib.image

    page.locator("#canvas").screenshot(path=str(path))
    pixels = (matplotlib.image.imread(str(path))[:, :, :3] * 255).round().astype(int).reshape(-1, 3)
    background = np.array([0xEE, 0xF1, 0xF5])
    drawn = np.abs(pixels - background).sum(axis=1) > 12
    return len(np.unique(pixels, axis=0)), float(drawn.mean())


def _drawn_pixel(page, path: Path) -> tuple[int, int]:
    """A point of the 3D view where something is drawn: the drawn pixel nearest its middle."""
    import matplotlib.image

    page.locator("#canvas").screenshot(path=str(path))
    pixels = (matplotlib.image.imread(str(path))[:, :, :3] * 255).round().astype(int)
    drawn = np.abs(pixels - np.array([0xEE, 0xF1, 0xF5])).sum(axis=2) > 12
    rows, columns = np.nonzero(drawn)
    middle = np.array(drawn.shape) / 2
    k = np.argmin((rows - middle[0]) ** 2 + (columns - middle[1]) ** 2)
    return int(columns[k]), int(rows[k])


def test_the_house_report_in_a_browser(browser, house_view, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    path = tmp_path / "house.html"
    bimquant.write_html(house_view, path)
    opened = Page(browser, path)
    page = opened.page
    colours, share = _canvas_colours(page, ARTIFACTS / "report-house-canvas.png")
    assert colours > 20 and share > 0.05, "the 3D view is blank"
    assert page.evaluate("window.bimquant.drawn") == 19
    # clicking a work item lights up as many elements as the item has
    data = page_data(path.read_text(encoding="utf-8"))
    clicked = 0
    for k, item in enumerate(data["items"]):
        expected = data["item_elements"][k]
        if not expected:
            continue
        opened.row("items-table", item["code"]).click()
        assert page.evaluate("window.bimquant.highlighted()") == expected, item["code"]
        count = page.locator("#selection-count").text_content()
        assert count.startswith(f"{expected} élément"), count
        clicked += 1
    assert clicked >= 10
    page.screenshot(path=str(ARTIFACTS / "report-house-item.png"), full_page=True)
    # clicking the model shows the element's quantities and items, as `explain` does
    page.locator("#clear").click()
    x, y = _drawn_pixel(page, tmp_path / "canvas.png")
    page.locator("#canvas").click(position={"x": x, "y": y})
    shown = page.locator("#panel-gid").text_content()
    assert shown in data["elements"]["global_id"]
    index = data["elements"]["global_id"].index(shown)
    fed = {data["items"][f[1]]["code"] for f in data["feeds"] if f[0] == index}
    panel = page.locator("#panel").text_content()
    assert fed and all(code in panel for code in fed)
    assert "null" not in panel and "undefined" not in panel and "NaN" not in panel
    assert page.evaluate("window.bimquant.highlighted()") == 1
    page.screenshot(path=str(ARTIFACTS / "report-house-element.png"))
    # every colouring draws without an error
    for mode in ("lot", "status", "item"):
        page.select_option("#colour-mode", mode)
    assert opened.errors == []
    assert opened.outside() == []
    assert opened.blanks() == []


def test_a_model_without_storeys_or_prices_in_a_browser(browser, tmp_path):
    path = tmp_path / "bare.html"
    code, _, err = run("report", house_without_storeys(tmp_path), "--rules", RULES, "-o", path, "--no-cache", "-q")
    assert code == 0, err
    opened = Page(browser, path)
    assert opened.page.evaluate("window.bimquant.drawn") == 19
    summary = opened.page.locator("#summary").inner_text()
    assert "—" in summary and "0,00 €" not in summary  # no price library: no amount, not a zero
    storeys = opened.table("storeys-table", ["storey", "n"])
    assert storeys == [{"storey": "", "n": "19"}]
    assert "(sans niveau)" in opened.page.locator("#storeys-table").inner_text()
    assert opened.errors == []
    assert opened.blanks() == []


@pytest.mark.real
@pytest.mark.skipif(not INSTITUTE.is_file(), reason="the shared models (../shared/models) are absent")
def test_the_institute_report_opens_offline_with_the_estimates_tables(browser, tmp_path):
    estimate_json, report = tmp_path / "estimate.json", tmp_path / "institute.html"
    code, _, err = run("estimate", INSTITUTE, "--rules", RULES, "--prices", PRICES, "-o", estimate_json, "-q")
    assert code == 0, err
    code, _, err = run("report", INSTITUTE, "--rules", RULES, "--prices", PRICES, "-o", report, "-q")
    assert code == 0, err
    estimate = json.loads(estimate_json.read_text(encoding="utf-8"))
    opened = Page(browser, report)
    keys = ["code", "quantity", "unit_price", "amount", "sale_unit_price", "sale_amount"]
    hidden = opened.table("items-table", keys)
    assert hidden and all(float(row["quantity"]) != 0 for row in hidden)  # items of quantity 0 hidden at first
    opened.page.locator("#show-zero").check()
    shown = opened.table("items-table", keys)
    assert len(shown) == len(estimate["lines"])
    for row, line in zip(shown, estimate["lines"]):
        assert row["code"] == line["code"]
        for key in keys[1:]:
            value = None if row[key] is None else float(row[key])
            assert value == line[key], (line["code"], key)
    lots = opened.table("lots-table", ["lot", "amount", "share", "items"])
    assert [(r["lot"], float(r["amount"]), float(r["share"]), int(r["items"])) for r in lots] == [
        (lot["lot"], lot["amount"], lot["share"], lot["items"]) for lot in estimate["lots"]
    ]
    colours, share = _canvas_colours(opened.page, ARTIFACTS / "report-institute-canvas.png")
    assert colours > 20 and share > 0.05
    assert opened.page.evaluate("window.bimquant.drawn") == estimate["info"]["elements_measured"]
    opened.row("items-table", "02.02.01").click()  # the slabs
    assert opened.page.evaluate("window.bimquant.highlighted()") == 5
    opened.page.screenshot(path=str(ARTIFACTS / "report-institute.png"))
    assert opened.errors == []
    assert opened.outside() == []
    assert opened.blanks() == []


@pytest.mark.parametrize(
    "command, suffix, mistake, code, words",
    [
        ("report", ".html", "rules", 4, ("rules.toml",)),
        ("report", ".html", "prices", 4, ("prices.csv",)),
        ("report", ".html", "previous", 3, ("old.ifc",)),
        ("writeback", ".ifc", "rules", 4, ("rules.toml",)),
        ("writeback", ".ifc", "prices", 4, ("prices.csv",)),
    ],
)
def test_a_bad_rule_price_or_older_model_file_is_one_line_and_writes_nothing(
    tmp_path, command, suffix, mistake, code, words
):
    (tmp_path / "rules.toml").write_text('[[item]]\ncode = "X"\nselect = ', encoding="utf-8")  # cut mid-line
    (tmp_path / "prices.csv").write_text("code,unit,unit_price\n02.02.01,m3,trois cents\n", encoding="utf-8")
    (tmp_path / "old.ifc").write_text("not a model\n", encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    args = [command, HOUSE, "--rules", tmp_path / "rules.toml" if mistake == "rules" else RULES, "-o", out]
    if mistake == "prices":
        args += ["--prices", tmp_path / "prices.csv"]
    if mistake == "previous":
        args += ["--previous", tmp_path / "old.ifc"]
    exit_code, stdout, err = run(*args, "--no-cache")
    assert exit_code == code, err
    assert stdout == ""
    assert_one_error(err, *words)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.ifc", "prices.csv", "rules.toml"]


def test_the_report_with_the_works_schedule(browser, tmp_path):
    """--productivity and --start add the plan: one bar per task (critical ones red), the
    milestones, the manpower per week; a bar selects the elements its task builds."""
    path = tmp_path / "plan.html"
    cadences = ROOT / "rules" / "fr-cadences.toml"
    code, _, err = run(
        "report", HOUSE, "--rules", RULES, "--prices", ROOT / "rules" / "fr-prix.csv",
        "--productivity", cadences, "--start", "2027-04-26", "-o", path, "-q",
    )  # fmt: skip
    assert code == 0, err
    data = page_data(path.read_text(encoding="utf-8"))
    plan = data["plan"]
    assert plan["info"]["finish"] == "2027-06-11" and len(plan["tasks"]) == 21
    walls = next(t for t in plan["tasks"] if t["task"] == "T006")  # 02.03.01 on the ground floor: W1, W2, W3
    assert sorted(data["elements"]["global_id"][i] for i in walls["members"]) == sorted(
        ["0PIDCNaAjIHg4gXtXQt12G", "2SDAeem9LO3vpv4eUuGtsf", "3M40opnSHSLeM$JG6iZTrB"]
    )
    opened = Page(browser, path)
    page = opened.page
    bars = page.locator("#gantt svg rect")
    assert bars.count() == 21
    assert page.locator('#gantt svg rect[fill="#c0392b"]').count() == 20
    bars.nth(5).click()
    assert page.evaluate("window.bimquant.highlighted()") == 3
    text = page.locator("body").inner_text()
    assert "Planning des travaux" in text and "33 jours ouvrés" in text
    page.locator("#gantt").screenshot(path=str(ARTIFACTS / "report-house-gantt.png"))
    assert opened.errors == [] and opened.outside() == [] and opened.blanks() == []
    code, _, err = run("report", HOUSE, "--rules", RULES, "--productivity", cadences, "-o", tmp_path / "x.html")
    assert code == 4 and "--productivity and --start go together" in err
