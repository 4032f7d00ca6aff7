package com.profilebridge.masking;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The free-text detectors: card numbers (every 12-19 digit window of a run of digit groups,
 * Luhn-checked), US SSNs (3-2-4 with valid area, group and serial), IBANs (country length and
 * mod 97), e-mail addresses, phone numbers (libphonenumber's matcher) and dates after a
 * "date of birth" keyword. Each detector is a single pass over the text; the spans they find
 * are merged and replaced in one more pass, so masking is linear in the text's length.
 */
final class TextScanner {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** Separator characters that may sit between the digit groups of a card, SSN or phone. */
    private static final String SEPARATORS = " \t\u00a0\u2007\u202f-\u2010\u2011\u2012\u2013\u2014._";

    /** What may sit between the digits of a written phone number. */
    private static final String PHONE_PUNCTUATION = " \t\u00a0-\u2010\u2011\u2012\u2013./()";

    private static final Pattern DOB_KEYWORD = Pattern.compile(
            "(?i)\\b(?:dob|d\\.o\\.b\\.?|date of birth|birth ?date|birthday|born(?: on)?)(?![a-z])[\\s:=#-]{0,3}");
    private static final Pattern DATE = Pattern.compile(
            "(?:\\d{1,4}[-./ ]\\d{1,2}[-./ ]\\d{1,4}|\\d{1,2}(?:st|nd|rd|th)? [A-Za-z]{3,9}\\.?,? \\d{2,4}"
                    + "|[A-Za-z]{3,9}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{2,4})");

    private static final Map<String, Integer> IBAN_LENGTHS = ibanLengths();

    private final String region;

    TextScanner(String region) {
        this.region = region.toUpperCase(Locale.ROOT);
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
            if (c >= '0' && c <= '9') {
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
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
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

    /** A maximal run of digits standing alone (not part of a word such as {@code a456}). */
    private record Group(int start, int end) {
        int length() {
            return end - start;
        }
    }

    private static void digitRuns(String text, List<Span> spans) {
        List<Group> run = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean allDigits = true;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                char d = text.charAt(i);
                allDigits &= d >= '0' && d <= '9';
                i++;
            }
            if (!allDigits) {
                flush(text, run, spans);
                continue;
            }
            if (!run.isEmpty() && !joined(text, run.getLast().end(), start)) {
                flush(text, run, spans);
            }
            run.add(new Group(start, i));
        }
        flush(text, run, spans);
    }

    /** Groups are one run when one to three separator characters (and nothing else) lie between them. */
    private static boolean joined(String text, int from, int to) {
        int gap = to - from;
        if (gap < 1 || gap > 3) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (SEPARATORS.indexOf(text.charAt(k)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void flush(String text, List<Group> run, List<Span> spans) {
        if (run.isEmpty()) {
            return;
        }
        cards(text, run, spans);
        ssns(text, run, spans);
        run.clear();
    }

    private static void cards(String text, List<Group> run, List<Span> spans) {
        int n = run.size();
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = i; j < n; j++) {
                count += run.get(j).length();
                if (count > 19) {
                    break;
                }
                // a window that is the whole run may be 12 digits (Maestro); a part of a run needs 13,
                // or two 12-digit slices of every 16-digit Luhn-invalid number would pass one time in five
                int min = i == 0 && j == n - 1 ? 12 : 13;
                if (count < min) {
                    continue;
                }
                String digits = digits(text, run, i, j);
                if (!luhn(digits)) {
                    continue;
                }
                int end = run.get(j).end();
                // a CVV or expiry group right after the number goes with it
                if (j + 1 < n && run.get(j + 1).length() >= 3 && run.get(j + 1).length() <= 4) {
                    end = run.get(j + 1).end();
                }
                spans.add(new Span(run.get(i).start(), end, "[card ****" + digits.substring(digits.length() - 4) + "]"));
            }
        }
    }

    private static void ssns(String text, List<Group> run, List<Span> spans) {
        int n = run.size();
        if (n == 1 && run.getFirst().length() == 9) {
            Group g = run.getFirst();
            // nine bare digits are an SSN only when the text says so: order numbers have nine digits too
            String before = text.substring(Math.max(0, g.start() - 24), g.start()).toLowerCase(Locale.ROOT);
            String d = text.substring(g.start(), g.end());
            if ((before.contains("ssn") || before.contains("social security") || before.contains("ss#"))
                    && validSsn(d.substring(0, 3), d.substring(3, 5), d.substring(5))) {
                spans.add(new Span(g.start(), g.end(), "[ssn ***-**-" + d.substring(5) + "]"));
            }
            return;
        }
        for (int i = 0; i + 2 < n; i++) {
            Group a = run.get(i);
            Group b = run.get(i + 1);
            Group c = run.get(i + 2);
            if (a.length() != 3 || b.length() != 2 || c.length() != 4) {
                continue;
            }
            if (b.start() - a.end() != 1 || c.start() - b.end() != 1
                    || text.charAt(a.end()) != text.charAt(b.end())) {
                continue;
            }
            String serial = text.substring(c.start(), c.end());
            if (validSsn(text.substring(a.start(), a.end()), text.substring(b.start(), b.end()), serial)) {
                spans.add(new Span(a.start(), c.end(), "[ssn ***-**-" + serial + "]"));
            }
        }
    }

    /** SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000. */
    static boolean validSsn(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000");
    }

    private static String digits(String text, List<Group> run, int from, int to) {
        StringBuilder out = new StringBuilder(19);
        for (int k = from; k <= to; k++) {
            out.append(text, run.get(k).start(), run.get(k).end());
        }
        return out.toString();
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
            Integer length = IBAN_LENGTHS.get(text.substring(i, i + 2).toUpperCase(Locale.ROOT));
            if (length == null) {
                continue;
            }
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
            if (iban.length() == length && (k == n || !Character.isLetterOrDigit(text.charAt(k)))
                    && mod97(iban) == 1) {
                spans.add(new Span(i, k, "[iban " + iban.substring(0, 2) + " ****" + iban.substring(length - 4) + "]"));
                i = k - 1;
            }
        }
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

    private static void emails(String text, List<Span> spans) {
        int n = text.length();
        int from = 0;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = at;
            while (start > from && at - start < 64 && isLocalChar(text.charAt(start - 1))) {
                start--;
            }
            while (start < at && text.charAt(start) == '.') {
                start++;
            }
            int end = at + 1;
            while (end < n && end - at < 254 && isDomainChar(text.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (start == at || !hasTopLevelDomain(text, at + 1, end)) {
                continue;
            }
            String domain = text.substring(at, end).toLowerCase(Locale.ROOT);
            spans.add(new Span(start, end, Character.toLowerCase(text.charAt(start)) + "***" + domain));
            from = end;
        }
    }

    private static boolean hasTopLevelDomain(String text, int from, int to) {
        int dot = text.lastIndexOf('.', to - 1);
        if (dot <= from || to - dot - 1 < 2) {
            return false;
        }
        for (int k = dot + 1; k < to; k++) {
            if (!isAsciiLetter(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLocalChar(char c) {
        // no '*': a masked address (a***@example.com) is not found again, so masking is idempotent
        return isAsciiLetter(c) || isDigit(c) || ".!#$%&'+/=?^_`{|}~-".indexOf(c) >= 0;
    }

    private static boolean isDomainChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '-';
    }

    // ---- phone numbers ----

    private void phones(String text, List<Span> spans) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            // a stretch of digits and phone punctuation; libphonenumber's matcher (tens of microseconds
            // per call) only looks at stretches with enough digits to be a phone number
            int start = i;
            int end = i;
            int digits = 0;
            while (i < n && (isDigit(text.charAt(i)) || PHONE_PUNCTUATION.indexOf(text.charAt(i)) >= 0)) {
                if (isDigit(text.charAt(i))) {
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
            }
        }
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

    private static void phone(String text, int start, int end, PhoneNumberMatch match, List<Span> spans) {
        if (insideAnIdentifier(text, start, end)) {
            return;
        }
        PhoneNumber number = match.number();
        if (PHONES.isValidNumber(number) || (looksLikeAPhone(match.rawString())
                && PHONES.isPossibleNumberWithReason(number) == ValidationResult.IS_POSSIBLE)) {
            String national = PHONES.getNationalSignificantNumber(number);
            spans.add(new Span(start, end, "[phone ****" + national.substring(Math.max(0, national.length() - 4)) + "]"));
        }
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
            if (!isDigit(raw.charAt(k))) {
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

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Map<String, Integer> ibanLengths() {
        // SWIFT IBAN registry: country code and total length
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 "
                + "DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 "
                + "IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 "
                + "MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 QA29 RO24 RS22 RU33 SA24 SC31 "
                + "SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        Map<String, Integer> lengths = new HashMap<>();
        for (String entry : table.split(" ")) {
            lengths.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
        return Map.copyOf(lengths);
    }
}
