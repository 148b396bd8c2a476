import { OrpailleError } from '../kernel/index.js';

/** Numbers reserved to one device: enough miners and bags for a long time offline. */
export const DEVICE_BLOCK_SIZE = 10_000;

/**
 * Serial digits an SSCC leaves after the company prefix (16 - prefix length, extension digit and check digit
 * excluded); a GSRN leaves one more, so a block that fits the SSCC fits the GSRN too.
 */
function serialDigits(companyPrefix: string): number {
  return 16 - companyPrefix.length;
}

/**
 * The block of device `number` (1, 2, ...): the top nine tenths of the serial space are for devices, so serials
 * allocated on the server (miners registered online, bags of the command line) stay below
 * `deviceSerialBase` and never meet a device's. ORP_BAD_INPUT when the prefix leaves no room for one more device.
 */
export function deviceBlock(companyPrefix: string, number: number): { from: number; size: number } {
  const base = deviceSerialBase(companyPrefix);
  const from = base + (number - 1) * DEVICE_BLOCK_SIZE;
  if (from + DEVICE_BLOCK_SIZE > 10 ** serialDigits(companyPrefix)) {
    throw new OrpailleError('ORP_BAD_INPUT', `the company prefix ${companyPrefix} leaves no block of ${DEVICE_BLOCK_SIZE} serials for device ${number}`, { number });
  }
  return { from, size: DEVICE_BLOCK_SIZE };
}

/** The first serial reserved to devices under a company prefix. */
export function deviceSerialBase(companyPrefix: string): number {
  return 10 ** (serialDigits(companyPrefix) - 1);
}

/** True when `serial` lies in the block. */
export function inBlock(block: { from: number; size: number }, serial: number): boolean {
  return Number.isInteger(serial) && serial >= block.from && serial < block.from + block.size;
}

/** The prefix of the lot and purchase numbers a device makes up offline: `F` and its number (`F001`). */
export function deviceLotPrefix(number: number): string {
  return `F${String(number).padStart(3, '0')}`;
}
