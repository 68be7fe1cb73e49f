package dev.kcentra.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (no driver or browser download). Flags as on our
 * machines' closed network: no background traffic, no component updates. Saves a numbered screenshot per step.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path screenshots;
    private final String scenario;
    private final Path profile;
    private int step;

    Chromium(Path screenshots, String scenario) {
        try {
            this.profile = Files.createTempDirectory("kcentra-chromium");
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.screenshots = screenshots;
        this.scenario = scenario;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Where every scenario's screenshots go: {@code target/screenshots} unless {@code kcentra.screenshots.dir} says. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("kcentra.screenshots.dir", "target/screenshots"));

    /** A browser for one scenario, its screenshots named after it. */
    Chromium(String scenario) {
        this(SCREENSHOTS, scenario);
    }

    /** Chromium and chromedriver as Debian installs them (`.ci/run` does: apt-get install chromium chromium-driver). */
    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** For each test's {@code @BeforeEach}: without Chromium the tests are reported as skipped, never as passed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(installed(), "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver, as .ci/run does)");
    }

    /** A new person at the same browser: no cookies of {@code site} (WebDriver deletes the current page's site's). */
    void clearCookies(URI site) {
        driver.get(site.toString());
        driver.manage().deleteAllCookies();
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    /**
     * Fills the named fields of a form and presses its (first) submit button, as a person would, then waits until the
     * browser has left the page (every form here posts to the server), so the next step sees the next page.
     */
    void submit(String formId, Map<String, String> fields) {
        // A page that was just navigated to may still be replacing its document when the form is first found (the
        // URL changes before the new page is in place): then the form is looked up again in the page now shown.
        for (int attempt = 1; ; attempt++) {
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
            WebElement form = driver.findElement(By.id(formId));
            try {
                fields.forEach((name, value) -> {
                    WebElement input = form.findElement(By.name(name));
                    input.clear();
                    input.sendKeys(value);
                });
            } catch (WebDriverException replaced) {
                if (attempt == 3 || !(replaced instanceof StaleElementReferenceException
                        || String.valueOf(replaced.getMessage()).contains("does not belong to the document"))) {
                    throw replaced;
                }
                continue;
            }
            form.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(form));
            return;
        }
    }

    WebElement element(By by) {
        return driver.findElement(by);
    }

    /** What the field shows now (its DOM value, which a script-rendered form sets without an attribute). */
    String value(By by) {
        return driver.findElement(by).getDomProperty("value");
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Types into the input with this {@code data-testid}, replacing what it holds. */
    void type(String testId, String value) {
        WebElement input = driver.findElement(By.cssSelector("[data-testid='" + testId + "']"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
    }

    /** Picks {@code option} in the admin console's select whose toggle has this id. */
    void choose(String toggleId, String option) {
        driver.findElement(By.id(toggleId)).click();
        await(d -> d.findElement(By.xpath("//*[(@role='option' or contains(@class,'pf-v5-c-menu__item')) and normalize-space(.)='" + option + "']"))).click();
    }

    /** Turns a switch on (its input is drawn over by the switch's track, so the click goes to the input itself). */
    void switchOn(String testId) {
        WebElement input = driver.findElement(By.cssSelector("[data-testid='" + testId + "']"));
        if (!input.isSelected()) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].click();", input);
        }
    }

    /** Clicks an element that may be scrolled out of a row (the user page's tabs overflow), as a keyboard user reaches it. */
    void reachAndClick(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'}); arguments[0].click();", element);
    }

    /** Turns a switch off, the counterpart of {@link #switchOn}. */
    void switchOff(String testId) {
        WebElement input = driver.findElement(By.cssSelector("[data-testid='" + testId + "']"));
        if (input.isSelected()) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].click();", input);
        }
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * What axe-core finds on the page against WCAG 2 A and AA (labels, names, contrast, structure, keyboard), serious
     * and critical only, one line per rule: its id, impact and the first offending element.
     */
    List<String> accessibilityProblems() {
        return accessibilityProblems(new AxeBuilder());
    }

    /** The same check on the part of the page {@code css} selects (our pages inside Keycloak's admin console). */
    List<String> accessibilityProblemsIn(String css) {
        return accessibilityProblems(new AxeBuilder().include(css));
    }

    private List<String> accessibilityProblems(AxeBuilder axe) {
        Results results = axe.withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                        + (rule.getNodes().isEmpty() ? "?" : rule.getNodes().get(0).getHtml()))
                .toList();
    }

    String source() {
        return driver.getPageSource();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Waits (up to 15 s) until the condition holds, for pages that post or redirect by themselves. */
    <T> T await(Function<WebDriver, T> condition) {
        try {
            // Pages replace themselves (redirects, a form that posts itself): an element may go stale while we look.
            return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(condition::apply);
        } catch (TimeoutException e) {
            Path shot = screenshot("timeout");
            throw new AssertionError("waited in vain at " + driver.getCurrentUrl() + " (" + shot.getFileName() + "):\n" + text(), e);
        }
    }

    /** Saves the page as {@code <scenario>-<step>-<name>.png}. */
    Path screenshot(String name) {
        Path target = screenshots.resolve(String.format("%s-%02d-%s.png", scenario, ++step, name));
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
