"""The first user story: the machine-spun seed article read right (skips without ../shared)."""

import json

import pytest

from jejak import analyze
from jejak.eval.score import score_article


@pytest.fixture(scope="module")
def seed(seed_text):
    return analyze(seed_text)


@pytest.fixture(scope="module")
def gold(shared):
    return json.loads((shared / "eval" / "dev" / "seed-000.gold.json").read_text(encoding="utf-8"))


def test_published_date_comes_from_the_weekday_checked_dateline_date(seed):
    assert seed.published == "2024-12-04"
    assert seed.published_from == "dateline"
    assert seed.dateline.place == "Jakarta" and seed.dateline.outlet == "ILLINI NEWS"


def test_every_quote_found_with_its_speaker(seed, gold):
    score = score_article(seed.to_dict(), gold)
    for kind in ("direct", "indirect"):
        c = score.counts[kind]
        assert c.tp == c.gold, score.misses
        assert c.correct == c.tp, score.misses


def test_both_amounts_read_by_their_stated_equivalence(seed):
    values = {(a.text, a.value, a.currency) for a in seed.amounts}
    assert ("US$97,7 miliar", 97_700_000_000.0, "USD") in values
    assert ("Rp 1,549 triliun", 1_549_000_000_000_000.0, "IDR") in values


def test_trailer_is_gone_and_kept_as_removals(seed, gold):
    assert seed.text.rstrip().endswith(gold["body_ends_with"])
    for junk in ("Tonton video", "Artikel selanjutnya", "luar biasa", "saya dalam situasi perang ini"):
        assert junk not in seed.text
    removed = " ".join(r.text for r in seed.removals)
    assert "Tonton video di bawah ini" in removed and "(luar biasa / luar biasa)" in removed


def test_at_least_four_copy_indicators(seed):
    kinds = {i.kind for i in seed.indicators}
    assert {"translated-author-code", "date-format-mismatch", "foreign-furniture", "garbled-attribution"} <= kinds


def test_metonyms_and_partial_names_link(seed):
    names = {e.name for e in seed.entities}
    assert {"Russia", "Ukraine", "Germany", "NATO", "Annalena Baerbock", "Olaf Scholz"} <= names
    russia = next(e for e in seed.entities if e.name == "Russia")
    assert "Moskow" in {m.text for m in russia.mentions}


def test_the_six_events_of_the_seed_with_their_modes(seed):
    got = sorted((e.type, e.mode, e.source.country or e.source.name, e.target.country if e.target else None)
                 for e in seed.events)
    assert got == sorted([
        ("CONSULT", None, "NATO", None),
        ("SUPPORT", None, "NATO", "UKR"),
        ("ASSAULT", None, "RUS", "UKR"),
        ("ASSAULT", None, "RUS", "UKR"),
        ("AID", "intent", "DEU", "UKR"),
        ("REJECT", None, "DEU", "UKR"),
    ])
    evidence = {seed.text[e.start:e.end] for e in seed.events}
    assert any("mengesampingkan kemungkinan pengiriman pasukan ke Ukraina" in t for t in evidence)
    assert any("terbuka terhadap gagasan pengiriman pasukan penjaga perdamaian ke Ukraina" in t for t in evidence)
