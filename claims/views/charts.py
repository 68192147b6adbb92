"""Geometry of the dashboard's inline SVG charts, computed from aggregated figures."""

from collections.abc import Sequence
from dataclasses import dataclass

from ..stats import DailySeries


@dataclass(frozen=True)
class Line:
    name: str
    css: str
    points: str
    total: int


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int
    bottom: int
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]


def _nice_max(value: int) -> int:
    """Return a round axis maximum at or above `value`, divisible into four ticks."""
    step = max(1, -(-value // 4))
    magnitude = 10 ** (len(str(step)) - 1)
    for factor in (1, 2, 2.5, 3, 5, 10):
        if factor * magnitude >= step:
            return int(4 * factor * magnitude)
    return 4 * step


def daily_chart(series: DailySeries, width: int = 960, height: int = 260) -> LineChart:
    """Lay out claims imported, sourced and rated per day as three polylines."""
    # The value axis is on the right: a phone scrolls the chart to its latest days.
    left, right, top, bottom = 20, 44, 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max([*series.imported, *series.sourced, *series.rated, 0]))
    n = max(len(series.days) - 1, 1)

    def x(i: int) -> float:
        return round(left + plot_w * i / n, 1)

    def y(v: int) -> float:
        return round(top + plot_h - plot_h * v / peak, 1)

    lines = [
        Line(
            name,
            css,
            " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values)),
            sum(values),
        )
        for name, css, values in (
            ("Imported", "imported", series.imported),
            ("Sourced", "sourced", series.sourced),
            ("Rated", "rated", series.rated),
        )
    ]
    y_ticks = [Tick(y(peak * k // 4), str(peak * k // 4)) for k in range(5)]
    x_ticks = [
        Tick(x(i), day.strftime("%d %b"))
        for i, day in enumerate(series.days)
        if (len(series.days) - 1 - i) % 7 == 0
    ]
    return LineChart(
        width, height, left, width - right, height - bottom, lines, y_ticks, x_ticks
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float
    css: str = ""


def bars(items: Sequence[tuple[str, int, str]], scale: int = 100) -> list[Bar]:
    """Return horizontal bars as percentages of the largest value."""
    peak = max([v for _, v, _ in items] + [1])
    return [Bar(label, v, round(scale * v / peak, 1), css) for label, v, css in items]
