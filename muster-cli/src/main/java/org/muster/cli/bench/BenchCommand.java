package org.muster.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Benchmarks that print their figures as JSON. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure Muster's speed; prints JSON.",
        subcommands = {
            StoreBench.class,
            DispatchBench.class,
            CoverageBench.class,
            GrowthBench.class,
            FailoverBench.class,
            LoadBench.class,
            MoveUpBench.class,
            ClosureBench.class,
            SimBench.class
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
