#!/usr/bin/env bash
# Lets mongodb-memory-server start the jongodb emulator as if it were mongod (offline machines only):
# answers --version like mongod, keeps the port and bind address, ignores mongod-only flags.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${JONGODB_BINARY:-$(node -p "require.resolve('@jongodb/memory-server-bin-linux-x64-gnu/package.json').replace(/package\.json$/, 'bin/jongodb')" 2>/dev/null || true)}"
if [[ "${1:-}" == "--version" ]]; then
  echo "db version v8.0.0"
  exit 0
fi
port=27017
host=127.0.0.1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    --bind_ip) host="${2%%,*}"; shift 2 ;;
    --bind_ip=*) host="${1#--bind_ip=}"; host="${host%%,*}"; shift ;;
    *) shift ;;
  esac
done
cd "$here"
"$bin" --host="$host" --port="$port" > >(while IFS= read -r line; do
  echo "$line"
  if [[ "$line" == JONGODB_URI=* ]]; then echo "Waiting for connections on port $port"; fi
done) &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' INT TERM
wait "$pid"
