from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
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
    path("api/v1/gemeenten/", registrations_api.municipalities, name="municipality_search"),
    path("api/v1/programmes/<slug:slug>/fee-quote/", fee_api.fee_quote, name="fee_quote"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
