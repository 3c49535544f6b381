package org.muster.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.muster.domain.MusterException;
import org.muster.domain.TransientException;
import org.muster.domain.command.CommandEnvelope;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;

/**
 * Muster's one way in for changes and its consistent read side. Commands are applied one at a time by a
 * single writer: checked against the current state, turned into events, made durable, applied, then
 * published. Every face of Muster (API, dashboard, CLI, simulator, imports) goes through here.
 */
public interface Engine extends AutoCloseable {

    /**
     * Queues a command. The future completes once the command's events are durable and applied, or
     * exceptionally with a {@link MusterException} saying why it was refused (nothing written then).
     * Submitting a command id that is already in the log answers with the original outcome.
     */
    CompletableFuture<CommandResult> submit(CommandEnvelope command);

    /**
     * Submits and waits, at most 30 seconds unless the engine is configured otherwise; refusals are thrown
     * as they are.
     *
     * @throws TransientException when the wait runs out; the command may still be applied later, and
     *     submitting it again with the same id answers with its outcome
     */
    default CommandResult execute(CommandEnvelope command) {
        return await(submit(command), Duration.ofSeconds(30));
    }

    /** Waits for an answer at most {@code limit}: no caller hangs for ever on a stuck writer or store. */
    static CommandResult await(CompletableFuture<CommandResult> answer, Duration limit) {
        try {
            return answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while waiting for the writer", e);
        } catch (TimeoutException e) {
            throw new TransientException("no answer from the writer within " + limit
                    + "; the command may still be applied: submit it again with the same id to learn its outcome");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The state after the last durable batch. Never blocks the writer; the object is immutable. */
    MusterState state();

    Rules rules();

    /** Calls the listener with every batch of events after it is durable, in order, on the writer's thread. */
    Subscription subscribe(EventListener listener);

    /** Stops taking commands, finishes those queued, and closes. */
    @Override
    void close();

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
