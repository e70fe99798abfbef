"""cxlib: the library behind *Customer Service by the Numbers*.

Three layers, with imports pointing one way (widgets -> charts -> models):

============  ==========================================================================
layer         modules
============  ==========================================================================
models        one per topic: :mod:`cxlib.customers` (lesson 01), :mod:`cxlib.recovery` (02),
(NumPy,       :mod:`cxlib.surveys` (03), :mod:`cxlib.queueing` (00, 04), and
SciPy)        :mod:`cxlib.system` (05, the capstone, which composes the four); the data sets
              in :mod:`cxlib.data`
charts        :mod:`cxlib.charts`: one module per topic, on a shared base (theme, offline
(Altair)      renderer, text alternatives)
widgets       :mod:`cxlib.widgets`: one explorer module per topic, on a shared base
(ipywidgets)
shared        :mod:`cxlib.seeding` (seeds, streams, standard draws), and the private
              ``_checks`` (input checks), ``_results`` (frozen results), ``_stats``
              (estimates and intervals)
============  ==========================================================================

No topic imports another except through its public names, and none imports the capstone.
Importing ``cxlib`` loads none of the layers and changes no global state; import what a
notebook needs, for example ``from cxlib import data, charts``.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
