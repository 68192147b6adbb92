"""The editors' dashboard URLs."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("speakers/<int:pk>/", views.speaker_detail, name="speaker"),
]
