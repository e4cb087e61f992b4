"""Routes for site search, included at /zoeken/ in ``portal.urls`` before Wagtail's catch-all."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("suggesties/", views.suggest_view, name="suggest"),
]
