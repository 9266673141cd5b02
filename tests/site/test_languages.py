"""The two languages of the site: every Chinese page has its English one, with the same
sections and exercises; each language's chrome, search and 404 page speak that language.

The site is the one session build of conftest.py (both languages come out of one build).
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitehtml import LANGUAGES, is_cjk, language_pages, language_root, resolve, scan

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def chinese_sources() -> list[Path]:
    """The Chinese pages and notebooks (the default language has no suffix)."""
    pages = [p for p in DOCS.glob("*.md") if not p.name.endswith(".en.md")]
    notebooks = [p for p in (DOCS / "notebooks").glob("*.ipynb") if not p.name.endswith(".en.ipynb")]
    return sorted(pages + notebooks)


def english_source(path: Path) -> Path:
    return path.with_name(f"{path.stem}.en{path.suffix}")


def built(site: Path, source: Path, lang: str) -> Path:
    """The HTML page built from a source in ``lang`` (``notebooks/x.ipynb`` -> ``notebooks/x/``)."""
    relative = source.relative_to(DOCS).with_suffix("")
    folder = language_root(site, lang)
    return folder / "index.html" if relative.name == "index" else folder / relative / "index.html"


@pytest.mark.parametrize("source", chinese_sources(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_chinese_page_has_its_english_page(source):
    assert english_source(source).is_file(), (
        f"{source.relative_to(ROOT)} has no English page: write {english_source(source).relative_to(ROOT)}")


def section_ids(page: Path) -> list[str]:
    """The ids of the page's h2 and h3 headings, in order."""
    return [hid for tag, hid, _ in scan(page).headings if tag in ("h2", "h3")]


@pytest.mark.parametrize("source", chinese_sources(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_both_languages_have_the_same_sections_and_exercises(site, source):
    """Same h2/h3 ids in the same order: the grader's links and the switcher land on the
    same section in either language."""
    if not english_source(source).is_file():
        pytest.skip("no English page (test_every_chinese_page_has_its_english_page fails)")
    chinese, english = built(site, source, "zh"), built(site, source, "en")
    assert chinese.is_file() and english.is_file()
    assert section_ids(english) == section_ids(chinese), (
        f"{source.name}: the English page's sections differ from the Chinese page's")
    if source.suffix == ".md":  # explicit ASCII ids, the same whatever the language
        odd = [hid for hid in section_ids(chinese) if not re.fullmatch(r"[a-z0-9_][-a-z0-9_]*", hid)]
        assert not odd, f"{source.name}: headings without an explicit ASCII id: {odd}"


def test_each_exercise_has_its_anchor_in_both_languages(site, course):
    for lang in LANGUAGES:
        for exercise in course.EXERCISES:
            page = language_root(site, lang) / exercise.module / "index.html"
            assert exercise.name in scan(page).ids, f"{lang}: no #{exercise.name} on {exercise.module}"


def test_pages_declare_their_language(site):
    for lang in LANGUAGES:
        for page in language_pages(site, lang):
            match = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8"))
            assert match and match[1] == lang, f"{page.relative_to(site)}: <html lang={match and match[1]!r}>"


def switcher_links(page: Path) -> dict[str, str]:
    html = page.read_text(encoding="utf-8")
    return dict((lang, href) for href, lang in
                re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', html))


def test_the_switcher_of_every_page_leads_to_the_same_page_in_each_language(site):
    for lang in LANGUAGES:
        for page in language_pages(site, lang):
            relative = page.relative_to(language_root(site, lang))
            links = switcher_links(page)
            assert set(links) == set(LANGUAGES), f"{page.relative_to(site)}: switcher {links}"
            for other, href in links.items():
                # the home pages' links are absolute (the site is served at the root here)
                target = site / href.lstrip("/") / "index.html" if href.startswith("/") \
                    else resolve(site, page, href)[0]
                assert target == (language_root(site, other) / relative).resolve(), (
                    f"{page.relative_to(site)}: the {other} link goes to {href}")


# Parts of a page that are its own text, not the site's: the article, its table of
# contents (in both sidebars), and the switcher's language names (each in its own).
NOT_CHROME = {"md-content__inner", "md-nav--secondary", "md-select__inner"}


class _Chrome(HTMLParser):
    """The text and the shown attributes of a page outside NOT_CHROME."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []  # open tags since a skipped element began
        self._script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._skipping:
            if tag not in VOID:
                self._skipping.append(tag)
            return
        if NOT_CHROME & set((a.get("class") or "").split()):
            self._skipping = [tag]
            return
        self._script = tag in ("script", "style")
        self.parts += [a[k] or "" for k in ("placeholder", "aria-label", "title") if k in a]
        if tag == "meta" and a.get("name") == "description":
            self.parts.append(a.get("content") or "")

    def handle_endtag(self, tag):
        if tag in VOID:  # <img ... /> and </br> close nothing
            return
        if self._skipping:
            self._skipping.pop()
        self._script = False

    def handle_data(self, data):
        if not self._skipping and not self._script:
            self.parts.append(data)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def chrome_text(page: Path) -> str:
    """What a page shows besides its own content: header, navigation, footer, search box,
    and Material's words for its scripts."""
    html = page.read_text(encoding="utf-8")
    parser = _Chrome()
    parser.feed(html)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL)
    words = list(json.loads(config[1])["translations"].values()) if config else []
    return " ".join(parser.parts + words)


def test_the_english_site_chrome_has_no_chinese(site):
    problems = []
    for page in language_pages(site, "en") + [site / "en" / "404.html"]:
        chinese = sorted({c for c in chrome_text(page) if is_cjk(c)})
        if chinese:
            problems.append(f"{page.relative_to(site)}: {''.join(chinese[:20])}")
    assert not problems, "\n".join(problems)


def test_the_english_404_page_speaks_english_and_the_chinese_one_chinese(site):
    english = scan(site / "en" / "404.html")
    assert not any(is_cjk(c) for c in english.text.replace("中文", "")), english.text[:300]
    assert "not found" in english.text.lower()
    chinese = scan(site / "404.html").text
    assert "页面不存在" in chinese
    # a static host serves the root's 404 page for a missing English address too
    assert "404.html" in (site / "404.html").read_text(encoding="utf-8")


def search_index(site: Path, lang: str) -> dict:
    return json.loads((language_root(site, lang) / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_each_language_has_its_own_search_index(site):
    for lang in LANGUAGES:
        index = search_index(site, lang)
        assert index["config"]["lang"] == [lang]
        root = language_root(site, lang)
        pages = {page.relative_to(root).parent.as_posix() for page in language_pages(site, lang)}
        located = {doc["location"].split("#")[0].rstrip("/") or "." for doc in index["docs"]}
        assert located == pages, f"{lang}: indexed {sorted(located ^ pages)} differ from the pages"


def indexed_pages(site: Path, lang: str, term: str) -> set[str]:
    """The pages whose indexed text holds ``term`` (case-insensitive)."""
    return {doc["location"].split("/")[0] for doc in search_index(site, lang)["docs"]
            if term.lower() in (doc["title"] + " " + doc["text"]).replace("\u200b", "").lower()}


@pytest.mark.parametrize("term, module", [
    ("saddle point", "l03_critical_points"),
    ("momentum", "l04_batch_momentum"),
    ("adversarial", "l23_adversarial"),
    ("cross-validation", "l02_guidance"),
])
def test_english_terms_find_english_pages(site, term, module):
    assert module in indexed_pages(site, "en", term)


@pytest.mark.parametrize("term, module", [("鞍点", "l03_critical_points"), ("对抗", "l23_adversarial")])
def test_chinese_terms_find_chinese_pages(site, term, module):
    assert module in indexed_pages(site, "zh", term)


def test_english_pages_load_their_own_index_and_sitemap(site):
    """Material finds the search index and the sitemap from its base: on an English page,
    the en/ folder (_overrides/main.html moves it there before Material reads it)."""
    for lang, folder in LANGUAGES.items():
        page = language_root(site, lang) / "l01_regression" / "index.html"
        html = page.read_text(encoding="utf-8")
        data = json.loads(re.search(r'<script id="__languages" type="application/json">(.*?)</script>',
                                    html, re.DOTALL)[1])
        assert data["current"] == lang and data["links"][lang] == "/" + folder
        assert (language_root(site, lang) / "sitemap.xml").is_file()
        locations = re.findall(r"<loc>([^<]+)</loc>", (language_root(site, lang) / "sitemap.xml").read_text())
        assert len(locations) == len(language_pages(site, lang))
        assert all(("/en/" in url) == (lang == "en") for url in locations), locations[:3]


def test_hints_are_folded_under_every_exercise_in_both_languages(site, course):
    """<!-- hints: NAME --> becomes NAME's hints from grader/checks/<module>.py: one
    folded block each, numbered, under the exercise's heading."""
    from grader.hints import hints_for
    from grader.i18n import translate

    for lang in LANGUAGES:
        for exercise in course.EXERCISES:
            html = (language_root(site, lang) / exercise.module / "index.html").read_text(encoding="utf-8")
            start = html.index(f'id="{exercise.name}"')
            end = html.find("<h3", start + 1)
            section = html[start:end if end > 0 else None]
            hints = [" ".join(translate(hint, lang).split()) for hint in hints_for(exercise)]
            assert len(hints) >= 2, exercise.name
            blocks = re.findall(r'<details class="tip hint">\s*<summary>([^<]*)</summary>(.*?)</details>',
                                section, re.DOTALL)
            assert len(blocks) == len(hints), f"{lang} {exercise.name}: {len(blocks)} hint blocks, {len(hints)} hints"
            assert all(str(n) in title for n, (title, _) in enumerate(blocks, start=1)), blocks
            # plain text as the terminal shows it: nothing read as Markdown or math
            shown = [" ".join(unescape(re.sub(r"<[^>]+>", "", body)).split()) for _, body in blocks]
            assert shown == hints, f"{lang} {exercise.name}: the page shows other hints"
            assert "<!-- hints" not in section and "data-search-exclude" not in section


def test_hints_are_not_in_the_search_index(site, course):
    """A search leads to the lecture's text, never into a folded hint."""
    from grader.hints import hints_for
    from grader.i18n import translate

    for lang in LANGUAGES:
        indexed = " ".join(" ".join((doc["title"] + " " + doc["text"]).replace("\u200b", "").split())
                           for doc in search_index(site, lang)["docs"])
        for exercise in course.EXERCISES:
            for hint in hints_for(exercise):
                words = " ".join(translate(hint, lang).split())
                assert words[:60] not in indexed, f"{lang} {exercise.name}: a hint is in the search index"

