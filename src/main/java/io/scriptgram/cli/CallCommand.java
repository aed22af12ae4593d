package io.scriptgram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scriptgram.client.AuthKeyStorage;
import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.DcDirectory;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlJson;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code call METHOD JSON}: one API call, the result printed as JSON. Against a sandbox: an
 * in-process one by default, or a running one ({@code --sandbox HOST:PORT --public-key FILE}); it
 * logs in with the sandbox's code first. (Calls on the configured account come with the session store.)
 */
@Command(name = "call", description = "Invokes one API method and prints the result as JSON.")
public final class CallCommand implements Runnable {
    @Mixin SchemaOption schema;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "METHOD", description = "e.g. contacts.getTopPeers") String method;
    @Parameters(index = "1", arity = "0..1", paramLabel = "JSON", description = "The parameters as a JSON object (default {}).") String json = "{}";
    @Option(names = "--sandbox", paramLabel = "HOST:PORT", description = "A running sandbox (scriptgram sandbox prints its address).") String sandbox;
    @Option(names = "--public-key", paramLabel = "FILE", description = "The sandbox's PKCS#1 public key (it prints the path).") Path publicKey;
    @Option(names = "--phone", paramLabel = "PHONE", description = "Log in as this phone first. Default: ${DEFAULT-VALUE}") String phone = "+999 66 1 1234";
    @Option(names = "--code", paramLabel = "CODE", description = "The sandbox's login code. Default: ${DEFAULT-VALUE}") String code = "12345";
    @Option(names = "--transport", paramLabel = "NAME", description = "abridged, intermediate, padded, full, obfuscated-... Default: ${DEFAULT-VALUE}")
    String transport = "intermediate";
    @Option(names = "--timeout", paramLabel = "DURATION", description = "Default: ${DEFAULT-VALUE}") String timeout = "30s";

    @Override
    public void run() {
        TlSchema s = schema.load();
        TlConstructor m = s.byName(method);
        if (m == null || !m.isFunction()) throw new UserError("'" + method + "' is not a method of layer " + s.layer() + " (see: scriptgram methods)");
        TlObject query = parseParams(s, m);
        Duration wait = CliDurations.parse("--timeout", timeout);
        TransportChoice t;
        try {
            t = TransportChoice.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new UserError("--transport: " + e.getMessage());
        }
        SandboxServer local = null;
        Endpoint endpoint;
        RsaPublicKey key;
        if (sandbox == null) {
            local = Sandbox.start(Sandbox.Options.inMemory(), s);
            endpoint = new Endpoint("127.0.0.1", local.port(1));
            key = local.publicKey();
        } else {
            endpoint = parseAddress(sandbox);
            if (publicKey == null) throw new UserError("--sandbox needs --public-key FILE (the sandbox prints where it wrote its public key)");
            key = readKey(publicKey);
        }
        ClientSettings settings = ClientSettings.of(4, "sandbox", t, List.of(key)).withRequestTimeout(wait);
        try (RpcClient client = new RpcClient(settings, s, new DcDirectory(1, endpoint), AuthKeyStorage.inMemory(), InstantSource.system(),
                new SecureRandom(), u -> { }, () -> { })) {
            if (!method.startsWith("auth.") && !method.startsWith("help.")) login(client, s, wait);
            Object result = await(client.invoke(query), wait);
            spec.commandLine().getOut().println(TlJson.toJsonString(TlJson.toJson(m.resultType(), result), true));
        } finally {
            if (local != null) local.close();
        }
    }

    private TlObject parseParams(TlSchema s, TlConstructor m) {
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            if (!(node instanceof ObjectNode obj)) throw new UserError("JSON parameters must be an object like {\"limit\": 10}, got: " + json);
            if (RpcClient.takesRandomId(m) && !obj.has("random_id")) obj.put("random_id", new SecureRandom().nextLong());
            return new TlJson(s).toObject(method, obj, "");
        } catch (IOException e) {
            throw new UserError("JSON parameters are not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (TlException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private void login(RpcClient client, TlSchema s, Duration wait) {
        TlObject sent = (TlObject) await(client.invoke("auth.sendCode", Map.of("phone_number", phone, "api_id", 4, "api_hash", "sandbox",
                "settings", TlObject.of(s, "codeSettings", Map.of()))), wait);
        await(client.invoke("auth.signIn", Map.of("phone_number", phone, "phone_code_hash", sent.getString("phone_code_hash"), "phone_code", code)), wait);
    }

    private static Object await(java.util.concurrent.CompletableFuture<Object> f, Duration wait) {
        try {
            return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = RpcClient.cause(e);
            if (c instanceof RpcException r) throw new UserError(r.getMessage());
            throw new UserError(c.getMessage() == null ? c.toString() : c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new UserError("no answer within " + wait.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
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

    private static RsaPublicKey readKey(Path file) {
        try {
            return RsaPublicKey.fromPem(Files.readString(file));
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UserError(file + " is not a PKCS#1 PEM RSA public key: " + e.getMessage());
        }
    }
}
