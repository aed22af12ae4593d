package io.scriptgram.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scriptgram.client.RpcClient;
import io.scriptgram.sandbox.SandboxRpcError;
import io.scriptgram.testing.Conditions;
import io.scriptgram.testing.RunningHost;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver, driven through /usr/bin/chromedriver:
 * Selenium's own driver manager would download, and downloads fail here) against a host on its sandbox running the
 * project's example scripts. Screenshots go to target/console-*.png; with {@code -Dconsole.readme.png=docs/console.png}
 * the scripts page's screenshot also replaces the README's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final long DAVE = 1000005;

    @TempDir
    static Path dir;

    static ConsoleFixture f;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM),
                "browser tests skipped: no " + DRIVER + " or " + CHROMIUM
                        + " (apt-get install chromium chromium-driver; .ci/run does)");
        Path project = Path.of("").toAbsolutePath();
        copy(project.resolve("scripts/ping.js"), dir.resolve("scripts/ping.js"));
        copy(project.resolve("scripts/ask.js"), dir.resolve("scripts/ask.js"));
        try (Stream<Path> files = Files.list(project.resolve("plugins/welcome"))) {
            for (Path p : files.toList()) copy(p, dir.resolve("plugins/welcome").resolve(p.getFileName()));
        }
        f = new ConsoleFixture(dir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1200,800",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (f != null) f.close();
    }

    /**
     * Waits for conditions on the page, polling; a condition that throws (an element not there yet or replaced by a
     * live section's refresh) counts as not yet.
     */
    private static final class Waiting {
        void until(Function<WebDriver, Boolean> condition) {
            WebDriverException[] last = new WebDriverException[1];
            boolean ok = Conditions.waitFor(
                    () -> {
                        try {
                            return Boolean.TRUE.equals(condition.apply(browser));
                        } catch (WebDriverException e) {
                            last[0] = e;
                            return false;
                        }
                    },
                    WAIT);
            if (!ok)
                throw new AssertionError(
                        "not within " + WAIT + " on " + browser.getCurrentUrl() + ": " + text(), last[0]);
        }
    }

    private static Waiting waiting() {
        return new Waiting();
    }

    /** Presses button {@code label} in the row of script {@code name}. */
    private static void press(String name, String label) {
        waiting().until(d -> {
            row(name).findElement(By.xpath(".//button[text()='" + label + "']")).click();
            return true;
        });
    }

    private static String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void shot(String name) throws IOException {
        Path out = Path.of("target", "console-" + name + ".png");
        Files.createDirectories(out.getParent());
        Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** The cells of the parameters table's row for {@code param}. */
    private static List<String> cells(String param) {
        return browser
                .findElements(By.xpath("//table[@class='params']//tr[td/code[text()='" + param + "']]/td"))
                .stream()
                .map(WebElement::getText)
                .toList();
    }

    private static WebElement row(String name) {
        return browser.findElement(By.cssSelector("tr.script[data-name='" + name + "']"));
    }

    @Test
    @Order(1)
    void thePrintedUrlLogsInAndTheOverviewShowsTheAccount() throws Exception {
        assertTrue(f.console.server().banner().contains(f.console.server().tokenUrl()), "the URL is printed");
        browser.get(f.console.server().tokenUrl());
        waiting().until(d -> d.getTitle().startsWith("Overview"));
        assertTrue(!browser.getCurrentUrl().contains("token="), "the token leaves the address bar");
        waiting().until(d -> text().contains("sandbox_me"));
        assertTrue(text().contains("logged in"));
        shot("overview");
    }

    @Test
    @Order(2)
    void theExampleScriptsAreListedAndAnEditShowsTheNewVersion() throws Exception {
        browser.get(f.base() + "scripts");
        for (String name : List.of("ping", "ask", "welcome"))
            waiting()
                    .until(d -> !d.findElements(By.cssSelector("tr.script[data-name='" + name + "']"))
                            .isEmpty());
        assertEquals(
                "1.0.0",
                row("welcome").findElement(By.cssSelector("td.version")).getText());
        assertTrue(
                row("welcome").getText().contains("every 30s"),
                "its schedule: " + row("welcome").getText());
        shot("scripts");
        String readme = System.getProperty("console.readme.png");
        if (readme != null && !readme.isBlank()) copy(Path.of("target/console-scripts.png"), Path.of(readme));
        Path manifest = dir.resolve("plugins/welcome/plugin.yml");
        Files.writeString(manifest, Files.readString(manifest).replace("version: 1.0.0", "version: 1.1.0"));
        // the page is not reloaded: it follows by itself
        waiting()
                .until(d -> row("welcome")
                        .findElement(By.cssSelector("td.version"))
                        .getText()
                        .equals("1.1.0"));
    }

    @Test
    @Order(3)
    void aBrokenScriptShowsItsErrorWithFileAndLine() throws Exception {
        browser.get(f.base() + "scripts");
        Files.writeString(dir.resolve("scripts/ping.js"), "log.info('fine');\nlet x = ;\n");
        waiting().until(d -> text().matches("(?s).*ping\\.js:2.*"));
        shot("broken");
        copy(Path.of("").toAbsolutePath().resolve("scripts/ping.js"), dir.resolve("scripts/ping.js"));
    }

    @Test
    @Order(4)
    void reloadAndDisableButtonsWork() throws Exception {
        browser.get(f.base() + "scripts");
        waiting()
                .until(d -> !d.findElements(By.cssSelector("tr.script[data-name='ask']"))
                        .isEmpty());
        long reloads = f.host.plugins().reloads();
        press("ask", "Reload");
        waiting().until(d -> f.host.plugins().reloads() > reloads);
        press("ask", "Disable");
        waiting()
                .until(d -> row("ask")
                        .findElement(By.cssSelector("td.status"))
                        .getText()
                        .equals("disabled"));
        assertTrue(f.host.plugins().active().stream()
                .noneMatch(a -> a.manifest().name().equals("ask")));
        press("ask", "Enable");
        waiting()
                .until(d -> f.host.plugins().active().stream()
                        .anyMatch(a -> a.manifest().name().equals("ask")));
    }

    @Test
    @Order(5)
    void aLogLineArrivesLive() throws Exception {
        browser.get(f.base() + "logs");
        waiting().until(d -> !d.findElements(By.id("log")).isEmpty());
        try (RpcClient alice = RunningHost.alice(f.host.connection().localSandbox(), ConsoleFixture.CODE)) {
            RunningHost.send(alice, "ping from the browser test");
        }
        waiting().until(d -> d.findElement(By.id("log")).getText().contains("ping from the browser test"));
        shot("logs");
    }

    @Test
    @Order(6)
    void aSecondAccountLogsInWithPhoneCodeAnd2fa() throws Exception {
        browser.get(f.base() + "login");
        browser.findElement(By.id("login-phone")).sendKeys("+999 66 1 1003");
        browser.findElement(By.id("login-submit")).click();
        waiting().until(d -> !d.findElements(By.id("login-code")).isEmpty());
        browser.findElement(By.id("login-code")).sendKeys(ConsoleFixture.CODE);
        browser.findElement(By.id("login-submit")).click();
        waiting().until(d -> !d.findElements(By.id("login-password")).isEmpty());
        browser.findElement(By.id("login-password")).sendKeys(ConsoleFixture.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        waiting().until(d -> text().contains("dave_2fa"));
        assertTrue(f.second.account().loggedIn());
        assertTrue(!browser.getPageSource().contains(ConsoleFixture.CODE), "the code is not shown back");
    }

    @Test
    @Order(7)
    void theTopPeersReferencePageAndItsSearch() throws Exception {
        browser.get(f.base() + "reference");
        browser.findElement(By.id("ref-search")).sendKeys("getTopPe");
        waiting()
                .until(d -> !d.findElements(By.linkText("contacts.getTopPeers")).isEmpty());
        browser.findElement(By.cssSelector("#ref-hits a")).click();
        waiting().until(d -> d.getTitle().startsWith("contacts.getTopPeers"));
        assertEquals(List.of("limit", "int", "required"), cells("limit"));
        assertEquals(List.of("correspondents", "true", "optional (flags.0)"), cells("correspondents"));
        assertEquals(List.of("hash", "long", "optional (default 0)"), cells("hash"));
        String page = text();
        assertTrue(page.contains("TYPES_EMPTY"), page);
        assertTrue(page.contains("await contacts.getTopPeers({limit: 0})"), page);
        shot("reference");
    }

    @Test
    @Order(8)
    void aThirdAccountLogsInWithAQrCodeAndThen2fa() throws Exception {
        browser.get(f.base() + "login");
        browser.findElement(By.id("login-qr")).click();
        waiting().until(d -> !d.findElements(By.id("qr-code")).isEmpty());
        shot("qr");
        // the code as a phone's camera sees it: read from the screen with zxing
        String[] url = new String[1];
        waiting().until(d -> {
            try {
                url[0] = QrImages.read(ImageIO.read(
                        new ByteArrayInputStream(d.findElement(By.id("qr-code")).getScreenshotAs(OutputType.BYTES))));
                return true;
            } catch (WebDriverException e) {
                throw e;
            } catch (Exception unreadable) {
                return false;
            }
        });
        assertTrue(url[0].startsWith("tg://login?token="), url[0]);
        // Dave's logged-in phone scans it (he has a 2FA password); a code replaced meanwhile is read again
        waiting().until(d -> {
            try {
                f.host.connection().localSandbox().acceptLoginToken(DAVE, url[0]);
                return true;
            } catch (SandboxRpcError replaced) {
                try {
                    url[0] = QrImages.read(ImageIO.read(new ByteArrayInputStream(
                            d.findElement(By.id("qr-code")).getScreenshotAs(OutputType.BYTES))));
                } catch (WebDriverException e) {
                    throw e;
                } catch (Exception unreadable) {
                    // next round
                }
                return false;
            }
        });
        waiting().until(d -> !d.findElements(By.id("login-password")).isEmpty());
        assertTrue(!f.third.account().loggedIn(), "not before the password");
        browser.findElement(By.id("login-password")).sendKeys(ConsoleFixture.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        waiting().until(d -> text().contains("Account 3: logged in as Dave"));
        assertEquals(DAVE, f.third.account().self().orElseThrow().getLong("id"));
    }
}
