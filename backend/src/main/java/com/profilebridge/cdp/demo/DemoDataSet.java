package com.profilebridge.cdp.demo;

import com.profilebridge.cdp.CdpProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic customer base: the same seed and size always give the same profiles.
 *
 * <p>Customer {@code n} is {@code usr_%05d}, phone {@code +1 555 10n n n n}-style
 * ({@code +1555100} followed by four digits for the first 10,000), e-mail in mixed case. Every
 * 97th customer heads a household: the next one or two customers share the head's phone. PII
 * ({@code ssn}, {@code credit_card_number}, {@code date_of_birth}) sits in the attributes and the
 * free-text notes repeat card numbers and SSNs the way agents type them.
 */
final class DemoDataSet {

    static final Instant EPOCH = Instant.parse("2026-11-01T09:00:00Z");
    private static final String[] FIRST = {
        "Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances",
        "Edsger", "Radia", "Donald", "Hedy", "John", "Shafi", "Tim", "Sophie", "Guido", "Anita"
    };
    private static final String[] LAST = {
        "Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson",
        "Allen", "Dijkstra", "Perlman", "Knuth", "Lamarr", "Backus", "Goldwasser", "Berners-Lee", "Wilson",
        "van Rossum", "Borg"
    };
    private static final String[] TIERS = {"BRONZE", "SILVER", "GOLD", "PLATINUM"};
    private static final String[] CHANNELS = {"voice", "chat", "email", "sms"};
    private static final String[] OUTCOMES = {"resolved", "callback-scheduled", "escalated", "sale", "no-answer"};
    private static final String[] ORDER_STATUS = {"delivered", "shipped", "processing", "cancelled", "returned"};

    private DemoDataSet() {}

    static String userId(int n) {
        return "usr_%05d".formatted(n);
    }

    static String phoneOf(int n) {
        return n < 10_000 ? "+1555100%04d".formatted(n) : "+1555%07d".formatted(n);
    }

    static List<CdpProfile> generate(long seed, int size) {
        List<CdpProfile> profiles = new ArrayList<>(size);
        String householdPhone = null;
        int householdLeft = 0;
        for (int n = 0; n < size; n++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
            String phone;
            if (householdLeft > 0) {
                phone = householdPhone;
                householdLeft--;
            } else {
                phone = phoneOf(n);
                if (n % 97 == 0 && n > 0) {
                    householdPhone = phone;
                    householdLeft = 1 + random.nextInt(2);
                }
            }
            profiles.add(customer(n, phone, random));
        }
        return profiles;
    }

    private static CdpProfile customer(int n, String phone, SplittableRandom random) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String email = mixedCase(first + "." + last.replace(" ", "").replace("-", "") + n + "@Example.com", random);
        String tier = TIERS[weighted(random)];
        BigDecimal ltv = BigDecimal.valueOf(50 + random.nextDouble() * 25_000).setScale(2, RoundingMode.HALF_UP);
        double sentiment = Math.round(random.nextDouble() * 100) / 100.0;
        String card = cardNumber(random);
        String ssn = "%03d-%02d-%04d".formatted(100 + random.nextInt(660), 10 + random.nextInt(89), 1000 + random.nextInt(9000));
        LocalDate dob = LocalDate.of(1940 + random.nextInt(65), 1 + random.nextInt(12), 1 + random.nextInt(28));

        List<CdpProfile.Order> orders = new ArrayList<>();
        int orderCount = random.nextInt(9);
        for (int i = 0; i < orderCount; i++) {
            orders.add(new CdpProfile.Order(
                    "ORD-%d-%d".formatted(n, i + 1),
                    EPOCH.minus(3 + random.nextInt(180), ChronoUnit.DAYS),
                    BigDecimal.valueOf(5 + random.nextDouble() * 900).setScale(2, RoundingMode.HALF_UP),
                    ORDER_STATUS[random.nextInt(ORDER_STATUS.length)]));
        }
        orders.sort((a, b) -> b.placedAt().compareTo(a.placedAt()));

        List<CdpProfile.Interaction> interactions = new ArrayList<>();
        int interactionCount = random.nextInt(5);
        for (int i = 0; i < interactionCount; i++) {
            interactions.add(new CdpProfile.Interaction(
                    EPOCH.minus(1 + random.nextInt(90), ChronoUnit.DAYS),
                    CHANNELS[random.nextInt(CHANNELS.length)],
                    OUTCOMES[random.nextInt(OUTCOMES.length)],
                    "Asked about order status",
                    null));
        }
        interactions.sort((a, b) -> b.at().compareTo(a.at()));

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ssn", ssn);
        attributes.put("credit_card_number", card);
        attributes.put("date_of_birth", dob.toString());
        attributes.put("loyalty_id", "LOY-" + (700_000 + n));

        String notes = switch (n % 4) {
            case 0 -> "Customer read card " + spaced(card) + " over the phone to update billing.";
            case 1 -> "Verified with SSN " + ssn + " after failed PIN.";
            case 2 -> "Prefers morning calls. Card on file " + card + ", SSN " + ssn.replace("-", " ") + ".";
            default -> "No special handling.";
        };

        return new CdpProfile(
                userId(n),
                first + " " + last,
                email,
                phone,
                tier,
                ltv,
                CHANNELS[random.nextInt(CHANNELS.length)],
                sentiment,
                orders,
                interactions,
                notes,
                attributes,
                EPOCH.minus(random.nextInt(30), ChronoUnit.DAYS));
    }

    private static int weighted(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 50 ? 0 : r < 80 ? 1 : r < 95 ? 2 : 3;
    }

    private static String mixedCase(String email, SplittableRandom random) {
        StringBuilder out = new StringBuilder(email.length());
        for (char c : email.toCharArray()) {
            out.append(random.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private static String spaced(String card) {
        return card.replaceAll("(.{4})(?!$)", "$1 ");
    }

    /** A Luhn-valid 16-digit test card number starting with 4. */
    static String cardNumber(SplittableRandom random) {
        int[] digits = new int[16];
        digits[0] = 4;
        for (int i = 1; i < 15; i++) {
            digits[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int d = digits[14 - i];
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        digits[15] = (10 - sum % 10) % 10;
        StringBuilder out = new StringBuilder();
        for (int d : digits) {
            out.append(d);
        }
        return out.toString();
    }
}
