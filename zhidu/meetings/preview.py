"""What the clerk has typed but not saved, merged into a meeting's `zhidu.meeting/1` record (issue 11,
"warn before, not after"): the live 制度检查 panel judges the form as it stands, by the same checks
(zhidu.meetings.checks) that will judge it once saved. Plain data in, plain data out: the view
(zhidu.meetings.views.preview) builds the record the saved rows give (exchange.meeting_record) and
reads the posted values; nothing here reads the database or writes anything."""

from __future__ import annotations

import copy
from collections.abc import Mapping

from zhidu.meetings.record import FORMAT

# A member whose attendance is not ticked yet counts as absent in the preview (the quorum is of those
# ticked present), under this reason: not an absence without a reason (R1§12(5)), only not yet known.
UNTICKED = "尚未登记"


def with_attendance(
    record: dict, statuses: Mapping[str, tuple[str, str]], chair: str | None = None
) -> tuple[dict, list[str]]:
    """The record with the attendance as ticked: `statuses` maps a member id to (status, reason), the
    status one of "present", "absent", "unknown" (members not in it keep the record's). Returns the
    new record and the members not ticked yet."""
    merged = copy.deepcopy(record)
    saved_present = set(record["present"])
    saved_absent = {a["member"]: a["reason"] for a in record["absent"]}
    present, absent, unticked = [], [], []
    for member in record["members"]:
        mid = member["id"]
        if mid in statuses:
            status, reason = statuses[mid]
        elif mid in saved_present:
            status, reason = "present", ""
        else:
            status, reason = "absent", saved_absent.get(mid, "")
        if status == "present":
            present.append(mid)
        elif status == "absent":
            absent.append({"member": mid, "reason": reason})
        else:
            unticked.append(mid)
            absent.append({"member": mid, "reason": UNTICKED})
    merged["present"], merged["absent"] = present, absent
    if chair is not None:
        merged["chair"] = chair
    return merged, unticked


def with_entry(
    record: dict,
    item_id: str,
    *,
    speakers: list[str],
    recused: list[str],
    vote: dict | None,
    opinions: list[dict],
    deferred: bool,
) -> dict:
    """The record with one item's record as typed: its speaking order, recusals, vote (None: not yet
    voted), written opinions of absent members and deferral."""
    merged = copy.deepcopy(record)
    for item in merged["items"]:
        if item["id"] == item_id:
            item.update(
                speakers=speakers, recused=recused, vote=vote, written_opinions=opinions, deferred=deferred
            )
    return merged


def typed_vote(
    method: str, counts: tuple[int | None, int | None, int | None], ballots: Mapping[str, str]
) -> dict | None:
    """The vote as the form stands, in the record's shape: None while no method is chosen, or while
    a counted vote has no count typed yet and a named ballot no choice (not yet voted, so no close
    vote of 0 to 0); an empty count reads 0, as saving reads it."""
    if not method:
        return None
    if method == "named_ballot":
        return {"method": method, "ballots": dict(ballots)} if ballots else None
    if all(c is None for c in counts):
        return None
    for_, against, abstain = (c or 0 for c in counts)
    return {"method": method, "for": for_, "against": against, "abstain": abstain}


def convened(
    *,
    body: str,
    held_at: str,
    emergency: bool,
    members: list[dict],
    absences: Mapping[str, str],
    chair: str,
    items: list[dict],
    notice: dict | None = None,
) -> dict:
    """The record of a meeting being convened or changed: its expected members (`absences`: those
    already known absent that day, with their reason: a reported leave, the member's own request),
    everyone else assumed present (the quorum of the invited), no notice yet, the chosen items."""
    return {
        "format": FORMAT,
        "body": body,
        "held_at": held_at,
        "emergency": emergency,
        "members": members,
        "chair": chair,
        "present": [m["id"] for m in members if m["id"] not in absences],
        "absent": [{"member": m["id"], "reason": absences[m["id"]]} for m in members if m["id"] in absences],
        "notice": notice,
        "items": items,
    }


def planned_item(
    item_id: str, title: str, category: str, owner: str, approved: bool, report: bool, decision: bool
) -> dict:
    """An item chosen for a meeting not saved yet: nothing recorded of it."""
    return {
        "id": item_id,
        "title": title,
        "category": category,
        "owner": owner,
        "approved": approved,
        "evaluation_report": report,
        "speakers": [],
        "written_opinions": [],
        "conflicts": [],
        "recused": [],
        "decision": decision,
        "deferred": False,
        "vote": None,
    }
