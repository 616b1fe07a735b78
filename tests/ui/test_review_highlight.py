"""The review pane highlights the words the matcher aligned, read from the hit's stored details."""

from __future__ import annotations

from workbench.cases.screening import screen_suppliers
from workbench.cases.suppliers import create_supplier
from workbench.data.store import Store
from workbench.screening import build_screener
from workbench.ui.models.hits import load_hits
from workbench.ui.views.review import review_html


def test_highlighted_words_come_from_the_stored_token_pairs_not_from_sentences(store: Store) -> None:
    with store.transaction() as session:
        create_supplier(session, {"legal_name": "\u041d\u0435tian Taida Apparel Co., Ltd."})
    with store.transaction() as session:
        screen_suppliers(session, build_screener(session))
    with store.session() as session:
        [hit] = [h for h in load_hits(session) if "Taida" in h.entity_name]
    assert {"query": "taida", "listed": "taida", "how": "exact", "sim": 1.0} in hit.details["pairs"]
    assert hit.details["mixed_scripts"] == ["Cyrillic"]
    query, listed = hit.agreeing_tokens()
    assert "taida" in query and "taida" in listed
    html = review_html(hit)
    assert html.count("background-color") >= 2  # the listed name and the matched name show 'Taida' marked
    assert "mixed scripts" in html and "Spoofing warning" in html
    # Sentences are not read back: a hit whose details are gone highlights no aligned words.
    bare = type(hit)(**{**vars(hit), "details": {}})
    assert bare.agreeing_tokens() == ([], [])
