"""The monitor's desk: watchlists of what a desk follows, and the alerts they raise.

A watchlist is a name and a few rules (an entity, a speaker, a phrase, an event type with an
optional actor, distorted copies). Rules are matched on the analysis records of the articles
being stored, inside the store's own write (`jejak.store.writer`), so matching costs in
proportion to the new articles, never to the store; distorted copies are matched where the
linker finds them. Each alert points at the span of its evidence.
"""

from __future__ import annotations

from .lists import Watchlist, add_watch, remove_watch, watchlists
from .rules import KINDS, Rule, WatchError
from .matcher import Alert, Matcher

__all__ = ["KINDS", "Alert", "Matcher", "Rule", "WatchError", "Watchlist", "add_watch", "remove_watch", "watchlists"]
