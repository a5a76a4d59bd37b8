"""The engine recipes of docs/howto/tagging.md: each gives the tags of a plain loop.

Each engine is an optional install (``pip install 'newocc[engines]'``); a
test whose engine is missing is skipped, unless ``NEWOCC_REQUIRE_ENGINES`` is
set (as ``.ci/run`` sets it), when it fails instead.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import newocc
from newocc.frames import SCHEMA
from tests.test_frames import eval_titles, loop_tags

pandas = pytest.importorskip("pandas")

NAMES = [column.name for column in SCHEMA]


def engine(name: str) -> ModuleType:
    """The engine's module; a skip when it is not installed, a failure when CI requires it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        if os.environ.get("NEWOCC_REQUIRE_ENGINES"):
            raise
        pytest.skip(f"{name} is not installed (pip install 'newocc[engines]')")


@pytest.fixture(scope="module")
def postings() -> Any:
    titles: list[Any] = eval_titles()
    titles = [*titles, *titles[::4], None, "外卖小哥"]
    return pandas.DataFrame({"id": range(len(titles)), "title": pandas.Series(titles, dtype=object)})


@pytest.fixture(scope="module")
def expected(postings: Any) -> list[tuple[object, ...]]:
    return loop_tags(postings["title"].tolist())


def rows_of(frame: Any, columns: list[str]) -> list[tuple[object, ...]]:
    """Plain Python values, nulls as None, in ``id`` order."""
    frame = frame.sort_values("id")
    values = [frame[name].astype(object).where(frame[name].notna(), None).tolist() for name in columns]
    return [tuple(row) for row in zip(*values, strict=True)]


# The recipes docs/howto/tagging.md shows, between the snippet markers.


# --8<-- [start:dask]
def tag_with_dask(frame):  # a Dask DataFrame with a "title" column
    import newocc

    # One pandas frame of tags per partition; meta= is the empty frame of the same schema.
    tags = frame["title"].map_partitions(newocc.match_frame, meta=newocc.match_frame([]))
    # optimize() makes each partition one task (compute() alone does not fuse its steps,
    # and the process scheduler then pickles every step's result through itself).
    return frame.join(tags).optimize()


# --8<-- [end:dask]
# --8<-- [start:spark]
def tag_with_spark(frame):  # a Spark DataFrame with a "title" column
    import newocc
    from newocc.frames import SCHEMA

    def tag(batches):  # runs on the executors, one pandas frame at a time
        for batch in batches:
            yield batch.join(newocc.match_frame(batch["title"]).add_prefix("newocc_"))

    tags_ddl = ", ".join(f"newocc_{column.name} {column.sql}" for column in SCHEMA)
    return frame.mapInPandas(tag, schema=f"{frame.schema.toDDL()}, {tags_ddl}")


# --8<-- [end:spark]
# --8<-- [start:polars]
def tag_with_polars(frame):  # a Polars DataFrame (or LazyFrame) with a "title" column
    import polars as pl

    import newocc

    tags_dtype = pl.Struct(pl.DataFrame(newocc.match_table([])).schema)

    def tag(titles):
        return pl.DataFrame(newocc.match_table(titles.to_arrow())).to_struct("tags")

    tags = pl.col("title").map_batches(tag, return_dtype=tags_dtype)
    return frame.with_columns(tags.alias("tags")).unnest("tags")


# --8<-- [end:polars]
# --8<-- [start:duckdb]
def tag_with_duckdb(connection):  # a DuckDB connection with a table "postings"
    import newocc
    from newocc.frames import SCHEMA

    tags_type = "STRUCT(" + ", ".join(f"{column.name} {column.sql}" for column in SCHEMA) + ")"
    connection.create_function(
        "newocc_tag",
        lambda titles: newocc.match_table(titles).to_struct_array(),  # Arrow in, Arrow out
        ["VARCHAR"],
        tags_type,
        type="arrow",
        null_handling="special",  # a NULL title gets a row too (nulls and the data version)
    )
    return connection.sql("SELECT *, unnest(newocc_tag(title)) FROM postings")


# --8<-- [end:duckdb]


def test_dask_map_partitions_in_worker_processes(postings: Any, expected: list[tuple[object, ...]]) -> None:
    engine("dask")
    dd = engine("dask.dataframe")
    tagged = tag_with_dask(dd.from_pandas(postings, npartitions=4))
    result = tagged.compute(scheduler="processes", num_workers=2)
    assert list(result.columns) == ["id", "title", *NAMES]
    assert rows_of(result, NAMES) == expected
    assert tagged.dtypes[NAMES].equals(newocc.match_frame([]).dtypes)


def test_the_dask_recipe_tags_a_partition_in_one_task(postings: Any) -> None:
    dd = engine("dask.dataframe")
    tagged = tag_with_dask(dd.from_pandas(postings, npartitions=4))
    # A task for each partition's data and one that selects its titles, tags them and
    # joins the tags: no step's result travels on its own.
    assert len(dict(tagged.__dask_graph__())) <= 2 * 4


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    engine("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("NEWOCC_REQUIRE_ENGINES"):
            pytest.fail("Spark needs Java: install openjdk-17-jre-headless")
        pytest.skip("Spark needs Java")
    from pyspark.sql import SparkSession

    # The Python workers run this interpreter, where newocc is installed.
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newocc-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "200")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_spark_map_in_pandas_in_local_mode(
    spark: Any, postings: Any, expected: list[tuple[object, ...]]
) -> None:
    tagged = tag_with_spark(spark.createDataFrame(postings).repartition(3))
    rows = sorted(tagged.collect(), key=lambda row: row["id"])
    assert tagged.columns == ["id", "title", *(f"newocc_{name}" for name in NAMES)]
    assert [tuple(row[f"newocc_{name}"] for name in NAMES) for row in rows] == expected


def test_polars_map_batches(postings: Any, expected: list[tuple[object, ...]]) -> None:
    pl = engine("polars")
    engine("pyarrow")
    frame = pl.from_pandas(postings)
    for tagged in (tag_with_polars(frame), tag_with_polars(frame.lazy()).collect()):
        assert tagged.columns == ["id", "title", *NAMES]
        assert [tuple(row) for row in tagged.sort("id").select(NAMES).iter_rows()] == expected


def test_duckdb_vectorised_udf(postings: Any, expected: list[tuple[object, ...]]) -> None:
    duckdb = engine("duckdb")
    engine("pyarrow")
    connection = duckdb.connect()
    connection.register("postings", postings)
    tagged = tag_with_duckdb(connection).order("id")
    assert tagged.columns == ["id", "title", *NAMES]
    assert [row[2:] for row in tagged.fetchall()] == expected
