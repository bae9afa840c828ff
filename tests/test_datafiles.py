"""The shipped data files are read from the installed package, and a missing one says so."""

import pytest

from jejak.datafiles import read_data


def test_a_shipped_table_is_read_as_text():
    assert read_data("plover.tsv").splitlines()[0].startswith(("#", "type", "name"))


def test_a_missing_table_is_none_only_when_asked():
    assert read_data("no-such-table.tsv", missing_ok=True) is None
    with pytest.raises(FileNotFoundError):
        read_data("no-such-table.tsv")
