from .activity import (
    ArticleFeedback,
    ArticleRequest,
    ArticleStat,
    ReviewReminder,
    SearchLog,
    Watch,
)
from .answers import AnswerFeedback, ArticlePassage, Synonym
from .facts import ProductFact, SpecRowBlock
from .live import LiveClass, LiveClassAttendance
from .pages import (
    ArticlePage,
    ArticleTag,
    WikiCategoryPage,
    WikiIndexPage,
    WikiLink,
)
from .quiz import QuizAttempt, QuizQuestion
from .trash import TrashEntry, WikiTrashPage
from .webschool import (
    LEVELS,
    Certificate,
    CoursePage,
    LessonBookmark,
    LessonCompletion,
    LessonPage,
    WebschoolIndexPage,
)

__all__ = [
    "AnswerFeedback",
    "ArticlePassage",
    "Synonym",
    "LEVELS",
    "ArticleFeedback",
    "ArticlePage",
    "ArticleStat",
    "ArticleTag",
    "Certificate",
    "CoursePage",
    "LessonBookmark",
    "LiveClass",
    "LiveClassAttendance",
    "QuizAttempt",
    "QuizQuestion",
    "LessonCompletion",
    "LessonPage",
    "ProductFact",
    "ArticleRequest",
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
