package com.profilebridge.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The cost figures docs/security/masking.md quotes: a plain loop over {@link PiiMasker#maskText}
 * (no JMH), JIT-warm, one thread. Each text is masked in batches; the median of the batches'
 * time per call is printed. A measurement, not a test: run it by hand on a quiet machine
 * (java -cp backend/target/test-classes:backend/target/classes:... com.profilebridge.masking.MaskingCostBenchmark).
 */
final class MaskingCostBenchmark {

    private MaskingCostBenchmark() {}

    /** Keeps the JIT from dropping the work: every result's length is summed into it. */
    private static long sink;

    public static void main(String[] args) {
        PiiMasker masker = new PiiMasker();
        String note = "Caller verified, card 4111 1111 1111 1111 exp 12/29, SSN 123-45-6789, DOB 1985-07-14; "
                + "wants a refund today.";
        String phoneNote = "Please call back on (555) 100-0042 after 5pm about the refund; customer prefers a call.";
        String plain = "Customer asked about the delivery window and wants an e-mail when the parcel ships.";
        String wrapped = "Card on file:\n4111 1111\n1111 1111, label Visa4111111111111111, maestro 675900000000 123.";
        String corpus = PiiCorpus.load().entries().stream().map(PiiCorpus.Entry::text).collect(Collectors.joining(" ; "));
        System.out.printf(Locale.ROOT, "texts: note %d chars, phone note %d, plain %d, wrapped %d, corpus %,d%n",
                note.length(), phoneNote.length(), plain.length(), wrapped.length(), corpus.length());
        measure("note with card, SSN, DOB", masker, note, 20_000);
        measure("note with a phone number", masker, phoneNote, 5_000);
        measure("note without digits", masker, plain, 50_000);
        measure("wrapped and glued cards", masker, wrapped, 20_000);
        measure("corpus text", masker, corpus, 20);
        System.out.println("(sink " + sink + ")");
    }

    private static void measure(String name, PiiMasker masker, String text, int callsPerBatch) {
        for (int warm = 0; warm < 10; warm++) {
            batch(masker, text, callsPerBatch);
        }
        List<Double> perCallMicros = new ArrayList<>();
        for (int b = 0; b < 15; b++) {
            perCallMicros.add(batch(masker, text, callsPerBatch) / 1_000.0 / callsPerBatch);
        }
        double[] sorted = perCallMicros.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-26s median %10.2f us/call  (min %.2f, max %.2f)%n", name,
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static long batch(PiiMasker masker, String text, int calls) {
        long start = System.nanoTime();
        for (int k = 0; k < calls; k++) {
            sink += masker.maskText(text).length();
        }
        return System.nanoTime() - start;
    }
}
