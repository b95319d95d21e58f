"""One actor per person: split names joined, bare surnames and other spellings joined to the full name
the article introduced, or to the knowledge base's office-holder of that surname."""

from __future__ import annotations

from ..actors import ActorInfo, MentionInfo, RoleInfo
from ..institutions import classify
from ..kb import KnowledgeBase, norm_name, per_kb
from .names import _part_matches, _variant, name_tokens, same_person_name, stable_id
from .state import _apply, _info, _State
from .words import PARTICLES


# -- names ----------------------------------------------------------------------------------------
def _person_like(state: _State, info: ActorInfo, mention: MentionInfo) -> bool:
    """A person, or an organization mention that is a bare name ("Trump" tagged ORG)."""
    if info.kind == "person":
        return True
    if info.kind != "organization" or info.known or mention.via != "name":
        return False
    if classify(mention.text, state.kb) is not None:
        return False
    words_ = mention.text.split()
    return 1 <= len(words_) <= 4 and all(w[:1].isupper() for w in words_)


def _join_split_names(state: _State) -> None:
    """"Sayyid Badr" + "bin Hamad Albusaidi": one name the model cut in two, joined back."""
    doc = state.doc
    ordered = sorted(state.mentions, key=lambda m: m.start)
    for first, second in zip(ordered, ordered[1:]):
        a, b = state.actors.get(first.actor), state.actors.get(second.actor)
        if a is None or b is None or a.known or b.known or a.kind != "person" or b.kind != "person":
            continue
        gap = doc[first.end:second.start]
        if len(gap) > 2 or any(t.lower_ not in PARTICLES for t in gap) or first.via != "name" or second.via != "name":
            continue
        if second.text.split()[0].lower() not in PARTICLES and gap.text.strip():
            continue
        if not (gap.text.strip() or second.text.split()[0].lower() in PARTICLES):
            continue  # two names side by side with nothing between are two people ("Xi Putin" never occurs)
        name = doc[first.start:second.end].text
        state.mentions = [m for m in state.mentions if m is not first and m is not second]
        joined = ActorInfo(stable_id(name, "person"), name, "person", a.country or b.country, None, known=False)
        state.add(first.start, second.end, joined, "name")
        state.roles = [RoleInfo(joined.id, r.role, r.of, r.start_char, r.end_char) if r.person in (a.id, b.id) else r
                       for r in state.roles]


def _bare_surnames(state: _State) -> None:
    """"Khurelsukh, who had been due in Astana, told ...": a family name the model left untagged
    is the person of that name introduced earlier in the article."""
    doc = state.doc
    people = [m for m in state.mentions if state.kind(m.actor) == "person" and m.via == "name" and m.end - m.start >= 2]
    # name part -> each person it can name and where that person's name first comes: a word asks
    # for its owners without walking every name of the article (issue 14)
    by_last: dict[str, dict[str, int]] = {}
    by_part: dict[str, dict[str, int]] = {}
    for m in people:
        parts = name_tokens(m.text)
        for part in parts[-1:]:
            first = by_last.setdefault(part, {})
            first[m.actor] = min(first.get(m.actor, m.start), m.start)
        for part in parts:
            first = by_part.setdefault(part, {})
            first[m.actor] = min(first.get(m.actor, m.start), m.start)
    covered = {i for m in state.mentions for i in range(m.start, m.end)}
    for token in state.tokens:
        if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper() or len(token.text) < 4:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
            continue  # part of a longer name the model did not tag
        word = norm_name(token.text)
        named = [by_last.get(word, {}), by_part.get(word, {}) if len(word) >= 5 else {}]
        owners = {actor for first in named for actor, start in first.items() if start < token.i}
        if len(owners) == 1:
            state.add(token.i, token.i + 1, state.actors[owners.pop()], "name")


def _split_pairs(state: _State) -> None:
    """"Lula and Petro" read by the model as one name: two mentions, one per name."""
    doc = state.doc
    for m in list(state.mentions):
        info = state.actors.get(m.actor)
        if info is None or info.known or m.via != "name" or info.kind not in ("person", "organization"):
            continue
        words_ = [t for t in doc[m.start:m.end]]
        cuts = [t.i for t in words_ if t.lower_ == "and"]
        if len(cuts) != 1 or classify(m.text, state.kb) is not None:
            continue
        for start, end in ((m.start, cuts[0]), (cuts[0] + 1, m.end)):
            part = doc[start:end]
            if not part.text[:1].isupper():
                break
            name = part.text
            known = [a for a in state.kb.lookup(name, "person") if state.published and state.kb.offices(a.id, state.published)]
            actor = _info(state, known[0]) if len(known) == 1 else _office_holder_by_surname(state, name)
            state.add(start, end, actor or ActorInfo(stable_id(name, "person"), name, "person", None, None, known=False),
                      "name")


def _join_names(state: _State) -> None:
    """Surnames and variants join the full name introduced in the article; a name the KB spells
    otherwise joins the KB's person who held an office on the article's date."""
    remap: dict[str, str] = {}
    for m in state.mentions:
        info = state.actors.get(m.actor)
        if info is None or m.via != "name" or m.actor in remap or info.known or not _person_like(state, info, m):
            continue
        holder = _office_holder_by_surname(state, m.text)
        if holder is not None:
            state.actors.setdefault(holder.id, holder)
            remap[m.actor] = holder.id
    _apply(state, remap)
    named = [m for m in state.mentions if m.via == "name" and m.actor in state.actors]
    # the canonical person of each cluster: KB-known first, then the longest name, then the first seen
    full = [m for m in named if state.actors[m.actor].kind == "person" and len(name_tokens(m.text)) >= 2]
    groups = _FullNames(full)
    remap = {}
    for m in named:
        info = state.actors[m.actor]
        if not _person_like(state, info, m):
            continue
        best = groups.best(state, m, info)
        if best is None:
            continue
        target = remap.get(best, best)
        if target == m.actor:
            continue
        if info.known and state.actors[target].known and len(name_tokens(m.text)) >= 2 \
                and not same_person_name(info.name, state.actors[target].name):
            continue  # two different people the KB knows
        remap[m.actor] = target
    _apply(state, remap)


class _FullNames:
    """The article's full names grouped by spelling and actor, for :func:`_join_names`.

    Which full name a shorter one joins depends on the spelling, the actor and, within a group, only
    on where its mentions stand: the last one before the short name, or the first of all. So each
    short name asks every group once instead of every full-name mention (quadratic, issue 14).
    """

    def __init__(self, full: list[MentionInfo]) -> None:
        members: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for position, f in enumerate(full):
            members.setdefault((f.text, f.actor), []).append((f.start, position))
        # per group: starts in order, the latest list position among the mentions up to each, the first position
        self.groups: list[tuple[str, str, list[int], list[int], int]] = []
        for (text, actor), found in members.items():
            first = min(position for _, position in found)
            found.sort()
            latest, top = [], -1
            for _, position in found:
                top = max(top, position)
                latest.append(top)
            self.groups.append((text, actor, [start for start, _ in found], latest, first))

    def best(self, state: _State, m: MentionInfo, info: ActorInfo) -> str | None:
        """The actor of the full name ``m`` joins: of the last candidate before it in list order,
        else of the first candidate; None when no full name can be its own."""
        import bisect

        earlier: tuple[int, str] | None = None
        first: tuple[int, str] | None = None
        for text, actor, starts, latest, position in self.groups:
            if actor == m.actor or not same_person_name(m.text, text):
                continue
            known = state.actors[actor].known
            if not (known or not info.known):
                continue
            # a longer name, or a KB-known one for an unknown, is a candidate wherever it stands;
            # one of the same standing only before the short name
            anywhere = len(name_tokens(text)) > len(name_tokens(m.text)) or (known and not info.known)
            if not anywhere and known != info.known:
                continue
            before = bisect.bisect_left(starts, m.start)
            if before and (earlier is None or latest[before - 1] > earlier[0]):
                earlier = (latest[before - 1], actor)
            if anywhere and (first is None or position < first[0]):
                first = (position, actor)
        chosen = earlier or first
        return chosen[1] if chosen else None


def _surnames_named_in_article(state: _State) -> None:
    """"Mayor Ivan Horvat said ... Horvat said": a family name the linker gave to a knowledge-base
    person of that surname (János Horvát) is the person the article introduced with a full name
    that is not the KB person's, when every mention of the KB person is that family name alone."""
    singles: dict[str, list[MentionInfo]] = {}
    for m in state.mentions:
        info = state.actors.get(m.actor)
        if info is not None and info.known and info.kind == "person":
            singles.setdefault(m.actor, []).append(m)
    remap: dict[str, str] = {}
    full_names: list[tuple[int, str, str]] | None = None  # (token, actor, last name part), built on demand
    for actor, mentions in singles.items():
        if any(m.via != "name" or len(name_tokens(m.text)) != 1 for m in mentions):
            continue
        if full_names is None:
            full_names = [(f.start, f.actor, parts[-1]) for f in state.mentions
                          if f.via == "name" and state.kind(f.actor) == "person"
                          and len(parts := name_tokens(f.text)) >= 2]
        first = min(m.start for m in mentions)
        word = name_tokens(mentions[0].text)[0]
        owners = {owner for start, owner, last in full_names
                  if start < first and owner != actor
                  and (last == word or _variant(last, word, 0.85))
                  and not same_person_name(state.actors[owner].name, state.actors[actor].name)}
        if len(owners) == 1:
            remap[actor] = owners.pop()
    _apply(state, remap)


@per_kb
def _surname_index(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Name part -> the KB people with an office, built once per knowledge base."""
    index: dict[str, list[str]] = {}
    people = {t.person for t in kb.tenures}
    for person in people:
        actor = kb.get(person)
        if actor is None:
            continue
        for name in (actor.name, *actor.aliases):
            tokens = name_tokens(name)
            if len(tokens) < 2:
                continue
            # every part: name order varies ("Khurelsukh Ukhnaa" / "Ukhnaagiin Khurelsukh")
            for part in tokens:
                if len(part) >= 4 and person not in index.get(part, []):
                    index.setdefault(part, []).append(person)
    return index


@per_kb
def _spellings(kb: KnowledgeBase) -> tuple[dict[tuple[str, int], list[str]], dict[str, list[str]]]:
    """The surname index's name parts by first letter and length, and the answers of :func:`_keys_like`."""
    buckets: dict[tuple[str, int], list[str]] = {}
    for k in _surname_index(kb):
        buckets.setdefault((k[:1], len(k)), []).append(k)
    return buckets, {}


def _keys_like(kb: KnowledgeBase, key: str) -> list[str]:
    """Family names in the surname index spelled like ``key`` ("Aliev" -> "aliyev"): compared only with
    names of the same first letter and nearly the same length, cheap bounds first, each answer kept."""
    import difflib

    buckets, answers = _spellings(kb)
    if key in answers:
        return answers[key]
    found = []
    matcher = difflib.SequenceMatcher(None, "", key)  # the key is the side difflib prepares once
    for size in range(max(4, len(key) - 3), len(key) + 4):
        for k in buckets.get((key[:1], size), ()):
            matcher.set_seq1(k)
            if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8:
                found.append(k)
    answers[key] = found
    return found


def _office_holder_by_surname(state: _State, text: str) -> ActorInfo | None:
    """"Erdogan" alone, or "Abdel Fattah al-Sisi" spelled otherwise than the KB, in an article of a
    date when one person of that name held an office."""
    tokens = name_tokens(text)
    if not tokens or state.published is None or len(tokens) > 5 or all(len(t) < 4 for t in tokens):
        return None
    index = _surname_index(state.kb)
    people: list[str] = []
    for key in tokens:  # any part may be the family name: "Khurelsukh Ukhnaa" is Ukhnaagiin Khurelsukh
        if len(key) < 4:
            continue
        # one word alone must be spelled as the KB spells it ("Tigris" is nobody's misspelling)
        near = index.get(key, []) if len(tokens) == 1 else (
            index.get(key) or [p for k in _keys_like(state.kb, key) for p in index[k]])
        people += [p for p in near if p not in people]
    found = []
    for person in people:
        actor = state.kb.get(person)
        if actor is None or not state.kb.offices(person, state.published):
            continue
        if len(tokens) == 1 and not any(tokens[0] in name_tokens(n)[1:] for n in (actor.name, *actor.aliases)):
            continue  # a single word names a person by a family name ("Erdogan", "Lula"), never a first name
        known = {t for name in (actor.name, *actor.aliases) for t in name_tokens(name)}
        unmatched = [t for t in tokens if not _part_matches(t, known)]
        # a middle name the KB leaves out ("William Samoei Ruto") is no reason to doubt the rest
        if not unmatched or (len(tokens) >= 3 and unmatched == [t for t in tokens[1:-1] if t in unmatched][:1]
                             and len(unmatched) == 1):
            found.append(person)
    if len(found) != 1:
        return None
    actor = state.kb.get(found[0])
    return _info(state, actor) if actor is not None else None
