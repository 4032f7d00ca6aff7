package com.profilebridge.cdp.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A Segment secret used as an HTTP Basic user with an empty password. Read from configuration or
 * from a file; a file is read again on {@link #refresh}, so a rotated secret is picked up after a
 * 401 without a restart. Never printed.
 */
final class SegmentCredential {

    private final String setting;
    private final @Nullable Path file;
    private volatile String header;

    private SegmentCredential(String setting, @Nullable Path file, String secret) {
        this.setting = setting;
        this.file = file;
        this.header = basic(secret);
    }

    /**
     * @param setting the property and env variable named when the secret is missing
     */
    static SegmentCredential of(String setting, @Nullable String value, @Nullable Path file) {
        String secret = value != null && !value.isBlank() ? value.strip() : file != null ? read(file) : null;
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("cdp.provider=segment needs " + setting);
        }
        return new SegmentCredential(setting, value != null && !value.isBlank() ? null : file, secret);
    }

    /** The {@code Authorization} header value. */
    String header() {
        return header;
    }

    /**
     * Reads the secret again after Segment refused {@code used}.
     *
     * @return true when there is a different secret to retry with
     */
    synchronized boolean refresh(String used) {
        if (!header.equals(used)) {
            return true; // another thread has refreshed it already
        }
        if (file == null) {
            return false;
        }
        String secret;
        try {
            secret = read(file);
        } catch (UncheckedIOException e) {
            return false;
        }
        if (secret.isBlank() || basic(secret).equals(used)) {
            return false;
        }
        header = basic(secret);
        return true;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Segment secret file " + file, e);
        }
    }

    private static String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((secret + ":").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "SegmentCredential[" + setting + "]";
    }
}
