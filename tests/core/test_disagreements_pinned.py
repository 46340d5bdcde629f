"""The disagreement list pinned row by row (issue 17: made linear at 500k segments; output unchanged).

Three coders over the demo agreements with overlapping, partial, shifted, doubled, chained and missing
codings, and consensus decisions; every passage's fields are asserted exactly, and a digest of the
whole list over many generated codings pins the rest.
"""
from __future__ import annotations

import hashlib
import random

from burgerannotator.core import codebook, consensus, segments
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.demo import CODER_A, CODER_B
from burgerannotator.core.disagreements import passages
from burgerannotator.core.documents import find_document, list_documents

CODER_C = "Coder C"


def flat(found, uuids: bool = True) -> list[tuple]:
    """Every field of every passage, in list order (by_coder in its order, segments in theirs).
    ``uuids=False`` leaves out the uuids (new in every build) after checking they are the right ones."""
    if not uuids:
        for p in found:
            assert p.key == f"{p.document_uuid}:{p.code_uuid}:{p.start}-{p.end}"
    return [((p.key, p.document_uuid, p.code_uuid) if uuids else ()) +
            (p.document, p.code_id, p.code_name, p.start, p.end, p.page, p.agreed, p.kind, p.decided,
             tuple(p.absent_coders),
             tuple((name, tuple(((s.uuid,) if uuids else ()) + (s.coder, s.start, s.end, s.quote, s.page)
                                for s in segs))
                   for name, segs in p.by_coder.items()))
            for p in found]


def _check_uuids(project, found) -> None:
    """Each listed segment uuid is the segment with that coder, code, document and span."""
    from burgerannotator.core.models import Segment

    rows = {s.uuid: s for s in project.session.query(Segment)}
    for p in found:
        for name, segs in p.by_coder.items():
            for s in segs:
                seg = rows[s.uuid]
                assert (seg.coder.name, seg.code.uuid, seg.document.uuid, seg.start, seg.end, seg.quote) == \
                    (name, p.code_uuid, p.document_uuid, s.start, s.end, s.quote)


def short(found) -> list[tuple]:
    """The same rows without uuids and quotes, readable in the test."""
    return [(p.document, p.code_id, p.start, p.end, p.page, p.kind, p.decided,
             tuple((name, tuple((s.start, s.end, s.page) for s in segs)) for name, segs in p.by_coder.items()))
            for p in found]


def _code(project, code_id):
    return next(c for c in codebook.leaf_codes(project) if c.code_id == code_id)


def _three_coders(project):
    """Coder C beside the demo coders: same, shifted, partial, doubled, chained, missing and alone."""
    c = get_or_create_coder(project, CODER_C)
    a = get_or_create_coder(project, CODER_A)
    for seg in segments.segments(project, coder=a):
        doc, code, s, e = seg.document, seg.code, seg.start, seg.end
        city = doc.label
        if city == "Nijmegen" and code.code_id == "MECH-UITDAAGRECHT":
            segments.create_segment(project, doc, code, c, s, e)  # same span
        elif city == "Amsterdam" and code.code_id == "MECH-BUURTRECHTEN":
            segments.create_segment(project, doc, code, c, s + 3, e + 2)  # shifted a little
        elif city == "Rotterdam":
            segments.create_segment(project, doc, code, c, s, s + (e - s) // 3)  # partial
        elif city == "Haarlem":  # two segments of one coder in the passage
            segments.create_segment(project, doc, code, c, s, s + 10)
            segments.create_segment(project, doc, code, c, s + 20, e)
        elif city == "Nijmegen":  # a chain running on past the passage
            segments.create_segment(project, doc, code, c, e - 5, e + 40)
            segments.create_segment(project, doc, code, c, e + 30, e + 90)
        # Amsterdam MECH-PARTICIPATIEKADER: missing
    utrecht = find_document(project, "Utrecht")
    segments.create_segment(project, utrecht, _code(project, "MECH-DIALOOG"), c, 100, 180)  # only coder C
    segments.create_segment(project, utrecht, _code(project, "MECH-DIALOOG"), c, 180, 200)  # touching, apart
    return c


def test_three_coders_full_list_pinned(demo_project):
    project = demo_project
    _three_coders(project)
    found = passages(project, which="all", include_decided=True)
    assert short(found) == EXPECTED_ALL
    assert [p.kind for p in passages(project)] == [row[5] for row in EXPECTED_ALL if row[5] != "agreed"]
    _check_uuids(project, found)
    first = found[0]
    assert first.by_coder[CODER_A][0].quote == segments.find_segment(project, first.by_coder[CODER_A][0].uuid).quote
    assert short(passages(project, coders=f"{CODER_A},{CODER_C}", overlap=0.5)) == EXPECTED_AC_HALF
    # decisions: a decided passage leaves the open list, and shows with include_decided
    open_before = passages(project)
    consensus.reject(project, open_before[0], CODER_B)
    consensus.accept_coder(project, open_before[1], CODER_A, CODER_B)
    after = passages(project)
    assert flat(after) == flat(open_before[2:])
    shown = passages(project, include_decided=True)
    assert [p.decided for p in shown] == [True, True] + [False] * (len(open_before) - 2)
    assert flat(shown)[2:] == flat(open_before[2:])


def _generated(project, n=600, seed=17):
    rng = random.Random(seed)
    coders = [get_or_create_coder(project, name) for name in (CODER_A, CODER_B, CODER_C)]
    codes = codebook.leaf_codes(project)[:6]
    docs = list_documents(project)
    pool = []
    for _ in range(n // 3):
        d = rng.choice(docs)
        s = rng.randrange(0, max(1, len(d.text) - 400))
        pool.append((d, rng.choice(codes), s, s + rng.randint(5, 300)))
    for coder in coders:
        for d, code, s, e in pool:
            r = rng.random()
            if r < 0.15:
                continue
            if r < 0.3:
                s, e = max(0, s + rng.randint(-40, 40)), e + rng.randint(-40, 40)
            elif r < 0.35:
                s = rng.randrange(0, max(1, len(d.text) - 400))
                e = s + rng.randint(5, 300)
            e = min(max(e, s + 1), len(d.text))
            try:
                segments.create_segment(project, d, code, coder, s, e, flush=False)
            except Exception:  # already coded this very span
                pass
    project.session.flush()


def test_generated_codings_digest_pinned(demo_project):
    project = demo_project
    _three_coders(project)
    _generated(project)
    found = passages(project, which="all", include_decided=True)
    kinds = [p.kind for p in found]
    _check_uuids(project, found)
    assert (len(found), kinds.count("agreed"), kinds.count("absent"), kinds.count("boundaries")) == EXPECTED_COUNTS
    assert hashlib.sha256(repr(flat(found, uuids=False)).encode()).hexdigest() == EXPECTED_DIGEST
    half = passages(project, overlap=0.5, coders=f"{CODER_B},{CODER_C}")
    assert hashlib.sha256(repr(flat(half, uuids=False)).encode()).hexdigest() == EXPECTED_DIGEST_HALF




EXPECTED_ALL = \
[('Amsterdam',
  'MECH-PARTICIPATIEKADER',
  497,
  562,
  'ii',
  'absent',
  False,
  (('Demo coder A', ((497, 562, 'ii'),)), ('Demo coder B', ()), ('Coder C', ()))),
 ('Amsterdam',
  'MECH-BUURTRECHTEN',
  563,
  625,
  'ii',
  'agreed',
  False,
  (('Demo coder A', ((563, 619, 'ii'),)), ('Demo coder B', ((563, 619, 'ii'),)), ('Coder C', ((563, 625, 'ii'),)))),
 ('Rotterdam',
  'MECH-ZELFBEHEER',
  687,
  738,
  'ii',
  'boundaries',
  False,
  (('Demo coder A', ((687, 738, 'ii'),)), ('Demo coder B', ((687, 738, 'ii'),)), ('Coder C', ((687, 713, 'ii'),)))),
 ('Utrecht',
  'MECH-DIALOOG',
  100,
  201,
  'i',
  'absent',
  False,
  (('Demo coder A', ()), ('Demo coder B', ()), ('Coder C', ((100, 187, 'i'), (176, 201, 'ii'))))),
 ('Nijmegen',
  'MECH-UITDAAGRECHT',
  67175,
  67213,
  '22',
  'agreed',
  False,
  (('Demo coder A', ((67175, 67213, '22'),)),
   ('Demo coder B', ((67175, 67213, '22'),)),
   ('Coder C', ((67175, 67213, '22'),)))),
 ('Nijmegen',
  'MECH-DIALOOG',
  11325,
  11473,
  '3',
  'absent',
  False,
  (('Demo coder A', ((11325, 11379, '3'),)),
   ('Demo coder B', ()),
   ('Coder C', ((11374, 11422, '3'), (11403, 11473, '3'))))),
 ('Arnhem',
  'TERM-BURGERINITIATIEF',
  624,
  675,
  'ii',
  'absent',
  False,
  (('Demo coder A', ()), ('Demo coder B', ((624, 675, 'ii'),)), ('Coder C', ()))),
 ('Haarlem',
  'MECH-UITDAAGRECHT',
  13128,
  13214,
  '4',
  'absent',
  False,
  (('Demo coder A', ((13128, 13214, '4'),)),
   ('Demo coder B', ()),
   ('Coder C', ((13128, 13140, '4'), (13141, 13214, '4'))))),
 ('Haarlem',
  'TERM-BEWONERSINITIATIEF',
  13128,
  13214,
  '4',
  'absent',
  False,
  (('Demo coder A', ()), ('Demo coder B', ((13128, 13214, '4'),)), ('Coder C', ())))]
EXPECTED_AC_HALF = \
[('Amsterdam',
  'MECH-PARTICIPATIEKADER',
  497,
  562,
  'ii',
  'absent',
  False,
  (('Demo coder A', ((497, 562, 'ii'),)), ('Coder C', ()))),
 ('Utrecht',
  'MECH-DIALOOG',
  100,
  201,
  'i',
  'absent',
  False,
  (('Demo coder A', ()), ('Coder C', ((100, 187, 'i'), (176, 201, 'ii'))))),
 ('Nijmegen',
  'MECH-DIALOOG',
  11325,
  11473,
  '3',
  'boundaries',
  False,
  (('Demo coder A', ((11325, 11379, '3'),)), ('Coder C', ((11374, 11422, '3'), (11403, 11473, '3'))))),
 ('Haarlem',
  'MECH-UITDAAGRECHT',
  13128,
  13214,
  '4',
  'boundaries',
  False,
  (('Demo coder A', ((13128, 13214, '4'),)), ('Coder C', ((13128, 13140, '4'), (13141, 13214, '4')))))]
EXPECTED_COUNTS = (232, 59, 121, 52)
EXPECTED_DIGEST = '966cc855edc09f9587cc855692fe889f642a197ac1d0e7a753324c935266e233'
EXPECTED_DIGEST_HALF = '05e0893c8c683a7471f8074bbdf89afc6538084468aeef5f5917c96caf58a43e'


def test_decided_exactly_when_a_consensus_segment_overlaps(demo_project):
    """Consensus segments (coded and rejected) over many passages: 'decided' is exactly 'a consensus
    segment of that document and code overlaps the passage', checked pair by pair."""
    from burgerannotator.core.coders import consensus_coder

    project = demo_project
    _three_coders(project)
    _generated(project, n=300, seed=3)
    before = passages(project, which="all")
    rng = random.Random(8)
    cons = consensus_coder(project)
    made = []
    for p in rng.sample(before, 40):
        doc, code = find_document(project, p.document), _code(project, p.code_id)
        s = rng.choice([p.start - 30, p.start, p.end - 1, p.end, p.end + 5])  # touching or just inside
        s = max(0, s)
        seg = segments.create_segment(project, doc, code, cons, s, s + rng.randint(1, 25),
                                      status=rng.choice(["coded", "rejected"]), origin="consensus")
        if rng.random() < 0.3:  # ending just where the passage starts (set past the anchoring)
            seg.start, seg.end = max(0, p.start - 10), p.start
            project.session.flush()
        made.append((doc.uuid, code.uuid, seg.start, seg.end))
    shown = passages(project, which="all", include_decided=True)
    assert [p.key for p in shown] == [p.key for p in before]
    want = [any(d == p.document_uuid and k == p.code_uuid and s < p.end and p.start < e for d, k, s, e in made)
            for p in shown]
    assert [p.decided for p in shown] == want
    assert 0 < sum(want) < len(want)
    assert [p.key for p in passages(project, which="all")] == [p.key for p, w in zip(shown, want) if not w]


def test_one_coder_twice_is_not_agreement_even_when_every_span_matches(demo_project):
    """Three segments in a passage of three coders, but two by one coder: a disagreement (coder C absent)."""
    project = demo_project
    get_or_create_coder(project, CODER_C)
    a, b = get_or_create_coder(project, CODER_A), get_or_create_coder(project, CODER_B)
    utrecht, code = find_document(project, "Utrecht"), _code(project, "MECH-DIALOOG")
    first = segments.create_segment(project, utrecht, code, a, 1000, 1600)
    second = segments.create_segment(project, utrecht, code, a, 1010, 1600)
    other = segments.create_segment(project, utrecht, code, b, 1000, 1600)
    assert second.start > first.start and (first.start, first.end) == (other.start, other.end)
    found = passages(project, which="all", codes="MECH-DIALOOG", coders=f"{CODER_A},{CODER_B},{CODER_C}")
    mine = [p for p in found if p.document == "Utrecht"]
    assert [(p.kind, p.agreed, p.absent_coders) for p in mine] == [("absent", False, [CODER_C])]
    assert [[s.uuid for s in segs] for segs in mine[0].by_coder.values()] == \
        [[first.uuid, second.uuid], [other.uuid], []]
