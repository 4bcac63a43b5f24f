// The collections run one after another: their hosts are built from the same project outputs, and each starts
// processes that want the machine's cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
