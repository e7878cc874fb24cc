"""The released versions of the ladder, each frozen in a file of its own, so that a link made to one
years ago still shows the words it meant:

    docs/data/releases/1.1.0.yml

A release (`make release`, `python -m ladder release`) copies the data file there under a header that
holds a digest of the rest. Every build reads the frozen versions and refuses one whose digest no
longer matches: a released version is never edited; a new version is released instead.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .load import LadderDataError, _shown, load_ladder
from .schema import FrozenLadder, Ladder, Problem, UnknownId

FOLDER = "releases"
HEADER = re.compile(
    r"\A# The ladder's version (?P<version>\S+), frozen at its release\.\n"
    r"# sha256 of the lines below the header: (?P<digest>[0-9a-f]{64})\n# (?P<note>.*)\n"
)
HEADER_LINES = 3
NOTE = (
    "A released version is never edited: release a new one instead (CONTRIBUTING.md, Release a new version)."
)


def folder(data_path: Path) -> Path:
    return Path(data_path).parent / FOLDER


def frozen_text(version: str, body: str) -> str:
    """A frozen version's file: the header with the digest of `body`, then `body`."""
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    header = (
        f"# The ladder's version {version}, frozen at its release.\n"
        f"# sha256 of the lines below the header: {digest}"
    )
    return f"{header}\n# {NOTE}\n{body}"


class ReleaseError(ValueError):
    """A release cannot be made as asked; the message says why and what to do."""


def freeze(data_path: Path) -> Path:
    """Freeze the data file as the release of its `version`: the file of a release made already is
    left as it is when it holds the same ladder, and refused when it does not."""
    data_path = Path(data_path)
    ladder = load_ladder(data_path)
    body = data_path.read_text(encoding="utf-8")
    target = folder(data_path) / f"{ladder.version}.yml"
    if target.exists():
        if not differences(load_frozen(target), ladder):
            return target
        raise ReleaseError(
            f"{_shown(target)} holds version {ladder.version} as it was released, and the data file says "
            "something else: raise `version` in the data file, add its changelog entry, and release again"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(frozen_text(ladder.version, body), encoding="utf-8")
    return target


def read_body(path: Path) -> str:
    """The ladder a frozen file holds, once its header is checked: the file, the version it is named
    after and the digest of what follows must agree."""
    text = Path(path).read_text(encoding="utf-8")
    header = HEADER.match(text)
    if header is None:
        raise LadderDataError(path, [Problem(1, None, f"a frozen version starts with its header: {NOTE}")])
    body = text[header.end() :]
    version = Path(path).stem
    if header["version"] != version or hashlib.sha256(body.encode("utf-8")).hexdigest() != header["digest"]:
        raise LadderDataError(
            path,
            [
                Problem(
                    None,
                    None,
                    f"this file was changed after version {version} was released. {NOTE} Undo the "
                    f"change (git checkout -- {_shown(Path(path))}) and make it in the data file, with a "
                    "new version",
                )
            ],
        )
    return body


def load_frozen(path: Path, cache: Path | None = None) -> FrozenLadder:
    """A frozen file's ladder; with `cache`, its parsed YAML is kept there across builds."""
    return _parsed(Path(path), read_body(path), cache and cache / "releases")


@lru_cache(maxsize=256)
def _parsed(path: Path, body: str, cache: Path | None) -> FrozenLadder:
    """A frozen file's ladder, read once per process for the same words: a build reads the history
    from its hooks, its macros and its steps after, and `make serve` on every rebuild."""
    return load_ladder(path, model=FrozenLadder, text=body, first_line=HEADER_LINES + 1, cache=cache)


@dataclass
class History:
    """Every released version, oldest first, and the current ladder, which may be one of them or the
    next, not released yet."""

    current: Ladder
    frozen: dict[str, FrozenLadder] = field(default_factory=dict)
    _changes: dict[str, list[str]] = field(default_factory=dict, repr=False)  # by anchor

    @classmethod
    def of(cls, data_path: Path, current: Ladder, cache: Path | None = None) -> History:
        files = sorted(folder(data_path).glob("*.yml"), key=lambda path: version_key(path.stem))
        return cls(current, {path.stem: _centred(load_frozen(path, cache), current) for path in files})

    @property
    def versions(self) -> list[str]:
        """Every version with pages of its own, oldest first: the frozen ones and the current one."""
        return sorted({*self.frozen, self.current.version}, key=version_key)

    @property
    def earlier(self) -> list[str]:
        """Every version but the current one, oldest first."""
        return [version for version in self.versions if version != self.current.version]

    def ladder(self, version: str) -> Ladder:
        """A version's ladder as released; the current one's is the data file until it is released."""
        return self.frozen.get(version) or self.current

    def changed_in(self, anchor: str) -> list[str]:
        """The versions after the first that changed what an expectation asks, or dropped it."""
        if anchor not in self._changes:
            versions = self.versions
            texts = [_text(self.ladder(version), anchor, self.current) for version in versions]
            self._changes[anchor] = [
                versions[n] for n in range(1, len(versions)) if texts[n] != texts[n - 1] and texts[n - 1]
            ]
        return self._changes[anchor]

    def changed_after(self, version: str, anchor: str) -> str | None:
        """The first version after `version` that changed what an expectation asks, or dropped it;
        None when it asks the same today."""
        return next(
            (later for later in self.changed_in(anchor) if version_key(later) > version_key(version)), None
        )

    def unreleased_changes(self) -> list[str]:
        """Where the data file says something else than the release of its own version: empty when its
        version is not released yet, or when it holds that release's words (its shape may differ)."""
        released = self.frozen.get(self.current.version)
        if released is None:
            return []
        return differences(released, self.current)


def differences(one: Ladder, other: Ladder) -> list[str]:
    """Where two ladders say different things: paths such as `skills[2].expectations.senior.text`.
    Their centre and the way their file is laid out aside."""
    return _differences(_words(one), _words(other))


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _centred(ladder: FrozenLadder, current: Ladder) -> FrozenLadder:
    """A version released before the ladder named its centre level is centred where today's is, or on
    its middle level when it has no level of that id."""
    if ladder.centre is not None:
        return ladder
    ids = [level.id for level in ladder.levels]
    return ladder.model_copy(
        update={"centre": current.centre if current.centre in ids else ids[len(ids) // 2]}
    )


def _text(ladder: Ladder, anchor: str, current: Ladder) -> str | None:
    """What one expectation asks in a version, in words, white space aside; None when nothing answers
    to it. An anchor of today's ladder also answers to the ids its item had before (`aliases:`)."""
    names = [anchor]
    with suppress(UnknownId):
        item, level = current.resolve(anchor)
        at = f"--{level.id}" if level else ""
        names += [f"{item.kind}-{name}{at}" for name in (item.id, *item.aliases)]
    for name in names:
        try:
            item, level = ladder.resolve(name)
        except UnknownId:
            continue
        expectation = item.at(level.id) if level else None
        return " ".join(expectation.text.split()) if expectation else None
    return None


def _words(ladder: Ladder) -> dict:
    """What a reader of a version sees, in the shape of a frozen version: what the centre is and how
    the file is laid out aside."""
    return FrozenLadder.model_validate(ladder.model_dump(exclude={"centre"})).model_dump(exclude={"centre"})


def _differences(released, now, path: str = "") -> list[str]:
    if isinstance(released, dict) and isinstance(now, dict):
        return [
            found
            for key in sorted(set(released) | set(now), key=str)
            for found in _differences(released.get(key), now.get(key), f"{path}.{key}" if path else str(key))
        ]
    if isinstance(released, list) and isinstance(now, list) and len(released) == len(now):
        return [
            found
            for n, (a, b) in enumerate(zip(released, now, strict=True))
            for found in _differences(a, b, f"{path}[{n}]")
        ]
    return [] if released == now else [path]
