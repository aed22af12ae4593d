package io.scriptgram.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link CrashConsistencyTest}: prints the durability settings of its store's connection ("open
 * synchronous=2 journal_mode=wal locking_mode=exclusive"), then commits generation after generation, each one
 * transaction touching several tables, and prints "committed N" after each commit, until killed.
 */
public final class CrashWriter {
    static final int PEERS_PER_GENERATION = 200;

    public static void main(String[] args) {
        try (SessionStore store = SessionStore.open(Path.of(args[0]))) {
            System.out.println("open " + settings(store));
            System.out.flush();
            for (int gen = 1; ; gen++) {
                int g = gen;
                List<CachedPeer> peers = new ArrayList<>(PEERS_PER_GENERATION);
                for (int i = 0; i < PEERS_PER_GENERATION; i++)
                    peers.add(CachedPeer.user(i, g).withUsernames("gen" + g + "_" + i));
                store.inTransaction(() -> {
                    store.scripts().putJson("crash", "a", Integer.toString(g));
                    store.peers().upsertAll(peers);
                    store.updates().setState(new UpdateState(g, g, g, g));
                    store.scripts().putBytes("crash", "blob", new byte[4096 + g % 512]);
                    store.scripts().putJson("crash", "b", Integer.toString(g));
                });
                System.out.println("committed " + g);
                System.out.flush();
            }
        }
    }

    /** The settings a commit's durability rests on, read back from the store's own connection. */
    static String settings(SessionStore store) {
        return "synchronous=" + store.pragma("synchronous") + " journal_mode=" + store.pragma("journal_mode")
                + " locking_mode=" + store.pragma("locking_mode");
    }
}
