"""A small stdlib HTML scanner for the built site: ids, links, headings, resources, boxes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# The site's languages and where each one's pages are (mkdocs.yml: Chinese at the root,
# English under en/, both from the same sources: <page>.md and <page>.en.md).
LANGUAGES = {"zh": "", "en": "en/"}


def language_root(site: Path, lang: str) -> Path:
    return site / LANGUAGES[lang] if LANGUAGES[lang] else site


def is_cjk(character: str) -> bool:
    """A Chinese character or CJK punctuation (full-width forms included)."""
    code = ord(character)
    return (0x3000 <= code <= 0x303F or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF)


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) loaded by the page
    headings: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, id, text)
    admonitions: list[Admonition] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)  # (src, alt)
    text: str = ""


@dataclass
class Admonition:
    """A box of the page (``!!! bug "title"``): its kind, title and whole text."""

    kind: str
    title: str = ""
    text: str = ""
    offset: int = 0  # where it starts in Page.text


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._heading: list | None = None
        self._text: list[str] = []
        self._skip = 0  # inside <script>/<style>
        self._boxes: list[tuple[Admonition, int, list[str]]] = []  # open boxes, their div depth
        self._depth = 0  # of nested <div>/<details>
        self._in_title: Admonition | None = None
        self._length = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.page.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.page.ids.add(a["name"])
        if tag == "a" and a.get("href") is not None:
            self.page.links.append(a["href"])
        if tag in ("script", "img", "iframe", "audio", "video", "source") and a.get("src"):
            self.page.resources.append((tag, a["src"]))
        if tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {
            "stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
        }:
            self.page.resources.append((tag, a["href"]))
        if tag == "img" and a.get("src"):
            self.page.images.append((a["src"], a.get("alt") or ""))
        if tag in ("div", "details"):
            self._depth += 1
            classes = (a.get("class") or "").split()
            kinds = [c for c in classes if c != "admonition"]
            if (tag == "div" and "admonition" in classes or tag == "details") and kinds:
                box = Admonition(kinds[0], offset=self._length)
                self.page.admonitions.append(box)
                self._boxes.append((box, self._depth, []))
        if (tag == "p" and "admonition-title" in (a.get("class") or "")) or (tag == "summary" and self._boxes):
            self._in_title = self._boxes[-1][0] if self._boxes else None
        if tag in ("script", "style"):
            self._skip += 1
        if tag in HEADINGS:
            self._heading = [tag, a.get("id", ""), []]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag in ("p", "summary"):
            self._in_title = None
        if tag in ("div", "details"):
            if self._boxes and self._boxes[-1][1] == self._depth:
                box, _, parts = self._boxes.pop()
                box.text = "".join(parts)
            self._depth -= 1
        if tag in HEADINGS and self._heading is not None:
            name, hid, parts = self._heading
            self.page.headings.append((name, hid, "".join(parts).replace("¶", "").strip()))
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        self._text.append(data)
        self._length += len(data)
        for _, _, parts in self._boxes:
            parts.append(data)
        if self._in_title is not None:
            self._in_title.title += data
        if self._heading is not None:
            self._heading[2].append(data)

    def close(self):
        super().close()
        self.page.text = "".join(self._text)


def scan(path: Path) -> Page:
    scanner = _Scanner()
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return scanner.page


def html_pages(site: Path) -> list[Path]:
    """Every page of the site, in every language (not the 404 pages)."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def language_pages(site: Path, lang: str) -> list[Path]:
    """The pages of one language, by their path from that language's root."""
    root = language_root(site, lang)
    others = [site / folder for other, folder in LANGUAGES.items() if folder and other != lang]
    return sorted(p for p in html_pages(root) if not any(p.is_relative_to(o) for o in others))


def resolve(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file a relative URL of `page` points to (None for other schemes) and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, parts.fragment
    if not parts.path:
        return page, unquote(parts.fragment)
    target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)
