"""``python -m grader watch [NAME ...] [--submission DIR]``: re-check on every save.

The student's loop: edit, save, read what changed, press ``h`` for a hint, go on.

- Every save of a submission file re-checks that file's functions, the one in
  progress first and alone, so that its verdict comes as soon as it can; a save
  that does not parse gets one line, and the last results stay.
- The screen is redrawn in place: what the last save changed, the function in
  progress with its most telling failure (expected against received, the hint,
  the section to read), the course strip and the total, and the keys: ``h`` next
  hint for that function, ``n`` next unfinished function (from one waiting on
  another exercise: that exercise), ``a`` check all again, ``q`` quit. Ctrl-C
  quits as well (exit status 0). On a small terminal the failing input is cut
  first, with a line saying how to see it whole.
- Torch is imported once, here, and by the fork server that forks one worker per
  function; a check after a save costs the check, not an interpreter start.
- Verdicts are stored where ``check`` and ``progress`` find them
  (``grader.session``, ``grader.progress``); a function whose file is unchanged
  since then is not checked again when ``watch`` starts.

One job a module: ``events`` (saves, keys, finished checks: one queue),
``schedule`` (what is known, what to check next), ``screen`` (the state as rows
that fit the terminal), ``command`` (the loop, and ``run_watch``).
"""

from grader.watch.command import run_watch

__all__ = ["run_watch"]
