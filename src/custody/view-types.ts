/*
 * The JSON shapes of custody that the CLI and the HTTP API answer. This module imports nothing, so the web app
 * (web/src/trace/model.ts) imports its types with `import type` and the two can never drift.
 */

/** The JSON shape of a lot for the CLI and the HTTP API: decimal strings for masses, ISO times. */
export interface LotView {
  id: string;
  lotNumber: string;
  form: string;
  grossGrams: string;
  heldGrams: string;
  fineness: string;
  fineGoldGrams: string;
  custodian: string;
  owner: string;
  status: string;
  inTransitTo?: string;
  bag?: string;
  site?: string;
  tag?: string;
  seal?: string;
  cocModel: string;
  scheme?: string;
  assay?: { method: string; lab?: string; date: string; sampleId?: string };
  createdAt: string;
  lastEventAt: string;
}
