"""The desk chart's geometry: axis maxima and points inside the plot."""

import datetime as dt

from claims.stats import DailySeries
from claims.views import charts


def test_chart_axis_maximum_is_round_and_above_the_peak():
    for value, top in [(0, 4), (3, 4), (5, 8), (13, 20), (45, 80), (100, 100)]:
        assert charts._nice_max(value) == top
        assert top >= value and top % 4 == 0


def test_chart_places_every_day_inside_the_plot():
    days = [dt.date(2026, 11, 1) + dt.timedelta(days=i) for i in range(30)]
    series = DailySeries(days, list(range(30)), [0] * 30, [1] * 30)
    chart = charts.daily_chart(series)
    imported = [tuple(map(float, p.split(","))) for p in chart.lines[0].points.split()]
    assert len(imported) == 30
    assert imported[0] == (chart.left, chart.bottom)  # day one: zero
    assert imported[-1][0] == chart.right and imported[-1][1] > 0  # the peak
    assert all(chart.left <= x <= chart.right for x, _ in imported)
    assert [line.total for line in chart.lines] == [435, 0, 30]
    assert chart.x_ticks[-1].label == "30 Nov"
