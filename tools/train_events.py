"""Train what the event coder learns: the event-word model (`jejak/models/events_id.crfsuite` and
its stems), the learned lexicon (`jejak/lang/id/event_verbs_learned.tsv`) and the news-kind
classifier (`jejak/models/news_kind_id.crfsuite`).

Data: our own event corpus (docs/annotation-events.md), read from the gold files' offsets and
the article bodies in `../shared` at build time: the training splits `eval/train-detik` and
`eval/train-events`, without any article that repeats one of the dev or test split.
`eval/tune-detik` is the dev split (thresholds and settings are chosen on it); `eval/unseen-detik`
is the test split and is refused by name. Each candidate word (a word whose stem often named an
act in the training corpus, or that the lexicon reads as an act) is one example: its label is the
PLOVER type when a reader marked it as an event's trigger, `O` when nobody did; a word that
repeats a marked trigger elsewhere in its article is left out (an act told twice is coded once,
so the second telling is neither an act nor not one). Candidate words of 300 CLICK-ID sport and
lifestyle articles (CC BY 4.0) are examples of no act. The news-kind classifier learns CLICK-ID's
quiet sections against its news sections. Only the half of CLICK-ID's rows that
`tools/score_quiet_news.py` never measures is read, and no reserved row. Training is L-BFGS with
fixed settings, so the same data gives the same files.

    python tools/train_events.py            # train, write the shipped files
    python tools/train_events.py --tune     # also report the dev split, candidate by candidate
    python tools/train_events.py --check    # retrain into a temporary folder; exit 1 if it differs
"""

from __future__ import annotations

import argparse
import filecmp
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejak.eval.gold import GoldArticle, body_key, held_out_keys, load_gold_dir  # noqa: E402
from jejak.extract.event_lexicon import event_lexicon  # noqa: E402
from jejak.extract.event_model import (MODEL_RESOURCE, NO_EVENT, STEMS_RESOURCE, EventModel,  # noqa: E402
                                       article_view, candidate_features, is_candidate)
from jejak.extract.events import lower_keeping_offsets, sentence_tokens  # noqa: E402
from jejak.extract.news_kind import MODEL_RESOURCE as KIND_RESOURCE  # noqa: E402
from jejak.nlp.entities import EntityTable  # noqa: E402
from jejak.nlp.morph import analyses  # noqa: E402
from jejak.pipeline import analyze  # noqa: E402

MODELS = ROOT / "src" / "jejak" / "models"
TRAIN = ("train-detik", "train-events")
DEV = "tune-detik"
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 300}
MIN_LEARNED_STEM = 4  # shorter stems of a trigger are mostly the morphology's false readings
MIN_STEM_SHARE = 0.4  # a learned stem must name an act in at least this share of its occurrences
QUIET_ARTICLES = 300  # sport, lifestyle, gadget and travel articles whose every word is taught as no act


def split_dir(name: str) -> Path:
    if "unseen" in name or "test" in name:
        raise ValueError(f"refusing to train or tune on {name}: the test split is scored, never learnt from")
    return ROOT / "eval" / name


def event_articles(names: tuple[str, ...] | list[str]) -> list[GoldArticle]:
    """The articles of our splits read for events; for training splits, without the ones that
    repeat an article of the dev or test split (Detik carries some reports under two rows)."""
    held = held_out_keys(ROOT / "eval") if any(name in TRAIN for name in names) else set()
    out: list[GoldArticle] = []
    for name in names:
        out += [a for a in load_gold_dir(split_dir(name)) if "events" in (a.gold.get("layers") or [])
                and not (name in TRAIN and body_key(a.text) in held)]
    return out


def _triggers(item: GoldArticle, text: str) -> list[tuple[int, int, str]]:
    """Each gold event's trigger as offsets into the analysed (cleaned) text: found through its
    evidence, which the reader copied verbatim from the body."""
    out = []
    for e in item.gold.get("events", []):
        s, t = e["span"], e["trigger"]
        evidence = item.text[s[0]:s[1]]
        at = text.find(evidence)
        if at >= 0:
            start = at + (t[0] - s[0])
            out.append((start, start + (t[1] - t[0]), e["type"]))
    return out


def _stems_of(word: str) -> frozenset[str]:
    """A word and the stems the morphology reads in it (long enough to mean something)."""
    return frozenset({word} | {st for st, form in analyses(word) if len(st) >= MIN_LEARNED_STEM and form != "agent"})


def telling_stems(items: list[GoldArticle], stems: list[str]) -> list[str]:
    """The trigger stems that name an act often enough where they stand to be worth reading: every
    candidate costs the analysis a classification, and a stem that was an act once in fifty
    occurrences only adds cost and doubt."""
    pos: Counter = Counter()
    total: Counter = Counter()
    for feats, label, _ in examples(items, frozenset(stems)):
        for f in feats:
            if f.startswith("st="):
                total[f[3:]] += 1
                pos[f[3:]] += label != NO_EVENT
    return [st for st in stems if pos[st] >= 2 and pos[st] >= MIN_STEM_SHARE * total[st]]


def learned_stems(items: list[GoldArticle]) -> list[str]:
    stems: set[str] = set()
    for item in items:
        for e in item.gold.get("events", []):
            first = item.text[e["trigger"][0]:e["trigger"][1]].split()[0].lower()
            stems.add(first)
            stems.update(st for st, form in analyses(first) if len(st) >= MIN_LEARNED_STEM and form != "agent")
    return sorted(stems)


def examples(items: list[GoldArticle], stems: frozenset[str]):
    """(features, label, article id) for every candidate word of every article."""
    lex = event_lexicon("id")
    for item in items:
        art = analyze(item.text, lang="id", published=item.published, url=item.url, title=item.title, id=item.id)
        text = art.text
        mentions = sorted((m for ent in art.entities for m in ent.mentions), key=lambda m: m.start)
        table = EntityTable(entities={e.key: e for e in art.entities}, mentions=mentions)
        view = article_view(text, mentions, lambda m: table.entities[m.entity].type, art.quotes)
        lowered = lower_keeping_offsets(text)
        gold = _triggers(item, text)
        marked = {_stems_of(lowered[a:b].split()[0]) for a, b, _ in gold if lowered[a:b].split()}
        marked_stems = frozenset().union(*marked) if marked else frozenset()
        for s, e in art.sentences:
            toks = sentence_tokens(lowered, s, e)
            for i, tok in enumerate(toks):
                if tok.punct or not is_candidate(lex, tok.word, stems):
                    continue
                label = next((typ for a, b, typ in gold if a <= tok.start < b), None)
                if label is None and _stems_of(tok.word) & marked_stems:
                    continue  # the same act told again (`ditangkap` after `menangkap`), marked once
                yield candidate_features(lex, view, toks, i, stems), label or NO_EVENT, item.id


LEXICON_OUT = ROOT / "src" / "jejak" / "lang" / "id" / "event_verbs_learned.tsv"
MIN_LEXICON_ACTS = 4  # a stem enters the learned lexicon after naming this many acts in training
MIN_LEXICON_SHARE = 0.55  # ... in at least this share of its uses
MIN_TYPE_SHARE = 0.7  # ... and mostly of one type
_FRAMES = {"REQUEST": "ask", "CONSULT": "with", "COOPERATE": "with", "AGREE": "with"}  # event_verbs.tsv's frames


def learned_lexicon(items: list[GoldArticle]) -> list[tuple[str, str, int, int]]:
    """(stem, type, acts, uses) for the words our readers marked as acts often and consistently in
    the training splits that the hand-written lexicon does not read: data for the coder, read like
    `event_verbs.tsv` (every form of the stem but the doer noun). A word's stem is its reading
    whose stem is itself a word of the corpus (`koordinasi` for `berkoordinasi`), else the word."""
    from collections import defaultdict

    base = event_lexicon("id", learned=False)
    texts = [item.text.lower() for item in items]
    vocabulary = {w for text in texts for w in re.findall(r"[^\W\d_]+", text)}

    def stem_of(word: str) -> str:
        return next((st for st, form in analyses(word) if form not in ("bare", "agent") and len(st) >= MIN_LEARNED_STEM
                     and st in vocabulary), word)

    acts: dict[str, Counter] = defaultdict(Counter)
    for item, lowered in zip(items, texts):
        told = {e["trigger"][0]: e for e in item.gold.get("events", [])}  # one act with several partners is
        for e in told.values():                                           # several events at one word: one use
            words = lowered[e["trigger"][0]:e["trigger"][1]].split()
            if words and words[0].isalpha() and not base.triggers(words[0]):
                acts[stem_of(words[0])][e["type"]] += 1
    uses: Counter = Counter()
    for text in texts:
        for word in re.findall(r"[^\W\d_]+", text):
            if word in acts or not base.triggers(word):
                stem = stem_of(word)
                if stem in acts:
                    uses[stem] += 1
    out = []
    for stem, by_type in sorted(acts.items()):
        type_, n = by_type.most_common(1)[0]
        total = sum(by_type.values())
        if total >= MIN_LEXICON_ACTS and total >= MIN_LEXICON_SHARE * uses[stem] and n >= MIN_TYPE_SHARE * total:
            out.append((stem, type_, total, uses[stem]))
    return out


def write_learned_lexicon(rows: list[tuple[str, str, int, int]], path: Path) -> None:
    lines = ["# Event stems learnt from our corpus's training splits (eval/train-detik, eval/train-events):",
             "# each named an act in most of its uses there and the hand-written event_verbs.tsv lacks it.",
             "# Written by tools/train_events.py; do not edit (add words to event_verbs.tsv instead).",
             "# acts/uses: how often the stem was an act / appeared in the training articles.",
             "pattern\ttype\tforms\tframe\tnot\tacts\tuses"]
    lines += [f"{stem}\t{type_}\t*\t{_FRAMES.get(type_, 'obj')}\t\t{n}\t{total}" for stem, type_, n, total in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def quiet_texts(half: int, n: int) -> list[str]:
    """Articles of CLICK-ID (CC BY 4.0) from sections that report no political acts (sport,
    lifestyle, gadgets, travel): a silver set of news with no events. Rows are split in two halves
    by their id's hash: `half` 0 teaches the model that such words are no acts, `half` 1 is kept
    to measure how quiet jejak stays (`tools/score_quiet_news.py`). Reserved rows are never read."""
    from jejak.eval.quiet import quiet_articles

    return [a["content"] for a in quiet_articles(half, n)]


def quiet_examples(texts: list[str], stems: frozenset[str]):
    """The features of every candidate word in articles that report no acts."""
    lex = event_lexicon("id")
    for text in texts:
        art = analyze(text, lang="id")
        mentions = sorted((m for ent in art.entities for m in ent.mentions), key=lambda m: m.start)
        types = {e.key: e.type for e in art.entities}
        view = article_view(art.text, mentions, lambda m: types[m.entity], art.quotes)
        lowered = lower_keeping_offsets(art.text)
        for s, e in art.sentences:
            toks = sentence_tokens(lowered, s, e)
            for i, tok in enumerate(toks):
                if not tok.punct and is_candidate(lex, tok.word, stems):
                    yield candidate_features(lex, view, toks, i, stems)


def train(out_dir: Path) -> tuple[int, Counter]:
    import pycrfsuite

    items = event_articles(TRAIN)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_learned_lexicon(learned_lexicon(items), out_dir / LEXICON_OUT.name)
    if out_dir == MODELS:
        LEXICON_OUT.write_text((out_dir / LEXICON_OUT.name).read_text(encoding="utf-8"), encoding="utf-8")
        (out_dir / LEXICON_OUT.name).unlink()
    stems = telling_stems(items, learned_stems(items))
    (out_dir / STEMS_RESOURCE).write_text(
        "# Stems that named an act in our training corpus (tools/train_events.py writes this file).\n"
        + "\n".join(stems) + "\n", encoding="utf-8")
    trainer = pycrfsuite.Trainer(verbose=False)
    labels: Counter = Counter()
    for feats, label, _ in examples(items, frozenset(stems)):
        trainer.append([feats], [label])
        labels[label] += 1
    quiet = quiet_texts(0, QUIET_ARTICLES)
    if not quiet:
        raise SystemExit("no CLICK-ID corpus beside the checkout (../shared/data/id_news_clickid): "
                         "the event model would learn no sport or lifestyle news; put ../shared in place")
    for feats in quiet_examples(quiet, frozenset(stems)):
        trainer.append([feats], [NO_EVENT])
        labels["O (quiet news)"] += 1
    trainer.set_params(PARAMS)
    trainer.train(str(out_dir / MODEL_RESOURCE))
    return len(items), labels


def report_dev(model_dir: Path) -> None:
    """Candidate-level figures on the dev split at several thresholds on the model's probability
    of an act: how well it tells acts, and whether it gives them the right type."""
    stems = frozenset(line.strip() for line in (model_dir / STEMS_RESOURCE).read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#"))
    model = EventModel(str(model_dir / MODEL_RESOURCE))
    judged = []
    for feats, label, _ in examples(event_articles([DEV]), stems):
        probs = model.probabilities(feats)
        best = max((lab for lab in probs if lab != NO_EVENT), key=probs.get)
        judged.append((1.0 - probs[NO_EVENT], best, label))
    gold = sum(label != NO_EVENT for _, _, label in judged)
    for cut in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6):
        found = [(best, label) for p, best, label in judged if p >= cut]
        tp = sum(label != NO_EVENT for _, label in found)
        typed = sum(best == label for best, label in found)
        p_, r_ = tp / max(1, len(found)), tp / max(1, gold)
        print(f"dev candidates, act if P >= {cut}: P {p_:.3f} R {r_:.3f} F1 {2 * p_ * r_ / max(1e-9, p_ + r_):.3f}; "
              f"right type {typed}/{tp}")


KIND_ARTICLES = 1500  # articles of each side for the news-kind classifier


def train_news_kind(out_dir: Path) -> int:
    """The news-kind classifier: CLICK-ID's quiet sections against its public-affairs sections
    (half 0 of the rows only; half 1 is where quietness is measured)."""
    import pycrfsuite

    from jejak.eval.quiet import NEWS_SECTIONS, quiet_articles
    from jejak.extract.news_kind import MODEL_RESOURCE as KIND_MODEL
    from jejak.extract.news_kind import NEWS, QUIET, kind_features

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for label, sections in ((QUIET, None), (NEWS, NEWS_SECTIONS)):
        rows = quiet_articles(0, KIND_ARTICLES) if sections is None else quiet_articles(0, KIND_ARTICLES, sections=sections)
        for row in rows:
            trainer.append([kind_features(row["content"])], [label])
            n += 1
    trainer.set_params({"c1": 0.3, "c2": 0.1, "max_iterations": 200})  # L1 keeps the file small
    trainer.train(str(out_dir / KIND_MODEL))
    return n


def _read_alike(fresh: Path) -> bool:
    """Whether the fresh models give every training example the same answer as the shipped ones."""
    import pycrfsuite

    if (fresh / STEMS_RESOURCE).read_bytes() != (MODELS / STEMS_RESOURCE).read_bytes():
        return False
    stems = frozenset(line.strip() for line in (fresh / STEMS_RESOURCE).read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#"))
    items = event_articles(TRAIN)

    def tagger(path: Path):
        t = pycrfsuite.Tagger()
        t.open(str(path))
        return t

    a, b = tagger(fresh / MODEL_RESOURCE), tagger(MODELS / MODEL_RESOURCE)
    if any(a.tag([f]) != b.tag([f]) for f, _, _ in examples(items, stems)):
        return False
    from jejak.eval.quiet import quiet_articles
    from jejak.extract.news_kind import kind_features

    a, b = tagger(fresh / KIND_RESOURCE), tagger(MODELS / KIND_RESOURCE)
    return all(a.tag([kind_features(r["content"])]) == b.tag([kind_features(r["content"])])
               for r in quiet_articles(0, KIND_ARTICLES))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="report the dev split too")
    parser.add_argument("--check", action="store_true", help="rebuild into a temporary folder and compare")
    parser.add_argument("--c1", type=float, default=PARAMS["c1"], help="L1 weight (for tuning on dev)")
    parser.add_argument("--c2", type=float, default=PARAMS["c2"], help="L2 weight (for tuning on dev)")
    args = parser.parse_args(argv)
    PARAMS.update(c1=args.c1, c2=args.c2)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            train(Path(tmp))
            train_news_kind(Path(tmp))
            same = all(filecmp.cmp(Path(tmp) / name, MODELS / name, shallow=False)
                       for name in (MODEL_RESOURCE, STEMS_RESOURCE, KIND_RESOURCE))
            if not same:  # another machine's floating point may write other bytes for the same model
                same = _read_alike(Path(tmp))
            same = same and filecmp.cmp(Path(tmp) / LEXICON_OUT.name, LEXICON_OUT, shallow=False)
        print("the shipped event models are what their training data gives" if same else
              "the shipped event models differ from a fresh build: run python tools/train_events.py")
        return 0 if same else 1
    n, labels = train(MODELS)
    print(f"news-kind classifier trained on {train_news_kind(MODELS)} CLICK-ID articles")
    print(f"trained on {n} articles: {sum(labels.values())} candidates, "
          + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
    if args.tune:
        report_dev(MODELS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
