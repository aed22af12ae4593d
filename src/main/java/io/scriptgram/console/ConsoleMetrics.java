package io.scriptgram.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scriptgram.client.Account;
import io.scriptgram.client.CallListener;
import io.scriptgram.client.RpcException;
import io.scriptgram.script.ScriptActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's figures in Micrometer, scraped as Prometheus text at {@code /metrics} and read by the console's pages: API
 * calls, errors and latency per method; calls per script; updates received and handled; handler latency and errors per
 * script; reloads; flood waits; connection state per DC; the JVM's own figures.
 */
public final class ConsoleMetrics implements CallListener, ScriptActivity, AutoCloseable {
    static final String RPC_CALLS = "scriptgram.rpc.calls";
    static final String RPC_ERRORS = "scriptgram.rpc.errors";
    static final String RPC_LATENCY = "scriptgram.rpc.latency";
    static final String SCRIPT_CALLS = "scriptgram.script.api.calls";
    static final String FLOOD_WAITS = "scriptgram.flood.waits";
    static final String UPDATES_RECEIVED = "scriptgram.updates.received";
    static final String UPDATES_HANDLED = "scriptgram.updates.handled";
    static final String HANDLER_LATENCY = "scriptgram.handler.latency";
    static final String SCRIPT_ERRORS = "scriptgram.script.errors";
    static final String RELOADS = "scriptgram.reloads";
    static final String DC_CONNECTED = "scriptgram.dc.connected";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final AtomicLong lastUpdateMillis = new AtomicLong();

    public ConsoleMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Watches {@code host}: its accounts' calls and updates, its scripts, its reloads. */
    public void watch(ConsoleHost host) {
        this.watched = host;
        for (Account a : host.accounts()) {
            a.api().addCallListener(this);
            String label = String.valueOf(host.accounts().indexOf(a) + 1);
            FunctionCounter.builder(
                            UPDATES_RECEIVED, a, x -> x.updates().stats().delivered())
                    .description("Updates the account's updates engine delivered (in order, without duplicates)")
                    .tag("account", label)
                    .register(registry);
            MultiGauge dcs = MultiGauge.builder(DC_CONNECTED)
                    .description("1 for each DC connection that is up, 0 while it is being made or has failed")
                    .register(registry);
            Gauge.builder("scriptgram.account.logged_in", a, x -> x.loggedIn() ? 1 : 0)
                    .description("1 when the account is logged in")
                    .tag("account", label)
                    .register(registry);
            dcGauges.add(() -> dcs.register(
                    a.api().connectionStates().entrySet().stream()
                            .map(e -> MultiGauge.Row.of(
                                    Tags.of("account", label, "dc", String.valueOf(e.getKey()), "state", e.getValue()),
                                    e.getValue().equals("connected") ? 1 : 0))
                            .map(r -> (MultiGauge.Row<?>) r)
                            .toList(),
                    true));
        }
        host.scripts().setActivity(this);
        FunctionCounter.builder(RELOADS, host.plugins(), p -> p.reloads())
                .description("Scripts and plugins replaced by a new version")
                .register(registry);
    }

    private final List<Runnable> dcGauges = new ArrayList<>();
    private volatile ConsoleHost watched;

    /**
     * Prometheus text exposition of everything. One scrape at a time: the DC gauges are re-registered first, and two
     * scrapes doing that at once would each see the other's rows.
     */
    public synchronized String scrape() {
        for (Runnable r : dcGauges) r.run();
        return registry.scrape();
    }

    // ---- CallListener ----

    /**
     * One method's meters, made at its first call and kept: a call then costs a map lookup and two updates instead of
     * building a meter id and finding it in the registry each time (calls are the host's hot path).
     */
    private final class MethodMeters {
        final Counter ok;
        final Timer latency;

        MethodMeters(String method) {
            ok = calls(method, "ok");
            latency = Timer.builder(RPC_LATENCY)
                    .description("Time from sending an API call to its answer")
                    .tag("method", method)
                    .register(registry);
        }
    }

    private final ConcurrentHashMap<String, MethodMeters> methods = new ConcurrentHashMap<>();

    private Counter calls(String method, String result) {
        return Counter.builder(RPC_CALLS)
                .description("API calls made, by method and result")
                .tags("method", method, "result", result)
                .register(registry);
    }

    @Override
    public void finished(String method, long nanos, Throwable error) {
        MethodMeters m = methods.get(method);
        if (m == null) m = methods.computeIfAbsent(method, MethodMeters::new);
        m.latency.record(nanos, TimeUnit.NANOSECONDS);
        if (error == null) {
            m.ok.increment();
            return;
        }
        calls(method, "error").increment(); // errors are rare: the registry's own lookup is quick enough
        String type =
                error instanceof RpcException e ? e.type() : error.getClass().getSimpleName();
        Counter.builder(RPC_ERRORS)
                .description("API calls that failed, by method and error type")
                .tags("method", method, "type", type)
                .register(registry)
                .increment();
        if (type.startsWith("FLOOD")) flood(method);
    }

    @Override
    public void floodWait(String method, long seconds) {
        flood(method);
    }

    private void flood(String method) {
        Counter.builder(FLOOD_WAITS)
                .description("FLOOD_WAIT answers, waited out or passed on to the caller")
                .tag("method", method)
                .register(registry)
                .increment();
    }

    // ---- ScriptActivity ----

    private final ConcurrentHashMap<String, Counter> scriptCalls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> handled = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> handlerLatency = new ConcurrentHashMap<>();

    @Override
    public void apiCall(String script, String method) {
        scriptCalls
                .computeIfAbsent(
                        script + '\u0000' + method,
                        k -> Counter.builder(SCRIPT_CALLS)
                                .description("API calls each script made")
                                .tags("script", script, "method", method)
                                .register(registry))
                .increment();
    }

    @Override
    public void handlerRan(String script, long nanos) {
        lastUpdateMillis.set(System.currentTimeMillis());
        handled.computeIfAbsent(
                        script,
                        k -> Counter.builder(UPDATES_HANDLED)
                                .description("Updates a script's handlers finished")
                                .tag("script", script)
                                .register(registry))
                .increment();
        handlerLatency
                .computeIfAbsent(
                        script,
                        k -> Timer.builder(HANDLER_LATENCY)
                                .description("How long a script's update handler ran (until its promise settled)")
                                .tag("script", script)
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void error(String script, String message) {
        Counter.builder(SCRIPT_ERRORS)
                .description("Errors scripts reported (load, handlers, timers, interrupts)")
                .tag("script", script)
                .register(registry)
                .increment();
    }

    // ---- reading, for the pages ----

    /** When a handler last finished, or 0. */
    long lastHandledMillis() {
        return lastUpdateMillis.get();
    }

    /** {@code name}'s counters summed by the value of tag {@code by} (TreeMap: sorted by that value). */
    Map<String, Double> sumBy(String name, String by) {
        Map<String, Double> out = new TreeMap<>();
        for (Meter m : registry.find(name).meters()) {
            String k = m.getId().getTag(by);
            if (k == null) continue;
            double v = m instanceof Counter c ? c.count() : m instanceof Timer t ? t.count() : 0;
            out.merge(k, v, Double::sum);
        }
        return out;
    }

    /** Mean latency of {@code method}'s calls, or null when none. */
    Duration meanLatency(String method) {
        Timer t = registry.find(RPC_LATENCY).tag("method", method).timer();
        if (t == null || t.count() == 0) return null;
        return Duration.ofNanos((long) t.mean(TimeUnit.NANOSECONDS));
    }

    double total(String name) {
        double sum = 0;
        for (Meter m : registry.find(name).meters()) {
            if (m instanceof Counter c) sum += c.count();
            else if (m instanceof FunctionCounter f) sum += f.count();
        }
        return sum;
    }

    @Override
    public void close() {
        ConsoleHost h = watched;
        if (h != null) {
            for (Account a : h.accounts()) a.api().removeCallListener(this);
            h.scripts().setActivity(null);
        }
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception ignored) {
                // closing a JVM metrics binder cannot fail in a way that matters at shutdown
            }
        }
        registry.close();
    }
}
