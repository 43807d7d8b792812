/**
 * A ticket code as a QR image, for the booking's e-mail and the fan's ticket
 * page. Error correction M (15% of the symbol may be lost to a crease or a
 * cracked screen) and the standard four-module quiet zone; 300 pixels wide,
 * so a phone scanner reads it from a screen or a print-out. The library picks
 * the alphanumeric mode for a ticket code (upper-case base32 and `.`), which
 * keeps the symbol small (src/checkin/ticket-code.ts).
 */
import QRCode, { type QRCodeRenderersOptions } from 'qrcode';

const OPTIONS: QRCodeRenderersOptions = { errorCorrectionLevel: 'M', margin: 4, width: 300 };

/** The code's QR symbol as a PNG image. */
export function ticketQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { ...OPTIONS, type: 'png' });
}

/** The code's QR symbol as a `data:image/png;base64,...` URL. */
export function ticketQrDataUrl(code: string): Promise<string> {
  return QRCode.toDataURL(code, { ...OPTIONS, type: 'image/png' });
}
