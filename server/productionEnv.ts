/**
 * Import first in an entry point (npm start, the server, the bench): NODE_ENV is "production" unless
 * set (npm run dev sets "development", vitest "test"). graphql-js picks its `instanceOf` when it loads:
 * outside production every failed type check also compares class names to warn about two copies of
 * graphql, about 4% of the CPU of a journey map request (npm run bench -- --profile). The server's
 * own production switch is Config.production (production unless NODE_ENV=development).
 */
process.env.NODE_ENV ??= 'production';
export {};
