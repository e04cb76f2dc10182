"""The message catalogue (src/bimquant/messages.py): every sentence once, in both languages, and
French nowhere else in the code but in the catalogue and the column names (labels.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from bimquant.messages import CATALOGUE, Amount, Joined, Message, fields, localize, recognise, say, section

SRC = Path(__file__).resolve().parents[1] / "src" / "bimquant"
FRENCH = re.compile(r"[éèàçùâêîôûœÉÈÀÇ]|\b(?:le|la|les|des|une|du|aux|est|sont|pas|avec|sans|pour)\b")


def test_every_sentence_has_both_languages_with_the_same_values():
    for id, pair in CATALOGUE.items():
        assert isinstance(pair, tuple) and len(pair) == 2, id
        en, fr = pair
        assert type(en) is type(fr), id
        assert fields(en) == fields(fr), f"{id}: {fields(en)} in English, {fields(fr)} in French"
        if isinstance(en, tuple):
            assert len(en) == len(fr), id


def _ids_used() -> set[str]:
    used = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "Message",
                "say",
            ):
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    used.add(node.args[0].value)
    return used


def test_every_id_the_code_says_is_in_the_catalogue():
    used = _ids_used()
    assert len(used) > 300  # the library's sentences, the console's, the errors'
    assert not used - set(CATALOGUE), sorted(used - set(CATALOGUE))


def _literals(path: Path):
    """The string literals of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_no_french_sentence_outside_the_catalogue_and_the_labels():
    """A French sentence (two words or more, in a string that is not a docstring) lives in
    messages.py or labels.py; the French words elsewhere are name patterns a rule or the
    reading matches (``*béton*``, ``*à préciser*``) or accents folded for matching."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in ("messages.py", "labels.py"):
            continue
        for line, text in _literals(path):
            unquoted = re.sub(r"(?<=[\s(])'[^']*'", "", text)  # a sheet's name quoted in an English sentence
            if " " in text.strip() and "*" not in text and FRENCH.search(unquoted):
                found.append(f"{path.relative_to(SRC)}:{line}: {text!r}")
    assert not found, "\n".join(found)


def test_a_message_is_its_english_sentence_and_says_itself_in_french():
    note = Message("stock.late", quantity="12", unit="m3", due="2026-04-10")
    assert note == "late: 12 m3 still to deliver, due 2026-04-10"
    assert note.render("fr") == "en retard : 12 m3 restent à livrer, dus le 2026-04-10"
    assert localize(note, "en") == note
    amount = Amount(1291.5, "EUR")
    assert amount == "1,291.50 EUR" and amount.render("fr") == "1\u202f291,50 EUR"
    listed = Joined([Message("change.moved", distance="0.090"), Message("reason.no_body")])
    assert listed == "moved by 0.090 m; no body representation"
    assert localize(listed, "fr") == "déplacé de 0.090 m; pas de représentation du corps"


def test_an_english_sentence_read_back_from_a_file_is_recognised():
    """A cached takeoff or a JSON keeps the English text only: its sentence is found again."""
    assert recognise("aggregate: measured through its 3 parts") == Message("reason.aggregate", n=3)
    assert localize("mesh 44, count 1", "fr") == "maillage 44, comptage 1"
    assert localize("Wall-001", "fr") == "Wall-001"  # a name is not a sentence
    assert localize("aggregate: measured through its x parts", "fr") == "aggregate: measured through its x parts"


def test_pandas_keeps_a_message_only_in_an_object_column():
    """pandas 3 stores text as ``str``: a table's sentences are found again by
    :func:`recognise`, unless the column is kept as objects (a revision's ``changes``)."""
    kept = pd.Series([Message("reason.no_body")], dtype=object)
    assert isinstance(kept.iloc[0], Message)
    assert say("reason.no_body", "fr") == localize(str(kept.iloc[0]), "fr")


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_every_sentence_renders_with_its_values(locale):
    for id, (en, _) in CATALOGUE.items():
        if isinstance(en, str):
            say(id, locale, **dict.fromkeys(fields(en), "x"))


def test_the_report_page_takes_its_words_from_the_catalogue():
    """viewer.js has no words of its own: every ``T.name`` it reads is a ``viewer.`` id, sent
    in the page's data in the report's language; the page and its template say nothing French."""
    viewer = SRC / "report" / "viewer"
    script = (viewer / "viewer.js").read_text(encoding="utf-8")
    words = {locale: section("viewer")[locale] for locale in ("en", "fr")}
    used = set(re.findall(r"\bT\.(\w+)", script)) - {"highlighted"}  # the page's plural, made of two ids
    assert len(used) > 80
    for locale, table in words.items():
        assert not used - set(table), f"{locale}: {sorted(used - set(table))}"
    for table, key in re.findall(r"\bT\.(kinds|statuses|diff_statuses)\.(\w+)", script):
        assert key in words["fr"][table], f"T.{table}.{key}"
    for path in (viewer / "viewer.js", viewer / "template.html", viewer / "viewer.css"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[éèàçùâêîôûœÉÈÀÇ]", text), path.name


def test_the_report_page_is_written_in_the_report_language(tmp_path):
    from conftest import HOUSE, ROOT, run
    from test_html_report import page_data

    code, _, stderr = run("report", HOUSE, "-r", ROOT / "rules" / "fr-lots.toml", "-o", tmp_path / "r.html")
    assert code == 0, stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page_data(page)["words"] == section("viewer")["fr"]
    assert 'data-too-old="Ce navigateur est trop ancien' in page
    assert '<html lang="fr">' in page


def test_every_error_bimquant_raises_says_itself_in_both_languages():
    """An error or a hint written as an English literal (``raise RuleError(f"...")``) could not
    be said in French: each is a catalogue ``Message`` (or a value holding one)."""
    bases = {
        node.name: {getattr(base, "id", getattr(base, "attr", "")) for base in node.bases}
        for path in SRC.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    }
    errors = {"BimquantError"}
    while grown := {name for name, of in bases.items() if of & errors} - errors:  # and their subclasses
        errors |= grown
    assert {"RuleError", "InputError", "ContractError", "OutputError", "SetupError"} <= errors
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else None
            name = getattr(call, "func", None) and getattr(call.func, "id", getattr(call.func, "attr", None))
            if not isinstance(call, ast.Call) or name not in errors:
                continue
            said = list(call.args[:2]) + [k.value for k in call.keywords if k.arg in ("message", "hint")]
            if any(isinstance(arg, ast.JoinedStr) or _is_text(arg) for arg in said):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not found, "\n".join(found)


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)
