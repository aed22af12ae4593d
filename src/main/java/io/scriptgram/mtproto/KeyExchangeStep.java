package io.scriptgram.mtproto;

import io.scriptgram.tl.TlObject;
import java.util.Objects;

/** What the client does after a key-exchange answer: send a request, or stop with a key or a refusal. */
public sealed interface KeyExchangeStep {

    /** Send {@code request} (as a plain message) and feed the answer back. */
    record Send(TlObject request) implements KeyExchangeStep {
        public Send {
            Objects.requireNonNull(request, "request");
        }
    }

    /** The key exchange succeeded. */
    record Done(AuthKeyResult result) implements KeyExchangeStep {
        public Done {
            Objects.requireNonNull(result, "result");
        }
    }

    /** The server answered dh_gen_fail (its hash checked): start a new exchange. */
    record Fail(String reason) implements KeyExchangeStep {}
}
