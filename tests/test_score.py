from jejak.eval.score import score_article

GOLD = {
    "id": "g1",
    "published": "2025-10-20",
    "body_ends_with": "kata Budi.",
    "furniture": ["SCROLL TO CONTINUE WITH CONTENT"],
    "quotes": [
        {"quote": "Kami akan menambah anggaran tahun depan,", "speaker": "Budi Santoso", "kind": "direct"},
        {"quote": "harga beras turun pekan ini", "speaker": "Sri Wahyuni", "kind": "indirect",
         "speaker_aliases": ["Yuni"]},
    ],
    "times": [{"text": "Senin (20/10/2025)", "value": "2025-10-20"}],
    "amounts": [{"text": "Rp 5 triliun", "value": 5e12, "currency": "IDR"}],
    "entities": [{"name": "Budi Santoso", "type": "PER", "aliases": ["Budi"]},
                 {"name": "Sri Wahyuni", "type": "PER", "aliases": []}],
}
TEXT = ('Senin (20/10/2025) anggaran Rp 5 triliun disetujui. "Kami akan menambah anggaran tahun depan," '
        'kata Budi.')


def _record(**over):
    rec = {
        "id": "g1", "published": "2025-10-20", "text": TEXT,
        "quotes": [
            {"text": "Kami akan menambah anggaran tahun depan,", "kind": "direct", "start": 0, "end": 1,
             "speaker": {"name": "Santoso"}},
            {"text": "harga beras turun", "kind": "indirect", "start": 0, "end": 1, "speaker": {"name": "Yuni"}},
        ],
        "times": [{"text": "Senin (20/10/2025)", "value": "2025-10-20", "start": 0, "end": 18}],
        "amounts": [{"text": "Rp 5 triliun", "value": 5.01e12, "currency": "IDR", "start": 28, "end": 40}],
        "entities": [{"name": "Budi", "type": "PER"}, {"name": "Jakarta", "type": "GPE"}],
    }
    rec.update(over)
    return rec


def test_quotes_match_by_jaccard_and_speakers_by_alias_or_unambiguous_surname():
    s = score_article(_record(), GOLD)
    assert (s.counts["direct"].tp, s.counts["direct"].correct) == (1, 1)  # surname alone, unambiguous
    # "harga beras turun" vs "harga beras turun pekan ini": Jaccard 3/5 = 0.6 → matched; alias speaker
    assert (s.counts["indirect"].tp, s.counts["indirect"].correct) == (1, 1)


def test_wrong_speaker_counts_as_matched_but_not_correct():
    rec = _record()
    rec["quotes"][0]["speaker"] = {"name": "Sri Wahyuni"}
    s = score_article(rec, GOLD)
    assert s.counts["direct"].tp == 1 and s.counts["direct"].correct == 0
    assert any("speaker" in m for m in s.misses)


def test_times_and_amounts_need_overlap_and_value():
    s = score_article(_record(), GOLD)
    assert s.counts["times"].tp == 1 and s.counts["amounts"].tp == 1  # 0.2 % off is within 0.5 %
    rec = _record(amounts=[{"text": "Rp 5 triliun", "value": 5.1e12, "currency": "IDR", "start": 28, "end": 40}])
    assert score_article(rec, GOLD).counts["amounts"].tp == 0
    rec = _record(times=[{"text": "Senin", "value": "2025-10-20", "start": 60, "end": 65}])
    assert score_article(rec, GOLD).counts["times"].tp == 0  # no overlap with the gold text


def test_entities_by_alias_and_type_and_body_check():
    s = score_article(_record(), GOLD)
    c = s.counts["entities"]
    assert (c.tp, c.pred, c.gold) == (1, 2, 2)
    assert s.body_ok
    bad = _record(text=TEXT + "\nSCROLL TO CONTINUE WITH CONTENT")
    assert not score_article(bad, GOLD).body_ok


def test_a_gold_name_matches_the_knowledge_base_entity_it_names_unless_the_reader_meant_a_narrower_body():
    # a reader blind to the KB writes `DPR`; jejak writes the KB's canonical name for that entity
    gold = {"id": "g2", "entities": [{"name": "DPR", "type": "ORG", "aliases": ["Dewan Perwakilan Rakyat"]},
                                     {"name": "Komisi I", "type": "ORG", "aliases": ["Komisi I DPRD Solo"]}]}
    rec = {"id": "g2", "text": "", "entities": [
        {"name": "Dewan Perwakilan Rakyat Republik Indonesia", "type": "ORG", "kb_id": "org:idn-dpr"},
        {"name": "Komisi I DPR RI", "type": "ORG", "kb_id": "org:idn-dpr-k1"}]}
    c = score_article(rec, gold).counts["entities"]
    assert (c.tp, c.pred, c.gold) == (1, 2, 2)  # the city council's committee is not the national one
    wrong_type = {**rec, "entities": [{**rec["entities"][0], "type": "GPE"}]}
    assert score_article(wrong_type, gold).counts["entities"].tp == 0


def test_a_speaker_named_as_the_reader_wrote_it_matches_the_knowledge_base_person():
    gold = {"id": "g3", "entities": [{"name": "Sri Mulyani", "type": "PER",
                                      "aliases": ["Menteri Keuangan Sri Mulyani"]}],
            "quotes": [{"quote": "Anggaran tahun depan akan kami tambah", "kind": "direct", "speaker": "Sri Mulyani",
                        "speaker_aliases": ["Menteri Keuangan Sri Mulyani"]}]}

    def rec(speaker):
        return {"id": "g3", "text": "", "quotes": [{"text": "Anggaran tahun depan akan kami tambah", "kind": "direct",
                                                   "start": 0, "end": 1, "speaker": speaker}]}

    right = {"name": "Sri Mulyani Indrawati", "kb_id": "per:sri-mulyani-indrawati"}
    assert score_article(rec(right), gold).counts["direct"].correct == 1
    wrong = {"name": "Joko Widodo", "kb_id": "per:joko-widodo"}
    assert score_article(rec(wrong), gold).counts["direct"].correct == 0


def test_kb_matching_refuses_shared_names_and_a_local_body_behind_an_alias():
    # `PBB` is both the United Nations and a party in the KB: it names neither for the scorer
    gold = {"id": "g4", "entities": [{"name": "PBB", "type": "ORG", "aliases": []}]}
    rec = {"id": "g4", "text": "", "entities": [{"name": "Partai Bulan Bintang", "type": "ORG", "kb_id": "org:idn-pbb-party"}]}
    assert score_article(rec, gold).counts["entities"].tp == 0
    # the speaker `Bawaslu` is the reader's short form of a city's Bawaslu, not the national body
    gold = {"id": "g5", "entities": [{"name": "Bawaslu Kota Solo", "type": "ORG", "aliases": ["Bawaslu"]}],
            "quotes": [{"quote": "Pengawasan kami perketat menjelang pencoblosan", "kind": "direct", "speaker": "Bawaslu"}]}
    rec = {"id": "g5", "text": "", "quotes": [{"text": "Pengawasan kami perketat menjelang pencoblosan", "kind": "direct",
                                               "start": 0, "end": 1,
                                               "speaker": {"name": "Badan Pengawas Pemilihan Umum", "kb_id": "org:idn-bawaslu"}}]}
    assert score_article(rec, gold).counts["direct"].correct == 0


def test_a_name_the_kb_gives_two_entities_counts_for_the_one_of_the_readers_country():
    gold = {"id": "g6", "entities": [{"name": "Partai Demokrat", "type": "ORG", "country": "IDN", "aliases": []}]}
    rec = {"id": "g6", "text": "", "entities": [{"name": "Demokrat", "type": "ORG", "kb_id": "org:idn-demokrat"}]}
    assert score_article(rec, gold).counts["entities"].tp == 1
    rec = {"id": "g6", "text": "", "entities": [{"name": "Democratic Party", "type": "ORG", "kb_id": "org:usa-democratic"}]}
    assert score_article(rec, gold).counts["entities"].tp == 0
