// The demo province is fictional ("Tỉnh An Hòa", code A01): any resemblance to a real place is
// accidental. Payout days and time windows differ per commune because they are local practice.

export interface DemoPoint {
  name: string;
  address: string;
  /** Day of the month this point pays on. */
  day: number;
  window: readonly [string, string];
}

export interface DemoCommune {
  code: string;
  name: string;
  /** Name without the "Xã"/"Phường" prefix, as written after "thôn …, xã …". */
  shortName: string;
  kind: "XA" | "PHUONG" | "DAC_KHU";
  legacyDistrict: string;
  hamlets: readonly string[];
  points: readonly DemoPoint[];
  /** Relative share of the province's beneficiaries living here. */
  weight: number;
  /** Share of people paid into an account (urban wards are ahead, mountain communes behind). */
  accountShare: number;
}

export const DEMO_PROVINCE = { code: "A01", name: "Tỉnh An Hòa" } as const;

/** Home registration of most people in the demo (an existing ID province code). */
export const DEMO_ID_PROVINCE_CODE = "040";

const am = ["07:30", "11:00"] as const;
const pm = ["13:30", "16:30"] as const;

export const DEMO_COMMUNES: readonly DemoCommune[] = [
  {
    code: "A0101",
    name: "Xã Tân Phú An",
    shortName: "Tân Phú An",
    kind: "XA",
    legacyDistrict: "Huyện Tân Phú",
    hamlets: ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn 7", "Thôn 8"],
    points: [
      { name: "Nhà văn hóa thôn 2", address: "Thôn 2, xã Tân Phú An", day: 5, window: am },
      { name: "Nhà văn hóa thôn 6", address: "Thôn 6, xã Tân Phú An", day: 5, window: pm },
      { name: "Bưu điện xã Tân Phú An", address: "Thôn 4, xã Tân Phú An", day: 6, window: am },
    ],
    weight: 22,
    accountShare: 0.45,
  },
  {
    code: "A0102",
    name: "Phường Bình Minh",
    shortName: "Bình Minh",
    kind: "PHUONG",
    legacyDistrict: "Thành phố An Hòa",
    hamlets: [
      "Tổ dân phố 1",
      "Tổ dân phố 2",
      "Tổ dân phố 3",
      "Tổ dân phố 4",
      "Tổ dân phố 5",
      "Tổ dân phố 6",
      "Tổ dân phố 7",
    ],
    points: [
      { name: "Trụ sở UBND phường Bình Minh", address: "Số 2 đường Lê Lợi, phường Bình Minh", day: 6, window: am },
      { name: "Nhà văn hóa tổ dân phố 4", address: "Tổ dân phố 4, phường Bình Minh", day: 7, window: am },
      { name: "Bưu điện phường Bình Minh", address: "Số 15 đường Trần Phú, phường Bình Minh", day: 7, window: pm },
    ],
    weight: 20,
    accountShare: 0.75,
  },
  {
    code: "A0103",
    name: "Xã Sơn Lâm Thượng",
    shortName: "Sơn Lâm Thượng",
    kind: "XA",
    legacyDistrict: "Huyện Sơn Lâm",
    hamlets: ["Thôn Nà Khoang", "Thôn Bản Chang", "Thôn Khuổi Mạ", "Thôn Lũng Phìn", "Thôn Cốc Lùng"],
    points: [
      {
        name: "Nhà văn hóa thôn Nà Khoang",
        address: "Thôn Nà Khoang, xã Sơn Lâm Thượng",
        day: 8,
        window: ["08:00", "11:30"],
      },
      {
        name: "Điểm trường thôn Lũng Phìn",
        address: "Thôn Lũng Phìn, xã Sơn Lâm Thượng",
        day: 8,
        window: ["13:00", "16:00"],
      },
      {
        name: "Bưu điện xã Sơn Lâm Thượng",
        address: "Thôn Bản Chang, xã Sơn Lâm Thượng",
        day: 9,
        window: ["08:00", "11:30"],
      },
    ],
    weight: 14,
    accountShare: 0.2,
  },
  {
    code: "A0104",
    name: "Xã Long Hưng Tây",
    shortName: "Long Hưng Tây",
    kind: "XA",
    legacyDistrict: "Huyện Long Hưng",
    hamlets: ["Ấp Long Thạnh", "Ấp Hưng Lợi", "Ấp Tân Hòa", "Ấp Phú Mỹ", "Ấp Bình Thạnh"],
    points: [
      {
        name: "Nhà văn hóa ấp Long Thạnh",
        address: "Ấp Long Thạnh, xã Long Hưng Tây",
        day: 7,
        window: ["07:00", "10:30"],
      },
      { name: "Bưu điện xã Long Hưng Tây", address: "Ấp Tân Hòa, xã Long Hưng Tây", day: 7, window: pm },
    ],
    weight: 16,
    accountShare: 0.5,
  },
  {
    code: "A0105",
    name: "Phường Đông Hải",
    shortName: "Đông Hải",
    kind: "PHUONG",
    legacyDistrict: "Thị xã Đông Hải",
    hamlets: ["Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3", "Tổ dân phố 4", "Tổ dân phố 5", "Tổ dân phố 6"],
    points: [
      { name: "Nhà văn hóa tổ dân phố 3", address: "Tổ dân phố 3, phường Đông Hải", day: 9, window: am },
      { name: "Bưu điện phường Đông Hải", address: "Số 8 đường Hùng Vương, phường Đông Hải", day: 10, window: am },
    ],
    weight: 18,
    accountShare: 0.7,
  },
  {
    code: "A0106",
    name: "Đặc khu Hòn Ngọc",
    shortName: "Hòn Ngọc",
    kind: "DAC_KHU",
    legacyDistrict: "Huyện đảo Hòn Ngọc",
    hamlets: ["Khu dân cư Bãi Bắc", "Khu dân cư Bãi Nam", "Khu dân cư Cảng Cá"],
    points: [
      { name: "Bưu điện đặc khu Hòn Ngọc", address: "Khu dân cư Cảng Cá, đặc khu Hòn Ngọc", day: 10, window: am },
      { name: "Nhà văn hóa khu dân cư Bãi Nam", address: "Khu dân cư Bãi Nam, đặc khu Hòn Ngọc", day: 10, window: pm },
    ],
    weight: 10,
    accountShare: 0.35,
  },
];

/** The earliest payout day of any commune: before it, this month's payouts are still ahead. */
export const FIRST_PAYOUT_DAY = Math.min(...DEMO_COMMUNES.flatMap((c) => c.points.map((p) => p.day)));

/** How the commune is written inside an address: "xã Tân Phú An", "phường Bình Minh". */
export function communeInAddress(c: DemoCommune): string {
  const prefix = c.kind === "XA" ? "xã" : c.kind === "PHUONG" ? "phường" : "đặc khu";
  return `${prefix} ${c.shortName}`;
}
