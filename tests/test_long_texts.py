"""Long documents cost what their length does: the lookups that replaced whole-text scans give the
answers of the scans they replaced (checked here against those scans on generated cases)."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from jejak.extract.events import QuoteIndex, _Mentions
from jejak.extract.quotes import _Spans
from jejak.nlp import occurrences
from jejak.pipeline import analyze

_CHARS = list("abk-_ 'é1²Ⅻ.İ") + ["\u0301", "ǅ"]


def _scan(text: str, word: str, joiners: str) -> list[int]:
    """Every whole occurrence, by reading each position: the reference."""
    out = []
    for at in range(len(text) - len(word) + 1):
        if text.startswith(word, at):
            before = text[at - 1] if at else ""
            after = text[at + len(word)] if at + len(word) < len(text) else ""
            if not (before and (before.isalnum() or before in joiners)) and \
                    not (after and (after.isalnum() or after in joiners)):
                out.append(at)
    return out


@pytest.mark.parametrize("joiners", ["", "-"])
def test_whole_words_by_one_pass_are_the_words_found_one_by_one(monkeypatch, joiners):
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 40)))
        words = ["".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 4))]
        expected = {w: _scan(text, w, joiners) for w in words if w}
        monkeypatch.setattr(occurrences, "ONE_PASS_FROM", 10**9)
        assert occurrences.whole_starts(text, words, joiners) == expected
        monkeypatch.setattr(occurrences, "ONE_PASS_FROM", -1)
        assert occurrences.whole_starts(text, words, joiners) == expected


def test_spans_answer_as_reading_every_span():
    rng = random.Random(3)
    for _ in range(2000):
        spans = [(a, a + rng.randint(1, 15)) for a in (rng.randint(0, 100) for _ in range(rng.randint(0, 8)))]
        quoted = _Spans(spans)
        for pos in range(-2, 120, 3):
            assert (pos in quoted) == any(a <= pos < b for a, b in spans)
            for end in range(pos + 1, pos + 30, 4):
                assert quoted.overlaps(pos, end) == any(a < end and pos < b for a, b in spans)


def test_quotes_and_mentions_by_position_answer_as_reading_them_in_order():
    rng = random.Random(5)
    for _ in range(2000):
        items = sorted((SimpleNamespace(start=a, end=a + rng.randint(1, 120))
                        for a in (rng.randint(0, 300) for _ in range(rng.randint(0, 8)))), key=lambda q: q.start)
        index, mentions = QuoteIndex(items), _Mentions(items)
        for pos in range(0, 450, 7):
            assert index.at(pos) is next((q for q in items if q.start <= pos < q.end), None)
            last = None
            for q in items:
                if q.end <= pos and pos - q.end < 400:
                    last = q
            assert index.last_before(pos, 400) is last
            wholly_before = [m for m in items if m.start < pos and m.end <= pos]
            assert mentions.last_before(pos) is (wholly_before[-1] if wholly_before else None)
            assert mentions.first_from(pos) is next((m for m in items if m.start >= pos), None)


ARTICLE = (
    "Komisi Pemberantasan Korupsi (KPK) menahan Bupati Contoh Budi Hartono, Senin (3/11/2025). "
    "\u201cKami menahan tersangka selama 20 hari,\u201d kata juru bicara KPK Andi Saputra. "
    "Menurut Andi, penyidik KPK juga menggeledah kantor bupati. Seorang warga berinisial RS ikut diperiksa. "
    "Polisi mengamankan dua orang. Pihaknya berjanji menuntaskan kasus itu, ujar Andi."
)


def test_a_long_document_reads_each_of_its_articles_as_a_short_one_would():
    """Forty copies of one article, joined: every copy gets the quotes, events and acronyms its
    first has (a long text reaches the lookups' second strategy)."""
    one = analyze(ARTICLE, published="2025-11-03", lang="id")
    many = analyze("\n\n".join([ARTICLE] * 40), published="2025-11-03", lang="id")
    opening = "Komisi Pemberantasan Korupsi (KPK) menahan"
    starts = [i for i in range(len(many.text)) if many.text.startswith(opening, i)]
    assert len(starts) == 40 and len(many.quotes) == 40 * len(one.quotes) > 0
    first = one.text.index(opening)
    for at, nxt in zip(starts, starts[1:] + [len(many.text)]):
        mine = [q for q in many.quotes if at <= q.start < nxt]
        assert [(q.start - at, q.end - at, q.speaker.name if q.speaker else None) for q in mine] == \
            [(q.start - first, q.end - first, q.speaker.name if q.speaker else None) for q in one.quotes]
    kpk = next(e for e in many.entities if e.kb_id and "Korupsi" in e.name)
    assert len(kpk.mentions) == 40 * len(next(e for e in one.entities if e.key == kpk.key).mentions)
    assert {e.type for e in many.events} == {e.type for e in one.events}


def test_both_ways_of_finding_words_give_the_same_analysis(monkeypatch):
    text = "\n\n".join([ARTICLE, ARTICLE.replace("Budi Hartono", "Siti Aminah (SA)"), ARTICLE] * 5)
    monkeypatch.setattr(occurrences, "ONE_PASS_FROM", 10**12)
    by_find = analyze(text, published="2025-11-03", lang="id").to_dict()
    monkeypatch.setattr(occurrences, "ONE_PASS_FROM", -1)
    assert analyze(text, published="2025-11-03", lang="id").to_dict() == by_find
