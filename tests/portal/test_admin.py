"""The comments in the admin (issue 15): listed and opened read only, within the township; never
added, changed or deleted there (moderation is the party office's queue); no contact shown."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories
from tests.portal.conftest import published, sign_up
from zhidu.portal.models import Comment
from zhidu.portal.services import comments

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(town, people):
    user = factories.person(town, "本镇管理员", username="town-admin").user
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="portal"))
    return user


def test_the_administrator_reads_comments_but_changes_nothing(client, town, people, mailbox, staff):
    article = published(people)
    reader = sign_up(town)
    comment = comments.post(reader, article=article, body="建议在东沟村村口加装两盏路灯。")
    other = factories.township("河口镇", "hekou")
    other_people = factories.personas(other, prefix="hk-")
    foreign = comments.post(
        sign_up(other, contact="far@example.cn"), article=published(other_people), body="外镇评论内容"
    )
    client.force_login(staff)
    listing = client.get(reverse("admin:portal_comment_changelist")).content.decode()
    assert f"/{comment.pk}/" in listing and f"/{foreign.pk}/change/" not in listing
    page = client.get(reverse("admin:portal_comment_change", args=[comment.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "建议在东沟村村口加装两盏路灯。" in text and "reader@example.cn" not in text
    assert 'name="_save"' not in text
    assert client.get(reverse("admin:portal_comment_add")).status_code == 403
    assert (
        client.post(reverse("admin:portal_comment_delete", args=[comment.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Comment.objects.filter(pk=comment.pk).exists()
    accounts = client.get(reverse("admin:portal_publicaccount_changelist")).content.decode()
    assert "东沟村民" in accounts and "reader@example.cn" not in accounts
