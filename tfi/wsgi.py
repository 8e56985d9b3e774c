"""WSGI entry point, used by gunicorn: `gunicorn tfi.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tfi.settings")

application = get_wsgi_application()
