"""The fuzzer for a POST view that tests/fuzz/forms_specs.py does not describe yet: its fields come from
the Django forms its module uses (their declared fields, each with a plausible value for its type),
its URL ids from every table of the township, its persona from every log-in (and none). It must be
reached at least once (an answer other than 403/404/405 or the log-in page), or the test says to
describe the view in SPECS."""

from __future__ import annotations

import importlib
import inspect

from django import forms
from django.apps import apps
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.fuzz.engine import field_values, fuzz_one, reaches
from tests.fuzz.forms_specs import DAY, ON, TEXT, TIME, Spec


def _forms_of(callback) -> list[type]:
    func = inspect.unwrap(callback)
    module = inspect.getmodule(func)
    modules = [module]
    root = module.__name__.rsplit(".views", 1)[0]
    try:
        modules.append(importlib.import_module(f"{root}.forms"))
    except ImportError:
        pass
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        source = ""
    found = []
    for mod in modules:
        for obj in vars(mod).values():
            if isinstance(obj, type) and issubclass(obj, forms.BaseForm) and obj not in found:
                found.append(obj)
    named = [f for f in found if f.__name__ in source]
    return named or found


def _value(field, world):
    if isinstance(field, forms.ModelChoiceField):
        model = field.queryset.model
        qs = model.objects.all()
        if any(f.name == "township" for f in model._meta.fields):
            qs = qs.filter(township=world.town)
        pks = [str(pk) for pk in qs.values_list("pk", flat=True)[:50]]
        return st.sampled_from(pks) if pks else st.just("1")
    if isinstance(field, forms.ChoiceField):
        values = [str(v) for v, _ in field.choices if not isinstance(_, (list, tuple))]
        return st.sampled_from(values) if values else TEXT
    if isinstance(field, forms.BooleanField):
        return ON
    if isinstance(field, forms.DateTimeField):
        return DAY.map(lambda d: f"{d} 09:00")
    if isinstance(field, forms.DateField):
        return DAY
    if isinstance(field, forms.TimeField):
        return TIME
    if isinstance(field, (forms.IntegerField, forms.FloatField, forms.DecimalField)):
        return st.integers(-5, 3000).map(str)
    return TEXT


def fields_of(callback, world) -> dict:
    fields = {}
    for form_class in _forms_of(callback):
        for name, field in form_class.base_fields.items():
            if not isinstance(field, forms.FileField):
                fields.setdefault(name, _value(field, world))
    return fields


def _app_rows(callback, world) -> list[tuple[str | None, int]]:
    """(persona, id) for every row of this township in the view's own app (its URL ids are most likely
    those), the persona being a person the row names (its reporter, owner…), whose page it may be."""
    from zhidu.org.models import Person

    app = apps.get_containing_app_config(inspect.unwrap(callback).__module__)
    names = {p.pk: username for username, p in world.people.items()}
    found = set()
    for model in app.get_models() if app else ():
        if not any(f.name == "township" for f in model._meta.fields):
            continue
        people = [f.attname for f in model._meta.fields if f.is_relation and f.related_model is Person]
        for row in model.objects.filter(township=world.town).values("pk", *people)[:100]:
            found.add((None, row["pk"]))
            found |= {(names[row[a]], row["pk"]) for a in people if row[a] in names}
    return sorted(found, key=lambda pair: (pair[1], pair[0] or ""))


def _ids(pattern, world):
    pool = sorted({pk for _, pk in _app_rows(pattern.callback, world)})
    pool = pool or sorted({i for kind in world.ids.values() for i in kind if isinstance(i, int)})
    other = sorted({i for kind in world.other_ids.values() for i in kind})
    choices = {}
    for key, converter in pattern.pattern.converters.items():
        if type(converter).__name__ == "IntConverter":
            choices[key] = st.one_of(
                st.sampled_from(pool), st.sampled_from(other), st.sampled_from([0, 2**63])
            )
        elif type(converter).__name__ == "SlugConverter":  # a township's code, a category (public pages)
            slug = st.from_regex(r"[-a-zA-Z0-9_]{1,12}", fullmatch=True)
            known = world.ids.get(f"slug:{key}", [])
            choices[key] = st.one_of(st.sampled_from(known), st.sampled_from(known), slug) if known else slug
        else:
            choices[key] = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)
    return st.fixed_dictionaries(choices)


def _personas(callback, world):
    """Mostly those the permission matrix lets use the view (its `zhidu_action`), else anyone."""
    from zhidu.core.permissions import MATRIX, allowed

    everyone = st.sampled_from((None, *sorted(world.people)))
    action = getattr(callback, "zhidu_action", None)
    if action not in MATRIX:
        return everyone
    permitted = [u for u in sorted(world.people) if allowed(world.people[u].user, action)]
    return (
        st.one_of(st.sampled_from(permitted), st.sampled_from(permitted), everyone) if permitted else everyone
    )


def fuzz(world, label, pattern, settings):
    fields = fields_of(pattern.callback, world)
    personas = (None, *sorted(world.people))
    spec = Spec(personas)
    reached = []

    # Half the time the person a row names, on that row's id (a reporter on their own report).
    owned = [(u, pk) for u, pk in _app_rows(pattern.callback, world) if u is not None]
    ints = [k for k, c in pattern.pattern.converters.items() if type(c).__name__ == "IntConverter"]

    @hypothesis_settings(settings, max_examples=settings.max_examples * 2)
    @given(
        persona=_personas(pattern.callback, world),
        kwargs=_ids(pattern, world),
        owner=st.sampled_from(owned) if owned and len(ints) == 1 else st.none(),
        use_owner=st.booleans(),
        data=field_values(fields, world),
        urlencoded=st.booleans(),
    )
    def run(persona, kwargs, owner, use_owner, data, urlencoded):
        if owner is not None and use_owner:
            persona, kwargs = owner[0], {**kwargs, ints[0]: owner[1]}
        response = fuzz_one(world, spec, persona, kwargs, data, urlencoded, label)
        if reaches(response):
            reached.append(response.status_code)

    run()
    assert reached, f"no generated post reached {label}: describe it in tests/fuzz/forms_specs.SPECS"
