"""Material is used only through its public surface: overrides/main.html extends its blocks and keeps
what they render, the two partials forked on purpose are checked against the Material they were
written for, nothing calls Material's private functions, and the steps after a build run on any
built site."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import material
import pytest
from jinja2 import Environment, nodes

from tools.project import FAST_FIRST_PAINT, ROOT, mkdocs_build
from tools.site import BuiltSite

MATERIAL = Path(material.__file__).parent / "templates"
FORKED_FROM = ROOT / "tests" / "fixtures" / "material"  # Material's templates as they were when forked
OVERRIDES = ROOT / "overrides"
BLOCK = re.compile(r"{%-?\s*block\s+(\w+)\s*-?%}(.*?){%-?\s*endblock\s*-?%}", re.DOTALL)


def replaced_templates() -> list[str]:
    """Templates of Material that overrides/ replaces whole: the forks."""
    return sorted(
        path.relative_to(OVERRIDES).as_posix()
        for path in OVERRIDES.rglob("*.html")
        if (MATERIAL / path.relative_to(OVERRIDES)).exists() and path.name not in {"main.html", "404.html"}
    )


def test_every_fork_records_the_material_it_was_written_for():
    assert replaced_templates(), "nothing is forked: this test checks nothing"
    missing = [name for name in replaced_templates() if not (FORKED_FROM / name).exists()]
    assert missing == [], f"copy Material's version of {missing} into {FORKED_FROM.relative_to(ROOT)}"


def test_material_has_not_changed_what_the_forks_replace():
    changed = []
    for name in replaced_templates():
        was = (FORKED_FROM / name).read_text(encoding="utf-8").splitlines(keepends=True)
        now = (MATERIAL / name).read_text(encoding="utf-8").splitlines(keepends=True)
        if was != now:
            diff = difflib.unified_diff(was, now, f"forked from: {name}", f"installed Material: {name}")
            changed.append("".join(diff))
    assert not changed, (
        "Material changed templates that overrides/ replaces: bring the change into the fork, then "
        "copy the new version into tests/fixtures/material.\n" + "\n".join(changed)
    )


def materials_blocks() -> dict[str, bool]:
    """Each block of Material's base.html, nested ones too, and whether it renders anything."""
    tree = Environment().parse((MATERIAL / "base.html").read_text(encoding="utf-8"))
    return {
        block.name: not all(
            isinstance(node, nodes.Output)
            and all(isinstance(part, nodes.TemplateData) and not part.data.strip() for part in node.nodes)
            for node in block.body
        )
        for block in tree.find_all(nodes.Block)
    }


def test_main_html_keeps_what_every_block_of_materials_renders():
    """Each block main.html extends calls super(), unless Material leaves the block empty."""
    ours = dict(BLOCK.findall((OVERRIDES / "main.html").read_text(encoding="utf-8")))
    theirs = materials_blocks()
    assert ours, "main.html extends no block"
    for name, body in ours.items():
        assert name in theirs, f"main.html fills a block Material does not have: {name}"
        if "super()" not in body:
            assert not theirs[name], (
                f"main.html replaces Material's {name} block without super(): keep Material's with super()"
            )


def test_nothing_calls_materials_private_functions():
    sources = [
        *OVERRIDES.rglob("*.html"),
        *(ROOT / "docs" / "assets").rglob("*.js"),
        *(ROOT / "ladder").rglob("*"),
    ]
    calls = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in sources
        if path.is_file() and path.suffix in {".html", ".js", ".py"}
        for line in path.read_text(encoding="utf-8").splitlines()
        if "__md_" in line
    ]
    assert calls == []


def test_the_steps_after_a_build_run_as_a_command_on_a_built_site(tiny_project, tmp_path):
    """`python -m ladder postbuild` writes the exports again on a built site, and leaves the fast first
    paint laid already as it was, however often it runs."""
    site = tmp_path / "site"
    assert mkdocs_build(tiny_project, site).returncode == 0
    for output in ("ladder.json", "ladder-expectations.csv"):
        (site / "data" / output).unlink()
    page = (site / "skills" / "index.html").read_text(encoding="utf-8")
    command = [sys.executable, "-m", "ladder", "postbuild", str(site), "--config", "mkdocs.yml"]
    for _ in range(2):
        result = subprocess.run(command, cwd=tiny_project, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert (site / "data" / "ladder.json").exists() and (
            site / "data" / "ladder-expectations.csv"
        ).exists()
        sheets = list((site / "assets" / "stylesheets").glob("after-load.*.css"))
        if FAST_FIRST_PAINT:
            assert len(sheets) == 1 and ".md-search-result" in sheets[0].read_text(encoding="utf-8")
        assert (site / "skills" / "index.html").read_text(encoding="utf-8") == page
    assert BuiltSite(site).broken_links() == []


@pytest.mark.skipif(not FAST_FIRST_PAINT, reason="the fast first paint is switched off")
def test_instant_navigation_and_the_fast_first_paint_are_refused_together(tiny, tiny_project, tmp_path):
    """Each page inlines only the styles it needs, and Material's instant navigation would keep the
    first page's for every page after it: the steps after a build stop and say which to drop."""
    site = tmp_path / "site"
    shutil.copytree(tiny.root, site)
    config = tiny_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "theme:\n  features: [navigation.instant]\n")
    command = [sys.executable, "-m", "ladder", "postbuild", str(site), "--config", "mkdocs.yml"]
    result = subprocess.run(command, cwd=tiny_project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "navigation.instant" in result.stderr and "fast_first_paint: false" in result.stderr


def test_the_command_stops_on_a_broken_link_with_the_page_and_the_fix(tiny_project, tmp_path):
    site = tmp_path / "site"
    assert mkdocs_build(tiny_project, site).returncode == 0
    page = site / "glance" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</article>", '<a href="../nowhere/">x</a></article>')
    )
    command = [sys.executable, "-m", "ladder", "postbuild", str(site), "--config", "mkdocs.yml"]
    result = subprocess.run(command, cwd=tiny_project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/glance.md (glance/): '../nowhere/': no such page" in result.stderr
    assert "redirect_maps" in result.stderr
