// Where a printed QR code leads: the Telegram bot with the link code as its start parameter when
// there is one, otherwise the web chat with the code filled in. Link-code sheets and payout slips
// print the same address, so scanning either links the chat the same way.
import QRCode from "qrcode";

export interface LinkTarget {
  /** Whether the QR code opens Telegram (otherwise the web chat). */
  viaTelegram: boolean;
  url(code: string): string;
}

export function linkTarget(options: { telegramBot?: string | null; origin: string }): LinkTarget {
  const bot = options.telegramBot;
  if (bot) return { viaTelegram: true, url: (code) => `https://t.me/${bot}?start=${code}` };
  const origin = options.origin.replace(/\/+$/, "");
  return { viaTelegram: false, url: (code) => `${origin}/chat?code=${code}` };
}

/** The QR code of a link as SVG markup (made by the QR library from our own URL, never user input). */
export function linkQrSvg(text: string): Promise<string> {
  // Medium error correction survives a crease or a smudge on paper; the quiet zone is part of the
  // code and must stay white around it.
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
