"""The answer engine: questions in the words people use → article sections.

Public surface (the microsites' question box and the editors' demand queue
build on it; see docs/answers.md):

    ask(query, *, public_only=False, limit=5, user=None, site=None) -> Answer
    feedback_record(*, query, passage, helpful, user=None, source="staff")

`ask` only reads. `public_only=True` returns passages editors marked for
customers (ArticlePage.answer_customers, or a heading's "answers customers"
override), whose text never holds internal fields.
"""

from .engine import ask
from .feedback import feedback_record
from .results import Answer, Passage

__all__ = ["Answer", "Passage", "ask", "feedback_record"]
