"""Every kind of broken data file is refused with the file, the line, the item and what to fix.

Each case breaks a private copy of the tiny ladder the way a contributor might and reads it the way
every build does (ladder/site.py). That the message reaches a contributor as one error and a failed
build, under every engine, is tests/test_build_errors.py's.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil

import pytest
import yaml

from ladder import LadderDataError
from ladder.releases import folder, load_frozen
from ladder.schema import UnknownId
from ladder.site import LadderSite
from tools.project import DATA_FILE, edit_data, entry


def replace_line(project, old: str, new: str) -> int:
    """Replace the first line equal to `old`; return its 1-based number."""
    path = project / DATA_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(old)
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def line_of(project, text: str, after: int = 0) -> int:
    """The number of the first line at or after line `after` that contains `text`."""
    lines = (project / DATA_FILE).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if number >= after and text in line)


@pytest.fixture(autouse=True)
def in_the_project(tiny_project, monkeypatch):
    """Messages name the data file as a contributor typed it: relative to where the build runs."""
    monkeypatch.chdir(tiny_project)


def failed_build(project, tmp_path=None) -> str:
    """The message that stops every build of `project`."""
    with pytest.raises(LadderDataError) as refused:
        LadderSite.load(project / "mkdocs.yml")
    return str(refused.value)


def assert_reported(output: str, line: int | None, item_id: str | None, *phrases: str):
    where = re.escape(f"{DATA_FILE}:{line}") if line else rf"{re.escape(DATA_FILE)}(?::\d+)?"
    item_part = rf" \[item {re.escape(item_id)}\]" if item_id else r"(?: \[item [^\]]+\])?"
    matches = re.findall(rf"{where}{item_part}: .*", output)
    assert matches, f"no problem reported at {where} for {item_id}:\n{output}"
    assert any(all(phrase in match for phrase in phrases) for match in matches), (phrases, matches)


def test_yaml_syntax_error(tiny_project, tmp_path):
    line = replace_line(tiny_project, "    name: Alpha", "    name: Alpha: the basics")
    assert_reported(failed_build(tiny_project, tmp_path), line, None, "YAML syntax error", "mapping values")


def test_yaml_syntax_error_far_from_its_cause_names_where_it_started(tiny_project, tmp_path):
    start = replace_line(tiny_project, "    name: Alpha", '    name: "Alpha')
    assert_reported(
        failed_build(tiny_project, tmp_path), None, None, "YAML syntax error", f"starts on line {start}"
    )


def test_tab_indentation(tiny_project, tmp_path):
    line = replace_line(tiny_project, "    name: Alpha", "\tname: Alpha")
    assert_reported(failed_build(tiny_project, tmp_path), line, None, "indented with a tab", "spaces")


def test_missing_data_file(tiny_project, tmp_path):
    (tiny_project / DATA_FILE).unlink()
    output = failed_build(tiny_project, tmp_path)
    assert f"{DATA_FILE}: 1 problem(s)" in output and "does not exist" in output, output


def test_data_file_misnamed_in_the_config(tiny_project, tmp_path):
    config = tiny_project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "extra:\n  ladder:\n    data: docs/data/ladders.yml\n",
        encoding="utf-8",
    )
    output = failed_build(tiny_project, tmp_path)
    assert "docs/data/ladders.yml: 1 problem(s)" in output
    assert "does not exist; check `extra.ladder.data` in mkdocs.yml" in output


def test_required_field_missing(tiny_project, tmp_path):
    replace_line(tiny_project, "    name: Alpha", "")
    line = line_of(tiny_project, "  - id: alpha")
    assert_reported(failed_build(tiny_project, tmp_path), line, "alpha", "required field `name` is missing")


def test_wrong_type(tiny_project, tmp_path):
    line = replace_line(tiny_project, "    name: Alpha", "    name: 42")
    assert_reported(failed_build(tiny_project, tmp_path), line, "alpha", "`skills.0.name`", "expected string")


def test_duplicate_id_names_both_lines(tiny_project, tmp_path):
    first = line_of(tiny_project, "  - id: alpha")
    line = replace_line(tiny_project, "  - id: gamma", "  - id: alpha")
    assert_reported(
        failed_build(tiny_project, tmp_path),
        line,
        "alpha",
        "duplicate id 'alpha'",
        f"already used on line {first}",
    )


def test_an_alias_that_repeats_an_id_is_a_duplicate(tiny_project, tmp_path):
    first = line_of(tiny_project, "  - id: alpha")
    line = line_of(tiny_project, "    aliases: [old-beta]")
    replace_line(tiny_project, "    aliases: [old-beta]", "    aliases: [old-beta, alpha]")
    assert_reported(failed_build(tiny_project, tmp_path), line, "beta", f"already used on line {first}")


def test_id_not_kebab_case(tiny_project, tmp_path):
    line = replace_line(tiny_project, "  - id: alpha", "  - id: Alpha_Skill")
    assert_reported(failed_build(tiny_project, tmp_path), line, "Alpha_Skill", "not a kebab-case id")


@pytest.mark.parametrize("name", ["<b>Alpha</b>", "Alpha <script>x</script>", "a < b"])
def test_a_name_with_markup_is_refused(tiny_project, tmp_path, name):
    line = replace_line(tiny_project, "    name: Alpha", f'    name: "{name}"')
    assert_reported(failed_build(tiny_project, tmp_path), line, "alpha", "looks like markup", "`<` and `>`")


def test_unknown_key(tiny_project, tmp_path):
    line = replace_line(tiny_project, "    name: Alpha", "    nmae: Alpha")
    assert_reported(failed_build(tiny_project, tmp_path), line, "alpha", "unknown key `nmae`", "typo")


def test_duplicate_key(tiny_project, tmp_path):
    line = replace_line(tiny_project, "    name: Alpha", "    name: Alpha\n    name: Alpha again")
    assert_reported(failed_build(tiny_project, tmp_path), line + 1, None, "'name' appears twice")


def test_unknown_level_suggests_the_close_one(tiny_project, tmp_path):
    middle = line_of(tiny_project, "      middle:", after=line_of(tiny_project, "  - id: alpha"))
    path = tiny_project / DATA_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[middle - 1] = "      midle:"
    path.write_text("\n".join(lines), encoding="utf-8")
    output = failed_build(tiny_project, tmp_path)
    assert_reported(
        output, middle, "alpha", "unknown level 'midle'", "did you mean 'middle'?", "known levels: first"
    )
    assert_reported(output, None, "alpha", "no expectation for level(s) middle")


def test_unknown_skill_group(tiny_project, tmp_path):
    line = replace_line(tiny_project, "    group: people", "    group: peopel")
    assert_reported(
        failed_build(tiny_project, tmp_path),
        line,
        "gamma",
        "unknown skill group 'peopel'",
        "did you mean 'people'?",
    )


def test_an_unknown_id_keeps_its_message_when_a_worker_sends_it_back(tiny_project):
    """The versions' pages are written in worker processes; an error raised there reaches the build
    pickled, and must still say what was asked for and what is close to it."""
    ladder = LadderSite.load(tiny_project / "mkdocs.yml").ladder
    with pytest.raises(UnknownId) as asked:
        ladder.item("skill", "betta")
    message = str(asked.value)
    assert "unknown skill id 'betta'" in message and "did you mean 'beta'?" in message, message
    assert str(pickle.loads(pickle.dumps(asked.value))) == message


def test_unknown_skill_reference(tiny_project, tmp_path):
    line = replace_line(tiny_project, "    skills: [alpha, beta]", "    skills: [alpha, betta]")
    assert_reported(
        failed_build(tiny_project, tmp_path), line, "build", "unknown skill 'betta'", "did you mean 'beta'?"
    )


def test_empty_expectation(tiny_project, tmp_path):
    edit_data(
        tiny_project, lambda data: entry(data, "skills", "alpha")["expectations"]["top"].update(text="  ")
    )
    line = line_of(tiny_project, "text: '  '")
    assert_reported(
        failed_build(tiny_project, tmp_path), line, "alpha", "expectations.top.text", "must not be empty"
    )


def test_an_expectation_without_its_signals(tiny_project, tmp_path):
    edit_data(
        tiny_project, lambda data: entry(data, "skills", "gamma")["expectations"]["middle"].pop("not_yet")
    )
    output = failed_build(tiny_project, tmp_path)
    assert_reported(output, None, "gamma", "required field `not_yet` is missing")


def test_a_level_missing_from_an_item(tiny_project, tmp_path):
    edit_data(tiny_project, lambda data: entry(data, "responsibilities", "run")["expectations"].pop("top"))
    line = line_of(tiny_project, "expectations:", after=line_of(tiny_project, "- id: run"))
    assert_reported(
        failed_build(tiny_project, tmp_path),
        line,
        "run",
        "no expectation for level(s) top",
        "every level needs one",
    )


def test_an_item_that_ends_asks_nothing_above_its_end(tiny_project, tmp_path):
    edit_data(tiny_project, lambda data: entry(data, "skills", "beta").update(ends_at="first"))
    line = line_of(tiny_project, "middle:", after=line_of(tiny_project, "- id: beta"))
    assert_reported(
        failed_build(tiny_project, tmp_path), line, "beta", "ends at 'first'", "no expectation at 'middle'"
    )


def test_an_item_that_ends_at_an_unknown_level(tiny_project, tmp_path):
    line = replace_line(tiny_project, "    ends_at: middle", "    ends_at: midle")
    assert_reported(
        failed_build(tiny_project, tmp_path), line, "beta", "unknown level 'midle'", "did you mean 'middle'?"
    )


def test_a_level_above_the_first_says_what_changes(tiny_project, tmp_path):
    replace_line(tiny_project, "    step: From tasks to a whole component, planned without help.", "")
    line = line_of(tiny_project, "  - id: middle")
    assert_reported(failed_build(tiny_project, tmp_path), line, "middle", "needs a `step`", "First Level")


def test_a_version_without_a_changelog_entry(tiny_project, tmp_path):
    replace_line(tiny_project, "version: 1.2.0", "version: 1.3.0")
    output = failed_build(tiny_project, tmp_path)
    assert_reported(output, None, None, "newest changelog entry is 1.2.0, but `version` is 1.3.0")


def test_a_change_naming_an_unknown_anchor(tiny_project, tmp_path):
    line = replace_line(tiny_project, "      - item: skill-beta--middle", "      - item: skill-betta--middle")
    assert_reported(
        failed_build(tiny_project, tmp_path),
        line,
        None,
        "names 'skill-betta--middle'",
        "did you mean 'skill-beta--middle'",
    )


def test_a_change_of_an_unknown_type(tiny_project, tmp_path):
    line = replace_line(tiny_project, "        type: reworded", "        type: rewritten")
    data = yaml.safe_load((tiny_project / DATA_FILE).read_text(encoding="utf-8"))
    release, change = next(
        (n, m)
        for n, entry in enumerate(data["changelog"])
        for m, change in enumerate(entry.get("changes", []))
        if change["type"] == "rewritten"
    )
    path = f"`changelog.{release}.changes.{change}.type`"
    assert_reported(failed_build(tiny_project, tmp_path), line, None, path, "reworded")


def test_a_released_version_is_parsed_once_and_read_back_the_same(tiny_project, tmp_path):
    """Builds keep the parsed YAML of each released version's file under the digest of its words: the
    next build reads it back instead of parsing the file again, and gets the same ladder."""
    released = sorted(folder(tiny_project / DATA_FILE).glob("*.yml"))[-1]
    cache = tmp_path / "cache"

    def read_from(place: str):
        copy = tmp_path / place / released.name  # a path of its own: a process reads a path once
        copy.parent.mkdir()
        shutil.copy(released, copy)
        return load_frozen(copy, cache)

    parsed = load_frozen(released)
    assert read_from("first").model_dump() == parsed.model_dump()
    (kept,) = (cache / "releases").glob("*.json")
    stored = json.loads(kept.read_text(encoding="utf-8"))
    stored["data"]["levels"][0]["name"] = "Read Back"
    kept.write_text(json.dumps(stored), encoding="utf-8")
    assert read_from("second").levels[0].name == "Read Back"
