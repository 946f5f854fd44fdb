// Runs Lighthouse (mobile, the default config) on a list of pages in ONE Chromium, one page after another, and writes
// each JSON report. Called by bench/audit.py:  node bench/lighthouse.mjs <jobs.json>
// jobs.json: {"chromePath": "...", "chromeFlags": ["--headless", ...], "categories": [...], "pages": [{"url", "out"}]}
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const chrome = await chromeLauncher.launch({chromePath: jobs.chromePath, chromeFlags: jobs.chromeFlags});
// Killed for taking too long (bench/audit.py's time limit): take the Chromium down too, it runs detached.
process.on('SIGTERM', () => { chrome.kill().finally(() => process.exit(2)); });
let failed = 0;
try {
  for (const page of jobs.pages) {
    try {
      const result = await lighthouse(page.url, {
        port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: jobs.categories,
        // The screenshot of the whole page only illustrates an HTML report (we keep JSON); no audit or score reads it,
        // and taking it costs seconds on the long pages.
        disableFullPageScreenshot: true,
      });
      fs.writeFileSync(page.out, result.report);
    } catch (error) {
      failed += 1;
      fs.writeFileSync(page.out + '.error', String(error && error.stack || error));
    }
  }
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);
