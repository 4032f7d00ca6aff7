package com.profilebridge.support;

import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Signs a test in for calls to method-secured use cases, through the application's own
 * {@link SecurityContextHolderStrategy} bean (Vaadin's), which method security reads. The JVM-wide
 * {@code SecurityContextHolder} is not it once several Spring contexts share the test JVM: each
 * installs its strategy globally and the last one wins, so a test writing there passes alone and
 * fails in the suite.
 */
public record SecurityContexts(SecurityContextHolderStrategy strategy) {

    public static SecurityContexts of(ObjectProvider<SecurityContextHolderStrategy> strategies) {
        return new SecurityContexts(strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy));
    }

    /** Signs {@code user} in with these authorities ({@code ROLE_ADMIN}, ...) until {@link #clear()}. */
    public void signIn(String user, String... authorities) {
        strategy.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                AuthorityUtils.createAuthorityList(authorities)));
    }

    public void clear() {
        strategy.clearContext();
    }

    /** Runs {@code action} signed in as {@code user}, then signs out. */
    public <T> T as(String user, Supplier<T> action, String... authorities) {
        signIn(user, authorities);
        try {
            return action.get();
        } finally {
            clear();
        }
    }
}
