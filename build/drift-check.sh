#!/usr/bin/env bash
# Compares an OpenAPI document with the contract the client is generated from (openapi/openapi.json).
#
#   build/drift-check.sh                      # candidate = $OUTLIT_PUBLISHED_SPEC_URL
#   build/drift-check.sh path/or/https-url    # candidate given explicitly (offline: a file)
#   build/drift-check.sh <candidate> --regenerate   # extra arguments go to outlit-drift compare
#
# Environment:
#   OUTLIT_PUBLISHED_SPEC_URL  where Outlit publishes its document (used when no argument is given)
#   OUTLIT_DRIFT_BASE          the base document (default: openapi/openapi.json)
#   OUTLIT_DRIFT_FORMAT        text | markdown | json | github (default: github on GitHub Actions, else text)
#   OUTLIT_DRIFT_FAIL_ON       breaking | any | none (default: breaking)
#   OUTLIT_DRIFT_CONFIGURATION build configuration of the tool (default: Release)
#
# Exit code is the tool's: 0 clean or under the threshold, 1 over it, 2 usage, unreadable input or a
# failed regeneration, 3 a document is not valid OpenAPI (the report is still written).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

candidate="${1:-${OUTLIT_PUBLISHED_SPEC_URL:-}}"
if [[ $# -gt 0 ]]; then shift; fi
if [[ -z "$candidate" ]]; then
  echo "drift-check: no candidate document: pass a file or URL, or set OUTLIT_PUBLISHED_SPEC_URL." >&2
  exit 2
fi

base="${OUTLIT_DRIFT_BASE:-$root/openapi/openapi.json}"
if [[ "${GITHUB_ACTIONS:-}" == "true" ]]; then default_format=github; else default_format=text; fi
format="${OUTLIT_DRIFT_FORMAT:-$default_format}"
fail_on="${OUTLIT_DRIFT_FAIL_ON:-breaking}"
configuration="${OUTLIT_DRIFT_CONFIGURATION:-Release}"

project="$root/src/Outlit.Drift/Outlit.Drift.csproj"
dotnet build "$project" -c "$configuration" -nologo -v:q -clp:NoSummary >&2
tool=(dotnet run --project "$project" -c "$configuration" --no-build --)

status=0
"${tool[@]}" compare --base "$base" --candidate "$candidate" --format "$format" --fail-on "$fail_on" "$@" || status=$?

# On GitHub Actions the annotations mark the run; the job summary also gets the table (also when a
# document is invalid: the report then names its errors).
if [[ -n "${GITHUB_STEP_SUMMARY:-}" && $status -ne 2 ]]; then
  "${tool[@]}" compare --base "$base" --candidate "$candidate" --format markdown --fail-on none >> "$GITHUB_STEP_SUMMARY" || true
fi

exit $status
