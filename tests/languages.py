"""Find English sentences left in what the grader says in Chinese. (The fixtures that
choose a test's language, ``speak``, ``english`` and ``chinese``, are in conftest.py.)"""

from __future__ import annotations

import re

from grader import course


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
