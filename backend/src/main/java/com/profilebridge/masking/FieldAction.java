package com.profilebridge.masking;

/** What the field policy does with a value, chosen by the field's (normalised) name. */
public enum FieldAction {
    /** The field is removed (secrets: CVV, PIN, passwords). */
    DROP,
    /** An HMAC of the value ({@code hash:...}): equal values stay comparable, nothing is readable. */
    HASH,
    /** {@code ***-**-6789}: an SSN or national id, last four kept. */
    SSN,
    /** {@code **** 1111}: card or account number, last four kept. */
    LAST4,
    /** {@code +1******0042}: a phone number, country code and last four kept. */
    PHONE,
    /** {@code a***@example.com}: first character of the local part and the domain kept. */
    EMAIL,
    /** {@code 1985-**-**}: a date of birth, the year kept. */
    DATE,
    /** {@code ****}: nothing kept. */
    MASK,
    /** No field rule: the free-text detectors (cards, SSNs, IBANs, e-mails, phones) run over the value. */
    TEXT
}
