// Each test class starts its own host on its own port and storage prefix; classes run one at a time to spare a
// shared 2-core machine, tests within a class in order.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
