"""Whether an article is the kind of news that reports political acts at all.

Sport, celebrity, lifestyle, gadget and travel pages use the words of conflict and cooperation
for other things (`menyerang` the goal, `mempertahankan` a title, `bertemu` a rival club). A small
bag-of-words classifier, trained by `tools/train_events.py` on CLICK-ID's section labels (CC BY
4.0: those sections against national, regional, world, metro and business news), says how likely
an article belongs to such a section; the event coder keeps no events there.
"""

from __future__ import annotations

from jejak.crf import open_crf, per_thread

MODEL_RESOURCE = "news_kind_id.crfsuite"
QUIET = "quiet"
NEWS = "news"
_PUNCT = "\"'“”‘’.,:;!?()[]{}-–—/…*"
_READ_CHARS = 1500  # the opening of an article says what kind of news it is


def kind_features(text: str) -> list[str]:
    """The distinct lower-case words of the article's opening (split on spaces, stripped of the
    punctuation around them: a regular expression over the text costs more than the model)."""
    words = {w.strip(_PUNCT) for w in text[:_READ_CHARS].lower().split()}
    return ["b", *sorted(w for w in words if len(w) >= 3 and w.isalpha())]  # sorted: one model file


class NewsKind:
    def __init__(self, model_path: str | None = None) -> None:
        self._tagger = open_crf(MODEL_RESOURCE, model_path)

    def quiet_probability(self, text: str) -> float:
        """How likely the article is from a section that reports no political acts."""
        self._tagger.set([kind_features(text)])
        return self._tagger.marginal(QUIET, 0)


def default_news_kind(lang: str = "id") -> NewsKind | None:
    """The shipped classifier of a language, one per thread; None where none was trained for it
    (only Indonesian has one) or it is not installed."""
    if f"news_kind_{lang}.crfsuite" != MODEL_RESOURCE:
        return None
    return per_thread(f"news_kind_{lang}", NewsKind)
