"""Carry the two old rule-set tables (meetings.RuleSet, R1–R4; supervision.SupervisionRuleSet, R7)
into the township's one rule set. Per township the days of both become one timeline: each version
takes the values of the table that has a row that day and inherits the other area's values from the
version before it (none before its first row: that area keeps the rulebook defaults).

The values are written out here, not through the areas' dataclasses, so the migration keeps meaning
what it meant when those classes change."""

from django.db import migrations


def _meetings(row) -> dict:
    return {
        "quorum_fraction": f"{row.quorum_numerator}/{row.quorum_denominator}",
        "personnel_quorum_fraction": f"{row.personnel_quorum_numerator}/{row.personnel_quorum_denominator}",
        "five_person_group_min_present": row.five_person_group_min_present,
        "recused_removed_from_expected": row.recused_removed_from_expected,
        "close_vote_margin": row.close_vote_margin,
        "notice_workdays": row.notice_workdays,
        "publication_workdays": row.publication_workdays,
    }


def _supervision(row) -> dict:
    return {"progress_workdays": row.progress_workdays}


def timeline(rows: list[tuple]) -> list[tuple]:
    """[(township_id, day, namespace, values)] → [(township_id, day, parameters)], one version per
    township and day, each inheriting what the previous version of the township held."""
    versions = []
    current: dict[int, dict] = {}
    for township_id, day, namespace, values in sorted(rows, key=lambda r: (r[0], r[1], r[2])):
        parameters = {**current.get(township_id, {}), namespace: values}
        current[township_id] = parameters
        if versions and versions[-1][:2] == (township_id, day):
            versions[-1] = (township_id, day, parameters)
        else:
            versions.append((township_id, day, parameters))
    return versions


def forwards(apps, schema_editor):
    old_meetings = apps.get_model("meetings", "RuleSet")
    old_supervision = apps.get_model("supervision", "SupervisionRuleSet")
    RuleSet = apps.get_model("rules", "RuleSet")
    rows = [(r.township_id, r.effective_from, "meetings", _meetings(r)) for r in old_meetings.objects.all()]
    rows += [
        (r.township_id, r.effective_from, "supervision", _supervision(r)) for r in old_supervision.objects.all()
    ]
    RuleSet.objects.bulk_create(
        RuleSet(township_id=township_id, effective_from=day, parameters=parameters)
        for township_id, day, parameters in timeline(rows)
    )


def backwards(apps, schema_editor):
    old_meetings = apps.get_model("meetings", "RuleSet")
    old_supervision = apps.get_model("supervision", "SupervisionRuleSet")
    RuleSet = apps.get_model("rules", "RuleSet")
    previous: dict[int, dict] = {}
    for version in RuleSet.objects.order_by("township_id", "effective_from"):
        before = previous.get(version.township_id, {})
        meetings = version.parameters.get("meetings")
        if meetings is not None and meetings != before.get("meetings"):
            quorum = meetings.get("quorum_fraction", "1/2").split("/")
            personnel = meetings.get("personnel_quorum_fraction", "2/3").split("/")
            old_meetings.objects.create(
                township_id=version.township_id,
                effective_from=version.effective_from,
                quorum_numerator=int(quorum[0]),
                quorum_denominator=int(quorum[1]),
                personnel_quorum_numerator=int(personnel[0]),
                personnel_quorum_denominator=int(personnel[1]),
                five_person_group_min_present=meetings.get("five_person_group_min_present", 4),
                recused_removed_from_expected=meetings.get("recused_removed_from_expected", True),
                close_vote_margin=meetings.get("close_vote_margin", 1),
                notice_workdays=meetings.get("notice_workdays", 1),
                publication_workdays=meetings.get("publication_workdays", 5),
            )
        supervision = version.parameters.get("supervision")
        if supervision is not None and supervision != before.get("supervision"):
            old_supervision.objects.create(
                township_id=version.township_id,
                effective_from=version.effective_from,
                progress_workdays=supervision.get("progress_workdays", 10),
            )
        previous[version.township_id] = version.parameters
    RuleSet.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rules", "0001_initial"),
        ("meetings", "0004_archive_minutes"),
        ("supervision", "0002_responsibility_progress"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
