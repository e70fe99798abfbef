"""cxlib.charts loads Altair without jsonschema's IRI checker (cxlib._altair), and only then.

The checker's import builds a parser for RFC 3987 and took half of every kernel's import time.
Each test runs in a fresh interpreter, because this test session has long since loaded both.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, tool_env


def _probe(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=tool_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


REPORT = """
import json, sys
import jsonschema
loaded = "rfc3987_syntax" in sys.modules
iri = "iri" in jsonschema.FormatChecker().checkers
import importlib.util
findable = importlib.util.find_spec("rfc3987_syntax") is not None
print(json.dumps({"loaded": loaded, "iri": iri, "findable": findable,
                  "entry": repr(sys.modules.get("rfc3987_syntax", "absent"))[:40]}))
"""


@pytest.mark.parametrize("first", ["import cxlib.charts", "import cxlib.widgets",
                                   "from cxlib.charts import _base"])
def test_charts_load_altair_without_the_iri_parser(first):
    seen = _probe(first + "\n" + REPORT)
    if not seen["findable"]:
        pytest.skip("rfc3987_syntax is not installed here: nothing to hide")
    assert not seen["loaded"], f"{first} still imported rfc3987_syntax: {seen}"
    assert not seen["iri"]
    assert seen["entry"] == "'absent'", f"the hiding entry was left in sys.modules: {seen}"


def test_the_package_still_imports_afterwards():
    seen = _probe("import cxlib.charts\nimport rfc3987_syntax\n" + REPORT)
    if not seen["findable"]:
        pytest.skip("rfc3987_syntax is not installed here")
    assert seen["loaded"]


def test_nothing_is_hidden_when_jsonschema_came_first():
    seen = _probe("import jsonschema\nimport cxlib.charts\n" + REPORT)
    if not seen["findable"]:
        pytest.skip("rfc3987_syntax is not installed here")
    assert seen["loaded"] and seen["iri"], seen


def test_charts_still_validate_against_the_vega_lite_schema():
    seen = _probe(
        "import json\nfrom cxlib import charts\n"
        "c = charts.lines_chart([1, 2], {'a': [3, 4]}, title='t', x_title='x', y_title='y')\n"
        "c.to_dict(validate=True)\nprint(json.dumps({'ok': True}))"
    )
    assert seen == {"ok": True}
