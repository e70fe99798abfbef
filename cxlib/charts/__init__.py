"""Charts for the course: ``from cxlib import charts``.

Every chart in the lessons comes from here, so they all look alike: a title that says what the
chart shows, axis titles with units, the Okabe-Ito palette, and an offline renderer that draws in
JupyterLab 4 with no internet. The shared pieces (theme, :func:`enable`, :func:`table`, the
time axis, goal lines, :func:`lines_chart`, :func:`to_png`) are in :mod:`cxlib.charts._base`;
each topic's builders are in a module of their own:

=====================================  ====================================================
module                                 builders
=====================================  ====================================================
:mod:`cxlib.charts.customers`          the customer base over time, retention by tenure,
                                       survival projections (lesson 01)
:mod:`cxlib.charts.recovery`           recovery paths, the approval limit, survival under
                                       policies, Pareto charts (lesson 02)
:mod:`cxlib.charts.surveys`            loyalty curves, true against surveyed answers,
                                       survivorship, Simpson's paradox, gaming (lesson 03)
:mod:`cxlib.charts.queueing`           arrivals, staffing and cost curves, a day by interval
                                       (lessons 00 and 04)
=====================================  ====================================================

Every module's public names are available here directly (``charts.staffing_curve_chart``).
A builder takes model results and returns an Altair chart; it never runs a model of its own.
Importing this package changes no global state (but see :mod:`cxlib._altair`, which loads Altair
without jsonschema's unused IRI checker): :func:`enable` does, and the builders call it.
"""

from .._altair import alt as _alt  # noqa: F401  (first: Altair, quickly; see cxlib._altair)
from .._topics import gather
from ._base import (
    BACKGROUND, CATEGORY, DASHES, HEIGHT, MAX_ROWS, PALETTE, TEXT_COLORS, WIDTH,
    axis_title, clock_stamps, describe, enable,
    goal_lines, lines_chart, table, theme, time_axis, to_png, to_table,
)
from . import _base

__all__ = [*_base.__all__, *gather(__name__, __path__, globals())]
