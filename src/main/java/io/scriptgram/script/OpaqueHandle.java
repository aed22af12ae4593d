package io.scriptgram.script;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A host value a script can hold and hand back but not look into: no members, nothing to write. The prelude passes it
 * to the host again (an in-flight call's marker, an iteration's handle), and the host recognises it by its class.
 */
abstract class OpaqueHandle implements ProxyObject {
    @Override
    public final Object getMember(String key) {
        return null;
    }

    @Override
    public final Object getMemberKeys() {
        return ProxyArray.fromArray();
    }

    @Override
    public final boolean hasMember(String key) {
        return false;
    }

    @Override
    public final void putMember(String key, Value value) {
        throw new UnsupportedOperationException();
    }
}
