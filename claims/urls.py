"""The editors' dashboard URLs."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("claims/", views.queue, name="queue"),
    path("claims/export.csv", views.queue_csv, name="queue-csv"),
    path("claims/bulk/", views.queue_bulk, name="queue-bulk"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("claims/<int:pk>/act/", views.claim_act, name="claim-act"),
    path("claims/<int:pk>/evidence/", views.claim_evidence, name="claim-evidence"),
    path("claims/<int:pk>/assign/", views.claim_assign, name="claim-assign"),
    path("sources/", views.source_list, name="sources"),
    path("sources/import/", views.import_create, name="import-create"),
    path("sources/imports/<int:pk>/", views.import_detail, name="import"),
    path("sources/imports/<int:pk>/status/", views.import_status, name="import-status"),
    path("sources/feeds/", views.feed_create, name="feed-create"),
    path("sources/feeds/<int:pk>/active/", views.feed_toggle, name="feed-toggle"),
    path("speakers/<int:pk>/", views.speaker_detail, name="speaker"),
]
