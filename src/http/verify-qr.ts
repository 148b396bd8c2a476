/** The QR code of `url` as an inline `<svg>` element (none until the qrcode package is available). */
export async function qrSvg(_url: string): Promise<string> {
  return '';
}
