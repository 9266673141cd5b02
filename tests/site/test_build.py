"""The built site: strict build, the grader's links, exercises, solutions, links, offline."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
from sitehtml import html_pages, resolve, scan

LECTURE_PAGES = [
    "l01_regression",
    "l02_guidance",
    "l03_critical_points",
    "l04_batch_momentum",
    "l05_adaptive_lr",
    "l23_adversarial",
]


def page_of(site: Path, module: str) -> Path:
    return site / module / "index.html"


def test_strict_build_passes_without_warning(site_build):
    out, result = site_build
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    warnings = [line for line in log.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    assert warnings == [], "\n".join(warnings)


def test_every_lecture_has_its_page(site, course):
    assert sorted(course.LECTURES) == sorted(LECTURE_PAGES)
    for module in LECTURE_PAGES:
        assert (ROOT / "docs" / f"{module}.md").is_file()
        assert page_of(site, module).is_file()
    assert (site / "index.html").is_file()


def test_every_link_the_grader_prints_resolves(site, course):
    """Exercise.url is SITE_URL + '<module>/#<name>': map it onto the built folder."""
    assert course.EXERCISES, "the course map lists no exercise"
    for exercise in course.EXERCISES:
        url = exercise.url
        assert url.startswith(course.SITE_URL), url
        parts = urlsplit(url[len(course.SITE_URL):])
        target = site / parts.path / "index.html" if parts.path.endswith("/") or not parts.path \
            else site / parts.path
        assert target.is_file(), f"{url}: no page {target.relative_to(site)} in the built site"
        assert parts.fragment, url
        assert parts.fragment in scan(target).ids, f"{url}: no element with id {parts.fragment!r}"
        # docs_path is what the stubs print: the Markdown source with the same anchor
        doc, anchor = exercise.docs_path.split("#")
        assert (ROOT / doc).is_file(), exercise.docs_path
        assert anchor == parts.fragment


def test_exercise_sections_named_by_the_course_map(site, course):
    """Each exercise's `section` is a heading of its lecture page."""
    for exercise in course.EXERCISES:
        page = scan(page_of(site, exercise.module))
        titles = {text for _, _, text in page.headings}
        assert exercise.section in titles, (
            f"{exercise.qualname}: no heading {exercise.section!r} on {exercise.module}; "
            f"headings are {sorted(titles)}"
        )


def stub_section(module: str, name: str, folder: str = "exercises") -> list[str]:
    text = (ROOT / folder / f"{module}.py").read_text(encoding="utf-8")
    match = re.search(
        rf"^# --8<-- \[start:{re.escape(name)}\]\n(.*?)^# --8<-- \[end:{re.escape(name)}\]",
        text,
        re.MULTILINE | re.DOTALL,
    )
    assert match, f"{folder}/{module}.py has no snippet section {name!r}"
    return match.group(1).splitlines()


def test_exercise_shows_signature_and_docstring_from_the_stub(site, course):
    for exercise in course.EXERCISES:
        text = scan(page_of(site, exercise.module)).text
        lines = stub_section(exercise.module, exercise.name)
        signature = next(line for line in lines if line.startswith("def "))
        docstring_first = next(line.strip().strip('"') for line in lines if '"""' in line)
        assert f"def {exercise.name}(" in text, f"{exercise.qualname}: signature not shown"
        assert signature.strip().rstrip(":(") in text, f"{exercise.qualname}: {signature!r} not shown"
        assert docstring_first in text, f"{exercise.qualname}: docstring not shown"
        assert f"python -m grader check {exercise.name}" in text, f"{exercise.qualname}: no check command"


def squeeze(text: str) -> str:
    """Text without any whitespace: code compares equal however it is spaced or wrapped."""
    return re.sub(r"\s+", "", text)


def solution_only_lines(course) -> dict[str, list[str]]:
    """Per exercise, code lines of the solution that its stub does not show (whitespace ignored).

    A line the stub's docstring already gives (the formula of momentum_step, say) is
    part of the task, not of the solution.
    """
    found = {}
    for exercise in course.EXERCISES:
        stub = squeeze("\n".join(stub_section(exercise.module, exercise.name)))
        body = [
            squeeze(line)
            for line in stub_section(exercise.module, exercise.name, folder="solutions")
            if len(line.strip()) > 12 and not line.strip().startswith("#")
        ]
        found[exercise.qualname] = [line for line in body if line not in stub]
    return found


def site_text(site: Path) -> str:
    parts = [scan(page).text for page in html_pages(site)]
    index = site / "search" / "search_index.json"
    parts.append(json.dumps(json.loads(index.read_text(encoding="utf-8")), ensure_ascii=False))
    return squeeze("\n".join(parts))


def test_solutions_are_not_published_by_default(site, course):
    """No two consecutive lines of any solution appear anywhere (pages or search index).

    Single lines are too common to tell (``for _ in range(steps):`` is in the
    notebooks too); two solution lines in a row are not.
    """
    text = site_text(site)
    assert "参考答案" not in text
    for qualname, lines in solution_only_lines(course).items():
        pairs = [a + b for a, b in zip(lines, lines[1:])] or lines
        leaked = [pair for pair in pairs if pair in text]
        assert not leaked, f"{qualname}: solution code on the student site: {leaked[:3]}"


def test_instructor_build_shows_every_solution(instructor_site, course):
    for exercise in course.EXERCISES:
        page = squeeze(scan(page_of(instructor_site, exercise.module)).text)
        lines = solution_only_lines(course)[exercise.qualname]
        assert lines, f"{exercise.qualname}: the solution has no line of its own"
        missing = [line for line in lines if line not in page]
        assert not missing, f"{exercise.qualname}: solution not shown on the instructor site: {missing[:3]}"
    assert "教师版" in scan(instructor_site / "index.html").text


def test_every_internal_link_and_anchor_resolves(site):
    problems = []
    for page in html_pages(site):
        scanned = scan(page)
        for url in scanned.links + [u for _, u in scanned.resources]:
            if url.startswith(("mailto:", "data:", "javascript:")):
                continue
            target, fragment = resolve(site, page, url)
            if target is None:
                continue  # a link to another site (the footer's "Made with"): no request
            if not target.is_file():
                problems.append(f"{page.relative_to(site)}: {url} -> missing file")
            elif fragment and target.suffix == ".html" and fragment not in scan(target).ids:
                problems.append(f"{page.relative_to(site)}: {url} -> no id {fragment!r}")
    assert not problems, "\n".join(problems)


def test_pages_load_nothing_from_other_hosts(site):
    """No script, stylesheet, font or image from elsewhere (the browser test watches requests too)."""
    remote = re.compile(r"^(https?:)?//", re.IGNORECASE)
    problems = []
    for page in html_pages(site):
        for tag, url in scan(page).resources:
            if remote.match(url):
                problems.append(f"{page.relative_to(site)}: <{tag}> {url}")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if remote.match(url):
                problems.append(f"{css.relative_to(site)}: url({url})")
    assert not problems, "\n".join(problems)
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_katex_is_vendored_in_its_package_layout(site):
    katex = site / "vendor" / "katex"
    for path in ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js"):
        assert (katex / path).is_file(), path
    css = (katex / "katex.min.css").read_text(encoding="utf-8")
    fonts = set(re.findall(r"url\((fonts/[^)]+)\)", css))
    assert fonts, "katex.min.css refers to no font"
    assert all((katex / font).is_file() for font in fonts)


def test_figures_used_and_present(site):
    """Every figure the script draws is shown on a page, and every image on a page exists
    (the Chinese pages show <name>.svg; <name>.en.svg is the English pages' copy)."""
    figures = {p.name for p in (ROOT / "docs" / "figures").glob("*.svg") if not p.name.endswith(".en.svg")}
    shown = set()
    for module in LECTURE_PAGES:
        for tag, url in scan(page_of(site, module)).resources:
            if tag == "img" and "figures/" in url:
                shown.add(url.rsplit("/", 1)[-1])
    assert figures, "no figure in docs/figures"
    assert figures == shown, f"drawn but not shown: {figures - shown}; shown but not drawn: {shown - figures}"


def test_notebook_pages_have_usable_heading_ids_and_a_download(site):
    pages = sorted((site / "notebooks").glob("*/index.html"))
    assert len(pages) == len(LECTURE_PAGES)
    for page in pages:
        scanned = scan(page)
        assert scanned.headings, page
        empty = [text for _, hid, text in scanned.headings if not hid]
        assert not empty, f"{page.relative_to(site)}: headings without id: {empty}"
        downloads = [url for url in scanned.links if url.endswith(".ipynb")]
        assert downloads, f"{page.relative_to(site)}: no link to download the notebook"
        assert all(resolve(site, page, url)[0].is_file() for url in downloads)


@pytest.mark.parametrize("term, module", [
    ("鞍点", "l03_critical_points"),
    ("动量", "l04_batch_momentum"),
    ("对抗", "l23_adversarial"),
    ("交叉验证", "l02_guidance"),
])
def test_search_index_segments_chinese(site, term, module):
    """jieba cuts the Chinese text into words at build time (\u200b between them)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    docs = [d for d in index["docs"] if d["location"].startswith(f"{module}/")]
    assert docs
    segmented = [d for d in docs if "\u200b" in d["text"]]
    assert segmented, "the search index is not segmented: is jieba installed?"
    assert any(term in d["text"].replace("\u200b", "") for d in docs)


def test_each_exercise_links_to_the_section_the_grader_names(site, course):
    """The grader's link lands on the exercise; under its heading a link leads to the
    section that Exercise.section (and so Exercise.reading) names."""
    for exercise in course.EXERCISES:
        path = page_of(site, exercise.module)
        html = path.read_text(encoding="utf-8")
        start = html.index(f'id="{exercise.name}"')
        reading = re.search(r'<p class="exercise-reading">(.*?)</p>', html[start:], re.DOTALL)
        assert reading, f"{exercise.qualname}: no link back to its section"
        target = re.search(r'href="#([^"]+)"', reading[1])
        headings = {hid: text for _, hid, text in scan(path).headings}
        assert target and headings.get(unquote(target[1])) == exercise.section, (
            f"{exercise.qualname}: links {target and target[1]!r}, the grader names {exercise.section!r}")
        assert exercise.name in exercise.reading and exercise.section in exercise.reading


def search_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def without_code(text: str) -> str:
    return re.sub(r"<(pre|code)>.*?</\1>", " ", text, flags=re.DOTALL)


def test_search_index_holds_no_tex(site):
    """Result snippets show words: no formula of any page or notebook is indexed."""
    tex = re.compile(r"\\[A-Za-z]{2,}|\\[()\[\]]|\$|\^\{|_\{")
    leaks = [f"{d['location']}: ...{without_code(d['text'])[max(0, m.start() - 30):m.end() + 30]}..."
             for d in search_docs(site) for m in [tex.search(without_code(d["text"]))] if m]
    assert not leaks, "\n".join(leaks[:10])


def test_formulas_still_on_the_pages(site):
    """Stripping math from the index leaves it on the page (and no raw $ in the text)."""
    for module in LECTURE_PAGES:
        html = page_of(site, module).read_text(encoding="utf-8")
        assert html.count('class="arithmatex"') > 3, module
        assert "data-search-exclude" not in html, f"{module}: Material should strip the attribute"
    notebook = (site / "notebooks" / "l05_optimizer_race" / "index.html").read_text(encoding="utf-8")
    assert r'<span class="arithmatex">\(1/4 = 0.25\)</span>' in notebook


@pytest.mark.parametrize("word, module", [
    ("交叉熵", "l23_adversarial"),
    ("交叉验证", "l02_guidance"),
    ("海塞矩阵", "l03_critical_points"),
    ("批次", "l04_batch_momentum"),
    ("均方根", "l05_adaptive_lr"),
])
def test_course_terms_are_single_search_words(site, word, module):
    """jieba cuts with the course's dictionary: the term is one token of the index."""
    tokens = {t for d in search_docs(site) if d["location"].startswith(f"{module}/")
              for t in re.split(r"[\s\u200b]+", d["text"])}
    assert word in tokens


def test_notebook_figures_have_real_alt_text(site):
    for path in sorted((site / "notebooks").glob("*/index.html")):
        images = scan(path).images
        assert images, path
        for src, alt in images:
            assert len(alt) >= 20 and "No description" not in alt, f"{path.parent.name}: alt {alt!r}"
