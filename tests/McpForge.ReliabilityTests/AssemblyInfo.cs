// One test at a time: these tests measure time and memory, which tests running beside them would distort. (The runner's
// own settings, shared by every test project, are in tests/xunit.runner.json.)
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
