import { describe, expect, it } from 'vitest';
import { companySurveyAnswers, linkedContacts, needsRespondent } from './survey-answers.ts';

describe('the company survey answers rule', () => {
  it('needsRespondent: an empty hs_contact_id must be read from the associations (the @example)', () => {
    expect(needsRespondent({ id: '7', properties: { hs_contact_id: '' } })).toBe(true);
    expect(needsRespondent({ id: '7', properties: { hs_contact_id: null } })).toBe(true);
    expect(needsRespondent({ id: '7', properties: {} })).toBe(true);
    expect(needsRespondent({ id: '7', properties: { hs_contact_id: '12' } })).toBe(false);
  });

  it('fills the respondent with the lowest-id associated contact of the company (the @example)', () => {
    expect(companySurveyAnswers(['12', '9'], [{ id: 's1', properties: { hs_contact_id: null, hs_value: '9' } }], new Map([['s1', ['40', '12', '9']]]))).toEqual([
      { id: 's1', properties: { hs_contact_id: '9', hs_value: '9' } },
    ]);
  });

  it('keeps a named respondent, lists each answer once, and leaves an answer with no company contact its own respondent', () => {
    const answers = [
      { id: 's1', properties: { hs_contact_id: '5' } },
      { id: 's1', properties: { hs_contact_id: '5' } },
      { id: 's2', properties: { hs_contact_id: null } },
    ];
    expect(companySurveyAnswers(['5'], answers, new Map([['s1', ['6']], ['s2', ['77']]]))).toEqual([
      { id: 's1', properties: { hs_contact_id: '5' } },
      { id: 's2', properties: { hs_contact_id: null } },
    ]);
  });

  it('orders ids as numbers, not text', () => {
    const [answer] = companySurveyAnswers(['100', '99'], [{ id: 's', properties: {} }], new Map([['s', ['100', '99']]]));
    expect(answer?.properties.hs_contact_id).toBe('99');
  });

  it('linkedContacts: each answer with its contacts, in the order they come (the @example)', () => {
    const linked = linkedContacts(new Map([['12', ['s1', 's2']], ['9', ['s1']]]));
    expect(linked).toEqual(new Map([['s1', ['12', '9']], ['s2', ['12']]]));
    expect([...linked.keys()]).toEqual(['s1', 's2']);
    expect(linkedContacts([])).toEqual(new Map());
  });
});
