"""The pages of R10, by persona: a member writes (save draft, refused submit keeps the typed text
with a message naming the point, submit), the live panel judges the unsaved form, readers read the
submitted report and its Word document, nobody else does; the organization office lists the
meeting's participants and starts the assessment in the ballots area."""

import io

import pytest
from django.urls import reverse

from tests.core.official import check_xml
from tests.self_reports.helpers import full_points, started
from zhidu.ballots.models import Assessment
from zhidu.self_reports import services
from zhidu.self_reports.models import Participant, SelfReport

pytestmark = pytest.mark.django_db


def form_data(points, action="save", version=1, annex=()):
    data = {f"point_{n}": text for n, text in enumerate(points, start=1)}
    data.update(action=action, version=str(version))
    data["annex_area"] = [s["area"] for s in annex]
    data["annex_heading"] = [s["heading"] for s in annex]
    data["annex_article"] = [s["article"] for s in annex]
    data["annex_text"] = [s["text"] for s in annex]
    return data


@pytest.mark.parametrize("who, status", [("deputy", 200), ("organization", 200), ("discipline", 200),
                                         ("secretary", 200), ("clerk", 403), ("cadre", 403)])  # fmt: skip
def test_the_year_page_by_persona(login, people, who, status):
    assert login(people[who]).get(reverse("self_reports:index")).status_code == status


def test_a_member_starts_and_sees_the_seed_wording_and_the_prefilled_annex(login, people):
    client = login(people["deputy"])
    response = client.post(reverse("self_reports:start"), {"year": "2026"})
    report = SelfReport.objects.get(person=people["deputy"], year=2026)
    assert response.status_code == 302 and response["Location"] == reverse(
        "self_reports:report", args=[report.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "执行民主集中制情况。主要是执行民主集中制各项制度" in page
    assert 'name="annex_text"' in page and "2026年应出席会议0次" in page
    assert 'hx-post="' + reverse("self_reports:check", args=[report.pk]) in page


def test_an_empty_start_is_refused_without_a_report(login, people):
    response = login(people["deputy"]).post(reverse("self_reports:start"), {})
    assert response.status_code == 302 and not SelfReport.objects.exists()


def test_save_then_reload_restores_the_draft(login, people):
    report = started(people["deputy"])
    client = login(people["deputy"])
    url = reverse("self_reports:report", args=[report.pk])
    annex = [{"area": "meetings", "heading": "会议", "article": "R1", "text": "出席12次（本人补充）"}]
    response = client.post(url, form_data(full_points(), annex=annex))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert full_points()[6] in page and "出席12次（本人补充）" in page


def test_a_refused_submit_names_the_point_keeps_the_text_and_saves_the_draft(login, people):
    report = started(people["deputy"])
    points = full_points()
    points[4] = ""
    points[0] = "我写的第一项<b>原样保留</b>" + "字" * 60
    response = login(people["deputy"]).post(
        reverse("self_reports:report", args=[report.pk]), form_data(points, "submit")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "第5项“廉洁从政情况”尚未填写" in page and 'href="#id_point_5"' in page
    assert "我写的第一项&lt;b&gt;原样保留&lt;/b&gt;" in page
    stored = SelfReport.objects.get(pk=report.pk)
    assert stored.state == "draft" and stored.point_texts()[0] == points[0]


def test_a_stale_version_is_a_conflict_that_keeps_the_typed_text(login, people):
    report = started(people["deputy"])
    services.save_draft(report, points=full_points(), user=people["deputy"].user)
    response = login(people["deputy"]).post(
        reverse("self_reports:report", args=[report.pk]), form_data(["旧窗口的文字"] * 7, version=1)
    )
    assert response.status_code == 409 and "旧窗口的文字" in response.content.decode()
    assert SelfReport.objects.get(pk=report.pk).point_texts() == full_points()


def test_an_unknown_action_changes_nothing(login, people):
    report = started(people["deputy"])
    response = login(people["deputy"]).post(
        reverse("self_reports:report", args=[report.pk]), {"point_1": "x"}
    )
    assert response.status_code == 400 and SelfReport.objects.get(pk=report.pk).version == 1


def test_the_live_panel_judges_the_unsaved_form(login, people):
    report = started(people["deputy"])
    client = login(people["deputy"])
    url = reverse("self_reports:check", args=[report.pk])
    points = full_points()
    points[2] = ""
    page = client.post(url, form_data(points)).content.decode()
    assert 'data-code="point-empty"' in page and "R10§3(3)" in page
    page = client.post(url, form_data(full_points())).content.decode()
    assert 'data-code="point-empty"' not in page
    assert SelfReport.objects.get(pk=report.pk).point_texts() == [""] * 7  # nothing saved
    assert login(people["secretary"]).post(url, form_data(full_points())).status_code == 403


def _submitted(people):
    report = started(people["deputy"])
    services.submit(report, points=full_points(), annex=[], user=people["deputy"].user)
    return report


@pytest.mark.parametrize("who, status", [("organization", 200), ("discipline", 200), ("secretary", 200),
                                         ("deputy", 200), ("clerk", 403), ("cadre", 403)])  # fmt: skip
def test_who_reads_a_submitted_report_and_its_word_document(login, people, who, status):
    report = _submitted(people)
    client = login(people[who])
    response = client.get(reverse("self_reports:report", args=[report.pk]))
    assert response.status_code == status
    if status == 200:
        assert full_points()[0] in response.content.decode()
        assert 'name="point_1"' not in response.content.decode()  # read-only once submitted
    document = client.get(reverse("self_reports:document", args=[report.pk]))
    assert document.status_code == status
    if status == 200:
        from docx import Document

        text = "\n".join(p.text for p in Document(io.BytesIO(document.content)).paragraphs)
        assert "述德述职述廉报告" in text and full_points()[1] in text
        check_xml(document.content, township=report.township.name)  # GB/T 9704 layout
    pdf = client.get(reverse("self_reports:document-pdf", args=[report.pk]))
    assert pdf.status_code == status and (status != 200 or pdf.content[:4] == b"%PDF")


def test_a_draft_is_not_shown_to_readers(login, people):
    report = started(people["deputy"])
    services.save_draft(report, points=full_points(), user=people["deputy"].user)
    client = login(people["organization"])
    page = client.get(reverse("self_reports:report", args=[report.pk])).content.decode()
    assert full_points()[0] not in page and 'id="not-submitted"' in page
    assert client.get(reverse("self_reports:document", args=[report.pk])).status_code == 403


def test_a_submitted_report_refuses_a_post(login, people):
    report = _submitted(people)
    response = login(people["deputy"]).post(
        reverse("self_reports:report", args=[report.pk]), form_data([""] * 7, version=2)
    )
    assert response.status_code == 302
    assert SelfReport.objects.get(pk=report.pk).point_texts() == full_points()


def test_another_townships_report_is_not_found(login, people):
    from tests import factories

    other = factories.personas(factories.township(), prefix="o-")
    report = started(other["deputy"])
    assert (
        login(people["organization"]).get(reverse("self_reports:report", args=[report.pk])).status_code == 404
    )


def test_the_office_lists_participants_by_name_with_named_errors(login, people):
    client = login(people["organization"])
    url = reverse("self_reports:meeting") + "?year=2026"
    response = client.post(
        url, {"year": "2026", "group": "village_head", "name": "", "unit": "柞村党支部书记"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "姓名" in page and "柞村党支部书记" in page
    response = client.post(
        url, {"year": "2026", "group": "village_head", "name": "王建国", "unit": "柞村党支部书记"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "王建国" in page and people["deputy"].name in page  # the team comes from the organization
    assert 'data-code="participants-missing"' in page  # no middle-level cadre, no unit head yet
    again = client.post(
        url, {"year": "2026", "group": "village_head", "name": "王建国", "unit": "柞村党支部书记"}
    )
    assert again.status_code == 400 and Participant.objects.count() == 1
    member = login(people["deputy"]).post(url, {"year": "2026", "group": "other", "name": "某人"})
    assert member.status_code == 403


def test_removing_a_participant_needs_the_confirmation(login, people):
    client = login(people["organization"])
    row = services.add_participant(township=people["organization"].township, year=2026, group="unit_head",
                                   name="陈立新", by=people["organization"])  # fmt: skip
    url = reverse("self_reports:participant-remove", args=[row.pk])
    client.post(url, {})
    assert Participant.objects.filter(pk=row.pk).exists()
    client.post(url, {"confirm": "1"})
    assert not Participant.objects.filter(pk=row.pk).exists()


def test_the_office_starts_the_assessment_in_the_ballots_area_once(login, people):
    client = login(people["organization"])
    response = client.post(reverse("self_reports:assessment-start"), {"year": "2026"})
    assessment = Assessment.objects.get(year=2026)
    assert response["Location"] == reverse("ballots:assessment", args=[assessment.pk])
    subjects = list(assessment.subjects.values_list("person__name", flat=True))
    assert subjects == [None, people["secretary"].name, people["deputy"].name]
    client.post(reverse("self_reports:assessment-start"), {"year": "2026"})
    assert Assessment.objects.count() == 1
    page = login(people["deputy"]).get(reverse("self_reports:meeting") + "?year=2026").content.decode()
    assert reverse("ballots:assessment-mine", args=[assessment.pk]) in page
    assert reverse("ballots:assessment-results", args=[assessment.pk]) not in page
    assert "民主生活会（R13）尚未纳入本系统" in page


def test_an_assessment_created_in_the_ballots_area_is_linked_not_duplicated(login, people):
    from zhidu.ballots import services as ballots

    made = ballots.create_assessment(township=people["organization"].township, year=2026, title="测评",
                                     members=[people["deputy"]], user=people["organization"].user)  # fmt: skip
    login(people["organization"]).post(reverse("self_reports:assessment-start"), {"year": "2026"})
    assert Assessment.objects.count() == 1
    assert services.assessment_of(people["organization"].township, 2026) == made


def test_refresh_from_records_replaces_the_annex_and_keeps_the_typed_points(login, people):
    report = started(people["deputy"])
    services.save_draft(report, points=[""] * 7, annex=[{"area": "meetings", "text": "旧的附件"}],
                        user=people["deputy"].user)  # fmt: skip
    typed = full_points()
    response = login(people["deputy"]).post(
        reverse("self_reports:report", args=[report.pk]), form_data(typed, "refresh", version=2)
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.point_texts() == typed and report.annex_refreshed_at is not None
    assert report.annex == services.fresh_annex(people["deputy"], 2026)
    assert "旧的附件" not in str(report.annex)
