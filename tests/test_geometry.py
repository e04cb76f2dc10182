"""The geometry stage survives a kernel that crashes on one element."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import bimquant
from bimquant.geometry import iterator

HOUSE = Path(__file__).resolve().parents[1] / "sample_models" / "house_ifc4.ifc"


def test_a_kernel_crash_on_one_element_is_contained(monkeypatch):
    normal = bimquant.takeoff(HOUSE)
    victim = normal.elements.loc[normal.elements["name"].str.startswith("B1"), "global_id"].item()
    mesh_all = iterator._mesh_all

    def crash_on_victim(ifc, products, library, openings, threads):
        for pid, vertices, faces in mesh_all(ifc, products, library, openings, threads):
            if ifc.by_id(pid).GlobalId == victim:
                os.kill(os.getpid(), signal.SIGSEGV)  # what a kernel bug does to the process
            yield pid, vertices, faces

    monkeypatch.setattr(iterator, "_mesh_all", crash_on_victim)
    monkeypatch.setattr(iterator, "get_parametric_shape", lambda *args: None)  # every body to the kernel
    result = bimquant.takeoff(HOUSE)

    assert list(result.failures["global_id"]) == [victim]
    assert "crashed" in result.failures["reason"].item()
    others = normal.elements[normal.elements["global_id"] != victim].set_index("global_id")
    measured = result.elements.set_index("global_id").loc[others.index]
    assert (measured["net_volume_m3"] - others["net_volume_m3"]).abs().max() < 1e-12


def test_a_broken_body_is_reported_with_its_reason(tmp_path):
    import ifcopenshell

    ifc = ifcopenshell.open(str(HOUSE))
    wall = next(w for w in ifc.by_type("IfcWall") if w.Name.startswith("W4"))
    solid = next(i for r in wall.Representation.Representations for i in r.Items if i.is_a("IfcExtrudedAreaSolid"))
    solid.Depth = 0.0
    broken = tmp_path / "broken.ifc"
    ifc.write(str(broken))

    result = bimquant.takeoff(broken)

    row = result.failures.set_index("global_id").loc[wall.GlobalId]
    assert "depth 0" in row["reason"]
    assert len(result.elements) == len(bimquant.takeoff(HOUSE).elements) - 1
