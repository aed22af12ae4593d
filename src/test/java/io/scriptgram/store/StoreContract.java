package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract: what the client, the script host and the CLI rely on from an account's store, run on every
 * backend ({@link SqliteStoreContractTest}, {@link PostgresStoreContractTest}). A backend gives a fresh, empty store
 * for each test and can reopen it (the same data seen through a new connection).
 */
abstract class StoreContract {
    static final StorageLimits SMALL = new StorageLimits(10, 100, 200, 5);

    private SessionStore store;

    /** A new empty store with these limits. */
    abstract SessionStore create(StoreOptions options);

    /** Closes {@code open} and opens the same store again. */
    abstract SessionStore reopen(SessionStore open, StoreOptions options);

    SessionStore store() {
        if (store == null) store = create(StoreOptions.defaults());
        return store;
    }

    SessionStore store(StorageLimits limits) {
        assertNull(store, "one store per test");
        store = create(StoreOptions.defaults().withLimits(limits));
        return store;
    }

    SessionStore reopen() {
        store = reopen(store, StoreOptions.defaults());
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    static byte[] key(int seed) {
        byte[] k = new byte[StoredAuthKey.KEY_LENGTH];
        Arrays.fill(k, (byte) seed);
        k[0] = (byte) 0x80;
        return k;
    }

    @Test
    void auditRowsAreAppendedReadByPluginTimeAndMethodAndKeptBounded() {
        AuditLog log = store().audit();
        Instant t = Instant.ofEpochSecond(1_800_000_000);
        List<AuditRecord> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new AuditRecord(
                    t.plusSeconds(i),
                    i % 2 == 0 ? "spam" : "greeter",
                    "",
                    i < 6 ? "messages.sendMessage" : "contacts.resolveUsername",
                    i < 6 ? "user:42" : null,
                    i == 3 ? AuditRecord.Outcome.REFUSED : AuditRecord.Outcome.OK,
                    i == 3 ? "BUDGET_EXCEEDED messages.send per chat" : null,
                    1500 + i));
        }
        log.append(rows.subList(0, 4));
        log.append(rows.subList(4, 10));
        assertEquals(10, log.count());
        List<AuditRecord> all = log.read(AuditLog.Query.all());
        assertEquals(10, all.size());
        assertEquals(t, all.get(0).at(), "oldest first");
        assertEquals("user:42", all.get(0).peer());
        assertEquals(AuditRecord.Outcome.REFUSED, all.get(3).outcome());
        assertEquals("BUDGET_EXCEEDED messages.send per chat", all.get(3).detail());
        assertEquals(1503, all.get(3).micros());
        assertEquals(5, log.read(new AuditLog.Query("spam", null, null, 100)).size());
        assertEquals(
                List.of(t.plusSeconds(8), t.plusSeconds(9)),
                log.read(new AuditLog.Query(null, t.plusSeconds(8), null, 100)).stream()
                        .map(AuditRecord::at)
                        .toList());
        assertEquals(
                6, log.read(new AuditLog.Query(null, null, "messages.*", 100)).size());
        assertEquals(
                4,
                log.read(new AuditLog.Query(null, null, "contacts.resolveUsername", 100))
                        .size());
        assertEquals(
                0, log.read(new AuditLog.Query(null, null, "messages_*", 100)).size(), "_ is no wildcard");
        assertEquals(
                List.of(t.plusSeconds(8), t.plusSeconds(9)),
                log.read(new AuditLog.Query(null, null, null, 2)).stream()
                        .map(AuditRecord::at)
                        .toList(),
                "a limit keeps the newest");
        assertThrows(IllegalArgumentException.class, () -> new AuditLog.Query(null, null, "x' OR 1=1", 5));
        // Bounded by age, then by rows: the oldest go first.
        assertEquals(2, log.trim(100, Duration.ofSeconds(8), t.plusSeconds(10)));
        assertEquals(5, log.trim(3, Duration.ofDays(1), t.plusSeconds(10)));
        assertEquals(
                List.of(t.plusSeconds(7), t.plusSeconds(8), t.plusSeconds(9)),
                reopen().audit().read(AuditLog.Query.all()).stream()
                        .map(AuditRecord::at)
                        .toList(),
                "kept across a reopen");
    }

    @Test
    void authKeysArePerDcReplacedAndDeletedWithTheirSalts() {
        SessionData s = store().session();
        Instant t = Instant.ofEpochSecond(1_700_000_000);
        s.putAuthKey(new StoredAuthKey(2, key(1), t));
        s.putAuthKey(new StoredAuthKey(4, key(2), t), List.of(new ServerSalt(-5, t, t.plusSeconds(1800))));
        s.putAuthKey(new StoredAuthKey(2, key(3), t.plusSeconds(5)));
        assertEquals(
                List.of(new StoredAuthKey(2, key(3), t.plusSeconds(5)), new StoredAuthKey(4, key(2), t)),
                s.authKeys(),
                "one key per DC, the newest, by DC");
        assertEquals(List.of(new ServerSalt(-5, t, t.plusSeconds(1800))), s.salts(4));
        assertThrows(StoreException.class, () -> s.putAuthKey(new StoredAuthKey(3, new byte[10], t)));
        assertTrue(s.deleteAuthKey(4));
        assertFalse(s.deleteAuthKey(4));
        assertEquals(List.of(), s.salts(4), "a deleted key's salts go with it");
        assertEquals(Optional.empty(), s.authKey(4));
        SessionData again = reopen().session();
        assertArrayEquals(key(3), again.authKey(2).orElseThrow().key(), "kept across a reopen");
    }

    @Test
    void dcOptionsKeepTheirOrderAndTheHomeDcIsKept() {
        SessionData s = store().session();
        assertEquals(OptionalInt.empty(), s.homeDc());
        List<DcOption> options = List.of(
                new DcOption(2, "149.154.167.51", 443, false, false, false, false),
                new DcOption(1, "2001:b28:f23d:f001::a", 443, true, true, false, true),
                DcOption.of(2, "149.154.167.50", 80));
        s.replaceDcOptions(options);
        s.setHomeDc(4);
        s.setHomeDc(2);
        assertEquals(options, s.dcOptions());
        assertEquals(List.of(options.get(0), options.get(2)), s.dcOptions(2));
        s.replaceDcOptions(options.subList(1, 2));
        SessionData again = reopen().session();
        assertEquals(options.subList(1, 2), again.dcOptions());
        assertEquals(OptionalInt.of(2), again.homeDc());
    }

    @Test
    void saltsAreReplacedPickedByTimeAndExpired() {
        SessionData s = store().session();
        Instant t = Instant.ofEpochSecond(1_700_000_000);
        s.replaceSalts(
                2,
                List.of(
                        new ServerSalt(Long.MIN_VALUE, t, t.plusSeconds(100)),
                        new ServerSalt(Long.MAX_VALUE, t.plusSeconds(50), t.plusSeconds(200))));
        assertEquals(
                Long.MAX_VALUE,
                s.currentSalt(2, t.plusSeconds(60)).orElseThrow().salt());
        assertEquals(
                Long.MIN_VALUE,
                s.currentSalt(2, t.plusSeconds(10)).orElseThrow().salt());
        assertEquals(1, s.deleteExpiredSalts(t.plusSeconds(150)));
        assertEquals(1, s.salts(2).size());
        assertEquals(Optional.empty(), s.currentSalt(3, t));
    }

    @Test
    void theLoggedInUserIsStoredAndCleared() {
        SessionData s = store().session();
        assertEquals(Optional.empty(), s.selfUser());
        s.setSelfUser(new SelfUser(5_000_000_001L, false, new byte[] {1, 2, 3}));
        s.setSelfUser(new SelfUser(5_000_000_002L, true, new byte[] {4}));
        assertEquals(
                Optional.of(new SelfUser(5_000_000_002L, true, new byte[] {4})),
                reopen().session().selfUser());
        store().session().clearSelfUser();
        assertEquals(Optional.empty(), store().session().selfUser());
    }

    @Test
    void peersMergeAsDocumented() {
        PeerCache peers = store().peers();
        peers.upsert(CachedPeer.user(7, 111).withName("Bob").withUsernames("Bob_Real"));
        peers.upsert(CachedPeer.user(7, 999).withMin(true).withName("Bobby"));
        CachedPeer bob = peers.get(PeerType.USER, 7).orElseThrow();
        assertEquals(OptionalLong.of(111), bob.accessHash(), "a min entity never replaces a full hash");
        assertFalse(bob.min());
        assertEquals("Bobby", bob.name());
        assertEquals(List.of("Bob_Real"), bob.usernames(), "a min entity without usernames keeps them");
        assertEquals(bob, peers.byUsername("@bob_real").orElseThrow(), "usernames are case-insensitive");

        peers.upsert(CachedPeer.channel(7, Long.MIN_VALUE).withUsernames("bob_real"));
        assertEquals(
                PeerType.CHANNEL, peers.byUsername("BOB_REAL").orElseThrow().type(), "a username moves");
        assertEquals(List.of(), peers.get(PeerType.USER, 7).orElseThrow().usernames());
        assertEquals(2, peers.byId(7).size(), "ids number per type");

        Instant seen = Instant.ofEpochSecond(1_700_000_000);
        peers.upsert(CachedPeer.user(8, 1).withPhone("+1 (555) 0100").withLastSeen(seen));
        peers.upsert(CachedPeer.user(9, 2).withPhone("15550100").withLastSeen(seen.plusSeconds(9)));
        peers.upsert(CachedPeer.user(8, 1).withLastSeen(seen.minusSeconds(100)));
        assertEquals(9, peers.byPhone("+1 555 0100").orElseThrow().id(), "the most recently seen owner");
        assertEquals(seen, peers.get(PeerType.USER, 8).orElseThrow().lastSeen(), "last seen never goes back");
        assertEquals("15550100", peers.get(PeerType.USER, 8).orElseThrow().phone(), "a missing phone keeps the known");
        assertEquals(4, peers.count());
        assertTrue(peers.delete(PeerType.CHANNEL, 7));
        assertEquals(Optional.empty(), peers.byUsername("bob_real"));
        assertEquals(3, reopen().peers().count());
    }

    @Test
    void updateStateAndChannelPtsAreKept() {
        UpdateStateStore u = store().updates();
        assertEquals(Optional.empty(), u.state());
        u.save(new UpdateState(10, 2, 1_700_000_000, 5), Map.of(1_000_000_000_001L, 40, 7L, 3));
        u.setChannelPts(7, 4);
        u.setState(new UpdateState(11, 2, 1_700_000_001, 6));
        UpdateStateStore again = reopen().updates();
        assertEquals(Optional.of(new UpdateState(11, 2, 1_700_000_001, 6)), again.state());
        assertEquals(Map.of(7L, 4, 1_000_000_000_001L, 40), again.allChannelPts());
        assertEquals(
                List.of(7L, 1_000_000_000_001L),
                List.copyOf(again.allChannelPts().keySet()),
                "by channel id");
        assertTrue(again.deleteChannelPts(7));
        assertEquals(OptionalInt.empty(), again.channelPts(7));
    }

    @Test
    void handledMarksOnlyMoveForwardPerConsumerAndSequence() {
        HandledMarks marks = store().scripts().marks();
        marks.advance("a/message", List.of(new HandledMark(0, "pts", 10), new HandledMark(-1001, "pts", 3)));
        marks.advance("a/message", List.of(new HandledMark(0, "pts", 7)));
        marks.advance("b/message", List.of(new HandledMark(0, "pts", 1)));
        Map<HandledMark.Sequence, Long> a = reopen().scripts().marks().of("a/message");
        assertEquals(Map.of(new HandledMark.Sequence(0, "pts"), 10L, new HandledMark.Sequence(-1001, "pts"), 3L), a);
        assertEquals(
                Map.of(new HandledMark.Sequence(0, "pts"), 1L),
                store().scripts().marks().of("b/message"));
    }

    @Test
    void scriptStorageKeepsKindsSortsKeysByCodePointAndTakesLiteralPrefixes() {
        ScriptStorage s = store().scripts();
        s.putJson("bot.js", "count", "{\"n\": 41, \"name\": \"ünïcode ✓\"}");
        s.putBytes("bot.js", "blob", new byte[] {0, -1, 2});
        for (String k : List.of("user:2", "user:1", "user_x", "User", "é", "a")) s.putJson("bot.js", k, "1");
        s.putJson("other.py", "count", "7");
        assertEquals(Optional.of(StoredValue.json("{\"n\": 41, \"name\": \"ünïcode ✓\"}")), s.get("bot.js", "count"));
        assertEquals(Optional.of(StoredValue.bytes(new byte[] {0, -1, 2})), s.get("bot.js", "blob"));
        assertEquals(
                List.of("User", "a", "blob", "count", "user:1", "user:2", "user_x", "é"),
                s.keys("bot.js"),
                "sorted by code point, whatever the database's locale");
        assertEquals(List.of("user:1", "user:2", "user_x"), s.keys("bot.js", "user"));
        assertEquals(List.of("user:1", "user:2"), s.keys("bot.js", "user:"), "a prefix is literal, not a pattern");
        assertEquals(List.of("bot.js", "other.py"), s.scripts());
        long used = s.usedBytes("bot.js");
        assertTrue(s.delete("bot.js", "blob"));
        assertEquals(used - "blob".length() - 3, s.usedBytes("bot.js"), "usage follows deletes");
        assertEquals(7, s.clear("bot.js"));
        assertEquals(0, s.usedBytes("bot.js"));
        assertEquals(List.of("other.py"), reopen().scripts().scripts());
    }

    @Test
    void scriptStorageLimitsRefuseAndChangeNothing() {
        ScriptStorage s = store(SMALL).scripts();
        StoreException longKey = assertThrows(StoreException.class, () -> s.putJson("x", "k".repeat(11), "1"));
        assertEquals(StoreException.Kind.LIMIT, longKey.kind());
        assertEquals(
                StoreException.Kind.LIMIT,
                assertThrows(StoreException.class, () -> s.putBytes("x", "k", new byte[101]))
                        .kind());
        s.putBytes("x", "a", new byte[99]);
        s.putBytes("x", "b", new byte[99]);
        StoreException total = assertThrows(StoreException.class, () -> s.putBytes("x", "c", new byte[10]));
        assertEquals(StoreException.Kind.LIMIT, total.kind());
        assertTrue(total.getMessage().contains("script 'x'"), total.getMessage());
        assertEquals(List.of("a", "b"), s.keys("x"), "a refused write changes nothing");
        s.putBytes("x", "a", new byte[1]);
        for (String k : List.of("c", "d", "e")) s.putJson("x", k, "1");
        assertEquals(
                StoreException.Kind.LIMIT,
                assertThrows(StoreException.class, () -> s.putJson("x", "f", "1"))
                        .kind());
    }

    @Test
    void stagedWritesCommitExactlyOnceWithTheirMarks() {
        SessionStore st = store();
        StagedWrites w = st.scripts().staged("bot");
        w.putJson("n", "1");
        w.mark("bot/message", new HandledMark(0, "pts", 41));
        assertEquals(Optional.empty(), st.scripts().get("bot", "n"), "nothing stored before the commit");
        assertTrue(st.scripts().marks().of("bot/message").isEmpty());
        assertEquals(List.of(), w.commit());
        assertEquals(Optional.of(StoredValue.json("1")), st.scripts().get("bot", "n"));
        assertEquals(41L, st.scripts().marks().of("bot/message").get(new HandledMark.Sequence(0, "pts")));

        // A transaction that fails stores neither the writes nor the mark: the update comes again.
        StagedWrites next = st.scripts().staged("bot");
        next.putJson("n", "2");
        next.mark("bot/message", new HandledMark(0, "pts", 42));
        RuntimeException boom = new IllegalStateException("crash in the middle");
        assertSame(
                boom,
                assertThrows(
                        IllegalStateException.class,
                        () -> st.inTransaction(() -> {
                            next.commit();
                            throw boom;
                        })));
        SessionStore again = reopen();
        assertEquals(Optional.of(StoredValue.json("1")), again.scripts().get("bot", "n"));
        assertEquals(41L, again.scripts().marks().of("bot/message").get(new HandledMark.Sequence(0, "pts")));
    }

    @Test
    void aTransactionCommitsEverythingOrNothing() {
        SessionStore st = store();
        st.inTransaction(() -> {
            st.updates().setState(new UpdateState(5, 0, 1, 1));
            st.peers().upsert(CachedPeer.user(1, 2));
        });
        assertThrows(
                IllegalStateException.class,
                () -> st.inTransaction(() -> {
                    st.updates().setState(new UpdateState(6, 0, 1, 1));
                    st.peers().upsert(CachedPeer.user(3, 4));
                    throw new IllegalStateException("no");
                }));
        assertEquals(5, st.updates().state().orElseThrow().pts());
        assertEquals(1, st.peers().count());
    }

    @Test
    void forgetAccountKeepsDcOptionsHomeDcAndScriptStorage() {
        SessionStore st = store();
        Instant t = Instant.ofEpochSecond(1_700_000_000);
        st.session().putAuthKey(new StoredAuthKey(2, key(1), t), List.of(new ServerSalt(1, t, t.plusSeconds(9))));
        st.session().setSelfUser(new SelfUser(1, false, new byte[0]));
        st.session().setHomeDc(2);
        st.session().replaceDcOptions(List.of(DcOption.of(2, "127.0.0.1", 1)));
        st.peers().upsert(CachedPeer.user(1, 2));
        st.updates().save(new UpdateState(1, 1, 1, 1), Map.of(5L, 5));
        st.scripts().putJson("bot", "k", "1");
        st.scripts().marks().advance("bot/m", List.of(new HandledMark(0, "pts", 1)));
        st.forgetAccount();
        assertEquals(List.of(), st.session().authKeys());
        assertEquals(List.of(), st.session().salts(2));
        assertEquals(Optional.empty(), st.session().selfUser());
        assertEquals(0, st.peers().count());
        assertEquals(Optional.empty(), st.updates().state());
        assertEquals(Map.of(), st.updates().allChannelPts());
        assertEquals(Map.of(), st.scripts().marks().of("bot/m"));
        assertEquals(OptionalInt.of(2), st.session().homeDc());
        assertEquals(1, st.session().dcOptions().size());
        assertEquals(Optional.of(StoredValue.json("1")), st.scripts().get("bot", "k"));
    }

    @Test
    void aClosedStoreRefusesCallsClearly() {
        SessionStore st = store();
        st.close();
        assertTrue(st.isClosed());
        StoreException e = assertThrows(StoreException.class, () -> st.peers().count());
        assertEquals(StoreException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void theSummaryIsTheSameAfterAReopen() {
        SessionStore st = store();
        st.session().putAuthKey(new StoredAuthKey(2, key(9), Instant.ofEpochSecond(5)));
        st.scripts().putJson("bot", "k", "\"ünï\"");
        st.peers().upsert(CachedPeer.user(1, 2).withUsernames("a"));
        StoreCopy.Summary before = StoreCopy.summarize(st);
        assertEquals(1L, before.rows().get("auth_keys"));
        assertEquals(before, StoreCopy.summarize(reopen()));
    }
}
