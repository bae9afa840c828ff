"""The dashboard's two languages: Indonesian by default, English on request.

Every string a page shows is written in English in the templates and in `pages.py` as
`_("...")`, and the one catalogue `i18n/id.tsv` gives its Indonesian. The language is taken from
`?lang=`, then the `jejak_lang` cookie the switch sets, then Indonesian. A string missing from the
catalogue shows in English (the test suite checks that none is missing).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

LANGS: tuple[str, ...] = ("id", "en")
DEFAULT = "id"
COOKIE = "jejak_lang"
CATALOGUE = Path(__file__).resolve().parent / "i18n" / "id.tsv"
NAMES = {"id": "Bahasa Indonesia", "en": "English"}


@lru_cache(maxsize=1)
def catalogue() -> dict[str, str]:
    """English → Indonesian, one pair per line, tab-separated; `#` starts a comment line."""
    out: dict[str, str] = {}
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, _, indonesian = line.partition("\t")
        if indonesian:
            out[english] = indonesian
    return out


def translate(text: str, lang: str, **values: Any) -> str:
    """`text` in `lang`, with `{name}` fields filled from `values`."""
    shown = catalogue().get(text, text) if lang == "id" else text
    return shown.format(**values) if values else shown


def choose(query_lang: str | None, cookie_lang: str | None) -> str:
    """The page's language: asked for in the URL, else remembered, else Indonesian."""
    for lang in (query_lang, cookie_lang):
        if lang in LANGS:
            return lang
    return DEFAULT


#: Strings that reach `_()` through a variable (a rule's kind, a quote's kind, a facet's title, a
#: noun given to `plural`): listed so that the catalogue check covers them too.
DYNAMIC: tuple[str, ...] = (
    "direct", "indirect", "negated", "intent", "copy", "same-story", "background", "sibling", "original", "report", "member",
    "mentions", "quotes", "events", "alerts", "outlet", "type", "entity", "speaker", "text", "event", "distortion",
    "article", "quote", "mention", "story", "Event types", "Outlets", "Months", "Entity types", "Speaker types",
    "mentions of an entity", "quotes by a speaker", "a phrase", "events of a PLOVER type",
    "copies that change their original", "name", "pronoun", "description", "continuation", "role", "unresolved",
)


def strings_in_use() -> set[str]:
    """Every catalogue string the dashboard asks for: `_("...")` in the templates (read with
    Jinja's own parser), `t(request, "...")` and `title` strings of `_error` in the page modules,
    the `WatchError` messages the watchlist form may show, and DYNAMIC."""
    import ast

    import jinja2
    from jinja2 import nodes

    found = set(DYNAMIC)
    here = Path(__file__).resolve().parent
    env = jinja2.Environment()
    for path in (here / "templates").glob("*.html"):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name == "_" and call.args \
                    and isinstance(call.args[0], nodes.Const) and isinstance(call.args[0].value, str):
                found.add(call.args[0].value)
    watch = here.parent / "watch"
    for path in (here / "pages.py", here / "monitor_pages.py", watch / "rules.py", watch / "lists.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            index = {"t": 1, "_error": 2, "WatchError": 0}.get(node.func.id)
            if index is not None and len(node.args) > index and isinstance(node.args[index], ast.Constant) \
                    and isinstance(node.args[index].value, str):
                found.add(node.args[index].value)
    found.add("Not found")
    return found
