"""Interactive explorers for the lessons: ``from cxlib import widgets``.

An explorer is a small dashboard: controls in, a chart and a few numbers out. The base class
:class:`Explorer` and the control makers are in :mod:`cxlib.widgets._base`; each topic's
explorers are in a module of their own:

=====================================  ====================================================
module                                 explorers
=====================================  ====================================================
:mod:`cxlib.widgets.customers`         the customer base and its value (lesson 01)
:mod:`cxlib.widgets.recovery`          the silent majority; recovery and the approval limit
                                       (lesson 02)
:mod:`cxlib.widgets.surveys`           true against surveyed satisfaction (lesson 03)
:mod:`cxlib.widgets.queueing`          arrivals (lesson 00), staffing and cost (lesson 04)
=====================================  ====================================================

Every module's public names are available here directly (``widgets.StaffingExplorer``).
"""

from .._altair import alt as _alt  # noqa: F401  (first: Altair, quickly; see cxlib._altair)
from .._topics import gather
from ._base import Explorer, dropdown, slider
from . import _base

__all__ = [*_base.__all__, *gather(__name__, __path__, globals())]
