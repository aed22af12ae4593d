package io.scriptgram.bench;

import java.util.List;
import java.util.Optional;

/** Every benchmark {@code scriptgram bench NAME} knows; a new one is one line here. */
public final class Benches {
    private Benches() {}

    public static List<Bench> all() {
        return List.of(
                new TlBench(),
                new CryptoBench(),
                new RpcBench(),
                new FilesBench(),
                new UpdatesBench(),
                new ScriptBench(),
                new ReloadBench(),
                new RunBench(),
                new AccountsBench(),
                new IterateBench(),
                new ConsoleBench(),
                new ScriptTestBench());
    }

    public static Optional<Bench> named(String name) {
        return all().stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
