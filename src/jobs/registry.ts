// Every recurring job the service runs, with what each needs from the configuration.
import type { Config } from "../config.ts";
import { payoutNoticesJob } from "../features/notifications/planPayoutNotices.ts";
import { authorisationExpiryJob } from "../features/requests/expiry.ts";
import { hotlineSlaJob } from "../features/hotline/slaJob.ts";
import { broadcastsJob } from "../features/broadcasts/send.ts";
import { campaignsJob } from "../features/broadcasts/campaignFire.ts";
import { dashboardRecountJob } from "../features/dashboard/recountJob.ts";
import { retentionJob } from "../features/privacy/retention.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Job } from "./scheduler.ts";

const KEEP_RUN_RECORDS_DAYS = 30;

export function serviceJobs(deps: { prisma: PrismaClient; config: Config }): Job[] {
  const { prisma, config } = deps;
  return [
    payoutNoticesJob({ prisma, config }),
    authorisationExpiryJob({ prisma, reminderDays: config.AUTHORISATION_REMINDER_DAYS }),
    hotlineSlaJob({ prisma, config }),
    broadcastsJob({ prisma, config }),
    campaignsJob({ prisma }),
    dashboardRecountJob({ prisma, config }),
    retentionJob({ prisma, config }),
    {
      // One record per job and fire; a month of them is plenty to see what ran where.
      name: "job-run-cleanup",
      schedule: "30 3 * * *",
      run: async (now) => {
        const { count } = await prisma.jobRun.deleteMany({
          where: { startedAt: { lt: new Date(now.getTime() - KEEP_RUN_RECORDS_DAYS * 86_400_000) } },
        });
        return { deleted: count };
      },
    },
  ];
}
