namespace Clusterpedia.ClusterSimulator;

/// <summary>Adds, updates and deletes pods and crontabs at steady rates until stopped.</summary>
internal sealed class Churn
{
    private readonly SimulatedStore _store;
    private readonly ChurnOptions _options;
    private readonly Random _random;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _cronIndex = 10_000;

    public Churn(SimulatedStore store, ChurnOptions options, Random random)
    {
        _store = store;
        _options = options;
        _random = random;
        _loop = Task.Run(RunAsync);
    }

    public long Operations { get; private set; }

    private async Task RunAsync()
    {
        const double tick = 0.05;
        double adds = 0, updates = 0, deletes = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(tick));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                adds += _options.AddsPerSecond * tick;
                updates += _options.UpdatesPerSecond * tick;
                deletes += _options.DeletesPerSecond * tick;
                for (; adds >= 1; adds--) Add();
                for (; updates >= 1; updates--) Update();
                for (; deletes >= 1; deletes--) Delete();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private SimulatedResource PickResource() => _random.Next(4) == 0 ? SimulatedResource.CronTabs : SimulatedResource.Pods;

    private void Add()
    {
        Operations++;
        if (PickResource() == SimulatedResource.CronTabs)
        {
            _store.Create(ClusterPopulation.NewCronTab(ClusterPopulation.Ns(_random.Next(3)), _cronIndex++, _random));
            return;
        }
        var rsKey = _store.RandomKey(SimulatedResource.ReplicaSets, _random);
        if (rsKey is null || _store.Get(SimulatedResource.ReplicaSets, rsKey) is not { } rs) return;
        _store.CreatePodWithEvent(ClusterPopulation.NewPod(rs.Spec, _random), _random);
    }

    private void Update()
    {
        Operations++;
        var resource = _random.Next(10) == 0 ? SimulatedResource.Deployments : PickResource();
        if (_store.RandomKey(resource, _random) is { } key) _store.Update(resource, key);
    }

    private void Delete()
    {
        Operations++;
        var resource = PickResource();
        if (_store.RandomKey(resource, _random) is { } key) _store.Delete(resource, key);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
