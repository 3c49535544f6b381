package org.muster.geo.region;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Reports how far a long generation has got; silent for small ones. */
interface Progress extends AutoCloseable {
    Progress NONE = new Progress() {
        @Override
        public void step(long amount) {}

        @Override
        public void close() {}
    };

    void step(long amount);

    @Override
    void close();

    /** A progress bar on stderr, where it does not mix with output a caller may pipe. */
    static Progress bar(String task, long max) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500)
                .build();
        return new Progress() {
            @Override
            public void step(long amount) {
                bar.stepBy(amount);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
