#!/usr/bin/env bash
# The product end to end on one machine, no Kubernetes needed: three simulated member clusters, and binding-apiserver
# on the memory storage syncing them from local PediaCluster manifests. Prints the kubectl command that lists pods from
# every cluster, then serves until Ctrl+C.
#   deploy/demo/run.sh           serve until Ctrl+C
#   deploy/demo/run.sh --check   no churn; check with kubectl that `get pods -A --chunk-size=7` lists every pod of
#                                every cluster exactly once, with a CLUSTER column, then stop (used by CI)
# Environment: DEMO_DIR (default: a new temp dir), DEMO_PORT (binding-apiserver's port, default 8443),
#   BINDING_APISERVER (a binding-apiserver binary to use, e.g. the AOT one from `dotnet cake --target=Publish`;
#   default: build one with the memory storage).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
check=false
[ "${1:-}" = "--check" ] && check=true
demo=${DEMO_DIR:-$(mktemp -d -t clusterpedia-demo.XXXXXX)}
port=${DEMO_PORT:-8443}
clusters=(cluster-1 cluster-2 cluster-3)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

echo "building the simulator and binding-apiserver (memory storage) ..."
dotnet build "$root/tests/Clusterpedia.ClusterSimulator" -c Release -o "$demo/simulator" -nologo -v q >/dev/null
binding_apiserver=${BINDING_APISERVER:-}
if [ -z "$binding_apiserver" ]; then
  dotnet build "$root/hosts/binding-apiserver" -c Release -o "$demo/binding-apiserver" -nologo -v q -p:ClusterpediaStorages=memory >/dev/null
  binding_apiserver=$demo/binding-apiserver/binding-apiserver
fi
churn=(--churn 1,2,1)
$check && churn=()   # a fixed population, so the check can count

mkdir -p "$demo/pediaclusters"
for i in "${!clusters[@]}"; do
  name=${clusters[$i]}
  member_port=$((port + 100 + i))
  "$demo/simulator/Clusterpedia.ClusterSimulator" --name "$name" --port "$member_port" "${churn[@]}" \
    >"$demo/$name.log" 2>&1 &
  pids+=($!)
  cat >"$demo/pediaclusters/$name.yaml" <<YAML
apiVersion: cluster.clusterpedia.io/v1alpha2
kind: PediaCluster
metadata:
  name: $name
spec:
  apiserver: https://127.0.0.1:$member_port
  tokenData: $(printf simulator-token | base64)
  syncResources:
  - group: ""
    resources: ["pods"]
  - group: apps
    resources: ["deployments", "replicasets"]
YAML
done

"$binding_apiserver" --bind-address=127.0.0.1 --secure-port="$port" \
  --pediaclusters "$demo/pediaclusters" >"$demo/binding-apiserver.log" 2>&1 &
pids+=($!)

cat >"$demo/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: clusterpedia
  cluster:
    server: https://127.0.0.1:$port/apis/clusterpedia.io/v1beta1/resources
    insecure-skip-tls-verify: true
users:
- name: local
  user:
    token: local   # not checked: without authentication flags, loopback clients are served as system:anonymous
contexts:
- name: clusterpedia
  context: {cluster: clusterpedia, user: local}
current-context: clusterpedia
YAML

# Ready when every cluster has pods in storage.
for _ in $(seq 300); do
  listed=$(KUBECONFIG="$demo/kubeconfig" kubectl get pods -A --no-headers 2>/dev/null | awk '{print $2}' | sort -u | wc -l || true)
  [ "$listed" -eq ${#clusters[@]} ] && break
  sleep 0.2
done

echo
echo "Clusterpedia is serving ${#clusters[@]} simulated clusters (logs and manifests in $demo). Try:"
echo "  KUBECONFIG=$demo/kubeconfig kubectl get pods -A"
echo "  KUBECONFIG=$demo/kubeconfig kubectl get deployments -A -l search.clusterpedia.io/clusters=cluster-2"
echo "  KUBECONFIG=$demo/kubeconfig kubectl get pods -A --chunk-size=50 -o wide"
echo

if $check; then
  # What the members hold: every cluster's pods, straight from each simulated cluster.
  expected=0
  for i in "${!clusters[@]}"; do
    n=$(curl -sk -H "Authorization: Bearer simulator-token" "https://127.0.0.1:$((port + 100 + i))/api/v1/pods" \
      | grep -o '"kind":"Pod"' | wc -l)
    expected=$((expected + n))
  done
  for _ in $(seq 300); do   # until the synchro has stored all of them
    [ "$(KUBECONFIG="$demo/kubeconfig" kubectl get pods -A --no-headers 2>/dev/null | wc -l)" -eq "$expected" ] && break
    sleep 0.2
  done
  KUBECONFIG="$demo/kubeconfig" kubectl get pods -A --chunk-size=7 >"$demo/pods.txt"
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
wait
