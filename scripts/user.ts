/**
 * Manage users from the command line (for admins with access to the server).
 *   npm run user -- list
 *   npm run user -- create <email> <ADMIN|STRATEGIST|ANALYST|EXECUTIVE> [name]
 *   npm run user -- reset-password <email>
 * Uses DATABASE_URL, or starts the embedded PostgreSQL in .data/ (stop the server first: one owner per data directory).
 */
import { loadConfig } from '../server/config.js';
import { initORM } from '../server/db.js';
import { startEmbeddedPostgres } from '../server/postgres.js';
import { User } from '../server/modules/users/user.entity.js';
import { Role } from '../server/modules/users/user.enums.js';
import { createUser, resetPassword } from '../server/modules/users/user.service.js';
import { normalEmail } from '../server/common/validation.js';

const usage = 'Usage: npm run user -- list | create <email> <ADMIN|STRATEGIST|ANALYST|EXECUTIVE> [name] | reset-password <email>';
const [command, ...args] = process.argv.slice(2);
const roles = Object.values(Role);

const config = loadConfig();
const pg = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.pgPort });
const orm = await initORM(config.databaseUrl ?? pg!.url);
const em = orm.em.fork();
let exitCode = 0;
try {
  if (command === 'list') {
    const users = await em.find(User, {}, { orderBy: { email: 'asc' } });
    for (const u of users) console.log(`${u.role.padEnd(10)} ${u.email.padEnd(36)} ${u.active ? 'active' : 'inactive'}  ${u.name}`);
    if (users.length === 0) console.log('No users yet: `npm start` creates the first ADMIN.');
  } else if (command === 'create') {
    const [email, role, ...name] = args;
    const match = roles.find((r) => r === role?.toUpperCase());
    if (!email || !match) throw new Error(`create needs an e-mail and a role (${roles.join(', ')}).\n${usage}`);
    const { user, password } = await createUser(em, { email, role: match, name: name.join(' ') || email });
    console.log(`Created ${user.role} ${user.email}. Password (shown once): ${password}`);
  } else if (command === 'reset-password') {
    const user = await em.findOne(User, { email: normalEmail(args[0] ?? '') });
    if (!user) throw new Error(`No user with e-mail "${args[0] ?? ''}". List them with: npm run user -- list`);
    const { password } = await resetPassword(em, user.id);
    console.log(`New password for ${user.email} (shown once; sessions ended): ${password}`);
  } else {
    throw new Error(usage);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await orm.close(true);
  await pg?.stop();
}
process.exit(exitCode);
