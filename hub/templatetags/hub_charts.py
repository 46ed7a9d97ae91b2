from django import template

from hub.charts import bar_chart_geometry
from hub.templatetags.hub_format import money_text, number

register = template.Library()


@register.inclusion_tag("hub/charts/bar_chart.html")
def bar_chart(labels, series, title="", stacked=False, height=220, money=False):
    """`{% bar_chart labels series title=... stacked=True %}`; series is a list of
    {"name": str, "values": [numbers], "color"?: css colour}."""
    chart = bar_chart_geometry(
        labels,
        series,
        stacked=stacked,
        height=height,
        # The reader's formats: 6 800 € and 12 500 in French.
        value_format=(lambda v: money_text(v, 0)) if money else number,
    )
    chart["title"] = title
    return chart
