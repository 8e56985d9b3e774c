"""WSGI entry point, used by gunicorn: `gunicorn tfi.wsgi`."""

import gc
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tfi.settings")

if not settings.DEBUG and not settings.SECRET_KEY_GIVEN:
    # On several machines each would make its own key, and a login would break whenever the load balancer
    # switched machine (tfi/settings.py).
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG off the register needs the same SECRET_KEY (or SECRET_KEY_FILE) on "
        "every machine; see README, Configuration.")

application = get_wsgi_application()

# The garbage collector. What is loaded by now (Django, the project, its libraries) lives as long as the
# process: frozen, it is no longer scanned by every full collection. And a request allocates tens of
# thousands of objects that reference counting frees at the end of the request anyway; with Python's
# default threshold (700) the collector ran dozens of times a request over the same young objects.
# GC_THRESHOLD (default 20000) sets the first generation's threshold; 0 leaves Python's defaults.
gc.freeze()
if threshold := int(os.environ.get("GC_THRESHOLD", "20000")):
    gc.set_threshold(threshold, 10, 10)
