package io.scriptgram.cli;

import io.scriptgram.client.Account;
import io.scriptgram.client.files.Downloader;
import io.scriptgram.client.files.Progress;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code download PEER MESSAGE_ID [--out PATH]}: saves the document of a message, with a progress
 * bar; an interrupted download resumes from its {@code .part} file when run again.
 */
@Command(name = "download", description = "Saves the file of a message (resumes an interrupted download), with a progress bar.")
public final class DownloadCommand implements Runnable {
    @Mixin SchemaOption schema;
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PEER", description = "The chat: @username, me, an id, a phone or a t.me link.") String peer;
    @Parameters(index = "1", paramLabel = "MESSAGE_ID") int messageId;
    @Option(names = "--out", paramLabel = "PATH", description = "A file, or a folder for the file's own name. Default: the current folder.") Path out = Path.of(".");
    @Option(names = "--quiet", description = "No progress bar.") boolean quiet;

    @Override
    public void run() {
        TlSchema s = schema.load();
        try (Connection c = Connection.open(config.load(), s, false)) {
            Account a = c.loggedIn();
            TlObject in = Connection.await(a.peers().inputPeer(peer, "download: PEER"));
            TlObject message = fetch(a, s, in);
            TlObject document = document(message);
            Path target = Files.isDirectory(out) ? out.resolve(fileName(document)) : out;
            Progress progress = quiet ? Progress.NONE : ProgressBar.on(spec.commandLine().getErr(), target.getFileName().toString());
            Path saved = Connection.await(new Downloader(a.api()).download(document, target, progress));
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "saved %s (%,d bytes)", saved, document.getLong("size")));
        }
    }

    /** The message by id: from the channel's own box, or from the account's (private chats and groups share it). */
    private TlObject fetch(Account a, TlSchema s, TlObject in) {
        TlObject id = TlObject.of(s, "inputMessageID", Map.of("id", messageId));
        Object r;
        if (in.name().equals("inputPeerChannel")) {
            TlObject channel = TlObject.of(s, "inputChannel", Map.of("channel_id", in.getLong("channel_id"), "access_hash", in.getLong("access_hash")));
            r = Connection.await(a.api().invoke("channels.getMessages", Map.of("channel", channel, "id", List.of(id))));
        } else {
            r = Connection.await(a.api().invoke("messages.getMessages", Map.of("id", List.of(id))));
        }
        List<Object> found = ((TlObject) r).getList("messages");
        TlObject m = found.isEmpty() ? null : (TlObject) found.get(0);
        if (m == null || m.name().equals("messageEmpty") || !inChat(m, in, a)) throw new UserError("download: no message " + messageId + " in " + peer);
        return m;
    }

    /** The account's box holds every private chat and group: the message must be in the one asked for. */
    private static boolean inChat(TlObject m, TlObject in, Account a) {
        TlObject p = m.getObject("peer_id");
        return switch (in.name()) {
            case "inputPeerSelf" -> p.name().equals("peerUser") && p.getLong("user_id") == a.self().orElseThrow().getLong("id");
            case "inputPeerUser" -> p.name().equals("peerUser") && p.getLong("user_id") == in.getLong("user_id");
            case "inputPeerChat" -> p.name().equals("peerChat") && p.getLong("chat_id") == in.getLong("chat_id");
            default -> true; // a channel's box is its own
        };
    }

    private TlObject document(TlObject message) {
        TlObject media = message.has("media") ? message.getObject("media") : null;
        if (media != null && media.name().equals("messageMediaDocument") && media.has("document") && media.getObject("document").name().equals("document")) {
            return media.getObject("document");
        }
        throw new UserError("download: message " + messageId + " in " + peer + " has no document to download ("
                + (media == null ? "it is text only" : "its media is " + media.name() + "; only documents are supported") + ")");
    }

    /** The document's file name, else "document-ID". */
    private static String fileName(TlObject document) {
        for (Object o : document.getList("attributes")) {
            TlObject attr = (TlObject) o;
            if (attr.name().equals("documentAttributeFilename")) {
                String n = Path.of(attr.getString("file_name")).getFileName().toString(); // never a path the sender chose
                if (!n.isBlank() && !n.equals("..")) return n;
            }
        }
        return "document-" + document.getLong("id");
    }
}
