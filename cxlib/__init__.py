"""cxlib: the library behind *Customer Service by the Numbers*.

Three layers, with imports pointing one way (widgets -> charts -> models):

* models (NumPy only): :mod:`cxlib.data`, :mod:`cxlib.queueing`, :mod:`cxlib.seeding`
* charts (Altair): :mod:`cxlib.charts`
* widgets (ipywidgets): :mod:`cxlib.widgets`

Importing ``cxlib`` loads none of the layers and changes no global state; import what a
notebook needs, for example ``from cxlib import data, charts``.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
