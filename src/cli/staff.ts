// Staff accounts from the command line:
//   npm run staff -- create --username u --role COMMUNE_OFFICER --commune <code> [--province <code>] --name "…"
//   npm run staff -- create --username u --role POST_OFFICE --commune <code> [--commune <code>]... --name "…"
//   npm run staff -- list
//   npm run staff -- set-password --username u
// The password comes from STAFF_PASSWORD or is asked for (not echoed), never from an argument,
// so it does not end up in the shell history or the process list.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { AppError } from "../core/errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { StaffRole } from "../generated/prisma/enums.ts";
import { createStaffUser, listStaffUsers, setStaffPassword } from "../features/staff/accounts.ts";
import { openDatabase, runCommand } from "./openDatabase.ts";

const USAGE = `Usage:
  npm run staff -- create --username <u> --role <ADMIN|PROVINCE_OFFICER|COMMUNE_OFFICER|HOTLINE_AGENT|POST_OFFICE> --name "<full name>"
                          [--commune <code>]... [--province <code>]... [--locale vi|en] [--hotline-supervisor]
  npm run staff -- list
  npm run staff -- set-password --username <u>
The password is read from STAFF_PASSWORD, or asked for.`;

export interface StaffCliIo {
  prisma: PrismaClient;
  print(line: string): void;
  /** Returns the new password (from the environment or a prompt). */
  readPassword(): Promise<string>;
  now(): Date;
}

/** Runs one command; returns the process exit code. */
export async function runStaffCli(argv: string[], io: StaffCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    io.print(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  try {
    switch (positionals[0]) {
      case "create": {
        const user = await createStaffUser(io.prisma, {
          username: values.username ?? "",
          fullName: values.name ?? "",
          role: z.enum(StaffRole).parse(values.role),
          communeCodes: values.commune ?? [],
          provinceCodes: values.province ?? [],
          locale: z.enum(["vi", "en"]).optional().parse(values.locale),
          hotlineSupervisor: values["hotline-supervisor"] ?? false,
          password: await io.readPassword(),
        });
        io.print(`Created ${user.username}.`);
        return 0;
      }
      case "list": {
        for (const u of await listStaffUsers(io.prisma, io.now())) {
          const flags = [u.active ? "" : "inactive", u.locked ? "locked" : ""].filter(Boolean).join(", ");
          io.print(
            `${u.username}\t${u.role}\t${u.fullName}\t${u.areas.join("; ") || "-"}${flags ? `\t(${flags})` : ""}`,
          );
        }
        return 0;
      }
      case "set-password": {
        if (!values.username) throw new AppError("bad_request", "--username is required");
        await setStaffPassword(io.prisma, values.username, await io.readPassword());
        io.print(`Password changed for ${values.username}; their sessions were ended.`);
        return 0;
      }
      default:
        io.print(USAGE);
        return 2;
    }
  } catch (err) {
    if (err instanceof z.ZodError) {
      io.print(`Invalid input: ${err.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ")}`);
      return 2;
    }
    if (err instanceof AppError) {
      io.print(err.message);
      return 1;
    }
    throw err;
  }
}

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      commune: { type: "string", multiple: true },
      province: { type: "string", multiple: true },
      locale: { type: "string" },
      "hotline-supervisor": { type: "boolean" },
    },
  });
}

/** Asks twice without echoing what is typed. */
async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError("bad_request", "Set STAFF_PASSWORD or run in a terminal to be asked");
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(q);
      muted = true;
      rl.question("", (answer) => {
        muted = false;
        process.stdout.write("\n");
        resolve(answer);
      });
    });
  try {
    const first = await ask("Password: ");
    const second = await ask("Repeat password: ");
    if (first !== second) throw new AppError("bad_request", "The passwords differ");
    return first;
  } finally {
    rl.close();
  }
}

async function main(): Promise<number> {
  return openDatabase(async ({ db }) => {
    // A one-off secret for this command, deliberately kept out of the service configuration.
    const fromEnv = process.env.STAFF_PASSWORD;
    return runStaffCli(process.argv.slice(2), {
      prisma: db.prisma,
      print: (line) => console.log(line),
      readPassword: () => (fromEnv ? Promise.resolve(fromEnv) : promptPassword()),
      now: () => new Date(),
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) runCommand(main);
