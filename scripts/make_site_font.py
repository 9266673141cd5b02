"""Vendor the site's Chinese font: Noto Sans CJK SC, cut down to the characters the site uses.

A reader's machine may have no CJK font at all (a fresh Linux, a locked-down lab
machine): every character would be a box. The site ships its own, offline, as
``docs/vendor/fonts/course-cjk.woff`` (SIL Open Font License, beside it), holding
only the characters that occur in the site's sources, so that it stays small.

    python scripts/make_site_font.py            # after adding Chinese text to the site
    python scripts/make_site_font.py --check    # exit 1 if a character of the site is missing
    python scripts/make_site_font.py --figures  # the figures' font (see below), same --check

The source font is Debian's ``fonts-noto-cjk`` (``apt-get install fonts-noto-cjk``).
WOFF with zlib, not WOFF2: reading it back needs no brotli, so the test that every
character is covered runs anywhere fontTools does.

The Chinese figures (``scripts/make_figures.py``, the Chinese notebooks) draw their
text with the same typeface from their own file, ``course-cjk-figures.otf``: an
OpenType font matplotlib can load, holding the characters of the figures' words and
of the notebooks' code (Latin letters included, so that a label mixing both is drawn
in one face), renamed "Course CJK Figures" so that matplotlib never confuses it with
a Noto CJK installed on the machine. A machine with no CJK font draws the same
figures, byte for byte.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "docs" / "vendor" / "fonts" / "course-cjk.woff"
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_INDEX = 2  # Noto Sans CJK SC in the collection (JP, KR, SC, TC, HK follow Noto's order)
# Everything a page of the site is built from: pages, notebooks, the navigation, the
# templates, the hook's own words, and the grader's catalog (the names of lectures and
# sections and the hints reach the pages in Chinese through the hook).
SOURCES = ["docs/**/*.md", "docs/**/*.ipynb", "docs/**/*.html", "docs/**/*.js", "docs/_hooks/*.py",
           "mkdocs.yml", "grader/course.py", "grader/locale/*/LC_MESSAGES/*.po", "exercises/*.py"]
FIGURE_FONT = ROOT / "docs" / "vendor" / "fonts" / "course-cjk-figures.otf"
FIGURE_FAMILY = "Course CJK Figures"
# What the Chinese figures write: the drawing script's words and the Chinese notebooks'
# code (the English notebooks, *.en.ipynb, draw in matplotlib's own DejaVu Sans).
FIGURE_SOURCES = ["scripts/make_figures.py", "docs/notebooks/*.ipynb"]
# Besides: printable ASCII (numbers, tick labels) and the minus sign of tick labels.
FIGURE_BASE = "".join(chr(code) for code in range(0x20, 0x7F)) + "\u2212"
# CJK punctuation, the fullwidth forms and the ideographs: what the Latin fonts lack.
CJK_BLOCKS = [(0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF)]


def is_cjk(character: str) -> bool:
    code = ord(character)
    return any(low <= code <= high for low, high in CJK_BLOCKS)


def _theme_words() -> list[Path]:
    """Material's own Chinese words (search, navigation, the footer...)."""
    import material

    return [Path(material.__file__).parent / "templates" / "partials" / "languages" / "zh.html"]


def site_characters(root: Path = ROOT) -> set[str]:
    """Every CJK character the site's sources and its theme hold."""
    found: set[str] = set()
    paths = [path for pattern in SOURCES for path in root.glob(pattern) if "vendor" not in path.parts]
    for path in paths + _theme_words():
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="ignore"))
        found |= {c for c in text if is_cjk(c)}
    return found


def figure_characters(root: Path = ROOT) -> set[str]:
    """Every character the Chinese figures and notebooks may draw."""
    found = set(FIGURE_BASE)
    for pattern in FIGURE_SOURCES:
        for path in root.glob(pattern):
            if path.name.endswith(".en.ipynb"):
                continue
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
            found |= {c for c in text if c.isprintable() and not c.isspace() and ord(c) >= 0x80}
    return found


def covered(font: Path = FONT) -> set[str]:
    """The characters the vendored font has a glyph for."""
    from fontTools.ttLib import TTFont

    return {chr(code) for code in TTFont(font).getBestCmap()}


def make(source: Path, characters: set[str]) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]  # vertical forms and locl keep their substitutions
    options.name_IDs = ["*"]  # the licence and copyright stay in the file
    options.hinting = False  # a screen font at text sizes: hinting is most of the size
    font = TTFont(source, fontNumber=SC_INDEX)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(characters)))
    subsetter.subset(font)
    FONT.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff"
    font.save(FONT)


def make_figure_font(source: Path, characters: set[str]) -> None:
    """The figures' OpenType font: outlines only, renamed, and the same bytes at every run."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.name_IDs = ["*"]  # the licence and copyright stay in the file
    options.hinting = False  # drawn as paths: hints are never used
    options.layout_features = []  # matplotlib lays text out glyph by glyph
    options.notdef_outline = True
    font = TTFont(source, fontNumber=SC_INDEX, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(characters)))
    subsetter.subset(font)
    _rename(font, FIGURE_FAMILY)
    FIGURE_FONT.parent.mkdir(parents=True, exist_ok=True)
    font.save(FIGURE_FONT)


def _rename(font, family: str) -> None:
    """A modified font takes a name of its own (the OFL asks it; matplotlib needs it)."""
    postscript = family.replace(" ", "") + "-Regular"
    names = {1: family, 3: postscript, 4: f"{family} Regular", 6: postscript, 16: family, 17: "Regular"}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    if "CFF " in font:
        font["CFF "].cff.fontNames = [postscript]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say which characters are missing")
    parser.add_argument("--figures", action="store_true",
                        help=f"the figures' font ({FIGURE_FONT.name}) instead of the site's")
    args = parser.parse_args()
    if args.figures:
        return _cut(FIGURE_FONT, figure_characters(), make_figure_font, "the figures", "--figures", args.check)
    return _cut(FONT, site_characters(), make, "the site", "", args.check)


def _cut(font: Path, wanted: set[str], maker, what: str, option: str, check: bool) -> int:
    """Check that ``font`` has every character ``what`` uses, or cut it again from Noto."""
    command = f"python scripts/make_site_font.py{' ' + option if option else ''}"
    if check:
        missing = sorted(wanted - covered(font)) if font.exists() else sorted(wanted)
        if missing:
            print(f"{len(missing)} characters of {what} are not in {font.relative_to(ROOT)}: "
                  f"{''.join(missing[:40])}… — run {command}", file=sys.stderr)
            return 1
        return 0
    if not SOURCE.exists():
        print(f"no {SOURCE}: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 1
    maker(SOURCE, wanted)
    lacking = sorted(wanted - covered(font))
    print(f"{font.relative_to(ROOT)}: {len(wanted) - len(lacking)} characters, {font.stat().st_size / 1024:.0f} KiB")
    if lacking:  # Noto has no glyph for them: a page or figure drawing one would show a box
        print(f"not in Noto Sans CJK SC either: {''.join(lacking)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
