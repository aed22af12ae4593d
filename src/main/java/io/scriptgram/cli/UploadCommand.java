package io.scriptgram.cli;

import io.scriptgram.client.Account;
import io.scriptgram.client.files.Progress;
import io.scriptgram.client.files.Uploader;
import io.scriptgram.config.Config;
import io.scriptgram.host.Connection;
import io.scriptgram.host.UserError;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.PrintWriter;
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

/** {@code upload FILE [--to PEER]}: sends a file as a document, with a progress bar; prints the message id. */
@Command(name = "upload", description = "Sends a file as a document (Saved Messages unless --to), with a progress bar.")
public final class UploadCommand implements Runnable {
    @Mixin
    SchemaOption schema;

    @Mixin
    ConfigOption config;

    @Mixin
    AccountOption account;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(
            names = "--to",
            paramLabel = "PEER",
            description = "@username, me, an id, a phone or a t.me link. Default: ${DEFAULT-VALUE}")
    String to = "me";

    @Option(names = "--caption", paramLabel = "TEXT", description = "Text sent with the file.")
    String caption = "";

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public void run() {
        if (!Files.isRegularFile(file)) throw new UserError("upload: " + file + " is not a file");
        if (!Files.isReadable(file)) throw new UserError("upload: " + file + " cannot be read");
        Config cfg = account.pick(config.load());
        TlSchema s = schema.load(cfg);
        try (Connection c = Connection.open(cfg, s, false)) {
            Account a = c.loggedIn();
            String name = file.getFileName().toString();
            Progress progress =
                    quiet ? Progress.NONE : ProgressBar.on(spec.commandLine().getErr(), name);
            TlObject input = Connection.await(new Uploader(a.api()).upload(file, progress));
            TlObject media = TlObject.of(
                    s,
                    "inputMediaUploadedDocument",
                    Map.of(
                            "file",
                            input,
                            "mime_type",
                            mimeType(file),
                            "attributes",
                            List.of(TlObject.of(s, "documentAttributeFilename", Map.of("file_name", name)))));
            Object sent = Connection.await(
                    a.api().invoke("messages.sendMedia", Map.of("peer", to, "media", media, "message", caption)));
            PrintWriter out = spec.commandLine().getOut();
            out.println(String.format(
                    Locale.ROOT, "sent %s (%,d bytes) to %s as message %d", name, size(file), to, messageId(sent)));
        }
    }

    /** The id of the new message in the sendMedia answer. */
    private static int messageId(Object sent) {
        if (sent instanceof TlObject u && u.constructor().param("updates") != null) {
            for (Object o : u.getList("updates")) {
                TlObject x = (TlObject) o;
                if (x.name().equals("updateNewMessage") || x.name().equals("updateNewChannelMessage"))
                    return x.getObject("message").getInt("id");
            }
        }
        throw new UserError(
                "upload: the server's answer names no new message: " + (sent instanceof TlObject t ? t.name() : sent));
    }

    private static String mimeType(Path f) {
        try {
            String t = Files.probeContentType(f);
            return t != null ? t : "application/octet-stream";
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }
}
