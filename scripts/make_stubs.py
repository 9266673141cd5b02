"""Write ``exercises/<module>.py`` from ``solutions/<module>.py``.

Each stub keeps a function's signature, its docstring (the specification, in Chinese
and then in English, each with the calls the exercise bans) and a
``NotImplementedError`` that says what to read; ``grader/edition/stubs.py`` writes
it. The Chinese of each docstring is in the catalog (``grader/locale``): after
changing a solution's docstring, translate it there (``make catalogs``), then

    python scripts/make_stubs.py            # rewrite every stub
    python scripts/make_stubs.py --check    # exit 1 if a stub is out of date

``tests/test_stubs.py`` fails until the stubs agree with the solutions again. The
stubs link the site at ``COURSE_SITE_URL`` (``make serve``'s address when unset, as
this repository's stubs do).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course import LECTURES  # noqa: E402
from grader.edition import stubs  # noqa: E402


def stub_source(solution: str, module: str, languages: Sequence[str] = ("zh", "en")) -> str:
    """The stubs of one module (the site calls this with one language per site language)."""
    return stubs.stub_source(solution, module, languages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale stubs")
    args = parser.parse_args()
    stale = []
    for module in LECTURES:
        stub = stub_source((ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8"), module)
        path = ROOT / "exercises" / f"{module}.py"
        if path.exists() and path.read_text(encoding="utf-8") == stub:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(stub, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
