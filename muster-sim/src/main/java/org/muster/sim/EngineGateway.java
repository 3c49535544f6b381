package org.muster.sim;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.muster.domain.Check;
import org.muster.domain.MusterException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.engine.CommandResult;
import org.muster.engine.Engine;

/**
 * How the simulator sends commands: one at a time, waiting for each to be durable, so the next decision
 * sees its effect. A refusal — a dispatcher changed something first, the state moved on — is logged and
 * answered empty, never thrown: the simulated crew or control room drops that step and carries on.
 */
public final class EngineGateway {
    private static final System.Logger LOG = System.getLogger(EngineGateway.class.getName());

    private final Engine engine;
    private final String commandPrefix;
    private final Counters counters;
    private final AtomicLong next = new AtomicLong();

    /**
     * @param commandPrefix starts every command id; it must make them unique in the log (the simulator
     *     uses its seed and the log's sequence when it started)
     */
    public EngineGateway(Engine engine, String commandPrefix, Counters counters) {
        this.engine = Check.present("engine", engine);
        this.commandPrefix = Check.code("commandPrefix", commandPrefix);
        this.counters = Check.present("counters", counters);
    }

    public Engine engine() {
        return engine;
    }

    /** Executes the command and waits; empty when the engine refused it. */
    public Optional<CommandResult> submit(Actor actor, String reason, Command command) {
        CommandEnvelope envelope =
                new CommandEnvelope(CommandId.of(commandPrefix + "-" + next.incrementAndGet()), actor, reason, command);
        try {
            return Optional.of(engine.execute(envelope));
        } catch (MusterException refused) {
            counters.refused();
            LOG.log(Level.DEBUG, () -> actor + " step dropped, " + command + " refused: " + refused.getMessage());
            return Optional.empty();
        }
    }
}
