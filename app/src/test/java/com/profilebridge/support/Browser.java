package com.profilebridge.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Debian's Chromium driven by Playwright for Java, headless, with no network beyond loopback. */
public final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Browser chromium() {
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        com.microsoft.playwright.Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromiumBinary())
                .setHeadless(true)
                .setTimeout(60_000)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
        return new Browser(playwright, browser);
    }

    public BrowserContext newContext(int width, int height) {
        return newContext(new NewContextOptions().setViewportSize(width, height));
    }

    /** A context whose browser language is {@code locale} ({@code de-DE}): what Accept-Language says. */
    public BrowserContext newContext(int width, int height, String locale) {
        return newContext(new NewContextOptions().setViewportSize(width, height).setLocale(locale));
    }

    /** A context whose clock shows this time zone, as the browser of a viewer in that zone would. */
    public BrowserContext newContext(int width, int height, ZoneId timeZone) {
        return newContext(new NewContextOptions().setViewportSize(width, height).setTimezoneId(timeZone.getId()));
    }

    private BrowserContext newContext(NewContextOptions options) {
        BrowserContext context = browser.newContext(options);
        context.setDefaultTimeout(30_000);
        context.setDefaultNavigationTimeout(30_000);
        return context;
    }

    private static Path chromiumBinary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new IllegalStateException("Debian's chromium is needed (apt-get install -y chromium)");
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
