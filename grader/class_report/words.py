"""Every word the class report says, in one place per language.

The page, the feedback files' headings and the gradebook exports take their words
from here; what a check found (its message, hint, property) is the check's own.
To add a language, add a table with the same keys (a test compares them).
"""

from __future__ import annotations

import os

EN = {
    "title": "Class report",
    "colon": ": ",
    "generated_from": "From {folder}: {students} students graded.",
    "unreadable": "Files that hold no verdicts of this grader (left out):",
    "seed": "Seed",
    "seed_mixed": "mixed ({seeds}): these students were not graded on the same inputs",
    "isolation": "Isolation in force",
    "isolation_none": "not recorded",
    "grading_time": "Grading time per submission",
    "grading_time_value": "median {median} s, mean {mean} s, slowest {slowest} s ({student})",
    "overview": "Overview",
    "mean": "Mean",
    "median": "Median",
    "of": "of",
    "histogram": "Scores",
    "histogram_x": "total points",
    "histogram_y": "students",
    "exercises": "Exercises",
    "exercise": "Exercise",
    "points": "Points",
    "mean_points": "Mean points",
    "full_marks": "Full marks",
    "failing": "Failing",
    "waiting": "Waiting on another",
    "not_written": "Not written",
    "checks": "Checks",
    "check": "Check",
    "fails": "Share of the class that fails it",
    "fails_written": "Of those who wrote the function",
    "misconceptions": "Misconceptions",
    "misconceptions_intro": ("Each exercise's failures, grouped by what the checks saw: the property broken "
                             "and the smallest input that breaks it, with the expected and received values. "
                             "Largest groups first."),
    "no_misconceptions": "No failures: every function written was right.",
    "largest_groups": "The largest groups of the class",
    "group": "Group",
    "students_count": "{count} students",
    "student_count": "1 student",
    "property": "Property broken",
    "example": "Example message",
    "smallest_input": "Smallest failing input",
    "hint": "Hint",
    "reteach": "Section to reteach",
    "students": "Students",
    "stuck": "Students who are stuck",
    "stuck_intro": "Below {share}% of their points, or with an exercise waiting on another one that is still a stub.",
    "no_stuck": "Nobody.",
    "student": "Student",
    "total": "Total",
    "waits_on": "{exercise} waits on {first}",
    "files": "Files",
    "files_intro": "Written next to the results:",
    "misconceptions_csv": "one row per student in a group, for office hours",
    "feedback_files": "each student's feedback, as check shows it, ready to send",
    "canvas_csv": "scores for Canvas's gradebook import",
    "moodle_csv": "scores for Moodle's grade import (CSV)",
    "feedback_title": "Feedback: {student}",
    "feedback_total": "Total: {score} / {max_score}",
    "assignment": "Exercises",
}

ZH = {
    "title": "班级报告",
    "colon": "：",
    "generated_from": "来自 {folder}：共批改 {students} 名学生。",
    "unreadable": "不含本评分器结论的文件（未计入）：",
    "seed": "随机种子",
    "seed_mixed": "不一致（{seeds}）：这些学生不是在相同输入上批改的",
    "isolation": "隔离措施",
    "isolation_none": "未记录",
    "grading_time": "每份作业的批改时间",
    "grading_time_value": "中位数 {median} 秒，平均 {mean} 秒，最慢 {slowest} 秒（{student}）",
    "overview": "概览",
    "mean": "平均分",
    "median": "中位数",
    "of": "/",
    "histogram": "分数分布",
    "histogram_x": "总分",
    "histogram_y": "人数",
    "exercises": "练习",
    "exercise": "练习",
    "points": "分值",
    "mean_points": "平均得分",
    "full_marks": "满分",
    "failing": "未通过",
    "waiting": "等待其他练习",
    "not_written": "未完成",
    "checks": "检查项",
    "check": "检查项",
    "fails": "未通过的学生比例",
    "fails_written": "在写了该函数的学生中",
    "misconceptions": "常见误解",
    "misconceptions_intro": "按检查所见对每个练习的错误分组：违反的性质、能体现错误的最小输入，以及期望值与实际值。人数多的组在前。",
    "no_misconceptions": "没有错误：所有写了的函数都正确。",
    "largest_groups": "全班最大的几组",
    "group": "组",
    "students_count": "{count} 名学生",
    "student_count": "1 名学生",
    "property": "违反的性质",
    "example": "示例信息",
    "smallest_input": "最小的失败输入",
    "hint": "提示",
    "reteach": "需要重讲的小节",
    "students": "学生",
    "stuck": "卡住的学生",
    "stuck_intro": "得分低于其可得分数的 {share}%，或有练习在等待另一个仍未实现的练习。",
    "no_stuck": "没有。",
    "student": "学生",
    "total": "总分",
    "waits_on": "{exercise} 等待 {first}",
    "files": "文件",
    "files_intro": "与批改结果写在同一文件夹：",
    "misconceptions_csv": "每组每名学生一行，供答疑时使用",
    "feedback_files": "每名学生的反馈（与 check 显示的相同），可直接发送",
    "canvas_csv": "Canvas 成绩册导入用的分数",
    "moodle_csv": "Moodle 成绩导入（CSV）用的分数",
    "feedback_title": "反馈：{student}",
    "feedback_total": "总分：{score} / {max_score}",
    "assignment": "Exercises",
}

LANGUAGES = {"en": EN, "zh": ZH}


def language(asked: str | None = None) -> str:
    """The language asked for (``--lang``), else ``COURSE_LANG``, else the locale's, else Chinese."""
    for candidate in (asked, os.environ.get("COURSE_LANG"), os.environ.get("LC_ALL"), os.environ.get("LANG")):
        if candidate:
            code = candidate.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
    return "zh"


def words(lang: str) -> dict[str, str]:
    return LANGUAGES[lang]
