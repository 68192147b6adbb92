"""The project's URLs plus the benchmarks' baseline views, under /bench/."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/ratings-values/", views.ratings_values, name="bench-ratings-values"),
    path("", include("factcheck.urls")),
]
