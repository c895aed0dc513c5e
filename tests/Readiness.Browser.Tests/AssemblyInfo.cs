// One host and one Chromium for the whole project (PortalCollection); its tests run one at a time on a shared machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
