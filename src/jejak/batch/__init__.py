"""Crawl-scale ingestion: partitions analysed on a local process pool or a Dask cluster,
written as Parquet shards and loaded into DuckDB exactly once."""
