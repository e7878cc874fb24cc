"""A page that misuses the template language or a ladder macro fails the build, naming the page."""

from __future__ import annotations

import pytest

from conftest import mkdocs_build


def add_to_page(project, page, line):
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


@pytest.mark.parametrize("call", ["{{ no_such_macro() }}", "{{ no_such_variable }}"])
def test_undefined_names_fail_the_build(project, tmp_path, call):
    add_to_page(project, "impact.md", call)
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "impact.md" in result.stderr + result.stdout
    assert not (tmp_path / "out" / "impact" / "index.html").exists()
