#!/usr/bin/env bash
# Regenerates a C# client from any OpenAPI document and compiles it, with the same normalizer,
# NSwag settings and templates as the build of src/Outlit.Generated.
#
#   build/regenerate.sh <output-folder> <openapi.json> [<openapi.json> ...]
#
# Each document gets <output-folder>/<name>/ with normalized.json, unions.json, Client.g.cs (in
# namespace Outlit.Regenerated.<Name>) and a `status` file: "generated" or "refused" (the
# document is invalid; normalize.log names the broken reference and where it is). All generated
# clients are then compiled together by <output-folder>/Regenerated.csproj (Newtonsoft.Json only),
# the build output going to <output-folder>/build.log.
#
# Exit status: 0 every document generated and compiled; 2 the compilation succeeded but at least
# one document was refused; 1 generation or compilation failed.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <output-folder> <openapi.json> [<openapi.json> ...]" >&2
  exit 64
fi

build_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$build_dir/.." && pwd)"
out="$1"
shift
mkdir -p "$out"
out="$(cd "$out" && pwd)"

nswag="$build_dir/node_modules/nswag/bin/binaries/Net100/dotnet-nswag.dll"
if [ ! -f "$nswag" ]; then
  echo "Installing the pinned build tools (npm ci)..." >&2
  npm ci --prefix "$build_dir" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi

# The test suite passes the normalizer it already built; otherwise build it here.
normalizer="${OUTLIT_NORMALIZER_DLL:-}"
if [ -z "$normalizer" ]; then
  dotnet build "$build_dir/Outlit.SpecNormalizer/Outlit.SpecNormalizer.csproj" -c Release -nologo -v q >&2
  normalizer="$build_dir/Outlit.SpecNormalizer/bin/Release/net10.0/Outlit.SpecNormalizer.dll"
fi

generate() {
  local spec="$1" name dir namespace rc
  name="$(basename "$spec")"
  name="${name%.*}"
  dir="$out/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  namespace="Outlit.Regenerated.N$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '_')"
  rc=0
  dotnet "$normalizer" "$spec" "$dir/normalized.json" --report "$dir/unions.json" >"$dir/normalize.log" 2>&1 || rc=$?
  if [ "$rc" -eq 2 ]; then
    echo refused >"$dir/status"
    return 0
  elif [ "$rc" -ne 0 ]; then
    echo "normalizer-failed" >"$dir/status"
    return 0
  fi
  if dotnet "$nswag" run "$root/openapi/nswag.json" \
      "/variables:Input=$dir/normalized.json,Output=$dir/Client.g.cs,Namespace=$namespace,TemplateDirectory=$root/openapi/templates" \
      >"$dir/nswag.log" 2>&1 && [ -f "$dir/Client.g.cs" ]; then
    echo generated >"$dir/status"
  else
    echo "nswag-failed" >"$dir/status"
  fi
}

# Documents are independent: generate them side by side.
pids=()
for spec in "$@"; do
  generate "$spec" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid"
done

refused=0
failed=0
for spec in "$@"; do
  name="$(basename "$spec")"
  name="${name%.*}"
  status="$(cat "$out/$name/status")"
  case "$status" in
    generated) echo "$name: generated" ;;
    refused)
      refused=1
      echo "$name: refused"
      sed 's/^/  /' "$out/$name/normalize.log"
      ;;
    *)
      failed=1
      echo "$name: $status"
      cat "$out/$name/normalize.log" "$out/$name/nswag.log" 2>/dev/null | tail -20 | sed 's/^/  /'
      ;;
  esac
done

# Isolate the throwaway project from any repository build settings above the output folder.
echo '<Project />' >"$out/Directory.Build.props"
echo '<Project />' >"$out/Directory.Build.targets"
echo '<Project />' >"$out/Directory.Packages.props"
cat >"$out/Regenerated.csproj" <<'PROJECT'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NuGetAudit>false</NuGetAudit>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="*/Client.g.cs" />
    <PackageReference Include="Newtonsoft.Json" Version="13.0.4" />
  </ItemGroup>
</Project>
PROJECT

if ls "$out"/*/Client.g.cs >/dev/null 2>&1; then
  if dotnet build "$out/Regenerated.csproj" -c Release -nologo -clp:ErrorsOnly >"$out/build.log" 2>&1; then
    echo "compiled: $out/bin/Release/net10.0/Regenerated.dll"
  else
    failed=1
    echo "compilation failed:"
    grep -E "error" "$out/build.log" | sort -u | head -40 | sed 's/^/  /'
  fi
fi

if [ "$failed" -ne 0 ]; then
  exit 1
elif [ "$refused" -ne 0 ]; then
  exit 2
fi
exit 0
