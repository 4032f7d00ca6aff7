package com.profilebridge.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.StreamReadConstraints;

/**
 * Bounds on what the application's {@code JsonMapper} reads ({@code bridge.edge.json.*}), whoever
 * hands it the document: request bodies (already capped by route), CDP answers, Redis entries.
 * Jackson's own defaults allow 20 MB strings and unbounded documents.
 *
 * @param maxDocumentLength the largest document
 * @param maxStringLength the longest string value
 * @param maxNameLength the longest property name
 * @param maxNestingDepth the deepest nesting of objects and arrays
 * @param maxNumberLength the most digits in a number
 * @param maxTokenCount the most tokens in a document
 */
@ConfigurationProperties("bridge.edge.json")
record JsonReadLimits(
        @DefaultValue("8MB") DataSize maxDocumentLength,
        @DefaultValue("1MB") DataSize maxStringLength,
        @DefaultValue("1024") int maxNameLength,
        @DefaultValue("64") int maxNestingDepth,
        @DefaultValue("100") int maxNumberLength,
        @DefaultValue("1000000") long maxTokenCount) {

    StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxDocumentLength(maxDocumentLength.toBytes())
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxStringLength.toBytes()))
                .maxNameLength(maxNameLength)
                .maxNestingDepth(maxNestingDepth)
                .maxNumberLength(maxNumberLength)
                .maxTokenCount(maxTokenCount)
                .build();
    }
}
