"""Repository hygiene that contributors meet in pull requests, and the browser the tests drive."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.chromium import DISABLED_FEATURES
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
