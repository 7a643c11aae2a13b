#!/usr/bin/env bash
# Consumer smoke test of the published packages:
#   1. build/publish-local-feed.sh versions and packs Outlit, Outlit.Testing and Outlit.Drift into
#      artifacts/feed (each package has its own version: build/PACKAGING.md);
#   2. tests/Smoke (a console project outside Outlit.sln and outside the repository's build
#      settings) restores them from that feed only, into an empty packages folder of its own;
#   3. it runs: starts Outlit.Testing's fake server and calls it through the Outlit client;
#   4. the outlit-drift tool is installed from the same feed and compares the contract to itself;
#   5. the outlit-mock tool is installed from the same feed, serves, and stops on SIGTERM with exit code 0.
# Exits non-zero when any step fails. Prints how long each step took.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

feed="$root/artifacts/feed"            # tests/Smoke/nuget.config names this folder
packages="$root/artifacts/smoke/packages"
tools="$root/artifacts/smoke/tools"
smoke=tests/Smoke/Outlit.Smoke.csproj

now() { date +%s%N; }
elapsed() { printf '%d.%01ds' $(( ($(now) - $1) / 1000000000 )) $(( ($(now) - $1) / 100000000 % 10 )); }
total=$(now)

step=$(now)
build/publish-local-feed.sh "$feed"
publish_time=$(elapsed "$step")

# The versions just published, one per package (artifacts/release/versions.txt: "<id> <version>").
version_of() { awk -v id="$1" '$1 == id { print $2 }' "$root/artifacts/release/versions.txt"; }
version="$(version_of Outlit)"
testing_version="$(version_of Outlit.Testing)"
drift_version="$(version_of Outlit.Drift)"
mock_version="$(version_of Outlit.Mock)"
echo "Smoke test of Outlit $version, Outlit.Testing $testing_version, Outlit.Drift $drift_version, Outlit.Mock $mock_version"

# An empty packages folder: whatever the restore finds, it found in the feed.
step=$(now)
rm -rf "$packages" "$tools" tests/Smoke/obj tests/Smoke/bin
dotnet restore "$smoke" --packages "$packages" --no-http-cache -p:OutlitPackageVersion="$version" \
  -p:OutlitTestingPackageVersion="$testing_version" -v:minimal
node - "$root/tests/Smoke/obj/project.assets.json" "$packages" "$feed" "$version" "$testing_version" <<'JS'
// The restore must have used only the dedicated folder, and the Outlit packages in it must be the
// very files just published.
const fs = require('fs'), path = require('path');
const [assetsFile, packages, feed, outlitVersion, testingVersion] = process.argv.slice(2);
const assets = JSON.parse(fs.readFileSync(assetsFile, 'utf8'));
const folders = Object.keys(assets.packageFolders).map(f => path.resolve(f));
if (folders.length !== 1 || folders[0] !== path.resolve(packages)) {
  console.error(`error: restore used packages folders ${folders.join(', ')}, expected only ${packages}`);
  process.exit(1);
}
for (const [id, version] of [['Outlit', outlitVersion], ['Outlit.Testing', testingVersion]]) {
  const lower = id.toLowerCase();
  const restored = path.join(packages, lower, version.toLowerCase(), `${lower}.${version.toLowerCase()}.nupkg`);
  const published = path.join(feed, `${id}.${version}.nupkg`);
  if (!fs.existsSync(restored) || !fs.readFileSync(restored).equals(fs.readFileSync(published))) {
    console.error(`error: ${restored} is not the published ${published}`);
    process.exit(1);
  }
}
const restoredIds = Object.keys(assets.libraries).filter(k => assets.libraries[k].type === 'package');
console.log(`  restored from the feed: ${restoredIds.join(', ')}`);
JS
restore_time=$(elapsed "$step")

step=$(now)
dotnet build "$smoke" -c Release --no-restore -p:OutlitPackageVersion="$version" \
  -p:OutlitTestingPackageVersion="$testing_version" -v:minimal
dotnet "tests/Smoke/bin/Release/net10.0/Outlit.Smoke.dll" "$version" "$testing_version"
run_time=$(elapsed "$step")

step=$(now)
dotnet tool install Outlit.Drift --tool-path "$tools" --version "$drift_version" \
  --configfile tests/Smoke/nuget.config --no-http-cache
"$tools/outlit-drift" compare --base openapi/openapi.json --candidate openapi/openapi.json
dotnet tool install Outlit.Mock --tool-path "$tools" --version "$mock_version" \
  --configfile tests/Smoke/nuget.config --no-http-cache
mock_log="$root/artifacts/smoke/outlit-mock.log"
"$tools/outlit-mock" --port 0 >"$mock_log" 2>&1 &
mock=$!
for _ in $(seq 100); do grep -q '^Ctrl-C or SIGTERM stops it' "$mock_log" && break; sleep 0.1; done
grep -q '^Ctrl-C or SIGTERM stops it' "$mock_log" || { cat "$mock_log" >&2; kill "$mock"; echo "error: outlit-mock did not start" >&2; exit 1; }
kill -TERM "$mock"
wait "$mock" || { cat "$mock_log" >&2; echo "error: outlit-mock did not exit with 0 on SIGTERM" >&2; exit 1; }
echo "  outlit-mock started and stopped on SIGTERM with exit code 0"
tool_time=$(elapsed "$step")

echo "Smoke test passed in $(elapsed "$total"): publish $publish_time, restore $restore_time, build+run $run_time, tool $tool_time."
