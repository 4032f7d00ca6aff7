package com.profilebridge.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detectors over generated inputs (fixed seeds, so every run checks the same cases): each
 * kind of identifier at every length it can have, with every separator and next to other digits,
 * must come out masked, with nothing of it raw beyond the last four, and stay as it is when masked
 * again; the look-alikes next to them must come out unchanged.
 */
class TextScannerPropertiesTests {

    static final PiiMasker masker = new PiiMasker();

    /** How a number's digits are written: the separator between groups, and the group sizes. */
    record Style(String name, String separator, int groupSize) {

        String write(String digits) {
            if (groupSize == 0) {
                return digits;
            }
            StringBuilder out = new StringBuilder();
            for (int k = 0; k < digits.length(); k += groupSize) {
                out.append(k == 0 ? "" : separator).append(digits, k, Math.min(digits.length(), k + groupSize));
            }
            return out.toString();
        }
    }

    static final List<Style> CARD_STYLES = List.of(new Style("bare", "", 0), new Style("spaces", " ", 4),
            new Style("dashes", "-", 4), new Style("dots", ".", 4), new Style("two spaces", "  ", 4),
            new Style("dash and space", "- ", 4), new Style("no-break space", "\u00a0", 4),
            new Style("en dash", "\u2013", 4), new Style("ideographic space", "\u3000", 4),
            new Style("zero-width space", "\u200b", 4), new Style("threes", " ", 3), new Style("fives", " ", 5));

    /** Luhn-valid numbers of 12 to 19 digits, three of each length, in every style and setting. */
    static Stream<Arguments> cards() {
        Random random = new Random(20261201);
        List<Arguments> cases = new ArrayList<>();
        for (int length = 12; length <= 19; length++) {
            for (int n = 0; n < 3; n++) {
                String number = luhnValid(random, length);
                for (Style style : CARD_STYLES) {
                    String written = style.write(number);
                    cases.add(Arguments.of(number, "Card " + written + " on file."));
                    cases.add(Arguments.of(number, written));
                    cases.add(Arguments.of(number, "(" + written + "), exp 12/29"));
                    if (length >= 13) {
                        // longer runs need 13 digits a window; a 12-digit card counts only alone
                        cases.add(Arguments.of(number, "card " + written + " cvv " + (100 + random.nextInt(900))));
                        cases.add(Arguments.of(number, "card " + written + " " + (100 + random.nextInt(900)) + " ok"));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cards")
    void masksACardOfAnyLengthWithAnySeparatorKeepingOnlyTheLastFour(String number, String text) {
        assertMaskedAsCard(text, number, "[card ****" + number.substring(number.length() - 4) + "]");
    }

    /** Numbers of 12 to 19 digits whose check digit is wrong, bare or in groups of four. */
    static Stream<Arguments> luhnInvalidNumbers() {
        Random random = new Random(42);
        List<Arguments> cases = new ArrayList<>();
        for (int length = 12; length <= 19; length++) {
            for (int n = 0; n < 6; n++) {
                String number = luhnInvalid(random, length);
                cases.add(Arguments.of("ref " + number + " ok"));
                if (length == 16) {
                    cases.add(Arguments.of("ref " + CARD_STYLES.get(1).write(number) + " ok"));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("luhnInvalidNumbers")
    void leavesANumberWithAWrongCheckDigitAlone(String text) {
        assertThat(masker.maskText(text)).isEqualTo(text);
    }

    /** E-mail addresses with local parts of 1 to 70 characters and some far longer ones. */
    static Stream<Arguments> emails() {
        Random random = new Random(7);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-'!#$&=?^`{|}~/";
        return IntStream.concat(IntStream.rangeClosed(1, 70), IntStream.of(100, 254, 500)).mapToObj(length -> {
            StringBuilder local = new StringBuilder().append((char) ('a' + random.nextInt(26)));
            while (local.length() < length) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                // no dot last: "a.@x" reads as a sentence's dot, and the dot before the '@' is kept out
                local.append(local.length() == length - 1 && c == '.' ? 'z' : c);
            }
            String domain = List.of("example.com", "mail.example.co.uk", "Example.ORG", "exämple.de").get(length % 4);
            return Arguments.of(local.toString(), domain);
        });
    }

    @ParameterizedTest(name = "local part of {0}")
    @MethodSource("emails")
    void masksAnAddressOfAnyLengthWithNothingOfTheLocalPartRawButItsFirstLetter(String local, String domain) {
        String masked = masker.maskText("Mail: " + local + "@" + domain + ", thanks");
        String expected = local.length() > 64 ? "[email ****]"
                : Character.toLowerCase(local.charAt(0)) + "***@" + domain.toLowerCase(Locale.ROOT);
        assertThat(masked).isEqualTo("Mail: " + expected + ", thanks");
        assertThat(masker.maskText(masked)).isEqualTo(masked);
    }

    static final List<String> SSN_SEPARATORS = List.of("-", ".", " ", "\u2013", "\u00a0");

    /** Valid SSNs with each separator, alone, after a keyword, and next to other numbers. */
    static Stream<Arguments> ssns() {
        Random random = new Random(3);
        List<Arguments> cases = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            int area = 1 + random.nextInt(899);
            if (area == 666) {
                area = 665;
            }
            String ssn = String.format(Locale.ROOT, "%03d%02d%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
            for (String separator : SSN_SEPARATORS) {
                String written = ssn.substring(0, 3) + separator + ssn.substring(3, 5) + separator + ssn.substring(5);
                cases.add(Arguments.of(ssn, written));
                cases.add(Arguments.of(ssn, "SSN: " + written + "."));
                cases.add(Arguments.of(ssn, "caller 2 of 3, ssn " + written + " verified"));
                cases.add(Arguments.of(ssn, "(" + written + ")"));
            }
            cases.add(Arguments.of(ssn, "ssn " + ssn));
            cases.add(Arguments.of(ssn, "Social Security #" + ssn + "."));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("ssns")
    void masksAnSsnWithAnySeparatorAndNeighboursToItsLastFour(String ssn, String text) {
        String masked = masker.maskText(text);
        assertThat(masked).contains("[ssn ***-**-" + ssn.substring(5) + "]");
        assertThat(digitsOf(masked)).doesNotContain(ssn.substring(0, 5));
        assertThat(masker.maskText(masked)).isEqualTo(masked);
    }

    /** Numbers the SSA never issues, written like SSNs. */
    static Stream<Arguments> invalidSsns() {
        return Stream.of("000-12-3456", "666-12-3456", "900-12-3456", "999-99-9999", "123-00-4567", "123-45-0000")
                .flatMap(ssn -> SSN_SEPARATORS.stream().map(separator -> Arguments.of("ssn " + ssn.replace("-", separator))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSsns")
    void leavesNumbersTheSsaNeverIssuesAlone(String text) {
        assertThat(masker.maskText(text)).isEqualTo(text);
    }

    /** Valid numbers as people write them, next to dates, counts, times and other numbers. */
    static Stream<Arguments> phones() {
        List<String[]> numbers = List.of(new String[] {"2025550143", "202 555 0143"},
                new String[] {"2025550143", "(202) 555-0143"}, new String[] {"2025550143", "202-555-0143"},
                new String[] {"2025550143", "202.555.0143"}, new String[] {"2025550143", "+1 202 555 0143"},
                new String[] {"4155552671", "415 555 2671"}, new String[] {"2079460958", "+44 20 7946 0958"},
                new String[] {"142685300", "+33 1 42 68 53 00"});
        List<String> settings = List.of("call %s", "on 12/03 %s", "%s 3 times", "qty 3 %s", "%s, 12 items",
                "order 12345 %s", "room 4111 %s", "%s 4111", "at 10:15 %s", "%s at 10:15", "12 %s 34");
        List<Arguments> cases = new ArrayList<>();
        for (String[] number : numbers) {
            for (String setting : settings) {
                cases.add(Arguments.of(number[0], String.format(Locale.ROOT, setting, number[1])));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("phones")
    void masksAPhoneNumberInFreeTextNextToOtherDigits(String nationalNumber, String text) {
        String masked = masker.maskText(text);
        // as a phone, or (its digits and a neighbour's passing Luhn) inside a card: either way not raw
        assertThat(masked).containsAnyOf("[phone ****" + nationalNumber.substring(nationalNumber.length() - 4) + "]",
                "[card ****");
        assertThat(digitsOf(masked)).doesNotContain(nationalNumber.substring(0, nationalNumber.length() - 4));
        assertThat(masker.maskText(masked)).isEqualTo(masked);
    }

    /** Documentation IBANs of 14 countries, each with one check digit off, grouped, compact and lower case. */
    static Stream<Arguments> ibansWithAWrongCheckDigit() {
        List<String> ibans = List.of("DE89370400440532013000", "GB29NWBK60161331926819", "FR1420041010050500013M02606",
                "NL91ABNA0417164300", "ES9121000418450200051332", "IT60X0542811101000000123456", "CH9300762011623852957",
                "BE68539007547034", "NO9386011117947", "PL61109010140000071219812874", "AT611904300234573201",
                "SE4550000000058398257466", "DK5000400440116243", "PT50000201231234567890154");
        List<Arguments> cases = new ArrayList<>();
        for (String iban : ibans) {
            for (int shift = 1; shift <= 9; shift += 4) {
                String wrong = iban.substring(0, 2) + (char) ('0' + (iban.charAt(2) - '0' + shift) % 10) + iban.substring(3);
                assertThat(TextScanner.mod97(wrong)).as(wrong).isNotEqualTo(1);
                cases.add(Arguments.of(wrong, wrong));
                cases.add(Arguments.of(wrong, "IBAN " + new Style("grouped", " ", 4).write(wrong) + " please"));
                cases.add(Arguments.of(wrong, wrong.toLowerCase(Locale.ROOT) + "."));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("ibansWithAWrongCheckDigit")
    void masksAnIbanWithAWrongCheckDigitAsAnIban(String iban, String text) {
        String masked = masker.maskText(text);
        assertThat(masked).contains("[iban " + iban.substring(0, 2) + " ****" + iban.substring(iban.length() - 4) + "]")
                .doesNotContain("[card");
        assertThat(masker.maskText(masked)).isEqualTo(masked);
    }

    /** What sits in the same notes and looks a little like the above: ids, order numbers, times. */
    static Stream<Arguments> lookalikes() {
        Random random = new Random(11);
        List<Arguments> cases = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            cases.add(Arguments.of(new UUID(random.nextLong(), random.nextLong()).toString()));
        }
        for (int n = 0; n < 50; n++) {
            cases.add(Arguments.of(String.format(Locale.ROOT, "ORD-%d-%06d", 2020 + random.nextInt(7), random.nextInt(1_000_000))));
            cases.add(Arguments.of(String.format(Locale.ROOT, "order %09d shipped", random.nextInt(1_000_000_000))));
            cases.add(Arguments.of(String.format(Locale.ROOT, "2026-%02d-%02dT%02d:%02d:%02dZ", 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60))));
            cases.add(Arguments.of(String.format(Locale.ROOT, "at 2026-11-%02d %02d:%02d:00", 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookalikes")
    void leavesIdsOrderNumbersAndTimesAlone(String text) {
        assertThat(masker.maskText(text)).isEqualTo(text);
    }

    /** Luhn-valid numbers of 13 to 19 digits glued to the letters of a label or an id, bare, spaced or dashed. */
    static Stream<Arguments> cardsGluedToLetters() {
        Random random = new Random(4111);
        List<Arguments> cases = new ArrayList<>();
        List<String[]> glue = List.of(new String[] {"Visa", ""}, new String[] {"card:", "x"}, new String[] {"ref", ""},
                new String[] {"", "exp"}, new String[] {"PAN", "CVV"}, new String[] {"n\u00ba", ""},
                new String[] {"id=A", "Z ok"});
        for (int length = 13; length <= 19; length++) {
            for (int n = 0; n < 2; n++) {
                String number = luhnValid(random, length);
                for (Style style : List.of(CARD_STYLES.get(0), CARD_STYLES.get(1), CARD_STYLES.get(2))) {
                    for (String[] around : glue) {
                        cases.add(Arguments.of(number, "note " + around[0] + style.write(number) + around[1]));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cardsGluedToLetters")
    void masksACardGluedToLetters(String number, String text) {
        assertMaskedAsCard(text, number, "[card ****" + number.substring(number.length() - 4) + "]");
    }

    /** Line breaks and whitespace runs a wrapped or pasted card number can carry between two of its groups. */
    static final List<String> SPLITS = List.of("\n", "\r\n", "-\r\n", " \n", "\n    ", "\u2028", "\t\t\t\t",
            "\u00a0\u00a0\u00a0\u00a0", " \t \u00a0 ", "        ");

    /** Luhn-valid numbers of 12 to 19 digits in groups of four, split once at every group boundary. */
    static Stream<Arguments> cardsSplitAcrossLines() {
        Random random = new Random(1111);
        List<Arguments> cases = new ArrayList<>();
        for (int length = 12; length <= 19; length++) {
            String number = luhnValid(random, length);
            String[] groups = CARD_STYLES.get(1).write(number).split(" ");
            for (int cut = 1; cut < groups.length; cut++) {
                for (String split : SPLITS) {
                    String written = String.join(" ", List.of(groups).subList(0, cut)) + split
                            + String.join(" ", List.of(groups).subList(cut, groups.length));
                    cases.add(Arguments.of(number, "Card " + written + " on file."));
                }
            }
            cases.add(Arguments.of(number, "Card\n" + number.substring(0, 8) + "\n" + number.substring(8) + "\nthanks"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cardsSplitAcrossLines")
    void masksACardSplitAcrossALineBreakOrAWhitespaceRun(String number, String text) {
        // a shorter window of the number plus a CVV-sized group may pass Luhn too and name other last four
        assertMaskedAsCard(text, number, "[card ****");
    }

    /** Twelve-digit (Maestro) numbers followed by a three-digit CVV written apart from them. */
    static Stream<Arguments> twelveDigitCardsWithACvv() {
        Random random = new Random(675900);
        List<Arguments> cases = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            String number = luhnValid(random, 12);
            String cvv = String.valueOf(100 + random.nextInt(900));
            // written apart from the card: after the bare number, or after a gap unlike the card's own
            for (Style style : List.of(CARD_STYLES.get(0), CARD_STYLES.get(2), CARD_STYLES.get(3), CARD_STYLES.get(6))) {
                cases.add(Arguments.of(number, "card " + style.write(number) + " " + cvv + " ok"));
                cases.add(Arguments.of(number, style.write(number) + "\t" + cvv));
            }
            cases.add(Arguments.of(number, "card " + CARD_STYLES.get(1).write(number) + "  " + cvv));
            cases.add(Arguments.of(number, "card " + CARD_STYLES.get(1).write(number) + " - " + cvv));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("twelveDigitCardsWithACvv")
    void masksATwelveDigitCardWithItsCvv(String number, String text) {
        assertMaskedAsCard(text, number, "[card ****" + number.substring(8) + "]");
    }

    /**
     * Sixteen-digit numbers with a wrong check digit whose first twelve digits do pass Luhn: read as a
     * twelve-digit card and a four-digit CVV, one in ten of every Luhn-invalid number would be masked.
     */
    static Stream<Arguments> luhnInvalidSixteenDigitNumbersStartingWithAValidTwelve() {
        Random random = new Random(1616);
        List<Arguments> cases = new ArrayList<>();
        while (cases.size() < 40) {
            String number = luhnValid(random, 12) + String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
            if (!TextScanner.luhn(number)) {
                cases.add(Arguments.of("ref " + CARD_STYLES.get(1).write(number) + " ok"));
                cases.add(Arguments.of("ref " + CARD_STYLES.get(2).write(number) + " ok"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("luhnInvalidSixteenDigitNumbersStartingWithAValidTwelve")
    void leavesALuhnInvalidSixteenDigitNumberAloneThoughItsFirstTwelveDigitsPass(String text) {
        assertThat(masker.maskText(text)).isEqualTo(text);
    }

    /** Numbers with a wrong check digit glued to letters or split across a line: still no card. */
    static Stream<Arguments> luhnInvalidNumbersGluedOrSplit() {
        Random random = new Random(43);
        List<Arguments> cases = new ArrayList<>();
        for (int length = 13; length <= 19; length++) {
            for (int n = 0; n < 4; n++) {
                String number = luhnInvalid(random, length);
                cases.add(Arguments.of("ref" + number + " ok"));
                cases.add(Arguments.of("INV-" + number + "x"));
                cases.add(Arguments.of("ref " + number.substring(0, 8) + "\n" + number.substring(8) + " ok"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("luhnInvalidNumbersGluedOrSplit")
    void leavesALuhnInvalidNumberGluedToLettersOrSplitAcrossALineAlone(String text) {
        // a part of ten or eleven digits may be a phone number, and is masked as one
        assertThat(masker.maskText(text)).doesNotContain("[card");
    }

    /** What stands next to a number in a note: counts, years, dates, times, other references. */
    static final List<String> NEIGHBOURS_BEFORE = List.of("3 ", "12 ", "qty 3 ", "2026 ", "on 12/03 ", "order 12345 ",
            "1 2 ", "ref 98 765 ");
    static final List<String> NEIGHBOURS_AFTER = List.of(" 3", " 45", " 3 times", " 2026", " 12/29", " 10:15", " 9 87");

    /** Each kind of identifier, spaced as people write it, with other digit groups on either side or both. */
    static Stream<Arguments> identifiersNextToOtherDigits() {
        List<String[]> identifiers = List.of(
                new String[] {"4111111111111111", "4111 1111 1111 1111"},
                new String[] {"378282246310005", "3782 822463 10005"},
                new String[] {"5555555555554444", "5555-5555-5555-4444"},
                new String[] {"536221904", "536-22-1904"},
                new String[] {"536221904", "536 22 1904"},
                new String[] {"DE89370400440532013000", "DE89 3704 0044 0532 0130 00"},
                new String[] {"DE88370400440532013000", "DE88 3704 0044 0532 0130 00"},
                new String[] {"2025550143", "202 555 0143"},
                new String[] {"5551000042", "555 100 0042"},
                new String[] {"5551000042", "555-100-0042"},
                new String[] {"2079460958", "+44 20 7946 0958"});
        List<Arguments> cases = new ArrayList<>();
        for (String[] identifier : identifiers) {
            for (String before : NEIGHBOURS_BEFORE) {
                cases.add(Arguments.of(identifier[0], before + identifier[1]));
                for (String after : NEIGHBOURS_AFTER) {
                    cases.add(Arguments.of(identifier[0], before + identifier[1] + after));
                }
            }
            for (String after : NEIGHBOURS_AFTER) {
                cases.add(Arguments.of(identifier[0], identifier[1] + after));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("identifiersNextToOtherDigits")
    void masksEveryKindOfIdentifierNextToOtherDigitGroups(String identifier, String text) {
        String masked = masker.maskText(text);
        // the identifier's digits before its last four, as digits in a row (an IBAN's bank code and account)
        String secret = digitsOf(identifier).substring(0, digitsOf(identifier).length() - 4);
        assertThat(digitsOf(masked)).as(masked).doesNotContain(secret);
        assertThat(masker.maskText(masked)).isEqualTo(masked);
    }

    /** UUIDs (conversation and correlation ids) inside sentences, where their digit groups could pass for a card. */
    static Stream<Arguments> uuidsInSentences() {
        Random random = new Random(99);
        List<Arguments> cases = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            cases.add(Arguments.of("conversation " + uuid + " ended"));
            cases.add(Arguments.of("(" + uuid.toUpperCase(Locale.ROOT) + ")"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uuidsInSentences")
    void leavesAUuidInASentenceAlone(String text) {
        assertThat(masker.maskText(text)).isEqualTo(text);
    }

    /** The text masks to one naming the card as {@code label}, with no digits of it raw before its last four, and stays so. */
    static void assertMaskedAsCard(String text, String number, String label) {
        String masked = masker.maskText(text);
        assertThat(masked).contains(label);
        assertThat(digitsOf(masked)).doesNotContain(number.substring(0, number.length() - 4));
        assertThat(masker.maskText(masked)).isEqualTo(masked);
    }

    /** A number of the length whose check digit is wrong. */
    static String luhnInvalid(Random random, int length) {
        String valid = luhnValid(random, length);
        int wrong = (valid.charAt(length - 1) - '0' + 1 + random.nextInt(9)) % 10;
        return valid.substring(0, length - 1) + wrong;
    }

    static String luhnValid(Random random, int length) {
        StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
        while (digits.length() < length - 1) {
            digits.append(random.nextInt(10));
        }
        for (int check = 0; check <= 9; check++) {
            if (TextScanner.luhn(digits.toString() + check)) {
                return digits.append(check).toString();
            }
        }
        throw new AssertionError("no check digit for " + digits);
    }

    /** The ASCII and full-width digits of the text, in order: what a reader could piece a number from. */
    static String digitsOf(String text) {
        StringBuilder digits = new StringBuilder();
        text.codePoints().filter(Character::isDigit).forEach(c -> digits.append(Character.digit(c, 10)));
        return digits.toString();
    }
}
