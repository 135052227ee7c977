package dev.lanyard.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Selenium with explicit browser and driver paths (so Selenium Manager never runs),
 * and flags that keep it off the network: it may only resolve localhost and 127.0.0.1.
 */
public final class Chromium {

    private static final Path BROWSER = Path.of(System.getProperty("lanyard.it.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("lanyard.it.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    public static WebDriver start(String language) {
        return start(language, new String[0]);
    }

    /** As {@link #start(String)}, with extra host names (e.g. a domain's {@code id.lanyard.test}) resolved to 127.0.0.1. */
    public static WebDriver start(String language, String... loopbackHosts) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Browser tests need Chromium and ChromeDriver at " + BROWSER + " and " + DRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        try {
            Path profile = Files.createTempDirectory("lanyard-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--host-resolver-rules=" + hostRules(loopbackHosts),
                    "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=" + language);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every name resolves to nothing except loopback and the given hosts, which resolve to 127.0.0.1. */
    private static String hostRules(String... loopbackHosts) {
        StringBuilder rules = new StringBuilder();
        for (String host : loopbackHosts) {
            rules.append("MAP ").append(host).append(" 127.0.0.1 , ");
        }
        return rules.append("MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1").toString();
    }

    /** Saves a PNG of the current page as target/screenshots/{name}.png. */
    public static Path screenshot(WebDriver driver, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills the logon page's password form shown in this browser and submits it, waiting for the next page. */
    public static void submitPasswordForm(WebDriver driver, String username, String password) {
        driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        clickAndWaitForTheNextPage(driver, driver.findElement(org.openqa.selenium.By.id("submit")));
    }

    /**
     * Lets this browser save downloads, without asking, into a new directory under target/downloads (Chromium's
     * DevTools protocol; headless Chromium refuses downloads otherwise).
     */
    public static Path downloadsInto(WebDriver driver) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "downloads")).resolve("d" + System.nanoTime()).toAbsolutePath();
            Files.createDirectories(dir);
            ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", dir.toString()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lines of the download ending with {@code suffix} in {@code dir} once it is finished (no partial
     * {@code .crdownload} file left, the size the same twice 200 ms apart), waiting up to 15 seconds.
     */
    public static java.util.List<String> awaitDownload(Path dir, String suffix) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long lastSize = -1;
        while (System.nanoTime() < deadline) {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                java.util.List<Path> all = files.toList();
                java.util.Optional<Path> done = all.stream().filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
                boolean partial = all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
                if (done.isPresent() && !partial) {
                    long size = Files.size(done.get());
                    if (size > 0 && size == lastSize) {
                        return Files.readAllLines(done.get(), java.nio.charset.StandardCharsets.UTF_8);
                    }
                    lastSize = size;
                }
                Thread.sleep(200);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no download ending with " + suffix + " in " + dir);
    }

    /**
     * Clicks what submits a form or follows a link and waits until the old page is gone (else a find may race it).
     * While the page is being replaced, Chromium may answer a question about the old element with "node does not
     * belong to the document" instead of "stale": both mean it is gone.
     */
    public static void clickAndWaitForTheNextPage(WebDriver driver, org.openqa.selenium.WebElement element) {
        element.click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10)).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }
}
