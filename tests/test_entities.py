"""Entities: knowledge-base names, unknown people and bodies from Indonesian cues, linking."""

import pytest

from jejak.nlp.entities import recognise


def _names(text):
    table = recognise(text)
    return {(e.name, e.type) for e in table.entities.values()}, table


def test_role_phrase_gives_the_person_and_the_country():
    names, _ = _names("Menteri Luar Negeri Jerman Annalena Baerbock tiba di Jakarta. Baerbock lalu bertemu wartawan.")
    assert ("Annalena Baerbock", "PER") in names and ("Germany", "GPE") in names and ("Jakarta", "GPE") in names


def test_short_forms_link_to_the_full_name():
    _, table = _names("Kepala Dinas Kesehatan Kota Bogor Retno Handayani meninjau puskesmas. "
                      "\"Stok vaksin aman,\" kata Retno.")
    person = next(e for e in table.entities.values() if e.type == "PER")
    assert person.name == "Retno Handayani" and [m.text for m in person.mentions] == ["Retno Handayani", "Retno"]


def test_organisation_names_keep_the_places_inside_them():
    names, _ = _names("Gugatan itu disidangkan di Pengadilan Negeri Cibinong, sementara PT Kereta Api Indonesia "
                      "(Persero) menunggu putusan.")
    assert ("Pengadilan Negeri Cibinong", "ORG") in names
    assert ("PT Kereta Api Indonesia (Persero)", "ORG") in names
    assert ("Indonesia", "GPE") not in names


def test_acronym_defined_in_brackets_links_back():
    _, table = _names("Badan Pengelola Investasi Daya Anagata Nusantara (Danantara) menyiapkan dua opsi. "
                      "Danantara akan mengumumkannya pekan depan.")
    body = next(e for e in table.entities.values() if "Anagata" in e.name)
    assert len(body.mentions) == 3


def test_capitals_stand_for_their_country_but_jakarta_is_itself():
    names, table = _names("Moskow menolak usulan itu, sementara Kyiv menyambutnya. Delegasi bertemu di Jakarta.")
    assert ("Russia", "GPE") in names and ("Ukraine", "GPE") in names and ("Jakarta", "GPE") in names


def test_title_case_phrases_are_not_people():
    names, _ = _names("Rapat Paripurna membahas Bahan Bakar Minyak bersubsidi di Gedung Nusantara.")
    assert not any(t == "PER" for _, t in names)


def test_office_holder_by_date_is_used_by_the_quote_layer_not_guessed_here():
    names, table = _names("Presiden Rusia berbicara kepada wartawan.")
    assert ("Russia", "GPE") in names and table.offices and not any(t == "PER" for _, t in names)


def test_a_capital_after_a_locative_is_the_city_and_inside_a_name_is_nothing():
    names, _ = _names("Delegasi itu tiba di Phnom Penh pada Senin. Laporan Washington Post menyebut Moskow menolak.")
    assert ("Phnom Penh", "GPE") in names and ("Cambodia", "GPE") not in names
    assert ("United States", "GPE") not in names and ("Russia", "GPE") in names


def test_brackets_define_an_acronym_only_for_the_whole_name_before_them():
    _, table = _names("Pameran Trade Expo Indonesia (TEI) dibuka hari ini. TEI diikuti 1.500 peserta. "
                      "Menko Agus Harimurti Yudhoyono (AHY) hadir, dan AHY memberi sambutan.")
    indonesia = [e for e in table.entities.values() if e.name == "Indonesia"]
    assert all(m.text == "Indonesia" for e in indonesia for m in e.mentions)
    ahy = next(e for e in table.entities.values() if e.name == "Agus Harimurti Yudhoyono")
    assert [m.text for m in ahy.mentions].count("AHY") == 2


def test_initials_with_an_age_are_a_person_not_a_country():
    names, _ = _names("Polisi menangkap AS (25) dan MA (31) di Bekasi.")
    assert ("AS", "PER") in names and ("MA", "PER") in names and ("United States", "GPE") not in names


def test_known_names_inside_longer_names_and_people_with_ages():
    names, _ = _names("\"Saya kaget,\" kata Vatikan (27), warga setempat. Edi Suharto ditangkap polisi. "
                      "Warga Padang Pancuran menolak proyek itu, sementara pasukan menduduki wilayah Kursk Rusia.")
    assert ("Vatikan", "PER") in names and ("Vatican City", "GPE") not in names
    assert ("Edi Suharto", "PER") in names and ("Soeharto", "PER") not in names
    assert ("Padang", "GPE") not in names
    assert ("Kursk", "LOC") in names and ("Russia", "GPE") in names


def test_common_words_inside_names_and_bodies_before_names():
    names, _ = _names("Direktur Riset Ali Noer Zaman hadir. Pelatih Shin Tae-yong memuji timnya. "
                      "Anselmus Menge, mantan Ketua Kelompok Tani Fa Masa, datang terlambat.")
    assert {("Ali Noer Zaman", "PER"), ("Shin Tae-yong", "PER"), ("Kelompok Tani Fa Masa", "ORG")} <= names
    assert not any(n in ("Fa Masa", "Tani Fa Masa") for n, _ in names)


def test_a_place_that_closes_a_role_phrase_is_kept_and_the_name_follows():
    names, _ = _names("Kepala Pelaksana BPBD Sumbar Rumainur mengatakan tim sudah tiba. "
                      "Kepala Dinas Kesehatan DKI Jakarta Widyastuti meninjau lokasi.")
    assert {("Rumainur", "PER"), ("Sumatera Barat", "GPE"), ("Dinas Kesehatan DKI Jakarta", "ORG")} <= names


@pytest.mark.xfail(reason="known gap: the tagger, retrained on our 440 articles, doubts a lone name after an office "
                          "phrase with no speech verb by it, and verify_rule_names drops it; keeping such names on the "
                          "rules' word alone gave 10 false persons and no true one over 620 read articles",
                   strict=True)
def test_a_lone_name_after_an_office_phrase_with_no_speech_verb_is_kept():
    names, _ = _names("Kepala Dinas Kesehatan DKI Jakarta Widyastuti meninjau lokasi.")
    assert ("Widyastuti", "PER") in names


def test_a_name_takes_no_office_word_or_roman_numeral_from_before_it():
    from jejak.nlp.entities import _opens_no_name

    assert _opens_no_name("Intelijen") and _opens_no_name("V") and _opens_no_name("XII")
    assert not _opens_no_name("I")  # the Balinese `I` before a given name is read apart
    assert not any(_opens_no_name(w) for w in ("Rahmat", "Vina", "Vivi", "Xavier", "Ivan", ""))
    text = ("Kasi Intelijen Ahmad Fauzi Rahman mengatakan berkas perkara sudah lengkap. "
            "Koordinator Satgas Wilayah V Dian Permata Sari menambahkan, pemeriksaan saksi berlanjut pekan depan.")
    names, _ = _names(text)
    assert {("Ahmad Fauzi Rahman", "PER"), ("Dian Permata Sari", "PER")} <= names, names


def test_a_unit_written_before_a_body_is_a_body_of_its_own():
    text = ("Ketua DPC PDIP Tabanan I Made Dirga mengatakan partainya siap. Ketua BEM UI Rina Lestari "
            "menggelar aksi bersama mahasiswa. Kasus itu ditangani Bidpropam Polda Sumut sejak pekan lalu. "
            "Ketua DPD Partai Golkar Jawa Timur Budi Santoso hadir, sedangkan rapat DPD RI ditunda.")
    names, _ = _names(text)
    assert {("DPC PDIP Tabanan", "ORG"), ("BEM UI", "ORG"), ("Bidpropam Polda Sumut", "ORG"),
            ("DPD Partai Golkar Jawa Timur", "ORG"), ("I Made Dirga", "PER"), ("Rina Lestari", "PER")} <= names, names
    assert ("Dewan Perwakilan Daerah", "ORG") in names  # `DPD RI` is the council, not a party's branch


def test_a_unit_word_before_a_person_names_no_body():
    names, _ = _names("Mantan Ketua BEM Budi Santoso kini menjadi anggota dewan di daerahnya.")
    assert ("Budi Santoso", "PER") in names and not [n for n in names if n[0].startswith("BEM")], names


def test_the_cabinet_is_a_known_body():
    names, _ = _names("Presiden melantik para menteri Kabinet Merah Putih di Istana Negara.")
    assert ("Kabinet Merah Putih", "ORG") in names


def test_a_name_with_no_cue_inside_a_sentence_is_read_when_the_tagger_is_sure_of_a_person():
    names, _ = _names("Majelis hakim Pengadilan Tipikor Jakarta memvonis Harvey Moeis enam tahun penjara, "
                      "sedangkan Sandra Dewi, Kartika Dewi, dan Raymon Gunawan mengajukan keberatan.")
    assert {("Harvey Moeis", "PER"), ("Raymon Gunawan", "PER")} <= names, names
    names, _ = _names("Gedung Sate menjadi pusat unjuk rasa mahasiswa di Bandung kemarin.")
    assert not [n for n in names if n[1] == "PER"], names


def test_words_an_acronym_in_brackets_abbreviates_name_a_body_when_the_tagger_agrees():
    text = ("Sri Mulyani berbicara dalam konferensi pers Komite Stabilitas Sistem Keuangan (KSSK) di Jakarta. "
            "KSSK menilai kondisi stabil. Direktur Eksekutif Institute for Development Economics and Finance "
            "(INDEF) Tauhid Ahmad sependapat, dan Pemerintah menyalurkan Bantuan Langsung Tunai (BLT) kepada warga.")
    table = recognise(text)
    by_name = {e.name: e for e in table.entities.values()}
    assert by_name["Komite Stabilitas Sistem Keuangan"].type == "ORG"
    assert len(by_name["Komite Stabilitas Sistem Keuangan"].mentions) == 3  # the name, the bracket, the later KSSK
    assert by_name["Institute for Development of Economics and Finance"].kb_id == "org:idn-indef"  # now a known body
    assert "Bantuan Langsung Tunai" not in by_name  # a programme, not a body


def test_a_national_board_takes_no_region_and_a_bracket_after_a_full_stop_defines_nothing():
    names, _ = _names("Rapat digelar di DPP PDI Perjuangan Jakarta kemarin sore bersama para kader.")
    assert ("Jakarta", "GPE") in names and not [n for n in names if n[0].endswith("Jakarta") and n[1] == "ORG"], names
    names, _ = _names("Konferensi pers Komite Stabilitas Sistem Keuangan. (KSSK) digelar di Jakarta kemarin.")
    assert not [n for n in names if n[0].endswith(".")], names


def test_place_names_made_of_common_words_stay_whole():
    names, _ = _names("Banjir merendam Desa Batu Gajah, Kecamatan Ilir Barat II, dan Kabupaten Seram Bagian "
                      "Barat sejak Senin.")
    assert {("Desa Batu Gajah", "GPE"), ("Kecamatan Ilir Barat II", "GPE"),
            ("Kabupaten Seram Bagian Barat", "GPE")} <= names, names
    assert ("Batu", "GPE") not in names  # the city of Batu is not in this village's name


def test_a_place_name_stops_before_money_and_plain_words_alone_make_no_place():
    names, _ = _names("Anggaran untuk Kabupaten Kutai Barat Rp 2 triliun, lebih besar dari Kabupaten Bogor.")
    assert ("Kabupaten Kutai Barat", "GPE") in names and not [n for n in names if "Rp" in n[0]], names
    names, _ = _names("Antrean mengular di Stasiun Pengisian Bahan Bakar sepanjang jalur mudik.")
    assert not [n for n in names if n[0].startswith("Stasiun")], names


def test_a_closing_word_makes_the_words_before_it_a_body_or_an_event():
    names, _ = _names("Koordinator BPJS Watch Timboel Siregar menilai aturan itu keliru, sementara peneliti "
                      "Emil Salim Institute menyebut angka itu wajar.")
    assert {("BPJS Watch", "ORG"), ("Timboel Siregar", "PER"), ("Emil Salim Institute", "ORG")} <= names, names
    assert not [n for n in names if n[1] == "PER" and "Emil" in n[0]], names
    names, _ = _names("Kejaksaan menyita aset Wilmar Group, Musim Mas Group, dan Permata Hijau Group. "
                      "Film itu diputar di Busan Film Festival pekan lalu.")
    assert {("Wilmar Group", "ORG"), ("Musim Mas Group", "ORG"), ("Permata Hijau Group", "ORG"),
            ("Busan Film Festival", "EVT")} <= names, names


def test_a_kind_of_service_with_a_closing_word_is_no_body():
    names, _ = _names("Pelanggan dapat menghubungi Call Center di nomor yang tertera. Laporan Human Rights Watch "
                      "terbit kemarin.")
    assert not [n for n in names if "Call" in n[0]], names
    assert ("Human Rights Watch", "ORG") in names and not [n for n in names if n[0].startswith("Laporan")], names


def test_schools_units_and_prisons_are_named_with_their_numbers_and_places():
    names, _ = _names("Siswa SMAN 1 Sukorejo, SMA Negeri 1 Kairatu dan SD Inpres Talaga Ratu ikut lomba. Personel "
                      "Kodim 0402/OKI dan Yonif 123 dikerahkan, sementara tersangka ditahan di Lapas Kelas IIA "
                      "Kuningan. Kepala SMAN 1 Tabanan Kompol Budi Santoso hadir.")
    assert {("SMAN 1 Sukorejo", "ORG"), ("SMA Negeri 1 Kairatu", "ORG"), ("SD Inpres Talaga Ratu", "ORG"),
            ("Kodim 0402/OKI", "ORG"), ("Yonif 123", "ORG"), ("Lapas Kelas IIA Kuningan", "LOC"),
            ("SMAN 1 Tabanan", "ORG"), ("Budi Santoso", "PER")} <= names, names
    assert not [n for n in names if "Islamic" in n[0]], names  # `OKI` here is the district, not the OIC
    names, _ = _names("Rapat guru SD digelar pukul 10.00 WIB.")
    assert not [n for n in names if n[0].startswith("SD")], names


def test_a_state_school_is_one_body_under_both_its_forms():
    _, table = _names("Siswa SMK Negeri Restorasi Pulau Komodo juara lomba. Kepala SMKN Restorasi Pulau Komodo "
                      "bangga. Keluhan dapat disampaikan ke Pertamina Call Center 135.")
    schools = [e for e in table.entities.values() if e.name.startswith("SMK")]
    assert len(schools) == 1 and len(schools[0].mentions) == 2
    assert not [e for e in table.entities.values() if "Call Center" in e.name]


def test_a_lone_regency_name_is_a_place_not_a_person_unless_it_speaks():
    names, _ = _names("Visi Bupati Bangli periode 2025 dibahas. Sejumlah warga Boyolali melapor ke polisi. "
                      "\"Kami siap,\" kata Kuta.")
    assert {("Bangli", "GPE"), ("Boyolali", "GPE"), ("Kuta", "PER")} <= names, names
    assert ("Bangli", "PER") not in names and ("Boyolali", "PER") not in names


def test_a_building_is_a_place_where_things_happen_and_a_body_when_it_speaks():
    names, _ = _names("Presiden menerima tamu di Istana Kepresidenan, Jakarta. Rapat digelar di Kompleks Istana "
                      "Kepresidenan. Massa berunjuk rasa di depan Kantor Gubernur Bali.")
    assert {("Istana Kepresidenan", "LOC"), ("Kantor Gubernur Bali", "LOC")} <= names, names
    names, _ = _names("Istana menyatakan Presiden dalam keadaan sehat.")
    assert ("Istana Kepresidenan", "ORG") in names, names


def test_gaza_and_the_west_bank_are_governed_places():
    names, _ = _names("Bantuan kemanusiaan dikirim ke Gaza dan Tepi Barat.")
    assert {("Gaza", "GPE"), ("West Bank", "GPE")} <= names, names


def test_authors_cited_with_a_year_are_people():
    names, _ = _names("Dahl (1998) menekankan pentingnya pemilih yang paham. Page dan Gilens (2017) menambahkan, "
                      "sedangkan tim sukses tetap penting (Aspinall dan Berenschot, 2019; Roth, 2008). Data "
                      "Pemilu (2024) menunjukkan hal serupa.")
    assert {("Dahl", "PER"), ("Page", "PER"), ("Gilens", "PER"), ("Aspinall", "PER"), ("Berenschot", "PER"),
            ("Roth", "PER")} <= names, names
    assert not [n for n in names if n[0] == "Pemilu"], names


def test_heads_that_are_other_words_name_no_school_and_dari_names_an_employer():
    names, _ = _names("Ketua MA Sunarto melantik hakim baru. Siswa SD 3 orang hadir, dan guru SMA Negeri di kota itu "
                      "mengeluh. Tenaga Ahli dari Kantor Staf Presiden, Ali Mochtar Ngabalin, menilai bantuan ke "
                      "Rumah Zakat terus mengalir. Watch Watch Watch.")
    assert ("Mahkamah Agung", "ORG") in names and ("Sunarto", "PER") in names, names
    assert not [n for n in names if n[0].startswith(("MA ", "SD ", "SMA", "Watch"))], names
    assert ("Kantor Staf Presiden", "ORG") in names and ("Rumah Zakat", "ORG") in names, names


def test_a_regency_is_told_apart_from_the_city_of_its_name():
    names, table = _names("Banjir melanda Kabupaten Bogor. Warga Bogor mengungsi ke balai desa.")
    regency = [e for e in table.entities.values() if e.kb_id == "gpe:idn-kab-bogor"]
    assert len(regency) == 1 and regency[0].name == "Kabupaten Bogor" and len(regency[0].mentions) == 2
    assert ("Bogor", "GPE") not in names  # the bare name is the regency again, in an article without `Kota Bogor`
    names, _ = _names("Banjir melanda Kabupaten Bogor dan Kota Bogor.")
    assert {("Kabupaten Bogor", "GPE"), ("Bogor", "GPE")} <= names, names


def test_an_english_body_opened_by_its_head_word_is_one_name():
    names, _ = _names("Ia lulusan University of Melbourne dan peneliti di Institute for Regional Economic Studies. "
                      "Menurut Indonesian Society of Steel Construction dan Council on Foreign Relations, hal itu "
                      "wajar. Ia pernah belajar di University of Indonesia and Harvard.")
    assert {("University of Melbourne", "ORG"), ("Institute for Regional Economic Studies", "ORG"),
            ("Indonesian Society of Steel Construction", "ORG"), ("Council on Foreign Relations", "ORG"),
            ("University of Indonesia", "ORG")} <= names, names
    assert not [n for n in names if n[1] == "PER" or n[0] == "Melbourne"], names


def test_a_numbered_head_does_not_rename_a_known_place():
    _, table = _names("Pesawat mendarat di Lanud Halim Perdanakusuma pada Senin.")
    covering = [e for e in table.entities.values() if any(m.text == "Lanud Halim Perdanakusuma" for m in e.mentions)]
    assert len(covering) == 1 and covering[0].kb_id, [(e.name, e.kb_id) for e in table.entities.values()]


def test_names_with_capitals_beyond_ascii_are_read_whole():
    """Foreign names keep their own letters in Indonesian news (`Ekrem İmamoğlu`, `Özgür Özel`):
    they are names, whole, and speak (our own text)."""
    from jejak.pipeline import analyze

    text = ("Jakarta - Wali Kota Istanbul Ekrem İmamoğlu ditahan polisi Turki pada Rabu (19/3/2025). "
            "\u201cIni kudeta terhadap demokrasi,\u201d kata İmamoğlu. Sementara itu, Özgür Özel memimpin "
            "unjuk rasa di Ankara. \u201cKami mendukung rakyat Turki,\u201d kata Łukasz Nowak, anggota parlemen "
            "Polandia.")
    record = analyze(text, lang="id", published="2025-03-19").to_dict()
    people = {e["name"] for e in record["entities"] if e["type"] == "PER"}
    assert {"Ekrem İmamoğlu", "Özgür Özel", "Łukasz Nowak"} <= people
    assert [q["speaker"]["name"] for q in record["quotes"]] == ["Ekrem İmamoğlu", "Łukasz Nowak"]


def test_a_dotted_capital_i_is_read_as_i_and_keeps_its_letter_in_names():
    """Python folds `İ` into two characters: a stray `İa` (a broken `Ia`) is still the pronoun,
    `İstanbul` is the city the knowledge base knows, and a Turkish name keeps its letter; a word
    the article writes in small accented letters is no name when capitalised (our own text)."""
    from jejak.pipeline import analyze

    text = ("Menteri Luar Negeri Sugiono tiba di İstanbul untuk bertemu Ekrem İmamoğlu. İa mengatakan Indonesia "
            "siap bekerja sama. \u201cKami siap,\u201d ujarnya.")
    record = analyze(text, lang="id", published="2025-03-19").to_dict()
    names = {e["name"]: e for e in record["entities"]}
    assert "İa" not in names and names["Istanbul"]["kb_id"] and "Ekrem İmamoğlu" in names
    assert [record["text"][s:e] for s, e in names["Istanbul"]["mentions"]] == ["İstanbul"]
    assert [q["speaker"]["name"] for q in record["quotes"]] == ["Sugiono"]
    english = analyze("Many émigrés returned home this year. Émigrés gathered at the square.", lang="en",
                      published="2025-03-19").to_dict()
    assert not english["entities"]


def test_the_office_of_a_known_body_is_the_body_and_a_police_headquarters_is_a_place():
    names, table = _names("Massa berunjuk rasa di depan Kantor Kemenkeu sejak pagi. Rapat lalu digelar di Kantor "
                          "Gubernur Bali. Pelaku dibawa ke Mapolres Boyolali untuk diperiksa.")
    ministry = next(e for e in table.entities.values() if e.kb_id == "org:idn-kemenkeu")
    assert ministry.type == "ORG" and [m.text for m in ministry.mentions] == ["Kemenkeu"]
    assert ("Kantor Gubernur Bali", "LOC") in names  # an office-holder's office stays a building
    assert ("Mapolres Boyolali", "LOC") in names


def test_a_name_after_a_body_keeps_its_balinese_i_and_a_closing_putra():
    names, _ = _names('"Kami serahkan kepada polisi," kata Kasi Humas Polresta Denpasar I Ketut Sukadi, Minggu. '
                      'Ayah korban, Lukas Diana Putra, mendatangi kantor polisi. Putra sulungnya ikut.')
    assert ("I Ketut Sukadi", "PER") in names and ("Polresta Denpasar", "ORG") in names
    assert ("Lukas Diana Putra", "PER") in names
    assert not any(n == "Putra" for n, _ in names)  # `Putra sulungnya`: a son, no name


def test_a_known_district_ends_where_a_person_begins():
    names, _ = _names("Penangkapan itu dibenarkan Kepala Lingkungan Kecamatan Datuk Bandar Aziz. "
                      "Aziz menyebut dirinya turut mendampingi.")
    assert ("Kecamatan Datuk Bandar", "GPE") in names and ("Aziz", "PER") in names


def test_a_police_or_military_rank_opens_the_person_after_a_unit():
    names, _ = _names("Kasi Humas Polres Nisel Aipda Apriandi Ginting mengatakan kebakaran terjadi malam hari.")
    assert ("Apriandi Ginting", "PER") in names and ("Polres Nisel", "ORG") in names


def test_utama_closes_a_name_after_a_given_name_but_stays_a_title_after_direktur():
    names, _ = _names('"Kami ingin memberi kemudahan," ujar Andre Utama, VP Sales Damai Putra Group. '
                      "Direktur Utama Budi Santoso hadir.")
    assert ("Andre Utama", "PER") in names and ("Budi Santoso", "PER") in names


def test_name_endings_and_the_balinese_i_stay_inside_bodies():
    names, _ = _names("Pasien dirawat di Rumah Sakit Budi Utama sejak Senin. Klinik Andi Utama membuka layanan. "
                      "Ketua Pengadilan Negeri Denpasar Kelas I Made Pasek memimpin sidang.")
    assert ("Rumah Sakit Budi Utama", "LOC") in names and ("Andi Utama", "PER") not in names
    assert ("Made Pasek", "PER") in names and ("I Made Pasek", "PER") not in names


def test_a_name_ending_after_an_office_and_its_body_stays_with_the_person():
    names, _ = _names("Bupati Bogor Rudy Utama meninjau lokasi banjir. Kepala Dinas Pendidikan Banjarmasin Ryan "
                      "Utama mengatakan sekolah dibuka.")
    assert ("Rudy Utama", "PER") in names and ("Ryan Utama", "PER") in names


def test_a_body_named_on_past_its_bracketed_acronym_is_one_regional_office():
    names, table = _names("Sosialisasi itu digelar Komisi Pemilihan Umum (KPU) Kabupaten Tabanan bersama warga. "
                          "Ketua KPU Tabanan, I Gusti Ngurah Agus, hadir. Kasusnya ditangani Kejaksaan Negeri "
                          "(Kejari) Sidoarjo sejak Juli.")
    assert ("Komisi Pemilihan Umum Kabupaten Tabanan", "ORG") in names
    assert ("Kejaksaan Negeri Sidoarjo", "ORG") in names
    office = next(e for e in table.entities.values() if e.name == "Komisi Pemilihan Umum Kabupaten Tabanan")
    assert [m.text for m in office.mentions] == ["Komisi Pemilihan Umum (KPU) Kabupaten Tabanan", "KPU Tabanan"]
    assert ("Tabanan", "GPE") not in names  # read only inside the office's names


@pytest.mark.parametrize("text,name", [
    ("Satuan Tugas (Satgas) Penanganan Radiasi Cesium-137 bekerja dua pekan.",
     "Satuan Tugas Penanganan Radiasi Cesium-137"),
    ("Putusan Pengadilan Militer (Dilmil) I-04 Palembang dibacakan kemarin.", "Pengadilan Militer I-04 Palembang"),
    ("Mekanisme Badan Penyelenggara Jaminan Sosial (BPJS) Kesehatan berbeda.",
     "Badan Penyelenggara Jaminan Sosial Kesehatan"),
])
def test_capitalised_words_after_a_bodys_acronym_go_on_with_its_name(text, name):
    names, _ = _names(text)
    assert (name, "ORG") in names


@pytest.mark.parametrize("text,person", [
    ("Wakil Ketua Komisi Pemberantasan Korupsi (KPK) Alexander Marwata mengatakan penyidik bekerja.",
     "Alexander Marwata"),
    ("Kapolri meminta Kepolisian Negara Republik Indonesia (Polri) Jenderal Budi Santoso bersiap.", None),
])
def test_a_person_or_a_title_after_the_acronym_is_not_part_of_the_body(text, person):
    names, _ = _names(text)
    bodies = {n for n, t in names if t == "ORG"}
    assert not any(b.endswith(("Marwata", "Jenderal", "Budi Santoso")) for b in bodies), bodies
    if person:
        assert (person, "PER") in names


def test_an_events_acronym_may_stand_between_its_name_and_its_year():
    names, _ = _names("MAN 2 Kota Malang menjadi Sekolah Terbaik dalam Olimpiade Sains Nasional (OSN) 2025, papar Menag.")
    assert ("Olimpiade Sains Nasional 2025", "EVT") in names


def test_an_acronym_defines_an_event_by_its_event_word_not_a_forum():
    names, table = _names("Kompetisi Debat Mahasiswa Indonesia (KDMI) digelar di Bandung. KDMI diikuti 100 tim. "
                          "Forum Rektor Indonesia (FRI) lalu bertemu Presiden.")
    assert ("Kompetisi Debat Mahasiswa Indonesia", "EVT") in names
    assert ("Forum Rektor Indonesia", "ORG") in names
    event = next(e for e in table.entities.values() if e.type == "EVT")
    assert [m.text for m in event.mentions] == ["Kompetisi Debat Mahasiswa Indonesia", "KDMI", "KDMI"]


@pytest.mark.parametrize("text,place", [
    ("Prabowo menerima tamu di Kompleks Istana Kepresidenan, Jakarta, Senin.", "Kompleks Istana Kepresidenan"),
    ("Hal itu disampaikan Puan di Kompleks Parlemen, Jakarta, Jumat (5/9/2025).", "Kompleks Parlemen"),
    ("Hal itu disampaikan Puan di Gedung DPR RI, Jakarta, Jumat (5/9/2025).", "Gedung DPR RI"),
    ("Acara berlangsung di Gedung Aneka Bakti Kemensos, Jakarta.", "Gedung Aneka Bakti Kemensos"),
])
def test_a_capitalised_building_word_opens_a_places_name_with_the_body_inside(text, place):
    names, _ = _names(text)
    assert (place, "LOC") in names
    assert not any(t == "ORG" for _, t in names)  # the body inside is named only where it stands alone


def test_a_building_the_knowledge_base_knows_keeps_its_reading():
    names, _ = _names("Gedung Putih menyatakan sanksi itu berlaku pekan depan.")
    assert not any(n.startswith("Gedung") and t == "LOC" for n, t in names)


def test_a_bodys_seat_in_an_address_is_the_place_not_the_body():
    names, table = _names("Hal itu disampaikan Puan di Kompleks Parlemen, Senayan, Jakarta, Jumat (5/9/2025). "
                          "Senayan lalu menolak usul itu.")
    assert ("Senayan", "LOC") in names
    dpr = next(e for e in table.entities.values() if e.type == "ORG")
    assert [m.text for m in dpr.mentions] == ["Senayan"]  # standing for the house, it is the house


def test_regencies_listed_beside_a_known_place_are_places():
    names, _ = _names("Hujan ringan diprakirakan di Makassar, Maros, Gowa dan wilayah Sulsel lainnya. "
                      "Pelatihan diikuti peserta dari Semarang, Sukoharjo, dan Boyolali.")
    for place in ("Maros", "Gowa", "Sukoharjo", "Boyolali"):
        assert (place, "GPE") in names


def test_a_listed_word_that_opens_a_longer_name_is_no_place():
    names, _ = _names("Ia datang dari Semarang dan Boyolali Raya Sentosa membeli tanah.")
    assert ("Boyolali", "GPE") not in names


def test_a_person_after_a_regions_office_holder_stays_a_person():
    names, _ = _names("Hal itu disampaikan Bupati Sleman, Kustini, kepada wartawan. Kustini mengatakan banjir surut.")
    assert ("Kustini", "PER") in names and ("Sleman", "GPE") in names


def test_a_columns_closing_note_names_its_author():
    column = ("Demokrasi perlu dirawat bersama oleh semua pihak. Partai politik, pemerintah dan warga punya peran. "
              "Tanpa partisipasi warga, kebijakan publik kehilangan arah dan legitimasinya.\n")
    names, _ = _names(column + "Sugiat Santoso.Anggota DPR RI Fraksi Partai Gerindra.\n")
    assert ("Sugiat Santoso", "PER") in names
    names, _ = _names(column + "Ukay Karyadi,Pengamat Ekonomi dan Kebijakan Publik.")
    assert ("Ukay Karyadi", "PER") in names


def test_a_known_person_opening_a_line_keeps_their_knowledge_base_reading():
    _, table = _names("Pidato itu disambut tepuk tangan.\nSri Mulyani, Menteri Keuangan, menyampaikan pidato.")
    person = next(e for e in table.entities.values() if e.type == "PER")
    assert person.kb_id is not None


def test_a_line_that_opens_with_a_body_is_no_byline():
    names, _ = _names("Rapat berlangsung lama.\nBank Indonesia, Kepala Departemen Komunikasi, menyampaikan rilis.")
    assert ("Bank Indonesia", "ORG") in names and ("Bank Indonesia", "PER") not in names


def test_a_body_after_an_office_stops_where_a_known_person_starts():
    names, _ = _names("Kasi Humas Polres Bogor Ipda Budi Santoso mengatakan polisi telah menangkap pelaku.")
    assert ("Polres Bogor", "ORG") in names
    assert not any(t == "ORG" and "Budi" in n for n, t in names)



@pytest.mark.parametrize("text,wrong", [
    ("Data Badan Pusat Statistik (BPS) 2024 menunjukkan kenaikan harga.", "Badan Pusat Statistik 2024"),
    ("Mayor Jenderal TNI (Purn) Kivlan Zen hadir di persidangan.", "Kivlan"),
    ("Berita terkini.\nKomisi Pemberantasan Korupsi (KPK) Periksa Dua Saksi Kasus Suap Bupati\nKPK memeriksa saksi.",
     "Periksa"),
    ("Proyek PT Angkasa Pura (AP) II Bandara Soekarno-Hatta berjalan.", "Bandara"),
])
def test_a_year_a_retired_rank_a_heading_or_a_place_after_the_acronym_is_not_the_bodys_name(text, wrong):
    names, _ = _names(text)
    assert not any(t == "ORG" and wrong in n for n, t in names), names


def test_building_names_stop_at_a_list_and_at_the_city():
    names, _ = _names("Ia bicara di Gedung DPR dan Istana Negara, lalu ke Gedung Sate Bandung kemarin.")
    assert ("Gedung DPR", "LOC") in names and ("Gedung Sate", "LOC") in names and ("Bandung", "GPE") in names
    names, _ = _names("Sidang di Gedung DPRD Jawa Timur ditunda.")
    assert ("Gedung DPRD Jawa Timur", "LOC") in names


def test_a_list_of_capitals_stays_their_governments():
    names, _ = _names("Ketegangan antara Washington, Beijing, Moskow, Teheran dan Brussel meningkat.")
    assert {("China", "GPE"), ("Russia", "GPE")} <= names


def test_an_event_word_inside_a_bodys_name_makes_no_event():
    names, _ = _names("Konferensi Waligereja Indonesia (KWI) menyatakan sikap. Komite Olimpiade Nasional (KON) ikut.")
    assert not any(t == "EVT" for _, t in names)


@pytest.mark.parametrize("text,person", [
    ("Seorang pria bernama Anto ditangkap polisi di rumahnya.", "Anto"),
    ("Endorse itu diterimanya dari seseorang bernama Cindy melalui pesan singkat.", "Cindy"),
    ("Rizal kembali mentransfer uang itu ke tersangka Fitri pada malam hari.", "Fitri"),
])
def test_a_name_after_bernama_or_a_suspects_label_is_a_person(text, person):
    names, _ = _names(text)
    assert (person, "PER") in names


def test_a_label_before_a_capitalised_common_word_names_nobody():
    names, _ = _names("Korban Banjir di Bekasi mengungsi. Tersangka Kasus Korupsi itu ditahan.")
    assert not any(t == "PER" for _, t in names)


@pytest.mark.parametrize("text,person", [
    ("Wali Kota Denpasar, I Gusti Ngurah Jaya Negara, mengatakan telah menandatangani perpres.",
     "I Gusti Ngurah Jaya Negara"),
    ("Menurut I Dewa Gede Sayang Adi Yadnya, pendidikan karakter penting.", "I Dewa Gede Sayang Adi Yadnya"),
    ("Bupati Badung I Nyoman Giri Prasta Senin meninjau lokasi banjir.", "I Nyoman Giri Prasta"),
])
def test_a_balinese_name_runs_on_over_plain_words_after_its_markers(text, person):
    names, _ = _names(text)
    assert (person, "PER") in names


@pytest.mark.parametrize("text,wrong", [
    ("Ia tiba di Bandara Internasional I Gusti Ngurah Rai pada Minggu malam.", "I Gusti Ngurah Rai"),
    ("Kemacetan panjang terjadi di Jalan I Gusti Ngurah Rai sejak pagi.", "I Gusti Ngurah Rai"),
    ("Kuasa hukum terdakwa I Wayan Sudana S.H. mengajukan pledoi.", "I Wayan Sudana S."),
    ("Tersangka I Wayan Sudana PNS Dinas PUPR Badung ditahan.", "I Wayan Sudana PNS"),
    ("Saham anak usaha itu, yakni BREN, CUAN dan PTRO, melonjak.", "BREN"),
    ("Polisi menetapkan 12 tersangka Bonek dalam kerusuhan itu.", "Bonek"),
])
def test_no_person_from_a_place_named_after_one_a_degree_an_acronym_or_a_ticker(text, wrong):
    names, _ = _names(text)
    assert (wrong, "PER") not in names, names
