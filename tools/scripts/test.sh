#!/usr/bin/env bash
# `npm test`: every project's unit and integration tests against the real local stack.
# Starts Kafka and FerretDB when they are not running, and stops them again afterwards, so the
# run leaves no process behind. Extra arguments go to jest (e.g. `npm test -- libs/kafka`).
set -euo pipefail
cd "$(dirname "$0")/../.."

bash tools/scripts/install-deps.sh

stack=tools/stack/stack
started_here=0
if ! bash "$stack" status >/dev/null 2>&1; then
  started_here=1
fi

stop_stack() {
  if [ "$started_here" = 1 ]; then
    bash "$stack" down >/dev/null 2>&1 || true
  fi
}
trap stop_stack EXIT

bash "$stack" up
eval "$(bash "$stack" env --export)"

npx jest --ci "$@"
