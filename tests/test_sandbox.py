"""The grading sandbox (tools/sandbox_kernel.py): hostile submissions are graded, and harm nobody.

Four students of ``00_welcome`` hand in the solution with something hostile put before their last
automatically graded answer: a 10 GB allocation, a fork bomb, a network connection (to a socket
this test listens on, on loopback), and a read of the gradebook and a listing of the other
students' work. Each prints what happened, and then answers correctly: in the sandbox the hostile
part fails, the student keeps every automatic point, and the output says why it failed. The fork
bomb is guarded twice: the test's kernelspec allows the sandbox user 64 processes and threads
(RLIMIT_NPROC, which applies because the kernel runs as that user), and the bomb's children sleep
until the bomb kills them.

Needs root (for the sandbox user and the network namespace) and util-linux's prlimit, unshare and
setpriv: elsewhere it skips and says why.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import subprocess
import sys

import nbformat
import pytest

from conftest import ROOT, tool_env

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import fake_class  # noqa: E402
import grading_scale  # noqa: E402
import sandbox_kernel  # noqa: E402

ASSIGNMENT = "00_welcome"

HOSTILE = {
    "memory": """
try:
    hoard = bytearray(10 * 2**30)
    print("SANDBOX FAILED: allocated 10 GB")
except MemoryError:
    print("blocked: MemoryError")
""",
    "fork_bomb": """
import os, signal, time
children = []
try:
    while len(children) < 500:
        pid = os.fork()
        if pid == 0:
            time.sleep(300)
            os._exit(0)
        children.append(pid)
    print("SANDBOX FAILED: forked", len(children))
except OSError as exc:
    print("blocked:", type(exc).__name__, "after", len(children), "children")
for pid in children:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
""",
    "network": """
import socket
for where in [("127.0.0.1", {port}), ("1.1.1.1", 53)]:
    try:
        socket.create_connection(where, timeout=3).close()
        print("SANDBOX FAILED: connected to", where)
    except OSError as exc:
        print("blocked:", where[0], type(exc).__name__)
""",
    "gradebook": """
for action in (lambda: open({gradebook!r}, "rb").read(16), lambda: __import__("os").listdir({work!r})):
    try:
        print("SANDBOX FAILED: read", action())
    except OSError as exc:
        print("blocked:", type(exc).__name__)
""",
}


def _sandbox_or_skip():
    if os.geteuid() != 0:
        pytest.skip("the grading sandbox's test needs root (a user of its own, a network "
                    "namespace); not tested")
    missing = [t for t in ("prlimit", "unshare", "setpriv", "useradd") if not shutil.which(t)]
    if missing:
        pytest.skip(f"the grading sandbox needs util-linux's {', '.join(missing)}; not tested")
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("network namespaces are not available here (unshare -n fails); not tested")


@pytest.mark.slow
@pytest.mark.extended
def test_hostile_submissions_are_graded_in_the_sandbox_without_harm(tmp_path):
    _sandbox_or_skip()
    prefix = tmp_path / "env"
    sandbox_kernel.install(user=sandbox_kernel.USER, memory="2G", cpu=120, nproc=64,
                           prefix=str(prefix))
    uid = pwd.getpwnam(sandbox_kernel.USER).pw_uid
    course = grading_scale.make_course(tmp_path / "course", [ASSIGNMENT])
    os.chmod(tmp_path, 0o755)  # the course is reachable; what is in it is closed by the umask
    os.chmod(course, 0o755)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    port = listener.getsockname()[1]

    release = course / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    solution = course / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    last = list(fake_class.test_points(solution))[-1]
    people = fake_class.roster(len(HOSTILE))
    fake_class.write_roster(course / "roster.csv", people)
    student = {kind: p["id"] for kind, p in zip(HOSTILE, people)}
    for kind, person in zip(HOSTILE, people):
        nb = json.loads(fake_class.notebook("solved", release, solution))
        cell = next(c for c in nb["cells"]
                    if c["metadata"].get("nbgrader", {}).get("grade_id") == last)
        code = HOSTILE[kind].format(port=port, gradebook=str(course / "gradebook.db"),
                                    work=str(course / "submitted"))
        cell["source"] = code + "\n" + "".join(cell["source"])
        folder = course / "submitted" / person["id"] / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / release.name).write_text(json.dumps(nb))

    env = dict(tool_env(), GRADING_KERNEL=sandbox_kernel.NAME,
               JUPYTER_PATH=str(prefix / "share" / "jupyter"))
    env.pop("GRADEBOOK_URL", None)

    def nbgrader(*args):
        return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                              capture_output=True, text=True, timeout=900,
                              preexec_fn=lambda: os.umask(0o077))

    for args in (["db", "student", "import", "roster.csv"],
                 ["generate_assignment", ASSIGNMENT, "--force"]):
        assert nbgrader(*args).returncode == 0
    assert (course / "gradebook.db").stat().st_mode & 0o077 == 0, "the gradebook is closed"
    graded = nbgrader("autograde", ASSIGNMENT, "--Execute.timeout=120")
    log = graded.stdout + graded.stderr
    assert graded.returncode == 0, log[-5000:]
    with pytest.raises(TimeoutError):
        listener.accept()  # nobody connected from inside the sandbox
    listener.close()

    full = sum(fake_class.test_points(solution).values())
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {k: gb.find_submission(ASSIGNMENT, s).score for k, s in student.items()}
    assert scores == {k: full for k in HOSTILE}, "every hostile notebook is graded, in full"

    for kind, sid in student.items():
        nb = nbformat.read(course / "autograded" / sid / ASSIGNMENT / release.name, 4)
        cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == last)
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert "blocked:" in text and "SANDBOX FAILED" not in text, (kind, cell.outputs)
    fork = next(c for c in nbformat.read(course / "autograded" / student["fork_bomb"] / ASSIGNMENT
                                         / release.name, 4).cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == last)
    assert "BlockingIOError" in "".join(o.get("text", "") for o in fork.outputs)

    left = subprocess.run(["pgrep", "-u", str(uid)], capture_output=True, text=True).stdout
    assert left.strip() == "", f"processes of the sandbox user outlived grading: {left}"
