// Vietnamese mobile numbers: 10 digits starting 03, 05, 07, 08 or 09; +84 replaces the leading 0.

const MOBILE = /^0[35789]\d{8}$/;

/** Returns the number as 0xxxxxxxxx, or null when it is not a Vietnamese mobile number. */
export function normalisePhone(raw: string | number): string | null {
  let s = String(raw).replace(/[\s.()-]/g, "");
  if (s.startsWith("+84")) s = "0" + s.slice(3);
  else if (/^84\d{9}$/.test(s)) s = "0" + s.slice(2);
  // A spreadsheet cell formatted as a number loses the leading 0.
  else if (/^[35789]\d{8}$/.test(s)) s = "0" + s;
  return MOBILE.test(s) ? s : null;
}
