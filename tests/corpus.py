"""A corpus of hostile model files, generated from the sample house (and the shared exports
when they are there): every kind of input a careless or malicious user hands bimquant.

``build(folder)`` writes the files and returns one :class:`Case` per file, with the exit codes
the README documents for it. Nothing here is committed data: the corpus is made anew by each
test session (``python tests/corpus.py OUT`` writes it to a folder, to look at).
"""

from __future__ import annotations

import gzip
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import ifcopenshell
import ifcopenshell.api

ROOT = Path(__file__).resolve().parents[1]
HOUSE = ROOT / "sample_models" / "house_ifc4.ifc"
SHARED = ROOT.parent / "shared" / "models"
MUTATIONS = 20
TRUNCATIONS = 10
HOSTILE_NAMES = {
    "formula_equals": '=HYPERLINK("http://x","y")',
    "formula_plus": "+1+1",
    "formula_minus": "-2+3",
    "formula_at": "@SUM(A1:A9)",
    "tab": "\tW tab",
    "cr": "W3\r=cmd|' /C calc'!A0",
    "lf": "W\n=1+1",
    "rtl": "\u202eW rtl mark",
    "nul": "W\x00nul",
    "bom": "\ufeffW bom",
}


@dataclass
class Case:
    name: str
    path: Path
    codes: frozenset[int]  # the exit codes the README documents for this input
    clean: Path | None = None  # when the run succeeds, quantities equal this model's, or are flagged


def build(folder: Path) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    house = HOUSE.read_bytes()
    cases = [
        Case("missing file", folder / "absent.ifc", frozenset({3})),
        _folder(folder),
        _write(folder, "empty file", "empty.ifc", b"", {3}),
        _write(folder, "text", "notes.ifc", b"Cahier des charges, lot 02 gros oeuvre\n", {3}),
        _write(folder, "binary", "binary.ifc", random.Random(1).randbytes(4096), {3}),
        _write(folder, "png", "picture.ifc", b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(512), {3}),
        _write(folder, "gzip", "house.ifc.gz", gzip.compress(house), {3}),
        _ifczip(folder, house),
        _write(
            folder,
            "IFC2X2",
            "ifc2x2.ifc",
            house.replace(b"FILE_SCHEMA(('IFC4'))", b"FILE_SCHEMA(('IFC2X2_FINAL'))"),
            {3},
        ),
        _write(
            folder, "unknown schema", "ifc9.ifc", house.replace(b"FILE_SCHEMA(('IFC4'))", b"FILE_SCHEMA(('IFC9'))"), {3}
        ),
    ]
    size = len(house)
    for k in range(1, TRUNCATIONS + 1):
        cut = size * k // (TRUNCATIONS + 1)
        cases.append(_write(folder, f"truncated at {cut}", f"truncated_{cut}.ifc", house[:cut], {3}))
    for offset in _mutation_offsets(house):
        mutated = bytearray(house)
        mutated[offset] = ord("Q")
        cases.append(_write(folder, f"byte {offset} mutated", f"mutated_{offset}.ifc", bytes(mutated), {0, 3}, HOUSE))
    cases += [
        _edited(folder, "no storeys", "no_storeys.ifc", _remove_storeys),
        _edited(folder, "zero elements", "no_elements.ifc", _remove_elements, compare=False),
        _edited(folder, "zero height", "zero_height.ifc", lambda f: _set_depth(f, "W1", 0.0)),
        _edited(folder, "zero thickness", "zero_thickness.ifc", lambda f: _flatten_profile(f, "W2", 1)),
        _edited(folder, "zero length", "zero_length.ifc", lambda f: _flatten_profile(f, "W4", 0)),
    ]
    for key, name in HOSTILE_NAMES.items():
        cases.append(_edited(folder, f"name {key}", f"name_{key}.ifc", lambda f, n=name: _rename(f, "W3", n)))
    if SHARED.is_dir():
        cases += _shared_cases(folder)
    return cases


def _write(folder: Path, name: str, file_name: str, data: bytes, codes, clean: Path | None = None) -> Case:
    path = folder / file_name
    path.write_bytes(data)
    return Case(name, path, frozenset(codes), clean)


def _folder(folder: Path) -> Case:
    path = folder / "a_folder.ifc"
    path.mkdir(exist_ok=True)
    return Case("folder", path, frozenset({3}))


def _ifczip(folder: Path, house: bytes) -> Case:
    path = folder / "house.ifczip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("house.ifc", house)
    return Case("ifczip", path, frozenset({3}))


def _mutation_offsets(data: bytes) -> list[int]:
    """``MUTATIONS`` offsets of structural bytes of the DATA section, outside quoted strings (a
    changed digit or letter of a name makes another valid model, which nothing can tell)."""
    start = data.index(b"DATA;") + 5
    candidates, quoted = [], False
    for offset in range(start, data.rindex(b"ENDSEC;")):
        byte = data[offset : offset + 1]
        if byte == b"'":
            quoted = not quoted
        elif not quoted and byte in b"#(),=":
            candidates.append(offset)
    return sorted(random.Random(3).sample(candidates, MUTATIONS))


def _edited(folder: Path, name: str, file_name: str, edit, compare: bool = True) -> Case:
    ifc = ifcopenshell.open(str(HOUSE))
    edit(ifc)
    path = folder / file_name
    ifc.write(str(path))
    return Case(name, path, frozenset({0}), HOUSE if compare else None)


def _by_mark(ifc, mark: str):
    return next(e for e in ifc.by_type("IfcElement") if (e.Name or "").split(" ")[0] == mark)


def _rename(ifc, mark: str, name: str) -> None:
    _by_mark(ifc, mark).Name = name


def _solid(ifc, mark: str):
    element = _by_mark(ifc, mark)
    return next(i for r in element.Representation.Representations for i in r.Items if i.is_a("IfcExtrudedAreaSolid"))


def _set_depth(ifc, mark: str, depth: float) -> None:
    _solid(ifc, mark).Depth = depth


def _flatten_profile(ifc, mark: str, axis: int) -> None:
    """Every point of the element's profile gets the first point's coordinate along ``axis``
    (0: its length along X collapses, 1: its thickness)."""
    points = _solid(ifc, mark).SweptArea.OuterCurve.Points  # an IfcCartesianPointList2D
    coordinates = [list(p) for p in points.CoordList]
    for point in coordinates:
        point[axis] = coordinates[0][axis]
    points.CoordList = [tuple(p) for p in coordinates]


def _remove_storeys(ifc) -> None:
    for rel in ifc.by_type("IfcRelContainedInSpatialStructure"):
        ifc.remove(rel)


def _remove_elements(ifc) -> None:
    while ifc.by_type("IfcElement"):  # removing one removes its parts and openings too
        ifcopenshell.api.run("root.remove_product", ifc, product=ifc.by_type("IfcElement")[0])


def _shared_cases(folder: Path) -> list[Case]:
    """Issue 9's cases 1 and 2 on the real exports they were found on."""
    vectorworks = (SHARED / "vectorworks_unicode.ifc").read_bytes()
    revit = bytearray((SHARED / "wall_door_columnt_rgb4x3.ifc").read_bytes())
    revit[198916] = ord("Q")
    return [
        _write(
            folder,
            "no IfcProject",
            "vw_no_project.ifc",
            re.sub(rb"#39= IFCPROJECT\([^;]*\);", b"", vectorworks),
            {0},
            SHARED / "vectorworks_unicode.ifc",
        ),
        _write(
            folder,
            "UnitsInContext unset",
            "vw_no_units.ifc",
            vectorworks.replace(b"'Vectorworks','',$,(#34),#12);", b"'Vectorworks','',$,(#34),$);"),
            {0},
            SHARED / "vectorworks_unicode.ifc",
        ),
        _write(
            folder,
            "dangling reference",
            "revit_mutated.ifc",
            bytes(revit),
            {0},
            SHARED / "wall_door_columnt_rgb4x3.ifc",
        ),
    ]


if __name__ == "__main__":
    for case in build(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")):
        print(f"{case.path.name:32} exit {sorted(case.codes)}  {case.name}")
