"""Reads of the wiki app (permission filtering and query shaping live here)."""

from .articles import (
    article_by_title,
    article_context,
    category_articles,
    wiki_home_data,
    wiki_index,
    wiki_panel_data,
)
from .facts import product_fact_public_data
from .reports import (
    least_helpful,
    most_viewed,
    recent_changes,
    recent_feedback_comments,
    stale_articles,
    top_searches,
    unanswered_searches,
    wanted_articles,
)
from .search import article_autocomplete, article_search
from .training_report import training_hours_report, training_years
from .trash import trash_entries, trash_entries_older_than, trash_entry
from .webschool import (
    course_data,
    lesson_data,
    upcoming_live_classes,
    webschool_home_data,
)

__all__ = [
    "article_by_title",
    "article_autocomplete",
    "article_context",
    "article_search",
    "category_articles",
    "course_data",
    "least_helpful",
    "lesson_data",
    "most_viewed",
    "product_fact_public_data",
    "recent_changes",
    "recent_feedback_comments",
    "stale_articles",
    "top_searches",
    "training_hours_report",
    "trash_entries",
    "trash_entries_older_than",
    "trash_entry",
    "training_years",
    "unanswered_searches",
    "upcoming_live_classes",
    "wanted_articles",
    "webschool_home_data",
    "wiki_home_data",
    "wiki_index",
    "wiki_panel_data",
]
