"""One setting gives the site's public address; every link the grader prints uses it."""

from __future__ import annotations

from grader import course


def test_local_address_when_none_is_set() -> None:
    assert course.site_url({}) == "http://127.0.0.1:8000/"


def test_course_site_url_is_the_address_with_one_trailing_slash() -> None:
    assert course.site_url({"COURSE_SITE_URL": "https://example.org/dl"}) == "https://example.org/dl/"
    assert course.site_url({"COURSE_SITE_URL": "https://example.org/dl/"}) == "https://example.org/dl/"
    assert course.site_url({"COURSE_SITE_URL": "  "}) == "http://127.0.0.1:8000/"


def test_exercise_links_start_with_it() -> None:
    for exercise in course.EXERCISES:
        assert exercise.url == f"{course.SITE_URL}{exercise.module}/#{exercise.name}"
