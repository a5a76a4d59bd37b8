"""Build the sdist and wheel, check what they hold, and use the wheel as users do.

1. ``python -m build --no-isolation`` into a temporary directory;
2. the wheel holds the package, its data and its metadata, and nothing else
   (no tests, caches, virtual environments); the sdist holds the sources,
   tests and data, and no caches or virtual environments;
3. the wheel is installed into a fresh virtual environment outside the
   source tree and queried there;
4. the package is imported from the wheel as a zip archive (``zipimport``),
   which proves the data loading is zip-safe.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import venv
import zipfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted(p.name for p in (ROOT / "src" / "newocc" / "data").glob("*.json"))
MODULES = sorted(p.name for p in (ROOT / "src" / "newocc").glob("*.py"))
# Data that is not a JSON data file: the character table, its licence, the JSON Schema.
OTHER_DATA = [
    "t2s.tsv",
    "LICENSE-OpenCC.txt",
    *sorted(f"schema/{p.name}" for p in (ROOT / "src" / "newocc" / "data" / "schema").glob("*.json")),
]
STRAY = (
    ".venv",
    "__pycache__",
    ".pyc",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    ".git/",
)

# The cost limit: the wheel, the whole 2022 dictionary included, stays at or under 1.5 MB.
MAX_WHEEL_BYTES = 1_500_000

QUERY = textwrap.dedent(
    """
    import json, sys, newocc
    from newocc._store.resources import read_data
    marketer = newocc.get("4-01-06-02")
    print(json.dumps({
        "file": newocc.__file__,
        "loader": type(newocc.__spec__.loader).__name__,
        "name": marketer.name_zh,
        "found": len(newocc.find(batch=3)),
        "courier": [newocc.get("4-02-07-08").name_zh, newocc.get("4-02-07-08").status.value],
        "release": json.loads(read_data("release.json"))["data_version"],
        "version": newocc.DATA_VERSION,
    }, ensure_ascii=False))
    """
)


def _fail(message: str) -> None:
    sys.exit(f"check_dist: {message}")


def _run(*command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=cwd, env=env)
    if result.returncode:
        _fail(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _stray(names: list[str]) -> list[str]:
    return [n for n in names if any(mark in n for mark in STRAY)]


def _check_wheel(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {PurePosixPath(n).parts[0] for n in names}
    extra_tops = {t for t in tops if t != "newocc" and not t.endswith(".dist-info")}
    if extra_tops:
        _fail(f"wheel holds more than the package: {sorted(extra_tops)}")
    required = (
        [f"newocc/data/{n}" for n in (*DATA_FILES, *OTHER_DATA)]
        + [f"newocc/{m}" for m in MODULES]
        + ["newocc/py.typed"]
    )
    missing = [n for n in required if n not in names]
    if missing:
        _fail(f"wheel lacks {missing}")
    if _stray(names):
        _fail(f"wheel holds stray files: {_stray(names)}")
    for licence in ("LICENSE", "src/newocc/data/LICENSE-OpenCC.txt"):
        if not any(n.endswith(f".dist-info/licenses/{licence}") for n in names):
            _fail(f"wheel lacks the licence file {licence}")


def _check_sdist(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = ["/".join(PurePosixPath(n).parts[1:]) for n in archive.getnames()]
    required = [f"src/newocc/data/{n}" for n in (*DATA_FILES, *OTHER_DATA)] + [
        "pyproject.toml",
        "README.md",
        "LICENSE",
    ]
    missing = [n for n in required if n not in names]
    if missing:
        _fail(f"sdist lacks {missing}")
    if not any(n.startswith("tests/") for n in names):
        _fail("sdist lacks the tests")
    if _stray(names) or any(n.startswith(("dist/", "build/", ".ci/")) for n in names):
        _fail(f"sdist holds stray files: {_stray(names)}")


def _check_result(output: str, where: str, expect_loader: str, inside: Path) -> None:
    report = json.loads(output.strip().splitlines()[-1])
    if not report["file"].startswith(str(inside)):
        _fail(f"{where}: imported {report['file']}, not the copy under {inside}")
    if report["loader"] != expect_loader:
        _fail(f"{where}: loaded by {report['loader']}, expected {expect_loader}")
    if report["name"] != "互联网营销师" or report["found"] < 1 or report["release"] != report["version"]:
        _fail(f"{where}: wrong answers {report}")
    if report["courier"] != ["快递员", "established"]:  # read from dictionary.json
        _fail(f"{where}: wrong answers {report}")
    print(f"check_dist: {where}: ok ({report['loader']}, {report['found']} found)")


def main() -> None:
    """Run every check; exit non-zero naming the first failure."""
    with tempfile.TemporaryDirectory(prefix="newocc-dist-") as scratch:
        tmp = Path(scratch)
        _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", tmp / "dist", ROOT)
        (wheel,) = (tmp / "dist").glob("*.whl")
        (sdist,) = (tmp / "dist").glob("*.tar.gz")
        _check_wheel(wheel)
        _check_sdist(sdist)
        if wheel.stat().st_size > MAX_WHEEL_BYTES:
            _fail(f"{wheel.name} is {wheel.stat().st_size:,} bytes, over the {MAX_WHEEL_BYTES:,} limit")
        print(f"check_dist: {wheel.name} and {sdist.name}: contents ok")

        env_dir = tmp / "venv"
        venv.create(env_dir, with_pip=True)
        python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        _run(python, "-m", "pip", "install", "--quiet", wheel)
        work = tmp / "elsewhere"
        work.mkdir()
        clean_env = {"PATH": str(python.parent), "PYTHONNOUSERSITE": "1"}
        _check_result(
            _run(python, "-c", QUERY, cwd=work, env=clean_env), "fresh venv", "SourceFileLoader", env_dir
        )

        # The wheel is a zip archive: put it first on the path and import from it.
        zipped = tmp / "newocc.zip"
        zipped.write_bytes(wheel.read_bytes())
        zip_env = {**clean_env, "PYTHONPATH": str(zipped)}
        _check_result(_run(python, "-c", QUERY, cwd=work, env=zip_env), "zip import", "zipimporter", zipped)


if __name__ == "__main__":
    main()
