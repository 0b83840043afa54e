// The columns each kind of list can have and the many ways officers title them, compared folded
// (no diacritics, case or punctuation): "Họ và tên", "HỌ VÀ TÊN" and "Ho va ten" are one column.
// `weak` titles are used only when no column has a better title for the field ("Số CMND" when
// there is no "Số CCCD"); `prefixes` also match longer titles ("Họ và tên người hưởng").
import type { ImportKind } from "./types.ts";

export interface FieldSpec {
  field: string;
  aliases: string[];
  prefixes?: string[];
  weak?: string[];
}

const SERIAL: FieldSpec = { field: "serial", aliases: ["stt", "tt", "so tt", "so thu tu", "no", "#"] };

const PERSONAL_ID: FieldSpec = {
  field: "personalId",
  aliases: [
    "so dinh danh",
    "so dinh danh ca nhan",
    "ma dinh danh",
    "ma so dinh danh",
    "so cccd",
    "cccd",
    "so can cuoc",
    "can cuoc",
    "can cuoc cong dan",
    "so can cuoc cong dan",
    "so the can cuoc",
    "so cccd cmnd",
    "cccd cmnd",
    "so cmnd cccd",
    "cmnd cccd",
    "so dinh danh cccd",
    "so dinh danh ca nhan cccd",
    // "Số ĐDCN": số định danh cá nhân, shortened.
    "so ddcn",
    "ddcn",
    "ma so dinh danh ca nhan",
    "personal id",
    "id number",
    "national id",
  ],
  prefixes: ["so dinh danh", "so cccd", "so can cuoc", "ma dinh danh", "ma so dinh danh"],
  weak: ["so cmnd", "cmnd", "so chung minh nhan dan", "so cmt"],
};
const FULL_NAME: FieldSpec = {
  field: "fullName",
  aliases: [
    "ho va ten",
    "ho ten",
    "ten",
    "ho va ten doi tuong",
    "ho ten doi tuong",
    "ho va ten nguoi huong",
    "ho ten nguoi huong",
    "ten doi tuong",
    "ten nguoi huong",
    "ten nguoi duoc huong",
    "full name",
    "name",
  ],
  prefixes: ["ho va ten", "ho ten"],
};
const COMMUNE: FieldSpec = {
  field: "commune",
  aliases: [
    "ma xa",
    "xa",
    "xa phuong",
    "ma xa phuong",
    "ten xa",
    "ten xa phuong",
    "xa phuong dac khu",
    "commune",
    "commune code",
  ],
};

const BENEFICIARY: FieldSpec[] = [
  SERIAL,
  PERSONAL_ID,
  FULL_NAME,
  {
    field: "dateOfBirth",
    aliases: [
      "ngay sinh",
      "ngay thang nam sinh",
      "nam sinh",
      "ngay thang nam",
      "sinh ngay",
      "sinh nam",
      "date of birth",
      "dob",
      "birth date",
      "year of birth",
    ],
    prefixes: ["ngay sinh", "ngay thang nam sinh", "nam sinh"],
  },
  { field: "sex", aliases: ["gioi tinh", "gt", "sex", "gender", "nam nu"] },
  {
    field: "phone",
    aliases: [
      "so dien thoai",
      "sdt",
      "dien thoai",
      "dt",
      "so dt",
      "dien thoai lien he",
      "so dien thoai lien he",
      "phone",
      "phone number",
    ],
    // "SĐT liên hệ", "Số ĐT gia đình": a phone of the person's own household (another person's phone,
    // "SĐT người nhận thay", is kept out by OTHER_PERSON).
    prefixes: ["so dien thoai", "dien thoai", "sdt", "so dt"],
  },
  {
    field: "address",
    aliases: [
      "dia chi",
      "noi o",
      "noi cu tru",
      "dia chi thuong tru",
      "noi thuong tru",
      "noi o hien nay",
      "cho o hien nay",
      "dia chi cu tru",
      "thuong tru",
      "ho khau thuong tru",
      "ho khau",
      "hktt",
      "noi dang ky thuong tru",
      "address",
    ],
    prefixes: ["dia chi", "noi o", "noi cu tru", "cho o", "ho khau", "thuong tru"],
    // The hamlet alone is the address within the commune when the list has no fuller one.
    weak: [
      "thon",
      "thon xom",
      "thon to",
      "to dan pho",
      "ap",
      "ban",
      "xom",
      "khu pho",
      "thon ap",
      "thon ban",
      "thon to dan pho",
      "thon khu pho",
      "ap khu pho",
      "thon ban to dan pho",
      "thon xom to dan pho",
      "thon ap to dan pho",
      // What hamlets are called across the country: tổ, khóm, buôn, bon, làng, khu (dân cư).
      "to",
      "khom",
      "ap khom",
      "buon",
      "thon buon",
      "bon",
      "thon bon",
      "lang",
      "thon lang",
      "khu",
      "khu dan cu",
      "to khu pho",
      "to dan pho khu pho",
    ],
  },
  COMMUNE,
  { field: "programme", aliases: ["chuong trinh", "che do", "programme", "program"] },
  {
    field: "categories",
    aliases: [
      "ma doi tuong",
      "dien huong",
      "doi tuong",
      "ma dien huong",
      "dien doi tuong",
      "doi tuong huong",
      "loai doi tuong",
      "phan loai doi tuong",
      "nhom doi tuong",
      "dien tro cap",
      "dien huong tro cap",
      "doi tuong tro cap",
      "dien chinh sach",
      "thuoc dien",
      "dien",
      "doi tuong btxh",
      "doi tuong bao tro xa hoi",
      "categories",
      "category",
      "category codes",
    ],
    prefixes: ["dien huong", "doi tuong huong", "ma doi tuong"],
  },
  // The percentage of a rated category written in a column of its own ("Thương binh" | "61%").
  {
    field: "rate",
    aliases: [
      "ty le",
      "ty le ttct",
      "ty le tt",
      "ty le ton thuong",
      "ty le ton thuong co the",
      "ty le thuong tat",
      "ty le suy giam kha nang lao dong",
      "ty le suy giam klđ",
      "ty le mat suc lao dong",
      "injury rate",
      "rate",
    ],
    prefixes: ["ty le", "ti le"],
  },
  // The number of children of a single parent's allowance ("Đơn thân nuôi con" | "2").
  {
    field: "children",
    aliases: ["so con", "so con dang nuoi", "so con nuoi", "so con duoi 16 tuoi", "number of children", "children"],
    prefixes: ["so con"],
  },
  // The number of martyrs of a relative's list ("Thân nhân liệt sĩ" | "2"), which decides the category.
  {
    field: "martyrs",
    aliases: ["so liet si", "so ls", "so luong liet si", "number of martyrs", "martyrs"],
    prefixes: ["so liet si"],
  },
  // The disability level of a list of people with disabilities ("NKT" | "Đặc biệt nặng"), which decides the category.
  {
    field: "disabilityLevel",
    aliases: ["muc do khuyet tat", "muc do kt", "muc do", "dang tat muc do", "disability level", "level"],
    prefixes: ["muc do khuyet tat"],
  },
  { field: "status", aliases: ["trang thai", "tinh trang", "tinh trang huong", "status"] },
  {
    field: "decisionNo",
    aliases: [
      "so quyet dinh",
      "so qd",
      "quyet dinh",
      "quyet dinh so",
      "qd so",
      // "Quyết định số / ngày": "125/QĐ-UBND ngày 15/01/2025" gives the date too.
      "quyet dinh so ngay",
      "so ngay quyet dinh",
      "so va ngay quyet dinh",
      "qd so ngay",
      "so qd huong",
      "so quyet dinh huong",
      "quyet dinh huong",
      "decision no",
      "decision number",
    ],
  },
  // The house number in a column of its own, before the hamlet: "12" | "Thôn Đông" → "12, Thôn Đông".
  { field: "houseNumber", aliases: ["so nha", "so nha duong", "so nha duong pho", "so nha ngo", "house number"] },
  { field: "decidedOn", aliases: ["ngay quyet dinh", "ngay qd", "ngay ky quyet dinh", "decision date"] },
  { field: "note", aliases: ["ghi chu", "note", "notes"] },
];

const PAYOUT: FieldSpec[] = [
  SERIAL,
  PERSONAL_ID,
  FULL_NAME,
  { field: "commune", aliases: COMMUNE.aliases },
  {
    field: "month",
    aliases: [
      "ky",
      "thang",
      "ky chi tra",
      "thang chi tra",
      "ky chi",
      "thang chi",
      "ky thang",
      "thang huong",
      "month",
      "period",
    ],
  },
  {
    field: "amount",
    aliases: [
      "so tien",
      "so tien chi tra",
      "thanh tien",
      "tong so tien",
      "so tien duoc nhan",
      "so tien duoc huong",
      "so tien nhan",
      "tong tien",
      "tong so tien duoc nhan",
      "so tien thuc nhan",
      "thuc nhan",
      "thuc linh",
      "amount",
      "amount vnd",
    ],
    prefixes: ["so tien", "tong so tien", "thanh tien"],
    weak: ["muc tien", "tong cong", "tong so", "tong", "cong", "total"],
  },
  // The parts of the amount when a list splits it ("Số tiền" over "Trợ cấp tháng | Truy lĩnh |
  // Tổng cộng"): each becomes a line that explains the amount to the person.
  {
    field: "partMonthly",
    aliases: [
      "tro cap",
      "tro cap thang",
      "tro cap thang nay",
      "tro cap hang thang",
      "muc tro cap",
      "muc tro cap hang thang",
      "muc huong",
      "so tien tro cap",
      "tien tro cap",
      "monthly allowance",
    ],
    // "Trợ cấp tháng 12", "Truy lĩnh từ 01/2026 đến 06/2026": the title goes on with the months.
    prefixes: ["tro cap thang", "tro cap hang thang"],
  },
  {
    field: "partBackPay",
    aliases: ["truy linh", "tien truy linh", "so tien truy linh", "truy lanh", "back pay"],
    prefixes: ["truy linh"],
  },
  {
    field: "partCarriedOver",
    aliases: [
      "ky truoc chua nhan",
      "thang truoc chua nhan",
      "ky truoc chuyen sang",
      "chuyen tu ky truoc",
      "carried over",
    ],
  },
  { field: "partSupplement", aliases: ["phu cap", "phu cap hang thang", "tro cap nguoi phuc vu", "supplement"] },
  { field: "partGift", aliases: ["qua", "qua tet", "tien qua", "gift"] },
  { field: "partDeduction", aliases: ["truy thu", "khau tru", "deduction"] },
  {
    field: "method",
    aliases: [
      "hinh thuc",
      "hinh thuc chi tra",
      "hinh thuc nhan",
      "hinh thuc chi",
      "phuong thuc chi tra",
      "phuong thuc nhan",
      "cach nhan",
      "cach nhan tien",
      "method",
      "payout method",
    ],
  },
  { field: "payoutDate", aliases: ["ngay chi tra", "ngay nhan", "ngay chi", "payout date", "date"] },
  { field: "timeWindow", aliases: ["gio", "thoi gian", "khung gio", "gio chi tra", "time", "time window"] },
  { field: "point", aliases: ["diem chi tra", "dia diem", "noi chi tra", "dia diem chi tra", "payout point", "place"] },
  { field: "pointAddress", aliases: ["dia chi diem chi tra", "payout point address"] },
  {
    field: "provider",
    aliases: [
      "ngan hang",
      "ten ngan hang",
      "nha cung cap",
      "ngan hang vi",
      "ngan hang vi dien tu",
      "to chuc",
      "provider",
      "bank",
    ],
    prefixes: ["ngan hang", "ten ngan hang"],
  },
  {
    field: "accountNumber",
    aliases: ["so tai khoan", "stk", "so tk", "tk", "tai khoan", "so tai khoan vi", "account number", "account"],
    prefixes: ["so tai khoan", "so tk"],
  },
  { field: "status", aliases: ["trang thai", "tinh trang", "status"] },
  {
    field: "receiver",
    aliases: [
      "nguoi nhan thay",
      "nguoi nhan",
      "nguoi duoc uy quyen",
      "nguoi uy quyen nhan thay",
      "nguoi duoc uy quyen nhan thay",
      "nguoi linh thay",
      "nguoi nhan ho",
      "nguoi linh ho",
      "receiver",
      "received by",
      "authorised receiver",
      "authorized receiver",
    ],
  },
  { field: "note", aliases: ["ghi chu", "note", "notes"] },
];

const AREA: FieldSpec[] = [
  SERIAL,
  { field: "provinceCode", aliases: ["ma tinh", "ma tinh thanh pho", "province code"] },
  {
    field: "provinceName",
    aliases: ["tinh", "ten tinh", "tinh thanh pho", "ten tinh thanh pho", "province", "province name"],
  },
  { field: "communeCode", aliases: ["ma xa", "ma xa phuong", "ma don vi", "commune code"] },
  {
    field: "communeName",
    aliases: ["xa", "ten xa", "xa phuong", "ten xa phuong", "ten don vi", "commune", "commune name"],
  },
  { field: "communeKind", aliases: ["loai", "cap", "loai don vi", "kind", "type"] },
  // Names the commune had before the 2025 merger, separated by ";".
  {
    field: "formerNames",
    aliases: ["ten cu", "ten truoc sap nhap", "ten xa cu", "xa cu", "cac xa cu", "former names", "former name"],
    prefixes: ["ten cu", "ten truoc"],
  },
];

export const FIELD_SPECS: Record<ImportKind, FieldSpec[]> = {
  beneficiaries: BENEFICIARY,
  payouts: PAYOUT,
  areas: AREA,
};

/** The columns that split a payout's amount, and the kind of line each one is. */
export const PAYOUT_PARTS = {
  partMonthly: "MONTHLY",
  partSupplement: "SUPPLEMENT",
  partCarriedOver: "CARRIED_OVER",
  partBackPay: "BACK_PAY",
  partGift: "GIFT",
  partDeduction: "DEDUCTION",
} as const;

/** Fields a list must have a column for; the others come from a column, the title, or not at all. */
export const REQUIRED: Record<ImportKind, string[]> = {
  beneficiaries: ["personalId", "fullName", "dateOfBirth", "categories"],
  payouts: ["personalId", "amount"],
  areas: ["provinceCode", "provinceName", "communeCode", "communeName"],
};

/** Words in a title that say the column is about someone else (a receiver, a head of household). */
export const OTHER_PERSON =
  /\b(nhan thay|nhan ho|linh thay|linh ho|uy quyen|giam ho|cham soc|chu ho|nguoi nuoi|dai dien|than nhan|vo|chong|cha|me|bo|con|cu|truoc)\b/;
