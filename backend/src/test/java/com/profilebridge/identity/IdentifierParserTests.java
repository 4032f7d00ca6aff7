package com.profilebridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpIdentifier.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierParserTests {

    final IdentifierParser parser = new IdentifierParser(new IdentityProperties(
            "US", 0.9, "^[A-Za-z][A-Za-z0-9_:.\\-]{2,127}$", new IdentityProperties.Scores(1.0, 0.8, 0.97, 0.85, 0.7, 0.5),
            List.of(), Map.of()));

    @ParameterizedTest
    @ValueSource(strings = {"+1 (555) 100-0042", "15551000042", "555-100-0042", "+15551000042", " 555.100.0042 ",
            "(555) 100 0042", "+1-555-100-0042"})
    void readsEveryWayOfWritingOneNumberAsTheSameE164(String raw) {
        assertThat(parser.phone(raw).identifier()).isEqualTo(new CdpIdentifier(Kind.PHONE, "+15551000042"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tel:+15551000042", "TEL:+1-555-100-0042", "sip:+15551000042@carrier.example;user=phone",
            "tel:+15551000042;ext=12"})
    void readsTheTelAndSipUrisGenesysPassesAsAni(String raw) {
        assertThat(parser.detect(raw).identifier()).isEqualTo(new CdpIdentifier(Kind.PHONE, "+15551000042"));
    }

    @Test
    void acceptsTheGuidesNumbersThatArePossibleButNotValid() {
        // 555 is no real US area code: isValidNumber is false, isPossibleNumber is true.
        assertThat(parser.phone("+15551234567").identifier()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({"+44 20 7946 0958,+442079460958", "+49 30 901820,+4930901820", "+33 1 42 68 53 00,+33142685300"})
    void keepsInternationalNumbersInTheirOwnCountry(String raw, String e164) {
        assertThat(parser.phone(raw).identifier().value()).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "+1 555", "555-CALL-NOW", "++15551000042", "1234567890123456789012345"})
    void ignoresWhatCannotBeAPhoneNumberWithAReason(String raw) {
        IdentifierParser.Result result = parser.phone(raw);
        assertThat(result.identifier()).isNull();
        assertThat(result.reason()).isNotBlank().doesNotContain(raw);
    }

    @Test
    void trimsAndLowerCasesEmails() {
        assertThat(parser.email("  Ada.Lovelace42@Example.COM ").identifier())
                .isEqualTo(new CdpIdentifier(Kind.EMAIL, "ada.lovelace42@example.com"));
        assertThat(parser.email("not-an-email@").identifier()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"+1 (555) 100-0042,PHONE", "Ada@Example.com,EMAIL", "usr_00042,USER_ID", "555-100-0042,PHONE"})
    void detectsTheKindOfAFreeIdentifier(String raw, Kind kind) {
        assertThat(parser.detect(raw).identifier().kind()).isEqualTo(kind);
    }

    @Test
    void reportsUnusableFieldsAndKeepsTheUsableOnes() {
        IdentifierParser.Parsed parsed = parser.parse(
                new IdentifierParser.Fields(null, "call me maybe", "Ada@Example.com", "null"));
        assertThat(parsed.identifiers()).containsExactly(new CdpIdentifier(Kind.EMAIL, "ada@example.com"));
        assertThat(parsed.ignored()).extracting(IdentifierParser.Ignored::field).containsExactly("phoneNumber");
    }

    @Test
    void treatsTemplatePlaceholdersForUnsetValuesAsAbsent() {
        IdentifierParser.Parsed parsed = parser.parse(new IdentifierParser.Fields("", "null", "undefined", " "));
        assertThat(parsed.identifiers()).isEmpty();
        assertThat(parsed.ignored()).isEmpty();
    }

    @Test
    void neverPrintsARawPhoneOrEmailInToString() {
        assertThat(new CdpIdentifier(Kind.PHONE, "+15551000042").toString()).doesNotContain("5551000").endsWith("0042");
        assertThat(new CdpIdentifier(Kind.EMAIL, "ada@example.com").toString()).doesNotContain("ada@");
    }

    @Test
    void takesTheUserIdFieldAsACdpUserId() {
        IdentifierParser.Parsed parsed = parser.parse(new IdentifierParser.Fields(null, null, null, " usr_00042 "));
        assertThat(parsed.identifiers()).containsExactly(new CdpIdentifier(Kind.USER_ID, "usr_00042"));
        assertThat(parsed.ignored()).isEmpty();
    }

    @Test
    void reportsAnUnusableUserIdFieldWithoutEchoingIt() {
        IdentifierParser.Parsed parsed = parser.parse(new IdentifierParser.Fields(null, null, null, "7 up"));
        assertThat(parsed.identifiers()).isEmpty();
        assertThat(parsed.ignored()).containsExactly(
                new IdentifierParser.Ignored("userId", "not a phone number, e-mail address or CDP user id"));
    }

    @Test
    void addsAFreeIdentifierOfAKindNotGivenInItsOwnField() {
        IdentifierParser.Parsed parsed = parser.parse(
                new IdentifierParser.Fields("+1 555 100 0042", null, "ada@example.com", null));
        assertThat(parsed.identifiers()).containsExactly(new CdpIdentifier(Kind.EMAIL, "ada@example.com"),
                new CdpIdentifier(Kind.PHONE, "+15551000042"));
        assertThat(parsed.ignored()).isEmpty();
    }

    @Test
    void reportsAnUnusableFreeIdentifier() {
        IdentifierParser.Parsed parsed = parser.parse(new IdentifierParser.Fields("??", null, "ada@example.com", null));
        assertThat(parsed.identifiers()).containsExactly(new CdpIdentifier(Kind.EMAIL, "ada@example.com"));
        assertThat(parsed.ignored()).extracting(IdentifierParser.Ignored::field).containsExactly("identifier");
    }

    @Test
    void aFreeIdentifierRepeatingItsOwnFieldIsNeitherDoubledNorReported() {
        IdentifierParser.Parsed parsed = parser.parse(
                new IdentifierParser.Fields("tel:+15551000042", "555-100-0042", null, null));
        assertThat(parsed.identifiers()).containsExactly(new CdpIdentifier(Kind.PHONE, "+15551000042"));
        assertThat(parsed.ignored()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"+1 555 100 0077,+1 555 100 0042,,,phone number",
            "eve@example.com,,ada@example.com,,e-mail address",
            "usr_00077,,,usr_00042,CDP user id"})
    void theOwnFieldWinsOverADifferentFreeIdentifierOfTheSameKind(String identifier, String phone, String email,
            String userId, String label) {
        IdentifierParser.Parsed parsed = parser.parse(new IdentifierParser.Fields(identifier, phone, email, userId));
        assertThat(parsed.identifiers()).hasSize(1).doesNotContain(parser.detect(identifier).identifier());
        assertThat(parsed.ignored()).containsExactly(
                new IdentifierParser.Ignored("identifier", "a different " + label + " was given in its own field"));
    }

    @Test
    void acceptsAnEmailOfTheFullLengthTheStandardAllows() {
        String longest = "a".repeat(64) + "@" + "b".repeat(185) + ".com"; // 254 characters
        assertThat(longest).hasSize(254);
        assertThat(parser.email(longest).identifier()).isEqualTo(new CdpIdentifier(Kind.EMAIL, longest));
        assertThat(parser.email("a".repeat(64) + "@" + "b".repeat(186) + ".com").identifier()).as("255 characters")
                .isNull();
    }
}
