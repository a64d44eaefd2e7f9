"""Bad input never stops an import: every bad file is skipped with its reason and the rest is imported."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.import_samples import make_pdf
from viewer.core.library.importers import Unusable, read_stable
from viewer.core.library.library import Library

GOOD = "Arbeidsrettet oppfølging i NAV handler om å hjelpe folk i arbeid.\n\nPeople need help to find work.\n"


@pytest.fixture()
def library(tmp_path):
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3")
    yield lib
    lib.close()


def reasons(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {Path(p).name: r for p, r in report.skipped}


def test_a_folder_of_bad_files_is_imported_around_them(library, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "empty.md").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n  ", encoding="utf-8")
    (folder / "legacy.txt").write_bytes("Tiltak for unge: støtte og oppfølging på arbeidsplassen.".encode("cp1252"))
    (folder / "scan.pdf").write_bytes(make_pdf([None]))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not text")
    with open(folder / "huge.txt", "wb") as handle:  # 100 MB, sparse: skipped before anything is read
        handle.truncate(100 * 1024 * 1024)
    os.mkfifo(folder / "pipe.txt")  # opening it would block forever: it must not be opened at all
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    report = library.add([folder])
    assert sorted(Path(p).name for p in report.imported) == ["good.txt", "legacy.txt"]
    assert reasons(report) == {
        "binary.txt": "looks like a binary file, not text",
        "empty.md": "file is empty",
        "blank.txt": "file is empty",
        "scan.pdf": "no text layer (scanned PDF?)",
        "photo.jpg": "unsupported file type (.jpg)",
        "huge.txt": "file is too large (100 MB; the limit is 32 MB)",
        "dangling.txt": "broken symbolic link",
    }
    assert any("legacy.txt" in w and "Windows-1252" in w for w in report.warnings)
    legacy = next(d for d in library.documents() if d.id.endswith("/legacy"))
    assert "støtte" in legacy.text
    assert report.bytes_read < 1_000_000  # the 100 MB file was never read


def test_symlink_loops_are_not_followed(library, tmp_path):
    folder = tmp_path / "loop"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)
    (folder / "self").symlink_to(folder / "sub", target_is_directory=True)
    report = library.add([folder])
    assert [Path(p).name for p in report.imported] == ["a.txt"]
    assert all("symbolic link loop" in r for _p, r in report.skipped) and len(report.skipped) == 2


def test_a_file_deleted_between_scan_and_read_is_skipped(library, tmp_path):
    folder = tmp_path / "vanishing"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(GOOD, encoding="utf-8")

    def delete_b(done: int, total: int, message: str) -> None:
        if message == "importing b.txt":
            (folder / "b.txt").unlink()

    report = library.add([folder], progress=delete_b)
    assert sorted(Path(p).name for p in report.imported) == ["a.txt", "c.txt"]
    assert reasons(report) == {"b.txt": "deleted while being read"}


def test_a_file_that_keeps_changing_while_read_is_skipped_and_one_that_settles_is_read(tmp_path):
    path = tmp_path / "growing.txt"
    path.write_text(GOOD, encoding="utf-8")

    def append() -> None:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("more\n")

    with pytest.raises(Unusable, match="changed while being read"):
        read_stable(path, on_read=append)
    calls = []

    def append_once() -> None:
        if not calls:
            calls.append(1)
            append()

    data, _info = read_stable(path, on_read=append_once)
    assert data.endswith(b"more\nmore\nmore\n")


def _import_as_nobody(folder: Path, state: Path) -> dict[str, object]:
    """Run an import in a forked child without root's right to read anything (root ignores modes).

    Where Python itself lives under a folder only root may read (/root/.pyenv), the child cannot
    start reader processes and reads the files itself: load what that needs before giving up root.
    """
    from viewer.core.library.importers import build_imported

    build_imported("warm/up", GOOD.encode(), Path("warm-up.txt"), "warm")
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.setgid(65534)
            os.setuid(65534)
            lib = Library(state / "reg.sqlite3", state / "cache.sqlite3")
            report = lib.add([folder])
            os.write(write_fd, json.dumps(report.to_json()).encode())
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(data)


def test_files_and_folders_without_read_permission_are_skipped():
    base = Path(tempfile.mkdtemp(prefix="perm-"))
    try:
        base.chmod(0o777)
        folder, state = base / "docs", base / "state"
        (folder / "locked").mkdir(parents=True)
        state.mkdir()
        state.chmod(0o777)
        (folder / "open.txt").write_text(GOOD, encoding="utf-8")
        (folder / "secret.txt").write_text(GOOD, encoding="utf-8")
        (folder / "locked" / "inside.txt").write_text(GOOD, encoding="utf-8")
        for p in (folder, folder / "open.txt"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        (folder / "secret.txt").chmod(0o000)
        (folder / "locked").chmod(0o000)
        if os.geteuid() == 0:
            report = _import_as_nobody(folder, state)
        else:
            lib = Library(state / "reg.sqlite3", state / "cache.sqlite3")
            report = lib.add([folder]).to_json()
            lib.close()
        assert [Path(p).name for p in report["imported"]] == ["open.txt"]  # type: ignore[union-attr]
        got = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}  # type: ignore[union-attr]
        assert got == {"secret.txt": "permission denied", "locked": "permission denied (folder)"}
    finally:
        for p in base.rglob("*"):
            p.chmod(0o755)
        shutil.rmtree(base)
