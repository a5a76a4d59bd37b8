"""The command line: in-process through main(argv), and as a real process."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newocc
from newocc.cli import COMMANDS, main, render_table, text_width


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


def test_search_ranks_matches_with_scores() -> None:
    code, out, err = run("search", "深圳／植保無人機飛手／12-18K", "--limit", "2")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["score", "code", "occupation"]
    expected = newocc.search("深圳／植保無人機飛手／12-18K", limit=2)
    assert len(lines) == 2 + len(expected)
    assert lines[2].startswith(f"{expected[0].score:.3f}  {expected[0].occupation.code}")


def test_search_json_carries_the_match_and_its_occupation() -> None:
    code, out, _ = run("search", "抖音带货主播", "--json")
    assert code == 0
    best = json.loads(out)["records"][0]
    assert best["occupation"]["name_zh"] == "互联网营销师"
    assert best["sub_role"]["name_zh"] == "直播销售员"
    assert best["kind"] == "alias"
    assert 0 < best["score"] <= 1


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
        (["find", "--batch", "99"], "unknown batch 99; batches are 1–7"),
        (["find", "--batch", "x"], "invalid int value"),
        (["find", "--sector", "mining"], "unknown sector 'mining'"),
        (["find", "--salary", "9", "1"], "low above high"),
        (["find", "--sub-role", "直播销售"], "did you mean"),
        (["show", "互联网营销"], "did you mean 互联网营销师"),
        (["export", "--format", "xml"], "invalid choice"),
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


def test_show_prints_every_field_and_expands_sources() -> None:
    code, out, _ = run("show", "4010602")
    assert code == 0
    assert out.startswith("4-01-06-02  互联网营销师 (internet marketer)")
    marketer = newocc.get("4010602")
    assert re.search(r"^batch:\s+3 \(released 2020-07-06\)$", out, re.MULTILINE)
    for label in (
        "former codes:",
        "sub-roles:",
        "salaries:",
        "note:",
    ):
        assert label in out
    assert "BOSS直聘研究院 (industry_report)" in out
    cited = {s.id for s in marketer.sources}
    assert len([line for line in out.splitlines() if line.startswith("  [")]) >= len(cited)


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
    assert done.stderr == "newocc: unknown batch 99; batches are 1–7\n"


def test_an_unwritable_stdout_is_one_line_not_a_traceback() -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full on this system")
    with full.open("w") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "newocc", "export", "--format", "csv"],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            check=False,
        )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert "cannot write" in done.stderr


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
        (["find", "--group", "9"], "unknown group '9'"),
        (["find", "--scope", "everything"], "invalid choice: 'everything'"),
        (["find", "--related", "--scope", "dictionary"], "related=True asks for scope='related'"),
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
