// How people actually type to the bot: chat abbreviations, Southern and Northern wording, teen
// spellings. Each rule rewrites one token into its standard form. A `from` written with diacritics
// only matches that exact spelling, and one written without diacritics only matches a token typed
// without them: "má" is a mother, while a bare "ma" could be several words and is left alone.
// Neighbour conditions compare against the folded neighbouring token; "#" stands for a number.

export interface Rewrite {
  from: readonly string[];
  to: string;
  /** Only right after one of these tokens. */
  after?: readonly string[];
  /** Not right after one of these tokens. */
  notAfter?: readonly string[];
  /** Not right before one of these tokens. */
  notBefore?: readonly string[];
  /** Only as the last word (sentence-final question particles such as Southern "hông", "hỏng"). */
  last?: boolean;
}

/** Emoji that carry the whole message ("👍" is a thank-you); every other symbol is dropped. */
export const EMOJI_WORDS: readonly [string, string][] = [
  ["👍", "ok"],
  ["👌", "ok"],
  ["🙏", "cảm ơn"],
  ["❤", "cảm ơn"],
  ["🥰", "cảm ơn"],
  ["👋", "chào"],
];

/** Applied in order: spellings first, then expansions of the standard words. */
export const REWRITE_PASSES: readonly (readonly Rewrite[])[] = [
  [
    // "500k" is money, "k" alone is "không".
    { from: ["k"], to: "nghìn", after: ["#"] },
    { from: ["tr", "trđ", "trd"], to: "triệu", after: ["#"] },
    { from: ["đ", "d", "vnd", "vnđ", "dong"], to: "đồng", after: ["#"] },
    { from: ["k", "ko", "kg", "kh", "khg", "khog", "hok", "hk", "hông", "khum", "khôm", "hổng", "hôk"], to: "không" },
    // Bare "hong" is also "hỏng" (broken) or "hồng" (pink, as in "sổ hồng"); bare "hem" also "hẻm" (alley, before its number).
    { from: ["hong"], to: "không", notAfter: ["bi", "hu", "da", "so", "mau", "bong", "hoa", "ca"] },
    { from: ["hem", "hêm"], to: "không", notBefore: ["#"] },
    { from: ["hỏng"], to: "không", last: true },
    {
      from: ["dc", "đc", "dcc", "đx", "dx", "đuợc", "đươc", "dk", "đk"],
      to: "được",
      notBefore: ["nhan", "tin", "lai", "ky", "ki", "so", "ma", "tai"],
    },
    { from: ["dk", "đk", "dky", "đky", "đkí", "dki", "đki"], to: "đăng ký" },
    { from: ["bn", "bnh", "bnhiu", "bnhieu", "bnhiêu", "bni"], to: "bao nhiêu" },
    { from: ["nhiu", "nhiuu", "nhieuu"], to: "nhiêu" },
    { from: ["nhìu", "nhìuu"], to: "nhiều" },
    { from: ["mí", "mứy", "mâý"], to: "mấy" },
    { from: ["h"], to: "giờ" },
    { from: ["j", "ji", "gỉ", "jì"], to: "gì" },
    { from: ["ntn", "ntnao", "ntnào"], to: "như thế nào" },
    { from: ["sdt", "sđt", "sdth", "sđth", "sdthoai"], to: "số điện thoại" },
    { from: ["dt", "đt", "dthoai", "đthoai", "đthoại", "dtdd", "đtdđ"], to: "điện thoại" },
    { from: ["cccd", "cmnd", "cmt", "cc", "ccd", "cmtnd", "cancuoc"], to: "căn cước" },
    { from: ["ck"], to: "chuyển khoản" },
    { from: ["stk"], to: "số tài khoản" },
    { from: ["tk", "tkhoan", "tkhoản"], to: "tài khoản" },
    { from: ["ng", "ngừoi", "ngươì"], to: "người" },
    { from: ["ngta", "ngt"], to: "người ta" },
    { from: ["tui", "t", "tao", "mình", "tôy"], to: "tôi" },
    { from: ["mk", "mkhau", "mkhẩu", "pass", "password"], to: "mật khẩu" },
    { from: ["e"], to: "em" },
    { from: ["v", "vậyy", "zậy", "dzậy", "zị", "dzị", "z", "vại"], to: "vậy" },
    { from: ["vs", "vớii"], to: "với" },
    { from: ["r", "rùi", "rui", "ròi", "rầu"], to: "rồi" },
    { from: ["bít", "bik", "bit", "bjk"], to: "biết" },
    { from: ["ak", "ah", "hả", "hở"], to: "à" },
    { from: ["ạk", "ợ"], to: "ạ" },
    {
      from: ["tks", "thks", "thanks", "thank", "thx", "camon", "cmon", "cmơn", "camơn", "cảmơn", "cámơn", "thankyou"],
      to: "cảm ơn",
    },
    {
      from: [
        "oke",
        "okie",
        "oki",
        "okay",
        "okê",
        "okela",
        "oce",
        "okk",
        "okey",
        "uk",
        "ukm",
        "um",
        "ừm",
        "ừ",
        "uh",
        "ừa",
      ],
      to: "ok",
    },
    { from: ["nh", "ngânhàng", "nganhang", "nhàng"], to: "ngân hàng" },
    { from: ["ub", "ubnd", "uỷban"], to: "ủy ban" },
    { from: ["má", "bầm", "u", "mạ", "mế", "mẹc"], to: "mẹ" },
    { from: ["tía", "tiá", "cha"], to: "bố" },
    { from: ["ổng"], to: "ông ấy" },
    { from: ["bả"], to: "bà ấy" },
    { from: ["lãnh", "lảnh"], to: "nhận" },
    { from: ["xài"], to: "dùng" },
    { from: ["zô", "dzô"], to: "vô" },
    { from: ["zìa", "dzìa", "zề"], to: "về" },
    { from: ["wa", "qa"], to: "qua" },
    { from: ["wá", "qá"], to: "quá" },
    { from: ["wen", "wên", "qên"], to: "quên" },
    { from: ["mún", "mun", "mốn"], to: "muốn" },
    { from: ["thui", "thoai"], to: "thôi" },
    { from: ["lun"], to: "luôn" },
    { from: ["xiền", "xèn", "tìn", "tièn"], to: "tiền" },
    { from: ["uq", "uyq"], to: "ủy quyền" },
    { from: ["tg", "tgian"], to: "thời gian" },
    { from: ["nv", "nviên"], to: "nhân viên" },
    { from: ["cb", "cbo"], to: "cán bộ" },
    { from: ["tđv", "tdv"], to: "tổng đài viên" },
    { from: ["ib", "inbox", "nt", "nhắntin"], to: "nhắn tin" },
    { from: ["ns"], to: "nói" },
    { from: ["sn", "nsinh"], to: "ngày sinh" },
    { from: ["dchi", "đchỉ", "đchi"], to: "địa chỉ" },
    { from: ["hnay", "hnai"], to: "hôm nay" },
    { from: ["hum"], to: "hôm", notBefore: ["#"] },
    { from: ["hổm"], to: "hôm" },
    { from: ["ngừng", "dừg"], to: "dừng" },
    { from: ["bjo", "bgio", "bâyh"], to: "bây giờ" },
    { from: ["ktra", "kt"], to: "kiểm tra" },
    { from: ["pải", "fải", "phãi"], to: "phải" },
  ],
  [
    // Southern "nhiêu" on its own asks "how much".
    { from: ["nhiêu"], to: "bao nhiêu", notAfter: ["bao"] },
    // Without diacritics "nhieu" may also be "nhiều" (many); only the question at the end is safe.
    { from: ["nhieu"], to: "bao nhiêu", notAfter: ["bao"], last: true },
  ],
];
