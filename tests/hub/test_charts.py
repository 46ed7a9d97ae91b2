from hub.charts import bar_chart_geometry


def test_small_values_keep_distinct_axis_labels():
    chart = bar_chart_geometry(["a", "b"], [{"name": "leads", "values": [1, 2]}])
    labels = [g["label"] for g in chart["grid"]]
    assert labels == ["0", "1", "2", "3", "4"]


def test_stacked_bars_sum_to_the_column_height():
    chart = bar_chart_geometry(
        ["jan"],
        [{"name": "web", "values": [30]}, {"name": "war room", "values": [70]}],
        stacked=True,
    )
    web, war = chart["bars"]
    assert web.height + war.height == chart["height"] - 28 - 8  # full plot height
    assert war.y + war.height == web.y  # stacked on top, no gap


def test_bar_titles_carry_the_values_for_tooltips():
    chart = bar_chart_geometry(
        ["mars"], [{"name": "CA", "values": [1200]}], value_format="{:,.0f} €"
    )
    assert chart["bars"][0].title == "mars — CA: 1,200 €"


def test_quarter_gridlines_are_whole_numbers():
    chart = bar_chart_geometry(["a"], [{"name": "leads", "values": [9]}])
    assert [g["label"] for g in chart["grid"]] == ["0", "3", "6", "9", "12"]


def test_values_formatted_by_a_function():
    chart = bar_chart_geometry(
        ["mars"], [{"name": "CA", "values": [6800]}], value_format=lambda v: f"<{v}>"
    )
    assert chart["bars"][0].title == "mars — CA: <6800>"
