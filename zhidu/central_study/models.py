"""党委中心组学习制度 (R12): the study plan of a period with the topics the committee sets, the
group's sessions with attendance and materials, the members invited from outside the group and each
member's self-study notes. Every row carries its township; nothing is deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhidu.core.uploads import TownshipUpload
from zhidu.org.models import Person, TownshipScoped


class StudyPlan(TownshipScoped):
    """The study plan of one period (R12§2 "每个时期的具体学习内容根据党委的统一部署予以安排")."""

    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period until"))
    decided = models.CharField(_("set by the committee at"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("study plan")
        verbose_name_plural = _("study plans")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["township", "-starts_on"], name="studyplan_township_start")]

    def __str__(self) -> str:
        return self.title


class PlanTopic(TownshipScoped):
    plan = models.ForeignKey(StudyPlan, on_delete=models.PROTECT, related_name="topics")
    title = models.CharField(_("topic"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("study topic")
        verbose_name_plural = _("study topics")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["township", "plan"], name="plantopic_township_plan")]

    def __str__(self) -> str:
        return self.title


class Invitation(TownshipScoped):
    """R12§1 "根据需要还可吸收其它有关部门的负责同志参加": a cadre invited into the group for a plan."""

    plan = models.ForeignKey(StudyPlan, on_delete=models.PROTECT, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cadre"))
    reason = models.CharField(_("why invited"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["township", "plan"], name="studyinvite_township_plan")]
        constraints = [models.UniqueConstraint(fields=["plan", "person"], name="study_invite_once")]


class SessionKind(models.TextChoices):
    # R12§3: 集中学习、座谈讨论、专题讲座.
    CONCENTRATED = "concentrated", _("Concentrated study")
    SEMINAR = "seminar", _("Seminar")
    LECTURE = "lecture", _("Lecture")


class StudySession(TownshipScoped):
    plan = models.ForeignKey(StudyPlan, on_delete=models.PROTECT, related_name="sessions")
    topic = models.ForeignKey(
        PlanTopic,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("topic"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    held_on = models.DateField(_("held on"))
    subject = models.CharField(_("subject"), max_length=200)
    place = models.CharField(_("place"), max_length=100, blank=True)
    speaker = models.CharField(_("speaker"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    material = models.FileField(_("material"), upload_to=TownshipUpload("central_study/sessions"), blank=True)
    material_name = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["township", "plan", "held_on"], name="studysession_township_plan")]

    def __str__(self) -> str:
        return self.subject


class StudyAttendance(TownshipScoped):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        LEAVE = "leave", _("on leave")
        ABSENT = "absent", _("absent without leave")

    session = models.ForeignKey(StudySession, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    leave_reason = models.CharField(_("reason for leave"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["id"]
        indexes = [models.Index(fields=["township", "person"], name="studyattend_township_person")]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="study_attend_once")]


class StudyNote(TownshipScoped):
    """A member's self-study note (R12§3 读书笔记、心得、体会), kept on a phone."""

    class Kind(models.TextChoices):
        READING = "reading", _("Reading notes")
        REFLECTION = "reflection", _("Reflections")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"))
    written_on = models.DateField(_("written on"))
    topic = models.ForeignKey(
        PlanTopic, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic")
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("study note")
        verbose_name_plural = _("study notes")
        ordering = ["-written_on", "-id"]
        indexes = [
            models.Index(fields=["township", "person", "written_on"], name="studynote_township_person")
        ]

    def __str__(self) -> str:
        return self.title
