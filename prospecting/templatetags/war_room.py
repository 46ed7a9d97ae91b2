from django import template

register = template.Library()


@register.filter
def person(user, empty="—"):
    """A user's display name; `empty` when there is none."""
    if user is None:
        return empty
    return user.get_full_name() or user.username
