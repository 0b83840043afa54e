// What the Dockerfile's last stage (the image that runs) copies: each COPY line as the source (a
// path of the checkout, or "build:<path>" from the build stage) and the path in /app it lands on.
export interface RuntimeCopy {
  from: string;
  to: string;
}

export function runtimeCopies(dockerfile: string): RuntimeCopy[] {
  const stages = dockerfile.split(/^FROM\s/m);
  const last = stages.at(-1) ?? "";
  const copies: RuntimeCopy[] = [];
  for (const line of last.split("\n")) {
    const m = /^COPY\s+(.*)$/.exec(line.trim());
    if (!m?.[1]) continue;
    const words = m[1].split(/\s+/);
    const stage = words.find((w) => w.startsWith("--from="))?.slice("--from=".length);
    const paths = words.filter((w) => !w.startsWith("--"));
    const to = paths.pop();
    if (!to || paths.length === 0) throw new Error(`cannot read the Dockerfile line: ${line}`);
    for (const from of paths) {
      const target = to.endsWith("/") || paths.length > 1 ? `${to.replace(/\/$/, "")}/${from.split("/").pop()}` : to;
      copies.push({ from: stage ? `${stage}:${from}` : from, to: target.replace(/^\.\//, "") });
    }
  }
  return copies;
}
