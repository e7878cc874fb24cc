"""Social preview images: one PNG card per page (1200 x 630), drawn after the build with Pillow and its
built-in font, so that a shared link shows the page's title and description. A page names its card in
`og:image` (overrides/main.html), and its own `og:title` and `og:description` say what the card shows.
No network, and a card is drawn again only when its text changes (cached by content beside the build).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
BACKGROUND = "#303fa1"  # Material's indigo, darkened for white text (contrast 8.6:1)
DESIGN = "1"  # raise to draw every card again after changing how they look


FOLDER = "assets/social/"


@dataclass(frozen=True)
class Card:
    url: str  # the page's site URL: "" for the home page, "skills/"
    title: str
    description: str

    @property
    def path(self) -> str:
        """Where the card is published, relative to the site root."""
        return card_path(self.url)


def card_path(url: str) -> str:
    return f"{FOLDER}{url.strip('/') or 'index'}.png"


def cards_of(pages) -> list[Card]:
    """The card of each page that names its own in `og:image`; a frozen version's page names the card
    of the page it was frozen from, which draws it."""
    return [
        Card(page.url, page.meta.get("og:title", ""), page.meta.get("og:description", ""))
        for page in pages
        if page.meta.get("og:image", "").endswith("/" + card_path(page.url))
    ]


def draw(card: Card, site_name: str, footer: str) -> Image.Image:
    image = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    small, large, body = (ImageFont.load_default(size=size) for size in (34, 68, 36))
    pen.text((80, 70), site_name, font=small, fill="#c5cae9")
    y = 150
    for line in textwrap.wrap(card.title, 28)[:3]:
        pen.text((80, y), line, font=large, fill="white")
        y += 84
    y += 20
    for line in textwrap.wrap(card.description, 56)[:3]:
        pen.text((80, y), line, font=body, fill="#e8eaf6")
        y += 48
    pen.text((80, SIZE[1] - 90), footer, font=small, fill="#c5cae9")
    return image


def write_cards(cards: list[Card], site_dir: Path, cache_dir: Path, site_name: str, footer: str) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    for card in cards:
        key = hashlib.sha256("\0".join((DESIGN, site_name, footer, card.title, card.description)).encode())
        cached = cache_dir / f"{key.hexdigest()[:20]}.png"
        if not cached.exists():  # drawn under a name of its own, so a build beside it never reads half
            drawing = cached.with_name(f"{cached.stem}.{os.getpid()}.png")
            draw(card, site_name, footer).save(drawing)
            os.replace(drawing, cached)
        target = Path(site_dir) / card.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
