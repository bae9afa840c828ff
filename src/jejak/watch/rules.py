"""A watch rule: one thing a watchlist follows, checked and given its default confidence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jejak.datafiles import read_data
from jejak.plover import plover_types

#: What a rule can follow: an entity mentioned, a speaker quoted, a phrase written, an event
#: of a PLOVER type (with an actor when given), a copy that changed its original.
KINDS: tuple[str, ...] = ("entity", "speaker", "text", "event", "distortion")
MAX_VALUE = 200


class WatchError(ValueError):
    """A watchlist or rule that cannot be kept, with what to change. The message is a template
    with `{fields}`, so the dashboard can show it in Indonesian (`jejak.web.i18n`)."""

    def __init__(self, template: str, **fields: Any) -> None:
        self.template, self.fields = template, fields
        super().__init__(template.format(**fields))


@lru_cache(maxsize=1)
def default_confidence() -> dict[str, float]:
    """The least confidence each kind of rule asks for unless told (`data/watch_confidence.tsv`)."""
    text = read_data("watch_confidence.tsv")
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#") and not line.startswith("kind\t"):
            kind, value = line.split("\t")
            out[kind] = float(value)
    return out


@dataclass(frozen=True)
class Rule:
    """One thing a watchlist follows. `value` is a name (entity, speaker), a phrase (text) or a
    PLOVER type (event); `actor` narrows an event rule to acts with that source or target, `place`
    to acts in that place or in a place inside it (a province holds its regencies and districts)."""

    kind: str
    value: str | None = None
    actor: str | None = None
    min_confidence: float | None = None
    place: str | None = None

    def checked(self) -> Rule:
        """The rule with its defaults filled in, or WatchError saying what is wrong."""
        if self.kind not in KINDS:
            raise WatchError("unknown rule kind {kind}; use one of {kinds}", kind=repr(self.kind), kinds=", ".join(KINDS))
        value = (self.value or "").strip() or None
        actor = (self.actor or "").strip() or None
        place = (self.place or "").strip() or None
        if self.kind == "distortion":  # a kind of change, or any
            from jejak.provenance.diff import DISTORTION_KINDS

            if value is not None and value.lower() not in DISTORTION_KINDS:
                raise WatchError("{value} is not a kind of change; use one of {kinds}", value=repr(value),
                                 kinds=", ".join(DISTORTION_KINDS))
            value = value.lower() if value else None
        elif value is None:
            raise WatchError("a {kind} rule needs a value (a name, a phrase or a PLOVER type)", kind=self.kind)
        elif len(value) > MAX_VALUE:
            raise WatchError("a rule's value is at most {n} characters", n=MAX_VALUE)
        if self.kind == "event":
            value = value.upper()
            if value not in plover_types():
                raise WatchError("{value} is not a PLOVER event type; use one of {types}", value=repr(value),
                                 types=", ".join(plover_types()))
        elif actor is not None or place is not None:
            raise WatchError("--actor and --place narrow an event rule; give them with --event-type")
        if place is not None and len(place) > MAX_VALUE:
            raise WatchError("a rule's value is at most {n} characters", n=MAX_VALUE)
        if self.kind == "text" and len(value) < 2:
            raise WatchError("a phrase to follow needs at least two characters")
        conf = default_confidence()[self.kind] if self.min_confidence is None else float(self.min_confidence)
        if not 0.0 <= conf <= 1.0:
            raise WatchError("--min-confidence is a share between 0 and 1")
        return Rule(self.kind, value, actor, conf, place)

    def describe(self) -> str:
        """The rule as a person would say it."""
        if self.kind == "distortion":
            return "copies that change their original" + (f" ({self.value})" if self.value else "")
        what = {"entity": "mentions of", "speaker": "quotes by", "text": "the phrase",
                "event": "events of type"}[self.kind]
        out = f"{what} {self.value}"
        return out + (f" with {self.actor}" if self.actor else "") + (f" in {self.place}" if self.place else "")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "actor": self.actor, "place": self.place,
                "min_confidence": self.min_confidence, "describe": self.describe()}
