#!/usr/bin/env bash
# Versions, packs and publishes the Outlit packages in Release into a folder feed, the stand-in for
# the internal feed, and mirrors the third-party packages they depend on into the same folder so
# that the feed alone is enough to restore them. Prints each package with its version and size.
#
#   build/publish-local-feed.sh [feed-dir]        (default: artifacts/feed)
#
# Version (build/PACKAGING.md): the latest version of the package in the feed plus the bump its
# public surface asks for against that package (major: a member removed or changed; minor: added;
# patch: neither); 1.0.0 when the feed has none (OUTLIT_FIRST_VERSION). `outlit-drift release`
# computes it from the built assembly and writes the release notes (the drift report of the
# contract against the one the previous package carries) and the package's api/ folder (public
# surface, listing, contract), which the pack puts in the package for the next release.
#
# Environment:
#   OUTLIT_PACKAGES       which packages, by id (default: "Outlit Outlit.Testing Outlit.Drift Outlit.Mock")
#   OUTLIT_RELEASE_DIR    where the versions, notes and api/ folders go (default: artifacts/release);
#                         versions.txt there lists "<id> <version>" for each package published
#   OUTLIT_DRIFT_DLL      a built outlit-drift.dll to use (default: build src/Outlit.Drift here)
#   OUTLIT_FIRST_VERSION  the version of a package the feed does not have yet (default: 1.0.0)
#
# Packages are built with ContinuousIntegrationBuild=true (source paths mapped, no machine paths in
# the PDBs) when the repository is a git checkout and, when SOURCE_DATE_EPOCH is unset, with the
# last commit's time as the timestamp of every file in the .nupkg: packing the same commit into the
# same feed state gives the same bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="${1:-$root/artifacts/feed}"
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"
release="${OUTLIT_RELEASE_DIR:-$root/artifacts/release}"
mkdir -p "$release"
release="$(cd "$release" && pwd)"
# Paths in the release notes are the repository's (openapi/openapi.json), not this machine's.
cd "$root"
first_version="${OUTLIT_FIRST_VERSION:-1.0.0}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The packages this repository publishes. A package missing from the list is missing from the feed,
# so the list is explicit; every other project is IsPackable=false (build/Packaging.props). Order
# matters only for reading the output.
declare -A project_of=(
  [Outlit]=src/Outlit.Extensions/Outlit.csproj
  [Outlit.Testing]=src/Outlit.Testing/Outlit.Testing.csproj
  [Outlit.Drift]=src/Outlit.Drift/Outlit.Drift.csproj
  [Outlit.Mock]=src/Outlit.Mock/Outlit.Mock.csproj
)
read -r -a packages <<<"${OUTLIT_PACKAGES:-Outlit Outlit.Testing Outlit.Drift Outlit.Mock}"

# shellcheck source=build/ci-build-settings.sh
source "$root/build/ci-build-settings.sh"

# What an earlier run wrote is replaced; nothing else in the folder is touched.
rm -rf "$release/.tool" "$release/versions.txt"
for id in "${!project_of[@]}"; do rm -rf "${release:?}/$id"; done
: >"$release/versions.txt"

# The versioning tool. Built here, it is copied out of its build folder: packing Outlit.Drift
# rebuilds that folder while the tool is still needed for the packages after it.
if [ -n "${OUTLIT_DRIFT_DLL:-}" ]; then
  drift=(dotnet "$OUTLIT_DRIFT_DLL")
else
  dotnet build "$root/src/Outlit.Drift/Outlit.Drift.csproj" "${build_args[@]}"
  cp -r "$root/src/Outlit.Drift/bin/Release/net10.0" "$release/.tool"
  drift=(dotnet "$release/.tool/outlit-drift.dll")
fi

assets=()
produced=()
for id in "${packages[@]}"; do
  project="${project_of[$id]:-}"
  if [ -z "$project" ] || [ ! -f "$root/$project" ]; then
    echo "error: '$id' is not one of the packages ($(printf '%s ' "${!project_of[@]}")) or its project is missing." >&2
    exit 1
  fi

  # The build whose public surface decides the version (for Outlit it also regenerates the client
  # when the contract changed). One evaluation gives where its output and restore graph are.
  dotnet build "$root/$project" "${build_args[@]}"
  props="$(dotnet msbuild "$root/$project" -p:Configuration=Release -getProperty:PackageId \
    -getProperty:PackAsTool -getProperty:TargetPath -getProperty:ProjectAssetsFile)"
  read -r package_id tool_package target_path assets_file < <(node -e '
    const p = JSON.parse(require("fs").readFileSync(0, "utf8")).Properties;
    console.log(p.PackageId, p.PackAsTool || "false", p.TargetPath, p.ProjectAssetsFile);' <<<"$props")

  # A library is built from the contract, so its release notes compare contracts too; the tool is not.
  contract=()
  if [ "${tool_package,,}" != "true" ]; then
    contract=(--contract openapi/openapi.json)
  fi
  "${drift[@]}" release --feed "$feed" --package "$package_id" --assembly "$target_path" \
    --out "$release/$package_id" --first-version "$first_version" "${contract[@]}"
  version="$(cat "$release/$package_id/version.txt")"

  # Packing rebuilds with the version (it is in the assembly's attributes); the surface is the same.
  dotnet pack "$root/$project" "${build_args[@]}" -o "$feed" \
    "-p:OutlitVersion=$version" \
    "-p:OutlitReleaseNotesFile=$release/$package_id/release-notes.md" \
    "-p:OutlitPackageApiDirectory=$release/$package_id/api"
  produced+=("$package_id.$version")
  echo "$package_id $version" >>"$release/versions.txt"

  # With deterministic paths the binary names its PDB as /_/...; the checkout's path means the
  # packed assembly came from an earlier, non-CI build.
  if [[ " ${build_args[*]} " == *" -p:ContinuousIntegrationBuild=true "* ]] && grep -aqF "$root/" "$target_path"; then
    echo "error: $target_path contains the path $root/: it was not built with deterministic source paths." >&2
    exit 1
  fi
  # A tool package carries its dependencies inside it; a library package names them.
  if [ "${tool_package,,}" != "true" ]; then
    assets+=("$assets_file")
  fi
done

if [ ${#assets[@]} -gt 0 ]; then
  echo "Mirroring third-party dependencies into $feed:"
  node "$root/build/mirror-dependencies.mjs" "$feed" "${assets[@]}"
fi

echo "Packages in $feed (release notes in $release/<id>/release-notes.md):"
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
