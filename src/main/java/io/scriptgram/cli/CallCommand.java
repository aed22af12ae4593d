package io.scriptgram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scriptgram.client.Account;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.ParamResolver;
import io.scriptgram.client.RpcClient;
import io.scriptgram.config.Config;
import io.scriptgram.host.Connection;
import io.scriptgram.host.UserError;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlJson;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code call METHOD JSON}: one API call on the configured account (config.yml), the result printed as JSON; peers may
 * be named as users write them ("@alice", "me", an id). With {@code --sandbox HOST:PORT --public-key FILE}: an account
 * on a running sandbox, logging in with its code first, no session kept.
 */
@Command(name = "call", description = "Invokes one API method and prints the result as JSON.")
public final class CallCommand implements Runnable {
    @Mixin
    SchemaOption schema;

    @Mixin
    ConfigOption config;

    @Mixin
    AccountOption account;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "METHOD", description = "e.g. contacts.getTopPeers")
    String method;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "JSON",
            description = "The parameters as a JSON object (default {}).")
    String json = "{}";

    @Option(
            names = "--sandbox",
            paramLabel = "HOST:PORT",
            description = "A running sandbox instead of the configured account.")
    String sandbox;

    @Option(
            names = "--public-key",
            paramLabel = "FILE",
            description = "With --sandbox: its PKCS#1 public key (it prints the path).")
    Path publicKey;

    @Option(
            names = "--phone",
            paramLabel = "PHONE",
            description = "With --sandbox: log in as this phone. Default: ${DEFAULT-VALUE}")
    String phone = "+999 66 1 1234";

    @Option(
            names = "--code",
            paramLabel = "CODE",
            description = "With --sandbox: its login code. Default: ${DEFAULT-VALUE}")
    String code = "12345";

    @Option(
            names = "--transport",
            paramLabel = "NAME",
            description =
                    "With --sandbox: abridged, intermediate, padded, full, obfuscated-... Default: ${DEFAULT-VALUE}")
    String transport = "intermediate";

    @Override
    public void run() {
        Config cfg = account.pick(sandbox == null ? config.load() : config.loadIfPresent());
        TlSchema s = schema.load(cfg);
        TlConstructor m = s.byName(method);
        if (m == null || !m.isFunction())
            throw new UserError(
                    "'" + method + "' is not a method of layer " + s.layer() + " (see: scriptgram methods)");
        ObjectNode params = parseJson();
        if (RpcClient.takesRandomId(m) && !params.has("random_id"))
            params.put("random_id", new SecureRandom().nextLong());
        if (sandbox != null) {
            callRunningSandbox(s, m, params);
            return;
        }
        try (Connection c = Connection.open(cfg, s, false)) {
            Account a = method.startsWith("auth.") || method.startsWith("help.") ? c.account() : c.loggedIn();
            print(m, Connection.await(a.api().invoke(build(s, m, params, a.peers()))));
        }
    }

    /** Peers named as users write them ("@alice", "me", an id) are resolved first; the rest is schema-directed JSON. */
    private TlObject build(TlSchema s, TlConstructor m, ObjectNode params, ParamResolver peers) {
        Map<String, Object> raw = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isTextual()) raw.put(e.getKey(), v.asText());
            else if (v.isIntegralNumber()) raw.put(e.getKey(), v.asLong());
            else if (v.isArray()
                    && v.size() > 0
                    && (v.get(0).isTextual() || v.get(0).isIntegralNumber())) {
                List<Object> l = new ArrayList<>();
                v.forEach(x -> l.add(x.isTextual() ? x.asText() : x.asLong()));
                raw.put(e.getKey(), l);
            }
        });
        Map<String, ?> resolved = Connection.await(peers.resolve(m, raw));
        for (Map.Entry<String, ?> e : resolved.entrySet()) {
            Object v = e.getValue();
            if (v instanceof TlObject o) {
                params.set(e.getKey(), TlJson.toJson(o));
            } else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof TlObject) {
                ArrayNode arr = params.putArray(e.getKey());
                for (Object x : l) arr.add(TlJson.toJson((TlObject) x));
            }
        }
        try {
            return new TlJson(s).toObject(method, params, "");
        } catch (TlException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private void callRunningSandbox(TlSchema s, TlConstructor m, ObjectNode params) {
        TransportChoice t;
        try {
            t = TransportChoice.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new UserError("--transport: " + e.getMessage());
        }
        if (publicKey == null)
            throw new UserError("--sandbox needs --public-key FILE (the sandbox prints where it wrote its public key)");
        try (Connection c = Connection.runningSandbox(s, parseAddress(sandbox), Connection.readKey(publicKey), t)) {
            if (!method.startsWith("auth.") && !method.startsWith("help.")) c.signIn(phone, code);
            Account a = c.account();
            print(m, Connection.await(a.api().invoke(build(s, m, params, a.peers()))));
        }
    }

    private void print(TlConstructor m, Object result) {
        spec.commandLine().getOut().println(TlJson.toJsonString(TlJson.toJson(m.resultType(), result), true));
    }

    private ObjectNode parseJson() {
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            if (!(node instanceof ObjectNode obj))
                throw new UserError("JSON parameters must be an object like {\"limit\": 10}, got: " + json);
            return obj;
        } catch (IOException e) {
            throw new UserError("JSON parameters are not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Endpoint parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        try {
            if (colon <= 0) throw new NumberFormatException();
            return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new UserError("--sandbox: expected HOST:PORT such as 127.0.0.1:4430, got '" + text + "'");
        }
    }
}
