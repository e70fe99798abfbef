"""A throwaway PostgreSQL cluster for a gradebook that several autograde workers share.

    with throwaway_postgres() as db_url:      # postgresql+psycopg2://grader@/gradebook?host=...
        ...                                    # nbgrader ... --CourseDirectory.db_url="$db_url"

For the class-scale benchmark (``benchmarks/bench_grading.py``) and the tests: ``initdb`` and
``pg_ctl`` (Debian's ``postgresql`` package) make a cluster in a temporary folder that listens on a
unix socket in that folder only (no TCP port, so nothing to clash with and nothing reachable from
the network), with one database, ``gradebook``, and trust authentication for its one user. When
run as root it runs the server as ``nobody`` (PostgreSQL refuses to run as root), through
``setpriv``. Everything goes when the block ends. A real course uses a real server instead:
INSTRUCTORS.md, "Grading a large class".

    python tools/pg_gradebook.py      # start one, print its URL, stop it on Enter
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Where Debian's postgresql package puts the server programs (newest version first).
DEBIAN_GLOB = "/usr/lib/postgresql/*/bin"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server programs are missing, or the cluster did not start."""


def server_bin() -> Path:
    """The folder with ``initdb`` and ``pg_ctl``: ``$CXLIB_PG_BIN``, Debian's, or the PATH's."""
    candidates = [os.environ.get("CXLIB_PG_BIN", "")]
    candidates += sorted(glob.glob(DEBIAN_GLOB), key=_version, reverse=True)
    found = shutil.which("initdb")
    candidates.append(str(Path(found).parent) if found else "")
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise PostgresUnavailable(
        "PostgreSQL's initdb and pg_ctl were not found (looked in $CXLIB_PG_BIN, "
        f"{DEBIAN_GLOB} and PATH): install the server (Debian: sudo apt-get install postgresql, "
        "or `make postgres-deps` as root)")


def _version(folder: str) -> float:
    try:
        return float(Path(folder).parent.name)
    except ValueError:
        return 0.0


def driver_available() -> bool:
    """Whether SQLAlchemy can reach PostgreSQL: psycopg2 (``pip install psycopg2-binary``)."""
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return False
    return True


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise PostgresUnavailable("running as root, PostgreSQL needs another user, and setpriv "
                                  "(util-linux) is missing to switch to nobody")
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]


def _run(cmd: list[str], what: str) -> None:
    proc = subprocess.run(_as_server_user(cmd), capture_output=True, text=True,
                          env=dict(os.environ, LC_ALL="C"))
    if proc.returncode != 0:
        raise PostgresUnavailable(f"PostgreSQL could not {what} ({' '.join(cmd[:1])} exited "
                                  f"{proc.returncode}):\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}")


@contextlib.contextmanager
def throwaway_postgres(*, max_connections: int = 100):
    """Start a PostgreSQL cluster in a temporary folder; yield its SQLAlchemy URL; remove it."""
    if not driver_available():
        raise PostgresUnavailable("psycopg2 is missing: pip install psycopg2-binary (it is in "
                                  "the course's test extra: pip install -e '.[test]')")
    bin_dir = server_bin()
    top = Path(tempfile.mkdtemp(prefix="cxpg-"))
    data, sock = top / "data", top / "run"
    sock.mkdir()
    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        for path in (top, sock):
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
    started = False
    try:
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", "grader", "-A", "trust",
              "-E", "UTF8", "--locale=C", "--no-sync"], "create a cluster")
        options = (f"-k {sock} -c listen_addresses='' -c max_connections={max_connections} "
                   "-c fsync=off -c full_page_writes=off")
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(top / "server.log"), "-o",
              options, "-w", "-t", "60", "start"], f"start (see its log in {top})")
        started = True
        _run([str(bin_dir / "createdb"), "-h", str(sock), "-U", "grader", "gradebook"],
             "create the gradebook database")
        yield f"postgresql+psycopg2://grader@/gradebook?host={sock}"
    finally:
        if started:
            subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m",
                                            "immediate", "-w", "stop"]), capture_output=True)
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    try:
        with throwaway_postgres() as url:
            print(url, flush=True)
            input("PostgreSQL is running; press Enter to stop it and remove its files ")
    except PostgresUnavailable as exc:
        sys.exit(f"error: {exc}")
