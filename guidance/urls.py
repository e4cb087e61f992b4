"""Public URLs of the guidance app, included by the project URLconf (``portal/urls.py``)."""

from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("meldingen/aanmelden/", views.subscribe, name="subscribe"),
    path("meldingen/aanmelden/verstuurd/", views.subscribe_sent, name="subscribe_sent"),
    path("meldingen/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("meldingen/beheren/<str:token>/", views.manage, name="manage"),
    path("meldingen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("zelfscan/", views.scan_index, name="scan_index"),
    path("zelfscan/<slug:slug>/", views.scan_start, name="scan_start"),
    path("zelfscan/<slug:slug>/vraag/<int:number>/", views.scan_question, name="scan_question"),
    path("zelfscan/<slug:slug>/uitslag/", views.scan_result, name="scan_result"),
]
