package com.profilebridge.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The free-text detectors at the edges of their rules: lengths, separators, keywords and checksums. */
class TextScannerTests {

    final PiiMasker masker = new PiiMasker();

    @Test
    void masksCardNumbersFromThirteenToNineteenDigits() {
        assertThat(masker.maskText("visa 4222222222222 ok")).isEqualTo("visa [card ****2222] ok");
        assertThat(masker.maskText("unionpay 6220 0000 0000 0000 008 ok")).isEqualTo("unionpay [card ****0008] ok");
        assertThat(masker.maskText("unionpay 6220000000000000008")).isEqualTo("unionpay [card ****0008]");
    }

    @Test
    void leavesATwentyDigitReferenceAloneEvenWhenItPassesLuhn() {
        assertThat(masker.maskText("ref 41111111111111111115 ok")).isEqualTo("ref 41111111111111111115 ok");
    }

    @Test
    void masksATwelveDigitMaestroOnlyWhenItStandsAlone() {
        assertThat(masker.maskText("maestro 675900000000 ok")).isEqualTo("maestro [card ****0000] ok");
        assertThat(masker.maskText("order 1234 675900000000")).isEqualTo("order 1234 675900000000");
    }

    @Test
    void takesAThreeOrFourDigitCvvOrExpiryWithTheCard() {
        assertThat(masker.maskText("card 4111 1111 1111 1111 1234 x")).isEqualTo("card [card ****1111] x");
        assertThat(masker.maskText("card 4111 1111 1111 1111 123 x")).isEqualTo("card [card ****1111] x");
        assertThat(masker.maskText("card 4111 1111 1111 1111 12345 x")).isEqualTo("card [card ****1111] 12345 x");
        assertThat(masker.maskText("card 4111 1111 1111 1111 12 x")).isEqualTo("card [card ****1111] 12 x");
    }

    @Test
    void joinsDigitGroupsAcrossUpToThreeSeparators() {
        assertThat(masker.maskText("card 4111-1111---1111-1111 x")).isEqualTo("card [card ****1111] x");
        assertThat(masker.maskText("card 4111 1111    1111 1111 x")).isEqualTo("card 4111 1111    1111 1111 x");
    }

    @Test
    void masksTwoCardsInOneLineSeparately() {
        assertThat(masker.maskText("x 4111111111111111 / 5555555555554444"))
                .isEqualTo("x [card ****1111] / [card ****4444]");
    }

    @Test
    void masksOverlappingCardFindingsAsOneSpan() {
        // 24 digits in one run: the first 16 and the last 16 both pass Luhn, nothing raw stays between them
        assertThat(masker.maskText("4111 1111 1111 1111 1111 1111")).isEqualTo("[card ****1111] 1111");
    }

    @Test
    void masksTwoOverlappingCardNumbersInOneRunWhole() {
        // 41111 11111 11116 and 11111 11116 00004 both pass Luhn: not one digit of either stays
        assertThat(masker.maskText("pan 41111 11111 11116 00004 end")).isEqualTo("pan [card ****1116] end");
    }

    @Test
    void doesNotJoinDigitGroupsAcrossOtherPunctuation() {
        assertThat(masker.maskText("codes 4111 1111, 1111 1111")).isEqualTo("codes 4111 1111, 1111 1111");
    }

    @Test
    void masksSsnsOnlyWithAValidAreaGroupAndSerial() {
        assertThat(masker.maskText("ssn 899-45-6789")).isEqualTo("ssn [ssn ***-**-6789]");
        assertThat(masker.maskText("ssn 001-01-0001")).isEqualTo("ssn [ssn ***-**-0001]");
        for (String invalid : new String[] {"ssn 000-45-6789", "ssn 666-45-6789", "ssn 900-45-6789",
                "ssn 999-45-6789", "ssn 123-00-6789", "ssn 123-45-0000"}) {
            assertThat(masker.maskText(invalid)).as(invalid).isEqualTo(invalid);
        }
    }

    @Test
    void checksTheSsnRulesOfTheSocialSecurityAdministration() {
        assertThat(TextScanner.validSsn("123", "45", "6789")).isTrue();
        assertThat(TextScanner.validSsn("899", "01", "0001")).isTrue();
        assertThat(TextScanner.validSsn("000", "45", "6789")).isFalse();
        assertThat(TextScanner.validSsn("666", "45", "6789")).isFalse();
        assertThat(TextScanner.validSsn("900", "45", "6789")).isFalse();
        assertThat(TextScanner.validSsn("123", "00", "6789")).isFalse();
        assertThat(TextScanner.validSsn("123", "45", "0000")).isFalse();
    }

    @Test
    void wantsOneAndTheSameSingleSeparatorInAWrittenSsn() {
        assertThat(masker.maskText("ssn 123-45.6789")).isEqualTo("ssn 123-45.6789");
        assertThat(masker.maskText("ssn 123--45--6789")).isEqualTo("ssn 123--45--6789");
        assertThat(masker.maskText("ssn 123 45 6789")).isEqualTo("ssn [ssn ***-**-6789]");
    }

    @Test
    void masksNineBareDigitsOnlyWhenTheTextCallsThemAnSsn() {
        assertThat(masker.maskText("my ssn is 123456789")).isEqualTo("my ssn is [ssn ***-**-6789]");
        assertThat(masker.maskText("social security no. 123456789"))
                .isEqualTo("social security no. [ssn ***-**-6789]");
        assertThat(masker.maskText("SS# 123456789")).isEqualTo("SS# [ssn ***-**-6789]");
        assertThat(masker.maskText("123456789")).isEqualTo("123456789");
        assertThat(masker.maskText("order 123456789")).isEqualTo("order 123456789");
        // the keyword must be close: 24 characters before the digits at most
        assertThat(masker.maskText("social security number on file, ref 123456789"))
                .isEqualTo("social security number on file, ref 123456789");
        for (String invalid : new String[] {"ssn 000456789", "ssn 666456789", "ssn 900456789", "ssn 123006789",
                "ssn 123450000"}) {
            assertThat(masker.maskText(invalid)).as(invalid).isEqualTo(invalid);
        }
    }

    @Test
    void masksIbansWrittenInAnyCaseWithSpacesDashesOrNothing() {
        assertThat(masker.maskText("iban de89370400440532013000")).isEqualTo("iban [iban DE ****3000]");
        assertThat(masker.maskText("DE89-3704-0044-0532-0130-00")).isEqualTo("[iban DE ****3000]");
        assertThat(masker.maskText("NO9386011117947")).isEqualTo("[iban NO ****7947]");
        assertThat(masker.maskText("AT611904300234573201")).isEqualTo("[iban AT ****3201]");
        assertThat(masker.maskText("DE89370400440532013000 GB29NWBK60161331926819"))
                .isEqualTo("[iban DE ****3000] [iban GB ****6819]");
        assertThat(masker.maskText("a GB29NWBK60161331926819 and DE89370400440532013000 b"))
                .isEqualTo("a [iban GB ****6819] and [iban DE ****3000] b");
    }

    @Test
    void leavesIbanLookalikesAlone() {
        for (String lookalike : new String[] {"DE89370400440532013001", "xDE89370400440532013000",
                "DE89370400440532013000x", "DE893704004405320130", "ZZ89370400440532013000", "iban DE89 3704 0044 "}) {
            assertThat(masker.maskText(lookalike)).as(lookalike).isEqualTo(lookalike);
        }
    }

    @Test
    void checksTheIbanRemainderModulo97() {
        assertThat(TextScanner.mod97("DE89370400440532013000")).isEqualTo(1);
        assertThat(TextScanner.mod97("GB29NWBK60161331926819")).isEqualTo(1);
        // one digit off: the remainder is far from 1, not just off by one
        assertThat(TextScanner.mod97("DE89370400440532013001")).isEqualTo(28);
    }

    @Test
    void checksCardNumbersWithLuhn() {
        assertThat(TextScanner.luhn("4111111111111111")).isTrue();
        assertThat(TextScanner.luhn("79927398713")).isTrue();
        assertThat(TextScanner.luhn("4111111111111112")).isFalse();
        assertThat(TextScanner.luhn("79927398710")).isFalse();
    }

    @Test
    void masksEMailAddressesUpToTheirDomain() {
        assertThat(masker.maskText("mail ..ada@example.com now")).isEqualTo("mail ..a***@example.com now");
        assertThat(masker.maskText("mail ada@example.com.")).isEqualTo("mail a***@example.com.");
        assertThat(masker.maskText("@team: ada@example.de")).isEqualTo("@team: a***@example.de");
        assertThat(masker.maskText("ada@example.biz")).isEqualTo("a***@example.biz");
        assertThat(masker.maskText("ada@example.com and bob@Example.ORG"))
                .isEqualTo("a***@example.com and b***@example.org");
    }

    @Test
    void leavesAtSignsThatAreNoAddressAlone() {
        for (String notAnAddress : new String[] {"mail a@b.c", "mail a@host.c0m", "mail @example.com",
                "meet @ 10", "user@localhost"}) {
            assertThat(masker.maskText(notAnAddress)).as(notAnAddress).isEqualTo(notAnAddress);
        }
    }

    @Test
    void masksWrittenPhoneNumbersButNotIdentifiersOrBareReferenceNumbers() {
        assertThat(masker.maskText("call 555-100-0042")).isEqualTo("call [phone ****0042]");
        assertThat(masker.maskText("tel (555) 100 0042")).isEqualTo("tel [phone ****0042]");
        assertThat(masker.maskText("call 2025550143")).isEqualTo("call [phone ****0143]");
        assertThat(masker.maskText("+44 20 7946 0958")).isEqualTo("[phone ****0958]");
        assertThat(masker.maskText("call 555-100-0042 x")).isEqualTo("call [phone ****0042] x");
        assertThat(masker.maskText("call 555-100-0042-")).isEqualTo("call [phone ****0042]-");
        assertThat(masker.maskText("#555-100-0042")).isEqualTo("#[phone ****0042]");
        for (String notAPhone : new String[] {"call 5551000042", "ref A5551000042", "ref X-555-100-0042",
                "ref 555-100-0042-7", "ref 555-100-0042x", "call 555-100-0042/x", "a-555-100-0042"}) {
            assertThat(masker.maskText(notAPhone)).as(notAPhone).isEqualTo(notAPhone);
        }
    }

    @Test
    void masksDatesOfBirthRightAfterTheirKeyword() {
        assertThat(masker.maskText("born on 14 July 1985")).isEqualTo("born on [dob ****]");
        assertThat(masker.maskText("birthday: July 14, 1985")).isEqualTo("birthday: [dob ****]");
        assertThat(masker.maskText("DOB 1985-07-14 and DOB 1990-01-02")).isEqualTo("DOB [dob ****] and DOB [dob ****]");
        assertThat(masker.maskText("shipped 1985-07-14")).isEqualTo("shipped 1985-07-14");
    }

    @Test
    void masksNothingWhenTheTextHasTooFewDigitsAndNoAtSign() {
        assertThat(masker.maskText("dob 1/2/3")).isEqualTo("dob 1/2/3");
        assertThat(masker.maskText("dob 1/2/34")).isEqualTo("dob [dob ****]");
        assertThat(masker.maskText("")).isEmpty();
    }

    @Test
    void leavesAUuidWholeThoughItsHexGroupsPassForACard() {
        // a correlation id seen in a log: 203246 4842 4574 8237 is a Luhn-valid 18-digit run
        assertThat(masker.maskText("203246de-4842-4574-8237-cf6adf2cdbfd")).isEqualTo("203246de-4842-4574-8237-cf6adf2cdbfd");
        assertThat(masker.maskText("12345678-1234-4234-8234-123456789012")).isEqualTo("12345678-1234-4234-8234-123456789012");
        // only a text that is one UUID: the same digits in a sentence are still looked at
        assertThat(masker.maskText("card 4222-2222-2222-2 then 203246de-4842-4574-8237-cf6adf2cdbfd"))
                .startsWith("card [card ****2222]");
        assertThat(masker.maskText("203246de-4842-4574-8237-cf6adf2cdbfdx")).contains("[card");
    }

    @Test
    void masksEveryFindingOnceSoMaskingAgainChangesNothing() {
        String raw = "card 4222222222222, ssn 123-45-6789, iban DE89 3704 0044 0532 0130 00, mail ada@example.com, "
                + "tel +44 20 7946 0958, dob 1985-07-14";
        String once = masker.maskText(raw);
        assertThat(once).isEqualTo("card [card ****2222], ssn [ssn ***-**-6789], iban [iban DE ****3000], "
                + "mail a***@example.com, tel [phone ****0958], dob [dob ****]");
        assertThat(masker.maskText(once)).isEqualTo(once);
    }
}
