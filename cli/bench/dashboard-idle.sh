#!/usr/bin/env bash
# What schedtune dashboard costs while browsers watch a large study that does not change (cli/BENCHMARKS.md):
# the dashboard runs as its own process (the launcher's JVM flags), N pollers each ask for changes every 2 s
# as a study page does, and the dashboard's CPU time is read from the OS. From the repository root:
#   cli/bench/dashboard-idle.sh                                   # 10,000 trials, 10 pollers, 60 s
#   cli/bench/dashboard-idle.sh --trials 1000 --seconds 20        # a quick look
# The study file is made once (a few minutes for 10,000 trials) in cli/target/bench/ and kept.
exec "$(dirname "${BASH_SOURCE[0]}")/bench-java.sh" DashboardIdleBench "$@"
