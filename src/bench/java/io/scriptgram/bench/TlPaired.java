package io.scriptgram.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The paired mode of {@code bench tl} ({@code -Dscriptgram.bench.tl.base=CLASSES_OR_JAR}): a base build of the
 * {@code io.scriptgram.tl} package and this build decode and encode the same payload in one process, in alternating
 * rounds, and each pair of rounds gives a ratio per CPU-second (of the process, less its JIT compiler threads). The
 * machine this runs on can swing by ±40% within minutes; two builds measured moments apart in the same process see the
 * same machine, so a 10-20% change shows.
 *
 * <p>Each build's {@code io.scriptgram.tl} classes (and its bundled schema) are loaded through a class loader of its
 * own, this build's too, so both pay the same for the reflective call and neither shares JIT profiles or compiled
 * readers with the other; everything else (ASM) comes from this build's class path.
 */
final class TlPaired {
    static final String BASE_PROPERTY = "scriptgram.bench.tl.base";
    static final String PAIRS_PROPERTY = "scriptgram.bench.tl.pairs";
    private static final String PACKAGE = "io.scriptgram.tl.";

    private TlPaired() {}

    /** The base build named by {@link #BASE_PROPERTY}, if set; a path that is not there is an error. */
    static Optional<Path> base() {
        String p = System.getProperty(BASE_PROPERTY);
        if (p == null || p.isBlank()) return Optional.empty();
        Path path = Path.of(p);
        if (!Files.exists(path.resolve("io/scriptgram/tl/TlCodec.class")) && !Files.isRegularFile(path)) {
            throw new IllegalArgumentException(
                    "-D" + BASE_PROPERTY + "=" + p + " is neither a classes folder holding io/scriptgram/tl nor a jar");
        }
        return Optional.of(path);
    }

    /** Rounds of both builds on {@code payload} (made by this build), and their ratios. */
    static LinkedHashMap<String, Double> run(Path base, byte[] payload, boolean quick) throws Exception {
        int pairs = Integer.getInteger(PAIRS_PROPERTY, quick ? 3 : 10);
        if (pairs < 1) throw new IllegalArgumentException("-D" + PAIRS_PROPERTY + " must be at least 1");
        // Rounds last a fixed CPU time of this thread, so a busy machine stretches them instead of starving them.
        return run(base, currentBuild(), payload, pairs, quick ? 3 : 6, quick ? 200 : 400);
    }

    /** Where this build's {@code io.scriptgram.tl} classes are: a classes folder or a jar. */
    static Path currentBuild() throws Exception {
        return Path.of(TlPaired.class
                .getClassLoader()
                .loadClass(PACKAGE + "TlCodec")
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    /** {@code warmups} rounds of each build, then {@code pairs} pairs of rounds of {@code millis} CPU ms each. */
    static LinkedHashMap<String, Double> run(
            Path base, Path current, byte[] payload, int pairs, int warmups, long millis) throws Exception {
        Build before = Build.load(base, payload), after = Build.load(current, payload);
        Build[] builds = {before, after};
        for (int i = 0; i < warmups; i++) for (Build b : builds) b.round(millis, false); // JIT warm-up
        for (int i = 0; i < pairs; i++) {
            // The order alternates so that a machine slowing down within a pair favours neither build.
            if (i % 2 == 0) {
                before.round(millis, true);
                after.round(millis, true);
            } else {
                after.round(millis, true);
                before.round(millis, true);
            }
        }
        double size = payload.length;
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("payload_bytes", size);
        out.put("paired_pairs", (double) pairs);
        figures(out, "decode", size, before.decodePerCpu, after.decodePerCpu);
        figures(out, "encode", size, before.encodePerCpu, after.encodePerCpu);
        out.put("paired_decode_alloc_bytes", median(after.decodeAlloc));
        out.put("paired_decode_base_alloc_bytes", median(before.decodeAlloc));
        out.put("paired_encode_alloc_bytes", median(after.encodeAlloc));
        out.put("paired_encode_base_alloc_bytes", median(before.encodeAlloc));
        if (before.sink() + after.sink() == 0) throw new IllegalStateException("nothing decoded");
        return out;
    }

    /** Medians of each build per CPU-second, and the median, lowest and highest ratio of the pairs. */
    private static void figures(
            LinkedHashMap<String, Double> out, String op, double size, List<Double> base, List<Double> current) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) ratios.add(current.get(i) / base.get(i));
        out.put("paired_" + op + "_mb_s", median(current) * size / 1e6);
        out.put("paired_" + op + "_base_mb_s", median(base) * size / 1e6);
        out.put("paired_" + op + "_ratio", median(ratios));
        out.put(
                "paired_" + op + "_ratio_min",
                ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        out.put(
                "paired_" + op + "_ratio_max",
                ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** One build's codec, reached through method handles, and its measured rounds. */
    private static final class Build {
        final TlDecodeRounds decode, encode;
        final List<Double> decodePerCpu = new ArrayList<>(), encodePerCpu = new ArrayList<>();
        final List<Double> decodeAlloc = new ArrayList<>(), encodeAlloc = new ArrayList<>();

        private Build(TlDecodeRounds decode, TlDecodeRounds encode) {
            this.decode = decode;
            this.encode = encode;
        }

        /**
         * Loads the build at {@code location} and checks that it reads {@code payload} and writes it back byte for
         * byte, so both builds are known to do the same work.
         */
        static Build load(Path location, byte[] payload) throws Exception {
            try {
                return loadOrThrow(location, payload);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("loading the build at " + location, t);
            }
        }

        private static Build loadOrThrow(Path location, byte[] payload) throws Throwable {
            ClassLoader loader = new PackageFirstLoader(location.toUri().toURL(), TlPaired.class.getClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> schemaClass = loader.loadClass(PACKAGE + "TlSchema");
            Class<?> codecClass = loader.loadClass(PACKAGE + "TlCodec");
            Class<?> objectClass = loader.loadClass(PACKAGE + "TlObject");
            Object schema = lookup.findStatic(schemaClass, "bundled", MethodType.methodType(schemaClass))
                    .invoke();
            Object codec = lookup.findConstructor(codecClass, MethodType.methodType(void.class, schemaClass))
                    .invoke(schema);
            MethodHandle decodeHandle = lookup.findVirtual(
                            codecClass, "decode", MethodType.methodType(objectClass, byte[].class))
                    .bindTo(codec)
                    .asType(MethodType.methodType(Object.class, byte[].class));
            MethodHandle encodeHandle = lookup.findStatic(
                            codecClass, "encode", MethodType.methodType(byte[].class, objectClass))
                    .asType(MethodType.methodType(byte[].class, Object.class));
            Object decoded = (Object) decodeHandle.invokeExact(payload);
            byte[] again = (byte[]) encodeHandle.invokeExact(decoded);
            if (!Arrays.equals(again, payload))
                throw new IllegalStateException(
                        "the build at " + location + " does not write back the payload it read");
            TlDecodeRounds decode = new TlDecodeRounds(bytes -> call(decodeHandle, bytes), payload);
            TlDecodeRounds encode = new TlDecodeRounds(bytes -> encode(encodeHandle, decoded), payload);
            return new Build(decode, encode);
        }

        private static Object call(MethodHandle decode, byte[] bytes) {
            try {
                return (Object) decode.invokeExact(bytes);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        private static Object encode(MethodHandle encode, Object o) {
            try {
                return (byte[]) encode.invokeExact(o);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        /** A round of decoding and one of encoding; {@code keep}: count them (not a warm-up). */
        void round(long millis, boolean keep) {
            double[] d = decode.cpuRound(millis);
            double[] e = encode.cpuRound(millis);
            if (!keep) return;
            decodePerCpu.add(d[3]);
            decodeAlloc.add(d[2]);
            encodePerCpu.add(e[3]);
            encodeAlloc.add(e[2]);
        }

        int sink() {
            return decode.sink() + encode.sink();
        }
    }

    /**
     * Loads {@code io.scriptgram.tl} classes, and any resource it has, from one build before asking the parent, so two
     * builds of the package live side by side; all other classes come from the parent.
     */
    private static final class PackageFirstLoader extends URLClassLoader {
        PackageFirstLoader(URL build, ClassLoader parent) throws MalformedURLException {
            super(new URL[] {build}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
