"""One setting gives the site's public address; every link the grader prints uses it,
on the page in the student's language, and lands where the course map says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader import course, i18n

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"^(?P<level>#{1,3})[ \t]+(?P<text>.+?)(?:[ \t]*\{#(?P<id>[^}\s]+)\})?[ \t]*$", re.MULTILINE)


def test_local_address_when_none_is_set() -> None:
    assert course.site_url({}) == "http://127.0.0.1:8000/"


def test_course_site_url_is_the_address_with_one_trailing_slash() -> None:
    assert course.site_url({"COURSE_SITE_URL": "https://example.org/dl"}) == "https://example.org/dl/"
    assert course.site_url({"COURSE_SITE_URL": "https://example.org/dl/"}) == "https://example.org/dl/"
    assert course.site_url({"COURSE_SITE_URL": "  "}) == "http://127.0.0.1:8000/"


def test_exercise_links_start_with_it_chinese_at_the_root_english_under_en() -> None:
    for exercise in course.EXERCISES:
        assert exercise.url_in("zh") == f"{course.SITE_URL}{exercise.module}/#{exercise.name}"
        assert exercise.url_in("en") == f"{course.SITE_URL}en/{exercise.module}/#{exercise.name}"
        assert exercise.section_url_in("en") == f"{course.SITE_URL}en/{exercise.module}/#{exercise.section_id}"
        assert exercise.docs_path_in("zh") == f"docs/{exercise.module}.md#{exercise.name}"
        assert exercise.docs_path_in("en") == f"docs/{exercise.module}.en.md#{exercise.name}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_properties_speak_the_language_being_spoken(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    spoken = i18n.language()
    exercise = course.BY_NAME["hessian"]
    monkeypatch.setenv("COURSE_LANG", lang)  # set_language sets it: given back after the test
    try:
        i18n.set_language(lang)
        assert exercise.url == exercise.url_in(lang) and exercise.docs_path == exercise.docs_path_in(lang)
        assert exercise.section == exercise.section_in(lang) and exercise.reading == exercise.reading_in(lang)
        assert exercise.lecture.title == exercise.lecture.title_in(lang)
    finally:
        i18n.set_language(spoken)


def test_the_reading_sentence_in_each_language() -> None:
    exercise = course.BY_NAME["mae"]
    assert exercise.reading_in("en") == ("Lecture 1: Regression, exercise “mae” (docs/l01_regression.en.md#mae), "
                                         "which builds on the section “MAE and MSE”")
    chinese = exercise.reading_in("zh")
    assert "Lecture 1：Regression（回归）" in chinese and "“MAE 与 MSE”" in chinese
    assert "docs/l01_regression.md#mae" in chinese and "builds on" not in chinese


def _headings(page: Path) -> list[tuple[int, str, str | None]]:
    return [(len(m["level"]), m["text"].strip(), m["id"]) for m in HEADING.finditer(page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("module", list(course.LECTURES))
def test_titles_and_sections_are_the_pages_headings(module: str, lang: str) -> None:
    """A lecture's title is its page's h1; an exercise's section is a heading of the page
    in that language, whose id is the section's id (the same in both languages)."""
    page = ROOT / "docs" / f"{module}{course.PAGE_SUFFIX[lang]}.md"
    headings = _headings(page)
    assert headings[0][:2] == (1, course.LECTURES[module].title_in(lang))
    for exercise in (e for e in course.EXERCISES if e.module == module):
        found = [(text, id_) for level, text, id_ in headings if text == exercise.section_in(lang)]
        assert len(found) == 1, (exercise.name, exercise.section_in(lang))
        assert found[0][1] == exercise.section_id, (exercise.name, found[0][1])


def test_every_section_is_built_on() -> None:
    assert {e.section_id for e in course.EXERCISES} == set(course.SECTIONS)
