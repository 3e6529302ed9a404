"""Checking a profile's national rules: an administration's own rules on top of the DDNTA.

The rules are data (:class:`~ncts5.rules.profiles.NationalRule`, from a profile file): which
messages, releases and countries of departure they apply to, from which date, and the values a
field may take.  A rule that nothing in the message decides is reported as *not checked* with its
reason, never as passing.  Findings carry the administration's id (``GB002``), so they are never
confused with a DDNTA rule.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ncts5.messages.message import Message
from ncts5.messages.meta import Child, XmlModel
from ncts5.report import Finding, NotChecked
from ncts5.rules.context import Context
from ncts5.rules.options import Options
from ncts5.rules.profiles import NationalRule


def _departure_country(message: Message) -> str | None:
    office = getattr(message, "customs_office_of_departure", None)
    number = getattr(office, "reference_number", None)
    return number[:2].upper() if isinstance(number, str) and len(number) >= 2 else None


def _judged_on(message: Message, options: Options) -> date | None:
    if options.decisive_date is not None:
        return options.decisive_date
    prepared = getattr(message, "preparation_date_and_time", None)
    return prepared.date() if prepared is not None else None


def applies(rule: NationalRule, message: Message, options: Options) -> bool:
    """Whether the rule is in force for this message: message, release, country of departure, date."""
    if message.root_name not in rule.messages or message.release not in rule.releases:
        return False
    if rule.departure_countries and _departure_country(message) not in rule.departure_countries:
        return False
    if rule.from_date is not None:
        on = _judged_on(message, options)
        if on is None or on < rule.from_date:
            return False
    return True


def _leaf(cls: type[XmlModel], groups: list[str], leaf: str) -> Child | None:
    """The data item a profile's path names, from the message's model metadata (None: no such place)."""
    for name in groups:
        group = cls.__xml_by_name__.get(name)
        if group is None or group.model is None:
            return None
        cls = group.model
    found = cls.__xml_by_name__.get(leaf)
    return found if found is not None and found.model is None else None


def check_national(ctx: Context[Any], options: Options) -> tuple[list[Finding], list[NotChecked]]:
    """The findings and not-checked entries of the options' national rules for one message."""
    findings: list[Finding] = []
    unchecked: list[NotChecked] = []
    message: Message = ctx.message
    for rule in options.national:
        if rule.id in options.disable or not applies(rule, message, options):
            continue
        if rule.not_checked is not None or rule.field is None:
            unchecked.append(NotChecked(rule.id, f"{rule.not_checked} ({rule.source})"))
            continue
        *groups, leaf = rule.field.strip("/").split("/")[1:]
        child = _leaf(type(message), groups, leaf)
        if child is None:
            why = f"the profile names {rule.field}, which a Phase {message.release} {message.root_name} does not have"
            unchecked.append(NotChecked(rule.id, why))
            continue
        severity = "warning" if rule.id in options.warn else rule.severity
        parents = ctx.located(tuple(groups)) if groups else [(message, f"/{message.root_name}")]
        for parent, path in parents:
            values = getattr(parent, child.field)
            for i, value in enumerate(values if child.repeated else [values], 1):
                if value is None or str(value) in rule.allowed:
                    continue
                where = f"{path}/{leaf}" + (f"[{i}]" if child.repeated else "")
                label = f"{child.item.data_element} {child.item.description}" if child.item.data_element else leaf
                text = (
                    f"{label} {value!s} is not accepted here: {rule.summary} (allowed: {', '.join(rule.allowed)}; "
                    f"{rule.source})" + (f"; {rule.fix}" if rule.fix else "")
                )
                findings.append(
                    Finding(rule.id, severity, where, child.item.data_element, text, rule.error_code, str(value))
                )
    return findings, unchecked
