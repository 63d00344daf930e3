// The console in a real headless Chromium against a real `./overcast up`: list, invalid form, create
// through the form until ready, scale, delete. Screenshots of each page go to target/console-screenshots/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startOvercast } from './overcast-up.mjs';

const CHROMIUM = process.env.OVERCAST_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(import.meta.dirname, '../target/console-screenshots');
// Flows run on the local world's virtual clock; this only bounds real time on a loaded 2-core machine.
const FLOW_TIMEOUT = 600_000;
const CLUSTER = 'e2e';

// Without Chromium every test is reported skipped (and ./overcast up is not started); never failed.
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`;

describe('web console', () => {
  let overcast;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    if (skip) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    overcast = await startOvercast();
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The token comes in the address once, as ./overcast up prints it; the console keeps it for the tab.
    await page.goto(`${overcast.url}/?token=${encodeURIComponent(overcast.token)}#/clusters`);
  });

  after(async () => {
    await browser?.close();
    await overcast?.stop();
  });

  const shot = (name) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  test('the cluster list opens and has no cluster yet', { skip }, async () => {
    await page.getByText('No clusters yet').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('token'), null, 'the token is dropped from the address bar');
    await shot('1-clusters-empty');
  });

  test('an invalid form shows each error next to its field', { skip }, async () => {
    await page.goto(`${overcast.url}/#/create`);
    await page.fill('input[name=name]', 'Not_A_Name');
    await page.fill('input[name=workers-aws]', '500');
    await page.click('button[type=submit]');
    const nameError = page.locator('[data-field="name"] .error');
    const workersError = page.locator('[data-field="workers.aws"] .error');
    await nameError.first().waitFor();
    await workersError.first().waitFor();
    assert.match(await nameError.first().textContent(), /\S/);
    assert.match(await workersError.first().textContent(), /\S/);
    assert.equal(page.url().endsWith('#/create'), true, 'an invalid form stays on the form');
    await shot('2-create-invalid');
  });

  test('a cluster created through the form reaches ready', { skip }, async () => {
    // Through the list, so the form is a fresh one, as a person would come to it.
    await page.goto(`${overcast.url}/#/clusters`);
    await page.click('text=New cluster >> nth=0');
    await page.waitForURL('**/#/create');
    await page.fill('input[name=name]', CLUSTER);
    await page.uncheck('input[name=cloud-azure]');
    await page.fill('input[name=near]', 'us-east');
    await page.fill('input[name=workers-aws]', '1');
    await page.fill('input[name=workers-gcp]', '1');
    // The preview names the chosen regions with their round trips before anything is created.
    await page.locator('.chosen-regions tr[data-cloud=aws]').waitFor();
    await page.locator('.chosen-regions tr[data-cloud=azure]').waitFor({ state: 'detached' });
    await page.locator('.rtts').getByText('ms').first().waitFor();
    // The dry run's plan counts the resources per cloud, and the accounts' preflight passes.
    await page.locator('.plan-counts tr[data-kind=instance]').waitFor();
    await page.locator('.preflight.passed').waitFor();
    assert.ok(Number(await page.locator('.plan-total').textContent()) > 0, 'the plan has resources');
    await shot('3-create');
    await page.click('button[type=submit]');
    await page.waitForURL(`**/#/clusters/${CLUSTER}`);
    await page.locator('.cluster-status [data-state=creating]').or(page.locator('.cluster-status [data-state=ready]')).waitFor();
    await page.locator('.cluster-status [data-state=ready]').waitFor({ timeout: FLOW_TIMEOUT });
    await page.locator('svg.topology .tunnel.state-ready').waitFor();
    assert.equal(await page.locator('.matrix td').filter({ hasText: 'ms' }).count() > 0, true, 'the latency matrix has round trips');
    await shot('4-cluster-ready');
  });

  test('scaling a cloud through the cluster page adds its worker', { skip }, async () => {
    const aws = page.locator('.scale tr[data-cloud=aws]');
    assert.equal((await aws.locator('.workers-now').textContent()).trim(), '1');
    await page.fill('input[name=scale-aws]', '2');
    await page.click('button[name=scale-aws-apply]');
    await page.locator('.notice').getByText('Scaling AWS to 2 workers').waitFor();
    await aws.locator('.workers-now').getByText('2').waitFor({ timeout: FLOW_TIMEOUT });
    await page.locator('.cluster-status [data-state=ready]').waitFor({ timeout: FLOW_TIMEOUT });
    // Cloud resources are named after the cluster's internal id, which the page shows beside its name.
    const id = (await page.locator('.internal-id').textContent()).trim();
    await page.locator(`tr[data-resource="${id}-instance-aws-1"] [data-state=ready]`).waitFor({ timeout: FLOW_TIMEOUT });
    // The scale ran as a reconcile-cluster flow: its history row names the purpose and the worker it created.
    const run = page.locator('.history tbody tr').filter({ hasText: 'scaling' });
    await run.getByText(`${id}-instance-aws-1`).first().waitFor();
    await shot('5-cluster-scaled');
  });

  test('delete asks for the name, then destroys the cluster', { skip }, async () => {
    await page.click('button[name=delete]');
    assert.equal(await page.isDisabled('button[name=delete-confirmed]'), true, 'nothing is deleted before the name is typed');
    await page.fill('input[name=confirm-delete]', CLUSTER);
    await page.click('button[name=delete-confirmed]');
    await page.locator('.cluster-status [data-state=deleted]').or(page.getByText(`No cluster named ${CLUSTER}`)).waitFor({ timeout: FLOW_TIMEOUT });
    await shot('6-cluster-deleted');
    await page.goto(`${overcast.url}/#/clusters`);
    await page.locator(`tr[data-cluster=${CLUSTER}] [data-state=deleted]`).or(page.getByText('No clusters yet')).waitFor();
    await shot('7-clusters-after-delete');
  });

  test('no page raised an error', { skip }, () => {
    assert.deepEqual(pageErrors, []);
  });
});
