#!/usr/bin/env bash
# The regenerate-on-spec-change pipeline as one command. For the contract in openapi/openapi.json:
#   1. regenerate and build: builds the packages in Release; the build of Outlit regenerates
#      src/Outlit.Generated from the contract (build/Outlit.Generation.targets);
#   2. test: runs the whole test suite (dotnet test Outlit.sln); --skip-tests leaves it out;
#   3. report and version: for each package, `outlit-drift release` compares the built assembly's
#      public surface with the latest package of that id in the feed and the contract with the one
#      that package carries, computes the version (previous + major/minor/patch, 1.0.0 for the
#      first) and writes the release notes: the drift report, with the surface diff;
#   4. pack and publish: packs each package with its version, the notes as its release notes and
#      its api/ folder, into the feed folder, with the third-party dependencies mirrored.
# Steps 3 and 4 are build/publish-local-feed.sh. A failing step stops the pipeline: a contract the
# SDK no longer builds against, or a failing test, publishes nothing.
#
#   build/pipeline.sh [--feed <folder>] [--skip-tests] [--package <id>]... [--release-dir <folder>]
#
#   --feed         the feed folder to publish to (default: $OUTLIT_FEED, else artifacts/feed)
#   --skip-tests   leave out step 2 (the packages' own build still has to succeed)
#   --package      publish only this package (Outlit, Outlit.Testing, Outlit.Drift, Outlit.Mock); repeatable
#   --release-dir  where versions.txt, the release notes and api/ folders go (default: artifacts/release)
#
# Environment: OUTLIT_DRIFT_DLL (a built outlit-drift.dll to use instead of building one),
# OUTLIT_FIRST_VERSION (default 1.0.0). On GitHub Actions the release notes go to the job summary.
# Exit status: 0 published, otherwise the failing step's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

feed="${OUTLIT_FEED:-$root/artifacts/feed}"
release="${OUTLIT_RELEASE_DIR:-$root/artifacts/release}"
run_tests=true
packages=()
while [ $# -gt 0 ]; do
  case "$1" in
    --feed) feed="${2:?--feed needs a folder}"; shift 2 ;;
    --release-dir) release="${2:?--release-dir needs a folder}"; shift 2 ;;
    --package) packages+=("${2:?--package needs a package id}"); shift 2 ;;
    --skip-tests) run_tests=false; shift ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "pipeline: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ ${#packages[@]} -eq 0 ]; then
  packages=(Outlit Outlit.Testing Outlit.Drift Outlit.Mock)
fi

declare -A project_of=(
  [Outlit]=src/Outlit.Extensions/Outlit.csproj
  [Outlit.Testing]=src/Outlit.Testing/Outlit.Testing.csproj
  [Outlit.Drift]=src/Outlit.Drift/Outlit.Drift.csproj
  [Outlit.Mock]=src/Outlit.Mock/Outlit.Mock.csproj
)
# shellcheck source=build/ci-build-settings.sh
source "$root/build/ci-build-settings.sh"

now() { date +%s%N; }
elapsed() { printf '%d.%01ds' $(( ($(now) - $1) / 1000000000 )) $(( ($(now) - $1) / 100000000 % 10 )); }
timings=()
step() { echo; echo "== pipeline: $1"; }
total=$(now)

step "1/4 regenerate and build (${packages[*]})"
started=$(now)
for id in "${packages[@]}"; do
  project="${project_of[$id]:-}"
  if [ -z "$project" ]; then
    echo "pipeline: '$id' is not one of the packages (${!project_of[*]})" >&2
    exit 2
  fi
  dotnet build "$project" "${build_args[@]}"
done
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  changed="$(git -C "$root" status --porcelain -- src/Outlit.Generated | wc -l)"
  echo "src/Outlit.Generated: $changed file(s) differ from the last commit after regeneration"
fi
timings+=("build $(elapsed "$started")")

step "2/4 test"
started=$(now)
if $run_tests; then
  dotnet test "$root/Outlit.sln" "${build_args[@]}"
  timings+=("test $(elapsed "$started")")
else
  echo "skipped (--skip-tests)"
fi

step "3/4 report and version, 4/4 pack and publish to $feed"
started=$(now)
OUTLIT_PACKAGES="${packages[*]}" OUTLIT_RELEASE_DIR="$release" "$root/build/publish-local-feed.sh" "$feed"
timings+=("version+pack+publish $(elapsed "$started")")

echo
echo "== pipeline: published"
cat "$release/versions.txt"
for id in "${packages[@]}"; do
  echo
  cat "$release/$id/release-notes.md"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat "$release/$id/release-notes.md" >>"$GITHUB_STEP_SUMMARY"
  fi
done
echo
echo "pipeline finished in $(elapsed "$total"): ${timings[*]}"
