package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TlCommandsTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void encodeMatchesTheReferenceVector() {
        Run r = run(
                "tl",
                "encode",
                "contacts.getTopPeers",
                "{\"correspondents\":true,\"offset\":0,\"limit\":10,\"hash\":0}");
        assertEquals(0, r.code(), r.err());
        assertEquals("b678349701000000000000000a0000000000000000000000", r.out().trim());
    }

    @Test
    void decodePrintsJsonThatEncodesBack() {
        Run r = run("tl", "decode", "b678349701000000000000000a0000000000000000000000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"_\" : \"contacts.getTopPeers\""), r.out());
        assertTrue(r.out().contains("\"correspondents\" : true"), r.out());
    }

    @Test
    void describeShowsParametersReturnTypeBotsAndErrors() {
        Run r = run("describe", "contacts.getTopPeers");
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        for (String p : new String[] {
            "correspondents",
            "bots_pm",
            "bots_inline",
            "phone_calls",
            "forward_users",
            "forward_chats",
            "groups",
            "channels",
            "offset",
            "limit",
            "hash"
        }) {
            assertTrue(o.contains("  " + p + " "), "parameter " + p + " in\n" + o);
        }
        assertTrue(o.matches("(?s).*correspondents\\s+true\\s+optional \\(flags\\.0\\).*"), o);
        assertTrue(o.matches("(?s).*hash\\s+long\\s+optional \\(default 0\\).*"), o);
        assertTrue(o.matches("(?s).*offset\\s+int\\s+optional \\(default 0\\).*"), o);
        assertTrue(o.matches("(?s).*limit\\s+int\\s+required.*"), o);
        assertTrue(
                o.contains("await contacts.getTopPeers({limit: 0})"), "neutral parameters left out of the usage: " + o);
        assertTrue(o.contains("Returns     contacts.TopPeers"), o);
        assertTrue(o.contains("Bots        no"), o);
        assertTrue(o.contains("400 TYPES_EMPTY"), o);
    }

    @Test
    void describeWorksForConstructorsAndTypes() {
        Run c = run("describe", "inputPeerUser");
        assertTrue(c.out().contains("constructor of InputPeer") && c.out().contains("access_hash"), c.out());
        Run t = run("describe", "InputPeer");
        assertTrue(t.out().contains("inputPeerUser") && t.out().contains("inputPeerSelf"), t.out());
    }

    @Test
    void methodsListsByPrefix() {
        Run r = run("methods", "contacts.getTop");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("contacts.getTopPeers"), r.out());
    }

    @Test
    void mistakesAreOneClearLine() {
        Run unknown = run("describe", "contacts.getTopPeer");
        assertNotEquals(0, unknown.code());
        assertTrue(unknown.err().contains("did you mean: contacts.getTopPeers"), unknown.err());
        assertFalse(unknown.err().contains("\tat "), "no stack trace: " + unknown.err());
        Run badJson = run("tl", "encode", "contacts.getTopPeers", "{\"offset\":0,");
        assertNotEquals(0, badJson.code());
        assertTrue(badJson.err().contains("invalid JSON"), badJson.err());
        Run badField = run("tl", "encode", "contacts.getTopPeers", "{\"offset\":\"x\",\"limit\":1,\"hash\":0}");
        assertTrue(badField.err().contains("field 'offset' expects int"), badField.err());
        Run badHex = run("tl", "decode", "zz");
        assertTrue(badHex.err().contains("not hex"), badHex.err());
    }

    @Test
    void aSchemaFileOfAnotherLayerIsUsed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("old.tl");
        Files.writeString(f, "---functions---\nfoo.bar#0a0b0c0d x:int = Bool;\n// LAYER 100\n");
        Run r = run("tl", "encode", "--schema", f.toString(), "foo.bar", "{\"x\":1}");
        assertEquals(0, r.code(), r.err());
        assertEquals("0d0c0b0a01000000", r.out().trim());
        Run d = run("describe", "--schema", f.toString(), "foo.bar");
        assertTrue(d.out().contains("layer 100"), d.out());
        Run missing = run("describe", "--schema", dir.resolve("nope.tl").toString(), "foo.bar");
        assertTrue(missing.err().contains("nope.tl"), missing.err());
    }
}
