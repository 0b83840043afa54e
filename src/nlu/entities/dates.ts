// A day the way people write it when telling something that happened: "12/7/2026", "12-07",
// "ngày 12 tháng 7", "hôm nay", "hôm qua", "hôm kia", "3 ngày trước", "sáng nay", "today",
// "yesterday", "2 days ago". A day without a year is the latest such day not after today.
import { isCalendarDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { foldVietnamese } from "../../lib/text.ts";

const DAY_MS = 86_400_000;

export function pastDateFromText(text: string, today: CalendarDate): CalendarDate | null {
  const words = foldVietnamese(text)
    .replace(/[.,!?]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const back = (days: number) =>
    new Date(new Date(`${today}T00:00:00Z`).getTime() - days * DAY_MS).toISOString().slice(0, 10);
  if (
    /^(?:(?:sang|trua|chieu|toi|dem) )?(?:hom )?nay$|^today$|^this (?:morning|afternoon|evening)$|^sang nay$|^toi nay$|^dem nay$/.test(
      words,
    )
  )
    return today;
  if (/^(?:(?:sang|trua|chieu|toi|dem) )?hom qua$|^yesterday$|^dem qua$|^toi qua$/.test(words)) return back(1);
  if (/^hom kia$|^the day before yesterday$/.test(words)) return back(2);
  const ago = /^(\d{1,2}) (?:ngay|hom|days?) (?:truoc|roi|ago)$/.exec(words);
  if (ago) return back(Number(ago[1]));
  const numbers = words
    .replace(/\b(?:ngay|thang|nam|vao|luc|hom|mat|ba|ong|me|bo|da|roi)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const full = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/.exec(numbers);
  if (full) return past(`${full[3]}-${pad(full[2])}-${pad(full[1])}`, today);
  const short = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})$/.exec(numbers);
  if (short) {
    const year = Number(today.slice(0, 4));
    const thisYear = `${year}-${pad(short[2])}-${pad(short[1])}`;
    if (!isCalendarDate(thisYear)) return null;
    return thisYear <= today ? thisYear : past(`${year - 1}-${pad(short[2])}-${pad(short[1])}`, today);
  }
  return null;
}

function pad(n: string | undefined): string {
  return (n ?? "").padStart(2, "0");
}

function past(iso: string, today: CalendarDate): CalendarDate | null {
  return isCalendarDate(iso) && iso <= today && iso >= "1900-01-01" ? iso : null;
}
