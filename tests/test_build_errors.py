"""A broken data file, a misused macro or a link to no page fails the build: one clear error naming the
file or page, the line and the fix, a non-zero exit, no traceback and no half-built site; `make serve`
shows the same messages and keeps serving until they are fixed.

What each message says is tested where it is produced (tests/test_data_file.py for the data file);
these tests check that it reaches a contributor through a real build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time

from ladder.anchors import manifest_path, write_manifest
from tools.project import DATA_FILE, ROOT, edit_data, entry, mkdocs_build, rename_references
from tools.serve import free_port, wait_for_page


def add_to_page(project, page, line) -> int:
    """Append `line` to a page; return its line number."""
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8") + f"\n{line}\n"
    _save(path, text)
    return len(text.splitlines())


def _save(path, text: str) -> None:
    """Save a file the way editors do: the watcher never sees it half written."""
    handle, draft = tempfile.mkstemp()
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(draft, path)


def failed(project, out) -> str:
    result = mkdocs_build(project, out)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    return output


def test_a_broken_data_file_stops_the_build_before_any_page(tiny_project, tmp_path):
    path = tiny_project / DATA_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace("    name: Alpha\n", "    nmae: Alpha\n"), "utf-8"
    )
    output = failed(tiny_project, tmp_path / "out")
    errors = [row for row in output.splitlines() if row.startswith("ERROR")]
    assert len(errors) == 1 and f"{DATA_FILE}: 2 problem(s)" in errors[0], output
    assert "[item alpha]: unknown key `nmae`" in output
    assert not (tmp_path / "out" / "skills" / "index.html").exists()


def test_misused_macros_and_links_to_no_page_fail_naming_the_page_line_and_fix(tiny_project, tmp_path):
    """Every mistake is reported in one build: each misused macro with its line, and each link to no
    page, whether written in a page or by a macro from the data (a level that is gone)."""
    calls = {
        '{{ items("skil") }}': ["unknown kind of item 'skil'", "did you mean 'skill'?"],
        '{{ skill_links("peple") }}': ["unknown skill group id 'peple'", "did you mean 'people'?"],
        '{{ level_page("midle") }}': ["unknown level id 'midle'", "did you mean 'middle'?", "`aliases:`"],
        '{{ item_page("skill", "alpah") }}': ["unknown skill id 'alpah'", "known ids: alpha, beta"],
        "{{ skill_links() }}": ["skill_links()", "missing a required argument", "usage: (group_id"],
        '{{ level_table("extra") }}': ["too many positional arguments"],
        '{{ items("responsibility") }}': ["live on responsibilities/index.md", "not on skills/index.md"],
    }
    lines = {call: add_to_page(tiny_project, "skills/index.md", call) for call in calls}
    add_to_page(tiny_project, "index.md", "See [the top level](levels/topp.md).")
    add_to_page(tiny_project, "glance.md", '<a href="../levels/gone/">A level that is gone</a>')
    output = failed(tiny_project, tmp_path / "out")
    errors = [row for row in output.splitlines() if row.startswith("ERROR")]
    for call, phrases in calls.items():
        reported = [error for error in errors if f"docs/skills/index.md:{lines[call]}: " in error]
        assert len(reported) == 1, (call, errors)
        assert all(phrase in reported[0] for phrase in phrases), (phrases, reported[0])
    assert "index.md" in output and "levels/topp.md" in output, output
    assert "docs/glance.md (glance/): '../levels/gone/': no such page" in output, output
    assert "redirect_maps" in output and "`aliases:`" in output, output


def test_undefined_names_fail_the_build(tiny_project, tmp_path):
    """mkdocs-macros reports these itself (`on_undefined: strict`), with the page and the name."""
    add_to_page(tiny_project, "skills/index.md", "{{ no_such_macro() }}")
    result = mkdocs_build(tiny_project, tmp_path / "out")
    assert result.returncode != 0
    assert "skills/index.md" in result.stderr and "'no_such_macro' is undefined" in result.stderr


def first_error(output: str) -> str:
    """The first error a contributor reads, with the lines under it."""
    return output[output.index("ERROR") :].split("\nERROR")[0]


def test_an_id_renamed_without_an_alias_is_refused_first_with_the_fix(tiny, tiny_project, tmp_path):
    """Wherever the old id is still used, the first error says to list it under `aliases:`."""
    write_manifest(manifest_path(tiny_project / DATA_FILE), tiny.published_anchors())
    edit_data(tiny_project, lambda data: entry(data, "skills", "gamma").update(id="gamma-renamed"))
    error = first_error(failed(tiny_project, tmp_path / "out"))
    assert "unknown skill 'gamma'" in error and "`gamma`" in error and "`aliases:`" in error, error


def test_an_id_renamed_everywhere_without_an_alias_is_refused_for_its_published_links(
    tiny, tiny_project, tmp_path
):
    write_manifest(manifest_path(tiny_project / DATA_FILE), tiny.published_anchors())

    def rename(data):
        entry(data, "skills", "gamma").update(id="gamma-renamed")
        rename_references(data, "skill", "gamma", "gamma-renamed")

    edit_data(tiny_project, rename)
    error = first_error(failed(tiny_project, tmp_path / "out"))
    assert "published anchor(s)" in error and "/skills/#skill-gamma" in error, error
    assert "`aliases: [gamma]`" in error and "moved_anchors" in error, error


def test_make_serve_shows_a_mistake_keeps_serving_and_recovers(tiny_project):
    shutil.copy2(ROOT / "Makefile", tiny_project / "Makefile")
    port = free_port()
    log = (tiny_project / "serve.log").open("w")
    server = subprocess.Popen(
        # The real .venv, marked up to date (-o) so that make never reinstalls it from this copy.
        ["make", "serve", f"VENV={ROOT / '.venv'}", "-o", str(ROOT / ".venv" / ".installed"), f"PORT={port}"],
        cwd=tiny_project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/skills/"
    try:
        wait_for_page(url, lambda page: 'id="skill-alpha"' in page, server)
        # an old version's pages, which the steps after the build write, are served too
        wait_for_page(
            f"http://127.0.0.1:{port}/v/1.0.0/", lambda page: "ladder-frozen-notice" in page, server
        )

        line = add_to_page(tiny_project, "skills/index.md", '{{ skill_links("peple") }}')
        page = wait_for_page(url, lambda page: "calls a ladder macro wrongly" in page, server)
        assert f"docs/skills/index.md:{line}: skill_links(&#x27;peple&#x27;)" in page
        assert "did you mean &#x27;people&#x27;?" in page

        source = tiny_project / "docs" / "skills" / "index.md"
        _save(source, source.read_text(encoding="utf-8").replace('"peple"', '"people"'))
        page = wait_for_page(url, lambda page: "calls a ladder macro wrongly" not in page, server)
        assert 'class="ladder-skill-links"' in page

        data = tiny_project / "docs" / "data" / "ladder.yml"
        good = data.read_text(encoding="utf-8")
        _save(data, good.replace("    name: Gamma\n", "    name: Gamma\n    name: Gamma again\n"))
        time.sleep(1.5)  # the rebuild fails and says why; the server holds pages back until a build succeeds
        assert server.poll() is None
        _save(data, good.replace("    name: Gamma\n", "    name: Gamma, repaired\n"))
        wait_for_page(url, lambda page: "Gamma, repaired" in page, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tiny_project / "serve.log").read_text(encoding="utf-8")
    assert f"ERROR   -  docs/skills/index.md:{line}: skill_links('peple'): unknown skill group id" in output
    assert "key 'name' appears twice in the same mapping" in output
    # one build per save: reading the sources, as every build does, starts no other
    assert output.count("Detected file changes") == 4, output


def test_make_serve_reads_a_template_edited_since_its_last_build(tiny_project, tmp_path, monkeypatch):
    """`make serve` builds again in its own process after an edit; a template it has read before is read
    afresh, as the edited file says."""
    from jinja2 import FileSystemLoader
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ladder import render

    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    monkeypatch.setattr(render._JINJA, "loader", FileSystemLoader(templates))
    monkeypatch.chdir(tiny_project)
    page = tmp_path / "site" / "skills" / "index.html"

    def build_in_this_process() -> str:
        build(load_config(str(tiny_project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
        return page.read_text(encoding="utf-8")

    try:
        assert "data-template-edited" not in build_in_this_process()
        overview = templates / "overview.html"
        overview.write_text(overview.read_text(encoding="utf-8") + "<span data-template-edited></span>\n")
        assert "data-template-edited" in build_in_this_process()
    finally:
        monkeypatch.undo()
        render.reload_templates()  # nothing read from the copy outlives the test


def test_make_serve_falls_back_to_polling_where_the_system_watcher_fails(tmp_path, monkeypatch):
    """Where the system caps its file watchers, `make serve` keeps MkDocs' polling, which sees every
    save, rather than failing to start."""
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    from ladder import hooks

    def serve_watching(path):
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
        server.watch(str(path))
        return hooks.on_serve(server, config=None, builder=None)

    server = serve_watching(tmp_path)
    assert isinstance(server.observer, hooks._SaveObserver)
    assert [emitter.watch.raw_path for emitter in server.observer.emitters] == [str(tmp_path)]

    def capped(self):
        raise OSError(24, "inotify instance limit reached")

    monkeypatch.setattr(hooks._SaveObserver, "start", capped)
    server = serve_watching(tmp_path)
    assert isinstance(server.observer, PollingObserver)
    assert [emitter.watch.raw_path for emitter in server.observer.emitters] == [str(tmp_path)]
