package io.scriptgram.cli;

import io.scriptgram.client.Account;
import io.scriptgram.client.files.Downloader;
import io.scriptgram.client.files.FileTransferException;
import io.scriptgram.client.files.MessageFiles;
import io.scriptgram.client.files.Progress;
import io.scriptgram.config.Config;
import io.scriptgram.host.Connection;
import io.scriptgram.host.UserError;
import io.scriptgram.tl.TlObject;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code download PEER MESSAGE_ID [--out PATH]}: saves the document of a message, with a progress bar; an interrupted
 * download resumes from its {@code .part} file when run again.
 */
@Command(
        name = "download",
        description = "Saves the file of a message (resumes an interrupted download), with a progress bar.")
public final class DownloadCommand implements Runnable {
    @Mixin
    SchemaOption schema;

    @Mixin
    ConfigOption config;

    @Mixin
    AccountOption account;

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "PEER",
            description = "The chat: @username, me, an id, a phone or a t.me link.")
    String peer;

    @Parameters(index = "1", paramLabel = "MESSAGE_ID")
    int messageId;

    @Option(
            names = "--out",
            paramLabel = "PATH",
            description = "A file, or a folder for the file's own name. Default: the current folder.")
    Path out = Path.of(".");

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public void run() {
        Config cfg = account.pick(config.load());
        try (Connection c = Connection.open(cfg, schema.load(cfg), false)) {
            Account a = c.loggedIn();
            TlObject in = Connection.await(a.peers().inputPeer(peer, "download: PEER"));
            TlObject message = fetch(a, in);
            TlObject document;
            try {
                document = MessageFiles.document(message);
            } catch (FileTransferException e) {
                TlObject media = message.has("media") ? message.getObject("media") : null;
                throw new UserError("download: message " + messageId + " in " + peer + " has no document to download ("
                        + (media == null
                                ? "it is text only"
                                : "its media is " + media.name() + "; only documents are supported")
                        + ")");
            }
            Path target = Files.isDirectory(out) ? out.resolve(fileName(document)) : out;
            Progress progress = quiet
                    ? Progress.NONE
                    : ProgressBar.on(
                            spec.commandLine().getErr(), target.getFileName().toString());
            Path saved = Connection.await(
                    MessageFiles.download(new Downloader(a.api()), a.api(), a.peers(), message, target, progress));
            spec.commandLine()
                    .getOut()
                    .println(String.format(Locale.ROOT, "saved %s (%,d bytes)", saved, document.getLong("size")));
        }
    }

    /** The message by id, which must be in the chat asked for. */
    private TlObject fetch(Account a, TlObject in) {
        TlObject channel = in.name().equals("inputPeerChannel")
                ? TlObject.of(
                        a.api().schema(),
                        "inputChannel",
                        Map.of("channel_id", in.getLong("channel_id"), "access_hash", in.getLong("access_hash")))
                : null;
        TlObject m = Connection.await(MessageFiles.message(a.api(), channel, messageId));
        if (m == null || !inChat(m, in, a)) throw new UserError("download: no message " + messageId + " in " + peer);
        return m;
    }

    /** The account's box holds every private chat and group: the message must be in the one asked for. */
    private static boolean inChat(TlObject m, TlObject in, Account a) {
        TlObject p = m.getObject("peer_id");
        return switch (in.name()) {
            case "inputPeerSelf" ->
                p.name().equals("peerUser")
                        && p.getLong("user_id") == a.self().orElseThrow().getLong("id");
            case "inputPeerUser" -> p.name().equals("peerUser") && p.getLong("user_id") == in.getLong("user_id");
            case "inputPeerChat" -> p.name().equals("peerChat") && p.getLong("chat_id") == in.getLong("chat_id");
            default -> true; // a channel's box is its own
        };
    }

    /** The document's file name, else "document-ID". */
    private static String fileName(TlObject document) {
        for (Object o : document.getList("attributes")) {
            TlObject attr = (TlObject) o;
            if (attr.name().equals("documentAttributeFilename")) {
                try { // the sender chose it: only its last part, and nothing that names a folder
                    Path last = Path.of(attr.getString("file_name")).getFileName();
                    String n = last == null ? "" : last.toString();
                    if (!n.isBlank() && !n.equals("..") && !n.equals(".")) return n;
                } catch (InvalidPathException e) {
                    // not a name this system can use
                }
            }
        }
        return "document-" + document.getLong("id");
    }
}
