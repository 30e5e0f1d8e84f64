// Loads one report page in headless Chromium and lists everything a reader would miss: console
// errors, uncaught page errors, failed or non-data requests (the page must need no network), and
// <img> elements that did not decode (naturalWidth 0). Exit 0 only when there is none.
//
// Usage: node check-report.mjs PAGE.html CHROMIUM_BINARY USER_DATA_DIR
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [page, executablePath, userDataDir] = process.argv.slice(2);
if (!page || !executablePath || !userDataDir) {
  console.error('usage: node check-report.mjs PAGE.html CHROMIUM_BINARY USER_DATA_DIR');
  process.exit(2);
}
const pageUrl = pathToFileURL(page).href;
// The flags a closed network needs: without them Chromium keeps trying to reach Google's hosts.
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const problems = [];
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args,
});
try {
  const tab = context.pages()[0] ?? (await context.newPage());
  tab.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  tab.on('request', (r) => {
    if (r.url() !== pageUrl && !r.url().startsWith('data:')) {
      problems.push(`request outside the page: ${r.url()}`);
    }
  });
  tab.on('requestfailed', (r) =>
    problems.push(`failed request: ${r.url().slice(0, 80)} (${r.failure()?.errorText})`),
  );
  const response = await tab.goto(pageUrl, { waitUntil: 'load' });
  if (!response || !response.ok()) problems.push(`the page itself did not load: ${pageUrl}`);
  const images = await tab.$$eval('img', (imgs) =>
    imgs.map((i) => ({ alt: i.alt, width: i.naturalWidth, complete: i.complete })),
  );
  if (images.length === 0) problems.push('the page has no <img>');
  for (const image of images) {
    if (!image.complete || image.width === 0) problems.push(`image not shown: "${image.alt}"`);
  }
  if (problems.length === 0) {
    console.log(`check-report: ${page}: ${images.length} images shown, no console errors, no requests outside the page`);
  }
} finally {
  await context.close();
}
if (problems.length > 0) {
  console.error(`check-report: ${page}: ${problems.length} problem(s):`);
  problems.forEach((p) => console.error(`  - ${p}`));
  process.exit(1);
}
