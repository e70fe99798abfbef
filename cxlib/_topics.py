"""How ``cxlib.data``, ``cxlib.charts`` and ``cxlib.widgets`` find their topic modules.

Each of these packages holds one module per topic (``charts/queueing.py``,
``charts/customers.py``, ...). The package's ``__init__`` calls :func:`gather`, which imports every
public module in the package and re-exports the names in its ``__all__``. So a new topic adds
its module and touches no other file, and ``charts.retention_chart`` works as if every builder
lived in one flat module. Two modules exporting the same name is a mistake that would silently
shadow one of them, so it stops the import with a message naming both.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

__all__ = ["gather"]


def gather(package: str, path: list[str], namespace: dict[str, Any]) -> list[str]:
    """Import the public modules of ``package`` and copy their ``__all__`` into ``namespace``.

    Parameters
    ----------
    package : str
        The package's dotted name (its ``__name__``).
    path : list of str
        The package's ``__path__``.
    namespace : dict
        The package's ``globals()``; names already there (from its ``_base`` module) count too.

    Returns
    -------
    list of str
        The names exported, in module order (modules sorted by name).

    Examples
    --------
    >>> import cxlib.charts as charts
    >>> "staffing_curve_chart" in charts.__all__
    True
    """
    exported: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for name in module.__all__:
            owner = exported.get(name)
            if owner is not None or (name in namespace and namespace[name] is not getattr(
                    module, name)):
                raise ImportError(
                    f"{package}.{info.name} exports {name!r}, which "
                    f"{package}.{owner or '_base'} exports too: rename one of them"
                )
            exported[name] = info.name
            namespace[name] = getattr(module, name)
    return list(exported)
