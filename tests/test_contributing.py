"""The contributor's path: set-up that tells the truth, one CI story, and CONTRIBUTING's recipes,
carried out on a throw-away copy of the project exactly as a contributor would."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import tomllib

import pytest
import yaml

from ladder import load_ladder
from tools import chromium
from tools.project import DATA_FILE, ROOT
from tools.site import BuiltSite

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOWEST_PYTHON = re.fullmatch(r">=(\d+\.\d+)", PYPROJECT["project"]["requires-python"]).group(1)


# --- Set-up ---


def test_the_readme_opens_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.DOTALL).group(1)
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()] == [
        "make serve",
        "make test",
    ]


def test_readme_makefile_and_pyproject_name_the_same_lowest_python():
    assert f"Python {LOWEST_PYTHON} or newer" in README
    major, minor = LOWEST_PYTHON.split(".")
    assert f"sys.version_info < ({major}, {minor})" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert PYPROJECT["tool"]["ruff"]["target-version"] == f"py{major}{minor}"


def test_without_a_browser_make_test_stops_with_one_line(monkeypatch, capsys):
    monkeypatch.setattr(chromium, "executable", lambda: None)
    monkeypatch.setattr(chromium, "playwright_chromium", lambda: None)
    monkeypatch.setattr(chromium, "_root_on_debian", lambda: False)
    monkeypatch.setattr(chromium, "_quietly", lambda *command: False)  # no sudo, and the download fails
    assert chromium.ensure() == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert error == [chromium.WHAT_TO_INSTALL]
    assert "apt-get install chromium" in error[0] and "playwright install chromium" in error[0]


def test_a_python_that_is_too_old_is_named_at_once(tmp_path):
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    for name in ("pyproject.toml", "requirements.lock", "package.json", "package-lock.json"):
        (tmp_path / name).touch()
    old_python = tmp_path / "python3.9"  # the real interpreter, claiming to be 3.9
    real = ROOT / ".venv" / "bin" / "python"
    old_python.write_text(
        f"#!/bin/sh\nexec {real} -c \"import sys; sys.version_info = (3, 9, 0); sys.version = '3.9.0'\n$2\"\n"
    )
    old_python.chmod(0o755)
    result = subprocess.run(
        ["make", "build", f"PYTHON={old_python}", f"VENV={tmp_path / 'venv'}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert f"The ladder needs Python {LOWEST_PYTHON} or newer" in result.stderr
    assert "is Python 3.9.0" in result.stderr
    assert not (tmp_path / "venv").exists()


# --- One CI story ---


def test_ci_runs_the_ci_entry_point_on_the_lowest_and_highest_python():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    test = workflow["jobs"]["test"]
    versions = test["strategy"]["matrix"]["python-version"]
    assert versions[0] == LOWEST_PYTHON and len(versions) >= 2
    assert [step.get("run") for step in test["steps"] if step.get("run")] == [".ci/run"]
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("make test")


def test_contributing_describes_that_ci():
    ci = CONTRIBUTING[CONTRIBUTING.index("## What CI checks") :]
    assert "`.ci/run`" in ci and "`make test`" in ci and f"Python {LOWEST_PYTHON}" in ci


def test_the_pull_request_template_lists_what_a_data_change_needs():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for step in ("`version`", "`changelog`", "`make anchors`", "`make schema`", "`aliases:`", "`make test`"):
        assert step in template, step


# --- CONTRIBUTING's recipes, carried out on a throw-away copy ---


@pytest.fixture
def contributor_copy(tmp_path):
    """A copy of the project as `git clone` gives it, using this checkout's .venv."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    copy = tmp_path / "clone"
    for name in filter(None, files.stdout.split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    return copy


def make(copy, *targets):
    """Run make as a contributor would, on this checkout's .venv, never reinstalling it (-o)."""
    venv = ROOT / ".venv"
    command = ["make", *targets, f"VENV={venv}", "-o", str(venv / ".installed")]
    result = subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_contributing_names_every_step_the_recipes_below_take():
    release = CONTRIBUTING[CONTRIBUTING.index("## Release a new version") :].split("\n## ")[0]
    for step in ("`version`", "`changelog:`", "`make anchors`", "`make test`"):
        assert step in release, step
    retire = CONTRIBUTING[CONTRIBUTING.index("## Links are permanent") :].split("\n## ")[0]
    assert "`aliases:`" in retire and "`make anchors`" in retire


def test_release_and_retire_an_id_as_contributing_says(contributor_copy):
    data_path = contributor_copy / DATA_FILE
    ladder = load_ladder(data_path)
    old = ladder.skills[-1]
    new_id = f"{old.id}-renamed"
    changed = ladder.skills[0].expectation_anchor(ladder.levels[0].id)
    major, minor, _ = (int(part) for part in ladder.version.split("."))
    version = f"{major}.{minor + 1}.0"

    # Retire an id: the item takes a new id and lists the old one under `aliases:`; references follow.
    text = data_path.read_text(encoding="utf-8")
    if old.aliases:  # it took over ids before: the new one joins them
        text = re.sub(
            rf"(  - id: ){re.escape(old.id)}(\n    aliases: \[)",
            rf"\g<1>{new_id}\g<2>{old.id}, ",
            text,
            count=1,
        )
    else:
        text = text.replace(f"  - id: {old.id}\n", f"  - id: {new_id}\n    aliases: [{old.id}]\n", 1)
    text = re.sub(rf"(?m)^(    skills: \[.*?)(?<=[\[ ]){re.escape(old.id)}(?=[,\]])", rf"\g<1>{new_id}", text)
    # Release: raise `version`, add a changelog entry at the top naming what changed.
    text = re.sub(r"(?m)^version: .*$", f"version: {version}", text, count=1)
    entry = (
        f"  - version: {version}\n"
        f"    date: {datetime.date.today().isoformat()}\n"
        "    summary: A test release made the way CONTRIBUTING describes.\n"
        "    changes:\n"
        f"      - item: {changed}\n"
        "        type: reworded\n"
        "        note: Sharper wording.\n"
        f"      - item: skill-{new_id}\n"
        "        type: replaced\n"
        f"        note: Takes over the id {old.id}.\n"
    )
    text = text.replace("\nchangelog:\n", f"\nchangelog:\n{entry}", 1)
    data_path.write_text(text, encoding="utf-8")

    added = make(contributor_copy, "anchors").stdout
    assert re.search(r"published-anchors\.txt: [1-9]\d* anchor\(s\) added", added), added
    make(contributor_copy, "build")
    built = BuiltSite(contributor_copy / "site")
    assert built.broken_links() == []
    check = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "tools.anchors", "site", "--check"],
        cwd=contributor_copy,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    skills = built.soup("skills/")
    assert f"Changed in {version}" in skills.find(id=changed).get_text()
    assert f"Changed in {version}" in skills.find(id=f"skill-{new_id}").find_next("div").get_text()
    for retired in [old.id, *old.aliases]:
        for level in ladder.levels:
            alias = skills.find(id=f"skill-{retired}--{level.id}")
            assert alias["data-alias-of"] == f"skill-{new_id}--{level.id}"
