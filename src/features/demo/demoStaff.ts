// Staff accounts that exist only in demo databases, with published passwords so anyone trying the
// demo can sign in. They are created together with the demo province and never otherwise.

export interface DemoStaffMember {
  username: string;
  password: string;
  role: "ADMIN" | "PROVINCE_OFFICER" | "COMMUNE_OFFICER" | "HOTLINE_AGENT";
  fullName: string;
  /** "province" for the whole demo province, a commune code, or null for no area (admin). */
  area: string | null;
}

export const DEMO_STAFF: readonly DemoStaffMember[] = [
  { username: "admin", password: "admin-demo-2026", role: "ADMIN", fullName: "Quản trị hệ thống (demo)", area: null },
  {
    username: "tinh",
    password: "tinh-demo-2026",
    role: "PROVINCE_OFFICER",
    fullName: "Trần Thị Minh Thư (cán bộ tỉnh, demo)",
    area: "province",
  },
  {
    username: "xa1",
    password: "xa1-demo-2026",
    role: "COMMUNE_OFFICER",
    fullName: "Nguyễn Văn Hậu (cán bộ xã Tân Phú An, demo)",
    area: "A0101",
  },
  {
    username: "xa2",
    password: "xa2-demo-2026",
    role: "COMMUNE_OFFICER",
    fullName: "Lê Thị Bích Ngọc (cán bộ phường Bình Minh, demo)",
    area: "A0102",
  },
  {
    username: "tongdai",
    password: "tongdai-demo-2026",
    role: "HOTLINE_AGENT",
    fullName: "Phạm Thu Hà (tổng đài viên, demo)",
    area: "province",
  },
];
