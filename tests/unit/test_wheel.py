"""The package as a user installs it: a wheel built from this checkout, installed into a fresh venv
outside it, runs the CLI from another folder and finds its corpus, models and lexicon as package data.

Nothing is downloaded: the wheel is built with this venv's own setuptools (the `test` extra pins one
new enough) and the fresh venv sees this venv's third-party packages through a .pth file, added
after the wheel is installed. `pip check` then proves those packages satisfy the wheel's declared
dependencies; `viewer` itself comes only from the wheel (the editable install's finder is a .pth
in this venv's site-packages, which a .pth line does not run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DOC_IDS = ["thesis", "slides", "project", "article", "news"]


def _run(cmd: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=120, **kwargs)
    assert result.returncode == 0, f"{cmd} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (so no build/ or egg-info lands in the checkout)."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "viewer", src / "viewer", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # A venv set up before the `test` extra asked for setuptools>=77 builds in isolation (a download).
    offline = ["--no-build-isolation", "--no-index"] if int(version("setuptools").split(".")[0]) >= 77 else []
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *offline, "-w", base / "dist", src], cwd=base)
    (found,) = (base / "dist").glob("corpus_viewer-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """(the fresh venv's bin folder, an environment for it, a working folder outside the checkout)."""
    base = tmp_path_factory.mktemp("installed")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel])
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (purelib / "deps-from-test-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME") and not k.startswith("CORPUS_VIEWER_")
    }
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[name] = str(base / name.lower())
    env["PYTHONNOUSERSITE"] = "1"
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return venv / "bin", env, elsewhere


def test_the_wheel_holds_the_corpus_resources_and_licences(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"viewer/corpus/{i}.txt" for i in DOC_IDS} | {
        "viewer/corpus/manifest.toml",
        "viewer/resources/langid/nbnn_ngrams.tsv.gz",
        "viewer/resources/langid/SOURCES.md",
        "viewer/resources/lexicon/en-no.tsv",
        "viewer/resources/lexicon/README.md",
        "viewer/resources/analysis/nn_stopwords.txt",
        "viewer/resources/analysis/nbnn_variants.tsv",
        "viewer/resources/i18n/viewer_nb.qm",
    }
    assert expected <= names
    (licence,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    text = zipfile.ZipFile(wheel).read(licence).decode()
    assert "MIT License" in text and "keep their own licences" in text and "manifest.toml" in text
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "corpus/", "resources/"))]


def test_the_installed_viewer_is_the_wheel_not_the_checkout(installed):
    bin_dir, env, elsewhere = installed
    code = "import viewer.core.paths as p; print(p.__file__, p.bundled_corpus_dir(), p.resources_dir(), sep='\\n')"
    out = _run([bin_dir / "python", "-c", code], cwd=elsewhere, env=env).stdout.splitlines()
    venv = bin_dir.parent.resolve()
    assert all(Path(line).resolve().is_relative_to(venv) for line in out), out
    # The dependencies the wheel declares are all there (from this venv, through the .pth file).
    _run([sys.executable, "-m", "pip", "--python", bin_dir / "python", "check"], env=env)


def test_the_installed_cli_lists_searches_and_detects_from_anywhere(installed):
    bin_dir, env, elsewhere = installed
    cli = bin_dir / "corpus-viewer"

    listing = _run([cli, "corpus"], cwd=elsewhere, env=env).stdout.splitlines()
    assert [line.split()[0] for line in listing[1:]] == DOC_IDS

    hits = _run([cli, "search", "implementering"], cwd=elsewhere, env=env).stdout
    first = hits.splitlines()[0]
    assert first.endswith("(page 1)") and int(first.split()[0]) >= 1, hits
    assert "**implementering**" in hits.lower()

    text = "This is English text about work.\nDette er en norsk setning om arbeid.\n"
    labels = _run([cli, "detect"], cwd=elsewhere, env=env, input=text).stdout.splitlines()
    assert [line.split("\t")[0] for line in labels] == ["en", "nb"]
