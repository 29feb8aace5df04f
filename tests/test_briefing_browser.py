"""The briefings in a real browser: headless Chromium, network off, every chart drawn, no errors.

Chromium and ChromeDriver are Debian's (``chromium``, ``chromium-driver``; ``.ci/run``
installs them, with ``fonts-noto-cjk``, when they are missing). Without them this test
fails rather than skips: a briefing nobody has seen render is not tested.

Each page is opened from disk with every network request sent to a proxy that does
not exist (``--proxy-server=127.0.0.1:9``), so anything the page tried to fetch would
show up as a failed request. The test reads the browser's console log and the
DevTools network log, counts the plotly charts (their ``svg.main-svg``), and saves
a screenshot of each page under the test's temporary folder.

Then every page is read as a person sees it (:func:`page_problems`): no chart left
empty, no instruction for running the notebooks in the rendered text, and no number
printed the way a float prints (``2000.0``, a share as ``0.52``). The checks are proved
able to fail on a deliberately bad page. The annual briefing is also shown in print
media (screenshot, plotly toolbar hidden) and printed to A4 PDF to count its pages.
"""

import base64
import io
import re
import shutil
import subprocess
from contextlib import contextmanager
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


# -- as a person sees it --------------------------------------------------------------------

# what the drawn marks of a plotly chart are, by trace type: a chart whose traces draw none is empty
MARKS = (".barlayer .point, .heatmaplayer image, .hm image, .sankey .sankey-node, .scatterlayer .point, "
         ".scatterlayer path.js-line, .pielayer .slice, .contourlayer path, .imagelayer image")

# every plotly chart and anything else named as a chart or figure, outside the chart's own insides
EMPTY_CHARTS = """
const marks = arguments[0];
const found = [];
const named = /(^|[-_ ])(chart|plot|graph|figure|fig)([-_ ]|$)/i;
for (const g of document.querySelectorAll('div.plotly-graph-div, div.js-plotly-plot')) {
  const box = g.getBoundingClientRect();
  const traces = (g._fullData || []).filter(t => t.visible === true);
  const what = g.id || g.className;
  if (!g.querySelector('svg.main-svg')) found.push('plotly chart with no svg.main-svg: ' + what);
  else if (!traces.length) found.push('plotly chart with no visible trace: ' + what);
  else if (!g.querySelector(marks)) found.push('plotly chart that draws nothing (' +
                                               traces.map(t => t.type).join(',') + '): ' + what);
  else if (box.width < 50 || box.height < 50) found.push('plotly chart ' + box.width + 'x' + box.height + ': ' + what);
}
for (const e of document.querySelectorAll('body *')) {
  if (e.closest('svg, script, style, .plotly-graph-div, .js-plotly-plot')) continue;
  const cls = typeof e.className === 'string' ? e.className : '';
  if (!(e.tagName === 'FIGURE' || e.tagName === 'CANVAS' || named.test(cls) || named.test(e.id))) continue;
  if (e.querySelector('svg, img, canvas, table') || e.innerText.trim()) continue;
  if (e.tagName === 'CANVAS' && e.width && e.height) continue;
  found.push('empty chart element <' + e.tagName.toLowerCase() + ' class="' + cls + '" id="' + e.id + '">');
}
return found;
"""

# the rendered text with the charts' SVG left out, and the charts' own text (labels, ticks, titles)
VISIBLE_TEXT = """
const hide = document.createElement('style');
hide.textContent = 'svg { display: none !important; }';
document.head.appendChild(hide);
const text = document.body.innerText;
hide.remove();
const charts = Array.from(document.querySelectorAll('svg text')).map(t => t.textContent);
return [text, charts.join('\\n')];
"""

# output blocks of a notebook cell that render nothing at all (an empty <p></p>, say)
BLANK_OUTPUTS = """
return Array.from(document.querySelectorAll('.jp-OutputArea-output')).filter(e =>
  !e.innerText.trim() && !e.querySelector('svg, img, canvas, table, iframe, .plotly-graph-div')
).map(e => e.outerHTML.replace(/\\s+/g, ' ').slice(0, 200));
"""

# how to run the notebooks is not for the reader of a briefing
INSTRUCTIONS = re.compile(
    r"parameters|papermill|civstat\s+(?:brief|check)|pip\s+install|\.ipynb\b|jupyter|ipykernel|Run All|Traceback"
    r"|(?<![A-Za-z0-9_-])-p\s+\w|(?<![A-Za-z0-9_-])--[a-z][a-z-]+", re.IGNORECASE)
# a whole number printed as a float: 2000.0, 3.00, 1.0万 (a digit or a point before it would make it part of
# a longer number; a digit after it makes it a real decimal such as 10.05)
WHOLE_AS_FLOAT = re.compile(r"(?<![\d.])\d+\.0+(?!\d)")
# a share printed as a fraction: 0.52, 0.333 -- but 0.5万 and 0.52% are amounts and percentages
RAW_SHARE = re.compile(r"(?<![\d.])0\.\d+(?![\d.]*\s*[%‰万亿])")
# a float's tail: 33.333333, 2.3999999
FLOAT_TAIL = re.compile(r"(?<![\d.])\d+\.\d{4,}")


def _around(text: str, match: re.Match) -> str:
    return text[max(0, match.start() - 12):match.end() + 12].replace("\n", " ")


def text_problems(text: str, chart_text: str = "") -> list[str]:
    """What a reader should not see in a page's text (``text``) or in its charts' text (``chart_text``).

    The charts' text is held only to the float checks that cannot be legitimate there: a colour
    scale or a log axis may well tick at 0.5 or 11.2, but no tick or bar label should read 2000.0.
    """
    found = []
    for label, pattern, where in (("instruction", INSTRUCTIONS, text), ("whole number as float", WHOLE_AS_FLOAT, text),
                                  ("share as a fraction", RAW_SHARE, text), ("float tail", FLOAT_TAIL, text),
                                  ("whole number as float in a chart", WHOLE_AS_FLOAT, chart_text),
                                  ("float tail in a chart", FLOAT_TAIL, chart_text),
                                  ("instruction in a chart", INSTRUCTIONS, chart_text)):
        found += [f"{label}: {m.group(0)!r} in …{_around(where, m)}…" for m in pattern.finditer(where)]
    return found


def page_problems(driver) -> list[str]:
    """Everything wrong with the open page as a person would see it: empty charts, instructions, float artifacts."""
    text, chart_text = driver.execute_script(VISIBLE_TEXT)
    return driver.execute_script(EMPTY_CHARTS, MARKS) + text_problems(text, chart_text)


def open_drawn(driver, page: Path, timeout: float = 30) -> None:
    """Open ``page`` and wait until each plotly chart has its SVG (or ``timeout`` passes: then the checks say so)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, page)
    try:
        WebDriverWait(driver, timeout).until(lambda d: all(
            g.find_elements(By.CSS_SELECTOR, "svg.main-svg")
            for g in d.find_elements(By.CSS_SELECTOR, "div.plotly-graph-div")))
    except TimeoutException:
        pass


def test_every_page_reads_as_a_person_sees_it(browser, briefed):  # noqa: F811
    out, _ = briefed
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 1
    problems = {}
    for page in pages:
        open_drawn(browser, page)
        if found := page_problems(browser):
            problems[page.relative_to(out).as_posix()] = found
    assert problems == {}


def test_no_cell_shows_a_blank_block(browser, briefed):  # noqa: F811
    """A function with nothing to say (no repeats, no note on sources) shows nothing, not an empty <p></p>."""
    out, _ = briefed
    blank = {}
    for page in sorted(out.rglob("*.html")):
        open_drawn(browser, page)
        if found := browser.execute_script(BLANK_OUTPUTS):
            blank[page.relative_to(out).as_posix()] = found
    assert blank == {}


BAD_PAGE = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>坏的简报</title></head><body><main>
<p>2023年共2000.0户，养老服务占0.52。</p>
<table><tr><th>名称</th><th>占比</th><th>加权</th></tr><tr><td>张明武</td><td>0.4705882352941176</td><td>3.0</td></tr></table>
<p>运行 civstat brief --issuer 武汉市民政局 -p year 2023，或在 JupyterLab 中打开 briefing.ipynb（先 pip install civstat）。</p>
<p>Cell tagged parameters</p>
<div class="plotly-graph-div js-plotly-plot" id="never-drawn" style="height:400px;width:600px"></div>
<div class="chart"></div>
<svg class="main-svg" width="200" height="50"><text x="0" y="20">2000.0</text></svg>
</main></body></html>"""

GOOD_PAGE = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>好的简报</title></head><body><main>
<p>为1.1万人提供居家养老上门服务，改造棚户区住房4.8万套，养老服务占52.5%，生活护理费标准提高10%，增长0.5%，
新增0.5万户，相似度21%，生成时间 2026年12月2日 10:31。武汉市民政局 2022→2023年，COVID-19，第3.2节，10.05。</p>
<table><tr><th>目标值</th></tr><tr><td>1.1万</td></tr><tr><td>2000</td></tr></table>
<svg class="main-svg" width="200" height="50"><text x="0" y="20">0.5</text><text x="40" y="20">11.2</text></svg>
</main></body></html>"""


def test_the_checks_fail_on_a_bad_page_and_pass_a_good_one(browser, tmp_path):
    bad, good = tmp_path / "bad.html", tmp_path / "good.html"
    bad.write_text(BAD_PAGE, encoding="utf-8")
    good.write_text(GOOD_PAGE, encoding="utf-8")
    open_drawn(browser, bad, timeout=1)
    found = "\n".join(page_problems(browser))
    for expected in ("plotly chart with no svg.main-svg: never-drawn", 'empty chart element <div class="chart"',
                     "whole number as float: '2000.0'", "share as a fraction: '0.52'", "whole number as float: '3.0'",
                     "float tail: '0.4705882352941176'", "whole number as float in a chart: '2000.0'",
                     "instruction: 'civstat brief'", "instruction: '--issuer'", "instruction: '-p y",
                     "instruction: 'Jupyter'", "instruction: '.ipynb'", "instruction: 'pip install'",
                     "instruction: 'parameters'"):
        assert expected in found, (expected, found)
    open_drawn(browser, good, timeout=1)
    assert page_problems(browser) == []


@pytest.mark.parametrize(("text", "count"), [
    ("共2000.0户", 1), ("2000户", 0), ("1.0万人", 1), ("1.1万人", 0), ("占0.52", 1), ("占0.52%", 0), ("0.5万户", 0),
    ("52.5%", 0), ("10.05", 0), ("4.8万套", 0), ("33.333333%", 1), ("2022→2023年", 0), ("10:31", 0),
    ("用 -p top 5", 1), ("COVID-19", 0), ("见 briefing.ipynb", 1), ("papermill", 1), ("Parameters", 1),
])
def test_text_problems_by_example(text, count):
    assert len(text_problems(text)) == count, text_problems(text)


# -- printed ---------------------------------------------------------------------------------

ANNUAL = Path("武汉市民政局-2023") / "briefing.html"
A4 = {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True}


def printed_pages(driver, page: Path, pdf: Path | None = None) -> int:
    """How many A4 pages ``page`` prints to in Chromium (Page.printToPDF, the page's own print CSS)."""
    import pdfplumber

    open_drawn(driver, page)
    data = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", A4)["data"])
    if pdf is not None:
        pdf.write_bytes(data)
    with pdfplumber.open(io.BytesIO(data)) as document:
        return len(document.pages)


@contextmanager
def print_media(driver):
    """Show the page as it prints (CSS print media) inside the block, as on screen again after it."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        yield
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_annual_briefing_in_print_media(browser, briefed, tmp_path, capsys, record_property):  # noqa: F811
    out, _ = briefed
    page = out / ANNUAL
    open_drawn(browser, page)
    modebars = "return Array.from(document.querySelectorAll('.modebar')).map(e => e.checkVisibility())"
    assert browser.execute_script(modebars), "no plotly toolbar on the page: the check below would prove nothing"
    assert all(browser.execute_script(modebars)), "on screen the toolbar is there (shown on hover)"
    with print_media(browser):
        assert browser.execute_script("return matchMedia('print').matches")
        assert not any(browser.execute_script(modebars)), "the plotly toolbar shows in print"
        assert page_problems(browser) == []
        shot = tmp_path / "briefing-2023-print.png"
        screenshot(browser, shot)
    assert shot.stat().st_size > 10_000
    pdf = tmp_path / "briefing-2023.pdf"
    pages = printed_pages(browser, page, pdf)
    assert pages >= 1
    record_property("printed_pages", pages)
    with capsys.disabled():  # in the run's output even under -q: the count issue 10 asks to watch
        print(f"\n{ANNUAL.as_posix()} prints to {pages} A4 pages ({pdf}); print-media screenshot: {shot}")  # noqa: T201


def test_the_annual_briefing_prints_on_two_pages(browser, briefed):  # noqa: F811
    out, _ = briefed
    assert printed_pages(browser, out / ANNUAL) <= 2


# A4 is 210 mm wide; the briefing's print CSS (@page margin 14mm 12mm) leaves 186 mm, 703 CSS px at 96 px/in
PRINTED_WIDTH = round((210 - 2 * 12) / 25.4 * 96)

DRAWN = """return Array.from(document.querySelectorAll('div.plotly-graph-div svg.main-svg')).map(s => {
  const r = s.getBoundingClientRect(); return [r.width, r.height]; })"""


def test_the_annual_briefing_charts_fit_the_printed_width(browser, briefed):  # noqa: F811
    """What is drawn (the chart's svg, at the screen's width) is shrunk to the page, not cut at its edge."""
    out, _ = briefed
    open_drawn(browser, out / ANNUAL)
    on_screen = browser.execute_script(DRAWN)
    with print_media(browser):
        printed = browser.execute_script(DRAWN)
    assert printed
    assert len(printed) == len(on_screen)
    assert max(w for w, _ in on_screen) > PRINTED_WIDTH, "the screen is wide enough that the check means something"
    assert max(w for w, _ in printed) <= PRINTED_WIDTH, (printed, PRINTED_WIDTH)


VISIBLE = """return [...document.querySelectorAll('.jp-Cell')].filter(c => c.checkVisibility())
  .map(c => c.innerText).join('\\n')"""


def test_long_lists_are_on_screen_and_left_out_of_print(browser, briefed):  # noqa: F811
    """The task list and the long tables are for the screen; the printed page says where they are."""
    out, _ = briefed
    open_drawn(browser, out / ANNUAL)
    screen = browser.execute_script(VISIBLE)
    with print_media(browser):
        printed = browser.execute_script(VISIBLE)
    assert "附：任务清单" in screen
    assert "附：任务清单" not in printed
    assert "新增的任务：" in screen
    assert "新增的任务：" not in printed
    assert "见网页版简报" in printed
    assert "见网页版简报" not in screen
    for heading in ("工作量", "延续与新增", "主题", "量化目标"):
        assert heading in printed


def test_a_self_contained_page_draws_its_charts_alone(browser, tmp_path):
    """A page written with --self-contained, copied alone into an empty folder (as a mail attachment is
    saved), draws every chart with nothing beside it and fetches nothing."""
    from civstat.report.notebooks import brief

    result = brief(issuer="武汉市民政局", year=2023, notebooks=["briefing"], out=tmp_path / "out",
                   self_contained=True)
    assert not result.failed
    alone = tmp_path / "inbox" / "简报.html"
    alone.parent.mkdir()
    shutil.copy(tmp_path / "out" / "武汉市民政局-2023" / "briefing.html", alone)
    requests(browser)  # what earlier pages fetched is not this page's
    open_drawn(browser, alone)
    drawn = browser.execute_script(
        "return Array.from(document.querySelectorAll('div.plotly-graph-div')).map(g => !!g.querySelector('svg.main-svg'))")
    assert drawn
    assert all(drawn)
    assert [u for u in requests(browser) if not u.startswith(("data:", "blob:")) and u != alone.as_uri()] == []
    assert page_problems(browser) == []
