"""`--locale fr` says everything in French: every command, every output a person reads.

Each command runs once for the module (a module-scoped fixture) on the sample models with
``--locale fr`` (``report`` and ``rules check`` have no such option: they follow the French rule
set's ``language``), writing each format a person opens: XLSX (cells, sheet names, page headers
and footers, comments, chart titles), CSV (every cell, and the companion files written beside
it), the IDS of ``check --ids`` (its instructions) and the texts ``writeback`` adds to the IFC.
Not read: JSON (its keys and values are the data contract), ``OUT.map.csv`` (plain CSV by
design), the HTML report (only its console) and the PNG charts. The console (stdout and
stderr, each table cell on its own) is read too.

A text is English when it holds a word of ``ENGLISH``: function words, verbs and nouns that
French never uses. Before looking, what is not bimquant's own wording is taken out: every
string the sample models hold (names, types, materials, storeys, GlobalIds, property values:
any string attribute of any entity), every value of the input files (rule set, prices,
recipes, progress, costs, deliveries, settings, phases, the material library), file paths, IFC
names (``IfcWall``, ``Qto_WallBaseQuantities.NetVolume``), column names quoted in a sentence
(``gross_volume_m3 after ...``: the sentence is checked, not the name), numbers and formulas. A
whole cell that is a status or a key (``priced_once``, ``omitted_quantity``) is checked word by
word. The failure lists each English sentence once per command, with the run that wrote it and
where: ``console``, ``file:sheet!cell`` or ``file.csv:row:column``, then the other files that
say it again.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import string
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import ifcopenshell
import ifcopenshell.api
import ifcopenshell.util.placement
import openpyxl
import pytest
from conftest import HOUSE, ROOT, run
from test_revisions import add_window, delete_s1, element, lengthen_w1, move_d1_up  # the same revision

from bimquant.messages import CATALOGUE

SAMPLES = ROOT / "sample_models"
HOUSE2X3 = SAMPLES / "house_ifc2x3.ifc"
RESERVES = SAMPLES / "reserves_ifc4.ifc"
RULES = ROOT / "rules" / "fr-lots.toml"
PRICES = ROOT / "rules" / "fr-prix.csv"
RECIPES = ROOT / "rules" / "fr-recettes.toml"
SITUATION = SAMPLES / "situation"
SETTINGS = SITUATION / "reglages.toml"
ACTUALS = SAMPLES / "costs" / "depenses.csv"
DELIVERIES = SAMPLES / "stock" / "livraisons.csv"
PHASES = SAMPLES / "stock" / "phases.toml"
MATERIALS = ROOT / "src" / "bimquant" / "data"  # the shipped material library: names bimquant reads, not says

# Words that are English and never French (nor a unit, a code or a French word spelt alike:
# "on", "a", "as", "an", "or", "but", "per", "total", "date", "type", "volume", "client",
# "message", "options", "base", "article", "note", "section", "situation", "revision", "budget",
# "variance", "ratio", "standard", "test", "site", "stock", "format", "pour", "est", "sort" are
# left out on purpose).
ENGLISH = frozenset(
    """
    the and of with without by not no nor is are was were be been being has have had having
    from to for into onto over under above below between after before since until while during
    through against within beyond across along among upon at in it its this that these those
    which what when where who whom whose why how there their they them he she we you your our
    can cannot could would should will shall must may might does did done doing
    if than then else also only still yet just both either neither each every all any some
    more less most least other others another same such very too much many few one two three
    once here out up down off again already ever never always whole
    moved removed added changed unchanged reclassified ambiguous deducted deducting measured
    priced unpriced counted written failed found missing unknown none matched unmatched paired
    ordered delivered deliver consumed needed left given said says see run used using read
    makes made taken take takes gives give keeps kept stays stay produced truncated agrees
    carry waits match matches booked earned planned estimated authored disagrees represented
    omitted
    item items element elements wall walls slab slabs door doors window windows beam beams
    column columns floor floors storey storeys level levels roof roofs stair stairs
    quantity quantities price prices cost costs amount amounts line lines order orders
    material materials recipe recipes supplier suppliers delivery deliveries truck trucks
    warning warnings error errors hint hints failure failures summary file files
    geometry body shape kernel mesh layer layers opening openings host feature effect
    outline otherwise model library linear filling placeholder class value values formula
    area length width height gross weight unit units scale end
    share count counts need needs actual actuals progress month months period stage stages
    late short consumption yes true false ready check checks problem problems
    rule rules set sets schedule work works contract previous cumulative advance retention vat
    """.split()
)

WORD = re.compile(r"[\w$]+")
PATHS = re.compile(r"\S*[/\\]\S*|\S+\.(?:ifc|csv|xlsx|json|toml|ids|png|html|xml)\b", re.IGNORECASE)
# IFC names, column names and keys quoted in a sentence (net_volume_m3 = 1.6), a command or an
# option named (lancer bimquant validate, --strict): names, not words
IDENTIFIERS = re.compile(r"\b(?:Ifc|Pset_|Qto_|Bimquant_)\w*(?:\.\w+)?|\b\w+_\w+\b|\bbimquant \w+|--[\w-]+")
SNAKE = re.compile(r"[a-z]+(?:_[a-z0-9]+)+")
UNITS = {"m", "m2", "m3", "kg", "t", "u", "l", "pct", "eur", "mm"}
FRENCH_COMPOUNDS = re.compile(r"\b(?:plus|moins)-values?\b", re.IGNORECASE)  # French, spelt as English
NUMBER = re.compile(r"[-+]?[\d\s.,:/\u202f\xa0-]+")
TABLE_RULES = re.compile(r"[│┃┆╎|]")


# --- the runs --------------------------------------------------------------------------------


@dataclass
class Run:
    """One command line: its arguments, the exit codes it may end with, what it wrote."""

    command: str
    name: str
    args: list
    codes: tuple[int, ...] = (0,)
    folder: Path | None = None
    exit_code: int | None = None
    console: str = ""
    crash: str | None = None
    texts: list[tuple[str, str]] = field(default_factory=list)  # (where, text)


def revision_of_the_house(path: Path) -> None:
    """The sample house a month later: W1 lengthened to 7 m, a window added, S1 deleted, D1 moved
    up to level 1, B2 reclassified as a member. Its names are French, as a French office's."""

    model = ifcopenshell.open(str(HOUSE))
    lengthen_w1(model)
    add_window(model, "F2 fenêtre ajoutée", 2.5)
    delete_s1(model)
    move_d1_up(model)
    ifcopenshell.api.run("root.reassign_class", model, product=element(model, "B2"), ifc_class="IfcMember")
    model.write(str(path))


def global_id_of(model: Path, mark: str) -> str:
    ifc = ifcopenshell.open(str(model))
    return next(e.GlobalId for e in ifc.by_type("IfcRoot") if (e.Name or "").startswith(mark + " "))


class Out(str):
    """An output file's name: written in the run's own folder, read back after the run."""


def plan(work: Path) -> list[Run]:
    """Every command, in an order where each run finds the files the ones before wrote (the
    contract, the orders, a change order, the previous situation)."""
    rules, priced = ("-r", RULES), ("-r", RULES, "-p", PRICES)
    recipes = ("-r", RULES, "--recipes", RECIPES)
    contract, orders, change_order = work / "marche.json", work / "commandes.json", work / "ts.json"
    march, revised = work / "situation-03.json", work / "revision.ifc"
    models = (HOUSE, HOUSE2X3, RESERVES, work / "cassee.ifc")
    at = {m: ("--progress", SITUATION / f"avancement-2026-{m}.csv", "--period", f"2026-{m}") for m in ("03", "04")}
    settings, costs = ("--settings", SETTINGS), ("--actuals", ACTUALS, "--start", "2026-03")
    signed, chained = (*rules, "--contract", contract), ("--previous", march, "--changes", change_order)
    delivered = ("--deliveries", DELIVERIES)
    runs = [  # the inputs of the runs below (JSON: not read)
        Run("estimate", "contract", ["estimate", HOUSE, *priced, "-o", contract]),
        Run("order", "orders by phase", ["order", HOUSE, *recipes, "--by", "phase", "--phases", PHASES, "-o", orders]),
        Run("diff", "change order", ["diff", HOUSE, revised, *signed, "-o", change_order]),
        Run("situation", "march", ["situation", contract, *at["03"], *settings, "-o", march]),
    ]
    for ext in ("xlsx", "csv"):
        runs += [
            Run("takeoff", f"house {ext}", ["takeoff", HOUSE, "-o", Out(f"takeoff.{ext}")]),
            Run("takeoff", f"reserves {ext}", ["takeoff", RESERVES, "-o", Out(f"takeoff.{ext}")]),
            Run("takeoff --rules", f"house {ext}", ["takeoff", HOUSE, *rules, "-o", Out(f"metre.{ext}")]),
            Run("takeoff --rules", f"reserves {ext}", ["takeoff", RESERVES, *rules, "-o", Out(f"metre.{ext}")]),
            Run("validate", f"house {ext}", ["validate", HOUSE, "-o", Out(f"controle.{ext}")]),
            Run("check", f"house {ext}", ["check", HOUSE, *rules, "-o", Out(f"pret.{ext}")]),
            Run("check", f"reserves {ext}", ["check", RESERVES, *rules, "-o", Out(f"pret.{ext}")], codes=(7,)),
            Run("estimate", f"house {ext}", ["estimate", HOUSE, *priced, "-o", Out(f"dpgf.{ext}")]),
            Run("estimate", f"reserves {ext}", ["estimate", RESERVES, *priced, "-o", Out(f"dpgf.{ext}")]),
            Run("order", f"house {ext}", ["order", HOUSE, *recipes, "-o", Out(f"commandes.{ext}")]),
            Run("order", f"reserves {ext}", ["order", RESERVES, *recipes, "-o", Out(f"commandes.{ext}")]),
            Run("diff", f"contract {ext}", ["diff", HOUSE, revised, *signed, "-o", Out(f"ts.{ext}")]),
            Run("diff", f"prices {ext}", ["diff", HOUSE, revised, *priced, "-o", Out(f"ts.{ext}")]),
            Run(
                "situation",
                f"april {ext}",
                ["situation", contract, *at["04"], *settings, *chained, "-o", Out(f"situation.{ext}")],
            ),
            Run("costs", f"april {ext}", ["costs", contract, *at["04"], *costs, "-o", Out(f"couts.{ext}")]),
            Run("stock", f"april {ext}", ["stock", orders, *delivered, *at["04"], "-o", Out(f"stock.{ext}")]),
            Run("batch", ext, ["batch", *models, *priced, "-o", Out(f"portefeuille.{ext}")]),
        ]
    internal = ("--view", "internal", "-o", Out("interne.xlsx"))
    ids = ("--ids", Out("exigences.ids")) if importlib.util.find_spec("ifctester") else ()  # the ids extra
    runs += [
        Run("takeoff --rules", "house 2x3 xlsx", ["takeoff", HOUSE2X3, *rules, "-o", Out("metre.xlsx")]),
        Run("validate", "house text", ["validate", HOUSE]),
        Run("validate", "reserves xlsx", ["validate", RESERVES, "-o", Out("controle.xlsx")]),
        Run("check", "house text", ["check", HOUSE, *rules, *ids]),
        Run("check", "reserves text", ["check", RESERVES, *rules], codes=(7,)),
        Run("explain", "W3", ["explain", HOUSE, global_id_of(HOUSE, "W3"), *rules]),
        Run("explain", "ST1, not measured", ["explain", HOUSE, global_id_of(HOUSE, "ST1"), *rules], codes=(3,)),
        Run("explain", "reserves W3", ["explain", RESERVES, global_id_of(RESERVES, "W3"), *rules]),
        Run("estimate", "house internal xlsx", ["estimate", HOUSE, *priced, *internal]),
        Run("estimate", "reserves internal xlsx", ["estimate", RESERVES, *priced, *internal]),
        Run("situation", "march xlsx", ["situation", contract, *at["03"], *settings, "-o", Out("situation.xlsx")]),
        Run("stock", "march xlsx", ["stock", orders, *delivered, *at["03"], "-o", Out("stock.xlsx")]),
        Run("writeback", "house ifc4", ["writeback", HOUSE, *priced, "-o", Out("maison-5d.ifc")]),
        Run("writeback", "house ifc2x3", ["writeback", HOUSE2X3, *priced, "-o", Out("maison-5d.ifc")]),
    ]
    runs += mistakes(work, contract, orders, at)
    for each in runs:
        each.args += ["--locale", "fr"]
    # no --locale option: French because the rule set says language = "fr"
    runs += [
        Run("report", "house", ["report", HOUSE, *priced, "--previous", revised, "-o", Out("rapport.html")]),
        Run("rules check", "fr-lots", ["rules", "check", RULES]),
    ]
    return runs


def mistakes(work: Path, contract: Path, orders: Path, at: dict) -> list[Run]:
    """A person's usual mistakes, each said as one French error and hint: a model that is not
    there or not IFC, a rule set, a price library, a recipe book, a progress, cost or delivery
    file with a mistake in it."""
    bad = work / "erreurs"
    bad.mkdir()
    files = {
        "pas-ifc.ifc": "ceci n'est pas une maquette\n",
        "regles-toml.toml": RULES.read_text(encoding="utf-8") + "\n[[rule]\n",
        "regles-cle.toml": RULES.read_text(encoding="utf-8").replace("[[item]]", "[[item]]\nunite = 3", 1),
        "regles-unite.toml": re.sub(r'unit = "m3"', 'unit = "m4"', RULES.read_text(encoding="utf-8"), count=1),
        "regles-formule.toml": re.sub(
            r'quantity = "([^"]+)"', r'quantity = "\1 +"', RULES.read_text(encoding="utf-8"), count=1
        ),
        "prix.csv": PRICES.read_text(encoding="utf-8").replace(",280.00,", ",deux cents,", 1),
        "recettes.toml": RECIPES.read_text(encoding="utf-8").replace("per_unit = 1.0", "per_unit = -1.0", 1),
        "avancement.csv": "storey,lot,percent\nGround floor,02 Gros oeuvre,140\n",
        "depenses.csv": "date;code;lot;kind;amount;supplier;reference\n2026-03-10;02.01.01;;material;beaucoup;X;BL 1\n",
        "livraisons.csv": "date,material,quantity,unit,batch,supplier,reference\n"
        "2026-13-04,beton-voiles,9.5,m3,RDC,X,BL 1\n",
    }
    for name, text in files.items():
        (bad / name).write_text(text, encoding="utf-8")
    rules, prices = ("-r", RULES), ("-p", PRICES)
    month = ("--period", "2026-04")
    return [
        Run("errors", "no model", ["estimate", bad / "absente.ifc", *rules, *prices], codes=(3,)),
        Run("errors", "not IFC", ["estimate", bad / "pas-ifc.ifc", *rules, *prices], codes=(3,)),
        *(
            Run("errors", name, ["estimate", HOUSE, "-r", bad / name, *prices], codes=(4,))
            for name in ("regles-toml.toml", "regles-cle.toml", "regles-unite.toml", "regles-formule.toml")
        ),
        Run("errors", "prices", ["estimate", HOUSE, *rules, "-p", bad / "prix.csv"], codes=(4,)),
        Run("errors", "recipes", ["order", HOUSE, *rules, "--recipes", bad / "recettes.toml"], codes=(4,)),
        Run("errors", "progress", ["situation", contract, "--progress", bad / "avancement.csv", *month], codes=(4,)),
        Run(
            "errors",
            "actuals",
            ["costs", contract, *at["04"], "--actuals", bad / "depenses.csv", "--start", "2026-03"],
            codes=(4,),
        ),
        Run(
            "errors",
            "deliveries",
            ["stock", orders, "--deliveries", bad / "livraisons.csv", *at["04"]],
            codes=(4,),
        ),
    ]


# --- what is not bimquant's wording ---------------------------------------------------------


def model_strings(path: Path) -> set[str]:
    """Every text an IFC file holds: any string attribute of any entity (names, descriptions,
    types, materials, storeys, GlobalIds, property values, enumerations)."""
    found = set()
    for entity in ifcopenshell.open(str(path)):
        for value in entity:
            values = value if isinstance(value, tuple) else (value,)
            for v in values:
                if isinstance(v, str):
                    found.add(v)
                elif isinstance(v, ifcopenshell.entity_instance) and not v.id() and isinstance(v.wrappedValue, str):
                    found.add(v.wrappedValue)  # a typed value: IfcLabel('...') in a property
    return found


def toml_values(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(toml_values, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(toml_values, value)) if value else set()
    return set()


def input_strings(path: Path) -> set[str]:
    """The values of an input file (not its keys nor its CSV header: those are names bimquant
    reads, and the same words said back to a person are bimquant's wording)."""
    if path.suffix == ".toml":
        return toml_values(tomllib.loads(path.read_text(encoding="utf-8")))
    if path.suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";" if ";" in text.splitlines()[0] else ","))
        return {cell for row in rows[1:] for cell in row}
    return set()


def exemptions() -> tuple[set[str], re.Pattern]:
    """(the whole texts to pass over, a pattern of the texts to take out of a longer one)."""
    strings = set()
    for model in (HOUSE, HOUSE2X3, RESERVES):
        strings |= model_strings(model)
    inputs = [RULES, PRICES, RECIPES, SETTINGS, ACTUALS, DELIVERIES, PHASES, *SITUATION.glob("*.csv")]
    inputs += sorted(MATERIALS.glob("*.toml"))
    for path in inputs:
        strings |= input_strings(path)
    strings = {s.strip() for s in strings if s and s.strip()}
    # In a longer text, take out the ones that cannot be a word of bimquant's own sentence: a
    # single English word from a file ("material", a kind of cost) is passed over only whole.
    parts = [
        s
        for s in strings
        if len(s) > 1 and not (s.isalpha() and s.lower() in ENGLISH) and not NUMBER.fullmatch(s) and s not in UNITS
    ]  # numbers, dates and units of the inputs are figures, not text
    parts.sort(key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<![\w$.]){re.escape(s)}(?![\w$])" for s in parts))
    return strings, pattern


@pytest.fixture(scope="module")
def exempt() -> tuple[set[str], re.Pattern]:
    return exemptions()


NAME_FIELDS = {"keys", "key", "guess"}  # what a sentence lists of a file's keys: names, not words


def _named_keys() -> re.Pattern:
    """The keys a French sentence of the catalogue names (``clés admises : code, unit``,
    ``vouliez-vous dire « unit »``): the text just before its ``{keys}`` value, then the names."""
    before = set()
    for _, french in CATALOGUE.values():
        if isinstance(french, str):
            for text, name, _, _ in string.Formatter().parse(french):
                words = text.lstrip().split(". ")[-1]
                if name in NAME_FIELDS and re.search(r"[^\W\d_]{3}", words):  # words, not just ": "
                    before.add(words)
    names = r"'?[\w$.]+'?(?:, '?[\w$.]+'?)*"
    return re.compile("|".join(rf"{re.escape(b)}{names}" for b in sorted(before, key=len, reverse=True)))


NAMED_KEYS = _named_keys()


def english_words(text: str, exempt) -> list[str]:
    """The words of ``ENGLISH`` in what bimquant itself wrote of ``text``."""
    whole, pattern = exempt
    text = text.strip()
    if not text or text in whole or text.startswith("="):
        return []
    if SNAKE.fullmatch(text):  # a whole cell that is a status or a key, not a quantity's column
        parts = text.split("_")
        return [] if parts[-1] in UNITS else [w for w in parts if w in ENGLISH]
    if text[0] in "[{":
        try:
            json.loads(text)
            return []
        except ValueError:
            pass
    text = NAMED_KEYS.sub(" ", text)
    text = IDENTIFIERS.sub(" ", PATHS.sub(" ", pattern.sub(" ", FRENCH_COMPOUNDS.sub(" ", text))))
    words = (w for w in WORD.findall(text) if w.isalpha() and not (len(w) > 1 and w.isupper()))
    return [w for w in words if w.lower() in ENGLISH]


def shape(text: str, exempt) -> str:
    """``text`` with its model strings, names and numbers blanked: the same sentence about
    other elements or quantities has the same shape."""
    if SNAKE.fullmatch(text.strip()):
        return text.strip()
    text = exempt[1].sub("…", IDENTIFIERS.sub("…", PATHS.sub("…", text.strip())))
    units = "|".join(sorted(UNITS, key=len, reverse=True))
    text = re.sub(rf"[-+]?\d(?:[\d.,\u202f\xa0-]*\d)?(?:\s*(?:{units})\b)?", "#", text)
    text = re.sub(r"([#…])'?(?:\s*(?:,|or|and)\s*'?[#…]'?)+", r"\1", text)  # lists of names or codes
    text = re.sub(r"^[…#\W]*(?=\w)", "", text)  # what the sentence is about: "acier-ha / RDC: ..."
    return re.sub(r"\s+", " ", text)


# --- reading what was written ----------------------------------------------------------------


def xlsx_texts(path: Path) -> list[tuple[str, str]]:
    texts = []
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        where = f"{path.name}:{sheet.title}"
        texts.append((f"{where} (sheet name)", sheet.title))
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type != "f":
                    texts.append((f"{where}!{cell.coordinate}", cell.value))
                if cell.comment is not None:
                    texts.append((f"{where}!{cell.coordinate} (comment)", cell.comment.text))
        for part in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"):
            for side in ("left", "center", "right"):
                text = getattr(getattr(getattr(sheet, part), side), "text", None)
                if text:
                    texts.append((f"{where} ({part} {side})", re.sub(r"&[A-Z]|&\"[^\"]*\"|&\d+", " ", text)))
    with zipfile.ZipFile(path) as archive:  # openpyxl does not read charts back: their XML
        for name in archive.namelist():
            if name.startswith("xl/charts/chart"):
                xml = archive.read(name).decode("utf-8")
                for text in re.findall(r"<(?:a:t|c:v)>([^<]*)</", xml):
                    texts.append((f"{path.name}:{name}", text))
    return texts


def csv_texts(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    first = text.splitlines()[0] if text else ""
    rows = csv.reader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    return [(f"{path.name}:{r + 1}:{c + 1}", cell) for r, row in enumerate(rows) for c, cell in enumerate(row) if cell]


def ifc_texts(path: Path, before: set[str]) -> list[tuple[str, str]]:
    """The texts writeback added to the model: its quantity sets, descriptions, cost schedule."""
    return [(f"{path.name}", s) for s in sorted(model_strings(path) - before)]


def written_texts(folder: Path, model_before: set[str]) -> list[tuple[str, str]]:
    texts = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".xlsx":
            texts += xlsx_texts(path)
        elif path.suffix == ".csv" and not path.name.endswith(".map.csv"):
            texts += csv_texts(path)  # the map is plain CSV with English headers, documented as such
        elif path.suffix == ".ifc":
            texts += ifc_texts(path, model_before)
        elif path.suffix == ".ids":
            xml = path.read_text(encoding="utf-8")
            texts += [(path.name, t) for t in re.findall(r'(?:instructions|description)="([^"]*)"', xml)]
    return texts


# --- the module's runs -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> list[Run]:
    work = tmp_path_factory.mktemp("locale-fr")
    revision_of_the_house(work / "revision.ifc")
    (work / "cassee.ifc").write_text("ISO-10303-21;\nceci n'est pas une maquette\n", encoding="utf-8")
    before = model_strings(HOUSE) | model_strings(HOUSE2X3)
    width = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "400"  # one line per row: a table cell is not cut in the middle of a name
    try:
        done = []
        for n, entry in enumerate(plan(work)):
            entry.folder = work / f"{n:02d}"
            entry.folder.mkdir()
            args = [entry.folder / a if isinstance(a, Out) else a for a in entry.args]
            try:
                entry.exit_code, stdout, stderr = run(*args)
                entry.console = stdout + stderr
            except Exception as error:  # a crash is reported by the test, the other runs go on
                entry.crash = f"{type(error).__name__}: {error}"
            entry.texts = [("console", cell) for line in entry.console.splitlines() for cell in TABLE_RULES.split(line)]
            entry.texts += written_texts(entry.folder, before)
            done.append(entry)
    finally:
        if width is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = width
    return done


COMMANDS = [
    "takeoff",
    "takeoff --rules",
    "validate",
    "check",
    "explain",
    "estimate",
    "order",
    "diff",
    "situation",
    "costs",
    "stock",
    "batch",
    "writeback",
    "report",
    "rules check",
    "errors",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_run_ends_as_documented(runs, command):
    wrong = [
        f"{r.command} [{r.name}]: " + (r.crash or f"exit code {r.exit_code}\n{r.console}")
        for r in runs
        if r.command == command and (r.crash or r.exit_code not in r.codes)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("command", COMMANDS)
def test_french_outputs_say_nothing_in_english(runs, exempt, command):
    """Each English sentence once (the same sentence about other elements or figures counts
    once), with where it was first seen ([the run] file:sheet!cell, or the console) and the
    other files that say it too."""
    found: dict[str, list] = {}
    for r in runs:
        if r.command != command:
            continue
        for where, text in r.texts:
            if not english_words(text, exempt):
                continue
            for sentence in re.split(r";\s+", text.strip()):  # a cell of several alerts: each its own
                words = english_words(sentence, exempt)
                if words:
                    entry = found.setdefault(shape(sentence, exempt), [sentence, words, {}])
                    entry[2].setdefault(re.split(r"[!:]\d|!| \(", where)[0], f"[{r.name}] {where}")
    lines = []
    for sentence, words, places in found.values():
        first, *others = places.values()
        more = f" (also in {', '.join(list(places)[1:])})" if others else ""
        lines.append(f"  {sentence!r}  [{', '.join(dict.fromkeys(words))}]\n      at {first}{more}")
    assert not found, f"{len(found)} English sentence(s) in French outputs of `bimquant {command}`:\n" + "\n".join(
        lines
    )


USAGE_MISTAKES = {
    "unknown option": ["estimate", HOUSE, "-r", RULES, "-p", PRICES, "--thread", "2"],
    "option without its value": ["estimate", HOUSE, "-p", PRICES, "--rules"],
    "no model": ["estimate"],
    "missing option": ["estimate", HOUSE, "-r", RULES],
    "out of range": ["estimate", HOUSE, "-r", RULES, "-p", PRICES, "--threads", "0"],
    "not a choice": ["estimate", HOUSE, "-r", RULES, "-p", PRICES, "--kernel", "rapide"],
    "not a number": ["estimate", HOUSE, "-r", RULES, "-p", PRICES, "--margin", "beaucoup"],
    "extra arguments": ["estimate", HOUSE, "-r", RULES, "-p", PRICES, "en", "trop"],
    "unknown command": ["estimat", HOUSE],
    "locale written the system's way": ["estimate", HOUSE, "-r", RULES, "-p", PRICES, "--locale", "fr_FR"],
}


@pytest.mark.parametrize("mistake", USAGE_MISTAKES)
def test_a_mistake_on_the_command_line_is_said_in_french(mistake, exempt):
    """What the command-line toolkit (click) says of a wrong option, in the console's
    language: the installed command (``main``), as a person runs it."""
    args = [str(a) for a in USAGE_MISTAKES[mistake]]
    args += [] if "--locale" in args else ["--locale", "fr"]
    script = "from bimquant.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "Erreur :" in done.stderr, done.stderr
    english = [line for line in done.stderr.splitlines() if english_words(line, exempt)]
    assert not english, done.stderr
