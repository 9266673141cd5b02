"""The grader speaks Chinese and English: every sentence it shows has both.

English is the text of the code; the Chinese is in grader/locale/zh/LC_MESSAGES/grader.po.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from grader import i18n

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import catalogs  # noqa: E402


def test_every_sentence_of_the_grader_has_its_chinese() -> None:
    missing = catalogs.problems("zh")
    assert not missing, "sentences without their Chinese:\n" + "\n".join(missing[:40])


def test_the_compiled_catalog_is_the_po_file() -> None:
    assert not catalogs.stale_mo("zh"), "run python scripts/catalogs.py"


def test_a_wrong_placeholder_or_fuzzy_translation_is_found() -> None:
    sentence = next(m.id for m in catalogs.template() if isinstance(m.id, str) and "{" in m.id)
    catalog = Catalog(locale="zh")
    catalog.add(sentence, "{不对}")
    assert any("placeholders" in p for p in catalogs.problems("zh", catalog))
    catalog.get(sentence).flags.add("fuzzy")
    assert any("fuzzy" in p for p in catalogs.problems("zh", catalog))
    assert any("no zh entry" in p for p in catalogs.problems("zh", Catalog(locale="zh")))


@pytest.mark.parametrize(("asked", "environment", "spoken"), [
    ("en", {"COURSE_LANG": "zh"}, "en"),  # --lang first
    (None, {"COURSE_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),  # then COURSE_LANG
    (None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # then the locale, LC_ALL first
    (None, {"LANG": "zh_TW.UTF-8"}, "zh"),
    (None, {"LANG": "en-GB"}, "en"),
    (None, {"LANG": "fr_FR.UTF-8"}, "zh"),  # neither language: Chinese
    (None, {"LANG": "C.UTF-8"}, "zh"),
    (None, {}, "zh"),
])
def test_the_language_is_asked_then_set_then_the_locale_then_chinese(asked, environment, spoken) -> None:
    assert i18n.chosen(asked, environment) == spoken


def test_english_is_the_code_and_chinese_comes_from_the_catalog() -> None:
    sentence = next(m for m in catalogs._read("zh") if m.id and m.string and isinstance(m.id, str))
    assert i18n.translate(sentence.id, "en") == sentence.id
    assert i18n.translate(sentence.id, "zh") == sentence.string
