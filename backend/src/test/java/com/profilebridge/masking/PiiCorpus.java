package com.profilebridge.masking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The PII corpus (src/test/resources/masking/pii-corpus.tsv): positives that must be masked, negatives that must not. */
record PiiCorpus(List<Entry> entries) {

    /** One line: a positive or negative text, its kind, and the secret that must not survive masking. */
    record Entry(boolean positive, String kind, String text, String secret) {

        /** The secret without separators: what must not appear even reformatted. */
        String compactSecret() {
            return secret.replaceAll("[^0-9A-Za-z]", "");
        }
    }

    static PiiCorpus load() {
        try (InputStream in = PiiCorpus.class.getResourceAsStream("/masking/pii-corpus.tsv")) {
            if (in == null) {
                throw new IllegalStateException("masking/pii-corpus.tsv is missing from the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PiiCorpus(Arrays.stream(text.split("\n"))
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(f -> new Entry(f[0].equals("P"), f[1], unescape(f[2]), unescape(f[3])))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus writes line breaks and tabs inside a value as {@code \\n}, {@code \\r} and {@code \\t}. */
    static String unescape(String value) {
        return value.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
    }

    List<Entry> positives() {
        return entries.stream().filter(Entry::positive).toList();
    }

    List<Entry> negatives() {
        return entries.stream().filter(e -> !e.positive()).toList();
    }
}
