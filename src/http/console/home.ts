// GET /console: counts for the staff member's area.
import type { Request, Response } from "express";
import { areaSummary } from "../../features/beneficiaries/summary.ts";
import { can } from "../../features/staff/roles.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { localeOf, translator } from "./locale.ts";
import { renderPage } from "./render.ts";
import { menuFor } from "./sections.ts";
import { homeView } from "./views/home.ts";

/** Beside the search: the list work, for the roles that do it. */
const SHORTCUTS: string[] = ["imports", "exports", "audit"];

export function homePage(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const staff = getStaff(res);
    // Roles that see no records (the post-office worker) start on their one page.
    const first = menuFor(staff.role)[0];
    if (!can(staff.role, "people.view") && first) {
      res.redirect(`/console${first.path}`);
      return;
    }
    const t = translator(deps, res);
    const [summary, communes] = await Promise.all([
      areaSummary(deps.prisma, staff.communeIds),
      staff.communeIds === null ? Promise.resolve([]) : listAreaCommunes(deps.prisma, staff.communeIds),
    ]);
    const areaLabel =
      staff.communeIds === null
        ? t("console:home.everywhere")
        : communes.length === 0
          ? t("console:home.noArea")
          : communes.length <= 3
            ? communes.map((c) => c.name).join(", ")
            : t("console:home.communes", { count: communes.length });
    const shortcuts = menuFor(staff.role)
      .filter((s) => SHORTCUTS.includes(s.key))
      .map((s) => ({ key: s.key, href: `/console${s.path}` }));
    renderPage(deps, req, res, {
      title: t("console:home.title"),
      active: "home",
      body: homeView(t, { summary, staff, locale: localeOf(res), areaLabel, shortcuts }),
    });
  };
}
