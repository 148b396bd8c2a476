import QRCode from 'qrcode';

/**
 * The QR code of `url` as an inline `<svg>` element: vector, a kilobyte or two, no image request. Medium error
 * correction survives a scratched print; a quiet zone of two modules is enough on a white page.
 */
export async function qrSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  // An image with a name for screen readers (the URL itself); attributes only, no inline style.
  return svg.trim().replace('<svg ', `<svg role="img" aria-label="${label}" `);
}
