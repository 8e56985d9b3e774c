#!/usr/bin/env bash
# The load test: fill PostgreSQL with the synthetic data, start gunicorn with production settings, run
# locust headless against it on the same machine, and print the figures per page type.
#
#   bench/load/run.sh                        # fill tfi_load afresh, then 100 users for 3 minutes
#   REUSE=1 USERS=150 RUN_TIME=5m bench/load/run.sh
#
# Settings (environment, with their defaults):
#   DATABASE_URL  postgres://postgres@127.0.0.1:5432/tfi_load   a database of its own: it is emptied
#   REUSE         0      1 keeps the data already there (the creates of earlier runs stay)
#   ROWS          100000 registrations over the ten years ending with the current one
#   WORKERS       4      gunicorn worker processes
#   SERVER_VENV   .venv  the virtualenv gunicorn (and the yardstick) run from; e.g. one made with Debian's
#                          python3: `make install PYTHON=/usr/bin/python3 VENV=.venv-debian` (README, "Load")
#   WORKER_CLASS  gthread  gunicorn's worker class: gthread keeps connections alive; sync (gunicorn's
#                          default, as README's deployment) closes each after its response
#   THREADS       1      threads per worker (gthread); 2 threads measured 35 req/s against 40 with 1 (GIL)
#   USERS         100    simulated users (9 in 10 consultants, 1 in 10 management)
#   SPAWN_RATE    2      users started (logged in) per second
#   RUN_TIME      4m     the whole run; the statistics are reset once all users have started
#   PORT          8765
#   OUT           /tmp/tfi-load   locust's CSV files, gunicorn's log and the reports cache (emptied first)
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tfi_load}"
REUSE="${REUSE:-0}" ROWS="${ROWS:-100000}" WORKERS="${WORKERS:-4}" THREADS="${THREADS:-1}"
WORKER_CLASS="${WORKER_CLASS:-gthread}" SERVER_VENV="${SERVER_VENV:-.venv}"
USERS="${USERS:-100}" SPAWN_RATE="${SPAWN_RATE:-2}" RUN_TIME="${RUN_TIME:-4m}" PORT="${PORT:-8765}"
OUT="${OUT:-/tmp/tfi-load}"
mkdir -p "$OUT"

# Production settings (README, "Deployment"), on plain HTTP on localhost: no HTTPS redirect or secure
# cookies, and management without the authenticator app (the test measures pages, not TOTP).
export DEBUG=0 SECRET_KEY="load-test-$(date +%s)-$RANDOM$RANDOM" ALLOWED_HOSTS=127.0.0.1 \
       SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0 \
       OTP_REQUIRED_FOR_MANAGEMENT=0 LOG_LEVEL=WARNING

prepare_args=(--data "$OUT/data.json" --rows "$ROWS")
[ "$REUSE" = 1 ] && prepare_args+=(--reuse)
.venv/bin/python bench/load/prepare.py "${prepare_args[@]}"
.venv/bin/python manage.py collectstatic --noinput -v 0
# The reports cache's files (shared by the workers, kept across restarts) start empty: every run measures
# the charts and reports being made, not an earlier run's.
export REPORTS_CACHE_DIR="$OUT/reports-cache"
rm -rf "$REPORTS_CACHE_DIR"

"$SERVER_VENV/bin/gunicorn" tfi.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --threads "$THREADS" \
    --worker-class "$WORKER_CLASS" --log-level warning --error-logfile "$OUT/gunicorn.log" &
gunicorn_pid=$!
trap 'kill "$gunicorn_pid" ${locust_pid:-} 2>/dev/null; wait "$gunicorn_pid" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
    curl -sf "http://127.0.0.1:$PORT/helbred/" >/dev/null && break
    sleep 0.5
done

# CPU seconds used so far by the processes named (gunicorn's workers, the database's backends, locust):
# the machine may be shared, so the run says how much of it the test had.
cpu_seconds() { ps -eo times=,args= | awk -v pattern="$1" '$0 ~ pattern && !/awk/ {sum += $1} END {print sum + 0}'; }
database="${DATABASE_URL##*/}"
# The machine's speed at the moment, with the register itself (bench/load/yardstick.py): the shared host
# gives the same code very different speeds at different times.
yardstick() { TFI_LOAD_DATA="$OUT/data.json" ALLOWED_HOSTS=testserver "$SERVER_VENV/bin/python" bench/load/yardstick.py 2>/dev/null; }
echo "yardstick before (the requisition list's CPU time, one process per core, bench/load/yardstick.py): $(yardstick)"
echo "gunicorn: $WORKERS $WORKER_CLASS workers x $THREADS threads on $("$SERVER_VENV/bin/python" -VV | head -n 1); locust: $USERS users, spawn rate $SPAWN_RATE/s, $RUN_TIME" \
     "measured after all have started; $(nproc) cores"
echo "before: $(uptime)"
start=$(date +%s)
TFI_LOAD_DATA="$OUT/data.json" .venv/bin/locust -f bench/load/locustfile.py --headless --only-summary \
    --host "http://127.0.0.1:$PORT" --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$RUN_TIME" \
    --reset-stats --csv "$OUT/locust" --loglevel WARNING >"$OUT/locust.log" 2>&1 &
locust_pid=$!
sleep 1
cpu_at_end=""
while kill -0 "$locust_pid" 2>/dev/null; do  # read the CPU times while locust still runs
    cpu_at_end="gunicorn $(cpu_seconds "gunicorn tfi.wsgi.*--bind 127.0.0.1:$PORT") s"
    cpu_at_end+=", PostgreSQL backends of $database $(cpu_seconds "postgres: .* $database ") s"
    cpu_at_end+=", locust $(cpu_seconds "locust -f bench/load") s"
    sleep 2
done
wait "$locust_pid" || true
echo "after:  $(uptime)"
echo "yardstick after: $(yardstick)"
echo "CPU used in the $(( $(date +%s) - start )) s of the run (spawning included): $cpu_at_end"
.venv/bin/python bench/load/summary.py "$OUT/locust"
