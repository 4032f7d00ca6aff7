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
    void joinsDigitGroupsAcrossUpToThreeSeparatorsOrAWhitespaceRunOfUpToEight() {
        assertThat(masker.maskText("card 4111-1111---1111-1111 x")).isEqualTo("card [card ****1111] x");
        assertThat(masker.maskText("card 4111 1111    1111 1111 x")).isEqualTo("card [card ****1111] x");
        assertThat(masker.maskText("card 4111 1111        1111 1111 x")).isEqualTo("card [card ****1111] x");
        // more than eight characters, or more than three dashes and dots, part two numbers
        assertThat(masker.maskText("card 4111 1111         1111 1111 x")).isEqualTo("card 4111 1111         1111 1111 x");
        assertThat(masker.maskText("card 4111 1111 ---- 1111 1111 x")).isEqualTo("card 4111 1111 ---- 1111 1111 x");
        // zero-width characters a paste carries count as space, not as dashes
        assertThat(masker.maskText("card 4111 1111\u200b\u200b\u200b\u200b1111 1111 x")).isEqualTo("card [card ****1111] x");
    }

    @Test
    void masksACardGluedToTheLettersAroundIt() {
        assertThat(masker.maskText("Visa4111111111111111")).isEqualTo("Visa[card ****1111]");
        assertThat(masker.maskText("card:4111111111111111x")).isEqualTo("card:[card ****1111]x");
        assertThat(masker.maskText("ref4111-1111-1111-1111")).isEqualTo("ref[card ****1111]");
        assertThat(masker.maskText("card 4111/1111/1111/1111 x")).isEqualTo("card [card ****1111] x");
        assertThat(masker.maskText("card 4111/1111/1111/1111/123 x")).isEqualTo("card [card ****1111]/123 x");
        assertThat(masker.maskText("due 12/31/2026, ref 2026/12/01")).isEqualTo("due 12/31/2026, ref 2026/12/01");
        // a twelve-digit window glued to letters is an id more often than a card
        assertThat(masker.maskText("INV675900000000")).isEqualTo("INV675900000000");
    }

    @Test
    void masksACardSplitAcrossALineBreak() {
        assertThat(masker.maskText("4111 1111\n1111 1111")).isEqualTo("[card ****1111]");
        assertThat(masker.maskText("4111-1111-\r\n1111-1111 ok")).isEqualTo("[card ****1111] ok");
        assertThat(masker.maskText("card 4111\t1111\u00a0\u00a0\n\t1111 1111")).isEqualTo("card [card ****1111]");
        // two line breaks (a paragraph) part two numbers
        assertThat(masker.maskText("4111 1111\n\n1111 1111")).isEqualTo("4111 1111\n\n1111 1111");
        // a twelve-digit card alone on its line is alone
        assertThat(masker.maskText("maestro 675900000000\n2 items")).isEqualTo("maestro [card ****0000]\n2 items");
    }

    @Test
    void masksATwelveDigitCardFollowedByAThreeDigitCvv() {
        assertThat(masker.maskText("maestro 675900000000 123 ok")).isEqualTo("maestro [card ****0000] ok");
        assertThat(masker.maskText("maestro 6759-0000-0000 123")).isEqualTo("maestro [card ****0000]");
        // a four-digit group after twelve digits is the rest of a sixteen-digit number, checked as one; so
        // is a three-digit group written like the others (9706 9425 2895 803 is one fifteen-digit number)
        assertThat(masker.maskText("ref 6759 0000 0000 1234")).isEqualTo("ref 6759 0000 0000 1234");
        assertThat(masker.maskText("ref 6759 0000 0000 123")).isEqualTo("ref 6759 0000 0000 123");
        assertThat(masker.maskText("maestro 6759 0000 0000 123 45")).isEqualTo("maestro 6759 0000 0000 123 45");
    }

    @Test
    void joinsAcrossEveryKindOfLineBreakButOnlyOne() {
        for (String lineBreak : new String[] {"\n", "\r", "\r\n", "\u000b", "\f", "\u0085", "\u2028", "\u2029"}) {
            assertThat(masker.maskText("card 4111 1111" + lineBreak + "1111 1111 ok")).as("U+%04X", (int) lineBreak.charAt(0))
                    .isEqualTo("card [card ****1111] ok");
        }
        assertThat(masker.maskText("card 4111 1111\r\r1111 1111 ok")).isEqualTo("card 4111 1111\r\r1111 1111 ok");
        assertThat(masker.maskText("card 4111 1111\n\r\n1111 1111 ok")).isEqualTo("card 4111 1111\n\r\n1111 1111 ok");
    }

    @Test
    void takesACvvAfterThreeSeparatorsButNotAfterALineBreak() {
        assertThat(masker.maskText("card 4111 1111 1111 1111 - 123 x")).isEqualTo("card [card ****1111] x");
        assertThat(masker.maskText("card 4111 1111 1111 1111\n123 x")).isEqualTo("card [card ****1111]\n123 x");
    }

    @Test
    void takesOnlyAThreeDigitGroupEndingTheNumberAsTheCvvOfATwelveDigitCard() {
        // written apart, yet four digits, more digits after, or a letter after: not a CVV
        assertThat(masker.maskText("ref 6759-0000-0000 1234")).isEqualTo("ref 6759-0000-0000 1234");
        assertThat(masker.maskText("ref 6759-0000-0000 123 45")).isEqualTo("ref 6759-0000-0000 123 45");
        assertThat(masker.maskText("ref 6759-0000-0000 123x")).isEqualTo("ref 6759-0000-0000 123x");
        assertThat(masker.maskText("ref 675900000000abc")).isEqualTo("ref 675900000000abc");
        assertThat(masker.maskText("ref 675900000000\n123\n45")).isEqualTo("ref [card ****0000]\n123\n45");
    }

    @Test
    void readsNoSsnAcrossLineBreaksOrNextToOtherDigits() {
        assertThat(masker.maskText("ssn 123\n45\n6789")).isEqualTo("ssn 123\n45\n6789");
        // after its keyword a letter typed right after it does not save it
        assertThat(masker.maskText("ssn 123456789x")).isEqualTo("ssn [ssn ***-**-6789]x");
        assertThat(masker.maskText("ssn123456789x")).isEqualTo("ssn[ssn ***-**-6789]x");
        assertThat(masker.maskText("SSN 123-45-6789x")).isEqualTo("SSN [ssn ***-**-6789]x");
        assertThat(masker.maskText("part 123-45-6789x")).isEqualTo("part 123-45-6789x");
        assertThat(masker.maskText("ssn 123456789 9x")).isEqualTo("ssn 123456789 9x");
        assertThat(masker.maskText("ssn x9 123456789")).isEqualTo("ssn x9 123456789");
        assertThat(masker.maskText("ssn 12\n123456789\n12")).isEqualTo("ssn 12\n[ssn ***-**-6789]\n12");
    }

    @Test
    void skipsOnlyAWholeUuidInsideText() {
        String uuid = "203246de-4842-4574-8237-cf6adf2cdbfd";
        assertThat(masker.maskText("conversation " + uuid)).isEqualTo("conversation " + uuid);
        assertThat(masker.maskText("conversation (" + uuid + ")")).isEqualTo("conversation (" + uuid + ")");
        // more of an id after it, or before it: its digit groups are looked at (203246 4842 4574 8237 passes Luhn)
        assertThat(masker.maskText("id " + uuid + "-1")).contains("[card");
        assertThat(masker.maskText("id x" + uuid)).contains("[card");
    }

    @Test
    void masksAPhoneNumberWhosePunctuationJoinsItToNoIdentifier() {
        // a dash after or before the number joins it to an identifier only when a letter or digit follows it
        assertThat(masker.maskText("call 555-100-0042-")).isEqualTo("call [phone ****0042]-");
        assertThat(masker.maskText("call 555-100-0042- ok")).isEqualTo("call [phone ****0042]- ok");
        assertThat(masker.maskText("call -555-100-0042 ok")).isEqualTo("call -[phone ****0042] ok");
        assertThat(masker.maskText("call x-555-100-0042 ok")).isEqualTo("call x-555-100-0042 ok");
    }

    @Test
    void masksAnSsnGluedOnlyToItsKeyword() {
        assertThat(masker.maskText("SSN123-45-6789")).isEqualTo("SSN[ssn ***-**-6789]");
        assertThat(masker.maskText("ssn123456789")).isEqualTo("ssn[ssn ***-**-6789]");
        assertThat(masker.maskText("part A123-45-6789")).isEqualTo("part A123-45-6789");
        assertThat(masker.maskText("part 123-45-6789B")).isEqualTo("part 123-45-6789B");
    }

    @Test
    void masksAPhoneNumberGroupedAsItsRegionWritesItNextToOtherDigits() {
        // 555 numbers are possible but not valid: next to other digits, only their grouping tells them from ids
        assertThat(masker.maskText("qty 3 555 100 0042")).isEqualTo("qty 3 [phone ****0042]");
        assertThat(masker.maskText("555 100 0042 3 times")).isEqualTo("[phone ****0042] 3 times");
        assertThat(masker.maskText("3 1 555 100 0042")).isEqualTo("3 [phone ****0042]");
        assertThat(masker.maskText("id 5551 0000 42 7")).isEqualTo("id 5551 0000 42 7");
        // a valid number is also taken in the groupings libphonenumber's exact-grouping check accepts
        // (the trunk prefix written with the area code), and in no other
        assertThat(masker.maskText("3 1202 555 0143")).isEqualTo("3 [phone ****0143]");
        assertThat(masker.maskText("3 202555 0143")).isEqualTo("3 202555 0143");
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
    void masksAnIbanWithAWrongCheckDigitAsAnIbanNotAsACard() {
        // the 18 digits after DE89 pass Luhn: before, this came out as "DE89 [card ****3001]"
        assertThat(masker.maskText("iban DE89 3704 0044 0532 0130 01 ok")).isEqualTo("iban [iban DE ****3001] ok");
        assertThat(masker.maskText("de89370400440532013001")).isEqualTo("[iban DE ****3001]");
        assertThat(masker.maskText("GB29 NWBK 6016 1331 9268 18")).isEqualTo("[iban GB ****6818]");
        assertThat(masker.maskText("FR14 2004 1010 0505 0001 3M02 607")).isEqualTo("[iban FR ****2607]");
        assertThat(masker.maskText("NL91-ABNA-0417-1643-01")).isEqualTo("[iban NL ****4301]");
    }

    @Test
    void masksAnIbanFollowedByADash() {
        assertThat(masker.maskText("iban DE89370400440532013000- checked")).isEqualTo("iban [iban DE ****3000]- checked");
        assertThat(masker.maskText("iban DE89370400440532013000-")).isEqualTo("iban [iban DE ****3000]-");
    }

    @Test
    void masksPortugueseIbansWhichTheCountryTableLacked() {
        assertThat(masker.maskText("PT50 0002 0123 1234 5678 9015 4")).isEqualTo("[iban PT ****0154]");
        assertThat(masker.maskText("PT50 0002 0123 1234 5678 9015 5")).isEqualTo("[iban PT ****0155]");
    }

    @Test
    void leavesIbanLookalikesAlone() {
        for (String lookalike : new String[] {"xDE89370400440532013000", "DE89370400440532013000x",
                "DE893704004405320130", "DE8937040044053201300012", "ZZ89370400440532013000", "iban DE89 3704 0044 ",
                // a wrong check digit and a shape the registry does not give the country: letters where digits go
                "DE89 3704 ABCD EFGH 0130 00", "NL91 1234 0417 1643 00", "GB29 1234 6016 1331 9268 17",
                // UUIDs whose first groups have an IBAN's length and start like one
                "be120000-7890-4bcd-8f01-234567890abc", "ee451234-0000-4000-8000-000000000001",
                "DE89-3704-0044-0532-0130-00-17"}) {
            assertThat(masker.maskText(lookalike)).as(lookalike).isEqualTo(lookalike);
        }
    }

    @Test
    void knowsEachCountrysIbanLengthFromItsBbanStructure() {
        assertThat(TextScanner.fits("DE89370400440532013000", "n".repeat(18))).isTrue();
        assertThat(TextScanner.fits("DE8937040044053201300X", "n".repeat(18))).isFalse();
        assertThat(TextScanner.fits("GB29NWBK60161331926819", "aaaa" + "n".repeat(14))).isTrue();
        assertThat(TextScanner.fits("GB291WBK60161331926819", "aaaa" + "n".repeat(14))).isFalse();
        assertThat(TextScanner.fits("GB29NWBK6016133192681Z", "aaaa" + "n".repeat(13) + "c")).isTrue();
        assertThat(TextScanner.fits("GB29NWBK6016133192681-", "aaaa" + "n".repeat(13) + "c")).isTrue();
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
    void masksAnAddressWithALocalPartOverSixtyFourCharactersWhole() {
        String local64 = "a" + "b".repeat(63);
        assertThat(masker.maskText("mail " + local64 + "@example.com ok")).isEqualTo("mail a***@example.com ok");
        // before: the detector took the last 64 characters, so "a" (and more, the longer the part) stayed raw
        assertThat(masker.maskText("mail " + "x" + local64 + "@example.com ok")).isEqualTo("mail [email ****] ok");
        assertThat(masker.maskText("c".repeat(300) + "@example.com")).isEqualTo("[email ****]");
    }

    @Test
    void masksAnAddressWithADomainOverTheLimitWhole() {
        String domain = "d".repeat(252) + ".com";
        assertThat(masker.maskText("ada@" + domain)).isEqualTo("[email ****]");
        assertThat(masker.maskText("ada@" + domain.substring(1))).isEqualTo("a***@" + domain.substring(1));
    }

    @Test
    void masksAQuotedLocalPartWhole() {
        assertThat(masker.maskText("mail \"ada lovelace\"@example.com ok")).isEqualTo("mail [email ****] ok");
        assertThat(masker.maskText("\"ada lovelace\"@example.com")).isEqualTo("[email ****]");
        assertThat(masker.maskText("say \"\"@example.com")).isEqualTo("say \"\"@example.com");
        // a quote opened on an earlier line, or none: a stray quote, and what is before it is the local part
        assertThat(masker.maskText("\"x\ny\"@example.com")).isEqualTo("\"x\n[email ****]");
        assertThat(masker.maskText("ada\"@example.com")).isEqualTo("[email ****]");
        assertThat(masker.maskText("a@b.de, ada\"@example.com")).isEqualTo("a***@b.de, [email ****]");
        assertThat(masker.maskText("to: \"@example.com")).isEqualTo("to: \"@example.com");
    }

    @Test
    void masksAddressesInAnyScriptAndWithAnIdnTopLevelDomain() {
        // before: a letter outside ASCII ended the scan, so "zoë." stayed raw and "josé@" was no address
        assertThat(masker.maskText("mail zoë.x@example.com")).isEqualTo("mail z***@example.com");
        assertThat(masker.maskText("José@Exámple.es")).isEqualTo("j***@exámple.es");
        assertThat(masker.maskText("ada@example.xn--p1ai")).isEqualTo("a***@example.xn--p1ai");
        assertThat(masker.maskText("ada@example.XN--P1AI")).isEqualTo("a***@example.xn--p1ai");
        assertThat(masker.maskText("ada@example.xn--90ais")).isEqualTo("a***@example.xn--90ais");
        // digits and dashes only in an IDN label
        assertThat(masker.maskText("ada@example.c0m")).isEqualTo("ada@example.c0m");
        assertThat(masker.maskText("ada@example.xn")).isEqualTo("a***@example.xn");
        assertThat(masker.maskText("ada@пример.рф")).isEqualTo("a***@пример.рф");
        assertThat(masker.maskText("\ud835\udc9c\ud835\udc9f@example.com")).isEqualTo("\ud835\udc9c***@example.com");
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
    void masksAPhoneNumberNextToOtherDigits() {
        // before: the matcher took each stretch whole and found no number in any of these
        assertThat(masker.maskText("on 12/03 202 555 0143")).isEqualTo("on 12/03 [phone ****0143]");
        assertThat(masker.maskText("on 12/03 555 100 0042")).isEqualTo("on 12/03 [phone ****0042]");
        assertThat(masker.maskText("tel (555) 100-0042 3 times")).isEqualTo("tel [phone ****0042] 3 times");
        assertThat(masker.maskText("tel 202 555 0143 4111")).isEqualTo("tel [phone ****0143] 4111");
        assertThat(masker.maskText("room 4111 202 555 0143")).isEqualTo("room 4111 [phone ****0143]");
        assertThat(masker.maskText("qty 3 +44 20 7946 0958 12")).isEqualTo("qty 3 [phone ****0958] 12");
        // words split at any space, and digits of any script
        assertThat(masker.maskText("on 12/03 202\u00a0555\u00a00143 4111")).isEqualTo("on 12/03 [phone ****0143] 4111");
        assertThat(masker.maskText("on 12/03\u00a0202 555 0143")).isEqualTo("on 12/03\u00a0[phone ****0143]");
        assertThat(masker.maskText("on 12/03 ２０２ ５５５ ０１４３")).isEqualTo("on 12/03 [phone ****0143]");
    }

    @Test
    void masksAPhoneNumberNextToOtherDigitsWithItsTrunkPrefix() {
        // eleven digits with the US trunk prefix are a number too, not only the ten after it
        assertThat(masker.maskText("12 1 202 555 0143")).isEqualTo("12 [phone ****0143]");
    }

    @Test
    void masksAPhoneNumberOfSevenDigits() {
        // Niue's numbers have four digits: with the country code, seven digits in all
        assertThat(masker.maskText("call +683 4002")).isEqualTo("call [phone ****4002]");
        assertThat(masker.maskText("call +683 400")).isEqualTo("call +683 400");
    }

    @Test
    void takesARunBetweenDatesAsWrittenAndAPhoneNumberBeforeAColonOrATime() {
        // bounded by dates on both sides, the run is all there is: written with spaces is enough
        assertThat(masker.maskText("calls 12/03 555 100 0042 12/04")).isEqualTo("calls 12/03 [phone ****0042] 12/04");
        assertThat(masker.maskText("on 12/03 202 555 0143: call back")).isEqualTo("on 12/03 [phone ****0143]: call back");
        assertThat(masker.maskText("on 12/03 202 555 0143:")).isEqualTo("on 12/03 [phone ****0143]:");
        // the hour of a time stamp is no part of a number
        assertThat(masker.maskText("paid 4111 1111 1111 1111 20261129 10:15"))
                .isEqualTo("paid [card ****1111] 20261129 10:15");
    }

    @Test
    void asksTheMatcherABoundedNumberOfTimesOnAPageOfNumbers() {
        // every row needs a second look: the first rows get one, the page as a whole costs a bounded time
        String row = "(555) 100-0042 3\n";
        String masked = masker.maskText(row.repeat(200));
        assertThat(masked).startsWith("[phone ****0042] 3\n".repeat(10));
        assertThat(masked).endsWith(row.repeat(10));
    }

    @Test
    void findsNoPhoneNumberInARowOfDigitGroupsOrTimes() {
        for (String notAPhone : new String[] {"id 7313 0119 9846 9297 86", "at 2026-11-29 10:15:00 2026-11-29 10:16:00",
                "ref 1234 5678 9012 3456", "on 12/03 at 10:15"}) {
            assertThat(masker.maskText(notAPhone)).as(notAPhone).isEqualTo(notAPhone);
        }
    }

    @Test
    void joinsDigitGroupsAcrossAnySpaceOrDashAndZeroWidthCharacters() {
        for (String separator : new String[] {"\u00a0", "\u2009", "\u3000", "\u2013", "\u2014", "\u2212", "\uff0d",
                "\u200b", "\u2060", "\t", "_"}) {
            String card = String.join(separator, "4111", "1111", "1111", "1111");
            assertThat(masker.maskText("card " + card + " ok")).as("U+%04X", (int) separator.charAt(0))
                    .isEqualTo("card [card ****1111] ok");
        }
        // a symbol separates numbers
        assertThat(masker.maskText("moved 4111 1111 → 1111 1111")).isEqualTo("moved 4111 1111 → 1111 1111");
    }

    @Test
    void readsFullWidthAndOtherDecimalDigitsAsDigits() {
        assertThat(masker.maskText("card ４１１１ １１１１ １１１１ １１１１")).isEqualTo("card [card ****1111]");
        assertThat(masker.maskText("ssn １２３-４５-６７８９")).isEqualTo("ssn [ssn ***-**-6789]");
        assertThat(masker.maskText("ssn ١٢٣٤٥٦٧٨٩")).isEqualTo("ssn [ssn ***-**-6789]");
        assertThat(masker.maskText("ssn ０００-４５-６７８９")).isEqualTo("ssn ０００-４５-６７８９");
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
