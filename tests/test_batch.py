"""grade-batch, shards and merge on a small class."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import course

ROOT = Path(__file__).resolve().parent.parent


def grader(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=900, env={**os.environ, "COURSE_LANG": lang})


@pytest.fixture(scope="module")
def classroom(tmp_path_factory) -> Path:
    """alice: the solutions; bob: the stubs; carol: os._exit in mse; dave: mse sums;
    batch: the solutions, under a name the grader's own state must not collide with."""
    root = tmp_path_factory.mktemp("class")
    shutil.copytree(ROOT / "solutions", root / "alice")
    shutil.copytree(ROOT / "exercises", root / "bob")
    (root / "carol").mkdir()
    shutil.copy(ROOT / "tests" / "hostile" / "os_exit_at_call.py", root / "carol" / "l01_regression.py")
    shutil.copytree(ROOT / "solutions", root / "dave")
    shutil.copy(ROOT / "tests" / "mutants" / "l01_regression" / "mse__sum_not_mean.py",
                root / "dave" / "l01_regression.py")
    shutil.copytree(ROOT / "solutions", root / "batch")
    (root / "not-a-student.txt").write_text("ignored")
    return root


@pytest.fixture(scope="module")
def graded(classroom: Path, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("out")
    finished = grader("grade-batch", "--submissions", str(classroom), "--output", str(output), "--jobs", "2")
    assert finished.returncode == 0, finished.stderr
    return output


def _gradebook(output: Path) -> list[dict[str, str]]:
    with open(output / "gradebook.csv", newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_every_student_gets_results_and_a_gradebook_row(graded: Path) -> None:
    rows = {row["student"]: row for row in _gradebook(graded)}
    assert list(rows) == ["alice", "batch", "bob", "carol", "dave"]
    assert float(rows["alice"]["total"]) == float(rows["batch"]["total"]) == course.MAX_SCORE
    assert float(rows["bob"]["total"]) == 0
    assert float(rows["carol"]["mse"]) == 0 and float(rows["carol"]["mae"]) == course.BY_NAME["mae"].points
    assert float(rows["dave"]["mse"]) < course.BY_NAME["mse"].points
    assert float(rows["dave"]["kfold"]) == course.BY_NAME["kfold"].points
    header = list(_gradebook(graded)[0])
    assert header == ["student", "total"] + [e.name for e in course.EXERCISES]
    for student in rows:
        document = json.loads((graded / f"{student}.json").read_text())
        assert document["score"] == pytest.approx(float(rows[student]["total"]))


def test_batch_results_equal_a_single_grade(graded: Path, classroom: Path, tmp_path: Path) -> None:
    single = tmp_path / "dave.json"
    assert grader("grade", "--submission", str(classroom / "dave"), "--output", str(single)).returncode == 0
    a = json.loads(single.read_text())
    b = json.loads((graded / "dave.json").read_text())
    a.pop("execution_time"), b.pop("execution_time")
    assert a == b


def test_an_interrupted_run_resumes(graded: Path, classroom: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in graded.glob("*.json")}
    finished = grader("grade-batch", "--submissions", str(classroom), "--output", str(graded))
    assert finished.returncode == 0
    assert "0 to grade" in finished.stderr
    assert {p.name: p.stat().st_mtime_ns for p in graded.glob("*.json") if p.name in before} == before


def test_said_in_chinese(graded: Path, classroom: Path, tmp_path: Path) -> None:
    """What grade-batch and merge say, the class report they write, and the one-line
    errors: in Chinese when Chinese is chosen."""
    finished = grader("grade-batch", "--submissions", str(classroom), "--output", str(graded), "--jobs", "2",
                      lang="zh")
    assert finished.returncode == 0, finished.stderr
    lines = finished.stderr.splitlines()
    assert lines[0] == "本分片共 5 名学生，已批改 5 名，待批改 0 名，使用 2 个进程"
    assert lines[1].startswith("5 名学生，平均 ") and "，中位数 " in lines[1]
    assert lines[2].split() == ["mae", "60.0%", "满分"]  # alice, batch, carol
    assert f"成绩册：{graded / 'gradebook.csv'}" in lines
    assert any(line.startswith(f"报告：{graded / 'report.html'}（用浏览器打开：") for line in lines)
    assert '<html lang="zh">' in (graded / "report.html").read_text(encoding="utf-8")
    refused = grader("merge", str(tmp_path / "no-such"), "--output", str(tmp_path / "merged"), lang="zh")
    assert refused.returncode == 2 and refused.stderr.strip().splitlines()[-1].endswith(
        f"没有这个文件夹：{tmp_path / 'no-such'}")


def test_shards_merge_into_the_same_gradebook(graded: Path, classroom: Path, tmp_path: Path) -> None:
    shards = [tmp_path / "shard1", tmp_path / "shard2"]
    for k, folder in enumerate(shards, start=1):
        finished = grader("grade-batch", "--submissions", str(classroom), "--output", str(folder),
                          "--shard", f"{k}/2", "--jobs", "1")
        assert finished.returncode == 0, finished.stderr
    assert {p.stem for p in shards[0].glob("*.json")} == {"alice", "bob", "dave", ".grade-batch"}
    merged = tmp_path / "merged"
    assert grader("merge", *map(str, shards), "--output", str(merged)).returncode == 0
    assert (merged / "gradebook.csv").read_text() == (graded / "gradebook.csv").read_text()


def test_merge_refuses_other_seeds_before_copying_anything(graded: Path, classroom: Path, tmp_path: Path) -> None:
    other = tmp_path / "seed7"
    finished = grader("grade-batch", "--submissions", str(classroom), "--output", str(other),
                      "--shard", "2/2", "--jobs", "1", "--seed", "7")
    assert finished.returncode == 0, finished.stderr
    merged = tmp_path / "merged"
    refused = grader("merge", str(graded), str(other), "--output", str(merged))
    assert refused.returncode == 2 and "different seeds" in refused.stderr and "--seed 7" in refused.stderr
    assert not merged.exists() or not list(merged.iterdir())


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["grade-batch", "--submissions", "no/such", "--output", "x"], "no such directory"),
        (["grade-batch", "--submissions", "solutions", "--output", "x", "--shard", "3/2"], "--shard"),
        (["merge", "no/such", "--output", "x"], "no such directory"),
    ],
)
def test_usage_errors(args: list[str], says: str) -> None:
    finished = grader(*args)
    assert finished.returncode == 2 and says in finished.stderr
