"""Chinese shows on a machine without a CJK font: the site ships its own, and uses it.

The built site's every CJK character is in the vendored font, the stylesheet's font
stack really reaches the page (Material sets its own on ``body``), and a Chromium that
knows only a Latin font draws the course's characters with the vendored one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import load_module
from test_browser import CHROMIUM_ARGS, chromium_or_skip

font = load_module("scripts/make_site_font.py")


def test_every_chinese_character_of_the_built_site_is_in_the_vendored_font(site: Path) -> None:
    used: set[str] = set()
    for page in site.rglob("*.html"):
        used |= {c for c in page.read_text(encoding="utf-8") if font.is_cjk(c)}
    assert len(used) > 300  # the pages really are Chinese
    missing = sorted(used - font.covered())
    assert not missing, f"not in the vendored font: {''.join(missing[:40])} (run python scripts/make_site_font.py)"


def test_the_sources_and_the_font_agree() -> None:
    assert font.site_characters() <= font.covered(), "run python scripts/make_site_font.py"


def test_the_font_is_small_and_licensed() -> None:
    assert font.FONT.stat().st_size < 600 * 1024
    assert "SIL OPEN FONT LICENSE Version 1.1" in (font.FONT.parent / "LICENSE").read_text(encoding="utf-8")


def _latin_font() -> Path | None:
    """A font of this machine that has no Chinese glyph (DejaVu, Liberation...)."""
    from fontTools.ttLib import TTFont

    for path in sorted(Path("/usr/share/fonts").rglob("*.ttf")):
        try:
            if ord("批") not in TTFont(path, lazy=True).getBestCmap():
                return path
        except Exception:  # noqa: BLE001 - a font fontTools cannot read: try the next
            continue
    return None


@pytest.fixture(scope="module")
def fontless_browser(tmp_path_factory):
    """Chromium whose fontconfig knows one Latin font and no CJK font: a machine where
    Chinese would be boxes unless the page brings its own font."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = chromium_or_skip()
    latin = _latin_font()
    if latin is None:
        pytest.skip("no Latin-only font on this machine to stand for a machine without CJK fonts")
    folder = tmp_path_factory.mktemp("fontconfig")
    (folder / "fonts").mkdir()
    (folder / "fonts" / latin.name).write_bytes(latin.read_bytes())
    (folder / "fonts.conf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f'<fontconfig><dir>{folder / "fonts"}</dir><cachedir>{folder / "cache"}</cachedir></fontconfig>\n',
        encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(folder / "fonts.conf")}
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True, env=env)
        try:
            yield browser
        finally:
            browser.close()


def test_a_machine_without_cjk_fonts_draws_the_chinese_with_the_course_font(fontless_browser, server,
                                                                            tmp_path: Path) -> None:
    page = fontless_browser.new_page()
    try:
        page.goto(server + "l04_batch_momentum/")
        page.wait_for_function("document.fonts.status === 'loaded'")
        faces = page.evaluate("""() => [...document.fonts].filter(f => f.family.includes('Course CJK'))
                                       .map(f => f.status)""")
        assert "loaded" in faces, faces  # the page asked for it, and it came
        assert page.evaluate("document.fonts.check('16px \"Course CJK\"', '分批和动量')")
        stack = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")
        assert "Course CJK" in stack, stack  # the course's stack, not Material's alone
        # Without the course font the same characters are boxes of the Latin font: the
        # page's text is measured as the course font draws it, not as the boxes are.
        widths = page.evaluate("""() => {
            const c = document.createElement('canvas').getContext('2d');
            c.font = '32px "Course CJK"'; const drawn = c.measureText('批次动量').width;
            c.font = '32px sans-serif'; const boxes = c.measureText('批次动量').width;
            return [drawn, boxes]; }""")
        assert widths[0] > 100 and widths[0] != widths[1], widths
        page.screenshot(path=str(tmp_path / "fontless.png"))
    finally:
        page.close()
