"""`highlight`: overlapping annotation spans become flat segments that cover the text exactly once."""

from jejak.web.highlight import Span, highlight


def _flat(segments):
    return [(s.text, sorted(s.kinds)) for s in segments]


def _check_cover(text, segments):
    assert "".join(s.text for s in segments) == text
    pos = 0
    for s in segments:
        assert s.start == pos and s.end > s.start and text[s.start:s.end] == s.text
        pos = s.end
    assert pos == len(text)


def test_no_spans_is_one_plain_segment():
    segs = highlight("plain text", [])
    assert _flat(segs) == [("plain text", [])]
    _check_cover("plain text", segs)


def test_empty_text_gives_no_segments():
    assert highlight("", [(0, 3, "quote")]) == []
    assert highlight("", []) == []


def test_disjoint_spans_leave_plain_gaps():
    text = "Merz said no to troops"
    segs = highlight(text, [(0, 4, "entity", "Friedrich Merz"), (10, 12, "quote")])
    assert _flat(segs) == [("Merz", ["entity"]), (" said ", []), ("no", ["quote"]), (" to troops", [])]
    _check_cover(text, segs)


def test_nested_spans_split_the_outer_one():
    text = "a quote naming Merz inside"
    segs = highlight(text, [(0, 26, "quote", "q"), (15, 19, "entity", "Merz")])
    assert _flat(segs) == [("a quote naming ", ["quote"]), ("Merz", ["entity", "quote"]), (" inside", ["quote"])]
    # the outer span comes first in each segment's spans
    assert [s.kind for s in segs[1].spans] == ["quote", "entity"]
    assert segs[1].labels == ["q", "Merz"]


def test_crossing_spans_are_cut_at_every_edge():
    text = "0123456789"
    segs = highlight(text, [(2, 6, "quote"), (4, 8, "event")])
    assert _flat(segs) == [("01", []), ("23", ["quote"]), ("45", ["event", "quote"]), ("67", ["event"]),
                           ("89", [])]
    _check_cover(text, segs)


def test_same_span_twice_and_same_edges_of_different_kinds():
    text = "Rp 1,5 triliun"
    segs = highlight(text, [(0, 14, "amount", "1.5e12"), (0, 14, "amount", "1.5e12"), (0, 14, "event")])
    assert len(segs) == 1
    assert segs[0].kinds == {"amount", "event"}
    assert segs[0].labels == ["1.5e12"]


def test_spans_past_the_end_or_before_the_start_are_clipped_and_empty_ones_dropped():
    text = "short"
    segs = highlight(text, [(3, 99, "quote"), (-5, 2, "time"), (4, 4, "entity"), (7, 9, "amount"), (3, 1, "x")])
    assert _flat(segs) == [("sh", ["time"]), ("o", []), ("rt", ["quote"])]
    _check_cover(text, segs)


def test_unicode_offsets_are_code_points():
    text = "“Kami tidak 🙂 akan,” kata Müller — selesai."
    start = text.index("Kami")
    end = text.index("”")
    who = text.index("Müller")
    segs = highlight(text, [(start, end, "quote", "Müller"), (who, who + 6, "speaker")])
    _check_cover(text, segs)
    quoted = [s.text for s in segs if "quote" in s.kinds]
    assert quoted == ["Kami tidak 🙂 akan,"]
    assert [s.text for s in segs if "speaker" in s.kinds] == ["Müller"]


def test_span_objects_css_and_data_are_kept():
    segs = highlight("abc def", [Span(0, 3, "quote", "A", "spk-1", {"no": 0}), (4, 7, "quote", "B", "spk-2")])
    assert segs[0].css == "k-quote spk-1"
    assert segs[0].first("quote").data == {"no": 0}
    assert segs[2].css == "k-quote spk-2"
    assert segs[1].css == "" and segs[1].first("quote") is None


def test_many_overlapping_spans_still_cover_once():
    text = "x" * 200
    spans = [(i, i + 37, f"k{i % 5}") for i in range(0, 180, 7)]
    segs = highlight(text, spans)
    _check_cover(text, segs)
    for seg in segs:
        expected = {k for s, e, k in spans if s <= seg.start and seg.end <= e}
        assert seg.kinds == expected
