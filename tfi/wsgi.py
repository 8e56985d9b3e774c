"""WSGI entry point, used by gunicorn: `gunicorn tfi.wsgi`."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from tfi.process import settle_garbage_collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tfi.settings")

if not settings.DEBUG and not settings.SECRET_KEY_GIVEN:
    # On several machines each would make its own key, and a login would break whenever the load balancer
    # switched machine (tfi/settings.py).
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG off the register needs the same SECRET_KEY (or SECRET_KEY_FILE) on "
        "every machine; see README, Configuration.")

application = get_wsgi_application()

settle_garbage_collector()
