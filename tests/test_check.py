"""``bimquant check``: is a model ready to be priced with a rule set (issue 22)? And the IDS file
that says what the rule set needs from a model, checked with ifctester."""

from __future__ import annotations

import json

import ifcopenshell
import ifcopenshell.api.root
import ifcopenshell.api.type
import pytest

from conftest import HOUSE, ROOT, assert_one_error, parts_level, run

import bimquant

RESERVES = ROOT / "sample_models" / "reserves_ifc4.ifc"
HOUSE_2X3 = ROOT / "sample_models" / "house_ifc2x3.ifc"
RULE_SETS = [ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "en-trades.toml"]
FR_LOTS = parts_level(RULE_SETS[0])  # the reserves model's walls of block parts stay a gap


def problems(readiness) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for row in readiness.problems.to_dict(orient="records"):
        found.setdefault(row["kind"], []).append(row)
    return found


def test_the_reserves_model_is_not_ready_and_each_problem_has_its_quantity():
    readiness = bimquant.check(RESERVES, FR_LOTS)
    found = problems(readiness)

    assert readiness.info["ready"] is False
    (parts,) = found["not_selected"]
    assert (parts["ifc_class"], parts["material"], parts["elements"]) == (
        "IfcBuildingElementPart",
        "Kalksandstein KS 20",
        8,
    )
    assert parts["net_volume_m3"] == pytest.approx(4.0) and parts["blocking"]
    (walls,) = found["aggregate_parts"]
    assert walls["elements"] == 2 and walls["net_volume_m3"] == pytest.approx(4.0)  # the parts' volume
    assert "their 8 parts carry the geometry (4 m3); 0 priced once" in walls["detail"]
    (placeholder,) = found["placeholder"]
    assert placeholder["detail"].startswith("02.04.02 ") and placeholder["wall_face_area_m2"] == pytest.approx(12.0)
    rescued = {row["ifc_class"]: row["detail"] for row in found["priced_without_geometry"]}
    assert rescued == {
        "IfcDoor": "priced from count (body not measured)",
        "IfcWall": "priced from authored (body not measured)",
    }
    assert not any(row["blocking"] for row in found["priced_without_geometry"])
    assert readiness.info["problems"]["not_selected"] == 8


@pytest.mark.parametrize("rules", RULE_SETS, ids=lambda p: p.name)
@pytest.mark.parametrize("model", [HOUSE, HOUSE_2X3], ids=lambda p: p.name)
def test_the_sample_house_is_ready(model, rules):
    code, stdout, _ = run("check", model, "--rules", rules)

    assert code == 0, stdout
    assert stdout.startswith(("Prête à chiffrer", "Ready to be priced"))
    blocking = bimquant.check(model, rules).problems["blocking"]
    assert not blocking.astype(bool).any()


def test_the_command_says_what_to_settle_in_french_and_exits_7(tmp_path):
    out = tmp_path / "verification.xlsx"
    code, stdout, stderr = run("check", RESERVES, "--rules", FR_LOTS, "-o", out)

    assert code == 7 and out.exists()
    assert "Pas prête à chiffrer avec Lots français (DPGF) : 2 problème(s) à régler d'abord" in stderr
    assert "8 IfcBuildingElementPart / Kalksandstein KS 20 (4,0 m3) : aucun ouvrage ne les prend" in stderr
    assert "2 IfcWall (4,0 m3) : assemblages dont les parties portent la géométrie" in stderr
    code, stdout, _ = run("check", RESERVES, "--rules", FR_LOTS, "-f", "json")
    data = json.loads(stdout)
    assert code == 7 and data["info"]["ready"] is False
    assert {row["kind"] for row in data["problems"]} >= {"not_selected", "aggregate_parts", "placeholder"}


def test_an_occurrence_its_type_contradicts_and_a_beam_shaped_as_a_wall_are_to_check(tmp_path):
    model = ifcopenshell.open(str(HOUSE))
    roof = next(s for s in model.by_type("IfcSlab") if s.PredefinedType == "ROOF")
    slab_type = ifcopenshell.api.root.create_entity(
        model, ifc_class="IfcSlabType", name="Dalle 20", predefined_type="FLOOR"
    )
    ifcopenshell.api.type.assign_type(model, related_objects=[roof], relating_type=slab_type)
    roof.PredefinedType = "ROOF"  # the api clears it; an exporter writes both
    wall = next(w for w in model.by_type("IfcWall") if w.Name.startswith("W1 "))
    ifcopenshell.api.root.reassign_class(model, product=wall, ifc_class="IfcBeam")
    path = tmp_path / "house.ifc"
    model.write(str(path))

    found = problems(bimquant.check(path, FR_LOTS))
    read = bimquant.takeoff(path).elements.set_index("global_id").loc[roof.GlobalId, "predefined_type"]
    assert read == "ROOF"  # what the detail says: a pitched pan typed FLOOR is read as its occurrence says

    (typed,) = found["type_disagrees"]
    assert typed["detail"] == "the occurrence says ROOF, its type says FLOOR: read as ROOF"
    assert typed["type_name"] == "Dalle 20" and not typed["blocking"]
    (beam,) = found["class_contradicts_shape"]
    assert beam["ifc_class"] == "IfcBeam" and beam["detail"].startswith(
        "IfcBeam shaped as a panel 3.00 m high, 0.30 m thick, 6.00 m long: read as IfcWall"
    )


# --- the IDS ----------------------------------------------------------------------------------


@pytest.mark.parametrize("rules", RULE_SETS, ids=lambda p: p.name)
def test_each_shipped_rule_set_gets_an_ids_the_sample_models_pass(rules, tmp_path):
    from ifctester import ids

    path = tmp_path / f"{rules.stem}.ids"
    assert run("check", HOUSE, "--rules", rules, "--ids", path)[0] == 0

    for model in (HOUSE, HOUSE_2X3):
        document = ids.open(str(path))  # ifctester reads it back: a valid IDS 1.0 file
        document.validate(ifcopenshell.open(str(model)))
        failed = [s.name for s in document.specifications if s.status is False]
        assert not failed, (model.name, failed)
        assert any(s.status is True and s.applicable_entities for s in document.specifications)


@pytest.mark.parametrize("rules", RULE_SETS, ids=lambda p: p.name)
def test_the_reserves_model_fails_the_ids_on_the_expected_requirements(rules, tmp_path):
    from ifctester import ids

    path = tmp_path / "exigences.ids"
    assert run("check", RESERVES, "--rules", parts_level(rules), "--ids", path)[0] == 7

    document = ids.open(str(path))
    document.validate(ifcopenshell.open(str(RESERVES)))
    failed = {s.name.split(":")[0].strip(): s for s in document.specifications if s.status is False}
    assert set(failed) == {"IfcWall", "IfcBuildingElementPart"}
    names = sorted(e.Name for e in failed["IfcWall"].failed_entities)
    assert names == ["W3 wall without material", "WP1 block wall", "WP2 block wall"]  # no material of their own


def test_an_ids_output_that_is_not_ids_is_refused_before_measuring(tmp_path):
    code, _, stderr = run("check", RESERVES, "--rules", FR_LOTS, "--ids", tmp_path / "exigences.xml")

    assert code == 6
    assert_one_error(stderr, "exigences.xml", ".ids")
    assert not (tmp_path / "exigences.xml").exists()


def test_bad_inputs_are_one_line_each(tmp_path):
    code, _, stderr = run("check", tmp_path / "missing.ifc", "--rules", FR_LOTS)
    assert code == 3 and "Traceback" not in stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("[ruleset]\nname = 'x'\n[[item]]\ncode = 1\n", encoding="utf-8")
    code, _, stderr = run("check", HOUSE, "--rules", broken, "--ids", tmp_path / "x.ids")
    assert code == 4 and not (tmp_path / "x.ids").exists()
    assert_one_error(stderr, "broken.toml")


def test_a_pitched_pan_typed_floor_is_priced_as_a_roof_and_a_flat_slab_typed_roof_as_a_floor(tmp_path):
    # issue 24: an exporter's type FLOOR on the house's roof pans, and ROOF on its level 1 slab;
    # read with the shape, the estimate is the house's own, line for line
    model = ifcopenshell.open(str(HOUSE))
    floor = ifcopenshell.api.root.create_entity(model, ifc_class="IfcSlabType", name="Dalle", predefined_type="FLOOR")
    roof = ifcopenshell.api.root.create_entity(model, ifc_class="IfcSlabType", name="Pan", predefined_type="ROOF")
    pans = [s for s in model.by_type("IfcSlab") if s.PredefinedType == "ROOF"]
    level1 = next(s for s in model.by_type("IfcSlab") if s.Name.startswith("S2 "))
    ifcopenshell.api.type.assign_type(model, related_objects=pans, relating_type=floor)
    ifcopenshell.api.type.assign_type(model, related_objects=[level1], relating_type=roof)
    for pan in pans:
        pan.PredefinedType = "ROOF"  # the api clears them; an exporter writes both
    level1.PredefinedType = "FLOOR"
    path = tmp_path / "typed.ifc"
    model.write(str(path))

    elements = bimquant.takeoff(path).elements.set_index("name")
    read = elements["predefined_type"]
    assert [read[p.Name] for p in pans] == ["ROOF", "ROOF"] and read[level1.Name] == "FLOOR"
    assert "read as ROOF (its upper face slopes)" in elements.loc[pans[0].Name, "measure_note"]
    assert "read as FLOOR (it is flat)" in elements.loc[level1.Name, "measure_note"]
    ours = bimquant.estimate(path, FR_LOTS, ROOT / "rules" / "fr-prix.csv").lines.set_index("code")["amount"]
    house = bimquant.estimate(HOUSE, FR_LOTS, ROOT / "rules" / "fr-prix.csv").lines.set_index("code")["amount"]
    assert ours.equals(house)


def test_without_ifctester_ids_names_the_extra_before_measuring(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_ifctester(name, *args, **kwargs):
        if name.startswith("ifctester"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ifctester)
    monkeypatch.setattr(bimquant, "check", lambda *a, **k: pytest.fail("measured before refusing"))
    code, _, stderr = run("check", HOUSE, "--rules", FR_LOTS, "--ids", tmp_path / "x.ids")

    assert code == 2 and not (tmp_path / "x.ids").exists()
    assert_one_error(stderr, "ifctester")
    assert 'pip install "bimquant[ids]"' in stderr


EXAMPLE = ROOT.parent / "shared" / "models" / "example.ifc"


@pytest.mark.real
@pytest.mark.skipif(not EXAMPLE.is_file(), reason=f"{EXAMPLE} not found (CI has it)")
def test_a_damaged_model_is_said_damaged_once(tmp_path):
    # check reads the file a second time for the type objects: the takeoff already said its damage
    code, _, stderr = run("check", EXAMPLE, "--rules", RULE_SETS[1], "--locale", "en")

    assert code == 7 and stderr.count("example.ifc is damaged") == 1, stderr
