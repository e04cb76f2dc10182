"""The report's data: an estimate, the takeoff it priced, the elements shown and their meshes.

:func:`bimquant.report_view` builds a :class:`View`; :func:`bimquant.report.html.write_html`
draws it. Keeping the data apart from the page lets a test read what the report shows without
parsing HTML, and another writer draw the same view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from bimquant.schedule import Plan
from bimquant.diff import Revision
from bimquant.estimate import Budget
from bimquant.report.scene import Scene
from bimquant.result import Result
from bimquant.takeoff import Takeoff


@dataclass
class View(Result):
    """What the HTML report shows: an estimate, the takeoff it priced, and the elements' meshes.

    - ``elements``: one row per element shown: the measured ones (in the takeoff's order), those
      whose geometry failed, and with a revision, those removed since the old model; columns
      ``global_id, ifc_class, name, storey, status, diff_status, suspect``.
    - ``scene``: the packed meshes; ``scene`` element indices are rows of ``elements``.
    - ``revision``: the :func:`bimquant.diff` against an older model, when one was given.
    - ``plan``: the works schedule (:func:`bimquant.plan`), when a productivity file was given.
    - ``info``: header facts (file, schema, sha256, bimquant version, date).
    """

    TABLES = ("elements",)

    budget: Budget
    takeoff: Takeoff
    elements: pd.DataFrame
    scene: Scene
    revision: Revision | None = None
    info: dict = field(default_factory=dict)
    plan: Plan | None = None  # the works schedule, when the report was asked one
