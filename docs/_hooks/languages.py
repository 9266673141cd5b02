"""MkDocs hook: one build, two sites (mkdocs-static-i18n, mkdocs.yml's ``i18n``).

The plugin builds the Chinese site at the root from ``<page>.md``, then the English one
under ``en/`` from ``<page>.en.md``, running every hook once per language. What it
leaves undone for this course is done here:

- notebooks stay pages in both languages, with their counterpart in the switcher
  (``on_files``); the home pages' switchers link relatively (``on_page_context``);
- each language has its own search index, sitemap and 404 page, beside its pages
  (``on_post_build``, ``on_post_template``), which Material finds from the ``base``
  that ``_overrides/main.html`` moves into the language's folder: searching an English
  page finds English pages, instant navigation stays within one language;
- Material fetches a sitemap beside each ``<link rel="alternate" hreflang>`` of a
  page's head to switch languages by itself, which works only when every language
  lives in a folder: those links go (``on_post_page``), the switcher's own stay, and
  ``javascripts/language-switch.js`` keeps them on the page and section being read.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

DEFAULT_LANGUAGE = "zh"  # at the site's root; every other language under /<lang>/


class _SwitcherFollowsInstantNavigation(logging.Filter):
    """mkdocs-static-i18n warns (and so fails the strict build) that its per-page links
    of the language switcher go stale under instant navigation: javascripts/
    language-switch.js rewrites them at every page, so that notice is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "navigation.instant" not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_SwitcherFollowsInstantNavigation())


def site_language(config) -> str:
    """The language being built: the plugin sets the theme's for each build."""
    return config.theme.get("language") or DEFAULT_LANGUAGE


# The search settings of a language that is not the root's: Material's own for English
# (stop words filtered), its separator plus the zero-width space that cuts the Chinese
# terms kept beside the English ones (the index segments every Han run with jieba).
SEARCH_CONFIG: dict[str, dict] = {
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter"], "separator": "[\\s\\u200b\\-]+"},
}


@event_priority(0)  # after mkdocs-static-i18n has set the switcher's links of this page
def on_page_context(context, page, config, nav):
    """The home pages' switchers link to the other home page by a relative link, as
    every other page's does (mkdocs-static-i18n leaves them the absolute / and /en/,
    which miss a site served below a folder)."""
    alternates = getattr(page.file, "alternates", None)
    # the plugin sets the attribute, which the theme reads (not the mapping's item)
    switcher = getattr(config.extra, "alternate", None)
    if alternates and switcher:
        for alternate in switcher:
            if alternate["lang"] in alternates:
                alternate["link"] = alternates[alternate["lang"]].url
    return context


# The head's links to the page in each language (see the module's docstring).
HEAD_ALTERNATE = re.compile(r'\n?[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output, page, config):
    return HEAD_ALTERNATE.sub("", output)


@event_priority(-150)  # after mkdocs-static-i18n has made its own File of every file
def on_files(files, config):
    """Notebooks stay pages in every language. mkdocs-jupyter marks each .ipynb as a
    page (its NotebookFile); mkdocs-static-i18n then replaces every file by a plain File
    of its language, takes a notebook for an asset (copied as it is) and gives it no
    other language. Wrap them again, keeping the language's destination, with the same
    notebook in each language for the language switcher (the same path in its folder)."""
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return files
    from mkdocs_jupyter.plugin import NotebookFile

    folder = language_folder(config, site_language(config))
    for file in [f for f in files if not isinstance(f, NotebookFile) and jupyter.should_include(f)]:
        notebook = NotebookFile(file, **config)
        notebook.dest_path, notebook.abs_dest_path, notebook.url = file.dest_path, file.abs_dest_path, file.url
        path = file.url.removeprefix(folder)
        notebook.alternates = {lang: SimpleNamespace(url=language_folder(config, lang) + path)
                               for lang in built_languages(config)}
        files.remove(file)
        files.append(notebook)
    return files


def split_search_index(site_dir: Path, languages: list[str]) -> None:
    """One search index per language, each beside its own pages.

    mkdocs-static-i18n merges the entries of every language into the root's index;
    the English pages load theirs from ``en/search/`` (their search ``base``, set in
    ``_overrides/main.html``), so a search on an English page finds English pages, a
    search on a Chinese page Chinese ones. Idempotent: run after each build.
    """
    root_index = site_dir / "search" / "search_index.json"
    if not root_index.is_file():
        return
    index = json.loads(root_index.read_text(encoding="utf-8"))
    prefixes = {lang: f"{lang}/" for lang in languages if lang != DEFAULT_LANGUAGE}
    for lang, prefix in prefixes.items():
        docs = [dict(doc, location=doc["location"][len(prefix):])
                for doc in index["docs"] if doc["location"].startswith(prefix)]
        if not docs:
            continue
        own = {**index, "config": {**index["config"], **SEARCH_CONFIG[lang]}, "docs": docs}
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(own, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    index["docs"] = [doc for doc in index["docs"] if not doc["location"].startswith(tuple(prefixes.values()))]
    root_index.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def language_folder(config, lang: str) -> str:
    """Where a language's pages are, from the site's root: "" for the default, "en/"."""
    i18n = config.plugins.get("i18n")
    if i18n is None or lang == DEFAULT_LANGUAGE:
        return ""
    link = next(language.link for language in i18n.config.languages if language.locale == lang)
    return link.strip("/") + "/"


# Written once per language build at the site's root; each language's own goes into its
# folder: its 404 page, and the sitemap from which Material's instant navigation (whose
# base is that folder, _overrides/main.html) learns which pages are its own.
PER_LANGUAGE_TEMPLATES = ("404.html", "sitemap.xml")


def on_template_context(context, template_name, config):
    """The 404 pages' switcher leads to each language's home page (the site's root
    path, absolute like every link of a 404 page); mkdocs-static-i18n would leave it on
    the last page built."""
    switcher = getattr(config.extra, "alternate", None)
    if template_name == "404.html" and switcher:
        root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        for alternate in switcher:
            alternate["link"] = root + language_folder(config, alternate["lang"])
    return context


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        output_content = HEAD_ALTERNATE.sub("", output_content)
    folder = language_folder(config, site_language(config))
    if not folder or template_name not in PER_LANGUAGE_TEMPLATES:
        return output_content
    target = Path(config.site_dir) / folder / template_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, encoding="utf-8")
    return ""  # mkdocs then leaves the default language's file at the root


def built_languages(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [DEFAULT_LANGUAGE]
    return [lang.locale for lang in i18n.config.languages if lang.build]


@event_priority(-200)  # after mkdocs-static-i18n has written the merged index
def on_post_build(config):
    split_search_index(Path(config.site_dir), built_languages(config))
