package com.profilebridge.masking.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.pattern.MDCConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.RootCauseFirstThrowableProxyConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import org.springframework.boot.logging.logback.WhitespaceThrowableProxyConverter;

/**
 * Logback converters that mask what they write: the message ({@code %m}), MDC values
 * ({@code %X}) and exceptions with their messages ({@code %wEx}, {@code %ex}, {@code %xEx},
 * {@code %rEx}). logback-spring.xml registers them under the standard conversion words, so Spring
 * Boot's console and file patterns, and any pattern an operator sets, are masked.
 */
public final class MaskingConverters {

    private MaskingConverters() {}

    /** {@code %m}, {@code %msg}, {@code %message}. */
    public static class Message extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return String.valueOf(LogMasking.mask(super.convert(event)));
        }
    }

    /** {@code %X}, {@code %mdc}. */
    public static class Mdc extends MDCConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return String.valueOf(LogMasking.mask(super.convert(event)));
        }
    }

    /** {@code %wEx}: Spring Boot's default exception word. */
    public static class ExtendedWhitespaceThrowable extends ExtendedWhitespaceThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return String.valueOf(LogMasking.mask(super.throwableProxyToString(tp)));
        }
    }

    /** {@code %wex}. */
    public static class WhitespaceThrowable extends WhitespaceThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return String.valueOf(LogMasking.mask(super.throwableProxyToString(tp)));
        }
    }

    /** {@code %ex}, {@code %exception}, {@code %throwable}. */
    public static class PlainThrowable extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return String.valueOf(LogMasking.mask(super.throwableProxyToString(tp)));
        }
    }

    /** {@code %xEx}, {@code %xException}, {@code %xThrowable}. */
    public static class ExtendedThrowable extends ExtendedThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return String.valueOf(LogMasking.mask(super.throwableProxyToString(tp)));
        }
    }

    /** {@code %rEx}, {@code %rootException}. */
    public static class RootCauseFirstThrowable extends RootCauseFirstThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return String.valueOf(LogMasking.mask(super.throwableProxyToString(tp)));
        }
    }
}
