import { describe, expect, it } from "vitest";
import { normaliseVietnamese } from "./normalise.ts";

const folded = (text: string) => normaliseVietnamese(text).folded;

describe("Vietnamese normalisation", () => {
  it.each([
    // case, NFC and punctuation
    ["Tiền THÁNG NÀY bao nhiêu???", "tien thang nay bao nhieu"],
    ["Tie\u0302\u0300n đâu rồi!!! 😡😡", "tien dau roi"],
    // stretched letters
    ["tiền đâuuuu", "tien dau"],
    ["chàoooo", "chao"],
    // không
    ["k có tiền", "khong co tien"],
    ["ko nhận dc", "khong nhan duoc"],
    ["hok biết", "khong biet"],
    ["có tiền hông", "co tien khong"],
    ["có tiền hem", "co tien khong"],
    ["có tiền khg", "co tien khong"],
    ["có tiền chưa hỏng", "co tien chua khong"],
    // được, bao nhiêu, mấy, giờ, gì, như thế nào
    ["đc bn tiền", "duoc bao nhieu tien"],
    ["được bnh", "duoc bao nhieu"],
    ["bao nhiu tiền", "bao nhieu tien"],
    ["được nhiêu tiền", "duoc bao nhieu tien"],
    ["mí giờ phát", "may gio phat"],
    ["mấy h phát tiền", "may gio phat tien"],
    ["9h sáng", "# gio sang"],
    ["cần mang j", "can mang gi"],
    ["tính ntn", "tinh nhu the nao"],
    // people
    ["tui hỏi", "toi hoi"],
    ["mình muốn hỏi", "toi muon hoi"],
    ["má tui già rồi", "me toi gia roi"],
    ["bầm tôi", "me toi"],
    ["tía tui", "bo toi"],
    ["ng nhà", "nguoi nha"],
    // papers and money words
    ["đổi sdt", "doi so dien thoai"],
    ["đổi sđt", "doi so dien thoai"],
    ["mất cccd", "mat can cuoc"],
    ["cmnd cũ", "can cuoc cu"],
    ["nhận qua ck", "nhan qua chuyen khoan"],
    ["đổi stk", "doi so tai khoan"],
    ["mở tk", "mo tai khoan"],
    ["500k", "# nghin"],
    ["1tr2", "# trieu #"],
    // Southern words
    ["lãnh tiền", "nhan tien"],
    ["zậy hả", "vay a"],
  ])("%s → %s", (input, expected) => {
    expect(folded(input)).toBe(expected);
  });

  it("repairs Telex and VNI leftovers from a keyboard that did not convert", () => {
    expect(folded("tieenf thangs nay")).toBe("tien thang nay");
    expect(folded("ddaau roi")).toBe("dau roi");
    expect(folded("dduowcj khong")).toBe("duoc khong");
    expect(folded("tie6n2 da6u")).toBe("tien dau");
  });

  it("splits two words typed without a space", () => {
    expect(folded("tienthang nay")).toBe("tien thang nay");
  });

  it("keeps diacritics in the cleaned text and says whether there were any", () => {
    const n = normaliseVietnamese("Mẹ tui chưa nhận được tiền!");
    expect(n.text).toBe("mẹ tôi chưa nhận được tiền");
    expect(n.hasDiacritics).toBe(true);
    expect(n.tokens).toEqual(["me", "toi", "chua", "nhan", "duoc", "tien"]);
    expect(normaliseVietnamese("me tui chua nhan duoc tien").hasDiacritics).toBe(false);
    expect(normaliseVietnamese("Đi").hasDiacritics).toBe(true);
  });

  it("reads a word with its accents where the bare spelling is ambiguous", () => {
    // "má" is a mother; a bare "ma" could be a ghost, "mà" or "mã", so it is left alone.
    expect(folded("má")).toBe("me");
    expect(folded("ma")).toBe("ma");
    // "hỏng" is "không" only as a final question particle; "bị hỏng" is broken.
    expect(folded("thẻ bị hỏng rồi")).toBe("the bi hong roi");
    // Southern "hẻm" is an alley, not "không".
    expect(folded("hẻm 12")).toBe("hem #");
    // "k" after a number is thousands, not "không".
    expect(folded("300k k đủ")).toBe("# nghin khong du");
  });

  it("reads a thumbs-up as ok and drops other emoji", () => {
    expect(folded("👍")).toBe("ok");
    expect(folded("🙏")).toBe("cam on");
    expect(folded("😀😀")).toBe("");
  });
});
