package io.scriptgram.cli;

import io.scriptgram.client.RpcClient;
import io.scriptgram.client.files.Downloader;
import io.scriptgram.client.files.Progress;
import io.scriptgram.client.files.Uploader;
import io.scriptgram.script.ScriptFiles;
import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** The scripts' {@code files} global on an account's connection. */
final class AccountFiles implements ScriptFiles {
    private final Uploader uploader;
    private final Downloader downloader;

    AccountFiles(RpcClient api) {
        this.uploader = new Uploader(api);
        this.downloader = new Downloader(api);
    }

    @Override
    public CompletableFuture<TlObject> upload(Path file) {
        return uploader.upload(file, Progress.NONE);
    }

    @Override
    public CompletableFuture<Path> download(TlObject document, Path target) {
        return downloader.download(document, target, Progress.NONE);
    }
}
