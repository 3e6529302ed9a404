"""The validation API: one report per message, every problem in it.

``validate`` never raises for a bad message: unreadable input becomes a
``PARSE`` finding, schema problems ``SCHEMA`` findings, and rule violations
findings with their official ids.  Only bad *options* (an unknown rule id or
profile, contradictory dates) raise, because those are the caller's bug.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ncts5.errors import ParseError, SchemaError
from ncts5.messages.catalogue import Release, message_class
from ncts5.messages.message import Message
from ncts5.report import Finding, Report
from ncts5.xml.parsing import DEFAULT_MAX_BYTES, Source, parse, read_source, root_name

if TYPE_CHECKING:
    from ncts5.rules.options import Options
    from ncts5.rules.profiles import Profile
    from ncts5.xml.xsd import XsdValidator


def _schema_findings(exc: SchemaError) -> list[Finding]:
    return [Finding("SCHEMA", "error", p.path, p.data_element, p.message, None, p.value) for p in exc.problems]


def _parse_finding(exc: ParseError) -> Finding:
    path = f"line {exc.line}" if exc.line else "/"
    return Finding("PARSE", "error", path, None, exc.reason, None, None, exc.line, exc.column)


#: Why a Phase 6 message cannot be validated in the transition phase.
NO_P6_TRANSITION = (
    "Phase 6 has no transition period: the transition phase (--phase transition, or a decisive date on or "
    "before TPendDate) applies to Phase 5 messages only; this Phase 6 message was validated in the final phase"
)


def _phase_of_release(options: Options, name: str, release: str) -> tuple[Options, list[Finding]]:
    """The options a message of ``release`` is validated under, and a ``PHASE`` error if they had to change.

    Phase 6 has one phase.  Asking for the transition phase is right for the Phase 5 files of a batch
    and wrong for its Phase 6 ones, so it is a finding on each Phase 6 file (the batch carries on and
    the file fails) rather than an error of the whole call.
    """
    if release == "5" or options.phase != "transition":
        return options, []
    return replace(options, phase="final"), [Finding("PHASE", "error", f"/{name}", None, NO_P6_TRANSITION)]


def validate(
    message_or_xml: Message | Source,
    *,
    phase: str | None = None,
    decisive_date: date | None = None,
    tpend_date: date | None = None,
    disable: Iterable[str] = (),
    warn: Iterable[str] = (),
    profile: str | Profile | None = None,
    codelists: bool = True,
    xsd: XsdValidator | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    release: Release | None = None,
) -> Report:
    """Validate a message (a model, XML bytes or text, or a file path) and report every finding.

    ``phase`` is ``"final"`` (the default) or ``"transition"``; alternatively give
    ``decisive_date`` (and optionally ``tpend_date``, default 2025-01-21) and the phase
    follows from them; a phase that contradicts the dates is an error.
    ``disable``/``warn`` switch rules off or downgrade them; ``profile`` names a
    packaged profile or a profile file.  ``xsd`` adds a check against an
    official XSD folder (see :class:`ncts5.xml.xsd.XsdValidator`): each message against its release's
    schema; a folder without that release's schemas gives one ``SCHEMA`` error naming the folder to give.
    ``release`` (``"5"`` or ``"6"``) reads XML under that release's schema; by default the root's
    PhaseID decides (``NCTS6`` → 6, otherwise 5), and a PhaseID contradicting a forced release is
    a ``SCHEMA`` finding.  A model is validated under its own release.  Phase 6 rules are not
    implemented yet: a Phase 6 message lists every rule of its table as not checked.  Phase 6 has no
    transition period: a Phase 6 message asked for in the transition phase (by ``phase`` or the dates)
    is validated in the final phase with a ``PHASE`` error saying why (a per-message finding, so a
    batch of mixed releases is not stopped by it).
    """
    from ncts5.rules.engine import resolve_options, run
    from ncts5.xml.lines import with_lines
    from ncts5.xml.parsing import parse as reparse
    from ncts5.xml.reader import build, release_of

    if release is not None and release not in ("5", "6"):
        raise ValueError(f"release must be '5' or '6', not {release!r}")

    disable, warn = tuple(disable), tuple(warn)  # read twice below: an iterator would be empty the second time
    options = resolve_options(
        phase=phase,
        decisive_date=decisive_date,
        tpend_date=tpend_date,
        disable=disable,
        warn=warn,
        profile=profile,
        codelists=codelists,
    )
    source: str | None = None
    raw: bytes | None = None
    if isinstance(message_or_xml, Message):
        message: Message | None = message_or_xml
        name: str = message_or_xml.root_name
        read_as: Release = message_or_xml.release
        try:
            # warnings=False: a field the caller set to a wrong type is reported below, not as a serializer warning
            data = message_or_xml.model_dump(round_trip=True, warnings=False)
            message = type(message_or_xml).model_validate(data)
        except Exception as exc:  # pydantic ValidationError after the caller mutated fields
            from pydantic import ValidationError

            from ncts5.xml.reader import problems_from_validation

            if not isinstance(exc, ValidationError):
                raise
            problems = problems_from_validation(type(message_or_xml), message_or_xml.root_name, exc)
            return Report(name, _schema_findings(SchemaError(problems)), phase=options.phase, release=read_as)
    else:
        try:
            raw, source = read_source(message_or_xml, max_bytes=max_bytes)
            root = parse(raw, source=source)
            name = root_name(root, source=source)
        except ParseError as exc:
            return Report(None, [_parse_finding(exc)], phase=options.phase, source=source, release=release or "5")
        read_as = release_of(root, release)
        try:
            message = build(message_class(name, read_as), root, source=source)
        except SchemaError as exc:
            findings = with_lines(_schema_findings(exc), root)
            if xsd is not None:
                findings += xsd.findings(raw, name, read_as)
            from ncts5.rules.engine import sort_findings

            options, misuse = _phase_of_release(options, name, read_as)
            findings += misuse
            return Report(name, sort_findings(findings), phase=options.phase, source=source, release=read_as)
        # The element tree takes several times the document's size and the models hold none of it:
        # let it go before the rules run.  The bytes stay: findings get their lines from a second
        # parse, made only when there are findings (a valid file pays nothing but the bytes' memory).
        del root
    if tpend_date is not None and decisive_date is None:
        # The decisive date defaults to the preparation date; with TPendDate it decides the phase.
        options = resolve_options(
            phase=phase,
            decisive_date=message.preparation_date_and_time.date(),  # type: ignore[attr-defined]
            tpend_date=tpend_date,
            disable=disable,
            warn=warn,
            profile=profile,
            codelists=codelists,
        )
    options, misuse = _phase_of_release(options, name, read_as)
    from ncts5 import codelists as installed_lists
    from ncts5.codelists.registry import DEFAULT as reference_data
    from ncts5.rules.registry import rule_set

    reference_data.refresh()  # the defined point where another process's import takes effect
    result = run(message, options, rules=rule_set(), codelists=installed_lists)
    findings, unchecked = result.findings, result.not_checked
    if raw is not None and findings:
        findings = with_lines(findings, reparse(raw, source=source))
    findings = misuse + findings
    if xsd is not None:
        findings = xsd.findings(raw if raw is not None else message.to_xml(), name, read_as) + findings
    return Report(name, findings, unchecked, phase=options.phase, source=source, release=read_as)


def iter_findings(message_or_xml: Message | Source, **options: object) -> Iterator[Finding]:
    """The findings of :func:`validate`, one at a time."""
    yield from validate(message_or_xml, **options).findings  # type: ignore[arg-type]


def is_valid(message_or_xml: Message | Source, **options: object) -> bool:
    """True when :func:`validate` reports no error finding."""
    return validate(message_or_xml, **options).ok  # type: ignore[arg-type]
