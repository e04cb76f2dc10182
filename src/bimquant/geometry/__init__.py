"""Geometry stage: element bodies triangulated by ifcopenshell, each kernel in a forked child.

``policy`` decides which kernel meshes which element; ``iterator`` runs the kernels and contains
their crashes; ``shape`` is what this stage hands the quantities stage.
"""

from bimquant.geometry.policy import KERNELS, get_shapes
from bimquant.geometry.shape import Shape

__all__ = ["KERNELS", "Shape", "get_shapes"]
