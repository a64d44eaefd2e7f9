"""The import fault campaign (issue 12) as fast tests: hostile names, hostile content, stopped and crashed readers.

Files that once took minutes are read here through the reader pool, whose per-file time limit is
the bound: a regression to quadratic work shows as "took longer than ... s", not as a hung run.
(The full-size cases and random fuzz are in benchmarks/file_fuzz_bench.py.)
"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.import_samples import make_docx, make_tmx
from viewer.core.library.formats import Unusable, docx_file, extract_html
from viewer.core.library.importers import build_imported
from viewer.core.library.library import Library
from viewer.core.library.pool import ReaderPool

PROSE = "Arbeidsrettet oppfølging i NAV handler om å hjelpe folk i arbeid.\n\nPeople need help to find work.\n"
BOUND = 30.0  # seconds a hostile file may take (each takes well under a second or two now)
LATIN1_NAME = os.fsdecode(b"caf\xe9.txt")


@pytest.fixture(scope="module")
def pool():  # type: ignore[no-untyped-def]
    shared = ReaderPool(limit=lambda size: BOUND)
    yield shared
    shared.close()


@pytest.fixture()
def library(tmp_path, pool):  # type: ignore[no-untyped-def]
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", pool=pool)
    yield lib
    lib.close()


def folder_of(tmp_path: Path, files: dict[str, bytes], name: str = "docs") -> Path:
    folder = tmp_path / name
    for key, data in files.items():
        (folder / key).parent.mkdir(parents=True, exist_ok=True)
        (folder / key).write_bytes(data)
    return folder


def outcomes(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out = {Path(p).name: "imported" for p in report.imported}
    out.update({Path(p).name: r for p, r in report.skipped})
    return out


# --- names and things that are not files --------------------------------------------------------


def test_a_name_that_is_not_utf8_is_imported_shown_escaped_and_found_again(library, tmp_path):
    folder = folder_of(tmp_path, {LATIN1_NAME: PROSE.encode(), "plain.txt": PROSE.encode()})
    report = library.add([folder])
    assert sorted(Path(p).name for p in report.imported) == ["caf\\xe9.txt", "plain.txt"]
    json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")  # printable: no surrogates left
    collection = library.collections()[1]
    assert "caf\\xe9.txt" in library.registry.files(collection.id)
    document = next(d for d in library.documents() if "caf" in d.id)
    assert document.title == "caf\\xe9" and "NAV" in document.text
    again = library.refresh(collection.id)
    assert again.unchanged == 2 and not again.imported and not again.skipped
    library.cache.delete([document.id])  # rebuilt from the file its escaped key names
    assert any("caf" in d.id for d in library.documents()) and not library.problems


def test_a_folder_whose_name_is_not_utf8_becomes_a_collection(library, tmp_path):
    folder = folder_of(tmp_path, {"a.txt": PROSE.encode()}, name=os.fsdecode(b"notat\xf8r"))
    report = library.add([folder])
    assert len(report.imported) == 1
    assert library.collections()[1].name == "notat\\xf8r"


def test_the_cli_imports_a_folder_with_a_latin1_name(tmp_path):
    folder = folder_of(tmp_path, {LATIN1_NAME: b"words\n"})
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "import", "--no-index", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "1 imported" in result.stdout and "Traceback" not in result.stderr


def test_hidden_files_fifos_sockets_and_devices_are_left_out_as_information(library, tmp_path):
    folder = folder_of(
        tmp_path, {"good.txt": PROSE.encode(), ".notes.txt": PROSE.encode(), ".git/config.txt": PROSE.encode()}
    )
    os.mkfifo(folder / "pipe.txt")
    (folder / "null.txt").symlink_to("/dev/null")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket.txt"))
    sock.close()
    report = library.add([folder])
    assert [Path(p).name for p in report.imported] == ["good.txt"] and not report.skipped
    assert {Path(p).name: r for p, r in report.left_out} == {
        ".git": "hidden folder",
        ".notes.txt": "hidden file",
        "null.txt": "not a regular file (a character device)",
        "pipe.txt": "not a regular file (a FIFO)",
        "socket.txt": "not a regular file (a socket)",
    }
    assert "5 left out" in report.summary()
    assert report.to_json()["left_out"][0] == {"path": str(folder / ".git"), "reason": "hidden folder"}


# --- content that took minutes ------------------------------------------------------------------


def test_pages_and_texts_that_were_quadratic_are_read_within_the_bound(library, tmp_path):
    files = {
        "comment.html": b"<html><body><p>Visible text.</p><!-- " + b"x <y " * 40_000,  # 200 kB: minutes before
        "p-p.html": b"<html><body><p>Before.</p>" + b"<p " * 33_000,  # 100 kB: minutes before
        "dots.txt": b"a. " * 700_000,  # 2 MB: a minute before (a look back to the paragraph start per stop)
        "token.txt": b"a" * 2_000_000,
        "stack.html": b"<nav>" + b"<div>" * 60_000 + b"</span>" * 60_000 + b"</div>" * 60_000 + b"</nav>"
        b"<p>After the stack.</p>",  # each </span> searched the open <div>s: quadratic
    }
    report = library.add([folder_of(tmp_path, files)])
    assert outcomes(report) == dict.fromkeys(files, "imported")
    assert max(report.file_seconds.values()) < BOUND
    texts = {Path(str(d.path)).name: d.text for d in library.documents()}
    assert texts["comment.html"] == "Visible text."  # an unclosed comment runs to the end, as in a browser
    assert texts["p-p.html"].startswith("Before.")
    assert texts["stack.html"] == "After the stack."


def test_tmx_segments_take_their_declared_languages_without_identification(monkeypatch):
    from viewer.core.language.identify import LanguageIdentifier

    def refuse(*_args: object) -> None:
        raise AssertionError("a declared segment was identified")

    for name in ("identify", "identify_many", "norwegian_variant"):
        monkeypatch.setattr(LanguageIdentifier, name, refuse)
    pairs = [(f"The office helps case {i}.", f"Kontoret hjelper sak {i}.") for i in range(2000)]
    doc = build_imported("x/m", make_tmx(pairs), Path("m.tmx"), "x")
    assert {(p.group, p.lang.value, p.confidence) for p in doc.passages} == {
        ("tmx.en", "en", 1.0),
        ("tmx.nb", "nb", 1.0),
    }
    assert doc.meta.languages == ("en", "nb") and len(doc.meta.extra["aligned_pairs"]) == 2000
    german = build_imported("x/g", make_tmx(pairs[:3], ("en", "de-DE")), Path("g.tmx"), "x")
    assert {p.lang.value for p in german.passages if p.group == "tmx.de"} == {"und"}


def _docx_with_document_xml(size: int) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(make_docx("Bomb", ["One paragraph."])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                cut = data.rindex(b"</w:body>")
                data = data[:cut] + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (size // 34) + data[cut:]
            target.writestr(info.filename, data)
    return out.getvalue()


def test_a_docx_that_inflates_too_far_is_refused_before_it_is_parsed(monkeypatch):
    monkeypatch.setattr(docx_file, "MAX_PART_BYTES", 2**20)
    bomb = _docx_with_document_xml(3 * 2**20)
    assert len(bomb) < 100_000
    with pytest.raises(Unusable, match=r"word/document.xml inflates to 3 MB \(the limit is 1 MB\)"):
        build_imported("x/b", bomb, Path("b.docx"), "x")
    monkeypatch.setattr(docx_file, "MAX_PARTS", 3)
    with pytest.raises(Unusable, match=r"the DOCX file holds \d+ parts \(the limit is 3\)"):
        build_imported("x/b", make_docx("Small", ["One."]), Path("s.docx"), "x")


def test_deeply_nested_tmx_tags_are_a_reason_not_a_recursion_error():
    inner = "<hi>" * 2000 + "deep" + "</hi>" * 2000
    data = make_tmx([("x", "y")]).replace(b"<seg>x</seg>", f"<seg>{inner}</seg>".encode())
    with pytest.raises(Unusable, match="the TMX nests inline tags 2,000 deep"):
        build_imported("x/d", data, Path("d.tmx"), "x")


def test_a_declared_charset_is_checked_against_the_bytes():
    body = "<p>Tiltak for unge: støtte og oppfølging.</p></body></html>"
    undefined = extract_html(f'<html><head><meta charset="undefined"></head><body>{body}'.encode(), "u.html")
    assert undefined.text == "Tiltak for unge: støtte og oppfølging."
    assert undefined.warnings == ["u.html: the page declares an unknown character set 'undefined'; read as UTF-8"]
    lie = extract_html(f'<html><head><meta charset="utf-16"></head><body>{body}'.encode(), "l.html")
    assert lie.text == "Tiltak for unge: støtte og oppfølging."  # not CJK garbage
    assert "declares the character set 'utf-16', but it has no byte-order mark" in lie.warnings[0]
    real = extract_html(f'<html><head><meta charset="utf-16"></head><body>{body}'.encode("utf-16"), "r.html")
    assert real.text == "Tiltak for unge: støtte og oppfølging." and not real.warnings
    wrong = extract_html(f'<html><head><meta charset="utf-8"></head><body>{body}'.encode("cp1252"), "w.html")
    assert "støtte" in wrong.text and len(wrong.warnings) == 1 and "Windows-1252" in wrong.warnings[0]


# --- readers that are stopped, crash or run out of memory ---------------------------------------


def test_a_file_over_its_time_limit_is_skipped_and_the_next_one_is_read(tmp_path):
    pool = ReaderPool(limit=lambda size: 0.5 if size > 1_000_000 else BOUND)
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", pool=pool)
    try:
        report = lib.add(
            [
                folder_of(
                    tmp_path, {"a-slow.txt": b"Word more. " * 800_000, "b.txt": PROSE.encode(), "c.txt": PROSE.encode()}
                )
            ]
        )
    finally:
        lib.close()
        pool.close()
    assert outcomes(report) == {
        "a-slow.txt": "took longer than 0 s to read; skipped",
        "b.txt": "imported",
        "c.txt": "imported",
    }


def test_a_crashed_reader_costs_its_file_only(library, pool, tmp_path):
    library.add([folder_of(tmp_path, {"w1.txt": PROSE.encode(), "w2.txt": PROSE.encode()}, name="warm")])

    def crash_the_busy_reader(done: int, total: int, message: str) -> None:
        if message == "importing b.txt":
            busy = [w for w in pool._workers if w.task is not None]
            os.kill(busy[0].process.pid, signal.SIGSEGV)

    folder = folder_of(tmp_path, {"a-long.txt": b"Word more. " * 800_000, "b.txt": PROSE.encode()})
    report = library.add([folder], progress=crash_the_busy_reader)
    assert outcomes(report) == {"a-long.txt": "the reader crashed on it (SIGSEGV); skipped", "b.txt": "imported"}
    assert len(library.add([folder_of(tmp_path, {"c.txt": PROSE.encode()}, name="after")]).imported) == 1


def test_a_file_over_its_memory_limit_is_skipped_with_the_reason(tmp_path):
    pool = ReaderPool(memory=lambda size: 64 * 2**20)
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", pool=pool)
    try:
        report = lib.add([folder_of(tmp_path, {"a-big.txt": b"Ja. " * 2_000_000, "b.txt": PROSE.encode()})])
    finally:
        lib.close()
        pool.close()
    reasons = outcomes(report)
    assert reasons["b.txt"] == "imported"
    assert reasons["a-big.txt"] in (
        "needed more than 64 MB of memory to read; skipped",
        "the reader crashed on it (SIGSEGV); skipped",
        "the reader crashed on it (SIGABRT); skipped",
    )


def test_cancel_stops_handing_out_files_and_keeps_what_was_imported(library, tmp_path):
    folder = folder_of(tmp_path, {f"{n}.txt": PROSE.encode() for n in "abcdef"})
    calls: list[str] = []
    report = library.add(
        [folder], progress=lambda done, total, message: calls.append(message), cancel=lambda: len(calls) >= 2
    )
    assert report.cancelled and 1 <= len(report.imported) <= 2
    collection = library.collections()[1]
    assert len(library.registry.files(collection.id)) == len(report.imported)
    rest = library.refresh(collection.id)
    assert len(report.imported) + len(rest.imported) == 6


def test_results_do_not_depend_on_the_number_of_readers(tmp_path):
    files = {f"{n:02d}.{ext}": (PROSE * (n + 1)).encode() for n in range(12) for ext in ("txt", "md")}
    results = []
    for workers in (1, 2):
        pool = ReaderPool(workers)
        lib = Library(tmp_path / f"reg{workers}.sqlite3", tmp_path / f"cache{workers}.sqlite3", pool=pool)
        try:
            report = lib.add([folder_of(tmp_path, files)])
            results.append((report.imported, report.changed_doc_ids, [(d.id, d.text) for d in lib.documents()]))
        finally:
            lib.close()
            pool.close()
    assert results[0] == results[1]
    assert results[0][0] == sorted(results[0][0])


def test_without_reader_processes_files_are_read_here(tmp_path):
    class NoProcesses:
        def Pipe(self):  # type: ignore[no-untyped-def]
            import multiprocessing

            return multiprocessing.Pipe()

        def Process(self, **_kwargs):  # type: ignore[no-untyped-def]
            raise OSError("not allowed here")

    pool = ReaderPool()
    pool._context = NoProcesses()
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", pool=pool)
    try:
        report = lib.add([folder_of(tmp_path, {"a.txt": PROSE.encode(), "b.txt": PROSE.encode()})])
    finally:
        lib.close()
    assert len(report.imported) == 2 and pool.inline


def test_a_cleared_cache_is_rebuilt_on_the_readers_in_the_same_order(library, tmp_path):
    folder = folder_of(tmp_path, {f"{n}.txt": f"{PROSE}\n\nNote {n}.\n".encode() for n in "abcde"})
    library.add([folder])
    before = [(d.id, d.text) for d in library.documents()]
    library.cache.delete([doc_id for doc_id, _text in before])
    assert [(d.id, d.text) for d in library.documents()] == before and not library.problems
    (folder / "c.txt").write_text("changed since", encoding="utf-8")  # changed: left for the next refresh
    library.cache.delete([doc_id for doc_id, _text in before])
    assert [d.id for d in library.documents()] == [i for i, _t in before if not i.endswith("/c")]
