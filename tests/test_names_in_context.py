"""Entities and speakers read in context (issue 13): the learned tagger, regional offices, forms
of one body or person, acronyms the article defines, names by date, and the speaker cases that
unseen news showed. Every text here is our own, written in the style of Indonesian news."""

from __future__ import annotations

import datetime as dt

from jejak.nlp.entities import acronym_definitions, recognise
from jejak.nlp.tagger import default_tagger
from jejak.pipeline import analyze


def _names(text: str, published: dt.date | None = None) -> set[tuple[str, str]]:
    table = recognise(text, published=published)
    return {(e.name, e.type) for e in table.entities.values()}


def _speakers(text: str, published: str = "2025-10-14") -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in analyze(text, lang="id", published=published).quotes]


# ------------------------------------------------------------------------------------ the tagger
def test_tagger_spans_carry_a_probability_and_the_words_outside_names_say_so():
    tagger = default_tagger()
    words = "Rapat itu dipimpin Hendrawan Saputro di Bandung .".split()
    outside = [1.0] * len(words)
    spans = tagger.tag_window(words, [None] * len(words), set(), outside, first=True)
    assert any(words[s:e] == ["Hendrawan", "Saputro"] and lab == "PER" and 0.5 < conf <= 1.0
               for s, e, lab, conf in spans)
    assert outside[3] < 0.5 and outside[0] > 0.5  # `Hendrawan` is a name, `Rapat` (a sentence's first word) is not


def test_plain_words_after_a_head_word_are_vetoed_but_a_person_is_kept():
    names = _names("Tim Monitoring datang ke kantor itu. Pelatih Shin Tae-yong memuji timnya.")
    assert ("Tim Monitoring", "ORG") not in names
    assert ("Shin Tae-yong", "PER") in names


def test_the_tagger_is_asked_only_about_doubtful_names():
    table = recognise("Menteri Keuangan Sri Mulyani Indrawati tiba di Jakarta. Tim Monitoring datang kemudian.")
    kinds = {e.name: e.found_by for e in table.entities.values()}
    assert kinds.get("Sri Mulyani Indrawati") == "kb" and "Tim Monitoring" not in kinds
    assert all(0.0 < e.confidence <= 1.0 for e in table.entities.values())


# ----------------------------------------------------------------------------- linking in context
def test_a_region_s_own_office_is_one_organisation_in_every_form():
    table = recognise("Ketua KPU Kabupaten Tabanan I Gede John Darmawan mengatakan KPU Tabanan sudah siap. "
                      "Kementerian Agama Kota Bandar Lampung juga hadir.")
    names = {(e.name, e.type): len(e.mentions) for e in table.entities.values()}
    assert names.get(("KPU Kabupaten Tabanan", "ORG")) == 2
    assert ("I Gede John Darmawan", "PER") in names
    assert ("Kementerian Agama Kota Bandar Lampung", "ORG") in names
    assert ("Komisi Pemilihan Umum", "ORG") not in names


def test_a_foreign_ministry_is_not_the_indonesian_one():
    table = recognise("Kementerian Kebudayaan Prancis menyatakan delapan benda telah dicuri.")
    ent = next(e for e in table.entities.values() if e.type == "ORG")
    assert ent.name == "Kementerian Kebudayaan Prancis" and ent.country == "FRA"


def test_short_and_long_forms_of_one_body_merge():
    table = recognise("Pemprov Riau menggelar rapat darurat. Pemerintah Provinsi Riau juga meminta bantuan "
                      "Kejari Pekanbaru dan Kejaksaan Negeri Kota Pekanbaru.")
    orgs = {e.name: len(e.mentions) for e in table.entities.values() if e.type == "ORG"}
    assert orgs.get("Pemerintah Provinsi Riau") == 2
    assert orgs.get("Kejaksaan Negeri Kota Pekanbaru") == 2


def test_an_acronym_the_article_defines_is_not_the_knowledge_base_s():
    text = "Memasuki musim kemarau (MK), petani diminta waspada. BMKG memprediksi MK datang lebih awal."
    assert acronym_definitions(text) == {"MK": "musim kemarau"}
    assert not any(t == "ORG" and "Konstitusi" in n for n, t in _names(text))
    court = "Mahkamah Konstitusi (MK) menolak gugatan itu. MK menilai dalil pemohon tidak beralasan."
    assert ("Mahkamah Konstitusi", "ORG") in _names(court)


def test_a_numbered_company_is_not_the_body_of_its_short_name():
    names = _names("PT Angkasa Pura II (AP II) menambah penerbangan. Direktur Utama AP II mengatakan hal itu.")
    assert ("PT Angkasa Pura II", "ORG") in names and ("Associated Press", "ORG") not in names
    assert not any(n == "InJourney" for n, _ in names)


def test_a_known_name_is_the_one_used_on_the_article_s_date():
    text = "Unggahan itu viral di Twitter sejak Senin."
    assert ("Twitter", "PRD") in _names(text, dt.date(2019, 5, 1))
    assert ("X", "PRD") in _names(text, dt.date(2024, 5, 1))


def test_one_person_named_two_ways_is_one_entity():
    table = recognise("Wakil Ketua KPK Alexander Marwata mengatakan penyidik bekerja. \"Kami panggil lagi,\" "
                      "kata Alex. \"Kami hadir,\" kata Bernad Darmawan Sutrisno. Bernad Dermawan Sutrisno "
                      "mengatakan sanksi itu berat.")
    persons = {e.name: len(e.mentions) for e in table.entities.values() if e.type == "PER"}
    assert persons.get("Alexander Marwata") == 2 and "Alex" not in persons
    assert len([p for p in persons if p.startswith("Bernad")]) == 1


def test_a_law_is_no_name():
    names = _names("DPR mengesahkan UU Minerba dan Undang-Undang Cipta Kerja pekan lalu.")
    assert not any("Minerba" in n or "Cipta Kerja" in n for n, _ in names)


# ---------------------------------------------------------------------------------------- speakers
def test_a_title_before_a_body_and_a_name_after_the_comma_gives_the_name():
    assert _speakers('"Pengemudi sudah kami periksa," kata Kaur Bin Ops Satlantas Polres Jakarta Selatan, '
                     "Ipda Deni Setiawan, Senin (3/6/2019).") == ["Deni Setiawan"]


def test_a_faith_is_no_speaker():
    assert "Islam" not in _speakers("Menurut Islam, zakat wajib dibayar setiap tahun oleh yang mampu. "
                                    '"Zakat membersihkan harta," kata ustaz Abdul Somad.')


def test_a_bare_title_is_the_person_the_article_gave_it():
    text = ("Karo Ops Polda Babel Kombes Hadi Utomo memimpin tim pemantau. \"Semua berjalan baik,\" ujarnya.\n"
            "Menurut Karo, pelayanan di Polda Babel mengalami peningkatan sejak tahun lalu.")
    assert _speakers(text) == ["Hadi Utomo", "Hadi Utomo"]


def test_a_voice_introduced_by_a_passive_speech_verb_takes_the_next_pronoun():
    text = ('Menteri Pariwisata Widiyanti Putri Wardhana mengatakan kunjungan wisatawan naik. "Kita dorong '
            'terus," ujarnya.\nHal senada diungkapkan Sekretaris Kementerian Pariwisata Bayu Aji. Dia menyebut '
            "bahwa pengembangan pariwisata tidak bisa berdiri sendiri tanpa tata kelola yang baik.")
    assert _speakers(text)[-1] == "Bayu Aji"


def test_every_entity_and_quote_carries_a_confidence():
    article = analyze('"Kami sudah siapkan anggarannya," kata Joko Widodo di Istana Merdeka. Ia mengatakan '
                      "bendungan itu selesai tahun depan.", lang="id", published="2019-05-02")
    record = article.to_dict()
    assert record["entities"] and record["quotes"]
    for item in (*record["entities"], *record["quotes"]):
        assert 0.0 < item["confidence"] <= 1.0


def test_a_body_named_with_dan_is_one_organisation_and_two_bodies_are_two():
    names = _names("Rapat dihadiri Dinas Perindustrian dan Perdagangan Provinsi Riau. Pemerintah dan Badan "
                   "Pengawas Obat dan Makanan juga hadir.")
    assert ("Dinas Perindustrian dan Perdagangan Provinsi Riau", "ORG") in names
    assert not any(n.startswith("Pemerintah dan") for n, _ in names)


def test_places_keep_their_whole_name():
    names = _names("Banjir melanda Kecamatan Tenayan Raya dan Kecamatan Marpoyan Damai. Toko itu berada di "
                   "Jalan KH Ahmad Dahlan dan Jalan Kolonel Masturi. Bantuan dikirim ke Kabupaten Bima, Kota "
                   "Bima dan Lombok Barat, lewat pintu Tol Cilegon Timur.")
    for name, type_ in [("Kecamatan Tenayan Raya", "GPE"), ("Kecamatan Marpoyan Damai", "GPE"),
                        ("Jalan KH Ahmad Dahlan", "LOC"), ("Jalan Kolonel Masturi", "LOC"),
                        ("Kabupaten Bima", "GPE"), ("Lombok Barat", "GPE"), ("Tol Cilegon Timur", "LOC")]:
        assert (name, type_) in names, name
    assert ("Ahmad Dahlan", "PER") not in names and ("Lombok", "LOC") not in names


def test_a_name_with_an_event_word_and_a_year_is_an_event():
    names = _names("Timnas lolos ke Piala Dunia 2026. Mahakam Investment Forum 2025 digelar di Samarinda "
                   "menjelang Pemilu 2029. Harga naik sejak Januari 2025.")
    assert {("Piala Dunia 2026", "EVT"), ("Mahakam Investment Forum 2025", "EVT"), ("Pemilu 2029", "EVT")} <= names
    assert not any(t == "EVT" and "Januari" in n for n, t in names)


def test_menurut_without_a_comma_and_a_rank_before_a_name_after_a_body():
    assert _speakers("Presiden Prabowo berbicara di sidang itu. Menurut Prabowo keberadaan tanggul laut dapat "
                     "menyelamatkan jutaan orang.") == ["Prabowo Subianto"]
    assert "Menurut data" not in " ".join(str(s) for s in _speakers("Menurut data BPS angka kemiskinan turun."))
    names = _names("Sementara itu, Karo Rena Polda Babel Kombes Yeyen Lesmana menuturkan hal itu.")
    assert ("Yeyen Lesmana", "PER") in names and ("Polda Babel", "ORG") in names


def test_a_body_with_its_acronym_in_a_role_phrase_is_no_person_and_the_name_after_it_is():
    names = _names("Merespons hasil survei, Direktur Riset Indonesia Presidential Studies (IPS) Arman Salam, "
                   "menilai hal itu wajar.")
    assert ("Indonesia Presidential Studies", "ORG") in names and ("Arman Salam", "PER") in names
    assert not any(t == "PER" and "Studies" in n for n, t in names)
    assert ("Nusa Tenggara Timur", "GPE") in _names("Gubernur Nusa Tenggara Timur (NTT) Emanuel Melkiades Laka Lena hadir.")


def test_a_person_named_in_full_is_found_again_by_initials():
    assert _speakers("Anggota Komisi V DPR Bambang Haryo Soekartono menilai pemindahan IKN perlu dikaji. "
                     "BHS pun mengusulkan agar kebijakan itu dievaluasi pemerintah pusat.") \
        == ["Bambang Haryo Soekartono", "Bambang Haryo Soekartono"]


def test_a_title_with_a_name_is_that_person_not_the_office_s_holder():
    text = ('Wakil Ketua KPK Laode M. Syarif mengatakan penyidik masih mendalami aliran dana. "Kami akan '
            'panggil lagi," ujar Laode.')
    assert set(_speakers(text, published="2019-05-02")) == {"Laode M. Syarif"}
    assert _speakers('"Kami mendukung kebijakan ini," kata Presiden HCI, Melli Darsa, di Jakarta.') == ["Melli Darsa"]


def test_thousands_of_repeated_names_keep_every_mention():
    text = " ".join(["KPU Kabupaten Tabanan hadir bersama Tim Monitoring pada Pemilu 2029."] * 1500)
    table = recognise(text)
    kinds = {e.name: len(e.mentions) for e in table.entities.values()}
    assert kinds.get("KPU Kabupaten Tabanan") == 1500 and kinds.get("Pemilu 2029") == 1500
    starts = [m.start for m in table.mentions]
    assert starts == sorted(starts) and len(starts) == len(set(starts))


def test_a_speaker_only_described_is_marked_so_and_a_body_speaks_as_a_body():
    from jejak.confidence import quote_confidence

    quotes = analyze('"Kasus ini masih kami dalami," kata pihak kepolisian, Senin (3/6/2019). "Saya kaget," '
                     "kata seorang warga.", lang="id").quotes
    kinds = [(q.speaker.name, q.speaker.type, q.via) for q in quotes]
    assert kinds == [("pihak kepolisian", "ORG", "description"), ("seorang warga", "PER", "description")]
    # the gold names such a speaker by the description too; its confidence is how often that was right
    assert all(q.confidence == quote_confidence(q.kind, "description") for q in quotes)


def test_a_city_s_body_and_a_regency_s_are_two_and_initials_need_three_letters():
    names = _names("Pemkot Bandung dan Pemkab Bandung bertemu. Kepala Wahyu Indra Baskoro hadir pukul 10.00 WIB.")
    assert ("Pemkot Bandung", "ORG") in names and ("Pemkab Bandung", "ORG") in names
    table = recognise("Kepala Wahyu Indra Baskoro hadir pukul 10.00 WIB.")
    assert all(m.text != "WIB" for m in table.mentions)
    persons = {e.name for e in recognise("Rini Susanti dan Rina Susanti, kakak beradik, hadir.").entities.values()}
    assert {"Rini Susanti", "Rina Susanti"} <= persons


def test_an_opener_before_an_event_is_left_out():
    assert ("Piala Dunia 2026", "EVT") in _names("Menjelang Piala Dunia 2026 timnas berlatih keras.")
    assert ("Festival Film & Musik 2025", "EVT") in _names("Festival Film & Musik 2025 digelar di Solo.")


def test_threads_read_names_alike():
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Tim Monitoring datang ke Kabupaten Bima. Kepala Dinas Sosial Kota Bima Ahmad Yani{i} hadir."
             for i in range(40)]
    alone = [sorted((e.name, e.type) for e in recognise(t).entities.values()) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda t: sorted((e.name, e.type) for e in recognise(t).entities.values()), texts))
    assert together == alone


def test_a_body_whose_name_lists_its_fields_is_one_and_a_list_of_bodies_is_several():
    assert ("Biro Pers, Media, dan Informasi Sekretariat Presiden", "ORG") in _names(
        "Hal itu dikutip dari kanal Biro Pers, Media, dan Informasi Sekretariat Presiden, Selasa.")
    names = _names("Rapat dihadiri Kementerian Keuangan, Kementerian Dalam Negeri, dan Badan Pusat Statistik.")
    assert {("Kementerian Keuangan", "ORG"), ("Badan Pusat Statistik", "ORG")} <= names
    assert ("Jakarta", "GPE") in _names("Dinas Pendidikan, Jakarta, dan Bandung hadir.")


def test_balinese_markers_and_name_particles_stay_inside_a_name():
    text = ("Kapolsek Kuta Kompol I Ketut Sukadi mengatakan korban jatuh dari lantai empat. "
            "Ekonom Charlotte de Montpellier mengatakan franc menguat. Bupati Bangli I Wayan Diar hadir.")
    people = {e.name for e in analyze(text, lang="id", published="2025-10-15").entities if e.type == "PER"}
    assert {"I Ketut Sukadi", "Charlotte de Montpellier", "I Wayan Diar"} <= people
    assert not people & {"Ketut Sukadi", "Montpellier", "Charlotte"}


def test_a_district_is_a_place_only_where_a_place_stands():
    text = ("Kebakaran terjadi di Cibitung, Bekasi, pada Senin (13/10/2025). Sejumlah warga Pedurungan ikut membantu. "
            "Petugas dari Polda Metro Jaya datang ke lokasi. Menurut Budi, apinya cepat padam.")
    places = {e.name for e in analyze(text, lang="id", published="2025-10-15").entities if e.type == "GPE"}
    assert {"Cibitung", "Pedurungan", "Bekasi"} <= places
    assert "Jaya" not in places and "Metro Jaya" not in places  # the tail of a body's name


def test_category_acronyms_after_a_label_and_compass_words_are_no_one_and_nowhere():
    text = ("Ribuan korban PHK di Jawa Barat mengadu. Pelaku TPPO dan korban KDRT didata. Tersangka WNA asal "
            "China ditahan. Tekanan dari Barat terhadap Rusia meningkat.")
    names = {(e.name, e.type) for e in analyze(text, lang="id", published="2025-10-15").entities}
    assert not {n for n, t in names if t == "PER"}
    assert ("Barat", "GPE") not in names
    assert ("FM", "PER") in {(e.name, e.type) for e in analyze("Tersangka FM telah ditahan polisi di Bekasi.",
                                                              lang="id", published="2025-10-15").entities}

