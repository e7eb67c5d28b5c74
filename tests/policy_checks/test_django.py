"""Django edge: PolicyTerm snippet, cached lexicon, allow-list settings, CLI."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from policy_checks import check_text
from policy_checks.django_adapter import settings_allowlist
from policy_checks.models import PolicyTerm
from policy_checks.terms import get_lexicon


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str]:
    out = io.StringIO()
    code = 0
    try:
        call_command("check_content", *args, stdout=out)
    except SystemExit as exc:
        code = int(exc.code)
    return code, out.getvalue()


@pytest.fixture
def files(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("ลับ\nติดต่อ 081-234-5678", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("มหาวิทยาลัยจัดกิจกรรมปลูกต้นไม้", encoding="utf-8")
    warn = tmp_path / "warn.txt"
    warn.write_text("ติดต่อ 02-123-4567", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\xe9".encode("latin-1"))
    return {"bad": bad, "good": good, "warn": warn, "latin1": latin1}


@pytest.fixture(autouse=True)
def _no_provider(settings):
    settings.POLICY_CHECKS_ALLOWLIST_PROVIDER = ""
    settings.POLICY_CHECKS_ALLOWLIST = {"phones": ["056-717-100"], "emails": ["webmaster_pcru@pcru.ac.th"]}


@pytest.mark.django_db
def test_cli_json_single_file(files):
    code, out = run("--format", "json", str(files["bad"]))
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["findings"]
    assert [f["rule"] for f in data["findings"]] == ["confidential-marker", "personal-data.phone.mobile"]
    assert all(set(f) == {"rule", "severity", "start", "end", "match", "message"} for f in data["findings"])
    text = files["bad"].read_text(encoding="utf-8")
    assert all(text[f["start"] : f["end"]] == f["match"] for f in data["findings"])


@pytest.mark.django_db
def test_cli_json_several_files_and_exit_codes(files):
    code, out = run("--format", "json", str(files["good"]), str(files["warn"]))
    assert code == 0
    data = json.loads(out)
    assert [r["file"] for r in data["results"]] == [str(files["good"]), str(files["warn"])]
    assert data["results"][0]["findings"] == []
    assert data["results"][1]["findings"][0]["severity"] == "warning"


@pytest.mark.django_db
def test_cli_text_report_has_line_column_and_highlight(files):
    code, out = run("--format", "text", str(files["bad"]))
    assert code == 1
    assert f"{files['bad']}:2:8:" in out
    assert "»081-234-5678«" in out


@pytest.mark.django_db
def test_cli_context_options(files, tmp_path):
    opinion = tmp_path / "opinion.txt"
    opinion.write_text("ผมคิดว่าควรเพิ่มทุนการศึกษา", encoding="utf-8")
    code, out = run("--format", "json", "--kind", "opinion", str(opinion))
    assert code == 1
    assert json.loads(out)["findings"][0]["rule"] == "disclaimer-missing"
    code, out = run(
        "--format",
        "json",
        "--speaks-for-university",
        "--author-position",
        "นักประชาสัมพันธ์",
        "--author-unit",
        "กองกลาง",
        str(files["good"]),
    )
    assert (code, json.loads(out)) == (0, {"findings": []})


def test_cli_bad_input(files, tmp_path):
    for path in (tmp_path / "missing.txt", files["latin1"]):
        with pytest.raises(CommandError) as exc:
            call_command("check_content", str(path))
        assert exc.value.returncode == 2


@pytest.mark.django_db
def test_cli_reads_stdin(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO("โทร 081-234-5678".encode())

    monkeypatch.setattr("sys.stdin", FakeStdin())
    code, out = run("--format", "json", "-")
    assert code == 1
    assert json.loads(out)["findings"][0]["match"] == "081-234-5678"


def test_settings_allowlist_and_provider(settings):
    settings.POLICY_CHECKS_ALLOWLIST = {"phones": ["02-123-4567"], "emails": []}
    settings.POLICY_CHECKS_ALLOWLIST_PROVIDER = "tests.policy_checks.test_django.fake_provider"
    allow = settings_allowlist()
    assert "021234567" in allow.phones
    assert "unit@pcru.ac.th" in allow.emails
    settings.POLICY_CHECKS_ALLOWLIST_PROVIDER = "no.such.provider"
    assert "021234567" in settings_allowlist().phones  # a broken provider is logged, not fatal


def fake_provider():
    return {"phones": ["056-711-111"], "emails": ["unit@pcru.ac.th"]}


@pytest.mark.django_db
def test_policy_term_extends_lexicon_and_keeps_history():
    assert check_text("คำว่าเกรียนคีย์บอร์ดไม่ดี") == []
    term = PolicyTerm.objects.create(term="เกรียนคีย์บอร์ด", rule="impolite-language", severity="warning")
    findings = check_text("คำว่าเกรียนคีย์บอร์ดไม่ดี")
    assert [(f.rule, f.match, f.severity) for f in findings] == [("impolite-language", "เกรียนคีย์บอร์ด", "warning")]
    lexicon = get_lexicon()
    assert get_lexicon() is lexicon  # cached until a term changes
    term.severity = "error"
    term.save()
    assert get_lexicon() is not lexicon
    assert check_text("คำว่าเกรียนคีย์บอร์ดไม่ดี")[0].severity == "error"
    assert term.history.count() == 2
    term.delete()
    assert check_text("คำว่าเกรียนคีย์บอร์ดไม่ดี") == []


@pytest.mark.django_db
def test_spelling_term_needs_suggestion():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        PolicyTerm(term="ผิด", rule="spelling").full_clean()
    PolicyTerm.objects.create(term="ทดลองงค์", rule="spelling", suggestion="ทดลอง")
    assert check_text("ผลการทดลองงค์ดี")[0].suggestion == "ทดลอง"
