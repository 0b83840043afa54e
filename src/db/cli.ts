// Database commands: `npm run db:migrate`, `npm run db:migration:create -- <name>`, `npm run db:check`.
import { openDatabase, runCommand } from "../cli/openDatabase.ts";
import { createOfflineMigrator } from "./migrator.ts";

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case "apply":
      return openDatabase(async ({ applied }) => {
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
        return 0;
      });
    case "create": {
      const name = args.join("_");
      if (!name) {
        console.error("Usage: npm run db:migration:create -- <name>");
        return 2;
      }
      const migrator = await createOfflineMigrator();
      try {
        const folder = await migrator.createMigration(name);
        console.log(folder ? `Created prisma/migrations/${folder}` : "Schema and migrations already agree.");
      } finally {
        await migrator.close();
      }
      return 0;
    }
    case "check": {
      const migrator = await createOfflineMigrator();
      try {
        const sql = await migrator.pendingSchemaChanges();
        if (sql) {
          console.error("prisma/schema.prisma has changes that no migration contains:\n" + sql);
          console.error("Create one with: npm run db:migration:create -- <name>");
          return 1;
        }
        console.log("Schema and migrations agree.");
      } finally {
        await migrator.close();
      }
      return 0;
    }
    default:
      console.error("Usage: tsx src/db/cli.ts apply|create <name>|check");
      return 2;
  }
}

runCommand(main);
