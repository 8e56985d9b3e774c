"""The settings come from the environment: run manage.py in a child process with a chosen one."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "DJANGO_SETTINGS_MODULE",
                                  "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_deploy_check_passes_with_debug_off_and_a_real_secret_key():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_when_https_is_turned_off():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50),
                    SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr


def test_without_a_secret_key_it_makes_a_private_key_file_once_and_reuses_it(tmp_path):
    key_file = tmp_path / "secret"
    show_key = ("shell", "-v", "0", "-c", "from django.conf import settings; print(settings.SECRET_KEY)")

    first = manage(*show_key, SECRET_KEY="", SECRET_KEY_FILE=str(key_file))
    second = manage(*show_key, SECRET_KEY="", SECRET_KEY_FILE=str(key_file))

    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip() == key_file.read_text()
    assert len(key_file.read_text()) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_an_empty_key_file_is_refused(tmp_path):
    key_file = tmp_path / "secret"
    key_file.write_text("")

    result = manage("check", SECRET_KEY="", SECRET_KEY_FILE=str(key_file))

    assert result.returncode != 0
    assert "is empty" in result.stderr


def test_debug_is_off_unless_asked_for(settings):
    # make test does not set DEBUG, so the suite runs as production would.
    assert settings.DEBUG is False
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    assert settings.LANGUAGE_CODE == "da"


def test_with_debug_off_the_web_application_refuses_to_start_without_a_secret_key(tmp_path):
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "DJANGO_SETTINGS_MODULE"}}
    result = subprocess.run([sys.executable, "-c", "import tfi.wsgi"], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    given = subprocess.run([sys.executable, "-c", "import tfi.wsgi"], cwd=ROOT, timeout=120,
                           env={**environment, "SECRET_KEY": "a-key-for-every-machine"}, capture_output=True, text=True)
    assert given.returncode == 0, given.stderr


def test_manage_py_works_in_a_checkout_without_a_key():
    result = manage("check", SECRET_KEY="", SECRET_KEY_FILE="")
    assert result.returncode == 0, result.stderr
