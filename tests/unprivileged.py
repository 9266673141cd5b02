"""Running a command as an ordinary user, from tests that run as root (as CI does).

The user is ``nobody``. Python may be installed where only root can enter (pyenv
under /root): in a mount namespace of the command's own, each such folder is
covered by an empty one that others may enter, with Python's folders bound back
at their own paths (the same as the worker's allow-list does for its root).
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

NOBODY = 65534
ROOT = Path(__file__).resolve().parent.parent


def available() -> str | None:
    """Why the tests cannot switch user here, or None."""
    if os.getuid() != 0:
        return None  # already an ordinary user: run commands as they are
    missing = [tool for tool in ("unshare", "setpriv", "mount") if shutil.which(tool) is None]
    return f"missing {', '.join(missing)}" if missing else None


def _closed_ancestor(path: Path) -> Path | None:
    for folder in reversed(path.parents):
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return folder
    return None


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """``subprocess.run(command)`` as user nobody (as is, when not root)."""
    if os.getuid() != 0:
        return subprocess.run(command, **kwargs)
    needed = {Path(p).resolve() for p in (sys.base_prefix, sys.prefix, ROOT)}
    stage = Path(tempfile.mkdtemp(prefix="unprivileged-"))
    lines = ["set -e"]
    closed: dict[Path, list[Path]] = {}
    for path in sorted(needed):
        ancestor = _closed_ancestor(path)
        if ancestor is not None:
            closed.setdefault(ancestor, []).append(path)
    q = lambda path: shlex.quote(str(path))  # noqa: E731
    staged: list[tuple[Path, Path]] = []
    for path in (p for paths in closed.values() for p in paths):
        staging = stage / str(len(staged))
        staging.mkdir()
        lines.append(f"mount --bind {q(path)} {q(staging)}")
        staged.append((path, staging))
    lines += [f"mount -t tmpfs -o mode=755,size=64k tmpfs {q(ancestor)}" for ancestor in closed]
    for path, staging in staged:
        lines += [f"mkdir -p {q(path)}", f"mount --bind {q(staging)} {q(path)}"]
    lines.append(f"exec setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups --inh-caps=-all "
                 + " ".join(shlex.quote(part) for part in command))
    try:
        return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", "\n".join(lines)],
                              **kwargs)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def shared_folder(prefix: str) -> Path:
    """A new folder under the system's temporary folder that nobody owns."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    if os.getuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
    return folder


def give_to_nobody(path: Path) -> None:
    """Make ``path`` (and what it holds) nobody's, as a teaching assistant's own files are theirs."""
    if os.getuid() != 0:
        return
    for folder, _, files in os.walk(path):
        os.chown(folder, NOBODY, NOBODY)
        for name in files:
            os.lchown(os.path.join(folder, name), NOBODY, NOBODY)
