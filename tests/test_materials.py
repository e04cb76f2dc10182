"""The material library: densities, and so weights, where the model states none (issue 10).

Steel exports rarely carry a density, yet steelwork is priced and ordered by weight.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import HOUSE, ROOT, assert_one_error, run

import bimquant
from bimquant.errors import RuleError
from bimquant.materials import NO_LIBRARY, load_materials

HOUSE_2X3 = ROOT / "sample_models" / "house_ifc2x3.ifc"
STEEL = ROOT.parent / "shared" / "models" / "SteelOpenings_IFC4.ifc"


@pytest.mark.parametrize(
    "name, family, density",
    [
        ("_S335J0_wg", "steel", 7850),  # SteelOpenings_IFC4.ifc's beams (S355J0, mistyped)
        ("S235JR", "steel", 7850),
        ("Acier S355", "steel", 7850),
        ("Baustahl", "steel", 7850),
        ("Stahlbeton", "reinforced concrete", 2500),  # not steel
        ("Béton armé C25/30", "reinforced concrete", 2500),
        ("Leichtbeton 102890359", "lightweight concrete", 1600),  # FZK-Haus: not reinforced concrete
        ("Concrete, Cast-in-Place gray", "concrete", 2400),
        ("Kalksandstein", "sand-lime masonry", 1800),
        ("Porenbeton", "aerated concrete", 500),
        ("Brick, Common", "clay brick", 1800),
        ("_Holzwerkstoffplatte_wg transparent", "wood-based panel", 650),
        ("Bois lamellé-collé GL24h", "glued laminated timber", 420),
        ("Sapin C24", "timber", 420),
        ("Aluminium", "aluminium", 2700),
        ("Verre feuilleté", "glass", 2500),
        ("Isolant laine minérale", "insulation", 30),
        ("Gipskartonplatte 12,5", "plasterboard", 750),
        ("Железобетон B25", "reinforced concrete", 2500),
        ("B35", "concrete", 2400),
        ("KZS 20", "sand-lime masonry", 1800),
    ],
)
def test_names_in_four_languages_find_their_density(name, family, density):
    entry = load_materials().lookup(name)
    assert entry is not None and (entry.family, entry.density_kg_m3) == (family, density)


@pytest.mark.parametrize("name", ["Aussparungskoerper", "Texture 3", None, ""])
def test_names_without_an_entry_get_no_density(name):
    assert load_materials().lookup(name) is None


def test_the_model_density_wins_and_the_source_is_said():
    result = bimquant.takeoff(HOUSE)
    rows = result.elements.set_index(result.elements["name"].str.split().str[0])
    # IFC4 house: W3's concrete has a density in the file (2500); the door's oak has none, and
    # a door's body (frame, glass, air) is never weighed from a library density
    assert rows.loc["W3", "density_source"] == "model"
    assert rows.loc["W3", "weight_kg"] == pytest.approx(1.6 * 2500)
    assert pd.isna(rows.loc["D1", "density_source"]) and np.isnan(rows.loc["D1", "weight_kg"])


def test_an_ifc2x3_model_without_densities_is_weighed_from_the_library():
    result = bimquant.takeoff(HOUSE_2X3)
    rows = result.elements.set_index(result.elements["name"].str.split().str[0])
    assert rows.loc["W3", "density_source"] == "library: reinforced concrete"
    assert rows.loc["W3", "weight_kg"] == pytest.approx(1.6 * 2500, rel=1e-9)
    assert rows.loc["B2", "weight_kg"] == pytest.approx(0.32 * 420, rel=1e-9)  # glulam GL24h
    # W1: 0.2 m of concrete (3.6 m3) and 0.1 m of mineral wool (1.8 m3), each at its family's density
    assert rows.loc["W1", "density_source"] == "library: reinforced concrete; library: insulation"
    assert rows.loc["W1", "weight_kg"] == pytest.approx(3.6 * 2500 + 1.8 * 30, rel=1e-9)
    assert np.isnan(rows.loc["WN1", "weight_kg"])  # a window is not weighed from a density
    without = bimquant.takeoff(HOUSE_2X3, materials=NO_LIBRARY)
    assert without.elements["weight_kg"].isna().all()


@pytest.mark.skipif(not STEEL.is_file(), reason=f"{STEEL.name} not found (CI has it)")
def test_every_steel_member_of_steel_openings_has_its_weight():
    result = bimquant.takeoff(STEEL)
    elements = result.elements
    steel = elements[elements["material"].fillna("").str.contains("S335J0")]
    assert len(steel) == 196
    assert set(steel["ifc_class"]) <= {"IfcBeam", "IfcColumn", "IfcMember", "IfcPlate"}
    assert (steel["density_source"] == "library: steel").all()
    np.testing.assert_allclose(steel["weight_kg"], 7850 * steel["net_volume_m3"], rtol=1e-9)
    structural = elements[elements["ifc_class"].isin(["IfcBeam", "IfcColumn", "IfcMember", "IfcPlate"])]
    assert structural["weight_kg"].notna().all()  # the wood-based panels too, at 650 kg/m3


def test_a_bad_material_library_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "materials.toml"
    bad.write_text('[[material]]\nfamily = "steel"\ndensity_kg_m3 = -1\npatterns = ["*acier*"]\n', encoding="utf-8")

    with pytest.raises(RuleError, match="density_kg_m3"):
        load_materials(bad)
    code, stdout, stderr = run("takeoff", HOUSE, "--materials", bad, "-o", tmp_path / "t.csv")
    assert code == 4
    assert_one_error(stderr, "materials.toml", "density_kg_m3")
    assert not (tmp_path / "t.csv").exists()


def test_a_library_of_ones_own_replaces_the_shipped_one(tmp_path):
    mine = tmp_path / "materials.toml"
    mine.write_text(
        '[library]\nname = "mine"\n[[material]]\nfamily = "concrete"\ndensity_kg_m3 = 2450\npatterns = ["*beton*"]\n',
        encoding="utf-8",
    )

    result = bimquant.takeoff(HOUSE_2X3, materials=mine)

    w3 = result.elements[result.elements["name"].str.startswith("W3")].iloc[0]
    assert w3["weight_kg"] == pytest.approx(1.6 * 2450) and w3["density_source"] == "library: concrete"
    assert result.info["material_library"] == str(Path(mine))
