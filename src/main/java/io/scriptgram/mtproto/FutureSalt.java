package io.scriptgram.mtproto;

/** A server salt and the unix-time window it is valid in (from future_salts). */
public record FutureSalt(int validSince, int validUntil, long salt) {
    @Override
    public String toString() {
        return "FutureSalt[" + validSince + ".." + validUntil + "]";
    }
}
