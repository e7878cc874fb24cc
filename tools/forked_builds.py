"""Strict builds for the tests, each forked from a process that has imported MkDocs already.

A test run makes about two dozen builds, and a new Python spends most of a second importing MkDocs,
the theme, the plugins, the Markdown extensions and the libraries the ladder's code uses before each
one starts. This server imports them once; every build is still a process of its own, in the project's
directory and environment, and imports the project's own code (ladder/, macros.py, the hooks) afresh
from that directory, as `python -m mkdocs build` does. `make build` and `make bench` do not use it.

    python -m tools.forked_builds   # reads one JSON request per line, answers one JSON line each
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300  # seconds a build may take, forked or in a new process (tools/project.py)


def _import_everything_a_build_imports() -> None:
    """Load mkdocs.yml as a build does, which imports every plugin, extension and hook it names, and
    the ladder's code with the libraries it uses; then forget the project's own modules."""
    import mkdocs.__main__  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    from mkdocs.config import load_config

    load_config(str(ROOT / "mkdocs.yml"))
    importlib.import_module("ladder.postbuild")
    importlib.import_module("ladder.hooks")
    own = [ROOT / "ladder", ROOT / "macros.py", ROOT / "overrides", ROOT / "docs"]
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and any(Path(file).is_relative_to(path) for path in own):
            del sys.modules[name]


def _build(request: dict) -> dict:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:  # the build: never returns
            code = 1
            try:
                os.chdir(request["cwd"])
                os.environ.clear()
                os.environ.update(request["env"])
                sys.path[0] = request["cwd"]  # where `python -m` finds the project's own modules
                importlib.invalidate_caches()
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.argv = ["mkdocs", *request["args"]]
                from mkdocs.__main__ import cli

                try:
                    cli.main(args=request["args"], prog_name="mkdocs")
                    code = 0
                except SystemExit as exit:
                    code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        deadline = time.monotonic() + TIMEOUT
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                returncode = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                returncode = -9
                err.write(f"the build took more than {TIMEOUT} s and was stopped\n".encode())
                break
            time.sleep(0.01)
        out.seek(0)
        err.seek(0)
        return {
            "returncode": returncode,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def serve() -> None:
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever an import prints stays out of the answers
    _import_everything_a_build_imports()
    for line in sys.stdin:
        answers.write(json.dumps(_build(json.loads(line))) + "\n")
        answers.flush()


class Builder:
    """The client: starts the server on first use, in the background, and sends it builds."""

    def __init__(self):
        self._server: subprocess.Popen | None = None

    def start(self) -> None:
        if self._server is None and hasattr(os, "fork"):
            self._server = subprocess.Popen(
                [sys.executable, "-m", "tools.forked_builds"],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )

    def run(self, args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess | None:
        """The build's result as `subprocess.run` gives it, or None when the server is not there."""
        self.start()
        server = self._server
        if server is None or server.poll() is not None:
            return None
        server.stdin.write(json.dumps({"args": args, "cwd": str(Path(cwd).resolve()), "env": env}) + "\n")
        server.stdin.flush()
        line = server.stdout.readline()
        if not line:  # the server stopped: builds go on in new processes
            return None
        answer = json.loads(line)
        return subprocess.CompletedProcess(
            [sys.executable, "-m", "mkdocs", *args], answer["returncode"], answer["stdout"], answer["stderr"]
        )

    def stop(self) -> None:
        if self._server is not None:
            self._server.stdin.close()
            self._server.wait(timeout=30)
            self._server = None


if __name__ == "__main__":
    serve()
