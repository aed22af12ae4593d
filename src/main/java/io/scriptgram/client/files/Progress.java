package io.scriptgram.client.files;

/**
 * Progress of one transfer: {@code done} of {@code total} bytes. Calls for one transfer never overlap and {@code done}
 * never decreases; they come from the transfer's worker threads, so keep them short. A callback that throws stops the
 * transfer, which then fails with that exception (a download keeps what it has and can be resumed).
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> {};

    void update(long done, long total);
}
