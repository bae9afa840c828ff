"""Event coding: morphology, actors, modes, attribution, merging, and our own test sentences."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jejak.nlp.morph import analyses
from jejak.pipeline import analyze

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def events(text: str, **kw):
    return analyze(text, published=kw.pop("published", "2025-01-10"), lang="id", **kw).events


def coded(text: str) -> list[tuple]:
    return [(e.type, e.mode, e.source.name if e.source else None, e.target.name if e.target else None)
            for e in events(text)]


# ------------------------------------------------------------------ morphology


@pytest.mark.parametrize("word, stem, form", [
    ("menyerang", "serang", "active"), ("diserang", "serang", "passive"), ("serangan", "serang", "noun"),
    ("penyerangan", "serang", "noun"), ("menolak", "tolak", "active"), ("mengirim", "kirim", "active"),
    ("memukul", "pukul", "active"), ("membahas", "bahas", "active"), ("bertemu", "temu", "middle"),
    ("pertemuan", "temu", "noun"), ("permintaan", "minta", "noun"), ("meminta", "minta", "active"),
    ("mengesampingkan", "kesamping", "active"), ("datangi", "datang", "bare"), ("bekerja", "kerja", "middle"),
    ("tertangkap", "tangkap", "passive"), ("kesepakatan", "sepakat", "noun"), ("apresiasinya", "apresiasi", "bare"),
])
def test_affixes_lead_back_to_the_stem(word, stem, form):
    assert (stem, form) in analyses(word)


def test_a_doer_noun_is_not_an_act():
    assert ("dukung", "agent") in analyses("pendukung")
    assert ("dukung", "noun") not in analyses("pendukung")
    assert coded("Jerman merupakan salah satu pendukung kuat Ukraina.") == []


# ------------------------------------------------------------------ actors and frames


def test_active_verb_codes_subject_and_object():
    assert coded("Rusia menyerang Ukraina pada Senin.") == [("ASSAULT", None, "Russia", "Ukraine")]


def test_passive_takes_the_doer_after_oleh():
    assert coded("Ukraina diserang oleh Rusia pada Senin malam.") == [("ASSAULT", None, "Russia", "Ukraine")]


def test_capital_and_army_stand_for_the_state():
    evs = events("Hal ini terjadi ketika tentara Moskow terus melakukan serangan ke Kyiv.")
    assert len(evs) == 1
    assert (evs[0].source.country, evs[0].source.sector, evs[0].target.country) == ("RUS", "military", "UKR")


def test_topic_of_a_discussion_is_not_its_target():
    got = coded("Negara-negara anggota NATO membahas kemungkinan gencatan senjata antara Rusia dan Ukraina.")
    assert got == [("CONSULT", None, "NATO", None)]


def test_a_discussion_needs_a_second_side():
    assert coded("KPU hanya membahas aturan itu secara internal.") == []
    assert coded("KPU berkoordinasi dengan Bawaslu untuk membahas aturan itu.")[0][:3] == ("CONSULT", None,
                                                                                           "Komisi Pemilihan Umum")


def test_coordinated_subjects_agree_with_each_other():
    assert coded("Indonesia dan Jepang sepakat memperluas kerja sama energi.") == [("AGREE", None, "Indonesia", "Japan")]


def test_support_of_nobody_is_no_event():
    assert coded("Amerika Serikat mendukung resolusi itu.") == []


def test_rejection_absorbs_the_act_it_rules_out():
    got = coded("Scholz mengesampingkan kemungkinan pengiriman pasukan ke Ukraina.")
    assert got == [("REJECT", None, "Olaf Scholz", "Ukraine")]


def test_refusing_to_act_negates_the_act():
    assert coded("Jerman menolak untuk mengirimkan rudal Taurus ke Ukraina.") == [("AID", "negated", "Germany", "Ukraine")]


def test_relative_clause_verb_takes_its_antecedent():
    got = coded("Pembentukan partai itu terjadi setelah Elon Musk, yang sebelumnya mendukung Donald Trump, mundur.")
    assert ("SUPPORT", None, "Elon Musk", "Donald Trump") in got


def test_act_noun_in_a_relative_clause_has_no_doer():
    text = "Berlin menambah dana perbaikan jaringan listrik Ukraina yang hancur akibat serangan."
    assert [e for e in events(text) if e.type == "ASSAULT"] == []


def test_described_group_is_an_actor():
    got = coded("Para pemegang saham Tesla pada Mei lalu meminta Elon Musk bekerja 40 jam seminggu.")
    assert got == [("REQUEST", None, "Para pemegang saham Tesla", "Elon Musk")]


def test_a_foreign_place_attacked_stands_for_its_state():
    got = events("Rusia terus maju di medan perang Donbas dengan kecepatan tinggi.")
    assert [(e.type, e.source.country, e.target.country, e.location) for e in got] == [("ASSAULT", "RUS", "UKR", "Donbas")]


def test_own_country_is_not_a_target():
    text = '"Kami akan mengirim pasukan Jerman," kata Kanselir Jerman Olaf Scholz.'
    got = events(text)
    assert [(e.type, e.mode, e.target) for e in got] == [("MOBILIZE", "intent", None)]


def test_media_outlets_do_not_act():
    assert coded("Bloomberg melaporkan bahwa Reuters menyerang kebijakan itu.") == []


def test_everyday_news_stays_quiet():
    text = ("Harga cabai rawit di Pasar Kramat Jati naik menjadi Rp 80.000 per kilogram. "
            "Timnas Indonesia menang 2-1 atas Bahrain di Stadion Gelora Bung Karno.")
    assert events(text) == []


# ------------------------------------------------------------------ attribution, dates, merging


def test_act_inside_a_quote_is_reported_by_its_speaker():
    text = ('"Kami sudah bertemu dengan Menteri Luar Negeri Sugiono," kata Presiden Rusia Vladimir Putin '
            "di Moskow, Senin (6/10/2025).")
    got = events(text)
    assert len(got) == 1
    assert got[0].type == "CONSULT" and got[0].source.name == "Vladimir Putin"
    assert got[0].reported_by is not None and got[0].reported_by.name == "Vladimir Putin"


def test_pihaknya_is_the_body_the_speaker_leads():
    text = ("Direktur Jenderal Pajak Bimo Wijayanto berbicara di Jakarta, Selasa (14/10/2025). "
            "Bimo menerangkan pihaknya aktif menagih para pengemplang pajak.")
    got = events(text, published="2025-10-14")
    assert [(e.type, e.source.name) for e in got] == [("REQUEST", "Direktorat Jenderal Pajak")]


def test_event_date_comes_from_its_sentence_else_the_article():
    text = ("Rusia menyerang Ukraina pada Senin (6/10/2025). "
            "Sementara itu, Indonesia mengirimkan bantuan kemanusiaan ke Gaza.")
    got = events(text, published="2025-10-08")
    assert [(e.type, e.date) for e in got] == [("ASSAULT", "2025-10-06"), ("AID", "2025-10-08")]


def test_an_act_told_twice_is_one_event_with_two_spans():
    text = ("Rusia menyerang Ukraina pada Senin. Serangan itu menewaskan tiga warga. "
            "Pejabat setempat menyebut Rusia menyerang Ukraina dengan puluhan drone.")
    got = events(text)
    assert len(got) == 1 and got[0].type == "ASSAULT"
    assert len(got[0].spans) == 2


def test_the_same_act_in_two_places_stays_two_events():
    text = "Rusia menyerang Ukraina di Kharkiv pada Senin. Rusia juga menyerang Ukraina di Odesa."
    assert len(events(text)) == 2


def test_record_carries_evidence_trigger_and_reporter():
    a = analyze("Rusia menyerang Ukraina pada Senin.", published="2025-01-10", lang="id")
    ev = a.to_dict()["events"][0]
    s, e = ev["evidence"]["start"], ev["evidence"]["end"]
    assert a.text[s:e] == "Rusia menyerang Ukraina"
    assert a.text[slice(*ev["trigger"])] == "menyerang"
    assert ev["evidence_spans"] == [[s, e]] and ev["reported_by"] is None


# ------------------------------------------------------------------ our sentence sets

# Rows the coder does not get right yet, each for a reason we know (see the closing notes of
# issue 3): an ACCUSE/SUPPORT of no named actor is not coded (a refusal of nobody is);
# numbers inside a phrase (`mengusir dua diplomat`); a partner too far after the verb.
_PAIR_GAPS = {6: "ACCUSE of a body named only after `di`", 17: "numbers inside the phrase (expelled diplomats)",
              38: "partner more than five words away", 39: "SUPPORT of a resolution has no actor"}


def _known_gap(n: int, gaps: dict[int, str] | set[int], reason: str = ""):
    """A row we know fails, marked strict so that fixing it is noticed and the mark removed."""
    if n not in gaps:
        return n
    why = gaps[n] if isinstance(gaps, dict) else reason
    return pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=why))


def _pair_holds(row: dict[str, str]) -> bool:
    base = [(e.type, e.mode) for e in events(row["base"])]
    variant = [(e.type, e.mode) for e in events(row["variant"])]
    return base == [(row["type"], None)] and variant == [(row["type"], row["variant_mode"])]


@pytest.mark.parametrize("n", [_known_gap(n, _PAIR_GAPS) for n in range(len(_rows("event_mode_pairs.tsv")))])
def test_mode_pairs_differ_in_mode_and_agree_in_type(n):
    row = _rows("event_mode_pairs.tsv")[n]
    base = [(e.type, e.mode) for e in events(row["base"])]
    variant = [(e.type, e.mode) for e in events(row["variant"])]
    assert base == [(row["type"], None)]
    assert variant == [(row["type"], row["variant_mode"])]


def test_at_least_forty_pairs_hold():
    """The issue asks for 20 pairs at least; count the ones the coder gets right."""
    assert sum(_pair_holds(row) for row in _rows("event_mode_pairs.tsv")) >= 40


_SENTENCE_GAPS = {2, 9, 15, 20, 24, 26, 28, 32, 33, 38, 39, 47, 49, 50}


def _agrees(ref, want: str) -> bool:
    if not want:
        return ref is None
    return ref is not None and (ref.country == want or ref.name.lower() == want.lower())


_SENTENCE_GAP_REASON = "a known gap: target past a verb or preposition, unknown lexicon entry, or no named target"


@pytest.mark.parametrize("n", [_known_gap(n, _SENTENCE_GAPS, _SENTENCE_GAP_REASON)
                               for n in range(len(_rows("event_sentences.tsv")))])
def test_hand_coded_sentences(n):
    row = _rows("event_sentences.tsv")[n]
    got = events(row["sentence"])
    if row["type"] == "NONE":
        assert got == []
        return
    assert len(got) == 1
    ev = got[0]
    assert (ev.type, ev.mode or "") == (row["type"], row["mode"])
    assert _agrees(ev.source, row["source"]) and _agrees(ev.target, row["target"])


def test_offsets_survive_letters_that_lower_to_two():
    text = "İSTANBUL — Rusia menyerang Ukraina pada Senin."
    a = analyze(text, published="2025-01-10", lang="id")
    ev = a.events[0]
    assert a.text[ev.trigger[0]:ev.trigger[1]] == "menyerang"


def test_a_reminder_of_a_fact_is_no_request():
    assert coded("Menteri Kesehatan Budi Gunadi Sadikin mengingatkan bahwa gula berbahaya bagi anak.") == []
    assert coded("Aria Bima mengingatkan, pengawasan hanya berjalan jika semua pihak terlibat.") == []
    got = coded("Menteri Kesehatan Budi Gunadi Sadikin mengingatkan masyarakat agar mengurangi gula.")
    assert [g[0] for g in got] == ["REQUEST"]


def test_role_nouns_act_for_the_body_named_in_the_article():
    text = ("Kejaksaan Negeri Binjai menyelidiki proyek jalan itu sejak Agustus. "
            "Pada Selasa, jaksa menggeledah kantor Dinas Pekerjaan Umum Binjai.")
    got = events(text)
    assert [(e.type, e.source.name) for e in got if e.type == "COERCE"] == [("COERCE", "Kejaksaan Negeri Binjai")]


def test_the_one_asked_is_the_subject_of_the_agar_clause():
    got = coded("Ketua DPR Puan Maharani meminta agar TNI menjelaskan kebijakan itu.")
    assert got == [("REQUEST", None, "Puan Maharani", "Tentara Nasional Indonesia")]


def test_thanks_in_a_quote_come_from_the_speaker():
    text = '"Terima kasih kepada Presiden Prabowo Subianto atas bantuannya," kata Gubernur Jawa Barat Dedi Mulyadi.'
    got = events(text)
    assert [(e.type, e.source.name, e.target.name) for e in got] == [("SUPPORT", "Dedi Mulyadi", "Prabowo Subianto")]


def test_a_hearsay_passive_keeps_the_subject():
    got = coded("Elon Musk disebut menuding Donald Trump melanggar janji kampanye.")
    assert got == [("ACCUSE", None, "Elon Musk", "Donald Trump")]


def test_a_report_accuses_its_object_not_the_police_receiving_it():
    got = coded("Partai Golkar melaporkan Ferry Irwandi ke Polda Metro Jaya atas dugaan pencemaran nama baik.")
    assert got == [("ACCUSE", None, "Partai Golkar", "Ferry Irwandi")]


def test_a_local_place_is_no_target_of_a_local_body():
    got = events("Kejaksaan Negeri Binjai menahan seorang pejabat di Binjai pada Selasa.")
    assert [(e.type, e.target, e.location) for e in got] == [("COERCE", None, "Binjai")]


def test_titles_and_brackets_do_not_push_a_partner_out_of_reach():
    text = ("Mendagri Muhammad Tito Karnavian meneken kesepakatan bersama dengan Menteri Pekerjaan Umum (PU), "
            "Dody Hanggodo.")
    assert coded(text) == [("AGREE", None, "Tito Karnavian", "Dody Hanggodo")]


def test_pe_an_nouns_take_what_is_acted_on():
    got = events("KPK melakukan penggeledahan Kementerian Ketenagakerjaan pada Selasa.")
    assert [(e.type, e.source.name, e.target.name) for e in got] == [
        ("COERCE", "Komisi Pemberantasan Korupsi", "Kementerian Ketenagakerjaan")]
    got = events("Serangan Rusia ke Kyiv menewaskan dua warga.")
    assert [(e.type, e.source.country, e.target.country) for e in got] == [("ASSAULT", "RUS", "UKR")]


def test_an_act_named_as_a_topic_is_not_done():
    assert coded("Menteri itu menerbitkan Surat Edaran Nomor 5 tentang Permintaan Data kepada KPU.") == []


def test_questioning_a_decision_accuses_its_maker():
    got = coded("Fraksi PDIP mempertanyakan keputusan KPU soal ijazah calon presiden.")
    assert [(g[0], g[3]) for g in got] == [("ACCUSE", "Komisi Pemilihan Umum")]
    assert coded("Wartawan menanyakan hal itu kepada Presiden Prabowo Subianto.") == []


def test_a_name_inside_a_hyphenated_word_does_not_stall_the_coder():
    """`Manado-Davao` holds the mention `Davao` inside one token; the subject walk once looped
    on it forever."""
    import threading

    text = ("Penerbangan langsung Manado-Davao mendukung perdagangan Indonesia dan Filipina, "
            "kata Menteri Perhubungan Budi Karya Sumadi di Manado, Senin (16/9/2019).")
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(analyze(text, lang="id")), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done, "analysis did not finish"


def test_an_event_word_inside_a_name_and_keeping_or_holding_down_are_no_acts():
    text = ("Kami dari Lembaga Bantuan Hukum Gerakan Pemuda Ansor melapor ke polisi. Rapat Koordinasi Penguatan "
            "Kelembagaan Bawaslu digelar di Labuan Bajo. Bank Indonesia berupaya menahan inflasi tetap rendah, "
            "dan Presiden tetap mempertahankan menteri-menteri itu.")
    found = [(e.type, e.trigger) for e in analyze(text, published="2025-10-15").events]
    assert not [t for t in found if t[0] in ("AID", "CONSULT", "COERCE")], found



def test_people_described_not_named_are_the_doer_and_are_marked_so():
    got = events("Ratusan massa menggelar unjuk rasa di depan Gedung DPRD Jawa Tengah, Semarang, pada Senin (3/11/2025).")
    assert [(e.type, e.source.name, e.source.described) for e in got] == [("PROTEST", "ratusan massa", True)]
    assert got[0].to_dict()["source"]["described"] is True
    passive = events("Seorang polisi yang berjaga diserang oleh massa saat unjuk rasa di Semarang, Senin (3/11/2025).")
    assert [(e.type, e.source.name) for e in passive] == [("ASSAULT", "massa")]


def test_a_described_noun_before_a_name_is_that_name():
    got = coded("Warga Desa Sukamaju Budi Hartono menolak rencana tambang pasir di desanya, Senin (3/11/2025).")
    assert got == [("REJECT", None, "Budi Hartono", None)], got


def test_government_alone_is_the_home_state_but_not_a_local_or_foreign_one():
    assert coded("Budi Santoso meminta pemerintah mengevaluasi program makan bergizi gratis di sekolah.") == [
        ("REQUEST", None, "Budi Santoso", "Indonesia")]
    local = coded("Budi Santoso meminta pemerintah daerah memperbaiki jalan rusak di desanya.")
    assert local and all(g[3] != "Indonesia" for g in local), local
    foreign = ("Thailand menuding Kamboja melanggar gencatan senjata. Thailand menyebut Kamboja menembakkan roket "
               "ke wilayah Thailand. Pengungsi Thailand meminta pemerintah segera menarik pasukan dari perbatasan.")
    assert all(g[3] != "Indonesia" for g in coded(foreign)), coded(foreign)


def test_calling_off_a_plan_concedes_and_inviting_people_to_act_requests():
    assert coded("Kementerian Perhubungan membatalkan izin operasional PT Sinar Jaya Abadi setelah kecelakaan itu.") == [
        ("CONCEDE", None, "Kementerian Perhubungan", "PT Sinar Jaya Abadi")]
    got = coded("Wali Kota Semarang Agustina Wilujeng mengajak warga untuk menjaga kebersihan sungai.")
    assert [(g[0], g[2]) for g in got] == [("REQUEST", "Agustina Wilujeng")]


def test_naming_a_suspect_and_a_verdict_are_coded_with_who_was_named():
    assert coded("KPK menetapkan Bupati Kolaka Timur Abdul Azis sebagai tersangka kasus suap proyek rumah sakit.") == [
        ("ACCUSE", None, "Komisi Pemberantasan Korupsi", "Abdul Azis")]
    assert coded("Abdul Azis ditetapkan sebagai tersangka oleh KPK pada Jumat (8/8/2025).") == [
        ("ACCUSE", None, "Komisi Pemberantasan Korupsi", "Abdul Azis")]
    assert coded("Budi Santoso dinyatakan bersalah oleh Pengadilan Negeri Bandung.") == [
        ("COERCE", None, "Pengadilan Negeri Bandung", "Budi Santoso")]
    assert coded("Terdakwa Budi Santoso dituntut 10 tahun penjara oleh jaksa Kejaksaan Negeri Bandung.") == [
        ("ACCUSE", None, "Kejaksaan Negeri Bandung", "Budi Santoso")]


def test_people_described_as_the_object_are_a_counterpart_but_no_named_target():
    assert coded("Menteri Imigrasi Agus Andrianto mengancam warga negara asing yang melanggar aturan.") == [
        ("THREATEN", None, "Agus Andrianto", None)]
    assert coded("Bupati Bogor Rudy Susmanto menyerahkan santunan kepada keluarga korban banjir di Cibinong.") == [
        ("AID", None, "Rudy Susmanto", None)]


def test_a_gap_in_a_phrase_stays_inside_one_clause():
    assert coded("KPK menetapkan Budi Santoso sebagai saksi, bukan tersangka.") == []
    assert coded("KPK menetapkan jadwal pemeriksaan Budi Santoso, yang kini berstatus tersangka.") == []
    got = coded("Kemensos menyalurkan beras kepada warga Bogor dan Polri menangkap penimbun bansos.")
    assert ("COERCE", None, "Kepolisian Negara Republik Indonesia", None) in got, got
    assert all(g[3] != "Kepolisian Negara Republik Indonesia" for g in got), got


def test_government_in_a_story_about_another_state_is_not_indonesia():
    got = coded("Militer Israel kembali menyerang Rafah. Pemerintah juga memblokade bantuan kemanusiaan ke Gaza.")
    assert all("Indonesia" not in (g[2], g[3]) for g in got), got
    got = coded("Trump mengancam pemerintah Venezuela. Ia juga mendesak pemerintah menghentikan ekspor minyak.")
    assert ("REQUEST", None, "Donald Trump", None) in got and all(g[3] != "Indonesia" for g in got), got


def test_a_named_victim_of_a_described_doer():
    assert coded("Budi Santoso dianiaya oleh massa di depan kantor DPRD Semarang, Senin (3/11/2025).") == [
        ("ASSAULT", None, "massa", "Budi Santoso")]
    got = coded("Warga Kampung Pulo menolak rencana tambang pasir di desanya kemarin.")
    assert all(g[2] != "warga" for g in got), got


def test_we_in_a_quote_of_a_bodys_official_is_the_body():
    from jejak.pipeline import analyze

    text = ("Kasat Lantas Polres Serang AKP Fery Oktaviari Pratama mengatakan pihaknya terus berpatroli. "
            "\"Kami mengimbau pengguna jalan untuk tertib,\" kata Fery.")
    events = analyze(text).to_dict()["events"]
    assert [(e["type"], e["source"]["name"]) for e in events] == [("REQUEST", "Polres Serang")]


def test_a_heads_contracted_title_names_the_body_that_speaks_through_them():
    from jejak.pipeline import analyze

    text = "Kapolrestabes Palembang Kombes Harryo Sugihhartono mengatakan pihaknya akan berkoordinasi dengan OJK."
    events = analyze(text).to_dict()["events"]
    assert [(e["type"], e["source"]["name"]) for e in events] == [("CONSULT", "Polrestabes Palembang")]



@pytest.mark.parametrize("text,source", [
    ("\"Kami menuntut rektorat membatalkan kenaikan UKT,\" kata mahasiswa Universitas Indonesia Andi Pratama.",
     "Andi Pratama"),
    ("Mantan Kepala Humas Polres Bogor AKP Hendri mengatakan pihaknya akan berkoordinasi dengan OJK.", "Hendri"),
    ("Kajari Bogor Agustian Sunaryo mengatakan pihaknya akan berkoordinasi dengan KPK.", "Kejari Bogor"),
])
def test_only_a_serving_official_speaks_for_the_body(text, source):
    from jejak.pipeline import analyze

    events = analyze(text).to_dict()["events"]
    assert [e["source"]["name"] for e in events] == [source]


def test_which_telling_speaks_for_a_merged_act_does_not_depend_on_the_calibrated_table():
    # The confidence table is measured on what the coder gives; if the coder chose by the table,
    # each recalibration could flip its own input (a table that never settles). The choice is a
    # fixed order: the model's band, then a doer in the clause over one carried from the story.
    from jejak.extract.events import _merge
    from jejak.model import EntityRef, Event

    polri = EntityRef("Kepolisian Negara Republik Indonesia", "ORG", "IDN", "org:polri")
    budi = EntityRef("Budi", "PER")
    carried = Event("COERCE", None, polri, budi, 10, 30, found_by="carried:low", confidence=0.9)
    in_clause = Event("COERCE", None, polri, budi, 50, 70, found_by="clause:low", confidence=0.1)
    merged = _merge([(carried, "tangkap"), (in_clause, "tangkap")])
    assert len(merged) == 1 and merged[0].found_by == "clause:low"


def test_a_high_belief_speaks_for_a_merged_act_before_a_doer_in_the_clause():
    from jejak.extract.events import _merge
    from jejak.model import EntityRef, Event

    kpk = EntityRef("Komisi Pemberantasan Korupsi", "ORG", "IDN", "org:kpk")
    budi = EntityRef("Budi", "PER")
    low = Event("ACCUSE", None, kpk, budi, 10, 30, found_by="clause:low", confidence=0.9)
    high = Event("ACCUSE", None, kpk, budi, 50, 70, found_by="carried:high", confidence=0.1)
    assert _merge([(low, "tetap"), (high, "tetap")])[0].found_by == "carried:high"


def test_an_office_after_a_possessed_noun_is_not_the_one_acted_on():
    a = analyze("KPK menangkap ajudan Menteri Pertanian di Jakarta.", lang="id", published="2025-10-10")
    assert [(e.type, e.target) for e in a.events] == [("COERCE", None)]


def test_a_bare_office_in_an_undated_foreign_story_is_nobody():
    text = ("Menteri Pertahanan Jerman Boris Pistorius mengunjungi Kyiv. Jerman akan mengirim senjata ke Ukraina. "
            "Menteri Pertahanan mengecam serangan Rusia.")
    accusers = {e.source.name for e in analyze(text, lang="id").events if e.type == "ACCUSE"}
    assert accusers == {"Germany"}


def test_a_preposition_opening_a_sentence_keeps_a_seat_a_place():
    a = analyze("Di Senayan, ribuan mahasiswa berunjuk rasa menolak RUU TNI.", lang="id", published="2025-10-10")
    assert "Dewan Perwakilan Rakyat Republik Indonesia" not in {e.name for e in a.entities}
    b = analyze("Menurut Sofia, harga cabai naik pekan ini.", lang="id", published="2025-10-10")
    assert "Bulgaria" not in {e.name for e in b.entities}


# ------------------------------------------------------------------ the story's suspect

_ONE_SUSPECT = ("Polres Bogor menetapkan seorang pria berinisial RS (34) sebagai tersangka kasus penipuan arisan "
                "online. Tersangka RS diduga menipu puluhan warga dengan kerugian Rp 2 miliar. Polres Bogor kemudian "
                "menahan tersangka di Rutan Polres Bogor sejak Senin (6/1/2025).")


def test_an_arrest_that_names_nobody_is_aimed_at_the_storys_one_suspect():
    assert coded(_ONE_SUSPECT) == [("ACCUSE", None, "Polres Bogor", "RS"), ("COERCE", None, "Polres Bogor", "RS")]


def test_with_two_suspects_an_arrest_that_names_nobody_keeps_no_target():
    text = ("Polres Bogor menetapkan dua tersangka kasus penipuan arisan online. Tersangka RS (34) dan tersangka "
            "AM (29) diduga menipu puluhan warga. Polres Bogor kemudian menahan tersangka di Rutan Polres Bogor.")
    assert ("COERCE", None, "Polres Bogor", None) in coded(text)
    assert not any(t in ("RS", "AM") for *_, t in coded(text))


def test_a_victim_is_no_suspect():
    text = ("Korban berinisial SN (40) melapor ke Polres Bogor pada Senin (6/1/2025). Polres Bogor kemudian "
            "menangkap seorang pria di Cibinong.")
    assert coded(text) == [("COERCE", None, "Polres Bogor", None)]


def test_a_person_as_doer_does_not_take_the_suspect():
    # only a body's arrest or charge is aimed at the story's suspect; a person's act is their own
    text = ("Polres Bogor menetapkan pria berinisial RS (34) sebagai tersangka penipuan. Budi Santoso menangkap "
            "basah kejadian itu di rumahnya.")
    assert ("COERCE", None, "Budi Santoso", None) in coded(text)


def test_an_age_in_brackets_does_not_end_the_clause_of_an_act():
    assert coded("Polres Bogor menetapkan RS (34) sebagai tersangka.") == [("ACCUSE", None, "Polres Bogor", "RS")]


def test_thanks_said_through_a_light_verb_support_whom_they_thank():
    assert coded("Prabowo Subianto mengucapkan terima kasih kepada Kejaksaan Agung.") == [
        ("SUPPORT", None, "Prabowo Subianto", "Kejaksaan Agung")]


def test_an_act_aimed_at_someone_named_is_told_apart_in_its_confidence():
    named = events("Polres Bogor menangkap Budi Santoso di Cibinong pada Senin (6/1/2025).")
    open_ = events("Polres Bogor menangkap seorang pria di Cibinong pada Senin (6/1/2025).")
    assert named[0].found_by.endswith(":named") and open_[0].found_by.endswith(":open")
    assert named[0].confidence > open_[0].confidence  # named targets are right more often on our gold


def test_an_office_named_without_its_holder_acts_for_the_body_it_heads():
    assert coded("Kapolres Bogor menangkap Budi Santoso di Cibinong.") == [("COERCE", None, "Polres Bogor", "Budi Santoso")]
    assert coded("Mantan Kapolres Bogor menangkap Budi Santoso di Cibinong.") == []  # a former head speaks for nobody
    # the holder named after the office still acts himself
    assert coded("Kapolres Bogor AKBP Rio Wahyu Anggoro menangkap Budi Santoso di Cibinong.") == [
        ("COERCE", None, "Rio Wahyu Anggoro", "Budi Santoso")]


# ------------------------------------------------------------------ review of the suspect rule

def test_criticism_by_a_body_is_not_aimed_at_the_suspect():
    text = ("KPK menetapkan Bupati Sidoarjo Ahmad Muhdlor Ali sebagai tersangka kasus korupsi. Indonesia "
            "Corruption Watch (ICW) mengkritik lambatnya penanganan perkara di daerah.")
    assert not any(src == "Indonesia Corruption Watch" for _, _, src, _ in coded(text))


def test_an_arrest_of_other_people_or_of_several_suspects_is_not_the_one_suspects():
    others = ("Polres Bogor menetapkan tersangka RS (34) dalam kasus penipuan arisan online. Selain itu, Polres "
              "Bogor juga menangkap tiga pria lain di Cibinong.")
    assert ("COERCE", None, "Polres Bogor", "RS") not in coded(others)
    several = ("RS (34) dan AM (29) ditetapkan sebagai tersangka. Tersangka RS mengaku menipu. Polres Bogor "
               "kemudian menahan kedua tersangka di Rutan.")
    assert ("COERCE", None, "Polres Bogor", "RS") not in coded(several)


def test_a_businessman_is_no_suspect():
    text = ("Budi Santoso sebagai pelaku usaha mengeluhkan harga nikel. Kementerian Perdagangan menyita 20 "
            "kontainer di Pelabuhan Tanjung Priok.")
    assert ("COERCE", None, "Kementerian Perdagangan", "Budi Santoso") not in coded(text)


def test_a_merged_act_that_gains_a_named_target_is_told_as_aimed_at_it():
    merged = events("Polres Bogor menangkap pria itu di Cibinong. Polres Bogor menangkap Budi Santoso pada Senin malam.")
    assert [(e.target.name, e.found_by) for e in merged] == [("Budi Santoso", "clause:high:named")]
    assert merged[0].confidence == events("Polres Bogor menangkap Budi Santoso di Cibinong.")[0].confidence


def test_a_light_verb_does_not_carry_an_act_behind_a_preposition():
    assert coded("Jokowi mengucapkan belasungkawa atas serangan di Gaza.") == []
