package com.profilebridge.cdp;

/** A normalised identifier to look a customer up by. Its {@code toString()} never prints the raw value. */
public record CdpIdentifier(Kind kind, String value) {

    /** What kind of identifier this is; the CDP namespaces map onto these. */
    public enum Kind {
        PHONE,
        EMAIL,
        USER_ID
    }

    /** A stable key for caches: kind and value. */
    public String cacheKey() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }

    @Override
    public String toString() {
        String tail = value.length() <= 4 ? "" : value.substring(value.length() - 4);
        return kind == Kind.USER_ID ? kind + ":" + value : kind + ":***" + tail;
    }
}
