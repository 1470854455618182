"""The hard rules of DESIGN.md: is an offer open to this client, and if not, why not?

:func:`evaluate` checks every rule on a whole array of offers at once (numpy
over the routing index) and keeps one boolean array per rule, so an excluded
offer carries *all* the rules it fails, not just the first.  The rule codes
(:data:`RULES`) are stable machine codes; :func:`exclusion_reasons` turns them
into sentences in de, nl or en.

:data:`RULE_TABLE` is the one place a rule is defined: per code its mask (which
offers fail), its failure text ("why not"), its pass text (why a step fits) and
the same rule as an SQL condition over a flat (offer, location) table (the
benchmark's one-hop peer reads it).  Adding a rule is one entry there.

The rules, in the order reasons are listed:

``no-rung``          no ladder rung known (a source that did not say): on the map, in no path
``unreachable``      no location with coordinates and not online
``not-started``      ``valid_from`` after the date
``funding-ended``    ``valid_until`` before the date
``target-group``     the offer names groups and none is the client's or above it
``age``              outside ``age_min``–``age_max``
``gender``           the offer names genders and not the client's
``residence-status`` the offer names statuses and not the client's
``work-ban``         the offer excludes the client's work ban
``paid-work``        leads to paid work (rung 5–6) and the client has an absolute work ban
``not-asked``        a category routed only on request (:data:`~.profile.ASKED_FOR`:
                     starting a business) that the profile's ``needs`` do not ask for
``neighbourhood``    residents only, and the home is in none of them
``language``         no shared language, no interpreter, not a language course
``cost``             the price above ``max_cost_eur``: the cheapest cost option valid on the
                     date, in EUR, open to the client's age — none usable: price unknown,
                     excluded; without options ``cost_eur`` (no cost stated = free)
``distance``         no location within ``max_distance_km`` (and not usable online)
``online-only``      only online, and the client cannot take part online
``wheelchair``       wheelchair needed: no accessible location within reach

A rule whose profile field is absent does not apply (see
:mod:`socialmap.routing.profile`).  A client with ``gender: female`` is in the
target group ``women`` whether or not the profile lists it (a social worker
writes "migrant, single parent", not "woman").  An offer that states no language passes
the language rule (the step's reasons then say "check").  A location's
``wheelchair`` must be ``true``; unknown counts as not accessible.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..costs import Price, usable_price
from ..errors import InvalidProfile, shown
from ..geo import EARTH_RADIUS_KM
from ..i18n import N_, day
from ..sql import Sql, marks, sql
from ..vocab import PAID_WORK_RUNG, RESIDENCE_STATUSES, STANDARD_TARGET_GROUPS, WORK_BANS, label
from . import messages as m
from .cost import funding_at_risk
from .home import ResolvedHome, resolve_home
from .index import RoutingIndex, segments
from .profile import ASKED_FOR, Profile

__all__ = [
    "RULE_TABLE",
    "RULES",
    "Rule",
    "Reason",
    "Context",
    "Evaluation",
    "make_context",
    "evaluate",
    "exclusion_reasons",
    "passing_reasons",
    "unstated_rules",
    "undecided_fields",
    "sql_conditions",
    "haversine_many",
]

#: The target group every woman belongs to.
WOMEN = "women"


@dataclass(frozen=True)
class Reason:
    """One reason in plain words: a machine ``code`` and the ``text`` a person reads."""

    code: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Context:
    """A profile placed on one graph: everything the rules need, resolved once per query."""

    profile: Profile
    index: RoutingIndex
    home: ResolvedHome | None
    groups: frozenset[str] | None  # the client's groups and every group above them
    client_groups: tuple[str, ...]  # the groups the client is in (given or implied)
    date: int  # ordinal
    known_to: frozenset[int]  # organisation indices
    lang: str

    @property
    def limit_km(self) -> float:
        """``max_distance_km``, or infinity."""
        return self.profile.max_distance_km or float("inf")


@dataclass
class Evaluation:
    """The rules evaluated on ``offers`` (sorted offer indices); arrays align with it."""

    offers: np.ndarray
    fails: dict[str, np.ndarray]
    distance: np.ndarray  # km to the nearest usable location; NaN: none, or no home
    location: np.ndarray  # that location's index, -1 when none
    distance_any: np.ndarray  # km to the nearest location, accessible or not
    has_usable: np.ndarray  # has a usable location (wheelchair-accessible when needed)
    in_person: np.ndarray  # a usable location is within reach
    online: np.ndarray  # can be taken online (online offer and online_ok)

    @property
    def eligible(self) -> np.ndarray:
        """Offers that fail no rule."""
        failed = np.zeros(len(self.offers), dtype=bool)
        for mask in self.fails.values():
            failed |= mask
        return ~failed

    def failed_rules(self, j: int) -> list[str]:
        """The codes of the rules offer ``self.offers[j]`` fails, in :data:`RULES` order."""
        return [rule for rule in RULES if self.fails[rule][j]]

    def failed_rules_of(self, rows: np.ndarray) -> list[list[str]]:
        """:meth:`failed_rules` of many offers at once."""
        matrix = np.column_stack([self.fails[rule][rows] for rule in RULES]).tolist()
        return [[rule for rule, failed in zip(RULES, row, strict=True) if failed] for row in matrix]


def make_context(index: RoutingIndex, profile: Profile, lang: str | None = None) -> Context:
    """Check the profile's ids against the graph and place its home.

    Raises
    ------
    InvalidProfile
        For a target group or organisation the graph does not know, or an
        unknown home postcode or neighbourhood.
    """
    groups = None
    client_groups: tuple[str, ...] = ()
    if profile.target_groups is not None:
        known = set(index.group_parent) | {str(g["id"]) for g in STANDARD_TARGET_GROUPS}
        for group in profile.target_groups:
            if group not in known:
                raise InvalidProfile(
                    "target_groups",
                    N_("unknown target group {value} (expected one of: {values})"),
                    value=shown(group),
                    values=", ".join(sorted(known)),
                )
        client_groups = profile.target_groups
        if profile.gender == "female" and WOMEN not in client_groups:
            client_groups = (*client_groups, WOMEN)
        groups = frozenset(index.ancestors_or_self(client_groups))
    known_to = set()
    for org in profile.known_to:
        if org not in index.org_position:
            raise InvalidProfile("known_to", N_("unknown organisation {value}"), value=shown(org))
        known_to.add(index.org_position[org])
    home = resolve_home(index, profile.home) if profile.home is not None else None
    return Context(
        profile=profile,
        index=index,
        home=home,
        groups=groups,
        client_groups=client_groups,
        date=profile.on.toordinal(),
        known_to=frozenset(known_to),
        lang=lang or profile.lang or m.DEFAULT_LANG,
    )


def haversine_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances in km from one point to many (vectorised ``geo.haversine_km``).

    >>> haversine_many(52.0786, 4.3130, np.array([51.5713]), np.array([6.9827])).round(1)
    array([191.9])
    """
    p1, p2 = np.radians(lat), np.radians(lats)
    dp, dl = p2 - p1, np.radians(lons - lon)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def _nearest(
    ctx: Context, offers: np.ndarray, wheelchair_only: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per offer: has a (wheelchair) location, its distance (NaN without home), its index."""
    ix = ctx.index
    flat, owner = segments(ix.offer_loc_ptr, offers)
    locs = ix.offer_loc[flat]
    if wheelchair_only:
        keep = ix.loc_wheelchair[locs]
        owner, locs = owner[keep], locs[keep]
    has = np.zeros(len(offers), dtype=bool)
    has[owner] = True
    distance = np.full(len(offers), np.nan)
    location = np.full(len(offers), -1, dtype=np.int64)
    if not len(locs):
        return has, distance, location
    if ctx.home is None:
        d = np.zeros(len(locs))
    else:
        d = haversine_many(ctx.home.lat, ctx.home.lon, ix.loc_lat[locs], ix.loc_lon[locs])
    # ``owner`` is sorted and each offer's locations come in index order: the first
    # minimum of each segment is the nearest location, ties going to the lower index.
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    nearest = np.minimum.reduceat(d, starts)
    at_min = np.flatnonzero(d == np.repeat(nearest, np.diff(np.r_[starts, len(d)])))
    first = at_min[np.r_[True, owner[at_min][1:] != owner[at_min][:-1]]]
    location[owner[first]] = locs[first]
    if ctx.home is not None:
        distance[owner[first]] = d[first]
    return has, distance, location


@dataclass(frozen=True)
class Reach:
    """Where each of ``offers`` can be taken: the input of the location rules' masks."""

    located: np.ndarray  # has a location with coordinates
    distance_any: np.ndarray  # km to the nearest location (NaN: none, or no home)
    location_any: np.ndarray
    has_usable: np.ndarray  # has a usable location (wheelchair-accessible when needed)
    distance: np.ndarray  # km to the nearest usable location
    location: np.ndarray  # its index, -1 when none
    in_person: np.ndarray  # a usable location is within reach
    online: np.ndarray  # an online offer
    usable_online: np.ndarray  # can be taken online (online offer and online_ok)

    @classmethod
    def of(cls, ctx: Context, offers: np.ndarray) -> Reach:
        located, dist_any, loc_any = _nearest(ctx, offers, wheelchair_only=False)
        if "wheelchair" in ctx.profile.needs:
            has_wc, dist_wc, loc_wc = _nearest(ctx, offers, wheelchair_only=True)
        else:
            has_wc, dist_wc, loc_wc = located, dist_any, loc_any
        online = ctx.index.online[offers]
        return cls(
            located=located,
            distance_any=dist_any,
            location_any=loc_any,
            has_usable=has_wc,
            distance=dist_wc,
            location=loc_wc,
            in_person=_within(ctx, has_wc, dist_wc),
            online=online,
            usable_online=online & ctx.profile.online_ok,
        )


def _within(ctx: Context, has: np.ndarray, dist: np.ndarray) -> np.ndarray:
    if ctx.home is None:
        return has
    return has & (np.nan_to_num(dist, nan=np.inf) <= ctx.limit_km)


def evaluate(ctx: Context, offers: np.ndarray) -> Evaluation:
    """Evaluate every rule of :data:`RULE_TABLE` on ``offers`` (sorted offer indices)."""
    offers = np.asarray(offers, dtype=np.int64)
    reach = Reach.of(ctx, offers)
    return Evaluation(
        offers=offers,
        fails={rule.code: rule.fails(ctx, offers, reach) for rule in RULE_TABLE},
        distance=reach.distance,
        location=reach.location,
        distance_any=reach.distance_any,
        has_usable=reach.has_usable,
        in_person=reach.in_person,
        online=reach.usable_online,
    )


# --- masks: which offers fail a rule ---------------------------------------------------------

_Mask = Callable[[Context, np.ndarray, Reach], np.ndarray]


def _never(offers: np.ndarray) -> np.ndarray:
    return np.zeros(len(offers), dtype=bool)


def _no_rung(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    # A known ladder accepts at least one rung; an offer imported without one accepts none.
    return ctx.index.accepts[offers] == 0


def _unreachable(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    return ~reach.located & ~reach.online


def _not_started(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    return ctx.index.valid_from[offers] > ctx.date


def _funding_ended(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    return ctx.index.valid_until[offers] < ctx.date


def _not_in_group(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    bits = ctx.index.target_groups
    if ctx.groups is None:
        return _never(offers)
    return ~bits.empty[offers] & ~bits.any_of(offers, ctx.groups)


def _outside_age(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    ix, age = ctx.index, ctx.profile.age
    if age is None:
        return _never(offers)
    return (ix.age_min[offers] > age) | (ix.age_max[offers] < age)


def _not_listed(field: str, value: Callable[[Profile], str | None]) -> _Mask:
    """Fails when the offer lists values of ``field`` and not the client's one."""

    def fails(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
        bits, client = getattr(ctx.index, field), value(ctx.profile)
        if client is None:
            return _never(offers)
        return ~bits.empty[offers] & ~bits.any_of(offers, [client])

    return fails


def _work_banned(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    ban = ctx.profile.work_ban
    if ban is None:
        return _never(offers)
    return ctx.index.excludes_work_ban.any_of(offers, [ban])


def _paid_work_banned(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    if ctx.profile.work_ban != "absolute":
        return _never(offers)
    return ctx.index.leads_to[offers] >= PAID_WORK_RUNG


def _unasked_categories(profile: Profile) -> list[str]:
    """The on-request categories this profile did not ask for."""
    return sorted(c for c, need in ASKED_FOR.items() if need not in profile.needs)


def _not_asked(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    unasked = _unasked_categories(ctx.profile)
    if not unasked:
        return _never(offers)
    return np.isin(ctx.index.category[offers], unasked)


def _outside_neighbourhood(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    ix = ctx.index
    restricted = ix.restricted[offers]
    if ctx.home is None or not restricted.any():
        return restricted
    home = np.zeros(len(ix.neighbourhood_ids), dtype=bool)
    home[[ix.neighbourhood_pos[n] for n in ctx.home.neighbourhoods]] = True
    flat, owner = segments(ix.offer_nb_ptr, offers)
    hits = np.bincount(owner, weights=home[ix.offer_nb[flat]], minlength=len(offers))
    return restricted & (hits == 0)


def _no_shared_language(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    ix, spoken = ctx.index, ctx.profile.languages
    if spoken is None:
        return _never(offers)
    return (
        ~ix.interpreter[offers]
        & ~ix.language_course[offers]
        & ~ix.languages.empty[offers]
        & ~ix.languages.any_of(offers, spoken)
    )


def price(ctx: Context, o: int) -> tuple[float, Price | None, bool]:
    """``(euros, the option it comes from, known)`` of offer ``o`` for this client.

    Cost options decide when the offer has them: the cheapest valid on the date, in
    euros, open to the client's age (:func:`socialmap.costs.usable_price`); none usable
    means the price is not known.  Without options, ``cost_eur`` (not stated: free).
    """
    options = ctx.index.cost_options[o]
    if not options:
        return float(ctx.index.cost_eur[o]), None, True
    on = dt.date.fromordinal(ctx.date).isoformat()
    found = usable_price(options, on, age=ctx.profile.age)
    if found is None:
        return math.nan, None, False
    return found.amount, found, True


def _too_dear(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    limit = ctx.profile.max_cost_eur
    if limit is None:
        return _never(offers)
    dear = ctx.index.cost_eur[offers] > limit
    for j in np.flatnonzero(ctx.index.cost_options[offers] != None):  # noqa: E711
        amount, _, known = price(ctx, int(offers[j]))
        dear[j] = not known or amount > limit
    return dear


def _too_far(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    near = _within(ctx, reach.located, reach.distance_any)
    return reach.located & ~near & ~reach.usable_online


def _online_only(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    return reach.online & ~reach.located & (not ctx.profile.online_ok)


def _no_wheelchair(ctx: Context, offers: np.ndarray, reach: Reach) -> np.ndarray:
    if "wheelchair" not in ctx.profile.needs:
        return _never(offers)
    return reach.located & ~reach.in_person & ~reach.usable_online


# --- reasons ---------------------------------------------------------------------------------


def age_range(offer: int, ix: RoutingIndex, lang: str) -> str:
    """An offer's age limits as text: "18–25", "from 18", "up to 25"."""
    low, high = ix.age_min[offer], ix.age_max[offer]
    if not np.isnan(low) and not np.isnan(high):
        return f"{low:g}–{high:g}"
    if not np.isnan(low):
        return m.text("from", lang, a=f"{low:g}")
    return m.text("up-to", lang, b=f"{high:g}")


def group_labels(ctx: Context, groups: list[str], G_labels: dict[str, dict[str, str]]) -> str:
    """Target group ids as their labels in the context's language."""
    return m.listing(label(G_labels, g, ctx.lang) for g in groups)


def date_text(ordinal: int, lang: str | None = None) -> str:
    """An ordinal day as ``lang`` writes it ("…" for a day outside the calendar, a sentinel).

    >>> date_text(739576), date_text(739576, "de"), date_text(-2**31)
    ('2025-11-21', '21.11.2025', '…')
    """
    import datetime as dt

    if not dt.date.min.toordinal() <= int(ordinal) <= dt.date.max.toordinal():
        return "…"
    return day(dt.date.fromordinal(int(ordinal)), lang)


_Params = tuple[str, dict[str, object]]


def _no_params(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params | None:
    return None


def _starts(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "not-started", {"date": date_text(ctx.index.valid_from[o], ctx.lang)}


def _ended(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "funding-ended", {"date": date_text(ctx.index.valid_until[o], ctx.lang)}


def _groups(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    ix = ctx.index
    return "target-group", {
        "groups": group_labels(ctx, ix.target_groups.values(o), ix.group_labels)
    }


def _age(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "age", {"range": age_range(o, ctx.index, ctx.lang), "age": ctx.profile.age}


def _gender_text(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "gender", {"who": m.who(ctx.index.genders.values(o), ctx.lang)}


def _residence(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    ix, lang = ctx.index, ctx.lang
    allowed = m.listing(label(RESIDENCE_STATUSES, s, lang) for s in ix.residence_statuses.values(o))
    status = label(RESIDENCE_STATUSES, ctx.profile.residence_status or "", lang)
    return "residence-status", {"allowed": allowed, "status": status}


def _work_ban(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "work-ban", {"ban": label(WORK_BANS, ctx.profile.work_ban or "", ctx.lang)}


def _paid_work(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "paid-work", {"ban": label(WORK_BANS, "absolute", ctx.lang)}


def _places(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    ix = ctx.index
    places = m.listing(ix.neighbourhood_name.get(n, n) for n in ix.neighbourhoods[o])
    if not (ctx.home and ctx.home.neighbourhoods):
        return "neighbourhood-unknown", {"places": places}
    home = m.listing(ix.neighbourhood_name.get(n, n) for n in ctx.home.neighbourhoods)
    return "neighbourhood", {"places": places, "home": home}


def _languages(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    lang = ctx.lang
    offered = m.listing(m.language_name(c, lang) for c in ctx.index.languages.values(o))
    spoken = m.listing(m.language_name(c, lang) for c in ctx.profile.languages or ())
    return "language", {"offered": offered, "spoken": spoken or m.text("none", lang)}


def _cost(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    lang = ctx.lang
    cost, option, known = price(ctx, o)
    limit = m.euro(ctx.profile.max_cost_eur or 0, lang)
    if not known:
        return "cost-unknown", {"limit": limit}
    if option is not None and (option.conditions or option.unit):
        which = ", ".join(filter(None, [option.conditions, option.unit]))
        return "cost-option", {"cost": m.euro(cost, lang), "option": which, "limit": limit}
    return "cost", {"cost": m.euro(cost, lang), "limit": limit}


def _distance(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    lang = ctx.lang
    return "distance", {"km": m.km(ev.distance_any[j], lang), "limit": m.km(ctx.limit_km, lang)}


def _wheelchair(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params | None:
    if not ev.has_usable[j]:
        return None
    return "wheelchair-near", {"limit": m.km(ctx.limit_km, ctx.lang)}


# --- pass texts: why a step fits ---------------------------------------------------------

_Passes = Callable[[Context, Evaluation, int, int, bool], list[Reason]]

#: Below this distance a location placed at a postcode centre is "in the same area".
APPROXIMATE_KM = 1.0

#: A step whose funding ends within this many days says so.
FUNDING_WARNING_DAYS = 183


def _says(code: str, key: str, lang: str, **params: object) -> list[Reason]:
    return [Reason(code, m.text(key, lang, **params))]


def _group_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    ix, lang = ctx.index, ctx.lang
    groups = ix.target_groups.values(o)
    if not groups:
        return _says("target-group", "group-open", lang)
    if ctx.groups is None:
        names = group_labels(ctx, groups, ix.group_labels)
        return _says("target-group", "group-check", lang, groups=names)
    matched = [g for g in groups if g in ctx.groups]
    client = [c for c in ctx.client_groups if ix.ancestors_or_self([c]) & set(matched)]
    return _says(
        "target-group",
        "group-match",
        lang,
        groups=group_labels(ctx, matched, ix.group_labels),
        client=group_labels(ctx, client, ix.group_labels),
    )


def _language_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    ix, p, lang = ctx.index, ctx.profile, ctx.lang
    offered = ix.languages.values(o)
    if p.languages is not None:
        shared = [c for c in offered if c in p.languages]
        if shared:
            names = m.listing(m.language_name(c, lang) for c in shared)
            return _says("language", "language-match", lang, languages=names)
        if ix.interpreter[o]:
            return _says("language", "language-interpreter", lang)
        if ix.language_course[o]:
            return _says("language", "language-course", lang)
    if not offered:
        return _says("language", "language-unstated", lang)
    names = m.listing(m.language_name(c, lang) for c in offered)
    return _says("language", "language-check", lang, languages=names)


def _distance_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    lang = ctx.lang
    if online:
        return _says("distance", "online-step", lang)
    if ctx.home is None:
        return _says("distance", "no-home", lang)
    km = float(ev.distance[j])
    if ev.location[j] >= 0 and ctx.index.loc_approximate[ev.location[j]]:
        # placed at a postcode centre: the distance is only as good as the postcode
        if km < APPROXIMATE_KM:
            return _says("distance", "distance-same-area", lang)
        return _says("distance", "distance-about", lang, km=m.km(km, lang))
    return _says("distance", "distance-km", lang, km=m.km(km, lang))


def _gender_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    genders = ctx.index.genders.values(o)
    if not genders:
        return []
    key = "gender-check" if ctx.profile.gender is None else "gender-ok"
    return _says("gender", key, ctx.lang, who=m.who(genders, ctx.lang))


def _age_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    ix, age = ctx.index, ctx.profile.age
    if np.isnan(ix.age_min[o]) and np.isnan(ix.age_max[o]):
        return []
    key = "age-check" if age is None else "age-ok"
    return _says("age", key, ctx.lang, range=age_range(o, ix, ctx.lang), age=age)


def _residence_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    statuses, lang = ctx.index.residence_statuses.values(o), ctx.lang
    if not statuses:
        return []
    allowed = m.listing(label(RESIDENCE_STATUSES, s, lang) for s in statuses)
    key = "residence-check" if ctx.profile.residence_status is None else "residence-ok"
    return _says("residence-status", key, lang, allowed=allowed)


def _work_ban_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    bans, ban, lang = ctx.index.excludes_work_ban.values(o), ctx.profile.work_ban, ctx.lang
    if not bans or ban == "none":
        return []
    if ban is None:
        listed = m.listing(label(WORK_BANS, b, lang) for b in bans)
        return _says("work-ban", "work-ban-check", lang, ban=listed)
    return _says("work-ban", "work-ban-ok", lang, ban=label(WORK_BANS, ban, lang))


def _work_permit_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    if ctx.profile.work_ban != "temporary" or ctx.index.leads_to[o] < PAID_WORK_RUNG:
        return []
    return _says("paid-work", "work-permit", ctx.lang)


def _neighbourhood_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    ix, lang, home = ctx.index, ctx.lang, ctx.home
    if not ix.restricted[o] or home is None:
        return []
    places = m.listing(ix.neighbourhood_name.get(n, n) for n in ix.neighbourhoods[o])
    if home.ambiguous:
        homes = m.listing(ix.neighbourhood_name.get(n, n) for n in home.neighbourhoods)
        return _says(
            "neighbourhood",
            "neighbourhood-maybe",
            lang,
            places=places,
            postcode=home.postcode,
            homes=homes,
        )
    return _says("neighbourhood", "neighbourhood-ok", lang, places=places)


def _cost_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    cost, option, _ = price(ctx, o)
    if np.isnan(cost) or cost <= 0:
        return []
    if option is not None and (option.conditions or option.unit):
        which = ", ".join(filter(None, [option.conditions, option.unit]))
        return _says("cost", "cost-option-ok", ctx.lang, cost=m.euro(cost, ctx.lang), option=which)
    return _says("cost", "cost-ok", ctx.lang, cost=m.euro(cost, ctx.lang))


def _wheelchair_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    if "wheelchair" not in ctx.profile.needs or online:
        return []
    return _says("wheelchair", "wheelchair-ok", ctx.lang)


def _funding_fits(ctx: Context, ev: Evaluation, j: int, o: int, online: bool) -> list[Reason]:
    ix = ctx.index
    until = int(ix.valid_until[o])
    days = until - ctx.date
    if funding_at_risk(np.array([days]), np.array([ix.wait_weeks[o]]))[0]:
        weeks = m.number(max(days, 0) / 7, ctx.lang)
        return _says(
            "funding", "funding-risk", ctx.lang, date=date_text(until, ctx.lang), weeks=weeks
        )
    if days > FUNDING_WARNING_DAYS:
        return []
    return _says("funding", "funding-ends", ctx.lang, date=date_text(until, ctx.lang))


# --- the same rules in SQL (the benchmark's flat one-hop peer) ------------------------------

_Sql = Callable[[Context], tuple[Sql, list[Any]] | None]


def sql_mask(bits: Any, values: Any) -> int:
    """A set of list values as the 63-bit SQLite INTEGER mask of :func:`sql_conditions`."""
    return int(bits.mask(values)[0]) & ((1 << 63) - 1)


def _sql_rung(ctx: Context) -> tuple[Sql, list[Any]]:
    return sql("accepts != 0"), []


def _sql_dates(ctx: Context) -> tuple[Sql, list[Any]]:
    return sql("valid_from <= ?"), [ctx.date]


def _sql_until(ctx: Context) -> tuple[Sql, list[Any]]:
    return sql("valid_until >= ?"), [ctx.date]


def _sql_groups(ctx: Context) -> tuple[Sql, list[Any]] | None:
    if ctx.groups is None:
        return None
    mask = sql_mask(ctx.index.target_groups, ctx.groups)
    return sql("(target_groups = 0 OR (target_groups & ?) != 0)"), [mask]


def _sql_age(ctx: Context) -> tuple[Sql, list[Any]] | None:
    age = ctx.profile.age
    if age is None:
        return None
    condition = sql("(age_min IS NULL OR age_min <= ?) AND (age_max IS NULL OR age_max >= ?)")
    return condition, [age, age]


def _sql_listed(column: str, value: Callable[[Profile], str | None], condition: Sql) -> _Sql:
    """The rule of list ``column`` (a mask with ``?`` for the client's value in ``condition``)."""

    def rule(ctx: Context) -> tuple[Sql, list[Any]] | None:
        client = value(ctx.profile)
        if client is None:
            return None
        return condition, [sql_mask(getattr(ctx.index, column), [client])]

    return rule


def _sql_work_ban(ctx: Context) -> tuple[Sql, list[Any]] | None:
    ban = ctx.profile.work_ban
    if ban is None:
        return None
    return sql("(excludes_work_ban & ?) = 0"), [sql_mask(ctx.index.excludes_work_ban, [ban])]


def _sql_paid_work(ctx: Context) -> tuple[Sql, list[Any]] | None:
    return (sql("leads_to < ?"), [PAID_WORK_RUNG]) if ctx.profile.work_ban == "absolute" else None


def _sql_not_asked(ctx: Context) -> tuple[Sql, list[Any]] | None:
    unasked = _unasked_categories(ctx.profile)
    if not unasked:
        return None
    return sql("category NOT IN ({unasked})", unasked=marks(unasked)), list(unasked)


def _sql_neighbourhood(ctx: Context) -> tuple[Sql, list[Any]] | None:
    if ctx.home is None:
        return sql("restricted = 0"), []
    homes = [int(ctx.index.neighbourhood_pos[n]) for n in ctx.home.neighbourhoods]
    condition = sql(
        "(restricted = 0 OR offer IN (SELECT offer FROM offer_flat_nb"
        " WHERE neighbourhood IN ({homes})))",
        homes=marks(homes),
    )
    return condition, list(homes)


def _sql_language(ctx: Context) -> tuple[Sql, list[Any]] | None:
    spoken = ctx.profile.languages
    if spoken is None:
        return None
    mask = sql_mask(ctx.index.languages, spoken)
    return sql("(open_language = 1 OR (languages & ?) != 0)"), [mask]


def _sql_cost(ctx: Context) -> tuple[Sql, list[Any]] | None:
    limit = ctx.profile.max_cost_eur
    return None if limit is None else (sql("(cost_eur IS NULL OR cost_eur <= ?)"), [limit])


def _sql_wheelchair(ctx: Context) -> tuple[Sql, list[Any]] | None:
    if "wheelchair" not in ctx.profile.needs:
        return None
    return sql("(wheelchair = 1 OR lat IS NULL)"), []


# --- restrictions the profile does not decide --------------------------------------------


def _unstated(bits: str) -> Callable[[Context, np.ndarray, str], np.ndarray]:
    """Offers that list values of ``bits`` while the profile leaves ``field`` out."""

    def unstated(ctx: Context, offers: np.ndarray, field: str) -> np.ndarray:
        if getattr(ctx.profile, field) is not None:
            return _never(offers)
        return ~getattr(ctx.index, bits).empty[offers]

    return unstated


def _age_unstated(ctx: Context, offers: np.ndarray, field: str) -> np.ndarray:
    ix = ctx.index
    if ctx.profile.age is not None:
        return _never(offers)
    return ~(np.isnan(ix.age_min[offers]) & np.isnan(ix.age_max[offers]))


# --- the rule table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One hard rule: everything routing, "why not", explanations and the SQL peer know of it.

    ``fails`` marks the offers that fail it; ``failure`` gives the message key and
    parameters of the reason an excluded offer shows (``None``: the code's own
    message); ``passes`` the reasons a step that passes shows, listed by ``shown``
    (``None``: it shows none); ``sql`` the same rule as a condition over the flat
    table of :func:`sql_conditions` (``None``: the peer's spatial search checks it);
    ``unstated`` marks offers the rule restricts while the profile leaves ``asks``
    (the field that decides it) out: they pass, cost more (:func:`unstated_rules`)
    and the desk asks for the field (:func:`undecided_fields`).
    """

    code: str
    fails: _Mask
    failure: Callable[[Context, Evaluation, int, int], _Params | None]
    passes: _Passes | None = None
    shown: int = 0
    sql: _Sql | None = None
    unstated: Callable[[Context, np.ndarray, str], np.ndarray] | None = None
    asks: str = ""


def _gender(p: Profile) -> str | None:
    return p.gender


def _status(p: Profile) -> str | None:
    return p.residence_status


#: Every hard rule, in the order an excluded offer lists its reasons.
RULE_TABLE: tuple[Rule, ...] = (
    Rule("no-rung", _no_rung, _no_params, sql=_sql_rung),
    Rule("unreachable", _unreachable, _no_params),
    Rule("not-started", _not_started, _starts, sql=_sql_dates),
    Rule("funding-ended", _funding_ended, _ended, _funding_fits, 13, _sql_until),
    Rule(
        "target-group",
        _not_in_group,
        _groups,
        _group_fits,
        1,
        _sql_groups,
        _unstated("target_groups"),
        "target_groups",
    ),
    Rule("age", _outside_age, _age, _age_fits, 5, _sql_age, _age_unstated, "age"),
    Rule(
        "gender",
        _not_listed("genders", _gender),
        _gender_text,
        _gender_fits,
        4,
        _sql_listed("genders", _gender, sql("(genders = 0 OR (genders & ?) != 0)")),
        _unstated("genders"),
        "gender",
    ),
    Rule(
        "residence-status",
        _not_listed("residence_statuses", _status),
        _residence,
        _residence_fits,
        6,
        _sql_listed(
            "residence_statuses",
            _status,
            sql("(residence_statuses = 0 OR (residence_statuses & ?) != 0)"),
        ),
        _unstated("residence_statuses"),
        "residence_status",
    ),
    Rule(
        "work-ban",
        _work_banned,
        _work_ban,
        _work_ban_fits,
        7,
        _sql_work_ban,
        _unstated("excludes_work_ban"),
        "work_ban",
    ),
    Rule("paid-work", _paid_work_banned, _paid_work, _work_permit_fits, 8, _sql_paid_work),
    Rule("not-asked", _not_asked, _no_params, sql=_sql_not_asked),
    Rule(
        "neighbourhood",
        _outside_neighbourhood,
        _places,
        _neighbourhood_fits,
        9,
        _sql_neighbourhood,
    ),
    Rule("language", _no_shared_language, _languages, _language_fits, 2, _sql_language),
    Rule("cost", _too_dear, _cost, _cost_fits, 10, _sql_cost),
    Rule("distance", _too_far, _distance, _distance_fits, 3),
    Rule("online-only", _online_only, _no_params),
    Rule("wheelchair", _no_wheelchair, _wheelchair, _wheelchair_fits, 11, _sql_wheelchair),
)

#: The rule codes, stable machine codes (in :data:`RULE_TABLE` order).
RULES: tuple[str, ...] = tuple(rule.code for rule in RULE_TABLE)
_BY_CODE = {rule.code: rule for rule in RULE_TABLE}
_SHOWN = sorted((rule for rule in RULE_TABLE if rule.passes), key=lambda rule: rule.shown)


def unstated_rules(ctx: Context, offers: np.ndarray) -> np.ndarray:
    """Per offer: how many of its restrictions the profile does not decide ("check")."""
    count = np.zeros(len(offers), dtype=np.int64)
    for rule in RULE_TABLE:
        if rule.unstated is not None:
            count += rule.unstated(ctx, offers, rule.asks)
    return count


def undecided_fields(ctx: Context, offers: np.ndarray) -> tuple[str, ...]:
    """The profile fields that would decide a restriction of one of ``offers`` (to ask for)."""
    return tuple(
        rule.asks
        for rule in RULE_TABLE
        if rule.unstated is not None and rule.unstated(ctx, offers, rule.asks).any()
    )


def passing_reasons(ctx: Context, ev: Evaluation, j: int, online: bool) -> list[Reason]:
    """Why offer ``ev.offers[j]`` fits this client, rule by rule (a step's reasons)."""
    o = int(ev.offers[j])
    return [r for rule in _SHOWN if rule.passes for r in rule.passes(ctx, ev, j, o, online)]


def sql_conditions(ctx: Context) -> tuple[list[Sql], list[Any]]:
    """Every rule that has one as SQL conditions and their parameters, for a flat table.

    The table has a row per (offer, location) with the routing index's columns
    (``valid_from``, ``valid_until``, ``accepts`` (a bit per rung), ``leads_to``, ``age_min``,
    ``age_max``, ``cost_eur``, ``restricted``, ``wheelchair``, ``lat``, ``category``), the list
    fields ``target_groups``, ``genders``, ``residence_statuses``, ``excludes_work_ban`` and
    ``languages`` as :func:`sql_mask` integers, ``open_language`` (interpreter, language
    course or no language stated) and ``offer``; ``offer_flat_nb`` (offer, neighbourhood)
    lists where residents-only offers are open.
    """
    conditions: list[Sql] = []
    params: list[Any] = []
    for rule in RULE_TABLE:
        condition = rule.sql(ctx) if rule.sql else None
        if condition is not None:
            conditions.append(condition[0])
            params += condition[1]
    return conditions, params


def exclusion_reasons(
    ctx: Context,
    ev: Evaluation,
    j: int,
    group_label: dict[str, dict[str, str]],
    rules: list[str] | None = None,
) -> list[Reason]:
    """Every rule offer ``ev.offers[j]`` fails (``rules``, if known), as localized reasons.

    ``group_label`` is kept for callers; the index carries the same target group labels.
    """
    o = int(ev.offers[j])
    reasons = []
    for rule in ev.failed_rules(j) if rules is None else rules:
        text = _BY_CODE[rule].failure(ctx, ev, j, o) or (rule, {})
        reasons.append(Reason(rule, m.text(text[0], ctx.lang, **text[1])))
    return reasons
