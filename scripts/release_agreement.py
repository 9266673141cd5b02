"""Does the student edition's ``check`` judge as the full grader does?

    python scripts/release_agreement.py                  # every mutant in tests/mutants/
    python scripts/release_agreement.py --sample 12      # a deterministic sample of them
    python scripts/release_agreement.py --no-bank        # the edition without the mutants' bank
    python scripts/release_agreement.py --edition DIR    # an edition already built

Builds the student edition (``python -m grader release``; with the bank recorded from
the same mutants unless ``--no-bank``), then grades every mutant twice, with the full
grader (the reference solutions) and with the edition's grader (their recorded
answers), each in a process of its own, and prints the agreement: correct versions
(``<function>__ok_<how>.py``) accepted, wrong ones rejected, and the same pass/fail.
Goal: 100 % of correct code accepted, at least 99 % of wrong code rejected.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.recorded import BANK_NOTE  # noqa: E402
from grader.release import build, mutant_files  # noqa: E402

# Run in a process whose ``grader`` is the one under test (the project's or the edition's).
GRADE = """
import json, os, shutil, sys, tempfile
from pathlib import Path
from grader import course
from grader.runner import grade_exercise
verdicts = {}
with tempfile.TemporaryDirectory() as folder:
    for mutant in map(Path, sys.argv[1:]):
        exercise = course.BY_NAME[mutant.name.split("__")[0]]
        submission = Path(folder) / mutant.stem
        submission.mkdir()
        shutil.copy(mutant, submission / f"{exercise.module}.py")
        result = grade_exercise(exercise, submission)
        lead = result.lead
        verdicts[mutant.name] = {"passed": result.passed, "status": result.status.value,
                                 "score": result.score,
                                 "lead": None if lead is None else f"{lead.title}: {lead.message}"[:200],
                                 "details": None if lead is None else lead.details,
                                 "example": None if lead is None or lead.counterexample is None
                                 else lead.counterexample.snippet()}
sys.stdout.flush()
print(json.dumps(verdicts))
sys.stdout.flush()
os._exit(0)
"""


def grade_with(grader_root: Path, mutants: list[Path]) -> dict[str, dict]:
    """Each mutant's verdict from the grader package found in ``grader_root``."""
    environment = {**os.environ, "PYTHONPATH": str(grader_root)}
    environment.pop("GRADER_RECORDING", None)
    done = subprocess.run([sys.executable, "-c", GRADE, *map(str, mutants)], cwd=grader_root,
                          env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"grading with {grader_root} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def sample(mutants: list[Path], size: int) -> list[Path]:
    """Every k-th mutant, correct ones included: the same sample run after run."""
    if size >= len(mutants):
        return mutants
    step = len(mutants) / size
    return [mutants[int(i * step)] for i in range(size)]


def agreement(full: dict[str, dict], edition: dict[str, dict]) -> dict:
    """The figures, and the mutants judged differently."""
    correct = [name for name in full if name.split("__")[1].startswith("ok_")]
    wrong = [name for name in full if name not in correct]
    return {
        "correct": len(correct),
        "correct_accepted": sum(edition[n]["passed"] for n in correct),
        "wrong": len(wrong),
        "wrong_rejected_full": sum(not full[n]["passed"] for n in wrong),
        "wrong_rejected": sum(not edition[n]["passed"] for n in wrong),
        "same": sum(full[n]["passed"] == edition[n]["passed"] for n in full),
        "same_score": sum(abs(full[n]["score"] - edition[n]["score"]) < 1e-9 for n in full),
        # Of the wrong ones: the same smallest failing input shown (the bank's work).
        "same_example": sum(full[n]["example"] == edition[n]["example"] for n in wrong),
        "from_bank": sum(BANK_NOTE in (edition[n]["details"] or "") for n in wrong),
        "differ": sorted(n for n in full if full[n]["passed"] != edition[n]["passed"]),
        "other_example": sorted(n for n in wrong if full[n]["example"] != edition[n]["example"]),
    }


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def report(figures: dict, full: dict[str, dict], edition: dict[str, dict]) -> str:
    total = figures["correct"] + figures["wrong"]
    lines = [
        f"mutants: {total} ({figures['correct']} correct, {figures['wrong']} wrong)",
        f"correct code accepted by the edition: {figures['correct_accepted']}/{figures['correct']} "
        f"({_percent(figures['correct_accepted'], figures['correct'])})",
        f"wrong code rejected by the edition:   {figures['wrong_rejected']}/{figures['wrong']} "
        f"({_percent(figures['wrong_rejected'], figures['wrong'])}); by the full grader "
        f"{figures['wrong_rejected_full']}/{figures['wrong']}",
        f"same pass/fail as the full grader:    {figures['same']}/{total} ({_percent(figures['same'], total)})",
        f"same score as the full grader:        {figures['same_score']}/{total} "
        f"({_percent(figures['same_score'], total)})",
        f"wrong code shown with the full grader's smallest input: {figures['same_example']}/"
        f"{figures['wrong']} ({figures['from_bank']} of them from the bank)",
    ]
    for name in figures["other_example"]:
        lines.append(f"  another smallest input: {name}")
    for name in figures["differ"]:
        lines.append(f"  differs: {name}: full {full[name]['status']} ({full[name]['lead']}), "
                     f"edition {edition[name]['status']} ({edition[name]['lead']})")
    return "\n".join(lines)


def measure(mutants: list[Path], edition: Path | None, bank: bool) -> tuple[dict, str]:
    with tempfile.TemporaryDirectory() as folder:
        if edition is None:
            edition = Path(folder) / "edition"
            build(edition, mutants if bank else [])
        full = grade_with(ROOT, mutants)
        judged = grade_with(edition, mutants)
    figures = agreement(full, judged)
    return figures, report(figures, full, judged)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="only N mutants (0: all)")
    parser.add_argument("--no-bank", action="store_true", help="build the edition without the mutants' bank")
    parser.add_argument("--edition", type=Path, metavar="DIR", help="an edition already built")
    args = parser.parse_args()
    mutants = mutant_files()
    if args.sample:
        mutants = sample(mutants, args.sample)
    _, text = measure(mutants, args.edition, bank=not args.no_bank)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
