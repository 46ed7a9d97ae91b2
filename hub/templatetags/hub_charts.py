from django import template

from hub.charts import bar_chart_geometry

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
        value_format="{:,.0f} €" if money else "{:,.0f}",
    )
    chart["title"] = title
    return chart
