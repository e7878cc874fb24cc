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
from tools.project import DATA_FILE, ROOT, edit_data
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


def section(title: str) -> str:
    """A section of CONTRIBUTING.md, from its heading to the next of the same depth."""
    return CONTRIBUTING[CONTRIBUTING.index(f"## {title}") :].split("\n## ")[0]


def test_contributing_names_every_step_the_recipes_below_take():
    for title, steps in {
        "Release a new version": ("`version`", "`changelog:`", "`make anchors`", "`make test`"),
        "Add a level": ("`levels:`", "`step`", "`make anchors`", "major"),
        "Add an item": ("`responsibilities:`", "`outcomes:`", "`skills:`", "`make anchors`"),
        "Links are permanent": ("`aliases:`", "`make anchors`"),
    }.items():
        for step in steps:
            assert step in section(title), (title, step)


def today() -> str:
    return datetime.date.today().isoformat()


def release(data: dict, version: str, changes: list[dict]) -> None:
    """Raise `version` and add a changelog entry at the top, as the release recipe says."""
    data["version"] = version
    data["changelog"].insert(
        0,
        {
            "version": version,
            "date": today(),
            "summary": "A release made the way CONTRIBUTING describes.",
            "changes": changes,
        },
    )


def bumped(version: str, part: str) -> str:
    major, minor, _ = (int(number) for number in version.split("."))
    return f"{major + 1}.0.0" if part == "major" else f"{major}.{minor + 1}.0"


def published(copy) -> BuiltSite:
    """`make anchors` as a contributor runs it, then the check that CI runs: nothing lost, nothing new."""
    added = make(copy, "anchors").stdout
    assert re.search(r"published-anchors\.txt: [1-9]\d* anchor\(s\) added", added), added
    return checked(copy)


def checked(copy) -> BuiltSite:
    """The site `make anchors` built in `copy`, once CI's check passes on it: every link resolves, no
    published anchor is lost and none is new."""
    built = BuiltSite(copy / "site")
    assert built.broken_links() == []
    check = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "tools.anchors", "site", "--check"],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    return built


def expectation(text: str, archetypes: list[str] = ()) -> dict:
    """An expectation as CONTRIBUTING's example shows it; at an archetyped level, with its archetypes."""
    return {
        "short": "A short statement of the new expectation",
        **({"archetypes": list(archetypes)} if archetypes else {}),
        "text": text,
        "example": f"{text} An example of it.",
        "evidence": "Records a manager can open.",
        "not_yet": "The near miss.",
    }


def archetypes(data: dict, level_id: str) -> list[str]:
    """What CONTRIBUTING asks of an expectation at `level_id`: the archetypes it applies to, at a level
    marked `archetyped`; none elsewhere."""
    level = next(level for level in data["levels"] if level["id"] == level_id)
    return [data["archetypes"][0]["id"]] if level.get("archetyped") else []


def test_add_a_level_and_an_item_of_each_kind_as_contributing_says(contributor_copy):
    """Both recipes, one after the other, each with its release, and `make anchors` once at the end."""
    ladder = load_ladder(contributor_copy / DATA_FILE)
    top = ladder.levels[-1]

    def add_level(data):
        data["levels"].append(
            {
                "id": "distinguished",
                "name": "Distinguished ML Engineer",
                "summary": "Shapes how the industry builds ML systems.",
                "scope": "The industry, over many years.",
                "step": f"From the organisation that {top.name} shapes to the field outside it.",
                "core": list(top.core),
                "archetyped": top.archetyped,
            }
        )
        for section_name in ("responsibilities", "outcomes", "skills"):
            for item in data[section_name]:
                if not item.get("ends_at"):
                    item["expectations"]["distinguished"] = expectation(
                        f"{item['name']} for the whole field.", archetypes(data, "distinguished")
                    )
        release(
            data,
            bumped(data["version"], "major"),
            [{"item": "level-distinguished", "type": "added", "note": "A new level."}],
        )

    def add_items(data):
        levels = [level["id"] for level in data["levels"]]
        for section_name, extra in (
            ("responsibilities", {}),
            ("outcomes", {}),
            ("skills", {"group": data["skill_groups"][0]["id"]}),
        ):
            data[section_name].append(
                {
                    "id": f"new-{section_name}",
                    "name": f"A new entry of {section_name}",
                    "summary": "Why it matters.",
                    **extra,
                    "expectations": {
                        level: expectation(f"Does the new work at {level}.", archetypes(data, level))
                        for level in levels
                    },
                }
            )
        kinds = {"responsibilities": "responsibility", "outcomes": "outcome", "skills": "skill"}
        release(
            data,
            bumped(data["version"], "minor"),
            [{"item": f"{kind}-new-{name}", "type": "added", "note": "New."} for name, kind in kinds.items()],
        )

    edit_data(contributor_copy, add_level)
    edit_data(contributor_copy, add_items)
    built = published(contributor_copy)
    assert "levels/distinguished/" in built.pages and "self-assessment/distinguished/" in built.pages
    assert built.soup("glance/").find(id="level-distinguished") is not None
    for folder, anchor in (
        ("responsibilities/", "responsibility-new-responsibilities"),
        ("impact/", "outcome-new-outcomes"),
        ("skills/", "skill-new-skills"),
    ):
        assert built.soup(folder).find(id=anchor) is not None
        assert built.soup(folder + anchor.partition("-")[2] + "/").find("h1")["id"] == anchor
        assert built.soup("levels/distinguished/").find(id=f"{anchor}--distinguished") is not None


def test_a_release_never_reinstalls_the_environment_it_was_given(contributor_copy):
    (contributor_copy / "pyproject.toml").touch()  # newer than .venv, as after an edit or a pull
    assert "pip install" not in make(contributor_copy, "--dry-run", "release").stdout


def test_release_and_retire_an_id_as_contributing_says(contributor_copy):
    data_path = contributor_copy / DATA_FILE
    ladder = load_ladder(data_path)
    old = ladder.skills[-1]
    new_id = f"{old.id}-renamed"
    changed = ladder.skills[0].expectation_anchor(ladder.levels[0].id)
    version = bumped(ladder.version, "minor")

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
        f"    date: {today()}\n"
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

    release = make(contributor_copy, "release")
    frozen = contributor_copy / "docs" / "data" / "releases" / f"{version}.yml"
    assert frozen.is_file() and f"{frozen.relative_to(contributor_copy)}" in release.stdout
    built = checked(contributor_copy)
    # The released version reads as it was released, at its own address, beside the current pages.
    pinned = built.soup(f"v/{version}/skills/")
    assert pinned.find(id=changed) and pinned.find(id=f"skill-{new_id}")
    assert pinned.find("link", rel="canonical")["href"].endswith(f"/v/{version}/skills/")
    first_skill = built.soup(f"skills/{ladder.skills[0].id}/")
    assert f"Changed in {version}" in first_skill.find(attrs={"data-ladder-for": changed}).get_text()
    renamed = built.soup(f"skills/{new_id}/")
    assert f"Changed in {version}" in renamed.find(attrs={"data-ladder-for": f"skill-{new_id}"}).get_text()
    overview = built.soup("skills/")
    for retired in [old.id, *old.aliases]:
        for level in ladder.levels:
            alias = overview.find(id=f"skill-{retired}--{level.id}")
            assert alias["data-alias-of"] == f"skill-{new_id}--{level.id}"
        refresh = built.soup(f"skills/{retired}/").find("meta", attrs={"http-equiv": "refresh"})
        assert refresh["content"].endswith(f"../{new_id}/")


def test_pages_deploys_the_build_it_checked_for_the_address_pages_gives():
    """A fork publishes itself: its address and repository come from the run, the build that was
    checked is the one deployed, and the deploy job cannot write to the repository."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key `on` as true
    assert "workflow_dispatch" in triggers and workflow["permissions"] == {"contents": "read"}
    site, publish = workflow["jobs"]["site"], workflow["jobs"]["publish"]
    assert site["needs"] == "test" and publish["needs"] == "site"
    uses = [step.get("uses", "") for step in site["steps"]]
    assert any(use.startswith("actions/configure-pages") for use in uses)
    assert any(use.startswith("actions/upload-pages-artifact") for use in uses)
    build = next(step for step in site["steps"] if "make build" in step.get("run", ""))
    assert "steps.pages.outputs.base_url" in build["env"]["LADDER_SITE_URL"]
    assert "github.repository" in build["env"]["LADDER_REPO_URL"]
    assert [step.get("uses", "").split("@")[0] for step in publish["steps"]] == ["actions/deploy-pages"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["concurrency"]["cancel-in-progress"] is False
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for variable in ("LADDER_SITE_URL", "LADDER_REPO_URL", "LADDER_REPO_NAME"):
        assert f"!ENV [{variable}," in config
    assert not (ROOT / "docs" / "CNAME").exists()  # GitHub ignores it for Actions deployments
