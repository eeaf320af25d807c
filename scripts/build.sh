# Sourced by start.sh, test.sh and np: one way to build.
#
# One MSBuild node, no node reuse, no build server: parallel child nodes have died mid-build on
# small CI machines ("Child node exited prematurely"), and a left-over node can hold files of an
# earlier build. The solution builds in about the same time on two cores either way.
export MSBUILDDISABLENODEREUSE=1
export DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER=1

restore_solution() {
  dotnet restore NewsPortal.sln -nologo -v q "$@"
}

# build_project PROJECT [ARGS]: one project (and what it references), Release.
build_project() {
  local project=$1
  shift
  local attempt
  for attempt in 1 2; do
    if dotnet build "$project" -nologo -v q -c Release -m:1 -nodeReuse:false "$@"; then
      return 0
    fi
    # A crashed build node is not a compile error: a second attempt tells them apart.
    [ "$attempt" -eq 1 ] && echo "build failed; trying once more" >&2
  done
  return 1
}

build_release() {
  build_project NewsPortal.sln "$@"
}
