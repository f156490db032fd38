"""Names of obligation kinds. Later areas add their kinds here (one row each), nothing else."""

from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "daily-log": _("daily work log"),
    "contact-visit": _("contact village visit"),
    "periodic-report": _("periodic report"),
    "principal-talks": _("heart-to-heart talks"),
    "annual-self-report": _("annual self-report"),
    "responsibility-letter": _("responsibility letter"),
    "democratic-life-meeting": _("democratic life meeting"),
    "publish": _("publication"),
    "re-deliberate": _("re-deliberation"),
    "report-emergency": _("report of an emergency decision"),
    "notice-receipt": _("receipt of a meeting notice"),
    "supervision-feedback": _("supervision feedback"),
    "supervision-rectification": _("rectification report"),
    "supervision-progress": _("supervision progress report"),
    "personal-report": _("personal-matter report"),
}


def kind_label(code: str) -> str:
    return str(KIND_LABELS.get(code, code))


# Where the record behind an obligation is read (source_type -> URL name taking its id).
SOURCE_URLS = {
    "meetings.meeting": "meetings:meeting-detail",
    "personal.report": "personal:detail",
}
# Kinds fulfilled by their own act on the source page (e.g. confirming a meeting notice there
# records the receipt time the clerk sees), never by a bare "mark done".
COMPLETED_AT_SOURCE = {"notice-receipt", "personal-report"}
