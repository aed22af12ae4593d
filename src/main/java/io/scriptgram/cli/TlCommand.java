package io.scriptgram.cli;

import io.scriptgram.host.UserError;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlJson;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tl encode NAME JSON} and {@code tl decode HEX}: the TL engine from the command line. */
@Command(
        name = "tl",
        description = "Encode and decode TL objects.",
        subcommands = {TlCommand.Encode.class, TlCommand.Decode.class})
public final class TlCommand {

    @Command(name = "encode", description = "Prints the hex of the boxed object (constructor id first).")
    static final class Encode implements Runnable {
        @Mixin
        SchemaOption schema;

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "Constructor or method, e.g. contacts.getTopPeers")
        String name;

        @Parameters(index = "1", paramLabel = "JSON", description = "Its fields as a JSON object")
        String json;

        @Override
        public void run() {
            TlSchema s = schema.load(config.loadIfPresent());
            try {
                TlObject o = new TlJson(s).parse(name, json);
                spec.commandLine().getOut().println(HexFormat.of().formatHex(TlCodec.encode(o)));
            } catch (TlException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
    }

    @Command(name = "decode", description = "Prints a boxed TL object given as hex, as JSON.")
    static final class Decode implements Runnable {
        @Mixin
        SchemaOption schema;

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "HEX", description = "The bytes in hex (spaces allowed)")
        String hex;

        @Override
        public void run() {
            TlSchema s = schema.load(config.loadIfPresent());
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(hex.replaceAll("\\s+", "").toLowerCase());
            } catch (IllegalArgumentException e) {
                throw new UserError("not hex: " + e.getMessage());
            }
            try {
                spec.commandLine()
                        .getOut()
                        .println(TlJson.toJsonString(TlJson.toJson(new TlCodec(s).decode(bytes)), true));
            } catch (TlException e) {
                throw new UserError("cannot decode: " + e.getMessage(), e);
            }
        }
    }
}
