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
