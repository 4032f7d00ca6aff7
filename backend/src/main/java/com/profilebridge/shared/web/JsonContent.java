package com.profilebridge.shared.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * What a servlet filter that answers JSON itself (the resolve and track fast paths) checks before
 * it answers: that the request is JSON and the caller takes JSON, as Spring MVC would decide for a
 * {@code consumes}/{@code produces = application/json} mapping. Anything else goes on to MVC, which
 * answers it (415, 406) in the one way every error is answered.
 */
public final class JsonContent {

    private JsonContent() {}

    /** A present {@code Content-Type} of {@code application/json} (any parameters). */
    public static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** No {@code Accept}, or one that takes {@code application/json} with a quality above zero. */
    public static boolean acceptsJson(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            for (MediaType type : types) {
                if (type.getQualityValue() > 0 && type.includes(MediaType.APPLICATION_JSON)) {
                    return true;
                }
            }
            return false;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
