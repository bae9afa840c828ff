"""Accuracy on the dev gold must not fall below the issue's acceptance figures (skips without ../shared)."""

import pytest

from jejak.eval.run import evaluate_gold


@pytest.fixture(scope="module")
def report(shared):
    return evaluate_gold(shared / "eval" / "dev")


def test_direct_quotes_and_speakers(report):
    c = report.total("direct")
    assert c.f1 >= 0.95 and c.accuracy >= 0.90, report.to_dict()["direct"]


def test_indirect_quotes(report):
    assert report.total("indirect").f1 >= 0.75, report.to_dict()["indirect"]


@pytest.mark.parametrize("category,floor", [("times", 0.90), ("amounts", 0.90), ("entities", 0.80)])
def test_times_amounts_entities(report, category, floor):
    assert report.total(category).f1 >= floor, report.to_dict()[category]


def test_clean_body(report):
    assert report.body_share >= 0.90
