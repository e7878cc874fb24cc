"""The site's settings, read from mkdocs.yml without importing an engine.

MkDocs and Zensical both read mkdocs.yml; the steps that must run under either of them (rendering the
ladder, the steps after a build, the checks) read it here, with the same `!ENV` and `INHERIT` rules,
so a fork that sets its own URLs in the environment publishes itself under every engine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .routes import Routes


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = [loader.construct_object(child) for child in node.value]
        names, default = values[:-1] if len(values) > 1 else values, values[-1] if len(values) > 1 else None
    return next((os.environ[name] for name in names if os.environ.get(name)), default)


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads it: `!ENV` resolved; other engine-specific tags (`!!python/name:`) read as
    None, since nothing read here holds one."""


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", lambda *_: None)


def read_yaml(path: Path) -> dict:
    """mkdocs.yml as data, its `INHERIT:` parent merged under it the way MkDocs merges it."""
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader) or {}
    parent = data.pop("INHERIT", None)
    if parent:
        return _merge(read_yaml(Path(path).parent / parent), data)
    return data


def _merge(base: dict, child: dict) -> dict:
    merged = dict(base)
    for key, value in child.items():
        merged[key] = (
            _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
        )
    return merged


@dataclass(frozen=True)
class SiteConfig:
    """What the ladder's own steps need from mkdocs.yml."""

    project: Path  # the directory of mkdocs.yml
    raw: dict = field(repr=False)
    site_name: str
    site_url: str
    repo_url: str
    docs_dir: Path
    data_file: str  # as written in mkdocs.yml, relative to the project: messages show it so
    routes: Routes
    moved_anchors: dict[str, str]
    fast_first_paint: bool

    @property
    def data_path(self) -> Path:
        return self.project / self.data_file

    @property
    def extra(self) -> dict:
        return self.raw.get("extra") or {}

    @property
    def cache_dir(self) -> Path:
        return cache_dir(self.project)


def cache_dir(project: Path) -> Path:
    """Where builds keep what they can reuse (preview cards, compiled templates, parsed releases):
    .cache beside mkdocs.yml, or the directory LADDER_CACHE names, which copies of a project (the
    tests') share."""
    shared = os.environ.get("LADDER_CACHE")
    return Path(shared) if shared else project / ".cache"


def site_config(path: Path) -> SiteConfig:
    path = Path(path).resolve()
    raw = read_yaml(path)
    ladder = (raw.get("extra") or {}).get("ladder") or {}
    return SiteConfig(
        project=path.parent,
        raw=raw,
        site_name=raw.get("site_name", ""),
        site_url=_with_slash(raw.get("site_url") or ""),
        repo_url=(raw.get("repo_url") or "").rstrip("/"),
        docs_dir=path.parent / raw.get("docs_dir", "docs"),
        data_file=ladder.get("data", "docs/data/ladder.yml"),
        routes=Routes.from_config(ladder.get("pages")),
        moved_anchors=dict(ladder.get("moved_anchors") or {}),
        fast_first_paint=_switch(ladder.get("fast_first_paint", True)),
    )


def _switch(value) -> bool:
    """A yes or no from YAML, or from the environment through `!ENV`, where it is text."""
    if isinstance(value, str):
        return value.strip().lower() not in {"false", "no", "off", "0", ""}
    return bool(value)


def _with_slash(url: str) -> str:
    return url if not url or url.endswith("/") else url + "/"
