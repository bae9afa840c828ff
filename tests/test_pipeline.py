"""The whole pass: indicators from the analysis, HTML input, refusals."""

import pytest

from jejak import NotAnalysable, analyze


def test_a_weekday_that_fits_no_reading_is_flagged_not_changed():
    art = analyze("Peristiwa itu terjadi pada Selasa (13/10/2025) malam di Bogor, kata polisi kepada wartawan.",
                  lang="id", published="2025-10-14")
    assert art.times[0].value == "2025-10-13"
    assert [i.kind for i in art.indicators] == ["weekday-mismatch"]


def test_dateline_brand_that_is_not_the_site_is_flagged():
    text = "JAKARTA, KOMPAS.com - Harga cabai rawit di Pasar Induk Kramat Jati naik menjadi Rp 80.000 per kilogram."
    art = analyze(text, lang="id", published="2025-10-14", url="https://warta-kilat.example/ekonomi/cabai")
    assert any(i.kind == "dateline-mismatch" for i in art.indicators)
    same = analyze(text, lang="id", published="2025-10-14", url="https://money.kompas.com/read/2025/10/14/cabai")
    assert not any(i.kind == "dateline-mismatch" for i in same.indicators)


def test_html_pages_are_read_with_their_metadata():
    html = ("<html><head><title>Warga Bogor Panen Raya</title>"
            "<meta property='article:published_time' content='2025-06-03T08:00:00+07:00'></head><body>"
            "<nav>Beranda | Berita | Olahraga</nav><article><h1>Warga Bogor Panen Raya</h1>"
            "<p>Petani di Kabupaten Bogor memanen padi seluas 1.200 hektare pada Selasa (3/6/2025).</p>"
            "<p>\"Hasil tahun ini lebih baik dari tahun lalu karena hujan cukup,\" kata Kepala Dinas Pertanian "
            "Kabupaten Bogor Asep Suganda.</p></article><footer>Hak cipta dilindungi</footer></body></html>")
    art = analyze(html)
    assert art.published == "2025-06-03" and art.title == "Warga Bogor Panen Raya"
    assert "Beranda" not in art.text and "Hak cipta" not in art.text
    assert art.quotes[0].speaker.name == "Asep Suganda"


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_input_is_refused_with_a_reason(text):
    with pytest.raises(NotAnalysable, match="empty"):
        analyze(text)


def test_another_language_is_refused_with_a_reason():
    with pytest.raises(NotAnalysable, match="not Indonesian or English"):
        analyze("Le gouvernement a annoncé hier que les prix de l'énergie baisseront cet hiver, selon le ministre "
                "qui parlait aux journalistes après la réunion du cabinet.")


@pytest.mark.parametrize("published", ["2025-10-13T10:27:00+07:00", "Senin, 13 Oktober 2025", "10/13/2025 10:27",
                                       "Oct 13, 2025"])
def test_metadata_dates_in_the_forms_feeds_and_csv_exports_use(published):
    art = analyze("Harga beras naik kemarin di Pasar Induk Cipinang, kata pedagang kepada wartawan.", lang="id",
                  published=published)
    assert art.published == "2025-10-13" and art.published_from == "metadata"
    assert [t.value for t in art.times] == ["2025-10-12"]


def test_every_annotation_points_at_its_words_and_sentence():
    text = ("Menteri Keuangan Purbaya Yudhi Sadewa mengatakan anggaran Rp 1,2 triliun cair Senin (20/10/2025). "
            "\"Dana itu untuk 1.500 desa,\" ujarnya.")
    art = analyze(text, lang="id", published="2025-10-21")
    for item in (*art.quotes, *art.times, *art.amounts):
        assert art.text[item.start:item.end] == item.text
        s, e = art.sentence_of(item.start)
        assert s <= item.start and item.end <= e + 1  # a quote may end at its closing mark
    for ent in art.entities:
        assert all(art.text[m.start:m.end] == m.text for m in ent.mentions)
    assert any(art.text[s:e] == "1,2" for s, e in art.tokens())
