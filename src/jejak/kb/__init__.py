"""The actor knowledge base: shipped TSV data, a loader users can extend, a fast name matcher."""

from .loader import (
    Holding,
    KBEntity,
    KBFormatError,
    KnowledgeBase,
    Office,
    default_kb,
    load_kb,
)
from .matcher import AliasHit, AliasMatcher, default_matcher

__all__ = [
    "AliasHit",
    "AliasMatcher",
    "Holding",
    "KBEntity",
    "KBFormatError",
    "KnowledgeBase",
    "Office",
    "default_kb",
    "default_matcher",
    "load_kb",
]
