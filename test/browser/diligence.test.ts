import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { randomPassword } from '../../src/access/index.js';
import { addUser } from '../../src/accounts/index.js';
import { DEMO_ORG_IDS } from '../../src/demo/index.js';
import { axeViolations, logIn, pageErrors, screenshot, useBrowserWorld } from '../support/browser.js';

/** What the workspace reads, as the API answers it to the logged-in page (its cookie): the expected rows. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  const r = await page.request.get(url);
  expect(r.status(), url).toBe(200);
  return (await r.json()) as T;
}

interface Incident {
  id: string;
  rule: string;
  status: string;
  summary: string;
  evidence: { seqs: number[]; numbers: Record<string, unknown>; threshold: Record<string, unknown> };
  history: unknown[];
}
interface Plan {
  id: string;
  deadline: string;
  review: { status: string };
}

/** Incidents per page of the list (web/src/diligence/incidents.tsx PAGE_SIZE). */
const PAGE = 25;

/** A calendar date as the English workspace writes it (fmt.date: long date style, read as a UTC day). */
const longDate = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** Goes to a workspace tab from the keyboard: focus its link in the sub-navigation and press Enter. */
async function openTab(page: Page, name: string): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Due diligence sections' }).getByRole('link', { name, exact: true });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
}

describe('the due diligence workspace in the browser', () => {
  const bw = useBrowserWorld();
  const house = DEMO_ORG_IDS.tradingHouse;

  it('an admin works incidents, plans, CRAFT assessments and supplier decisions', async () => {
    const page = await bw.newPage();
    const errors = pageErrors(page);
    const url = bw.server.url;
    await page.goto(`${url}/#/diligence`);
    await logIn(page, bw.server.admin(house));
    expect(await page.locator('h1').textContent()).toBe('Due diligence');

    // Incidents: the first page as the API lists it, newest event first.
    const first = await apiGet<{ total: number; incidents: Incident[] }>(page, `${url}/incidents?limit=${PAGE}&offset=0`);
    expect(first.total).toBeGreaterThan(PAGE);
    const rows = page.locator('table.incidents tbody tr');
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-incident')))).toEqual(first.incidents.map((i) => i.id));
    expect(await page.locator('[data-total]').textContent()).toBe(`Incidents 1 to ${PAGE} of ${first.total.toLocaleString('en-US')}`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'diligence-incidents');

    // The next page, as the API pages them.
    const second = await apiGet<{ incidents: Incident[] }>(page, `${url}/incidents?limit=${PAGE}&offset=${PAGE}`);
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-incident')))).toEqual(second.incidents.map((i) => i.id));

    // Filtered by status: the incidents under review.
    const underReview = await apiGet<{ total: number; incidents: Incident[] }>(page, `${url}/incidents?status=under_review&limit=${PAGE}`);
    expect(underReview.total).toBeGreaterThan(0);
    const filters = page.getByRole('form', { name: 'Filter the incidents' });
    await filters.getByLabel('Status').selectOption('under_review');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-incident')))).toEqual(underReview.incidents.map((i) => i.id));

    // Oldest event first, any status.
    const oldestFirst = await apiGet<{ incidents: Incident[] }>(page, `${url}/incidents?order=oldest&limit=${PAGE}`);
    await filters.getByLabel('Status').selectOption('');
    await filters.getByLabel('Order').selectOption('oldest');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-incident')))).toEqual(oldestFirst.incidents.map((i) => i.id));
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#/diligence/incidents?order=oldest');

    // An incident naming a lot, at the URL the dashboard links to: its facts, the lot linked to its trace, a status change.
    const all = await apiGet<{ incidents: Incident[] }>(page, `${url}/incidents?status=open&limit=1000`);
    const tagged = all.incidents.find((i) => i.rule === 'tag_reused')!;
    expect(tagged).toBeDefined();
    const lot = String(tagged.evidence.numbers['lots']);
    await page.goto(`${url}/#/diligence/incidents/${encodeURIComponent(tagged.id)}`);
    await expect.poll(() => page.locator('#incident-title').textContent()).toBe('Incident: Tag reused');
    expect(await page.locator('.summary').textContent()).toBe(tagged.summary);
    expect(await page.locator('[data-fact=status]').textContent()).toBe('open');
    expect(await page.locator('[data-fact=lots] a').getAttribute('href')).toBe(`#/trace/${encodeURIComponent(lot)}`);
    expect(await page.locator('.history li').count()).toBe(tagged.history.length);
    // The evidence in words: every figure and threshold under its label, dates and counts in the reader's format.
    const fields = await page.locator('.figures-table tr[data-field]').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-field'), tr.querySelector('th')?.textContent]));
    const expected = [...Object.keys(tagged.evidence.numbers), ...Object.keys(tagged.evidence.threshold)];
    expect(fields.map(([k]) => k)).toEqual(expected);
    expect(fields.filter(([k, label]) => !label || label === k)).toEqual([]);
    expect(await page.locator('[data-field=uses] th').textContent()).toBe('Uses');
    expect(await page.locator('[data-field=firstUsedOn] td').textContent()).toBe(longDate(String(tagged.evidence.numbers['firstUsedOn'])));
    expect(await page.locator('[data-field=uses] td').textContent()).toBe(String(tagged.evidence.numbers['uses']));
    // The events of the records it read, as the API answers them to this caller (the latest 20; 404: not visible).
    const records: { seq: number; event: { bizStep?: string } }[] = [];
    for (const seq of tagged.evidence.seqs.slice(-20)) {
      const r = await page.request.get(`${url}/ledger/records/${seq}`);
      expect([200, 404]).toContain(r.status());
      if (r.status() === 200) records.push(await r.json());
    }
    expect(records.length).toBeGreaterThan(0);
    const events = page.locator('.incident-records li.event');
    await expect.poll(() => events.count()).toBe(records.length);
    expect(await events.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-bizstep')))).toEqual(records.map((r) => r.event.bizStep ?? ''));
    expect(await events.locator('h3').allTextContents()).toEqual(records.map((r) => expect.stringMatching(new RegExp(`^Record ${r.seq.toLocaleString('en')} — `))));
    expect(await events.locator(`a[href="#/trace/${encodeURIComponent(lot)}"]`).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'diligence-incident');

    const change = page.locator('#change-title + form');
    expect(await change.getByLabel('New status').inputValue()).toBe('under_review');
    await change.getByLabel('Owner').fill('Amani Kahindo (compliance officer)');
    await change.getByLabel('Note').fill('Tag stock of the Mongbwalu counter to be counted on Monday');
    await change.getByRole('button', { name: 'Record the change' }).click();
    await expect.poll(() => page.locator('[data-fact=status]').textContent()).toBe('under review');
    const changed = await apiGet<Incident & { owner?: string }>(page, `${url}/incidents/${tagged.id}`);
    expect(changed).toMatchObject({ status: 'under_review', owner: 'Amani Kahindo (compliance officer)' });
    expect(await page.locator('.history li').count()).toBe(changed.history.length);
    expect(await page.locator('[data-fact=owner]').textContent()).toBe(changed.owner);

    // Risk plans: overdue first then by deadline, an overdue plan saying so in words.
    await openTab(page, 'Risk plans');
    const before = (await apiGet<{ plans: Plan[] }>(page, `${url}/diligence/plans`)).plans;
    const planRows = page.locator('table.plans tbody tr');
    await planRows.first().waitFor();
    const overdue = before.filter((p) => p.review.status === 'decision_due').map((p) => p.id);
    expect(overdue.length).toBeGreaterThan(0);
    expect(await page.locator('table.plans tr.overdue').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-plan')))).toEqual(overdue);
    expect(await page.locator(`tr[data-plan="${overdue[0]}"] td`).last().textContent()).toContain('overdue: decision due');

    // Adopting a plan: a target that is no improvement is refused by the server and nothing is adopted; then accepted.
    await page.getByText('Adopt a plan').click();
    const planForm = page.getByRole('form', { name: 'Adopt a plan' });
    await planForm.getByLabel('Supplier').fill(DEMO_ORG_IDS.asmo);
    await planForm.getByLabel('Description').fill('Every washing point has a first-aid kit');
    await planForm.getByLabel('Indicator').fill('washing points with a first-aid kit');
    await planForm.getByLabel('Baseline').fill('5');
    await planForm.getByLabel('Target').fill('2');
    await planForm.getByRole('button', { name: 'Adopt the plan' }).click();
    const refusal = planForm.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('ORP_BAD_INPUT');
    expect((await apiGet<{ plans: Plan[] }>(page, `${url}/diligence/plans`)).plans).toHaveLength(before.length);
    await planForm.getByLabel('Target').fill('9');
    await planForm.getByRole('button', { name: 'Adopt the plan' }).click();
    await page.locator('.done').waitFor();
    const after = (await apiGet<{ plans: Plan[] }>(page, `${url}/diligence/plans`)).plans;
    const adopted = after.find((p) => !before.some((b) => b.id === p.id))!;
    expect(adopted).toBeDefined();
    expect(await page.locator('.done').textContent()).toBe(`Plan ${adopted.id} adopted; deadline ${longDate(adopted.deadline)}.`);
    await expect.poll(() => page.locator(`tr[data-plan="${adopted.id}"] td`).nth(3).textContent()).toBe(longDate(adopted.deadline));
    expect(await planRows.count()).toBe(after.length);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'diligence-plans');

    // The plan adopted: its measure, then a progress report that moves it towards the target.
    await page.locator(`tr[data-plan="${adopted.id}"] a`).click();
    await expect.poll(() => page.locator('#plan-title').textContent()).toBe(`Plan ${adopted.id}`);
    expect(await page.locator('[data-fact=deadline]').textContent()).toContain(longDate(adopted.deadline));
    const measure = page.locator('table.measures tbody tr').first();
    expect(await measure.locator('td').nth(4).textContent()).toBe('—');
    const progress = page.locator('#progress-form-title + form');
    await progress.getByLabel('Value of the indicator').fill('7');
    await progress.getByRole('button', { name: 'Record the value' }).click();
    await expect.poll(() => measure.locator('td').nth(4).textContent()).not.toBe('—');
    const reported = (await apiGet<{ plans: (Plan & { progress: { value: number; reportedOn: string }[] })[] }>(page, `${url}/diligence/plans`)).plans.find((p) => p.id === adopted.id)!;
    expect(await measure.locator('td').nth(4).textContent()).toBe(`7 on ${longDate(reported.progress[0]!.reportedOn)}`);
    expect(reported.progress.map((r) => r.value)).toEqual([7]);
    expect(await measure.locator('td').nth(5).textContent()).toBe('yes');

    // CRAFT: the assessments the house reviewed; it submits its own self-assessment to the exporter.
    await openTab(page, 'CRAFT');
    const crafts = (await apiGet<{ assessments: { id: string }[] }>(page, `${url}/diligence/craft`)).assessments;
    await page.locator('table.crafts tbody tr').first().waitFor();
    expect((await page.locator('table.crafts tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-craft')))).sort()).toEqual(crafts.map((c) => c.id).sort());
    await page.getByText('Submit a self-assessment').click();
    const craftForm = page.getByRole('form', { name: 'Submit a self-assessment' });
    const questionnaire = await apiGet<{ criteria: { id: string }[] }>(page, `${url}/diligence/craft-questionnaire`);
    await expect.poll(() => craftForm.locator('[data-criterion]').evaluateAll((els) => els.map((e) => e.getAttribute('data-criterion')))).toEqual(questionnaire.criteria.map((c) => c.id));
    await craftForm.getByLabel('Buyer').fill('no-such-buyer');
    await craftForm.getByLabel('Submitted by').fill('Amani Kahindo (compliance officer)');
    await craftForm.getByLabel('Answer to 1.1').selectOption('yes');
    await craftForm.getByLabel('Evidence for 1.1 (document)').fill('TH-organisation-2026.pdf');
    await craftForm.getByLabel('Answer to 5.3').selectOption('partly');
    await craftForm.getByRole('button', { name: 'Submit the self-assessment' }).click();
    const unknown = craftForm.getByRole('alert');
    await unknown.waitFor();
    expect(await unknown.getAttribute('data-code')).toBe('ORP_UNKNOWN_PARTY');
    await craftForm.getByLabel('Buyer').fill(DEMO_ORG_IDS.exporter);
    await craftForm.getByRole('button', { name: 'Submit the self-assessment' }).click();
    const submittedLink = page.locator('.done a');
    await submittedLink.waitFor();
    const craftId = (await submittedLink.textContent())!;
    const submitted = await apiGet<{ stage: string; answers: { criterion: string; answer: string; evidence: { reference: string }[] }[] }>(page, `${url}/diligence/craft/${craftId}`);
    expect(submitted.stage).toBe('self');
    expect(submitted.answers).toEqual([
      { criterion: '1.1', answer: 'yes', evidence: [{ kind: 'document', reference: 'TH-organisation-2026.pdf' }] },
      { criterion: '5.3', answer: 'partly', evidence: [] },
    ]);
    await expect.poll(() => page.locator(`tr[data-craft="${craftId}"]`).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'diligence-craft');

    // Supplier decisions: newest first; the one recorded here is in force.
    await openTab(page, 'Supplier decisions');
    await page.locator('table.decisions tbody tr').first().waitFor();
    await page.getByText('Record a decision').click();
    const decisionForm = page.getByRole('form', { name: 'Record a decision' });
    await decisionForm.getByLabel('Supplier').fill(DEMO_ORG_IDS.asmo);
    await decisionForm.getByLabel('Decision').selectOption('continue');
    await decisionForm.getByLabel('Reason').fill('Checkpoint payments stopped and retorts in use: targets of the plan met but taxes');
    await decisionForm.getByLabel('Risk management plan').selectOption(overdue[0]!);
    await decisionForm.getByRole('button', { name: 'Record the decision' }).click();
    await page.locator('.done').waitFor();
    const decisions = (await apiGet<{ decisions: { id: string; decidedAt: string }[] }>(page, `${url}/diligence/decisions`)).decisions;
    const newest = [...decisions].sort((a, b) => Date.parse(b.decidedAt) - Date.parse(a.decidedAt))[0]!;
    await expect.poll(() => page.locator('table.decisions tbody tr').count()).toBe(decisions.length);
    const top = page.locator('table.decisions tbody tr').first();
    expect(await top.getAttribute('data-decision')).toBe(newest.id);
    expect(await top.locator('td').nth(2).textContent()).toBe('continuein force');
    expect(await top.locator('td').nth(3).getByRole('link').getAttribute('href')).toBe(`#/diligence/plans/${encodeURIComponent(overdue[0]!)}`);
    expect((await apiGet<{ decisions: { id: string; planId?: string }[] }>(page, `${url}/diligence/decisions`)).decisions.find((d) => d.id === newest.id)?.planId).toBe(overdue[0]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'diligence-decisions');

    await openTab(page, 'Risk register');
    const risks = (await apiGet<{ risks: { id: string }[] }>(page, `${url}/diligence/risks`)).risks;
    await expect.poll(() => page.locator('table.risks tbody tr').count()).toBe(risks.length);
    expect(await axeViolations(page)).toEqual([]);
    // The browser logs the two refusals asked for above, and nothing else.
    expect(errors).toEqual([`400 (Bad Request) (${url}/diligence/plans)`, `422 (Unprocessable Entity) (${url}/diligence/craft)`].map((e) => `Failed to load resource: the server responded with a status of ${e}`));
  });

  it('the buyer reviews a self-assessment once', async () => {
    const page = await bw.newPage({ locale: 'fr-FR' });
    const url = bw.server.url;
    await page.goto(`${url}/#/diligence/craft`);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.exporter));
    // The producer (the trading house) submits through the API; the exporter reviews it in the browser, in French.
    const producer = await page.context().browser()!.newContext();
    const login = await producer.request.post(`${url}/auth/login`, { data: bw.server.admin(house) });
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const sub = await producer.request.post(`${url}/diligence/craft`, { headers: { 'x-orpaille-csrf': csrf }, data: { buyer: DEMO_ORG_IDS.exporter, submittedBy: 'Amani Kahindo', answers: [{ criterion: '4.4', answer: 'yes' }] } });
    expect(sub.status()).toBe(201);
    const id = ((await sub.json()) as { id: string }).id;
    await producer.close();

    await page.goto(`${url}/#/diligence/craft/${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('#craft-detail-title').textContent()).toBe(`Évaluation ${id}`);
    expect(await page.locator('[data-fact=stage]').textContent()).toBe('auto-évaluation');
    await page.getByText('Examiner cette évaluation').click();
    const review = page.getByRole('form', { name: 'Examiner cette évaluation' });
    await review.getByLabel('Examinée par').fill('Joseph Lossa');
    await review.getByLabel('Réponse au critère 4.4').selectOption('partly');
    await review.getByRole('button', { name: 'Enregistrer l’examen' }).click();
    await expect.poll(() => page.locator('[data-fact=stage]').textContent()).toBe('examinée par l’acheteur');
    const reviewed = await apiGet<{ stage: string; results: { topic: string; result: string }[] }>(page, `${url}/diligence/craft/${id}`);
    expect(reviewed.stage).toBe('reviewed');
    const taxes = reviewed.results.find((r) => r.topic === 'taxes-royalties')!;
    expect(taxes.result).toBe('in_progress');
    expect(await page.locator('tr[data-topic=taxes-royalties] .status').textContent()).toBe('en progrès');
    // Reviewed once: the form is gone.
    expect(await page.getByText('Examiner cette évaluation').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a viewer reads the workspace and sees no write button', async () => {
    const orp = bw.server.orp;
    const login = { email: `viewer@${house}.demo`, password: randomPassword() };
    await addUser(orp, { org: house, email: login.email, role: 'viewer', password: login.password });
    const page = await bw.newPage();
    const url = bw.server.url;
    await page.goto(`${url}/#/diligence/incidents`);
    await logIn(page, login);
    await page.locator('table.incidents tbody tr').first().waitFor();
    // The list's only button is its filter.
    expect(await page.locator('main button').allTextContents()).toEqual(['Filter']);
    await page.locator('table.incidents tbody tr a').first().click();
    await page.locator('[data-fact=status]').waitFor();
    expect(await page.locator('main button, main form').count()).toBe(0);
    for (const [tab, table] of [
      ['Risk plans', 'plans'],
      ['CRAFT', 'crafts'],
      ['Supplier decisions', 'decisions'],
    ] as const) {
      await openTab(page, tab);
      await page.locator(`table.${table} tbody tr`).first().waitFor();
      expect(await page.locator('main button, main form, main details').count()).toBe(0);
    }
    const plan = (await apiGet<{ plans: { id: string }[] }>(page, `${url}/diligence/plans`)).plans[0]!;
    await page.goto(`${url}/#/diligence/plans/${encodeURIComponent(plan.id)}`);
    await page.locator('table.measures').waitFor();
    expect(await page.locator('main button, main form').count()).toBe(0);
  });
});
