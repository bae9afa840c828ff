"""Direct and indirect quotes with their speakers.

Direct quotes are text between quote marks that a speech cue claims (`"...," kata Scholz`,
`Ia menambahkan, "..."`) or that stands as a whole sentence after another quote (the same
speaker goes on). Short quoted words inside a sentence with no cue are scare quotes or titles.
Indirect quotes are reported speech: `X mengatakan (bahwa) ...`, `Menurut X, ...`,
`..., kata X.` without quote marks.

Speakers are resolved in reading order: a name or entity after the cue; an office (`kata
Menteri Keuangan`) to its holder on the article's date when the knowledge base knows it; a
pronoun or `-nya` clitic (`katanya`, `ia`, `beliau`) to the most recent speaker or sentence
subject; `laporan itu` to the report quoted before; no cue to the previous speaker.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from jejak.confidence import quote_confidence
from jejak.kb import KnowledgeBase
from jejak.extract.quote_lexicon import lexicon, speech_positions
from jejak.model import EntityRef, Quote
from jejak.nlp.entities import POSSESSED_NOUN, EntityTable, is_title_word
from jejak.nlp.letters import compile_latin, latin
from jejak.nlp.occurrences import find_all

_MAX_QUOTE = 4000  # characters: a longer "quote" is a stray mark, and the scan for its close stops there
_LEAD_REACH = 1000  # characters before a quote read for its cue: a paragraph of a thousand quotes stays linear
#: After a quoted fragment, two words of the same clause (no stop, no tag such as `said Smith`).
_RUNS_ON = compile_latin(r"[ \t]+[A-Za-z][\w'’\-]*[ \t]+[A-Za-z][\w'’\-]*")
_QUOTE_STOPS = ",.!?;:…"
_LATER_CUES = 12  # verbs of saying after a report that may start a coordinated one (bounds a long sentence's cost)
_PARTIAL_MAX_WORDS = 8  # a quoted fragment inside a sentence longer than this is a statement of its own
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", '"': '"', "”": "”", "''": "''"}
_QUOTE_CHARS = compile_latin(r"''|[\"“”«»„]")  # `''` for `"`: how some newsrooms' archives write it
_OPENING_MARKS = ('"', "“", "''")
_WORDS = compile_latin(r"\w+")
# the words after a cue up to the next punctuation, and a capitalised phrase starting there
#: After a verb of saying: description words in lower case, then a name of two or three words that
#: ends the phrase (`said Virginia delegate Beau Correll`).
_DESCRIBED_NAME = compile_latin(r"(?<![\w-])(?P<word>[a-z][\w'’\-]*)\s+(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2})\s*$")
#: A name, a comma and a description: all that follows `, said` in `..., said David Axelrod, a strategist.`
_NAME_AND_APPOSITION = compile_latin(r"[A-Z](?:[^,.]|\.(?=\s+[A-Z])){0,59},[^,.]{1,160}")  # (`Mr. Smith, a ...`)
#: A name and where it is from, every word capitalised but `of`/`the` (`Sen. John McCain of Arizona`)
_CAPITALISED_PHRASE = compile_latin(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|[A-Z][\w'’.-]*)){0,8}")
_DOTTED_ACRONYM = compile_latin(r"(?:[A-Z]\.){2,}")
_MODIFIED = re.compile(r" ((?:[a-z][\w-]* ?){1,4})[ ,]*")  # `Russian officials`: lower-case words after a demonym
_POSSESSED = re.compile(r"['’]s ((?:[a-z][\w-]* ?){1,4})[ ,]*")  # `Indonesia's state weather agency`
_AFTER_CUE_PHRASE = compile_latin(r"(?:[^,.;:\n\"“”]|\.(?=\s+[A-Z]))+")  # (`said Navy Capt. Jeff Davis`)
_PHRASE_ONLY_WORDS = 5  # a phrase this short after `said` (`in a statement`) is no report by itself
_AFTER_CUE_REACH = 80  # characters of the phrase after a cue that may name the speaker
_CAP_PHRASE = compile_latin(r"(?:(?:[A-Z][\w'’.\-]*|[a-z]{1,3}\.?|\([A-Z][\w+\-]*\))[ ])*(?:[A-Z](?:\.[A-Z])+\.|[A-Z][\w'’\-]*)"
                            r"(?:[ ](?:[A-Z][\w'’\-]*|\([A-Z][\w+\-]*\)))*")  # `F.A.A.` is one word
# A name read from capitals ends where a preposition starts a place or a source: `kata Raden di
# Banjarmasin`, `ujar Asep dari Bandung` (a name itself never holds one).
_PLACE_AFTER_NAME = compile_latin(r" (?:di|ke|dari|pada) (?=[A-Z])")


_NAMED_AFTER = compile_latin(r",\s*")
#: Two to four capitalised words, a comma, then words before the verb: a name and its apposition.
_NAME_THEN_APPOSITION = compile_latin(r"\s*([A-Z][\w'’\-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’\-]+)){1,3}),\s+([^,]{3,100}),?\s*$")
_ASIDE = compile_latin(r",\s*(?:yang|which|who|a|an|the)\b[^,]*,")
_TITLE_WORD = compile_latin(r"([A-Z][\w.]*)\s+")
_ANAPHORIC_END = compile_latin(r"^[a-z].*\s(?:itu|tersebut|ini)\s*$")
# A title phrase that points back with `ini` (`kata Ketua Kebun Raya Indonesia ini`, `Dewan Pengarah BRIN
# ini menyebutkan`): the person the article is about, not a new speaker named by the office.
_TITLE_THIS_END = compile_latin(r"\s(?:ini|itu|tersebut)\s*$")
# `hari ini`, `saat itu`: a time, not a phrase pointing back to someone.
_TIME_BEFORE_THIS = compile_latin(r"(?:^|\s)(?:hari|pekan|minggu|bulan|tahun|saat|kali|malam|pagi|siang|sore|waktu|masa|"
                               r"era|kesempatan|acara|forum|sidang|rapat|pertemuan)\s+(?:ini|itu|tersebut)\s*$",
                               re.IGNORECASE)


def _points_back(words: str) -> bool:
    """Whether a speaker phrase closed by `ini`/`itu`/`tersebut` points back to someone, rather than
    ending on a time or an occasion (`kata Ketua KPU Afifuddin hari ini`, `dalam kesempatan itu`)."""
    return not _TIME_BEFORE_THIS.search(words)
_ANAPHORIC_SUBJECT = compile_latin(r"^[A-Za-z][\w-]*\s.*\s(?:itu|tersebut)\s*$")
#: A comma, then a few words and a later verb of saying: another speaker's clause begins (`it was great
#: to be home, a man yelled`); read where joined reports are split (English).
_POSSESSIVES = frozenset("his her its their our my your".split())
_PREPOSITIONS = frozenset("during at in after before while".split())  # `said earlier on Friday during a news conference that`
_NEW_SPEAKER = compile_latin(r",\s+(?:[\w'’\-]+\s+){1,4}$")
_NEXT_CLAUSE = compile_latin(r",\s*(?:dan|serta|sedangkan|sementara|tetapi|namun|and|while|but)\s+")
_JOINED_REPORT = compile_latin(r"\s+(?:dan|serta|and|but)(?:\s+(?:juga|also|then|later))?\s+$")
# Two to four capitalised words that end a name: a comma, a full stop, a bracket or a lower-case word follows.
_WRITTEN_NAME = compile_latin(r"([A-Z][a-z][\w'’\-]*(?:\s+[A-Z][a-z][\w'’\-]*){1,3})(?=\s*[,.(]|\s+[a-z])")
_NAME_AFTER_COMMA = compile_latin(r"([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3})\s*(?:\(\d{1,3}\))?\s*[,.]")
_PASSIVE_BEFORE = compile_latin(r"(?<![\w-])(di[a-z]+)\s+(?:oleh\s+)?(?:(?:[A-Z][\w.'’\-]*|dan|&)[,]?\s+)*$")
_PARTICLES = frozenset({"pun", "juga", "turut", "ikut", "lantas", "lalu", "kemudian"})
_TAKES_THE_FLOOR = frozenset({"angkat bicara", "buka suara", "angkat suara"})
# a title or body's last word (`DPRD DKI Jakarta`, `(PKB)`, `periode 2019-2024`), then the name
_CAPITALISED_BEFORE_COMMA = compile_latin(r"(?:[A-Z][\w.'’\-]*|\([^()\n]{1,30}\)|\d[\d\-–/]*), $")
_BODY_VOICE_REACH = 600  # characters back in which the person who spoke for a body is still its voice
_FIRST_VOICE_REACH = 300  # characters back in which a pronoun's person is looked for when nobody has spoken
_CAPITALISED = r"[A-Z][\w.'’\-]*"  # a title's or a name's word
_TITLES_ONLY = compile_latin(rf"(?:(?:{_CAPITALISED}|dan|&)[,]?\s+)*")
# titles and bodies only, as in `Wakil Ketua MPR RI dari Fraksi Partai Amanat Nasional (PAN) Eddy Soeparno`
_OFFICE_ONLY = compile_latin(rf"(?:(?:{_CAPITALISED}|\([^()\n]{{1,40}}\)|dan|dari|&)[,]?\s+)*")


@dataclass
class _Pending:
    """A quote found but not yet given its speaker."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None
    how: str  # name, pronoun, continuation, report
    who_start: int | None = None  # where the speaker words start
    who_end: int | None = None


def _closers(opener: str) -> tuple[str, ...]:
    """The marks that close a quote opened with `opener` (writers mix straight and curly marks)."""
    closers = (_OPEN_CLOSE[opener],)
    if opener in ("“", "„"):
        closers += ('"', "”")
    elif opener == '"':
        closers += ("”",)
    return closers


class _Spans:
    """Membership in a union of spans by bisection (`pos in spans`), where a long text has many."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if a >= b:
                continue
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with [start, end) (a sentence: never empty)."""
        k = bisect_right(self._ends, start)  # the first span ending after start
        return start < end and k < len(self._starts) and self._starts[k] < end


#: A short phrase after a verb of saying, then `that` (`said in a statement on Tuesday that`).
_THAT_AFTER_PHRASE = compile_latin(r"\s*(?:[\w'’.-]+\s+){1,7}?that\s+")


def _first_word(text: str) -> str:
    m = _WORDS.search(text)
    return m.group().lower() if m else ""


def _find_quote_pairs(text: str) -> list[tuple[int, int, int, int]]:
    """(open, content_start, content_end, close_end) for each quoted passage, paragraph-aware.

    Each opener's close is found by bisecting the positions of the marks that could close it,
    so a page of ten thousand unmatched marks costs n log n, not n times the quote window."""
    marks = list(_QUOTE_CHARS.finditer(text))
    chars = [m.group() for m in marks]
    # A reopening mark at the start of a paragraph continues the quote (a paragraph that ends
    # inside a quote goes on where the next one reopens it): it never closes one.
    can_close: dict[str, list[int]] = {}
    for k, (m, c) in enumerate(zip(marks, chars)):
        if not (c in ("“", "«", '"', "''") and _is_para_start(text, m.start())):
            can_close.setdefault(c, []).append(k)
    pairs = []
    i = 0
    while i < len(marks):
        m, ch = marks[i], chars[i]
        if ch in "»" or (ch == "”" and not _looks_opening(text, m.start())):
            i += 1
            continue
        j = min((found[k] for c in _closers(ch) if (found := can_close.get(c))
                 and (k := bisect_right(found, i)) < len(found)), default=None)
        if j is None or marks[j].start() - m.end() > _MAX_QUOTE:
            i += 1
            continue
        close = marks[j]
        # `... a special case,'''`: an inner single quote closes first, then the outer `''`
        shift = 1 if chars[j] == "''" and text.startswith("'", close.end()) else 0
        pairs.append((m.start(), m.end(), close.start() + shift, close.end() + shift))
        i = j + 1
    return pairs


def _looks_opening(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in " \n(\t"


def _is_para_start(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] == "\n"


#: Words between two names of one subject phrase that make the first a modifier of the second
#: (`Sanders campaign manager`, `Clinton’s top aide`): lower-case words ending in a word for a
#: speaker, a possessive before them, no comma, no conjunction (`Budi dan Joko` are two).
_ROLE_BETWEEN = compile_latin(r"(?:['’]s?)?(?:\s+(?!(?:and|dan|bersama|serta|with|or|atau)\b)[a-z][\w-]*)+\s+")
#: The same role words, then a capitalised title or rank (`spokesman Navy Capt. Jeff Davis`, `ACLU executive
#: Director Anthony Romero`): the role words must be a speaker's, not a clause (`saat mendampingi Bupati`)
_ROLE_MODIFIERS = frozenset({"executive", "deputy", "acting", "senior", "chief", "general"})  # `executive Director`
_ROLE_THEN_TITLE = compile_latin(r"(?:['’]s?)?(?P<role>(?:\s+(?!(?:and|dan|bersama|serta|with|or|atau)\b)[a-z][\w-]*)+)"
                                 r"(?:(?:\s+[A-Z][\w-]*){0,2}\s+[A-Z][a-z]{1,4}\.|\s+[A-Z][a-z]+)\s+")
_TITLE_BEFORE = compile_latin(r"(?<![\w-])([A-Z][a-z]{1,3})\.?\s+$")
_WORD_SPANS = compile_latin(r"[\w'’]+")
_OPENING_REACH = 8  # words between a report verb and the word that opens its content


class QuoteFinder:
    def __init__(self, text: str, table: EntityTable, kb: KnowledgeBase, published: dt.date | None,
                 sentences: list[tuple[int, int]], lang: str = "id"):
        self.text = text
        self.table = table
        self.kb = kb
        self.published = published
        self.sentences = sentences
        self._sentence_starts = [a for a, _ in sentences]
        self.lex = lexicon(lang)
        self._starts = [m.start for m in table.mentions]  # mentions are sorted by start
        self._office_order: tuple[int, list, list[int]] = (0, [], [])  # (offices read, sorted, their starts)
        self._naming_words: list[tuple[int, int]] | None = None  # where `bernama`, `berinisial` stand
        self._descriptions: set[tuple[str, str]] = set()  # speakers the text only describes
        self._gender_cache: dict[str, str] | None = None  # person's name -> gender the article gives them

    # -- direct -------------------------------------------------------------------------
    def direct(self) -> list[_Pending]:
        text = self.text
        found: list[_Pending] = []
        for open_, c_start, c_end, close_end in _find_quote_pairs(text):
            content = text[c_start:c_end]
            n_words = len(_WORDS.findall(content))
            if n_words == 0:
                continue
            reach = max(0, open_ - _LEAD_REACH)
            para_start = max(text.rfind("\n", reach, open_) + 1, reach)
            lead = text[para_start:open_]
            if self.lex.partial_quotes and (self._partial(lead, content, n_words)
                                            or self._runs_on(content, n_words, close_end)):
                continue  # `calling him "a total stiff"`: a few quoted words inside reported speech
            am = self.lex.after.match(text, close_end)
            if am and am.group("cue").lower() in self.lex.participle_tags and self._cue_before(
                    re.split(r"(?<=[.!?])\s+", lead)[-1] if lead.strip() else ""):
                am = None  # `Obama said "...," adding that`: the speaker was named before the quote
            if am and am.end() - close_end < 40 and (n_words >= 2 or am.group("cue").lower() in self.lex.short_tags):
                cue = (am.start("cue"), am.end("nya") if am.group("nya") else am.end("cue"))
                if am.group("nya"):
                    found.append(_Pending(c_start, c_end, "direct", cue, "pronoun"))
                else:
                    found.append(_Pending(c_start, c_end, "direct", cue, "name", am.end(), None))
                continue
            nm = self.lex.after_named.match(text, close_end)
            if nm is None and self.lex.after_described is not None:
                nm = self.lex.after_described.match(text, close_end)  # `," L2 president Bruce Willsie said`
            if nm is None and self.lex.after_plain_described is not None:
                nm = self.lex.after_plain_described.match(text, close_end)  # `," one shop owner said`
            if nm and text.startswith(":", nm.end()) and content.rstrip()[-1:] in ".?!":
                nm = None  # `''We are not terrorists.'' Mr. Zahed said: ''...''`: the tag opens the next quote
                #            (a quote closing on a comma keeps it: `"We are refugees," Ms. Alawee said: "..."`)
            if nm and n_words >= 2:  # `," Smith said` / `," he said`
                cue = (nm.start("cue"), nm.end("cue"))
                found.append(_Pending(c_start, c_end, "direct", cue, "name", nm.start("who"), nm.end("who")))
                continue
            sent_lead = re.split(r"(?<=[.!?])\s+", lead)[-1] if lead.strip() else ""
            if self.lex.title_cue.search(text, max(0, open_ - 40), open_):
                continue  # `bertajuk "..."`, `tagar "..."`: a title or a slogan, not speech
            bm = self._cue_before(sent_lead) if n_words >= 3 else None
            if bm is not None:
                cue_m, subj_at, subj = bm
                base = open_ - len(sent_lead)
                cue = (base + cue_m.start("cue"), base + cue_m.end("cue"))
                subj_s, subj_e = base + subj_at, base + subj_at + len(subj)
                if cue_m.group("cue").lower() in self.lex.tags and not subj.strip():
                    # `kata Budi, "..."`: the speaker follows the cue
                    found.append(_Pending(c_start, c_end, "direct", cue, "name", cue[1], base + len(sent_lead)))
                elif cue_m.group("cue").lower() in self.lex.passives:
                    found.append(_Pending(c_start, c_end, "direct", cue, "continuation"))
                else:
                    found.append(_Pending(c_start, c_end, "direct", cue, "subject", subj_s, subj_e))
                continue
            colon = re.search(latin(r"([A-Z][\w.\- ]{1,60}):\s*$"), sent_lead)
            if colon and self.lex.listener_before is not None and self.lex.listener_before.search(sent_lead, 0, colon.start(1)):
                # `Jeb Bush broke down ... to the Dutch newspaper NRC Handelsblad:`: who heard it, not who
                # spoke; the person the lead opens with did
                base = open_ - len(sent_lead)
                person = next((m for m in self._mentions_in(base, base + colon.start(1))
                               if self.table.entities[m.entity].type == "PER"), None)
                if person is not None and n_words >= 3:
                    found.append(_Pending(c_start, c_end, "direct", None, "name", person.start, person.end))
                    continue
                colon = None
            if colon and n_words >= 3:
                base = open_ - len(sent_lead)
                found.append(_Pending(c_start, c_end, "direct", None, "subject", base + colon.start(1), base + colon.end(1)))
                continue
            introduced = self._introduced_above(para_start, reach) if not sent_lead.strip() and n_words >= 3 else None
            if introduced is not None:  # `Cruz called them on it:` and the quote as its own paragraph
                found.append(_Pending(c_start, c_end, "direct", *introduced))
                continue
            # no cue: a whole-sentence quote continues the previous speaker; short ones are scare quotes
            stands_alone = not sent_lead.strip() and (content.rstrip()[-1:] in ".,!?…" or n_words >= 8)
            if stands_alone and n_words >= 4:
                found.append(_Pending(c_start, c_end, "direct", None, "continuation"))
        return found

    def _introduced_above(self, para_start: int, reach: int):
        """(cue, how, who start, who end) when the paragraph above ends in a colon after a verb of
        saying or a name (`Cruz called them on it:`, `Reporter Jomana Karadsheh says:`), so the quote
        that opens this paragraph is its speaker's; None otherwise."""
        text = self.text
        end = para_start - 1
        while end > reach and text[end - 1].isspace():
            end -= 1
        if end <= reach or text[end - 1] != ":":
            return None
        start = max(text.rfind("\n", reach, end) + 1, reach)
        sent_start = start + max((m.end() for m in re.finditer(r"[.!?]\s+", text[start:end])), default=0)
        lead = text[sent_start:end - 1].rstrip() + " "
        bm = self._cue_before(lead)
        if bm is not None:
            cue_m, subj_at, subj = bm
            cue = (sent_start + cue_m.start("cue"), sent_start + cue_m.end("cue"))
            if subj.strip():
                return cue, "subject", sent_start + subj_at, sent_start + subj_at + len(subj)
            return None
        colon = re.search(latin(r"([A-Z][\w.\- ]{1,60})\s*$"), lead)
        if colon and self._mentions_in(sent_start + colon.start(1), sent_start + colon.end(1)):
            # a name before the colon (`Cruz called them on it:`); a heading (`Berikut pernyataan
            # lengkap KPU:`) without one leaves the quote to the speaker before
            return None, "subject", sent_start + colon.start(1), sent_start + colon.end(1)
        return None

    def _partial(self, lead: str, content: str, n_words: int) -> bool:
        """A few quoted words inside a sentence of reported speech or narration (`said the plan was
        "a total disaster" and`, `on "Sunday Morning Futures"`): no quotation of its own. A quote
        that opens its sentence, follows a colon or a comma, or is long enough to be a statement
        is one."""
        if n_words > _PARTIAL_MAX_WORDS:
            return False
        sent_lead = re.split(r"(?<=[.!?])\s+", lead)[-1] if lead.strip() else ""
        before = sent_lead.rstrip()
        if len(_WORDS.findall(before)) < 3 or before[-1:] in ",:;—–-(" or content.rstrip().endswith("?"):
            return False
        if content.lstrip()[:1].isupper() and content.rstrip()[-1:] in ".!?":
            return False  # `Smith said "We will fight this to the end."`: a whole sentence quoted
        return self._cue_before(sent_lead + " ") is None  # `told parliament on Monday "..."`

    def _runs_on(self, content: str, n_words: int, close_end: int) -> bool:
        """A few quoted words the sentence runs on past without a stop (`said "it gets me mad" every
        time he thinks`, `the only one that "has beaten and can beat" Trump`): part of the reported
        clause, most of which is not quoted, so no direct quote of its own."""
        if n_words > _PARTIAL_MAX_WORDS or content.rstrip()[-1:] in _QUOTE_STOPS:
            return False
        if not _RUNS_ON.match(self.text, close_end):
            return False
        return not any(rx is not None and rx.match(self.text, close_end)
                       for rx in (self.lex.after, self.lex.after_named, self.lex.after_described))

    def _cue_before(self, lead: str):
        """The speech verb that introduces a quote from the lead before it (`Budi mengatakan, "`),
        with the subject words before the verb; None when the lead does not end in a cue."""
        if not lead.strip():
            return None
        last = None
        for last in self.lex.cue_word.finditer(lead):
            pass
        if last is None:
            return None
        tail = self.lex.before_tail.match(lead, last.end())
        if tail is None:
            return None
        if (tail.group("obj") or "").strip() and not re.search(r"(?:[,:]|bahwa|that)\s*$", lead):
            return None  # `katanya dalam webinar "..."`: the quoted words are what it was called
        subj_start = max((at + len(q) for q in ('"', "“", "”", "''") if (at := lead.rfind(q, 0, last.start())) >= 0),
                         default=0)
        cut = lead.rfind(", ", subj_start, last.start()) if self.lex.subject_after_comma else -1
        if cut >= 0 and _WORDS.search(lead, cut, last.start()):
            # `Asked if Trump's comments rattled them, Ryan said, "...`: the subject is the last clause
            subj_start = cut + 2
        return last, subj_start, lead[subj_start:last.start()]

    # -- indirect -----------------------------------------------------------------------
    def indirect(self, direct: list[_Pending]) -> list[_Pending]:
        text = self.text
        spans = _Spans([(d.start - 1, d.end + 1) for d in direct])
        found: list[_Pending] = []
        # one pass over the whole text for speech words; sentences without one are skipped
        cue_starts = speech_positions(self.lex, text)
        for s, e in self.sentences:
            k = bisect_left(cue_starts, s)
            k_end = bisect_left(cue_starts, e, k)
            if k == k_end and not any(w in text[s:e] for w in self.lex.according_words):
                continue
            self._sentence_cues = [c - s for c in cue_starts[k:k_end]]
            sent = text[s:e]
            if _QUOTE_CHARS.search(sent) and spans.overlaps(s, e):
                continue
            if _QUOTE_CHARS.search(sent) and len(_QUOTE_CHARS.findall(sent)) >= 2 and sent.lstrip().startswith(_OPENING_MARKS):
                continue
            pend = self._menurut(s, sent) or self._leading_tag(s, sent) or self._menurut_after(s, sent)
            reported = [] if pend else self._reported(s, sent)
            if not pend and not reported:
                pend = self._trailing(s, sent) or self._inner_tag(s, sent)
            found.extend(reported or ([pend] if pend else []))
        return found

    def _menurut_after(self, s: int, sent: str) -> _Pending | None:
        """`Pemerintah akan menambah kuota impor, menurut Bahlil.`: the source named at the end."""
        m = self.lex.according_after.search(sent)
        if not m or m.start() < 15:
            return None
        cue = (s + m.start("cue"), s + m.end("cue"))
        return _Pending(s, s + m.start(), "indirect", cue, "name", s + m.start("who"), s + m.end("who"))

    def _menurut(self, s: int, sent: str) -> _Pending | None:
        if not any(w in sent for w in self.lex.according_words):
            return None
        m = self.lex.according_to.search(sent)
        if not m or m.start() > 40:
            m = self.lex.according_bare.match(sent)  # at the sentence's start only, without a comma
            if not m:
                return None
        c_start, c_end = s + m.end(), s + len(sent.rstrip(". "))
        named = None
        if m.group("who") and not any(self.table.entities[x.entity].type == "PER"
                                      for x in self._mentions_in(s + m.start("who"), s + m.end("who"))):
            named = self._person_at(self._past_titles(c_start))  # only an office before the comma
        if named is not None and self.text.startswith(",", named.end):
            # `Menurut Kepala Dinas ... Garut, Muksin, saat ini ...`: the name set off after the office
            # is who speaks, not what is said
            c_start = named.end + len(_NAMED_AFTER.match(self.text, named.end).group())
        elif m.group("who"):
            comma = self.text.find(",", c_start, c_end)
            if comma > c_start and self._apposition_closes(self.text[c_start:comma]) \
                    and len(self.text[comma + 1:c_end].split()) >= 3:
                # `Menurut Budi Santoso, Kepala Dinas Kesehatan DKI Jakarta, petugas ...`: the apposition
                # describes who speaks
                c_start = comma + 1 + len(self.text[comma + 1:c_end]) - len(self.text[comma + 1:c_end].lstrip())
        if c_end - c_start < 10:
            return None
        cue = (s + m.start(), s + (m.start("who") if m.group("who") else m.end()))
        if m.group("nya"):
            return _Pending(c_start, c_end, "indirect", cue, "pronoun")
        return _Pending(c_start, c_end, "indirect", cue, "name", s + m.start("who"), s + m.end("who"))

    def _leading_tag(self, s: int, sent: str) -> _Pending | None:
        """`Kata Erwin, Pertamina turut mengajak ...`: a tag verb opening the sentence."""
        m = self.lex.leading_tag.match(sent)
        if not m or not sent[:1].isupper():
            return None
        c_start, c_end = s + m.end(), s + len(sent.rstrip(". "))
        if c_end - c_start < 10:
            return None
        cue = (s + m.start("cue"), s + m.end("cue"))
        if m.group("nya") or not m.group("who"):
            return _Pending(c_start, c_end, "indirect", cue, "pronoun")
        return _Pending(c_start, c_end, "indirect", cue, "name", s + m.start("who"), s + m.end("who"))

    def _inner_tag(self, s: int, sent: str) -> _Pending | None:
        """`Sebagai langkah pencegahan, kata Zainal, ia menyarankan ...`: the whole sentence is reported."""
        m = self.lex.inner_tag.search(sent)
        if not m:
            return None
        c_end = s + len(sent.rstrip(". "))
        cue = (s + m.start("cue"), s + m.end("cue"))
        if m.group("who") and not m.group("nya") and m.start() >= 15 and self._apposition_closes(sent[m.end():]):
            # `..., kata Budi Santoso, Kepala Dinas Kesehatan DKI Jakarta.`: the tag closes what was said
            return _Pending(s, s + m.start(), "indirect", cue, "name", s + m.start("who"), s + m.end("who"))
        if m.group("nya") or not m.group("who"):
            return _Pending(s, c_end, "indirect", cue, "pronoun")
        return _Pending(s, c_end, "indirect", cue, "name", s + m.start("who"), s + m.end("who"))

    def _role_words_between(self, start: int, end: int) -> bool:
        """Whether only a speaker's role words stand between a body's name and a person (`said L2
        president Bruce Willsie`), maybe with a title or rank last (`ACLU executive Director Anthony
        Romero`): lower-case words that end in a speaker's noun or an office, with no preposition or
        predicate among them (not `in reply to Senator John McCain`, `saat mendampingi Bupati ...`)."""
        if _ROLE_BETWEEN.fullmatch(self.text, start, end):
            return True
        m = _ROLE_THEN_TITLE.fullmatch(self.text, start, end)
        if m is None:
            return False
        role = m.group("role").split()
        return not any(w in self.lex.prepositions for w in role) and not self.lex.is_clause(" ".join(role)) \
            and (role[-1].casefold() in self.lex.speaker_nouns or is_title_word(role[-1].capitalize())
                 or role[-1] in _ROLE_MODIFIERS)

    def _apposition_closes(self, rest: str) -> bool:
        """Whether what follows a tag's `NAME,` (to the sentence's end, or to the next comma after
        `Menurut NAME,`) only describes the speaker (a title or a word for a speaker, no comma, no
        predicate), not what they said going on (`kata Idas, terdapat ...`)."""
        rest = rest.strip().rstrip(".").strip()
        words = rest.split()
        if not words or "," in rest or len(words) > 12:
            return False
        first = words[0].strip("()")
        folded = first.casefold()
        plain = [w for w in words if not w[:1].isupper()]  # a body's name in capitals is no predicate
        if any(w.casefold() in self.lex.predicate_adverbs for w in plain):
            return False  # `kata Budi, pedagang juga rugi`: what was said goes on
        person_noun = folded in self.lex.speaker_nouns and folded not in self.lex.body_nouns \
            and folded not in self.lex.plural_speakers  # `pemerintah daerah, ...` or `masyarakat` say it as a group
        return (is_title_word(first) or person_noun) and not self.lex.is_clause(" ".join(plain))

    def _reported(self, s: int, sent: str) -> list[_Pending]:
        """`X mengatakan (bahwa) ...`; two coordinated reports (`..., dan Y meminta ...`) give two quotes."""
        found: list[_Pending] = []
        cues = [m for m in (self.lex.report.match(sent, at) for at in self._sentence_cues) if m]
        for n, m in enumerate(cues):
            if found and m.start() < found[-1].end - s:
                continue  # inside the content of the report before
            subj = sent[:m.start()]
            coordinated = self.lex.split_joined_reports and _JOINED_REPORT.search(subj) is not None
            joined = bool(found) and coordinated
            if self.lex.purpose_before.search(subj) and not coordinated:
                continue  # `untuk memastikan ...`: a purpose, not speech (`He claimed vast wealth and said` is speech)
            passive = m.group("cue").lower() in self.lex.passives
            participle = m.group("cue").lower() in self.lex.participle_tags and subj.rstrip().endswith(",")
            # the subject is the last clause before the verb
            cut = max(subj.rfind(", "), subj.rfind("; "))
            subj_start = cut + 2 if cut >= 0 and len(_WORDS.findall(subj[cut:])) >= 1 else 0
            # `Anthony Lee, yang bekerja di ..., mengatakan`, `Shane Shook, a security expert who ...,
            # said`: an aside is no subject; a lead clause before it neither (`Like other owners, Mr. X said`)
            core = _ASIDE.sub(" ", subj[subj_start:])
            if not subj.strip() or (len(_WORDS.findall(core)) > 14 and not passive and not participle):
                continue
            content = sent[m.end():].rstrip()
            content = content[:-1] if content.endswith(".") else content
            if self.lex.split_joined_reports:  # `it was great to be home, a man yelled`: another speaker
                for at in [c for c in self._sentence_cues if c > m.end()][:_LATER_CUES]:
                    other = _NEW_SPEAKER.search(sent, m.end(), at)
                    if other is not None:
                        content = sent[m.end():other.start()]
                        break
            for later in cues[n + 1:n + 1 + _LATER_CUES]:  # stop where a coordinated clause reports again
                joint = _NEXT_CLAUSE.search(sent, m.end(), later.start())
                if joint is None and self.lex.split_joined_reports and self._reports_a_clause(sent, later):
                    joint = _JOINED_REPORT.search(sent, m.end(), later.start())  # `... momentum and said that`
                if joint:
                    content = sent[m.end():joint.start()]
                    break
            listener = self._listener(m.group("cue"), content)
            if not listener and (timed := self._time_before(content)):
                # `said Tuesday his actions ...`, `said earlier on Friday during a conference that ...`
                listener = timed + self._listener(m.group("cue"), content[timed:])
            if listener:  # `told reporters he would ...`: the listener is no part of what was said
                content = content[listener:]
            if len(_WORDS.findall(content)) < 3:
                continue
            if self.lex.trailing_apposed is not None and subj.rstrip().endswith(",") \
                    and (_NAME_AND_APPOSITION.fullmatch(content.strip(" .")) or (
                        _CAPITALISED_PHRASE.fullmatch(content.strip(" .")))):
                continue  # `..., said David Axelrod, a former strategist.`: a name after the verb, not what was said
            if content.lstrip().startswith(_OPENING_MARKS) and not self._opens_with_fragment(content):
                continue  # a quotation of its own
            if passive and not re.match(r"\s*(?:,|:|bahwa\b|that\b)", sent[m.end("cue"):]):
                continue  # `pernyataan itu disampaikan Menteri X`: the agent follows, no content
            if _first_word(content) in self.lex.prepositions and not passive:
                that = _THAT_AFTER_PHRASE.match(content)
                if that is not None:  # `said in a statement that three people died`: what follows `that`
                    listener += that.end()
                    content = content[that.end():]
                elif not self.lex.is_clause(content) and (subj_start or len(_WORDS.findall(content)) <= _PHRASE_ONLY_WORDS):
                    # `..., the agency said in a statement.`: what was said stands before the comma;
                    # `Rubio said in a statement.`: nothing reported here (but `said at a rally in Ohio
                    # Clinton lies about everything` reports, though its verb has no verb shape)
                    continue
            if not passive and not self.lex.is_clause(content) and m.group("cue").lower() not in self.lex.clause_free:
                continue  # `mengklaim wilayah ...`: a noun phrase object, not reported speech
            cue = (s + m.start("cue"), s + m.end("cue"))
            c_start = s + m.end() + listener
            c_end = c_start + len(content)
            if passive:
                found.append(_Pending(c_start, c_end, "indirect", cue, "continuation"))
            elif joined:  # `Smith told reporters ... and said ...`: the same subject reports again
                found.append(_Pending(c_start, c_end, "indirect", cue, "subject", found[-1].who_start, found[-1].who_end))
            else:
                found.append(_Pending(c_start, c_end, "indirect", cue, "subject", s + subj_start, s + m.start()))
        return found

    def _opens_with_fragment(self, content: str) -> bool:
        """Reported content that opens with a few quoted words and runs on past them (`said "it gets
        me mad" every time he thinks`), in a language whose news quotes fragments."""
        if not self.lex.partial_quotes:
            return False
        lead = content.lstrip()
        close = _QUOTE_CHARS.search(lead, 1)
        if close is None or len(_WORDS.findall(lead[1:close.start()])) > _PARTIAL_MAX_WORDS:
            return False
        return lead[close.start() - 1:close.start()] not in _QUOTE_STOPS and _RUNS_ON.match(lead, close.end()) is not None

    def _reports_a_clause(self, sent: str, cue) -> bool:
        """Whether a later verb of saying in the sentence has reported content of its own (so a
        coordinated `and said ...` starts a second report, not words of the first)."""
        after = sent[cue.end():].rstrip(" .")
        return len(_WORDS.findall(after)) >= 3 and self.lex.is_clause(after)

    def _time_before(self, content: str) -> int:
        """Characters of time words that open the content (`Tuesday`, `earlier on Friday`) when what
        follows them is a clause of its own; 0 otherwise, or in a language without such words."""
        if not self.lex.time_lead:
            return 0
        end = 0
        for n, w in enumerate(_WORD_SPANS.finditer(content)):
            if n >= 4 or w.group().lower() not in self.lex.time_lead:
                break
            end = w.end()
        if not end:
            return 0
        rest = content[end:].lstrip(" ,")
        first = rest.split(" ", 1)[0].lower()
        if first in _PREPOSITIONS:  # `earlier on Friday during a news conference that he ...`: to the `that`
            for n, w in enumerate(_WORD_SPANS.finditer(rest)):
                if n > _OPENING_REACH:
                    return 0
                if w.group().lower() in self.lex.complementizers:
                    after = rest[w.end():].lstrip()
                    return len(content) - len(after) if len(_WORDS.findall(after)) >= 3 else 0
            return 0
        opens = rest[:1].isupper() or first in self.lex.clause_start or first in self.lex.determiners \
            or first in _POSSESSIVES or first in self.lex.complementizers
        if len(_WORDS.findall(rest)) < 3 or not opens:
            return 0  # `said Monday was the hardest day`: the time word is the subject
        return len(content) - len(rest)

    def _listener(self, cue: str, content: str) -> int:
        """Characters before what was said: a listener after a verb of telling (`told reporters he`,
        up to the pronoun that opens the content), or words of time, place or listener before the
        word that opens it (`said earlier this year that`, `told CNN on Sunday that`), within a
        few words that hold no predicate of their own."""
        listener = cue.lower() in self.lex.listener_verbs
        for n, w in enumerate(_WORD_SPANS.finditer(content)):
            if n > _OPENING_REACH:
                return 0
            word = w.group().lower()
            if n and word in self.lex.complementizers:
                lead = content[:w.start()]
                if listener or not any(x.lower() in self.lex.determiners for x in _WORDS.findall(lead)):
                    # `said earlier this year that`, `told CNN on Sunday that`; not `said the report that`
                    return w.end() + 1 if w.end() < len(content) and not self.lex.is_clause(lead) else 0
                return 0
            if n and listener and word in self.lex.clause_start:
                return w.start()
        return 0

    def _trailing(self, s: int, sent: str) -> _Pending | None:
        m = self.lex.trailing.search(sent) or (self.lex.trailing_apposed and self.lex.trailing_apposed.search(sent))
        if not m:
            m = self.lex.trailing_named.search(sent)
            if m is None and self.lex.trailing_described is not None:
                m = self.lex.trailing_described.search(sent)  # `..., the rights group says.`
            if m and m.start() >= 15:
                cue = (s + m.start("cue"), s + m.end("cue"))
                return _Pending(s, s + m.start(), "indirect", cue, "name", s + m.start("who"), s + m.end("who"))
        if not m or m.start() < 15:
            return None
        cue = (s + m.start("cue"), s + m.end("cue"))
        if m.group("nya"):
            return _Pending(s, s + m.start(), "indirect", cue, "pronoun")
        return _Pending(s, s + m.start(), "indirect", cue, "name", s + m.start("who"), s + m.end("who"))

    # -- speakers -----------------------------------------------------------------------
    def resolve(self, pending: list[_Pending]) -> list[Quote]:
        pending.sort(key=lambda p: p.start)
        quotes: list[Quote] = []
        subjects = self._sentence_subjects([(p.start, p.end) for p in pending if p.kind == "direct"])
        self._quoted = _Spans([(p.start, p.end) for p in pending if p.kind == "direct"])
        self._speakers: list[tuple[int, EntityRef, tuple[int, int] | None]] = []
        self._named_descriptions: dict[str, object] = {}  # description -> the person it is named as
        self._office_spans = {(a, b) for a, b, _ in self.table.offices}
        for p in pending:
            ref, span, via = None, None, p.how
            if p.how in ("name", "subject"):
                ref, span = self._speaker_words(p.who_start, p.who_end, subject=p.how == "subject")
                if ref is None and span in ("pronoun", "report"):
                    via, span = span, None
                elif ref is not None:
                    via = ("description" if ref.kb_id is None and (ref.name, ref.type) in self._descriptions
                           else "role" if span in self._office_spans else "name")
            last = self._speakers[-1] if self._speakers else None
            if via == "pronoun":
                said = self.text[p.who_start:p.who_end].strip().lower() if p.who_start is not None and p.who_end else ""
                gender = self.lex.pronoun_genders.get(said)
                ref, span = self._antecedent(p.start, last, subjects, gender)
                if ref is None and said not in self.lex.group_pronouns:
                    # no person has spoken or opened a sentence: `... adalah Moch Aminullah. Ia mengatakan ...`
                    ref, span = self._person_just_before(p.start, gender)
            elif via == "report":
                ref, span = self._report_antecedent(p.start, last)
            elif via == "continuation" and last is not None:
                ref, span = last[1], last[2]
            if ref is None and p.kind == "indirect" and p.how in ("subject", "name"):
                continue  # `aturan tetap menyebut ...`: nobody is speaking
            start, end = p.start, p.end
            while start < end and self.text[start].isspace():
                start += 1
            while end > start and self.text[end - 1].isspace():
                end -= 1
            q = Quote(self.text[start:end], start, end, p.kind, ref,
                      span if isinstance(span, tuple) else None, p.cue, via,
                      quote_confidence(p.kind, via if ref is not None else "unresolved"))
            quotes.append(q)
            if ref is not None:  # when this speaker was last heard, for the pronouns that follow
                self._speakers.append((p.end if self.lex.speaker_at_quote_end else p.start, ref, q.speaker_span))
        return quotes

    def _mentions_in(self, start: int, end: int):
        """Mentions lying inside [start, end), found by bisection over their sorted starts."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end)
        return [m for m in self.table.mentions[lo:hi] if m.end <= end]

    def _sentence_subjects(self, inside: list[tuple[int, int]]) -> list[tuple[int, EntityRef, tuple[int, int]]]:
        """People introduced as the subject of a sentence, outside quotes."""
        quoted = _Spans(inside)
        out = []
        mentions = self.table.mentions
        k = 0
        for s, e in self.sentences:
            while k < len(mentions) and mentions[k].start < s:
                k += 1
            j = k
            while j < len(mentions) and mentions[j].end <= e:
                m = mentions[j]
                ent = self.table.entities[m.entity]
                # a person introduced here as a subject (their first mention, or any mention after a turn
                # to another voice: `Sementara itu, ...`) takes over `-nya` and `ia` from the last speaker;
                # a person met before and mentioned again in narration does not, unless the language
                # names people again as subjects before a pronoun speaker (English: `Cruz admitted ...
                # "...," he said`; lang/*/quote_settings.tsv)
                initials = ent.name.isupper() and len(ent.name) <= 4  # `APN (25)`: a suspect, not a voice
                new_voice = self.lex.any_mention_subject or ent.mentions[0] is m or self._opens_a_turn(s, m)
                if ent.type == "PER" and new_voice and not initials \
                        and m.start not in quoted and self._is_subject(s, e, m):
                    out.append((s, ent.ref(), (m.start, m.end)))
                    break
                j += 1
        return out

    def _opens_a_turn(self, sent_start: int, mention) -> bool:
        """`Sementara itu, Kepala Dinas PUPR Banten Arlan Marzan menyambut ...`: a sentence that turns
        to another voice and opens with this person (only titles before the name)."""
        turn = self.lex.turn_opener.match(self.text, sent_start) if self.lex.turn_opener is not None else None
        return turn is not None and bool(_TITLES_ONLY.fullmatch(self.text[turn.end():mention.start]))

    def _is_subject(self, sent_start: int, sent_end: int, mention) -> bool:
        """A person in subject position: only titles and names before it in the sentence, or a
        verb right after it (`Menurut ... arahan Presiden Prabowo.` names Prabowo as no subject),
        or a person introduced at the sentence's end, set off by a comma (`... menuai apresiasi
        dari Anggota Komisi C DPRD, Hardiyanto Kenneth. Ia menilai ...`)."""
        if self.text[mention.start - 2:mention.start] == ", " and not self.text[mention.end:sent_end].strip(" .") \
                and _CAPITALISED_BEFORE_COMMA.search(self.text, max(sent_start, mention.start - 40), mention.start):
            return True  # `... DPRD DKI Jakarta, Hardiyanto Kenneth.`, not `menemui seorang korban, Siti Aminah.`
        first_after = _WORDS.search(self.text, mention.end, min(sent_end, mention.end + 30))
        if first_after and first_after.group().lower() in self.lex.talked_about:
            return False  # `Presiden Prabowo disebut akan menerbitkan Keppres`: talked about, not talking
        before = self.text[sent_start:mention.start]
        opener = self.lex.subject_opener.match(before)
        if opener:
            before = before[opener.end():]
        if _TITLES_ONLY.fullmatch(before):
            return True
        passive = _PASSIVE_BEFORE.search(before[-120:])  # the passive right before the titles and the name
        if passive and passive.group(1).lower() in self.lex.passives:
            return True  # `Hal senada diungkapkan Sekretaris Kementerian Pariwisata Bayu Aji.`: a new voice
        after = [w for w in _WORDS.findall(self.text[mention.end:min(sent_end, mention.end + 60)])[:5]
                 if w.lower() not in _PARTICLES][:3]
        if " ".join(after[:2]).lower() in _TAKES_THE_FLOOR:
            return True  # `Deddy Yevri Sitorus, pun angkat bicara`
        return any(w.lower() in self.lex.tags or self.lex.is_clause(w) for w in after)

    def _antecedent(self, pos: int, last, subjects, gender: str | None = None):
        """`katanya`, `ia`: the later of the last person quoted and the last sentence subject. A
        pronoun that says a gender (`she said`) takes the latest of them the article does not give
        the other gender (`_genders`)."""
        if gender is not None:
            return self._gendered_antecedent(pos, last, subjects, gender)
        best = last if last is not None and last[1].type == "PER" else None
        if best is None and last is not None:  # a body spoke last (`KPK juga mendorong ...`): the person who spoke for it
            best = next((c for c in reversed(self._speakers) if c[1].type == "PER" and pos - c[0] <= _BODY_VOICE_REACH), None)
        for s, ref, span in reversed(subjects):
            if s < pos and span[0] < pos:
                if best is None or s > best[0]:
                    best = (s, ref, span)
                break
        return (best[1], best[2]) if best else (None, None)

    def _person_just_before(self, pos: int, gender: str | None = None):
        """The person named within a few sentences before `pos`, when nobody has spoken yet: the
        latest who opens a sentence (`Eddy Soeparno optimistis terhadap pemerintahan Prabowo-Gibran.
        Menurutnya, ...`), else the latest named (`... adalah Moch Aminullah. Ia mengatakan ...`).
        A pronoun that says a gender passes over those the article gives the other one."""
        genders = self._genders() if gender is not None else {}
        people = [m for m in self._mentions_in(max(0, pos - _FIRST_VOICE_REACH), pos)
                  if self.table.entities[m.entity].type == "PER" and m.start not in self._quoted
                  and genders.get(self.table.entities[m.entity].name, gender) == gender]
        for m in reversed(people):
            k = bisect_right(self._sentence_starts, m.start) - 1
            if k >= 0 and _OFFICE_ONLY.fullmatch(self.text, self._sentence_starts[k], m.start):
                return self.table.entities[m.entity].ref(), (m.start, m.end)
        if people:
            return self.table.entities[people[-1].entity].ref(), (people[-1].start, people[-1].end)
        return None, None

    def _gendered_antecedent(self, pos: int, last, subjects, gender: str):
        genders = self._genders()
        candidates = [c for c in subjects if c[0] < pos and c[2][0] < pos]
        candidates += [c for c in self._speakers if c[1].type == "PER"]
        for _at, ref, span in sorted(candidates, key=lambda c: c[0], reverse=True):
            if self._names_several(ref):
                continue  # `..., officials said. ... he said`: not one of them
            if genders.get(ref.name, gender) == gender:
                return ref, span
        return None, None

    def _name_before_apposition(self, start: int, words: str):
        """A subject made of capitalised words and, after a comma, a description of a speaker
        (`Josh Hendler, a Democratic tech operative,`): the words are a person's name even when no
        list knows it, and the description only says who they are."""
        m = _NAME_THEN_APPOSITION.match(words)
        if m is None or self.lex.description is None or m.group(1).split()[0].casefold() in self.lex.function_words:
            return None
        described = self.lex.description.search(m.group(2))
        if not described or self._mentions_in(start, start + m.end(1)):
            return None
        head = next((w for w in described.group("desc").casefold().split() if w in self.lex.speaker_nouns), "")
        type_ = "ORG" if head in self.lex.body_nouns else "PER"  # `Harbor Point Media, a local news network,`
        return EntityRef(m.group(1), type_, None, None), (start + m.start(1), start + m.end(1))

    def _group_before(self, start: int, words: str, people: list):
        """A subject that opens with a group of people (`numerous military veterans`, `many Carrier
        workers`) before any person it names: the group speaks, the name only says which."""
        if not people or not self.lex.plural_speakers:
            return None
        before = self.text[start:people[0].start]
        if before.rstrip().endswith(","):
            return None  # `The father of two students killed, Robert Miller, said`: the name set off speaks
        # the first speaker noun heads the subject; no preposition stands before it (`In a letter to investors`)
        words = list(_WORD_SPANS.finditer(before))
        at = next((k for k, w in enumerate(words) if w.group().casefold() in self.lex.speaker_nouns
                   or w.group().casefold() in self.lex.prepositions), None)
        if at is None or words[at].group().casefold() in self.lex.prepositions:
            return None
        while at + 1 < len(words) and words[at + 1].group().casefold() in self.lex.speaker_nouns:
            at += 1  # `military veterans`: the last of a run of nouns heads it
        noun = words[at]
        if not noun.group().islower() or noun.group() not in self.lex.plural_speakers:
            return None  # lower case: `Friends of the Earth` is a body
        name = before[:noun.end()].strip()
        return self._described(name), (start + before.index(name), start + noun.end())

    def _sentence_end(self, pos: int) -> int:
        """Where the sentence holding `pos` ends (a speaker's name never runs into the next one)."""
        k = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[k][1] if k >= 0 and pos < self.sentences[k][1] else len(self.text)

    def _names_several(self, ref: EntityRef) -> bool:
        """A speaker described by a plural noun (`officials`, `Republican lawmakers`, `Authorities`
        opening a sentence), not a person's name."""
        words = ref.name.split()
        return (ref.kb_id is None and bool(words) and words[-1].casefold() in self.lex.plural_speakers
                and (words[-1].islower() or len(words) == 1))

    def _genders(self) -> dict[str, str]:
        """The gender the article gives each person it names: an honorific before a mention (`Mr`,
        `Mrs`), or the gendered pronouns after it in a sentence that names no other person (`Kerry
        said his plan ...`), by a clear majority. Empty for a language whose pronouns have none."""
        if self._gender_cache is not None:
            return self._gender_cache
        votes: dict[str, Counter] = {}
        words = self.lex.gender_words
        if words:
            text = self.text
            for s, e in self.sentences:
                people = [m for m in self._mentions_in(s, e) if self.table.entities[m.entity].type == "PER"]
                for m in people:
                    title = _TITLE_BEFORE.search(text, max(0, m.start - 8), m.start)
                    if title and title.group(1).lower() in words:
                        votes.setdefault(self.table.entities[m.entity].name, Counter())[words[title.group(1).lower()]] += 3
                if len({m.entity for m in people}) != 1:
                    continue
                name = self.table.entities[people[0].entity].name
                for w in _WORDS.findall(text[people[0].end:e].lower()):
                    if w in words:
                        votes.setdefault(name, Counter())[words[w]] += 1
        self._gender_cache = {}
        for name, counts in votes.items():
            (top, n), *rest = counts.most_common()
            if n >= 2 and (not rest or n >= 2 * rest[0][1]):
                self._gender_cache[name] = top
        return self._gender_cache

    def _report_antecedent(self, pos: int, last):
        """`tambah laporan itu`: the last report or body quoted, else the last organisation named."""
        for _start, ref, span in reversed(self._speakers):
            if ref.type != "PER":
                return ref, span
        for m in reversed(self.table.mentions):
            if m.start < pos and self.table.entities[m.entity].type == "ORG":
                return self.table.entities[m.entity].ref(), (m.start, m.end)
        return (last[1], last[2]) if last else (None, None)

    def _speaker_words(self, start: int | None, end: int | None, subject: bool):
        """Who the words at `start` name: an entity mention, an office, a pronoun, a report, or a description."""
        text = self.text
        if start is None:
            return None, None
        if end is not None and not subject and self.lex.after_described is not None:
            named = [m for m in self._mentions_in(start, end) if m.end == end
                     and self.table.entities[m.entity].type == "PER"]
            if named:  # `," White House press secretary Josh Earnest told`: the name before the verb
                return self.table.entities[named[-1].entity].ref(), (named[-1].start, named[-1].end)
        if end is None and self.lex.statement_of is not None:
            stated = self.lex.statement_of.match(text, start + (text[start:start + 1] == " "))
            if stated is not None and any(m.start == stated.end() and self.table.entities[m.entity].type in ("PER", "ORG")
                                          for m in self._mentions_in(stated.end(), stated.end() + 120)):
                start = stated.end()  # `tulis pernyataan resmi Himapol FISIP Unud`: the body that wrote it
        if end is None:
            m_end = _AFTER_CUE_PHRASE.match(text, start, min(start + _AFTER_CUE_REACH, self._sentence_end(start)))
            end = m_end.end() if m_end else start
            if self.lex.after_described is not None:
                named = self._named_after_description(start, end)
                if named is not None:  # `said Republican party boss Reince Priebus`: the name closes the phrase
                    return named
        while start < end and text[start] in " \t":
            start += 1
        words = text[start:end]
        if not words.strip():
            return None, None
        bare = words.strip(" ,")
        if POSSESSED_NOUN.fullmatch(bare) and bare.lower()[:-3] not in self.lex.speaker_nouns:
            return None, "pronoun"  # `Semboyannya tegas, "..."`: his motto (`Istrinya mengatakan` is someone else)
        if not subject and self.lex.pronoun.match(words):
            return None, "pronoun"
        if self.lex.report_ref.match(words) or (subject and self.lex.report_ref.search(words)):
            return None, "report"
        if subject:
            opener = self.lex.subject_opener.match(words)
            if opener:
                start += opener.end()
                words = text[start:end]
        mentions = self._mentions_in(start, end)
        people = [m for m in mentions if self.table.entities[m.entity].type == "PER"]
        bare = words.strip(" ,")
        if not people and " " not in bare and is_title_word(bare):
            held = self._title_holder(bare, start)
            if held is not None:  # `Menurut Karo, ...`: the person this article gave that title
                return self.table.entities[held.entity].ref(), (start, start + len(bare))
        if not subject:
            # the phrase right after the cue: `kata Ketua KPU RI Afifuddin dalam ...`
            if not people and _points_back(words) and (
                    _ANAPHORIC_END.search(words) or (_TITLE_THIS_END.search(words) and is_title_word(words.split()[0]))):
                # `ujar mantan Komisaris Utama Bank Nagari itu`, `kata Ketua Kebun Raya Indonesia ini`
                return self._anaphor(start, words.split()[0])
            person = self._person_after_comma(end)
            if person is not None and self.lex.description is not None and (
                    (d := self.lex.description.search(words)) and (words[:d.start()].islower() or not words[:d.start()].strip())):
                # (`said his best friend at Lehigh, Bruce Turry`: lower-case words may come before it)
                # `kata pengacara Lisa Mariana, Jhony Boy Nababan,`: the description names who follows
                return self.table.entities[person.entity].ref(), (person.start, person.end)
            if people and not _CAP_PHRASE.match(text, start, self._sentence_end(start)):  # `according to economist Maria Lestari`
                m = people[0]
                return self.table.entities[m.entity].ref(), (m.start, m.end)
            run = _CAP_PHRASE.match(text, start, self._sentence_end(start))
            if run:
                in_run = [m for m in people if m.end <= run.end()]
                bodies = [m for m in mentions if m.end <= run.end()
                          and self.table.entities[m.entity].type in ("ORG", "GPE")]
                after = self._person_after_comma(run.end()) if bodies else None
                if after is not None and (not in_run or in_run[-1].end <= bodies[-1].start):
                    # `kata Panit Tindak Satlantas Polres Jakarta Selatan, Ipda Deni Setiawan`: the words
                    # before the body are a title, and the person is named after the comma
                    return self.table.entities[after.entity].ref(), (after.start, after.end)
                if in_run:
                    m = in_run[-1]
                    return self.table.entities[m.entity].ref(), (m.start, m.end)
                later = [m for m in people if m.start > run.end() and self._role_words_between(run.end(), m.start)]
                if later:  # `said L2 president Bruce Willsie`: the body's role words lead to the person
                    return self.table.entities[later[0].entity].ref(), (later[0].start, later[0].end)
                first = next((m for m in mentions if m.start == start), None)
                if first is not None and first.end >= run.end() - 1:
                    return self.table.entities[first.entity].ref(), (first.start, first.end)
                person = self._person_after_comma(run.end())
                if person is not None:  # `kata Kasat Reskrim Polres Ciamis, AKP Carsono`: the name follows
                    return self.table.entities[person.entity].ref(), (person.start, person.end)
                if is_title_word(words.split()[0]):
                    named = self._named_after_office(run.end())
                    if named is not None:  # `kata Ketua LBH GP Ansor Cabang Kencong, Jember, Mohammad Khoiron Kisan`
                        return named
                office = self._office_at(start, run.end())
                if office is not None:
                    return office
                phrase = _PLACE_AFTER_NAME.split(text[start:run.end()].strip(), 1)[0]
                if phrase in self.lex.no_speakers:
                    return None, None  # `Menurut Islam, ...`: a faith or a doctrine, not someone speaking
                if " " in phrase and is_title_word(phrase.split()[0]):
                    held = self._title_holder(phrase, start) or self._title_holder(phrase, len(text), after=start)
                    if held is not None:  # `kata Ketua IM57`: the person the article named with that title
                        return self.table.entities[held.entity].ref(), (start, start + len(phrase))
                type_ = "ORG" if _DOTTED_ACRONYM.fullmatch(phrase) else "PER"  # `according to F.A.A. records`
                return EntityRef(phrase, type_, None, None), (start, start + len(phrase))
            return self._description(start, end, subject)
        if _points_back(words) and (_ANAPHORIC_SUBJECT.match(words) or (not people and _TITLE_THIS_END.search(words) and (
                is_title_word(words.split()[0]) or words.split()[0].casefold() in self.lex.speaker_nouns))) \
                and not (people and people[0].start == start):
            # `Mantan istri Ivan Fadilla itu menilai`: a description pointing back; the name inside it
            # is someone else
            return self._anaphor(start, words.split()[0])
        acronym = next((m for m in reversed(mentions) if 0 < m.start and text[m.start - 1] == "(" and text[m.end:m.end + 1] == ")"
                        and not text[m.end + 1:end].strip(" ,")), None)
        if acronym is not None and self.table.entities[acronym.entity].type == "ORG":
            # `The Meteorology, Climatology and Geophysics Agency (BMKG) said`: the body its acronym names
            return self.table.entities[acronym.entity].ref(), (acronym.start, acronym.end)
        if not people and subject:
            named = self._name_before_apposition(start, words)
            if named is not None:  # `Josh Hendler, a Democratic tech operative, warned`: a name no list knows
                return named
        group = self._group_before(start, words, people)
        if group is not None:  # `Numerous military veterans interviewed at Trump rallies said`: they, not Trump
            return group
        if people:
            m = people[0]
            if len(people) > 1 and text[start:m.start].strip() and text[m.end:people[1].start].strip() == "," \
                    and text[people[1].end:people[1].end + 1] == ",":
                m = people[1]  # `Kuasa hukum Bambang Tri, Pardiman, menganggap`: the one set apart speaks
            elif len(people) > 1 and _ROLE_BETWEEN.fullmatch(text, m.end, people[-1].start) \
                    and text[:people[-1].start].split()[-1].lower() in self.lex.speaker_nouns \
                    and not text[people[-1].end:end].strip(" ,"):
                # `Sanders campaign manager Jeff Weaver said`, `Clinton's aide Jake Sullivan`: the first
                # name only says whose; the one right before the verb speaks
                m = people[-1]
            return self.table.entities[m.entity].ref(), (m.start, m.end)
        if self.lex.pronoun_anywhere.search(words):
            return None, "pronoun"
        office = self._office_at(start, end)
        if office is not None:
            return office
        first = next((m for m in mentions if m.start - start <= 1
                      or text[start:m.start].strip().lower() in self.lex.determiners), None)
        if first is not None and self.table.entities[first.entity].type in ("ORG", "GPE"):  # `The NRA says`
            whose = _POSSESSED.fullmatch(text, first.end, end)
            if whose is None and self.lex.modifiers_before_noun and self.table.entities[first.entity].type == "GPE" \
                    and first.text != self.table.entities[first.entity].name:
                whose = _MODIFIED.fullmatch(text, first.end, end)  # `A Russian official said`: the demonym modifies
                # (a body's short name is no demonym: `KPK melalui juru bicaranya mengatakan` is KPK)
            if whose is not None and self.lex.speaker_nouns & set(whose.group(1).lower().split()):
                # `Indonesia's state weather agency warned`: the agency, described with whose it is
                phrase = text[start:whose.end(1)].strip()
                return self._described(phrase), (start, start + len(phrase))
            return self.table.entities[first.entity].ref(), (first.start, first.end)
        acr = re.match(latin(r"([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)(?![\w-])"), words)
        if acr:  # an organisation known by its acronym only
            return EntityRef(acr.group(1), "ORG", None, None), (start, start + acr.end())
        described = self._description(start, end, subject)
        if described == (None, None) and self.lex.capitalised_subject is not None:
            return self._capitalised_name(start, words) or described
        return described

    def _capitalised_name(self, start: int, words: str):
        """The subject a verb of saying follows, when it is capitalised words alone that the tagger
        did not name (`Blackwell maintains`, `The Times said`): a body after a determiner, else a
        person. A capitalised function word (`This`, `Many`) names no one."""
        m = self.lex.capitalised_subject.fullmatch(words.rstrip(" ,"))
        if m is None or m.group("name").split()[0].casefold() in self.lex.function_words:
            return None
        if self.lex.pronoun.fullmatch(m.group("name")):
            return None
        kind = "ORG" if m.group("det") else "PER"
        return EntityRef(m.group("name"), kind, None, None), (start + m.start("name"), start + m.end("name"))

    def _named_after_description(self, start: int, end: int):
        """After a verb of saying, a described person whose name ends the phrase (`said Virginia
        delegate Beau Correll`, `said Clinton's top foreign policy aide Jake Sullivan`): the name, not
        the place or the person the description starts with."""
        m = _DESCRIBED_NAME.search(self.text, start, end)
        if m is None or m.group("word").casefold() in self.lex.function_words:
            return None  # `said a spokesman for Planned Parenthood`: a preposition, the name is the body
        s, e = m.span("name")
        people = [x for x in self._mentions_in(s, e + 1) if self.table.entities[x.entity].type == "PER"]
        if people:
            return self.table.entities[people[-1].entity].ref(), (people[-1].start, people[-1].end)
        if any(self.table.entities[x.entity].type != "PER" for x in self._mentions_in(s, e + 1)):
            return None  # the closing words are a place or a body
        return EntityRef(m.group("name"), "PER", None, None), (s, e)

    def _title_holder(self, title: str, pos: int, after: int = -1):
        """The last person before `pos` whose name followed `title` (`Karo Ops Polda Babel Kombes
        Hadi Utomo` for a later `kata Karo`), looked for in the 40 people named last; with `after`,
        among the people named after that point (a title used before the name is given)."""
        pattern = _title_pattern(title)
        found = self._mentions_in(after, min(pos, after + 6000))[:40] if after >= 0 \
            else reversed(self._mentions_in(max(0, pos - 6000), pos)[-40:])
        for m in found:
            if self.table.entities[m.entity].type != "PER":
                continue
            lead = self.text[max(0, m.start - 80):m.start]
            cut = max(lead.rfind("."), lead.rfind("\n"), lead.rfind('"'))
            for hit in pattern.finditer(lead, cut + 1):
                if _TITLES_TO_NAME.fullmatch(lead, hit.end()):  # only titles and names between
                    return m
        return None

    def _office_at(self, start: int, end: int):
        if self._office_order[0] != len(self.table.offices):  # offices by start, read by bisection
            ordered = sorted(self.table.offices, key=lambda o: o[0])
            self._office_order = (len(ordered), ordered, [o[0] for o in ordered])
        _, ordered, starts = self._office_order
        for s, e, office_id in ordered[bisect_left(starts, start):bisect_left(starts, end)]:
            if e <= end:
                former = self.lex.former.search(self.text, max(0, s - 12), s) if self.lex.former is not None else None
                if former is not None:  # `Former Secretary of State ...`, `mantan Menteri ...`: not whoever holds it today
                    return EntityRef(self.text[former.start():e], "PER", None, None), (former.start(), e)
                holder = self.kb.holder(office_id, self.published)
                if holder is not None:
                    return EntityRef(holder.name, holder.type, holder.country or None, holder.kb_id), (s, e)
                return EntityRef(self.text[s:e], "PER", None, None), (s, e)
        return None

    def _person_after_comma(self, pos: int):
        """The person named right after a comma at `pos`, past any rank or title (`, AKP Idas Wardias`)."""
        m = _NAMED_AFTER.match(self.text, pos)
        if not m:
            return None
        return self._person_at(self._past_titles(m.end()))

    def _past_titles(self, at: int) -> int:
        """Where the words at `at` stop being ranks or titles (`AKP `, `Kombes Pol. `), three at most."""
        for _ in range(3):
            word = _TITLE_WORD.match(self.text, at)
            if not word or not is_title_word(word.group(1)):
                break
            at = word.end()
        return at

    def _person_at(self, at: int):
        """The person mention that starts at `at`, if any."""
        return next((x for x in self._mentions_in(at, at + 80) if x.start == at
                     and self.table.entities[x.entity].type == "PER"), None)

    def _named_after_office(self, pos: int):
        """The person an office phrase ending at `pos` introduces after a comma, past one place
        (`, Jember, Mohammad Khoiron Kisan`) and any rank; a name the entity layer did not read is
        taken as written (`, Gariman Kurniawan dilansir ...`)."""
        m = _NAMED_AFTER.match(self.text, pos)
        if not m:
            return None
        at = m.end()
        place = next((x for x in self._mentions_in(at, at + 60) if x.start == at
                      and self.table.entities[x.entity].type in ("GPE", "LOC")), None)
        if place is not None:
            hop = _NAMED_AFTER.match(self.text, place.end)
            if not hop:
                return None
            at = hop.end()
        at = self._past_titles(at)
        person = self._person_at(at)
        if person is not None:
            return self.table.entities[person.entity].ref(), (person.start, person.end)
        if any(x.start == at for x in self._mentions_in(at, at + 80)):
            return None  # a body or a place follows, not a person
        written = _WRITTEN_NAME.match(self.text, at)
        if written is None or any(is_title_word(w) or w in self.lex.no_speakers for w in written.group(1).split()):
            return None
        return EntityRef(written.group(1), "PER", None, None), written.span(1)

    def _anaphor(self, pos: int, noun: str):
        """`peneliti tersebut`, `warga tersebut`: the person named last, unless the same description
        (`seorang warga`) came after that name."""
        before = bisect_left(self._starts, pos)  # mentions are sorted by start: walk back from pos
        person = next((m for m in reversed(self.table.mentions[:before])
                       if m.end <= pos and self.table.entities[m.entity].type == "PER"), None)
        head = noun.split()[-1]
        # only a description after the person counts, so a long text is read from that person on
        # (from the word before the name, where a description's first word may stand)
        start = 0 if person is None else self.text.rfind(" ", 0, max(0, person.start - 1)) + 1
        earlier = None
        for hit in re.finditer(rf"(?<![\w-])(?:\w+\s+)?{re.escape(head)}(?![\w-])", self.text[start:pos], re.IGNORECASE):
            earlier = start + hit.start()
        desc = self.lex.description.match(self.text, earlier) if earlier is not None and self.lex.description else None
        if desc and not desc.group("anaphor") and (person is None or person.start < desc.start("desc")):
            name = self._trim_description(desc.group("desc"))
            return self._described(name), (desc.start("desc"), desc.start("desc") + len(name))
        if person is not None:
            return self.table.entities[person.entity].ref(), (person.start, person.end)
        return None, "pronoun"

    def _trim_description(self, desc: str) -> str:
        """A description ends before its first verb (`seorang warga mengeluhkan ...`)."""
        words = desc.strip().split()
        noun = next((i for i, w in enumerate(words) if w.casefold() in self.lex.speaker_nouns), 0)
        for i in range(noun + 1, len(words)):
            if self.lex.is_clause(words[i]):
                return " ".join(words[:i])
        return " ".join(words)

    def _description(self, start: int, end: int, subject: bool):
        """A speaker only described (`seorang warga`, `para ahli`); `peneliti tersebut` points back."""
        words = self.text[start:end]
        if self.lex.description is None:
            return None, None
        m = self.lex.description.search(words)
        if not m:
            return None, None
        if m.group("anaphor"):
            return self._anaphor(start, m.group("desc").strip())
        anon = self.lex.anonymous.match(words, m.start("desc")) if self.lex.anonymous else None
        if anon:
            s = start + anon.start()
            return EntityRef(self.lex.anonymous_labels[anon.group().casefold()], "PER", None, None), (s, start + anon.end())
        s = start + m.start("desc")
        name = self._trim_description(m.group("desc"))
        named = _NAMED_AFTER.match(self.text, s + len(name)) or _NAMED_AFTER.match(self.text, s + len(m.group("desc").rstrip()))
        # (`said his best friend at Lehigh, Bruce Turry,`: the name may follow the description's last words)
        if named:  # `ujar seorang lansia, Colleen Hoffman (69)`: the description names a person
            person = self._person_after_comma(s + len(name))
            if person is not None:
                return self.table.entities[person.entity].ref(), (person.start, person.end)
            written = _NAME_AFTER_COMMA.match(self.text, named.end())
            if written:
                return EntityRef(written.group(1), "PER", None, None), written.span(1)
        later = self._named_later(name)
        if later is not None:  # `ujar pengemudi Pajero` ... `Pengemudi Pajero itu diketahui berinisial AR`
            return self.table.entities[later.entity].ref(), (s, s + len(name))
        return self._described(name), (s, s + len(name))

    def _named_later(self, description: str):
        """The person a description is given a name or initials for elsewhere in the article
        (`Pengemudi Pajero itu diketahui berinisial AR`, `pria tersebut bernama Budi`)."""
        words = [w for w in description.split() if w.casefold() not in self.lex.determiners]
        if len(words) < 2:
            return None  # `seorang warga`, `polisi`: too general to be named once for all
        if description not in self._named_descriptions:  # before or after: the text names them once
            found = self._first_naming(description)
            self._named_descriptions[description] = None if found is None else self._person_at(found.end())
        return self._named_descriptions[description]

    def _first_naming(self, description: str):
        """The first `<description> ... berinisial/bernama` of the text. It can stand only where a
        naming word does, so a long text is read around those places, not once per description."""
        if self._naming_words is None:
            text = self.text
            self._naming_words = sorted({(at, at + len(w)) for w in _NAMING_WORDS for at in find_all(text, w)})
        pattern, text = _named_as(description), self.text
        for at, end in self._naming_words:
            while end < len(text) and text[end].isspace():  # the match takes the spaces after the word
                end += 1
            found = pattern.search(text, max(0, at - len(description) - _NAMING_GAP), end)
            if found is not None:
                return found
        return None

    def _described(self, description: str) -> EntityRef:
        """A speaker the text only describes (`seorang warga`, `pihak kepolisian`): a body when its
        head noun names one, else a person; remembered so the quote says it was found by description."""
        words = [w.casefold() for w in description.split()]
        head = next((w for w in words if w in self.lex.speaker_nouns), "")
        ref = EntityRef(description, "ORG" if head in self.lex.body_nouns else "PER", None, None)
        self._descriptions.add((ref.name, ref.type))
        return ref


# What may stand between a title and the name it gives (`Karo Ops Polda Babel Kombes `): capitalised
# words, acronyms, brackets and commas, no lower-case word (`Media ... jika Prabowo` is no title).
_TITLES_TO_NAME = compile_latin(r"(?:[\s,()+&/-]|[A-Z0-9][\w.'’+/&-]*+)*+")  # possessive: no backtracking


#: The naming words `_named_as` ends with (`berinisial` holds `inisial`), and how far before one the
#: description may start beyond its own length (`itu diketahui` and spaces).
_NAMING_WORDS = ("inisial", "berinsial", "bernama")
_NAMING_GAP = 200


@lru_cache(maxsize=256)
def _named_as(description: str) -> re.Pattern[str]:
    """`<description> (itu/tersebut) (diketahui) berinisial/bernama `, the description in any case."""
    return compile_latin(rf"(?i:{re.escape(description)})\s+(?:(?:itu|tersebut)\s+)?(?:diketahui\s+|yakni\s+|adalah\s+)?"
                      r"(?:berinisial|berinsial|bernama|inisial)\s+")


@lru_cache(maxsize=1024)
def _title_pattern(title: str) -> re.Pattern[str]:
    return compile_latin(rf"(?<![\w-]){re.escape(title)}(?![\w-])")


def extract_quotes(text: str, table: EntityTable, kb: KnowledgeBase, published: dt.date | None,
                   sentences: list[tuple[int, int]], lang: str = "id") -> list[Quote]:
    """Direct and indirect quotes of `text`, speakers resolved in reading order."""
    finder = QuoteFinder(text, table, kb, published, sentences, lang)
    direct = finder.direct()
    indirect = finder.indirect(direct)
    return finder.resolve(direct + indirect)
