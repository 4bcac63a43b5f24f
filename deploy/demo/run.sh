#!/usr/bin/env bash
# The product end to end on one machine, no Kubernetes needed: three simulated member clusters, and binding-apiserver
# on the memory storage syncing them from local PediaCluster manifests. Prints the kubectl command that lists pods from
# every cluster, then serves until Ctrl+C.
#   deploy/demo/run.sh           serve until Ctrl+C
#   deploy/demo/run.sh --check   list pods once with kubectl, check every cluster answered, stop (used by CI)
# Environment: DEMO_DIR (default: a new temp dir), DEMO_PORT (binding-apiserver's port, default 8443).
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
dotnet build "$root/hosts/binding-apiserver" -c Release -o "$demo/binding-apiserver" -nologo -v q -p:ClusterpediaStorages=memory >/dev/null

mkdir -p "$demo/pediaclusters"
for i in "${!clusters[@]}"; do
  name=${clusters[$i]}
  member_port=$((port + 100 + i))
  "$demo/simulator/Clusterpedia.ClusterSimulator" --name "$name" --port "$member_port" --churn 1,2,1 \
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

"$demo/binding-apiserver/binding-apiserver" --bind-address=127.0.0.1 --secure-port="$port" \
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
  KUBECONFIG="$demo/kubeconfig" kubectl get pods -A --chunk-size=25 | tee "$demo/pods.txt" | head -5
  found=$(awk 'NR > 1 {print $2}' "$demo/pods.txt" | sort -u | wc -l)
  echo "pods listed from $found of ${#clusters[@]} clusters"
  [ "$found" -eq ${#clusters[@]} ]
  exit
fi
echo "Ctrl+C stops everything."
wait
