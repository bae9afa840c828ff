"""The PolNeAR reading behind tools/score_polnear.py, on a tiny annotation written by us."""

from __future__ import annotations

from jejak.eval.polnear import (PolnearArticle, QuoteCounts, gold_record, parse_attributions,
                                same_speaker, score_quotes)

TEXT = ('Title\n\n"We will win," Smith said. Smith\'s aide, Jane Doe, said the plan would work. '
        'He said the vote was close.')


def _ann() -> str:
    def span(s: str, start: int = 0) -> str:
        at = TEXT.index(s, start)
        return f"{at} {at + len(s)}"
    return "\n".join([
        f"T1\tSource {span('Smith')}\tSmith", f"T2\tContent {span('We will win,')}\tx", f"T3\tCue {span('said')}\tsaid",
        "E1\tAttribution:T3 Content:T2 Source:T1 Cue:T3",
        f"T4\tSource {span('Smith' + chr(39) + 's aide, Jane Doe')}\tx",
        f"T5\tContent {span('the plan would work')}\tx", f"T6\tCue {span('said', TEXT.index('Jane'))}\tsaid",
        "E2\tAttribution:T6 Content:T5 Source:T4 Cue:T6",
        f"T7\tSource {span('He')}\tHe", f"T8\tContent {span('the vote was close')}\tx", f"T9\tCue {span('said', TEXT.index('He said'))}\tsaid",
        "E3\tAttribution:T9 Content:T8 Source:T7 Cue:T9",
    ])


def test_attributions_become_direct_and_indirect_quotes_with_their_speakers():
    atts = parse_attributions(TEXT, _ann())
    assert [a.quoted for a in atts] == [["We will win"], [], []]
    art = PolnearArticle("x", "Title", TEXT, TEXT.index('"'), atts)
    gold = gold_record(art)
    assert [(q["kind"], q["speaker"], q["by_pronoun"]) for q in gold["quotes"]] == [
        ("direct", "Smith", False), ("indirect", "Jane Doe", False), ("indirect", "Jane Doe", True)]


def test_a_name_matches_its_fuller_or_titled_form_but_not_another():
    assert same_speaker("Ted Cruz", "Cruz") and same_speaker("Nigel Farage", "Mr Farage")
    assert same_speaker("Recep Tayyip Erdoğan", "Erdogan")
    assert not same_speaker("Hillary Clinton", "Bill Clinton") and not same_speaker(None, "Cruz")


def test_scoring_counts_matches_and_speakers():
    gold = {"quotes": [{"quote": "We will win", "kind": "direct", "speaker": "Smith", "speaker_scored": True,
                        "by_pronoun": False, "source_text": "Smith"}]}
    record = {"quotes": [{"kind": "direct", "text": "We will win,", "speaker": {"name": "John Smith"}},
                         {"kind": "direct", "text": "Something else entirely", "speaker": None}]}
    c = score_quotes(record, gold, "direct")
    assert (c.tp, c.pred, c.gold, c.speakers_right, c.named_right) == (1, 2, 1, 1, 1)
    total = QuoteCounts()
    total.add(c)
    total.add(c)
    assert total.precision == 0.5 and total.speaker_accuracy == 1.0


def test_a_titled_name_before_of_is_the_person_not_where_they_are_from():
    from jejak.eval.polnear import _name_of
    assert _name_of("Mr. Nevins of Showtime") == "Mr. Nevins"
    assert _name_of("former Gov. Bill Richardson of New Mexico") == "Gov. Bill Richardson"
    assert same_speaker("John Kerry", _name_of("Secretary of State John Kerry"))  # a title alone before `of`
    assert _name_of("the University of Michigan") == "Michigan"  # no person's title: as before
