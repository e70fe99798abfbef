"""The grading sandbox: a Jupyter kernel for student code with limits, no network, and a user of
its own.

    sudo python tools/sandbox_kernel.py install          # the user cxsandbox and the kernelspec
    GRADING_KERNEL=cs-grading-sandbox nbgrader autograde 04_queueing_theory

``install`` writes the kernelspec ``cs-grading-sandbox`` into this Python environment
(``<sys.prefix>/share/jupyter/kernels/``) and, when run as root, creates the system user
``cxsandbox`` (no home, no login shell) if it is missing. With ``GRADING_KERNEL`` set,
``nbgrader_config.py`` makes nbgrader's ``Execute`` run every notebook in that kernel, and talk to
it over unix sockets (``KernelManager.transport = "ipc"``), since the kernel has no network.

The kernelspec runs ``launch``, which starts an ordinary IPython kernel through three standard
tools, each of which replaces itself with the next (``exec``), so that the kernel keeps the
process id and process group that nbgrader interrupts and stops:

* ``prlimit`` (util-linux; Linux rlimits): ``--as`` caps the address space (a 10 GB allocation
  raises ``MemoryError`` in the student's cell), ``--cpu`` the CPU seconds of each process (a
  backstop: the kernel is killed, "kernel died"; nbgrader's 60-second cell limit comes first),
  ``--nproc`` the processes and threads of the sandbox user (a fork bomb gets
  ``BlockingIOError``); root ignores ``--nproc``, the sandbox user does not;
* ``unshare -n`` (a network namespace: ``CONFIG_NET_NS``, and root or, for a grader that is not
  root, unprivileged user namespaces for ``unshare -r -n``): the kernel sees no interface but a
  loopback that is down, so every socket connection fails;
* ``setpriv`` (util-linux), when the grader is root: the kernel runs as ``cxsandbox`` with no
  supplementary groups and ``no_new_privs``; with the grader's umask at 077, the gradebook and
  the other students' folders are closed to it.

The kernel reaches its connection file and its unix sockets in a private folder in ``/tmp``
(symlinked from where nbgrader expects the sockets); the kernel removes the folder when it ends.
INSTRUCTORS.md, "The grading sandbox", says what it protects and what it does not.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NAME = "cs-grading-sandbox"
USER = "cxsandbox"
#: Defaults: 4 GB of address space, 10 minutes of CPU per process, 256 processes and threads.
LIMITS = {"memory": "4G", "cpu": 600, "nproc": 256}
PORTS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
#: One thread per numerical library: a grading worker is one core, and threads count for nproc.
ONE_THREAD = {k: "1" for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
#: Runs the kernel, and removes the private folder when it ends.
KERNEL = ("import atexit, shutil, sys; atexit.register(shutil.rmtree, sys.argv.pop(1), True); "
          "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()")


def _bytes(size: str) -> int:
    """``"4G"`` -> 4294967296.

    >>> _bytes("512M"), _bytes("4G"), _bytes("1000")
    (536870912, 4294967296, 1000)
    """
    units = {"K": 2**10, "M": 2**20, "G": 2**30}
    return int(float(size[:-1]) * units[size[-1].upper()]) if size[-1].upper() in units \
        else int(size)


def command(connection: Path, box: Path, *, user: str | None, memory: str, cpu: int,
            nproc: int) -> list[str]:
    """The kernel's command line: prlimit, unshare, (setpriv), python."""
    cmd = [shutil.which("prlimit") or "prlimit", f"--as={_bytes(memory)}", f"--cpu={cpu}",
           f"--nproc={nproc}", "--", shutil.which("unshare") or "unshare"]
    cmd += ["-n", "--"] if user else ["-r", "-n", "--"]
    if user:
        entry = pwd.getpwnam(user)
        cmd += [shutil.which("setpriv") or "setpriv", f"--reuid={entry.pw_uid}",
                f"--regid={entry.pw_gid}", "--clear-groups", "--no-new-privs", "--"]
    return cmd + [sys.executable, "-c", KERNEL, str(box), "-f", str(connection)]


def launch(connection_file: str, *, user: str, memory: str, cpu: int, nproc: int) -> None:
    info = json.loads(Path(connection_file).read_text())
    if info.get("transport") != "ipc":
        sys.exit(f"{NAME}: the kernel has no network, so nbgrader must reach it over unix "
                 "sockets: set c.KernelManager.transport = 'ipc' (nbgrader_config.py does when "
                 "GRADING_KERNEL is set)")
    root = os.geteuid() == 0
    if root:
        try:
            entry = pwd.getpwnam(user)
        except KeyError:
            sys.exit(f"{NAME}: the sandbox user {user!r} does not exist: run "
                     "`python tools/sandbox_kernel.py install` as root")
    box = Path(tempfile.mkdtemp(prefix="cx-sandbox-"))
    # nbgrader connects where it expects the sockets (a relative prefix is relative to its
    # folder, not to the kernel's); the kernel binds in the box, which it can write to
    expected = Path(os.readlink(f"/proc/{os.getppid()}/cwd")) / info["ip"]
    expected.parent.mkdir(parents=True, exist_ok=True)
    for key in PORTS:
        link = Path(f"{expected}-{info[key]}")
        if link.is_symlink():
            link.unlink()  # left by a kernel that was killed
        link.symlink_to(f"{box}/ipc-{info[key]}")
    info["ip"] = f"{box}/ipc"
    (box / "connection.json").write_text(json.dumps(info))
    if root:
        for path in (box, box / "connection.json"):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    cmd = command(box / "connection.json", box, user=user if root else None, memory=memory,
                  cpu=cpu, nproc=nproc)
    env = {k: v for k, v in os.environ.items()
           if k in ("PATH", "PYTHONPATH", "LANG", "LC_ALL", "TZ", "PYDEVD_DISABLE_FILE_VALIDATION")}
    env.update(ONE_THREAD, HOME=str(box), MPLCONFIGDIR=str(box), IPYTHONDIR=str(box / "ipython"))
    os.execvpe(cmd[0], cmd, env)


def install(*, user: str, memory: str, cpu: int, nproc: int, prefix: str = sys.prefix) -> Path:
    """Write the kernelspec; as root, create the sandbox user if it is missing."""
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(user)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                            "/usr/sbin/nologin", user], check=True)
    folder = Path(prefix) / "share" / "jupyter" / "kernels" / NAME
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, str(Path(__file__).resolve()), "launch", "--user", user,
                 "--memory", memory, "--cpu", str(cpu), "--nproc", str(nproc),
                 "{connection_file}"],
        "display_name": "Python 3 (grading sandbox)",
        "language": "python",
        "interrupt_mode": "signal",
        "metadata": {"debugger": False},
    }
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1))
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    for action in ("install", "launch"):
        p = sub.add_parser(action)
        p.add_argument("--user", default=USER)
        p.add_argument("--memory", default=LIMITS["memory"], help="address space, e.g. 4G")
        p.add_argument("--cpu", type=int, default=LIMITS["cpu"], help="CPU seconds per process")
        p.add_argument("--nproc", type=int, default=LIMITS["nproc"],
                       help="processes and threads of the sandbox user")
        if action == "install":
            p.add_argument("--prefix", default=sys.prefix)
        else:
            p.add_argument("connection_file")
    args = parser.parse_args(argv)
    limits = dict(user=args.user, memory=args.memory, cpu=args.cpu, nproc=args.nproc)
    if args.action == "launch":
        launch(args.connection_file, **limits)
        return 1  # not reached: launch replaces this process with the kernel
    print(f"installed {install(prefix=args.prefix, **limits)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
