package com.profilebridge.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field names to actions: case and style do not matter, configuration adds to the defaults. */
class FieldPolicyTests {

    final FieldPolicy defaults = new FieldPolicy(Map.of());

    @Test
    void treatsEveryWritingOfAFieldNameAsTheSameField() {
        for (String name : new String[] {"date_of_birth", "date-of-birth", "date.of.birth", "date of birth",
                "date\tof\tbirth", "DateOfBirth", "DATE_OF_BIRTH"}) {
            assertThat(defaults.actionFor(name)).as(name).isEqualTo(FieldAction.DATE);
        }
    }

    @Test
    void keepsOtherCharactersOfAName() {
        assertThat(FieldPolicy.normalise(" Card_Number-2.x ")).isEqualTo("cardnumber2x");
        assertThat(defaults.actionFor("e/mail")).isEqualTo(FieldAction.TEXT);
        assertThat(defaults.actionFor("e_mail")).isEqualTo(FieldAction.EMAIL);
    }

    @Test
    void knowsTheBuiltInFieldsOfEachKind() {
        assertThat(defaults.actionFor("cvv")).isEqualTo(FieldAction.DROP);
        assertThat(defaults.actionFor("otp")).isEqualTo(FieldAction.DROP);
        assertThat(defaults.actionFor("nino")).isEqualTo(FieldAction.SSN);
        assertThat(defaults.actionFor("sort_code")).isEqualTo(FieldAction.LAST4);
        assertThat(defaults.actionFor("accountNumber")).isEqualTo(FieldAction.LAST4);
        assertThat(defaults.actionFor("iban")).isEqualTo(FieldAction.LAST4);
        assertThat(defaults.actionFor("born")).isEqualTo(FieldAction.DATE);
        assertThat(defaults.actionFor("msisdn")).isEqualTo(FieldAction.PHONE);
        assertThat(defaults.actionFor("mail")).isEqualTo(FieldAction.EMAIL);
        assertThat(defaults.actionFor("loyalty_tier")).isEqualTo(FieldAction.TEXT);
    }

    @Test
    void configuredRulesAreMatchedLikeBuiltInOnesAndReplaceThem() {
        FieldPolicy configured = new FieldPolicy(Map.of("Loyalty-Id", FieldAction.HASH, "IBAN", FieldAction.MASK));
        assertThat(configured.actionFor("loyalty_id")).isEqualTo(FieldAction.HASH);
        assertThat(configured.actionFor("iban")).isEqualTo(FieldAction.MASK);
        assertThat(configured.actionFor("cvv")).isEqualTo(FieldAction.DROP);
    }

    @Test
    void saysWhetherAnyRuleUsesAnAction() {
        assertThat(defaults.uses(FieldAction.HASH)).isFalse();
        assertThat(defaults.uses(FieldAction.DROP)).isTrue();
        assertThat(new FieldPolicy(Map.of("loyalty_id", FieldAction.HASH)).uses(FieldAction.HASH)).isTrue();
    }
}
