// The 34 provinces since 1 July 2025 with their administrative codes and about as many communes
// as each has (3,321 in all), for the national benchmark's world.
export const PROVINCES: readonly { code: string; name: string; communes: number }[] = [
  { code: "001", name: "Hà Nội", communes: 126 },
  { code: "004", name: "Cao Bằng", communes: 56 },
  { code: "008", name: "Tuyên Quang", communes: 124 },
  { code: "011", name: "Điện Biên", communes: 45 },
  { code: "012", name: "Lai Châu", communes: 38 },
  { code: "014", name: "Sơn La", communes: 75 },
  { code: "015", name: "Lào Cai", communes: 99 },
  { code: "019", name: "Thái Nguyên", communes: 92 },
  { code: "020", name: "Lạng Sơn", communes: 65 },
  { code: "022", name: "Quảng Ninh", communes: 54 },
  { code: "024", name: "Bắc Ninh", communes: 99 },
  { code: "025", name: "Phú Thọ", communes: 148 },
  { code: "031", name: "Hải Phòng", communes: 114 },
  { code: "033", name: "Hưng Yên", communes: 104 },
  { code: "037", name: "Ninh Bình", communes: 129 },
  { code: "038", name: "Thanh Hóa", communes: 166 },
  { code: "040", name: "Nghệ An", communes: 130 },
  { code: "042", name: "Hà Tĩnh", communes: 69 },
  { code: "044", name: "Quảng Trị", communes: 78 },
  { code: "046", name: "Huế", communes: 40 },
  { code: "048", name: "Đà Nẵng", communes: 94 },
  { code: "051", name: "Quảng Ngãi", communes: 96 },
  { code: "052", name: "Gia Lai", communes: 135 },
  { code: "056", name: "Khánh Hòa", communes: 65 },
  { code: "066", name: "Đắk Lắk", communes: 102 },
  { code: "068", name: "Lâm Đồng", communes: 124 },
  { code: "075", name: "Đồng Nai", communes: 95 },
  { code: "079", name: "Hồ Chí Minh", communes: 168 },
  { code: "080", name: "Tây Ninh", communes: 96 },
  { code: "082", name: "Đồng Tháp", communes: 102 },
  { code: "086", name: "Vĩnh Long", communes: 124 },
  { code: "091", name: "An Giang", communes: 102 },
  { code: "092", name: "Cần Thơ", communes: 103 },
  { code: "096", name: "Cà Mau", communes: 64 },
];

export const COMMUNE_COUNT = PROVINCES.reduce((n, p) => n + p.communes, 0);

/** Province index (0-based) of commune number c (1-based), communes numbered province by province. */
export function provinceOfCommune(c: number): number {
  let end = 0;
  for (let p = 0; p < PROVINCES.length; p++) {
    end += PROVINCES[p]!.communes;
    if (c <= end) return p;
  }
  throw new Error(`no commune ${c}`);
}

/** Commune number (1-based) of beneficiary i: spread evenly, the same in SQL (communeOfSql). */
export function communeOf(i: number): number {
  return ((i * 7919) % COMMUNE_COUNT) + 1;
}

export function communeOfSql(i: string): string {
  return `((${i}::bigint * 7919) % ${COMMUNE_COUNT} + 1)`;
}
