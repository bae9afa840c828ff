"""Reports of one day that share a weighty word: the pairs the same-event judge reads beyond the
copy candidates.

Outlets that report one press conference in their own words share no wording and often not
three rare facts, and their titles may pick different topics from it; what they do share is a
few of the words that weigh most in each text (the speaker's name, the place, the act). Each
report's PROFILE_TOP weightiest words (its event profile) are looked up among the reports of its
day, and every pair that shares one, unless the word is in more than MAX_WORD_REPORTS of the
day's reports, goes to the judge. On our story blocks (dev and train, in a store of all
CLICK-ID) judging these pairs and clustering with their probabilities found 60 % of the readers'
pairs at purity 0.90, against 53 % from the copy, fact and title candidates alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from jejak.provenance.same_event import EventProfile

PROFILE_TOP = 10  # the weightiest words of a report that are looked up among its day's reports
MAX_WORD_REPORTS = 200  # a word used by more of a day's reports says nothing about which event


def weighty_words(profile: EventProfile, top: int = PROFILE_TOP) -> list[str]:
    """The report's `top` weightiest words, heaviest first (ties by the word, so the same text gives
    the same words)."""
    return [w for w, _ in sorted(profile.vector.items(), key=lambda wv: (-wv[1], wv[0]))[:top]]


def same_day_pairs(new: Iterable[str], earlier: Iterable[str], day_of: Mapping[str, dt.date | None],
                   words_of: Mapping[str, Sequence[str]], lang_of: Mapping[str, str] | None = None
                   ) -> set[tuple[str, str]]:
    """Ordered pairs `(a, b)`, a < b, of a new report and a report of the same day (one met before
    it, `earlier`, or another new one) that share one of their weighty words (`words_of`, from
    `weighty_words`) in one language. A report without a day or words is left out; so is a word
    that more than MAX_WORD_REPORTS of the day's reports at hand use (counted among those given,
    so which pairs a very common word would have made depends on what was linked before)."""
    new = [x for x in dict.fromkeys(new) if day_of.get(x) is not None and x in words_of]
    fresh = set(new)
    pool = [x for x in dict.fromkeys(earlier) if x not in fresh and day_of.get(x) is not None and x in words_of]
    days = {day_of[x] for x in new}
    index: dict[tuple[dt.date, str, str], list[str]] = {}
    for x in [*pool, *new]:
        if day_of[x] not in days:
            continue
        lang = lang_of.get(x, "") if lang_of else ""
        for w in words_of[x]:
            index.setdefault((day_of[x], lang, w), []).append(x)
    pairs: set[tuple[str, str]] = set()
    for x in new:
        lang = lang_of.get(x, "") if lang_of else ""
        for w in words_of[x]:
            others = index.get((day_of[x], lang, w), ())
            if len(others) > MAX_WORD_REPORTS:
                continue
            pairs.update((x, y) if x < y else (y, x) for y in others if y != x)
    return pairs
