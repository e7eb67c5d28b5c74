"""``python manage.py check_content [--format json|text] FILE...`` — the CLI contract.

With no ``--kind``/``--personal`` flags the default context (kind ``news``, speaker unknown)
still detects first-person opinion voice and reports a missing disclaimer as a warning.

Exit status: 0 no error-severity finding, 1 at least one, 2 bad input (missing file,
not UTF-8). ``-`` reads standard input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from policy_checks.django_adapter import settings_allowlist
from policy_checks.engine import check_text
from policy_checks.types import Allowlist, CheckContext, ContentKind, Finding, Severity

JSON_KEYS = ("rule", "severity", "start", "end", "match", "message")


def read_input(name: str) -> str:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"ไม่พบไฟล์ (file not found): {name}", returncode=2) from None
    except IsADirectoryError:
        raise CommandError(f"เป็นโฟลเดอร์ ไม่ใช่ไฟล์ (is a directory): {name}", returncode=2) from None
    except OSError as exc:
        raise CommandError(f"อ่านไฟล์ไม่ได้ (cannot read) {name}: {exc.strerror}", returncode=2) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CommandError(f"ไฟล์ไม่ใช่ UTF-8 (not UTF-8) {name}: byte {exc.start}", returncode=2) from None


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def text_report(name: str, text: str, findings: list[Finding], *, colour: bool) -> str:
    errors = sum(f.severity == Severity.ERROR for f in findings)
    warnings = sum(f.severity == Severity.WARNING for f in findings)
    out = [f"{name}: {len(findings)} finding(s), {errors} error(s), {warnings} warning(s)"]
    for f in findings:
        line, col = line_col(text, f.start)
        out.append(f"{name}:{line}:{col}: {f.severity} [{f.rule}] {f.message} ({f.message_en})")
        if f.start == f.end:
            out.append("    (ทั้งเอกสาร / whole document)")
            continue
        ls = text.rfind("\n", 0, f.start) + 1
        le = text.find("\n", f.start)
        le = len(text) if le < 0 else le
        end = min(f.end, le)
        before, hit, after = text[ls : f.start], text[f.start : end], text[end:le]
        if colour:
            out.append(f"    {before}\x1b[1;31m{hit}\x1b[0m{after}")
        else:
            out.append(f"    {before}»{hit}«{after}")
        if f.suggestion:
            out.append(f"    แนะนำ (suggestion): {f.suggestion}")
    return "\n".join(out)


class Command(BaseCommand):
    help = "ตรวจข้อความตามแนวปฏิบัติการเผยแพร่ (Check UTF-8 text files against the publication policy)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text file; '-' reads stdin")
        parser.add_argument("--format", choices=("json", "text"), default="text")
        parser.add_argument(
            "--kind",
            choices=[k.value for k in ContentKind],
            default=ContentKind.NEWS.value,
            help="content kind; whatever the kind, text written as a first-person opinion without a "
            "disclaimer gets disclaimer-missing (warning); --kind opinion or --personal makes it an error "
            "even without first-person voice",
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--speaks-for-university", dest="speaks", action="store_true", default=None)
        group.add_argument("--personal", "--not-for-university", dest="speaks", action="store_false")
        parser.add_argument("--author-name", default="")
        parser.add_argument("--author-position", default="")
        parser.add_argument("--author-unit", default="")
        parser.add_argument("--allow-phone", action="append", default=[], help="extra allow-listed number")
        parser.add_argument("--allow-email", action="append", default=[], help="extra allow-listed address")
        parser.add_argument("--no-provider", action="store_true", help="skip POLICY_CHECKS_ALLOWLIST_PROVIDER (no database)")
        parser.add_argument("--color", "--colour", dest="colour", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        names: list[str] = options["files"]
        if names.count("-") > 1:
            raise CommandError("อ่าน stdin ได้ครั้งเดียว (stdin given twice)", returncode=2)
        texts = [(name, read_input(name)) for name in names]
        allowlist = settings_allowlist(use_provider=not options["no_provider"]).merge(
            Allowlist.build(options["allow_phone"], options["allow_email"])
        )
        context = CheckContext(
            kind=options["kind"],
            speaks_for_university=options["speaks"],
            author_name=options["author_name"],
            author_position=options["author_position"],
            author_unit=options["author_unit"],
            allowlist=allowlist,
        )
        results = [(name, text, check_text(text, context)) for name, text in texts]
        if options["format"] == "json":
            payloads = [
                {"file": name, "findings": [{k: f.as_dict()[k] for k in JSON_KEYS} for f in findings]} for name, _text, findings in results
            ]
            doc: dict[str, Any] = {"findings": payloads[0]["findings"]} if len(payloads) == 1 else {"results": payloads}
            self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n\n".join(text_report(n, t, f, colour=options["colour"]) for n, t, f in results))
        self.stdout.flush()
        if any(f.severity == Severity.ERROR for _n, _t, findings in results for f in findings):
            sys.exit(1)
