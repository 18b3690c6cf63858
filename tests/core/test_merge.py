"""One finding per problem (core/merge.py): flags about the same words merge, other flags stay apart."""
from __future__ import annotations

from reviewdesk.core.merge import expand_ids, merge_records, other_voices, same_words
from reviewdesk.storage.records import FlagRecord

TEXT = ("The war is far from over, a top US official said. We'll also delve into the talks. "
        "It is believed the talks are far from over. US officials disagree. Reports suggest more. "
        "Many experts have suggested less. The war is far from over.")


def rec(fid, rule, phrase, *, nth=0, places=None, severity="warning", status="pending", check=None):
    spans = places or [_find(phrase, nth)]
    start, end = spans[0]
    return FlagRecord(id=fid, fingerprint=fid * 5, check=check or rule.split(".")[0], rule=rule,
                      category=rule.split(".")[0], severity=severity, start=start, end=end, line=1,
                      column=start + 1, text=TEXT[start:end], message=f"{rule} on {phrase}",
                      suggestions=(), occurrences=tuple(spans) if len(spans) > 1 else (),
                      engines=(), state="active", status=status)


def _find(phrase, nth=0):
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(phrase, at + 1)
    return at, at + len(phrase)


def every(phrase):
    out, at = [], TEXT.find(phrase)
    while at >= 0:
        out.append((at, at + len(phrase)))
        at = TEXT.find(phrase, at + 1)
    return out


def test_a_cliche_and_a_repetition_of_the_same_phrase_are_one_finding_with_every_place():
    cliche = rec("c1", "filler.cliche", "far from over", places=every("far from over")[:2], severity="suggestion")
    repeated = rec("r1", "repetition.phrase", "far from over", places=every("far from over"))
    merged = merge_records([cliche, repeated])
    assert len(merged) == 1
    finding = merged[0]
    assert {finding.id, *(a.id for a in finding.also)} == {"c1", "r1"}
    assert len(finding.occurrences) == 3          # every place of both
    assert finding.severity == "warning"          # the stronger of the two
    assert [a.rule for a in other_voices(finding)] in (["repetition.phrase"], ["filler.cliche"])


def test_seo_filler_and_a_complex_word_inside_it_merge_but_a_word_inside_a_sentence_flag_does_not():
    seo = rec("s1", "filler.seo", "We'll also delve into")
    word = rec("w1", "readability.complex-word", "delve into", severity="suggestion")
    hard = rec("h1", "readability.hard-sentence", "It is believed the talks are far from over.")
    passive = rec("p1", "readability.passive-voice", "is believed", severity="suggestion")
    merged = merge_records([seo, word, hard, passive])
    ids = sorted(f.id for f in merged)
    assert ids == ["h1", "p1", "s1"]              # the hard sentence and its passive verb stay two
    assert [a.id for a in next(f for f in merged if f.id == "s1").also] == ["w1"]


def test_a_word_inside_a_longer_phrase_is_not_the_same_words():
    assert not same_words(_find("US"), _find("a top US official"))
    assert same_words(_find("US official"), _find("a top US official"))


def test_variant_lists_never_absorb_what_sits_on_their_places():
    variants = rec("v1", "consistency.spelling", "US", places=every("US"))
    vague = rec("a1", "sourcing.vague-attribution", "a top US official")
    merged = merge_records([variants, vague])
    assert sorted(f.id for f in merged) == ["a1", "v1"]


def test_three_vague_attributions_are_one_unnamed_sources_pattern_that_absorbs_their_repetition():
    vague = [rec("a1", "sourcing.vague-attribution", "a top US official"),
             rec("a2", "sourcing.vague-attribution", "Reports suggest"),
             rec("a3", "sourcing.vague-attribution", "Many experts have suggested"),
             rec("a4", "sourcing.vague-attribution", "US officials")]
    repeated = rec("r2", "repetition.phrase", "US official", places=[_find("US official"), _find("US official", 1)])
    merged = merge_records([*vague, repeated])
    assert len(merged) == 1
    finding = merged[0]
    assert finding.message.startswith("Unnamed sources: 4 passages credit no one by name")
    assert expand_ids([*vague, repeated], [finding.id]) == [finding.id, *(a.id for a in finding.also)]
    assert set(expand_ids([*vague, repeated], [finding.id])) == {"a1", "a2", "a3", "a4", "r2"}


def test_two_vague_attributions_stay_two_findings():
    vague = [rec("a1", "sourcing.vague-attribution", "a top US official"),
             rec("a2", "sourcing.vague-attribution", "Reports suggest")]
    assert sorted(f.id for f in merge_records(vague)) == ["a1", "a2"]


def test_a_suggestion_for_a_smaller_passage_does_not_carry_over_to_the_lead():
    seo = rec("s1", "filler.seo", "We'll also delve into")
    word = rec("w1", "readability.complex-word", "delve into", severity="suggestion")
    word = type(word)(**{**word.__dict__, "suggestions": ("explore",)})
    merged = merge_records([seo, word])
    assert merged[0].id == "s1" and merged[0].suggestions == ()


def test_outdated_flags_never_merge_with_current_ones():
    repeated = rec("r1", "repetition.phrase", "far from over", places=every("far from over"))
    old = type(repeated)(**{**rec("c1", "filler.cliche", "far from over").__dict__, "state": "outdated"})
    assert sorted(f.id for f in merge_records([repeated, old])) == ["c1", "r1"]
