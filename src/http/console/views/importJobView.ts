// A file being checked or imported: where the job is, updated by imports.js every two seconds.
import type { TFunction } from "i18next";
import type { ImportJob } from "../../../generated/prisma/client.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";

type JobState = Pick<ImportJob, "id" | "status" | "phase" | "rowsRead" | "fileName" | "dryRun">;

export const importJobView = {
  progress(t: TFunction, job: JobState): SafeHtml {
    return html`<link rel="stylesheet" href="/console/static/imports.css" />
      <section
        class="panel progress-panel"
        id="job-progress"
        data-status="/console/imports/jobs/${job.id}/status"
        aria-live="polite"
      >
        <h2>
          ${t(job.dryRun ? "imports:jobs.checkingTitle" : "imports:jobs.importingTitle", { fileName: job.fileName })}
        </h2>
        <progress aria-label="${t("imports:jobs.progressLabel")}"></progress>
        <p id="job-progress-text">${importJobView.progressText(t, job)}</p>
        <p class="muted small">${t("imports:jobs.leaveHint")}</p>
      </section>
      <script src="/console/static/imports.js" defer></script>`;
  },

  progressText(t: TFunction, job: JobState): string {
    if (job.status === "QUEUED") return t("imports:jobs.queued");
    return t(`imports:jobs.phases.${job.phase ?? "reading"}`, { count: job.rowsRead });
  },
};
