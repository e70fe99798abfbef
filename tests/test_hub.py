"""A JupyterHub round trip, for real: an instructor and two students on one hub, over HTTP.

One test starts a JupyterHub on 127.0.0.1 (DummyAuthenticator with a password, LocalProcessSpawner,
configurable-http-proxy from ``node_modules/``) with three local Unix users it creates
(``cxhub-instructor``, ``cxhub-student1``, ``cxhub-student2``), each user's server being
``jupyterhub-singleuser`` from the environment running the tests. nbgrader's exchange for one
course lives in a temporary exchange root (mode 0o777), set by an ``nbgrader_config.py`` on each
user's ``JUPYTER_CONFIG_PATH`` (the spawner's environment). The students' servers also read the
course's student set-up, installed by ``binder/install-student-config --exchange``.

Everything then goes through the hub's proxy with API tokens, as a browser's requests would:

1. the instructor generates and releases ``00_welcome`` with the formgrader's HTTP API;
2. each student lists the course's assignments, fetches, writes answers into the fetched notebook
   through the contents API (student 1 the solution, student 2 the solution with a usual mistake in
   its last question: ``tools/fake_class.py``), runs Validate and submits;
3. the instructor collects and autogrades through the formgrader's API, and the gradebook gives
   student 1 every automatic point and student 2 those less the last question's
   (``fake_class.intended_score``);
4. the students' servers serve no formgrader and their JupyterLab page lists the instructor tools
   as disabled and the Assignments tab as enabled; the instructor's formgrader answers.

It needs root (it creates users and the hub switches to them), jupyterhub and
configurable-http-proxy (``make browser-deps``). Without them it skips and says why, except where
``CXLIB_REQUIRE_HUB=1`` (CI's ``.ci/run``) makes a missing piece a failure. Where the interpreter
lies under a folder the new users cannot enter (a pyenv under /root, 0700), the test lets them
through it with a POSIX ACL (``setfacl``, Debian's ``acl``) for its duration only.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT, free_port, tool_env

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import fake_class  # noqa: E402
import grading_scale  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.extended]

ASSIGNMENT = "00_welcome"
COURSE_ID = grading_scale.COURSE_ID  # the course's own id, as in nbgrader_config.py
INSTRUCTOR = "cxhub-instructor"
STUDENTS = {"cxhub-student1": "solved", "cxhub-student2": "partly_wrong"}
USERS = [INSTRUCTOR, *STUDENTS]
PASSWORD = "numbers-on-the-hub"
BIN = Path(sys.executable).parent
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
START_TIMEOUT = 240  # seconds for one server to start on a busy 2-core machine
GRADE_TIMEOUT = 900
LOG_COPY = ROOT / "build" / "test_hub" / "jupyterhub.log"  # the hub's and servers' log, git-ignored


# --------------------------------------------------------------------------- what it needs


def _missing() -> list[str]:
    missing = []
    if os.geteuid() != 0:
        missing.append("root (the test creates Unix users and the hub spawns servers as them)")
    for tool in ("useradd", "userdel", "runuser"):
        if not shutil.which(tool):
            missing.append(f"the {tool} command")
    for script in ("jupyterhub", "jupyterhub-singleuser"):
        if not (BIN / script).exists():
            missing.append(f"{BIN / script} (pip install -e '.[test]' installs jupyterhub)")
    if not os.access(PROXY, os.X_OK):
        missing.append(f"{PROXY.relative_to(ROOT)} (make browser-deps: npm ci)")
    if not shutil.which("node"):
        missing.append("node (make browser-deps installs npm and node)")
    if _closed_folders() and not (shutil.which("setfacl") and shutil.which("getfacl")):
        missing.append(f"setfacl (Debian: apt-get install acl), to let the test users into "
                       f"{', '.join(map(str, _closed_folders()))}")
    return missing


def _hub_or_skip() -> None:
    missing = _missing()
    if missing:
        if os.environ.get("CXLIB_REQUIRE_HUB") == "1":
            pytest.fail("CXLIB_REQUIRE_HUB=1 but the JupyterHub round trip cannot run; missing: "
                        + "; ".join(missing))
        pytest.skip("JupyterHub round trip not tested; missing: " + "; ".join(missing))


def _closed_folders() -> list[Path]:
    """Folders on the way to the interpreter, the venv and the repository that other users
    cannot enter (no execute bit for others)."""
    import cxlib  # where the students' kernels import it from (an editable install: the clone)

    targets = {Path(os.path.realpath(sys.executable)), Path(os.path.realpath(sys.base_prefix)),
               Path(os.path.realpath(sys.prefix)), ROOT.resolve(),
               Path(cxlib.__file__).resolve().parent}
    closed = set()
    for target in targets:
        for folder in [target, *target.parents]:
            if folder.is_dir() and not folder.stat().st_mode & stat.S_IXOTH:
                closed.add(folder)
    return sorted(closed)


# --------------------------------------------------------------------------- users, ports, logs


def _kill_user_processes(uids: set[int]) -> None:
    """End every process left running as one of the test's own users, by pid."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid in uids:
                        pids.append(int(entry.name))
                except FileNotFoundError:
                    pass
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        if not pids:
            return
        time.sleep(2)


def _remove_user(name: str) -> None:
    with contextlib.suppress(KeyError):
        uid = pwd.getpwnam(name).pw_uid
        _kill_user_processes({uid})
        subprocess.run(["userdel", "-r", name], capture_output=True, check=False)


class Hub:
    """The running hub: its URL, the service token, and its log for error messages."""

    def __init__(self, url: str, token: str, log: Path):
        import requests

        self.url, self.log = url, log
        self.api = requests.Session()
        self.api.headers["Authorization"] = f"token {token}"
        self.users: dict = {}

    def tail(self, n: int = 60) -> str:
        lines = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        return "\n".join(lines[-n:])

    def as_user(self, name: str):
        """A requests session with a token of the user's own, and the user's server's URL."""
        import requests

        r = self.api.post(f"{self.url}/hub/api/users/{name}/tokens",
                          json={"note": "tests/test_hub.py", "expires_in": 3600}, timeout=60)
        assert r.status_code in (200, 201), f"token for {name}: {r.status_code} {r.text[:500]}"
        session = requests.Session()
        session.headers["Authorization"] = f"token {r.json()['token']}"
        return session, f"{self.url}/user/{name}"


@contextlib.contextmanager
def _step(name: str, hub: Hub | None):
    """Say which step failed, with the tail of the hub's log (the servers log into it too)."""
    try:
        yield
    except Exception as exc:
        tail = hub.tail() if hub else "(no hub yet)"
        pytest.fail(f"step failed: {name}\n{type(exc).__name__}: {exc}\n"
                    f"--- the hub's log, last lines:\n{tail}", pytrace=True)


def _json(r, what: str):
    assert r.status_code == 200, f"{what}: HTTP {r.status_code}: {r.text[:800]}"
    try:
        return r.json()
    except ValueError:
        raise AssertionError(f"{what}: not JSON: {r.text[:2000]!r}") from None


def _wait(what: str, check, timeout: float, every: float = 1.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            result = check()
        except Exception as exc:  # the server is not up yet
            last, result = exc, None
        if result:
            return result
        time.sleep(every)
    raise TimeoutError(f"{what}: not done after {timeout:.0f} s (last error: {last!r})")


# --------------------------------------------------------------------------- set-up


HUB_CONFIG = '''
# Written by tests/test_hub.py for one run.
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{proxy_port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {cookie!r}
c.JupyterHub.pid_file = {hub_pid!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {users!r}

c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {start_timeout}
c.Spawner.http_timeout = {start_timeout}
c.Spawner.args = ["--ServerApp.log_level=INFO",
                  "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]

COMMON = {common!r}
INSTRUCTOR, COURSE, INSTRUCTOR_CONFIG, STUDENT_CONFIG = {instructor!r}, {course!r}, {icfg!r}, {scfg!r}


def pre_spawn_hook(spawner):
    # One hub, two set-ups: the instructor's server serves the course folder with every nbgrader
    # tool; a student's serves their home with the student set-up (--exchange).
    env = dict(COMMON)
    if spawner.user.name == INSTRUCTOR:
        env["JUPYTER_CONFIG_PATH"] = INSTRUCTOR_CONFIG
        spawner.notebook_dir = COURSE
    else:
        env["JUPYTER_CONFIG_PATH"] = STUDENT_CONFIG
    spawner.environment = env


c.Spawner.pre_spawn_hook = pre_spawn_hook

c.JupyterHub.services = [{{"name": "cxhub-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "cxhub-test",
    "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens", "read:hub"],
    "services": ["cxhub-test"],
}}]
'''

EXCHANGE_CONFIG = '''
# nbgrader's exchange on this hub (tests/test_hub.py): one folder every user can write.
c = get_config()  # noqa: F821
c.Exchange.root = {exchange!r}
c.CourseDirectory.course_id = {course_id!r}
'''

# The instructor's server starts in their home folder, and nbgrader reads a course's
# nbgrader_config.py only from the folder it runs in: this names the course folder and loads its
# configuration (the course's plugins), with the gradebook in the course folder.
INSTRUCTOR_CONFIG = EXCHANGE_CONFIG + '''
c.CourseDirectory.root = {course!r}
load_subconfig({course_config!r})  # noqa: F821
c.CourseDirectory.db_url = "sqlite:///" + {course!r} + "/gradebook.db"
'''


def _make_users(base: Path) -> dict[str, pwd.struct_passwd]:
    for name in USERS:
        _remove_user(name)  # left behind by an earlier run that was killed
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash",
                        "--comment", "tests/test_hub.py", name], check=True, capture_output=True)
    return {name: pwd.getpwnam(name) for name in USERS}


def _has_acl(folder: Path) -> bool:
    extended = subprocess.run(["getfacl", "--skip-base", "--absolute-names", str(folder)],
                              capture_output=True, text=True, check=True).stdout
    return bool(extended.strip())


def _grant(folders: list[Path], users: list[str], granted: list) -> None:
    """Let each user through (execute only) each folder; ``granted`` records what to undo."""
    for folder in folders:
        granted.append((folder, None, _has_acl(folder)))
        for name in users:
            subprocess.run(["setfacl", "-m", f"u:{name}:x", str(folder)], check=True,
                           capture_output=True)
            granted.append((folder, name, True))


def _revoke(granted: list[tuple[Path, str | None, bool]]) -> None:
    for folder, name, had_acl in reversed(granted):
        if name is not None:
            subprocess.run(["setfacl", "-x", f"u:{name}", str(folder)], capture_output=True,
                           check=False)
        elif not had_acl:  # leave no mask entry behind on a folder that had no ACL
            subprocess.run(["setfacl", "-b", str(folder)], capture_output=True, check=False)


def _prepare(base: Path, users: dict) -> dict:
    """The course folder, the exchange, the per-user configuration and the hub's config."""
    instructor = users[INSTRUCTOR]
    course = grading_scale.make_course(base / "course", [ASSIGNMENT])  # config, tools, source
    shutil.rmtree(course / "exercises")  # the release is the instructor's first step
    for path in [course, *course.rglob("*")]:
        os.chown(path, instructor.pw_uid, instructor.pw_gid)
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # nbgrader's exchange root: every user writes into it

    icfg, exchange_cfg = base / "config" / "instructor", base / "config" / "students"
    icfg.mkdir(parents=True)
    exchange_cfg.mkdir()
    (icfg / "nbgrader_config.py").write_text(INSTRUCTOR_CONFIG.format(
        exchange=str(exchange), course_id=COURSE_ID, course=str(course),
        course_config=str(course / "nbgrader_config.py")))
    (exchange_cfg / "nbgrader_config.py").write_text(
        EXCHANGE_CONFIG.format(exchange=str(exchange), course_id=COURSE_ID))
    student_env = base / "student-env"
    proc = subprocess.run([str(ROOT / "binder" / "install-student-config"), "--exchange",
                           str(student_env)], capture_output=True, text=True, env=tool_env())
    assert proc.returncode == 0, proc.stderr
    scfg = os.pathsep.join([str(exchange_cfg), str(student_env / "etc" / "jupyter")])

    state = base / "hub"
    state.mkdir(mode=0o700)
    ports = {"proxy_port": free_port(), "hub_port": free_port(), "api_port": free_port()}
    assert len(set(ports.values())) == 3, ports
    token = os.urandom(24).hex()
    common = {
        "PATH": os.pathsep.join([str(BIN), "/usr/local/bin", "/usr/bin", "/bin"]),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    if os.environ.get("PYTHONPATH"):
        common["PYTHONPATH"] = os.environ["PYTHONPATH"]
    config = state / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(
        **ports, proxy=str(PROXY), proxy_pid=str(state / "proxy.pid"), state=str(state),
        cookie=str(state / "cookie_secret"), hub_pid=str(state / "hub.pid"), password=PASSWORD,
        users=set(USERS), singleuser=str(BIN / "jupyterhub-singleuser"),
        start_timeout=START_TIMEOUT, common=common, instructor=INSTRUCTOR, course=str(course),
        icfg=str(icfg), scfg=scfg, token=token))
    return {"course": course, "exchange": exchange, "state": state, "config": config,
            "token": token, "url": f"http://127.0.0.1:{ports['proxy_port']}"}


def _users_can_run_the_environment(users: list[str]) -> None:
    check = ("import jupyterhub, nbgrader, cxlib, jupyterlab; "
             "print(jupyterhub.__version__, nbgrader.__version__)")
    env = {"PATH": str(BIN) + ":/usr/bin:/bin", "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    for name in users:
        proc = subprocess.run([shutil.which("runuser"), "-u", name, "--", str(BIN / "python"), "-c", check],
                              capture_output=True, text=True, env=env, cwd="/", timeout=120)
        assert proc.returncode == 0, (
            f"{name} cannot run {BIN / 'python'} with the course's packages:\n{proc.stderr[-2000:]}")


# --------------------------------------------------------------------------- the hub's API


def _start_servers(hub: Hub, names: list[str]) -> None:
    for name in names:
        r = hub.api.post(f"{hub.url}/hub/api/users/{name}/server", timeout=120)
        assert r.status_code in (201, 202), f"start {name}'s server: {r.status_code} {r.text[:500]}"

    def ready(name):
        model = _json(hub.api.get(f"{hub.url}/hub/api/users/{name}", timeout=30), name)
        server = model.get("servers", {}).get("")
        if server and server.get("state", {}).get("pid"):
            hub.users[name] = server["state"]["pid"]
        return bool(server and server.get("ready"))

    for name in names:
        _wait(f"{name}'s server to start", lambda: ready(name), START_TIMEOUT, every=2)


def _stop_hub(hub: Hub | None, proc: subprocess.Popen | None, state: Path | None) -> None:
    if hub is not None and proc is not None and proc.poll() is None:
        for name in USERS:
            with contextlib.suppress(Exception):
                hub.api.delete(f"{hub.url}/hub/api/users/{name}/server", timeout=60)
        with contextlib.suppress(Exception):
            _wait("servers to stop", lambda: all(
                not hub.api.get(f"{hub.url}/hub/api/users/{n}", timeout=30).json()
                .get("servers", {}).get("") for n in USERS), 90, every=2)
    if proc is not None and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # the hub stops its proxy and any server on its way out
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    pids = list(hub.users.values()) if hub else []
    if state is not None and (state / "proxy.pid").exists():
        with contextlib.suppress(ValueError):
            pids.append(int((state / "proxy.pid").read_text().strip()))
    for pid in pids:  # each server and the proxy lead a process group of their own
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)


# --------------------------------------------------------------------------- the round trip


def _page_config(session, server: str) -> dict:
    r = session.get(f"{server}/lab", timeout=120)
    assert r.status_code == 200, f"{server}/lab: HTTP {r.status_code}"
    m = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                  r.text, re.S)
    assert m, f"{server}/lab has no page config"
    return json.loads(m.group(1))


def _release(hub: Hub, instructor) -> None:
    session, server = instructor
    api = f"{server}/formgrader/api"
    assert _json(session.get(f"{api}/status", timeout=60), "formgrader status")["status"]
    generated = _json(session.post(f"{api}/assignment/{ASSIGNMENT}/assign", timeout=600),
                      "generate the assignment")
    assert generated["success"], generated.get("error") or generated
    released = _json(session.post(f"{api}/assignment/{ASSIGNMENT}/release", timeout=300),
                     "release the assignment")
    assert released["success"], released.get("error") or released
    model = _json(session.get(f"{api}/assignment/{ASSIGNMENT}", timeout=60), "the assignment")
    assert model["status"] == "released", model


def _student_round(hub: Hub, name: str, role: str, seed: int, scratch: Path) -> float:
    """List, fetch, answer, validate and submit as one student; the score they must get."""
    session, server = hub.as_user(name)
    listed = _json(session.get(f"{server}/assignments", params={"course_id": COURSE_ID},
                               timeout=120), f"{name}: list the assignments")
    assert listed["success"], listed["value"]
    assert [(a["assignment_id"], a["status"]) for a in listed["value"]] == \
        [(ASSIGNMENT, "released")], listed["value"]

    fetched = _json(session.post(f"{server}/assignments/fetch", timeout=300,
                                 params={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}),
                    f"{name}: fetch")
    assert fetched["success"], fetched["value"]
    mine = [a for a in fetched["value"] if a["status"] == "fetched"]
    assert len(mine) == 1 and mine[0]["path"] == ASSIGNMENT, fetched["value"]
    notebooks = sorted(nb["path"] for nb in mine[0]["notebooks"])
    assert notebooks, mine

    intended = 0.0
    for path in notebooks:
        contents = f"{server}/api/contents/{path}"
        release = scratch / f"{name}-{Path(path).name}"
        model = _json(session.get(contents, params={"content": 1}, timeout=120), f"read {path}")
        release.write_text(json.dumps(model["content"]))
        solution = ROOT / "solutions" / ASSIGNMENT / Path(path).name
        answered = json.loads(fake_class.notebook(role, release, solution, seed=seed))
        r = session.put(contents, json={"type": "notebook", "format": "json",
                                        "content": answered}, timeout=120)
        assert r.status_code in (200, 201), f"{name}: save {path}: {r.status_code} {r.text[:500]}"
        intended += fake_class.intended_score(role, solution)

        # Validate, as the toolbar's button asks the server.
        checked = _json(session.post(f"{server}/assignments/validate", params={"path": path},
                                     timeout=600), f"{name}: validate {path}")
        assert checked["success"], checked["value"]
        failed = checked["value"].get("failed", [])
        assert not checked["value"].get("changed") and not checked["value"].get("type_changed"), \
            checked["value"]
        if role == "solved":
            assert not failed, f"{name}'s solved notebook fails Validate: {failed}"
        else:  # the usual mistake in the last question: its visible test says what went wrong
            mistake = fake_class.chosen_mistake(
                solution, list(fake_class.test_points(solution))[-1], seed)
            if mistake.get("caught") == "autograde":
                assert not failed, failed
            else:
                assert len(failed) == 1, failed
                assert re.search(mistake["hint"], failed[0]["raw_error"]), failed[0]["raw_error"]

    submitted = _json(session.post(f"{server}/assignments/submit", timeout=300,
                                   params={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}),
                      f"{name}: submit")
    assert isinstance(submitted, dict) and submitted["success"], submitted
    assert any(a["status"] == "submitted" and a["assignment_id"] == ASSIGNMENT
               for a in submitted["value"]), submitted["value"]
    return intended


def _collect_and_grade(hub: Hub, instructor, intended: dict[str, float]) -> dict:
    session, server = instructor
    api = f"{server}/formgrader/api"
    collected = _json(session.post(f"{api}/assignment/{ASSIGNMENT}/collect", timeout=300),
                      "collect")
    assert collected["success"], collected.get("error") or collected
    listed = _json(session.get(f"{api}/submissions/{ASSIGNMENT}", timeout=120), "submissions")
    assert sorted(s["student"] for s in listed if s["submitted"]) == sorted(intended), listed
    scores = {}
    for student in intended:
        graded = _json(session.post(f"{api}/submission/{ASSIGNMENT}/{student}/autograde",
                                    timeout=GRADE_TIMEOUT), f"autograde {student}")
        assert graded["success"], graded.get("error") or graded.get("log") or graded
        sub = _json(session.get(f"{api}/submission/{ASSIGNMENT}/{student}", timeout=120),
                    f"{student}'s grade")
        assert sub["autograded"], sub
        scores[student] = sub
    return scores


@pytest.fixture(scope="module")
def hub_run():
    """Users, files and a running hub; everything is removed afterwards, whatever happened."""
    _hub_or_skip()
    base = Path(tempfile.mkdtemp(prefix="cxhub-"))
    base.chmod(0o755)  # the users reach their course folder, exchange and config through it
    granted, proc, hub, paths = [], None, None, None
    try:
        with _step("create the users", None):
            users = _make_users(base)
            _grant(_closed_folders(), USERS, granted)
            _users_can_run_the_environment(USERS)
        with _step("prepare the course, the exchange and the hub's config", None):
            paths = _prepare(base, users)
        log = base / "jupyterhub.log"
        with log.open("w") as out:
            proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(paths["config"])],
                                    cwd=paths["state"], stdout=out, stderr=subprocess.STDOUT,
                                    env=tool_env(), start_new_session=True)
        hub = Hub(paths["url"], paths["token"], log)
        with _step("the hub to answer", hub):
            def up():
                assert proc.poll() is None, f"the hub exited with {proc.returncode}"
                return hub.api.get(f"{hub.url}/hub/api/", timeout=10).status_code == 200
            _wait("the hub's API", up, 120)
        yield hub, paths
    finally:
        _stop_hub(hub, proc, paths["state"] if paths else None)
        if (base / "jupyterhub.log").exists():  # kept for reading after the run
            LOG_COPY.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(base / "jupyterhub.log", LOG_COPY)
        _kill_user_processes({pwd.getpwnam(n).pw_uid for n in USERS
                              if n in {p.pw_name for p in pwd.getpwall()}})
        _revoke(granted)
        for name in USERS:
            _remove_user(name)
        shutil.rmtree(base, ignore_errors=True)


def test_password_login_and_a_full_round_trip_through_the_hub(hub_run, tmp_path):
    import requests

    hub, paths = hub_run
    with _step("log in with DummyAuthenticator's password", hub):
        for password, status in (("wrong", 403), (PASSWORD, 302)):
            browser = requests.Session()
            page = browser.get(f"{hub.url}/hub/login", timeout=60)
            xsrf = browser.cookies.get("_xsrf") or re.search(
                r'name="_xsrf" value="([^"]+)"', page.text).group(1)
            r = browser.post(f"{hub.url}/hub/login", allow_redirects=False, timeout=60,
                             data={"username": "cxhub-student1", "password": password,
                                   "_xsrf": xsrf})
            assert r.status_code == status, (password, r.status_code, r.text[:500])

    with _step("start the three servers through the hub's API", hub):
        _start_servers(hub, USERS)
        instructor = hub.as_user(INSTRUCTOR)

    with _step("release 00_welcome through the formgrader's API", hub):
        _release(hub, instructor)
        # the course's nbgrader_config.py was in force: mistakes.py stays out of the release, and
        # the released notebook is the repository's exercises/ (make exercises) byte for byte
        released = paths["exchange"] / COURSE_ID / "outbound" / ASSIGNMENT
        assert sorted(p.name for p in released.iterdir()) == \
            sorted(p.name for p in (ROOT / "exercises" / ASSIGNMENT).iterdir()), released
        for path in released.iterdir():
            assert path.read_bytes() == (ROOT / "exercises" / ASSIGNMENT / path.name).read_bytes(), \
                f"the released {path.name} differs from exercises/{ASSIGNMENT}/{path.name}"

    intended = {}
    for k, (name, role) in enumerate(STUDENTS.items()):
        with _step(f"{name} ({role}): list, fetch, answer, validate, submit", hub):
            intended[name] = _student_round(hub, name, role, seed=k, scratch=tmp_path)

    with _step("collect and autograde through the formgrader's API", hub):
        scores = _collect_and_grade(hub, instructor, intended)

    with _step("the gradebook's scores are the intended ones", hub):
        solution = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        full = sum(fake_class.test_points(solution).values())
        assert intended["cxhub-student1"] == full
        assert intended["cxhub-student2"] < full
        print(f"automatic points: full {full:g}; intended {intended}; gradebook "
              f"{ {n: (sub['score'], sub['code_score'], sub['max_score']) for n, sub in scores.items()} }")
        for name, sub in scores.items():
            # written answers are graded by hand later: until then they count 0
            assert sub["score"] == pytest.approx(intended[name]), (name, intended[name], sub)
            assert sub["code_score"] == pytest.approx(intended[name]), (name, sub)

    with _step("the students' servers show no instructor tools", hub):
        for name in STUDENTS:
            session, server = hub.as_user(name)
            for path in ("formgrader", "formgrader/api/status", "formgrader/api/assignments"):
                r = session.get(f"{server}/{path}", timeout=60, allow_redirects=False)
                assert r.status_code == 404, f"{name}: /{path} answered {r.status_code}"
            disabled = _page_config(session, server)["disabledExtensions"]
            for ext in ("formgrader", "course-list", "create-assignment", "menu"):
                assert f"@jupyter/nbgrader:{ext}" in disabled, (name, ext, disabled)
            assert "@jupyter/nbgrader:assignment-list" not in disabled, disabled
            # a student's token opens no door to the instructor's server
            r = session.get(f"{hub.url}/user/{INSTRUCTOR}/formgrader/api/status", timeout=60,
                            allow_redirects=False)
            assert r.status_code == 403, f"{name} reached the formgrader: {r.status_code}"
        session, server = instructor
        assert session.get(f"{server}/formgrader", timeout=120).status_code == 200
        disabled = _page_config(session, server)["disabledExtensions"]
        assert not [ext for ext in disabled if ext.startswith("@jupyter/nbgrader")], disabled

    with _step("no errors in the hub's and the servers' log", hub):
        text = hub.log.read_text(errors="replace")
        problems = [line for line in text.splitlines()
                    if line.startswith("Traceback") or re.match(r"\[E \d", line)]
        assert not problems, "\n".join(problems[:20])
