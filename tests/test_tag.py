"""``newocc tag``: files of postings in, the same rows with tag columns out."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import pty
import select
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import newocc
from newocc import _tables
from newocc._progress import Progress
from newocc.cli import main
from newocc.frames import SCHEMA

pandas = pytest.importorskip("pandas")

HEADER = ["职位名称", "城市", "薪资"]
ROWS = [
    ["外卖小哥", "深圳", "8-12K"],
    ["前台接待", "北京", ""],
    ["抖音带货主播（底薪+提成）", "上海", "10-20K"],
    ["深圳／植保無人機飛手／12-18K", "深圳", "12-18K"],
    ["AI trainer", "杭州", "面议"],
    ["会计", "广州", "6K"],
]
TAGS = [f"newocc_{column.name}" for column in SCHEMA]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def process(*argv: str, stdin: bytes = b"", **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newocc", "tag", *argv],
        input=stdin,
        capture_output=True,
        check=False,
        **kwargs,
    )


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def cell(value: object) -> str:
    if value is None or value is pandas.NA:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 4))
    return str(value)


def expected_tags(titles: list[str]) -> list[list[str]]:
    """The tags as match_frame gives them, as CSV cells."""
    frame = newocc.match_frame(titles)
    columns = [frame[name].tolist() for name in frame.columns]
    return [[cell(value) for value in row] for row in zip(*columns, strict=True)]


def read_csv(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def check_tagged(text: str, delimiter: str = ",") -> None:
    table = read_csv(text, delimiter)
    assert table[0] == HEADER + TAGS
    assert [row[:3] for row in table[1:]] == ROWS
    assert [row[3:] for row in table[1:]] == expected_tags([row[0] for row in ROWS])


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b"")]
)
def test_a_csv_in_each_encoding_keeps_its_columns_and_gains_the_tags(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    source = tmp_path / "postings.csv"
    source.write_bytes(bom + csv_text([HEADER, *ROWS]).encode(encoding))
    target = tmp_path / "tagged.csv"
    code, out, err = run("tag", str(source), "--column", "职位名称", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    raw = target.read_bytes()
    assert not raw.startswith(codecs.BOM_UTF8)
    check_tagged(raw.decode("utf-8"))
    tagged = read_csv(raw.decode("utf-8"))
    assert tagged[1][3:6] == ["4-10-08-01", "网约配送员", ""]
    assert tagged[3][3:6] == ["4-01-06-02", "互联网营销师", "直播销售员"]
    assert tagged[2][3:] == [""] * 7 + [newocc.DATA_VERSION]


def test_a_real_process_reads_stdin_and_writes_utf8_to_stdout() -> None:
    done = process("-", "-c", "职位名称", stdin=csv_text([HEADER, *ROWS]).encode("gb18030"))
    assert (done.returncode, done.stderr) == (0, b"")
    check_tagged(done.stdout.decode("utf-8"))
    without_input = process("-c", "职位名称", "--format", "csv", stdin=csv_text([HEADER, *ROWS]).encode())
    assert without_input.stdout == done.stdout


def test_excel_output_starts_with_a_bom(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(csv_text([HEADER, *ROWS]), encoding="utf-8")
    target = tmp_path / "out.csv"
    assert run("tag", str(source), "-c", "职位名称", "--excel", "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(codecs.BOM_UTF8)
    check_tagged(target.read_text(encoding="utf-8-sig"))
    done = process(str(source), "-c", "职位名称", "--excel")
    assert done.stdout == target.read_bytes()


def test_tsv_and_csv_to_jsonl(tmp_path: Path) -> None:
    source = tmp_path / "in.tsv"
    source.write_text(csv_text([HEADER, *ROWS], "\t"), encoding="utf-8")
    code, out, _ = run("tag", str(source), "-c", "职位名称")
    assert code == 0
    check_tagged(out, "\t")
    target = tmp_path / "out.jsonl"
    assert run("tag", str(source), "-c", "职位名称", "-o", str(target))[0] == 0
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [list(record)[:3] for record in records] == [HEADER] * len(ROWS)
    assert records[0]["newocc_occupation"] == "网约配送员"
    assert records[0]["newocc_is_new"] is True
    assert records[1]["newocc_code"] is None


def test_jsonl_keeps_every_field_and_its_types(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        {"title": "外卖小哥", "salary": [8000, 12000], "meta": {"city": "深圳"}},
        {"title": None, "salary": None},
        {"salary": 1},
        {"title": "抖音带货主播", "salary": 3.5},
    ]
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n", "utf-8")
    code, out, err = run("tag", str(source), "-c", "title")
    assert (code, err) == (0, "")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 4
    assert records[0]["meta"] == {"city": "深圳"}
    assert records[0]["salary"] == [8000, 12000]
    assert records[0]["newocc_code"] == "4-10-08-01"
    assert records[1]["newocc_code"] is None
    assert records[2]["newocc_code"] is None
    assert records[2]["newocc_data_version"] == newocc.DATA_VERSION
    assert records[3]["newocc_work_type"] == "直播销售员"
    assert records[3]["newocc_confidence"] == pytest.approx(newocc.match("抖音带货主播").confidence, abs=1e-4)  # type: ignore[union-attr]


def test_the_prefix_names_the_added_columns(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(csv_text([HEADER, *ROWS]), encoding="utf-8")
    code, out, _ = run("tag", str(source), "-c", "职位名称", "--prefix", "tag_")
    assert code == 0
    assert read_csv(out)[0][3:] == [f"tag_{column.name}" for column in SCHEMA]


def test_ragged_and_blank_rows(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("职位名称,城市,薪资\n外卖小哥\n\n前台接待,北京,5K\n", encoding="utf-8")
    code, out, _ = run("tag", str(source), "-c", "职位名称")
    assert code == 0
    table = read_csv(out)
    assert [row[:3] for row in table[1:]] == [["外卖小哥", "", ""], ["前台接待", "北京", "5K"]]
    source.write_text("职位名称,城市\n外卖小哥,深圳\n前台接待,北京,5K\n", encoding="utf-8")
    code, _, err = run("tag", str(source), "-c", "职位名称")
    assert code == 2
    assert err == f"newocc: {str(source)!r}: line 3 has 3 fields; the header has 2\n"


def test_a_header_only_file_gives_the_header(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("职位名称,城市\n", encoding="utf-8")
    code, out, _ = run("tag", str(source), "-c", "职位名称")
    assert (code, out) == (0, ",".join(["职位名称", "城市", *TAGS]) + "\n")


@pytest.mark.parametrize(
    ("content", "argv", "message"),
    [
        (b"a,b\n1,2\n", ["-c", "title"], "{src} has no column 'title'; its columns are: 'a', 'b'"),
        (b"", ["-c", "a"], "{src} is empty: it has no header row"),
        (
            b'{"a": 1}\n',
            ["-c", "title", "--format", "jsonl"],
            "{src} has no column 'title'; its columns are: 'a'",
        ),
        (
            b'{"a": "x"}\n[1]\n',
            ["-c", "a", "--format", "jsonl"],
            "{src}: line 2 is a JSON list, not an object",
        ),
        (b'{"a": 5}\n', ["-c", "a", "--format", "jsonl"], "{src}: line 1: 'a' is a int, not a title"),
        (b"a,newocc_code\n1,2\n", ["-c", "a"], "{src} already has the column(s) newocc_code; choose another"),
        (b"a\n1\n", ["-c", "a", "--encoding", "no-such-codec"], "unknown encoding 'no-such-codec'"),
        (b"a\n1\n", ["-c", "a", "--encoding", "utf-16"], "encoding 'utf-16' does not keep ASCII bytes"),
        (codecs.BOM_UTF16_LE + "a\n".encode("utf-16-le"), ["-c", "a"], "the input is UTF-16"),
        (b"a\n1\n", ["-c", "a", "-o", "out.parquet"], "newocc tag cannot turn csv into parquet"),
    ],
)
def test_a_bad_input_exits_2_with_one_line(
    tmp_path: Path, content: bytes, argv: list[str], message: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    os.chdir(tmp_path)
    code, out, err = run("tag", str(source), *argv)
    assert (code, out) == (2, "")
    assert err.startswith("newocc: " + message.format(src=repr(str(source)))), err
    assert err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_missing_or_unreadable_input_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    assert run("tag", str(missing), "-c", "a")[2] == (
        f"newocc: cannot read {str(missing)!r}: No such file or directory\n"
    )
    assert (
        run("tag", str(tmp_path), "-c", "a")[2] == f"newocc: cannot read {str(tmp_path)!r}: Is a directory\n"
    )
    if os.geteuid() != 0:  # root reads any file
        locked = tmp_path / "locked.csv"
        locked.write_text("a\n", encoding="utf-8")
        locked.chmod(0)
        assert "Permission denied" in run("tag", str(locked), "-c", "a")[2]


def test_an_undecodable_line_is_named_by_its_number(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    lines = [",".join(HEADER).encode(), *(",".join(row).encode() for row in ROWS)]
    lines[4] = "外卖骑手,".encode() + b"\xff\xfe" + b",5K"
    source.write_bytes(b"\n".join(lines) + b"\n")
    code, _, err = run("tag", str(source), "-c", "职位名称")
    assert code == 2
    assert err == (
        f"newocc: {str(source)!r}: line 5 is not valid UTF-8 (byte 14);"
        " give the file's encoding with --encoding\n"
    )


def test_a_gb18030_line_after_the_detection_sample_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_tables, "SAMPLE_BYTES", 64)
    source = tmp_path / "in.csv"
    source.write_bytes(csv_text([HEADER, *ROWS * 5]).encode() + "外卖骑手,深圳,5K\n".encode("gb18030"))
    code, _, err = run("tag", str(source), "-c", "职位名称")
    assert code == 2
    assert f"line {len(ROWS) * 5 + 2} is not valid UTF-8" in err


def test_a_failure_leaves_the_previous_output_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_tables, "CHUNK_ROWS", 2)
    source = tmp_path / "in.csv"
    source.write_bytes(csv_text([HEADER, *ROWS * 100]).encode() + b"\xff,x,y\n")
    target = tmp_path / "tagged.csv"
    target.write_text("previous\n", encoding="utf-8")
    code, _, err = run("tag", str(source), "-c", "职位名称", "-o", str(target))
    assert code == 2
    assert "line 602 is not valid UTF-8" in err
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "tagged.csv"]


def test_tagging_in_place_replaces_the_file_when_done(tmp_path: Path) -> None:
    source = tmp_path / "postings.csv"
    source.write_text(csv_text([HEADER, *ROWS]), encoding="gb18030")
    assert run("tag", str(source), "-c", "职位名称", "-o", str(source))[0] == 0
    check_tagged(source.read_text(encoding="utf-8"))


def _tag_on_a_terminal(*argv: str) -> tuple[int, str]:
    """Run ``newocc tag`` with stderr on a pseudo-terminal; its exit code and what it showed there."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "newocc", "tag", *argv], stderr=follower, check=False)
        shown = b""
        while select.select([leader], [], [], 0.5)[0]:
            shown += os.read(leader, 65536)
    finally:
        os.close(follower)
        os.close(leader)
    return done.returncode, shown.decode("utf-8")


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(csv_text([HEADER, *ROWS * 2000]), encoding="utf-8")
    code, text = _tag_on_a_terminal(str(source), "-c", "职位名称", "-o", str(tmp_path / "out.csv"))
    assert code == 0
    assert "12,000 rows" in text
    assert "rows/s" in text
    assert "[####################] 100%" in text
    assert text.endswith("\n")
    piped = process(str(source), "-c", "职位名称", "-o", str(tmp_path / "out.csv"))
    assert piped.stderr == b""
    quiet = _tag_on_a_terminal(str(source), "-c", "职位名称", "-q", "-o", str(tmp_path / "o.csv"))
    assert quiet == (0, "")


def test_the_progress_line() -> None:
    meter = Progress(io.StringIO(), enabled=True, total=200)
    meter.update(1500, 50)
    assert meter.line(meter.started + 2) == "[#####...............]  25%  1,500 rows  750 rows/s"


def _peak_bytes(source: Path, tmp_path: Path) -> int:
    tracemalloc.start()
    try:
        with source.open("rb") as stream:
            _tables.tag_file(
                None,
                column="title",
                output=str(tmp_path / "out.csv"),
                stdin=stream,
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_input(tmp_path: Path) -> None:
    titles = [row[0] for row in ROWS] + [f"职位{n}" for n in range(200)]
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    for path, count in ((small, 40_000), (large, 160_000)):
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(["id", "title", "city", "description"])
            writer.writerows((n, titles[n % len(titles)], "深圳", "负责" * 20) for n in range(count))
    _peak_bytes(small, tmp_path)  # warm the caches: what stays is not what grows
    started = time.perf_counter()
    peak_small = _peak_bytes(small, tmp_path)
    peak_large = _peak_bytes(large, tmp_path)
    assert large.stat().st_size > 15 * 2**20
    assert peak_large < 24 * 2**20, peak_large
    assert peak_large < peak_small * 1.25, (peak_small, peak_large)
    assert time.perf_counter() - started < 60


@pytest.fixture
def parquet(tmp_path: Path) -> Path:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet

    table = pyarrow.table(
        {
            "职位名称": [row[0] for row in ROWS] * 3 + [None],
            "城市": pyarrow.array([row[1] for row in ROWS] * 3 + ["x"]).dictionary_encode(),
            "n": list(range(len(ROWS) * 3 + 1)),
        }
    )
    path = tmp_path / "postings.parquet"
    pyarrow.parquet.write_table(table, path, row_group_size=5)
    return path


def test_parquet_keeps_its_columns_and_types(
    parquet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet

    monkeypatch.setattr(_tables, "CHUNK_ROWS", 1)
    target = tmp_path / "tagged.parquet"
    code, out, err = run("tag", str(parquet), "-c", "职位名称", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    original = pyarrow.parquet.read_table(parquet)
    tagged = pyarrow.parquet.read_table(target)
    assert tagged.column_names == original.column_names + TAGS
    assert tagged.select(original.column_names).equals(original)
    tags = newocc.match_table(original.column("职位名称"))
    assert tagged.select(TAGS).rename_columns(tags.column_names).equals(tags)
    done = process(str(parquet), "-c", "职位名称")
    assert done.returncode == 0
    assert pyarrow.parquet.read_table(io.BytesIO(done.stdout)).equals(tagged)


def test_parquet_errors(parquet: Path) -> None:
    assert run("tag", str(parquet), "-c", "title")[2].startswith(
        f"newocc: {str(parquet)!r} has no column 'title'; its columns are: '职位名称', '城市', 'n'"
    )
    assert (
        run("tag", str(parquet), "-c", "n")[2]
        == f"newocc: {str(parquet)!r}: column 'n' holds int64, not text\n"
    )
    assert (
        run("tag", "-", "-c", "n", "--format", "parquet")[2]
        == "newocc: Parquet is read from a file, not from stdin\n"
    )
    not_parquet = parquet.with_name("bad.parquet")
    not_parquet.write_text("a,b\n", encoding="utf-8")
    assert run("tag", str(not_parquet), "-c", "a")[2].startswith(
        f"newocc: cannot read {str(not_parquet)!r} as Parquet"
    )


def test_the_input_error_survives_pickling() -> None:
    import pickle

    error = _tables.InputError("'x.csv' has no column 'title'")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is _tables.InputError
    assert str(again) == str(error)
