"""R11 entry points: publications and the sheet (publish.py), the assessment procedure (assessment.py)."""

from zhidu.openness.services.assessment import *  # noqa: F403
from zhidu.openness.services.common import *  # noqa: F403
from zhidu.openness.services.publish import *  # noqa: F403
