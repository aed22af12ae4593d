package io.scriptgram.client.files;

/** A transfer that cannot start or could not finish; the message names the file, the part or the rule broken. */
public final class FileTransferException extends RuntimeException {
    public FileTransferException(String message) {
        super(message);
    }

    public FileTransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
