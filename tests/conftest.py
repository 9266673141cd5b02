"""Shared set-up of the project's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def fork_server():
    """One fork server for the whole session, started before torch is imported."""
    from grader import forkserver

    forkserver.start_server()



def _edited_exercises() -> list[str]:
    """The lectures whose exercises/ file is not the stub make_stubs generates."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import make_stubs

    from grader import course

    return [module for module in course.LECTURES
            if (ROOT / "exercises" / f"{module}.py").read_text(encoding="utf-8")
            != make_stubs.stub_source((ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8"), module)]


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """One line when tests failed in a student's working copy: exercises/ holds their own
    work, and the tests of untouched stubs fail for that reason alone."""
    if exitstatus == 0:
        return
    edited = _edited_exercises()
    if edited:
        terminalreporter.write_line(
            f"exercises/ holds your own work ({', '.join(edited)}), not the generated stubs: the "
            "project's tests of untouched stubs fail for that reason (check your work with "
            "python -m grader check; run this suite on a fresh clone)", yellow=True)


@pytest.fixture
def speak(monkeypatch: pytest.MonkeyPatch):
    """``speak("en")``: the grader speaks that language in this test, and so do the
    commands and workers the test starts (COURSE_LANG); as before, after it."""
    from grader import i18n

    before = i18n.language()
    monkeypatch.setenv("COURSE_LANG", before)  # restored to what it was once the test ends
    yield i18n.set_language
    i18n.set_language(before)


@pytest.fixture
def english(speak) -> None:
    """English in this test and the commands it starts: for tests that read English words
    (the grader speaks Chinese by default, as on a machine with no locale)."""
    speak("en")


@pytest.fixture
def chinese(speak) -> None:
    """Chinese in this test and the commands it starts, whatever the machine's locale."""
    speak("zh")
