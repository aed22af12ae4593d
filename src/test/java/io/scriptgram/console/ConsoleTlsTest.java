package io.scriptgram.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scriptgram.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files (console.tls_cert/tls_key), and a busy port replaced by a free one. */
class ConsoleTlsTest {
    @TempDir
    Path dir;

    @Test
    void servesHttpsFromPemFilesAndMovesOffABusyPort() throws Exception {
        Path cert = dir.resolve("c.pem"), key = dir.resolve("k.pem");
        Process p;
        try {
            p = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "rsa:2048",
                            "-nodes",
                            "-keyout",
                            key.toString(),
                            "-out",
                            cert.toString(),
                            "-subj",
                            "/CN=127.0.0.1",
                            "-addext",
                            "subjectAltName=IP:127.0.0.1",
                            "-days",
                            "1")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noOpenssl) {
            assumeTrue(false, "openssl is not installed: no certificate to test with");
            return;
        }
        try (InputStream out = p.getInputStream()) {
            out.readAllBytes();
        }
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl could not make a certificate");

        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ConsoleFixture f = new ConsoleFixture(dir)) {
            Config.Console tls = new Config.Console(
                    true,
                    "127.0.0.1",
                    busy.getLocalPort(),
                    cert,
                    key,
                    false,
                    f.config.console().tokenFile());
            try (Console console = Console.start(tls, f.view)) {
                ConsoleServer s = console.server();
                assertTrue(s.port() != busy.getLocalPort(), "moved off the busy port");
                assertTrue(s.banner().contains("is busy; using " + s.port()), s.banner());
                assertTrue(s.baseUrl().startsWith("https://127.0.0.1:"), s.baseUrl());

                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                try (InputStream in = Files.newInputStream(cert)) {
                    trust.setCertificateEntry(
                            "console", CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, tmf.getTrustManagers(), null);
                HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
                HttpResponse<String> r = https.send(
                        HttpRequest.newBuilder(URI.create(s.baseUrl() + "?token=" + f.token()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(303, r.statusCode());
                List<String> cookie = r.headers().allValues("set-cookie");
                assertTrue(cookie.get(0).contains("Secure"), "the session cookie is HTTPS only: " + cookie);
            }
        }
    }
}
