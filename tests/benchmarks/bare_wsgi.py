"""The bare-Django ceiling for `bench_serving.py`: one view answering a fixed page, no database,
no middleware (served by gunicorn exactly like the site: ``gunicorn tests.benchmarks.bare_wsgi``)."""

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-only-bare-django-ceiling-not-a-site",  # noqa: S106
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

PAGE = ("<!doctype html><html lang='th'><title>ขีดสูงสุด</title><p>" + "มหาวิทยาลัยราชภัฏเพชรบูรณ์ " * 200 + "</p></html>").encode()


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]

application = get_wsgi_application()
