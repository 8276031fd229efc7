// One test at a time: each starts real servers, compilers or NativeAOT publishes, and the other test projects run beside
// this one on a 2-core machine. (The runner's own settings, shared by every test project, are in tests/xunit.runner.json.)
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
