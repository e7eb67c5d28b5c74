"""Property tests on arbitrary Unicode: never raise, offsets always valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_checks import CheckContext, check_fields, check_text

THAIISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F),
        st.sampled_from(list("0123456789-. \n()+@[]*\u200b")),
        st.characters(),
    ),
    max_size=300,
)
SNIPPETS = st.lists(
    st.sampled_from(["ลับ", "\n", " ", "กู", "มึง", "081-234-5678", "1101700203450", "ค.ว.ย", "สังเกตุ", "@gmail.com", "ๆ"]),
    max_size=12,
).map("".join)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_valid(text: str) -> None:
    for f in check_text(text, CheckContext(kind="opinion", speaks_for_university=True)):
        assert 0 <= f.start <= f.end <= len(text)
        assert f.match == text[f.start : f.end]
        assert f.severity in ("error", "warning", "info")


@FAST
@given(THAIISH)
def test_arbitrary_unicode_never_raises(text):
    _assert_valid(text)


@FAST
@given(st.lists(st.one_of(SNIPPETS, THAIISH), max_size=4).map("".join))
def test_mixed_sensitive_snippets(text):
    _assert_valid(text)


@FAST
@given(st.dictionaries(st.text(max_size=5), THAIISH, max_size=3))
def test_check_fields_offsets(fields):
    for f in check_fields(fields, CheckContext()):
        assert f.field in fields
        assert f.match == fields[f.field][f.start : f.end]
