#!/usr/bin/env bash
# Downloads the latest version of each package from a NuGet v3 feed into a folder, so that
# build/pipeline.sh can version the next packages against them (it reads the previous package's
# public surface and contract from the .nupkg). A package the feed does not have yet is skipped:
# the pipeline then publishes its first version.
#
#   build/fetch-latest-packages.sh <service-index-url> <folder> <package-id>...
#
# The service index is the feed's v3 URL (.../index.json). Credentials, when the feed needs them,
# come from OUTLIT_FEED_USER and OUTLIT_FEED_TOKEN (HTTP basic: GitHub Packages takes a user and a
# token, Azure Artifacts any user name and a PAT or System.AccessToken).
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 <service-index-url> <folder> <package-id>..." >&2
  exit 2
fi
index="$1"
folder="$2"
shift 2
mkdir -p "$folder"

auth=()
if [ -n "${OUTLIT_FEED_TOKEN:-}" ]; then
  auth=(-u "${OUTLIT_FEED_USER:-outlit}:$OUTLIT_FEED_TOKEN")
fi
get() { curl --fail --silent --show-error --location "${auth[@]}" "$@"; }

# The flat container ("PackageBaseAddress") lists every version of a package and serves its .nupkg.
base="$(get "$index" | node -e '
  const index = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const resource = (index.resources || []).find(r => String(r["@type"]).startsWith("PackageBaseAddress/3.0.0"));
  if (!resource) { console.error("error: the service index has no PackageBaseAddress/3.0.0 resource"); process.exit(1); }
  console.log(resource["@id"].replace(/\/?$/, "/"));')"

for id in "$@"; do
  lower="$(printf '%s' "$id" | tr '[:upper:]' '[:lower:]')"
  if ! versions="$(get "${base}${lower}/index.json" 2>/dev/null)"; then
    echo "$id: not in the feed yet"
    continue
  fi
  # The highest version by SemVer 2 precedence (numeric identifiers compare as numbers).
  latest="$(node -e '
    const parse = v => { const [core, pre] = v.split("+")[0].split(/-(.*)/s); return { n: core.split(".").map(Number), pre: pre ? pre.split(".") : null }; };
    const ids = (a, b) => { const x = /^\d+$/.test(a), y = /^\d+$/.test(b); return x && y ? a - b : x ? -1 : y ? 1 : a < b ? -1 : a > b ? 1 : 0; };
    const cmp = (a, b) => {
      for (let i = 0; i < 3; i++) if (a.n[i] !== b.n[i]) return a.n[i] - b.n[i];
      if (!a.pre || !b.pre) return (a.pre ? 0 : 1) - (b.pre ? 0 : 1);
      for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) { const c = ids(a.pre[i], b.pre[i]); if (c) return c; }
      return a.pre.length - b.pre.length;
    };
    const versions = JSON.parse(require("fs").readFileSync(0, "utf8")).versions || [];
    const best = versions.reduce((m, v) => (m === null || cmp(parse(v), parse(m)) > 0 ? v : m), null);
    if (best) console.log(best);' <<<"$versions")"
  if [ -z "$latest" ]; then
    echo "$id: not in the feed yet"
    continue
  fi
  get -o "$folder/$id.$latest.nupkg" "${base}${lower}/${latest}/${lower}.${latest}.nupkg"
  echo "$id: $latest -> $folder/$id.$latest.nupkg"
done
