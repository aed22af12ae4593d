package io.scriptgram.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.script.ScriptActivity;
import io.scriptgram.script.ScriptHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Our meters by name, kept as the registry adds and removes them: a page reads a few families, and the registry's
     * own search copies and filters all its meters (the JVM's included) for each one.
     */
    private final Map<String, Set<Meter>> byName = new ConcurrentHashMap<>();

    public ConsoleMetrics() {
        registry.config()
                .onMeterAdded(m -> {
                    if (m.getId().getName().startsWith("scriptgram."))
                        byName.computeIfAbsent(m.getId().getName(), k -> ConcurrentHashMap.newKeySet())
                                .add(m);
                })
                .onMeterRemoved(m -> {
                    Set<Meter> same = byName.get(m.getId().getName());
                    if (same != null) same.remove(m);
                });
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
        follow();
        FunctionCounter.builder(RELOADS, host, h -> {
                    PluginManager p = h.plugins();
                    return p == null ? 0 : p.reloads();
                })
                .description("Scripts and plugins replaced by a new version")
                .register(registry);
    }

    /**
     * Follows the accounts running on the host now: one that started here (its lease taken) gets its meters and is
     * listened to; one that left (its lease lost or handed over) has its meters removed. An account keeps its label
     * ("1", "2", …: the lowest free one when it came) while it runs here; labels never show names or phone numbers.
     * Called at each console request and scrape, so calls an account made before the console first saw it are not
     * counted.
     */
    synchronized void follow() {
        ConsoleHost host = watched;
        if (host == null) return;
        List<Account> now = host.accounts();
        for (Iterator<Map.Entry<Account, Watched>> it = following.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Account, Watched> e = it.next();
            if (now.stream().anyMatch(a -> a == e.getKey())) continue;
            e.getKey().api().removeCallListener(this);
            e.getValue().remove(registry);
            it.remove();
        }
        for (Account a : now) {
            if (following.containsKey(a)) continue;
            String label = freeLabel();
            a.api().addCallListener(this);
            Watched w = new Watched(
                    label,
                    MultiGauge.builder(DC_CONNECTED)
                            .description("1 for each DC connection that is up, 0 while it is being made or has failed")
                            .register(registry));
            w.meters.add(FunctionCounter.builder(
                            UPDATES_RECEIVED, a, x -> x.updates().stats().delivered())
                    .description("Updates the account's updates engine delivered (in order, without duplicates)")
                    .tag("account", label)
                    .register(registry));
            w.meters.add(Gauge.builder("scriptgram.account.logged_in", a, x -> x.loggedIn() ? 1 : 0)
                    .description("1 when the account is logged in")
                    .tag("account", label)
                    .register(registry));
            w.dcRows = () -> w.dcs.register(
                    a.api().connectionStates().entrySet().stream()
                            .map(e -> MultiGauge.Row.of(
                                    Tags.of("account", label, "dc", String.valueOf(e.getKey()), "state", e.getValue()),
                                    e.getValue().equals("connected") ? 1 : 0))
                            .map(r -> (MultiGauge.Row<?>) r)
                            .toList(),
                    true);
            following.put(a, w);
        }
        ScriptHost scripts = host.scripts();
        if (scripts != null && scripts != activityOn) {
            scripts.setActivity(this);
            activityOn = scripts;
        }
    }

    private String freeLabel() {
        for (int i = 1; ; i++) {
            String label = String.valueOf(i);
            if (following.values().stream().noneMatch(w -> w.label.equals(label))) return label;
        }
    }

    /** The meters of one account the console follows. */
    private static final class Watched {
        final String label;
        final MultiGauge dcs;
        final List<Meter> meters = new ArrayList<>();
        Runnable dcRows = () -> {};

        Watched(String label, MultiGauge dcs) {
            this.label = label;
            this.dcs = dcs;
        }

        void remove(MeterRegistry registry) {
            dcs.register(List.of(), true);
            for (Meter m : meters) registry.remove(m);
        }
    }

    /** The accounts followed, by identity (a lease taken again brings a new {@link Account}). */
    private final Map<Account, Watched> following = new IdentityHashMap<>();

    private ScriptHost activityOn;
    private volatile ConsoleHost watched;

    /**
     * Prometheus text exposition of everything. One scrape at a time: the DC gauges are re-registered first, and two
     * scrapes doing that at once would each see the other's rows.
     */
    public synchronized String scrape() {
        follow();
        for (Watched w : following.values()) w.dcRows.run();
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
        for (Meter m : meters(name)) {
            String k = m.getId().getTag(by);
            if (k == null) continue;
            double v = m instanceof Counter c ? c.count() : m instanceof Timer t ? t.count() : 0;
            out.merge(k, v, Double::sum);
        }
        return out;
    }

    private Set<Meter> meters(String name) {
        Set<Meter> m = byName.get(name);
        return m == null ? Set.of() : m;
    }

    /** Mean latency of {@code method}'s calls, or null when none. */
    Duration meanLatency(String method) {
        MethodMeters mm = methods.get(method);
        Timer t = mm == null ? null : mm.latency;
        if (t == null || t.count() == 0) return null;
        return Duration.ofNanos((long) t.mean(TimeUnit.NANOSECONDS));
    }

    double total(String name) {
        double sum = 0;
        for (Meter m : meters(name)) {
            if (m instanceof Counter c) sum += c.count();
            else if (m instanceof FunctionCounter f) sum += f.count();
        }
        return sum;
    }

    @Override
    public void close() {
        synchronized (this) {
            for (Account a : following.keySet()) a.api().removeCallListener(this);
            following.clear();
            if (activityOn != null) activityOn.setActivity(null);
            activityOn = null;
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
