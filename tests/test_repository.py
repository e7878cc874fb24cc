"""Repository hygiene that contributors meet in pull requests, and the browser the tests drive."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.chromium import DISABLED_FEATURES
from tools.forked_builds import Builder
from tools.project import ROOT


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="pre-commit needs a git checkout")
def test_pre_commit_passes_on_every_file():
    pre_commit = Path(sys.executable).parent / "pre-commit"
    result = subprocess.run(
        [str(pre_commit if pre_commit.exists() else shutil.which("pre-commit")), "run", "--all-files"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_browser_still_turns_off_every_feature_playwright_does(browser):
    """Chromium obeys only the last `--disable-features` it is given: the tests' own list must keep
    every feature that Playwright's list (the first on the command line) turns off."""
    page = browser.new_page()
    page.goto("chrome://version")
    command_line = page.locator("#command_line").inner_text()
    page.close()
    lists = re.findall(r"--disable-features=(\S+)", command_line)
    assert len(lists) == 2, command_line
    assert set(lists[0].split(",")) - set(DISABLED_FEATURES) == set()
    assert lists[-1] == ",".join(DISABLED_FEATURES)


def built_files(root: Path) -> dict[Path, bytes]:
    return {path.relative_to(root): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_a_forked_build_is_the_build_a_new_process_makes(tiny_project, tmp_path):
    """The tests' builds fork from a process that imported MkDocs once (tools/forked_builds.py): each
    reads the project's own code from its directory, and writes what `python -m mkdocs build` writes."""
    card = tiny_project / "ladder" / "templates" / "card.html"
    card.write_text(
        card.read_text(encoding="utf-8").replace('class="ladder-text"', 'class="ladder-text" data-copy')
    )
    builder = Builder()
    try:
        forked = builder.run(
            ["build", "--strict", "--site-dir", str(tmp_path / "forked")], tiny_project, dict(os.environ)
        )
    finally:
        builder.stop()
    fresh = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "fresh")],
        cwd=tiny_project,
        capture_output=True,
    )
    assert (forked.returncode, fresh.returncode) == (0, 0), forked.stderr
    fresh_files, forked_files = built_files(tmp_path / "fresh"), built_files(tmp_path / "forked")
    assert set(fresh_files) == set(forked_files)
    assert [name for name, data in fresh_files.items() if forked_files[name] != data] == []
    assert "data-copy" in (tmp_path / "forked" / "levels" / "middle" / "index.html").read_text(
        encoding="utf-8"
    )
