#!/usr/bin/env bash
# Recovery after a real PostgreSQL restart, without restarting the app (README, "What the security tests
# assert"). Needs root on a machine whose PostgreSQL cluster is managed by pg_ctlcluster (Debian):
#
#   bench/db_restart.sh            # CLUSTER="15 main" PORT=8057 DB=tfi_restart
#
# It fills a database of its own with the demo, starts gunicorn with production settings, logs in as the
# demo consultant, opens the requisition list and the health check, stops PostgreSQL, opens them again
# (the Danish 503 page and "unavailable"), starts PostgreSQL, and opens them once more with the same
# session and the same gunicorn.
set -euo pipefail
cd "$(dirname "$0")/.."
CLUSTER="${CLUSTER:-15 main}" PORT="${PORT:-8057}" DB="${DB:-tfi_restart}"
B="http://127.0.0.1:$PORT" JAR="$(mktemp)" PAGE="$(mktemp)"
export DEBUG=0 SECRET_KEY="restart-$(date +%s)-$RANDOM$RANDOM" ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 \
       SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 OTP_REQUIRED_FOR_MANAGEMENT=0 LOG_LEVEL=CRITICAL \
       DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
.venv/bin/python manage.py migrate -v 0
.venv/bin/python manage.py load_demo --force >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v 0
# The app logs each 503 with its traceback, as it should; here they go to a file.
.venv/bin/gunicorn tfi.wsgi --bind "127.0.0.1:$PORT" --workers 2 2>"${LOG:-/tmp/tfi-restart-gunicorn.log}" &
gunicorn_pid=$!
trap 'kill "$gunicorn_pid" 2>/dev/null; pg_ctlcluster $CLUSTER start >/dev/null 2>&1 || true; rm -f "$JAR" "$PAGE"' EXIT
for _ in $(seq 60); do curl -sf "$B/helbred/" >/dev/null && break; sleep 0.5; done

token=$(curl -s -c "$JAR" -b "$JAR" "$B/login/" | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p')
curl -s -o /dev/null -c "$JAR" -b "$JAR" -e "$B/login/" \
     -d "csrfmiddlewaretoken=$token&username=konsulent&password=demo" "$B/login/"
look() {
    local code title
    code=$(curl -s -o "$PAGE" -w "%{http_code}" -b "$JAR" -c "$JAR" "$B/rekvireringer/")
    title=$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$PAGE" | head -1)
    echo "$1: /rekvireringer/ $code \"$title\"; /helbred/ $(curl -s -w ' %{http_code}' "$B/helbred/")"
}
look "before"
pg_ctlcluster $CLUSTER stop -m fast
look "PostgreSQL stopped"
pg_ctlcluster $CLUSTER start
look "PostgreSQL started again (same gunicorn, same session)"
