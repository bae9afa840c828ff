"""PolNeAR (Newell, Margolin & Ruths, LREC 2018) as gold for English quotes and their speakers.

PolNeAR marks every attribution in 1,008 US political news articles as brat standoff: a Source
(who), a Cue (the verb), a Content (what was said). We read it into our gold shape so
`score_quotes` (FORMAT.md matching) scores jejak's English quotes on it:

- a Content that stands almost wholly inside quote marks is **direct**: each part of it between one
  pair of quote marks is a direct quote (`"It's horrifying," Tapper said, "and I'm sure..."` is two); any other Content with a cue of saying (`said`, `told`, `according to`, a colon)
  is an **indirect** one (its words are the quote); beliefs and findings (`thinks`, `shows`) are
  left out, as FORMAT.md's indirect quotes are reported speech;
- the speaker is the Source's name (`Brazile's CNN colleague, Jake Tapper` is Jake Tapper); a pronoun Source takes the name of the nearest named Source before
  it (PolNeAR has no coreference, and the nearest named speaker is what a reader would take); a
  Source that is a description (`officials`, `the CNN host`) names nobody without coreference, and
  its quotes count for finding quotes but not for speaker accuracy. Speaker accuracy is given over
  all scored quotes and over those whose Source is a name (the pronoun ones lean on the nearest
  named Source, which is often not whom the pronoun means).

The evaluation set is the one issue 16 names: the first 84 articles of the test split and the
first 16 of the dev split (sorted by file name, the first reading of each). The train split is
for looking at errors and never scored as the measure. The corpus is read from its archive in
`../shared` at evaluation time; nothing of it is copied into the repository.
"""

from __future__ import annotations

import re
import tarfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jejak.eval.score import Counts, _greedy_pairs, jaccard, word_set

#: quote marks that open and close a direct quote in English news
_PAIRS = (("“", "”"), ('"', '"'))
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_PRONOUNS = frozenset("he she they it we i his her their its him them you".split())
#: Cues of reported speech (FORMAT.md's indirect quotes); PolNeAR also marks beliefs, wants and
#: findings (`thinks`, `wants`, `shows`), which are attributions but no one's words.
_SPEECH_CUE = re.compile(
    r"\b(?:sa(?:y|id|ys|ying)|tells?|told|telling|according|wr[io]t\w*|add(?:s|ed|ing)?|ask\w*|not(?:e|ed|es|ing)"
    r"|report\w*|announc\w*|argu\w*|tweet\w*|explain\w*|declar\w*|stat(?:e|ed|es|ing)|claim\w*|insist\w*"
    r"|repl\w*|respond\w*|warn\w*|acknowledg\w*|recall\w*|suggest\w*|admit\w*|den(?:y|ied|ies|ying)"
    r"|predict\w*|promis\w*|pledg\w*|vow\w*|confirm\w*|repeat\w*|complain\w*|boast\w*|conced\w*|contend\w*"
    r"|emphasi\w*|stress\w*|observ\w*|remark\w*|maintain\w*|assert\w*|testif\w*|mention\w*|reveal\w*)\b|:",
    re.IGNORECASE)
#: An indirect quote reports what was said: a clause, not an object (`praised her effort`,
#: `calling him a "nice guy"` are attributions of an act, no one's words).
_MIN_INDIRECT_WORDS = 4
_DIRECT_SHARE = 0.8  # share of a Content's words inside quote marks that makes it a direct quote
EVAL_SPLITS = (("test", 84), ("dev", 16))


@dataclass
class Attribution:
    source: str  # the Source span's text ('' when PolNeAR gives none)
    source_start: int
    content: str  # the Content's text, its parts joined by a space
    content_start: int
    quoted: list[str]  # a direct quote's parts, one per pair of quote marks (empty: indirect)
    cue: str = ""  # the Cue's text (`said`, `according to`)


@dataclass
class PolnearArticle:
    name: str
    title: str
    text: str  # the whole file: title, blank line, body
    body_start: int  # where the body starts in `text`
    attributions: list[Attribution] = field(default_factory=list)

    @property
    def body(self) -> str:
        return self.text[self.body_start:]


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quote marks: curly pairs, and straight marks (`"` or the `''` of The
    New York Times' archive) paired within a paragraph."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"“([^“”]*)”", text):
        out.append((m.start(1), m.end(1)))
    for para in re.finditer(r"[^\n]+", text):
        marks = [para.start() + i for i, ch in enumerate(para.group()) if ch == '"']
        for a, b in zip(marks[::2], marks[1::2]):
            out.append((a + 1, b))
        doubled = [para.start() + m.start() for m in re.finditer(r"''", para.group())]  # NYT writes `''`
        for a, b in zip(doubled[::2], doubled[1::2]):
            out.append((a + 2, b))
    return sorted(out)


def _region_of(regions: list[tuple[int, int]], start: int, end: int) -> int | None:
    return next((k for k, (a, b) in enumerate(regions) if a <= start and end <= b), None)


def _parse_spans(field_: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field_.split(";"))]


def parse_attributions(text: str, ann: str) -> list[Attribution]:
    """The attributions of one .ann file, each with its Source and Content."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (kind, _parse_spans(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    regions = _quoted_regions(text)
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        pieces = content[1]
        words = [(m.start() + a, m.end() + a) for a, b in pieces for m in _WORD.finditer(text[a:b])]
        if not words:
            continue
        parts: dict[int, list[str]] = {}
        for s, e in words:
            k = _region_of(regions, s, e)
            if k is not None:
                parts.setdefault(k, []).append(text[s:e])
        inside = sum(len(v) for v in parts.values())
        source = spans.get(rel.get("Source", ""))
        src_text = " ".join(text[a:b] for a, b in source[1]) if source else ""
        cue = spans.get(rel.get("Cue", ""))
        out.append(Attribution(
            cue=" ".join(text[a:b] for a, b in cue[1]) if cue else "",
            source=src_text, source_start=source[1][0][0] if source else pieces[0][0],
            content=" ".join(text[a:b] for a, b in pieces), content_start=pieces[0][0],
            quoted=[" ".join(parts[k]) for k in sorted(parts)] if inside >= _DIRECT_SHARE * len(words) else []))
    return sorted(out, key=lambda a: a.content_start)


def read_split(archive: Path, split: str, limit: int | None = None) -> list[PolnearArticle]:
    """The articles of one split (sorted by name), each with its first reading's attributions."""
    texts: dict[str, str] = {}
    anns: dict[str, str] = {}
    prefix = f"PolNeAR/data/{split}/"
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.startswith(prefix):
                continue
            rest = member.name[len(prefix):]
            fh = tar.extractfile(member)
            if fh is None:
                continue
            data = fh.read().decode("utf-8")
            if rest.startswith("text/") and rest.endswith(".txt"):
                texts[rest[5:-4]] = data
            elif rest.startswith("attributions/") and rest.endswith(".ann"):
                stem = rest[len("attributions/"):-4]
                anns.setdefault(stem.rsplit("_", 1)[0], [])  # type: ignore[arg-type]
                anns[stem.rsplit("_", 1)[0]].append((stem, data))  # type: ignore[attr-defined]
    out = []
    for name in sorted(texts):
        readings = sorted(anns.get(name, []))  # type: ignore[arg-type]
        if not readings:
            continue
        text = texts[name]
        title, _, _ = text.partition("\n")
        body_start = len(title)
        while body_start < len(text) and text[body_start] in "\r\n":
            body_start += 1
        art = PolnearArticle(name=name, title=title.strip(), text=text, body_start=body_start,
                             attributions=parse_attributions(text, readings[0][1]))
        out.append(art)
        if limit is not None and len(out) >= limit:
            break
    return out


def evaluation_set(archive: Path) -> list[PolnearArticle]:
    """The 100 articles issue 16 measures on: the first 84 of test and the first 16 of dev."""
    out: list[PolnearArticle] = []
    for split, n in EVAL_SPLITS:
        out += read_split(archive, split, n)
    return out


def _name_of(source: str) -> str | None:
    """The name a Source gives: the first of its comma-separated parts that ends in a name
    (`Brazile's CNN colleague, Jake Tapper` -> Jake Tapper; `Huma Abedin, vice chairwoman for
    Clinton's campaign` -> Huma Abedin), or None for a description (`the CNN host`)."""
    for part in source.split(","):
        name = _name_ending(part)
        if name:
            return name
    return None


def _name_ending(part: str) -> str | None:
    words = part.strip(" ,.;:").split()
    titled = _titled_name_before_of(words)
    if titled:
        return titled  # `Mr. Nevins of Showtime`, `former Gov. Bill Richardson of New Mexico`: the person
    j = len(words)
    while j > 0 and (words[j - 1][:1].isupper() or words[j - 1] in ("de", "van", "von", "al", "bin")):
        j -= 1
    run = words[j:]
    while run and run[0] in ("The", "A", "An", "But", "And", "In"):
        run = run[1:]
    if not run:
        return None
    return _POSSESSIVE.sub("", " ".join(run)) if not run[-1].endswith(("'s", "’s")) else None


def _titled_name_before_of(words: list[str]) -> str | None:
    """A title and a name before `of` (`Mr. Burman of the Tax Policy Center`): the person, not where
    they are from. A title alone before `of` (`Secretary of State John Kerry`) or a body's word
    (`University of Michigan`) gives nothing here."""
    if "of" not in words:
        return None
    k = words.index("of")
    j = k
    while j > 0 and words[j - 1][:1].isupper():
        j -= 1
    run = words[j:k]
    titles = [w for w in run if w.casefold().strip(".") in _PERSONAL_TITLES]
    if not titles or len(titles) == len(run) or run[-1].casefold().strip(".") in _PERSONAL_TITLES:
        return None  # no title before the name (`University of Michigan`), or no name after the title
    return _POSSESSIVE.sub("", " ".join(run))



def _is_pronoun(source: str) -> bool:
    words = source.casefold().split()
    return len(words) == 1 and words[0] in _PRONOUNS


def gold_record(article: PolnearArticle) -> dict[str, Any]:
    """The article's attributions in our gold shape (body only; headline attributions are left out).

    `speaker_scored` is False where PolNeAR's Source is empty or a description (`the CNN host`):
    without coreference the gold names nobody there, so such quotes count for finding quotes only."""
    quotes = []
    last_named = ""
    persons: set[str] = set()
    for att in article.attributions:
        speaker: str | None = None
        by_pronoun = _is_pronoun(att.source)
        if by_pronoun:
            speaker = last_named or None
        elif att.source:
            speaker = _name_of(att.source)
            if speaker:
                last_named = speaker
                persons.add(speaker)
        if att.content_start < article.body_start:
            continue
        if not att.quoted and (not _SPEECH_CUE.search(att.cue) or len(_WORD.findall(att.content)) < _MIN_INDIRECT_WORDS):
            continue
        for quote in att.quoted or [att.content]:
            quotes.append({"quote": quote, "kind": "direct" if att.quoted else "indirect",
                           "speaker": speaker, "speaker_scored": speaker is not None, "by_pronoun": by_pronoun,
                           "source_text": att.source})
    return {"quotes": quotes, "entities": [{"name": p, "type": "PER"} for p in sorted(persons)]}


#: titles a Source may carry before the name (`Mr Farage`, `Sen. Ted Cruz`): not part of it
_TITLES = frozenset("the mr mrs ms dr sir lord lady sen rep gov president senator congressman congresswoman professor prof "
                    "judge justice pres secretary governor mayor former".split())

#: titles only a person carries (`Mr.`, `Gov.`): a name after one, before `of`, is that person's
_PERSONAL_TITLES = _TITLES - {"the", "former", "president", "secretary", "justice"} | {"representative", "rep", "capt", "gen"}


def _name_words(name: str) -> list[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))  # Erdoğan, Erdogan
    words = re.sub(r"['’]s\b", "", plain).casefold().replace(".", " ").split()
    while words and words[0] in _TITLES:
        words = words[1:]
    return words


def same_speaker(pred: str | None, gold: str) -> bool:
    """Whether jejak's speaker is the gold one: one name's words end the other's (`Cruz` and
    `Ted Cruz`, `John McCain` and `Senator John McCain`, `New York Times` and `The New York Times`):
    PolNeAR names a speaker as the sentence does, jejak by the fullest form in the article."""
    if not pred:
        return False
    a, b = _name_words(pred), _name_words(gold)
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[len(long_) - len(short):] == short


@dataclass
class QuoteCounts(Counts):
    """The scorer's counts of one kind of quote, with speakers counted over the matched quotes
    whose gold names a speaker, and over those whose Source is a name (not a pronoun)."""

    speakers_scored: int = 0
    speakers_right: int = 0
    named_scored: int = 0
    named_right: int = 0

    def add(self, other: "QuoteCounts") -> None:
        super().add(other)
        self.speakers_scored += other.speakers_scored
        self.speakers_right += other.speakers_right
        self.named_scored += other.named_scored
        self.named_right += other.named_right

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_scored if self.speakers_scored else 0.0

    @property
    def named_accuracy(self) -> float:
        return self.named_right / self.named_scored if self.named_scored else 0.0


def score_quotes(record: dict[str, Any], gold: dict[str, Any], kind: str,
                 misses: list[str] | None = None) -> QuoteCounts:
    """FORMAT.md's quote matching (word-set Jaccard >= 0.6, greedy) and speaker accuracy over the
    matched quotes whose gold speaker is a name."""

    preds = [q for q in record.get("quotes", []) if q.get("kind") == kind]
    golds = [q for q in gold.get("quotes", []) if q.get("kind") == kind]
    pw = [word_set(q["text"]) for q in preds]
    gw = [word_set(q["quote"]) for q in golds]
    pairs = _greedy_pairs(c for c in ((jaccard(a, b), i, j) for i, a in enumerate(pw) for j, b in enumerate(gw))
                          if c[0] >= 0.6)
    c = QuoteCounts(tp=len(pairs), pred=len(preds), gold=len(golds))
    for pi, gi in pairs:
        if not golds[gi]["speaker_scored"]:
            continue
        c.speakers_scored += 1
        named = not golds[gi].get("by_pronoun")
        c.named_scored += named
        if same_speaker((preds[pi].get("speaker") or {}).get("name"), golds[gi]["speaker"]):
            c.speakers_right += 1
            c.named_right += named
        elif misses is not None:
            got = (preds[pi].get("speaker") or {}).get("name")
            misses.append(f"{kind} speaker: got {got!r}, want {golds[gi]['speaker']!r} "
                          f"({golds[gi]['source_text']!r}): {golds[gi]['quote'][:70]!r}")
    if misses is not None:
        hit_g, hit_p = {g for _, g in pairs}, {p for p, _ in pairs}
        misses += [f"{kind} missed: {g['quote'][:90]!r} ({g['source_text']!r})"
                   for gi, g in enumerate(golds) if gi not in hit_g]
        misses += [f"{kind} extra: {p['text'][:90]!r} ({(p.get('speaker') or {}).get('name')!r})"
                   for pi, p in enumerate(preds) if pi not in hit_p]
    return c
