"""Every kind of broken data file stops the build with the file, the line, the item and what to fix.

Each case breaks a private copy of the project the way a contributor might, then runs the real
strict build: the exit status must be non-zero, the message precise, and no traceback shown.
"""

from __future__ import annotations

import re

import pytest

from conftest import DATA_FILE, edit_data, item, mkdocs_build

SHOWN = "docs/data/ladder.yml"


def replace_line(project, old: str, new: str) -> int:
    """Replace the first line equal to `old`; return its 1-based number."""
    path = project / DATA_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(old)
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def line_of(project, text: str) -> int:
    lines = (project / DATA_FILE).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def failed_build(project, tmp_path) -> str:
    result = mkdocs_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert not (tmp_path / "out" / "skills" / "index.html").exists()
    return output


def assert_reported(output: str, line: int | None, item_id: str | None, *phrases: str):
    where = re.escape(f"{SHOWN}:{line}") if line else rf"{re.escape(SHOWN)}(?::\d+)?"
    item_part = rf" \[item {re.escape(item_id)}\]" if item_id else r"(?: \[item [^\]]+\])?"
    pattern = rf"{where}{item_part}: .*"
    matches = re.findall(pattern, output)
    assert matches, f"no problem reported at {where} for {item_id}:\n{output}"
    assert any(all(phrase in match for phrase in phrases) for match in matches), (phrases, matches)


def test_yaml_syntax_error(project, tmp_path):
    line = replace_line(project, "    name: Statistics", "    name: Statistics: the basics")
    assert_reported(failed_build(project, tmp_path), line, None, "YAML syntax error", "mapping values")


def test_yaml_syntax_error_far_from_its_cause_names_where_it_started(project, tmp_path):
    start = line_of(project, "  - id: statistics")
    replace_line(project, "    name: Statistics", '    name: "Statistics')
    assert_reported(
        failed_build(project, tmp_path), None, None, "YAML syntax error", f"starts on line {start}"
    )


def test_tab_indentation(project, tmp_path):
    line = replace_line(project, "    name: Statistics", "\tname: Statistics")
    assert_reported(failed_build(project, tmp_path), line, None, "indented with a tab", "spaces")


def test_missing_data_file(project, tmp_path):
    (project / DATA_FILE).unlink()
    output = failed_build(project, tmp_path)
    assert re.search(rf"{SHOWN}'? isn't an existing file", output), output


def test_data_file_misnamed_in_the_config(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "ladder_data: docs/data/ladder.yml", "ladder_data: docs/data/ladders.yml"
        ),
        encoding="utf-8",
    )
    output = failed_build(project, tmp_path)
    assert "docs/data/ladders.yml: 1 problem(s)" in output
    assert "does not exist; check `ladder_data` in mkdocs.yml" in output


def test_required_field_missing(project, tmp_path):
    replace_line(project, "    name: Statistics", "")
    line = line_of(project, "  - id: statistics")
    assert_reported(failed_build(project, tmp_path), line, "statistics", "required field `name` is missing")


def test_wrong_type(project, tmp_path):
    line = replace_line(project, "    name: Statistics", "    name: 42")
    assert_reported(failed_build(project, tmp_path), line, "statistics", "`skills.1.name`", "expected string")


def test_duplicate_id(project, tmp_path):
    line = replace_line(project, "  - id: linear-algebra", "  - id: statistics")
    assert_reported(failed_build(project, tmp_path), line, "statistics", "duplicate id 'statistics'")


def test_id_not_kebab_case(project, tmp_path):
    line = replace_line(project, "  - id: statistics", "  - id: Statistics_Skill")
    assert_reported(failed_build(project, tmp_path), line, "Statistics_Skill", "not a kebab-case id")


def test_unknown_key(project, tmp_path):
    line = replace_line(project, "    name: Statistics", "    nmae: Statistics")
    assert_reported(failed_build(project, tmp_path), line, "statistics", "unknown key `nmae`", "typo")


def test_duplicate_key(project, tmp_path):
    line = replace_line(project, "    name: Statistics", "    name: Statistics\n    name: Statistics again")
    assert_reported(failed_build(project, tmp_path), line + 1, None, "'name' appears twice")


def test_unknown_level(project, tmp_path):
    statistics = line_of(project, "  - id: statistics")
    path = project / DATA_FILE
    text = path.read_text(encoding="utf-8")
    offset = text.index("  - id: statistics")
    senior = text.index("      senior: >-", offset)
    path.write_text(
        text[:senior] + "      senoir: >-" + text[senior + len("      senior: >-") :],
        encoding="utf-8",
    )
    line = line_of(project, "senoir")
    output = failed_build(project, tmp_path)
    assert_reported(output, line, "statistics", "unknown level 'senoir'", "known levels: mle-1")
    assert_reported(output, None, None, "no expectation for level(s) senior")
    assert statistics < line


def test_unknown_skill_group(project, tmp_path):
    line = replace_line(project, "    group: technical", "    group: technicall")
    assert_reported(failed_build(project, tmp_path), line, "programming", "unknown skill group 'technicall'")


def test_unknown_skill_reference(project, tmp_path):
    line = line_of(project, "    skills: [programming, statistics,")
    path = project / DATA_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    skills: [programming, statistics,", "    skills: [programming, statistcs,", 1
        ),
        encoding="utf-8",
    )
    assert_reported(failed_build(project, tmp_path), line, "model-development", "unknown skill 'statistcs'")


def test_empty_expectation(project, tmp_path):
    edit_data(project, lambda data: item(data, "skills", "statistics")["expectations"].update(senior="  "))
    line = line_of(project, "senior: '  '")
    assert_reported(
        failed_build(project, tmp_path),
        line,
        "statistics",
        "expectations.senior",
        "must not be empty",
    )


def test_a_level_missing_from_an_item(project, tmp_path):
    edit_data(
        project,
        lambda data: item(data, "responsibilities", "responsible-ml")["expectations"].pop("principal"),
    )
    line = _field_line(project, "responsible-ml", "expectations")
    assert_reported(
        failed_build(project, tmp_path),
        line,
        "responsible-ml",
        "no expectation for level(s) principal",
        "every level needs one",
    )


@pytest.mark.parametrize("value, phrase", [("[]", "at least 1"), ("not-a-list", "expected list")])
def test_evidence_must_be_a_non_empty_list(project, tmp_path, value, phrase):
    edit_data(
        project,
        lambda data: item(data, "skills", "delivery").update(evidence=value if value != "[]" else []),
    )
    assert_reported(
        failed_build(project, tmp_path),
        _field_line(project, "delivery", "evidence"),
        "delivery",
        phrase,
    )


def _field_line(project, item_id: str, field: str) -> int:
    lines = (project / DATA_FILE).read_text(encoding="utf-8").split("\n")
    start = next(n for n, line in enumerate(lines) if line.endswith(f"id: {item_id}"))
    return next(n for n in range(start, len(lines)) if lines[n].strip().startswith(f"{field}:")) + 1
