"""The briefings in a real browser: headless Chromium, network off, every chart drawn, no errors.

Chromium and ChromeDriver are Debian's (``chromium``, ``chromium-driver``; ``.ci/run``
installs them, with ``fonts-noto-cjk``, when they are missing). Without them this test
fails rather than skips: a briefing nobody has seen render is not tested.

Each page is opened from disk with every network request sent to a proxy that does
not exist (``--proxy-server=127.0.0.1:9``), so anything the page tried to fetch would
show up as a failed request. The test reads the browser's console log and the
DevTools network log, counts the plotly charts (their ``svg.main-svg``), and saves
a screenshot of each page under the test's temporary folder.
"""

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from test_brief import briefed  # noqa: F401  (the session's briefings, generated once)

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--proxy-server=127.0.0.1:9", "--window-size=1200,900",
         "--force-device-scale-factor=1"]

# installed before any script of the page runs: remember errors, and any alert() a script calls
WATCH = """
window.__errors = [];
window.__alerts = [];
window.addEventListener('error', e => window.__errors.push(String(e.message || e)));
window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));
window.alert = m => window.__alerts.push(String(m));
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    assert not missing, (f"{missing} missing: headless Chromium is needed, apt-get install -y "
                         "chromium chromium-driver fonts-noto-cjk (.ci/run does this)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def open_page(driver, page: Path) -> None:
    driver.get_log("browser")  # forget what earlier pages logged
    driver.get_log("performance")
    driver.get(page.as_uri())


def requests(driver) -> list[str]:
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def screenshot(driver, path: Path) -> None:
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    path.write_bytes(base64.b64decode(shot["data"]))


def test_chinese_fonts_are_installed():
    assert shutil.which("fc-list"), "fontconfig is missing"
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True)
    assert listed.stdout.strip(), "no font renders Chinese: apt-get install -y fonts-noto-cjk"


def test_every_briefing_renders_offline_with_its_charts_and_no_errors(browser, briefed, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    out, _ = briefed
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 1
    for page in pages:
        open_page(browser, page)
        graphs = browser.find_elements(By.CSS_SELECTOR, "div.plotly-graph-div")
        if page.name != "index.html":
            assert graphs, f"{page}: no plotly chart"
        WebDriverWait(browser, 30).until(lambda d, graphs=graphs: all(
            g.find_elements(By.CSS_SELECTOR, "svg.main-svg") for g in graphs))
        name = page.relative_to(out).as_posix().replace("/", "__")
        screenshot(browser, tmp_path / f"{Path(name).stem}.png")

        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == [], f"{page}: {errors}"
        assert browser.execute_script("return window.__errors") == [], page
        assert browser.execute_script("return window.__alerts") == [], page
        online = [u for u in requests(browser) if not u.startswith(("file:", "data:", "blob:"))]
        assert online == [], f"{page} tried to fetch {online}"
        assert browser.execute_script("return typeof window.require") == "undefined"
    assert len(list(tmp_path.glob("*.png"))) == len(pages)


def test_markup_in_a_plan_is_shown_as_text(browser, briefed):  # noqa: F811
    from selenium.webdriver.common.by import By

    out, _ = briefed
    open_page(browser, out / "b_某区_b_民政局-2023" / "briefing.html")
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "推进养老服务体系建设<script>alert(1)</script>，新建社区养老服务站10个。" in text
    assert "社会救助科<img src=x onerror=alert(2)>" in text
    assert browser.execute_script("return window.__alerts") == []
    assert not browser.find_elements(By.CSS_SELECTOR, "main img[src='x']")
    labels = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.main-svg text')).map(t => t.textContent)")
    assert "社会救助科<img src=x onerror=alert(2)>" in labels  # the bar's label, as typed
