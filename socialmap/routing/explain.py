"""Why each step fits, in plain words, and the printable route sheet.

:func:`explain_path` turns a path found by :mod:`~socialmap.routing.search`
into :class:`~socialmap.routing.result.Step` objects whose reasons say which
target group matched, which language, how far, which cooperation link makes
the handover warm, and which earlier step (or ``known_to``) provides a
required referral.  A rule the profile could not check (no gender, no age, …)
is said with "— check".  :func:`format_route` renders a result as the text a
social worker prints.  Texts come from :mod:`~socialmap.routing.messages`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from ..i18n import day, percent
from ..vocab import PAID_WORK_RUNG, REFERRAL_KINDS, RUNG_LABELS, label
from . import messages as m
from .cost import DEFAULT_WEIGHTS, MIN_OUTCOMES, Weights, warmth
from .eligibility import FUNDING_WARNING_DAYS, Context, Evaluation, Reason, passing_reasons
from .index import RoutingIndex
from .learned import step_share
from .result import Path, RouteResult, Step

__all__ = ["explain_path", "format_route", "FUNDING_WARNING_DAYS", "STALE_LINK_DAYS"]

#: A warm link confirmed longer ago than this is flagged "check it still works".
STALE_LINK_DAYS = 365


def _rung(r: int, lang: str) -> str:
    return label(RUNG_LABELS, r, lang)


def explain_path(
    ctx: Context,
    ev: Evaluation,
    local: np.ndarray,
    steps: tuple[int, ...],
    handovers: tuple[str, ...],
    online: np.ndarray,
    cost: float,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Path:
    """Build a :class:`Path` from evaluation positions ``local[steps]`` and their handovers."""
    ix = ctx.index
    outcomes = ix.outcomes if ctx.profile.use_outcomes else None
    result: list[Step] = []
    reached = ctx.profile.rung
    taken: list[int] = []  # offer indices of the steps so far
    for s, handover in zip(steps, handovers, strict=True):
        j = int(local[s])
        o = int(ev.offers[j])
        after = max(reached, int(ix.leads_to[o]))
        warm_via = _warm_link(ix, taken[-1], o) if handover == "warm" else None
        reasons = [_ladder(reached, after, ctx.lang)]
        if handover == "warm" and warm_via is not None:
            reasons.append(_warm_reason(ctx, warm_via))
        elif handover == "cold":
            reasons.append(_cold_reason(ctx, taken[-1], o))
        previous = ix.org_ids[ix.organisation[taken[-1]]] if taken else None
        share, seen = step_share(
            outcomes,
            previous,
            ix.offer_ids[o],
            handover,
            _warmth(ctx, warm_via, weights) if handover == "warm" else 0.0,
            weights,
        )
        if seen is not None:
            reasons.append(_outcome_reason(ctx, seen, previous if handover != "start" else None))
        reasons += _referral(ctx, o, taken)
        reasons += passing_reasons(ctx, ev, j, bool(online[s]))
        reasons += _extras(ctx, o)
        location = int(ev.location[j]) if not online[s] and ev.location[j] >= 0 else None
        distance = None if online[s] or np.isnan(ev.distance[j]) else float(ev.distance[j])
        result.append(
            Step(
                offer=ix.offer_ids[o],
                organisation=ix.org_ids[ix.organisation[o]],
                name=ix.name[o],
                organisation_name=ix.org_names[ix.organisation[o]],
                category=ix.category[o],
                accepts=tuple(r for r in range(1, 7) if int(ix.accepts[o]) >> r & 1),
                leads_to=int(ix.leads_to[o]),
                rung_before=reached,
                rung_after=after,
                handover=handover,
                distance_km=None if distance is None else round(distance, 2),
                online=bool(online[s]),
                location=None if location is None else ix.loc_ids[location],
                address=None if location is None else ix.loc_address[location],
                lat=None if location is None else float(ix.loc_lat[location]),
                lon=None if location is None else float(ix.loc_lon[location]),
                warm_via=None
                if warm_via is None
                else {
                    k: warm_via[k]
                    for k in ("from", "to", "kind", "since", "last_confirmed", "note")
                },
                reasons=tuple(reasons),
                start_share=share,
                outcomes=None if seen is None else {"started": seen[0], "referred": seen[1]},
            )
        )
        taken.append(o)
        reached = after
    return Path(cost=cost, reaches_rung=reached, steps=tuple(result))


def _warmth(ctx: Context, link: dict[str, Any] | None, weights: Weights) -> float:
    """How warm the link of a warm step still is (see :func:`~socialmap.routing.cost.warmth`)."""
    confirmed = link.get("last_confirmed") if link else None
    if not confirmed:
        return 1.0
    return float(warmth(np.array([_days_before(ctx, str(confirmed))]), weights)[0])


def _outcome_reason(ctx: Context, seen: tuple[int, int], previous: str | None) -> Reason:
    """ "8 of 11 clients referred here started" (a count below 5 is not shown)."""
    started, total = seen
    key = "outcome" if started >= MIN_OUTCOMES or started == 0 else "outcome-few"
    params: dict[str, Any] = {"started": started, "total": total}
    if previous is not None:
        key += "-from"
        params["org"] = ctx.index.org_names[ctx.index.org_position[previous]]
    return Reason("outcome", m.text(key, ctx.lang, **params))


def _ladder(before: int, after: int, lang: str) -> Reason:
    if after == before:
        return Reason(
            "ladder", m.text("ladder-same", lang, frm=before, frm_label=_rung(before, lang))
        )
    return Reason(
        "ladder",
        m.text(
            "ladder",
            lang,
            frm=before,
            frm_label=_rung(before, lang),
            to=after,
            to_label=_rung(after, lang),
        ),
    )


def _warm_link(ix: RoutingIndex, prev: int, o: int) -> dict[str, Any] | None:
    """The ``refers-to`` link from the previous step to this one confirmed last (offer first)."""
    sources = (f"offer:{ix.offer_ids[prev]}", f"organisation:{ix.org_ids[ix.organisation[prev]]}")
    targets = (f"offer:{ix.offer_ids[o]}", f"organisation:{ix.org_ids[ix.organisation[o]]}")
    found = [link for src in sources for dst in targets if (link := ix.links.get((src, dst)))]
    if not found:
        return None
    newest = max(found, key=lambda link: str(link.get("last_confirmed") or "9999"))
    return dict(newest)


def _node_name(ix: RoutingIndex, node: str) -> str:
    kind, _, rid = node.partition(":")
    if kind == "offer":
        return ix.name[ix.position[rid]]
    return ix.org_names[ix.org_position[rid]]


def _warm_reason(ctx: Context, link: dict[str, Any]) -> Reason:
    ix, lang = ctx.index, ctx.lang
    kind = label(REFERRAL_KINDS, str(link.get("kind") or ""), lang)
    if link.get("note"):
        kind = f"{kind}: {link['note']}"
    params = {"src": _node_name(ix, link["from"]), "dst": _node_name(ix, link["to"]), "kind": kind}
    confirmed = link.get("last_confirmed")
    if confirmed and _days_before(ctx, str(confirmed)) > STALE_LINK_DAYS:
        return Reason("warm", m.text("warm-stale", lang, date=day(str(confirmed), lang), **params))
    return Reason("warm", m.text("warm", lang, **params))


def _cold_reason(ctx: Context, prev: int, o: int) -> Reason:
    """A cold handover: no link at all, or one that has gone quiet (see :mod:`.cost`)."""
    ix, lang = ctx.index, ctx.lang
    quiet = _warm_link(ix, prev, o)
    if quiet is not None:
        date = quiet.get("last_confirmed")
        when = day(str(date), lang)
        return Reason("cold", m.text("cold-quiet", lang, prev=ix.name[prev], date=when))
    return Reason("cold", m.text("cold", lang, prev=ix.name[prev]))


def _days_before(ctx: Context, iso: str) -> int:
    try:
        return ctx.date - dt.date.fromisoformat(iso).toordinal()
    except ValueError:
        return 0


def _referral(ctx: Context, o: int, taken: list[int]) -> list[Reason]:
    ix, lang = ctx.index, ctx.lang
    refs = ix.referrers[o]
    if not refs:
        return []
    orgs = m.listing(ix.org_names[r] for r in refs)
    for n, prev in enumerate(taken, start=1):
        if int(ix.organisation[prev]) in refs:
            org = ix.org_names[ix.organisation[prev]]
            return [Reason("referral", m.text("referral-step", lang, orgs=orgs, step=n, org=org))]
    known = sorted(r for r in refs if r in ctx.known_to)
    org = ix.org_names[known[0]] if known else orgs
    return [Reason("referral", m.text("referral-known", lang, orgs=orgs, org=org))]


def _extras(ctx: Context, o: int) -> list[Reason]:
    """What a step offers beyond the rules: childcare when needed, the waiting time."""
    ix, p, lang = ctx.index, ctx.profile, ctx.lang
    reasons = []
    if "childcare" in p.needs:
        key = "childcare-yes" if ix.childcare[o] else "childcare-no"
        reasons.append(Reason("childcare", m.text(key, lang)))
    if not np.isnan(ix.wait_weeks[o]) and ix.wait_weeks[o] > 0:
        weeks = float(ix.wait_weeks[o])
        key = "wait-one" if weeks == 1 else "wait"
        reasons.append(Reason("wait", m.text(key, lang, weeks=m.number(weeks, lang))))
    return reasons


# --- the route sheet -------------------------------------------------------------------------

#: The route sheet lists at most this many excluded offers (``--json`` lists all).
SHEET_EXCLUDED = 15


def format_route(result: RouteResult) -> str:
    """The readable answer: numbered steps per path, with where, how far, handover and why."""
    lang = result.lang
    lines = [
        m.text(
            "sheet-client",
            lang,
            rung=result.rung,
            label=_rung(result.rung, lang),
            goal=result.goal_rung,
            goal_label=_rung(result.goal_rung, lang),
        )
    ]
    if result.home is not None:
        lines.append(m.text("sheet-home", lang, home=result.home.label))
    if not result.paths:
        lines += ["", m.text("sheet-no-path", lang, rung=result.rung)]
    elif not result.reached_goal:
        best = result.paths[0].reaches_rung
        banned = result.work_ban == "absolute" and result.goal_rung >= PAID_WORK_RUNG > best
        key = "sheet-work-ban" if banned else "sheet-no-goal"
        lines += ["", m.text(key, lang, goal=result.goal_rung, best=best)]
    for n, path in enumerate(result.paths, start=1):
        lines += [
            "",
            m.text(
                "sheet-path",
                lang,
                n=n,
                rung=path.reaches_rung,
                label=_rung(path.reaches_rung, lang),
                steps=len(path.steps),
                warm=sum(step.handover == "warm" for step in path.steps),
                km=m.km(sum(step.distance_km or 0.0 for step in path.steps), lang),
            ),
        ]
        lines.append(m.text("sheet-chance", lang, percent=percent(path.chance, lang)))
        for i, step in enumerate(path.steps, start=1):
            lines.append(f"  {i}. {step.name} — {step.organisation_name}")
            lines.append(f"     {_where(step, lang)}")
            lines += [f"     - {r.text}" for r in step.reasons]
    excluded = result.excluded
    if excluded:
        lines += ["", m.text("sheet-excluded", lang, count=len(excluded))]
        for e in excluded[:SHEET_EXCLUDED]:
            lines.append(f"  - {e.name} ({e.offer}): {'; '.join(r.text for r in e.why)}")
        if len(excluded) > SHEET_EXCLUDED:
            lines.append("  " + m.text("sheet-more", lang, count=len(excluded) - SHEET_EXCLUDED))
    return "\n".join(lines)


def _where(step: Step, lang: str) -> str:
    handover = {
        "start": m.text("start", lang),
        "warm": m.text("handover-warm", lang),
        "cold": m.text("handover-cold", lang),
    }[step.handover]
    if step.online:
        return f"{m.text('online', lang)} · {handover}"
    place = step.address
    if place is None and step.lat is not None and step.lon is not None:
        place = f"{step.lat:.4f}, {step.lon:.4f}"
    parts = [place or m.text("unknown", lang)]
    if step.distance_km is not None:
        parts.append(f"{m.km(step.distance_km, lang)} km")
    parts.append(handover)
    return " · ".join(parts)
