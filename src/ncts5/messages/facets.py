"""XSD simple-type facets, enforced by the models themselves.

Schema 51.8.6 restricts every leaf with whitespace rules, lengths, patterns,
bounds, digits and enumerations.  The generated ``simple_types`` module declares
each XSD simple type once as ``Annotated[<Python type>, Facets(...)]``: type
checkers see the plain Python type (``str``, ``int``, ``Decimal``, ``date``,
``datetime``, or a ``Literal`` for an enumeration), while pydantic finds in the
:class:`Facets` record one validator enforcing all of it (and the serializer
that writes the schema's lexical form).  The XML layer, the hypothesis strategies
and the docs read the same record.  Keeping the enforcement here, in the models,
is what lets ncts5 reject what the schema rejects without loading the XSD at run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

Whitespace = Literal["preserve", "replace", "collapse"]
Kind = Literal["string", "integer", "decimal", "date", "datetime"]

# XSD's \P{Z}: anything but a space separator, line separator or paragraph separator.
_Z = " \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def xsd_regex_to_python(pattern: str) -> str:
    """Translate the XSD regex dialect the schema uses into Python ``re`` syntax.

    XSD patterns are implicitly anchored (we use ``fullmatch``), their ``.``
    excludes CR and LF, and they use Unicode block/category escapes Python lacks.
    """
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith(r"\p{IsBasicLatin}", i):
            out.append("\x00-\x7f" if in_class else "[\x00-\x7f]")
            i += len(r"\p{IsBasicLatin}")
            continue
        if pattern.startswith(r"\P{Z}", i):
            if in_class:  # pragma: no cover - the schema never does this
                raise ValueError(f"unsupported XSD regex {pattern!r}")
            out.append(f"[^{_Z}]")
            i += len(r"\P{Z}")
            continue
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "." and not in_class:
            out.append("[^\n\r]")
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class Facets:
    """Everything schema 51.8.6 says about one simple type, after following its base chain."""

    name: str
    kind: Kind
    whitespace: Whitespace = "collapse"
    length: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    # Each inner tuple is one derivation step: a value must match one pattern of every step.
    patterns: tuple[tuple[str, ...], ...] = ()
    enumeration: frozenset[str] | None = None
    min_inclusive: int | None = None
    max_inclusive: int | None = None
    total_digits: int | None = None
    fraction_digits: int | None = None
    #: The patterns compiled to Python regexes, step by step (derived from :attr:`patterns`).
    compiled: tuple[tuple[re.Pattern[str], ...], ...] = field(init=False, compare=False, repr=False)
    #: The validator enforcing all of the above; returns the value as its Python type, raises ValueError.
    validate: Callable[[Any], Any] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        compiled = tuple(tuple(re.compile(xsd_regex_to_python(p)) for p in step) for step in self.patterns)
        object.__setattr__(self, "compiled", compiled)
        object.__setattr__(self, "validate", _VALIDATORS[self.kind](self))

    def __get_pydantic_core_schema__(self, source_type: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Validate with :attr:`validate` before the Python type's own check; write JSON as the XML text.

        What ``Annotated[T, BeforeValidator(validate), PlainSerializer(to_text, return_type=str,
        when_used="json")]`` would build, carried by the one metadata object type checkers ignore.
        """
        schema = core_schema.no_info_before_validator_function(self.validate, handler(source_type))
        schema["serialization"] = core_schema.plain_serializer_function_ser_schema(
            to_text, return_schema=core_schema.str_schema(), when_used="json"
        )
        return schema

    def describe(self) -> str:
        """A short human description used in error messages, e.g. ``1 to 35 characters``."""
        parts: list[str] = []
        if self.length is not None:
            parts.append(f"exactly {self.length} characters")
        elif self.max_length is not None:
            parts.append(f"{self.min_length or 1} to {self.max_length} characters")
        if self.enumeration is not None:
            parts.append("one of " + ", ".join(sorted(self.enumeration)))
        if self.min_inclusive is not None or self.max_inclusive is not None:
            parts.append(f"a whole number from {self.min_inclusive} to {self.max_inclusive}")
        if self.total_digits is not None:
            parts.append(f"a number with at most {self.total_digits} digits, {self.fraction_digits} after the point")
        if self.kind == "date":
            parts.append("a date YYYY-MM-DD")
        if self.kind == "datetime":
            parts.append("a local date and time YYYY-MM-DDThh:mm:ss")
        return ", ".join(parts) or self.kind


_SPACES = re.compile(" {2,}")


def normalize_whitespace(value: str, whitespace: Whitespace) -> str:
    """Apply an XSD whitespace facet, as a schema processor does before checking facets."""
    if whitespace == "preserve":
        return value
    value = value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    if whitespace == "collapse":
        value = _SPACES.sub(" ", value).strip(" ")
    return value


def _check_lexical(f: Facets, text: str) -> None:
    n = len(text)
    if f.length is not None and n != f.length:
        raise ValueError(f"must be exactly {f.length} characters, got {n}")
    if f.max_length is not None and n > f.max_length:
        raise ValueError(f"must be at most {f.max_length} characters, got {n}")
    if f.min_length is not None and n < f.min_length:
        raise ValueError(f"must be at least {f.min_length} characters, got {n}")
    for step in f.compiled:
        if not any(p.fullmatch(text) for p in step):
            shown = " or ".join(p for p in step_patterns(f, step))
            raise ValueError(f"{text!r} does not match the pattern {shown}")


def step_patterns(f: Facets, step: tuple[re.Pattern[str], ...]) -> list[str]:
    """The original XSD spelling of one derivation step's patterns (for messages)."""
    index = f.compiled.index(step)
    return list(f.patterns[index])


def _string_validator(f: Facets) -> Callable[[Any], str]:
    enum = f.enumeration

    def validate(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {type(value).__name__}")
        text = normalize_whitespace(value, f.whitespace)
        _check_lexical(f, text)
        if enum is not None and text not in enum:
            raise ValueError(f"{text!r} is not one of {', '.join(sorted(enum))}")
        return text

    return validate


def _integer_validator(f: Facets) -> Callable[[Any], int]:
    def validate(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError("expected a whole number, got a boolean")
        if isinstance(value, int):
            text = str(value)
        elif isinstance(value, str):
            text = normalize_whitespace(value, "collapse")
        else:
            raise ValueError(f"expected a whole number, got {type(value).__name__}")
        _check_lexical(f, text)
        if not text.isascii():
            raise ValueError(f"{text!r} is not a whole number (digits 0-9 only)")
        try:
            number = int(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number") from None
        if f.min_inclusive is not None and number < f.min_inclusive:
            raise ValueError(f"{number} is below the minimum {f.min_inclusive}")
        if f.max_inclusive is not None and number > f.max_inclusive:
            raise ValueError(f"{number} is above the maximum {f.max_inclusive}")
        return number

    return validate


def decimal_text(value: Decimal) -> str:
    """Fixed-point text of a decimal: the only lexical form the schema's patterns accept."""
    return format(value, "f")


def _decimal_validator(f: Facets) -> Callable[[Any], Decimal]:
    def validate(value: Any) -> Decimal:
        if isinstance(value, bool):
            raise ValueError("expected a decimal number, got a boolean")
        if isinstance(value, Decimal):
            text = decimal_text(value)
        elif isinstance(value, int):
            text = str(value)
        elif isinstance(value, str):
            text = normalize_whitespace(value, "collapse")
        else:
            raise ValueError(f"expected a decimal number, got {type(value).__name__}")
        _check_lexical(f, text)
        if not text.isascii():
            raise ValueError(f"{text!r} is not a decimal number (digits 0-9 only)")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{text!r} is not a decimal number") from None
        if not number.is_finite():
            raise ValueError(f"{text!r} is not a decimal number")
        digits = text.lstrip("+-")
        whole, _, fraction = digits.partition(".")
        fraction = fraction.rstrip("0")
        whole = whole.lstrip("0")
        if f.fraction_digits is not None and len(fraction) > f.fraction_digits:
            raise ValueError(f"{text} has more than {f.fraction_digits} digits after the decimal point")
        if f.total_digits is not None and len(whole) + len(fraction) > f.total_digits:
            raise ValueError(f"{text} has more than {f.total_digits} digits")
        return number

    return validate


def _date_validator(f: Facets) -> Callable[[Any], date]:
    def validate(value: Any) -> date:
        if isinstance(value, datetime):
            raise ValueError("expected a date, got a date and time")
        if isinstance(value, date):
            return value
        if not isinstance(value, str):
            raise ValueError(f"expected a date, got {type(value).__name__}")
        text = normalize_whitespace(value, "collapse")
        _check_lexical(f, text)
        if not text.isascii():
            raise ValueError(f"{text!r} is not a date (digits 0-9 only)")
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a valid calendar date") from None

    return validate


def _datetime_validator(f: Facets) -> Callable[[Any], datetime]:
    def validate(value: Any) -> datetime:
        if isinstance(value, datetime):
            if value.tzinfo is not None or value.microsecond:
                raise ValueError("must be a local date and time to the second, without time zone")
            return value
        if not isinstance(value, str):
            raise ValueError(f"expected a date and time, got {type(value).__name__}")
        text = normalize_whitespace(value, "collapse")
        _check_lexical(f, text)
        if not text.isascii():
            raise ValueError(f"{text!r} is not a date and time (digits 0-9 only)")
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a valid date and time") from None

    return validate


def to_text(value: Any) -> str:
    """The XML text of a leaf value, in the lexical form the schema accepts."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):  # pragma: no cover - models never hold booleans
        raise TypeError("booleans have no NCTS lexical form")
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_VALIDATORS: dict[str, Callable[[Facets], Callable[[Any], Any]]] = {
    "string": _string_validator,
    "integer": _integer_validator,
    "decimal": _decimal_validator,
    "date": _date_validator,
    "datetime": _datetime_validator,
}
