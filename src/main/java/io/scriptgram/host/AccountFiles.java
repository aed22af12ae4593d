package io.scriptgram.host;

import io.scriptgram.chat.MediaFiles;
import io.scriptgram.client.Account;
import io.scriptgram.client.Peers;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.files.Downloader;
import io.scriptgram.client.files.FileRpc;
import io.scriptgram.client.files.MessageFiles;
import io.scriptgram.client.files.Progress;
import io.scriptgram.client.files.Uploader;
import io.scriptgram.script.ScriptFiles;
import io.scriptgram.tl.TlObject;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** The scripts' {@code files} global on an account's connection. */
public final class AccountFiles implements ScriptFiles {
    private final RpcClient api;
    private final Peers peers;
    private final Uploader uploader;
    private final Downloader downloader;
    private final MediaFiles media;

    public AccountFiles(Account account) {
        this.api = account.api();
        this.peers = account.peers();
        this.uploader = new Uploader(api);
        this.downloader = new Downloader(api);
        this.media = new MediaFiles(api, FileRpc.of(api), uploader, downloader, peers);
    }

    @Override
    public MediaFiles media() {
        return media;
    }

    @Override
    public CompletableFuture<TlObject> upload(InputStream in, long size, String name) {
        return uploader.upload(in, size, name, Progress.NONE);
    }

    @Override
    public CompletableFuture<Path> download(TlObject media, Path target) {
        return MessageFiles.download(downloader, api, peers, media, target, Progress.NONE);
    }
}
