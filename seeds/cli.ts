/**
 * Loads the demo company into an empty database, or with --reset replaces the journey model,
 * initiatives and targets with it (users and history stay).
 *   npm run seed [-- --reset]
 * Stop the server first when it uses the embedded PostgreSQL.
 */
import { loadConfig } from '../server/config.js';
import { initORM } from '../server/db.js';
import { startEmbeddedPostgres } from '../server/postgres.js';
import { demoCompany } from './demo/company.js';
import { isModelEmpty, loadDemoCompany, replaceWithDemoCompany } from './demo/load.js';

const reset = process.argv.includes('--reset');
const config = loadConfig();
const pg = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.pgPort });
const orm = await initORM(config.databaseUrl ?? pg!.url);
let exitCode = 0;
try {
  const em = orm.em.fork();
  if (await isModelEmpty(em)) {
    const loaded = await loadDemoCompany(em, demoCompany);
    console.log(`Loaded "${demoCompany.name}": ${loaded.phases} phases, ${loaded.touchpoints} touchpoints.`);
  } else {
    if (!reset) throw new Error('The database already has a journey model. Use `npm run seed -- --reset` to replace it with the demo company.');
    const loaded = await replaceWithDemoCompany(em, demoCompany);
    console.log(`Replaced the journey model with "${demoCompany.name}": ${loaded.phases} phases, ${loaded.touchpoints} touchpoints; ${loaded.relinked} users and follow-up cases kept their department.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await orm.close(true);
  await pg?.stop();
}
process.exit(exitCode);
