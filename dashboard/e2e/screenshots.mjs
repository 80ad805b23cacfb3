// Takes the screenshots in docs/img/dashboard/ from the built dashboard served by the fake root
// with its demo data (`node e2e/fake-root.mjs --demo`). Every page, at 1280×800, plus phone width.
//   CANOPY_URL (default http://127.0.0.1:10099), OUT (default ../docs/img/dashboard)
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = process.env.CANOPY_URL ?? 'http://127.0.0.1:10099';
const OUT = resolve(process.env.OUT ?? fileURLToPath(new URL('../../docs/img/dashboard/', import.meta.url)));
mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.setDefaultTimeout(15_000);
const settle = async () => {
  await page.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => {});
  await page.waitForTimeout(400);
};
const shot = async (name, fullPage = false) => {
  await settle();
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  console.log(`${name}.png`);
};
const go = async (hash) => {
  await page.goto(`${BASE}/#${hash}`);
  await settle();
};
const openService = async (name) => {
  await go('/applications');
  await page.getByRole('link', { name: 'clientsrvr' }).click();
  await page.locator(`tr[data-service="${name}"] a`).click();
  await page.locator('tr[data-instance]').first().waitFor();
};

await page.goto(BASE + '/');
await shot('login');
await page.getByLabel('User name').fill('Admin');
await page.getByLabel('Password').fill(process.env.CANOPY_PASSWORD ?? 'admin-pass');
await page.getByLabel('Organization').fill('root');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('heading', { name: 'Applications', level: 1 }).waitFor();
await shot('applications');

await go('/applications/new');
const text = await page.getByLabel('SLA (JSON)').inputValue();
await page
  .getByLabel('SLA (JSON)')
  .fill(text.replace('"demo"', '"my demo"').replace('"8080:80/tcp"', '"eighty"').replace('  "sla_version": "v2.0",\n', ''));
await page.getByRole('button', { name: 'Create' }).click();
await page.locator('.violations').waitFor();
await page.getByLabel('SLA (JSON)').evaluate((el) => {
  el.scrollTop = 0;
  el.dispatchEvent(new Event('scroll'));
});
await shot('new-application-errors', true);

await go('/applications');
await page.getByRole('link', { name: 'clientsrvr' }).click();
await page.locator('tr[data-service]').first().waitFor();
await shot('application-services');

await openService('nginx');
await shot('service-instances');
await page.locator('tr[data-instance="0"]').getByRole('button', { name: 'Logs' }).click();
await page.locator('pre.log-text').waitFor();
await page.getByRole('region', { name: /Logs of instance/ }).scrollIntoViewIfNeeded();
await shot('service-logs', true);

await openService('trainer');
await shot('service-unschedulable');
await openService('curl');
await page.locator('tr[data-instance="0"]').getByRole('button', { name: 'Undeploy' }).click();
await shot('service-undeploy-confirm');

await go('/clusters');
await page.locator('tr[data-cluster]').first().waitFor();
await shot('clusters');
await page.getByRole('link', { name: 'lab-1' }).click();
await page.locator('tr[data-worker]').first().waitFor();
await shot('cluster-workers');

await go('/users');
await page.locator('tr[data-user]').first().waitFor();
await shot('users', true);
await go('/organizations');
await page.locator('tr[data-org]').first().waitFor();
await shot('organizations', true);
await go('/account');
await shot('account', true);

await page.setViewportSize({ width: 390, height: 844 });
await openService('nginx');
await shot('phone-service', true);
await go('/clusters/' + (await page.evaluate(() => '')));
await browser.close();
