package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scriptgram.d.ts and scriptgram.pyi list every method with its parameters; the stub is valid Python. */
class TypesGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void messageObjectsAreTypedWithTheirMethodsAndTheHandlerShape() {
        TypesGenerator g = new TypesGenerator(TlSchema.bundled());
        String ts = g.typeScript();
        assertTrue(ts.contains("interface Message extends TlObject {"), "Message in the .d.ts");
        assertTrue(ts.contains("  reply(text: string, opts?: SendOptions): Promise<Message>;"), "reply typed");
        assertTrue(ts.contains("  getReply(): Promise<Message | null>;"), "getReply typed");
        assertTrue(
                ts.contains("declare function on(event: \"message\" | \"edit\", handler: (message: Message, "
                        + "info: UpdateInfo) => any): number;"),
                "message handlers get the message first");
        String pyi = g.pythonStub();
        assertTrue(pyi.contains("class Message(TlObject):"), "Message in the .pyi");
        assertTrue(pyi.contains("    def reply(self, text: str, **opts: Any) -> \"Message\": ..."), "reply typed");
        assertTrue(pyi.contains("    chat_id: int"), "chat_id typed");
    }

    @Test
    void typeScriptDeclaresEveryMethodWithItsParameters() {
        String ts = new TypesGenerator(TlSchema.bundled()).typeScript();
        assertTrue(ts.contains("declare const contacts: {\n"), "namespace as a const");
        assertTrue(
                ts.contains("  getTopPeers(params: { correspondents?: boolean; bots_pm?: boolean; "
                        + "bots_inline?: boolean; phone_calls?: boolean; "
                        + "forward_users?: boolean; forward_chats?: boolean; groups?: boolean; channels?: "
                        + "boolean; bots_app?: boolean; bots_guestchat?: boolean; offset?: number; "
                        + "limit: number; hash?: long }): Promise<TlObject & { _: "
                        + "\"contacts.topPeersNotModified\" | \"contacts.topPeers\" | "
                        + "\"contacts.topPeersDisabled\" }>;"),
                "getTopPeers with its flags optional, hash left-out-able, and its result constructors");
        assertTrue(ts.contains("declare function invokeWithLayer("), "top-level methods are functions");
        for (var f : TlSchema.bundled().functions()) {
            String n = f.name().substring(f.name().indexOf('.') + 1);
            assertTrue(ts.contains(" " + n + "(params"), "missing " + f.name());
        }
    }

    @Test
    void pythonStubIsValidPythonAndHasKeywordSignatures() throws Exception {
        List<Path> files = new TypesGenerator(TlSchema.bundled()).writeTo(dir);
        String pyi = Files.readString(files.get(1));
        assertTrue(
                pyi.contains("    def getTopPeers(self, *, correspondents: bool = ..., bots_pm: bool = ..., "
                        + "bots_inline: bool = ..., "
                        + "phone_calls: bool = ..., forward_users: bool = ..., forward_chats: bool = ..., "
                        + "groups: bool = ..., channels: bool = ..., "
                        + "bots_app: bool = ..., bots_guestchat: bool = ..., offset: int = ..., limit: int, hash: int = ...) "
                        + "-> TlObject:"),
                "kwargs form");
        assertTrue(pyi.contains("    def getTopPeers(self, params: dict, /) -> TlObject: ..."), "one-dict form");
        assertTrue(pyi.contains("\ncontacts: _contacts\n"));
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(60))) {
            Scripts.load(host, dir, "check.py", """
                    src = open("scriptgram.pyi", encoding="utf-8").read()
                    compile(src, "scriptgram.pyi", "exec")
                    test.note(text="compiled " + str(len(src)))
                    """);
            assertEquals("compiled " + pyi.length(), Scripts.note(api));
        }
    }
}
