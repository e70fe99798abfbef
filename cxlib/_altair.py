"""Altair, imported in half the time: without jsonschema's optional IRI checker.

Importing Altair imports jsonschema, and jsonschema, when the package ``rfc3987_syntax`` is
installed (Jupyter's server installs it, through ``jsonschema[format-nongpl]``), imports it to
check the ``"iri"`` string format. That import builds a parser for the whole RFC 3987 grammar:
measured, 1.9 s of the 3.8 s that ``import cxlib.charts, cxlib.widgets`` takes on a quiet
machine, and 6 s under load. Every kernel pays it: each lesson, each exercise a student runs or
validates, and each submission nbgrader grades.

Neither Altair nor the course checks that format. So while Altair loads for the first time, the
package is hidden from jsonschema (an entry of ``None`` in ``sys.modules`` makes its import fail,
which jsonschema treats as "not installed"), then the entry is removed again, so that any later
``import rfc3987_syntax`` works as usual. The one lasting effect: in a process that imported
cxlib's charts before jsonschema, jsonschema's ``FormatChecker`` has no ``"iri"`` check. Import
jsonschema first to keep it. Nothing is hidden when jsonschema or Altair is already loaded.
"""

from __future__ import annotations

import sys

_HIDDEN = "rfc3987_syntax"


def _import_altair():
    if any(name in sys.modules for name in ("altair", "jsonschema", _HIDDEN)):
        import altair

        return altair
    sys.modules[_HIDDEN] = None  # type: ignore[assignment]
    try:
        import altair
    finally:
        if sys.modules.get(_HIDDEN, 0) is None:
            del sys.modules[_HIDDEN]
    return altair


alt = _import_altair()

__all__ = ["alt"]
