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
                declare const log: { info(...args: any[]): void; warn(...args: any[]): void; \
                error(...args: any[]): void; debug(...args: any[]): void };
                declare const storage: { get<T = any>(key: string, fallback?: T): T; set(key: string, \
                value: any): void; delete(key: string): boolean; keys(): string[] };
                /** Paths are relative to this \
                script's files folder (scripts.files/NAME). upload → an InputFile; download → the path written. */
                declare const files: { upload(path: string): Promise<TlObject>; download(media: TlObject, \
                path: string): Promise<string> };
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
                from typing import Any, Callable, Iterator, Optional, Union, overload


                class TlObject(dict):
                    \"""A TL object: a dict whose "_" key names its constructor; keys also read as attributes.\"""
                    def __getattr__(self, name: str) -> Any: ...


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
                    def download(self, media: TlObject, path: str) -> str: ...


                log: _Log
                storage: _Storage
                files: _Files
                self: Optional[TlObject]
                config: TlObject
                def invoke(method: str, params: Optional[dict] = None, /, **kwargs: Any) -> Any: ...
                def on(event: str, handler: Optional[Callable[..., Any]] = None) -> Any: ...
                def off(id_or_handler: Union[int, Callable[..., Any]]) -> bool: ...
                # A duration: a number of seconds (0.5), or a string such as "250ms", "30s", "1h30m".
                Duration = Union[int, float, str]
                def every(duration: Duration, fn: Optional[Callable[[], Any]] = None) -> Any: ...
                def cron(expression: str, fn: Optional[Callable[[], Any]] = None) -> Any: ...
                def sleep(duration: Duration) -> None: ...
                def onUnload(fn: Callable[[], Any]) -> Callable[[], Any]: ...
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
}
