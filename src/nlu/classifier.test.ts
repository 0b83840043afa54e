import { describe, expect, it } from "vitest";
import { foldVietnamese } from "../lib/text.ts";
import { CONFIDENT, classifyIntent } from "./classifier.ts";
import { INTENT_IDS, type IntentId } from "./intents.ts";

// Typical messages, as a beneficiary or a relative would type them.
const typical: Record<IntentId, string[]> = {
  payout_schedule: ["Khi nào phát tiền tháng này?", "chừng nào lãnh tiền vậy con", "nhận tiền ở đâu"],
  payout_amount: ["Tháng này mẹ tôi được bao nhiêu tiền?", "mỗi tháng được mấy trăm", "dc bn tiền"],
  payout_explain: ["Sao tháng này tiền tăng?", "tiền tính như thế nào", "tại sao bị trừ tiền"],
  payout_missing: ["Sao tháng này chưa có tiền?", "tiền bị cắt rồi à", "chưa nhận đc tiền"],
  entitlement_info: [
    "Người già 80 tuổi được hưởng gì?",
    "có được cấp thẻ bảo hiểm y tế không",
    "mẹ tôi có đủ điều kiện hưởng trợ cấp không",
  ],
  authorise_relative: ["Nhờ con gái nhận hộ được không?", "làm giấy ủy quyền ở đâu", "tui lãnh dùm má được không"],
  open_account: ["Tôi muốn mở tài khoản ngân hàng", "mở ví điện tử thế nào", "làm thẻ atm ở đâu"],
  change_payout_method: ["Đổi sang nhận tiền mặt", "muốn chuyển sang nhận qua tài khoản", "đổi stk nhận tiền"],
  update_info: ["Tôi đổi số điện thoại rồi", "ngày sinh của mẹ bị ghi sai", "đổi địa chỉ"],
  report_death: ["Mẹ tôi mất rồi", "tiền mai táng nhận ở đâu", "ông nhà tôi qua đời tuần trước"],
  talk_to_human: ["Cho tôi gặp cán bộ xã", "tôi muốn khiếu nại", "số tổng đài là bao nhiêu"],
  request_status: ["giấy ủy quyền của tôi xã duyệt chưa", "đổi tài khoản xong chưa", "yêu cầu tôi gửi tới đâu rồi"],
  scam_check: ["Có người gọi xin mã OTP", "tin nhắn này có phải lừa đảo không", "lỡ bấm vào link lạ rồi"],
  link_identity: ["Tôi muốn nhập mã liên kết", "đăng ký nhận tin", "liên kết hồ sơ của mẹ tôi"],
  documents_needed: ["Đi nhận tiền cần mang giấy gì?", "mất căn cước thì sao", "quên mang cccd có lĩnh được không"],
  greeting: ["Xin chào", "alo", "chào cháu"],
  thanks: ["Cảm ơn cháu nhiều", "ok cảm ơn", "được rồi cảm ơn"],
  unknown: ["Giá xăng hôm nay bao nhiêu?", "dự báo thời tiết ngày mai", "kết quả bóng đá tối qua"],
};

describe("intent classifier", () => {
  for (const intent of INTENT_IDS) {
    it(`recognises ${intent}, with and without diacritics`, () => {
      for (const text of typical[intent]) {
        expect(classifyIntent(text).intent, text).toBe(intent);
        expect(classifyIntent(foldVietnamese(text)).intent, foldVietnamese(text)).toBe(intent);
      }
    });
  }

  it("is confident about a clear question", () => {
    const r = classifyIntent("Tháng này mẹ tôi được bao nhiêu tiền?");
    expect(r.confidence).toBeGreaterThanOrEqual(CONFIDENT);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it("puts off-topic questions in unknown: weather, fuel, football, lottery, jokes", () => {
    for (const text of [
      "trời hôm nay có mưa không",
      "giá xăng tăng chưa",
      "tối nay đội tuyển đá mấy giờ",
      "kết quả xổ số miền bắc",
      "kể chuyện cười đi",
      "asdfgh",
      "hello how are you",
    ]) {
      expect(classifyIntent(text).intent, text).toBe("unknown");
    }
  });

  it("treats greetings and thanks as conversation, not as off topic", () => {
    expect(classifyIntent("chào bạn").intent).toBe("greeting");
    expect(classifyIntent("thanks").intent).toBe("thanks");
    expect(classifyIntent("👍").intent).toBe("thanks");
  });

  it("answers unknown with full confidence for an empty message or one made of symbols", () => {
    expect(classifyIntent("")).toEqual({ intent: "unknown", confidence: 1, alternatives: [] });
    expect(classifyIntent("?!...").intent).toBe("unknown");
  });

  it("offers the next likely intents, most likely first, so the bot can ask with buttons", () => {
    const r = classifyIntent("tiền");
    expect(r.alternatives.length).toBeGreaterThan(0);
    expect(r.alternatives.map((a) => a.intent)).not.toContain(r.intent);
    const confidences = [r.confidence, ...r.alternatives.map((a) => a.confidence)];
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });

  it("copes with chat spelling and Telex leftovers", () => {
    expect(classifyIntent("tieenf thangs nay bao nhieeu").intent).toBe("payout_amount");
    expect(classifyIntent("sao k thay tien dau het zay").intent).toBe("payout_missing");
  });

  // Its speed (well under a millisecond a message) is measured by `npm run bench -- classifier`.
  it("answers the same message the same way every time", () => {
    const first = classifyIntent("má tui tháng này được lãnh nhiêu tiền vậy con");
    expect(first.intent).toBe("payout_amount");
    for (let i = 0; i < 50; i++) expect(classifyIntent("má tui tháng này được lãnh nhiêu tiền vậy con")).toEqual(first);
  });
});
