package org.muster.cli;

import org.muster.cli.aid.AidCommand;
import org.muster.cli.audit.AuditCommand;
import org.muster.cli.bench.BenchCommand;
import org.muster.cli.board.BoardCommand;
import org.muster.cli.dispatch.RecommendCommand;
import org.muster.cli.imports.ImportCommand;
import org.muster.cli.pipe.PipeCommand;
import org.muster.cli.region.GenerateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code muster} command. */
@Command(
        name = "muster",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Muster: command, dispatch and resilience for emergency services.",
        subcommands = {
            org.muster.cli.demo.DemoCommand.class,
            org.muster.cli.serve.ServeCommand.class,
            org.muster.cli.serve.UserCommand.class,
            StateCommand.class,
            PipeCommand.class,
            RecommendCommand.class,
            BoardCommand.class,
            AidCommand.class,
            org.muster.cli.report.ReportCommand.class,
            ImportCommand.class,
            org.muster.cli.interop.ExportCommand.class,
            GenerateCommand.class,
            org.muster.cli.simulate.SimulateCommand.class,
            org.muster.cli.simulate.ProjectCommand.class,
            org.muster.cli.simulate.RehearseCommand.class,
            AuditCommand.class,
            org.muster.cli.archive.ArchiveCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "./muster test runs the whole test suite (handled by the launcher script)."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting: for tests. */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new ErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"muster " + (v == null ? "development build" : v), "Java " + Runtime.version()};
        }
    }
}
