"""The stubs: each exercise's signature and specification, its body a ``NotImplementedError``.

A stub keeps each public function's signature and type hints (and the site's snippet
markers around it) from ``solutions/<module>.py``; its docstring is the solution's
docstring, the specification, in each language asked for (the Chinese from the
catalog, ``grader/locale``), each followed by the calls the exercise bans, from
``grader/course.py`` (the list the grader enforces). Its body raises a
``NotImplementedError`` that says, in the same languages, what to read and where.
Private helpers are left out: writing them is part of the exercise.

Languages come in the order asked: this repository's stubs are Chinese, then
English below a ``---- English ----`` line; the student edition and each language of
the site ask for one.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from grader.course import BY_NAME, LECTURES, Exercise
from grader.i18n import LANGUAGES, N_, translate, translate_plural

START_MARKER = "# --8<-- [start:{}]"
END_MARKER = "# --8<-- [end:{}]"
WIDTH = 88  # of a stub's lines, indentation included
# A language's block of a stub starts, after the first, with a line naming it in itself.
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
LIST_SEPARATORS = {"zh": "、", "en": ", "}


def language_rule(lang: str) -> str:
    """The line that opens the ``lang`` block of a stub in several languages."""
    return f"---- {LANGUAGE_NAMES[lang]} ----"


def _is_module(name: str) -> bool:
    """Whether a dotted name is a module (``torch.optim``) rather than a function or class,
    found on disk without importing anything (the site's build runs this too)."""
    top, *rest = name.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not rest:
        return spec is not None
    folder = Path(next(iter(spec.submodule_search_locations or []), ""))
    for index, part in enumerate(rest):
        if (folder / part / "__init__.py").is_file():
            folder = folder / part
        else:
            return index == len(rest) - 1 and (folder / f"{part}.py").is_file()
    return True


def banned_sentence(exercise: Exercise, lang: str) -> str:
    """The sentence that states what the exercise must not call ("" if nothing)."""
    if not exercise.banned:
        return ""
    named = [translate(N_("anything in ``{module}``"), lang).format(module=name) if _is_module(name)
             else f"``{name}``" for name in exercise.banned]
    sentence = translate_plural(
        "Must not call: {calls} (the grader stops at it: write it with tensor operations yourself).",
        "Must not call: {calls} (the grader stops at them: write it with tensor operations yourself).",
        len(named), lang)
    return sentence.format(calls=LIST_SEPARATORS[lang].join(named))


def _cells(text: str) -> int:
    """The columns ``text`` takes in a terminal or an editor (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


# Chinese breaks a line between any two characters, but never before a closing mark
# nor after an opening one; Latin text breaks after a space.
_WIDE = "\u2e80-\u9fff\uff00-\uffef"
_TOKEN = re.compile(rf"[“（《]*(?:[{_WIDE}]|[^\s{_WIDE}“（《]+)?[，。、：；）》”！？]*\s*")


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` columns where it can be broken (a
    longer word stays whole); the lines joined give ``text`` back."""
    lines = [""]
    for token in filter(None, _TOKEN.findall(text)):
        if lines[-1] and _cells(lines[-1] + token.rstrip()) > width:
            lines.append("")
        lines[-1] += token
    assert "".join(lines) == text
    return lines


def specification(english: str, exercise: Exercise, lang: str) -> str:
    """The docstring of ``exercise``'s stub in ``lang``: its specification (the solution's
    docstring, ``english``, translated), then the calls it bans."""
    text = translate(english, lang)
    banned = banned_sentence(exercise, lang)
    return "\n\n".join([text, "\n".join(line.rstrip() for line in wrap(banned, WIDTH - 4))]
                       if banned else [text])


def not_written(exercise: Exercise, lang: str) -> str:
    """What calling the stub says: what to read, and the page on the site."""
    return translate(N_("{name} is not written yet: read {reading}. On the site: {url}"), lang).format(
        name=exercise.name, reading=exercise.reading_in(lang), url=exercise.url_in(lang))


def _in_languages(texts: dict[str, str]) -> str:
    """One text per language, each after the first below the line naming its language."""
    blocks = []
    for lang, text in texts.items():
        blocks.append(text if not blocks else f"{language_rule(lang)}\n\n{text}")
    return "\n\n".join(blocks)


def _docstring(text: str, indent: str) -> list[str]:
    """``text`` as the lines of a docstring written at ``indent``."""
    if '"""' in text or "\\" in text:  # would not read back as the same text
        raise ValueError(f"a docstring holds a backslash or triple quotes: {text[:60]!r}")
    lines = [f'{indent}"""{text.splitlines()[0]}']
    lines += [f"{indent}{line}" if line else "" for line in text.splitlines()[1:]]
    return [*lines, f'{indent}"""']


def _string_literals(text: str, last: bool) -> list[str]:
    """``text`` as string literals of at most a line each, which Python joins (a line
    break ends each language's sentence but the last)."""
    if '"' in text or "\\" in text:
        raise ValueError(f"a message holds a quote or a backslash: {text[:60]!r}")
    pieces = wrap(text, WIDTH - 13)  # indented by 8, quoted, and a line break
    literals = [f'"{piece}"' for piece in pieces]
    return literals if last else [*literals[:-1], f'{literals[-1][:-1]}\\n"']


def module_docstring(module: str, lang: str) -> str:
    return translate(N_("{lecture} — exercises.\n\nReplace each ``raise NotImplementedError(...)`` with "
                        "your code, then check it:\n\n    python -m grader check {module}"), lang).format(
        lecture=LECTURES[module].title_in(lang), module=module)


def stub_source(solution: str, module: str, languages: Sequence[str] = ("zh", "en")) -> str:
    """The stubs of ``solutions/<module>.py`` (its text, ``solution``), speaking ``languages``."""
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise ValueError(f"languages {list(languages)!r}: each one of {', '.join(LANGUAGES)}")
    tree = ast.parse(solution)
    lines = solution.splitlines()
    out = _docstring(_in_languages({lang: module_docstring(module, lang) for lang in languages}), "")
    out.append("")
    # Keep the imports: type hints and the student's code need them.
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out += lines[node.lineno - 1 : node.end_lineno]
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
            continue
        exercise = BY_NAME[node.name]
        english = inspect.cleandoc(ast.get_docstring(node) or "")
        out += ["", "", START_MARKER.format(node.name)]
        out += lines[node.lineno - 1 : node.body[0].lineno - 1]  # decorators and signature
        out += _docstring(_in_languages({lang: specification(english, exercise, lang) for lang in languages}),
                          "    ")
        message = [literal for index, lang in enumerate(languages)
                   for literal in _string_literals(not_written(exercise, lang), index == len(languages) - 1)]
        out += ["    raise NotImplementedError(", *(f"        {literal}" for literal in message), "    )"]
        out.append(END_MARKER.format(node.name))
    return "\n".join(out) + "\n"
