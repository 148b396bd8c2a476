import { OrpailleError } from '../../kernel/index.js';
import { INCIDENT_MOVES as MOVES, INCIDENT_STATUSES, type Incident, type IncidentChange, type IncidentStatus } from '../shapes.js';
import type { RedFlagHit } from './types.js';

export { INCIDENT_MOVES, INCIDENT_ORDERS, INCIDENT_STATUSES, type Incident, type IncidentChange, type IncidentOrder, type IncidentStatus } from '../shapes.js';

export const ENGINE_ACTOR = 'redflag engine';

/** The incident a new hit raises. */
export function raiseIncident(id: string, h: RedFlagHit, at: string): Incident {
  return {
    id,
    org: h.org,
    rule: h.rule,
    key: h.key,
    subject: h.subject,
    summary: h.summary,
    status: 'open',
    evidence: { seqs: h.seqs, numbers: h.numbers, threshold: h.threshold, ruleVersion: h.ruleVersion, eventTime: h.eventTime },
    raisedAt: at,
    updatedAt: at,
    history: [{ at, by: ENGINE_ACTOR, status: 'open', note: h.summary }],
  };
}

/** A person's change to an incident: a new status and/or owner, always with a note saying why. */
export interface IncidentUpdate {
  by: string;
  status?: IncidentStatus;
  owner?: string;
  note: string;
}

/**
 * Decides a change to an incident: refuses an empty note, an unknown status, a move the status does
 * not allow, or a change that changes nothing (ORP_BAD_INPUT / ORP_STATUS_CHANGE_REFUSED).
 */
export function updateIncident(i: Incident, u: IncidentUpdate, at: string): { incident: Incident; change: IncidentChange } {
  if (u.note.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'a change to an incident needs a note saying why', { incident: i.id });
  if (u.by.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'a change to an incident needs the person who makes it', { incident: i.id });
  if (u.status !== undefined && !INCIDENT_STATUSES.includes(u.status)) {
    throw new OrpailleError('ORP_BAD_INPUT', `status must be one of ${INCIDENT_STATUSES.join(', ')}`, { status: u.status });
  }
  const status = u.status ?? i.status;
  const owner = u.owner ?? i.owner;
  if (status !== i.status && !MOVES[i.status].includes(status)) {
    throw new OrpailleError('ORP_STATUS_CHANGE_REFUSED', `an incident ${i.status.replace('_', ' ')} cannot become ${status.replace('_', ' ')}`, { incident: i.id, from: i.status, to: status });
  }
  if (status === i.status && owner === i.owner) {
    throw new OrpailleError('ORP_STATUS_CHANGE_REFUSED', `incident ${i.id} is already ${i.status.replace('_', ' ')}${owner ? ` with owner ${owner}` : ''}`, { incident: i.id });
  }
  const change: IncidentChange = { at, by: u.by, status, ...(owner ? { owner } : {}), note: u.note };
  return { incident: { ...i, status, ...(owner ? { owner } : {}), updatedAt: at, history: [...i.history, change] }, change };
}
