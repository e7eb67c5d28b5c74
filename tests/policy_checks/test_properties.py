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


# --- normalisation (issue 11): inserted invisible characters, spaces, dashes, fullwidth forms ---

from policy_checks.textmap import NormText, normalise  # noqa: E402

CF_CHARS = st.one_of(
    st.characters(categories=["Cf"]),
    st.sampled_from(["\u034f", "\ufe0f", "\ufe00", "\U000e0100", "\u00ad", "\u200e"]),
)
SPACE_CHARS = st.one_of(st.characters(categories=["Zs"]), st.sampled_from(["\t", "\n"]))
DASH_CHARS = st.one_of(st.characters(categories=["Pd"]), st.sampled_from(["\u2212", "\uff0d"]))
FULLWIDTH = st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E)
BASE = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
        st.sampled_from(list("CONFIDENTIALSECRETabc0123456789-. []()\n")),
        st.sampled_from(list("СОЕАРТΙΝΤΟΡΕμмо")),  # Cyrillic/Greek look-alikes and others
        st.sampled_from(["ลับ", "ลับที่สุด", "เเ", "ํา", "ยยย", "มึง", "TOP SECRET", "1101700203450"]),
    ),
    max_size=60,
).map("".join)
INSERTS = st.one_of(CF_CHARS, SPACE_CHARS, DASH_CHARS, FULLWIDTH)


@st.composite
def with_inserts(draw, inserts=INSERTS):
    base = draw(BASE)
    chars = list(base)
    for _ in range(draw(st.integers(0, 12))):
        chars.insert(draw(st.integers(0, len(chars))), draw(inserts))
    return "".join(chars)


@FAST
@given(with_inserts())
def test_normtext_offsets_valid_and_idempotent(text):
    nt = NormText(text)
    once = nt.text
    assert normalise(once) == once  # normalising the normalised text changes nothing
    n = len(once)
    for a in range(0, n + 1, max(1, n // 7)):
        for b in range(a, n + 1, max(1, n // 5)):
            s, e = nt.span(a, b)
            assert 0 <= s <= e <= len(text)
    _assert_valid(text)


@FAST
@given(with_inserts(CF_CHARS))
def test_invisible_characters_change_nothing(text):
    stripped = "".join(ch for ch in text if ch not in "\u034f\ufe0f\ufe00\U000e0100" and not _is_cf(ch))
    assert normalise(text) == normalise(stripped)


def _is_cf(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) == "Cf"


@FAST
@given(BASE, st.data())
def test_spaces_dashes_fullwidth_read_as_ascii(base, data):
    swapped = []
    for ch in base:
        if ch == " ":
            swapped.append(data.draw(st.characters(categories=["Zs"])))
        elif ch == "-":
            swapped.append(data.draw(DASH_CHARS))
        elif "!" <= ch <= "~" and data.draw(st.booleans()):
            swapped.append(chr(ord(ch) + 0xFEE0))
        else:
            swapped.append(ch)
    text = "".join(swapped)
    assert normalise(text) == normalise(base)
    _assert_valid(text)
