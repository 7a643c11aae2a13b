# Sourced by build/publish-local-feed.sh and build/pipeline.sh (expects $root): the switches every
# packaged build uses, in one place, so that the pipeline's build is the one the packages are made
# from rather than a second compile with other switches.
build_args=(-c Release --nologo -v:minimal)
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Deterministic source paths need the repository root as a source root, which git provides.
  build_args+=(-p:ContinuousIntegrationBuild=true)
  if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH="$(git -C "$root" log -1 --format=%ct)"
    export SOURCE_DATE_EPOCH
  fi
fi
