/**
 * One small error hierarchy with stable codes. The HTTP layer maps codes to
 * status once; the CLI prints `code: message`. Codes never change meaning.
 */
export const ERROR_STATUS = {
  ORP_BAD_INPUT: 400,
  ORP_EPCIS_INVALID: 400,
  ORP_EPCIS_QUERY_INVALID: 400,
  ORP_EPCIS_QUERY_EXISTS: 409,
  ORP_IMPORT_INVALID: 400,
  ORP_UNAUTHENTICATED: 401,
  ORP_FORBIDDEN: 403,
  ORP_NOT_FOUND: 404,
  ORP_LOT_NOT_FOUND: 404,
  ORP_NOT_ACCEPTABLE: 406,
  ORP_PAYLOAD_TOO_LARGE: 413,
  ORP_LOT_EXISTS: 409,
  ORP_LOT_INSUFFICIENT_MASS: 409,
  ORP_LOT_NOT_IN_CUSTODY: 409,
  ORP_LOT_NOT_OWNED: 409,
  ORP_LOT_CLOSED: 409,
  ORP_LOT_IN_TRANSIT: 409,
  ORP_LOT_ALREADY_PACKED: 409,
  ORP_LOT_NOT_IN_TRANSIT: 409,
  ORP_FINE_GOLD_NOT_CONSERVED: 409,
  ORP_LOSS_BEYOND_TOLERANCE: 409,
  ORP_LOSS_DEVIATION_MISMATCH: 409,
  ORP_EVENT_TIME_IMPLAUSIBLE: 409,
  ORP_EVENT_ID_MISMATCH: 409,
  ORP_SEGREGATION_BROKEN: 409,
  ORP_IDENTITY_NOT_PRESERVED: 409,
  ORP_CREDIT_NEGATIVE: 409,
  ORP_PRICE_BELOW_MINIMUM: 409,
  ORP_TRIAL_LIMIT_EXCEEDED: 409,
  ORP_FINANCING_COST_ABOVE_CAP: 409,
  ORP_PREMIUM_OVERPAID: 409,
  ORP_PREMIUM_OVER_BUDGET: 409,
  ORP_ALREADY_RECORDED: 409,
  ORP_AUTHORISATION_EXISTS: 409,
  ORP_STATUS_CHANGE_REFUSED: 409,
  ORP_INSPECTION_EXISTS: 409,
  ORP_ASSAY_EXISTS: 409,
  ORP_RECORD_EXISTS: 409,
  ORP_CREDENTIAL_REFUSED: 409,
  ORP_SUPPLIER_SUSPENDED: 409,
  ORP_SUPPLIER_DISENGAGED: 409,
  ORP_DEVICE_REVOKED: 409,
  ORP_DEVICE_SIGNATURE_INVALID: 422,
  ORP_UNKNOWN_PARTY: 422,
  ORP_RECORDER_MISMATCH: 422,
  ORP_UNKNOWN_SITE: 422,
  ORP_CERTIFICATE_INCOMPLETE: 422,
  ORP_EXPORT_NOT_ALLOWED: 422,
  ORP_CERTIFICATE_EXISTS: 409,
  ORP_NO_RULE: 422,
  ORP_RULE_UNKNOWN: 422,
  ORP_RULE_VALUE_INVALID: 422,
  ORP_RULE_BACKDATED: 409,
  ORP_NO_PRICE: 422,
  ORP_NO_FX_RATE: 422,
  ORP_PRICE_NOT_EVALUATED: 422,
  ORP_FIELD_NOT_DISCLOSABLE: 422,
  ORP_RATE_LIMITED: 429,
  ORP_SIGNATURE_INVALID: 500,
  ORP_LEDGER_CORRUPT: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A rejection the user can act on; `details` says which lot, how much was asked and how much is held. */
export class OrpailleError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'OrpailleError';
    this.code = code;
    this.details = details;
  }

  /** HTTP status for this code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Narrowing helper for catch blocks. */
export function isOrpailleError(err: unknown): err is OrpailleError {
  return err instanceof OrpailleError;
}

/** Shorthand for input that does not parse. */
export function badInput(message: string, details: Record<string, unknown> = {}): OrpailleError {
  return new OrpailleError('ORP_BAD_INPUT', message, details);
}
