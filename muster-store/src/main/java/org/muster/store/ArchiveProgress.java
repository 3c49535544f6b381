package org.muster.store;

/** Told, now and then while an archive is written, how far it has got. Called on the archiving thread. */
@FunctionalInterface
public interface ArchiveProgress {
    /** Nobody is listening. */
    ArchiveProgress NONE = (written, total) -> {};

    /**
     * @param written the events written to the file so far
     * @param total the events the archive moves in all
     */
    void written(long written, long total);
}
