// The console end to end, in Debian's headless Chromium driven by
// playwright-core, against a real host on 127.0.0.1: a walk-in complaint taken
// from sign-in to closure, roles, a refused action, both languages, and
// screenshots of the queue, a complaint and the dashboard as test artefacts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { Host } from './host.mjs';

const artefacts = process.env.REDRESS_TEST_ARTEFACTS || 'browser-artefacts';
mkdirSync(artefacts, { recursive: true });

let host, browser, tokens;
let closedNumber;

// A datetime-local input's value `days` days from now at `hour`:00, local
// time: deadlines must lie ahead of the host's clock whenever the test runs.
function daysAhead(days, hour) {
  const d = new Date(Date.now() + days * 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

before(async () => {
  host = await new Host([
    { name: 'console', plugin: 'frontend_console', kind: 'frontend', mount: '/console', public: true,
      settings: { default_language: 'zh', poll_ms: 1000 } },
    { name: 'analysis', plugin: 'report_analysis', kind: 'report' },
  ]).start();
  tokens = {
    admin: host.adminToken(),
    agent: host.createToken('agent.li', 'agent'),
    supervisor: host.createToken('supervisor.wang', 'supervisor'),
  };
  browser = await chromium.launch({
    executablePath: process.env.REDRESS_TEST_CHROMIUM || '/usr/bin/chromium',
    // Sandboxing needs a user namespace that CI containers may not give; the
    // network flags keep Chromium from calling out of a closed machine.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

async function signedIn(role, language = 'zh') {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: language === 'zh' ? 'zh-CN' : 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(`${host.url}/console/`);
  await page.fill('#token', tokens[role]);
  await page.click('#signin button[type=submit]');
  await page.waitForSelector('#who:not(:empty)');
  return page;
}

// Opens an action's form, lets `fill` fill it in, submits, and waits for the answer.
async function act(page, action, fill = async () => {}) {
  await page.click(`#actions button[data-action="${action}"]`);
  const form = page.locator(`#form-${action}`);
  await form.waitFor();
  await fill(form);
  await form.locator('button[type=submit]').click();
  // Done: the page shows the complaint anew, without the form. Refused: the form says why.
  const refusal = page.locator(`#form-${action} .banner.error`);
  await Promise.race([form.waitFor({ state: 'detached' }), refusal.waitFor()]);
  assert.equal(await refusal.count(), 0, `${action}: ${(await refusal.count()) ? await refusal.innerText() : ''}`);
  await page.waitForSelector('.banner.ok');
}

const state = (page) => page.locator('dl.grid dd').nth(1).innerText();

test('an agent takes a walk-in complaint from intake to closure', async () => {
  const page = await signedIn('agent');
  assert.match(await page.locator('#who').innerText(), /agent\.li.*agent/);
  // The token is kept in the tab's session, never in local storage.
  assert.equal(await page.evaluate(() => localStorage.getItem('redress.token')), null);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('redress.token')), tokens.agent);

  await page.click('#nav a[href="#/new"]');
  await page.selectOption('#n-channel', 'walk_in');
  await page.fill('#n-customer\\.name', '赵敏');
  // Completeness hints while typing (D4).
  assert.match(await page.locator('#hints').innerText(), /电话或邮箱/);
  await page.fill('#n-customer\\.phone', '+86 139 0000 1234');
  await page.fill('#n-subject', '冰箱不制冷');
  await page.fill('#n-description', '上周购买的冰箱通电后不制冷，已经两天。');
  await page.fill('#n-product', 'RF-200');
  await page.fill('#n-demand', '上门维修');
  assert.doesNotMatch(await page.locator('#hints').innerText(), /电话或邮箱/);
  await page.click('#new-complaint button[type=submit]');
  await page.waitForSelector('#actions');
  const number = (await page.locator('h1').innerText()).split(' ')[0];
  assert.match(number, /^CP-\d{8}-\d{6}$/);
  assert.equal(await state(page), '已登记');

  await act(page, 'acknowledge');
  await act(page, 'classify', async (f) => {
    await f.locator('[name=category]').selectOption('product.fault');
    await f.locator('[name=priority]').selectOption('normal');
  });
  await act(page, 'assign', async (f) => { await f.locator('[name=owner]').fill('agent.li'); });
  const propose = async (text) => act(page, 'propose', async (f) => {
    await f.locator('[name=type]').selectOption('repair');
    await f.locator('[name=description]').fill(text);
    await f.locator('[name=deadline]').fill(daysAhead(20, 18));
  });
  await propose('三天内上门检修');
  await act(page, 'reject', async (f) => { await f.locator('[name=reason]').fill('希望明天就来'); });
  await propose('明天上午上门检修');
  await act(page, 'accept', async (f) => { await f.locator('[name=confirmed_by]').fill('赵敏'); });
  await act(page, 'add-work-order', async (f) => {
    await f.locator('[name=kind]').selectOption('repair');
    await f.locator('[name=department]').fill('售后服务部');
    await f.locator('[name=owner]').fill('tech.zhou');
    await f.locator('[name=due_at]').fill(daysAhead(5, 12));
  });
  await act(page, 'update-work-order', async (f) => {
    await f.locator('[name=work_order]').selectOption('1');
    await f.locator('[name=progress_percent]').fill('100');
    await f.locator('[name=status]').selectOption('done');
    await f.locator('[name=note]').fill('已上门更换继电器');
  });
  await act(page, 'resolve', async (f) => { await f.locator('[name=summary]').fill('更换压缩机继电器，制冷恢复'); });
  await act(page, 'close', async (f) => { await f.locator('[name=customer_confirmed]').check(); });
  assert.equal(await state(page), '已办结');
  const timeline = await page.locator('#timeline').innerText();
  for (const step of ['受理', '分类', '分派', '提出方案', '客户拒绝', '客户接受', '新建工单', '更新工单', '解决', '办结'])
    assert.ok(timeline.includes(step), `the timeline shows ${step}`);
  await page.screenshot({ path: `${artefacts}/complaint.png`, fullPage: true });

  // Supervisors' decisions are not offered to an agent, nor is the admin page.
  assert.equal(await page.locator('#actions button[data-action="reopen"]').count(), 0);
  assert.equal(await page.locator('#actions button[data-action="archive"]').count(), 0);
  assert.equal(await page.locator('#nav a[href="#/system"]').count(), 0);
  closedNumber = number;
  await page.context().close();
});

test('a refused action shows the API\'s message next to the field', async () => {
  const { body } = await host.api('POST', '/api/v1/complaints', tokens.agent,
    { channel: 'phone', description: '空调异响', customer: { name: '钱进', phone: '13900000001' } });
  const page = await signedIn('agent');
  await page.goto(`${host.url}/console/#/c/${body.number}`);
  await page.click('#actions button[data-action="acknowledge"]');
  await page.click('#form-acknowledge button[type=submit]');
  await page.waitForSelector('.banner.ok');
  await page.click('#actions button[data-action="propose"]');
  const form = page.locator('#form-propose');
  await form.locator('[name=type]').selectOption('refund');
  await form.locator('[name=description]').fill('退款');
  await form.locator('[name=deadline]').fill('2020-01-01T10:00');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('#form-propose .banner.error');
  assert.match(await page.locator('#form-propose .field-error').innerText(), /must be in the future/);
  assert.match(await page.locator('#form-propose .banner.error').innerText(), /操作被拒绝/);
  await page.context().close();
});

test('a supervisor is offered reopen and archive; an admin sees the system page', async () => {
  const page = await signedIn('supervisor');
  await page.goto(`${host.url}/console/#/c/${closedNumber}`);
  await page.waitForSelector('#actions');
  assert.equal(await page.locator('#actions button[data-action="reopen"]').count(), 1);
  assert.equal(await page.locator('#actions button[data-action="archive"]').count(), 1);
  await page.context().close();
  const admin = await signedIn('admin');
  await admin.click('#nav a[href="#/system"]');
  await admin.waitForSelector('#instances');
  assert.match(await admin.locator('#instances').innerText(), /frontend_console/);
  await admin.context().close();
});

test('the queue: filters, SLA countdowns, keyboard, live updates', async () => {
  const page = await signedIn('agent', 'en');
  await page.selectOption('#language', 'en');
  await page.waitForSelector('#queue tbody tr');
  assert.equal(await page.locator('#nav a[href="#/queue"]').innerText(), 'Queue');
  assert.ok(await page.locator('#queue .sla').count() >= 1);
  // Someone records a complaint elsewhere: the queue shows it without a reload.
  const { body } = await host.api('POST', '/api/v1/complaints', tokens.admin,
    { channel: 'email', priority: 'urgent', description: 'Dishwasher floods the kitchen', customer: { email: 'ann@example.com' } });
  await page.waitForSelector(`#queue tr[data-number="${body.number}"]`, { timeout: 10000 });
  // Urgent and due soonest: first under SLA ordering.
  assert.equal(await page.locator('#queue tbody tr').first().getAttribute('data-number'), body.number);
  await page.screenshot({ path: `${artefacts}/queue.png`, fullPage: true });
  // Filters narrow the list; the arrow keys and Enter open what is selected.
  await page.selectOption('#f-priority', 'normal');
  await page.waitForFunction((n) => !document.querySelector(`#queue tr[data-number="${n}"]`), body.number);
  // The unfiltered list is slow to come back and arrives after the search's
  // answer: the queue keeps showing the newer, searched list.
  const onlyDishwasher = (n) => {
    const rows = document.querySelectorAll('#queue tbody tr');
    return rows.length === 1 && rows[0].dataset.number === n;
  };
  const held = [];
  await page.route(/\/api\/v1\/complaints\?/, async (route) => {
    if (new URL(route.request().url()).searchParams.get('q')) return route.continue();
    const answer = (async () => {
      const response = await route.fetch();
      await page.waitForFunction(onlyDishwasher, body.number);
      await route.fulfill({ response });
    })();
    held.push(answer);
    await answer;
  });
  await page.selectOption('#f-priority', '');
  await page.fill('#f-q', 'Dishwasher');
  await page.waitForFunction(onlyDishwasher, body.number);
  assert.ok(held.length >= 1);
  await Promise.all(held);
  await page.waitForTimeout(500);  // time for a stale answer to be drawn, if it were
  assert.ok(await page.evaluate(onlyDishwasher, body.number));
  await page.unroute(/\/api\/v1\/complaints\?/);
  await page.locator('#f-q').press('Escape');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#actions');
  assert.ok((await page.locator('h1').innerText()).startsWith(body.number));
  await page.context().close();
});

test('the dashboard shows the day\'s figures and the installed reports', async () => {
  const page = await signedIn('agent');
  await page.click('#nav a[href="#/dashboard"]');
  await page.waitForSelector('#kpi-today');
  assert.ok(Number(await page.locator('#kpi-today .value').innerText()) >= 3);
  assert.equal(await page.locator('#kpi-urgent .value').innerText(), '1');
  await page.click('[data-report="analysis"] button');
  const frame = page.frameLocator('iframe.report');
  await frame.locator('#volume').waitFor();
  assert.ok(Number(await frame.locator('#volume').innerText()) >= 3);
  await page.screenshot({ path: `${artefacts}/dashboard.png`, fullPage: true });
  await page.context().close();
});
