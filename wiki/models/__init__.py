from .facts import ProductFact, SpecRowBlock

__all__ = ["ProductFact", "SpecRowBlock"]
