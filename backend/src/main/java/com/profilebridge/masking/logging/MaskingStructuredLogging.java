package com.profilebridge.masking.logging;

import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Masks every string of a structured (JSON) log line: message, MDC, exception and stack trace.
 * Registered as {@code logging.structured.json.customizer}; used when
 * {@code logging.structured.format.console} or {@code .file} is set.
 */
public class MaskingStructuredLogging implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(Members<Object> members) {
        members.applyingValueProcessor(ValueProcessor.of(String.class, LogMasking::mask));
    }
}
