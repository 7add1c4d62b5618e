import type { Command } from 'commander';
import { resolveDatabasePath } from '../sql/database-path.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { formatTable } from './format-table.ts';

const SHOWCASE_SQL: { title: string; sql: string }[] = [
  {
    title: 'Warehouse contents / 数据概况',
    sql: `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM products) AS products,
                 (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM orders) AS orders,
                 (SELECT count(*) FROM reviews) AS reviews`,
  },
  {
    title: 'Funnel by event type / 行为漏斗',
    sql: `SELECT event_type, count(*) AS events, count(DISTINCT user_id) AS users
          FROM events GROUP BY ALL ORDER BY events DESC`,
  },
];

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Seed the default demo warehouse if it is empty, then show what it holds.')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .action(async (options: { db?: string }) => {
      const databasePath = resolveDatabasePath(options.db);
      const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
      try {
        const existing = await warehouse.query('SELECT count(*) AS events FROM events');
        if (existing.rows[0]?.events === 0) {
          process.stderr.write(`Seeding the demo warehouse at ${databasePath} …\n`);
          await seedDemo(warehouse, {});
        }
        for (const showcase of SHOWCASE_SQL) {
          process.stdout.write(`\n${showcase.title}\n${formatTable(await warehouse.query(showcase.sql))}\n`);
        }
        process.stdout.write(`\nWarehouse: ${databasePath}\nTry: npx shoplens sql "select count(*) from events" --json\n`);
      } finally {
        warehouse.close();
      }
    });
}
