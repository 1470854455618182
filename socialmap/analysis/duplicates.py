"""Duplicated offers: groups of offers that do the same thing for the same people nearby.

Two offers are a *duplicate pair* when all of these hold:

* same region and same ``category``;
* overlapping target groups — both open to everyone, or a group of one is a
  group of the other or above or below it in the hierarchy (an offer for
  everyone next to one for single parents is a deliberate complement, not a
  duplicate);
* at least one accepted rung in common;
* locations at most ``max_km`` apart (default 1.5 km), or both online;
* similar text: names compared with rapidfuzz ``token_sort_ratio`` and, when
  both have a purpose or description of three words or more that fewer than
  :data:`BOILERPLATE` offers share, those by the cosine of their TF-IDF word
  vectors (similarity = 0.4 × name + 0.6 × description), after lower-casing,
  folding accents and dropping German, Dutch and English stop words; at least
  ``min_similarity`` (default 70 %).  The inverse document frequency comes
  from all compared offers, so the stock phrases many providers use ("personal
  counselling on money, housing and work") count for little and the details
  that make an offer itself (times, rooms, people, provider) for much: two
  providers' different offers of one kind share phrases, a re-entered offer
  shares nearly every word.  At the same place (under :data:`SAME_PLACE_KM`
  apart) similar names alone suffice: two offers of one kind for the same
  people at one address are the same thing twice, however each is described.

Pairs are grouped into connected components.  A pair's score (0–1) is
0.5 × text similarity + 0.2 × closeness (1 − distance / max_km) + 0.15 ×
target-group overlap + 0.15 × rung overlap (Jaccard); a group's score is the
mean of its pairs.  Offers whose funding has ended are left out.

It scales by *blocking*: an offer is only compared with offers of the same
category and region in the same grid cell (``max_km`` wide) or the cells next
to it; online offers form one block per category and region.  A block pair of
more than :data:`MAX_BLOCK` offers is compared by sorted neighbourhood instead
(each offer with the next :data:`WINDOW` offers in name order), so one dense
spot cannot make the comparison quadratic.  The cheap tests (rungs, target
groups, distance) run vectorised before any text is compared.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist
from scipy.sparse import coo_matrix, csr_matrix, diags
from scipy.sparse.csgraph import connected_components

from ..graph import edges_of
from ..i18n import percent
from ..vocab import group_lineage
from .common import bare_id, category_label, group_label, name_of, nodes_of, parse_date
from .text import say

__all__ = ["duplicate_offers", "normalise_text", "MAX_KM", "MIN_SIMILARITY", "MAX_BLOCK"]

MAX_KM = 1.5
MIN_SIMILARITY = 70.0
#: Largest block pair compared all-against-all.
MAX_BLOCK = 1500
#: Name-order window of oversized blocks.
WINDOW = 25
#: A description shared by this many offers is boilerplate: only names are compared.
BOILERPLATE = 5
#: Offers closer than this (km) are at the same place.
SAME_PLACE_KM = 0.05
#: Pairs whose descriptions are compared at once (bounds the memory of the sparse products).
_CHUNK = 50_000
_KM_PER_DEG = 111.2

_STOP_WORDS = (
    # German
    "der die das den dem des ein eine einen einem einer und oder für fur mit von zu zum zur "
    "im in am an auf aus bei nach über uber unter ist sind wird werden sie wir ihr ihre ihren "
    "sich auch als wie bis um durch nicht kein keine jede jeden jeder alle es man so noch "
    # Dutch
    "de het een en of voor met van naar te ten ter bij op uit aan door over onder is zijn wordt "
    "worden u je jij jouw uw we wij ze zij hun ook als hoe tot om niet geen elke alle er dat "
    "die dit deze wat waar "
    # English
    "the a an and or for with of to in on at by from is are be you your we our they their "
    "as how not no all each this that"
)
#: Words that say nothing about what an offer does (compared after folding accents).
STOP_WORDS = frozenset(_STOP_WORDS.split())
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise_text(text: str | None) -> str:
    """Lower-case, fold accents, drop stop words and one-letter tokens.

    >>> normalise_text("Bewerbungstraining für Alleinerziehende — Café-Treff")
    'bewerbungstraining alleinerziehende cafe treff'
    >>> normalise_text("Taalcursus voor vrouwen in de wijk")
    'taalcursus vrouwen wijk'
    """
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    tokens = _NON_WORD.sub(" ", ascii_text).split()
    return " ".join(t for t in tokens if len(t) > 1 and t not in STOP_WORDS)


@dataclass
class _Offers:
    """Arrays over the compared offers (index = position in ``ids``)."""

    ids: list[str] = field(default_factory=list)
    organisation: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    groups: list[tuple[str, ...]] = field(default_factory=list)
    accepts: list[tuple[int, ...]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    entry_offer: list[int] = field(default_factory=list)
    entry_lat: list[float] = field(default_factory=list)
    entry_lon: list[float] = field(default_factory=list)


def duplicate_offers(
    G: nx.MultiDiGraph,
    *,
    today: dt.date | None = None,
    max_km: float = MAX_KM,
    min_similarity: float = MIN_SIMILARITY,
    lang: str = "en",
) -> list[dict[str, Any]]:
    """Find groups of duplicated offers (see the module docstring for the rules).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The typed graph of :func:`socialmap.graph.build_graph`.
    today : datetime.date, optional
        Offers whose ``valid_until`` is before this day are left out (default: today).
    max_km : float
        Largest distance between two duplicated offers.
    min_similarity : float
        Least text similarity (0–100) of a duplicate pair.
    lang : {"en", "de", "nl"}
        Language of the reasons.

    Returns
    -------
    list of dict
        ``{"offers": [id, …], "score": float, "reasons": [str], "category": str,
        "organisations": [id, …]}``, highest score first.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for oid, org, lat in [("a", "x", 52.0), ("b", "y", 52.001), ("c", "z", 52.1)]:
    ...     G.add_node(f"location:{oid}", kind="location", lat=lat, lon=4.3)
    ...     G.add_node(f"offer:{oid}", kind="offer", id=oid, organisation=org, region="r",
    ...         category="job-coaching", accepts=(2, 3), target_groups=("single-parents",),
    ...         locations=(oid,), name="Jobcoaching für Alleinerziehende", online=False)
    >>> [d["offers"] for d in duplicate_offers(G, today=dt.date(2026, 1, 1))]
    [['a', 'b']]
    """
    today = today or dt.date.today()
    offers = _collect(G, today)
    if not offers.ids:
        return []
    parents = {bare_id(n): d.get("parent") for n, d in nodes_of(G, "target_group")}
    i, j, dist = _candidate_pairs(offers, max_km)
    i, j, dist = _cheap_filters(offers, parents, i, j, dist)
    sim = _similarity(offers, i, j, dist)
    keep = sim >= min_similarity
    i, j, dist, sim = i[keep], j[keep], dist[keep], sim[keep]
    return _groups(G, offers, parents, i, j, dist, sim, max_km, lang)


# --- collecting ------------------------------------------------------------------------------


def _collect(G: nx.MultiDiGraph, today: dt.date) -> _Offers:
    offers = _Offers()
    loc_points = {
        bare_id(n): (float(d["lat"]), float(d["lon"]))
        for n, d in G.nodes(data=True)
        if d.get("kind") == "location" and d.get("lat") is not None and d.get("lon") is not None
    }
    served: dict[str, list[str]] = {}
    for u, v, _ in edges_of(G, "serves-target-group"):
        served.setdefault(u, []).append(bare_id(v))
    for node, d in nodes_of(G, "offer"):
        until = parse_date(d.get("valid_until"))
        if until is not None and until < today:
            continue
        points = [loc_points[loc] for loc in d.get("locations") or () if loc in loc_points]
        if not points and not d.get("online"):
            continue  # neither on the map nor online: nothing to compare its place with
        index = len(offers.ids)
        offers.ids.append(str(d["id"]))
        offers.organisation.append(str(d.get("organisation")))
        offers.category.append(str(d.get("category")))
        offers.region.append(str(d.get("region")))
        offers.groups.append(tuple(sorted(served.get(node, ()))))
        offers.accepts.append(tuple(int(r) for r in d.get("accepts") or ()))
        offers.names.append(normalise_text(d.get("name")))
        description = " ".join(filter(None, [d.get("purpose"), d.get("description")]))
        offers.texts.append(normalise_text(description))
        for lat, lon in points or [(np.nan, np.nan)]:  # NaN: an online offer
            offers.entry_offer.append(index)
            offers.entry_lat.append(lat)
            offers.entry_lon.append(lon)
    return offers


# --- blocking --------------------------------------------------------------------------------

_OFFSETS = ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1))  # half the neighbours: each pair once


def _candidate_pairs(offers: _Offers, max_km: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entry pairs within a block or neighbouring blocks, as offer indices and distance (km)."""
    eo = np.asarray(offers.entry_offer, dtype=np.int64)
    lat = np.asarray(offers.entry_lat, dtype=float)
    lon = np.asarray(offers.entry_lon, dtype=float)
    online = np.isnan(lat)
    cell = max_km * 1.02  # a little wider than max_km: the projection is not exact
    y = np.where(online, 0.0, lat * _KM_PER_DEG)
    x = np.where(online, 0.0, lon * _KM_PER_DEG * np.cos(np.radians(np.nan_to_num(lat))))
    cx = np.floor(x / cell).astype(np.int64)
    cy = np.floor(y / cell).astype(np.int64)
    cx[~online] -= cx[~online].min() if (~online).any() else 0
    cy[~online] -= cy[~online].min() if (~online).any() else 0
    cx, cy = cx + 1, cy + 1
    width = int(cy.max()) + 3
    cx[online], cy[online] = int(cx.max()) + 3, 1  # online offers: one far-away cell
    height = int(cx.max()) + 3
    _, cat = np.unique(np.asarray(offers.category)[eo], return_inverse=True)
    _, reg = np.unique(np.asarray(offers.region)[eo], return_inverse=True)
    block = ((reg.astype(np.int64) * (cat.max() + 1) + cat) * height + cx) * width + cy
    order = np.argsort(block, kind="stable")
    keys, starts, counts = np.unique(block[order], return_index=True, return_counts=True)

    pairs: list[tuple[np.ndarray, np.ndarray]] = []
    for dx, dy in _OFFSETS:
        target = keys + dx * width + dy
        pos = np.searchsorted(keys, target)
        pos = np.minimum(pos, len(keys) - 1)
        hit = keys[pos] == target
        a, b = np.flatnonzero(hit), pos[hit]
        small = counts[a] + (counts[b] if (dx, dy) != (0, 0) else 0) <= MAX_BLOCK
        pairs.append(_cartesian(order, starts, counts, a[small], b[small], (dx, dy) == (0, 0)))
        for ai, bi in zip(a[~small].tolist(), b[~small].tolist(), strict=True):
            pairs.append(_sorted_window(offers, eo, order, starts, counts, ai, bi))
    ei = np.concatenate([p[0] for p in pairs])
    ej = np.concatenate([p[1] for p in pairs])
    i, j = eo[ei], eo[ej]
    both_online = online[ei] & online[ej]
    with np.errstate(invalid="ignore"):
        dist = _haversine(lat[ei], lon[ei], lat[ej], lon[ej])
    dist = np.where(both_online, 0.0, dist)
    keep = (i != j) & (online[ei] == online[ej]) & ((dist <= max_km) | both_online)
    i, j, dist = i[keep], j[keep], dist[keep]
    dist = np.where(both_online[keep], np.nan, dist)
    a, b = np.minimum(i, j), np.maximum(i, j)
    # one row per offer pair: the nearest pair of their locations
    order2 = np.lexsort((np.nan_to_num(dist, nan=-1.0), b, a))
    a, b, dist = a[order2], b[order2], dist[order2]
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    return a[first], b[first], dist[first]


def _cartesian(
    order: np.ndarray,
    starts: np.ndarray,
    counts: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    same: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Every entry of block ``a[k]`` against every entry of block ``b[k]``, vectorised."""
    na, nb = counts[a], counts[b]
    sizes = na * nb
    total = int(sizes.sum())
    if total == 0:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    rep = np.repeat(np.arange(len(a)), sizes)
    local = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    li, lj = local // nb[rep], local % nb[rep]
    if same:
        upper = li < lj
        rep, li, lj = rep[upper], li[upper], lj[upper]
    return order[starts[a][rep] + li], order[starts[b][rep] + lj]


def _sorted_window(
    offers: _Offers,
    eo: np.ndarray,
    order: np.ndarray,
    starts: np.ndarray,
    counts: np.ndarray,
    a: int,
    b: int,
) -> tuple[np.ndarray, np.ndarray]:
    """An oversized block pair: each entry against the next WINDOW entries in name order."""
    members = np.concatenate(
        [
            order[starts[a] : starts[a] + counts[a]],
            order[starts[b] : starts[b] + counts[b]] if a != b else [],
        ]
    )
    members = np.unique(members.astype(np.int64))
    names = np.asarray([offers.names[k] for k in eo[members]])
    members = members[np.argsort(names, kind="stable")]
    left, right = [], []
    for w in range(1, WINDOW + 1):
        left.append(members[:-w])
        right.append(members[w:])
    return np.concatenate(left), np.concatenate(right)


def _haversine(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = (
        np.sin((p2 - p1) / 2) ** 2
        + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


# --- filters and text ------------------------------------------------------------------------


def _cheap_filters(
    offers: _Offers, parents: dict[str, Any], i: np.ndarray, j: np.ndarray, dist: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep pairs with a shared rung and overlapping target groups (vectorised bit sets)."""
    rung_bits = np.array([sum(1 << r for r in acc) for acc in offers.accepts], dtype=np.int64)
    vocab = sorted({g for gs in offers.groups for g in gs} | set(parents))
    bit = {g: k for k, g in enumerate(vocab)}
    words = max(1, -(-len(vocab) // 64))
    own = np.zeros((len(offers.ids), words), dtype=np.uint64)
    up = np.zeros_like(own)  # the groups and every group above them
    for k, gs in enumerate(offers.groups):
        for g in gs:
            own[k, bit[g] // 64] |= np.uint64(1 << (bit[g] % 64))
            for anc in group_lineage(g, parents):
                if anc in bit:
                    up[k, bit[anc] // 64] |= np.uint64(1 << (bit[anc] % 64))
    empty = np.logical_not(own.any(axis=1))
    rungs = (rung_bits[i] & rung_bits[j]) != 0
    related = ((own[i] & up[j]).any(axis=1)) | ((own[j] & up[i]).any(axis=1))
    groups = (empty[i] & empty[j]) | related
    keep = rungs & groups
    return i[keep], j[keep], dist[keep]


def _similarity(offers: _Offers, i: np.ndarray, j: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """Text similarity (0–100) of each pair: names, and descriptions where both have one.

    At the same place (``dist`` below :data:`SAME_PLACE_KM`) the name alone
    counts when it is the higher.
    """
    if len(i) == 0:
        return np.zeros(0)
    names = np.asarray(offers.names, dtype=object)
    name_sim = cpdist(names[i], names[j], scorer=fuzz.token_sort_ratio, workers=-1)
    # A description many offers share is boilerplate ("a project of …"), not a sign of sameness.
    shared = Counter(offers.texts)
    words = np.array(
        [t.count(" ") + 1 if t and shared[t] < BOILERPLATE else 0 for t in offers.texts]
    )
    described = (words[i] >= 3) & (words[j] >= 3)
    sim = name_sim.astype(float)
    if described.any():
        text_sim = 100 * _tfidf_cosine(offers.texts, i[described], j[described])
        sim[described] = 0.4 * name_sim[described] + 0.6 * text_sim
    with np.errstate(invalid="ignore"):
        same_place = dist < SAME_PLACE_KM  # NaN (both online): not a place
    return np.where(same_place, np.maximum(sim, name_sim), sim)


def _tfidf_vectors(texts: list[str]) -> csr_matrix:
    """One unit-length row per text: its words (each once) weighted by inverse document frequency.

    The weight of a word is ``ln((1 + n) / (1 + df)) + 1`` for ``n`` texts of
    which ``df`` contain it, so a word in every text still counts a little.

    >>> X = _tfidf_vectors(["taalcafe woensdag", "taalcafe vrijdag", "fietsles woensdag"])
    >>> round(float(X[0].multiply(X[1]).sum()), 2), round(float(X[0].multiply(X[0]).sum()), 2)
    (0.43, 1.0)
    """
    vocabulary: dict[str, int] = {}
    cols = array("i")  # compact: a state network has millions of (text, word) entries
    lengths = array("i")
    for text in texts:
        words = {vocabulary.setdefault(word, len(vocabulary)) for word in text.split()}
        cols.extend(words)
        lengths.append(len(words))
    col = np.frombuffer(cols, dtype=np.int32) if cols else np.zeros(0, dtype=np.int32)
    indptr = np.concatenate([[0], np.cumsum(np.frombuffer(lengths, dtype=np.int32))])
    df = np.bincount(col, minlength=max(1, len(vocabulary)))
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    X = csr_matrix((idf[col], col, indptr), shape=(len(texts), len(df)))
    norm = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    return (diags(1.0 / np.where(norm > 0, norm, 1.0)) @ X).tocsr()


def _tfidf_cosine(texts: list[str], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Cosine (0–1) of the TF-IDF vectors of ``texts[i[k]]`` and ``texts[j[k]]``, in chunks."""
    X = _tfidf_vectors(texts)
    out = np.empty(len(i))
    for start in range(0, len(i), _CHUNK):
        a, b = i[start : start + _CHUNK], j[start : start + _CHUNK]
        out[start : start + len(a)] = np.asarray(X[a].multiply(X[b]).sum(axis=1)).ravel()
    return np.clip(out, 0.0, 1.0)


# --- groups and reasons ----------------------------------------------------------------------


def _jaccard(a: set[Any], b: set[Any]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _groups(
    G: nx.MultiDiGraph,
    offers: _Offers,
    parents: dict[str, Any],
    i: np.ndarray,
    j: np.ndarray,
    dist: np.ndarray,
    sim: np.ndarray,
    max_km: float,
    lang: str,
) -> list[dict[str, Any]]:
    if len(i) == 0:
        return []
    n = len(offers.ids)
    matrix = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, component = connected_components(matrix, directed=False)
    members: dict[int, list[int]] = {}
    for pair in range(len(i)):
        members.setdefault(int(component[i[pair]]), []).append(pair)
    result: list[dict[str, Any]] = []
    for pairs in members.values():
        scores = []
        for p in pairs:
            a, b = int(i[p]), int(j[p])
            closeness = 1.0 if np.isnan(dist[p]) else max(0.0, 1.0 - dist[p] / max_km)
            scores.append(
                0.5 * sim[p] / 100
                + 0.2 * closeness
                + 0.15 * _jaccard(set(offers.groups[a]), set(offers.groups[b]))
                + 0.15 * _jaccard(set(offers.accepts[a]), set(offers.accepts[b]))
            )
        idx = sorted(
            {int(i[p]) for p in pairs} | {int(j[p]) for p in pairs}, key=lambda k: offers.ids[k]
        )
        result.append(
            {
                "offers": [offers.ids[k] for k in idx],
                "score": round(float(np.mean(scores)), 2),
                "reasons": _reasons(G, offers, parents, idx, dist[pairs], sim[pairs], lang),
                "category": offers.category[idx[0]],
                "organisations": sorted({offers.organisation[k] for k in idx}),
            }
        )
    result.sort(key=lambda d: (-d["score"], d["offers"]))
    return result


def rung_span(rungs: list[int]) -> str:
    """Rungs as short text: ``[2, 3]`` → ``'2–3'``, ``[1, 3]`` → ``'1, 3'``.

    >>> rung_span([2, 3, 4]), rung_span([1, 3]), rung_span([5])
    ('2–4', '1, 3', '5')
    """
    rungs = sorted(rungs)
    if len(rungs) > 1 and rungs == list(range(rungs[0], rungs[-1] + 1)):
        return f"{rungs[0]}–{rungs[-1]}"
    return ", ".join(str(r) for r in rungs)


def _reasons(
    G: nx.MultiDiGraph,
    offers: _Offers,
    parents: dict[str, Any],
    idx: list[int],
    dist: np.ndarray,
    sim: np.ndarray,
    lang: str,
) -> list[str]:
    two = len(idx) == 2
    reasons = [say("same_category", lang, category=category_label(offers.category[idx[0]], lang))]
    groups = [set(offers.groups[k]) for k in idx]
    shared = set.intersection(*groups)
    if shared:
        names = ", ".join(group_label(G, g, lang) for g in sorted(shared))
        reasons.append(say("both_for" if two else "all_for", lang, groups=names))
    elif not set.union(*groups):
        reasons.append(say("open_to_all", lang))
    else:
        names = ", ".join(group_label(G, g, lang) for g in sorted(set.union(*groups)))
        reasons.append(say("related_groups", lang, groups=names))
    rungs = set.intersection(*(set(offers.accepts[k]) for k in idx))
    if rungs:
        reasons.append(
            say("both_accept" if two else "all_accept", lang, rungs=rung_span(list(rungs)))
        )
    if np.isnan(dist).all():
        reasons.append(say("both_online", lang))
    else:
        km = float(np.nanmax(dist))
        reasons.append(
            say("same_place", lang) if km < SAME_PLACE_KM else say("km_apart", lang, km=f"{km:.1f}")
        )
    share = round(float(sim.min())) / 100
    reasons.append(say("similar_text", lang, pct=percent(share, lang)))
    orgs = sorted({offers.organisation[k] for k in idx})
    if len(orgs) == 1:
        reasons.append(say("same_organisation", lang, name=name_of(G, f"organisation:{orgs[0]}")))
    else:
        reasons.append(say("organisations", lang, n=len(orgs)))
    return reasons
