"""What the grader says of a submission's layout (grader.layout), in the language chosen.

The English sentences are tested with the grading in tests/test_progress.py; here,
the same findings in Chinese, and in English when English is chosen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader import course, layout

FILE = '''\
def mae_loss(pred, target):
    return (pred - target).abs().mean()


class Curves:
    def hard_sigmoid(x, c=1.0, b=0.0, w=1.0):
        return x
'''
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b")  # three English words in a row


def _said(folder: Path) -> dict[str, str]:
    """Each finding of the folder's layout, as the student reads it."""
    path = folder / "l01_regression.py"
    (folder / "notes.py").symlink_to(path)
    with pytest.raises(layout.SubmittedFileProblem) as refused:
        layout.read_submitted(folder / "notes.py")
    return {
        "renamed": layout.missing_function_problem(path, course.BY_NAME["mae"], []),
        "nested": layout.missing_function_problem(path, course.BY_NAME["hard_sigmoid"], []),
        "no file": layout.missing_file_problem(folder, course.BY_NAME["kfold"]),
        "signature": layout.signature_problem(course.BY_NAME["mse"], [("y_pred", 1, False), ("y_true", 1, False)]),
        "link": refused.value.sentence,
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "l01_regression.py").write_text(FILE, encoding="utf-8")
    return tmp_path


def test_in_chinese(folder: Path, speak) -> None:
    speak("zh")
    said = _said(folder)
    assert said == {
        "renamed": "l01_regression.py 中没有函数 mae，但有 mae_loss：作业要求的是 `def mae(pred, target)` — "
                   "请把 mae_loss 改名为 mae",
        "nested": "l01_regression.py 的顶层没有函数 hard_sigmoid：它定义在 `class Curves` 内部 — 请把 "
                  "`def hard_sigmoid(x, c=…, b=…, w=…)` 移到文件顶层，不要缩进",
        "no file": f"{folder} 中没有文件 l02_guidance.py：请在那里编写 kfold",
        "signature": "mse(y_pred, y_true) 与作业说明中的 mse(pred, target) 不一致：请保留模板中参数的名字、顺序和"
                     "默认值，因为评分器按它们调用 mse",
        "link": "notes.py 是符号链接：请提交文件本身，而不是指向它的链接",
    }
    for sentence in said.values():  # identifiers and code only, no English sentence
        assert not ENGLISH_SENTENCE.search(sentence.replace(str(folder), "")), sentence


def test_in_english(folder: Path, speak) -> None:
    speak("en")
    said = _said(folder)
    assert said["nested"].startswith("l01_regression.py has no function hard_sigmoid at the top level: it is "
                                     "defined inside `class Curves` — move")
    assert said["no file"] == f"no file l02_guidance.py in {folder}: write kfold there"
    assert said["link"] == "notes.py is a symbolic link: submit the file itself, not a link to it"
