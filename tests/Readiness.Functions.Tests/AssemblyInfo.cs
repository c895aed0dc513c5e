// One Azurite process serves the whole run; its single thread is the bottleneck, so storage tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
