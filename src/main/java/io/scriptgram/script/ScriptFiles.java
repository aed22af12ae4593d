package io.scriptgram.script;

import io.scriptgram.chat.MediaFiles;
import io.scriptgram.tl.TlObject;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * File transfers on the host's account, for the {@code files} global. The script host hands over files it opened itself
 * inside the script's files folder, and a target in its own staging folder ({@link FilesFolder}): never a path a link
 * in the script's folder could redirect.
 */
public interface ScriptFiles {
    /** Uploads {@code size} bytes of {@code in} (then closes it) as {@code name}; completes with its InputFile. */
    CompletableFuture<TlObject> upload(InputStream in, long size, String name);

    /**
     * Downloads the document of {@code media} (a message, a messageMediaDocument or a document) to {@code target};
     * completes with the path written. Given a message, an expired file reference is renewed by fetching it again.
     */
    CompletableFuture<Path> download(TlObject media, Path target);

    /** Media downloads (every kind, sizes, chunks) and sendFile on the same account. */
    default MediaFiles media() {
        throw new IllegalStateException(
                "media transfers are not available here (the host has no account to move them)");
    }
}
