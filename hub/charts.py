"""Server-rendered SVG charts: no JavaScript library, nothing from a CDN.

`bar_chart_geometry` turns labelled series into rectangles; the template draws them
and repeats the data in a visually hidden table for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

PALETTE = [
    "var(--chart-1)",
    "var(--chart-2)",
    "var(--chart-3)",
    "var(--chart-4)",
    "var(--chart-5)",
    "var(--chart-6)",
]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    color: str
    title: str


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _quarters(top: float) -> float:
    """A top whose quarter gridlines are whole numbers (10 → 12: 3, 6, 9, 12
    instead of 2.5, 5, 7.5, which read as 2, 5, 8 once rounded)."""
    if top < 40 and top % 4:
        return float(-(-top // 4) * 4)
    return top


def bar_chart_geometry(
    labels, series, *, stacked=False, width=640, height=220, value_format="{:,.0f}"
):
    """Return what the SVG template needs: bars, gridlines and label positions.
    `value_format` is a format string or a function of the value (the reader's
    number and money formats, hub_format)."""
    fmt = value_format if callable(value_format) else value_format.format
    bottom, top = 28, 8
    count = max(len(labels), 1)
    if stacked:
        totals = [sum(s["values"][i] or 0 for s in series) for i in range(len(labels))]
        peak = max(totals, default=0)
    else:
        peak = max((v or 0 for s in series for v in s["values"]), default=0)
    # At least 4 so the five gridlines (0, ¼, ½, ¾, 1) carry distinct whole labels.
    top_value = _quarters(max(_nice_max(peak), 4))
    axis = [fmt(top_value * f) for f in (0, 0.25, 0.5, 0.75, 1)]
    # Room for the longest axis label ("100 000 €") at the 11 px of hub.css.
    left = max(56, round(6.5 * max(len(a) for a in axis) + 12))
    plot_w, plot_h = width - left - 8, height - bottom - top
    slot = plot_w / count
    group_w = slot * 0.7
    bars = []
    for i, label in enumerate(labels):
        base = 0.0
        for index, serie in enumerate(series):
            value = serie["values"][i] or 0
            h = plot_h * value / top_value
            if stacked:
                x, w, y = (
                    left + i * slot + (slot - group_w) / 2,
                    group_w,
                    top + plot_h - base - h,
                )
                base += h
            else:
                w = group_w / max(len(series), 1)
                x, y = (
                    left + i * slot + (slot - group_w) / 2 + index * w,
                    top + plot_h - h,
                )
            color = serie.get("color") or PALETTE[index % len(PALETTE)]
            title = f"{label} — {serie['name']}: {fmt(value)}"
            bars.append(
                Bar(round(x, 1), round(y, 1), round(w, 1), round(h, 1), color, title)
            )
    grid = [
        {"y": round(top + plot_h - plot_h * f, 1), "label": text}
        for f, text in zip((0, 0.25, 0.5, 0.75, 1), axis, strict=True)
    ]
    every = max(1, count // 12)
    label_pos = [
        {"x": round(left + i * slot + slot / 2, 1), "text": str(label)}
        for i, label in enumerate(labels)
        if i % every == 0
    ]
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "grid": grid,
        "labels": label_pos,
        "label_y": height - 10,
        "left": left,
        "right": width - 8,
        "legend": [
            {"name": s["name"], "color": s.get("color") or PALETTE[i % len(PALETTE)]}
            for i, s in enumerate(series)
        ],
        "table_labels": list(labels),
        "table_series": [
            {
                "name": s["name"],
                "values": [fmt(v or 0) for v in s["values"]],
            }
            for s in series
        ],
    }
