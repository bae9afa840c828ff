"""The words the quote finder reads, compiled per language from the language pack.

Everything language-specific about speech lives in `lang/<lang>/`: speech verbs
(`speech_verbs.tsv`), pronouns (`speaker_pronouns.tsv`), nouns for described speakers
(`speaker_nouns.tsv`), anonymous sources (`anonymous_sources.tsv`) and the small words around
speech (`quote_words.tsv`). This module turns them into patterns once per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from jejak.lang import load_table
from jejak.nlp.letters import compile_latin


_PARTICLE = compile_latin(r"(?<=\w{3})(?:lah|kah|pun)$")


#: A period inside a speaker's words: an abbreviation before a name (`Mr. Smith`, `Sen. John McCain`).
#: The sentence splitter has already ended sentences, so a period with a capital after it here is no end.
_ABBREVIATION_DOT = r"\.(?=\s+[A-Z])"
#: A quote mark that closes a few quoted words right before a closing tag (`... to "cool off," Kunin said`),
#: where a language quotes words inside reported speech (English); elsewhere such a mark closes a direct
#: quote whose opening mark the page lost, which is no report.
_CLOSING_MARK = r"[\"”’']?"


def _alt(words) -> str:
    """A regex alternation, longest first, each word escaped (spaces match any whitespace)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class QuoteLexicon:
    lang: str
    tags: frozenset[str]
    passives: frozenset[str]
    short_tags: frozenset[str]
    participle_tags: frozenset[str]  # `," adding that`: the speaker was named before the quote
    trailing_described: re.Pattern[str] | None  # `..., the rights group says.`: a described speaker last
    speaker_at_quote_end: bool  # a speaker was last heard where the quote ends, not where it starts
    former: re.Pattern[str] | None  # `former`, `mantan` right before an office: not its holder today
    time_lead: frozenset[str]  # `said Tuesday his actions ...`: words of time before what was said
    after: re.Pattern[str]  # `," kata Budi` / `," ujarnya`
    after_named: re.Pattern[str]  # `," Smith said` / `," he said`
    after_described: re.Pattern[str] | None  # `," press secretary Josh Earnest said` (English)
    after_plain_described: re.Pattern[str] | None  # `," one shop owner said`: described, no name (English)
    any_mention_subject: bool  # a pronoun may point back to a person named as a subject at any mention
    partial_quotes: bool  # a few quoted words inside a running sentence are no direct quote (English)
    subject_after_comma: bool  # the speaker before a quote's verb is the clause after the last comma (English)
    split_joined_reports: bool  # `X said A and said B` is two reports even without a comma (English)
    capitalised_subject: re.Pattern[str] | None  # `Blackwell maintains`, `The Times said`: a name the tagger missed
    function_words: frozenset[str]  # capitalised at a sentence's start, these name no one (`This says`)
    pronoun_genders: dict[str, str]  # a speaker pronoun -> the gender it says (`she` -> f); none in Indonesian
    gender_words: dict[str, str]  # words that give a person's gender (`his`, `Mrs`), lower case -> gender
    cue_word: re.Pattern[str]  # any speech verb, for the lead before an opening quote
    speech_words: frozenset[str]  # the same as a set of lower-case words (with `-nya` forms)
    speech_automaton: ahocorasick.Automaton  # those words, for one fast scan of a whole text
    before_tail: re.Pattern[str]  # what may follow that verb up to the quote: `, "` / ` kepada wartawan: "`
    report: re.Pattern[str]  # `Budi mengatakan (bahwa) ...`
    trailing: re.Pattern[str]  # `..., kata Budi.` without quote marks
    trailing_named: re.Pattern[str]  # `..., Governor Perry Warjiyo told reporters.`
    according_to: re.Pattern[str]  # `Menurut Budi, ...`
    according_words: tuple[str, ...]  # a cheap test before the pattern
    according_bare: re.Pattern[str]  # `Menurut Prabowo keberadaan ...`, `Menurutnya setiap anak ...`: no comma
    according_after: re.Pattern[str]  # `..., menurut Bahlil.` closing a sentence
    trailing_apposed: re.Pattern[str] | None  # `..., said David Axelrod, a strategist.`: a name and its apposition close it
    modifiers_before_noun: bool  # a language whose modifiers stand before the noun (`A Russian official`)
    leading_tag: re.Pattern[str]  # `Kata Erwin, ...` / `Lanjut dia, ...` opening a sentence
    inner_tag: re.Pattern[str]  # `Sebagai langkah pencegahan, kata Zainal, ia menyarankan ...`
    pronoun: re.Pattern[str]
    pronoun_anywhere: re.Pattern[str]
    report_ref: re.Pattern[str]  # `laporan itu`
    title_cue: re.Pattern[str]
    subject_opener: re.Pattern[str]
    turn_opener: re.Pattern[str] | None  # `Sementara itu, ...`: the sentence turns to another voice
    purpose_before: re.Pattern[str]
    predicate_words: frozenset[str]
    predicate_adverbs: frozenset[str]  # `juga`, `pun`, `also`: only a predicate takes them
    not_predicate: frozenset[str]
    predicate_pattern: re.Pattern[str] | None
    relative: frozenset[str]
    clause_start: frozenset[str]
    speaker_nouns: frozenset[str]
    plural_speakers: frozenset[str]  # speaker nouns that name several people (`officials`): no `he` is one of them
    body_nouns: frozenset[str]  # those that name a body speaking as one (`pihak`, `kepolisian`)
    no_speakers: frozenset[str]  # capitalised words that name no one who speaks (`Menurut Islam`)
    description: re.Pattern[str] | None
    anonymous: re.Pattern[str] | None
    anonymous_labels: dict[str, str]
    determiners: frozenset[str] = frozenset()  # words before a described speaker (`seorang`, `para`)
    listener_verbs: frozenset[str] = frozenset()  # report verbs with a listener before the content (`told reporters`)
    prepositions: frozenset[str] = frozenset()  # words that open a phrase, not what was said (`said in a statement`)
    listener_before: re.Pattern[str] | None = None  # a word that introduces who heard it (`to the`, `kepada`), ending a lead
    complementizers: frozenset[str] = frozenset()  # words that open reported content (`that`, `bahwa`)
    clause_free: frozenset[str] = frozenset()  # verbs whose object is what was said, predicate or not (`said`)
    talked_about: frozenset[str] = frozenset()  # passives after a subject that is talked about (`disebut`)
    statement_of: re.Pattern[str] | None = None  # `tulis pernyataan resmi Himapol`: the statement's author speaks
    group_pronouns: frozenset[str] = frozenset()  # pronouns for several people (`mereka`): no one person is meant

    def is_clause(self, content: str) -> bool:
        """Whether reported content has a predicate of its own (not only inside a relative clause)."""
        prev = ""
        words = re.findall(r"\w+", content.lower())
        if words and words[0] in self.clause_start:  # `ia khawatir ...`: a pronoun subject opens a clause
            return True
        for w in words:
            w = _PARTICLE.sub("", w) or w  # `bukanlah`, `akankah`: a particle on the predicate
            if prev not in self.relative and (
                    w in self.predicate_words
                    or (self.predicate_pattern is not None and self.predicate_pattern.fullmatch(w)
                        and w not in self.not_predicate)):
                return True
            prev = w
        return False


def _automaton(words) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, len(w))
    automaton.make_automaton()
    return automaton


def speech_positions(lex: QuoteLexicon, text: str) -> list[int]:
    """Start offsets of every whole-word speech verb in `text`, in order."""
    lower = text.lower()
    n = len(lower)
    out = []
    for end, size in lex.speech_automaton.iter(lower):
        start = end - size + 1
        if (start == 0 or not lower[start - 1].isalnum()) and (end + 1 == n or not lower[end + 1].isalnum()):
            out.append(start)
    return out


def _words(rows, kind: str) -> list[str]:
    return [r["word"] for r in rows if r.get("kind") == kind and r.get("word")]


@lru_cache(maxsize=None)
def lexicon(lang: str) -> QuoteLexicon:
    """The compiled quote lexicon of a language; Indonesian's when the language has no pack."""
    verbs = load_table(lang, "speech_verbs", missing_ok=True)
    if not verbs:
        return lexicon("id") if lang != "id" else _fail()
    words = load_table(lang, "quote_words", missing_ok=True)
    pronouns = load_table(lang, "speaker_pronouns", missing_ok=True)
    noun_rows = load_table(lang, "speaker_nouns", missing_ok=True)
    nouns = [r["noun"] for r in noun_rows]
    anonymous = {r["phrase"].casefold(): r["label"] for r in load_table(lang, "anonymous_sources", missing_ok=True)}

    tags = frozenset(r["cue"] for r in verbs if r["kind"] == "tag")
    reports = frozenset(r["cue"] for r in verbs if r["kind"] == "report")
    passives = frozenset(r["cue"] for r in verbs if r["kind"] == "passive")
    tag_alt, rep_alt = _alt(t for t in tags if " " not in t), _alt(r for r in reports if " " not in r)
    speech_alt = _alt((*tags, *reports, *passives))
    pas_alt = _alt(passives) if passives else r"(?!x)x"
    person_pronouns = [r["word"] for r in pronouns if r["refers_to"] in ("person", "group")]
    pron_alt = _alt(person_pronouns) if person_pronouns else r"(?!x)x"
    anaphors, report_nouns = _words(words, "anaphor"), _words(words, "report_noun")
    predicate_rx = _words(words, "predicate_pattern")
    aux_alt = _alt(_words(words, "tag_aux")) or r"(?!x)x"
    settings = {r["setting"]: r["value"] for r in load_table(lang, "quote_settings", missing_ok=True)}
    name_run = r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,4}"

    # function and time words: never part of a speaker's description
    plain_words = _alt([r["word"] for r in load_table(lang, "stopwords", missing_ok=True)] + _words(words, "time_lead")) \
        or r"(?!x)x"
    description = None
    if nouns:
        determiners = _alt(_words(words, "determiner")) or r"(?!x)x"
        stops = _alt([*_words(words, "description_stop"), *tags, *reports, *anaphors]) or r"(?!x)x"
        # in a language whose modifiers come before the noun, up to three content words belong to the
        # description (`one shop owner`, `A senior Russian military official`; not `Yesterday`, `which`, `as`)
        modifiers = rf"(?:(?!(?i:{stops}|{plain_words})(?![\w-]))[A-Za-z][\w-]*\s+){{0,3}}" \
            if settings.get("modifiers") == "before_noun" else ""
        description = compile_latin(
            rf"(?:^|(?<=\s))(?P<desc>(?:(?:{determiners})\s+)?{modifiers}(?:{_alt(nouns)})(?![\w-])"
            rf"(?:[ ](?!(?:{stops})(?![\w-]))[\w-]+){{0,3}})"
            rf"(?P<anaphor>\s+(?:{_alt(anaphors) or '(?!x)x'})(?![\w-]))?", re.IGNORECASE)
    closing = _CLOSING_MARK if settings.get("partial_quotes") == "inside_speech" else ""
    return QuoteLexicon(
        lang=lang,
        tags=frozenset(t.lower() for t in tags),
        passives=frozenset(p.lower() for p in passives),
        short_tags=frozenset(w.lower() for w in _words(words, "short_tag")),
        participle_tags=frozenset(w.lower() for w in _words(words, "participle_tag")),
        speaker_at_quote_end=settings.get("speaker_heard") == "quote_end",
        time_lead=frozenset(w.lower() for w in _words(words, "time_lead")),
        former=compile_latin(rf"(?<![\w-])(?:{_alt(_words(words, 'former'))})[\s-]*$", re.IGNORECASE)
        if _words(words, "former") else None,
        trailing_described=compile_latin(
            rf",\s*(?P<who>(?i:{_alt(_words(words, 'determiner')) or '(?!x)x'})\s+(?:[\w'’\-]+\s+){{0,4}}?[\w'’\-]+"
            rf"|(?:(?!(?i:{plain_words})(?![\w-]))[\w.'’\-]+\s+){{0,2}}(?i:{_alt(nouns) if nouns else '(?!x)x'}))"  # `..., political experts said.`
            rf"\s+(?:(?:{aux_alt})\s+)?(?P<cue>{tag_alt})(?![\w-])[^,.]{{0,40}}[.]?\s*$")
        if settings.get("tag_speaker") == "described_name" else None,
        after=compile_latin(rf"\s*[,.]?\s*(?:demikian\s+)?(?P<cue>{tag_alt}|{rep_alt})(?P<nya>nya)?(?![\w-])[ \t]*",
                         re.IGNORECASE),
        after_described=compile_latin(  # `," White House press secretary Josh Earnest told reporters`
            rf"[ \t]*[,.]?[ \t]*(?P<who>(?:[A-Z][\w.'’\-]*\s+){{0,4}}(?:[a-z][\w\-]*\s+){{1,3}}{name_run})"
            rf"\s+(?:(?:{aux_alt})\s+)?(?P<cue>{tag_alt})(?![\w-])") if settings.get("tag_speaker") == "described_name"
        else None,
        after_plain_described=compile_latin(
            rf"[ \t]*(?P<who>(?i:{_alt(_words(words, 'determiner')) or '(?!x)x'})\s+(?:[a-z][\w\-]*\s+){{0,3}}[a-z][\w\-]*)"
            rf"\s+(?:(?:{aux_alt})\s+)?(?P<cue>{tag_alt})(?![\w-])") if settings.get("tag_speaker") == "described_name"
        else None,
        after_named=compile_latin(rf"[ \t]*[,.]?[ \t]*(?P<who>{name_run}|{pron_alt})"  # not past a paragraph's end
                               rf"(?:,\s*[^,“”\"\n]{{1,80}}?,){{0,2}}"  # `," Ramos, 58, told AFP`, `," Mr. Daniloff, now 81 and retired in Cambridge, Mass., said`
                               rf"\s+(?:(?:{aux_alt})\s+)?(?P<cue>{tag_alt})(?![\w-])"),
        any_mention_subject=settings.get("pronoun_antecedent") == "any_mention",
        partial_quotes=settings.get("partial_quotes") == "inside_speech",
        subject_after_comma=settings.get("speaker_clause") == "after_comma",
        split_joined_reports=settings.get("joined_reports") == "split",
        capitalised_subject=compile_latin(rf"(?P<det>(?i:{_alt(_words(words, 'determiner')) or '(?!x)x'})\s+)?"
                                       r"(?P<name>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})")
        if settings.get("capitalised_subject") == "name" else None,
        function_words=frozenset(r["word"].casefold() for r in load_table(lang, "stopwords", missing_ok=True)),
        pronoun_genders={r["word"].lower(): r["gender"] for r in pronouns if r.get("gender")},
        gender_words={r["word"].lower(): r["gender"] for r in load_table(lang, "gender_words", missing_ok=True)},
        speech_words=(speech := frozenset(w.lower() + suffix for w in (*tags, *reports, *passives) if " " not in w
                                          for suffix in ("", "nya"))),
        speech_automaton=_automaton(speech),
        cue_word=compile_latin(rf"(?<![\w-])(?P<cue>{speech_alt})(?P<nya>nya)?(?![\w-])", re.IGNORECASE),
        before_tail=compile_latin(r"(?:\s+(?P<obj>[^,:\"“”\n]{1,60}?))?\s*(?:(?:bahwa|that)\s*)?[,:]?\s*$",
                               re.IGNORECASE),
        report=compile_latin(rf"(?<![\w-])(?P<cue>{rep_alt}|{pas_alt})(?![\w-])\s*(?:,\s*)?(?:(?:bahwa|that)\s+|:\s*)?",
                          re.IGNORECASE),
        trailing=compile_latin(rf",{closing}\s*(?P<cue>{tag_alt})(?P<nya>nya)?(?![\w-])\s*(?P<who>(?:[^,.]|{_ABBREVIATION_DOT}){{0,60}})[.]?\s*$",
                            re.IGNORECASE),
        modifiers_before_noun=settings.get("modifiers") == "before_noun",
        trailing_apposed=compile_latin(  # `..., said David Axelrod, a former senior strategist.` (Indonesian's
            # `..., kata Idas, terdapat ...` is a tag inside what was said)
            rf",{closing}\s*(?i:(?P<cue>{tag_alt}))(?P<nya>)\s+(?P<who>[A-Z](?:[^,.]|{_ABBREVIATION_DOT}){{0,59}}),[^,.]{{1,160}}[.]?\s*$")
        if settings.get("tag_speaker") == "described_name" else None,
        trailing_named=compile_latin(rf",{closing}\s*(?P<who>(?:[A-Z][\w'’\-]*\s+){{0,5}}?{name_run}|{pron_alt})\s+(?P<cue>{tag_alt})(?![\w-])[^,.]{{0,40}}[.]?\s*$"),
        leading_tag=compile_latin(rf"(?P<cue>{tag_alt})(?P<nya>nya)?(?![\w-])(?:\s+(?P<who>[^,.]{{1,60}}?))?\s*,\s*",
                               re.IGNORECASE),
        inner_tag=compile_latin(rf",\s*(?P<cue>{tag_alt})(?P<nya>nya)?(?![\w-])(?:\s+(?P<who>[^,.]{{1,50}}?))?\s*,\s*(?=\w)",
                             re.IGNORECASE),
        according_after=compile_latin(rf",\s*(?P<cue>{_alt(_words(words, 'according_to'))})\s+(?P<who>(?:[^,.]|\.(?=\w|\s+[a-z])|{_ABBREVIATION_DOT}){{1,60}}?)\s*\.?\s*$"),  # `F.A.A. records`
        according_words=tuple(sorted({w[1:] for w in _words(words, "according_to")})),
        according_bare=compile_latin(rf"(?:{_alt(_words(words, 'according_to'))})(?:(?P<nya>nya)|\s+(?P<who>[A-Z][\w.'’\-]*"
                                  rf"(?:\s+[A-Z][\w.'’\-]*){{0,3}}))\s+(?=[a-z])"),
        according_to=compile_latin(rf"(?:^|(?<=[,;]\s))(?:{_alt(_words(words, 'according_to'))})(?P<nya>nya)?"
                                rf"(?:\s+(?P<who>[^,]{{1,80}}?))?\s*,\s*"),
        pronoun=compile_latin(rf"(?:{pron_alt}|dirinya)(?![\w-])", re.IGNORECASE),
        pronoun_anywhere=compile_latin(rf"(?<![\w-])(?:{pron_alt})(?![\w-])", re.IGNORECASE),
        report_ref=compile_latin(rf"(?:(?:{_alt(report_nouns)})\s+(?:{_alt(anaphors)})|(?:{_alt(anaphors)})\s+(?:{_alt(report_nouns)}))(?![\w-])",
                              re.IGNORECASE),
        title_cue=compile_latin(rf"(?:{_alt(_words(words, 'title_cue'))})\s*$", re.IGNORECASE),
        subject_opener=compile_latin(rf"(?:(?:{_alt(_words(words, 'subject_opener'))})(?![\w-])\s*,?\s*)+"),
        turn_opener=(compile_latin(rf"(?:{_alt(turns)})\s*,?\s" ) if (turns := _words(words, "turn_opener")) else None),
        purpose_before=compile_latin(rf"(?<![\w-])(?:{_alt(_words(words, 'purpose'))})\s+$", re.IGNORECASE),
        predicate_words=frozenset(_words(words, "predicate")),
        predicate_adverbs=frozenset(_words(words, "predicate_adverb")),
        not_predicate=frozenset(_words(words, "not_predicate")),
        predicate_pattern=compile_latin("|".join(predicate_rx)) if predicate_rx else None,
        relative=frozenset(_words(words, "relative")),
        clause_start=frozenset(_words(words, "clause_start")),
        speaker_nouns=frozenset(n.casefold() for n in nouns),
        plural_speakers=frozenset(r["noun"].casefold() for r in noun_rows if r.get("number") == "plural"),
        body_nouns=frozenset(r["noun"].casefold() for r in noun_rows if r.get("kind") == "body"),
        no_speakers=frozenset(_words(words, "no_speaker")),
        statement_of=(compile_latin(rf"(?:{_alt(stated)})\s+") if (stated := _words(words, "statement_of")) else None),
        group_pronouns=frozenset(r["word"].lower() for r in pronouns if r["refers_to"] == "group"),
        determiners=frozenset(_words(words, "determiner")),
        listener_verbs=frozenset(w.lower() for w in _words(words, "listener_verb")),
        prepositions=frozenset(w.lower() for w in _words(words, "preposition")),
        listener_before=compile_latin(rf"(?<![\w-])(?:{_alt(heard)})\s+(?:(?:{_alt(_words(words, 'determiner')) or '(?!x)x'})\s+)?$",
                                      re.IGNORECASE) if (heard := _words(words, "listener_prep")) else None,
        complementizers=frozenset(w.lower() for w in _words(words, "complementizer")),
        clause_free=frozenset(w.lower() for w in _words(words, "clause_free")),
        talked_about=frozenset(_words(words, "talked_about")),
        description=description,
        anonymous=compile_latin(rf"(?:{_alt(anonymous)})(?![\w-])", re.IGNORECASE) if anonymous else None,
        anonymous_labels=anonymous,
    )


def _fail() -> QuoteLexicon:
    raise FileNotFoundError("the Indonesian language pack has no speech_verbs.tsv")
