from .activity import ArticleFeedback, ArticleStat, ReviewReminder, SearchLog, Watch
from .facts import ProductFact, SpecRowBlock
from .pages import (
    ArticlePage,
    ArticleTag,
    WikiCategoryPage,
    WikiIndexPage,
    WikiLink,
)
from .trash import TrashEntry, WikiTrashPage
from .webschool import (
    LEVELS,
    CoursePage,
    LessonCompletion,
    LessonPage,
    WebschoolIndexPage,
)

__all__ = [
    "LEVELS",
    "ArticleFeedback",
    "ArticlePage",
    "ArticleStat",
    "ArticleTag",
    "CoursePage",
    "LessonCompletion",
    "LessonPage",
    "ProductFact",
    "ReviewReminder",
    "SearchLog",
    "SpecRowBlock",
    "TrashEntry",
    "Watch",
    "WebschoolIndexPage",
    "WikiCategoryPage",
    "WikiIndexPage",
    "WikiLink",
    "WikiTrashPage",
]
