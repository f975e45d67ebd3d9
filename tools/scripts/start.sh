#!/usr/bin/env bash
# `npm start`: installs what is missing, starts the stack and every service, prints where the
# gateway listens, and on Ctrl-C stops the services and the stack it started.
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
    echo "Stopping the stack..."
    bash "$stack" down >/dev/null 2>&1 || true
  fi
}
trap stop_stack EXIT

bash "$stack" up
eval "$(bash "$stack" env --export)"

# The launcher handles Ctrl-C itself; the shell waits for it and then stops the stack.
trap ':' INT
node --import tsx tools/launcher/src/cli.ts "$@"
