"""Train the name tagger that ships in `jejak/models/ner_id.crfsuite`.

Data: the train and dev splits of idner-news-2k (MIT, Khairunnisa et al. 2020), read from
`../shared` at build time, cut into articles of 10 sentences; and our own training readings
(`eval/train-detik`, `eval/train-entities` and the files of `eval/train-events` read for entities:
Detik articles we read ourselves, with every mention's offsets), which bring the kinds idner lacks (events, products, long
body names) and our conventions. The test splits
are never read for training (refused by name); NERGrit, NERP and PFSA-ID are evaluation sets only.
Training is L-BFGS with fixed settings, so the same data gives the same model and the same figures.

    python tools/train_tagger.py              # train on train+dev, write the shipped model
    python tools/train_tagger.py --tune       # train on train only and report dev (for choosing features)
    python tools/train_tagger.py --check      # retrain into a temporary file; exit 1 if it tags differently
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejak.eval.gold import body_key, held_out_keys  # noqa: E402
from jejak.eval.ner import NerArticle, own_articles, read_articles, score  # noqa: E402
from jejak.nlp.entities import kb_name_hits  # noqa: E402
from jejak.nlp.tagger import MODEL_RESOURCE, gazetteer_tags, lower_words, sentence_features, windows  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
IDNER = SHARED / "id_ner_idner2k"
OUT = ROOT / "src" / "jejak" / "models" / MODEL_RESOURCE
SPLITS = ("train", "dev")  # what the shipped model learns from; never the test split
#: Our own readings with mention offsets, and how often each article counts: the train split's,
#: read twice (a first reading checked by a second), twice; the event corpus's files read for
#: entities and train-entities', read once, once.
OWN = ((ROOT / "eval" / "train-detik", 2), (ROOT / "eval" / "train-events", 1), (ROOT / "eval" / "train-entities", 1))
PARAMS = {"c1": 0.05, "c2": 0.02, "max_iterations": 200, "feature.possible_transitions": True}


def training_file(name: str) -> Path:
    """A training split of idner-news-2k; a test split is refused."""
    if "test" in name.lower():
        raise ValueError(f"refusing to train on {name}: a test split is for evaluation only")
    return IDNER / f"{name}.txt"


def sequences(article: NerArticle):
    """(features, labels) for each window of each sentence, as the tagger will see them."""
    words = [article.text[s:e] for s, e in article.spans]
    gaz = gazetteer_tags(article.spans, kb_name_hits(article.text))
    lower = lower_words(article.text)
    for lo, hi in article.sentence_tokens:
        sw, sg, sl = words[lo:hi], gaz[lo:hi], article.labels[lo:hi]
        for a, b in windows(sw):
            yield sentence_features(sw[a:b], sg[a:b], lower, first=a == 0), sl[a:b]


def own_training_articles() -> list[tuple[NerArticle, int]]:
    """Our own readings with every mention marked (the files of the training splits read for
    entities) with their weights, without any article that repeats one of the dev or test split."""
    seen = set(held_out_keys(ROOT / "eval"))
    out = []
    for folder, weight in OWN:
        if folder.is_dir() and "test" not in folder.name and "unseen" not in folder.name:
            for article in own_articles(folder, exclude=seen):
                key = body_key(article.text)
                if key not in seen:  # Detik carries some reports under two rows: each body counts once
                    seen.add(key)
                    out.append((article, weight))
    return out


def train(splits: list[str], out: Path) -> int:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(PARAMS)
    n = 0
    for split in splits:
        for article in read_articles(training_file(split)):
            for feats, labels in sequences(article):
                trainer.append(feats, labels)
                n += 1
    for article, weight in own_training_articles():
            for feats, labels in sequences(article):
                for _ in range(weight):
                    trainer.append(feats, labels)
                    n += 1
    trainer.train(str(out))
    return n


def evaluate(model: Path, path: Path) -> dict:
    from jejak.eval import ner
    from jejak.nlp import tagger as tagger_mod

    held = getattr(tagger_mod._PER_THREAD, "tagger", None)
    tagger_mod._PER_THREAD.tagger = tagger_mod.NameTagger(str(model))  # this thread reads the candidate
    try:
        return score(read_articles(path), ner.tagger_spans)
    finally:
        tagger_mod._PER_THREAD.tagger = held


def _labels(model: Path) -> list[list[str]]:
    """The labels a model gives every window of the training articles (idner dev and our own)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    out = []
    articles = read_articles(training_file("dev")) + [a for a, _ in own_training_articles()]
    for article in articles:
        for feats, _labels_ in sequences(article):
            out.append(tagger.tag(feats))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="train on train only, report dev")
    parser.add_argument("--check", action="store_true", help="retrain and compare with the shipped model")
    args = parser.parse_args(argv)
    if not IDNER.is_dir():
        print(f"idner-news-2k not found at {IDNER}", file=sys.stderr)
        return 2
    if args.tune:
        with tempfile.TemporaryDirectory() as tmp:
            model = Path(tmp) / "tune.crfsuite"
            n = train(["train"], model)
            print(f"trained on {n:,} windows (train)")
            print(json.dumps({"idner dev": evaluate(model, training_file("dev"))}, indent=1))
        return 0
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            model = Path(tmp) / "check.crfsuite"
            train(list(SPLITS), model)
            if model.read_bytes() == OUT.read_bytes():
                print("the shipped model is what the data gives")
                return 0
            # another machine's floating point may write other bytes for the same model: what
            # matters is that both tag the same
            same = _labels(model) == _labels(OUT)
            print("the shipped model tags as a fresh build does" if same else f"{OUT} differs from a fresh build")
            return 0 if same else 1
    n = train(list(SPLITS), OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {n:,} windows from idner train+dev)")
    print("score it with: jejak eval --ner ../shared/data/id_ner_idner2k/<the test split> [--ner-system tagger]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
