"""The material library: a density and a family for a material name, when the model states none.

Steel exports rarely carry a density, yet steelwork is priced and ordered by the kilogram. The
library (``bimquant/data/materials.toml``, or a file of the same form given with ``materials=``)
maps name patterns in French, English, German and Dutch to a nominal density; the model's own
density always wins, and the elements table says which was used (``density_source``).

Example::

    >>> library = load_materials()
    >>> library.lookup("_S335J0_wg").density_kg_m3
    7850.0
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from bimquant.errors import RuleError
from bimquant.loaders import check_entry, check_keys, read_toml, require_number
from bimquant.matching import glob_match
from bimquant.messages import Message

LIBRARY_KEYS = {"name", "version", "description"}
MATERIAL_KEYS = {"family", "density_kg_m3", "patterns", "source", "note"}
MAX_DENSITY = 25000.0  # kg/m3: past the densest metals, a typo


@dataclass(frozen=True)
class MaterialClass:
    family: str
    density_kg_m3: float
    patterns: tuple[str, ...]
    source: str = ""


@dataclass
class MaterialLibrary:
    path: Path
    name: str
    entries: list[MaterialClass] = field(default_factory=list)
    _found: dict = field(
        default_factory=dict, repr=False, compare=False
    )  # name -> entry: a model repeats its materials

    def lookup(self, name: str | None) -> MaterialClass | None:
        """The first entry with a pattern matching ``name``, or None."""
        if not name:
            return None
        if name not in self._found:
            self._found[name] = next((e for e in self.entries if glob_match(e.patterns, [name])), None)
        return self._found[name]


NO_LIBRARY = MaterialLibrary(path=Path("(no material library)"), name="none")  # only the model's densities


def default_path() -> Path:
    return Path(str(resources.files("bimquant") / "data" / "materials.toml"))


def load_materials(path: str | os.PathLike | None = None) -> MaterialLibrary:
    """Read and check a material library (the shipped one by default); a mistake is one
    :class:`RuleError` naming the file, the entry and the fix."""
    path = Path(path) if path is not None else default_path()
    data = read_toml(path, "material library")
    unknown = set(data) - {"library", "material"}
    if unknown:
        raise RuleError(
            Message("error.orders.unknown_sections", path=path, sections=", ".join(sorted(unknown))),
            Message("hint.materials.sections"),
        )
    head = data.get("library", {})
    check_keys(path, "[library]", head, LIBRARY_KEYS)
    entries = []
    for index, raw in enumerate(data.get("material", []), start=1):
        where = check_entry(
            path,
            "material",
            index,
            raw,
            name_key="family",
            allowed=MATERIAL_KEYS,
            required=("family", "density_kg_m3", "patterns"),
            texts=("family",),
        )
        patterns = raw["patterns"]
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
            raise RuleError(
                Message("error.materials.patterns", path=path, where=where), Message("hint.materials.patterns")
            )
        density = require_number(path, where, "density_kg_m3", raw["density_kg_m3"], 0.0, True, MAX_DENSITY)
        entries.append(MaterialClass(raw["family"].strip(), density, tuple(patterns), str(raw.get("source", ""))))
    return MaterialLibrary(path=path, name=str(head.get("name", path.stem)), entries=entries)
