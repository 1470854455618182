"""The peers the routing benchmark measures the engine against, side by side in one run.

* :class:`FlatPeer` — the fair one-hop directory search: one denormalised SQLite
  table with a row per (offer, location), list attributes as bit masks, and an
  R*Tree over the locations.  One query per profile returns the offers that take
  the client *now* (accept the client's rung, pass every hard rule, within
  reach); the exact distance is checked on the rows the box returns.  It
  answers a smaller question than routing (one step, no path) — the engine
  may cost at most a small multiple of it.
* :func:`dijkstra_peer` — the physical limit of path search: the eligible
  offers of the same query as a layered (offer, rung) graph in a
  ``scipy.sparse`` matrix, searched by the compiled Dijkstra of
  ``scipy.sparse.csgraph`` for the single cheapest path (no k paths, no
  referral requirements, no minimality, no explanations).  Timed with and
  without building the subgraph.

Both read the same routing index as the engine; neither is used by the product.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from socialmap.routing import engine
from socialmap.routing.cost import DEFAULT_WEIGHTS, from_units
from socialmap.routing.eligibility import evaluate, haversine_many, make_context, sql_conditions
from socialmap.routing.index import RoutingIndex, segments
from socialmap.routing.profile import parse_profile
from socialmap.sql import sql, where

__all__ = ["FlatPeer", "dijkstra_peer", "DijkstraTiming"]

_KM_PER_DEG_LAT = 111.2


def _mask(bitset_words: np.ndarray) -> np.ndarray:
    """The first 63 bits of a bit set as a signed SQLite INTEGER."""
    return (bitset_words[:, 0] & np.uint64((1 << 63) - 1)).astype(np.int64)


class FlatPeer:
    """One flat (offer, location) table with an R*Tree, in its own SQLite file."""

    def __init__(self, index: RoutingIndex, path: str | Path):
        self.index = index
        self.path = Path(path)
        started = time.perf_counter()
        self.path.unlink(missing_ok=True)
        self.conn = sqlite3.connect(self.path)
        self._build()
        self.build_s = time.perf_counter() - started

    def _build(self) -> None:
        ix, c = self.index, self.conn
        for name, bits in (
            ("genders", ix.genders),
            ("residence", ix.residence_statuses),
            ("work_ban", ix.excludes_work_ban),
            ("groups", ix.target_groups),
            ("languages", ix.languages),
        ):
            if len(bits.vocabulary) > 63:
                raise ValueError(f"{name}: more than 63 values do not fit one SQLite integer")
        c.execute(
            "CREATE TABLE offer_flat (id INTEGER PRIMARY KEY, offer INTEGER, lat REAL, lon REAL,"
            " wheelchair INTEGER, online INTEGER, accepts INTEGER, leads_to INTEGER,"
            " age_min REAL, age_max REAL,"
            " genders INTEGER, residence_statuses INTEGER, excludes_work_ban INTEGER,"
            " target_groups INTEGER, languages INTEGER, open_language INTEGER, cost_eur REAL,"
            " valid_from INTEGER,"
            " valid_until INTEGER, restricted INTEGER, category TEXT)"
        )
        c.execute("CREATE TABLE offer_flat_nb (offer INTEGER, neighbourhood INTEGER)")
        c.execute("CREATE VIRTUAL TABLE offer_rtree USING rtree(id, lat0, lat1, lon0, lon1)")
        loc_rows, owner = segments(ix.offer_loc_ptr, np.arange(ix.n))
        locs = ix.offer_loc[loc_rows]
        online_only = np.flatnonzero(ix.online & (np.diff(ix.offer_loc_ptr) == 0))
        offers = np.concatenate([owner, online_only])
        lat = np.concatenate([ix.loc_lat[locs], np.full(len(online_only), np.nan)])
        lon = np.concatenate([ix.loc_lon[locs], np.full(len(online_only), np.nan)])
        wheel = np.concatenate([ix.loc_wheelchair[locs], np.zeros(len(online_only), bool)])
        open_language = ix.interpreter | ix.language_course | ix.languages.empty
        columns = [
            offers,
            lat,
            lon,
            wheel.astype(int),
            ix.online[offers].astype(int),
            ix.accepts[offers].astype(int),
            ix.leads_to[offers].astype(int),
            ix.age_min[offers],
            ix.age_max[offers],
            _mask(ix.genders.words)[offers],
            _mask(ix.residence_statuses.words)[offers],
            _mask(ix.excludes_work_ban.words)[offers],
            _mask(ix.target_groups.words)[offers],
            _mask(ix.languages.words)[offers],
            open_language[offers].astype(int),
            ix.cost_eur[offers],
            ix.valid_from[offers],
            ix.valid_until[offers],
            ix.restricted[offers].astype(int),
            ix.category[offers],
        ]
        rows = [
            tuple(None if isinstance(v, float) and v != v else v for v in row)
            for row in zip(*(col.tolist() for col in columns), strict=True)
        ]
        insert = (
            "INSERT INTO offer_flat VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?)"
        )
        assert insert.count("?") == len(columns), "one ? per column above"
        c.executemany(insert, rows)
        c.execute(
            "INSERT INTO offer_rtree SELECT id, lat, lat, lon, lon FROM offer_flat"
            " WHERE lat IS NOT NULL"
        )
        nb_rows, nb_owner = segments(ix.offer_nb_ptr, np.arange(ix.n))
        c.executemany(
            "INSERT INTO offer_flat_nb VALUES (?, ?)",
            zip(nb_owner.tolist(), ix.offer_nb[nb_rows].tolist(), strict=True),
        )
        c.execute("CREATE INDEX flat_online ON offer_flat(online, offer)")
        c.execute("CREATE INDEX flat_nb ON offer_flat_nb(neighbourhood, offer)")
        c.commit()

    def search(self, profile: dict[str, Any]) -> list[int]:
        """Offer positions that take this client now (one hop), nearest first."""
        ix = self.index
        p = parse_profile(profile)
        ctx = make_context(ix, p)
        conditions, rule_params = sql_conditions(ctx)
        rules = [sql("(accepts & ?) != 0"), *conditions]
        params: list[Any] = [1 << p.rung, *rule_params]
        home = ctx.home
        km = p.max_distance_km or engine.OPEN_RADII_KM[0]
        found: dict[int, float] = {}
        if home is not None:
            dlat = km / _KM_PER_DEG_LAT
            dlon = dlat / max(np.cos(np.radians(home.lat)), 1e-6)
            box = sql(
                "SELECT f.offer, f.lat, f.lon FROM offer_rtree r JOIN offer_flat f ON f.id = r.id"
                " {where}",
                where=where(
                    [sql("r.lat0 <= ? AND r.lat1 >= ? AND r.lon0 <= ? AND r.lon1 >= ?"), *rules]
                ),
            )
            bounds = [home.lat + dlat, home.lat - dlat, home.lon + dlon, home.lon - dlon]
            rows = self.conn.execute(box, [*bounds, *params]).fetchall()
            if rows:
                arr = np.array(rows, dtype=float)
                d = haversine_many(home.lat, home.lon, arr[:, 1], arr[:, 2])
                for offer, dist in zip(arr[:, 0].astype(int).tolist(), d.tolist(), strict=True):
                    if dist <= km and dist < found.get(offer, np.inf):
                        found[offer] = dist
        if p.online_ok:
            online_sql = sql(
                "SELECT DISTINCT offer FROM offer_flat {where}",
                where=where([sql("online = 1"), *rules]),
            )
            online = self.conn.execute(online_sql, params).fetchall()
            for (offer,) in online:
                found.setdefault(offer, np.inf)
        return sorted(found, key=lambda o: (found[o], o))


@dataclass(frozen=True)
class DijkstraTiming:
    """One Dijkstra-peer query: the cheapest cost found and where the time went (ms)."""

    cost: float | None
    eligibility_ms: float
    build_ms: float
    dijkstra_ms: float

    @property
    def total_ms(self) -> float:
        return self.eligibility_ms + self.build_ms + self.dijkstra_ms


def dijkstra_peer(index: RoutingIndex, profile: dict[str, Any]) -> DijkstraTiming:
    """The cheapest path cost of one profile by ``scipy.sparse.csgraph.dijkstra``.

    States: one hub per rung ("the client stands on rung r, cold") and one node
    per (eligible offer, rung reached after it).  Edges: hub r → (o, max(r,
    leads_to)) for each offer accepting r (cost of the step + start/cold
    penalty); (o, r) → hub r (0); and warm handovers (o, r) → (o2, …) for each
    offer o2 accepting r (cost of the step + warm penalty).
    """
    w = DEFAULT_WEIGHTS
    started = time.perf_counter()
    p = parse_profile(profile)
    ctx = make_context(index, p)
    large = index.n > engine.LARGE_GRAPH
    radius = (p.max_distance_km or engine.OPEN_RADII_KM[0]) if large and ctx.home else None
    ev = evaluate(ctx, engine._candidates(ctx, radius, large))
    online = engine._take_online(ev, w)
    local = np.flatnonzero(ev.eligible)
    net = engine._network(ctx, ev, local, online, w)
    eligible_done = time.perf_counter()
    n = len(net.cost)
    hubs = 7  # node r (1..6) = hub of rung r; node 0 unused
    state = lambda o, r: hubs + o * 7 + r  # noqa: E731
    src: list[np.ndarray] = []
    dst: list[np.ndarray] = []
    cost: list[np.ndarray] = []
    after = np.zeros((n, 7), dtype=np.int64)
    for r in range(1, 7):
        takers = np.flatnonzero((net.accepts >> r) & 1)
        after[takers, r] = np.maximum(r, net.leads_to[takers])
        penalty = net.start if r == p.rung else net.cold
        src.append(np.full(len(takers), r))
        dst.append(state(takers, after[takers, r]))
        cost.append(net.cost[takers] + penalty)
        # leave a state (o, r) for the hub of rung r
        src.append(state(takers, after[takers, r]))
        dst.append(np.full(len(takers), 0) + after[takers, r])
        cost.append(np.zeros(len(takers), dtype=np.int64))
    flat, owner = segments(net.warm_ptr, np.arange(n))
    a, b = owner, net.warm_dst[flat]
    for r in range(1, 7):  # warm: (a, r) → (b, max(r, leads_to b)) when b accepts r
        ok = ((net.accepts[b] >> r) & 1).astype(bool)
        aa, bb = a[ok], b[ok]
        src.append(state(aa, r))
        dst.append(state(bb, np.maximum(r, net.leads_to[bb])))
        cost.append(net.cost[bb] + net.warm)
    size = hubs + n * 7
    s, d, c = np.concatenate(src), np.concatenate(dst), np.concatenate(cost).astype(float)
    graph = csr_matrix((c + 1e-9, (s, d)), shape=(size, size))
    built = time.perf_counter()
    dist = dijkstra(graph, indices=p.rung, directed=True)
    searched = time.perf_counter()
    goal_states = [state(np.arange(n), r) for r in range(p.goal_rung, 7)]
    best = min((float(dist[g].min()) for g in goal_states if n), default=np.inf)
    return DijkstraTiming(
        cost=None if not np.isfinite(best) else from_units(int(round(best))),
        eligibility_ms=(eligible_done - started) * 1000,
        build_ms=(built - eligible_done) * 1000,
        dijkstra_ms=(searched - built) * 1000,
    )
