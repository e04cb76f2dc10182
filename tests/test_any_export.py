"""Any export priced right (issue 24): properties every shared export must satisfy with both
shipped rule sets, whatever tool wrote it. Never one file's figures:

- 95 % or more of the building volume is priced once, and no element is priced twice;
- no precast element (or precast layer) feeds a ready-mix or a rebar order;
- no wall is painted on more than its two faces, and a lining on more than one;
- steel priced by weight weighs what steel weighs (7,000 to 8,100 kg per m3 of its volume).
"""

from __future__ import annotations

import pytest

from conftest import ROOT

import bimquant
from bimquant.rules.apply import with_reading
from bimquant.rules.reading import find_linings, is_precast_material

SHARED = ROOT.parent / "shared" / "models"
SHARED_NAMES = sorted(p.name for p in SHARED.glob("*.ifc")) if SHARED.is_dir() else []
RULE_SETS = [
    ("fr-lots.toml", "fr-prix.csv", "fr-recettes.toml"),
    ("en-trades.toml", "en-prices.csv", "en-recipes.toml"),
]
# The recipes' poured concrete and site rebar (what a precast element must never be ordered as).
POURED = {
    "fr-recettes.toml": ("beton-fondations", "beton-dalles", "beton-voiles", "beton-petits-elements", "acier-ha"),
    "en-recipes.toml": ("concrete-foundations", "concrete-slabs", "concrete-walls", "concrete-small-elements", "rebar"),
}


@pytest.mark.real
@pytest.mark.skipif(not SHARED.is_dir(), reason=f"real IFC models not found at {SHARED} (CI has them)")
@pytest.mark.parametrize("rules,prices,recipes", RULE_SETS, ids=["fr", "en"])
@pytest.mark.parametrize("name", SHARED_NAMES)
def test_every_export_is_priced_once_and_plausibly(name, rules, prices, recipes):
    from measured import measured

    takeoff = measured(SHARED / name)
    budget = bimquant.estimate(takeoff, ROOT / "rules" / rules, ROOT / "rules" / prices)
    coverage, trace = budget.work.coverage, budget.trace

    assert coverage["volume_share"] >= 0.95, (name, coverage["gaps"][:3])
    assert coverage["double_counted"] == 0, name

    # precast: no poured concrete, no site rebar
    schema = takeoff.info["schema"]
    walls = takeoff.elements[takeoff.elements["family"] == "wall"].to_dict(orient="records")
    against = find_linings(walls)
    read = {e["global_id"]: with_reading(e, schema, against) for e in takeoff.elements.to_dict(orient="records")}
    needs = bimquant.order(takeoff, ROOT / "rules" / rules, ROOT / "rules" / recipes).needs
    poured = needs[needs["material"].isin(POURED[recipes])]
    for row in poured[["global_id", "code"]].drop_duplicates().to_dict(orient="records"):
        element = read.get(row["global_id"])
        if element is None or not element["precast"]:
            continue
        assert element["precast_by_material"], (name, row)  # a precast property or name: nothing poured
        fed = trace[(trace["global_id"] == row["global_id"]) & (trace["code"] == row["code"])]
        assert not fed["layer"].map(is_precast_material).any(), (name, row)  # only its cast-in-place layers

    # paint: at most the wall's two faces, a lining's one
    paint = trace[trace["measures"].astype(str).str.startswith("finish")].groupby("global_id")["contribution"].sum()
    faces = takeoff.elements.set_index("global_id")["gross_side_area_m2"]
    for gid, painted in paint.items():
        if gid not in faces.index or not faces[gid] == faces[gid]:
            continue
        sides = 1 if read[gid]["lining"] else 2
        assert painted <= sides * faces[gid] * (1 + 1e-9) + 1e-9, (name, gid, painted, faces[gid])

    # steel by weight: a density of steel
    steel = trace[trace["code"] == "10.02.01"].merge(
        takeoff.elements[["global_id", "net_volume_m3"]], on="global_id", how="left"
    )
    steel = steel[(steel["contribution"] > 0) & (steel["net_volume_m3"] > 0)]
    ratio = steel["contribution"] / steel["net_volume_m3"]
    assert ratio.between(7000, 8100).all(), (name, ratio.describe())
