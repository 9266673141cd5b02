"""The two languages in tests: ask for English where a test reads English words, and
find English sentences left in what the grader says in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from grader import course, i18n


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English in this process and in every command it starts (the default is Chinese)."""
    monkeypatch.setenv("COURSE_LANG", "en")
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)  # monkeypatch then puts COURSE_LANG back as it was


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Chinese in this process and in every command it starts, whatever the machine's locale."""
    monkeypatch.setenv("COURSE_LANG", "zh")
    before = i18n.language()
    i18n.set_language("zh")
    yield
    i18n.set_language(before)


# Not prose: a command, code in backticks or quotes, an address, a path, an option, an
# identifier (snake_case, dotted, called), a number. What is left of a line is prose.
_COMMANDS = ("check", "grade", "grade-batch", "merge", "report", "gradescope-bundle", "classroom", "watch",
             "hint", "repro", "progress", "release", "solution")
_ARGUMENT = "|".join([*_COMMANDS, *course.BY_NAME, *course.LECTURES, r"--?[\w-]+", r"[A-Z]+", r"\S*[/.\d]\S*"])
_NOT_PROSE = re.compile(
    rf"python -m grader(?: (?:{_ARGUMENT})(?=[\s)）,，。;；]|$))*"  # a command and its arguments
    r"|`[^`]*`|“[^”]*”|'[^']*'|\"[^\"]*\""  # code and quoted names
    r"|https?://\S+"
    r"|\S*[/_=()\[\]<>{}]\S*|\S+\.\S+"  # paths, identifiers, calls, dotted names
    r"|--?[\w-]+"
)
_WORD = re.compile(r"[A-Za-z]+")


def english_runs(text: str, words: int = 3) -> list[str]:
    """Runs of at least ``words`` English words in a row, outside code, commands,
    addresses, identifiers and numbers: each is an English sentence (or part of one)
    left untranslated. Python's own words (``SyntaxError``'s message) are not the
    grader's and must not be in ``text``."""
    found = []
    for line in text.splitlines():
        prose = _NOT_PROSE.sub(" ¦ ", line)
        run: list[str] = []
        for token in prose.split():
            if _WORD.fullmatch(token.strip(",.;:!?")) and not token.isupper():
                run.append(token)
                continue
            if len(run) >= words:
                found.append(" ".join(run))
            run = []
        if len(run) >= words:
            found.append(" ".join(run))
    return found
