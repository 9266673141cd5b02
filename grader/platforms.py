"""Course platforms: Gradescope's autograder zip and GitHub Classroom's workflow.

    python -m grader gradescope-bundle --output autograder.zip
    python -m grader classroom --output DIR

Gradescope (its documented layout): the zip holds ``setup.sh`` and ``run_autograder``
at its root, next to what they need; Gradescope unpacks it into ``/autograder/source``,
runs ``setup.sh`` once as root while building an Ubuntu image, then, for every
submission, runs ``run_autograder`` in ``/autograder`` with the student's upload in
``/autograder/submission``, and reads ``/autograder/results/results.json``.

GitHub Classroom: ``.github/workflows/classroom.yml`` in the student's repository, one
``education/autograding-command-grader@v1`` step per function (all or nothing on the
exit status of ``python -m grader check NAME``), then the
``education/autograding-grading-reporter@v1`` step that adds them up.

Both grade in the language the command was run in (``--lang``): students read the
feedback in the course's language, whatever the grading machine's locale.

Nothing here imports torch: ``run_autograder`` calls ``submission_folder`` before grading.
"""

from __future__ import annotations

import argparse
import re
import shlex
import textwrap
import tomllib
import zipfile
from pathlib import Path

from grader import course, i18n
from grader.i18n import N_, _
from grader.paths import ROOT, UsageError

# What the autograder needs besides its two scripts: the grader (with grader/assets),
# the reference solutions it compares against, and the project's pins.
BUNDLED = ("grader", "solutions", "pyproject.toml")
NOT_BUNDLED = {"__pycache__", ".pytest_cache", ".hypothesis"}
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so that the same sources give the same zip
LANGUAGE_NAMES = {"zh": N_("Chinese"), "en": N_("English")}

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image
# (Ubuntu 22.04 or newer; /autograder/source holds the zip's contents).
set -euo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
export DEBIAN_FRONTEND=noninteractive

# The grader needs Python 3.11 or newer (pyproject.toml); Ubuntu 22.04 has 3.10.
apt-get update
if python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    apt-get install -y python3-venv
    PYTHON=python3
else
    apt-get install -y python3.11 python3.11-venv
    PYTHON=python3.11
fi
# A virtual environment of its own (Ubuntu 24.04 refuses pip installs into its Python).
"$PYTHON" -m venv "$ROOT/venv"
pip() {{ "$ROOT/venv/bin/python" -m pip "$@"; }}
pip install --upgrade pip
{install}
"$ROOT/venv/bin/python" -c 'import torch, numpy, hypothesis, rich; print("torch", torch.__version__)'
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission, as root, in /autograder: the upload is in
# submission/, the grader and the reference solutions in source/, and the grades go to
# results/results.json. AUTOGRADER_ROOT and AUTOGRADER_PYTHON move it elsewhere (the
# course's tests run it in a temporary folder).
set -euo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}}"
# The language the feedback is written in (the bundle's --lang).
export COURSE_LANG={lang}
cd "$ROOT/source"
mkdir -p "$ROOT/results"
# The student's files: at the top of the upload, or a folder or two down
# (a zip of the exercises/ folder, a whole repository).
# -P and PYTHONPATH: nothing is imported from the current folder, only the grader.
FIND='from sys import argv; from grader.platforms import submission_folder; print(submission_folder(argv[1]))'
SUBMISSION="$(PYTHONPATH="$ROOT/source" "$PYTHON" -P -c "$FIND" "$ROOT/submission")"
PYTHONPATH="$ROOT/source" exec "$PYTHON" -P -m grader grade --submission "$SUBMISSION" --output "$ROOT/results/results.json"
"""

WORKFLOW_HEADER = N_("GitHub Classroom autograding: one step per exercise function, all or nothing on "
                     "`python -m grader check NAME`, worth its points in grader/course.py ({total} in all). "
                     "Written by `python -m grader classroom`: after changing points, run it again rather than "
                     "editing this file. Commit it to the assignment's template repository and leave the "
                     "assignment's own autograding tests empty (GitHub Classroom would overwrite it).")


def dependencies() -> tuple[str, list[str]]:
    """torch's requirement and the others', as pyproject.toml pins them."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    torch = [d for d in project["dependencies"] if re.match(r"torch\b", d)]
    others = [d for d in project["dependencies"] if d not in torch]
    if len(torch) != 1:
        raise UsageError(_("pyproject.toml must list torch exactly once among its dependencies"))
    return torch[0], others


def install_commands(pip: str) -> str:
    """The lines that install the grader's dependencies with ``pip``."""
    torch, others = dependencies()
    return (
        "# torch from PyTorch's CPU-only index: on Linux, PyPI's torch wheel is the CUDA build,\n"
        "# which pulls gigabytes of CUDA libraries that a machine without a GPU never uses.\n"
        f"{pip} install --index-url {TORCH_CPU_INDEX} {shlex.quote(torch)}\n"
        "# The rest from PyPI, as pyproject.toml pins them.\n"
        f"{pip} install {' '.join(shlex.quote(d) for d in others)}"
    )


def submission_folder(upload: str | Path) -> Path:
    """The folder that holds the student's course files (``l01_regression.py``...):
    the upload itself, or a folder one or two levels down (a zip of ``exercises/``,
    a repository), ``exercises/`` first. The upload itself when none has any: the
    grader then says which file is missing."""
    upload = Path(upload)
    files = {f"{module}.py" for module in course.LECTURES}

    def found(folder: Path) -> int:
        return sum(_regular(folder / name) for name in files)

    def skipped(folder: Path) -> bool:  # .git, __MACOSX, __pycache__
        return folder.name.startswith((".", "__"))

    def subfolders(folders: list[Path]) -> list[Path]:
        # Never a link: an upload may hold one to /autograder/source/solutions.
        return sorted(child for folder in folders for child in _children(folder)
                      if child.is_dir() and not child.is_symlink() and not skipped(child))

    level = [upload]
    for _ in range(3):
        folders = [f for f in level if found(f)]
        if folders:
            return max(folders, key=lambda f: (f.name == "exercises", found(f)))
        level = subfolders(level)
    return upload


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _children(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _bundled_files() -> list[Path]:
    files: list[Path] = []
    for name in BUNDLED:
        path = ROOT / name
        if path.is_file():
            files.append(path)
            continue
        for file in sorted(path.rglob("*")):
            parts = file.relative_to(ROOT).parts
            if file.is_file() and not NOT_BUNDLED.intersection(parts) and file.suffix != ".pyc":
                files.append(file)
    return files


def _add(archive: zipfile.ZipFile, name: str, data: bytes, mode: int) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.external_attr = (0o100000 | mode) << 16  # a regular file and its permissions
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def build_gradescope_bundle(output: Path) -> list[str]:
    """Write the autograder zip; the names it holds."""
    setup = SETUP_SH.format(install=install_commands("pip"))
    run_autograder = RUN_AUTOGRADER.format(lang=i18n.language())
    temporary = output.with_name(output.name + ".tmp")
    with zipfile.ZipFile(temporary, "w") as archive:
        _add(archive, "setup.sh", setup.encode(), 0o755)
        _add(archive, "run_autograder", run_autograder.encode(), 0o755)
        for file in _bundled_files():
            _add(archive, file.relative_to(ROOT).as_posix(), file.read_bytes(), 0o644)
        names = archive.namelist()
    temporary.replace(output)
    return names


def classroom_workflow() -> str:
    """The text of ``.github/workflows/classroom.yml``."""
    fractional = [e.name for e in course.EXERCISES if e.points != int(e.points)]
    if fractional:  # the command grader reads max-score with parseInt
        raise UsageError(_("GitHub Classroom takes whole points only; not so for {functions}").format(
            functions=", ".join(fractional)))
    install = install_commands("python -m pip").replace("\n", "\n          ")
    header = textwrap.wrap(_(WORKFLOW_HEADER).format(total=f"{course.MAX_SCORE:g}"), 86)
    lines = [
        *(f"# {line}" for line in header),
        "name: Autograding Tests",
        "'on': [push, workflow_dispatch, repository_dispatch]",
        "permissions:",
        "  checks: write",
        "  actions: read",
        "  contents: read",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        "    if: github.actor != 'github-classroom[bot]'",
        "    env:",
        f"      COURSE_LANG: {i18n.language()}  # " + _("the language of the feedback"),
        "    steps:",
        "      - name: Checkout code",
        "        uses: actions/checkout@v4",
        "      - uses: actions/setup-python@v5",
        "        with:",
        "          python-version: '3.11'",
        "          cache: pip",
        "          cache-dependency-path: pyproject.toml",
        "      - name: Install the grader's dependencies",
        "        run: |",
        f"          {install}",
    ]
    for exercise in course.EXERCISES:
        lines += [
            f"      - name: {exercise.qualname}",
            f"        id: {exercise.name}",
            "        uses: education/autograding-command-grader@v1",
            "        with:",
            f"          test-name: {exercise.qualname}",
            f"          command: python -m grader check {exercise.name}",
            "          timeout: 5",
            f"          max-score: {int(exercise.points)}",
        ]
    lines += [
        "      - name: Autograding Reporter",
        "        uses: education/autograding-grading-reporter@v1",
        "        env:",
        *(f"          {e.name.upper()}_RESULTS: \"${{{{steps.{e.name}.outputs.result}}}}\"" for e in course.EXERCISES),
        "        with:",
        f"          runners: {','.join(e.name for e in course.EXERCISES)}",
    ]
    return "\n".join(lines) + "\n"


def run_gradescope_bundle(args: argparse.Namespace) -> int:
    output: Path = args.output
    if not (ROOT / "solutions").is_dir():
        raise UsageError(_("this is the student edition: it has no reference solutions to bundle; "
                           "build the Gradescope bundle from the course's full repository"))
    if output.is_dir():
        raise UsageError(_("--output is a directory, give a file name: {path}").format(path=output))
    if not output.resolve().parent.is_dir():
        raise UsageError(_("the folder of --output does not exist: {folder}").format(folder=output.parent))
    names = build_gradescope_bundle(output)
    count = {folder: sum(n.startswith(f"{folder}/") for n in names) for folder in ("grader", "solutions")}
    print(_("{path}: setup.sh, run_autograder, pyproject.toml, grader/ ({graders} files), solutions/ "
            "({solutions} files)").format(path=output, graders=count["grader"], solutions=count["solutions"]))
    print(_("Upload it on Gradescope's Configure Autograder page (base image: Ubuntu 22.04 or newer). "
            "Its feedback is in {language}.").format(language=_(LANGUAGE_NAMES[i18n.language()])))
    return 0


def run_classroom(args: argparse.Namespace) -> int:
    repository: Path = args.output
    if not repository.is_dir():
        raise UsageError(_("no such directory: {folder} (give the root of the student repository)").format(
            folder=repository))
    workflow = repository / ".github" / "workflows" / "classroom.yml"
    text = classroom_workflow()
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(text, encoding="utf-8")
    print(_("{path}: {steps} graded steps, {points} points, feedback in {language}").format(
        path=workflow, steps=len(course.EXERCISES), points=f"{course.MAX_SCORE:g}",
        language=_(LANGUAGE_NAMES[i18n.language()])))
    return 0
