using System.Globalization;
using Clusterpedia.ClusterSimulator;

// Runs a simulated member cluster until Ctrl+C, printing its URL and writing a kubeconfig for kubectl.
var options = new SimulatorOptions { Port = 6443 };
ChurnOptions? churn = null;
string? kubeconfigPath = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--name": options = options with { Name = Next() }; break;
        case "--port": options = options with { Port = NextInt() }; break;
        case "--namespaces": options = options with { Namespaces = NextInt() }; break;
        case "--deployments": options = options with { Deployments = NextInt() }; break;
        case "--pods-per-replicaset": options = options with { PodsPerReplicaSet = NextInt() }; break;
        case "--crontabs": options = options with { CronTabs = NextInt() }; break;
        case "--hpas": options = options with { HorizontalPodAutoscalers = NextInt() }; break;
        case "--autoscaling-versions": options = options with { AutoscalingVersions = Next().Split(',') }; break;
        case "--token": options = options with { RequiredToken = Next() }; break;
        case "--kubeconfig-out": kubeconfigPath = Next(); break;
        case "--churn":
            var rates = Next().Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
            churn = rates.Length == 3 ? new ChurnOptions(rates[0], rates[1], rates[2]) : throw new ArgumentException("--churn takes adds,updates,deletes per second");
            break;
        default:
            Console.Error.WriteLine($"unknown flag {args[i]}; flags: --name --port --namespaces --deployments --pods-per-replicaset --crontabs --hpas --autoscaling-versions v2,v1 --token --kubeconfig-out --churn a,u,d");
            return 2;
    }
}

await using var cluster = await ClusterSimulator.StartAsync(options);
if (kubeconfigPath != null) await File.WriteAllTextAsync(kubeconfigPath, cluster.Kubeconfig());
if (churn != null) await cluster.StartChurnAsync(churn);
Console.WriteLine($"simulated cluster {options.Name} serving at {cluster.Url} (resourceVersion {cluster.Store.ResourceVersion})");
var done = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.TrySetResult(); };
// `kill` (SIGTERM) stops it as cleanly as Ctrl+C, so scripts can run it in the background.
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    done.TrySetResult();
});
await done.Task;
return 0;
