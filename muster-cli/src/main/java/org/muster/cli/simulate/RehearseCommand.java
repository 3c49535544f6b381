package org.muster.cli.simulate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.muster.cli.demo.DemoCommand;
import org.muster.cli.demo.DemoScenario;
import org.muster.domain.InvalidInputException;
import org.muster.sim.des.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./muster rehearse SCENARIO [demo options]}: the demo, running a scenario live for an exercise on the
 * dashboard. The scenario's shocks reach the running service at their times as a supervisor's commands, and its
 * surges raise the demo's calls, while the people in the exercise dispatch, raise levels and ask for aid.
 */
@Command(
        name = "rehearse",
        mixinStandardHelpOptions = true,
        description = "Rehearse a scenario live on the demo's dashboard: its shocks arrive at their times and its"
                + " surges raise the calls while you answer them. Takes the demo's options (--speed, --port, --dir,"
                + " --dispatch-delay, --no-auto-dispatch, --demand).")
public final class RehearseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file on a generated region")
    Path scenario;

    @Unmatched
    List<String> demoOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        DemoScenario rehearsal = read(scenario);
        for (String o : demoOptions)
            if (o.equals("--seed") || o.startsWith("--seed="))
                throw InvalidInputException.of(
                        "--seed",
                        String.join(" ", demoOptions),
                        "is the scenario's: it runs on the region of its own seed (" + rehearsal.regionSeed()
                                + "), set in the file as region: generated: seed");
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(demoOptions.toArray(String[]::new));
        return demo.rehearsing(rehearsal).call();
    }

    /**
     * The scenario, read and checked before anything starts: on a generated region (the demo's only kind), its
     * calls from the demand model. Its dispatch policy, targets and crews are the demo's server's and crews'.
     */
    public static DemoScenario read(Path file) {
        ScenarioFile.Read read = ScenarioFile.read(file, OptionalLong.empty());
        Scenario s = read.scenario();
        if (read.files().isPresent())
            throw InvalidInputException.of(
                    "SCENARIO",
                    file,
                    "must run on a generated region (region: generated: seed: N); the demo has no other");
        if (!s.replay().isEmpty() || !s.calls().isEmpty())
            throw InvalidInputException.of(
                    "SCENARIO",
                    file,
                    "must take its calls from the demand model (demand.scale and surges), not replay or calls:"
                            + " run it with ./muster simulate");
        return new DemoScenario(file.toString(), read.regionSeed(), s);
    }
}
