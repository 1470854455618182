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

from ..vocab import REFERRAL_KINDS, RESIDENCE_STATUSES, RUNG_LABELS, WORK_BANS, label
from . import messages as m
from .eligibility import Context, Evaluation, Reason, age_range, date_text, group_labels
from .index import RoutingIndex
from .result import Path, RouteResult, Step

__all__ = ["explain_path", "format_route", "FUNDING_WARNING_DAYS", "STALE_LINK_DAYS"]

#: A step whose funding ends within this many days says so.
FUNDING_WARNING_DAYS = 183
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
) -> Path:
    """Build a :class:`Path` from evaluation positions ``local[steps]`` and their handovers."""
    ix = ctx.index
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
            prev = ix.name[taken[-1]]
            reasons.append(Reason("cold", m.text("cold", ctx.lang, prev=prev)))
        reasons += _referral(ctx, o, taken)
        reasons += _fits(ctx, ev, j, bool(online[s]))
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
            )
        )
        taken.append(o)
        reached = after
    return Path(cost=cost, reaches_rung=reached, steps=tuple(result))


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
    """The most specific ``refers-to`` link from the previous step to this one."""
    sources = (f"offer:{ix.offer_ids[prev]}", f"organisation:{ix.org_ids[ix.organisation[prev]]}")
    targets = (f"offer:{ix.offer_ids[o]}", f"organisation:{ix.org_ids[ix.organisation[o]]}")
    for src in sources:
        for dst in targets:
            link = ix.links.get((src, dst))
            if link is not None:
                return dict(link)
    return None


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
        return Reason("warm", m.text("warm-stale", lang, date=confirmed, **params))
    return Reason("warm", m.text("warm", lang, **params))


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


def _fits(ctx: Context, ev: Evaluation, j: int, online: bool) -> list[Reason]:
    """Reasons from the client rules: group, language, distance, and the restricted fields."""
    ix, p, lang = ctx.index, ctx.profile, ctx.lang
    o = int(ev.offers[j])
    reasons = [_group(ctx, o), _language(ctx, o)]
    if online:
        reasons.append(Reason("distance", m.text("online-step", lang)))
    elif ctx.home is None:
        reasons.append(Reason("distance", m.text("no-home", lang)))
    else:
        reasons.append(
            Reason("distance", m.text("distance-km", lang, km=m.km(float(ev.distance[j]), lang)))
        )
    genders = ix.genders.values(o)
    if genders:
        key = "gender-check" if p.gender is None else "gender-ok"
        reasons.append(Reason("gender", m.text(key, lang, who=m.who(genders, lang))))
    if not (np.isnan(ix.age_min[o]) and np.isnan(ix.age_max[o])):
        key = "age-check" if p.age is None else "age-ok"
        reasons.append(Reason("age", m.text(key, lang, range=age_range(o, ix, lang), age=p.age)))
    statuses = ix.residence_statuses.values(o)
    if statuses:
        allowed = m.listing(label(RESIDENCE_STATUSES, s, lang) for s in statuses)
        key = "residence-check" if p.residence_status is None else "residence-ok"
        reasons.append(Reason("residence-status", m.text(key, lang, allowed=allowed)))
    bans = ix.excludes_work_ban.values(o)
    if bans:
        if p.work_ban is None:
            ban = m.listing(label(WORK_BANS, b, lang) for b in bans)
            reasons.append(Reason("work-ban", m.text("work-ban-check", lang, ban=ban)))
        elif p.work_ban != "none":
            reasons.append(
                Reason(
                    "work-ban", m.text("work-ban-ok", lang, ban=label(WORK_BANS, p.work_ban, lang))
                )
            )
    reasons += _neighbourhood(ctx, o)
    reasons += _extras(ctx, o, online)
    return reasons


def _group(ctx: Context, o: int) -> Reason:
    ix, lang = ctx.index, ctx.lang
    groups = ix.target_groups.values(o)
    if not groups:
        return Reason("target-group", m.text("group-open", lang))
    if ctx.groups is None:
        return Reason(
            "target-group",
            m.text("group-check", lang, groups=group_labels(ctx, groups, ix.group_labels)),
        )
    matched = [g for g in groups if g in ctx.groups]
    client = [c for c in ctx.client_groups if ix.ancestors_or_self([c]) & set(matched)]
    return Reason(
        "target-group",
        m.text(
            "group-match",
            lang,
            groups=group_labels(ctx, matched, ix.group_labels),
            client=group_labels(ctx, client, ix.group_labels),
        ),
    )


def _language(ctx: Context, o: int) -> Reason:
    ix, p, lang = ctx.index, ctx.profile, ctx.lang
    offered = ix.languages.values(o)
    names = m.listing(m.language_name(c, lang) for c in offered)
    if p.languages is not None:
        shared = [c for c in offered if c in p.languages]
        if shared:
            return Reason(
                "language",
                m.text(
                    "language-match",
                    lang,
                    languages=m.listing(m.language_name(c, lang) for c in shared),
                ),
            )
        if ix.interpreter[o]:
            return Reason("language", m.text("language-interpreter", lang))
        if ix.language_course[o]:
            return Reason("language", m.text("language-course", lang))
    if not offered:
        return Reason("language", m.text("language-unstated", lang))
    return Reason("language", m.text("language-check", lang, languages=names))


def _neighbourhood(ctx: Context, o: int) -> list[Reason]:
    ix, lang, home = ctx.index, ctx.lang, ctx.home
    if not ix.restricted[o] or home is None:
        return []
    places = m.listing(ix.neighbourhood_name.get(n, n) for n in ix.neighbourhoods[o])
    if home.ambiguous:
        homes = m.listing(ix.neighbourhood_name.get(n, n) for n in home.neighbourhoods)
        return [
            Reason(
                "neighbourhood",
                m.text(
                    "neighbourhood-maybe", lang, places=places, postcode=home.postcode, homes=homes
                ),
            )
        ]
    return [Reason("neighbourhood", m.text("neighbourhood-ok", lang, places=places))]


def _extras(ctx: Context, o: int, online: bool) -> list[Reason]:
    ix, p, lang = ctx.index, ctx.profile, ctx.lang
    reasons = []
    if not np.isnan(ix.cost_eur[o]) and ix.cost_eur[o] > 0:
        reasons.append(Reason("cost", m.text("cost-ok", lang, cost=m.euro(ix.cost_eur[o], lang))))
    if "wheelchair" in p.needs and not online:
        reasons.append(Reason("wheelchair", m.text("wheelchair-ok", lang)))
    if "childcare" in p.needs:
        key = "childcare-yes" if ix.childcare[o] else "childcare-no"
        reasons.append(Reason("childcare", m.text(key, lang)))
    if not np.isnan(ix.wait_weeks[o]) and ix.wait_weeks[o] > 0:
        weeks = float(ix.wait_weeks[o])
        key = "wait-one" if weeks == 1 else "wait"
        reasons.append(Reason("wait", m.text(key, lang, weeks=m.number(weeks, lang))))
    if ix.valid_until[o] - ctx.date <= FUNDING_WARNING_DAYS:
        reasons.append(
            Reason("funding", m.text("funding-ends", lang, date=date_text(ix.valid_until[o])))
        )
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
        where = f"{result.home.lat:.4f}, {result.home.lon:.4f}"
        if result.home.postcode:
            where = f"{result.home.postcode} ({where})"
        lines.append(m.text("sheet-home", lang, home=where))
    if not result.paths:
        lines += ["", m.text("sheet-no-path", lang, rung=result.rung)]
    elif not result.reached_goal:
        lines += [
            "",
            m.text("sheet-no-goal", lang, goal=result.goal_rung, best=result.paths[0].reaches_rung),
        ]
    for n, path in enumerate(result.paths, start=1):
        lines += [
            "",
            m.text(
                "sheet-path",
                lang,
                n=n,
                rung=path.reaches_rung,
                label=_rung(path.reaches_rung, lang),
                cost=m.number(path.cost, lang) if lang != "en" else f"{path.cost:g}",
            ),
        ]
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
