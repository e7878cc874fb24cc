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


@pytest.mark.parametrize(
    "call, phrases",
    [
        ('{{ skill("statistcs") }}', ["unknown skill id 'statistcs'", "known ids: programming"]),
        ('{{ skill_group("leadrship") }}', ["unknown skill group id 'leadrship'"]),
        ('{{ level_page("seniour") }}', ["unknown level id 'seniour'"]),
        ('{{ responsibility("model") }}', ["unknown responsibility id 'model'"]),
        (
            "{{ skill_group() }}",
            ["skill_group()", "missing a required argument", "usage: (group_id"],
        ),
        ('{{ skill("statistics", 3, "extra") }}', ["too many positional arguments"]),
    ],
)
def test_a_misused_ladder_macro_fails_naming_the_page_line_and_id(project, tmp_path, call, phrases):
    add_to_page(project, "impact.md", call)
    line = len((project / "docs" / "impact.md").read_text(encoding="utf-8").splitlines())
    result = mkdocs_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/impact.md:{line}: " in output, output
    for phrase in phrases:
        assert phrase in output, output
