// Follows an import job the way the console page does: upload (or import), then ask for its status
// until it is done, then read the page with the report.
import type { SignedIn } from "../helpers/app.ts";

export interface JobPage {
  jobId: string;
  status: number;
  html: string;
}

export async function uploadForCheck(
  url: string,
  who: SignedIn,
  o: { data: Buffer; name?: string; kind?: string; token?: string | null },
): Promise<Response> {
  // As the page's form sends it: the token first (the only part the CSRF check reads), then the
  // fields and the file.
  const form = new FormData();
  const token = o.token === undefined ? who.csrfToken : o.token;
  if (token !== null) form.set("_csrf", token);
  form.set("kind", o.kind ?? "beneficiaries");
  form.set("file", new Blob([new Uint8Array(o.data)]), o.name ?? "ds.xlsx");
  return fetch(`${url}/console/imports/check`, {
    method: "POST",
    body: form,
    headers: { cookie: who.cookie },
    redirect: "manual",
  });
}

/** The job a 303 answer points to, followed until its report page is ready. */
export async function finishedJob(url: string, who: SignedIn, res: Response, timeoutMs = 60_000): Promise<JobPage> {
  const location = res.headers.get("location") ?? "";
  const jobId = /\/console\/imports\/jobs\/([0-9a-f-]+)$/.exec(location)?.[1];
  if (res.status !== 303 || !jobId) throw new Error(`expected a redirect to a job, got ${res.status} ${location}`);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${url}/console/imports/jobs/${jobId}/status`, { headers: { cookie: who.cookie } });
    const body: unknown = await status.json();
    if (typeof body === "object" && body !== null && "done" in body && body.done === true) break;
    if (Date.now() > until) throw new Error(`import job ${jobId} not done after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const page = await fetch(`${url}/console/imports/jobs/${jobId}`, { headers: { cookie: who.cookie } });
  return { jobId, status: page.status, html: await page.text() };
}

export async function applyChecked(
  url: string,
  who: SignedIn,
  jobId: string,
  o: { skipInvalid?: boolean } = {},
): Promise<Response> {
  const body = new URLSearchParams({ _csrf: who.csrfToken, ...(o.skipInvalid ? { skipInvalid: "1" } : {}) });
  return fetch(`${url}/console/imports/jobs/${jobId}/apply`, {
    method: "POST",
    body,
    headers: { cookie: who.cookie },
    redirect: "manual",
  });
}
