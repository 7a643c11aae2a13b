#!/usr/bin/env bash
# Regenerates a C# client from any OpenAPI document and compiles it, with the same normalizer,
# NSwag settings and templates as the build of src/Outlit.Generated.
#
#   build/regenerate.sh <output-folder> <openapi.json> [<openapi.json> ...]
#
# Each document goes through the same MSBuild target as the library build (build/Outlit.Generation.proj
# imports build/Outlit.Generation.targets) and gets <output-folder>/<name>/ with normalized.json,
# unions.json, rules.json (what each normalization rule changed), Client.g.cs (in namespace
# Outlit.Regenerated.<Name>) and a `status` file: "generated" or "refused" (the document is invalid;
# normalize.log names the broken reference and where it is). All generated
# clients are then compiled together, with the SDK's runtime (src/Outlit.Extensions/Core) they run on, by
# <output-folder>/Regenerated.csproj, the build output going to <output-folder>/build.log.
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

# The generation target installs the pinned npm tools itself when they are missing (under a lock, so the
# documents generated side by side below do not race).

# The test suite passes the generator it already built; otherwise build it here.
codegen="${OUTLIT_CODEGEN_DLL:-}"
if [ -z "$codegen" ]; then
  dotnet build "$build_dir/Outlit.CodeGen/Outlit.CodeGen.csproj" -c Release -nologo -v q >&2
  codegen="$build_dir/Outlit.CodeGen/bin/Release/net10.0/Outlit.CodeGen.dll"
fi

# Each document goes through the generation target the library build runs (build/Outlit.Generation.targets),
# with its own output folder, namespace and intermediate folder.
generate() {
  local spec="$1" name dir namespace
  name="$(basename "$spec")"
  name="${name%.*}"
  dir="$out/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  namespace="Outlit.Regenerated.N$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '_')"
  if dotnet msbuild "$build_dir/Outlit.Generation.proj" -nologo -nodeReuse:false -m:1 -v:m \
      "-p:OutlitSpec=$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")" \
      "-p:OutlitGeneratedDirectory=$dir/" \
      "-p:OutlitGeneratedFileName=Client.g.cs" \
      "-p:OutlitNamespace=$namespace" \
      "-p:OutlitGenerationIntermediate=$dir/obj/" \
      "-p:OutlitCodeGenPath=$codegen" \
      >"$dir/normalize.log" 2>&1 && [ -f "$dir/Client.g.cs" ]; then
    echo generated >"$dir/status"
  elif grep -q "was refused: the document is invalid" "$dir/normalize.log"; then
    echo refused >"$dir/status"
  else
    echo "generation-failed" >"$dir/status"
  fi
  # The reports sit next to the generated code, where readers of this folder expect them.
  for report in openapi.normalized.json unions.json rules.json; do
    if [ -f "$dir/obj/$report" ]; then cp "$dir/obj/$report" "$dir/"; fi
  done
  if [ -f "$dir/openapi.normalized.json" ]; then mv "$dir/openapi.normalized.json" "$dir/normalized.json"; fi
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
      tail -20 "$out/$name/normalize.log" 2>/dev/null | sed 's/^/  /'
      ;;
  esac
done

# Isolate the throwaway project from any repository build settings above the output folder.
echo '<Project />' >"$out/Directory.Build.props"
echo '<Project />' >"$out/Directory.Build.targets"
echo '<Project />' >"$out/Directory.Packages.props"
# The generated code runs on the SDK's runtime (src/Outlit.Extensions/Core: the request path, the errors, the JSON
# policy), which never names a generated type; it is compiled once, beside every document's code.
cat >"$out/Regenerated.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NuGetAudit>false</NuGetAudit>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
    <RootNamespace>Outlit</RootNamespace>
    <!-- The dependencies beside the assembly, so a test can load and inspect it. -->
    <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="*/*.g.cs" />
    <Compile Include="$root/src/Outlit.Extensions/Core/**/*.cs" Link="Core/%(RecursiveDir)%(Filename)%(Extension)" />
  </ItemGroup>
  <ItemGroup>
$(grep -oE '<PackageVersion Include="(Newtonsoft.Json|Microsoft.Extensions.Logging.Abstractions)" Version="[^"]+"' "$root/Directory.Packages.props" | sed 's/PackageVersion/PackageReference/; s/$/ \/>/; s/^/    /')
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
