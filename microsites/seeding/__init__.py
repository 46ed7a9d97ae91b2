"""Demo seed of the microsites (seed step "microsites", order 40)."""

from .step import seed_microsites

__all__ = ["seed_microsites"]
