"""``python -m grader release --output DIR``: the student edition of the course.

A repository a class gets (a GitHub Classroom template, a zip): the stubs, the site,
the notebooks, the grader, a student README, a Makefile and a pyproject.toml, the
Classroom workflow and a small test suite of its own. It holds no reference code in
any form: the grader compares with the references' recorded answers
(``grader.recorded``), which this command records first by grading the reference
solutions (the inputs every check draws with the course's seed) and the project's
mutants (the small inputs their failures shrink to: the bank).

The edition speaks one language, ``--lang`` (else the language chosen as usual): its
stubs, README and Makefile are written in it, and its grader speaks it unless a
student asks for the other (``--lang``, ``COURSE_LANG``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from grader.i18n import N_, _, language, translate
from grader.paths import ROOT, UsageError

SOLUTIONS = ROOT / "solutions"
MUTANTS = ROOT / "tests" / "mutants"


def mutant_files() -> list[Path]:
    """The project's mutants (``tests/mutants/<module>/<function>__<what>.py``)."""
    return sorted(MUTANTS.glob("*/*__*.py"))


# ---- recording the references -------------------------------------------------------


def record(output: Path, mutants: list[Path]) -> dict[str, int]:
    """Write the recorded references to ``output`` (gzipped JSON), grading the solutions
    and then ``mutants`` in a fresh process that records every reference call."""
    from grader.recorded import RECORDING

    environment = {**os.environ, RECORDING: "1"}
    command = [sys.executable, "-m", "grader.release", "--record", str(output), *map(str, mutants)]
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        raise UsageError(_("recording the references failed: {output}").format(
            output=(done.stderr or done.stdout).strip()[-2000:]))
    return json.loads(done.stdout.strip().splitlines()[-1])


def _record_here(output: Path, mutants: list[Path]) -> dict[str, int]:
    """In the recording process: grade, then write what the references answered."""
    from grader import course, layout, recorded
    from grader.runner import DEFAULT_SEED, grade_exercise
    from grader.verdict import Status

    recorder = recorded.recorder
    assert recorder is not None, f"run with {recorded.RECORDING} set"
    for exercise in course.EXERCISES:
        verdict = grade_exercise(exercise, SOLUTIONS, DEFAULT_SEED)
        if verdict.status is not Status.PASSED:
            raise SystemExit(_("the reference solution of {name} does not pass its own checks").format(
                name=exercise.name))
    drawn = sum(map(len, recorder.functions.values()))
    recorder.source = recorded.BANK
    with tempfile.TemporaryDirectory() as folder:
        for mutant in mutants:
            exercise = course.BY_NAME[mutant.name.split("__")[0]]
            submission = Path(folder) / mutant.stem
            submission.mkdir()
            shutil.copy(mutant, submission / f"{exercise.module}.py")
            grade_exercise(exercise, submission, DEFAULT_SEED)
    signatures = {e.name: [list(p) for p in layout.handout_parameters(e)] for e in course.EXERCISES}
    document = recorder.document(signatures, DEFAULT_SEED)
    output.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same answers give the same file.
    with gzip.GzipFile(output, "wb", mtime=0) as file:
        file.write(json.dumps(document, sort_keys=True, separators=(",", ":")).encode())
    total = sum(map(len, recorder.functions.values()))
    return {"drawn": drawn, "bank": total - drawn, "unrecorded": sum(recorder.unrecorded.values())}


# ---- the edition's files --------------------------------------------------------------

# What the edition copies from this repository as it is (the grader gets its record; the
# stubs are written afresh in the edition's language).
COPIED = ("docs", "grader")
SKIPPED = {"__pycache__", ".pytest_cache", ".hypothesis", ".ipynb_checkpoints"}
TEMPLATES = ROOT / "edition"


def _copy_tree(source: Path, target: Path) -> None:
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if SKIPPED.intersection(relative.parts) or path.suffix == ".pyc" or not path.is_file():
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


def _replace_once(text: str, old: str, new: str, where: str) -> str:
    """``text`` with ``old`` replaced, which must occur exactly once (the edition is built
    from the project's files: a change there must not leave a reference behind unseen)."""
    if text.count(old) != 1:
        raise UsageError(_("{file}: expected one {text!r} to rewrite for the student edition").format(
            file=where, text=old))
    return text.replace(old, new)


def student_mkdocs(text: str) -> str:
    """The site's configuration for the student build only: no solutions to watch, and no
    instructor switch (the edition has no solutions to show)."""
    text = _replace_once(text, "  - solutions\n", "", "mkdocs.yml")
    text = _replace_once(text, "#   COURSE_INSTRUCTOR=1 mkdocs build --strict\n#                                   the instructor "
                         "site: each exercise also shows the\n#                                   reference solution, "
                         "included from solutions/\n", "", "mkdocs.yml")
    text = _replace_once(text, "  # Instructor build: COURSE_INSTRUCTOR=1 shows the reference solutions\n"
                         "  # (docs/_hooks/course.py expands each `<!-- solution: ... -->` marker).\n"
                         "  instructor: !ENV [COURSE_INSTRUCTOR, false]",
                         "  # The student edition has no solutions: its site never shows any.\n  instructor: false",
                         "mkdocs.yml")
    published = os.environ.get("COURSE_SITE_URL", "").strip()
    if published:
        text = _replace_once(text, '!ENV [COURSE_SITE_URL, "http://127.0.0.1:8000/"]',
                             f'!ENV [COURSE_SITE_URL, "{published}"]', "mkdocs.yml")
    return text


# The notebooks' set-up cell loads the course's code from a folder: exercises/ in the edition.
NOTEBOOK_FOLDER = ('if (p / "solutions").is_dir())', 'if (p / "exercises").is_dir())')
NOTEBOOK_SOURCE = re.compile(r'^SOURCE = "solutions".*$', re.MULTILINE)
NOTEBOOK_SOURCE_COMMENT = N_("your own code: pass python -m grader check first, then run this notebook")


def notebook_language(name: str) -> str:
    """``x.en.ipynb`` is the English notebook of ``x.ipynb`` (the site's suffix structure)."""
    return "en" if name.endswith(".en.ipynb") else "zh"


def student_notebook(text: str, name: str) -> str:
    notebook = json.loads(text)
    comment = translate(NOTEBOOK_SOURCE_COMMENT, notebook_language(name))
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]).replace(*NOTEBOOK_FOLDER)
        source = NOTEBOOK_SOURCE.sub(lambda _: f'SOURCE = "exercises"  # {comment}', source)
        cell["source"] = source.splitlines(keepends=True)
    rewritten = json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"
    if "solutions" in "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"):
        raise UsageError(_("docs/notebooks/{name}: a code cell still refers to solutions/").format(name=name))
    return rewritten


def localized(relative: Path) -> tuple[Path, str | None]:
    """A template's path in the edition and the language it is written in: ``README.en.md``
    and ``Makefile.en`` are the English of ``README.md`` and ``Makefile``, which are
    Chinese; a file with no English version (None) speaks to no one in particular."""
    name = relative.name
    if name.endswith(".en") or ".en." in name:
        return relative.with_name(name.removesuffix(".en").replace(".en.", ".", 1)), "en"
    return relative, None


def _write_templates(output: Path, lang: str) -> None:
    """The edition's own README, Makefile, tests...: ``edition/`` holds them with the
    paths they take in the edition (``dot-`` for a leading dot), the files a student
    reads in Chinese, and in English beside them (``README.en.md``)."""
    templates = {}
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file() or SKIPPED.intersection(path.parts):
            continue
        relative = Path(*[part.replace("dot-", ".", 1) if part.startswith("dot-") else part
                          for part in path.relative_to(TEMPLATES).parts])
        target, written_in = localized(relative)
        templates.setdefault(target, {})[written_in] = path
    for target, versions in templates.items():
        english = versions.get("en")
        source = english if lang == "en" and english else versions[None]
        destination = output / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


def write_stubs(folder: Path, lang: str) -> None:
    """The stubs of every lecture, speaking ``lang`` only."""
    from grader.course import LECTURES
    from grader.edition.stubs import stub_source

    folder.mkdir(parents=True, exist_ok=True)
    for module in LECTURES:
        solution = (SOLUTIONS / f"{module}.py").read_text(encoding="utf-8")
        (folder / f"{module}.py").write_text(stub_source(solution, module, (lang,)), encoding="utf-8")


# The edition's grader speaks the edition's language when the student asks for none.
I18N_DEFAULT = 'DEFAULT = "zh"  # the course speaks Chinese first'


def speak_by_default(output: Path, lang: str) -> None:
    i18n_py = output / "grader" / "i18n.py"
    i18n_py.write_text(_replace_once(i18n_py.read_text(encoding="utf-8"), I18N_DEFAULT,
                                     f'DEFAULT = "{lang}"  # the language this edition was released in',
                                     "grader/i18n.py"), encoding="utf-8")


def assemble(output: Path, lang: str) -> None:
    """Every file of the edition but the recorded references, speaking ``lang``."""
    from grader import platforms

    for folder in COPIED:
        _copy_tree(ROOT / folder, output / folder)
    write_stubs(output / "exercises", lang)
    # The stubs as released: the site shows them, whatever a student's exercises/ holds.
    _copy_tree(output / "exercises", output / "docs" / "_hooks" / "stubs")
    speak_by_default(output, lang)
    _write_templates(output, lang)
    (output / "mkdocs.yml").write_text(student_mkdocs((ROOT / "mkdocs.yml").read_text(encoding="utf-8")),
                                       encoding="utf-8")
    for notebook in sorted((output / "docs" / "notebooks").glob("*.ipynb")):
        notebook.write_text(student_notebook(notebook.read_text(encoding="utf-8"), notebook.name),
                            encoding="utf-8")
    published = os.environ.get("COURSE_SITE_URL", "").strip()
    if published:  # the links of the edition's grader and its site's own address
        course_py = output / "grader" / "course.py"
        course_py.write_text(_replace_once(course_py.read_text(encoding="utf-8"), 'PUBLISHED_SITE_URL = ""',
                                           f"PUBLISHED_SITE_URL = {published!r}", "grader/course.py"),
                             encoding="utf-8")
    shutil.copy2(ROOT / "pyproject.toml", output / "pyproject.toml")
    (output / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "install_torch.sh", output / "scripts" / "install_torch.sh")
    workflow = output / ".github" / "workflows" / "classroom.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(platforms.classroom_workflow(), encoding="utf-8")


def build(output: Path, mutants: list[Path], lang: str | None = None) -> dict[str, int]:
    """Write the student edition into ``output`` (which must not exist or be empty), in
    ``lang`` (default: the language being spoken)."""
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise UsageError(_("--output must be a new or empty folder: {path}").format(path=output))
    counts = record(output / "grader" / "assets" / "references.json.gz", mutants)
    assemble(output, lang or language())
    return counts


def run_release(args: argparse.Namespace) -> int:
    from grader import recorded

    if not SOLUTIONS.is_dir():
        raise UsageError(_("this is the student edition: it has no reference solutions to release"))
    if args.output.exists() and (not args.output.is_dir() or any(args.output.iterdir())):
        raise UsageError(_("--output must be a new or empty folder: {path}").format(path=args.output))
    output: Path = args.output
    print(_("Recording the references: grading solutions/ and {count} mutants (a few minutes)...").format(
        count=len(mutant_files())), flush=True)
    counts = build(output, mutant_files(), language())
    size = (output / recorded.RECORD.relative_to(ROOT)).stat().st_size
    print(_("{path}: the student edition in {language}, with {drawn} drawn and {bank} bank answers recorded "
            "({megabytes:.1f} MB), no reference code").format(
        path=output, language=_(LANGUAGE_NAMES[language()]), drawn=counts["drawn"], bank=counts["bank"],
        megabytes=size / 1e6))
    print(_("Next: push it as a GitHub Classroom template (cd {path} && git init ...), see README.md, "
            "“Teaching with this course”.").format(path=output))
    return 0


LANGUAGE_NAMES = {"zh": N_("Chinese"), "en": N_("English")}


def _main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m grader.release")
    parser.add_argument("--record", type=Path, required=True)
    parser.add_argument("mutants", nargs="*", type=Path)
    args = parser.parse_args(argv)
    counts = _record_here(args.record, args.mutants)
    sys.stdout.flush()
    print(json.dumps(counts))
    sys.stdout.flush()
    os._exit(0)  # workers die with us; torch's teardown only costs time


if __name__ == "__main__":
    _main(sys.argv[1:])
