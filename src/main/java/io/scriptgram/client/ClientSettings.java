package io.scriptgram.client;

import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.net.Proxy;
import io.scriptgram.net.TransportChoice;
import java.time.Duration;
import java.util.List;

/**
 * How the client talks to Telegram (or a sandbox): the app's identity for initConnection, the transport, the keys it
 * trusts, and its waiting policies.
 */
public record ClientSettings(
        int apiId,
        String apiHash,
        String deviceModel,
        String systemVersion,
        String appVersion,
        String langCode,
        String systemLangCode,
        String langPack,
        TransportChoice transport,
        Proxy proxy,
        List<RsaPublicKey> serverKeys,
        boolean testServers,
        Duration connectTimeout,
        int initialConnectAttempts,
        Duration requestTimeout,
        Duration pingInterval,
        Duration floodWaitThreshold,
        int maxRetries) {

    /** Sensible defaults for everything but identity, transport and keys. */
    public static ClientSettings of(
            int apiId, String apiHash, TransportChoice transport, List<RsaPublicKey> serverKeys) {
        return new ClientSettings(
                apiId,
                apiHash,
                "Scriptgram",
                System.getProperty("os.name", "unknown"),
                "0.1.0",
                "en",
                "en",
                "",
                transport,
                null,
                serverKeys,
                false,
                Duration.ofSeconds(10),
                3,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                5);
    }

    public ClientSettings withRequestTimeout(Duration d) {
        return new ClientSettings(
                apiId,
                apiHash,
                deviceModel,
                systemVersion,
                appVersion,
                langCode,
                systemLangCode,
                langPack,
                transport,
                proxy,
                serverKeys,
                testServers,
                connectTimeout,
                initialConnectAttempts,
                d,
                pingInterval,
                floodWaitThreshold,
                maxRetries);
    }

    public ClientSettings withFloodWaitThreshold(Duration d) {
        return new ClientSettings(
                apiId,
                apiHash,
                deviceModel,
                systemVersion,
                appVersion,
                langCode,
                systemLangCode,
                langPack,
                transport,
                proxy,
                serverKeys,
                testServers,
                connectTimeout,
                initialConnectAttempts,
                requestTimeout,
                pingInterval,
                d,
                maxRetries);
    }

    public ClientSettings withProxy(Proxy p) {
        return new ClientSettings(
                apiId,
                apiHash,
                deviceModel,
                systemVersion,
                appVersion,
                langCode,
                systemLangCode,
                langPack,
                transport,
                p,
                serverKeys,
                testServers,
                connectTimeout,
                initialConnectAttempts,
                requestTimeout,
                pingInterval,
                floodWaitThreshold,
                maxRetries);
    }

    /** The same settings trusting only {@code keys} (a CDN DC's own key from help.getCdnConfig). */
    public ClientSettings withServerKeys(List<RsaPublicKey> keys) {
        return new ClientSettings(
                apiId,
                apiHash,
                deviceModel,
                systemVersion,
                appVersion,
                langCode,
                systemLangCode,
                langPack,
                transport,
                proxy,
                List.copyOf(keys),
                testServers,
                connectTimeout,
                initialConnectAttempts,
                requestTimeout,
                pingInterval,
                floodWaitThreshold,
                maxRetries);
    }

    /** Never shows the api_hash. */
    @Override
    public String toString() {
        return "ClientSettings[api_id=" + apiId + ", transport=" + transport + ", proxy=" + proxy + "]";
    }
}
