#!/usr/bin/env bash
# Packs the Outlit packages in Release into a local folder feed, the stand-in for the internal
# feed, and mirrors the third-party packages they depend on into the same folder so that the feed
# alone is enough to restore them. Prints each package with its size.
#
#   build/publish-local-feed.sh [feed-dir]        (default: artifacts/feed)
#
# Version: <openapi.json info.version>-ci.<OUTLIT_BUILD_NUMBER, default 0>, or the bare contract
# version with OUTLIT_RELEASE=true (build/Packaging.props, build/PACKAGING.md). Packages are built
# with ContinuousIntegrationBuild=true (source paths mapped, no machine paths in the PDBs) and, when
# SOURCE_DATE_EPOCH is unset, with the last commit's time as the timestamp of every file in the
# .nupkg, so packing the same commit twice gives the same bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="${1:-$root/artifacts/feed}"
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The packages this repository publishes. A package missing from the list is missing from the feed,
# so the list is explicit; every other project is IsPackable=false (build/Packaging.props).
projects=(
  src/Outlit.Extensions/Outlit.csproj
  src/Outlit.Testing/Outlit.Testing.csproj
  src/Outlit.Drift/Outlit.Drift.csproj
  src/Outlit.Mock/Outlit.Mock.csproj
)

pack_args=(-c Release -o "$feed" --nologo -v:minimal)
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Deterministic source paths need the repository root as a source root, which git provides.
  pack_args+=(-p:ContinuousIntegrationBuild=true)
  if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH="$(git -C "$root" log -1 --format=%ct)"
    export SOURCE_DATE_EPOCH
  fi
fi

assets=()
produced=()
for project in "${projects[@]}"; do
  if [ ! -f "$root/$project" ]; then
    echo "error: $project does not exist; it is one of the packages the feed must hold." >&2
    exit 1
  fi
  dotnet pack "$root/$project" "${pack_args[@]}"
  # One evaluation gives the identity of what was just packed and where its restore graph is.
  props="$(dotnet msbuild "$root/$project" -p:Configuration=Release -getProperty:PackageId \
    -getProperty:PackageVersion -getProperty:PackAsTool -getProperty:TargetPath -getProperty:ProjectAssetsFile)"
  read -r id version tool target_path assets_file < <(node -e '
    const p = JSON.parse(require("fs").readFileSync(0, "utf8")).Properties;
    console.log(p.PackageId, p.PackageVersion, p.PackAsTool || "false", p.TargetPath, p.ProjectAssetsFile);' <<<"$props")
  produced+=("$id.$version")
  # With deterministic paths the binary names its PDB as /_/...; the checkout's path means the
  # packed assembly came from an earlier, non-CI build.
  if [[ " ${pack_args[*]} " == *" -p:ContinuousIntegrationBuild=true "* ]] && grep -aqF "$root/" "$target_path"; then
    echo "error: $target_path contains the path $root/: it was not built with deterministic source paths." >&2
    exit 1
  fi
  # A tool package carries its dependencies inside it; a library package names them.
  if [ "${tool,,}" != "true" ]; then
    assets+=("$assets_file")
  fi
done

echo "Mirroring third-party dependencies into $feed:"
node "$root/build/mirror-dependencies.mjs" "$feed" "${assets[@]}"

echo "Packages in $feed:"
for package in "${produced[@]}"; do
  for file in "$feed/$package.nupkg" "$feed/$package.snupkg"; do
    if [ ! -f "$file" ]; then
      echo "error: expected $file after packing" >&2
      exit 1
    fi
    size=$(stat -c %s "$file")
    printf '  %-44s %9d bytes (%s KiB)\n' "$(basename "$file")" "$size" "$(( (size + 1023) / 1024 ))"
  done
done
