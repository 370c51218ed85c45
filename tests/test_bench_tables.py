"""bench.tables times the step a page runs for each table: formatted(), then Streamlit's marshalling."""
from bench import tables as bench_tables


def test_the_table_step_is_timed_on_a_screenful_with_the_pages_columns():
    frame = bench_tables.screenful(25)
    assert len(frame) == 25 and set(bench_tables.MONEY + bench_tables.PERCENT) <= set(frame)
    times = bench_tables.ms_per_table(25, batches=2, per_batch=1)
    assert len(times) == 2 and all(t > 0 for t in times)
    assert bench_tables.main(["--rows", "3", "--batches", "1"]) == 0
