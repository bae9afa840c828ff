"""Public Indonesian NER sets as articles: read, detokenise, score jejak's names on them.

idner-news-2k (`token POS TAG`, IOB) and NERGrit (`token<TAB>TAG`) give one sentence per block.
We join every 10 sentences into one article (so in-article cues such as a word also written in
lower case have text to work on), rebuild readable text with each token's character span, and
score exact spans of PER, ORG and LOC (our GPE counts as LOC, as these sets do not split them).
The same articles feed `tools/train_tagger.py` (train and dev splits only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from jejak.eval.pfsa import Doc, detokenize, read_sentences
from jejak.nlp.tagger import bio_spans, gazetteer_tags, sentence_ranges

ARTICLE_SENTENCES = 10
SCORED = ("PER", "ORG", "LOC")
_TYPE_MAP = {"PER": "PER", "PERSON": "PER", "PPL": "PER", "ORG": "ORG", "ORGANISATION": "ORG",
             "ORGANIZATION": "ORG", "IND": "ORG", "LOC": "LOC", "PLACE": "LOC", "PLC": "LOC", "GPE": "LOC"}
#: What our own readings train the tagger to say: a place is LOC as in idner-news-2k (the knowledge
#: base and the cues tell a government's place from another), events and products as themselves.
_OWN_LABELS = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "EVT": "EVT", "PRD": "PRD"}


@dataclass
class NerArticle:
    """Sentences joined into one text; gold spans as token ranges with a label."""

    text: str
    spans: list[tuple[int, int]]  # each token's characters
    sentences: list[tuple[int, int]]  # each sentence's characters
    sentence_tokens: list[tuple[int, int]]  # each sentence's token range
    labels: list[str]  # BIO per token, PER/ORG/LOC only
    gold: set[tuple[int, int, str]] = field(default_factory=set)


def _norm_tag(tag: str) -> str:
    prefix, _, lab = tag.partition("-")
    mapped = _TYPE_MAP.get(lab)
    if prefix not in ("B", "I") or mapped is None:
        return "O"
    return f"{prefix}-{mapped}"


def read_articles(path: Path, per_article: int = ARTICLE_SENTENCES) -> list[NerArticle]:
    """The file's sentences, `per_article` to an article."""
    sents = list(read_sentences(path))
    out: list[NerArticle] = []
    for k in range(0, len(sents), per_article):
        group = sents[k:k + per_article]
        doc = Doc()
        labels: list[str] = []
        bounds: list[tuple[int, int]] = []
        for sent in group:
            doc.sentence_starts.append(len(doc.tokens))
            bounds.append((len(doc.tokens), len(doc.tokens) + len(sent)))
            for tok, tag in sent:
                doc.tokens.append(tok)
                doc.tags.append(tag)
                labels.append(_norm_tag(tag))
        text, spans = detokenize(doc)
        sentences = [(spans[a][0], spans[b - 1][1]) for a, b in bounds]
        out.append(NerArticle(text, spans, sentences, bounds, labels, set(bio_spans(labels))))
    return out


def char_to_tokens(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The token range a character span covers exactly (None when it cuts a token)."""
    import bisect
    i = bisect.bisect_left([s for s, _ in spans], start)
    if i >= len(spans) or spans[i][0] != start:
        return None
    j = i
    while j < len(spans) and spans[j][1] < end:
        j += 1
    if j >= len(spans) or spans[j][1] != end:
        return None
    return i, j + 1


def jejak_spans(article: NerArticle) -> set[tuple[int, int, str]]:
    """jejak's entity mentions on the article, as labelled token spans."""
    from jejak.nlp.entities import recognise

    table = recognise(article.text)
    out: set[tuple[int, int, str]] = set()
    for m in table.mentions:
        label = _TYPE_MAP.get(table.entities[m.entity].type)
        if label is None:
            continue
        tok = char_to_tokens(article.spans, m.start, m.end)
        if tok is not None:
            out.add((tok[0], tok[1], label))
    return out


def tagger_spans(article: NerArticle) -> set[tuple[int, int, str]]:
    """The learned tagger alone on the article."""
    from jejak.nlp.entities import kb_name_hits
    from jejak.nlp.tagger import default_tagger, lower_words

    tagger = default_tagger()
    lower = lower_words(article.text)
    found = tagger.tag(article.text, article.spans, kb_name_hits(article.text), lower, article.sentences)
    out: set[tuple[int, int, str]] = set()
    for span in found:
        tok = char_to_tokens(article.spans, span.start, span.end)
        if tok is not None:
            out.add((tok[0], tok[1], span.label))
    return out


def score(articles: list[NerArticle], system: Callable[[NerArticle], set[tuple[int, int, str]]]) -> dict[str, Any]:
    """Exact-span precision, recall and F1, overall and per label."""
    counts = {lab: [0, 0, 0] for lab in SCORED}  # tp, predicted, gold
    for art in articles:
        pred = system(art)
        for lab in SCORED:
            p = {s for s in pred if s[2] == lab}
            g = {s for s in art.gold if s[2] == lab}
            counts[lab][0] += len(p & g)
            counts[lab][1] += len(p)
            counts[lab][2] += len(g)
    result: dict[str, Any] = {"articles": len(articles)}
    total = [sum(c[k] for c in counts.values()) for k in range(3)]
    for lab, (tp, np_, ng) in [*counts.items(), ("all", total)]:
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        result[lab] = {"precision": round(p, 4), "recall": round(r, 4),
                       "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "gold": ng}
    return result


def evaluate_ner(path: Path, system: str = "jejak") -> dict[str, Any]:
    """Score `system` (`jejak` or `tagger`) on a CoNLL file."""
    return {"file": str(path), "system": system,
            **score(read_articles(path), jejak_spans if system == "jejak" else tagger_spans)}


def print_ner(result: dict[str, Any], title: str) -> None:
    print(f"{title}: {result['system']}, {result['articles']} articles of {ARTICLE_SENTENCES} sentences, exact spans")
    print(f"{'':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for lab in (*SCORED, "all"):
        r = result[lab]
        print(f"{lab:6} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['gold']:6d}")


def own_articles(folder: Path, exclude: set[str] | frozenset[str] = frozenset()) -> list[NerArticle]:
    """Our own readings with mention offsets (`eval/train-detik`, `eval/train-entities`, the files
    of `eval/train-events` read for entities) as tagger training articles,
    leaving out any whose body is one of `exclude` (`jejak.eval.gold.body_key` of held-out articles)."""
    from jejak.eval.gold import body_key, load_gold_dir
    from jejak.nlp.segment import sentences, tokens

    out: list[NerArticle] = []
    for item in load_gold_dir(folder):
        text = item.text
        if (exclude and body_key(text) in exclude) or "entities" not in (item.gold.get("layers") or ["entities"]):
            continue  # a file read for events only marks no names: it would teach that none are there
        spans = tokens(text)
        marked = [(s, e, _OWN_LABELS[ent["type"]]) for ent in item.gold.get("entities", [])
                  if ent.get("type") in _OWN_LABELS for s, e in ent.get("mentions", [])]
        labels = [tag or "O" for tag in gazetteer_tags(spans, marked)]  # the same span-to-BIO reading
        bounds = sentence_ranges(spans, sentences(text))
        out.append(NerArticle(text, spans, [(spans[a][0], spans[b - 1][1]) for a, b in bounds], bounds, labels,
                              set(bio_spans(labels))))
    return out
