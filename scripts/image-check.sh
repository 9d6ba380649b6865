#!/usr/bin/env bash
# Builds the Docker image and proves it works the way docs/deploy.md says to run it. `.ci/run` runs it; so can
# anyone with Docker:
#   bash scripts/image-check.sh
#
#  1. builds the Dockerfile, and reports the image's size and what it adds to its base image;
#  2. on SQLite: runs the image with a new named volume and no settings, waits for its HEALTHCHECK, places an
#     order over HTTP, runs `npm run backup` inside it, stops it (SIGTERM: it must end by itself, not be
#     killed), starts a new container on the same volume and finds the order there (same shopper, whose
#     session is in the database too); then `npm run restore`s the backup into a new volume, starts a shop
#     on that one and finds the order there too;
#  3. the same on MariaDB, through DATABASE_URL.
# Prints a line per step and, at the end, "image-check: summary …" lines that .ci/run collects.
#
# Uses `docker` where `docker info` answers, otherwise ../shared/tools/docker (a stand-in with the same
# commands, on machines with no Docker engine; see DESIGN.md). Containers run on the host's network (the
# stand-in has no other), so this script is for Linux hosts; the shop listens on a free port it picks.
#
# Environment (all optional):
#   IMAGE=anarkali:check                 the tag to build
#   IMAGE_CHECK_DATABASE_URL             MariaDB/MySQL server and database for step 3, reached from the host's
#                                        network (default mysql://root@127.0.0.1:3306/anarkali_image_check;
#                                        `skip` leaves step 3 out). The database is dropped before and after.
#   IMAGE_CHECK_BUILD_TIMEOUT=12m        how long the build may take (a cold machine makes the base images first)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
IMAGE=${IMAGE:-anarkali:check}
DATABASE_URL_FOR_CHECK=${IMAGE_CHECK_DATABASE_URL:-mysql://root@127.0.0.1:3306/anarkali_image_check}
BUILD_TIMEOUT=${IMAGE_CHECK_BUILD_TIMEOUT:-12m}
RUN_ID="anarkali-check-$$"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/anarkali-image-check.XXXXXX")
SUMMARY=()
CONTAINERS=()
VOLUMES=()

say() { printf 'image-check: %s\n' "$*"; }
fail() {
  printf 'image-check: FAILED: %s\n' "$*" >&2
  exit 1
}
now() { date +%s.%N; }
seconds_since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'; }
megabytes() { awk -v bytes="$1" 'BEGIN { printf "%.1f MB", bytes / 1000000 }'; }

if docker info >/dev/null 2>&1; then
  DOCKER=(docker)
  ENGINE=docker
  # The stand-in always runs on the host's network; a real engine is asked to, so both reach 127.0.0.1 alike.
  HOST_NETWORK=(--network host)
elif [ -x "$ROOT/../shared/tools/docker" ]; then
  DOCKER=("$ROOT/../shared/tools/docker")
  ENGINE=stand-in
  HOST_NETWORK=()
else
  fail "no Docker engine answers \`docker info\`, and there is no stand-in at ../shared/tools/docker"
fi

cleanup() {
  local name
  for name in "${CONTAINERS[@]}"; do "${DOCKER[@]}" rm -f "$name" >/dev/null 2>&1 || true; done
  for name in "${VOLUMES[@]}"; do "${DOCKER[@]}" volume rm -f "$name" >/dev/null 2>&1 || true; done
  drop_check_database
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

# --- the MariaDB database of step 3: dropped before and after, when a client is at hand to do it
drop_check_database() {
  [ "$DATABASE_URL_FOR_CHECK" = skip ] && return 0
  local client
  client=$(command -v mariadb || command -v mysql || true)
  [ -n "$client" ] || return 0
  node -e '
    const url = new URL(process.argv[1]);
    const args = ["--host=" + url.hostname, "--port=" + (url.port || "3306"), "--user=" + decodeURIComponent(url.username)];
    if (url.password) args.push("--password=" + decodeURIComponent(url.password));
    args.push("-e", "DROP DATABASE IF EXISTS `" + decodeURIComponent(url.pathname.slice(1)) + "`");
    console.log(args.join("\n"));' "$DATABASE_URL_FOR_CHECK" | { mapfile -t args && "$client" "${args[@]}"; } >/dev/null 2>&1 || true
}

# wait_healthy NAME: until the image's HEALTHCHECK passes (at most 120 s); fails early if the container ends.
wait_healthy() {
  local name=$1 deadline=$((SECONDS + 120)) status
  while [ $SECONDS -lt $deadline ]; do
    [ "$("${DOCKER[@]}" inspect --format '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || {
      "${DOCKER[@]}" logs "$name" 2>&1 | tail -n 30 >&2
      fail "container $name ended before it was healthy"
    }
    if [ "$ENGINE" = stand-in ]; then
      # The stand-in keeps the image's HEALTHCHECK but runs it only when asked.
      "${DOCKER[@]}" healthcheck run "$name" >/dev/null 2>&1 && return 0
    else
      status=$("${DOCKER[@]}" inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$name")
      [ "$status" = healthy ] && return 0
      [ "$status" = unhealthy ] && fail "container $name is unhealthy"
    fi
    sleep 0.5
  done
  "${DOCKER[@]}" logs "$name" 2>&1 | tail -n 30 >&2
  fail "container $name was not healthy after 120 s"
}

# start NAME VOLUME PORT [docker run options…]: runs the image detached and waits until it is healthy.
start() {
  local name=$1 volume=$2 port=$3 started
  shift 3
  CONTAINERS+=("$name")
  started=$(now)
  "${DOCKER[@]}" run -d --name "$name" "${HOST_NETWORK[@]}" -e PORT="$port" -v "$volume:/app/var" "$@" "$IMAGE" >/dev/null
  wait_healthy "$name"
  HEALTHY_AFTER=$(seconds_since "$started")
}

# stop NAME: SIGTERM (docker stop), then the container must have ended by itself, not by the SIGKILL that
# follows 30 s later.
stop() {
  local name=$1 asked code
  asked=$(now)
  "${DOCKER[@]}" stop --time 30 "$name" >/dev/null
  STOPPED_AFTER=$(seconds_since "$asked")
  code=$("${DOCKER[@]}" inspect --format '{{.State.ExitCode}}' "$name")
  case $code in
    0 | 143) ;;
    *)
      "${DOCKER[@]}" logs "$name" 2>&1 | tail -n 30 >&2
      fail "container $name ended with exit code $code after SIGTERM (137: it had to be killed)"
      ;;
  esac
  STOP_CODE=$code
  "${DOCKER[@]}" rm "$name" >/dev/null
}

# prove LABEL [docker run options…]: the round trip of steps 2 and 3.
prove() {
  local label=$1 port volume jar order first second
  shift
  port=$(free_port)
  volume="$RUN_ID-$label"
  jar="$WORK/$label-cookies.json"
  VOLUMES+=("$volume")
  "${DOCKER[@]}" volume create "$volume" >/dev/null

  first="$RUN_ID-$label-1"
  start "$first" "$volume" "$port" "$@"
  local cold=$HEALTHY_AFTER
  say "$label: healthy $cold s after docker run (new volume: migrations and demo catalog included)"
  order=$(node scripts/order-over-http.mjs place "http://127.0.0.1:$port" "$jar") || fail "$label: placing an order over HTTP"
  say "$label: order $order placed over HTTP (cart, checkout, confirmation)"
  "${DOCKER[@]}" exec "$first" npm run --silent backup >"$WORK/$label-backup.log" 2>&1 || {
    cat "$WORK/$label-backup.log" >&2
    fail "$label: npm run backup inside the container"
  }
  say "$label: npm run backup inside the container: $(tail -n 1 "$WORK/$label-backup.log")"
  stop "$first"
  say "$label: stopped by SIGTERM in $STOPPED_AFTER s, exit code $STOP_CODE"
  local stopped=$STOPPED_AFTER

  second="$RUN_ID-$label-2"
  start "$second" "$volume" "$port" "$@"
  local warm=$HEALTHY_AFTER
  say "$label: a new container on the same volume healthy in $warm s"
  node scripts/order-over-http.mjs find "http://127.0.0.1:$port" "$jar" "$order" >/dev/null || fail "$label: order $order not found after the restart"
  say "$label: order $order found by the same shopper after the restart"
  stop "$second"
  SUMMARY+=("$label: healthy in $cold s (new volume), $warm s (restart); order kept across SIGTERM and a new container; SIGTERM stopped it in $stopped s")
  [ "$label" = sqlite ] && restore_into_new_volume "$volume" "$port" "$jar" "$order"
  return 0
}

# restore_into_new_volume VOLUME PORT JAR ORDER: `npm run restore` of the backup made in step 2 into a new
# volume, as docs/deploy.md says, then a shop on that volume finds the order.
restore_into_new_volume() {
  local volume=$1 port=$2 jar=$3 order=$4 backup restored="$RUN_ID-restored" name="$RUN_ID-restored-1"
  backup=$(sed -n 's|^backup written to /app/var/\([^:]*\):.*|/old/\1|p' "$WORK/sqlite-backup.log")
  [ -n "$backup" ] || fail "restore: no backup folder in the output of npm run backup"
  VOLUMES+=("$restored")
  "${DOCKER[@]}" volume create "$restored" >/dev/null
  "${DOCKER[@]}" run --rm -v "$volume:/old:ro" -v "$restored:/app/var" "$IMAGE" npm run --silent restore "$backup" >"$WORK/restore.log" 2>&1 || {
    cat "$WORK/restore.log" >&2
    fail "restore: npm run restore $backup into a new volume"
  }
  say "restore: $(tail -n 1 "$WORK/restore.log")"
  start "$name" "$restored" "$port"
  node scripts/order-over-http.mjs find "http://127.0.0.1:$port" "$jar" "$order" >/dev/null || fail "restore: order $order not found on the restored volume"
  say "restore: a shop on the restored volume healthy in $HEALTHY_AFTER s, and order $order found there"
  stop "$name"
  SUMMARY+=("restore: npm run backup in the running container, npm run restore into a new volume: order found")
}

# --- 1. build
say "building $IMAGE with $ENGINE (${DOCKER[*]})"
previous=$("${DOCKER[@]}" image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
built=$(now)
timeout "$BUILD_TIMEOUT" "${DOCKER[@]}" build -t "$IMAGE" . >"$WORK/build.log" 2>&1 || {
  tail -n 40 "$WORK/build.log" >&2
  fail "docker build (within $BUILD_TIMEOUT)"
}
build_time=$(seconds_since "$built")
# The image this tag named before is left untagged by the new one: remove it, or every run keeps one more.
if [ -n "$previous" ] && [ "$previous" != "$("${DOCKER[@]}" image inspect --format '{{.Id}}' "$IMAGE")" ]; then
  "${DOCKER[@]}" rmi "$previous" >/dev/null 2>&1 || true
fi
base=$(awk 'toupper($1) == "FROM" { image = $2 } END { print image }' Dockerfile)
image_bytes=$("${DOCKER[@]}" image inspect --format '{{.Size}}' "$IMAGE")
base_bytes=$("${DOCKER[@]}" image inspect --format '{{.Size}}' "$base")
say "built in $build_time s: $IMAGE is $(megabytes "$image_bytes"), its base $base $(megabytes "$base_bytes")"
SUMMARY+=("image: $(megabytes "$image_bytes"), adds $(megabytes $((image_bytes - base_bytes))) to $base; built in $build_time s")

# --- 2. SQLite on a named volume, no settings
prove sqlite

# --- 3. MariaDB
if [ "$DATABASE_URL_FOR_CHECK" = skip ]; then
  say "mariadb: skipped (IMAGE_CHECK_DATABASE_URL=skip)"
  SUMMARY+=("mariadb: skipped")
else
  drop_check_database
  prove mariadb -e DATABASE_URL="$DATABASE_URL_FOR_CHECK"
fi

for line in "${SUMMARY[@]}"; do say "summary $line"; done
say PASSED
