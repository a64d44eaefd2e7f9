"""The command-line contracts, run as a user runs them: `python -m viewer ...` in a subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

LINE = re.compile(r"^(en|nb|nn|und)\t(0|1)\.\d{3}$")


def run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "viewer", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_detect_prints_one_label_line_per_input_line():
    text = (
        "The thesis examines how IPS was implemented in NAV offices.\n"
        "\n"
        "Avhandlingen undersøker hvordan IPS ble implementert i NAV-kontorene.\n"
        "Eg trur ikkje det er så lett å finne jobb når ein har vore sjuk lenge.\n"
        "https://doi.org/10.7577/njsr.2223\n"
        "12345\n"
    )
    result = run("detect", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == 6
    assert all(LINE.match(line) for line in lines), lines
    labels = [line.split("\t")[0] for line in lines]
    assert labels == ["en", "und", "nb", "nn", "und", "und"]


def test_detect_keeps_line_count_with_odd_input():
    # \r\n endings, a vertical tab and a Unicode line separator must not add lines; no final newline.
    text = "første linje\r\nsecond\x0bline\nthird\u2028still third\nlast without newline"
    result = run("detect", stdin=text.encode())
    assert result.returncode == 0
    assert len(result.stdout.decode().splitlines()) == 4


def test_detect_decodes_cp1252_with_a_warning():
    result = run("detect", stdin="Jeg søker økonomisk sosialhjelp fra NAV-kontoret.\n".encode("cp1252"))
    assert result.returncode == 0
    assert result.stdout.decode().startswith("nb\t")
    assert b"Windows-1252" in result.stderr


@pytest.mark.slow
def test_detect_handles_ten_thousand_lines_in_one_run():
    lines = [
        "Dei meiner at tenestene må bli betre.",
        "The service was improved.",
        "Tjenestene må bli bedre, mener de.",
        "",
    ] * 2500
    result = run("detect", stdin=("\n".join(lines) + "\n").encode())
    assert result.returncode == 0, result.stderr[-500:]
    out = result.stdout.decode().splitlines()
    assert len(out) == 10_000
    assert [o.split("\t")[0] for o in out[:4]] == ["nn", "en", "nb", "und"]


def test_corpus_lists_every_document():
    result = run("corpus")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    for doc_id in ("thesis", "slides", "project", "article", "news"):
        assert re.search(rf"^{doc_id}\s", out, re.MULTILINE)


def test_show_prints_passages_and_sentences_with_offsets():
    passages = run("show", "news").stdout.decode().splitlines()
    sentences = run("show", "news", "--sentences").stdout.decode().splitlines()
    assert len(sentences) > len(passages) > 40
    assert any(re.match(r"^news:\d{3}\t\d+-\d+\tnb ", line) for line in passages)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "nope"), "unknown document id"),
        (("corpus", "--folder", "/definitely/missing"), "no such file"),
    ],
)
def test_user_errors_print_one_line_and_exit_non_zero(args, message):
    result = run(*args)
    assert result.returncode == 1
    err = result.stderr.decode().strip().splitlines()
    assert len(err) == 1 and message in err[0] and "Traceback" not in err[0]


def test_binary_and_empty_files_are_user_errors(tmp_path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\xff\x00\xfe" * 100)
    empty = tmp_path / "empty.md"
    empty.write_text("")
    for path, message in ((binary, "binary"), (empty, "empty")):
        result = run("corpus", "--folder", str(path))
        assert result.returncode == 1
        assert message in result.stderr.decode() and b"Traceback" not in result.stderr


def test_gui_without_a_display_says_so_in_one_line():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "viewer", "gui"], capture_output=True, env=env, timeout=60)
    assert result.returncode == 1
    err = result.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "no display" in err[0] and "offscreen" in err[0]


@pytest.mark.parametrize(
    ("command", "line"),
    [
        ("detect", b"The thesis examines IPS.\n"),
        ("align", b'{"text": "Services improved after the reform. Tjenestene ble bedre etter reformen."}\n'),
    ],
)
def test_line_commands_answer_each_line_before_stdin_closes(command, line):
    import select

    proc = subprocess.Popen(
        [sys.executable, "-m", "viewer", command], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        proc.stdin.write(line)
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, f"{command} did not answer a line until stdin closed"
        answer = proc.stdout.readline().decode()
        assert answer.startswith("en\t") if command == "detect" else '"split": 36' in answer
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)


def test_detect_labels_a_binary_line_und_and_goes_on():
    result = run("detect", stdin=b"The thesis examines IPS.\nabc\x00\x01\x02\nDei seier at det g\xc3\xa5r bra.\n")
    assert result.returncode == 0
    assert [line.split("\t")[0] for line in result.stdout.decode().splitlines()] == ["en", "und", "nn"]
