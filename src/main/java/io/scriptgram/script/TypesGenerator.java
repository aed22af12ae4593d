package io.scriptgram.script;

import io.scriptgram.client.NeutralParams;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Editor support generated from the schema: {@code scriptgram.d.ts} (TypeScript declarations for JS scripts) and
 * {@code scriptgram.pyi} (a Python stub), so editors complete every method and its parameters. Object types are named
 * by their constructors ({@code _: "inputPeerUser" | ...}).
 */
public final class TypesGenerator {
    private static final int MAX_UNION = 40;
    private static final Set<String> PY_KEYWORDS = Set.of(
            "False",
            "None",
            "True",
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "try",
            "while",
            "with",
            "yield");

    private final TlSchema schema;

    public TypesGenerator(TlSchema schema) {
        this.schema = schema;
    }

    /** Writes {@code scriptgram.d.ts} and {@code scriptgram.pyi} into {@code dir}; returns the two files. */
    public List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path ts = dir.resolve("scriptgram.d.ts"), py = dir.resolve("scriptgram.pyi");
        Files.writeString(ts, typeScript());
        Files.writeString(py, pythonStub());
        return List.of(ts, py);
    }

    private Map<String, List<TlConstructor>> byNamespace() {
        Map<String, List<TlConstructor>> m = new TreeMap<>();
        for (TlConstructor c : schema.functions()) {
            int dot = c.name().indexOf('.');
            m.computeIfAbsent(dot < 0 ? "" : c.name().substring(0, dot), k -> new ArrayList<>())
                    .add(c);
        }
        return m;
    }

    /** Optional in the schema, or filled in when left out (random_id by the client, neutral ones: NeutralParams). */
    private static boolean leftOutOk(TlParam p) {
        return p.optional() || ("random_id".equals(p.name) && p.type.kind == TlType.LONG) || NeutralParams.isNeutral(p);
    }

    private static String shortName(TlConstructor c) {
        int dot = c.name().indexOf('.');
        return dot < 0 ? c.name() : c.name().substring(dot + 1);
    }

    // ---- TypeScript ----

    public String typeScript() {
        StringBuilder sb = new StringBuilder();
        sb.append("// scriptgram.d.ts: generated from TL layer ")
                .append(schema.layer())
                .append(" by `scriptgram types`. Do not edit.\n\n");
        sb.append("""
                /** A TL object: `_` names its constructor, the other keys are its fields. */
                interface TlObject { _: string; [field: string]: any }
                /** TL long: a number up to 2^53, a BigInt or a decimal string; results above 2^53 are BigInts. */
                type long = number | bigint | string;
                declare class RpcError extends Error {
                  code: number; type: string; method: string;
                  /** FLOOD_WAIT and friends: seconds to wait. */
                  seconds?: number;
                }
                interface UpdateInfo { event: string | null; name: string; users: Record<string, TlObject>; \
                chats: Record<string, TlObject> }
                declare function invoke(method: string, params?: Record<string, any>): Promise<any>;
                /** Options of m.reply/respond/edit: parse_mode, or any parameter of the raw method. */
                type SendOptions = { parse_mode?: "markdown" | "html"; [param: string]: any };
                /** A message (`message` or `messageService`) as scripts receive it: every TL field, plus the \
                members below (not enumerable: JSON, spread and Object.keys see the TL fields only). */
                interface Message extends TlObject {
                  id: number; out: boolean; peer_id: TlObject; message?: string;
                  /** The text ("" for a service message). */
                  readonly text: string;
                  /** The user, chat or channel of the conversation (null when the update did not carry it). */
                  readonly chat: TlObject | null;
                  readonly sender: TlObject | null;
                  /** Marked id: users positive, basic groups negative, channels -100…. */
                  readonly chat_id: number;
                  /** Rows of the reply markup's buttons. */
                  readonly buttons: TlObject[][];
                  readonly markdown: string;
                  readonly html: string;
                  reply(text: string, opts?: SendOptions): Promise<Message>;
                  respond(text: string, opts?: SendOptions): Promise<Message>;
                  edit(text: string, opts?: SendOptions): Promise<Message>;
                  /** revoke (default true): for everyone. */
                  delete(opts?: { revoke?: boolean }): Promise<TlObject>;
                  forward(to: any, opts?: Record<string, any>): Promise<Message>;
                  /** "" removes the reaction. */
                  react(emoji?: string): Promise<TlObject>;
                  pin(opts?: { silent?: boolean; unpin?: boolean; pm_oneside?: boolean }): Promise<TlObject>;
                  read(): Promise<TlObject | boolean>;
                  getReply(): Promise<Message | null>;
                  /** A callback button → the bot's answer (messages.BotCallbackAnswer); a URL button → its URL. */
                  click(textOrIndex: string | number): Promise<TlObject | string>;
                }
                declare function on(event: "message" | "edit", handler: (message: Message, info: UpdateInfo) => any): \
                number;
                declare function on(event: string, handler: (update: TlObject, info: UpdateInfo) => any): number;
                declare function off(idOrHandler: number | Function): boolean;
                /** A duration: a number of seconds (0.5), or a string such as "250ms", "30s", "1h30m". */
                type Duration = number | string;
                declare function every(duration: Duration, fn: () => any): number;
                declare function cron(expression: string, fn: () => any): number;
                declare function sleep(duration: Duration): Promise<void>;
                /** As in every JS runtime, the delay is in milliseconds (unlike sleep and every). */
                declare function setTimeout(fn: (...args: any[]) => any, ms?: number, ...args: any[]): number;
                /** As in every JS runtime, the interval is in milliseconds (unlike sleep and every). */
                declare function setInterval(fn: (...args: any[]) => any, ms?: number, ...args: any[]): number;
                declare function clearTimeout(id: number): void;
                declare function clearInterval(id: number): void;
                declare function onUnload(fn: () => any): void;
                /** fetch's headers: names are case-insensitive. */
                interface FetchHeaders { get(name: string): string | null; has(name: string): boolean; \
                forEach(fn: (value: string, name: string) => void): void }
                /** For plugins whose plugin.yml lists hosts under network:; others are refused. */
                declare function fetch(url: string, opts?: { method?: string; headers?: Record<string, string>; \
                body?: string | Uint8Array }): Promise<{ status: number; ok: boolean; url: string; \
                headers: FetchHeaders; text(): Promise<string>; json(): Promise<any>; \
                arrayBuffer(): Promise<ArrayBuffer> }>;
                declare const log: { info(...args: any[]): void; warn(...args: any[]): void; \
                error(...args: any[]): void; debug(...args: any[]): void };
                declare const storage: { get<T = any>(key: string, fallback?: T): T; set(key: string, \
                value: any): void; delete(key: string): boolean; keys(): string[] };
                /** Paths are relative to this \
                script's files folder (scripts.files/NAME). upload → an InputFile; download → the path written. */
                declare const files: { upload(path: string): Promise<TlObject>; download(media: TlObject, \
                path: string, opts?: { size?: string; progress?: (done: number, total: number) => void }): \
                Promise<string>; iterDownload(media: TlObject, opts?: { size?: string; chunk_size?: number; \
                offset?: number; limit?: number }): AsyncIterable<Uint8Array> };
                /** Sends a file (a path in the files folder, or bytes); a list sends an album. */
                declare function sendFile(peer: any, file: string | Uint8Array | (string | Uint8Array)[], opts?: { \
                as?: "photo" | "document" | "video" | "voice" | "audio"; caption?: string; parse_mode?: string; \
                reply_to?: number; thumb?: string; file_name?: string; mime_type?: string; title?: string; \
                performer?: string; progress?: (done: number, total: number) => void }): Promise<any>;
                /** The logged-in user. */
                declare const self: TlObject | null;
                /** This script's settings. */
                declare const config: Record<string, any>;
                /** A chat's messages, newest first (oldest first with reverse), fetched a page at a time. */
                declare function history(peer: any, opts?: { limit?: number; offset_id?: number; \
                offset_date?: number; min_id?: number; max_id?: number; reverse?: boolean; search?: string; \
                from?: any; filter?: string | TlObject }): AsyncIterable<TlObject>;
                /** The account's chats: {name, entity, message, dialog}. */
                declare function dialogs(opts?: { limit?: number; archived?: boolean; exclude_pinned?: boolean }): \
                AsyncIterable<{ name: string; entity: TlObject; message: TlObject | null; dialog: TlObject }>;
                /** A group's or channel's members: {user, participant}. */
                declare function participants(chat: any, opts?: { limit?: number; filter?: "recent" | "admins" | \
                "bots"; search?: string }): AsyncIterable<{ user: TlObject; participant: TlObject }>;
                /** Messages matching query in all chats, newest first. */
                declare function search(query: string, opts?: { limit?: number; filter?: string | TlObject }): \
                AsyncIterable<TlObject>;

                """);
        sb.append(WAITS_TS);
        sb.append(FilterTypings.TYPESCRIPT);
        for (Map.Entry<String, List<TlConstructor>> e : byNamespace().entrySet()) {
            boolean top = e.getKey().isEmpty();
            if (!top) sb.append("declare const ").append(e.getKey()).append(": {\n");
            for (TlConstructor m : e.getValue()) {
                String indent = top ? "" : "  ";
                sb.append(indent)
                        .append("/** ")
                        .append(m.name())
                        .append("#")
                        .append(m.idHex())
                        .append(" → ")
                        .append(m.resultType().text)
                        .append(" */\n");
                sb.append(indent)
                        .append(top ? "declare function " : "")
                        .append(shortName(m))
                        .append("(")
                        .append(tsParams(m))
                        .append("): Promise<")
                        .append(tsType(m.resultType(), true))
                        .append(">;\n");
            }
            if (!top) sb.append("};\n");
        }
        return sb.toString();
    }

    private String tsParams(TlConstructor m) {
        StringBuilder fields = new StringBuilder();
        boolean anyRequired = false;
        for (TlParam p : m.params()) {
            if (p.type.kind == TlType.FLAGS) continue;
            boolean optional = leftOutOk(p);
            anyRequired |= !optional;
            if (!fields.isEmpty()) fields.append("; ");
            fields.append(p.name).append(optional ? "?: " : ": ").append(tsType(p.type, false));
        }
        if (fields.isEmpty()) return "params?: {}";
        return "params" + (anyRequired ? "" : "?") + ": { " + fields + " }";
    }

    private String tsType(TlType t, boolean result) {
        return switch (t.kind) {
            case TlType.INT, TlType.DOUBLE -> "number";
            case TlType.LONG -> result ? "number | bigint" : "long";
            case TlType.STRING -> "string";
            case TlType.BYTES, TlType.INT128, TlType.INT256 -> "Uint8Array";
            case TlType.BOOL, TlType.TRUE -> "boolean";
            case TlType.VECTOR -> "Array<" + tsType(t.element, result) + ">";
            case TlType.BOXED -> union(t.boxed.constructors());
            case TlType.BARE -> "TlObject & { _: \"" + t.bare.name() + "\" }";
            default -> "TlObject";
        };
    }

    private static String union(List<TlConstructor> cs) {
        if (cs.isEmpty() || cs.size() > MAX_UNION) return "TlObject";
        StringBuilder sb = new StringBuilder("TlObject & { _: ");
        for (int i = 0; i < cs.size(); i++)
            sb.append(i > 0 ? " | " : "").append('"').append(cs.get(i).name()).append('"');
        return sb.append(" }").toString();
    }

    // ---- Python ----

    public String pythonStub() {
        StringBuilder sb = new StringBuilder();
        sb.append("# scriptgram.pyi: generated from TL layer ")
                .append(schema.layer())
                .append(" by `scriptgram types`. Do not edit.\n");
        sb.append("""
                from typing import Any, Callable, Dict, Iterator, List, Optional, Union, overload


                class TlObject(dict):
                    \"""A TL object: a dict whose "_" key names its constructor; keys also read as attributes.\"""
                    def __getattr__(self, name: str) -> Any: ...


                class Message(TlObject):
                    \"""A message (message or messageService): the TL fields are its keys; the rest are attributes.
                    Handlers of "message" and "edit" get one first: fn(message, info).\"""
                    text: str
                    chat: Optional[TlObject]
                    sender: Optional[TlObject]
                    chat_id: int
                    buttons: list[list[TlObject]]
                    markdown: str
                    html: str
                    def reply(self, text: str, **opts: Any) -> "Message": ...
                    def respond(self, text: str, **opts: Any) -> "Message": ...
                    def edit(self, text: str, **opts: Any) -> "Message": ...
                    def delete(self, *, revoke: bool = True) -> TlObject: ...
                    def forward(self, to: Any, **opts: Any) -> "Message": ...
                    def react(self, emoji: str = "") -> TlObject: ...
                    def pin(self, **opts: Any) -> TlObject: ...
                    def read(self) -> Any: ...
                    def getReply(self) -> Optional["Message"]: ...
                    def click(self, text_or_index: Union[str, int]) -> Union[TlObject, str]: ...


                class RpcError(Exception):
                    code: int
                    type: str
                    message: str
                    method: str
                    seconds: Optional[int]


                class _Log:
                    def info(self, *args: Any) -> None: ...
                    def warn(self, *args: Any) -> None: ...
                    def error(self, *args: Any) -> None: ...
                    def debug(self, *args: Any) -> None: ...


                class _Storage:
                    def get(self, key: str, default: Any = None) -> Any: ...
                    def set(self, key: str, value: Any) -> None: ...
                    def delete(self, key: str) -> bool: ...
                    def keys(self) -> list[str]: ...


                class _Files:
                    def upload(self, path: str) -> TlObject: ...
                    def download(self, media: TlObject, path: str, opts: Optional[dict] = None, *, \
                size: str = "largest", progress: Optional[Callable[[int, int], Any]] = None) -> str: ...
                    def iterDownload(self, media: TlObject, opts: Optional[dict] = None, *, size: str = "largest", \
                chunk_size: int = 131072, offset: int = 0, limit: int = 0) -> Iterator[bytes]: ...


                log: _Log
                storage: _Storage
                files: _Files
                self: Optional[TlObject]
                config: TlObject
                def invoke(method: str, params: Optional[dict] = None, /, **kwargs: Any) -> Any: ...
                # as_ is "as" ("photo", "document", "video", "voice", "audio"); a list of files sends an album.
                def sendFile(peer: Any, file: Union[str, bytes, List[Union[str, bytes]]], opts: Optional[dict] = None, \
                **kwargs: Any) -> Any: ...
                def off(id_or_handler: Union[int, Callable[..., Any]]) -> bool: ...
                # A duration: a number of seconds (0.5), or a string such as "250ms", "30s", "1h30m".
                Duration = Union[int, float, str]
                def every(duration: Duration, fn: Optional[Callable[[], Any]] = None) -> Any: ...
                def cron(expression: str, fn: Optional[Callable[[], Any]] = None) -> Any: ...
                def sleep(duration: Duration) -> None: ...
                def onUnload(fn: Callable[[], Any]) -> Callable[[], Any]: ...
                class FetchResponse:
                    status: int
                    ok: bool
                    url: str
                    headers: Dict[str, str]  # lower-case names
                    text: str
                    content: bytes
                    def json(self) -> Any: ...
                # For plugins whose plugin.yml lists hosts under network:; others are refused.
                def fetch(url: str, method: str = "GET", headers: Optional[Dict[str, str]] = None, \
                body: Union[str, bytes, None] = None) -> FetchResponse: ...
                # Iteration: generators fetching a page at a time (`from` is spelled from_ as a keyword).
                def history(peer: Any, opts: Optional[dict] = None, /, *, limit: Optional[int] = None, \
                offset_id: int = 0, offset_date: int = 0, min_id: int = 0, max_id: int = 0, reverse: bool = False, \
                search: Optional[str] = None, from_: Any = None, filter: Any = None) -> Iterator[TlObject]: ...
                def dialogs(opts: Optional[dict] = None, /, *, limit: Optional[int] = None, archived: bool = False, \
                exclude_pinned: bool = False) -> Iterator[TlObject]: ...
                def participants(chat: Any, opts: Optional[dict] = None, /, *, limit: Optional[int] = None, \
                filter: str = "recent", search: Optional[str] = None) -> Iterator[TlObject]: ...
                def search(query: str, opts: Optional[dict] = None, /, *, limit: Optional[int] = None, \
                filter: Any = None) -> Iterator[TlObject]: ...

                """);
        sb.append(WAITS_PY);
        sb.append(FilterTypings.PYTHON);
        for (Map.Entry<String, List<TlConstructor>> e : byNamespace().entrySet()) {
            boolean top = e.getKey().isEmpty();
            String indent = top ? "" : "    ";
            if (!top) sb.append("\nclass _").append(e.getKey()).append(":\n");
            for (TlConstructor m : e.getValue()) {
                String selfArg = top ? "" : "self, ";
                String result = pyType(m.resultType());
                String doc =
                        indent + "    \"\"\"" + m.name() + "#" + m.idHex() + " → " + m.resultType().text + "\"\"\"\n";
                sb.append(indent).append("@overload\n");
                sb.append(indent)
                        .append("def ")
                        .append(shortName(m))
                        .append("(")
                        .append(selfArg)
                        .append("params: dict, /) -> ")
                        .append(result)
                        .append(": ...\n");
                sb.append(indent).append("@overload\n");
                sb.append(indent)
                        .append("def ")
                        .append(shortName(m))
                        .append("(")
                        .append(selfArg)
                        .append(pyParams(m))
                        .append(") -> ")
                        .append(result)
                        .append(":\n");
                sb.append(doc).append(indent).append("    ...\n");
            }
            if (!top)
                sb.append("\n")
                        .append(e.getKey())
                        .append(": _")
                        .append(e.getKey())
                        .append("\n");
        }
        return sb.toString();
    }

    private String pyParams(TlConstructor m) {
        Map<String, String> params = new LinkedHashMap<>();
        boolean extra = false;
        for (TlParam p : m.params()) {
            if (p.type.kind == TlType.FLAGS) continue;
            if (PY_KEYWORDS.contains(p.name)) {
                extra = true; // only reachable through the dict form or **kwargs
                continue;
            }
            boolean optional = leftOutOk(p);
            params.put(p.name, pyType(p.type) + (optional ? " = ..." : ""));
        }
        StringBuilder sb = new StringBuilder();
        if (!params.isEmpty()) sb.append("*");
        for (Map.Entry<String, String> e : params.entrySet())
            sb.append(", ").append(e.getKey()).append(": ").append(e.getValue());
        if (extra) sb.append(sb.isEmpty() ? "" : ", ").append("**kwargs: Any");
        String s = sb.toString();
        return s.endsWith(", ") ? s.substring(0, s.length() - 2) : s;
    }

    private String pyType(TlType t) {
        return switch (t.kind) {
            case TlType.INT, TlType.LONG -> "int";
            case TlType.DOUBLE -> "float";
            case TlType.STRING -> "str";
            case TlType.BYTES, TlType.INT128, TlType.INT256 -> "bytes";
            case TlType.BOOL, TlType.TRUE -> "bool";
            case TlType.VECTOR -> "list[" + pyType(t.element) + "]";
            default -> "TlObject";
        };
    }

    // ---- waitFor and conversations (ScriptWaits, ScriptConversations) ----

    private static final String WAITS_TS = """
            /** A wait that ran out of time (waitFor, a conversation's calls). */
            declare class TimeoutError extends Error {}
            /** What waitFor and on() filters know: chats/from (ids), incoming/outgoing, pattern (text search). */
            interface UpdateFilterSpec { chats?: number | number[]; from?: number | number[]; incoming?: boolean; \
            outgoing?: boolean; pattern?: string | RegExp }
            interface WaitOptions { /** Default 60 s. */ timeout?: Duration }
            /** The next update of `event` that passes `filter` (for message/edit: the message); rejects with a \
            TimeoutError after opts.timeout (60 s). */
            declare function waitFor(event: string, filter?: UpdateFilterSpec | string | RegExp | null, \
            opts?: WaitOptions): Promise<TlObject>;
            interface Conversation {
              /** Sends a message (opts: further messages.sendMessage parameters); resolves with the sent message. */
              send(text: string, opts?: Record<string, any>): Promise<TlObject>;
              /** The next incoming message after the last one sent (each once, none lost). */
              getResponse(opts?: WaitOptions): Promise<TlObject>;
              /** The next incoming message that replies to the last one sent. */
              getReply(opts?: WaitOptions): Promise<TlObject>;
              /** The next edit of an incoming message made after the last send. */
              getEdit(opts?: WaitOptions): Promise<TlObject>;
              markRead(): Promise<any>;
              /** Ends it: waits in progress and later calls reject; the chat is free for the next conversation. */
              cancel(): boolean;
            }
            interface ConversationOptions { /** Each call's default, 60 s. */ timeout?: Duration; \
            /** The whole conversation's limit. */ total_timeout?: Duration }
            /** Runs fn with the chat to itself (a second conversation with it waits until this one ends). */
            declare function conversation<T>(peer: any, fn: (conv: Conversation) => Promise<T> | T, \
            opts?: ConversationOptions): Promise<T>;

            """;

    private static final String WAITS_PY = """
            def waitFor(event: str, filter: Any = None, opts: Optional[dict] = None, *, \
            timeout: Optional[Duration] = None) -> TlObject:
                \"\"\"The next update of event that passes filter (for message/edit: the message); raises \
            TimeoutError after timeout (60 s). Other handlers keep running while it waits.\"\"\"
                ...
            wait_for = waitFor


            class Conversation:
                def __enter__(self) -> "Conversation": ...
                def __exit__(self, *exc: Any) -> bool: ...
                def send(self, text: str, opts: Optional[dict] = None, **kwargs: Any) -> TlObject: ...
                def getResponse(self, opts: Optional[dict] = None, *, timeout: Optional[Duration] = None) \
            -> TlObject: ...
                def getReply(self, opts: Optional[dict] = None, *, timeout: Optional[Duration] = None) -> TlObject: ...
                def getEdit(self, opts: Optional[dict] = None, *, timeout: Optional[Duration] = None) -> TlObject: ...
                def markRead(self) -> Any: ...
                def cancel(self) -> bool: ...
                get_response = getResponse
                get_reply = getReply
                get_edit = getEdit
                mark_read = markRead


            def conversation(peer: Any, fn: Optional[Callable[[Conversation], Any]] = None, \
            opts: Optional[dict] = None, *, timeout: Optional[Duration] = None, \
            total_timeout: Optional[Duration] = None) -> Any: ...

            """;
}
