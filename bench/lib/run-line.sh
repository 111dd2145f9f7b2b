# Sourced by the bench scripts: the line every report begins with, so that a figure is never read
# without the machine, the revision and the load it was measured on.
#   bench_run_line STARTED LOAD_BEFORE [MORE]
bench_run_line() {
    local started="$1" load="$2" more="${3:-}"
    echo "- date: $started; git $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'); $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); load average before: $load$more"
}
