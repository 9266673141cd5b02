"""The committed figures are exactly what scripts/make_figures.py draws today, in both
languages, and every character of their words has a glyph in the font that draws it."""

from __future__ import annotations

import importlib.util
import string
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager

ROOT = Path(__file__).resolve().parents[2]


def load_make_figures():
    name = "_site_tests_make_figures"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "make_figures.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


make_figures = load_make_figures()
site_font = make_figures.load_module("scripts/make_site_font.py")
DRAWINGS = [(name, language) for name in make_figures.FIGURES for language in make_figures.LANGUAGES]


def test_committed_figures_are_up_to_date(tmp_path):
    make_figures.draw_all(tmp_path)
    committed = ROOT / "docs" / "figures"
    drawn = sorted(p.name for p in tmp_path.glob("*.svg"))
    assert drawn == sorted(make_figures.all_files())
    assert "l01_batches.svg" in drawn and "l01_batches.en.svg" in drawn
    stale = [
        name for name in drawn
        if not (committed / name).is_file() or (committed / name).read_bytes() != (tmp_path / name).read_bytes()
    ]
    extra = sorted({p.name for p in committed.glob("*.svg")} - set(drawn))
    assert not stale and not extra, (
        f"stale figures: {stale}; figures no script draws: {extra}. "
        "Run `python scripts/make_figures.py` and commit docs/figures/."
    )


def test_figures_are_deterministic(tmp_path):
    """Drawing twice gives the same bytes (no date, fixed hash salt, fixed seeds)."""
    names = ["l01_batches", "l23_norms"]
    first = make_figures.draw_all(tmp_path / "a", names)
    second = make_figures.draw_all(tmp_path / "b", names)
    assert len(first) == 4
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
        assert b"<dc:date>" not in a.read_bytes()


def test_text_is_drawn_as_paths():
    """No <text> element: a viewer needs no font, Chinese or Latin."""
    for name in make_figures.all_files():
        svg = (ROOT / "docs" / "figures" / name).read_text(encoding="utf-8")
        assert "<text" not in svg and "font-family" not in svg, name


def test_solutions_stay_off_sys_path():
    """The figure script imports the solutions by file path, never via sys.path."""
    assert not any(Path(p).resolve() == ROOT / "solutions" for p in sys.path if p)
    assert "l01_regression" not in sys.modules


# ---------------------------------------------------------------------------
# The words: one table per figure, the same entries in every language
# ---------------------------------------------------------------------------


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


@pytest.mark.parametrize("name", sorted(make_figures.FIGURES))
def test_every_language_has_every_word_with_the_same_placeholders(name):
    words = make_figures.FIGURES[name].words
    assert set(words) == set(make_figures.LANGUAGES)
    zh, en = words["zh"], words["en"]
    assert zh.keys() == en.keys()
    for key in zh:
        assert placeholders(zh[key]) == placeholders(en[key]), f"{name}: {key!r}"
        # math stays math: the same formulas in both languages
        assert make_figures.MATH.findall(zh[key]) == make_figures.MATH.findall(en[key]), f"{name}: {key!r}"


@pytest.mark.parametrize("name, language", DRAWINGS, ids=[f"{n}-{lang}" for n, lang in DRAWINGS])
def test_every_character_has_a_glyph(name, language):
    """A character its font lacks would be a box in the picture, in either language."""
    with make_figures.drawing(name, language) as fig:
        fig.canvas.draw()
        problems = make_figures.undrawable(fig, language)
        texts = " ".join(t.get_text() for t in fig.findobj(plt.Text))
    assert not problems, f"{name} ({language}): {problems}; run python scripts/make_site_font.py --figures"
    has_chinese = any(site_font.is_cjk(c) for c in make_figures.MATH.sub("", texts))
    assert has_chinese == (language == "zh"), f"{name} ({language}) has {'' if has_chinese else 'no '}Chinese"


def test_the_glyph_check_sees_a_missing_character():
    fig, ax = plt.subplots()
    ax.set_title("鞍点 $\\lambda$ 龘")  # the vendored font holds the figures' characters, not this one
    ax.set_xlabel("$龘$")  # math is mathtext's business, not the words' font
    try:
        problems = make_figures.undrawable(fig, "zh")
    finally:
        plt.close(fig)
    assert len(problems) == 1 and "龘" in problems[0] and "鞍点" in problems[0], problems
    assert "鞍" in site_font.covered(site_font.FIGURE_FONT)


def test_chinese_is_drawn_with_the_vendored_font_not_the_machines():
    """The Chinese figures' family resolves to the file in the repository, even on a
    machine with Noto CJK installed (the vendored font carries a name of its own)."""
    style = make_figures.style("zh")
    family = style["font.family"]
    assert family == site_font.FIGURE_FAMILY
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert Path(found).resolve() == site_font.FIGURE_FONT.resolve()
    assert make_figures.style("en")["font.family"] == "DejaVu Sans"


def test_the_figure_font_holds_what_the_figures_and_notebooks_write():
    assert site_font.figure_characters() <= site_font.covered(site_font.FIGURE_FONT), (
        "run python scripts/make_site_font.py --figures")


def test_the_figure_font_is_small_and_licensed():
    assert site_font.FIGURE_FONT.stat().st_size < 300 * 1024
    licence = (site_font.FIGURE_FONT.parent / "LICENSE").read_text(encoding="utf-8")
    assert site_font.FIGURE_FONT.name in licence and "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_a_missing_font_is_one_clear_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(site_font, "FIGURE_FONT", tmp_path / "missing.otf")
    assert make_figures.main(["--only", "l04_sharp_flat", "--lang", "zh", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "make_site_font.py --figures" in err, err


# ---------------------------------------------------------------------------
# The Chinese notebooks draw their labels with the same font
# ---------------------------------------------------------------------------

CHINESE_NOTEBOOKS = sorted(p for p in (ROOT / "docs" / "notebooks").glob("*.ipynb")
                           if not p.name.endswith(".en.ipynb"))


@pytest.mark.parametrize("path", CHINESE_NOTEBOOKS, ids=[p.stem for p in CHINESE_NOTEBOOKS])
def test_chinese_notebooks_label_in_chinese_with_the_course_font(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    setup = code[0].source
    assert "course-cjk-figures.otf" in setup and "font_manager.fontManager.addfont(CJK_FONT)" in setup
    drawing = [cell.source for cell in code if "plt.show()" in cell.source]
    assert drawing and any(site_font.is_cjk(c) for source in drawing for c in source), "labels in Chinese"
    outputs = [out for cell in code for out in cell.outputs]
    said = "".join(out.get("text", "") for out in outputs)
    assert "missing from font" not in said and "findfont" not in said, said
    assert "找不到" not in said, "the committed run used the course font"
