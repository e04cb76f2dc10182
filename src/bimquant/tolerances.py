"""Every tolerance bimquant applies, in one place, each with its unit and why it has that value.

Geometry tolerances are in metres (or a cosine / a share where said); the comparison and
rounding tolerances are relative.
"""

from __future__ import annotations

import math

# --- meshes (bimquant.quantities.mesh) ---
# Two faces belong to one plane direction when their normals are within this angle.
FACE_ANGLE_TOL_DEG = 5.0
COS_FACE_TOL = math.cos(math.radians(FACE_ANGLE_TOL_DEG))
# A roof pitch counts as a main face when it has this share of the largest one's area, and
# only faces with |normal z| above SLOPED_MIN_NZ (not slab edges) can be pitches.
MAJOR_PLANE_SHARE = 0.5
SLOPED_MIN_NZ = 0.2
# Vertices closer than this (m) are one vertex when checking that a mesh is closed.
WELD_TOL_M = 1e-6
# Normals with |z| below this are "vertical faces" (walls' sides), above: faces seen on plan.
PLAN_NORMAL_EPS = 1e-6
# Faces are on one plane when their normals and offsets agree to this (m, and unit normal).
PLANE_KEY_TOL = 1e-6
# When GEOS cannot union projected faces exactly, they are snapped to this grid (m) first.
SNAP_GRID_M = 1e-7

# --- element measures (bimquant.quantities.measure) ---
# A straight wall's main faces times its thickness give its volume; below this share of the
# volume the wall is curved or irregular and its side area is taken as volume / thickness.
PLANAR_COVERAGE_MIN = 0.9

# --- external walls from geometry (bimquant.quantities.exterior) ---
# Wall footprints are grown by this (m) so that walls meeting at a corner join into one outline.
JOIN_GAP_M = 0.05
# A wall whose footprint lies within this (m) of its storey's outline is external.
OUTLINE_TOL_M = 0.02

# --- authored quantities (bimquant.authored) ---
# An authored value within this relative difference of the geometry is "ok" ("within 1%").
AUTHORED_REL_TOL = 0.01

# --- orders (bimquant.orders) ---
# A pack ratio within this relative distance of a whole number is that number (float noise).
PACK_RATIO_REL_EPS = 1e-9

# A mesh's volume against the exact volume of its body (bimquant.solids): plane faces agree to
# rounding; a curved one is a polygon, off by its polygon error: 1e-4 for a circle of 256
# segments (the fast kernel), up to 1.3e-3 for the fillets of steel sections in OpenCASCADE's.
# Beyond, the mesh is wrong (an RHS of structural_basic 0.46 % heavy in the fast kernel).
EXACT_REL_TOL = 1e-6
EXACT_CURVED_REL_TOL = 2e-3

# --- revisions (bimquant.diff), README "Revisions" ---
# Two elements of two revisions whose GlobalIds differ may be one element when the centres of
# their boxes are within REVISION_POSITION_M (m), every side of the boxes within
# REVISION_SIZE_M (m) and their volumes within REVISION_VOLUME_REL (relative). Among several
# candidates, the best (nearest; REVISION_TIE_PENALTY_M added per differing storey, type or
# material) is taken only when the next is REVISION_CLEAR_MARGIN_M worse: otherwise ambiguous.
REVISION_POSITION_M = 0.05
REVISION_SIZE_M = 0.01
REVISION_VOLUME_REL = 0.01
REVISION_TIE_PENALTY_M = 0.01
REVISION_CLEAR_MARGIN_M = 0.005
# Left unpaired after that, elements with the same class, name and type and the same body (sides
# within REVISION_SIZE_M, volumes within REVISION_VOLUME_REL) are paired as a person would:
# - a group of at least REVISION_GROUP_MIN elements moved by one common translation (within
#   REVISION_GROUP_TOLERANCE_M) of at most REVISION_GROUP_MOVE_M (nine precast planks raised by
#   9 cm, exported again with new GlobalIds);
# - then an element with exactly one such candidate, which has exactly it, at most
#   REVISION_SINGLE_MOVE_M away.
REVISION_GROUP_MIN = 2
REVISION_GROUP_TOLERANCE_M = 0.002
REVISION_GROUP_MOVE_M = 1.0
REVISION_SINGLE_MOVE_M = 0.5
# A quantity changed (and an element's contribution to a work item moved) when it moved by more
# than both of these: 0.1 % and 0.001 in its unit (1 mm, 10 cm2, 1 litre). Another exporter, or
# another version of one, writes the same body a little differently: AC11 and AC20 give the
# round windows of FZK-Haus opening areas 0.03 % apart. An element moved when its centre moved
# past 1 mm.
REVISION_CHANGE_REL = 1e-3
REVISION_CHANGE_ABS = 1e-3
REVISION_MOVE_M = 0.001

# The densest material on Earth (osmium) is 22,590 kg/m3: a material density above this bound is
# a typing or unit mistake of the file, never used to weigh anything (the weight stays unknown).
MAX_DENSITY_KG_M3 = 25_000.0

# No point of a building lies this far from the origin, georeferenced or not (the Earth's
# circumference is 4e7 m, a projected northing at most 1e7 m): a body reaching past it is a broken
# number in the file, and its element a failure, never an area or a volume.
MAX_COORDINATE_M = 1e8
