"""The command line: in-process through main(argv), and as a real process."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newocc
import newocc.cli
import newocc.export
import newocc.query
from newocc._lazy import Lazy
from newocc._store import Catalogue
from newocc._store.loader import load
from newocc._store.resources import DATA_FILES, read_data
from newocc.cli import COMMANDS, EXIT_CODES, REINSTALL_HINT, main, render_table, text_width


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_find_batch_json_prints_the_nine_occupations() -> None:
    code, out, err = run("find", "--batch", "3", "--json")
    assert (code, err) == (0, "")
    envelope = json.loads(out)
    assert [r["code"] for r in envelope["records"]] == [o.code for o in newocc.find(batch=3)]
    assert len(envelope["records"]) == 9
    assert envelope["data_version"] == newocc.DATA_VERSION


def test_find_table_lists_names_and_codes() -> None:
    code, out, _ = run("find", "--sub-role", "直播销售员")
    assert code == 0
    assert "4-01-06-02" in out.splitlines()[2]
    assert "互联网营销师" in out


@pytest.mark.parametrize(
    ("argv", "kwargs"),
    [
        (["--batch", "1", "2"], {"batch": [1, 2]}),
        (["--batch", "3", "--batch", "4"], {"batch": [3, 4]}),
        (["--sector", "digital"], {"sector": "digital"}),
        (["--salary", "15000", "30000"], {"salary": (15000, 30000)}),
        (["--text", "区块链"], {"text": "区块链"}),
        (["--related", "--text", "员"], {"related": True, "text": "员"}),
        (["--digital", "--batch", "7"], {"digital": True, "batch": 7}),
        (["--green"], {"green": True}),
        (["--scope", "dictionary", "--group", "4-02-07"], {"scope": "dictionary", "group": "4-02-07"}),
        (["--scope", "dictionary", "--text", "快件"], {"scope": "dictionary", "text": "快件"}),
        (["--scope", "related", "--group", "4"], {"scope": "related", "group": "4"}),
        (["--group", "2-02-38"], {"group": "2-02-38"}),
    ],
)
def test_find_filters_match_the_library(argv: list[str], kwargs: dict[str, object]) -> None:
    code, out, _ = run("find", *argv, "--json")
    expected = newocc.find(**kwargs)  # type: ignore[arg-type]
    assert code == (0 if expected else 1)
    assert [r["name_zh"] for r in json.loads(out)["records"]] == [o.name_zh for o in expected]


def test_search_ranks_matches_with_confidences() -> None:
    code, out, err = run("search", "深圳／植保無人機飛手／12-18K", "--limit", "2")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["confidence", "code", "occupation"]
    expected = newocc.search("深圳／植保無人機飛手／12-18K", limit=2)
    assert len(lines) == 2 + len(expected)
    assert lines[2].startswith(f"{expected[0].confidence:.2f}  ")
    assert (expected[0].occupation.code or "—") in lines[2]


def test_search_json_carries_the_match_and_its_occupation() -> None:
    code, out, _ = run("search", "抖音带货主播", "--json")
    assert code == 0
    best = json.loads(out)["records"][0]
    assert best["occupation"]["name_zh"] == "互联网营销师"
    assert best["sub_role"]["name_zh"] == "直播销售员"
    assert best["evidence"]["kind"] in ("alias", "sub_role_name", "terms", "title")
    assert 0 < best["confidence"] <= 1


def test_search_with_no_match_exits_1_and_a_bad_limit_exits_2() -> None:
    assert run("search", "急招 12-18K")[0] == 1
    code, _, err = run("search", "外卖", "--limit", "0")
    assert code == 2
    assert "0" in err


def test_no_results_exit_1() -> None:
    code, out, err = run("find", "--text", "不存在的职业名")
    assert (code, out, err) == (1, "", "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["find", "--batch", "99"], "batch[0]=99: is not a batch; choices are 1, 2, 3, 4, 5, 6, 7"),
        (["find", "--batch", "x"], "invalid int value"),
        (["find", "--sector", "mining"], "sector='mining': is not a Sector"),
        (["find", "--salary", "9", "1"], "low above high"),
        (["find", "--sub-role", "直播销售"], "did you mean"),
        (["show", "互联网营销"], "did you mean 互联网营销师"),
        (["export", "--format", "xml"], "invalid choice"),
        (["search", "外卖", "--limit", "0"], "--limit: must be at least 1, not 0"),
        (["show", "4-99-99-99"], "no occupation has the code or name '4-99-99-99'"),
        (["bogus"], "invalid choice"),
        ([], "choose a command"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv: list[str], message: str) -> None:
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert message in err


def _show_sections(out: str) -> dict[str, list[str]]:
    """The lines of ``newocc show`` under each field label, up to the sources."""
    sections: dict[str, list[str]] = {}
    label = ""
    body = out.split("\nsources:\n")[0].splitlines()[2:]
    for line in body:
        if line.startswith("  - "):
            sections[label].append(line)
        else:
            label, _, rest = line.partition(":")
            assert label not in sections, f"{label} shown twice"
            sections[label] = [rest.strip()] if rest.strip() else []
    return sections


def test_show_prints_every_field_and_expands_sources() -> None:
    code, out, _ = run("show", "4010602")
    assert code == 0
    assert out.startswith("4-01-06-02  互联网营销师 (internet marketer)")
    assert re.search(r"^batch:\s+3 \(released 2020-07-06\)$", out, re.MULTILINE)
    assert "BOSS直聘研究院 (industry_report)" in out
    cited = {s.id for s in newocc.get("4010602").sources}
    assert len([line for line in out.splitlines() if line.startswith("  [")]) >= len(cited)


@given(st.sampled_from(newocc.occupations(related=True)))
def test_show_lists_every_field_and_every_item_of_each_tuple(occupation: newocc.Occupation) -> None:
    # Each field has a line, and a tuple of records one "  - " line per item: dropping
    # a field, or the items of one, fails here.
    code, out, _ = run("show", occupation.name_zh)
    assert code == 0
    sections = _show_sections(out)
    # The groups line is derived from the code, not a field of its own.
    assert sections.pop("groups") == [
        f"{occupation.major_group} {_major_name(occupation)} [1] › "
        f"{occupation.middle_group} › {occupation.small_group}"
    ]
    fields: list[attrs.Attribute[Any]] = list(attrs.fields(newocc.Occupation))
    assert len(sections) == len(fields)
    for field, (label, lines) in zip(fields, sections.items(), strict=True):
        value = getattr(occupation, field.name)
        if isinstance(value, tuple) and value and not isinstance(value[0], newocc.Source):
            assert len(lines) == len(value), (field.name, label, lines)
        elif isinstance(value, tuple) and value:  # sources: cited as [n] marks
            assert re.fullmatch(r"(\[\d+\])+", lines[0]), (field.name, lines)
        elif value is None or value == ():
            assert lines == ["—"], (field.name, lines)


def _major_name(occupation: newocc.Occupation) -> str:
    return next(g.name_zh for g in newocc.groups() if g.code == occupation.major_group)


def test_show_names_each_work_type_and_salary_of_the_marketer() -> None:
    sections = _show_sections(run("show", "4010602")[1])
    marketer = newocc.get("4010602")
    assert [line.split()[1] for line in sections["sub-roles"]] == [r.name_zh for r in marketer.sub_roles]
    assert sections["salaries"][0].startswith("  - mean 11220 CNY/month, 2020")


def test_show_json_is_one_record() -> None:
    code, out, _ = run("show", "互联网营销师", "--json")
    assert code == 0
    assert [r["code"] for r in json.loads(out)["records"]] == ["4-01-06-02"]


def test_batches_lists_every_release() -> None:
    code, out, _ = run("batches")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 + len(newocc.batches())
    assert lines[2].split()[:3] == ["1", "2019-04-01", "13"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_to_a_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"catalogue.{fmt}"
    code, out, _ = run("export", "--format", fmt, "--output", str(target), "--batch", "2")
    assert (code, out) == (0, "")
    text = target.read_text(encoding="utf-8")
    if fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(text)))) == len(newocc.find(batch=2))
    elif fmt == "jsonl":
        assert len(text.splitlines()) == len(newocc.find(batch=2))
    else:
        assert len(json.loads(text)["records"]) == len(newocc.find(batch=2))


def test_export_to_an_unwritable_path_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("export", "--output", str(tmp_path / "missing" / "x.json"))
    assert code == 2
    assert err.startswith("newocc export: cannot write")


def test_export_replaces_a_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.json"
    target.write_text("old\n", encoding="utf-8")
    assert run("export", "--output", str(target), "--batch", "3")[0] == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))["records"]) == 9
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue.json"]


def test_export_of_unencodable_text_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loader refuses lone surrogates now; a bug that made one must still not truncate the file.
    target = tmp_path / "catalogue.json"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(newocc.export, "to_json", lambda records: "x" * 100_000 + "\ud800")
    with pytest.raises(UnicodeEncodeError):
        run("export", "--output", str(target))
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue.json"]


def _limit_file_size() -> None:  # in the child, before exec: writes beyond 4 KiB fail with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_export_over_a_file_size_limit_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.json"
    target.write_text("old\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "newocc", "export", "--output", str(target)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        preexec_fn=_limit_file_size,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("newocc export: cannot write"), done.stderr
    assert "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue.json"]


def test_version_names_code_and_data() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == f"newocc {newocc.__version__} (data {newocc.DATA_VERSION})"


def test_table_aligns_by_display_width() -> None:
    table = render_table(("a", "b"), [("互联网", "x"), ("ab", "y")])
    lines = table.splitlines()
    assert [text_width(line[: line.index(c)]) for line, c in zip(lines[2:], "xy", strict=True)] == [8, 8]
    assert text_width("互联网营销师") == 12
    assert text_width("ＡＢ") == 4
    assert text_width("e\u0301") == 1


TOKENS = [c.name for c in COMMANDS] + [
    "--batch", "--sector", "--salary", "--sub-role", "--text", "--related", "--json", "--format",
    "--help", "--version", "--limit", "--digital", "--green", "1", "3", "99", "-1", "nan", "1e999", "digital",
    "csv", "直播销售员", "外卖小哥", "",
    "4010602", "--", "-",
]  # fmt: skip
argv_lists = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=6).filter(
    # Never write files from arbitrary input.
    lambda argv: not any(a.startswith(("-o", "--o")) for a in argv)
)


@given(argv_lists)
def test_arbitrary_argv_never_raises(argv: list[str]) -> None:
    code, _, err = run(*argv)
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    assert err.count("\n") == (1 if code == 2 else 0), err


def _process(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newocc", *argv], capture_output=True, text=True, encoding="utf-8", check=False
    )


def test_python_dash_m_runs_the_command_line() -> None:
    done = _process("find", "--batch", "3", "--json")
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["records"]) == 9


def test_process_usage_error_is_one_line_without_traceback() -> None:
    done = _process("find", "--batch", "99")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "newocc: batch[0]=99: is not a batch; choices are 1, 2, 3, 4, 5, 6, 7\n"


@pytest.mark.parametrize("argv", [["export", "--format", "csv"], ["--help"], ["find", "--batch", "3"]])
def test_an_unwritable_stdout_is_one_line_not_a_traceback(argv: list[str]) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full on this system")
    with full.open("w") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "newocc", *argv],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            check=False,
        )
    assert done.returncode == 2  # --help exited 0 on a full disk
    assert done.stderr == "newocc: cannot write the output: No space left on device\n"


def _close_stdout() -> None:  # in the child, before exec
    os.close(1)


@pytest.mark.parametrize("argv", [["find", "--batch", "3"], ["--help"]])
def test_a_closed_stdout_is_one_line_not_a_traceback(argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newocc", *argv],
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        check=False,
        preexec_fn=_close_stdout,
    )
    assert (done.returncode, done.stderr) == (
        2,
        "newocc: standard output is closed; nothing can be printed\n",
    )


def _ascii_process(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    return subprocess.run(
        [sys.executable, "-m", "newocc", *argv],
        capture_output=True,
        text=True,
        encoding="ascii",
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    ("argv", "shown"), [(["--help"], "(\\u65b0\\u804c\\u4e1a)"), (["show", "4010602"], "\\u4e92")]
)
def test_text_to_a_non_utf8_stdout_is_escaped_with_a_hint(argv: list[str], shown: str) -> None:
    done = _ascii_process(*argv)
    assert done.returncode == 0, done.stderr
    assert shown in done.stdout
    assert done.stderr.count("\n") == 1
    assert "set PYTHONIOENCODING=utf-8" in done.stderr


def test_json_to_a_non_utf8_stdout_is_escaped_json() -> None:
    done = _ascii_process("find", "--batch", "3", "--json")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == json.loads(newocc.to_json(newocc.find(batch=3)))


def test_csv_to_a_non_utf8_stdout_says_how_to_fix_it() -> None:
    done = _ascii_process("export", "--format", "csv")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "newocc: the output encoding ascii cannot hold this data; "
        "set PYTHONIOENCODING=utf-8, or write a file with --output FILE\n"
    )


# -- exit codes: a usage error, a broken installation, a bug, an interrupt -----


def _broken_catalogue() -> Lazy[Catalogue]:
    files = {name: read_data(name) for name in DATA_FILES}
    files["batches.json"] = b"[{]"
    return Lazy(lambda: load(files.__getitem__))


def test_a_broken_installation_exits_3_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newocc._store, "_packaged", _broken_catalogue())
    code, out, err = run("find", "--batch", "3")
    assert (code, out) == (3, "")
    first, hint = err.splitlines()
    assert first.startswith("newocc: the package data is broken: batches.json: line 1")
    assert hint == REINSTALL_HINT
    assert "reinstall" in hint


def _find_with_path(folder: Path) -> subprocess.CompletedProcess[str]:
    """``python -m newocc find`` with ``folder`` first on the import path."""
    return subprocess.run(
        [sys.executable, "-m", "newocc", "find"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(folder)},
        check=False,
    )


def _copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(
        Path(newocc.__file__).parent, tmp_path / "newocc", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path / "newocc"


@pytest.mark.parametrize("fault", ["missing", "garbage"])
def test_a_broken_installed_data_file_exits_3(tmp_path: Path, fault: str) -> None:
    # A missing file was reported as "cannot write the output", a usage error.
    data = _copy_of_the_package(tmp_path) / "data" / "occupations.json"
    if fault == "missing":
        data.unlink()
    else:
        data.write_bytes(b"\x00garbage")
    done = _find_with_path(tmp_path)
    assert done.returncode == 3, done.stderr
    first, hint = done.stderr.splitlines()
    assert first.startswith("newocc: the package data is broken: occupations.json: ")
    assert hint == REINSTALL_HINT


@pytest.mark.parametrize("bug", [ValueError("a bug"), TypeError("a bug"), KeyError("a bug")])
def test_a_bug_is_not_reported_as_a_usage_error(monkeypatch: pytest.MonkeyPatch, bug: Exception) -> None:
    def broken(**kwargs: object) -> None:
        raise bug

    monkeypatch.setattr(newocc.query, "find", broken)
    with pytest.raises(type(bug)):
        run("find", "--batch", "3")


def test_a_bug_shows_its_traceback_and_exits_1() -> None:
    code = "import sys, newocc.query as q; q.find = lambda **k: int('x'); sys.argv[1:] = ['find']; "
    code += "from newocc.__main__ import run; run()"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert "ValueError: invalid literal for int()" in done.stderr


_INTERRUPT_ON_IMPORT = """
import sys

class Interrupt:
    # Ctrl-C as the command line module is being imported.
    def find_spec(self, name, path=None, target=None):
        if name == "newocc.cli":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
"""


def test_ctrl_c_at_start_up_is_one_line_and_exit_130(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(_INTERRUPT_ON_IMPORT, encoding="utf-8")
    done = _find_with_path(tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "newocc: interrupted\n")


def test_ctrl_c_while_running_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(argv: object = None) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(newocc.cli, "main", interrupted)
    with pytest.raises(SystemExit) as caught:
        newocc.cli.run()
    assert caught.value.code == 130
    assert capsys.readouterr().err == "newocc: interrupted\n"


def test_the_console_script_is_the_interrupt_safe_entry_point() -> None:
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "newocc"]
    assert script.value == "newocc.__main__:run"


def test_every_exit_code_is_documented() -> None:
    page = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    for code in EXIT_CODES:
        assert re.search(rf"^\| {code} \| ", page, re.MULTILINE), code


def test_show_prints_an_established_occupation_with_its_groups_and_sources() -> None:
    code, out, err = run("show", "4-02-07-08")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "4-02-07-08  快递员"
    assert re.search(r"^groups:\s+4 社会生产服务和生活服务人员 \[\d\] › 4-02 › 4-02-07$", out, re.MULTILINE)
    assert re.search(r"^status:\s+established$", out, re.MULTILINE)
    assert "快件揽收员" in out
    assert "airs-osta-csv" not in out  # sources are listed by publisher and title, not by id
    assert "Will-Hooper/AIRS-Sync" in out


def test_show_explains_a_code_no_record_holds() -> None:
    code, out, err = run("show", "4-14-03-07")
    assert (code, out) == (2, "")
    assert "康复治疗师" in err
    assert err.count("\n") == 1


def test_find_over_the_dictionary_by_group_lists_codes_in_order() -> None:
    code, out, _ = run("find", "--scope", "dictionary", "--group", "40207")
    assert code == 0
    codes = [line.split()[0] for line in out.splitlines()[2:]]
    assert codes == sorted(codes)
    assert "4-02-07-08" in codes


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["find", "--group", "9"], "group='9': is not a group"),
        (["find", "--scope", "everything"], "invalid choice: 'everything'"),
        (["find", "--related", "--scope", "dictionary"], "contradicts related=True"),
        (["find", "--sub-role", "快件揽收员"], "pass scope='dictionary'"),
    ],
)
def test_dictionary_mistakes_are_one_line_and_exit_2(argv: list[str], message: str) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert message in err
    assert err.count("\n") == 1


def test_export_covers_the_whole_dictionary(tmp_path: Path) -> None:
    target = tmp_path / "dictionary.csv"
    code, out, err = run("export", "--format", "csv", "--scope", "dictionary", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == len(newocc.occupations(scope="dictionary"))
    courier = next(row for row in rows if row["code"] == "4-02-07-08")
    assert (courier["name_zh"], courier["status"], courier["sector"]) == ("快递员", "established", "")
