"""The memory of a process tree while it runs, two ways, with where it goes at the peak.

- RSS summed over the processes: what `ps` adds up. It counts a page once per process that maps
  it, so the copy-on-write pages a forked worker shares with its parent (and the shared libraries
  of every Python process) are counted again for each;
- PSS (proportional set size, /proc/PID/smaps_rollup): each shared page split between the
  processes that map it, so the sum is the memory the tree really holds.

A sample gives both per role: "main" (the command), "reader" (the import's reader processes:
forked from the fork server, or spawned multiprocessing children), "reader server" (the fork
server they come from, which holds the models they share), "forked" (a child running the same
command line: the index's segment writers), else the program's name.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _rss_pss(pid: int) -> tuple[int, int]:
    """(RSS kB, PSS kB) of one process, (0, 0) once it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


def _role(cmdline: bytes, root: bytes, parent: str) -> str:
    if b"multiprocessing.forkserver" in cmdline:
        return "reader" if parent == "reader server" else "reader server"
    if b"multiprocessing" in cmdline and b"spawn_main" in cmdline:
        return "reader"
    if b"resource_tracker" in cmdline:
        return "resource tracker"
    if cmdline == root:
        return "forked"
    return Path(cmdline.split(b"\0")[0].decode(errors="replace")).name or "?"


@dataclass
class Sample:
    at: float  # seconds since the command started
    rss: dict[str, int] = field(default_factory=dict)  # role -> kB
    pss: dict[str, int] = field(default_factory=dict)
    count: dict[str, int] = field(default_factory=dict)  # role -> processes


def sample(pid: int, at: float) -> Sample:
    """RSS and PSS by role of `pid` and every descendant."""
    out = Sample(at)
    root = _cmdline(pid)
    todo = [(pid, "")]
    while todo:
        p, parent = todo.pop()
        role = "main" if p == pid else _role(_cmdline(p), root, parent)
        rss, pss = _rss_pss(p)
        out.rss[role] = out.rss.get(role, 0) + rss
        out.pss[role] = out.pss.get(role, 0) + pss
        out.count[role] = out.count.get(role, 0) + 1
        todo.extend((child, role) for child in _children(p))
    return out


def _phase(s: Sample) -> str:
    return "reading" if "reader" in s.pss else "index writers" if "forked" in s.pss else "alone"


@dataclass
class Peaks:
    """The samples with the largest RSS sum and the largest PSS sum, and the largest PSS sum of each
    phase: while readers run (the import), while forked index writers run, and neither."""

    rss: Sample = field(default_factory=lambda: Sample(0.0))
    pss: Sample = field(default_factory=lambda: Sample(0.0))
    phases: dict[str, Sample] = field(default_factory=dict)

    def add(self, s: Sample) -> None:
        if sum(s.rss.values()) > sum(self.rss.rss.values()):
            self.rss = s
        if sum(s.pss.values()) > sum(self.pss.pss.values()):
            self.pss = s
        phase = _phase(s)
        if phase not in self.phases or sum(s.pss.values()) > sum(self.phases[phase].pss.values()):
            self.phases[phase] = s

    @property
    def rss_mb(self) -> float:
        return sum(self.rss.rss.values()) / 1024

    @property
    def pss_mb(self) -> float:
        return sum(self.pss.pss.values()) / 1024

    def where(self) -> str:
        """'at 3.1 s: main 120 + reader 2x 70 ...' of the PSS peak, in MB, then each phase's peak."""
        return "; ".join(
            [_parts(self.pss), *(f"{phase} {sum(s.pss.values()) / 1024:.0f}" for phase, s in self.phases.items())]
        )


def _parts(s: Sample) -> str:
    parts = []
    for role, kb in s.pss.items():
        times = f"{s.count[role]}x " if s.count[role] > 1 else ""
        parts.append(f"{role} {times}{kb / 1024:.0f}")
    return f"at {s.at:.1f} s: " + " + ".join(parts)


def watch(pid: int, running: object, poll: float = 0.02) -> Peaks:
    """Sample `pid`'s tree every `poll` seconds while `running()` is true."""
    peaks = Peaks()
    t0 = time.perf_counter()
    while running():  # type: ignore[operator]
        peaks.add(sample(pid, time.perf_counter() - t0))
        time.sleep(poll)
    return peaks
