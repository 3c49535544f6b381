package org.muster.engine.coverage;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one H3 instance: loading its native library unpacks a file, so it is done once, on first use. */
final class H3 {
    private H3() {}

    private static final class Holder {
        static final H3Core CORE = load();

        private static H3Core load() {
            try {
                return H3Core.newInstance();
            } catch (IOException e) {
                throw new UncheckedIOException("the H3 native library cannot be loaded", e);
            }
        }
    }

    static H3Core core() {
        return Holder.CORE;
    }
}
