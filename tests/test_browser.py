"""JupyterLab in headless Chromium: what a student actually sees.

For every notebook in lessons/ and exercises/ (found, not listed), in a throwaway copy of the
course served by a real ``jupyter lab`` on loopback with a token:

* open it, run all cells, wait for the kernel to go idle, save;
* no cell shows an error, checked in the saved notebook (contents API) and in the page;
* every chart has drawn pixels on a canvas (or marks in an SVG), not a text fallback;
* every widget rendered, with no "Error displaying widget";
* in each lesson, the first explorer answers its first slider: the readout and the chart change;
* no request leaves the machine: every non-loopback request is blocked and reported, so a
  chart that needs a CDN fails here, as it would on a locked-down hub;
* screenshots go to build/screenshots/ for a maintainer to look at.

Exercises are run as a student who has answered every question (the solution code put into the
release's answer cells); the untouched release is checked to stop at a friendly
``NotImplementedError``. The Binder check opens the README's badge URL with the Binder
configuration (binder/jupyter-config) and checks that the student sees no error dialog and that
Validate works.

Chromium comes from Debian (``make browser-deps``). Without it these tests skip, unless
``CXLIB_REQUIRE_BROWSER=1`` (set by CI), which turns a missing browser into a failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import time
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from conftest import (LESSONS, RELEASE_NOTEBOOKS, ROOT, free_port, nbgrader_meta, per_assignment,
                      tool_env)

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    # Offline for real: every host name but loopback fails to resolve, as on a closed network.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
# Requests to anywhere but loopback are caught (and recorded) before they leave the browser.
EXTERNAL = re.compile(r"^(?!(https?|wss?)://(127\.0\.0\.1|localhost)[:/])(?!data:|blob:)")
SCREENSHOTS = ROOT / "build" / "screenshots"
VIEWPORT = {"width": 1400, "height": 1000}
RUN_TIMEOUT = 180  # seconds for Run All on one notebook

VEGA_MIME = "application/vnd.vegalite.v5+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _require_browser():
    try:
        import playwright  # noqa: F401
    except ImportError:
        reason = "the playwright package is missing: pip install -e '.[test]'"
    else:
        reason = None if CHROMIUM else (
            "Chromium is not installed: run `make browser-deps` (Debian: apt-get install chromium)"
        )
    if reason:
        if os.environ.get("CXLIB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here but cannot run: {reason}")
        pytest.skip(reason)


@dataclass
class Lab:
    """A running JupyterLab serving a copy of the course."""

    root: Path
    port: int
    token: str
    proc: subprocess.Popen
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, path: str, method: str = "GET", body: dict | None = None):
        req = urllib.request.Request(
            f"{self.base}{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            raw = resp.read()
            return json.loads(raw) if raw else None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


@contextlib.contextmanager
def serve_lab(root: Path, *, config_path: Path | None = None):
    """Start ``jupyter lab`` on loopback with a random port and token; always stop it."""
    port, token = free_port(), secrets.token_hex(16)
    state = root.parent / f"lab-state-{port}"
    for sub in ("settings", "workspaces", "runtime"):
        (state / sub).mkdir(parents=True, exist_ok=True)
    env = tool_env()
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(state / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(state / "runtime"),
    )
    if config_path is not None:
        env["JUPYTER_CONFIG_PATH"] = str(config_path)
    log_path = state / "lab.log"
    cmd = [
        "jupyter", "lab", "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    lab = Lab(root, port, token, proc, log_path)
    with _running(lab, "jupyter lab"):
        yield lab


@contextlib.contextmanager
def _running(lab: Lab, what: str):
    """Wait until the server answers (at most 90 s); always stop its whole process group."""
    proc = lab.proc
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"{what} exited with {proc.returncode}:\n{lab.log()}")
            try:
                lab.api("/api/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{what} did not start within 90 s:\n{lab.log()}")
                time.sleep(0.5)
        yield lab
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@contextlib.contextmanager
def make_server(course: Path, target: str):
    """``make <target>`` in ``course``, exactly as the README and INSTRUCTORS.md say, with only
    the environment variables any Jupyter server reads: JUPYTER_PORT and JUPYTER_TOKEN, and
    JupyterLab's settings, workspace and runtime folders kept out of the user's home."""
    port, token = free_port(), secrets.token_hex(16)
    state = course.parent / f"make-{target}-state-{port}"
    for sub in ("settings", "workspaces", "runtime"):
        (state / sub).mkdir(parents=True, exist_ok=True)
    env = tool_env()
    env.update(
        JUPYTER_PORT=str(port), JUPYTER_TOKEN=token,
        JUPYTERLAB_SETTINGS_DIR=str(state / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(state / "runtime"),
    )
    log_path = state / "make.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(["make", target], cwd=course, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    with _running(Lab(course, port, token, proc, log_path), f"make {target}") as lab:
        yield lab


def repo_copy(dest: Path) -> Path:
    """The course as a student or instructor clones it (the venv shared, not rebuilt)."""
    dest.mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "nbgrader_config.py", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    for folder in ("binder", "lessons", "exercises", "solutions", "tools"):
        shutil.copytree(ROOT / folder, dest / folder, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def _solved_copy(release: Path, dest: Path) -> None:
    """The release notebook as a student who answered everything would hand it in."""
    solution = ROOT / "solutions" / release.parent.name / release.name
    by_id = {nbgrader_meta(c).get("grade_id"): c
             for c in nbformat.read(solution, 4).cells}
    nb = nbformat.read(release, 4)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution"):  # code answers and written answers alike
            src = by_id[meta["grade_id"]].source
            cell.source = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*(\n|$)", "", src, flags=re.M)
    nbformat.write(nb, dest)


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    _require_browser()
    root = tmp_path_factory.mktemp("browser") / "course"
    root.mkdir()
    shutil.copytree(ROOT / "lessons", root / "lessons")
    shutil.copytree(ROOT / "exercises", root / "exercises")
    shutil.copy2(ROOT / "nbgrader_config.py", root)
    # nbgrader_config.py loads the course's nbgrader plugins from tools/, next to it; self-grading
    # (cxlib.selfgrade) needs solutions/, as on Binder.
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "solutions", root / "solutions")
    for release in RELEASE_NOTEBOOKS:
        _solved_copy(release, release_solved(root, release))
    return root


def release_solved(root: Path, release: Path) -> Path:
    return root / "exercises" / release.parent.name / f"{release.stem}_solved.ipynb"


@pytest.fixture(scope="module")
def lab(course, tmp_path_factory):
    # The full nbgrader set-up of an instructor's or a hub's lab; only JupyterLab's news prompt
    # is switched off, because it covers the notebook in every screenshot.
    config = tmp_path_factory.mktemp("lab-config")
    (config / "labconfig").mkdir()
    (config / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    with serve_lab(course, config_path=config) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Session:
    page: object
    external: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)


@contextlib.contextmanager
def open_page(browser, lab: Lab, url_path: str, *, workspace: str | None = "test"):
    """A fresh page with every non-loopback request blocked and recorded.

    When the test is done, the page closes and every kernel session is shut down."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    session = Session(page)

    def block(route):
        session.external.append(route.request.url)
        route.abort()

    # Only non-loopback requests reach Python; the course's own traffic is never slowed down.
    page.route(EXTERNAL, block)
    page.on("requestfailed", lambda r: session.external.append(r.url) if EXTERNAL.match(r.url) else None)
    page.on("console", lambda m: session.console_errors.append(m.text) if m.type == "error" else None)
    # A workspace of its own, so no tab from an earlier test is restored beside this one.
    if workspace and url_path.startswith("lab/tree/"):
        url_path = f"lab/workspaces/{workspace}-{secrets.token_hex(4)}/tree/" + url_path[len("lab/tree/"):]
    page.goto(f"{lab.base}/{url_path}?token={lab.token}")
    try:
        yield session
    finally:
        context.close()
        for s in lab.api("/api/sessions"):
            with contextlib.suppress(OSError):
                lab.api(f"/api/sessions/{s['id']}", method="DELETE")


def _kernel_states(lab: Lab, rel: str) -> list[str]:
    """Execution states of the kernels of the sessions open on notebook ``rel``."""
    return [s["kernel"]["execution_state"] for s in lab.api("/api/sessions")
            if s.get("path") == rel and s.get("kernel")]


def _wait_idle(page, lab: Lab, rel: str, timeout: float, settle: float = 1.5) -> None:
    """Wait until the notebook's kernel exists and has been idle for ``settle`` seconds.

    Waits with ``page.wait_for_timeout`` (not ``time.sleep``) so that Playwright keeps serving
    the page's events meanwhile."""
    deadline, idle_since = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        states = _kernel_states(lab, rel)
        if states and all(s == "idle" for s in states):
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= settle:
                return
        else:
            idle_since = None
        page.wait_for_timeout(300)
    pytest.fail(f"the kernel of {rel} did not go idle within {timeout} s "
                f"(states: {_kernel_states(lab, rel)})")


def _menu(page, menu: str, item: str) -> None:
    page.click(f".lm-MenuBar-itemLabel:text-is('{menu}')")
    page.click(f".lm-Menu-itemLabel:text-is('{item}')")


def _run_all_and_save(session: Session, lab: Lab, rel: str) -> dict:
    page = session.page
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.jp-Notebook-ExecutionIndicator, .jp-KernelStatus') !== null",
        timeout=60_000,
    )
    _wait_idle(page, lab, rel, 60, settle=1.0)
    _menu(page, "Run", "Run All Cells")
    page.wait_for_timeout(1000)
    _wait_idle(page, lab, rel, RUN_TIMEOUT)
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))",
        timeout=RUN_TIMEOUT * 1000,
    )
    _menu(page, "File", "Save Notebook")
    page.wait_for_function(
        "() => !document.querySelector('.jp-mod-current.jp-mod-dirty, .lm-TabBar-tab.lm-mod-current.jp-mod-dirty')",
        timeout=30_000,
    )
    return lab.api(f"/api/contents/{rel}?content=1")["content"]


DOM_PROBE = r"""
() => {
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
  const drawn = (root) => [...root.querySelectorAll('.vega-embed')].map(embed => {
    // The chart's accessible name: what Vega puts on the chart element from the description
    // (the .vega-embed element itself when vega-embed draws no action menu).
    const named = [embed, ...embed.querySelectorAll('[aria-label]')]
      .filter(e => e.hasAttribute('aria-label') && !e.closest('details'));
    const label = named.length ? named[0].getAttribute('aria-label') : '';
    const canvas = embed.querySelector('canvas.marks, canvas');
    if (canvas && canvas.width > 0 && canvas.height > 0) {
      const ctx = canvas.getContext('2d');
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 16) { if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) ink++; }
      return {kind: 'canvas', ink, w: canvas.width, h: canvas.height, label};
    }
    const svg = embed.querySelector('svg.marks');
    if (svg) return {kind: 'svg', ink: svg.querySelectorAll('path, rect, line, text').length, w: svg.clientWidth, h: svg.clientHeight, label};
    return {kind: 'none', ink: 0, w: 0, h: 0, label};
  });
  return cells.map(c => ({
    index: Number(c.getAttribute('data-windowed-list-index') ?? -1),
    charts: drawn(c),
    errors: c.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"] .ansi-red-fg, .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]').length
      + c.querySelectorAll('[data-mime-type="application/vnd.jupyter.error"]').length,
    widgets: c.querySelectorAll('.jp-OutputArea-output .jupyter-widgets').length,
    widgetErrors: (c.textContent.match(/Error displaying widget|model not found/g) || []).length,
    fallback: (c.textContent.match(/renderer has not been properly enabled|<VegaLite \d object>/g) || []).length,
  }));
}
"""


def _scan(session: Session, shots: Path | None) -> dict[int, dict]:
    """Scroll through the notebook (windowing renders only what is near the screen), collect what
    each cell shows, and take a screenshot at each step."""
    page = session.page
    seen: dict[int, dict] = {}
    page.evaluate("() => document.querySelector('.jp-WindowedPanel-outer').scrollTo(0, 0)")
    step = 0
    while True:
        page.wait_for_timeout(600)
        for cell in page.evaluate(DOM_PROBE):
            old = seen.get(cell["index"])
            if old is None or sum(c["ink"] for c in cell["charts"]) >= sum(c["ink"] for c in old["charts"]):
                seen[cell["index"]] = cell
        if shots is not None:
            page.screenshot(path=str(shots / f"{step:02d}.png"))
        at_end = page.evaluate(
            """() => { const o = document.querySelector('.jp-WindowedPanel-outer');
                       const before = o.scrollTop; o.scrollBy(0, o.clientHeight * 0.85);
                       return o.scrollTop === before; }"""
        )
        step += 1
        if at_end or step > 80:
            break
    return seen


def _check_notebook(saved: dict, seen: dict[int, dict], rel: str) -> None:
    problems = []
    for i, cell in enumerate(saved["cells"]):
        if cell["cell_type"] != "code":
            continue
        if cell.get("execution_count") is None:
            problems.append(f"cell {i} did not run")
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                problems.append(f"cell {i} raised {out['ename']}: {out['evalue']}")
        dom = seen.get(i)
        if dom is None:
            problems.append(f"cell {i} never appeared on the page")
            continue
        bundles = [o.get("data", {}) for o in cell.get("outputs", [])]
        # A chart is a Vega-Lite mimetype output, or an HTML output that embeds Vega (Altair's
        # html renderer): the latter must draw too, and offline it does not.
        n_charts = sum(VEGA_MIME in b or "vegaEmbed" in "".join(b.get("text/html", ""))
                       for b in bundles)
        n_widgets = sum(WIDGET_MIME in b for b in bundles)
        if dom["errors"]:
            problems.append(f"cell {i} shows an error on the page")
        if dom["fallback"]:
            problems.append(f"cell {i} shows the chart's text fallback instead of a chart")
        if dom["widgetErrors"]:
            problems.append(f"cell {i}: 'Error displaying widget'")
        if n_widgets and not dom["widgets"]:
            problems.append(f"cell {i} has a widget output but no widget on the page")
        expected = n_charts + (1 if n_widgets and "Explorer" in "".join(cell["source"]) else 0)
        blank = [c for c in dom["charts"] if c["ink"] < 200]
        if len(dom["charts"]) < expected:
            problems.append(f"cell {i}: {expected} chart(s) expected, {len(dom['charts'])} drawn")
        if blank:
            problems.append(f"cell {i}: a chart has no ink ({blank})")
        # Every chart's accessible name is its description (WCAG 1.1.1), not Vega's default.
        described = [b[VEGA_MIME].get("description", "") for b in bundles if VEGA_MIME in b]
        for chart, description in zip(dom["charts"], described):
            if not description or chart.get("label") != description:
                problems.append(f"cell {i}: the chart's accessible name is {chart.get('label')!r}, "
                                f"not its description {description[:60]!r}")
    assert not problems, f"{rel}:\n  " + "\n  ".join(problems)


def _shots_dir(name: str) -> Path:
    path = SCREENSHOTS / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _full_screenshot(session: Session, path: Path) -> None:
    """One tall picture of the whole notebook (the viewport grown to the notebook's height)."""
    page = session.page
    height = page.evaluate("() => document.querySelector('.jp-WindowedPanel-outer').scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 200, 30000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(path))
    page.set_viewport_size(VIEWPORT)


def _explorer_fingerprint(page, index: int = 0) -> dict:
    return page.evaluate(
        """(i) => { const ex = document.querySelectorAll('.cxlib-explorer')[i];
                    const canvas = ex.querySelector('.vega-embed canvas');
                    return {readout: ex.querySelector('.widget-html-content').textContent,
                            chart: canvas ? canvas.toDataURL() : ''}; }""",
        index,
    )


def _wait_explorer_changed(page, before: dict, index: int = 0) -> None:
    page.wait_for_function(
        """([b, i]) => { const ex = document.querySelectorAll('.cxlib-explorer')[i];
                         const c = ex.querySelector('.vega-embed canvas');
                         return ex.querySelector('.widget-html-content').textContent !== b.readout
                                && c && c.toDataURL() !== b.chart; }""",
        arg=[before, index], timeout=15_000,
    )


def _move_first_slider(session: Session, index: int = 0) -> float:
    """Press the right arrow on an explorer's first slider (the first explorer's unless
    ``index`` says otherwise); return seconds until the readout and the chart have both
    changed."""
    page = session.page
    explorer = page.locator(".cxlib-explorer").nth(index)
    explorer.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    before = _explorer_fingerprint(page, index)
    handle = explorer.locator(".noUi-handle").first
    handle.focus()
    start = time.monotonic()
    handle.press("ArrowRight")
    _wait_explorer_changed(page, before, index)
    return time.monotonic() - start


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: The course's own content on a JupyterLab page: rendered markdown and the cells' outputs. The
#: rest (menus, toolbars, editors, the file browser) is JupyterLab's.
COURSE_CONTENT = [".jp-MarkdownCell .jp-RenderedMarkdown", ".jp-Cell .jp-OutputArea-output"]
#: WCAG 2.1 A and AA, which the universities' rules (ADA Title II, EN 301 549) ask for.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = r"""
async ([content, tags]) => {
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  const widest = (e) => [...e.querySelectorAll('*')].sort((a, b) =>
    b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
  const where = (n) => { const e = document.querySelector(n.target[0]);
                         if (!e) return n.html.slice(0, 200);
                         const w = widest(e);
                         return `${e.textContent.trim().slice(0, 80)} (${e.scrollWidth}px wide`
                                + ` in ${e.clientWidth}px; widest: ${w ? w.outerHTML.slice(0, 300) : ''})`; };
  const brief = (v) => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                         html: v.nodes.slice(0, 2).map(n => n.html.slice(0, 200)),
                         where: v.nodes.slice(0, 3).map(where)});
  const ours = await axe.run({include: content.map(s => [s])}, options);
  const theirs = await axe.run({include: [['body']], exclude: content.map(s => [s])}, options);
  return {course: ours.violations.map(brief), jupyterlab: theirs.violations.map(brief),
          version: axe.version, checked: document.querySelectorAll(content.join(',')).length};
}
"""


def _check_accessibility(session: Session, rel: str) -> None:
    """axe-core on the page after Run All: no WCAG 2.1 A/AA violation in the course's content
    (markdown and outputs); JupyterLab's own violations are printed, for information."""
    if not AXE.is_file():
        reason = "axe-core is missing: run `make browser-deps` (npm ci)"
        if os.environ.get("CXLIB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the accessibility check is required here but cannot run: {reason}")
        print(f"{rel}: accessibility check skipped: {reason}")
        return
    page = session.page
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(AXE_RUN, [COURSE_CONTENT, AXE_TAGS])
    print(f"{rel}: axe-core {result['version']} checked {result['checked']} markdown cells and "
          f"outputs: {len(result['course'])} violation(s) in the course's content")
    for v in result["jupyterlab"]:
        print(f"{rel}: JupyterLab's own (not the course's): {v['id']} ({v['impact']}, "
              f"{v['nodes']} element(s)): {v['help']}; e.g. {v['html'][0][:160]!r}")
    problems = [f"{v['id']} ({v['impact']}, {v['nodes']} element(s)): {v['help']}; "
                f"at {v['where']}" for v in result["course"]]
    assert not problems, f"{rel}: accessibility violations in the course's content:\n  " + \
        "\n  ".join(problems)


#: Browser console errors that are JupyterLab's own and harmless here, each with its reason.
#: Anything else the course's pages log as an error fails the test.
CONSOLE_ALLOWED: dict[str, str] = {}


def _check_console(session: Session, rel: str) -> None:
    unexpected = [m for m in session.console_errors
                  if not any(re.search(pattern, m) for pattern in CONSOLE_ALLOWED)]
    for message in session.console_errors:
        print(f"{rel}: browser console error: {message[:300]}")
    assert not unexpected, f"{rel}: the browser console shows errors: {unexpected[:5]}"


@pytest.mark.parametrize("lesson", per_assignment(LESSONS, name=lambda p: p.stem))
def test_lesson_runs_draws_and_responds(lesson, lab, browser):
    rel = f"lessons/{lesson.name}"
    with open_page(browser, lab, f"lab/tree/{rel}") as session:
        saved = _run_all_and_save(session, lab, rel)
        shots = _shots_dir(lesson.stem)
        seen = _scan(session, shots)
        _check_notebook(saved, seen, rel)
        assert session.page.locator(".cxlib-explorer").count() >= 1, "the lesson shows no explorer"
        latency = _move_first_slider(session)
        session.page.screenshot(path=str(shots / "explorer-after-slider.png"))
        _full_screenshot(session, SCREENSHOTS / f"{lesson.stem}.png")
        print(f"{rel}: slider to redrawn chart in {latency * 1000:.0f} ms")
        _check_accessibility(session, rel)
        _check_console(session, rel)
        assert not session.external, f"requests left the machine: {session.external[:5]}"


#: One of each explorer, built as the lessons build them (tests/test_widgets_a11y.py checks
#: that the list is complete).
A11Y_EXPLORERS = [
    "widgets.ArrivalsExplorer(data.morning_call_log(seed=2024))",
    "widgets.CustomerExplorer()",
    "widgets.SilentMajorityExplorer(120, p_complain=0.1)",
    "widgets.RecoveryExplorer()",
    "widgets.SurveyExplorer([0.08, 0.07, 0.15, 0.40, 0.30])",
    "widgets.StaffingExplorer(calls_per_hour=200, aht_seconds=180, agents=14, target_seconds=20)",
    "widgets.CostExplorer()",
    "widgets.SystemExplorer()",
]

#: Each control of the explorer at ``index``: its role, Chromium's accessible name (from the
#: accessibility tree, through the DevTools protocol) and the text the page shows beside it.
VISIBLE_LABELS = r"""
(i) => { const ex = document.querySelectorAll('.cxlib-explorer')[i];
  return [...ex.querySelectorAll('.widget-slider, .widget-dropdown, button')].map(c =>
    c.tagName === 'BUTTON' ? c.textContent.trim()
                           : c.querySelector(':scope > .widget-label').textContent.trim()); }
"""


def _ax_controls(cdp, index: int) -> list[tuple[str, str]]:
    """(role, accessible name) of every control in explorer ``index``, in document order, as
    Chromium's accessibility tree has them."""
    root = cdp.send("Runtime.evaluate", {
        "expression": f"document.querySelectorAll('.cxlib-explorer')[{index}]"})["result"]
    nodes = cdp.send("Accessibility.queryAXTree", {"objectId": root["objectId"]})["nodes"]
    return [(n["role"]["value"], n.get("name", {}).get("value", ""))
            for n in nodes if not n.get("ignored")
            and n["role"]["value"] in ("slider", "combobox", "button")]


def test_explorer_controls_are_named_and_work_from_the_keyboard(lab, browser, course):
    """Every slider, dropdown and button of every explorer has an accessible name equal to its
    visible label (in Chromium's accessibility tree), and one explorer answers the keyboard
    alone: focus its slider, press the right arrow, and the value, readout and chart change."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("from cxlib import data, widgets")]
    nb.cells += [nbformat.v4.new_code_cell(code) for code in A11Y_EXPLORERS]
    rel = "a11y_explorers.ipynb"
    nbformat.write(nb, course / rel)
    with open_page(browser, lab, f"lab/tree/{rel}") as session:
        page = session.page
        _run_all_and_save(session, lab, rel)
        cdp = page.context.new_cdp_session(page)
        problems, explorers = [], page.locator(".cxlib-explorer")
        for i, code in enumerate(A11Y_EXPLORERS):
            explorers.nth(i).scroll_into_view_if_needed()
            page.wait_for_function(  # the naming script has run (it waits for the page)
                """(i) => [...document.querySelectorAll('.cxlib-explorer')[i]
                           .querySelectorAll('.noUi-handle')].every(h => h.getAttribute('aria-labelledby'))""",
                arg=i, timeout=10_000)
            labels = page.evaluate(VISIBLE_LABELS, i)
            ax = _ax_controls(cdp, i)
            print(f"{code.split('(')[0]}: {ax}")
            if [name for _, name in ax] != labels or not labels:
                problems.append(f"{code}: accessible names {ax} but visible labels {labels}")
        assert not problems, "\n".join(problems)

        # The keyboard: the staffing explorer, its first slider (calls per hour, step 10).
        k = next(i for i, code in enumerate(A11Y_EXPLORERS) if "Staffing" in code)
        explorer = explorers.nth(k)
        explorer.scroll_into_view_if_needed()
        handle = explorer.locator(".noUi-handle").first
        handle.focus()
        focused = page.evaluate("""() => ({role: document.activeElement.getAttribute('role'),
                                           now: document.activeElement.getAttribute('aria-valuenow')})""")
        assert focused["role"] == "slider", focused
        assert explorer.locator(".cxlib-readout").get_attribute("aria-live") == "polite"
        before = _explorer_fingerprint(page, k)
        page.keyboard.press("ArrowRight")
        _wait_explorer_changed(page, before, k)
        after = page.evaluate("() => document.activeElement.getAttribute('aria-valuenow')")
        assert float(after) == float(focused["now"]) + 10, (focused, after)
        print("keyboard:", focused["now"], "->", after, "|", _explorer_fingerprint(page, k)["readout"])
        # Tab goes on to the next control (through the slider's own number box first).
        stops = []
        for _ in range(3):
            page.keyboard.press("Tab")
            stops.append(page.evaluate(
                """() => { const e = document.activeElement;
                           return (e.getAttribute('role') || e.tagName.toLowerCase()) + ' '
                                  + (e.className || '') + ' ' + (e.textContent || '').slice(0, 20); }"""))
        print("Tab stops after the first slider:", stops)
        assert any("noUi-handle" in stop for stop in stops), stops
        # What a screen reader is given for this explorer: Chromium's accessibility tree, in
        # document order (INSTRUCTORS.md, Accessibility, quotes it).
        root = cdp.send("Runtime.evaluate", {
            "expression": f"document.querySelectorAll('.cxlib-explorer')[{k}]"})["result"]
        for n in cdp.send("Accessibility.queryAXTree", {"objectId": root["objectId"]})["nodes"]:
            role, name = n["role"]["value"], n.get("name", {}).get("value", "")
            value = n.get("value", {}).get("value", "")
            if not n.get("ignored") and (name or value) and role not in ("StaticText",
                                                                         "InlineTextBox"):
                print(f"AX {role}: {name[:150]!r}" + (f" value={value!r}" if value else ""))
        _check_console(session, rel)


@pytest.mark.parametrize("release", per_assignment(RELEASE_NOTEBOOKS, name=lambda p: p.parent.name))
def test_solved_exercise_runs_clean_in_the_browser(release, lab, browser, course):
    solved = release_solved(course, release)
    rel = str(solved.relative_to(course))
    with open_page(browser, lab, f"lab/tree/{rel}") as session:
        saved = _run_all_and_save(session, lab, rel)
        seen = _scan(session, _shots_dir(f"{release.parent.name}-solved"))
        _check_notebook(saved, seen, rel)
        _check_accessibility(session, rel)
        _check_console(session, rel)
        assert not session.external, f"requests left the machine: {session.external[:5]}"


@pytest.mark.parametrize("release", per_assignment(RELEASE_NOTEBOOKS, name=lambda p: p.parent.name))
def test_untouched_exercise_stops_at_the_placeholder(release, lab, browser):
    rel = f"exercises/{release.parent.name}/{release.name}"
    with open_page(browser, lab, f"lab/tree/{rel}") as session:
        saved = _run_all_and_save(session, lab, rel)
        errors = [(i, o) for i, c in enumerate(saved["cells"]) if c["cell_type"] == "code"
                  for o in c.get("outputs", []) if o["output_type"] == "error"]
        assert errors, "running the blank exercise should stop at the first answer cell"
        i, first = errors[0]
        meta = nbgrader_meta(saved["cells"][i])
        assert first["ename"] == "NotImplementedError" and meta.get("solution"), (
            f"the first error a student meets should be the placeholder in an answer cell, got "
            f"{first['ename']} in cell {i}"
        )
        before = [c for c in saved["cells"][:i] if c["cell_type"] == "code"]
        assert all(c.get("execution_count") for c in before), "the set-up cells before it ran"
        _scan(session, _shots_dir(f"{release.parent.name}-blank"))


def _badge_urlpath() -> str:
    readme = (ROOT / "README.md").read_text()
    m = re.search(r"mybinder\.org/v2/gh/\S+?urlpath=(lab/tree/[\w/.%-]+\.ipynb)", readme)
    assert m, "the README has no Binder badge with a urlpath"
    return m.group(1)


#: Tracebacks in a server log that come from closing the page while the kernel still sends:
#: tornado reports the closed websocket. Harmless, and a race, so they are not failures.
SERVER_LOG_ALLOWED = ("tornado.websocket.WebSocketClosedError", "tornado.iostream.StreamClosedError")


def _server_tracebacks(log: str) -> list[str]:
    """Each log record (from one "[" line to the next) with a traceback that is not allowed."""
    records = re.split(r"\n(?=\[[A-Z] )", log)
    return [r[-3000:] for r in records if "Traceback" in r
            and not any(allowed in r for allowed in SERVER_LOG_ALLOWED)]


def _student_config(setup: str, tmp_path: Path) -> Path:
    """The student configuration as Binder reads it (binder/jupyter-config), or as
    binder/install-student-config installs it into a hub environment's prefix."""
    if setup == "binder":
        config = tmp_path / "jupyter-config"
        shutil.copytree(ROOT / "binder" / "jupyter-config", config)
        return config
    prefix = tmp_path / "hub-env"
    subprocess.run([str(ROOT / "binder" / "install-student-config"), str(prefix)], check=True,
                   capture_output=True, env=tool_env())
    config = prefix / "etc" / "jupyter"
    files = sorted(str(p.relative_to(config)) for p in config.rglob("*") if p.is_file())
    assert files == ["jupyter_server_config.d/cs-by-the-numbers-student.json",
                     "labconfig/page_config.json"], files
    return config


# The hub's student set-up differs from Binder's only in where install-student-config puts the
# same two files; the long tier runs it (with the real JupyterHub round trip, tests/test_hub.py).
@pytest.mark.parametrize("setup", ["binder", pytest.param("hub", marks=pytest.mark.extended)])
def test_binder_student_lab_opens_the_welcome_lesson_without_error_dialogs(setup, course, browser,
                                                                           tmp_path):
    config = _student_config(setup, tmp_path)
    with serve_lab(course, config_path=config) as binder_lab:
        urlpath = _badge_urlpath()
        with open_page(browser, binder_lab, urlpath, workspace=None) as session:
            page = session.page
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            page.wait_for_timeout(4000)  # let every extension activate and report its errors
            shots = _shots_dir(f"{setup}-student")
            page.screenshot(path=str(shots / "opened.png"))
            current = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel").first.inner_text()
            assert current == Path(urlpath).name, f"Binder opened {current!r}, not {urlpath}"
            assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").all_inner_texts()
            menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
            assert "Nbgrader" not in menus, "instructor tools should be off for Binder students"
            assert not page.locator("text=Would you like to get notified").count()
            assert not session.external, f"requests left the machine: {session.external[:5]}"

        # A self-learner checks their work with Validate: it must work without an exchange.
        release = RELEASE_NOTEBOOKS[0]
        rel = str(release_solved(course, release).relative_to(course))
        with open_page(browser, binder_lab, f"lab/tree/{rel}") as session:
            page = session.page
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            page.click("button:has-text('Validate'), .jp-ToolbarButtonComponent:has-text('Validate')")
            dialog = page.locator(".jp-Dialog")
            dialog.wait_for(timeout=120_000)
            page.wait_for_function(
                "() => /Success|failed|Validation/i.test(document.querySelector('.jp-Dialog').textContent)"
                " && !/Validating/i.test(document.querySelector('.jp-Dialog-header')?.textContent || '')",
                timeout=120_000,
            )
            text = dialog.inner_text()
            page.screenshot(path=str(_shots_dir(f"{setup}-validate") / "validate.png"))
            assert "Success" in text and "passes all the tests" in text, text[:1000]
        problems = _server_tracebacks(binder_lab.log_path.read_text(errors="replace"))
        assert not problems, "\n\n".join(problems)


# --------------------------------------------------------------------------- make lab, make instructor


def _tab_label(page) -> str:
    return page.locator(
        "#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel").first.inner_text()


def _open_from_file_browser(page, parts: list[str], attempts: int = 2) -> None:
    """Open a file by double-clicking through JupyterLab's file browser from the root.

    A dialog in the way fails at once, with its text: a student would be stuck too. Once (seen
    in one run of many, on a busy machine) an item stayed un-clickable for 30 s with no dialog
    while the listing re-rendered; then the walk starts again from the root, and says so.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(1, attempts + 1):
        if not page.locator("#filebrowser").is_visible():
            page.click(".jp-SideBar [data-id='filebrowser']")
        page.click("#filebrowser .jp-BreadCrumbs-home")
        try:
            for part in parts:
                item = page.locator("#filebrowser .jp-DirListing-itemText").get_by_text(part, exact=True)
                item.first.wait_for(timeout=30_000)
                item.first.dblclick(timeout=30_000)
            return
        except PlaywrightTimeout:
            dialogs = page.locator(".jp-Dialog").all_inner_texts()
            assert not dialogs, f"a dialog blocks the file browser at {part!r}: {dialogs}"
            if attempt == attempts:
                raise
            print(f"file browser: {part!r} was not clickable for 30 s; walking {parts} again")


def _sessions_on(lab: Lab, rel: str, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(s.get("path") == rel for s in lab.api("/api/sessions")):
            return True
        time.sleep(0.5)
    return False


def test_make_lab_opens_the_welcome_lesson_and_reaches_every_exercise(browser, tmp_path):
    """`make lab`, as the README says, serves the repository root and opens the welcome lesson;
    a student reaches each exercise through the file browser."""
    course = repo_copy(tmp_path / "clone")
    with make_server(course, "lab") as lab:
        assert lab.api("/api/contents/")["path"] == "", "the server root is the repository root"
        listing = {c["name"] for c in lab.api("/api/contents/")["content"]}
        assert {"lessons", "exercises"} <= listing
        shots = _shots_dir("make-lab")
        with open_page(browser, lab, "", workspace=None) as session:  # the server's default URL
            page = session.page
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            page.wait_for_timeout(2000)
            page.screenshot(path=str(shots / "opened.png"))
            assert _tab_label(page) == "00_welcome.ipynb"
            assert _sessions_on(lab, "lessons/00_welcome.ipynb"), "the welcome lesson is open"
            menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
            assert "Nbgrader" not in menus, "make lab is the student's JupyterLab"
            for release in RELEASE_NOTEBOOKS:
                rel = f"exercises/{release.parent.name}/{release.name}"
                _open_from_file_browser(page, ["exercises", release.parent.name, release.name])
                assert _sessions_on(lab, rel), f"{rel} did not open from the file browser"
                page.wait_for_function(
                    "(name) => document.querySelector('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current')"
                    "?.textContent.includes(name)", arg=release.name, timeout=30_000)
                panel = page.locator("#jp-main-dock-panel .jp-NotebookPanel:visible").first
                panel.locator(".jp-Cell").first.wait_for(timeout=30_000)
                page.wait_for_timeout(1500)
                page.screenshot(path=str(shots / f"{release.parent.name}.png"))
                toolbar = panel.locator(".jp-Toolbar").first.inner_text()
                assert "Validate" in toolbar, "students validate their exercise from the toolbar"
            assert not session.external, f"requests left the machine: {session.external[:5]}"
        # The whole log: the URL is printed at start-up, long before the tail lab.log() shows.
        printed = lab.log_path.read_text(errors="replace")
        assert "/lab/tree/lessons/00_welcome.ipynb?token=" in printed, (
            "the URL make lab prints should open the welcome lesson\n" + printed[:3000]
        )


def test_make_instructor_has_the_formgrader_and_shows_the_rubric(browser, tmp_path):
    """`make instructor` opens JupyterLab with Nbgrader -> Formgrader (INSTRUCTORS.md), and the
    formgrader's manual grading page shows the rubric under the written answer."""
    sys.path.insert(0, str(ROOT / "tools"))
    import fake_class

    course = repo_copy(tmp_path / "clone")
    name = sorted(p.parent.name for p in RELEASE_NOTEBOOKS)[0]
    release = sorted((course / "exercises" / name).glob("*.ipynb"))[0]
    env = tool_env()

    def nbg(*args):
        subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                       check=True, capture_output=True, text=True, timeout=600)

    nbg("generate_assignment", name, "--force")
    nbg("db", "student", "add", "bob", "--first-name=Bob", "--last-name=Li")
    folder = course / "submitted" / "bob" / name
    folder.mkdir(parents=True)
    (folder / release.name).write_bytes(
        fake_class.notebook("solved", release, course / "solutions" / name / release.name))
    nbg("autograde", name)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(release.stem, name, "bob").id

    shots = _shots_dir("make-instructor")
    with make_server(course, "instructor") as lab:
        with open_page(browser, lab, "lab", workspace=None) as session:
            page = session.page
            page.wait_for_selector(".lm-MenuBar-itemLabel:text-is('Nbgrader')", timeout=90_000)
            _menu(page, "Nbgrader", "Formgrader")
            frame = page.frame_locator("#formgrader iframe, .jp-MainAreaWidget iframe").first
            frame.locator("text=Manage Assignments").first.wait_for(timeout=60_000)
            frame.locator(f"text={name}").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1000)
            page.screenshot(path=str(shots / "formgrader.png"))
        with open_page(browser, lab, f"formgrader/submissions/{submission}/",
                       workspace=None) as session:
            page = session.page
            box = page.locator("text=For the grader only").first
            box.wait_for(timeout=60_000)
            box.scroll_into_view_if_needed()
            page.wait_for_timeout(1000)
            page.screenshot(path=str(shots / "manual-grading.png"))
            body = page.locator("body").inner_text()
            assert "Rubric" in body, "the rubric should be on the manual grading page"


def test_selfgrade_runs_from_a_cell_in_the_students_lab(course, browser, tmp_path):
    """A self-learner on Binder scores their exercise from a notebook cell (cxlib.selfgrade)."""
    release = RELEASE_NOTEBOOKS[0]
    name = release.parent.name
    solved = release_solved(course, release)
    cell = nbformat.v4.new_code_cell(
        f'from cxlib import selfgrade\nselfgrade.grade("{name}", notebook="{solved.name}")')
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}})
    grader = solved.with_name("grade_me.ipynb")
    nbformat.write(nb, grader)
    before = solved.read_bytes()
    rel = str(grader.relative_to(course))
    try:
        with serve_lab(course, config_path=_student_config("binder", tmp_path)) as lab, \
                open_page(browser, lab, f"lab/tree/{rel}") as session:
            saved = _run_all_and_save(session, lab, rel)
            session.page.wait_for_timeout(1000)
            session.page.screenshot(path=str(_shots_dir("selfgrade") / "cell.png"))
            outputs = saved["cells"][0]["outputs"]
            errors = [o for o in outputs if o["output_type"] == "error"]
            assert not errors, errors
            shown = "".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
            automatic = sum(nbgrader_meta(c).get("points", 0)
                            for c in nbformat.read(ROOT / "solutions" / name / release.name, 4).cells
                            if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution"))
            assert f"{name}: {automatic:g} of {automatic:g} automatic points" in shown, shown[:500]
            assert "graded by a person" in shown and "model answer" in shown
            assert any(WIDGET_MIME in o.get("data", {}) for o in outputs), (
                "a progress bar (a tqdm widget) while the kernel runs"
            )
            assert not session.external, f"requests left the machine: {session.external[:5]}"
        assert solved.read_bytes() == before, "the student's notebook is not changed"
        assert solved.with_name(f"{solved.stem}_feedback.html").is_file()
    finally:
        grader.unlink(missing_ok=True)
        solved.with_name(f"{solved.stem}_feedback.html").unlink(missing_ok=True)
