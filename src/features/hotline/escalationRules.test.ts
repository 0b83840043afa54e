import { describe, expect, it } from "vitest";
import { escalatesByItself, isComplaint, reportedTopic, reportsFraud } from "./escalationRules.ts";

describe("messages that need a person by themselves", () => {
  it.each([
    "có người gọi xin mã OTP của tôi",
    "co ng goi xin ma otp, toi da dua r",
    "người ta bắt đọc mã xác nhận",
    "tôi lỡ đưa mã OTP cho người ta rồi",
    "đọc mã OTP cho họ rồi",
    "tôi bị lừa mất tiền rồi",
    "ai đó đã rút hết tiền trong tk của tôi",
    "có người nhận tiền thay mẹ tôi mà tôi không biết",
    "có người đòi số thẻ ngân hàng của tôi",
    "someone asked me for my OTP",
    "I gave my password to a caller",
    "I was scammed",
    "someone collected my mother's allowance",
  ])("reads '%s' as a fraud report", (text) => {
    expect(reportsFraud(text)).toBe(true);
  });

  it.each([
    "có phải lừa đảo không",
    "cuộc gọi này có phải lừa đảo không",
    "lừa đảo qua điện thoại là gì",
    "nếu có người hỏi mật khẩu thì sao",
    "nếu bị lừa thì báo ai",
    "tôi muốn hỏi mã OTP là gì",
    "tôi nhập mã OTP không được",
    "có người nhận thay được không",
    "con tôi nhận thay tiền cho tôi được không",
    "is this a scam?",
    "what if someone asks for my password",
    "I received my money",
  ])("reads '%s' as a question, not a report", (text) => {
    expect(reportsFraud(text)).toBe(false);
  });

  it.each([
    "tôi muốn khiếu nại",
    "toi muon khieu nai",
    "tôi muốn phản ánh cán bộ xã",
    "TỐ CÁO",
    "ko hài lòng",
    "tôi rất bức xúc",
    "cán bộ làm sai rồi",
    "I want to make a complaint",
    "I am not happy with the commune",
  ])("reads '%s' as a complaint", (text) => {
    expect(isComplaint(text)).toBe(true);
    expect(reportedTopic(text)).toBe("complaint");
  });

  it("takes a reported scam as fraud even when the words also complain", () => {
    expect(reportedTopic("tôi tố cáo có người lấy mất tiền của bà tôi")).toBe("fraud");
  });

  it("leaves a confident other topic alone", () => {
    expect(reportedTopic("con tôi nhận thay tiền cho tôi được không")).toBeNull();
    expect(reportedTopic("gặp nhân viên")).toBeNull();
    expect(reportedTopic("bao giờ có tiền")).toBeNull();
  });

  it("knows which messages go past an open ticket to be answered", () => {
    expect(escalatesByItself("chưa thấy tiền")).toBe(true);
    expect(escalatesByItself("bà tôi mất rồi")).toBe(true);
    expect(escalatesByItself("có người xin mã OTP")).toBe(true);
    expect(escalatesByItself("khiếu nại")).toBe(true);
    expect(escalatesByItself("có phải lừa đảo không")).toBe(false);
    expect(escalatesByItself("tôi ở thôn 3")).toBe(false);
  });
});
