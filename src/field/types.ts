/** A field agent's device (docs/web.md, "Field capture"): its public key and the block of numbers reserved to it. */
export interface Device {
  id: string;
  /** Short id of the organisation the device captures for. */
  org: string;
  /** 1, 2, ... within the organisation: names the device's lot numbers (`F001-...`). */
  number: number;
  name: string;
  /** The ECDSA P-256 public key (JWK with kty, crv, x, y only) that verifies the device's signatures. */
  publicKey: DevicePublicKey;
  /** RFC 7638 JWK thumbprint (SHA-256, base64url): one device per key and organisation. */
  thumbprint: string;
  /** Miner (GSRN) and bag (SSCC) serials the device may allocate offline: from .. from + size - 1. */
  block: { from: number; size: number };
  registeredBy: string;
  registeredAt: number;
  revokedAt?: number;
}

export interface DevicePublicKey {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** One signed capture a device sends: a miner registration or an EPCIS document of events. */
export interface FieldItem {
  /** The device's own id of the capture (its queue key), echoed in the result. */
  localId: string;
  kind: FieldItemKind;
  /** The exact JSON text the device signed. */
  body: string;
  /** base64url ECDSA P-256 / SHA-256 signature over the UTF-8 bytes of `body` (IEEE P1363, r || s). */
  signature: string;
}

export const FIELD_ITEM_KINDS = ['miner', 'epcis'] as const;
export type FieldItemKind = (typeof FIELD_ITEM_KINDS)[number];

/** What became of one capture. */
export interface FieldItemResult {
  localId: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  /** The ledger ids of the capture's events (kind `epcis`), accepted or already there. */
  eventIds?: string[];
  /** The miner registered (kind `miner`). */
  miner?: { id: string; uri: string };
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

/** What a device signed to register a miner (kind `miner`): the serial comes from the device's block. */
export interface MinerCapture {
  serial: number;
  displayName: string;
  gender: string;
  birthYear: number;
  registeredOn: string;
  site?: string;
}

/** What the device store keeps of each capture: which device signed which body. */
export interface DeviceCapture {
  kind: 'miner' | 'event';
  /** Miner id or event id. */
  ref: string;
  device: string;
  bodySha256: string;
  signature: string;
  receivedAt: number;
}
