"""Writes of the wiki app: keyword-only, atomic, validated, audited — one
module per concern, every function importable from `wiki.services`.

| module | writes |
| --- | --- |
| activity | views, watches, article feedback, the search log, watchers told |
| red_links | red links attached to a new article, drafts from a red link |
| reindex | articles re-indexed after a product fact changed |
| review | page permissions, categories' review workflow, review reminders |
| webschool | lessons completed on evidence, resume bookmark |
| quiz | quiz attempts drawn, checked, scored |
| live | live classes scheduled, ended, attendance credited |
| certificates | level certificates issued, rendered as PDF |

The answer engine's writes (passages, votes) are in wiki.answers; the trash's
in wiki.trash.
"""

from .activity import (
    article_published_notify,
    article_view_record,
    feedback_submit,
    search_log,
    watch_toggle,
    watchers_of,
)
from .certificates import certificate_issue, certificate_pdf
from .live import (
    live_class_attendance_compute,
    live_class_end,
    live_class_schedule,
    live_classes_attendance_due,
)
from .quiz import quiz_attempt_start, quiz_attempt_submit
from .red_links import article_create_draft, wiki_links_attach
from .reindex import (
    article_ids_embedding_fact,
    articles_reindex,
    articles_reindex_for_fact,
)
from .review import (
    REVIEW_WORKFLOW_NAME,
    category_apply_review_policy,
    grant_page_permission,
    review_reminders_send,
    review_workflow,
)
from .webschool import lesson_bookmark_set, lesson_complete

__all__ = [
    "REVIEW_WORKFLOW_NAME",
    "article_create_draft",
    "article_ids_embedding_fact",
    "article_published_notify",
    "article_view_record",
    "articles_reindex",
    "articles_reindex_for_fact",
    "category_apply_review_policy",
    "feedback_submit",
    "grant_page_permission",
    "certificate_issue",
    "certificate_pdf",
    "lesson_bookmark_set",
    "lesson_complete",
    "live_class_attendance_compute",
    "live_class_end",
    "live_class_schedule",
    "live_classes_attendance_due",
    "quiz_attempt_start",
    "quiz_attempt_submit",
    "review_reminders_send",
    "review_workflow",
    "search_log",
    "watch_toggle",
    "watchers_of",
    "wiki_links_attach",
]
