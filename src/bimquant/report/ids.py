"""What a rule set needs from a model, as a buildingSMART IDS 1.0 file (written with ifctester).

An architect checks the export in their own tool before sending it. One specification per IFC
class the rule set prices (subclasses included):

- when every item that prices the class asks for a material (``material`` or ``layer``
  patterns), the element must have a material matching one of them (the globs as a regular
  expression, case-insensitive for ASCII letters);
- the ``Pset.Property`` values the items select on must be stated;

and, for each class of built element that no item prices and that is not left out on purpose
(``not_building_work``) nor an aggregate of parts (roofs, stairs, curtain walls, assemblies),
a specification that says such elements should not be there (IDS ``maxOccurs="0"``): the rule
set would not price them.

Needs the ``ids`` extra (``pip install "bimquant[ids]"``).

Example::

    >>> write_ids(load_ruleset("rules/fr-lots.toml"), "fr-lots.ids")
    [PosixPath('fr-lots.ids')]
"""

from __future__ import annotations

from pathlib import Path

import ifcopenshell.ifcopenshell_wrapper as wrapper

from bimquant.errors import OutputError, SetupError
from bimquant.report.atomic import check_output, write_atomically
from bimquant.matching import normalize
from bimquant.rules.ruleset import STRUCTURE, RuleSet, is_subclass
from bimquant.messages import Message, section

WORDS = section("ids")  # the IDS speaks its rule set's language

SCHEMAS = ("IFC2X3", "IFC4", "IFC4X3_ADD2")
BUILT = ("IfcBuildingElement", "IfcBuiltElement")  # IFC2X3/IFC4, IFC4X3
ALSO_BUILT = ("IfcBuildingElementPart",)
CONTAINERS = ("IfcRoof", "IfcStair", "IfcRamp", "IfcCurtainWall", "IfcElementAssembly")  # priced through parts


def check_ids_output(path: str | Path, inputs: dict | None = None) -> None:
    """Refuse now, before any model is measured, an IDS output that cannot be written, is one of
    ``inputs`` or is not ``.ids``, or that this installation cannot write (no ifctester)."""
    check_output(path, "ids", inputs)
    if Path(path).suffix.lower() != ".ids":
        raise OutputError(Message("error.ids.not_ids", name=Path(path).name), Message("hint.ids.name_ids"))
    _ifctester()


def _ifctester():
    try:
        from ifctester import ids
    except ImportError:
        raise SetupError(Message("error.ids.no_ifctester"), Message("hint.ids.install_ids")) from None
    return ids


def write_ids(ruleset: RuleSet, path: str | Path, *, inputs: dict | None = None) -> list[Path]:
    """Write the IDS of ``ruleset`` to ``path`` (see the module docstring), atomically; return
    ``[path]``."""
    check_ids_output(path, inputs)
    ids = _ifctester()
    say = WORDS["fr" if ruleset.language == "fr" else "en"]
    document = ids.Ids(
        title=say["title"].format(name=ruleset.name),
        description=say["description"].format(file=Path(ruleset.path).name),
        author="bimquant@example.org",
        purpose="quantity takeoff and estimate",
    )
    priced = _priced_classes(ruleset)
    for cls, items in priced.items():
        spec = ids.Specification(
            name=say["priced"].format(cls=cls, name=ruleset.name),
            ifcVersion=list(SCHEMAS),
            description=say["items"].format(codes=", ".join(item.code for item in items)),
        )
        spec.applicability.append(ids.Entity(name=_entity_names(cls, priced)))
        patterns = _material_patterns(items, ruleset.is_placeholder)
        if patterns:
            regex = "|".join(_regex(p) for p in patterns)
            spec.requirements.append(
                ids.Material(
                    value=ids.Restriction(options={"pattern": regex}),
                    instructions=say["material"].format(name=ruleset.name, patterns=", ".join(patterns)),
                )
            )
        for pset, name in sorted({tuple(key.split(".", 1)) for item in items for key in item.select.properties}):
            spec.requirements.append(ids.Property(propertySet=pset, baseName=name))
        if spec.requirements:
            document.specifications.append(spec)
    for cls in _unpriced_classes(ruleset, priced):
        spec = ids.Specification(
            name=say["unpriced"].format(cls=cls, name=ruleset.name),
            ifcVersion=[s for s in SCHEMAS if _declared(cls, s)],
            minOccurs=0,
            maxOccurs=0,
            description=say["fix"],
        )
        spec.applicability.append(ids.Entity(name=cls.upper()))
        document.specifications.append(spec)
    return write_atomically([(Path(path), lambda temporary: document.to_xml(str(temporary)))])


def _priced_classes(ruleset: RuleSet) -> dict:
    """Each IFC class an item selects, with the items that do (in the rule set's order)."""
    found: dict[str, list] = {}
    for item in ruleset.items:
        for cls in item.select.patterns.get("class", ()):
            if not any(is_subclass(cls, c, "IFC4") for c in CONTAINERS):  # their parts carry the price
                found.setdefault(cls, []).append(item)
    return found


def _entity_names(cls: str, priced: dict):
    """The class and its subclasses in every schema, upper case (IDS entities are exact),
    less those another specification covers."""
    from ifctester import ids

    names = set()
    for schema, name in _concrete_entities():
        if is_subclass(name, cls, schema) and not any(
            other != cls and is_subclass(name, other, schema) and is_subclass(other, cls, schema) for other in priced
        ):
            names.add(name.upper())
    names = sorted(names)
    return names[0] if len(names) == 1 else ids.Restriction(options={"enumeration": names})


def _material_patterns(items, placeholder) -> list[str]:
    """The material globs every non-placeholder item of a class asks for; none when one of them
    takes any material (the class is priced whatever it is made of)."""
    patterns: list[str] = []
    if any(item.measures == STRUCTURE for item in items):  # what prices the body decides; paint does not
        items = [item for item in items if item.measures == STRUCTURE]
    for item in items:
        asked = item.select.patterns.get("material", ()) + item.select.patterns.get("layer", ())
        if not asked:
            if placeholder(item.label):
                continue  # a catch-all that waits for a decision is not a price
            return []
        patterns += [p for p in asked if p not in patterns]
    return patterns


def _regex(glob: str) -> str:
    """A glob as an XSD pattern (anchored at both ends by XSD itself): ``*`` any text, ``?``
    one character, ``[...]`` kept; either case for plain letters and any accent where the glob
    has none, as bimquant's own matching ignores both."""
    out, i, text = [], 0, normalize(glob)
    while i < len(text):
        char = text[i]
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "[" and "]" in text[i + 2 :]:
            end = text.index("]", i + 2)
            out.append("[" + "".join("\\" + c if c in "\\[]^" else c for c in text[i + 1 : end]) + "]")
            i = end
        elif char.isalpha() and char.isascii():
            out.append(f"[{char.lower()}{char.upper()}{_ACCENTED.get(char.lower(), '')}]")
        elif char in XSD_SPECIAL:
            out.append("\\" + char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


XSD_SPECIAL = set(".\\?*+{}()[]|^$-")
_ACCENTED = {"a": "àâäáÀÂÄÁ", "e": "éèêëÉÈÊË", "i": "îïíÎÏÍ", "o": "ôöóÔÖÓ", "u": "ûüùúÛÜÙÚ", "c": "çÇ"}


def _unpriced_classes(ruleset: RuleSet, priced: dict) -> list[str]:
    """Built element classes no item prices, not left out on purpose nor containers."""
    found = set()
    for schema, name in _concrete_entities():
        built = any(is_subclass(name, b, schema) for b in BUILT) or name in ALSO_BUILT
        if not built or any(is_subclass(name, c, schema) for c in CONTAINERS):
            continue
        if any(is_subclass(name, c, schema) for c in (*priced, *ruleset.not_building_work)):
            continue
        found.add(name)
    return sorted(found)


def _concrete_entities():
    """``(schema, entity name)`` of every entity that can have instances, in every schema."""
    for schema in SCHEMAS:
        for declaration in wrapper.schema_by_name(schema).declarations():
            entity = declaration.as_entity()
            if entity is not None and not entity.is_abstract():
                yield schema, entity.name()


def _declared(cls: str, schema: str) -> bool:
    try:
        wrapper.schema_by_name(schema).declaration_by_name(cls)
    except (RuntimeError, KeyError, IndexError):
        return False
    return True
