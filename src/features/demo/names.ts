// Vietnamese full names (family name, middle name, given name) with a realistic spread: a few
// family names are very common, and the middle name "Thị" is typical of older women.
import type { Random } from "./random.ts";

const FAMILY: readonly (readonly [string, number])[] = [
  ["Nguyễn", 38],
  ["Trần", 11],
  ["Lê", 9.5],
  ["Phạm", 7],
  ["Hoàng", 3],
  ["Huỳnh", 2],
  ["Phan", 4.5],
  ["Vũ", 2.5],
  ["Võ", 1.5],
  ["Đặng", 2.1],
  ["Bùi", 2],
  ["Đỗ", 1.4],
  ["Hồ", 1.3],
  ["Ngô", 1.3],
  ["Dương", 1],
  ["Lý", 0.5],
  ["Đinh", 0.8],
  ["Lương", 0.5],
  ["Trịnh", 0.6],
  ["Mai", 0.4],
  ["Lò", 0.3],
];

const MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Đình", "Ngọc"];
const MIDDLE_FEMALE_OLD = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Kim", "Thu"];
const MIDDLE_FEMALE_YOUNG = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Phương", "Bảo", "Khánh", "Minh"];

const GIVEN_MALE = [
  "Hùng",
  "Dũng",
  "Tuấn",
  "Minh",
  "Nam",
  "Long",
  "Sơn",
  "Hải",
  "Phúc",
  "Thắng",
  "Lâm",
  "Bình",
  "Cường",
  "Tài",
  "Đức",
  "Khoa",
  "Quân",
  "Huy",
  "Hòa",
  "Thành",
  "Trung",
  "Lộc",
  "Tâm",
  "Chiến",
  "Lực",
  "Tư",
  "Sáu",
  "Hiếu",
  "Toàn",
  "Vinh",
  "Quý",
  "Khải",
  "Bảo",
  "An",
  "Đạt",
];
const GIVEN_FEMALE = [
  "Lan",
  "Hoa",
  "Mai",
  "Hương",
  "Hạnh",
  "Thảo",
  "Nga",
  "Hằng",
  "Linh",
  "Trang",
  "Yến",
  "Nhung",
  "Tuyết",
  "Loan",
  "Xuân",
  "Cúc",
  "Đào",
  "Liên",
  "Hồng",
  "Ngọc",
  "Vân",
  "Tâm",
  "Dung",
  "Phượng",
  "Sen",
  "Lý",
  "Nụ",
  "Huệ",
  "Thơm",
  "Gấm",
  "Chi",
  "Anh",
  "Vy",
  "My",
  "Hà",
];

export function vietnameseName(rng: Random, sex: "MALE" | "FEMALE", birthYear: number, family?: string): string {
  const surname = family ?? rng.weighted(FAMILY);
  const middle =
    sex === "MALE" ? rng.pick(MIDDLE_MALE) : rng.pick(birthYear < 1975 ? MIDDLE_FEMALE_OLD : MIDDLE_FEMALE_YOUNG);
  const given = rng.pick(sex === "MALE" ? GIVEN_MALE : GIVEN_FEMALE);
  return `${surname} ${middle} ${given}`;
}

export function familyNameOf(fullName: string): string {
  return fullName.split(" ")[0] ?? fullName;
}
