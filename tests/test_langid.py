"""Language identification: Indonesian, English, or other — right, and fast."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from jejak.nlp.langid import identify

SHARED = Path("/work/shared/data")

ID = [
    "Kepala Dinas Perhubungan mengatakan bahwa jalan tol itu akan dibuka untuk umum pada akhir bulan ini, "
    "setelah uji kelayakan selesai dilakukan oleh tim dari kementerian.",
    "\"Kami tidak akan menaikkan harga tiket sampai ada keputusan resmi dari pemerintah pusat,\" ujarnya "
    "kepada wartawan di Surabaya, Senin (20/10/2025).",
    "Menurut polisi, pelaku sudah beraksi sejak Januari dan mengambil sedikitnya 40 sepeda motor dari "
    "parkiran kampus di wilayah Depok dan Bogor.",
    "Harga cabai rawit di pasar tradisional turun menjadi Rp 45.000 per kilogram karena pasokan dari "
    "sentra produksi di Jawa Tengah kembali normal.",
]
EN = [
    "The finance minister said on Monday that the government would not raise fuel prices before the end "
    "of the year, despite pressure on the budget.",
    "Police in the city arrested three men who are suspected of selling fake concert tickets through "
    "social media accounts, a spokesman told reporters.",
    "Rescue teams were still searching for survivors on Tuesday after a landslide buried dozens of "
    "houses in a village in the hills above the town.",
]
OTHER = {
    "es": "El gobierno de la provincia anunció el lunes que las obras del nuevo puente estarán terminadas "
    "antes de fin de año. Según el ministro, los vecinos podrán cruzar el río sin esperar al transbordador.",
    "de": "Die Landesregierung hat am Montag angekündigt, dass die neue Brücke über den Fluss noch vor "
    "Jahresende fertig sein soll. Nach Angaben des Ministers müssen die Anwohner dann nicht mehr auf die Fähre warten.",
    "fr": "Le gouvernement a annoncé lundi que les travaux du nouveau pont seraient terminés avant la fin de "
    "l'année. Selon le ministre, les habitants pourront traverser le fleuve sans attendre le bac.",
    "nl": "De regering heeft maandag aangekondigd dat de nieuwe brug over de rivier nog voor het einde van "
    "het jaar klaar moet zijn. Volgens de minister hoeven de bewoners dan niet meer op de veerboot te wachten, "
    "want dan is de brug open.",
    "tl": "Inanunsyo ng pamahalaan noong Lunes na matatapos ang bagong tulay sa ilog bago matapos ang taon. "
    "Ayon sa kalihim, hindi na kailangang maghintay ng mga residente sa bangka para makatawid.",
    "jv": "Pamarentah kabupaten ngumumake ing dina Senin yen kreteg anyar ing kali kuwi bakal rampung sadurunge "
    "pungkasan taun. Miturut bupati, warga ora perlu maneh ngenteni prau kanggo nyabrang, lan proyek iki "
    "bisa mbukak luwih saka rong ewu lapangan kerja kanggo para warga desa.",
    "it": "Il governo regionale ha annunciato lunedì che i lavori del nuovo ponte sul fiume di Verona saranno "
    "terminati prima della fine dell'anno, secondo il ministro di turno.",
    "pt": "O governo anunciou na segunda-feira que as obras da nova ponte sobre o rio ficarão prontas antes "
    "do fim do ano. Segundo o ministro, os moradores não vão mais precisar esperar a balsa.",
    "ru": "Правительство области объявило в понедельник, что строительство нового моста завершится до конца года.",
    "zh": "省政府星期一宣布，河上的新桥将在年底前完工，居民今后过河不必再等渡船。",
    "ar": "أعلنت الحكومة يوم الاثنين أن أعمال بناء الجسر الجديد ستنتهي قبل نهاية العام.",
}


@pytest.mark.parametrize("text", ID)
def test_indonesian(text: str) -> None:
    lang, conf = identify(text)
    assert lang == "id" and conf > 0.5


@pytest.mark.parametrize("text", EN)
def test_english(text: str) -> None:
    lang, conf = identify(text)
    assert lang == "en" and conf > 0.5


@pytest.mark.parametrize("code", sorted(OTHER))
def test_other_languages(code: str) -> None:
    lang, conf = identify(OTHER[code])
    assert lang == "other", code
    assert 0.0 <= conf <= 1.0


def test_non_latin_scripts_are_confidently_other() -> None:
    for code in ("ru", "zh", "ar"):
        assert identify(OTHER[code]) == ("other", 0.9)


def test_degenerate_inputs() -> None:
    assert identify("") == ("other", 0.0)
    assert identify("   \n\t ") == ("other", 0.0)
    assert identify("12345 67,89 %%%")[0] == "other"
    assert identify("Jakarta")[0] == "other"  # a name alone says nothing


def test_indonesian_with_english_terms_stays_indonesian() -> None:
    text = ("Startup teknologi itu meluncurkan fitur artificial intelligence terbaru untuk layanan customer "
            "service, kata CEO perusahaan tersebut dalam acara peluncuran di Jakarta pada Kamis.")
    assert identify(text)[0] == "id"


def test_indonesian_with_arabic_verse_stays_indonesian() -> None:
    verse = "يَا أَيُّهَا الَّذِينَ آمَنُوا إِذَا تَدَايَنْتُمْ بِدَيْنٍ إِلَىٰ أَجَلٍ مُسَمًّى فَاكْتُبُوهُ " * 8
    text = "Ayat ini menjelaskan bahwa utang sebaiknya dicatat dengan jelas oleh kedua belah pihak. " + verse
    assert identify(text)[0] == "id"


def test_confidence_grows_with_length() -> None:
    short = identify("Polisi mengatakan bahwa pelaku sudah ditangkap.")
    long = identify(" ".join(ID))
    assert short[0] == long[0] == "id"
    assert long[1] >= short[1]


def test_detik_bodies_are_indonesian() -> None:
    path = SHARED / "id_news_detik1000" / "data_berita.csv.gz"
    if not path.exists():
        pytest.skip("shared Detik corpus not available")
    csv.field_size_limit(1 << 30)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        bodies = [r["isi_berita"] for r in csv.DictReader(f) if r["isi_berita"].strip()]
    hits = sum(identify(b)[0] == "id" for b in bodies)
    assert hits / len(bodies) > 0.99, hits


def test_bbc_stories_are_english() -> None:
    path = SHARED / "en_news_bbc" / "bbc_news_2225.jsonl.gz"
    if not path.exists():
        pytest.skip("shared BBC corpus not available")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    hits = sum(identify(t)[0] == "en" for t in texts)
    assert hits / len(texts) > 0.99, hits


def test_short_wire_copy_with_indonesian_affixes_is_indonesian() -> None:
    assert identify("Budi mengatakan harga naik 5 persen.")[0] == "id"
    assert identify("El ministro anunció ayer nuevas medidas económicas para el país.")[0] == "other"


def test_one_sentence_of_names_and_a_nasal_verb_is_indonesian() -> None:
    """`menangkap`, `membentuk`, `memperbaiki`: the nasal prefixes before t, p, b mark Indonesian too,
    so a pasted one-line report full of names is not refused as another language."""
    assert identify("Tim Resmob Polda Sulawesi Utara menangkap pelaku di Manado kemarin.")[0] == "id"
    assert identify("Satuan Kerja Pembangunan Jalan Nasional Wilayah 1 Sumatera Utara memperbaiki jalan itu.")[0] == "id"
    assert identify("The mentoring programme mentioned members of the Commission in Brussels.")[0] == "en"


def test_the_new_word_shapes_do_not_take_english_or_spanish_for_indonesian() -> None:
    assert identify("Los miembros mencionaron que pensaban mentir.")[0] == "other"
    assert identify("Permanent members mentioned Memphis.")[0] != "id"


def test_short_english_headlines_are_english():
    for headline in ("Fed holds rates", "Oil prices soar", "Police arrest 20 in Kiev protest", "Messi scores twice"):
        assert identify(headline)[0] == "en", headline


def test_short_indonesian_headlines_are_indonesian():
    for headline in ("Harga beras naik", "Banjir rendam Jakarta", "Gempa guncang Cianjur"):
        assert identify(headline)[0] == "id", headline


def test_short_text_in_another_language_stays_other():
    for headline in ("El presidente habla hoy", "Der Bundestag hat entschieden", "Il governo italiano cade"):
        assert identify(headline)[0] == "other", headline


def test_headlines_are_told_by_how_common_their_words_are_in_each_language():
    # headlines of our own, with no function word the older rules could count
    for headline in ("Ad sales boost profits at media giant", "Gadget makers eye cheaper phones",
                     "Rail strike hits commuters"):  # the last two were refused before
        assert identify(headline)[0] == "en", headline
    for headline in ("Polisi tangkap pelaku pencurian motor", "Warga keluhkan jalan rusak parah"):
        assert identify(headline)[0] == "id", headline
    for headline in ("Le gouvernement annonce une réforme", "Die Polizei sucht Zeugen", "Het kabinet valt"):
        assert identify(headline)[0] == "other", headline
    lang, sure = identify("Stocks slide as bank fears grow")
    assert 0 < sure < 1  # a headline is never as sure as an article


def test_the_word_frequency_table_is_what_its_tool_writes():
    pytest.importorskip("wordfreq")
    import importlib.util

    tool = Path(__file__).resolve().parents[1] / "tools" / "build_word_frequencies.py"
    spec = importlib.util.spec_from_file_location("build_word_frequencies", tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


def test_function_words_that_are_sure_are_not_overruled_and_unknown_words_decide_nothing():
    # an Indonesian sentence full of English names
    assert identify("Marvel Studios akhirnya mengonfirmasi keberadaan Black Knight di Marvel Cinematic Universe.")[0] == "id"
    assert identify("Kula badhe tindak dhateng pasar")[0] == "other"  # Javanese: most words are on no list
    assert identify("Jokowi Prabowo")[0] == "other"  # two names say nothing
