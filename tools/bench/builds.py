"""Build times, the preview's rebuild time, and a ladder ten times larger."""

from __future__ import annotations

import copy
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ladder.anchors import manifest_path
from tools.project import DATA_FILE, ROOT, copy_of_the_site, edit_data, mkdocs_build
from tools.serve import free_port, wait_for_page


class BenchError(Exception):
    """A step of the benchmark could not run (as opposed to a budget that failed)."""


def timed_build(config: Path, site: Path) -> float:
    """Seconds for one strict build of `config` into `site`."""
    start = time.perf_counter()
    result = mkdocs_build(config.parent, site, "--config-file", str(config))
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchError(f"the strict build of {config.name} failed:\n{result.stderr[-3000:]}")
    return elapsed


def scaled(data: dict, factor: int) -> dict:
    """The ladder with every item repeated `factor` times in all (copies named and id'd -x1, -x2 …)."""
    data = copy.deepcopy(data)
    for section in ("responsibilities", "impact", "skills"):
        originals = data.get(section, [])
        copies = []
        for number in range(1, factor):
            for item in originals:
                twin = {**copy.deepcopy(item), "id": f"{item['id']}-x{number}", "aliases": []}
                twin["name"] = f"{item['name']} (copy {number})"
                copies.append(twin)
        data[section] = originals + copies
    return data


def scaled_project(workdir: Path, factor: int) -> Path:
    """A copy of the site whose ladder is `factor` times larger, and its mkdocs.yml; the copies of
    responsibilities and business impact are called from their pages, as a contributor adding them
    would."""
    project = copy_of_the_site(workdir)
    data = edit_data(project, lambda data: data.update(scaled(data, factor)))
    manifest_path(project / DATA_FILE).write_text("", encoding="utf-8")
    for page, macro, section in (
        ("responsibilities.md", "responsibility", "responsibilities"),
        ("impact.md", "impact", "impact"),
    ):
        calls = "".join(
            f'\n{{{{ {macro}("{item["id"]}") }}}}\n' for item in data[section] if "-x" in item["id"]
        )
        path = project / "docs" / page
        path.write_text(path.read_text(encoding="utf-8") + calls, encoding="utf-8")
    return project / "mkdocs.yml"


def gzipped(site: Path, url: str) -> int:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def rebuild_times(runs: int) -> list[float]:
    """Seconds from saving an edit of the data file to `make serve` serving the page that shows it,
    on a private copy of the site."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_of_the_site(Path(tmp))
        port = free_port()
        command = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        url = f"http://127.0.0.1:{port}/skills/"
        data = project / DATA_FILE
        original = data.read_text(encoding="utf-8")
        first_name = next(line for line in original.splitlines() if line.startswith("    name: "))
        try:
            wait_for_page(url, lambda page: "</html>" in page, server, 120)
            times = []
            for run in range(runs):
                marker = f"Edited name {run}"
                draft = Path(tmp) / "draft.yml"
                draft.write_text(original.replace(first_name, f"    name: {marker}", 1), encoding="utf-8")
                start = time.perf_counter()
                shutil.move(draft, data)
                wait_for_page(url, lambda page, marker=marker: marker in page, server, 60)
                times.append(time.perf_counter() - start)
                time.sleep(1)
            return times
        finally:
            server.terminate()
            server.wait(timeout=30)


def median(values: list[float]) -> float:
    return statistics.median(values)


BENCH_DIR = ROOT / ".bench"  # git-ignored: builds and Lighthouse reports
STOCK_CONFIG = ROOT / "mkdocs.stock.yml"
SITE_CONFIG = ROOT / "mkdocs.yml"
