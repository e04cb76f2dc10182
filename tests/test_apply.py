"""The work-item stage on its own, from a hand-made element table (no IFC file)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bimquant.rules import apply_rules, load_ruleset
from bimquant.columns import ELEMENT_COLUMNS, OPENING_COLUMNS
from bimquant.takeoff import Takeoff


def wall(global_id: str, layers: list[tuple[str, float]], **quantities) -> dict:
    row = dict.fromkeys(ELEMENT_COLUMNS)
    row.update(
        global_id=global_id,
        ifc_class="IfcWall",
        name=global_id,
        storey="RDC",
        storey_elevation_m=0.0,
        material="; ".join(dict.fromkeys(m for m, _ in layers)),
        material_layers=[{"material": m, "name": None, "thickness_m": t, "density_kg_m3": None} for m, t in layers],
        properties={},
        openings_count=0,
    )
    row.update(quantities)
    return row


def takeoff_of(*rows: dict) -> Takeoff:
    empty = pd.DataFrame(columns=["global_id", "ifc_class", "name", "storey", "reason"])
    return Takeoff(
        elements=pd.DataFrame(list(rows), columns=ELEMENT_COLUMNS),
        failures=empty,
        excluded=empty,
        authored=pd.DataFrame(),
        openings=pd.DataFrame(columns=OPENING_COLUMNS),
        info={"schema": "IFC4"},
    )


def rules(tmp_path, body: str):
    path = tmp_path / "rules.toml"
    path.write_text('[ruleset]\nname = "t"\nlanguage = "fr"\n' + body, encoding="utf-8")
    return load_ruleset(path)


CONCRETE = """
[[item]]
code = "A"
lot = "02"
label = "Voiles béton"
unit = "m3"
select = { class = "IfcWall", layer = "*béton*" }
quantity = "net_volume_m3"
"""


def test_two_layers_of_one_material_are_one_item_not_a_conflict(tmp_path):
    element = wall("W", [("Béton", 0.1), ("Béton", 0.1), ("Isolant", 0.1)], net_volume_m3=3.0)
    work = apply_rules(takeoff_of(element), rules(tmp_path, CONCRETE))
    assert work.items.loc[0, "quantity"] == pytest.approx(2.0)  # two thirds of 3 m3
    assert len(work.trace) == 2
    assert work.warnings.empty


def test_two_items_measuring_one_layer_are_a_conflict(tmp_path):
    element = wall("W", [("Béton", 0.2)], net_volume_m3=3.0)
    twice = CONCRETE + CONCRETE.replace('code = "A"', 'code = "B"')
    work = apply_rules(takeoff_of(element), rules(tmp_path, twice))
    conflicts = work.warnings[work.warnings["kind"] == "conflict"]
    assert len(conflicts) == 1
    assert "A and B" in conflicts["message"].item()


def test_an_element_matching_no_item_is_listed_with_the_reason(tmp_path):
    element = wall("W", [("Brique", 0.2)], net_volume_m3=3.0)
    work = apply_rules(takeoff_of(element), rules(tmp_path, CONCRETE))
    assert list(work.unmapped["global_id"]) == ["W"]
    assert "Brique" in work.unmapped["reason"].item()
    assert work.coverage["elements_share"] == 0
    assert work.items.loc[0, "quantity"] == 0 and work.items.loc[0, "elements"] == 0


def test_a_missing_value_is_left_out_of_the_total_and_warned(tmp_path):
    body = CONCRETE.replace('"net_volume_m3"', '"weight_kg"').replace('"m3"', '"kg"')
    work = apply_rules(takeoff_of(wall("W", [("Béton", 0.2)], weight_kg=math.nan)), rules(tmp_path, body))
    assert work.items.loc[0, "quantity"] == 0
    assert work.items.loc[0, "missing_values"] == 1
    assert list(work.warnings["kind"]) == ["missing_value"]
