import { describe, expect, it } from "vitest";
import { legacyCodedBytes, textReader, unicodeText } from "./legacyText.ts";

describe("reading lists typed in the TCVN3 code of the .VnTime fonts", () => {
  it("reads names, headers, titles and capitals typed with the .VnTimeH font as the Vietnamese the font shows", () => {
    const typed: [string, string][] = [
      ["NguyÔn V¨n An", "Nguyễn Văn An"],
      ["Hä vµ tªn", "Họ và tên"],
      ["DiÖn h\u00adëng", "Diện hưởng"],
      ["Tr\u00ad¬ng ThÞ Lý", "Trương Thị Lý"],
      ["750.000 ®", "750.000 đ"],
      ["DANH S¸CH §èI T¦îNG H¦ëNG TRî CÊP X· HéI", "DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI"],
      ["NGUYÔN V¡N AN", "NGUYỄN VĂN AN"],
    ];
    expect(typed.map(([text]) => unicodeText(text))).toEqual(typed.map(([, shown]) => shown));
  });
  it("leaves Unicode Vietnamese alone, even when all its letters are also Latin-1 ones", () => {
    for (const text of ["Nguyễn Văn An", "Lê Tú", "Hà Nội", "Số CCCD", "1.250.000"])
      expect(unicodeText(text)).toBe(text);
  });
  it("reads a short text with no telltale letter as TCVN3 when the rest of the file is", () => {
    const read = textReader(["Hä vµ tªn", "Ngµy sinh", "§Þa chØ", "Sè CCCD", "NguyÔn V¨n An"]);
    expect(read("Sè CCCD")).toBe("Số CCCD");
    // A Unicode text in the same file is still Unicode.
    expect(read("Nguyễn Thị Bình")).toBe("Nguyễn Thị Bình");
    expect(textReader(["Họ và tên", "Số CCCD", "Ngày sinh"])("Sè CCCD")).toBe("Sè CCCD");
  });
  it("reads a file typed in the VNI code of the VNI-Times fonts, where a toned letter is two characters", () => {
    const typed: [string, string][] = [
      ["Hoï vaø teân", "Họ và tên"],
      ["Soá CCCD", "Số CCCD"],
      ["Nguyeãn Vaên An", "Nguyễn Văn An"],
      ["Tröông Thò Lyù", "Trương Thị Lý"],
      ["NGUYEÃN THÒ HÖÔØNG", "NGUYỄN THỊ HƯỜNG"],
      ["UÛY BAN NHAÂN DAÂN XAÕ AN PHUÙ", "ỦY BAN NHÂN DÂN XÃ AN PHÚ"],
      ["Ñòa chæ", "Địa chỉ"],
    ];
    const read = textReader(typed.map(([text]) => text));
    expect(typed.map(([text]) => read(text))).toEqual(typed.map(([, shown]) => shown));
  });
  it("tells TCVN3 and VNI bytes from Windows-1258 ones in a CSV file", () => {
    expect(legacyCodedBytes(Buffer.from("Hoï vaø teân;Ngaøy sinh\nNguyeãn Vaên An;1945", "latin1"))).toBe(true);
    const latin = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
    expect(legacyCodedBytes(latin("Hä vµ tªn;Ngµy sinh;DiÖn h\u00adëng\nNguyÔn V¨n An;1945;NCT"))).toBe(true);
    // "Đỗ Thị Ngã" in Windows-1258: Đ 0xD0, ô + tilde 0xDE, ị as i + dot 0xF2, ã 0xE3.
    expect(
      legacyCodedBytes(Uint8Array.from([0xd0, 0xf4, 0xde, 0x20, 0x54, 0x68, 0x69, 0xf2, 0x20, 0x4e, 0x67, 0xe3])),
    ).toBe(false);
  });
});
