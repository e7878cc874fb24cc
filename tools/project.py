"""Projects for tests to build and break: private copies of the real site and of the tiny fixture
ladder in tests/fixtures/tiny, and the strict build that every test runs on them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from ladder.config import site_config
from tools.forked_builds import TIMEOUT, Builder

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = "docs/data/ladder.yml"
FIXTURE = ROOT / "tests" / "fixtures" / "tiny"
# What a build of the real site reads.
SOURCES = ("mkdocs.yml", "macros.py", "ladder", "docs", "overrides")
# What the fixture shares with the real site: its config inherits the real one, whose relative paths
# resolve against the fixture's own directory.
SHARED = ("macros.py", "ladder", "overrides", "docs/assets")


def config(path: Path = ROOT / "mkdocs.yml"):
    """mkdocs.yml as the ladder's own steps read it (ladder/config.py)."""
    return site_config(path)


# Whether the builds lay the fast first paint over their pages: tests of the layer itself run only
# then, and every other test passes either way (LADDER_FAST_FIRST_PAINT=false make test).
FAST_FIRST_PAINT = config().fast_first_paint


# Set by the tests (tests/conftest.py): their builds are forked from a process that has imported
# MkDocs once (tools/forked_builds.py). The benchmark times builds in new processes, as `make build` is.
forked: Builder | None = None


def mkdocs_build(
    project: Path, site: Path, *args: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """A strict build of `project` into `site`, as `make build` runs it."""
    arguments = ["build", "--strict", "--site-dir", str(site), *args]
    environment = {**os.environ, **(env or {})}
    result = forked.run(arguments, project, environment) if forked else None
    if result is not None:
        return result
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=environment,
    )


# Zensical, in the environment of its own that `make zensical` installs where it can.
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


def zensical_build(project: Path, stage: Path) -> subprocess.CompletedProcess:
    """`make build-zensical`'s steps on `project`: stage the sources, build them with Zensical, then
    the steps after the build; the result of the last step run (the first that failed, if one did)."""
    for command in (
        [sys.executable, "-m", "ladder", "render", str(stage)],
        [str(ZENSICAL), "build", "-f", str(stage / "mkdocs.yml")],
        [sys.executable, "-m", "ladder", "postbuild", str(stage / "site")],
    ):
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            return result
    return result


def warnings_in(output: str) -> list[str]:
    return re.findall(r"^(?:WARNING|ERROR) .*$", output, flags=re.MULTILINE)


def build(project: Path, out: Path, *args: str, env: dict | None = None):
    """A strict build that must pass with no warning: the built site, or AssertionError with the log."""
    from tools.site import BuiltSite

    result = mkdocs_build(project, out, *args, env=env)
    if result.returncode != 0 or warnings_in(result.stderr):
        raise AssertionError(f"the build of {project} failed or warned:\n{result.stderr}")
    return BuiltSite(out)


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        shutil.copy2(source, destination)


def copy_of_the_site(parent: Path) -> Path:
    """A private copy of the real site's sources that a test may change without touching them."""
    project = parent / "site-project"
    for name in SOURCES:
        _copy(ROOT / name, project / name)
    return project


def tiny_ladder(parent: Path) -> Path:
    """A private copy of the tiny fixture ladder, built with the real theme, macros and templates."""
    project = parent / "tiny"
    shutil.copytree(FIXTURE, project)
    for name in SHARED:
        _copy(ROOT / name, project / name)
    config_file = project / "mkdocs.yml"
    config_file.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n" + config_file.read_text(encoding="utf-8"), encoding="utf-8"
    )
    return project


def edit_data(project: Path, change) -> dict:
    """Apply `change` to the parsed data file of a project, write it back and return it."""
    path = project / DATA_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


def entry(data: dict, section: str, entry_id: str) -> dict:
    """The entry with this id in a section of parsed data; fails naming what is there."""
    for candidate in data[section]:
        if candidate["id"] == entry_id:
            return candidate
    raise LookupError(f"no {entry_id!r} in {section}: {[candidate['id'] for candidate in data[section]]}")


def page_kinds(project: Path = ROOT) -> list[str]:
    """One page of each kind a reader can open: every page written by hand, the page for unknown
    addresses, and the first page of each template the build generates pages from."""
    return [*written_pages(project), *generated_kinds(project)]


def written_pages(project: Path = ROOT) -> list[str]:
    """Every page written by hand, and the page for unknown addresses."""
    from ladder.routes import page_url

    docs = project / "docs"
    return [*sorted(page_url(path.relative_to(docs).as_posix()) for path in docs.rglob("*.md")), "404.html"]


def generated_kinds(project: Path = ROOT) -> list[str]:
    """The first page of each template the build generates pages from (a level's, an item's, a
    level's self-assessment), and of the oldest version's pages (ladder/versions.py)."""
    from ladder.pages import generated_pages
    from ladder.routes import page_url
    from ladder.site import LadderSite
    from ladder.versions import frozen_pages

    site = LadderSite.load(project / "mkdocs.yml")
    first_of_each: dict[str, str] = {}
    for page in generated_pages(site):
        if page.macro != "shell":  # filled with each version's pages after the build
            first_of_each.setdefault(page.macro, page_url(page.src))
    for page in frozen_pages(site.history, site.history.versions[0], site.routes):
        first_of_each.setdefault(f"frozen {page.template}", page_url(page.src))
    return list(first_of_each.values())


def rename_references(data: dict, kind: str, old: str, new: str) -> None:
    """Every reference to an item renamed from `old` to `new` that is not history: the skills lists,
    the levels' core items and `see:` lists; the changelog keeps the names it was written with."""
    if kind == "skill":
        for referrer in (*data.get("responsibilities", []), *data.get("outcomes", [])):
            referrer["skills"] = [new if name == old else name for name in referrer.get("skills", [])]

    def renamed(anchor: str) -> str:
        target, separator, level = anchor.partition("--")
        return f"{kind}-{new}{separator}{level}" if target == f"{kind}-{old}" else anchor

    for level in data.get("levels", []):
        level["core"] = [renamed(anchor) for anchor in level.get("core", [])]
    for section in ("responsibilities", "outcomes", "skills"):
        for item in data.get(section, []):
            for expectation in item["expectations"].values():
                if "see" in expectation:
                    expectation["see"] = [renamed(anchor) for anchor in expectation["see"]]
