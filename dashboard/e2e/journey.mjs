// The dashboard's browser journey, driven by playwright-core through Debian's Chromium:
// sign in → a bad SLA shows its field errors → create the application from the seed's curl+nginx
// SLA (test image) → deploy an instance → RUNNING → logs → undeploy → gone → clusters, workers,
// users, organizations, account → delete the application → sign out. A screenshot of every page
// goes to CANOPY_SCREENSHOTS. Exit code 0 when the whole journey passed.
//
// Environment:
//   CANOPY_URL          root orchestrator base URL (default http://localhost:10000)
//   CANOPY_USER         user name (default Admin)
//   CANOPY_PASSWORD     password (required)
//   CANOPY_ORG          organization (optional)
//   CANOPY_SCREENSHOTS  directory for PNG files (default target/e2e-screenshots)
//   CANOPY_TEST_IMAGE   container image the services run (default canopy-test/busybox)
//   CANOPY_HOST_PORT    host port of the web service (default 18080)
//   CANOPY_RR_IP        service address of the web service (default 10.30.55.55)
//   CANOPY_TIMEOUT_S    how long an instance may take to reach RUNNING (default 180)
//   CHROMIUM            browser binary (default /usr/bin/chromium)
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const env = process.env;
const BASE = (env.CANOPY_URL ?? 'http://localhost:10000').replace(/\/$/, '');
const USER = env.CANOPY_USER ?? 'Admin';
const PASSWORD = env.CANOPY_PASSWORD;
const ORG = env.CANOPY_ORG ?? '';
const SHOTS = resolve(env.CANOPY_SCREENSHOTS ?? 'target/e2e-screenshots');
const IMAGE = env.CANOPY_TEST_IMAGE ?? 'canopy-test/busybox';
const HOST_PORT = env.CANOPY_HOST_PORT ?? '18080';
const RR_IP = env.CANOPY_RR_IP ?? '10.30.55.55';
const RUNNING_TIMEOUT = Number(env.CANOPY_TIMEOUT_S ?? 180) * 1000;

if (!PASSWORD) {
  console.error('CANOPY_PASSWORD is not set: give the password of CANOPY_USER (default Admin).');
  process.exit(2);
}

// A namespace of its own per run, so repeated runs against one root never collide.
const NS = 'e2e' + Date.now().toString(36).slice(-6);
const APP = 'clientsrvr';

/** Oakestra's curl+nginx example from the seed README, on the test image (busybox applets). */
const goodSla = {
  sla_version: 'v2.0',
  customerID: USER,
  applications: [
    {
      applicationID: '',
      application_name: APP,
      application_namespace: NS,
      application_desc: 'Simple demo with curl client and Nginx server',
      microservices: [
        {
          microserviceID: '',
          microservice_name: 'curl',
          microservice_namespace: 'test',
          virtualization: 'container',
          cmd: ['sh', '-c', `wget -q -O- ${RR_IP} ; sleep 5`],
          memory: 100,
          vcpus: 1,
          vgpus: 0,
          vtpus: 0,
          bandwidth_in: 0,
          bandwidth_out: 0,
          storage: 0,
          code: IMAGE,
          state: '',
          port: '',
          added_files: [],
          constraints: [],
        },
        {
          microserviceID: '',
          microservice_name: 'nginx',
          microservice_namespace: 'test',
          virtualization: 'container',
          cmd: [
            'sh',
            '-c',
            "trap 'exit 0' TERM; echo 'web server starting'; mkdir -p /www; echo hello > /www/index.html; httpd -f -vv -p 80 -h /www & wait",
          ],
          memory: 100,
          vcpus: 1,
          vgpus: 0,
          vtpus: 0,
          bandwidth_in: 0,
          bandwidth_out: 0,
          storage: 0,
          code: IMAGE,
          state: '',
          port: `${HOST_PORT}:80/tcp`,
          addresses: { rr_ip: RR_IP },
          added_files: [],
        },
      ],
    },
  ],
};

/** Names with spaces and a port that is not host:container: the API must name both fields. */
const badSla = {
  sla_version: 'v2.0',
  customerID: USER,
  applications: [
    {
      applicationID: '',
      application_name: 'bad name!',
      application_namespace: NS,
      application_desc: 'invalid on purpose',
      microservices: [
        {
          microserviceID: '',
          microservice_name: 'web',
          microservice_namespace: 'test',
          virtualization: 'container',
          memory: 100,
          vcpus: 1,
          code: IMAGE,
          port: 'eighty',
        },
      ],
    },
  ],
};

mkdirSync(SHOTS, { recursive: true });
let step = 0;
const log = (msg) => console.log(`[journey] ${msg}`);

async function shot(page, name) {
  step++;
  const file = join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`);
  await page.waitForTimeout(250); // let the last poll's paint settle
  await page.screenshot({ path: file, fullPage: true });
  log(`screenshot ${file}`);
}

async function check(what, fn) {
  log(what);
  try {
    return await fn();
  } catch (e) {
    throw new Error(`${what}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
  }
}

const browser = await chromium.launch({
  executablePath: env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
page.setDefaultTimeout(20_000);
const consoleErrors = [];
page.on('pageerror', (e) => consoleErrors.push(String(e)));

try {
  await check('the login page loads', async () => {
    await page.goto(BASE + '/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
  await shot(page, 'login');

  await check('signing in', async () => {
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill(PASSWORD);
    if (ORG) await page.getByLabel('Organization').fill(ORG);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Applications', level: 1 }).waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
  });
  await shot(page, 'applications');

  await check('a bad SLA shows the field errors', async () => {
    await page.getByRole('link', { name: 'New application' }).first().click();
    await page.getByLabel('SLA (JSON)').fill(JSON.stringify(badSla, null, 2));
    await page.getByRole('button', { name: 'Create' }).click();
    const items = page.locator('.violations li.violation');
    await items.first().waitFor();
    const paths = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
    log(`violations shown: ${paths.join(', ')}`);
    for (const want of ['application_name', 'port']) {
      if (!paths.some((p) => p && p.endsWith(want))) {
        throw new Error(`no violation shown for a path ending in "${want}" (got ${paths.join(', ')})`);
      }
    }
    if ((await page.locator('.gutter-line.bad').count()) === 0) throw new Error('no line is marked');
  });
  await shot(page, 'new-application-errors');

  await check('creating the application from the curl+nginx SLA', async () => {
    await page.getByLabel('SLA (JSON)').fill(JSON.stringify(goodSla, null, 2));
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL((u) => /#\/applications(\/[^/]+)?$/.test(u.hash) && u.hash !== '#/applications/new');
    if (!/#\/applications\/[^/]+$/.test(new URL(page.url()).hash)) {
      // The create answer named no id: open it from the list.
      await page.locator(`tr[data-app="${APP}"]`).filter({ hasText: NS }).getByRole('link', { name: APP }).click();
    }
    await page.locator('tr[data-service="nginx"]').waitFor();
    await page.locator('tr[data-service="curl"]').waitFor();
  });
  await shot(page, 'application-services');

  const fullName = `${APP}.${NS}.nginx.test`;
  await check('opening the nginx service', async () => {
    await page.getByRole('link', { name: fullName }).click();
    await page.getByRole('button', { name: 'Deploy one more instance' }).waitFor();
  });
  await shot(page, 'service');

  let number;
  await check(`deploying an instance and waiting up to ${RUNNING_TIMEOUT / 1000} s for RUNNING`, async () => {
    const before = await page.locator('tr[data-instance]').count();
    await page.getByRole('button', { name: 'Deploy one more instance' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('tr[data-instance]').length > n, before);
    const row = page.locator('tr[data-instance]').last();
    number = await row.getAttribute('data-instance');
    await page
      .locator(`tr[data-instance="${number}"][data-status="RUNNING"]`)
      .waitFor({ timeout: RUNNING_TIMEOUT })
      .catch(async (e) => {
        const status = await row.getAttribute('data-status').catch(() => '?');
        const detail = await page.locator('.detail-row').allTextContents().catch(() => []);
        throw new Error(`instance ${number} is ${status}, not RUNNING. ${detail.join(' ')} (${e.message.split('\n')[0]})`);
      });
  });
  await shot(page, 'instance-running');

  await check('opening the logs', async () => {
    await page.locator(`tr[data-instance="${number}"]`).getByRole('button', { name: 'Logs' }).click();
    const panel = page.getByRole('region', { name: `Logs of instance ${number}` });
    await panel.waitFor();
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await panel.locator('pre.log-text, p.muted').first().waitFor();
    if (await panel.getByRole('alert').count()) {
      throw new Error(await panel.getByRole('alert').innerText());
    }
  });
  await shot(page, 'instance-logs');

  await check('undeploying the instance until it is gone', async () => {
    const row = page.locator(`tr[data-instance="${number}"]`);
    await row.getByRole('button', { name: 'Undeploy' }).click();
    await row.getByRole('button', { name: 'Yes, undeploy' }).click();
    await row.waitFor({ state: 'detached', timeout: 60_000 });
  });
  await shot(page, 'instance-undeployed');

  await check('the clusters page lists clusters', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
    await page.getByRole('heading', { name: 'Clusters', level: 1 }).waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
  });
  await shot(page, 'clusters');

  const firstCluster = page.locator('tr[data-cluster] a').first();
  if (await firstCluster.count()) {
    await check('a cluster shows its workers', async () => {
      await firstCluster.click();
      await page.getByRole('heading', { name: 'Workers' }).waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
    });
    await shot(page, 'cluster-workers');
  }

  const nav = page.getByRole('navigation', { name: 'Main' });
  if (await nav.getByRole('link', { name: 'Users' }).count()) {
    await check('the users page', async () => {
      await nav.getByRole('link', { name: 'Users' }).click();
      await page.locator(`tr[data-user="${USER}"]`).waitFor();
    });
    await shot(page, 'users');
    await check('the organizations page', async () => {
      await nav.getByRole('link', { name: 'Organizations' }).click();
      await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
    });
    await shot(page, 'organizations');
  }

  await check('who am I', async () => {
    await page.getByRole('link', { name: USER, exact: true }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
  });
  await shot(page, 'account');

  await check('the applications list at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(BASE + '/#/applications');
    await page.locator(`tr[data-app="${APP}"]`).first().waitFor();
  });
  await shot(page, 'phone-applications');
  await page.setViewportSize({ width: 1280, height: 800 });

  await check('deleting the application with confirmation', async () => {
    const row = page.locator(`tr[data-app="${APP}"]`).filter({ hasText: NS });
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Yes, delete' }).click();
    await row.waitFor({ state: 'detached', timeout: 60_000 });
  });

  await check('signing out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
  });
  await shot(page, 'signed-out');

  if (consoleErrors.length) throw new Error(`the page threw: ${consoleErrors.join('; ')}`);
  log(`passed; ${step} screenshots in ${SHOTS}`);
} catch (e) {
  console.error(`[journey] FAILED: ${e instanceof Error ? e.message : e}`);
  await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
