package com.profilebridge.masking;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The free-text detectors: card numbers (every 12-19 digit window of a run of digit groups,
 * Luhn-checked), US SSNs (3-2-4 with valid area, group and serial), IBANs (mod 97, or the
 * country's registry structure when the checksum is wrong), e-mail addresses, phone numbers
 * (libphonenumber's matcher) and dates after a "date of birth" keyword. Each detector is a single
 * pass over the text; the spans they find are merged and replaced in one more pass, so masking is
 * linear in the text's length.
 */
final class TextScanner {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** Zero-width space, non-joiner, joiner, word joiner and byte order mark. */
    private static final String ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff";

    /** What may sit between the digits of a written phone number besides the separators of a card. */
    private static final String PHONE_PUNCTUATION = "/()";

    /** The longest written phone number a split stretch is searched for: "+1 (555) 100-0042 ext. 12" and a little. */
    private static final int LONGEST_PHONE = 32;

    private static final Pattern DOB_KEYWORD = Pattern.compile(
            "(?i)\\b(?:dob|d\\.o\\.b\\.?|date of birth|birth ?date|birthday|born(?: on)?)(?![a-z])[\\s:=#-]{0,3}");
    private static final Pattern DATE = Pattern.compile(
            "(?:\\d{1,4}[-./ ]\\d{1,2}[-./ ]\\d{1,4}|\\d{1,2}(?:st|nd|rd|th)? [A-Za-z]{3,9}\\.?,? \\d{2,4}"
                    + "|[A-Za-z]{3,9}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{2,4})");

    /** Per country, the BBAN's characters: {@code n} a digit, {@code a} a letter, {@code c} either. */
    private static final Map<String, String> BBANS = bbanStructures();

    /** A date written as one word: 12/03, 03.12.2026, 2026-12-03. */
    private static final Pattern DATE_WORD = Pattern.compile("\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{1,2}[./]\\d{1,2}");

    private final String region;

    /** How many digits a national number of the region can have, with and without its trunk prefix. */
    private final Set<Integer> nationalLengths;

    TextScanner(String region) {
        this.region = region.toUpperCase(Locale.ROOT);
        this.nationalLengths = nationalLengths(this.region);
    }

    private static Set<Integer> nationalLengths(String region) {
        // libphonenumber keeps its length tables to itself: ask it about a number of each length
        int countryCode = PHONES.getCountryCodeForRegion(region);
        String trunk = PHONES.getNddPrefixForRegion(region, true);
        Set<Integer> lengths = new HashSet<>();
        for (int length = 4; length <= 17 && countryCode != 0; length++) {
            PhoneNumber number = new PhoneNumber().setCountryCode(countryCode)
                    .setNationalNumber(Long.parseLong("2".repeat(length)));
            if (PHONES.isPossibleNumberWithReason(number) == ValidationResult.IS_POSSIBLE) {
                lengths.add(length);
                lengths.add(length + (trunk == null ? 0 : trunk.length()));
            }
        }
        return Set.copyOf(lengths);
    }

    String mask(String text) {
        if (isUuid(text)) {
            // a UUID (correlation ids, generated or Genesys'; conversation ids) is never PII, but its hex
            // groups can pass for a card or a phone: left whole, it stays usable in logs, and costs one scan
            return text;
        }
        int digits = 0;
        boolean at = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isAnyDigit(c)) {
                digits++;
            } else if (c == '@') {
                at = true;
            }
        }
        // nothing below can match with fewer digits and no '@': the common case costs one scan
        if (digits < 4 && !at) {
            return text;
        }
        List<Span> spans = new ArrayList<>();
        if (digits >= 4) {
            digitRuns(text, spans);
            birthDates(text, spans);
        }
        if (digits >= 7) {
            ibans(text, spans);
            phones(text, spans);
        }
        if (at) {
            emails(text, spans);
        }
        return spans.isEmpty() ? text : replace(text, spans);
    }

    private record Span(int start, int end, String replacement) {}

    /** The whole text is one UUID in its canonical form ({@code 8-4-4-4-12} hex digits). */
    static boolean isUuid(String text) {
        return text.length() == 36 && uuidAt(text, 0);
    }

    /** A UUID in its canonical form starts at {@code at} and is not followed by more of a word or id. */
    private static boolean isUuidAt(String text, int at) {
        int end = at + 36;
        return end <= text.length() && uuidAt(text, at)
                && (end == text.length() || (!Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '-'));
    }

    private static boolean uuidAt(String text, int at) {
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(at + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String replace(String text, List<Span> spans) {
        spans.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        StringBuilder out = new StringBuilder(text.length());
        int written = 0;
        Span open = null;
        for (Span span : spans) {
            if (open != null && span.start() < open.end()) {
                // overlapping findings merge into one masked span: nothing of either stays raw
                if (span.end() > open.end()) {
                    open = new Span(open.start(), span.end(), open.replacement());
                }
                continue;
            }
            if (open != null) {
                out.append(text, written, open.start()).append(open.replacement());
                written = open.end();
            }
            open = span;
        }
        if (open != null) {
            out.append(text, written, open.start()).append(open.replacement());
            written = open.end();
        }
        return out.append(text, written, text.length()).toString();
    }

    // ---- cards and SSNs: runs of digit groups ----

    /**
     * A maximal run of digits. {@code loose}: joined to the group before it across a line break or a
     * whitespace run longer than three; {@code gluedBefore} / {@code gluedAfter}: a letter touches it
     * ({@code Visa4111...}, {@code ...1111x}).
     */
    private record Group(int start, int end, boolean loose, boolean gluedBefore, boolean gluedAfter) {

        Group(int start, int end) {
            this(start, end, false, false, false);
        }

        int length() {
            return end - start;
        }
    }

    /** How two digit groups are joined. */
    private enum Gap {
        /** Not at all: they belong to different numbers. */
        NONE,
        /** One to three separators on one line: {@code 4111 1111}, {@code 4111 - 1111}. */
        TIGHT,
        /** A whitespace run of up to eight with at most one line break: a wrapped or pasted number. */
        LOOSE
    }

    /** The longest whitespace run (line break and indentation included) that still joins two groups. */
    private static final int LONGEST_GAP = 8;

    private static void digitRuns(String text, List<Span> spans) {
        List<Group> run = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                    && isUuidAt(text, i)) {
                // a UUID's hex groups are no card, also inside a sentence (a conversation id in a note)
                flush(text, run, spans);
                i += 36;
                continue;
            }
            if (!isAnyDigit(c)) {
                i++;
                continue;
            }
            // digits are read wherever they are, also glued to letters: a card number in a label or an id
            // (Visa4111..., ref4111-1111-...) is still a card number
            int start = i;
            while (i < n && isAnyDigit(text.charAt(i))) {
                i++;
            }
            Gap gap = run.isEmpty() ? Gap.NONE : gap(text, run.getLast(), start, i);
            if (gap == Gap.NONE) {
                flush(text, run, spans);
            }
            run.add(new Group(start, i, gap == Gap.LOOSE, start > 0 && isLetter(text.charAt(start - 1)),
                    i < n && isLetter(text.charAt(i))));
        }
        flush(text, run, spans);
    }

    /**
     * Groups are one run when one to three separators lie between them, a single {@code /} between
     * two groups of four digits (a card written {@code 4111/1111/1111/1111}), or a whitespace run of up to
     * eight characters with at most one line break (and at most three dashes or dots): a number
     * wrapped at the end of a line or pasted with tabs is one number. Two line breaks (a paragraph),
     * longer runs or anything else part two numbers.
     */
    private static Gap gap(String text, Group previous, int to, int nextEnd) {
        int from = previous.end();
        int length = to - from;
        if (length == 1 && text.charAt(from) == '/') {
            // 4111/1111/1111/1111: a slash joins groups of four only, so dates (12/03, 2026/12/01) stay dates
            return previous.end() - previous.start() == 4 && nextEnd - to == 4 ? Gap.TIGHT : Gap.NONE;
        }
        if (length > LONGEST_GAP) {
            return Gap.NONE;
        }
        int lineBreaks = 0;
        int marks = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (isLineBreak(c)) {
                // CR LF is one line break
                if (c != '\r' || k + 1 >= to || text.charAt(k + 1) != '\n') {
                    lineBreaks++;
                }
            } else if (!isSeparator(c)) {
                return Gap.NONE;
            } else if (!isSpace(c) && ZERO_WIDTH.indexOf(c) < 0) {
                marks++;
            }
        }
        if (lineBreaks > 1 || marks > 3) {
            return Gap.NONE;
        }
        return lineBreaks == 0 && length <= 3 ? Gap.TIGHT : Gap.LOOSE;
    }

    /** LF, CR, vertical tab, form feed, next line, line and paragraph separators. */
    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * A separator between the digit groups of a card or SSN: any space (tab, no-break, thin,
     * ideographic), any dash (hyphen, en and em dash, full-width hyphen, minus sign), {@code .},
     * {@code _}, and the zero-width characters a copy and paste can carry. Line breaks join groups
     * only as part of a loose gap (see {@link #gap}).
     */
    static boolean isSeparator(char c) {
        if (c < 128) {
            return c == ' ' || c == '-' || c == '.' || c == '_' || c == '\t';
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.DASH_PUNCTUATION || c == '\u2212'
                || ZERO_WIDTH.indexOf(c) >= 0;
    }

    private static void flush(String text, List<Group> run, List<Span> spans) {
        if (run.isEmpty()) {
            return;
        }
        cards(text, run, spans);
        ssns(text, run, spans);
        run.clear();
    }

    /** Whether group {@code i} starts a segment of its run: the run's first group, or one after a loose gap. */
    private static boolean segmentStarts(List<Group> run, int i) {
        return i == 0 || run.get(i).loose();
    }

    /** Whether group {@code j} ends a segment of its run: the run's last group, or one before a loose gap. */
    private static boolean segmentEnds(List<Group> run, int j) {
        return j == run.size() - 1 || run.get(j + 1).loose();
    }

    private static void cards(String text, List<Group> run, List<Span> spans) {
        int n = run.size();
        for (int i = 0; i < n; i++) {
            if (run.get(i).gluedBefore() && run.get(i).length() < 4) {
                // a card glued to a label starts with a whole group; two digits after letters are an IBAN's
                // check digits (GB29 1234 ...) or a version (v12 ...)
                continue;
            }
            int count = 0;
            for (int j = i; j < n; j++) {
                count += run.get(j).length();
                if (count > 19) {
                    break;
                }
                if (count < 12) {
                    continue;
                }
                String digits = digits(text, run, i, j);
                if (count == 12) {
                    twelveDigits(text, run, i, j, digits, spans);
                    continue;
                }
                if (!luhn(digits)) {
                    continue;
                }
                int end = run.get(j).end();
                // a CVV or expiry group right after the number goes with it
                if (j + 1 < n && !run.get(j + 1).loose() && run.get(j + 1).length() >= 3 && run.get(j + 1).length() <= 4) {
                    end = run.get(j + 1).end();
                }
                spans.add(new Span(run.get(i).start(), end, "[card ****" + digits.substring(digits.length() - 4) + "]"));
            }
        }
    }

    /**
     * Twelve digits (Maestro) are a card when they are alone: the whole run, a segment of it between
     * line breaks, or followed only by a three-digit CVV, and not glued to letters. Twelve digits cut
     * from a longer run would pass Luhn in two windows of every Luhn-invalid sixteen-digit number
     * one time in five; a four-digit group after them is the rest of such a number, never a Maestro
     * CVV (three digits).
     */
    private static void twelveDigits(String text, List<Group> run, int i, int j, String digits, List<Span> spans) {
        Group first = run.get(i);
        if (first.gluedBefore() || !segmentStarts(run, i) || !luhn(digits)) {
            return;
        }
        int end;
        if (segmentEnds(run, j) && !run.get(j).gluedAfter()) {
            end = run.get(j).end();
        } else if (cvvAfter(text, run, i, j)) {
            end = run.get(j + 1).end();
        } else {
            return;
        }
        spans.add(new Span(first.start(), end, "[card ****" + digits.substring(8) + "]"));
    }

    /**
     * Whether the group after {@code j} is a CVV written apart from the twelve digits {@code i..j}:
     * three digits that end the segment, after the bare twelve digits or after a gap unlike the ones
     * between the card's groups. Written with the same separator (9706 9425 2895 803) the fifteen
     * digits are one number, a card only if they pass Luhn together.
     */
    private static boolean cvvAfter(String text, List<Group> run, int i, int j) {
        if (segmentEnds(run, j)) {
            return false;
        }
        Group cvv = run.get(j + 1);
        if (cvv.length() != 3 || !segmentEnds(run, j + 1) || cvv.gluedAfter()) {
            return false;
        }
        return i == j || !text.substring(run.get(j).end(), cvv.start()).equals(text.substring(run.get(i).end(),
                run.get(i + 1).start()));
    }

    private static void ssns(String text, List<Group> run, List<Span> spans) {
        int n = run.size();
        for (int i = 0; i < n; i++) {
            Group g = run.get(i);
            // nine bare digits are an SSN only when the text says so: order numbers have nine digits too;
            // said so, a letter typed right after them (ssn 123456789x) does not make them anything else
            if (g.length() == 9 && segmentStarts(run, i) && segmentEnds(run, i)
                    && keywordBefore(text, g.start())) {
                String d = ascii(text, g.start(), g.end());
                if (validSsn(d.substring(0, 3), d.substring(3, 5), d.substring(5))) {
                    spans.add(new Span(g.start(), g.end(), "[ssn ***-**-" + d.substring(5) + "]"));
                }
            }
        }
        for (int i = 0; i + 2 < n; i++) {
            Group a = run.get(i);
            Group b = run.get(i + 1);
            Group c = run.get(i + 2);
            if (a.length() != 3 || b.length() != 2 || c.length() != 4 || b.loose() || c.loose()) {
                continue;
            }
            // a letter right after (123-45-6789x) makes it a part number, unless the text said "ssn" before
            if (c.gluedAfter() && !keywordBefore(text, a.start())) {
                continue;
            }
            // glued to letters (A123-45-6789) it is a part number, unless the letters are the keyword (SSN123-45-6789)
            if (a.gluedBefore() && !keywordBefore(text, a.start())) {
                continue;
            }
            if (b.start() - a.end() != 1 || c.start() - b.end() != 1
                    || text.charAt(a.end()) != text.charAt(b.end())) {
                continue;
            }
            String serial = ascii(text, c.start(), c.end());
            if (validSsn(ascii(text, a.start(), a.end()), ascii(text, b.start(), b.end()), serial)) {
                spans.add(new Span(a.start(), c.end(), "[ssn ***-**-" + serial + "]"));
            }
        }
    }

    /** "ssn", "social security" or "ss#" in the 24 characters before {@code at}. */
    private static boolean keywordBefore(String text, int at) {
        String before = text.substring(Math.max(0, at - 24), at).toLowerCase(Locale.ROOT);
        return before.contains("ssn") || before.contains("social security") || before.contains("ss#");
    }

    /** SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000. */
    static boolean validSsn(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000");
    }

    private static String digits(String text, List<Group> run, int from, int to) {
        StringBuilder out = new StringBuilder(19);
        for (int k = from; k <= to; k++) {
            appendAscii(text, run.get(k).start(), run.get(k).end(), out);
        }
        return out.toString();
    }

    /** The digits as ASCII: full-width and other decimal digits count as what they are. */
    private static String ascii(String text, int from, int to) {
        return appendAscii(text, from, to, new StringBuilder()).toString();
    }

    private static StringBuilder appendAscii(String text, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append((char) ('0' + Character.digit(text.charAt(k), 10)));
        }
        return out;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    // ---- IBANs ----

    private static void ibans(String text, List<Span> spans) {
        int n = text.length();
        for (int i = 0; i + 4 <= n; i++) {
            if (!isAsciiLetter(text.charAt(i)) || !isAsciiLetter(text.charAt(i + 1))
                    || !isDigit(text.charAt(i + 2)) || !isDigit(text.charAt(i + 3))
                    || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                continue;
            }
            String bban = BBANS.get(text.substring(i, i + 2).toUpperCase(Locale.ROOT));
            if (bban == null) {
                continue;
            }
            int length = bban.length() + 4;
            StringBuilder iban = new StringBuilder(length);
            int k = i;
            while (k < n && iban.length() < length) {
                char c = text.charAt(k);
                if (isAsciiLetter(c) || isDigit(c)) {
                    iban.append(Character.toUpperCase(c));
                    k++;
                } else if ((c == ' ' || c == '-') && k + 1 < n && Character.isLetterOrDigit(text.charAt(k + 1))
                        && iban.length() > 0) {
                    k++;
                } else {
                    break;
                }
            }
            // A wrong check digit is still someone's account number with a typo in it: masked when the
            // rest has the shape the country's registry entry gives (where digits and letters go), which
            // a UUID or an order number of the same length almost never has.
            if (iban.length() == length && ends(text, k) && (mod97(iban) == 1 || fits(iban, bban))) {
                spans.add(new Span(i, k, "[iban " + iban.substring(0, 2) + " ****" + iban.substring(length - 4) + "]"));
                i = k - 1;
            }
        }
    }

    /**
     * Whether the IBAN's characters end at {@code k}: not glued to more letters or digits, and not
     * followed by a dash and more of them (a UUID's first groups can have an IBAN's length).
     */
    private static boolean ends(String text, int k) {
        return k == text.length() || (!Character.isLetterOrDigit(text.charAt(k))
                && !(text.charAt(k) == '-' && k + 1 < text.length() && Character.isLetterOrDigit(text.charAt(k + 1))));
    }

    /** Whether the characters after the check digits are digits and letters where the BBAN structure says. */
    static boolean fits(CharSequence iban, String bban) {
        for (int k = 0; k < bban.length(); k++) {
            char c = iban.charAt(k + 4);
            char kind = bban.charAt(k);
            if ((kind == 'n' && !isDigit(c)) || (kind == 'a' && !isAsciiLetter(c))) {
                return false;
            }
        }
        return true;
    }

    static int mod97(CharSequence iban) {
        int remainder = 0;
        for (int k = 0; k < iban.length(); k++) {
            char c = iban.charAt((k + 4) % iban.length());
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder;
    }

    // ---- e-mail addresses ----

    /** What replaces an address a reader cannot be shown even the first letter of: too long, or quoted. */
    private static final String WHOLE_ADDRESS = "[email ****]";

    private static void emails(String text, List<Span> spans) {
        int n = text.length();
        int from = 0;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = localPartStart(text, from, at);
            if (start < 0) {
                continue;
            }
            // neither part's scan crosses another '@', so all scans together read the text once
            int end = at + 1;
            while (end < n && isDomainChar(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (!hasTopLevelDomain(text, at + 1, end)) {
                continue;
            }
            // RFC 5321 allows 64 characters before the '@' and 255 after it; a longer or a quoted local
            // part is still someone's address (or a secret that looks like one): nothing of it is shown
            if (text.charAt(at - 1) == '"' || text.codePointCount(start, at) > 64 || end - at - 1 > 255) {
                spans.add(new Span(start, end, WHOLE_ADDRESS));
            } else {
                String first = Character.toString(Character.toLowerCase(text.codePointAt(start)));
                spans.add(new Span(start, end, first + "***" + text.substring(at, end).toLowerCase(Locale.ROOT)));
            }
            from = end;
        }
    }

    /**
     * Where the local part before the '@' at {@code at} starts (not before {@code from}); -1 without
     * one. A local part that ends in a quote starts at its opening quote on the same line (a quoted
     * local part, "ada lovelace"@example.com) or, with none, at the characters before the quote (a
     * stray one, ada"@example.com): either way the address is masked whole.
     */
    private static int localPartStart(String text, int from, int at) {
        int end = at;
        if (at > from && text.charAt(at - 1) == '"') {
            for (int open = at - 2; open >= from && text.charAt(open) != '@' && text.charAt(open) != '\n'; open--) {
                if (text.charAt(open) == '"') {
                    return open < at - 2 ? open : -1;
                }
            }
            end = at - 1;
        }
        int start = end;
        while (start > from && isLocalChar(text.codePointBefore(start))) {
            start -= Character.charCount(text.codePointBefore(start));
        }
        while (start < end && text.charAt(start) == '.') {
            start++;
        }
        return start == end ? -1 : start;
    }

    /** A dot inside the domain, then a top-level domain of two or more letters (any script) or an IDN {@code xn--} label. */
    private static boolean hasTopLevelDomain(String text, int from, int to) {
        int dot = to - 1;
        while (dot > from && text.charAt(dot) != '.') {
            dot--;
        }
        if (dot <= from || to - dot - 1 < 2) {
            return false;
        }
        // an IDN label in its ASCII form has digits and dashes after "xn--"; a domain never ends in a dash
        boolean punycode = text.regionMatches(true, dot + 1, "xn--", 0, 4);
        for (int k = dot + 1; k < to; k += Character.charCount(text.codePointAt(k))) {
            int c = text.codePointAt(k);
            if (!Character.isLetter(c) && !(punycode && ((c >= '0' && c <= '9') || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLocalChar(int c) {
        // no '*': a masked address (a***@example.com) is not found again, so masking is idempotent
        return Character.isLetterOrDigit(c) || ".!#$%&'+/=?^_`{|}~-".indexOf(c) >= 0;
    }

    private static boolean isDomainChar(int c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-';
    }

    // ---- phone numbers ----

    private void phones(String text, List<Span> spans) {
        int n = text.length();
        // the matcher costs tens of microseconds a call: the calls for split stretches have a budget that
        // grows with the text, so a page of nothing but numbers still costs a bounded time per character
        int[] budget = {16 + n / 32};
        int i = 0;
        while (i < n) {
            if (!isAnyDigit(text.charAt(i))) {
                i++;
                continue;
            }
            // a stretch of digits and phone punctuation; libphonenumber's matcher only looks at
            // stretches with enough digits to be a phone number
            int start = i;
            int end = i;
            int digits = 0;
            while (i < n && (isAnyDigit(text.charAt(i)) || isPhonePunctuation(text.charAt(i)))) {
                if (isAnyDigit(text.charAt(i))) {
                    digits++;
                    end = i + 1;
                }
                i++;
            }
            if (digits >= 7 && !covered(spans, start, end)) {
                // the matcher sees a little context: a leading '+' or '(' and what follows (": 00" of a time)
                int from = Math.max(0, start - 2);
                int to = Math.min(n, end + 6);
                for (PhoneNumberMatch match : PHONES.findNumbers(text.substring(from, to), region, Leniency.POSSIBLE,
                        Long.MAX_VALUE)) {
                    phone(text, from + match.start(), from + match.end(), match, spans);
                }
                splitStretch(text, start, end, spans, budget);
            }
        }
    }

    /**
     * The matcher takes a stretch of digit groups as one candidate: "12/03 555 100 0042" (a date
     * before the number) or "(555) 100-0042 3" (a count after it) is no phone number to it, and it
     * does not look for one inside. So the stretch's words (split at spaces) that no finding covers
     * are asked again as shorter runs of whole words, the longest first from each word: a phone
     * number next to other digits is found, and only as whole words (never the tail of "1234").
     * Dates are no part of a phone number. A run that is only part of the digits around it must be
     * written unmistakably as a phone (a '+', brackets, dashes or dots) or be a valid number grouped
     * the way its region writes it: ten digits picked from a longer row of groups are otherwise a
     * possible, and often a valid, US number by their length alone.
     */
    private void splitStretch(String text, int start, int end, List<Span> spans, int[] budget) {
        List<Group> words = new ArrayList<>();
        for (int k = start; k < end;) {
            while (k < end && isSpace(text.charAt(k))) {
                k++;
            }
            int word = k;
            while (k < end && !isSpace(text.charAt(k))) {
                k++;
            }
            words.add(new Group(word, k));
        }
        boolean timeFollows = end + 1 < text.length() && text.charAt(end) == ':' && isAnyDigit(text.charAt(end + 1));
        int last = words.size() - 1;
        for (int i = 0; i <= last; i++) {
            Group first = words.get(i);
            if (!free(text, spans, first) || digitsIn(text, first) == 0) {
                continue;
            }
            boolean runStarts = i == 0 || !free(text, spans, words.get(i - 1));
            // the longest run of free words from word i with at most 15 digits (E.164) in a phone-sized text
            int j = i;
            int digits = digitsIn(text, first);
            while (j < last && free(text, spans, words.get(j + 1))
                    && words.get(j + 1).end() - first.start() <= LONGEST_PHONE
                    && digits + digitsIn(text, words.get(j + 1)) <= 15) {
                j++;
                digits += digitsIn(text, words.get(j));
            }
            for (; j >= i && digits >= 7; digits -= digitsIn(text, words.get(j)), j--) {
                // the whole stretch was asked already; one followed by ":15" ends in the hour of a time stamp;
                // without a '+' before it a number has as many digits as the region's numbers
                if ((i == 0 && j == last) || (j == last && timeFollows)
                        || (!international(text, first) && !nationalLengths.contains(digits))) {
                    continue;
                }
                if (budget[0]-- <= 0) {
                    return;
                }
                boolean wholeRun = runStarts && (j == last || !free(text, spans, words.get(j + 1)));
                if (phoneOfWholeWords(text, first.start(), words.get(j).end(), wholeRun, spans)) {
                    i = j;
                    break;
                }
            }
        }
    }

    /** Whether the text from {@code from} to {@code to} (with a '+' or '(' before it) is one phone number; masked if so. */
    private boolean phoneOfWholeWords(String text, int from, int to, boolean wholeRun, List<Span> spans) {
        int context = from > 0 && (text.charAt(from - 1) == '+' || text.charAt(from - 1) == '(') ? from - 1 : from;
        String candidate = text.substring(context, to);
        for (PhoneNumberMatch match : PHONES.findNumbers(candidate, region, Leniency.POSSIBLE, Long.MAX_VALUE)) {
            if (context + match.start() > from || context + match.end() != to) {
                continue;
            }
            if (wholeRun || writtenAsAPhone(match.rawString()) || groupedAsTheRegionWrites(match)) {
                return phone(text, context + match.start(), to, match, spans);
            }
            // Cut from a longer row of groups, ten digits are a valid US number more often than not
            // ("9846 9297 86" of a 22-digit id): only a number grouped as the region writes it counts.
            if (PHONES.isValidNumber(match.number())) {
                for (PhoneNumberMatch grouped : PHONES.findNumbers(candidate, region, Leniency.EXACT_GROUPING,
                        Long.MAX_VALUE)) {
                    if (context + grouped.start() <= from && context + grouped.end() == to) {
                        return phone(text, context + grouped.start(), to, grouped, spans);
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the number's digit groups are the ones its national format has (555 100 0042 as
     * (555) 100-0042), after an optional group of its own for the trunk prefix or country code
     * (1 555 100 0042). A possible number that is not valid (555 numbers, new ranges) next to other
     * digits is told from a slice of a longer id by this grouping alone.
     */
    private static boolean groupedAsTheRegionWrites(PhoneNumberMatch match) {
        List<Integer> national = groupLengths(PHONES.format(match.number(), PhoneNumberFormat.NATIONAL));
        List<Integer> written = groupLengths(match.rawString());
        return national.size() > 1 && (written.equals(national)
                || (written.size() == national.size() + 1 && written.subList(1, written.size()).equals(national)));
    }

    private static List<Integer> groupLengths(String text) {
        List<Integer> lengths = new ArrayList<>();
        int length = 0;
        for (int k = 0; k <= text.length(); k++) {
            if (k < text.length() && isAnyDigit(text.charAt(k))) {
                length++;
            } else if (length > 0) {
                lengths.add(length);
                length = 0;
            }
        }
        return lengths;
    }

    private static boolean international(String text, Group first) {
        return first.start() > 0 && text.charAt(first.start() - 1) == '+';
    }

    /** A word free for the phone search: no finding covers it and it is not a date. */
    private static boolean free(String text, List<Span> spans, Group word) {
        return !overlaps(spans, word) && !DATE_WORD.matcher(text).region(word.start(), word.end()).matches();
    }

    /** A {@code +}, brackets, or digits grouped with dashes or dots: how phone numbers are written, not amounts or ids. */
    private static boolean writtenAsAPhone(String raw) {
        return raw.startsWith("+") || raw.startsWith("(") || raw.matches(".*\\d[-.\u2010-\u2013]\\d.*");
    }

    private static boolean overlaps(List<Span> spans, Group word) {
        for (Span span : spans) {
            if (span.start() < word.end() && span.end() > word.start()) {
                return true;
            }
        }
        return false;
    }

    private static int digitsIn(String text, Group word) {
        int digits = 0;
        for (int k = word.start(); k < word.end(); k++) {
            if (isAnyDigit(text.charAt(k))) {
                digits++;
            }
        }
        return digits;
    }

    /** A stretch a card, SSN, IBAN or date of birth finding already masks needs no phone matching. */
    private static boolean covered(List<Span> spans, int start, int end) {
        for (Span span : spans) {
            if (span.start() <= start && span.end() >= end) {
                return true;
            }
        }
        return false;
    }

    /** Masks the match unless it is part of an identifier or not a number a person would be called on. */
    private static boolean phone(String text, int start, int end, PhoneNumberMatch match, List<Span> spans) {
        if (insideAnIdentifier(text, start, end)) {
            return false;
        }
        PhoneNumber number = match.number();
        if (PHONES.isValidNumber(number) || (looksLikeAPhone(match.rawString())
                && PHONES.isPossibleNumberWithReason(number) == ValidationResult.IS_POSSIBLE)) {
            String national = PHONES.getNationalSignificantNumber(number);
            spans.add(new Span(start, end, "[phone ****" + national.substring(Math.max(0, national.length() - 4)) + "]"));
            return true;
        }
        return false;
    }

    /**
     * Digits that are part of a larger token ({@code ORD-2026-000123}, a UUID's {@code f1296078-197d})
     * are an identifier, not a phone number.
     */
    private static boolean insideAnIdentifier(String text, int start, int end) {
        if (start > 0) {
            char before = text.charAt(start - 1);
            if (Character.isLetterOrDigit(before) || ("-_/#.".indexOf(before) >= 0 && start > 1
                    && Character.isLetterOrDigit(text.charAt(start - 2)))) {
                return true;
            }
        }
        if (end < text.length()) {
            char after = text.charAt(end);
            return Character.isLetterOrDigit(after) || ("-_/".indexOf(after) >= 0 && end + 1 < text.length()
                    && Character.isLetterOrDigit(text.charAt(end + 1)));
        }
        return false;
    }

    /**
     * Numbers that are possible but not valid (555 numbers, new ranges) count only when written as
     * a phone: with a {@code +}, brackets or separators. A bare possible-only digit string is far more
     * often an order or reference number.
     */
    private static boolean looksLikeAPhone(String raw) {
        if (raw.startsWith("+") || raw.startsWith("(")) {
            return true;
        }
        for (int k = 0; k < raw.length(); k++) {
            if (!isAnyDigit(raw.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    // ---- dates of birth named as such ----

    private static void birthDates(String text, List<Span> spans) {
        Matcher keyword = DOB_KEYWORD.matcher(text);
        Matcher date = DATE.matcher(text);
        while (keyword.find()) {
            date.region(keyword.end(), Math.min(text.length(), keyword.end() + 24));
            if (date.lookingAt()) {
                spans.add(new Span(date.start(), date.end(), "[dob ****]"));
            }
        }
    }

    /** A letter of any script: digits touching one are glued to a word. */
    private static boolean isLetter(char c) {
        return Character.isLetterOrDigit(c) && !isAnyDigit(c);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** An ASCII digit or any other decimal digit (full-width, Arabic-Indic, ...). */
    private static boolean isAnyDigit(char c) {
        return (c >= '0' && c <= '9') || (c > 127 && Character.isDigit(c));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || (c > 127 && Character.isSpaceChar(c));
    }

    private static boolean isPhonePunctuation(char c) {
        return (isSeparator(c) && c != '_') || PHONE_PUNCTUATION.indexOf(c) >= 0;
    }

    private static Map<String, String> bbanStructures() {
        // SWIFT IBAN registry: country code and the BBAN after the two check digits, as runs of
        // n (digits), a (letters) and c (either); the IBAN's length is the BBAN's plus four
        String table = "AD8n12c AE3n16c AL8n16c AT16n AZ4a20c BA16n BE12n BG4a6n8c BH4a14c BI23n BR23n1a1c BY4c4n16c "
                + "CH5n12c CR18n CY8n16c CZ20n DE18n DJ23n DK14n DO4c20n EE16n EG25n ES20n FI14n FK2a12n FO14n "
                + "FR10n11c2n GB4a14n GE2a16n GI4a15c GL14n GR7n16c GT24c HN4a20n HR17n HU24n IE4a14n IL19n IQ4a15n "
                + "IS22n IT1a10n12c JO4a4n18c KW4a22c KZ3n13c LB4n20c LC4a24c LI5n12c LT16n LU3n13c LV4a13c LY21n "
                + "MC10n11c2n MD20c ME18n MK3n10c2n MN16n MR23n MT4a5n18c MU6c2n18c NI4a20n NL4a10n NO11n OM3n16c "
                + "PK20c PL24n PS4a21c PT21n QA4a21c RO4a16c RS18n RU14n15c SA2n18c SC4a20n3a SD14n SE20n SI15n "
                + "SK20n SM1a10n12c SO19n ST21n SV4a20n TL19n TN20n TR5n17c UA6n19c VA18n VG4a16n XK16n YE4a4n18c";
        Map<String, String> structures = new HashMap<>();
        Matcher run = Pattern.compile("(\\d+)([nac])").matcher("");
        for (String entry : table.split(" ")) {
            StringBuilder bban = new StringBuilder();
            run.reset(entry.substring(2));
            while (run.find()) {
                bban.repeat(run.group(2), Integer.parseInt(run.group(1)));
            }
            structures.put(entry.substring(0, 2), bban.toString());
        }
        return Map.copyOf(structures);
    }
}
