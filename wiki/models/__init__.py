from .activity import ArticleFeedback, ArticleStat, ReviewReminder, SearchLog, Watch
from .facts import ProductFact, SpecRowBlock
from .pages import (
    ArticlePage,
    ArticleTag,
    WikiCategoryPage,
    WikiIndexPage,
    WikiLink,
)
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
    "Watch",
    "WebschoolIndexPage",
    "WikiCategoryPage",
    "WikiIndexPage",
    "WikiLink",
]
