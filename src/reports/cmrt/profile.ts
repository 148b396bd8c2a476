import { OrpailleError } from '../../kernel/index.js';
import { DISCLOSURE_ANSWERS, SUPPLIER_SHARES, SURVEY_ANSWERS, YES_NO, YES_NO_UNKNOWN } from './layout.js';
import { CMRT_METALS, CMRT_POLICY_QUESTIONS, CMRT_QUESTIONS, SMELTER_ID, type CmrtAnswer, type CmrtPolicyQuestion, type CmrtProfile, type CmrtQuestion } from './types.js';

const COMPANY_FIELDS = ['uniqueId', 'uniqueIdAuthority', 'address', 'contactName', 'contactEmail', 'contactPhone', 'authorizer', 'authorizerTitle', 'authorizerEmail', 'authorizerPhone'] as const;

/** The answers the template's drop-down lists allow for a question (1-8 per metal, A-H). */
export function allowedAnswers(q: CmrtQuestion | CmrtPolicyQuestion): readonly string[] {
  if (q === '6') return SUPPLIER_SHARES;
  if (q === 'E') return SURVEY_ANSWERS;
  if (q === 'H') return DISCLOSURE_ANSWERS;
  if (/^[A-H]$/.test(q)) return YES_NO;
  return YES_NO_UNKNOWN;
}

function answer(v: unknown, q: CmrtQuestion | CmrtPolicyQuestion, where: string): CmrtAnswer {
  const o = (typeof v === 'string' ? { answer: v } : v) as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || typeof o['answer'] !== 'string') throw new OrpailleError('ORP_BAD_INPUT', `${where}: an answer (string) or { answer, comment }`, { field: where });
  const allowed = allowedAnswers(q);
  if (!allowed.includes(o['answer'])) throw new OrpailleError('ORP_BAD_INPUT', `${where}: "${o['answer']}" is not one of ${allowed.map((a) => `"${a}"`).join(', ')}`, { field: where });
  if (o['comment'] !== undefined && typeof o['comment'] !== 'string') throw new OrpailleError('ORP_BAD_INPUT', `${where}.comment must be a string`, { field: `${where}.comment` });
  return { answer: o['answer'], ...(o['comment'] ? { comment: o['comment'] } : {}) };
}

/**
 * Checks an organisation's CMRT answers as recorded (JSON): company information strings, questions
 * 1-8 per metal and A-H with the answers the template allows, an RMI smelter id when the company is a
 * refiner. ORP_BAD_INPUT naming the field otherwise.
 */
export function validateProfile(doc: unknown): CmrtProfile {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new OrpailleError('ORP_BAD_INPUT', 'a CMRT profile is a JSON object { company, policy, questions, scopeDescription?, smelterId? }');
  const d = doc as Record<string, unknown>;
  const known = new Set(['company', 'policy', 'questions', 'scopeDescription', 'smelterId']);
  for (const key of Object.keys(d)) if (!known.has(key)) throw new OrpailleError('ORP_BAD_INPUT', `unknown field "${key}" (expected company, policy, questions, scopeDescription, smelterId)`, { field: key });
  const company: CmrtProfile['company'] = {};
  const c = (d['company'] ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!(COMPANY_FIELDS as readonly string[]).includes(key)) throw new OrpailleError('ORP_BAD_INPUT', `company.${key} is not a CMRT company field (${COMPANY_FIELDS.join(', ')})`, { field: `company.${key}` });
    if (typeof c[key] !== 'string') throw new OrpailleError('ORP_BAD_INPUT', `company.${key} must be a string`, { field: `company.${key}` });
    company[key as (typeof COMPANY_FIELDS)[number]] = c[key] as string;
  }
  const policy: CmrtProfile['policy'] = {};
  const p = (d['policy'] ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    if (!(CMRT_POLICY_QUESTIONS as readonly string[]).includes(key)) throw new OrpailleError('ORP_BAD_INPUT', `policy.${key}: company questions are A to H`, { field: `policy.${key}` });
    policy[key as CmrtPolicyQuestion] = answer(p[key], key as CmrtPolicyQuestion, `policy.${key}`);
  }
  const questions: CmrtProfile['questions'] = {};
  const qs = (d['questions'] ?? {}) as Record<string, unknown>;
  for (const q of Object.keys(qs)) {
    if (!(CMRT_QUESTIONS as readonly string[]).includes(q)) throw new OrpailleError('ORP_BAD_INPUT', `questions.${q}: questions are 1 to 8`, { field: `questions.${q}` });
    const perMetal = (qs[q] ?? {}) as Record<string, unknown>;
    const out: Partial<Record<(typeof CMRT_METALS)[number], CmrtAnswer>> = {};
    for (const m of Object.keys(perMetal)) {
      if (!(CMRT_METALS as readonly string[]).includes(m)) throw new OrpailleError('ORP_BAD_INPUT', `questions.${q}.${m}: metals are ${CMRT_METALS.join(', ')}`, { field: `questions.${q}.${m}` });
      out[m as (typeof CMRT_METALS)[number]] = answer(perMetal[m], q as CmrtQuestion, `questions.${q}.${m}`);
    }
    questions[q as CmrtQuestion] = out;
  }
  const smelterId = d['smelterId'];
  if (smelterId !== undefined && (typeof smelterId !== 'string' || !SMELTER_ID.test(smelterId))) throw new OrpailleError('ORP_BAD_INPUT', `smelterId must be an RMI smelter id (CID and 6 digits), got "${String(smelterId)}"`, { field: 'smelterId' });
  const scopeDescription = d['scopeDescription'];
  if (scopeDescription !== undefined && typeof scopeDescription !== 'string') throw new OrpailleError('ORP_BAD_INPUT', 'scopeDescription must be a string', { field: 'scopeDescription' });
  return { company, policy, questions, ...(scopeDescription ? { scopeDescription } : {}), ...(smelterId ? { smelterId } : {}) };
}
