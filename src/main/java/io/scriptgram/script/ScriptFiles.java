package io.scriptgram.script;

import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * File transfers on the host's account, for the {@code files} global. The script host hands over
 * paths already confined to the script's files folder ({@link FilesFolder}).
 */
public interface ScriptFiles {
    /** Uploads a file; completes with its InputFile (inputFile or inputFileBig). */
    CompletableFuture<TlObject> upload(Path file);

    /**
     * Downloads the document of {@code media} (a message, a messageMediaDocument or a document) to
     * {@code target}; completes with the path written. Given a message, an expired file reference
     * is renewed by fetching it again.
     */
    CompletableFuture<Path> download(TlObject media, Path target);
}
