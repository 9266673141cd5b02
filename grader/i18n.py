"""The grader's two languages: Chinese first, English too.

Every sentence the grader shows a student is written in English in the code, marked
for translation, and translated from a gettext catalog that a translator edits:
``grader/locale/zh/LC_MESSAGES/grader.po`` (``make catalogs`` extracts the new
sentences into it and compiles it; ``tests/test_catalogs.py`` fails on any sentence
without its Chinese). The English text in the code is the English translation.

    from grader.i18n import _, N_

    _("{name} is not written yet").format(name=name)   # translated now
    TITLE = N_("matches the reference on random inputs")  # marked; translated when shown

Placeholders are named (``{name}``), never positional, so that a translation may put
them in another order. A check's docstring and its ``HINTS`` are extracted too
(``scripts/catalogs.py``), so the checks read as plain Python.

The language is chosen once per command: ``--lang zh|en``, else ``COURSE_LANG``,
else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else Chinese.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

LANGUAGES = ("zh", "en")
DEFAULT = "zh"  # the course speaks Chinese first
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "grader"

def chosen(asked: str | None = None, environment: Mapping[str, str] = os.environ) -> str:
    """The language to speak: ``asked`` (``--lang``), else ``COURSE_LANG``, else the
    locale's, else Chinese. A locale in neither language (``C``, ``fr_FR``) means Chinese."""
    if asked:
        return _code(asked) or DEFAULT
    course_lang = _code(environment.get("COURSE_LANG", ""))
    if course_lang:
        return course_lang
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environment.get(variable, "")
        if value:  # the first one set decides, as the C library does
            return _code(value) or DEFAULT
    return DEFAULT


def _code(value: str) -> str | None:
    """``zh_CN.UTF-8`` → ``zh``, ``en-GB`` → ``en``; None for any other language."""
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGUAGES else None


def set_language(lang: str) -> None:
    """Speak ``lang`` from now on, in this process and in the workers it starts."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: the course speaks {', '.join(LANGUAGES)}")
    _current = lang
    os.environ["COURSE_LANG"] = lang  # the workers and any command started from here


def language() -> str:
    """The language being spoken."""
    return _current


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == "en":  # the code's own text
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def load_catalogs() -> None:
    """Read every language's catalog now (a process that forks workers does it once)."""
    for lang in LANGUAGES:
        _catalog(lang)


def translate(message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` (default: the language being spoken)."""
    if not message:
        return message
    return _catalog(lang or _current).gettext(message)


def translate_plural(singular: str, plural: str, count: int, lang: str | None = None) -> str:
    """The form of a sentence for ``count`` (Chinese has one form, English two)."""
    return _catalog(lang or _current).ngettext(singular, plural, count)


def _(message: str) -> str:
    """``message`` in the language being spoken."""
    return translate(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translate_plural(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; ``_`` translates it when shown."""
    return message


_current = chosen()  # until a command's --lang says otherwise (set_language)
