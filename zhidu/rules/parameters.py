"""Rule parameters: what a township may set of the rulebook (quorum fractions, working-day
deadlines…), one frozen dataclass per area, beside that area's checks.

An area subclasses `RuleParameters` in its `checks.py` (the defaults are the rulebook's) and registers
it under its namespace from its app's `ready()`:

    rules.register_area("meetings", MeetingParameters)

The township's one versioned rule set (`zhidu.rules.models.RuleSet`) stores every area's values as
JSON under its namespace; `parameters_for(township, area, day)` returns the area's dataclass in force.
Pure: no Django, no database (labels in field metadata are whatever the area passes)."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

P = TypeVar("P", bound="RuleParameters")

# The value types a parameter may have, as stored in JSON: a Fraction as "2/3"; a str is a short
# text such as a document number's prefix (柞党会纪).
SUPPORTED_TYPES = (bool, int, Fraction, str)


def parameter(default: Any, label: Any = None) -> Any:
    """A parameter field with its default (the rulebook's) and the label the admin shows."""
    return dataclasses.field(default=default, metadata={"label": label})


@dataclass(frozen=True)
class RuleParameters:
    """Base of every area's parameters. Subclasses are frozen dataclasses whose fields are bool, int,
    Fraction or str; `__post_init__` may refuse values the rulebook cannot mean (raise ValueError)."""

    @classmethod
    def field_types(cls) -> dict[str, type]:
        hints = typing.get_type_hints(cls)
        return {f.name: hints[f.name] for f in dataclasses.fields(cls)}

    @classmethod
    def from_json(cls: type[P], data: Mapping[str, Any] | None) -> P:
        """The parameters from their stored JSON: missing fields take the default (a field added after
        the version was written), unknown ones are ignored (a field since removed)."""
        values = {}
        for name, kind in cls.field_types().items():
            if data and name in data:
                values[name] = decode(kind, data[name], name)
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        return {name: encode(getattr(self, name)) for name in self.field_types()}


def encode(value: Any) -> Any:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return value


def decode(kind: type, value: Any, name: str) -> Any:
    """The stored `value` as `kind`, or ValueError naming the field."""
    if kind is bool:
        if isinstance(value, bool):
            return value
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind is str:
        if isinstance(value, str):
            return value.strip()
    elif kind is Fraction:
        if isinstance(value, str) and "/" in value:
            numerator, _, denominator = value.partition("/")
            if numerator.strip().isdigit() and denominator.strip().isdigit() and int(denominator) > 0:
                return Fraction(int(numerator), int(denominator))
    else:
        raise TypeError(f"{name}: unsupported parameter type {kind!r}")
    raise ValueError(f"{name}: {value!r} is not a {kind.__name__}")


def validate(cls: type[RuleParameters], data: Any) -> RuleParameters:
    """Strict reading for a new version: an object with known fields only, each of its type, values
    the area accepts. Raises ValueError with one line naming the field."""
    if not isinstance(data, Mapping):
        raise ValueError("not an object")
    unknown = sorted(set(data) - set(cls.field_types()))
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown parameter")
    return cls.from_json(data)


# ---------------------------------------------------------------------------------------------------
# The areas' namespaces, filled from each app's ready().

_AREAS: dict[str, type[RuleParameters]] = {}


def register_area(namespace: str, parameters: type[RuleParameters]) -> None:
    """Declare an area's parameters under `namespace` (its app label). Registering the same class
    again is harmless (ready() may run twice in tests); another class under a taken name is a bug."""
    if not (isinstance(parameters, type) and issubclass(parameters, RuleParameters)):
        raise TypeError(f"{parameters!r} is not a RuleParameters dataclass")
    for name, kind in parameters.field_types().items():
        if kind not in SUPPORTED_TYPES:
            raise TypeError(f"{parameters.__name__}.{name}: unsupported parameter type {kind!r}")
    known = _AREAS.get(namespace)
    if known is not None and known is not parameters:
        raise ValueError(f"rule area {namespace!r} is already registered ({known.__name__})")
    _AREAS[namespace] = parameters


def areas() -> dict[str, type[RuleParameters]]:
    """The registered areas, namespace → parameters class, in registration order."""
    return dict(_AREAS)


def area(namespace: str) -> type[RuleParameters]:
    try:
        return _AREAS[namespace]
    except KeyError:
        raise LookupError(f"no rule area {namespace!r} (known: {', '.join(_AREAS) or 'none'})") from None


def resolve(stored: Mapping[str, Any] | None, namespace: str) -> RuleParameters:
    """An area's parameters from a rule set's stored JSON (the defaults where it has none)."""
    data = (stored or {}).get(namespace)
    return area(namespace).from_json(data if isinstance(data, Mapping) else None)
