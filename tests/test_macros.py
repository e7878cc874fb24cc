"""A page that misuses the template language or a ladder macro fails the build, naming the page, the
line and the fix; `make serve` shows the same message and keeps serving until the call is fixed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time

import pytest

from tools.project import ROOT, mkdocs_build
from tools.serve import free_port, wait_for_page


def add_to_page(project, page, line) -> int:
    """Append `line` to a page; return its line number."""
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8") + f"\n{line}\n"
    _save(path, text)
    return len(text.splitlines())


@pytest.mark.parametrize("call", ["{{ no_such_macro() }}", "{{ no_such_variable }}"])
def test_undefined_names_fail_the_build(tiny_project, tmp_path, call):
    add_to_page(tiny_project, "skills.md", call)
    result = mkdocs_build(tiny_project, tmp_path / "out")
    assert result.returncode != 0
    assert "skills.md" in result.stderr + result.stdout


@pytest.mark.parametrize(
    "call, phrases",
    [
        (
            '{{ skill("alpah") }}',
            ["unknown skill id 'alpah'", "did you mean 'alpha'?", "known ids: alpha, beta"],
        ),
        ('{{ skill_group("peple") }}', ["unknown skill group id 'peple'", "did you mean 'people'?"]),
        ('{{ level_page("midle") }}', ["unknown level id 'midle'", "did you mean 'middle'?"]),
        ('{{ responsibility("bild") }}', ["unknown responsibility id 'bild'", "did you mean 'build'?"]),
        ("{{ skill_group() }}", ["skill_group()", "missing a required argument", "usage: (group_id"]),
        ('{{ skill("alpha", 3, "extra") }}', ["too many positional arguments"]),
    ],
)
def test_a_misused_ladder_macro_fails_naming_the_page_line_and_id(tiny_project, tmp_path, call, phrases):
    line = add_to_page(tiny_project, "skills.md", call)
    result = mkdocs_build(tiny_project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    errors = [row for row in output.splitlines() if row.startswith("ERROR")]
    assert len(errors) == 1 and f"docs/skills.md:{line}: " in errors[0], output
    for phrase in phrases:
        assert phrase in errors[0], output
    assert "Traceback" not in output


def _save(path, text: str) -> None:
    """Save a file the way editors do: the watcher never sees it half written."""
    handle, draft = tempfile.mkstemp()
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(draft, path)


def test_make_serve_shows_a_mistake_keeps_serving_and_recovers(tiny_project):
    shutil.copy2(ROOT / "Makefile", tiny_project / "Makefile")
    port = free_port()
    log = (tiny_project / "serve.log").open("w")
    server = subprocess.Popen(
        # The real .venv, marked up to date (-o) so that make never reinstalls it from this copy.
        ["make", "serve", f"VENV={ROOT / '.venv'}", "-o", str(ROOT / ".venv" / ".installed"), f"PORT={port}"],
        cwd=tiny_project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/skills/"
    try:
        wait_for_page(url, lambda page: 'id="skill-alpha"' in page, server)

        line = add_to_page(tiny_project, "skills.md", '{{ skill("alpah") }}')
        page = wait_for_page(url, lambda page: "calls a ladder macro wrongly" in page, server)
        assert f"docs/skills.md:{line}: skill(&#x27;alpah&#x27;)" in page
        assert "did you mean &#x27;alpha&#x27;?" in page

        source = tiny_project / "docs" / "skills.md"
        _save(source, source.read_text(encoding="utf-8").replace('"alpah"', '"gamma"'))
        page = wait_for_page(url, lambda page: "calls a ladder macro wrongly" not in page, server)
        assert page.count('id="skill-gamma"') == 2  # its group's and the repaired call's

        data = tiny_project / "docs" / "data" / "ladder.yml"
        good = data.read_text(encoding="utf-8")
        _save(data, good.replace("    name: Gamma\n", "    name: Gamma\n    name: Gamma again\n"))
        time.sleep(3)  # the rebuild fails and says why; the server holds pages back until a build succeeds
        assert server.poll() is None
        _save(data, good.replace("    name: Gamma\n", "    name: Gamma, repaired\n"))
        wait_for_page(url, lambda page: "Gamma, repaired" in page, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tiny_project / "serve.log").read_text(encoding="utf-8")
    assert f"ERROR   -  docs/skills.md:{line}: skill('alpah'): unknown skill id 'alpah'" in output
    assert "key 'name' appears twice in the same mapping" in output
