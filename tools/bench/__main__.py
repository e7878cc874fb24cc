"""`make bench` (python -m tools.bench): measure the site, print every run, check the budgets.

    python -m tools.bench                     # everything
    python -m tools.bench --runs 9            # nine Lighthouse runs per page (lighthouserc.json: 5)
    python -m tools.bench --only build,axe    # some of: build, serve, lighthouse, axe, scale

Exit status: 0 when every budget holds, 1 when one fails, 2 when a step could not run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ladder import load_ladder
from ladder.routes import Routes, page_url
from tools import chromium
from tools.bench import axe, builds, lighthouse
from tools.bench.builds import BENCH_DIR, SITE_CONFIG, STOCK_CONFIG, BenchError, median
from tools.project import DATA_FILE, ROOT, site_config
from tools.site import BuiltSite

STEPS = ("build", "serve", "lighthouse", "axe", "scale")
BUDGETS = tomllib.loads((Path(__file__).with_name("budgets.toml")).read_text(encoding="utf-8"))


@dataclass
class Check:
    name: str
    passed: bool
    detail: str


def lighthouse_pages() -> list[str]:
    """The home page, a responsibilities, a skills and a level page, and the ladder at a glance."""
    routes = Routes.from_config(site_config()["extra"]["ladder_pages"])
    ladder = load_ladder(ROOT / DATA_FILE)
    centre = ladder.levels[len(ladder.levels) // 2]
    pages = [
        "",
        page_url(routes["responsibility"]),
        page_url(routes["skill"]),
        page_url(routes.page_of(centre)),
    ]
    if "glance" in routes.pages:
        pages.append(page_url(routes["glance"]))
    return pages


def seconds(values: list[float]) -> str:
    return f"median {median(values):.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})"


def bench_build(checks: list[Check]) -> Path:
    runs = BUDGETS["build"]["runs"]
    ours_site, stock_site = BENCH_DIR / "site", BENCH_DIR / "stock-site"
    ours, stock = [], []
    for _ in range(runs):  # interleaved, so that both meet the same machine
        ours.append(builds.timed_build(SITE_CONFIG, ours_site))
        stock.append(builds.timed_build(STOCK_CONFIG, stock_site))
    ratio = median(ours) / median(stock)
    print("\nStrict build of the same pages")
    print(f"  ours            {seconds(ours)}")
    print(f"  stock Material  {seconds(stock)}")
    limit = BUDGETS["build"]["max_ratio_to_stock"]
    checks.append(
        Check("strict build time vs stock Material", ratio <= limit, f"{ratio:.2f}x (budget {limit}x)")
    )
    return ours_site


def bench_serve(checks: list[Check]) -> None:
    times = builds.rebuild_times(BUDGETS["serve"]["runs"])
    print("\nmake serve: saving a data edit until the page shows it")
    print(f"  {seconds(times)}")
    limit = BUDGETS["serve"]["max_seconds"]
    checks.append(
        Check(
            "make serve shows a data edit",
            median(times) <= limit,
            f"{median(times):.2f} s (budget {limit} s)",
        )
    )


def bench_lighthouse(checks: list[Check], runs: int, chrome: str) -> None:
    pages = lighthouse_pages()
    ours = lighthouse.medians(lighthouse.collect(BENCH_DIR / "site", pages, "lighthouse-ours", runs, chrome))
    stock = lighthouse.medians(
        lighthouse.collect(BENCH_DIR / "stock-site", pages, "lighthouse-stock", runs, chrome)
    )
    print(f"\nLighthouse {runs} runs per page (mobile, simulated throttling); perf/a11y/bp/seo, FCP, TBT")
    for page in ours:
        print(f"  {page}")
        for label, figures in (("ours ", ours[page]), ("stock", stock[page])):
            for run in figures["runs"]:
                scores = "/".join(str(run.scores[name]) for name in lighthouse.CATEGORIES)
                weight = f"{run.transfer_bytes / 1024:6.1f} KB in {run.requests} requests"
                timing = f"FCP {run.fcp_ms:5.0f} ms  TBT {run.tbt_ms:4.0f} ms"
                print(f"    {label} run  {scores:15s} {timing}  {weight}")
    width = max(len(page) for page in ours)
    print(
        f"\n  {'medians':{width + 6}s} "
        + "  ".join(f"{name[:5]:>5s}" for name in lighthouse.CATEGORIES)
        + "    FCP ms  TBT ms  first load  other hosts"
    )
    for page in ours:
        for label, figures in (("ours ", ours[page]), ("stock", stock[page])):
            scores = "  ".join(f"{figures[name]:5.0f}" for name in lighthouse.CATEGORIES)
            print(
                f"  {label} {page:{width}s} {scores}  {figures['fcp_ms']:7.0f} {figures['tbt_ms']:7.0f}"
                f"  {figures['transfer_kb']:7.1f} KB  {figures['other_hosts']:6d}"
            )
    passed, verdict = lighthouse.assert_budgets("lighthouse-ours")
    checks.append(
        Check(
            "Lighthouse budgets (lighthouserc.json, medians)",
            passed,
            verdict if passed else "see the failures above",
        )
    )
    if not passed:
        print(verdict)
    hosts = max(figures["other_hosts"] for figures in ours.values())
    checks.append(
        Check(
            "requests to other hosts (Lighthouse)",
            hosts <= BUDGETS["pages"]["max_requests_to_other_hosts"],
            str(hosts),
        )
    )


def bench_axe(checks: list[Check], site: Path) -> None:
    results = axe.crawl(site)
    failing = [result for result in results if result.violations]
    others = sorted({url for result in results for url in result.other_hosts})
    print(f"\naxe-core on {len({r.page for r in results})} pages, light and dark, after load and settled")
    for result in failing:
        print(f"  {result.page} ({result.scheme}, {result.moment}): {', '.join(result.violations)}")
    violations = sum(len(result.violations) for result in results)
    print(f"  {violations} violation(s); requests to other hosts: {len(others)}")
    limit = BUDGETS["pages"]["max_axe_violations"]
    checks.append(Check("axe-core violations", violations <= limit, str(violations)))
    checks.append(
        Check(
            "requests to other hosts (every page)",
            len(others) <= BUDGETS["pages"]["max_requests_to_other_hosts"],
            str(len(others)),
        )
    )


def bench_scale(checks: list[Check], real_site: Path) -> None:
    factor = BUDGETS["scale"]["factor"]
    shutil.rmtree(BENCH_DIR / "scale", ignore_errors=True)
    config, site = builds.scaled_project(BENCH_DIR / "scale", factor), BENCH_DIR / "scale" / "site"
    times, real_times = [], []
    for _ in range(BUDGETS["scale"]["runs"]):  # interleaved, so that both meet the same machine
        real_times.append(builds.timed_build(SITE_CONFIG, real_site))
        times.append(builds.timed_build(config, site))
    ratio = median(times) / median(real_times)
    biggest = max(BuiltSite(real_site).reader_pages(), key=lambda page: builds.gzipped(real_site, page.url))
    growth = builds.gzipped(site, biggest.url) / builds.gzipped(real_site, biggest.url)
    print(f"\nA ladder {factor} times larger")
    print(f"  build {seconds(times)}")
    print(f"  the real ladder, built in turn with it: {seconds(real_times)}; ratio {ratio:.2f}x")
    print(f"  /{biggest.url}: {builds.gzipped(site, biggest.url) / 1024:.1f} KB gzipped, {growth:.1f}x")
    checks.append(
        Check(f"{factor}x ladder build time", ratio <= BUDGETS["scale"]["max_build_ratio"], f"{ratio:.2f}x")
    )
    checks.append(
        Check(
            f"{factor}x ladder largest page", growth <= BUDGETS["scale"]["max_page_growth"], f"{growth:.1f}x"
        )
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page")
    parser.add_argument("--only", default=",".join(STEPS), help=f"comma-separated steps: {', '.join(STEPS)}")
    args = parser.parse_args(argv)
    steps = set(args.only.split(","))
    chrome = chromium.executable() or str(chromium.playwright_chromium())
    checks: list[Check] = []
    try:
        BENCH_DIR.mkdir(exist_ok=True)
        site = bench_build(checks) if steps & {"build", "lighthouse", "axe", "scale"} else None
        if "serve" in steps:
            bench_serve(checks)
        if "lighthouse" in steps:
            bench_lighthouse(checks, args.runs, chrome)
        if "axe" in steps:
            bench_axe(checks, site)
        if "scale" in steps:
            bench_scale(checks, site)
    except (BenchError, RuntimeError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    print("\nBudgets")
    for check in checks:
        print(f"  {'PASS' if check.passed else 'FAIL'}  {check.name}: {check.detail}")
    failed = sum(not check.passed for check in checks)
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
