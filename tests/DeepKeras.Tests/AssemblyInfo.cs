// Layer auto-names (dense, dense_1, ...) and torch's seeded generator are process-wide, as in Keras;
// tests that assert names or seeded values must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
