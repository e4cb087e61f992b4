from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import openapi, security_txt, views
from programmes import api as fee_api
from registrations import api as registrations_api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon_ico, name="favicon_ico"),
    path("healthz", views.healthz, name="healthz"),
    path("zoeken/", include("search.urls")),
    path("", include("guidance.urls")),  # /meldingen/... (e-mail alerts) and /zelfscan/...
    path(".well-known/security.txt", security_txt.security_txt, name="security_txt"),
    # The API (NL API Design Rules; portal/api.py, portal/openapi.py): English paths without a trailing
    # slash. The older spellings keep answering: with a trailing slash as aliases of the same view, and
    # the Dutch /api/v1/gemeenten/ as a permanent redirect that keeps the method and the query.
    path("api/v1/openapi.json", openapi.openapi_json, name="openapi"),
    path("api/v1/municipalities", registrations_api.municipalities, name="municipality_search"),
    path("api/v1/municipalities/", registrations_api.municipalities),
    path(
        "api/v1/gemeenten/",
        RedirectView.as_view(
            pattern_name="municipality_search",
            permanent=True,
            query_string=True,
            preserve_request=True,
        ),
        name="municipality_search_old",
    ),
    path("api/v1/programmes/<slug:slug>/fee-quote", fee_api.fee_quote, name="fee_quote"),
    path("api/v1/programmes/<slug:slug>/fee-quote/", fee_api.fee_quote),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
