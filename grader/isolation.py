"""Locking a worker down before it runs student code (Linux).

Two layers, each used where the system allows it:

- **Hidden paths.** In a mount namespace of its own, the worker mounts an empty,
  read-only tmpfs over the reference solutions, the other students'
  submissions and the grader's output folder: they are simply not there.
  As root the namespace is made directly; as another user, inside a user
  namespace (where the kernel allows unprivileged ones).
- **An unprivileged user of its own.** When the grader runs as root (as on
  Gradescope and in CI) the worker switches to a uid no other process uses, so
  it cannot read root's files, signal another student's worker, or fork
  without bound (RLIMIT_NPROC counts per uid, and root ignores it).

``lock_down`` returns a sentence saying which layers are in force; the results
file repeats it, so a teaching assistant knows what the grades rest on.
"""

from __future__ import annotations

import ctypes
import os
import stat
import sys
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
MS_RDONLY, MS_NOSUID, MS_NODEV = 1, 2, 4
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 1 << 18
FIRST_WORKER_UID = 200_000  # far above any real account
WORKDIR_SIZE = "64m"

_libc = ctypes.CDLL(None, use_errno=True)


def _write(path: str, text: str) -> None:
    with open(path, "w") as file:
        file.write(text)


def _private_mounts() -> bool:
    if os.getuid() == 0:
        return _libc.unshare(CLONE_NEWNS) == 0
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
        return False
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except OSError:
        return False
    return True


def _mount_tmpfs(path: str, flags: int, options: str) -> bool:
    return _libc.mount(b"tmpfs", path.encode(), b"tmpfs", flags | MS_NOSUID | MS_NODEV, options.encode()) == 0


def _bind(source: str, target: str) -> bool:
    return _libc.mount(source.encode(), target.encode(), None, MS_BIND | MS_REC, None) == 0


def _closed_ancestor(path: Path) -> Path | None:
    """The outermost folder on the way to ``path`` that other users cannot enter."""
    for folder in reversed(path.parents):
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return folder
    return None


def _reopen_python(workdir: str) -> bool:
    """Keep Python's own folders (those on sys.path) reachable for an unprivileged worker.

    With Python installed under a private folder (pyenv under /root, say), a
    worker that has dropped root could not import a module nobody had imported
    yet. Cover that folder with an empty tmpfs and bind Python's folders back at
    their own paths: they are readable, the rest of the private folder is not.
    Bindings are recursive, so folders hidden before stay hidden.
    """
    needed = sorted({Path(p).resolve() for p in sys.path if p and Path(p).is_dir()})
    closed: dict[Path, list[Path]] = {}
    for path in needed:
        ancestor = _closed_ancestor(path)
        if ancestor is not None:
            closed.setdefault(ancestor, []).append(path)
    for i, (ancestor, paths) in enumerate(closed.items()):
        stages = []
        for j, path in enumerate(paths):
            stage = os.path.join(workdir, f".python-{i}-{j}")  # under the workdir tmpfs later
            os.mkdir(stage)
            if not _bind(str(path), stage):
                return False
            stages.append(stage)
        if not _mount_tmpfs(str(ancestor), 0, "size=4k,mode=755"):
            return False
        for path, stage in zip(paths, stages):
            os.makedirs(path, exist_ok=True)
            if not _bind(stage, str(path)):
                return False
    return True


def hide(paths: list[str], scratch: str) -> tuple[list[str], bool]:
    """In a mount namespace of our own, cover each existing path with an empty
    read-only tmpfs, and mount a small tmpfs of our own on ``scratch`` to work in
    (so a submission cannot fill the disk). The paths hidden, and whether the
    private scratch directory is in place."""
    existing = [p for p in paths if Path(p).is_dir()]
    if not _private_mounts():
        return [], False
    # Keep our mounts to ourselves: nothing propagates back to the grader's view.
    if _libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return [], False
    hidden = [path for path in existing if _mount_tmpfs(path, MS_RDONLY, "size=4k")]
    # _reopen_python stages its bindings on a first tmpfs, so that nothing is ever
    # written where the grader can see it.
    if not _mount_tmpfs(scratch, 0, "size=4k,mode=700"):
        return hidden, False
    if os.getuid() == 0 and not _reopen_python(scratch):
        return hidden, False
    return hidden, _mount_tmpfs(scratch, 0, f"size={WORKDIR_SIZE}")


def drop_privileges(own: list[str]) -> int | None:
    """As root, become a uid of this worker's own (owning the paths in ``own``)."""
    if os.getuid() != 0:
        return None
    uid = FIRST_WORKER_UID + os.getpid()
    for path in own:
        os.chown(path, uid, uid)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    return uid


def lock_down(hide_paths: list[str], workdir: str, scratch: str) -> tuple[str, str]:
    """Apply both layers. Returns a sentence saying which are in force, and the
    directory to work in: ``scratch`` with a private tmpfs mounted on it (the
    grader shares that mount point between workers: each one sees its own tmpfs),
    else ``workdir``, a folder of this worker's own that the grader removes."""
    try:
        hidden, bounded = hide(hide_paths, scratch)
    except OSError:
        hidden, bounded = [], False
    directory = scratch if bounded else workdir
    uid = drop_privileges([directory])
    parts = ["student code ran in separate worker processes with time, memory, file-size and process limits"]
    if uid is not None:
        parts.append("as an unprivileged user of its own")
    if hidden:
        parts.append("with the reference solutions and other submissions hidden (private mount namespace)")
    elif hide_paths:
        parts.append("without hidden paths (no mount namespace available)")
    if bounded:
        parts.append(f"in a private {WORKDIR_SIZE} scratch directory")
    return ", ".join(parts), directory
