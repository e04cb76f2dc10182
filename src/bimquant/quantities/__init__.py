"""Quantities from meshes: array maths (``mesh``), per-family element measures (``measure``),
and each opening's area and volume in its host (``openings``). Meshes come from
:mod:`bimquant.geometry`."""
