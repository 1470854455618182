"""Referral routing: from a client profile to ranked, explained paths up the ladder.

One engine for the CLI (``socialmap route``), the web app and the analysis:

>>> import sys; from socialmap.paths import data_dir
>>> sys.path.insert(0, str(data_dir().parent / "tests"))
>>> from builders import tiny_graph
>>> from socialmap.routing import referral_paths
>>> result = referral_paths(tiny_graph(), {"rung": 1, "gender": "female", "languages": ["tr"],
...                                       "home": {"lat": 52.075, "lon": 4.31},
...                                       "date": "2026-11-21"}, k=1)
>>> result.reached_goal, result.paths[0].offers
(False, ['coffee', 'language'])
>>> sorted(result.to_json())[:3]
['excluded', 'goal_rung', 'highest_rung']

Public API
----------
``referral_paths(G, profile, k=3, *, lang=None, weights=None) -> RouteResult``
    The k cheapest distinct minimal paths; ``RouteResult.to_json()`` is
    DESIGN.md's ``route --json`` shape (keys only added, never renamed).
``check_eligibility(G, profile, offer_id, *, lang=None) -> list[Reason]``
    Every rule an offer fails for a client (the web's "why not?").
``parse_profile(dict) -> Profile``
    Validation alone; :class:`~socialmap.errors.InvalidProfile` names the field.
``without_offers(G, offer_ids) -> graph view``
    ``G`` as if those offers did not exist, without rebuilding the index
    (the analysis' "what if this organisation left?").
``format_route(result) -> str``
    The printable route sheet.
``Weights``, ``DEFAULT_WEIGHTS``
    The cost model (:mod:`socialmap.routing.cost` documents every weight).

Modules: :mod:`.profile` (validation), :mod:`.home` (placing the home),
:mod:`.index` (numpy index cached on the graph), :mod:`.eligibility` (the
hard rules), :mod:`.cost` (weights), :mod:`.search` (k cheapest paths),
:mod:`.explain` and :mod:`.messages` (texts in de/nl/en), :mod:`.engine`
benchmark), :mod:`.bench` (the benchmark).

Decisions (where DESIGN.md leaves a choice):

* Absent profile fields impose no rule; a rule the profile cannot check is
  kept and said with "— check" in the step's reasons (see :mod:`.profile`).
* A referral requirement is met by *any* earlier step at one of the referrer
  organisations (not only the one just before), or by ``known_to``.
* Handovers are warm only along ``refers-to`` links, exactly as DESIGN.md
  says; two offers of the same organisation without a link are cold.
* A path ends as soon as it reaches the goal, never repeats an offer, and
  keeps no step it could drop (minimal).  When no path reaches the goal,
  ``reached_goal`` is false and the paths returned are the k best by
  (highest rung reached, cost) — the gap a network coach must see.
* ``goal_rung`` equal to ``rung`` asks for one step that keeps the client
  there (e.g. a job-coaching for someone in paid work); below ``rung`` it is
  an error.
* Which offers are considered and listed as excluded, and how a query avoids
  scanning a 250,000-offer graph: see :mod:`.engine`.
* The profile's ``lang`` (de|nl|en) picks the language of the texts; the
  ``lang`` argument (CLI ``--lang``) overrides it; English by default.
"""

from __future__ import annotations

from .cost import DEFAULT_WEIGHTS, Weights
from .eligibility import RULES, Reason
from .engine import check_eligibility, referral_paths
from .explain import format_route
from .index import without_offers
from .profile import Home, Profile, parse_profile
from .result import Excluded, Path, RouteResult, Step

__all__ = [
    "referral_paths",
    "check_eligibility",
    "parse_profile",
    "format_route",
    "Profile",
    "Home",
    "RouteResult",
    "Path",
    "Step",
    "Excluded",
    "Reason",
    "RULES",
    "Weights",
    "DEFAULT_WEIGHTS",
    "without_offers",
]
