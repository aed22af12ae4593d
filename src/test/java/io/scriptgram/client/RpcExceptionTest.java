package io.scriptgram.client;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RpcExceptionTest {
    @Test
    void numberedErrorsAreGeneralised() {
        RpcException e = new RpcException(420, "FLOOD_WAIT_17", "messages.sendMessage");
        assertEquals("FLOOD_WAIT", e.type());
        assertEquals(17, e.argument());
        assertEquals(17, e.seconds());
        assertEquals("messages.sendMessage", e.method());
        assertEquals("RPC error 420 FLOOD_WAIT_17 (messages.sendMessage)", e.getMessage());
        RpcException m = new RpcException(303, "PHONE_MIGRATE_2", "auth.sendCode");
        assertEquals("PHONE_MIGRATE", m.type());
        assertEquals(2, m.argument());
        assertEquals(-1, m.seconds());
    }

    @Test
    void plainErrorsKeepTheirText() {
        RpcException e = new RpcException(400, "TYPES_EMPTY", "contacts.getTopPeers");
        assertEquals("TYPES_EMPTY", e.type());
        assertEquals(-1, e.argument());
        RpcException premium = new RpcException(420, "FLOOD_PREMIUM_WAIT_3", null);
        assertEquals("FLOOD_PREMIUM_WAIT", premium.type());
        assertEquals(3, premium.seconds());
    }
}
