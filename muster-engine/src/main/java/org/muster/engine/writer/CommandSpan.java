package org.muster.engine.writer;

/** The sequences of the first and last event a command produced. */
record CommandSpan(long first, long last) {}
