package com.profilebridge.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Route;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A Genesys Cloud agent desktop without the internet: a host page on WireMock that frames a bridge
 * page the way the interaction widget does, and Genesys' login page as a Playwright route.
 */
public final class GenesysDesktop {

    private GenesysDesktop() {}

    /** Serves {@code /host/<name>} from {@code vendors}: a desktop framing {@code bridgeUrl} with Genesys' sandbox. */
    public static void hostPage(WireMockServer vendors, String name, String bridgeUrl) {
        vendors.stubFor(get(urlEqualTo("/host/" + name)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><body><h1>Agent desktop</h1><iframe id=\"widget-frame\" width=\"300\" "
                        + "height=\"700\" sandbox=\"allow-forms allow-modals allow-popups allow-presentation "
                        + "allow-same-origin allow-scripts allow-downloads\" src=\"" + bridgeUrl + "\"></iframe></body></html>")));
    }

    /**
     * Stands in for {@code https://login.<env>/oauth/authorize}: the implicit grant answers with the
     * token in the redirect's fragment, with the state the bridge page sent.
     */
    public static void login(Route route, String token) {
        Map<String, String> query = query(URI.create(route.request().url()).getRawQuery());
        String target = query.get("redirect_uri") + "#access_token=" + token + "&token_type=bearer&expires_in=86399"
                + "&state=" + encode(query.get("state"));
        route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html")
                .setBody("<!DOCTYPE html><script>location.replace(" + quote(target) + ")</script>"));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A JavaScript string literal. */
    public static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
