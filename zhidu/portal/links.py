"""The areas' public pages, listed in the portal's frame ("办事服务"): an area registers a URL name
and its label from its app's `ready()`; the portal imports no area. A name that does not reverse
(an app left out of a deployment) is skipped, never a server error."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class PublicLink:
    url_name: str
    label: str  # a lazy translation
    order: int
    township_arg: bool  # the URL takes the township's code: reverse(url_name, kwargs={"township": …})


_links: dict[str, PublicLink] = {}


def register_public_link(url_name: str, label, order: int = 100, *, township_arg: bool = False) -> None:
    """Show `url_name` among the public services; registering a name again replaces it."""
    _links[url_name] = PublicLink(url_name, label, order, township_arg)


def public_links(township_code: str | None = None) -> list[tuple[str, str]]:
    """(address, label) of every registered page, in order."""
    found = []
    for link in sorted(_links.values(), key=lambda x: (x.order, x.url_name)):
        try:
            if link.township_arg:
                if township_code is None:
                    continue
                url = reverse(link.url_name, kwargs={"township": township_code})
            else:
                url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        found.append((url, str(link.label)))
    return found
