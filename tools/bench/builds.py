"""Build times, the preview's rebuild time, and a ladder larger than the real one."""

from __future__ import annotations

import copy
import gzip
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ladder.anchors import manifest_path
from tools.project import DATA_FILE, ROOT, ZENSICAL, copy_of_the_site, edit_data, mkdocs_build, zensical_build
from tools.serve import free_port, wait_for_page
from tools.site import BuiltSite


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


def scaled(data: dict, factor: int, levels: int) -> dict:
    """The ladder with every item repeated `factor` times in all (copies named and id'd -x1, -x2 …), and
    as many levels as `levels`, each new one a copy of a level below the top, after it (-b), with the
    expectations of the level it copies."""
    data = copy.deepcopy(data)
    for section in ("responsibilities", "outcomes", "skills"):
        originals = data.get(section, [])
        copies = []
        for number in range(1, factor):
            for item in originals:
                twin = {**copy.deepcopy(item), "id": f"{item['id']}-x{number}", "aliases": []}
                twin["name"] = f"{item['name']} (copy {number})"
                copies.append(twin)
        data[section] = originals + copies
    added = 0
    while len(data["levels"]) < levels:
        base = data["levels"][2 * added]
        twin = {**copy.deepcopy(base), "id": f"{base['id']}-b", "name": f"{base['name']} B", "aliases": []}
        twin["step"] = f"From {base['name']} to the same work at a larger scale."
        data["levels"].insert(2 * added + 1, twin)
        for section in ("responsibilities", "outcomes", "skills"):
            for item in data[section]:
                ends = item.get("ends_at")
                if base["id"] in item["expectations"] and ends != base["id"]:
                    item["expectations"][twin["id"]] = copy.deepcopy(item["expectations"][base["id"]])
        added += 1
    return data


def scaled_project(workdir: Path, factor: int, levels: int) -> Path:
    """A copy of the site whose ladder is `factor` times larger with `levels` levels, and its
    mkdocs.yml: a change to the data file alone, as every change of the ladder's shape is."""
    project = copy_of_the_site(workdir)
    edit_data(project, lambda data: data.update(scaled(data, factor, levels)))
    manifest_path(project / DATA_FILE).write_text("", encoding="utf-8")
    return project / "mkdocs.yml"


def gzipped(site: Path, url: str) -> int:
    """The compressed size of a built file, or of the page at a URL, as a static host sends it."""
    path = (
        site / url / "index.html"
        if not url.endswith((".html", ".js", ".css", ".png", ".json"))
        else site / url
    )
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def first_load(site: BuiltSite, page) -> int:
    """Bytes a reader's browser fetches, compressed, to show a page before any interaction: the page,
    the scripts it loads (not the theme's, which waits for an interaction) and the icon."""
    base = "" if page.url == "404.html" else page.url
    addresses = [src for tag, src in page.links() if tag == "script"] + ICON.findall(page.html)
    files = {target[0] for target in (site.target(base, address) for address in addresses) if target}
    return gzipped(site.root, page.url) + sum(gzipped(site.root, path) for path in files)


ICON = re.compile(r'<link rel="icon" href="([^"]+)"')


def rebuild_times(runs: int) -> list[float]:
    """Seconds from saving an edit of the data file to `make serve` serving the page that shows it,
    on a private copy of the site."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_of_the_site(Path(tmp))
        port = free_port()
        command = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def test_times(runs: int) -> list[float]:
    """Seconds of `make test`'s pytest run, `runs` times in a row on this checkout."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise BenchError(f"make test failed:\n{result.stdout[-3000:]}")
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


BENCH_DIR = ROOT / ".bench"  # git-ignored: builds and Lighthouse reports
STOCK_CONFIG = ROOT / "mkdocs.stock.yml"
SITE_CONFIG = ROOT / "mkdocs.yml"


def history_project(workdir: Path, versions: int) -> Path:
    """A copy of the site with `versions` more frozen versions before its own (0.1.0, 0.2.0, …), each
    the current ladder with one expectation worded differently, and its mkdocs.yml."""
    from ladder.load import load_ladder
    from ladder.releases import folder, frozen_text

    project = copy_of_the_site(workdir)
    data_path = project / DATA_FILE
    text = data_path.read_text(encoding="utf-8")
    current = load_ladder(data_path).version
    for number in range(1, versions + 1):
        version = f"0.{number}.0"
        body = re.sub(r"(?m)^version: .*$", f"version: {version}", text, count=1)
        first_text = re.search(r"(?m)^        text: >-\n", body)
        body = body[: first_text.end()] + f"          In version {version}:\n" + body[first_text.end() :]
        body = body.replace(f"  - version: {current}\n", f"  - version: {version}\n", 1)
        target = folder(data_path) / f"{version}.yml"
        target.write_text(frozen_text(version, body), encoding="utf-8")
    # The current changelog lists every release, as a real history's does.
    releases = "".join(
        f"  - version: 0.{number}.0\n    date: 2026-01-01\n    summary: A release of the generated history.\n"
        for number in range(versions, 0, -1)
    )
    data_path.write_text(text.rstrip("\n") + "\n" + releases, encoding="utf-8")
    manifest_path(data_path).write_text("", encoding="utf-8")
    return project / "mkdocs.yml"


def site_bytes(site: Path) -> int:
    return sum(path.stat().st_size for path in site.rglob("*") if path.is_file())


def zensical_site(stage: Path) -> Path:
    """`make build-zensical` into `stage`: the staged sources built with Zensical, then the steps after."""
    if not ZENSICAL.exists():
        raise BenchError("Zensical is not installed: run `make zensical`")
    result = zensical_build(ROOT, stage)
    if result.returncode != 0:
        raise BenchError(f"{' '.join(result.args[:3])} failed:\n{result.stderr[-3000:]}")
    return stage / "site"
