"""The hard rules of DESIGN.md: is an offer open to this client, and if not, why not?

:func:`evaluate` checks every rule on a whole array of offers at once (numpy
over the routing index) and keeps one boolean array per rule, so an excluded
offer carries *all* the rules it fails, not just the first.  The rule codes
(:data:`RULES`) are stable machine codes; :func:`exclusion_reasons` turns them
into sentences in de, nl or en.

The rules, in the order reasons are listed:

``unreachable``      no location with coordinates and not online
``not-started``      ``valid_from`` after the date
``funding-ended``    ``valid_until`` before the date
``target-group``     the offer names groups and none is the client's or above it
``age``              outside ``age_min``–``age_max``
``gender``           the offer names genders and not the client's
``residence-status`` the offer names statuses and not the client's
``work-ban``         the offer excludes the client's work ban
``neighbourhood``    residents only, and the home is in none of them
``language``         no shared language, no interpreter, not a language course
``cost``             ``cost_eur`` above ``max_cost_eur`` (no cost stated = free)
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

from dataclasses import dataclass

import numpy as np

from ..errors import InvalidProfile
from ..vocab import RESIDENCE_STATUSES, STANDARD_TARGET_GROUPS, WORK_BANS, label
from . import messages as m
from .home import ResolvedHome, resolve_home
from .index import RoutingIndex, segments
from .profile import Profile

__all__ = [
    "RULES",
    "Reason",
    "Context",
    "Evaluation",
    "make_context",
    "evaluate",
    "exclusion_reasons",
    "haversine_many",
]

#: The target group every woman belongs to.
WOMEN = "women"

RULES = (
    "unreachable",
    "not-started",
    "funding-ended",
    "target-group",
    "age",
    "gender",
    "residence-status",
    "work-ban",
    "neighbourhood",
    "language",
    "cost",
    "distance",
    "online-only",
    "wheelchair",
)


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
                    f"unknown target group {group!r} (expected one of: {', '.join(sorted(known))})",
                )
        client_groups = profile.target_groups
        if profile.gender == "female" and WOMEN not in client_groups:
            client_groups = (*client_groups, WOMEN)
        groups = frozenset(index.ancestors_or_self(client_groups))
    known_to = set()
    for org in profile.known_to:
        if org not in index.org_position:
            raise InvalidProfile("known_to", f"unknown organisation {org!r}")
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
    from ..geo import EARTH_RADIUS_KM

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


def evaluate(ctx: Context, offers: np.ndarray) -> Evaluation:
    """Evaluate every rule on ``offers`` (sorted offer indices of ``ctx.index``)."""
    ix, p = ctx.index, ctx.profile
    offers = np.asarray(offers, dtype=np.int64)
    n = len(offers)
    none = np.zeros(n, dtype=bool)
    limit = ctx.limit_km
    located, dist_any, loc_any = _nearest(ctx, offers, wheelchair_only=False)
    needs_wheelchair = "wheelchair" in p.needs
    if needs_wheelchair:
        has_wc, dist_wc, loc_wc = _nearest(ctx, offers, wheelchair_only=True)
    else:
        has_wc, dist_wc, loc_wc = located, dist_any, loc_any

    def within(has: np.ndarray, dist: np.ndarray) -> np.ndarray:
        if ctx.home is None:
            return has
        return has & (np.nan_to_num(dist, nan=np.inf) <= limit)

    online = ix.online[offers]
    usable_online = online & p.online_ok
    in_person = within(has_wc, dist_wc)
    fails = {
        "unreachable": ~located & ~online,
        "not-started": ix.valid_from[offers] > ctx.date,
        "funding-ended": ix.valid_until[offers] < ctx.date,
        "target-group": none
        if ctx.groups is None
        else (~ix.target_groups.empty[offers] & ~ix.target_groups.any_of(offers, ctx.groups)),
        "age": none
        if p.age is None
        else ((ix.age_min[offers] > p.age) | (ix.age_max[offers] < p.age)),
        "gender": none
        if p.gender is None
        else (~ix.genders.empty[offers] & ~ix.genders.any_of(offers, [p.gender])),
        "residence-status": none
        if p.residence_status is None
        else (
            ~ix.residence_statuses.empty[offers]
            & ~ix.residence_statuses.any_of(offers, [p.residence_status])
        ),
        "work-ban": none
        if p.work_ban is None
        else (ix.excludes_work_ban.any_of(offers, [p.work_ban])),
        "neighbourhood": _neighbourhood_fails(ctx, offers),
        "language": none
        if p.languages is None
        else (
            ~ix.interpreter[offers]
            & ~ix.language_course[offers]
            & ~ix.languages.empty[offers]
            & ~ix.languages.any_of(offers, p.languages)
        ),
        "cost": none if p.max_cost_eur is None else ix.cost_eur[offers] > p.max_cost_eur,
        "distance": located & ~within(located, dist_any) & ~usable_online,
        "online-only": online & ~located & (not p.online_ok),
        "wheelchair": (located & ~in_person & ~usable_online) if needs_wheelchair else none,
    }
    return Evaluation(
        offers=offers,
        fails=fails,
        distance=dist_wc,
        location=loc_wc,
        distance_any=dist_any,
        has_usable=has_wc,
        in_person=in_person,
        online=usable_online,
    )


def _neighbourhood_fails(ctx: Context, offers: np.ndarray) -> np.ndarray:
    ix = ctx.index
    restricted = ix.restricted[offers]
    if ctx.home is None or not restricted.any():
        return restricted
    home = np.zeros(len(ix.neighbourhood_ids), dtype=bool)
    home[[ix.neighbourhood_pos[n] for n in ctx.home.neighbourhoods]] = True
    flat, owner = segments(ix.offer_nb_ptr, offers)
    hits = np.bincount(owner, weights=home[ix.offer_nb[flat]], minlength=len(offers))
    return restricted & (hits == 0)


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


def date_text(ordinal: int) -> str:
    """An ordinal day as ISO text ("…" for a day outside the calendar, e.g. a sentinel).

    >>> date_text(739576), date_text(-2**31)
    ('2025-11-21', '…')
    """
    import datetime as dt

    if not dt.date.min.toordinal() <= int(ordinal) <= dt.date.max.toordinal():
        return "…"
    return dt.date.fromordinal(int(ordinal)).isoformat()


_Params = tuple[str, dict[str, object]]


def _no_params(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params | None:
    return None


def _starts(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "not-started", {"date": date_text(ctx.index.valid_from[o])}


def _ended(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "funding-ended", {"date": date_text(ctx.index.valid_until[o])}


def _groups(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    ix = ctx.index
    return "target-group", {
        "groups": group_labels(ctx, ix.target_groups.values(o), ix.group_labels)
    }


def _age(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "age", {"range": age_range(o, ctx.index, ctx.lang), "age": ctx.profile.age}


def _gender(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "gender", {"who": m.who(ctx.index.genders.values(o), ctx.lang)}


def _residence(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    ix, lang = ctx.index, ctx.lang
    allowed = m.listing(label(RESIDENCE_STATUSES, s, lang) for s in ix.residence_statuses.values(o))
    status = label(RESIDENCE_STATUSES, ctx.profile.residence_status or "", lang)
    return "residence-status", {"allowed": allowed, "status": status}


def _work_ban(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    return "work-ban", {"ban": label(WORK_BANS, ctx.profile.work_ban or "", ctx.lang)}


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
    cost, limit = ctx.index.cost_eur[o], ctx.profile.max_cost_eur or 0
    return "cost", {"cost": m.euro(cost, lang), "limit": m.euro(limit, lang)}


def _distance(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params:
    lang = ctx.lang
    return "distance", {"km": m.km(ev.distance_any[j], lang), "limit": m.km(ctx.limit_km, lang)}


def _wheelchair(ctx: Context, ev: Evaluation, j: int, o: int) -> _Params | None:
    if not ev.has_usable[j]:
        return None
    return "wheelchair-near", {"limit": m.km(ctx.limit_km, ctx.lang)}


#: Per rule code: the message key and parameters of its failure text (``None``: the
#: code's own message without parameters).  One entry per rule of :data:`RULES`.
FAILURE_TEXT = {
    "unreachable": _no_params,
    "not-started": _starts,
    "funding-ended": _ended,
    "target-group": _groups,
    "age": _age,
    "gender": _gender,
    "residence-status": _residence,
    "work-ban": _work_ban,
    "neighbourhood": _places,
    "language": _languages,
    "cost": _cost,
    "distance": _distance,
    "online-only": _no_params,
    "wheelchair": _wheelchair,
}


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
        text = FAILURE_TEXT[rule](ctx, ev, j, o) or (rule, {})
        reasons.append(Reason(rule, m.text(text[0], ctx.lang, **text[1])))
    return reasons
