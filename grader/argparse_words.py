"""argparse's own words ("usage:", "options", its error messages) in the grader's language.

argparse says them through ``gettext``'s default domain, which belongs to no one
in particular; ``speak()`` points the argparse module at the grader's catalog
instead, where its sentences are translated like the grader's own. They are
marked below, so that ``make catalogs`` extracts them. Only the sentences a
student can meet with the grader's parsers are listed (argparse's errors about
how a parser is built are for the grader's authors).
"""

from __future__ import annotations

import argparse

from grader.i18n import N_, translate, translate_plural

# argparse's msgids, exactly as Python 3.11's argparse.py writes them.
WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)


def speak() -> None:
    """From now on argparse speaks the language the grader speaks (``grader.i18n``).

    argparse looks up its module's ``_`` and ``ngettext`` each time it says something,
    so a help page or an error made after this call is translated."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
