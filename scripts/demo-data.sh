#!/usr/bin/env bash
# Loads the demo account through the public REST API (the same path a person's data takes):
# registers demo@cvtailor.example, imports the sample JSON Resume shipped with the project and
# prints the credentials and the sample job posting. Idempotent: an existing demo portfolio is kept.
set -euo pipefail
BASE=${1:?usage: demo-data.sh http://localhost:PORT}
API="$BASE/api/v1"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEMO_DIR="$ROOT/app-war/src/main/resources/demo"
CVTAILOR_HOME=${CVTAILOR_HOME:-$HOME/.cvtailor}
EMAIL=demo@cvtailor.example

mkdir -p "$CVTAILOR_HOME"
if [ ! -f "$CVTAILOR_HOME/demo.env" ]; then
  (umask 077; echo "DEMO_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)" > "$CVTAILOR_HOME/demo.env")
fi
# shellcheck source=/dev/null # generated just above
. "$CVTAILOR_HOME/demo.env"

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$API/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$DEMO_PASSWORD\",\"display_name\":\"Demo\"}")
case "$status" in
  201) echo "[demo] created the demo account" ;;
  409) echo "[demo] the demo account exists" ;;
  *) echo "[demo] registration failed with HTTP $status" >&2; exit 1 ;;
esac
issued=$(curl -s -X POST "$API/auth/tokens" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$DEMO_PASSWORD\",\"name\":\"demo loader\"}")
token=$(echo "$issued" | json_field token)
token_id=$(echo "$issued" | json_field token_id)
[ -n "$token" ] || { echo "[demo] cannot sign in as $EMAIL (password in $CVTAILOR_HOME/demo.env)" >&2; exit 1; }
total=$(curl -s "$API/artifacts?size=1" -H "Authorization: Bearer $token" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
if [ "${total:-0}" -eq 0 ]; then
  curl -sf -X POST "$API/artifacts/import" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary "@$DEMO_DIR/resume.json" > /dev/null
  echo "[demo] imported the sample portfolio ($DEMO_DIR/resume.json); embeddings follow in the background"
fi
# The loader's token is not needed any more.
curl -s -o /dev/null -X DELETE "$API/auth/tokens/$token_id" -H "Authorization: Bearer $token"
echo
echo "Demo account:  $EMAIL  /  $DEMO_PASSWORD"
echo "Sample job posting to paste into the Tailor page: $DEMO_DIR/job-posting.txt"
