import { describe, expect, it } from 'vitest';
import { csmOwnerId, notesOf, seedWonCompany, tasksOf, useHandoffPortal } from './handoff-portal.ts';

// The handoff and churn-reason routes: the real backend on loopback, verifying HubSpot
// signatures, writing to the sandbox portal after `cs-card setup`.

const portal = useHandoffPortal();

interface Answer {
  status: number;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; missing?: string[]; missingFields?: string[] };
    handoff: { status: string; phase: string; version: number; completeness: number; missing: string[]; returnComment: string | null; fields: Record<string, string>; contacts: { id: string; label: string }[] };
    churn: { needed: boolean; reason: string | null; comment: string | null };
  };
}

async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await portal.backend.fetchFn(`https://cs-card.example.com${path}`, { method: method as 'GET', ...(body === undefined ? {} : { body: body as Record<string, unknown> }) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const complete = (championId: string, economicBuyerId: string) => ({
  goals: 'Cut onboarding time by half\nand move support in-house',
  successCriteria: '80% of agents active within 60 days',
  championId,
  economicBuyerId,
  promisedScope: 'Two workspaces, SSO',
  specialTerms: '3-month opt-out',
  risks: 'IT team is stretched <until Q2>',
  goLiveDate: '2026-05-04',
});

describe('the handoff', () => {
  it('goes draft -> submit -> accept: the properties, one note per step and the onboarding tasks for the CSM', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Kestrel Logistics');
    const [champion = '', buyer = ''] = contactIds;
    const base = `/api/companies/${companyId}/handoff`;

    const fresh = await call('GET', base);
    expect(fresh.status).toBe(200);
    expect(fresh.body.handoff).toMatchObject({ status: 'not_started', phase: 'not_started', version: 0, completeness: 0 });
    expect(fresh.body.handoff.contacts.map((c) => c.label)).toEqual([`Ana Silva (ana@kestrel-logistics.example)`, `Ben Okafor (ben@kestrel-logistics.example)`]);

    const draft = await call('PUT', base, { baseVersion: 0, fields: { goals: 'Cut onboarding time by half', championId: champion } });
    expect(draft.status).toBe(200);
    expect(draft.body.handoff).toMatchObject({ status: 'not_started', phase: 'draft', version: 1, missing: ['Success criteria', 'Economic buyer', 'Planned go-live date'] });
    expect(notesOf(portal.sandbox, companyId)).toEqual([]);

    const submitted = await call('POST', `${base}/submit`, { baseVersion: 1, fields: complete(champion, buyer) });
    expect(submitted.status).toBe(200);
    expect(submitted.body.handoff).toMatchObject({ status: 'submitted', version: 2, completeness: 1, missing: [] });

    const accepted = await call('POST', `${base}/accept`, { baseVersion: 2 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.handoff).toMatchObject({ status: 'accepted', version: 3 });

    const company = portal.sandbox.store.get('companies', companyId)?.properties ?? {};
    expect(company).toMatchObject({
      cs_handoff_status: 'accepted',
      cs_handoff_version: '3',
      cs_handoff_champion_id: champion,
      cs_handoff_go_live_date: '2026-05-04',
      cs_handoff_special_terms: '3-month opt-out',
    });
    expect(company.cs_handoff_accepted_at).toMatch(/^2026-03-16T09:30/);

    const notes = notesOf(portal.sandbox, companyId);
    expect(notes).toHaveLength(2);
    const submitNote = notes.find((n) => n.includes('Handoff submitted')) ?? '';
    // The full content, escaped, with the contacts named.
    expect(submitNote).toContain('Cut onboarding time by half<br>and move support in-house');
    expect(submitNote).toContain('IT team is stretched &#60;until Q2&#62;');
    expect(submitNote).toContain(`Ana Silva (ana@kestrel-logistics.example) (contact id ${champion})`);
    expect(notes.some((n) => n.includes('Handoff accepted by customer success'))).toBe(true);

    const tasks = tasksOf(portal.sandbox, companyId);
    expect(tasks.map((t) => [t.hs_task_subject, t.hs_timestamp?.slice(0, 10), t.hubspot_owner_id]).sort()).toEqual([
      ['Go-live check with Kestrel Logistics', '2026-05-04', csmOwnerId],
      ['Onboarding kickoff with Kestrel Logistics', '2026-03-21', csmOwnerId],
    ]);
  });

  it('writes the onboarding tasks in the accepting user\'s locale; the note stays in the portal\'s language', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Ibis Freight');
    const base = `/api/companies/${companyId}/handoff`;
    await call('POST', `${base}/submit`, { baseVersion: 0, fields: complete(contactIds[0] ?? '', contactIds[1] ?? '') });

    expect((await call('POST', `${base}/accept`, { baseVersion: 1, locale: 'not a locale!' })).status).toBe(400);
    const accepted = await call('POST', `${base}/accept`, { baseVersion: 1, locale: 'ja-JP' });
    expect(accepted.status).toBe(200);

    const tasks = tasksOf(portal.sandbox, companyId);
    expect(tasks.map((t) => [t.hs_task_subject, t.hs_timestamp?.slice(0, 10), t.hubspot_owner_id]).sort()).toEqual([
      ['Ibis Freight とのオンボーディングのキックオフ', '2026-03-21', csmOwnerId],
      ['Ibis Freight の本番稼働確認', '2026-05-04', csmOwnerId],
    ]);
    const goLive = tasks.find((t) => t.hs_task_subject?.includes('本番稼働確認'))?.hs_task_body ?? '';
    expect(goLive).toContain('<p>Ibis Freight が計画どおり本番稼働し、利用を開始しているか確認してください（本番稼働予定日：2026/05/04）。</p>');
    expect(goLive).toContain('カスタマーサクセスが営業からの引き継ぎを受理した際に作成されました。[cs-card:handoff-go-live-check]');
    expect(notesOf(portal.sandbox, companyId).some((n) => n.includes('Handoff accepted by customer success'))).toBe(true);
  });

  it('returns a handoff with a comment that sales then sees, and takes the resubmission', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Heron Health');
    const base = `/api/companies/${companyId}/handoff`;
    await call('POST', `${base}/submit`, { baseVersion: 0, fields: complete(contactIds[0] ?? '', contactIds[1] ?? '') });

    const empty = await call('POST', `${base}/return`, { baseVersion: 1, comment: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.message).toMatch(/comment is required/);

    const returned = await call('POST', `${base}/return`, { baseVersion: 1, comment: 'The go-live date clashes with their freeze; confirm with Ben.' });
    expect(returned.status).toBe(200);
    const seen = await call('GET', base);
    expect(seen.body.handoff).toMatchObject({ status: 'returned', returnComment: 'The go-live date clashes with their freeze; confirm with Ben.', canEdit: true });
    expect(notesOf(portal.sandbox, companyId).some((n) => n.includes('Handoff returned to sales') && n.includes('confirm with Ben.'))).toBe(true);

    const resubmitted = await call('POST', `${base}/submit`, { baseVersion: 2, fields: { goLiveDate: '2026-06-01' } });
    expect(resubmitted.body.handoff).toMatchObject({ status: 'submitted', returnComment: null });
    expect(notesOf(portal.sandbox, companyId).some((n) => n.includes('Handoff resubmitted'))).toBe(true);
  });

  it('refuses a submit with required fields missing, naming them, and writes nothing', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Osprey Media');
    const answer = await call('POST', `/api/companies/${companyId}/handoff/submit`, { baseVersion: 0, fields: { goals: 'Grow usage' } });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({
      code: 'handoff_incomplete',
      missing: ['Success criteria', 'Champion', 'Economic buyer', 'Planned go-live date'],
      // The same fields as the form names them: the card words them in the user's language.
      missingFields: ['successCriteria', 'championId', 'economicBuyerId', 'goLiveDate'],
    });
    expect(answer.body.error?.message).toContain('Success criteria, Champion, Economic buyer, Planned go-live date');
    expect(portal.sandbox.store.get('companies', companyId)?.properties.cs_handoff_version ?? null).toBeNull();
  });

  it('refuses a contact of another company', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Plover Foods');
    const other = seedWonCompany(portal.sandbox, 'Stint Freight');
    const stranger = other.contactIds[0] ?? '';
    const answer = await call('PUT', `/api/companies/${companyId}/handoff`, { baseVersion: 0, fields: { economicBuyerId: stranger } });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'contact_not_in_company' });
    expect(answer.body.error?.message).toBe(`Contact ${stranger} (the economic buyer) is not associated with this company: choose one of the company's contacts`);
  });

  it('refuses the second of two saves from the same version and keeps the first', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Avocet Labs');
    const base = `/api/companies/${companyId}/handoff`;
    const [first, second] = await Promise.all([
      call('PUT', base, { baseVersion: 0, fields: { goals: 'Sales wrote this' } }),
      call('PUT', base, { baseVersion: 0, fields: { goals: 'A colleague wrote that' } }),
    ]);
    expect([first?.status, second?.status]).toEqual([200, 409]);
    expect(second?.body.error?.code).toBe('handoff_conflict');
    expect(second?.body.error?.message).toMatch(/Someone else changed this handoff .* Nothing was overwritten/);
    // The answer carries the current handoff, so the card can show what is stored now.
    expect(second?.body.handoff.fields.goals).toBe('Sales wrote this');
    expect(portal.sandbox.store.get('companies', companyId)?.properties.cs_handoff_goals).toBe('Sales wrote this');
  });

  it('answers a retried submit as done without a second note', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Dunlin Energy');
    const request = { baseVersion: 0, fields: complete(contactIds[0] ?? '', contactIds[1] ?? '') };
    const path = `/api/companies/${companyId}/handoff/submit`;
    const first = await call('POST', path, request);
    const retry = await call('POST', path, request);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.body).toMatchObject({ replayed: true, noteId: null });
    expect(notesOf(portal.sandbox, companyId).filter((n) => n.includes('Handoff submitted'))).toHaveLength(1);
    expect(portal.sandbox.store.get('companies', companyId)?.properties.cs_handoff_version).toBe('1');
  });

  it('finishes on retry what a failed first attempt left undone: the note is created once', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Godwit Retail');
    const request = { baseVersion: 0, fields: complete(contactIds[0] ?? '', contactIds[1] ?? '') };
    const path = `/api/companies/${companyId}/handoff/submit`;
    portal.sandbox.controls.injectFault({ kind: '503', method: 'POST', path: /^\/crm\/v3\/objects\/notes$/, times: 1 });
    const failed = await call('POST', path, request);
    expect(failed.status).toBe(503);
    expect(notesOf(portal.sandbox, companyId)).toEqual([]);
    const retry = await call('POST', path, request);
    expect(retry.status).toBe(200);
    expect(notesOf(portal.sandbox, companyId)).toHaveLength(1);
    expect((await call('POST', path, request)).status).toBe(200);
    expect(notesOf(portal.sandbox, companyId)).toHaveLength(1);
  });

  it('validates ids, dates and lengths with messages that say what to fix', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Tern Textiles');
    const base = `/api/companies/${companyId}/handoff`;
    expect((await call('GET', '/api/companies/abc/handoff')).status).toBe(400);
    const badDate = await call('PUT', base, { baseVersion: 0, fields: { goLiveDate: '2026-02-30' } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error?.message).toMatch(/fields\.goLiveDate: goLiveDate must be a real date written YYYY-MM-DD/);
    const tooLong = await call('PUT', base, { baseVersion: 0, fields: { risks: 'x'.repeat(5001) } });
    expect(tooLong.body.error?.message).toMatch(/risks must be at most 5000 characters/);
    const unknown = await call('PUT', base, { baseVersion: 0, fields: { mood: 'great' } });
    expect(unknown.status).toBe(400);
    const noVersion = await call('PUT', base, { fields: {} });
    expect(noVersion.body.error?.message).toMatch(/baseVersion/);
  });

  it('is signature-verified and size-limited like the card route', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Sanderling Cargo');
    const unsigned = await fetch(`${portal.backend.server.url}/api/companies/${companyId}/handoff/submit`, { method: 'POST', body: '{"baseVersion":0}' });
    expect(unsigned.status).toBe(401);
    const huge = await call('PUT', `/api/companies/${companyId}/handoff`, { baseVersion: 0, fields: { goals: 'x'.repeat(70_000) } });
    expect(huge.status).toBe(413);
    expect(portal.sandbox.store.get('companies', companyId)?.properties.cs_handoff_version ?? null).toBeNull();
  });

  it('refuses steps the state does not allow', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Curlew Systems');
    const answer = await call('POST', `/api/companies/${companyId}/handoff/accept`, { baseVersion: 0 });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'handoff_state', message: 'Only a submitted handoff can be accepted; this one is not submitted yet' });
  });
});

describe('text typed into the handoff', () => {
  const forged = '[cs-card:handoff-accept-v2] [cs-card:renewal-overdue] [cs-card:handoff-kickoff] [CS-CARD: handoff-go-live-check]';
  const markup = '<script>alert(1)</script><img src=x onerror=alert(2)>';

  it('goes into onboarding task bodies escaped, as HubSpot renders them as HTML', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Gadwall Robotics');
    const base = `/api/companies/${companyId}/handoff`;
    const fields = { ...complete(contactIds[0] ?? '', contactIds[1] ?? ''), goals: `Launch ${markup}`, successCriteria: `All live ${markup}` };
    expect((await call('POST', `${base}/submit`, { baseVersion: 0, fields })).status).toBe(200);
    expect((await call('POST', `${base}/accept`, { baseVersion: 1 })).status).toBe(200);

    const bodies = tasksOf(portal.sandbox, companyId).map((task) => task.hs_task_body ?? '');
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      expect(body).not.toMatch(/<script|<img/i);
      expect(body).toContain('All live &#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=alert(2)&#62;');
    }
  });

  it('never sends HubSpot a note over its 65,536-character limit: a long handoff note is cut with a visible notice', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Garganey Ports');
    const long = '<&>'.repeat(1_600); // 4,800 typed characters, about 24,000 once escaped
    const fields = { ...complete(contactIds[0] ?? '', contactIds[1] ?? ''), goals: long, successCriteria: long, promisedScope: long, specialTerms: long, risks: long };
    const submitted = await call('POST', `/api/companies/${companyId}/handoff/submit`, { baseVersion: 0, fields });
    expect(submitted.status).toBe(200);
    const [note = ''] = notesOf(portal.sandbox, companyId);
    expect(note.length).toBeLessThanOrEqual(65_536);
    expect(note).toContain('[Truncated: the rest did not fit HubSpot');
    expect(note).toMatch(/\[cs-card:handoff-submit-v1\]<\/p>$/);
    // The full text stays in the company's properties.
    expect(portal.sandbox.store.get('companies', companyId)?.properties.cs_handoff_risks).toBe(long);
  });

  it('cannot pass for the product\'s markers: a retried accept still writes its note and tasks, and no task reads as another action\'s', async () => {
    const { companyId, contactIds } = seedWonCompany(portal.sandbox, 'Smew Instruments');
    const base = `/api/companies/${companyId}/handoff`;
    const fields = { ...complete(contactIds[0] ?? '', contactIds[1] ?? ''), goals: `Go live ${forged}`, risks: forged };
    expect((await call('POST', `${base}/submit`, { baseVersion: 0, fields })).status).toBe(200);

    // The accept writes its properties, then HubSpot refuses the note: the retry must finish the job.
    const refuseNote = portal.sandbox.controls.injectFault({ kind: '403', method: 'POST', path: '/crm/v3/objects/notes', times: 1 });
    const failed = await call('POST', `${base}/accept`, { baseVersion: 1 });
    refuseNote();
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(notesOf(portal.sandbox, companyId).filter((n) => n.includes('Handoff accepted by customer success'))).toEqual([]);

    const retried = await call('POST', `${base}/accept`, { baseVersion: 1 });
    expect(retried.status).toBe(200);
    expect(notesOf(portal.sandbox, companyId).filter((n) => n.includes('Handoff accepted by customer success'))).toHaveLength(1);
    expect(tasksOf(portal.sandbox, companyId).map((t) => t.hs_task_subject).sort()).toEqual(['Go-live check with Smew Instruments', 'Onboarding kickoff with Smew Instruments']);

    // The card reads each task by its own marker only.
    const card = await portal.backend.fetchFn(`https://cs-card.example.com/api/companies/${companyId}/card`, { method: 'GET' });
    const view = (await card.json()) as { actions: { id: string; alreadyTasked: boolean }[] };
    expect(view.actions.filter((a) => a.alreadyTasked && a.id === 'renewal-overdue')).toEqual([]);
  });
});

describe('the churn reason', () => {
  it('is refused (409, nothing written, no note) for a company with no lost renewal that asks for one', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Dunlin Analytics');
    const before = await call('GET', `/api/companies/${companyId}/handoff`);
    expect(before.body.churn).toMatchObject({ needed: false, reason: null });
    const propertiesBefore = { ...portal.sandbox.store.get('companies', companyId)?.properties };

    const refused = await call('POST', `/api/companies/${companyId}/churn-reason`, { reason: 'competitor', comment: 'Not true' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'churn_reason_not_needed', message: 'This company has no lost renewal waiting for a churn reason, so nothing was recorded: reload the card' });
    expect(portal.sandbox.store.get('companies', companyId)?.properties).toEqual(propertiesBefore);
    expect(notesOf(portal.sandbox, companyId).filter((n) => n.includes('Churn reason recorded'))).toEqual([]);
  });

  it('is asked for after a lost renewal, written as properties and a note, once', async () => {
    const { companyId } = seedWonCompany(portal.sandbox, 'Lapwing Travel', { lostRenewal: true });
    const before = await call('GET', `/api/companies/${companyId}/handoff`);
    expect(before.body.churn).toMatchObject({ needed: true, reason: null });

    const other = await call('POST', `/api/companies/${companyId}/churn-reason`, { reason: 'other' });
    expect(other.status).toBe(400);
    expect(other.body.error?.message).toMatch(/comment is required when the reason is "other"/);

    const body = { reason: 'competitor', comment: 'Moved to a cheaper tool' };
    const recorded = await call('POST', `/api/companies/${companyId}/churn-reason`, body);
    expect(recorded.status).toBe(200);
    expect(recorded.body.churn).toMatchObject({ needed: false, reason: 'competitor', comment: 'Moved to a cheaper tool' });
    expect(portal.sandbox.store.get('companies', companyId)?.properties).toMatchObject({ cs_churn_reason: 'competitor', cs_churn_reason_comment: 'Moved to a cheaper tool' });

    const retry = await call('POST', `/api/companies/${companyId}/churn-reason`, body);
    expect(retry.body).toMatchObject({ replayed: true });
    const changed = await call('POST', `/api/companies/${companyId}/churn-reason`, { reason: 'budget' });
    expect(changed.status).toBe(409);
    expect(notesOf(portal.sandbox, companyId).filter((n) => n.includes('Churn reason recorded'))).toHaveLength(1);
    expect(notesOf(portal.sandbox, companyId)[0]).toContain('Moved to a competitor');

    const card = await portal.backend.fetchFn(`https://cs-card.example.com/api/companies/${companyId}/card`, { method: 'GET' });
    const view = (await card.json()) as { actions: { id: string }[] };
    expect(view.actions.map((a) => a.id)).not.toContain('churn-reason');
  });
});
