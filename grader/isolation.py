"""Locking a worker down before it runs student code (Linux kernel mechanisms).

A worker is forked by the fork server (``grader.zygote``) and, before it runs a
line of the student's, takes every layer the system allows:

- **A session of its own** (``setsid``): no controlling terminal, so no
  ``TIOCSTI`` into the teaching assistant's shell and no ``/dev/tty``.
- **A pid namespace of its own** (the fork server forks it as pid 1 of a fresh
  one): it sees no other process, and killing it kills whatever it forked, even
  a ``setsid`` daemon.
- **An allow-listed file system**: in a mount namespace of its own it builds a
  new root holding only Python and its libraries (read-only), a minimal
  ``/dev`` and a small private ``/tmp`` to work in (no ``/proc``: its
  ``/proc/self/mem`` would let code rewrite the worker's guards), and
  ``chroot``s into it. The checkout (reference solutions, ``.git``, the tests'
  mutants), the other submissions and the output folder are simply not there.
- **No network** (an empty network namespace) and no IPC with other processes.
- **No privileges**: as root, a uid of its own (never one a living process has:
  it is derived from the worker's pid, and every process of that uid dies with
  the worker's pid namespace); as an ordinary user, the fork server runs in a
  user namespace and each worker drops all its capabilities, so it can neither
  undo the above nor write the user's files.
- **A minimal environment** and hard resource limits (``grader.worker``).

``lock_down`` returns a sentence saying which layers are in force; the worker
sends it before it loads student code, and the results file repeats it.
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from grader.i18n import _

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC, MS_PRIVATE, MS_RELATIME = 1024, 2048, 0x1000, 0x4000, 1 << 18, 1 << 21
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
FIRST_WORKER_UID = 200_000  # far above any real account
WORKDIR_SIZE = "64m"

# What a worker's root holds besides Python: the system's libraries, and the few
# files of /etc that loading a shared library or reading the time zone needs.
SYSTEM_PATHS = ["/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin",
                "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime"]
DEVICES = ["null", "zero", "full", "random", "urandom"]
# The whole environment a worker gets (nothing of the grader's: tokens, paths, proxies).
ENVIRONMENT = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "USER": "student",
               "LOGNAME": "student", "LANG": "C.UTF-8", "OMP_NUM_THREADS": "1"}

# The checkout this grader runs from: never visible to a worker, except the two
# folders below that Python needs (the grader's package and a virtual environment).
CHECKOUT = Path(__file__).resolve().parent.parent
GRADER_PACKAGE = Path(__file__).resolve().parent

_libc = ctypes.CDLL(None, use_errno=True)


class LockDownFailed(Exception):
    """A layer the system offered could not be put in place: run no student code."""


def _check(result: int, doing: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise LockDownFailed(f"{doing}: {os.strerror(errno)}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as file:
        file.write(text)


# ---- in the fork server ------------------------------------------------------------


def enter_user_namespace() -> bool:
    """As an ordinary user, make this process the owner of a user namespace (the same
    uid inside) and of a pid namespace for its next child. Must run before any thread
    is started (before torch is imported). Whether it worked."""
    if os.getuid() == 0:
        return False
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER | CLONE_NEWPID) != 0:
        return False
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except OSError:
        return False
    return True


class PidNamespaces:
    """Forks each worker as pid 1 of a pid namespace of its own, where the system allows."""

    def __init__(self) -> None:
        try:
            self.own = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            self.own = -1
        self.available = self.own >= 0 and self._try()

    def _try(self) -> bool:
        if _libc.unshare(CLONE_NEWPID) != 0:
            return False
        return _libc.setns(self.own, CLONE_NEWPID) == 0

    def fork(self) -> int:
        """``os.fork()``, the child in a fresh pid namespace when available."""
        if not self.available:
            return os.fork()
        _check(_libc.unshare(CLONE_NEWPID), "unshare(CLONE_NEWPID)")
        try:
            pid = os.fork()
        except OSError:
            _libc.setns(self.own, CLONE_NEWPID)
            raise
        if pid:  # the parent: its next children back in its own namespace
            _check(_libc.setns(self.own, CLONE_NEWPID), "setns(CLONE_NEWPID)")
        return pid

    def close(self) -> None:
        if self.own >= 0:
            os.close(self.own)
            self.own = -1


# ---- in the worker, before student code --------------------------------------------


@dataclass
class Lockdown:
    """What ``lock_down`` put in place."""

    directory: str  # where the worker works and writes
    session: bool = False
    pid_namespace: bool = False
    new_root: bool = False
    no_network: bool = False
    own_uid: bool = False
    no_capabilities: bool = False

    def sentence(self) -> str:
        """Which layers were in force, in the language being spoken (in a worker: the
        grader's, sent with the worker's spec)."""
        layers = []
        if self.session:
            layers.append(_("without a terminal"))
        if self.pid_namespace:
            layers.append(_("in a process namespace of its own (killed whole after grading)"))
        if self.new_root:
            layers.append(_("seeing only Python, its libraries and a private {size} scratch folder "
                            "(not the grader's checkout, the reference solutions or other submissions)")
                          .format(size=WORKDIR_SIZE))
        else:
            layers.append(_("WITHOUT a private file system (no mount namespace available): it could read "
                            "whatever the grading user can"))
        if self.no_network:
            layers.append(_("without network"))
        if self.own_uid:
            layers.append(_("as an unprivileged user of its own"))
        elif self.no_capabilities:
            layers.append(_("in a user namespace without privileges"))
        else:
            layers.append(_("WITH the grading user's own rights (no user namespace available)"))
        # Each layer is a phrase of its own, in a list: no word order to get wrong.
        return _("student code ran in separate worker processes with hard time, memory, file-size "
                 "and process limits and a minimal environment, {layers}").format(layers=_(", ").join(layers))


def _mount(source: str | None, target: str, fstype: str | None, flags: int, options: str | None = None) -> None:
    result = _libc.mount(None if source is None else source.encode(), target.encode(),
                         None if fstype is None else fstype.encode(), flags,
                         None if options is None else options.encode())
    _check(result, f"mount {target}")


def _locked_flags(path: str) -> int:
    """The flags of the mount ``path`` is on that a user namespace may not clear."""
    flags = os.statvfs(path).f_flag
    kept = 0
    for st, ms in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
                   (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME),
                   (os.ST_RELATIME, MS_RELATIME)):
        if flags & st:
            kept |= ms
    return kept


def _bind_read_only(source: str, target: str) -> None:
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            open(target, "w").close()
    _mount(source, target, None, MS_BIND | MS_REC)
    _mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | _locked_flags(source))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def allowed_paths() -> list[str]:
    """What a worker's root shows of this machine: the system's libraries, Python (its
    installation, virtual environment and import folders) and the grader's package;
    nothing of the checkout besides those."""
    python = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    python |= {os.path.realpath(p) for p in sys.path if p and os.path.isdir(p)}
    python.add(str(GRADER_PACKAGE))
    checkout, venv = str(CHECKOUT), os.path.realpath(sys.prefix)
    kept = {p for p in python if not _inside(p, checkout) or _inside(p, str(GRADER_PACKAGE))
            or (_inside(p, venv) and venv != checkout)}
    return sorted(set(SYSTEM_PATHS) | kept)


def _build_root(root: str, hidden: list[str], workdir_owner: int | None) -> None:
    """Fill the empty tmpfs ``root`` with what a worker may see (see ``allowed_paths``)."""
    allowed = [p for p in allowed_paths() if os.path.exists(p)]
    # The scratch folder first: Python or the grader may live under /tmp (an unpacked
    # autograder), and their bindings then go on top of it.
    os.makedirs(root + "/tmp")
    _mount("tmpfs", root + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, f"size={WORKDIR_SIZE},mode=700")
    bound: list[str] = []
    for path in allowed:  # sorted: a folder comes before what is inside it
        if any(_inside(path, outer) for outer in bound):
            continue
        target = root + path
        if os.path.islink(path):  # /bin -> usr/bin on merged systems
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.symlink(os.readlink(path), target)
            continue
        _bind_read_only(path, target)
        bound.append(path)
    # What a bound folder holds that a worker must not see (a checkout, a class's
    # submissions or an output folder under /usr, say): an empty folder instead, with
    # the allowed folders inside it bound again.
    for secret in sorted({str(CHECKOUT), *hidden}):
        if os.path.isdir(secret) and any(_inside(secret, outer) for outer in bound):
            _mount("tmpfs", root + secret, "tmpfs", MS_NOSUID | MS_NODEV, "size=16k,mode=755")
            for path in allowed:
                if _inside(path, secret) and path != secret:
                    _bind_read_only(path, root + path)
            _mount(None, root + secret, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.makedirs(root + "/dev", exist_ok=True)
    for device in DEVICES:
        target = f"{root}/dev/{device}"
        open(target, "w").close()
        _mount(f"/dev/{device}", target, None, MS_BIND)
    if workdir_owner is not None:
        os.chown(root + "/tmp", workdir_owner, workdir_owner)
    _mount(None, root, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _private_root(root: str, hidden: list[str], uid: int | None) -> bool | None:
    """In new mount, network, IPC and host-name namespaces, chroot into a new root
    built on ``root`` (an empty folder). Whether the network namespace was made; None
    when the system makes no mount namespace (a container without the right: the
    worker then goes on without, and the isolation sentence says so)."""
    flags = CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS
    no_network = _libc.unshare(flags | CLONE_NEWNET) == 0
    if not no_network and _libc.unshare(flags) != 0:
        return None
    # Keep our mounts to ourselves: nothing propagates back to the grader's view.
    _mount("none", "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755")
    _build_root(root, hidden, uid)
    os.chdir(root)
    _check(_libc.chroot(b"."), "chroot")
    os.chdir("/tmp")
    return no_network


def _drop_capabilities() -> None:
    """Clear every capability (those a user namespace gave): no mount, chroot or setns."""
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()
    _check(_libc.capset(header, data), "capset")


def _worker_uid(in_pid_namespace: bool) -> int:
    """A uid of this worker's own: derived from its pid as the system sees it, which no
    living process shares. In a pid namespace, every process of that uid dies with the
    worker, so the uid is free again before the pid can be reused; without one, a
    process left behind may still hold it: then the next uid of the same pid is taken."""
    with open("/proc/self/stat") as stat:  # the host's /proc, read before chroot
        pid = int(stat.read().split()[0])
    uid = FIRST_WORKER_UID + pid
    if in_pid_namespace:
        return uid
    with open("/proc/sys/kernel/pid_max") as pid_max_file:
        pid_max = int(pid_max_file.read())
    in_use = _uids_in_use()
    while uid in in_use:
        uid += pid_max  # another pid's uid is never of this form: pids differ below pid_max
    return uid


def _uids_in_use() -> set[int]:
    uids = set()
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                uids.add(os.stat(f"/proc/{name}").st_uid)
            except OSError:
                pass  # it ended meanwhile
    return uids


def lock_down(hidden: list[str], scratch: str, workdir: str, in_pid_namespace: bool) -> Lockdown:
    """Apply every layer the system allows, in this (single-threaded, forked) worker.

    ``scratch`` is an empty folder to build the new root on (the grader shares that
    mount point between workers: in its own mount namespace each sees its own);
    ``workdir`` a folder of this worker's own that the grader removes, used only
    where no mount namespace can be made. Raises LockDownFailed when a layer the
    system offers fails half-way (then no student code may run)."""
    os.setsid()
    os.environ.clear()
    os.environ.update(ENVIRONMENT)
    as_root = os.getuid() == 0
    uid = _worker_uid(in_pid_namespace) if as_root else None
    state = Lockdown(directory=workdir, session=True, pid_namespace=in_pid_namespace)
    in_user_namespace = not as_root and _has_admin_capability()  # read before /proc is replaced
    namespaced = _private_root(scratch, hidden, uid) if as_root or in_user_namespace else None
    if namespaced is not None:
        state.no_network, state.new_root, state.directory = namespaced, True, "/tmp"
    else:
        os.environ.update(HOME=workdir, TMPDIR=workdir)
    import tempfile

    tempfile.tempdir = state.directory
    if as_root:
        if not state.new_root:
            os.chown(workdir, uid, uid)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        state.own_uid = True
    else:
        _drop_capabilities()  # always allowed; what a user namespace gave is gone
        state.no_capabilities = in_user_namespace
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(NO_NEW_PRIVS)")
    # Changing uid cleared the die-with-the-fork-server flag: set it again.
    _libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    os.chdir(state.directory)
    return state


def _has_admin_capability() -> bool:
    """Whether this process may mount (CAP_SYS_ADMIN, as in the fork server's user namespace)."""
    try:
        with open("/proc/self/status") as status:
            effective = next(line for line in status if line.startswith("CapEff:"))
    except (OSError, StopIteration):
        return False
    return bool(int(effective.split()[1], 16) & (1 << 21))
