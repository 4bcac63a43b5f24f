#!/usr/bin/env bash
# The product end to end on one machine, no Kubernetes needed: three simulated member clusters, and binding-apiserver
# on the memory storage syncing them from local PediaCluster manifests. Writes a kubeconfig, prints the kubectl commands
# to try, then serves until Ctrl+C (or SIGTERM), which stops every process it started.
#   deploy/demo/run.sh           serve until stopped
#   deploy/demo/run.sh --check   no churn; check with kubectl that `get pods -A --chunk-size=7` lists every pod of
#                                every cluster exactly once, with a CLUSTER column, then stop (used by CI)
# Environment: DEMO_DIR (default: a new temp dir), DEMO_PORT (binding-apiserver's HTTPS port, default 8443; /metrics
#   is on DEMO_PORT+1 and the simulated clusters on DEMO_PORT+100..102, all on 127.0.0.1),
#   BINDING_APISERVER (a binding-apiserver binary to use, e.g. the AOT one from `dotnet cake --target=Publish`;
#   default: build one with the memory storage), SIMULATOR (a Clusterpedia.ClusterSimulator executable; default: build it).
# If one of its processes exits, the demo prints the end of that process's log and exits non-zero.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
check=false
[ "${1:-}" = "--check" ] && check=true
port=${DEMO_PORT:-8443}
metrics_port=$((port + 1))
clusters=(cluster-1 cluster-2 cluster-3)
member_port() { echo $((port + 100 + $1)); }

fail() { echo "demo: $*" >&2; exit 1; }

command -v kubectl >/dev/null 2>&1 \
  || fail "kubectl is not on PATH: install it (https://kubernetes.io/docs/tasks/tools/, or on Debian: apt-get install -y kubernetes-client)"

# Before building: a port in use would only show, minutes later, in binding-apiserver's own log.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$port" "$metrics_port" "$(member_port 0)" "$(member_port 1)" "$(member_port 2)"; do
  if port_in_use "$p"; then
    fail "port $p on 127.0.0.1 is in use. The demo serves on DEMO_PORT (now $port), /metrics on DEMO_PORT+1 and the" \
      "simulated clusters on DEMO_PORT+100..102: set DEMO_PORT to a free port, e.g. DEMO_PORT=9443 dotnet cake --target=Demo"
  fi
done

demo=${DEMO_DIR:-$(mktemp -d -t clusterpedia-demo.XXXXXX)}
mkdir -p "$demo"

# Every process the demo starts, with a name and a log, so it can report the one that died and stop them all. Each
# leads its own process group (setsid), so stopping a build also stops the compilers it started.
pids=()
names=()
logs=()
start() { # start NAME LOG COMMAND...: in the background, output to LOG
  local name=$1 log=$2
  shift 2
  setsid "$@" >"$log" 2>&1 &
  pids+=($!)
  names+=("$name")
  logs+=("$log")
}

stopping=false
stop() {
  $stopping && return
  stopping=true
  trap '' INT TERM   # a second Ctrl+C must not cut the clean-up short
  local pid alive
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 100); do   # each stops cleanly on SIGTERM within a few seconds; then no longer wait
    alive=false
    for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=true; done
    $alive || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

# Exits non-zero, with the end of its log, when a process the demo started has exited.
check_alive() {
  local i code
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      code=0
      wait "${pids[$i]}" 2>/dev/null || code=$?
      echo "demo: ${names[$i]} exited (exit code $code); the end of ${logs[$i]}:" >&2
      tail -n 25 "${logs[$i]}" >&2
      exit 1
    fi
  done
}

# A build in the background, so INT/TERM stop it at once; on failure the end of its log shows the compiler's errors.
build() { # build WHAT ARGS...
  local what=$1
  shift
  start "dotnet build ($what)" "$demo/build-$what.log" \
    dotnet build "$@" -c Release -nologo -v q --disable-build-servers
  local code=0
  wait "${pids[-1]}" || code=$?
  if [ "$code" -ne 0 ]; then
    echo "demo: building $what failed (exit code $code); the end of $demo/build-$what.log:" >&2
    tail -n 40 "$demo/build-$what.log" >&2
    exit 1
  fi
  unset 'pids[-1]' 'names[-1]' 'logs[-1]'   # done: no longer one of the processes that must stay alive
}

simulator=${SIMULATOR:-}
binding_apiserver=${BINDING_APISERVER:-}
if [ -z "$simulator" ] || [ -z "$binding_apiserver" ]; then
  echo "building the simulator and binding-apiserver (memory storage; logs in $demo) ..."
fi
if [ -z "$simulator" ]; then
  build simulator "$root/tests/Clusterpedia.ClusterSimulator" -o "$demo/simulator"
  simulator=$demo/simulator/Clusterpedia.ClusterSimulator
fi
if [ -z "$binding_apiserver" ]; then
  build binding-apiserver "$root/hosts/binding-apiserver" -o "$demo/binding-apiserver" -p:ClusterpediaStorages=memory
  binding_apiserver=$demo/binding-apiserver/binding-apiserver
fi
churn=(--churn 1,2,1)
$check && churn=()   # a fixed population, so the check can count

mkdir -p "$demo/pediaclusters"
for i in "${!clusters[@]}"; do
  name=${clusters[$i]}
  start "simulated cluster $name" "$demo/$name.log" \
    "$simulator" --name "$name" --port "$(member_port "$i")" "${churn[@]}"
  cat >"$demo/pediaclusters/$name.yaml" <<YAML
apiVersion: cluster.clusterpedia.io/v1alpha2
kind: PediaCluster
metadata:
  name: $name
spec:
  apiserver: https://127.0.0.1:$(member_port "$i")
  tokenData: $(printf simulator-token | base64)
  syncResources:
  - group: ""
    resources: ["pods"]
  - group: apps
    resources: ["deployments", "replicasets"]
YAML
done

start binding-apiserver "$demo/binding-apiserver.log" \
  "$binding_apiserver" --bind-address=127.0.0.1 --secure-port="$port" \
  --metrics-host=127.0.0.1 --metrics-port="$metrics_port" --pediaclusters "$demo/pediaclusters"

# Context clusterpedia: every cluster (resources path); one context per cluster (resources/clusters/<name>), where
# `get <name>` and `describe` work. The token is not checked (without authentication flags, loopback clients are
# served as system:anonymous), but a user without credentials would make kubectl prompt for a username.
resources=https://127.0.0.1:$port/apis/clusterpedia.io/v1beta1/resources
{
  echo "apiVersion: v1"
  echo "kind: Config"
  echo "clusters:"
  echo "- name: clusterpedia"
  echo "  cluster: {server: $resources, insecure-skip-tls-verify: true}"
  for name in "${clusters[@]}"; do
    echo "- name: $name"
    echo "  cluster: {server: $resources/clusters/$name, insecure-skip-tls-verify: true}"
  done
  echo "users:"
  echo "- name: demo"
  echo "  user: {token: demo}"
  echo "contexts:"
  echo "- name: clusterpedia"
  echo "  context: {cluster: clusterpedia, user: demo}"
  for name in "${clusters[@]}"; do
    echo "- name: $name"
    echo "  context: {cluster: $name, user: demo}"
  done
  echo "current-context: clusterpedia"
} >"$demo/kubeconfig"
export KUBECONFIG=$demo/kubeconfig
kube() { kubectl --request-timeout=5s "$@"; }

# Ready when every cluster has pods in storage; a process that exits stops the wait.
ready=false
for _ in $(seq 600); do
  check_alive
  listed=$(kube get pods -A --no-headers 2>/dev/null | awk '{print $2}' | sort -u | wc -l || true)   # the CLUSTER column
  if [ "$listed" -eq ${#clusters[@]} ]; then ready=true; break; fi
  sleep 0.2
done
if ! $ready; then
  echo "demo: binding-apiserver did not serve the pods of all ${#clusters[@]} clusters in time; the end of $demo/binding-apiserver.log:" >&2
  tail -n 25 "$demo/binding-apiserver.log" >&2
  exit 1
fi

echo
echo "Clusterpedia is serving ${#clusters[@]} simulated clusters (${clusters[*]}) at https://127.0.0.1:$port"
echo "(logs, manifests and the kubeconfig in $demo). Try:"
echo "  export KUBECONFIG=$demo/kubeconfig"
echo "  kubectl get pods -A"
echo "  kubectl get deployments -A -l search.clusterpedia.io/clusters=cluster-2"
echo "  kubectl --context cluster-1 get deployment app-0 -n ns-0 -o yaml"
echo "Metrics: curl http://127.0.0.1:$metrics_port/metrics"
echo

if $check; then
  # What the members hold: every cluster's pods, straight from each simulated cluster (asked with kubectl: list items
  # carry no kind, as a real kube-apiserver's, so there is nothing to count in the raw body).
  expected=0
  for i in "${!clusters[@]}"; do
    n=$(kubectl --kubeconfig=/dev/null --server="https://127.0.0.1:$(member_port "$i")" --token=simulator-token \
      --insecure-skip-tls-verify get pods -A --no-headers | wc -l)
    expected=$((expected + n))
  done
  for _ in $(seq 300); do   # until the synchro has stored all of them
    check_alive
    [ "$(kube get pods -A --no-headers 2>/dev/null | wc -l)" -eq "$expected" ] && break
    sleep 0.2
  done
  kube get pods -A --chunk-size=7 >"$demo/pods.txt"
  head -4 "$demo/pods.txt"
  listed=$(awk 'NR > 1' "$demo/pods.txt" | wc -l)
  unique=$(awk 'NR > 1 {print $2 "/" $1 "/" $3}' "$demo/pods.txt" | sort -u | wc -l)
  found=$(awk 'NR > 1 {print $2}' "$demo/pods.txt" | sort -u | wc -l)
  echo "kubectl get pods -A --chunk-size=7: $listed rows, $unique distinct, from $found of ${#clusters[@]} clusters; the members hold $expected"
  head -1 "$demo/pods.txt" | grep -q CLUSTER
  [ "$listed" -eq "$expected" ] && [ "$unique" -eq "$expected" ] && [ "$found" -eq ${#clusters[@]} ] && [ "$expected" -ge 50 ]
  exit
fi
echo "Ctrl+C stops everything."
while true; do
  wait -n || true   # returns when a process exits (or a signal's trap runs and exits)
  check_alive
done
