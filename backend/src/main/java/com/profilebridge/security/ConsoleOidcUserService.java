package com.profilebridge.security;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in console user: the provider's claims (ID token, plus user info where the provider
 * serves it) with the console roles the group mapping grants as the only authorities
 * ({@code ROLE_SUPERVISOR}, {@code ROLE_ADMIN}), named by the configured user-name claim.
 */
final class ConsoleOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(ConsoleOidcUserService.class);

    private final OAuth2UserService<OidcUserRequest, OidcUser> provider;
    private final ConsoleRoleMapping mapping;
    private final String userNameClaim;

    ConsoleOidcUserService(OAuth2UserService<OidcUserRequest, OidcUser> provider, ConsoleRoleMapping mapping,
            String userNameClaim) {
        this.provider = provider;
        this.mapping = mapping;
        this.userNameClaim = userNameClaim.strip();
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = provider.loadUser(request);
        Set<String> roles = mapping.roles(user.getClaims());
        List<GrantedAuthority> authorities = roles.stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        String name = userNameClaim;
        if (user.getClaims().get(userNameClaim) == null) {
            log.warn("Console sign-in: the provider sent no '{}' claim (bridge.console.oidc.user-name-claim); "
                    + "the user is named by 'sub' instead", userNameClaim);
            name = IdTokenClaimNames.SUB;
        }
        // the roles, never the groups or the name: both can say more about a person than the log needs
        log.info("Console sign-in through the identity provider: roles {}", roles.isEmpty() ? "none" : roles);
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), name);
    }
}
