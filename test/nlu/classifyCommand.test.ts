// `npm run classify`, end to end: utterances in on stdin, one JSON object per line out.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const lineSchema = z.object({ text: z.string(), intent: z.string(), confidence: z.number() });

function runClassify(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/classify.ts"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("classify command", () => {
  it("prints one JSON line per utterance and skips empty lines", async () => {
    const { code, stdout, stderr } = await runClassify(
      "khi nào phát tiền\n\n   \nme toi mat roi\r\ngiá xăng hôm nay\ncảm ơn cháu",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split("\n")
      .map((l) => lineSchema.parse(JSON.parse(l)));
    expect(lines.map((l) => [l.text, l.intent])).toEqual([
      ["khi nào phát tiền", "payout_schedule"],
      ["me toi mat roi", "report_death"],
      ["giá xăng hôm nay", "unknown"],
      ["cảm ơn cháu", "thanks"],
    ]);
    for (const l of lines) {
      expect(l.confidence).toBeGreaterThan(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
      expect(Math.round(l.confidence * 1000) / 1000).toBe(l.confidence);
    }
  });

  it("prints nothing for empty input", async () => {
    const { code, stdout } = await runClassify("");
    expect(code).toBe(0);
    expect(stdout).toBe("");
  });
});
