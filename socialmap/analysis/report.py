"""The network coach's report: one self-contained HTML file for the steering group.

:func:`render_report` turns an :func:`~socialmap.analysis.analyse` result into
a complete HTML document with inline CSS and inline SVG — no script, no
external file, no web font — so it opens offline from an e-mail.  Every
data string is escaped.  :func:`sections` returns the same content as a list
of ``(anchor, heading, html)`` so the web app's coach page shows exactly what
the report shows, with links to offers and organisations.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import networkx as nx

from ..i18n import day, gettext
from ..vocab import LANGUAGES
from .common import bare_id, group_label, name_of, organisation_of
from .figures import choropleth, coverage_heatmap
from .outcomes import TEXT as OUTCOME_TEXT
from .outcomes import outcome_html
from .text import say

__all__ = ["render_report", "sections", "CSS", "Linker", "REPORT_LIMIT"]

#: A function giving the URL of an offer or organisation (``kind``, ``id``), or None.
Linker = Callable[[str, str], str | None]
#: Rows shown per list; the rest is counted ("… and 12 more").
REPORT_LIMIT = 200

CSS = """
.sm-analysis{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;
  line-height:1.45}
.sm-analysis h2{border-bottom:2px solid #08519c;padding-bottom:.2em;margin-top:2em}
.sm-analysis table{border-collapse:collapse;margin:.5em 0}
.sm-analysis th,.sm-analysis td{padding:.2em .45em;text-align:left;vertical-align:top}
.sm-analysis table.list tr:nth-child(even){background:#f3f6fa}
.sm-analysis .scroll{overflow-x:auto;max-width:100%}
.sm-analysis table.heat{font-size:11px}
.sm-analysis table.heat td{width:1.6em;text-align:center;padding:.1em;border:1px solid #fff}
.sm-analysis table.heat th.group{text-align:left;vertical-align:bottom;border-left:2px solid #fff;
  writing-mode:vertical-rl;transform:rotate(180deg);height:11em;white-space:normal;
  font-weight:600}
.sm-analysis table.heat th.rung{text-align:center;font-weight:normal;color:#555}
.sm-analysis table.heat th.place{white-space:nowrap;font-weight:normal}
.sm-analysis table.heat caption{text-align:left;font-size:13px;padding:.3em 0}
.sm-analysis .h0{background:#d73027;color:#fff;font-weight:bold}
.sm-analysis .h1{background:#fc8d59}.sm-analysis .h2{background:#fee08b}
.sm-analysis .h3{background:#d9ef8b}.sm-analysis .h4{background:#91cf60}
.sm-analysis .key{display:inline-block;width:1.1em;height:1.1em;border:1px solid #999;
  vertical-align:middle;margin:0 .2em 0 .6em}
.sm-analysis .maps{display:flex;flex-wrap:wrap;gap:.8em}
.sm-analysis figure{margin:0;width:230px}
.sm-analysis figure svg{width:230px;height:auto;border:1px solid #ddd;background:#fafafa}
.sm-analysis figcaption{font-size:13px}
.sm-analysis svg.defs{position:absolute;width:0;height:0;overflow:hidden}
.sm-analysis .count{font-size:2em;font-weight:bold;display:block}
.sm-analysis .cards{display:flex;flex-wrap:wrap;gap:.6em}
.sm-analysis .card{border:1px solid #ccd;border-radius:.4em;padding:.5em .8em;min-width:9em}
.sm-analysis .card a{text-decoration:none;color:inherit}
.sm-analysis .dup{border-left:4px solid #08519c;padding:.2em .8em;margin:.8em 0}
.sm-analysis small{color:#555}
@media print{.sm-analysis .scroll{overflow:visible}.sm-analysis h2{break-after:avoid}}
"""


def _no_links(kind: str, id: str) -> str | None:
    return None


def _a(G: nx.MultiDiGraph, kind: str, id: str, link: Linker) -> str:
    """A record's name, linked when ``link`` gives a URL; its id as the tooltip."""
    name = escape(name_of(G, f"{kind}:{id}"))
    url = link(kind, id)
    title = escape(id)
    if url:
        return f'<a href="{escape(url)}" title="{title}">{name}</a>'
    return f'<span title="{title}">{name}</span>'


def _place(G: nx.MultiDiGraph, nid: str) -> str:
    return escape(name_of(G, f"neighbourhood:{nid}"))


def _more(items: list[Any], lang: str) -> tuple[list[Any], str]:
    if len(items) <= REPORT_LIMIT:
        return items, ""
    return items[:REPORT_LIMIT], f"<p>{escape(say('more', lang, n=len(items) - REPORT_LIMIT))}</p>"


def _table(headers: list[str], rows: list[list[str]], lang: str) -> str:
    if not rows:
        return f"<p>{escape(say('none', lang))}</p>"
    shown, more = _more(rows, lang)
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in shown)
    return (
        f'<div class="scroll"><table class="list"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>{more}"
    )


def _breaks(G: nx.MultiDiGraph, breaks: list[dict[str, Any]] | None, lang: str) -> str:
    if not breaks:
        return "—"
    items = [
        f"{escape(group_label(G, b['target_group'], lang))} · {_place(G, b['neighbourhood'])}"
        f" ({escape(say('rung_to', lang, a=b['highest_rung'], b=b['without']))})"
        for b in breaks[:20]
    ]
    extra = f"<li>{escape(say('more', lang, n=len(breaks) - 20))}</li>" if len(breaks) > 20 else ""
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + extra + "</ul>"


#: The summary cards: result key -> (text key of the title, anchor of its section).
_CARDS = {
    "gaps": ("gaps", "coverage"),
    "broken_chains": ("chains", "chains"),
    "duplicates": ("duplicates", "duplicates"),
    "isolated_organisations": ("isolated", "weak-links"),
    "single_points_of_failure": ("spof", "weak-links"),
    "stale": ("stale", "weak-links"),
    "funding_cliffs": ("cliffs", "cliffs"),
}


def _summary(result: dict[str, Any], lang: str) -> str:
    cards = "".join(
        f'<div class="card"><a href="#{anchor}"><span class="count">{len(result.get(k) or [])}'
        f"</span>{escape(say(title, lang))}</a></div>"
        for k, (title, anchor) in _CARDS.items()
    )
    return (
        f'<div class="cards">{cards}</div><p><small>{escape(say("typical_clients", lang))}'
        "</small></p>"
    )


def _chains(G: nx.MultiDiGraph, result: dict[str, Any], lang: str, link: Linker) -> str:
    rows = [
        [
            escape(group_label(G, c["target_group"], lang)),
            _place(G, c["neighbourhood"]),
            str(c["highest_rung"]),
            " → ".join(_a(G, "offer", o, link) for o in c.get("path", [])) or "—",
            escape(c.get("missing", ""))
            + "".join(
                "<br>"
                + escape(say("near_miss", lang, name="\x00", why=n["why"])).replace(
                    "\x00", _a(G, "offer", n["offer"], link)
                )
                for n in c.get("near_misses", [])[:3]
            ),
        ]
        for c in result.get("broken_chains", [])
    ]
    return f"<p>{escape(say('chains_intro', lang))}</p>" + _table(
        [
            say("target_group", lang),
            say("neighbourhood", lang),
            say("highest_rung", lang),
            say("best_path", lang),
            say("what_is_missing", lang),
        ],
        rows,
        lang,
    )


def _duplicates(G: nx.MultiDiGraph, result: dict[str, Any], lang: str, link: Linker) -> str:
    groups, more = _more(result.get("duplicates", []), lang)
    if not groups:
        return f"<p>{escape(say('none', lang))}</p>"
    parts = [f"<p>{escape(say('duplicates_intro', lang))}</p>"]
    for d in groups:
        offers = "".join(
            f"<li>{_a(G, 'offer', o, link)} — "
            f"{_a(G, 'organisation', bare_id(organisation_of(G, f'offer:{o}') or ''), link)}"
            "</li>"
            for o in d["offers"]
        )
        reasons = "; ".join(escape(r) for r in d["reasons"])
        parts.append(
            f'<div class="dup"><strong>{escape(say("score", lang))} {d["score"]:.2f}'
            f"</strong><ul>{offers}</ul><small>{reasons}</small></div>"
        )
    return "".join(parts) + more


def _weak_links(G: nx.MultiDiGraph, result: dict[str, Any], lang: str, link: Linker) -> str:
    org, offer = say("organisation", lang), say("offer", lang)
    isolated = [[_a(G, "organisation", o, link)] for o in result.get("isolated_organisations", [])]
    brokers = [
        [
            _a(G, "organisation", b["organisation"], link),
            str(b["cuts_off"]),
            f"{b['betweenness']:.3f}",
        ]
        for b in result.get("brokers", [])
    ]
    spof = [
        [_a(G, "organisation", s["organisation"], link), _breaks(G, s["breaks"], lang)]
        for s in result.get("single_points_of_failure", [])
    ]
    nobody = [[_a(G, "offer", o, link)] for o in result.get("offers_nobody_refers_to", [])]
    stale = []
    for s in result.get("stale", []):
        if s["kind"] == "referral_link":
            ends = [node.split(":", 1) for node in (s["from"], s["to"])]
            what = " → ".join(_a(G, kind, rid, link) for kind, rid in ends)
            kind = say("referral_link", lang)
        else:
            what, kind = _a(G, s["kind"], s["id"], link), say(s["kind"], lang)
        stale.append([escape(kind), what, escape(s.get("last_verified") or say("never", lang))])
    return "".join(
        [
            f"<h3>{escape(say('isolated', lang))}</h3>",
            _table([org], isolated, lang),
            f"<h3>{escape(say('brokers', lang))}</h3>",
            _table([org, say("cuts_off", lang), say("betweenness", lang)], brokers, lang),
            f"<h3>{escape(say('spof', lang))}</h3>",
            _table([org, say("breaks", lang)], spof, lang),
            f"<details><summary>{escape(say('nobody', lang))} ({len(nobody)})</summary>",
            _table([offer], nobody, lang),
            "</details>",
            f"<details><summary>{escape(say('stale', lang))} ({len(stale)})</summary>",
            _table([say("kind", lang), "", say("last_verified", lang)], stale, lang),
            "</details>",
        ]
    )


def _cliffs(G: nx.MultiDiGraph, result: dict[str, Any], lang: str, link: Linker) -> str:
    rows = [
        [
            _a(G, "offer", c["offer"], link),
            _a(G, "organisation", str(c["organisation"]), link),
            escape(day(c["valid_until"], lang)),
            _breaks(G, c.get("breaks"), lang)
            if c.get("breaks") or not c.get("on_best_paths")
            else escape(say("cliff_detour", lang, n=len(c["on_best_paths"]))),
        ]
        for c in result.get("funding_cliffs", [])
    ]
    parts = [
        _table(
            [
                say("offer", lang),
                say("organisation", lang),
                say("valid_until", lang),
                say("breaks", lang),
            ],
            rows,
            lang,
        )
    ]
    for when in result.get("funding_cliff_dates", []):
        if when["breaks"]:
            heading = say("after_date", lang, date=day(when["date"], lang), n=len(when["offers"]))
            parts.append(f"<h3>{escape(heading)}</h3>{_breaks(G, when['breaks'], lang)}")
    return "".join(parts)


def _accessibility(G: nx.MultiDiGraph, result: dict[str, Any], lang: str) -> str:
    access = {
        "scores": result.get("accessibility", []),
        "neighbourhoods_without_population": result.get("neighbourhoods_without_population", []),
        "parameters": result.get("accessibility_parameters", {}),
    }
    missing = ", ".join(_place(G, n) for n in access["neighbourhoods_without_population"])
    empty = ", ".join(_place(G, n) for n in result.get("neighbourhoods_without_offers", []))
    return (
        choropleth(G, access, lang=lang)
        + (
            f"<p><strong>{escape(say('no_population', lang))}:</strong> {missing}</p>"
            if missing
            else ""
        )
        + (
            f"<p><strong>{escape(say('no_local_offer', lang))}:</strong> {empty}</p>"
            if empty
            else ""
        )
    )


def sections(
    G: nx.MultiDiGraph, result: dict[str, Any], *, lang: str = "en", link: Linker = _no_links
) -> list[tuple[str, str, str]]:
    """The report's sections as ``(anchor, heading, html)``, in reading order."""
    if lang not in LANGUAGES:
        raise ValueError(f"Expected lang among {LANGUAGES}, instead got: {lang!r}.")
    km = result.get("accessibility_parameters", {}).get("catchment_km", {})
    return [
        ("summary", say("summary", lang), _summary(result, lang)),
        (
            "coverage",
            say("coverage", lang),
            coverage_heatmap(G, result.get("coverage", []), lang=lang, km=km),
        ),
        ("chains", say("chains", lang), _chains(G, result, lang, link)),
        ("duplicates", say("duplicates", lang), _duplicates(G, result, lang, link)),
        ("weak-links", say("weak_links", lang), _weak_links(G, result, lang, link)),
        ("cliffs", say("cliffs", lang), _cliffs(G, result, lang, link)),
        ("accessibility", say("accessibility", lang), _accessibility(G, result, lang)),
        *_outcomes(G, result, lang),
    ]


def _outcomes(G: nx.MultiDiGraph, result: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """The outcome section, when the result carries outcomes (``report`` and ``/coach/``)."""
    if "outcomes" not in result:
        return []
    offers = {
        bare_id(n): str(d.get("name")) for n, d in G.nodes(data=True) if d.get("kind") == "offer"
    }
    groups = {
        g: group_label(G, g, lang)
        for tables in result["outcomes"].values()
        for row in tables.get("target_group", [])
        if (g := row["target_group"]) != "-"
    }
    heading = gettext(OUTCOME_TEXT["outcomes"], lang)
    return [("outcomes", heading, outcome_html(result["outcomes"], lang, offers, groups))]


def render_report(
    G: nx.MultiDiGraph, result: dict[str, Any], *, lang: str = "en", title: str | None = None
) -> str:
    """The whole report as one self-contained HTML document.

    Examples
    --------
    >>> import sys, datetime as dt; sys.path.insert(0, "tests")
    >>> from builders import tiny_graph
    >>> from socialmap.analysis import analyse
    >>> G = tiny_graph()
    >>> html = render_report(G, analyse(G, today=dt.date(2026, 11, 21)), lang="nl")
    >>> html.startswith("<!DOCTYPE html>"), "<script" in html, "Netwerkanalyse" in html
    (True, False, True)
    """
    heading = title or say("title", lang)
    body = "".join(
        f'<section id="{anchor}"><h2>{escape(h)}</h2>{html}</section>'
        for anchor, h, html in sections(G, result, lang=lang)
    )
    regions = sorted(
        {str(d.get("region")) for _, d in G.nodes(data=True) if d.get("kind") == "neighbourhood"}
    )
    subtitle = (
        f"{', '.join(regions)} — {say('as_of', lang, date=day(result.get('today', ''), lang))}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(heading)}</title><style>{CSS}"
        "body{margin:1.5em auto;max-width:75em;padding:0 1em}</style></head>"
        f'<body class="sm-analysis"><header><h1>{escape(heading)}</h1>'
        f"<p>{escape(subtitle)}</p></header><main>{body}</main></body></html>\n"
    )
