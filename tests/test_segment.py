from jejak.nlp.segment import sentences, tokens


def _sents(text):
    return [text[s:e] for s, e in sentences(text)]


def test_abbreviations_and_numbers_do_not_end_sentences():
    text = ("Pasien dirawat dr. Siti di RSUD Cibinong. Biayanya Rp. 1.250.000 per hari, naik 2,5 persen. "
            "Rumahnya di Jl. Merdeka No. 5 milik H. Ahmad.")
    assert _sents(text) == [
        "Pasien dirawat dr. Siti di RSUD Cibinong.",
        "Biayanya Rp. 1.250.000 per hari, naik 2,5 persen.",
        "Rumahnya di Jl. Merdeka No. 5 milik H. Ahmad.",
    ]


def test_initials_and_paragraphs():
    text = "Kepala desa M. Yusuf hadir. Warga datang.\nRapat dimulai pukul 09.00 WIB"
    assert _sents(text) == ["Kepala desa M. Yusuf hadir.", "Warga datang.", "Rapat dimulai pukul 09.00 WIB"]


def test_quote_closing_stays_with_its_sentence():
    text = '"Kami siap membantu." kata Budi. "Semua sudah diatur," ujarnya.'
    got = _sents(text)
    assert got[0].startswith('"Kami siap membantu."')
    assert got[-1] == '"Semua sudah diatur," ujarnya.'


def test_lowercase_after_period_is_not_a_new_sentence():
    text = "Harga naik 3 pct. dibanding bulan lalu."
    assert len(_sents(text)) == 1


def test_tokens_keep_numbers_whole():
    text = "Rp 1.549,5 triliun (US$97,7 miliar) naik 10%."
    toks = [text[s:e] for s, e in tokens(text)]
    assert "1.549,5" in toks and "97,7" in toks and "10%" in toks and "US" in toks


def test_missing_space_before_a_quote_or_a_sentence_still_splits():
    text = 'Ia menilai kebijakan itu tepat."Kami mendukung penuh," ujarnya.Ia lalu pergi.'
    assert _sents(text) == ['Ia menilai kebijakan itu tepat.', '"Kami mendukung penuh," ujarnya.', 'Ia lalu pergi.']


def test_acting_titles_do_not_end_sentences():
    text = '"Hasilnya baik," ujar Plt. Direktur Jenderal Imigrasi Yuldi Yusman di Jakarta. Ia pulang.'
    assert _sents(text) == ['"Hasilnya baik," ujar Plt. Direktur Jenderal Imigrasi Yuldi Yusman di Jakarta.', "Ia pulang."]
    # but one may close a sentence, before a word that opens one
    end = "Posisi kepala dinas kini dijabat seorang Plt. Ia mulai bertugas pekan lalu."
    assert _sents(end) == ["Posisi kepala dinas kini dijabat seorang Plt.", "Ia mulai bertugas pekan lalu."]


def test_two_apostrophes_open_a_quoted_sentence():
    text = "He left early. ''There is no problem,'' he said."
    assert [text[s:e] for s, e in sentences(text, "en")] == ["He left early.", "''There is no problem,'' he said."]
