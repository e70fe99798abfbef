"""The install paths agree: pyproject, environment.yml, Binder, the Makefile, the README and CI."""

from __future__ import annotations

import re
import sys

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
CONDA_ONLY = {"python", "pip"}  # the interpreter and installer, not course dependencies
# Where a package's conda-forge name differs from its PyPI name (none of ours yet).
CONDA_TO_PYPI: dict[str, str] = {}


def _pyproject_requirements() -> dict[str, Requirement]:
    reqs = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    return {r.name.lower(): r for r in reqs}


def _conda_pins(path) -> dict[str, str]:
    env = yaml.safe_load(path.read_text())
    assert "conda-forge" in env["channels"], "environment.yml should use conda-forge"
    pins = {}
    for dep in env["dependencies"]:
        assert isinstance(dep, str), "environment.yml should not need a pip: section"
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*=\s*([0-9]+\.[0-9]+)", dep)
        name = dep.split("=")[0].strip().lower()
        if name == "pip":  # unpinned on purpose: any pip installs the repo in postBuild
            continue
        assert m, f"{dep!r}: pin each package to a minor version, like 'numpy=2.4'"
        pins[CONDA_TO_PYPI.get(m.group(1).lower(), m.group(1).lower())] = m.group(2)
    return pins


def test_environment_names_the_same_packages_as_pyproject():
    pins = _conda_pins(ROOT / "environment.yml")
    reqs = _pyproject_requirements()
    assert set(pins) - CONDA_ONLY == set(reqs), (
        "environment.yml and pyproject.toml must list the same runtime packages; "
        f"only in environment.yml: {sorted(set(pins) - CONDA_ONLY - set(reqs))}, "
        f"only in pyproject: {sorted(set(reqs) - set(pins))}"
    )


@pytest.mark.parametrize("name", sorted(_pyproject_requirements()))
def test_conda_pin_satisfies_pyproject(name):
    pin = _conda_pins(ROOT / "environment.yml")[name]
    spec = _pyproject_requirements()[name].specifier
    # conda's `name=X.Y` means any X.Y.*: some release of that series must satisfy pyproject.
    assert any(Version(f"{pin}.{patch}") in spec for patch in range(100)), (
        f"environment.yml pins {name}={pin}, outside pyproject's {spec}"
    )


def test_python_versions_agree():
    pins = _conda_pins(ROOT / "environment.yml")
    requires = PYPROJECT["project"]["requires-python"]
    assert requires == ">=3.10"
    assert Version(pins["python"]) >= Version("3.10")


def test_environment_has_no_local_references():
    text = (ROOT / "environment.yml").read_text()
    assert not re.search(r"(^|\s)(-e|\.|file:|\./)", text.split("dependencies:")[1]), (
        "environment.yml must not install the repository or local paths: binder/postBuild does"
    )


def test_binder_sees_the_same_environment():
    """With a binder/ folder, Binder reads only that folder: it must hold the same file."""
    env = ROOT / "binder" / "environment.yml"
    assert env.exists(), "binder/environment.yml is missing (Binder ignores the root one)"
    assert env.read_text() == (ROOT / "environment.yml").read_text()


def test_postbuild_installs_the_repo_without_dependencies():
    post = ROOT / "binder" / "postBuild"
    text = post.read_text()
    assert text.startswith("#!"), "postBuild needs a shebang line"
    assert re.search(r"^set -e", text, re.M)
    assert "pip install --no-deps -e ." in text
    assert post.stat().st_mode & 0o111, "postBuild must be executable"


def test_readme_quickstart_binder_badge_and_map():
    readme = (ROOT / "README.md").read_text()
    lab, test = readme.find("make lab"), readme.find("make test")
    assert 0 <= lab < readme.find("environment.yml") and 0 <= test < readme.find("pip install"), (
        "the README shows `make lab` and `make test` before the conda and pip routes"
    )
    badge = re.search(r"https://mybinder\.org/v2/gh/\S+?urlpath=lab/tree/([\w/.%-]+\.ipynb)", readme)
    assert badge, "the README has a Binder badge that opens JupyterLab on a lesson"
    assert (ROOT / badge.group(1)).is_file(), f"the Binder badge opens {badge.group(1)}, which is missing"
    for lesson in sorted((ROOT / "lessons").glob("*.ipynb")):
        assert f"lessons/{lesson.name}" in readme, f"the README's course map misses {lesson.name}"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and re.search(r"^make test\b", ci, re.M)
    assert "set -euo pipefail" in ci
    # CI runs the long tier too, after make test: nothing marked `extended` goes untested.
    test, extended = re.search(r"^make test$", ci, re.M), re.search(r"^make test-extended$", ci, re.M)
    assert test and extended and test.start() < extended.start(), (
        ".ci/run must run `make test` and then `make test-extended`")
    make = (ROOT / "Makefile").read_text()
    assert '-m "not extended"' in make.split("\ntest:")[1].split("\n\n")[0]
    assert "-m extended" in make.split("\ntest-extended:")[1].split("\n\n")[0]


def test_ci_makes_a_missing_browser_a_failure():
    """CI installs Chromium and requires the browser suite, before it runs the tests."""
    ci = (ROOT / ".ci" / "run").read_text()
    deps, require, test = (ci.find("make browser-deps"), ci.find("CXLIB_REQUIRE_BROWSER=1"),
                           re.search(r"^make test\b", ci, re.M))
    assert deps >= 0 and require >= 0 and test, ".ci/run must install Chromium and require it"
    assert deps < test.start() and require < test.start()
    assert re.search(r"^export CXLIB_REQUIRE_BROWSER=1$", ci, re.M)
    browser = (ROOT / "tests" / "test_browser.py").read_text()
    assert 'os.environ.get("CXLIB_REQUIRE_BROWSER")' in browser and "pytest.fail" in browser


def test_ci_makes_a_missing_postgres_a_failure():
    """CI installs PostgreSQL's server and requires the parallel-grading test, before the tests."""
    ci = (ROOT / ".ci" / "run").read_text()
    deps, test = ci.find("make postgres-deps"), re.search(r"^make test\b", ci, re.M)
    assert 0 <= deps < test.start(), ".ci/run must install PostgreSQL before make test"
    assert re.search(r"^export CXLIB_REQUIRE_POSTGRES=1$", ci, re.M)
    scale = (ROOT / "tests" / "test_grading_scale.py").read_text()
    assert 'os.environ.get("CXLIB_REQUIRE_POSTGRES")' in scale and "pytest.fail" in scale


def test_ci_makes_a_missing_hub_a_failure():
    """CI installs configurable-http-proxy (npm ci) and jupyterhub, and requires the hub round
    trip, before it runs the tests."""
    import json

    ci = (ROOT / ".ci" / "run").read_text()
    deps, test = ci.find("make browser-deps"), re.search(r"^make test\b", ci, re.M)
    require = re.search(r"^export CXLIB_REQUIRE_HUB=1$", ci, re.M)
    assert require and 0 <= deps < test.start() and require.start() < test.start(), (
        ".ci/run must install the hub's proxy and require the hub test before make test")
    hub = (ROOT / "tests" / "test_hub.py").read_text()
    assert 'os.environ.get("CXLIB_REQUIRE_HUB")' in hub and "pytest.fail" in hub
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    version = package["devDependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin configurable-http-proxy exactly"
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == version
    assert '"node_modules" / ".bin" / "configurable-http-proxy"' in hub
    test_extra = [Requirement(r).name for r in PYPROJECT["project"]["optional-dependencies"]["test"]]
    assert "jupyterhub" in test_extra, "the test extra must install jupyterhub"
    markers = PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]
    assert any(m.startswith("extended:") for m in markers)
    assert "pytest.mark.extended" in hub


def test_makefile_has_the_documented_targets():
    make = (ROOT / "Makefile").read_text()
    for target in ("lab", "test", "exercises", "bench"):
        assert re.search(rf"^{target}:", make, re.M), f"Makefile lacks `{target}`"


@pytest.mark.parametrize("name", ["README.md", "INSTRUCTORS.md", "CONTRIBUTING.md", "LICENSE",
                                  "LICENSE-CONTENT"])
def test_course_documents_exist(name):
    assert (ROOT / name).is_file() and (ROOT / name).stat().st_size > 200


def test_instructor_state_is_ignored():
    ignored = (ROOT / ".gitignore").read_text().split()
    for entry in ("gradebook.db", "submitted/", "autograded/", "feedback/"):
        assert entry in ignored, f".gitignore must list {entry}"


def test_environments_are_ignored_even_as_symlinks():
    """A worktree that links .venv to a shared environment must not commit the link: a pattern
    with a trailing slash matches only a folder, and a committed link breaks every clean clone
    (and a merge then replaced the real folder with it)."""
    import subprocess

    ignored = (ROOT / ".gitignore").read_text().split()
    for entry in (".venv", "node_modules"):
        assert entry in ignored, f".gitignore must list {entry} without a trailing slash"
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "--", ".venv", "node_modules"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    assert not tracked, f"environments are committed: {tracked}"


def test_axe_core_is_pinned_and_installed_by_browser_deps():
    """The browser suite's accessibility check uses axe-core from the npm registry, pinned
    exactly, installed by `make browser-deps` (which CI runs), never committed."""
    import json

    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    version = package["devDependencies"]["axe-core"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin axe-core to an exact version"
    assert lock["packages"]["node_modules/axe-core"]["version"] == version
    make = (ROOT / "Makefile").read_text()
    deps = make[make.index("\nbrowser-deps:"):]
    assert "npm ci" in deps.split("\n\n")[0]
    assert "node_modules" in (ROOT / ".gitignore").read_text().split()
    browser = (ROOT / "tests" / "test_browser.py").read_text()
    assert '"node_modules" / "axe-core" / "axe.min.js"' in browser


def test_mutation_tools_doctests_and_make_target():
    """`make mutation`, its sampled form (benchmarks/mutation_*.py) and plant_mutant.py: the
    sampling, the planting and the score's interval are doctested, and the target passes
    SAMPLE on."""
    import doctest
    import importlib.util

    for name in ("mutation_sample", "mutation_report", "plant_mutant"):
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, name
    makefile = (ROOT / "Makefile").read_text()
    target = makefile[makefile.index("\nmutation:"):]
    assert "mutation_sample.py $(SAMPLE)" in target.split("\n\n")[0], target[:400]
