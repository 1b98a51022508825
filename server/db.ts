import 'reflect-metadata';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { DataloaderType, ReflectMetadataProvider } from '@mikro-orm/core';
import path from 'node:path';
import { ROOT } from './config.js';
import { entities } from './entities.js';
import { ForgetCallersOnWrite } from './auth/auth.service.js';
import { ForgetJourneysOnWrite } from './modules/journeys/journey.snapshot.js';
import { migrationsList } from './migrations/index.js';

export type ORM = MikroORM;

export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // References and collections loaded in the same tick are fetched in one query (no N+1 in nested GraphQL fields).
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    // Remembered callers (auth.service resolveCaller) are dropped after every write, so a revocation is seen at once;
    // remembered journey models (journey.snapshot.ts) after every write to the model, so an edit is seen by the next read.
    subscribers: [new ForgetCallersOnWrite(), new ForgetJourneysOnWrite()],
    pool: { min: 0, max: 10 },
    migrations: {
      migrationsList,
      path: path.join(ROOT, 'server/migrations'),
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    ...overrides,
  };
}

/** The one composition root: connects, applies pending migrations, and returns the ORM. Shared by app, seeds and tests. */
export async function initORM(clientUrl: string, overrides: Partial<Options> = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(clientUrl, overrides));
  await orm.getMigrator().up();
  return orm;
}
