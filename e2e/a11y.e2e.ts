import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { consoleLogin, phoneLogin } from './member-helpers.js';

/*
 * axe-core on every console and phone page (issue 24 item 13): no serious or critical violation.
 * The pages come from the web router sources, so a page added there is checked without touching this
 * file; a page with an id in its path is checked with an id found in a link on the pages visited before.
 */

const b = useBrowser();
// Evaluated, not added as a <script>: the app's CSP (script-src 'self') rightly refuses inline scripts.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SRC = new URL('../apps/web/src/', import.meta.url).pathname;

/** Route patterns (e.g. /admin/life/meetings/:id) declared by a router file and the *Routes files it mounts. */
function routesOf(file: string, base: string): string[] {
  const text = readFileSync(file, 'utf8');
  const lazy = new Map<string, string>();
  for (const m of text.matchAll(/const (\w+) = lazyNamed\(\(\) => import\('(.+?)'\)/g)) lazy.set(m[1], join(dirname(file), `${m[2]}.tsx`));
  const out: string[] = [];
  for (const m of text.matchAll(/<Route\s+(?:index|path="([^"]+)")[^\n]*/g)) {
    const path = m[1];
    if (path === undefined) {
      out.push(base.endsWith('/') ? base : `${base}/`);
      continue;
    }
    if (path === '*' || path === '403') continue;
    if (path.endsWith('/*')) {
      const mounted = [...m[0].matchAll(/<(\w+)/g)].map((x) => lazy.get(x[1])).find((f) => f?.endsWith('Routes.tsx'));
      if (!mounted) throw new Error(`${file}: no *Routes file mounted at ${path}`);
      out.push(...routesOf(mounted, `${base}${path.slice(0, -2)}/`));
    } else out.push(`${base}${path}`);
  }
  return out;
}

/** Pages reached before signing in (their own test below) or only in a login stage (enrol, password). */
const OUTSIDE = /\/(login|enrol|password)$/;
/** Opening these pages does something (starts an exam attempt): not visited just to be checked. */
const NOT_VISITED = new Map<string, string>([['/m/learning/attempts/:id', 'opening it starts the exam clock']]);

/*
 * TODO(issue 24 item 13): violations still open, each named by page and rule (and reported). Remove an
 * entry when it is fixed; the test fails on any serious or critical violation not listed here.
 */
const KNOWN: { page: RegExp; rule: string; why: string }[] = [
  {
    page: /^\/admin\/(calendar|members(\/import)?|recruitment\/.*|relations\/.*|dues\/|life\/.*|learning\/|courses\/|mentors\/|competitions\/)$/,
    rule: 'label',
    why: 'filter Selects / InputNumbers without a visible label: each needs an aria-label in its page',
  },
  { page: /^\/admin\/calendar$/, rule: 'color-contrast', why: "antd Calendar's greyed dates of the months before and after" },
  { page: /^\/m\/dues\/report$/, rule: 'label', why: 'the transaction number input has no label' },
  { page: /^\/m\/notify$/, rule: 'label', why: 'an antd-mobile Input without a label' },
  { page: /^\/m\/notify$/, rule: 'aria-allowed-attr', why: 'an aria attribute on the antd-mobile Input wrapper' },
  { page: /^\/m\/(me)?$/, rule: 'aria-command-name', why: "antd-mobile NavBar's empty left slot has role=button on tab pages" },
  { page: /^\/m\/life\/sign-in$/, rule: 'aria-hidden-focus', why: "antd-mobile PasscodeInput's hidden input" },
  { page: /^\/m\/life\/sign-in$/, rule: 'nested-interactive', why: 'antd-mobile PasscodeInput (role=button around an input)' },
  { page: /^\/admin\/relations\/$/, rule: 'color-contrast', why: 'grey cell text in the transfers table' },
  { page: /^\/admin\/life\/(compliance|hours)$/, rule: 'color-contrast', why: 'a default button label on the filter bar' },
  { page: /^\/admin\/relations\/letters$/, rule: 'color-contrast', why: 'grey cell text in the letters table' },
  {
    page: /^\/admin\/(dues\/|competitions\/|users|life\/|recruitment\/.*)$/,
    rule: 'color-contrast',
    why: 'table cell text (td) measured below 4.5:1; cause not found yet',
  },
  { page: /^\/m\/dues\/$/, rule: 'color-contrast', why: "the bill months' coloured text" },
  {
    page: /^\/admin\/calendar$/,
    rule: 'scrollable-region-focusable',
    why: "antd Calendar's day cell scrolls when a day holds more entries than fit (seen when today has meetings)",
  },
  { page: /^\/m\/life\/(meetings|appraisals)\/\d+$/, rule: 'color-contrast', why: "the status Tag's (antd-mobile) text on its fill" },
  { page: /^\/m\/record$/, rule: 'color-contrast', why: "a correction request's status text (seen when a request exists)" },
  // Found when the modules of the third session merged (issues 16, 19–23); each to be fixed in its page.
  {
    page: /^\/admin\/(notices|tasks|elections|petitions)\/$|^\/admin\/service-tokens$/,
    rule: 'color-contrast',
    why: 'table cell text (td), as on the older list pages above',
  },
  {
    page: /^\/admin\/(elections|events|petitions|care|analytics|proposals|decisions)\/$|^\/admin\/discipline$/,
    rule: 'label',
    why: 'a filter Select or org picker without a label on the list page',
  },
  {
    page: /^\/m\/(petitions\/(new|deeds)?|care\/|proposals\/(new)?|events\/|decisions\/)$/,
    rule: 'aria-command-name',
    why: "antd-mobile NavBar's empty left slot (role=button), as on the tab pages above",
  },
];
/*
 * TODO(issue 24 item 13): pages with an id in their path that no link or table row on the pages before
 * them leads to with the demo data, so they are not checked yet (each needs an id found another way).
 */
const NOT_REACHED = new Set<string>([
  '/admin/recruitment/cases/:id',
  '/admin/relations/letters/:id/print',
  '/admin/dues/receipts/:id',
  '/admin/life/appraisals/:id',
  '/admin/learning/exams/:id',
  '/admin/mentors/:id',
  '/admin/competitions/:id',
  '/m/dues/receipts/:id',
  '/m/life/meetings/:id',
  '/m/life/appraisals/:id',
  '/m/learning/exams/:id',
  '/m/learning/attempts/:id/review',
  '/m/learning/offline/:id',
  '/m/courses/study/:id',
  '/m/mentors/:id',
  '/m/competitions/:id',
  '/m/recruitment/courses/:id',
  '/m/secretary/meetings/:id',
  '/m/secretary/recruitment/:id',
  // 举报 (issue 18): a report opens only after the handler's unlock step (the sweep reaches the key page).
  '/admin/reports/:id',
  // The modules of the third session (issues 16, 19–22): no demo record, or none linked from the pages before.
  '/admin/notices/:id',
  '/admin/tasks/:id',
  '/admin/tasks/assignments/:id',
  '/admin/elections/:id',
  '/admin/proposals/:id',
  '/admin/events/:id',
  '/admin/petitions/:id',
  '/admin/decisions/:id',
  '/m/elections/:id',
  '/m/elections/:id/board',
  '/m/petitions/:id',
  '/m/notices/:id',
  '/m/tasks/:id',
  '/m/proposals/reviews/:id',
  '/m/proposals/:id',
  '/m/events/:id',
  '/m/decisions/:id',
]);
const known = (f: Finding) => KNOWN.some((k) => k.rule === f.rule && k.page.test(f.page));

interface Finding {
  page: string;
  rule: string;
  impact: string;
  nodes: string[];
}

async function audit(page: Page, url: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(AXE);
    // No fades: a row or button caught mid-transition would be measured at half its contrast.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
      document.head.append(style);
    });
  }
  const res = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the injected script's global
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      rule: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return (res as Omit<Finding, 'page'>[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, page: url }))
    .filter((f) => !known(f));
}

/** Client-side navigation (the app stays loaded), then waits for the page's data. */
async function open(page: Page, url: string): Promise<void> {
  await page.evaluate((u) => {
    window.history.pushState({}, '', u);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, url);
  await page.waitForTimeout(250); // the lazy page's chunk request starts
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning, .adm-spin-loading')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => {});
}

/** Paths the page leads to: its links, and `<list path>/<row key>` for each numbered table row (rows open on click). */
const hrefs = (page: Page) =>
  page.evaluate(() => {
    const here = window.location.pathname.replace(/\/$/, '');
    const rows = [...document.querySelectorAll('tr[data-row-key]')]
      .map((r) => r.getAttribute('data-row-key') ?? '')
      .filter((k) => /^\d+$/.test(k))
      .map((k) => `${here}/${k}`);
    return [...[...document.querySelectorAll('a[href]')].map((a) => new URL((a as HTMLAnchorElement).href).pathname), ...rows];
  });

/** Visits each route (static first, then those with ids found in links); returns findings and the routes not reached. */
async function sweep(contexts: { ctx: BrowserContext; page: Page }[], routes: string[], forbidden: string) {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const done = new Set<string>();
  const pattern = (r: string) => new RegExp(`^${r.replace(/:\w+/g, '\\d+')}/?$`);
  for (const { page } of contexts) {
    const todo = routes.filter((r) => !done.has(r) && !NOT_VISITED.has(r));
    for (const round of [todo.filter((r) => !r.includes(':')), todo.filter((r) => r.includes(':'))]) {
      for (const route of round) {
        const url = route.includes(':') ? [...seen].find((h) => pattern(route).test(h)) : route;
        if (!url) continue;
        await open(page, url);
        if (await page.locator(forbidden).count()) continue;
        for (const h of await hrefs(page)) seen.add(h);
        findings.push(...(await audit(page, url)));
        for (const h of await hrefs(page)) seen.add(h); // rows that arrived while axe ran
        done.add(route);
      }
    }
  }
  const left = routes.filter((r) => !done.has(r) && !NOT_VISITED.has(r));
  // Listed pages that a table row did lead to are checked too (done), the others are reported as TODO.
  return { findings, missed: left.filter((r) => !NOT_REACHED.has(r)) };
}

const report = (findings: Finding[]) => findings.map((f) => `${f.page}  ${f.impact}  ${f.rule}  ${f.nodes.join(' | ')}`).join('\n');

describe('accessibility (axe-core, issue 24 item 13)', () => {
  it('the login pages have no serious or critical violation', async () => {
    const findings: Finding[] = [];
    for (const [size, url] of [
      ['desktop', '/admin/login'],
      ['phone', '/m/login'],
    ] as const) {
      const page = await (await b.context(size)).newPage();
      await page.goto(url);
      await page.getByTestId('login-username').waitFor();
      findings.push(...(await audit(page, url)));
    }
    // The public report pages (issue 18), reached without signing in.
    for (const [url, testId] of [
      ['/report', 'report-privacy'],
      ['/report/follow', 'follow-receipt'],
    ] as const) {
      const page = await (await b.context('phone')).newPage();
      await page.goto(url);
      await page.getByTestId(testId).waitFor();
      findings.push(...(await audit(page, url)));
    }
    expect(report(findings)).toBe('');
  });

  it('every console page has no serious or critical violation', { timeout: 240_000 }, async () => {
    const routes = routesOf(join(SRC, 'admin/AdminRoutes.tsx'), '/admin/').filter((r) => !OUTSIDE.test(r));
    // The secretary reaches the branch's pages; the separated admins the system pages (users, grants, audit).
    const contexts = [];
    for (const login of ['secretary', 'orgadmin', 'sysadmin', 'secadmin', 'auditor', 'handler']) {
      const ctx = await b.context('desktop');
      const page = await ctx.newPage();
      await consoleLogin(page, login);
      contexts.push({ ctx, page });
    }
    const { findings, missed } = await sweep(contexts, routes, '.ant-result-403');
    expect.soft(missed, 'console pages no login reached').toEqual([]);
    expect(report(findings)).toBe('');
  });

  it('every phone page has no serious or critical violation', { timeout: 240_000 }, async () => {
    const routes = routesOf(join(SRC, 'm/MobileApp.tsx'), '/m/').filter((r) => !OUTSIDE.test(r));
    const contexts = [];
    for (const login of ['member', 'secretary']) {
      const ctx = await b.context('phone');
      const page = await ctx.newPage();
      await phoneLogin(page, login);
      contexts.push({ ctx, page });
    }
    const { findings, missed } = await sweep(contexts, routes, '[data-testid="page-forbidden"]');
    expect.soft(missed, 'phone pages no login reached').toEqual([]);
    expect(report(findings)).toBe('');
  });
});
