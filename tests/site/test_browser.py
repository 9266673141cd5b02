"""The built site in a real browser: Debian's Chromium driven by Python playwright.

Every page of both languages loads with no console error, its math is typeset by the
vendored KaTeX, every image loads, nothing is requested from a host other than the local
server, search finds the right lecture in each language (and only that language's
pages), the language switcher leads to the same place in the other language, a missing
address shows the 404 page of its language, and instant navigation keeps the math.
A screenshot of each page is saved (to $SITE_SCREENSHOTS, or a temporary folder).

Chromium comes from the system (`scripts/install_browser.sh` installs Debian's
package with apt-get when run as root); the test never downloads a browser.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # we run as root in CI containers
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

LECTURE_AND_NOTEBOOK_PAGES = [
    "",
    "l01_regression/",
    "l02_guidance/",
    "l03_critical_points/",
    "l04_batch_momentum/",
    "l05_adaptive_lr/",
    "l23_adversarial/",
    "notebooks/l01_hard_sigmoid_fit/",
    "notebooks/l02_cross_validation/",
    "notebooks/l03_saddle_escape/",
    "notebooks/l04_momentum/",
    "notebooks/l05_optimizer_race/",
    "notebooks/l23_targeted_attack/",
]
PAGES = LECTURE_AND_NOTEBOOK_PAGES + ["en/" + path for path in LECTURE_AND_NOTEBOOK_PAGES]
WITHOUT_MATH = {"", "en/"}  # the home pages have no formula


def chromium_or_skip() -> str:
    if not Path(CHROMIUM).exists():
        script = ROOT / "scripts" / "install_browser.sh"
        subprocess.run(["sh", str(script)], check=False, timeout=900)
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM} and scripts/install_browser.sh could not install it "
            "(it needs root and apt-get); install Debian's `chromium` to run the browser test"
        )
    return CHROMIUM


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
    )
    executable = chromium_or_skip()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = os.environ.get("SITE_SCREENSHOTS")
    if folder:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


class Watch:
    """A page whose console errors and foreign requests are recorded (foreign ones blocked)."""

    def __init__(self, browser, base_url: str) -> None:
        self.base = urlsplit(base_url)
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("requestfailed", self._request_failed)
        self.page.route("**/*", self._route)

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _route(self, route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob", "about"):
            route.continue_()
        elif url.scheme in ("http", "https") and url.netloc == self.base.netloc:
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def _request_failed(self, request) -> None:
        if urlsplit(request.url).netloc == self.base.netloc:
            self.failed.append(f"{request.url}: {request.failure}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser, server):
    watched = Watch(browser, server)
    yield watched
    watched.close()


def settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.fonts.status === 'loaded'")


@pytest.mark.parametrize("path", PAGES, ids=[p.strip("/") or "home" for p in PAGES])
def test_page_loads_cleanly(watch, server, screenshots, path):
    page = watch.page
    response = page.goto(server + path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    settle(page)

    # every image has loaded (lazy ones too: scroll them into view first)
    page.evaluate("document.querySelectorAll('img').forEach(img => { img.loading = 'eager'; })")
    page.wait_for_function("[...document.images].every(img => img.complete)")
    broken = page.evaluate(
        "[...document.images].filter(img => img.naturalWidth === 0).map(img => img.src)"
    )
    assert not broken, f"{path}: images that did not load: {broken}"

    # math typeset by KaTeX: no raw delimiters left in arithmatex spans, no KaTeX error
    katex = page.locator(".katex").count()
    if path not in WITHOUT_MATH:
        assert katex > 0, f"{path}: no .katex element: the math was not typeset"
    raw = page.evaluate(
        "[...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex'))"
        ".map(e => e.textContent.slice(0, 60))"
    )
    assert not raw, f"{path}: math left raw: {raw[:3]}"
    errors = page.locator(".katex-error").count()
    assert errors == 0, f"{path}: {errors} formulas KaTeX could not parse"

    name = (path.strip("/").replace("/", "__") or "home") + ".png"
    page.screenshot(path=str(screenshots / name), full_page=True)

    assert not watch.errors, f"{path}: console errors: {watch.errors}"
    assert not watch.foreign, f"{path}: requests to other hosts: {watch.foreign}"
    assert not watch.failed, f"{path}: failed requests: {watch.failed}"


@pytest.mark.parametrize("term, module", [
    ("鞍点", "l03_critical_points"),
    ("动量", "l04_batch_momentum"),
    ("对抗攻击", "l23_adversarial"),
])
def test_chinese_search_finds_the_lecture(watch, server, screenshots, term, module):
    page = watch.page
    page.goto(server)
    settle(page)
    search = page.locator("input.md-search__input")
    search.click()
    # Chinese text arrives through an input method, which ends with key events;
    # fill() inserts the text without any, so press a key that changes nothing.
    search.fill(term)
    search.press("End")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    page.screenshot(path=str(screenshots / f"search_{module}.png"))
    assert any(f"{module}/" in href for href in hrefs), f"searching {term!r} found {hrefs}"
    assert not watch.errors, watch.errors
    assert not watch.foreign, watch.foreign


def search(page, term: str) -> list[tuple[str, str]]:
    """Type a term into Material's search box: the results' (href, text), best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(term)
    box.press("End")  # see test_chinese_search_finds_the_lecture
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)  # the worker answers each key; let the last answer land
    return [(results.nth(i).get_attribute("href") or "", results.nth(i).inner_text())
            for i in range(results.count())]


@pytest.mark.parametrize("term, first_page, first_section", [
    ("批次", "l04_batch_momentum/", "batch"),  # the batch section
    ("交叉熵", "l23_adversarial/", None),  # Lecture 23 first, not 交叉验证 of Lecture 2
])
def test_search_ranks_the_right_section_first(watch, server, term, first_page, first_section):
    """Results come grouped by page, best page first, its best sections under it."""
    page = watch.page
    page.goto(server)
    settle(page)
    results = search(page, term)
    hrefs = [urlsplit(href) for href, _ in results]
    assert hrefs[0].path.endswith("/" + first_page), f"searching {term!r}: {[h.geturl() for h in hrefs[:4]]}"
    if first_section:
        section = next(unquote(h.fragment) for h in hrefs if h.fragment)
        assert section == first_section, f"searching {term!r}: first section #{section}"
    snippets = " ".join(text for _, text in results)
    assert not re.search(r"\\[A-Za-z]{2,}|\\[()\[\]]|\$", snippets), f"TeX in the results: {snippets[:300]}"
    assert not watch.errors, watch.errors


def test_instant_navigation_never_carries_an_anchor_to_another_page(watch, server):
    """Scroll down a page (the address follows the section), go to the next page by
    instant navigation: its address has no anchor of the page left; going back
    gives the first page's own anchor back."""
    page = watch.page
    page.goto(server + "l04_batch_momentum/")
    settle(page)
    page.evaluate("window.__same_document = true")
    page.mouse.wheel(0, 2500)
    page.wait_for_timeout(800)
    here = urlsplit(page.url)
    assert here.fragment, f"scrolling did not update the address: {page.url}"
    assert page.evaluate(f"!!document.getElementById(decodeURIComponent({here.fragment!r}))")

    page.locator("a.md-footer__link--next").first.click()
    page.wait_for_url("**/l05_adaptive_lr/**")
    page.wait_for_timeout(1000)  # longer than any tracking delay
    assert page.evaluate("window.__same_document === true"), "the page reloaded"
    assert urlsplit(page.url).fragment == "", f"an old anchor came along: {page.url}"

    page.go_back()
    page.wait_for_url("**/l04_batch_momentum/**")
    page.wait_for_timeout(1000)
    back = urlsplit(page.url).fragment
    assert not back or page.evaluate(f"!!document.getElementById(decodeURIComponent({back!r}))"), page.url


def test_following_a_link_to_a_section_keeps_its_anchor(watch, server):
    page = watch.page
    page.goto(server + "l04_batch_momentum/")
    settle(page)
    page.locator(".md-content a[href*='l01_regression/#']").first.click()
    page.wait_for_url("**/l01_regression/**")
    page.wait_for_timeout(1000)
    assert unquote(urlsplit(page.url).fragment) == "epochs-vs-updates", page.url


def test_notebook_code_wraps(watch, server):
    """No code or output line of a notebook is cut off at the cell's edge."""
    page = watch.page
    page.goto(server + "notebooks/l05_optimizer_race/")
    settle(page)
    cut = page.evaluate(
        "[...document.querySelectorAll('.jp-Notebook pre')]"
        ".filter(pre => pre.scrollWidth > pre.clientWidth + 1).map(pre => pre.textContent.slice(0, 60))"
    )
    assert not cut, f"lines cut off: {cut}"
    line = page.get_by_text('改成 "exercises"', exact=False).first
    box = line.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1280


def test_instant_navigation_keeps_math(watch, server):
    """Material swaps pages without reloading: document$ must re-run KaTeX each time.

    Home -> Lecture 3 -> its notebook (math written as raw $...$ by nbconvert) -> Lecture 5.
    """
    page = watch.page
    page.goto(server)
    settle(page)
    page.evaluate("window.__same_document = true")
    for href, anchor in [
        ("l03_critical_points/", "#hessian"),
        ("notebooks/l03_saddle_escape/", ".jp-Notebook"),
        ("l05_adaptive_lr/", "#adam_step"),
    ]:
        page.locator(f"nav.md-nav--primary a[href$='{href}']").first.click()
        page.wait_for_url(f"**/{href}")
        page.locator(anchor).first.wait_for(state="attached", timeout=15_000)
        page.wait_for_function("document.querySelectorAll('.katex').length > 0", timeout=15_000)
        assert page.evaluate("window.__same_document === true"), f"{href}: the page reloaded"
        raw = page.evaluate(
            "[...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex')).length"
        )
        assert raw == 0, f"{href}: {raw} formulas left raw after instant navigation"
    assert not watch.errors, watch.errors
    assert not watch.foreign, watch.foreign


def test_grader_link_lands_on_the_exercise(watch, server, course):
    """Open a link the grader prints (host swapped for the test server): the exercise is on screen."""
    exercise = course.BY_NAME["mse"]
    url = server + exercise.url[len(course.SITE_URL):]
    page = watch.page
    page.goto(url)
    settle(page)
    heading = page.locator(f"#{exercise.name}")
    assert heading.count() == 1
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, f"#{exercise.name} is not scrolled into view: {box}"


def test_screenshots_saved(screenshots):
    """Runs after the page tests (file order): one screenshot per page."""
    shots = {p.name for p in screenshots.glob("*.png")}
    expected = {(p.strip("/").replace("/", "__") or "home") + ".png" for p in PAGES}
    missing = expected - shots
    if missing and len(missing) == len(expected):
        pytest.skip("the page tests did not run")
    assert not missing, f"no screenshot of {sorted(missing)}"
    print(f"screenshots in {screenshots}")


def test_no_stray_browser_download():
    """The test drives the system Chromium only: playwright's browser cache stays empty."""
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache" / "ms-playwright"))
    downloaded = [p.name for p in cache.glob("chromium*")] if cache.is_dir() else []
    assert not downloaded, f"a browser was downloaded into {cache}: {downloaded}"


@pytest.mark.parametrize("term, module", [
    ("saddle point", "l03_critical_points"),
    ("momentum", "l04_batch_momentum"),
    ("adversarial", "l23_adversarial"),
])
def test_english_search_finds_english_pages(watch, server, term, module):
    """On an English page the search box searches the English pages, and only them."""
    page = watch.page
    page.goto(server + "en/")
    settle(page)
    results = search(page, term)
    paths = [urlsplit(href).path for href, _ in results]
    assert any(path.endswith(f"/en/{module}/") for path in paths), f"searching {term!r} found {paths}"
    assert all(path.startswith("/en/") for path in paths), f"Chinese pages among the results: {paths}"
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Search"
    assert not watch.errors, watch.errors


def test_chinese_search_finds_only_chinese_pages(watch, server):
    page = watch.page
    page.goto(server + "l01_regression/")
    settle(page)
    paths = [urlsplit(href).path for href, _ in search(page, "鞍点")]
    assert any(path.endswith("/l03_critical_points/") for path in paths), paths
    assert not any(path.startswith("/en/") for path in paths), paths


def switch_language(page, name: str) -> None:
    """Open the header's language menu and pick a language."""
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link", has_text=name).first.click()


def test_the_switcher_leads_to_the_same_section_in_the_other_language(watch, server):
    """From an English page reached by instant navigation, at a section: the switcher
    goes to the Chinese page of that section (not to the first page loaded), a whole
    page load, and back."""
    page = watch.page
    page.goto(server + "en/l04_batch_momentum/")
    settle(page)
    page.evaluate("window.__same_document = true")
    page.locator("a.md-footer__link--next").first.click()
    page.wait_for_url("**/en/l05_adaptive_lr/**")
    assert page.evaluate("window.__same_document === true"), "instant navigation reloaded the page"
    page.goto(server + "en/l05_adaptive_lr/#adam_step")
    settle(page)
    switch_language(page, "中文")
    page.wait_for_url("**/l05_adaptive_lr/#adam_step")
    assert urlsplit(page.url).path == "/l05_adaptive_lr/", page.url
    assert page.evaluate("document.documentElement.lang") == "zh"
    settle(page)
    assert page.locator("input.md-search__input").get_attribute("placeholder") != "Search"
    switch_language(page, "English")
    page.wait_for_url("**/en/l05_adaptive_lr/#adam_step")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert not watch.errors, watch.errors


def test_after_instant_navigation_the_switcher_follows_the_page(watch, server):
    page = watch.page
    page.goto(server + "en/")
    settle(page)
    page.evaluate("window.__same_document = true")
    page.locator("nav.md-nav--primary a[href$='l03_critical_points/']").first.click()
    page.wait_for_url("**/en/l03_critical_points/")
    settle(page)
    assert page.evaluate("window.__same_document === true"), "the page reloaded"
    href = page.locator("a.md-select__link[hreflang='zh']").first.get_attribute("href")
    assert urlsplit(href).path == "/l03_critical_points/", href
    switch_language(page, "中文")
    page.wait_for_url("**/l03_critical_points/")
    assert page.evaluate("document.documentElement.lang") == "zh"


@pytest.mark.parametrize("address, lang, words", [
    ("no-such-page/", "zh", "页面不存在"),
    ("en/no-such-page/", "en", "Page not found"),
])
def test_a_missing_address_shows_the_404_page_of_its_language(watch, server, address, lang, words):
    """A static host serves the root's 404 page for every missing address (the test
    server too): under en/ it goes on to the English one."""
    page = watch.page
    response = page.goto(server + address)
    assert response is not None and response.status == 404
    page.locator("h1", has_text=words).first.wait_for(timeout=15_000)
    assert page.evaluate("document.documentElement.lang") == lang
    settle(page)
    # the browser reports the missing address itself (status 404) as a failed load
    errors = [e for e in watch.errors if "status of 404" not in e]
    assert not errors and len(watch.errors) <= 1, watch.errors
    assert not watch.foreign, watch.foreign

