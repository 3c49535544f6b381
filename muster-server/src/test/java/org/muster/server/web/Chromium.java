package org.muster.server.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium under Playwright, for the dashboard's browser tests: nothing is downloaded, and a
 * test class is skipped, saying why, where Chromium is missing. Screenshots go to {@link #SCREENSHOTS}.
 */
public final class Chromium implements AutoCloseable {
    public static final Path PATH = Path.of("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Skips the calling test class, saying why, unless Chromium is installed. */
    public static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(PATH),
                "skipped: the dashboard's browser tests need Chromium at " + PATH
                        + " (Debian: apt-get install chromium; .ci/run installs it)");
    }

    /** Chromium, headless, with Playwright's assertions waiting up to 15 s. */
    public static Chromium launch() {
        assumeInstalled();
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(PATH)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox")));
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Chromium(playwright, browser);
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
