"""The grader's translation catalogs: extract the sentences, merge them into the
``.po`` files a translator edits, compile the ``.mo`` files the grader reads.

    python scripts/catalogs.py           # extract, update grader/locale/*/grader.po, compile
    python scripts/catalogs.py --check   # exit 1 on any sentence without its translation
    python scripts/catalogs.py --take theirs.po   # also take the translations of another .po

What is extracted (Babel does the reading and writing):
- every ``_("...")``, ``N_("...")``, ``ngettext("...", "...", n)`` of ``grader/``;
- each check's docstring (the property the student is shown) and each exercise's
  ``HINTS`` in ``grader/checks/``, so the checks read as plain Python;
- each exercise's docstring in ``solutions/`` (the specification the stubs carry).

A new or changed English sentence appears in the ``.po`` file untranslated (or
"fuzzy", with the old translation to start from); ``--check`` and
``tests/test_catalogs.py`` fail until it is translated and the fuzzy mark removed.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import io
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course import BY_NAME  # noqa: E402
from grader.i18n import DOMAIN, LANGUAGES, LOCALE_DIR  # noqa: E402

# The grader's translation functions (grader/i18n.py) and where their texts are.
KEYWORDS = {"_": None, "N_": None, "translate": None, "ngettext": (1, 2), "translate_plural": (1, 2)}
HEADER = dict(
    project="hylee-dl-course",
    version="",
    msgid_bugs_address="the course's issue tracker",
    last_translator="the course's authors",
    language_team="the course's authors",
    fuzzy=False,
    header_comment="# What the grader says, translated. Edit the msgstr lines only: the msgid lines are\n"
                   "# the English text of the code (python scripts/catalogs.py rewrites them).",
)
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]  # English is the code's own text


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _marked(path: Path) -> Iterator[tuple[int, str | tuple[str, str], list[str]]]:
    with path.open("rb") as source:
        for lineno, message, comments, _context in extract(
                "python", source, keywords=KEYWORDS, comment_tags=("Translators:",)):
            yield lineno, message, comments


def _is_check(function: ast.FunctionDef) -> bool:
    return any(isinstance(d, ast.Call) and getattr(d.func, "id", None) == "check" for d in function.decorator_list)


def _check_texts(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """Each check's docstring (also of checks defined inside a function that registers
    several at once), and every hint of the ``HINTS`` block."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and _is_check(node) and ast.get_docstring(node):
            yield node.lineno, " ".join(ast.get_docstring(node).split()), ["the property a check tests"]
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        if isinstance(target, ast.Name) and target.id == "HINTS":
            for function, hints in ast.literal_eval(node.value).items():
                for level, hint in enumerate(hints, start=1):
                    yield node.lineno, hint, [f"hint {level} of {len(hints)} for {function}"]


def _exercise_docstrings(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """The docstring of each exercise: the specification its stub carries."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in BY_NAME and ast.get_docstring(node):
            yield node.lineno, inspect.cleandoc(ast.get_docstring(node)), [f"the specification of {node.name}"]


def template() -> Catalog:
    """Every sentence to translate, with where it comes from."""
    catalog = Catalog(domain=DOMAIN, charset="utf-8", **HEADER)
    sources: list[tuple[Path, Iterator]] = []
    for path in sorted((ROOT / "grader").rglob("*.py")):
        sources.append((path, _marked(path)))
        if path.parent.name == "checks":
            sources.append((path, _check_texts(path)))
    for path in sorted((ROOT / "solutions").glob("*.py")):
        sources.append((path, _exercise_docstrings(path)))
    for path, texts in sources:
        for lineno, message, comments in texts:
            catalog.add(message, locations=[(_relative(path), lineno)], auto_comments=comments)
    return catalog


def _read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, charset="utf-8", **HEADER)
    with path.open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def _fields(text: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:  # not a format string (a docstring with a lone brace)
        return set()


def problems(lang: str, catalog: Catalog | None = None) -> list[str]:
    """What keeps the ``lang`` catalog from speaking every sentence of the grader."""
    catalog = _read(lang) if catalog is None else catalog
    found = []
    for message in template():
        if not message.id:  # the header
            continue
        entry = catalog.get(message.id)
        location = ", ".join(f"{file}:{line}" for file, line in message.locations)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if entry is None:
            found.append(f"{location}: no {lang} entry for {ids[0]!r} (run python scripts/catalogs.py)")
        elif entry.fuzzy:
            found.append(f"{location}: the {lang} translation of {ids[0]!r} is fuzzy: check it, then remove the mark")
        elif not all(entry.string if isinstance(entry.string, tuple) else (entry.string,)):
            found.append(f"{location}: {ids[0]!r} has no {lang} translation")
        else:
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            wanted = set().union(*map(_fields, ids))
            for text in strings:
                if _fields(text) != wanted:
                    found.append(f"{location}: the {lang} translation of {ids[0]!r} has placeholders "
                                 f"{sorted(_fields(text))}, the English {sorted(wanted)}")
    return found


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def stale_mo(lang: str) -> bool:
    """Whether the compiled catalog differs from its ``.po`` file."""
    mo = po_path(lang).with_suffix(".mo")
    return not mo.exists() or mo.read_bytes() != _mo_bytes(_read(lang))


def _take_translations(catalog: Catalog, other: Path) -> None:
    """Fill the sentences ``catalog`` has no translation for from another ``.po`` file of
    the same language (a translator's contribution, the other side of a merge)."""
    with other.open("rb") as po:
        theirs = read_po(po, locale=catalog.locale, domain=DOMAIN)
    for message in theirs:
        if not message.id or not message.string or message.fuzzy:
            continue
        ours = catalog.get(message.id)
        if ours is None:
            catalog.add(message.id, message.string, locations=message.locations)
        elif not ours.string or ours.fuzzy:
            ours.string = message.string
            ours.flags.discard("fuzzy")


def update(also: list[Path] = ()) -> None:
    """Merge the extracted sentences into every ``.po`` file and compile it."""
    new = template()
    for lang in TRANSLATED:
        catalog = _read(lang)
        for other in also:
            _take_translations(catalog, other)
        catalog.update(new, update_header_comment=False, update_creation_date=False)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, catalog, width=100, sort_by_file=True, ignore_obsolete=True)
        path.with_suffix(".mo").write_bytes(_mo_bytes(_read(lang)))
        missing = problems(lang)
        print(f"{_relative(path)}: {len(catalog)} sentences, {len(missing)} to translate")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 on a sentence without its translation")
    parser.add_argument("--take", type=Path, action="append", default=[], metavar="FILE.po",
                        help="take the translations this .po file has and ours lacks (repeatable)")
    args = parser.parse_args(argv)
    if not args.check:
        update(args.take)
        return 0
    failed = False
    for lang in TRANSLATED:
        for problem in problems(lang):
            print(problem)
            failed = True
        if stale_mo(lang):
            print(f"{_relative(po_path(lang).with_suffix('.mo'))} is older than its .po: run python scripts/catalogs.py")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
