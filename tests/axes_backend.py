"""The authentication backend of the test settings (pcru_site/settings/test.py)."""

from axes.backends import AxesStandaloneBackend


class TestClientAxesBackend(AxesStandaloneBackend):
    """django-axes' backend, letting a request-less `authenticate()` through unthrottled.

    Django's test client `login()` calls `authenticate()` without a request, which axes refuses
    (`AxesBackendRequestParameterRequired`): production keeps that refusal, so no code path can log in
    unthrottled by forgetting the request. Every login through a URL passes its request and is
    throttled here exactly as in production.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
